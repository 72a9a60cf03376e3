/*
 * XLIFF readers: 1.2 and 2.0/2.1/2.2 -> the model, with libxml2 under the
 * XML parsing policy of base/xmlparse-int.h (no DOCTYPE, no entities, no
 * network, nesting limited).
 * Elements and attributes of other namespaces are kept (tu_exts/tu_attrs).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <tumac/alloc.h>
#include <tumac/fileio.h>
#include <tumac/xliff.h>

#include "base/xmlparse-int.h"
#include "xliff-int.h"

struct rctx {
    const char *path;
    struct tu_error *err;
    enum tu_status st;
    enum tu_xliff_version version;
    const char *ns; /* core namespace of the document */
    /* originalData of the current unit */
    xmlNodePtr odata;
};

static bool is(xmlNodePtr n, const char *ns, const char *name)
{
    return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
           strcmp((const char *)n->ns->href, ns) == 0 &&
           strcmp((const char *)n->name, name) == 0;
}

static bool in_core(const struct rctx *c, xmlNodePtr n)
{
    return n->ns != NULL && strcmp((const char *)n->ns->href, c->ns) == 0;
}

static enum tu_status fail(struct rctx *c, xmlNodePtr n, enum tu_status code,
                           const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static enum tu_status fail(struct rctx *c, xmlNodePtr n, enum tu_status code,
                           const char *fmt, ...)
{
    if (c->st == TU_OK) {
        va_list ap;
        va_start(ap, fmt);
        c->st = tu_error_vat(c->err, code, c->path,
                             n ? (unsigned long)xmlGetLineNo(n) : 0, 0, fmt, ap);
        va_end(ap);
    }
    return c->st;
}

static enum tu_status oom(struct rctx *c)
{
    if (c->st == TU_OK) {
        c->st = tu_error_at(c->err, TU_ENOMEM, c->path, 0, 0, "out of memory");
    }
    return c->st;
}

/* A copy of attribute `name` (no namespace), or NULL. */
static char *get(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    char *r;
    if (v == NULL) {
        return NULL;
    }
    r = tu_strdup((const char *)v);
    xmlFree(v);
    return r;
}

static char *get_xml(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)XML_NS);
    char *r;
    if (v == NULL) {
        return NULL;
    }
    r = tu_strdup((const char *)v);
    xmlFree(v);
    return r;
}

static bool attr_is(xmlNodePtr n, const char *name, const char *value)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    bool r = v != NULL && strcmp((const char *)v, value) == 0;
    xmlFree(v);
    return r;
}

static int get_translate(xmlNodePtr n)
{
    if (attr_is(n, "translate", "no")) {
        return 0;
    }
    if (attr_is(n, "translate", "yes")) {
        return 1;
    }
    return -1;
}

static char *text_of(xmlNodePtr n)
{
    xmlChar *v = xmlNodeGetContent(n);
    char *r = tu_strdup(v ? (const char *)v : "");
    xmlFree(v);
    return r;
}

/* Keep attributes in foreign namespaces (and unknown xml:* ones). */
static void keep_attrs(struct rctx *c, xmlNodePtr n, struct tu_attrs *a,
                       const char *const *known_xml)
{
    for (xmlAttrPtr at = n->properties; at != NULL; at = at->next) {
        const char *ns = at->ns ? (const char *)at->ns->href : NULL;
        if (ns == NULL) {
            continue;
        }
        if (strcmp(ns, XML_NS) == 0) {
            bool known = false;
            for (size_t i = 0; known_xml && known_xml[i]; i++) {
                known |= strcmp((const char *)at->name, known_xml[i]) == 0;
            }
            if (known) {
                continue;
            }
        }
        xmlChar *v = xmlNodeListGetString(n->doc, at->children, 1);
        char nm[128];
        if (strcmp(ns, XML_NS) == 0) {
            snprintf(nm, sizeof nm, "xml:%s", (const char *)at->name);
        } else {
            snprintf(nm, sizeof nm, "%s", (const char *)at->name);
        }
        if (tu_attrs_add(a, ns, nm, v ? (const char *)v : "") != TU_OK) {
            oom(c);
        }
        xmlFree(v);
    }
}

static const char *const lang_space[] = {"lang", "space", NULL};
static const char *const space_only[] = {"space", NULL};

static void keep_ext(struct rctx *c, xmlNodePtr n, struct tu_exts *e)
{
    xmlBufferPtr b = xmlBufferCreate();
    if (b == NULL) {
        oom(c);
        return;
    }
    /* The copy declares the namespaces its elements and attributes use
     * (xmlDocCopyNode adds those declared above it to its top), so the
     * fragment stands alone. Only those: declaring every namespace in
     * scope would pick up the prefixes our writer made for the holder's
     * own foreign attributes, and each round trip would add more. */
    xmlNodePtr copy = xmlDocCopyNode(n, n->doc, 1);
    if (copy == NULL) {
        xmlBufferFree(b);
        oom(c);
        return;
    }
    xmlReconciliateNs(n->doc, copy);
    xmlNodeDump(b, n->doc, copy, 0, 0);
    xmlFreeNode(copy);
    if (tu_exts_add(e, (const char *)xmlBufferContent(b)) != TU_OK) {
        oom(c);
    }
    xmlBufferFree(b);
}

/* ---------------------------------------------------------------- 2.x */

static void put_utf8(char *buf, unsigned long cp)
{
    if (cp < 0x80) {
        buf[0] = (char)cp;
        buf[1] = 0;
    } else if (cp < 0x800) {
        buf[0] = (char)(0xC0 | (cp >> 6));
        buf[1] = (char)(0x80 | (cp & 0x3F));
        buf[2] = 0;
    } else if (cp < 0x10000) {
        buf[0] = (char)(0xE0 | (cp >> 12));
        buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        buf[3] = 0;
    } else {
        buf[0] = (char)(0xF0 | ((cp >> 18) & 0x07));
        buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[3] = (char)(0x80 | (cp & 0x3F));
        buf[4] = 0;
    }
}

