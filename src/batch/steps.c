/*
 * The batch's calls into the other modules (filters, leverage, TM, text,
 * XLIFF), kept here so run.c reads as the pipeline it is.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <tumac/alloc.h>
#include <tumac/filter.h>
#include <tumac/leverage.h>
#include <tumac/segment.h>
#include <tumac/text.h>
#include <tumac/tm.h>
#include <tumac/xliff.h>
#include "prefetch.h"
#include "steps.h"

struct step_tm {
    struct tu_lev_tm *src; /* the candidate source for leverage */
};

enum tu_status step_tm_open(const char *path, bool *created,
                            struct step_tm **out, struct tu_error *err)
{
    struct step_tm *tm = tu_calloc(1, sizeof(*tm));
    struct tu_buf resolved;
    struct stat sb;
    enum tu_status st;

    *out = NULL;
    *created = false;
    if (tm == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    tu_buf_init(&resolved, TU_BUF_NO_LIMIT);
    st = tu_tm_default_path(path, &resolved, err);
    if (st == TU_OK && tu_buf_addc(&resolved, 0) != TU_OK) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (st == TU_OK) {
        /* the batch may make a new TM; the caller says so */
        *created = strcmp(resolved.data, "none") != 0 &&
                   stat(resolved.data, &sb) != 0;
        st = tu_lev_tm_open(resolved.data, &tm->src, err);
    }
    tu_buf_release(&resolved);
    if (st != TU_OK) {
        tu_free(tm);
        return st;
    }
    *out = tm;
    return TU_OK;
}

void step_tm_close(struct step_tm *tm)
{
    if (tm != NULL) {
        tu_lev_tm_close(tm->src);
        tu_free(tm);
    }
}

#define STEP_TRANSLITS 4
#define STEP_PROBES 8

/* A worker's own leverage of one locale that only asks (prefetch.c). */
struct step_probe {
    struct tu_leverage *lev;
    struct batch_recorder rec;
    char tag[64];
};

struct step_worker {
    struct tu_segmenter *seg; /* for word counts, made on first use */
    char *src;
    struct tu_translit *tl[STEP_TRANSLITS]; /* per derived script */
    char tl_tag[STEP_TRANSLITS][64];
    struct tu_lev_tm *tm; /* the worker's own TM connection, for probes */
    bool tm_failed;       /* could not open it: no prefetch */
    struct step_probe probe[STEP_PROBES];
};


const char *step_tm_path(const struct step_tm *tm)
{
    return tm != NULL ? tu_lev_tm_name(tm->src) : NULL;
}

enum tu_status step_tm_stamp(struct step_tm *tm, uint64_t *out,
                            struct tu_error *err)
{
    struct tu_tm *db = tm != NULL ? tu_lev_tm_db(tm->src) : NULL;

    *out = 0;
    return db != NULL ? tu_tm_content_stamp(db, out, err) : TU_OK;
}

size_t step_tm_count_lang(struct step_tm *tm, const char *tag)
{
    struct tu_tm *db = tm != NULL ? tu_lev_tm_db(tm->src) : NULL;
    struct tu_error err = {0};
    size_t n = 0;

    /* Only a preference (which script to translate): a failure counts 0. */
    if (db != NULL && tu_tm_count_target(db, tag, &n, &err) != TU_OK) {
        n = 0;
    }
    return n;
}

struct step_worker *step_worker_new(const char *src)
{
    struct step_worker *w = tu_calloc(1, sizeof(*w));

    if (w != NULL && (w->src = tu_strdup(src)) == NULL) {
        tu_free(w);
        return NULL;
    }
    return w;
}

void step_worker_free(struct step_worker *w)
{
    if (w != NULL) {
        tu_segmenter_free(w->seg);
        for (size_t i = 0; i < STEP_TRANSLITS; i++) {
            tu_translit_free(w->tl[i]);
        }
        for (size_t i = 0; i < STEP_PROBES; i++) {
            tu_leverage_free(w->probe[i].lev);
        }
        tu_lev_tm_close(w->tm);
        tu_free(w->src);
        tu_free(w);
    }
}

enum tu_status step_count_words(struct step_worker *w, const char *lang,
                                const char *text, size_t len, size_t *words,
                                struct tu_error *err)
{
    struct tu_counts c;
    enum tu_status st;

