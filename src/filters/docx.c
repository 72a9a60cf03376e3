/*
 * The DOCX (WordprocessingML) filter. A paragraph's unit runs from its
 * first text to its last, so it starts and ends inside a <w:t>; what lies
 * between two texts is a transition: "</w:t></w:r><w:r><w:rPr>..</w:rPr>
 * <w:t>". A transition that changes nothing a reader sees (same run
 * formatting once language, noProof are set aside; only proofErr,
 * lastRenderedPageBreak, rsids) is no code: it stays as the text's
 * original spelling, so an untranslated merge gives it back and a
 * translated segment simply joins the runs. Any other transition is a
 * code that closes the current run and opens the next, so wherever a
 * translator puts it the XML stays well-formed: a formatting change and
 * its way back are one paired code (a bold word), a hyperlink's start
 * and end another pair, a tab or a line break an isolated code, and
 * fields, bookmarks, comment anchors, images and hidden text isolated
 * codes that keep their markup (a field's result is text, its code not).
 * Tracked changes are refused: which text to translate is the author's
 * decision. Comments (word/comments.xml, read first) stay untouched and
 * become notes of the units they are anchored in; hidden runs (unless
 * --hidden-text) and runs or paragraphs in a do-not-translate style
 * (styles.xml, read first; w:basedOn followed) are not text. An image's alt text and title are
 * units; an mc:Fallback that repeats its mc:Choice refers to its units.
 */
#include <stdio.h>
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/fileio.h>

#include "office.h"

#define MAX_RUNS 64
#define MAX_ANCHORS 16
#define MAX_CHOICE 64

/* What the text parts need from the others: comments, styles not to translate. */
struct comment {
    char *id, *author, *text;
};

/* A style of styles.xml, as far as translation cares: named not to
 * translate (DoNotTranslate ...), w:noProof on (1), off (-1) or not said
 * (0), and the style it is based on. */
struct dstyle {
    char *id, *based; /* based: NULL if none */
    bool dnt_name;
    int no_proof;
};

struct dxdoc {
    struct comment *comments;
    size_t ncomments, comments_cap;
    struct dstyle *styles;
    size_t nstyles, styles_cap;
};

/* Comments anchored in the paragraph being read, and ranges still open. */
struct anchors {
    size_t v[MAX_ANCHORS], count;
};

struct piece {
    size_t tok;  /* the text token inside the <w:t> */
    size_t run;  /* index into dx.keys of its run's formatting */
};

struct dx {
    struct xpart *p; /* the part, its tokens and language values */
    struct fx *fx;
    struct dxdoc *doc;
    /* skip: a hidden run or one in a style not to translate */
    struct { size_t depth; size_t key; bool skip; } runs[MAX_RUNS];
    size_t nruns, depth;
    bool para_skip;    /* the paragraph's style is not to translate */
    struct anchors touched, open; /* comments: of this paragraph, ranges open */
    struct dstyle style; /* styles.xml: the w:style being read (id NULL: none) */
    /* mc:AlternateContent: the units of the Choice, which the Fallback's
     * same paragraphs refer to instead of repeating them */
    enum { MC_NONE, MC_CHOICE, MC_FALLBACK } mc;
    size_t mc_depth, mc_start; /* of the Choice or Fallback being read */
    struct { size_t start, end, nsegs; unsigned unit; } choice[MAX_CHOICE];
    size_t nchoice, fallback_next;
    size_t rpr_depth; /* depth of the open run's <w:rPr>, 0 if none */
    struct tu_buf key; /* that rPr's visible formatting, being collected */
    char **keys;       /* formatting of every run seen */
    size_t nkeys, keys_cap;
    struct piece *pieces;
    size_t npieces, pieces_cap;
};

enum tr_kind { TR_NONE, TR_FMT, TR_LINK_OPEN, TR_LINK_CLOSE, TR_TAB, TR_BR, TR_OTHER };

/* A code of the unit being built: its item, what it does, the formatting
 * of the runs before and after it. */
struct code {
    size_t item;
    enum tr_kind kind;
    size_t from, to;
};

struct codes {
    struct code *v;
    size_t count, cap;
};

static bool name_in(const char *in, const struct xt *x, const char *const *names)
{
    for (; *names != NULL; names++) {
        if (xt_is(in, x, *names)) {
            return true;
        }
    }
    return false;
}

