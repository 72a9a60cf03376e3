/* Unit tests of src/base: errors, buffers, atomic files. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tumac/tumac.h>

#include "test.h"

TEST(error_first_wins)
{
    struct tu_error err = {0};

    CHECK(tu_error_at(&err, TU_EPARSE, "a.xlf", 3, 7, "bad %s", "thing") ==
          TU_EPARSE);
    CHECK(tu_error_set(&err, TU_EIO, "later") == TU_EIO);
    CHECK(err.code == TU_EPARSE);
    CHECK_STR(err.path, "a.xlf");
    CHECK(err.line == 3 && err.column == 7);
    CHECK_STR(err.msg, "bad thing");
    CHECK_STR(tu_status_name(TU_EDB), "TU_EDB");
}

TEST(buf_limit_is_sticky)
{
    OWNED(tu_buf_release) struct tu_buf b = {0};

    tu_buf_init(&b, 4);
    CHECK(b.data[0] == '\0');
    CHECK(tu_buf_add(&b, "abc", 3) == TU_OK);
    CHECK(tu_buf_add(&b, "def", 3) == TU_ETOOBIG);
    CHECK(tu_buf_adds(&b, "x") == TU_ETOOBIG);
    CHECK_STR(b.data, "abc");
    CHECK(tu_buf_detach(&b, NULL) == NULL);
    tu_buf_release(&b);
}

TEST(buf_printf_and_detach)
{
    OWNED(tu_buf_release) struct tu_buf b = {0};
    size_t len = 0;
    char *s;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    for (int i = 0; i < 1000; i++) {
        tu_buf_printf(&b, "%d,", i);
    }
    CHECK(b.status == TU_OK);
    CHECK(strncmp(b.data, "0,1,2,", 6) == 0);
    s = tu_buf_detach(&b, &len);
    CHECK(s != NULL && len == strlen(s));
    CHECK(b.len == 0 && b.data[0] == '\0');
    tu_free(s);
}

TEST(atomic_write_replaces_whole_file)
{
    char dir[] = "/tmp/tumac-test-XXXXXX";
    char path[128];
    struct tu_error err = {0};
    OWNED(tu_buf_release) struct tu_buf b = {0};
    struct tu_atomic_file f;

    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof(path), "%s/sub/out.txt", dir);
    CHECK(tu_file_write_atomic(path, "first", 5, &err) == TU_OK);
    /* an aborted write leaves the old content and no temporary behind */
    CHECK(tu_atomic_open(&f, path, &err) == TU_OK);
    fputs("partial", f.fp);
    tu_atomic_abort(&f);
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    CHECK(tu_file_read(path, 100, &b, &err) == TU_OK);
    CHECK_STR(b.data, "first");
    tu_buf_release(&b);
    CHECK(tu_file_read(path, 2, &b, &err) == TU_ETOOBIG);
    tu_buf_release(&b);
    {
        char cmd[256];
        snprintf(cmd, sizeof(cmd), "test $(ls -A %s/sub | wc -l) -eq 1", dir);
        CHECK(system(cmd) == 0);
        snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
        CHECK(system(cmd) == 0);
    }
}

TEST(text_position_counts_characters)
{
    const char *t = "ab\nčćd\nx";
    unsigned long line = 0;
    unsigned long col = 0;

    tu_text_position(t, strlen(t), 3 + 4, &line, &col); /* at the d */
    CHECK(line == 2 && col == 3);
}

TEST(locale_tags_canonical)
{
    struct tu_locale loc;
    struct tu_error err = {0};

    CHECK(tu_locale_parse("sr", &loc, &err) == TU_OK);
    CHECK_STR(loc.tag, "sr-Cyrl");
    CHECK(tu_locale_parse("SR_latn", &loc, &err) == TU_OK);
    CHECK_STR(loc.tag, "sr-Latn");
    CHECK_STR(tu_locale_script(&loc), "Latn");
    CHECK(tu_locale_parse("bs", &loc, &err) == TU_OK);
    CHECK_STR(loc.tag, "bs");
    CHECK_STR(tu_locale_script(&loc), "Latn");
    CHECK(tu_locale_is_biscriptal(&loc));
    CHECK(tu_locale_parse("bs-cyrl", &loc, &err) == TU_OK);
    CHECK_STR(loc.tag, "bs-Cyrl");
    CHECK(tu_locale_parse("SR-latn", &loc, &err) == TU_OK);
    CHECK_STR(loc.tag, "sr-Latn");
    CHECK(tu_locale_parse("hr-hr", &loc, &err) == TU_OK);
    CHECK_STR(loc.tag, "hr-HR");
    CHECK(tu_locale_parse("en", &loc, &err) == TU_OK);
    CHECK(!tu_locale_is_biscriptal(&loc));
    CHECK(tu_locale_parse("xx", &loc, &err) == TU_EINVAL);
    CHECK(strstr(err.msg, "unknown language") != NULL);
    tu_error_clear(&err);
    CHECK(tu_locale_parse("en us!", &loc, &err) == TU_EINVAL);
}

