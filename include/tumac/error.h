/*
 * Status codes and the located error record every fallible call fills.
 * The library never prints and never exits: it returns an enum tu_status and,
 * on failure, writes the first error into a caller-owned struct tu_error.
 */
#ifndef TUMAC_ERROR_H
#define TUMAC_ERROR_H

#include <stdarg.h>
#include <stddef.h>

enum tu_status {
    TU_OK = 0,
    TU_ENOMEM,       /* out of memory (or the test allocator's injected fault) */
    TU_EIO,          /* reading or writing a file failed */
    TU_EPARSE,       /* the input is not what its format requires */
    TU_EENCODING,    /* bytes are not valid in the declared/detected encoding */
    TU_EINVAL,       /* a caller-supplied argument or option is wrong */
    TU_ENOTFOUND,    /* a named thing (file, unit, locale, TU) does not exist */
    TU_EDB,          /* the translation memory database reported an error */
    TU_ETOOBIG,      /* an input or buffer went over its configured ceiling */
    TU_EUNSUPPORTED, /* valid input that this version cannot process */
    TU_EINVALID,     /* a document breaks a rule of its standard (validation) */
};

/* Short stable name of a status ("TU_EPARSE") and a description ("parse error"). */
const char *tu_status_name(enum tu_status st);
const char *tu_status_str(enum tu_status st);

/*
 * A failure with its place. All-zero means "no error", so `= {0}` is ready.
 * `line` and `column` are 1-based (column in characters); 0 when unknown.
 */
struct tu_error {
    enum tu_status code;
    char path[512];
    unsigned long line;
    unsigned long column;
    char msg[512];
};

/*
 * Record a failure unless one is already recorded (the first error wins, so
 * `if (a(.., err) || b(.., err))` keeps the root cause). Returns `code`, so
 * `return tu_error_at(err, TU_EPARSE, path, 3, 1, "...")` is the idiom.
 * `path` may be NULL. Messages are lower case with no final period.
 */
enum tu_status tu_error_at(struct tu_error *err, enum tu_status code,
                           const char *path, unsigned long line,
                           unsigned long column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* tu_error_at without a place. */
enum tu_status tu_error_set(struct tu_error *err, enum tu_status code,
                            const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

enum tu_status tu_error_vat(struct tu_error *err, enum tu_status code,
                            const char *path, unsigned long line,
                            unsigned long column, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

/* Fill in the path of an error that has none yet (callers that know the file). */
void tu_error_set_path(struct tu_error *err, const char *path);

/* An error already recorded, placed at path:line:column (path NULL keeps
 * its path) and, with fmt, given a context before its message ("context:
 * message"). The code stays; returns it. */
enum tu_status tu_error_wrap(struct tu_error *err, const char *path, unsigned long line,
                             unsigned long column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Forget a recorded error, so the record can be reused. */
void tu_error_clear(struct tu_error *err);

/*
 * Warnings and notes that do not stop an operation (a merge that fell back to
 * the source, a TMX unit skipped). The library appends; the CLI prints.
 */
enum tu_severity { TU_NOTE, TU_WARNING, TU_ERROR };

struct tu_diag_entry {
    enum tu_severity severity;
    char *path;          /* may be NULL */
    unsigned long line;  /* 0 when unknown */
    unsigned long column;
    char *msg;
};

struct tu_diag {
    struct tu_diag_entry *items;
    size_t count;
    size_t cap;
};

/* Append a diagnostic; returns TU_ENOMEM if it could not be stored. */
enum tu_status tu_diag_add(struct tu_diag *d, enum tu_severity sev,
                           const char *path, unsigned long line,
                           unsigned long column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Free every entry; `d` is empty and reusable afterwards. */
void tu_diag_release(struct tu_diag *d);

#endif