/* Elements of a transition that a reader never sees. */
static const char *const invisible[] = {"w:t", "w:r", "w:proofErr",
                                        "w:lastRenderedPageBreak", NULL};
/* rPr children that change no visible formatting. */
static const char *const no_format[] = {"w:lang", "w:noProof", NULL};
static const char *const tracked[] = {
    "w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:rPrChange", "w:pPrChange",
    "w:sectPrChange", "w:tblPrChange", "w:trPrChange", "w:tcPrChange",
    "w:tblGridChange", "w:numberingChange", "w:cellIns", "w:cellDel",
    "w:cellMerge", NULL};

static bool is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') {
            return false;
        }
    }
    return true;
}

/* What the tokens (a, b) between two texts do; keys differ: `fmt`. */
static enum tr_kind classify(const struct dx *d, size_t a, size_t b, bool fmt)
{
    const char *in = d->fx->in;
    size_t opens = 0, closes = 0, tabs = 0, brs = 0, other = 0, skip = 0;
    long rel = 0, low = 0; /* element depth against the first text's <w:t> */

    for (size_t i = a + 1; i < b; i++) {
        const struct xt *x = &d->p->t.v[i];
        rel += x->kind == XT_START ? 1 : x->kind == XT_END ? -1 : 0;
        low = rel < low ? rel : low;
        if (skip > 0) { /* inside a <w:rPr>: its run's key says it all */
            if (x->kind == XT_START) {
                skip++;
            } else if (x->kind == XT_END) {
                skip--;
            }
            continue;
        }
        if (x->kind == XT_TEXT) {
            other += !is_blank(in + x->start, x->end - x->start);
        } else if (x->kind == XT_OTHER) {
            other++;
        } else if (xt_is(in, x, "w:rPr")) {
            skip = x->kind == XT_START ? 1 : 0;
        } else if (name_in(in, x, invisible)) {
            continue;
        } else if (xt_is(in, x, "w:hyperlink")) {
            opens += x->kind == XT_START;
            closes += x->kind == XT_END;
        } else if (xt_is(in, x, "w:tab")) {
            tabs++;
        } else if (xt_is(in, x, "w:br") || xt_is(in, x, "w:cr")) {
            brs++;
        } else {
            other++;
        }
    }
    /* only "</w:t></w:r> ... <w:r><w:t>" keeps the context wherever it goes */
    if (other > 0 || opens + closes + tabs + brs > 1 ||
        (opens + closes == 0 && (rel != 0 || low < -2))) {
        return TR_OTHER;
    }
    if (opens == 1) {
        return rel == 1 && low >= -2 ? TR_LINK_OPEN : TR_OTHER;
    }
    if (closes == 1) {
        return rel == -1 && low >= -3 ? TR_LINK_CLOSE : TR_OTHER;
    }
    if ((tabs || brs) && fmt) {
        return TR_OTHER;
    }
    return tabs ? TR_TAB : brs ? TR_BR : fmt ? TR_FMT : TR_NONE;
}

/* A code item for transition [a, b) of the part. */
static enum tu_status add_code(struct dx *d, struct fx_items *it,
                               enum tr_kind k, size_t a, size_t b)
{
    struct fx_item *x = fx_items_code(it, FX_PH, d->fx->in + a, b - a);

    if (x == NULL) {
        return TU_ENOMEM;
    }
    x->tmpl = xp_template(d->fx, &d->p->langs, a, b, &x->tmpl_len);
    x->type = k == TR_LINK_OPEN || k == TR_LINK_CLOSE ? "link"
              : k == TR_OTHER                         ? "other"
                                                      : "fmt";
    if (k == TR_BR) {
        x->subtype = "xlf:lb";
        x->disp = tu_strdup("\xE2\x86\xB5"); /* U+21B5 */
    } else if (k == TR_TAB) {
        x->disp = tu_strdup("\xE2\x87\xA5"); /* U+21E5 */
    }
    return x->tmpl == NULL ? TU_ENOMEM : TU_OK;
}

/*
 * Make pairs: hyperlink starts with their ends, and a formatting change
 * with the next code when that one changes back (a bold word). What is
 * left unmatched stays an isolated code.
 */