/*
 * A <cp hex="..."/> as UTF-8 in u (8 bytes); "" for U+0000, which a C string
 * cannot hold. A value that is not a code point (a surrogate, above
 * U+10FFFF, not hex) is refused.
 */
static void cp_utf8(struct rctx *c, xmlNodePtr n, char *u)
{
    xmlChar *h = xmlGetNoNsProp(n, (const xmlChar *)"hex");
    char *end = NULL;
    unsigned long cp = h && *h ? strtoul((const char *)h, &end, 16) : 0;
    if (h == NULL || end == NULL || *end != '\0' || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        fail(c, n, TU_EPARSE, "<cp hex=\"%.20s\"> is not a Unicode code point (XLIFF 2.1 4.3.1.19)",
             h ? (const char *)h : "");
        cp = 0;
    }
    xmlFree(h);
    put_utf8(u, cp);
}

static char *odata_lookup(struct rctx *c, const char *id)
{
    if (id == NULL || c->odata == NULL) {
        return NULL;
    }
    for (xmlNodePtr d = c->odata->children; d; d = d->next) {
        if (d->type == XML_ELEMENT_NODE && attr_is(d, "id", id)) {
            /* data may hold <cp/>: rebuild the text */
            struct tu_buf b;
            tu_buf_init(&b, TU_BUF_NO_LIMIT);
            for (xmlNodePtr t = d->children; t; t = t->next) {
                if (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) {
                    tu_buf_adds(&b, (const char *)t->content);
                } else if (is(t, c->ns, "cp")) {
                    char u[8];
                    cp_utf8(c, t, u);
                    tu_buf_adds(&b, u);
                }
            }
            char *r = tu_buf_detach(&b, NULL);
            if (r == NULL) {
                oom(c);
            }
            return r;
        }
    }
    return NULL;
}

static void code_attrs(struct rctx *c, xmlNodePtr n, struct tu_inline *in)
{
    char *s;
    if (attr_is(n, "canCopy", "no")) {
        in->flags |= TU_INLINE_NO_COPY;
    }
    if (attr_is(n, "canDelete", "no")) {
        in->flags |= TU_INLINE_NO_DELETE;
    }
    if (attr_is(n, "canOverlap", "no")) {
        in->flags |= TU_INLINE_NO_OVERLAP;
    }
    if (attr_is(n, "isolated", "yes")) {
        in->flags |= TU_INLINE_ISOLATED;
    }
    if (attr_is(n, "canReorder", "no")) {
        in->reorder = TU_REORDER_NO;
    } else if (attr_is(n, "canReorder", "firstNo")) {
        in->reorder = TU_REORDER_FIRSTNO;
    }
    in->type = get(n, "type");
    in->subtype = get(n, "subType");
    in->copy_of = get(n, "copyOf");
    in->dir = get(n, "dir");
    /* a <pc> takes dataRefStart/End only: a stray dataRef on it leaked */
    if (xmlHasProp(n, (const xmlChar *)"dataRef") && !is(n, c->ns, "pc")) {
        s = get(n, "dataRef");
        in->data = odata_lookup(c, s);
        tu_free(s);
    }
    if (is(n, c->ns, "pc")) {
        s = get(n, "dataRefStart");
        in->data = odata_lookup(c, s);
        tu_free(s);
        s = get(n, "dataRefEnd");
        in->data_end = odata_lookup(c, s);
        tu_free(s);
        in->equiv = get(n, "equivStart");
        in->equiv_end = get(n, "equivEnd");
        in->disp = get(n, "dispStart");
        in->disp_end = get(n, "dispEnd");
        in->sub_flows = get(n, "subFlowsStart");
    } else {
        in->equiv = get(n, "equiv");
        in->disp = get(n, "disp");
        in->sub_flows = get(n, "subFlows");
    }
    keep_attrs(c, n, &in->extra, NULL);
}

static void read_inline20(struct rctx *c, xmlNodePtr parent, struct tu_content *ct)
{
    for (xmlNodePtr n = parent->children; n && c->st == TU_OK; n = n->next) {
        struct tu_inline *in;
        char *id;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (tu_content_add_text(ct, (const char *)n->content,
                                    strlen((const char *)n->content)) != TU_OK) {
                oom(c);
            }
            continue;
        }
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (!in_core(c, n)) {
            fail(c, n, TU_EPARSE, "element <%s> of another namespace is not allowed in inline content",
                 (const char *)n->name);
            return;
        }
        const char *nm = (const char *)n->name;
        if (strcmp(nm, "cp") == 0) {
            char u[8];
            cp_utf8(c, n, u);
            if (u[0] == '\0') {
                continue; /* U+0000 cannot live in a C string */
            }
            if (tu_content_add_text(ct, u, strlen(u)) != TU_OK) {
                oom(c);
            }
            continue;
        }
        enum tu_inline_kind kind;
        bool paired = false;
        if (strcmp(nm, "ph") == 0) {
            kind = TU_INLINE_PH;
        } else if (strcmp(nm, "sc") == 0) {
            kind = TU_INLINE_SC;
        } else if (strcmp(nm, "ec") == 0) {
            kind = TU_INLINE_EC;
        } else if (strcmp(nm, "pc") == 0) {
            kind = TU_INLINE_PC_START;
            paired = true;
        } else if (strcmp(nm, "mrk") == 0) {
            kind = TU_INLINE_MRK_START;
            paired = true;
        } else if (strcmp(nm, "sm") == 0) {
            kind = TU_INLINE_SM;
        } else if (strcmp(nm, "em") == 0) {
            kind = TU_INLINE_EM;
        } else {
            fail(c, n, TU_EPARSE, "unexpected element <%s> in inline content", nm);
            return;
        }
        id = get(n, (kind == TU_INLINE_EM || (kind == TU_INLINE_EC && !xmlHasProp(n, (const xmlChar *)"id")))
                        ? "startRef" : "id");
        in = tu_content_add(ct, kind, id);
        tu_free(id);
        if (in == NULL) {
            oom(c);
            return;
        }
        if (kind == TU_INLINE_MRK_START || kind == TU_INLINE_SM) {
            if (attr_is(n, "translate", "no")) {
                in->flags |= TU_INLINE_TRANSLATE_NO;
            } else if (attr_is(n, "translate", "yes")) {
                in->flags |= TU_INLINE_TRANSLATE_YES;
            }
            in->type = get(n, "type");
            in->ref = get(n, "ref");
            in->value = get(n, "value");
            keep_attrs(c, n, &in->extra, NULL);
        } else if (kind != TU_INLINE_EM) {
            code_attrs(c, n, in);
        }
        if (paired) {
            char *sid = in->id ? tu_strdup(in->id) : NULL;
            read_inline20(c, n, ct);
            struct tu_inline *e = tu_content_add(
                ct, kind == TU_INLINE_PC_START ? TU_INLINE_PC_END : TU_INLINE_MRK_END, sid);
            tu_free(sid);
            if (e == NULL) {
                oom(c);
                return;
            }
        }
    }
}

