/*
 * Internals of the batch module: the input list, the run state kept in
 * OUTDIR/.tumac-batch, the worker pool and a worker's own resources, the
 * ordered turns of the leverage runs, the TM answers looked up ahead of a
 * turn. The run itself (export.c, import.c, items.c, run.c) shares
 * run-int.h.
 */
#ifndef TUMAC_BATCH_INT_H
#define TUMAC_BATCH_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include <tumac/batch.h>

/* ---- inputs (inputs.c) ---- */

struct batch_input {
    char *path; /* as found: "samples/new/press.html" */
    char *name; /* output name without extension, unique in the run */
    uint64_t size;
};

struct batch_inputs {
    struct batch_input *items;
    size_t count;
    size_t cap;
};

/*
 * Expand files and folders (recursively, documents by extension, sorted) into
 * `list`. A missing input is an error; a folder without documents too. In
 * folders, "name.<tag>.ext" with a locale tag other than `src` is a
 * translation and is skipped; "name.<src>.ext" is named "name".
 */
enum tu_status batch_inputs_collect(const char *const *paths, size_t count,
                                    const char *src, struct batch_inputs *list,
                                    struct tu_error *err);
void batch_inputs_release(struct batch_inputs *list);
/*
 * The reference pairs in folder `dir`: every "name.<src>.ext" with a
 * "name.<trg>.ext" beside it, calling fn(ctx, src_path, trg_path) for each
 * in name order; a failing fn stops the walk with its status.
 */
typedef enum tu_status (*batch_pair_fn)(void *ctx, const char *src_path,
                                        const char *trg_path,
                                        struct tu_error *err);
enum tu_status batch_ref_pairs(const char *dir, const char *src,
                               const char *trg, batch_pair_fn fn, void *ctx,
                               struct tu_error *err);
/* True for the extensions the filters read (html, htm, xhtml, txt). */
bool batch_is_document(const char *path);

/* ---- hashing ---- */

/* FNV-1a 64 of `len` bytes, continuing from `h` (start with BATCH_HASH_INIT).
 */
#define BATCH_HASH_INIT UINT64_C(0xcbf29ce484222325)
uint64_t batch_hash(uint64_t h, const void *data, size_t len);
uint64_t batch_hash_str(uint64_t h, const char *s);
/* Hash of a file's bytes; TU_ENOTFOUND when it does not exist. */
enum tu_status batch_hash_file(const char *path, uint64_t *out,
                               struct tu_error *err);

/* ---- run state (state.c) ---- */

enum batch_record_kind { BATCH_REC_EXPORT, BATCH_REC_IMPORT };

/* What a completed item was made from, and what it gave. */
struct batch_record {
    enum batch_record_kind kind;
    char *locale;
    char *name;
    char *input;
    char *derived_from;  /* NULL */
    uint64_t input_hash; /* export: the document; import: the XLIFF taken */
    uint64_t opts_hash;  /* export: options + TM stamp */
    uint64_t xlf_hash;   /* the XLIFF as tumac wrote it */
    char *xliff_path;    /* relative to OUTDIR, NULL */
    char *doc_path;      /* relative to OUTDIR, NULL */
    enum tu_batch_state state;
    struct tu_batch_counts counts;
};

struct batch_state {
    /* The run configuration (for --import): key/value pairs. */
    char **keys;
    char **values;
    size_t config_count;
    size_t config_cap;
    struct batch_record *recs;
    size_t count;
    size_t cap;
    int journal_fd; /* -1 when not open */
    pthread_mutex_t journal_lock; /* one line written at a time (not the sync) */
    char *path;
};

void batch_state_init(struct batch_state *s);
void batch_state_release(struct batch_state *s);
/* Load OUTDIR/.tumac-batch if it exists (a damaged tail is ignored). */
enum tu_status batch_state_load(struct batch_state *s, const char *outdir,
                                struct tu_error *err);
const char *batch_state_get(const struct batch_state *s, const char *key);
enum tu_status batch_state_set(struct batch_state *s, const char *key,
                               const char *value, struct tu_error *err);
/* The latest record of kind/locale/name, or NULL. */
const struct batch_record *batch_state_find(const struct batch_state *s,
                                            enum batch_record_kind kind,
                                            const char *locale,
                                            const char *name);
/*
 * Rewrite the state file atomically from memory (compacted), then keep it
 * open for appending records.
 */
enum tu_status batch_state_begin(struct batch_state *s, struct tu_error *err);
/*
 * Store `rec` (copied) in memory (batch_state_remember), then append it to
 * the journal durably, with fsync (batch_state_journal, which threads may
 * call at once: it holds its own lock only while writing the line, not over
 * the sync). The two are apart so a caller can hold the lock that guards the
 * memory for the first only: no one waits on the disk. Journal lines may
 * come in any order.
 */
enum tu_status batch_state_remember(struct batch_state *s,
                                    const struct batch_record *rec,
                                    struct tu_error *err);
enum tu_status batch_state_journal(struct batch_state *s,
                                   const struct batch_record *rec,
                                   struct tu_error *err);
/* Both, for a single thread. */
enum tu_status batch_state_add(struct batch_state *s,
                               const struct batch_record *rec,
                               struct tu_error *err);
