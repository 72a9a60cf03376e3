/*
 * tumac check: the driver (levels, findings, the walk over a document) and
 * the two checks that read the content's structure: inline codes and
 * numbers by value. The text checks are in checks.c, script.c, variant.c
 * and tbx.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <tumac/alloc.h>
#include <tumac/numwords.h>

#include "check-int.h"

static const char *const names[TU_CHECK_COUNT] = {
    "codes",  "numbers", "urls",        "emails",     "placeholders", "untranslated",
    "script", "variant", "punctuation", "whitespace", "quotes",       "terms",
};

/* What a finding of each check means by default: an error blocks
 * publishing; typography and the other standard's words are reviewed. */
static const enum tu_check_level default_level[TU_CHECK_COUNT] = {
    TU_CHECK_ERROR, TU_CHECK_ERROR, TU_CHECK_ERROR, TU_CHECK_ERROR,
    TU_CHECK_ERROR, TU_CHECK_ERROR, TU_CHECK_ERROR, TU_CHECK_WARN,
    TU_CHECK_WARN,  TU_CHECK_WARN,  TU_CHECK_WARN,  TU_CHECK_ERROR,
};

const char *tu_check_name(enum tu_check_id id)
{
    return id < TU_CHECK_COUNT ? names[id] : "?";
}

int tu_check_parse(const char *name)
{
    for (int i = 0; i < TU_CHECK_COUNT; i++) {
        if (strcmp(names[i], name) == 0) {
            return i;
        }
    }
    return -1;
}

const char *tu_check_level_name(enum tu_check_level level)
{
    return level == TU_CHECK_ERROR ? "error" : level == TU_CHECK_WARN ? "warning" : "ignored";
}

enum tu_status tu_checker_new(struct tu_checker **out, struct tu_error *err)
{
    *out = tu_calloc(1, sizeof **out);
    if (*out == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    memcpy((*out)->level, default_level, sizeof default_level);
    return TU_OK;
}

void tu_checker_free(struct tu_checker *c)
{
    if (c != NULL) {
        glossary_free(c->gloss);
        tu_free(c);
    }
}

void tu_checker_set_level(struct tu_checker *c, enum tu_check_id id,
                          enum tu_check_level level)
{
    if (id < TU_CHECK_COUNT) {
        c->level[id] = level;
    }
}

void tu_findings_release(struct tu_findings *f)
{
    for (size_t i = 0; i < f->count; i++) {
        tu_free(f->items[i].file);
        tu_free(f->items[i].unit);
        tu_free(f->items[i].segment);
        tu_free(f->items[i].message);
    }
    tu_free(f->items);
    memset(f, 0, sizeof *f);
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *d = tu_malloc(n + 1);
    if (d != NULL) {
        memcpy(d, s, n + 1);
    }
    return d;
}

void check_report(struct run *r, enum tu_check_id id, const char *fmt, ...)
{
    struct tu_buf msg;
    struct tu_finding *f;
    va_list ap;

    if (r->c->level[id] == TU_CHECK_IGNORE || r->st != TU_OK) {
        return;
    }
    tu_buf_init(&msg, TU_BUF_NO_LIMIT);
    va_start(ap, fmt);
    tu_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    f = tu_grow(r->out->items, sizeof *f, r->out->count + 1, &r->out->cap);
    if (f == NULL || msg.status != TU_OK) {
        tu_buf_release(&msg);
        r->st = tu_error_set(r->err, TU_ENOMEM, "out of memory");
        return;
    }
    r->out->items = f;
    f += r->out->count;
    f->file = dup_str(r->file);
    f->unit = dup_str(r->unit);
    f->segment = dup_str(r->seg);
    f->check = id;
    f->severity = r->c->level[id];
    f->message = tu_buf_detach(&msg, NULL);
    r->out->count++;
    r->out->errors += f->severity == TU_CHECK_ERROR;
    if (f->file == NULL || f->unit == NULL || f->segment == NULL || f->message == NULL) {
        r->st = tu_error_set(r->err, TU_ENOMEM, "out of memory");
    }
}

/* ---- languages ---- */

bool check_lang_is(const char *tag, const char *lang)
{
    size_t n = strlen(lang);
    return tag != NULL && strncasecmp(tag, lang, n) == 0 &&
           (tag[n] == '\0' || tag[n] == '-' || tag[n] == '_');
}

/* The tag has the subtag `sub` after its primary one ("Latn"). */
static bool has_subtag(const char *tag, const char *sub)
{
    size_t n = strlen(sub);
    for (const char *p = strpbrk(tag, "-_"); p != NULL; p = strpbrk(p + 1, "-_")) {
        if (strncasecmp(p + 1, sub, n) == 0 && (p[n + 1] == '\0' || p[n + 1] == '-' ||
                                                p[n + 1] == '_')) {
            return true;
        }
    }
    return false;
}

const char *check_find(const char *hay, size_t n, const char *needle, size_t m)
{
    for (size_t i = 0; m > 0 && i + m <= n; i++) {
        if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0) {
            return hay + i;
        }
    }
    return NULL;
}

bool check_lang_cyrillic(const char *tag)
{
    static const char *const cyr[] = {"sr", "mk", "ru", "uk", "bg", "be"};
    if (tag == NULL || has_subtag(tag, "Latn")) {
        return false;
    }
    if (has_subtag(tag, "Cyrl")) {
        return true;
    }
    for (size_t i = 0; i < sizeof cyr / sizeof *cyr; i++) {
        if (check_lang_is(tag, cyr[i])) {
            return true;
        }
    }
    return false;
}

