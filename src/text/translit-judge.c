/*
 * Which Latin words of a Serbian text are foreign, judged by spans, not one
 * word at a time (README "Foreign text in Latin -> Cyrillic"). Every word
 * gets a class from the generated tables (english-words.c) and its letters;
 * words joined by spaces, hyphens or apostrophes form runs, and a run with
 * foreign evidence is kept Latin whole, its function words included
 * ("The Sunday Telegraph", "Save the Children"). A run with a French,
 * Italian or German mark reads as that language as a whole (Il faut bien le
 * faire, outside quotes too). A quoted or parenthesised passage that reads
 * mostly foreign is kept whole; names in an enumeration of kept items and
 * acronyms that do not spell the Serbian name before them are judged by
 * their neighbours, a name that the text declines the Serbian way (Voters,
 * Votersove) by the whole text, letters quoted in one sentence together. No dictionary is loaded: the tables are static, and a
 * Bloom filter spares the binary search for most words on no table.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "text-int.h"
#include "translit-int.h"
#include <tumac/alloc.h>

enum wclass {
    W_SERB,    /* Serbian: converted, breaks a foreign run */
    W_JOIN,    /* function word, shared word, unknown acronym: joins a run */
    W_NAME,    /* only a capitalised dictionary entry (John): foreign in a run */
    W_FOREIGN, /* foreign alone: English-only word, letters Serbian lacks */
};

struct jword {
    size_t start, end;
    enum wclass cls;
    bool title;     /* first letter upper, a lower letter after it */
    bool homograph; /* also a Serbian word (on, to, pod): not a run's edge */
    bool function;  /* a foreign function word (the, of, le) */
    bool joined;    /* joined to the previous word (space, '-', apostrophe) */
    bool weak;      /* weak marks of French, Italian, German (ou, ai, eu) */
    bool romance;   /* strong marks of them (é, eau, l'a, -oir) or le, der */
    bool abbrev;    /* Dr, Mr, Mrs, Ms, St: joins a name after its '.' */
    bool acronym;   /* capitals on no list */
    bool original;  /* such an acronym, the original's: Škola (SCIS) */
    bool serbian;   /* a Serbian word that is a foreign function word too (je) */
    bool eu;        /* a French, Italian, Spanish, German function word */
    bool initial;   /* first of its sentence: capitalised for its place */
    bool kept;      /* inside a span kept Latin */
    bool soft;      /* foreign only by the English tables or letter pairs */
    bool vowels;    /* soft by a vowel pair alone (Ovie): transcriptions write them */
    bool caps;      /* letters all capitals (M, BBC) */
    bool letter;    /* one letter in quotes of its own („w“) */
};

bool translit_is_word_cp(uint32_t c)
{
    return c == '_' || (c < 0x80 ? ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9')
                                 : (u_isalnum((UChar32)c) || u_getCombiningClass((UChar32)c) != 0 ||
                                    u_charType((UChar32)c) == U_NON_SPACING_MARK));
}

struct word_key {
    const char *word;
    const struct word_table *tab;
};

static int cmp_word(const void *key, const void *elem)
{
    const struct word_key *k = key;
    uint32_t at = *(const uint32_t *)elem;
    return strcmp(k->word, k->tab->rows[at / WORD_ROW] + at % WORD_ROW);
}

/* Might w be on one of the tables (english-words.py's Bloom filter)? */
static bool maybe_listed(const char *w)
{
    uint32_t h = 0x811C9DC5u;
    uint32_t a, b;
    for (const unsigned char *p = (const unsigned char *)w; *p != '\0'; p++) {
        h = (h ^ *p) * 0x01000193u;
    }
    a = h & (WORD_TABLES_BLOOM_BITS - 1);
    b = (h >> 13) & (WORD_TABLES_BLOOM_BITS - 1);
    return ((word_tables_bloom[a >> 6] >> (a & 63)) & 1) != 0 &&
           ((word_tables_bloom[b >> 6] >> (b & 63)) & 1) != 0;
}

static bool in_table(const struct word_table *tab, const char *w)
{
    struct word_key key = {w, tab};
    return maybe_listed(w) && bsearch(&key, tab->at, tab->count, sizeof(*tab->at), cmp_word) != NULL;
}

/* Is the word in the English table `tab`? Trying the word's lower-case form and,
 * with `endings`, the regular English endings (-s, -es, -ies, -ed, -ing, 's;
 * not -er or -ly, which make Serbian words: lid-er). */
