/*
 * Unit tests of numbers and dates as placeables (src/leverage/numbers.c)
 * and inline codes placed by rule (codes.c): a table of number and date
 * styles over every target locale, substituted and refused, and leverage
 * never filling a candidate with a stale value.
 */
#include <stdlib.h>

#include <tumac/tumac.h>

#include "test.h"

char *lev_numbers_in(const char *lang, const char *q, const char *s,
                     const char *t, size_t *changed, size_t *stale,
                     char *note_out, size_t note_cap);

struct num_case {
    const char *lang;
    const char *query, *source, *target;
    const char *want;     /* the target afterwards */
    size_t changed, stale;
};

#define SINCE_Q "Since 2022, more than 1,500 teachers from 52 municipalities " \
                "reached almost 35,000 students."
#define SINCE_S "Since 2022, more than 1,200 teachers from 48 municipalities " \
                "reached almost 30,000 students."
#define DATE_Q "MOSTAR, 24 November 2026 – The workshop began."
#define DATE_S "MOSTAR, 14 October 2025 – The workshop began."

static const struct num_case cases[] = {
    /* the demo's figures: grouping, none (hr), and a scale word */
    {"bs", SINCE_Q, SINCE_S,
     "Od 2022. više od 1.200 nastavnika iz 48 općina, gotovo 30 hiljada učenika.",
     "Od 2022. više od 1.500 nastavnika iz 52 općina, gotovo 35 hiljada učenika.",
     3, 0},
    {"hr", SINCE_Q, SINCE_S,
     "Od 2022. više od 1200 nastavnika iz 48 općina, gotovo 30 tisuća učenika.",
     "Od 2022. više od 1500 nastavnika iz 52 općina, gotovo 35 tisuća učenika.",
     3, 0},
    {"sr-Latn", SINCE_Q, SINCE_S,
     "Od 2022. više od 1.200 nastavnika iz 48 opština, skoro 30 hiljada učenika.",
     "Od 2022. više od 1.500 nastavnika iz 52 opština, skoro 35 hiljada učenika.",
     3, 0},
    {"sr-Cyrl", SINCE_Q, SINCE_S,
     "Од 2022. више од 1.200 наставника из 48 општина, скоро 30 хиљада ученика.",
     "Од 2022. више од 1.500 наставника из 52 општина, скоро 35 хиљада ученика.",
     3, 0},
    /* a plural form of the scale word from CLDR: 2 hiljade */
    {"bs", "About 2,000 came.", "About 5,000 came.", "Došlo je oko 5 hiljada.",
     "Došlo je oko 2 hiljade.", 1, 0},
    /* decimals: 12.5 <-> 12,5, with a scale word */
    {"bs", "A budget of 12.5 million KM.", "A budget of 10.5 million KM.",
     "Budžet od 10,5 miliona KM.", "Budžet od 12,5 miliona KM.", 1, 0},
    {"hr", "A budget of 12.5 million KM.", "A budget of 10.5 million KM.",
     "Proračun od 10,5 milijuna KM.", "Proračun od 12,5 milijuna KM.", 1, 0},
    {"sr-Cyrl", "A budget of 12.5 million KM.", "A budget of 10.5 million KM.",
     "Буџет од 10,5 милиона КМ.", "Буџет од 12,5 милиона КМ.", 1, 0},
    /* CLDR's short form (compact short) is a scale word too */
    {"bs", "Worth 1.5 million KM.", "Worth 1.2 million KM.", "Vrijedan 1,2 mil. KM.",
     "Vrijedan 1,5 mil. KM.", 1, 0},
    {"sr-Cyrl", "Worth 1.5 million KM.", "Worth 1.2 million KM.", "Вриједан 1,2 мил. КМ.",
     "Вриједан 1,5 мил. КМ.", 1, 0},
    /* the project's abbreviations beside CLDR's (hr "mlr."): the target
     * keeps its own */
    {"hr", "A market worth 2.8 billion.", "A market worth 3.1 billion.",
     "Tržište vrijedno 3,1 mlrd. GBP.", "Tržište vrijedno 2,8 mlrd. GBP.", 1, 0},
    {"bs", "Worth 1.5 million KM.", "Worth 1.2 million KM.", "Vrijedan 1,2 mln. KM.",
     "Vrijedan 1,5 mln. KM.", 1, 0},
    {"sr-Cyrl", "Worth 2.5 billion.", "Worth 2.4 billion.", "Вриједан 2,4 млрд. КМ.",
     "Вриједан 2,5 млрд. КМ.", 1, 0},
    /* a scale word in the source only: the target's plain style */
    {"sr-Latn", "It cost 1.2 million KM.", "It cost 1.1 million KM.",
     "Koštalo je 1.100.000 KM.", "Koštalo je 1.200.000 KM.", 1, 0},
    /* percentages */
    {"bs", "Turnout was 54.3%.", "Turnout was 51.2%.", "Izlaznost je bila 51,2%.",
     "Izlaznost je bila 54,3%.", 1, 0},
    {"hr", "Turnout was 54.3 percent.", "Turnout was 51.2 percent.",
     "Odaziv je bio 51,2 posto.", "Odaziv je bio 54,3 posto.", 1, 0},
    /* ordinals and ranges */
    {"sr-Latn", "The 3rd conference.", "The 2nd conference.", "Druga, tj. 2. konferencija.",
     "Druga, tj. 3. konferencija.", 1, 0},
    {"bs", "For 10–12 participants.", "For 8–9 participants.", "Za 8–9 učesnika.",
     "Za 10–12 učesnika.", 2, 0},
    /* a space groups in bs/hr/sr */
    {"hr", "More than 1,500 participants.", "More than 1,200 participants.",
     "Više od 1 200 sudionika.", "Više od 1 500 sudionika.", 1, 0},
    /* a value that grows a group: the locale's separator (CLDR) */
    {"bs", "With 1,500 pupils.", "With 900 pupils.", "Sa 900 učenika.",
     "Sa 1.500 učenika.", 1, 0},
    /* dates: bs nominative (as the samples write it), hr genitive from
     * CLDR, sr genitive derived by rule, Cyrillic */
    {"bs", DATE_Q, DATE_S, "MOSTAR, 14. oktobar 2025. godine – Radionica je počela.",
     "MOSTAR, 24. novembar 2026. godine – Radionica je počela.", 1, 0},
    {"bs", DATE_Q, DATE_S, "MOSTAR, 14. oktobra 2025. – Radionica je počela.",
     "MOSTAR, 24. novembra 2026. – Radionica je počela.", 1, 0},
    {"hr", DATE_Q, DATE_S, "MOSTAR, 14. listopada 2025. – Radionica je počela.",
     "MOSTAR, 24. studenoga 2026. – Radionica je počela.", 1, 0},
    {"sr-Latn", DATE_Q, DATE_S, "MOSTAR, 14. oktobra 2025. – Radionica je počela.",
     "MOSTAR, 24. novembra 2026. – Radionica je počela.", 1, 0},
    {"sr-Cyrl", DATE_Q, DATE_S, "МОСТАР, 14. октобра 2025. – Радионица је почела.",
     "МОСТАР, 24. новембра 2026. – Радионица је почела.", 1, 0},
    {"sr-Cyrl", "Since September 2026.", "Since June 2026.", "Од јуна 2026.",
     "Од септембра 2026.", 1, 0},
    /* English month first, a stand-alone hr month, a numeric date */
    {"bs", "On November 3, 2025.", "On October 14, 2025.", "Dana 14. oktobra 2025.",
     "Dana 3. novembra 2025.", 1, 0},
    {"hr", "In March 2026.", "In January 2026.", "Siječanj 2026.", "Ožujak 2026.",
     1, 0},
    {"hr", DATE_Q, DATE_S, "MOSTAR, 14.10.2025. – Radionica je počela.",
     "MOSTAR, 24.11.2026. – Radionica je počela.", 1, 0},
    /* refused: the old value written as a word, twice, or a date whose year
     * the target leaves out; a new value the target lacks */
    {"bs", "The forum gathered 3 mayors.", "The forum gathered 2 mayors.",
     "Forum je okupio dva načelnika.", "Forum je okupio dva načelnika.", 0, 1},
    {"sr-Latn", "In 14 towns.", "In 12 towns.", "U 12 gradova (12).",
     "U 12 gradova (12).", 0, 1},
    {"hr", "On 14 October 2026.", "On 14 October 2025.", "Dana 14. listopada.",
     "Dana 14. listopada.", 0, 1},
    {"sr-Cyrl", "52 teachers from 3 towns.", "Teachers from 3 towns.",
     "Наставници из 3 града.", "Наставници из 3 града.", 0, 1},
    /* refused: 30,000 written as "trideset hiljada"; nothing is rewritten */
    {"bs", SINCE_Q, SINCE_S,
     "Od 2022. više od 1.200 nastavnika iz 48 općina, gotovo trideset hiljada.",
     "Od 2022. više od 1.200 nastavnika iz 48 općina, gotovo trideset hiljada.",
     0, 1},
    /* texts that differ beyond values: the values both hold (2026, 3) are
     * set aside, the rest pair in order (5 -> 52), not 3 -> 52 and 5 -> 3 */
    {"bs", "In 2026, 52 teachers from 3 towns.", "In 2026, teachers from 3 towns and 5 villages.",
     "U 2026. nastavnici iz 3 grada i 5 sela.", "U 2026. nastavnici iz 3 grada i 52 sela.",
     1, 0},
    /* not values: digits glued to a letter, in a URL, in an e-mail */
    {"bs", "Room B14 at www.osce.org/2026 in 5 days.",
     "Room B14 at www.osce.org/2025 in 4 days.",
     "Sala B14 na www.osce.org/2025 za 4 dana.",
     "Sala B14 na www.osce.org/2025 za 5 dana.", 1, 0},
};

