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
    xmlDocPtr doc = xmlp_read_memory(data, len, path, "office XML", XMLP_UTF8, err);
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

bool xt_attr(const char *in, const struct xt *x, const char *name,
             size_t *v, size_t *n)
{
    size_t i = x->name + x->name_len, end = x->end, m = strlen(name);

    while (i < end) {
        size_t a, q;
        char quote;
        while (i < end && (in[i] == ' ' || in[i] == '\t' || in[i] == '\n' || in[i] == '\r')) {
            i++;
        }
        a = i;
        while (i < end && in[i] != '=' && !is_name_end(in[i])) {
            i++;
        }
        q = i;
        while (i < end && in[i] != '"' && in[i] != '\'' && in[i] != '>') {
            i++;
        }
        if (i >= end || in[i] == '>') {
            return false;
        }
        quote = in[i++];
        *v = i;
        while (i < end && in[i] != quote) {
            i++;
        }
        if (q - a == m && memcmp(in + a, name, m) == 0) {
            *n = i - *v;
            return true;
        }
        i++;
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
 * segment's edges can leave its spaces between segments. */
static enum tu_status plain_items(struct fx_items *it, const char *s, size_t n)
{
    enum tu_status st = TU_OK;

    for (size_t i = 0, j; i < n && st == TU_OK; i = j) {
        bool sp = is_space(s[i]);
        for (j = i + 1; j < n && is_space(s[j]) == sp; j++) {
        }
        st = fx_items_text(it, s + i, j - i, s + i, j - i);
    }
    return st;
}

enum tu_status xp_text_items(struct fx_items *it, const char *s, size_t n)
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
            st = plain_items(it, s + i, j - i);
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
    v[l->count++] = (struct xp_lang){start, end, part};
    return TU_OK;
}

static void put_lang(struct tu_buf *b, const char *in, const struct xp_lang *x)
{
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

enum tu_status xp_simple_units(struct fx *fx, const struct xtoks *t,
                               const char *const *names, struct tu_error *err)
{
    struct xp_langs langs = {0};
    enum tu_status st = TU_OK;

    /* dc:language holds the document's language: the target's once translated */
    for (size_t i = 0; i + 2 < t->count && st == TU_OK; i++) {
        if (t->v[i].kind == XT_START && xt_is(fx->in, &t->v[i], "dc:language") &&
            t->v[i + 1].kind == XT_TEXT && t->v[i + 2].kind == XT_END) {
            st = xp_langs_add(&langs, t->v[i + 1].start, t->v[i + 1].end, 0);
        }
    }
    for (size_t i = 0; i + 2 < t->count && st == TU_OK; i++) {
        const struct xt *x = &t->v[i];
        struct fx_items it = {0};
        const char *const *n = names;
        if (x->kind != XT_START || t->v[i + 1].kind != XT_TEXT ||
            t->v[i + 2].kind != XT_END) {
            continue;
        }
        while (*n != NULL && !xt_is(fx->in, x, *n)) {
            n++;
        }
        if (*n == NULL) {
            continue;
        }
        st = xp_text_items(&it, fx->in + t->v[i + 1].start,
                           t->v[i + 1].end - t->v[i + 1].start);
        if (st != TU_OK) {
            st = tu_error_set(err, st, "out of memory");
        } else {
            xp_copy_langs(fx, &langs, t->v[i + 1].start);
            st = fx_run_emit(fx, &it, t->v[i + 1].start, t->v[i + 1].end, *n,
                             false, err);
        }
        fx_items_release(&it);
    }
    if (st == TU_OK) {
        xp_copy_langs(fx, &langs, fx->len);
    } else if (st == TU_ENOMEM) {
        tu_error_set(err, st, "out of memory");
    }
    tu_free(langs.v);
    return st;
}