static void read_content20(struct rctx *c, xmlNodePtr n, struct tu_content *ct)
{
    ct->lang = get_xml(n, "lang");
    ct->space = get_xml(n, "space");
    keep_attrs(c, n, &ct->extra, lang_space);
    read_inline20(c, n, ct);
}

static void read_notes20(struct rctx *c, xmlNodePtr n, struct tu_notes *notes)
{
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (!is(k, c->ns, "note")) {
            continue;
        }
        char *t = text_of(k);
        struct tu_note *no = t ? tu_notes_add(notes, t) : NULL;
        tu_free(t);
        if (no == NULL) {
            oom(c);
            return;
        }
        no->id = get(k, "id");
        no->category = get(k, "category");
        no->applies_to = get(k, "appliesTo");
        no->priority = get(k, "priority");
        keep_attrs(c, k, &no->extra, NULL);
    }
}

static void read_metas20(struct rctx *c, xmlNodePtr n, struct tu_metas *m)
{
    for (xmlNodePtr g = n->children; g; g = g->next) {
        if (!is(g, MDA_NS, "metaGroup")) {
            continue;
        }
        char *cat = get(g, "category");
        char *gid = get(g, "id");
        for (xmlNodePtr e = g->children; e; e = e->next) {
            if (!is(e, MDA_NS, "meta")) {
                continue;
            }
            char *type = get(e, "type");
            char *v = text_of(e);
            if (tu_metas_add(m, cat, type ? type : "", v ? v : "") != TU_OK) {
                oom(c);
            } else if (gid != NULL) {
                m->items[m->count - 1].group_id = tu_strdup(gid);
            }
            tu_free(type);
            tu_free(v);
        }
        tu_free(cat);
        tu_free(gid);
    }
}

/* true if `n` can be represented by the model's metadata (no nesting, no id on metadata) */
static bool metas_simple(xmlNodePtr n)
{
    if (xmlHasProp(n, (const xmlChar *)"id")) {
        return false;
    }
    for (xmlNodePtr g = n->children; g; g = g->next) {
        if (g->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (!is(g, MDA_NS, "metaGroup") || xmlHasProp(g, (const xmlChar *)"appliesTo")) {
            return false;
        }
        for (xmlNodePtr e = g->children; e; e = e->next) {
            if (e->type == XML_ELEMENT_NODE && !is(e, MDA_NS, "meta")) {
                return false;
            }
        }
    }
    return true;
}

static double num_attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    double d = v ? strtod((const char *)v, NULL) : -1;
    xmlFree(v);
    return d;
}

static void read_matches20(struct rctx *c, xmlNodePtr n, struct tu_unit *u)
{
    xmlNodePtr saved = c->odata;
    for (xmlNodePtr k = n->children; k && c->st == TU_OK; k = k->next) {
        if (!is(k, MTC_NS, "match")) {
            continue;
        }
        struct tu_match *m = tu_unit_add_match(u);
        if (m == NULL) {
            oom(c);
            return;
        }
        m->id = get(k, "id");
        m->ref = get(k, "ref");
        m->similarity = num_attr(k, "similarity");
        m->match_quality = num_attr(k, "matchQuality");
        m->origin = get(k, "origin");
        m->type = get(k, "type");
        m->subtype = get(k, "subType");
        m->reference = attr_is(k, "reference", "yes");
        keep_attrs(c, k, &m->extra, NULL);
        c->odata = NULL;
        for (xmlNodePtr e = k->children; e; e = e->next) {
            if (is(e, c->ns, "originalData")) {
                c->odata = e;
            }
        }
        for (xmlNodePtr e = k->children; e && c->st == TU_OK; e = e->next) {
            if (e->type != XML_ELEMENT_NODE) {
                continue;
            }
            if (is(e, c->ns, "source")) {
                read_content20(c, e, &m->source);
            } else if (is(e, c->ns, "target")) {
                read_content20(c, e, &m->target);
            } else if (is(e, c->ns, "originalData")) {
                continue;
            } else if (is(e, MDA_NS, "metadata") && metas_simple(e) && m->note == NULL) {
                struct tu_metas ms = {0};
                read_metas20(c, e, &ms);
                const char *note = tu_metas_get(&ms, "note");
                if (note != NULL && ms.count == 1) {
                    m->note = tu_strdup(note);
                } else {
                    keep_ext(c, e, &m->exts);
                }
                for (size_t i = 0; i < ms.count; i++) {
                    tu_free(ms.items[i].group_id);
                    tu_free(ms.items[i].group_category);
                    tu_free(ms.items[i].type);
                    tu_free(ms.items[i].value);
                }
                tu_free(ms.items);
            } else {
                keep_ext(c, e, &m->exts);
            }
        }
    }
    c->odata = saved;
}

