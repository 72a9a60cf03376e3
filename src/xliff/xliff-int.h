/*
 * Internals shared by the XLIFF reader, writer and validator.
 */
#ifndef TUMAC_XLIFF_INT_H
#define TUMAC_XLIFF_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include <tumac/error.h>
#include <tumac/xliff.h>

#define XLIFF12_NS "urn:oasis:names:tc:xliff:document:1.2"
/* 1.2 context-type listing a unit's untranslated segments (their mids) */
#define TU_XLIFF12_UNTRANSLATED "x-tumac-untranslated"
/* 1.1: what po2xliff and older tools write; read as 1.2, its successor */
#define XLIFF11_NS "urn:oasis:names:tc:xliff:document:1.1"
#define XLIFF20_NS "urn:oasis:names:tc:xliff:document:2.0"
#define XLIFF22_NS "urn:oasis:names:tc:xliff:document:2.2"
#define MTC_NS "urn:oasis:names:tc:xliff:matches:2.0"
#define MDA_NS "urn:oasis:names:tc:xliff:metadata:2.0"
#define XML_NS "http://www.w3.org/XML/1998/namespace"

/* Largest document the reader accepts (bytes). */
#define TU_XLIFF_MAX_BYTES ((size_t)256 << 20)
/* Above this size a document may hold one text over libxml2's 10 MB limit
 * (a skeleton): the readers then parse with XMLP_BIG_TEXT. */
#define TU_XLIFF_BIG_TEXT_BYTES ((size_t)10000000)

/*
 * Module validation (validate-modules.c). A report sink shared with the core
 * validator: the first violation fills `err`, every one goes to `diag`, and
 * `*count` counts them.
 */
struct tu_diag;
struct tu_error;
struct tu_xv_report {
    const char *path;
    struct tu_diag *diag;
    struct tu_error *err;
    size_t *count;
    const char *text; /* the document's bytes, for columns; NULL: none */
    size_t len;
};

/*
 * Reports one violation (TU_ERROR) or warning located at `n` (line and, for
 * the first 20, the column of its start tag); errors count in *r->count.
 */

void tu_xv_report_msg(struct tu_xv_report *r, xmlNodePtr n, enum tu_severity sev, const char *msg);
/* the same for a formatted error message */
void tu_xv_error(struct tu_xv_report *r, xmlNodePtr n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* an XML NMTOKEN (non-empty, name characters only) */
bool tu_xv_is_nmtoken(const char *s);

/*
 * Core schema level (validate-core.c): every core element of a 2.x document,
 * wherever it is, against the content-model table: attributes and their
 * types, children in order with occurrence, text allowed or not.
 */
void tu_xv_core_shape(struct tu_xv_report *r, xmlNodePtr root);
/* a well-formed BCP 47 language tag (syntax only, RFC 5646 section 2.1) */
bool tu_xv_is_language_tag(const char *s);

/* true for the namespace of a module the validator knows (mtc, gls, ...) */
bool tu_xv_is_module_ns(const char *href);
/* checks a module element (any module namespace) and its whole subtree */
void tu_xv_module_element(struct tu_xv_report *r, xmlNodePtr n);
/* checks the module attributes (fs:, slr:, its:, ...) of one element */
void tu_xv_module_attrs(struct tu_xv_report *r, xmlNodePtr n);
/* walks a whole 2.x document: every module element and attribute */
void tu_xv_modules_check(struct tu_xv_report *r, xmlNodePtr root);

/*
 * The OASIS schema of the document's namespace (schema.c): every violation
 * is an error in r. Fails (TU_ENOTFOUND) when the schemas are not installed.
 */
/*
 * A target of plain text whose source has codes: each occurrence of a
 * code's original data in the text becomes that code (textcodes.c; for PO
 * round trips). Returns the number of codes found, 0 when nothing was done
 * (ambiguous or no match), -1 when out of memory.
 */
int tu_xliff_codes_from_text(struct tu_content *target, const struct tu_content *source);

enum tu_status tu_xv_schema_check(struct tu_xv_report *r, xmlDocPtr x, const char *ns);

#endif
