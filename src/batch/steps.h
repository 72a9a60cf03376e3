/*
 * The batch's calls into the other modules (filters, leverage, TM, text,
 * XLIFF), kept in one file so the orchestration in run.c reads as the
 * pipeline it is. Per-thread objects (transliterators) live in a worker.
 */
#ifndef TUMAC_BATCH_STEPS_H
#define TUMAC_BATCH_STEPS_H

#include "batch-int.h"

struct step_tm;     /* the run's TM, or NULL */
struct step_worker; /* per-thread resources */

/*
 * Open the TM at `path`: NULL follows the default rules ($TUMAC_TM, then
 * $XDG_DATA_HOME/tumac/memory.db), "none" is no TM. *created: there was
 * no file, a new TM was made.
 */
enum tu_status step_tm_open(const char *path, bool *created,
                            struct step_tm **out, struct tu_error *err);
void step_tm_close(struct step_tm *tm);
/* The TM's file, NULL for none. */
const char *step_tm_path(const struct step_tm *tm);
/* The TM's content stamp (0 for none): usage counts leave it alone. */
enum tu_status step_tm_stamp(struct step_tm *tm, uint64_t *out,
                             struct tu_error *err);
/* How many units the TM holds with target language `tag` (script-exact). */
size_t step_tm_count_lang(struct step_tm *tm, const char *tag);

/* Resources of one worker thread; `src` is the source language. */
struct step_worker *step_worker_new(const char *src);
void step_worker_free(struct step_worker *w);

/* Source words in `text` (the counting rules of the segment module). */
enum tu_status step_count_words(struct step_worker *w, const char *lang,
                                const char *text, size_t len, size_t *words,
                                struct tu_error *err);

/* Extract `path` into the model for src -> trg. */
enum tu_status step_extract(const char *path, const char *src, const char *trg,
                            struct tu_doc **out, struct tu_error *err);

/*
 * A leverage run for one target locale over the documents of the batch, so
 * repetitions across documents are seen. Used by one thread at a time; the
 * caller feeds documents in input order and holds the TM lock.
 */
struct step_lev;
enum tu_status step_lev_new(struct step_tm *tm, const char *src,
                            const char *trg, int min_score, int fill_score,
                            const char *const *ref_dirs, size_t ref_count,
                            struct step_lev **out, struct tu_error *err);
void step_lev_free(struct step_lev *lev);
/* Pre-translate `doc` and fill the band counts of `counts`. */
enum tu_status step_leverage(struct step_lev *lev, struct tu_doc *doc,
                             struct tu_batch_counts *counts,
                             struct tu_error *err);
/* The TM units whose targets the leverages since the last call used
 * (*ids is the caller's), and their usage counted in the TM. */
size_t step_lev_take_used(struct step_lev *lev, int64_t **ids);

/*
 * The TM's answers to the queries leveraging `doc` into `trg` will ask,
 * looked up by worker `w` on its own TM connection, outside any turn
 * (prefetch.c); NULL when there is nothing to ask or it failed (the turn
 * then asks the TM itself). `doc` is not changed.
 */
struct batch_cache;
struct batch_cache *step_prefetch(struct step_worker *w, const struct step_tm *tm,
                                  const char *trg, int min_score, int fill_score,
                                  struct tu_doc *doc);
/* Serve the next step_leverage from `cache` (NULL: from the TM). */
void step_lev_serve(struct step_lev *lev, const struct batch_cache *cache);
enum tu_status step_tm_count_use(struct step_tm *tm, const int64_t *ids, size_t n,
                                 struct tu_error *err);

/* Merge `doc` into document bytes; strict: a missing target is an error. */
enum tu_status step_merge(const struct tu_doc *doc, bool strict,
                          struct tu_buf *out, struct tu_error *err);
/* Extension of the merged document ("html", "txt"). */
const char *step_extension(const struct tu_doc *doc);

/* False in a build without the text layer's transliteration. */
bool step_translit_available(void);

/* Transliterate every target of `doc` into `to_tag`'s script; relabel. */
enum tu_status step_translit(struct step_worker *w, struct tu_doc *doc,
                             const char *to_tag, struct tu_error *err);

/* Serialize / read XLIFF. */
enum tu_status step_xliff_write(const struct tu_doc *doc,
                                enum tu_xliff_version v, struct tu_buf *out,
                                struct tu_error *err);
enum tu_status step_xliff_read(const char *path, struct tu_doc **out,
                               struct tu_error *err);

/* Check an XLIFF file against the standard. */
enum tu_status step_validate(const char *path, struct tu_error *err);

/* Store the translated and approved segments of `doc` in the TM (one
 * transaction); only approved ones are stored as approved. */
enum tu_status step_tm_store(struct step_tm *tm, const struct tu_doc *doc,
                             const char *origin, size_t *added,
                             struct tu_error *err);

/* How far a segment's target is, in order: none (or empty); tumac's own
 * fill, unchanged (state translated, the target still one of the tumac:*
 * candidates beside it); translated (XLIFF translated, 1.2
 * needs-review-*); approved (reviewed, final, signed-off, 1.2
 * approved="yes"). */
enum step_done { STEP_OPEN, STEP_PREFILLED, STEP_TRANSLATED, STEP_APPROVED };
enum step_done step_target_state(const struct tu_unit *unit,
                                 const struct tu_segment *seg);

#endif
