/*
 * TM lookup: exact by key hash, then fuzzy through the posting index
 * (index.c) in three steps:
 *
 * 1. Count, for every unit in the length window, the trigrams it shares
 *    with the query (multiset: a trigram counts min(query, unit) times),
 *    reading the rarest trigrams' lists first and skipping the most common
 *    ones within a budget.
 * 2. Bound every counted unit's score from above: its distance is at least
 *    the length difference and at least the fewest edits that can lose the
 *    L + 1 - shared - U trigrams it does not share (L the longer key, U the
 *    query trigrams skipped; gram_loss_max). A unit sharing too few
 *    trigrams for any length of the window is dropped before that.
 * 3. Verify candidates, best bound first, with a bit-parallel edit distance
 *    (Myers 1999, in blocks of 64 query positions as Hyyro 2003) that gives
 *    up at the threshold; stop when the wanted matches all score at least
 *    the next bound (asked for the first match: at the first one, verified
 *    in index order, all an analysis band needs to know).
 *
 * With GRAM_LOSS 3 this is exact: one edit changes at most 3 of the n + 1
 * padded trigrams (q-gram lemma), so the result would equal a scan of every
 * unit in the window. But at 75 % that bound lets almost every unit through
 * (a 130-character key need only share 35 trigrams), so we assume 2.5 lost
 * trigrams per edit: edits in real TMs come in words, and a word of w
 * changed characters costs w + 2 trigrams, not 3w. Only matches made of
 * many scattered one-character changes are missed. Measured against
 * tu_tm_lookup_exhaustive (the same score over every unit in the window)
 * in tests/bench/bench-tm.sh, 200 queries: recall 181/181 at 20k units,
 * 289/289 at 100k, 340/341 at 1M (2 per edit: 180/181, 289/289, 337/341,
 * fuzzy p50 at 1M ~20 % lower; 3: 15x more units verified at 100k).
 *
 * At the analysis floor (50) no constant rate prunes: half the key may be
 * edited, and 2.5 x L / 2 exceeds the L + 1 trigrams, so every unit of the
 * window was verified (~37k at 100k units). But dense edits share their
 * characters' trigrams: over the matches >= 50 of the bench's 600 queries
 * (exhaustive, 100 a query, 3 query sets) and of real NTREX sentences
 * against each other, trigrams lost per edit were at most 1.45 at L >= 80,
 * 1.67 at 40-59, 1.9 at 20-39 (any L: 2.0 at 50-55, 1.76 at 60-75), while
 * 98 % of the window shares under 20 % of its trigrams with a query. So
 * the rate falls from 2.5 at d = L / 4 (scores >= 75: as before) linearly
 * to max(1.5, 1.2 + 3 / sqrt(L)) at d = L / 2, and keys shorter than 24
 * keep the exact 3. At 100k units, --min 50: 200 queries of each set give
 * results byte-identical to the index before (recall 516/516, 900/900,
 * 910/910), process CPU 4-6x lower (at 1M, 50 queries: wall p50 514 ->
 * 204 ms; what is left is mostly step 1, counting the lists).
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tm-int.h"
#include <tumac/alloc.h>
#include <tumac/locale.h>

/* Trigrams assumed lost per edit, GRAM_LOSS_NUM / GRAM_LOSS_DEN (3 would
 * be exact, see above). */
#define GRAM_LOSS_NUM 5
#define GRAM_LOSS_DEN 2
/* Dense edits (scores near 50: half the key edited) share edited
 * characters between trigrams and lose fewer per edit:
 * GRAM_LOSS_DENSE + GRAM_LOSS_DENSE_SHORT / sqrt(L), at least
 * GRAM_LOSS_DENSE_MIN (short keys vary more; under GRAM_LOSS_SHORT_KEY
 * code points, 3: exact). */
#define GRAM_LOSS_DENSE 1.2
#define GRAM_LOSS_DENSE_SHORT 3.0
#define GRAM_LOSS_DENSE_MIN 1.5
#define GRAM_LOSS_SHORT_KEY 24
/* Share of the skip budget (the fewest trigrams a match must share, less
 * one) spent on skipping common trigrams: skipping less keeps the count
 * filter tighter. */
#define SKIP_SHARE 2

/* The query as a pattern: for each distinct code point, one bit per query
 * position, in blocks of 64. Unknown code points map to the zero row. */
struct pattern {
    size_t m, blocks, slots;
    uint64_t *peq;     /* (slots + 1) rows of blocks words; row slots = 0 */
    uint32_t *cp;      /* code point of each slot, UINT32_MAX = free */
    int32_t ascii[128];
};

static size_t slot_of(const struct pattern *p, uint32_t c)
{
    size_t i;
    if (c < 128) {
        return p->ascii[c] < 0 ? p->slots : (size_t)p->ascii[c];
    }
    i = (c * 2654435761u) & (p->slots - 1);
    while (p->cp[i] != UINT32_MAX) {
        if (p->cp[i] == c) {
            return i;
        }
        i = (i + 1) & (p->slots - 1);
    }
    return p->slots;
}

static bool pattern_init(struct pattern *p, const uint32_t *a, size_t m)
{
    memset(p, 0, sizeof *p);
    p->m = m;
    p->blocks = (m + 63) / 64;
    p->slots = 16;
    while (p->slots < 2 * m + 2) {
        p->slots *= 2;
    }
    p->peq = tu_calloc((p->slots + 1) * (p->blocks ? p->blocks : 1), sizeof *p->peq);
    p->cp = tu_malloc(p->slots * sizeof *p->cp);
    if (p->peq == NULL || p->cp == NULL) {
        tu_free(p->peq);
        tu_free(p->cp);
        p->peq = NULL; /* the caller releases the pattern again */
        p->cp = NULL;
        return false;
    }
    memset(p->cp, 0xff, p->slots * sizeof *p->cp);
    memset(p->ascii, 0xff, sizeof p->ascii);
    for (size_t i = 0; i < m; i++) {
        size_t s = slot_of(p, a[i]);
        if (s == p->slots) {
            s = (a[i] * 2654435761u) & (p->slots - 1);
            while (p->cp[s] != UINT32_MAX) {
                s = (s + 1) & (p->slots - 1);
            }
            p->cp[s] = a[i];
            if (a[i] < 128) {
                p->ascii[a[i]] = (int32_t)s;
            }
        }
        p->peq[s * p->blocks + i / 64] |= 1ULL << (i % 64);
    }
    return true;
}

static void pattern_release(struct pattern *p)
{
    tu_free(p->peq);
    tu_free(p->cp);
}

/* pattern_distance for a query of at most 128 code points (most
 * sentences), on one 128-bit word a column: the carry between the two
 * blocks is the addition's, no branches. */
__extension__ typedef unsigned __int128 u128;

static size_t short_distance(const struct pattern *p, const uint32_t *b, size_t n,
                             size_t limit)
{
    size_t score = p->m;
    u128 pv = ~(u128)0, mv = 0, lastbit = (u128)1 << (p->m - 1);

    for (size_t j = 0; j < n; j++) {
        const uint64_t *row = p->peq + slot_of(p, b[j]) * p->blocks;
        u128 e = (p->blocks == 2 ? (u128)row[1] << 64 : 0) | row[0];
        u128 xv = e | mv, xh = (((e & pv) + pv) ^ pv) | e;
        u128 ph = mv | ~(xh | pv), mh = pv & xh;
        score += (ph & lastbit) != 0;
        score -= (mh & lastbit) != 0;
        ph = ph << 1 | 1; /* row 0: distance j grows by one per column */
        mh <<= 1;
        pv = mh | ~(xv | ph);
        mv = ph & xv;
        if (score > limit + (n - j - 1)) {
            return limit + 1;
        }
    }
    return score > limit ? limit + 1 : score;
}

