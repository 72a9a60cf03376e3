/* Unit tests of the segmenter and the counts (src/text/segment*.c, count.c). */
#include <stdlib.h>

#include <tumac/tumac.h>

#include "test.h"

/* The segments of `text` joined with " | " (trailing spaces dropped). */
static char *split_joined(const char *lang, const char *srx, const char *text)
{
    struct tu_segmenter *s = NULL;
    struct tu_error err = {0};
    struct tu_buf out;
    size_t *breaks = NULL;
    size_t n = 0;
    size_t start = 0;
    size_t len = strlen(text);

    if (tu_segmenter_new(lang, srx, &s, &err) != TU_OK) {
        fprintf(stderr, "segmenter: %s\n", err.msg);
        return NULL;
    }
    if (tu_segmenter_split(s, text, len, &breaks, &n, &err) != TU_OK) {
        fprintf(stderr, "split: %s\n", err.msg);
        tu_segmenter_free(s);
        return NULL;
    }
    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    for (size_t i = 0; i <= n; i++) {
        size_t end = i < n ? breaks[i] : len;
        size_t e = end;
        while (e > start && text[e - 1] == ' ') {
            e--;
        }
        if (i > 0) {
            tu_buf_adds(&out, " | ");
        }
        tu_buf_add(&out, text + start, e - start);
        start = end;
    }
    tu_free(breaks);
    tu_segmenter_free(s);
    return tu_buf_detach(&out, NULL);
}

#define CHECK_SPLIT(lang, text, want)                                          \
    do {                                                                       \
        char *got_s = split_joined(lang, NULL, text);                          \
        int bad_ = got_s == NULL || strcmp(got_s, want) != 0;                  \
        if (bad_) {                                                            \
            fprintf(stderr, "%s:%d: split [%s]\n  got:  %s\n  want: %s\n",     \
                    __FILE__, __LINE__, lang, got_s ? got_s : "(null)", want); \
        }                                                                      \
        tu_free(got_s);                                                        \
        CHECK(!bad_);                                                          \
    } while (0)

TEST(segment_abbreviations_bcs)
{
    CHECK_SPLIT("bs", "Govorio je prof. dr. Marko Marković. Zatim je otišao.",
                "Govorio je prof. dr. Marko Marković. | Zatim je otišao.");
    CHECK_SPLIT("hr", "To je tzv. Berlinski proces. Dobro.",
                "To je tzv. Berlinski proces. | Dobro.");
    CHECK_SPLIT("bs", "Potrošeno je 5 mil. KM u 2024. Novac je stigao.",
                "Potrošeno je 5 mil. KM u 2024. | Novac je stigao.");
    CHECK_SPLIT("sr-Cyrl", "Говорио је проф. Петар Петровић. Онда је отишао.",
                "Говорио је проф. Петар Петровић. | Онда је отишао.");
    CHECK_SPLIT("hr", "Došli su studenti, profesori i dr. Predavanje je počelo.",
                "Došli su studenti, profesori i dr. | Predavanje je počelo.");
    CHECK_SPLIT("bs", "Kupili smo hljeb, mlijeko itd. Sutra idemo dalje.",
                "Kupili smo hljeb, mlijeko itd. | Sutra idemo dalje.");
}

TEST(segment_dates_bcs)
{
    CHECK_SPLIT("bs", "Rok je do 15. 12. 2024. Prijave su otvorene.",
                "Rok je do 15. 12. 2024. | Prijave su otvorene.");
    CHECK_SPLIT("sr-Latn", "U 2025. Misija planira nove projekte. Kraj.",
                "U 2025. Misija planira nove projekte. | Kraj.");
    CHECK_SPLIT("hr", "Održana je 5. Međunarodna konferencija. Bilo je dobro.",
                "Održana je 5. Međunarodna konferencija. | Bilo je dobro.");
    CHECK_SPLIT("hr", "Sastanak je 3. VI. 2024. u Zagrebu.",
                "Sastanak je 3. VI. 2024. u Zagrebu.");
    CHECK_SPLIT("bs", "SARAJEVO, 26. novembar 2025. godine – Misija je objavila.",
                "SARAJEVO, 26. novembar 2025. godine – Misija je objavila.");
}