bool check_lang_bcs(const char *tag)
{
    return check_lang_is(tag, "bs") || check_lang_is(tag, "hr") ||
           check_lang_is(tag, "sr") || check_lang_is(tag, "cnr") ||
           check_lang_is(tag, "sh");
}

/* ---- codes ---- */

static bool is_code(enum tu_inline_kind k)
{
    return k == TU_INLINE_PH || k == TU_INLINE_PC_START || k == TU_INLINE_PC_END ||
           k == TU_INLINE_SC || k == TU_INLINE_EC;
}

static const char *code_name(enum tu_inline_kind k)
{
    switch (k) {
    case TU_INLINE_PH: return "ph";
    case TU_INLINE_PC_START: return "pc";
    case TU_INLINE_PC_END: return "/pc";
    case TU_INLINE_SC: return "sc";
    case TU_INLINE_EC: return "ec";
    default: return "?";
    }
}

/* How often code (k, id) occurs among the first n pieces of c. */
static size_t count_code_n(const struct tu_content *c, size_t n, enum tu_inline_kind k,
                           const char *id)
{
    size_t found = 0;
    for (size_t i = 0; i < n && i < c->count; i++) {
        found += c->items[i].kind == k && c->items[i].id != NULL && id != NULL &&
                 strcmp(c->items[i].id, id) == 0;
    }
    return found;
}

static size_t count_code(const struct tu_content *c, enum tu_inline_kind k, const char *id)
{
    return count_code_n(c, c->count, k, id);
}

/* Missing, extra and duplicated codes: each (kind, id) as often in the
 * target as in the source (a code copied with copyOf is its own). */
static void codes_counts(struct run *r)
{
    const struct tu_content *s = r->src_c, *t = r->trg_c;
    for (size_t i = 0; i < s->count; i++) {
        const struct tu_inline *in = &s->items[i];
        if (is_code(in->kind) && in->kind != TU_INLINE_PC_END &&
            count_code(s, in->kind, in->id) == 1 && count_code(t, in->kind, in->id) == 0) {
            check_report(r, TU_CHECK_CODES, "code <%s id=\"%s\"> of the source missing in the target",
                         code_name(in->kind), in->id ? in->id : "");
        }
    }
    for (size_t i = 0; i < t->count; i++) {
        const struct tu_inline *in = &t->items[i];
        size_t ns, nt;
        if (!is_code(in->kind) || in->kind == TU_INLINE_PC_END || in->copy_of != NULL) {
            continue;
        }
        ns = count_code(s, in->kind, in->id);
        nt = count_code(t, in->kind, in->id);
        if (ns == 0) {
            check_report(r, TU_CHECK_CODES, "code <%s id=\"%s\"> in the target is not in the source",
                         code_name(in->kind), in->id ? in->id : "");
        } else if (nt > ns && count_code_n(t, i, in->kind, in->id) == ns) {
            check_report(r, TU_CHECK_CODES, "code <%s id=\"%s\"> appears %zu times in the target, %zu in the source",
                         code_name(in->kind), in->id ? in->id : "", nt, ns);
        }
    }
}

/* The index in the open stack of the start of code `id`, or -1. */
static int open_index(const struct tu_inline *const *open, int depth, const char *id)
{
    for (int k = depth - 1; k >= 0; k--) {
        if (open[k]->id != NULL && id != NULL && strcmp(open[k]->id, id) == 0) {
            return k;
        }
    }
    return -1;
}

/* Codes closed in the order they were opened where they may not overlap
 * (a pc, or a spanning code with canOverlap="no" on either side), and a
 * spanning code's end after its start. */
static void codes_order(struct run *r)
{
    const struct tu_content *t = r->trg_c;
    const struct tu_inline *open[64];
    int depth = 0;

    for (size_t i = 0; i < t->count; i++) {
        const struct tu_inline *in = &t->items[i];
        if ((in->kind == TU_INLINE_PC_START || in->kind == TU_INLINE_SC) && depth < 64) {
            open[depth++] = in;
        } else if (in->kind == TU_INLINE_PC_END || in->kind == TU_INLINE_EC) {
            int k = open_index(open, depth, in->id);
            bool crossed_fixed = false;
            for (int c = k + 1; k >= 0 && c < depth; c++) {
                crossed_fixed |= open[c]->kind == TU_INLINE_PC_START ||
                                 (open[c]->flags & TU_INLINE_NO_OVERLAP) != 0;
            }
            if (k >= 0 && (crossed_fixed || ((open[k]->flags & TU_INLINE_NO_OVERLAP) && k + 1 < depth))) {
                check_report(r, TU_CHECK_CODES, "code <%s id=\"%s\"> is misnested in the target",
                             code_name(open[k]->kind), in->id ? in->id : "");
                return;
            }
            if (k >= 0) {
                memmove(open + k, open + k + 1, (size_t)(depth - k - 1) * sizeof *open);
                depth--;
            } else if (in->kind == TU_INLINE_EC && !(in->flags & TU_INLINE_ISOLATED) &&
                       count_code(t, TU_INLINE_SC, in->id) > 0) {
                check_report(r, TU_CHECK_CODES, "code <ec id=\"%s\"> comes before its start in the target",
                             in->id ? in->id : "");
            }
        }
    }
    /* canReorder="no"/"firstNo": the fixed codes keep the source's order */
    const struct tu_content *s = r->src_c;
    size_t k = 0;
    for (size_t i = 0; i < s->count; i++) {
        const struct tu_inline *in = &s->items[i];
        if (!is_code(in->kind) || in->reorder == TU_REORDER_YES) {
            continue;
        }
        while (k < t->count && !(t->items[k].kind == in->kind && t->items[k].id && in->id &&
                                 strcmp(t->items[k].id, in->id) == 0)) {
            k++;
        }
        if (k == t->count) {
            if (count_code(t, in->kind, in->id) > 0) {
                check_report(r, TU_CHECK_CODES, "code <%s id=\"%s\"> may not be reordered",
                             code_name(in->kind), in->id ? in->id : "");
            }
            return;
        }
    }
}

