/*
 * Numbers and dates as placeables, by value.
 *
 * A value is a number or a date, recognised in each language's own way
 * with the words and symbols of ICU/CLDR (text/numwords.c):
 *   - numbers: digits with the locale's grouping (en "1,500", bs/hr/sr
 *     "1.500", any locale "1 500" with a no-break or thin space, bs/hr/sr
 *     also a plain space) and decimal separator (en "12.5", bs "12,5");
 *     a compact long scale word after it multiplies ("30 hiljada" = 30,000
 *     = "30 thousand", "1,2 miliona"), and so do CLDR's short forms and
 *     the abbreviations of the project's lists ("2,8 mlrd.", "5 mln.").
 *     A percentage, an ordinal ("3.", "3rd") and each end of a range
 *     ("10-12") is its number; the sign,
 *     the period and the dash stay text. Digits glued to a letter before
 *     them ("B14") and digits inside a URL or an e-mail address are not
 *     values.
 *   - dates: day, month name (CLDR format, stand-alone or derived genitive
 *     form) and year in either order ("14 October 2025", "October 14,
 *     2025", "14. oktobra 2025.", "14. oktobar 2025. godine", "listopada
 *     2025."), and bs/hr/sr numeric dates ("14.10.2025."). A date is one
 *     value (a missing day or year is part of it).
 * Two values are the same when they are equal: "1,500" in English and
 * "1.500" in Bosnian, "30,000" and "30 hiljada".
 *
 * The segment's values are paired with the TU source's: in order when both
 * have as many values of the same kinds, else the values they share are
 * set aside and the rest paired in order. A pair whose values differ is a
 * change old -> new; it is placed when old maps to that one new value and
 * the TU target holds old exactly as often as the TU source does: every
 * occurrence of old in the target is rewritten as new, in the target's
 * style (its grouping or none, its decimal separator, its scale word in
 * the plural form CLDR gives the new number, its month form).
 *
 * The check (tu_lev_values_stale) is what every fill goes through: for each
 * value whose count differs between the segment and the source the target
 * was translated from, the target must hold it as often as the segment.
 * A value the target still holds from the old source, or a segment value
 * the target lacks, is stale.
 */
#include <stdio.h>
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/leverage.h>
#include <tumac/numwords.h>

struct tu_lev_values {
    struct tu_numwords *src, *trg;
};

enum vkind { V_NUM, V_DATE };

struct val {
    enum vkind kind;
    char key[48];        /* "n:1500", "n:12.5", "d:2025-10-14" (0: part absent) */
    size_t start, limit; /* the value's bytes */
    /* a number as written */
    bool grouped;
    char group[8];
    size_t int_digits, frac_digits;
    int scale;           /* -1, or the scale word's k (10^(3(k+1))) */
    int scale_form;      /* which form of it (4: the abbreviation) */
    size_t num_limit;    /* end of the digits (the scale word follows) */
    size_t word_start;   /* start of the scale word */
    /* a date: the parts' byte ranges (empty when absent) */
    size_t d0, d1, m0, m1, y0, y1;
    int mform, day, month, year;
};

struct vals {
    struct val *v;
    size_t count, cap;
};

enum tu_status tu_lev_values_new(const char *src_lang, const char *trg_lang,
                                 struct tu_lev_values **out,
                                 struct tu_error *err)
{
    struct tu_lev_values *v = tu_calloc(1, sizeof *v);
    enum tu_status st;

