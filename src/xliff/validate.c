/*
 * XLIFF validator: the reader's checks (safety, well-formedness, structure)
 * plus processing requirements XSD cannot express, each reported with the
 * section of the standard it comes from (XLIFF 2.1 numbering).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/hash.h>
#include <libxml/tree.h>

#include <tumac/alloc.h>
#include <tumac/fileio.h>
#include <tumac/xliff.h>

#include "base/xmlparse-int.h"
#include "xliff-int.h"

struct vctx {
    struct tu_xv_report rep;
    size_t count;
    const char *ns;
    const xmlChar *src_lang;
    const xmlChar *trg_lang;
};

/* every violation goes through the shared reporter (validate-core.c) */
#define violation(v, n, ...) tu_xv_error(&(v)->rep, (n), __VA_ARGS__)

static bool el(const struct vctx *v, xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns &&
           strcmp((const char *)n->ns->href, v->ns) == 0 &&
           (name == NULL || strcmp((const char *)n->name, name) == 0);
}

static bool name_is(xmlNodePtr n, const char *name)
{
    return xmlStrEqual(n->name, (const xmlChar *)name);
}

/*
 * A set of strings (ids seen in a scope): a libxml2 hash for lookups plus
 * the insertion order for reporting. Each string maps to the first node that
 * carried it.
 */
struct idset {
    xmlHashTablePtr h;
    const xmlChar **items;
    size_t count, cap;
};

static xmlNodePtr idset_get(const struct idset *s, const xmlChar *id)
{
    return s->h != NULL ? xmlHashLookup(s->h, id) : NULL;
}

static bool idset_has(const struct idset *s, const xmlChar *id)
{
    return idset_get(s, id) != NULL;
}

/* false if `id` was already there */
static bool idset_put(struct idset *s, const xmlChar *id, xmlNodePtr n)
{
    if (idset_has(s, id)) {
        return false;
    }
    if (s->h == NULL && (s->h = xmlHashCreate(16)) == NULL) {
        return true;
    }
    if (s->count == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 16;
        const xmlChar **nv = tu_realloc(s->items, ncap * sizeof *nv);
        if (nv == NULL) {
            return true;
        }
        s->items = nv;
        s->cap = ncap;
    }
    if (xmlHashAddEntry(s->h, id, n) == 0) {
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

static bool prop_is(xmlNodePtr n, const char *name, const char *value)
{
    const xmlChar *p = prop(n, name);
    return p && xmlStrEqual(p, (const xmlChar *)value);
}

static const xmlChar *xprop(xmlNodePtr n, const char *name)
{
    xmlAttrPtr a = xmlHasNsProp(n, (const xmlChar *)name, (const xmlChar *)XML_NS);
    return a && a->children ? a->children->content : NULL;
}

/* ---- ids in the scopes of file, group and unit -------------------------- */

/* <note> ids are unique within the immediate file, group or unit (4.3.1.21) */
static void check_note_ids(struct vctx *v, xmlNodePtr holder)
{
    struct idset ids = {0};
    for (xmlNodePtr k = holder->children; k; k = k->next) {
        if (!el(v, k, "notes")) {
            continue;
        }
        for (xmlNodePtr n = k->children; n; n = n->next) {
            const xmlChar *id = el(v, n, "note") ? prop(n, "id") : NULL;
            if (id && !idset_put(&ids, id, n)) {
                violation(v, n, "duplicate <note> id '%s' in <%s> (XLIFF 2.1 4.3.1.21: note ids are unique within the immediate file, group or unit)",
                          id, (const char *)holder->name);
            }
        }
    }
    idset_release(&ids);
}

static void ext_ids(struct vctx *v, xmlNodePtr n, struct idset *ids, const char *holder)
{
    const xmlChar *ids_here[2] = {prop(n, "id"), xprop(n, "id")};
    for (size_t i = 0; i < 2; i++) {
        if (ids_here[i] && !idset_put(ids, ids_here[i], n)) {
            violation(v, n, "duplicate extension id '%s' in <%s> (XLIFF 2.1 4.9.2: ids of extension elements are unique within the immediate file, group or unit)",
                      ids_here[i], holder);
        }
    }
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (k->type == XML_ELEMENT_NODE) {
            ext_ids(v, k, ids, holder);
        }
    }
}

/*
 * Elements of extensions (not core, not a module the module validator
 * owns): their id / xml:id values share one scope per file, group or unit.
 */
static void check_ext_ids(struct vctx *v, xmlNodePtr holder)
{
    struct idset ids = {0};
    for (xmlNodePtr k = holder->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE || k->ns == NULL || el(v, k, NULL) ||
            tu_xv_is_module_ns((const char *)k->ns->href)) {
            continue;
        }
        ext_ids(v, k, &ids, (const char *)holder->name);
    }
    idset_release(&ids);
}

/* ---- fragment identifiers (section 3) ----------------------------------- */

/* selector prefixes of the modules (5.x) and of registered extensions */
static const char *const registered_prefixes[] = {"mtc", "gls", "mda", "res", "ctr", "slr", "val",
                                                  "its", "pgs", "tbx", NULL};

struct fragid {
    const char *file, *group, *unit; /* NULL when absent */
    const char *leaf_prefix;         /* "" for no prefix */
    const char *leaf;                /* NULL when no leaf selector */
    char buf[256];
};

/*
 * Parses a same-document fragment identifier ("#..."). Returns NULL when it
 * is well formed (out filled), or what is wrong.
 */
