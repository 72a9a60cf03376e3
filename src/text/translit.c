/*
 * Serbian/Bosnian transliteration. Cyrillic -> Latin is ICU's
 * "sr-sr_Latn/BGN" plus NFC. Latin -> Cyrillic is ours: ICU has no correct
 * Serbian transform. The text is scanned once; protected spans (markup,
 * entities, placeholders, URLs, e-mail, handles, hashtags, file names,
 * Roman numerals, identifiers, words with letters Serbian Latin lacks, the
 * user's --keep terms, and words judged foreign) are copied unchanged, and
 * every other word is mapped letter by letter with lj/nj/dž as single
 * letters except at the word starts of the generated exception table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>

#include "segment-int.h"
#include "text-int.h"
#include "translit-int.h"
#include <tumac/alloc.h>
#include <tumac/fileio.h>
#include <tumac/locale.h>
#include <tumac/text.h>

struct term {
    char *from;
    size_t len;
    char *to; /* NULL: keep as written */
};

struct tu_translit {
    char tag[64];
    bool to_cyrl;
    enum translit_acronyms acronyms;
    bool no_foreign;
    struct term *terms;
    size_t nterms;
    UTransliterator *cyr2lat;
};

/* ---------------------------------------------------------------- terms */

static int term_cmp(const void *a, const void *b)
{
    const struct term *x = a, *y = b;
    return x->len < y->len ? 1 : x->len > y->len ? -1 : 0;
}

static char *trim(char *s)
{
    char *e;
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) {
        *--e = '\0';
    }
    return s;
}

static enum tu_status add_term(struct tu_translit *t, const char *from,
                               const char *to, size_t *cap)
{
    struct term *n = tu_grow(t->terms, sizeof(*t->terms), t->nterms + 1, cap);
    if (n == NULL) {
        return TU_ENOMEM;
    }
    t->terms = n;
    n[t->nterms].from = tu_strdup(from);
    n[t->nterms].to = to != NULL ? tu_strdup(to) : NULL;
    n[t->nterms].len = strlen(from);
    if (n[t->nterms].from == NULL || (to != NULL && n[t->nterms].to == NULL)) {
        tu_free(n[t->nterms].from);
        tu_free(n[t->nterms].to);
        return TU_ENOMEM;
    }
    t->nterms++;
    return TU_OK;
}

/* Read --keep (is_terms false) or --terms ("term<TAB>rendering" or "term = rendering"). */
static enum tu_status load_terms(struct tu_translit *t, const char *path,
                                 bool is_terms, size_t *cap,
                                 struct tu_error *err)
{
    struct tu_buf b;
    enum tu_status st;
    unsigned long lineno = 0;

    tu_buf_init(&b, TU_FILE_DEFAULT_LIMIT);
    st = tu_file_read(path, TU_FILE_DEFAULT_LIMIT, &b, err);
    if (st != TU_OK) {
        tu_buf_release(&b);
        return st;
    }
    {
        size_t bad = tu_text_utf8_check(b.data, b.len);
        if (bad < b.len) {
            st = text_bad_utf8(path, b.data, b.len, bad, err);
            tu_buf_release(&b);
            return st;
        }
    }
    for (char *line = b.data; line != NULL && st == TU_OK;) {
        char *nl = strchr(line, '\n');
        char *s, *to = NULL, *sep;
        if (nl != NULL) {
            *nl = '\0';
        }
        lineno++;
        s = trim(line);
        if (lineno == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
        }
        if (*s != '\0' && *s != '#') {
            if (is_terms) {
                sep = strchr(s, '\t');
                if (sep != NULL) {
                    *sep = '\0';
                    to = trim(sep + 1);
                } else if ((sep = strstr(s, " = ")) != NULL) {
                    *sep = '\0';
                    to = trim(sep + 3);
                }
                s = trim(s);
                if (to == NULL || *to == '\0' || *s == '\0') {
                    st = tu_error_at(err, TU_EPARSE, path, lineno, 1,
                                     "expected 'term<TAB>rendering' or 'term = rendering'");
                    break;
                }
            }
            if (add_term(t, s, to, cap) != TU_OK) {
                st = tu_error_set(err, TU_ENOMEM, "out of memory");
            }
        }
        line = nl != NULL ? nl + 1 : NULL;
    }
    tu_buf_release(&b);
    return st;
}

/* ------------------------------------------------------------ lifecycle */

enum tu_status tu_translit_new(const char *to_tag,
                               const struct tu_translit_opts *opts,
                               struct tu_translit **out, struct tu_error *err)
{
    struct tu_locale loc;
    struct tu_translit *t;
    const char *script;
    size_t cap = 0;
    enum tu_status st;

