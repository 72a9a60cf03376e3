/*
 * XLIFF writers: the model -> XLIFF 2.1/2.2 or 1.2 through libxml2's
 * xmlTextWriter, so the output is always well-formed. Codes without ids get
 * generated ones; 2.x original data goes to <originalData> with one <data>
 * per distinct markup; 1.2 keeps original data as bpt/ept/ph content.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include <tumac/alloc.h>
#include <tumac/fileio.h>
#include <tumac/xliff.h>

#include "xliff-int.h"

#define X(s) ((const xmlChar *)(s))

struct wctx {
    xmlTextWriterPtr w;
    enum tu_xliff_version version;
    int rc;       /* first negative libxml2 result */
    unsigned gen; /* counter for generated ids */
    /* per unit: distinct original data -> d<N> */
    const char **data;
    size_t data_count;
    size_t data_cap;
    bool oom;
    /* where we are, for a refusal: the unit and the element being written */
    const char *unit;
    const char *elem;
    char refused[300]; /* the first thing XML 1.0 cannot carry, else "" */
};

static void chk(struct wctx *c, int r)
{
    if (r < 0 && c->rc >= 0) {
        c->rc = r;
    }
}

static void start(struct wctx *c, const char *name)
{
    c->elem = name;
    chk(c, xmlTextWriterStartElement(c->w, X(name)));
}

/*
 * The next character of `s` that XML 1.0 cannot carry (section 2.2: C0
 * controls but tab, LF and CR; U+FFFE, U+FFFF; a byte that is not UTF-8),
 * or NULL. *cp gets its code point (-1 for a bad byte), *len its length.
 */
static const char *xml_forbidden(const char *s, long *cp, size_t *len)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') {
            *cp = *p;
            *len = 1;
            return (const char *)p;
        }
        if (*p < 0x80) {
            continue;
        }
        /* a multibyte sequence: well-formed UTF-8 (no surrogates, overlongs) */
        size_t n = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC2 ? 2 : 0;
        unsigned long v = n == 4 ? (*p & 0x07u) : n == 3 ? (*p & 0x0Fu) : (*p & 0x1Fu);
        size_t k = 1;
        for (; n > 0 && k < n && (p[k] & 0xC0) == 0x80; k++) {
            v = (v << 6) | (p[k] & 0x3Fu);
        }
        if (n == 0 || *p > 0xF4 || k < n || (n == 3 && v < 0x800) || (n == 4 && v < 0x10000) ||
            v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
            *cp = -1;
            *len = 1;
            return (const char *)p;
        }
        if (v == 0xFFFE || v == 0xFFFF) {
            *cp = (long)v;
            *len = n;
            return (const char *)p;
        }
        p += n - 1;
    }
    return NULL;
}

/*
 * Records that a value holds a character the output cannot carry; the write
 * then fails with this message (the first one) and writes nothing. The
 * value is the attribute `attr` of element `el`, or (attr NULL) its text.
 */
static void refuse(struct wctx *c, const char *el, const char *attr, const char *bad, long cp)
{
    char ch[40], what[100];
    if (c->refused[0] != '\0') {
        return;
    }
    if (cp < 0) {
        snprintf(ch, sizeof ch, "the byte 0x%02X (not UTF-8)", (unsigned)(unsigned char)*bad);
    } else {
        snprintf(ch, sizeof ch, "the character U+%04lX", (unsigned long)cp);
    }
    if (attr != NULL) {
        snprintf(what, sizeof what, "the %s attribute of <%s>", attr, el);
    } else {
        snprintf(what, sizeof what, "the text of <%s>", el);
    }
    snprintf(c->refused, sizeof c->refused,
             "%s%s%s%s holds %s, which XML 1.0 does not allow and XLIFF %s cannot escape there",
             c->unit ? "unit " : "", c->unit ? c->unit : "", c->unit ? ": " : "", what, ch,
             tu_xliff_version_name(c->version));
}

/* true when `s` (see refuse) can be written as it is; else refused */
static bool writable(struct wctx *c, const char *attr, const char *s)
{
    long cp;
    size_t len;
    const char *bad = xml_forbidden(s, &cp, &len);
    if (bad != NULL) {
        refuse(c, c->elem ? c->elem : "?", attr, bad, cp);
    }
    return bad == NULL;
}

static void end(struct wctx *c)
{
    chk(c, xmlTextWriterEndElement(c->w));
}

static void attr(struct wctx *c, const char *name, const char *value)
{
    if (value != NULL && writable(c, name, value)) {
        chk(c, xmlTextWriterWriteAttribute(c->w, X(name), X(value)));
    }
}

static void text(struct wctx *c, const char *s)
{
    if (s != NULL && *s && writable(c, NULL, s)) {
        chk(c, xmlTextWriterWriteString(c->w, X(s)));
    }
}

/*
 * Inline text and 2.x <data> (in element `in`): characters XML cannot carry
 * become <cp hex/> in 2.x (2.1 4.2.3.1; <data> allows <cp> too). 1.2 has no
 * way to say them, so it refuses them (dropping them lost text silently:
 * merge gave "ab" for "a\vb"), as it refuses a byte that is not UTF-8.
 */
static void text_cp(struct wctx *c, const char *s, const char *in)
{
    long cp;
    size_t len;
    const char *bad;
    if (s == NULL) {
        return;
    }
    while ((bad = xml_forbidden(s, &cp, &len)) != NULL) {
        if (cp < 0 || c->version == TU_XLIFF_1_2) {
            refuse(c, in, NULL, bad, cp);
            return;
        }
        if (bad > s) {
            chk(c, xmlTextWriterWriteFormatString(c->w, "%.*s", (int)(bad - s), s));
        }
        char hex[24];
        snprintf(hex, sizeof hex, "%04lX", (unsigned long)cp);
        chk(c, xmlTextWriterStartElement(c->w, X("cp")));
        chk(c, xmlTextWriterWriteAttribute(c->w, X("hex"), X(hex)));
        chk(c, xmlTextWriterEndElement(c->w));
        s = bad + len;
    }
    if (*s) {
        chk(c, xmlTextWriterWriteString(c->w, X(s)));
    }
}

