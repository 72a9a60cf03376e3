/*
 * Translation memory on SQLite: translation units (TUs) with source and
 * target text, languages, the context of the source (hashes of the previous
 * and next source segments), origin and an approved flag. Stored as
 * sentence groups of variants (tm/schema.sql): a unit adds its target to
 * the group of its source, and a lookup in any language of a group answers
 * with the group's variants in the target language (a unit stored en -> hr
 * answers hr -> en; a multilingual TMX <tu> answers every pair among its
 * languages).
 *
 * Lookup: an exact match by the hash of the source's matching key
 * (tu_text_match_key: NFC, case, whitespace and quotes folded, Serbian and
 * Bosnian Cyrillic folded to Latin), then fuzzy candidates from a trigram
 * index (posting lists) inside a length window derived from the threshold,
 * scored by a code-point edit distance of the keys (see src/tm/lookup.c for
 * the candidate bound and what it can miss). Score: 101 = exact in the same
 * context, 100 = identical source, 99 = same key but case/whitespace/quotes
 * differ, otherwise 100 * (1 - distance / longer key length), rounded down.
 * Targets of biscriptal languages (sr, bs) are delivered in the script of
 * the requested target tag.
 */
#ifndef TUMAC_TM_H
#define TUMAC_TM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "error.h"
#include "xliff.h"

struct tu_tm; /* opaque; one connection, one thread at a time */

/*
 * The TM path: `given` if not NULL, else $TUMAC_TM, else
 * $XDG_DATA_HOME/tumac/memory.db (XDG_DATA_HOME defaults to
 * ~/.local/share). Appends to out.
 */
enum tu_status tu_tm_default_path(const char *given, struct tu_buf *out,
                                  struct tu_error *err);

/* Whether a TM path names a PostgreSQL server rather than an SQLite file:
 * a libpq URI (postgresql://... or postgres://...) or "postgres:" and a
 * libpq connection string ("postgres:host=/run/pg dbname=tm"). */
bool tu_tm_is_server(const char *path);

/* Open (creating it and its folder unless readonly) and migrate the schema;
 * a server's schema is created and migrated alike. */
enum tu_status tu_tm_open(const char *path, bool readonly, struct tu_tm **out,
                          struct tu_error *err);
void tu_tm_close(struct tu_tm *tm);

/* One transaction around many adds (an import): begin, then commit or rollback. */
enum tu_status tu_tm_begin(struct tu_tm *tm, struct tu_error *err);
enum tu_status tu_tm_commit(struct tu_tm *tm, struct tu_error *err);
void tu_tm_rollback(struct tu_tm *tm);

/* A unit to add. source/target may be given as content or as plain text. */
struct tu_tm_unit {
    const char *src_lang, *trg_lang;        /* BCP 47 */
    const struct tu_content *source, *target; /* or NULL: use the texts */
    const char *src_text, *trg_text;        /* NUL-terminated plain text */
    const char *src_xml, *trg_xml;          /* TMX seg content, NULL = escaped text */
    uint64_t prev_hash, next_hash;          /* tu_tm_context_hash(), 0 = unknown */
    const char *origin;                     /* file, project; may be NULL */
    const char *created;                    /* TMX or ISO 8601 date, UTC; NULL = now */
    bool approved;
    bool src_all;       /* from a TMX <tu> with srclang="*all*": no variant is its source */
    /* TMX metadata, all optional (NULL/0), kept for export only. */
    const char *tuid, *creator, *changed, *changer, *last_used; /* dates as created */
    long usage_count;
    const char *tu_extra, *src_extra, *trg_extra; /* <prop>/<note> elements as XML */
};

/* Hash of a neighbouring source segment's text for the context (0 for none). */
uint64_t tu_tm_context_hash(const char *text, size_t len);

/* Add a unit; an identical unit merges (approved/context kept if set; the
 * first arrival's dates and metadata stay). *added (may be NULL) tells
 * whether a new row was made. A date that is not a TMX (YYYYMMDDThhmmssZ)
 * or ISO 8601 (YYYY-MM-DD[Thh:mm:ss[Z]]) date is an error (TU_EINVAL). */
enum tu_status tu_tm_add(struct tu_tm *tm, const struct tu_tm_unit *u,
                         bool *added, struct tu_error *err);

struct tu_tm_query {
    const char *src_lang, *trg_lang;
    const char *text; /* plain source text */
    size_t len;
    uint64_t prev_hash, next_hash;
    int min_score;    /* 0 = 75 */
    size_t max;       /* 0 = 5 */
};

struct tu_tm_match {
    int score;              /* 0..101 */
    const char *band;       /* "context", "exact", "fuzzy" */
    char *src_text, *trg_text;
    struct tu_content source, target; /* text-only content */
    char *src_lang, *trg_lang; /* as stored */
    char *origin;
    bool approved;
    char *diff;             /* what differed, "" when nothing */
    int64_t id;             /* the target variant (tu_tm_count_use counts its use) */
};

/* Best matches first; among equal scores approved units, then the newest.
 * Caller frees with tu_tm_matches_free. */
enum tu_status tu_tm_lookup(struct tu_tm *tm, const struct tu_tm_query *q,
                            struct tu_tm_match **out, size_t *count,
                            struct tu_error *err);