TEST(values_styles_every_locale)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct num_case *c = &cases[i];
        size_t changed = 99, stale = 99;
        char *got = lev_numbers_in(c->lang, c->query, c->source, c->target,
                                   &changed, &stale, NULL, 0);
        if (got == NULL || strcmp(got, c->want) != 0 ||
            changed != c->changed || stale != c->stale) {
            fprintf(stderr, "case %zu (%s): got \"%s\" changed %zu stale %zu\n",
                    i, c->lang, got ? got : "(error)", changed, stale);
        }
        CHECK(got != NULL);
        CHECK_STR(got, c->want);
        CHECK(changed == c->changed);
        CHECK(stale == c->stale);
    }
}

TEST(values_stale_note_names_the_value)
{
    char note[256];
    size_t changed, stale;

    lev_numbers_in("bs", "The forum gathered 3 mayors.",
                   "The forum gathered 2 mayors.", "Okupio je dva načelnika.",
                   &changed, &stale, note, sizeof note);
    CHECK(stale == 1);
    CHECK_STR(note, "numbers missing in the target: 3, not filled");
    lev_numbers_in("bs", "In 14 towns.", "In 12 towns.", "U 12 gradova (12).",
                   &changed, &stale, note, sizeof note);
    CHECK_STR(note, "stale numbers: 12 (segment: 14), not filled");
    /* bs: 48 općina, 52 općine (CLDR plural categories differ) */
    lev_numbers_in("bs", "From 52 towns and 1,500 schools.",
                   "From 48 towns and 1,200 schools.", "Iz 48 općina i 1.200 škola.",
                   &changed, &stale, note, sizeof note);
    CHECK(changed == 2 && stale == 0);
    CHECK_STR(note, "numbers: 48 -> 52 (another plural form: check the word "
                    "after it), 1,200 -> 1,500");
}