/* Levenshtein distance between the pattern and b[0..n); limit + 1 as soon
 * as it must exceed limit. Column by column over b; the bit vectors hold
 * the vertical differences of the column, the carry between blocks the
 * horizontal difference at the block boundary. */
static size_t pattern_distance(const struct pattern *p, const uint32_t *b,
                               size_t n, size_t limit, uint64_t *pv, uint64_t *mv)
{
    size_t m = p->m, score = m;
    uint64_t lastbit;

    if ((m > n ? m - n : n - m) > limit) {
        return limit + 1;
    }
    if (m == 0) {
        return n;
    }
    lastbit = 1ULL << ((m - 1) % 64);
    if (p->blocks <= 2) {
        return short_distance(p, b, n, limit);
    }
    for (size_t k = 0; k < p->blocks; k++) {
        pv[k] = ~0ULL;
        mv[k] = 0;
    }
    for (size_t j = 0; j < n; j++) {
        const uint64_t *eq = p->peq + slot_of(p, b[j]) * p->blocks;
        int hin = 1; /* row 0: distance j grows by one per column */
        for (size_t k = 0; k < p->blocks; k++) {
            uint64_t e = eq[k], v = pv[k], w = mv[k];
            uint64_t xv = e | w, xh, ph, mh;
            int hout;
            if (hin < 0) {
                e |= 1;
            }
            xh = (((e & v) + v) ^ v) | e;
            ph = w | ~(xh | v);
            mh = v & xh;
            if (k + 1 == p->blocks) {
                score += (ph & lastbit) != 0;
                score -= (mh & lastbit) != 0;
                hout = 0;
            } else {
                hout = (ph >> 63) ? 1 : (mh >> 63) ? -1 : 0;
            }
            ph = ph << 1 | (hin > 0);
            mh = mh << 1 | (hin < 0);
            pv[k] = mh | ~(xv | ph);
            mv[k] = ph & xv;
            hin = hout;
        }
        /* each remaining column lowers the last row by one at most */
        if (score > limit + (n - j - 1)) {
            return limit + 1;
        }
    }
    return score > limit ? limit + 1 : score;
}

size_t tu_tm_edit_distance(const uint32_t *a, size_t n, const uint32_t *b,
                           size_t m, size_t limit)
{
    struct pattern p;
    uint64_t *v;
    size_t d;

    if (!pattern_init(&p, a, n)) {
        return limit + 1;
    }
    v = tu_malloc(2 * (p.blocks + 1) * sizeof *v);
    d = v == NULL ? limit + 1 : pattern_distance(&p, b, m, limit, v, v + p.blocks + 1);
    tu_free(v);
    pattern_release(&p);
    return d;
}

static bool same_lang(const char *stored, const struct tu_locale *want)
{
    struct tu_locale l;
    struct tu_error e = {0};
    if (tu_locale_parse(stored, &l, &e) != TU_OK) {
        return false;
    }
    if (strcmp(l.language, want->language) != 0) {
        return false;
    }
    if (tu_locale_is_biscriptal(want)) {
        return true; /* any script: delivered in the wanted one */
    }
    return want->region[0] == '\0' || l.region[0] == '\0' ||
           strcmp(l.region, want->region) == 0;
}

static struct tu_translit *translit_for(struct tu_tm *tm, const char *tag)
{
    struct tu_error e = {0};
    for (size_t i = 0; i < TM_TRANSLIT_MAX; i++) {
        if (tm->tr[i].t != NULL && strcmp(tm->tr[i].tag, tag) == 0) {
            return tm->tr[i].t;
        }
        if (tm->tr[i].t == NULL) {
            struct tu_translit_opts o;
            memset(&o, 0, sizeof o);
            o.no_foreign_detection = true;
            if (tu_translit_new(tag, &o, &tm->tr[i].t, &e) != TU_OK) {
                tm->tr[i].t = NULL;
                return NULL;
            }
            snprintf(tm->tr[i].tag, sizeof tm->tr[i].tag, "%s", tag);
            return tm->tr[i].t;
        }
    }
    return NULL;
}

struct cand {
    int64_t id;    /* the target variant (a fuzzy search's: the source variant) */
    int64_t src;   /* the source variant the query matched */
    int64_t grp;
    int score;
    size_t dist;
    bool approved; /* known for exact candidates only */
    bool script;   /* the target is in the wanted script: no transliteration */
};

/* Best score first; among equal scores approved units, then those in the
 * wanted script, then the newest (the highest id): several translations of
 * one source are kept, and the latest approved one is the office's current
 * wording. */
static int cmp_cand(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->score != y->score) {
        return y->score - x->score;
    }
    if (x->approved != y->approved) {
        return x->approved ? -1 : 1;
    }
    if (x->script != y->script) {
        return x->script ? -1 : 1;
    }
    return x->id > y->id ? -1 : x->id < y->id;
}

/* What differs between the query and a stored source of the same key. */
static void describe(const char *q, size_t qlen, const char *s, struct tu_buf *d)
{
    size_t slen = strlen(s);
    if (qlen == slen && memcmp(q, s, qlen) == 0) {
        return;
    }
    tu_buf_adds(d, "script, case, whitespace or quotes");
}

static enum tu_status fill(struct tu_tm *tm, sqlite3_stmt *st,
                           const struct tu_tm_query *q,
                           const struct tu_locale *want, struct tu_tm_match *m,
                           const struct cand *c, size_t dist,
                           struct tu_error *err)
{
    const char *src = (const char *)sqlite3_column_text(st, 0);
    const char *trg = (const char *)sqlite3_column_text(st, 1);
    const char *tl = (const char *)sqlite3_column_text(st, 3);
    const char *origin = (const char *)sqlite3_column_text(st, 4);
    struct tu_buf d, t;
    struct tu_locale stl;

    memset(m, 0, sizeof *m);
    m->id = c->id;
    m->score = c->score;
    m->approved = sqlite3_column_int(st, 5) != 0;
    m->band = c->score == 101 ? "context" : c->score == 100 ? "exact" : "fuzzy";
    tu_buf_init(&d, TU_BUF_NO_LIMIT);
    tu_buf_init(&t, TU_BUF_NO_LIMIT);
    if (c->score >= 99 && dist == 0) {
        describe(q->text, q->len, src, &d);
    } else if (dist > 0) {
        /* The count for scripts, the words for people (--explain, notes). */
        tu_buf_printf(&d, "%zu edit%s: ", dist, dist == 1 ? "" : "s");
        if (tu_text_word_diff(q->text, q->len, src, strlen(src), 5, &d, err) !=
            TU_OK) {
            tu_buf_release(&d);
            tu_buf_release(&t);
            return err->code;
        }
    }
    if (tu_locale_parse(tl, &stl, err) == TU_OK &&
        tu_locale_is_biscriptal(want) &&
        strcmp(tu_locale_script(&stl), tu_locale_script(want)) != 0) {
        struct tu_translit *tr = translit_for(tm, want->tag);
        if (tr == NULL || tu_translit_apply(tr, trg, strlen(trg), &t, err) != TU_OK) {
            tu_buf_release(&t);
            tu_buf_adds(&t, trg);
        }
        if (d.len) {
            tu_buf_adds(&d, ", ");
        }
        tu_buf_printf(&d, "target transliterated from %s", tl);
    } else {
        tu_buf_adds(&t, trg);
    }
    tu_buf_addc(&t, 0);
    tu_buf_addc(&d, 0);
    m->src_text = tu_strdup(src);
    m->trg_text = tu_buf_detach(&t, NULL);
    m->diff = tu_buf_detach(&d, NULL);
    m->src_lang = tu_strdup((const char *)sqlite3_column_text(st, 2));
    m->trg_lang = tu_strdup(want->tag);
    m->origin = origin ? tu_strdup(origin) : NULL;
    if (m->src_text == NULL || m->trg_text == NULL || m->diff == NULL ||
        m->src_lang == NULL || m->trg_lang == NULL ||
        tu_content_add_text(&m->source, m->src_text, strlen(m->src_text)) ||
        tu_content_add_text(&m->target, m->trg_text, strlen(m->trg_text))) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    return TU_OK;
}

