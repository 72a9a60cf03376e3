/* Internals shared by the TM sources. */
#ifndef TUMAC_TM_INT_H
#define TUMAC_TM_INT_H

#include <sqlite3.h>

#include <tumac/locale.h>
#include <tumac/text.h>
#include <tumac/tm.h>

enum { TM_ST_FIND, TM_ST_FIND_IN, TM_ST_GROUP, TM_ST_HAS_LANG, TM_ST_TARGETS, TM_ST_MERGE, TM_ST_INSERT, TM_ST_POST_LAST, TM_ST_POST_ANY,
       TM_ST_POST_PUT, TM_ST_DF_ADD, TM_ST_DF, TM_ST_POST_READ, TM_ST_UNIT_KEY,
       TM_ST_INFO, TM_ST_EXACT, TM_ST_ANSWER, TM_ST_MAX_ID, TM_ST_COUNT };
#define TM_BUSY_MS 5000   /* how long a connection waits for another's lock */
#define TM_DATE_SIZE 17  /* YYYYMMDDThhmmssZ and NUL */
#define TM_TRANSLIT_MAX 4
#define TM_CHUNK_MAX 3800  /* bytes of a posting chunk: one stays inside a 4 KB page */
#define TM_BUCKETS 128     /* length buckets: 7 bits of a post key */
#define TM_GRAM_BITS 37    /* trigram id bits: post key = g << 19 | bucket << 12 | chunk */

struct tm_pending;

/* Per-unit counters of one fuzzy lookup, indexed by unit id and reused. */
struct tm_count {
    uint16_t shared;       /* trigrams shared with the query (capped count) */
    uint8_t blo, bhi;      /* length buckets the unit's postings came from */
};
struct tm_scratch {
    struct tm_count *unit; /* one per unit id, packed: a posting costs one cache miss */
    uint32_t *touched;     /* ids with shared > 0 */
    size_t cap, ntouched, touched_cap;
};

#define TM_LANGS_MAX 32

/* The matching keys of variants verified by earlier lookups, by variant
 * id, as of content stamp `stamp` (lookup.c): a lookup at the analysis
 * floor verifies most variants of its window, and fetching each row costs
 * more than its distance. `lang` indexes langs.v plus one (0: not cached). */
struct tm_keyent {
    uint32_t off;
    uint32_t bytes;
    uint32_t m;
    uint32_t grp;
    uint8_t lang;
};
struct tm_keycache {
    uint64_t stamp;
    bool valid;
    struct tm_keyent *ent;
    size_t nent;
    char *text;
    size_t used, cap;
};

struct tm_pg;

struct tu_tm {
    sqlite3 *db;
    struct tm_pg *pg;            /* a PostgreSQL TM (pg.c); NULL: SQLite */
    char *path;
    bool readonly;
    bool in_txn;                 /* inside tu_tm_begin: postings wait for commit */
    bool bulk;                   /* inside tu_tm_begin_bulk: rollback journal */
    bool content_changed;        /* units added/merged/deleted: commit renews meta 'content' */
    sqlite3_stmt *stmt[TM_ST_COUNT];
    struct tm_pending *pending;  /* postings not yet written (index.c) */
    struct tm_scratch scratch;
    struct tu_tm_lang { char tag[64]; struct tu_locale loc; bool valid; } lang[2];
    struct { char tag[64]; struct tu_translit *t; } tr[TM_TRANSLIT_MAX];
    /* The distinct languages of the variants, as of content stamp
     * `stamp` (lookup.c); n > TM_LANGS_MAX: too many to keep. */
    struct { uint64_t stamp; bool valid; size_t n; char v[TM_LANGS_MAX][64]; } langs;
    struct tm_keycache keys;
};

/* A distinct trigram of a key, its count there and its document frequency. */
struct tm_gram {
    int64_t g;
    uint32_t count;
    int64_t df;
};

const char *tu_tm_schema_sql(void);
size_t tu_tm_codepoints(const char *s, size_t len, uint32_t **out);
/* Decode UTF-8 into out (room for len code points); returns the count. */
size_t tu_tm_decode(const char *s, size_t len, uint32_t *out);
/* The trigram ids of a key in the index of one language (seed:
 * tu_tm_lang_seed): each language's variants have an index of their own. */
size_t tu_tm_grams(const uint32_t *cp, size_t n, uint64_t seed, int64_t **out);
size_t tu_tm_gram_counts(const uint32_t *cp, size_t n, uint64_t seed, struct tm_gram **out);
/* The index seed of a BCP 47 tag: its language subtag, any script or
 * region (Serbian Cyrillic and Latin keys are folded alike). */
uint64_t tu_tm_lang_seed(const char *tag);
unsigned tu_tm_bucket(size_t len, size_t *lo, size_t *hi);
void tu_tm_bucket_range(unsigned b, size_t *lo, size_t *hi);
size_t tu_tm_get_varint(const uint8_t *p, size_t len, uint64_t *v);
uint64_t tu_tm_hash(const char *s, size_t len);
size_t tu_tm_edit_distance(const uint32_t *a, size_t n, const uint32_t *b,
                           size_t m, size_t limit);
