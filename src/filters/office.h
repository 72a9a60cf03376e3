/*
 * Inside the office filters (DOCX, ODT): the zip package layer on libzip
 * (package.c), the XML part layer on libxml2 (xmlpart.c), and what the two
 * filters share.
 *
 * A package's skeleton body is the whole input package, base64, then each
 * XML part the filter reads, written as skeleton like any text document:
 *   SOH "PKG" SOH base64(package) SOH
 *   SOH "PART " name SOH part-skeleton     (once per part read)
 * (SOH, U+0001, written \x01, is a byte no XML 1.0 part or XLIFF target
 * can hold, so it cannot occur in a rendered part.) Merge renders the body, and the
 * filter's pack hook turns it back into a package: every entry of the
 * original in its order, each rendered part in place of the original one.
 */
#ifndef TUMAC_FILTERS_OFFICE_H
#define TUMAC_FILTERS_OFFICE_H

#include <stdbool.h>
#include <stddef.h>

#include <tumac/buf.h>
#include <tumac/error.h>

#include "filters-int.h"

/* Ceilings against zip bombs: one part, and all parts read together. */
#define PKG_PART_LIMIT ((size_t)64 << 20)
#define PKG_TOTAL_LIMIT ((size_t)256 << 20)
#define PKG_MAX_ENTRIES 20000

struct pkg;

/* Open a zip package held in memory (data must outlive it). Refuses what is
 * not a zip (naming an OLE container: encrypted or a binary .doc), a
 * corrupt zip, encrypted entries, too many entries. */
enum tu_status pkg_open(const char *data, size_t len, const char *path,
                        struct pkg **out, struct tu_error *err);
void pkg_close(struct pkg *p);
size_t pkg_count(const struct pkg *p);
const char *pkg_name(const struct pkg *p, size_t i);
/* Index of the entry `name`, or (size_t)-1. */
size_t pkg_find(const struct pkg *p, const char *name);
/* The uncompressed bytes of entry i, within the ceilings. */
enum tu_status pkg_read(struct pkg *p, size_t i, struct tu_buf *out,
                        struct tu_error *err);

/* ---- the package as skeleton ---- */

/* A filter's reader of one part: fx->in/len is the part (UTF-8, checked);
 * `doc` is the filter's state across the parts of one package. */
typedef enum tu_status (*pkg_part_fn)(struct fx *fx, const char *part,
                                      void *doc, struct tu_error *err);

/* Which parts a filter reads in pass 0 or 1, and how (NULL: not in this
 * pass). Pass 0 is for what the text parts need to know first (styles,
 * comments); the skeleton finds parts by name, so the order is free. */
typedef pkg_part_fn (*pkg_pick_fn)(const char *name, int pass);

/*
 * Extract a package: check it, write its base64 copy into the skeleton,
 * then read every part `pick` names with its function. `required` must be
 * present. fx->in/len are the package on entry and on return.
 */
enum tu_status pkg_extract(struct fx *fx, pkg_pick_fn pick, const char *required,
                           void *doc, struct tu_error *err);

/* Merge's pack hook: out[start..] is a rendered package body; replace it
 * with the package. */
enum tu_status pkg_pack(struct tu_buf *out, size_t start, struct tu_error *err);
/* A filter's repair of a rendered part that differs from the original one:
 * true with the repaired part in *out, false to keep it as rendered. */
typedef bool (*pkg_fix_fn)(const char *name, const char *data, size_t len,
                           struct tu_buf *out);
/* pkg_pack, with every part that differs from the original through `fix`
 * (parts merged untranslated stay byte-identical). */
enum tu_status pkg_pack_fixed(struct tu_buf *out, size_t start, pkg_fix_fn fix,
                              struct tu_error *err);

/* Verify hook: every rendered part of `merged` is well-formed XML. */
enum tu_status pkg_verify(const char *orig, size_t orig_len,
                          const char *merged, size_t merged_len,
                          struct tu_error *err);

/* First part whose bytes differ between two packages (names in *part, a
 * static-size copy); TU_OK and part[0] == 0 when all are the same. */
enum tu_status pkg_compare(const char *a, size_t alen, const char *b,
                           size_t blen, char *part, size_t part_size,
                           struct tu_error *err);

/* ---- XML parts (xmlpart.c) ---- */

enum xt_kind { XT_TEXT, XT_START, XT_END, XT_EMPTY, XT_OTHER };

/* A token of a well-formed part, by its bytes: text, a tag, or other
 * markup (comment, PI, CDATA, XML declaration). */
struct xt {
    enum xt_kind kind;
    size_t start, end; /* [start, end) in the part */
    size_t name, name_len; /* tags: the element name (bytes in the part) */
};

struct xtoks {
    struct xt *v;
    size_t count, cap;
};

