/*
 * Unit tests of the quality checks (src/check/): the check names and
 * levels, a table of segments over the target locales with the findings
 * each must give (and the ones that must not fire), values scanned by
 * leverage's recogniser through tu_lev_values_scan, number spellings, and
 * the findings' JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tumac/tumac.h>

#include "test.h"

/* The findings of one segment (source en -> lang) as "check,check,...". */
static void findings_of(const char *lang, const char *src, const char *trg, char *out,
                        size_t cap, size_t *errors)
{
    struct tu_buf x;
    struct tu_doc *doc = NULL;
    struct tu_checker *c = NULL;
    struct tu_findings f = {0};
    struct tu_error err = {0};

    out[0] = '\0';
    tu_buf_init(&x, TU_BUF_NO_LIMIT);
    tu_buf_printf(&x, "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" "
                      "srcLang=\"en\" trgLang=\"%s\"><file id=\"f\"><unit id=\"u\"><segment id=\"s\">"
                      "<source>%s</source><target>%s</target></segment></unit></file></xliff>",
                  lang, src, trg);
    if (tu_xliff_read_memory(x.data, x.len, "t.xlf", &doc, &err) == TU_OK &&
        tu_checker_new(&c, &err) == TU_OK && tu_check_doc(c, doc, "t.xlf", &f, &err) == TU_OK) {
        size_t n = 0;
        for (size_t i = 0; i < f.count; i++) {
            n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? "," : "",
                                  tu_check_name(f.items[i].check));
        }
        *errors = f.errors;
    } else {
        snprintf(out, cap, "failed: %.100s", err.msg);
    }
    tu_findings_release(&f);
    tu_checker_free(c);
    tu_doc_free(doc);
    tu_buf_release(&x);
}

struct check_case {
    const char *lang, *src, *trg;
    const char *want; /* the checks that fire, in report order; "" none */
};

static const struct check_case cases[] = {
    /* must not fire */
    {"bs", "1,500 teachers and 12.5 %.", "1.500 nastavnika i 12,5 %.", ""},
    {"hr", "1,500 teachers and 30,000 pupils.", "1500 nastavnika i 30 tisuća učenika.", ""},
    {"sr-Latn", "On 14 October 2025.", "Dana 14. oktobra 2025. godine.", ""},
    {"sr-Cyrl", "On 14 October 2025 Microsoft came.", "Дана 14. октобра 2025. дошао је Microsoft.", ""},
    {"bs", "At 3 p.m. in September 2025.", "U 15 h u septembru 2025.", ""},
    {"hr", "A 20-foot wave.", "Val od 6 metara.", ""},
    /* must fire */
    {"bs", "1,500 teachers.", "1.600 nastavnika.", "numbers"},
    {"hr", "See <pc id=\"1\">this</pc>.", "Vidi ovo.", "codes"},
    {"sr-Latn", "See www.vlada.rs now.", "Vidi sada.", "urls"},
    {"bs", "Mail info@vlada.ba now.", "Pišite sada.", "emails"},
    {"hr", "Hello %s now.", "Bok sada.", "placeholders"},
    {"bs", "The new school opened.", "The new school opened.", "untranslated"},
    {"sr-Cyrl", "The minister came.", "Министар je дошао.", "script"},
    {"hr", "Next week.", "Sljedeće sedmice.", "variant"},
    {"bs", "It is open.", "Otvoreno je", "punctuation"},
    {"bs", "It is open.", "Otvoreno  je.", "whitespace"},
    {"bs", "He said \"no\".", "Rekao je \"ne\".", "quotes"},
};

TEST(check_cases_every_locale)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char got[256];
        size_t errors = 0;
        findings_of(cases[i].lang, cases[i].src, cases[i].trg, got, sizeof got, &errors);
        if (strcmp(got, cases[i].want) != 0) {
            fprintf(stderr, "case %zu (%s) '%s' -> '%s'\n", i, cases[i].lang, cases[i].src,
                    cases[i].trg);
        }
        CHECK_STR(got, cases[i].want);
    }
}