static void pair_codes(struct fx_items *it, const struct codes *c, char **keys)
{
    size_t stack[MAX_RUNS], depth = 0;

    for (size_t i = 0; i < c->count; i++) {
        const struct code *x = &c->v[i], *p = i > 0 ? &c->v[i - 1] : NULL;
        if (x->kind == TR_LINK_OPEN && depth < MAX_RUNS) {
            stack[depth++] = i;
        } else if (x->kind == TR_LINK_CLOSE && depth > 0) {
            it->v[c->v[stack[--depth]].item].kind = FX_OPEN;
            it->v[x->item].kind = FX_CLOSE;
        } else if (x->kind == TR_FMT && p != NULL && p->kind == TR_FMT &&
                   it->v[p->item].kind == FX_PH &&
                   strcmp(keys[p->from], keys[x->to]) == 0) {
            it->v[p->item].kind = FX_OPEN;
            it->v[x->item].kind = FX_CLOSE;
        }
    }
    /* link starts never closed stay isolated (they were never made FX_OPEN) */
}

static enum tu_status add_transition(struct dx *d, struct fx_items *it,
                                     struct codes *c, size_t k)
{
    const struct xt *x = &d->p->t.v[d->pieces[k].tok];
    const struct xt *y = &d->p->t.v[d->pieces[k + 1].tok];
    size_t ka = d->pieces[k].run, kb = d->pieces[k + 1].run;
    enum tr_kind kind = classify(d, d->pieces[k].tok, d->pieces[k + 1].tok,
                                 strcmp(d->keys[ka], d->keys[kb]) != 0);
    struct code *v;
    enum tu_status st;

    if (kind == TR_NONE) {
        return fx_items_text(it, "", 0, d->fx->in + x->end, y->start - x->end);
    }
    if ((st = add_code(d, it, kind, x->end, y->start)) != TU_OK) {
        return st;
    }
    if ((v = tu_grow(c->v, sizeof(*v), c->count + 1, &c->cap)) == NULL) {
        return TU_ENOMEM;
    }
    c->v = v;
    v[c->count++] = (struct code){it->count - 1, kind, ka, kb};
    return TU_OK;
}

/* The comments anchored in a unit's paragraph become its notes; the ranges
 * still open carry on to the next paragraph. */
static enum tu_status note_comments(struct dx *d, struct tu_unit *u)
{
    if (u == NULL) {
        return TU_OK;
    }
    for (size_t i = 0; i < d->touched.count; i++) {
        const struct comment *c = &d->doc->comments[d->touched.v[i]];
        if (xp_add_comment(u, c->author, c->text) != TU_OK) {
            return tu_error_set(d->p->err, TU_ENOMEM, "out of memory");
        }
    }
    d->touched = d->open;
    return TU_OK;
}

static void anchors_add(struct anchors *a, size_t c)
{
    for (size_t i = 0; i < a->count; i++) {
        if (a->v[i] == c) {
            return;
        }
    }
    if (a->count < MAX_ANCHORS) {
        a->v[a->count++] = c;
    }
}

/* commentRangeStart, commentRangeEnd, commentReference: which comment. */
static void anchor(struct dx *d, const struct xt *x)
{
    const char *in = d->fx->in;
    size_t v, n;

    if (d->doc == NULL || !xt_attr(in, x, "w:id", &v, &n)) {
        return;
    }
    for (size_t c = 0; c < d->doc->ncomments; c++) {
        if (strlen(d->doc->comments[c].id) != n || memcmp(d->doc->comments[c].id, in + v, n)) {
            continue;
        }
        anchors_add(&d->touched, c);
        if (xt_is(in, x, "w:commentRangeStart")) {
            anchors_add(&d->open, c);
        } else if (xt_is(in, x, "w:commentRangeEnd")) {
            for (size_t i = 0; i < d->open.count; i++) {
                if (d->open.v[i] == c) {
                    d->open.v[i] = d->open.v[--d->open.count];
                    break;
                }
            }
        }
        return;
    }
}

/* The index of the Choice stretch a Fallback stretch [a, b) repeats byte
 * for byte, or (size_t)-1. */
static size_t repeated(const struct dx *d, size_t a, size_t b)
{
    size_t k = d->fallback_next;

    if (d->mc != MC_FALLBACK || a < d->mc_start || k >= d->nchoice ||
        d->choice[k].end - d->choice[k].start != b - a ||
        memcmp(d->fx->in + d->choice[k].start, d->fx->in + a, b - a) != 0) {
        return (size_t)-1;
    }
    return k;
}

/* Items `it` of input [a, b) become a unit, or, in an mc:Fallback that
 * repeats its mc:Choice, refer to the Choice's unit: the text is extracted
 * once and written in both at merge. */