static bool english_in(const struct word_table *tab, const char *w, size_t n,
                       bool endings, bool *as_name)
{
    static const char *const suffixes[][2] = {
        {"'s", ""}, {"s", ""}, {"es", ""}, {"ies", "y"}, {"ed", ""}, {"ed", "e"},
        {"ing", ""}, {"ing", "e"},
    };
    char lw[64], stem[64];

    *as_name = false;
    if (n + 2 >= sizeof(lw)) {
        return false;
    }
    memcpy(lw, w, n);
    lw[n] = '\0';
    if (in_table(tab, lw)) {
        /* Found as written: a name when it is Title-case and the
         * lower-case form is not an entry too. */
        if (lw[0] >= 'A' && lw[0] <= 'Z' && n > 1 && lw[1] >= 'a' && lw[1] <= 'z') {
            lw[0] = (char)(lw[0] + 32);
            *as_name = !in_table(tab, lw);
        }
        return true;
    }
    for (size_t i = 0; i < n; i++) {
        if (lw[i] >= 'A' && lw[i] <= 'Z') {
            lw[i] = (char)(lw[i] + 32);
        }
    }
    for (size_t k = 0; k <= (endings ? sizeof(suffixes) / sizeof(suffixes[0]) : 0); k++) {
        size_t el = k == 0 ? 0 : strlen(suffixes[k - 1][0]);
        if (k > 0 && (n < el + 3 || memcmp(lw + n - el, suffixes[k - 1][0], el) != 0)) {
            continue;
        }
        /* English adds -es only after s, x, z, ch, sh, o (Termes is no term+es) */
        if (k > 0 && strcmp(suffixes[k - 1][0], "es") == 0 &&
            strchr("sxzho", lw[n - 3]) == NULL) {
            continue;
        }
        memcpy(stem, lw, n - el);
        stem[n - el] = '\0';
        if (k > 0) {
            strcat(stem, suffixes[k - 1][1]);
        }
        if (in_table(tab, stem)) {
            return true;
        }
    }
    return false;
}

/* Is the first "oo" of lw (ASCII: words with č ć đ š ž never come here)
 * the joint of a Serbian compound? */
static bool serbian_compound_oo(const char *lw)
{
    static const char *const firsts[] = {
        "ko", "zo", "novo", "samo", "dvo", "tro", "visoko", "mikro", "makro", "radio", "auto",
        "foto", "elektro", "hidro", "termo", "bio", "geo", "staro", "dobro", "malo", "jedno",
        "crno", "belo", "zlo", "dugo", "kratko", "srednjo", "severo", "jugo", "zapadno",
        "brzo", "nisko", "kulturno",
    };
    const char *oo = strstr(lw + 1, "oo");
    size_t first = (size_t)(oo - lw) + 1;
    for (size_t k = 0; k < sizeof(firsts) / sizeof(firsts[0]); k++) {
        if (strlen(firsts[k]) == first && memcmp(lw, firsts[k], first) == 0) {
            return true;
        }
    }
    return false;
}

/* Letters Serbian Latin spelling does not write, even where two parts of a
 * word meet (pret-hodni, is-hod, op-hoditi, ko-cka, ne-o-, okean): ch and
 * gh anywhere, th or ph starting a word, th sh ck hn ending one, ee, ie, and
 * doubled consonants other than nn, dd, jj, zz (van-nastavni, od-daljiti),
 * oo after the first letter except in koo-, zoo-, and the ending -tion. */
static bool foreign_letters(const char *lw, size_t n)
{
    static const char *const anywhere[] = {
        "ch", "gh", "ee", "ie", "ll", "ss", "tt", "ff", "pp", "mm", "rr", "cc", "gg", "bb", "kk",
    };
    static const char *const ends[] = {"th", "sh", "ck", "hn"};
    /* -tion(s): Serbian writes -cija */
    if ((n >= 6 && memcmp(lw + n - 4, "tion", 4) == 0) ||
        (n >= 7 && memcmp(lw + n - 5, "tions", 5) == 0)) {
        return true;
    }

    if (n >= 3 && (memcmp(lw, "th", 2) == 0 || memcmp(lw, "ph", 2) == 0)) {
        return true;
    }
    /* oo, but not where a Serbian compound's first part ends in its linking
     * o (koordinacija, zoologija, novootvoren, samoodbrana, dvoosovinski) */
    if (n >= 4 && strstr(lw + 1, "oo") != NULL && !serbian_compound_oo(lw)) {
        return true;
    }
    for (size_t k = 0; n >= 3 && k < sizeof(ends) / sizeof(ends[0]); k++) {
        if (memcmp(lw + n - 2, ends[k], 2) == 0) {
            return true;
        }
    }
    for (size_t i = 0; i + 1 < n; i++) {
        for (size_t k = 0; k < sizeof(anywhere) / sizeof(anywhere[0]); k++) {
            if (lw[i] == anywhere[k][0] && lw[i + 1] == anywhere[k][1]) {
                return true;
            }
        }
    }
    return false;
}

/* Does lw end in a vowel pair Serbian spelling avoids (ee, ie, oo), its
 * only mark foreign_letters finds? A Serbian transcription keeps such a
 * pair where it is said as two vowels (Ovie). */
static bool vowel_pair_only(const char *lw, size_t n)
{
    char rest[64];
    const char *end = lw + n - 2;
    if (n < 3 || n >= sizeof(rest) ||
        (memcmp(end, "ee", 2) != 0 && memcmp(end, "ie", 2) != 0 && memcmp(end, "oo", 2) != 0)) {
        return false;
    }
    memcpy(rest, lw, n - 1);
    rest[n - 1] = '\0';
    return !foreign_letters(rest, n - 1);
}

static bool ends_with(const char *lw, size_t n, const char *end)
{
    size_t el = strlen(end);
    return n > el && memcmp(lw + n - el, end, el) == 0;
}