/* ---- leverage never fills a stale value ---- */

struct one_tu {
    const char *src, *trg;
    double score;
};

static enum tu_status one_lookup(void *ctx, const struct tu_lev_query *q,
                                 struct tu_lev_cands *out, struct tu_error *err)
{
    const struct one_tu *tu = ctx;
    struct tu_lev_cand *c = tu_lev_cands_add(out);

    (void)q;
    (void)err;
    c->score = tu->score;
    c->is_approved = true;
    c->trg_lang = tu_strdup(q->trg_lang);
    tu_content_add_text(&c->source, tu->src, strlen(tu->src));
    tu_content_add_text(&c->target, tu->trg, strlen(tu->trg));
    return TU_OK;
}

struct tu_doc *lev_test_doc(const char *const *sentences, size_t n,
                            const char *trg);
#define doc_of lev_test_doc

static struct tu_unit *nth_unit(struct tu_doc *doc, size_t i)
{
    return doc->files[0]->children.items[i].u.unit;
}

TEST(leverage_stale_value_never_filled)
{
    /* the 97 % candidate whose 30,000 the target spells out: not filled by
     * the TM nor, for the repeated sentence, by the repetition */
    static const struct one_tu tu = {
        SINCE_S,
        "Od 2022. više od 1.200 nastavnika iz 48 općina, gotovo trideset hiljada.",
        97};
    const char *s[] = {SINCE_Q, SINCE_Q};
    struct tu_leverage_opts o = {.origin = "t"};
    struct tu_leverage *lev = NULL;
    struct tu_doc *doc = doc_of(s, 2, "bs");
    struct tu_band_counts c;
    struct tu_error err = {0};

    CHECK(tu_leverage_new("en", "bs", &o, one_lookup, (void *)&tu, &lev,
                          &err) == TU_OK);
    CHECK(tu_leverage_doc(lev, doc, &c, &err) == TU_OK);
    for (size_t i = 0; i < 2; i++) {
        struct tu_unit *u = nth_unit(doc, i);
        CHECK(!u->segs[0].has_target || tu_content_is_empty(&u->segs[0].target));
        CHECK(u->match_count == 1);
        /* min(97, fill 95) - 5 per stale value */
        CHECK(u->matches[0].match_quality == 90);
        CHECK(strstr(u->matches[0].note, "35,000") != NULL);
    }
    CHECK(c.filled == 0);
    CHECK(c.segments[TU_BAND_85] == 1 && c.segments[TU_BAND_REPETITION] == 1);
    tu_leverage_free(lev);
    tu_doc_free(doc);
}

