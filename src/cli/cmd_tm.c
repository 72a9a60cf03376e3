/*
 * tumac tm: the translation memory (import, export, lookup, concordance,
 * stats, delete, vacuum). One table of subcommands below.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cli.h"

const char cmd_tm_usage[] =
    "SUBCOMMAND [options] ...\n"
    "  import [-s SRC -t TGT] [--strict] [--origin NAME] [--all] [--approved]\n"
    "         FILE.tmx|.tsv|.xlf ...\n"
    "  update [--origin NAME] [--all] [-s SRC -t TGT] FILE.xlf ...   (import of\n"
    "         translated XLIFF; -s/-t for a file that names no languages)\n"
    "  export [-s SRC -t TGT] [--origin GLOB] [--since DATE] [--until DATE] [-o OUT.tmx]\n"
    "  lookup -s SRC -t TGT [--min 75] [--max 5] [--json] [--explain] [--timing]\n"
    "         [--exhaustive] TEXT|-\n"
    "  concordance [--max 10] WORDS...   (the first after an import indexes its units)\n"
    "  stats\n"
    "  delete [-s SRC] [-t TGT] [--origin GLOB] [--since DATE] [--until DATE]\n"
    "  vacuum\n"
    "Options:\n"
    "  --tm PATH        the TM (default $TUMAC_TM, else $XDG_DATA_HOME/tumac/memory.db)\n"
    "  -s, --source L   source language; -t, --target L  target language\n"
    "  --strict         stop at the first bad unit (default: report it and skip it)\n"
    "  --min N          lowest score to show (1-101, default 75)\n"
    "  --max N          most matches per query (default 5)\n"
    "  --json           one JSON object per query\n"
    "  --explain        show what differed\n"
    "  --timing         lookup: add the time of each query in ms (\"ms\" in JSON,\n"
    "                   and its CPU time \"cpu_ms\")\n"
    "  --exhaustive     lookup: score every unit instead of the index (slow; for\n"
    "                   measuring the index's recall)\n"
    "  --all            XLIFF: also targets not yet translated (default: translated and\n"
    "                   above; reviewed/final ones are stored as approved)\n"
    "  --origin GLOB    export/delete: units whose origin (file, project) matches the\n"
    "                   pattern (* ? [...]; case-sensitive)\n"
    "  --since DATE, --until DATE\n"
    "                   export/delete: units last changed (else created) in that\n"
    "                   range, inclusive; DATE is YYYY-MM-DD, YYYY-MM-DDThh:mm:ssZ or\n"
    "                   YYYYMMDDThhmmssZ (UTC)\n"
    "  --approved       import: a memory the office trusts (TMX/TSV): every unit is\n"
    "                   stored as approved, so its exact matches finish documents\n"
    "  -o FILE          output file (default stdout)\n";

struct tm_args {
    const char *tm_path, *src, *trg, *origin, *out, *since, *until;
    struct cli_lang src_tag, trg_tag; /* src, trg canonical */
    bool strict, json, explain, timing, exhaustive, all_states, approved;
    int min;
    size_t max;
};

enum { OPT_TM = 256, OPT_STRICT, OPT_ORIGIN, OPT_MIN, OPT_MAX, OPT_JSON, OPT_EXPLAIN,
       OPT_TIMING, OPT_EXHAUSTIVE, OPT_ALL, OPT_SINCE, OPT_UNTIL, OPT_APPROVED };

