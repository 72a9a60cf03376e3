/*
 * The batch run: documents x locales through extract, leverage, XLIFF,
 * merge; and the import of translated XLIFF back into the TM and finished
 * documents. Workers take whole documents (all locales of one document run on
 * one thread, so a derived script follows its base without waiting). An item
 * is recorded in the run state only after all its files are in place; an
 * item not recorded is redone by the next run, so interrupting is safe.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include <tumac/alloc.h>
#include <tumac/batch.h>
#include <tumac/check.h>
#include <tumac/fileio.h>
#include <tumac/locale.h>
#include <tumac/text.h>
#include <tumac/version.h>
#include "batch-int.h"
#include "prefetch.h"
#include "steps.h"

struct plan_loc {
    char tag[64];
    int base; /* index of the locale this one is transliterated from, or -1 */
    uint64_t ref_stamp; /* the --ref pairs it leverages from: names, bytes */
};

struct run {
    const struct tu_batch_opts *opts;
    bool is_import;
    bool draft;
    /* What finishes a segment: approved (the default), or for an import
     * with --finish translated also translated. */
    enum step_done finish;
    const char *src;
    struct plan_loc *locs;
    size_t nloc;
    struct batch_inputs docs;
    struct tu_batch_report *report;
    struct batch_state state;
    struct step_tm *tm;
    uint64_t tm_stamp;
    bool tm_created; /* the TM did not exist: this run made it */
    enum tu_xliff_version xv;
    int min_score;
    int fill_score;
    pthread_mutex_t lock;    /* report, state in memory, progress */
    pthread_mutex_t journal_lock; /* the state's journal file: held over fsync */
    pthread_mutex_t turn_lock;    /* turn[] and turn_cond */
    pthread_mutex_t tm_lock; /* one TM user at a time */
    struct step_worker **workers;
    unsigned nworkers;
    struct timespec t0;
    struct tu_batch_progress prog;
    size_t *doc_left; /* items not yet done, per document */
    /*
     * Leverage runs per base locale, fed in input order so repetitions
     * across documents (and so the XLIFF and the counts) do not depend on
     * -j: turn[l] is the document whose turn it is in locale l.
     */
    struct step_lev **levs;
    size_t *turn;
    pthread_cond_t turn_cond;
    uint64_t *chain;           /* per document: hash of it and all before */
    size_t *redo_end; /* per locale: 1 + the last document to redo, 0: none */
    struct tu_error *hash_err; /* per document: reading it failed */
    struct tu_error fatal;     /* a state write that failed (reported at end) */
    struct tu_checker *checker; /* levels and the glossaries, read once */
    uint64_t gloss_hash;        /* the glossaries' content and the forced reason */
};

static double since(const struct timespec *t0)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) +
           (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static bool stopped(const struct run *run)
{
    return run->opts->stop != NULL && *run->opts->stop != 0;
}

static bool file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* "OUTDIR/<rel>" as a new string. */
static char *out_path(const struct run *run, const char *rel)
{
    size_t len = strlen(run->opts->outdir) + strlen(rel) + 2;
    char *p = tu_malloc(len);

    if (p != NULL) {
        snprintf(p, len, "%s/%s", run->opts->outdir, rel);
    }
    return p;
}

/* "<locale>/<name>.<ext>" as a new string. */
static char *rel_path(const char *locale, const char *name, const char *ext)
{
    size_t len = strlen(locale) + strlen(name) + strlen(ext) + 3;
    char *p = tu_malloc(len);

    if (p != NULL) {
        snprintf(p, len, "%s/%s.%s", locale, name, ext);
    }
    return p;
}

/* The error as one line for the report: "file:line:col: message". */
static char *reason_of(const struct tu_error *e)
{
    struct tu_buf b;

    tu_buf_init(&b, 4096);
    if (e->path[0]) {
        tu_buf_adds(&b, e->path);
        if (e->line > 0) {
            tu_buf_printf(&b, ":%lu", e->line);
            if (e->column > 0) {
                tu_buf_printf(&b, ":%lu", e->column);
            }
        }
        tu_buf_adds(&b, ": ");
    }
    tu_buf_adds(&b, e->msg[0] ? e->msg : tu_status_str(e->code));
    return tu_buf_detach(&b, NULL);
}

static struct tu_batch_item *item_at(struct run *run, size_t doc, size_t loc)
{
    return &run->report->items[doc * run->nloc + loc];
}

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
    h = batch_hash_str(h, step_tm_path(run->tm));
    if (run->gloss_hash != 0) { /* 0 without glossaries: as earlier records */
        h = batch_hash(h, &run->gloss_hash, sizeof(run->gloss_hash));
    }
    return batch_hash(h, &run->tm_stamp, sizeof(run->tm_stamp));
}

/* The options of an import: what finishes a document. 0 for the default,
 * as records of earlier versions have. */
static uint64_t import_hash(const struct run *run)
{
    uint64_t h = run->finish == STEP_TRANSLATED
                     ? batch_hash_str(BATCH_HASH_INIT, "finish translated")
                     : 0;
    return run->gloss_hash != 0 ? batch_hash(h ? h : BATCH_HASH_INIT, &run->gloss_hash,
                                             sizeof(run->gloss_hash))
                                : h;
}

/* The checker of the run, with its glossaries (a malformed one stops the
 * run), and the hash of what they and --force-checks make of a document. */
static enum tu_status open_checker(struct run *run, struct tu_error *err)
{
    const struct tu_batch_opts *o = run->opts;
    enum tu_status st = tu_checker_new(&run->checker, err);
    uint64_t h = BATCH_HASH_INIT;