static void extra_attrs(struct wctx *c, const struct tu_attrs *a)
{
    for (size_t i = 0; i < a->count; i++) {
        const struct tu_attr *at = &a->items[i];
        if (at->ns == NULL || strncmp(at->name, "xml:", 4) == 0 ||
            strcmp(at->ns, "http://www.w3.org/XML/1998/namespace") == 0) {
            const char *n = at->name;
            char buf[128];
            if (at->ns != NULL && strncmp(n, "xml:", 4) != 0) {
                snprintf(buf, sizeof buf, "xml:%s", n);
                n = buf;
            }
            attr(c, n, at->value);
        } else {
            char prefix[32];
            snprintf(prefix, sizeof prefix, "x%u", ++c->gen);
            if (writable(c, at->name, at->value)) {
                chk(c, xmlTextWriterWriteAttributeNS(c->w, X(prefix), X(at->name),
                                                     X(at->ns), X(at->value)));
            }
        }
    }
}

static void exts(struct wctx *c, const struct tu_exts *e)
{
    for (size_t i = 0; i < e->count; i++) {
        if (e->items[i].xml != NULL && writable(c, NULL, e->items[i].xml)) {
            chk(c, xmlTextWriterWriteRaw(c->w, X(e->items[i].xml)));
        }
    }
}

/* a kept element that is <mda:metadata> (its start tag names it) */
static bool is_metadata_ext(const char *xml)
{
    const char *gt = strchr(xml, '>');
    size_t tag = gt ? (size_t)(gt - xml) : strlen(xml);
    const char *ns = strstr(xml, MDA_NS);
    size_t name = strcspn(xml, " \t\r\n/>"); /* "<prefix:local" */
    const char *colon = memchr(xml, ':', name);
    const char *local = colon ? colon + 1 : xml + 1;
    return xml[0] == '<' && (size_t)(xml + name - local) == 8 && strncmp(local, "metadata", 8) == 0 &&
           ns && (size_t)(ns - xml) < tag;
}

/* the kept extension elements that are (or are not) <mda:metadata> */
static void exts_where(struct wctx *c, const struct tu_exts *e, bool metadata)
{
    for (size_t i = 0; i < e->count; i++) {
        if (e->items[i].xml != NULL && is_metadata_ext(e->items[i].xml) == metadata &&
            writable(c, NULL, e->items[i].xml)) {
            chk(c, xmlTextWriterWriteRaw(c->w, X(e->items[i].xml)));
        }
    }
}

static void translate_attr(struct wctx *c, int translate)
{
    if (translate == 0) {
        attr(c, "translate", "no");
    } else if (translate == 1) {
        attr(c, "translate", "yes");
    }
}

/* ---------------------------------------------------------------- 2.x */

static const char *data_ref(struct wctx *c, const char *data, char *idbuf,
                            size_t cap)
{
    size_t i;
    if (data == NULL) {
        return NULL;
    }
    for (i = 0; i < c->data_count; i++) {
        if (strcmp(c->data[i], data) == 0) {
            break;
        }
    }
    if (i == c->data_count) {
        if (c->data_count == c->data_cap) {
            size_t ncap = c->data_cap ? c->data_cap * 2 : 8;
            const char **n = tu_realloc(c->data, ncap * sizeof *n);
            if (n == NULL) {
                c->oom = true;
                return NULL;
            }
            c->data = n;
            c->data_cap = ncap;
        }
        c->data[c->data_count++] = data;
    }
    snprintf(idbuf, cap, "d%zu", i + 1);
    return idbuf;
}

static void collect_data(struct wctx *c, const struct tu_content *ct)
{
    char buf[32];
    for (size_t i = 0; i < ct->count; i++) {
        const struct tu_inline *in = &ct->items[i];
        switch (in->kind) {
        case TU_INLINE_PH:
        case TU_INLINE_SC:
        case TU_INLINE_EC:
            data_ref(c, in->data, buf, sizeof buf);
            break;
        case TU_INLINE_PC_START:
            data_ref(c, in->data, buf, sizeof buf);
            data_ref(c, in->data_end, buf, sizeof buf);
            break;
        default:
            break;
        }
    }
}

static void code_hints(struct wctx *c, const struct tu_inline *in)
{
    if (in->flags & TU_INLINE_NO_COPY) {
        attr(c, "canCopy", "no");
    }
    if (in->flags & TU_INLINE_NO_DELETE) {
        attr(c, "canDelete", "no");
    }
    if (in->reorder == TU_REORDER_FIRSTNO) {
        attr(c, "canReorder", "firstNo");
    } else if (in->reorder == TU_REORDER_NO) {
        attr(c, "canReorder", "no");
    }
}

/* The id of a code of `ct`; one without an id is named by its place, so
 * the end of a paired code finds the id its start got and writing what was
 * read back gives the same ids (a counter gave "c9" to a start, "c10" and
 * "c11" to the id and rid of its end). */
static const char *code_id(const struct tu_content *ct, const struct tu_inline *in,
                           char *buf, size_t cap)
{
    if (in->id != NULL && *in->id) {
        return in->id;
    }
    snprintf(buf, cap, "c%zu", (size_t)(in - ct->items) + 1);
    return buf;
}

/* 2.x type values for codes and markers as the schema allows them. */
static bool code_type_ok(const char *t)
{
    static const char *const ok[] = {"fmt", "ui", "quote", "link", "image", "other"};
    for (size_t i = 0; t && i < sizeof ok / sizeof *ok; i++) {
        if (strcmp(t, ok[i]) == 0) {
            return true;
        }
    }
    return false;
}

static bool subtype_ok(const char *s)
{
    const char *colon = s ? strchr(s, ':') : NULL;
    return colon != NULL && colon != s && colon[1] != '\0';
}