/* Marks of French, Italian and German spelling that Serbian Latin does not
 * write: 2 strong (eau but in ne-au-, the endings -oir -oire -eux -eur -ait
 * -aient -ois, an elided article or pronoun before a vowel: l'homme, d'accord,
 * c'est, dell'arte), 1 weak (ou ai oi eu ei ui tz, au before a short word's
 * last consonant: faut), which Serbian has where a prefix meets a word
 * (po-učiti, za-ista, ne-utralan) and in locatives (nivou): weak marks count
 * only inside a run that reads French, Italian or German as a whole. */
static int romance_marks(const char *lw, size_t n)
{
    static const char *const strong_ends[] = {"oir", "oire", "eux", "eur", "ait", "aient", "ois"};
    static const char *const weak[] = {"ou", "ai", "oi", "eu", "ei", "ui", "tz"};
    static const char *const elided[] = {"l", "d", "j", "c", "n", "m", "s", "t", "qu",
                                         "dell", "nell", "all", "dall", "sull", "un", "quell"};
    const char *ap = memchr(lw, '\'', n);

    if (ap != NULL && strchr("aeiouh", ap[1]) != NULL && ap[1] != '\0') {
        for (size_t k = 0; k < sizeof(elided) / sizeof(elided[0]); k++) {
            size_t el = strlen(elided[k]);
            if ((size_t)(ap - lw) == el && memcmp(lw, elided[k], el) == 0) {
                return 2;
            }
        }
    }
    if (strstr(lw, "eau") != NULL && memcmp(lw, "neau", n < 4 ? n : 4) != 0) {
        return 2;
    }
    for (size_t k = 0; n >= 4 && k < sizeof(strong_ends) / sizeof(strong_ends[0]); k++) {
        if (ends_with(lw, n, strong_ends[k])) {
            return 2;
        }
    }
    for (size_t k = 0; k < sizeof(weak) / sizeof(weak[0]); k++) {
        if (strstr(lw, weak[k]) != NULL) {
            return 1;
        }
    }
    if (n >= 3 && n <= 5 && lw[n - 3] == 'a' && lw[n - 2] == 'u' && strchr("aeiou", lw[n - 1]) == NULL) {
        return 1;
    }
    return 0;
}

static bool is_title_abbrev(const char *w, size_t n)
{
    static const char *const abbrevs[] = {"Dr", "Mr", "Mrs", "Ms", "St"};
    for (size_t k = 0; k < sizeof(abbrevs) / sizeof(abbrevs[0]); k++) {
        if (strlen(abbrevs[k]) == n && memcmp(w, abbrevs[k], n) == 0) {
            return true;
        }
    }
    return false;
}

static enum wclass acronym_class(const char *w, enum translit_acronyms mode)
{
    if (mode == TRANSLIT_ACR_KEEP) {
        return W_FOREIGN;
    }
    if (mode == TRANSLIT_ACR_CONVERT || in_table(&acronyms_convert, w)) {
        return W_SERB;
    }
    return in_table(&acronyms_keep, w) ? W_FOREIGN : W_JOIN;
}

/* A word with a letter beyond ASCII: Serbian (č ć đ š ž, the digraph
 * letters) or a foreign accent (é, ü, ø: French, German, Italian). */
static void classify_accented(const char *w, size_t n, struct jword *jw)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp = text_next_cp(w, n, &i);
        bool serb = cp == 0x10C || cp == 0x10D || cp == 0x106 || cp == 0x107 || cp == 0x110 ||
                    cp == 0x111 || cp == 0x160 || cp == 0x161 || cp == 0x17D || cp == 0x17E ||
                    (cp >= 0x1C4 && cp <= 0x1CC);
        if (cp < 0x80) {
            continue;
        }
        jw->cls = serb || !u_isalpha((UChar32)cp) ? W_SERB : W_FOREIGN;
        jw->romance = jw->cls == W_FOREIGN;
        return;
    }
}

/* Apostrophes inside a word: an elided article or O' before a capital
 * (L'Oreal, D'Artagnan, O'Neil), or the English possessive of a name
 * (Burt's, Tennent's); no Serbian word has an apostrophe inside. */
static bool foreign_apostrophe(const char *word, size_t n, bool title)
{
    const char *ap = memchr(word, '\'', n);
    if (ap == NULL) {
        return false;
    }
    return (ap > word && ap - word <= 2 && ap[1] >= 'A' && ap[1] <= 'Z') ||
           (title && n >= 4 && ap == word + n - 2 && ap[1] == 's');
}

/* A word found in the English tables: foreign alone, or a name (John,
 * River) that is foreign only next to other foreign words. */
