/*
 * The fuzzy index: packed posting lists of the matching keys' trigrams.
 *
 * A key of n code points, padded with one space before and two after, has
 * n + 1 trigrams. Each distinct trigram g, occurring c times in the key of
 * unit id, is one posting (id, c) in the list of (g, length bucket of the
 * key). A list is stored in chunks of at most CHUNK_MAX bytes in `post`
 * under k = g << 19 | bucket << 12 | chunk, so the postings of one gram in a
 * length window are one range of the primary key. A chunk is a run of
 * varints: (id - previous id) << 1 | (c > 1), then c when c > 1; the first
 * posting of a chunk counts from id 0.
 *
 * Adds collect their postings in memory, 8 bytes each: the trigram and
 * length bucket in the high bits and the unit's place among the pending
 * units in the low ones (a trigram seen c times in a key is c postings),
 * binned by their top bits. flush() sorts each bin and appends each list to
 * its last stored chunk, in key order: an import writes each chunk about
 * once instead of one B-tree row per gram and unit. Deleted units leave
 * stale postings behind; lookup verifies every candidate against `tu`, and
 * vacuum rebuilds the index.
 */
#include <stdlib.h>
#include <string.h>

#include "tm-int.h"
#include <tumac/alloc.h>

#define CHUNK_MAX TM_CHUNK_MAX
#define CHUNK_LAST 0xfffu       /* 12 bits of chunk number */
#define PENDING_FLUSH (16u << 20) /* postings in memory (8 bytes each) */
#define UNIT_BITS 20              /* a pending posting's unit: its place in ids[] */
#define PENDING_UNITS (1u << UNIT_BITS)

/* Lengths below 16 have a bucket each; above, buckets grow by 1/16. */
unsigned tu_tm_bucket(size_t len, size_t *lo, size_t *hi)
{
    size_t start = 0, width = 1;
    unsigned b = 0;
    while (b < TM_BUCKETS - 1 && len >= start + width) {
        start += width;
        width = start < 16 ? 1 : start / 16;
        b++;
    }
    if (lo) {
        *lo = start;
    }
    if (hi) {
        *hi = b == TM_BUCKETS - 1 ? SIZE_MAX : start + width - 1;
    }
    return b;
}

/* The lengths of bucket b. */
void tu_tm_bucket_range(unsigned b, size_t *lo, size_t *hi)
{
    size_t start = 0, width = 1;
    for (unsigned i = 0; i < b; i++) {
        start += width;
        width = start < 16 ? 1 : start / 16;
    }
    *lo = start;
    *hi = b >= TM_BUCKETS - 1 ? SIZE_MAX : start + width - 1;
}

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

uint64_t tu_tm_lang_seed(const char *tag)
{
    uint64_t h = 0;
    for (const char *c = tag ? tag : ""; *c && *c != '-' && *c != '_'; c++) {
        h = h << 8 | (uint64_t)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
    }
    return h << 1; /* bit 63 of the packed trigram is never set: seeds stay apart */
}

/* The i-th trigram id (TM_GRAM_BITS) of a key padded with " " before and
 * "  " after, in the index of the language seeded `seed`; i runs from 0 to n. */
static inline uint64_t gram_at(const uint32_t *cp, size_t n, uint64_t seed, size_t i)
{
    uint64_t a = i == 0 ? ' ' : cp[i - 1];
    uint64_t b = i < n ? cp[i] : ' ';
    uint64_t c = i + 1 < n ? cp[i + 1] : ' ';
    uint64_t exact = (a & 0x1fffff) << 42 | (b & 0x1fffff) << 21 | (c & 0x1fffff);
    return mix64(exact ^ mix64(seed)) >> (64 - TM_GRAM_BITS);
}

/* The n + 1 trigram ids of a key, in key order. */
size_t tu_tm_grams(const uint32_t *cp, size_t n, uint64_t seed, int64_t **out)
{
    int64_t *g = tu_malloc((n + 2) * sizeof *g);
    if (g == NULL) {
        *out = NULL;
        return 0;
    }
    for (size_t i = 0; i < n + 1; i++) {
        g[i] = (int64_t)gram_at(cp, n, seed, i);
    }
    *out = g;
    return n + 1;
}