static void write_content20(struct wctx *c, const char *elname,
                            const struct tu_content *ct, bool is_target,
                            int order)
{
    char buf[32], ibuf[32];
    int depth = 0;

    start(c, elname);
    (void)is_target;
    attr(c, "xml:lang", ct->lang);
    attr(c, "xml:space", ct->space);
    if (order > 0) {
        snprintf(buf, sizeof buf, "%d", order);
        attr(c, "order", buf);
    }
    extra_attrs(c, &ct->extra);
    for (size_t i = 0; i < ct->count; i++) {
        const struct tu_inline *in = &ct->items[i];
        const bool typed = code_type_ok(in->type);
        switch (in->kind) {
        case TU_INLINE_TEXT:
            text_cp(c, in->text, elname);
            break;
        case TU_INLINE_PH:
        case TU_INLINE_SC:
        case TU_INLINE_EC:
            start(c, in->kind == TU_INLINE_PH ? "ph"
                     : in->kind == TU_INLINE_SC ? "sc" : "ec");
            if (in->kind == TU_INLINE_EC && !(in->flags & TU_INLINE_ISOLATED)) {
                attr(c, "startRef", code_id(ct, in, ibuf, sizeof ibuf));
            } else {
                attr(c, "id", code_id(ct, in, ibuf, sizeof ibuf));
            }
            if (in->flags & TU_INLINE_ISOLATED) {
                attr(c, "isolated", "yes");
            }
            code_hints(c, in);
            if (in->kind != TU_INLINE_PH && (in->flags & TU_INLINE_NO_OVERLAP)) {
                attr(c, "canOverlap", "no");
            }
            attr(c, "copyOf", in->copy_of);
            attr(c, "dataRef", data_ref(c, in->data, buf, sizeof buf));
            if (in->kind == TU_INLINE_EC && (in->flags & TU_INLINE_ISOLATED)) {
                attr(c, "dir", in->dir);
            } else if (in->kind == TU_INLINE_SC) {
                attr(c, "dir", in->dir);
            }
            attr(c, "disp", in->disp);
            attr(c, "equiv", in->equiv);
            attr(c, "subFlows", in->sub_flows);
            if (typed) {
                attr(c, "type", in->type);
                if (subtype_ok(in->subtype)) {
                    attr(c, "subType", in->subtype);
                }
            }
            extra_attrs(c, &in->extra);
            end(c);
            break;
        case TU_INLINE_PC_START:
            start(c, "pc");
            depth++;
            attr(c, "id", code_id(ct, in, ibuf, sizeof ibuf));
            code_hints(c, in);
            if (in->flags & TU_INLINE_NO_OVERLAP) {
                attr(c, "canOverlap", "no");
            }
            attr(c, "copyOf", in->copy_of);
            attr(c, "dataRefStart", data_ref(c, in->data, buf, sizeof buf));
            attr(c, "dataRefEnd", data_ref(c, in->data_end, buf, sizeof buf));
            attr(c, "dir", in->dir);
            attr(c, "dispStart", in->disp);
            attr(c, "dispEnd", in->disp_end);
            attr(c, "equivStart", in->equiv);
            attr(c, "equivEnd", in->equiv_end);
            attr(c, "subFlowsStart", in->sub_flows);
            if (typed) {
                attr(c, "type", in->type);
                if (subtype_ok(in->subtype)) {
                    attr(c, "subType", in->subtype);
                }
            }
            extra_attrs(c, &in->extra);
            break;
        case TU_INLINE_MRK_START:
        case TU_INLINE_SM:
            start(c, in->kind == TU_INLINE_SM ? "sm" : "mrk");
            if (in->kind == TU_INLINE_MRK_START) {
                depth++;
            }
            attr(c, "id", code_id(ct, in, ibuf, sizeof ibuf));
            if (in->flags & TU_INLINE_TRANSLATE_NO) {
                attr(c, "translate", "no");
            } else if (in->flags & TU_INLINE_TRANSLATE_YES) {
                attr(c, "translate", "yes");
            }
            attr(c, "type", in->type);
            attr(c, "ref", in->ref);
            attr(c, "value", in->value);
            extra_attrs(c, &in->extra);
            if (in->kind == TU_INLINE_SM) {
                end(c);
            }
            break;
        case TU_INLINE_EM:
            start(c, "em");
            attr(c, "startRef", code_id(ct, in, ibuf, sizeof ibuf));
            end(c);
            break;
        case TU_INLINE_PC_END:
        case TU_INLINE_MRK_END:
            if (depth > 0) {
                end(c);
                depth--;
            }
            break;
        }
    }
    while (depth-- > 0) {
        end(c);
    }
    end(c);
}

/* <originalData>: one <data id="dN"> per distinct markup */
static void write_odata(struct wctx *c, const char *const *data, size_t count)
{
    char buf[32];
    if (count == 0) {
        return;
    }
    start(c, "originalData");
    for (size_t k = 0; k < count; k++) {
        snprintf(buf, sizeof buf, "d%zu", k + 1);
        start(c, "data");
        attr(c, "id", buf);
        text_cp(c, data[k], "data");
        end(c);
    }
    end(c);
}

static void write_notes20(struct wctx *c, const struct tu_notes *n)
{
    if (n->count == 0) {
        return;
    }
    start(c, "notes");
    for (size_t i = 0; i < n->count; i++) {
        const struct tu_note *no = &n->items[i];
        start(c, "note");
        attr(c, "id", no->id);
        attr(c, "appliesTo", no->applies_to);
        attr(c, "category", no->category);
        attr(c, "priority", no->priority);
        extra_attrs(c, &no->extra);
        text(c, no->text);
        end(c);
    }
    end(c);
}

