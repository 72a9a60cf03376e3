/*
 * tumac batch: documents x locales -> XLIFF, finished documents and a report,
 * or (--import) translated XLIFF back into the TM and finished documents.
 * This file parses options, shows progress and handles SIGINT; the work is
 * tu_batch_run / tu_batch_import. Exit: 0 all done, 1 something failed,
 * 2 usage, 130 interrupted (what was done is kept; run again to finish).
 */
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

const char cmd_batch_usage[] =
    "[--tm PATH] -s LANG -t LOCALE[,LOCALE...] [options] INPUT...\n"
    "       tumac batch --import OUTDIR [--finish translated|reviewed] [--tm PATH]\n"
    "                   [-j N] [--force] [--no-check] [--glossary FILE.tbx]...\n"
    "Localize documents (files, or folders searched for .html .htm .xhtml\n"
    ".txt) into every target locale: OUTDIR/<locale>/<name>.xlf for the\n"
    "translators, OUTDIR/<locale>/<name>.<ext> when every segment is\n"
    "approved and passes tumac check, and OUTDIR/report.html + report.json. In folders, name.<tag>.ext\n"
    "files of other languages are skipped (they are translations). When both\n"
    "scripts of Serbian (or Bosnian) are targets, one is transliterated from\n"
    "the other. Running again skips what is up to date.\n"
    "  -s, --source LANG      source language (default en)\n"
    "  -t, --target LIST      target locales, e.g. bs,hr,sr-Latn,sr-Cyrl\n"
    "      --tm PATH          translation memory (default: $TUMAC_TM, else\n"
    "                         $XDG_DATA_HOME/tumac/memory.db; none: no TM)\n"
    "      --ref DIR          earlier releases with their published\n"
    "                         translations (x.en.html beside x.hr.html),\n"
    "                         used like a TM in front of it\n"
    "      --xliff VERSION    1.2 or 2.1 (default 2.1)\n"
    "      --min N            lowest fuzzy match offered (default 75)\n"
    "      --fill N           fill targets from matches >= N (default 95)\n"
    "  -j, --jobs N           documents in parallel (default: the cores)\n"
    "  -o, --output OUTDIR    output folder (default tumac-out)\n"
    "      --draft            unfinished documents as NAME.draft.EXT, with\n"
    "                         the source text in the gaps\n"
    "      --force            redo outputs that are up to date\n"
    "      --no-check         finish complete documents without tumac check's\n"
    "                         checks (by default a check error keeps a document\n"
    "                         unfinished and the report lists the errors)\n"
    "      --force-checks WHY finish complete documents despite check errors;\n"
    "                         the report lists the errors with the reason WHY\n"
    "      --glossary FILE    a TBX glossary: its entries go on the leveraged\n"
    "                         units and the checks include the terms check\n"
    "                         (repeatable)\n"
    "      --import OUTDIR    take back translated XLIFF files of OUTDIR:\n"
    "                         translated targets are stored in the TM as\n"
    "                         translations, reviewed/final/signed-off (or\n"
    "                         approved=\"yes\") ones as approved\n"
    "      --finish STATE     with --import: a document is finished when\n"
    "                         every segment is reviewed (default) or\n"
    "                         translated\n"
    "  -q, --quiet            no progress and no summary\n";

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    stop_flag = 1;
    /* A second Ctrl-C stops at once; outputs are atomic either way. */
    signal(sig, SIG_DFL);
}

struct progress_view {
    bool is_tty;
    bool quiet;
    const char *command;
    double last_draw;
    size_t width;
};

