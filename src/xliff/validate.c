/*
 * XLIFF validator: the reader's checks (safety, well-formedness, structure)
 * plus processing requirements XSD cannot express, each reported with the
 * section of the standard it comes from (XLIFF 2.1 numbering).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/hash.h>
#include <libxml/tree.h>

#include <tumac/alloc.h>
#include <tumac/fileio.h>
#include <tumac/xliff.h>

#include "xliff-int.h"

struct vctx {
    const char *path;
    const char *ns;
    struct tu_diag *diag;
    struct tu_error *err;
    size_t count;
    xmlChar *src_lang;
    xmlChar *trg_lang;
};

static void violation(struct vctx *v, xmlNodePtr n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void violation(struct vctx *v, xmlNodePtr n, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    unsigned long line = n ? (unsigned long)xmlGetLineNo(n) : 0;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (v->count++ == 0) {
        tu_error_at(v->err, TU_EINVALID, v->path, line, 0, "%s", msg);
    }
    tu_diag_add(v->diag, TU_ERROR, v->path, line, 0, "%s", msg);
}

static bool el(const struct vctx *v, xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns &&
           strcmp((const char *)n->ns->href, v->ns) == 0 &&
           (name == NULL || strcmp((const char *)n->name, name) == 0);
}

/*
 * A set of strings (ids seen in a scope): a libxml2 hash for lookups plus
 * the insertion order for reporting.
 */
struct idset {
    xmlHashTablePtr h;
    const xmlChar **items;
    size_t count, cap;
};

static bool idset_has(const struct idset *s, const xmlChar *id)
{
    return s->h != NULL && xmlHashLookup(s->h, id) != NULL;
}

/* false if `id` was already there */
static bool idset_add(struct idset *s, const xmlChar *id)
{
    if (idset_has(s, id)) {
        return false;
    }
    if (s->h == NULL && (s->h = xmlHashCreate(16)) == NULL) {
        return true;
    }
    if (s->count == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 16;
        const xmlChar **n = tu_realloc(s->items, ncap * sizeof *n);
        if (n == NULL) {
            return true;
        }
        s->items = n;
        s->cap = ncap;
    }
    if (xmlHashAddEntry(s->h, id, (void *)(uintptr_t)1) == 0) {
        s->items[s->count++] = id;
    }
    return true;
}

static void idset_release(struct idset *s)
{
    xmlHashFree(s->h, NULL);
    tu_free(s->items);
    memset(s, 0, sizeof *s);
}

static const xmlChar *prop(xmlNodePtr n, const char *name)
{
    xmlAttrPtr a = xmlHasNsProp(n, (const xmlChar *)name, NULL);
    if (a == NULL || a->children == NULL) {
        return a ? (const xmlChar *)"" : NULL;
    }
    return a->children->content;
}

static const xmlChar *xprop(xmlNodePtr n, const char *name)
{
    xmlAttrPtr a = xmlHasNsProp(n, (const xmlChar *)name, (const xmlChar *)XML_NS);
    return a && a->children ? a->children->content : NULL;
}

struct unitctx {
    struct idset ids;      /* segment/ignorable/source inline ids */
    struct idset tids;     /* target inline ids */
    struct idset data;     /* originalData ids */
    struct idset sc_open;  /* sc without its ec yet (per content) */
};

static const char *const inline_ids[] = {"mrk", "sm", "pc", "sc", "ph", NULL};

static bool is_one_of(const xmlChar *name, const char *const *list)
{
    for (size_t i = 0; list[i]; i++) {
        if (xmlStrEqual(name, (const xmlChar *)list[i])) {
            return true;
        }
    }
    return false;
}

