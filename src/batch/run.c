/*
 * The batch run's set-up and its pool, shared by the export (export.c) and
 * the import (import.c): the locale plan, the TM, the report's items, the
 * workers, the pool that runs one task per document, the report at the end.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tumac/alloc.h>
#include <tumac/check.h>
#include <tumac/locale.h>
#include <tumac/tm.h>
#include <tumac/xliff.h>
#include "run-int.h"

double run_since(const struct timespec *t0)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) +
           (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

bool run_stopped(const struct run *run)
{
    return run->opts->stop != NULL && *run->opts->stop != 0;
}

/* "OUTDIR/<rel>" as a new string. */
char *run_out_path(const struct run *run, const char *rel)
{
    size_t len = strlen(run->opts->outdir) + strlen(rel) + 2;
    char *p = tu_malloc(len);

    if (p != NULL) {
        snprintf(p, len, "%s/%s", run->opts->outdir, rel);
    }
    return p;
}

/* "<locale>/<name>.<ext>" as a new string. */
char *run_rel_path(const char *locale, const char *name, const char *ext)
{
    size_t len = strlen(locale) + strlen(name) + strlen(ext) + 3;
    char *p = tu_malloc(len);

    if (p != NULL) {
        snprintf(p, len, "%s/%s.%s", locale, name, ext);
    }
    return p;
}

/* The locale transliterated from base locale l, or run->nloc for none. */
size_t run_derived_of(const struct run *run, size_t l)
{
    for (size_t k = 0; k < run->nloc; k++) {
        if (run->locs[k].base == (int)l) {
            return k;
        }
    }
    return run->nloc;
}

/*
 * Parse the targets and pair the scripts of a biscriptal language: Latin is
 * translated and Cyrillic transliterated from it, until choose_bases() has
 * asked the TM. (Without transliteration in the build, each script is
 * leveraged on its own.)
 */
enum tu_status run_plan_locales(struct run *run, const char *const *tags,
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
            if (!tu_locale_is_biscriptal(&parsed[i]) ||
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

/* Remove temporaries a killed run left beside its outputs (".name.XXXXXX"). */
void run_sweep_temporaries(const char *dir, int depth)
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
                run_sweep_temporaries(p, depth + 1);
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
    r->finish_translated = run->finish == DONE_TRANSLATED;
    r->documents = run->docs.count;
    r->started = (int64_t)time(NULL);
    r->locales = tu_calloc(run->nloc, sizeof(*r->locales));
    if (r->locales == NULL || !batch_set_str(&r->outdir, run->opts->outdir) ||
        !batch_set_str(&r->src_lang, run->src) ||
        !batch_set_str(&r->tm_path, tu_lev_tm_name(run->tm))) {
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
        run->workers[i] = batch_worker_new(run->src);
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
    run->prog.docs_total = run->docs.count;
    run->prog.items_total = run->docs.count * run->nloc;
    return TU_OK;
}

enum tu_status run_setup(struct run *run, struct tu_error *err)
{
    enum tu_status st = setup_report(run, err);
    return st == TU_OK ? start_workers(run, err) : st;
}

enum tu_status run_open_tm(struct run *run, const char *path, struct tu_error *err)
{
    struct tu_buf resolved;
    struct stat sb;
    enum tu_status st;

    tu_buf_init(&resolved, TU_BUF_NO_LIMIT);
    st = tu_tm_default_path(path, &resolved, err);
    if (st == TU_OK && tu_buf_addc(&resolved, 0) != TU_OK) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (st == TU_OK) {
        /* the batch may make a new TM; the report says so */
        run->tm_created = strcmp(resolved.data, "none") != 0 && stat(resolved.data, &sb) != 0;
        st = tu_lev_tm_open(resolved.data, &run->tm, err);
    }
    tu_buf_release(&resolved);
    return st;
}

void run_release(struct run *run)
{
    for (unsigned i = 0; i < run->nworkers; i++) {
        batch_worker_free(run->workers[i]);
    }
    tu_free(run->workers);
    for (size_t l = 0; run->levs != NULL && l < run->nloc; l++) {
        tu_leverage_free(run->levs[l].lev);
        tu_lev_sources_close(run->levs[l].sources);
    }
    tu_free(run->levs);
    batch_turns_free(run->turns);
    batch_answers_free(run->answers);
    tu_checker_free(run->checker);
    tu_free(run->chain);
    tu_free(run->redo_end);
    tu_free(run->hash_err);
    tu_free(run->doc_left);
    tu_free(run->locs);
    batch_inputs_release(&run->docs);
    batch_state_release(&run->state);
    tu_lev_tm_close(run->tm);
    tu_batch_report_free(run->report);
    pthread_mutex_destroy(&run->lock);
    pthread_mutex_destroy(&run->tm_lock);
}

void run_init(struct run *run, const struct tu_batch_opts *opts)
{
    memset(run, 0, sizeof(*run));
    run->opts = opts;
    batch_state_init(&run->state);
    pthread_mutex_init(&run->lock, NULL);
    pthread_mutex_init(&run->tm_lock, NULL);
    clock_gettime(CLOCK_MONOTONIC, &run->t0);
}

enum tu_status run_check_common(const struct tu_batch_opts *opts, struct tu_error *err)
{
    if (opts->outdir == NULL || opts->outdir[0] == '\0') {
        return tu_error_set(err, TU_EINVAL, "no output folder");
    }
    return TU_OK;
}

/* The one place a document's task runs: once it returns, on whatever
 * path, every turn it did not take passes (turns.c). */
static void doc_task(void *ctx, size_t d, unsigned worker)
{
    struct run *run = ctx;

    run->task(run, d, worker);
    if (run->turns != NULL) {
        batch_turns_end(run->turns, d);
    }
}

enum tu_status run_pool(struct run *run, batch_task_fn task, struct tu_batch_report **out,
                        struct tu_error *err)
{
    enum tu_status st;

    /* Before threads read or write XLIFF (tu_xml_init says why). */
    tu_xml_init();
    run->task = task;
    st = batch_pool_run(run->nworkers, run->docs.count, doc_task, run, run->opts->stop, err);
    if (st != TU_OK) {
        return st;
    }
    run->report->seconds = run_since(&run->t0);
    run->report->tm_queries = run->answers != NULL ? batch_answers_tm_queries(run->answers) : 0;
    run->report->interrupted = run_stopped(run);
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


enum tu_status run_open_checker(struct run *run, struct tu_error *err)
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