static enum tu_status emit(struct dx *d, struct fx_items *it, size_t a, size_t b)
{
    struct fx *fx = d->fx;
    unsigned before = fx->next_unit;
    size_t k = repeated(d, a, b), first = 0, limit = it->count;
    struct tu_unit *u;
    enum tu_status st;

    xp_copy_langs(fx, &d->p->langs, a);
    if (k != (size_t)-1 && fx->pos == a) {
        fx_items_pair(it);
        fx_items_core(it, &first, &limit);
        fx_items_to_skeleton(it, 0, first, &fx->skl);
        tu_buf_printf(&fx->skl, "\\{t u%u %zu}", d->choice[k].unit, d->choice[k].nsegs);
        fx_items_to_skeleton(it, limit, it->count, &fx->skl);
        fx->pos = b;
        d->fallback_next++;
        return fx->skl.status == TU_OK ? TU_OK : tu_error_set(d->p->err, TU_ENOMEM, "out of memory");
    }
    if (d->mc == MC_FALLBACK && a >= d->mc_start) {
        d->fallback_next = d->nchoice; /* it differs: no more references */
    }
    st = fx_run_emit(fx, it, a, b, "w:p", true, d->p->err);
    u = st == TU_OK ? xp_new_unit(fx, before) : NULL;
    if (u != NULL && d->mc == MC_CHOICE && a >= d->mc_start && d->nchoice < MAX_CHOICE) {
        size_t nsegs = 0;
        for (size_t i = 0; i < u->seg_count; i++) {
            nsegs += !u->segs[i].is_ignorable;
        }
        d->choice[d->nchoice].start = a;
        d->choice[d->nchoice].end = b;
        d->choice[d->nchoice].nsegs = nsegs;
        d->choice[d->nchoice++].unit = fx->next_unit;
    }
    return st == TU_OK ? note_comments(d, u) : st;
}

/* mc:Choice and mc:Fallback of an mc:AlternateContent (the outermost only). */
static void alternate(struct dx *d, const struct xt *x, bool open)
{
    const char *in = d->fx->in;

    if (open && d->mc == MC_NONE && xt_is(in, x, "mc:Choice")) {
        d->mc = MC_CHOICE;
        d->mc_depth = d->depth;
        d->mc_start = x->end;
        d->nchoice = 0;
    } else if (open && d->mc == MC_NONE && xt_is(in, x, "mc:Fallback")) {
        d->mc = MC_FALLBACK;
        d->mc_depth = d->depth;
        d->mc_start = x->end;
        d->fallback_next = 0;
    } else if (!open && d->mc != MC_NONE && d->depth == d->mc_depth &&
               (xt_is(in, x, "mc:Choice") || xt_is(in, x, "mc:Fallback"))) {
        d->nchoice = d->mc == MC_FALLBACK ? 0 : d->nchoice;
        d->mc = MC_NONE;
    }
}

/* The collected paragraph (or part of one) becomes a unit. */
static enum tu_status flush(struct dx *d)
{
    struct fx_items it = {0};
    struct codes c = {0};
    size_t n = d->npieces;
    enum tu_status st = TU_OK;
    const char *in = d->fx->in;

    d->npieces = 0;
    for (size_t k = 0; k < n && st == TU_OK; k++) {
        const struct xt *x = &d->p->t.v[d->pieces[k].tok];
        st = xp_text_items(&it, in + x->start, x->end - x->start, false);
        if (st == TU_OK && k + 1 < n) {
            st = add_transition(d, &it, &c, k);
        }
    }
    if (st == TU_OK && n > 0) {
        pair_codes(&it, &c, d->keys);
        st = emit(d, &it, d->p->t.v[d->pieces[0].tok].start,
                  d->p->t.v[d->pieces[n - 1].tok].end);
    } else if (st != TU_OK) {
        st = tu_error_set(d->p->err, st, "out of memory");
    }
    fx_items_release(&it);
    tu_free(c.v);
    return st;
}

static enum tu_status add_key(struct dx *d, const char *key, size_t n)
{
    char **v = tu_grow(d->keys, sizeof(*v), d->nkeys + 1, &d->keys_cap);
    if (v == NULL) {
        return TU_ENOMEM;
    }
    d->keys = v;
    v[d->nkeys] = tu_strndup(key, n);
    return v[d->nkeys++] ? TU_OK : TU_ENOMEM;
}

/* A text of only spaces takes the formatting of the text before it: the
 * format of a space is not worth a code (Word's "apple-converted-space"). */
