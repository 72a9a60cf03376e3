/* Helpers of the fuzz targets (see fuzz.h). */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"

_Noreturn void fuzz_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "PROPERTY FAILED (%s:%d): ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

const char *fuzz_file(int slot, const void *data, size_t len)
{
    static int fds[4] = {-1, -1, -1, -1};
    static char paths[4][32];

    if (fds[slot] < 0) {
        fds[slot] = memfd_create("tumac-fuzz", 0);
        if (fds[slot] < 0) {
            perror("memfd_create");
            abort();
        }
        snprintf(paths[slot], sizeof paths[slot], "/proc/self/fd/%d", fds[slot]);
    }
    if (ftruncate(fds[slot], 0) != 0 ||
        (len > 0 && pwrite(fds[slot], data, len, 0) != (ssize_t)len)) {
        perror("fuzz_file");
        abort();
    }
    return paths[slot];
}

void fuzz_same(const char *what, const char *a, size_t alen, const char *b,
               size_t blen)
{
    size_t n = alen < blen ? alen : blen, i = 0;

    while (i < n && a[i] == b[i]) {
        i++;
    }
    if (i < n || alen != blen) {
        size_t from = i > 40 ? i - 40 : 0;
        FUZZ_FAIL("%s: they differ at byte %zu (lengths %zu, %zu):\n"
                  "  first:  ...%.*s...\n  second: ...%.*s...",
                  what, i, alen, blen, (int)(alen - from < 80 ? alen - from : 80),
                  a + from, (int)(blen - from < 80 ? blen - from : 80), b + from);
    }
}

const char *fuzz_why(const struct tu_diag *diag, const struct tu_error *err)
{
    static char line[1200];

    if (diag != NULL && diag->count > 0) {
        const struct tu_diag_entry *e = &diag->items[0];
        snprintf(line, sizeof line, "line %lu: %s", e->line, e->msg);
    } else {
        snprintf(line, sizeof line, "%s:%lu:%lu: %s (%s)", err->path, err->line,
                 err->column, err->msg, tu_status_name(err->code));
    }
    return line;
}

static void merge_same(const struct tu_doc *doc, const uint8_t *data, size_t size,
                       const char *how, fuzz_same_fn same)
{
    /* in the input's encoding: a legacy page detected by extract */
    struct tu_merge_opts mo = {.encoding = "original"};
    struct tu_error err = {0};
    struct tu_diag diag = {0};
    struct tu_buf out;

    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    if (tu_merge_doc(doc, &mo, &out, &diag, &err) != TU_OK) {
        FUZZ_FAIL("merge %s of an untouched extract failed: %s", how, fuzz_why(NULL, &err));
    }
    {
        char what[128];
        snprintf(what, sizeof what, "merge(extract(x)) != x (%s)", how);
        same(what, (const char *)data, size, out.data, out.len);
    }
    tu_buf_release(&out);
    tu_diag_release(&diag);
}

struct tu_doc *fuzz_extract_merge_doc(const uint8_t *data, size_t size,
                                      const char *format, fuzz_same_fn same)
{
    struct tu_extract_opts o = {.src_lang = "en", .trg_lang = "sr-Latn", .format = format};
    static const enum tu_xliff_version versions[] = {TU_XLIFF_2_2, TU_XLIFF_1_2};
    struct tu_error err = {0};
    struct tu_doc *doc = NULL;

    if (tu_extract_memory((const char *)data, size, "input", &o, &doc, &err) != TU_OK) {
        /* a refusal says why; extract's own round-trip check failing ("the
         * html filter cannot keep ... (please report it)") is a filter bug
         * that would otherwise pass here as a clean error */
        if (err.msg[0] == '\0' ||
            (err.code == TU_EUNSUPPORTED && strncmp(err.msg, "the ", 4) == 0 &&
             strstr(err.msg, " filter cannot keep ") != NULL)) {
            FUZZ_FAIL("extract as %s: %s", format, fuzz_why(NULL, &err));
        }
        return NULL;
    }
    merge_same(doc, data, size, "in memory", same);
    for (size_t i = 0; i < 2; i++) {
        const char *vn = tu_xliff_version_name(versions[i]);
        struct tu_buf x;
        struct tu_doc *back = NULL;
        char how[64];
        tu_buf_init(&x, TU_BUF_NO_LIMIT);
        if (tu_xliff_write_buf(doc, versions[i], &x, &err) != TU_OK) {
            /* the writer refuses what XML cannot carry, with a message */
            if (err.msg[0] == '\0') {
                FUZZ_FAIL("XLIFF %s writer failed without a message", vn);
            }
            tu_error_clear(&err);
            tu_buf_release(&x);
            continue;
        }
        if (tu_xliff_read_memory(x.data, x.len, "extract.xlf", &back, &err) != TU_OK) {
            fprintf(stderr, "%s\n", x.data);
            FUZZ_FAIL("the XLIFF %s of an extract does not read back: %s", vn,
                      fuzz_why(NULL, &err));
        }
        snprintf(how, sizeof how, "through XLIFF %s", vn);
        merge_same(back, data, size, how, same);
        tu_doc_free(back);
        tu_buf_release(&x);
    }
    return doc;
}

void fuzz_extract_merge(const uint8_t *data, size_t size, const char *format)
{
    tu_doc_free(fuzz_extract_merge_doc(data, size, format, fuzz_same));
}