    if (w->seg == NULL) {
        st = tu_segmenter_new(lang, NULL, &w->seg, err);
        if (st != TU_OK) {
            return st;
        }
    }
    st = tu_segmenter_count(w->seg, lang, text, len, &c, err);
    if (st == TU_OK) {
        *words = c.words;
    }
    return st;
}

enum tu_status step_extract(const char *path, const char *src, const char *trg,
                            struct tu_doc **out, struct tu_error *err)
{
    struct tu_extract_opts o;

    memset(&o, 0, sizeof(o));
    o.src_lang = src;
    o.trg_lang = trg;
    o.format = "auto";
    o.encoding = "auto";
    return tu_extract_file(path, &o, out, err);
}

enum tu_status step_merge(const struct tu_doc *doc, bool strict,
                          struct tu_buf *out, struct tu_error *err)
{
    struct tu_merge_opts o = {.strict = strict};
    struct tu_diag diag = {0};
    enum tu_status st = tu_merge_doc(doc, &o, out, &diag, err);

    /* Draft merges fall back to the source on purpose: no warnings. */
    tu_diag_release(&diag);
    return st;
}

const char *step_extension(const struct tu_doc *doc)
{
    const char *ext = tu_filter_extension(doc);
    return ext != NULL ? ext : "txt";
}

struct step_lev {
    struct tu_leverage *lev;
    struct batch_front front; /* prefetched answers in front of the TM */
    struct tu_lev_ref *ref; /* published translations, in front of those */
    const char *src;
    const char *trg;
};

static enum tu_status add_ref_pair(void *ctx, const char *src_path,
                                   const char *trg_path, struct tu_error *err)
{
    struct step_lev *l = ctx;
    return tu_lev_ref_add_files(l->ref, src_path, trg_path, l->src, l->trg,
                                err);
}

enum tu_status step_lev_new(struct step_tm *tm, const char *src,
                            const char *trg, int min_score, int fill_score,
                            const char *const *ref_dirs, size_t ref_count,
                            struct step_lev **out, struct tu_error *err)
{
    tu_lev_lookup_fn lookup;
    void *ctx;
    struct tu_leverage_opts o;
    struct step_lev *l = tu_calloc(1, sizeof(*l));
    enum tu_status st;

