/*
 * XML parts of office packages. libxml2 decides whether a part is
 * acceptable (well-formed, UTF-8, no DOCTYPE so no entity can expand or
 * reach the network); a token scan then locates the bytes of each tag and
 * text, which the skeleton needs and a DOM cannot give. The scan runs only
 * on parts libxml2 accepted, so it needs to know no more of XML than where
 * a tag ends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <tumac/alloc.h>
#include <tumac/fileio.h>

#include "base/xmlparse-int.h"
#include "office.h"

/* The one place office parts are parsed with libxml2, under the shared XML
 * policy (base/xmlparse-int.h), read as UTF-8 whatever they declare. */
static enum tu_status strict_parse(const char *data, size_t len,
                                   const char *path, const char *part,
                                   struct tu_error *err)
{
    xmlDocPtr doc = xmlp_read_memory(data, len, path, "office XML",
                                   XMLP_UTF8 | XMLP_ANY_NS_URI, err);
    if (doc == NULL) {
        return tu_error_wrap(err, NULL, err->line, err->column, "part %s", part);
    }
    xmlFreeDoc(doc);
    return TU_OK;
}

static enum tu_status scan_fail(const char *s, size_t n, size_t at,
                                const char *path, const char *part,
                                const char *what, struct tu_error *err)
{
    unsigned long line, col;
    tu_text_position(s, n, at, &line, &col);
    return tu_error_at(err, TU_EPARSE, path, line, col, "part %s: %s", part, what);
}

static const char *find(const char *s, size_t n, size_t from, const char *what)
{
    size_t m = strlen(what);
    for (size_t i = from; i + m <= n; i++) {
        if (s[i] == what[0] && memcmp(s + i, what, m) == 0) {
            return s + i + m;
        }
    }
    return NULL;
}

/* End of the tag starting at s[i] == '<' (after its '>'), quotes skipped. */
static size_t tag_end(const char *s, size_t n, size_t i)
{
    char q = 0;
    for (size_t k = i + 1; k < n; k++) {
        if (q != 0) {
            q = s[k] == q ? 0 : q;
        } else if (s[k] == '"' || s[k] == '\'') {
            q = s[k];
        } else if (s[k] == '>') {
            return k + 1;
        }
    }
    return 0;
}

static bool is_name_end(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' || c == '>';
}

static enum tu_status push(struct xtoks *t, enum xt_kind k, size_t a, size_t b,
                           const char *s)
{
    struct xt *v = tu_grow(t->v, sizeof(*v), t->count + 1, &t->cap);
    if (v == NULL) {
        return TU_ENOMEM;
    }
    t->v = v;
    v += t->count++;
    v->kind = k;
    v->start = a;
    v->end = b;
    v->name = v->name_len = 0;
    if (k == XT_START || k == XT_END || k == XT_EMPTY) {
        size_t p = a + (k == XT_END ? 2 : 1), q = p;
        while (q < b && !is_name_end(s[q])) {
            q++;
        }
        v->name = p;
        v->name_len = q - p;
    }
    return TU_OK;
}

static enum tu_status scan(const char *s, size_t n, const char *path,
                           const char *part, struct xtoks *t,
                           struct tu_error *err)
{
    size_t i = 0;
    enum tu_status st = TU_OK;

    while (i < n && st == TU_OK) {
        const char *e;
        size_t j;
        enum xt_kind k = XT_OTHER;
        if (s[i] != '<') {
            e = memchr(s + i, '<', n - i);
            j = e ? (size_t)(e - s) : n;
            st = push(t, XT_TEXT, i, j, s);
            i = j;
            continue;
        }
        if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            e = find(s, n, i + 4, "-->");
        } else if (n - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0) {
            e = find(s, n, i + 9, "]]>");
        } else if (n - i >= 2 && s[i + 1] == '?') {
            e = find(s, n, i + 2, "?>");
        } else if (n - i >= 2 && s[i + 1] == '!') {
            return scan_fail(s, n, i, path, part,
                             "a DOCTYPE is not allowed in an office part (its "
                             "entities could expand or reach the network)", err);
        } else {
            j = tag_end(s, n, i);
            e = j ? s + j : NULL;
            k = s[i + 1] == '/' ? XT_END : j >= 2 && s[j - 2] == '/' ? XT_EMPTY : XT_START;
        }
        if (e == NULL) {
            return scan_fail(s, n, i, path, part, "unterminated markup", err);
        }
        j = (size_t)(e - s);
        st = push(t, k, i, j, s);
        i = j;
    }
    return st == TU_OK ? TU_OK : tu_error_set(err, st, "out of memory");
}