static bool classify_english(const char *word, const char *lw, size_t n, struct jword *jw)
{
    bool name = false;
    /* A word Serbian has as written is not an English inflection (Peking
     * is no peke+ing). */
    bool shared = in_table(&english_shared, word) ||
                  in_table(&english_shared, lw);
    if (english_in(&english_words, word, n, !shared, &name)) {
        /* Capitalised, a short English word alone is most often a name
         * written as Serbian writes it (River, Dog): foreign only in a run. */
        jw->cls = (name || (jw->title && n < 6)) && !foreign_letters(lw, n) ? W_NAME : W_FOREIGN;
        jw->soft = true;
        return true;
    }
    if (foreign_letters(lw, n)) {
        jw->cls = W_FOREIGN;
        jw->soft = true;
        jw->vowels = vowel_pair_only(lw, n);
        return true;
    }
    /* An English plural of a word Serbian shares (Dragons, Majors): Serbian
     * words of that shape are few, so a name-like mark. */
    if (n >= 5 && lw[n - 1] == 's' && lw[n - 2] != 's' && !in_table(&english_shared, lw)) {
        char stem[64];
        memcpy(stem, lw, n - 1);
        stem[n - 1] = '\0';
        if (in_table(&english_shared, stem)) {
            jw->cls = W_NAME;
            jw->soft = true;
            return true;
        }
    }
    if (english_in(&english_shared, word, n, true, &name)) {
        jw->cls = W_JOIN;
        jw->homograph = true;
        return true;
    }
    return false;
}

