/*
 * TM lookup: exact by key hash, fuzzy by trigram candidates (SQL) in a
 * length window, then a banded edit distance with an early cut-off.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tm-int.h"
#include "tumac/alloc.h"
#include "tumac/locale.h"

#define CANDIDATES 300

/* Levenshtein distance over code points; gives up (returns limit + 1)
 * once every cell of a row exceeds limit. */
size_t tu_tm_edit_distance(const uint32_t *a, size_t n, const uint32_t *b,
                           size_t m, size_t limit)
{
    size_t *row = tu_malloc((m + 1) * sizeof *row);
    size_t d;

    if (row == NULL) {
        return limit + 1;
    }
    for (size_t j = 0; j <= m; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0], best;
        row[0] = i;
        best = row[0];
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t v = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < v) {
                v = up + 1;
            }
            if (row[j - 1] + 1 < v) {
                v = row[j - 1] + 1;
            }
            row[j] = v;
            diag = up;
            if (v < best) {
                best = v;
            }
        }
        if (best > limit) {
            tu_free(row);
            return limit + 1;
        }
    }
    d = row[m];
    tu_free(row);
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
    int64_t id;
    int score;
};

static int cmp_cand(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->score != y->score) {
        return y->score - x->score;
    }
    return x->id < y->id ? -1 : x->id > y->id;
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

enum tu_status tu_tm_lookup(struct tu_tm *tm, const struct tu_tm_query *q,
                            struct tu_tm_match **out, size_t *count,
                            struct tu_error *err)
{
    struct tu_locale sl, tl;
    struct tu_buf key;
    uint32_t *qcp = NULL;
    size_t nq, max = q->max ? q->max : 5, ncand = 0, nout = 0;
    int min = q->min_score > 0 ? q->min_score : 75;
    struct cand *cands = NULL;
    size_t *dists = NULL;
    sqlite3_stmt *st = NULL, *row = NULL;
    enum tu_status rc = TU_OK;
    struct tu_tm_match *res = NULL;
    uint64_t h;

