/*
 * The text checks of `tumac check` that need no dictionary: URLs, e-mail
 * addresses and placeholders the same in source and target, untranslated
 * and empty targets, end punctuation, whitespace and quotation marks.
 */
#include <string.h>
#include <strings.h>

#include <tumac/alloc.h>

#include "check-int.h"

static bool is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool starts(const char *s, size_t len, size_t i, const char *w)
{
    size_t n = strlen(w);
    return len - i >= n && strncasecmp(s + i, w, n) == 0;
}

/* Closing punctuation a URL or address is not made of when it ends one. */
static size_t trim_end(const char *s, size_t start, size_t e)
{
    while (e > start && strchr(".,;:!?)]}'\"", s[e - 1]) != NULL) {
        e--;
    }
    while (e >= start + 3 && (unsigned char)s[e - 3] == 0xE2 && (unsigned char)s[e - 2] == 0x80 &&
           ((unsigned char)s[e - 1] == 0x9C || (unsigned char)s[e - 1] == 0x9D ||
            (unsigned char)s[e - 1] == 0x99)) {
        e -= 3; /* a closing “ ” ’ */
    }
    return e;
}

static size_t url_at(const char *s, size_t len, size_t i)
{
    size_t e = i;
    if ((i > 0 && is_alnum(s[i - 1])) ||
        !(starts(s, len, i, "http://") || starts(s, len, i, "https://") ||
          starts(s, len, i, "ftp://") || starts(s, len, i, "www."))) {
        return i;
    }
    while (e < len && !is_space(s[e]) && strchr("<>\"", s[e]) == NULL &&
           !((unsigned char)s[e] == 0xC2 && e + 1 < len && (unsigned char)s[e + 1] == 0xA0)) {
        e++;
    }
    e = trim_end(s, i, e);
    return e - i > 4 ? e : i;
}

static bool mail_char(char c)
{
    return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

/* An address around the '@' at i: [start, limit), or false. */
static bool mail_at(const char *s, size_t len, size_t i, size_t *start, size_t *limit)
{
    size_t b = i, e = i + 1;
    bool dot = false;
    while (b > 0 && mail_char(s[b - 1])) {
        b--;
    }
    while (e < len && (is_alnum(s[e]) || s[e] == '.' || s[e] == '-')) {
        dot |= s[e] == '.' && e + 1 < len && is_alnum(s[e + 1]);
        e++;
    }
    e = trim_end(s, i, e);
    if (b == i || e == i + 1 || !dot) {
        return false;
    }
    *start = b;
    *limit = e;
    return true;
}

/* printf (%s, %1$d, %(name)s), braces ({0}, {name}, {{name}}, ${name}). */
static size_t placeholder_at(const char *s, size_t len, size_t i)
{
    size_t e = i + 1;
    if (s[i] == '%') {
        if (e < len && s[e] == '(') {
            while (e < len && (is_alnum(s[e]) || s[e] == '_')) {
                e++;
            }
            e += e < len && s[e] == ')';
        }
        while (e < len && ((s[e] >= '0' && s[e] <= '9') || strchr("$-+#.", s[e]) != NULL)) {
            e++;
        }
        if (e < len && strchr("sdifuxXeEgGcp@", s[e]) != NULL &&
            !(e + 1 < len && (is_alnum(s[e + 1]) || (unsigned char)s[e + 1] >= 0x80))) {
            return e + 1;
        }
        return i;
    }
    if (s[i] == '$' && e < len && s[e] == '{') {
        e++;
    } else if (s[i] != '{') {
        return i;
    }
    bool twice = e < len && s[e] == '{';
    e += twice;
    size_t name = e;
    while (e < len && (is_alnum(s[e]) || s[e] == '_' || s[e] == '.' || s[e] == ':')) {
        e++;
    }
    if (e == name || e >= len || s[e] != '}' || (twice && (e + 1 >= len || s[e + 1] != '}'))) {
        return i;
    }
    return e + 1 + twice;
}

void check_tokens(const char *s, size_t len, token_fn fn, void *ctx)
{
    size_t i = 0;
    while (i < len) {
        size_t e = url_at(s, len, i), a, b;
        if (e != i) {
            fn(TU_CHECK_URLS, s, i, e, ctx);
            i = e;
        } else if (s[i] == '@' && mail_at(s, len, i, &a, &b)) {
            fn(TU_CHECK_EMAILS, s, a, b, ctx);
            i = b;
        } else if ((s[i] == '%' || s[i] == '{' || s[i] == '$') &&
                   (e = placeholder_at(s, len, i)) != i) {
            fn(TU_CHECK_PLACEHOLDERS, s, i, e, ctx);
            i = e;
        } else {
            i++;
        }
    }
}

/* ---- urls, emails, placeholders ---- */

struct token {
    enum tu_check_id kind;
    const char *p;
    size_t n;
};

struct tokens {
    struct token *t;
    size_t count, cap;
    bool failed;
};

static void collect(enum tu_check_id kind, const char *s, size_t start, size_t limit, void *ctx)
{
    struct tokens *ts = ctx;
    struct token *t = tu_grow(ts->t, sizeof *t, ts->count + 1, &ts->cap);
    if (t == NULL) {
        ts->failed = true;
        return;
    }
    ts->t = t;
    t[ts->count++] = (struct token){kind, s + start, limit - start};
}

static size_t count_token(const struct tokens *ts, const struct token *w)
{
    size_t n = 0;
    for (size_t i = 0; i < ts->count; i++) {
        n += ts->t[i].kind == w->kind && ts->t[i].n == w->n && memcmp(ts->t[i].p, w->p, w->n) == 0;
    }
    return n;
}

/* Each token of a that b holds fewer times, reported once. */
static void report_lacking(struct run *r, const struct tokens *a, const struct tokens *b,
                           const char *what)
{
    static const char *const noun[] = {[TU_CHECK_URLS] = "URL", [TU_CHECK_EMAILS] = "e-mail address",
                                       [TU_CHECK_PLACEHOLDERS] = "placeholder"};
    for (size_t i = 0; i < a->count; i++) {
        const struct token *w = &a->t[i];
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) {
            seen = a->t[j].kind == w->kind && a->t[j].n == w->n && memcmp(a->t[j].p, w->p, w->n) == 0;
        }
        if (!seen && count_token(b, w) < count_token(a, w)) {
            check_report(r, w->kind, "%s %.*s %s", noun[w->kind], (int)w->n, w->p, what);
        }
    }
}