    *out = NULL;
    st = tu_locale_parse(to_tag != NULL ? to_tag : "", &loc, err);
    if (st != TU_OK) {
        return st;
    }
    script = tu_locale_script(&loc);
    if ((strcmp(loc.language, "sr") != 0 && strcmp(loc.language, "bs") != 0) ||
        (strcmp(script, "Cyrl") != 0 && strcmp(script, "Latn") != 0)) {
        return tu_error_set(err, TU_EINVAL,
                            "cannot transliterate to '%s' (expected sr-Cyrl, "
                            "sr-Latn, bs-Cyrl or bs-Latn)",
                            to_tag);
    }
    t = tu_calloc(1, sizeof(*t));
    if (t == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    snprintf(t->tag, sizeof(t->tag), "%s-%s", loc.language, script);
    t->to_cyrl = strcmp(script, "Cyrl") == 0;
    if (opts != NULL) {
        t->acronyms = opts->acronyms_keep      ? TRANSLIT_ACR_KEEP
                      : opts->acronyms_convert ? TRANSLIT_ACR_CONVERT
                                               : TRANSLIT_ACR_AUTO;
        t->no_foreign = opts->no_foreign_detection;
        if (opts->keep_path != NULL) {
            st = load_terms(t, opts->keep_path, false, &cap, err);
        }
        if (st == TU_OK && opts->terms_path != NULL) {
            st = load_terms(t, opts->terms_path, true, &cap, err);
        }
    }
    if (st != TU_OK) {
        tu_translit_free(t);
        return st;
    }
    if (t->nterms > 1) {
        qsort(t->terms, t->nterms, sizeof(*t->terms), term_cmp);
    }
    *out = t;
    return TU_OK;
}

void tu_translit_free(struct tu_translit *t)
{
    if (t == NULL) {
        return;
    }
    for (size_t i = 0; i < t->nterms; i++) {
        tu_free(t->terms[i].from);
        tu_free(t->terms[i].to);
    }
    tu_free(t->terms);
    if (t->cyr2lat != NULL) {
        utrans_close(t->cyr2lat);
    }
    tu_free(t);
}

const char *tu_translit_target(const struct tu_translit *t)
{
    return t->tag;
}

/* ------------------------------------------------------ Cyrillic -> Latin */

/*
 * Serbian Cyrillic -> Latin by our table: one pass over the UTF-8, so it
 * runs at memory speed, and Љ Њ Џ are written by their neighbours (ICU's
 * BGN transform writes "LJ. Popović" for "Љ. Поповић"): Lj before a small
 * letter or standing alone (an initial), LJ before a capital or after one
 * with no small letter following (ЉУБЉАНА, КРАЉ). A Cyrillic letter outside
 * Serbian's (Russian щ, Macedonian ѓ) goes to ICU's BGN transform alone;
 * NFC is applied only when a character that may change under it appears.
 */

/* Lower-case Serbian Cyrillic а..џ (U+0430..U+045F) -> Latin; NULL: not Serbian. */
static const char *const cyr_lat[48] = {
    "a", "b", "v", "g", "d", "e", "\xC5\xBE", "z", "i", NULL, "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "h", "c", "\xC4\x8D", "\xC5\xA1", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, NULL, "\xC4\x91", NULL, NULL, NULL, NULL, NULL, "j", "lj", "nj", "\xC4\x87", NULL, NULL, NULL, "d\xC5\xBE",
};

/* The lower-case Latin of Serbian Cyrillic c, NULL if c is not one. */
static const char *cyr_to_lat(uint32_t c, bool *upper)
{
    *upper = c >= 0x400 && c < 0x430;
    if (c >= 0x400 && c < 0x410) {
        c += 0x50;
    } else if (c >= 0x410 && c < 0x430) {
        c += 0x20;
    }
    return c >= 0x430 && c < 0x460 ? cyr_lat[c - 0x430] : NULL;
}

/* Is the code point at s[i] an upper-case letter (Cyrillic or other)? */
static int case_at(const char *s, size_t len, size_t i)
{
    size_t k = i;
    uint32_t c;
    if (i >= len) {
        return 0;
    }
    c = text_next_cp(s, len, &k);
    if (c < 0x80) {
        return c >= 'A' && c <= 'Z' ? 1 : c >= 'a' && c <= 'z' ? -1 : 0;
    }
    if (c >= 0x400 && c < 0x460) {
        return c < 0x430 ? 1 : -1;
    }
    return u_isUUppercase((UChar32)c) ? 1 : u_isULowercase((UChar32)c) ? -1 : 0;
}

/* The case after a letter ending at byte i: of the next letter, or for an
 * initial ("Љ. ПОПОВИЋ") of the word after it when that is in capitals. */
static int next_case(const char *s, size_t len, size_t i)
{
    int c = case_at(s, len, i);
    size_t k = i;
    if (c != 0 || k >= len || s[k] != '.') {
        return c;
    }
    k++;
    while (k < len && s[k] == ' ') {
        k++;
    }
    if (k == i + 1 || case_at(s, len, k) <= 0) {
        return 0;
    }
    text_next_cp(s, len, &k);
    return case_at(s, len, k) > 0 ? 1 : 0;
}

/* Write the Latin of one Cyrillic letter at o; returns the bytes written.
 * Upper-case: the first letter in capitals, and the second of lj/nj/dž too
 * when the word is in capitals here (a capital next, or a capital before
 * and no letter after). */
static size_t put_latin(char *o, const char *lat, bool upper, int prev_case, int next_case)
{
    size_t n = lat[1] == '\0' ? 1 : lat[2] == '\0' ? 2 : 3;
    size_t first = (unsigned char)lat[0] < 0x80 ? 1 : 2;

    memcpy(o, lat, n);
    if (!upper) {
        return n;
    }
    if (first == 1) {
        o[0] = (char)(o[0] - 32);
    } else {
        o[1] = (char)(o[1] - 1); /* č ć đ š ž: the capital is one less */
    }
    if (n > first && (next_case > 0 || (next_case == 0 && prev_case > 0))) {
        if ((unsigned char)o[first] < 0x80) {
            o[first] = (char)(o[first] - 32);
        } else {
            o[first + 1] = (char)(o[first + 1] - 1);
        }
    }
    return n;
}

static enum tu_status latin_by_icu(struct tu_translit *t, const char *text,
                                   size_t len, struct tu_buf *out,
                                   struct tu_error *err)
{
    UErrorCode ust = U_ZERO_ERROR;
    UChar *u = NULL;
    int32_t n = 0, limit, cap;
    enum tu_status st;

