/*
 * The leverage run: for each translatable segment in document order, ask
 * the TM (and, with variants, the related languages), adapt the candidates
 * to the segment (inline code ids, numbers), write them into the unit's
 * matches, fill the target, and count the segment in one band.
 *
 * Band precedence (as the CAT tools that bill by bands do): a target the
 * file already holds as a translation comes first (translated or
 * approved, by its state), then a context match, then a repetition of an earlier segment (same
 * document, then an earlier document of the run), then the best TM score.
 * The first occurrence of a repeated sentence is counted by its TM score.
 *
 * Repetitions are found by a key of the source: its text with whitespace
 * collapsed and each inline code as a marker of its kind, so "a <b>x</b>"
 * and "a x" are different sentences. The table lives as long as the run.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leverage-int.h"

#include <tumac/alloc.h>
#include <tumac/leverage.h>
#include <tumac/locale.h>
#include <tumac/segment.h>
#include <tumac/tm.h>

#define DEFAULT_MIN 75
#define DEFAULT_FILL 95
#define DEFAULT_MAX 3
#define DEFAULT_PENALTY 10
#define LOOKUP_MIN 50 /* the analysis needs the 50-74 band */
/* Points off a candidate for each value that changed and cannot be placed,
 * counted from the lower of its score and the fill threshold: it can
 * never fill. */
#define STALE_PENALTY 5
/* Points off for each inline code placed by rule (codes.c). */
#define CODE_PLACED_PENALTY 1

struct rep {
    char *key;           /* NULL: empty slot */
    size_t doc_no;       /* the document of the first occurrence */
    bool has_target;
    enum tu_state state;
    struct tu_content target;
    /* the source the target was made for, when it has codes: another
     * segment with the same key may number its codes differently */
    struct tu_content codes_src;
    char *src_text; /* the plain source the target translates */
    size_t src_len;
};

struct tu_leverage {
    struct tu_locale src, trg;
    struct tu_leverage_opts opts;
    tu_lev_lookup_fn lookup;
    void *ctx;
    char *origin;
    /* open addressing, power-of-two size; slots point to their entries, so
     * the half-empty table costs a pointer a slot, not an entry (issue 22) */
    struct rep **reps;
    size_t rep_count, rep_cap;
    size_t doc_no;
    char variants[4][16]; /* language tags asked with --variants */
    size_t variant_count;
    struct tu_lev_values *values;             /* numbers and dates, src -> trg */
    struct tu_lev_values *variant_values[4];  /* src -> each variant */
    int64_t *used;        /* TM units that filled segments (usage counts) */
    size_t used_count, used_cap;
};

/* One translatable segment of the document being leveraged. */
struct item {
    struct tu_unit *unit;
    struct tu_segment *seg;
    size_t file_no;
    char *text; /* plain source */
    size_t len;
};

struct items {
    struct item *v;
    size_t count, cap;
};

/* ---- candidates ---- */

struct tu_lev_cand *tu_lev_cands_add(struct tu_lev_cands *c)
{
    struct tu_lev_cand *v = tu_grow(c->items, sizeof *c->items, c->count + 1,
                                    &c->cap);
    if (v == NULL) {
        return NULL;
    }
    c->items = v;
    memset(&v[c->count], 0, sizeof v[c->count]);
    return &v[c->count++];
}

static void cand_release(struct tu_lev_cand *c)
{
    tu_free(c->origin);
    tu_free(c->trg_lang);
    tu_free(c->note);
    tu_content_clear(&c->source);
    tu_content_clear(&c->target);
}

void tu_lev_cands_release(struct tu_lev_cands *c)
{
    for (size_t i = 0; i < c->count; i++) {
        cand_release(&c->items[i]);
    }
    tu_free(c->items);
    memset(c, 0, sizeof *c);
}

/* ---- the run ---- */

/* The languages a target may borrow from with --variants (same script). */
static void set_variants(struct tu_leverage *lev)
{
    static const char *const family[] = {"bs", "hr", "sr", "cnr"};
    bool cyrl = strcmp(tu_locale_script(&lev->trg), "Cyrl") == 0;
    bool in_family = false;

    for (size_t i = 0; i < 4; i++) {
        in_family |= strcmp(lev->trg.language, family[i]) == 0;
    }
    if (!in_family) {
        return;
    }
    for (size_t i = 0; i < 3; i++) {
        const char *l = family[i];
        if (strcmp(l, lev->trg.language) == 0) {
            continue;
        }
        if (cyrl && strcmp(l, "hr") == 0) {
            continue; /* Croatian is Latin only: the TM cannot deliver Cyrillic */
        }
        snprintf(lev->variants[lev->variant_count++], sizeof lev->variants[0],
                 "%s-%s", l, cyrl ? "Cyrl" : "Latn");
        if (strcmp(l, "hr") == 0) {
            snprintf(lev->variants[lev->variant_count - 1],
                     sizeof lev->variants[0], "hr");
        }
    }
}

enum tu_status tu_leverage_new(const char *src_lang, const char *trg_lang,
                               const struct tu_leverage_opts *opts,
                               tu_lev_lookup_fn lookup, void *ctx,
                               struct tu_leverage **out, struct tu_error *err)
{
    struct tu_leverage *lev = tu_calloc(1, sizeof *lev);
    enum tu_status st;