void check_tokens_same(struct run *r)
{
    struct tokens s = {0}, t = {0};
    check_tokens(r->src.data, r->src.len, collect, &s);
    check_tokens(r->trg.data, r->trg.len, collect, &t);
    if (s.failed || t.failed) {
        r->st = tu_error_set(r->err, TU_ENOMEM, "out of memory");
    } else {
        report_lacking(r, &s, &t, "of the source is not in the target");
        report_lacking(r, &t, &s, "in the target is not in the source");
    }
    tu_free(s.t);
    tu_free(t.t);
}

/* ---- untranslated ---- */

static void blank(enum tu_check_id kind, const char *s, size_t start, size_t limit, void *ctx)
{
    (void)kind;
    (void)s;
    memset((char *)ctx + start, ' ', limit - start);
}

/* A text a translator translates: a word of three letters or more in lower
 * case, or four words or more (a title in title case), outside URLs and the
 * like (names, numbers, codes alone are kept as they are). */
static bool has_translatable_word(const char *text, size_t len)
{
    char *s = tu_malloc(len + 1);
    bool found = false;
    if (s == NULL) {
        return true;
    }
    memcpy(s, text, len);
    s[len] = '\0';
    check_tokens(text, len, blank, s);
    size_t words = 0;
    for (size_t i = 0; i < len && !found; i++) {
        bool letter = (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z';
        if (letter && (i == 0 || (!is_alnum(s[i - 1]) && (unsigned char)s[i - 1] < 0x80))) {
            size_t e = i;
            while (e < len && (((s[e] | 0x20) >= 'a' && (s[e] | 0x20) <= 'z') ||
                               (unsigned char)s[e] >= 0x80)) {
                e++;
            }
            bool word = e - i >= 2 && (e == len || !is_alnum(s[e]));
            words += word;
            found = (word && e - i >= 3 && s[i] >= 'a' && s[i] <= 'z') || words >= 4;
        }
    }
    tu_free(s);
    return found;
}

static void trim(const char **s, size_t *n)
{
    while (*n > 0 && is_space(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && is_space((*s)[*n - 1])) {
        (*n)--;
    }
}

/* Source and target are two standards of one language (bs, hr, sr, cnr):
 * they share many sentences word for word ("Sastanak je održan u
 * Sarajevu."), so a target equal to such a source is translated. */
static bool sibling_standards(const char *src_lang, const char *trg_lang)
{
    return check_lang_bcs(src_lang) && check_lang_bcs(trg_lang);
}

void check_untranslated(struct run *r)
{
    const char *s = r->src.data, *t = r->trg.data;
    size_t sn = r->src.len, tn = r->trg.len;
    trim(&s, &sn);
    trim(&t, &tn);
    if (tn == 0 && sn > 0) {
        check_report(r, TU_CHECK_UNTRANSLATED, "empty target");
    } else if (sn == tn && memcmp(s, t, sn) == 0 && !sibling_standards(r->src_lang, r->trg_lang) &&
               has_translatable_word(s, sn)) {
        check_report(r, TU_CHECK_UNTRANSLATED, "target is the same as the source");
    }
}

/* ---- punctuation ---- */

/* The end punctuation of s, closing quotes and brackets aside: '.', '!',
 * '?', ':', 'e' for an ellipsis, 0 for none; *digit: a digit precedes it. */
static char end_punct(const char *s, size_t n, bool *digit)
{
    static const char *const closers[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x99",
                                          "\xC2\xBB", "\xC2\xAB"};
    bool again = true;
    while (again) {
        again = false;
        while (n > 0 && (is_space(s[n - 1]) || strchr(")]}\"'", s[n - 1]) != NULL)) {
            n--;
        }
        for (size_t i = 0; i < sizeof closers / sizeof *closers; i++) {
            size_t k = strlen(closers[i]);
            if (n >= k && memcmp(s + n - k, closers[i], k) == 0) {
                n -= k;
                again = true;
            }
        }
    }
    if (n == 0) {
        return 0;
    }
    if ((n >= 3 && memcmp(s + n - 3, "\xE2\x80\xA6", 3) == 0) ||
        (n >= 3 && memcmp(s + n - 3, "...", 3) == 0)) {
        return 'e';
    }
    *digit = n >= 2 && s[n - 2] >= '0' && s[n - 2] <= '9';
    return strchr(".!?:", s[n - 1]) != NULL ? s[n - 1] : 0;
}

void check_punctuation(struct run *r)
{
    bool sd = false, td = false;
    char s = end_punct(r->src.data, r->src.len, &sd);
    char t = end_punct(r->trg.data, r->trg.len, &td);

    if (s == t || (s == 'e' && t == '.') || (s == '.' && t == 'e') || s == ':' || t == ':') {
        return;
    }
    if (t == '.' && td && check_lang_bcs(r->trg_lang)) {
        return; /* "2025." and "3." end a date or an ordinal in bs/hr/sr */
    }
    if (s != 0 && t == 0) {
        check_report(r, TU_CHECK_PUNCTUATION, "end punctuation '%s' of the source lost",
                     s == 'e' ? "..." : (char[]){s, 0});
    } else if (s == 0 && (t == '.' || t == '!' || t == '?')) {
        check_report(r, TU_CHECK_PUNCTUATION, "end punctuation '%c' added", t);
    } else if (s == '?' || t == '?') {
        check_report(r, TU_CHECK_PUNCTUATION, "the source ends with '%c', the target with '%c'",
                     s == 'e' ? '.' : s ? s : ' ', t == 'e' ? '.' : t ? t : ' ');
    }
}

/* ---- whitespace ---- */

static bool has_double_space(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] == ' ' && s[i + 1] == ' ') {
            return true;
        }
    }
    return false;
}

