/* Text layer: NFC, matching key, decoding, normalization, transliteration. */
#include <stdlib.h>

#include <tumac/tumac.h>

#include "test.h"

static char *key(const char *s)
{
    struct tu_buf b;
    struct tu_error err = {0};
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    if (tu_text_match_key(s, strlen(s), &b, &err) != TU_OK) {
        tu_buf_release(&b);
        return NULL;
    }
    return tu_buf_detach(&b, NULL);
}

static char *tr(const char *to, const char *s, const struct tu_translit_opts *o)
{
    struct tu_translit *t = NULL;
    struct tu_error err = {0};
    struct tu_buf b;
    struct tu_translit_opts plain = {0};
    char *r;
    plain.no_foreign_detection = true; /* dictionaries load slowly: one test uses them */
    if (tu_translit_new(to, o != NULL ? o : &plain, &t, &err) != TU_OK) {
        return NULL;
    }
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    if (tu_translit_apply(t, s, strlen(s), &b, &err) != TU_OK) {
        tu_buf_release(&b);
        tu_translit_free(t);
        return NULL;
    }
    tu_translit_free(t);
    r = tu_buf_detach(&b, NULL);
    return r;
}

#define CHECK_TR(to, in, want)                                                \
    do {                                                                      \
        char *got__ = tr(to, in, NULL);                                       \
        int ok__ = got__ != NULL && strcmp(got__, want) == 0;                 \
        if (!ok__) {                                                          \
            fprintf(stderr, "  in: %s\n  got: %s\n  want: %s\n", in,          \
                    got__ ? got__ : "(null)", want);                          \
        }                                                                     \
        tu_free(got__);                                                       \
        CHECK(ok__);                                                          \
    } while (0)

TEST(text_nfc_composes)
{
    OWNED(tu_buf_release) struct tu_buf b = {0};
    struct tu_error err = {0};
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    CHECK(tu_text_nfc("c\xCC\x8C" "a", 4, &b, &err) == TU_OK); /* c + combining caron */
    CHECK_STR(b.data, "ča");
    tu_buf_release(&b);
}

TEST(text_nfc_rejects_bad_utf8)
{
    OWNED(tu_buf_release) struct tu_buf b = {0};
    struct tu_error err = {0};
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    CHECK(tu_text_nfc("ab\nc\xC3(", 6, &b, &err) == TU_EENCODING);
    CHECK(err.line == 2 && err.column == 2);
    tu_buf_release(&b);
}

TEST(text_match_key_folds_script_case_space_quotes)
{
    char *a = key("Нови   мост"), *b = key(" novi MOST "), *c = key("„Љубљана“"),
         *d = key("\"ljubljana\"");
    int ok = a && b && c && d && strcmp(a, b) == 0 && strcmp(c, d) == 0 &&
             strcmp(a, "novi most") == 0;
    tu_free(a);
    tu_free(b);
    tu_free(c);
    tu_free(d);
    CHECK(ok);
}

TEST(text_match_key_nfc_and_digraphs)
{
    char *a = key("Џеп"), *b = key("D\xC5\xBE" "ep"), *c = key("\xC7\x85" "ep");
    int ok = a && b && c && strcmp(a, b) == 0 && strcmp(a, c) == 0;
    tu_free(a);
    tu_free(b);
    tu_free(c);
    CHECK(ok);
}

TEST(text_decode_legacy)
{
    OWNED(tu_buf_release) struct tu_buf b = {0};
    struct tu_error err = {0};
    const char *det = NULL;
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    CHECK(tu_text_decode("x", "\xE8" "a\x9E" "a", 4, "windows-1250", &b, &det, &err) == TU_OK);
    CHECK_STR(b.data, "čaža");
    CHECK_STR(det, "windows-1250");
    tu_buf_truncate(&b, 0);
    CHECK(tu_text_decode("x", "\xDD\xE0", 2, "windows-1251", &b, &det, &err) == TU_OK);
    CHECK_STR(b.data, "Эа");
    tu_buf_truncate(&b, 0);
    CHECK(tu_text_decode("x", "\xFF\xFE" "a\0", 4, "auto", &b, &det, &err) == TU_OK);
    CHECK_STR(b.data, "a");
    CHECK_STR(det, "UTF-16LE");
    tu_buf_release(&b);
}