/* The class of the word w[0..n) (letters and apostrophes only). */
static void classify(const char *w0, size_t n0, enum translit_acronyms mode, struct jword *jw)
{
    char lw[64], word[64], w[64];
    size_t upper = 0, lower = 0, n = 0;
    int marks;

    jw->cls = W_SERB;
    if (n0 >= sizeof(lw)) {
        return;
    }
    /* ’ as ' (Burt’s, L’Oreal) */
    for (size_t i = 0; i < n0; i++) {
        if (i + 3 <= n0 && memcmp(w0 + i, "\xE2\x80\x99", 3) == 0) {
            w[n++] = '\'';
            i += 2;
        } else {
            w[n++] = w0[i];
        }
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 0x80) {
            classify_accented(w, n, jw);
            return;
        }
        if (c >= 'A' && c <= 'Z') {
            upper++;
        } else if (c >= 'a' && c <= 'z') {
            lower++;
        } else if (c != '\'') {
            return; /* digits, underscores: not a word of a span */
        }
        lw[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    lw[n] = '\0';
    memcpy(word, w, n);
    word[n] = '\0';
    jw->title = upper >= 1 && lower >= 1 && w[0] >= 'A' && w[0] <= 'Z';
    jw->caps = upper >= 1 && lower == 0;
    if (upper >= 2 && lower == 0) {
        jw->cls = acronym_class(word, mode);
        jw->acronym = jw->cls == W_JOIN;
        return;
    }
    if (in_table(&acronyms_keep, word)) {
        jw->cls = W_FOREIGN; /* a listed brand (Aldi, Lidl) */
        return;
    }
    marks = romance_marks(lw, n);
    if (foreign_apostrophe(word, n, jw->title) || marks == 2) {
        jw->cls = W_FOREIGN;
        jw->romance = marks == 2;
        return;
    }
    if (n == 1 && lower == 1) {
        return; /* i, a, u, o, s, k, v: Serbian conjunctions and prepositions */
    }
    if (is_title_abbrev(word, n)) {
        jw->cls = W_JOIN;
        jw->abbrev = true;
        return;
    }
    if (in_table(&foreign_function_words, lw)) {
        jw->serbian = in_table(&serbian_homographs, lw);
        jw->cls = jw->serbian ? W_SERB : W_JOIN;
        jw->function = true;
        jw->homograph = jw->serbian || n == 1 || in_table(&english_shared, lw);
        /* a mark only when Serbian has no such word (le, il, der; not la,
         * de, para, plus) */
        jw->eu = in_table(&eu_function_words, lw);
        jw->romance = !jw->homograph && jw->eu;
        return;
    }
    if (strpbrk(lw, "qwxy") != NULL) {
        jw->cls = W_FOREIGN;
        return;
    }
    if (!classify_english(word, lw, n, jw) && marks == 1) {
        jw->cls = W_JOIN;
        jw->weak = true;
    }
}

/* Are the bytes s[a..b) between two words a joint of one run? */
static bool joint(const char *s, size_t a, size_t b)
{
    size_t spaces = 0;
    if (b == a) {
        return false; /* a word split by a non-letter mark */
    }
    if (b - a == 1 && (s[a] == '-' || s[a] == '\'')) {
        return true;
    }
    if (b - a == 3 && memcmp(s + a, "\xE2\x80\x99", 3) == 0) {
        return true;
    }
    for (size_t i = a; i < b; i++) {
        if (s[i] == ' ' || s[i] == '\t') {
            spaces++;
        } else if (s[i] != '&' && s[i] != '-') {
            return false;
        }
    }
    return spaces > 0;
}

/* ". " after a title abbreviation (Dr. PawPaw): a joint too. */
static bool abbrev_joint(const char *s, size_t a, size_t b)
{
    if (b < a + 2 || s[a] != '.') {
        return false;
    }
    for (size_t i = a + 1; i < b; i++) {
        if (s[i] != ' ') {
            return false;
        }
    }
    return true;
}

struct judge {
    const char *s; /* the text */
    struct jword *w;
    size_t n, cap;
    struct translit_span *spans;
    size_t nspans, spans_cap;
    bool letters; /* a letter quoted alone somewhere (judge_letters) */
    bool nomem;
};

static void keep_words(struct judge *j, size_t a, size_t b)
{
    struct translit_span *g;
    if (a >= b) {
        return;
    }
    g = tu_grow(j->spans, sizeof(*j->spans), j->nspans + 1, &j->spans_cap);
    if (g == NULL) {
        j->nomem = true;
        return;
    }
    j->spans = g;
    g[j->nspans].start = j->w[a].start;
    g[j->nspans].end = j->w[b - 1].end;
    j->nspans++;
    for (size_t i = a; i < b; i++) {
        j->w[i].kept = true;
    }
}

/* One run of joined non-Serbian words [a, b) with no French, Italian or
 * German mark: kept whole when it holds foreign evidence. Its edges lose
 * small-letter words that are Serbian too (on, to, pod); capitalised ones
 * stay (Save the Children, Caps Lock, and so also a Serbian capital before
 * a foreign name: Fond Sinovation). */
static void judge_plain(struct judge *j, size_t a, size_t b)
{
    size_t foreign = 0, names = 0, shared = 0;

    /* a short word first in its sentence is capitalised for its place (Na
     * Twitteru: a Serbian preposition); a function word there may start a
     * title (To Kill a ...), a longer word a name (Frankfurter Allgemeine) */
    while (a < b && j->w[a].cls == W_JOIN && j->w[a].homograph &&
           (!j->w[a].title || (j->w[a].initial && !j->w[a].function &&
                               j->w[a].end - j->w[a].start <= 3))) {
        a++;
    }
    while (b > a && j->w[b - 1].cls == W_JOIN &&
           ((j->w[b - 1].homograph && !j->w[b - 1].title) || b - a == 1)) {
        b--;
    }
    for (size_t i = a; i < b; i++) {
        foreign += j->w[i].cls == W_FOREIGN;
        names += j->w[i].cls == W_NAME;
        shared += j->w[i].cls == W_JOIN && j->w[i].homograph && j->w[i].title &&
                  !j->w[i].function;
    }
    /* a name with only capitalised words Serbian has as written (Robin
     * Kristi) reads as a Serbian transcription */
    if (foreign >= 1 || names >= 2 || (names == 1 && b - a >= 2 && names + shared < b - a)) {
        keep_words(j, a, b);
    }
}

/* May the edge word w of a French, Italian or German run go? A small-letter
 * Serbian word (je, ne) or English function word Serbian has too (to, on;
 * not la, de: in such a run they are its articles),
 * or a word Serbian has that starts the sentence (Roman l'homme qui rit). */
static bool romance_loose(const struct jword *w)
{
    if (w->title) {
        return w->initial && w->homograph && !w->romance && w->cls != W_FOREIGN;
    }
    return w->serbian || (w->function && w->homograph && !w->eu);
}

/* A run of joined words [a, b) (Serbian function words like je and ne and
 * weak French marks among them). One with a strong French, Italian or
 * German mark or function word (le, der, il) reads so as a whole and is kept
 * when it holds a foreign word, its weak words (faut, faire) counting as
 * foreign (Il faut bien le faire); any other run is split at those Serbian
 * and weak words, as Serbian words (nivou, zaista, je), but for capitalised
 * weak words not first in their sentence in a run with a foreign word
 * (Frankfurter Allgemeine Zeitung), and each piece is judged alone. */
static void judge_run(struct judge *j, size_t a, size_t b)
{
    size_t foreign = 0, romance = 0;

    for (size_t i = a; i < b; i++) {
        romance += j->w[i].romance;
    }
    if (romance == 0) {
        size_t p = a, foreign_word = 0;
        for (size_t i = a; i < b; i++) {
            foreign_word += j->w[i].cls == W_FOREIGN;
        }
        for (size_t i = a; i <= b; i++) {
            if (i == b || j->w[i].serbian ||
                (j->w[i].weak && (!j->w[i].title || j->w[i].initial || foreign_word == 0))) {
                judge_plain(j, p, i);
                p = i + 1;
            }
        }
        return;
    }
    while (a < b && romance_loose(&j->w[a])) {
        a++;
    }
    while (b > a && romance_loose(&j->w[b - 1])) {
        b--;
    }
    for (size_t i = a; i < b; i++) {
        foreign += j->w[i].cls == W_FOREIGN || j->w[i].cls == W_NAME || j->w[i].weak;
    }
    if (foreign >= 1) {
        keep_words(j, a, b);
    }
}

/* Do the capitals of acronym word k spell the initials of the words before
 * it (all of them, or leaving out small-letter ones: Narodna banka Srbije
 * (NBS), Fond za razvoj (FR)), or begin and end as a shorter name before it
 * does, a compound giving two letters (demilitarizovana zona (DMZ))?
 * Non-ASCII initials (Škotski) never match. */
static bool spells_words_before(const struct judge *j, size_t k)
{
    const char *acr = j->s + j->w[k].start;
    size_t m = j->w[k].end - j->w[k].start;

    if (k >= 2 && (j->s[j->w[k - 1].start] | 32) == (acr[m - 1] | 32)) {
        for (size_t i = k - 1; i-- > 0 && k - i <= m;) {
            if ((j->s[j->w[i].start] | 32) == (acr[0] | 32)) {
                return true;
            }
        }
    }

    for (int skip_small = 0; skip_small < 2; skip_small++) {
        size_t got = 0, i = k;
        while (got < m && i > 0) {
            const struct jword *w = &j->w[--i];
            char c = j->s[w->start];
            if (skip_small && c >= 'a' && c <= 'z' && w->end - w->start <= 3) {
                continue;
            }
            if ((c | 32) != (acr[m - 1 - got] | 32)) {
                break;
            }
            got++;
        }
        if (got == m) {
            return true;
        }
    }
    return false;
}

/* A quoted or parenthesised passage [a, b) that reads mostly foreign: a
 * foreign word with foreign and joining words outnumbering Serbian ones,
 * joining words only with a foreign function word among them („I Love
 * it“), or one foreign word or name alone („Hazeltine“). An acronym on no
 * list in parentheses after a Serbian name is the original's when it does
 * not spell that name (Škotski savet nezavisnih škola (SCIS)). */
static void judge_quote(struct judge *j, size_t a, size_t b, uint32_t open)
{
    size_t foreign = 0, join = 0, serb = 0, function = 0, romance = 0;
    if (a == b) {
        return;
    }
    j->w[a].letter = b - a == 1 && j->w[a].end - j->w[a].start == 1;
    j->letters |= j->w[a].letter;
    for (size_t i = a; i < b; i++) {
        romance += j->w[i].romance;
    }
    for (size_t i = a; i < b; i++) {
        /* weak French marks are Serbian words (preuzeo) but in French */
        bool weak_serb = j->w[i].weak && romance == 0;
        foreign += j->w[i].cls == W_FOREIGN || j->w[i].cls == W_NAME || j->w[i].romance ||
                   (j->w[i].weak && romance > 0);
        join += j->w[i].cls == W_JOIN && !j->w[i].romance && !j->w[i].weak;
        function += j->w[i].function && !j->w[i].homograph;
        serb += j->w[i].cls == W_SERB || weak_serb;
    }
    if ((foreign >= 1 && foreign + join >= 2 && foreign + join > serb) ||
        (serb == 0 && foreign + join >= 2 && function >= 1) || (b - a == 1 && foreign == 1)) {
        keep_words(j, a, b);
    } else if (open == '(' && b - a == 1 && a > 0 && j->w[a].acronym &&
               j->w[a - 1].cls == W_SERB && !spells_words_before(j, a)) {
        keep_words(j, a, b);
        j->w[a].original = true;
    }
}

/* An acronym found to be the original's in parentheses is so in the rest
 * of the text too (članice SCIS-a). */
static void keep_originals(struct judge *j)
{
    for (size_t k = 0; k < j->n; k++) {
        size_t m = j->w[k].end - j->w[k].start;
        if (!j->w[k].original) {
            continue;
        }
        for (size_t i = k + 1; i < j->n; i++) {
            if (j->w[i].acronym && !j->w[i].kept && j->w[i].end - j->w[i].start == m &&
                memcmp(j->s + j->w[i].start, j->s + j->w[k].start, m) == 0) {
                keep_words(j, i, i + 1);
            }
        }
    }
}

/* The first word of the list item after word i (", X", " i X", " and X"),
 * or SIZE_MAX. */
static size_t list_next(const struct judge *j, size_t i)
{
    static const char *const conj[] = {"i", "ili", "and", "or", "te"};
    const char *s = j->s;
    size_t p = j->w[i].end;

    if (i + 1 >= j->n) {
        return SIZE_MAX;
    }
    if (s[p] == ',') {
        p++;
    }
    while (p < j->w[i + 1].start && s[p] == ' ') {
        p++;
    }
    if (p != j->w[i + 1].start) {
        return SIZE_MAX;
    }
    if (s[j->w[i].end] == ',') {
        return i + 1;
    }
    for (size_t k = 0; k < sizeof(conj) / sizeof(conj[0]) && i + 2 < j->n; k++) {
        size_t cl = strlen(conj[k]);
        if (j->w[i + 1].end - j->w[i + 1].start == cl &&
            memcmp(s + j->w[i + 1].start, conj[k], cl) == 0 && j->w[i + 2].joined) {
            return i + 2;
        }
    }
    return SIZE_MAX;
}

/* The kept item that starts at word k (a kept span's words): its last word. */
static size_t item_end(const struct judge *j, size_t k)
{
    while (k + 1 < j->n && j->w[k + 1].kept && j->w[k + 1].joined) {
        k++;
    }
    return k;
}

/* A name alone (Revlon, John) inside an enumeration of two or more kept
 * foreign items (Revlon, Essie, Tweezerman i Dr. PawPaw) is one of them. */
static void judge_lists(struct judge *j)
{
    for (size_t i = 0; i < j->n; i++) {
        size_t kept = 0, k = i;
        if (j->w[i].cls != W_NAME || j->w[i].kept) {
            continue;
        }
        for (int step = 0; step < 2; step++) {
            k = list_next(j, k == SIZE_MAX ? i : item_end(j, k));
            if (k == SIZE_MAX || !j->w[k].kept) {
                break;
            }
            kept++;
        }
        for (size_t p = i; kept < 2 && p > 0; p--) {
            size_t first = p - 1;
            while (first > 0 && j->w[first].kept && j->w[first].joined) {
                first--;
            }
            if (!j->w[p - 1].kept || list_next(j, p - 1) != p) {
                break;
            }
            kept++;
            p = first + 1;
        }
        if (kept >= 2) {
            keep_words(j, i, i + 1);
        }
    }
}

static bool opens(uint32_t c)
{
    return c == 0x201E || c == 0x201C || c == '"' || c == 0xAB || c == 0xBB || c == '(';
}

static bool closes(uint32_t c, uint32_t open)
{
    if (open == '(') {
        return c == ')';
    }
    return c == 0x201C || c == 0x201D || c == '"' || c == 0xBB || c == 0xAB;
}

/* Does the word at byte i start a sentence (text start or . ! ? : before it,
 * quotes and spaces between)? */
static bool sentence_start(const char *s, size_t i)
{
    while (i > 0) {
        unsigned char c = (unsigned char)s[i - 1];
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\n') {
            return true;
        }
        if (c != ' ' && c != '"' && c < 0x80) {
            return false;
        }
        if (c >= 0x80 && !(i >= 3 && (memcmp(s + i - 3, "\xE2\x80\x9E", 3) == 0 ||
                                      memcmp(s + i - 3, "\xE2\x80\x9C", 3) == 0))) {
            return false;
        }
        i -= c >= 0x80 ? 3 : 1;
    }
    return true;
}