static enum tu_state state20(const char *s)
{
    return s ? tu_state_parse(s) : TU_STATE_NONE;
}

/*
 * Is `id` the id of a segment or ignorable `u` already has? Segments are
 * found by id (a target's by its source's, merge and the 1.2 <mrk mid>), so
 * a second one with the same id would take the first one's translation.
 */
static bool seg_id_taken(const struct tu_unit *u, const char *id)
{
    for (size_t i = 0; id != NULL && i < u->seg_count; i++) {
        if (u->segs[i].id != NULL && strcmp(u->segs[i].id, id) == 0) {
            return true;
        }
    }
    return false;
}

static void read_unit20(struct rctx *c, xmlNodePtr n, struct tu_unit *u)
{
    u->name = get(n, "name");
    u->type = get(n, "type");
    u->translate = get_translate(n);
    u->space = get_xml(n, "space");
    keep_attrs(c, n, &u->extra, space_only);
    c->odata = NULL;
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (is(k, c->ns, "originalData")) {
            c->odata = k;
        }
    }
    for (xmlNodePtr k = n->children; k && c->st == TU_OK; k = k->next) {
        if (k->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (is(k, c->ns, "segment") || is(k, c->ns, "ignorable")) {
            char *id = get(k, "id");
            if (seg_id_taken(u, id)) {
                /* the message `tumac validate` gives for it */
                fail(c, k, TU_EPARSE, "duplicate id '%s' in unit (XLIFF 2.1 4.3.1.21)", id);
                tu_free(id);
                return;
            }
            struct tu_segment *s = tu_unit_add_segment(u, id, is(k, c->ns, "ignorable"));
            tu_free(id);
            if (s == NULL) {
                oom(c);
                return;
            }
            char *st = get(k, "state");
            s->state = state20(st);
            tu_free(st);
            s->sub_state = get(k, "subState");
            s->can_resegment_no = attr_is(k, "canResegment", "no");
            keep_attrs(c, k, &s->extra, NULL);
            for (xmlNodePtr e = k->children; e && c->st == TU_OK; e = e->next) {
                if (is(e, c->ns, "source")) {
                    read_content20(c, e, &s->source);
                } else if (is(e, c->ns, "target")) {
                    s->has_target = true;
                    read_content20(c, e, &s->target);
                    char *ord = get(e, "order");
                    if (ord != NULL) {
                        tu_attrs_add(&s->target.extra, NULL, "order", ord);
                        tu_free(ord);
                    }
                }
            }
        } else if (is(k, c->ns, "notes")) {
            read_notes20(c, k, &u->notes);
        } else if (is(k, c->ns, "originalData")) {
            continue;
        } else if (is(k, MTC_NS, "matches")) {
            read_matches20(c, k, u);
        } else if (is(k, MDA_NS, "metadata") && metas_simple(k) && u->meta.count == 0) {
            read_metas20(c, k, &u->meta);
        } else {
            keep_ext(c, k, &u->exts);
        }
    }
    c->odata = NULL;
}