    *out = NULL;
    if (lev == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (opts) {
        lev->opts = *opts;
    }
    if (lev->opts.min_score <= 0) {
        lev->opts.min_score = DEFAULT_MIN;
    }
    if (lev->opts.fill_score <= 0) {
        lev->opts.fill_score = DEFAULT_FILL;
    }
    if (lev->opts.max == 0) {
        lev->opts.max = DEFAULT_MAX;
    }
    if (lev->opts.variant_penalty <= 0) {
        lev->opts.variant_penalty = DEFAULT_PENALTY;
    }
    if (lev->opts.min_score > 100 || lev->opts.fill_score > 101) {
        int min = lev->opts.min_score, fill = lev->opts.fill_score;
        tu_free(lev);
        return tu_error_set(err, TU_EINVAL,
                            "thresholds must be at most 100 (min) and 101 "
                            "(fill), got %d and %d", min, fill);
    }
    lev->lookup = lookup;
    lev->ctx = ctx;
    st = tu_locale_parse(src_lang, &lev->src, err);
    if (st == TU_OK) {
        st = tu_locale_parse(trg_lang, &lev->trg, err);
    }
    if (st == TU_OK && opts && opts->origin) {
        lev->origin = tu_strdup(opts->origin);
        if (lev->origin == NULL) {
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    lev->opts.origin = lev->origin;
    if (st != TU_OK) {
        tu_leverage_free(lev);
        return st;
    }
    if (lev->opts.variants) {
        set_variants(lev);
    }
    if (st == TU_OK) {
        st = tu_lev_values_new(lev->src.tag, lev->trg.tag, &lev->values, err);
    }
    for (size_t v = 0; st == TU_OK && v < lev->variant_count; v++) {
        st = tu_lev_values_new(lev->src.tag, lev->variants[v],
                               &lev->variant_values[v], err);
    }
    if (st != TU_OK) {
        tu_leverage_free(lev);
        return st;
    }
    *out = lev;
    return TU_OK;
}

void tu_leverage_free(struct tu_leverage *lev)
{
    if (lev == NULL) {
        return;
    }
    for (size_t i = 0; i < lev->rep_cap; i++) {
        struct rep *r = lev->reps[i];
        if (r != NULL) {
            tu_free(r->key);
            tu_content_clear(&r->target);
            tu_content_clear(&r->codes_src);
            tu_free(r->src_text);
            tu_free(r);
        }
    }
    tu_lev_values_free(lev->values);
    for (size_t v = 0; v < lev->variant_count; v++) {
        tu_lev_values_free(lev->variant_values[v]);
    }
    tu_free(lev->reps);
    tu_free(lev->origin);
    tu_free(lev->used);
    tu_free(lev);
}

/* A TM unit's target filled a segment: one use for its usage count. */
static bool note_use(struct tu_leverage *lev, int64_t unit)
{
    int64_t *used = tu_grow(lev->used, sizeof *used, lev->used_count + 1, &lev->used_cap);
    if (used == NULL) {
        return false;
    }
    lev->used = used;
    lev->used[lev->used_count++] = unit;
    return true;
}

size_t tu_leverage_take_used(struct tu_leverage *lev, int64_t **ids)
{
    size_t n = lev->used_count;
    *ids = lev->used;
    lev->used = NULL;
    lev->used_count = lev->used_cap = 0;
    return n;
}

/* ---- repetition table ---- */

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    }
    return h;
}

static struct rep **rep_slot(struct rep **t, size_t cap, const char *key)
{
    size_t i = hash_str(key) & (cap - 1);
    while (t[i] != NULL && strcmp(t[i]->key, key) != 0) {
        i = (i + 1) & (cap - 1);
    }
    return &t[i];
}

/* Find `key`; with `add`, insert it (taking `*key`) when missing. */
static enum tu_status rep_find(struct tu_leverage *lev, char **key, bool add,
                               struct rep **out)
{
    *out = NULL;
    if (lev->rep_cap) {
        struct rep *r = *rep_slot(lev->reps, lev->rep_cap, *key);
        if (r != NULL || !add) {
            *out = r;
            return TU_OK;
        }
    }
    if (!add) {
        return TU_OK;
    }
    if ((lev->rep_count + 1) * 2 > lev->rep_cap) {
        size_t cap = lev->rep_cap ? lev->rep_cap * 2 : 64;
        struct rep **t = tu_calloc(cap, sizeof *t);
        if (t == NULL) {
            return TU_ENOMEM;
        }
        for (size_t i = 0; i < lev->rep_cap; i++) {
            if (lev->reps[i] != NULL) {
                *rep_slot(t, cap, lev->reps[i]->key) = lev->reps[i];
            }
        }
        tu_free(lev->reps);
        lev->reps = t;
        lev->rep_cap = cap;
    }
    struct rep *r = tu_calloc(1, sizeof *r);
    if (r == NULL) {
        return TU_ENOMEM;
    }
    *rep_slot(lev->reps, lev->rep_cap, *key) = r;
    r->key = *key;
    *key = NULL;
    r->doc_no = lev->doc_no;
    lev->rep_count++;
    *out = r;
    return TU_OK;
}

/* The repetition key of content: text with whitespace collapsed, codes as
 * "\x01<kind>". */
static char *content_key(const struct tu_content *c)
{
    struct tu_buf b;
    bool space = false;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    for (size_t i = 0; i < c->count; i++) {
        const struct tu_inline *in = &c->items[i];
        if (in->kind != TU_INLINE_TEXT) {
            tu_buf_printf(&b, "\x01%d", (int)in->kind);
            continue;
        }
        for (const char *p = in->text ? in->text : ""; *p; p++) {
            if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
                space = true;
                continue;
            }
            if (space && b.len) {
                tu_buf_addc(&b, ' ');
            }
            space = false;
            tu_buf_addc(&b, *p);
        }
    }
    return tu_buf_detach(&b, NULL);
}

