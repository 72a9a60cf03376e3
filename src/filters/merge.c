/*
 * Merge: skeleton + targets -> document. Every unit's target is checked
 * before anything is rendered (codes known, paired codes each exactly once
 * and properly nested), and the markup of every code comes from the
 * skeleton, never from the XLIFF, so a translator cannot change markup.
 * A segment whose target is missing or equal to its source is rendered with
 * the original spellings, which is what makes untranslated merges exact.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/locale.h>
#include <tumac/text.h>

#include "filters-int.h"
#include "skeleton.h"

/* Bytes [start, limit) of the output came from unit `unit`. */
struct span {
    size_t start, limit;
    const char *unit;
};

struct ms {
    const struct tu_file *file;
    bool xliff12;           /* the XLIFF was 1.2 */
    const struct fx_filter *filter;
    const struct tu_merge_opts *opts;
    struct skl k;
    struct tu_unit **units; /* units[N-1] = unit "uN" of the XLIFF */
    size_t unit_count;
    bool translated;        /* some target differs from its source */
    const char *trg_lang;
    struct tu_diag *diag;
    struct tu_error *err;
    int depth;              /* guard against templates referring in a loop */
    bool sources_only;      /* render every unit from its source */
    struct span *spans;     /* where each unit landed in the output */
    size_t span_count, span_cap;
    bool track;             /* record spans (output not in UTF-8) */
};

/* Use the target of this segment? (present, and not empty for a non-empty source) */
static bool has_usable_target(const struct tu_segment *s)
{
    return s->has_target &&
           !(tu_content_is_empty(&s->target) && !tu_content_is_empty(&s->source));
}

static const struct tu_content *chosen(const struct ms *m,
                                       const struct tu_segment *s)
{
    return has_usable_target(s) && !m->sources_only ? &s->target : &s->source;
}

static const struct skl_code *find_code(const struct skl_unit *su,
                                        const char *id)
{
    if (su == NULL || id == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < su->code_count; i++) {
        if (strcmp(su->codes[i].id, id) == 0) {
            return &su->codes[i];
        }
    }
    return NULL;
}

