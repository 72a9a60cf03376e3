/*
 * Inside the segmenter: ordered SRX-style rules (the first rule that matches
 * at a position decides break or no break), the generated abbreviation
 * table, the built-in rule sets and the SRX reader/writer.
 */
#ifndef TUMAC_SEGMENT_INT_H
#define TUMAC_SEGMENT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <unicode/uregex.h>

#include <tumac/buf.h>
#include <tumac/error.h>

/* Language groups of the built-in rules (bit mask in the table). */
enum seg_lang {
    SEG_BS = 1 << 0,
    SEG_HR = 1 << 1,
    SEG_SR = 1 << 2,
    SEG_EN = 1 << 3,
};

/* One row of segment-abbrev.c: form without its final period. */
struct seg_abbrev {
    const char *form;
    char kind; /* 'N' never ends a sentence, 'B' may, 'S' usually does, 'M' month */
    unsigned langs;
};

extern const struct seg_abbrev seg_abbrevs[];
extern const size_t seg_abbrev_count;

/* One row of the magnitudes in segment-abbrev.c ("mlrd" of "2,8 mlrd."):
 * form without its final period, the scale k (10^(3(k+1))), languages. */
struct seg_scale {
    const char *form;
    int k;
    unsigned langs;
};

extern const struct seg_scale seg_scales[];
extern const size_t seg_scale_count;

/* A rule as SRX states it: regexes (ICU syntax, UTF-8) around a position. */
struct seg_rule {
    bool is_break;
    char *before;
    char *after;
    unsigned long line; /* where it came from in an SRX file, 0 if built in */
};

struct seg_rules {
    struct seg_rule *items;
    size_t count;
    size_t cap;
};

/* Append a copy of the rule; TU_ENOMEM on failure. */
enum tu_status seg_rules_add(struct seg_rules *r, bool is_break,
                             const char *before, const char *after,
                             unsigned long line);
void seg_rules_release(struct seg_rules *r);

/* The built-in rule sets, by group name. */
struct seg_group {
    const char *name;    /* "bs", "hr", "sr", "en", "default" */
    unsigned lang;       /* enum seg_lang bit, 0 for default */
    const char *pattern; /* SRX languagepattern selecting it */
};
extern const struct seg_group seg_groups[];
extern const size_t seg_group_count;

/* The group for a canonical language (e.g. "sr"); the default group otherwise. */
const struct seg_group *seg_group_for(const char *language);

/* Append the built-in rules of `g` to `out`. */
enum tu_status seg_builtin_rules(const struct seg_group *g,
                                 struct seg_rules *out, struct tu_error *err);

/*
 * Read an SRX 2.0 file and append the rules its language maps select for
 * `tag` (canonical BCP 47), honouring cascade. Errors carry file/line/column.
 */
enum tu_status seg_srx_load(const char *path, const char *tag,
                            struct seg_rules *out, struct tu_error *err);

/* uregex_open on a UTF-8 pattern (NULL with *st set on failure). */
URegularExpression *seg_regex_open(const char *pattern, uint32_t flags,
                                   UParseError *pe, UErrorCode *st);

/*
 * UTF-8 -> UTF-16 without U+FFFC (inline codes). If map_out is not NULL,
 * (*map_out)[k] is the byte offset of u[k] and (*map_out)[ulen] == len.
 * Invalid UTF-8 is TU_EENCODING with line and column. Caller tu_free()s.
 */
enum tu_status seg_decode(const char *text, size_t len, UChar **u_out,
                          size_t **map_out, int32_t *ulen_out,
                          struct tu_error *err);

/* Write an SRX 2.0 document holding every built-in group. */
enum tu_status seg_srx_dump(struct tu_buf *out, struct tu_error *err);

#endif