    for (size_t i = 0; i < o->glossary_count && st == TU_OK; i++) {
        uint64_t one = 0;
        st = tu_checker_add_glossary(run->checker, o->glossaries[i], err);
        if (st == TU_OK) {
            st = batch_hash_file(o->glossaries[i], &one, err);
        }
        h = batch_hash(batch_hash_str(h, o->glossaries[i]), &one, sizeof(one));
    }
    if (o->force_checks != NULL) {
        h = batch_hash_str(batch_hash_str(h, "force-checks"), o->force_checks);
    }
    run->gloss_hash = o->glossary_count || o->force_checks ? h : 0;
    return st;
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

/* ---- counting ---- */

struct count_ctx {
    struct step_worker *w;
    enum step_done finish;
    const char *src;
    struct tu_batch_counts *c;
    struct tu_buf plain;
    struct tu_error *err;
};

static enum tu_status count_unit(struct tu_unit *u, void *ctx)
{
    struct count_ctx *cc = ctx;

    if (u->translate == 0) {
        return TU_OK;
    }
    for (size_t i = 0; i < u->seg_count; i++) {
        const struct tu_segment *s = &u->segs[i];
        size_t words = 0;
        enum step_done done;
        enum tu_status st;
        if (s->is_ignorable || s->translate == 0) {
            continue;
        }
        tu_buf_truncate(&cc->plain, 0);
        if (tu_content_plain(&s->source, &cc->plain) != TU_OK) {
            return tu_error_set(cc->err, TU_ENOMEM, "out of memory");
        }
        st = step_count_words(cc->w, cc->src, cc->plain.data, cc->plain.len,
                              &words, cc->err);
        if (st != TU_OK) {
            return st;
        }
        cc->c->segments++;
        cc->c->words += words;
        done = step_target_state(u, s);
        if (done == STEP_APPROVED) {
            cc->c->segments_approved++;
        } else if (done == STEP_TRANSLATED) {
            cc->c->segments_translated++;
        }
        if (done < cc->finish) {
            cc->c->words_todo += words; /* the one "to translate" */
        }
    }
    return TU_OK;
}

/*
 * Fill segments, words, approved and to-do counts from the model. Band
 * counts come from leverage; when there are none (no TM), all is new.
 */
static enum tu_status count_doc(struct run *run, struct step_worker *w,
                                struct tu_doc *doc, struct tu_batch_counts *c,
                                struct tu_error *err)
{
    struct count_ctx cc = {w, run->finish, run->src, c, {0}, err};
    enum tu_status st = TU_OK;
    size_t banded = 0;

    c->segments = c->words = c->segments_approved = c->words_todo = 0;
    c->segments_translated = c->words_derived = 0;
    tu_buf_init(&cc.plain, TU_BUF_NO_LIMIT);
    for (size_t f = 0; st == TU_OK && f < doc->file_count; f++) {
        st = tu_file_each_unit(doc->files[f], count_unit, &cc);
    }
    tu_buf_release(&cc.plain);
    for (int b = 0; b < TU_BAND_COUNT; b++) {
        banded += c->bands.segments[b];
    }
    if (st == TU_OK && banded == 0) {
        c->bands.words[TU_BAND_NEW] = c->words;
        c->bands.segments[TU_BAND_NEW] = c->segments;
    }
    return st;
}

/* ---- completing items ---- */

static void fail_item(struct tu_batch_item *it, const struct tu_error *e)
{
    tu_free(it->reason);
    it->reason = reason_of(e);
    it->state = TU_BATCH_FAILED;
    memset(&it->counts, 0, sizeof(it->counts));
    tu_free(it->xliff_path);
    tu_free(it->doc_path);
    it->xliff_path = it->doc_path = NULL;
}

/*
 * The item is done (any state but pending): record it (when `rec` is given,
 * i.e. it succeeded in this run), count progress, tell the caller.
 */
static void item_done(struct run *run, size_t doc, struct tu_batch_item *it,
                      const struct batch_record *rec, uint64_t bytes,
                      double t_start)
{
    struct tu_error e = {0};

    it->seconds = since(&run->t0) - t_start;
    if (rec != NULL) {
        /* durable first, outside the lock the others wait on: a record in
         * memory is what a later step of this run trusts */
        pthread_mutex_lock(&run->journal_lock);
        enum tu_status st = batch_state_journal(&run->state, rec, &e);
        pthread_mutex_unlock(&run->journal_lock);
        pthread_mutex_lock(&run->lock);
        if ((st != TU_OK || batch_state_remember(&run->state, rec, &e) != TU_OK) &&
            run->fatal.code == TU_OK) {
            run->fatal = e;
        }
    } else {
        pthread_mutex_lock(&run->lock);
    }
    run->prog.items_done++;
    run->prog.bytes_done += bytes;
    if (it->state != TU_BATCH_FAILED && !it->is_up_to_date) {
        run->prog.segments_done += it->counts.segments;
    }
    if (--run->doc_left[doc] == 0) {
        run->prog.docs_done++;
    }
    run->prog.elapsed = since(&run->t0);
    run->prog.item = it;
    if (run->opts->progress != NULL) {
        run->opts->progress(&run->prog, run->opts->progress_ctx);
    }
    run->prog.item = NULL;
    pthread_mutex_unlock(&run->lock);
}

static void fill_record(struct batch_record *r, enum batch_record_kind kind,
                        const struct tu_batch_item *it, uint64_t in_hash,
                        uint64_t ohash, uint64_t xlf_hash)
{
    memset(r, 0, sizeof(*r));
    r->kind = kind;
    r->locale = it->locale;
    r->name = it->name;
    r->input = it->input;
    r->derived_from = it->derived_from;
    r->input_hash = in_hash;
    r->opts_hash = ohash;
    r->xlf_hash = xlf_hash;
    r->xliff_path = it->xliff_path;
    r->doc_path = it->doc_path;
    r->state = it->state;
    r->counts = it->counts;
}

/*
 * The earlier run's record of the item if its outputs are current: same
 * input (and options), and its files as it left them. Caller holds the lock.
 */
static const struct batch_record *
current_record(struct run *run, const struct tu_batch_item *it,
               enum batch_record_kind kind, uint64_t in_hash, uint64_t ohash)
{
    const struct batch_record *rec;
    bool ok = true;