static enum tu_status add_piece(struct dx *d, size_t tok)
{
    struct piece *v = tu_grow(d->pieces, sizeof(*v), d->npieces + 1, &d->pieces_cap);
    const struct xt *x = &d->p->t.v[tok];
    if (v == NULL) {
        return TU_ENOMEM;
    }
    d->pieces = v;
    v[d->npieces].tok = tok;
    v[d->npieces].run = d->npieces > 0 && is_blank(d->fx->in + x->start, x->end - x->start)
                            ? v[d->npieces - 1].run
                            : d->runs[d->nruns - 1].key;
    d->npieces++;
    return TU_OK;
}

/* <w:vanish/> (not w:val="0"/"false"/"off") hides a run. */
static bool is_on(const char *in, const struct xt *x)
{
    size_t v, n;
    return !xt_attr(in, x, "w:val", &v, &n) ||
           !((n == 1 && in[v] == '0') || (n == 5 && memcmp(in + v, "false", 5) == 0) ||
             (n == 3 && memcmp(in + v, "off", 3) == 0));
}

static const struct dstyle *find_style(const struct dxdoc *doc, const char *id, size_t n)
{
    for (size_t i = 0; i < doc->nstyles; i++) {
        if (strlen(doc->styles[i].id) == n && memcmp(doc->styles[i].id, id, n) == 0) {
            return &doc->styles[i];
        }
    }
    return NULL;
}

/*
 * Is the w:val of tag x the id of a style not to translate? A style is, if
 * it or a style it is based on (w:basedOn, walked up; a cycle ends after as
 * many steps as there are styles) is named so, or if the nearest of them
 * that says w:noProof turns it on.
 */
static bool dnt_style(const struct dx *d, const struct xt *x)
{
    const struct dstyle *s;
    size_t v, n;
    int no_proof = 0;

    if (d->doc == NULL || !xt_attr(d->fx->in, x, "w:val", &v, &n)) {
        return false;
    }
    s = find_style(d->doc, d->fx->in + v, n);
    for (size_t steps = 0; s != NULL && steps <= d->doc->nstyles; steps++) {
        if (s->dnt_name) {
            return true;
        }
        no_proof = no_proof != 0 ? no_proof : s->no_proof;
        s = s->based ? find_style(d->doc, s->based, strlen(s->based)) : NULL;
    }
    return no_proof > 0;
}

/* A tag inside the open run's <w:rPr>: part of its key unless invisible. */
static void rpr_child(struct dx *d, const struct xt *x)
{
    const char *in = d->fx->in;
    if (x->kind != XT_END &&
        ((xt_is(in, x, "w:vanish") && is_on(in, x) && !d->fx->opts->hidden_text) ||
         (xt_is(in, x, "w:rStyle") && dnt_style(d, x)))) {
        d->runs[d->nruns - 1].skip = true;
    }
    if (!name_in(in, x, no_format) &&
        !(x->kind == XT_TEXT && is_blank(in + x->start, x->end - x->start))) {
        tu_buf_add(&d->key, in + x->start, x->end - x->start);
    }
}

/* wp:docPr: an image's alt text (descr) and title are units, in the order written. */
static enum tu_status alt_text(struct dx *d, const struct xt *x)
{
    size_t vd, vt, n;
    bool has_d = xt_attr(d->fx->in, x, "descr", &vd, &n);
    bool has_t = xt_attr(d->fx->in, x, "title", &vt, &n);
    const char *first = has_d && (!has_t || vd < vt) ? "descr" : "title";
    enum tu_status st = xp_attr_unit(d->p, x, first);

    if (st == TU_OK && has_d && has_t) {
        st = xp_attr_unit(d->p, x, first[0] == 'd' ? "title" : "descr");
    }
    return st;
}

static void style_free(struct dstyle *s)
{
    tu_free(s->id);
    tu_free(s->based);
    memset(s, 0, sizeof(*s));
}

/* styles.xml: a style's id and name (DoNotTranslate, tw4winExternal ...),
 * its w:noProof and the style it is based on. */
static enum tu_status style_tag(struct dx *d, const struct xt *x)
{
    const char *in = d->fx->in;
    struct dstyle *s = &d->style;
    size_t v, n;