/* ---- collecting the segments ---- */

static enum tu_status items_add(struct items *it, struct tu_unit *u,
                                struct tu_segment *s, size_t file_no)
{
    struct tu_buf b;
    struct item *v = tu_grow(it->v, sizeof *it->v, it->count + 1, &it->cap);

    if (v == NULL) {
        return TU_ENOMEM;
    }
    it->v = v;
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    tu_content_plain(&s->source, &b);
    /* a copy of its length: the buffer's doubled capacity, kept for every
     * segment of the document, was twice the text */
    v[it->count].len = b.len;
    v[it->count].text = b.status == TU_OK ? tu_strndup(b.len ? b.data : "", b.len) : NULL;
    tu_buf_release(&b);
    if (v[it->count].text == NULL) {
        return TU_ENOMEM;
    }
    v[it->count].unit = u;
    v[it->count].seg = s;
    v[it->count].file_no = file_no;
    it->count++;
    return TU_OK;
}

static bool has_text(const struct tu_content *c)
{
    for (size_t i = 0; i < c->count; i++) {
        if (c->items[i].kind != TU_INLINE_TEXT) {
            continue;
        }
        for (const char *p = c->items[i].text ? c->items[i].text : ""; *p;
             p++) {
            if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
                return true;
            }
        }
    }
    return false;
}

static enum tu_status collect_unit(struct items *it, struct tu_unit *u,
                                   int translate, size_t file_no)
{
    if (u->translate >= 0) {
        translate = u->translate;
    }
    for (size_t i = 0; i < u->seg_count; i++) {
        struct tu_segment *s = &u->segs[i];
        int t = s->translate >= 0 ? s->translate : translate;
        if (s->is_ignorable || t == 0 || !has_text(&s->source)) {
            continue;
        }
        enum tu_status st = items_add(it, u, s, file_no);
        if (st != TU_OK) {
            return st;
        }
    }
    return TU_OK;
}

static enum tu_status collect_nodes(struct items *it, struct tu_nodes *n,
                                    int translate, size_t file_no)
{
    for (size_t i = 0; i < n->count; i++) {
        enum tu_status st;
        if (n->items[i].is_group) {
            struct tu_group *g = n->items[i].u.group;
            st = collect_nodes(it, &g->children,
                               g->translate >= 0 ? g->translate : translate,
                               file_no);
        } else {
            st = collect_unit(it, n->items[i].u.unit, translate, file_no);
        }
        if (st != TU_OK) {
            return st;
        }
    }
    return TU_OK;
}

/* Every translatable segment of the document, in document order. */
static enum tu_status collect_doc(struct items *its, const struct tu_doc *doc,
                                  struct tu_error *err)
{
    for (size_t f = 0; f < doc->file_count; f++) {
        struct tu_file *file = doc->files[f];
        enum tu_status st = collect_nodes(
            its, &file->children, file->translate >= 0 ? file->translate : 1, f);
        if (st != TU_OK) {
            return tu_error_set(err, st, "out of memory");
        }
    }
    return TU_OK;
}

static void items_release(struct items *it)
{
    for (size_t i = 0; i < it->count; i++) {
        tu_free(it->v[i].text);
    }
    tu_free(it->v);
}

/* ---- adapting a candidate to the segment ---- */

static bool is_code(const struct tu_inline *in)
{
    return in->kind != TU_INLINE_TEXT;
}

