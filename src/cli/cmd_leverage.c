/*
 * tumac leverage: pre-translate XLIFF from the TM. Every candidate goes into
 * the file (1.2 alt-trans, 2.x mtc:matches) with its score, origin and what
 * differed; targets are filled at or above --fill. Several inputs form one
 * run: repetitions across them are filled from the first occurrence.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char cmd_leverage_usage[] =
    "[--tm PATH] [--min 75] [--fill 95] [--max 3] [--variants] [--glossary FILE.tbx]...\n"
    "       [-o OUT] IN.xlf...\n"
    "\n"
    "Look every segment of IN.xlf up in the translation memory: context match\n"
    "(101: same source, same neighbours), exact (100), fuzzy (score >= --min).\n"
    "Every candidate is written into the file with its score and origin; empty\n"
    "targets are filled from the best one at or above --fill, marked for review\n"
    "unless it is a context or exact match of an approved unit.\n"
    "\n"
    "  --tm PATH          the translation memory (default: $TUMAC_TM, else\n"
    "                     $XDG_DATA_HOME/tumac/memory.db); --tm none: no TM\n"
    "  --min N            lowest fuzzy score kept as a candidate (75)\n"
    "  --fill N           fill targets from candidates scoring N or more (95)\n"
    "  --max N            candidates written per segment (3)\n"
    "  --variants         a bs/hr/sr target may use the others' units, at a\n"
    "                     penalty (--penalty, 10), marked for review\n"
    "  --penalty N        points taken off a variant's score (10)\n"
    "  -o, --output OUT   the leveraged XLIFF (one input; default: IN in place);\n"
    "                     with several inputs, a folder\n"
    "  --xliff VERSION    write 1.2 or 2.0/2.1/2.2 (default: as read)\n"
    "  --ref OLD=TRANS    also match against an earlier document OLD and its\n"
    "                     published translation TRANS (HTML or text; repeatable)\n"
    "  --glossary FILE    a TBX glossary: each unit whose source has a term gets\n"
    "                     its entry (2.x gls:glossary, 1.2 notes; repeatable)\n"
    "  -q, --quiet        no summary on stderr\n";

/* The document's languages: its own, else its first file's (XLIFF 1.2). */
static void doc_langs(const struct tu_doc *doc, const char **src,
                      const char **trg)
{
    *src = doc->src_lang;
    *trg = doc->trg_lang;
    if (doc->file_count && *src == NULL) {
        *src = doc->files[0]->src_lang;
    }
    if (doc->file_count && *trg == NULL) {
        *trg = doc->files[0]->trg_lang;
    }
}

static char *output_path(const char *in, const char *out, bool many)
{
    const char *base;
    char *p;

    if (out == NULL) {
        return strdup(in);
    }
    if (!many) {
        return strdup(out);
    }
    base = strrchr(in, '/');
    base = base ? base + 1 : in;
    p = malloc(strlen(out) + strlen(base) + 2);
    if (p) {
        sprintf(p, "%s/%s", out, base);
    }
    return p;
}

/* One run over the input files: its options, and its sources once the first
 * file has named the language pair. */
struct lev_run {
    struct cli *cli;
    const char *out_path;
    bool many;
    enum tu_xliff_version version;
    struct tu_leverage_opts lo;
    const char **refs;
    size_t nrefs;
    struct tu_lev_tm *tm;
    struct tu_lev_sources *sources;
    struct tu_leverage *lev;
    struct tu_checker *gloss; /* --glossary: entries put on the units */
    char src[64], trg[64];
};

/* The file's language pair: the run's, or the first file's sets it. */
static enum tu_status run_langs(struct lev_run *r, const char *path,
                                const struct tu_doc *doc, struct tu_error *err)
{
    const char *src = NULL, *trg = NULL;

    doc_langs(doc, &src, &trg);
    if (src == NULL || trg == NULL) {
        return tu_error_at(err, TU_EINVAL, path, 0, 0, "the file names no %s language",
                           src ? "target" : "source");
    }
    if (r->lev != NULL) {
        /* One run has one language pair (repetitions are counted across its
         * files); mixing pairs would leverage wrongly. */
        if (strcmp(src, r->src) != 0 || strcmp(trg, r->trg) != 0) {
            return tu_error_at(err, TU_EINVAL, path, 0, 0,
                               "its languages %s -> %s differ from the first "
                               "file's %s -> %s; leverage it in its own run",
                               src, trg, r->src, r->trg);
        }
        return TU_OK;
    }
    snprintf(r->src, sizeof r->src, "%s", src);
    snprintf(r->trg, sizeof r->trg, "%s", trg);
    struct tu_lev_sources_opts so = {
        .src_lang = src, .trg_lang = trg, .tm = r->tm, .refs = r->refs, .ref_count = r->nrefs,
    };
    if (tu_lev_sources_open(&so, &r->sources, err) != TU_OK) {
        return err->code;
    }
    return tu_lev_sources_leverage(r->sources, &r->lo, &r->lev, err);
}

static void print_counts(const char *path, const struct tu_band_counts *counts)
{
    fprintf(stderr,
            "%s: %zu segments, %zu filled; words: %zu context, "
            "%zu repetitions, %zu exact, %zu fuzzy, %zu new, %zu already translated\n",
            path, tu_band_counts_segments(counts), counts->filled,
            counts->words[TU_BAND_CONTEXT],
            counts->words[TU_BAND_REPETITION] + counts->words[TU_BAND_CROSS_FILE],
            counts->words[TU_BAND_EXACT],
            counts->words[TU_BAND_95] + counts->words[TU_BAND_85] + counts->words[TU_BAND_75],
            counts->words[TU_BAND_50] + counts->words[TU_BAND_NEW],
            counts->words[TU_BAND_TRANSLATED] + counts->words[TU_BAND_APPROVED]);
}

