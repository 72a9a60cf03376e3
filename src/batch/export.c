/*
 * The export (tumac batch): every document x locale into XLIFF for the
 * translators, leveraged from the TM and the references, and the finished
 * document where every segment is approved. A base locale's leverage run
 * takes the documents in input order (its turns, turns.c), so repetitions
 * across documents do not depend on -j; the TM's answers are kept run-wide,
 * and with several workers looked up before the turn, in parallel
 * (prefetch.c). A derived-script locale is made from its
 * base's model. An item is recorded in the run state only after all its
 * files are in place; an item not recorded is redone by the next run, so
 * interrupting is safe.
 */
#include <stdio.h>
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/filter.h>
#include <tumac/check.h>
#include <tumac/fileio.h>
#include <tumac/locale.h>
#include <tumac/tm.h>
#include <tumac/version.h>
#include "run-int.h"

/* Options that shape an exported item, with the TM's stamp. */
static uint64_t opts_hash(const struct run *run, const struct plan_loc *l)
{
    uint64_t h = BATCH_HASH_INIT;
    char num[64];

    h = batch_hash_str(h, "tumac " TUMAC_VERSION);
    h = batch_hash_str(h, run->src);
    h = batch_hash_str(h, l->tag);
    h = batch_hash_str(h, l->base >= 0 ? run->locs[l->base].tag : "");
    h = batch_hash(h, l->base >= 0 ? &run->locs[l->base].ref_stamp : &l->ref_stamp,
                   sizeof(l->ref_stamp));
    snprintf(num, sizeof(num), "%d %d %d %d", (int)run->xv, run->min_score,
             run->fill_score, (int)run->draft);
    h = batch_hash_str(h, num);
    h = batch_hash_str(h, tu_lev_tm_name(run->tm));
    if (run->gloss_hash != 0) { /* 0 without glossaries: as earlier records */
        h = batch_hash(h, &run->gloss_hash, sizeof(run->gloss_hash));
    }
    return batch_hash(h, &run->tm_stamp, sizeof(run->tm_stamp));
}

/* One --ref pair into a locale's ref_stamp: a corrected published
 * translation must redo the documents that leveraged the old one. */
static enum tu_status hash_ref_pair(void *ctx, const char *src_path,
                                    const char *trg_path, struct tu_error *err)
{
    uint64_t *h = ctx;
    const char *paths[2] = {src_path, trg_path};

    for (int i = 0; i < 2; i++) {
        uint64_t one = 0;
        if (batch_hash_file(paths[i], &one, err) != TU_OK) {
            return err->code;
        }
        *h = batch_hash(batch_hash_str(*h, paths[i]), &one, sizeof(one));
    }
    return TU_OK;
}

static enum tu_status stamp_refs(struct run *run, struct tu_error *err)
{
    for (size_t l = 0; l < run->nloc; l++) {
        struct plan_loc *pl = &run->locs[l];
        pl->ref_stamp = BATCH_HASH_INIT;
        for (size_t i = 0; pl->base < 0 && i < run->opts->ref_count; i++) {
            enum tu_status st =
                batch_ref_pairs(run->opts->ref_dirs[i], run->src, pl->tag,
                                hash_ref_pair, &pl->ref_stamp, err);
            if (st != TU_OK) {
                return st;
            }
        }
    }
    return TU_OK;
}

/* How many units the TM holds with target language `tag` (script-exact). */
/* The TM's content stamp (0 for none): usage counts leave it alone. */
static enum tu_status tm_stamp(const struct tu_lev_tm *tm, uint64_t *out, struct tu_error *err)
{
    struct tu_tm *db = tu_lev_tm_db(tm);

    *out = 0;
    return db != NULL ? tu_tm_content_stamp(db, out, err) : TU_OK;
}

static size_t tm_count_lang(const struct tu_lev_tm *tm, const char *tag)
{
    struct tu_tm *db = tu_lev_tm_db(tm);
    struct tu_error err = {0};
    size_t n = 0;

    /* Only a preference (which script to translate): a failure counts 0. */
    if (db != NULL && tu_tm_count_target(db, tag, &n, &err) != TU_OK) {
        n = 0;
    }
    return n;
}

/*
 * Of two scripts of one language, translate the one the TM holds more of
 * (plan_locales paired them with Latin as the base).
 */
