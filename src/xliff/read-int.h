/*
 * Internals of the XLIFF reader shared by its parts: read.c (entry points
 * and these helpers), read12.c (1.2) and read20.c (2.x). Both versions fill
 * the one model of <tumac/xliff.h>; errors follow first-error-wins in
 * struct rctx (every helper is a no-op report once c->st is set).
 */
#ifndef TUMAC_XLIFF_READ_INT_H
#define TUMAC_XLIFF_READ_INT_H

#include <stdbool.h>

#include <libxml/tree.h>

#include <tumac/error.h>
#include <tumac/xliff.h>

#include "xliff-int.h"

struct xmlp_reader;

struct rctx {
    const char *path;
    struct tu_error *err;
    enum tu_status st;
    enum tu_xliff_version version;
    const char *ns; /* core namespace of the document */
    /* originalData of the current unit */
    xmlNodePtr odata;
    /* the document as a stream (read.c); the error came from the XML layer */
    struct xmlp_reader *x;
    bool xml_failed;
};

/*
 * The children of the element the reader stands at (a container: <xliff>,
 * <file>, <body>, <group>), one start tag at a time: attributes, no
 * children yet. A child is either entered as a container (a new xr_kids)
 * or expanded whole (xr_expand); the reader frees it when it moves on.
 */
struct xr_kids {
    int depth;
    bool empty, first;
};
void xr_kids_begin(struct rctx *c, struct xr_kids *k);
/* the next child element, NULL at the container's end or after an error */
xmlNodePtr xr_kids_next(struct rctx *c, struct xr_kids *k);
/* the whole subtree of the child just returned, NULL after an error */
xmlNodePtr xr_expand(struct rctx *c);

/* element `name` in namespace `ns` */
bool xr_is(xmlNodePtr n, const char *ns, const char *name);
/* an element of the document's core namespace */
bool xr_in_core(const struct rctx *c, xmlNodePtr n);
/* records the first error, located at n's line; returns c->st */
enum tu_status xr_fail(struct rctx *c, xmlNodePtr n, enum tu_status code,
                       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
enum tu_status xr_oom(struct rctx *c);
/* a copy of attribute `name` (no namespace), or NULL */
char *xr_get(xmlNodePtr n, const char *name);
/* a copy of attribute xml:`name`, or NULL */
char *xr_get_xml(xmlNodePtr n, const char *name);
bool xr_attr_is(xmlNodePtr n, const char *name, const char *value);
/* a percentage attribute (similarity, match quality), -1 when absent;
 * one that is not a number from 0 to 101 fails the read */
double xr_num_attr(struct rctx *c, xmlNodePtr n, const char *name);
/* translate="no" -> 0, "yes" -> 1, absent -> -1 */
int xr_get_translate(xmlNodePtr n);
/* the text content of n (a copy, "" when empty) */
char *xr_text_of(xmlNodePtr n);
/* Is `id` the id of a segment or ignorable `u` already has? */
bool xr_seg_id_taken(const struct tu_unit *u, const char *id);
/* Has `f` a skeleton already? Then the read fails at `n`: each one's text
 * would overwrite the other's (and leak it). */
bool xr_second_skeleton(struct rctx *c, xmlNodePtr n, const struct tu_file *f);
/*
 * Inline content, the part both versions read alike: a text or CDATA node
 * is appended to ct as text (true); any other node is left to the caller.
 */
bool xr_inline_text(struct rctx *c, xmlNodePtr n, struct tu_content *ct);
/* a note with n's text added to notes (NULL: out of memory, reported) */
struct tu_note *xr_add_note(struct rctx *c, xmlNodePtr n, struct tu_notes *notes);
/* the unit or group of element n (by its id) added to g, else to the file f
 * (NULL: out of memory, reported) */
struct tu_unit *xr_add_unit(struct rctx *c, xmlNodePtr n, struct tu_file *f, struct tu_group *g);
struct tu_group *xr_add_group(struct rctx *c, xmlNodePtr n, struct tu_file *f, struct tu_group *g);
/* keeps attributes in foreign namespaces (and xml:* ones not in known_xml) */
void xr_keep_attrs(struct rctx *c, xmlNodePtr n, struct tu_attrs *a,
                   const char *const *known_xml);
/* keeps a foreign element as a stand-alone XML fragment */
void xr_keep_ext(struct rctx *c, xmlNodePtr n, struct tu_exts *e);
/* known_xml lists for xr_keep_attrs */
extern const char *const xr_lang_space[];
extern const char *const xr_space_only[];

/* a whole document, from its root <xliff> */
void xr_read_doc12(struct rctx *c, xmlNodePtr root, struct tu_doc *d);
void xr_read_doc20(struct rctx *c, xmlNodePtr root, struct tu_doc *d);

#endif