TEST(leverage_codes_placed_by_rule)
{
    /* segment from HTML, unit from plain text: the link goes around the
     * URL found unchanged, the time around the same date, a bold word that
     * was translated cannot be placed */
    static const struct one_tu tu = {
        "More information on 14 October 2025 at https://osce.org.",
        "Više informacija 14. oktobra 2025. na https://osce.org.", 100};
    struct tu_leverage_opts o = {.origin = "t"};
    struct tu_leverage *lev = NULL;
    struct tu_doc *doc = doc_of(NULL, 0, "bs");
    struct tu_file *f = doc->files[0];
    struct tu_unit *u = tu_file_add_unit(f, "u1");
    struct tu_segment *seg = tu_unit_add_segment(u, "s1", false);
    struct tu_band_counts c;
    struct tu_error err = {0};
    struct tu_buf b;

    tu_content_add_text(&seg->source, "More information on ", 20);
    tu_content_add(&seg->source, TU_INLINE_PC_START, "1");
    tu_content_add_text(&seg->source, "14 October 2025", 15);
    tu_content_add(&seg->source, TU_INLINE_PC_END, "1");
    tu_content_add_text(&seg->source, " at ", 4);
    tu_content_add(&seg->source, TU_INLINE_PC_START, "2");
    tu_content_add_text(&seg->source, "https://osce.org", 16);
    tu_content_add(&seg->source, TU_INLINE_PC_END, "2");
    tu_content_add_text(&seg->source, ".", 1);
    CHECK(tu_leverage_new("en", "bs", &o, one_lookup, (void *)&tu, &lev,
                          &err) == TU_OK);
    CHECK(tu_leverage_doc(lev, doc, &c, &err) == TU_OK);
    CHECK(seg->has_target && seg->state == TU_STATE_TRANSLATED);
    /* "Više informacija " [1 "14. oktobra 2025." 1] " na " [2 URL 2] "."
     * (the period of "y." belongs to the date) */
    CHECK(seg->target.count == 9);
    CHECK(seg->target.items[1].kind == TU_INLINE_PC_START);
    CHECK_STR(seg->target.items[1].id, "1");
    CHECK_STR(seg->target.items[2].text, "14. oktobra 2025.");
    CHECK_STR(seg->target.items[4].text, " na ");
    CHECK_STR(seg->target.items[5].id, "2");
    CHECK_STR(seg->target.items[6].text, "https://osce.org");
    CHECK(seg->target.items[7].kind == TU_INLINE_PC_END);
    /* two codes placed by rule: 2 points off, counted where it was used */
    CHECK(u->matches[0].match_quality == 98);
    CHECK(c.segments[TU_BAND_95] == 1 && c.filled == 1);
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    tu_content_plain(&seg->target, &b);
    CHECK_STR(b.data, "Više informacija 14. oktobra 2025. na https://osce.org.");
    tu_buf_release(&b);
    tu_leverage_free(lev);
    tu_doc_free(doc);
}

