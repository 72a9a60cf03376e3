/*
 * XLIFF 2.0/2.1/2.2 reader: <file>, <group>, <unit> with their segments,
 * inline codes (original data looked up by dataRef), notes, mda metadata
 * and mtc matches -> the model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include <tumac/alloc.h>
#include <tumac/xliff.h>

#include "read-int.h"


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
        xr_fail(c, n, TU_EPARSE, "<cp hex=\"%.20s\"> is not a Unicode code point (XLIFF 2.1 4.3.1.19)",
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
        if (d->type == XML_ELEMENT_NODE && xr_attr_is(d, "id", id)) {
            /* data may hold <cp/>: rebuild the text */
            struct tu_buf b;
            tu_buf_init(&b, TU_BUF_NO_LIMIT);
            for (xmlNodePtr t = d->children; t; t = t->next) {
                if (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) {
                    tu_buf_adds(&b, (const char *)t->content);
                } else if (xr_is(t, c->ns, "cp")) {
                    char u[8];
                    cp_utf8(c, t, u);
                    tu_buf_adds(&b, u);
                }
            }
            char *r = tu_buf_detach(&b, NULL);
            if (r == NULL) {
                xr_oom(c);
            }
            return r;
        }
    }
    return NULL;
}

static void code_attrs(struct rctx *c, xmlNodePtr n, struct tu_inline *in)
{
    char *s;
    if (xr_attr_is(n, "canCopy", "no")) {
        in->flags |= TU_INLINE_NO_COPY;
    }
    if (xr_attr_is(n, "canDelete", "no")) {
        in->flags |= TU_INLINE_NO_DELETE;
    }
    if (xr_attr_is(n, "canOverlap", "no")) {
        in->flags |= TU_INLINE_NO_OVERLAP;
    }
    if (xr_attr_is(n, "isolated", "yes")) {
        in->flags |= TU_INLINE_ISOLATED;
    }
    if (xr_attr_is(n, "canReorder", "no")) {
        in->reorder = TU_REORDER_NO;
    } else if (xr_attr_is(n, "canReorder", "firstNo")) {
        in->reorder = TU_REORDER_FIRSTNO;
    }
    in->type = xr_get(n, "type");
    in->subtype = xr_get(n, "subType");
    in->copy_of = xr_get(n, "copyOf");
    in->dir = xr_get(n, "dir");
    /* a <pc> takes dataRefStart/End only: a stray dataRef on it leaked */
    if (xmlHasProp(n, (const xmlChar *)"dataRef") && !xr_is(n, c->ns, "pc")) {
        s = xr_get(n, "dataRef");
        in->data = odata_lookup(c, s);
        tu_free(s);
    }
    if (xr_is(n, c->ns, "pc")) {
        s = xr_get(n, "dataRefStart");
        in->data = odata_lookup(c, s);
        tu_free(s);
        s = xr_get(n, "dataRefEnd");
        in->data_end = odata_lookup(c, s);
        tu_free(s);
        in->equiv = xr_get(n, "equivStart");
        in->equiv_end = xr_get(n, "equivEnd");
        in->disp = xr_get(n, "dispStart");
        in->disp_end = xr_get(n, "dispEnd");
        in->sub_flows = xr_get(n, "subFlowsStart");
    } else {
        in->equiv = xr_get(n, "equiv");
        in->disp = xr_get(n, "disp");
        in->sub_flows = xr_get(n, "subFlows");
    }
    xr_keep_attrs(c, n, &in->extra, NULL);
}

