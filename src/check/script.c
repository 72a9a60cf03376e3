/*
 * The script check: a Cyrillic target (sr-Cyrl, bs-Cyrl) with Latin words,
 * a Latin target with Cyrillic words, and any word that mixes scripts (a
 * Latin "a" or "e" inside a Cyrillic word looks right and reads wrong).
 * Scripts come from ICU (uscript_getScript; Common and Inherited
 * characters such as digits and combining marks belong to no script).
 * Protected: translate="no" annotations, URLs, e-mail addresses and
 * placeholders, a word the source has (in any case, or with up to two more
 * letters: a name or an acronym kept as it is, "AM" for "AMs"), and in a
 * Cyrillic target the symbols of units and Roman numerals.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <tumac/alloc.h>

#include "check-int.h"

static void blank(enum tu_check_id kind, const char *s, size_t start, size_t limit, void *ctx)
{
    (void)kind;
    (void)s;
    memset((char *)ctx + start, ' ', limit - start);
}

static bool word_char(UChar32 c)
{
    return u_isalpha(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY_MASK) & U_GC_M_MASK;
}

static bool ascii_alnum_at(const char *s, size_t i)
{
    char c = s[i];
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The source has the word w[0, n) as written, or with other case or up to
 * two more letters ("AM" for "AMs", "outlet" for "outlets"). */
static bool in_source(const char *text, size_t tlen, const char *w, size_t n)
{
    for (size_t at = 0; at + n <= tlen; at++) {
        if ((at > 0 && ascii_alnum_at(text, at - 1)) || strncasecmp(text + at, w, n) != 0) {
            continue;
        }
        size_t e = at + n;
        while (e < tlen && e - (at + n) <= 2 && ascii_alnum_at(text, e)) {
            e++;
        }
        if (e - (at + n) <= 2 && (e == tlen || !ascii_alnum_at(text, e))) {
            return true;
        }
    }
    return false;
}

/* Latin that Serbian Cyrillic writes in Latin: the symbols of units and
 * Roman numerals ("137 km/h", "XX век"). */
static bool latin_in_cyrillic(const char *w, size_t n)
{
    static const char *const units[] = {"km", "m", "cm", "mm", "kg", "g", "mg", "t", "h", "min",
                                        "s", "ha", "l", "ml", "kW", "kWh", "MW", "GW", "Hz",
                                        "MHz", "GHz", "dB", "C", "K", "V", "A", "W"};
    bool roman = n > 0;
    for (size_t i = 0; i < n; i++) {
        roman &= strchr("IVXLCDM", w[i]) != NULL;
    }
    for (size_t i = 0; !roman && i < sizeof units / sizeof *units; i++) {
        roman = strlen(units[i]) == n && memcmp(units[i], w, n) == 0;
    }
    return roman;
}

enum { MIXED, WRONG, KINDS };

struct words {
    struct tu_buf list[KINDS];
    size_t n[KINDS];
};

static void add_word(struct words *w, int kind, const char *s, size_t n)
{
    if (w->n[kind] < 5) {
        tu_buf_printf(&w->list[kind], "%s%.*s", w->n[kind] ? ", " : "", (int)n, s);
    }
    w->n[kind]++;
}

/* Classify the word s[a, b): its letters' scripts. */
static void word(struct run *r, struct words *w, const char *s, int32_t a, int32_t b, bool cyr)
{
    bool latin = false, cyrillic = false, other = false;
    for (int32_t i = a; i < b;) {
        UChar32 c;
        UErrorCode e = U_ZERO_ERROR;
        U8_NEXT(s, i, b, c);
        UScriptCode sc = c < 0 ? USCRIPT_COMMON : uscript_getScript(c, &e);
        latin |= sc == USCRIPT_LATIN;
        cyrillic |= sc == USCRIPT_CYRILLIC;
        other |= sc == USCRIPT_GREEK;
    }
    if ((latin && cyrillic) || (other && (latin || cyrillic))) {
        add_word(w, MIXED, s + a, (size_t)(b - a));
    } else if ((cyr ? latin : cyrillic) && !in_source(r->src.data, r->src.len, s + a, (size_t)(b - a)) &&
               !(cyr && latin_in_cyrillic(s + a, (size_t)(b - a)))) {
        add_word(w, WRONG, s + a, (size_t)(b - a));
    }
}

void check_script(struct run *r)
{
    bool cyr = check_lang_cyrillic(r->trg_lang);
    size_t len = r->trg_prot.len;
    char *s = tu_malloc(len + 1);
    struct words w = {0};

    if (s == NULL) {
        r->st = tu_error_set(r->err, TU_ENOMEM, "out of memory");
        return;
    }
    memcpy(s, r->trg_prot.data, len + 1);
    check_tokens(r->trg_prot.data, len, blank, s);
    for (int k = 0; k < KINDS; k++) {
        tu_buf_init(&w.list[k], TU_BUF_NO_LIMIT);
    }
    for (int32_t i = 0, start = -1; i <= (int32_t)len;) {
        UChar32 c = 0;
        int32_t at = i;
        if (i < (int32_t)len) {
            U8_NEXT(s, i, (int32_t)len, c);
        } else {
            i++;
        }
        bool in_word = at < (int32_t)len && c >= 0 && word_char(c);
        if (in_word && start < 0) {
            start = at;
        } else if (!in_word && start >= 0) {
            word(r, &w, s, start, at, cyr);
            start = -1;
        }
    }
    for (int k = 0; k < KINDS; k++) {
        if (w.n[k] > 5) {
            tu_buf_printf(&w.list[k], " and %zu more", w.n[k] - 5);
        }
    }
    if (w.n[MIXED]) {
        check_report(r, TU_CHECK_SCRIPT, "word%s mixing scripts (a letter of another alphabet inside a word): %s",
                     w.n[MIXED] > 1 ? "s" : "", w.list[MIXED].data);
    }
    if (w.n[WRONG]) {
        check_report(r, TU_CHECK_SCRIPT, "%s word%s in a %s target: %s", cyr ? "Latin" : "Cyrillic",
                     w.n[WRONG] > 1 ? "s" : "", r->trg_lang, w.list[WRONG].data);
    }
    for (int k = 0; k < KINDS; k++) {
        tu_buf_release(&w.list[k]);
    }
    tu_free(s);
}
