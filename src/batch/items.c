/*
 * What completes an item of the run, export or import: its counts from the
 * model (how far each target is), its files (the XLIFF, the finished
 * document or the draft, never both), its record in the run state, its
 * progress; and a derived-script locale made from its base's model.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tumac/alloc.h>
#include <tumac/check.h>
#include <tumac/filter.h>
#include <tumac/fileio.h>
#include <tumac/xliff.h>
#include "run-int.h"

struct tu_batch_item *run_item(struct run *run, size_t doc, size_t loc)
{
    return &run->report->items[doc * run->nloc + loc];
}

static bool file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
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

/* ---- how far the targets are ---- */

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

enum run_done run_target_state(const struct tu_unit *unit,
                                 const struct tu_segment *seg)
{
    if (tu_lev_segment_ready(unit, seg, TU_STATE_REVIEWED)) {
        return DONE_APPROVED;
    }
    if (!tu_lev_segment_ready(unit, seg, TU_STATE_TRANSLATED)) {
        return DONE_OPEN;
    }
    /* tumac fills fuzzy matches as "translated" too: only a translator's
     * work counts as translated, for --finish translated (issue 16) */
    return is_own_fill(unit, seg) ? DONE_PREFILLED : DONE_TRANSLATED;
}

/* ---- counting ---- */

