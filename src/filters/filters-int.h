/*
 * Inside the filters: the filter table, the extraction context every filter
 * fills, the items a unit is built from, and the skeleton language.
 *
 * Skeleton (the TEXT of tu_file.skeleton, safe inside any XML element):
 *   "tumac-skeleton 1 <filter>\n" then a body of literal bytes and directives.
 *   Literal bytes are written as themselves, except "\\" for a backslash and
 *   "\xHH" for any byte XML cannot carry (controls, CR, invalid UTF-8, BOM;
 *   never \x00: extract refuses a NUL, so merge refuses one too).
 *   \{t U [N]}         the content of unit U (element content), which was
 *                      extracted as N segments (skeletons before N was
 *                      written lack it)
 *   \{a U Q [N]}       the value of unit U as an attribute value; Q is the
 *                      quoting of the original: d ("), s ('), n (none)
 *   \{l}BCP47\{/l}     a lang attribute value: the target language once the
 *                      document is translated, the original otherwise;
 *                      \{l l}, \{l r}, \{l s}: only its language, region
 *                      ("none" if the target has none) or script (the
 *                      original if the target has none), as ODF splits them
 *   \{c U ID}START[\{|}END]\{/c}
 *                      the markup of code ID of unit U (a template that may
 *                      hold \{a} directives); emits nothing where it stands
 *   \{x U OFF}DECODED\{|}SPELLING\{/x}
 *                      at byte OFF of unit U's source text, DECODED was
 *                      written SPELLING (an entity, a line break in a
 *                      paragraph); emits nothing where it stands
 *   \{x U OFF K}\{|}SPELLING\{/x}
 *                      markup with no text of its own (DECODED empty) at
 *                      byte OFF after the unit's first K codes, so that
 *                      between two codes it keeps its place
 * Invariant: rendering the body with every unit's source gives the input.
 */
#ifndef TUMAC_FILTERS_INT_H
#define TUMAC_FILTERS_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <tumac/buf.h>
#include <tumac/error.h>
#include <tumac/filter.h>
#include <tumac/segment.h>
#include <tumac/xliff.h>

#define SKL_MAGIC "tumac-skeleton 1 "

/* ---- items: what a unit is made of before it becomes segments ---- */

enum fx_kind { FX_TEXT, FX_PH, FX_OPEN, FX_CLOSE };

struct fx_item {
    enum fx_kind kind;
    char *text;       /* TEXT: decoded, what the translator sees */
    size_t text_len;
    char *orig;       /* TEXT: original bytes; codes: the original markup */
    size_t orig_len;
    char *tmpl;       /* codes: skeleton-encoded template of the markup */
    size_t tmpl_len;
    const char *type; /* codes: fmt | link | image | other (static) */
    const char *subtype; /* codes: xlf:b, xlf:i, xlf:u, xlf:lb or NULL */
    char *disp;       /* codes: short display form, "<strong>" */
    unsigned id;      /* codes: id inside the unit; a pair shares it */
    size_t partner;   /* OPEN/CLOSE: index of the other half */
};

struct fx_items {
    struct fx_item *v;
    size_t count;
    size_t cap;
};

void fx_items_release(struct fx_items *it);
/* Append a text item (decoded `text`, original `orig`); copies both. */
enum tu_status fx_items_text(struct fx_items *it, const char *text,
                             size_t text_len, const char *orig,
                             size_t orig_len);
/* Append a code item; takes `tmpl` (tu_malloc'ed, may be NULL = escaped orig). */
struct fx_item *fx_items_code(struct fx_items *it, enum fx_kind kind,
                              const char *orig, size_t orig_len);
/* True if the item is text made only of white space (ASCII or NBSP). */
bool fx_item_is_space(const struct fx_item *item);

/* ---- the extraction context ---- */

struct fx_filter;

struct fx {
    const char *path; /* for messages */
    const char *in;   /* the document, UTF-8 */
    size_t len;
    const struct tu_extract_opts *opts;
    const struct fx_filter *filter;
    struct tu_file *file;
    struct tu_segmenter *seg;
    struct tu_buf skl;  /* the skeleton being written */
    size_t pos;         /* input bytes before pos are in the skeleton */
    unsigned next_unit; /* units are u1, u2, ... */
    char src_primary[16]; /* primary language subtag of the source */
};

/* Append input[fx->pos, to) to the skeleton as literal bytes; pos = to. */
void fx_copy_to(struct fx *fx, size_t to);

