/*
 * tumac count: words, characters and segments per file and in total, for
 * plain text and HTML (as the extraction filter makes it: the source of every
 * segment, inline codes as U+FFFC; XLIFF the same way). The counting
 * rules are the library's (tu_segmenter_count); README "Counting" states them.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

const char cmd_count_usage[] =
    "--lang TAG [--format text|json] FILE...\n"
    "\n"
    "Count words, characters (with and without spaces) and sentences of each\n"
    "FILE and in total. Plain text (UTF-8), HTML (.html, .htm), Word (.docx)\n"
    "and ODF text (.odt) are told apart by the name.\n"
    "\n"
    "  -l, --lang TAG        language of the text: bs, hr, sr-Latn, sr-Cyrl, en, ...\n"
    "  -f, --format FORMAT   text (a table, the default) or json\n";

enum input_kind { INPUT_TEXT, INPUT_HTML, INPUT_OFFICE, INPUT_XLIFF };

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s);
    size_t m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static enum input_kind kind_of(const char *path)
{
    if (ends_with(path, ".html") || ends_with(path, ".htm") ||
        ends_with(path, ".xhtml")) {
        return INPUT_HTML;
    }
    if (ends_with(path, ".xlf") || ends_with(path, ".xliff")) {
        return INPUT_XLIFF;
    }
    if (ends_with(path, ".docx") || ends_with(path, ".docm") || ends_with(path, ".odt")) {
        return INPUT_OFFICE;
    }
    return INPUT_TEXT;
}

struct file_count {
    const char *path;
    struct tu_counts c;
};

static void json_counts(const struct tu_counts *c)
{
    printf("\"words\": %zu, \"chars\": %zu, \"chars_no_spaces\": %zu, "
           "\"segments\": %zu",
           c->words, c->chars, c->chars_no_spaces, c->segments);
}

static void print_report(const struct file_count *files, size_t n,
                         const struct tu_counts *total, bool json)
{
    if (json) {
        printf("{\"files\": [");
        for (size_t i = 0; i < n; i++) {
            printf("%s\n  {\"file\": ", i ? "," : "");
            cli_json_str(stdout, files[i].path);
            printf(", ");
            json_counts(&files[i].c);
            printf("}");
        }
        printf("],\n \"total\": {");
        json_counts(total);
        printf("}}\n");
        return;
    }
    printf("%9s %9s %9s %9s  %s\n", "words", "chars", "no-spaces", "segments",
           "file");
    for (size_t i = 0; i < n; i++) {
        printf("%9zu %9zu %9zu %9zu  %s\n", files[i].c.words, files[i].c.chars,
               files[i].c.chars_no_spaces, files[i].c.segments, files[i].path);
    }
    if (n > 1) {
        printf("%9zu %9zu %9zu %9zu  total\n", total->words, total->chars,
               total->chars_no_spaces, total->segments);
    }
}

struct xliff_count_ctx {
    struct tu_segmenter *seg;
    const char *lang;
    struct tu_counts *c;
    struct tu_buf text;
    struct tu_error *err;
};

/* The source of each segment: text as is, codes as U+FFFC, markers dropped. */
static enum tu_status count_unit(struct tu_unit *unit, void *ctx_)
{
    struct xliff_count_ctx *ctx = ctx_;

    if (unit->translate == 0) {
        return TU_OK;
    }
    for (size_t i = 0; i < unit->seg_count; i++) {
        const struct tu_segment *s = &unit->segs[i];
        struct tu_counts one = {0};
        enum tu_status rc;

        if (s->is_ignorable || s->translate == 0) {
            continue;
        }
        tu_buf_truncate(&ctx->text, 0);
        for (size_t k = 0; k < s->source.count; k++) {
            const struct tu_inline *in = &s->source.items[k];
            switch (in->kind) {
            case TU_INLINE_TEXT:
                tu_buf_adds(&ctx->text, in->text);
                break;
            case TU_INLINE_PH:
            case TU_INLINE_PC_START:
            case TU_INLINE_PC_END:
            case TU_INLINE_SC:
            case TU_INLINE_EC:
                tu_buf_adds(&ctx->text, "\xEF\xBF\xBC");
                break;
            default:
                break; /* annotations are not codes */
            }
        }
        if (ctx->text.status != TU_OK) {
            return tu_error_set(ctx->err, ctx->text.status, "out of memory");
        }
        rc = tu_segmenter_count(ctx->seg, ctx->lang, ctx->text.data,
                                ctx->text.len, &one, ctx->err);
        if (rc != TU_OK) {
            return rc;
        }
        ctx->c->words += one.words;
        ctx->c->chars += one.chars;
        ctx->c->chars_no_spaces += one.chars_no_spaces;
        ctx->c->segments += one.segments;
    }
    return TU_OK;
}

/* Every translatable segment of a model (extracted HTML, later XLIFF). */
static enum tu_status count_doc(struct tu_segmenter *seg, const char *lang,
                                struct tu_doc *doc, struct tu_counts *c,
                                struct tu_error *err)
{
    struct xliff_count_ctx ctx = {seg, lang, c, {0}, err};
    enum tu_status rc = TU_OK;

