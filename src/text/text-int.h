/*
 * Text-module internals: UTF-8 <-> UTF-16 bridging for ICU. UChar buffers
 * never leave src/text/.
 */
#ifndef TUMAC_TEXT_INT_H
#define TUMAC_TEXT_INT_H

#include <stdint.h>

#include <unicode/utypes.h>

#include <tumac/buf.h>
#include <tumac/error.h>

/* UTF-8 -> freshly tu_malloc'ed UTF-16 (*u16len units); invalid UTF-8 is TU_EENCODING. */
enum tu_status text_to_u16(const char *text, size_t len, UChar **out,
                           int32_t *u16len, struct tu_error *err);
/* Append UTF-16 to a buffer as UTF-8. */
enum tu_status text_add_u16(struct tu_buf *out, const UChar *s, int32_t u16len,
                            struct tu_error *err);
/* Append code point `c` as UTF-8. */
void text_add_cp(struct tu_buf *out, uint32_t c);
/* Decode one UTF-8 code point at s[*i] (valid input assumed); advances *i. */
uint32_t text_next_cp(const char *s, size_t len, size_t *i);
/* Locate an invalid byte: fills err with TU_EENCODING and its place. */
enum tu_status text_bad_utf8(const char *path, const char *text, size_t len,
                             size_t off, struct tu_error *err);

#endif
