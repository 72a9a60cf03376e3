/*
 * The built-in segmentation rules, written as SRX rules (ICU regex before and
 * after a position, first match decides) so that --dump-srx can hand them to
 * other tools. They are built from the generated abbreviation table
 * (segment-abbrev.c): per language, N-class abbreviations never end a
 * sentence, B-class ones do not before a digit, a lowercase word or a
 * currency, S-class ones are left to the general rule. Then initials,
 * ordinals and dates, and the general break rules.
 */
#include <string.h>

#include "segment-int.h"

const struct seg_group seg_groups[] = {
    {"bs", SEG_BS, "bs([-_].*)?"},
    {"hr", SEG_HR, "hr([-_].*)?"},
    {"sr", SEG_SR, "(sr|sh|cnr)([-_].*)?"},
    {"en", SEG_EN, "en([-_].*)?"},
    {"default", 0, ".*"},
};
const size_t seg_group_count = sizeof(seg_groups) / sizeof(seg_groups[0]);

const struct seg_group *seg_group_for(const char *language)
{
    for (size_t i = 0; i + 1 < seg_group_count; i++) {
        if (strcmp(seg_groups[i].name, language) == 0) {
            return &seg_groups[i];
        }
    }
    if (strcmp(language, "sh") == 0 || strcmp(language, "cnr") == 0) {
        return &seg_groups[2];
    }
    return &seg_groups[seg_group_count - 1];
}

/* Closing quotes and brackets that may follow a sentence's final stop. */
#define CLOSE "[\"'\\u2018\\u2019\\u201C\\u201D\\u00BB\\u203A)\\]\\p{Pe}\\p{Pf}]"
/* After a break: space, then anything but letters, then not a lowercase letter. */
#define AFTER_UPPER "\\s+[^\\p{L}\\n]{0,16}+(?!\\p{Ll})"
#define AFTER_LOWER "\\s+[^\\p{L}\\n]{0,16}+\\p{Ll}"
/* The stops that end a sentence, from the first of a run (keeps matching linear). */
#define STOPS "(?<![.!?\\u2026])[.!?\\u2026]+"
/* Currencies that follow "mil.", "mlrd." and stay in the sentence. */
#define CURRENCY "(?:KM|EUR|USD|GBP|CHF|BAM|RSD|HRK|КМ|ЕУР|€|\\$|£)(?!\\p{L})"

/* A regex for one form: first letter of a lowercase form in either case, inner periods with an optional space. */
static void add_form(struct tu_buf *b, const char *form)
{
    const unsigned char *p = (const unsigned char *)form;
    size_t first_len = 1;

    if (p[0] >= 0x80) {
        first_len = (p[0] >= 0xF0) ? 4 : (p[0] >= 0xE0) ? 3 : 2;
    }
    if (p[0] >= 'a' && p[0] <= 'z') {
        tu_buf_printf(b, "[%c%c]", p[0] - 'a' + 'A', p[0]);
    } else if (p[0] == 0xD0 || p[0] == 0xD1) {
        /* Cyrillic lowercase: add the uppercase through a class with (?i). */
        tu_buf_adds(b, "(?i:");
        tu_buf_add(b, form, first_len);
        tu_buf_adds(b, ")");
    } else if (p[0] == 0xC4 || p[0] == 0xC5) {
        /* č ć đ š ž */
        tu_buf_adds(b, "(?i:");
        tu_buf_add(b, form, first_len);
        tu_buf_adds(b, ")");
    } else {
        tu_buf_add(b, form, first_len);
    }
    for (const char *q = form + first_len; *q != '\0'; q++) {
        if (*q == '.') {
            tu_buf_adds(b, "\\.\\s?");
        } else {
            tu_buf_addc(b, *q);
        }
    }
}

/* "\b(?:form|form|...)\." for every abbreviation of `kind` in `lang`. */
static bool build_list(struct tu_buf *b, unsigned lang, char kind)
{
    bool any = false;

    tu_buf_adds(b, kind == 'M' ? "(?:" : "\\b(?:");
    for (size_t i = 0; i < seg_abbrev_count; i++) {
        if (seg_abbrevs[i].kind != kind || !(seg_abbrevs[i].langs & lang)) {
            continue;
        }
        if (any) {
            tu_buf_addc(b, '|');
        }
        add_form(b, seg_abbrevs[i].form);
        any = true;
    }
    tu_buf_adds(b, kind == 'M' ? ")\\b" : ")\\.");
    return any;
}

enum tu_status seg_builtin_rules(const struct seg_group *g,
                                 struct seg_rules *out, struct tu_error *err)
{
    struct tu_buf b;
    struct tu_buf m;
    bool bcs = (g->lang & (SEG_BS | SEG_HR | SEG_SR)) != 0;
    enum tu_status rc = TU_OK;

#define ADD(brk, before, after)                                                \
    do {                                                                       \
        if (rc == TU_OK) {                                                     \
            rc = seg_rules_add(out, (brk), (before), (after), 0);             \
        }                                                                      \
    } while (0)

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    tu_buf_init(&m, TU_BUF_NO_LIMIT);