static void read_nodes20(struct rctx *c, xmlNodePtr n, struct tu_file *f,
                         struct tu_group *g, struct tu_notes *notes,
                         struct tu_metas *meta, struct tu_exts *ex)
{
    for (xmlNodePtr k = n->children; k && c->st == TU_OK; k = k->next) {
        if (k->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (is(k, c->ns, "unit")) {
            char *id = get(k, "id");
            struct tu_unit *u = g ? tu_group_add_unit(g, id) : tu_file_add_unit(f, id);
            tu_free(id);
            if (u == NULL) {
                oom(c);
                return;
            }
            read_unit20(c, k, u);
        } else if (is(k, c->ns, "group")) {
            char *id = get(k, "id");
            struct tu_group *ng = g ? tu_group_add_group(g, id) : tu_file_add_group(f, id);
            tu_free(id);
            if (ng == NULL) {
                oom(c);
                return;
            }
            ng->name = get(k, "name");
            ng->type = get(k, "type");
            ng->translate = get_translate(k);
            ng->space = get_xml(k, "space");
            keep_attrs(c, k, &ng->extra, space_only);
            read_nodes20(c, k, f, ng, &ng->notes, &ng->meta, &ng->exts);
        } else if (is(k, c->ns, "notes")) {
            read_notes20(c, k, notes);
        } else if (is(k, c->ns, "skeleton") && g == NULL) {
            f->skeleton_href = get(k, "href");
            if (k->children != NULL || f->skeleton_href == NULL) {
                bool elements = false;
                for (xmlNodePtr e = k->children; e; e = e->next) {
                    elements |= e->type == XML_ELEMENT_NODE;
                }
                if (elements) {
                    keep_ext(c, k, ex);
                } else {
                    f->skeleton = text_of(k);
                }
            }
        } else if (is(k, MDA_NS, "metadata") && metas_simple(k) && meta->count == 0) {
            read_metas20(c, k, meta);
        } else {
            keep_ext(c, k, ex);
        }
    }
}

static void read_doc20(struct rctx *c, xmlNodePtr root, struct tu_doc *d)
{
    d->src_lang = get(root, "srcLang");
    d->trg_lang = get(root, "trgLang");
    keep_attrs(c, root, &d->extra, NULL);
    for (xmlNodePtr k = root->children; k && c->st == TU_OK; k = k->next) {
        if (k->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (!is(k, c->ns, "file")) {
            keep_ext(c, k, &d->exts);
            continue;
        }
        char *id = get(k, "id");
        struct tu_file *f = tu_doc_add_file(d, id);
        tu_free(id);
        if (f == NULL) {
            oom(c);
            return;
        }
        f->original = get(k, "original");
        f->translate = get_translate(k);
        f->space = get_xml(k, "space");
        if (d->src_lang) {
            f->src_lang = tu_strdup(d->src_lang);
        }
        if (d->trg_lang) {
            f->trg_lang = tu_strdup(d->trg_lang);
        }
        keep_attrs(c, k, &f->extra, space_only);
        read_nodes20(c, k, f, NULL, &f->notes, &f->meta, &f->exts);
    }
}

/* ---------------------------------------------------------------- 1.2 */

static void read_inline12(struct rctx *c, xmlNodePtr parent, struct tu_content *ct)
{
    for (xmlNodePtr n = parent->children; n && c->st == TU_OK; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (tu_content_add_text(ct, (const char *)n->content,
                                    strlen((const char *)n->content)) != TU_OK) {
                oom(c);
            }
            continue;
        }
        if (n->type != XML_ELEMENT_NODE || !in_core(c, n)) {
            continue;
        }
        const char *nm = (const char *)n->name;
        char *id = get(n, "id");
        char *rid = get(n, "rid");
        struct tu_inline *in = NULL;
        if (strcmp(nm, "g") == 0 || strcmp(nm, "mrk") == 0) {
            bool g = nm[0] == 'g';
            in = tu_content_add(ct, g ? TU_INLINE_PC_START : TU_INLINE_MRK_START, g ? id : NULL);
            if (in != NULL && !g) {
                in->id = get(n, "mid");
                if (attr_is(n, "mtype", "protected")) {
                    in->flags |= TU_INLINE_TRANSLATE_NO;
                    in->type = tu_strdup("generic");
                } else {
                    char *mt = get(n, "mtype");
                    if (mt && strncmp(mt, "x-", 2) == 0) {
                        in->type = tu_strdup(mt + 2);
                        tu_free(mt);
                    } else {
                        in->type = mt;
                    }
                    in->value = get(n, "comment");
                }
            }
            if (in != NULL) {
                /* the children grow ct->items: `in` is not valid after them */
                char *sid = in->id ? tu_strdup(in->id) : NULL;
                if (g) {
                    in->equiv = get(n, "equiv-text");
                }
                read_inline12(c, n, ct);
                if (tu_content_add(ct, g ? TU_INLINE_PC_END : TU_INLINE_MRK_END, sid) == NULL) {
                    oom(c);
                }
                tu_free(sid);
            } else {
                oom(c);
            }
            tu_free(id);
            tu_free(rid);
            continue;
        } else if (strcmp(nm, "x") == 0 || strcmp(nm, "ph") == 0) {
            in = tu_content_add(ct, TU_INLINE_PH, id);
            if (in && nm[0] == 'p') {
                in->data = text_of(n);
            }
        } else if (strcmp(nm, "bx") == 0 || strcmp(nm, "bpt") == 0) {
            in = tu_content_add(ct, TU_INLINE_SC, rid ? rid : id);
            if (in && nm[1] == 'p') {
                in->data = text_of(n);
            }
        } else if (strcmp(nm, "ex") == 0 || strcmp(nm, "ept") == 0) {
            in = tu_content_add(ct, TU_INLINE_EC, rid ? rid : id);
            if (in && nm[1] == 'p') {
                in->data = text_of(n);
            }
        } else if (strcmp(nm, "it") == 0) {
            in = tu_content_add(ct, attr_is(n, "pos", "close") ? TU_INLINE_EC : TU_INLINE_SC, id);
            if (in) {
                in->flags |= TU_INLINE_ISOLATED;
                in->data = text_of(n);
            }
        } else {
            tu_free(id);
            tu_free(rid);
            continue;
        }
        if (in == NULL) {
            oom(c);
        } else if (in->kind != TU_INLINE_MRK_START) {
            in->equiv = get(n, "equiv-text");
        }
        tu_free(id);
        tu_free(rid);
    }
}

/*
 * 1.2 bpt/ept pairs that nest properly inside one content were a <pc> with
 * original data before (the 1.2 writer keeps the data that way): pair
 * them. bx/ex stay spanning codes: the writer makes them only of those (a
 * <pc> without data becomes <g>), and pairing them would turn the next
 * write's bx/ex into a <g>.
 */
static void pair_codes(struct tu_content *ct)
{
    for (size_t i = 0; i < ct->count; i++) {
        struct tu_inline *s = &ct->items[i];
        if (s->kind != TU_INLINE_SC || s->id == NULL || s->data == NULL ||
            (s->flags & TU_INLINE_ISOLATED)) {
            continue;
        }
        int level = 0;
        for (size_t j = i + 1; j < ct->count; j++) {
            struct tu_inline *e = &ct->items[j];
            if (e->kind == TU_INLINE_SC || e->kind == TU_INLINE_PC_START ||
                e->kind == TU_INLINE_MRK_START) {
                level++;
            } else if (e->kind == TU_INLINE_PC_END || e->kind == TU_INLINE_MRK_END) {
                if (--level < 0) {
                    break;
                }
            } else if (e->kind == TU_INLINE_EC) {
                if (e->id && strcmp(e->id, s->id) == 0 && !(e->flags & TU_INLINE_ISOLATED)) {
                    if (level == 0) {
                        s->kind = TU_INLINE_PC_START;
                        e->kind = TU_INLINE_PC_END;
                        s->data_end = e->data;
                        e->data = NULL;
                        s->equiv_end = e->equiv;
                        e->equiv = NULL;
                    }
                    break;
                }
                if (--level < 0) {
                    break;
                }
            }
        }
    }
}

static enum tu_state state12(const char *s)
{
    if (s == NULL) {
        return TU_STATE_NONE;
    }
    if (strcmp(s, "final") == 0) {
        return TU_STATE_FINAL;
    }
    if (strcmp(s, "signed-off") == 0) {
        return TU_STATE_REVIEWED;
    }
    if (strcmp(s, "translated") == 0 || strncmp(s, "needs-review", 12) == 0) {
        return TU_STATE_TRANSLATED;
    }
    return TU_STATE_INITIAL;
}

static void seg_content12(struct rctx *c, xmlNodePtr n, struct tu_unit *u,
                          bool target)
{
    /* walk a seg-source/target split by <mrk mtype="seg"> */
    size_t segi = 0;
    struct tu_content pending = {0};
    for (xmlNodePtr k = n->children; k && c->st == TU_OK; k = k->next) {
        if (is(k, c->ns, "mrk") && attr_is(k, "mtype", "seg")) {
            struct tu_segment *s = NULL;
            char *mid = get(k, "mid");
            if (!target && seg_id_taken(u, mid)) {
                fail(c, k, TU_EPARSE,
                     "duplicate mid '%s' in <seg-source> (the segments of <target> are matched to these by mid)",
                     mid);
            }
            if (!target) {
                if (pending.count > 0) {
                    struct tu_segment *ig = tu_unit_add_segment(u, NULL, true);
                    if (ig == NULL || tu_content_copy(&ig->source, &pending) != TU_OK) {
                        oom(c);
                    }
                    tu_content_clear(&pending);
                }
                s = tu_unit_add_segment(u, mid, false);
            } else {
                for (size_t i = 0; i < u->seg_count && s == NULL; i++) {
                    if (!u->segs[i].is_ignorable && mid && u->segs[i].id &&
                        strcmp(u->segs[i].id, mid) == 0) {
                        s = &u->segs[i];
                    }
                }
                for (; s == NULL && segi < u->seg_count; segi++) {
                    if (!u->segs[segi].is_ignorable) {
                        s = &u->segs[segi++];
                    }
                }
            }
            if (target && s != NULL && s->has_target) {
                /* it would be appended to the first one's translation */
                fail(c, k, TU_EPARSE,
                     "a second <mrk mtype=\"seg\"> for segment '%s' in <target> (each segment is translated once)",
                     s->id ? s->id : "");
            }
            tu_free(mid);
            if (s == NULL || c->st != TU_OK) {
                if (!target && c->st == TU_OK) {
                    oom(c);
                }
                continue;
            }
            struct tu_content *ct = target ? &s->target : &s->source;
            if (target) {
                s->has_target = true;
            }
            read_inline12(c, k, ct);
            pair_codes(ct);
        } else if (!target) {
            xmlNodePtr next = k->next;
            xmlNode fake = *n;
            /* read this one node as content */
            k->next = NULL;
            fake.children = k;
            read_inline12(c, &fake, &pending);
            k->next = next;
        }
    }
    if (!target && pending.count > 0) {
        struct tu_segment *ig = tu_unit_add_segment(u, NULL, true);
        if (ig == NULL || tu_content_copy(&ig->source, &pending) != TU_OK) {
            oom(c);
        }
    }
    tu_content_clear(&pending);
}

/* Does this <target> split into <mrk mtype="seg">s (else it is one whole)? */
static bool has_seg_mrks(const struct rctx *c, xmlNodePtr target)
{
    for (xmlNodePtr k = target->children; k; k = k->next) {
        if (is(k, c->ns, "mrk") && attr_is(k, "mtype", "seg")) {
            return true;
        }
    }
    return false;
}

/*
 * A target that repeats its source under a state that says it is not done
 * (new, needs-translation: what tumac writes for CAT tools, and what OmegaT
 * gives back for a segment it left alone) is no translation; nor is one
 * marked approved="no" (pomerge's fuzzy PO entry: a draft, often half
 * English).
 */
/* The mids tumac listed as untranslated (write.c), NULL if none listed. */
static char *untranslated_list(const struct rctx *c, xmlNodePtr unit)
{
    for (xmlNodePtr g = unit->children; g; g = g->next) {
        if (!is(g, c->ns, "context-group")) {
            continue;
        }
        for (xmlNodePtr k = g->children; k; k = k->next) {
            if (is(k, c->ns, "context") &&
                attr_is(k, "context-type", TU_XLIFF12_UNTRANSLATED)) {
                return text_of(k);
            }
        }
    }
    return NULL;
}

static bool in_list(const char *list, const char *id)
{
    size_t n = id ? strlen(id) : 0;
    for (const char *p = list; n > 0 && (p = strstr(p, id)) != NULL; p += n) {
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) {
            return true;
        }
    }
    return false;
}

