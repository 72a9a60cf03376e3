/*
 * The import (tumac batch --import): the translated XLIFF of an earlier
 * run taken back, each validated, its translated and approved segments
 * stored in the TM, the derived-script files remade from it and the
 * finished documents merged (strictly: a missing target is an error). The
 * plan (locales, pairing, documents) is the earlier run's, from its state.
 */
#include <stdio.h>
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/locale.h>
#include <tumac/xliff.h>
#include "run-int.h"

/* The options of an import: what finishes a document. 0 for the default,
 * as records of earlier versions have. */
static uint64_t import_hash(const struct run *run)
{
    uint64_t h = run->finish == DONE_TRANSLATED
                     ? batch_hash_str(BATCH_HASH_INIT, "finish translated")
                     : 0;
    return run->gloss_hash != 0 ? batch_hash(h ? h : BATCH_HASH_INIT, &run->gloss_hash,
                                             sizeof(run->gloss_hash))
                                : h;
}

/* Store the translated and approved segments of `doc` in the TM (one
 * transaction); only approved ones are stored as approved. */
static enum tu_status store_in_tm(struct run *run, const struct tu_doc *doc, const char *origin,
                                  size_t *added, struct tu_error *err)
{
    /* Returned work counts from "translated" up (issue 16): a translated
     * target is stored as a translation, an approved one as approved. */
    struct tu_lev_store_opts o = {origin, false, false};
    struct tu_lev_store_result res;
    struct tu_tm *db = tu_lev_tm_db(run->tm);
    enum tu_status st;

    *added = 0;
    if (db == NULL) {
        return TU_OK; /* --tm none: nothing to store into */
    }
    pthread_mutex_lock(&run->tm_lock);
    st = tu_lev_store_doc(db, doc, &o, &res, err);
    pthread_mutex_unlock(&run->tm_lock);
    if (st == TU_OK) {
        *added = res.added + res.merged;
    }
    return st;
}

/* Check an XLIFF file against the standard: err holds the first violation
 * (located, rule named), which the report shows; `tumac validate` lists all. */
static enum tu_status validate(const char *path, struct tu_error *err)
{
    struct tu_diag diag = {0};
    enum tu_status st = tu_xliff_validate(path, &diag, err);

    tu_diag_release(&diag);
    return st;
}

