/* XLIFF reader/writer: the model survives write -> read in 2.1 and 1.2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tumac/tumac.h>

#include "test.h"

static struct tu_doc *sample_doc(void)
{
    struct tu_doc *d = tu_doc_new();
    struct tu_file *f = tu_doc_add_file(d, "f1");
    struct tu_unit *u = tu_file_add_unit(f, "u1");
    struct tu_segment *s, *ig, *s2;
    struct tu_inline *in;

    /* adding a segment may move the array: pointers are taken after */
    tu_unit_add_segment(u, "s1", false);
    tu_unit_add_segment(u, NULL, true);
    tu_unit_add_segment(u, "s2", false);
    s = &u->segs[0];
    ig = &u->segs[1];
    s2 = &u->segs[2];

    d->src_lang = tu_strdup("hr");
    d->trg_lang = tu_strdup("sr-Latn");
    f->original = tu_strdup("a.html");
    f->skeleton = tu_strdup("<p>\\{t u1}</p>");
    tu_content_add_text(&s->source, "Novi ", 5);
    in = tu_content_add(&s->source, TU_INLINE_PC_START, "1");
    in->data = tu_strdup("<b>");
    in->data_end = tu_strdup("</b>");
    tu_content_add_text(&s->source, "most", 4);
    tu_content_add(&s->source, TU_INLINE_PC_END, "1");
    tu_content_add_text(&s->source, ".", 1);
    s->has_target = true;
    tu_content_copy(&s->target, &s->source);
    s->state = TU_STATE_TRANSLATED;
    tu_content_add_text(&ig->source, " ", 1);
    tu_content_add_text(&s2->source, "Drugi", 5);
    in = tu_content_add(&s2->source, TU_INLINE_PH, "2");
    in->data = tu_strdup("<br>");
    tu_notes_add(&u->notes, "a note");
    struct tu_match *m = tu_unit_add_match(u);
    m->ref = tu_strdup("s1");
    m->match_quality = 85;
    m->similarity = -1;
    m->origin = tu_strdup("tm.db");
    tu_content_add_text(&m->source, "Novi most", 9);
    tu_content_add_text(&m->target, "Нови мост", strlen("Нови мост"));
    return d;
}

static void round_trip(enum tu_xliff_version v)
{
    OWNED(own_doc) struct tu_doc *d = sample_doc(), *r = NULL;
    OWNED(tu_buf_release) struct tu_buf b = {0};
    struct tu_error err = {0};

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    CHECK(tu_xliff_write_buf(d, v, &b, &err) == TU_OK);
    CHECK(tu_xliff_read_memory(b.data, b.len, "mem", &r, &err) == TU_OK);
    CHECK(r->file_count == 1);
    CHECK_STR(r->files[0]->skeleton, "<p>\\{t u1}</p>");
    struct tu_unit *u = r->files[0]->children.items[0].u.unit;
    CHECK_STR(u->id, "u1");
    CHECK(u->seg_count == 3);
    CHECK(u->segs[1].is_ignorable);
    CHECK(u->segs[0].has_target && !u->segs[2].has_target);
    CHECK(u->segs[0].state == TU_STATE_TRANSLATED);
    CHECK(u->segs[0].source.count == 5);
    CHECK(u->segs[0].source.items[1].kind == TU_INLINE_PC_START);
    CHECK_STR(u->segs[0].source.items[1].data, "<b>");
    CHECK_STR(u->segs[0].source.items[1].data_end, "</b>");
    CHECK(u->segs[2].source.items[1].kind == TU_INLINE_PH);
    CHECK_STR(u->segs[2].source.items[1].data, "<br>");
    CHECK(u->notes.count == 1);
    CHECK_STR(u->notes.items[0].text, "a note");
    CHECK(u->match_count == 1);
    CHECK(u->matches[0].match_quality == 85);
    /* one form in the model, whatever the version (1.2 reads mid="s1") */
    CHECK_STR(u->matches[0].ref, "#s1");
    CHECK_STR(u->matches[0].origin, "tm.db");
    CHECK(u->matches[0].target.count == 1);
    own_doc(&r);
    own_doc(&d);
    tu_buf_release(&b);
}

TEST(xliff_round_trip_21)
{
    round_trip(TU_XLIFF_2_1);
}

TEST(xliff_round_trip_12)
{
    round_trip(TU_XLIFF_1_2);
}

/* A <g> whose children grow the item array: its start item must keep the
 * equiv-text (read_inline12 once wrote it through a freed pointer). */
