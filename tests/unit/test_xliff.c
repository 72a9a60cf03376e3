/* XLIFF reader/writer: the model survives write -> read in 2.1 and 1.2. */
#include <stdlib.h>

#include <tumac/tumac.h>

#include "test.h"

static struct tu_doc *sample_doc(void)
{
    struct tu_doc *d = tu_doc_new();
    struct tu_file *f = tu_doc_add_file(d, "f1");
    struct tu_unit *u = tu_file_add_unit(f, "u1");
    struct tu_segment *s = tu_unit_add_segment(u, "s1", false);
    struct tu_segment *ig = tu_unit_add_segment(u, NULL, true);
    struct tu_segment *s2 = tu_unit_add_segment(u, "s2", false);
    struct tu_inline *in;

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
    struct tu_doc *d = sample_doc(), *r = NULL;
    struct tu_buf b;
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
    CHECK_STR(u->matches[0].origin, "tm.db");
    CHECK(u->matches[0].target.count == 1);
    tu_doc_free(r);
    tu_doc_free(d);
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

TEST(xliff_refuses_doctype)
{
    static const char x[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"b\">]>\n<xliff/>";
    struct tu_doc *d = NULL;
    struct tu_error err = {0};
    CHECK(tu_xliff_read_memory(x, sizeof x - 1, "m", &d, &err) == TU_EPARSE);
    CHECK(d == NULL);
    CHECK(err.line == 2);
}

TEST(xliff_located_parse_error)
{
    static const char x[] = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\">\n<file>";
    struct tu_doc *d = NULL;
    struct tu_error err = {0};
    CHECK(tu_xliff_read_memory(x, sizeof x - 1, "m", &d, &err) == TU_EPARSE);
    CHECK(err.line >= 2);
}