void check_whitespace(struct run *r)
{
    const char *s = r->src.data, *t = r->trg.data;
    size_t sn = r->src.len, tn = r->trg.len;

    if (sn == 0 || tn == 0) {
        return;
    }
    if (is_space(s[0]) != is_space(t[0])) {
        check_report(r, TU_CHECK_WHITESPACE, "leading whitespace %s",
                     is_space(s[0]) ? "of the source lost" : "added");
    }
    if (is_space(s[sn - 1]) != is_space(t[tn - 1])) {
        check_report(r, TU_CHECK_WHITESPACE, "trailing whitespace %s",
                     is_space(s[sn - 1]) ? "of the source lost" : "added");
    }
    if (has_double_space(t, tn) && !has_double_space(s, sn)) {
        check_report(r, TU_CHECK_WHITESPACE, "doubled space in the target");
    }
}

/* ---- quotes ---- */

void check_quotes(struct run *r)
{
    const char *t = r->trg.data;
    size_t n = r->trg.len;
    bool hr = check_lang_is(r->trg_lang, "hr");

    if (!check_lang_bcs(r->trg_lang)) {
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const char *why = NULL;
        if (t[i] == '"') {
            why = "straight quotation mark \"";
        } else if (i + 3 <= n && memcmp(t + i, "\xE2\x80\x9D", 3) == 0) {
            why = "quotation mark \xE2\x80\x9D";
        } else if (i + 3 <= n && memcmp(t + i, "\xE2\x80\x9C", 3) == 0 &&
                   (i == 0 || is_space(t[i - 1]) || t[i - 1] == '(') && i + 3 < n &&
                   !is_space(t[i + 3])) {
            why = "\xE2\x80\x9C opening a quotation";
        } else if (!hr && i + 2 <= n && (unsigned char)t[i] == 0xC2 &&
                   ((unsigned char)t[i + 1] == 0xBB || (unsigned char)t[i + 1] == 0xAB)) {
            why = "quotation mark \xC2\xBB/\xC2\xAB";
        }
        if (why != NULL) {
            check_report(r, TU_CHECK_QUOTES, "%s in a %s target: quotations are \xE2\x80\x9E...\xE2\x80\x9C",
                         why, r->trg_lang);
            return; /* one finding a segment */
        }
    }
}
