/*
 * Number substitution for fuzzy matches: when the segment and the TU's
 * source are the same text except for numbers, the segment's numbers go
 * into the TU's target.
 *
 * A number is a run of ASCII digits with single '.' or ',' between digits
 * ("14", "1,200", "1.200", "3.5"), not glued to a letter before it. Two
 * numbers are "the same value" when their digits agree (separators are
 * locale style: en "1,200" = bs "1.200" = hr "1200"). The mapping is used
 * only if it is unambiguous: a source value maps to one query value, and it
 * occurs in the target exactly as often as in the source. The replacement
 * takes the target's style: separators swapped when the target swapped them,
 * dropped when the target has none.
 */
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/leverage.h>

struct num {
    size_t start, limit; /* byte range */
};

struct nums {
    struct num *items;
    size_t count, cap;
};

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha_ascii(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Find the numbers of text; false when out of memory. */
static bool find_nums(const char *s, size_t len, struct nums *out)
{
    size_t i = 0;

    while (i < len) {
        if (!is_digit(s[i]) || (i > 0 && (is_alpha_ascii(s[i - 1]) ||
                                          is_digit(s[i - 1])))) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < len && (is_digit(s[i]) ||
                           ((s[i] == '.' || s[i] == ',') && i + 1 < len &&
                            is_digit(s[i + 1]) && is_digit(s[i - 1])))) {
            i++;
        }
        struct num *n = tu_grow(out->items, sizeof *out->items,
                                out->count + 1, &out->cap);
        if (n == NULL) {
            return false;
        }
        out->items = n;
        n[out->count].start = start;
        n[out->count].limit = i;
        out->count++;
    }
    return true;
}

/* The text with every number replaced by one \x02, whitespace collapsed. */
static void skeleton(const char *s, size_t len, const struct nums *n,
                     struct tu_buf *out)
{
    size_t k = 0;
    bool space = false;

    for (size_t i = 0; i < len;) {
        if (k < n->count && n->items[k].start == i) {
            if (space && out->len) {
                tu_buf_addc(out, ' ');
            }
            space = false;
            tu_buf_addc(out, '\x02');
            i = n->items[k++].limit;
            continue;
        }
        char c = s[i++];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            continue;
        }
        if (space && out->len) {
            tu_buf_addc(out, ' ');
        }
        space = false;
        tu_buf_addc(out, c);
    }
}

/* Digits of a number only, into d (NUL-terminated, truncated at n-1). */
static void digits_of(const char *s, const struct num *x, char *d, size_t n)
{
    size_t k = 0;
    for (size_t i = x->start; i < x->limit && k + 1 < n; i++) {
        if (is_digit(s[i])) {
            d[k++] = s[i];
        }
    }
    d[k] = '\0';
}

static bool same_text(const char *a, const struct num *x, const char *b,
                      const struct num *y)
{
    return x->limit - x->start == y->limit - y->start &&
           memcmp(a + x->start, b + y->start, x->limit - x->start) == 0;
}

struct pair {
    char sdig[64];     /* the TU source value, digits only */
    const char *s;     /* source text and number (its style) */
    struct num sn;
    const char *q;     /* query text and number */
    struct num qn;
    size_t in_source;  /* occurrences in the TU source */
    size_t in_target;
};

/* Append q's number in the style of target number `t` (source form `s`). */
static void styled(struct tu_buf *out, const struct pair *p, const char *t,
                   const struct num *tn)
{
    bool t_has_sep = false, s_has_sep = false;
    bool swap = !(tn->limit - tn->start == p->sn.limit - p->sn.start &&
                  memcmp(t + tn->start, p->s + p->sn.start,
                         tn->limit - tn->start) == 0);

    for (size_t i = tn->start; i < tn->limit; i++) {
        t_has_sep |= !is_digit(t[i]);
    }
    for (size_t i = p->sn.start; i < p->sn.limit; i++) {
        s_has_sep |= !is_digit(p->s[i]);
    }
    for (size_t i = p->qn.start; i < p->qn.limit; i++) {
        char c = p->q[i];
        if (!is_digit(c)) {
            if (s_has_sep && !t_has_sep) {
                continue; /* target writes "1200" */
            }
            if (swap) {
                c = c == '.' ? ',' : '.';
            }
        }
        tu_buf_addc(out, c);
    }
}

enum tu_status tu_lev_numbers(const char *query, size_t qlen,
                              const char *cand_source, size_t slen,
                              struct tu_content *target, size_t *changed,
                              struct tu_buf *note, struct tu_error *err)
{
    struct nums qn = {0}, sn = {0}, tn = {0};
    struct tu_buf qs, ss, text;
    struct pair *pairs = NULL;
    size_t npairs = 0;
    enum tu_status st = TU_OK;