static void write_metas20(struct wctx *c, const struct tu_metas *m)
{
    if (m->count == 0) {
        return;
    }
    start(c, "mda:metadata");
    for (size_t i = 0; i < m->count;) {
        size_t j = i;
        start(c, "mda:metaGroup");
        attr(c, "id", m->items[i].group_id);
        attr(c, "category", m->items[i].group_category);
        /* consecutive entries of one group share one metaGroup */
        while (j < m->count &&
               ((m->items[j].group_category == NULL &&
                 m->items[i].group_category == NULL) ||
                (m->items[j].group_category && m->items[i].group_category &&
                 strcmp(m->items[j].group_category, m->items[i].group_category) == 0)) &&
               ((m->items[j].group_id == NULL && m->items[i].group_id == NULL) ||
                (m->items[j].group_id && m->items[i].group_id &&
                 strcmp(m->items[j].group_id, m->items[i].group_id) == 0))) {
            start(c, "mda:meta");
            attr(c, "type", m->items[j].type ? m->items[j].type : "");
            text(c, m->items[j].value);
            end(c);
            j++;
        }
        end(c);
        i = j;
    }
    end(c);
}

static void fmt_num(char *buf, size_t cap, double v)
{
    snprintf(buf, cap, "%.2f", v);
    /* trim "85.00" -> "85" */
    char *dot = strchr(buf, '.');
    if (dot != NULL) {
        char *e = buf + strlen(buf) - 1;
        while (e > dot && *e == '0') {
            *e-- = '\0';
        }
        if (e == dot) {
            *e = '\0';
        }
    }
}

static void write_matches20(struct wctx *c, const struct tu_unit *u,
                            const char *first_seg)
{
    char buf[64];
    if (u->match_count == 0) {
        return;
    }
    start(c, "mtc:matches");
    for (size_t i = 0; i < u->match_count; i++) {
        const struct tu_match *m = &u->matches[i];
        struct wctx sub = *c;
        start(c, "mtc:match");
        attr(c, "id", m->id);
        if (m->match_quality >= 0 && m->match_quality <= 100) {
            fmt_num(buf, sizeof buf, m->match_quality);
            attr(c, "matchQuality", buf);
        }
        attr(c, "origin", m->origin);
        if (m->ref != NULL && m->ref[0] == '#') {
            attr(c, "ref", m->ref);
        } else {
            snprintf(buf, sizeof buf, "#%s", m->ref ? m->ref : first_seg);
            attr(c, "ref", buf);
        }
        if (m->reference) {
            attr(c, "reference", "yes");
        }
        if (m->similarity >= 0 && m->similarity <= 100) {
            fmt_num(buf, sizeof buf, m->similarity);
            attr(c, "similarity", buf);
        }
        if (m->subtype && subtype_ok(m->subtype)) {
            attr(c, "subType", m->subtype);
        }
        if (m->type != NULL) {
            static const char *const ok[] = {"am", "mt", "icm", "idm", "tb", "tm", "other"};
            for (size_t k = 0; k < sizeof ok / sizeof *ok; k++) {
                if (strcmp(m->type, ok[k]) == 0) {
                    attr(c, "type", m->type);
                }
            }
        }
        extra_attrs(c, &m->extra);
        /* the match's own <mda:metadata> comes first (5.1.5.2) */
        exts_where(c, &m->exts, true);
        if (m->note != NULL) {
            char cat[] = "tumac", typ[] = "note";
            struct tu_meta me = {NULL, cat, typ, m->note};
            struct tu_metas ms = {&me, 1, 1};
            write_metas20(c, &ms);
        }
        /* the candidate's codes get their own originalData */
        sub.data = NULL;
        sub.data_count = sub.data_cap = 0;
        collect_data(&sub, &m->source);
        collect_data(&sub, &m->target);
        write_odata(c, sub.data, sub.data_count);
        sub.rc = c->rc;
        write_content20(&sub, "source", &m->source, false, 0);
        write_content20(&sub, "target", &m->target, true, 0);
        c->rc = sub.rc;
        c->gen = sub.gen;
        c->oom |= sub.oom;
        tu_free(sub.data);
        exts_where(c, &m->exts, false);
        end(c);
    }
    end(c);
}


/* `id` is taken by a segment, ignorable or inline code of the unit */
static bool unit_uses_id(const struct tu_unit *u, const char *id)
{
    for (size_t i = 0; i < u->seg_count; i++) {
        const struct tu_segment *s = &u->segs[i];
        if (s->id && strcmp(s->id, id) == 0) {
            return true;
        }
        for (size_t k = 0; k < s->source.count; k++) {
            if (s->source.items[k].id && strcmp(s->source.items[k].id, id) == 0) {
                return true;
            }
        }
    }
    return false;
}

static void write_unit20(struct wctx *c, const struct tu_unit *u)
{
    char buf[32], sbuf[32], fbuf[32];
    const char *first_seg = NULL;
    const struct tu_segment *first = NULL;

    start(c, "unit");
    if (u->id != NULL) {
        attr(c, "id", u->id);
    } else {
        snprintf(buf, sizeof buf, "u%u", ++c->gen);
        attr(c, "id", buf);
    }
    c->unit = u->id != NULL ? u->id : buf;
    attr(c, "name", u->name);
    if (u->type && subtype_ok(u->type)) {
        attr(c, "type", u->type);
    }
    translate_attr(c, u->translate);
    attr(c, "xml:space", u->space);
    extra_attrs(c, &u->extra);

    /* the first segment's id: what mtc:match refs without their own point to */
    for (size_t i = 0; i < u->seg_count && first == NULL; i++) {
        if (!u->segs[i].is_ignorable) {
            first = &u->segs[i];
        }
    }
    if (first != NULL && first->id != NULL) {
        first_seg = first->id;
    } else if (!unit_uses_id(u, "s1")) {
        first_seg = "s1";
    } else {
        do {
            snprintf(fbuf, sizeof fbuf, "s%u", ++c->gen);
        } while (unit_uses_id(u, fbuf));
        first_seg = fbuf;
    }
    write_matches20(c, u, first_seg);
    write_metas20(c, &u->meta);
    exts(c, &u->exts);
    write_notes20(c, &u->notes);

    c->data_count = 0;
    for (size_t i = 0; i < u->seg_count; i++) {
        collect_data(c, &u->segs[i].source);
        collect_data(c, &u->segs[i].target);
    }
    write_odata(c, c->data, c->data_count);
    bool any_seg = false;
    for (size_t i = 0; i < u->seg_count; i++) {
        const struct tu_segment *s = &u->segs[i];
        any_seg |= !s->is_ignorable;
        start(c, s->is_ignorable ? "ignorable" : "segment");
        if (s->id != NULL) {
            attr(c, "id", s->id);
        } else if (s == first) {
            attr(c, "id", first_seg);
        } else if (!s->is_ignorable) {
            /* a generated id must not take one the unit already uses */
            do {
                snprintf(sbuf, sizeof sbuf, "s%u", ++c->gen);
            } while (unit_uses_id(u, sbuf) || strcmp(sbuf, first_seg) == 0);
            attr(c, "id", sbuf);
        }
        if (!s->is_ignorable) {
            if (s->can_resegment_no) {
                attr(c, "canResegment", "no");
            }
            enum tu_state st = s->state;
            if (!s->has_target && st > TU_STATE_INITIAL) {
                st = TU_STATE_INITIAL;
            }
            if (st != TU_STATE_NONE) {
                attr(c, "state", tu_state_name(st));
                if (subtype_ok(s->sub_state) && st == s->state) {
                    attr(c, "subState", s->sub_state);
                }
            }
        }
        extra_attrs(c, &s->extra);
        write_content20(c, "source", &s->source, false, 0);
        if (s->has_target) {
            write_content20(c, "target", &s->target, true, 0);
        }
        end(c);
    }
    if (!any_seg) {
        /* a unit must hold a segment (2.1 §4.2.2.5); it gets the id a
         * re-read of it is written with */
        start(c, "segment");
        attr(c, "id", first_seg);
        start(c, "source");
        end(c);
        end(c);
    }
    end(c);
    c->unit = NULL;
}