    memset(c, 0, sizeof(*c));
    tu_buf_init(&ctx.text, TU_BUF_NO_LIMIT);
    for (size_t f = 0; f < doc->file_count && rc == TU_OK; f++) {
        rc = tu_file_each_unit(doc->files[f], count_unit, &ctx);
    }
    tu_buf_release(&ctx.text);
    return rc;
}

/*
 * Count a model that `loaded` (the status of reading or extracting it) says
 * is there; frees it either way and puts the path on any error.
 */
static enum tu_status count_loaded(struct tu_segmenter *seg, const char *lang,
                                   const char *path, struct tu_doc *doc,
                                   enum tu_status loaded, struct tu_counts *c,
                                   struct tu_error *err)
{
    enum tu_status rc = loaded;

    if (rc == TU_OK) {
        rc = count_doc(seg, lang, doc, c, err);
    }
    tu_doc_free(doc);
    if (rc != TU_OK) {
        tu_error_set_path(err, path);
    }
    return rc;
}

/* XLIFF input: the source of every segment, as the translator sees it. */
static enum tu_status count_xliff(struct tu_segmenter *seg, const char *lang,
                                  const char *path, struct tu_counts *c,
                                  struct tu_error *err)
{
    struct tu_doc *doc = NULL;
    enum tu_status rc = tu_xliff_read_file(path, &doc, err);

    return count_loaded(seg, lang, path, doc, rc, c, err);
}

/* HTML, DOCX, ODT through the extraction filter: the text a translator
 * gets. `format` is "html" or "auto" (the package's name decides). */
static enum tu_status count_extracted(struct tu_segmenter *seg, const char *lang,
                                      const char *path, const char *format,
                                      struct tu_counts *c, struct tu_error *err)
{
    struct tu_extract_opts opts = {0};
    struct tu_doc *doc = NULL;
    enum tu_status rc;

    opts.src_lang = lang;
    opts.format = format;
    rc = tu_extract_file(path, &opts, &doc, err);
    return count_loaded(seg, lang, path, doc, rc, c, err);
}

static enum tu_status count_file(struct tu_segmenter *seg, const char *lang,
                                 const char *path, struct tu_counts *c,
                                 struct tu_error *err)
{
    struct tu_buf in;
    enum tu_status rc;

    if (kind_of(path) == INPUT_XLIFF) {
        return count_xliff(seg, lang, path, c, err);
    }
    if (kind_of(path) == INPUT_HTML || kind_of(path) == INPUT_OFFICE) {
        return count_extracted(seg, lang, path,
                               kind_of(path) == INPUT_HTML ? "html" : "auto", c, err);
    }
    tu_buf_init(&in, TU_FILE_DEFAULT_LIMIT);
    rc = tu_file_read(path, TU_FILE_DEFAULT_LIMIT, &in, err);
    if (rc == TU_OK) {
        /* A UTF-8 byte order mark is not text. */
        size_t bom = in.len >= 3 && memcmp(in.data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        rc = tu_segmenter_count(seg, lang, in.data + bom, in.len - bom, c, err);
    }
    if (rc != TU_OK) {
        tu_error_set_path(err, path);
    }
    tu_buf_release(&in);
    return rc;
}

int cmd_count(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {
        {"lang", required_argument, NULL, 'l'},
        {"format", required_argument, NULL, 'f'},
        {NULL, 0, NULL, 0},
    };
    const char *lang = NULL;
    struct cli_lang lang_tag;
    bool json = false;
    struct tu_error err = {0};
    struct tu_segmenter *seg = NULL;
    struct file_count *files;
    struct tu_counts total = {0};
    size_t n = 0;
    int c;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "l:f:", opts, NULL)) != -1) {
        switch (c) {
        case 'l':
            lang = optarg;
            break;
        case 'f':
            if (strcmp(optarg, "json") == 0) {
                json = true;
            } else if (strcmp(optarg, "text") != 0) {
                return cli_usage_error(cli, "--format must be text or json, not '%s'",
                                       optarg);
            }
            break;
        default:
            return cli_usage_error(cli, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (lang == NULL) {
        return cli_usage_error(cli, "--lang is required");
    }
    if (!cli_lang_arg(cli, &lang, &lang_tag)) {
        return CLI_FAILED;
    }
    if (optind >= argc) {
        return cli_usage_error(cli, "no input file");
    }
    if (tu_segmenter_new(lang, NULL, &seg, &err) != TU_OK) {
        cli_report(cli, &err);
        return err.code == TU_EINVAL ? CLI_USAGE : CLI_FAILED;
    }
    files = calloc((size_t)(argc - optind), sizeof(*files));
    if (files == NULL) {
        tu_segmenter_free(seg);
        cli_errorf(cli, "out of memory");
        return CLI_FAILED;
    }
    for (int i = optind; i < argc; i++, n++) {
        files[n].path = argv[i];
        if (count_file(seg, lang, argv[i], &files[n].c, &err) != TU_OK) {
            cli_report(cli, &err);
            free(files);
            tu_segmenter_free(seg);
            return CLI_FAILED;
        }
        total.words += files[n].c.words;
        total.chars += files[n].c.chars;
        total.chars_no_spaces += files[n].c.chars_no_spaces;
        total.segments += files[n].c.segments;
    }
    print_report(files, n, &total, json);
    free(files);
    tu_segmenter_free(seg);
    return fflush(stdout) == 0 ? CLI_OK : CLI_FAILED;
}