/* ---- numbers ---- */

/* The values of one side and which of them are accounted for. */
struct side {
    struct tu_lev_value *v;
    size_t n;
    bool *done;
    const char *text;
    size_t len;
};

/* A whole number of at most four digits: its value, else -1. */
static long small_int(const struct tu_lev_value *v)
{
    const char *k = v->key + 2;
    long n = 0;
    if (v->is_date || strncmp(v->key, "n:", 2) != 0 || strlen(k) > 4 || strchr(k, '.')) {
        return -1;
    }
    for (; *k; k++) {
        n = n * 10 + (*k - '0');
    }
    return n;
}

/* Pair the values both sides hold. */
static void pair_equal(struct side *a, struct side *b)
{
    for (size_t i = 0; i < a->n; i++) {
        for (size_t j = 0; j < b->n && !a->done[i]; j++) {
            if (!b->done[j] && strcmp(a->v[i].key, b->v[j].key) == 0) {
                a->done[i] = b->done[j] = true;
            }
        }
    }
}

/* The digits of a number key ("n:1500" -> "1500"); NULL for others. */
static const char *int_digits(const struct tu_lev_value *v)
{
    return !v->is_date && strncmp(v->key, "n:", 2) == 0 && !strchr(v->key, '.') ? v->key + 2
                                                                               : NULL;
}

/* A number grouped with plain spaces on one side is several numbers on
 * the other: "0800 555 111" is one value in bs ("555 111" grouped) and
 * three in en. An open value of `a` equal to the digits of consecutive
 * open values of `b`, one space apart, pairs with them. */
static void pair_grouped(struct side *a, struct side *b)
{
    for (size_t i = 0; i < a->n; i++) {
        const char *d = int_digits(&a->v[i]);
        for (size_t j = 0; d != NULL && !a->done[i] && j < b->n; j++) {
            size_t at = 0, k = j;
            while (k < b->n && !b->done[k] && int_digits(&b->v[k]) != NULL &&
                   (k == j || b->v[k].start == b->v[k - 1].limit + 1)) {
                const char *e = int_digits(&b->v[k]);
                size_t n = strlen(e);
                if (strncmp(d + at, e, n) != 0) {
                    break;
                }
                at += n;
                k++;
                if (d[at] == '\0') {
                    break;
                }
            }
            if (d[at] == '\0' && k - j >= 2) {
                a->done[i] = true;
                for (size_t x = j; x < k; x++) {
                    b->done[x] = true;
                }
            }
        }
    }
}

/* "a.m."/"p.m."/"am"/"pm" at s[i] after spaces: 'a', 'p' or 0. */
static char meridiem_at(const char *s, size_t len, size_t i)
{
    while (i < len && s[i] == ' ') {
        i++;
    }
    char c = i < len ? (char)(s[i] | 0x20) : 0;
    if ((c == 'a' || c == 'p') && i + 1 < len &&
        ((s[i + 1] | 0x20) == 'm' || (s[i + 1] == '.' && i + 2 < len && (s[i + 2] | 0x20) == 'm'))) {
        return c;
    }
    return 0;
}

/* Value i of a side read as a time of day: *h its hour, *min its minutes
 * (-1: none) from a fraction ("5.30", "17,30") or the value after a colon
 * or period ("17:30"), *next whether that value is the minutes, *end the
 * byte after it all. */
static void time_of(const struct side *a, size_t i, long *h, long *min, bool *next, size_t *end)
{
    const struct tu_lev_value *v = &a->v[i];
    const char *k = v->key + 2;
    *h = atol(k);
    *min = -1;
    *next = false;
    *end = v->limit;
    if (strchr(k, '.') != NULL) {
        size_t p = v->start;
        while (p < v->limit && a->text[p] >= '0' && a->text[p] <= '9') {
            p++;
        }
        *min = p + 1 < v->limit ? atol(a->text + p + 1) : -1;
    } else if (i + 1 < a->n && a->v[i + 1].start == v->limit + 1 &&
               strchr(":.", a->text[v->limit]) != NULL && int_digits(&a->v[i + 1]) != NULL) {
        *min = atol(a->v[i + 1].key + 2);
        *next = true;
        *end = a->v[i + 1].limit;
    }
}

/* Mark the first open value of t that is the time h:min (min -1: on the
 * hour, "15 h" or "15:00"); true if found. */
static bool mark_time(struct side *t, long h, long min)
{
    for (size_t j = 0; j < t->n; j++) {
        long th, tm;
        bool next;
        size_t end;
        if (t->done[j] || t->v[j].is_date || strncmp(t->v[j].key, "n:", 2) != 0) {
            continue;
        }
        time_of(t, j, &th, &tm, &next, &end);
        if (th == h && (tm == min || (min < 0 && tm == 0))) {
            t->done[j] = true;
            t->done[j + 1] |= next;
            return true;
        }
    }
    return false;
}

