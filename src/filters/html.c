/*
 * The HTML5 filter, on gumbo. Gumbo parses like a browser (HTML5 elements,
 * implied tags, misnesting) and records where each node's bytes are in the
 * input; the filter uses the tree only to find translatable stretches and
 * takes every byte from the input itself, so the skeleton is the input with
 * holes. Block elements give units; inline elements (a, em, strong, br,
 * img ...) are codes whose markup stays in the skeleton; alt, title,
 * placeholder, aria-label and meta description/keywords give units of
 * their own; script, style, comments and translate="no" are never shown.
 * Where the tree does not match the bytes in order (foster-parented table
 * text, reconstructed formatting), the bytes stay in the skeleton.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#include <tumac/alloc.h>

#include "filters-int.h"

#define FFFD "\xEF\xBF\xBD"
#define NO_POS SIZE_MAX

struct hx {
    struct fx *fx;
    struct tu_error *err;
};

/* ---- character references ---- */

static int entity_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct html_entity *)elem)->name);
}

static const struct html_entity *entity_find(const char *name)
{
    return bsearch(name, html_entities, html_entity_count,
                   sizeof(html_entities[0]), entity_cmp);
}

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

/* Windows-1252 for numeric references 0x80..0x9F, as browsers do. */
static const unsigned short cp1252[32] = {
    0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
    0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

/*
 * A character reference at s ('&'): its length in bytes (0 if it is none)
 * and its decoded UTF-8 in dec (at most 8 bytes).
 */
static size_t decode_ref(const char *s, size_t n, bool attr, char *dec,
                         size_t *dec_len)
{
    size_t i = 1;

    if (n >= 3 && s[1] == '#') {
        bool hex = s[2] == 'x' || s[2] == 'X';
        unsigned long cp = 0;
        size_t digits = 0;
        i = hex ? 3 : 2;
        while (i < n) {
            int d = -1;
            char c = s[i];
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (hex && c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else if (hex && c >= 'A' && c <= 'F') {
                d = c - 'A' + 10;
            }
            if (d < 0) {
                break;
            }
            if (cp <= 0x10FFFF) {
                cp = cp * (hex ? 16 : 10) + (unsigned long)d;
            }
            digits++;
            i++;
        }
        if (digits == 0) {
            return 0;
        }
        if (i < n && s[i] == ';') {
            i++;
        }
        if (cp >= 0x80 && cp <= 0x9F) {
            cp = cp1252[cp - 0x80];
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
            (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F ||
            (cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF) {
            memcpy(dec, FFFD, 3);
            *dec_len = 3;
        } else {
            *dec_len = fx_put_utf8(dec, cp);
        }
        return i;
    } else {
        char name[40];
        size_t len = 0;
        const struct html_entity *e = NULL;
        while (1 + len < n && len < 32 && is_alnum(s[1 + len])) {
            name[len] = s[1 + len];
            len++;
        }
        if (len == 0) {
            return 0;
        }
        if (1 + len < n && s[1 + len] == ';') {
            name[len] = ';';
            name[len + 1] = '\0';
            e = entity_find(name);
            if (e != NULL) {
                *dec_len = strlen(e->value);
                memcpy(dec, e->value, *dec_len);
                return len + 2;
            }
        }
        /* legacy references without ';': the longest one that fits */
        for (size_t k = len > 6 ? 6 : len; k >= 2; k--) {
            name[k] = '\0';
            e = entity_find(name);
            if (e != NULL) {
                char next = 1 + k < n ? s[1 + k] : '\0';
                if (attr && (next == '=' || is_alnum(next))) {
                    return 0;
                }
                *dec_len = strlen(e->value);
                memcpy(dec, e->value, *dec_len);
                return k + 1;
            }
        }
        return 0;
    }
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_ctl(unsigned char c)
{
    return (c < 0x20 && !is_ws((char)c)) || c == 0x7F;
}

/* Items of text as written in the document (content or attribute value). */
static enum tu_status tokenize(const char *s, size_t n, bool attr, bool pre,
                               bool tags, struct fx_items *it)
{
    size_t i = 0;
    enum tu_status st = TU_OK;

    while (i < n && st == TU_OK) {
        size_t j = i;
        if (is_ws(s[i])) {
            while (j < n && is_ws(s[j])) {
                j++;
            }
            if (!pre) {
                st = fx_items_text(it, " ", 1, s + i, j - i);
            } else {
                /* keep white space, but a CR (LF) reads as LF */
                char *d = tu_malloc(j - i + 1);
                size_t dl = 0;
                if (d == NULL) {
                    return TU_ENOMEM;
                }
                for (size_t k = i; k < j; k++) {
                    if (s[k] == '\r') {
                        d[dl++] = '\n';
                        if (k + 1 < j && s[k + 1] == '\n') {
                            k++;
                        }
                    } else {
                        d[dl++] = s[k];
                    }
                }
                st = fx_items_text(it, d, dl, s + i, j - i);
                tu_free(d);
            }
        } else if (s[i] == '&') {
            char dec[8];
            size_t dl = 0, rl = decode_ref(s + i, n - i, attr, dec, &dl);
            if (rl == 0) {
                st = fx_items_text(it, "&", 1, "&", 1);
                j = i + 1;
            } else {
                st = fx_items_text(it, dec, dl, s + i, rl);
                j = i + rl;
            }
        } else if (tags && s[i] == '<' && i + 1 < n &&
                   (s[i + 1] == '/' || s[i + 1] == '!' || s[i + 1] == '?' ||
                    is_alnum(s[i + 1])) &&
                   memchr(s + i, '>', n - i) != NULL) {
            /* a tag the parser dropped (a stray end tag): a code */
            j = (size_t)((const char *)memchr(s + i, '>', n - i) - s) + 1;
            st = fx_items_code(it, FX_PH, s + i, j - i) ? TU_OK : TU_ENOMEM;
        } else if (is_ctl((unsigned char)s[i])) {
            st = fx_items_text(it, FFFD, 3, s + i, 1);
            j = i + 1;
        } else {
            j = i + 1; /* at least one byte: a '<' that starts no tag is text */
            while (j < n && !is_ws(s[j]) && s[j] != '&' &&
                   !is_ctl((unsigned char)s[j]) && !(tags && s[j] == '<')) {
                j++;
            }
            st = fx_items_text(it, s + i, j - i, s + i, j - i);
        }
        i = j;
    }
    return st;
}

/* ---- node geometry ---- */

/* Is the end tag gumbo gives the element really its own ("</b>" for <b>)?
 * Gumbo records whatever token closed it, such as the "</p>" that closed
 * an unclosed <i> inside a paragraph. */
static bool end_tag_matches(const GumboNode *n)
{
    const GumboStringPiece *t = &n->v.element.original_end_tag;
    const char *name = gumbo_normalized_tagname(n->v.element.tag);
    size_t k;

    if (t->length < 3 || t->data[0] != '<' || t->data[1] != '/' ||
        name == NULL || name[0] == '\0') {
        return false;
    }
    k = strlen(name);
    return t->length >= k + 3 && strncasecmp(t->data + 2, name, k) == 0 &&
           !is_alnum(t->data[2 + k]);
}


static size_t off_of(const struct hx *h, const char *p)
{
    if (p < h->fx->in || p > h->fx->in + h->fx->len) {
        return NO_POS;
    }
    return (size_t)(p - h->fx->in);
}

static bool is_element(const GumboNode *n)
{
    return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
}

static bool has_src_tag(const GumboNode *n)
{
    return is_element(n) && n->v.element.original_tag.length > 0;
}

static size_t node_start(const struct hx *h, const GumboNode *n)
{
    if (is_element(n)) {
        const GumboElement *e = &n->v.element;
        if (e->original_tag.length > 0) {
            return off_of(h, e->original_tag.data);
        }
        return e->children.length > 0 ? node_start(h, e->children.data[0])
                                       : NO_POS;
    }
    if (n->type == GUMBO_NODE_DOCUMENT) {
        return 0;
    }
    return off_of(h, n->v.text.original_text.data);
}

static size_t node_end(const struct hx *h, const GumboNode *n)
{
    if (is_element(n)) {
        const GumboElement *e = &n->v.element;
        size_t end = NO_POS;
        if (e->original_end_tag.length > 0 && end_tag_matches(n)) {
            size_t o = off_of(h, e->original_end_tag.data);
            return o == NO_POS ? NO_POS : o + e->original_end_tag.length;
        }
        if (e->original_tag.length > 0) {
            size_t o = off_of(h, e->original_tag.data);
            end = o == NO_POS ? NO_POS : o + e->original_tag.length;
        }
        if (e->children.length > 0) {
            size_t c = node_end(h, e->children.data[e->children.length - 1]);
            if (c != NO_POS && (end == NO_POS || c > end)) {
                end = c;
            }
        }
        return end;
    }
    if (n->type == GUMBO_NODE_DOCUMENT) {
        return h->fx->len;
    }
    {
        size_t o = off_of(h, n->v.text.original_text.data);
        return o == NO_POS ? NO_POS : o + n->v.text.original_text.length;
    }
}

/*
 * Browsers stop nesting elements at 512 (Blink's parser puts deeper ones
 * beside their parent). The walks below recurse once per level, so a deeper
 * tree is refused before they start rather than overflowing the stack.
 */
#define HTML_MAX_DEPTH 512

static const GumboVector *kids(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_DOCUMENT) {
        return &n->v.document.children;
    }
    return is_element(n) ? &n->v.element.children : NULL;
}

/*
 * Calls visit (when not NULL) on every node of the tree in document order,
 * with a stack of its own. Returns the first element nested deeper than
 * HTML_MAX_DEPTH (its subtree is not visited), NULL if there is none.
 */
static const GumboNode *walk_tree(const GumboNode *root,
                                  void (*visit)(const GumboNode *, void *),
                                  void *ctx)
{
    struct level {
        const GumboVector *ch;
        unsigned next;
    } stack[HTML_MAX_DEPTH + 1];
    size_t depth = 0;

    if (visit != NULL) {
        visit(root, ctx);
    }
    stack[0] = (struct level){kids(root), 0};
    while (true) {
        struct level *l = &stack[depth];
        const GumboNode *c;
        const GumboVector *ch;

        if (l->ch == NULL || l->next >= l->ch->length) {
            if (depth == 0) {
                return NULL;
            }
            depth--;
            continue;
        }
        c = l->ch->data[l->next++];
        ch = kids(c);
        if (ch != NULL && depth == HTML_MAX_DEPTH) {
            return c;
        }
        if (visit != NULL) {
            visit(c, ctx);
        }
        if (ch != NULL && ch->length > 0) {
            stack[++depth] = (struct level){ch, 0};
        }
    }
}

/* ---- element classes ---- */

static bool tag_inline(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_A: case GUMBO_TAG_ABBR: case GUMBO_TAG_ACRONYM:
    case GUMBO_TAG_B: case GUMBO_TAG_BDI: case GUMBO_TAG_BDO:
    case GUMBO_TAG_BIG: case GUMBO_TAG_BR: case GUMBO_TAG_CITE:
    case GUMBO_TAG_CODE: case GUMBO_TAG_DATA: case GUMBO_TAG_DEL:
    case GUMBO_TAG_DFN: case GUMBO_TAG_EM: case GUMBO_TAG_FONT:
    case GUMBO_TAG_I: case GUMBO_TAG_IMG: case GUMBO_TAG_INS:
    case GUMBO_TAG_KBD: case GUMBO_TAG_MARK: case GUMBO_TAG_Q:
    case GUMBO_TAG_S: case GUMBO_TAG_SAMP: case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN: case GUMBO_TAG_STRIKE: case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_TIME:
    case GUMBO_TAG_TT: case GUMBO_TAG_U: case GUMBO_TAG_VAR:
    case GUMBO_TAG_WBR:
        return true;
    default:
        return false;
    }
}

static bool translate_no(const GumboNode *n)
{
    const GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes,
                                                  "translate");
    return a != NULL && strcasecmp(a->value, "no") == 0;
}

/* Elements whose content is never offered for translation. */
static bool skipped(const GumboNode *n)
{
    if (!is_element(n)) {
        return false;
    }
    if (n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML ||
        n->type == GUMBO_NODE_TEMPLATE) {
        return true;
    }
    switch (n->v.element.tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES:
        return true;
    default:
        return translate_no(n);
    }
}

/* Can this node be part of a run of inline content? */
static bool run_member(const GumboNode *n)
{
    switch (n->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
    case GUMBO_NODE_COMMENT:
    case GUMBO_NODE_CDATA:
        return true;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
        if (!has_src_tag(n)) {
            return false;
        }
        if (skipped(n)) {
            return true;
        }
        if (!tag_inline(n->v.element.tag)) {
            return false;
        }
        for (unsigned i = 0; i < n->v.element.children.length; i++) {
            if (!run_member(n->v.element.children.data[i])) {
                return false;
            }
        }
        return true;
    default:
        return false;
    }
}

/* ---- attributes ---- */

static const char *attr_kind(const GumboNode *n, const GumboAttribute *a)
{
    static const char *const plain[] = {"alt", "title", "placeholder",
                                        "aria-label", NULL};
    if (a->attr_namespace == GUMBO_ATTR_NAMESPACE_NONE) {
        for (const char *const *p = plain; *p; p++) {
            if (strcmp(a->name, *p) == 0) {
                return "unit";
            }
        }
        if (strcmp(a->name, "lang") == 0) {
            return "lang";
        }
        if (strcmp(a->name, "content") == 0 &&
            n->v.element.tag == GUMBO_TAG_META) {
            const GumboAttribute *he =
                gumbo_get_attribute(&n->v.element.attributes, "http-equiv");
            const GumboAttribute *k;
            if (he != NULL && strcasecmp(he->value, "content-language") == 0) {
                return "lang";
            }
            k =
                gumbo_get_attribute(&n->v.element.attributes, "name");
            if (k == NULL) {
                k = gumbo_get_attribute(&n->v.element.attributes, "property");
            }
            if (k != NULL &&
                (strcasecmp(k->value, "description") == 0 ||
                 strcasecmp(k->value, "keywords") == 0 ||
                 strcasecmp(k->value, "og:title") == 0 ||
                 strcasecmp(k->value, "og:description") == 0 ||
                 strcasecmp(k->value, "twitter:title") == 0 ||
                 strcasecmp(k->value, "twitter:description") == 0)) {
                return "unit";
            }
        }
    } else if (a->attr_namespace == GUMBO_ATTR_NAMESPACE_XML &&
               strcmp(a->name, "lang") == 0) {
        return "lang";
    }
    if (strcmp(a->name, "xml:lang") == 0) {
        return "lang";
    }
    return NULL;
}

/* Is `v` (n bytes) a language tag whose primary subtag is the source's? */
static bool is_source_lang(const struct hx *h, const char *v, size_t n)
{
    size_t p = strlen(h->fx->src_primary), i;

    for (i = 0; i < n; i++) {
        if (!is_alnum(v[i]) && v[i] != '-' && v[i] != '_') {
            return false;
        }
    }
    return n >= p && strncasecmp(v, h->fx->src_primary, p) == 0 &&
           (n == p || v[p] == '-' || v[p] == '_');
}

/*
 * Write the start tag of `n`, from *cursor on, into `sink`: literal bytes,
 * with translatable attribute values as unit references and lang values as
 * lang directives; *cursor ends after the last value handled.
 */
static enum tu_status tag_attrs(struct hx *h, const GumboNode *n,
                                struct tu_buf *sink, size_t *cursor)
{
    const GumboVector *attrs = &n->v.element.attributes;
    const char *in = h->fx->in;

    for (unsigned i = 0; i < attrs->length; i++) {
        const GumboAttribute *a = attrs->data[i];
        const char *kind = attr_kind(n, a);
        size_t vs, ve, q;
        char qc;

        if (kind == NULL || a->original_value.length == 0) {
            continue;
        }
        vs = off_of(h, a->original_value.data);
        if (vs == NO_POS || vs < *cursor) {
            continue;
        }
        ve = vs + a->original_value.length;
        qc = in[vs] == '"' ? 'd' : in[vs] == '\'' ? 's' : 'n';
        q = qc == 'n' ? 0 : 1;
        if (ve - vs < 2 * q) {
            continue;
        }
        vs += q;
        ve -= q;
        if (strcmp(kind, "lang") == 0) {
            if (!is_source_lang(h, in + vs, ve - vs)) {
                continue;
            }
            skl_lit(sink, in + *cursor, vs - *cursor);
            tu_buf_adds(sink, "\\{l}");
            skl_lit(sink, in + vs, ve - vs);
            tu_buf_adds(sink, "\\{/l}");
            *cursor = ve;
        } else {
            struct fx_items it = {0};
            size_t fa = 0, fb, tail;
            char name[64];
            enum tu_status st;

            if (tokenize(in + vs, ve - vs, true, false, false, &it) != TU_OK) {
                fx_items_release(&it);
                return tu_error_set(h->err, TU_ENOMEM, "out of memory");
            }
            fb = it.count;
            if (!fx_items_core(&it, &fa, &fb)) {
                fx_items_release(&it);
                continue;
            }
            snprintf(name, sizeof(name), "%s@%s",
                     gumbo_normalized_tagname(n->v.element.tag), a->name);
            skl_lit(sink, in + *cursor, vs - *cursor);
            tail = it.count - fb;
            fx_items_to_skeleton(&it, 0, fa, sink);
            st = fx_unit_emit(h->fx, &it, fa, fb, name, false, qc, sink, h->err);
            if (st == TU_OK) {
                fx_items_to_skeleton(&it, it.count - tail, it.count, sink);
            }
            fx_items_release(&it);
            if (st != TU_OK) {
                return st;
            }
            *cursor = ve;
        }
    }
    return sink->status == TU_OK ? TU_OK
                                 : tu_error_set(h->err, TU_ENOMEM, "out of memory");
}

/* The template of the start tag of `n` (a code's markup). */
static enum tu_status tag_template(struct hx *h, const GumboNode *n,
                                   struct fx_item *x)
{
    struct tu_buf t;
    size_t start = node_start(h, n);
    size_t end = start + n->v.element.original_tag.length, cur = start;
    enum tu_status st;

    tu_buf_init(&t, TU_BUF_NO_LIMIT);
    st = tag_attrs(h, n, &t, &cur);
    if (st == TU_OK) {
        skl_lit(&t, h->fx->in + cur, end - cur);
        x->tmpl = tu_buf_detach(&t, &x->tmpl_len);
        if (x->tmpl == NULL) {
            st = tu_error_set(h->err, TU_ENOMEM, "out of memory");
        }
    }
    tu_buf_release(&t);
    return st;
}

/* ---- runs of inline content ---- */

static void code_info(struct fx_item *x, const GumboNode *n, bool closing)
{
    GumboTag t = n->v.element.tag;
    const char *name = gumbo_normalized_tagname(t);
    char disp[48];

    x->type = "fmt";
    x->subtype = NULL;
    if (t == GUMBO_TAG_A) {
        x->type = "link";
    } else if (t == GUMBO_TAG_IMG) {
        x->type = "image";
    } else if (t == GUMBO_TAG_BR) {
        x->subtype = "xlf:lb";
    } else if (t == GUMBO_TAG_B || t == GUMBO_TAG_STRONG) {
        x->subtype = "xlf:b";
    } else if (t == GUMBO_TAG_I || t == GUMBO_TAG_EM) {
        x->subtype = "xlf:i";
    } else if (t == GUMBO_TAG_U) {
        x->subtype = "xlf:u";
    }
    if (name == NULL || name[0] == '\0') {
        name = "?";
    }
    snprintf(disp, sizeof(disp), closing ? "</%s>" : "<%s>", name);
    x->disp = tu_strdup(disp);
}

static enum tu_status gap(struct fx_items *it, const char *in, size_t from,
                          size_t to)
{
    if (to > from) {
        struct fx_item *x = fx_items_code(it, FX_PH, in + from, to - from);
        return x == NULL ? TU_ENOMEM : TU_OK;
    }
    return TU_OK;
}

/*
 * Items of node `n` into `it`, which so far covers input up to *cur. With
 * `it` NULL only checks that the node's bytes come in order after *cur.
 * Returns false if they do not (the tree was rearranged by the parser).
 */
static bool node_items(struct hx *h, const GumboNode *n, bool pre,
                       struct fx_items *it, size_t *cur, enum tu_status *st)
{
    const char *in = h->fx->in;
    size_t s = node_start(h, n), e = node_end(h, n);

    if (s == NO_POS || e == NO_POS || s < *cur || e < s) {
        return false;
    }
    if (it != NULL && (*st = gap(it, in, *cur, s)) != TU_OK) {
        return false;
    }
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE) {
        /* a text whose bytes hold more '<' than its decoded text has tags
         * the parser dropped (stray end tags, "</body>" before trailing
         * white space): they become codes */
        size_t lt_orig = 0, lt_text = 0;
        for (size_t i = s; i < e; i++) {
            lt_orig += in[i] == '<';
        }
        for (const char *p = n->v.text.text; p && *p; p++) {
            lt_text += *p == '<';
        }
        if (it != NULL && (*st = tokenize(in + s, e - s, false, pre,
                                          lt_orig > lt_text, it)) != TU_OK) {
            return false;
        }
    } else if (!is_element(n) || skipped(n)) {
        if (it != NULL) {
            struct fx_item *x = fx_items_code(it, FX_PH, in + s, e - s);
            if (x == NULL) {
                *st = TU_ENOMEM;
                return false;
            }
            if (is_element(n)) {
                code_info(x, n, false);
                x->type = "other";
                x->subtype = NULL;
            }
        }
    } else {
        const GumboElement *el = &n->v.element;
        size_t tag_end = s + el->original_tag.length, inner = tag_end;
        bool has_end = end_tag_matches(n);
        bool pre2 = pre || el->tag == GUMBO_TAG_PRE;
        size_t end_start = has_end ? off_of(h, el->original_end_tag.data) : NO_POS;

        if (has_end && (end_start == NO_POS || end_start < tag_end)) {
            return false;
        }
        if (it != NULL) {
            struct fx_item *x = fx_items_code(it, has_end ? FX_OPEN : FX_PH,
                                              in + s, tag_end - s);
            if (x == NULL) {
                *st = TU_ENOMEM;
                return false;
            }
            code_info(x, n, false);
            if ((*st = tag_template(h, n, &it->v[it->count - 1])) != TU_OK) {
                return false;
            }
        }
        for (unsigned i = 0; i < el->children.length; i++) {
            if (!node_items(h, el->children.data[i], pre2, it, &inner, st)) {
                return false;
            }
        }
        if (has_end) {
            if (inner > end_start) {
                return false;
            }
            if (it != NULL) {
                struct fx_item *x;
                if ((*st = gap(it, in, inner, end_start)) != TU_OK) {
                    return false;
                }
                x = fx_items_code(it, FX_CLOSE, in + end_start, e - end_start);
                if (x == NULL) {
                    *st = TU_ENOMEM;
                    return false;
                }
                code_info(x, n, true);
            }
        } else if (inner > e) {
            return false;
        }
    }
    *cur = e;
    return true;
}

static enum tu_status block(struct hx *h, const GumboNode *n, bool pre);

static enum tu_status run(struct hx *h, GumboNode *const *nodes, size_t count,
                          bool pre, const char *name)
{
    size_t start = node_start(h, nodes[0]), cur = start;
    struct fx_items it = {0};
    enum tu_status st = TU_OK;
    bool ok = start != NO_POS && start >= h->fx->pos;

    for (size_t i = 0; i < count && ok; i++) {
        ok = node_items(h, nodes[i], pre, NULL, &cur, &st);
    }
    if (!ok) {
        /* the parser rearranged these bytes: keep them, look inside */
        for (size_t i = 0; i < count && st == TU_OK; i++) {
            if (is_element(nodes[i])) {
                st = block(h, nodes[i], pre);
            }
        }
        return st;
    }
    cur = start;
    for (size_t i = 0; i < count && st == TU_OK; i++) {
        if (!node_items(h, nodes[i], pre, &it, &cur, &st) && st == TU_OK) {
            st = tu_error_set(h->err, TU_EPARSE, "internal: run changed");
        }
    }
    if (st == TU_OK) {
        st = fx_run_emit(h->fx, &it, start, cur, name, pre, h->err);
    } else if (st == TU_ENOMEM) {
        st = tu_error_set(h->err, TU_ENOMEM, "out of memory");
    }
    fx_items_release(&it);
    return st;
}

static enum tu_status children(struct hx *h, const GumboVector *ch, bool pre,
                               const char *name)
{
    size_t i = 0;
    enum tu_status st = TU_OK;

    while (i < ch->length && st == TU_OK) {
        GumboNode *c = ch->data[i];
        if (run_member(c)) {
            size_t j = i + 1;
            while (j < ch->length && run_member(ch->data[j])) {
                j++;
            }
            st = run(h, (GumboNode *const *)ch->data + i, j - i, pre, name);
            i = j;
        } else {
            st = block(h, c, pre);
            i++;
        }
    }
    return st;
}

static enum tu_status block(struct hx *h, const GumboNode *n, bool pre)
{
    const GumboElement *el;
    enum tu_status st;

    if (n->type == GUMBO_NODE_DOCUMENT) {
        return children(h, &n->v.document.children, false, "text");
    }
    if (!is_element(n) || skipped(n)) {
        return TU_OK; /* its bytes reach the skeleton with the next copy */
    }
    el = &n->v.element;
    if (el->original_tag.length > 0) {
        size_t s = node_start(h, n);
        if (s != NO_POS && s >= h->fx->pos) {
            fx_copy_to(h->fx, s);
            st = tag_attrs(h, n, &h->fx->skl, &h->fx->pos);
            if (st != TU_OK) {
                return st;
            }
        }
    }
    return children(h, &el->children, pre || el->tag == GUMBO_TAG_PRE ||
                                          el->tag == GUMBO_TAG_LISTING,
                    gumbo_normalized_tagname(el->tag));
}

static enum tu_status html_extract(struct fx *fx, struct tu_error *err)
{
    GumboOptions opts = kGumboDefaultOptions;
    GumboOutput *g;
    struct hx h = {fx, err};
    const GumboNode *deep;
    enum tu_status st;

    opts.max_errors = 0;
    g = gumbo_parse_with_options(&opts, fx->in, fx->len);
    if (g == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory parsing HTML");
    }
    deep = walk_tree(g->document, NULL, NULL);
    if (deep != NULL) {
        st = tu_error_at(err, TU_EPARSE, fx->path, deep->v.element.start_pos.line,
                         deep->v.element.start_pos.column,
                         "HTML nested too deeply: this <%s> is more than %d "
                         "elements deep (browsers stop nesting there)",
                         gumbo_normalized_tagname(deep->v.element.tag), HTML_MAX_DEPTH);
    } else {
        st = block(&h, g->document, false);
    }
    gumbo_destroy_output(&opts, g);
    return st;
}

static bool html_sniff(const char *data, size_t len)
{
    size_t n = len < 1024 ? len : 1024;
    for (size_t i = 0; i + 5 <= n; i++) {
        if (data[i] == '<' && (strncasecmp(data + i, "<!doctype html", n - i < 14 ? n - i : 14) == 0 ||
                               strncasecmp(data + i, "<html", 5) == 0 ||
                               strncasecmp(data + i, "<body", 5) == 0)) {
            return true;
        }
    }
    return false;
}

/* HTML: markup characters need a reference only in element content, quote
 * characters only in a value they could end (or in an unquoted one). */
static const char *html_ref(char ch, char q)
{
    switch (ch) {
    case '&': return "&amp;";
    case '<': return q == 0 ? "&lt;" : NULL;
    case '>': return q == 0 ? "&gt;" : NULL;
    case '"': return q == 'd' || q == 'n' ? "&quot;" : NULL;
    case '\'': return q == 's' ? "&#39;" : NULL;
    default: return NULL;
    }
}

static void html_escape(struct tu_buf *out, const char *s, size_t n, char q)
{
    fx_escape_by(out, s, n, q, html_ref);
}

/* What a parse of a document says about its well-formedness. */
struct shape {
    size_t elements, implied_start, implied_end, flagged, errors;
    bool too_deep; /* elements nested deeper than HTML_MAX_DEPTH */
};

static void shape_visit(const GumboNode *n, void *ctx)
{
    struct shape *sh = ctx;

    if (is_element(n)) {
        const GumboElement *e = &n->v.element;
        sh->elements++;
        sh->implied_start += e->original_tag.length == 0;
        sh->implied_end += e->original_end_tag.length == 0;
        sh->flagged += n->parse_flags != GUMBO_INSERTION_NORMAL;
    }
}

static bool shape_of(const char *s, size_t n, struct shape *sh)
{
    GumboOutput *g = gumbo_parse_with_options(&kGumboDefaultOptions, s, n);
    memset(sh, 0, sizeof(*sh));
    if (g == NULL) {
        return false;
    }
    sh->too_deep = walk_tree(g->document, shape_visit, sh) != NULL;
    sh->errors = g->errors.length;
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    return true;
}

/*
 * The merged document must parse like the original: as many elements, none
 * more implied, reconstructed or misplaced, and no new parse errors (a
 * translator's reordering of valid codes can still make HTML the parser
 * repairs, e.g. a link moved inside another link).
 */
static enum tu_status html_verify(const char *orig, size_t orig_len,
                                  const char *merged, size_t merged_len,
                                  struct tu_error *err)
{
    struct shape a, b;

    if (!shape_of(orig, orig_len, &a) || !shape_of(merged, merged_len, &b)) {
        return tu_error_set(err, TU_ENOMEM, "out of memory parsing HTML");
    }
    if (b.too_deep && !a.too_deep) {
        return tu_error_set(err, TU_EINVALID,
                            "the codes of a target nest the merged HTML more than "
                            "%d elements deep; not merged", HTML_MAX_DEPTH);
    }
    if (a.elements != b.elements || a.implied_start != b.implied_start ||
        a.implied_end != b.implied_end || a.flagged != b.flagged ||
        b.errors > a.errors) {
        return tu_error_set(err, TU_EINVALID,
                            "the merged HTML would not parse like the original "
                            "(%zu elements and %zu parse errors instead of %zu and %zu): "
                            "the codes of a target are placed so that the HTML "
                            "nests wrongly; not merged",
                            b.elements, b.errors, a.elements, a.errors);
    }
    return TU_OK;
}

static const char *const html_suffixes[] = {".html", ".htm", ".xhtml", NULL};

const struct fx_filter fx_filter_html = {
    .name = "html",
    .datatype = "html",
    .extension = "html",
    .suffixes = html_suffixes,
    .sniff = html_sniff,
    .extract = html_extract,
    .escape = html_escape,
    .verify = html_verify,
};
