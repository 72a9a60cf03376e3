/*
 * Leverage and analysis: pre-translate a document model from a translation
 * memory, and count what is left in the word bands translators bill by.
 *
 * Leverage looks every translatable segment up (through a lookup callback,
 * so any TM can serve; tu_lev_tm_open() and tu_lev_tm_lookup_fn() plug in
 * tumač's own, tu_lev_sources_open() wires it with the references the way
 * every tumač command does), writes
 * every candidate into the unit's matches (score = match_quality, origin,
 * what differed = note) and fills empty targets from the best candidate at
 * or above the fill threshold. A filled target is marked "translated" (needs
 * review) unless it is a context (101) or exact (100) match of an approved
 * TU, which is "reviewed". Repetitions inside a document, and across the
 * documents given to one struct tu_leverage, are filled from the first
 * occurrence once that has a target.
 *
 * Numbers and dates (numbers.c): a candidate gets the segment's values in
 * the target's style when every changed value maps one to one; one that
 * cannot be placed makes it stale: never filled, 5 points off per stale
 * value from the lower of its score and the fill threshold. Every fill
 * passes tu_lev_values_stale. Inline codes (codes.c): a candidate with the
 * segment's text but other codes gets them placed by rule at 1 point per
 * code; when they cannot be placed it scores at most fill - 1 and is not
 * used. A segment is counted in the band of the score after all this.
 *
 * The analysis (struct tu_analysis) is the per-file and total count of
 * segments, words and characters in each band; it renders as text, CSV,
 * JSON and a self-contained HTML page. The batch uses the same functions.
 */
#ifndef TUMAC_LEVERAGE_H
#define TUMAC_LEVERAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "error.h"
#include "xliff.h"

/* The bands, in report order. A segment is counted in exactly one: a match
 * band, or one of the two that say the file already holds its translation. */
enum tu_band {
    TU_BAND_CONTEXT,    /* 101%: same source, same previous and next segment */
    TU_BAND_REPETITION, /* repeats an earlier segment of the same document */
    TU_BAND_CROSS_FILE, /* repeats a segment of an earlier document of the run */
    TU_BAND_EXACT,      /* 100% */
    TU_BAND_95,         /* 95-99% */
    TU_BAND_85,         /* 85-94% */
    TU_BAND_75,         /* 75-84% */
    TU_BAND_50,         /* 50-74% */
    TU_BAND_NEW,        /* no match (below 50%) */
    TU_BAND_COUNT,      /* the match bands, those the batch journal keeps */
    /* Not match bands: the segment's target is already a translation, as
     * tu_lev_segment_ready says (a source copy under initial/new is none),
     * so it is not quoted again whatever the TM holds. A batch extracts its
     * own documents: its counts never have these. */
    TU_BAND_TRANSLATED = TU_BAND_COUNT, /* state translated: to review */
    TU_BAND_APPROVED,   /* reviewed, final, 1.2 approved="yes" */
    TU_BAND_ROWS        /* the rows of the analysis */
};

/* Label for people ("101%", "Repetitions", "95-99%", "No match",
 * "Translated (to review)", "Approved"). */
const char *tu_band_name(enum tu_band b);
/* Stable key for CSV/JSON ("context", "repetitions", "cross_file", "exact",
 * "95_99", "85_94", "75_84", "50_74", "no_match", "translated", "approved"). */
const char *tu_band_key(enum tu_band b);
/* The band of a TM score: 101 context, 100 exact, ..., < 50 new. */
enum tu_band tu_band_of_score(double score);

/* Counts of one file (or the total) per band. */
struct tu_band_counts {
    size_t segments[TU_BAND_ROWS];
    size_t words[TU_BAND_ROWS];
    size_t chars[TU_BAND_ROWS];
    size_t filled; /* targets filled by leverage (from the TM or a repetition) */
};

/* Sum of a row over all bands (those already translated included):
 * segments, words, chars. */
size_t tu_band_counts_segments(const struct tu_band_counts *c);
size_t tu_band_counts_words(const struct tu_band_counts *c);
size_t tu_band_counts_chars(const struct tu_band_counts *c);
/* dst += src */
void tu_band_counts_add(struct tu_band_counts *dst,
                        const struct tu_band_counts *src);

