/*
 * Batch localization: every input document x every target locale becomes an
 * XLIFF file for the translators (pre-translated from the TM), the finished
 * document where every segment is approved, and one report for the run.
 *
 * Layout of an output folder OUTDIR:
 *   OUTDIR/<locale>/<name>.xlf     for the translators
 *   OUTDIR/<locale>/<name>.<ext>   the finished document
 *   OUTDIR/<locale>/<name>.draft.<ext>  --draft: unfinished, source in the gaps
 *   OUTDIR/report.json, report.html  the run report
 *   OUTDIR/analysis-<locale>.html    the analysis in word bands, per locale
 *   OUTDIR/.tumac-batch            the run state (what was done from what)
 * Every file is written atomically; a job is recorded in the state only after
 * its outputs are in place, so an interrupted run (SIGINT, kill -9) leaves
 * complete old or complete new files and the next run redoes what is missing.
 *
 * The word bands are the leverage module's (enum tu_band), so the run report
 * and `tumac analyze` count alike.
 *
 * Derived scripts: when both scripts of Serbian (or Bosnian) are targets, one
 * is translated and the other is produced from it by transliteration; the
 * base is the script the TM holds more units in (Latin on a tie).
 */
#ifndef TUMAC_BATCH_H
#define TUMAC_BATCH_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "error.h"
#include "leverage.h"
#include "xliff.h"

/* What became of one document in one locale. */
enum tu_batch_state {
    TU_BATCH_PENDING = 0, /* not done: the run was interrupted first */
    TU_BATCH_FINISHED,    /* all segments approved: document merged */
    TU_BATCH_DRAFT,       /* merged with the source in the gaps (--draft) */
    TU_BATCH_NEEDS_TRANSLATION, /* XLIFF written, document not merged */
    TU_BATCH_FAILED,            /* `reason` says why; nothing written */
};

/* "finished", "draft", "needs translation", "failed", "not done". */
const char *tu_batch_state_name(enum tu_batch_state s);

/*
 * "To translate", the one definition every report uses (the terminal table,
 * report.json, report.html, analysis-<locale>.html): the source words of
 * the segments that are not finished -- without an approved target
 * (reviewed, final, signed-off, 1.2 approved="yes"), or with
 * --finish translated without a translated or approved one. A locale made
 * by transliteration (sr-Cyrl from sr-Latn) has nothing to translate: its
 * words are counted in words_derived and left out of the run's share.
 */
struct tu_batch_counts {
    size_t segments;             /* translatable segments */
    size_t words;                /* source words */
    size_t segments_approved;    /* with an approved target */
    size_t segments_translated;  /* translated (or pre-filled), not approved */
    size_t words_todo;           /* to translate (above); 0 when derived */
    size_t words_derived;        /* words of a transliterated locale */
    struct tu_band_counts bands; /* the leverage analysis (leverage.h) */
};

/* One document x locale of the run. All strings are owned by the report. */
struct tu_batch_item {
    char *input;        /* the input document as named on the command line */
    char *name;         /* output name without extension ("2024/press-03") */
    char *locale;       /* canonical tag ("sr-Cyrl") */
    char *derived_from; /* "sr-Latn" when made by transliteration, else NULL */
    enum tu_batch_state state;
    bool is_up_to_date; /* skipped: the outputs of an earlier run are current */
    char *xliff_path;   /* written XLIFF, relative to OUTDIR; NULL if none */
    char *doc_path;     /* merged document, relative to OUTDIR; NULL if none */
    char *reason;       /* failed: "file:line:col: message"; else NULL */
    char *checks;       /* the check errors (tumac check, one a line) that
                         * kept a complete document from being finished,
                         * or that it was finished despite (forced) */
    char *forced;       /* finished despite those errors: the reason given
                         * (--force-checks); else NULL */
    bool is_checked;    /* tumac check ran on the complete document */
    char *warnings;     /* its warnings, one a line (they never block); else NULL */
    struct tu_batch_counts counts;
    double seconds; /* time spent on it in this run */
};

struct tu_batch_report {
    struct tu_batch_item *items; /* input order, then locale order */
    size_t count;
    size_t cap;
    char *outdir;
    char *tm_path; /* as opened; NULL without a TM */
    bool tm_created; /* tm_path did not exist: the run made a new, empty TM */
    char *refs;    /* reference folders, comma-separated; NULL if none */
    char *src_lang;
    char **locales; /* target locales in the order given */
    size_t locale_count;
    bool is_import; /* made by tu_batch_import */
    bool is_draft;
    bool interrupted; /* stopped by the caller's stop flag */
    size_t documents; /* input documents */
    size_t failed;    /* items in TU_BATCH_FAILED */
    size_t tm_added;  /* import: segments stored in the TM */
    size_t tm_queries; /* export: lookups that reached the TM (each query once) */
    bool finish_translated; /* import --finish translated (default reviewed) */
    int64_t started;  /* Unix time of the start */
    double seconds;   /* wall time of the run */
    char *tool_version;
};