TEST(xliff12_g_growing_items_keeps_equiv)
{
    static const char head[] = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">"
                               "<file original=\"a\" source-language=\"en\" datatype=\"plaintext\"><body>"
                               "<trans-unit id=\"1\"><source><g id=\"g1\" equiv-text=\"bold\">";
    static const char tail[] = "</g><mrk mtype=\"term\" mid=\"m1\">t</mrk></source></trans-unit></body></file></xliff>";
    char x[2048];
    size_t n = (size_t)snprintf(x, sizeof x, "%s", head);
    for (int i = 1; i <= 20; i++) {
        n += (size_t)snprintf(x + n, sizeof x - n, "<x id=\"x%d\"/>", i);
    }
    n += (size_t)snprintf(x + n, sizeof x - n, "%s", tail);
    struct tu_doc *d = NULL;
    struct tu_error err = {0};
    CHECK(tu_xliff_read_memory(x, n, "m", &d, &err) == TU_OK);
    const struct tu_content *ct = &d->files[0]->children.items[0].u.unit->segs[0].source;
    CHECK(ct->count == 25); /* pc start, 20 ph, pc end, mrk start, text, mrk end */
    CHECK(ct->items[0].kind == TU_INLINE_PC_START && ct->items[0].equiv != NULL &&
          strcmp(ct->items[0].equiv, "bold") == 0);
    CHECK(ct->items[21].kind == TU_INLINE_PC_END);
    CHECK(ct->items[22].kind == TU_INLINE_MRK_START && strcmp(ct->items[22].id, "m1") == 0);
    tu_doc_free(d);
}

TEST(xliff_refuses_doctype)
{
    static const char x[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"b\">]>\n<xliff/>";
    OWNED(own_doc) struct tu_doc *d = NULL;
    struct tu_error err = {0};
    CHECK(tu_xliff_read_memory(x, sizeof x - 1, "m", &d, &err) == TU_EPARSE);
    CHECK(d == NULL);
    CHECK(err.line == 2);
}

TEST(xliff_located_parse_error)
{
    static const char x[] = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\">\n<file>";
    OWNED(own_doc) struct tu_doc *d = NULL;
    struct tu_error err = {0};
    CHECK(tu_xliff_read_memory(x, sizeof x - 1, "m", &d, &err) == TU_EPARSE);
    CHECK(err.line >= 2);
}

/*
 * Validator: writes `body` (a unit's inner XML, in a 2.1 document with
 * srcLang `src`) to a temporary file and validates it. Returns the status;
 * the first violation is in `err` (cleared first).
 */
static enum tu_status validate_unit(const char *src, const char *body, struct tu_error *err)
{
    char path[] = "/tmp/tumac-xv-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        return TU_EIO;
    }
    FILE *fp = fdopen(fd, "w");
    fprintf(fp,
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"%s\" trgLang=\"hr\">\n"
            "<file id=\"f1\"><unit id=\"u1\">%s</unit></file></xliff>\n",
            src, body);
    fclose(fp);
    struct tu_diag diag = {0};
    tu_error_clear(err);
    enum tu_status st = tu_xliff_validate(path, &diag, err);
    tu_diag_release(&diag);
    remove(path);
    return st;
}

TEST(xliff_validate_language_tags)
{
    static const char seg[] = "<segment><source>a</source></segment>";
    struct tu_error err = {0};
    CHECK(validate_unit("sr-Latn-RS", seg, &err) == TU_OK);
    CHECK(validate_unit("x-klingon", seg, &err) == TU_OK);
    CHECK(validate_unit("e", seg, &err) == TU_EINVALID);
    CHECK(strstr(err.msg, "BCP 47") && strstr(err.msg, "4.3.1.29"));
    CHECK(validate_unit("en-", seg, &err) == TU_EINVALID);
    CHECK(validate_unit("en-x", seg, &err) == TU_EINVALID);
}

TEST(xliff_validate_reorder_sequence)
{
    struct tu_error err = {0};
#define NO_REORDER " canReorder=\"no\" canCopy=\"no\" canDelete=\"no\""
#define SRC "<source><pc id=\"1\" canReorder=\"firstNo\" canCopy=\"no\" canDelete=\"no\">a <ph id=\"2\"" NO_REORDER "/></pc> b</source>"
    CHECK(validate_unit("en",
                        "<segment>" SRC "<target><pc id=\"1\" canReorder=\"firstNo\" canCopy=\"no\" canDelete=\"no\">c <ph id=\"2\"" NO_REORDER "/></pc></target></segment>",
                        &err) == TU_OK);
    CHECK(validate_unit("en",
                        "<segment>" SRC "<target><pc id=\"1\" canReorder=\"firstNo\" canCopy=\"no\" canDelete=\"no\">c</pc><ph id=\"2\"" NO_REORDER "/></target></segment>",
                        &err) == TU_EINVALID);
    CHECK(strstr(err.msg, "non-reorderable sequence") != NULL);
    /* a code with canReorder="no" needs the firstNo code before it */
    CHECK(validate_unit("en", "<segment><source><ph id=\"1\"" NO_REORDER "/></source></segment>", &err) ==
          TU_EINVALID);
    CHECK(strstr(err.msg, "4.3.1.5") != NULL);
#undef SRC
#undef NO_REORDER
}

TEST(xliff_validate_written_document)
{
    OWNED(own_doc) struct tu_doc *d = sample_doc();
    struct tu_error err = {0};
    OWNED(tu_diag_release) struct tu_diag diag = {0};
    char path[] = "/tmp/tumac-xv-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    CHECK(tu_xliff_write_file(d, TU_XLIFF_2_1, path, &err) == TU_OK);
    CHECK(tu_xliff_validate(path, &diag, &err) == TU_OK);
    CHECK(diag.count == 0);
    tu_diag_release(&diag);
    remove(path);
    own_doc(&d);
}