TEST(text_decode_errors)
{
    OWNED(tu_buf_release) struct tu_buf b = {0};
    struct tu_error err = {0};
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    CHECK(tu_text_decode("f.txt", "ok\nč\x80", 6, "UTF-8", &b, NULL, &err) == TU_EENCODING);
    CHECK(err.line == 2 && err.column == 2);
    CHECK(strstr(err.msg, "offset 5") != NULL);
    tu_error_clear(&err);
    CHECK(tu_text_decode("f.txt", "x", 1, "no-such-enc", &b, NULL, &err) == TU_EINVAL);
    CHECK(strstr(err.msg, "no-such-enc") != NULL);
    tu_buf_release(&b);
}

TEST(text_normalize_cleans)
{
    OWNED(tu_buf_release) struct tu_buf b = {0};
    struct tu_error err = {0};
    struct tu_normalize_opts o = {"sr", true};
    const char *in = "\xEF\xBB\xBFpo\xC2\xADsao  je\xE2\x80\x8B \xC7\x88ubi \"da\"";
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    CHECK(tu_text_normalize(in, strlen(in), &o, &b, &err) == TU_OK);
    CHECK_STR(b.data, "posao je Ljubi „da“");
    tu_buf_release(&b);
}

TEST(translit_digraphs_and_exceptions)
{
    CHECK_TR("sr-Cyrl", "Ljubljana LJUBLJANA njegoš NJEGOŠ džep DŽEP",
             "Љубљана ЉУБЉАНА његош ЊЕГОШ џеп ЏЕП");
    CHECK_TR("sr-Cyrl", "nadživeti podžupan injekcija konjunkcija Tanjug vanjezički",
             "надживети поджупан инјекција конјункција Танјуг ванјезички");
    CHECK_TR("sr-Cyrl", "odžak kanjon nadživljavanje NADŽIVETI nekonjugovan dablju",
             "оџак кањон надживљавање НАДЖИВЕТИ неконјугован даблју");
    CHECK_TR("sr-Cyrl", "Đurđevdan ćevapi čaša šuma žaba", "Ђурђевдан ћевапи чаша шума жаба");
}

TEST(translit_protected_spans)
{
    CHECK_TR("sr-Cyrl", "vidi www.osce.org/bih i https://x.ba/a?b=1&c=2, piši info@osce.org",
             "види www.osce.org/bih и https://x.ba/a?b=1&c=2, пиши info@osce.org");
    CHECK_TR("sr-Cyrl", "@OSCE_BiH #Sarajevo izvjestaj.pdf %s %1$d {0} {name} &amp; <b>da</b>",
             "@OSCE_BiH #Sarajevo izvjestaj.pdf %s %1$d {0} {name} &amp; <b>да</b>");
    CHECK_TR("sr-Cyrl", "Stefan Uroš II, XXI vek, Petar I, CO2, snake_case, JavaScript, BiH",
             "Стефан Урош II, XXI век, Петар I, CO2, snake_case, JavaScript, БиХ");
    CHECK_TR("sr-Cyrl", "Windows, Yahoo, quorum, fax", "Windows, Yahoo, quorum, fax");
}

TEST(translit_headline_caps)
{
    CHECK_TR("sr-Cyrl", "VI STE POZVANI NA SAMIT NATO I EU", "ВИ СТЕ ПОЗВАНИ НА САМИТ НАТО И ЕУ");
    CHECK_TR("sr-Cyrl", "I onda", "И онда");
}