/*
 * `listed`: the mids tumac wrote as untranslated in a unit that mixes
 * translated and untranslated segments; a segment not listed is a
 * translation even when it equals its source ("OSCE" for "OSCE"), and was
 * translated before the unit's state (its least-finished segment's) was set.
 */
static void drop_source_copies(struct tu_unit *u, bool not_approved,
                               const char *listed)
{
    for (size_t i = 0; i < u->seg_count; i++) {
        struct tu_segment *s = &u->segs[i];
        if (s->is_ignorable || !s->has_target || s->state != TU_STATE_INITIAL) {
            continue;
        }
        if (listed != NULL && !in_list(listed, s->id) && !not_approved) {
            s->state = TU_STATE_TRANSLATED;
            continue;
        }
        if (!not_approved && (!tu_content_equal(&s->target, &s->source) ||
                              (listed != NULL && !in_list(listed, s->id)))) {
            continue;
        }
        tu_content_clear(&s->target);
        s->has_target = false;
        s->state = TU_STATE_NONE;
        tu_free(s->sub_state);
        s->sub_state = NULL;
    }
}

static void read_unit12(struct rctx *c, xmlNodePtr n, struct tu_unit *u)
{
    xmlNodePtr source = NULL, segsrc = NULL, target = NULL;
    u->name = get(n, "resname");
    u->translate = get_translate(n);
    u->space = get_xml(n, "space");
    keep_attrs(c, n, &u->extra, space_only);
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (is(k, c->ns, "source")) {
            source = k;
        } else if (is(k, c->ns, "seg-source")) {
            segsrc = k;
        } else if (is(k, c->ns, "target")) {
            target = k;
        }
    }
    if (source == NULL) {
        fail(c, n, TU_EPARSE, "<trans-unit> without <%s>", "source");
        return;
    }
    enum tu_state st = TU_STATE_NONE;
    char *qual = NULL;
    if (target != NULL) {
        char *s = get(target, "state");
        st = state12(s);
        tu_free(s);
        qual = get(target, "state-qualifier");
        if (st == TU_STATE_NONE) {
            st = attr_is(n, "approved", "yes") ? TU_STATE_FINAL : TU_STATE_TRANSLATED;
        } else if (st == TU_STATE_TRANSLATED && attr_is(n, "approved", "yes")) {
            /* issue 16 (batchtrust): approved="yes" approves a translated
             * target (tools keep state="translated" and set approved);
             * an untranslated state stays unapproved, the safe side */
            st = TU_STATE_REVIEWED;
        }
    }
    if (segsrc != NULL && target != NULL && !has_seg_mrks(c, target)) {
        /* a whole-unit target (OmegaT, po2xliff): the unit is one segment */
        segsrc = NULL;
    }
    if (segsrc != NULL) {
        seg_content12(c, segsrc, u, false);
        if (target != NULL) {
            seg_content12(c, target, u, true);
        }
    } else {
        struct tu_segment *s = tu_unit_add_segment(u, NULL, false);
        if (s == NULL) {
            oom(c);
            tu_free(qual);
            return;
        }
        s->source.lang = get_xml(source, "lang");
        read_inline12(c, source, &s->source);
        pair_codes(&s->source);
        if (target != NULL) {
            s->has_target = true;
            s->target.lang = get_xml(target, "lang");
            read_inline12(c, target, &s->target);
            pair_codes(&s->target);
        }
    }
    for (size_t i = 0; i < u->seg_count; i++) {
        if (!u->segs[i].is_ignorable && u->segs[i].has_target) {
            u->segs[i].state = st;
            if (qual != NULL) {
                u->segs[i].sub_state = tu_strdup(qual);
            }
        }
    }
    tu_free(qual);
    for (size_t i = 0; i < u->seg_count && c->st == TU_OK; i++) {
        struct tu_segment *s = &u->segs[i];
        int got = s->has_target ? tu_xliff_codes_from_text(&s->target, &s->source) : 0;
        if (got < 0) {
            oom(c);
        } else if (got > 0) {
            pair_codes(&s->target);
        }
    }
    char *listed = untranslated_list(c, n);
    drop_source_copies(u, attr_is(n, "approved", "no"), listed);
    tu_free(listed);
    for (xmlNodePtr k = n->children; k && c->st == TU_OK; k = k->next) {
        if (is(k, c->ns, "note")) {
            char *t = text_of(k);
            struct tu_note *no = t ? tu_notes_add(&u->notes, t) : NULL;
            tu_free(t);
            if (no == NULL) {
                oom(c);
                return;
            }
            no->priority = get(k, "priority");
            no->category = get(k, "from");
            char *an = get(k, "annotates");
            if (an && (strcmp(an, "source") == 0 || strcmp(an, "target") == 0)) {
                no->applies_to = an;
            } else {
                tu_free(an);
            }
        } else if (is(k, c->ns, "alt-trans")) {
            struct tu_match *m = tu_unit_add_match(u);
            if (m == NULL) {
                oom(c);
                return;
            }
            m->ref = get(k, "mid");
            m->match_quality = num_attr(k, "match-quality");
            m->similarity = -1;
            m->origin = get(k, "origin");
            m->type = tu_strdup("tm");
            for (xmlNodePtr e = k->children; e; e = e->next) {
                if (is(e, c->ns, "source")) {
                    read_inline12(c, e, &m->source);
                    pair_codes(&m->source);
                } else if (is(e, c->ns, "target")) {
                    read_inline12(c, e, &m->target);
                    pair_codes(&m->target);
                } else if (is(e, c->ns, "note") && m->note == NULL) {
                    m->note = text_of(e);
                }
            }
            if (m->source.count == 0 && u->seg_count > 0) {
                tu_content_copy(&m->source, &u->segs[0].source);
            }
        } else if (k->type == XML_ELEMENT_NODE && !in_core(c, k)) {
            keep_ext(c, k, &u->exts);
        }
    }
}