size_t tu_tm_gram_counts(const uint32_t *cp, size_t n, uint64_t seed, struct tm_gram **out)
{
    int64_t *g = NULL;
    size_t ng = tu_tm_grams(cp, n, seed, &g), nd = 0, slots = 16;
    uint32_t *slot;
    struct tm_gram *d;

    *out = NULL;
    if (g == NULL) {
        return 0;
    }
    while (slots < 2 * ng) {
        slots *= 2;
    }
    /* distinct trigrams through a small hash of indexes into d (0 = free) */
    slot = tu_calloc(slots, sizeof *slot);
    d = tu_malloc(ng * sizeof *d);
    if (slot == NULL || d == NULL) {
        tu_free(slot);
        tu_free(d);
        tu_free(g);
        return 0;
    }
    for (size_t i = 0; i < ng; i++) {
        size_t h = (size_t)g[i] & (slots - 1);
        while (slot[h] != 0 && d[slot[h] - 1].g != g[i]) {
            h = (h + 1) & (slots - 1);
        }
        if (slot[h] != 0) {
            d[slot[h] - 1].count++;
        } else {
            d[nd].g = g[i];
            d[nd].count = 1;
            d[nd].df = 0;
            slot[h] = (uint32_t)++nd;
        }
    }
    tu_free(slot);
    tu_free(g);
    *out = d;
    return nd;
}

