/*
 * TM candidates looked up ahead of a locale's ordered leverage turn.
 *
 * The leverage of a locale runs document after document (a document's
 * segments are repetitions for the later ones), so its turns are serial.
 * Its TM lookups need not be: a worker first runs the document through a
 * probe leverage of its own (analyze_only, its own TM connection), which
 * asks the TM every query the real run will ask (the queries do not depend
 * on the repetitions seen) and keeps the answers; in its turn the real run
 * is served from them and asks the shared TM only what is missing.
 */
#include <stdio.h>
#include <string.h>

#include <tumac/alloc.h>
#include "batch-int.h"

struct entry {
    uint64_t hash;
    char *key;
    size_t key_len;
    struct tu_lev_cands cands;
};

struct batch_cache {
    struct entry *v;
    size_t n, cap;
};

/* Everything of a query that the TM's answer depends on. */
static char *query_key(const struct tu_lev_query *q, size_t *len)
{
    struct tu_buf b;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    tu_buf_printf(&b, "%s\037%s\037%d\037%zu%s\037", q->src_lang ? q->src_lang : "",
                  q->trg_lang ? q->trg_lang : "", q->min_score, q->max,
                  q->first ? "+" : "");
    tu_buf_add(&b, q->text, q->len);
    tu_buf_addc(&b, '\037');
    tu_buf_addc(&b, q->prev ? '+' : '-');
    if (q->prev) {
        tu_buf_add(&b, q->prev, q->prev_len);
    }
    tu_buf_addc(&b, '\037');
    tu_buf_addc(&b, q->next ? '+' : '-');
    if (q->next) {
        tu_buf_add(&b, q->next, q->next_len);
    }
    return tu_buf_detach(&b, len);
}

static bool dup_str(char **dst, const char *s)
{
    *dst = s != NULL ? tu_strdup(s) : NULL;
    return s == NULL || *dst != NULL;
}

static bool cand_copy(struct tu_lev_cand *d, const struct tu_lev_cand *s)
{
    d->score = s->score;
    d->is_approved = s->is_approved;
    d->is_variant = s->is_variant;
    d->has_numbers = s->has_numbers;
    d->tm_unit = s->tm_unit;
    return dup_str(&d->origin, s->origin) && dup_str(&d->trg_lang, s->trg_lang) &&
           dup_str(&d->note, s->note) && tu_content_copy(&d->source, &s->source) == TU_OK &&
           tu_content_copy(&d->target, &s->target) == TU_OK;
}

/* Append copies of src[from..count) to dst. */
static bool cands_copy(struct tu_lev_cands *dst, const struct tu_lev_cands *src, size_t from)
{
    for (size_t i = from; i < src->count; i++) {
        struct tu_lev_cand *c = tu_lev_cands_add(dst);
        if (c == NULL || !cand_copy(c, &src->items[i])) {
            return false;
        }
    }
    return true;
}

void batch_cache_free(struct batch_cache *c)
{
    if (c == NULL) {
        return;
    }
    for (size_t i = 0; i < c->n; i++) {
        tu_free(c->v[i].key);
        tu_lev_cands_release(&c->v[i].cands);
    }
    tu_free(c->v);
    tu_free(c);
}

static const struct entry *cache_find(const struct batch_cache *c, uint64_t h,
                                      const char *key, size_t len)
{
    for (size_t i = 0; c != NULL && i < c->n; i++) {
        const struct entry *e = &c->v[i];
        if (e->hash == h && e->key_len == len && memcmp(e->key, key, len) == 0) {
            return e;
        }
    }
    return NULL;
}

/* A tu_lev_lookup_fn (ctx: this) that asks `next` and keeps a copy of each
 * answer in `cache` (when not NULL). */
struct recorder {
    tu_lev_lookup_fn next;
    void *next_ctx;
    struct batch_cache *cache;
};

static enum tu_status record_lookup(void *ctx, const struct tu_lev_query *q,
                                    struct tu_lev_cands *out, struct tu_error *err)
{
    struct recorder *r = ctx;
    size_t before = out->count, len = 0;
    enum tu_status st = r->next(r->next_ctx, q, out, err);
    struct entry *e;
    char *key;

