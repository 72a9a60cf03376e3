/*
 * Unit tests of the filters (src/filters/): byte-identical round trips,
 * segments around codes, merge refusing damaged targets, spellings kept,
 * lang switched, pseudo-translation.
 */
#include <dirent.h>
#include <stdlib.h>

#include <tumac/tumac.h>

#include "test.h"

static struct tu_doc *extract_str(const char *text, const char *format,
                                  const char *src)
{
    struct tu_extract_opts o = {.src_lang = src, .trg_lang = "sr-Latn",
                                .format = format};
    struct tu_error err = {0};
    struct tu_doc *doc = NULL;

    if (tu_extract_memory(text, strlen(text), "test.html", &o, &doc, &err) !=
        TU_OK) {
        fprintf(stderr, "extract: %s\n", err.msg);
        return NULL;
    }
    return doc;
}

/* Merge into a new string (NULL on failure; *st gets the status). */
static char *merge_str(const struct tu_doc *doc, bool strict,
                       enum tu_status *st, struct tu_error *err,
                       struct tu_diag *diag)
{
    struct tu_merge_opts mo = {.strict = strict};
    struct tu_buf out;
    struct tu_diag local = {0};

    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    *st = tu_merge_doc(doc, &mo, &out, diag ? diag : &local, err);
    tu_diag_release(&local);
    if (*st != TU_OK) {
        tu_buf_release(&out);
        return NULL;
    }
    return tu_buf_detach(&out, NULL);
}

/* extract -> merge gives the input back; extract -> pseudo -> merge works. */
static bool roundtrip_bytes(const char *data, size_t len, const char *name)
{
    struct tu_extract_opts o = {.src_lang = "en", .trg_lang = "bs"};
    struct tu_error err = {0};
    struct tu_doc *doc = NULL;
    struct tu_buf out;
    struct tu_diag d = {0};
    struct tu_merge_opts mo = {0};
    bool same;

    if (tu_extract_memory(data, len, name, &o, &doc, &err) != TU_OK) {
        fprintf(stderr, "%s: extract: %s\n", name, err.msg);
        return false;
    }
    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    if (tu_merge_doc(doc, &mo, &out, &d, &err) != TU_OK) {
        fprintf(stderr, "%s: merge: %s\n", name, err.msg);
        same = false;
    } else {
        same = out.len == len && memcmp(out.data, data, len) == 0;
        if (!same) {
            fprintf(stderr, "%s: round trip differs\n", name);
        }
    }
    if (same) {
        /* pseudo-translated, it must merge too: merge re-parses HTML and
         * refuses a document that would not parse like the original */
        struct tu_buf p;
        tu_buf_init(&p, TU_BUF_NO_LIMIT);
        if (tu_pseudo_doc(doc, &err) != TU_OK ||
            tu_merge_doc(doc, &mo, &p, &d, &err) != TU_OK) {
            fprintf(stderr, "%s: pseudo merge: %s\n", name, err.msg);
            same = false;
        } else if (len > 0 && doc->files[0]->children.count > 0 &&
                   p.len == len && memcmp(p.data, data, len) == 0) {
            fprintf(stderr, "%s: pseudo merge changed nothing\n", name);
            same = false;
        }
        tu_buf_release(&p);
    }
    tu_buf_release(&out);
    tu_diag_release(&d);
    tu_doc_free(doc);
    return same;
}

static bool roundtrip_file(const char *path)
{
    struct tu_buf b;
    struct tu_error err = {0};
    bool ok;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    if (tu_file_read(path, TU_FILE_DEFAULT_LIMIT, &b, &err) != TU_OK) {
        fprintf(stderr, "%s: %s\n", path, err.msg);
        tu_buf_release(&b);
        return false;
    }
    ok = roundtrip_bytes(b.data, b.len, path);
    tu_buf_release(&b);
    return ok;
}

/* Round trip every file of `dir` ending in one of the suffixes; count them. */
static int roundtrip_dir(const char *dir, int *files)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int bad = 0;
    char path[1024];

    *files = 0;
    if (d == NULL) {
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if ((n > 5 && strcmp(e->d_name + n - 5, ".html") == 0) ||
            (n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0)) {
            snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
            (*files)++;
            bad += !roundtrip_file(path);
        }
    }
    closedir(d);
    return bad;
}