/* ---- candidates: what a TM returns for one segment ---- */

struct tu_lev_query {
    const char *src_lang;          /* canonical tags */
    const char *trg_lang;          /* the language asked of the TM */
    const struct tu_content *source;
    const char *text;              /* plain text of source (codes dropped) */
    size_t len;
    const char *prev, *next;       /* plain text of the neighbours, NULL at edges */
    size_t prev_len, next_len;
    int min_score;                 /* 0..100 */
    size_t max;                    /* at most this many candidates */
    bool first;                    /* any candidate >= min_score, not the best
                                    * (tu_tm_lookup_first); a source may
                                    * still give its best */
};

struct tu_lev_cand {
    double score;          /* 0..101 */
    bool is_approved;      /* the TU is approved (reviewed/final) */
    bool is_variant;       /* from a related language (--variants) */
    bool has_numbers;      /* numbers were put into the target */
    char *origin;          /* document or TM the TU came from; may be NULL */
    char *trg_lang;        /* the TU's target language */
    char *note;            /* what differed; may be NULL */
    int64_t tm_unit;       /* the TM unit's id, 0 when not from tumac's TM */
    struct tu_content source;
    struct tu_content target;
};

struct tu_lev_cands {
    struct tu_lev_cand *items;
    size_t count;
    size_t cap;
};

/* Append an empty candidate; NULL when out of memory. */
struct tu_lev_cand *tu_lev_cands_add(struct tu_lev_cands *c);
/* Free every candidate; `c` is empty and reusable. */
void tu_lev_cands_release(struct tu_lev_cands *c);

/*
 * The lookup a TM provides: append to `out` the candidates for `q`, best
 * first, target in q->trg_lang's script. TU_OK with none is "no match".
 */
typedef enum tu_status (*tu_lev_lookup_fn)(void *ctx,
                                           const struct tu_lev_query *q,
                                           struct tu_lev_cands *out,
                                           struct tu_error *err);

/*
 * tumač's own TM as a candidate source. `path` NULL follows the default
 * rules (--tm, else $TUMAC_TM, else $XDG_DATA_HOME/tumac/memory.db);
 * "none" gives no TM (only repetitions). Use tu_lev_tm_lookup_fn(tm) with the
 * returned object as ctx. tu_lev_tm_name is the TM's path (NULL: none).
 */
struct tu_lev_tm;
enum tu_status tu_lev_tm_open(const char *path, struct tu_lev_tm **out,
                              struct tu_error *err);
void tu_lev_tm_close(struct tu_lev_tm *tm);
const char *tu_lev_tm_name(const struct tu_lev_tm *tm);
/* The lookup function for tu_leverage_new: NULL when `tm` holds no TM. */
tu_lev_lookup_fn tu_lev_tm_lookup_fn(const struct tu_lev_tm *tm);
/* The open TM itself (NULL for none), e.g. to store translations into. */
struct tu_tm;
struct tu_tm *tu_lev_tm_db(const struct tu_lev_tm *tm);
/* Count one use of each TM unit in ids (tu_leverage_take_used: their
 * targets filled segments): usage count + 1 and last usage now, one
 * transaction. Call once the leveraged document is written. */
enum tu_status tu_lev_tm_count_use(const struct tu_lev_tm *tm, const int64_t *ids, size_t n,
                                   struct tu_error *err);

/*
 * Store the translated segments of `doc` in the TM, in one transaction,
 * with the context hashes leverage asks with (previous and next translatable
 * segment of the same file), so the next release gets 101% matches.
 * Which targets count: approved_only: reviewed/final (or 1.2
 * approved="yes"); default: translated and above; all_states: any non-empty
 * target. Approved targets are stored as approved.
 */
struct tu_lev_store_opts {
    const char *origin; /* NULL: each file's original name */
    bool approved_only;
    bool all_states;
};
struct tu_lev_store_result {
    size_t added, merged, skipped;
};
enum tu_status tu_lev_store_doc(struct tu_tm *db, const struct tu_doc *doc,
                                const struct tu_lev_store_opts *o,
                                struct tu_lev_store_result *res,
                                struct tu_error *err);
