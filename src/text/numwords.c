/*
 * Locale words for numbers and dates, read from ICU/CLDR once per locale
 * (see include/tumac/numwords.h).
 */
#include <stdio.h>
#include <string.h>

#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>

#include <tumac/alloc.h>
#include <tumac/numwords.h>

#include "segment-int.h"

#define WORD 48
#define SCALE_ABBREVS 4 /* the project's abbreviations of one magnitude */

/* The samples whose compact long forms give a scale word's plural forms;
 * the last one's compact short form gives the abbreviation. */
#define LONG_FORMS (TU_SCALE_FORMS - 1)
static const double scale_samples[TU_SCALE_FORMS] = {1, 2, 5, 1.5, 5};

struct tu_numwords {
    char locid[ULOC_FULLNAME_CAPACITY];
    char months[TU_MONTH_FORMS][12][WORD];
    char decimal[8], group[8];
    size_t min_grouping;
    bool day_first;
    bool year_period;  /* the pattern writes "y." (bs/hr/sr) */
    bool derive;       /* bs, sr, hr, cnr: the derived forms and compounds */
    char year_word[2][WORD]; /* CLDR's name of the year field, its genitive */
    char scale[TU_SCALES][TU_SCALE_FORMS][WORD];
    char scale_acc[TU_SCALES][WORD]; /* "milijardu": derived, read only */
    char scale_abbr[TU_SCALES][SCALE_ABBREVS][WORD]; /* "mlrd.": the list's, read only */
    char sample_kw[TU_SCALE_FORMS][16]; /* plural keyword of each sample */
    UPluralRules *plural;
};