TEST(filters_roundtrip_test_html)
{
    int files = 0;
    CHECK(roundtrip_dir("tests/data/html", &files) == 0);
    CHECK(files >= 20);
}

TEST(filters_roundtrip_samples)
{
    int files = 0, f2 = 0;
    CHECK(roundtrip_dir("samples", &files) == 0);
    CHECK(files >= 10);
    CHECK(roundtrip_dir("samples/new", &f2) <= 0);
}

TEST(filters_roundtrip_seed_text)
{
    CHECK(roundtrip_file(SHARED_DIR "/seeds/osce-bih-press-release.txt"));
}

TEST(filters_roundtrip_awkward_bytes)
{
    static const char *const cases[] = {
        "plain\r\nwith CR\rand \x01 control \x7f and \\ backslash\n",
        "\xEF\xBB\xBFtitle\n\n  indented para\n  second line  \n\n\n",
        "<p>a\x01b &#1; &#x0; &#13; \\x41 \\{t u1}</p>",
        "<p title=\"a\rb\">x\r\ny</p>",
        "",
        "no newline at end",
        "<p>&</p><p>&amp</p><p>&#</p><p>&#x;</p><p>&;</p>",
        "<p title=<x>>t</p><p>a < b and a <3 c</p><p>x <i>y</p>z</i> w",
        "<p>Stray </span> end tag and </body> </html> trailing</p>\n</body>\n</html>\n",
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        CHECK(roundtrip_bytes(cases[i], strlen(cases[i]),
                              i < 2 || i == 5 ? "t.txt" : "t.html"));
    }
}

TEST(filters_skeleton_is_xml_safe)
{
    struct tu_extract_opts o = {.src_lang = "en"};
    struct tu_error err = {0};
    OWNED(own_doc) struct tu_doc *doc = NULL;
    const char *in = "a\r\nb\x01\x7f\xEF\xBB\xBF c\n";
    const unsigned char *s;

    CHECK(tu_extract_memory(in, strlen(in), "x.txt", &o, &doc, &err) == TU_OK);
    for (s = (const unsigned char *)doc->files[0]->skeleton; *s; s++) {
        CHECK(*s >= 0x20 || *s == '\n' || *s == '\t');
        CHECK(*s != 0x7F);
    }
    CHECK(strstr(doc->files[0]->skeleton, "\xEF\xBB\xBF") == NULL);
    own_doc(&doc);
}

/* The unit with index i (0-based) of the first file. */
static struct tu_unit *unit_at(struct tu_doc *doc, size_t i)
{
    return doc->files[0]->children.items[i].u.unit;
}

TEST(filters_html_units_and_codes)
{
    OWNED(own_doc) struct tu_doc *doc = extract_str(
        "<html lang=\"en\"><head><title>T &amp; U</title></head><body>"
        "<p>See <a href=\"x?a=1&amp;b=2\" title=\"News\">our site</a>.</p>"
        "<script>var x = '<p>no</p>';</script><!-- c -->"
        "<p translate=\"no\">Keep</p></body></html>",
        "html", "en");
    struct tu_unit *u;

    CHECK(doc != NULL);
    CHECK(doc->files[0]->children.count == 3);
    u = unit_at(doc, 0);
    CHECK_STR(u->segs[0].source.items[0].text, "T & U");
    u = unit_at(doc, 1); /* the title attribute, met before its paragraph ends */
    CHECK_STR(u->name, "a@title");
    CHECK_STR(u->segs[0].source.items[0].text, "News");
    u = unit_at(doc, 2);
    CHECK(u->segs[0].source.count == 5);
    CHECK(u->segs[0].source.items[1].kind == TU_INLINE_PC_START);
    CHECK_STR(u->segs[0].source.items[1].data,
              "<a href=\"x?a=1&amp;b=2\" title=\"News\">");
    CHECK_STR(u->segs[0].source.items[1].data_end, "</a>");
    CHECK_STR(u->segs[0].source.items[1].type, "link");
    CHECK(u->segs[0].source.items[3].kind == TU_INLINE_PC_END);
    CHECK(strstr(doc->files[0]->skeleton, "var x") != NULL);
    own_doc(&doc);
}