static void check_inline(struct vctx *v, xmlNodePtr parent, struct unitctx *u,
                         bool target, struct idset *scs, struct idset *ecs)
{
    for (xmlNodePtr n = parent->children; n; n = n->next) {
        if (!el(v, n, NULL)) {
            continue;
        }
        const xmlChar *nm = n->name;
        const xmlChar *id = prop(n, "id");
        if (is_one_of(nm, inline_ids) || (xmlStrEqual(nm, (const xmlChar *)"ec") && id)) {
            if (id != NULL) {
                if (target) {
                    if (!idset_has(&u->ids, id) && !idset_add(&u->tids, id)) {
                        violation(v, n, "duplicate id '%s' in target (2.1 4.3.1.21: ids unique within the unit)", id);
                    } else if (idset_has(&u->ids, id) && !idset_add(&u->tids, id)) {
                        violation(v, n, "duplicate id '%s' in target (2.1 4.3.1.21)", id);
                    }
                } else if (!idset_add(&u->ids, id)) {
                    violation(v, n, "duplicate id '%s' in unit (2.1 4.3.1.21: segment, ignorable and inline ids share one scope)", id);
                }
            }
        }
        const char *refs[] = {"dataRef", "dataRefStart", "dataRefEnd"};
        for (size_t i = 0; i < 3; i++) {
            const xmlChar *r = prop(n, refs[i]);
            if (r != NULL && !idset_has(&u->data, r)) {
                violation(v, n, "%s '%s' names no <data> of the unit's <originalData> (2.1 4.7.2.3)", refs[i], r);
            }
        }
        if (xmlStrEqual(nm, (const xmlChar *)"sc")) {
            bool iso = prop(n, "isolated") && xmlStrEqual(prop(n, "isolated"), (const xmlChar *)"yes");
            if (id && !iso) {
                idset_add(scs, id);
            }
        } else if (xmlStrEqual(nm, (const xmlChar *)"ec")) {
            const xmlChar *sr = prop(n, "startRef");
            bool iso = prop(n, "isolated") && xmlStrEqual(prop(n, "isolated"), (const xmlChar *)"yes");
            if (sr != NULL && iso) {
                violation(v, n, "<ec isolated=\"yes\"> must use id, not startRef (2.1 4.2.3.5)");
            }
            if (sr == NULL && !iso) {
                violation(v, n, "<ec> without startRef must be isolated=\"yes\" with an id (2.1 4.2.3.5)");
            }
            if (sr != NULL) {
                idset_add(ecs, sr);
            }
        } else if (xmlStrEqual(nm, (const xmlChar *)"em")) {
            const xmlChar *sr = prop(n, "startRef");
            if (sr != NULL) {
                idset_add(ecs, sr);
            }
        }
        if (xmlStrEqual(nm, (const xmlChar *)"pc") || xmlStrEqual(nm, (const xmlChar *)"mrk")) {
            check_inline(v, n, u, target, scs, ecs);
        }
    }
}

static void check_unit(struct vctx *v, xmlNodePtr unit)
{
    struct unitctx u = {0};
    struct idset scs = {0}, ecs = {0}, tscs = {0}, tecs = {0};
    size_t segs = 0;

    for (xmlNodePtr k = unit->children; k; k = k->next) {
        if (el(v, k, "originalData")) {
            for (xmlNodePtr d = k->children; d; d = d->next) {
                if (el(v, d, "data") && prop(d, "id") && !idset_add(&u.data, prop(d, "id"))) {
                    violation(v, d, "duplicate <data> id '%s' (2.1 4.3.1.21)", prop(d, "id"));
                }
            }
        }
    }
    for (xmlNodePtr k = unit->children; k; k = k->next) {
        bool seg = el(v, k, "segment");
        if (!seg && !el(v, k, "ignorable")) {
            continue;
        }
        segs += seg;
        const xmlChar *id = prop(k, "id");
        if (id && !idset_add(&u.ids, id)) {
            violation(v, k, "duplicate id '%s' in unit (2.1 4.3.1.21)", id);
        }
        bool has_target = false;
        for (xmlNodePtr e = k->children; e; e = e->next) {
            if (el(v, e, "source")) {
                const xmlChar *l = xprop(e, "lang");
                if (l && v->src_lang && xmlStrcasecmp(l, v->src_lang) != 0) {
                    violation(v, e, "<source> xml:lang '%s' differs from srcLang '%s' (2.1 4.2.2.12)", l, v->src_lang);
                }
                check_inline(v, e, &u, false, &scs, &ecs);
            } else if (el(v, e, "target")) {
                has_target = true;
                const xmlChar *l = xprop(e, "lang");
                if (v->trg_lang == NULL) {
                    violation(v, e, "<target> present but <xliff> has no trgLang (2.1 4.2.2.1)");
                } else if (l && xmlStrcasecmp(l, v->trg_lang) != 0) {
                    violation(v, e, "<target> xml:lang '%s' differs from trgLang '%s' (2.1 4.2.2.13)", l, v->trg_lang);
                }
                check_inline(v, e, &u, true, &tscs, &tecs);
            }
        }
        if (seg) {
            const xmlChar *st = prop(k, "state");
            const xmlChar *sub = prop(k, "subState");
            if (sub && !st) {
                violation(v, k, "subState without state (2.1 4.3.1.35)");
            }
            if (sub && (!xmlStrchr(sub, ':') || sub[0] == ':')) {
                violation(v, k, "subState '%s' is not prefix:value (2.1 4.3.1.35)", sub);
            }
            if (st && !has_target && !xmlStrEqual(st, (const xmlChar *)"initial")) {
                violation(v, k, "state '%s' on a segment without target (2.1 4.3.1.31)", st);
            }
        }
    }
    if (segs == 0) {
        violation(v, unit, "<unit> without <segment> (2.1 4.2.2.5)");
    }
    for (size_t i = 0; i < scs.count; i++) {
        if (!idset_has(&ecs, scs.items[i])) {
            violation(v, unit, "<sc id=\"%s\"> has no <ec startRef> in the unit; use isolated=\"yes\" (2.1 4.2.3.4)", scs.items[i]);
        }
    }
    for (size_t i = 0; i < ecs.count; i++) {
        if (!idset_has(&scs, ecs.items[i]) && !idset_has(&u.ids, ecs.items[i])) {
            violation(v, unit, "startRef '%s' names no start in the unit (2.1 4.2.3.5)", ecs.items[i]);
        }
    }
    idset_release(&u.ids);
    idset_release(&u.tids);
    idset_release(&u.data);
    idset_release(&scs);
    idset_release(&ecs);
    idset_release(&tscs);
    idset_release(&tecs);
}