static enum tu_status refuse(struct ms *m, const struct tu_unit *u,
                             const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum tu_status refuse(struct ms *m, const struct tu_unit *u,
                             const char *fmt, ...)
{
    char what[400];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    return tu_error_set(m->err, TU_EINVALID, "unit '%s': %s; not merged",
                        u->id, what);
}

/* Check the codes of the chosen contents of unit `u`. */
static enum tu_status check_codes(struct ms *m, const struct tu_unit *u,
                                  const struct skl_unit *su, bool attr)
{
    const char **stack = NULL;
    unsigned char *seen = NULL;
    size_t depth = 0, ncodes = su ? su->code_count : 0;
    enum tu_status st = TU_OK;

    seen = tu_calloc(ncodes + 1, 1);
    stack = tu_calloc(ncodes + 1, sizeof(*stack));
    if (seen == NULL || stack == NULL) {
        tu_free(seen);
        tu_free(stack);
        return tu_error_set(m->err, TU_ENOMEM, "out of memory");
    }
    for (size_t s = 0; s < u->seg_count && st == TU_OK; s++) {
        const struct tu_content *c = chosen(m, &u->segs[s]);
        for (size_t i = 0; i < c->count && st == TU_OK; i++) {
            const struct tu_inline *in = &c->items[i];
            const struct skl_code *code;
            size_t ci;
            bool opens = in->kind == TU_INLINE_PC_START || in->kind == TU_INLINE_SC;
            bool closes = in->kind == TU_INLINE_PC_END || in->kind == TU_INLINE_EC;

            if (in->kind == TU_INLINE_TEXT || in->kind == TU_INLINE_MRK_START ||
                in->kind == TU_INLINE_MRK_END || in->kind == TU_INLINE_SM ||
                in->kind == TU_INLINE_EM) {
                continue;
            }
            if (attr) {
                st = refuse(m, u, "an attribute value cannot hold codes (code '%s')",
                            in->id ? in->id : "?");
                break;
            }
            code = find_code(su, in->id);
            if (code == NULL) {
                st = refuse(m, u, "code '%s' is not in the source", in->id ? in->id : "?");
                break;
            }
            ci = (size_t)(code - su->codes);
            if (in->kind == TU_INLINE_PH) {
                if (code->paired) {
                    st = refuse(m, u, "code '%s' is a paired code written as a standalone one",
                                in->id);
                }
                seen[ci] = 1;
                continue;
            }
            if (!code->paired) {
                st = refuse(m, u, "code '%s' is a standalone code written as a paired one",
                            in->id);
            } else if (opens) {
                if (seen[ci]) {
                    st = refuse(m, u, "paired code '%s' is duplicated", in->id);
                }
                seen[ci] = 1;
                stack[depth++] = in->id;
            } else if (closes) {
                if (depth == 0) {
                    st = refuse(m, u, "code '%s' is closed before it is opened", in->id);
                } else if (strcmp(stack[depth - 1], in->id) != 0) {
                    st = refuse(m, u, "code '%s' is closed while code '%s' inside it is still open",
                                in->id, stack[depth - 1]);
                } else {
                    depth--;
                }
            }
        }
    }
    if (st == TU_OK && depth > 0) {
        st = refuse(m, u, "paired code '%s' is not closed", stack[depth - 1]);
    }
    for (size_t i = 0; i < ncodes && st == TU_OK; i++) {
        if (seen[i]) {
            continue;
        }
        if (su->codes[i].paired) {
            st = refuse(m, u, "paired code '%s' is missing", su->codes[i].id);
        } else if (tu_diag_add(m->diag, TU_WARNING, NULL, 0, 0,
                               "unit '%s': standalone code '%s' was left out of the translation",
                               u->id, su->codes[i].id) != TU_OK) {
            st = tu_error_set(m->err, TU_ENOMEM, "out of memory");
        }
    }
    tu_free(seen);
    tu_free(stack);
    return st;
}

static enum tu_status render_pieces(struct ms *m, const struct skl_pieces *ps,
                                    struct tu_buf *out);

/* Text of a segment rendered with the original spellings. */
static void render_exact(struct ms *m, const struct skl_unit *su,
                         const char *t, size_t n, size_t off, char q,
                         struct tu_buf *out)
{
    size_t k = 0;
    const char *lit = m->k.lit.data;

    for (size_t i = 0; su != NULL && i < su->spell_count; i++) {
        const struct skl_spell *x = &su->spells[i];
        size_t at;
        if (x->at_code || x->off < off + k || x->off >= off + n) {
            continue; /* at_code: placed by render_at_codes */
        }
        at = x->off - off;
        if (at + x->dec_len > n ||
            memcmp(t + at, lit + x->dec_start, x->dec_len) != 0) {
            continue; /* the source changed in transit: use the canonical form */
        }
        m->filter->escape(out, t + k, at - k, q);
        tu_buf_add(out, lit + x->sp_start, x->sp_len);
        k = at + x->dec_len;
    }
    m->filter->escape(out, t + k, n - k, q);
}

/*
 * The spellings with no text placed by codes (\{x U OFF K}), as an exact
 * segment is rendered: *cur is the first not yet passed; those at text
 * offset `off` after `codes` codes are written (before the item that
 * stands there), those before it were in translated segments and dropped.
 */
static void render_at_codes(const struct ms *m, const struct skl_unit *su, size_t *cur,
                            size_t off, size_t codes, struct tu_buf *out)
{
    for (; su != NULL && *cur < su->spell_count; (*cur)++) {
        const struct skl_spell *x = &su->spells[*cur];
        if (!x->at_code) {
            continue;
        }
        if (x->off > off || (x->off == off && x->codes > codes)) {
            return;
        }
        if (x->off == off && x->codes == codes) {
            tu_buf_add(out, m->k.lit.data + x->sp_start, x->sp_len);
        }
    }
}

/* An exact text t[0, n) at offset off: the spellings inside it, those
 * placed by codes too. */
static void render_exact_text(struct ms *m, const struct skl_unit *su, size_t *cur,
                              const char *t, size_t n, size_t off, size_t codes, char q,
                              struct tu_buf *out)
{
    size_t a = 0;

    render_at_codes(m, su, cur, off, codes, out);
    for (; su != NULL && *cur < su->spell_count; (*cur)++) {
        const struct skl_spell *x = &su->spells[*cur];
        if (!x->at_code) {
            continue;
        }
        if (x->off >= off + n || x->codes != codes) {
            break;
        }
        render_exact(m, su, t + a, x->off - off - a, off + a, q, out);
        tu_buf_add(out, m->k.lit.data + x->sp_start, x->sp_len);
        a = x->off - off;
    }
    render_exact(m, su, t + a, n - a, off + a, q, out);
}

static bool is_code(enum tu_inline_kind k)
{
    return k == TU_INLINE_PH || k == TU_INLINE_PC_START || k == TU_INLINE_PC_END ||
           k == TU_INLINE_SC || k == TU_INLINE_EC;
}

/* Translated text: canonical escaping, but characters the source spelled as
 * a character reference keep that spelling ("&nbsp;" stays "&nbsp;"). */
static void render_translated(struct ms *m, const struct skl_unit *su,
                              const char *t, size_t n, char q,
                              struct tu_buf *out)
{
    const char *lit = m->k.lit.data;
    size_t i = 0, run = 0;

    while (i < n) {
        size_t l = fx_utf8_len((const unsigned char *)t + i, n - i);
        const struct skl_spell *hit = NULL;
        if (l == 0) {
            l = 1;
        }
        for (size_t j = 0; su != NULL && j < su->spell_count; j++) {
            const struct skl_spell *x = &su->spells[j];
            /* only complete references: "&copy" or a bare "&" could run
             * into the letters of the translation */
            if (x->dec_len == l && x->sp_len > 2 && lit[x->sp_start] == '&' &&
                lit[x->sp_start + x->sp_len - 1] == ';' &&
                memcmp(lit + x->dec_start, t + i, l) == 0) {
                hit = x;
                break;
            }
        }
        if (hit != NULL) {
            m->filter->escape(out, t + run, i - run, q);
            tu_buf_add(out, lit + hit->sp_start, hit->sp_len);
            run = i + l;
        }
        i += l;
    }
    m->filter->escape(out, t + run, n - run, q);
}

static struct tu_unit *model_unit(struct ms *m, const char *id)
{
    size_t n = skl_unit_index(id);
    return n == 0 || n > m->unit_count ? NULL : m->units[n - 1];
}

/*
 * Segments without a translation: an error under --strict, else a warning
 * naming the unit and, when only some lack one, which (what a CAT tool
 * left half done).
 */
static enum tu_status report_missing(struct ms *m, const struct tu_unit *u)
{
    struct tu_buf ids;
    size_t total = 0, missing = 0;
    enum tu_status st = TU_OK;

    tu_buf_init(&ids, TU_BUF_NO_LIMIT);
    for (size_t s = 0; s < u->seg_count; s++) {
        const struct tu_segment *seg = &u->segs[s];
        if (seg->is_ignorable || tu_content_is_empty(&seg->source)) {
            continue;
        }
        total++;
        if (!has_usable_target(seg)) {
            missing++;
            tu_buf_printf(&ids, "%s%s", ids.len ? " " : "", seg->id ? seg->id : "?");
        }
    }
    if (missing == 0 || m->sources_only) {
        st = TU_OK;
    } else if (m->opts != NULL && m->opts->strict) {
        st = tu_error_set(m->err, TU_EINVAL, "unit '%s' has no translation (--strict)", u->id);
    } else if ((missing == total
                    ? tu_diag_add(m->diag, TU_WARNING, NULL, 0, 0,
                                  "unit '%s' has no translation; the source is used", u->id)
                    : tu_diag_add(m->diag, TU_WARNING, NULL, 0, 0,
                                  "unit '%s' has no translation for %zu of its %zu segments "
                                  "(%s); their source is used",
                                  u->id, missing, total, ids.len ? ids.data : "")) != TU_OK) {
        st = tu_error_set(m->err, TU_ENOMEM, "out of memory");
    }
    tu_buf_release(&ids);
    return st;
}

static bool arrived_one(const struct tu_unit *u)
{
    size_t n = 0;
    for (size_t s = 0; s < u->seg_count; s++) {
        n += !u->segs[s].is_ignorable;
    }
    return n == 1;
}

/* N of a segment id "sN" as extract writes them, 0 otherwise. */
static size_t seg_index(const char *id)
{
    char *end;
    unsigned long n;

    if (id == NULL || id[0] != 's' || id[1] < '1' || id[1] > '9') {
        return 0;
    }
    n = strtoul(id + 1, &end, 10);
    return *end == '\0' ? (size_t)n : 0;
}

/*
 * Every segment extracted must arrive: a segment deleted in transit would
 * take its sentence out of the document. The skeleton says how many there
 * were (older skeletons do not: then the ids s1..sN must have no gap).
 */
static enum tu_status check_segments(struct ms *m, const struct tu_unit *u,
                                     const struct skl_unit *su)
{
    size_t arrived = 0, want = 0, numbered = 0, missing = 0;
    unsigned char *seen;

    if (m->xliff12 && arrived_one(u)) {
        /* in 1.2 a unit read as one segment holds its whole <source>: a
         * whole-unit <target> (OmegaT, pomerge) joins its sentences */
        return TU_OK;
    }
    for (size_t s = 0; s < u->seg_count; s++) {
        size_t k = u->segs[s].is_ignorable ? 0 : seg_index(u->segs[s].id);
        arrived += !u->segs[s].is_ignorable;
        want = k > want ? k : want;
    }
    if (su != NULL && su->counted) {
        want = su->segments;
    }
    seen = tu_calloc(want + 1, 1);
    if (seen == NULL) {
        return tu_error_set(m->err, TU_ENOMEM, "out of memory");
    }
    for (size_t s = 0; s < u->seg_count; s++) {
        size_t k = u->segs[s].is_ignorable ? 0 : seg_index(u->segs[s].id);
        if (k > 0 && k <= want) {
            numbered += !seen[k];
            seen[k] = 1;
        }
    }
    for (size_t k = 1; k <= want && missing == 0; k++) {
        missing = seen[k] ? 0 : k;
    }
    tu_free(seen);
    if (numbered == 0 && arrived >= want) {
        return TU_OK; /* ids renamed by a tool: the count is all we have */
    }
    if (missing != 0 && numbered > 0) {
        return refuse(m, u, "segment 's%zu' is missing (%zu segments were "
                      "extracted, %zu arrived): its text would be lost",
                      missing, want, arrived);
    }
    if (arrived < want) {
        return refuse(m, u, "%zu segments were extracted, %zu arrived: "
                      "text would be lost", want, arrived);
    }
    return TU_OK;
}

/*
 * Every unit of the XLIFF must have its place in the skeleton, and the
 * units u1..uN have no gap: a unit the skeleton lost (or lost from both)
 * would silently drop its text.
 */
static enum tu_status check_units_placed(struct ms *m)
{
    for (size_t i = 0; i < m->unit_count; i++) {
        bool placed = i < m->k.unit_count && m->k.units[i].placed;
        if (placed) {
            continue;
        }
        if (m->units[i] != NULL) {
            return tu_error_set(m->err, TU_EINVALID,
                                "unit 'u%zu' of the XLIFF has no place in the "
                                "skeleton (its reference was removed): "
                                "its text would be lost; not merged", i + 1);
        }
        return tu_error_set(m->err, TU_EINVALID,
                            "unit 'u%zu' is missing from the XLIFF and from its "
                            "skeleton (the file has units up to u%zu): its text "
                            "would be lost; not merged", i + 1, m->unit_count);
    }
    return TU_OK;
}

static enum tu_status render_unit(struct ms *m, const char *id, char q,
                                  struct tu_buf *out)
{
    struct tu_unit *u = model_unit(m, id);
    struct skl_unit *su = skl_unit_get(&m->k, id, false);
    size_t off = 0, codes = 0, cur = 0; /* source text and codes rendered; see render_at_codes */
    enum tu_status st;

    if (u == NULL) {
        return tu_error_set(m->err, TU_ENOTFOUND,
                            "unit '%s' of the skeleton is not in the XLIFF file", id);
    }
    if (m->depth > 8) {
        return tu_error_set(m->err, TU_EPARSE, "damaged skeleton: unit '%s' nests too deep", id);
    }
    if ((st = check_segments(m, u, su)) != TU_OK) {
        return st;
    }
    if ((st = report_missing(m, u)) != TU_OK) {
        return st;
    }
    if ((st = check_codes(m, u, su, q != 0)) != TU_OK) {
        return st;
    }
    m->depth++;
    for (size_t s = 0; s < u->seg_count; s++) {
        const struct tu_segment *seg = &u->segs[s];
        const struct tu_content *c = chosen(m, seg);
        bool exact = c == &seg->source || tu_content_equal(c, &seg->source);
        size_t src_len = 0, src_codes = 0;

        for (size_t i = 0; i < seg->source.count; i++) {
            if (seg->source.items[i].kind == TU_INLINE_TEXT) {
                src_len += strlen(seg->source.items[i].text);
            }
            src_codes += is_code(seg->source.items[i].kind);
        }
        for (size_t i = 0; i < c->count; i++) {
            const struct tu_inline *in = &c->items[i];
            const struct skl_code *code;
            switch (in->kind) {
            case TU_INLINE_TEXT:
                if (exact) {
                    size_t n = strlen(in->text);
                    render_exact_text(m, su, &cur, in->text, n, off, codes, q, out);
                    off += n;
                } else {
                    render_translated(m, su, in->text, strlen(in->text), q, out);
                }
                break;
            case TU_INLINE_PH:
            case TU_INLINE_PC_START:
            case TU_INLINE_SC:
            case TU_INLINE_PC_END:
            case TU_INLINE_EC:
                if (exact) {
                    render_at_codes(m, su, &cur, off, codes++, out);
                }
                code = find_code(su, in->id);
                st = render_pieces(m, in->kind == TU_INLINE_PC_END || in->kind == TU_INLINE_EC
                                          ? &code->end
                                          : &code->start,
                                   out);
                if (st != TU_OK) {
                    m->depth--;
                    return st;
                }
                break;
            default:
                break; /* annotations leave no trace in the document */
            }
        }
        if (!exact) {
            off += src_len;
            codes += src_codes;
        } else if (s + 1 == u->seg_count) {
            render_at_codes(m, su, &cur, off, codes, out); /* at the unit's end */
        }
    }
    m->depth--;
    return out->status == TU_OK ? TU_OK
                                : tu_error_set(m->err, out->status, "out of memory");
}

/* An unquoted attribute value that now needs quotes gets them. */
static enum tu_status render_attr(struct ms *m, const char *id, char q,
                                  struct tu_buf *out)
{
    struct tu_buf v;
    enum tu_status st;
    bool quote = false;

    if (q != 'n') {
        return render_unit(m, id, q, out);
    }
    tu_buf_init(&v, TU_BUF_NO_LIMIT);
    st = render_unit(m, id, 'n', &v);
    if (st == TU_OK) {
        /* quotes only where the translation needs them: the original
         * value, rendered from the source, stays exactly as written */
        struct tu_buf src;
        bool was = m->sources_only;
        tu_buf_init(&src, TU_BUF_NO_LIMIT);
        m->sources_only = true;
        st = render_unit(m, id, 'n', &src);
        m->sources_only = was;
        quote = st == TU_OK && !(src.len == v.len && memcmp(src.data, v.data, v.len) == 0) &&
                (v.len == 0 || strpbrk(v.data, " \t\n\r\f\"'=<>`") != NULL);
        tu_buf_release(&src);
    }
    if (st == TU_OK) {
        if (quote) {
            tu_buf_addc(out, '"');
        }
        tu_buf_add(out, v.data, v.len);
        if (quote) {
            tu_buf_addc(out, '"');
        }
    }
    tu_buf_release(&v);
    return st;
}

static enum tu_status add_span(struct ms *m, size_t start, size_t limit,
                               const char *unit)
{
    if (m->span_count == m->span_cap) {
        struct span *v = tu_grow(m->spans, sizeof(*v), m->span_count + 1,
                                 &m->span_cap);
        if (v == NULL) {
            return tu_error_set(m->err, TU_ENOMEM, "out of memory");
        }
        m->spans = v;
    }
    m->spans[m->span_count++] = (struct span){start, limit, unit};
    return TU_OK;
}

/* A language value: the target's (or one of its subtags) once translated. */
static void render_lang(const struct ms *m, const struct skl_piece *p,
                        struct tu_buf *out)
{
    struct tu_locale loc;
    const char *v = NULL;

    if (m->translated && m->trg_lang != NULL) {
        if (p->q == 0) {
            v = m->trg_lang;
        } else if (tu_locale_parse(m->trg_lang, &loc, NULL) == TU_OK) {
            v = p->q == 'l' ? loc.language
                : p->q == 'r' ? (loc.region[0] ? loc.region : "none")
                              : (loc.script[0] ? loc.script : NULL);
        }
    }
    if (v != NULL) {
        tu_buf_adds(out, v);
    } else {
        tu_buf_add(out, m->k.lit.data + p->start, p->len);
    }
}

static enum tu_status render_pieces(struct ms *m, const struct skl_pieces *ps,
                                    struct tu_buf *out)
{
    enum tu_status st = TU_OK;

    for (size_t i = 0; i < ps->count && st == TU_OK; i++) {
        const struct skl_piece *p = &ps->v[i];
        switch (p->kind) {
        case SKL_LIT:
            tu_buf_add(out, m->k.lit.data + p->start, p->len);
            break;
        case SKL_UNIT:
        case SKL_ATTR: {
            size_t at = out->len;
            st = p->kind == SKL_UNIT ? render_unit(m, p->unit, 0, out)
                                     : render_attr(m, p->unit, p->q, out);
            if (st == TU_OK && m->track) {
                st = add_span(m, at, out->len, p->unit);
            }
            break;
        }
        case SKL_LANG:
            render_lang(m, p, out);
            break;
        }
    }
    if (st == TU_OK && out->status != TU_OK) {
        st = tu_error_set(m->err, out->status, "out of memory");
    }
    return st;
}

static enum tu_status index_unit(struct tu_unit *u, void *ctx)
{
    struct ms *m = ctx;
    size_t n = skl_unit_index(u->id);

    if (n == 0) {
        return TU_OK; /* not ours: the skeleton cannot refer to it */
    }
    if (n > m->unit_count) {
        size_t cap = m->unit_count;
        struct tu_unit **v = tu_grow(m->units, sizeof(*v), n, &cap);
        if (v == NULL) {
            return TU_ENOMEM;
        }
        memset(v + m->unit_count, 0, (n - m->unit_count) * sizeof(*v));
        m->units = v;
        m->unit_count = n;
    }
    m->units[n - 1] = u;
    for (size_t s = 0; s < u->seg_count; s++) {
        const struct tu_segment *seg = &u->segs[s];
        if (has_usable_target(seg) && !tu_content_equal(&seg->target, &seg->source)) {
            m->translated = true;
        }
    }
    return TU_OK;
}

/* The output encoding's canonical name; NULL if unknown. */
static const char *output_encoding(const struct ms *m,
                                   const struct tu_merge_opts *opts)
{
    const char *e = opts != NULL ? opts->encoding : NULL;

    if (e == NULL) {
        return "UTF-8";
    }
    if (strcmp(e, "original") == 0) {
        e = m->k.encoding;
    }
    return tu_text_encoding_name(e);
}

/*
 * Re-encode the UTF-8 output from `start` on. A leading BOM belongs to the
 * encoding: it goes when the output is not in the input's encoding. A
 * character the encoding lacks is refused, naming its unit.
 */
static enum tu_status encode_output(struct ms *m, const char *enc,
                                    struct tu_buf *out, size_t start)
{
    const char *text = out->data + start;
    size_t len = out->len - start, bad = (size_t)-1;
    const char *orig = tu_text_encoding_name(m->k.encoding);
    bool same = orig != NULL && strcmp(orig, enc) == 0;
    struct tu_buf b;
    struct tu_error e = {0};
    enum tu_status st;

    if (!same && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    st = tu_text_from_utf8(NULL, text, len, enc, &b, &bad, &e);
    if (st == TU_EENCODING && bad != (size_t)-1) {
        const char *unit = NULL;
        size_t off = bad + (size_t)(text - (out->data + start));
        for (size_t i = 0; i < m->span_count && unit == NULL; i++) {
            if (off >= m->spans[i].start - start && off < m->spans[i].limit - start) {
                unit = m->spans[i].unit; /* inner units are recorded first */
            }
        }
        st = tu_error_set(m->err, st, "unit '%s': %s (line %lu, column %lu of "
                          "the merged document); merge to UTF-8, the default, "
                          "or choose another encoding",
                          unit ? unit : "?", e.msg, e.line, e.column);
    } else if (st != TU_OK) {
        st = tu_error_set(m->err, st, "%s", e.msg);
    }
    if (st == TU_OK) {
        tu_buf_truncate(out, start);
        if (tu_buf_add(out, b.data, b.len) != TU_OK) {
            st = tu_error_set(m->err, out->status, "out of memory");
        }
    }
    tu_buf_release(&b);
    return st;
}

static enum tu_status count_unit(struct tu_unit *u, void *ctx)
{
    (void)u;
    (*(size_t *)ctx)++;
    return TU_OK;
}

/* Only the first <file> has the skeleton: the units of any other (po2xliff
 * -t appends one with the translations) are named, never dropped silently. */
static enum tu_status warn_other_file(struct tu_file *f, struct tu_diag *diag,
                                      struct tu_error *err)
{
    size_t n = 0;
    tu_file_each_unit(f, count_unit, &n);
    if (n > 0 && tu_diag_add(diag, TU_WARNING, NULL, 0, 0,
                             "<file> '%s' (original '%s') is not merged: its %zu "
                             "units are outside the first <file>, whose skeleton "
                             "this merge rebuilds",
                             f->id ? f->id : "", f->original ? f->original : "",
                             n) != TU_OK) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    return TU_OK;
}

enum tu_status tu_merge_doc(const struct tu_doc *doc,
                            const struct tu_merge_opts *opts,
                            struct tu_buf *out, struct tu_diag *diag,
                            struct tu_error *err)
{
    struct ms m;
    struct tu_file *file;
    enum tu_status st;
    size_t start = out->len;
    const char *enc = NULL;

    memset(&m, 0, sizeof(m));
    if (doc == NULL || doc->file_count == 0) {
        return tu_error_set(err, TU_EINVAL, "the XLIFF document has no file");
    }
    file = doc->files[0];
    if (file->skeleton == NULL) {
        return tu_error_set(err, TU_EUNSUPPORTED,
                            "file '%s' has no skeleton to merge into",
                            file->id ? file->id : "?");
    }
    m.file = file;
    m.opts = opts;
    m.diag = diag;
    m.err = err;
    m.trg_lang = file->trg_lang ? file->trg_lang : doc->trg_lang;
    m.xliff12 = doc->version == TU_XLIFF_1_2;
    st = skl_parse(file->skeleton, strlen(file->skeleton), &m.k, err);
    if (st == TU_OK) {
        m.filter = fx_filter_find(m.k.filter);
        if (m.filter == NULL) {
            st = tu_error_set(err, TU_EUNSUPPORTED,
                              "the skeleton needs the '%s' filter, which this tumac lacks",
                              m.k.filter);
        }
    }
    if (st == TU_OK) {
        st = tu_file_each_unit(file, index_unit, &m);
        if (st != TU_OK) {
            st = tu_error_set(err, st, "out of memory");
        }
    }
    if (st == TU_OK) {
        enc = output_encoding(&m, opts);
        if (enc == NULL) {
            st = tu_error_set(err, TU_EINVAL, "unknown encoding '%s'", opts->encoding);
        }
    }
    if (st == TU_OK && m.filter->package && strcmp(enc, "UTF-8") != 0) {
        st = tu_error_set(err, TU_EINVAL, "a %s document is always UTF-8 XML; "
                          "--encoding %s does not apply", m.k.filter, opts->encoding);
    }
    if (st == TU_OK) {
        m.track = strcmp(enc, "UTF-8") != 0;
        if (!m.track && strcmp(m.k.encoding, "UTF-8") == 0) {
            enc = NULL; /* UTF-8 in, UTF-8 out: nothing to convert */
        }
        st = render_pieces(&m, &m.k.body, out);
    }
    if (st == TU_OK) {
        st = check_units_placed(&m);
    }
    if (st == TU_OK && m.filter->verify != NULL && m.translated) {
        /* the same document untranslated is the reference for the check */
        struct tu_buf orig;
        tu_buf_init(&orig, TU_BUF_NO_LIMIT);
        m.sources_only = true;
        st = render_pieces(&m, &m.k.body, &orig);
        if (st == TU_OK) {
            st = m.filter->verify(orig.data, orig.len, out->data + start,
                                  out->len - start, err);
        }
        tu_buf_release(&orig);
    }
    if (st == TU_OK && enc != NULL) {
        st = encode_output(&m, enc, out, start);
    }
    if (st == TU_OK && m.filter->pack != NULL) {
        st = m.filter->pack(out, start, err);
    }
    if (st == TU_OK && enc != NULL && strcmp(m.k.filter, "html") == 0 &&
        strcmp(m.k.encoding, "UTF-8") != 0 &&
        tu_text_encoding_name(m.k.encoding) != tu_text_encoding_name(enc) &&
        tu_diag_add(diag, TU_WARNING, NULL, 0, 0,
                    "the document was in %s and is written in %s; a <meta charset> "
                    "it declares is not rewritten (merge with --encoding original to keep it true)",
                    m.k.encoding, enc) != TU_OK) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    for (size_t i = 1; st == TU_OK && i < doc->file_count; i++) {
        st = warn_other_file(doc->files[i], diag, err);
    }
    if (st != TU_OK) {
        tu_buf_truncate(out, start);
    }
    skl_release(&m.k);
    tu_free(m.units);
    tu_free(m.spans);
    return st;
}
