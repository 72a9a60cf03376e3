/*
 * Inline codes placed by rule, for a candidate whose text matches the
 * segment's but whose codes differ (an HTML page against a TM made from
 * plain text, or the other way round). The candidate's target loses its
 * own codes and gets the segment's:
 *   - a paired code (pc, or sc/ec) around the whole segment text wraps the
 *     whole target;
 *   - a paired code around text found once, unchanged, in the target (a
 *     URL, an e-mail address, a name) goes around that text; a name may
 *     have its first letter's case changed ("Dr. Halilović" -> "dr.
 *     Halilović") when that form is found once and the exact one not;
 *   - a paired code around one number or date goes around the target's
 *     same value, when the target holds it once ("14 October 2025" ->
 *     "14. oktobra 2025.");
 *   - a standalone code at the start or end of the segment goes to the
 *     start or end of the target.
 * Placements must nest. Any other code (around a translated word, in the
 * middle of a sentence, an annotation) cannot be placed, and the candidate
 * is offered but not used.
 */
#include <stdlib.h>
#include <string.h>

#include "leverage-int.h"
#include <tumac/alloc.h>

struct placed {
    const struct tu_inline *code; /* the segment's code */
    size_t at;                    /* byte offset in the target text */
    size_t rank;                  /* order among codes at the same offset */
    bool closing;
};

/* The first occurrence of x in t, or NULL. */
static const char *find(const char *t, size_t tn, const char *x, size_t xn)
{
    for (size_t i = 0; xn <= tn && i + xn <= tn; i++) {
        if (memcmp(t + i, x, xn) == 0) {
            return t + i;
        }
    }
    return NULL;
}

