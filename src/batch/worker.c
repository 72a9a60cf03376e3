/*
 * What one worker thread keeps for the documents it takes: a segmenter for
 * word counts and a transliterator per derived script (neither may be
 * shared between threads), and its prefetch probes (prefetch.c).
 */
#include <stdio.h>
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/segment.h>
#include <tumac/text.h>
#include <tumac/xliff.h>
#include "batch-int.h"

#define TRANSLITS 4 /* derived scripts of one run */

struct batch_worker {
    char *src;
    struct tu_segmenter *seg; /* made on first use */
    struct tu_translit *tl[TRANSLITS];
    char tl_tag[TRANSLITS][64];
    struct batch_probes *probes;
};

struct batch_worker *batch_worker_new(const char *src)
{
    struct batch_worker *w = tu_calloc(1, sizeof(*w));

    if (w != NULL && ((w->src = tu_strdup(src)) == NULL ||
                      (w->probes = batch_probes_new(src)) == NULL)) {
        batch_worker_free(w);
        return NULL;
    }
    return w;
}

void batch_worker_free(struct batch_worker *w)
{
    if (w != NULL) {
        tu_segmenter_free(w->seg);
        for (size_t i = 0; i < TRANSLITS; i++) {
            tu_translit_free(w->tl[i]);
        }
        batch_probes_free(w->probes);
        tu_free(w->src);
        tu_free(w);
    }
}

struct batch_probes *batch_worker_probes(struct batch_worker *w)
{
    return w->probes;
}

enum tu_status batch_worker_words(struct batch_worker *w, const char *text, size_t len,
                                  size_t *words, struct tu_error *err)
{
    struct tu_counts c;

    if (w->seg == NULL && tu_segmenter_new(w->src, NULL, &w->seg, err) != TU_OK) {
        return err->code;
    }
    if (tu_segmenter_count(w->seg, w->src, text, len, &c, err) != TU_OK) {
        return err->code;
    }
    *words = c.words;
    return TU_OK;
}

/* The worker's transliterator into `tag`, made on first use. */
static enum tu_status translit_into(struct batch_worker *w, const char *tag,
                                    struct tu_translit **out, struct tu_error *err)
{
    size_t i;

    for (i = 0; i < TRANSLITS && w->tl[i] != NULL; i++) {
        if (strcmp(w->tl_tag[i], tag) == 0) {
            *out = w->tl[i];
            return TU_OK;
        }
    }
    if (i == TRANSLITS) {
        return tu_error_set(err, TU_EINVAL, "too many derived scripts");
    }
    if (tu_translit_new(tag, NULL, &w->tl[i], err) != TU_OK) {
        return err->code;
    }
    snprintf(w->tl_tag[i], sizeof(w->tl_tag[i]), "%s", tag);
    *out = w->tl[i];
    return TU_OK;
}

enum tu_status batch_worker_translit(struct batch_worker *w, struct tu_doc *doc,
                                     const char *to_tag, struct tu_error *err)
{
    struct tu_translit *t = NULL;

    if (translit_into(w, to_tag, &t, err) != TU_OK) {
        return err->code;
    }
    return tu_doc_translit(doc, t, 0, err);
}