    if (st != TU_OK || r->cache == NULL) {
        return st;
    }
    key = query_key(q, &len);
    e = key != NULL ? tu_grow(r->cache->v, sizeof *e, r->cache->n + 1, &r->cache->cap) : NULL;
    if (e == NULL) {
        tu_free(key);
        return TU_OK; /* not kept: the turn asks the TM itself */
    }
    r->cache->v = e;
    e = &r->cache->v[r->cache->n];
    memset(e, 0, sizeof *e);
    e->key = key;
    e->key_len = len;
    e->hash = batch_hash(0, key, len);
    r->cache->n++;
    if (!cands_copy(&e->cands, out, before)) {
        /* a partial answer must not serve: forget it */
        r->cache->n--;
        tu_free(e->key);
        tu_lev_cands_release(&e->cands);
    }
    return TU_OK;
}

enum tu_status batch_front_lookup(void *ctx, const struct tu_lev_query *q,
                                  struct tu_lev_cands *out, struct tu_error *err)
{
    struct batch_front *f = ctx;
    const struct entry *e = NULL;
    size_t len = 0;
    char *key = f->cache != NULL ? query_key(q, &len) : NULL;

    if (key != NULL) {
        e = cache_find(f->cache, batch_hash(0, key, len), key, len);
        tu_free(key);
    }
    if (e != NULL) {
        return cands_copy(out, &e->cands, 0)
                   ? TU_OK : tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    return f->next(f->next_ctx, q, out, err);
}

#define PROBES 8 /* locales a worker probes; more ask the TM in their turn */

/* A worker's own leverage of one locale that only asks. */
struct probe {
    struct tu_leverage *lev;
    struct recorder rec;
    char tag[64];
};

struct batch_probes {
    char *src;
    struct tu_lev_tm *tm; /* the worker's own TM connection */
    bool tm_failed;       /* could not open it: no prefetch */
    struct probe probe[PROBES];
};

struct batch_probes *batch_probes_new(const char *src)
{
    struct batch_probes *p = tu_calloc(1, sizeof *p);

    if (p != NULL && (p->src = tu_strdup(src)) == NULL) {
        tu_free(p);
        return NULL;
    }
    return p;
}

void batch_probes_free(struct batch_probes *p)
{
    if (p != NULL) {
        for (size_t i = 0; i < PROBES; i++) {
            tu_leverage_free(p->probe[i].lev);
        }
        tu_lev_tm_close(p->tm);
        tu_free(p->src);
        tu_free(p);
    }
}

/* The probe for locale `trg`, made on first use; NULL: none. */
static struct probe *probe_for(struct batch_probes *p, const char *tm_path,
                               const char *trg, int min_score, int fill_score)
{
    struct tu_leverage_opts o;
    struct tu_error e = {0};
    size_t i = 0;

    while (i < PROBES && p->probe[i].lev != NULL && strcmp(p->probe[i].tag, trg) != 0) {
        i++;
    }
    if (i == PROBES || strlen(trg) >= sizeof p->probe[i].tag) {
        return NULL;
    }
    if (p->probe[i].lev != NULL) {
        return &p->probe[i];
    }
    if (p->tm == NULL && !p->tm_failed && tu_lev_tm_open(tm_path, &p->tm, &e) != TU_OK) {
        p->tm_failed = true;
        p->tm = NULL;
    }
    if (p->tm == NULL) {
        return NULL;
    }
    memset(&o, 0, sizeof o);
    o.min_score = min_score;
    o.fill_score = fill_score;
    o.analyze_only = true;
    p->probe[i].rec.next = tu_lev_tm_lookup_fn(p->tm);
    p->probe[i].rec.next_ctx = p->tm;
    if (p->probe[i].rec.next == NULL ||
        tu_leverage_new(p->src, trg, &o, record_lookup, &p->probe[i].rec,
                        &p->probe[i].lev, &e) != TU_OK) {
        p->probe[i].lev = NULL;
        return NULL;
    }
    snprintf(p->probe[i].tag, sizeof p->probe[i].tag, "%s", trg);
    return &p->probe[i];
}

struct batch_cache *batch_prefetch(struct batch_probes *p, const char *tm_path,
                                   const char *trg, int min_score, int fill_score,
                                   struct tu_doc *doc)
{
    struct probe *pr = tm_path != NULL ? probe_for(p, tm_path, trg, min_score, fill_score)
                                       : NULL;
    struct tu_band_counts c;
    struct tu_error e = {0};
    struct batch_cache *out;

    if (pr == NULL || (pr->rec.cache = tu_calloc(1, sizeof *pr->rec.cache)) == NULL) {
        return NULL;
    }
    if (tu_leverage_doc(pr->lev, doc, &c, &e) != TU_OK) {
        batch_cache_free(pr->rec.cache); /* the turn asks the TM itself */
        pr->rec.cache = NULL;
    }
    out = pr->rec.cache;
    pr->rec.cache = NULL;
    return out;
}