/* x occurs exactly once in t: its offset. */
static bool find_once(const char *t, size_t tn, const char *x, size_t xn,
                      size_t *at)
{
    const char *hit = find(t, tn, x, xn);
    if (hit == NULL || find(hit + 1, tn - (size_t)(hit + 1 - t), x, xn) != NULL) {
        return false; /* none, or twice: which one? */
    }
    *at = (size_t)(hit - t);
    return true;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The text with whitespace collapsed and trimmed. */
static void collapse(const char *s, struct tu_buf *out)
{
    bool space = false;
    for (; *s; s++) {
        if (is_space(*s)) {
            space = true;
            continue;
        }
        if (space && out->len) {
            tu_buf_addc(out, ' ');
        }
        space = false;
        tu_buf_addc(out, *s);
    }
}

bool tu_lev_same_text(const struct tu_content *a, const struct tu_content *b)
{
    struct tu_buf pa, pb, ca, cb;
    bool same;

    tu_buf_init(&pa, TU_BUF_NO_LIMIT);
    tu_buf_init(&pb, TU_BUF_NO_LIMIT);
    tu_buf_init(&ca, TU_BUF_NO_LIMIT);
    tu_buf_init(&cb, TU_BUF_NO_LIMIT);
    tu_content_plain(a, &pa);
    tu_content_plain(b, &pb);
    tu_buf_addc(&pa, '\0');
    tu_buf_addc(&pb, '\0');
    if (!pa.status && !pb.status) {
        collapse(pa.data, &ca);
        collapse(pb.data, &cb);
    }
    same = !pa.status && !pb.status && !ca.status && !cb.status &&
           ca.len == cb.len && memcmp(ca.data, cb.data, ca.len) == 0;
    tu_buf_release(&pa);
    tu_buf_release(&pb);
    tu_buf_release(&ca);
    tu_buf_release(&cb);
    return same;
}

/* The text of the segment between item `from` and its closing partner;
 * the partner's index in *end, or false when it has none. */
static bool span_text(const struct tu_content *c, size_t from, struct tu_buf *out,
                      size_t *end)
{
    const struct tu_inline *o = &c->items[from];
    enum tu_inline_kind close = o->kind == TU_INLINE_PC_START ? TU_INLINE_PC_END
                                                              : TU_INLINE_EC;
    for (size_t i = from + 1; i < c->count; i++) {
        const struct tu_inline *in = &c->items[i];
        if (in->kind == close && in->id && o->id && strcmp(in->id, o->id) == 0) {
            *end = i;
            return true;
        }
        if (in->kind == TU_INLINE_TEXT && in->text) {
            tu_buf_adds(out, in->text);
        }
    }
    return false;
}

/* Where the span's text goes in target text t: [*a, *b). */
static bool place_span(const struct tu_lev_values *v, const char *x, size_t xn,
                       const char *whole, const char *t, size_t tn, size_t *a,
                       size_t *b)
{
    size_t lead = 0;
    while (lead < xn && is_space(x[lead])) {
        lead++;
    }
    while (xn > lead && is_space(x[xn - 1])) {
        xn--;
    }
    x += lead;
    xn -= lead;
    if (xn == 0) {
        return false;
    }
    if (strlen(whole) == xn && memcmp(whole, x, xn) == 0) {
        *a = 0;
        *b = tn;
        while (*b > 0 && is_space(t[*b - 1])) {
            (*b)--;
        }
        return true;
    }
    if (find_once(t, tn, x, xn, a)) {
        *b = *a + xn;
        return true;
    }
    if (find(t, tn, x, xn) == NULL && xn < 256 &&
        ((x[0] >= 'a' && x[0] <= 'z') || (x[0] >= 'A' && x[0] <= 'Z'))) {
        char swapped[256];
        memcpy(swapped, x, xn);
        swapped[0] ^= 0x20; /* "Dr." -> "dr." */
        if (find_once(t, tn, swapped, xn, a)) {
            *b = *a + xn;
            return true;
        }
    }
    return tu_lev_values_locate(v, x, xn, t, tn, a, b);
}

/* Two placed spans must be disjoint or nested. */
static bool nests(const struct placed *p, size_t n, size_t a, size_t b)
{
    for (size_t i = 0; i + 1 < n; i += 2) {
        size_t c = p[i].at, d = p[i + 1].at;
        bool disjoint = b <= c || d <= a;
        bool inside = (c <= a && b <= d) || (a <= c && d <= b);
        if (!disjoint && !inside) {
            return false;
        }
    }
    return true;
}

static int cmp_placed(const void *pa, const void *pb)
{
    const struct placed *a = pa, *b = pb;
    if (a->at != b->at) {
        return a->at < b->at ? -1 : 1;
    }
    if (a->closing != b->closing) {
        return a->closing ? -1 : 1; /* close before opening at one offset */
    }
    /* closings: the inner (opened later) first; openings: the outer first */
    return a->rank == b->rank ? 0 : (a->rank < b->rank) == a->closing ? 1 : -1;
}

/* Append a deep copy of one code to content. */
static enum tu_status add_code(struct tu_content *out, const struct tu_inline *in)
{
    struct tu_content view = {0}, one = {0};
    view.items = (struct tu_inline *)in;
    view.count = 1;
    if (tu_content_copy(&one, &view) != TU_OK) {
        tu_content_clear(&one);
        return TU_ENOMEM;
    }
    struct tu_inline *v = tu_grow(out->items, sizeof *out->items, out->count + 1,
                                  &out->cap);
    if (v == NULL) {
        tu_content_clear(&one);
        return TU_ENOMEM;
    }
    out->items = v;
    v[out->count++] = one.items[0];
    one.count = 0;
    tu_content_clear(&one);
    return TU_OK;
}

/* Collect the placements of the segment's codes in target text t. */
static bool collect(const struct tu_lev_values *v, const struct tu_content *seg,
                    const char *whole, const char *t, size_t tn,
                    struct placed *p, size_t *np)
{
    size_t n = 0, spans = 0;
    struct placed single[64];
    size_t ns = 0;

    for (size_t i = 0; i < seg->count; i++) {
        const struct tu_inline *in = &seg->items[i];
        if (in->kind == TU_INLINE_TEXT) {
            continue;
        }
        if (in->kind == TU_INLINE_PC_START || in->kind == TU_INLINE_SC) {
            struct tu_buf x;
            size_t end = 0, a = 0, b = 0;
            bool ok;
            if (n + 2 > 64) {
                return false;
            }
            tu_buf_init(&x, TU_BUF_NO_LIMIT);
            ok = span_text(seg, i, &x, &end) && !x.status &&
                 place_span(v, x.data ? x.data : "", x.len, whole, t, tn, &a, &b) &&
                 nests(p, n, a, b);
            tu_buf_release(&x);
            if (!ok) {
                return false;
            }
            p[n++] = (struct placed){in, a, spans, false};
            p[n++] = (struct placed){&seg->items[end], b, spans, true};
            spans++;
        } else if (in->kind == TU_INLINE_PH && ns < 64) {
            bool before = false, after = false;
            for (size_t k = 0; k < seg->count; k++) {
                const struct tu_inline *o = &seg->items[k];
                if (o->kind == TU_INLINE_TEXT && o->text) {
                    for (const char *c = o->text; *c; c++) {
                        if (!is_space(*c)) {
                            before |= k < i;
                            after |= k > i;
                        }
                    }
                }
            }
            if (before && after) {
                return false; /* in mid-sentence */
            }
            single[ns++] = (struct placed){in, before ? tn : 0, 0, before};
        } else if (in->kind == TU_INLINE_PC_END || in->kind == TU_INLINE_EC) {
            continue; /* placed with its start */
        } else {
            return false; /* markers and isolated codes */
        }
    }
    if (n + ns > 64) {
        return false;
    }
    memcpy(p + n, single, ns * sizeof *single);
    *np = n + ns;
    return true;
}

enum tu_status tu_lev_place_codes(const struct tu_lev_values *v,
                                  const struct tu_content *seg_src,
                                  const struct tu_content *target,
                                  struct tu_content *out, size_t *placed,
                                  bool *ok)
{
    struct placed p[64];
    size_t np = 0, pos = 0;
    struct tu_buf t, whole, ws;
    enum tu_status st = TU_OK;

    *ok = false;
    *placed = 0;
    tu_buf_init(&t, TU_BUF_NO_LIMIT);
    tu_buf_init(&whole, TU_BUF_NO_LIMIT);
    tu_buf_init(&ws, TU_BUF_NO_LIMIT);
    tu_content_plain(target, &t);
    tu_content_plain(seg_src, &ws);
    tu_buf_addc(&ws, '\0');
    if (!ws.status) {
        collapse(ws.data, &whole);
    }
    tu_buf_addc(&whole, '\0');
    tu_buf_addc(&t, '\0');
    if (t.status || whole.status || ws.status) {
        st = TU_ENOMEM;
        goto out;
    }
    t.len--;
    if (!collect(v, seg_src, whole.data, t.data, t.len, p, &np)) {
        goto out; /* not placeable by rule */
    }
    qsort(p, np, sizeof *p, cmp_placed);
    for (size_t i = 0; i < np && st == TU_OK; i++) {
        if (p[i].at > pos) {
            st = tu_content_add_text(out, t.data + pos, p[i].at - pos);
            pos = p[i].at;
        }
        if (st == TU_OK) {
            st = add_code(out, p[i].code);
        }
    }
    if (st == TU_OK && pos < t.len) {
        st = tu_content_add_text(out, t.data + pos, t.len - pos);
    }
    if (st == TU_OK) {
        for (size_t i = 0; i < np; i++) {
            *placed += !p[i].closing || p[i].code->kind == TU_INLINE_PH;
        }
        *ok = true;
    }
out:
    tu_buf_release(&t);
    tu_buf_release(&whole);
    tu_buf_release(&ws);
    return st;
}