static const char *fragid_parse(const char *ref, struct fragid *out)
{
    memset(out, 0, sizeof *out);
    const char *p = ref + 1; /* after '#' */
    if (*p == '/') {
        p++;
    }
    if (strlen(p) >= sizeof out->buf) {
        return "is too long";
    }
    memcpy(out->buf, p, strlen(p) + 1);
    char *save = out->buf;
    int last_core = 0; /* f=1, g=2, u=3 */
    bool seen[4] = {false};
    if (*save == '\0') {
        return "has no selector";
    }
    while (save) {
        char *sel = save;
        char *slash = strchr(sel, '/');
        if (slash) {
            *slash = '\0';
            save = slash + 1;
        } else {
            save = NULL;
        }
        char *eq = strchr(sel, '=');
        const char *prefix = "", *id = sel;
        if (eq) {
            *eq = '\0';
            prefix = sel;
            id = eq + 1;
            if (!tu_xv_is_nmtoken(prefix)) {
                return "has a prefix that is not an NMTOKEN";
            }
        }
        if (!tu_xv_is_nmtoken(id)) {
            return "has an id that is not an NMTOKEN";
        }
        if (out->leaf) {
            return "has a selector after the note, data, segment, inline, module or extension selector, which must be the last (3)";
        }
        int core = strcmp(prefix, "f") == 0 ? 1 : strcmp(prefix, "g") == 0 ? 2 : strcmp(prefix, "u") == 0 ? 3 : 0;
        if (core) {
            if (seen[core]) {
                return "repeats a prefix (3: no two identical prefixes)";
            }
            if (core < last_core) {
                return "has file, group and unit selectors out of order (3: file, group, unit)";
            }
            seen[core] = true;
            last_core = core;
            *(core == 1 ? &out->file : core == 2 ? &out->group : &out->unit) = id;
            continue;
        }
        bool known = *prefix == '\0' || strcmp(prefix, "n") == 0 || strcmp(prefix, "d") == 0 ||
                     strcmp(prefix, "t") == 0;
        for (size_t i = 0; !known && registered_prefixes[i]; i++) {
            known = strcmp(prefix, registered_prefixes[i]) == 0;
        }
        if (!known) {
            return strlen(prefix) < 2 ? "uses a one-letter prefix that XLIFF core does not define (3.2: module and extension prefixes are longer than 1 character)"
                                      : "uses a prefix no module or registered extension defines (3.2)";
        }
        out->leaf_prefix = prefix;
        out->leaf = id;
    }
    return NULL;
}

static xmlNodePtr ancestor(const struct vctx *v, xmlNodePtr n, const char *name)
{
    for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        if (el(v, n, name)) {
            return n;
        }
    }
    return NULL;
}

/* a <note> with that id in the <notes> of `holder` */
static bool has_note(const struct vctx *v, xmlNodePtr holder, const char *id)
{
    for (xmlNodePtr k = holder ? holder->children : NULL; k; k = k->next) {
        for (xmlNodePtr n = el(v, k, "notes") ? k->children : NULL; n; n = n->next) {
            if (el(v, n, "note") && prop(n, "id") && strcmp((const char *)prop(n, "id"), id) == 0) {
                return true;
            }
        }
    }
    return false;
}

/* checks the syntax of a same-document reference; true if well formed */
static bool check_fragid(struct vctx *v, xmlNodePtr n, const char *attr, const char *ref, struct fragid *f)
{
    const char *bad = fragid_parse(ref, f);
    if (bad) {
        violation(v, n, "%s=\"%s\" on <%s> is not a valid fragment identifier: it %s (XLIFF 2.1 3, Fragment Identification; selectors 3.1)",
                  attr, ref, (const char *)n->name, bad);
        return false;
    }
    return true;
}

/*
 * A comment annotation (4.7.3.1.3): exactly one of value and ref, and ref
 * points to a <note> of the enclosing unit.
 */
static void check_comment(struct vctx *v, xmlNodePtr n)
{
    const xmlChar *value = prop(n, "value"), *ref = prop(n, "ref");
    const char *nm = (const char *)n->name;
    if ((value == NULL) == (ref == NULL)) {
        violation(v, n, "<%s type=\"comment\"> needs exactly one of value and ref, found %s (XLIFF 2.1 4.7.3.1.3)", nm,
                  value ? "both" : "neither");
        return;
    }
    if (ref == NULL) {
        return;
    }
    struct fragid f;
    if (ref[0] != '#') {
        violation(v, n, "ref=\"%s\" on <%s type=\"comment\"> must point to a <note> of the unit with a fragment identifier (XLIFF 2.1 4.7.3.1.3)",
                  ref, nm);
        return;
    }
    if (!check_fragid(v, n, "ref", (const char *)ref, &f)) {
        return;
    }
    xmlNodePtr unit = ancestor(v, n, "unit"), file = ancestor(v, n, "file");
    bool same_unit = f.group == NULL && (f.unit || !f.file) &&
                     (!f.file || (file && prop(file, "id") && strcmp(f.file, (const char *)prop(file, "id")) == 0)) &&
                     (!f.unit || (unit && prop(unit, "id") && strcmp(f.unit, (const char *)prop(unit, "id")) == 0));
    if (!same_unit || !f.leaf_prefix || strcmp(f.leaf_prefix, "n") != 0 || !has_note(v, unit, f.leaf)) {
        violation(v, n, "ref=\"%s\" on <%s type=\"comment\"> names no <note> of the enclosing unit (XLIFF 2.1 4.7.3.1.3)", ref,
                  nm);
    }
}