TEST(translit_to_latin)
{
    CHECK_TR("sr-Latn", "Џеп ЏЕП Љубљана ЊЕГОШ надживети", "Džep DŽEP Ljubljana NJEGOŠ nadživeti");
    CHECK_TR("bs-Latn", "Нови мост, www.osce.org", "Novi most, www.osce.org");
}

TEST(translit_acronyms_keep)
{
    struct tu_translit_opts o = {0};
    char *r;
    o.acronyms_keep = true;
    r = tr("sr-Cyrl", "NATO i EU, CNN", &o);
    CHECK(r != NULL);
    CHECK_STR(r, "NATO и EU, CNN");
    tu_free(r);
}

TEST(translit_bad_target)
{
    OWNED(own_translit) struct tu_translit *t = NULL;
    struct tu_error err = {0};
    CHECK(tu_translit_new("hr-Cyrl", NULL, &t, &err) == TU_EINVAL);
    CHECK(t == NULL);
    tu_error_clear(&err);
    CHECK(tu_translit_new("xx-Latn", NULL, &t, &err) == TU_EINVAL);
}

TEST(translit_round_trip)
{
    static const char *const in[] = {
        "Ljubljana, NJEGOŠ i nadživeti, podžupan, injekcija, odžak, kanjon.",
        "SAMIT U SARAJEVU: ĐURĐEVDAN I DŽEP, Petar II i www.osce.org",
        "Misija OEBS-a u BiH, 26. novembra 2024. <b>Novi</b> most %s {0}",
    };
    for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
        char *c = tr("sr-Cyrl", in[i], NULL);
        char *l = c ? tr("sr-Latn", c, NULL) : NULL;
        int ok = l != NULL && strcmp(l, in[i]) == 0;
        if (!ok) {
            fprintf(stderr, "  %s -> %s -> %s\n", in[i], c ? c : "", l ? l : "");
        }
        tu_free(c);
        tu_free(l);
        CHECK(ok);
    }
}

TEST(translit_foreign_words_stay_latin)
{
    struct tu_translit_opts o = {0};
    char *r = tr("sr-Cyrl", "Projekat Strong Cities Network i taster Caps Lock u gradu", &o);
    CHECK(r != NULL);
    CHECK_STR(r, "Пројекат Strong Cities Network и тастер Caps Lock у граду");
    tu_free(r);
}

/* tu_text_word_diff: `other` -> query, word by word. */
static void word_diff(const char *q, const char *o, size_t max, struct tu_buf *b)
{
    struct tu_error err = {0};
    tu_buf_truncate(b, 0);
    if (tu_text_word_diff(q, strlen(q), o, strlen(o), max, b, &err) != TU_OK) {
        tu_buf_adds(b, "(error)");
    }
}

TEST(text_word_diff_names_the_changed_words)
{
    OWNED(tu_buf_release) struct tu_buf b = {0};

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    word_diff("The forum gathered 14 municipalities on 3 December.",
              "The forum gathered 12 municipalities on 5 December.", 5, &b);
    CHECK_STR(b.data, "12 -> 14; 5 -> 3");
    word_diff("Teachers learn to check sources.",
              "Teachers learn to check sources and report harmful content online.",
              5, &b);
    CHECK_STR(b.data, "- and report harmful content online");
    word_diff("Young people meet mayors today in Tuzla.",
              "Young people meet mayors in Tuzla.", 5, &b);
    CHECK_STR(b.data, "+ today");
    word_diff("Нови мост", "Нови  мост", 5, &b); /* spacing aside: same */
    CHECK_STR(b.data, "");
    word_diff("a b c d e f g h", "a x c y e z g w", 2, &b);
    CHECK_STR(b.data, "x -> b; y -> d; and 2 more");
    word_diff("Prepoznaju dezinformacije.", "Prepoznaju dezinformacije!", 5, &b);
    CHECK_STR(b.data, "! -> .");
    tu_buf_release(&b);
}
