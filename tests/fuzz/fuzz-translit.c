/*
 * Serbian Latin -> Cyrillic -> Latin is the identity on Serbian text. The
 * fuzz bytes are mapped onto such text, so the property holds by
 * construction:
 *  - letters are the 27 single letters of Serbian Latin (lj, nj, dž arise
 *    as two letters in a row; q w x y and the one-code-point digraphs ǆ ǉ ǌ
 *    are not Serbian and are left out), precomposed, so NFC changes nothing;
 *  - a word is all lower case, Title case or ALL CAPS. Mixed case inside a
 *    word ("lJubav", "LJubav") is not: Cyrillic has one letter for lj, so
 *    "lJ" cannot come back;
 *  - between words: spaces, a new line and punctuation.
 * Words the transliterator keeps in Latin (Roman numerals, foreign words,
 * file and domain names) come back unchanged as well, so they need no care.
 * A word that is a single digraph letter in Title case ("Lj", "Nj", "Dž":
 * an initial, as in "Lj. Petrović") goes back in capitals: ICU's Cyrillic
 * -> Latin writes a Љ with no lower-case letter after it as "LJ" (the
 * initials fault of the foreign-text transliteration issue). The generator
 * writes such a word in capitals.
 */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

static const char *const letters[] = {
    "a", "b", "c", "č", "ć", "d", "đ", "e", "f", "g", "h", "i", "j", "k",
    "l", "m", "n", "o", "p", "r", "s", "š", "t", "u", "v", "z", "ž",
};
static const char *const upper[] = {
    "A", "B", "C", "Č", "Ć", "D", "Đ", "E", "F", "G", "H", "I", "J", "K",
    "L", "M", "N", "O", "P", "R", "S", "Š", "T", "U", "V", "Z", "Ž",
};
#define NLETTERS (sizeof letters / sizeof letters[0])
static const char *const gaps[] = {
    " ", " ", " ", ", ", ". ", "\n", "-", "! ", "? ", " (", ") ", " „", "“ ", ": ", "; ",
    " \"", "\" ", "...", " – ",
};
#define NGAPS (sizeof gaps / sizeof gaps[0])

enum word_case { CASE_LOWER, CASE_TITLE, CASE_UPPER };

/* Append one word of letter indexes `w[0..n)` in case `wc`. */
static void add_word(struct tu_buf *out, const unsigned char *w, size_t n, enum word_case wc)
{
    /* lj, nj, dž alone in Title case: see the top of the file */
    bool one_digraph = n == 2 && ((w[0] == 14 && w[1] == 12) || (w[0] == 16 && w[1] == 12) ||
                                  (w[0] == 5 && w[1] == 26));
    if (wc == CASE_TITLE && one_digraph) {
        wc = CASE_UPPER;
    }
    for (size_t i = 0; i < n; i++) {
        bool up = wc == CASE_UPPER || (wc == CASE_TITLE && i == 0);
        tu_buf_adds(out, up ? upper[w[i]] : letters[w[i]]);
    }
}

/* Bytes below 216 are letters (their quotient by 27 sets the case of the
 * word they start); the others are gaps between words. */
static void make_text(const uint8_t *data, size_t size, struct tu_buf *out)
{
    unsigned char word[64];
    size_t n = 0;
    enum word_case wc = CASE_LOWER;

    for (size_t i = 0; i <= size; i++) {
        if (i < size && data[i] < 216) {
            if (n == sizeof word) { /* a long word: cut it with a space */
                add_word(out, word, n, wc);
                tu_buf_adds(out, " ");
                n = 0;
            }
            if (n == 0) {
                unsigned q = data[i] / NLETTERS; /* 0..7 */
                wc = q < 5 ? CASE_LOWER : q < 7 ? CASE_TITLE : CASE_UPPER;
            }
            word[n++] = (unsigned char)(data[i] % NLETTERS);
            continue;
        }
        add_word(out, word, n, wc);
        n = 0;
        if (i < size && data[i] >= 216) {
            tu_buf_adds(out, gaps[(data[i] - 216) % NGAPS]);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct tu_translit *to_cyrl, *to_latn;
    struct tu_error err = {0};
    struct tu_buf lat, cyr, back;

    if (to_cyrl == NULL && (tu_translit_new("sr-Cyrl", NULL, &to_cyrl, &err) != TU_OK ||
                            tu_translit_new("sr-Latn", NULL, &to_latn, &err) != TU_OK)) {
        FUZZ_FAIL("cannot make the transliterators: %s", fuzz_why(NULL, &err));
    }
    tu_buf_init(&lat, TU_BUF_NO_LIMIT);
    tu_buf_init(&cyr, TU_BUF_NO_LIMIT);
    tu_buf_init(&back, TU_BUF_NO_LIMIT);
    make_text(data, size, &lat);
    if (tu_translit_apply(to_cyrl, lat.data, lat.len, &cyr, &err) != TU_OK ||
        tu_translit_apply(to_latn, cyr.data, cyr.len, &back, &err) != TU_OK) {
        FUZZ_FAIL("transliteration of Serbian Latin text failed: %s", fuzz_why(NULL, &err));
    }
    if (back.len != lat.len || memcmp(back.data, lat.data, lat.len) != 0) {
        fprintf(stderr, "Latin:    %s\nCyrillic: %s\nback:     %s\n", lat.data, cyr.data,
                back.data);
    }
    fuzz_same("Latin -> Cyrillic -> Latin is not the identity", lat.data, lat.len, back.data,
              back.len);
    tu_buf_release(&lat);
    tu_buf_release(&cyr);
    tu_buf_release(&back);
    return 0;
}
