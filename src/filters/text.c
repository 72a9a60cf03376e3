/*
 * The plain-text filter: the title line and the paragraphs become units.
 * Paragraphs are separated by blank lines; a file without blank lines
 * between its lines is taken line by line (one paragraph per line). A line
 * break inside a paragraph is shown to the translator as one space and kept
 * in the skeleton as written; line endings, indentation and trailing white
 * space stay in the skeleton.
 */
#include <string.h>

#include "filters-int.h"

#define FFFD "\xEF\xBF\xBD"

static bool is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n' &&
            s[i] != '\f' && s[i] != '\v') {
            return false;
        }
    }
    return true;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

/* Items of a paragraph's bytes. */
static enum tu_status tokenize(const char *s, size_t n, struct fx_items *it)
{
    size_t i = 0;
    enum tu_status st = TU_OK;

    while (i < n && st == TU_OK) {
        size_t j = i;
        if (is_space(s[i])) {
            bool nl = false;
            while (j < n && is_space(s[j])) {
                nl |= s[j] == '\n' || s[j] == '\r';
                j++;
            }
            st = nl ? fx_items_text(it, " ", 1, s + i, j - i)
                    : fx_items_text(it, s + i, j - i, s + i, j - i);
        } else if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F) {
            j = i + 1; /* a control character: shown as U+FFFD, kept as is */
            st = fx_items_text(it, FFFD, 3, s + i, 1);
        } else {
            while (j < n && !is_space(s[j]) &&
                   !((unsigned char)s[j] < 0x20 || s[j] == 0x7F)) {
                j++;
            }
            st = fx_items_text(it, s + i, j - i, s + i, j - i);
        }
        i = j;
    }
    return st;
}

static enum tu_status paragraph(struct fx *fx, size_t start, size_t end,
                                const char *name, struct tu_error *err)
{
    struct fx_items it = {0};
    enum tu_status st;

    if (tokenize(fx->in + start, end - start, &it) != TU_OK) {
        fx_items_release(&it);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    st = fx_run_emit(fx, &it, start, end, name, false, err);
    fx_items_release(&it);
    return st;
}

static enum tu_status text_extract(struct fx *fx, struct tu_error *err)
{
    const char *s = fx->in;
    size_t n = fx->len, i = 0, para_start = 0, para_end = 0;
    bool line_mode = true, seen_text = false, in_para = false;
    unsigned count = 0;
    enum tu_status st = TU_OK;

    /* blank lines between lines of text mean paragraph mode */
    for (size_t p = 0; p < n;) {
        const char *nl = memchr(s + p, '\n', n - p);
        size_t e = nl ? (size_t)(nl - s) + 1 : n;
        if (is_blank(s + p, e - p)) {
            if (seen_text) {
                line_mode = false;
            }
        } else {
            seen_text = true;
        }
        p = e;
    }
    while (i <= n && st == TU_OK) {
        const char *nl = i < n ? memchr(s + i, '\n', n - i) : NULL;
        size_t e = nl ? (size_t)(nl - s) : n; /* end of line content */
        bool blank = is_blank(s + i, e - i);
        bool last = nl == NULL;

        if (!blank && !in_para) {
            in_para = true;
            para_start = i;
        }
        if (!blank) {
            para_end = e;
        }
        if (in_para && (blank || line_mode || last)) {
            size_t pe = para_end;
            /* a CR before the LF belongs to the line ending */
            if (pe > para_start && s[pe - 1] == '\r') {
                pe--;
            }
            st = paragraph(fx, para_start, pe, count == 0 ? "title" : "p", err);
            count++;
            in_para = false;
        }
        if (last) {
            break;
        }
        i = e + 1;
    }
    return st;
}

static void text_escape(struct tu_buf *out, const char *s, size_t n, char q)
{
    (void)q;
    tu_buf_add(out, s, n);
}

static const char *const text_suffixes[] = {".txt", ".text", NULL};

const struct fx_filter fx_filter_text = {
    .name = "text",
    .datatype = "plaintext",
    .extension = "txt",
    .suffixes = text_suffixes,
    .sniff = NULL,
    .extract = text_extract,
    .escape = text_escape,
};