    *out = NULL;
    if (v == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    st = tu_numwords_new(src_lang, &v->src, err);
    if (st == TU_OK) {
        st = tu_numwords_new(trg_lang, &v->trg, err);
    }
    if (st != TU_OK) {
        tu_lev_values_free(v);
        return st;
    }
    *out = v;
    return TU_OK;
}

void tu_lev_values_free(struct tu_lev_values *v)
{
    if (v != NULL) {
        tu_numwords_free(v->src);
        tu_numwords_free(v->trg);
        tu_free(v);
    }
}

/* ---- recognising values ---- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha_ascii(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A UTF-8 lead byte of a letter we meet: Latin-1 letters to Cyrillic. */
static bool is_letter_lead(unsigned char b)
{
    return b >= 0xC3 && b <= 0xD4;
}

static bool letter_at(const char *s, size_t len, size_t i)
{
    return i < len && (is_alpha_ascii(s[i]) || is_letter_lead((unsigned char)s[i]));
}

static bool letter_before(const char *s, size_t i)
{
    if (i == 0) {
        return false;
    }
    if (is_alpha_ascii(s[i - 1])) {
        return true;
    }
    return i >= 2 && ((unsigned char)s[i - 1] & 0xC0) == 0x80 &&
           is_letter_lead((unsigned char)s[i - 2]);
}

/* Bytes of a space at i: ' ', no-break, narrow no-break or thin space. */
static size_t space_len(const char *s, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    if (i < len && s[i] == ' ') {
        return 1;
    }
    if (i + 1 < len && u[i] == 0xC2 && u[i + 1] == 0xA0) {
        return 2;
    }
    if (i + 2 < len && u[i] == 0xE2 && u[i + 1] == 0x80 &&
        (u[i + 2] == 0xAF || u[i + 2] == 0x89)) {
        return 3;
    }
    return 0;
}

static size_t digits_at(const char *s, size_t len, size_t i)
{
    size_t n = 0;
    while (i + n < len && is_digit(s[i + n])) {
        n++;
    }
    return n;
}

static int int_of(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Length of word `w` at s[i] (as written, or with its first ASCII letter's
 * case swapped) when a non-letter follows; 0 otherwise. */
static size_t word_at(const char *s, size_t len, size_t i, const char *w)
{
    size_t n = w ? strlen(w) : 0;

    if (n == 0 || i + n > len || letter_at(s, len, i + n)) {
        return 0;
    }
    if (memcmp(s + i, w, n) == 0) {
        return n;
    }
    if (is_alpha_ascii(w[0]) && (s[i] ^ 0x20) == w[0] &&
        memcmp(s + i + 1, w + 1, n - 1) == 0) {
        return n;
    }
    return 0;
}

/* A month name at s[i] (an abbreviated one with its period): its length,
 * *month 1..12, *form. */
static size_t month_at(const struct tu_numwords *w, const char *s, size_t len,
                       size_t i, int *month, int *form)
{
    if (letter_before(s, i)) {
        return 0;
    }
    for (int f = 0; f < TU_MONTH_FORMS; f++) {
        for (int m = 0; m < 12; m++) {
            size_t n = word_at(s, len, i, tu_numwords_month(w, f, m));
            if (n && f == TU_MONTH_SHORT && i + n < len && s[i + n] == '.') {
                n++; /* "Oct. 2" */
            }
            if (n) {
                *month = m + 1;
                *form = f;
                return n;
            }
        }
    }
    return 0;
}

static void date_key(struct val *v)
{
    snprintf(v->key, sizeof v->key, "d:%04d-%02d-%02d", v->year, v->month,
             v->day);
}

/* A four-digit year at s[i] after a space: sets the year part and returns
 * the end of the date. Where the locale's pattern writes "y." the period
 * belongs to the date, and so does the word for year after it ("2025.
 * godine"), so a code around a date goes around all of it. */
static size_t year_after(const struct tu_numwords *w, const char *s,
                         size_t len, size_t i, struct val *v)
{
    size_t sp = space_len(s, len, i), end;
    if (!sp || digits_at(s, len, i + sp) != 4 || s[i + sp] < '1' ||
        s[i + sp] > '2') {
        return i;
    }
    v->y0 = i + sp;
    v->y1 = end = i + sp + 4;
    v->year = int_of(s + v->y0, 4);
    if (tu_numwords_year_period(w) && end < len && s[end] == '.') {
        end++;
        size_t sp2 = space_len(s, len, end);
        for (int k = 0; sp2 && k < 2; k++) {
            size_t n = word_at(s, len, end + sp2, tu_numwords_year_word(w, k));
            if (n) {
                end += sp2 + n;
                break;
            }
        }
    }
    return end;
}

/* "14 October 2025", "14. oktobra 2025", "3rd December", "14.10.2025" */
static bool date_day_first(const struct tu_numwords *w, const char *s,
                           size_t len, size_t i, struct val *v)
{
    size_t nd = digits_at(s, len, i), j = i + nd, sp;
    int day = int_of(s + i, nd);

    if (nd == 0 || nd > 2 || day < 1 || day > 31) {
        return false;
    }
    memset(v, 0, sizeof *v);
    v->d0 = i;
    v->d1 = j;
    v->day = day;
    if (j < len && s[j] == '.') {
        j++;
        /* numeric: 14.10.2025 or 14. 10. 2025. */
        size_t k = j + space_len(s, len, j), nm = digits_at(s, len, k);
        int mo = int_of(s + k, nm);
        if (strcmp(tu_numwords_group(w), ".") == 0 && nm >= 1 && nm <= 2 &&
            mo >= 1 && mo <= 12 && k + nm < len && s[k + nm] == '.') {
            size_t y = k + nm + 1;
            y += space_len(s, len, y);
            if (digits_at(s, len, y) == 4) {
                v->m0 = k;
                v->m1 = k + nm;
                v->month = mo;
                v->mform = -1; /* digits */
                v->y0 = y;
                v->y1 = y + 4;
                v->year = int_of(s + y, 4);
                v->limit = v->y1;
                return true;
            }
        }
    } else if (j + 2 <= len && (memcmp(s + j, "st", 2) == 0 ||
                                memcmp(s + j, "nd", 2) == 0 ||
                                memcmp(s + j, "rd", 2) == 0 ||
                                memcmp(s + j, "th", 2) == 0)) {
        j += 2;
    }
    sp = space_len(s, len, j);
    if (sp == 0) {
        return false;
    }
    size_t mn = month_at(w, s, len, j + sp, &v->month, &v->mform);
    if (mn == 0) {
        return false;
    }
    v->m0 = j + sp;
    v->m1 = v->m0 + mn;
    v->limit = year_after(w, s, len, v->m1, v);
    return true;
}

/* "October 14, 2025", "October 2025", "listopada 2025." */
static bool date_month_first(const struct tu_numwords *w, const char *s,
                             size_t len, size_t i, struct val *v)
{
    int month, form;
    size_t mn = month_at(w, s, len, i, &month, &form), j, sp, nd;

    if (mn == 0) {
        return false;
    }
    memset(v, 0, sizeof *v);
    v->month = month;
    v->mform = form;
    v->m0 = i;
    v->m1 = j = i + mn;
    sp = space_len(s, len, j);
    nd = sp ? digits_at(s, len, j + sp) : 0;
    if (nd >= 1 && nd <= 2 && int_of(s + j + sp, nd) <= 31) {
        v->d0 = j + sp;
        v->d1 = j + sp + nd;
        v->day = int_of(s + v->d0, nd);
        j = v->d1;
        v->limit = year_after(w, s, len, j + (j < len && s[j] == ','), v);
        if (v->limit == j + 1) {
            v->limit = j;
        }
        return true;
    }
    j = year_after(w, s, len, j, v);
    if (j == v->m1) {
        return false; /* a month name alone ("May") is not a value */
    }
    v->limit = j;
    return true;
}

/* Length of a grouping separator at s[i] in this locale; 0 when none. */
static size_t group_at(const struct tu_numwords *w, const char *s, size_t len,
                       size_t i)
{
    const char *g = tu_numwords_group(w);
    size_t n = strlen(g);
    size_t sp = space_len(s, len, i);

    if (n && i + n <= len && memcmp(s + i, g, n) == 0) {
        return n;
    }
    if (sp > 1 || (sp == 1 && strcmp(g, ",") != 0)) {
        return sp; /* a space groups except where "," does (en) */
    }
    return 0;
}

/* The canonical value of digits `d` with `point` integer digits, times
 * 10^shift: "n:INT" or "n:INT.FRAC" (no leading/trailing zeros). */
static void num_key(char *key, size_t cap, const char *d, size_t n,
                    size_t point, size_t shift)
{
    char buf[96];
    size_t len = n < 60 ? n : 60, k = 0, p = point + shift;

    memcpy(buf, d, len);
    while (len < p && len < 90) {
        buf[len++] = '0';
    }
    while (k + 1 < p && buf[k] == '0') {
        k++;
    }
    while (len > p && buf[len - 1] == '0') {
        len--;
    }
    if (len > p) {
        snprintf(key, cap, "n:%.*s.%.*s", (int)(p - k), buf + k,
                 (int)(len - p), buf + p);
    } else {
        snprintf(key, cap, "n:%.*s", (int)(p - k), buf + k);
    }
}

/* A currency sign ends just before s[i] ("$", "£", "€"). */
static bool currency_before(const char *s, size_t i)
{
    return (i >= 1 && s[i - 1] == '$') ||
           (i >= 2 && memcmp(s + i - 2, "\xC2\xA3", 2) == 0) ||
           (i >= 3 && memcmp(s + i - 3, "\xE2\x82\xAC", 3) == 0);
}

/* The English press's amounts, "£125m", "$2.8bn", "€40k": the letters
 * glued to an amount are its scale. */
static void press_scale(const char *s, size_t len, size_t *j, struct val *v)
{
    static const struct { const char *w; int k; } words[] = {
        {"bn", 2}, {"mn", 1}, {"m", 1}, {"k", 0}};
    for (size_t x = 0; x < sizeof words / sizeof *words; x++) {
        size_t n = word_at(s, len, *j, words[x].w);
        if (n) {
            v->scale = words[x].k;
            v->scale_form = TU_SCALE_FORMS - 1;
            v->word_start = *j;
            *j += n;
            return;
        }
    }
}

static size_t number_at(const struct tu_numwords *w, const char *s, size_t len,
                        size_t i, struct val *v)
{
    char d[64];
    size_t nd = 0, j = i, n = digits_at(s, len, i), point;
    const char *dec = tu_numwords_decimal(w);
    size_t decn = strlen(dec);

    memset(v, 0, sizeof *v);
    v->kind = V_NUM;
    v->scale = -1;
    for (size_t k = 0; k < n && nd < 60; k++) {
        d[nd++] = s[j + k];
    }
    j += n;
    while (n <= 3) {
        size_t g = group_at(w, s, len, j);
        if (g == 0 || digits_at(s, len, j + g) != 3) {
            break;
        }
        if (!v->grouped) {
            memcpy(v->group, s + j, g < sizeof v->group ? g : 0);
        }
        v->grouped = true;
        for (size_t k = 0; k < 3 && nd < 60; k++) {
            d[nd++] = s[j + g + k];
        }
        j += g + 3;
    }
    point = nd;
    v->int_digits = nd;
    if (decn && j + decn < len && memcmp(s + j, dec, decn) == 0 &&
        is_digit(s[j + decn])) {
        size_t f = digits_at(s, len, j + decn);
        v->frac_digits = f;
        for (size_t k = 0; k < f && nd < 60; k++) {
            d[nd++] = s[j + decn + k];
        }
        j += decn + f;
    }
    v->num_limit = j;
    size_t sp = space_len(s, len, j);
    bool money = currency_before(s, i);
    /* a scale word follows a space, or is glued to the digits as a long
     * word ("11million") or, after a currency sign, short ("$5M") */
    for (int k = 0; k < TU_SCALES && v->scale < 0; k++) {
        for (int f = 0; f < TU_SCALE_FORMS; f++) {
            if (sp == 0 && f == TU_SCALE_FORMS - 1 && !money) {
                continue;
            }
            size_t wn = word_at(s, len, j + sp, tu_numwords_scale(w, k, f));
            if (wn) {
                v->scale = k;
                v->scale_form = f;
                v->word_start = j + sp;
                j += sp + wn;
                break;
            }
        }
    }
    /* the project's abbreviations beside CLDR's ("2,8 mlrd." in hr) */
    for (int k = 0; k < TU_SCALES && v->scale < 0 && (sp || money); k++) {
        const char *a;
        for (int x = 0; v->scale < 0 && (a = tu_numwords_scale_abbrev(w, k, x)) != NULL; x++) {
            size_t wn = word_at(s, len, j + sp, a);
            if (wn) {
                v->scale = k;
                v->scale_form = TU_SCALE_FORMS - 1;
                v->word_start = j + sp;
                j += sp + wn;
            }
        }
    }
    for (int k = 0; k < TU_SCALES && v->scale < 0 && sp; k++) {
        size_t wn = word_at(s, len, j + sp, tu_numwords_scale_accusative(w, k));
        if (wn) {
            v->scale = k;
            v->scale_form = 0; /* a new value is written in the nominative */
            v->word_start = j + sp;
            j += sp + wn;
        }
    }
    if (v->scale < 0 && money && sp == 0) {
        press_scale(s, len, &j, v);
    }
    num_key(v->key, sizeof v->key, d, nd, point,
            v->scale < 0 ? 0 : 3 * (size_t)(v->scale + 1));
    v->start = i;
    v->limit = j;
    return j;
}

/* The end of a URL or e-mail address starting at i, or i. */
static size_t skip_address(const char *s, size_t len, size_t i)
{
    size_t e = i;
    bool address = false;

    if (i > 0 && space_len(s, len, i - 1) == 0 && s[i - 1] != '(' &&
        s[i - 1] != '<') {
        return i;
    }
    while (e < len && space_len(s, len, e) == 0) {
        address |= s[e] == '@' || (e + 3 <= len && memcmp(s + e, "://", 3) == 0);
        e++;
    }
    address |= e - i >= 4 && memcmp(s + i, "www.", 4) == 0;
    return address ? e : i;
}

static bool vals_add(struct vals *out, const struct val *v)
{
    struct val *n = tu_grow(out->v, sizeof *out->v, out->count + 1, &out->cap);
    if (n == NULL) {
        return false;
    }
    out->v = n;
    n[out->count++] = *v;
    return true;
}

/* The values of s in the language of `w`; false when out of memory. */
static bool scan(const struct tu_numwords *w, const char *s, size_t len,
                 struct vals *out)
{
    size_t i = 0;

    while (i < len) {
        struct val v;
        size_t e = skip_address(s, len, i);
        if (e != i) {
            i = e;
            continue;
        }
        if (is_digit(s[i]) && !letter_before(s, i) &&
            !(i > 0 && is_digit(s[i - 1]))) {
            if (date_day_first(w, s, len, i, &v)) {
                v.kind = V_DATE;
                v.start = i;
                date_key(&v);
            } else {
                number_at(w, s, len, i, &v);
            }
        } else if (letter_at(s, len, i) && date_month_first(w, s, len, i, &v)) {
            v.kind = V_DATE;
            v.start = i;
            date_key(&v);
        } else {
            i++;
            continue;
        }
        if (!vals_add(out, &v)) {
            return false;
        }
        i = v.limit > i ? v.limit : i + 1;
    }
    return true;
}

/* The values of each text piece of content (values do not span codes);
 * `piece` gets the index of each value's piece. */
static bool scan_content(const struct tu_numwords *w, const struct tu_content *c,
                         struct vals *out, size_t **piece)
{
    size_t cap = 0;
    *piece = NULL;
    for (size_t i = 0; i < c->count; i++) {
        const struct tu_inline *in = &c->items[i];
        size_t before = out->count;
        if (in->kind != TU_INLINE_TEXT || in->text == NULL) {
            continue;
        }
        if (!scan(w, in->text, strlen(in->text), out)) {
            return false;
        }
        size_t *p = tu_grow(*piece, sizeof **piece, out->count + 1, &cap);
        if (p == NULL) {
            return false;
        }
        *piece = p;
        for (size_t k = before; k < out->count; k++) {
            p[k] = i;
        }
    }
    return true;
}

static size_t count_key(const struct vals *v, const char *key)
{
    size_t n = 0;
    for (size_t i = 0; i < v->count; i++) {
        n += strcmp(v->v[i].key, key) == 0;
    }
    return n;
}

/* ---- the check every fill goes through ---- */

static void note_values(struct tu_buf *note, const char *text,
                        const struct vals *v, const bool *flag)
{
    bool first = true;
    for (size_t i = 0; i < v->count; i++) {
        if (flag[i]) {
            tu_buf_printf(note, "%s%.*s", first ? "" : ", ",
                          (int)(v->v[i].limit - v->v[i].start),
                          text + v->v[i].start);
            first = false;
        }
    }
}

/* Flag the values of `a` whose key is stale: its count differs between seg
 * and from, and the target does not hold it as often as seg. Each key is
 * flagged once. Returns how many keys. */
static size_t flag_stale(const struct vals *a, const struct vals *seg,
                         const struct vals *from, const struct vals *t,
                         bool *flag)
{
    size_t n = 0;
    for (size_t i = 0; i < a->count; i++) {
        const char *k = a->v[i].key;
        size_t cs = count_key(seg, k), cf = count_key(from, k);
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) {
            seen = strcmp(a->v[j].key, k) == 0;
        }
        flag[i] = !seen && cs != cf && count_key(t, k) != cs;
        n += flag[i];
    }
    return n;
}

enum tu_status tu_lev_values_stale(const struct tu_lev_values *v,
                                   const char *seg, size_t seg_len,
                                   const char *from, size_t from_len,
                                   const struct tu_content *target,
                                   size_t *stale, struct tu_buf *note,
                                   struct tu_error *err)
{
    struct vals vs = {0}, vf = {0}, vt = {0};
    size_t *piece = NULL;
    bool *fs = NULL, *ff = NULL;
    enum tu_status st = TU_OK;