    if (t->cyr2lat == NULL) {
        static const UChar id[] = u"sr-sr_Latn/BGN; NFC";
        t->cyr2lat = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &ust);
        if (U_FAILURE(ust)) {
            t->cyr2lat = NULL;
            return tu_error_set(err, TU_EUNSUPPORTED,
                                "ICU has no Serbian-Latin/BGN transform: %s",
                                u_errorName(ust));
        }
    }
    st = text_to_u16(text, len, &u, &n, err);
    if (st != TU_OK) {
        return st;
    }
    /* Latin is at most 2 units per Cyrillic letter (dž, lj, nj). */
    cap = n * 2 + 16;
    {
        UChar *g = tu_realloc(u, (size_t)cap * sizeof(UChar));
        if (g == NULL) {
            tu_free(u);
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
        u = g;
    }
    limit = n;
    utrans_transUChars(t->cyr2lat, u, &n, cap, 0, &limit, &ust);
    if (U_FAILURE(ust)) {
        tu_free(u);
        return tu_error_set(err, TU_EUNSUPPORTED, "transliteration failed: %s",
                            u_errorName(ust));
    }
    st = text_add_u16(out, u, n, err);
    tu_free(u);
    return st;
}

/* Map by the table; a Cyrillic letter Serbian lacks (Ѓ, Щ) goes to ICU alone.
 * A Serbian Cyrillic letter's 2 bytes become at most 3 (dž), so 3/2 of the
 * rest of the input is reserved and written in place. */
static enum tu_status latin_by_table(struct tu_translit *t, const char *text, size_t len,
                                     struct tu_buf *out, bool *need_nfc, struct tu_error *err)
{
    int prev_case = 0;
    char *o;

    *need_nfc = false;
    if (tu_buf_reserve(out, len + len / 2 + 8) != TU_OK) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    o = out->data + out->len;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)text[i];
        size_t at = i;
        uint32_t c;
        const char *lat;
        bool upper;
        if (b < 0x80) {
            *o++ = (char)b;
            prev_case = b >= 'A' && b <= 'Z' ? 1 : b >= 'a' && b <= 'z' ? -1 : 0;
            i++;
            continue;
        }
        c = text_next_cp(text, len, &i);
        if (c >= 0x400 && c < 0x500) {
            lat = cyr_to_lat(c, &upper);
            if (lat == NULL) {
                enum tu_status st;
                out->len = (size_t)(o - out->data);
                st = latin_by_icu(t, text + at, i - at, out, err);
                if (st != TU_OK) {
                    return st;
                }
                if (tu_buf_reserve(out, (len - i) + (len - i) / 2 + 8) != TU_OK) {
                    return tu_error_set(err, TU_ENOMEM, "out of memory");
                }
                o = out->data + out->len;
                prev_case = u_isUUppercase((UChar32)c) ? 1 : -1;
                continue;
            }
            o += put_latin(o, lat, upper, prev_case, upper ? next_case(text, len, i) : 0);
            prev_case = upper ? 1 : -1;
            continue;
        }
        if (u_getIntPropertyValue((UChar32)c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES) {
            *need_nfc = true;
        }
        memcpy(o, text + at, i - at);
        o += i - at;
        prev_case = u_isUUppercase((UChar32)c) ? 1 : u_isULowercase((UChar32)c) ? -1 : 0;
    }
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
    return TU_OK;
}