void tu_tm_matches_free(struct tu_tm_match *m, size_t count);

/* The same lookup with every unit in the length window scored instead of
 * the trigram candidates: slow, the reference for the index's recall. */
enum tu_status tu_tm_lookup_exhaustive(struct tu_tm *tm, const struct tu_tm_query *q,
                                       struct tu_tm_match **out, size_t *count,
                                       struct tu_error *err);

/* The same lookup stopping at the first q->max fuzzy matches the index
 * verifies at or above q->min_score, not the best: with max 1 whether any
 * unit reaches min_score (an analysis band), at a fraction of the cost when
 * min_score is low. */
enum tu_status tu_tm_lookup_first(struct tu_tm *tm, const struct tu_tm_query *q,
                                  struct tu_tm_match **out, size_t *count,
                                  struct tu_error *err);

/* Full-text (FTS5) search of sources and targets; appends TSV lines
 * "id\tsource\ttarget\n" for at most max hits. Adds leave the full-text
 * index behind (it was a third of an import's time): the first concordance
 * after them indexes the new units, through a writable connection of its
 * own if tm is read-only. */
enum tu_status tu_tm_concordance(struct tu_tm *tm, const char *words,
                                 size_t max, struct tu_buf *out,
                                 struct tu_error *err);

/* One use of each unit in ids (a unit may repeat): its usage count goes up
 * and its last usage date becomes now (TMX usagecount, lastusagedate). */
enum tu_status tu_tm_count_use(struct tu_tm *tm, const int64_t *ids, size_t n,
                               struct tu_error *err);

/* A stamp of the TM's content: it changes with every commit that adds,
 * merges or deletes units, and not with usage counts (tu_tm_count_use) or
 * the full-text index, so a batch can tell whether its outputs are current
 * without redoing them after it only counted uses. */
enum tu_status tu_tm_content_stamp(struct tu_tm *tm, uint64_t *out, struct tu_error *err);

/* Units the full-text index does not have yet (the next concordance's work). */
enum tu_status tu_tm_fts_pending(struct tu_tm *tm, size_t *count, struct tu_error *err);

struct tu_tm_stats {
    size_t units;
    size_t approved;
    size_t fts_pending; /* units the concordance index does not have yet */
    char pairs[1024]; /* "en -> sr-Latn: 12\n" lines: the pairs as stored */
    size_t groups;    /* sentence groups (a TMX <tu> each) */
    char langs[1024]; /* "en: 60\n" lines: variants by language, any of which a lookup finds */
};
enum tu_status tu_tm_stats(struct tu_tm *tm, struct tu_tm_stats *out,
                           struct tu_error *err);

/* How many variants are in language `trg_lang` (as stored: script-exact),
 * i.e. how many sentences a lookup into that language can answer with. */
enum tu_status tu_tm_count_target(struct tu_tm *tm, const char *trg_lang,
                                  size_t *count, struct tu_error *err);

/* Which units an export or delete takes; every field NULL = all units. */
struct tu_tm_filter {
    const char *src_lang, *trg_lang; /* exact tags as stored */
    const char *origin;              /* a glob pattern (*, ?, [...]) on the origin */
    /* Dates of the unit's last change (its change date, else its creation
     * date), inclusive, TMX or ISO 8601 form; a bare day as `until` means
     * to the end of that day. */
    const char *since, *until;
};

/* Delete the units the filter takes (TU_EINVAL for a bad date). */
enum tu_status tu_tm_delete(struct tu_tm *tm, const struct tu_tm_filter *f,
                            size_t *deleted, struct tu_error *err);
enum tu_status tu_tm_vacuum(struct tu_tm *tm, struct tu_error *err);

/* Import: one transaction; a bad unit is reported in diag (file:line) and
 * skipped, or with strict stops the import; a failed import changes nothing. */
struct tu_tm_import_opts {
    bool strict;
    const char *origin;                /* NULL: the file name */
    const char *src_lang, *trg_lang;   /* TSV; for TMX a filter (NULL = all) */
    bool all_states;                   /* XLIFF: also untranslated states */
    bool approved;                     /* TMX/TSV: every unit approved (a trusted memory) */
};
struct tu_tm_import_result { size_t read, added, merged, skipped; };
enum tu_status tu_tm_import_tmx(struct tu_tm *tm, const char *path,
                                const struct tu_tm_import_opts *opts,
                                struct tu_tm_import_result *res,
                                struct tu_diag *diag, struct tu_error *err);
enum tu_status tu_tm_import_tsv(struct tu_tm *tm, const char *path,
                                const struct tu_tm_import_opts *opts,
                                struct tu_tm_import_result *res,
                                struct tu_diag *diag, struct tu_error *err);

/* Export the units the filter takes as TMX 1.4b, with their dates,
 * metadata, properties and notes: with neither src_lang nor trg_lang a
 * <tu> per sentence group with every variant (srclang "*all*" for a group
 * with no single source), else a <tu> per stored pair. */
enum tu_status tu_tm_export_tmx(struct tu_tm *tm, const struct tu_tm_filter *f,
                                struct tu_buf *out, struct tu_error *err);

#endif