    if (xt_is(in, x, "w:style") && x->kind == XT_START &&
        xt_attr(in, x, "w:styleId", &v, &n)) {
        style_free(s);
        s->dnt_name = xp_dnt_name(in + v, n);
        if ((s->id = tu_strndup(in + v, n)) == NULL) {
            return tu_error_set(d->p->err, TU_ENOMEM, "out of memory");
        }
    } else if (s->id != NULL && xt_is(in, x, "w:name") && xt_attr(in, x, "w:val", &v, &n)) {
        s->dnt_name = s->dnt_name || xp_dnt_name(in + v, n);
    } else if (s->id != NULL && xt_is(in, x, "w:noProof")) {
        s->no_proof = is_on(in, x) ? 1 : -1;
    } else if (s->id != NULL && s->based == NULL && xt_is(in, x, "w:basedOn") &&
               xt_attr(in, x, "w:val", &v, &n) &&
               (s->based = tu_strndup(in + v, n)) == NULL) {
        return tu_error_set(d->p->err, TU_ENOMEM, "out of memory");
    }
    return TU_OK;
}

/* </w:style>: remember it (its chain decides when it is used). */
static enum tu_status style_end(struct dx *d)
{
    struct dxdoc *doc = d->doc;
    struct dstyle *v;

    if (d->style.id == NULL) {
        return TU_OK;
    }
    if ((v = tu_grow(doc->styles, sizeof(*v), doc->nstyles + 1, &doc->styles_cap)) == NULL) {
        style_free(&d->style);
        return tu_error_set(d->p->err, TU_ENOMEM, "out of memory");
    }
    doc->styles = v;
    v[doc->nstyles++] = d->style;
    memset(&d->style, 0, sizeof(d->style));
    return TU_OK;
}

/* One start or empty tag. */
static enum tu_status open_tag(struct dx *d, size_t i)
{
    const char *in = d->fx->in;
    const struct xt *x = &d->p->t.v[i];
    enum tu_status st = TU_OK;

    if (name_in(in, x, tracked)) {
        return xp_fail_at(d->p, x, "the document has tracked changes: accept or reject "
                             "the tracked changes first (Review > Accept/Reject in Word)");
    }
    if (xt_is(in, x, "w:p") || xt_is(in, x, "w:txbxContent")) {
        st = flush(d);
        d->para_skip = false;
    } else if (xt_is(in, x, "w:pStyle") && dnt_style(d, x)) {
        d->para_skip = true;
    } else if (xt_is(in, x, "w:commentRangeStart") || xt_is(in, x, "w:commentRangeEnd") ||
               xt_is(in, x, "w:commentReference")) {
        anchor(d, x);
    } else if (xt_is(in, x, "wp:docPr")) {
        st = alt_text(d, x);
    } else if (x->kind == XT_START &&
               (xt_is(in, x, "mc:Choice") || xt_is(in, x, "mc:Fallback"))) {
        alternate(d, x, true);
    } else if (xt_is(in, x, "w:r") && x->kind == XT_START) {
        if (d->nruns == MAX_RUNS) {
            return xp_fail_at(d->p, x, "runs nest too deep");
        }
        d->runs[d->nruns].depth = d->depth;
        d->runs[d->nruns].key = 0; /* keys[0] is "" */
        d->runs[d->nruns].skip = false;
        d->nruns++;
    } else if (d->nruns > 0 && d->rpr_depth == 0 && xt_is(in, x, "w:rPr") &&
               x->kind == XT_START && d->depth == d->runs[d->nruns - 1].depth + 1) {
        d->rpr_depth = d->depth;
        tu_buf_truncate(&d->key, 0);
    } else if (d->rpr_depth != 0) {
        rpr_child(d, x);
    } else if (d->nruns > 0 && !d->runs[d->nruns - 1].skip && !d->para_skip &&
               xt_is(in, x, "w:t") &&
               x->kind == XT_START && i + 2 < d->p->t.count &&
               d->p->t.v[i + 1].kind == XT_TEXT && d->p->t.v[i + 2].kind == XT_END) {
        st = add_piece(d, i + 1);
    }
    if (st == TU_OK && xt_is(in, x, "w:lang")) {
        size_t v, n;
        /* zxx ("no linguistic content") stays: it is what keeps a spell checker off */
        if (xt_attr(in, x, "w:val", &v, &n) && !(n == 3 && memcmp(in + v, "zxx", 3) == 0)) {
            st = xp_langs_add(&d->p->langs, v, v + n, 0);
        }
    }
    if (st == TU_OK && d->doc != NULL) {
        st = style_tag(d, x);
    }
    return st;
}