/* A segment's target is ready at `min` (non-empty, state >= min, or the 1.2
 * unit is approved="yes"). */
bool tu_lev_segment_ready(const struct tu_unit *unit,
                          const struct tu_segment *seg, enum tu_state min);

/*
 * Earlier bilingual documents as a candidate source ("reference"): the
 * segments of a source document and of its published translation, paired
 * unit by unit (a unit whose segment counts differ is paired as a whole),
 * with their neighbours for context matches. Scores: 101 same text and
 * neighbours, 100 same text (whitespace aside), else a character edit
 * distance, 100 - 100 * distance / longer length (at most 99). Published
 * translations count as approved. A reference may pass every query on to
 * another source first (`next`), so a TM and references combine.
 */
struct tu_lev_ref;
enum tu_status tu_lev_ref_new(tu_lev_lookup_fn next, void *next_ctx,
                              struct tu_lev_ref **out, struct tu_error *err);
void tu_lev_ref_free(struct tu_lev_ref *ref);
/* Add the pairs of `src_doc` and its translation `trg_doc` (borrowed for the
 * call: the text is copied); `origin` names them in the matches. */
enum tu_status tu_lev_ref_add(struct tu_lev_ref *ref,
                              const struct tu_doc *src_doc,
                              const struct tu_doc *trg_doc, const char *origin,
                              struct tu_error *err);
/* Extract `src_path` (in src_lang) and its translation `trg_path` (in
 * trg_lang) with the filters and add their pairs. */
enum tu_status tu_lev_ref_add_files(struct tu_lev_ref *ref, const char *src_path,
                                    const char *trg_path, const char *src_lang,
                                    const char *trg_lang, struct tu_error *err);
/* The same from "OLD=TRANSLATION" (the form of the --ref option). */
enum tu_status tu_lev_ref_add_spec(struct tu_lev_ref *ref, const char *spec,
                                   const char *src_lang, const char *trg_lang,
                                   struct tu_error *err);
/* Pairs held. */
size_t tu_lev_ref_count(const struct tu_lev_ref *ref);
/* A tu_lev_lookup_fn: ctx is the struct tu_lev_ref. It only reads the
 * reference, so threads may share one once it is built (the chained source
 * must allow that too). */
enum tu_status tu_lev_ref_lookup(void *ctx, const struct tu_lev_query *q,
                                 struct tu_lev_cands *out,
                                 struct tu_error *err);

/* ---- the leverage run ---- */

struct tu_leverage_opts {
    int min_score;       /* fuzzy threshold; 0: 75 */
    int fill_score;      /* fill targets at or above; 0: 95 */
    size_t max;          /* candidates written per segment; 0: 3 */
    bool variants;       /* bs/hr/sr(/cnr) targets may use each other's TUs */
    int variant_penalty; /* points off a variant's score; 0: 10 */
    bool analyze_only;   /* count only: the document is not changed */
    /* The caller reports the 50-74 % band together with "no match" (as
     * `tumac leverage` does): the TM is asked only down to the lowest of
     * min_score, fill_score and 75, instead of the analysis floor of 50,
     * except for segments holding numbers or dates, which a candidate that
     * differs in values only may fill from any score. The bands of 75 and
     * up, the matches written and the fills are the same either way. */
    bool no_low_band;
    const char *origin;  /* name of the TM for the matches' origin; may be NULL */
};

struct tu_leverage;

/*
 * A leverage run for src -> trg (BCP 47 tags, canonicalized) over any number
 * of documents, with candidates from `lookup` (NULL: no TM, everything is
 * new except repetitions). `ctx` is borrowed for the life of the run.
 * One run is used by one thread at a time.
 */
enum tu_status tu_leverage_new(const char *src_lang, const char *trg_lang,
                               const struct tu_leverage_opts *opts,
                               tu_lev_lookup_fn lookup, void *ctx,
                               struct tu_leverage **out, struct tu_error *err);
void tu_leverage_free(struct tu_leverage *lev);

/*
 * Leverage every translatable segment of `doc` (unless analyze_only) and
 * set *counts (may be NULL) to its band counts. Segments already holding a
 * target keep it. Later documents of the same run count repetitions of
 * this one as cross-file repetitions.
 */
