/*
 * A dependency-free unit test harness. Write `TEST(name) { ... CHECK(...); }`
 * in any tests/unit/test_*.c file: the Makefile collects every TEST line into
 * build/test-list.h, and run.c runs them all ("./test-unit NAME" runs one).
 * Tests run from the repository root; SHARED_DIR is ../shared.
 */
#ifndef TUMAC_TEST_H
#define TUMAC_TEST_H

#include <stdio.h>
#include <string.h>

extern int test_failures;

#define TEST(name) void test_##name(void); void test_##name(void)

#define CHECK(cond)                                                           \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,  \
                    #cond);                                                   \
            test_failures++;                                                  \
            return;                                                           \
        }                                                                     \
    } while (0)

/* Compare two strings, printing both on failure. */
#define CHECK_STR(got, want)                                                  \
    do {                                                                      \
        const char *got_ = (got);                                             \
        const char *want_ = (want);                                           \
        if (got_ == NULL || want_ == NULL || strcmp(got_, want_) != 0) {      \
            fprintf(stderr, "%s:%d: %s\n  got:  \"%s\"\n  want: \"%s\"\n",    \
                    __FILE__, __LINE__, #got, got_ ? got_ : "(null)",         \
                    want_ ? want_ : "(null)");                                \
            test_failures++;                                                  \
            return;                                                           \
        }                                                                     \
    } while (0)

#define SHARED_DIR "../shared"

#endif