/* Languages of stored variants, remembered within one lookup: a TM holds
 * few, and parsing tags for every candidate would cost more than the
 * distance. `base`, `lo` and `hi` select the target language's variants of
 * a group in tuv_grp (lang = base, or base- < lang < base.). */
struct lang_seen {
    char tag[64];
    bool src, trg, script; /* a source, a target, the target's script */
};
struct lang_memo {
    const struct tu_locale *sl, *tl;
    struct lang_seen seen[8], spare;
    size_t n;
    char base[16], lo[17], hi[17];
};

static void lang_memo_init(struct lang_memo *lm, const struct tu_locale *sl,
                           const struct tu_locale *tl)
{
    memset(lm, 0, sizeof *lm);
    lm->sl = sl;
    lm->tl = tl;
    snprintf(lm->base, sizeof lm->base, "%s", tl->language);
    snprintf(lm->lo, sizeof lm->lo, "%s-", lm->base);
    snprintf(lm->hi, sizeof lm->hi, "%s.", lm->base);
}

static const struct lang_seen *lang_of(struct lang_memo *lm, const char *tag)
{
    struct lang_seen *e;
    struct tu_locale l;
    struct tu_error err = {0};

    tag = tag ? tag : "";
    for (size_t i = 0; i < lm->n; i++) {
        if (strcmp(lm->seen[i].tag, tag) == 0) {
            return &lm->seen[i];
        }
    }
    e = lm->n < sizeof lm->seen / sizeof lm->seen[0] ? &lm->seen[lm->n++] : &lm->spare;
    snprintf(e->tag, sizeof e->tag, "%s", tag);
    e->src = same_lang(tag, lm->sl);
    e->trg = same_lang(tag, lm->tl);
    e->script = !tu_locale_is_biscriptal(lm->tl) ||
                (tu_locale_parse(tag, &l, &err) == TU_OK &&
                 strcmp(tu_locale_script(&l), tu_locale_script(lm->tl)) == 0);
    return e;
}

/* Whether the TM may hold variants of both wanted languages at all, from
 * its distinct languages, read again when its content stamp changes. A TM
 * of en and sr-Latn variants asked for bs (a batch into several locales)
 * so skips a fuzzy search in which every group would lack a target. With
 * changes of its own not yet committed, or too many languages, the answer
 * is yes. */
static bool may_hold_langs(struct tu_tm *tm, struct lang_memo *lm, bool *current)
{
    struct tu_error e = {0};
    uint64_t stamp;
    sqlite3_stmt *st;
    bool src = false, trg = false;

    *current = false;
    if (tm->content_changed || tm->pending != NULL ||
        tu_tm_content_stamp(tm, &stamp, &e) != TU_OK) {
        return true;
    }
    if (!tm->langs.valid || tm->langs.stamp != stamp) {
        tm->langs.valid = false;
        tm->langs.n = 0;
        if (sqlite3_prepare_v2(tm->db, "SELECT DISTINCT lang FROM tuv", -1, &st,
                               NULL) != SQLITE_OK) {
            return true;
        }
        while (sqlite3_step(st) == SQLITE_ROW && tm->langs.n <= TM_LANGS_MAX) {
            if (tm->langs.n < TM_LANGS_MAX) {
                const char *t = (const char *)sqlite3_column_text(st, 0);
                snprintf(tm->langs.v[tm->langs.n], sizeof tm->langs.v[0], "%s", t ? t : "");
            }
            tm->langs.n++;
        }
        tm->langs.valid = sqlite3_finalize(st) == SQLITE_OK;
        tm->langs.stamp = stamp;
    }
    if (!tm->langs.valid || tm->langs.n > TM_LANGS_MAX) {
        return true;
    }
    *current = true;
    for (size_t i = 0; i < tm->langs.n; i++) {
        const struct lang_seen *l = lang_of(lm, tm->langs.v[i]);
        src |= l->src;
        trg |= l->trg;
    }
    return src && trg;
}

/* Statement `which` of the connection, prepared on first use and kept
 * (a lookup runs a dozen statements; preparing costs more than most), reset
 * and unbound. NULL if it does not prepare. */
static sqlite3_stmt *kept(struct tu_tm *tm, int which, const char *sql)
{
    if (tm->stmt[which] == NULL &&
        sqlite3_prepare_v2(tm->db, sql, -1, &tm->stmt[which], NULL) != SQLITE_OK) {
        return NULL;
    }
    sqlite3_reset(tm->stmt[which]);
    sqlite3_clear_bindings(tm->stmt[which]);
    return tm->stmt[which];
}

/* The statement of a group's variants in the target language (tuv_grp),
 * bound for group grp without variant `not`. */
static sqlite3_stmt *group_targets(struct tu_tm *tm, int which, const struct lang_memo *lm,
                                   int64_t grp, int64_t not)
{
    sqlite3_stmt *st = kept(tm, which, which == TM_ST_HAS_LANG
                               ? "SELECT lang FROM tuv WHERE grp = ?1 AND id <> ?2 AND"
                                 " (lang = ?3 OR (lang > ?4 AND lang < ?5))"
                               : "SELECT id, lang, approved, src, prev_hash, next_hash FROM tuv"
                                 " WHERE grp = ?1 AND id <> ?2 AND"
                                 " (lang = ?3 OR (lang > ?4 AND lang < ?5))"
                                 " ORDER BY approved DESC, id DESC LIMIT ?6");
    if (st == NULL) {
        return NULL;
    }
    sqlite3_bind_int64(st, 1, grp);
    sqlite3_bind_int64(st, 2, not);
    sqlite3_bind_text(st, 3, lm->base, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, lm->lo, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, lm->hi, -1, SQLITE_STATIC);
    return st;
}

/* Whether group grp holds a variant other than `not` in the target language. */
static bool group_answers(struct tu_tm *tm, struct lang_memo *lm, int64_t grp, int64_t not)
{
    sqlite3_stmt *st = group_targets(tm, TM_ST_HAS_LANG, lm, grp, not);
    bool found = false;

    while (st != NULL && !found && sqlite3_step(st) == SQLITE_ROW) {
        found = lang_of(lm, (const char *)sqlite3_column_text(st, 0))->trg;
    }
    if (st != NULL) {
        sqlite3_reset(st);
    }
    return found;
}

/* Best matches from the index, from a scan of every unit in the window, or
 * the first matches the index verifies. */
enum lookup_mode { LOOKUP_BEST, LOOKUP_EXHAUSTIVE, LOOKUP_FIRST };