/* The words of s, with the opening quote of each passage recorded. */
static void collect(struct judge *j, const char *s, size_t len, enum translit_acronyms mode)
{
    size_t prev_end = 0;
    size_t qstart = SIZE_MAX;
    uint32_t qopen = 0;

    for (size_t i = 0; i < len && !j->nomem;) {
        size_t k = i, e;
        uint32_t c = text_next_cp(s, len, &k);
        struct jword *g;
        if (c == '\n') {
            qstart = SIZE_MAX;
        }
        if (qstart != SIZE_MAX && closes(c, qopen)) {
            judge_quote(j, qstart, j->n, qopen);
            qstart = SIZE_MAX;
        } else if (qstart == SIZE_MAX && opens(c)) {
            qstart = j->n;
            qopen = c;
        }
        if (!translit_is_word_cp(c)) {
            i = k;
            continue;
        }
        e = k;
        while (e < len) {
            size_t q = e;
            uint32_t d = text_next_cp(s, len, &q);
            bool apostrophe = (d == '\'' || d == 0x2019) && q < len &&
                              translit_is_word_cp((unsigned char)s[q]);
            if (!translit_is_word_cp(d) && !apostrophe) {
                break;
            }
            e = q;
        }
        g = tu_grow(j->w, sizeof(*j->w), j->n + 1, &j->cap);
        if (g == NULL) {
            j->nomem = true;
            return;
        }
        j->w = g;
        memset(&g[j->n], 0, sizeof(g[j->n]));
        g[j->n].start = i;
        g[j->n].end = e;
        g[j->n].joined = j->n > 0 && (joint(s, prev_end, i) ||
                                      (g[j->n - 1].abbrev && abbrev_joint(s, prev_end, i)));
        g[j->n].initial = sentence_start(s, i);
        classify(s + i, e - i, mode, &g[j->n]);
        /* capitals joined by a bare '&' (M&S, AT&T): a foreign name, as
         * Serbian acronyms write no '&' */
        if (j->n > 0 && g[j->n].caps && g[j->n - 1].caps && i == prev_end + 1 &&
            s[prev_end] == '&' && mode != TRANSLIT_ACR_CONVERT) {
            g[j->n].cls = g[j->n - 1].cls = W_FOREIGN;
            g[j->n].acronym = g[j->n - 1].acronym = false;
        }
        j->n++;
        prev_end = e;
        i = e;
    }
}