    /* A stop with a letter or digit right after it is inside a token (U.S.A, 26.11.2024, www.osce.org). */
    ADD(false, "[.]", "[\\p{L}\\p{N}]");
    /* A dateline dash: "Sarajevo, 26. 11. 2024. – Misija ..." */
    ADD(false, "\\.", "\\s+[-\\u2013\\u2014]\\s");
    if (bcs) {
        /* "i dr." (i drugi) and "i sl." (i slično) end a sentence like "itd." */
        ADD(true, "\\b[IiИи]\\s+(?:dr|sl|др|сл)\\.", AFTER_UPPER);
        /* "2024. g." is godine and may end a sentence; elsewhere "g." and "G." are gospodin. */
        ADD(true, "\\d\\.?\\s*[gг]\\.", AFTER_UPPER);
        ADD(false, "\\b[gGгГ]\\.", "\\s");
    }
    /* "St. Louis", "St. Mirren" (in bs/hr/sr lowercase "st." is stoljeće, stav). */
    ADD(false, "\\bSt\\.", "\\s+\\p{Lu}");
    if (g->lang == SEG_EN) {
        /* "at 5 a.m. Eastern time", "7 p.m. ET" */
        ADD(false, "\\b[ap]\\.m\\.",
            "\\s+(?:ET|EST|EDT|CT|CST|CDT|MT|PT|PST|PDT|GMT|BST|UTC|CET|CEST|"
            "Eastern|Central|Pacific|Mountain)\\b");
    }
    if (g->lang != 0) {
        tu_buf_truncate(&b, 0);
        if (build_list(&b, g->lang, 'N')) {
            ADD(false, b.data, "\\s");
        }
        tu_buf_truncate(&b, 0);
        if (build_list(&b, g->lang, 'B')) {
            ADD(false, b.data, "\\s+(?:[\\p{Ll}\\p{N}(]|" CURRENCY ")");
            /* A B-class word right after an N-class one: "gl. ur. Nedim Alić". */
            tu_buf_truncate(&m, 0);
            build_list(&m, g->lang, 'N');
            tu_buf_adds(&m, "\\s+");
            build_list(&m, g->lang, 'B');
            ADD(false, m.data, "\\s");
        }
    }
    /* Initials: "M. Marković", "J. R. R. Tolkien", "Lj. Popović". */
    if (bcs) {
        ADD(false, "(?<!°)\\b(?:\\p{Lu}|Lj|LJ|Nj|NJ|Dž|DŽ)\\.", "\\s");
    } else {
        ADD(false, "(?<!°)\\b\\p{Lu}\\.", "\\s");
    }
    if (bcs) {
        /* Ordinals and numeric dates: "15. 12. 2024.", "26. novembra", "3. VI. 2024." */
        ADD(false, "\\b\\d{1,4}\\.", "\\s*\\d");
        tu_buf_truncate(&m, 0);
        build_list(&m, g->lang, 'M');
        tu_buf_truncate(&b, 0);
        tu_buf_printf(&b, "\\s*(?:[IVX]{1,4}\\.|(?i:%s))", m.data);
        ADD(false, "\\b\\d{1,2}\\.", b.data);
        ADD(false, "\\b[IVXLCDM]{1,6}\\.", "\\s*\\d");
        /* An ordinal after a lowercase word, before a capitalised one: "održana je 5. Međunarodna konferencija", "iz XIV. Zimskih igara". */
        ADD(false, "(?<=\\p{Ll}\\s)(?:\\d{1,2}|[IVXLC]{2,6})\\.",
            "\\s+\\p{Lu}\\p{Ll}+\\s+\\p{Ll}");
        /* "U 2025. Misija planira ...": two words are not a sentence. */
        ADD(false, "(?:^|[.!?\\u2026]" CLOSE "*\\s+)\\p{Lu}\\p{L}*\\s+\\d{4}\\.", "\\s");
    }
    /* "(engl. Assembly Member)": no sentence ends right after "(" and a short word. */
    ADD(false, "\\(\\p{Ll}{1,8}\\.", "\\s");
    /* A sentence may start with a number: "... tijelo. 44-godišnjakinja je ..." */
    ADD(true, STOPS CLOSE "*", "\\s+\\p{N}");
    /* A closing quote typed after a space: "... ne vrate. ” Glasnogovornik ..." */
    ADD(false, "[.!?\\u2026]", "\\s+[\\u201D\\u00BB](?:\\s|$)");
    ADD(true, "[.!?\\u2026]\\s+[\\u201D\\u00BB]", AFTER_UPPER);
    /* "„Stani!“ rekao je": after ! ? … a lowercase word goes on. */
    ADD(false, "(?<![.!?\\u2026])[!?\\u2026]+" CLOSE "*", AFTER_LOWER);
    /* The general rule: a stop, closing quotes, space, no lowercase letter next. */
    ADD(true, STOPS CLOSE "*", AFTER_UPPER);
    ADD(true, "[\\n\\u2029]", "");
#undef ADD

    if (b.status != TU_OK || m.status != TU_OK) {
        rc = TU_ENOMEM;
    }
    tu_buf_release(&b);
    tu_buf_release(&m);
    if (rc != TU_OK) {
        return tu_error_set(err, rc, "out of memory");
    }
    return TU_OK;
}