static int parse(struct cli *cli, int argc, char **argv, struct tm_args *a)
{
    static const struct option opts[] = {
        {"tm", required_argument, NULL, OPT_TM},
        {"source", required_argument, NULL, 's'},
        {"target", required_argument, NULL, 't'},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"origin", required_argument, NULL, OPT_ORIGIN},
        {"min", required_argument, NULL, OPT_MIN},
        {"max", required_argument, NULL, OPT_MAX},
        {"json", no_argument, NULL, OPT_JSON},
        {"explain", no_argument, NULL, OPT_EXPLAIN},
        {"timing", no_argument, NULL, OPT_TIMING},
        {"exhaustive", no_argument, NULL, OPT_EXHAUSTIVE},
        {"all", no_argument, NULL, OPT_ALL},
        {"approved", no_argument, NULL, OPT_APPROVED},
        {"since", required_argument, NULL, OPT_SINCE},
        {"until", required_argument, NULL, OPT_UNTIL},
        {"output", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0},
    };
    int c;

    memset(a, 0, sizeof *a);
    a->min = 75;
    a->max = 5;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:t:o:", opts, NULL)) != -1) {
        switch (c) {
        case OPT_TM: a->tm_path = optarg; break;
        case 's': a->src = optarg; break;
        case 't': a->trg = optarg; break;
        case 'o': a->out = optarg; break;
        case OPT_STRICT: a->strict = true; break;
        case OPT_ORIGIN: a->origin = optarg; break;
        case OPT_JSON: a->json = true; break;
        case OPT_EXPLAIN: a->explain = true; break;
        case OPT_TIMING: a->timing = true; break;
        case OPT_EXHAUSTIVE: a->exhaustive = true; break;
        case OPT_ALL: a->all_states = true; break;
        case OPT_APPROVED: a->approved = true; break;
        case OPT_SINCE: a->since = optarg; break;
        case OPT_UNTIL: a->until = optarg; break;
        case OPT_MIN:
            if (cli_int_option(cli, "--min", optarg, 1, 101, &a->min) != CLI_OK) {
                return CLI_USAGE;
            }
            break;
        case OPT_MAX: {
            int max;
            if (cli_int_option(cli, "--max", optarg, 1, 1000, &max) != CLI_OK) {
                return CLI_USAGE;
            }
            a->max = (size_t)max;
            break;
        }
        default:
            return cli_usage_error(cli, "unknown option");
        }
    }
    if (!cli_lang_arg(cli, &a->src, &a->src_tag) ||
        !cli_lang_arg(cli, &a->trg, &a->trg_tag)) {
        return CLI_FAILED;
    }
    return CLI_OK;
}

/* Read-only subcommands and delete/vacuum refuse a TM that does not exist;
 * import and update may create it (cli_tm_path). */
static int open_tm(struct cli *cli, const struct tm_args *a, enum cli_tm_use use,
                   struct tu_tm **tm)
{
    struct tu_buf path;
    struct tu_error err = {0};
    int rc;

    tu_buf_init(&path, TU_BUF_NO_LIMIT);
    rc = cli_tm_path(cli, a->tm_path, use, &path);
    if (rc == CLI_OK && tu_tm_open(path.data, use == CLI_TM_READ, tm, &err) != TU_OK) {
        cli_report(cli, &err);
        rc = CLI_FAILED;
    }
    tu_buf_release(&path);
    return rc;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static bool is_xliff_name(const char *path)
{
    return ends_with(path, ".xlf") || ends_with(path, ".xliff");
}

/* A translated XLIFF file into the TM: its translated segments with the
 * context leverage asks with, one transaction per file. */
static enum tu_status import_xliff(struct tu_tm *tm, const char *path,
                                   const struct tm_args *a,
                                   struct tu_tm_import_result *res,
                                   struct tu_error *err)
{
    struct tu_doc *doc = NULL;
    struct tu_lev_store_opts o = {a->origin, false, a->all_states};
    struct tu_lev_store_result r;
    enum tu_status st = tu_xliff_read_file(path, &doc, err);