/* Letters named in quotes in one sentence are of one alphabet: when one is
 * kept Latin or is a letter Serbian lacks („w“), so are the others (slova
 * „w“ ... slova „u“). */
static void judge_letters(struct judge *j)
{
    size_t first = 0;
    for (size_t i = 0; j->letters && i <= j->n; i++) {
        bool kept = false;
        if (i < j->n && !j->w[i].initial) {
            continue;
        }
        for (size_t k = first; k < i; k++) {
            kept |= j->w[k].letter &&
                    (j->w[k].kept || strchr("qwxyQWXY", j->s[j->w[k].start]) != NULL);
        }
        for (size_t k = first; kept && k < i; k++) {
            if (j->w[k].letter && !j->w[k].kept) {
                keep_words(j, k, k + 1);
            }
        }
        first = i;
    }
}

/* Case and possessive endings Serbian puts on a name (Voters-ove,
 * Kavano-om, Kavano-a). */
static const char *const name_endings[] = {
    "a", "e", "i", "u", "om", "em", "oj", "ima", "ama", "ov", "ova", "ove", "ovu", "ovi",
    "ovo", "ovoj", "ovom", "ovog", "ovoga", "ovim", "ovih", "ovima", "in", "ina", "ine",
    "inu", "ini", "inom", "inoj", "inog", "inih",
};
#define NAME_ENDINGS (sizeof(name_endings) / sizeof(name_endings[0]))
#define MIN_NAME_STEM 4

