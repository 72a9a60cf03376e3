/*
 * Reference documents as a candidate source: an earlier release and its
 * published translation, paired segment by segment, answer leverage queries
 * by a linear scan (a release has hundreds of segments, not millions: the
 * TM is the place for those).
 *
 * Text is compared as a key: whitespace runs collapsed to one space and
 * trimmed. The fuzzy score is a code-point edit distance over the keys,
 * cut off early once it cannot reach the query's minimum.
 */
#include <stdint.h>
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/filter.h>
#include <tumac/leverage.h>
#include <tumac/locale.h>

struct ref_pair {
    char *key, *prev, *next; /* keys; prev/next NULL at the edges */
    uint32_t *cps;           /* key as code points */
    size_t ncp;
    struct tu_content source, target;
    char *origin;
    char *lang;              /* target language tag, NULL if unknown */
};

struct tu_lev_ref {
    struct ref_pair *pairs;
    size_t count, cap;
    tu_lev_lookup_fn next;
    void *next_ctx;
};

enum tu_status tu_lev_ref_new(tu_lev_lookup_fn next, void *next_ctx,
                              struct tu_lev_ref **out, struct tu_error *err)
{
    *out = tu_calloc(1, sizeof **out);
    if (*out == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    (*out)->next = next;
    (*out)->next_ctx = next_ctx;
    return TU_OK;
}

static void pair_release(struct ref_pair *p)
{
    tu_free(p->key);
    tu_free(p->prev);
    tu_free(p->next);
    tu_free(p->cps);
    tu_content_clear(&p->source);
    tu_content_clear(&p->target);
    tu_free(p->origin);
    tu_free(p->lang);
}

void tu_lev_ref_free(struct tu_lev_ref *ref)
{
    if (ref == NULL) {
        return;
    }
    for (size_t i = 0; i < ref->count; i++) {
        pair_release(&ref->pairs[i]);
    }
    tu_free(ref->pairs);
    tu_free(ref);
}

size_t tu_lev_ref_count(const struct tu_lev_ref *ref)
{
    return ref->count;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whitespace collapsed and trimmed; NULL when out of memory. */
static char *make_key(const char *s, size_t len)
{
    char *k = tu_malloc(len + 1), *o = k;
    bool space = false;

    if (k == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < len; i++) {
        if (is_space(s[i])) {
            space = true;
            continue;
        }
        if (space && o != k) {
            *o++ = ' ';
        }
        space = false;
        *o++ = s[i];
    }
    *o = '\0';
    return k;
}

/* UTF-8 to code points (invalid bytes count as one each). */
static uint32_t *decode(const char *s, size_t *n)
{
    size_t len = strlen(s), k = 0;
    uint32_t *v = tu_malloc((len + 1) * sizeof *v);

    if (v == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        size_t extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        uint32_t cp = extra ? c & (0x3F >> extra) : c;
        size_t j;
        for (j = 1; j <= extra && i + j < len &&
                    ((unsigned char)s[i + j] & 0xC0) == 0x80;
             j++) {
            cp = (cp << 6) | ((unsigned char)s[i + j] & 0x3F);
        }
        v[k++] = cp;
        i += j;
    }
    *n = k;
    return v;
}

/* The translatable segments of a unit (up to cap); returns their number. */
static size_t unit_segments(const struct tu_unit *u, const struct tu_segment **v,
                            size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < u->seg_count; i++) {
        const struct tu_segment *s = &u->segs[i];
        if (!s->is_ignorable && s->translate != 0 &&
            !tu_content_is_empty(&s->source)) {
            if (n < cap) {
                v[n] = s;
            }
            n++;
        }
    }
    return n;
}

struct unit_list {
    const struct tu_unit **v;
    size_t count, cap;
};

static enum tu_status units_of(const struct tu_nodes *n, struct unit_list *l)
{
    for (size_t i = 0; i < n->count; i++) {
        if (n->items[i].is_group) {
            enum tu_status st = units_of(&n->items[i].u.group->children, l);
            if (st != TU_OK) {
                return st;
            }
            continue;
        }
        const struct tu_unit **v = tu_grow(l->v, sizeof *l->v, l->count + 1,
                                           &l->cap);
        if (v == NULL) {
            return TU_ENOMEM;
        }
        l->v = v;
        v[l->count++] = n->items[i].u.unit;
    }
    return TU_OK;
}

static enum tu_status doc_units(const struct tu_doc *d, struct unit_list *l)
{
    for (size_t f = 0; f < d->file_count; f++) {
        enum tu_status st = units_of(&d->files[f]->children, l);
        if (st != TU_OK) {
            return st;
        }
    }
    return TU_OK;
}

static char *content_key(const struct tu_content *c)
{
    struct tu_buf b;
    char *k;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    tu_content_plain(c, &b);
    k = b.status ? NULL : make_key(b.data, b.len);
    tu_buf_release(&b);
    return k;
}

static enum tu_status add_pair(struct tu_lev_ref *ref,
                               const struct tu_content *src,
                               const struct tu_content *trg,
                               const char *origin, const char *lang)
{
    struct ref_pair *v = tu_grow(ref->pairs, sizeof *v, ref->count + 1,
                                 &ref->cap);
    struct ref_pair *p;

    if (v == NULL) {
        return TU_ENOMEM;
    }
    ref->pairs = v;
    p = &v[ref->count++];
    memset(p, 0, sizeof *p);
    p->key = content_key(src);
    p->cps = p->key ? decode(p->key, &p->ncp) : NULL;
    p->origin = tu_strdup(origin);
    p->lang = tu_strdup(lang);
    if (p->key == NULL || p->cps == NULL || (origin && !p->origin) ||
        (lang && !p->lang) || tu_content_copy(&p->source, src) ||
        tu_content_copy(&p->target, trg)) {
        return TU_ENOMEM;
    }
    return TU_OK;
}

static const char *doc_lang(const struct tu_doc *d)
{
    if (d->src_lang) {
        return d->src_lang;
    }
    return d->file_count ? d->files[0]->src_lang : NULL;
}

enum tu_status tu_lev_ref_add(struct tu_lev_ref *ref,
                              const struct tu_doc *src_doc,
                              const struct tu_doc *trg_doc, const char *origin,
                              struct tu_error *err)
{
    struct unit_list a = {0}, b = {0};
    size_t first = ref->count;
    enum tu_status st;