static void write_nodes20(struct wctx *c, const struct tu_nodes *n);

static void write_group20(struct wctx *c, const struct tu_group *g)
{
    char buf[32];
    start(c, "group");
    if (g->id != NULL) {
        attr(c, "id", g->id);
    } else {
        snprintf(buf, sizeof buf, "g%u", ++c->gen);
        attr(c, "id", buf);
    }
    attr(c, "name", g->name);
    if (g->type && subtype_ok(g->type)) {
        attr(c, "type", g->type);
    }
    translate_attr(c, g->translate);
    attr(c, "xml:space", g->space);
    extra_attrs(c, &g->extra);
    write_metas20(c, &g->meta);
    exts(c, &g->exts);
    write_notes20(c, &g->notes);
    write_nodes20(c, &g->children);
    end(c);
}

static void write_nodes20(struct wctx *c, const struct tu_nodes *n)
{
    for (size_t i = 0; i < n->count; i++) {
        if (n->items[i].is_group) {
            write_group20(c, n->items[i].u.group);
        } else {
            write_unit20(c, n->items[i].u.unit);
        }
    }
}

static const char *doc_lang(const struct tu_doc *d, bool target)
{
    const char *l = target ? d->trg_lang : d->src_lang;
    for (size_t i = 0; l == NULL && i < d->file_count; i++) {
        l = target ? d->files[i]->trg_lang : d->files[i]->src_lang;
    }
    return l;
}

static void write_doc20(struct wctx *c, const struct tu_doc *d)
{
    char buf[32];
    const char *ns = c->version == TU_XLIFF_2_2 ? XLIFF22_NS : XLIFF20_NS;

    start(c, "xliff");
    attr(c, "xmlns", ns);
    attr(c, "xmlns:mtc", MTC_NS);
    attr(c, "xmlns:mda", MDA_NS);
    attr(c, "version", tu_xliff_version_name(c->version));
    attr(c, "srcLang", doc_lang(d, false) ? doc_lang(d, false) : "und");
    attr(c, "trgLang", doc_lang(d, true));
    extra_attrs(c, &d->extra);
    /*
     * 2.2 allows <notes> and <mda:metadata> before the files (kept as the
     * document's extension children); 2.0/2.1 allow nothing but <file>
     * there, so such content cannot be written in those versions.
     */
    if (c->version == TU_XLIFF_2_2) {
        exts(c, &d->exts);
    }
    for (size_t i = 0; i < d->file_count; i++) {
        const struct tu_file *f = d->files[i];
        start(c, "file");
        if (f->id != NULL) {
            attr(c, "id", f->id);
        } else {
            snprintf(buf, sizeof buf, "f%zu", i + 1);
            attr(c, "id", buf);
        }
        attr(c, "original", f->original);
        translate_attr(c, f->translate);
        attr(c, "xml:space", f->space);
        extra_attrs(c, &f->extra);
        if (f->skeleton != NULL || f->skeleton_href != NULL) {
            start(c, "skeleton");
            if (f->skeleton == NULL || f->skeleton[0] == '\0') {
                attr(c, "href", f->skeleton_href);
            }
            text(c, f->skeleton);
            end(c);
        }
        write_metas20(c, &f->meta);
        exts(c, &f->exts);
        write_notes20(c, &f->notes);
        write_nodes20(c, &f->children);
        if (f->children.count == 0) {
            start(c, "unit");
            attr(c, "id", "u-empty");
            start(c, "segment");
            attr(c, "id", "s1"); /* what a re-read of this unit gets written with */
            start(c, "source");
            end(c);
            end(c);
            end(c);
        }
        end(c);
    }
    end(c);
}

/* ---------------------------------------------------------------- 1.2 */