TEST(segment_english)
{
    CHECK_SPLIT("en", "Mr. Smith met Dr. Jones at 9 a.m. on Jan. 5. They talked.",
                "Mr. Smith met Dr. Jones at 9 a.m. on Jan. 5. | They talked.");
    CHECK_SPLIT("en", "The U.S. Army left, e.g. from Tuzla. Why? Nobody knows!",
                "The U.S. Army left, e.g. from Tuzla. | Why? | Nobody knows!");
}

TEST(segment_inline_codes)
{
    /* A closing code stays with its sentence, an opening one goes with the next. */
    CHECK_SPLIT("en", "\xEF\xBF\xBC" "Bold one.\xEF\xBF\xBC \xEF\xBF\xBC" "Two.",
                "\xEF\xBF\xBC" "Bold one.\xEF\xBF\xBC | \xEF\xBF\xBC" "Two.");
    CHECK_SPLIT("bs", "Vidi prof.\xEF\xBF\xBC Marka.", "Vidi prof.\xEF\xBF\xBC Marka.");
}

TEST(segment_breaks_contract)
{
    OWNED(own_segmenter) struct tu_segmenter *s = NULL;
    struct tu_error err = {0};
    size_t *breaks = NULL;
    size_t n = 99;
    const char *t = "One. Two.  Three.";

    CHECK(tu_segmenter_new("en", NULL, &s, &err) == TU_OK);
    CHECK(tu_segmenter_split(s, t, strlen(t), &breaks, &n, &err) == TU_OK);
    CHECK(n == 2 && breaks[0] == 5 && breaks[1] == 11);
    tu_free(breaks);
    CHECK(tu_segmenter_split(s, "", 0, &breaks, &n, &err) == TU_OK);
    CHECK(n == 0 && breaks == NULL);
    CHECK(tu_segmenter_split(s, "ab\xC3(", 4, &breaks, &n, &err) == TU_EENCODING);
    CHECK(err.line == 1 && err.column == 3);
    own_segmenter(&s);
    tu_error_clear(&err);
    CHECK(tu_segmenter_new("xx-nope", NULL, &s, &err) == TU_EINVAL);
    CHECK(s == NULL);
}

TEST(count_rules)
{
    struct tu_counts c;
    struct tu_error err = {0};
    const char *t = "Misija OSCE-a u BiH dala je 1.500,50 KM, vidi www.osce.org/bih. "
                    "Pišite na info@osce.org \xEF\xBF\xBC{0} %s.";

    CHECK(tu_count_text("bs", t, strlen(t), &c, &err) == TU_OK);
    /* Misija OSCE-a u BiH dala je 1.500,50 KM vidi URL Pišite na e-mail = 13 */
    CHECK(c.words == 13);
    CHECK(c.segments == 2);
    CHECK(tu_count_text("en", "a  b\n", 5, &c, &err) == TU_OK);
    CHECK(c.words == 2 && c.chars == 4 && c.chars_no_spaces == 2);
    CHECK(c.segments == 1);
    /* without a segmenter: the same words and characters, no segments */
    {
        struct tu_counts all, some;
        CHECK(tu_count_text("bs", t, strlen(t), &all, &err) == TU_OK);
        CHECK(tu_segmenter_count(NULL, "bs", t, strlen(t), &some, &err) == TU_OK);
        CHECK(some.words == all.words && some.chars == all.chars &&
              some.chars_no_spaces == all.chars_no_spaces);
        CHECK(some.segments == 0);
    }
}

static size_t words_of(const char *lang, const char *text)
{
    struct tu_counts c = {0};
    struct tu_error err = {0};

    if (tu_count_text(lang, text, strlen(text), &c, &err) != TU_OK) {
        return (size_t)-1;
    }
    return c.words;
}

