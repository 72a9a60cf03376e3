/* TM candidates looked up ahead of a locale's ordered leverage turn
 * (prefetch.c). */
#ifndef TUMAC_BATCH_PREFETCH_H
#define TUMAC_BATCH_PREFETCH_H

#include <tumac/leverage.h>

/* The answers to one document's queries in one locale. */
struct batch_cache;
struct batch_cache *batch_cache_new(void);
void batch_cache_free(struct batch_cache *c);

/* A tu_lev_lookup_fn (ctx: this) that asks `next` and keeps a copy of
 * each answer in `cache` (when not NULL). */
struct batch_recorder {
    tu_lev_lookup_fn next;
    void *next_ctx;
    struct batch_cache *cache;
};
enum tu_status batch_record_lookup(void *ctx, const struct tu_lev_query *q,
                                   struct tu_lev_cands *out, struct tu_error *err);

/* A tu_lev_lookup_fn (ctx: this) that answers from `cache` what it holds
 * and asks `next` the rest. The turn holder sets `cache`. */
struct batch_front {
    tu_lev_lookup_fn next;
    void *next_ctx;
    const struct batch_cache *cache;
};
enum tu_status batch_front_lookup(void *ctx, const struct tu_lev_query *q,
                                  struct tu_lev_cands *out, struct tu_error *err);

#endif