static void write_content12(struct wctx *c, const struct tu_content *ct)
{
    char ibuf[32];
    int depth = 0;
    for (size_t i = 0; i < ct->count; i++) {
        const struct tu_inline *in = &ct->items[i];
        const char *id = code_id(ct, in, ibuf, sizeof ibuf);
        switch (in->kind) {
        case TU_INLINE_TEXT:
            text_cp(c, in->text, "source> or <target");
            break;
        case TU_INLINE_PH:
            start(c, in->data ? "ph" : "x");
            attr(c, "id", id);
            attr(c, "equiv-text", in->equiv);
            text(c, in->data);
            end(c);
            break;
        case TU_INLINE_PC_START:
            if (in->data != NULL || in->data_end != NULL) {
                /* keep original data: bpt/ept, paired again on reading */
                start(c, "bpt");
                attr(c, "id", id);
                attr(c, "rid", id);
                attr(c, "equiv-text", in->equiv);
                text(c, in->data);
                end(c);
            } else {
                start(c, "g");
                attr(c, "id", id);
                depth++;
            }
            break;
        case TU_INLINE_PC_END: {
            const struct tu_inline *st = NULL;
            int level = 0;
            for (size_t k = i; k-- > 0;) {
                const struct tu_inline *p = &ct->items[k];
                if (p->kind == TU_INLINE_PC_END) {
                    level++;
                } else if (p->kind == TU_INLINE_PC_START) {
                    if (level == 0) {
                        st = p;
                        break;
                    }
                    level--;
                }
            }
            if (st != NULL && (st->data != NULL || st->data_end != NULL)) {
                char eb[40];
                snprintf(eb, sizeof eb, "%s-e", code_id(ct, st, ibuf, sizeof ibuf));
                start(c, "ept");
                attr(c, "id", eb);
                attr(c, "rid", code_id(ct, st, ibuf, sizeof ibuf));
                attr(c, "equiv-text", st->equiv_end);
                text(c, st->data_end);
                end(c);
            } else if (depth > 0) {
                end(c);
                depth--;
            }
            break;
        }
        case TU_INLINE_SC:
        case TU_INLINE_EC:
            if (in->flags & TU_INLINE_ISOLATED) {
                start(c, "it");
                attr(c, "id", id);
                attr(c, "pos", in->kind == TU_INLINE_SC ? "open" : "close");
                attr(c, "equiv-text", in->equiv);
                text(c, in->data);
                end(c);
            } else if (in->data != NULL) {
                char eb[40];
                start(c, in->kind == TU_INLINE_SC ? "bpt" : "ept");
                if (in->kind == TU_INLINE_EC) {
                    snprintf(eb, sizeof eb, "%s-e", id);
                    attr(c, "id", eb);
                } else {
                    attr(c, "id", id);
                }
                attr(c, "rid", id);
                attr(c, "equiv-text", in->equiv);
                text(c, in->data);
                end(c);
            } else {
                start(c, in->kind == TU_INLINE_SC ? "bx" : "ex");
                if (in->kind == TU_INLINE_EC) {
                    char eb[40];
                    snprintf(eb, sizeof eb, "%s-e", id);
                    attr(c, "id", eb);
                } else {
                    attr(c, "id", id);
                }
                attr(c, "rid", id);
                attr(c, "equiv-text", in->equiv);
                end(c);
            }
            break;
        case TU_INLINE_MRK_START: {
            char mt[80];
            start(c, "mrk");
            depth++;
            if (in->flags & TU_INLINE_TRANSLATE_NO) {
                attr(c, "mtype", "protected");
            } else if (in->type && strcmp(in->type, "term") == 0) {
                attr(c, "mtype", "term");
            } else {
                snprintf(mt, sizeof mt, "x-%s", in->type ? in->type : "generic");
                attr(c, "mtype", mt);
            }
            /* no mid: 1.2 keyrefs every target mrk/@mid to a seg-source segment */
            if (in->value != NULL && in->type && strcmp(in->type, "comment") == 0) {
                attr(c, "comment", in->value);
            }
            break;
        }
        case TU_INLINE_MRK_END:
            if (depth > 0) {
                end(c);
                depth--;
            }
            break;
        case TU_INLINE_SM:
        case TU_INLINE_EM:
            break; /* 1.2 has no marker split across elements */
        }
    }
    while (depth-- > 0) {
        end(c);
    }
}

static const char *state12(enum tu_state st)
{
    switch (st) {
    case TU_STATE_INITIAL:
        return "needs-translation";
    case TU_STATE_TRANSLATED:
        return "translated";
    case TU_STATE_REVIEWED:
        return "signed-off";
    case TU_STATE_FINAL:
        return "final";
    default:
        return NULL;
    }
}

static bool qualifier_ok(const char *q)
{
    static const char *const ok[] = {
        "exact-match", "fuzzy-match", "id-match", "leveraged-glossary",
        "leveraged-inherited", "leveraged-mt", "leveraged-repository",
        "leveraged-tm", "mt-suggestion", "rejected-grammar",
        "rejected-inaccurate", "rejected-length", "rejected-spelling",
        "tm-suggestion"};
    for (size_t i = 0; q && i < sizeof ok / sizeof *ok; i++) {
        if (strcmp(q, ok[i]) == 0) {
            return true;
        }
    }
    return false;
}

/* The mid of segment i in 1.2: its id, else its number from 1. */
static const char *seg_mid12(const struct tu_unit *u, size_t i, char buf[32])
{
    if (u->segs[i].id != NULL) {
        return u->segs[i].id;
    }
    snprintf(buf, 32, "%zu", i + 1);
    return buf;
}

static void write_segs12(struct wctx *c, const struct tu_unit *u, bool target,
                         bool mark)
{
    for (size_t i = 0; i < u->seg_count; i++) {
        const struct tu_segment *s = &u->segs[i];
        const struct tu_content *ct = target ? &s->target : &s->source;
        if (target && !s->has_target) {
            /* untranslated: the source, as CAT tools (OmegaT) expect; the
             * unit's state says it is not a translation (see read.c) */
            ct = &s->source;
        }
        if (mark && !s->is_ignorable) {
            char buf[32];
            start(c, "mrk");
            attr(c, "mtype", "seg");
            attr(c, "mid", seg_mid12(u, i, buf));
            write_content12(c, ct);
            end(c);
        } else {
            write_content12(c, ct);
        }
    }
}

/*
 * A unit with translated and untranslated segments: the mids of the
 * untranslated ones, so that a translation identical to its source is told
 * from a source copy (the unit's state covers all of them; see read.c).
 */