TEST(count_words_rules)
{
    CHECK(words_of("en", "Berners-Lee and the 1990-ies") == 4);
    CHECK(words_of("en", "a \xE2\x80\x93 b") == 2);                 /* spaced dash */
    CHECK(words_of("en", "Pay 1,500.50 USD") == 3);                 /* number */
    CHECK(words_of("en", "See https://www.osce.org/bih/a?b=1.") == 2);
    CHECK(words_of("en", "Hello {name}, {{user}} ${x} %1$s %d {0}") == 1);
    CHECK(words_of("en", "bo\xEF\xBF\xBCld \xEF\xBF\xBC word") == 2); /* codes */
    CHECK(words_of("en", "don't") == 1);
    CHECK(words_of("en", "50% of it") == 3);
    CHECK(words_of("sr-Cyrl", "Мисија ОЕБС-а у БиХ") == 4);
    CHECK(words_of("en", "") == 0);
}

TEST(count_chars_rules)
{
    struct tu_counts c = {0};
    struct tu_error err = {0};
    /* e + combining acute is one character; the code is none. */
    const char *t = "Caf" "e\xCC\x81" " \xEF\xBF\xBC" "ok\r\n\nx";

    CHECK(tu_count_text("en", t, strlen(t), &c, &err) == TU_OK);
    CHECK(c.chars == 8 && c.chars_no_spaces == 7);
    CHECK(c.segments == 2);
    /* GMX-V: a no-break space is not white space. */
    CHECK(tu_count_text("en", "5\xC2\xA0km away", 10, &c, &err) == TU_OK);
    CHECK(c.chars == 9 && c.chars_no_spaces == 8 && c.words == 3);
    CHECK(tu_count_text("en", "\xff", 1, &c, &err) == TU_EENCODING);
}

/* Long runs of stops, digits or "! " once made the rules quadratic (minutes). */
TEST(segment_long_runs_are_linear)
{
    static const char *const pieces[] = {".", "! ", "1", "A", "\xEF\xBF\xBC"};
    OWNED(own_segmenter) struct tu_segmenter *s = NULL;
    struct tu_error err = {0};

    CHECK(tu_segmenter_new("bs", NULL, &s, &err) == TU_OK);
    for (size_t p = 0; p < sizeof(pieces) / sizeof(pieces[0]); p++) {
        OWNED(tu_buf_release) struct tu_buf b = {0};
        size_t *breaks = NULL;
        size_t n = 0;
        enum tu_status st;

        tu_buf_init(&b, TU_BUF_NO_LIMIT);
        for (int i = 0; i < 60000; i++) {
            tu_buf_adds(&b, pieces[p]);
        }
        st = tu_segmenter_split(s, b.data, b.len, &breaks, &n, &err);
        tu_free(breaks);
        tu_buf_release(&b);
        if (st != TU_OK) {
            own_segmenter(&s);
        }
        CHECK(st == TU_OK);
    }
    own_segmenter(&s);
}

/* Offsets are bytes of the original text, also after 4-byte characters. */
TEST(segment_offsets_utf8)
{
    OWNED(own_segmenter) struct tu_segmenter *s = NULL;
    struct tu_error err = {0};
    size_t *breaks = NULL;
    size_t n = 0;
    const char *t = "Ura \xF0\x9F\x8E\x89. Š\xC5\xA1. Kraj";

    CHECK(tu_segmenter_new("hr", NULL, &s, &err) == TU_OK);
    CHECK(tu_segmenter_split(s, t, strlen(t), &breaks, &n, &err) == TU_OK);
    CHECK(n == 2 && breaks[0] == 10 && breaks[1] == 16);
    tu_free(breaks);
    /* Only codes and spaces: no break, no crash. */
    CHECK(tu_segmenter_split(s, "\xEF\xBF\xBC \xEF\xBF\xBC", 7, &breaks, &n, &err) == TU_OK);
    CHECK(n == 0);
    own_segmenter(&s);
}