static enum tu_status close_tag(struct dx *d, const struct xt *x)
{
    const char *in = d->fx->in;

    if (d->rpr_depth != 0 && d->depth == d->rpr_depth && xt_is(in, x, "w:rPr")) {
        d->rpr_depth = 0;
        d->runs[d->nruns - 1].key = d->nkeys;
        return add_key(d, d->key.data ? d->key.data : "", d->key.len);
    }
    if (d->rpr_depth != 0) {
        rpr_child(d, x);
    } else if (xt_is(in, x, "w:r") && d->nruns > 0) {
        d->nruns--;
    } else if (xt_is(in, x, "w:p") || xt_is(in, x, "w:txbxContent")) {
        return flush(d);
    } else if (xt_is(in, x, "w:style") && d->doc != NULL) {
        return style_end(d);
    } else if (xt_is(in, x, "mc:Choice") || xt_is(in, x, "mc:Fallback")) {
        alternate(d, x, false);
    }
    return TU_OK;
}

static enum tu_status walk_tokens(struct dx *d)
{
    enum tu_status st = TU_OK;

    for (size_t i = 0; i < d->p->t.count && st == TU_OK; i++) {
        const struct xt *x = &d->p->t.v[i];
        switch (x->kind) {
        case XT_START:
            st = open_tag(d, i);
            d->depth++;
            break;
        case XT_EMPTY:
            d->depth++;
            st = open_tag(d, i);
            d->depth--;
            break;
        case XT_END:
            d->depth--;
            st = close_tag(d, x);
            break;
        default:
            if (d->rpr_depth != 0) {
                rpr_child(d, x);
            }
            break;
        }
    }
    return st == TU_OK ? flush(d) : st;
}

/* The run formatting and pieces of a text part, around the shared frame. */
static enum tu_status walk(struct xpart *p)
{
    struct dx d;
    enum tu_status st;

    memset(&d, 0, sizeof(d));
    d.p = p;
    d.fx = p->fx;
    d.doc = p->doc;
    tu_buf_init(&d.key, TU_BUF_NO_LIMIT);
    st = add_key(&d, "", 0) == TU_OK ? walk_tokens(&d)
                                      : tu_error_set(p->err, TU_ENOMEM, "out of memory");
    for (size_t i = 0; i < d.nkeys; i++) {
        tu_free(d.keys[i]);
    }
    tu_free(d.keys);
    tu_free(d.pieces);
    style_free(&d.style);
    tu_buf_release(&d.key);
    return st;
}

static enum tu_status text_part(struct fx *fx, const char *part, void *doc,
                                struct tu_error *err)
{
    return xp_read_part(fx, part, doc, walk, NULL, err);
}

static enum tu_status props_part(struct fx *fx, const char *part, void *doc,
                                 struct tu_error *err)
{
    static const char *const props[] = {"dc:title", "dc:subject", "dc:description",
                                        "cp:keywords", NULL};
    return xp_read_part(fx, part, doc, NULL, props, err);
}

/* word/comments.xml: each comment's text, kept for the units that anchor it
 * (the part itself stays as it is). */
static enum tu_status comments_walk(struct xpart *p)
{
    struct dxdoc *doc = p->doc;
    const char *in = p->fx->in;

    for (size_t i = 0; i < p->t.count; i++) {
        const struct xt *x = &p->t.v[i];
        size_t e, v, n, av = 0, an = 0;
        struct comment *c;
        if (x->kind != XT_START || !xt_is(in, x, "w:comment") ||
            !xt_attr(in, x, "w:id", &v, &n)) {
            continue;
        }
        xt_attr(in, x, "w:author", &av, &an);
        for (e = i + 1; e < p->t.count && !(p->t.v[e].kind == XT_END &&
                                                     xt_is(in, &p->t.v[e], "w:comment"));
             e++) {
        }
        c = tu_grow(doc->comments, sizeof(*c), doc->ncomments + 1, &doc->comments_cap);
        if (c == NULL) {
            return tu_error_set(p->err, TU_ENOMEM, "out of memory");
        }
        doc->comments = c;
        c += doc->ncomments++;
        c->id = tu_strndup(in + v, n);
        c->author = tu_strndup(in + av, an);
        c->text = xp_plain_text(p, i, e, "w:p", "w:t");
        if (c->id == NULL || c->author == NULL || c->text == NULL) {
            return tu_error_set(p->err, TU_ENOMEM, "out of memory");
        }
        i = e;
    }
    return TU_OK;
}