/* One fuzzy search: the query, its window and the best matches so far. */
struct fuzzy {
    struct tu_tm *tm;
    struct pattern pat;
    size_t nq, lo, hi;
    unsigned blo, bhi;        /* the length buckets of [lo, hi] */
    int8_t *ubtab;            /* bound_table */
    long bmin;                /* the fewest shared trigrams a unit needs */
    size_t ids;               /* unit ids below this are counted */
    int min;
    uint64_t seed;            /* the query language's index */
    struct lang_memo *langs;
    uint32_t *text;           /* decoded candidate key */
    size_t text_cap;
    uint64_t *bits;           /* pattern_distance work vectors */
    struct cand *top;         /* best first, at most want */
    size_t ntop, want;
    size_t verified;
    bool keys_ok;             /* tm->keys is of the content read */
    bool first;               /* LOOKUP_FIRST: any match will do */
};

static size_t limit_for(int min, size_t longer)
{
    return longer * (size_t)(100 - min) / 100;
}

/* The lowest score unit `id` needs to enter the best matches: min while
 * there is room, else that of the last (cmp_cand: a tie goes to the
 * newer unit). A tighter distance limit gives up sooner, same result. */
static int score_needed(const struct fuzzy *f, int64_t id)
{
    const struct cand *last = &f->top[f->want - 1];
    int need;

    if (f->ntop < f->want) {
        return f->min;
    }
    need = id > last->id ? last->score : last->score + 1;
    return need > f->min ? need : f->min;
}

static int score_for(size_t longer, size_t dist)
{
    int score = (int)(100 * (longer - dist) / longer);
    return score > 98 ? 98 : score;
}

/* tu_tm_decode with the ASCII run that starts most keys copied as is. */
static size_t decode_key(const char *key, size_t bytes, uint32_t *out)
{
    size_t i = 0;
    while (i < bytes && (unsigned char)key[i] < 0x80) {
        out[i] = (unsigned char)key[i];
        i++;
    }
    return i == bytes ? i : i + tu_tm_decode(key + i, bytes - i, out + i);
}

/* Score one stored key (UTF-8, m code points) and keep it if it is among
 * the best. */
static enum tu_status consider(struct fuzzy *f, int64_t id, const char *key,
                               size_t bytes, size_t m, const char *lang, int64_t grp,
                               struct tu_error *err)
{
    size_t longer = m > f->nq ? m : f->nq, limit, dist, pos;
    int need = score_needed(f, id);
    struct cand c;

    if (key == NULL || m < f->lo || m > f->hi || need > 98) {
        return TU_OK; /* fuzzy scores stop at 98 */
    }
    limit = limit_for(need, longer);
    if ((m > f->nq ? m - f->nq : f->nq - m) > limit || !lang_of(f->langs, lang)->src) {
        return TU_OK;
    }
    if (bytes + 1 > f->text_cap) {
        uint32_t *t = tu_realloc(f->text, (bytes + 1) * sizeof *t);
        if (t == NULL) {
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
        f->text = t;
        f->text_cap = bytes + 1;
    }
    m = decode_key(key, bytes, f->text);
    f->verified++;
    dist = pattern_distance(&f->pat, f->text, m, limit, f->bits, f->bits + f->pat.blocks + 1);
    longer = m > f->nq ? m : f->nq;
    if (dist == 0 || dist > limit_for(need, longer)) {
        return TU_OK; /* the same key is the exact pass's; too far */
    }
    memset(&c, 0, sizeof c);
    c.id = c.src = id;
    c.grp = grp;
    c.score = score_for(longer, dist);
    c.dist = dist;
    c.approved = false; /* not read here: ties go to the newest */
    if (c.score < f->min) {
        return TU_OK;
    }
    /* insert in order, best first; drop what falls off the end */
    pos = f->ntop;
    while (pos > 0 && cmp_cand(&f->top[pos - 1], &c) > 0) {
        pos--;
    }
    if (pos >= f->want || !group_answers(f->tm, f->langs, grp, id)) {
        return TU_OK; /* not among the best; nothing in the target language */
    }
    if (f->ntop == f->want) {
        f->ntop--;
    }
    memmove(&f->top[pos + 1], &f->top[pos], (f->ntop - pos) * sizeof c);
    f->top[pos] = c;
    f->ntop++;
    return TU_OK;
}

static enum tu_status lookup_fail(struct tu_tm *tm, struct tu_error *err)
{
    return tu_error_at(err, TU_EDB, tm->path, 0, 0, "lookup: %s", sqlite3_errmsg(tm->db));
}

/* Every unit in the window (the reference the index must equal). */
static enum tu_status scan_all(struct fuzzy *f, struct tu_error *err)
{
    sqlite3_stmt *st;
    enum tu_status rc = TU_OK;

    if (sqlite3_prepare_v2(f->tm->db, "SELECT id, key, key_len, lang, grp"
                           " FROM tuv WHERE key_len BETWEEN ? AND ?", -1, &st, NULL) != SQLITE_OK) {
        return lookup_fail(f->tm, err);
    }
    sqlite3_bind_int64(st, 1, (int64_t)f->lo);
    sqlite3_bind_int64(st, 2, (int64_t)f->hi);
    while (rc == TU_OK && !(f->first && f->ntop == f->want) &&
           sqlite3_step(st) == SQLITE_ROW) {
        rc = consider(f, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
                      (size_t)sqlite3_column_bytes(st, 1), (size_t)sqlite3_column_int64(st, 2),
                      (const char *)sqlite3_column_text(st, 3), sqlite3_column_int64(st, 4), err);
    }
    sqlite3_finalize(st);
    return rc;
}

static int cmp_gram_df(const void *a, const void *b)
{
    const struct tm_gram *x = a, *y = b;
    if (x->df != y->df) {
        return x->df < y->df ? -1 : 1;
    }
    return x->g < y->g ? -1 : x->g > y->g;
}

struct bound {
    int64_t id;
    int ub;          /* the best score the unit could have */
    unsigned shared;
};

static int cmp_bound(const void *a, const void *b)
{
    const struct bound *x = a, *y = b;
    if (x->ub != y->ub) {
        return y->ub - x->ub;
    }
    if (x->shared != y->shared) {
        return x->shared < y->shared ? 1 : -1;
    }
    return x->id < y->id ? -1 : x->id > y->id;
}

static bool scratch_reserve(struct tm_scratch *s, size_t ids)
{
    if (ids > s->cap) {
        size_t cap = ids + ids / 4 + 1024;
        struct tm_count *u = tu_realloc(s->unit, cap * sizeof *u);
        if (u == NULL) {
            return false;
        }
        s->unit = u;
        memset(s->unit + s->cap, 0, (cap - s->cap) * sizeof *u);
        s->cap = cap;
    }
    return true;
}

static bool touch(struct tm_scratch *s, uint32_t id)
{
    if (s->ntouched == s->touched_cap) {
        size_t cap = s->touched_cap ? s->touched_cap * 2 : 4096;
        uint32_t *t = tu_realloc(s->touched, cap * sizeof *t);
        if (t == NULL) {
            return false;
        }
        s->touched = t;
        s->touched_cap = cap;
    }
    s->touched[s->ntouched++] = id;
    return true;
}

/* A stored chunk holds at most one posting a byte; counting looks this
 * many postings ahead. */
#define CHUNK_POSTINGS_MAX 4096
#define PREFETCH_AHEAD 16
#define VERIFY_AHEAD 8
_Static_assert(TM_CHUNK_MAX <= CHUNK_POSTINGS_MAX, "a chunk's postings fit the decode buffer");

/* Step 1 over the lists of g[from..to): count each posting's unit. */
static enum tu_status read_lists(struct fuzzy *f, const struct tm_gram *g, size_t from,
                                 size_t to, struct tu_error *err)
{
    struct tu_tm *tm = f->tm;
    struct tm_scratch *s = &tm->scratch;
    sqlite3_stmt *st = kept(tm, TM_ST_POST_READ, "SELECT k, data FROM post WHERE k BETWEEN ? AND ?");
    uint32_t chunk_id[CHUNK_POSTINGS_MAX];
    uint16_t chunk_count[CHUNK_POSTINGS_MAX];

    if (st == NULL) {
        return lookup_fail(tm, err);
    }
    for (size_t i = from; i < to; i++) {
        uint64_t base = (uint64_t)g[i].g << 19;
        if (g[i].df == 0) {
            continue;
        }
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, (int64_t)(base | (uint64_t)f->blo << 12));
        sqlite3_bind_int64(st, 2, (int64_t)(base | (uint64_t)f->bhi << 12 | 0xfff));
        while (sqlite3_step(st) == SQLITE_ROW) {
            uint8_t bucket = (uint8_t)((uint64_t)sqlite3_column_int64(st, 0) >> 12 & 0x7f);
            const uint8_t *d = sqlite3_column_blob(st, 1);
            size_t len = (size_t)sqlite3_column_bytes(st, 1), m = 0;
            uint64_t id = 0;
            /* decode the chunk first, then count with the counters of units
             * a few postings ahead already on their way from memory: the
             * counting is bound by those random accesses */
            for (size_t p = 0; p < len && m < CHUNK_POSTINGS_MAX;) {
                uint64_t v, count = 1;
                if (d[p] < 0x80) {
                    v = d[p++]; /* most deltas fit in one or two bytes */
                } else if (p + 1 < len && d[p + 1] < 0x80) {
                    v = (uint64_t)(d[p] & 0x7f) | (uint64_t)d[p + 1] << 7;
                    p += 2;
                } else {
                    p += tu_tm_get_varint(d + p, len - p, &v);
                }
                id += v >> 1;
                if (v & 1) {
                    p += tu_tm_get_varint(d + p, len - p, &count);
                }
                if (id >= f->ids) {
                    continue; /* a deleted unit's */
                }
                chunk_id[m] = (uint32_t)id;
                chunk_count[m++] = (uint16_t)(count > g[i].count ? g[i].count : count);
            }
            for (size_t k = 0; k < m; k++) {
                struct tm_count *u = &s->unit[chunk_id[k]];
                if (k + PREFETCH_AHEAD < m) {
                    __builtin_prefetch(&s->unit[chunk_id[k + PREFETCH_AHEAD]], 1);
                }
                if (u->shared == 0) {
                    if (!touch(s, chunk_id[k])) {
                        sqlite3_reset(st);
                        return tu_error_set(err, TU_ENOMEM, "out of memory");
                    }
                    u->blo = u->bhi = bucket;
                } else if (bucket < u->blo) {
                    u->blo = bucket;
                } else if (bucket > u->bhi) {
                    u->bhi = bucket;
                }
                u->shared = (uint16_t)(u->shared + chunk_count[k] > 0xffff
                                           ? 0xffff : u->shared + chunk_count[k]);
            }
        }
        sqlite3_reset(st);
    }
    return TU_OK;
}

