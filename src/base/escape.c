/* Escaping for JSON, XML and HTML, and numbers for HTML reports (escape.h). */
#include <stdio.h>

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