struct count_ctx {
    struct batch_worker *w;
    enum run_done finish;
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
        enum run_done done;
        enum tu_status st;
        if (s->is_ignorable || s->translate == 0) {
            continue;
        }
        tu_buf_truncate(&cc->plain, 0);
        if (tu_content_plain(&s->source, &cc->plain) != TU_OK) {
            return tu_error_set(cc->err, TU_ENOMEM, "out of memory");
        }
        st = batch_worker_words(cc->w, cc->plain.data, cc->plain.len, &words, cc->err);
        if (st != TU_OK) {
            return st;
        }
        cc->c->segments++;
        cc->c->words += words;
        done = run_target_state(u, s);
        if (done == DONE_APPROVED) {
            cc->c->segments_approved++;
        } else if (done == DONE_TRANSLATED) {
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
enum tu_status run_count_doc(struct run *run, struct batch_worker *w,
                                struct tu_doc *doc, struct tu_batch_counts *c,
                                struct tu_error *err)
{
    struct count_ctx cc = {w, run->finish, c, {0}, err};
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

void run_fail_item(struct tu_batch_item *it, const struct tu_error *e)
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
void run_item_done(struct run *run, size_t doc, struct tu_batch_item *it,
                      const struct batch_record *rec, uint64_t bytes,
                      double t_start)
{
    struct tu_error e = {0};

    it->seconds = run_since(&run->t0) - t_start;
    if (rec != NULL) {
        /* durable first, outside the lock the others wait on: a record in
         * memory is what a later step of this run trusts */
        enum tu_status st = batch_state_journal(&run->state, rec, &e);
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
    run->prog.elapsed = run_since(&run->t0);
    run->prog.item = it;
    if (run->opts->progress != NULL) {
        run->opts->progress(&run->prog, run->opts->progress_ctx);
    }
    run->prog.item = NULL;
    pthread_mutex_unlock(&run->lock);
}

void run_fill_record(struct batch_record *r, enum batch_record_kind kind,
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
const struct batch_record *
run_current_record(struct run *run, const struct tu_batch_item *it,
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
        char *p = run_out_path(run, rec->xliff_path);
        uint64_t h = 0;
        struct tu_error e = {0};
        ok = p != NULL && batch_hash_file(p, &h, &e) == TU_OK &&
             h == rec->xlf_hash;
        tu_free(p);
    }
    if (ok && rec->doc_path != NULL) {
        char *p = run_out_path(run, rec->doc_path);
        ok = p != NULL && file_exists(p);
        tu_free(p);
    }
    return ok ? rec : NULL;
}

/* Take an earlier run's result for the item if its outputs are current. */
bool run_take_current(struct run *run, struct tu_batch_item *it,
                         enum batch_record_kind kind, uint64_t in_hash,
                         uint64_t ohash)
{
    const struct batch_record *rec;
    bool ok = false;

    pthread_mutex_lock(&run->lock);
    rec = run_current_record(run, it, kind, in_hash, ohash);
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

    if (run->finish == DONE_TRANSLATED) {
        done += c->segments_translated;
    }
    return done == c->segments;
}

static enum tu_status merge_doc(const struct tu_doc *doc, bool strict,
                          struct tu_buf *out, struct tu_error *err)
{
    struct tu_merge_opts o = {.strict = strict};
    struct tu_diag diag = {0};
    enum tu_status st = tu_merge_doc(doc, &o, out, &diag, err);

    /* Draft merges fall back to the source on purpose: no warnings. */
    tu_diag_release(&diag);
    return st;
}

static const char *extension_of(const struct tu_doc *doc)
{
    const char *ext = tu_filter_extension(doc);
    return ext != NULL ? ext : "txt";
}

/* "<locale>/<name>.<ext>", or for a draft "<locale>/<name>.draft.<ext>":
 * a draft (English in the gaps) must not look like the finished file. */
static char *doc_rel_path(const struct tu_batch_item *it,
                          const struct tu_doc *doc, bool draft)
{
    const char *ext = extension_of(doc);
    size_t len = strlen(ext) + 7;
    char *dext = tu_malloc(len);
    char *p = NULL;

    if (dext != NULL) {
        snprintf(dext, len, "%s%s", draft ? "draft." : "", ext);
        p = run_rel_path(it->locale, it->name, dext);
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
 * otherwise the errors go to it->checks and the document is not finished,
 * unless --force-checks gave a reason to finish it (it->forced). Warnings go
 * to it->warnings either way: the report shows what a reviewer should see. */
static bool checks_pass(const struct run *run, struct tu_batch_item *it,
                        const struct tu_doc *doc)
{
    struct tu_findings f = {0};
    struct tu_error e = {0};
    struct tu_buf b, w;
    bool ran = run->checker != NULL &&
               tu_check_doc(run->checker, doc, it->name, &f, &e) == TU_OK;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    tu_buf_init(&w, TU_BUF_NO_LIMIT);
    if (!ran) {
        tu_buf_printf(&b, "the checks could not run: %s\n", run->checker ? e.msg : "no checker");
    }
    for (size_t i = 0; i < f.count; i++) {
        tu_buf_printf(f.items[i].severity == TU_CHECK_ERROR ? &b : &w, "%s:%s: %s: %s\n",
                      f.items[i].unit, f.items[i].segment,
                      tu_check_name(f.items[i].check), f.items[i].message);
    }
    tu_findings_release(&f);
    bool pass = b.len == 0 && b.status == TU_OK; /* out of memory: not passed */
    tu_free(it->checks);
    tu_free(it->forced);
    tu_free(it->warnings);
    it->forced = NULL;
    it->is_checked = ran;
    it->checks = !pass && b.status == TU_OK ? tu_buf_detach(&b, NULL) : NULL;
    it->warnings = w.len > 0 && w.status == TU_OK ? tu_buf_detach(&w, NULL) : NULL;
    tu_buf_release(&b);
    tu_buf_release(&w);
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
enum tu_status run_write_outputs(struct run *run, struct tu_batch_item *it,
                                    const struct tu_doc *doc, bool keep_xliff,
                                    bool strict_import, uint64_t *xlf_hash,
                                    struct tu_error *err)
{
    bool finished = is_finished(run, &it->counts) &&
                    (run->opts->no_check || checks_pass(run, it, doc));
    bool draft = !finished && run->draft;
    char *xrel = run_rel_path(it->locale, it->name, "xlf");
    char *drel = doc_rel_path(it, doc, draft);
    /* the other name: a finished document and a draft never both stand */
    char *orel = doc_rel_path(it, doc, !draft);
    char *xpath = xrel ? run_out_path(run, xrel) : NULL;
    char *dpath = drel ? run_out_path(run, drel) : NULL;
    char *opath = orel ? run_out_path(run, orel) : NULL;
    struct tu_buf b;
    enum tu_status st = TU_OK;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    if (xpath == NULL || dpath == NULL || opath == NULL) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
        goto done;
    }
    if (!keep_xliff) {
        struct tu_error xe = {0};
        st = tu_xliff_write_buf(doc, run->xv, &b, &xe);
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
        st = merge_doc(doc, finished || strict_import, &b, err);
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

/* A derived-script locale from its base's model (consumed). */
void run_make_derived(struct run *run, struct batch_worker *w, size_t d, size_t l,
                      struct tu_doc *doc, enum batch_record_kind kind, uint64_t in_hash,
                      uint64_t ohash)
{
    const struct batch_input *in = &run->docs.items[d];
    struct tu_batch_item *it = run_item(run, d, l);
    const struct plan_loc *loc = &run->locs[l];
    const struct tu_batch_item *base = run_item(run, d, (size_t)loc->base);
    double t = run_since(&run->t0);
    struct tu_error e = {0};
    struct batch_record rec;
    uint64_t xh = 0;
    enum tu_status st;

    if (doc == NULL) {
        /* The base's failure is this one's too (one line in the report). */
        tu_error_set(&e, TU_EINVAL, "not made: its base %s failed",
                     base->locale);
        run_fail_item(it, &e);
        if (base->state == TU_BATCH_FAILED && base->reason != NULL &&
            !batch_set_str(&it->reason, base->reason)) {
            tu_free(it->reason);
            it->reason = NULL;
        }
        run_item_done(run, d, it, NULL, in->size, t);
        return;
    }
    /* Made, not translated: nothing to translate here (issue 16). */
    it->counts = base->counts;
    it->counts.words_todo = 0;
    it->counts.words_derived = it->counts.words;
    st = batch_worker_translit(w, doc, loc->tag, &e);
    if (st == TU_OK && run->opts->glossary_count > 0) {
        /* the entries again, in this locale's script (the base's are in its) */
        st = tu_check_annotate_doc(run->checker, doc, run->xv == TU_XLIFF_1_2, &e);
    }
    if (st == TU_OK) {
        st = run_write_outputs(run, it, doc, false, kind == BATCH_REC_IMPORT, &xh, &e);
    }
    tu_doc_free(doc);
    if (st != TU_OK) {
        run_fail_item(it, &e);
        run_item_done(run, d, it, NULL, in->size, t);
        return;
    }
    run_fill_record(&rec, kind, it, in_hash, ohash, xh);
    run_item_done(run, d, it, &rec, in->size, t);
}
