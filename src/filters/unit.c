/*
 * Units from items: every filter turns a stretch of its document into items
 * (text with its original spelling, codes with their markup); this file
 * trims them, splits them into segments with the text layer's segmenter,
 * and writes the unit into the model and its codes and spellings into the
 * skeleton. Invariant: the items of a unit, rendered from their originals,
 * are exactly the input bytes they came from.
 */
#include <stdio.h>
#include <string.h>

#include <tumac/alloc.h>

#include "filters-int.h"

#define OBJ "\xEF\xBF\xBC" /* U+FFFC, an inline code for the segmenter */

void fx_items_release(struct fx_items *it)
{
    for (size_t i = 0; i < it->count; i++) {
        tu_free(it->v[i].text);
        tu_free(it->v[i].orig);
        tu_free(it->v[i].tmpl);
        tu_free(it->v[i].disp);
    }
    tu_free(it->v);
    memset(it, 0, sizeof(*it));
}

static struct fx_item *items_push(struct fx_items *it)
{
    struct fx_item *v = tu_grow(it->v, sizeof(*v), it->count + 1, &it->cap);
    if (v == NULL) {
        return NULL;
    }
    it->v = v;
    memset(&v[it->count], 0, sizeof(v[0]));
    return &v[it->count++];
}

enum tu_status fx_items_text(struct fx_items *it, const char *text,
                             size_t text_len, const char *orig,
                             size_t orig_len)
{
    struct fx_item *x = items_push(it);
    if (x == NULL) {
        return TU_ENOMEM;
    }
    x->kind = FX_TEXT;
    x->text = tu_strndup(text, text_len);
    x->orig = tu_strndup(orig, orig_len);
    x->text_len = text_len;
    x->orig_len = orig_len;
    if (x->text == NULL || x->orig == NULL) {
        return TU_ENOMEM;
    }
    return TU_OK;
}

struct fx_item *fx_items_code(struct fx_items *it, enum fx_kind kind,
                              const char *orig, size_t orig_len)
{
    struct fx_item *x = items_push(it);
    if (x == NULL) {
        return NULL;
    }
    x->kind = kind;
    x->type = "other";
    x->orig = tu_strndup(orig, orig_len);
    x->orig_len = orig_len;
    return x->orig == NULL ? NULL : x;
}

bool fx_item_is_space(const struct fx_item *item)
{
    const char *s = item->text;
    size_t n = item->text_len;

    if (item->kind != FX_TEXT) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
            s[i] == '\f') {
            continue;
        }
        if ((unsigned char)s[i] == 0xC2 && i + 1 < n &&
            (unsigned char)s[i + 1] == 0xA0) {
            i++;
            continue;
        }
        return false;
    }
    return true;
}

void fx_items_pair(struct fx_items *it)
{
    size_t *stack = tu_malloc((it->count + 1) * sizeof(*stack));
    size_t depth = 0;

    if (stack == NULL) {
        return; /* partners stay as built; they are right unless reordered */
    }
    for (size_t i = 0; i < it->count; i++) {
        if (it->v[i].kind == FX_OPEN) {
            stack[depth++] = i;
        } else if (it->v[i].kind == FX_CLOSE && depth > 0) {
            size_t o = stack[--depth];
            it->v[o].partner = i;
            it->v[i].partner = o;
        }
    }
    tu_free(stack);
}

/* Is the trimmable item at i droppable from an end (space or standalone)? */
static bool is_edge(const struct fx_items *it, size_t i)
{
    return it->v[i].kind == FX_PH || fx_item_is_space(&it->v[i]);
}

static bool has_text(const struct fx_items *it, size_t first, size_t limit)
{
    for (size_t i = first; i < limit; i++) {
        if (it->v[i].kind == FX_TEXT && !fx_item_is_space(&it->v[i])) {
            return true;
        }
    }
    return false;
}