    st = doc_units(src_doc, &a);
    if (st == TU_OK) {
        st = doc_units(trg_doc, &b);
    }
    if (st == TU_OK && a.count != b.count) {
        tu_free(a.v);
        tu_free(b.v);
        return tu_error_set(err, TU_EINVAL,
                            "%s: the translation has %zu units, the source %zu",
                            origin ? origin : "reference", b.count, a.count);
    }
    for (size_t u = 0; u < a.count && st == TU_OK; u++) {
        const struct tu_segment *sa[64], *sb[64];
        size_t na = unit_segments(a.v[u], sa, 64);
        size_t nb = unit_segments(b.v[u], sb, 64);

        if (na == nb && na <= 64) {
            for (size_t i = 0; i < na && st == TU_OK; i++) {
                st = add_pair(ref, &sa[i]->source, &sb[i]->source, origin,
                              doc_lang(trg_doc));
            }
        }
        /* segment counts differ: the unit's sentences do not align, skip */
    }
    /* neighbours, inside the pairs this document added */
    for (size_t i = first; i < ref->count && st == TU_OK; i++) {
        struct ref_pair *p = &ref->pairs[i];
        if (i > first && !(p->prev = tu_strdup(ref->pairs[i - 1].key))) {
            st = TU_ENOMEM;
        }
        if (i + 1 < ref->count &&
            !(p->next = tu_strdup(ref->pairs[i + 1].key))) {
            st = TU_ENOMEM;
        }
    }
    tu_free(a.v);
    tu_free(b.v);
    if (st != TU_OK) {
        return tu_error_set(err, st, "out of memory");
    }
    return TU_OK;
}

/* Edit distance of a and b, or limit + 1 once it must exceed `limit`. */
static size_t distance(const uint32_t *a, size_t n, const uint32_t *b, size_t m,
                       size_t limit, size_t *row)
{
    for (size_t j = 0; j <= m; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0], best;
        row[0] = i;
        best = row[0];
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t v = diag + (a[i - 1] != b[j - 1]);
            if (row[j - 1] + 1 < v) {
                v = row[j - 1] + 1;
            }
            if (up + 1 < v) {
                v = up + 1;
            }
            row[j] = v;
            diag = up;
            if (v < best) {
                best = v;
            }
        }
        if (best > limit) {
            return limit + 1;
        }
    }
    return row[m];
}

static bool key_eq(const char *want, const char *text, size_t len)
{
    char *k;
    bool eq;

    if (want == NULL || text == NULL) {
        return want == NULL && text == NULL;
    }
    k = make_key(text, len);
    eq = k && strcmp(k, want) == 0;
    tu_free(k);
    return eq;
}

