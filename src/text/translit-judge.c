/*
 * Which Latin words of a Serbian text are foreign, judged by spans, not one
 * word at a time (README "Foreign text in Latin -> Cyrillic"). Every word
 * gets a class from the generated tables (english-words.c) and its letters;
 * words joined by spaces, hyphens or apostrophes form runs, and a run with
 * foreign evidence is kept Latin whole, its function words included
 * ("The Sunday Telegraph", "Save the Children"). A quoted or parenthesised
 * passage that reads mostly foreign is kept whole („Il faut bien le faire“).
 * No dictionary is loaded: the tables are static, so a call costs what
 * its binary searches cost.
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
};

bool translit_is_word_cp(uint32_t c)
{
    return c == '_' || (c < 0x80 ? ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9')
                                 : (u_isalnum((UChar32)c) || u_getCombiningClass((UChar32)c) != 0 ||
                                    u_charType((UChar32)c) == U_NON_SPACING_MARK));
}

static int cmp_str(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

static bool in_table(const char *const *tab, size_t n, const char *w)
{
    return bsearch(w, tab, n, sizeof(*tab), cmp_str) != NULL;
}

/* Is the word in the English table `tab`? Trying the word's lower-case form and
 * the regular English endings (-s, -es, -ies, -ed, -ing, 's; not -er or -ly,
 * which make Serbian words: lid-er). */
