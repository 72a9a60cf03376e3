/*
 * The unit test runner: runs every test listed in build/test-list.h (made
 * from the TEST lines of the tests/unit files), or only those named on the command
 * line, and ends with "N passed, N failed".
 */
#include <stdio.h>
#include <string.h>

#include "test.h"

int test_failures;

#define X(name) void test_##name(void);
#include "test-list.h"
#undef X

struct test_case {
    const char *name;
    void (*fn)(void);
};

#define X(name) {#name, test_##name},
static const struct test_case tests[] = {
#include "test-list.h"
};
#undef X

int main(int argc, char **argv)
{
    int passed = 0;
    int failed = 0;

    for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
        int before = test_failures;
        int selected = argc < 2;
        for (int a = 1; a < argc; a++) {
            if (strcmp(argv[a], tests[i].name) == 0) {
                selected = 1;
            }
        }
        if (!selected) {
            continue;
        }
        tests[i].fn();
        if (test_failures == before) {
            passed++;
        } else {
            failed++;
            printf("FAIL unit %s\n", tests[i].name);
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