/* ---- inline content: the codes and markers of a unit, in order --------- */

enum tok_kind { TK_PH, TK_START, TK_END, TK_ASTART, TK_AEND, TK_CP };
enum reorder { RE_YES, RE_FIRSTNO, RE_NO };

static const xmlChar *const kind_names[] = {BAD_CAST "ph", BAD_CAST "start", BAD_CAST "end",
                                            BAD_CAST "astart", BAD_CAST "aend", BAD_CAST "cp"};

struct tok {
    xmlNodePtr n;
    enum tok_kind kind;
    const xmlChar *key; /* id, or startRef of an end */
    bool isolated;
    bool pc;          /* the start or end of a <pc> / <mrk> */
    enum reorder reorder;
    size_t container; /* index of its segment/ignorable in the unit */
};

/* source or target content of a whole unit, in document order */
struct stream {
    struct tok *v;
    size_t count, cap;
};

static void stream_add(struct stream *s, struct tok t)
{
    if (s->count == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 32;
        struct tok *nv = tu_realloc(s->v, ncap * sizeof *nv);
        if (nv == NULL) {
            return;
        }
        s->v = nv;
        s->cap = ncap;
    }
    s->v[s->count++] = t;
}

static enum reorder reorder_of(xmlNodePtr n)
{
    return prop_is(n, "canReorder", "no") ? RE_NO : prop_is(n, "canReorder", "firstNo") ? RE_FIRSTNO : RE_YES;
}

/* the empty inline elements and what they are in a stream */
static const struct {
    const char *name;
    enum tok_kind kind;
} empty_inline[] = {{"ph", TK_PH},      {"sc", TK_START}, {"ec", TK_END},
                    {"sm", TK_ASTART}, {"em", TK_AEND},  {"cp", TK_CP}};

static void collect(const struct vctx *v, xmlNodePtr parent, size_t container, struct stream *s)
{
    for (xmlNodePtr n = parent->children; n; n = n->next) {
        if (!el(v, n, NULL)) {
            continue;
        }
        /* an end names its start with startRef (an isolated <ec> has an id) */
        const xmlChar *key = prop(n, "startRef") ? prop(n, "startRef") : prop(n, "id");
        struct tok t = {n, TK_PH, key, prop_is(n, "isolated", "yes"), false, reorder_of(n), container};
        for (size_t i = 0; i < sizeof empty_inline / sizeof empty_inline[0]; i++) {
            if (name_is(n, empty_inline[i].name)) {
                t.kind = empty_inline[i].kind;
                stream_add(s, t);
            }
        }
        if (name_is(n, "pc") || name_is(n, "mrk")) {
            bool pc = name_is(n, "pc");
            t.kind = pc ? TK_START : TK_ASTART;
            t.pc = true;
            stream_add(s, t);
            collect(v, n, container, s);
            t.kind = pc ? TK_END : TK_AEND;
            /* the end of a firstNo pair continues its sequence */
            t.reorder = t.reorder == RE_FIRSTNO ? RE_NO : t.reorder;
            stream_add(s, t);
        }
    }
}

static bool is_code(const struct tok *t)
{
    return t->kind == TK_PH || t->kind == TK_START || t->kind == TK_END;
}

static const char *tok_name(const struct tok *t)
{
    return (const char *)t->n->name;
}

static bool same_code(const struct tok *a, const struct tok *b)
{
    return a->kind == b->kind && xmlStrEqual(a->n->name, b->n->name) && a->key && b->key &&
           xmlStrEqual(a->key, b->key);
}

/* the token carries the element's own id (not an end naming its start) */
static bool defines_id(const struct tok *t)
{
    bool start = t->kind == TK_PH || t->kind == TK_START || t->kind == TK_ASTART;
    return t->key && (start || (t->kind == TK_END && t->isolated && !t->pc));
}

static const char *const hint_names[] = {"canCopy", "canDelete", "canReorder", "canOverlap"};
static const char *const hint_default[] = {"yes", "yes", "yes", "yes"};

static const char *hint(xmlNodePtr n, size_t i)
{
    const xmlChar *p = prop(n, hint_names[i]);
    return p ? (const char *)p : hint_default[i];
}

/*
 * Start and end codes and markers pair up in order within the unit's
 * source (or target) content: an end after its start, a start closed
 * exactly once unless isolated, the pair's editing hints equal.
 */