TEST(filters_enclosing_code_outside_segment)
{
    OWNED(own_doc) struct tu_doc *doc = extract_str(
        "<p><strong>Whole.</strong></p><p><b>First one.</b> Second one.</p>",
        "html", "en");
    struct tu_unit *u;

    CHECK(doc != NULL);
    u = unit_at(doc, 0);
    CHECK(u->seg_count == 1);
    CHECK(u->segs[0].source.count == 1); /* the code went to the skeleton */
    u = unit_at(doc, 1);
    /* ignorable <sc>, segment, ignorable <ec> + space, segment */
    CHECK(u->seg_count == 4);
    CHECK(u->segs[0].is_ignorable);
    CHECK(u->segs[0].source.items[0].kind == TU_INLINE_SC);
    CHECK(!u->segs[1].is_ignorable);
    CHECK_STR(u->segs[1].source.items[0].text, "First one.");
    CHECK(u->segs[2].is_ignorable);
    CHECK(u->segs[2].source.items[0].kind == TU_INLINE_EC);
    CHECK_STR(u->segs[3].source.items[0].text, "Second one.");
    own_doc(&doc);
}

TEST(filters_never_split_inside_paired_code)
{
    OWNED(own_doc) struct tu_doc *doc = extract_str(
        "<p>Start <em>one sentence. Two sentence.</em> End here.</p>",
        "html", "en");
    struct tu_unit *u;

    CHECK(doc != NULL);
    u = unit_at(doc, 0);
    /* "Start <em>one sentence. Two sentence.</em>", " ", "End here." */
    CHECK(u->seg_count == 3);
    CHECK(u->segs[0].source.count == 4);
    CHECK_STR(u->segs[0].source.items[2].text, "one sentence. Two sentence.");
    CHECK_STR(u->segs[2].source.items[0].text, "End here.");
    own_doc(&doc);
}

/* Set the target of segment s of unit u to the source, changed by `edit`. */
static void set_target(struct tu_unit *u, size_t s)
{
    tu_content_clear(&u->segs[s].target);
    CHECK(tu_content_copy(&u->segs[s].target, &u->segs[s].source) == TU_OK);
    u->segs[s].has_target = true;
}

/* Translate segment s of unit u: its target is `text` (the source had one piece). */
static void set_text_target(struct tu_unit *u, size_t s, const char *text)
{
    set_target(u, s);
    free(u->segs[s].target.items[0].text);
    u->segs[s].target.items[0].text = strdup(text);
}

static const char *const code_doc =
    "<p>A <b>bold</b> and <i>italic</i> word<br>here.</p>";

TEST(filters_merge_refuses_bad_codes)
{
    static const struct {
        const char *want;
        int op;
    } cases[] = {
        {"paired code '1' is missing", 0},
        {"paired code '1' is duplicated", 1},
        {"code '1' is closed while code '2' inside it is still open", 2},
        {"code '9' is not in the source", 3},
        {"standalone code written as a paired", 4},
        {"is not closed", 5},
    };
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        OWNED(own_doc) struct tu_doc *doc = extract_str(code_doc, "html", "en");
        struct tu_error err = {0};
        enum tu_status st;
        struct tu_content *t;
        struct tu_unit *u;
        char *out;

        CHECK(doc != NULL);
        u = unit_at(doc, 0);
        set_target(u, 0);
        t = &u->segs[0].target;
        /* A_ <1> bold </1> _and_ <2> italic </2> _word <3/> here. */
        CHECK(t->count == 11);
        switch (cases[k].op) {
        case 0: /* drop <b> and </b> */
            t->items[1].kind = TU_INLINE_TEXT;
            t->items[1].text = strdup("");
            t->items[3].kind = TU_INLINE_TEXT;
            t->items[3].text = strdup("");
            break;
        case 1: /* the italic pair becomes a second bold pair */
            free(t->items[5].id);
            t->items[5].id = strdup("1");
            free(t->items[7].id);
            t->items[7].id = strdup("1");
            break;
        case 2: { /* <1> bold <2> and </1> italic </2> */
            struct tu_inline tmp = t->items[3];
            t->items[3] = t->items[5];
            t->items[5] = tmp;
            break;
        }
        case 3:
            free(t->items[9].id);
            t->items[9].id = strdup("9");
            break;
        case 4:
            t->items[9].kind = TU_INLINE_PC_START;
            break;
        case 5:
            t->items[7].kind = TU_INLINE_TEXT;
            t->items[7].text = strdup("");
            break;
        }
        out = merge_str(doc, false, &st, &err, NULL);
        CHECK(out == NULL);
        CHECK(st == TU_EINVALID);
        if (strstr(err.msg, cases[k].want) == NULL ||
            strstr(err.msg, "unit 'u1'") == NULL) {
            fprintf(stderr, "case %zu: %s\n", k, err.msg);
            CHECK(0);
        }
        own_doc(&doc);
    }
}

