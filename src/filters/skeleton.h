/*
 * A parsed skeleton (src/filters/skeleton.c), as merge uses it: the body as
 * pieces, and per unit its code templates and original spellings. Literal
 * bytes of every piece live in one pool, `lit`.
 */
#ifndef TUMAC_FILTERS_SKELETON_H
#define TUMAC_FILTERS_SKELETON_H

#include <stdbool.h>
#include <stddef.h>

#include <tumac/buf.h>
#include <tumac/error.h>

enum skl_piece_kind { SKL_LIT, SKL_UNIT, SKL_ATTR, SKL_LANG };

struct skl_piece {
    enum skl_piece_kind kind;
    size_t start, len; /* LIT and LANG (the original value): bytes in lit */
    char *unit;        /* UNIT, ATTR */
    char q;            /* ATTR: d, s or n; LANG: 0 (the tag), l, r or s */
};

struct skl_pieces {
    struct skl_piece *v;
    size_t count, cap;
};

struct skl_code {
    char *id;
    bool paired;
    struct skl_pieces start, end;
};

struct skl_spell {
    size_t off;               /* in the unit's source text */
    size_t dec_start, dec_len; /* decoded text, in lit */
    size_t sp_start, sp_len;   /* original spelling, in lit */
    bool at_code;             /* no decoded text: it stands after `codes` codes */
    size_t codes;
};

/* What the skeleton knows about unit "uN" (units[N-1]). */
struct skl_unit {
    struct skl_code *codes;
    size_t code_count, code_cap;
    struct skl_spell *spells; /* ascending by off */
    size_t spell_count, spell_cap;
    size_t segments;          /* segments extracted, */
    bool counted;             /* ... unless an older skeleton lacks the count */
    bool placed;              /* the body refers to the unit */
};

struct skl {
    char filter[64];
    char encoding[48]; /* the input's encoding, "UTF-8" if the header names none */
    struct skl_pieces body;
    struct skl_unit *units;
    size_t unit_count, unit_cap;
    struct tu_buf lit;
};

/* Parse skeleton text; on failure `k` must still be released. */
enum tu_status skl_parse(const char *s, size_t len, struct skl *k,
                         struct tu_error *err);
void skl_release(struct skl *k);
/* N of a unit id "uN", 0 if the id is not of that form. */
size_t skl_unit_index(const char *id);
/* The record of unit `id`, made when `create`; NULL if none or a bad id. */
struct skl_unit *skl_unit_get(struct skl *k, const char *id, bool create);

#endif
