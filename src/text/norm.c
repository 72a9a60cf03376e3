/*
 * NFC, UTF-8 validation and the UTF-8/UTF-16 bridge used by the whole text
 * module, plus the TM matching key (NFC + case fold + script fold).
 * Invariant: every public function validates its UTF-8 input first, so a bad
 * byte is reported with its place instead of being replaced.
 */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "text-int.h"
#include <tumac/alloc.h>
#include <tumac/fileio.h>
#include <tumac/text.h>

size_t tu_text_utf8_check(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;

    while (i < len) {
        unsigned char c = s[i];
        size_t n;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (len - i <= n) {
            return i;
        }
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) {
                return i;
            }
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF)) {
            return i;
        }
        i += n + 1;
    }
    return len;
}

enum tu_status text_bad_utf8(const char *path, const char *text, size_t len,
                             size_t off, struct tu_error *err)
{
    unsigned long line, col;

    tu_text_position(text, len, off, &line, &col);
    return tu_error_at(err, TU_EENCODING, path, line, col,
                       "invalid UTF-8 byte 0x%02X at byte offset %zu",
                       (unsigned)(unsigned char)text[off], off);
}

enum tu_status text_to_u16(const char *text, size_t len, UChar **out,
                           int32_t *u16len, struct tu_error *err)
{
    size_t bad = tu_text_utf8_check(text, len);
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0;
    UChar *u;

    *out = NULL;
    if (bad < len) {
        return text_bad_utf8(NULL, text, len, bad, err);
    }
    if (len > INT32_MAX / 2) {
        return tu_error_set(err, TU_ETOOBIG, "text of %zu bytes is too long", len);
    }
    u = tu_malloc((len + 1) * sizeof(UChar));
    if (u == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    u_strFromUTF8(u, (int32_t)len + 1, &n, text, (int32_t)len, &st);
    if (U_FAILURE(st)) {
        tu_free(u);
        return tu_error_set(err, TU_EENCODING, "cannot convert text: %s",
                            u_errorName(st));
    }
    *out = u;
    *u16len = n;
    return TU_OK;
}

enum tu_status text_add_u16(struct tu_buf *out, const UChar *s, int32_t u16len,
                            struct tu_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0;
    size_t cap = (size_t)u16len * 3 + 1;

    if (tu_buf_reserve(out, cap) != TU_OK) {
        return tu_error_set(err, out->status, "out of memory");
    }
    u_strToUTF8(out->data + out->len, (int32_t)cap, &n, s, u16len, &st);
    if (U_FAILURE(st)) {
        return tu_error_set(err, TU_EENCODING, "cannot convert text: %s",
                            u_errorName(st));
    }
    out->len += (size_t)n;
    out->data[out->len] = '\0';
    return TU_OK;
}

void text_add_cp(struct tu_buf *out, uint32_t c)
{
    char b[4];
    size_t n;

    if (c < 0x80) {
        b[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        b[0] = (char)(0xC0 | (c >> 6));
        b[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        b[0] = (char)(0xE0 | (c >> 12));
        b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (c >> 18));
        b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    tu_buf_add(out, b, n);
}

uint32_t text_next_cp(const char *s, size_t len, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c = u[*i];
    size_t n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;

    if (n > 0) {
        c &= 0x3F >> n;
    }
    (*i)++;
    for (size_t k = 0; k < n && *i < len; k++) {
        c = (c << 6) | (u[*i] & 0x3F);
        (*i)++;
    }
    return c;
}

static enum tu_status nfc_u16(const UChar *u, int32_t n, UChar **out,
                              int32_t *outlen, struct tu_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    int32_t cap = n + n / 2 + 16;
    UChar *r;

    if (U_FAILURE(st)) {
        return tu_error_set(err, TU_EUNSUPPORTED, "no NFC data: %s",
                            u_errorName(st));
    }
    for (;;) {
        r = tu_malloc((size_t)cap * sizeof(UChar));
        if (r == NULL) {
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
        st = U_ZERO_ERROR;
        *outlen = unorm2_normalize(nfc, u, n, r, cap, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR) {
            cap = *outlen + 1;
            tu_free(r);
            continue;
        }
        if (U_FAILURE(st)) {
            tu_free(r);
            return tu_error_set(err, TU_EENCODING, "NFC failed: %s",
                                u_errorName(st));
        }
        *out = r;
        return TU_OK;
    }
}

/* True when the text is plain ASCII (already NFC, nothing to do). */
static bool is_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)s[i] >= 0x80) {
            return false;
        }
    }
    return true;
}