static void choose_bases(struct run *run)
{
    for (size_t i = 0; i < run->nloc; i++) {
        int b = run->locs[i].base;
        if (b >= 0 && tm_count_lang(run->tm, run->locs[i].tag) >
                          tm_count_lang(run->tm, run->locs[b].tag)) {
            run->locs[b].base = (int)i;
            run->locs[i].base = -1;
        }
    }
}

/* Save the run's configuration in the state, for --import. */
static enum tu_status save_config(struct run *run, struct tu_error *err)
{
    struct tu_buf targets, derived;
    char num[32];
    enum tu_status st;

    tu_buf_init(&targets, TU_BUF_NO_LIMIT);
    tu_buf_init(&derived, TU_BUF_NO_LIMIT);
    for (size_t i = 0; i < run->nloc; i++) {
        tu_buf_printf(&targets, "%s%s", i ? "," : "", run->locs[i].tag);
        if (run->locs[i].base >= 0) {
            tu_buf_printf(&derived, "%s%s=%s", derived.len ? "," : "",
                          run->locs[i].tag, run->locs[run->locs[i].base].tag);
        }
    }
    st = targets.status != TU_OK || derived.status != TU_OK
             ? tu_error_set(err, TU_ENOMEM, "out of memory")
             : TU_OK;
    if (st == TU_OK) {
        st = batch_state_set(&run->state, "src", run->src, err);
    }
    if (st == TU_OK) {
        st = batch_state_set(&run->state, "targets", targets.data, err);
    }
    if (st == TU_OK) {
        st = batch_state_set(&run->state, "derived", derived.data, err);
    }
    if (st == TU_OK) {
        st = batch_state_set(&run->state, "xliff",
                             tu_xliff_version_name(run->xv), err);
    }
    if (st == TU_OK) {
        const char *tm = tu_lev_tm_name(run->tm);
        st = batch_state_set(&run->state, "tm", tm ? tm : "none", err);
    }
    if (st == TU_OK) {
        snprintf(num, sizeof(num), "%d", (int)run->draft);
        st = batch_state_set(&run->state, "draft", num, err);
    }
    tu_buf_release(&targets);
    tu_buf_release(&derived);
    return st;
}

static enum tu_status add_ref_pair(void *ctx, const char *src_path, const char *trg_path,
                                   struct tu_error *err)
{
    return tu_lev_sources_add_ref(ctx, src_path, trg_path, err);
}

/* Per base locale its leverage run on its sources: the --ref folders' pairs
 * in front of the TM, the run's answers in front of the TM. */
static enum tu_status open_levs(struct run *run, struct tu_error *err)
{
    struct tu_leverage_opts o = {.min_score = run->min_score, .fill_score = run->fill_score};