TEST(filters_merge_translated_keeps_markup_and_spelling)
{
    OWNED(own_doc) struct tu_doc *doc = extract_str(
        "<html lang=\"en\"><p>Fish&nbsp;and <b>chips</b> &amp; more.</p>"
        "<p lang=\"de\">Deutsch.</p></html>",
        "html", "en");
    struct tu_unit *u;
    struct tu_error err = {0};
    enum tu_status st;
    char *out;

    CHECK(doc != NULL);
    u = unit_at(doc, 0);
    set_text_target(u, 0, "Riba\xC2\xA0i <x> ");
    free(u->segs[0].target.items[1].data); /* markup from the XLIFF is ignored */
    u->segs[0].target.items[1].data = strdup("<script>");
    out = merge_str(doc, false, &st, &err, NULL);
    CHECK(out != NULL);
    CHECK_STR(out, "<html lang=\"sr-Latn\"><p>Riba&nbsp;i &lt;x&gt; <b>chips</b> "
                   "&amp; more.</p><p lang=\"de\">Deutsch.</p></html>");
    free(out);
    own_doc(&doc);
}

TEST(filters_merge_missing_target)
{
    OWNED(own_doc) struct tu_doc *doc = extract_str("<p>One.</p><p>Two.</p>", "html", "en");
    struct tu_error err = {0};
    OWNED(tu_diag_release) struct tu_diag diag = {0};
    enum tu_status st;
    char *out;

    CHECK(doc != NULL);
    set_text_target(unit_at(doc, 0), 0, "Jedan.");
    out = merge_str(doc, false, &st, &err, &diag);
    CHECK(out != NULL);
    CHECK_STR(out, "<p>Jedan.</p><p>Two.</p>");
    CHECK(diag.count == 1);
    CHECK(strstr(diag.items[0].msg, "unit 'u2'") != NULL);
    free(out);
    tu_diag_release(&diag);
    out = merge_str(doc, true, &st, &err, NULL);
    CHECK(out == NULL);
    CHECK(st == TU_EINVAL);
    CHECK(strstr(err.msg, "u2") != NULL);
    own_doc(&doc);
}

TEST(filters_unquoted_attribute_gets_quotes)
{
    OWNED(own_doc) struct tu_doc *doc = extract_str("<img alt=Photo src=a.png>", "html", "en");
    struct tu_error err = {0};
    enum tu_status st;
    char *out;

    CHECK(doc != NULL);
    set_text_target(unit_at(doc, 0), 0, "Moja \"slika\"");
    out = merge_str(doc, false, &st, &err, NULL);
    CHECK_STR(out, "<img alt=\"Moja &quot;slika&quot;\" src=a.png>");
    free(out);
    own_doc(&doc);
}

TEST(filters_text_paragraphs)
{
    struct tu_doc *doc = extract_str("Title\n\nFirst line\n  wrapped.  \n\nLast.\n",
                                     "text", "en");
    OWNED(own_doc) struct tu_doc *lines = extract_str("Title\nOne.\nTwo.\n", "text", "en");

    CHECK(doc != NULL && lines != NULL);
    CHECK(doc->files[0]->children.count == 3);
    CHECK_STR(unit_at(doc, 0)->name, "title");
    CHECK_STR(unit_at(doc, 1)->segs[0].source.items[0].text,
              "First line wrapped.");
    CHECK(lines->files[0]->children.count == 3);
    CHECK_STR(tu_filter_extension(doc), "txt");
    tu_doc_free(doc);
    own_doc(&lines);
}

