/*
 * tumac translit: Serbian/Bosnian Cyrillic <-> Latin on plain text, HTML
 * (text and alt/title only; tags, URLs, scripts and styles untouched, lang
 * updated) and XLIFF (targets only, target language set). Output appears
 * only when the whole input converted.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

/* The XLIFF reader/writer (issue 5) may be missing from this build. */
extern enum tu_status tu_xliff_read_file(const char *path, struct tu_doc **out,
                                         struct tu_error *err)
    __attribute__((weak));
extern enum tu_status tu_xliff_write_buf(const struct tu_doc *doc,
                                         enum tu_xliff_version version,
                                         struct tu_buf *out,
                                         struct tu_error *err)
    __attribute__((weak));

const char cmd_translit_usage[] =
    "--to sr-Cyrl|sr-Latn|bs-Cyrl|bs-Latn [--format text|html|xliff]\n"
    "       [--keep FILE] [--terms FILE] [--acronyms convert|keep] [--no-foreign]\n"
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
    "      --acronyms MODE   convert (default) or keep words in capitals\n"
    "      --no-foreign      do not keep English words in Latin (no hunspell)\n"
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

static bool ci_eq(const char *a, size_t n, const char *b)
{
    return strlen(b) == n && strncasecmp(a, b, n) == 0;
}

/* Convert one attribute value or text run; entities and tags stay (the
 * transliterator protects them). */
static enum tu_status conv(struct tu_translit *t, const char *s, size_t n,
                           struct tu_buf *out, struct tu_error *err)
{
    return tu_translit_apply(t, s, n, out, err);
}

/*
 * A tag from '<' to its '>': copy it, converting the values of alt and
 * title and replacing lang/xml:lang values with the target tag. Returns the
 * length of the tag (0 if it does not close).
 */
static size_t html_tag(struct tu_translit *t, const char *s, size_t len,
                       struct tu_buf *out, char *name, size_t name_cap,
                       struct tu_error *err, enum tu_status *st)
{
    size_t i = 1, nlen = 0;
    char q = 0;

    if (i < len && s[i] == '/') {
        i++;
    }
    while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == ':')) {
        if (nlen + 1 < name_cap) {
            name[nlen++] = (char)tolower((unsigned char)s[i]);
        }
        i++;
    }
    name[nlen] = '\0';
    if (s[1] == '/') {
        name[0] = '\0'; /* a closing tag opens nothing */
    }
    tu_buf_add(out, s, i);
    while (i < len && s[i] != '>') {
        size_t a = i, an, v, ve;
        if (isspace((unsigned char)s[i]) || s[i] == '/') {
            tu_buf_addc(out, s[i++]);
            continue;
        }
        while (i < len && !isspace((unsigned char)s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/') {
            i++;
        }
        an = i - a;
        tu_buf_add(out, s + a, an);
        if (i >= len || s[i] != '=') {
            continue;
        }
        tu_buf_addc(out, s[i++]);
        while (i < len && isspace((unsigned char)s[i])) {
            tu_buf_addc(out, s[i++]);
        }
        q = i < len && (s[i] == '"' || s[i] == '\'') ? s[i] : 0;
        if (q) {
            tu_buf_addc(out, s[i++]);
        }
        v = i;
        while (i < len && (q ? s[i] != q : !isspace((unsigned char)s[i]) && s[i] != '>')) {
            i++;
        }
        ve = i;
        if (ci_eq(s + a, an, "alt") || ci_eq(s + a, an, "title") ||
            (ci_eq(s + a, an, "content") && false)) {
            *st = conv(t, s + v, ve - v, out, err);
            if (*st != TU_OK) {
                return 0;
            }
        } else if (ci_eq(s + a, an, "lang") || ci_eq(s + a, an, "xml:lang")) {
            tu_buf_adds(out, tu_translit_target(t));
        } else {
            tu_buf_add(out, s + v, ve - v);
        }
        if (q && i < len) {
            tu_buf_addc(out, s[i++]);
        }
    }
    if (i >= len) {
        return 0;
    }
    tu_buf_addc(out, '>');
    return i + 1;
}

