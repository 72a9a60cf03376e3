/*
 * Bytes in a legacy or Unicode encoding -> UTF-8, with ICU converters and
 * ICU's charset detector for "auto". Invalid input is never replaced: the
 * converter stops at the first bad byte and the error names its offset.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/utf16.h>

#include "text-int.h"
#include <tumac/alloc.h>
#include <tumac/fileio.h>
#include <tumac/text.h>

/* The encodings we name ourselves (static strings for *detected). */
static const char *const known[] = {
    "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1250", "windows-1251",
    "ISO-8859-2", "ISO-8859-5", "ISO-8859-1", "windows-1252", "KOI8-R",
};

static const char *static_name(const char *name)
{
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        if (strcasecmp(known[i], name) == 0) {
            return known[i];
        }
    }
    return NULL;
}

static enum tu_status decode_utf8(const char *path, const char *bytes,
                                  size_t len, struct tu_buf *out,
                                  struct tu_error *err)
{
    size_t bad = tu_text_utf8_check(bytes, len);

    if (bad < len) {
        return text_bad_utf8(path, bytes, len, bad, err);
    }
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
        bytes += 3;
        len -= 3;
    }
    if (tu_buf_add(out, bytes, len) != TU_OK) {
        return tu_error_set(err, out->status, "out of memory");
    }
    return TU_OK;
}

/* Like tu_text_to_utf8, for tumac normalize: a leading BOM is dropped. */
static enum tu_status decode_icu(const char *path, const char *bytes,
                                 size_t len, const char *name,
                                 struct tu_buf *out, struct tu_error *err)
{
    size_t start = out->len;
    enum tu_status st = tu_text_to_utf8(path, bytes, len, name, out, err);

    if (st == TU_OK && out->len - start >= 3 &&
        memcmp(out->data + start, "\xEF\xBB\xBF", 3) == 0) {
        memmove(out->data + start, out->data + start + 3, out->len - start - 3);
        tu_buf_truncate(out, out->len - 3);
    }
    return st;
}

/* Does the text hold a well-formed 2- or 3-byte UTF-8 sequence? */
/* The ICU detector's guess, as one of our static names, or NULL. */
static const char *ucsdet_hint(const char *bytes, size_t len)
{
    UErrorCode st = U_ZERO_ERROR;
    UCharsetDetector *d = ucsdet_open(&st);
    const UCharsetMatch *m;
    const char *name = NULL;

    ucsdet_setText(d, bytes, len > INT32_MAX ? INT32_MAX : (int32_t)len, &st);
    m = ucsdet_detect(d, &st);
    if (U_SUCCESS(st) && m != NULL) {
        const char *got = ucsdet_getName(m, &st);
        if (U_SUCCESS(st) && got != NULL) {
            name = static_name(got);
        }
    }
    ucsdet_close(d);
    return name;
}

const char *tu_text_utf16_by_bom(const char *bytes, size_t len)
{
    const unsigned char *b = (const unsigned char *)bytes;
    if (len < 2) {
        return NULL;
    }
    return b[0] == 0xFF && b[1] == 0xFE ? "UTF-16LE" : b[0] == 0xFE && b[1] == 0xFF ? "UTF-16BE" : NULL;
}

enum tu_status tu_text_decode(const char *path, const char *bytes, size_t len,
                              const char *encoding, struct tu_buf *out,
                              const char **detected, struct tu_error *err)
{
    const char *name = encoding;
    enum tu_status st;

    if (name == NULL || strcasecmp(name, "auto") == 0) {
        /* the filters' detector: one verdict for every command */
        if ((st = tu_text_detect(path, bytes, len, &name, err)) != TU_OK) {
            return st;
        }
    } else if (strcasecmp(name, "UTF-16") == 0) {
        if ((name = tu_text_utf16_by_bom(bytes, len)) == NULL) {
            return tu_error_at(err, TU_EENCODING, path, 1, 1,
                               "UTF-16 input without a byte order mark");
        }
    } else if (strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "utf8") == 0) {
        name = "UTF-8";
    }
    if (strcmp(name, "UTF-8") == 0) {
        st = decode_utf8(path, bytes, len, out, err);
    } else {
        UErrorCode ust = U_ZERO_ERROR;
        const char *std;
        st = decode_icu(path, bytes, len, name, out, err);
        if (st == TU_OK && static_name(name) == NULL) {
            std = ucnv_getStandardName(name, "IANA", &ust);
            if (std == NULL || U_FAILURE(ust)) {
                std = ucnv_getStandardName(name, "MIME", &ust);
            }
            name = std != NULL && U_SUCCESS(ust) ? std : "unknown";
        } else if (st == TU_OK) {
            name = static_name(name);
        }
    }
    if (st == TU_OK && detected != NULL) {
        *detected = name;
    }
    return st;
}