/* Times of day: "3 p.m." is "15 h", "5.30 pm" is "17.30" or "17:30",
 * "04:00" on the hour is "4 sata" as well. */
static void pair_times(struct side *s, struct side *t)
{
    for (size_t i = 0; i < s->n; i++) {
        long h, min;
        bool next;
        size_t end;
        char m;
        if (s->done[i] || s->v[i].is_date || strncmp(s->v[i].key, "n:", 2) != 0) {
            continue;
        }
        time_of(s, i, &h, &min, &next, &end);
        m = meridiem_at(s->text, s->len, end);
        if (m == 0 && next && min == 0 && h <= 24) {
            min = -1; /* "04:00" is "4 sata" */
        } else if (m == 0 || h < 1 || h > 12) {
            continue;
        } else {
            h = m == 'p' ? (h % 12) + 12 : h % 12;
        }
        if (mark_time(t, h, min)) {
            s->done[i] = true;
            s->done[i + 1] |= next;
        }
    }
}

/* The word after value i (spaces and a hyphen skipped) starts with one of
 * `units` (ASCII case aside); a symbol of one or two ASCII letters ("m",
 * "km") must be the whole word. */
static bool unit_after(const struct side *a, size_t i, const char *const *units, size_t n)
{
    size_t p = a->v[i].limit;
    while (p < a->len && strchr(" -\xC2\xA0", a->text[p]) != NULL) {
        p++;
    }
    for (size_t u = 0; u < n; u++) {
        size_t k = strlen(units[u]);
        bool stem = k >= 3 || (unsigned char)units[u][0] >= 0x80; /* "met", "°" */
        if (p + k <= a->len && strncasecmp(a->text + p, units[u], k) == 0 &&
            (stem || p + k == a->len || (unsigned char)a->text[p + k] >= 0x80 ||
             !((a->text[p + k] | 0x20) >= 'a' && (a->text[p + k] | 0x20) <= 'z'))) {
            return true;
        }
    }
    return false;
}

/* Flag the values of a followed by one of `units`, the values of a range
 * or list before them ("1 to 4 inches", "od 2,5 do 10 cm": at most six
 * bytes between, no digit) and the inches after feet. */
static void units_marked(const struct side *a, const char *const *units, size_t n, bool *flag)
{
    for (size_t i = 0; i < a->n; i++) {
        flag[i] = unit_after(a, i, units, n);
    }
    for (size_t i = a->n; i-- > 1;) {
        size_t gap = a->v[i].start - a->v[i - 1].limit;
        if (flag[i] && !flag[i - 1] && gap <= 6) {
            flag[i - 1] = true;
        }
    }
    for (size_t i = 1; i < a->n; i++) {
        size_t gap = a->v[i].start - a->v[i - 1].limit;
        const char *g = a->text + a->v[i - 1].limit;
        if (flag[i - 1] && !flag[i] && gap <= 7 &&
            (check_find(g, gap, "foot", 4) || check_find(g, gap, "feet", 4))) {
            flag[i] = true; /* the inches of "6-foot-6", "5 feet 10" */
        }
    }
}

/* Figures in imperial units are converted by the translator ("20 feet" ->
 * "6 metara", "80 degrees" -> "27 °C") or their redundant copy dropped
 * ("30 meters (100 feet)" -> "30 metara"): such a source value need not be
 * in the target, and as many target values in metric units pair with them. */
static void pair_converted(struct side *s, struct side *t)
{
    static const char *const imperial[] = {"inch", "inches", "feet", "foot", "ft", "yard", "yards",
                                           "mile", "miles", "mph", "pound", "pounds", "lb", "lbs",
                                           "ounce", "ounces", "oz", "gallon", "gallons", "acre",
                                           "acres", "degrees", "\xC2\xB0\x46" /* °F */, "Fahrenheit"};
    static const char *const metric[] = {"cm", "mm", "m", "km", "kg", "g", "l", "ha", "\xC2\xB0",
                                         "met", "kilomet", "centimet", "milimet", "stup", "stepen",
                                         "kilogram", "kil", "gram", "litr", "hektar",
                                         "\xD0\xBC\xD0\xB5\xD1\x82", /* мет */
                                         "\xD0\xBA\xD0\xB8\xD0\xBB\xD0\xBE", /* кило */
                                         "\xD1\x86\xD0\xB5\xD0\xBD\xD1\x82", /* цент */
                                         "\xD1\x81\xD1\x82\xD0\xB5\xD0\xBF", /* степ */
                                         "\xD0\xBA\xD0\xBC", "\xD0\xBA\xD0\xB3", /* км кг */
                                         "\xD1\x86\xD0\xBC", "\xD0\xBC\xD0\xBC"}; /* цм мм */
    bool *si = tu_calloc(s->n + 1, 1), *tm = tu_calloc(t->n + 1, 1);
    size_t converted = 0;
    if (si == NULL || tm == NULL) {
        tu_free(si);
        tu_free(tm);
        return; /* the values stay open: reported, never hidden */
    }
    units_marked(s, imperial, sizeof imperial / sizeof *imperial, si);
    units_marked(t, metric, sizeof metric / sizeof *metric, tm);
    for (size_t i = 0; i < s->n; i++) {
        if (!s->done[i] && si[i]) {
            s->done[i] = true;
            converted++;
        }
    }
    for (size_t j = 0; j < t->n && converted > 0; j++) {
        if (!t->done[j] && tm[j]) {
            t->done[j] = true;
            converted--;
        }
    }
    tu_free(si);
    tu_free(tm);
}