static void import_doc(void *ctx, size_t d, unsigned wid)
{
    struct run *run = ctx;
    struct batch_worker *w = run->workers[wid];

    for (size_t l = 0; l < run->nloc; l++) {
        struct tu_batch_item *it = run_item(run, d, l);
        const struct batch_input *in = &run->docs.items[d];
        size_t dl = run_derived_of(run, l);
        double t = run_since(&run->t0);
        struct tu_error e = {0};
        struct tu_doc *doc = NULL;
        char *xrel;
        char *xpath;
        uint64_t h = 0;
        uint64_t xh = 0;
        size_t added = 0;
        enum tu_status st;
        struct batch_record rec;
        const struct batch_record *exp;

        if (run->locs[l].base >= 0) {
            continue;
        }
        if (run_stopped(run)) {
            return;
        }
        xrel = run_rel_path(it->locale, it->name, "xlf");
        xpath = xrel ? run_out_path(run, xrel) : NULL;
        st = xpath ? batch_hash_file(xpath, &h, &e)
                   : tu_error_set(&e, TU_ENOMEM, "out of memory");
        tu_free(xrel);
        if (st == TU_OK && run_take_current(run, it, BATCH_REC_IMPORT, h, import_hash(run)) &&
            (dl == run->nloc ||
             run_take_current(run, run_item(run, d, dl), BATCH_REC_IMPORT, h,
                          import_hash(run)))) {
            run_item_done(run, d, it, NULL, in->size, t);
            if (dl < run->nloc) {
                run_item_done(run, d, run_item(run, d, dl), NULL, in->size, t);
            }
            tu_free(xpath);
            continue;
        }
        it->is_up_to_date = false;
        if (st == TU_OK) {
            st = validate(xpath, &e);
        }
        if (st == TU_OK) {
            st = tu_xliff_read_file(xpath, &doc, &e);
        }
        if (st == TU_OK &&
            (doc->trg_lang == NULL || strcmp(doc->trg_lang, it->locale) != 0)) {
            struct tu_locale a;
            struct tu_error ignore = {0};
            if (doc->trg_lang == NULL ||
                tu_locale_parse(doc->trg_lang, &a, &ignore) != TU_OK ||
                strcmp(a.tag, it->locale) != 0) {
                st =
                    tu_error_at(&e, TU_EINVAL, xpath, 0, 0,
                                "target language is '%s', expected '%s'",
                                doc->trg_lang ? doc->trg_lang : "", it->locale);
            }
        }
        pthread_mutex_lock(&run->lock);
        exp = batch_state_find(&run->state, BATCH_REC_EXPORT, it->locale,
                               it->name);
        memset(&it->counts, 0, sizeof(it->counts));
        if (exp != NULL) {
            it->counts.bands = exp->counts.bands;
        }
        pthread_mutex_unlock(&run->lock);
        if (st == TU_OK) {
            st = run_count_doc(run, w, doc, &it->counts, &e);
        }
        if (st == TU_OK && run->tm != NULL) {
            st = store_in_tm(run, doc, xpath, &added, &e);
        }
        if (st == TU_OK) {
            st = run_write_outputs(run, it, doc, true, true, &xh, &e);
        }
        tu_free(xpath);
        if (st != TU_OK) {
            run_fail_item(it, &e);
            tu_doc_free(doc);
            run_item_done(run, d, it, NULL, in->size, t);
            if (dl < run->nloc) {
                run_make_derived(run, w, d, dl, NULL, BATCH_REC_IMPORT, h, import_hash(run));
            }
            continue;
        }
        pthread_mutex_lock(&run->lock);
        run->report->tm_added += added;
        pthread_mutex_unlock(&run->lock);
        run_fill_record(&rec, BATCH_REC_IMPORT, it, h, import_hash(run), h);
        run_item_done(run, d, it, &rec, in->size, t);
        if (dl < run->nloc) {
            run_make_derived(run, w, d, dl, doc, BATCH_REC_IMPORT, h, import_hash(run));
        } else {
            tu_doc_free(doc);
        }
    }
}