    if (run->opts->force) {
        return NULL;
    }
    rec = batch_state_find(&run->state, kind, it->locale, it->name);
    if (rec == NULL || rec->input_hash != in_hash || rec->opts_hash != ohash ||
        rec->state == TU_BATCH_FAILED || rec->state == TU_BATCH_PENDING) {
        return NULL;
    }
    if (rec->xliff_path != NULL) {
        char *p = out_path(run, rec->xliff_path);
        uint64_t h = 0;
        struct tu_error e = {0};
        ok = p != NULL && batch_hash_file(p, &h, &e) == TU_OK &&
             h == rec->xlf_hash;
        tu_free(p);
    }
    if (ok && rec->doc_path != NULL) {
        char *p = out_path(run, rec->doc_path);
        ok = p != NULL && file_exists(p);
        tu_free(p);
    }
    return ok ? rec : NULL;
}

/* Take an earlier run's result for the item if its outputs are current. */
static bool take_current(struct run *run, struct tu_batch_item *it,
                         enum batch_record_kind kind, uint64_t in_hash,
                         uint64_t ohash)
{
    const struct batch_record *rec;
    bool ok = false;

    pthread_mutex_lock(&run->lock);
    rec = current_record(run, it, kind, in_hash, ohash);
    if (rec != NULL) {
        ok = batch_set_str(&it->xliff_path, rec->xliff_path) &&
             batch_set_str(&it->doc_path, rec->doc_path);
        it->state = rec->state;
        it->counts = rec->counts;
        it->is_up_to_date = ok;
    }
    pthread_mutex_unlock(&run->lock);
    return ok;
}

/*
 * Refuse to overwrite an XLIFF file a translator may have worked on: one
 * that differs from what tumac wrote and was not imported since.
 */
static enum tu_status check_not_edited(struct run *run,
                                       const struct tu_batch_item *it,
                                       const char *path, uint64_t new_hash,
                                       struct tu_error *err)
{
    const struct batch_record *exp;
    const struct batch_record *imp;
    uint64_t h;
    struct tu_error e = {0};
    bool edited;

    if (run->opts->force || !file_exists(path)) {
        return TU_OK;
    }
    if (batch_hash_file(path, &h, &e) != TU_OK) {
        return TU_OK; /* unreadable: the write will say */
    }
    pthread_mutex_lock(&run->lock);
    exp = batch_state_find(&run->state, BATCH_REC_EXPORT, it->locale, it->name);
    imp = batch_state_find(&run->state, BATCH_REC_IMPORT, it->locale, it->name);
    /* A file holding exactly what would be written loses nothing: that is
     * also a run killed between the rename and its journal line. */
    edited = h != new_hash && !(exp != NULL && exp->xlf_hash == h) &&
             !(imp != NULL && (imp->input_hash == h || imp->xlf_hash == h));
    pthread_mutex_unlock(&run->lock);
    if (edited) {
        return tu_error_at(err, TU_EINVAL, path, 0, 0,
                           "changed since tumac wrote it (a translator's "
                           "work?): take it back with 'tumac batch --import' "
                           "or redo it with --force");
    }
    return TU_OK;
}

/* Every segment is done at the run's finish level. */
static bool is_finished(const struct run *run, const struct tu_batch_counts *c)
{
    size_t done = c->segments_approved;

    if (run->finish == STEP_TRANSLATED) {
        done += c->segments_translated;
    }
    return done == c->segments;
}

/* "<locale>/<name>.<ext>", or for a draft "<locale>/<name>.draft.<ext>":
 * a draft (English in the gaps) must not look like the finished file. */
static char *doc_rel_path(const struct tu_batch_item *it,
                          const struct tu_doc *doc, bool draft)
{
    const char *ext = step_extension(doc);
    size_t len = strlen(ext) + 7;
    char *dext = tu_malloc(len);
    char *p = NULL;

    if (dext != NULL) {
        snprintf(dext, len, "%s%s", draft ? "draft." : "", ext);
        p = rel_path(it->locale, it->name, dext);
        tu_free(dext);
    }
    return p;
}

static enum tu_status remove_stale(const char *path, struct tu_error *err)
{
    if (unlink(path) != 0 && errno != ENOENT) {
        return tu_error_at(err, TU_EIO, path, 0, 0, "cannot remove: %s",
                           strerror(errno));
    }
    return TU_OK;
}

/* tumac check on a complete document: true when no finding is an error;
 * otherwise the errors go to it->checks and the document is not finished. */
static bool checks_pass(const struct run *run, struct tu_batch_item *it, const struct tu_doc *doc)
{
    struct tu_findings f = {0};
    struct tu_error e = {0};
    struct tu_buf b;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    if (run->checker == NULL || tu_check_doc(run->checker, doc, it->name, &f, &e) != TU_OK) {
        tu_buf_printf(&b, "the checks could not run: %s\n", run->checker ? e.msg : "no checker");
    }
    for (size_t i = 0; i < f.count; i++) {
        if (f.items[i].severity == TU_CHECK_ERROR) {
            tu_buf_printf(&b, "%s:%s: %s: %s\n", f.items[i].unit, f.items[i].segment,
                          tu_check_name(f.items[i].check), f.items[i].message);
        }
    }
    tu_findings_release(&f);
    bool pass = b.len == 0 && b.status == TU_OK; /* out of memory: not passed */
    tu_free(it->checks);
    tu_free(it->forced);
    it->forced = NULL;
    it->checks = !pass && b.status == TU_OK ? tu_buf_detach(&b, NULL) : NULL;
    tu_buf_release(&b);
    if (!pass && it->checks != NULL && run->opts->force_checks != NULL) {
        /* finished as asked; the errors stay in the report with the reason */
        it->forced = tu_strdup(run->opts->force_checks);
        pass = it->forced != NULL;
    }
    return pass;
}

/*
 * Write the item's files: the XLIFF (unless `keep_xliff`: import leaves the
 * translator's file alone), and the merged document when finished or draft.
 * Sets it->state, paths and *xlf_hash.
 */
static enum tu_status write_outputs(struct run *run, struct tu_batch_item *it,
                                    const struct tu_doc *doc, bool keep_xliff,
                                    bool strict_import, uint64_t *xlf_hash,
                                    struct tu_error *err)
{
    bool finished = is_finished(run, &it->counts) &&
                    (run->opts->no_check || checks_pass(run, it, doc));
    bool draft = !finished && run->draft;
    char *xrel = rel_path(it->locale, it->name, "xlf");
    char *drel = doc_rel_path(it, doc, draft);
    /* the other name: a finished document and a draft never both stand */
    char *orel = doc_rel_path(it, doc, !draft);
    char *xpath = xrel ? out_path(run, xrel) : NULL;
    char *dpath = drel ? out_path(run, drel) : NULL;
    char *opath = orel ? out_path(run, orel) : NULL;
    struct tu_buf b;
    enum tu_status st = TU_OK;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    if (xpath == NULL || dpath == NULL || opath == NULL) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
        goto done;
    }
    if (!keep_xliff) {
        struct tu_error xe = {0};
        st = step_xliff_write(doc, run->xv, &b, &xe);
        if (st != TU_OK) {
            *err = xe;
        } else {
            *xlf_hash = batch_hash(BATCH_HASH_INIT, b.data, b.len);
            st = check_not_edited(run, it, xpath, *xlf_hash, err);
        }
        if (st == TU_OK) {
            st = tu_file_write_atomic(xpath, b.data, b.len, err);
        }
        if (st != TU_OK) {
            goto done;
        }
    }
    if (!batch_set_str(&it->xliff_path, xrel)) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
        goto done;
    }
    /* A finished document (or draft) of an earlier run is no longer true. */
    st = remove_stale(opath, err);
    if (st == TU_OK && (finished || draft)) {
        tu_buf_truncate(&b, 0);
        st = step_merge(doc, finished || strict_import, &b, err);
        if (st == TU_OK) {
            st = tu_file_write_atomic(dpath, b.data, b.len, err);
        }
        if (st == TU_OK && !batch_set_str(&it->doc_path, drel)) {
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
        }
        it->state = finished ? TU_BATCH_FINISHED : TU_BATCH_DRAFT;
    } else if (st == TU_OK) {
        st = remove_stale(dpath, err);
        tu_free(it->doc_path);
        it->doc_path = NULL;
        it->state = TU_BATCH_NEEDS_TRANSLATION;
    }
