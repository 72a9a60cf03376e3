/*
 * Bytes in a legacy or Unicode encoding -> UTF-8, with ICU converters and
 * ICU's charset detector for "auto". Invalid input is never replaced: the
 * converter stops at the first bad byte and the error names its offset.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>

#include "text-int.h"
#include "tumac/alloc.h"
#include "tumac/fileio.h"
#include "tumac/text.h"

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

static enum tu_status decode_icu(const char *path, const char *bytes,
                                 size_t len, const char *name,
                                 struct tu_buf *out, struct tu_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cv = ucnv_open(name, &st);
    UChar *u, *target;
    const char *source = bytes;
    enum tu_status rc;

    if (U_FAILURE(st)) {
        return tu_error_at(err, TU_EINVAL, path, 0, 0, "unknown encoding '%s'",
                           name);
    }
    ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
    if (len > INT32_MAX / 4) {
        ucnv_close(cv);
        return tu_error_at(err, TU_ETOOBIG, path, 0, 0, "input too long");
    }
    u = tu_malloc((len * 2 + 2) * sizeof(UChar));
    if (u == NULL) {
        ucnv_close(cv);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    target = u;
    ucnv_toUnicode(cv, &target, u + len * 2 + 2, &source, bytes + len, NULL,
                   true, &st);
    ucnv_close(cv);
    if (U_FAILURE(st)) {
        /* The source pointer stops after the bad sequence. */
        size_t off = (size_t)(source - bytes);
        off = off > 0 ? off - 1 : 0;
        tu_free(u);
        return tu_error_at(err, TU_EENCODING, path, 0, 0,
                           "byte 0x%02X at byte offset %zu is not valid in %s",
                           (unsigned)(unsigned char)bytes[off], off, name);
    }
    {
        UChar *p = u;
        int32_t n = (int32_t)(target - u);
        if (n > 0 && p[0] == 0xFEFF) {
            p++;
            n--;
        }
        rc = text_add_u16(out, p, n, err);
    }
    tu_free(u);
    return rc;
}

/* Does the text hold a well-formed 2- or 3-byte UTF-8 sequence? */
static bool has_utf8_sequence(const char *bytes, size_t len)
{
    const unsigned char *s = (const unsigned char *)bytes;
    for (size_t i = 0; i + 1 < len; i++) {
        if (s[i] >= 0xC2 && s[i] <= 0xDF && (s[i + 1] & 0xC0) == 0x80 &&
            (i + 2 >= len || (s[i + 2] & 0xC0) != 0x80)) {
            return true;
        }
        if (s[i] >= 0xE0 && s[i] <= 0xEF && i + 2 < len && (s[i + 1] & 0xC0) == 0x80 &&
            (s[i + 2] & 0xC0) == 0x80) {
            return true;
        }
    }
    return false;
}

static const char *detect(const char *bytes, size_t len)
{
    UErrorCode st = U_ZERO_ERROR;
    UCharsetDetector *d;
    const UCharsetMatch *m;
    const char *name = NULL;
    bool high = false, c1 = false;

    if (len >= 2 && (unsigned char)bytes[0] == 0xFF && (unsigned char)bytes[1] == 0xFE) {
        return "UTF-16LE";
    }
    if (len >= 2 && (unsigned char)bytes[0] == 0xFE && (unsigned char)bytes[1] == 0xFF) {
        return "UTF-16BE";
    }
    if (tu_text_utf8_check(bytes, len) == len || has_utf8_sequence(bytes, len)) {
        /* Valid UTF-8, or UTF-8 with a bad byte (reported, not guessed away). */
        return "UTF-8";
    }
    d = ucsdet_open(&st);
    ucsdet_setText(d, bytes, len > INT32_MAX ? INT32_MAX : (int32_t)len, &st);
    m = ucsdet_detect(d, &st);
    if (U_SUCCESS(st) && m != NULL) {
        const char *got = ucsdet_getName(m, &st);
        if (U_SUCCESS(st) && got != NULL) {
            name = static_name(got);
        }
    }
    ucsdet_close(d);
    /*
     * The detector tells Latin from Cyrillic well but prefers ISO names;
     * bytes 0x80-0x9F exist only in the windows code pages.
     */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)bytes[i];
        high |= c >= 0xA0;
        c1 |= c >= 0x80 && c < 0xA0;
    }
    if (name == NULL || strncmp(name, "UTF", 3) == 0) {
        name = "windows-1250";
    }
    if (strcmp(name, "ISO-8859-2") == 0 && c1) {
        name = "windows-1250";
    }
    if (strcmp(name, "ISO-8859-5") == 0 && c1) {
        name = "windows-1251";
    }
    if ((strcmp(name, "ISO-8859-1") == 0 || strcmp(name, "windows-1252") == 0)) {
        name = c1 ? "windows-1250" : "ISO-8859-2";
    }
    if (strcmp(name, "KOI8-R") == 0) {
        name = "windows-1251";
    }
    (void)high;
    return name;
}

enum tu_status tu_text_decode(const char *path, const char *bytes, size_t len,
                              const char *encoding, struct tu_buf *out,
                              const char **detected, struct tu_error *err)
{
    const char *name = encoding;
    enum tu_status st;

    if (name == NULL || strcasecmp(name, "auto") == 0) {
        name = detect(bytes, len);
    } else if (strcasecmp(name, "UTF-16") == 0) {
        if (len < 2 || !(((unsigned char)bytes[0] == 0xFF && (unsigned char)bytes[1] == 0xFE) ||
                         ((unsigned char)bytes[0] == 0xFE && (unsigned char)bytes[1] == 0xFF))) {
            return tu_error_at(err, TU_EENCODING, path, 1, 1,
                               "UTF-16 input without a byte order mark");
        }
        name = (unsigned char)bytes[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
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
