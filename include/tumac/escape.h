/*
 * Escaping for the formats tumač writes by hand (reports, TMX attributes,
 * SRX, JSON lines) and numbers as reports show them: one home for each rule,
 * so a JSON string or an HTML cell reads the same in every report.
 * Each appends to a tu_buf (its first failure is sticky, see buf.h).
 * Documents are written with libxml2; these are for the small texts around.
 */
#ifndef TUMAC_ESCAPE_H
#define TUMAC_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* `s` as a JSON string with its quotes; NULL as null. " and \ are escaped,
 * \n \r \t by their short forms, other control bytes as \u00XX; UTF-8
 * passes through. */
void tu_json_str(struct tu_buf *out, const char *s);

/*
 * A JSON object or array written member by member: the writer puts the
 * separators, so no caller counts commas. `sep` goes between members: ","
 * (compact: keys take ":"), ", " (one line: {"a": 1, "b": 2}) or ",\n" and
 * an indent (a member a line: the first member also starts a line). The
 * caller closes it (tu_json_end), choosing the bracket and its line.
 */
struct tu_json {
    struct tu_buf *out;
    const char *sep;
    size_t count; /* members written */
};

/* Append `open` ('{' or '[') and start a writer over `out`. */
void tu_json_begin(struct tu_json *j, struct tu_buf *out, char open, const char *sep);
/* The separator, and `key` with its colon when not NULL (array members
 * have none): the caller appends the value (a nested tu_json, a number). */
void tu_json_key(struct tu_json *j, const char *key);
/* A member whose value is a string (tu_json_str: NULL is null), a count,
 * an integer or a boolean. */
void tu_json_add_str(struct tu_json *j, const char *key, const char *s);
void tu_json_add_size(struct tu_json *j, const char *key, size_t n);
void tu_json_add_int(struct tu_json *j, const char *key, long long n);
void tu_json_add_bool(struct tu_json *j, const char *key, bool b);
/* String members from pairs of key and value, ended by a NULL key:
 * tu_json_add_strs(j, "file", name, "unit", id, (char *)NULL). */
void tu_json_add_strs(struct tu_json *j, ...) __attribute__((sentinel));
/* Count members likewise: each key followed by a size_t, a NULL key last. */
void tu_json_add_sizes(struct tu_json *j, ...) __attribute__((sentinel));
/* Append `close` ("}", "\n  ]", ...): the end of the object or array. */
void tu_json_end(struct tu_json *j, const char *close);

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