TEST(filters_pseudo_changes_every_segment)
{
    OWNED(own_doc) struct tu_doc *doc = extract_str(
        "<p>Hello <b>world</b>. Again.</p><img alt=\"Picture\">", "html", "en");
    struct tu_error err = {0};
    enum tu_status st;
    char *out;

    CHECK(doc != NULL);
    CHECK(tu_pseudo_doc(doc, &err) == TU_OK);
    out = merge_str(doc, false, &st, &err, NULL);
    CHECK(out != NULL);
    CHECK(strstr(out, "Hello") == NULL);
    CHECK(strstr(out, "Picture") == NULL);
    CHECK(strstr(out, "<b>") != NULL && strstr(out, "</b>") != NULL);
    CHECK(strstr(out, "[Ĥéĺĺó ") != NULL);
    CHECK_STR(tu_filter_extension(doc), "html");
    free(out);
    own_doc(&doc);
}

TEST(filters_damaged_skeleton_refused)
{
    OWNED(own_doc) struct tu_doc *doc = extract_str("<p>One.</p>", "html", "en");
    struct tu_error err = {0};
    enum tu_status st;
    char *skl;

    CHECK(doc != NULL);
    skl = doc->files[0]->skeleton;
    CHECK(strstr(skl, "\\{t u1 ") != NULL);
    strstr(skl, "\\{t u1 ")[2] = 'q';
    CHECK(merge_str(doc, false, &st, &err, NULL) == NULL);
    CHECK(st == TU_EPARSE);
    CHECK(strstr(err.msg, "damaged skeleton") != NULL);
    own_doc(&doc);
}

TEST(filters_invalid_utf8_located)
{
    struct tu_extract_opts o = {.src_lang = "en"};
    struct tu_error err = {0};
    OWNED(own_doc) struct tu_doc *doc = NULL;

    CHECK(tu_extract_memory("ok\nbad \xC3(x\n", 11, "in.txt", &o, &doc, &err) ==
          TU_EENCODING);
    CHECK(doc == NULL);
    CHECK(err.line == 2 && err.column == 5);
}

TEST(filters_merge_refuses_html_the_parser_would_repair)
{
    OWNED(own_doc) struct tu_doc *doc = extract_str(
        "<p>Go <a href=\"1\">one</a> and <a href=\"2\">two</a> now.</p>",
        "html", "en");
    struct tu_error err = {0};
    struct tu_content *t;
    struct tu_unit *u;
    struct tu_inline tmp;
    enum tu_status st;
    char *out;

    CHECK(doc != NULL);
    u = unit_at(doc, 0);
    set_target(u, 0);
    t = &u->segs[0].target;
    /* Go_ <1> one </1> _and_ <2> two </2> _now. -> <1> one <2> two </2></1> */
    CHECK(t->count == 9);
    tmp = t->items[3];
    memmove(&t->items[3], &t->items[4], 4 * sizeof(tmp));
    t->items[7] = tmp;
    out = merge_str(doc, false, &st, &err, NULL);
    CHECK(out == NULL);
    CHECK(st == TU_EINVALID);
    CHECK(strstr(err.msg, "would not parse like the original") != NULL);
    own_doc(&doc);
}

TEST(filters_lang_follows_translation)
{
    OWNED(own_doc) struct tu_doc *doc = extract_str(
        "<html lang=\"en-GB\" xml:lang=\"en\"><head><meta http-equiv=\"Content-Language\" "
        "content=\"en\"></head><body><p>One.</p><p lang=\"fr\">Un.</p></body></html>",
        "html", "en");
    struct tu_error err = {0};
    enum tu_status st;
    char *out;

    CHECK(doc != NULL);
    set_text_target(unit_at(doc, 0), 0, "Jedan.");
    out = merge_str(doc, false, &st, &err, NULL);
    CHECK_STR(out, "<html lang=\"sr-Latn\" xml:lang=\"sr-Latn\"><head><meta "
                   "http-equiv=\"Content-Language\" content=\"sr-Latn\"></head>"
                   "<body><p>Jedan.</p><p lang=\"fr\">Un.</p></body></html>");
    free(out);
    own_doc(&doc);
}