/*
 * Make a unit of items [first, limit): segment it, add it to the file, and
 * write its reference into `sink` (\{t U} when q is 0, \{a U q} otherwise)
 * and its code templates and spellings into the skeleton. `name` is the
 * unit's name (the element or attribute it came from); `preserve` keeps
 * white space (xml:space="preserve").
 */
enum tu_status fx_unit_emit(struct fx *fx, struct fx_items *it, size_t first,
                            size_t limit, const char *name, bool preserve,
                            char q, struct tu_buf *sink, struct tu_error *err);

/*
 * A stretch input[start, end) whose items are `it` (covering exactly those
 * bytes): the skeleton gets what precedes it, then its edges as skeleton
 * and its core as a unit (or all of it as skeleton if it has no text).
 */
enum tu_status fx_run_emit(struct fx *fx, struct fx_items *it, size_t start,
                           size_t end, const char *name, bool preserve,
                           struct tu_error *err);

/*
 * Items [first, limit) become plain skeleton: text as its original bytes,
 * codes as their templates, appended to `sink`.
 */
void fx_items_to_skeleton(const struct fx_items *it, size_t first,
                          size_t limit, struct tu_buf *sink);

/*
 * Trim white space and standalone codes from both ends of items
 * [*first, *limit) and peel paired codes that enclose all the rest; returns
 * false if no translatable text remains.
 */
bool fx_items_core(const struct fx_items *it, size_t *first, size_t *limit);

/* Recompute `partner` of every OPEN/CLOSE item from their order and ids. */
void fx_items_pair(struct fx_items *it);

/* ---- skeleton writing ---- */

/* Append `n` bytes as skeleton literal (escaping what XML cannot carry). */
void skl_lit(struct tu_buf *b, const char *s, size_t n);

/* ---- the filter table ---- */

struct fx_filter {
    const char *name;       /* "text", "html" (--format, skeleton header) */
    const char *datatype;   /* XLIFF 1.2 datatype */
    const char *extension;  /* merged file extension */
    const char *const *suffixes; /* file name endings it claims (auto) */
    /* Does the content look like this format? (auto, after suffixes) */
    bool (*sniff)(const char *data, size_t len);
    /* Fill fx->file (units) and fx->skl (the body) from fx->in. */
    enum tu_status (*extract)(struct fx *fx, struct tu_error *err);
    /*
     * Append `s` escaped for the document: q is 0 for element content,
     * 'd', 's' or 'n' for an attribute value quoted with ", ' or nothing.
     */
    void (*escape)(struct tu_buf *out, const char *s, size_t n, char q);
    /*
     * Optional: check that `merged` is as well-formed as `orig` (the same
     * document with every source in place); TU_EINVALID if not.
     */
    enum tu_status (*verify)(const char *orig, size_t orig_len,
                             const char *merged, size_t merged_len,
                             struct tu_error *err);
    /* A zip package (DOCX, ODT): the input is binary, not decoded text. */
    bool package;
    /* Optional: turn the rendered body out[start..] into the document. */
    enum tu_status (*pack)(struct tu_buf *out, size_t start, struct tu_error *err);
};

/*
 * The loop behind every filter's escape callback: each byte of s[0..n) for
 * which ref(byte, q) gives a reference is replaced by it, the rest copied in
 * runs. ref holds the format's rules (q as for fx_filter.escape).
 */
void fx_escape_by(struct tu_buf *out, const char *s, size_t n, char q,
                  const char *(*ref)(char ch, char q));

extern const struct fx_filter fx_filter_text;
extern const struct fx_filter fx_filter_html;
extern const struct fx_filter fx_filter_docx;
extern const struct fx_filter fx_filter_odt;
/* The filter named `name`, or NULL. */
const struct fx_filter *fx_filter_find(const char *name);

/* ---- HTML named character references (html-entities.c, generated) ---- */

struct html_entity {
    const char *name;  /* with ';' unless a legacy bare reference */
    const char *value; /* UTF-8 */
};
extern const struct html_entity html_entities[];
extern const size_t html_entity_count;

/* ---- small helpers ---- */

/* Length of the valid UTF-8 sequence at s (n bytes available), 0 if invalid. */
size_t fx_utf8_len(const unsigned char *s, size_t n);
/* Write code point cp as UTF-8 at o (room for 4 bytes); returns its length. */
size_t fx_put_utf8(char *o, unsigned long cp);
/* Check that `data` is UTF-8 XML can carry; TU_EENCODING at the bad byte. */
enum tu_status fx_check_utf8(const char *path, const char *data, size_t len,
                             struct tu_error *err);

#endif
