/*
 * Escaping for the formats tumač writes by hand (reports, TMX attributes,
 * SRX, JSON lines) and numbers as reports show them: one home for each rule,
 * so a JSON string or an HTML cell reads the same in every report.
 * Each appends to a tu_buf (its first failure is sticky, see buf.h).
 * Documents are written with libxml2; these are for the small texts around.
 */
#ifndef TUMAC_ESCAPE_H
#define TUMAC_ESCAPE_H

#include <stddef.h>

#include "buf.h"

/* `s` as a JSON string with its quotes; NULL as null. " and \ are escaped,
 * \n \r \t by their short forms, other control bytes as \u00XX; UTF-8
 * passes through. */
void tu_json_str(struct tu_buf *out, const char *s);

/* `s` escaped for XML element content: & < > (what a TM stores as the XML
 * of a plain segment). */
void tu_xml_text(struct tu_buf *out, const char *s);

/* `s` escaped for a double-quoted XML attribute, also safe as content:
 * & < > ". */
void tu_xml_attr(struct tu_buf *out, const char *s);

/* `s` escaped for HTML text and attributes, quoted either way: & < > " '.
 * NULL appends nothing. */
void tu_html_escape(struct tu_buf *out, const char *s);

/* `n` in digits grouped by thousands with a narrow no-break space, the
 * typographic thin space that never breaks a number (12&#8239;345). */
void tu_html_num(struct tu_buf *out, size_t n);

#endif
