/*
 * tu_buf: a growable, NUL-terminated buffer of bytes (UTF-8 by convention).
 * Invariants: `data` is never NULL, data[len] == '\0', len <= limit.
 * The first failure is sticky: later appends do nothing, so a caller can
 * build a whole string and check the status once at the end.
 */
#ifndef TUMAC_BUF_H
#define TUMAC_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "error.h"

#define TU_BUF_NO_LIMIT ((size_t)-1)

struct tu_buf {
    char *data;
    size_t len;
    size_t cap;            /* private: 0 while data points at a static "" */
    size_t limit;          /* hard ceiling chosen by the owner */
    enum tu_status status; /* first error, or TU_OK */
};

/* Make `b` empty with ceiling `limit`; cannot fail, allocates nothing. */
void tu_buf_init(struct tu_buf *b, size_t limit);

/* Append `n` bytes of `src`; returns the buffer's sticky status. */
enum tu_status tu_buf_add(struct tu_buf *b, const void *src, size_t n);
enum tu_status tu_buf_adds(struct tu_buf *b, const char *s);
enum tu_status tu_buf_addc(struct tu_buf *b, char c);
enum tu_status tu_buf_printf(struct tu_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
enum tu_status tu_buf_vprintf(struct tu_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Make room for `n` more bytes without changing len. */
enum tu_status tu_buf_reserve(struct tu_buf *b, size_t n);

/* Set len to `len` (<= current len): keeps the storage. */
void tu_buf_truncate(struct tu_buf *b, size_t len);

/*
 * Give the storage to the caller, who must tu_free() it; `b` is left empty.
 * Returns NULL if the buffer is in an error state (and releases it).
 */
char *tu_buf_detach(struct tu_buf *b, size_t *len_out);

/* Free the storage; `b` is empty (status TU_OK) and reusable afterwards. */
void tu_buf_release(struct tu_buf *b);

#endif
