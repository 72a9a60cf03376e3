/*
 * XLIFF read -> validate -> write -> read. Properties, for any input the
 * reader accepts:
 *  - what the writer produces (in the input's version, and in 2.2 and 1.2)
 *    reads back; the writer may refuse the model, but with an error;
 *  - a second write of what was read back is byte-identical to the first
 *    (nothing is lost or changed by one more round trip);
 *  - the rewrite of a file that validates validates too.
 */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

/* Valid, and checked against a schema: a 1.1 file has none and is checked
 * by the 1.2 rules only (validate's note says so), far less than the 1.2
 * schema its rewrite meets (duplicate unit ids, datatype values, rids), so
 * it makes no claim on its rewrite. */
static bool validates(const char *data, size_t len, char *why, size_t whylen)
{
    struct tu_error err = {0};
    struct tu_diag diag = {0};
    enum tu_status st = tu_xliff_validate(fuzz_file(0, data, len), &diag, &err);
    bool schema = true;

    if (st != TU_OK && why != NULL) {
        snprintf(why, whylen, "%s", fuzz_why(&diag, &err));
    }
    for (size_t i = 0; i < diag.count; i++) {
        schema &= !(diag.items[i].severity == TU_NOTE && strstr(diag.items[i].msg, "has no schema"));
    }
    tu_diag_release(&diag);
    return st == TU_OK && schema;
}

/* Write `doc` as `v`, read it back and write again: both writes must agree.
 * Returns the first write (caller releases) with len 0 when refused. */
static struct tu_buf rewrite(const struct tu_doc *doc, enum tu_xliff_version v)
{
    struct tu_error err = {0};
    struct tu_buf w1, w2;
    struct tu_doc *back = NULL;
    const char *vn = tu_xliff_version_name(v);

    tu_buf_init(&w1, TU_BUF_NO_LIMIT);
    if (tu_xliff_write_buf(doc, v, &w1, &err) != TU_OK) {
        tu_buf_truncate(&w1, 0); /* a refusal with a message is allowed */
        return w1;
    }
    if (tu_xliff_read_memory(w1.data, w1.len, "rewrite.xlf", &back, &err) != TU_OK) {
        fprintf(stderr, "%s\n", w1.data);
        FUZZ_FAIL("XLIFF %s written from a document that read does not read back: %s",
                  vn, fuzz_why(NULL, &err));
    }
    tu_buf_init(&w2, TU_BUF_NO_LIMIT);
    if (tu_xliff_write_buf(back, v, &w2, &err) != TU_OK) {
        FUZZ_FAIL("XLIFF %s read back from our own write cannot be written: %s", vn,
                  fuzz_why(NULL, &err));
    }
    fuzz_same("write -> read -> write changed the XLIFF", w1.data, w1.len, w2.data, w2.len);
    tu_buf_release(&w2);
    tu_doc_free(back);
    return w1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tu_error err = {0};
    struct tu_doc *doc = NULL;
    const char *in = (const char *)data;
    static const enum tu_xliff_version other[] = {TU_XLIFF_2_2, TU_XLIFF_1_2};
    enum tu_xliff_version v;
    struct tu_buf w;
    bool valid;

    if (tu_xliff_read_memory(in, size, "input.xlf", &doc, &err) != TU_OK) {
        return 0;
    }
    valid = validates(in, size, NULL, 0);
    v = doc->version != TU_XLIFF_UNKNOWN ? doc->version : TU_XLIFF_2_2;
    w = rewrite(doc, v);
    if (valid && w.len > 0) {
        char why[1200];
        if (!validates(w.data, w.len, why, sizeof why)) {
            fprintf(stderr, "%s\n", w.data);
            FUZZ_FAIL("the rewrite of a valid XLIFF %s file is not valid: %s",
                      tu_xliff_version_name(v), why);
        }
    }
    tu_buf_release(&w);
    for (size_t i = 0; i < 2; i++) {
        if (other[i] != v) {
            w = rewrite(doc, other[i]);
            tu_buf_release(&w);
        }
    }
    tu_doc_free(doc);
    return 0;
}