enum tu_status xp_tokens(const char *data, size_t len, const char *path,
                         const char *part, struct xtoks *t,
                         struct tu_error *err)
{
    enum tu_status st;

    memset(t, 0, sizeof(*t));
    if (len >= 2 && ((unsigned char)data[0] == 0xFE || (unsigned char)data[0] == 0xFF)) {
        return tu_error_at(err, TU_EUNSUPPORTED, path, 1, 1,
                           "part %s is UTF-16; only UTF-8 parts are supported", part);
    }
    if ((st = scan(data, len, path, part, t, err)) != TU_OK) {
        return st;
    }
    return strict_parse(data, len, path, part, err);
}

enum tu_status xp_check(const char *data, size_t len, const char *path,
                        const char *part, struct tu_error *err)
{
    struct xtoks t;
    enum tu_status st = xp_tokens(data, len, path, part, &t, err);
    xp_tokens_release(&t);
    return st;
}

void xp_tokens_release(struct xtoks *t)
{
    tu_free(t->v);
    memset(t, 0, sizeof(*t));
}

bool xt_is(const char *in, const struct xt *x, const char *name)
{
    size_t n = strlen(name);
    return x->kind != XT_TEXT && x->kind != XT_OTHER && x->name_len == n &&
           memcmp(in + x->name, name, n) == 0;
}

bool xt_attr_next(const char *in, const struct xt *x, size_t *i, size_t *a,
                  size_t *an, size_t *v, size_t *n)
{
    size_t end = x->end, q;
    char quote;

    if (*i < x->name + x->name_len) {
        *i = x->name + x->name_len;
    }
    while (*i < end && (in[*i] == ' ' || in[*i] == '\t' || in[*i] == '\n' || in[*i] == '\r')) {
        (*i)++;
    }
    *a = *i;
    while (*i < end && in[*i] != '=' && !is_name_end(in[*i])) {
        (*i)++;
    }
    q = *i;
    while (*i < end && in[*i] != '"' && in[*i] != '\'' && in[*i] != '>') {
        (*i)++;
    }
    if (*i >= end || in[*i] == '>') {
        return false;
    }
    quote = in[(*i)++];
    *v = *i;
    while (*i < end && in[*i] != quote) {
        (*i)++;
    }
    *an = q - *a;
    *n = *i - *v;
    (*i)++;
    return true;
}

bool xt_attr(const char *in, const struct xt *x, const char *name,
             size_t *v, size_t *n)
{
    size_t i = 0, a, an, m = strlen(name);

    while (xt_attr_next(in, x, &i, &a, &an, v, n)) {
        if (an == m && memcmp(in + a, name, m) == 0) {
            return true;
        }
    }
    return false;
}

/* The character a reference at s ("&...;", n bytes) stands for, as UTF-8 in
 * o; 0 if it is none of XML's. */
