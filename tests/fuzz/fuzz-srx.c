/*
 * SRX load -> segment. The input is an SRX document, optionally followed by
 * a NUL byte and the text to split (else a fixed paragraph); the language
 * is picked by the input's length. Properties, for any SRX file the loader
 * accepts and any valid UTF-8 text:
 *  - the breaks ascend strictly, lie strictly inside the text and fall on
 *    character boundaries;
 *  - splitting the same text again gives the same breaks.
 */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

static const char default_text[] =
    "Dr. Petrović je 12. 3. 2024. otvorio forum u 10 h. Zatim je rekao: "
    "\"Mladi su važni!\" Da li je to tačno? Mr. Smith, e.g. the U.S. envoy, "
    "agreed\xEF\xBF\xBC. Sve je počelo u 9.30 h... Кад је дошао, било је касно.";

static void check_breaks(const char *text, size_t len, const size_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (b[i] == 0 || b[i] >= len || (i > 0 && b[i] <= b[i - 1])) {
            FUZZ_FAIL("break %zu at %zu is out of order or outside the text (length %zu)",
                      i, b[i], len);
        }
        if (((unsigned char)text[b[i]] & 0xC0) == 0x80) {
            FUZZ_FAIL("break %zu at %zu falls inside a UTF-8 character", i, b[i]);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const langs[] = {"en", "sr-Latn", "hr", "bs", "sr-Cyrl"};
    const char *in = (const char *)data;
    const char *nul = memchr(in, '\0', size);
    size_t srx_len = nul ? (size_t)(nul - in) : size;
    const char *text = nul ? nul + 1 : default_text;
    size_t len = nul ? size - srx_len - 1 : sizeof default_text - 1;
    struct tu_error err = {0};
    struct tu_segmenter *s = NULL;
    size_t *b1 = NULL, *b2 = NULL, n1 = 0, n2 = 0;

    if (tu_segmenter_new(langs[size % 5], fuzz_file(0, in, srx_len), &s, &err) != TU_OK) {
        return 0;
    }
    if (tu_segmenter_split(s, text, len, &b1, &n1, &err) == TU_OK) {
        check_breaks(text, len, b1, n1);
        if (tu_segmenter_split(s, text, len, &b2, &n2, &err) != TU_OK) {
            FUZZ_FAIL("a second split of the same text failed: %s", fuzz_why(NULL, &err));
        }
        if (n1 != n2 || (n1 > 0 && memcmp(b1, b2, n1 * sizeof *b1) != 0)) {
            FUZZ_FAIL("a second split of the same text gave %zu breaks, the first %zu", n2, n1);
        }
    } else if (tu_text_utf8_check(text, len) == len && err.code != TU_ETOOBIG) {
        FUZZ_FAIL("splitting valid UTF-8 failed: %s", fuzz_why(NULL, &err));
    }
    tu_free(b1);
    tu_free(b2);
    tu_segmenter_free(s);
    return 0;
}