static void read_body12(struct rctx *c, xmlNodePtr n, struct tu_file *f,
                        struct tu_group *g)
{
    for (xmlNodePtr k = n->children; k && c->st == TU_OK; k = k->next) {
        if (is(k, c->ns, "trans-unit")) {
            char *id = get(k, "id");
            struct tu_unit *u = g ? tu_group_add_unit(g, id) : tu_file_add_unit(f, id);
            tu_free(id);
            if (u == NULL) {
                oom(c);
                return;
            }
            read_unit12(c, k, u);
        } else if (is(k, c->ns, "group")) {
            char *id = get(k, "id");
            struct tu_group *ng = g ? tu_group_add_group(g, id) : tu_file_add_group(f, id);
            tu_free(id);
            if (ng == NULL) {
                oom(c);
                return;
            }
            ng->name = get(k, "resname");
            ng->translate = get_translate(k);
            ng->space = get_xml(k, "space");
            read_body12(c, k, f, ng);
        } else if (is(k, c->ns, "note") && g != NULL) {
            char *t = text_of(k);
            if (t == NULL || tu_notes_add(&g->notes, t) == NULL) {
                oom(c);
            }
            tu_free(t);
        } else if (k->type == XML_ELEMENT_NODE && !in_core(c, k)) {
            keep_ext(c, k, g ? &g->exts : &f->exts);
        }
    }
}