static void check_pairs(struct vctx *v, const struct stream *s, const char *side)
{
    struct idset open = {0}, closed = {0}, iso = {0}, aopen = {0}, aclosed = {0};
    for (size_t i = 0; i < s->count; i++) {
        const struct tok *t = &s->v[i];
        if (t->pc || t->key == NULL) {
            continue;
        }
        if (t->kind == TK_START) {
            idset_put(t->isolated ? &iso : &open, t->key, t->n);
        } else if (t->kind == TK_ASTART) {
            idset_put(&aopen, t->key, t->n);
        } else if (t->kind == TK_END && !t->isolated) {
            xmlNodePtr sc = idset_get(&open, t->key);
            if (idset_has(&iso, t->key)) {
                violation(v, idset_get(&iso, t->key), "<sc id=\"%s\" isolated=\"yes\"> but its <ec> is in the same unit's %s (XLIFF 2.1 4.3.1.22)",
                          t->key, side);
            } else if (sc == NULL) {
                violation(v, t->n, "<ec startRef=\"%s\"> has no <sc> before it in the unit's %s (XLIFF 2.1 4.2.3.5)", t->key,
                          side);
            } else if (!idset_put(&closed, t->key, t->n)) {
                violation(v, t->n, "second <ec> for <sc id=\"%s\"> (XLIFF 2.1 4.2.3.5)", t->key);
            } else {
                for (size_t h = 0; h < 4; h++) {
                    if (strcmp(hint(sc, h), hint(t->n, h)) != 0 &&
                        !(h == 2 && strcmp(hint(sc, h), "firstNo") == 0 && strcmp(hint(t->n, h), "no") == 0)) {
                        violation(v, t->n, "%s=\"%s\" on <ec startRef=\"%s\"> differs from its <sc> (\"%s\") (XLIFF 2.1 4.2.3.4%s)",
                                  hint_names[h], hint(t->n, h), t->key, hint(sc, h),
                                  h == 2 && strcmp(hint(sc, h), "firstNo") == 0
                                      ? ": after canReorder=\"firstNo\" the end code has \"no\""
                                      : "");
                    }
                }
            }
        } else if (t->kind == TK_AEND) {
            if (!idset_has(&aopen, t->key)) {
                violation(v, t->n, "<em startRef=\"%s\"> has no <sm> before it in the unit's %s (XLIFF 2.1 4.2.3.8)", t->key,
                          side);
            } else {
                idset_put(&aclosed, t->key, t->n);
            }
        }
    }
    for (size_t i = 0; i < open.count; i++) {
        if (!idset_has(&closed, open.items[i])) {
            violation(v, idset_get(&open, open.items[i]),
                      "<sc id=\"%s\"> has no <ec startRef> after it in the unit's %s; use isolated=\"yes\" (XLIFF 2.1 4.3.1.22, 4.2.3.4)",
                      open.items[i], side);
        }
    }
    for (size_t i = 0; i < aopen.count; i++) {
        if (!idset_has(&aclosed, aopen.items[i])) {
            violation(v, idset_get(&aopen, aopen.items[i]),
                      "<sm id=\"%s\"> has no <em startRef> after it in the unit's %s (XLIFF 2.1 4.2.3.7)", aopen.items[i],
                      side);
        }
    }
    idset_release(&open);
    idset_release(&closed);
    idset_release(&iso);
    idset_release(&aopen);
    idset_release(&aclosed);
}

/*
 * Non-reorderable sequences (4.7.2.6 editing hints; 4.3.1.5): a code with
 * canReorder="no" follows the "firstNo" code that starts its sequence; a
 * sequence runs from the firstNo code to the last "no" code before the
 * next firstNo. Returns the number of codes in the sequence starting at i
 * (0: none).
 */
static size_t sequence_len(const struct stream *s, size_t i)
{
    if (!is_code(&s->v[i]) || s->v[i].reorder != RE_FIRSTNO) {
        return 0;
    }
    size_t codes = 1, len = 1;
    for (size_t j = i + 1; j < s->count && !(is_code(&s->v[j]) && s->v[j].reorder == RE_FIRSTNO); j++) {
        if (is_code(&s->v[j])) {
            codes++;
            len = s->v[j].reorder == RE_NO ? codes : len;
        }
    }
    return len;
}

static void check_orphan_no(struct vctx *v, const struct stream *s, const char *side)
{
    bool started = false;
    for (size_t i = 0; i < s->count; i++) {
        const struct tok *t = &s->v[i];
        if (!is_code(t)) {
            continue;
        }
        started |= t->reorder == RE_FIRSTNO;
        if (t->reorder == RE_NO && !started) {
            violation(v, t->n, "<%s> with canReorder=\"no\" is not preceded by the canReorder=\"firstNo\" code that starts its sequence in the %s (XLIFF 2.1 4.7.2.6, 4.3.1.5)",
                      tok_name(t), side);
            return;
        }
    }
}

/* the next code token in `s` from i on (markers and cp skipped) */
static size_t next_code(const struct stream *s, size_t i)
{
    while (i < s->count && !is_code(&s->v[i])) {
        i++;
    }
    return i;
}

/*
 * Editing hints against the target (4.7.2.6, 4.7.7): where a segment or
 * ignorable has a target, its non-removable codes are in the unit's target
 * content and its non-reorderable sequences are there unchanged.
 */
static void check_target_hints(struct vctx *v, const struct stream *src, const struct stream *trg,
                               const bool *has_target, size_t containers)
{
    /* the first target token of each (element, id, kind): found in O(1) */
    xmlHashTablePtr first = xmlHashCreate(64);
    for (size_t j = 0; first && j < trg->count; j++) {
        if (is_code(&trg->v[j]) && trg->v[j].key) {
            xmlHashAddEntry3(first, trg->v[j].n->name, trg->v[j].key, kind_names[trg->v[j].kind], &trg->v[j]);
        }
    }
    for (size_t i = 0; first && i < src->count; i++) {
        const struct tok *t = &src->v[i];
        if (!is_code(t) || (t->pc && t->kind == TK_END) || t->container >= containers ||
            !has_target[t->container]) {
            continue;
        }
        const struct tok *m = t->key ? xmlHashLookup3(first, t->n->name, t->key, kind_names[t->kind]) : NULL;
        size_t found = m ? (size_t)(m - trg->v) : trg->count;
        if (found == trg->count) {
            if (strcmp(hint(t->n, 1), "no") == 0) {
                violation(v, t->n, "<%s id=\"%s\"> has canDelete=\"no\" but is missing from the target (XLIFF 2.1 4.7.2.6, 4.3.1.3)",
                          tok_name(t), t->key ? (const char *)t->key : "");
            }
            continue;
        }
        size_t len = sequence_len(src, i);
        for (size_t a = i, b = found, k = 0; k < len; k++, a = next_code(src, a + 1), b = next_code(trg, b + 1)) {
            if (b >= trg->count || !same_code(&src->v[a], &trg->v[b])) {
                violation(v, trg->v[found].n, "the non-reorderable sequence starting with <%s id=\"%s\"> is changed in the target (XLIFF 2.1 4.7.2.6, 4.3.1.5)",
                          tok_name(t), t->key ? (const char *)t->key : "");
                break;
            }
        }
    }
    xmlHashFree(first, NULL);
}

