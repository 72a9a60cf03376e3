/*
 * tumac count: words, characters and segments per file and in total, for
 * plain text, HTML (tags stripped, script/style dropped, entities decoded) and
 * XLIFF (source of every segment, inline codes as U+FFFC). The counting rules
 * are the library's (tu_segmenter_count); README "Counting" states them.
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
    "FILE and in total. Plain text (UTF-8) and HTML (.html, .htm) are told\n"
    "apart by the name.\n"
    "\n"
    "  -l, --lang TAG        language of the text: bs, hr, sr-Latn, sr-Cyrl, en, ...\n"
    "  -f, --format FORMAT   text (a table, the default) or json\n";

enum input_kind { INPUT_TEXT, INPUT_HTML, INPUT_XLIFF };

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
    return INPUT_TEXT;
}

/* Append the UTF-8 form of code point `cp`. */
static void add_utf8(struct tu_buf *b, unsigned long cp)
{
    char s[4];

    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        cp = 0xFFFD;
    }
    if (cp < 0x80) {
        tu_buf_addc(b, (char)cp);
    } else if (cp < 0x800) {
        s[0] = (char)(0xC0 | (cp >> 6));
        s[1] = (char)(0x80 | (cp & 0x3F));
        tu_buf_add(b, s, 2);
    } else if (cp < 0x10000) {
        s[0] = (char)(0xE0 | (cp >> 12));
        s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[2] = (char)(0x80 | (cp & 0x3F));
        tu_buf_add(b, s, 3);
    } else {
        s[0] = (char)(0xF0 | (cp >> 18));
        s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[3] = (char)(0x80 | (cp & 0x3F));
        tu_buf_add(b, s, 4);
    }
}

/* An entity at p ("&amp;", "&#233;"): append its text, return its length (0 if none). */
static size_t html_entity(const char *p, const char *end, struct tu_buf *out)
{
    static const struct {
        const char *name;
        unsigned long cp;
    } named[] = {{"amp", '&'},   {"lt", '<'},      {"gt", '>'},
                 {"quot", '"'},  {"apos", '\''},   {"nbsp", 0xA0},
                 {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026},
                 {"bdquo", 0x201E}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
                 {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"laquo", 0xAB},
                 {"raquo", 0xBB}, {"euro", 0x20AC}, {"copy", 0xA9}};
    const char *semi = memchr(p, ';', (size_t)(end - p) < 12 ? (size_t)(end - p) : 12);
    size_t n;

    if (semi == NULL) {
        return 0;
    }
    n = (size_t)(semi - p) + 1;
    if (p[1] == '#') {
        char *stop = NULL;
        unsigned long cp = (p[2] == 'x' || p[2] == 'X') ? strtoul(p + 3, &stop, 16)
                                                        : strtoul(p + 2, &stop, 10);
        if (stop != semi) {
            return 0;
        }
        add_utf8(out, cp);
        return n;
    }
    for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
        size_t k = strlen(named[i].name);
        if (k == n - 2 && memcmp(p + 1, named[i].name, k) == 0) {
            add_utf8(out, named[i].cp);
            return n;
        }
    }
    return 0;
}

static bool tag_is(const char *p, const char *end, const char *name)
{
    size_t k = strlen(name);
    return (size_t)(end - p) > k && strncasecmp(p, name, k) == 0 &&
           (p[k] == '>' || p[k] == ' ' || p[k] == '/' || p[k] == '\t' ||
            p[k] == '\n' || p[k] == '\r');
}

/*
 * The text of an HTML document: tags dropped (block elements end a line, so
 * each becomes a paragraph), script/style/comments dropped, entities decoded.
 */