/*
 * Check a part the way every XML part is checked (UTF-8, no DOCTYPE, no
 * entities beyond XML's five, no network: libxml2 with the strictest
 * options), then split it into tokens. libxml2 has already said the part
 * is well-formed, so the tokens only locate its bytes, which libxml2
 * cannot report. Errors name `path`, the part, its line and column.
 */
enum tu_status xp_tokens(const char *data, size_t len, const char *path,
                         const char *part, struct xtoks *t,
                         struct tu_error *err);
void xp_tokens_release(struct xtoks *t);
/* Does tag token x have the element name `name`? */
bool xt_is(const char *in, const struct xt *x, const char *name);
/* The raw value of attribute `name` of tag x: true and [*v, *v + *n). */
bool xt_attr(const char *in, const struct xt *x, const char *name,
             size_t *v, size_t *n);
/* The attributes of tag x one by one from *i (0 at first): name at
 * [*a, *a + *an), value at [*v, *v + *n); false after the last. */
bool xt_attr_next(const char *in, const struct xt *x, size_t *i, size_t *a,
                  size_t *an, size_t *v, size_t *n);
/* Text items of XML character data s[0, n): plain runs as themselves, each
 * reference (the five entities, numeric) as the character it stands for;
 * `collapse` (ODF paragraphs): a white space run other than " " reads as
 * one space (it merges back as it was). */
enum tu_status xp_text_items(struct fx_items *it, const char *s, size_t n, bool collapse);
/* The escape hook of the office filters. */
void xp_escape(struct tu_buf *out, const char *s, size_t n, char q);
/* Is `data` (a whole part) well-formed under the strict options? Error names
 * the part and the place. */
enum tu_status xp_check(const char *data, size_t len, const char *path,
                        const char *part, struct tu_error *err);

/*
 * Copy the part up to `to` into the skeleton, writing the value of every
 * language attribute in `langs` (ascending [start, end) pairs) as \{l}.
 */
struct xp_lang {
    size_t start, end;
    char part; /* 0: a whole tag; l, r, s: an ODF language, country, script;
                * a: an attribute value that is a unit of its own */
    char *subst; /* a: the skeleton written in its place (\{a U q N}) */
};
struct xp_langs {
    struct xp_lang *v; /* ascending */
    size_t count, cap;
    size_t next; /* first one not yet copied */
};
void xp_copy_langs(struct fx *fx, struct xp_langs *l, size_t to);
/* Skeleton template of input[a, b) with the language values in `l` as \{l}. */
char *xp_template(const struct fx *fx, const struct xp_langs *l, size_t a,
                  size_t b, size_t *len);
enum tu_status xp_langs_add(struct xp_langs *l, size_t start, size_t end,
                            char part);

/* ---- the frame of a part's reader, shared by the filters ---- */

struct xpart {
    struct fx *fx;
    const char *part;
    struct xtoks t;
    struct xp_langs langs; /* language values found so far, ascending */
    struct tu_error *err;
    void *doc; /* the filter's state across the parts of one package */
};

typedef enum tu_status (*xp_walk_fn)(struct xpart *p);

/*
 * Read one part: tokenise it (xp_tokens), then run `walk`, or with `props`
 * make units of those elements (xp_simple_units), then copy the rest of the
 * part with its language values into the skeleton.
 */
enum tu_status xp_read_part(struct fx *fx, const char *part, void *doc,
                            xp_walk_fn walk, const char *const *props,
                            struct tu_error *err);
/* The value of attribute `name` of tag x (alt text, a title) as a unit of
 * its own, written where the value stands: in the skeleton, or in the
 * template of the code that holds the tag. */
enum tu_status xp_attr_unit(struct xpart *p, const struct xt *x, const char *name);
/* The text of tokens (a, e): the character data inside `holder` elements,
 * a line break between `para` elements; NULL when out of memory. */
char *xp_plain_text(const struct xpart *p, size_t a, size_t e, const char *para,
                    const char *holder);
/* The unit made since fx->next_unit was `before`, or NULL. */
struct tu_unit *xp_new_unit(struct fx *fx, unsigned before);
/* A comment as a note of unit u: "AUTHOR: TEXT" (category "comment"). */
enum tu_status xp_add_comment(struct tu_unit *u, const char *author, const char *text);
/* Is the style name one that marks text not to translate (DoNotTranslate,
 * tw4winExternal ...: spaces, '_' and case aside)? */
bool xp_dnt_name(const char *s, size_t n);

/* TU_EUNSUPPORTED at tag x: "FILE:LINE:COL: part P: what". */
enum tu_status xp_fail_at(const struct xpart *p, const struct xt *x, const char *what);

/* A unit for each element named in `names` that holds only text (document
 * properties: title, subject ...); a dc:language value becomes the target's. */
enum tu_status xp_simple_units(struct xpart *p, const char *const *names);
/* The text token k (an element's only content) as a unit named `name`. */
enum tu_status xp_text_unit(struct xpart *p, size_t k, const char *name);

#endif