static void write_untranslated12(struct wctx *c, const struct tu_unit *u)
{
    struct tu_buf list;
    size_t done = 0, open = 0;
    char buf[32];

    for (size_t i = 0; i < u->seg_count; i++) {
        done += !u->segs[i].is_ignorable && u->segs[i].has_target;
        open += !u->segs[i].is_ignorable && !u->segs[i].has_target;
    }
    if (done == 0 || open == 0) {
        return;
    }
    tu_buf_init(&list, TU_BUF_NO_LIMIT);
    for (size_t i = 0; i < u->seg_count; i++) {
        if (!u->segs[i].is_ignorable && !u->segs[i].has_target) {
            tu_buf_printf(&list, "%s%s", list.len ? " " : "", seg_mid12(u, i, buf));
        }
    }
    start(c, "context-group"); /* no name: names are unique per <file> */
    attr(c, "purpose", "information");
    start(c, "context");
    attr(c, "context-type", TU_XLIFF12_UNTRANSLATED);
    text(c, list.len ? list.data : "");
    end(c);
    end(c);
    tu_buf_release(&list);
}

static void write_unit12(struct wctx *c, const struct tu_unit *u)
{
    char buf[32];
    bool multi = u->seg_count != 1 || u->segs[0].is_ignorable;
    enum tu_state st = TU_STATE_NONE;
    const char *qual = NULL;

    /* The unit's state is its least-finished segment's; one without a
     * target needs translation, and so does a target without a state (a
     * 2.x one: the state 2.x assumes is initial, and TM import skips it).
     * Written without a state, the 1.2 reader would take it as translated,
     * as it must a stateless 1.2 target from another tool. */
    for (size_t i = 0; i < u->seg_count; i++) {
        const struct tu_segment *s = &u->segs[i];
        enum tu_state ss = s->has_target && s->state != TU_STATE_NONE ? s->state
                                                                      : TU_STATE_INITIAL;
        if (s->is_ignorable) {
            continue;
        }
        if (ss != TU_STATE_NONE && (st == TU_STATE_NONE || ss < st)) {
            st = ss;
        }
        if (qual == NULL && s->has_target && qualifier_ok(s->sub_state)) {
            qual = s->sub_state;
        }
    }
    start(c, "trans-unit");
    if (u->id != NULL) {
        attr(c, "id", u->id);
    } else {
        snprintf(buf, sizeof buf, "u%u", ++c->gen);
        attr(c, "id", buf);
    }
    c->unit = u->id != NULL ? u->id : buf;
    attr(c, "resname", u->name);
    translate_attr(c, u->translate);
    attr(c, "xml:space", u->space);
    if (st >= TU_STATE_REVIEWED) {
        attr(c, "approved", "yes"); /* what PO tools read as not fuzzy */
    }
    /* 2.x extensions stay out: 1.2 strict demands schemas for them */
    start(c, "source");
    if (u->seg_count > 0) {
        attr(c, "xml:lang", u->segs[0].source.lang);
    }
    write_segs12(c, u, false, false);
    end(c);
    if (multi) {
        start(c, "seg-source");
        write_segs12(c, u, false, true);
        end(c);
    }
    if (st != TU_STATE_NONE) {
        /* (none when the unit has only ignorables: a stateless <target>
         * would read back as a translated one) */
        start(c, "target");
        attr(c, "state", state12(st));
        attr(c, "state-qualifier", qual);
        write_segs12(c, u, true, multi);
        end(c);
    }
    write_untranslated12(c, u);
    for (size_t i = 0; i < u->match_count; i++) {
        const struct tu_match *m = &u->matches[i];
        start(c, "alt-trans");
        if (multi && m->ref != NULL) {
            attr(c, "mid", m->ref[0] == '#' ? m->ref + 1 : m->ref);
        }
        double q = m->match_quality >= 0 ? m->match_quality : m->similarity;
        if (q >= 0) {
            fmt_num(buf, sizeof buf, q);
            attr(c, "match-quality", buf);
        }
        attr(c, "origin", m->origin);
        if (m->subtype != NULL || m->type != NULL) {
            char t[96];
            snprintf(t, sizeof t, "x-%s", m->subtype ? m->subtype : m->type);
            for (char *p = t; *p; p++) {
                if (*p == ':') {
                    *p = '-';
                }
            }
            attr(c, "alttranstype", strcmp(t, "x-proposal") ? "proposal" : "proposal");
        }
        start(c, "source");
        write_content12(c, &m->source);
        end(c);
        start(c, "target");
        write_content12(c, &m->target);
        end(c);
        if (m->note != NULL) {
            start(c, "note");
            text(c, m->note);
            end(c);
        }
        end(c);
    }
    for (size_t i = 0; i < u->notes.count; i++) {
        const struct tu_note *no = &u->notes.items[i];
        start(c, "note");
        if (no->applies_to != NULL) {
            attr(c, "annotates", strcmp(no->applies_to, "target") == 0 ? "target" : "source");
        }
        attr(c, "priority", no->priority);
        attr(c, "from", no->category);
        text(c, no->text);
        end(c);
    }
    end(c);
    c->unit = NULL;
}

static void write_nodes12(struct wctx *c, const struct tu_nodes *n)
{
    char buf[32];
    for (size_t i = 0; i < n->count; i++) {
        if (!n->items[i].is_group) {
            write_unit12(c, n->items[i].u.unit);
            continue;
        }
        const struct tu_group *g = n->items[i].u.group;
        start(c, "group");
        if (g->id != NULL) {
            attr(c, "id", g->id);
        } else {
            snprintf(buf, sizeof buf, "g%u", ++c->gen);
            attr(c, "id", buf);
        }
        attr(c, "resname", g->name);
        translate_attr(c, g->translate);
        attr(c, "xml:space", g->space);
        for (size_t k = 0; k < g->notes.count; k++) {
            start(c, "note");
            text(c, g->notes.items[k].text);
            end(c);
        }
        write_nodes12(c, &g->children);
        end(c);
    }
}