    *changed = 0;
    tu_buf_init(&qs, TU_BUF_NO_LIMIT);
    tu_buf_init(&ss, TU_BUF_NO_LIMIT);
    tu_buf_init(&text, TU_BUF_NO_LIMIT);
    if (!find_nums(query, qlen, &qn) || !find_nums(cand_source, slen, &sn)) {
        st = TU_ENOMEM;
        goto out;
    }
    if (qn.count == 0 || qn.count != sn.count) {
        goto out;
    }
    skeleton(query, qlen, &qn, &qs);
    skeleton(cand_source, slen, &sn, &ss);
    if (qs.status || ss.status) {
        st = TU_ENOMEM;
        goto out;
    }
    if (qs.len != ss.len || memcmp(qs.data, ss.data, qs.len) != 0) {
        goto out; /* differs in more than numbers */
    }
    pairs = tu_calloc(sn.count, sizeof *pairs);
    if (pairs == NULL) {
        st = TU_ENOMEM;
        goto out;
    }
    /* Map each source value to one query value; refuse two. */
    for (size_t i = 0; i < sn.count; i++) {
        char d[64];
        size_t k;

        digits_of(cand_source, &sn.items[i], d, sizeof d);
        for (k = 0; k < npairs && strcmp(pairs[k].sdig, d) != 0; k++) {
        }
        if (k == npairs) {
            memcpy(pairs[k].sdig, d, sizeof d);
            pairs[k].s = cand_source;
            pairs[k].sn = sn.items[i];
            pairs[k].q = query;
            pairs[k].qn = qn.items[i];
            npairs++;
        } else if (!same_text(query, &pairs[k].qn, query, &qn.items[i])) {
            goto out; /* one source value, two query values */
        }
        pairs[k].in_source++;
    }
    size_t nchanged = 0;
    for (size_t k = 0; k < npairs; k++) {
        char qd[64];
        digits_of(query, &pairs[k].qn, qd, sizeof qd);
        if (strcmp(qd, pairs[k].sdig) != 0) {
            nchanged++;
        }
    }
    if (nchanged == 0) {
        goto out;
    }
    /* Count the source values in the target's text pieces. */
    for (size_t i = 0; i < target->count; i++) {
        const struct tu_inline *in = &target->items[i];
        if (in->kind != TU_INLINE_TEXT || in->text == NULL) {
            continue;
        }
        tn.count = 0;
        if (!find_nums(in->text, strlen(in->text), &tn)) {
            st = TU_ENOMEM;
            goto out;
        }
        for (size_t j = 0; j < tn.count; j++) {
            char d[64];
            digits_of(in->text, &tn.items[j], d, sizeof d);
            for (size_t k = 0; k < npairs; k++) {
                if (strcmp(pairs[k].sdig, d) == 0) {
                    pairs[k].in_target++;
                }
            }
        }
    }
    for (size_t k = 0; k < npairs; k++) {
        char qd[64];
        digits_of(query, &pairs[k].qn, qd, sizeof qd);
        if (strcmp(qd, pairs[k].sdig) != 0 &&
            pairs[k].in_target != pairs[k].in_source) {
            goto out; /* the target has it more or fewer times: ambiguous */
        }
    }
    /* Rewrite. */
    for (size_t i = 0; i < target->count; i++) {
        struct tu_inline *in = &target->items[i];
        size_t len, pos = 0;
        if (in->kind != TU_INLINE_TEXT || in->text == NULL) {
            continue;
        }
        len = strlen(in->text);
        tn.count = 0;
        if (!find_nums(in->text, len, &tn)) {
            st = TU_ENOMEM;
            goto out;
        }
        tu_buf_truncate(&text, 0);
        for (size_t j = 0; j < tn.count; j++) {
            char d[64];
            size_t k;
            digits_of(in->text, &tn.items[j], d, sizeof d);
            for (k = 0; k < npairs && strcmp(pairs[k].sdig, d) != 0; k++) {
            }
            if (k == npairs) {
                continue;
            }
            tu_buf_add(&text, in->text + pos, tn.items[j].start - pos);
            styled(&text, &pairs[k], in->text, &tn.items[j]);
            pos = tn.items[j].limit;
        }
        tu_buf_add(&text, in->text + pos, len - pos);
        char *s = tu_buf_detach(&text, NULL);
        if (s == NULL) {
            st = TU_ENOMEM;
            goto out;
        }
        tu_free(in->text);
        in->text = s;
    }
    if (note) {
        bool first = true;
        tu_buf_adds(note, note->len ? "; numbers: " : "numbers: ");
        for (size_t k = 0; k < npairs; k++) {
            char qd[64];
            digits_of(query, &pairs[k].qn, qd, sizeof qd);
            if (strcmp(qd, pairs[k].sdig) == 0) {
                continue;
            }
            tu_buf_printf(note, "%s%.*s -> %.*s", first ? "" : ", ",
                          (int)(pairs[k].sn.limit - pairs[k].sn.start),
                          cand_source + pairs[k].sn.start,
                          (int)(pairs[k].qn.limit - pairs[k].qn.start),
                          query + pairs[k].qn.start);
            first = false;
        }
    }
    *changed = nchanged;
out:
    tu_free(qn.items);
    tu_free(sn.items);
    tu_free(tn.items);
    tu_free(pairs);
    tu_buf_release(&qs);
    tu_buf_release(&ss);
    tu_buf_release(&text);
    if (st != TU_OK) {
        return tu_error_set(err, st, "out of memory");
    }
    return TU_OK;
}
