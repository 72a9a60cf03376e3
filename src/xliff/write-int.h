/*
 * Internals of the XLIFF writer shared by its parts: write.c (entry points
 * and these helpers), write12.c (1.2) and write20.c (2.x), both writing the
 * one model of <tumac/xliff.h>. Errors are kept in struct wctx (the first
 * libxml2 failure, out of memory, the first value XML 1.0 cannot carry) and
 * reported once the document is done.
 */
#ifndef TUMAC_XLIFF_WRITE_INT_H
#define TUMAC_XLIFF_WRITE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/xmlwriter.h>

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
    /* 1.2: the unit whose segments make the element being written (one
     * side: targets, or sources), where a code's end looks for its start */
    const struct tu_unit *seg_unit;
    bool seg_target;
};

/* records the first negative libxml2 result r */
void xw_chk(struct wctx *c, int r);
/* opens element `name` (remembered for a refusal message) */
void xw_start(struct wctx *c, const char *name);
void xw_end(struct wctx *c);
/* an attribute (none when value is NULL); refused if XML 1.0 cannot carry it */
void xw_attr(struct wctx *c, const char *name, const char *value);
/* element text; refused if XML 1.0 cannot carry it */
void xw_text(struct wctx *c, const char *s);
/*
 * Inline text: 2.x writes what XML 1.0 forbids as <cp hex=".."/>, 1.2 drops
 * it (a down-conversion); a byte that is not UTF-8 is refused. `in`: the
 * element, for the refusal message.
 */
void xw_text_cp(struct wctx *c, const char *s, const char *in);
/* the kept foreign attributes */
void xw_extra_attrs(struct wctx *c, const struct tu_attrs *a);
/* the kept extension elements, as they were read */
void xw_exts(struct wctx *c, const struct tu_exts *e);
/* the kept extension elements that are (or are not) <mda:metadata> */
void xw_exts_where(struct wctx *c, const struct tu_exts *e, bool metadata);
/* translate="no"/"yes" for 0/1, nothing for -1 */
void xw_translate_attr(struct wctx *c, int translate);
/* opens element `el` (a unit or group) with its id, or a generated
 * <prefix><N> written to buf; returns the id written (buf must outlive its
 * use: c->unit, for refusals, may point to it) */
const char *xw_start_id(struct wctx *c, const char *el, const char *id, char prefix, char buf[32]);
/* the id of code `in` of ct, or c<place> in buf (stable across round trips) */
const char *xw_code_id(const struct tu_content *ct, const struct tu_inline *in, char *buf,
                       size_t cap);
/* a score as "85" or "85.5" (two decimals at most, trailing zeros trimmed) */
void xw_fmt_num(char *buf, size_t cap, double v);
/* the document's language (target or source), else its first file's */
const char *xw_doc_lang(const struct tu_doc *d, bool target);

/* a whole document, from <xliff> down */
void xw_write_doc12(struct wctx *c, const struct tu_doc *d);
void xw_write_doc20(struct wctx *c, const struct tu_doc *d);

#endif
