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
#include <string.h>

#include <tumac/alloc.h>
#include "batch-int.h"
#include "prefetch.h"

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
    tu_buf_printf(&b, "%s\037%s\037%d\037%zu\037", q->src_lang ? q->src_lang : "",
                  q->trg_lang ? q->trg_lang : "", q->min_score, q->max);
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

struct batch_cache *batch_cache_new(void)
{
    return tu_calloc(1, sizeof(struct batch_cache));
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

enum tu_status batch_record_lookup(void *ctx, const struct tu_lev_query *q,
                                   struct tu_lev_cands *out, struct tu_error *err)
{
    struct batch_recorder *r = ctx;
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
