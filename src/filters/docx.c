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
 * decision. Comments (word/comments.xml) are kept untouched and untranslated.
 */
#include <stdio.h>
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/fileio.h>

#include "office.h"

#define MAX_RUNS 64

struct piece {
    size_t tok;  /* the text token inside the <w:t> */
    size_t run;  /* index into dx.keys of its run's formatting */
};

struct dx {
    struct fx *fx;
    const char *part;
    struct xtoks t;
    struct xp_langs langs;
    struct tu_error *err;
    struct { size_t depth; size_t key; bool hidden; } runs[MAX_RUNS];
    size_t nruns, depth;
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
        const struct xt *x = &d->t.v[i];
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
    x->tmpl = xp_template(d->fx, &d->langs, a, b, &x->tmpl_len);
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
    const struct xt *x = &d->t.v[d->pieces[k].tok];
    const struct xt *y = &d->t.v[d->pieces[k + 1].tok];
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
        const struct xt *x = &d->t.v[d->pieces[k].tok];
        st = xp_text_items(&it, in + x->start, x->end - x->start);
        if (st == TU_OK && k + 1 < n) {
            st = add_transition(d, &it, &c, k);
        }
    }
    if (st == TU_OK && n > 0) {
        pair_codes(&it, &c, d->keys);
        xp_copy_langs(d->fx, &d->langs, d->t.v[d->pieces[0].tok].start);
        st = fx_run_emit(d->fx, &it, d->t.v[d->pieces[0].tok].start,
                         d->t.v[d->pieces[n - 1].tok].end, "w:p", true, d->err);
    } else if (st != TU_OK) {
        st = tu_error_set(d->err, st, "out of memory");
    }
    fx_items_release(&it);
    tu_free(c.v);
    return st;
}

static enum tu_status fail_at(struct dx *d, const struct xt *x, const char *what)
{
    unsigned long line, col;
    tu_text_position(d->fx->in, d->fx->len, x->start, &line, &col);
    return tu_error_at(d->err, TU_EUNSUPPORTED, d->fx->path, line, col,
                       "part %s: %s", d->part, what);
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
    const struct xt *x = &d->t.v[tok];
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

/* A tag inside the open run's <w:rPr>: part of its key unless invisible. */
static void rpr_child(struct dx *d, const struct xt *x)
{
    const char *in = d->fx->in;
    if (xt_is(in, x, "w:vanish") && x->kind != XT_END && is_on(in, x)) {
        d->runs[d->nruns - 1].hidden = true;
    }
    if (!name_in(in, x, no_format) &&
        !(x->kind == XT_TEXT && is_blank(in + x->start, x->end - x->start))) {
        tu_buf_add(&d->key, in + x->start, x->end - x->start);
    }
}

/* One start or empty tag. */
static enum tu_status open_tag(struct dx *d, size_t i)
{
    const char *in = d->fx->in;
    const struct xt *x = &d->t.v[i];
    enum tu_status st = TU_OK;

    if (name_in(in, x, tracked)) {
        return fail_at(d, x, "the document has tracked changes: accept or reject "
                             "the tracked changes first (Review > Accept/Reject in Word)");
    }
    if (xt_is(in, x, "w:p") || xt_is(in, x, "w:txbxContent")) {
        st = flush(d);
    } else if (xt_is(in, x, "w:r") && x->kind == XT_START) {
        if (d->nruns == MAX_RUNS) {
            return fail_at(d, x, "runs nest too deep");
        }
        d->runs[d->nruns].depth = d->depth;
        d->runs[d->nruns].key = 0; /* keys[0] is "" */
        d->runs[d->nruns].hidden = false;
        d->nruns++;
    } else if (d->nruns > 0 && d->rpr_depth == 0 && xt_is(in, x, "w:rPr") &&
               x->kind == XT_START && d->depth == d->runs[d->nruns - 1].depth + 1) {
        d->rpr_depth = d->depth;
        tu_buf_truncate(&d->key, 0);
    } else if (d->rpr_depth != 0) {
        rpr_child(d, x);
    } else if (d->nruns > 0 && !d->runs[d->nruns - 1].hidden && xt_is(in, x, "w:t") &&
               x->kind == XT_START && i + 2 < d->t.count &&
               d->t.v[i + 1].kind == XT_TEXT && d->t.v[i + 2].kind == XT_END) {
        st = add_piece(d, i + 1);
    }
    if (st == TU_OK && xt_is(in, x, "w:lang")) {
        size_t v, n;
        if (xt_attr(in, x, "w:val", &v, &n)) {
            st = xp_langs_add(&d->langs, v, v + n, 0);
        }
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
    }
    return TU_OK;
}

static enum tu_status walk(struct dx *d)
{
    enum tu_status st = TU_OK;

    for (size_t i = 0; i < d->t.count && st == TU_OK; i++) {
        const struct xt *x = &d->t.v[i];
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
    if (st == TU_OK) {
        st = flush(d);
    }
    if (st == TU_OK) {
        xp_copy_langs(d->fx, &d->langs, d->fx->len);
    }
    return st;
}

static enum tu_status read_part(struct fx *fx, const char *part,
                                const char *const *props, struct tu_error *err)
{
    struct dx d;
    enum tu_status st;

    memset(&d, 0, sizeof(d));
    d.fx = fx;
    d.part = part;
    d.err = err;
    tu_buf_init(&d.key, TU_BUF_NO_LIMIT);
    st = xp_tokens(fx->in, fx->len, fx->path, part, &d.t, err);
    if (st == TU_OK && add_key(&d, "", 0) != TU_OK) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (st == TU_OK) {
        st = props ? xp_simple_units(fx, &d.t, props, err) : walk(&d);
    }
    for (size_t i = 0; i < d.nkeys; i++) {
        tu_free(d.keys[i]);
    }
    tu_free(d.keys);
    tu_free(d.pieces);
    tu_free(d.langs.v);
    tu_buf_release(&d.key);
    xp_tokens_release(&d.t);
    return st;
}

static enum tu_status text_part(struct fx *fx, const char *part, struct tu_error *err)
{
    return read_part(fx, part, NULL, err);
}

static enum tu_status props_part(struct fx *fx, const char *part, struct tu_error *err)
{
    static const char *const props[] = {"dc:title", "dc:subject", "dc:description",
                                        "cp:keywords", NULL};
    return read_part(fx, part, props, err);
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

static pkg_part_fn pick(const char *name)
{
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
    return pkg_extract(fx, pick, "word/document.xml", err);
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
    .pack = pkg_pack,
};