static const char *find_ci(const char *s, size_t len, const char *pat)
{
    size_t m = strlen(pat);
    for (size_t i = 0; i + m <= len; i++) {
        if (strncasecmp(s + i, pat, m) == 0) {
            return s + i;
        }
    }
    return NULL;
}

static enum tu_status do_html(struct tu_translit *t, const char *path,
                              const char *s, size_t len, struct tu_buf *out,
                              struct tu_error *err)
{
    enum tu_status st = TU_OK;
    size_t i = 0;

    while (i < len && st == TU_OK) {
        const char *lt = memchr(s + i, '<', len - i);
        size_t e = lt ? (size_t)(lt - s) : len;
        if (e > i) {
            st = conv(t, s + i, e - i, out, err);
            if (st != TU_OK) {
                break;
            }
        }
        i = e;
        if (i >= len) {
            break;
        }
        if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            const char *end = find_ci(s + i + 4, len - i - 4, "-->");
            size_t n = end ? (size_t)(end - s) + 3 - i : len - i;
            tu_buf_add(out, s + i, n);
            i += n;
            continue;
        }
        {
            char name[32];
            size_t n = html_tag(t, s + i, len - i, out, name, sizeof(name), err, &st);
            if (st != TU_OK) {
                break;
            }
            if (n == 0) {
                tu_buf_add(out, s + i, 1); /* a stray '<' */
                i++;
                continue;
            }
            i += n;
            if (strcmp(name, "script") == 0 || strcmp(name, "style") == 0) {
                char close[40];
                const char *end;
                snprintf(close, sizeof(close), "</%s", name);
                end = find_ci(s + i, len - i, close);
                n = end ? (size_t)(end - s) - i : len - i;
                tu_buf_add(out, s + i, n);
                i += n;
            }
        }
    }
    if (st != TU_OK) {
        /* Place the error in the file. */
        tu_error_set_path(err, path);
    }
    return st == TU_OK ? out->status : st;
}

struct xliff_ctx {
    struct tu_translit *t;
    struct tu_error *err;
};

static enum tu_status xliff_unit(struct tu_unit *u, void *ctx)
{
    struct xliff_ctx *x = ctx;
    for (size_t i = 0; i < u->seg_count; i++) {
        enum tu_status st = tu_translit_content(x->t, &u->segs[i].target, x->err);
        if (st != TU_OK) {
            return st;
        }
    }
    return TU_OK;
}

static enum tu_status do_xliff(struct tu_translit *t, const char *path,
                               struct tu_buf *out, struct tu_error *err)
{
    struct tu_doc *doc = NULL;
    struct xliff_ctx x = {t, err};
    enum tu_status st;

    if (tu_xliff_read_file == NULL || tu_xliff_write_buf == NULL) {
        return tu_error_at(err, TU_EUNSUPPORTED, path, 0, 0,
                           "this build has no XLIFF reader/writer");
    }
    st = tu_xliff_read_file(path, &doc, err);
    for (size_t f = 0; st == TU_OK && f < doc->file_count; f++) {
        st = tu_file_each_unit(doc->files[f], xliff_unit, &x);
        if (st == TU_OK) {
            char *lang = tu_strdup(tu_translit_target(t));
            if (lang == NULL) {
                st = tu_error_set(err, TU_ENOMEM, "out of memory");
            } else {
                tu_free(doc->files[f]->trg_lang);
                doc->files[f]->trg_lang = lang;
            }
        }
    }
    if (st == TU_OK) {
        char *lang = tu_strdup(tu_translit_target(t));
        tu_free(doc->trg_lang);
        doc->trg_lang = lang;
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
        fflush(stdout);
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
            if (strcmp(optarg, "keep") == 0) {
                topts.acronyms_keep = true;
            } else if (strcmp(optarg, "convert") != 0) {
                return cli_usage_error(cli, "--acronyms takes convert or keep, not '%s'", optarg);
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