static bool to_utf8(const UChar *s, int32_t n, char *out, size_t cap)
{
    UErrorCode e = U_ZERO_ERROR;
    int32_t len = 0;

    u_strToUTF8(out, (int32_t)cap, &len, s, n, &e);
    return U_SUCCESS(e) && (size_t)len < cap;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The genitive of a nominative month name by the rule in numwords.h. */
static void derive_genitive(const char *nom, char *out, size_t cap)
{
    size_t n = strlen(nom);
    bool cyrl = (unsigned char)nom[0] == 0xD0 || (unsigned char)nom[0] == 0xD1;
    const char *a = cyrl ? "\xD0\xB0" : "a"; /* а */

    if (n + 3 > cap) {
        out[0] = '\0';
        return;
    }
    if (ends_with(nom, "bar") || ends_with(nom, "\xD0\xB1\xD0\xB0\xD1\x80")) {
        /* oktobar -> oktobra: drop the a before r, then add a */
        size_t r = cyrl ? 2 : 1, av = cyrl ? 2 : 1;
        memcpy(out, nom, n - r - av);
        memcpy(out + n - r - av, nom + n - r, r);
        strcpy(out + n - av, a);
        return;
    }
    if (ends_with(nom, "i") || ends_with(nom, "\xD0\xB8")) {
        size_t i = cyrl ? 2 : 1;
        memcpy(out, nom, n - i);
        strcpy(out + n - i, a);
        return;
    }
    memcpy(out, nom, n);
    strcpy(out + n, a);
}

/* The locative (and dative) of a month from its genitive: a final a
 * becomes u ("septembra" -> "septembru", "listopada" -> "listopadu"). */
static void derive_locative(const char *gen, char *out, size_t cap)
{
    size_t n = strlen(gen);

    out[0] = '\0';
    if (n + 1 > cap) {
        return;
    }
    memcpy(out, gen, n + 1);
    if (ends_with(gen, "a")) {
        out[n - 1] = 'u';
    } else if (ends_with(gen, "\xD0\xB0")) {
        memcpy(out + n - 2, "\xD1\x83", 2); /* а -> у */
    } else {
        out[0] = '\0';
    }
}

/* The accusative of a feminine scale word ("3,1 milijardu", "hiljadu"):
 * a final a becomes u; none for other words. */
static void derive_accusative(const char *one, char *out, size_t cap)
{
    size_t n = strlen(one);
    bool cyrl = ends_with(one, "\xD0\xB0"); /* а */

    out[0] = '\0';
    if (n + 1 > cap || !(cyrl || ends_with(one, "a"))) {
        return;
    }
    memcpy(out, one, n + 1);
    if (cyrl) {
        memcpy(out + n - 2, "\xD1\x83", 2); /* у */
    } else {
        out[n - 1] = 'u';
    }
}

/* CLDR's display name of the year field ("godina", "година") and, for the
 * languages of the genitive rule, its genitive ("14. oktobar 2025.
 * godine"): a final a becomes e. */
static void read_year_word(struct tu_numwords *w, const char *locid,
                           bool derive)
{
    UErrorCode e = U_ZERO_ERROR;
    UDateTimePatternGenerator *g = udatpg_open(locid, &e);
    UChar buf[64];

    if (U_FAILURE(e)) {
        return;
    }
    int32_t n = udatpg_getFieldDisplayName(g, UDATPG_YEAR_FIELD, UDATPG_WIDE,
                                           buf, 64, &e);
    if (U_SUCCESS(e) && to_utf8(buf, n, w->year_word[0], WORD) && derive) {
        char *y = w->year_word[1];
        size_t len = strlen(w->year_word[0]);
        memcpy(y, w->year_word[0], len + 1);
        if (len >= 1 && y[len - 1] == 'a') {
            y[len - 1] = 'e';
        } else if (len >= 2 && strcmp(y + len - 2, "\xD0\xB0") == 0) {
            strcpy(y + len - 2, "\xD0\xB5"); /* а -> е */
        } else {
            y[0] = '\0';
        }
    }
    udatpg_close(g);
}

static enum tu_status read_months(struct tu_numwords *w, const char *locid,
                                  const char *language, struct tu_error *err)
{
    static const UDateFormatSymbolType types[2] = {UDAT_MONTHS,
                                                   UDAT_STANDALONE_MONTHS};
    UErrorCode e = U_ZERO_ERROR;
    UDateFormat *df = udat_open(UDAT_NONE, UDAT_LONG, locid, NULL, 0, NULL, 0, &e);
    bool derive = strcmp(language, "bs") == 0 || strcmp(language, "sr") == 0 ||
                  strcmp(language, "hr") == 0 || strcmp(language, "cnr") == 0;
    UChar buf[128];

    w->derive = derive;
    if (U_FAILURE(e)) {
        return tu_error_set(err, TU_EINVAL, "ICU has no date format for %s: %s",
                            locid, u_errorName(e));
    }
    for (int t = 0; t < 2; t++) {
        for (int m = 0; m < 12; m++) {
            e = U_ZERO_ERROR;
            int32_t n = udat_getSymbols(df, types[t], m, buf, 128, &e);
            if (U_FAILURE(e) || !to_utf8(buf, n, w->months[t][m], WORD)) {
                udat_close(df);
                return tu_error_set(err, TU_EINVAL,
                                    "ICU month names of %s: %s", locid,
                                    u_errorName(e));
            }
        }
    }
    for (int m = 0; m < 12; m++) {
        e = U_ZERO_ERROR;
        int32_t n = udat_getSymbols(df, UDAT_SHORT_MONTHS, m, buf, 128, &e);
        if (U_FAILURE(e) || !to_utf8(buf, n, w->months[TU_MONTH_SHORT][m], WORD)) {
            w->months[TU_MONTH_SHORT][m][0] = '\0';
        }
    }
    for (int m = 0; m < 12 && derive; m++) {
        if (strcmp(w->months[TU_MONTH_FORMAT][m],
                   w->months[TU_MONTH_STANDALONE][m]) == 0) {
            derive_genitive(w->months[TU_MONTH_STANDALONE][m],
                            w->months[TU_MONTH_GENITIVE][m], WORD);
        } else if (ends_with(w->months[TU_MONTH_FORMAT][m], "oga")) {
            /* hr "studenoga" is also written "studenog" */
            size_t n = strlen(w->months[TU_MONTH_FORMAT][m]);
            memcpy(w->months[TU_MONTH_GENITIVE][m], w->months[TU_MONTH_FORMAT][m], n - 1);
            w->months[TU_MONTH_GENITIVE][m][n - 1] = '\0';
        }
    }
    for (int m = 0; m < 12 && derive; m++) {
        const char *gen = w->months[TU_MONTH_GENITIVE][m][0]
                              ? w->months[TU_MONTH_GENITIVE][m]
                              : w->months[TU_MONTH_FORMAT][m];
        derive_locative(gen, w->months[TU_MONTH_LOCATIVE][m], WORD);
    }
    /* The long pattern ("d. MMMM y.", "MMMM d, y"): day first? */
    e = U_ZERO_ERROR;
    int32_t n = udat_toPattern(df, false, buf, 128, &e);
    if (U_SUCCESS(e)) {
        const UChar *d = u_memchr(buf, 'd', n), *mo = u_memchr(buf, 'M', n);
        const UChar *y = u_memrchr(buf, 'y', n);
        w->day_first = d != NULL && (mo == NULL || d < mo);
        w->year_period = y != NULL && y + 1 < buf + n && y[1] == '.';
    }
    udat_close(df);
    read_year_word(w, locid, derive);
    return TU_OK;
}

/* The word after the number in a compact long form ("30 hiljada"). */
static void word_after_number(const char *s, char *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s;

    while (*p && ((*p >= '0' && *p <= '9') || *p == '.' || *p == ',' ||
                  *p == ' ' || *p == 0xC2 || *p == 0xA0 || *p == 0xE2 ||
                  *p == 0x80 || *p == 0xAF || *p == 0x89)) {
        p++;
    }
    size_t n = strlen((const char *)p);
    if (n >= cap) {
        n = 0; /* too long for a scale word: none */
    }
    memcpy(out, p, n);
    out[n] = '\0';
}

static enum tu_status read_numbers(struct tu_numwords *w, const char *locid,
                                   struct tu_error *err)
{
    UErrorCode e = U_ZERO_ERROR;
    UNumberFormat *nf = unum_open(UNUM_DECIMAL, NULL, 0, locid, NULL, &e);
    UChar buf[64];
    char s[64];

    if (U_FAILURE(e)) {
        return tu_error_set(err, TU_EINVAL, "ICU has no number format for %s",
                            locid);
    }
    int32_t n = unum_getSymbol(nf, UNUM_DECIMAL_SEPARATOR_SYMBOL, buf, 64, &e);
    if (U_SUCCESS(e)) {
        to_utf8(buf, n, w->decimal, sizeof w->decimal);
    }
    e = U_ZERO_ERROR;
    n = unum_getSymbol(nf, UNUM_GROUPING_SEPARATOR_SYMBOL, buf, 64, &e);
    if (U_SUCCESS(e)) {
        to_utf8(buf, n, w->group, sizeof w->group);
    }
    e = U_ZERO_ERROR;
    n = unum_formatInt64(nf, 1000, buf, 64, NULL, &e);
    w->min_grouping = U_SUCCESS(e) && to_utf8(buf, n, s, sizeof s) &&
                              strcmp(s, "1000") == 0
                          ? 5 : 4;
    unum_close(nf);

    e = U_ZERO_ERROR;
    nf = unum_open(UNUM_DECIMAL_COMPACT_LONG, NULL, 0, locid, NULL, &e);
    if (U_FAILURE(e)) {
        return TU_OK; /* no compact forms: no scale words */
    }
    e = U_ZERO_ERROR;
    UNumberFormat *sf = unum_open(UNUM_DECIMAL_COMPACT_SHORT, NULL, 0, locid, NULL, &e);
    for (int k = 0; k < TU_SCALES; k++) {
        double scale = k == 0 ? 1e3 : k == 1 ? 1e6 : 1e9;
        for (int i = 0; i < TU_SCALE_FORMS; i++) {
            UNumberFormat *f = i < LONG_FORMS ? nf : sf;
            e = U_ZERO_ERROR;
            n = f ? unum_formatDouble(f, scale_samples[i] * scale, buf, 64, NULL, &e) : 0;
            if (f && U_SUCCESS(e) && to_utf8(buf, n, s, sizeof s)) {
                word_after_number(s, w->scale[k][i], WORD);
            }
        }
    }
    unum_close(nf);
    for (int k = 0; k < TU_SCALES; k++) {
        derive_accusative(w->scale[k][0], w->scale_acc[k], WORD);
    }
    if (sf) {
        unum_close(sf);
    }
    e = U_ZERO_ERROR;
    w->plural = uplrules_open(locid, &e);
    for (int i = 0; i < LONG_FORMS && w->plural; i++) {
        e = U_ZERO_ERROR;
        n = uplrules_select(w->plural, scale_samples[i], buf, 16, &e);
        if (U_SUCCESS(e)) {
            to_utf8(buf, n, w->sample_kw[i], sizeof w->sample_kw[i]);
        }
    }
    (void)err;
    return TU_OK;
}

/* The abbreviations of magnitudes the project's lists give the language
 * (segment-abbrev.c, from text/data/abbrev-bcs*.txt): "mlrd." beside
 * CLDR's hr "mlr.", "mln." beside "mil.". */
static void read_scale_abbrevs(struct tu_numwords *w, const char *language)
{
    unsigned lang = seg_group_for(language)->lang;
    size_t n[TU_SCALES] = {0};

    for (size_t i = 0; lang != 0 && i < seg_scale_count; i++) {
        const struct seg_scale *a = &seg_scales[i];
        if ((a->langs & lang) && a->k >= 0 && a->k < TU_SCALES && n[a->k] < SCALE_ABBREVS &&
            strlen(a->form) + 2 <= WORD) {
            snprintf(w->scale_abbr[a->k][n[a->k]++], WORD, "%s.", a->form);
        }
    }
}

enum tu_status tu_numwords_new(const char *tag, struct tu_numwords **out,
                               struct tu_error *err)
{
    char locid[ULOC_FULLNAME_CAPACITY], language[16];
    UErrorCode e = U_ZERO_ERROR;
    struct tu_numwords *w;
    enum tu_status st;

    *out = NULL;
    uloc_forLanguageTag(tag, locid, sizeof locid, NULL, &e);
    if (U_FAILURE(e)) {
        return tu_error_set(err, TU_EINVAL, "bad language tag '%s'", tag);
    }
    e = U_ZERO_ERROR;
    uloc_getLanguage(locid, language, sizeof language, &e);
    w = tu_calloc(1, sizeof *w);
    if (w == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    memcpy(w->locid, locid, sizeof w->locid);
    st = read_months(w, locid, language, err);
    if (st == TU_OK) {
        st = read_numbers(w, locid, err);
        read_scale_abbrevs(w, language);
    }
    if (st != TU_OK) {
        tu_numwords_free(w);
        return st;
    }
    *out = w;
    return TU_OK;
}

void tu_numwords_free(struct tu_numwords *w)
{
    if (w != NULL) {
        if (w->plural) {
            uplrules_close(w->plural);
        }
        tu_free(w);
    }
}

const char *tu_numwords_decimal(const struct tu_numwords *w)
{
    return w->decimal;
}

const char *tu_numwords_group(const struct tu_numwords *w)
{
    return w->group;
}

size_t tu_numwords_min_grouping(const struct tu_numwords *w)
{
    return w->min_grouping;
}

const char *tu_numwords_month(const struct tu_numwords *w,
                              enum tu_month_form form, int m)
{
    if (form >= TU_MONTH_FORMS || m < 0 || m > 11 || !w->months[form][m][0]) {
        return NULL;
    }
    return w->months[form][m];
}

bool tu_numwords_day_first(const struct tu_numwords *w)
{
    return w->day_first;
}

bool tu_numwords_year_period(const struct tu_numwords *w)
{
    return w->year_period;
}

const char *tu_numwords_year_word(const struct tu_numwords *w, int i)
{
    return i >= 0 && i < 2 && w->year_word[i][0] ? w->year_word[i] : NULL;
}

const char *tu_numwords_scale(const struct tu_numwords *w, int k, int i)
{
    if (k < 0 || k >= TU_SCALES || i < 0 || i >= TU_SCALE_FORMS ||
        !w->scale[k][i][0]) {
        return NULL;
    }
    return w->scale[k][i];
}

const char *tu_numwords_scale_abbrev(const struct tu_numwords *w, int k, int i)
{
    return k >= 0 && k < TU_SCALES && i >= 0 && i < SCALE_ABBREVS && w->scale_abbr[k][i][0]
               ? w->scale_abbr[k][i]
               : NULL;
}

const char *tu_numwords_scale_accusative(const struct tu_numwords *w, int k)
{
    return k >= 0 && k < TU_SCALES && w->scale_acc[k][0] ? w->scale_acc[k] : NULL;
}

void tu_numwords_plural(const struct tu_numwords *w, const char *number,
                        char *out, size_t cap)
{
    UChar kw[16];
    UErrorCode e = U_ZERO_ERROR;
    double v = 0;

    out[0] = '\0';
    if (w->plural == NULL || sscanf(number, "%lf", &v) != 1) {
        return;
    }
    int32_t n = uplrules_select(w->plural, v, kw, 16, &e);
    if (U_FAILURE(e) || !to_utf8(kw, n, out, cap)) {
        out[0] = '\0';
    }
}

enum tu_status tu_numwords_scale_for(const struct tu_numwords *w, int k,
                                     const char *number, struct tu_buf *out,
                                     struct tu_error *err)
{
    int form = 2; /* "other" of an integer (5) */

    if (w->plural) {
        UChar kw[16];
        char s[16];
        UErrorCode e = U_ZERO_ERROR;
        double v = 0;
        sscanf(number, "%lf", &v);
        int32_t n = uplrules_select(w->plural, v, kw, 16, &e);
        if (U_SUCCESS(e) && to_utf8(kw, n, s, sizeof s)) {
            for (int i = 0; i < LONG_FORMS; i++) {
                if (strcmp(w->sample_kw[i], s) == 0 &&
                    (strchr(number, '.') != NULL) == (i == 3)) {
                    form = i;
                    break;
                }
            }
        }
    }
    const char *word = tu_numwords_scale(w, k, form);
    if (word == NULL || tu_buf_adds(out, word) != TU_OK) {
        return tu_error_set(err, word ? TU_ENOMEM : TU_EINVAL,
                            word ? "out of memory" : "no scale word");
    }
    return TU_OK;
}

/* Append ICU's spellings of n under every public rule set of `locid`
 * (with `ordinal`, those of the ordinal rule sets alone). */
static void spell_all(const char *locid, long n, bool ordinal, struct tu_buf *out)
{
    UErrorCode e = U_ZERO_ERROR;
    UNumberFormat *f = unum_open(UNUM_SPELLOUT, NULL, 0, locid, NULL, &e);
    UChar sets[1024], buf[256];
    char one[512];

    if (U_FAILURE(e)) {
        return; /* no spellout rules: nothing spelled */
    }
    int32_t sn = unum_getTextAttribute(f, UNUM_PUBLIC_RULESETS, sets, 1023, &e);
    if (U_FAILURE(e)) {
        sn = 0;
    }
    sets[sn] = 0;
    for (UChar *p = sets; *p;) {
        UChar *end = p;
        while (*end && *end != ';') {
            end++;
        }
        UChar save = *end;
        *end = 0;
        static const UChar ord[] = {'o', 'r', 'd', 'i', 'n', 'a', 'l', 0};
        bool wanted = !ordinal || u_strstr(p, ord) != NULL; /* "%spellout-ordinal-feminine" */
        int32_t len = 0;
        e = U_ZERO_ERROR;
        if (wanted) {
            unum_setTextAttribute(f, UNUM_DEFAULT_RULESET, p, -1, &e);
            len = U_SUCCESS(e) ? unum_formatInt64(f, n, buf, 256, NULL, &e) : 0;
        }
        if (wanted && U_SUCCESS(e) && len > 0 && to_utf8(buf, len, one, sizeof one)) {
            tu_buf_adds(out, one);
            tu_buf_addc(out, '\n');
        }
        *end = save;
        p = *end ? end + 1 : end;
    }
    unum_close(f);
}

/* ICU's cardinal of n in `locid` with its spaces and the "i" of "četrdeset
 * i četiri" dropped: "četrdesetčetiri"; false when none. */
static bool cardinal_joined(const char *locid, long n, char *out, size_t cap)
{
    UErrorCode e = U_ZERO_ERROR;
    UNumberFormat *f = unum_open(UNUM_SPELLOUT, NULL, 0, locid, NULL, &e);
    UChar buf[256];
    char one[256];
    size_t k = 0;

    if (U_FAILURE(e)) {
        return false;
    }
    int32_t len = unum_formatInt64(f, n, buf, 256, NULL, &e);
    unum_close(f);
    if (U_FAILURE(e) || !to_utf8(buf, len, one, sizeof one)) {
        return false;
    }
    for (const char *p = one; *p;) {
        size_t wn = strcspn(p, " ");
        bool conj = (wn == 1 && *p == 'i') || (wn == 2 && memcmp(p, "\xD0\xB8", 2) == 0); /* i, и */
        if (!conj && k + wn < cap) {
            memcpy(out + k, p, wn);
            k += wn;
        }
        p += wn + (p[wn] == ' ');
    }
    out[k] = '\0';
    return k > 0;
}

/* The compound adjectives of age and duration in bs/hr/sr/cnr, one a line
 * and ending in the stem "godišnj" ("44-year-old" ->
 * "četrdesetčetverogodišnjak", "2-year" -> "dvogodišnji"): the tens as
 * ICU spells them, then the combining form of the unit; a round number or
 * a teen takes "o" ("dvadesetogodišnji", "šesnaestogodišnjak"). */
static void spell_compounds(const char *locid, long n, struct tu_buf *out)
{
    static const char *const latn[10][2] = {
        {"", ""}, {"jedno", ""}, {"dvo", ""}, {"tro", ""}, {"\xC4\x8D" "etvero", "\xC4\x8D" "etvoro"},
        {"peto", ""}, {"\xC5\xA1" "esto", ""}, {"sedmo", ""}, {"osmo", ""}, {"deveto", ""}};
    static const char *const cyrl[10][2] = {
        {"", ""},
        {"\xD1\x98\xD0\xB5\xD0\xB4\xD0\xBD\xD0\xBE", ""},               /* једно */
        {"\xD0\xB4\xD0\xB2\xD0\xBE", ""},                               /* дво */
        {"\xD1\x82\xD1\x80\xD0\xBE", ""},                               /* тро */
        {"\xD1\x87\xD0\xB5\xD1\x82\xD0\xB2\xD0\xB5\xD1\x80\xD0\xBE",    /* четверо */
         "\xD1\x87\xD0\xB5\xD1\x82\xD0\xB2\xD0\xBE\xD1\x80\xD0\xBE"},   /* четворо */
        {"\xD0\xBF\xD0\xB5\xD1\x82\xD0\xBE", ""},                       /* пето */
        {"\xD1\x88\xD0\xB5\xD1\x81\xD1\x82\xD0\xBE", ""},               /* шесто */
        {"\xD1\x81\xD0\xB5\xD0\xB4\xD0\xBC\xD0\xBE", ""},               /* седмо */
        {"\xD0\xBE\xD1\x81\xD0\xBC\xD0\xBE", ""},                       /* осмо */
        {"\xD0\xB4\xD0\xB5\xD0\xB2\xD0\xB5\xD1\x82\xD0\xBE", ""}};      /* девето */
    char tens[128] = "", whole[128];
    long unit = n % 10;

    if (n < 1 || n > 99 || !cardinal_joined(locid, n, whole, sizeof whole)) {
        return;
    }
    bool cy = (unsigned char)whole[0] == 0xD0 || (unsigned char)whole[0] == 0xD1;
    const char *year = cy ? "\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB8\xD1\x88\xD1\x9A" /* годишњ */
                          : "godi\xC5\xA1nj";
    if (unit == 0 || (n > 10 && n < 20)) {
        tu_buf_printf(out, "%s%s%s\n", whole, cy ? "\xD0\xBE" : "o", year);
        return;
    }
    if (n > 10 && !cardinal_joined(locid, n - unit, tens, sizeof tens)) {
        return;
    }
    for (int i = 0; i < 2; i++) {
        const char *c = (cy ? cyrl : latn)[unit][i];
        if (*c) {
            tu_buf_printf(out, "%s%s%s\n", tens, c, year);
        }
    }
}

enum tu_status tu_numwords_spell(const struct tu_numwords *w, long n, struct tu_buf *out,
                                 struct tu_error *err)
{
    /* CLDR's bs rules spell 11 and 16 "jedenaest", "šestnaest"; the
     * standard forms are those of hr, so bs gets both */
    bool bs = strncmp(w->locid, "bs", 2) == 0 && (w->locid[2] == '\0' || w->locid[2] == '_');
    const char *words = bs ? "hr" : w->locid;

    spell_all(w->locid, n, false, out);
    if (bs) {
        spell_all("hr", n, false, out);
    }
    if (w->derive) {
        spell_compounds(words, n, out);
    }
    return out->status == TU_OK ? TU_OK : tu_error_set(err, out->status, "out of memory");
}

enum tu_status tu_numwords_spell_ordinal(const struct tu_numwords *w, long n, struct tu_buf *out,
                                         struct tu_error *err)
{
    /* CLDR's bs rules have no ordinals: hr's are bs's (as its numerals) */
    bool bs = strncmp(w->locid, "bs", 2) == 0 && (w->locid[2] == '\0' || w->locid[2] == '_');
    spell_all(bs ? "hr" : w->locid, n, true, out);
    return out->status == TU_OK ? TU_OK : tu_error_set(err, out->status, "out of memory");
}