    run->levs = tu_calloc(run->nloc + 1, sizeof(*run->levs));
    run->turns = batch_turns_new(run->nloc, run->docs.count);
    run->answers = batch_answers_new();
    if (run->levs == NULL || run->turns == NULL || run->answers == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    for (size_t l = 0; l < run->nloc; l++) {
        struct loc_lev *ll = &run->levs[l];
        struct tu_lev_sources_opts so = {
            .src_lang = run->src, .trg_lang = run->locs[l].tag, .tm = run->tm,
            .tm_front = batch_front_lookup, .tm_front_ctx = &ll->front,
        };
        if (run->locs[l].base >= 0) {
            continue;
        }
        ll->front.answers = run->answers;
        ll->front.next = tu_lev_tm_lookup_fn(run->tm);
        ll->front.next_ctx = run->tm;
        ll->front.next_lock = &run->tm_lock;
        if (tu_lev_sources_open(&so, &ll->sources, err) != TU_OK) {
            return err->code;
        }
        for (size_t i = 0; i < run->opts->ref_count; i++) {
            if (batch_ref_pairs(run->opts->ref_dirs[i], run->src, run->locs[l].tag,
                                add_ref_pair, ll->sources, err) != TU_OK) {
                return err->code;
            }
        }
        if (tu_lev_sources_leverage(ll->sources, &o, &ll->lev, err) != TU_OK) {
            return err->code;
        }
    }
    return TU_OK;
}

/*
 * Leverage `doc` in base locale l in document d's turn; with `ahead`, the
 * TM's answers to its queries are first looked up outside the turn, in
 * parallel with the other workers, into the run's answers, which serve the
 * run in the turn. *used and *nused: the TM units it took targets from. *stopped: the
 * run was stopped before the turn and `doc` is not leveraged. The export of
 * a document and the replay of an up-to-date one are this one step.
 */
static enum tu_status leverage_in_turn(struct run *run, struct batch_worker *w, size_t d,
                                       size_t l, struct tu_doc *doc, bool ahead,
                                       struct tu_band_counts *counts, int64_t **used,
                                       size_t *nused, bool *stopped, struct tu_error *err)
{
    struct loc_lev *ll = &run->levs[l];
    struct tu_lev_tm *own;
    enum tu_status st;

    *used = NULL;
    *nused = 0;
    /* Only a document that would wait for its turn looks up ahead: the
     * probe repeats the turn's work but the lookups, which then find
     * their answers stored. */
    if (ahead && !run_stopped(run) && !batch_turn_ready(run->turns, l, d)) {
        batch_prefetch(batch_worker_probes(w), run->answers, tu_lev_tm_name(run->tm),
                       run->locs[l].tag, run->min_score, run->fill_score, doc);
    }
    batch_turn_take(run->turns, l, d);
    *stopped = run_stopped(run);
    if (*stopped) {
        batch_turn_give(run->turns, l, d);
        return TU_OK;
    }
    /* What the turn still asks goes to the worker's own TM connection,
     * else to the shared one, locked only while asked. */
    own = ahead ? batch_probes_tm(batch_worker_probes(w), tu_lev_tm_name(run->tm)) : NULL;
    if (own != NULL) {
        ll->front.next_ctx = own;
        ll->front.next_lock = NULL;
    }
    st = tu_leverage_doc(ll->lev, doc, counts, err);
    ll->front.next_ctx = run->tm;
    ll->front.next_lock = &run->tm_lock;
    *nused = tu_leverage_take_used(ll->lev, used);
    batch_turn_give(run->turns, l, d);
    return st;
}

static enum tu_status extract(const struct run *run, size_t d, size_t l, struct tu_doc **out,
                              struct tu_error *err)
{
    struct tu_extract_opts o = {.src_lang = run->src, .trg_lang = run->locs[l].tag,
                                .format = "auto", .encoding = "auto"};
    return tu_extract_file(run->docs.items[d].path, &o, out, err);
}

/*
 * One base locale of one document. On success with `keep`, *out is the
 * leveraged model for the derived locale to transliterate.
 */
static void export_base(struct run *run, struct batch_worker *w, size_t d, size_t l,
                        uint64_t in_hash, bool keep, struct tu_doc **out)
{
    const struct batch_input *in = &run->docs.items[d];
    struct tu_batch_item *it = run_item(run, d, l);
    double t = run_since(&run->t0);
    struct tu_doc *doc = NULL;
    struct tu_error e = {0};
    struct batch_record rec;
    uint64_t xh = 0;
    int64_t *used = NULL;
    size_t nused = 0;
    bool stopped = false;
    enum tu_status st;

    *out = NULL;
    memset(&it->counts, 0, sizeof(it->counts));
    st = extract(run, d, l, &doc, &e);
    if (st == TU_OK) {
        /* with one worker there is nothing to overlap the lookups with */
        st = leverage_in_turn(run, w, d, l, doc, run->nworkers > 1, &it->counts.bands, &used,
                              &nused, &stopped, &e);
    }
    if (stopped) {
        tu_doc_free(doc);
        return; /* stays pending */
    }
    if (st == TU_OK) {
        st = run_count_doc(run, w, doc, &it->counts, &e);
    }
    if (st == TU_OK && run->opts->glossary_count > 0) {
        st = tu_check_annotate_doc(run->checker, doc, run->xv == TU_XLIFF_1_2, &e);
    }
    if (st == TU_OK) {
        st = run_write_outputs(run, it, doc, false, false, &xh, &e);
    }
    if (st == TU_OK && nused > 0) {
        /* bookkeeping: a TM held by another writer leaves the usage
         * counts, not the document */
        struct tu_error uerr = {0};
        pthread_mutex_lock(&run->tm_lock);
        (void)tu_lev_sources_count_use(run->levs[l].sources, used, nused, &uerr);
        pthread_mutex_unlock(&run->tm_lock);
    }
    tu_free(used);
    if (st != TU_OK) {
        run_fail_item(it, &e);
        tu_doc_free(doc);
        run_item_done(run, d, it, NULL, in->size, t);
        return;
    }
    run_fill_record(&rec, BATCH_REC_EXPORT, it, in_hash, opts_hash(run, &run->locs[l]), xh);
    run_item_done(run, d, it, &rec, in->size, t);
    if (keep) {
        *out = doc;
    } else {
        tu_doc_free(doc);
    }
}

/*
 * An up-to-date document still goes through its locale's leverage run (the
 * result is dropped), so the documents after it see its segments as
 * cross-file repetitions exactly as in a run that redid everything.
 */
static void replay(struct run *run, struct batch_worker *w, size_t d, size_t l)
{
    struct tu_doc *doc = NULL;
    struct tu_band_counts c;
    struct tu_error e = {0};
    int64_t *used = NULL;
    size_t nused = 0;
    bool stopped = false;

    if (d + 1 >= run->redo_end[l]) {
        return; /* no document after it is redone: nobody sees its segments */
    }
    if (extract(run, d, l, &doc, &e) != TU_OK) {
        return; /* it extracted before; its turn passes when its task ends */
    }
    memset(&c, 0, sizeof(c));
    /* Its lookups in the turn, one pass: looking them up ahead as well
     * cost the rerun more time than it saved (measured). */
    (void)leverage_in_turn(run, w, d, l, doc, false, &c, &used, &nused, &stopped, &e);
    tu_free(used); /* dropped: not a use */
    tu_doc_free(doc);
}

/* Every item of document `d` failed the same way (unreadable input). */
static void fail_doc(struct run *run, size_t d, const struct tu_error *e)
{
    double t = run_since(&run->t0);

    for (size_t l = 0; l < run->nloc; l++) {
        struct tu_batch_item *it = run_item(run, d, l);
        run_fail_item(it, e);
        run_item_done(run, d, it, NULL, run->docs.items[d].size, t);
    }
}

/*
 * Before the workers start: which documents will be redone, per base
 * locale, so an up-to-date document is fed to leverage only when a later
 * one needs its segments (a run with nothing to redo leverages nothing).
 */
static enum tu_status plan_redo(struct run *run, struct tu_error *err)
{
    run->redo_end = tu_calloc(run->nloc + 1, sizeof(*run->redo_end));
    if (run->redo_end == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    pthread_mutex_lock(&run->lock);
    for (size_t l = 0; l < run->nloc; l++) {
        size_t dl = run_derived_of(run, l);
        if (run->locs[l].base >= 0) {
            continue;
        }
        for (size_t d = run->docs.count; d-- > 0;) {
            const struct batch_record *rec = run_current_record(
                run, run_item(run, d, l), BATCH_REC_EXPORT, run->chain[d],
                opts_hash(run, &run->locs[l]));
            if (rec != NULL && dl < run->nloc) {
                rec = run_current_record(run, run_item(run, d, dl),
                                     BATCH_REC_EXPORT, run->chain[d],
                                     opts_hash(run, &run->locs[dl]));
            }
            if (rec == NULL || run->hash_err[d].code != TU_OK) {
                run->redo_end[l] = d + 1;
                break;
            }
        }
    }
    pthread_mutex_unlock(&run->lock);
    return TU_OK;
}

/* Hash every input, and chain: chain[d] covers documents 0..d. */
static enum tu_status hash_inputs(struct run *run, struct tu_error *err)
{
    uint64_t h = BATCH_HASH_INIT;