static enum tu_status comments_part(struct fx *fx, const char *part, void *doc,
                                    struct tu_error *err)
{
    return xp_read_part(fx, part, doc, comments_walk, NULL, err);
}

static bool numbered(const char *name, const char *prefix)
{
    size_t n = strlen(prefix), i = n;
    if (strncmp(name, prefix, n) != 0) {
        return false;
    }
    while (name[i] >= '0' && name[i] <= '9') {
        i++;
    }
    return strcmp(name + i, ".xml") == 0;
}

/* Pass 0: styles (which are not to translate) and comments, for the text. */
static pkg_part_fn pick(const char *name, int pass)
{
    if ((strcmp(name, "word/styles.xml") == 0) != (pass == 0) &&
        strcmp(name, "word/comments.xml") != 0) {
        return NULL;
    }
    if (strcmp(name, "word/comments.xml") == 0) {
        return pass == 0 ? comments_part : NULL;
    }
    if (strcmp(name, "word/document.xml") == 0 || strcmp(name, "word/footnotes.xml") == 0 ||
        strcmp(name, "word/endnotes.xml") == 0 || numbered(name, "word/header") ||
        numbered(name, "word/footer") || strcmp(name, "word/styles.xml") == 0) {
        return text_part; /* styles.xml: no text, but its languages */
    }
    if (strcmp(name, "docProps/core.xml") == 0) {
        return props_part;
    }
    return NULL;
}

static enum tu_status extract(struct fx *fx, struct tu_error *err)
{
    struct dxdoc doc = {0};
    enum tu_status st = pkg_extract(fx, pick, "word/document.xml", &doc, err);

    for (size_t i = 0; i < doc.ncomments; i++) {
        tu_free(doc.comments[i].id);
        tu_free(doc.comments[i].author);
        tu_free(doc.comments[i].text);
    }
    for (size_t i = 0; i < doc.nstyles; i++) {
        style_free(&doc.styles[i]);
    }
    tu_free(doc.comments);
    tu_free(doc.styles);
    return st;
}

static bool is_xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * A translation can give a <w:t> a leading or trailing space it did not
 * have, which Word drops unless the element says xml:space="preserve":
 * such a <w:t> gets it. Only parts that merge changed come here.
 */
static bool fix_spaces(const char *name, const char *data, size_t len, struct tu_buf *out)
{
    struct xtoks t;
    struct tu_error err = {0};
    size_t at = 0, v, n;
    bool changed = false;

    if (strncmp(name, "word/", 5) != 0 ||
        xp_tokens(data, len, NULL, name, &t, &err) != TU_OK) {
        return false;
    }
    for (size_t i = 0; i + 1 < t.count; i++) {
        const struct xt *x = &t.v[i], *y = &t.v[i + 1];
        if (x->kind != XT_START || !xt_is(data, x, "w:t") || y->kind != XT_TEXT ||
            xt_attr(data, x, "xml:space", &v, &n) ||
            !(is_xml_space(data[y->start]) || is_xml_space(data[y->end - 1]))) {
            continue;
        }
        tu_buf_add(out, data + at, x->end - 1 - at);
        tu_buf_adds(out, " xml:space=\"preserve\">");
        at = x->end;
        changed = true;
    }
    if (changed) {
        tu_buf_add(out, data + at, len - at);
    }
    xp_tokens_release(&t);
    return changed;
}

static enum tu_status pack(struct tu_buf *out, size_t start, struct tu_error *err)
{
    return pkg_pack_fixed(out, start, fix_spaces, err);
}

static bool sniff(const char *data, size_t len)
{
    size_t n = len < 4096 ? len : 4096;

    if (len < 4 || memcmp(data, "PK\x03\x04", 4) != 0) {
        return false;
    }
    for (size_t i = 0; i + 5 <= n; i++) {
        if (memcmp(data + i, "word/", 5) == 0) {
            return true;
        }
    }
    return false;
}

static const char *const suffixes[] = {".docx", ".docm", ".dotx", NULL};

const struct fx_filter fx_filter_docx = {
    .name = "docx",
    .datatype = "x-docx",
    .extension = "docx",
    .suffixes = suffixes,
    .sniff = sniff,
    .extract = extract,
    .escape = xp_escape,
    .verify = pkg_verify,
    .package = true,
    .pack = pack,
};
