/*
 * Sentence segmentation. The text is decoded to UTF-16 without its U+FFFC
 * (inline code) characters, every rule is run over it, and at each position
 * the first rule that matches decides. With the built-in rules, ICU's
 * sentence boundaries are the fallback where no rule speaks; with an SRX
 * file, only its rules count (as the standard says). Breaks are then moved
 * past the whitespace and before any opening codes, and mapped back to bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "segment-int.h"
#include <tumac/alloc.h>
#include <tumac/fileio.h>
#include <tumac/locale.h>
#include <tumac/segment.h>

struct compiled_rule {
    URegularExpression *re;
    bool is_break;
};

struct tu_segmenter {
    struct compiled_rule *rules;
    size_t nrules;
    UBreakIterator *icu; /* NULL when an SRX file gives the rules */
};

enum { DECIDE_NONE = 0, DECIDE_BREAK = 1, DECIDE_KEEP = 2 };

enum tu_status seg_rules_add(struct seg_rules *r, bool is_break,
                             const char *before, const char *after,
                             unsigned long line)
{
    struct seg_rule *items;
    char *b;
    char *a;

    items = tu_grow(r->items, sizeof(*r->items), r->count + 1, &r->cap);
    if (items == NULL) {
        return TU_ENOMEM;
    }
    r->items = items;
    b = tu_strdup(before ? before : "");
    a = tu_strdup(after ? after : "");
    if (b == NULL || a == NULL) {
        tu_free(b);
        tu_free(a);
        return TU_ENOMEM;
    }
    r->items[r->count].is_break = is_break;
    r->items[r->count].before = b;
    r->items[r->count].after = a;
    r->items[r->count].line = line;
    r->count++;
    return TU_OK;
}

void seg_rules_release(struct seg_rules *r)
{
    for (size_t i = 0; i < r->count; i++) {
        tu_free(r->items[i].before);
        tu_free(r->items[i].after);
    }
    tu_free(r->items);
    memset(r, 0, sizeof(*r));
}