    run->chain = tu_calloc(run->docs.count + 1, sizeof(*run->chain));
    run->hash_err = tu_calloc(run->docs.count + 1, sizeof(*run->hash_err));
    if (run->chain == NULL || run->hash_err == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    for (size_t d = 0; d < run->docs.count; d++) {
        uint64_t one = 0;
        if (batch_hash_file(run->docs.items[d].path, &one, &run->hash_err[d]) ==
            TU_OK) {
            h = batch_hash(h, &one, sizeof(one));
        }
        run->chain[d] = h;
    }
    return TU_OK;
}

static void export_doc(void *ctx, size_t d, unsigned wid)
{
    struct run *run = ctx;
    struct batch_worker *w = run->workers[wid];
    /*
     * The key of a document's outputs covers the documents before it in the
     * run, whose segments count as its cross-file repetitions.
     */
    uint64_t in_hash = run->chain[d];

    if (run->hash_err[d].code != TU_OK) {
        fail_doc(run, d, &run->hash_err[d]);
        return;
    }
    for (size_t l = 0; l < run->nloc; l++) {
        bool current;
        bool all_current;
        size_t dl = run_derived_of(run, l); /* nloc: none */
        struct tu_doc *doc = NULL;

        if (run->locs[l].base >= 0) {
            continue; /* done with its base */
        }
        if (run_stopped(run)) {
            break;
        }
        current = run_take_current(run, run_item(run, d, l), BATCH_REC_EXPORT, in_hash,
                                   opts_hash(run, &run->locs[l]));
        all_current = current && (dl == run->nloc ||
                                  run_take_current(run, run_item(run, d, dl), BATCH_REC_EXPORT,
                                                   in_hash, opts_hash(run, &run->locs[dl])));
        if (all_current) {
            replay(run, w, d, l);
            run_item_done(run, d, run_item(run, d, l), NULL, run->docs.items[d].size,
                          run_since(&run->t0));
            if (dl < run->nloc) {
                run_item_done(run, d, run_item(run, d, dl), NULL, run->docs.items[d].size,
                              run_since(&run->t0));
            }
            continue;
        }
        /* Redo the base too: the derived locale needs its model. */
        run_item(run, d, l)->is_up_to_date = false;
        export_base(run, w, d, l, in_hash, dl < run->nloc, &doc);
        if (dl < run->nloc && run_item(run, d, l)->state != TU_BATCH_PENDING) {
            run_make_derived(run, w, d, dl, doc, BATCH_REC_EXPORT, in_hash,
                             opts_hash(run, &run->locs[dl]));
        } else {
            tu_doc_free(doc);
        }
    }
}

enum tu_status tu_batch_run(const struct tu_batch_opts *opts,
                            const char *const *inputs, size_t input_count,
                            struct tu_batch_report **out, struct tu_error *err)
{
    struct run run;
    enum tu_status st;
    struct tu_locale src;