static void fmt_duration(double s, char *out, size_t len)
{
    unsigned long t = s < 0 ? 0 : (unsigned long)(s + 0.5);

    if (t >= 3600) {
        snprintf(out, len, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
    } else {
        snprintf(out, len, "%lu:%02lu", t / 60, t % 60);
    }
}

static void on_progress(const struct tu_batch_progress *p, void *ctx)
{
    struct progress_view *v = ctx;
    const struct tu_batch_item *it = p->item;

    if (v->quiet) {
        return;
    }
    if (!v->is_tty) {
        if (it == NULL) {
            return;
        }
        fprintf(stderr, "tumac %s: [%zu/%zu] %s/%s: %s", v->command,
                p->items_done, p->items_total, it->locale, it->name,
                tu_batch_state_name(it->state));
        if (it->state == TU_BATCH_FAILED) {
            fprintf(stderr, ": %s", it->reason ? it->reason : "");
        } else {
            fprintf(stderr, " (%zu segments, %zu of %zu words to translate%s)",
                    it->counts.segments, it->counts.words_todo,
                    it->counts.words, it->is_up_to_date ? ", unchanged" : "");
        }
        fputc('\n', stderr);
        return;
    }
    if (p->items_done < p->items_total && p->elapsed - v->last_draw < 0.1) {
        return;
    }
    v->last_draw = p->elapsed;
    {
        char bar[24];
        char left[64] = "";
        char line[512];
        double frac =
            p->bytes_total ? (double)p->bytes_done / (double)p->bytes_total : 0;
        size_t fill = (size_t)(frac * 20 + 0.5);
        double rate =
            p->elapsed > 0 ? (double)p->segments_done / p->elapsed : 0;
        int n;

        for (size_t i = 0; i < 20; i++) {
            bar[i] = i < fill ? '#' : '-';
        }
        bar[20] = '\0';
        if (p->bytes_done > 0 && p->bytes_done < p->bytes_total) {
            char d[48];
            fmt_duration(p->elapsed * (double)(p->bytes_total - p->bytes_done) /
                             (double)p->bytes_done,
                         d, sizeof(d));
            snprintf(left, sizeof(left), "  %s left", d);
        }
        n = snprintf(line, sizeof(line),
                     "[%s] %zu/%zu docs  %zu/%zu files  %zu seg  "
                     "%.0f seg/s%s%s%s",
                     bar, p->docs_done, p->docs_total, p->items_done,
                     p->items_total, p->segments_done, rate, left,
                     it ? "  " : "", it ? it->name : "");
        if (n > 0 && (size_t)n >= v->width) {
            line[v->width - 1] = '\0';
        }
        fprintf(stderr, "\r%s\033[K", line);
        if (p->items_done == p->items_total) {
            fputc('\n', stderr);
        }
        fflush(stderr);
    }
}

/* Split "a,b,c" (repeatable option) into `tags` (pointers into `s`). */
static bool add_targets(char *s, const char **tags, size_t *count, size_t cap)
{
    for (char *p = s; p != NULL;) {
        char *comma = strchr(p, ',');
        if (comma != NULL) {
            *comma = '\0';
        }
        if (*p != '\0') {
            if (*count >= cap) {
                return false;
            }
            tags[(*count)++] = p;
        }
        p = comma ? comma + 1 : NULL;
    }
    return true;
}

/* Progress on stderr (a bar on a terminal) and Ctrl-C as a stop request. */
static void watch_run(const struct cli *cli, struct progress_view *view,
                      struct tu_batch_opts *o)
{
    struct sigaction sa;

    view->is_tty = isatty(STDERR_FILENO) != 0;
    view->quiet = cli->quiet;
    view->command = cli->command;
    view->width = 80;
    if (view->is_tty) {
        struct winsize ws;
        if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) {
            view->width = ws.ws_col < 500 ? ws.ws_col : 500;
        }
    }
    o->progress = on_progress;
    o->progress_ctx = view;
    o->stop = &stop_flag;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* After the run: a new TM said, the summary table (unless quiet), and the
 * failures on stderr even when quiet. */
static void print_summary(struct cli *cli, const struct tu_batch_report *report,
                          const char *outdir)
{
    struct tu_error err = {0};

    if (report->tm_created) {
        /* batch may make a TM (it stores into one), but never silently */
        cli_errorf(cli, "%s: there was no TM: made a new, empty one",
                   report->tm_path);
    }
    if (!cli->quiet) {
        struct tu_buf b;
        tu_buf_init(&b, TU_BUF_NO_LIMIT);
        if (tu_batch_report_text(report, &b, &err) == TU_OK) {
            fputs(b.data, stdout);
        }
        tu_buf_release(&b);
        printf("outputs: %s/<locale>/\nreport:  %s/report.html "
               "(and report.json)\n",
               outdir, outdir);
    }
    if (cli->quiet && report->failed > 0) {
        /* Without the summary, failures still go to stderr. */
        struct tu_buf b;
        tu_buf_init(&b, TU_BUF_NO_LIMIT);
        if (tu_batch_report_failures(report, "tumac batch: ", &b, &err) ==
            TU_OK) {
            fputs(b.data, stderr);
        }
        tu_buf_release(&b);
    }
}

/* What the command line asks for; o points into the arrays. */
struct batch_args {
    struct tu_batch_opts o;
    const char *targets[32];
    struct cli_lang tags[33]; /* the targets', then the source's */
    const char *refs[16];
    const char *glossaries[16];
    const char *import_dir;
    bool finish_given;
};

/* The options into a (CLI_OK), or a usage error's exit code. */
static int parse_options(int argc, char **argv, struct cli *cli, struct batch_args *a)
{
    enum {
        OPT_TM = 256,
        OPT_XLIFF,
        OPT_MIN,
        OPT_FILL,
        OPT_DRAFT,
        OPT_FORCE,
        OPT_IMPORT,
        OPT_REF,
        OPT_FINISH,
        OPT_NO_CHECK,
        OPT_FORCE_CHECKS,
        OPT_GLOSSARY
    };
    static const struct option longopts[] = {
        {"source", required_argument, NULL, 's'},
        {"target", required_argument, NULL, 't'},
        {"tm", required_argument, NULL, OPT_TM},
        {"xliff", required_argument, NULL, OPT_XLIFF},
        {"min", required_argument, NULL, OPT_MIN},
        {"fill", required_argument, NULL, OPT_FILL},
        {"jobs", required_argument, NULL, 'j'},
        {"output", required_argument, NULL, 'o'},
        {"draft", no_argument, NULL, OPT_DRAFT},
        {"force", no_argument, NULL, OPT_FORCE},
        {"import", required_argument, NULL, OPT_IMPORT},
        {"ref", required_argument, NULL, OPT_REF},
        {"finish", required_argument, NULL, OPT_FINISH},
        {"no-check", no_argument, NULL, OPT_NO_CHECK},
        {"force-checks", required_argument, NULL, OPT_FORCE_CHECKS},
        {"glossary", required_argument, NULL, OPT_GLOSSARY},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0},
    };
    int c, jobs = 0;

    memset(a, 0, sizeof *a);
    a->o.src_lang = "en";
    a->o.outdir = "tumac-out";
    a->o.targets = a->targets;
    a->o.ref_dirs = a->refs;
    a->o.glossaries = a->glossaries;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:t:j:o:q", longopts, NULL)) != -1) {
        switch (c) {
        case 's':
            a->o.src_lang = optarg;
            break;
        case 't':
            if (!add_targets(optarg, a->targets, &a->o.target_count, 32)) {
                return cli_usage_error(cli, "too many target locales");
            }
            break;
        case OPT_TM:
            a->o.tm_path = optarg;
            break;
        case OPT_XLIFF:
            a->o.xliff_version = tu_xliff_version_parse(optarg);
            if (a->o.xliff_version == TU_XLIFF_UNKNOWN) {
                return cli_usage_error(cli,
                                       "unknown XLIFF version '%s' "
                                       "(use 1.2 or 2.1)",
                                       optarg);
            }
            break;
        case OPT_MIN:
            if (cli_int_option(cli, "--min", optarg, 1, 100, &a->o.min_score) != CLI_OK) {
                return CLI_USAGE;
            }
            break;
        case OPT_FILL:
            if (cli_int_option(cli, "--fill", optarg, 1, 101, &a->o.fill_score) != CLI_OK) {
                return CLI_USAGE;
            }
            break;
        case 'j':
            if (cli_int_option(cli, "-j", optarg, 1, 256, &jobs) != CLI_OK) {
                return CLI_USAGE;
            }
            a->o.jobs = (unsigned)jobs;
            break;
        case 'o':
            a->o.outdir = optarg;
            break;
        case OPT_DRAFT:
            a->o.draft = true;
            break;
        case OPT_FORCE:
            a->o.force = true;
            break;
        case OPT_NO_CHECK:
            a->o.no_check = true;
            break;
        case OPT_FORCE_CHECKS:
            a->o.force_checks = optarg;
            break;
        case OPT_GLOSSARY:
            if (a->o.glossary_count >= 16) {
                return cli_usage_error(cli, "too many --glossary files");
            }
            a->glossaries[a->o.glossary_count++] = optarg;
            break;
        case OPT_IMPORT:
            a->import_dir = optarg;
            break;
        case OPT_FINISH:
            if (strcmp(optarg, "translated") != 0 &&
                strcmp(optarg, "reviewed") != 0) {
                return cli_usage_error(cli,
                                       "--finish wants translated or "
                                       "reviewed, not '%s'",
                                       optarg);
            }
            a->o.finish_translated = strcmp(optarg, "translated") == 0;
            a->finish_given = true;
            break;
        case OPT_REF:
            if (a->o.ref_count >= 16) {
                return cli_usage_error(cli, "too many --ref folders");
            }
            a->refs[a->o.ref_count++] = optarg;
            break;
        case 'q':
            cli->quiet = true;
            break;
        case ':':
            return cli_usage_error(cli, "option '%s' needs a value",
                                   argv[optind - 1]);
        default:
            return cli_usage_error(cli, "unknown option '%s'",
                                   argv[optind - 1]);
        }
    }
    return CLI_OK;
}