URegularExpression *seg_regex_open(const char *pattern, uint32_t flags,
                                   UParseError *pe, UErrorCode *st)
{
    int32_t n = 0;
    UChar *u;
    URegularExpression *re;

    u_strFromUTF8(NULL, 0, &n, pattern, -1, st);
    if (*st == U_BUFFER_OVERFLOW_ERROR) {
        *st = U_ZERO_ERROR;
    }
    if (U_FAILURE(*st)) {
        return NULL;
    }
    u = tu_malloc(((size_t)n + 1) * sizeof(*u));
    if (u == NULL) {
        *st = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    u_strFromUTF8(u, n + 1, NULL, pattern, -1, st);
    re = uregex_open(u, n, flags, pe, st);
    tu_free(u);
    return U_FAILURE(*st) ? NULL : re;
}

/* "(?:before)(?=after)": a match ends exactly at the rule's position. */
static enum tu_status compile_rule(const struct seg_rule *rule, const char *path,
                                   struct compiled_rule *out,
                                   struct tu_error *err)
{
    struct tu_buf pat;
    UParseError pe;
    UErrorCode st = U_ZERO_ERROR;

    tu_buf_init(&pat, TU_BUF_NO_LIMIT);
    tu_buf_printf(&pat, "(?:%s)", rule->before);
    if (rule->after[0] != '\0') {
        tu_buf_printf(&pat, "(?=%s)", rule->after);
    }
    if (pat.status != TU_OK) {
        tu_buf_release(&pat);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    memset(&pe, 0, sizeof(pe));
    out->re = seg_regex_open(pat.data, 0, &pe, &st);
    if (out->re != NULL) {
        /* About a few hundred milliseconds per search: SRX files come from users. */
        uregex_setTimeLimit(out->re, 300, &st);
    }
    out->is_break = rule->is_break;
    tu_buf_release(&pat);
    if (U_FAILURE(st)) {
        out->re = NULL;
        return tu_error_at(err, TU_EPARSE, path, rule->line, 0,
                           "bad rule regex (before '%.120s', after '%.120s'): %s",
                           rule->before, rule->after, u_errorName(st));
    }
    return TU_OK;
}

void tu_segmenter_free(struct tu_segmenter *s)
{
    if (s == NULL) {
        return;
    }
    for (size_t i = 0; i < s->nrules; i++) {
        uregex_close(s->rules[i].re);
    }
    tu_free(s->rules);
    if (s->icu != NULL) {
        ubrk_close(s->icu);
    }
    tu_free(s);
}

enum tu_status tu_segmenter_new(const char *lang, const char *srx_path,
                                struct tu_segmenter **out,
                                struct tu_error *err)
{
    struct tu_locale loc;
    struct seg_rules rules = {0};
    struct tu_segmenter *s;
    enum tu_status rc;

    *out = NULL;
    rc = tu_locale_parse(lang, &loc, err);
    if (rc != TU_OK) {
        return rc;
    }
    if (srx_path != NULL) {
        rc = seg_srx_load(srx_path, loc.tag, &rules, err);
    } else {
        rc = seg_builtin_rules(seg_group_for(loc.language), &rules, err);
    }
    if (rc != TU_OK) {
        seg_rules_release(&rules);
        return rc;
    }
    s = tu_calloc(1, sizeof(*s));
    if (s == NULL || (rules.count > 0 &&
                      (s->rules = tu_calloc(rules.count, sizeof(*s->rules))) ==
                          NULL)) {
        tu_free(s);
        seg_rules_release(&rules);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < rules.count; i++) {
        rc = compile_rule(&rules.items[i], srx_path, &s->rules[i], err);
        if (rc != TU_OK) {
            break;
        }
        s->nrules++;
    }
    seg_rules_release(&rules);
    if (rc == TU_OK && srx_path == NULL) {
        /* ICU's own suppressions exist for en, de, es, fr, it, pt, ru. */
        char locid[96];
        UErrorCode st = U_ZERO_ERROR;
        snprintf(locid, sizeof(locid), "%s@ss=standard", loc.language);
        s->icu = ubrk_open(UBRK_SENTENCE, locid, NULL, 0, &st);
        if (U_FAILURE(st)) {
            s->icu = NULL;
            rc = tu_error_set(err, TU_EUNSUPPORTED,
                              "no sentence break iterator for '%s': %s",
                              loc.tag, u_errorName(st));
        }
    }
    if (rc != TU_OK) {
        tu_segmenter_free(s);
        return rc;
    }
    *out = s;
    return TU_OK;
}

static bool is_code(const char *text, size_t len, size_t i)
{
    return i + 3 <= len && (unsigned char)text[i] == 0xEF &&
           (unsigned char)text[i + 1] == 0xBF &&
           (unsigned char)text[i + 2] == 0xBC;
}

enum tu_status seg_decode(const char *text, size_t len, UChar **u_out,
                          size_t **map_out, int32_t *ulen_out,
                          struct tu_error *err)
{
    UChar *u;
    size_t *map;
    int32_t k = 0;
    int32_t i = 0;

    if (len > INT32_MAX / 2) {
        return tu_error_set(err, TU_ETOOBIG, "text of %zu bytes is too long",
                            len);
    }
    u = tu_malloc((len + 1) * sizeof(*u));
    map = map_out ? tu_malloc((len + 1) * sizeof(*map)) : NULL;
    if (u == NULL || (map_out != NULL && map == NULL)) {
        tu_free(u);
        tu_free(map);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    while (i < (int32_t)len) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(text, i, (int32_t)len, c);
        if (c < 0) {
            unsigned long line, col;
            tu_free(u);
            tu_free(map);
            tu_text_position(text, len, (size_t)start, &line, &col);
            return tu_error_at(err, TU_EENCODING, NULL, line, col,
                               "invalid UTF-8 byte 0x%02X",
                               (unsigned char)text[start]);
        }
        if (c == 0xFFFC) {
            continue;
        }
        if (map != NULL) {
            map[k] = (size_t)start;
            if (!U_IS_BMP(c)) {
                map[k + 1] = (size_t)start;
            }
        }
        U16_APPEND_UNSAFE(u, k, c);
    }
    if (map != NULL) {
        map[k] = len;
        *map_out = map;
    }
    *u_out = u;
    *ulen_out = k;
    return TU_OK;
}

static bool is_space16(UChar c)
{
    return u_isUWhiteSpace(c) != 0;
}

/* Record the first decision of every rule at every position it matches. */
static enum tu_status run_rules(struct tu_segmenter *s, const UChar *u,
                                int32_t ulen, unsigned char *decide,
                                struct tu_error *err)
{
    for (size_t r = 0; r < s->nrules; r++) {
        URegularExpression *re = s->rules[r].re;
        unsigned char d = s->rules[r].is_break ? DECIDE_BREAK : DECIDE_KEEP;
        UErrorCode st = U_ZERO_ERROR;
        int32_t from = 0;

        uregex_setText(re, u, ulen, &st);
        /*
         * Restart one character after each match start, so matches that
         * overlap (a rule whose before-part is long) are all seen.
         */
        while (U_SUCCESS(st) && from <= ulen && uregex_find(re, from, &st)) {
            int32_t start = uregex_start(re, 0, &st);
            int32_t end = uregex_end(re, 0, &st);
            if (U_FAILURE(st)) {
                break;
            }
            if (decide[end] == DECIDE_NONE) {
                decide[end] = d;
            }
            /*
             * Long matches restart at their end: a run of thousands of
             * stops must not cost a find per character.
             */
            from = end - start > 64 ? end : start + 1;
            if (from < ulen && U16_IS_TRAIL(u[from])) {
                from++;
            }
        }
        if (st == U_REGEX_TIME_OUT || st == U_REGEX_STACK_OVERFLOW) {
            /* A pathological text for this rule: keep what it decided so far. */
            st = U_ZERO_ERROR;
        }
        uregex_setText(re, u, 0, &st);
        if (U_FAILURE(st)) {
            return tu_error_set(err, TU_EINVAL, "segmentation rule failed: %s",
                                u_errorName(st));
        }
    }
    return TU_OK;
}

enum tu_status tu_segmenter_split(struct tu_segmenter *s, const char *text,
                                  size_t len, size_t **breaks, size_t *count,
                                  struct tu_error *err)
{
    UChar *u = NULL;
    size_t *map = NULL;
    int32_t ulen = 0;
    unsigned char *decide = NULL;
    size_t *out = NULL;
    size_t n = 0;
    size_t cap = 0;
    enum tu_status rc;

    *breaks = NULL;
    *count = 0;
    rc = seg_decode(text, len, &u, &map, &ulen, err);
    if (rc != TU_OK) {
        return rc;
    }
    decide = tu_calloc((size_t)ulen + 1, 1);
    if (decide == NULL) {
        rc = tu_error_set(err, TU_ENOMEM, "out of memory");
        goto done;
    }
    rc = run_rules(s, u, ulen, decide, err);
    if (rc != TU_OK) {
        goto done;
    }
    if (s->icu != NULL && ulen > 0) {
        UErrorCode st = U_ZERO_ERROR;
        ubrk_setText(s->icu, u, ulen, &st);
        for (int32_t p = ubrk_first(s->icu); U_SUCCESS(st) && p != UBRK_DONE;
             p = ubrk_next(s->icu)) {
            int32_t q = p;
            while (q > 0 && is_space16(u[q - 1])) {
                q--;
            }
            /* Never before a control character or closing punctuation
             * (mojibake quotes such as U+0094 in real text). */
            if (q > 0 && q < ulen && decide[q] == DECIDE_NONE &&
                u_charType(u[q]) != U_CONTROL_CHAR &&
                u_charType(u[q]) != U_END_PUNCTUATION &&
                u_charType(u[q]) != U_FINAL_PUNCTUATION) {
                decide[q] = DECIDE_BREAK;
            }
        }
        ubrk_setText(s->icu, u, 0, &st);
    }
    for (int32_t q = 1; q < ulen; q++) {
        int32_t p = q;
        size_t at;
        if (decide[q] != DECIDE_BREAK) {
            continue;
        }
        while (p < ulen && is_space16(u[p])) {
            p++;
        }
        if (p >= ulen) {
            break;
        }
        at = map[p];
        /* Opening codes right before the sentence go with it. */
        while (at >= 3 && is_code(text, len, at - 3)) {
            at -= 3;
        }
        if (at == 0 || at >= len || (n > 0 && at <= out[n - 1])) {
            continue;
        }
        if (n == cap) {
            size_t *grown = tu_grow(out, sizeof(*out), n + 1, &cap);
            if (grown == NULL) {
                rc = tu_error_set(err, TU_ENOMEM, "out of memory");
                goto done;
            }
            out = grown;
        }
        out[n++] = at;
        q = p;
    }
done:
    tu_free(u);
    tu_free(map);
    tu_free(decide);
    if (rc != TU_OK) {
        tu_free(out);
        return rc;
    }
    *breaks = out;
    *count = n;
    return TU_OK;
}

enum tu_status tu_segment_dump_srx(struct tu_buf *out, struct tu_error *err)
{
    return seg_srx_dump(out, err);
}
