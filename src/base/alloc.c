/*
 * The library's allocator: one place to count allocations and, in test
 * builds (-DTU_TEST_ALLOC), to fail the N-th one (TU_TEST_FAIL_ALLOC=N) so
 * tests can check that every failure unwinds cleanly (tests/cli/090), and
 * to report the count at exit (TU_TEST_COUNT_ALLOC set).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tumac/alloc.h>

#ifdef TU_TEST_ALLOC
static long fail_at = -1; /* -1: not read yet; 0: never fail */
static long alloc_count;

static void report_count(void)
{
    fprintf(stderr, "tumac-test-allocations: %ld\n", alloc_count);
}

static int should_fail(void)
{
    if (fail_at < 0) {
        const char *s = getenv("TU_TEST_FAIL_ALLOC");
        fail_at = s ? strtol(s, NULL, 10) : 0;
        /* TU_TEST_COUNT_ALLOC: say at exit how many there were, so a test
         * knows how far to go. */
        if (getenv("TU_TEST_COUNT_ALLOC") != NULL) {
            atexit(report_count);
        }
    }
    alloc_count++;
    return fail_at > 0 && alloc_count == fail_at;
}
#else
static int should_fail(void)
{
    return 0;
}
#endif

void *tu_malloc(size_t n)
{
    if (should_fail()) {
        return NULL;
    }
    return malloc(n ? n : 1);
}

void *tu_calloc(size_t count, size_t size)
{
    if (should_fail()) {
        return NULL;
    }
    return calloc(count ? count : 1, size ? size : 1);
}

void *tu_realloc(void *p, size_t n)
{
    if (should_fail()) {
        return NULL;
    }
    return realloc(p, n ? n : 1);
}

void *tu_grow(void *p, size_t size, size_t need, size_t *cap)
{
    size_t n = *cap ? *cap : 8;
    void *q;

    if (need <= *cap && p != NULL) {
        return p;
    }
    while (n < need) {
        if (n > SIZE_MAX / 2) {
            return NULL;
        }
        n *= 2;
    }
    if (size != 0 && n > SIZE_MAX / size) {
        return NULL;
    }
    q = tu_realloc(p, n * size);
    if (q == NULL) {
        return NULL;
    }
    *cap = n;
    return q;
}

void tu_free(void *p)
{
    free(p);
}

char *tu_strndup(const char *s, size_t n)
{
    char *d;

    if (s == NULL) {
        return NULL;
    }
    d = tu_malloc(n + 1);
    if (d == NULL) {
        return NULL;
    }
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *tu_strdup(const char *s)
{
    return s ? tu_strndup(s, strlen(s)) : NULL;
}