TEST(check_names_and_levels)
{
    for (int i = 0; i < TU_CHECK_COUNT; i++) {
        CHECK(tu_check_parse(tu_check_name((enum tu_check_id)i)) == i);
    }
    CHECK(tu_check_parse("colour") == -1);
    CHECK_STR(tu_check_level_name(TU_CHECK_WARN), "warning");
    char got[64];
    size_t errors = 9;
    findings_of("bs", "It is open.", "Otvoreno je", got, sizeof got, &errors);
    CHECK_STR(got, "punctuation");
    CHECK(errors == 0); /* a warning by default */
    findings_of("bs", "1,500.", "1.600.", got, sizeof got, &errors);
    CHECK(errors == 1);
}

TEST(check_values_scan_by_key)
{
    struct tu_lev_values *v = NULL;
    struct tu_lev_value *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    struct tu_error err = {0};
    const char *en = "30,000 visitors on 14 October 2025 paid £2.8bn";
    const char *bs = "30 hiljada posjetilaca 14. oktobra 2025. platilo je 2,8 milijardi";

    CHECK(tu_lev_values_new("en", "bs", &v, &err) == TU_OK);
    CHECK(tu_lev_values_scan(v, false, en, strlen(en), &a, &na, &err) == TU_OK);
    CHECK(tu_lev_values_scan(v, true, bs, strlen(bs), &b, &nb, &err) == TU_OK);
    CHECK(na == 3 && nb == 3);
    for (size_t i = 0; i < 3; i++) {
        CHECK_STR(a[i].key, b[i].key);
    }
    CHECK(a[1].is_date && !a[0].is_date);
    CHECK(a[0].start == 0 && a[0].limit == 6);
    tu_free(a);
    tu_free(b);
    tu_lev_values_free(v);
}

TEST(check_numwords_spell)
{
    struct tu_numwords *w = NULL;
    struct tu_buf b;
    struct tu_error err = {0};

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    CHECK(tu_numwords_new("hr", &w, &err) == TU_OK);
    CHECK(tu_numwords_spell(w, 13, &b, &err) == TU_OK);
    CHECK(strstr(b.data, "trinaest\n") != NULL);
    tu_buf_truncate(&b, 0);
    CHECK(tu_numwords_spell(w, 2, &b, &err) == TU_OK);
    CHECK(strstr(b.data, "dvije\n") != NULL && strstr(b.data, "dva\n") != NULL);
    CHECK_STR(tu_numwords_month(w, TU_MONTH_LOCATIVE, 9), "listopadu");
    CHECK_STR(tu_numwords_month(w, TU_MONTH_GENITIVE, 10), "studenog");
    CHECK_STR(tu_numwords_scale_accusative(w, 2), "milijardu");
    tu_buf_truncate(&b, 0);
    CHECK(tu_numwords_spell(w, 44, &b, &err) == TU_OK);
    CHECK(strstr(b.data, "\xC4\x8D" "etrdeset\xC4\x8D" "etverogodi\xC5\xA1nj\n") != NULL);
    tu_numwords_free(w);
    CHECK(tu_numwords_new("bs", &w, &err) == TU_OK);
    tu_buf_truncate(&b, 0);
    CHECK(tu_numwords_spell(w, 11, &b, &err) == TU_OK);
    CHECK(strstr(b.data, "jedanaest\n") != NULL);
    tu_numwords_free(w);
    CHECK(tu_numwords_new("en", &w, &err) == TU_OK);
    CHECK_STR(tu_numwords_month(w, TU_MONTH_SHORT, 9), "Oct");
    tu_buf_truncate(&b, 0);
    CHECK(tu_numwords_spell(w, 44, &b, &err) == TU_OK);
    CHECK(strstr(b.data, "godi") == NULL); /* compounds: bs/hr/sr/cnr only */
    tu_numwords_free(w);
    CHECK(tu_numwords_new("sr-Cyrl", &w, &err) == TU_OK);
    CHECK_STR(tu_numwords_month(w, TU_MONTH_LOCATIVE, 8), "септембру");
    tu_numwords_free(w);
    tu_buf_release(&b);
}