    memset(res, 0, sizeof *res);
    /* -s/-t stand in for languages the file does not name (po2xliff
     * writes no target-language) */
    if (st == TU_OK && doc->src_lang == NULL && a->src != NULL &&
        (doc->src_lang = tu_strdup(a->src)) == NULL) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (st == TU_OK && doc->trg_lang == NULL && a->trg != NULL &&
        (doc->trg_lang = tu_strdup(a->trg)) == NULL) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (st == TU_OK) {
        st = tu_lev_store_doc(tm, doc, &o, &r, err);
    }
    if (st == TU_OK) {
        res->read = r.added + r.merged + r.skipped;
        res->added = r.added;
        res->merged = r.merged;
        res->skipped = r.skipped;
    } else {
        tu_error_set_path(err, path);
    }
    tu_doc_free(doc);
    return st;
}

static int sub_import(struct cli *cli, int argc, char **argv, struct tm_args *a)
{
    struct tu_tm *tm;
    int rc;

    if (optind >= argc) {
        return cli_usage_error(cli, "%s needs a TMX, TSV or XLIFF file", argv[0]);
    }
    if (a->approved && strcmp(argv[0], "update") == 0) {
        return cli_usage_error(cli, "--approved is for TMX/TSV; XLIFF states say what is approved");
    }
    for (int i = optind; a->approved && i < argc; i++) {
        if (is_xliff_name(argv[i])) {
            return cli_usage_error(cli, "--approved is for TMX/TSV, not '%s': its states say"
                                   " what is approved", argv[i]);
        }
    }
    if ((rc = open_tm(cli, a, CLI_TM_CREATE, &tm)) != CLI_OK) {
        return rc;
    }
    for (int i = optind; i < argc && rc == CLI_OK; i++) {
        struct tu_tm_import_opts o;
        struct tu_tm_import_result res;
        struct tu_diag diag;
        struct tu_error err = {0};
        enum tu_status st;

        memset(&o, 0, sizeof o);
        memset(&diag, 0, sizeof diag);
        o.strict = a->strict;
        o.origin = a->origin;
        o.src_lang = a->src;
        o.trg_lang = a->trg;
        o.approved = a->approved;
        if (is_xliff_name(argv[i]) || strcmp(argv[0], "update") == 0) {
            st = import_xliff(tm, argv[i], a, &res, &err);
        } else if (ends_with(argv[i], ".tsv") || ends_with(argv[i], ".txt")) {
            st = tu_tm_import_tsv(tm, argv[i], &o, &res, &diag, &err);
        } else {
            st = tu_tm_import_tmx(tm, argv[i], &o, &res, &diag, &err);
        }
        cli_report_diags(cli, &diag);
        tu_diag_release(&diag);
        if (st != TU_OK) {
            cli_report(cli, &err);
            rc = CLI_FAILED;
        } else if (!cli->quiet) {
            fprintf(stderr, "%s: %zu read, %zu added, %zu merged, %zu skipped\n",
                    argv[i], res.read, res.added, res.merged, res.skipped);
        }
    }
    tu_tm_close(tm);
    return rc;
}

static struct tu_tm_filter filter_of(const struct tm_args *a)
{
    struct tu_tm_filter f = {a->src, a->trg, a->origin, a->since, a->until};
    return f;
}

static int sub_export(struct cli *cli, int argc, char **argv, struct tm_args *a)
{
    struct tu_tm_filter filter = filter_of(a);
    struct tu_tm *tm;
    struct tu_buf out;
    struct tu_error err = {0};
    int rc;

    (void)argv;
    if (optind < argc) {
        return cli_usage_error(cli, "export takes no file arguments (use -o)");
    }
    if ((rc = open_tm(cli, a, CLI_TM_READ, &tm)) != CLI_OK) {
        return rc;
    }
    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    if (tu_tm_export_tmx(tm, &filter, &out, &err) != TU_OK ||
        (a->out && tu_file_write_atomic(a->out, out.data, out.len, &err) != TU_OK)) {
        cli_report(cli, &err);
        rc = CLI_FAILED;
    } else if (a->out == NULL) {
        fwrite(out.data, 1, out.len, stdout);
    }
    tu_buf_release(&out);
    tu_tm_close(tm);
    return rc;
}

static int lookup_one(struct cli *cli, struct tu_tm *tm, const struct tm_args *a,
                      const char *text)
{
    struct tu_tm_query q;
    struct tu_tm_match *m = NULL;
    size_t n = 0;
    struct tu_error err = {0};

    memset(&q, 0, sizeof q);
    q.src_lang = a->src;
    q.trg_lang = a->trg;
    q.text = text;
    q.len = strlen(text);
    q.min_score = a->min;
    q.max = a->max;
    struct timespec t0, t1, c0, c1;
    double ms, cpu_ms;
    enum tu_status st;

    /* wall and CPU: on a shared machine the CPU time is the steadier */
    clock_gettime(CLOCK_MONOTONIC, &t0);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    st = a->exhaustive ? tu_tm_lookup_exhaustive(tm, &q, &m, &n, &err)
                       : tu_tm_lookup(tm, &q, &m, &n, &err);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    cpu_ms = (double)(c1.tv_sec - c0.tv_sec) * 1e3 + (double)(c1.tv_nsec - c0.tv_nsec) / 1e6;
    if (st != TU_OK) {
        cli_report(cli, &err);
        return CLI_FAILED;
    }
    if (a->json) {
        printf("{\"query\":");
        cli_json_str(stdout, text);
        if (a->timing) {
            printf(",\"ms\":%.3f,\"cpu_ms\":%.3f", ms, cpu_ms);
        }
        printf(",\"matches\":[");
        for (size_t i = 0; i < n; i++) {
            printf("%s{\"score\":%d,\"band\":\"%s\",\"source\":", i ? "," : "",
                   m[i].score, m[i].band);
            cli_json_str(stdout, m[i].src_text);
            printf(",\"target\":");
            cli_json_str(stdout, m[i].trg_text);
            printf(",\"origin\":");
            cli_json_str(stdout, m[i].origin);
            printf(",\"approved\":%s,\"differs\":", m[i].approved ? "true" : "false");
            cli_json_str(stdout, m[i].diff);
            printf("}");
        }
        printf("]}\n");
    } else {
        if (a->timing) {
            printf("# %.3f ms\n", ms);
        }
        for (size_t i = 0; i < n; i++) {
            printf("%d\t%s\t%s", m[i].score, m[i].src_text, m[i].trg_text);
            if (a->explain && m[i].diff[0]) {
                printf("\t(%s)", m[i].diff);
            }
            printf("\n");
        }
    }
    tu_tm_matches_free(m, n);
    return CLI_OK;
}

static int sub_lookup(struct cli *cli, int argc, char **argv, struct tm_args *a)
{
    struct tu_tm *tm;
    int rc;

    if (a->src == NULL || a->trg == NULL) {
        return cli_usage_error(cli, "lookup needs -s SRC and -t TGT");
    }
    if (optind + 1 != argc) {
        return cli_usage_error(cli, "lookup takes one TEXT, or - to read queries from stdin");
    }
    if ((rc = open_tm(cli, a, CLI_TM_READ, &tm)) != CLI_OK) {
        return rc;
    }
    if (strcmp(argv[optind], "-") == 0) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;
        while (rc == CLI_OK && (len = getline(&line, &cap, stdin)) >= 0) {
            while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) {
                line[--len] = '\0';
            }
            if (len > 0) {
                rc = lookup_one(cli, tm, a, line);
            }
        }
        free(line);
    } else {
        rc = lookup_one(cli, tm, a, argv[optind]);
    }
    tu_tm_close(tm);
    return rc;
}