static void read_inline20(struct rctx *c, xmlNodePtr parent, struct tu_content *ct)
{
    for (xmlNodePtr n = parent->children; n && c->st == TU_OK; n = n->next) {
        struct tu_inline *in;
        char *id;
        if (xr_inline_text(c, n, ct)) {
            continue;
        }
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (!xr_in_core(c, n)) {
            xr_fail(c, n, TU_EPARSE, "element <%s> of another namespace is not allowed in inline content",
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
                xr_oom(c);
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
            xr_fail(c, n, TU_EPARSE, "unexpected element <%s> in inline content", nm);
            return;
        }
        id = xr_get(n, (kind == TU_INLINE_EM || (kind == TU_INLINE_EC && !xmlHasProp(n, (const xmlChar *)"id")))
                        ? "startRef" : "id");
        in = tu_content_add(ct, kind, id);
        tu_free(id);
        if (in == NULL) {
            xr_oom(c);
            return;
        }
        if (kind == TU_INLINE_MRK_START || kind == TU_INLINE_SM) {
            if (xr_attr_is(n, "translate", "no")) {
                in->flags |= TU_INLINE_TRANSLATE_NO;
            } else if (xr_attr_is(n, "translate", "yes")) {
                in->flags |= TU_INLINE_TRANSLATE_YES;
            }
            in->type = xr_get(n, "type");
            in->ref = xr_get(n, "ref");
            in->value = xr_get(n, "value");
            xr_keep_attrs(c, n, &in->extra, NULL);
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
                xr_oom(c);
                return;
            }
        }
    }
}

static void read_content20(struct rctx *c, xmlNodePtr n, struct tu_content *ct)
{
    ct->lang = xr_get_xml(n, "lang");
    ct->space = xr_get_xml(n, "space");
    xr_keep_attrs(c, n, &ct->extra, xr_lang_space);
    read_inline20(c, n, ct);
}

static void read_notes20(struct rctx *c, xmlNodePtr n, struct tu_notes *notes)
{
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (!xr_is(k, c->ns, "note")) {
            continue;
        }
        struct tu_note *no = xr_add_note(c, k, notes);
        if (no == NULL) {
            return;
        }
        no->id = xr_get(k, "id");
        no->category = xr_get(k, "category");
        no->applies_to = xr_get(k, "appliesTo");
        no->priority = xr_get(k, "priority");
        xr_keep_attrs(c, k, &no->extra, NULL);
    }
}