/* ---- exact conversion for the filters (extract -> merge byte for byte) ---- */

/* 1-based line and column of byte `off` counting bytes (single-byte pages). */
static void byte_position(const char *bytes, size_t off, unsigned long *line,
                          unsigned long *col)
{
    size_t start = 0;

    *line = 1;
    for (size_t i = 0; i < off; i++) {
        if (bytes[i] == '\n') {
            (*line)++;
            start = i + 1;
        }
    }
    *col = (unsigned long)(off - start) + 1;
}

const char *tu_text_encoding_name(const char *name)
{
    UErrorCode st = U_ZERO_ERROR;
    const char *canon, *std;

    if (name == NULL) {
        return NULL;
    }
    if (strcasecmp(name, "utf8") == 0) {
        return "UTF-8";
    }
    if (static_name(name) != NULL) {
        return static_name(name);
    }
    canon = ucnv_getCanonicalName(name, "IANA", &st);
    if (canon == NULL || U_FAILURE(st)) {
        st = U_ZERO_ERROR;
        canon = ucnv_getAlias(name, 0, &st);
    }
    if (canon == NULL || U_FAILURE(st)) {
        return NULL;
    }
    if (static_name(canon) != NULL) {
        return static_name(canon);
    }
    st = U_ZERO_ERROR;
    std = ucnv_getStandardName(canon, "IANA", &st);
    if (std == NULL || U_FAILURE(st)) {
        st = U_ZERO_ERROR;
        std = ucnv_getStandardName(canon, "MIME", &st);
    }
    if (std != NULL && U_SUCCESS(st) && static_name(std) != NULL) {
        return static_name(std);
    }
    return std != NULL && U_SUCCESS(st) ? std : canon;
}

/* Single-byte `bytes` decoded 1:1 into u (len units); false if a byte is undefined. */
static bool decode_sbcs(const char *name, const char *bytes, size_t len,
                        UChar *u)
{
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cv = ucnv_open(name, &st);
    UChar *target = u;
    const char *source = bytes;

    if (U_FAILURE(st)) {
        return false;
    }
    ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
    ucnv_toUnicode(cv, &target, u + len, &source, bytes + len, NULL, true, &st);
    ucnv_close(cv);
    return U_SUCCESS(st) && (size_t)(target - u) == len;
}

/* Letters-and-punctuation a Bosnian/Croatian/Serbian text is made of. */
static bool plausible_char(UChar c)
{
    static const UChar punct[] = {
        0x00A0, 0x00A7, 0x00A9, 0x00AB, 0x00AD, 0x00AE, 0x00B0, 0x00B1,
        0x00B7, 0x00BB, 0x00D7, 0x00F7, 0x2013, 0x2014, 0x2018, 0x2019,
        0x201A, 0x201C, 0x201D, 0x201E, 0x2022, 0x2026, 0x20AC, 0x2116,
        0x2122, 0x2030, 0x2039, 0x203A, 0};
    for (const UChar *p = punct; *p; p++) {
        if (*p == c) {
            return true;
        }
    }
    return u_isalpha(c);
}

static bool is_ascii_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * Does `bytes`, read in the single-byte page `name`, look like text of our
 * languages? Every byte >= 0x80 must be defined there and be a letter or
 * usual punctuation; in a Latin page a letter from a high byte must stand
 * in a word (next to another letter) or be an initial ("Š."): a lone "č"
 * between spaces is far more likely a damaged UTF-8 file than a legacy one.
 */
static bool plausible_sbcs(const char *name, const char *bytes, size_t len,
                           bool latin)
{
    const unsigned char *b = (const unsigned char *)bytes;
    UChar *u = tu_malloc((len + 1) * sizeof(UChar));
    bool ok;

    if (u == NULL) {
        return false;
    }
    ok = decode_sbcs(name, bytes, len, u);
    for (size_t i = 0; ok && i < len; i++) {
        if (b[i] < 0x80) {
            continue;
        }
        if (!plausible_char(u[i])) {
            ok = false;
        } else if (latin && u_isalpha(u[i])) {
            bool before = i > 0 && u_isalpha(u[i - 1]);
            bool after = i + 1 < len && u_isalpha(u[i + 1]);
            bool initial = u_isupper(u[i]) && i + 1 < len && u[i + 1] == '.';
            ok = before || after || initial;
        }
    }
    tu_free(u);
    return ok;
}