enum tu_status tu_tm_fuzzy_plan(struct tu_tm *tm, struct tu_buf *out,
                                struct tu_error *err);
/* A TMX or ISO 8601 date in TMX form (UTC); a bare day is its first second,
 * or with end_of_day its last. False if it is not such a date. */
bool tu_tm_date_norm(const char *in, bool end_of_day, char out[TM_DATE_SIZE]);
void tu_tm_date_now(char out[TM_DATE_SIZE]);

/* Units changed in this transaction (or statement): the commit gives the
 * TM a new content stamp (tu_tm_content_stamp). */
void tu_tm_content_changed(struct tu_tm *tm);

/* tu_tm_begin for an import: a rollback journal if the TM is not shared. */
enum tu_status tu_tm_begin_bulk(struct tu_tm *tm, struct tu_error *err);

/* The posting index (index.c). */
enum tu_status tu_tm_index_unit(struct tu_tm *tm, int64_t id, const uint32_t *cp,
                                size_t n, uint64_t seed, struct tu_error *err);
enum tu_status tu_tm_flush(struct tu_tm *tm, struct tu_error *err);
void tu_tm_pending_free(struct tu_tm *tm);
enum tu_status tu_tm_index_rebuild(struct tu_tm *tm, struct tu_error *err);

/* One side of a unit to add, as a variant: its texts, key and hashes. */
struct variant {
    const char *lang;
    struct tu_buf text, xml, key;
    uint32_t *cps;
    size_t ncp;
    int64_t key_hash, var_hash;
};

/* The PostgreSQL backend (pg.c), chosen by tu_tm_is_server(path): the
 * entry points of tm.c, lookup.c and tmx.c hand a PostgreSQL TM to these,
 * and add_unit's steps (tm.c) to the tm_pg_variant_* ones. */
enum tu_status tm_pg_open(const char *path, bool readonly, struct tu_tm **out,
                          struct tu_error *err);
void tm_pg_close(struct tu_tm *tm);
enum tu_status tm_pg_begin(struct tu_tm *tm, struct tu_error *err);
enum tu_status tm_pg_commit(struct tu_tm *tm, struct tu_error *err);
void tm_pg_rollback(struct tu_tm *tm);
enum tu_status tm_pg_content_stamp(struct tu_tm *tm, uint64_t *out, struct tu_error *err);
enum tu_status tm_pg_variant_find(struct tu_tm *tm, const struct variant *v, int64_t grp,
                                  int64_t *id, int64_t *found_grp, bool *own_ctx,
                                  struct tu_error *err);
enum tu_status tm_pg_variant_insert(struct tu_tm *tm, const struct variant *v, int64_t grp,
                                    int64_t from, const struct tu_tm_unit *u,
                                    const char *created, int64_t *id, struct tu_error *err);
enum tu_status tm_pg_group_insert(struct tu_tm *tm, const char *src_lang, int64_t *grp,
                                  struct tu_error *err);
enum tu_status tm_pg_merge(struct tu_tm *tm, int64_t id, int64_t from,
                           const struct tu_tm_unit *u, struct tu_error *err);
enum tu_status tm_pg_add_info(struct tu_tm *tm, int64_t id, const struct tu_tm_unit *u,
                              bool source, const char *changed, const char *last_used,
                              struct tu_error *err);
enum tu_status tm_pg_count_use(struct tu_tm *tm, const int64_t *ids, size_t n,
                               struct tu_error *err);
/* mode: 0 the best matches, 1 exhaustive, 2 the first (lookup.c's enum) */
enum tu_status tm_pg_lookup(struct tu_tm *tm, const struct tu_tm_query *q, int mode,
                            struct tu_tm_match **out, size_t *count, struct tu_error *err);
enum tu_status tm_pg_stats(struct tu_tm *tm, struct tu_tm_stats *out, struct tu_error *err);
enum tu_status tm_pg_count_target(struct tu_tm *tm, const char *trg_lang, size_t *count,
                                  struct tu_error *err);
enum tu_status tm_pg_export(struct tu_tm *tm, const struct tu_tm_filter *f, struct tu_buf *out,
                            struct tu_error *err);
enum tu_status tm_pg_concordance(struct tu_tm *tm, const char *words, size_t max,
                                 struct tu_buf *out, struct tu_error *err);
/* since/until: the filter's dates normalised (NULL: none) */
enum tu_status tm_pg_delete(struct tu_tm *tm, const struct tu_tm_filter *f, const char *since,
                            const char *until, size_t *deleted, struct tu_error *err);
enum tu_status tm_pg_vacuum(struct tu_tm *tm, struct tu_error *err);

#endif
