/*
 * tumač's TM as a leverage candidate source: opens the TM by the default
 * path rules and answers tu_lev_lookup_fn queries with its scored matches.
 * The TM already folds Serbian/Bosnian scripts and delivers the target in
 * the script asked for, so a Cyrillic query finds a Latin TU at full score.
 */
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/leverage.h>
#include <tumac/tm.h>

struct tu_lev_tm {
    char *path;       /* NULL: no TM ("none") */
    struct tu_tm *db; /* open read-only for the life of the source */
};

enum tu_status tu_lev_tm_open(const char *path, struct tu_lev_tm **out,
                              struct tu_error *err)
{
    struct tu_lev_tm *tm;
    struct tu_buf resolved;
    enum tu_status st;

    *out = NULL;
    tu_buf_init(&resolved, TU_BUF_NO_LIMIT);
    tm = tu_calloc(1, sizeof *tm);
    if (tm == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (path != NULL && strcmp(path, "none") == 0) {
        *out = tm; /* no TM: only repetitions leverage */
        return TU_OK;
    }
    st = tu_tm_default_path(path, &resolved, err);
    if (st == TU_OK && (tm->path = tu_strdup(resolved.data)) == NULL) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    tu_buf_release(&resolved);
    /* Created on first use (the default-path rule), so a new user's
     * first leverage works with an empty memory instead of failing. */
    if (st == TU_OK) {
        st = tu_tm_open(tm->path, false, &tm->db, err);
    }
    if (st != TU_OK) {
        tu_lev_tm_close(tm);
        return st;
    }
    *out = tm;
    return TU_OK;
}

void tu_lev_tm_close(struct tu_lev_tm *tm)
{
    if (tm) {
        tu_tm_close(tm->db);
        tu_free(tm->path);
        tu_free(tm);
    }
}

const char *tu_lev_tm_name(const struct tu_lev_tm *tm)
{
    return tm ? tm->path : NULL;
}

struct tu_tm *tu_lev_tm_db(const struct tu_lev_tm *tm)
{
    return tm ? tm->db : NULL;
}

/* One TM match as a leverage candidate (strings and contents copied). */
static enum tu_status cand_from_match(struct tu_lev_cand *c,
                                      const struct tu_tm_match *m,
                                      struct tu_error *err)
{
    c->score = m->score;
    c->is_approved = m->approved;
    c->tm_unit = m->id;
    if ((m->origin != NULL && (c->origin = tu_strdup(m->origin)) == NULL) ||
        (m->trg_lang != NULL && (c->trg_lang = tu_strdup(m->trg_lang)) == NULL) ||
        (m->diff != NULL && m->diff[0] != '\0' &&
         (c->note = tu_strdup(m->diff)) == NULL) ||
        tu_content_copy(&c->source, &m->source) != TU_OK ||
        tu_content_copy(&c->target, &m->target) != TU_OK) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    return TU_OK;
}

static enum tu_status tm_lookup(void *ctx, const struct tu_lev_query *q,
                                struct tu_lev_cands *out, struct tu_error *err)
{
    struct tu_lev_tm *tm = ctx;
    struct tu_tm_query tq;
    struct tu_tm_match *m = NULL;
    size_t n = 0;
    enum tu_status st;

    if (tm->db == NULL) {
        return TU_OK;
    }
    memset(&tq, 0, sizeof tq);
    tq.src_lang = q->src_lang;
    tq.trg_lang = q->trg_lang;
    tq.text = q->text;
    tq.len = q->len;
    /* 0 tells the TM "unknown"; an edge of the document is a context of
     * its own, hashed as the empty neighbour, the same way tm update does. */
    tq.prev_hash = tu_tm_context_hash(q->prev ? q->prev : "", q->prev_len);
    tq.next_hash = tu_tm_context_hash(q->next ? q->next : "", q->next_len);
    tq.min_score = q->min_score > 0 ? q->min_score : 1;
    tq.max = q->max;
    st = q->first ? tu_tm_lookup_first(tm->db, &tq, &m, &n, err)
                  : tu_tm_lookup(tm->db, &tq, &m, &n, err);
    for (size_t i = 0; st == TU_OK && i < n; i++) {
        struct tu_lev_cand *c = tu_lev_cands_add(out);
        st = c != NULL ? cand_from_match(c, &m[i], err)
                       : tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    tu_tm_matches_free(m, n);
    return st;
}

enum tu_status tu_lev_tm_count_use(const struct tu_lev_tm *tm, const int64_t *ids, size_t n,
                                   struct tu_error *err)
{
    return tm != NULL && tm->db != NULL && n > 0 ? tu_tm_count_use(tm->db, ids, n, err)
                                                 : TU_OK;
}

tu_lev_lookup_fn tu_lev_tm_lookup_fn(const struct tu_lev_tm *tm)
{
    return tm != NULL && tm->db != NULL ? tm_lookup : NULL;
}
