/* Escaping for JSON, XML and HTML, and numbers for HTML reports (escape.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <tumac/escape.h>

void tu_json_str(struct tu_buf *out, const char *s)
{
    if (s == NULL) {
        tu_buf_adds(out, "null");
        return;
    }
    tu_buf_addc(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': tu_buf_adds(out, "\\\""); break;
        case '\\': tu_buf_adds(out, "\\\\"); break;
        case '\n': tu_buf_adds(out, "\\n"); break;
        case '\r': tu_buf_adds(out, "\\r"); break;
        case '\t': tu_buf_adds(out, "\\t"); break;
        default:
            if (*p < 0x20) {
                tu_buf_printf(out, "\\u%04x", *p);
            } else {
                tu_buf_addc(out, (char)*p);
            }
        }
    }
    tu_buf_addc(out, '"');
}

void tu_json_begin(struct tu_json *j, struct tu_buf *out, char open, const char *sep)
{
    j->out = out;
    j->sep = sep;
    j->count = 0;
    tu_buf_addc(out, open);
}

void tu_json_key(struct tu_json *j, const char *key)
{
    if (j->count++ > 0) {
        tu_buf_adds(j->out, j->sep);
    } else if (j->sep[0] == ',' && j->sep[1] == '\n') {
        tu_buf_adds(j->out, j->sep + 1); /* the first member on its own line too */
    }
    if (key != NULL) {
        tu_json_str(j->out, key);
        tu_buf_adds(j->out, strcmp(j->sep, ",") == 0 ? ":" : ": ");
    }
}

void tu_json_add_str(struct tu_json *j, const char *key, const char *s)
{
    tu_json_key(j, key);
    tu_json_str(j->out, s);
}

void tu_json_add_size(struct tu_json *j, const char *key, size_t n)
{
    tu_json_key(j, key);
    tu_buf_printf(j->out, "%zu", n);
}

void tu_json_add_int(struct tu_json *j, const char *key, long long n)
{
    tu_json_key(j, key);
    tu_buf_printf(j->out, "%lld", n);
}

void tu_json_add_bool(struct tu_json *j, const char *key, bool b)
{
    tu_json_key(j, key);
    tu_buf_adds(j->out, b ? "true" : "false");
}

void tu_json_add_strs(struct tu_json *j, ...)
{
    va_list ap;
    const char *key;

    va_start(ap, j);
    while ((key = va_arg(ap, const char *)) != NULL) {
        tu_json_add_str(j, key, va_arg(ap, const char *));
    }
    va_end(ap);
}

void tu_json_add_sizes(struct tu_json *j, ...)
{
    va_list ap;
    const char *key;

    va_start(ap, j);
    while ((key = va_arg(ap, const char *)) != NULL) {
        tu_json_add_size(j, key, va_arg(ap, size_t));
    }
    va_end(ap);
}

void tu_json_end(struct tu_json *j, const char *close)
{
    tu_buf_adds(j->out, close);
}

/* The one XML/HTML escaper: the five characters each caller may escape,
 * `quote` says whether " and ' are among them. */
enum { Q_NONE = 0, Q_DOUBLE = 1, Q_BOTH = 3 };

static void markup_escape(struct tu_buf *out, const char *s, int quote)
{
    for (; s != NULL && *s; s++) {
        switch (*s) {
        case '&': tu_buf_adds(out, "&amp;"); break;
        case '<': tu_buf_adds(out, "&lt;"); break;
        case '>': tu_buf_adds(out, "&gt;"); break;
        case '"':
            tu_buf_adds(out, quote & Q_DOUBLE ? "&quot;" : "\"");
            break;
        case '\'':
            tu_buf_adds(out, quote == Q_BOTH ? "&#39;" : "'");
            break;
        default: tu_buf_addc(out, *s);
        }
    }
}

void tu_xml_text(struct tu_buf *out, const char *s)
{
    markup_escape(out, s, Q_NONE);
}

void tu_xml_attr(struct tu_buf *out, const char *s)
{
    markup_escape(out, s, Q_DOUBLE);
}

void tu_html_escape(struct tu_buf *out, const char *s)
{
    markup_escape(out, s, Q_BOTH);
}

void tu_html_num(struct tu_buf *out, size_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%zu", n);

    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0) {
            tu_buf_adds(out, "&#8239;");
        }
        tu_buf_addc(out, digits[i]);
    }
}