struct stem {
    const char *p;
    size_t n;
};

static int stem_cmp(const void *a, const void *b)
{
    const struct stem *x = a, *y = b;
    int c = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);
    return c != 0 ? c : x->n < y->n ? -1 : x->n > y->n ? 1 : 0;
}

/* The length of w[0..n) without name ending k, or 0 when it does not end
 * so or too little is left. */
static size_t strip_ending(const char *w, size_t n, size_t k)
{
    size_t el = strlen(name_endings[k]);
    if (n < el + MIN_NAME_STEM || memcmp(w + n - el, name_endings[k], el) != 0) {
        return 0;
    }
    return n - el;
}

/* Is word i a run of its own (no non-Serbian word joined to it)? */
static bool alone(const struct judge *j, size_t i)
{
    return !(i > 0 && j->w[i].joined && j->w[i - 1].cls != W_SERB) &&
           !(i + 1 < j->n && j->w[i + 1].joined && j->w[i + 1].cls != W_SERB);
}

static bool serbian_name(const struct jword *w)
{
    return w->cls == W_SERB && w->title && !w->initial;
}

/* May word i be a name written the Serbian way (judge_declined)? */
static bool declined_candidate(const struct judge *j, size_t i)
{
    const struct jword *w = &j->w[i];
    return w->soft && w->title && w->cls != W_JOIN && alone(j, i);
}

/* A name declined in Serbian somewhere in the text (Votersove, Kavanoa) is
 * spelled the Serbian way everywhere: a word foreign only by the English
 * tables or its letter pairs (Voters, Kavanoom), alone, whose stem is such
 * a name's, is Serbian. So is such a word with only a vowel pair before a
 * Serbian-spelled surname (Ovie Ejaria). TU_ENOMEM only. */
static void judge_declined(struct judge *j)
{
    struct stem *stems = NULL;
    size_t count = 0, cap = 0, candidates = 0;

    for (size_t i = 0; i < j->n; i++) {
        candidates += declined_candidate(j, i);
    }
    for (size_t i = 0; i < j->n && !j->nomem && candidates > 0; i++) {
        const struct jword *w = &j->w[i];
        if (!serbian_name(w)) {
            continue;
        }
        for (size_t k = 0; k < NAME_ENDINGS; k++) {
            size_t m = strip_ending(j->s + w->start, w->end - w->start, k);
            struct stem *g;
            if (m == 0) {
                continue;
            }
            g = tu_grow(stems, sizeof(*stems), count + 1, &cap);
            if (g == NULL) {
                j->nomem = true;
                break;
            }
            stems = g;
            stems[count].p = j->s + w->start;
            stems[count++].n = m;
        }
    }
    if (count > 1) {
        qsort(stems, count, sizeof(*stems), stem_cmp);
    }
    for (size_t i = 0; i < j->n && !j->nomem; i++) {
        struct jword *w = &j->w[i];
        struct stem key;
        bool declined = false;
        if (!declined_candidate(j, i)) {
            continue;
        }
        key.p = j->s + w->start;
        for (size_t k = 0; k <= NAME_ENDINGS && !declined && count > 0; k++) {
            key.n = k == 0 ? w->end - w->start : strip_ending(key.p, w->end - w->start, k - 1);
            declined = key.n > 0 &&
                       bsearch(&key, stems, count, sizeof(*stems), stem_cmp) != NULL;
        }
        if (declined || (w->vowels && i + 1 < j->n && j->w[i + 1].joined &&
                         serbian_name(&j->w[i + 1]))) {
            w->cls = W_SERB;
        }
    }
    tu_free(stems);
}

static int span_cmp(const void *a, const void *b)
{
    const struct translit_span *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start ? 1 : 0;
}

enum tu_status translit_foreign_spans(const char *s, size_t len,
                                      enum translit_acronyms mode,
                                      struct translit_span **spans, size_t *nspans)
{
    struct judge j;
    size_t i = 0;

    memset(&j, 0, sizeof(j));
    j.s = s;
    collect(&j, s, len, mode);
    if (!j.nomem) {
        judge_declined(&j);
    }
    while (i < j.n && !j.nomem) {
        size_t a;
        if (j.w[i].cls == W_SERB) {
            i++;
            continue;
        }
        a = i++;
        while (i < j.n && j.w[i].joined && (j.w[i].cls != W_SERB || j.w[i].serbian)) {
            i++;
        }
        judge_run(&j, a, i);
    }
    if (!j.nomem) {
        judge_lists(&j);
        keep_originals(&j);
        judge_letters(&j);
    }
    if (j.nspans > 1) {
        qsort(j.spans, j.nspans, sizeof(*j.spans), span_cmp);
    }
    tu_free(j.w);
    if (j.nomem) {
        tu_free(j.spans);
        return TU_ENOMEM;
    }
    *spans = j.spans;
    *nspans = j.nspans;
    return TU_OK;
}