/* The open integer value of a side equal to `n` (not a date) from index
 * `from`, or a->n. */
static size_t open_int(const struct side *a, size_t from, long n)
{
    for (size_t j = from; j < a->n; j++) {
        const char *d = int_digits(&a->v[j]);
        if (!a->done[j] && d != NULL && strlen(d) <= 4 && atol(d) == n) {
            return j;
        }
    }
    return a->n;
}

static bool ascii_letter(char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static bool ascii_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The year "1953" that value i ends in a range "1950-53", or -1. */
static long range_end_year(const struct side *a, size_t i)
{
    const char *d = int_digits(&a->v[i]), *y = i > 0 ? int_digits(&a->v[i - 1]) : NULL;
    size_t at = a->v[i].start;
    if (d == NULL || y == NULL || strlen(d) != 2 || strlen(y) != 4 || at < 1 ||
        a->text[at - 1] != '-' || a->v[i - 1].limit != at - 1 || atol(y) % 100 >= atol(d)) {
        return -1;
    }
    return atol(y) / 100 * 100 + atol(d);
}

/* "SS19" at s[p] (spring/summer, autumn/winter, fall/winter, fiscal year):
 * the year 2019, else -1. */
static long season_year_at(const char *s, size_t len, size_t p)
{
    static const char *const codes[] = {"SS", "AW", "FW", "FY"};
    bool code = false;
    for (size_t c = 0; c < sizeof codes / sizeof *codes; c++) {
        code |= memcmp(s + p, codes[c], 2) == 0;
    }
    if (!code || (p > 0 && ascii_letter(s[p - 1])) || !ascii_digit(s[p + 2]) ||
        !ascii_digit(s[p + 3]) || (p + 4 < len && (ascii_letter(s[p + 4]) || ascii_digit(s[p + 4])))) {
        return -1;
    }
    return 2000 + (s[p + 2] - '0') * 10 + (s[p + 3] - '0');
}

/* Minutes in English words that a translation writes in digits: "on
 * the quarter-hour mark" -> "u 15. minuti", "half an hour" -> "30 minuta". */
static void pair_minute_words(struct side *s, struct side *t)
{
    static const struct { const char *w; long n; } words[] = {
        {"quarter-hour", 15}, {"quarter of an hour", 15}, {"quarter hour", 15},
        {"half-hour", 30}, {"half an hour", 30}};
    for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
        size_t j;
        if (check_find(s->text, s->len, words[k].w, strlen(words[k].w)) &&
            (j = open_int(t, 0, words[k].n)) < t->n) {
            t->done[j] = true;
        }
    }
}

/* Years written short on one side: a decade "1980s" is "80-ih" or
 * "80-tih" ("1980-ih" pairs as equal); the end of a range "1950-53" is
 * "1953"; a season or fiscal year "SS19", "AW18", "FY19" is "2019" (the
 * recogniser does not read digits after letters). */
static void pair_years(struct side *s, struct side *t)
{
    for (size_t i = 0; i < s->n; i++) {
        const char *d = int_digits(&s->v[i]);
        size_t lim = s->v[i].limit, j = t->n;
        long end;
        if (s->done[i] || d == NULL) {
            continue;
        }
        if (strlen(d) == 4 && atol(d) % 10 == 0 && lim < s->len && s->text[lim] == 's') {
            j = open_int(t, 0, atol(d) % 100); /* "1980s" -> "80-ih" */
            if (j < t->n && !(t->v[j].limit < t->len && t->text[t->v[j].limit] == '-')) {
                j = t->n;
            }
        } else if ((end = range_end_year(s, i)) > 0) {
            j = open_int(t, 0, end);
        }
        if (j < t->n) {
            s->done[i] = t->done[j] = true;
        }
    }
    for (size_t p = 0; p + 4 <= s->len; p++) {
        long y = season_year_at(s->text, s->len, p);
        size_t j = y > 0 ? open_int(t, 0, y) : t->n;
        if (j < t->n) {
            t->done[j] = true;
        }
    }
}

/* The words key of `text` holds one of the spellings in `spelled` (one a
 * line): as a word, or starting a word when it has five bytes or more and
 * ends in a consonant or is a hundred ("trinaest" in "trinaestogodišnjak",
 * "dvjesto" in "dvjestostruk"; "pet" is not in "petak", the ordinal
 * "drugi" not in "drugim", "other"). */
static bool spelled_in(const char *key, const char *spelled, struct tu_error *err)
{
    bool found = false;
    for (const char *p = spelled; *p && !found;) {
        size_t n = strcspn(p, "\n");
        struct tu_buf k;
        tu_buf_init(&k, TU_BUF_NO_LIMIT);
        if (check_words_key(p, n, &k, err) == TU_OK && k.len > 2) {
            const char *at = strstr(key, k.data);
            found = at != NULL;
            if (!found && k.len - 2 >= 5 &&
                (strchr("aeiou", k.data[k.len - 2]) == NULL ||
                 memcmp(k.data + k.len - 4, "sto", 3) == 0)) {
                k.data[k.len - 1] = '\0'; /* " trinaest" as a prefix */
                found = strstr(key, k.data) != NULL;
            }
        }
        tu_buf_release(&k);
        p += n + (p[n] == '\n');
    }
    return found;
}