done:
    if (st != TU_OK && xpath != NULL) {
        tu_error_set_path(err, xpath);
    }
    tu_buf_release(&b);
    tu_free(xrel);
    tu_free(drel);
    tu_free(orel);
    tu_free(xpath);
    tu_free(dpath);
    tu_free(opath);
    return st;
}

/* ---- export ---- */

/* Wait until document `d` is next in locale `l`'s leverage order. */
static void turn_take(struct run *run, size_t l, size_t d)
{
    pthread_mutex_lock(&run->turn_lock);
    while (run->turn[l] < d) {
        pthread_cond_wait(&run->turn_cond, &run->turn_lock);
    }
    pthread_mutex_unlock(&run->turn_lock);
}

/* Let the next document have its turn in locale `l`. */
static void turn_give(struct run *run, size_t l, size_t d)
{
    pthread_mutex_lock(&run->turn_lock);
    if (run->turn[l] == d) {
        run->turn[l] = d + 1;
    }
    pthread_cond_broadcast(&run->turn_cond);
    pthread_mutex_unlock(&run->turn_lock);
}

/*
 * A document leaves without leveraging in some locales (failed, up to date,
 * stopped): pass its turns on, in order, so the next documents go on.
 */
static void turns_pass_all(struct run *run, size_t d)
{
    for (size_t l = 0; l < run->nloc; l++) {
        if (run->levs != NULL && run->levs[l] != NULL) {
            turn_take(run, l, d);
            turn_give(run, l, d);
        }
    }
}

/*
 * One base locale of one document. On success with `keep`, *out is the
 * leveraged model for the derived locale to transliterate.
 */
static void export_base(struct run *run, struct step_worker *w, size_t d,
                        size_t l, uint64_t in_hash, bool keep,
                        struct tu_doc **out)
{
    const struct batch_input *in = &run->docs.items[d];
    struct tu_batch_item *it = item_at(run, d, l);
    const struct plan_loc *loc = &run->locs[l];
    double t = since(&run->t0);
    struct tu_doc *doc = NULL;
    struct tu_error e = {0};
    struct batch_record rec;
    uint64_t xh = 0;
    uint64_t oh = opts_hash(run, loc);
    int64_t *used = NULL;
    size_t nused = 0;
    struct batch_cache *cache = NULL;
    enum tu_status st;

