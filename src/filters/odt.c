/*
 * The ODT (ODF text) filter. Text sits directly in <text:p> and <text:h>
 * (paragraphs, headings, list items, table cells, headers and footers in
 * styles.xml), so a paragraph's content is items as in HTML: a
 * <text:span> is a paired formatting code, a <text:a> a paired link code
 * (the URL stays in it), <text:tab/> and <text:line-break/> isolated codes,
 * <text:s/> the spaces it stands for, <text:soft-page-break/> (a layout
 * hint) no code; any other inline element (a field, a bookmark, a note, a
 * frame, a comment) is one isolated code that keeps all of it, so a
 * field's value and a comment never reach a target; the paragraphs of a
 * note or a frame are units of their own, referred to from that code. Tracked changes are
 * refused; an encrypted package (manifest encryption data) too. The
 * languages of the styles (fo:language, fo:country, fo:script,
 * style:rfc-language-tag) become the target's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/fileio.h>

#include "office.h"

struct ox {
    struct fx *fx;
    const char *part;
    struct xtoks t;
    struct xp_langs langs;
    struct tu_error *err;
};

static enum tu_status fail_at(struct ox *o, const struct xt *x, const char *what)
{
    unsigned long line, col;
    tu_text_position(o->fx->in, o->fx->len, x->start, &line, &col);
    return tu_error_at(o->err, TU_EUNSUPPORTED, o->fx->path, line, col,
                       "part %s: %s", o->part, what);
}

/* Index of the token that closes the element opened at i. */
static size_t matching_end(const struct xtoks *t, size_t i)
{
    size_t depth = 0;

    for (size_t k = i; k < t->count; k++) {
        if (t->v[k].kind == XT_START) {
            depth++;
        } else if (t->v[k].kind == XT_END && --depth == 0) {
            return k;
        }
    }
    return t->count - 1; /* not reached in a well-formed part */
}

static struct fx_item *code(struct ox *o, struct fx_items *it, enum fx_kind k,
                            size_t a, size_t b, const char *type)
{
    struct fx_item *x = fx_items_code(it, k, o->fx->in + a, b - a);
    if (x != NULL) {
        x->type = type;
        x->tmpl = xp_template(o->fx, &o->langs, a, b, &x->tmpl_len);
        if (x->tmpl == NULL) {
            return NULL;
        }
    }
    return x;
}

/* <text:s text:c="N"/>: N spaces (1 without the attribute). */
static enum tu_status spaces(struct ox *o, struct fx_items *it, const struct xt *x)
{
    char buf[64];
    size_t v, n, c = 1;

    if (xt_attr(o->fx->in, x, "text:c", &v, &n)) {
        c = (size_t)strtoul(o->fx->in + v, NULL, 10);
    }
    if (c == 0 || c > sizeof(buf)) {
        return code(o, it, FX_PH, x->start, x->end, "other") ? TU_OK : TU_ENOMEM;
    }
    memset(buf, ' ', c);
    return fx_items_text(it, buf, c, o->fx->in + x->start, x->end - x->start);
}

static enum tu_status walk_range(struct ox *o, size_t from, size_t to);

/* Does the element from token a to token e hold paragraphs of its own? */
static bool has_paragraphs(const struct ox *o, size_t a, size_t e)
{
    for (size_t k = a + 1; k < e; k++) {
        if (o->t.v[k].kind == XT_START && (xt_is(o->fx->in, &o->t.v[k], "text:p") ||
                                           xt_is(o->fx->in, &o->t.v[k], "text:h"))) {
            return true;
        }
    }
    return false;
}

/*
 * A note or a frame inside a paragraph: its paragraphs become units of
 * their own, and the code that stands for it in the outer paragraph gets
 * a template holding them (\{t} directives inside a code template).
 */
static struct fx_item *nested(struct ox *o, struct fx_items *it, size_t a,
                              size_t e, const char *type)
{
    struct fx *fx = o->fx;
    struct tu_buf outer = fx->skl;
    size_t pos = fx->pos;
    struct fx_item *x = fx_items_code(it, FX_PH, fx->in + o->t.v[a].start,
                                      o->t.v[e].end - o->t.v[a].start);
    enum tu_status st;

    if (x == NULL) {
        return NULL;
    }
    x->type = type;
    tu_buf_init(&fx->skl, TU_BUF_NO_LIMIT);
    fx->pos = o->t.v[a].start;
    st = walk_range(o, a + 1, e);
    fx_copy_to(fx, o->t.v[e].end);
    x->tmpl = fx->skl.status == TU_OK ? tu_buf_detach(&fx->skl, &x->tmpl_len) : NULL;
    tu_buf_release(&fx->skl);
    fx->skl = outer;
    fx->pos = pos;
    return st == TU_OK && x->tmpl != NULL ? x : NULL;
}