static size_t decode_ref(const char *s, size_t n, char *o)
{
    static const struct { const char *name; char c; } five[] = {
        {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}};
    unsigned long cp = 0;

    for (size_t i = 0; i < 5; i++) {
        if (n == strlen(five[i].name) && memcmp(s, five[i].name, n) == 0) {
            o[0] = five[i].c;
            return 1;
        }
    }
    if (n < 4 || s[1] != '#') {
        return 0;
    }
    for (size_t i = s[2] == 'x' ? 3 : 2; i + 1 < n; i++) {
        const char *digits = s[2] == 'x' ? "0123456789abcdefABCDEF" : "0123456789";
        const char *d = strchr(digits, s[i]);
        if (d == NULL || cp > 0x10FFFF) {
            return 0;
        }
        cp = cp * (s[2] == 'x' ? 16 : 10) +
             (unsigned long)(d - digits < 16 ? d - digits : d - digits - 6);
    }
    return cp == 0 || cp > 0x10FFFF ? 0 : fx_put_utf8(o, cp);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Text without references: white space apart from words, so that a
 * segment's edges can leave its spaces between segments. With `collapse`
 * (ODF, 6.1.2: in text:p and text:h a run of spaces, tabs, CRs and LFs is
 * one space) a run other than one space reads as " " and merges back as
 * itself: a line break in the XML text is no break of the text. */
static enum tu_status plain_items(struct fx_items *it, const char *s, size_t n, bool collapse)
{
    enum tu_status st = TU_OK;

    for (size_t i = 0, j; i < n && st == TU_OK; i = j) {
        bool sp = is_space(s[i]);
        for (j = i + 1; j < n && is_space(s[j]) == sp; j++) {
        }
        st = sp && collapse ? fx_items_text(it, " ", 1, s + i, j - i)
                            : fx_items_text(it, s + i, j - i, s + i, j - i);
    }
    return st;
}

enum tu_status xp_text_items(struct fx_items *it, const char *s, size_t n, bool collapse)
{
    size_t i = 0;
    enum tu_status st = TU_OK;

    while (i < n && st == TU_OK) {
        const char *amp = memchr(s + i, '&', n - i);
        const char *semi;
        size_t j = amp ? (size_t)(amp - s) : n;
        char dec[8];
        size_t dl;
        if (j > i) {
            st = plain_items(it, s + i, j - i, collapse);
            i = j;
            continue;
        }
        semi = memchr(s + i, ';', n - i);
        j = semi ? (size_t)(semi - s) + 1 : n;
        dl = decode_ref(s + i, j - i, dec);
        st = dl ? fx_items_text(it, dec, dl, s + i, j - i)
                : fx_items_text(it, s + i, j - i, s + i, j - i);
        i = j;
    }
    return st;
}

/* XML: markup characters always, a quote only in a value it could end. */
static const char *xml_ref(char ch, char q)
{
    switch (ch) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return q == 'd' ? "&quot;" : NULL;
    case '\'': return q == 's' ? "&apos;" : NULL;
    default: return NULL;
    }
}

void xp_escape(struct tu_buf *out, const char *s, size_t n, char q)
{
    fx_escape_by(out, s, n, q, xml_ref);
}

/* ---- language values ---- */

enum tu_status xp_langs_add(struct xp_langs *l, size_t start, size_t end,
                            char part)
{
    struct xp_lang *v = tu_grow(l->v, sizeof(*v), l->count + 1, &l->cap);
    if (v == NULL) {
        return TU_ENOMEM;
    }
    l->v = v;
    v[l->count++] = (struct xp_lang){start, end, part, NULL};
    return TU_OK;
}

static void put_lang(struct tu_buf *b, const char *in, const struct xp_lang *x)
{
    if (x->part == 'a') {
        tu_buf_adds(b, x->subst ? x->subst : "");
        return;
    }
    if (x->part != 0) {
        tu_buf_printf(b, "\\{l %c}", x->part);
    } else {
        tu_buf_adds(b, "\\{l}");
    }
    skl_lit(b, in + x->start, x->end - x->start);
    tu_buf_adds(b, "\\{/l}");
}

void xp_copy_langs(struct fx *fx, struct xp_langs *l, size_t to)
{
    while (l->next < l->count && l->v[l->next].end <= to) {
        const struct xp_lang *x = &l->v[l->next++];
        if (x->start < fx->pos) {
            continue; /* inside a unit: its codes carry it */
        }
        fx_copy_to(fx, x->start);
        put_lang(&fx->skl, fx->in, x);
        fx->pos = x->end;
    }
    fx_copy_to(fx, to);
}

/* First language value that starts at or after `a`. */
static size_t first_lang(const struct xp_langs *l, size_t a)
{
    size_t lo = 0, hi = l->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->v[mid].start < a) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

