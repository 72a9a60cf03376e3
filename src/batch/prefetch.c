/*
 * The run's TM answers, and the lookups made ahead of a locale's turn.
 *
 * The TM does not change during an export (only usage counts, which no
 * answer depends on), so one answer serves every asking of the same query:
 * the run keeps each one in a store shared by the workers, keyed by all of
 * the query that the answer depends on (text, neighbours, languages and the
 * lookup's parameters). A sentence repeated across the documents is looked
 * up once per locale and query, whatever -j is; a query another worker is
 * asking is waited for, not asked again.
 *
 * The leverage of a locale runs document after document (a document's
 * segments are repetitions for the later ones), so its turns are serial.
 * Its TM lookups need not be: with more than one worker, a worker first
 * runs the document through a probe leverage of its own (analyze_only, its
 * own TM connection), which asks every query the real run will ask (the
 * queries do not depend on the repetitions seen) and so fills the store;
 * in its turn the real run finds its answers there.
 */
#include <stdio.h>
#include <string.h>

#include <tumac/alloc.h>
#include "batch-int.h"

enum answer_state { ANSWER_ASKED, ANSWER_READY, ANSWER_FAILED };

struct answer {
    struct answer *next; /* in its bucket */
    uint64_t hash;
    char *key;
    size_t key_len;
    enum answer_state state;   /* under the store's lock */
    bool any_context; /* a key without neighbours: cands serve every context */
    struct tu_lev_cands cands; /* READY: never changed again */
};

struct batch_answers {
    pthread_mutex_t lock;
    pthread_cond_t settled; /* an ASKED answer became READY or FAILED */
    struct answer **buckets;
    size_t nbuckets;
    size_t count;
    size_t tm_queries;
};

/* Everything of a query that the TM's answer depends on, the neighbours
 * only `with_context`. */
