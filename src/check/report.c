/*
 * The findings of `tumac check` as text (one line each, as compilers
 * print), JSON (an array, one object a line) and a self-contained HTML
 * page (a table per document, counts per check), for the CLI and batch.
 */
#include <string.h>

#include <tumac/escape.h>

#include "check-int.h"

static void text_line(struct tu_buf *out, const struct tu_finding *f)
{
    tu_buf_printf(out, "%s:%s:%s: %s: %s: %s\n", f->file, f->unit, f->segment,
                  tu_check_level_name(f->severity), tu_check_name(f->check), f->message);
}

static void json_line(struct tu_json *list, const struct tu_finding *f)
{
    struct tu_json o;

    tu_json_key(list, NULL);
    tu_json_begin(&o, list->out, '{', ", ");
    tu_json_add_strs(&o, "file", f->file, "unit", f->unit, "segment", f->segment,
                     "check", tu_check_name(f->check),
                     "severity", tu_check_level_name(f->severity), "message", f->message,
                     (char *)NULL);
    tu_json_end(&o, "}");
}

void tu_findings_html_table(const struct tu_findings *f, struct tu_buf *out)
{
    size_t per[TU_CHECK_COUNT] = {0};
    for (size_t i = 0; i < f->count; i++) {
        per[f->items[i].check]++;
    }
    tu_buf_printf(out, "<p>%zu finding%s, %zu error%s", f->count, f->count == 1 ? "" : "s",
                  f->errors, f->errors == 1 ? "" : "s");
    for (int c = 0; c < TU_CHECK_COUNT; c++) {
        if (per[c]) {
            tu_buf_printf(out, "; %s %zu", tu_check_name((enum tu_check_id)c), per[c]);
        }
    }
    tu_buf_adds(out, "</p>\n");
    if (f->count == 0) {
        return;
    }
    tu_buf_adds(out, "<table class=\"findings\">\n<tr><th>file</th><th>unit</th><th>segment</th>"
                     "<th>severity</th><th>check</th><th>message</th></tr>\n");
    for (size_t i = 0; i < f->count; i++) {
        const struct tu_finding *x = &f->items[i];
        const char *cells[] = {x->file, x->unit, x->segment, tu_check_level_name(x->severity),
                               tu_check_name(x->check), x->message};
        tu_buf_printf(out, "<tr class=\"%s\">", tu_check_level_name(x->severity));
        for (size_t k = 0; k < sizeof cells / sizeof *cells; k++) {
            tu_buf_adds(out, "<td>");
            tu_html_escape(out, cells[k]);
            tu_buf_adds(out, "</td>");
        }
        tu_buf_adds(out, "</tr>\n");
    }
    tu_buf_adds(out, "</table>\n");
}

enum tu_status tu_findings_render(const struct tu_findings *f, enum tu_check_format format,
                                  struct tu_buf *out, struct tu_error *err)
{
    if (format == TU_CHECK_JSON) {
        struct tu_json list;
        tu_json_begin(&list, out, '[', ",\n ");
        for (size_t i = 0; i < f->count; i++) {
            json_line(&list, &f->items[i]);
        }
        tu_json_end(&list, "\n]\n");
    } else if (format == TU_CHECK_HTML) {
        tu_buf_adds(out, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                         "<title>tumac check</title>\n<style>body{font-family:sans-serif}"
                         "table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                         "padding:2px 6px;text-align:left}tr.error td{background:#fdd}"
                         "tr.warning td{background:#ffd}</style></head><body>\n"
                         "<h1>Quality checks</h1>\n");
        tu_findings_html_table(f, out);
        tu_buf_adds(out, "</body></html>\n");
    } else {
        for (size_t i = 0; i < f->count; i++) {
            text_line(out, &f->items[i]);
        }
    }
    return out->status == TU_OK ? TU_OK : tu_error_set(err, out->status, "out of memory");
}
