/*
 * Word and character counts after GMX-V: words are ICU (UAX #29) word-break
 * tokens that hold letters or digits; departing from it, a hyphenated
 * compound, a URL and an e-mail address count once; placeholders and inline
 * codes (U+FFFC) not at all.
 * The rules are stated in README.md ("Counting") and include/tumac/segment.h.
 */
#include <pthread.h>
#include <stdint.h>
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

/* Tokens that count as one word whatever ICU makes of them. */
#define ONE_WORD                                                               \
    "(?:https?|ftp)://[^\\s<>\"]+|www\\.[^\\s<>\"]+"                           \
    "|[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}"
/* Placeholders of the usual template and printf styles: no words. */
#define PLACEHOLDER                                                            \
    "\\{\\{[^{}]*\\}\\}|\\$\\{[^{}]*\\}|\\{[\\p{L}\\p{N}_.:,]*\\}"            \
    "|%(?:\\d+\\$)?[-+0#]*\\d*(?:\\.\\d+)?[sdifuxXeEgGcp@]"

enum { PAT_ONE_WORD, PAT_PLACEHOLDER, PAT_COUNT };

/*
 * Both patterns compiled once: compiling their \p{L} sets took ~1 ms, paid
 * per segment it was most of a leverage run (1 MB of text: 21 s). Every
 * count matches with a clone (it shares the compiled pattern, so clones
 * in several threads are safe); the originals are never matched with.
 */
static URegularExpression *compiled[PAT_COUNT];
static UErrorCode compiled_status = U_ZERO_ERROR;
static pthread_once_t compiled_once = PTHREAD_ONCE_INIT;

static void compile_patterns(void)
{
    static const char *const pattern[PAT_COUNT] = {ONE_WORD, PLACEHOLDER};
    UParseError pe;

    for (int i = 0; i < PAT_COUNT && U_SUCCESS(compiled_status); i++) {
        compiled[i] = seg_regex_open(pattern[i], 0, &pe, &compiled_status);
    }
}

static bool is_hyphen(UChar c)
{
    return c == '-' || c == 0x2010 || c == 0x2011;
}

/* Trailing punctuation is not part of a URL. */
static int32_t trim_url(const UChar *u, int32_t start, int32_t end)
{
    while (end > start) {
        UChar c = u[end - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
            c == '?' || c == ')' || c == ']' || c == '\'' || c == 0x201D ||
            c == 0x2019 || c == 0xBB) {
            end--;
        } else {
            break;
        }
    }
    return end;
}

/*
 * Blank out (with spaces) the matches of pattern `which` in u; returns how
 * many. With `trim`, trailing punctuation stays.
 */
static enum tu_status blank_matches(UChar *u, int32_t ulen, int which,
                                    bool trim, size_t *n, struct tu_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    URegularExpression *re;

    *n = 0;
    pthread_once(&compiled_once, compile_patterns);
    st = compiled_status;
    re = U_SUCCESS(st) ? uregex_clone(compiled[which], &st) : NULL;
    if (U_FAILURE(st)) {
        return tu_error_set(err, TU_EINVAL, "count pattern: %s", u_errorName(st));
    }
    uregex_setText(re, u, ulen, &st);
    while (U_SUCCESS(st) && uregex_findNext(re, &st)) {
        int32_t s = uregex_start(re, 0, &st);
        int32_t e = uregex_end(re, 0, &st);
        if (U_FAILURE(st)) {
            break;
        }
        if (trim) {
            e = trim_url(u, s, e);
        }
        if (e > s) {
            (*n)++;
        }
        /* Blanking keeps the length, so the matcher's positions stay valid. */
        for (int32_t i = s; i < e; i++) {
            u[i] = ' ';
        }
    }
    uregex_close(re);
    if (U_FAILURE(st)) {
        return tu_error_set(err, TU_EINVAL, "count pattern: %s", u_errorName(st));
    }
    return TU_OK;
}