enum tu_status tu_leverage_doc(struct tu_leverage *lev, struct tu_doc *doc,
                               struct tu_band_counts *counts,
                               struct tu_error *err);

/* The TM units (tu_lev_cand.tm_unit) whose targets filled segments since
 * the last call, once per filled segment: *ids is the caller's (tu_free). */
size_t tu_leverage_take_used(struct tu_leverage *lev, int64_t **ids);

/*
 * The candidate sources of a run, wired the one way `tumac leverage`,
 * `tumac analyze` and the batch share (sources.c): the TM, earlier
 * documents with their published translations in front of it (asked after
 * it, see tu_lev_ref_new), the run on that chain, and the TM units it used.
 */
struct tu_lev_sources_opts {
    const char *src_lang;  /* the run's pair (canonical tags) */
    const char *trg_lang;
    const char *tm_path;   /* as tu_lev_tm_open: NULL default rules, "none" */
    struct tu_lev_tm *tm;  /* instead of tm_path: an open TM, borrowed
                            * (the locales of a batch share one) */
    /* Asked instead of the TM when there is one (e.g. answers looked up
     * ahead in front of it, which then asks the TM itself); may be NULL. */
    tu_lev_lookup_fn tm_front;
    void *tm_front_ctx;
    const char *const *refs; /* "OLD=TRANSLATION" (tu_lev_ref_add_spec) */
    size_t ref_count;
};
struct tu_lev_sources;
enum tu_status tu_lev_sources_open(const struct tu_lev_sources_opts *o,
                                   struct tu_lev_sources **out, struct tu_error *err);
void tu_lev_sources_close(struct tu_lev_sources *s);
/* One more reference pair by files (in src_lang and trg_lang), e.g. the
 * batch's reference folders; before tu_lev_sources_leverage. */
enum tu_status tu_lev_sources_add_ref(struct tu_lev_sources *s, const char *src_path,
                                      const char *trg_path, struct tu_error *err);
/* The TM (its name, its database; a TM of "none" too). */
struct tu_lev_tm *tu_lev_sources_tm(const struct tu_lev_sources *s);
/* tu_leverage_new for the sources' pair on their chain (no lookup at all
 * without a TM and references); opts->origin NULL: the TM's name. */
enum tu_status tu_lev_sources_leverage(const struct tu_lev_sources *s,
                                       const struct tu_leverage_opts *opts,
                                       struct tu_leverage **out, struct tu_error *err);
/* tu_lev_tm_count_use on the sources' TM: the ids tu_leverage_take_used gave
 * for a document once it is written. */
enum tu_status tu_lev_sources_count_use(const struct tu_lev_sources *s, const int64_t *ids,
                                        size_t n, struct tu_error *err);

/*
 * Numbers and dates as placeables (numbers.c): recognised by value in the
 * source language and in the target language with ICU/CLDR's words and
 * symbols (see numbers.c for what counts as a number or a date).
 */
struct tu_lev_values;
enum tu_status tu_lev_values_new(const char *src_lang, const char *trg_lang,
                                 struct tu_lev_values **out,
                                 struct tu_error *err);
void tu_lev_values_free(struct tu_lev_values *v);

/* Whether the text (in the source language) holds a number or a date. */
bool tu_lev_values_any(const struct tu_lev_values *v, const char *text, size_t len);

struct tu_lev_numbers_result {
    size_t changed;   /* values of the target rewritten */
    size_t stale;     /* changed values that could not be placed */
    bool only_values; /* query and candidate differ in values only */
};

/*
 * Put the query's values into `target` (a candidate whose source is
 * `cand_source`): each value that changed between cand_source and query
 * and maps one to one is rewritten in the target's style, and "numbers:
 * 12 -> 14, 5 December -> 3 December" is appended to `note`. When a change
 * cannot be placed, the target is left as it was, res->stale counts the
 * stale values and the note names them ("stale numbers: 1,200 (segment:
 * 1,500), not filled").
 */
