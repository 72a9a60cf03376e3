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
 * style:rfc-language-tag) become the target's, except "zxx" (no proofing).
 * An annotation's text becomes a note of its paragraph's unit; a span in a
 * hidden or do-not-translate style is one isolated code, one whose style
 * changes nothing visible no code; a paragraph in such a style, a hidden
 * section and what ITS 2.0 marks its:translate="no" stay out (see its_no);
 * svg:title and svg:desc are units.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/fileio.h>

#include "office.h"

#define MAX_SILENT 64

/* What a text style does, as far as extraction cares. */
enum { ST_VISIBLE = 1, ST_HIDDEN = 2, ST_DNT = 4 };

struct ostyle {
    char *name, *parent; /* parent: NULL if none */
    unsigned flags;      /* its own, without the parent's */
};

#define MAX_ITS 16

/* State across the parts of one package: the styles seen (styles.xml is
 * read first), the comments of the paragraphs being read. */
struct oxdoc {
    struct ostyle *styles;
    size_t nstyles, styles_cap;
    struct { char *author, *text; } *notes;
    size_t nnotes, notes_cap;
    size_t silent[MAX_SILENT]; /* end tokens of open spans that make no code */
    size_t nsilent;
    char its[72]; /* this part's name of ITS's translate attribute ("its:translate"), or "" */
    /* its:translate="no" spans holding one "yes" span: where its end tag
     * starts the code that closes both (token `at` to token `to`) */
    struct { size_t at, to; } its_close[MAX_ITS];
    size_t nits;
};


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