static enum tu_status count_words(const char *locid, UChar *u, int32_t ulen,
                                  struct tu_counts *c, struct tu_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi;
    size_t n = 0;
    enum tu_status rc;
    int32_t prev_end = -1;

    rc = blank_matches(u, ulen, PAT_ONE_WORD, true, &n, err);
    if (rc != TU_OK) {
        return rc;
    }
    c->words += n;
    rc = blank_matches(u, ulen, PAT_PLACEHOLDER, false, &n, err);
    if (rc != TU_OK) {
        return rc;
    }
    bi = ubrk_open(UBRK_WORD, locid, u, ulen, &st);
    if (U_FAILURE(st)) {
        return tu_error_set(err, TU_EUNSUPPORTED, "no word break iterator: %s",
                            u_errorName(st));
    }
    for (int32_t start = ubrk_first(bi), end = ubrk_next(bi); end != UBRK_DONE;
         start = end, end = ubrk_next(bi)) {
        if (ubrk_getRuleStatus(bi) < UBRK_WORD_NONE_LIMIT) {
            continue;
        }
        /* "Berners-Lee", "OSCE-a", "1990-ih": one word across a hyphen. */
        if (prev_end >= 0 && start == prev_end + 1 && is_hyphen(u[prev_end])) {
            prev_end = end;
            continue;
        }
        c->words++;
        prev_end = end;
    }
    ubrk_close(bi);
    return TU_OK;
}

static enum tu_status count_chars(const UChar *u, int32_t ulen,
                                  struct tu_counts *c, struct tu_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_CHARACTER, "", u, ulen, &st);

    if (U_FAILURE(st)) {
        return tu_error_set(err, TU_EUNSUPPORTED,
                            "no character break iterator: %s", u_errorName(st));
    }
    for (int32_t start = ubrk_first(bi), end = ubrk_next(bi); end != UBRK_DONE;
         start = end, end = ubrk_next(bi)) {
        UChar32 ch;
        U16_GET(u, 0, start, ulen, ch);
        if (ch == '\n' || ch == '\r' || ch == 0x2029) {
            continue; /* paragraph ends are not characters of the text */
        }
        c->chars++;
        /* GMX-V: no-break spaces are not white space. */
        if (!u_isUWhiteSpace(ch) || ch == 0xA0 || ch == 0x2007 || ch == 0x202F) {
            c->chars_no_spaces++;
        }
    }
    ubrk_close(bi);
    return TU_OK;
}

/* Only whitespace and inline codes. */
static bool line_is_blank(const char *t, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)t[i];
        if (i + 3 <= n && memcmp(t + i, "\xEF\xBF\xBC", 3) == 0) {
            i += 3;
        } else if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' ||
                   ch == '\v') {
            i++;
        } else {
            return false;
        }
    }
    return true;
}

enum tu_status tu_segmenter_count(struct tu_segmenter *s, const char *lang,
                                  const char *text, size_t len,
                                  struct tu_counts *out, struct tu_error *err)
{
    struct tu_counts c = {0};
    struct tu_locale loc;
    UChar *u = NULL;
    int32_t ulen = 0;
    enum tu_status rc;
    size_t start = 0;

    rc = tu_locale_parse(lang, &loc, err);
    if (rc == TU_OK) {
        rc = seg_decode(text, len, &u, NULL, &ulen, err);
    }
    if (rc == TU_OK) {
        rc = count_chars(u, ulen, &c, err);
    }
    if (rc == TU_OK) {
        rc = count_words(loc.language, u, ulen, &c, err);
    }
    tu_free(u);
    /* Segments: each line that holds more than whitespace is a paragraph. */
    while (rc == TU_OK && s != NULL && start < len) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (!line_is_blank(text + start, end - start)) {
            size_t *breaks = NULL;
            size_t n = 0;
            rc = tu_segmenter_split(s, text + start, end - start, &breaks, &n,
                                    err);
            tu_free(breaks);
            c.segments += n + 1;
        }
        start = end + 1;
    }
    if (rc == TU_OK) {
        *out = c;
    }
    return rc;
}

enum tu_status tu_count_text(const char *lang, const char *text, size_t len,
                             struct tu_counts *out, struct tu_error *err)
{
    struct tu_segmenter *s = NULL;
    enum tu_status rc = tu_segmenter_new(lang, NULL, &s, err);

    if (rc == TU_OK) {
        rc = tu_segmenter_count(s, lang, text, len, out, err);
    }
    tu_segmenter_free(s);
    return rc;
}