    *stale = 0;
    if (!scan(v->src, seg, seg_len, &vs) || !scan(v->src, from, from_len, &vf) ||
        !scan_content(v->trg, target, &vt, &piece)) {
        st = TU_ENOMEM;
        goto out;
    }
    fs = tu_calloc(vs.count + 1, sizeof *fs);
    ff = tu_calloc(vf.count + 1, sizeof *ff);
    if (fs == NULL || ff == NULL) {
        st = TU_ENOMEM;
        goto out;
    }
    size_t missing = flag_stale(&vs, &vs, &vf, &vt, fs);
    size_t left = flag_stale(&vf, &vs, &vf, &vt, ff);
    *stale = missing > left ? missing : left;
    if (*stale && note) {
        tu_buf_adds(note, note->len ? "; " : "");
        if (left) {
            tu_buf_adds(note, "stale numbers: ");
            note_values(note, from, &vf, ff);
            tu_buf_adds(note, missing ? " (segment: " : "");
        } else {
            tu_buf_adds(note, "numbers missing in the target: ");
        }
        note_values(note, seg, &vs, fs);
        tu_buf_adds(note, left && missing ? "), not filled" : ", not filled");
        if (note->status) {
            st = TU_ENOMEM;
        }
    }
out:
    tu_free(vs.v);
    tu_free(vf.v);
    tu_free(vt.v);
    tu_free(piece);
    tu_free(fs);
    tu_free(ff);
    return st == TU_OK ? TU_OK : tu_error_set(err, st, "out of memory");
}

/* ---- writing a value in the target's style ---- */

/* Split a number key into integer and fraction digits. */
static void key_parts(const char *key, const char **ip, size_t *in,
                      const char **fp, size_t *fn)
{
    const char *dot = strchr(key + 2, '.');
    *ip = key + 2;
    *in = dot ? (size_t)(dot - *ip) : strlen(*ip);
    *fp = dot ? dot + 1 : "";
    *fn = dot ? strlen(dot + 1) : 0;
}

static void put_grouped(struct tu_buf *out, const char *d, size_t n,
                        const char *group)
{
    for (size_t i = 0; i < n; i++) {
        if (group && i > 0 && (n - i) % 3 == 0) {
            tu_buf_adds(out, group);
        }
        tu_buf_addc(out, d[i]);
    }
}

/* The new value `q` (written in the segment) as the target wrote `t`. */
static enum tu_status put_number(const struct tu_numwords *w, const char *tt,
                                 const struct val *t, const struct val *q,
                                 struct tu_buf *out, struct tu_error *err)
{
    const char *ip, *fp;
    size_t in, fn;
    size_t frac = q->scale < 0 && q->frac_digits > 0 ? q->frac_digits : 0;