    *out = NULL;
    st = step_extract(in->path, run->src, loc->tag, &doc, &e);
    if (st == TU_OK && !stopped(run)) {
        /* the lookups in parallel, before the turn that must be in order */
        cache = step_prefetch(w, run->tm, loc->tag, run->min_score, run->fill_score, doc);
    }
    turn_take(run, l, d);
    if (st == TU_OK && stopped(run)) {
        turn_give(run, l, d);
        batch_cache_free(cache);
        tu_doc_free(doc);
        return; /* stays pending */
    }
    if (st == TU_OK) {
        memset(&it->counts, 0, sizeof(it->counts));
        pthread_mutex_lock(&run->tm_lock);
        step_lev_serve(run->levs[l], cache);
        st = step_leverage(run->levs[l], doc, &it->counts, &e);
        step_lev_serve(run->levs[l], NULL);
        pthread_mutex_unlock(&run->tm_lock);
        nused = step_lev_take_used(run->levs[l], &used);
    }
    if (st == TU_OK && run->opts->glossary_count > 0) {
        st = tu_check_annotate_doc(run->checker, doc, run->xv == TU_XLIFF_1_2, &e);
    }
    turn_give(run, l, d);
    batch_cache_free(cache);
    if (st == TU_OK) {
        st = count_doc(run, w, doc, &it->counts, &e);
    }
    if (st == TU_OK) {
        st = write_outputs(run, it, doc, false, false, &xh, &e);
    }
    if (st == TU_OK && nused > 0) {
        /* bookkeeping: a TM held by another writer leaves the usage
         * counts, not the document */
        struct tu_error uerr = {0};
        pthread_mutex_lock(&run->tm_lock);
        (void)step_tm_count_use(run->tm, used, nused, &uerr);
        pthread_mutex_unlock(&run->tm_lock);
    }
    tu_free(used);
    if (st != TU_OK) {
        fail_item(it, &e);
        tu_doc_free(doc);
        item_done(run, d, it, NULL, in->size, t);
        return;
    }
    fill_record(&rec, BATCH_REC_EXPORT, it, in_hash, oh, xh);
    item_done(run, d, it, &rec, in->size, t);
    if (keep) {
        *out = doc;
    } else {
        tu_doc_free(doc);
    }
}

/* A derived-script locale from its base's model (consumed). */
static void make_derived(struct run *run, struct step_worker *w, size_t d,
                         size_t l, struct tu_doc *doc,
                         enum batch_record_kind kind, uint64_t in_hash)
{
    const struct batch_input *in = &run->docs.items[d];
    struct tu_batch_item *it = item_at(run, d, l);
    const struct plan_loc *loc = &run->locs[l];
    const struct tu_batch_item *base = item_at(run, d, (size_t)loc->base);
    double t = since(&run->t0);
    struct tu_error e = {0};
    struct batch_record rec;
    uint64_t xh = 0;
    enum tu_status st;

    if (doc == NULL) {
        /* The base's failure is this one's too (one line in the report). */
        tu_error_set(&e, TU_EINVAL, "not made: its base %s failed",
                     base->locale);
        fail_item(it, &e);
        if (base->state == TU_BATCH_FAILED && base->reason != NULL &&
            !batch_set_str(&it->reason, base->reason)) {
            tu_free(it->reason);
            it->reason = NULL;
        }
        item_done(run, d, it, NULL, in->size, t);
        return;
    }
    /* Made, not translated: nothing to translate here (issue 16). */
    it->counts = base->counts;
    it->counts.words_todo = 0;
    it->counts.words_derived = it->counts.words;
    st = step_translit(w, doc, loc->tag, &e);
    if (st == TU_OK) {
        st = write_outputs(run, it, doc, false, kind == BATCH_REC_IMPORT, &xh,
                           &e);
    }
    tu_doc_free(doc);
    if (st != TU_OK) {
        fail_item(it, &e);
        item_done(run, d, it, NULL, in->size, t);
        return;
    }
    fill_record(&rec, kind, it, in_hash,
                kind == BATCH_REC_IMPORT ? import_hash(run) : opts_hash(run, loc),
                xh);
    item_done(run, d, it, &rec, in->size, t);
}

/* Every item of document `d` failed the same way (unreadable input). */
static void fail_doc(struct run *run, size_t d, const struct tu_error *e)
{
    double t = since(&run->t0);

    for (size_t l = 0; l < run->nloc; l++) {
        struct tu_batch_item *it = item_at(run, d, l);
        fail_item(it, e);
        item_done(run, d, it, NULL, run->docs.items[d].size, t);
    }
}

/*
 * An up-to-date document still goes through its locale's leverage run (the
 * result is dropped), so the documents after it see its segments as
 * cross-file repetitions exactly as in a run that redid everything.
 */
static void feed_leverage(struct run *run, size_t d, size_t l)
{
    struct tu_doc *doc = NULL;
    struct tu_batch_counts c;
    struct tu_error e = {0};
    int64_t *used = NULL;

    if (d + 1 >= run->redo_end[l]) {
        return; /* no document after it is redone: nobody sees its segments */
    }
    if (step_extract(run->docs.items[d].path, run->src, run->locs[l].tag, &doc,
                     &e) != TU_OK) {
        return; /* it extracted before; the turn is passed at the end */
    }
    turn_take(run, l, d);
    memset(&c, 0, sizeof(c));
    pthread_mutex_lock(&run->tm_lock);
    step_leverage(run->levs[l], doc, &c, &e);
    pthread_mutex_unlock(&run->tm_lock);
    step_lev_take_used(run->levs[l], &used); /* dropped: not a use */
    tu_free(used);
    turn_give(run, l, d);
    tu_doc_free(doc);
}