/* Trigrams lost per edit when half of a key pair of longer length L is
 * edited, in thousandths. */
static size_t dense_rate(size_t L)
{
    double dense = GRAM_LOSS_DENSE + GRAM_LOSS_DENSE_SHORT / sqrt((double)L);

    if (L < GRAM_LOSS_SHORT_KEY) {
        return 3000; /* exact: short keys vary most */
    }
    return dense < GRAM_LOSS_DENSE_MIN ? (size_t)(1000 * GRAM_LOSS_DENSE_MIN)
                                       : (size_t)(1000 * dense);
}

/* The most trigrams d edits of a key pair of longer length L lose, as
 * assumed (see the file comment): GRAM_LOSS per edit while d <= L / 4
 * (scores of 75 and up), then linearly to the dense rate g (dense_rate)
 * at d = L / 2 (score 50), and g beyond. */
static size_t gram_loss_max(size_t d, size_t L, size_t g)
{
    const size_t sparse = 1000 * GRAM_LOSS_NUM / GRAM_LOSS_DEN;

    if (4 * d <= L) {
        g = sparse;
    } else if (2 * d <= L) {
        g = g > sparse ? sparse + (g - sparse) * (4 * d - L) / L
                       : sparse - (sparse - g) * (4 * d - L) / L;
    }
    return d * g / 1000;
}

/* Step 2's bounds as a table, built once a lookup: for each length bucket
 * of the window and each count of shared trigrams (0..nq + 1), the best
 * score a unit of that bucket could reach, -1 none at or above min. A
 * unit's distance is at least the length difference, at least 1 (0 is
 * the exact pass's) and at least the fewest edits that can lose the
 * trigrams it does not share. Also the fewest shared trigrams any length
 * in the window needs (bmin). */
static bool bound_table(struct fuzzy *f)
{
    size_t w = f->nq + 2, nb = (size_t)(f->bhi - f->blo) + 1;

    f->ubtab = tu_malloc(nb * w);
    if (f->ubtab == NULL) {
        return false;
    }
    memset(f->ubtab, 0xff, nb * w);
    f->bmin = LONG_MAX;
    for (size_t m = f->lo; m <= f->hi; m++) {
        int8_t *row = f->ubtab + (tu_tm_bucket(m, NULL, NULL) - f->blo) * w;
        size_t longer = m > f->nq ? m : f->nq, lim = limit_for(f->min, longer);
        size_t dl = m > f->nq ? m - f->nq : f->nq - m, d = 0, lost = 0, most = 0;
        size_t g = dense_rate(longer);
        long need;

        /* the rate falls faster than d grows near L / 2: the most any
         * distance up to lim loses */
        for (size_t e = 1; e <= lim; e++) {
            size_t l = gram_loss_max(e, longer, g);
            most = l > most ? l : most;
        }
        need = (long)longer + 1 - (long)most;
        if (need < f->bmin) {
            f->bmin = need;
        }
        dl = dl == 0 ? 1 : dl;
        /* fewer shared trigrams, more lost: the fewest edits only grow */
        for (size_t s = w; s-- > 0;) {
            size_t x = longer + 1 > s ? longer + 1 - s : 0, dd;
            while (lost < x && d < lim) {
                size_t l = gram_loss_max(++d, longer, g);
                lost = l > lost ? l : lost;
            }
            dd = d > dl ? d : dl;
            if (lost < x || dd > lim) {
                break;
            }
            if (score_for(longer, dd) > row[s]) {
                row[s] = (int8_t)score_for(longer, dd);
            }
        }
    }
    return true;
}

/* Step 2 for one unit: the best score it could reach from the trigrams it
 * shares (counted, plus the unread ones) and the buckets of its postings. */
static int unit_bound(const struct fuzzy *f, const struct tm_count *u, size_t shared)
{
    size_t w = f->nq + 2, s = shared < w ? shared : w - 1;
    int ub = -1;

    for (unsigned b = u->blo; b <= u->bhi; b++) {
        int v = f->ubtab[(b - f->blo) * w + s];
        ub = v > ub ? v : ub;
    }
    return ub;
}

#define KEYS_MAX_BYTES (64u << 20)

/* The index of a stored variant's language in tm->langs, or
 * TM_LANGS_MAX when not there. */
static size_t lang_index(const struct tu_tm *tm, const char *lang)
{
    for (size_t i = 0; i < tm->langs.n && i < TM_LANGS_MAX; i++) {
        if (strcmp(tm->langs.v[i], lang) == 0) {
            return i;
        }
    }
    return TM_LANGS_MAX;
}

