/*
 * tumac analyze: how many segments, words and characters of each file fall
 * in each match band against the TM (context, repetitions, cross-file
 * repetitions, 100%, 95-99, 85-94, 75-84, 50-74, no match), per file and in
 * total, as text, CSV, JSON or an HTML page for the client. Nothing is
 * changed: the same leverage run as `tumac leverage`, counting only.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

const char cmd_analyze_usage[] =
    "[--tm PATH] [--format text|csv|json|html] [-s SRC] -t TGT [-o OUT] FILE...\n"
    "\n"
    "Count the segments, words and characters of each FILE (XLIFF, HTML or\n"
    "plain text) in the match bands against the translation memory, per file\n"
    "and in total. Repetitions are counted across all FILEs of the run.\n"
    "\n"
    "  --tm PATH             the translation memory (default: $TUMAC_TM, else\n"
    "                        $XDG_DATA_HOME/tumac/memory.db); --tm none: no TM\n"
    "  -s, --source TAG      source language of HTML/text input (default en)\n"
    "  -t, --target TAG      target language (required)\n"
    "  -f, --format FORMAT   text (default), csv, json or html\n"
    "  -o, --output FILE     write the report to FILE (default: stdout)\n"
    "      --min N           lowest fuzzy score shown as a candidate (75)\n"
    "      --variants        count bs/hr/sr TUs for each other, at a penalty\n"
    "      --title TEXT      heading of the report\n"
    "      --ref OLD=TRANS   also match against an earlier document OLD and its\n"
    "                        published translation TRANS (HTML or text; repeatable)\n";

enum format { FMT_TEXT, FMT_CSV, FMT_JSON, FMT_HTML };

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static bool is_xliff(const char *path)
{
    return ends_with(path, ".xlf") || ends_with(path, ".xliff") ||
           ends_with(path, ".xlf2");
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Load one input as a model: XLIFF as is, documents through the filters. */
static enum tu_status load(const char *path, const char *src, const char *trg,
                           struct tu_doc **doc, struct tu_error *err)
{
    if (is_xliff(path)) {
        return tu_xliff_read_file(path, doc, err);
    }
    struct tu_extract_opts eo = {.src_lang = src, .trg_lang = trg};
    return tu_extract_file(path, &eo, doc, err);
}

/* "memory.db", "none", "memory.db and 3 reference documents". */
static const char *tm_label(const struct tu_lev_tm *tm, size_t nrefs,
                            struct tu_buf *b)
{
    const char *name = tu_lev_tm_name(tm);
    tu_buf_adds(b, name ? name : nrefs ? "" : "none");
    if (nrefs) {
        tu_buf_printf(b, "%s%zu reference document%s", name ? " and " : "",
                      nrefs, nrefs == 1 ? "" : "s");
    }
    return b->data;
}

static bool parse_format(const char *s, enum format *fmt)
{
    static const struct {
        const char *name;
        enum format fmt;
    } names[] = {{"text", FMT_TEXT}, {"csv", FMT_CSV}, {"json", FMT_JSON}, {"html", FMT_HTML}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (strcmp(s, names[i].name) == 0) {
            *fmt = names[i].fmt;
            return true;
        }
    }
    return false;
}

/* Each document leveraged in analysis mode and its counts added to an (the
 * first XLIFF's own source language names the analysis). */
static enum tu_status analyze_files(struct tu_leverage *lev, struct tu_analysis *an,
                                    const char *const *files, size_t n, const char *src,
                                    const char *trg, struct tu_error *err)
{
    for (size_t i = 0; i < n; i++) {
        struct tu_doc *doc = NULL;
        struct tu_band_counts counts;
        enum tu_status st = load(files[i], src, trg, &doc, err);

        if (st == TU_OK) {
            if (i == 0 && doc->src_lang && is_xliff(files[i])) {
                tu_analysis_set_info(an, NULL, doc->src_lang, NULL, NULL, err);
            }
            st = tu_leverage_doc(lev, doc, &counts, err);
        }
        if (st == TU_OK) {
            st = tu_analysis_add_file(an, base_name(files[i]), &counts, err);
        }
        tu_doc_free(doc);
        if (st != TU_OK) {
            tu_error_set_path(err, files[i]);
            return st;
        }
    }
    return TU_OK;
}