/*
 * The inflected forms of n's ordinal in the language of `w`, into out as
 * words keys without their final space, one a line (" prvog\n prvom\n"):
 * the stem of each masculine ordinal ICU spells (ending in "i": "prvi",
 * "treći", "dvadeset prvi", sr-Cyrl "први" read as Latin) takes the
 * adjective endings of bs/hr/sr ("prve kategorije", "u trećem krugu",
 * "prvog oktobra"). Not the ordinal of 2: "drugog", "drugim", "drugu" are
 * as often "other" (its nominative "drugi" is read as a spelling).
 */
static enum tu_status ordinal_forms(const struct tu_numwords *w, long n, struct tu_buf *out,
                                    struct tu_error *err)
{
    static const char *const endings[] = {"i",  "a",  "o",   "e",   "u",   "og",  "oga",
                                          "om", "ome", "omu", "oj",  "im",  "ima", "ih",
                                          "eg", "ega", "em",  "emu"};
    struct tu_buf sp, key;
    enum tu_status st;

    tu_buf_init(&sp, TU_BUF_NO_LIMIT);
    tu_buf_init(&key, TU_BUF_NO_LIMIT);
    st = n == 2 ? TU_OK : tu_numwords_spell_ordinal(w, n, &sp, err);
    for (const char *p = sp.data ? sp.data : ""; *p && st == TU_OK;) {
        size_t len = strcspn(p, "\n");
        tu_buf_truncate(&key, 0);
        st = check_words_key(p, len, &key, err); /* " prvi " */
        if (st == TU_OK && key.len > 4 && memcmp(key.data + key.len - 2, "i ", 2) == 0) {
            for (size_t e = 0; e < sizeof endings / sizeof *endings; e++) {
                tu_buf_printf(out, "%.*s%s\n", (int)(key.len - 2), key.data, endings[e]);
            }
        }
        p += len + (p[len] == '\n');
    }
    if (st == TU_OK && out->status != TU_OK) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    tu_buf_release(&sp);
    tu_buf_release(&key);
    return st;
}

/* One of `forms` (keys without the final space, one a line) followed by
 * `after` (a words key, " " for none) in the words key `key`. */
static bool form_in(const char *key, const char *forms, const char *after)
{
    bool found = false;
    struct tu_buf want;
    tu_buf_init(&want, TU_BUF_NO_LIMIT);
    for (const char *p = forms; *p && !found;) {
        size_t n = strcspn(p, "\n");
        tu_buf_truncate(&want, 0);
        tu_buf_add(&want, p, n);
        tu_buf_adds(&want, after);
        found = want.status == TU_OK && strstr(key, want.data) != NULL;
        p += n + (p[n] == '\n');
    }
    tu_buf_release(&want);
    return found;
}

/* A number written in digits on one side and in words on the other
 * ("13-year-old" -> "trinaestogodišnjak", "two" -> "2", "Category 1" ->
 * "prve kategorije"). */
static void pair_spelled(struct run *r, struct side *a, bool a_target, const char *other_key)
{
    const struct tu_numwords *w = tu_lev_values_words(r->values, !a_target);
    bool inflects = check_lang_bcs(a_target ? r->src_lang : r->trg_lang);
    struct tu_buf sp, forms;
    tu_buf_init(&sp, TU_BUF_NO_LIMIT);
    tu_buf_init(&forms, TU_BUF_NO_LIMIT);
    for (size_t i = 0; i < a->n && r->st == TU_OK; i++) {
        long n = small_int(&a->v[i]);
        if (a->done[i] || n < 0 || n > 1000) {
            continue;
        }
        tu_buf_truncate(&sp, 0);
        tu_buf_truncate(&forms, 0);
        if (tu_numwords_spell(w, n, &sp, r->err) != TU_OK ||
            (inflects && n <= 100 && ordinal_forms(w, n, &forms, r->err) != TU_OK)) {
            r->st = r->err->code;
        } else if (sp.len && (spelled_in(other_key, sp.data, r->err) ||
                              (forms.len && form_in(other_key, forms.data, " ")))) {
            a->done[i] = true;
        }
    }
    tu_buf_release(&sp);
    tu_buf_release(&forms);
}

/* A date of the source whose day the target spells as an ordinal before
 * the month: "October 1" -> "prvog oktobra", "1 October 2018" -> "prvog
 * oktobra 2018." (the target's month and year are then its value). */
static void pair_spelled_days(struct run *r, struct side *s, struct side *t, const char *tkey)
{
    const struct tu_numwords *w = tu_lev_values_words(r->values, true);
    struct tu_buf forms, month;
    if (!check_lang_bcs(r->trg_lang)) {
        return;
    }
    tu_buf_init(&forms, TU_BUF_NO_LIMIT);
    tu_buf_init(&month, TU_BUF_NO_LIMIT);
    for (size_t i = 0; i < s->n && r->st == TU_OK; i++) {
        int y, m, d;
        bool found = false;
        if (s->done[i] || !s->v[i].is_date ||
            sscanf(s->v[i].key, "d:%d-%d-%d", &y, &m, &d) != 3 || d < 1 || d > 31 || m < 1 ||
            m > 12) {
            continue;
        }
        tu_buf_truncate(&forms, 0);
        if (ordinal_forms(w, d, &forms, r->err) != TU_OK) {
            r->st = r->err->code;
            break;
        }
        for (int f = 0; f < TU_MONTH_FORMS && !found && forms.len; f++) {
            const char *name = tu_numwords_month(w, (enum tu_month_form)f, m - 1);
            tu_buf_truncate(&month, 0);
            found = name != NULL && check_words_key(name, strlen(name), &month, r->err) == TU_OK &&
                    form_in(tkey, forms.data, month.data);
        }
        if (!found) {
            continue;
        }
        char rest[48]; /* the target's value: the month and year without a day */
        snprintf(rest, sizeof rest, "d:%04d-%02d-00", y, m);
        for (size_t j = 0; j < t->n && y > 0; j++) {
            if (!t->done[j] && t->v[j].is_date && strcmp(t->v[j].key, rest) == 0) {
                s->done[i] = t->done[j] = true;
                break;
            }
        }
        s->done[i] |= y == 0;
    }
    tu_buf_release(&forms);
    tu_buf_release(&month);
}