/* The locale transliterated from base locale l, or run->nloc for none. */
static size_t derived_of(const struct run *run, size_t l)
{
    for (size_t k = 0; k < run->nloc; k++) {
        if (run->locs[k].base == (int)l) {
            return k;
        }
    }
    return run->nloc;
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
        size_t dl = derived_of(run, l);
        if (run->locs[l].base >= 0) {
            continue;
        }
        for (size_t d = run->docs.count; d-- > 0;) {
            const struct batch_record *rec = current_record(
                run, item_at(run, d, l), BATCH_REC_EXPORT, run->chain[d],
                opts_hash(run, &run->locs[l]));
            if (rec != NULL && dl < run->nloc) {
                rec = current_record(run, item_at(run, d, dl),
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
    struct step_worker *w = run->workers[wid];
    /*
     * The key of a document's outputs covers the documents before it in the
     * run, whose segments count as its cross-file repetitions.
     */
    uint64_t in_hash = run->chain[d];

    if (run->hash_err[d].code != TU_OK) {
        fail_doc(run, d, &run->hash_err[d]);
        turns_pass_all(run, d);
        return;
    }
    for (size_t l = 0; l < run->nloc; l++) {
        bool current;
        bool all_current;
        size_t dl = derived_of(run, l); /* nloc: none */
        struct tu_doc *doc = NULL;

        if (run->locs[l].base >= 0) {
            continue; /* done with its base */
        }
        if (stopped(run)) {
            break;
        }
        current = take_current(run, item_at(run, d, l), BATCH_REC_EXPORT,
                               in_hash, opts_hash(run, &run->locs[l]));
        all_current =
            current && (dl == run->nloc ||
                        take_current(run, item_at(run, d, dl), BATCH_REC_EXPORT,
                                     in_hash, opts_hash(run, &run->locs[dl])));
        if (all_current) {
            feed_leverage(run, d, l);
            item_done(run, d, item_at(run, d, l), NULL, run->docs.items[d].size,
                      since(&run->t0));
            if (dl < run->nloc) {
                item_done(run, d, item_at(run, d, dl), NULL,
                          run->docs.items[d].size, since(&run->t0));
            }
            continue;
        }
        /* Redo the base too: the derived locale needs its model. */
        item_at(run, d, l)->is_up_to_date = false;
        export_base(run, w, d, l, in_hash, dl < run->nloc, &doc);
        if (dl < run->nloc && item_at(run, d, l)->state != TU_BATCH_PENDING) {
            make_derived(run, w, d, dl, doc, BATCH_REC_EXPORT, in_hash);
        } else {
            tu_doc_free(doc);
        }
    }
    turns_pass_all(run, d); /* no-op for the locales it leveraged */
}

/* ---- import ---- */

static void import_doc(void *ctx, size_t d, unsigned wid)
{
    struct run *run = ctx;
    struct step_worker *w = run->workers[wid];

    for (size_t l = 0; l < run->nloc; l++) {
        struct tu_batch_item *it = item_at(run, d, l);
        const struct batch_input *in = &run->docs.items[d];
        size_t dl = derived_of(run, l);
        double t = since(&run->t0);
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
        if (stopped(run)) {
            return;
        }
        xrel = rel_path(it->locale, it->name, "xlf");
        xpath = xrel ? out_path(run, xrel) : NULL;
        st = xpath ? batch_hash_file(xpath, &h, &e)
                   : tu_error_set(&e, TU_ENOMEM, "out of memory");
        tu_free(xrel);
        if (st == TU_OK && take_current(run, it, BATCH_REC_IMPORT, h, import_hash(run)) &&
            (dl == run->nloc ||
             take_current(run, item_at(run, d, dl), BATCH_REC_IMPORT, h,
                          import_hash(run)))) {
            item_done(run, d, it, NULL, in->size, t);
            if (dl < run->nloc) {
                item_done(run, d, item_at(run, d, dl), NULL, in->size, t);
            }
            tu_free(xpath);
            continue;
        }
        it->is_up_to_date = false;
        if (st == TU_OK) {
            st = step_validate(xpath, &e);
        }
        if (st == TU_OK) {
            st = step_xliff_read(xpath, &doc, &e);
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
            st = count_doc(run, w, doc, &it->counts, &e);
        }
        if (st == TU_OK && run->tm != NULL) {
            pthread_mutex_lock(&run->tm_lock);
            st = step_tm_store(run->tm, doc, xpath, &added, &e);
            pthread_mutex_unlock(&run->tm_lock);
        }
        if (st == TU_OK) {
            st = write_outputs(run, it, doc, true, true, &xh, &e);
        }
        tu_free(xpath);
        if (st != TU_OK) {
            fail_item(it, &e);
            tu_doc_free(doc);
            item_done(run, d, it, NULL, in->size, t);
            if (dl < run->nloc) {
                make_derived(run, w, d, dl, NULL, BATCH_REC_IMPORT, h);
            }
            continue;
        }
        pthread_mutex_lock(&run->lock);
        run->report->tm_added += added;
        pthread_mutex_unlock(&run->lock);
        fill_record(&rec, BATCH_REC_IMPORT, it, h, import_hash(run), h);
        item_done(run, d, it, &rec, in->size, t);
        if (dl < run->nloc) {
            make_derived(run, w, d, dl, doc, BATCH_REC_IMPORT, h);
        } else {
            tu_doc_free(doc);
        }
    }
}

/* ---- setup ---- */

/*
 * Parse the targets and pair the scripts of a biscriptal language: Latin is
 * translated and Cyrillic transliterated from it, until choose_bases() has
 * asked the TM. (Without transliteration in the build, each script is
 * leveraged on its own.)
 */
static enum tu_status plan_locales(struct run *run, const char *const *tags,
                                   size_t count, struct tu_error *err)
{
    struct tu_locale *parsed;

    if (count == 0) {
        return tu_error_set(err, TU_EINVAL, "no target locales");
    }
    run->locs = tu_calloc(count, sizeof(*run->locs));
    parsed = tu_calloc(count, sizeof(*parsed));
    if (run->locs == NULL || parsed == NULL) {
        tu_free(parsed);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < count; i++) {
        if (tu_locale_parse(tags[i], &parsed[i], err) != TU_OK) {
            tu_free(parsed);
            return err->code;
        }
        for (size_t k = 0; k < i; k++) {
            if (strcmp(parsed[k].tag, parsed[i].tag) == 0) {
                tu_error_set(err, TU_EINVAL, "target locale '%s' given twice",
                             parsed[i].tag);
                tu_free(parsed);
                return TU_EINVAL;
            }
        }
        snprintf(run->locs[i].tag, sizeof(run->locs[i].tag), "%s",
                 parsed[i].tag);
        run->locs[i].base = -1;
    }
    run->nloc = count;
    for (size_t i = 0; i < count; i++) {
        for (size_t k = i + 1; k < count; k++) {
            const char *si = tu_locale_script(&parsed[i]);
            const char *sk = tu_locale_script(&parsed[k]);
            size_t latn, cyrl;
            if (!step_translit_available() ||
                !tu_locale_is_biscriptal(&parsed[i]) ||
                strcmp(parsed[i].language, parsed[k].language) != 0 ||
                strcmp(parsed[i].region, parsed[k].region) != 0 ||
                strcmp(si, sk) == 0 || run->locs[i].base >= 0 ||
                run->locs[k].base >= 0) {
                continue;
            }
            latn = strcmp(si, "Latn") == 0 ? i : k;
            cyrl = latn == i ? k : i;
            run->locs[cyrl].base = (int)latn;
        }
    }
    tu_free(parsed);
    return TU_OK;
}

/*
 * Of two scripts of one language, translate the one the TM holds more of
 * (plan_locales paired them with Latin as the base).
 */
static void choose_bases(struct run *run)
{
    for (size_t i = 0; i < run->nloc; i++) {
        int b = run->locs[i].base;
        if (b >= 0 && step_tm_count_lang(run->tm, run->locs[i].tag) >
                          step_tm_count_lang(run->tm, run->locs[b].tag)) {
            run->locs[b].base = (int)i;
            run->locs[i].base = -1;
        }
    }
}

/* Remove temporaries a killed run left beside its outputs (".name.XXXXXX"). */
static void sweep_temporaries(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    if (d == NULL || depth > 16) {
        if (d != NULL) {
            closedir(d);
        }
        return;
    }
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        size_t plen = strlen(dir) + len + 2;
        char *p;
        struct stat sb;
        bool is_tmp =
            len > 8 && e->d_name[0] == '.' && e->d_name[len - 7] == '.';
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            continue;
        }
        for (size_t i = len - 6; is_tmp && i < len; i++) {
            char c = e->d_name[i];
            is_tmp = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                     (c >= '0' && c <= '9');
        }
        p = tu_malloc(plen);
        if (p == NULL) {
            break;
        }
        snprintf(p, plen, "%s/%s", dir, e->d_name);
        if (lstat(p, &sb) == 0) {
            if (S_ISDIR(sb.st_mode) && e->d_name[0] != '.') {
                sweep_temporaries(p, depth + 1);
            } else if (S_ISREG(sb.st_mode) && is_tmp) {
                unlink(p);
            }
        }
        tu_free(p);
    }
    closedir(d);
}

static enum tu_status setup_report(struct run *run, struct tu_error *err)
{
    struct tu_batch_report *r = batch_report_new();

    run->report = r;
    if (r == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    r->is_import = run->is_import;
    r->is_draft = run->draft;
    r->tm_created = run->tm_created;
    r->finish_translated = run->finish == STEP_TRANSLATED;
    r->documents = run->docs.count;
    r->started = (int64_t)time(NULL);
    r->locales = tu_calloc(run->nloc, sizeof(*r->locales));
    if (r->locales == NULL || !batch_set_str(&r->outdir, run->opts->outdir) ||
        !batch_set_str(&r->src_lang, run->src) ||
        !batch_set_str(&r->tm_path, step_tm_path(run->tm))) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (run->opts->ref_count > 0) {
        struct tu_buf b;
        tu_buf_init(&b, TU_BUF_NO_LIMIT);
        for (size_t i = 0; i < run->opts->ref_count; i++) {
            tu_buf_printf(&b, "%s%s", i ? ", " : "", run->opts->ref_dirs[i]);
        }
        r->refs = tu_buf_detach(&b, NULL);
        if (r->refs == NULL) {
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    for (size_t i = 0; i < run->nloc; i++) {
        r->locales[i] = tu_strdup(run->locs[i].tag);
        if (r->locales[i] == NULL) {
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
        r->locale_count++;
    }
    for (size_t d = 0; d < run->docs.count; d++) {
        for (size_t l = 0; l < run->nloc; l++) {
            const struct plan_loc *pl = &run->locs[l];
            if (batch_report_add(r, run->docs.items[d].path,
                                 run->docs.items[d].name, pl->tag,
                                 pl->base >= 0 ? run->locs[pl->base].tag
                                               : NULL) == NULL) {
                return tu_error_set(err, TU_ENOMEM, "out of memory");
            }
        }
    }
    return TU_OK;
}

static enum tu_status start_workers(struct run *run, struct tu_error *err)
{
    unsigned n = run->opts->jobs ? run->opts->jobs : batch_cpu_count();

    if (n > run->docs.count && run->docs.count > 0) {
        n = (unsigned)run->docs.count;
    }
    if (n < 1) {
        n = 1;
    }
    run->workers = tu_calloc(n, sizeof(*run->workers));
    if (run->workers == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    run->nworkers = n;
    for (unsigned i = 0; i < n; i++) {
        run->workers[i] = step_worker_new(run->src);
        if (run->workers[i] == NULL) {
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    run->doc_left = tu_calloc(run->docs.count + 1, sizeof(*run->doc_left));
    if (run->doc_left == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    for (size_t d = 0; d < run->docs.count; d++) {
        run->doc_left[d] = run->nloc;
        run->prog.bytes_total += run->docs.items[d].size * run->nloc;
    }
    run->turn = tu_calloc(run->nloc, sizeof(*run->turn));
    if (run->turn == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (!run->is_import) {
        run->levs = tu_calloc(run->nloc, sizeof(*run->levs));
        if (run->levs == NULL) {
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
        for (size_t l = 0; l < run->nloc; l++) {
            enum tu_status st;
            if (run->locs[l].base >= 0) {
                continue;
            }
            st = step_lev_new(run->tm, run->src, run->locs[l].tag,
                              run->min_score, run->fill_score,
                              run->opts->ref_dirs, run->opts->ref_count,
                              &run->levs[l], err);
            if (st != TU_OK) {
                return st;
            }
        }
    }
    run->prog.docs_total = run->docs.count;
    run->prog.items_total = run->docs.count * run->nloc;
    return TU_OK;
}

static void run_release(struct run *run)
{
    for (unsigned i = 0; i < run->nworkers; i++) {
        step_worker_free(run->workers[i]);
    }
    tu_free(run->workers);
    for (size_t l = 0; run->levs != NULL && l < run->nloc; l++) {
        step_lev_free(run->levs[l]);
    }
    tu_free(run->levs);
    tu_free(run->turn);
    tu_free(run->chain);
    tu_free(run->redo_end);
    tu_free(run->hash_err);
    pthread_cond_destroy(&run->turn_cond);
    tu_free(run->doc_left);
    tu_free(run->locs);
    batch_inputs_release(&run->docs);
    batch_state_release(&run->state);
    step_tm_close(run->tm);
    tu_checker_free(run->checker);
    tu_batch_report_free(run->report);
    pthread_mutex_destroy(&run->lock);
    pthread_mutex_destroy(&run->tm_lock);
    pthread_mutex_destroy(&run->journal_lock);
    pthread_mutex_destroy(&run->turn_lock);
}

static void run_init(struct run *run, const struct tu_batch_opts *opts)
{
    memset(run, 0, sizeof(*run));
    run->opts = opts;
    batch_state_init(&run->state);
    pthread_mutex_init(&run->lock, NULL);
    pthread_mutex_init(&run->tm_lock, NULL);
    pthread_mutex_init(&run->journal_lock, NULL);
    pthread_mutex_init(&run->turn_lock, NULL);
    pthread_cond_init(&run->turn_cond, NULL);
    clock_gettime(CLOCK_MONOTONIC, &run->t0);
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
        const char *tm = step_tm_path(run->tm);
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

/* Run the pool, then finish the report (written even when interrupted). */
static enum tu_status run_pool(struct run *run, batch_task_fn task,
                               struct tu_batch_report **out,
                               struct tu_error *err)
{
    enum tu_status st;

    /* Before threads read or write XLIFF (tu_xml_init says why). */
    tu_xml_init();
    st = batch_pool_run(run->nworkers, run->docs.count, task, run,
                        run->opts->stop, err);
    if (st != TU_OK) {
        return st;
    }
    run->report->seconds = since(&run->t0);
    run->report->interrupted = stopped(run);
    for (size_t i = 0; i < run->report->count; i++) {
        if (run->report->items[i].state == TU_BATCH_FAILED) {
            run->report->failed++;
        }
    }
    if (run->fatal.code != TU_OK) {
        *err = run->fatal;
        return run->fatal.code;
    }
    st = tu_batch_report_write(run->report, err);
    if (st != TU_OK) {
        return st;
    }
    *out = run->report;
    run->report = NULL;
    return TU_OK;
}

static enum tu_status check_common(const struct tu_batch_opts *opts,
                                   struct tu_error *err)
{
    if (opts->outdir == NULL || opts->outdir[0] == '\0') {
        return tu_error_set(err, TU_EINVAL, "no output folder");
    }
    return TU_OK;
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
    st = check_common(opts, err);
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
    run.finish = STEP_APPROVED; /* tumac's own fills are not a translator's */
    run.xv = opts->xliff_version ? opts->xliff_version : TU_XLIFF_2_1;
    run.min_score = opts->min_score ? opts->min_score : 75;
    run.fill_score = opts->fill_score ? opts->fill_score : 95;
    st = open_checker(&run, err);
    if (st == TU_OK) {
        st = plan_locales(&run, opts->targets, opts->target_count, err);
    }
    if (st == TU_OK) {
        st = batch_inputs_collect(inputs, input_count, run.src, &run.docs, err);
    }
    if (st == TU_OK) {
        st = step_tm_open(opts->tm_path, &run.tm_created, &run.tm, err);
    }
    if (st == TU_OK) {
        /* The TM's content, not its file: counting uses changes the file,
         * and a re-run must find its outputs current (issue 16). */
        st = step_tm_stamp(run.tm, &run.tm_stamp, err);
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
        sweep_temporaries(opts->outdir, 0);
        st = save_config(&run, err);
    }
    if (st == TU_OK) {
        st = batch_state_begin(&run.state, err);
    }
    if (st == TU_OK) {
        st = setup_report(&run, err);
    }
    if (st == TU_OK) {
        st = start_workers(&run, err);
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
    st = plan_locales(run, tags, n, err);
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
    st = check_common(opts, err);
    if (st != TU_OK) {
        return st;
    }
    run_init(&run, &o);
    run.is_import = true;
    run.finish = opts->finish_translated ? STEP_TRANSLATED : STEP_APPROVED;
    st = open_checker(&run, err);
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
        st = step_tm_open(o.tm_path, &run.tm_created, &run.tm, err);
    }
    if (st == TU_OK) {
        st = import_docs(&run, err);
    }
    if (st == TU_OK) {
        sweep_temporaries(opts->outdir, 0);
        st = batch_state_begin(&run.state, err);
    }
    if (st == TU_OK) {
        st = setup_report(&run, err);
    }
    if (st == TU_OK) {
        st = start_workers(&run, err);
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