static size_t put_varint(uint8_t *p, uint64_t v)
{
    size_t n = 0;
    while (v >= 0x80) {
        p[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    p[n++] = (uint8_t)v;
    return n;
}

size_t tu_tm_get_varint(const uint8_t *p, size_t len, uint64_t *v)
{
    uint64_t x = 0;
    for (size_t i = 0; i < len && i < 10; i++) {
        x |= (uint64_t)(p[i] & 0x7f) << (7 * i);
        if ((p[i] & 0x80) == 0) {
            *v = x;
            return i + 1;
        }
    }
    *v = 0;
    return len; /* truncated: ends the chunk */
}

/* Append one posting to a byte run whose previous id is *last. */
static size_t put_posting(uint8_t *p, int64_t *last, int64_t id, uint32_t count)
{
    size_t n = put_varint(p, (uint64_t)(id - *last) << 1 | (count > 1));
    if (count > 1) {
        n += put_varint(p + n, count);
    }
    *last = id;
    return n;
}

/* A posting waiting for flush: trigram << 27 | bucket << 20 | unit. */
#define POSTING_LIST(v) ((v) >> UNIT_BITS)   /* trigram << 7 | bucket */
#define POSTING_UNIT(v) ((v) & (PENDING_UNITS - 1))

/* Postings are binned by their top SORT_DIGIT bits as they come, so flush
 * sorts each bin (a few thousand postings: in cache) and never the whole
 * set: sorting one array of them in place (random swaps over 100 MB) was
 * 16 % of a 100k import, and a second array as long cost more in fresh
 * pages (a page fault is ~13 us on this VM) than the sort. A bin is a list
 * of 4 KB blocks, reused from flush to flush: a growing array was copied at
 * every doubling. */
#define SORT_DIGIT 11
#define SORT_TOP (64 - SORT_DIGIT)
#define SORT_BINS (1u << SORT_DIGIT)
_Static_assert(UNIT_BITS + TM_GRAM_BITS + 7 == 64, "a posting is 64 bits");

#define BLOCK_POSTINGS 510 /* a block is 4 KB */

struct tm_block {
    struct tm_block *next;
    size_t n;
    uint64_t v[BLOCK_POSTINGS];
};

struct tm_bin {
    struct tm_block *first, *last;
    size_t n;
};

struct tm_pending {
    struct tm_bin bin[SORT_BINS];
    struct tm_block *spare; /* blocks of flushed bins, for the next postings */
    size_t n;             /* postings in all bins */
    uint32_t *ids;        /* unit ids of the pending postings, in add order */
    size_t nids, ids_cap;
};

void tu_tm_pending_free(struct tu_tm *tm)
{
    struct tm_pending *p = tm->pending;
    if (p == NULL) {
        return;
    }
    for (size_t b = 0; b <= SORT_BINS; b++) {
        struct tm_block *k = b < SORT_BINS ? p->bin[b].first : p->spare;
        while (k != NULL) {
            struct tm_block *next = k->next;
            tu_free(k);
            k = next;
        }
    }
    tu_free(p->ids);
    tu_free(p);
    tm->pending = NULL;
}

static enum tu_status flush_pending(struct tu_tm *tm, bool keep, struct tu_error *err);

/* Postings of a unit, kept in memory until flush: a trigram seen c times in
 * the key is c equal postings. */
enum tu_status tu_tm_index_unit(struct tu_tm *tm, int64_t id, const uint32_t *cp,
                                size_t n, uint64_t seed, struct tu_error *err)
{
    struct tm_pending *p = tm->pending;
    unsigned bucket = tu_tm_bucket(n, NULL, NULL);

    if (id <= 0 || id > (int64_t)UINT32_MAX) {
        return tu_error_set(err, TU_EUNSUPPORTED, "unit id %lld out of the index's range",
                            (long long)id);
    }
    if (p == NULL && (p = tm->pending = tu_calloc(1, sizeof *p)) == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (p->nids == p->ids_cap) {
        uint32_t *ids = tu_grow(p->ids, sizeof *ids, p->nids + 256, &p->ids_cap);
        if (ids == NULL) {
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
        p->ids = ids;
    }
    for (size_t i = 0; i < n + 1; i++) {
        uint64_t v = (gram_at(cp, n, seed, i) << 7 | bucket) << UNIT_BITS | p->nids;
        struct tm_bin *b = &p->bin[v >> SORT_TOP];
        if (b->last == NULL || b->last->n == BLOCK_POSTINGS) {
            struct tm_block *k = p->spare;
            if (k != NULL) {
                p->spare = k->next;
            } else if ((k = tu_malloc(sizeof *k)) == NULL) {
                return tu_error_set(err, TU_ENOMEM, "out of memory");
            }
            k->next = NULL;
            k->n = 0;
            if (b->last != NULL) {
                b->last->next = k;
            } else {
                b->first = k;
            }
            b->last = k;
        }
        b->last->v[b->last->n++] = v;
        b->n++;
    }
    p->n += n + 1;
    p->ids[p->nids++] = (uint32_t)id;
    if (p->n >= PENDING_FLUSH || p->nids == PENDING_UNITS) {
        return flush_pending(tm, true, err);
    }
    return TU_OK;
}

/* Sort one bin by the bits below its SORT_DIGIT ones (list, then unit), in
 * LSD passes through tmp (room for n). */
static void sort_run(uint64_t *v, uint64_t *tmp, size_t n)
{
    uint64_t *src = v, *dst = tmp;
    if (n < 2) {
        return; /* most of a small import's 2048 bins: their passes cost 40M steps */
    }
    for (unsigned shift = 0; shift < SORT_TOP; shift += SORT_DIGIT) {
        unsigned bits = SORT_TOP - shift < SORT_DIGIT ? SORT_TOP - shift : SORT_DIGIT;
        size_t count[SORT_BINS] = {0}, sum = 0, mask = ((size_t)1 << bits) - 1;
        uint64_t *t;
        for (size_t i = 0; i < n; i++) {
            count[src[i] >> shift & mask]++;
        }
        for (size_t b = 0; b <= mask; b++) {
            size_t c = count[b];
            count[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++) {
            dst[count[src[i] >> shift & mask]++] = src[i];
        }
        t = src;
        src = dst;
        dst = t;
    }
    if (src != v) {
        memcpy(v, src, n * sizeof *v);
    }
}

static enum tu_status db_fail(struct tu_tm *tm, struct tu_error *err)
{
    return tu_error_at(err, TU_EDB, tm->path, 0, 0, "index: %s", sqlite3_errmsg(tm->db));
}

static enum tu_status prepare(struct tu_tm *tm, int i, const char *sql,
                              struct tu_error *err)
{
    if (tm->stmt[i] == NULL &&
        sqlite3_prepare_v2(tm->db, sql, -1, &tm->stmt[i], NULL) != SQLITE_OK) {
        return db_fail(tm, err);
    }
    sqlite3_reset(tm->stmt[i]);
    return TU_OK;
}

static enum tu_status write_chunk(struct tu_tm *tm, uint64_t k, int64_t last,
                                  uint32_t n, const uint8_t *data, size_t len,
                                  struct tu_error *err)
{
    sqlite3_stmt *s;
    if (prepare(tm, TM_ST_POST_PUT, "INSERT OR REPLACE INTO post (k, last, n, data)"
                                    " VALUES (?, ?, ?, ?)", err) != TU_OK) {
        return err->code;
    }
    s = tm->stmt[TM_ST_POST_PUT];
    sqlite3_bind_int64(s, 1, (int64_t)k);
    sqlite3_bind_int64(s, 2, last);
    sqlite3_bind_int64(s, 3, n);
    sqlite3_bind_blob(s, 4, data, (int)len, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE) {
        return db_fail(tm, err);
    }
    sqlite3_reset(s);
    return TU_OK;
}

/* Append one pending list to its stored chunks. */
static enum tu_status flush_list(struct tu_tm *tm, const uint32_t *ids, const uint64_t *v,
                                 size_t count, bool empty_index, uint8_t *chunk,
                                 struct tu_error *err)
{
    uint64_t base = POSTING_LIST(v[0]) >> 7 << 19 | (POSTING_LIST(v[0]) & 0x7f) << 12;
    uint64_t k = base;
    size_t len = 0;
    int64_t last = 0;
    uint32_t n = 0;
    sqlite3_stmt *s;

    if (prepare(tm, TM_ST_POST_LAST, "SELECT k, last, n, data FROM post WHERE k BETWEEN ?"
                                     " AND ? ORDER BY k DESC LIMIT 1", err) != TU_OK) {
        return err->code;
    }
    s = tm->stmt[TM_ST_POST_LAST];
    sqlite3_bind_int64(s, 1, (int64_t)base);
    sqlite3_bind_int64(s, 2, (int64_t)(base | CHUNK_LAST));
    if (!empty_index && sqlite3_step(s) == SQLITE_ROW) {
        int size = sqlite3_column_bytes(s, 3);
        k = (uint64_t)sqlite3_column_int64(s, 0);
        if (size + 20 < CHUNK_MAX) {
            last = sqlite3_column_int64(s, 1);
            n = (uint32_t)sqlite3_column_int64(s, 2);
            len = (size_t)size;
            memcpy(chunk, sqlite3_column_blob(s, 3), len);
        } else {
            k++; /* past CHUNK_LAST: caught below */
        }
    }
    sqlite3_reset(s);
    for (size_t i = 0, j; i < count; i = j) {
        int64_t id = ids[POSTING_UNIT(v[i])];
        for (j = i + 1; j < count && v[j] == v[i]; j++) {
            /* the trigram's other occurrences in this key */
        }
        if (n > 0 && (id <= last || len + 20 > CHUNK_MAX)) {
            /* ids go up inside a chunk; a reused id (after a delete) or a
             * full chunk starts the next one */
            if (write_chunk(tm, k, last, n, chunk, len, err) != TU_OK) {
                return err->code;
            }
            k++;
            len = 0;
            n = 0;
            last = 0;
        }
        if ((k & ~(uint64_t)CHUNK_LAST) != base) {
            /* 4096 chunks of about 1,900 postings: far beyond any TM */
            return tu_error_at(err, TU_EDB, tm->path, 0, 0,
                               "index: too many postings for one trigram");
        }
        len += put_posting(chunk + len, &last, id, (uint32_t)(j - i));
        n++;
    }
    return n > 0 ? write_chunk(tm, k, last, n, chunk, len, err) : TU_OK;
}

static enum tu_status add_df(struct tu_tm *tm, int64_t g, int64_t n,
                             struct tu_error *err)
{
    sqlite3_stmt *s;
    if (prepare(tm, TM_ST_DF_ADD, "INSERT INTO gram_df (g, n) VALUES (?, ?)"
                                  " ON CONFLICT (g) DO UPDATE SET n = n + excluded.n", err) != TU_OK) {
        return err->code;
    }
    s = tm->stmt[TM_ST_DF_ADD];
    sqlite3_bind_int64(s, 1, g);
    sqlite3_bind_int64(s, 2, n);
    if (sqlite3_step(s) != SQLITE_DONE) {
        return db_fail(tm, err);
    }
    sqlite3_reset(s);
    return TU_OK;
}

/* The lists of sorted postings v[0..n) appended to the index, and each
 * trigram's document frequency updated. */
static enum tu_status flush_sorted(struct tu_tm *tm, const uint32_t *ids, const uint64_t *v,
                                   size_t n, bool empty_index, uint8_t *chunk,
                                   struct tu_error *err)
{
    enum tu_status st = TU_OK;
    for (size_t i = 0; i < n && st == TU_OK;) {
        uint64_t g = POSTING_LIST(v[i]) >> 7;
        size_t df = 0;
        while (i < n && POSTING_LIST(v[i]) >> 7 == g && st == TU_OK) {
            size_t j = i;
            while (j < n && POSTING_LIST(v[j]) == POSTING_LIST(v[i])) {
                j++;
            }
            st = flush_list(tm, ids, v + i, j - i, empty_index, chunk, err);
            for (size_t k = i; k < j; k++) {
                df += k == i || v[k] != v[k - 1]; /* units, not occurrences */
            }
            i = j;
        }
        if (st == TU_OK) {
            st = add_df(tm, (int64_t)g, (int64_t)df, err);
        }
    }
    return st;
}

/* Write the pending postings, bin by bin (key order: the B-tree is written
 * front to back); keep: reuse the buffers (an import goes on). */
static enum tu_status flush_pending(struct tu_tm *tm, bool keep, struct tu_error *err)
{
    struct tm_pending *p = tm->pending;
    uint8_t *chunk;
    uint64_t *run, *tmp;
    size_t longest = 1;
    bool empty_index;
    enum tu_status st = TU_OK;

    if (p == NULL || p->n == 0) {
        tu_tm_pending_free(tm);
        return TU_OK;
    }
    /* the first flush into a new TM: no stored chunk to append to */
    if (prepare(tm, TM_ST_POST_ANY, "SELECT 1 FROM post LIMIT 1", err) != TU_OK) {
        tu_tm_pending_free(tm);
        return err->code;
    }
    empty_index = sqlite3_step(tm->stmt[TM_ST_POST_ANY]) != SQLITE_ROW;
    sqlite3_reset(tm->stmt[TM_ST_POST_ANY]);
    for (size_t b = 0; b < SORT_BINS; b++) {
        longest = p->bin[b].n > longest ? p->bin[b].n : longest;
    }
    chunk = tu_malloc(CHUNK_MAX + 32);
    run = tu_malloc(2 * longest * sizeof *run);
    if (chunk == NULL || run == NULL) {
        tu_free(chunk);
        tu_free(run);
        tu_tm_pending_free(tm);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    tmp = run + longest;
    for (size_t b = 0; b < SORT_BINS && st == TU_OK; b++) {
        struct tm_bin *bin = &p->bin[b];
        size_t n = 0;
        /* the bin's blocks into one run; the blocks go back to spare */
        while (bin->first != NULL) {
            struct tm_block *k = bin->first;
            memcpy(run + n, k->v, k->n * sizeof *run);
            n += k->n;
            bin->first = k->next;
            k->next = p->spare;
            p->spare = k;
        }
        bin->last = NULL;
        bin->n = 0;
        sort_run(run, tmp, n);
        st = flush_sorted(tm, p->ids, run, n, empty_index, chunk, err);
    }
    tu_free(chunk);
    tu_free(run);
    if (keep && st == TU_OK) {
        p->n = p->nids = 0;
    } else {
        tu_tm_pending_free(tm);
    }
    return st;
}

enum tu_status tu_tm_flush(struct tu_tm *tm, struct tu_error *err)
{
    return flush_pending(tm, false, err);
}

enum tu_status tu_tm_index_rebuild(struct tu_tm *tm, struct tu_error *err)
{
    sqlite3_stmt *s = NULL;
    enum tu_status st = TU_OK;
    int rc;

    tu_tm_pending_free(tm);
    if (sqlite3_exec(tm->db, "DELETE FROM post; DELETE FROM gram_df", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(tm->db, "SELECT id, key, lang FROM tuv ORDER BY id", -1, &s, NULL) != SQLITE_OK) {
        sqlite3_finalize(s);
        return db_fail(tm, err);
    }
    while (st == TU_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(s, 1);
        uint32_t *cp = NULL;
        size_t n = tu_tm_codepoints(key, (size_t)sqlite3_column_bytes(s, 1), &cp);
        if (cp == NULL) {
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
            break;
        }
        st = tu_tm_index_unit(tm, sqlite3_column_int64(s, 0), cp, n,
                              tu_tm_lang_seed((const char *)sqlite3_column_text(s, 2)), err);
        tu_free(cp);
    }
    sqlite3_finalize(s);
    if (st == TU_OK) {
        st = tu_tm_flush(tm, err);
    }
    tu_tm_pending_free(tm);
    return st;
}