/* Languages canonicalised, and the options that go (or do not go) together
 * with --import checked: CLI_OK, or the exit code. */
static int check_args(int argc, struct cli *cli, struct batch_args *a)
{
    if (!cli_lang_arg(cli, &a->o.src_lang, &a->tags[32])) {
        return CLI_FAILED;
    }
    for (size_t i = 0; i < a->o.target_count; i++) {
        if (!cli_lang_arg(cli, &a->targets[i], &a->tags[i])) {
            return CLI_FAILED;
        }
    }
    if (a->o.force_checks != NULL && (a->o.no_check || a->o.force_checks[0] == '\0')) {
        return cli_usage_error(cli, a->o.no_check ? "--force-checks and --no-check do not go together"
                                                  : "--force-checks needs a reason");
    }
    if (a->import_dir != NULL) {
        if (optind < argc) {
            return cli_usage_error(cli, "--import takes no input documents");
        }
        a->o.outdir = a->import_dir;
    } else {
        if (a->finish_given) {
            /* tumac's own fills are never a translator's work */
            return cli_usage_error(cli, "--finish goes with --import");
        }
        if (optind >= argc) {
            return cli_usage_error(cli, "no input documents");
        }
        if (a->o.target_count == 0) {
            return cli_usage_error(cli, "no target locales (-t bs,hr,...)");
        }
    }
    return CLI_OK;
}

int cmd_batch(int argc, char **argv, struct cli *cli)
{
    struct batch_args args;
    struct tu_batch_opts *o = &args.o;
    struct progress_view view = {0};
    struct tu_batch_report *report = NULL;
    struct tu_error err = {0};
    enum tu_status st;
    int rc;

    if (cli_wants_help(cli, argc, argv)) {
        return CLI_OK;
    }
    if ((rc = parse_options(argc, argv, cli, &args)) != CLI_OK ||
        (rc = check_args(argc, cli, &args)) != CLI_OK) {
        return rc;
    }

    watch_run(cli, &view, o);

    if (args.import_dir != NULL) {
        st = tu_batch_import(o, &report, &err);
    } else {
        st = tu_batch_run(o, (const char *const *)argv + optind,
                          (size_t)(argc - optind), &report, &err);
    }
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    if (st != TU_OK) {
        cli_report(cli, &err);
        return CLI_FAILED;
    }
    print_summary(cli, report, o->outdir);
    rc = report->interrupted ? 130 : report->failed > 0 ? CLI_FAILED : CLI_OK;
    if (report->interrupted) {
        cli_errorf(cli, "interrupted: run the same command again to finish");
    }
    tu_batch_report_free(report);
    return rc;
}