static enum tu_status to_latin(struct tu_translit *t, const char *text,
                               size_t len, struct tu_buf *out,
                               struct tu_error *err)
{
    struct tu_buf lat;
    bool need_nfc;
    size_t mark = out->len;
    enum tu_status st = latin_by_table(t, text, len, out, &need_nfc, err);

    if (st != TU_OK || !need_nfc) {
        return st;
    }
    /* Normalise what we wrote (the table's letters are NFC already). */
    tu_buf_init(&lat, TU_BUF_NO_LIMIT);
    tu_buf_add(&lat, out->data + mark, out->len - mark);
    out->len = mark;
    st = lat.status != TU_OK ? tu_error_set(err, lat.status, "out of memory")
                             : tu_text_nfc(lat.data, lat.len, out, err);
    tu_buf_release(&lat);
    return st;
}

/* ------------------------------------------------------ Latin -> Cyrillic */

/* Serbian Latin letter -> lower-case Cyrillic code point, 0 if none. */
static uint32_t lat_lower(uint32_t c)
{
    static const uint16_t ascii[26] = {
        0x430, 0x431, 0x446, 0x434, 0x435, 0x444, 0x433, 0x445, 0x438,
        0x458, 0x43A, 0x43B, 0x43C, 0x43D, 0x43E, 0x43F, 0,     0x440,
        0x441, 0x442, 0x443, 0x432, 0,     0,     0,     0x437,
    };
    if (c >= 'a' && c <= 'z') {
        return ascii[c - 'a'];
    }
    if (c >= 'A' && c <= 'Z') {
        return ascii[c - 'A'];
    }
    switch (c) {
    case 0x10C: case 0x10D: return 0x447; /* č */
    case 0x106: case 0x107: return 0x45B; /* ć */
    case 0x110: case 0x111: return 0x452; /* đ */
    case 0x160: case 0x161: return 0x448; /* š */
    case 0x17D: case 0x17E: return 0x436; /* ž */
    case 0x1C4: case 0x1C5: case 0x1C6: return 0x45F;
    case 0x1C7: case 0x1C8: case 0x1C9: return 0x459;
    case 0x1CA: case 0x1CB: case 0x1CC: return 0x45A;
    default: return 0;
    }
}

static bool lat_is_upper(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || c == 0x10C || c == 0x106 || c == 0x110 ||
           c == 0x160 || c == 0x17D || c == 0x1C4 || c == 0x1C5 ||
           c == 0x1C7 || c == 0x1C8 || c == 0x1CA || c == 0x1CB;
}

static uint32_t cyr_upper(uint32_t c)
{
    return c >= 0x450 ? c - 0x50 : c - 0x20;
}

static bool is_cyr(uint32_t c)
{
    return c >= 0x400 && c <= 0x4FF;
}

/* Lower-case Serbian Latin (ASCII + č ć đ š ž), same byte length. */
static void lower_word(const char *w, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c + 32);
        } else if (i > 0 && ((unsigned char)w[i - 1] == 0xC4 ||
                             (unsigned char)w[i - 1] == 0xC5)) {
            /* Č(C4 8C) Ć(C4 86) Đ(C4 90) Š(C5 A0) Ž(C5 BD): odd = lower */
            if ((unsigned char)w[i - 1] == 0xC4 && (c == 0x8C || c == 0x86 || c == 0x90)) {
                c++;
            } else if ((unsigned char)w[i - 1] == 0xC5 && (c == 0xA0 || c == 0xBD)) {
                c++;
            }
        }
        out[i] = (char)c;
    }
}

/* Is the pair whose second letter starts at byte `second` of the lower-cased
 * word an exception (two letters)? */
static bool pair_is_split(const char *lw, size_t n, size_t second)
{
    static const char *const pre[] = {"", "ne", "naj"};

    for (size_t p = 0; p < 3; p++) {
        size_t o = strlen(pre[p]);
        if (o > 0 && (n < o || memcmp(lw, pre[p], o) != 0)) {
            continue;
        }
        for (size_t i = 0; i < translit_exception_count; i++) {
            const struct translit_exception *e = &translit_exceptions[i];
            if (o + e->split != second || o + e->len > n ||
                memcmp(lw + o, e->start, e->len) != 0) {
                continue;
            }
            if (e->whole && (o != 0 || e->len != n)) {
                continue;
            }
            return true;
        }
    }
    return false;
}