/* an XML Char (XML 1.0 2.2): <cp> must only stand for the others (4.2.3.1) */
static bool is_xml_char(unsigned long c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

static const char *const xlf_fmt_subtypes[] = {"xlf:lb", "xlf:pb", "xlf:b", "xlf:i", "xlf:u", NULL};

/* attributes of one code or marker (element-level rules) */
static void check_code_attrs(struct vctx *v, xmlNodePtr n, const struct idset *data, const struct idset *units)
{
    const char *nm = (const char *)n->name;
    const xmlChar *id = prop(n, "id");
    static const char *const refs[][2] = {{"dataRef", "9"}, {"dataRefStart", "11"}, {"dataRefEnd", "10"}};
    for (size_t i = 0; i < 3; i++) {
        const xmlChar *r = prop(n, refs[i][0]);
        if (r != NULL && !idset_has(data, r)) {
            violation(v, n, "%s '%s' names no <data> of the unit's <originalData> (XLIFF 2.1 4.3.1.%s, 4.7.2.3)", refs[i][0],
                      r, refs[i][1]);
        }
    }
    if (name_is(n, "pc") && (prop(n, "dataRefStart") == NULL) != (prop(n, "dataRefEnd") == NULL)) {
        violation(v, n, "<pc> has only one of dataRefStart and dataRefEnd (XLIFF 2.1 4.3.1.10, 4.3.1.11)");
    }
    if (prop(n, "copyOf") && (prop(n, "dataRef") || prop(n, "dataRefStart") || prop(n, "dataRefEnd"))) {
        violation(v, n, "<%s> has copyOf and original data: a copy has none of its own (XLIFF 2.1 4.7.2.4.1, 4.3.1.8)", nm);
    }
    const xmlChar *sub = prop(n, "subType"), *type = prop(n, "type");
    if (sub && !name_is(n, "mrk") && !name_is(n, "sm")) {
        if (type == NULL) {
            violation(v, n, "<%s> has subType but no type (XLIFF 2.1 4.3.1.36)", nm);
        } else if (xmlStrncmp(sub, (const xmlChar *)"xlf:", 4) == 0) {
            bool fmt = false;
            for (size_t i = 0; xlf_fmt_subtypes[i]; i++) {
                fmt |= xmlStrEqual(sub, (const xmlChar *)xlf_fmt_subtypes[i]);
            }
            bool var = xmlStrEqual(sub, (const xmlChar *)"xlf:var");
            if (!fmt && !var) {
                violation(v, n, "subType '%s' uses the reserved prefix xlf: but is not an XLIFF-defined value (XLIFF 2.1 4.3.1.36)", sub);
            } else if (!xmlStrEqual(type, (const xmlChar *)(fmt ? "fmt" : "ui"))) {
                violation(v, n, "subType '%s' requires type=\"%s\", found \"%s\" (XLIFF 2.1 4.3.1.36)", sub, fmt ? "fmt" : "ui",
                          type);
            }
        }
    }
    const xmlChar *ro = prop(n, "canReorder");
    if (ro && !xmlStrEqual(ro, (const xmlChar *)"yes") &&
        (!prop_is(n, "canCopy", "no") || !prop_is(n, "canDelete", "no"))) {
        violation(v, n, "<%s> has canReorder=\"%s\" but not canCopy=\"no\" and canDelete=\"no\" (XLIFF 2.1 4.7.2.6, 4.3.1.5)", nm,
                  ro);
    }
    static const char *const flows[][2] = {{"subFlows", "32"}, {"subFlowsStart", "34"}, {"subFlowsEnd", "33"}};
    for (size_t i = 0; i < 3; i++) {
        const xmlChar *f = prop(n, flows[i][0]);
        char tok[128];
        for (const char *p = f ? (const char *)f : ""; *p;) {
            p += strspn(p, " \t\r\n");
            size_t len = strcspn(p, " \t\r\n");
            if (len == 0) {
                break;
            }
            snprintf(tok, sizeof tok, "%.*s", (int)len, p);
            if (tu_xv_is_nmtoken(tok) && !idset_has(units, (const xmlChar *)tok)) {
                violation(v, n, "%s names '%s', which is no <unit> of the file (XLIFF 2.1 4.3.1.%s)", flows[i][0], tok,
                          flows[i][1]);
            }
            p += len;
        }
    }
    if (name_is(n, "ec")) {
        bool iso = prop_is(n, "isolated", "yes");
        if (iso && (prop(n, "startRef") || !id)) {
            violation(v, n, "<ec isolated=\"yes\"> must have an id and no startRef (XLIFF 2.1 4.2.3.5)");
        } else if (!iso && (!prop(n, "startRef") || id)) {
            violation(v, n, "<ec> that is not isolated must have startRef and no id (XLIFF 2.1 4.2.3.5)");
        }
        if (!iso && prop(n, "dir")) {
            violation(v, n, "dir on an <ec> that is not isolated (XLIFF 2.1 4.2.3.5)");
        }
    }
    if ((name_is(n, "mrk") || name_is(n, "sm"))) {
        if (prop_is(n, "type", "comment")) {
            check_comment(v, n);
        } else if (prop(n, "ref") && prop(n, "ref")[0] == '#') {
            struct fragid f;
            check_fragid(v, n, "ref", (const char *)prop(n, "ref"), &f);
        }
    }
    if (name_is(n, "cp") && prop(n, "hex")) {
        const char *h = (const char *)prop(n, "hex");
        char *end;
        unsigned long c = strtoul(h, &end, 16);
        if (*h && *end == '\0' && strlen(h) <= 8 && is_xml_char(c)) {
            violation(v, n, "<cp hex=\"%s\"> encodes a character XML allows; cp is only for characters invalid in XML (XLIFF 2.1 4.2.3.1)",
                      h);
        }
    }
}

static void check_inline_attrs(struct vctx *v, xmlNodePtr parent, const struct idset *data, const struct idset *units)
{
    for (xmlNodePtr n = parent->children; n; n = n->next) {
        if (el(v, n, NULL)) {
            check_code_attrs(v, n, data, units);
            check_inline_attrs(v, n, data, units);
        }
    }
}

/* the xml:lang in effect at n (explicit or inherited), or NULL */
static const xmlChar *lang_at(xmlNodePtr n)
{
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        const xmlChar *l = xprop(n, "lang");
        if (l) {
            return l;
        }
    }
    return NULL;
}

