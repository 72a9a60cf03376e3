/* Shared inside src/check: one segment under check and how a check reports. */
#ifndef TUMAC_CHECK_INT_H
#define TUMAC_CHECK_INT_H

#include <tumac/buf.h>
#include <tumac/check.h>
#include <tumac/leverage.h>

struct glossary; /* tbx.c */

struct tu_checker {
    enum tu_check_level level[TU_CHECK_COUNT];
    struct glossary *gloss;
};

/* The segment being checked and where its findings go. */
struct run {
    struct tu_checker *c;
    struct tu_findings *out;
    const char *file, *unit, *seg;
    const char *src_lang, *trg_lang;
    const struct tu_lev_values *values; /* numbers of this language pair */
    const struct tu_content *src_c, *trg_c;
    struct tu_buf src, trg; /* plain text, codes dropped */
    struct tu_buf trg_prot; /* the target with translate="no" text blanked */
    struct tu_error *err;
    enum tu_status st;      /* first failure (out of memory) */
};

/* Add a finding of check `id` at the run's level (nothing when ignored). */
void check_report(struct run *r, enum tu_check_id id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The language tag's primary subtag is `lang` ("sr" for "sr-Latn"). */
bool check_lang_is(const char *tag, const char *lang);
/* The target is written in Cyrillic (sr, sr-Cyrl, bs-Cyrl ...). */
bool check_lang_cyrillic(const char *tag);
/* The first occurrence of needle[0, m) in hay[0, n), or NULL. */
const char *check_find(const char *hay, size_t n, const char *needle, size_t m);
/* bs, hr, sr, cnr in either script. */
bool check_lang_bcs(const char *tag);

/*
 * The protected tokens of a text (URLs, e-mail addresses, placeholders),
 * calling fn for each with its kind (a check id) and byte range.
 */
typedef void (*token_fn)(enum tu_check_id kind, const char *s, size_t start,
                         size_t limit, void *ctx);
void check_tokens(const char *s, size_t len, token_fn fn, void *ctx);

/* The checks, each on r (checks.c, script.c, variant.c, tbx.c). */
void check_tokens_same(struct run *r);
void check_untranslated(struct run *r);
void check_punctuation(struct run *r);
void check_whitespace(struct run *r);
void check_quotes(struct run *r);
void check_script(struct run *r);
void check_variant(struct run *r);
void check_terms(struct run *r);

/* The variant list (variant-words.c, made by variant-words.py from
 * data/variant-words.txt): a form, the standards it is wrong in, the word
 * those use. */
enum { VARIANT_HR = 1, VARIANT_BS = 2, VARIANT_SR = 4 };
struct check_variant {
    const char *form;
    unsigned wrong_in;
    const char *use;
};
extern const struct check_variant check_variants[];
extern const size_t check_variant_count;

/* Word matching shared by variant and terms: the match key (case folded,
 * Serbian Cyrillic as Latin) of `s`, words separated by one space, with
 * a leading and a trailing space (" novi most "). */
enum tu_status check_words_key(const char *s, size_t len, struct tu_buf *out,
                               struct tu_error *err);

void glossary_free(struct glossary *g);

#endif
