/*
 * The batch run, shared by its stages: the set-up and the pool (run.c),
 * the export of documents x locales into XLIFF (export.c), the import of
 * translated XLIFF (import.c), and what completes an item in either: its
 * counts, its files, its record (items.c).
 *
 * Locks: `lock` guards the report, the state in memory and the progress;
 * `tm_lock` makes the shared TM connection one user at a time (held only
 * over a lookup or a write, not over a turn); the state's
 * journal has its own (batch_state_journal). No lock is held over an fsync.
 * Workers take whole documents (all locales of one document run on one
 * thread, so a derived script follows its base without waiting).
 */
#ifndef TUMAC_BATCH_RUN_INT_H
#define TUMAC_BATCH_RUN_INT_H

#include <time.h>

#include <tumac/leverage.h>
#include "batch-int.h"

struct plan_loc {
    char tag[64];
    int base; /* index of the locale this one is transliterated from, or -1 */
    uint64_t ref_stamp; /* the --ref pairs it leverages from: names, bytes */
};

/* How far a segment's target is, in order: none (or empty); tumac's own
 * fill, unchanged (state translated, the target still one of the tumac:*
 * candidates beside it); translated (XLIFF translated, 1.2
 * needs-review-*); approved (reviewed, final, signed-off, 1.2
 * approved="yes"). */
enum run_done { DONE_OPEN, DONE_PREFILLED, DONE_TRANSLATED, DONE_APPROVED };

/* A base locale's leverage run over the documents in input order, on its
 * sources (the TM with the run's answers in front, the references). */
struct loc_lev {
    struct tu_lev_sources *sources;
    struct batch_front front;
    struct tu_leverage *lev;
};

struct run {
    const struct tu_batch_opts *opts;
    bool is_import;
    bool draft;
    /* What finishes a segment: approved (the default), or for an import
     * with --finish translated also translated. */
    enum run_done finish;
    const char *src;
    struct plan_loc *locs;
    size_t nloc;
    struct batch_inputs docs;
    struct tu_batch_report *report;
    struct batch_state state;
    struct tu_lev_tm *tm; /* the TM (of "none" too), shared by the locales */
    struct batch_answers *answers; /* export: the TM's answers, run-wide */
    uint64_t tm_stamp;
    bool tm_created; /* the TM did not exist: this run made it */
    enum tu_xliff_version xv;
    int min_score;
    int fill_score;
    pthread_mutex_t lock;    /* report, state in memory, progress */
    pthread_mutex_t tm_lock; /* one TM user at a time */
    struct batch_worker **workers;
    unsigned nworkers;
    batch_task_fn task; /* the stage's task per document (run_pool) */
    struct timespec t0;
    struct tu_batch_progress prog;
    size_t *doc_left; /* items not yet done, per document */
    /* Export: per base locale its leverage run, fed in input order (the
     * turns) so repetitions across documents, and so the XLIFF and the
     * counts, do not depend on -j. */
    struct loc_lev *levs;
    struct batch_turns *turns;
    uint64_t *chain;  /* per document: hash of it and all before */
    size_t *redo_end; /* per locale: 1 + the last document to redo, 0: none */
    struct tu_error *hash_err; /* per document: reading it failed */
    struct tu_error fatal;     /* a state write that failed (reported at end) */
    struct tu_checker *checker; /* levels and the glossaries, read once */
    uint64_t gloss_hash;        /* the glossaries' content and the forced reason */
};

/* The checker of the run with its glossaries (a malformed one stops the
 * run), and the hash of what they and --force-checks make of a document. */
enum tu_status run_open_checker(struct run *run, struct tu_error *err);

/* ---- run.c ---- */

double run_since(const struct timespec *t0);
bool run_stopped(const struct run *run);
/* "OUTDIR/<rel>" and "<locale>/<name>.<ext>" as new strings. */
char *run_out_path(const struct run *run, const char *rel);
char *run_rel_path(const char *locale, const char *name, const char *ext);
/* The locale transliterated from base locale l, or run->nloc for none. */
size_t run_derived_of(const struct run *run, size_t l);
/* Parse the targets and pair the scripts of a biscriptal language (Latin
 * the base); the export then lets the TM choose (choose_bases). */
enum tu_status run_plan_locales(struct run *run, const char *const *tags, size_t count,
                                struct tu_error *err);
/* Open the TM at `path` (NULL: default rules, "none": none); *created when
 * there was no file and a new TM was made. */
enum tu_status run_open_tm(struct run *run, const char *path, struct tu_error *err);
void run_init(struct run *run, const struct tu_batch_opts *opts);
void run_release(struct run *run);
enum tu_status run_check_common(const struct tu_batch_opts *opts, struct tu_error *err);
/* Remove temporaries a killed run left beside its outputs (".name.XXXXXX"). */
void run_sweep_temporaries(const char *dir, int depth);
/* The report's items, the workers and their counters. */
enum tu_status run_setup(struct run *run, struct tu_error *err);
/* Run `task` for every document on the pool, then finish the report
 * (written even when interrupted). */
enum tu_status run_pool(struct run *run, batch_task_fn task, struct tu_batch_report **out,
                        struct tu_error *err);

/* ---- items.c ---- */

struct tu_batch_item *run_item(struct run *run, size_t doc, size_t loc);
enum run_done run_target_state(const struct tu_unit *unit, const struct tu_segment *seg);
/* Segments, words, approved and to-do counts from the model; band counts
 * come from leverage (none, no TM: all is new). */
enum tu_status run_count_doc(struct run *run, struct batch_worker *w, struct tu_doc *doc,
                             struct tu_batch_counts *c, struct tu_error *err);
void run_fail_item(struct tu_batch_item *it, const struct tu_error *e);
/* The item is done (any state but pending): record it (when `rec` is given,
 * i.e. it succeeded in this run), count progress, tell the caller. */
void run_item_done(struct run *run, size_t doc, struct tu_batch_item *it,
                   const struct batch_record *rec, uint64_t bytes, double t_start);
void run_fill_record(struct batch_record *r, enum batch_record_kind kind,
                     const struct tu_batch_item *it, uint64_t in_hash, uint64_t ohash,
                     uint64_t xlf_hash);
/* The earlier run's record of the item if its outputs are current: same
 * input (and options), its files as it left them. Caller holds the lock. */
const struct batch_record *run_current_record(struct run *run, const struct tu_batch_item *it,
                                              enum batch_record_kind kind, uint64_t in_hash,
                                              uint64_t ohash);
/* Take an earlier run's result for the item if its outputs are current. */
bool run_take_current(struct run *run, struct tu_batch_item *it, enum batch_record_kind kind,
                      uint64_t in_hash, uint64_t ohash);
/* Write the item's files: the XLIFF (unless `keep_xliff`: import leaves the
 * translator's file alone), the merged document when finished or draft.
 * Sets it->state, paths and *xlf_hash. */
enum tu_status run_write_outputs(struct run *run, struct tu_batch_item *it,
                                 const struct tu_doc *doc, bool keep_xliff,
                                 bool strict_import, uint64_t *xlf_hash, struct tu_error *err);
/* A derived-script locale from its base's model (consumed; NULL: the base
 * failed), recorded with the options hash `ohash`. */
void run_make_derived(struct run *run, struct batch_worker *w, size_t d, size_t l,
                      struct tu_doc *doc, enum batch_record_kind kind, uint64_t in_hash,
                      uint64_t ohash);

#endif