static int sub_concordance(struct cli *cli, int argc, char **argv, struct tm_args *a)
{
    struct tu_tm *tm;
    struct tu_buf words, out;
    struct tu_error err = {0};
    size_t pending = 0;
    int rc;

    if (optind >= argc) {
        return cli_usage_error(cli, "concordance needs words to search for");
    }
    if ((rc = open_tm(cli, a, CLI_TM_READ, &tm)) != CLI_OK) {
        return rc;
    }
    /* the first search after an import indexes its units: say why it waits */
    if (tu_tm_fts_pending(tm, &pending, &err) == TU_OK && pending > 0 && !cli->quiet) {
        fprintf(stderr, "indexing %zu new units for concordance (once after an import)\n",
                pending);
    }
    tu_buf_init(&words, TU_BUF_NO_LIMIT);
    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    for (int i = optind; i < argc; i++) {
        tu_buf_printf(&words, "%s%s", i > optind ? " " : "", argv[i]);
    }
    tu_buf_addc(&words, 0);
    if (tu_tm_concordance(tm, words.data, a->max == 5 ? 10 : a->max, &out, &err) != TU_OK) {
        cli_report(cli, &err);
        rc = CLI_FAILED;
    } else {
        fwrite(out.data, 1, out.len, stdout);
    }
    tu_buf_release(&words);
    tu_buf_release(&out);
    tu_tm_close(tm);
    return rc;
}