static bool english_in(const char *const *tab, size_t count, const char *w, size_t n,
                       bool *as_name)
{
    static const char *const endings[][2] = {
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
    if (in_table(tab, count, lw)) {
        /* Found as written: a name when it is Title-case and the
         * lower-case form is not an entry too. */
        if (lw[0] >= 'A' && lw[0] <= 'Z' && n > 1 && lw[1] >= 'a' && lw[1] <= 'z') {
            lw[0] = (char)(lw[0] + 32);
            *as_name = !in_table(tab, count, lw);
        }
        return true;
    }
    for (size_t i = 0; i < n; i++) {
        if (lw[i] >= 'A' && lw[i] <= 'Z') {
            lw[i] = (char)(lw[i] + 32);
        }
    }
    for (size_t k = 0; k <= sizeof(endings) / sizeof(endings[0]); k++) {
        size_t el = k == 0 ? 0 : strlen(endings[k - 1][0]);
        if (k > 0 && (n < el + 3 || memcmp(lw + n - el, endings[k - 1][0], el) != 0)) {
            continue;
        }
        memcpy(stem, lw, n - el);
        stem[n - el] = '\0';
        if (k > 0) {
            strcat(stem, endings[k - 1][1]);
        }
        if (in_table(tab, count, stem)) {
            return true;
        }
    }
    return false;
}

/* Letters Serbian Latin spelling does not write, even where two parts of a
 * word meet (pret-hodni, is-hod, op-hoditi, ko-cka, ne-o-, okean): ch and
 * gh anywhere, th or ph starting a word, th sh ck ending one, ee, ie, and
 * doubled consonants other than nn, dd, jj, zz (van-nastavni, od-daljiti),
 * oo after the first letter except in koo-, zoo-, and the ending -tion. */
static bool foreign_letters(const char *lw, size_t n)
{
    static const char *const anywhere[] = {
        "ch", "gh", "ee", "ie", "ll", "ss", "tt", "ff", "pp", "mm", "rr", "cc", "gg", "bb", "kk",
    };
    static const char *const ends[] = {"th", "sh", "ck"};
    /* -tion(s): Serbian writes -cija */
    if ((n >= 6 && memcmp(lw + n - 4, "tion", 4) == 0) ||
        (n >= 7 && memcmp(lw + n - 5, "tions", 5) == 0)) {
        return true;
    }

    if (n >= 3 && (memcmp(lw, "th", 2) == 0 || memcmp(lw, "ph", 2) == 0)) {
        return true;
    }
    /* oo, but not the ko-o, zo-o of koordinacija, zoologija */
    if (n >= 4 && strstr(lw + 1, "oo") != NULL && memcmp(lw, "koo", 3) != 0 &&
        memcmp(lw, "zoo", 3) != 0) {
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

static enum wclass acronym_class(const char *w, enum translit_acronyms mode)
{
    if (mode == TRANSLIT_ACR_KEEP) {
        return W_FOREIGN;
    }
    if (mode == TRANSLIT_ACR_CONVERT || in_table(acronyms_convert, acronyms_convert_count, w)) {
        return W_SERB;
    }
    return in_table(acronyms_keep, acronyms_keep_count, w) ? W_FOREIGN : W_JOIN;
}

/* The class of the word w[0..n) (letters and apostrophes only). */
static void classify(const char *w0, size_t n0, enum translit_acronyms mode, struct jword *jw)
{
    char lw[64], word[64], w[64];
    size_t upper = 0, lower = 0, n = 0;
    bool name = false;

    jw->cls = W_SERB;
    jw->homograph = false;
    jw->function = false;
    jw->title = false;
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
            /* č ć đ š ž (and the digraph letters) are Serbian; other
             * letters (é, ü, ø) are not. */
            size_t k = i;
            uint32_t cp = text_next_cp(w, n, &k);
            bool serb = cp == 0x10C || cp == 0x10D || cp == 0x106 || cp == 0x107 ||
                        cp == 0x110 || cp == 0x111 || cp == 0x160 || cp == 0x161 ||
                        cp == 0x17D || cp == 0x17E || (cp >= 0x1C4 && cp <= 0x1CC);
            jw->cls = serb || !u_isalpha((UChar32)cp) ? W_SERB : W_FOREIGN;
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
    if (upper >= 2 && lower == 0) {
        jw->cls = acronym_class(word, mode);
        return;
    }
    if (in_table(acronyms_keep, acronyms_keep_count, word)) {
        jw->cls = W_FOREIGN; /* a listed brand (Aldi, Lidl) */
        return;
    }
    /* An elided article or O' before a capital (L'Oreal, D'Artagnan,
     * O'Neil): no Serbian word has an apostrophe inside. */
    {
        const char *ap = memchr(word, '\'', n);
        if (ap != NULL && ap > word && ap - word <= 2 && ap[1] >= 'A' && ap[1] <= 'Z') {
            jw->cls = W_FOREIGN;
            return;
        }
        /* and the English possessive of a name: Burt's, Tennent's */
        if (ap != NULL && jw->title && n >= 4 && ap == word + n - 2 && ap[1] == 's') {
            jw->cls = W_FOREIGN;
            return;
        }
    }
    if (n == 1 && lower == 1) {
        return; /* i, a, u, o, s, k, v: Serbian conjunctions and prepositions */
    }
    if (in_table(foreign_function_words, foreign_function_words_count, lw)) {
        jw->cls = W_JOIN;
        jw->function = true;
        jw->homograph = in_table(english_shared, english_shared_count, lw) || n == 1;
        return;
    }
    if (strpbrk(lw, "qwxy") != NULL) {
        jw->cls = W_FOREIGN;
        return;
    }
    if (english_in(english_words, english_words_count, word, n, &name)) {
        /* Capitalised, a short English word alone is most often a name
         * written as Serbian writes it (River, Dog): foreign only in a run. */
        jw->cls = (name || (jw->title && n < 6)) && !foreign_letters(lw, n) ? W_NAME : W_FOREIGN;
        return;
    }
    if (foreign_letters(lw, n)) {
        jw->cls = W_FOREIGN;
        return;
    }
    if (english_in(english_shared, english_shared_count, word, n, &name)) {
        jw->cls = W_JOIN;
        jw->homograph = true;
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

struct judge {
    struct jword *w;
    size_t n, cap;
    struct translit_span *spans;
    size_t nspans, spans_cap;
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
}

/* One run of joined non-Serbian words [a, b): kept whole when it holds
 * foreign evidence. Its edges lose small-letter words that are Serbian too
 * (on, to, pod); capitalised ones stay (Save the Children, Caps Lock, and
 * so also a Serbian capital before a foreign name: Fond Sinovation). */
static void judge_run(struct judge *j, size_t a, size_t b)
{
    size_t foreign = 0, names = 0;

    while (a < b && j->w[a].cls == W_JOIN && j->w[a].homograph && !j->w[a].title) {
        a++;
    }
    while (b > a && j->w[b - 1].cls == W_JOIN &&
           ((j->w[b - 1].homograph && !j->w[b - 1].title) || b - a == 1)) {
        b--;
    }
    for (size_t i = a; i < b; i++) {
        foreign += j->w[i].cls == W_FOREIGN;
        names += j->w[i].cls == W_NAME;
    }
    if (foreign >= 1 || names >= 2 || (names == 1 && b - a >= 2)) {
        keep_words(j, a, b);
    }
}

/* A quoted or parenthesised passage [a, b) that reads mostly foreign: a
 * foreign word with foreign and joining words outnumbering Serbian ones,
 * joining words only with a foreign function word among them („I Love
 * it“), or one foreign word or name alone („Hazeltine“). */
static void judge_quote(struct judge *j, size_t a, size_t b)
{
    size_t foreign = 0, join = 0, serb = 0, function = 0;
    for (size_t i = a; i < b; i++) {
        foreign += j->w[i].cls == W_FOREIGN || j->w[i].cls == W_NAME;
        join += j->w[i].cls == W_JOIN;
        function += j->w[i].function && !j->w[i].homograph;
        serb += j->w[i].cls == W_SERB;
    }
    if ((foreign >= 1 && foreign + join >= 2 && foreign + join > serb) ||
        (serb == 0 && foreign + join >= 2 && function >= 1) || (b - a == 1 && foreign == 1)) {
        keep_words(j, a, b);
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
            judge_quote(j, qstart, j->n);
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
        g[j->n].start = i;
        g[j->n].end = e;
        g[j->n].joined = j->n > 0 && joint(s, prev_end, i);
        classify(s + i, e - i, mode, &g[j->n]);
        j->n++;
        prev_end = e;
        i = e;
    }
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
    collect(&j, s, len, mode);
    while (i < j.n && !j.nomem) {
        size_t a;
        if (j.w[i].cls == W_SERB) {
            i++;
            continue;
        }
        a = i++;
        while (i < j.n && j.w[i].joined && j.w[i].cls != W_SERB) {
            i++;
        }
        judge_run(&j, a, i);
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
