/*
 * What differs between two sentences, word by word, for people: a TM match
 * says "students -> pupils; - check sources" rather than "57 edits". Tokens
 * are ICU word-break pieces (words, numbers, punctuation; spaces dropped);
 * the alignment is a longest common subsequence of tokens.
 */
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include <tumac/alloc.h>
#include <tumac/text.h>
#include "text-int.h"

#define MAX_TOKENS 400 /* longer sentences are compared by their first tokens */

struct token {
    int32_t start, len; /* in the UTF-16 text */
};

struct side {
    UChar *u;
    int32_t ulen;
    struct token *t;
    size_t n;
};

static bool is_space_token(const UChar *u, int32_t len)
{
    for (int32_t i = 0; i < len; i++) {
        if (!u_isUWhiteSpace(u[i])) {
            return false;
        }
    }
    return true;
}

static enum tu_status tokenize(const char *text, size_t len, struct side *s,
                               struct tu_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi;
    enum tu_status rc = text_to_u16(text, len, &s->u, &s->ulen, err);

    if (rc != TU_OK) {
        return rc;
    }
    s->t = tu_calloc(MAX_TOKENS, sizeof *s->t);
    if (s->t == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    bi = ubrk_open(UBRK_WORD, "", s->u, s->ulen, &st);
    if (U_FAILURE(st)) {
        return tu_error_set(err, TU_ENOMEM, "ICU word break iterator: %s",
                            u_errorName(st));
    }
    for (int32_t a = ubrk_first(bi), b = ubrk_next(bi);
         b != UBRK_DONE && s->n < MAX_TOKENS; a = b, b = ubrk_next(bi)) {
        if (!is_space_token(s->u + a, b - a)) {
            s->t[s->n].start = a;
            s->t[s->n].len = b - a;
            s->n++;
        }
    }
    ubrk_close(bi);
    return TU_OK;
}

static bool same(const struct side *x, size_t i, const struct side *y, size_t j)
{
    return x->t[i].len == y->t[j].len &&
           memcmp(x->u + x->t[i].start, y->u + y->t[j].start,
                  (size_t)x->t[i].len * sizeof(UChar)) == 0;
}

/* Tokens [from, to) of a side as they are written (inner spaces kept). */
static void add_span(struct tu_buf *out, const struct side *s, size_t from,
                     size_t to, struct tu_error *err)
{
    int32_t a = s->t[from].start;
    int32_t b = s->t[to - 1].start + s->t[to - 1].len;
    text_add_u16(out, s->u + a, b - a, err);
}

/* One change: TU tokens [oi, oj) became query tokens [qi, qj). */
static void add_change(struct tu_buf *out, const struct side *q, size_t qi,
                       size_t qj, const struct side *o, size_t oi, size_t oj,
                       struct tu_error *err)
{
    if (out->len > 0) {
        tu_buf_adds(out, "; ");
    }
    if (oi < oj && qi < qj) {
        add_span(out, o, oi, oj, err);
        tu_buf_adds(out, " -> ");
        add_span(out, q, qi, qj, err);
    } else if (qi < qj) {
        tu_buf_adds(out, "+ ");
        add_span(out, q, qi, qj, err);
    } else {
        tu_buf_adds(out, "- ");
        add_span(out, o, oi, oj, err);
    }
}

enum tu_status tu_text_word_diff(const char *query, size_t qlen,
                                 const char *other, size_t olen,
                                 size_t max_changes, struct tu_buf *out,
                                 struct tu_error *err)
{
    struct side q = {0}, o = {0};
    uint16_t *lcs = NULL; /* lcs[i][j]: common tokens of q[i..], o[j..] */
    struct tu_buf d;
    size_t changes = 0, w;
    enum tu_status rc;

    tu_buf_init(&d, TU_BUF_NO_LIMIT);
    rc = tokenize(query, qlen, &q, err);
    if (rc == TU_OK) {
        rc = tokenize(other, olen, &o, err);
    }
    w = o.n + 1;
    if (rc == TU_OK &&
        (lcs = tu_calloc((q.n + 1) * w, sizeof *lcs)) == NULL) {
        rc = tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (rc == TU_OK) {
        for (size_t i = q.n; i-- > 0;) {
            for (size_t j = o.n; j-- > 0;) {
                uint16_t down = lcs[(i + 1) * w + j], right = lcs[i * w + j + 1];
                lcs[i * w + j] = same(&q, i, &o, j)
                                     ? (uint16_t)(lcs[(i + 1) * w + j + 1] + 1)
                                     : down > right ? down : right;
            }
        }
        /* Walk the alignment; gather each run of differences as one change. */
        size_t i = 0, j = 0;
        while (i < q.n || j < o.n) {
            size_t qi = i, oi = j;
            while ((i < q.n || j < o.n) && !(i < q.n && j < o.n && same(&q, i, &o, j))) {
                if (j >= o.n || (i < q.n && lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
                    i++;
                } else {
                    j++;
                }
            }
            if (qi < i || oi < j) {
                if (++changes <= max_changes) {
                    add_change(&d, &q, qi, i, &o, oi, j, err);
                }
            }
            if (i < q.n && j < o.n) {
                i++;
                j++;
            }
        }
        if (changes > max_changes) {
            tu_buf_printf(&d, "; and %zu more", changes - max_changes);
        }
        if (d.status != TU_OK) {
            rc = tu_error_set(err, d.status, "out of memory");
        } else {
            tu_buf_add(out, d.data, d.len);
            rc = out->status == TU_OK ? TU_OK
                                      : tu_error_set(err, out->status, "out of memory");
        }
    }
    tu_buf_release(&d);
    tu_free(lcs);
    tu_free(q.u);
    tu_free(q.t);
    tu_free(o.u);
    tu_free(o.t);
    return rc;
}
