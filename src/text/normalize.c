/*
 * Text clean-up for `tumac normalize`: NFC, invisible characters dropped,
 * the single-code-point Latin digraphs split, space runs folded and, on
 * request, quotes restyled for the language. Markup (<...>) is copied as is.
 */
#include <string.h>

#include "text-int.h"
#include <tumac/text.h>

static const char *digraph_split(uint32_t c)
{
    static const char *const tab[] = {"DŽ", "Dž", "dž", "LJ", "Lj", "lj", "NJ", "Nj", "nj"};
    return c >= 0x1C4 && c <= 0x1CC ? tab[c - 0x1C4] : NULL;
}

static bool is_invisible(uint32_t c)
{
    return c == 0xFEFF || c == 0x200B || c == 0x200C || c == 0x200D ||
           c == 0x2060 || c == 0x00AD;
}

static bool is_dquote(uint32_t c)
{
    return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0xAB || c == 0xBB;
}

enum tu_status tu_text_normalize(const char *text, size_t len,
                                 const struct tu_normalize_opts *opts,
                                 struct tu_buf *out, struct tu_error *err)
{
    struct tu_buf nfc;
    enum tu_status st;
    const char *open = NULL, *close = NULL;
    bool in_tag = false, at_line_start = true;
    size_t spaces = 0;
    uint32_t prev = 0;

    if (opts != NULL && opts->quotes && opts->lang != NULL) {
        if (strncmp(opts->lang, "en", 2) == 0) {
            open = "\xE2\x80\x9C";  /* “ */
            close = "\xE2\x80\x9D"; /* ” */
        } else if (strncmp(opts->lang, "bs", 2) == 0 || strncmp(opts->lang, "hr", 2) == 0 ||
                   strncmp(opts->lang, "sr", 2) == 0) {
            open = "\xE2\x80\x9E";  /* „ */
            close = "\xE2\x80\x9C"; /* “ */
        }
    }
    tu_buf_init(&nfc, TU_BUF_NO_LIMIT);
    st = tu_text_nfc(text, len, &nfc, err);
    if (st != TU_OK) {
        tu_buf_release(&nfc);
        return st;
    }
    for (size_t i = 0; i < nfc.len;) {
        size_t at = i;
        uint32_t c = text_next_cp(nfc.data, nfc.len, &i);
        const char *d;

        if (is_invisible(c)) {
            continue;
        }
        if (!in_tag && (c == ' ' || c == '\t')) {
            spaces++;
            continue;
        }
        if (spaces > 0) {
            /* Leading indentation stays; trailing spaces go; runs fold. */
            if (at_line_start) {
                for (size_t k = 0; k < spaces; k++) {
                    tu_buf_add(out, nfc.data + at - spaces + k, 1);
                }
            } else if (c != '\n' && c != '\r') {
                tu_buf_addc(out, ' ');
                prev = ' ';
            }
            spaces = 0;
        }
        at_line_start = c == '\n';
        if (c == '<' && i < nfc.len &&
            (nfc.data[i] == '/' || nfc.data[i] == '!' || (nfc.data[i] | 32) >= 'a') &&
            (nfc.data[i] | 32) <= 'z') {
            in_tag = true;
        } else if (c == '>') {
            in_tag = false;
        }
        if ((d = digraph_split(c)) != NULL) {
            tu_buf_adds(out, d);
        } else if (open != NULL && !in_tag && is_dquote(c)) {
            bool opening = prev == 0 || prev == ' ' || prev == '\n' || prev == '(' ||
                           prev == '[' || prev == 0x2013 || prev == 0x2014 || prev == '\t';
            tu_buf_adds(out, opening ? open : close);
        } else {
            tu_buf_add(out, nfc.data + at, i - at);
        }
        prev = c;
    }
    tu_buf_release(&nfc);
    if (out->status != TU_OK) {
        return tu_error_set(err, out->status, "out of memory");
    }
    return TU_OK;
}