/* The documents an earlier run exported, in its order. */
static enum tu_status import_docs(struct run *run, struct tu_error *err)
{
    for (size_t i = 0; i < run->state.count; i++) {
        const struct batch_record *r = &run->state.recs[i];
        bool seen = false;
        struct batch_input *grown;
        if (r->kind != BATCH_REC_EXPORT || r->derived_from != NULL) {
            continue;
        }
        for (size_t k = 0; k < run->docs.count; k++) {
            seen = seen || strcmp(run->docs.items[k].name, r->name) == 0;
        }
        if (seen) {
            continue;
        }
        grown = tu_grow(run->docs.items, sizeof(*grown), run->docs.count + 1,
                        &run->docs.cap);
        if (grown == NULL) {
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
        run->docs.items = grown;
        grown = &run->docs.items[run->docs.count];
        memset(grown, 0, sizeof(*grown));
        grown->name = tu_strdup(r->name);
        grown->path = tu_strdup(r->input ? r->input : r->name);
        if (grown->name == NULL || grown->path == NULL) {
            tu_free(grown->name);
            tu_free(grown->path);
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
        grown->size = 1;
        run->docs.count++;
    }
    if (run->docs.count == 0) {
        return tu_error_at(err, TU_ENOTFOUND, run->opts->outdir, 0, 0,
                           "no documents of an earlier 'tumac batch' run "
                           "here to import");
    }
    return TU_OK;
}

/* Rebuild the locale plan from the state's "targets" and "derived". */
static enum tu_status import_plan(struct run *run, struct tu_error *err)
{
    const char *targets = batch_state_get(&run->state, "targets");
    const char *derived = batch_state_get(&run->state, "derived");
    char *copy;
    const char *tags[64];
    size_t n = 0;
    enum tu_status st;

    if (targets == NULL || *targets == '\0') {
        return tu_error_at(err, TU_ENOTFOUND, run->opts->outdir, 0, 0,
                           "not the output folder of a 'tumac batch' run");
    }
    copy = tu_strdup(targets);
    if (copy == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    for (char *p = copy; p != NULL && n < 64;) {
        char *comma = strchr(p, ',');
        if (comma) {
            *comma = '\0';
        }
        tags[n++] = p;
        p = comma ? comma + 1 : NULL;
    }
    /* Parsing without a TM keeps every locale its own base... */
    st = run_plan_locales(run, tags, n, err);
    tu_free(copy);
    if (st != TU_OK) {
        return st;
    }
    /* ...and the earlier run's pairing decides. */
    for (size_t i = 0; i < run->nloc; i++) {
        run->locs[i].base = -1;
    }
    for (const char *p = derived; p != NULL && *p;) {
        const char *eq = strchr(p, '=');
        const char *end = strchr(p, ',');
        size_t dlen, blen;
        if (eq == NULL || (end != NULL && end < eq)) {
            break;
        }
        dlen = (size_t)(eq - p);
        blen = end ? (size_t)(end - eq - 1) : strlen(eq + 1);
        for (size_t i = 0; i < run->nloc; i++) {
            if (strlen(run->locs[i].tag) != dlen ||
                strncmp(run->locs[i].tag, p, dlen) != 0) {
                continue;
            }
            for (size_t k = 0; k < run->nloc; k++) {
                if (strlen(run->locs[k].tag) == blen &&
                    strncmp(run->locs[k].tag, eq + 1, blen) == 0) {
                    run->locs[i].base = (int)k;
                }
            }
        }
        p = end ? end + 1 : NULL;
    }
    return TU_OK;
}

enum tu_status tu_batch_import(const struct tu_batch_opts *opts,
                               struct tu_batch_report **out,
                               struct tu_error *err)
{
    struct run run;
    enum tu_status st;
    const char *v;
    struct tu_batch_opts o = *opts;
    char *tm_path = NULL;
    char *src = NULL;

    *out = NULL;
    st = run_check_common(opts, err);
    if (st != TU_OK) {
        return st;
    }
    run_init(&run, &o);
    run.is_import = true;
    run.finish = opts->finish_translated ? DONE_TRANSLATED : DONE_APPROVED;
    st = run_open_checker(&run, err);
    if (st == TU_OK) {
        st = batch_state_load(&run.state, opts->outdir, err);
    }
    if (st == TU_OK) {
        st = import_plan(&run, err);
    }
    if (st == TU_OK) {
        v = batch_state_get(&run.state, "src");
        src = tu_strdup(v ? v : "en");
        v = batch_state_get(&run.state, "tm");
        if (o.tm_path == NULL && v != NULL && *v) {
            tm_path = tu_strdup(v);
            o.tm_path = tm_path;
        }
        v = batch_state_get(&run.state, "draft");
        run.draft = v != NULL && strcmp(v, "1") == 0;
        v = batch_state_get(&run.state, "xliff");
        run.xv = v ? tu_xliff_version_parse(v) : TU_XLIFF_2_1;
        if (run.xv == TU_XLIFF_UNKNOWN) {
            run.xv = TU_XLIFF_2_1;
        }
        run.src = src;
        if (src == NULL) {
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    if (st == TU_OK) {
        st = run_open_tm(&run, o.tm_path, err);
    }
    if (st == TU_OK) {
        st = import_docs(&run, err);
    }
    if (st == TU_OK) {
        run_sweep_temporaries(opts->outdir, 0);
        st = batch_state_begin(&run.state, err);
    }
    if (st == TU_OK) {
        st = run_setup(&run, err);
    }
    if (st == TU_OK) {
        st = run_pool(&run, import_doc, out, err);
    }
    if (st == TU_OK && (*out)->tm_path == NULL && o.tm_path != NULL) {
        batch_set_str(&(*out)->tm_path, o.tm_path);
    }
    run_release(&run);
    tu_free(tm_path);
    tu_free(src);
    return st;
}