/* Convert one Serbian Latin word (letters only, validated) to Cyrillic. */
static void word_to_cyrl(const char *w, size_t n, struct tu_buf *out)
{
    char lw[256];
    bool have_lw = false;

    if (n < sizeof(lw)) {
        lower_word(w, n, lw);
        have_lw = true;
    }
    for (size_t i = 0; i < n;) {
        size_t at = i;
        uint32_t c = text_next_cp(w, n, &i);
        uint32_t m = lat_lower(c);
        bool up = lat_is_upper(c);
        if (m == 0) {
            /* A Cyrillic letter (ј typed into Latin text) stays. */
            text_add_cp(out, c == 0x408 ? 0x408 : c);
            continue;
        }
        if (i < n && (m == 0x434 || m == 0x43B || m == 0x43D)) {
            size_t j = i;
            uint32_t d = text_next_cp(w, n, &j);
            uint32_t dm = lat_lower(d);
            uint32_t dig = 0;
            if (d == 0x458 || d == 0x408) {
                dm = 0x458; /* Cyrillic ј after l/n in Latin text */
            }
            if (m == 0x434 && dm == 0x436) {
                dig = 0x45F;
            } else if (m == 0x43B && dm == 0x458) {
                dig = 0x459;
            } else if (m == 0x43D && dm == 0x458) {
                dig = 0x45A;
            }
            if (dig != 0 && !(have_lw && pair_is_split(lw, n, i))) {
                text_add_cp(out, up ? cyr_upper(dig) : dig);
                i = j;
                continue;
            }
        }
        (void)at;
        text_add_cp(out, up ? cyr_upper(m) : m);
    }
}

/* ----------------------------------------------------- word judgements */

static bool is_roman(const char *w, size_t n)
{
    /* M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3}) */
    static const char *const th[] = {"", "M", "MM", "MMM"};
    static const char *const h[] = {"", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"};
    static const char *const te[] = {"", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"};
    static const char *const o[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
    const char *const *tabs[4] = {th, h, te, o};
    const size_t sizes[4] = {4, 10, 10, 10};
    size_t pos = 0;

    if (n == 0) {
        return false;
    }
    for (int k = 0; k < 4; k++) {
        size_t best = 0;
        for (size_t i = 1; i < sizes[k]; i++) {
            size_t l = strlen(tabs[k][i]);
            if (l > best && pos + l <= n && memcmp(w + pos, tabs[k][i], l) == 0) {
                best = l;
            }
        }
        pos += best;
    }
    return pos == n;
}

/* ---------------------------------------------------------- the scanner */

static bool is_space_cp(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v' || (c >= 0x80 && u_isUWhiteSpace((UChar32)c));
}

static size_t match_tag(const char *s, size_t len, size_t i)
{
    size_t j;
    char n;

    if (i + 1 >= len) {
        return 0;
    }
    n = s[i + 1];
    if (!((n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') || n == '/' || n == '!' || n == '?')) {
        return 0;
    }
    for (j = i + 1; j < len && s[j] != '>' && s[j] != '<'; j++) {
    }
    return j < len && s[j] == '>' ? j + 1 - i : 0;
}

static size_t match_entity(const char *s, size_t len, size_t i)
{
    size_t j = i + 1;
    if (j < len && s[j] == '#') {
        j++;
    }
    while (j < len && j - i < 40 &&
           ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9'))) {
        j++;
    }
    return j < len && s[j] == ';' && j > i + 1 ? j + 1 - i : 0;
}

static size_t match_printf(const char *s, size_t len, size_t i)
{
    size_t j = i + 1;
    if (j < len && s[j] == '%') {
        return 2;
    }
    while (j < len && s[j] >= '0' && s[j] <= '9') {
        j++;
    }
    if (j < len && s[j] == '$' && j > i + 1) {
        j++;
    }
    while (j < len && strchr("-+ #0'", s[j]) != NULL && s[j] != '\0' && j - i < 8) {
        if (s[j] == ' ') {
            break;
        }
        j++;
    }
    while (j < len && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.' || s[j] == '*')) {
        j++;
    }
    while (j < len && strchr("hlLqjzt", s[j]) != NULL && s[j] != '\0') {
        j++;
    }
    if (j < len && s[j] != '\0' && strchr("diouxXeEfFgGaAcspn@", s[j]) != NULL) {
        /* "%d" yes, but "%ovo" is a percent sign before a word: require a
         * non-letter after a conversion letter. */
        if (j + 1 < len && ((s[j + 1] | 32) >= 'a' && (s[j + 1] | 32) <= 'z')) {
            return 0;
        }
        return j + 1 - i;
    }
    return 0;
}

static size_t match_brace(const char *s, size_t len, size_t i)
{
    int depth = 0;
    for (size_t j = i; j < len && j - i < 400; j++) {
        if (s[j] == '\n') {
            return 0;
        }
        if (s[j] == '{') {
            depth++;
        } else if (s[j] == '}' && --depth == 0) {
            return j > i + 1 ? j + 1 - i : 0;
        }
    }
    return 0;
}

static bool strncasecmp_ascii(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') {
            x = (char)(x + 32);
        }
        if (y >= 'A' && y <= 'Z') {
            y = (char)(y + 32);
        }
        if (x != y) {
            return false;
        }
    }
    return true;
}

static bool has_ext(const char *s, size_t n)
{
    static const char *const ext[] = {
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "html", "htm",
        "xml", "xlf", "xliff", "json", "csv", "zip", "jpg", "jpeg", "png", "gif",
        "svg", "mp3", "mp4", "odt", "ods", "rtf", "tmx", "po", "c", "h", "sh",
        "md", "exe", "tar", "gz", "css", "js", "php", "py",
        /* domains */
        "ba", "rs", "hr", "me", "org", "com", "net", "eu", "int", "info", "gov", "edu", "io",
    };
    const char *dot = NULL;
    for (size_t i = n; i > 0; i--) {
        if (s[i - 1] == '.') {
            dot = s + i - 1;
            break;
        }
    }
    if (dot == NULL || dot == s) {
        return false;
    }
    for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
        size_t l = strlen(ext[i]);
        if ((size_t)(s + n - dot - 1) == l && strncasecmp_ascii(dot + 1, ext[i], l)) {
            return true;
        }
    }
    return false;
}

static bool has_scheme(const char *s, size_t n)
{
    for (size_t i = 0; i + 3 <= n; i++) {
        if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/') {
            return true;
        }
    }
    return false;
}

/* A compound SI unit (km/h, m/s, kg/m, l/min): international symbols,
 * written in Latin in Cyrillic text too. */
static bool is_unit_ratio(const char *s, size_t n)
{
    static const char *const units[] = {"km", "m", "cm", "mm", "kg", "g", "mg", "t", "l",
                                        "ml", "kWh", "MWh", "kW", "MW", "h", "s", "min"};
    const char *slash = memchr(s, '/', n);
    bool left = false, right = false;

    if (slash == NULL) {
        return false;
    }
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
        size_t l = strlen(units[i]);
        left = left || ((size_t)(slash - s) == l && memcmp(s, units[i], l) == 0);
        right = right || ((size_t)(s + n - slash - 1) == l && memcmp(slash + 1, units[i], l) == 0);
    }
    return left && right;
}