static void write_doc12(struct wctx *c, const struct tu_doc *d)
{
    start(c, "xliff");
    attr(c, "xmlns", XLIFF12_NS);
    attr(c, "version", "1.2");
    for (size_t i = 0; i < d->file_count; i++) {
        const struct tu_file *f = d->files[i];
        start(c, "file");
        attr(c, "original", f->original ? f->original : (f->id ? f->id : "unknown"));
        attr(c, "source-language",
             f->src_lang ? f->src_lang : (doc_lang(d, false) ? doc_lang(d, false) : "und"));
        attr(c, "target-language", f->trg_lang ? f->trg_lang : doc_lang(d, true));
        attr(c, "datatype", f->datatype ? f->datatype : "plaintext");
        attr(c, "xml:space", f->space);
        if (f->skeleton != NULL || f->skeleton_href != NULL || f->notes.count > 0) {
            start(c, "header");
            if (f->skeleton != NULL) {
                start(c, "skl");
                start(c, "internal-file");
                text(c, f->skeleton);
                end(c);
                end(c);
            } else if (f->skeleton_href != NULL) {
                start(c, "skl");
                start(c, "external-file");
                attr(c, "href", f->skeleton_href);
                end(c);
                end(c);
            }
            for (size_t k = 0; k < f->notes.count; k++) {
                start(c, "note");
                text(c, f->notes.items[k].text);
                end(c);
            }
            end(c);
        }
        start(c, "body");
        write_nodes12(c, &f->children);
        end(c);
        end(c);
    }
    end(c);
}

/* Where the serialization goes: a buffer or a file, chunk by chunk, so the
 * document is never held twice (once by libxml2, once by us). */
struct sink {
    struct tu_buf *buf; /* or */
    FILE *fp;
    bool failed;        /* the buffer was full or the write failed */
    int write_errno;    /* why the write failed */
};

static int sink_write(void *ctx, const char *data, int len)
{
    struct sink *k = ctx;

    if (k->buf != NULL ? tu_buf_add(k->buf, data, (size_t)len) != TU_OK
                       : fwrite(data, 1, (size_t)len, k->fp) != (size_t)len) {
        k->failed = true;
        k->write_errno = errno;
        return -1;
    }
    return len;
}

static int sink_close(void *ctx)
{
    (void)ctx;
    return 0;
}

static enum tu_status write_to(const struct tu_doc *doc,
                               enum tu_xliff_version version, struct sink *k,
                               const char *where, struct tu_error *err)
{
    struct wctx c = {0};
    xmlOutputBufferPtr ob;

    if (version == TU_XLIFF_2_0) {
        version = TU_XLIFF_2_1;
    }
    if (version != TU_XLIFF_1_2 && version != TU_XLIFF_2_1 &&
        version != TU_XLIFF_2_2) {
        return tu_error_at(err, TU_EINVAL, NULL, 0, 0,
                           "cannot write XLIFF version %d", (int)version);
    }
    ob = xmlOutputBufferCreateIO(sink_write, sink_close, k, NULL);
    if (ob == NULL || (c.w = xmlNewTextWriter(ob)) == NULL) {
        if (ob != NULL) {
            xmlOutputBufferClose(ob);
        }
        return tu_error_at(err, TU_ENOMEM, NULL, 0, 0, "out of memory");
    }
    c.version = version;
    xmlTextWriterSetIndent(c.w, 0);
    chk(&c, xmlTextWriterStartDocument(c.w, "1.0", "UTF-8", NULL));
    if (version == TU_XLIFF_1_2) {
        write_doc12(&c, doc);
    } else {
        write_doc20(&c, doc);
    }
    chk(&c, xmlTextWriterEndDocument(c.w));
    xmlFreeTextWriter(c.w); /* flushes and closes ob */
    tu_free(c.data);
    if (c.oom) {
        return tu_error_at(err, TU_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (c.refused[0] != '\0') {
        return tu_error_at(err, TU_EINVAL, NULL, 0, 0, "%s", c.refused);
    }
    if (k->failed) {
        return k->buf != NULL
                   ? tu_error_at(err, k->buf->status, NULL, 0, 0, "output buffer full")
                   : tu_error_at(err, TU_EIO, where, 0, 0, "write failed: %s",
                                 strerror(k->write_errno));
    }
    if (c.rc < 0) {
        return tu_error_at(err, TU_EINVAL, NULL, 0, 0,
                           "cannot serialize the document (invalid characters in the model?)");
    }
    return TU_OK;
}

enum tu_status tu_xliff_write_buf(const struct tu_doc *doc,
                                  enum tu_xliff_version version,
                                  struct tu_buf *out, struct tu_error *err)
{
    struct sink k = {.buf = out};
    size_t start = out->len;
    enum tu_status st = write_to(doc, version, &k, NULL, err);

    if (st != TU_OK) {
        tu_buf_truncate(out, start);
    }
    return st;
}

/* A document the writer refused (what it holds, not an I/O failure) is
 * reported against the output it did not write. */
static enum tu_status not_written(enum tu_status st, const char *path,
                                  struct tu_error *err)
{
    if (st == TU_EINVAL && err->path[0] == '\0') {
        tu_error_wrap(err, path, 0, 0, "not written");
    }
    return st;
}

/* Straight into the temporary beside `path`, renamed when complete (to
 * stdout: the whole document or nothing). */
enum tu_status tu_xliff_write_file(const struct tu_doc *doc,
                                   enum tu_xliff_version version,
                                   const char *path, struct tu_error *err)
{
    struct tu_atomic_file f;
    struct sink k = {0};
    enum tu_status st;

    if (strcmp(path, "-") == 0) {
        /* all or nothing on stdout too: through memory */
        struct tu_buf b;
        tu_buf_init(&b, TU_BUF_NO_LIMIT);
        st = tu_xliff_write_buf(doc, version, &b, err);
        if (st == TU_OK) {
            st = tu_file_write_atomic(path, b.data, b.len, err);
        }
        tu_buf_release(&b);
        return not_written(st, path, err);
    }
    if ((st = tu_atomic_open(&f, path, err)) != TU_OK) {
        return st;
    }
    k.fp = f.fp;
    st = write_to(doc, version, &k, path, err);
    if (st != TU_OK) {
        tu_atomic_abort(&f);
        return not_written(st, path, err);
    }
    return tu_atomic_commit(&f, err);
}