bool fx_items_core(const struct fx_items *it, size_t *first, size_t *limit)
{
    size_t a = *first, b = *limit;

    for (;;) {
        if (a < b && is_edge(it, a)) {
            a++;
        } else if (a < b && is_edge(it, b - 1)) {
            b--;
        } else if (b - a >= 2 && it->v[a].kind == FX_OPEN &&
                   it->v[a].partner == b - 1) {
            a++;
            b--;
        } else {
            break;
        }
    }
    *first = a;
    *limit = b;
    return a < b && has_text(it, a, b);
}

void fx_items_to_skeleton(const struct fx_items *it, size_t first,
                          size_t limit, struct tu_buf *sink)
{
    for (size_t i = first; i < limit; i++) {
        const struct fx_item *x = &it->v[i];
        if (x->kind == FX_TEXT || x->tmpl == NULL) {
            skl_lit(sink, x->orig, x->orig_len);
        } else {
            tu_buf_add(sink, x->tmpl, x->tmpl_len);
        }
    }
}

/* ---- segmentation ---- */

/* The items of a stretch rebuilt with the segmenter's breaks, in one pass. */
struct cutter {
    struct fx_item *v; /* the stretch's new items */
    size_t count;
    size_t *cuts;      /* where segments start: indices into v */
    size_t ncuts;
    size_t depth;      /* paired codes open before v[count] */
};

static void cutter_take(struct cutter *c, const struct fx_item *x)
{
    c->v[c->count++] = *x;
    if (x->kind == FX_OPEN) {
        c->depth++;
    } else if (x->kind == FX_CLOSE && c->depth > 0) {
        c->depth--;
    }
}

/* A segment starts at the next item (never inside a paired code). */
static void cut_here(struct cutter *c)
{
    if (c->depth == 0 && c->count > 0 &&
        (c->ncuts == 0 || c->cuts[c->ncuts - 1] != c->count)) {
        c->cuts[c->ncuts++] = c->count;
    }
}

/*
 * Item x, covering [from, to) of the segmented text, into the cutter with
 * the breaks breaks[*k..] that fall inside it. A plain text run (its text
 * is its original) is split at each: the pieces before the last break are
 * new items, x keeps the last one. Any other item moves a break inside it
 * to its end. x is taken even when out of memory, so each item stays owned
 * once.
 */
static enum tu_status cut_item(struct cutter *c, struct fx_item *x,
                               size_t from, size_t to, const size_t *breaks,
                               size_t nbreaks, size_t *k)
{
    bool plain = x->kind == FX_TEXT && x->text_len == x->orig_len &&
                 memcmp(x->text, x->orig, x->text_len) == 0;
    bool after = false;
    size_t prev = 0;

    for (; *k < nbreaks && breaks[*k] < to; (*k)++) {
        size_t off = breaks[*k] - from;
        struct fx_item y = {.kind = FX_TEXT};
        if (off == 0) {
            cut_here(c);
            continue;
        }
        if (!plain) {
            after = true;
            continue;
        }
        y.text = tu_strndup(x->text + prev, off - prev);
        y.orig = tu_strndup(x->orig + prev, off - prev);
        y.text_len = y.orig_len = off - prev;
        if (y.text == NULL || y.orig == NULL) {
            tu_free(y.text);
            tu_free(y.orig);
            cutter_take(c, x); /* whole again: its pieces repeat it, harmlessly */
            return TU_ENOMEM;
        }
        cutter_take(c, &y);
        cut_here(c);
        prev = off;
    }
    if (prev > 0) {
        x->text_len -= prev;
        x->orig_len -= prev;
        memmove(x->text, x->text + prev, x->text_len + 1);
        memmove(x->orig, x->orig + prev, x->orig_len + 1);
    }
    cutter_take(c, x);
    if (after) {
        cut_here(c);
    }
    return TU_OK;
}

/*
 * Segment items [first, *limit) of `it`: text runs are split where the
 * segmenter breaks (codes stand in as U+FFFC; a break inside an entity or a
 * collapsed space moves to its end, one inside a paired code is dropped),
 * *limit moves with the new items and *cuts gets the ascending indices
 * where segments start. Linear in the items and breaks: one paragraph of
 * 150,000 sentences is a single run.
 */