/* Is the chunk core (a whitespace-delimited token without its outer
 * punctuation) a URL, e-mail, handle, hashtag, path, file or domain name,
 * or a compound unit? */
static bool chunk_protected(const char *s, size_t n)
{
    if (n < 2) {
        return false;
    }
    if (is_unit_ratio(s, n)) {
        return true;
    }
    if ((n > 4 && strncasecmp_ascii(s, "www.", 4)) || has_scheme(s, n)) {
        return true;
    }
    if ((s[0] == '@' || s[0] == '#') && translit_is_word_cp((unsigned char)s[1])) {
        return true;
    }
    if (s[0] == '/' || memchr(s, '\\', n) != NULL || (s[0] == '.' && s[1] == '/')) {
        return true;
    }
    {
        const char *at = memchr(s, '@', n);
        if (at != NULL && at > s && memchr(at, '.', (size_t)(s + n - at)) != NULL) {
            return true;
        }
    }
    return has_ext(s, n);
}

static bool strip_lead(uint32_t c)
{
    return c == '(' || c == '[' || c == '"' || c == '\'' || c == 0x201E ||
           c == 0x201C || c == 0x201D || c == 0xAB || c == 0xBB || c == 0x2018 ||
           c == 0x201A || c == 0x2019;
}

static bool strip_trail(uint32_t c)
{
    return c == ')' || c == ']' || c == '"' || c == '\'' || c == '.' || c == ',' ||
           c == ';' || c == ':' || c == '!' || c == '?' || c == 0x201C || c == 0x201D ||
           c == 0xBB || c == 0xAB || c == 0x2019 || c == 0x2026;
}

/* The code point ending just before byte i. */
static uint32_t prev_cp(const char *s, size_t i)
{
    size_t k = i;
    if (i == 0) {
        return 0;
    }
    do {
        k--;
    } while (k > 0 && i - k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80);
    return text_next_cp(s, i, &k);
}

struct word_info {
    size_t letters, upper, lower;
    bool digit, underscore, other_letter, cyr, camel, latin;
};

static void word_analyze(const char *w, size_t n, struct word_info *wi)
{
    uint32_t p1 = 0, p2 = 0;

    memset(wi, 0, sizeof(*wi));
    for (size_t i = 0; i < n;) {
        uint32_t c = text_next_cp(w, n, &i);
        bool up = false, lo = false;
        if (c >= '0' && c <= '9') {
            wi->digit = true;
        } else if (c == '_') {
            wi->underscore = true;
        } else if (lat_lower(c) != 0) {
            wi->letters++;
            wi->latin = true;
            up = lat_is_upper(c);
            lo = !up;
        } else if (is_cyr(c) && u_isalpha((UChar32)c)) {
            wi->letters++;
            wi->cyr = true;
            up = u_isupper((UChar32)c);
            lo = !up;
        } else if (u_isalpha((UChar32)c)) {
            wi->letters++;
            wi->other_letter = true;
        } else if (u_isdigit((UChar32)c)) {
            wi->digit = true;
        }
        wi->upper += up;
        wi->lower += lo;
        /* lower, Upper, lower: JavaScript, iPhone (not BiH). */
        if (lo && p1 == 'U' && p2 == 'l') {
            wi->camel = true;
        }
        /* Title-case digraph letters (ǅ ǈ ǋ) are not humps. */
        p2 = p1;
        p1 = up ? 'U' : lo ? 'l' : 0;
        if (c == 0x1C5 || c == 0x1C8 || c == 0x1CB) {
            p1 = 'l';
        }
    }
    /* "LjUBLJANA"-style digraph capitals are not humps either. */
    if (wi->camel && n >= 2 && (w[0] == 'L' || w[0] == 'N' || w[0] == 'D') &&
        wi->lower <= 2 && wi->upper >= wi->letters - 2) {
        wi->camel = false;
    }
}