/* One inline tag at token k of a paragraph; *k moves past what it used. */
static enum tu_status inline_tag(struct ox *o, struct fx_items *it, size_t *k)
{
    const char *in = o->fx->in;
    const struct xt *x = &o->t.v[*k];
    struct fx_item *c = NULL;
    bool pair = xt_is(in, x, "text:span") || xt_is(in, x, "text:a");
    const char *type = xt_is(in, x, "text:a") ? "link" : "fmt";

    if (x->kind == XT_START && pair) {
        c = code(o, it, FX_OPEN, x->start, x->end, type);
    } else if (x->kind == XT_END && pair) {
        c = code(o, it, FX_CLOSE, x->start, x->end, type);
    } else if (x->kind == XT_EMPTY && xt_is(in, x, "text:s")) {
        return spaces(o, it, x);
    } else if (x->kind == XT_EMPTY && xt_is(in, x, "text:soft-page-break")) {
        return fx_items_text(it, "", 0, in + x->start, x->end - x->start);
    } else if (x->kind == XT_EMPTY && xt_is(in, x, "text:line-break")) {
        if ((c = code(o, it, FX_PH, x->start, x->end, "fmt")) != NULL) {
            c->subtype = "xlf:lb";
            c->disp = tu_strdup("\xE2\x86\xB5");
        }
    } else if (x->kind == XT_EMPTY && xt_is(in, x, "text:tab")) {
        if ((c = code(o, it, FX_PH, x->start, x->end, "fmt")) != NULL) {
            c->disp = tu_strdup("\xE2\x87\xA5");
        }
    } else if (x->kind == XT_START) { /* a field, note, frame, comment: whole */
        size_t e = matching_end(&o->t, *k);
        const char *t = xt_is(in, x, "draw:frame") ? "image" : "other";
        c = !xt_is(in, x, "office:annotation") && has_paragraphs(o, *k, e)
                ? nested(o, it, *k, e, t)
                : code(o, it, FX_PH, x->start, o->t.v[e].end, t);
        *k = e;
    } else {
        c = code(o, it, FX_PH, x->start, x->end, "other");
    }
    return c != NULL ? TU_OK : TU_ENOMEM;
}

/* The paragraph whose start tag is token i and end tag token j. */
static enum tu_status paragraph(struct ox *o, size_t i, size_t j)
{
    struct fx_items it = {0};
    enum tu_status st = TU_OK;
    const struct xtoks *t = &o->t;

    xp_copy_langs(o->fx, &o->langs, t->v[i].end);
    for (size_t k = i + 1; k < j && st == TU_OK; k++) {
        const struct xt *x = &t->v[k];
        if (x->kind == XT_TEXT) {
            st = xp_text_items(&it, o->fx->in + x->start, x->end - x->start);
        } else {
            st = inline_tag(o, &it, &k);
        }
    }
    if (st == TU_OK) {
        st = fx_run_emit(o->fx, &it, t->v[i].end, t->v[j].start,
                         xt_is(o->fx->in, &t->v[i], "text:h") ? "text:h" : "text:p",
                         false, o->err);
    } else {
        st = tu_error_set(o->err, st, "out of memory");
    }
    fx_items_release(&it);
    return st;
}

static enum tu_status add_langs(struct ox *o, const struct xt *x)
{
    static const struct { const char *name; char part; } attrs[] = {
        {"fo:language", 'l'}, {"fo:country", 'r'}, {"fo:script", 's'},
        {"style:rfc-language-tag", 0}};
    struct { size_t v, n; char part; } found[4];
    size_t nf = 0;

    for (size_t a = 0; a < 4; a++) {
        if (xt_attr(o->fx->in, x, attrs[a].name, &found[nf].v, &found[nf].n)) {
            found[nf++].part = attrs[a].part;
        }
    }
    for (size_t a = 0; a < nf; a++) { /* in the order they are written */
        size_t m = a;
        for (size_t b = a + 1; b < nf; b++) {
            m = found[b].v < found[m].v ? b : m;
        }
        if (xp_langs_add(&o->langs, found[m].v, found[m].v + found[m].n,
                         found[m].part) != TU_OK) {
            return TU_ENOMEM;
        }
        found[m] = found[a];
    }
    return TU_OK;
}