/* Keep a verified variant's key for the next lookups (best effort). */
static void key_keep(struct tu_tm *tm, size_t ids, int64_t id, const char *key,
                     size_t bytes, size_t m, const char *lang, int64_t grp)
{
    struct tm_keycache *k = &tm->keys;
    size_t li = lang_index(tm, lang ? lang : "");

    if (li == TM_LANGS_MAX || key == NULL || k->used + bytes > KEYS_MAX_BYTES ||
        id < 0 || (uint64_t)id >= ids || grp <= 0 || grp > (int64_t)UINT32_MAX) {
        return;
    }
    if ((size_t)id >= k->nent) {
        struct tm_keyent *e = tu_realloc(k->ent, ids * sizeof *e);
        if (e == NULL) {
            return;
        }
        memset(e + k->nent, 0, (ids - k->nent) * sizeof *e);
        k->ent = e;
        k->nent = ids;
    }
    if (k->used + bytes > k->cap) {
        size_t cap = k->cap ? k->cap : 1u << 20;
        char *t;
        while (cap < k->used + bytes) {
            cap *= 2;
        }
        if ((t = tu_realloc(k->text, cap)) == NULL) {
            return;
        }
        k->text = t;
        k->cap = cap;
    }
    memcpy(k->text + k->used, key, bytes);
    k->ent[id].off = (uint32_t)k->used;
    k->ent[id].bytes = (uint32_t)bytes;
    k->ent[id].m = (uint32_t)m;
    k->ent[id].grp = (uint32_t)grp;
    k->ent[id].lang = (uint8_t)(li + 1);
    k->used += bytes;
}

/* Step 3 for one variant: its key from the cache, else from its row. */
static enum tu_status verify(struct fuzzy *f, sqlite3_stmt *st, int64_t id, struct tu_error *err)
{
    struct tu_tm *tm = f->tm;
    const struct tm_keyent *k = f->keys_ok && (uint64_t)id < tm->keys.nent ? &tm->keys.ent[id] : NULL;
    enum tu_status rc = TU_OK;

    if (k != NULL && k->lang != 0) {
        return consider(f, id, tm->keys.text + k->off, k->bytes, k->m,
                        tm->langs.v[k->lang - 1], k->grp, err);
    }
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        size_t bytes = (size_t)sqlite3_column_bytes(st, 0), m = (size_t)sqlite3_column_int64(st, 1);
        const char *lang = (const char *)sqlite3_column_text(st, 2);
        int64_t grp = sqlite3_column_int64(st, 3);
        rc = consider(f, id, key, bytes, m, lang, grp, err);
        if (rc == TU_OK && f->keys_ok) {
            key_keep(tm, f->ids, id, key, bytes, m, lang, grp);
        }
    }
    return rc;
}

/* The order of cmp_bound, sorted as far as verified: candidates by bound
 * (a counting sort: bounds are scores), each bound's run sorted only
 * when reached. Most lookups stop in the first runs, at the analysis
 * floor sorting all of them cost as much as verifying. */
struct bound_order {
    size_t end[99];  /* where the run of each bound ends */
    size_t sorted;   /* b[0..sorted) is in cmp_bound order */
};

/* b by bound, best first, in a new array (b is freed; NULL: no memory). */
static struct bound *by_bound(struct bound *b, size_t nb, struct bound_order *o)
{
    size_t count[99] = {0}, at[99], pos = 0;
    struct bound *v = tu_malloc(nb * sizeof *v);

    if (v == NULL) {
        tu_free(b);
        return NULL;
    }
    for (size_t i = 0; i < nb; i++) {
        count[b[i].ub]++; /* min <= ub <= 98 (score_for) */
    }
    for (size_t u = 99; u-- > 0;) {
        at[u] = pos;
        pos += count[u];
        o->end[u] = pos;
    }
    for (size_t i = 0; i < nb; i++) {
        v[at[b[i].ub]++] = b[i];
    }
    o->sorted = 0;
    tu_free(b);
    return v;
}

/* Sort the runs up to and including b[upto]'s. */
static void sort_ahead(struct bound_order *o, struct bound *b, size_t nb, size_t upto)
{
    while (o->sorted < nb && o->sorted <= upto) {
        size_t end = o->end[b[o->sorted].ub];
        qsort(b + o->sorted, end - o->sorted, sizeof *b, cmp_bound);
        o->sorted = end;
    }
}

/* Candidates ahead, verified soon: their cache entries (`entry`) and keys
 * (`key`, its entry fetched earlier) on their way from memory. */
static void key_prefetch(const struct tm_keycache *k, int64_t entry, int64_t key)
{
    if ((uint64_t)entry < k->nent) {
        __builtin_prefetch(&k->ent[entry]);
    }
    if ((uint64_t)key < k->nent && k->ent[key].lang != 0) {
        __builtin_prefetch(k->text + k->ent[key].off);
    }
}

/* Steps 1-3 of the file comment. */
static enum tu_status scan_index(struct fuzzy *f, const uint32_t *qcp,
                                 struct tu_error *err)
{
    struct tu_tm *tm = f->tm;
    struct tm_scratch *s = &tm->scratch;
    struct tm_gram *g = NULL;
    struct bound *b = NULL;
    struct bound_order ord;
    size_t ng, nb = 0, skipped = 0, unread = 0;
    long bmin, budget;
    sqlite3_stmt *st;
    enum tu_status rc = TU_OK;

    f->blo = tu_tm_bucket(f->lo, NULL, NULL);
    f->bhi = tu_tm_bucket(f->hi, NULL, NULL);
    if (!bound_table(f)) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    bmin = f->bmin;
    /* ids: the scratch arrays are indexed by variant id */
    if ((st = kept(tm, TM_ST_MAX_ID, "SELECT max(id) FROM tuv")) == NULL) {
        return lookup_fail(tm, err);
    }
    f->ids = sqlite3_step(st) == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) + 1 : 1;
    sqlite3_reset(st);
    if (!scratch_reserve(s, f->ids)) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    s->ntouched = 0;
    ng = tu_tm_gram_counts(qcp, f->nq, f->seed, &g);
    if (g == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if ((st = kept(tm, TM_ST_DF, "SELECT n FROM gram_df WHERE g = ?")) == NULL) {
        tu_free(g);
        return lookup_fail(tm, err);
    }
    for (size_t i = 0; i < ng; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, g[i].g);
        g[i].df = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_reset(st);
    }
    qsort(g, ng, sizeof *g, cmp_gram_df);
    budget = bmin > 1 ? (bmin - 1) / SKIP_SHARE : 0;
    while (skipped < ng && (long)g[ng - 1 - skipped].count <= budget) {
        budget -= (long)g[ng - 1 - skipped].count;
        skipped++;
    }
    for (size_t i = ng - skipped; i < ng; i++) {
        unread += g[i].count; /* U */
    }
    rc = read_lists(f, g, 0, ng - skipped, err);
    /* bound every counted unit; keep those that may reach min */
    b = rc == TU_OK ? tu_malloc((s->ntouched + 1) * sizeof *b) : NULL;
    if (b == NULL && rc == TU_OK) {
        rc = tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < s->ntouched; i++) {
        struct tm_count *u = &s->unit[s->touched[i]];
        if (i + PREFETCH_AHEAD < s->ntouched) {
            __builtin_prefetch(&s->unit[s->touched[i + PREFETCH_AHEAD]], 1);
        }
        /* below bmin no length in the window can reach min: most units */
        int ub = b != NULL && (long)(u->shared + unread) >= bmin
                     ? unit_bound(f, u, u->shared + unread) : -1;
        if (ub >= f->min) {
            b[nb].id = s->touched[i];
            b[nb].ub = ub;
            b[nb].shared = u->shared;
            nb++;
        }
        u->shared = 0;
    }
    s->ntouched = 0;
    if (rc != TU_OK) {
        tu_free(g);
        tu_free(b);
        return rc;
    }
    if (!f->first && nb > 0) {
        b = by_bound(b, nb, &ord); /* any order finds a first match */
    }
    if (b == NULL) {
        tu_free(g);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if ((st = kept(tm, TM_ST_UNIT_KEY, "SELECT key, key_len, lang, grp FROM tuv"
                                       " WHERE id = ?")) == NULL) {
        tu_free(g);
        tu_free(b);
        return lookup_fail(tm, err);
    }
    for (size_t i = 0; i < nb && rc == TU_OK; i++) {
        if (!f->first) {
            sort_ahead(&ord, b, nb, i + VERIFY_AHEAD);
        }
        if (f->ntop == f->want && (f->first || f->top[f->want - 1].score >= b[i].ub)) {
            break; /* nothing left can do better, or any match will do */
        }
        if (f->keys_ok && i + VERIFY_AHEAD < nb) {
            key_prefetch(&tm->keys, b[i + VERIFY_AHEAD].id, b[i + VERIFY_AHEAD / 2].id);
        }
        rc = verify(f, st, b[i].id, err);
    }
    sqlite3_reset(st);
    tu_free(g);
    tu_free(b);
    return rc;
}