static bool lang_ok(const char *have, const char *want)
{
    struct tu_locale a, b;
    struct tu_error e = {0};

    if (have == NULL) {
        return true;
    }
    if (tu_locale_parse(have, &a, &e) || tu_locale_parse(want, &b, &e)) {
        return strcmp(have, want) == 0;
    }
    return strcmp(a.tag, b.tag) == 0;
}

enum tu_status tu_lev_ref_lookup(void *ctx, const struct tu_lev_query *q,
                                 struct tu_lev_cands *out,
                                 struct tu_error *err)
{
    struct tu_lev_ref *ref = ctx;
    char *key;
    uint32_t *cps;
    size_t ncp, *row;
    enum tu_status st = TU_OK;

    if (ref->next) {
        st = ref->next(ref->next_ctx, q, out, err);
        if (st != TU_OK) {
            return st;
        }
    }
    key = make_key(q->text, q->len);
    cps = key ? decode(key, &ncp) : NULL;
    row = cps ? tu_malloc((ncp + 1) * sizeof *row) : NULL;
    if (row == NULL) {
        tu_free(key);
        tu_free(cps);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < ref->count; i++) {
        const struct ref_pair *p = &ref->pairs[i];
        size_t longer = p->ncp > ncp ? p->ncp : ncp;
        size_t diff = p->ncp > ncp ? p->ncp - ncp : ncp - p->ncp;
        size_t limit = (size_t)((100 - q->min_score) * (double)longer / 100);
        double score;

        if (!lang_ok(p->lang, q->trg_lang) || diff > limit) {
            continue;
        }
        if (strcmp(p->key, key) == 0) {
            score = key_eq(p->prev, q->prev, q->prev_len) &&
                            key_eq(p->next, q->next, q->next_len)
                        ? 101
                        : 100;
        } else {
            size_t d = distance(p->cps, p->ncp, cps, ncp, limit, row);
            if (d > limit) {
                continue;
            }
            score = (double)(int)(100.0 - 100.0 * (double)d /
                                              (double)(longer ? longer : 1));
            if (score >= 100) {
                score = 99;
            }
            if (score < q->min_score) {
                continue;
            }
        }
        struct tu_lev_cand *c = tu_lev_cands_add(out);
        if (c == NULL || (p->origin && !(c->origin = tu_strdup(p->origin))) ||
            (p->lang && !(c->trg_lang = tu_strdup(p->lang))) ||
            tu_content_copy(&c->source, &p->source) ||
            tu_content_copy(&c->target, &p->target)) {
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
            break;
        }
        c->score = score;
        c->is_approved = true;
    }
    tu_free(key);
    tu_free(cps);
    tu_free(row);
    return st;
}

enum tu_status tu_lev_ref_add_files(struct tu_lev_ref *ref, const char *src_path,
                                    const char *trg_path, const char *src_lang,
                                    const char *trg_lang, struct tu_error *err)
{
    struct tu_extract_opts so = {.src_lang = src_lang, .trg_lang = trg_lang};
    struct tu_extract_opts to = {.src_lang = trg_lang, .trg_lang = src_lang};
    struct tu_doc *a = NULL, *b = NULL;
    enum tu_status st;

    st = tu_extract_file(src_path, &so, &a, err);
    if (st == TU_OK) {
        st = tu_extract_file(trg_path, &to, &b, err);
    }
    if (st == TU_OK) {
        const char *base = strrchr(src_path, '/');
        st = tu_lev_ref_add(ref, a, b, base ? base + 1 : src_path, err);
        if (st != TU_OK) {
            tu_error_set_path(err, trg_path);
        }
    }
    tu_doc_free(a);
    tu_doc_free(b);
    return st;
}

enum tu_status tu_lev_ref_add_spec(struct tu_lev_ref *ref, const char *spec,
                                   const char *src_lang, const char *trg_lang,
                                   struct tu_error *err)
{
    const char *eq = strchr(spec, '=');
    char *old;
    enum tu_status st;

    if (eq == NULL || eq == spec || eq[1] == '\0') {
        return tu_error_set(err, TU_EINVAL,
                            "a reference is OLD=TRANSLATION, not '%s'", spec);
    }
    old = tu_strndup(spec, (size_t)(eq - spec));
    if (old == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    st = tu_lev_ref_add_files(ref, old, eq + 1, src_lang, trg_lang, err);
    tu_free(old);
    return st;
}
