/*
 * Status names and the located error record. The first error recorded wins,
 * so a chain of calls reports its root cause rather than the last symptom.
 */
#include <stdio.h>
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/error.h>

static const struct {
    const char *name;
    const char *text;
} status_table[] = {
    [TU_OK] = {"TU_OK", "success"},
    [TU_ENOMEM] = {"TU_ENOMEM", "out of memory"},
    [TU_EIO] = {"TU_EIO", "input/output error"},
    [TU_EPARSE] = {"TU_EPARSE", "parse error"},
    [TU_EENCODING] = {"TU_EENCODING", "invalid encoding"},
    [TU_EINVAL] = {"TU_EINVAL", "invalid argument"},
    [TU_ENOTFOUND] = {"TU_ENOTFOUND", "not found"},
    [TU_EDB] = {"TU_EDB", "database error"},
    [TU_ETOOBIG] = {"TU_ETOOBIG", "too big"},
    [TU_EUNSUPPORTED] = {"TU_EUNSUPPORTED", "not supported"},
    [TU_EINVALID] = {"TU_EINVALID", "invalid document"},
};

const char *tu_status_name(enum tu_status st)
{
    if ((size_t)st >= sizeof(status_table) / sizeof(status_table[0])) {
        return "TU_E?";
    }
    return status_table[st].name;
}

const char *tu_status_str(enum tu_status st)
{
    if ((size_t)st >= sizeof(status_table) / sizeof(status_table[0])) {
        return "unknown error";
    }
    return status_table[st].text;
}

enum tu_status tu_error_vat(struct tu_error *err, enum tu_status code,
                            const char *path, unsigned long line,
                            unsigned long column, const char *fmt, va_list ap)
{
    if (err == NULL || err->code != TU_OK) {
        return code;
    }
    err->code = code;
    snprintf(err->path, sizeof(err->path), "%s", path ? path : "");
    err->line = line;
    err->column = column;
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    return code;
}

enum tu_status tu_error_at(struct tu_error *err, enum tu_status code,
                           const char *path, unsigned long line,
                           unsigned long column, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    tu_error_vat(err, code, path, line, column, fmt, ap);
    va_end(ap);
    return code;
}

enum tu_status tu_error_set(struct tu_error *err, enum tu_status code,
                            const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    tu_error_vat(err, code, NULL, 0, 0, fmt, ap);
    va_end(ap);
    return code;
}

void tu_error_set_path(struct tu_error *err, const char *path)
{
    if (err != NULL && err->code != TU_OK && err->path[0] == '\0' && path) {
        snprintf(err->path, sizeof(err->path), "%s", path);
    }
}

enum tu_status tu_error_wrap(struct tu_error *err, const char *path, unsigned long line,
                             unsigned long column, const char *fmt, ...)
{
    char context[sizeof err->msg], message[sizeof err->msg];
    va_list ap;

    if (path != NULL) {
        snprintf(err->path, sizeof(err->path), "%s", path);
    }
    err->line = line;
    err->column = column;
    if (fmt != NULL) {
        va_start(ap, fmt);
        vsnprintf(context, sizeof context, fmt, ap);
        va_end(ap);
        memcpy(message, err->msg, sizeof message);
        if (snprintf(err->msg, sizeof err->msg, "%s: %s", context, message) < 0) {
            snprintf(err->msg, sizeof err->msg, "%s", message);
        }
    }
    return err->code;
}

void tu_error_clear(struct tu_error *err)
{
    memset(err, 0, sizeof(*err));
}

enum tu_status tu_diag_add(struct tu_diag *d, enum tu_severity sev,
                           const char *path, unsigned long line,
                           unsigned long column, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    struct tu_diag_entry *items;
    struct tu_diag_entry *e;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    items = tu_grow(d->items, sizeof(*items), d->count + 1, &d->cap);
    if (items == NULL) {
        return TU_ENOMEM;
    }
    d->items = items;
    e = &d->items[d->count];
    memset(e, 0, sizeof(*e));
    e->severity = sev;
    e->line = line;
    e->column = column;
    e->msg = tu_strdup(msg);
    e->path = tu_strdup(path);
    if (e->msg == NULL || (path != NULL && e->path == NULL)) {
        tu_free(e->msg);
        tu_free(e->path);
        return TU_ENOMEM;
    }
    d->count++;
    return TU_OK;
}

void tu_diag_release(struct tu_diag *d)
{
    for (size_t i = 0; i < d->count; i++) {
        tu_free(d->items[i].msg);
        tu_free(d->items[i].path);
    }
    tu_free(d->items);
    memset(d, 0, sizeof(*d));
}
