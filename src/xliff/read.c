/*
 * XLIFF reader: the entry points (parse under the XML parsing policy of
 * base/xmlparse-int.h: no DOCTYPE, no entities, no network, nesting limited;
 * the version from the root's namespace) and the helpers both versions use
 * (read-int.h). The versions themselves: read12.c (1.2, and 1.1 as 1.2),
 * read20.c (2.0/2.1/2.2).
 * Elements and attributes of other namespaces are kept (tu_exts/tu_attrs).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <tumac/alloc.h>
#include <tumac/fileio.h>
#include <tumac/xliff.h>

#include "base/xmlparse-int.h"
#include "read-int.h"

bool xr_is(xmlNodePtr n, const char *ns, const char *name)
{
    return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
           strcmp((const char *)n->ns->href, ns) == 0 &&
           strcmp((const char *)n->name, name) == 0;
}

bool xr_in_core(const struct rctx *c, xmlNodePtr n)
{
    return n->ns != NULL && strcmp((const char *)n->ns->href, c->ns) == 0;
}

enum tu_status xr_fail(struct rctx *c, xmlNodePtr n, enum tu_status code,
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

enum tu_status xr_oom(struct rctx *c)
{
    if (c->st == TU_OK) {
        c->st = tu_error_at(c->err, TU_ENOMEM, c->path, 0, 0, "out of memory");
    }
    return c->st;
}

/* `v` (libxml2's, freed here) copied with tumac's allocator; NULL stays NULL. */
static char *own_copy(xmlChar *v)
{
    char *r = v ? tu_strdup((const char *)v) : NULL;
    xmlFree(v);
    return r;
}

/* A copy of attribute `name` (no namespace), or NULL. */
char *xr_get(xmlNodePtr n, const char *name)
{
    return own_copy(xmlGetNoNsProp(n, (const xmlChar *)name));
}

char *xr_get_xml(xmlNodePtr n, const char *name)
{
    return own_copy(xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)XML_NS));
}

bool xr_attr_is(xmlNodePtr n, const char *name, const char *value)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    bool r = v != NULL && strcmp((const char *)v, value) == 0;
    xmlFree(v);
    return r;
}

/* A percentage is at most 101 (1.2's in-context match): a larger one, as
 * the writer's two decimals could not give it back, is refused. */
double xr_num_attr(struct rctx *c, xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    double d = v ? strtod((const char *)v, NULL) : -1;
    if (v != NULL && !(d >= 0 && d <= 101)) {
        xr_fail(c, n, TU_EPARSE,
                "%s=\"%.40s%s\" is not a percentage (0 to 100; 101 is 1.2's in-context match)",
                name, (const char *)v, xmlStrlen(v) > 40 ? "..." : "");
        d = -1;
    }
    xmlFree(v);
    return d;
}

int xr_get_translate(xmlNodePtr n)
{
    if (xr_attr_is(n, "translate", "no")) {
        return 0;
    }
    if (xr_attr_is(n, "translate", "yes")) {
        return 1;
    }
    return -1;
}

char *xr_text_of(xmlNodePtr n)
{
    xmlChar *v = xmlNodeGetContent(n);
    char *r = tu_strdup(v ? (const char *)v : "");
    xmlFree(v);
    return r;
}

/* Segments are found by id (a target's by its source's, merge and the 1.2
 * <mrk mid>), so a second one with the same id would take the first one's
 * translation: the readers refuse it. */
bool xr_seg_id_taken(const struct tu_unit *u, const char *id)
{
    for (size_t i = 0; id != NULL && i < u->seg_count; i++) {
        if (u->segs[i].id != NULL && strcmp(u->segs[i].id, id) == 0) {
            return true;
        }
    }
    return false;
}

bool xr_second_skeleton(struct rctx *c, xmlNodePtr n, const struct tu_file *f)
{
    if (f->skeleton == NULL && f->skeleton_href == NULL) {
        return false;
    }
    xr_fail(c, n, TU_EPARSE, "a second skeleton in <file> (a file has one)");
    return true;
}

bool xr_inline_text(struct rctx *c, xmlNodePtr n, struct tu_content *ct)
{
    if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE) {
        return false;
    }
    if (tu_content_add_text(ct, (const char *)n->content, strlen((const char *)n->content)) != TU_OK) {
        xr_oom(c);
    }
    return true;
}

/* `made`, or NULL after failing the read as out of memory. */
static void *made_or_oom(struct rctx *c, void *made)
{
    if (made == NULL) {
        xr_oom(c);
    }
    return made;
}

struct tu_note *xr_add_note(struct rctx *c, xmlNodePtr n, struct tu_notes *notes)
{
    char *t = xr_text_of(n);
    struct tu_note *no = t ? tu_notes_add(notes, t) : NULL;
    tu_free(t);
    return made_or_oom(c, no);
}

/* A unit, or a group when `is_group`, with the id of `n`: added to `g`, or
 * to `f` at the top of the file. */