    *out = NULL;
    if (l == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    memset(&o, 0, sizeof(o));
    o.min_score = min_score;
    o.fill_score = fill_score;
    o.origin = step_tm_path(tm);
    /* No TM ("none"): the lookup is NULL and only repetitions leverage. */
    lookup = tu_lev_tm_lookup_fn(tm->src);
    ctx = tm->src;
    if (lookup != NULL) {
        l->front.next = lookup;
        l->front.next_ctx = ctx;
        lookup = batch_front_lookup;
        ctx = &l->front;
    }
    st = TU_OK;
    if (ref_count > 0) {
        l->src = src;
        l->trg = trg;
        st = tu_lev_ref_new(lookup, ctx, &l->ref, err);
        for (size_t i = 0; st == TU_OK && i < ref_count; i++) {
            st = batch_ref_pairs(ref_dirs[i], src, trg, add_ref_pair, l, err);
        }
        lookup = tu_lev_ref_lookup;
        ctx = l->ref;
    }
    if (st == TU_OK) {
        st = tu_leverage_new(src, trg, &o, lookup, ctx, &l->lev, err);
    }
    if (st != TU_OK) {
        tu_lev_ref_free(l->ref);
        tu_free(l);
        return st;
    }
    *out = l;
    return TU_OK;
}

void step_lev_free(struct step_lev *lev)
{
    if (lev != NULL) {
        tu_leverage_free(lev->lev);
        tu_lev_ref_free(lev->ref);
        tu_free(lev);
    }
}

enum tu_status step_leverage(struct step_lev *lev, struct tu_doc *doc,
                             struct tu_batch_counts *counts,
                             struct tu_error *err)
{
    return tu_leverage_doc(lev->lev, doc, &counts->bands, err);
}

void step_lev_serve(struct step_lev *lev, const struct batch_cache *cache)
{
    lev->front.cache = cache;
}

/* The worker's probe for locale `trg`, made on first use. */
static struct step_probe *probe_for(struct step_worker *w, const char *tm_path,
                                    const char *trg, int min_score, int fill_score)
{
    struct tu_leverage_opts o;
    struct tu_error e = {0};
    size_t i = 0;

    while (i < STEP_PROBES && w->probe[i].lev != NULL && strcmp(w->probe[i].tag, trg) != 0) {
        i++;
    }
    if (i == STEP_PROBES || strlen(trg) >= sizeof w->probe[i].tag) {
        return NULL;
    }
    if (w->probe[i].lev != NULL) {
        return &w->probe[i];
    }
    if (w->tm == NULL && !w->tm_failed && tu_lev_tm_open(tm_path, &w->tm, &e) != TU_OK) {
        w->tm_failed = true;
        w->tm = NULL;
    }
    if (w->tm == NULL) {
        return NULL;
    }
    memset(&o, 0, sizeof o);
    o.min_score = min_score;
    o.fill_score = fill_score;
    o.analyze_only = true;
    w->probe[i].rec.next = tu_lev_tm_lookup_fn(w->tm);
    w->probe[i].rec.next_ctx = w->tm;
    if (w->probe[i].rec.next == NULL ||
        tu_leverage_new(w->src, trg, &o, batch_record_lookup, &w->probe[i].rec,
                        &w->probe[i].lev, &e) != TU_OK) {
        w->probe[i].lev = NULL;
        return NULL;
    }
    snprintf(w->probe[i].tag, sizeof w->probe[i].tag, "%s", trg);
    return &w->probe[i];
}

struct batch_cache *step_prefetch(struct step_worker *w, const struct step_tm *tm,
                                  const char *trg, int min_score, int fill_score,
                                  struct tu_doc *doc)
{
    const char *path = step_tm_path(tm);
    struct step_probe *p = path != NULL ? probe_for(w, path, trg, min_score, fill_score) : NULL;
    struct tu_band_counts c;
    struct tu_error e = {0};

    if (p == NULL || (p->rec.cache = batch_cache_new()) == NULL) {
        return NULL;
    }
    if (tu_leverage_doc(p->lev, doc, &c, &e) != TU_OK) {
        batch_cache_free(p->rec.cache); /* the turn asks the TM itself */
        p->rec.cache = NULL;
    }
    struct batch_cache *out = p->rec.cache;
    p->rec.cache = NULL;
    return out;
}

size_t step_lev_take_used(struct step_lev *lev, int64_t **ids)
{
    return tu_leverage_take_used(lev->lev, ids);
}

enum tu_status step_tm_count_use(struct step_tm *tm, const int64_t *ids, size_t n,
                                 struct tu_error *err)
{
    return tu_lev_tm_count_use(tm != NULL ? tm->src : NULL, ids, n, err);
}

bool step_translit_available(void)
{
    return true;
}

/* The worker's transliterator into `tag`, made on first use. */
static enum tu_status worker_translit(struct step_worker *w, const char *tag,
                                      struct tu_translit **out,
                                      struct tu_error *err)
{
    size_t i;

