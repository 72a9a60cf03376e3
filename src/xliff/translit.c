/*
 * A document's languages and its transliteration as a whole (xliff.h):
 * one call used by `tumac translit --format xliff|html` and by the batch's
 * derived scripts, so both convert the same parts (targets and match
 * targets) and relabel the same attributes.
 */
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/text.h>
#include <tumac/xliff.h>

/* Replace *slot with a copy of `s`; false when out of memory. */
static bool set_str(char **slot, const char *s)
{
    char *copy = tu_strdup(s);

    if (copy == NULL) {
        return false;
    }
    tu_free(*slot);
    *slot = copy;
    return true;
}

/* Relabel `*slot` to `lang` when it holds a language (NULL stays NULL). */
static bool relabel(char **slot, const char *lang)
{
    return lang == NULL || *slot == NULL || set_str(slot, lang);
}

static enum tu_status relabel_unit(struct tu_unit *u, void *ctx)
{
    const char *trg = ctx;

    for (size_t i = 0; i < u->seg_count; i++) {
        if (!relabel(&u->segs[i].target.lang, trg)) {
            return TU_ENOMEM;
        }
    }
    for (size_t i = 0; i < u->match_count; i++) {
        if (!relabel(&u->matches[i].target.lang, trg)) {
            return TU_ENOMEM;
        }
    }
    return TU_OK;
}

enum tu_status tu_doc_set_langs(struct tu_doc *doc, const char *src_lang,
                                const char *trg_lang, struct tu_error *err)
{
    bool ok = (src_lang == NULL || set_str(&doc->src_lang, src_lang)) &&
              (trg_lang == NULL || set_str(&doc->trg_lang, trg_lang));

    for (size_t f = 0; ok && f < doc->file_count; f++) {
        struct tu_file *file = doc->files[f];
        ok = relabel(&file->src_lang, src_lang) && relabel(&file->trg_lang, trg_lang) &&
             (trg_lang == NULL ||
              tu_file_each_unit(file, relabel_unit, (void *)trg_lang) == TU_OK);
    }
    return ok ? TU_OK : tu_error_set(err, TU_ENOMEM, "out of memory");
}

/* Transliterate the text pieces of `c` in place; codes stay as they are. */
static enum tu_status translit_content(struct tu_translit *t, struct tu_content *c,
                                       struct tu_error *err)
{
    for (size_t i = 0; i < c->count; i++) {
        struct tu_inline *p = &c->items[i];
        struct tu_buf b;
        if (p->kind != TU_INLINE_TEXT || p->text == NULL) {
            continue;
        }
        tu_buf_init(&b, TU_BUF_NO_LIMIT);
        if (tu_translit_apply(t, p->text, strlen(p->text), &b, err) != TU_OK) {
            tu_buf_release(&b);
            return err->code;
        }
        tu_free(p->text);
        p->text = tu_buf_detach(&b, NULL);
        if (p->text == NULL) {
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    return TU_OK;
}

struct translit_walk {
    struct tu_translit *t;
    unsigned flags;
    struct tu_error *err;
};

static enum tu_status translit_unit(struct tu_unit *u, void *ctx)
{
    struct translit_walk *w = ctx;

    for (size_t i = 0; i < u->seg_count; i++) {
        struct tu_segment *s = &u->segs[i];
        if ((w->flags & TU_DOC_TRANSLIT_FROM_SOURCE) && !s->is_ignorable &&
            s->translate != 0) {
            tu_content_clear(&s->target);
            s->has_target = true;
            if (tu_content_copy(&s->target, &s->source) != TU_OK) {
                return tu_error_set(w->err, TU_ENOMEM, "out of memory");
            }
        }
        if (s->has_target && translit_content(w->t, &s->target, w->err) != TU_OK) {
            return w->err->code;
        }
    }
    for (size_t i = 0; i < u->match_count; i++) {
        if (translit_content(w->t, &u->matches[i].target, w->err) != TU_OK) {
            return w->err->code;
        }
    }
    return TU_OK;
}

enum tu_status tu_doc_translit(struct tu_doc *doc, struct tu_translit *t,
                               unsigned flags, struct tu_error *err)
{
    struct translit_walk w = {t, flags, err};
    enum tu_status st = TU_OK;

    for (size_t f = 0; st == TU_OK && f < doc->file_count; f++) {
        st = tu_file_each_unit(doc->files[f], translit_unit, &w);
    }
    if (st == TU_OK) {
        st = tu_doc_set_langs(doc, NULL, tu_translit_target(t), err);
    }
    return st;
}