static void *add_child(struct rctx *c, xmlNodePtr n, struct tu_file *f, struct tu_group *g,
                       bool is_group)
{
    char *id = xr_get(n, "id");
    void *made = is_group ? (g ? (void *)tu_group_add_group(g, id) : (void *)tu_file_add_group(f, id))
                 : g      ? (void *)tu_group_add_unit(g, id)
                          : (void *)tu_file_add_unit(f, id);
    tu_free(id);
    return made_or_oom(c, made);
}

struct tu_unit *xr_add_unit(struct rctx *c, xmlNodePtr n, struct tu_file *f, struct tu_group *g)
{
    return add_child(c, n, f, g, false);
}

struct tu_group *xr_add_group(struct rctx *c, xmlNodePtr n, struct tu_file *f, struct tu_group *g)
{
    return add_child(c, n, f, g, true);
}

/* Keep attributes in foreign namespaces (and unknown xml:* ones). */
void xr_keep_attrs(struct rctx *c, xmlNodePtr n, struct tu_attrs *a,
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
            xr_oom(c);
        }
        xmlFree(v);
    }
}

const char *const xr_lang_space[] = {"lang", "space", NULL};
const char *const xr_space_only[] = {"space", NULL};

void xr_keep_ext(struct rctx *c, xmlNodePtr n, struct tu_exts *e)
{
    xmlBufferPtr b = xmlBufferCreate();
    if (b == NULL) {
        xr_oom(c);
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
        xr_oom(c);
        return;
    }
    xmlReconciliateNs(n->doc, copy);
    xmlNodeDump(b, n->doc, copy, 0, 0);
    xmlFreeNode(copy);
    if (tu_exts_add(e, (const char *)xmlBufferContent(b)) != TU_OK) {
        xr_oom(c);
    }
    xmlBufferFree(b);
}

/* ---------------------------------------------------------------- stream */

/* The reader's error (filled by xmlparse) as the read's. */
static void xml_failed(struct rctx *c)
{
    if (c->st == TU_OK) {
        c->st = c->err->code != TU_OK ? c->err->code : xr_oom(c);
        c->xml_failed = true;
    }
}

void xr_kids_begin(struct rctx *c, struct xr_kids *k)
{
    k->depth = xmlTextReaderDepth(c->x->r);
    k->empty = xmlTextReaderIsEmptyElement(c->x->r) == 1;
    k->first = true;
}

xmlNodePtr xr_kids_next(struct rctx *c, struct xr_kids *k)
{
    while (c->st == TU_OK && !k->empty) {
        /* into the container first, then past each child's subtree */
        int r = k->first ? xmlp_reader_read(c->x, c->err) : xmlp_reader_next(c->x, c->err);
        k->first = false;
        if (r < 0) {
            xml_failed(c);
        }
        if (r <= 0 || xmlTextReaderDepth(c->x->r) <= k->depth) {
            return NULL;
        }
        if (xmlTextReaderNodeType(c->x->r) == XML_READER_TYPE_ELEMENT) {
            return xmlTextReaderCurrentNode(c->x->r);
        }
    }
    return NULL;
}

xmlNodePtr xr_expand(struct rctx *c)
{
    xmlNodePtr n = c->st == TU_OK ? xmlp_reader_expand(c->x, c->err) : NULL;
    if (n == NULL) {
        xml_failed(c);
    }
    return n;
}

/*
 * The rest of the document, read for what the whole-tree parse reported
 * before anything the reader found: a well-formedness error anywhere wins,
 * then the first breach of the policy (nesting), then the reader's own
 * first error. A document read without error is read to its end too.
 */
static void read_rest(struct rctx *c)
{
    bool policy = c->xml_failed;
    if (c->xml_failed && c->x->fault.set) {
        return; /* a parse error: the first is final */
    }
    for (;;) {
        struct tu_error e = {0};
        int r = xmlp_reader_read(c->x, &e);
        if (r > 0) {
            continue;
        }
        if (r == 0) {
            return;
        }
        bool nesting = e.code == TU_ETOOBIG && !c->x->fault.set;
        if (!nesting || !policy) {
            *c->err = e;
            c->st = e.code;
            c->xml_failed = true;
            policy = true;
        }
        if (!nesting) {
            return;
        }
    }
}

/* The root's version, from its namespace (and version attribute). */
static void root_version(struct rctx *c, xmlNodePtr root)
{
    if (root == NULL || strcmp((const char *)root->name, "xliff") != 0) {
        xr_fail(c, root, TU_EPARSE, "root element is <%s>, expected <xliff>",
                root ? (const char *)root->name : "");
        return;
    }
    if (root->ns == NULL) {
        xr_fail(c, root, TU_EPARSE, "<xliff> has no namespace (expected %s)",
                "urn:oasis:names:tc:xliff:document:1.2 or :2.0");
        return;
    }
    const char *ns = (const char *)root->ns->href;
    xmlChar *ver = xmlGetNoNsProp(root, (const xmlChar *)"version");
    const char *v = ver ? (const char *)ver : "";
    if (strcmp(ns, XLIFF12_NS) == 0 || strcmp(ns, XLIFF11_NS) == 0) {
        c->version = TU_XLIFF_1_2;
    } else if (strcmp(ns, XLIFF20_NS) == 0) {
        c->version = strcmp(v, "2.1") == 0 ? TU_XLIFF_2_1 : TU_XLIFF_2_0;
    } else if (strcmp(ns, XLIFF22_NS) == 0) {
        c->version = TU_XLIFF_2_2;
    } else {
        xr_fail(c, root, TU_EUNSUPPORTED, "unknown XLIFF namespace '%s'", ns);
    }
    xmlFree(ver);
    c->ns = ns;
}