TEST(model_builds_and_frees)
{
    OWNED(own_doc) struct tu_doc *doc = tu_doc_new();
    struct tu_file *f;
    struct tu_unit *u;
    struct tu_segment *s;
    struct tu_inline *code;
    OWNED(tu_buf_release) struct tu_buf plain = {0};

    CHECK(doc != NULL);
    f = tu_doc_add_file(doc, "f1");
    CHECK(f != NULL);
    u = tu_file_add_unit(f, "u1");
    CHECK(u != NULL);
    s = tu_unit_add_segment(u, "s1", false);
    CHECK(s != NULL);
    CHECK(tu_content_add_text(&s->source, "Hello ", 6) == TU_OK);
    code = tu_content_add(&s->source, TU_INLINE_PC_START, "1");
    CHECK(code != NULL);
    code->data = tu_strdup("<b>");
    CHECK(tu_content_add_text(&s->source, "world", 5) == TU_OK);
    CHECK(tu_content_add(&s->source, TU_INLINE_PC_END, "1") != NULL);
    CHECK(tu_content_add_text(&s->source, "!", 1) == TU_OK);
    CHECK(tu_content_copy(&s->target, &s->source) == TU_OK);
    CHECK(s->target.count == 5);
    tu_buf_init(&plain, TU_BUF_NO_LIMIT);
    CHECK(tu_content_plain(&s->target, &plain) == TU_OK);
    CHECK_STR(plain.data, "Hello world!");
    tu_buf_release(&plain);
    CHECK(tu_state_parse("translated") == TU_STATE_TRANSLATED);
    CHECK(tu_xliff_version_parse("2.1") == TU_XLIFF_2_1);
    own_doc(&doc);
}

/* One escaper per format (escape.h): what each escapes and what it keeps. */
TEST(escape_json_xml_html_and_numbers)
{
    OWNED(tu_buf_release) struct tu_buf b = {0};

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    tu_json_str(&b, "a\"b\\c\nd\te\rf\x01g č");
    CHECK_STR(b.data, "\"a\\\"b\\\\c\\nd\\te\\rf\\u0001g č\"");
    tu_buf_release(&b);
    tu_json_str(&b, NULL);
    CHECK_STR(b.data, "null");
    tu_buf_release(&b);
    tu_xml_text(&b, "<a href=\"x\">Tom's & Jerry</a>");
    CHECK_STR(b.data, "&lt;a href=\"x\"&gt;Tom's &amp; Jerry&lt;/a&gt;");
    tu_buf_release(&b);
    tu_xml_attr(&b, "<a href=\"x\">Tom's & Jerry</a>");
    CHECK_STR(b.data, "&lt;a href=&quot;x&quot;&gt;Tom's &amp; Jerry&lt;/a&gt;");
    tu_buf_release(&b);
    tu_html_escape(&b, "<a href=\"x\">Tom's & Jerry</a>");
    CHECK_STR(b.data, "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&lt;/a&gt;");
    tu_buf_release(&b);
    tu_html_num(&b, 0);
    tu_buf_adds(&b, " ");
    tu_html_num(&b, 999);
    tu_buf_adds(&b, " ");
    tu_html_num(&b, 1234567);
    CHECK_STR(b.data, "0 999 1&#8239;234&#8239;567");
    tu_buf_release(&b);
}

/* The JSON writer puts the separators of each style: compact, one line, a
 * member a line (the first too), nested and empty. */
TEST(json_writer_separators_and_styles)
{
    OWNED(tu_buf_release) struct tu_buf b = {0};
    struct tu_json top, list, o;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    tu_json_begin(&o, &b, '{', ",");
    tu_json_add_strs(&o, "a", "x\"y", "b", (const char *)NULL, (char *)NULL);
    tu_json_add_int(&o, "n", -3);
    tu_json_add_bool(&o, "t", true);
    tu_json_end(&o, "}");
    CHECK_STR(b.data, "{\"a\":\"x\\\"y\",\"b\":null,\"n\":-3,\"t\":true}");
    tu_buf_release(&b);

    tu_json_begin(&top, &b, '{', ",\n  ");
    tu_json_add_sizes(&top, "w", (size_t)12, "s", (size_t)0, (char *)NULL);
    tu_json_key(&top, "l");
    tu_json_begin(&list, &b, '[', ", ");
    tu_json_add_str(&list, NULL, "p");
    tu_json_add_size(&list, NULL, 7);
    tu_json_end(&list, "]");
    tu_json_key(&top, "e");
    tu_json_begin(&list, &b, '[', ",\n    ");
    tu_json_end(&list, list.count ? "\n  ]" : "]");
    tu_json_end(&top, "\n}\n");
    CHECK_STR(b.data, "{\n  \"w\": 12,\n  \"s\": 0,\n  \"l\": [\"p\", 7],\n  \"e\": []\n}\n");
    CHECK(top.count == 4);
}