TEST(leverage_codes_placed_never_reviewed)
{
    /* a 101 % approved unit whose link is placed by rule scores 100 but
     * stays to be reviewed: the placement is a guess */
    static const struct one_tu tu = {"Press contact: press.bih@osce.org",
                                     "Kontakt za medije: press.bih@osce.org", 101};
    struct tu_leverage_opts o = {.origin = "t"};
    struct tu_leverage *lev = NULL;
    struct tu_doc *doc = doc_of(NULL, 0, "bs");
    struct tu_unit *u = tu_file_add_unit(doc->files[0], "u1");
    struct tu_segment *seg = tu_unit_add_segment(u, "s1", false);
    struct tu_band_counts c;
    struct tu_error err = {0};

    tu_content_add_text(&seg->source, "Press contact: ", 15);
    tu_content_add(&seg->source, TU_INLINE_PC_START, "1");
    tu_content_add_text(&seg->source, "press.bih@osce.org", 18);
    tu_content_add(&seg->source, TU_INLINE_PC_END, "1");
    CHECK(tu_leverage_new("en", "bs", &o, one_lookup, (void *)&tu, &lev,
                          &err) == TU_OK);
    CHECK(tu_leverage_doc(lev, doc, &c, &err) == TU_OK);
    CHECK(seg->has_target && seg->state == TU_STATE_TRANSLATED);
    CHECK(seg->target.count == 4);
    CHECK_STR(seg->target.items[2].text, "press.bih@osce.org");
    CHECK(u->matches[0].match_quality == 100);
    CHECK(c.segments[TU_BAND_EXACT] == 1 && c.filled == 1);
    tu_leverage_free(lev);
    tu_doc_free(doc);
}

TEST(leverage_variants_stale_never_filled)
{
    /* --variants asks bs, hr and sr-Latn: every candidate has the old 48
     * spelled out, none fills, each says why */
    static const struct one_tu tu = {
        "Teachers from 48 municipalities took part.",
        "Sudjelovali su nastavnici iz četrdeset osam općina.", 99};
    const char *s[] = {"Teachers from 52 municipalities took part."};
    struct tu_leverage_opts o = {.origin = "t", .variants = true, .max = 5};
    struct tu_leverage *lev = NULL;
    struct tu_doc *doc = doc_of(s, 1, "bs");
    struct tu_band_counts c;
    struct tu_error err = {0};

    CHECK(tu_leverage_new("en", "bs", &o, one_lookup, (void *)&tu, &lev,
                          &err) == TU_OK);
    CHECK(tu_leverage_doc(lev, doc, &c, &err) == TU_OK);
    struct tu_unit *u = nth_unit(doc, 0);
    CHECK(!u->segs[0].has_target || tu_content_is_empty(&u->segs[0].target));
    CHECK(u->match_count == 3);
    for (size_t i = 0; i < u->match_count; i++) {
        CHECK(u->matches[i].match_quality <= 90);
        CHECK(strstr(u->matches[i].note, "52") != NULL);
    }
    CHECK(c.filled == 0);
    tu_leverage_free(lev);
    tu_doc_free(doc);
}