/* The open values of a side, as written, into out. */
static size_t open_values(const struct side *a, struct tu_buf *out)
{
    size_t n = 0;
    for (size_t i = 0; i < a->n; i++) {
        if (!a->done[i]) {
            tu_buf_printf(out, "%s%.*s", n ? ", " : "", (int)(a->v[i].limit - a->v[i].start),
                          a->text + a->v[i].start);
            n++;
        }
    }
    return n;
}

static void report_numbers(struct run *r, const struct side *s, const struct side *t)
{
    struct tu_buf miss, extra;
    tu_buf_init(&miss, TU_BUF_NO_LIMIT);
    tu_buf_init(&extra, TU_BUF_NO_LIMIT);
    size_t m = open_values(s, &miss), e = open_values(t, &extra);
    if (m && e) {
        check_report(r, TU_CHECK_NUMBERS, "source %s not in the target, which has %s instead",
                     miss.data, extra.data);
    } else if (m) {
        check_report(r, TU_CHECK_NUMBERS, "source %s missing in the target", miss.data);
    } else if (e) {
        check_report(r, TU_CHECK_NUMBERS, "target %s not in the source", extra.data);
    }
    tu_buf_release(&miss);
    tu_buf_release(&extra);
}

/* A Cyrillic word with Latin look-alikes in it ("милиoнa", "jуна": NTREX
 * has hundreds) read with their Cyrillic letters, so its month or scale
 * word is seen: the script check reports the letters themselves. */
static void fold_homoglyphs(const char *s, size_t len, struct tu_buf *out)
{
    static const char latin[] = "aeopcxyjkAEOPCXYJKMHTB";
    static const char *const cyrillic[] = {
        "\xD0\xB0", "\xD0\xB5", "\xD0\xBE", "\xD1\x80", "\xD1\x81", "\xD1\x85", "\xD1\x83",
        "\xD1\x98", "\xD0\xBA", "\xD0\x90", "\xD0\x95", "\xD0\x9E", "\xD0\xA0", "\xD0\xA1",
        "\xD0\xA5", "\xD0\xA3", "\xD0\x88", "\xD0\x9A", "\xD0\x9C", "\xD0\x9D", "\xD0\xA2",
        "\xD0\x92"};
    for (size_t i = 0; i < len;) {
        size_t e = i;
        bool cyr = false;
        while (e < len && (((s[e] | 0x20) >= 'a' && (s[e] | 0x20) <= 'z') ||
                           ((unsigned char)s[e] >= 0xD0 && (unsigned char)s[e] <= 0xD3 && e + 1 < len))) {
            cyr |= (unsigned char)s[e] >= 0xD0;
            e += (unsigned char)s[e] >= 0xD0 ? 2 : 1;
        }
        for (size_t k = i; k < e; k++) {
            const char *l = cyr && (unsigned char)s[k] < 0x80 ? strchr(latin, s[k]) : NULL;
            if (l != NULL) {
                tu_buf_adds(out, cyrillic[l - latin]);
            } else {
                tu_buf_addc(out, s[k]);
            }
        }
        if (e == i) {
            tu_buf_addc(out, s[i]);
            e++;
        }
        i = e;
    }
}

static void check_numbers(struct run *r)
{
    struct side s = {.text = r->src.data, .len = r->src.len};
    struct side t = {.text = r->trg.data, .len = r->trg.len};
    struct tu_buf skey, tkey, folded;

    if (r->values == NULL) {
        return;
    }
    tu_buf_init(&skey, TU_BUF_NO_LIMIT);
    tu_buf_init(&tkey, TU_BUF_NO_LIMIT);
    tu_buf_init(&folded, TU_BUF_NO_LIMIT);
    if (check_lang_cyrillic(r->trg_lang) && t.len > 0) {
        fold_homoglyphs(t.text, t.len, &folded);
        if (folded.status == TU_OK) {
            t.text = folded.data;
            t.len = folded.len;
        }
    }
    if (tu_lev_values_scan(r->values, false, s.text, s.len, &s.v, &s.n, r->err) != TU_OK ||
        tu_lev_values_scan(r->values, true, t.text, t.len, &t.v, &t.n, r->err) != TU_OK ||
        (s.done = tu_calloc(s.n + 1, 1)) == NULL || (t.done = tu_calloc(t.n + 1, 1)) == NULL) {
        r->st = tu_error_set(r->err, TU_ENOMEM, "out of memory");
        goto out;
    }
    pair_times(&s, &t); /* first: "11 a.m." is "11:00", both values */
    pair_equal(&s, &t);
    pair_grouped(&s, &t);
    pair_grouped(&t, &s);
    if (check_words_key(s.text, s.len, &skey, r->err) != TU_OK ||
        check_words_key(t.text, t.len, &tkey, r->err) != TU_OK) {
        r->st = r->err->code;
        goto out;
    }
    pair_spelled(r, &s, false, tkey.data);
    pair_spelled(r, &t, true, skey.data);
    pair_spelled_days(r, &s, &t, tkey.data);
    pair_converted(&s, &t);
    pair_years(&s, &t);
    pair_minute_words(&s, &t);
    report_numbers(r, &s, &t);
out:
    tu_buf_release(&skey);
    tu_buf_release(&tkey);
    tu_buf_release(&folded);
    tu_free(s.v);
    tu_free(t.v);
    tu_free(s.done);
    tu_free(t.done);
}