static void read_doc12(struct rctx *c, xmlNodePtr root, struct tu_doc *d)
{
    size_t nfile = 0;
    for (xmlNodePtr k = root->children; k && c->st == TU_OK; k = k->next) {
        if (!is(k, c->ns, "file")) {
            continue;
        }
        char idb[32];
        snprintf(idb, sizeof idb, "f%zu", ++nfile);
        struct tu_file *f = tu_doc_add_file(d, idb);
        if (f == NULL) {
            oom(c);
            return;
        }
        f->original = get(k, "original");
        f->datatype = get(k, "datatype");
        f->src_lang = get(k, "source-language");
        f->trg_lang = get(k, "target-language");
        f->space = get_xml(k, "space");
        if (d->src_lang == NULL && f->src_lang) {
            d->src_lang = tu_strdup(f->src_lang);
        }
        if (d->trg_lang == NULL && f->trg_lang) {
            d->trg_lang = tu_strdup(f->trg_lang);
        }
        for (xmlNodePtr e = k->children; e && c->st == TU_OK; e = e->next) {
            if (is(e, c->ns, "header")) {
                for (xmlNodePtr h = e->children; h; h = h->next) {
                    if (is(h, c->ns, "skl")) {
                        for (xmlNodePtr s = h->children; s; s = s->next) {
                            if (is(s, c->ns, "internal-file")) {
                                f->skeleton = text_of(s);
                            } else if (is(s, c->ns, "external-file")) {
                                f->skeleton_href = get(s, "href");
                            }
                        }
                    } else if (is(h, c->ns, "note")) {
                        char *t = text_of(h);
                        if (t == NULL || tu_notes_add(&f->notes, t) == NULL) {
                            oom(c);
                        }
                        tu_free(t);
                    }
                }
            } else if (is(e, c->ns, "body")) {
                read_body12(c, e, f, NULL);
            }
        }
    }
}

/* ---------------------------------------------------------------- entry */

/*
 * po2xliff -t appends its units in the 1.1 namespace to a 1.2 document:
 * 1.1 and 1.2 elements are read alike (the XSD still rejects the mix), so
 * those units are read, not kept as unknown extensions.
 */
static void one_xliff1_ns(xmlNodePtr n, xmlNsPtr ns)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (n->ns != NULL && n->ns != ns &&
            (strcmp((const char *)n->ns->href, XLIFF11_NS) == 0 ||
             strcmp((const char *)n->ns->href, XLIFF12_NS) == 0)) {
            n->ns = ns;
        }
        one_xliff1_ns(n->children, ns);
    }
}

enum tu_status tu_xliff_read_memory(const char *data, size_t len,
                                    const char *name, struct tu_doc **out,
                                    struct tu_error *err)
{
    xmlDocPtr x;
    struct rctx c = {0};
    struct tu_doc *d;

    *out = NULL;
    if (name == NULL) {
        name = "<memory>";
    }
    if (len > TU_XLIFF_MAX_BYTES || len > 0x7fffffff) {
        return tu_error_at(err, TU_ETOOBIG, name, 0, 0,
                           "document too large (%zu bytes, limit %zu)", len,
                           (size_t)TU_XLIFF_MAX_BYTES);
    }
    /* above 10 MB a skeleton may be one text over libxml2's 10 MB limit */
    x = xmlp_read_memory(data, len, name, "XLIFF", len > TU_XLIFF_BIG_TEXT_BYTES ? XMLP_BIG_TEXT : 0, err);
    if (x == NULL) {
        return err->code;
    }
    xmlNodePtr root = xmlDocGetRootElement(x);
    c.path = name;
    c.err = err;
    if (root == NULL || strcmp((const char *)root->name, "xliff") != 0) {
        fail(&c, root, TU_EPARSE, "root element is <%s>, expected <xliff>",
             root ? (const char *)root->name : "");
    } else if (root->ns == NULL) {
        fail(&c, root, TU_EPARSE, "<xliff> has no namespace (expected %s)",
             "urn:oasis:names:tc:xliff:document:1.2 or :2.0");
    } else {
        const char *ns = (const char *)root->ns->href;
        xmlChar *ver = xmlGetNoNsProp(root, (const xmlChar *)"version");
        const char *v = ver ? (const char *)ver : "";
        if (strcmp(ns, XLIFF12_NS) == 0 || strcmp(ns, XLIFF11_NS) == 0) {
            c.version = TU_XLIFF_1_2;
        } else if (strcmp(ns, XLIFF20_NS) == 0) {
            c.version = strcmp(v, "2.1") == 0 ? TU_XLIFF_2_1 : TU_XLIFF_2_0;
        } else if (strcmp(ns, XLIFF22_NS) == 0) {
            c.version = TU_XLIFF_2_2;
        } else {
            fail(&c, root, TU_EUNSUPPORTED, "unknown XLIFF namespace '%s'", ns);
        }
        xmlFree(ver);
        c.ns = ns;
    }
    d = c.st == TU_OK ? tu_doc_new() : NULL;
    if (c.st == TU_OK && d == NULL) {
        oom(&c);
    }
    if (c.st == TU_OK) {
        d->version = c.version;
        if (c.version == TU_XLIFF_1_2) {
            one_xliff1_ns(root->children, root->ns);
            read_doc12(&c, root, d);
        } else {
            read_doc20(&c, root, d);
        }
    }
    xmlFreeDoc(x);
    if (c.st != TU_OK) {
        tu_doc_free(d);
        return c.st;
    }
    *out = d;
    return TU_OK;
}

enum tu_status tu_xliff_read_file(const char *path, struct tu_doc **out,
                                  struct tu_error *err)
{
    struct tu_buf b;
    enum tu_status st;

    *out = NULL;
    tu_buf_init(&b, TU_XLIFF_MAX_BYTES);
    st = tu_file_read(path, TU_XLIFF_MAX_BYTES, &b, err);
    if (st == TU_OK) {
        st = tu_xliff_read_memory(b.data, b.len, path, out, err);
    }
    tu_buf_release(&b);
    return st;
}