static void html_text(const char *p, size_t len, struct tu_buf *out)
{
    static const char *const blocks[] = {
        "p", "/p", "div", "/div", "br", "li", "/li", "tr", "/tr", "td", "th",
        "h1", "/h1", "h2", "/h2", "h3", "/h3", "h4", "/h4", "h5", "/h5",
        "h6", "/h6", "title", "/title", "blockquote", "/blockquote", "ul",
        "/ul", "ol", "/ol", "table", "/table", "section", "/section",
        "article", "/article", "header", "/header", "footer", "/footer"};
    const char *end = p + len;

    while (p < end) {
        if (*p == '<') {
            const char *close;
            if ((size_t)(end - p) >= 4 && memcmp(p, "<!--", 4) == 0) {
                const char *q = p + 4;
                while (q + 3 <= end && memcmp(q, "-->", 3) != 0) {
                    q++;
                }
                p = q + 3 <= end ? q + 3 : end;
                continue;
            }
            if (tag_is(p + 1, end, "script") || tag_is(p + 1, end, "style")) {
                const char *name = tag_is(p + 1, end, "script") ? "</script" : "</style";
                size_t k = strlen(name);
                const char *q = p + 1;
                while ((size_t)(end - q) >= k && strncasecmp(q, name, k) != 0) {
                    q++;
                }
                p = (size_t)(end - q) >= k ? q : end;
                if (p == end) {
                    break;
                }
            }
            close = memchr(p, '>', (size_t)(end - p));
            if (close == NULL) {
                break;
            }
            for (size_t i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++) {
                if (tag_is(p + 1, end, blocks[i])) {
                    tu_buf_addc(out, '\n');
                    break;
                }
            }
            p = close + 1;
        } else if (*p == '&') {
            size_t n = html_entity(p, end, out);
            if (n == 0) {
                tu_buf_addc(out, '&');
                n = 1;
            }
            p += n;
        } else if (*p == '\n' || *p == '\r' || *p == '\t') {
            tu_buf_addc(out, ' '); /* HTML source line breaks are spaces */
            p++;
        } else {
            tu_buf_addc(out, *p++);
        }
    }
}

struct file_count {
    const char *path;
    struct tu_counts c;
};

static void json_string(const char *s)
{
    putchar('"');
    for (; *s != '\0'; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') {
            printf("\\%c", ch);
        } else if (ch < 0x20) {
            printf("\\u%04x", ch);
        } else {
            putchar(ch);
        }
    }
    putchar('"');
}

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
            json_string(files[i].path);
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

/* XLIFF: the source of every segment, inline codes as U+FFFC. */
static enum tu_status count_xliff(struct tu_segmenter *seg, const char *lang,
                                  const char *path, struct tu_counts *c,
                                  struct tu_error *err)
{
    (void)seg;
    (void)lang;
    (void)c;
    return tu_error_at(err, TU_EUNSUPPORTED, path, 0, 0,
                       "XLIFF input is not supported yet");
}

static enum tu_status count_file(struct tu_segmenter *seg, const char *lang,
                                 const char *path, struct tu_counts *c,
                                 struct tu_error *err)
{
    struct tu_buf in;
    struct tu_buf text;
    enum tu_status rc;

    if (kind_of(path) == INPUT_XLIFF) {
        return count_xliff(seg, lang, path, c, err);
    }
    tu_buf_init(&in, TU_FILE_DEFAULT_LIMIT);
    tu_buf_init(&text, TU_BUF_NO_LIMIT);
    rc = tu_file_read(path, TU_FILE_DEFAULT_LIMIT, &in, err);
    if (rc == TU_OK && kind_of(path) == INPUT_HTML) {
        html_text(in.data, in.len, &text);
        rc = text.status;
        if (rc == TU_OK) {
            rc = tu_segmenter_count(seg, lang, text.data, text.len, c, err);
        } else {
            tu_error_set(err, rc, "out of memory");
        }
    } else if (rc == TU_OK) {
        /* A UTF-8 byte order mark is not text. */
        size_t bom = in.len >= 3 && memcmp(in.data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        rc = tu_segmenter_count(seg, lang, in.data + bom, in.len - bom, c, err);
    }
    if (rc != TU_OK) {
        tu_error_set_path(err, path);
    }
    tu_buf_release(&in);
    tu_buf_release(&text);
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
