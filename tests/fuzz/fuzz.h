/*
 * What the fuzz targets (tests/fuzz/fuzz-*.c) share: a failed property
 * aborts with one "PROPERTY FAILED" line (libFuzzer then saves the input as
 * a crash), and the APIs that read a path get the input through an
 * in-memory file.
 */
#ifndef TUMAC_FUZZ_H
#define TUMAC_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include <tumac/tumac.h>

/* Print "PROPERTY FAILED (file:line): message" and abort. */
#define FUZZ_FAIL(...) fuzz_fail(__FILE__, __LINE__, __VA_ARGS__)
_Noreturn void fuzz_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A path ("/proc/self/fd/N") naming an in-memory file that holds exactly
 * `data`; slot 0..3 picks one of a few such files (valid until the next
 * call with the same slot). */
const char *fuzz_file(int slot, const void *data, size_t len);

/* Abort naming `what` and the first differing byte unless a == b. */
void fuzz_same(const char *what, const char *a, size_t alen, const char *b,
               size_t blen);

/* The first diagnostic of `diag` (or err's message) as one line, static. */
const char *fuzz_why(const struct tu_diag *diag, const struct tu_error *err);

/*
 * The filters' property (fuzz-html.c, fuzz-text.c): when extract of `data`
 * as `format` succeeds, merging the untouched extract gives `data` back
 * byte for byte, directly and through the XLIFF file (2.2 and 1.2) that
 * extract would write and merge would read (unless the writer refuses the
 * document with a message: a character XML cannot carry).
 */
void fuzz_extract_merge(const uint8_t *data, size_t size, const char *format);

/* How a merged document is compared with the input (fuzz_same: byte for
 * byte); it aborts naming `what` when they differ. */
typedef void (*fuzz_same_fn)(const char *what, const char *a, size_t alen,
                             const char *b, size_t blen);
/* fuzz_extract_merge comparing with `same`; the extract when it succeeded
 * (the caller frees it), else NULL. An extract that fails must say why,
 * and not with its own round-trip check ("... cannot keep ..."). */
struct tu_doc *fuzz_extract_merge_doc(const uint8_t *data, size_t size,
                                      const char *format, fuzz_same_fn same);

#endif