static struct fx_item *code(struct xpart *o, struct fx_items *it, enum fx_kind k,
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
static enum tu_status spaces(struct xpart *o, struct fx_items *it, const struct xt *x)
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

static enum tu_status walk_range(struct xpart *o, size_t from, size_t to);

/* Does the element from token a to token e hold paragraphs of its own (or
 * an image's title and description)? */
static bool has_paragraphs(const struct xpart *o, size_t a, size_t e)
{
    for (size_t k = a + 1; k < e; k++) {
        const struct xt *x = &o->t.v[k];
        if (x->kind == XT_START &&
            (xt_is(o->fx->in, x, "text:p") || xt_is(o->fx->in, x, "text:h") ||
             xt_is(o->fx->in, x, "svg:title") || xt_is(o->fx->in, x, "svg:desc"))) {
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
static struct fx_item *nested(struct xpart *o, struct fx_items *it, size_t a,
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

static const struct ostyle *find_style(const struct oxdoc *doc, const char *s, size_t n)
{
    for (size_t i = doc->nstyles; i-- > 0;) { /* the latest definition wins */
        if (strlen(doc->styles[i].name) == n && memcmp(doc->styles[i].name, s, n) == 0) {
            return &doc->styles[i];
        }
    }
    return NULL;
}

/* The flags of the style named by attribute `attr` of tag x (0: none
 * named), with those of its parents: the chain is walked when the style is
 * used, so a parent defined after its child counts, and a cycle ends after
 * as many steps as there are styles. */
static unsigned style_flags(const struct xpart *o, const struct xt *x, const char *attr)
{
    const struct oxdoc *doc = o->doc;
    const struct ostyle *s;
    size_t v, n;
    unsigned f = 0;

    if (!xt_attr(o->fx->in, x, attr, &v, &n)) {
        return 0;
    }
    s = find_style(doc, o->fx->in + v, n);
    for (size_t steps = 0; s != NULL && steps <= doc->nstyles; steps++) {
        f |= s->flags;
        if (s->parent == NULL) {
            return f;
        }
        s = find_style(doc, s->parent, strlen(s->parent));
    }
    return f | ST_VISIBLE; /* a style we do not know may show anything */
}

/* Tag x's its:translate: 'n' (no), 'y' (yes) or 0 (not said). */
static char its_translate(const struct xpart *o, const struct xt *x)
{
    const struct oxdoc *doc = o->doc;
    size_t v, n;

    if (doc->its[0] == '\0' || !xt_attr(o->fx->in, x, doc->its, &v, &n)) {
        return 0;
    }
    return n == 2 && memcmp(o->fx->in + v, "no", 2) == 0    ? 'n'
           : n == 3 && memcmp(o->fx->in + v, "yes", 3) == 0 ? 'y'
                                                            : 0;
}

/* The prefix the part's root element binds to ITS 2.0's namespace, as the
 * name of its translate attribute in doc->its ("" if none). */
static void its_prefix(struct xpart *o)
{
    static const char ns[] = "http://www.w3.org/2005/11/its";
    struct oxdoc *doc = o->doc;
    const char *in = o->fx->in;
    size_t i = 0, a, an, v, n, k = 0;

    doc->its[0] = '\0';
    while (k < o->t.count && o->t.v[k].kind != XT_START) {
        k++;
    }
    while (k < o->t.count && xt_attr_next(in, &o->t.v[k], &i, &a, &an, &v, &n)) {
        if (an > 6 && an < sizeof(doc->its) - 12 && memcmp(in + a, "xmlns:", 6) == 0 &&
            n == sizeof(ns) - 1 && memcmp(in + v, ns, n) == 0) {
            snprintf(doc->its, sizeof(doc->its), "%.*s:translate", (int)(an - 6), in + a + 6);
        }
    }
}

/* Text properties a reader does not see: revision ids, languages. */
static bool invisible_prop(const char *s, size_t n)
{
    static const char *const parts[] = {"language", "country", "script", "rfc-language-tag",
                                        NULL};
    if (n > 10 && memcmp(s, "officeooo:", 10) == 0) {
        return true;
    }
    for (size_t i = 0; parts[i] != NULL; i++) {
        size_t m = strlen(parts[i]);
        for (size_t k = 0; k + m <= n; k++) {
            if (memcmp(s + k, parts[i], m) == 0) {
                return true;
            }
        }
    }
    return false;
}

/* <style:text-properties>: what it does. */
static unsigned text_props(const char *in, const struct xt *x)
{
    size_t i = 0, a, an, v, n;
    unsigned f = 0;

    while (xt_attr_next(in, x, &i, &a, &an, &v, &n)) {
        if (an == 12 && memcmp(in + a, "text:display", 12) == 0) {
            f |= n == 4 && memcmp(in + v, "none", 4) == 0 ? ST_HIDDEN : 0;
        } else if (an == 11 && memcmp(in + a, "fo:language", 11) == 0 && n == 3 &&
                   memcmp(in + v, "zxx", 3) == 0) {
            f |= ST_DNT; /* "[None]": no proofing */
        } else if (!invisible_prop(in + a, an)) {
            f |= ST_VISIBLE;
        }
    }
    return f;
}

/* <style:style> at token i: remember the name and what it does. */
static enum tu_status read_style(struct xpart *o, size_t i)
{
    struct oxdoc *doc = o->doc;
    const char *in = o->fx->in;
    const struct xt *x = &o->t.v[i];
    size_t e = x->kind == XT_START ? matching_end(&o->t, i) : i, v, n, pv, pn;
    unsigned f = 0;
    bool has_parent = xt_attr(in, x, "style:parent-style-name", &pv, &pn);
    struct ostyle *s;

    if (!xt_attr(in, x, "style:name", &v, &n)) {
        return TU_OK;
    }
    f |= xp_dnt_name(in + v, n) ? ST_DNT : 0;
    if (xt_attr(in, x, "style:display-name", &v, &n) && xp_dnt_name(in + v, n)) {
        f |= ST_DNT;
    }
    for (size_t k = i + 1; k < e; k++) {
        if (xt_is(in, &o->t.v[k], "style:text-properties")) {
            f |= text_props(in, &o->t.v[k]);
        }
    }
    xt_attr(in, x, "style:name", &v, &n);
    if ((s = tu_grow(doc->styles, sizeof(*s), doc->nstyles + 1, &doc->styles_cap)) == NULL) {
        return TU_ENOMEM;
    }
    doc->styles = s;
    s[doc->nstyles].flags = f;
    s[doc->nstyles].name = tu_strndup(in + v, n);
    s[doc->nstyles].parent = has_parent ? tu_strndup(in + pv, pn) : NULL;
    doc->nstyles++;
    return s[doc->nstyles - 1].name && (!has_parent || s[doc->nstyles - 1].parent)
               ? TU_OK
               : TU_ENOMEM;
}

/* Could the segmenter end a sentence inside tokens (a, e)? */
static bool sentence_end(const struct xpart *o, size_t a, size_t e)
{
    for (size_t k = a + 1; k < e; k++) {
        const struct xt *x = &o->t.v[k];
        for (size_t i = x->start; x->kind == XT_TEXT && i < x->end; i++) {
            if (strchr(".!?", o->fx->in[i]) != NULL ||
                (i + 3 <= x->end && memcmp(o->fx->in + i, "\xE2\x80\xA6", 3) == 0)) {
                return true;
            }
        }
    }
    return false;
}

/* An office:annotation (tokens k..e): its text waits for the paragraph's unit. */
static enum tu_status annotation(struct xpart *o, size_t k, size_t e)
{
    struct oxdoc *doc = o->doc;
    void *v = tu_grow(doc->notes, sizeof(*doc->notes), doc->nnotes + 1, &doc->notes_cap);

    if (v == NULL) {
        return TU_ENOMEM;
    }
    doc->notes = v;
    doc->notes[doc->nnotes].author = xp_plain_text(o, k, e, "dc:creator", "dc:creator");
    doc->notes[doc->nnotes].text = xp_plain_text(o, k, e, "text:p", "text:p");
    doc->nnotes++;
    return doc->notes[doc->nnotes - 1].author && doc->notes[doc->nnotes - 1].text
               ? TU_OK
               : TU_ENOMEM;
}

/* Has tag x no attribute but text:style-name (its:translate, xml:id or a
 * class make a span more than formatting)? */
static bool only_style(const char *in, const struct xt *x)
{
    size_t i = 0, a, an, v, n;

    while (xt_attr_next(in, x, &i, &a, &an, &v, &n)) {
        if (an != 15 || memcmp(in + a, "text:style-name", 15) != 0) {
            return false;
        }
    }
    return true;
}

/*
 * A span marked its:translate="no" (tokens *k..e) is one isolated code; if
 * it holds one element marked its:translate="yes", that element's content
 * is text between a pair of codes: the opening one holds what precedes it,
 * the closing one what follows (more than one: the span stays one code).
 */
static enum tu_status its_no(struct xpart *o, struct fx_items *it, size_t *k, size_t e)
{
    struct oxdoc *doc = o->doc;
    size_t yes = 0, count = 0;

    for (size_t j = *k + 1; j < e; j++) {
        if (o->t.v[j].kind == XT_START && its_translate(o, &o->t.v[j]) == 'y') {
            yes = count++ == 0 ? j : yes;
            j = matching_end(&o->t, j);
        }
    }
    if (count != 1 || doc->nits == MAX_ITS) {
        size_t a = o->t.v[*k].start;
        *k = e;
        return code(o, it, FX_PH, a, o->t.v[e].end, "other") ? TU_OK : TU_ENOMEM;
    }
    doc->its_close[doc->nits].at = matching_end(&o->t, yes);
    doc->its_close[doc->nits++].to = e;
    if (code(o, it, FX_OPEN, o->t.v[*k].start, o->t.v[yes].end, "other") == NULL) {
        return TU_ENOMEM;
    }
    *k = yes;
    return TU_OK;
}

/* Is token k text with more than white space? */
static bool has_words(const struct xpart *o, size_t k)
{
    const struct xt *x = &o->t.v[k];

    for (size_t i = x->start; x->kind == XT_TEXT && i < x->end; i++) {
        if (strchr(" \t\r\n", o->fx->in[i]) == NULL &&
            !(i + 1 < x->end && memcmp(o->fx->in + i, "\xC2\xA0", 2) == 0)) {
            return true;
        }
        i += o->fx->in[i] == '\xC2';
    }
    return false;
}

/*
 * <text:span> at token *k: a span in a style not to translate (or hidden)
 * is one isolated code; a span whose style changes nothing a reader sees
 * (revision ids, languages), has no other attribute, words right before
 * it and right after it makes no code, unless a sentence could end inside
 * it (its two tags must stay in one segment). *done: handled here.
 */
static enum tu_status span(struct xpart *o, struct fx_items *it, size_t *k, bool *done)
{
    struct oxdoc *doc = o->doc;
    const struct xt *x = &o->t.v[*k];
    unsigned f = style_flags(o, x, "text:style-name");
    size_t e = matching_end(&o->t, *k);

    *done = true;
    if (its_translate(o, x) == 'n') {
        return its_no(o, it, k, e);
    }
    if ((f & ST_DNT) || ((f & ST_HIDDEN) && !o->fx->opts->hidden_text)) {
        *k = e;
        return code(o, it, FX_PH, x->start, o->t.v[e].end, "other") ? TU_OK : TU_ENOMEM;
    }
    /* words right before the start tag and right after the end tag: then
     * neither tag can be left at a unit's edge, in the skeleton, while the
     * other is in a segment a translation replaces */
    if (f == 0 && only_style(o->fx->in, x) && doc->nsilent < MAX_SILENT &&
        has_words(o, *k - 1) && e + 1 < o->t.count && has_words(o, e + 1) &&
        !sentence_end(o, *k, e)) {
        doc->silent[doc->nsilent++] = e;
        return fx_items_text(it, "", 0, o->fx->in + x->start, x->end - x->start);
    }
    *done = false;
    return TU_OK;
}

/* One inline tag at token k of a paragraph; *k moves past what it used. */
static enum tu_status inline_tag(struct xpart *o, struct fx_items *it, size_t *k)
{
    const char *in = o->fx->in;
    const struct xt *x = &o->t.v[*k];
    struct fx_item *c = NULL;
    bool pair = xt_is(in, x, "text:span") || xt_is(in, x, "text:a");
    const char *type = xt_is(in, x, "text:a") ? "link" : "fmt";
    struct oxdoc *doc = o->doc;

    if (x->kind == XT_START && its_translate(o, x) == 'n' && !xt_is(in, x, "text:span")) {
        size_t e = matching_end(&o->t, *k);
        return its_no(o, it, k, e);
    }
    if (x->kind == XT_START && xt_is(in, x, "text:span")) {
        bool done;
        enum tu_status st = span(o, it, k, &done);
        if (st != TU_OK || done) {
            return st;
        }
    }
    if (x->kind == XT_END && doc->nits > 0 && doc->its_close[doc->nits - 1].at == *k) {
        size_t to = doc->its_close[--doc->nits].to;
        c = code(o, it, FX_CLOSE, x->start, o->t.v[to].end, "other");
        *k = to;
        return c != NULL ? TU_OK : TU_ENOMEM;
    }
    if (x->kind == XT_END && doc->nsilent > 0 && doc->silent[doc->nsilent - 1] == *k) {
        doc->nsilent--;
        return fx_items_text(it, "", 0, in + x->start, x->end - x->start);
    }
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
        if (xt_is(in, x, "office:annotation") && annotation(o, *k, e) != TU_OK) {
            return TU_ENOMEM;
        }
        c = !xt_is(in, x, "office:annotation") && has_paragraphs(o, *k, e)
                ? nested(o, it, *k, e, t)
                : code(o, it, FX_PH, x->start, o->t.v[e].end, t);
        *k = e;
    } else {
        c = code(o, it, FX_PH, x->start, x->end, "other");
    }
    return c != NULL ? TU_OK : TU_ENOMEM;
}

/* The comments since `mark` become notes of unit u (none: they wait). */
static enum tu_status note_comments(struct xpart *o, struct tu_unit *u, size_t mark)
{
    struct oxdoc *doc = o->doc;
    enum tu_status st = TU_OK;

    if (u == NULL) {
        return TU_OK;
    }
    for (size_t i = mark; i < doc->nnotes; i++) {
        if (st == TU_OK && doc->notes[i].text[0] != '\0') {
            st = xp_add_comment(u, doc->notes[i].author, doc->notes[i].text);
        }
        tu_free(doc->notes[i].author);
        tu_free(doc->notes[i].text);
    }
    doc->nnotes = mark;
    return st == TU_OK ? TU_OK : tu_error_set(o->err, st, "out of memory");
}

/* The paragraph whose start tag is token i and end tag token j. */
static enum tu_status paragraph(struct xpart *o, size_t i, size_t j)
{
    struct fx_items it = {0};
    enum tu_status st = TU_OK;
    const struct xtoks *t = &o->t;
    struct oxdoc *doc = o->doc;
    size_t mark = doc->nnotes; /* this paragraph's comments come after */
    unsigned before = o->fx->next_unit;

    xp_copy_langs(o->fx, &o->langs, t->v[i].end);
    for (size_t k = i + 1; k < j && st == TU_OK; k++) {
        const struct xt *x = &t->v[k];
        if (x->kind == XT_TEXT) {
            st = xp_text_items(&it, o->fx->in + x->start, x->end - x->start, true);
        } else {
            st = inline_tag(o, &it, &k);
        }
    }
    if (st == TU_OK) {
        st = fx_run_emit(o->fx, &it, t->v[i].end, t->v[j].start,
                         xt_is(o->fx->in, &t->v[i], "text:h") ? "text:h" : "text:p",
                         false, o->err);
    }
    if (st == TU_OK) {
        st = note_comments(o, xp_new_unit(o->fx, before), mark);
    } else {
        st = tu_error_set(o->err, st, "out of memory");
    }
    fx_items_release(&it);
    return st;
}

static enum tu_status add_langs(struct xpart *o, const struct xt *x)
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
    if (nf > 0 && found[0].part == 'l' && found[0].n == 3 &&
        memcmp(o->fx->in + found[0].v, "zxx", 3) == 0) {
        return TU_OK; /* "[None]" stays: it keeps the spell checker off that text */
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
/* Does the paragraph or heading at tag x stay out of translation: in a
 * style not to translate, hidden (unless --hidden-text), or marked
 * its:translate="no", or inside an element so marked (`no` true) and not
 * marked "yes" itself? */
static bool paragraph_out(const struct xpart *o, const struct xt *x, bool no)
{
    unsigned f = style_flags(o, x, "text:style-name");
    char its = its_translate(o, x);

    return (f & ST_DNT) || ((f & ST_HIDDEN) && !o->fx->opts->hidden_text) || its == 'n' ||
           (no && its != 'y');
}

/* A hidden section (text:display="none"), unless --hidden-text. */
static bool hidden_section(const struct xpart *o, const struct xt *x)
{
    size_t v, n;
    return !o->fx->opts->hidden_text && xt_is(o->fx->in, x, "text:section") &&
           xt_attr(o->fx->in, x, "text:display", &v, &n) && n == 4 &&
           memcmp(o->fx->in + v, "none", 4) == 0;
}

static enum tu_status walk_range(struct xpart *o, size_t from, size_t to)
{
    const char *in = o->fx->in;
    enum tu_status st = TU_OK;
    size_t no_end = 0; /* tokens before it are inside an its:translate="no" element */

    for (size_t i = from; i < to && st == TU_OK; i++) {
        const struct xt *x = &o->t.v[i];
        if (x->kind != XT_START && x->kind != XT_EMPTY) {
            continue;
        }
        if (xt_is(in, x, "text:changed-region") || xt_is(in, x, "text:change-start") ||
            xt_is(in, x, "text:change")) {
            return xp_fail_at(o, x, "the document has tracked changes: accept or reject "
                                 "the tracked changes first (Edit > Track Changes > Manage)");
        }
        if ((xt_is(in, x, "style:text-properties") && (st = add_langs(o, x)) != TU_OK) ||
            (xt_is(in, x, "style:style") && (st = read_style(o, i)) != TU_OK)) {
            return tu_error_set(o->err, st, "out of memory");
        }
        if (x->kind == XT_START && (xt_is(in, x, "text:p") || xt_is(in, x, "text:h"))) {
            size_t j = matching_end(&o->t, i);
            /* a paragraph not to translate stays in the skeleton */
            st = paragraph_out(o, x, i < no_end) ? TU_OK : paragraph(o, i, j);
            i = j;
        } else if (x->kind == XT_START && hidden_section(o, x)) {
            i = matching_end(&o->t, i);
        } else if (x->kind == XT_START && i >= no_end && its_translate(o, x) == 'n') {
            no_end = matching_end(&o->t, i);
        } else if (x->kind == XT_START && i + 2 < to &&
                   (xt_is(in, x, "svg:title") || xt_is(in, x, "svg:desc")) &&
                   o->t.v[i + 1].kind == XT_TEXT && o->t.v[i + 2].kind == XT_END) {
            st = xp_text_unit(o, i + 1, xt_is(in, x, "svg:title") ? "svg:title" : "svg:desc");
            i += 2;
        } else if (x->kind == XT_START && xt_is(in, x, "office:annotation")) {
            i = matching_end(&o->t, i); /* comments are kept, not translated */
        }
    }
    return st;
}

static enum tu_status walk(struct xpart *o)
{
    its_prefix(o);
    return walk_range(o, 0, o->t.count);
}

static enum tu_status text_part(struct fx *fx, const char *part, void *doc,
                                struct tu_error *err)
{
    return xp_read_part(fx, part, doc, walk, NULL, err);
}

static enum tu_status meta_part(struct fx *fx, const char *part, void *doc,
                                struct tu_error *err)
{
    static const char *const props[] = {"dc:title", "dc:subject", "dc:description",
                                        "meta:keyword", NULL};
    return xp_read_part(fx, part, doc, NULL, props, err);
}

/* The manifest is only checked: encryption data means a password, and it
 * must be well-formed (a translated merge checks every part it carries, so
 * a damaged one would be refused only then). */
static enum tu_status manifest_part(struct fx *fx, const char *part, void *doc,
                                    struct tu_error *err)
{
    static const char what[] = "manifest:encryption-data";
    size_t n = sizeof(what) - 1;

    (void)doc;
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

/* Pass 0: styles.xml, whose named styles content.xml's styles refer to. */
static pkg_part_fn pick(const char *name, int pass)
{
    if ((strcmp(name, "styles.xml") == 0) != (pass == 0)) {
        return NULL;
    }
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
    struct oxdoc doc;
    enum tu_status st;

    memset(&doc, 0, sizeof(doc));
    st = pkg_extract(fx, pick, "content.xml", &doc, err);
    for (size_t i = 0; i < doc.nstyles; i++) {
        tu_free(doc.styles[i].name);
        tu_free(doc.styles[i].parent);
    }
    for (size_t i = 0; i < doc.nnotes; i++) {
        tu_free(doc.notes[i].author);
        tu_free(doc.notes[i].text);
    }
    tu_free(doc.styles);
    tu_free(doc.notes);
    return st;
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
