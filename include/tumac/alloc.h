/*
 * All library allocation goes through these, so tests can count allocations
 * and inject failures (TU_TEST_FAIL_ALLOC=N fails the N-th one when the
 * library is built with -DTU_TEST_ALLOC). They never abort: NULL means
 * out of memory, and the caller returns TU_ENOMEM.
 */
#ifndef TUMAC_ALLOC_H
#define TUMAC_ALLOC_H

#include <stddef.h>

void *tu_malloc(size_t n);
void *tu_calloc(size_t count, size_t size);
/* Like realloc; on failure returns NULL and leaves `p` untouched. */
void *tu_realloc(void *p, size_t n);
/* Grow an array of `size`-byte items to hold at least `need`; updates *cap. */
void *tu_grow(void *p, size_t size, size_t need, size_t *cap);
void tu_free(void *p);
/* Copies; NULL in gives NULL out (not an error), NULL on failure otherwise. */
char *tu_strdup(const char *s);
char *tu_strndup(const char *s, size_t n);

#endif