static enum tu_status split_items(struct fx *fx, struct fx_items *it,
                                  size_t first, size_t *limit,
                                  size_t **cuts, size_t *ncuts,
                                  struct tu_error *err)
{
    struct tu_buf s;
    size_t *starts = NULL, *breaks = NULL, nbreaks = 0, k = 0, i;
    size_t n = *limit - first, tail = it->count - *limit;
    struct fx_item *all = NULL;
    struct cutter c = {0};
    enum tu_status st;

    *cuts = NULL;
    *ncuts = 0;
    tu_buf_init(&s, TU_BUF_NO_LIMIT);
    starts = tu_malloc((n + 1) * sizeof(*starts));
    if (starts == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    for (i = 0; i < n; i++) {
        const struct fx_item *x = &it->v[first + i];
        starts[i] = s.len;
        if (x->kind == FX_TEXT) {
            tu_buf_add(&s, x->text, x->text_len);
        } else {
            tu_buf_add(&s, OBJ, 3);
        }
    }
    starts[n] = s.len;
    st = s.status;
    if (st == TU_OK) {
        st = tu_segmenter_split(fx->seg, s.data, s.len, &breaks, &nbreaks, err);
    } else {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    tu_buf_release(&s);
    if (st == TU_OK) {
        all = tu_malloc((it->count + nbreaks) * sizeof(*all));
        c.cuts = tu_malloc((nbreaks + 1) * sizeof(*c.cuts));
        if (all == NULL || c.cuts == NULL) {
            tu_free(all);
            tu_free(c.cuts);
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    if (st != TU_OK) {
        tu_free(starts);
        tu_free(breaks);
        return st;
    }
    memcpy(all, it->v, first * sizeof(*all));
    c.v = all + first;
    for (i = 0; i < n && st == TU_OK; i++) {
        st = cut_item(&c, &it->v[first + i], starts[i], starts[i + 1],
                      breaks, nbreaks, &k);
    }
    for (; i < n; i++) {
        cutter_take(&c, &it->v[first + i]); /* out of memory: as they were */
    }
    memcpy(c.v + c.count, it->v + *limit, tail * sizeof(*all));
    tu_free(it->v);
    it->v = all;
    it->cap = it->count + nbreaks;
    it->count = first + c.count + tail;
    *limit = first + c.count;
    tu_free(starts);
    tu_free(breaks);
    while (c.ncuts > 0 && c.cuts[c.ncuts - 1] >= c.count) {
        c.ncuts--; /* a break after the last item */
    }
    if (st != TU_OK) {
        tu_free(c.cuts);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    for (size_t j = 0; j < c.ncuts; j++) {
        c.cuts[j] += first;
    }
    *cuts = c.cuts;
    *ncuts = c.ncuts;
    fx_items_pair(it);
    return TU_OK;
}

/* ---- writing the unit ---- */

struct emit {
    struct fx *fx;
    struct fx_items *it;
    struct tu_unit *unit;
    const char *uid;
    char q;
    size_t text_off;   /* bytes of source text written so far */
    size_t codes;      /* code items written so far */
    unsigned seg_no;
    struct tu_segment *pending; /* the open ignorable, if any */
};

static enum tu_status add_item(struct emit *e, struct tu_content *c, size_t i,
                               enum tu_inline_kind as)
{
    struct fx_item *x = &e->it->v[i];
    struct tu_inline *in;
    char id[24];

    if (x->kind == FX_TEXT) {
        struct tu_buf canon;
        bool same;
        if (tu_content_add_text(c, x->text, x->text_len) != TU_OK) {
            return TU_ENOMEM;
        }
        tu_buf_init(&canon, TU_BUF_NO_LIMIT);
        e->fx->filter->escape(&canon, x->text, x->text_len, e->q);
        same = canon.status == TU_OK && canon.len == x->orig_len &&
               memcmp(canon.data, x->orig, x->orig_len) == 0;
        tu_buf_release(&canon);
        if (!same && x->text_len == 0) {
            /* markup with no text (a tag between two codes): where it
             * stands among the codes too, which the offset cannot say */
            tu_buf_printf(&e->fx->skl, "\\{x %s %zu %zu}", e->uid, e->text_off, e->codes);
        } else if (!same) {
            tu_buf_printf(&e->fx->skl, "\\{x %s %zu}", e->uid, e->text_off);
        }
        if (!same) {
            skl_lit(&e->fx->skl, x->text, x->text_len);
            tu_buf_adds(&e->fx->skl, "\\{|}");
            skl_lit(&e->fx->skl, x->orig, x->orig_len);
            tu_buf_adds(&e->fx->skl, "\\{/x}");
        }
        e->text_off += x->text_len;
        return e->fx->skl.status;
    }
    e->codes++;
    snprintf(id, sizeof(id), "%u", x->id);
    in = tu_content_add(c, as, id);
    if (in == NULL) {
        return TU_ENOMEM;
    }
    in->type = tu_strdup(x->type);
    if (x->subtype != NULL) {
        in->subtype = tu_strdup(x->subtype);
    }
    in->data = tu_strndup(x->orig, x->orig_len);
    in->disp = x->disp ? tu_strdup(x->disp) : NULL;
    if (as == TU_INLINE_PC_START) {
        const struct fx_item *y = &e->it->v[x->partner];
        in->data_end = tu_strndup(y->orig, y->orig_len);
        in->disp_end = y->disp ? tu_strdup(y->disp) : NULL;
        if (in->data_end == NULL) {
            return TU_ENOMEM;
        }
    }
    if (as != TU_INLINE_PH) {
        in->flags |= TU_INLINE_NO_DELETE | TU_INLINE_NO_COPY;
    }
    if (in->type == NULL || in->data == NULL) {
        return TU_ENOMEM;
    }
    return TU_OK;
}

static enum tu_status add_ignorable_item(struct emit *e, size_t i)
{
    enum tu_inline_kind as = TU_INLINE_PH;

    if (e->pending == NULL) {
        e->pending = tu_unit_add_segment(e->unit, NULL, true);
        if (e->pending == NULL) {
            return TU_ENOMEM;
        }
    }
    if (e->it->v[i].kind == FX_OPEN) {
        as = TU_INLINE_SC;
    } else if (e->it->v[i].kind == FX_CLOSE) {
        as = TU_INLINE_EC;
    }
    return add_item(e, &e->pending->source, i, as);
}

/* One segment from items [a, b): edges go to ignorables around it. */
static enum tu_status emit_segment(struct emit *e, size_t a, size_t b)
{
    size_t ca = a, cb = b, i;
    struct tu_segment *seg;
    char sid[24];
    enum tu_status st;

    if (!fx_items_core(e->it, &ca, &cb)) {
        ca = cb = b; /* no text: all of it is ignorable */
    }
    for (i = a; i < ca; i++) {
        if ((st = add_ignorable_item(e, i)) != TU_OK) {
            return st;
        }
    }
    if (ca < cb) {
        snprintf(sid, sizeof(sid), "s%u", ++e->seg_no);
        seg = tu_unit_add_segment(e->unit, sid, false);
        if (seg == NULL) {
            return TU_ENOMEM;
        }
        e->pending = NULL;
        for (i = ca; i < cb; i++) {
            enum tu_inline_kind as = TU_INLINE_TEXT;
            if (e->it->v[i].kind == FX_OPEN) {
                as = TU_INLINE_PC_START;
            } else if (e->it->v[i].kind == FX_CLOSE) {
                as = TU_INLINE_PC_END;
            } else if (e->it->v[i].kind == FX_PH) {
                as = TU_INLINE_PH;
            }
            if ((st = add_item(e, &seg->source, i, as)) != TU_OK) {
                return st;
            }
        }
    }
    for (i = cb; i < b; i++) {
        if ((st = add_ignorable_item(e, i)) != TU_OK) {
            return st;
        }
    }
    return TU_OK;
}

enum tu_status fx_unit_emit(struct fx *fx, struct fx_items *it, size_t first,
                            size_t limit, const char *name, bool preserve,
                            char q, struct tu_buf *sink, struct tu_error *err)
{
    struct emit e;
    char uid[24];
    size_t *cuts = NULL, ncuts = 0, from, nsegs = 0;
    enum tu_status st;
    unsigned next_code = 0;

    memset(&e, 0, sizeof(e));
    snprintf(uid, sizeof(uid), "u%u", ++fx->next_unit);
    e.fx = fx;
    e.it = it;
    e.uid = uid;
    e.q = q;
    e.unit = tu_file_add_unit(fx->file, uid);
    if (e.unit == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (name != NULL && (e.unit->name = tu_strdup(name)) == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (preserve && (e.unit->space = tu_strdup("preserve")) == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    /* code ids, in document order; a pair shares one */
    for (size_t i = first; i < limit; i++) {
        if (it->v[i].kind == FX_PH || it->v[i].kind == FX_OPEN) {
            it->v[i].id = ++next_code;
        }
    }
    for (size_t i = first; i < limit; i++) {
        if (it->v[i].kind == FX_CLOSE) {
            it->v[i].id = it->v[it->v[i].partner].id;
        }
    }
    st = split_items(fx, it, first, &limit, &cuts, &ncuts, err);
    if (st != TU_OK) {
        return st;
    }
    /* templates of the codes */
    for (size_t i = first; i < limit; i++) {
        struct fx_item *x = &it->v[i];
        if (x->kind == FX_PH || x->kind == FX_OPEN) {
            tu_buf_printf(&fx->skl, "\\{c %s %u}", uid, x->id);
            fx_items_to_skeleton(it, i, i + 1, &fx->skl);
            if (x->kind == FX_OPEN) {
                tu_buf_adds(&fx->skl, "\\{|}");
                fx_items_to_skeleton(it, x->partner, x->partner + 1, &fx->skl);
            }
            tu_buf_adds(&fx->skl, "\\{/c}");
        }
    }
    from = first;
    for (size_t k = 0; k <= ncuts && st == TU_OK; k++) {
        size_t to = k < ncuts ? cuts[k] : limit;
        st = emit_segment(&e, from, to);
        from = to;
    }
    tu_free(cuts);
    if (st != TU_OK) {
        return tu_error_set(err, st, "out of memory");
    }
    /* the segment count lets merge notice a segment lost in transit */
    for (size_t i = 0; i < e.unit->seg_count; i++) {
        nsegs += !e.unit->segs[i].is_ignorable;
    }
    if (q == 0) {
        tu_buf_printf(sink, "\\{t %s %zu}", uid, nsegs);
    } else {
        tu_buf_printf(sink, "\\{a %s %c %zu}", uid, q, nsegs);
    }
    if (sink->status != TU_OK || fx->skl.status != TU_OK) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    return TU_OK;
}

enum tu_status fx_run_emit(struct fx *fx, struct fx_items *it, size_t start,
                           size_t end, const char *name, bool preserve,
                           struct tu_error *err)
{
    size_t a = 0, b = it->count, tail;
    enum tu_status st = TU_OK;

    fx_copy_to(fx, start);
    if (fx->pos != start) {
        return TU_OK; /* already in the skeleton (a reordered tree) */
    }
    fx_items_pair(it);
    if (!fx_items_core(it, &a, &b)) {
        fx_items_to_skeleton(it, 0, it->count, &fx->skl);
    } else {
        tail = it->count - b;
        fx_items_to_skeleton(it, 0, a, &fx->skl);
        st = fx_unit_emit(fx, it, a, b, name, preserve, 0, &fx->skl, err);
        if (st == TU_OK) {
            fx_items_to_skeleton(it, it->count - tail, it->count, &fx->skl);
        }
    }
    fx->pos = end;
    return st;
}