/* `lang` is `want` or a more specific tag of it (xml:lang semantics) */
static bool lang_matches(const xmlChar *lang, const xmlChar *want)
{
    int n = xmlStrlen(want);
    return xmlStrncasecmp(lang, want, n) == 0 && (lang[n] == '\0' || lang[n] == '-');
}

static void check_unit(struct vctx *v, xmlNodePtr unit, const struct idset *units)
{
    struct idset ids = {0}, tids = {0}, data = {0};
    struct stream src = {0}, trg = {0};
    size_t segs = 0, containers = 0;
    enum { MAXC = 1024 }; /* segments+ignorables checked for targets and order */
    bool has_target[MAXC] = {false};
    unsigned long order[MAXC] = {0}; /* target position, 0: no target */
    xmlNodePtr order_node[MAXC];

    check_note_ids(v, unit);
    check_ext_ids(v, unit);
    for (xmlNodePtr k = unit->children; k; k = k->next) {
        for (xmlNodePtr d = el(v, k, "originalData") ? k->children : NULL; d; d = d->next) {
            if (el(v, d, "data") && prop(d, "id") && !idset_put(&data, prop(d, "id"), d)) {
                violation(v, d, "duplicate <data> id '%s' (XLIFF 2.1 4.3.1.21)", prop(d, "id"));
            }
        }
    }
    for (xmlNodePtr k = unit->children; k; k = k->next) {
        bool seg = el(v, k, "segment");
        if (!seg && !el(v, k, "ignorable")) {
            continue;
        }
        size_t index = containers++;
        segs += seg;
        const xmlChar *id = prop(k, "id");
        if (id && !idset_put(&ids, id, k)) {
            violation(v, k, "duplicate id '%s' in unit (XLIFF 2.1 4.3.1.21)", id);
        }
        bool target_here = false;
        for (xmlNodePtr e = k->children; e; e = e->next) {
            bool is_src = el(v, e, "source");
            if (!is_src && !el(v, e, "target")) {
                continue;
            }
            const xmlChar *l = lang_at(e);
            l = l && *l ? l : NULL; /* xml:lang="": no language to compare */
            if (is_src && l && v->src_lang && !lang_matches(l, v->src_lang)) {
                violation(v, e, "<source> xml:lang '%s'%s differs from srcLang '%s' (XLIFF 2.1 4.2.2.12, 4.3.2.1)", l,
                          xprop(e, "lang") ? "" : " (inherited)", v->src_lang);
            }
            if (!is_src) {
                target_here = true;
                if (v->trg_lang == NULL) {
                    violation(v, e, "<target> present but <xliff> has no trgLang (XLIFF 2.1 4.2.2.1, 4.3.1.37)");
                } else if (l && !lang_matches(l, v->trg_lang)) {
                    violation(v, e, "<target> xml:lang '%s'%s differs from trgLang '%s' (XLIFF 2.1 4.2.2.13, 4.3.2.1)", l,
                              xprop(e, "lang") ? "" : " (inherited)", v->trg_lang);
                }
                if (index < MAXC) {
                    const xmlChar *o = prop(e, "order");
                    order[index] = o ? strtoul((const char *)o, NULL, 10) : index + 1;
                    order_node[index] = e;
                }
            }
            check_inline_attrs(v, e, &data, units);
            collect(v, e, index, is_src ? &src : &trg);
        }
        if (index < MAXC) {
            has_target[index] = target_here;
        }
        if (seg) {
            const xmlChar *st = prop(k, "state");
            const xmlChar *sub = prop(k, "subState");
            if (sub && !st) {
                violation(v, k, "subState without state (XLIFF 2.1 4.3.1.35)");
            }
            if (sub && (!xmlStrchr(sub, ':') || sub[0] == ':')) {
                violation(v, k, "subState '%s' is not prefix:value (XLIFF 2.1 4.3.1.35)", sub);
            }
            if (st && !target_here && !xmlStrEqual(st, (const xmlChar *)"initial")) {
                violation(v, k, "state '%s' on a segment without target (XLIFF 2.1 4.3.1.31)", st);
            }
        }
    }
    if (segs == 0) {
        violation(v, unit, "<unit> without <segment> (XLIFF 2.1 4.2.2.5)");
    }
    /* explicit and implicit target positions: 1..N, each once (4.3.1.24) */
    for (size_t i = 0; i < containers && i < MAXC; i++) {
        if (order[i] == 0) {
            continue;
        }
        if (order[i] > containers) {
            violation(v, order_node[i], "target order %lu is beyond the %zu segments and ignorables of the unit (XLIFF 2.1 4.3.1.24)",
                      order[i], containers);
        }
        for (size_t j = 0; j < i; j++) {
            if (order[j] == order[i]) {
                violation(v, order_node[i], "target position %lu is already taken in the unit%s (XLIFF 2.1 4.3.1.24, 4.8.2)",
                          order[i], prop(order_node[j], "order") && prop(order_node[i], "order") ? "" : " (explicit order against an implicit one)");
                break;
            }
        }
    }
    /* ids: segments, ignorables and source inline elements share the unit scope */
    for (size_t i = 0; i < src.count; i++) {
        const struct tok *t = &src.v[i];
        if (defines_id(t) && !idset_put(&ids, t->key, t->n)) {
            violation(v, t->n, "duplicate id '%s' in unit (XLIFF 2.1 4.3.1.21: segment, ignorable and inline ids share one scope)",
                      t->key);
        }
    }
    /* target inline ids: unique, or the id of the same element in the source */
    for (size_t i = 0; i < trg.count; i++) {
        const struct tok *t = &trg.v[i];
        if (!defines_id(t)) {
            continue;
        }
        xmlNodePtr in_src = idset_get(&ids, t->key);
        if (!idset_put(&tids, t->key, t->n)) {
            violation(v, t->n, "duplicate id '%s' in target (XLIFF 2.1 4.3.1.21)", t->key);
        } else if (in_src && !xmlStrEqual(in_src->name, t->n->name)) {
            violation(v, t->n, "<%s id=\"%s\"> in the target reuses the id of a <%s> (XLIFF 2.1 4.3.1.21: a target inline id is unique or the id of the corresponding source element)",
                      tok_name(t), t->key, (const char *)in_src->name);
        }
    }
    /* copyOf names a code of the unit that may be copied */
    struct stream *sides[2] = {&src, &trg};
    for (size_t s = 0; s < 2; s++) {
        for (size_t i = 0; i < sides[s]->count; i++) {
            const struct tok *t = &sides[s]->v[i];
            const xmlChar *of = t->pc && t->kind == TK_END ? NULL : prop(t->n, "copyOf");
            if (of == NULL) {
                continue;
            }
            xmlNodePtr base = idset_get(&ids, of) ? idset_get(&ids, of) : idset_get(&tids, of);
            if (base == NULL || !(name_is(base, "ph") || name_is(base, "pc") || name_is(base, "sc") || name_is(base, "ec"))) {
                violation(v, t->n, "copyOf '%s' names no code of the unit (XLIFF 2.1 4.3.1.8, 4.7.2.4.1)", of);
            } else if (prop_is(base, "canCopy", "no")) {
                violation(v, t->n, "copyOf '%s' copies a code with canCopy=\"no\" (XLIFF 2.1 4.7.2.4.1, 4.3.1.2)", of);
            } else if (prop(base, "dataRef") || prop(base, "dataRefStart") || prop(base, "dataRefEnd")) {
                violation(v, t->n, "copyOf '%s' copies a code with original data: the copy uses the same dataRef instead (XLIFF 2.1 4.7.2.4.1)",
                          of);
            }
        }
    }
    check_pairs(v, &src, "source");
    check_pairs(v, &trg, "target");
    check_orphan_no(v, &src, "source");
    check_orphan_no(v, &trg, "target");
    check_target_hints(v, &src, &trg, has_target, containers < MAXC ? containers : MAXC);
    tu_free(src.v);
    tu_free(trg.v);
    idset_release(&ids);
    idset_release(&tids);
    idset_release(&data);
}

