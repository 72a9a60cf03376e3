/*
 * The candidate sources of one leverage run, wired one way for `tumac
 * leverage`, `tumac analyze` and the batch: the TM (or what stands for it),
 * earlier documents with their published translations in front of it, the
 * run made on that chain, and the usage of the TM units it took targets from.
 */
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/leverage.h>

struct tu_lev_sources {
    struct tu_lev_tm *tm;     /* opened here, or borrowed */
    bool owns_tm;
    tu_lev_lookup_fn tm_lookup; /* NULL: no TM */
    void *tm_ctx;
    struct tu_lev_ref *ref;   /* NULL until a reference is added */
    char *src_lang;
    char *trg_lang;
};

void tu_lev_sources_close(struct tu_lev_sources *s)
{
    if (s != NULL) {
        tu_lev_ref_free(s->ref);
        if (s->owns_tm) {
            tu_lev_tm_close(s->tm);
        }
        tu_free(s->src_lang);
        tu_free(s->trg_lang);
        tu_free(s);
    }
}

/* The reference source, made on first use with the TM behind it. */
static enum tu_status ref_source(struct tu_lev_sources *s, struct tu_error *err)
{
    return s->ref != NULL ? TU_OK : tu_lev_ref_new(s->tm_lookup, s->tm_ctx, &s->ref, err);
}

enum tu_status tu_lev_sources_open(const struct tu_lev_sources_opts *o,
                                   struct tu_lev_sources **out, struct tu_error *err)
{
    struct tu_lev_sources *s = tu_calloc(1, sizeof *s);
    enum tu_status st = TU_OK;

    *out = NULL;
    if (s == NULL || (s->src_lang = tu_strdup(o->src_lang)) == NULL ||
        (s->trg_lang = tu_strdup(o->trg_lang)) == NULL) {
        tu_lev_sources_close(s);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    s->tm = o->tm;
    if (s->tm == NULL) {
        s->owns_tm = true;
        st = tu_lev_tm_open(o->tm_path, &s->tm, err);
    }
    if (st == TU_OK) {
        s->tm_lookup = tu_lev_tm_lookup_fn(s->tm);
        s->tm_ctx = s->tm;
        if (s->tm_lookup != NULL && o->tm_front != NULL) {
            s->tm_lookup = o->tm_front;
            s->tm_ctx = o->tm_front_ctx;
        }
    }
    if (st == TU_OK && o->ref_count > 0) {
        st = ref_source(s, err);
    }
    for (size_t i = 0; st == TU_OK && i < o->ref_count; i++) {
        st = tu_lev_ref_add_spec(s->ref, o->refs[i], s->src_lang, s->trg_lang, err);
    }
    if (st != TU_OK) {
        tu_lev_sources_close(s);
        return st;
    }
    *out = s;
    return TU_OK;
}

enum tu_status tu_lev_sources_add_ref(struct tu_lev_sources *s, const char *src_path,
                                      const char *trg_path, struct tu_error *err)
{
    if (ref_source(s, err) != TU_OK) {
        return err->code;
    }
    return tu_lev_ref_add_files(s->ref, src_path, trg_path, s->src_lang, s->trg_lang, err);
}

struct tu_lev_tm *tu_lev_sources_tm(const struct tu_lev_sources *s)
{
    return s->tm;
}

enum tu_status tu_lev_sources_leverage(const struct tu_lev_sources *s,
                                       const struct tu_leverage_opts *opts,
                                       struct tu_leverage **out, struct tu_error *err)
{
    struct tu_leverage_opts o = *opts;

    if (o.origin == NULL) {
        o.origin = tu_lev_tm_name(s->tm);
    }
    /* No TM and no references: no lookup, only repetitions leverage. */
    return s->ref != NULL
               ? tu_leverage_new(s->src_lang, s->trg_lang, &o, tu_lev_ref_lookup, s->ref, out, err)
               : tu_leverage_new(s->src_lang, s->trg_lang, &o, s->tm_lookup, s->tm_ctx, out, err);
}

enum tu_status tu_lev_sources_count_use(const struct tu_lev_sources *s, const int64_t *ids,
                                        size_t n, struct tu_error *err)
{
    return tu_lev_tm_count_use(s->tm, ids, n, err);
}
