/*
 * The words and symbols a locale writes numbers and dates with, from
 * ICU/CLDR: month names (format and stand-alone forms), the decimal and
 * grouping separators, the compact long scale words ("30 hiljada",
 * "1,2 miliona", "30 thousand") with their plural forms, and whether the
 * date pattern puts the day first. Leverage uses them to recognise numbers
 * and dates by value in a source and a target and to write a new value in
 * the target's style.
 *
 * Genitive months: CLDR gives hr a genitive format form (listopada) next to
 * the nominative stand-alone one (listopad), but bs and sr only the
 * nominative (oktobar) in both. Where the two CLDR forms are equal, a
 * genitive is derived by the rule of the Serbo-Croatian masculine -ar/-i
 * nouns: a final "bar" loses its fleeting a ("oktobar" -> "oktobra",
 * "септембар" -> "септембра"), a final "i" becomes "a" ("juni" -> "juna"),
 * any other final consonant takes "a" ("mart" -> "marta", "јануар" ->
 * "јануара"). The rule is applied only to bs, sr, hr and cnr; so is the
 * genitive of CLDR's word for the year field ("godina" -> "godine", as in
 * "14. oktobar 2025. godine").
 */
#ifndef TUMAC_NUMWORDS_H
#define TUMAC_NUMWORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"

enum tu_month_form {
    TU_MONTH_FORMAT,     /* CLDR format-wide: "14. listopada", "14 October" */
    TU_MONTH_STANDALONE, /* CLDR stand-alone wide: "listopad" */
    TU_MONTH_GENITIVE,   /* derived (see above); NULL where CLDR has one */
    TU_MONTH_LOCATIVE,   /* derived from the genitive, final a -> u ("u
                          * septembru", "u listopadu"): bs, sr, hr, cnr */
    TU_MONTH_SHORT,      /* CLDR format-abbreviated: "Oct" (read with an
                          * optional period: "Oct. 2") */
    TU_MONTH_FORMS
};

#define TU_SCALES 3      /* 10^3, 10^6, 10^9 */
#define TU_SCALE_FORMS 5 /* 4 plural forms of the long word, then the short one */

struct tu_numwords;

/* The words of `tag` (BCP 47). */
enum tu_status tu_numwords_new(const char *tag, struct tu_numwords **out,
                               struct tu_error *err);
void tu_numwords_free(struct tu_numwords *w);

/* UTF-8 separators: "." and "," for bs, "," and "." for en. */
const char *tu_numwords_decimal(const struct tu_numwords *w);
const char *tu_numwords_group(const struct tu_numwords *w);
/* Integer digits from which ICU groups (4: "1.500", 5: "1500" but "15.000"). */
size_t tu_numwords_min_grouping(const struct tu_numwords *w);
/* Month `m` (0..11) in `form`; NULL when the locale has no such form. */
const char *tu_numwords_month(const struct tu_numwords *w,
                              enum tu_month_form form, int m);
/* True when the long date pattern puts the day before the month. */
bool tu_numwords_day_first(const struct tu_numwords *w);
/* True when the long date pattern ends the year with a period ("y."). */
bool tu_numwords_year_period(const struct tu_numwords *w);
/* CLDR's word for the year (i 0: "godina") and its genitive (i 1:
 * "godine", derived: a final a becomes e), NULL when none. */
const char *tu_numwords_year_word(const struct tu_numwords *w, int i);
/* Form `i` of the word for 10^(3*(k+1)): 0..3 the compact long forms
 * (hiljada, hiljade, ...), 4 the compact short one (hilj., mil.); NULL:
 * none. */
const char *tu_numwords_scale(const struct tu_numwords *w, int k, int i);
/* The accusative of the singular long form where it is feminine
 * ("milijardu", "hiljadu": a final a becomes u), recognised in text but
 * never written; NULL: none. */
const char *tu_numwords_scale_accusative(const struct tu_numwords *w, int k);
/* The i-th abbreviation of 10^(3*(k+1)) in the project's lists beside
 * CLDR's short form (bs/hr/sr "mlrd.", "mln.", hr "tis."; text/data/
 * abbrev-bcs*.txt), recognised in text but never written; NULL after the
 * last. */
const char *tu_numwords_scale_abbrev(const struct tu_numwords *w, int k, int i);
/* CLDR's cardinal plural category of `number` (ASCII, "." decimal point):
 * "one", "few", "other" ...; "" when the locale has no rules. */
void tu_numwords_plural(const struct tu_numwords *w, const char *number,
                        char *out, size_t cap);
/* Append the scale word for 10^(3*(k+1)) in the plural form that the
 * mantissa `number` (ASCII, "." decimal point) takes, e.g. 35 -> "hiljada",
 * 2 -> "hiljade". */
enum tu_status tu_numwords_scale_for(const struct tu_numwords *w, int k,
                                     const char *number, struct tu_buf *out,
                                     struct tu_error *err);

/* Append the ways the language spells the whole number n in words (ICU's
 * public spellout rule sets: cardinal in each gender and case, ordinal,
 * numbering), one a line: 7 -> "sedam\nsedmi\n...". Nothing when ICU has
 * no spellout rules for it. bs also gets hr's (CLDR's bs rules write
 * "jedenaest", "šestnaest"); bs, hr, sr and cnr also the stem of the age
 * compound for 1..99 ("četrdesetčetverogodišnj", "четрдесетдвогодишњ"). */
enum tu_status tu_numwords_spell(const struct tu_numwords *w, long n, struct tu_buf *out,
                                 struct tu_error *err);
/* Append the ordinals of n as ICU's ordinal rule sets spell them, one a
 * line ("prvi", "prva", "prvo"; sr "prvi"; en "first"); bs gets hr's. */
enum tu_status tu_numwords_spell_ordinal(const struct tu_numwords *w, long n, struct tu_buf *out,
                                         struct tu_error *err);

#endif