static void check_nodes(struct vctx *v, xmlNodePtr n, struct idset *units,
                        struct idset *groups)
{
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (el(v, k, "unit")) {
            const xmlChar *id = prop(k, "id");
            if (id && !idset_add(units, id)) {
                violation(v, k, "duplicate unit id '%s' in file (2.1 4.3.1.21)", id);
            }
            check_unit(v, k);
        } else if (el(v, k, "group")) {
            const xmlChar *id = prop(k, "id");
            if (id && !idset_add(groups, id)) {
                violation(v, k, "duplicate group id '%s' in file (2.1 4.3.1.21)", id);
            }
            check_nodes(v, k, units, groups);
        }
    }
}

static void check_doc20(struct vctx *v, xmlNodePtr root)
{
    struct idset files = {0};
    v->src_lang = (xmlChar *)(uintptr_t)prop(root, "srcLang");
    v->trg_lang = (xmlChar *)(uintptr_t)prop(root, "trgLang");
    if (prop(root, "version") == NULL) {
        violation(v, root, "<xliff> without version (2.1 4.2.2.1)");
    }
    if (v->src_lang == NULL) {
        violation(v, root, "<xliff> without srcLang (2.1 4.2.2.1)");
    }
    for (xmlNodePtr f = root->children; f; f = f->next) {
        if (!el(v, f, "file")) {
            continue;
        }
        struct idset units = {0}, groups = {0};
        const xmlChar *id = prop(f, "id");
        if (id && !idset_add(&files, id)) {
            violation(v, f, "duplicate file id '%s' (2.1 4.3.1.21)", id);
        }
        for (xmlNodePtr k = f->children; k; k = k->next) {
            if (el(v, k, "skeleton")) {
                bool empty = k->children == NULL;
                if (empty && prop(k, "href") == NULL) {
                    violation(v, k, "empty <skeleton> without href (2.1 4.2.2.3)");
                }
                if (!empty && prop(k, "href") != NULL) {
                    violation(v, k, "<skeleton> with both href and content (2.1 4.2.2.3)");
                }
            }
        }
        check_nodes(v, f, &units, &groups);
        idset_release(&units);
        idset_release(&groups);
    }
    idset_release(&files);
}

static void check_doc12(struct vctx *v, xmlNodePtr root)
{
    for (xmlNodePtr f = root->children; f; f = f->next) {
        if (!el(v, f, "file")) {
            continue;
        }
        const char *req[] = {"original", "source-language", "datatype"};
        for (size_t i = 0; i < 3; i++) {
            if (prop(f, req[i]) == NULL) {
                violation(v, f, "<file> without %s (XLIFF 1.2 schema)", req[i]);
            }
        }
    }
}

enum tu_status tu_xliff_validate(const char *path, struct tu_diag *diag,
                                 struct tu_error *err)
{
    struct tu_buf b;
    struct tu_doc *doc = NULL;
    enum tu_status st;
    struct vctx v = {0};

    tu_buf_init(&b, TU_XLIFF_MAX_BYTES);
    st = tu_file_read(path, TU_XLIFF_MAX_BYTES, &b, err);
    if (st == TU_OK) {
        st = tu_xliff_read_memory(b.data, b.len, path, &doc, err);
    }
    tu_doc_free(doc);
    if (st != TU_OK) {
        if (err->code != TU_OK) {
            tu_diag_add(diag, TU_ERROR, err->path, err->line, err->column, "%s", err->msg);
        }
        tu_buf_release(&b);
        return st == TU_EPARSE ? (err->code = TU_EINVALID) : st;
    }
    /* the reader refused DOCTYPEs already: a plain safe parse */
    xmlDocPtr x = xmlReadMemory(b.data, (int)b.len, path, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    (b.len > 9000000 ? XML_PARSE_HUGE : 0));
    if (x == NULL) {
        tu_buf_release(&b);
        return tu_error_at(err, TU_EPARSE, path, 0, 0, "cannot parse the document again");
    }
    xmlNodePtr root = xmlDocGetRootElement(x);
    v.path = path;
    v.diag = diag;
    v.err = err;
    v.ns = (const char *)root->ns->href;
    if (strcmp(v.ns, XLIFF12_NS) == 0) {
        check_doc12(&v, root);
    } else {
        check_doc20(&v, root);
        /* modules hook (xliffmod): module elements and attributes, validate-modules.c */
        tu_xv_modules_check(&(struct tu_xv_report){path, diag, err, &v.count, b.data, b.len}, root);
    }
    tu_buf_release(&b);
    xmlFreeDoc(x);
    return v.count ? TU_EINVALID : TU_OK;
}
