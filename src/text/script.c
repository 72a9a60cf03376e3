/*
 * The script of a character, for the script check (src/check/script.c):
 * ICU's Script property, so that a Latin "e" inside a Cyrillic word is told
 * from a Cyrillic "е" that looks the same.
 */
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <tumac/text.h>

void tu_text_char_script(const char *s, size_t len, size_t *i, bool *word,
                         enum tu_script *script)
{
    UChar32 c;
    int32_t at = (int32_t)*i;
    UErrorCode e = U_ZERO_ERROR;

    U8_NEXT(s, at, (int32_t)len, c);
    *i = (size_t)at;
    *word = false;
    *script = TU_SCRIPT_NONE;
    if (c < 0) {
        return; /* an invalid byte: not part of a word */
    }
    *word = u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
    switch (uscript_getScript(c, &e)) {
    case USCRIPT_LATIN: *script = TU_SCRIPT_LATIN; break;
    case USCRIPT_CYRILLIC: *script = TU_SCRIPT_CYRILLIC; break;
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED: *script = TU_SCRIPT_NONE; break;
    default: *script = TU_SCRIPT_OTHER; break;
    }
}