/*
 * The document read as a stream (xmlTextReader under base/xmlparse's
 * policy): containers (<xliff>, <file>, <body>, <group>) by their start
 * tags, every other child expanded alone and freed by the reader once read,
 * so memory is the model's, not a whole DOM's (issue 22).
 */
static enum tu_status read_stream(struct xmlp_reader *x, const char *name, struct tu_doc **out,
                                  struct tu_error *err)
{
    struct rctx c = {.path = name, .err = err, .x = x};
    struct tu_doc *d = NULL;
    xmlNodePtr root = NULL;
    int r;

    while ((r = xmlp_reader_read(x, err)) > 0 &&
           xmlTextReaderNodeType(x->r) != XML_READER_TYPE_ELEMENT) {
    }
    if (r < 0) {
        xml_failed(&c);
    } else if (r > 0) {
        root = xmlTextReaderCurrentNode(x->r);
    }
    if (c.st == TU_OK) {
        root_version(&c, root);
    }
    if (c.st == TU_OK && (d = tu_doc_new()) == NULL) {
        xr_oom(&c);
    }
    if (c.st == TU_OK) {
        d->version = c.version;
        if (c.version == TU_XLIFF_1_2) {
            xr_read_doc12(&c, root, d);
        } else {
            xr_read_doc20(&c, root, d);
        }
    }
    read_rest(&c);
    xmlp_reader_close(x);
    if (c.st != TU_OK) {
        tu_doc_free(d);
        return c.st;
    }
    *out = d;
    return TU_OK;
}

/* above 10 MB a skeleton may be one text over libxml2's 10 MB limit */
static unsigned read_flags(size_t len)
{
    return len > TU_XLIFF_BIG_TEXT_BYTES ? XMLP_BIG_TEXT : 0;
}

static enum tu_status too_large(const char *name, size_t len, struct tu_error *err)
{
    return tu_error_at(err, TU_ETOOBIG, name, 0, 0, "document too large (%zu bytes, limit %zu)",
                       len, (size_t)TU_XLIFF_MAX_BYTES);
}

enum tu_status tu_xliff_read_memory(const char *data, size_t len,
                                    const char *name, struct tu_doc **out,
                                    struct tu_error *err)
{
    struct xmlp_reader x;

    *out = NULL;
    if (name == NULL) {
        name = "<memory>";
    }
    if (len > TU_XLIFF_MAX_BYTES || len > 0x7fffffff) {
        return too_large(name, len, err);
    }
    if (xmlp_reader_open_memory(&x, data, len, name, "XLIFF", read_flags(len), err) != TU_OK) {
        xmlp_reader_close(&x);
        return err->code;
    }
    return read_stream(&x, name, out, err);
}

/* A regular file is read from its descriptor; anything else (stdin, a pipe)
 * is read whole first, the reader needing to know its size. */
enum tu_status tu_xliff_read_file(const char *path, struct tu_doc **out,
                                  struct tu_error *err)
{
    struct stat sb;
    struct xmlp_reader x;
    FILE *fp;
    enum tu_status st;

    *out = NULL;
    if (tu_file_open_read(path, &fp, err) != TU_OK) {
        return err->code;
    }
    if (fp == stdin || fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        struct tu_buf b;
        tu_file_close_read(fp);
        tu_buf_init(&b, TU_XLIFF_MAX_BYTES);
        st = tu_file_read(path, TU_XLIFF_MAX_BYTES, &b, err);
        if (st == TU_OK) {
            st = tu_xliff_read_memory(b.data, b.len, path, out, err);
        }
        tu_buf_release(&b);
        return st;
    }
    if ((unsigned long long)sb.st_size > TU_XLIFF_MAX_BYTES) {
        tu_file_close_read(fp);
        return tu_error_at(err, TU_ETOOBIG, path, 0, 0,
                           "file is larger than the limit of %zu bytes", (size_t)TU_XLIFF_MAX_BYTES);
    }
    st = xmlp_reader_open_fd(&x, fileno(fp), path, "XLIFF", read_flags((size_t)sb.st_size), err);
    if (st == TU_OK) {
        st = read_stream(&x, path, out, err);
    } else {
        xmlp_reader_close(&x);
    }
    tu_file_close_read(fp);
    return st;
}