/* Paragraphs and styles among tokens [from, to). */
static enum tu_status walk_range(struct ox *o, size_t from, size_t to)
{
    const char *in = o->fx->in;
    enum tu_status st = TU_OK;

    for (size_t i = from; i < to && st == TU_OK; i++) {
        const struct xt *x = &o->t.v[i];
        if (x->kind != XT_START && x->kind != XT_EMPTY) {
            continue;
        }
        if (xt_is(in, x, "text:changed-region") || xt_is(in, x, "text:change-start") ||
            xt_is(in, x, "text:change")) {
            return fail_at(o, x, "the document has tracked changes: accept or reject "
                                 "the tracked changes first (Edit > Track Changes > Manage)");
        }
        if (xt_is(in, x, "style:text-properties") && (st = add_langs(o, x)) != TU_OK) {
            return tu_error_set(o->err, st, "out of memory");
        }
        if (x->kind == XT_START && (xt_is(in, x, "text:p") || xt_is(in, x, "text:h"))) {
            size_t j = matching_end(&o->t, i);
            st = paragraph(o, i, j);
            i = j;
        } else if (x->kind == XT_START && xt_is(in, x, "office:annotation")) {
            i = matching_end(&o->t, i); /* comments are kept, not translated */
        }
    }
    return st;
}

static enum tu_status walk(struct ox *o)
{
    enum tu_status st = walk_range(o, 0, o->t.count);
    if (st == TU_OK) {
        xp_copy_langs(o->fx, &o->langs, o->fx->len);
    }
    return st;
}

static enum tu_status read_part(struct fx *fx, const char *part,
                                const char *const *props, struct tu_error *err)
{
    struct ox o;
    enum tu_status st;

    memset(&o, 0, sizeof(o));
    o.fx = fx;
    o.part = part;
    o.err = err;
    st = xp_tokens(fx->in, fx->len, fx->path, part, &o.t, err);
    if (st == TU_OK) {
        st = props ? xp_simple_units(fx, &o.t, props, err) : walk(&o);
    }
    tu_free(o.langs.v);
    xp_tokens_release(&o.t);
    return st;
}

static enum tu_status text_part(struct fx *fx, const char *part, struct tu_error *err)
{
    return read_part(fx, part, NULL, err);
}

static enum tu_status meta_part(struct fx *fx, const char *part, struct tu_error *err)
{
    static const char *const props[] = {"dc:title", "dc:subject", "dc:description",
                                        "meta:keyword", NULL};
    return read_part(fx, part, props, err);
}

/* The manifest is only checked: encryption data means a password, and it
 * must be well-formed (a translated merge checks every part it carries, so
 * a damaged one would be refused only then). */
static enum tu_status manifest_part(struct fx *fx, const char *part,
                                    struct tu_error *err)
{
    static const char what[] = "manifest:encryption-data";
    size_t n = sizeof(what) - 1;

    for (size_t i = 0; i + n <= fx->len; i++) {
        if (memcmp(fx->in + i, what, n) == 0) {
            return tu_error_at(err, TU_EUNSUPPORTED, fx->path, 0, 0,
                               "the document is password-protected (%s lists "
                               "encrypted parts): save it without a password first",
                               part);
        }
    }
    return xp_check(fx->in, fx->len, fx->path, part, err);
}

static pkg_part_fn pick(const char *name)
{
    if (strcmp(name, "content.xml") == 0 || strcmp(name, "styles.xml") == 0) {
        return text_part;
    }
    if (strcmp(name, "meta.xml") == 0) {
        return meta_part;
    }
    if (strcmp(name, "META-INF/manifest.xml") == 0) {
        return manifest_part;
    }
    return NULL;
}

static enum tu_status extract(struct fx *fx, struct tu_error *err)
{
    return pkg_extract(fx, pick, "content.xml", err);
}

static bool sniff(const char *data, size_t len)
{
    static const char mt[] = "mimetypeapplication/vnd.oasis.opendocument.text";
    return len > 30 + sizeof(mt) && memcmp(data, "PK\x03\x04", 4) == 0 &&
           memcmp(data + 30, mt, sizeof(mt) - 1) == 0;
}

static const char *const suffixes[] = {".odt", ".ott", NULL};

const struct fx_filter fx_filter_odt = {
    .name = "odt",
    .datatype = "x-odt",
    .extension = "odt",
    .suffixes = suffixes,
    .sniff = sniff,
    .extract = extract,
    .escape = xp_escape,
    .verify = pkg_verify,
    .package = true,
    .pack = pkg_pack,
};