char *xp_template(const struct fx *fx, const struct xp_langs *l, size_t a,
                  size_t b, size_t *len)
{
    struct tu_buf t;
    size_t at = a;

    tu_buf_init(&t, TU_BUF_NO_LIMIT);
    for (size_t k = first_lang(l, a); k < l->count && l->v[k].end <= b; k++) {
        skl_lit(&t, fx->in + at, l->v[k].start - at);
        put_lang(&t, fx->in, &l->v[k]);
        at = l->v[k].end;
    }
    skl_lit(&t, fx->in + at, b - at);
    return tu_buf_detach(&t, len);
}

/* ---- elements holding only text ---- */

enum tu_status xp_simple_units(struct xpart *p, const char *const *names)
{
    struct fx *fx = p->fx;
    const struct xtoks *t = &p->t;
    enum tu_status st = TU_OK;

    /* dc:language holds the document's language: the target's once translated */
    for (size_t i = 0; i + 2 < t->count && st == TU_OK; i++) {
        if (t->v[i].kind == XT_START && xt_is(fx->in, &t->v[i], "dc:language") &&
            t->v[i + 1].kind == XT_TEXT && t->v[i + 2].kind == XT_END) {
            st = xp_langs_add(&p->langs, t->v[i + 1].start, t->v[i + 1].end, 0);
        }
    }
    for (size_t i = 0; i + 2 < t->count && st == TU_OK; i++) {
        const struct xt *x = &t->v[i];
        const char *const *n = names;
        if (x->kind != XT_START || t->v[i + 1].kind != XT_TEXT ||
            t->v[i + 2].kind != XT_END) {
            continue;
        }
        while (*n != NULL && !xt_is(fx->in, x, *n)) {
            n++;
        }
        if (*n != NULL) {
            st = xp_text_unit(p, i + 1, *n);
        }
    }
    return st == TU_ENOMEM ? tu_error_set(p->err, st, "out of memory") : st;
}

enum tu_status xp_text_unit(struct xpart *p, size_t k, const char *name)
{
    struct fx_items it = {0};
    const struct xt *x = &p->t.v[k];
    enum tu_status st = xp_text_items(&it, p->fx->in + x->start, x->end - x->start, false);

    if (st != TU_OK) {
        st = tu_error_set(p->err, st, "out of memory");
    } else {
        xp_copy_langs(p->fx, &p->langs, x->start);
        st = fx_run_emit(p->fx, &it, x->start, x->end, name, false, p->err);
    }
    fx_items_release(&it);
    return st;
}

/* ---- the frame of a part's reader ---- */

enum tu_status xp_fail_at(const struct xpart *p, const struct xt *x, const char *what)
{
    unsigned long line, col;
    tu_text_position(p->fx->in, p->fx->len, x->start, &line, &col);
    return tu_error_at(p->err, TU_EUNSUPPORTED, p->fx->path, line, col,
                       "part %s: %s", p->part, what);
}

enum tu_status xp_read_part(struct fx *fx, const char *part, void *doc,
                            xp_walk_fn walk, const char *const *props,
                            struct tu_error *err)
{
    struct xpart p;
    enum tu_status st;

    memset(&p, 0, sizeof(p));
    p.fx = fx;
    p.part = part;
    p.err = err;
    p.doc = doc;
    st = xp_tokens(fx->in, fx->len, fx->path, part, &p.t, err);
    if (st == TU_OK) {
        st = props ? xp_simple_units(&p, props) : walk(&p);
    }
    if (st == TU_OK) {
        xp_copy_langs(fx, &p.langs, fx->len);
    }
    for (size_t i = 0; i < p.langs.count; i++) {
        tu_free(p.langs.v[i].subst);
    }
    tu_free(p.langs.v);
    xp_tokens_release(&p.t);
    return st;
}

/* ---- what is not a paragraph: alt text, comments ---- */