static void collect_unit_ids(const struct vctx *v, xmlNodePtr n, struct idset *units)
{
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (el(v, k, "unit") && prop(k, "id")) {
            idset_put(units, prop(k, "id"), k);
        } else if (el(v, k, "group")) {
            collect_unit_ids(v, k, units);
        }
    }
}

static void check_nodes(struct vctx *v, xmlNodePtr n, struct idset *units, struct idset *groups,
                        const struct idset *all_units)
{
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (el(v, k, "unit")) {
            const xmlChar *id = prop(k, "id");
            if (id && !idset_put(units, id, k)) {
                violation(v, k, "duplicate unit id '%s' in file (XLIFF 2.1 4.3.1.21)", id);
            }
            check_unit(v, k, all_units);
        } else if (el(v, k, "group")) {
            const xmlChar *id = prop(k, "id");
            if (id && !idset_put(groups, id, k)) {
                violation(v, k, "duplicate group id '%s' in file (XLIFF 2.1 4.3.1.21)", id);
            }
            check_note_ids(v, k);
            check_ext_ids(v, k);
            check_nodes(v, k, units, groups, all_units);
        }
    }
}

/* 2.2: <note ref> is a fragment identifier when it points into the document */
static void check_note_refs(struct vctx *v, xmlNodePtr n)
{
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (el(v, k, "note") && prop(k, "ref") && prop(k, "ref")[0] == '#') {
            struct fragid f;
            check_fragid(v, k, "ref", (const char *)prop(k, "ref"), &f);
        } else if (el(v, k, NULL)) {
            check_note_refs(v, k);
        }
    }
}