    key_parts(q->key, &ip, &in, &fp, &fn);
    if (t->scale >= 0) {
        size_t shift = 3 * (size_t)(t->scale + 1);
        if (in > shift && fn == 0) {
            /* mantissa = the integer digits shifted; at most one decimal */
            size_t mi = in - shift, mf = shift;
            while (mf > 0 && ip[mi + mf - 1] == '0') {
                mf--;
            }
            if (mf <= 1) {
                char m[64];
                snprintf(m, sizeof m, "%.*s%s%.*s", (int)mi, ip, mf ? "." : "",
                         (int)mf, ip + mi);
                tu_buf_add(out, ip, mi);
                if (mf) {
                    tu_buf_adds(out, tu_numwords_decimal(w));
                    tu_buf_add(out, ip + mi, mf);
                }
                tu_buf_add(out, tt + t->num_limit, t->word_start - t->num_limit);
                if (t->scale_form == TU_SCALE_FORMS - 1) {
                    /* an abbreviation does not inflect: the target's own */
                    return tu_buf_add(out, tt + t->word_start, t->limit - t->word_start);
                }
                return tu_numwords_scale_for(w, t->scale, m, out, err);
            }
        }
    }
    bool group = t->grouped || (t->int_digits < tu_numwords_min_grouping(w) &&
                                in >= tu_numwords_min_grouping(w));
    put_grouped(out, ip, in, !group ? NULL : t->grouped ? t->group
                                                       : tu_numwords_group(w));
    if (fn || frac) {
        tu_buf_adds(out, tu_numwords_decimal(w));
        tu_buf_add(out, fp, fn);
        for (size_t k = fn; k < frac; k++) {
            tu_buf_addc(out, '0');
        }
    }
    return TU_OK;
}

struct part {
    size_t a, b; /* bytes in the target's text */
    int part;    /* 0 day, 1 month, 2 year */
};

/* The new date `q` in the parts and month form of the target's date `t`;
 * false when their parts differ (a year the target leaves out). */
static bool put_date(const struct tu_numwords *w, const char *tt,
                     const struct val *t, const struct val *q,
                     struct tu_buf *out)
{
    size_t pos = t->start;
    struct part parts[3] = {{t->d0, t->d1, 0}, {t->m0, t->m1, 1},
                            {t->y0, t->y1, 2}};
    int want[3] = {q->day, q->month, q->year};