TEST(check_findings_json)
{
    struct tu_findings f = {0};
    char file[] = "a \"b\".xlf", unit[] = "u1", seg[] = "s1", msg[] = "x\ty";
    struct tu_finding one = {file, unit, seg, TU_CHECK_NUMBERS, TU_CHECK_ERROR, msg};
    struct tu_buf out;
    struct tu_error err = {0};

    f.items = &one;
    f.count = 1;
    f.errors = 1;
    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    CHECK(tu_findings_render(&f, TU_CHECK_JSON, &out, &err) == TU_OK);
    CHECK_STR(out.data, "[\n {\"file\": \"a \\\"b\\\".xlf\", \"unit\": \"u1\", \"segment\": \"s1\", "
                        "\"check\": \"numbers\", \"severity\": \"error\", \"message\": \"x\\ty\"}\n]\n");
    tu_buf_truncate(&out, 0);
    CHECK(tu_findings_render(&f, TU_CHECK_TEXT, &out, &err) == TU_OK);
    CHECK_STR(out.data, "a \"b\".xlf:u1:s1: error: numbers: x\ty\n");
    tu_buf_release(&out);
}

/* A unit's glossary: the 2.x module element with its text escaped by the
 * writer, replaced (not added to) on a second call, and as 1.2 notes. */
TEST(check_unit_glossary)
{
    struct tu_doc *doc = tu_doc_new();
    struct tu_file *f = tu_doc_add_file(doc, "f1");
    struct tu_unit *u = tu_file_add_unit(f, "u1");
    struct tu_error err = {0};
    const char *tr[] = {"istraživanje & razvoj"}, *no[] = {"R<D>"};
    struct tu_gloss_entry e = {"R&D", tr, 1, no, 1, "office.tbx"};

    CHECK(u != NULL && tu_exts_add(&u->exts, "<x:keep xmlns:x=\"urn:x\"/>") == TU_OK);
    CHECK(tu_unit_set_glossary(u, &e, 1, false, &err) == TU_OK);
    CHECK(tu_unit_set_glossary(u, &e, 1, false, &err) == TU_OK);
    CHECK(u->exts.count == 2);
    CHECK_STR(u->exts.items[0].xml, "<x:keep xmlns:x=\"urn:x\"/>");
    CHECK(strstr(u->exts.items[1].xml, "<gls:glossary xmlns:gls=\"urn:oasis:names:tc:xliff:glossary:2.0\">") ==
          u->exts.items[1].xml);
    CHECK(strstr(u->exts.items[1].xml, "<gls:term source=\"office.tbx\">R&amp;D</gls:term>"
                                       "<gls:translation>istraživanje &amp; razvoj</gls:translation>"
                                       "<gls:definition>Do not use: R&lt;D&gt;</gls:definition>") != NULL);
    CHECK(tu_unit_set_glossary(u, NULL, 0, false, &err) == TU_OK && u->exts.count == 1);
    CHECK(tu_notes_add(&u->notes, "a translator's note") != NULL);
    CHECK(tu_unit_set_glossary(u, &e, 1, true, &err) == TU_OK);
    CHECK(tu_unit_set_glossary(u, &e, 1, true, &err) == TU_OK);
    CHECK(u->notes.count == 2);
    CHECK_STR(u->notes.items[0].text, "a translator's note");
    CHECK_STR(u->notes.items[1].category, "glossary");
    CHECK_STR(u->notes.items[1].text,
              "Glossary (office.tbx): R&D = istraživanje & razvoj (do not use: R<D>)");
    tu_doc_free(doc);
}
