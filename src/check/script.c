/*
 * The script check: a Cyrillic target (sr-Cyrl, bs-Cyrl) with Latin words,
 * a Latin target with Cyrillic words, and any word that mixes scripts (a
 * Latin "a" or "e" inside a Cyrillic word looks right and reads wrong).
 * Scripts come from ICU through tu_text_char_script (Common and Inherited
 * characters such as digits and combining marks belong to no script).
 * Protected: translate="no" annotations, URLs, e-mail addresses and
 * placeholders, a word the source has (in any case, or with up to two more
 * letters: a name or an acronym kept as it is, "AM" for "AMs"), and in a
 * Cyrillic target the symbols of units and Roman numerals.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <tumac/alloc.h>
#include <tumac/text.h>

#include "check-int.h"

static void blank(enum tu_check_id kind, const char *s, size_t start, size_t limit, void *ctx)
{
    (void)kind;
    (void)s;
    memset((char *)ctx + start, ' ', limit - start);
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
static void word(struct run *r, struct words *w, const char *s, size_t a, size_t b, bool cyr)
{
    bool latin = false, cyrillic = false, other = false;
    for (size_t i = a; i < b;) {
        bool in_word;
        enum tu_script sc;
        tu_text_char_script(s, b, &i, &in_word, &sc);
        latin |= sc == TU_SCRIPT_LATIN;
        cyrillic |= sc == TU_SCRIPT_CYRILLIC;
        other |= sc == TU_SCRIPT_OTHER;
    }
    if ((latin && cyrillic) || (other && (latin || cyrillic))) {
        add_word(w, MIXED, s + a, b - a);
    } else if ((cyr ? latin : cyrillic) && !in_source(r->src.data, r->src.len, s + a, b - a) &&
               !(cyr && latin_in_cyrillic(s + a, b - a))) {
        add_word(w, WRONG, s + a, b - a);
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
    size_t start = 0;
    bool in = false;
    for (size_t i = 0; i < len;) {
        size_t at = i;
        bool letter;
        enum tu_script sc;
        tu_text_char_script(s, len, &i, &letter, &sc);
        if (letter && !in) {
            start = at;
            in = true;
        } else if (!letter && in) {
            word(r, &w, s, start, at, cyr);
            in = false;
        }
    }
    if (in) {
        word(r, &w, s, start, len, cyr);
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