    for (int k = 0; k < 3; k++) {
        if ((parts[k].a != parts[k].b) != (want[k] != 0)) {
            return false;
        }
    }
    /* in text order */
    for (int a = 0; a < 3; a++) {
        for (int b = a + 1; b < 3; b++) {
            if (parts[b].b != parts[b].a &&
                (parts[a].a == parts[a].b || parts[b].a < parts[a].a)) {
                struct part x = parts[a];
                parts[a] = parts[b];
                parts[b] = x;
            }
        }
    }
    for (int k = 0; k < 3; k++) {
        if (parts[k].a == parts[k].b) {
            continue;
        }
        tu_buf_add(out, tt + pos, parts[k].a - pos);
        int v = want[parts[k].part];
        if (parts[k].part == 1 && t->mform >= 0) {
            const char *m = tu_numwords_month(w, t->mform, v - 1);
            if (m == NULL) {
                return false;
            }
            size_t first = out->len;
            tu_buf_adds(out, m);
            if (!out->status && tt[parts[k].a] >= 'A' && tt[parts[k].a] <= 'Z' &&
                out->data[first] >= 'a' && out->data[first] <= 'z') {
                out->data[first] ^= 0x20; /* "Siječanj" at a sentence start */
            }
        } else {
            tu_buf_printf(out, parts[k].part == 2 ? "%04d" : "%d", v);
        }
        pos = parts[k].b;
    }
    tu_buf_add(out, tt + pos, t->limit - pos);
    return true;
}

/* ---- substitution ---- */

/* A change: every target occurrence of old's key becomes new. */
struct change {
    const struct val *old, *new_;
    bool conflict; /* old maps to two values */
};

/* Pair the segment's values with the TU source's; append the changes. In
 * order only when the texts are the same apart from the values (a swap
 * "from 3 to 4" -> "from 4 to 3" is two changes); otherwise the values both
 * hold are set aside first, so a value added elsewhere in the sentence does
 * not shift the pairs. */
static bool pair_values(const struct vals *q, const struct vals *s,
                        bool same_text, struct change *ch, size_t *nch)
{
    bool *uq = tu_calloc(q->count + 1, sizeof *uq);
    bool *us = tu_calloc(s->count + 1, sizeof *us);
    size_t lq[64], ls[64], nq = 0, ns = 0;
    bool positional = same_text && q->count == s->count;

    if (uq == NULL || us == NULL) {
        tu_free(uq);
        tu_free(us);
        return false;
    }
    for (size_t i = 0; positional && i < q->count; i++) {
        positional = q->v[i].kind == s->v[i].kind;
    }
    if (!positional) {
        /* set aside the values both hold */
        for (size_t i = 0; i < s->count; i++) {
            for (size_t j = 0; j < q->count && !us[i]; j++) {
                if (!uq[j] && strcmp(q->v[j].key, s->v[i].key) == 0) {
                    uq[j] = us[i] = true;
                }
            }
        }
    }
    for (size_t i = 0; i < q->count && nq < 64; i++) {
        if (!uq[i]) {
            lq[nq++] = i;
        }
    }
    for (size_t i = 0; i < s->count && ns < 64; i++) {
        if (!us[i]) {
            ls[ns++] = i;
        }
    }
    *nch = 0;
    for (size_t k = 0; nq == ns && k < nq; k++) {
        const struct val *o = &s->v[ls[k]], *n = &q->v[lq[k]];
        if (o->kind != n->kind) {
            *nch = 0;
            break;
        }
        ch[*nch].old = o;
        ch[*nch].new_ = n;
        ch[*nch].conflict = false;
        (*nch)++;
    }
    /* one old value, two new ones (an unchanged pair counts as one) */
    for (size_t a = 0; a < *nch; a++) {
        for (size_t b = 0; b < *nch; b++) {
            if (strcmp(ch[a].old->key, ch[b].old->key) == 0 &&
                strcmp(ch[a].new_->key, ch[b].new_->key) != 0) {
                ch[a].conflict = true;
            }
        }
    }
    tu_free(uq);
    tu_free(us);
    return true;
}

/* Rewrite the target's values that have a placeable change. */
static enum tu_status rewrite(const struct tu_lev_values *v,
                              struct tu_content *target, const struct change *ch,
                              size_t nch, const struct vals *s, size_t *placed,
                              struct tu_error *err)
{
    struct vals vt = {0};
    size_t *piece = NULL;
    struct tu_buf text;
    enum tu_status st = TU_OK;