enum tu_status xp_attr_unit(struct xpart *p, const struct xt *x, const char *name)
{
    const char *in = p->fx->in;
    struct fx_items it = {0};
    struct tu_buf sink;
    size_t v, n, a = 0, b;
    enum tu_status st;

    if (!xt_attr(in, x, name, &v, &n)) {
        return TU_OK;
    }
    if ((st = xp_text_items(&it, in + v, n, false)) != TU_OK) {
        fx_items_release(&it);
        return tu_error_set(p->err, st, "out of memory");
    }
    fx_items_pair(&it);
    b = it.count;
    if (!fx_items_core(&it, &a, &b)) {
        fx_items_release(&it);
        return TU_OK;
    }
    tu_buf_init(&sink, TU_BUF_NO_LIMIT);
    fx_items_to_skeleton(&it, 0, a, &sink);
    st = fx_unit_emit(p->fx, &it, a, b, name, false, in[v - 1] == '"' ? 'd' : 's',
                      &sink, p->err);
    fx_items_to_skeleton(&it, b, it.count, &sink);
    fx_items_release(&it);
    if (st == TU_OK && (sink.status != TU_OK ||
                        xp_langs_add(&p->langs, v, v + n, 'a') != TU_OK)) {
        st = tu_error_set(p->err, TU_ENOMEM, "out of memory");
    }
    if (st == TU_OK) {
        p->langs.v[p->langs.count - 1].subst = tu_buf_detach(&sink, NULL);
        return TU_OK;
    }
    tu_buf_release(&sink);
    return st;
}

char *xp_plain_text(const struct xpart *p, size_t a, size_t e, const char *para,
                    const char *holder)
{
    struct tu_buf b;
    size_t inside = 0, paras = 0;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    for (size_t k = a + 1; k < e; k++) {
        const struct xt *x = &p->t.v[k];
        if (x->kind == XT_START && xt_is(p->fx->in, x, para) && paras++ > 0) {
            tu_buf_addc(&b, '\n');
        }
        if (x->kind == XT_START && xt_is(p->fx->in, x, holder)) {
            inside++;
        } else if (x->kind == XT_END && inside > 0 && xt_is(p->fx->in, x, holder)) {
            inside--;
        } else if (x->kind == XT_TEXT && inside > 0) {
            struct fx_items it = {0};
            xp_text_items(&it, p->fx->in + x->start, x->end - x->start, false);
            for (size_t i = 0; i < it.count; i++) {
                tu_buf_add(&b, it.v[i].text, it.v[i].text_len);
            }
            fx_items_release(&it);
        }
    }
    return tu_buf_detach(&b, NULL);
}

struct tu_unit *xp_new_unit(struct fx *fx, unsigned before)
{
    const struct tu_nodes *c = &fx->file->children;
    if (fx->next_unit == before || c->count == 0 || c->items[c->count - 1].is_group) {
        return NULL;
    }
    return c->items[c->count - 1].u.unit;
}

enum tu_status xp_add_comment(struct tu_unit *u, const char *author, const char *text)
{
    struct tu_buf b;
    struct tu_note *n;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    if (author != NULL && author[0] != '\0') {
        tu_buf_printf(&b, "%s: ", author);
    }
    tu_buf_adds(&b, text);
    n = b.status == TU_OK ? tu_notes_add(&u->notes, b.data ? b.data : "") : NULL;
    tu_buf_release(&b);
    if (n == NULL || (n->category = tu_strdup("comment")) == NULL) {
        return TU_ENOMEM;
    }
    return TU_OK;
}

bool xp_dnt_name(const char *s, size_t n)
{
    static const char *const names[] = {"donottranslate", "notranslate", "tw4winexternal",
                                        "tw4wininternal", NULL};
    char low[32];
    size_t m = 0;

    for (size_t i = 0; i < n && m < sizeof(low) - 1; i++) {
        if (s[i] != ' ' && s[i] != '_' && s[i] != '-') {
            low[m++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
        }
    }
    low[m] = '\0';
    for (size_t i = 0; names[i] != NULL; i++) {
        if (strcmp(low, names[i]) == 0) {
            return true;
        }
    }
    return false;
}