enum tu_status tu_text_nfc(const char *text, size_t len, struct tu_buf *out,
                           struct tu_error *err)
{
    UChar *u = NULL, *r = NULL;
    int32_t n = 0, rn = 0;
    enum tu_status st;

    if (is_ascii(text, len)) {
        if (tu_buf_add(out, text, len) != TU_OK) {
            return tu_error_set(err, out->status, "out of memory");
        }
        return TU_OK;
    }
    st = text_to_u16(text, len, &u, &n, err);
    if (st == TU_OK) {
        st = nfc_u16(u, n, &r, &rn, err);
    }
    if (st == TU_OK) {
        st = text_add_u16(out, r, rn, err);
    }
    tu_free(u);
    tu_free(r);
    return st;
}

/* Lower-case Serbian Cyrillic -> Latin, for the matching key. */
static const char *cyr_fold(uint32_t c)
{
    static const char *const tab[] = {
        /* U+0430.. а б в г д е ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я */
        "a", "b", "v", "g", "d", "e", "ž", "z", "i", "j", "k", "l", "m",
        "n", "o", "p", "r", "s", "t", "u", "f", "h", "c", "č", "š", "šč",
        "", "y", "", "e", "ju", "ja",
    };
    if (c >= 0x430 && c <= 0x44F) {
        return tab[c - 0x430];
    }
    switch (c) {
    case 0x452: return "đ";
    case 0x458: return "j";
    case 0x459: return "lj";
    case 0x45A: return "nj";
    case 0x45B: return "ć";
    case 0x45F: return "dž";
    case 0x455: return "dz";
    case 0x1C6: return "dž";
    case 0x1C9: return "lj";
    case 0x1CC: return "nj";
    default: return NULL;
    }
}

static bool is_quote(uint32_t c, bool *is_single)
{
    switch (c) {
    case '"': case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x00AB: case 0x00BB: case 0x2033: case 0x301D: case 0x301E:
        *is_single = false;
        return true;
    case '\'': case 0x2018: case 0x2019: case 0x201A: case 0x201B:
    case 0x2039: case 0x203A: case 0x2032: case 0x02BC:
        *is_single = true;
        return true;
    default:
        return false;
    }
}

enum tu_status tu_text_match_key(const char *text, size_t len,
                                 struct tu_buf *out, struct tu_error *err)
{
    UChar *u = NULL, *r = NULL, *f = NULL;
    int32_t n = 0, rn = 0, fn = 0;
    UErrorCode ust = U_ZERO_ERROR;
    struct tu_buf folded;
    enum tu_status st;
    bool space = false, any = false;

    st = text_to_u16(text, len, &u, &n, err);
    if (st == TU_OK) {
        st = nfc_u16(u, n, &r, &rn, err);
    }
    if (st == TU_OK) {
        f = tu_malloc(((size_t)rn * 3 + 1) * sizeof(UChar));
        if (f == NULL) {
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
        } else {
            fn = u_strFoldCase(f, rn * 3 + 1, r, rn, U_FOLD_CASE_DEFAULT, &ust);
            if (U_FAILURE(ust)) {
                st = tu_error_set(err, TU_EINVAL, "case folding failed: %s",
                                  u_errorName(ust));
            }
        }
    }
    tu_buf_init(&folded, TU_BUF_NO_LIMIT);
    if (st == TU_OK) {
        st = text_add_u16(&folded, f, fn, err);
    }
    tu_free(u);
    tu_free(r);
    tu_free(f);
    if (st != TU_OK) {
        tu_buf_release(&folded);
        return st;
    }
    for (size_t i = 0; i < folded.len;) {
        uint32_t c = text_next_cp(folded.data, folded.len, &i);
        const char *m;
        bool single;
        if (u_isUWhiteSpace((UChar32)c) || c == 0x200B || c == 0xFEFF) {
            if (c != 0x200B && c != 0xFEFF) {
                space = any;
            }
            continue;
        }
        if (c == 0x00AD || c == 0x200C || c == 0x200D) {
            continue;
        }
        if (space) {
            tu_buf_addc(out, ' ');
            space = false;
        }
        any = true;
        if ((m = cyr_fold(c)) != NULL) {
            tu_buf_adds(out, m);
        } else if (is_quote(c, &single)) {
            tu_buf_addc(out, single ? '\'' : '"');
        } else {
            text_add_cp(out, c);
        }
    }
    tu_buf_release(&folded);
    if (out->status != TU_OK) {
        return tu_error_set(err, out->status, "out of memory");
    }
    return TU_OK;
}