    *placed = 0;
    tu_buf_init(&text, TU_BUF_NO_LIMIT);
    if (!scan_content(v->trg, target, &vt, &piece)) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < target->count && st == TU_OK; i++) {
        struct tu_inline *in = &target->items[i];
        size_t pos = 0;
        bool changed = false;
        tu_buf_truncate(&text, 0);
        for (size_t j = 0; j < vt.count && st == TU_OK; j++) {
            const struct change *c = NULL;
            if (piece[j] != i) {
                continue;
            }
            for (size_t k = 0; k < nch && c == NULL; k++) {
                if (!ch[k].conflict && strcmp(ch[k].old->key, ch[k].new_->key) &&
                    strcmp(ch[k].old->key, vt.v[j].key) == 0 &&
                    count_key(&vt, ch[k].old->key) ==
                        count_key(s, ch[k].old->key)) {
                    c = &ch[k];
                }
            }
            if (c == NULL) {
                continue;
            }
            size_t mark = text.len;
            tu_buf_add(&text, in->text + pos, vt.v[j].start - pos);
            if (vt.v[j].kind == V_NUM) {
                st = put_number(v->trg, in->text, &vt.v[j], c->new_, &text, err);
            } else if (!put_date(v->trg, in->text, &vt.v[j], c->new_, &text)) {
                tu_buf_truncate(&text, mark); /* left as it was: stale */
                continue;
            }
            pos = vt.v[j].limit;
            changed = true;
            (*placed)++;
        }
        if (st == TU_OK && changed) {
            tu_buf_adds(&text, in->text + pos);
            char *t = tu_buf_detach(&text, NULL);
            if (t == NULL) {
                st = tu_error_set(err, TU_ENOMEM, "out of memory");
                break;
            }
            tu_free(in->text);
            in->text = t;
        }
    }
    tu_buf_release(&text);
    tu_free(vt.v);
    tu_free(piece);
    return st;
}