/*
 * Progress, delivered to the caller's callback after each step. The callback
 * is called with the run's lock held (never concurrently) from worker
 * threads; it must not call back into the batch.
 */
struct tu_batch_progress {
    size_t docs_done, docs_total; /* documents with every locale done */
    size_t items_done, items_total;
    size_t segments_done;             /* translatable segments processed */
    uint64_t bytes_done, bytes_total; /* input bytes x locales: for the ETA */
    double elapsed;                   /* seconds since the start */
    const struct tu_batch_item *item; /* the item just completed, or NULL */
};

typedef void (*tu_batch_progress_fn)(const struct tu_batch_progress *p,
                                     void *ctx);

struct tu_batch_opts {
    const char *tm_path;        /* NULL: no TM (everything is new) */
    const char *src_lang;       /* "en" */
    const char *const *targets; /* target locale tags */
    size_t target_count;
    enum tu_xliff_version xliff_version; /* UNKNOWN: 2.1 */
    int min_score;                       /* fuzzy threshold; 0: 75 */
    int fill_score;                      /* fill targets at or above; 0: 95 */
    unsigned jobs;      /* worker threads; 0: the number of cores */
    const char *outdir; /* required */
    bool draft;         /* merge unfinished documents with the source */
    bool force;         /* redo up-to-date outputs */
    bool no_check;      /* finish complete documents without tumac check */
    /* Finish complete documents despite check errors, for this reason
     * (recorded with the errors in the report); NULL: errors keep them. */
    const char *force_checks;
    /* TBX glossaries: their entries go on the leveraged units (2.x gls
     * module, 1.2 notes) and the checks include the terms check. */
    const char *const *glossaries;
    size_t glossary_count;
    /* Import: a document is finished when every segment is approved
     * (false, the default) or translated or approved (true). */
    bool finish_translated;
    tu_batch_progress_fn progress; /* may be NULL */
    void *progress_ctx;
    /* Set to nonzero (e.g. from a SIGINT handler) to stop after the current
     * step of each worker; NULL: never stops. */
    const volatile sig_atomic_t *stop;
    /*
     * Folders of earlier releases with their published translations
     * ("press.en.html" beside "press.hr.html"), used like a TM in front of
     * it: pairs unit by unit, approved. May be NULL.
     */
    const char *const *ref_dirs;
    size_t ref_count;
};

/*
 * Run the batch on `inputs` (files, or folders searched recursively for
 * documents a filter reads: .html, .htm, .txt). A failing document is
 * recorded in the report and skipped; the call still returns TU_OK. Errors
 * are for the run itself: bad options, no inputs, the TM or OUTDIR cannot be
 * opened. On success *out is the report (free with tu_batch_report_free),
 * already written as OUTDIR/report.json and OUTDIR/report.html.
 */
enum tu_status tu_batch_run(const struct tu_batch_opts *opts,
                            const char *const *inputs, size_t input_count,
                            struct tu_batch_report **out, struct tu_error *err);

/*
 * Take back the translated XLIFF files of an earlier run in opts->outdir:
 * validate each, store its approved segments in the TM (opts->tm_path, or
 * the TM that run used), remake the derived-script files, and merge the
 * finished documents (strict merge: a missing target is an error). Options
 * other than outdir, tm_path, jobs, force, progress and stop come from the
 * run's state. Same report and error rules as tu_batch_run.
 */
enum tu_status tu_batch_import(const struct tu_batch_opts *opts,
                               struct tu_batch_report **out,
                               struct tu_error *err);

void tu_batch_report_free(struct tu_batch_report *r);

/* Totals over the items of `locale` (NULL: all items). The share to
 * translate is words_todo of words - words_derived. */
void tu_batch_report_totals(const struct tu_batch_report *r, const char *locale,
                            struct tu_batch_counts *out);

/* Render the report: a terminal summary, JSON, or a standalone HTML page. */
enum tu_status tu_batch_report_text(const struct tu_batch_report *r,
                                    struct tu_buf *out, struct tu_error *err);
enum tu_status tu_batch_report_json(const struct tu_batch_report *r,
                                    struct tu_buf *out, struct tu_error *err);
enum tu_status tu_batch_report_html(const struct tu_batch_report *r,
                                    struct tu_buf *out, struct tu_error *err);

/*
 * One line per failed input and reason, each starting with `prefix`:
 * "press.html:3:7: invalid UTF-8 (bs, hr, sr-Latn)".
 */
enum tu_status tu_batch_report_failures(const struct tu_batch_report *r,
                                        const char *prefix, struct tu_buf *out,
                                        struct tu_error *err);

/*
 * Write OUTDIR/report.json, OUTDIR/report.html and, per locale, the leverage
 * module's analysis page OUTDIR/analysis-<locale>.html, atomically.
 */
enum tu_status tu_batch_report_write(const struct tu_batch_report *r,
                                     struct tu_error *err);

#endif