static int sub_stats(struct cli *cli, int argc, char **argv, struct tm_args *a)
{
    struct tu_tm *tm;
    struct tu_tm_stats s;
    struct tu_error err = {0};
    int rc;

    (void)argv;
    if (optind < argc) {
        return cli_usage_error(cli, "stats takes no arguments");
    }
    if ((rc = open_tm(cli, a, CLI_TM_READ, &tm)) != CLI_OK) {
        return rc;
    }
    if (tu_tm_stats(tm, &s, &err) != TU_OK) {
        cli_report(cli, &err);
        rc = CLI_FAILED;
    } else {
        printf("units: %zu\napproved: %zu\n%s", s.units, s.approved, s.pairs);
        if (s.fts_pending > 0) {
            printf("not yet in the concordance index: %zu (the next concordance adds them)\n",
                   s.fts_pending);
        }
    }
    tu_tm_close(tm);
    return rc;
}

static int sub_delete(struct cli *cli, int argc, char **argv, struct tm_args *a)
{
    struct tu_tm_filter filter = filter_of(a);
    struct tu_tm *tm;
    struct tu_error err = {0};
    size_t n = 0;
    int rc;

    (void)argv;
    if (optind < argc) {
        return cli_usage_error(cli, "delete takes no file arguments");
    }
    if (a->src == NULL && a->trg == NULL && a->origin == NULL && a->since == NULL &&
        a->until == NULL) {
        return cli_usage_error(cli, "delete needs -s, -t, --origin, --since or --until "
                                    "(what to delete)");
    }
    if ((rc = open_tm(cli, a, CLI_TM_WRITE, &tm)) != CLI_OK) {
        return rc;
    }
    if (tu_tm_delete(tm, &filter, &n, &err) != TU_OK) {
        cli_report(cli, &err);
        rc = CLI_FAILED;
    } else if (!cli->quiet) {
        fprintf(stderr, "%zu units deleted\n", n);
    }
    tu_tm_close(tm);
    return rc;
}

static int sub_vacuum(struct cli *cli, int argc, char **argv, struct tm_args *a)
{
    struct tu_tm *tm;
    struct tu_error err = {0};
    int rc;

    (void)argv;
    if (optind < argc) {
        return cli_usage_error(cli, "vacuum takes no arguments");
    }
    if ((rc = open_tm(cli, a, CLI_TM_WRITE, &tm)) != CLI_OK) {
        return rc;
    }
    if (tu_tm_vacuum(tm, &err) != TU_OK) {
        cli_report(cli, &err);
        rc = CLI_FAILED;
    }
    tu_tm_close(tm);
    return rc;
}

static const struct {
    const char *name;
    int (*run)(struct cli *, int, char **, struct tm_args *);
} subs[] = {
    {"import", sub_import},   {"update", sub_import},
    {"export", sub_export},
    {"lookup", sub_lookup},   {"concordance", sub_concordance},
    {"stats", sub_stats},     {"delete", sub_delete},
    {"vacuum", sub_vacuum},
};

int cmd_tm(int argc, char **argv, struct cli *cli)
{
    struct tm_args a;
    int rc;

    if (cli_wants_help(cli, argc, argv)) {
        return CLI_OK;
    }
    if (argc < 2) {
        return cli_usage_error(cli, "a subcommand is needed");
    }
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        if (strcmp(argv[1], subs[i].name) == 0) {
            if ((rc = parse(cli, argc - 1, argv + 1, &a)) != CLI_OK) {
                return rc;
            }
            return subs[i].run(cli, argc - 1, argv + 1, &a);
        }
    }
    return cli_usage_error(cli, "unknown subcommand '%s'", argv[1]);
}