/* The text with every value replaced by one \x02, whitespace collapsed. */
static void skeleton(const char *s, size_t len, const struct vals *n,
                     struct tu_buf *out)
{
    size_t k = 0;
    bool space = false;

    for (size_t i = 0; i < len;) {
        if (k < n->count && n->v[k].start == i) {
            if (space && out->len) {
                tu_buf_addc(out, ' ');
            }
            space = false;
            tu_buf_addc(out, '\x02');
            i = n->v[k++].limit;
            continue;
        }
        char c = s[i++];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            continue;
        }
        if (space && out->len) {
            tu_buf_addc(out, ' ');
        }
        space = false;
        tu_buf_addc(out, c);
    }
}

static bool same_skeleton(const char *q, size_t qlen, const struct vals *vq,
                          const char *s, size_t slen, const struct vals *vs)
{
    struct tu_buf a, b;
    bool same;

    tu_buf_init(&a, TU_BUF_NO_LIMIT);
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    skeleton(q, qlen, vq, &a);
    skeleton(s, slen, vs, &b);
    same = !a.status && !b.status && a.len == b.len &&
           memcmp(a.data, b.data, a.len) == 0;
    tu_buf_release(&a);
    tu_buf_release(&b);
    return same;
}

/* A changed number whose CLDR plural category differs in the target
 * language (bs 48 "other" -> 52 "few": "48 općina" but "52 općine"): the
 * word after it may need another form, which leverage does not change. */
static bool plural_changes(const struct tu_numwords *w, const struct val *o,
                           const struct val *n)
{
    char a[16], b[16];
    if (o->kind != V_NUM || n->kind != V_NUM) {
        return false;
    }
    tu_numwords_plural(w, o->key + 2, a, sizeof a);
    tu_numwords_plural(w, n->key + 2, b, sizeof b);
    return strcmp(a, b) != 0;
}