    *out = NULL;
    if (input_count == 0) {
        return tu_error_set(err, TU_EINVAL, "no input documents");
    }
    st = run_check_common(opts, err);
    if (st != TU_OK) {
        return st;
    }
    if (tu_locale_parse(opts->src_lang ? opts->src_lang : "en", &src, err) !=
        TU_OK) {
        return err->code;
    }
    run_init(&run, opts);
    run.src = src.tag;
    run.draft = opts->draft;
    run.finish = DONE_APPROVED; /* tumac's own fills are not a translator's */
    run.xv = opts->xliff_version ? opts->xliff_version : TU_XLIFF_2_1;
    run.min_score = opts->min_score ? opts->min_score : 75;
    run.fill_score = opts->fill_score ? opts->fill_score : 95;
    st = run_open_checker(&run, err);
    if (st == TU_OK) {
        st = run_plan_locales(&run, opts->targets, opts->target_count, err);
    }
    if (st == TU_OK) {
        st = batch_inputs_collect(inputs, input_count, run.src, &run.docs, err);
    }
    if (st == TU_OK) {
        st = run_open_tm(&run, opts->tm_path, err);
    }
    if (st == TU_OK) {
        /* The TM's content, not its file: counting uses changes the file,
         * and a re-run must find its outputs current (issue 16). */
        st = tm_stamp(run.tm, &run.tm_stamp, err);
    }
    if (st == TU_OK) {
        choose_bases(&run);
        st = stamp_refs(&run, err);
    }
    if (st == TU_OK) {
        st = tu_mkdirs(opts->outdir, err);
    }
    if (st == TU_OK) {
        st = batch_state_load(&run.state, opts->outdir, err);
    }
    if (st == TU_OK) {
        run_sweep_temporaries(opts->outdir, 0);
        st = save_config(&run, err);
    }
    if (st == TU_OK) {
        st = batch_state_begin(&run.state, err);
    }
    if (st == TU_OK) {
        st = run_setup(&run, err);
    }
    if (st == TU_OK) {
        st = open_levs(&run, err);
    }
    if (st == TU_OK) {
        st = hash_inputs(&run, err);
    }
    if (st == TU_OK) {
        st = plan_redo(&run, err);
    }
    if (st == TU_OK) {
        st = run_pool(&run, export_doc, out, err);
    }
    run_release(&run);
    return st;
}