/* Leverage one input file and write it. */
static enum tu_status leverage_file(struct lev_run *r, const char *path,
                                    struct tu_error *err)
{
    struct tu_doc *doc = NULL;
    struct tu_band_counts counts;
    char *dest = output_path(path, r->out_path, r->many);
    enum tu_status st = dest ? tu_xliff_read_file(path, &doc, err)
                             : tu_error_set(err, TU_ENOMEM, "out of memory");

    if (st == TU_OK) {
        st = run_langs(r, path, doc, err);
    }
    if (st == TU_OK) {
        st = tu_leverage_doc(r->lev, doc, &counts, err);
    }
    enum tu_xliff_version v = r->version ? r->version
                              : doc && doc->version ? doc->version : TU_XLIFF_2_1;
    if (st == TU_OK && r->gloss != NULL) {
        st = tu_check_annotate_doc(r->gloss, doc, v == TU_XLIFF_1_2, err);
    }
    if (st == TU_OK) {
        st = tu_xliff_write_file(doc, v, dest, err);
    }
    if (st == TU_OK) {
        /* bookkeeping of the TM units this file took its targets from:
         * a TM held by another writer leaves the counts, not the file */
        struct tu_error uerr = {0};
        int64_t *used = NULL;
        size_t nused = tu_leverage_take_used(r->lev, &used);
        if (tu_lev_sources_count_use(r->sources, used, nused, &uerr) != TU_OK) {
            fprintf(stderr, "tumac leverage: warning: usage counts not updated: %s\n",
                    uerr.msg);
        }
        tu_free(used);
        if (!r->cli->quiet) {
            print_counts(path, &counts);
        }
    }
    free(dest);
    tu_doc_free(doc);
    if (st != TU_OK) {
        tu_error_set_path(err, path);
    }
    return st;
}

/* Everything a run holds, released on every exit; returns `rc`. */
static int lev_run_end(struct lev_run *r, int rc)
{
    tu_leverage_free(r->lev);
    tu_lev_sources_close(r->sources);
    tu_lev_tm_close(r->tm);
    tu_checker_free(r->gloss);
    free(r->refs);
    return rc;
}

int cmd_leverage(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {
        {"tm", required_argument, NULL, 'T'},
        {"min", required_argument, NULL, 'm'},
        {"fill", required_argument, NULL, 'F'},
        {"max", required_argument, NULL, 'M'},
        {"variants", no_argument, NULL, 'V'},
        {"penalty", required_argument, NULL, 'P'},
        {"output", required_argument, NULL, 'o'},
        {"xliff", required_argument, NULL, 'X'},
        {"quiet", no_argument, NULL, 'q'},
        {"ref", required_argument, NULL, 'R'},
        {"glossary", required_argument, NULL, 'G'},
        {NULL, 0, NULL, 0},
    };
    const char *tm_path = NULL;
    struct lev_run r = {.cli = cli, .version = TU_XLIFF_UNKNOWN};
    struct tu_error err = {0};
    int max = 3, rc = CLI_FAILED, c;

    r.refs = calloc((size_t)argc + 1, sizeof *r.refs);
    if (r.refs == NULL) {
        cli_errorf(cli, "out of memory");
        return CLI_FAILED;
    }
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:q", opts, NULL)) != -1) {
        int bad = CLI_OK;
        switch (c) {
        case 'T': tm_path = optarg; break;
        case 'o': r.out_path = optarg; break;
        case 'V': r.lo.variants = true; break;
        case 'q': cli->quiet = true; break;
        case 'R': r.refs[r.nrefs++] = optarg; break;
        case 'G': bad = cli_glossary_option(cli, &r.gloss, optarg); break;
        case 'm': bad = cli_int_option(cli, "--min", optarg, 1, 100, &r.lo.min_score); break;
        case 'F': bad = cli_int_option(cli, "--fill", optarg, 1, 101, &r.lo.fill_score); break;
        case 'M': bad = cli_int_option(cli, "--max", optarg, 1, 100, &max); break;
        case 'P':
            bad = cli_int_option(cli, "--penalty", optarg, 1, 100, &r.lo.variant_penalty);
            break;
        case 'X':
            r.version = tu_xliff_version_parse(optarg);
            if (r.version == TU_XLIFF_UNKNOWN) {
                bad = cli_usage_error(cli, "--xliff must be 1.2, 2.0, 2.1 or 2.2, not '%s'",
                                      optarg);
            }
            break;
        default:
            bad = cli_usage_error(cli, "unknown option '%s'", argv[optind - 1]);
            break;
        }
        if (bad != CLI_OK) {
            return lev_run_end(&r, bad);
        }
    }
    r.lo.max = (size_t)max;
    r.lo.no_low_band = true; /* the summary counts 50-74 % with "no match" */
    r.many = argc - optind > 1;
    if (optind >= argc) {
        return lev_run_end(&r, cli_usage_error(cli, "no input file"));
    }
    if (cli_tm_exists(cli, tm_path) != CLI_OK) {
        return lev_run_end(&r, CLI_FAILED);
    }
    /* The TM first: a TM that cannot be opened is said before any file. */
    if (tu_lev_tm_open(tm_path, &r.tm, &err) != TU_OK) {
        cli_report(cli, &err);
        return lev_run_end(&r, CLI_FAILED);
    }
    rc = CLI_OK;
    for (int i = optind; i < argc && rc == CLI_OK; i++) {
        if (leverage_file(&r, argv[i], &err) != TU_OK) {
            cli_report(cli, &err);
            rc = CLI_FAILED;
        }
    }
    return lev_run_end(&r, rc);
}
