/*
 * TMX import -> export. Properties, for any file the import accepts:
 *  - the export is well-formed XML (libxml2 parses it);
 *  - importing the export into a new TM skips no unit, and exporting that
 *    TM gives the same bytes (the same units, dates, metadata and order).
 * The TMs are SQLite in-memory databases, emptied after each input.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

#include "fuzz.h"

/*
 * One of two in-memory TMs kept for the whole run (a new one costs 6 ms of
 * schema, more than an import), emptied with tu_tm_delete after each use:
 * an empty TM must export no unit, which is checked.
 */
static struct tu_tm *tm_get(int which)
{
    static struct tu_tm *tms[2];
    struct tu_error err = {0};

    if (tms[which] == NULL && tu_tm_open(":memory:", false, &tms[which], &err) != TU_OK) {
        FUZZ_FAIL("cannot open an in-memory TM: %s", fuzz_why(NULL, &err));
    }
    return tms[which];
}

static void tm_empty(struct tu_tm *tm)
{
    static const struct tu_tm_filter all;
    struct tu_error err = {0};
    struct tu_tm_stats stats;
    size_t deleted;

    if (tu_tm_delete(tm, &all, &deleted, &err) != TU_OK ||
        tu_tm_stats(tm, &stats, &err) != TU_OK) {
        FUZZ_FAIL("emptying the TM failed: %s", fuzz_why(NULL, &err));
    }
    if (stats.units != 0) {
        FUZZ_FAIL("the TM has %zu units after deleting all", stats.units);
    }
}

/* Import the TMX `data` into the empty TM `which` and export it into
 * `out`; false when the import refuses the file. */
static bool import_export(int which, const char *data, size_t len, struct tu_buf *out,
                          struct tu_tm_import_result *res, const char *what)
{
    struct tu_error err = {0};
    struct tu_diag diag = {0};
    struct tu_tm *tm = tm_get(which);
    struct tu_tm_import_opts opts = {.origin = "fuzz.tmx"};
    enum tu_status st;

    st = tu_tm_import_tmx(tm, fuzz_file(0, data, len), &opts, res, &diag, &err);
    tu_diag_release(&diag);
    if (st == TU_OK && tu_tm_export_tmx(tm, NULL, out, &err) != TU_OK) {
        FUZZ_FAIL("%s: the export of an imported TM failed: %s", what, fuzz_why(NULL, &err));
    }
    tm_empty(tm);
    return st == TU_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tu_buf e1, e2;
    struct tu_tm_import_result r1, r2;
    xmlDoc *x;

    tu_buf_init(&e1, TU_BUF_NO_LIMIT);
    tu_buf_init(&e2, TU_BUF_NO_LIMIT);
    if (!import_export(0, (const char *)data, size, &e1, &r1, "input")) {
        tu_buf_release(&e1);
        return 0;
    }
    x = xmlReadMemory(e1.data, (int)e1.len, "export.tmx", NULL,
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (x == NULL) {
        const xmlError *e = xmlGetLastError();
        fprintf(stderr, "%s\n", e1.data);
        FUZZ_FAIL("the TMX export is not well-formed XML: line %d: %s", e ? e->line : 0,
                  e && e->message ? e->message : "?");
    }
    xmlFreeDoc(x);
    if (!import_export(1, e1.data, e1.len, &e2, &r2, "export")) {
        fprintf(stderr, "%s\n", e1.data);
        FUZZ_FAIL("the TMX export of an import is refused by the import");
    }
    if (r2.skipped != 0) {
        fprintf(stderr, "%s\n", e1.data);
        FUZZ_FAIL("re-importing the export skipped %zu of %zu units", r2.skipped, r2.read);
    }
    fuzz_same("export -> import -> export changed the TMX", e1.data, e1.len, e2.data, e2.len);
    tu_buf_release(&e1);
    tu_buf_release(&e2);
    return 0;
}
