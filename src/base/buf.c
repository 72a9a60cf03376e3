/*
 * Growable byte buffer. `data` always points at a NUL-terminated string (a
 * static "" until the first append), and the first failure is sticky.
 */
#include <stdio.h>
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/buf.h>

static char empty_string[1];

void tu_buf_init(struct tu_buf *b, size_t limit)
{
    b->data = empty_string;
    b->len = 0;
    b->cap = 0;
    b->limit = limit;
    b->status = TU_OK;
}

enum tu_status tu_buf_reserve(struct tu_buf *b, size_t n)
{
    size_t need;
    size_t cap;
    char *p;

    if (b->status != TU_OK) {
        return b->status;
    }
    if (n > b->limit - b->len) {
        b->status = TU_ETOOBIG;
        return b->status;
    }
    need = b->len + n + 1;
    if (need <= b->cap) {
        return TU_OK;
    }
    cap = b->cap ? b->cap : 64;
    while (cap < need) {
        cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
    }
    p = tu_realloc(b->cap ? b->data : NULL, cap);
    if (p == NULL) {
        b->status = TU_ENOMEM;
        return b->status;
    }
    if (b->cap == 0) {
        p[0] = '\0';
    }
    b->data = p;
    b->cap = cap;
    return TU_OK;
}

enum tu_status tu_buf_add(struct tu_buf *b, const void *src, size_t n)
{
    if (tu_buf_reserve(b, n) != TU_OK) {
        return b->status;
    }
    if (n > 0) {
        memcpy(b->data + b->len, src, n);
        b->len += n;
        b->data[b->len] = '\0';
    }
    return TU_OK;
}

enum tu_status tu_buf_adds(struct tu_buf *b, const char *s)
{
    return tu_buf_add(b, s, strlen(s));
}

enum tu_status tu_buf_addc(struct tu_buf *b, char c)
{
    return tu_buf_add(b, &c, 1);
}

enum tu_status tu_buf_vprintf(struct tu_buf *b, const char *fmt, va_list ap)
{
    va_list copy;
    int n;

    if (b->status != TU_OK) {
        return b->status;
    }
    va_copy(copy, ap);
    n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) {
        b->status = TU_EINVAL;
        return b->status;
    }
    if (tu_buf_reserve(b, (size_t)n) != TU_OK) {
        return b->status;
    }
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return TU_OK;
}

enum tu_status tu_buf_printf(struct tu_buf *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    tu_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return b->status;
}

void tu_buf_truncate(struct tu_buf *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->data[len] = '\0';
    }
}

char *tu_buf_detach(struct tu_buf *b, size_t *len_out)
{
    char *p;

    if (b->status != TU_OK) {
        tu_buf_release(b);
        return NULL;
    }
    if (b->cap == 0) {
        p = tu_strdup("");
    } else {
        p = b->data;
    }
    if (p != NULL && len_out != NULL) {
        *len_out = b->len;
    }
    tu_buf_init(b, b->limit);
    return p;
}

void tu_buf_release(struct tu_buf *b)
{
    if (b->cap != 0) {
        tu_free(b->data);
    }
    tu_buf_init(b, b->limit);
}