static char *query_key(const struct tu_lev_query *q, bool with_context, size_t *len)
{
    struct tu_buf b;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    tu_buf_printf(&b, "%s\037%s\037%d\037%zu%s\037", q->src_lang ? q->src_lang : "",
                  q->trg_lang ? q->trg_lang : "", q->min_score, q->max,
                  q->first ? "+" : "");
    tu_buf_add(&b, q->text, q->len);
    if (!with_context) {
        return tu_buf_detach(&b, len);
    }
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

struct batch_answers *batch_answers_new(void)
{
    struct batch_answers *a = tu_calloc(1, sizeof *a);

    if (a != NULL && (a->buckets = tu_calloc(1024, sizeof *a->buckets)) == NULL) {
        tu_free(a);
        return NULL;
    }
    if (a != NULL) {
        a->nbuckets = 1024;
        pthread_mutex_init(&a->lock, NULL);
        pthread_cond_init(&a->settled, NULL);
    }
    return a;
}

void batch_answers_free(struct batch_answers *a)
{
    if (a == NULL) {
        return;
    }
    for (size_t i = 0; i < a->nbuckets; i++) {
        for (struct answer *e = a->buckets[i], *next; e != NULL; e = next) {
            next = e->next;
            tu_free(e->key);
            tu_lev_cands_release(&e->cands);
            tu_free(e);
        }
    }
    pthread_mutex_destroy(&a->lock);
    pthread_cond_destroy(&a->settled);
    tu_free(a->buckets);
    tu_free(a);
}

size_t batch_answers_tm_queries(struct batch_answers *a)
{
    size_t n;

    pthread_mutex_lock(&a->lock);
    n = a->tm_queries;
    pthread_mutex_unlock(&a->lock);
    return n;
}

/* Lock held. */
static struct answer *answer_find(const struct batch_answers *a, uint64_t h, const char *key,
                                  size_t len)
{
    for (struct answer *e = a->buckets[h % a->nbuckets]; e != NULL; e = e->next) {
        if (e->hash == h && e->key_len == len && memcmp(e->key, key, len) == 0) {
            return e;
        }
    }
    return NULL;
}

/* Twice the buckets once there are twice as many answers (lock held); when
 * that cannot be had the chains only grow longer. */
static void answers_grow(struct batch_answers *a)
{
    size_t n = a->nbuckets * 2;
    struct answer **b = a->count > n ? tu_calloc(n, sizeof *b) : NULL;

    if (b == NULL) {
        return;
    }
    for (size_t i = 0; i < a->nbuckets; i++) {
        for (struct answer *e = a->buckets[i], *next; e != NULL; e = next) {
            next = e->next;
            e->next = b[e->hash % n];
            b[e->hash % n] = e;
        }
    }
    tu_free(a->buckets);
    a->buckets = b;
    a->nbuckets = n;
}

/* A new ASKED answer for the key (taken), lock held; NULL: out of memory. */
static struct answer *answer_add(struct batch_answers *a, uint64_t h, char *key, size_t len)
{
    struct answer *e = tu_calloc(1, sizeof *e);

    if (e == NULL) {
        return NULL;
    }
    e->hash = h;
    e->key = key;
    e->key_len = len;
    e->state = ANSWER_ASKED;
    e->next = a->buckets[h % a->nbuckets];
    a->buckets[h % a->nbuckets] = e;
    a->count++;
    answers_grow(a);
    return e;
}

/* Find the answer to `key` (taken), or add it ASKED for the caller to
 * settle (*mine); while another asker settles it, wait. Lock held. NULL:
 * out of memory. */
static struct answer *answer_get(struct batch_answers *a, char *key, size_t len, bool *mine)
{
    uint64_t h = batch_hash(BATCH_HASH_INIT, key, len);
    struct answer *e = answer_find(a, h, key, len);

    *mine = false;
    while (e != NULL && e->state == ANSWER_ASKED) {
        pthread_cond_wait(&a->settled, &a->lock);
    }
    if (e != NULL) {
        tu_free(key);
        return e;
    }
    if ((e = answer_add(a, h, key, len)) == NULL) {
        tu_free(key);
        return NULL;
    }
    *mine = true;
    return e;
}

/* Settle `e` with a copy of out[from..] (ok) or as failed, lock held: a
 * failed or partial answer must not serve, the next asker asks. */
static void answer_settle(struct answer *e, bool ok, const struct tu_lev_cands *out, size_t from)
{
    ok = ok && cands_copy(&e->cands, out, from);
    e->state = ok ? ANSWER_READY : ANSWER_FAILED;
    if (!ok) {
        tu_lev_cands_release(&e->cands);
    }
}

/*
 * Ask f's TM for `q` into `out` and settle what the caller added: `text`
 * (the query's entry without its neighbours) and `full` (with them; the key
 * is taken), either NULL. The neighbours only make a unit of the identical
 * source a context match (101, tumac/tm.h): an answer without a candidate
 * at 100 or more is the answer in any context, and is kept as the text's;
 * else the text's entry says to ask by the full key, which gets the answer.
 */
static enum tu_status ask_and_keep(const struct batch_front *f, struct answer *text,
                                   struct answer *full, char *full_key, size_t full_len,
                                   const struct tu_lev_query *q, struct tu_lev_cands *out,
                                   struct tu_error *err)
{
    struct batch_answers *a = f->answers;
    size_t before = out->count;
    bool any_context = true, mine = false;
    enum tu_status st;

    if (f->next_lock != NULL) {
        pthread_mutex_lock(f->next_lock);
    }
    st = f->next(f->next_ctx, q, out, err);
    if (f->next_lock != NULL) {
        pthread_mutex_unlock(f->next_lock);
    }
    for (size_t i = before; i < out->count; i++) {
        any_context = any_context && out->items[i].score < 100;
    }
    pthread_mutex_lock(&a->lock);
    a->tm_queries++;
    if (text != NULL) {
        text->any_context = any_context;
        answer_settle(text, st == TU_OK, out, any_context ? before : out->count);
        if (text->state == ANSWER_READY && !any_context && full_key != NULL) {
            full = answer_get(a, full_key, full_len, &mine); /* new: the text was */
            full_key = NULL;
        }
    }
    if (full != NULL && full->state == ANSWER_ASKED) {
        answer_settle(full, st == TU_OK, out, before);
    }
    pthread_cond_broadcast(&a->settled);
    pthread_mutex_unlock(&a->lock);
    tu_free(full_key);
    return st;
}

/* Append a settled answer's copy (READY answers never change: no lock). */
static enum tu_status answer_copy(const struct answer *e, struct tu_lev_cands *out,
                                  struct tu_error *err)
{
    return cands_copy(out, &e->cands, 0) ? TU_OK
                                         : tu_error_set(err, TU_ENOMEM, "out of memory");
}

enum tu_status batch_front_lookup(void *ctx, const struct tu_lev_query *q,
                                  struct tu_lev_cands *out, struct tu_error *err)
{
    const struct batch_front *f = ctx;
    struct batch_answers *a = f->answers;
    size_t tlen = 0, flen = 0;
    char *tkey = query_key(q, false, &tlen), *fkey = query_key(q, true, &flen);
    struct answer *text = NULL, *full = NULL;
    bool mine = false;

    if (tkey == NULL || fkey == NULL) {
        tu_free(tkey);
        tu_free(fkey);
        return ask_and_keep(f, NULL, NULL, NULL, 0, q, out, err);
    }
    pthread_mutex_lock(&a->lock);
    text = answer_get(a, tkey, tlen, &mine);
    if (text == NULL || mine) {
        pthread_mutex_unlock(&a->lock);
        return ask_and_keep(f, text, NULL, fkey, flen, q, out, err);
    }
    if (text->state == ANSWER_READY && text->any_context) {
        pthread_mutex_unlock(&a->lock);
        tu_free(fkey);
        return answer_copy(text, out, err);
    }
    full = text->state == ANSWER_READY ? answer_get(a, fkey, flen, &mine) : NULL;
    if (text->state != ANSWER_READY) {
        tu_free(fkey); /* the text's asking failed: ask, keep nothing */
    }
    pthread_mutex_unlock(&a->lock);
    if (full == NULL || mine) {
        return ask_and_keep(f, NULL, full, NULL, 0, q, out, err);
    }
    if (full->state == ANSWER_FAILED) {
        return ask_and_keep(f, NULL, NULL, NULL, 0, q, out, err);
    }
    return answer_copy(full, out, err);
}

#define PROBES 8 /* locales a worker probes; more ask the TM in their turn */

/* A worker's own leverage of one locale that only asks. */
struct probe {
    struct tu_leverage *lev;
    struct batch_front front; /* the run's answers, then the worker's TM */
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

struct tu_lev_tm *batch_probes_tm(struct batch_probes *p, const char *tm_path)
{
    struct tu_error e = {0};

    if (p->tm == NULL && !p->tm_failed && tm_path != NULL &&
        tu_lev_tm_open(tm_path, &p->tm, &e) != TU_OK) {
        p->tm_failed = true;
        p->tm = NULL;
    }
    return p->tm != NULL && tu_lev_tm_lookup_fn(p->tm) != NULL ? p->tm : NULL;
}

/* The probe for locale `trg`, made on first use; NULL: none. */
static struct probe *probe_for(struct batch_probes *p, struct batch_answers *answers,
                               const char *tm_path, const char *trg, int min_score,
                               int fill_score)
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
    if (batch_probes_tm(p, tm_path) == NULL) {
        return NULL;
    }
    memset(&o, 0, sizeof o);
    o.min_score = min_score;
    o.fill_score = fill_score;
    o.analyze_only = true;
    p->probe[i].front.answers = answers;
    p->probe[i].front.next = tu_lev_tm_lookup_fn(p->tm);
    p->probe[i].front.next_ctx = p->tm;
    if (tu_leverage_new(p->src, trg, &o, batch_front_lookup, &p->probe[i].front,
                        &p->probe[i].lev, &e) != TU_OK) {
        p->probe[i].lev = NULL;
        return NULL;
    }
    snprintf(p->probe[i].tag, sizeof p->probe[i].tag, "%s", trg);
    return &p->probe[i];
}

void batch_prefetch(struct batch_probes *p, struct batch_answers *answers, const char *tm_path,
                    const char *trg, int min_score, int fill_score, struct tu_doc *doc)
{
    struct probe *pr = tm_path != NULL
                           ? probe_for(p, answers, tm_path, trg, min_score, fill_score)
                           : NULL;
    struct tu_band_counts c;
    struct tu_error e = {0};

    if (pr != NULL) {
        /* a failure leaves the rest to the turn, which asks the TM itself */
        (void)tu_leverage_doc(pr->lev, doc, &c, &e);
    }
}