/* Roman numerals that are also Serbian words in capitals (VI = you). */
static bool roman_is_word(const char *w, size_t n)
{
    static const char *const words[] = {"VI", "MI", "LI", "DI", "CD", "DIV", "MIL", "CIV"};
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0) {
            return true;
        }
    }
    return false;
}

/* Is the next word after byte i (across spaces/punctuation on the line) in capitals? */
static bool next_word_caps(const char *s, size_t len, size_t i)
{
    size_t j = i, e;
    struct word_info wi;

    while (j < len && s[j] != '\n' && !translit_is_word_cp((unsigned char)s[j]) &&
           (unsigned char)s[j] < 0x80) {
        j++;
    }
    e = j;
    while (e < len) {
        size_t k = e;
        if (!translit_is_word_cp(text_next_cp(s, len, &k))) {
            break;
        }
        e = k;
    }
    if (e == j) {
        return false;
    }
    word_analyze(s + j, e - j, &wi);
    return wi.letters >= 2 && wi.lower == 0;
}

struct scan {
    bool prev_title; /* the previous word was Title-case */
    bool prev_caps;  /* the previous word was in capitals (2+ letters) */
    const struct translit_span *spans; /* foreign spans (translit-judge.c) */
    size_t nspans, next;                /* next: the first not yet passed */
};

/* Does byte i (a word start, scanned in order) fall in a foreign span? */
static bool in_span(struct scan *sc, size_t i)
{
    while (sc->next < sc->nspans && sc->spans[sc->next].end <= i) {
        sc->next++;
    }
    for (size_t k = sc->next; k < sc->nspans && sc->spans[k].start <= i; k++) {
        if (sc->spans[k].end > i) {
            return true;
        }
    }
    return false;
}

/* Does a foreign span hold byte i and go on past byte e (Dr. PawPaw)? */
static bool span_goes_past(const struct scan *sc, size_t i, size_t e)
{
    for (size_t k = sc->next; k < sc->nspans && sc->spans[k].start <= i; k++) {
        if (sc->spans[k].end > e) {
            return true;
        }
    }
    return false;
}

/* "mil." in "1,2 mil. KM": an abbreviation of our languages (the
 * segmenter's table) is native even when English spells the same letters. */
static bool is_native_abbrev(const char *s, size_t len, size_t i, size_t e)
{
    if (e >= len || s[e] != '.') {
        return false;
    }
    for (size_t k = 0; k < seg_abbrev_count; k++) {
        const struct seg_abbrev *a = &seg_abbrevs[k];
        if ((a->langs & (SEG_BS | SEG_HR | SEG_SR)) && strlen(a->form) == e - i &&
            strncasecmp(a->form, s + i, e - i) == 0) {
            return true;
        }
    }
    return false;
}

static bool do_word(struct tu_translit *t, const char *s, size_t len,
                    size_t i, size_t e, struct scan *sc, struct tu_buf *out)
{
    const char *w = s + i;
    size_t n = e - i;
    struct word_info wi;
    bool keep = false;
    bool was_title = sc->prev_title;
    bool was_caps = sc->prev_caps;

    word_analyze(w, n, &wi);
    sc->prev_title = wi.upper >= 1 && wi.lower >= 1 && !wi.camel;
    sc->prev_caps = wi.letters >= 2 && wi.lower == 0;
    if (wi.letters == 0 || !wi.latin) {
        keep = true;
    } else if (wi.digit || wi.underscore || wi.other_letter || wi.camel) {
        keep = true;
    } else if (wi.lower == 0 && wi.letters >= 2) {
        if (is_roman(w, n) && !(roman_is_word(w, n) && (was_caps || next_word_caps(s, len, e)))) {
            keep = true;
        } else if (t->acronyms == TRANSLIT_ACR_KEEP ||
                   (t->acronyms == TRANSLIT_ACR_AUTO && in_span(sc, i))) {
            keep = true;
        }
    } else if (n == 1 && (w[0] == 'I' || w[0] == 'V') && was_title && i >= 1 && s[i - 1] == ' ' &&
               !in_span(sc, i)) {
        keep = true; /* Petar I, Karlo V */
    } else if (in_span(sc, i) && (!is_native_abbrev(s, len, i, e) || span_goes_past(sc, i, e))) {
        keep = true; /* a word of a foreign span (Dr. of Dr. PawPaw too) */
    }
    if (keep) {
        tu_buf_add(out, w, n);
    } else {
        word_to_cyrl(w, n, out);
    }
    return keep;
}