int cmd_analyze(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {
        {"tm", required_argument, NULL, 'T'},
        {"source", required_argument, NULL, 's'},
        {"target", required_argument, NULL, 't'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"min", required_argument, NULL, 'm'},
        {"variants", no_argument, NULL, 'V'},
        {"title", required_argument, NULL, 'H'},
        {"ref", required_argument, NULL, 'R'},
        {NULL, 0, NULL, 0},
    };
    const char *tm_path = NULL, *src = "en", *trg = NULL, *out_path = "-";
    const char *title = NULL;
    enum format fmt = FMT_TEXT;
    struct tu_leverage_opts lo = {.analyze_only = true};
    struct tu_error err = {0};
    struct tu_lev_sources *sources = NULL;
    struct tu_leverage *lev = NULL;
    struct tu_analysis an;
    struct tu_buf label;
    struct cli_lang src_tag, trg_tag;
    const char **refs = calloc((size_t)argc + 1, sizeof *refs);
    size_t nrefs = 0;
    struct tu_buf out;
    int rc = CLI_FAILED, c;

    if (refs == NULL) {
        cli_errorf(cli, "out of memory");
        return CLI_FAILED;
    }
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "s:t:f:o:", opts, NULL)) != -1) {
        switch (c) {
        case 'T': tm_path = optarg; break;
        case 's': src = optarg; break;
        case 't': trg = optarg; break;
        case 'o': out_path = optarg; break;
        case 'H': title = optarg; break;
        case 'R':
            if (strchr(optarg, '=') == NULL) {
                free(refs);
                return cli_usage_error(cli, "--ref takes OLD=TRANSLATION, not '%s'",
                                       optarg);
            }
            refs[nrefs++] = optarg;
            break;
        case 'V': lo.variants = true; break;
        case 'm':
            if (cli_int_option(cli, "--min", optarg, 1, 100, &lo.min_score) != CLI_OK) {
                free(refs);
                return CLI_USAGE;
            }
            break;
        case 'f':
            if (!parse_format(optarg, &fmt)) {
                free(refs);
                return cli_usage_error(
                    cli, "--format must be text, csv, json or html, not '%s'",
                    optarg);
            }
            break;
        default:
            free(refs);
            return cli_usage_error(cli, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (trg == NULL || optind >= argc) {
        free(refs);
        return cli_usage_error(cli, trg ? "no input file" : "--target is required");
    }
    if (!cli_lang_arg(cli, &src, &src_tag) || !cli_lang_arg(cli, &trg, &trg_tag)) {
        free(refs);
        return CLI_FAILED;
    }
    if (cli_tm_exists(cli, tm_path) != CLI_OK) {
        free(refs);
        return CLI_FAILED; /* a quote from an empty TM says all is new */
    }
    tu_analysis_init(&an);
    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    tu_buf_init(&label, TU_BUF_NO_LIMIT);
    struct tu_lev_sources_opts so = {
        .src_lang = src, .trg_lang = trg, .tm_path = tm_path, .refs = refs, .ref_count = nrefs,
    };
    if (tu_lev_sources_open(&so, &sources, &err) != TU_OK ||
        tu_lev_sources_leverage(sources, &lo, &lev, &err) != TU_OK ||
        tu_analysis_set_info(&an, tm_label(tu_lev_sources_tm(sources), nrefs, &label), src,
                             trg, title, &err)) {
        goto fail;
    }
    if (analyze_files(lev, &an, (const char *const *)argv + optind,
                      (size_t)(argc - optind), src, trg, &err) != TU_OK) {
        goto fail;
    }
    switch (fmt) {
    case FMT_TEXT: tu_analysis_write_text(&an, &out, &err); break;
    case FMT_CSV: tu_analysis_write_csv(&an, &out, &err); break;
    case FMT_JSON: tu_analysis_write_json(&an, &out, &err); break;
    case FMT_HTML: tu_analysis_write_html(&an, &out, &err); break;
    }
    if (err.code != TU_OK ||
        tu_file_write_atomic(out_path, out.data, out.len, &err) != TU_OK) {
        goto fail;
    }
    rc = CLI_OK;
fail:
    if (rc != CLI_OK) {
        cli_report(cli, &err);
    }
    tu_leverage_free(lev);
    tu_lev_sources_close(sources);
    free(refs);
    tu_analysis_release(&an);
    tu_buf_release(&out);
    tu_buf_release(&label);
    return rc;
}
