/*
 * tumac translit: Serbian/Bosnian Cyrillic <-> Latin on plain text, HTML
 * (what the HTML filter extracts; markup untouched, lang updated) and XLIFF
 * (tu_doc_translit: targets and match targets, target language set). Output appears
 * only when the whole input converted.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"

const char cmd_translit_usage[] =
    "--to sr-Cyrl|sr-Latn|bs-Cyrl|bs-Latn [--format text|html|xliff]\n"
    "       [--keep FILE] [--terms FILE] [--acronyms auto|convert|keep] [--no-foreign]\n"
    "       [-o OUT] [FILE...]\n"
    "\n"
    "Transliterate Serbian or Bosnian text to the script of --to. With no FILE\n"
    "(or \"-\") stdin is read and written to stdout line for line.\n"
    "\n"
    "  -t, --to TAG          target: sr-Cyrl, sr-Latn, bs-Cyrl, bs-Latn\n"
    "  -f, --format FMT      text, html or xliff (default: from the file name)\n"
    "  -k, --keep FILE       terms to leave as written, one a line\n"
    "      --terms FILE      fixed renderings, 'term<TAB>rendering' a line\n"
    "                        (OSCE<TAB>ОЕБС)\n"
    "      --acronyms MODE   auto (default: foreign ones such as CNN, BBC stay\n"
    "                        Latin, the rest converted), convert or keep\n"
    "      --no-foreign      no foreign-span judgement: convert every word\n"
    "  -o, --output FILE     write here (one input only); default stdout\n";

enum fmt { FMT_AUTO, FMT_TEXT, FMT_HTML, FMT_XLIFF };

static bool ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcasecmp(s + n - m, suf) == 0;
}

static enum fmt fmt_of(const char *path)
{
    if (ends_with(path, ".html") || ends_with(path, ".htm") || ends_with(path, ".xhtml")) {
        return FMT_HTML;
    }
    if (ends_with(path, ".xlf") || ends_with(path, ".xliff")) {
        return FMT_XLIFF;
    }
    return FMT_TEXT;
}

/*
 * HTML goes through the HTML filter (the same gumbo-based extraction as
 * `tumac extract`), so exactly what a translator would see is converted:
 * text, alt/title/placeholder, meta description and keywords; script,
 * style, comments and translate="no" stay as written, and merge sets
 * lang/xml:lang to the target. Each segment's target is its converted
 * source.
 */
static enum tu_status do_html(struct tu_translit *t, const char *path,
                              const char *s, size_t len, struct tu_buf *out,
                              struct tu_error *err)
{
    const char *to = tu_translit_target(t);
    char src_lang[16];
    struct tu_extract_opts xo = {0};
    struct tu_merge_opts mo = {0};
    struct tu_doc *doc = NULL;
    enum tu_status st;

    /* The source is the same language in the other script; only its
     * language subtag matters (for segmentation). */
    snprintf(src_lang, sizeof(src_lang), "%.*s", (int)strcspn(to, "-_"), to);
    xo.src_lang = src_lang;
    xo.trg_lang = to;
    xo.format = "html";
    st = tu_extract_memory(s, len, path, &xo, &doc, err);
    if (st == TU_OK) {
        st = tu_doc_translit(doc, t, TU_DOC_TRANSLIT_FROM_SOURCE, err);
    }
    if (st == TU_OK) {
        st = tu_merge_doc(doc, &mo, out, NULL, err);
    }
    tu_doc_free(doc);
    return st;
}

/* XLIFF: every target and match target converted, the target language set. */
static enum tu_status do_xliff(struct tu_translit *t, const char *path,
                               struct tu_buf *out, struct tu_error *err)
{
    struct tu_doc *doc = NULL;
    enum tu_status st;

    st = tu_xliff_read_file(path, &doc, err);
    if (st == TU_OK) {
        st = tu_doc_translit(doc, t, 0, err);
    }
    if (st == TU_OK) {
        st = tu_xliff_write_buf(doc, doc->version, out, err);
    }
    tu_error_set_path(err, path);
    tu_doc_free(doc);
    return st;
}

/* stdin, line for line (so a pipe gets each line as soon as it is done). */
static int do_stdin(struct cli *cli, struct tu_translit *t)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned long lineno = 0;
    struct tu_buf out;
    int rc = CLI_OK;

    struct stat sb;
    /* A file redirected in needs no flush per line; a pipe or terminal does. */
    bool flush = fstat(fileno(stdin), &sb) != 0 || !S_ISREG(sb.st_mode);

    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    while ((n = getline(&line, &cap, stdin)) > 0) {
        struct tu_error err = {0};
        lineno++;
        tu_buf_truncate(&out, 0);
        if (tu_translit_apply(t, line, (size_t)n, &out, &err) != TU_OK) {
            err.line = err.line ? err.line + lineno - 1 : lineno;
            tu_error_set_path(&err, "<stdin>");
            cli_report(cli, &err);
            rc = CLI_FAILED;
            break;
        }
        fwrite(out.data, 1, out.len, stdout);
        if (flush) {
            fflush(stdout);
        }
    }
    free(line);
    tu_buf_release(&out);
    return rc;
}