static bool str_eq(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static enum tu_status set_field(char **f, const char *v)
{
    char *c = tu_strdup(v);
    if (v != NULL && c == NULL) {
        return TU_ENOMEM;
    }
    tu_free(*f);
    *f = c;
    return TU_OK;
}

/*
 * Give the codes of `target` (a TU's target) the ids and original data of
 * the segment's codes, pairing the TU source's codes with the segment's in
 * order. *ok is false when the code sequences differ (kinds or count) or the
 * target has a code its source lacks: such a candidate is shown, not used.
 */
static enum tu_status remap_codes(const struct tu_content *seg_src,
                                  const struct tu_content *tu_src,
                                  struct tu_content *target, bool *ok)
{
    const struct tu_inline *a[256], *b[256];
    size_t na = 0, nb = 0;

    *ok = false;
    for (size_t i = 0; i < seg_src->count; i++) {
        if (is_code(&seg_src->items[i])) {
            if (na == 256) {
                return TU_OK;
            }
            a[na++] = &seg_src->items[i];
        }
    }
    for (size_t i = 0; i < tu_src->count; i++) {
        if (is_code(&tu_src->items[i])) {
            if (nb == 256) {
                return TU_OK;
            }
            b[nb++] = &tu_src->items[i];
        }
    }
    if (na != nb) {
        return TU_OK;
    }
    for (size_t i = 0; i < na; i++) {
        if (a[i]->kind != b[i]->kind) {
            return TU_OK;
        }
    }
    for (size_t i = 0; i < target->count; i++) {
        struct tu_inline *t = &target->items[i];
        size_t k;
        if (!is_code(t)) {
            continue;
        }
        for (k = 0; k < nb; k++) {
            if (b[k]->kind == t->kind && str_eq(b[k]->id, t->id)) {
                break;
            }
        }
        if (k == nb) {
            return TU_OK;
        }
        if (set_field(&t->id, a[k]->id) || set_field(&t->data, a[k]->data) ||
            set_field(&t->data_end, a[k]->data_end) ||
            set_field(&t->equiv, a[k]->equiv) ||
            set_field(&t->equiv_end, a[k]->equiv_end) ||
            set_field(&t->disp, a[k]->disp) ||
            set_field(&t->disp_end, a[k]->disp_end) ||
            set_field(&t->type, a[k]->type) ||
            set_field(&t->subtype, a[k]->subtype)) {
            return TU_ENOMEM;
        }
    }
    *ok = true;
    return TU_OK;
}

/* A candidate adapted to the segment. */
struct adapted {
    struct tu_lev_cand *c;
    bool usable; /* codes map, no stale value: the target may fill */
    bool stale;  /* a changed number or date could not be placed */
    bool guessed; /* codes placed by rule: the target needs review */
};

static int cmp_adapted(const void *pa, const void *pb)
{
    const struct adapted *a = pa, *b = pb;
    if (a->c->score != b->c->score) {
        return a->c->score > b->c->score ? -1 : 1;
    }
    if (a->c->is_approved != b->c->is_approved) {
        return a->c->is_approved ? -1 : 1;
    }
    if (a->c->is_variant != b->c->is_variant) {
        return a->c->is_variant ? 1 : -1;
    }
    return 0;
}

static enum tu_status append_note(struct tu_lev_cand *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static enum tu_status append_note(struct tu_lev_cand *c, const char *fmt, ...)
{
    struct tu_buf b;
    va_list ap;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    if (c->note && *c->note) {
        tu_buf_adds(&b, c->note);
        tu_buf_adds(&b, "; ");
    }
    va_start(ap, fmt);
    tu_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    char *s = tu_buf_detach(&b, NULL);
    if (s == NULL) {
        return TU_ENOMEM;
    }
    tu_free(c->note);
    c->note = s;
    return TU_OK;
}

/* The numbers and dates of a candidate's language. */
static const struct tu_lev_values *values_for(const struct tu_leverage *lev,
                                              const struct tu_lev_cand *c)
{
    for (size_t v = 0; c->is_variant && c->trg_lang && v < lev->variant_count;
         v++) {
        size_t n = strcspn(lev->variants[v], "-");
        if (strncmp(c->trg_lang, lev->variants[v], n) == 0 &&
            (c->trg_lang[n] == '\0' || c->trg_lang[n] == '-')) {
            return lev->variant_values[v];
        }
    }
    return lev->values;
}

static void lower_to(double *score, double cap)
{
    if (*score > cap) {
        *score = cap < 0 ? 0 : cap;
    }
}

/* The segment's numbers and dates into the candidate's target; a value
 * that cannot be placed makes the candidate stale (never filled). */
static enum tu_status adapt_numbers(const struct tu_leverage *lev,
                                    const struct item *it, struct adapted *ad,
                                    struct tu_error *err)
{
    struct tu_lev_cand *c = ad->c;
    struct tu_lev_numbers_result r;
    struct tu_buf src, note;
    enum tu_status st;

    tu_buf_init(&src, TU_BUF_NO_LIMIT);
    tu_buf_init(&note, TU_BUF_NO_LIMIT);
    tu_content_plain(&c->source, &src);
    tu_buf_addc(&src, '\0');
    if (c->note) {
        tu_buf_adds(&note, c->note);
    }
    st = src.status || note.status
             ? tu_error_set(err, TU_ENOMEM, "out of memory")
             : tu_lev_numbers(values_for(lev, c), it->text, it->len, src.data,
                              src.len - 1, &c->target, &r, &note, err);
    if (st == TU_OK && (r.changed || r.stale)) {
        if (r.stale) {
            double fill = lev->opts.fill_score;
            lower_to(&c->score, (c->score < fill ? c->score : fill) -
                                    STALE_PENALTY * (double)r.stale);
            ad->stale = true;
        } else {
            c->has_numbers = true;
            double score = 100.0 - (double)r.changed;
            if (r.only_values && score < 95) {
                score = 95;
            }
            if (c->is_variant) {
                score -= lev->opts.variant_penalty; /* still a variant */
            }
            if (r.only_values && score > c->score) {
                c->score = score;
            }
        }
        tu_free(c->note);
        c->note = tu_buf_detach(&note, NULL);
        if (c->note == NULL) {
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    tu_buf_release(&src);
    tu_buf_release(&note);
    return st;
}

static size_t count_codes(const struct tu_content *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->count; i++) {
        enum tu_inline_kind k = c->items[i].kind;
        n += k == TU_INLINE_PC_START || k == TU_INLINE_SC || k == TU_INLINE_PH;
    }
    return n;
}

/* The segment's codes into the candidate's target: by id when the code
 * sequences agree, else by rule when the text is the same (codes.c). */
static enum tu_status adapt_codes(const struct tu_leverage *lev,
                                  const struct item *it, struct adapted *ad,
                                  bool *usable)
{
    struct tu_lev_cand *c = ad->c;
    struct tu_content placed = {0};
    size_t n = 0;
    enum tu_status st;

    st = remap_codes(&it->seg->source, &c->source, &c->target, usable);
    if (st != TU_OK || *usable || !tu_lev_same_text(&it->seg->source, &c->source)) {
        return st;
    }
    st = tu_lev_place_codes(values_for(lev, c), &it->seg->source, &c->target,
                            &placed, &n, usable);
    if (st == TU_OK && *usable) {
        size_t cost = n + count_codes(&c->target);
        struct tu_content old = c->target;
        c->target.items = placed.items;
        c->target.count = placed.count;
        c->target.cap = placed.cap;
        placed.items = old.items;
        placed.count = old.count;
        placed.cap = old.cap;
        ad->guessed = true;
        c->score -= CODE_PLACED_PENALTY * (double)cost;
        if (c->score < 0) {
            c->score = 0;
        }
        st = append_note(c, "inline codes placed by rule: %zu point%s off",
                         cost, cost == 1 ? "" : "s");
    }
    tu_content_clear(&placed);
    return st;
}

/* Numbers and codes; the candidate is changed in place. */
static enum tu_status adapt(const struct tu_leverage *lev, const struct item *it,
                            struct adapted *ad, struct tu_error *err)
{
    struct tu_lev_cand *c = ad->c;
    bool codes_ok = false;
    enum tu_status st = adapt_numbers(lev, it, ad, err);

    if (st != TU_OK) {
        return st;
    }
    st = adapt_codes(lev, it, ad, &codes_ok);
    if (st == TU_OK && !codes_ok) {
        /* offered, not used: below the fill threshold */
        lower_to(&c->score, lev->opts.fill_score - 1);
        st = append_note(c, "inline codes differ");
    }
    if (st != TU_OK) {
        return tu_error_set(err, st, "out of memory");
    }
    ad->usable = codes_ok && !ad->stale;
    return TU_OK;
}

/* ---- writing matches ---- */

/* Drop the matches an earlier leverage run wrote for this segment. */
static void drop_old_matches(struct tu_unit *u, const char *ref)
{
    for (size_t i = u->match_count; i-- > 0;) {
        const struct tu_match *m = &u->matches[i];
        if (m->subtype && strncmp(m->subtype, "tumac:", 6) == 0 &&
            str_eq(m->ref, ref)) {
            tu_unit_remove_match(u, i);
        }
    }
}

static const char *subtype_of(const struct tu_lev_cand *c)
{
    if (c->is_variant) {
        return "tumac:variant";
    }
    if (c->score >= 101) {
        return "tumac:context";
    }
    if (c->score >= 100) {
        return "tumac:exact";
    }
    return c->has_numbers ? "tumac:numbers" : "tumac:fuzzy";
}

static enum tu_status write_match(struct tu_leverage *lev, struct tu_unit *u,
                                  const char *ref, const struct tu_lev_cand *c)
{
    char id[32];
    struct tu_match *m;
    size_t n = u->match_count + 1;

    /* an id not used in the unit yet */
    for (;; n++) {
        bool used = false;
        snprintf(id, sizeof id, "tm%zu", n);
        for (size_t i = 0; i < u->match_count && !used; i++) {
            used = str_eq(u->matches[i].id, id);
        }
        if (!used) {
            break;
        }
    }
    m = tu_unit_add_match(u);
    if (m == NULL) {
        return TU_ENOMEM;
    }
    m->match_quality = c->score;
    m->similarity = -1;
    m->id = tu_strdup(id);
    m->ref = tu_strdup(ref);
    m->origin = tu_strdup(c->origin ? c->origin
                                    : lev->origin ? lev->origin : "tm");
    m->type = tu_strdup("tm");
    m->subtype = tu_strdup(subtype_of(c));
    if (c->note && *c->note) {
        m->note = tu_strdup(c->note);
    }
    if (m->id == NULL || (ref && m->ref == NULL) || m->origin == NULL ||
        m->type == NULL || m->subtype == NULL ||
        (c->note && *c->note && m->note == NULL) ||
        tu_content_copy(&m->source, &c->source) ||
        tu_content_copy(&m->target, &c->target)) {
        return TU_ENOMEM;
    }
    return TU_OK;
}

/* ---- one segment ---- */

static enum tu_status ask(struct tu_leverage *lev, struct tu_lev_query *q,
                          const char *trg, bool variant,
                          struct tu_lev_cands *cands, struct tu_error *err)
{
    size_t before = cands->count;
    enum tu_status st;

    q->trg_lang = trg;
    st = lev->lookup(lev->ctx, q, cands, err);
    if (st != TU_OK) {
        return st;
    }
    for (size_t i = before; i < cands->count && variant; i++) {
        struct tu_lev_cand *c = &cands->items[i];
        c->is_variant = true;
        c->score -= lev->opts.variant_penalty;
        if (c->score < 0) {
            c->score = 0;
        }
        st = append_note(c, "variant: %s TU, %d points off",
                         c->trg_lang ? c->trg_lang : trg,
                         lev->opts.variant_penalty);
        if (st != TU_OK) {
            return tu_error_set(err, st, "out of memory");
        }
    }
    return TU_OK;
}

static enum tu_status fill_from(struct tu_segment *s,
                                const struct tu_content *target,
                                enum tu_state state)
{
    /* Copy the pieces only: the segment's target keeps its own xml:lang,
     * xml:space and attributes. */
    struct tu_content view = *target, copy = {0}, old = s->target;

    view.lang = NULL;
    view.space = NULL;
    memset(&view.extra, 0, sizeof view.extra);
    if (tu_content_copy(&copy, &view) != TU_OK) {
        tu_content_clear(&copy);
        return TU_ENOMEM;
    }
    old.lang = NULL;
    old.space = NULL;
    memset(&old.extra, 0, sizeof old.extra);
    tu_content_clear(&old);
    s->target.items = copy.items;
    s->target.count = copy.count;
    s->target.cap = copy.cap;
    s->has_target = true;
    s->state = state;
    return TU_OK;
}

/*
 * The one gate every fill passes (TM candidates, variants, repetitions):
 * the target's numbers and dates must be the segment's wherever they
 * differ from the source it was translated from (tu_lev_values_stale).
 */
static enum tu_status fill_checked(const struct tu_lev_values *values,
                                   const struct item *it, const char *from_src,
                                   size_t from_len, const struct tu_content *target,
                                   enum tu_state state, bool *filled,
                                   struct tu_error *err)
{
    size_t stale = 0;
    enum tu_status st = tu_lev_values_stale(values, it->text, it->len, from_src,
                                            from_len, target, &stale, NULL, err);
    *filled = false;
    if (st != TU_OK || stale > 0) {
        return st;
    }
    if (fill_from(it->seg, target, state) != TU_OK) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    *filled = true;
    return TU_OK;
}

/* Fill from a repetition: its target carries the codes of the segment it
 * was made for, so it gets this segment's ids and data first (the same
 * kinds in the same order: the repetition key names them). A target that
 * does not map does not fill. */
static enum tu_status fill_from_rep(const struct tu_leverage *lev,
                                    const struct item *it, const struct rep *rep,
                                    bool *filled, struct tu_error *err)
{
    struct tu_content target = {0};
    bool ok = false;
    enum tu_status st;

    if (rep->codes_src.count == 0) {
        return fill_checked(lev->values, it, rep->src_text, rep->src_len,
                            &rep->target, rep->state, filled, err);
    }
    if (tu_content_copy(&target, &rep->target) != TU_OK ||
        remap_codes(&it->seg->source, &rep->codes_src, &target, &ok) != TU_OK) {
        tu_content_clear(&target);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    st = ok ? fill_checked(lev->values, it, rep->src_text, rep->src_len,
                           &target, rep->state, filled, err)
            : TU_OK;
    tu_content_clear(&target);
    return st;
}

/* Fill an empty target: an exact candidate, else a repetition's target,
 * else a fuzzy candidate at or above the fill threshold. */
static enum tu_status fill_segment(struct tu_leverage *lev, const struct item *it,
                                   const struct adapted *ad, size_t ncands,
                                   const struct rep *rep,
                                   struct tu_band_counts *counts,
                                   struct tu_error *err)
{
    enum tu_state state = TU_STATE_TRANSLATED;
    bool filled = false;
    size_t k;
    enum tu_status st;

    for (k = 0; k < ncands && !ad[k].usable; k++) {
    }
    struct tu_lev_cand *c = k < ncands ? ad[k].c : NULL;
    if (c && c->score < lev->opts.fill_score) {
        c = NULL;
    }
    if (rep && rep->has_target && !(c && c->score >= 100)) {
        st = fill_from_rep(lev, it, rep, &filled, err);
    } else if (c) {
        struct tu_buf src;
        if (c->score >= 100 && c->is_approved && !c->is_variant &&
            !c->has_numbers && !ad[k].guessed) {
            state = TU_STATE_REVIEWED;
        }
        tu_buf_init(&src, TU_BUF_NO_LIMIT);
        tu_content_plain(&c->source, &src);
        tu_buf_addc(&src, '\0');
        st = src.status ? tu_error_set(err, TU_ENOMEM, "out of memory")
                        : fill_checked(values_for(lev, c), it, src.data,
                                       src.len - 1, &c->target, state, &filled,
                                       err);
        tu_buf_release(&src);
        if (st == TU_OK && filled && c->tm_unit > 0 && !note_use(lev, c->tm_unit)) {
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    } else {
        return TU_OK;
    }
    if (st == TU_OK && filled && counts) {
        counts->filled++;
    }
    return st;
}

/* Below the lowest of min, fill and 75 nothing is written, fills or is
 * counted apart from the 50-74 band, except a candidate that differs in
 * values only: adapt_numbers lifts it to 95 from any score. */
static int upper_floor(const struct tu_leverage *lev)
{
    int floor = lev->opts.min_score;

    if (lev->opts.fill_score < floor) {
        floor = lev->opts.fill_score;
    }
    return floor > 75 ? 75 : floor; /* 75: the summary's 75-94 band */
}

/* The segment's candidates at q->min_score, adapted to it, best first
 * (*ad has one slot more), and the best score (-1: none). */
static enum tu_status ask_adapted(struct tu_leverage *lev, const struct item *it,
                                  struct tu_lev_query *q, struct tu_lev_cands *cands,
                                  struct adapted **ad, double *best, struct tu_error *err)
{
    enum tu_status st = lev->lookup ? ask(lev, q, lev->trg.tag, false, cands, err) : TU_OK;

    for (size_t v = 0; st == TU_OK && lev->lookup && v < lev->variant_count; v++) {
        st = ask(lev, q, lev->variants[v], true, cands, err);
    }
    *best = -1;
    *ad = st == TU_OK ? tu_calloc(cands->count + 1, sizeof **ad) : NULL;
    if (st == TU_OK && *ad == NULL) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    for (size_t k = 0; st == TU_OK && k < cands->count; k++) {
        (*ad)[k].c = &cands->items[k];
        st = adapt(lev, it, &(*ad)[k], err);
    }
    if (st == TU_OK && cands->count > 0) {
        qsort(*ad, cands->count, sizeof **ad, cmp_adapted);
        *best = (*ad)[0].c->score;
    }
    return st;
}

/*
 * How the TM is asked for a segment: at the analysis floor (or --min when
 * lower) for the 50-74 band, or with opts.no_low_band only down to
 * upper_floor. At the floor the index cannot prune (a lookup ten times one
 * at 75), so when no candidate can be lifted (no numbers or dates in the
 * segment) upper_floor is asked first: adapting then only lowers scores, so
 * what the floor adds (all below upper_floor <= 75) changes no match
 * written, no fill and, once the best here reaches 50, no band. Only below
 * that the floor is asked, first whether any unit reaches it at all
 * (tu_lev_query.first), and in full only when that unit adapts to below
 * 50. The result is the floor query's, bar the TM index's recall, which is
 * higher at a lower threshold.
 */
static enum tu_status lookup_segment(struct tu_leverage *lev, const struct item *it,
                                     struct tu_lev_query *q, struct tu_lev_cands *cands,
                                     struct adapted **ad, double *best, struct tu_error *err)
{
    int min = lev->opts.min_score, floor = min < LOOKUP_MIN ? min : LOOKUP_MIN;
    bool lifts = lev->values != NULL && tu_lev_values_any(lev->values, it->text, it->len);
    struct tu_lev_cands probe = {0};
    struct adapted *pad = NULL;
    double pbest = -1;
    enum tu_status st;

    q->min_score = lifts ? floor : upper_floor(lev);
    if (!lev->opts.no_low_band && q->min_score < floor) {
        q->min_score = floor; /* a fill threshold below the floor */
    }
    st = ask_adapted(lev, it, q, cands, ad, best, err);
    if (st != TU_OK || lev->lookup == NULL || lev->opts.no_low_band ||
        q->min_score == floor || *best >= LOOKUP_MIN) {
        return st;
    }
    q->min_score = floor;
    q->max = 1;
    q->first = true;
    st = ask_adapted(lev, it, q, &probe, &pad, &pbest, err);
    if (st == TU_OK && pbest >= LOOKUP_MIN) {
        *best = pbest; /* below upper_floor: counts in the band only */
    } else if (st == TU_OK && probe.count > 0) {
        /* the unit found adapts to below 50: the floor's best will tell */
        tu_free(*ad);
        tu_lev_cands_release(cands);
        q->max = lev->opts.max + 2;
        q->first = false;
        st = ask_adapted(lev, it, q, cands, ad, best, err);
    }
    tu_free(pad);
    tu_lev_cands_release(&probe);
    return st;
}

static enum tu_status one_segment(struct tu_leverage *lev, struct items *its,
                                  size_t i, struct tu_band_counts *counts,
                                  struct tu_error *err)
{
    struct item *it = &its->v[i];
    struct item *prev = i > 0 && its->v[i - 1].file_no == it->file_no
                            ? &its->v[i - 1] : NULL;
    struct item *next = i + 1 < its->count &&
                                its->v[i + 1].file_no == it->file_no
                            ? &its->v[i + 1] : NULL;
    struct tu_lev_cands cands = {0};
    struct adapted *ad = NULL;
    struct tu_counts wc;
    struct rep *rep = NULL;
    char *key = NULL;
    char *ref = NULL;
    enum tu_band band;
    double best = -1;
    struct tu_lev_query q = {
        .src_lang = lev->src.tag,
        .source = &it->seg->source,
        .text = it->text,
        .len = it->len,
        .prev = prev ? prev->text : NULL,
        .prev_len = prev ? prev->len : 0,
        .next = next ? next->text : NULL,
        .next_len = next ? next->len : 0,
        .max = lev->opts.max + 2,
    };
    enum tu_status st = lookup_segment(lev, it, &q, &cands, &ad, &best, err);

    if (st != TU_OK) {
        goto out;
    }

    /* the band */
    key = content_key(&it->seg->source);
    if (key == NULL) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
        goto out;
    }
    if (rep_find(lev, &key, false, &rep) != TU_OK) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
        goto out;
    }
    if (tu_lev_segment_ready(it->unit, it->seg, TU_STATE_TRANSLATED)) {
        /* returned work is not quoted as new */
        band = tu_lev_segment_ready(it->unit, it->seg, TU_STATE_REVIEWED)
                   ? TU_BAND_APPROVED : TU_BAND_TRANSLATED;
    } else if (best >= 101) {
        band = TU_BAND_CONTEXT;
    } else if (rep) {
        band = rep->doc_no == lev->doc_no ? TU_BAND_REPETITION
                                          : TU_BAND_CROSS_FILE;
    } else {
        band = tu_band_of_score(best < 0 ? 0 : best);
    }
    /* words and characters only: no segmenter, the sentence rules were
     * three-quarters of a leverage of 36,000 units with no TM (CLI 415) */
    st = tu_segmenter_count(NULL, lev->src.tag, it->text, it->len, &wc, err);
    if (st != TU_OK) {
        goto out;
    }
    if (counts) {
        counts->segments[band]++;
        counts->words[band] += wc.words;
        counts->chars[band] += wc.chars;
    }
    if (lev->opts.analyze_only) {
        goto remember;
    }

    /* matches */
    if (it->seg->id) {
        ref = tu_malloc(strlen(it->seg->id) + 2);
        if (ref == NULL) {
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
            goto out;
        }
        ref[0] = '#';
        strcpy(ref + 1, it->seg->id);
    }
    drop_old_matches(it->unit, ref);
    for (size_t k = 0, n = 0; k < cands.count && n < lev->opts.max; k++) {
        if (ad[k].c->score < lev->opts.min_score) {
            break;
        }
        if (write_match(lev, it->unit, ref, ad[k].c)) {
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
            goto out;
        }
        n++;
    }

    /* fill */
    if (!has_text(&it->seg->target)) {
        st = fill_segment(lev, it, ad, cands.count, rep, counts, err);
        if (st != TU_OK) {
            goto out;
        }
    }

remember:
    if (rep == NULL && rep_find(lev, &key, true, &rep) != TU_OK) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
        goto out;
    }
    if (!rep->has_target && has_text(&it->seg->target) &&
        !lev->opts.analyze_only) {
        if (tu_content_copy(&rep->target, &it->seg->target) != TU_OK) {
            tu_content_clear(&rep->target);
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
            goto out;
        }
        rep->src_text = tu_strdup(it->text);
        if (rep->src_text == NULL) {
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
            goto out;
        }
        rep->src_len = it->len;
        if (count_codes(&it->seg->source) > 0 &&
            tu_content_copy(&rep->codes_src, &it->seg->source) != TU_OK) {
            tu_content_clear(&rep->codes_src);
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
            goto out;
        }
        rep->has_target = true;
        rep->state = it->seg->state == TU_STATE_NONE ? TU_STATE_TRANSLATED
                                                     : it->seg->state;
    }
out:
    tu_free(ref);
    tu_free(key);
    tu_free(ad);
    tu_lev_cands_release(&cands);
    return st;
}

enum tu_status tu_leverage_doc(struct tu_leverage *lev, struct tu_doc *doc,
                               struct tu_band_counts *counts,
                               struct tu_error *err)
{
    struct items its = {0};
    struct tu_band_counts c;
    enum tu_status st = TU_OK;

    memset(&c, 0, sizeof c);
    st = collect_doc(&its, doc, err);
    for (size_t i = 0; i < its.count && st == TU_OK; i++) {
        st = one_segment(lev, &its, i, &c, err);
    }
    items_release(&its);
    lev->doc_no++;
    if (st == TU_OK && counts) {
        *counts = c;
    }
    return st;
}

/* ---- storing a translated document back into the TM ---- */

/* A segment's target is worth keeping at `min` (TRANSLATED or REVIEWED).
 * XLIFF 1.2 may carry approval on the trans-unit instead of a state. */
bool tu_lev_segment_ready(const struct tu_unit *unit,
                          const struct tu_segment *seg, enum tu_state min)
{
    const char *a;

    if (!seg->has_target || !has_text(&seg->target)) {
        return false;
    }
    if (seg->state >= min) {
        return true;
    }
    a = tu_attrs_get(&unit->extra, NULL, "approved");
    return a != NULL && strcmp(a, "yes") == 0;
}

static enum tu_status store_items(struct tu_tm *db, const struct tu_doc *doc,
                                  const struct items *its,
                                  const struct tu_lev_store_opts *o,
                                  struct tu_lev_store_result *res,
                                  struct tu_error *err)
{
    enum tu_state min = o->all_states ? TU_STATE_NONE
                        : o->approved_only ? TU_STATE_REVIEWED
                                           : TU_STATE_TRANSLATED;

    for (size_t i = 0; i < its->count; i++) {
        const struct item *it = &its->v[i];
        const struct tu_file *file = doc->files[it->file_no];
        bool prev_same = i > 0 && its->v[i - 1].file_no == it->file_no;
        bool next_same = i + 1 < its->count &&
                         its->v[i + 1].file_no == it->file_no;
        struct tu_tm_unit u;
        bool approved, added = false;
        enum tu_status st;

        if (!tu_lev_segment_ready(it->unit, it->seg, min)) {
            res->skipped++;
            continue;
        }
        approved = tu_lev_segment_ready(it->unit, it->seg, TU_STATE_REVIEWED);
        memset(&u, 0, sizeof u);
        u.src_lang = file->src_lang ? file->src_lang : doc->src_lang;
        u.trg_lang = file->trg_lang ? file->trg_lang : doc->trg_lang;
        if (u.src_lang == NULL || u.trg_lang == NULL) {
            return tu_error_set(err, TU_EINVAL,
                                "the document names no %s language",
                                u.src_lang == NULL ? "source" : "target");
        }
        u.source = &it->seg->source;
        u.target = &it->seg->target;
        /* The same context hashes leverage asks with: an edge of the file
         * is the empty neighbour. */
        u.prev_hash = tu_tm_context_hash(prev_same ? its->v[i - 1].text : "",
                                         prev_same ? its->v[i - 1].len : 0);
        u.next_hash = tu_tm_context_hash(next_same ? its->v[i + 1].text : "",
                                         next_same ? its->v[i + 1].len : 0);
        u.origin = o->origin ? o->origin : file->original;
        u.approved = approved;
        st = tu_tm_add(db, &u, &added, err);
        if (st != TU_OK) {
            return st;
        }
        if (added) {
            res->added++;
        } else {
            res->merged++;
        }
    }
    return TU_OK;
}

enum tu_status tu_lev_store_doc(struct tu_tm *db, const struct tu_doc *doc,
                                const struct tu_lev_store_opts *o,
                                struct tu_lev_store_result *res,
                                struct tu_error *err)
{
    struct items its = {0};
    enum tu_status st = TU_OK;

    memset(res, 0, sizeof *res);
    st = collect_doc(&its, doc, err);
    if (st == TU_OK) {
        st = tu_tm_begin(db, err);
    }
    if (st == TU_OK) {
        /* One transaction: a document is stored whole or not at all. */
        st = store_items(db, doc, &its, o, res, err);
        if (st == TU_OK) {
            st = tu_tm_commit(db, err);
        } else {
            tu_tm_rollback(db);
        }
    }
    items_release(&its);
    return st;
}