void batch_record_release(struct batch_record *r);

/* ---- worker pool (pool.c) ---- */

typedef void (*batch_task_fn)(void *ctx, size_t index, unsigned worker);

/*
 * Run task(ctx, i, worker) for i in [0, count) on `threads` threads (worker
 * is 0..threads-1, for per-thread resources). Stops handing out tasks once
 * *stop is nonzero. Threads that cannot start leave their share to the
 * others (or to the calling thread). Fails only when out of memory.
 */
enum tu_status batch_pool_run(unsigned threads, size_t count,
                              batch_task_fn task, void *ctx,
                              const volatile sig_atomic_t *stop,
                              struct tu_error *err);
/* Number of online processors (at least 1). */
unsigned batch_cpu_count(void);

/* ---- ordered turns (turns.c) ---- */

/*
 * Stages that documents pass one at a time in input order (a base locale's
 * leverage run, where a document's segments are repetitions for the later
 * ones). A document waits in batch_turn_take until every earlier document
 * has passed the stage, and passes with batch_turn_give; batch_turns_end,
 * which the run calls when a document's task returns on whatever path,
 * passes every stage the document did not. So a document that leaves early
 * (failed, up to date, stopped) cannot hold up the ones after it, and no
 * path has to remember to pass its turns.
 */
struct batch_turns;
struct batch_turns *batch_turns_new(size_t stages, size_t docs);
void batch_turns_free(struct batch_turns *t);
void batch_turn_take(struct batch_turns *t, size_t stage, size_t doc);
/* Whether batch_turn_take would return at once. */
bool batch_turn_ready(struct batch_turns *t, size_t stage, size_t doc);
void batch_turn_give(struct batch_turns *t, size_t stage, size_t doc);
void batch_turns_end(struct batch_turns *t, size_t doc);

/* ---- a worker thread's own resources (worker.c) ---- */

struct batch_worker;
/* `src` is the run's source language. NULL when out of memory. */
struct batch_worker *batch_worker_new(const char *src);
void batch_worker_free(struct batch_worker *w);
/* Source words in `text` (the counting rules of the segment module). */
enum tu_status batch_worker_words(struct batch_worker *w, const char *text, size_t len,
                                  size_t *words, struct tu_error *err);
/* `doc` (matches too) in the script of `to_tag`, relabelled, with the
 * worker's transliterator into that script. */
enum tu_status batch_worker_translit(struct batch_worker *w, struct tu_doc *doc,
                                     const char *to_tag, struct tu_error *err);
/* The worker's probes for batch_prefetch (made on first use). */
struct batch_probes *batch_worker_probes(struct batch_worker *w);

/* ---- the run's TM answers, looked up ahead of a turn (prefetch.c) ---- */

/*
 * The TM's answers of one run, shared by its workers: each query is asked
 * of the TM once (a query being asked by another worker is waited for)
 * and its answer copied to every later asker.
 */
struct batch_answers;
struct batch_answers *batch_answers_new(void);
void batch_answers_free(struct batch_answers *a);
/* The lookups the store passed on to the TM so far. */
size_t batch_answers_tm_queries(struct batch_answers *a);

/*
 * A tu_lev_lookup_fn (ctx: this) that stands for the TM in a locale's
 * sources (tu_lev_sources_opts.tm_front) and in the probes: it appends the
 * stored answer, or asks the TM connection `next` (holding `next_lock`
 * unless NULL: a connection shared by threads) and keeps its answer.
 */
struct batch_front {
    struct batch_answers *answers;
    tu_lev_lookup_fn next;
    void *next_ctx;
    pthread_mutex_t *next_lock;
};
enum tu_status batch_front_lookup(void *ctx, const struct tu_lev_query *q,
                                  struct tu_lev_cands *out, struct tu_error *err);

/*
 * A worker's probe leverages, one per locale, each on the worker's own TM
 * connection: batch_prefetch runs `doc` through the probe of `trg`
 * (counting only: `doc` is not changed), outside any turn, so every query
 * the real run will ask is in `answers` (or being asked) by its turn. A
 * failure only leaves the asking to the turn.
 */
struct batch_probes;
struct batch_probes *batch_probes_new(const char *src);
void batch_probes_free(struct batch_probes *p);
/* The worker's own connection to the TM at `tm_path`, opened on first use;
 * NULL when it cannot be had (or holds no TM). */
struct tu_lev_tm *batch_probes_tm(struct batch_probes *p, const char *tm_path);
void batch_prefetch(struct batch_probes *p, struct batch_answers *answers, const char *tm_path,
                    const char *trg, int min_score, int fill_score, struct tu_doc *doc);

/* ---- report (report.c) ---- */

struct tu_batch_report *batch_report_new(void);
/* Append an item; strings are copied. NULL when out of memory. */
struct tu_batch_item *batch_report_add(struct tu_batch_report *r,
                                       const char *input, const char *name,
                                       const char *locale,
                                       const char *derived_from);
/* Set *slot to a copy of s (freeing the old value); false on ENOMEM. */
bool batch_set_str(char **slot, const char *s);

#endif