int cmd_translit(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {
        {"to", required_argument, NULL, 't'},
        {"format", required_argument, NULL, 'f'},
        {"keep", required_argument, NULL, 'k'},
        {"terms", required_argument, NULL, 'T'},
        {"acronyms", required_argument, NULL, 'A'},
        {"no-foreign", no_argument, NULL, 'N'},
        {"output", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0},
    };
    struct tu_translit_opts topts = {0};
    struct tu_translit *t = NULL;
    struct tu_error err = {0};
    const char *to = NULL, *output = NULL;
    struct cli_lang to_tag;
    enum fmt fmt = FMT_AUTO;
    int c, rc = CLI_OK;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "t:f:k:o:", opts, NULL)) != -1) {
        switch (c) {
        case 't':
            to = optarg;
            break;
        case 'f':
            if (strcmp(optarg, "text") == 0) {
                fmt = FMT_TEXT;
            } else if (strcmp(optarg, "html") == 0) {
                fmt = FMT_HTML;
            } else if (strcmp(optarg, "xliff") == 0) {
                fmt = FMT_XLIFF;
            } else {
                return cli_usage_error(cli, "unknown format '%s' (text, html or xliff)", optarg);
            }
            break;
        case 'k':
            topts.keep_path = optarg;
            break;
        case 'T':
            topts.terms_path = optarg;
            break;
        case 'A':
            topts.acronyms_keep = strcmp(optarg, "keep") == 0;
            topts.acronyms_convert = strcmp(optarg, "convert") == 0;
            if (!topts.acronyms_keep && !topts.acronyms_convert && strcmp(optarg, "auto") != 0) {
                return cli_usage_error(cli, "--acronyms takes auto, convert or keep, not '%s'",
                                       optarg);
            }
            break;
        case 'N':
            topts.no_foreign_detection = true;
            break;
        case 'o':
            output = optarg;
            break;
        default:
            return cli_usage_error(cli, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (to == NULL) {
        return cli_usage_error(cli, "--to is required");
    }
    if (!cli_lang_arg(cli, &to, &to_tag)) {
        return CLI_FAILED;
    }
    if (output != NULL && argc - optind > 1) {
        return cli_usage_error(cli, "-o takes one input file");
    }
    if (tu_translit_new(to, &topts, &t, &err) != TU_OK) {
        cli_report(cli, &err);
        return CLI_FAILED;
    }
    if (optind >= argc || (argc - optind == 1 && strcmp(argv[optind], "-") == 0)) {
        if (fmt == FMT_AUTO || fmt == FMT_TEXT) {
            if (output == NULL || strcmp(output, "-") == 0) {
                rc = do_stdin(cli, t);
                tu_translit_free(t);
                return rc;
            }
        }
    }
    for (int a = optind; a < argc || a == optind; a++) {
        const char *path = a < argc ? argv[a] : "-";
        const char *shown = strcmp(path, "-") == 0 ? "<stdin>" : path;
        enum fmt f = fmt != FMT_AUTO ? fmt : fmt_of(path);
        struct tu_buf in, text, out;
        enum tu_status st = TU_OK;

        tu_buf_init(&in, TU_FILE_DEFAULT_LIMIT);
        tu_buf_init(&text, TU_BUF_NO_LIMIT);
        tu_buf_init(&out, TU_BUF_NO_LIMIT);
        if (f == FMT_XLIFF) {
            st = do_xliff(t, path, &out, &err);
        } else {
            st = tu_file_read(path, TU_FILE_DEFAULT_LIMIT, &in, &err);
            if (st == TU_OK) {
                st = tu_text_decode(shown, in.data, in.len, "UTF-8", &text, NULL, &err);
            }
            if (st == TU_OK) {
                st = f == FMT_HTML ? do_html(t, shown, text.data, text.len, &out, &err)
                                   : tu_translit_apply(t, text.data, text.len, &out, &err);
                tu_error_set_path(&err, shown);
            }
        }
        if (st == TU_OK) {
            st = tu_file_write_atomic(output != NULL ? output : "-", out.data, out.len, &err);
        }
        tu_buf_release(&in);
        tu_buf_release(&text);
        tu_buf_release(&out);
        if (st != TU_OK) {
            cli_report(cli, &err);
            rc = CLI_FAILED;
            break;
        }
        if (a >= argc) {
            break;
        }
    }
    tu_translit_free(t);
    return rc;
}