static enum tu_status fuzzy_search(struct tu_tm *tm, const uint32_t *qcp, size_t nq,
                                   int min, struct lang_memo *langs,
                                   enum lookup_mode mode, struct cand *top, size_t want,
                                   size_t *ntop, struct tu_error *err)
{
    struct fuzzy f;
    enum tu_status rc;

    *ntop = 0;
    if (nq == 0 || min > 98 || want == 0) {
        return TU_OK; /* fuzzy scores stop at 98 */
    }
    memset(&f, 0, sizeof f);
    f.tm = tm;
    f.nq = nq;
    f.min = min;
    f.lo = (nq * (size_t)min + 99) / 100;
    f.hi = nq * 100 / (size_t)min;
    f.langs = langs;
    f.seed = tu_tm_lang_seed(langs->sl->language);
    f.top = top;
    f.want = want;
    f.first = mode == LOOKUP_FIRST;
    if (!may_hold_langs(tm, langs, &f.keys_ok)) {
        return TU_OK; /* no variant of one of the languages: nothing to find */
    }
    if (f.keys_ok && (!tm->keys.valid || tm->keys.stamp != tm->langs.stamp)) {
        /* another content: forget the keys */
        if (tm->keys.ent != NULL) {
            memset(tm->keys.ent, 0, tm->keys.nent * sizeof *tm->keys.ent);
        }
        tm->keys.used = 0;
        tm->keys.stamp = tm->langs.stamp;
        tm->keys.valid = true;
    }
    if (!pattern_init(&f.pat, qcp, nq) ||
        (f.bits = tu_malloc(2 * (f.pat.blocks + 1) * sizeof *f.bits)) == NULL) {
        pattern_release(&f.pat);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    /* counts are 16 bits: a key that long is scanned */
    rc = mode == LOOKUP_EXHAUSTIVE || nq > 60000 ? scan_all(&f, err) : scan_index(&f, qcp, err);
    *ntop = f.ntop;
    tu_free(f.bits);
    tu_free(f.text);
    tu_free(f.ubtab);
    pattern_release(&f.pat);
    return rc;
}

static enum tu_status lookup_in(struct tu_tm *tm, const struct tu_tm_query *q,
                                enum lookup_mode mode, struct tu_tm_match **out,
                                size_t *count, struct tu_error *err);

/* One read transaction around the many statements of a lookup: otherwise
 * each statement takes and drops the WAL read lock on its own. */
static enum tu_status lookup(struct tu_tm *tm, const struct tu_tm_query *q,
                             enum lookup_mode mode, struct tu_tm_match **out,
                             size_t *count, struct tu_error *err)
{
    bool own;
    enum tu_status rc;

    if (tm->pg != NULL) {
        return tm_pg_lookup(tm, q, (int)mode, out, count, err);
    }
    own = sqlite3_get_autocommit(tm->db) != 0;
    if (own && sqlite3_exec(tm->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        return lookup_fail(tm, err);
    }
    rc = lookup_in(tm, q, mode, out, count, err);
    if (own) {
        sqlite3_exec(tm->db, "COMMIT", NULL, NULL, NULL);
    }
    return rc;
}

/* The candidates of one lookup: at most one per target variant. */
struct cand_set {
    struct cand *v;
    size_t n, cap;
};

static bool cand_put(struct cand_set *cs, const struct cand *c)
{
    for (size_t i = 0; i < cs->n; i++) {
        if (cs->v[i].id == c->id) {
            if (cmp_cand(c, &cs->v[i]) < 0) {
                cs->v[i] = *c; /* reached better through another source variant */
            }
            return true;
        }
    }
    if (cs->n == cs->cap) {
        size_t cap = cs->cap ? cs->cap * 2 : 16;
        struct cand *v = tu_realloc(cs->v, cap * sizeof *v);
        if (v == NULL) {
            return false;
        }
        cs->v = v;
        cs->cap = cap;
    }
    cs->v[cs->n++] = *c;
    return true;
}

/* The answers of source variant `from` (matched as `c`): every other
 * variant of its group in the target language, best first, up to room.
 * In context (101) when the query's context is that of the pair made from
 * `from` or, for a source variant, its own (own_prev/own_next). */
static enum tu_status expand(struct tu_tm *tm, struct lang_memo *lm, const struct cand *c,
                             bool exact, const struct tu_tm_query *q, uint64_t own_prev,
                             uint64_t own_next, size_t room, struct cand_set *cs,
                             struct tu_error *err)
{
    sqlite3_stmt *st = group_targets(tm, TM_ST_TARGETS, lm, c->grp, c->src);
    enum tu_status rc = TU_OK;

    if (st == NULL) {
        return lookup_fail(tm, err);
    }
    sqlite3_bind_int64(st, 6, (int64_t)room);
    while (rc == TU_OK && sqlite3_step(st) == SQLITE_ROW) {
        const struct lang_seen *l = lang_of(lm, (const char *)sqlite3_column_text(st, 1));
        struct cand t = *c;
        uint64_t prev = own_prev, next = own_next;

        if (!l->trg) {
            continue;
        }
        t.id = sqlite3_column_int64(st, 0);
        t.script = l->script;
        if (exact) {
            t.approved = sqlite3_column_int(st, 2) != 0;
            if (sqlite3_column_type(st, 3) != SQLITE_NULL &&
                sqlite3_column_int64(st, 3) == c->src) {
                prev = (uint64_t)sqlite3_column_int64(st, 4); /* made from it */
                next = (uint64_t)sqlite3_column_int64(st, 5);
            }
            if (t.score == 100 && q->prev_hash != 0 && prev == q->prev_hash &&
                next == q->next_hash) {
                t.score = 101;
            }
        }
        if (!cand_put(cs, &t)) {
            rc = tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    sqlite3_reset(st);
    return rc;
}

/* Exact: the variants of the query's language with the same key (its hash,
 * then the key itself), each answered by its group. */
static enum tu_status exact_pass(struct tu_tm *tm, const struct tu_tm_query *q,
                                 struct lang_memo *lm, const struct tu_buf *key, uint64_t h,
                                 struct cand_set *cs, struct tu_error *err)
{
    sqlite3_stmt *st = kept(tm, TM_ST_EXACT,
            "SELECT id, grp, lang, text, src IS NULL, prev_hash, next_hash FROM tuv"
            " WHERE key_hash = ?1 AND key = ?2 ORDER BY id DESC LIMIT 64");
    enum tu_status rc = TU_OK;

    if (st == NULL) {
        return lookup_fail(tm, err);
    }
    sqlite3_bind_int64(st, 1, (int64_t)h);
    sqlite3_bind_text(st, 2, key->data, -1, SQLITE_STATIC);
    while (rc == TU_OK && sqlite3_step(st) == SQLITE_ROW && cs->n < 64) {
        const char *src = (const char *)sqlite3_column_text(st, 3);
        bool own = sqlite3_column_int(st, 4) != 0;
        struct cand c;

        if (!lang_of(lm, (const char *)sqlite3_column_text(st, 2))->src) {
            continue;
        }
        memset(&c, 0, sizeof c);
        c.src = sqlite3_column_int64(st, 0);
        c.grp = sqlite3_column_int64(st, 1);
        c.score = strlen(src) == q->len && memcmp(src, q->text, q->len) == 0 ? 100 : 99;
        rc = expand(tm, lm, &c, true, q, own ? (uint64_t)sqlite3_column_int64(st, 5) : 0,
                    own ? (uint64_t)sqlite3_column_int64(st, 6) : 0, 64 - cs->n, cs, err);
    }
    sqlite3_reset(st);
    return rc;
}

static enum tu_status lookup_in(struct tu_tm *tm, const struct tu_tm_query *q,
                                enum lookup_mode mode, struct tu_tm_match **out,
                                size_t *count, struct tu_error *err)
{
    struct tu_locale sl, tl;
    struct lang_memo lm;
    struct tu_buf key;
    uint32_t *qcp = NULL;
    size_t nq, max = q->max ? q->max : 5, nout = 0, nfuzzy = 0;
    int min = q->min_score > 0 ? q->min_score : 75;
    struct cand_set cs = {0};
    struct cand *fuzzy = NULL;
    sqlite3_stmt *st = NULL;
    enum tu_status rc = TU_OK;
    struct tu_tm_match *res = NULL;
    uint64_t h;

    *out = NULL;
    *count = 0;
    if (tu_locale_parse(q->src_lang ? q->src_lang : "", &sl, err) != TU_OK ||
        tu_locale_parse(q->trg_lang ? q->trg_lang : "", &tl, err) != TU_OK) {
        return err->code;
    }
    if (tm->pending != NULL && tu_tm_flush(tm, err) != TU_OK) {
        return err->code; /* units added in this transaction are found too */
    }
    lang_memo_init(&lm, &sl, &tl);
    tu_buf_init(&key, TU_BUF_NO_LIMIT);
    if (tu_text_match_key(q->text, q->len, &key, err) != TU_OK) {
        tu_buf_release(&key);
        return err->code;
    }
    tu_buf_addc(&key, 0);
    nq = tu_tm_codepoints(key.data, key.len - 1, &qcp);
    h = tu_tm_hash(key.data, key.len - 1);
    fuzzy = tu_calloc(max, sizeof *fuzzy);
    if (fuzzy == NULL || qcp == NULL) {
        rc = tu_error_set(err, TU_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = exact_pass(tm, q, &lm, &key, h, &cs, err)) != TU_OK) {
        goto done;
    }
    /* Fuzzy scores stay below 99, so enough exact matches make it unnecessary. */
    if (cs.n < max &&
        (rc = fuzzy_search(tm, qcp, nq, min, &lm, mode, fuzzy, max - cs.n, &nfuzzy,
                           err)) != TU_OK) {
        goto done;
    }
    for (size_t i = 0; i < nfuzzy && rc == TU_OK; i++) {
        rc = expand(tm, &lm, &fuzzy[i], false, q, 0, 0, max, &cs, err);
    }
    if (rc != TU_OK) {
        goto done;
    }
    if (cs.n > 0) {
        qsort(cs.v, cs.n, sizeof *cs.v, cmp_cand);
    }
    if (cs.n > max) {
        cs.n = max;
    }
    res = tu_calloc(cs.n ? cs.n : 1, sizeof *res);
    if (res == NULL) {
        rc = tu_error_set(err, TU_ENOMEM, "out of memory");
        goto done;
    }
    if ((st = kept(tm, TM_ST_ANSWER,
            "SELECT s.text, t.text, s.lang, t.lang, t.origin, t.approved FROM tuv t, tuv s"
            " WHERE t.id = ?1 AND s.id = ?2")) == NULL) {
        rc = lookup_fail(tm, err);
        goto done;
    }
    for (size_t i = 0; i < cs.n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, cs.v[i].id);
        sqlite3_bind_int64(st, 2, cs.v[i].src);
        if (sqlite3_step(st) != SQLITE_ROW) {
            continue;
        }
        if ((rc = fill(tm, st, q, &tl, &res[nout], &cs.v[i], cs.v[i].dist, err)) != TU_OK) {
            nout++;
            goto done;
        }
        nout++;
    }
done:
    if (st != NULL) {
        sqlite3_reset(st);
    }
    tu_free(cs.v);
    tu_free(fuzzy);
    tu_free(qcp);
    tu_buf_release(&key);
    if (rc != TU_OK) {
        tu_tm_matches_free(res, nout);
        return rc;
    }
    *out = res;
    *count = nout;
    return TU_OK;
}

enum tu_status tu_tm_lookup(struct tu_tm *tm, const struct tu_tm_query *q,
                            struct tu_tm_match **out, size_t *count,
                            struct tu_error *err)
{
    return lookup(tm, q, LOOKUP_BEST, out, count, err);
}

enum tu_status tu_tm_lookup_exhaustive(struct tu_tm *tm, const struct tu_tm_query *q,
                                       struct tu_tm_match **out, size_t *count,
                                       struct tu_error *err)
{
    return lookup(tm, q, LOOKUP_EXHAUSTIVE, out, count, err);
}

enum tu_status tu_tm_lookup_first(struct tu_tm *tm, const struct tu_tm_query *q,
                                  struct tu_tm_match **out, size_t *count,
                                  struct tu_error *err)
{
    return lookup(tm, q, LOOKUP_FIRST, out, count, err);
}

void tu_tm_matches_free(struct tu_tm_match *m, size_t count)
{
    if (m == NULL) {
        return;
    }
    for (size_t i = 0; i < count; i++) {
        tu_free(m[i].src_text);
        tu_free(m[i].trg_text);
        tu_free(m[i].src_lang);
        tu_free(m[i].trg_lang);
        tu_free(m[i].origin);
        tu_free(m[i].diff);
        tu_content_clear(&m[i].source);
        tu_content_clear(&m[i].target);
    }
    tu_free(m);
}

enum tu_status tu_tm_fuzzy_plan(struct tu_tm *tm, struct tu_buf *out,
                                struct tu_error *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(tm->db,
            "EXPLAIN QUERY PLAN SELECT k, data FROM post WHERE k BETWEEN 1 AND 2",
            -1, &st, NULL) != SQLITE_OK) {
        return tu_error_at(err, TU_EDB, tm->path, 0, 0, "plan: %s", sqlite3_errmsg(tm->db));
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        tu_buf_printf(out, "%s\n", (const char *)sqlite3_column_text(st, 3));
    }
    sqlite3_finalize(st);
    return TU_OK;
}