    for (i = 0; i < STEP_TRANSLITS && w->tl[i] != NULL; i++) {
        if (strcmp(w->tl_tag[i], tag) == 0) {
            *out = w->tl[i];
            return TU_OK;
        }
    }
    if (i == STEP_TRANSLITS) {
        return tu_error_set(err, TU_EINVAL, "too many derived scripts");
    }
    if (tu_translit_new(tag, NULL, &w->tl[i], err) != TU_OK) {
        return err->code;
    }
    snprintf(w->tl_tag[i], sizeof(w->tl_tag[i]), "%s", tag);
    *out = w->tl[i];
    return TU_OK;
}

enum tu_status step_translit(struct step_worker *w, struct tu_doc *doc,
                             const char *to_tag, struct tu_error *err)
{
    struct tu_translit *t = NULL;

    if (worker_translit(w, to_tag, &t, err) != TU_OK) {
        return err->code;
    }
    return tu_doc_translit(doc, t, 0, err);
}

enum tu_status step_xliff_write(const struct tu_doc *doc,
                                enum tu_xliff_version v, struct tu_buf *out,
                                struct tu_error *err)
{
    return tu_xliff_write_buf(doc, v, out, err);
}

enum tu_status step_xliff_read(const char *path, struct tu_doc **out,
                               struct tu_error *err)
{
    return tu_xliff_read_file(path, out, err);
}

enum tu_status step_validate(const char *path, struct tu_error *err)
{
    struct tu_diag diag = {0};
    enum tu_status st = tu_xliff_validate(path, &diag, err);

    /* err holds the first violation (located, rule named): the report
     * shows that one; the rest are in `tumac validate`'s output. */
    tu_diag_release(&diag);
    return st;
}

enum tu_status step_tm_store(struct step_tm *tm, const struct tu_doc *doc,
                             const char *origin, size_t *added,
                             struct tu_error *err)
{
    /* Returned work counts from "translated" up (issue 16): a translated
     * target is stored as a translation, an approved one as approved. */
    struct tu_lev_store_opts o = {origin, false, false};
    struct tu_lev_store_result res;
    struct tu_tm *db = tu_lev_tm_db(tm->src);
    enum tu_status st;

    *added = 0;
    if (db == NULL) {
        return TU_OK; /* --tm none: nothing to store into */
    }
    st = tu_lev_store_doc(db, doc, &o, &res, err);
    if (st == TU_OK) {
        *added = res.added + res.merged;
    }
    return st;
}

/* The plain text of `c` equals `text` (len bytes). */
static bool plain_is(const struct tu_content *c, const char *text, size_t len)
{
    struct tu_buf b;
    bool same;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    same = tu_content_plain(c, &b) == TU_OK && b.len == len &&
           memcmp(b.data, text, len) == 0;
    tu_buf_release(&b);
    return same;
}

/* The target is still one of the candidates tumac wrote for the segment
 * (a tumac:* match): tumac's fill that nobody changed. */
static bool is_own_fill(const struct tu_unit *unit, const struct tu_segment *seg)
{
    struct tu_buf t;
    bool own = false;

    tu_buf_init(&t, TU_BUF_NO_LIMIT);
    if (tu_content_plain(&seg->target, &t) != TU_OK) {
        tu_buf_release(&t);
        return false;
    }
    for (size_t i = 0; !own && i < unit->match_count; i++) {
        const struct tu_match *m = &unit->matches[i];
        own = m->subtype != NULL && strncmp(m->subtype, "tumac:", 6) == 0 &&
              (m->ref == NULL || seg->id == NULL ||
               strcmp(m->ref + (m->ref[0] == '#'), seg->id) == 0) &&
              plain_is(&m->target, t.data, t.len);
    }
    tu_buf_release(&t);
    return own;
}

enum step_done step_target_state(const struct tu_unit *unit,
                                 const struct tu_segment *seg)
{
    if (tu_lev_segment_ready(unit, seg, TU_STATE_REVIEWED)) {
        return STEP_APPROVED;
    }
    if (!tu_lev_segment_ready(unit, seg, TU_STATE_TRANSLATED)) {
        return STEP_OPEN;
    }
    /* tumac fills fuzzy matches as "translated" too: only a translator's
     * work counts as translated, for --finish translated (issue 16) */
    return is_own_fill(unit, seg) ? STEP_PREFILLED : STEP_TRANSLATED;
}