static void read_metas20(struct rctx *c, xmlNodePtr n, struct tu_metas *m)
{
    for (xmlNodePtr g = n->children; g; g = g->next) {
        if (!xr_is(g, MDA_NS, "metaGroup")) {
            continue;
        }
        char *cat = xr_get(g, "category");
        char *gid = xr_get(g, "id");
        for (xmlNodePtr e = g->children; e; e = e->next) {
            if (!xr_is(e, MDA_NS, "meta")) {
                continue;
            }
            char *type = xr_get(e, "type");
            char *v = xr_text_of(e);
            if (tu_metas_add(m, cat, type ? type : "", v ? v : "") != TU_OK) {
                xr_oom(c);
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
        if (!xr_is(g, MDA_NS, "metaGroup") || xmlHasProp(g, (const xmlChar *)"appliesTo")) {
            return false;
        }
        for (xmlNodePtr e = g->children; e; e = e->next) {
            if (e->type == XML_ELEMENT_NODE && !xr_is(e, MDA_NS, "meta")) {
                return false;
            }
        }
    }
    return true;
}

static void read_matches20(struct rctx *c, xmlNodePtr n, struct tu_unit *u)
{
    xmlNodePtr saved = c->odata;
    for (xmlNodePtr k = n->children; k && c->st == TU_OK; k = k->next) {
        if (!xr_is(k, MTC_NS, "match")) {
            continue;
        }
        struct tu_match *m = tu_unit_add_match(u);
        if (m == NULL) {
            xr_oom(c);
            return;
        }
        m->id = xr_get(k, "id");
        m->ref = xr_get(k, "ref");
        m->similarity = xr_num_attr(c, k, "similarity");
        m->match_quality = xr_num_attr(c, k, "matchQuality");
        m->origin = xr_get(k, "origin");
        m->type = xr_get(k, "type");
        m->subtype = xr_get(k, "subType");
        m->reference = xr_attr_is(k, "reference", "yes");
        xr_keep_attrs(c, k, &m->extra, NULL);
        c->odata = NULL;
        for (xmlNodePtr e = k->children; e; e = e->next) {
            if (xr_is(e, c->ns, "originalData")) {
                c->odata = e;
            }
        }
        for (xmlNodePtr e = k->children; e && c->st == TU_OK; e = e->next) {
            if (e->type != XML_ELEMENT_NODE) {
                continue;
            }
            if (xr_is(e, c->ns, "source")) {
                read_content20(c, e, &m->source);
            } else if (xr_is(e, c->ns, "target")) {
                read_content20(c, e, &m->target);
            } else if (xr_is(e, c->ns, "originalData")) {
                continue;
            } else if (xr_is(e, MDA_NS, "metadata") && metas_simple(e) && m->note == NULL) {
                struct tu_metas ms = {0};
                read_metas20(c, e, &ms);
                const char *note = tu_metas_get(&ms, "note");
                if (note != NULL && ms.count == 1) {
                    m->note = tu_strdup(note);
                } else {
                    xr_keep_ext(c, e, &m->exts);
                }
                for (size_t i = 0; i < ms.count; i++) {
                    tu_free(ms.items[i].group_id);
                    tu_free(ms.items[i].group_category);
                    tu_free(ms.items[i].type);
                    tu_free(ms.items[i].value);
                }
                tu_free(ms.items);
            } else {
                xr_keep_ext(c, e, &m->exts);
            }
        }
    }
    c->odata = saved;
}

static enum tu_state state20(const char *s)
{
    return s ? tu_state_parse(s) : TU_STATE_NONE;
}

static void read_unit20(struct rctx *c, xmlNodePtr n, struct tu_unit *u)
{
    u->name = xr_get(n, "name");
    u->type = xr_get(n, "type");
    u->translate = xr_get_translate(n);
    u->space = xr_get_xml(n, "space");
    xr_keep_attrs(c, n, &u->extra, xr_space_only);
    c->odata = NULL;
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (xr_is(k, c->ns, "originalData")) {
            c->odata = k;
        }
    }
    for (xmlNodePtr k = n->children; k && c->st == TU_OK; k = k->next) {
        if (k->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (xr_is(k, c->ns, "segment") || xr_is(k, c->ns, "ignorable")) {
            char *id = xr_get(k, "id");
            if (xr_seg_id_taken(u, id)) {
                /* the message `tumac validate` gave for it */
                xr_fail(c, k, TU_EPARSE, "duplicate id '%s' in unit (XLIFF 2.1 4.3.1.21)", id);
                tu_free(id);
                return;
            }
            struct tu_segment *s = tu_unit_add_segment(u, id, xr_is(k, c->ns, "ignorable"));
            tu_free(id);
            if (s == NULL) {
                xr_oom(c);
                return;
            }
            char *st = xr_get(k, "state");
            s->state = state20(st);
            tu_free(st);
            s->sub_state = xr_get(k, "subState");
            s->can_resegment_no = xr_attr_is(k, "canResegment", "no");
            xr_keep_attrs(c, k, &s->extra, NULL);
            for (xmlNodePtr e = k->children; e && c->st == TU_OK; e = e->next) {
                if (xr_is(e, c->ns, "source")) {
                    read_content20(c, e, &s->source);
                } else if (xr_is(e, c->ns, "target")) {
                    s->has_target = true;
                    read_content20(c, e, &s->target);
                    char *ord = xr_get(e, "order");
                    if (ord != NULL) {
                        tu_attrs_add(&s->target.extra, NULL, "order", ord);
                        tu_free(ord);
                    }
                }
            }
        } else if (xr_is(k, c->ns, "notes")) {
            read_notes20(c, k, &u->notes);
        } else if (xr_is(k, c->ns, "originalData")) {
            continue;
        } else if (xr_is(k, MTC_NS, "matches")) {
            read_matches20(c, k, u);
        } else if (xr_is(k, MDA_NS, "metadata") && metas_simple(k) && u->meta.count == 0) {
            read_metas20(c, k, &u->meta);
        } else {
            xr_keep_ext(c, k, &u->exts);
        }
    }
    c->odata = NULL;
}

/* A child of <file> or <group> other than a unit or group, expanded. */
static void read_other20(struct rctx *c, xmlNodePtr k, struct tu_file *f, struct tu_group *g,
                         struct tu_notes *notes, struct tu_metas *meta, struct tu_exts *ex)
{
    if (xr_is(k, c->ns, "notes")) {
        read_notes20(c, k, notes);
    } else if (xr_is(k, c->ns, "skeleton") && g == NULL) {
        if (xr_second_skeleton(c, k, f)) {
            return;
        }
        f->skeleton_href = xr_get(k, "href");
        if (k->children != NULL || f->skeleton_href == NULL) {
            bool elements = false;
            for (xmlNodePtr e = k->children; e; e = e->next) {
                elements |= e->type == XML_ELEMENT_NODE;
            }
            if (elements) {
                xr_keep_ext(c, k, ex);
            } else {
                f->skeleton = xr_text_of(k);
            }
        }
    } else if (xr_is(k, MDA_NS, "metadata") && metas_simple(k) && meta->count == 0) {
        read_metas20(c, k, meta);
    } else {
        xr_keep_ext(c, k, ex);
    }
}

static void read_nodes20(struct rctx *c, struct tu_file *f, struct tu_group *g,
                         struct tu_notes *notes, struct tu_metas *meta, struct tu_exts *ex)
{
    struct xr_kids kids;
    xr_kids_begin(c, &kids);
    for (xmlNodePtr k; (k = xr_kids_next(c, &kids)) != NULL;) {
        if (xr_is(k, c->ns, "unit")) {
            struct tu_unit *u = xr_add_unit(c, k, f, g);
            if (u == NULL || (k = xr_expand(c)) == NULL) {
                return;
            }
            read_unit20(c, k, u);
        } else if (xr_is(k, c->ns, "group")) {
            struct tu_group *ng = xr_add_group(c, k, f, g);
            if (ng == NULL) {
                return;
            }
            ng->name = xr_get(k, "name");
            ng->type = xr_get(k, "type");
            ng->translate = xr_get_translate(k);
            ng->space = xr_get_xml(k, "space");
            xr_keep_attrs(c, k, &ng->extra, xr_space_only);
            read_nodes20(c, f, ng, &ng->notes, &ng->meta, &ng->exts);
        } else if ((k = xr_expand(c)) != NULL) {
            read_other20(c, k, f, g, notes, meta, ex);
        }
    }
}

void xr_read_doc20(struct rctx *c, xmlNodePtr root, struct tu_doc *d)
{
    struct xr_kids files;
    d->src_lang = xr_get(root, "srcLang");
    d->trg_lang = xr_get(root, "trgLang");
    xr_keep_attrs(c, root, &d->extra, NULL);
    xr_kids_begin(c, &files);
    for (xmlNodePtr k; (k = xr_kids_next(c, &files)) != NULL;) {
        if (!xr_is(k, c->ns, "file")) {
            if ((k = xr_expand(c)) != NULL) {
                xr_keep_ext(c, k, &d->exts);
            }
            continue;
        }
        char *id = xr_get(k, "id");
        struct tu_file *f = tu_doc_add_file(d, id);
        tu_free(id);
        if (f == NULL) {
            xr_oom(c);
            return;
        }
        f->original = xr_get(k, "original");
        f->translate = xr_get_translate(k);
        f->space = xr_get_xml(k, "space");
        if (d->src_lang) {
            f->src_lang = tu_strdup(d->src_lang);
        }
        if (d->trg_lang) {
            f->trg_lang = tu_strdup(d->trg_lang);
        }
        xr_keep_attrs(c, k, &f->extra, xr_space_only);
        read_nodes20(c, f, NULL, &f->notes, &f->meta, &f->exts);
    }
}