/*
 * Which legacy page: Cyrillic (windows-1251) when more words are made only
 * of high bytes than mix them with ASCII letters; among the Latin pages the
 * letters that differ decide: bytes 0x80-0x9F (š ž Š Ž, „ “ – … in
 * windows-1250) exist only in windows-1250, and 0xA9 0xAE 0xB9 0xBE inside
 * words are Š Ž š ž of ISO-8859-2 (©, ®, ą, ľ in windows-1250). č ć đ are
 * the same in both; with nothing else ICU's detector is the hint.
 */
static const char *guess_legacy(const char *bytes, size_t len)
{
    const unsigned char *b = (const unsigned char *)bytes;
    size_t cyr_words = 0, lat_words = 0, latin2 = 0;
    bool c1 = false;
    const char *hint;

    for (size_t i = 0; i < len;) {
        size_t ascii = 0, high = 0, j = i;
        while (j < len && (is_ascii_letter(b[j]) || b[j] >= 0x80)) {
            ascii += b[j] < 0x80;
            high += b[j] >= 0x80;
            j++;
        }
        if (high >= 2 && ascii == 0) {
            cyr_words++;
        } else if (high > 0 && ascii > 0) {
            lat_words++;
        }
        i = j == i ? i + 1 : j;
    }
    for (size_t i = 0; i < len; i++) {
        c1 |= b[i] >= 0x80 && b[i] < 0xA0;
        if ((b[i] == 0xA9 || b[i] == 0xAE || b[i] == 0xB9 || b[i] == 0xBE) &&
            ((i > 0 && is_ascii_letter(b[i - 1])) ||
             (i + 1 < len && is_ascii_letter(b[i + 1])))) {
            latin2++;
        }
    }
    hint = ucsdet_hint(bytes, len);
    if (cyr_words > lat_words) {
        return !c1 && hint != NULL && strcmp(hint, "ISO-8859-5") == 0
                   ? "ISO-8859-5" : "windows-1251";
    }
    if (c1) {
        return "windows-1250";
    }
    if (latin2 > 0) {
        return "ISO-8859-2";
    }
    return hint != NULL && strcmp(hint, "ISO-8859-2") == 0 ? "ISO-8859-2"
                                                           : "windows-1250";
}

/* Length of the well-formed UTF-8 sequence at s (n bytes left), 0 if none. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    size_t l = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
             : s[0] >= 0xE0 && s[0] <= 0xEF ? 3 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;

    if (l == 0 || l > n) {
        return 0;
    }
    return tu_text_utf8_check((const char *)s, l) == l ? l : 0;
}

enum tu_status tu_text_detect(const char *path, const char *bytes, size_t len,
                              const char **name, struct tu_error *err)
{
    const unsigned char *b = (const unsigned char *)bytes;
    const unsigned char *nul;
    size_t bad, good = 0, wrong = 0;
    const char *legacy;
    unsigned long line, col;

    if (len >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
        *name = "UTF-16LE";
        return TU_OK;
    }
    if (len >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
        *name = "UTF-16BE";
        return TU_OK;
    }
    nul = memchr(bytes, '\0', len);
    if (nul != NULL) {
        size_t off = (size_t)(nul - b);
        byte_position(bytes, off, &line, &col);
        return tu_error_at(err, TU_EENCODING, path, line, col,
                           "not a text file: NUL byte at byte offset %zu", off);
    }
    bad = tu_text_utf8_check(bytes, len);
    if (bad == len) {
        *name = "UTF-8";
        return TU_OK;
    }
    /* mostly valid UTF-8 with a few bad bytes is damaged UTF-8, not legacy */
    for (size_t i = 0; i < len;) {
        size_t l = b[i] < 0x80 ? 1 : utf8_seq_len(b + i, len - i);
        good += l > 1;
        wrong += l == 0;
        i += l == 0 ? 1 : l;
    }
    legacy = guess_legacy(bytes, len);
    if (good < wrong &&
        plausible_sbcs(legacy, bytes, len, strcmp(legacy, "windows-1251") != 0 &&
                                               strcmp(legacy, "ISO-8859-5") != 0)) {
        *name = legacy;
        return TU_OK;
    }
    tu_text_position(bytes, len, bad, &line, &col);
    return tu_error_at(err, TU_EENCODING, path, line, col,
                       "invalid UTF-8 byte 0x%02X at byte offset %zu, and the "
                       "file does not read as windows-1250, ISO-8859-2 or "
                       "windows-1251 text either (name its encoding with --encoding)",
                       b[bad], bad);
}

enum tu_status tu_text_to_utf8(const char *path, const char *bytes, size_t len,
                               const char *encoding, struct tu_buf *out,
                               struct tu_error *err)
{
    const char *name = tu_text_encoding_name(encoding);
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cv;
    UChar *u, *target;
    const char *source = bytes;
    enum tu_status rc;

