/*
 * Quality checks before publishing (`tumac check`): every segment with a
 * target is compared with its source, and what could be published wrong is
 * reported as a finding of a named check: codes, numbers, urls, emails,
 * placeholders, untranslated, script, variant, punctuation, whitespace,
 * quotes, terms (README "Checking translations" says what each finds).
 * Numbers and dates are compared by value with leverage's recogniser
 * (tu_lev_values_scan); terms come from TBX glossaries.
 */
#ifndef TUMAC_CHECK_H
#define TUMAC_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "xliff.h"

enum tu_check_id {
    TU_CHECK_CODES,
    TU_CHECK_NUMBERS,
    TU_CHECK_URLS,
    TU_CHECK_EMAILS,
    TU_CHECK_PLACEHOLDERS,
    TU_CHECK_UNTRANSLATED,
    TU_CHECK_SCRIPT,
    TU_CHECK_VARIANT,
    TU_CHECK_PUNCTUATION,
    TU_CHECK_WHITESPACE,
    TU_CHECK_QUOTES,
    TU_CHECK_TERMS,
    TU_CHECK_COUNT
};

enum tu_check_level { TU_CHECK_IGNORE, TU_CHECK_WARN, TU_CHECK_ERROR };

/* The stable name of a check ("numbers"); its id from a name, -1 if none. */
const char *tu_check_name(enum tu_check_id id);
int tu_check_parse(const char *name);
/* "error", "warning". */
const char *tu_check_level_name(enum tu_check_level level);

struct tu_finding {
    char *file;    /* the document's name as given */
    char *unit;    /* unit id */
    char *segment; /* segment id, or the segment's 1-based number */
    enum tu_check_id check;
    enum tu_check_level severity;
    char *message;
};

struct tu_findings {
    struct tu_finding *items;
    size_t count, cap;
    size_t errors; /* findings of error severity */
};

void tu_findings_release(struct tu_findings *f);

struct tu_checker; /* levels and glossaries; one per thread */

enum tu_status tu_checker_new(struct tu_checker **out, struct tu_error *err);
void tu_checker_free(struct tu_checker *c);
void tu_checker_set_level(struct tu_checker *c, enum tu_check_id id,
                          enum tu_check_level level);

/*
 * Read a TBX glossary (TBX-Basic 2008 langSet/tig/ntig or TBX v3
 * langSec/termSec): its entries' terms per language, each allowed or
 * forbidden (administrativeStatus or normativeAuthorization deprecated,
 * superseded, notRecommended, forbidden). Read under the one XML policy
 * (no DOCTYPE, no entities); a malformed file is TU_EPARSE at its line.
 */
enum tu_status tu_checker_add_glossary(struct tu_checker *c, const char *path,
                                       struct tu_error *err);

/* For `tumac leverage --glossary`: give every translatable unit whose
 * source holds a term of the glossaries (allowed, matched by stem as the
 * terms check does) that entry with its target-language terms, as the 2.x
 * Glossary module or, `as_notes`, as notes (1.2); tu_unit_set_glossary.
 * Nothing without a glossary. */
enum tu_status tu_check_annotate_doc(const struct tu_checker *c, struct tu_doc *doc,
                                     bool as_notes, struct tu_error *err);

/* Check every translatable segment with a target of `doc` (named `name` in
 * the findings), appending to `out`. */
enum tu_status tu_check_doc(struct tu_checker *c, const struct tu_doc *doc,
                            const char *name, struct tu_findings *out,
                            struct tu_error *err);

enum tu_check_format { TU_CHECK_TEXT, TU_CHECK_JSON, TU_CHECK_HTML };

/*
 * The findings as text ("file:unit:segment: severity: check: message", one
 * a line), JSON (an array of objects with file, unit, segment, check,
 * severity, message) or a self-contained HTML page; appended to out.
 */
enum tu_status tu_findings_render(const struct tu_findings *f, enum tu_check_format format,
                                  struct tu_buf *out, struct tu_error *err);
/* The counts per check and a table of the findings, as an HTML fragment
 * (for a page of one's own: batch's report). */
void tu_findings_html_table(const struct tu_findings *f, struct tu_buf *out);

#endif
