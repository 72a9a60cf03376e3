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

#include <tumac/tumac.h>

extern int test_failures;

#define TEST(name) void test_##name(void); void test_##name(void)

/*
 * A failed CHECK or CHECK_STR ends the test at once (what follows may rely
 * on it). What the test holds is freed on that early return as on the
 * normal end when its variable is declared OWNED by its release function,
 * initialised in the declaration (GCC/Clang cleanup attribute):
 *     OWNED(tu_buf_release) struct tu_buf b = {0};
 *     OWNED(own_doc) struct tu_doc *doc = make_doc(...);
 * A test that frees early calls the own_ function (it frees and sets NULL).
 */
#define OWNED(release) __attribute__((cleanup(release)))

#define TEST_OWN(name, type, release)                                         \
    static inline void name(type **p)                                         \
    {                                                                         \
        release(*p);                                                          \
        *p = NULL;                                                            \
    }
TEST_OWN(own_doc, struct tu_doc, tu_doc_free)
TEST_OWN(own_tm, struct tu_tm, tu_tm_close)
TEST_OWN(own_lev, struct tu_leverage, tu_leverage_free)
TEST_OWN(own_segmenter, struct tu_segmenter, tu_segmenter_free)
TEST_OWN(own_translit, struct tu_translit, tu_translit_free)
TEST_OWN(own_lev_ref, struct tu_lev_ref, tu_lev_ref_free)
TEST_OWN(own_batch_report, struct tu_batch_report, tu_batch_report_free)
#undef TEST_OWN

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