    if (name == NULL) {
        return tu_error_at(err, TU_EINVAL, path, 0, 0, "unknown encoding '%s'",
                           encoding ? encoding : "(none)");
    }
    if (strcmp(name, "UTF-8") == 0) {
        size_t bad = tu_text_utf8_check(bytes, len);
        if (bad < len) {
            return text_bad_utf8(path, bytes, len, bad, err);
        }
        return tu_buf_add(out, bytes, len) == TU_OK
                   ? TU_OK : tu_error_set(err, out->status, "out of memory");
    }
    if (len > INT32_MAX / 4) {
        return tu_error_at(err, TU_ETOOBIG, path, 0, 0, "input too long");
    }
    cv = ucnv_open(name, &st);
    if (U_FAILURE(st)) {
        return tu_error_at(err, TU_EINVAL, path, 0, 0, "unknown encoding '%s'", name);
    }
    ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
    u = tu_malloc((len * 2 + 2) * sizeof(UChar));
    if (u == NULL) {
        ucnv_close(cv);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    target = u;
    /* the BOM, if any, stays as U+FEFF: merge writes it back */
    ucnv_toUnicode(cv, &target, u + len * 2 + 2, &source, bytes + len, NULL,
                   true, &st);
    ucnv_close(cv);
    if (U_FAILURE(st)) {
        size_t off = (size_t)(source - bytes);
        unsigned long line = 1, col = 1;
        off = off > 0 ? off - 1 : 0;
        for (const UChar *p = u; p < target; p++) {
            col = *p == '\n' ? 1 : col + 1;
            line += *p == '\n';
        }
        tu_free(u);
        return tu_error_at(err, TU_EENCODING, path, line, col,
                           "byte 0x%02X at byte offset %zu is not valid in %s",
                           (unsigned)(unsigned char)bytes[off], off, name);
    }
    rc = text_add_u16(out, u, (int32_t)(target - u), err);
    tu_free(u);
    return rc;
}

/* Can code point `c` be written in the converter's encoding? */
static bool encodable(UConverter *cv, uint32_t c)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar u[2];
    char b[16];
    int32_t n = 0;

    U16_APPEND_UNSAFE(u, n, c);
    ucnv_reset(cv);
    ucnv_fromUChars(cv, b, (int32_t)sizeof(b), u, n, &st);
    return U_SUCCESS(st);
}

enum tu_status tu_text_from_utf8(const char *path, const char *text, size_t len,
                                 const char *encoding, struct tu_buf *out,
                                 size_t *bad_off, struct tu_error *err)
{
    const char *name = tu_text_encoding_name(encoding);
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cv;
    UChar *u = NULL;
    int32_t ulen = 0, n;
    size_t cap;
    enum tu_status rc;

    if (name == NULL) {
        return tu_error_at(err, TU_EINVAL, path, 0, 0, "unknown encoding '%s'",
                           encoding ? encoding : "(none)");
    }
    if (strcmp(name, "UTF-8") == 0) {
        return tu_buf_add(out, text, len) == TU_OK
                   ? TU_OK : tu_error_set(err, out->status, "out of memory");
    }
    if ((rc = text_to_u16(text, len, &u, &ulen, err)) != TU_OK) {
        return rc;
    }
    cv = ucnv_open(name, &st);
    if (U_FAILURE(st)) {
        tu_free(u);
        return tu_error_at(err, TU_EINVAL, path, 0, 0, "unknown encoding '%s'", name);
    }
    ucnv_setFromUCallBack(cv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
    cap = (size_t)ulen * (size_t)ucnv_getMaxCharSize(cv) + 4;
    if (tu_buf_reserve(out, cap) != TU_OK) {
        tu_free(u);
        ucnv_close(cv);
        return tu_error_set(err, out->status, "out of memory");
    }
    n = ucnv_fromUChars(cv, out->data + out->len, (int32_t)cap, u, ulen, &st);
    tu_free(u);
    if (U_SUCCESS(st)) {
        ucnv_close(cv);
        out->len += (size_t)n;
        out->data[out->len] = '\0';
        return TU_OK;
    }
    /* find the first character the encoding lacks, for a located message */
    for (size_t i = 0; i < len;) {
        size_t at = i;
        uint32_t c = text_next_cp(text, len, &i);
        if (!encodable(cv, c)) {
            unsigned long line, col;
            ucnv_close(cv);
            tu_text_position(text, len, at, &line, &col);
            if (bad_off != NULL) {
                *bad_off = at;
            }
            return tu_error_at(err, TU_EENCODING, path, line, col,
                               "'%.*s' (U+%04X) cannot be written in %s",
                               (int)(i - at), text + at, (unsigned)c, name);
        }
    }
    ucnv_close(cv);
    return tu_error_set(err, TU_EENCODING, "cannot convert text to %s: %s",
                        name, u_errorName(st));
}