/* ---- the walk ---- */

/* The plain text of c; with `blank_protected`, text inside translate="no"
 * annotations as spaces (so script and variant leave it alone). */
static void plain(const struct tu_content *c, bool blank_protected, struct tu_buf *out)
{
    int protect = 0;
    for (size_t i = 0; i < c->count; i++) {
        const struct tu_inline *in = &c->items[i];
        if ((in->kind == TU_INLINE_MRK_START || in->kind == TU_INLINE_SM) &&
            (in->flags & TU_INLINE_TRANSLATE_NO)) {
            protect++;
        } else if ((in->kind == TU_INLINE_MRK_END || in->kind == TU_INLINE_EM) && protect > 0) {
            protect--;
        } else if (in->kind == TU_INLINE_TEXT && in->text != NULL) {
            if (blank_protected && protect > 0) {
                for (const char *p = in->text; *p; p++) {
                    if ((*p & 0xC0) != 0x80) {
                        tu_buf_addc(out, ' '); /* one space a character */
                    }
                }
            } else {
                tu_buf_adds(out, in->text);
            }
        }
    }
}

static void check_segment(struct run *r, const struct tu_segment *s)
{
    tu_buf_truncate(&r->src, 0);
    tu_buf_truncate(&r->trg, 0);
    tu_buf_truncate(&r->trg_prot, 0);
    plain(&s->source, false, &r->src);
    plain(&s->target, false, &r->trg);
    plain(&s->target, true, &r->trg_prot);
    if (r->src.status || r->trg.status || r->trg_prot.status) {
        r->st = tu_error_set(r->err, TU_ENOMEM, "out of memory");
        return;
    }
    r->src_c = &s->source;
    r->trg_c = &s->target;
    check_untranslated(r);
    if (r->trg.len == 0) {
        return; /* an empty target is one finding, not one per check */
    }
    codes_counts(r);
    codes_order(r);
    check_numbers(r);
    check_tokens_same(r);
    check_script(r);
    check_variant(r);
    check_punctuation(r);
    check_whitespace(r);
    check_quotes(r);
    check_terms(r);
}

static enum tu_status check_unit(struct tu_unit *u, void *ctx)
{
    struct run *r = ctx;
    char num[32];
    size_t n = 0;

    if (u->translate == 0) {
        return TU_OK;
    }
    r->unit = u->id ? u->id : "";
    for (size_t i = 0; i < u->seg_count && r->st == TU_OK; i++) {
        const struct tu_segment *s = &u->segs[i];
        if (s->is_ignorable) {
            continue;
        }
        n++;
        if (s->translate == 0 || !s->has_target || tu_content_is_empty(&s->source)) {
            continue;
        }
        snprintf(num, sizeof num, "%zu", n);
        r->seg = s->id ? s->id : num;
        check_segment(r, s);
    }
    return r->st;
}

enum tu_status tu_check_doc(struct tu_checker *c, const struct tu_doc *doc,
                            const char *name, struct tu_findings *out,
                            struct tu_error *err)
{
    struct run r = {.c = c, .out = out, .file = name, .err = err};
    struct tu_lev_values *values = NULL;
    char *values_pair = NULL;

    tu_buf_init(&r.src, TU_BUF_NO_LIMIT);
    tu_buf_init(&r.trg, TU_BUF_NO_LIMIT);
    tu_buf_init(&r.trg_prot, TU_BUF_NO_LIMIT);
    for (size_t i = 0; i < doc->file_count && r.st == TU_OK; i++) {
        struct tu_file *f = doc->files[i];
        r.src_lang = f->src_lang ? f->src_lang : doc->src_lang ? doc->src_lang : "en";
        r.trg_lang = f->trg_lang ? f->trg_lang : doc->trg_lang;
        if (r.trg_lang == NULL) {
            r.st = tu_error_at(err, TU_EINVAL, name, 0, 0,
                               "no target language: the document must name one to be checked");
            break;
        }
        struct tu_buf pair;
        tu_buf_init(&pair, TU_BUF_NO_LIMIT);
        tu_buf_printf(&pair, "%s>%s", r.src_lang, r.trg_lang);
        if (values_pair == NULL || strcmp(values_pair, pair.data) != 0) {
            tu_lev_values_free(values);
            tu_free(values_pair);
            values = NULL;
            values_pair = tu_buf_detach(&pair, NULL);
            /* a language ICU does not know has no number words: numbers
             * are then not checked (the others still are) */
            struct tu_error ignored = {0};
            if (tu_lev_values_new(r.src_lang, r.trg_lang, &values, &ignored) != TU_OK) {
                values = NULL;
            }
        }
        tu_buf_release(&pair);
        r.values = values;
        r.st = tu_file_each_unit(f, check_unit, &r);
    }
    tu_lev_values_free(values);
    tu_free(values_pair);
    tu_buf_release(&r.src);
    tu_buf_release(&r.trg);
    tu_buf_release(&r.trg_prot);
    return r.st;
}