static bool term_at(const struct tu_translit *t, const char *s, size_t len,
                    size_t i, struct tu_buf *out, size_t *adv)
{
    for (size_t k = 0; k < t->nterms; k++) {
        const struct term *tm = &t->terms[k];
        size_t j;
        if (tm->len > len - i || memcmp(s + i, tm->from, tm->len) != 0) {
            continue;
        }
        j = i + tm->len;
        if (j < len) {
            size_t q = j;
            if (translit_is_word_cp(text_next_cp(s, len, &q))) {
                continue;
            }
        }
        tu_buf_adds(out, tm->to != NULL ? tm->to : tm->from);
        *adv = tm->len;
        return true;
    }
    return false;
}

static enum tu_status to_cyrillic(struct tu_translit *t, const char *s,
                                  size_t len, struct tu_buf *out,
                                  struct tu_error *err)
{
    struct scan sc = {false, false, NULL, 0, 0};
    struct translit_span *spans = NULL;
    bool chunk_start = true;
    size_t i = 0, k;

    if (!t->no_foreign &&
        translit_foreign_spans(s, len, t->acronyms, &spans, &sc.nspans) != TU_OK) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    sc.spans = spans;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        size_t j;
        uint32_t cp;

        if (t->nterms > 0 && !translit_is_word_cp(prev_cp(s, i)) && term_at(t, s, len, i, out, &k)) {
            i += k;
            chunk_start = false;
            continue;
        }
        k = c == '<' ? match_tag(s, len, i) : c == '&' ? match_entity(s, len, i)
            : c == '%' ? match_printf(s, len, i) : c == '{' ? match_brace(s, len, i) : 0;
        if (k > 0) {
            tu_buf_add(out, s + i, k);
            i += k;
            chunk_start = c == '<';
            continue;
        }
        j = i;
        cp = text_next_cp(s, len, &j);
        if (is_space_cp(cp)) {
            tu_buf_add(out, s + i, j - i);
            i = j;
            chunk_start = true;
            continue;
        }
        if (chunk_start) {
            size_t a = i, b = i, e = i;
            chunk_start = false;
            while (e < len && s[e] != '<') {
                size_t q = e;
                if (is_space_cp(text_next_cp(s, len, &q))) {
                    break;
                }
                e = q;
            }
            while (a < e) {
                size_t q = a;
                if (!strip_lead(text_next_cp(s, len, &q))) {
                    break;
                }
                a = q;
            }
            b = e;
            while (b > a && strip_trail(prev_cp(s, b))) {
                size_t q = b;
                do {
                    q--;
                } while (q > a && ((unsigned char)s[q] & 0xC0) == 0x80);
                b = q;
            }
            if (b > a && chunk_protected(s + a, b - a)) {
                tu_buf_add(out, s + i, b - i);
                i = b;
                sc.prev_title = sc.prev_caps = false;
                continue;
            }
        }
        if (translit_is_word_cp(cp)) {
            size_t e = j;
            while (e < len) {
                size_t q = e;
                if (!translit_is_word_cp(text_next_cp(s, len, &q))) {
                    break;
                }
                e = q;
            }
            if (do_word(t, s, len, i, e, &sc, out)) {
                /* A kept word keeps its apostrophe suffix: Brink's, O'Neil. */
                size_t q = e;
                if (q < len && s[q] == '\'') {
                    q++;
                } else if (len - q >= 3 && memcmp(s + q, "\xE2\x80\x99", 3) == 0) {
                    q += 3;
                }
                if (q > e && q < len && translit_is_word_cp((unsigned char)s[q])) {
                    while (q < len && translit_is_word_cp((unsigned char)s[q])) {
                        q++;
                    }
                    tu_buf_add(out, s + e, q - e);
                    e = q;
                }
            }
            i = e;
            continue;
        }
        tu_buf_add(out, s + i, j - i);
        i = j;
    }
    tu_free(spans);
    if (out->status != TU_OK) {
        return tu_error_set(err, out->status, "out of memory");
    }
    return TU_OK;
}

enum tu_status tu_translit_apply(struct tu_translit *t, const char *text,
                                 size_t len, struct tu_buf *out,
                                 struct tu_error *err)
{
    size_t bad = tu_text_utf8_check(text, len);
    struct tu_buf nfc;
    enum tu_status st;

    if (bad < len) {
        return text_bad_utf8(NULL, text, len, bad, err);
    }
    if (!t->to_cyrl) {
        return to_latin(t, text, len, out, err);
    }
    tu_buf_init(&nfc, TU_BUF_NO_LIMIT);
    st = tu_text_nfc(text, len, &nfc, err);
    if (st == TU_OK) {
        st = to_cyrillic(t, nfc.data, nfc.len, out, err);
    }
    tu_buf_release(&nfc);
    return st;
}