static void check_doc20(struct vctx *v, xmlNodePtr root)
{
    struct idset files = {0};
    v->src_lang = prop(root, "srcLang");
    v->trg_lang = prop(root, "trgLang");
    check_note_refs(v, root);
    for (xmlNodePtr f = root->children; f; f = f->next) {
        if (!el(v, f, "file")) {
            continue;
        }
        struct idset units = {0}, groups = {0}, all_units = {0};
        const xmlChar *id = prop(f, "id");
        if (id && !idset_put(&files, id, f)) {
            violation(v, f, "duplicate file id '%s' (XLIFF 2.1 4.3.1.21)", id);
        }
        for (xmlNodePtr k = f->children; k; k = k->next) {
            if (el(v, k, "skeleton")) {
                bool empty = k->children == NULL;
                if (empty && prop(k, "href") == NULL) {
                    violation(v, k, "empty <skeleton> without href (XLIFF 2.1 4.2.2.3)");
                }
                if (!empty && prop(k, "href") != NULL) {
                    violation(v, k, "<skeleton> with both href and content (XLIFF 2.1 4.2.2.3)");
                }
            }
        }
        check_note_ids(v, f);
        check_ext_ids(v, f);
        collect_unit_ids(v, f, &all_units);
        check_nodes(v, f, &units, &groups, &all_units);
        idset_release(&units);
        idset_release(&groups);
        idset_release(&all_units);
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

/*
 * The document's bytes for the tree parse and for columns. A regular file
 * is parsed from its descriptor and mapped for the columns, so only the
 * pages a located message reads come into memory (a buffer was a copy of
 * the whole file beside the tree); stdin and pipes are read whole.
 */
struct vsource {
    FILE *fp;
    const char *text;
    size_t len;
    void *map;
    struct tu_buf buf;
};

static enum tu_status source_open(const char *path, struct vsource *s, struct tu_error *err)
{
    struct stat sb;
    memset(s, 0, sizeof *s);
    tu_buf_init(&s->buf, TU_XLIFF_MAX_BYTES);
    if (tu_file_open_read(path, &s->fp, err) != TU_OK) {
        return err->code;
    }
    if (s->fp != stdin && fstat(fileno(s->fp), &sb) == 0 && S_ISREG(sb.st_mode) &&
        sb.st_size > 0 && (unsigned long long)sb.st_size <= TU_XLIFF_MAX_BYTES) {
        s->map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fileno(s->fp), 0);
        if (s->map != MAP_FAILED) {
            s->text = s->map;
            s->len = (size_t)sb.st_size;
            return TU_OK;
        }
        s->map = NULL;
    }
    tu_file_close_read(s->fp);
    s->fp = NULL;
    if (tu_file_read(path, TU_XLIFF_MAX_BYTES, &s->buf, err) != TU_OK) {
        return err->code;
    }
    s->text = s->buf.data;
    s->len = s->buf.len;
    return TU_OK;
}

static void source_close(struct vsource *s)
{
    if (s->map != NULL) {
        munmap(s->map, s->len);
    }
    tu_file_close_read(s->fp);
    tu_buf_release(&s->buf);
}

enum tu_status tu_xliff_validate(const char *path, struct tu_diag *diag,
                                 struct tu_error *err)
{
    struct vsource src;
    struct tu_doc *doc = NULL;
    enum tu_status st;
    struct vctx v = {0};

    st = source_open(path, &src, err);
    if (st == TU_OK) {
        st = src.map != NULL ? tu_xliff_read_file(path, &doc, err)
                             : tu_xliff_read_memory(src.text, src.len, path, &doc, err);
    }
    tu_doc_free(doc);
    if (st != TU_OK) {
        if (err->code != TU_OK) {
            tu_diag_add(diag, TU_ERROR, err->path, err->line, err->column, "%s", err->msg);
        }
        source_close(&src);
        return st == TU_EPARSE ? (err->code = TU_EINVALID) : st;
    }
    /* the reader accepted it: the same parse under the same policy */
    unsigned flags = XMLP_COMPACT | (src.len > TU_XLIFF_BIG_TEXT_BYTES ? XMLP_BIG_TEXT : 0);
    xmlDocPtr x = src.map != NULL ? xmlp_read_fd(fileno(src.fp), path, "XLIFF", flags, err)
                                  : xmlp_read_memory(src.text, src.len, path, "XLIFF", flags, err);
    if (x == NULL) {
        source_close(&src);
        return err->code;
    }
    xmlNodePtr root = xmlDocGetRootElement(x);
    v.rep = (struct tu_xv_report){path, diag, err, &v.count, src.text, src.len};
    v.ns = (const char *)root->ns->href;
    if (strcmp(v.ns, XLIFF12_NS) == 0 || strcmp(v.ns, XLIFF11_NS) == 0) {
        check_doc12(&v, root);
    } else {
        /* schema level (validate-core.c), then the processing requirements */
        tu_xv_core_shape(&v.rep, root);
        check_doc20(&v, root);
        /* module elements and attributes (validate-modules.c) */
        tu_xv_modules_check(&v.rep, root);
    }
    st = tu_xv_schema_check(&v.rep, x, v.ns);
    xmlFreeDoc(x);
    source_close(&src);
    if (st != TU_OK) {
        return st;
    }
    return v.count ? TU_EINVALID : TU_OK;
}