static void note_changes(const struct tu_numwords *w, struct tu_buf *note,
                         const char *q, const char *s, const struct change *ch,
                         size_t nch)
{
    bool first = true;
    tu_buf_adds(note, note->len ? "; numbers: " : "numbers: ");
    for (size_t k = 0; k < nch; k++) {
        const struct val *o = ch[k].old, *n = ch[k].new_;
        bool dup = false;
        for (size_t j = 0; j < k && !dup; j++) {
            dup = strcmp(ch[j].old->key, o->key) == 0;
        }
        if (dup || strcmp(o->key, n->key) == 0) {
            continue;
        }
        tu_buf_printf(note, "%s%.*s -> %.*s", first ? "" : ", ",
                      (int)(o->limit - o->start), s + o->start,
                      (int)(n->limit - n->start), q + n->start);
        if (plural_changes(w, o, n)) {
            tu_buf_adds(note, " (another plural form: check the word after it)");
        }
        first = false;
    }
}

enum tu_status tu_lev_numbers(const struct tu_lev_values *v, const char *query,
                              size_t qlen, const char *cand_source, size_t slen,
                              struct tu_content *target,
                              struct tu_lev_numbers_result *res,
                              struct tu_buf *note, struct tu_error *err)
{
    struct vals vq = {0}, vs = {0};
    struct change *ch = NULL;
    struct tu_content copy = {0};
    size_t nch = 0;
    enum tu_status st = TU_OK;

    memset(res, 0, sizeof *res);
    if (!scan(v->src, query, qlen, &vq) || !scan(v->src, cand_source, slen, &vs) ||
        (ch = tu_calloc(vq.count + vs.count + 1, sizeof *ch)) == NULL) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
        goto out;
    }
    res->only_values = same_skeleton(query, qlen, &vq, cand_source, slen, &vs);
    if (!pair_values(&vq, &vs, res->only_values, ch, &nch)) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
        goto out;
    }
    st = tu_content_copy(&copy, target) == TU_OK
             ? rewrite(v, &copy, ch, nch, &vs, &res->changed, err)
             : tu_error_set(err, TU_ENOMEM, "out of memory");
    if (st == TU_OK) {
        st = tu_lev_values_stale(v, query, qlen, cand_source, slen, &copy,
                                 &res->stale, note, err);
    }
    if (st != TU_OK) {
        goto out;
    }
    if (res->stale == 0 && res->changed > 0) {
        /* every change placed: the target takes the segment's values */
        struct tu_content old = *target;
        target->items = copy.items;
        target->count = copy.count;
        target->cap = copy.cap;
        copy.items = old.items;
        copy.count = old.count;
        copy.cap = old.cap;
        if (note) {
            note_changes(v->trg, note, query, cand_source, ch, nch);
        }
    } else if (res->stale) {
        res->changed = 0;
    }
out:
    tu_content_clear(&copy);
    tu_free(vq.v);
    tu_free(vs.v);
    tu_free(ch);
    return st;
}

bool tu_lev_values_any(const struct tu_lev_values *v, const char *text, size_t len)
{
    struct vals vt = {0};
    /* out of memory: true, the answer that asks the TM for more */
    bool any = !scan(v->src, text, len, &vt) || vt.count > 0;

    tu_free(vt.v);
    return any;
}

bool tu_lev_values_locate(const struct tu_lev_values *v, const char *x,
                          size_t xlen, const char *t, size_t tlen,
                          size_t *start, size_t *limit)
{
    struct vals vx = {0}, vt = {0};
    bool found = false;

    if (scan(v->src, x, xlen, &vx) && vx.count == 1 && scan(v->trg, t, tlen, &vt) &&
        count_key(&vt, vx.v[0].key) == 1) {
        /* the text around the value in x must be around it in t too */
        size_t pre = vx.v[0].start, post = xlen - vx.v[0].limit;
        for (size_t i = 0; i < vt.count; i++) {
            const struct val *o = &vt.v[i];
            if (strcmp(o->key, vx.v[0].key) == 0 && o->start >= pre &&
                o->limit + post <= tlen &&
                memcmp(t + o->start - pre, x, pre) == 0 &&
                memcmp(t + o->limit, x + vx.v[0].limit, post) == 0) {
                *start = o->start - pre;
                *limit = o->limit + post;
                found = true;
            }
        }
    }
    tu_free(vx.v);
    tu_free(vt.v);
    return found;
}

enum tu_status tu_lev_values_scan(const struct tu_lev_values *v, bool target,
                                  const char *s, size_t len,
                                  struct tu_lev_value **out, size_t *count,
                                  struct tu_error *err)
{
    struct vals vs = {0};

    *out = NULL;
    *count = 0;
    if (!scan(target ? v->trg : v->src, s, len, &vs)) {
        tu_free(vs.v);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (vs.count > 0) {
        *out = tu_calloc(vs.count, sizeof **out);
        if (*out == NULL) {
            tu_free(vs.v);
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    for (size_t i = 0; i < vs.count; i++) {
        memcpy((*out)[i].key, vs.v[i].key, sizeof (*out)[i].key);
        (*out)[i].start = vs.v[i].start;
        (*out)[i].limit = vs.v[i].limit;
        (*out)[i].is_date = vs.v[i].kind == V_DATE;
    }
    *count = vs.count;
    tu_free(vs.v);
    return TU_OK;
}

const struct tu_numwords *tu_lev_values_words(const struct tu_lev_values *v, bool target)
{
    return target ? v->trg : v->src;
}