enum tu_status tu_lev_numbers(const struct tu_lev_values *v, const char *query,
                              size_t qlen, const char *cand_source, size_t slen,
                              struct tu_content *target,
                              struct tu_lev_numbers_result *res,
                              struct tu_buf *note, struct tu_error *err);

/*
 * The check every fill goes through: `target` was translated from `from`;
 * may it fill a segment whose source is `seg`? *stale is the number of
 * values that differ between seg and from and that the target does not
 * hold as often as seg (0: it may). A note names them when not NULL.
 */
enum tu_status tu_lev_values_stale(const struct tu_lev_values *v,
                                   const char *seg, size_t seg_len,
                                   const char *from, size_t from_len,
                                   const struct tu_content *target,
                                   size_t *stale, struct tu_buf *note,
                                   struct tu_error *err);

/* Where the target text `t` holds the one value of the source text `x`
 * ("14 October 2025" -> "14. oktobra 2025.") with the same text around it
 * ("1.2 million KM" -> "1,2 mil. KM"), when it holds it once: the byte range
 * of that value and text. False otherwise. */
bool tu_lev_values_locate(const struct tu_lev_values *v, const char *x,
                          size_t xlen, const char *t, size_t tlen,
                          size_t *start, size_t *limit);

/* One value of a text: its key ("n:1500", "n:12.5", "d:2025-10-14"; equal
 * keys are equal values whatever the language wrote) and its bytes. */
struct tu_lev_value {
    char key[48];
    size_t start, limit;
    bool is_date;
};

/*
 * The values of `s` read in the source language (`target` false) or the
 * target language of `v`, in order, into the array *out (freed with
 * tu_free; NULL when none) of *count. `tumac check` compares a segment's
 * source and target with it.
 */
enum tu_status tu_lev_values_scan(const struct tu_lev_values *v, bool target,
                                  const char *s, size_t len,
                                  struct tu_lev_value **out, size_t *count,
                                  struct tu_error *err);

/* The number words of the source (`target` false) or target language. */
struct tu_numwords;
const struct tu_numwords *tu_lev_values_words(const struct tu_lev_values *v, bool target);

/* ---- the analysis report ---- */

struct tu_analysis_file {
    char *name;
    struct tu_band_counts counts;
};

struct tu_analysis {
    struct tu_analysis_file *files;
    size_t count;
    size_t cap;
    struct tu_band_counts total;
    char *tm_name;   /* shown in the report; NULL: "none" */
    char *src_lang;
    char *trg_lang;
    char *title;     /* NULL: "Analysis" */
    int64_t date;    /* Unix time shown as the report date; 0: now */
    /* A caller that knows the targets' states (the batch) gives the words
     * still to translate (segments without an approved target), shown
     * instead of the estimate from the bands, so its reports agree. */
    bool has_to_translate;
    size_t to_translate;
    /* Non-empty: the target is made from this locale by transliteration
     * (nothing to translate; the bands are that locale's). */
    char derived_from[64];
};

/* Make `an` empty (all zero); cannot fail. */
void tu_analysis_init(struct tu_analysis *an);
void tu_analysis_release(struct tu_analysis *an);
/* Set the strings shown in the header (copied; NULL leaves a field as is). */
enum tu_status tu_analysis_set_info(struct tu_analysis *an, const char *tm_name,
                                    const char *src_lang, const char *trg_lang,
                                    const char *title, struct tu_error *err);
/* Append one file row and add it to the total. */
enum tu_status tu_analysis_add_file(struct tu_analysis *an, const char *name,
                                    const struct tu_band_counts *counts,
                                    struct tu_error *err);

/* Render the analysis, appended to `out`. */
enum tu_status tu_analysis_write_text(const struct tu_analysis *an,
                                      struct tu_buf *out, struct tu_error *err);
enum tu_status tu_analysis_write_csv(const struct tu_analysis *an,
                                     struct tu_buf *out, struct tu_error *err);
enum tu_status tu_analysis_write_json(const struct tu_analysis *an,
                                      struct tu_buf *out, struct tu_error *err);
/* A self-contained HTML5 page (inline CSS, no scripts). */
enum tu_status tu_analysis_write_html(const struct tu_analysis *an,
                                      struct tu_buf *out, struct tu_error *err);

#endif