    *out = NULL;
    *count = 0;
    if (tu_locale_parse(q->src_lang ? q->src_lang : "", &sl, err) != TU_OK ||
        tu_locale_parse(q->trg_lang ? q->trg_lang : "", &tl, err) != TU_OK) {
        return err->code;
    }
    tu_buf_init(&key, TU_BUF_NO_LIMIT);
    if (tu_text_match_key(q->text, q->len, &key, err) != TU_OK) {
        tu_buf_release(&key);
        return err->code;
    }
    tu_buf_addc(&key, 0);
    nq = tu_tm_codepoints(key.data, key.len - 1, &qcp);
    h = tu_tm_hash(key.data, key.len - 1);
    cands = tu_calloc(CANDIDATES + 64, sizeof *cands);
    dists = tu_calloc(CANDIDATES + 64, sizeof *dists);
    if (cands == NULL || dists == NULL || qcp == NULL) {
        rc = tu_error_set(err, TU_ENOMEM, "out of memory");
        goto done;
    }
    /* Exact: same key hash, then the key itself compared. */
    if (sqlite3_prepare_v2(tm->db,
            "SELECT id, src_lang, trg_lang, src_text, prev_hash, next_hash FROM tu"
            " WHERE key_hash = ?1 AND src_key = ?2 LIMIT 64", -1, &st, NULL) != SQLITE_OK) {
        rc = tu_error_at(err, TU_EDB, tm->path, 0, 0, "lookup: %s", sqlite3_errmsg(tm->db));
        goto done;
    }
    sqlite3_bind_int64(st, 1, (int64_t)h);
    sqlite3_bind_text(st, 2, key.data, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW && ncand < 64) {
        const char *src = (const char *)sqlite3_column_text(st, 3);
        struct cand *c = &cands[ncand];
        if (!same_lang((const char *)sqlite3_column_text(st, 1), &sl) ||
            !same_lang((const char *)sqlite3_column_text(st, 2), &tl)) {
            continue;
        }
        c->id = sqlite3_column_int64(st, 0);
        c->score = strlen(src) == q->len && memcmp(src, q->text, q->len) == 0 ? 100 : 99;
        if (c->score == 100 && q->prev_hash != 0 &&
            (uint64_t)sqlite3_column_int64(st, 4) == q->prev_hash &&
            (uint64_t)sqlite3_column_int64(st, 5) == q->next_hash) {
            c->score = 101;
        }
        dists[ncand] = 0;
        ncand++;
    }
    sqlite3_finalize(st);
    st = NULL;
    /* Fuzzy: trigram candidates within the length window of min. Fuzzy
     * scores stay below 99, so enough exact matches make it unnecessary. */
    if (nq > 0 && ncand < max) {
        int64_t *g = NULL;
        size_t ng = 0, lo = nq * (size_t)min / 100, hi = min > 0 ? nq * 100 / (size_t)min + 1 : nq * 4;
        struct tu_buf sql;
        tu_buf_init(&sql, TU_BUF_NO_LIMIT);
        ng = tu_tm_grams(qcp, nq, &g);
        if (g == NULL) {
            rc = tu_error_set(err, TU_ENOMEM, "out of memory");
            goto done;
        }
        tu_buf_adds(&sql, "SELECT g.tu, count(*) AS n FROM gram g WHERE g.g IN (");
        for (size_t i = 0; i < ng; i++) {
            tu_buf_printf(&sql, "%s%lld", i ? "," : "", (long long)g[i]);
        }
        tu_buf_printf(&sql, ") AND g.len BETWEEN %zu AND %zu GROUP BY g.tu"
                            " ORDER BY n DESC LIMIT %d", lo, hi, CANDIDATES);
        tu_buf_addc(&sql, 0);
        tu_free(g);
        if (sql.data == NULL ||
            sqlite3_prepare_v2(tm->db, sql.data, -1, &st, NULL) != SQLITE_OK ||
            sqlite3_prepare_v2(tm->db,
                "SELECT src_key, src_lang, trg_lang FROM tu WHERE id = ?", -1, &row, NULL) != SQLITE_OK) {
            tu_buf_release(&sql);
            rc = tu_error_at(err, TU_EDB, tm->path, 0, 0, "lookup: %s", sqlite3_errmsg(tm->db));
            goto done;
        }
        tu_buf_release(&sql);
        while (sqlite3_step(st) == SQLITE_ROW) {
            int64_t id = sqlite3_column_int64(st, 0);
            const char *k;
            uint32_t *cp = NULL;
            size_t n, longer, limit, dist;
            bool dup = false;
            for (size_t i = 0; i < ncand; i++) {
                dup |= cands[i].id == id;
            }
            if (dup || ncand >= CANDIDATES + 64) {
                continue;
            }
            sqlite3_reset(row);
            sqlite3_bind_int64(row, 1, id);
            if (sqlite3_step(row) != SQLITE_ROW ||
                !same_lang((const char *)sqlite3_column_text(row, 1), &sl) ||
                !same_lang((const char *)sqlite3_column_text(row, 2), &tl)) {
                continue;
            }
            k = (const char *)sqlite3_column_text(row, 0);
            n = tu_tm_codepoints(k, strlen(k), &cp);
            longer = n > nq ? n : nq;
            limit = longer * (size_t)(100 - (min > 98 ? 98 : min)) / 100;
            dist = tu_tm_edit_distance(qcp, nq, cp, n, limit);
            tu_free(cp);
            if (dist == 0 || dist > limit) {
                continue; /* same key is the exact pass's; too far */
            }
            {
                int score = (int)(100 * (longer - dist) / longer);
                if (score > 98) {
                    score = 98;
                }
                if (score < min) {
                    continue;
                }
                cands[ncand].id = id;
                cands[ncand].score = score;
                dists[ncand] = dist;
                ncand++;
            }
        }
        sqlite3_finalize(st);
        st = NULL;
    }
    {
        /* attach the distance to the score order: a simple insertion sort */
        for (size_t i = 1; i < ncand; i++) {
            struct cand c = cands[i];
            size_t dd = dists[i], j = i;
            while (j > 0 && cmp_cand(&cands[j - 1], &c) > 0) {
                cands[j] = cands[j - 1];
                dists[j] = dists[j - 1];
                j--;
            }
            cands[j] = c;
            dists[j] = dd;
        }
    }
    if (ncand > max) {
        ncand = max;
    }
    res = tu_calloc(ncand ? ncand : 1, sizeof *res);
    if (res == NULL) {
        rc = tu_error_set(err, TU_ENOMEM, "out of memory");
        goto done;
    }
    if (sqlite3_prepare_v2(tm->db,
            "SELECT src_text, trg_text, src_lang, trg_lang, origin, approved FROM tu WHERE id = ?",
            -1, &st, NULL) != SQLITE_OK) {
        rc = tu_error_at(err, TU_EDB, tm->path, 0, 0, "lookup: %s", sqlite3_errmsg(tm->db));
        goto done;
    }
    for (size_t i = 0; i < ncand; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, cands[i].id);
        if (sqlite3_step(st) != SQLITE_ROW) {
            continue;
        }
        if ((rc = fill(tm, st, q, &tl, &res[nout], &cands[i], dists[i], err)) != TU_OK) {
            nout++;
            goto done;
        }
        nout++;
    }
done:
    sqlite3_finalize(st);
    sqlite3_finalize(row);
    tu_free(cands);
    tu_free(dists);
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
            "EXPLAIN QUERY PLAN SELECT g.tu, count(*) AS n FROM gram g"
            " WHERE g.g IN (1,2,3) AND g.len BETWEEN 10 AND 20"
            " GROUP BY g.tu ORDER BY n DESC LIMIT 300", -1, &st, NULL) != SQLITE_OK) {
        return tu_error_at(err, TU_EDB, tm->path, 0, 0, "plan: %s", sqlite3_errmsg(tm->db));
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        tu_buf_printf(out, "%s\n", (const char *)sqlite3_column_text(st, 3));
    }
    sqlite3_finalize(st);
    return TU_OK;
}