/* A 1.2 document with one unit, its body `tu` (attributes, then children). */
static struct tu_unit *read_unit12(const char *tu, struct tu_doc **doc)
{
    char x[2048];
    struct tu_error err = {0};
    snprintf(x, sizeof x,
             "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">"
             "<file original=\"a\" source-language=\"en\" target-language=\"bs\" datatype=\"html\">"
             "<body><trans-unit id=\"u1\"%s</trans-unit></body></file></xliff>",
             tu);
    *doc = NULL;
    if (tu_xliff_read_memory(x, strlen(x), "m", doc, &err) != TU_OK) {
        return NULL;
    }
    return (*doc)->files[0]->children.items[0].u.unit;
}

TEST(xliff12_source_copies_are_not_translations)
{
    struct tu_doc *d;
    struct tu_unit *u;

    u = read_unit12("><source>OSCE</source><target state=\"new\">OSCE</target>", &d);
    CHECK(u != NULL && !u->segs[0].has_target);
    tu_doc_free(d);
    u = read_unit12("><source>OSCE</source><target state=\"translated\">OSCE</target>", &d);
    CHECK(u != NULL && u->segs[0].has_target && u->segs[0].state == TU_STATE_TRANSLATED);
    tu_doc_free(d);
    /* OmegaT leaves the state alone: a changed target is its translation */
    u = read_unit12("><source>Mission</source><target state=\"needs-translation\">Misija</target>", &d);
    CHECK(u != NULL && u->segs[0].has_target && u->segs[0].state == TU_STATE_INITIAL);
    tu_doc_free(d);
    /* pomerge's fuzzy entry */
    u = read_unit12(" approved=\"no\"><source>Mission</source><target state=\"needs-translation\">Misija</target>", &d);
    CHECK(u != NULL && !u->segs[0].has_target);
    tu_doc_free(d);
    /* a listed segment is a copy, an unlisted one equal to its source a translation */
    u = read_unit12("><source>A. B.</source><seg-source><mrk mtype=\"seg\" mid=\"s1\">A.</mrk> "
                    "<mrk mtype=\"seg\" mid=\"s2\">B.</mrk></seg-source><target state=\"needs-translation\">"
                    "<mrk mtype=\"seg\" mid=\"s1\">A.</mrk> <mrk mtype=\"seg\" mid=\"s2\">B.</mrk></target>"
                    "<context-group purpose=\"information\"><context context-type=\"x-tumac-untranslated\">s2"
                    "</context></context-group>", &d);
    CHECK(u != NULL && u->seg_count == 3);
    CHECK(u->segs[0].has_target && u->segs[0].state == TU_STATE_TRANSLATED);
    CHECK(!u->segs[2].has_target);
    tu_doc_free(d);
}

TEST(xliff12_whole_target_of_a_segmented_unit)
{
    struct tu_doc *d;
    struct tu_unit *u = read_unit12(
        "><source>A. B.</source><seg-source><mrk mtype=\"seg\" mid=\"s1\">A.</mrk> "
        "<mrk mtype=\"seg\" mid=\"s2\">B.</mrk></seg-source><target state=\"translated\">X. Y.</target>", &d);
    CHECK(u != NULL && u->seg_count == 1);
    CHECK(u->segs[0].has_target);
    CHECK_STR(u->segs[0].target.items[0].text, "X. Y.");
    tu_doc_free(d);
}

TEST(xliff12_codes_back_from_escaped_markup)
{
    struct tu_doc *d;
    struct tu_unit *u = read_unit12(
        "><source>A <bpt id=\"1\" rid=\"1\">&lt;b&gt;</bpt>bold<ept id=\"1-e\" rid=\"1\">&lt;/b&gt;</ept>"
        " word<ph id=\"2\">&lt;br&gt;</ph></source>"
        "<target state=\"translated\">&lt;br&gt;Jedna &lt;b&gt;masna&lt;/b&gt; riječ</target>", &d);
    CHECK(u != NULL && u->segs[0].has_target);
    const struct tu_content *t = &u->segs[0].target;
    CHECK(t->count == 6);
    CHECK(t->items[0].kind == TU_INLINE_PH);
    CHECK_STR(t->items[0].id, "2");
    CHECK_STR(t->items[1].text, "Jedna ");
    CHECK(t->items[2].kind == TU_INLINE_PC_START);
    CHECK_STR(t->items[2].data, "<b>");
    CHECK_STR(t->items[2].data_end, "</b>");
    CHECK(t->items[4].kind == TU_INLINE_PC_END);
    tu_doc_free(d);
    /* the source's own text reads like its markup: left as text */
    u = read_unit12("><source>Write &lt;b&gt; for <bpt id=\"1\" rid=\"1\">&lt;b&gt;</bpt>bold"
                    "<ept id=\"1-e\" rid=\"1\">&lt;/b&gt;</ept></source>"
                    "<target state=\"translated\">Piši &lt;b&gt;</target>", &d);
    CHECK(u != NULL && u->segs[0].target.count == 1);
    tu_doc_free(d);
}
