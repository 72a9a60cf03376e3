/*
 * Pseudo-translation: every segment's target becomes its source with ASCII
 * letters accented, wrapped in [ ] and lengthened by about a third with
 * '~', codes kept where they are. It shows untranslated text, truncation
 * and broken encodings without a translator, and always differs from the
 * source, so a merge of it changes every translatable text.
 */
#include <string.h>

#include <tumac/alloc.h>

#include "filters-int.h"

/* a..z and A..Z as accented letters (NFC, Latin-1 Supplement / Extended-A) */
static const char *const lower[26] = {
    "á", "ƀ", "ç", "đ", "é", "ƒ", "ĝ", "ĥ", "í", "ĵ", "ķ", "ĺ", "ɱ",
    "ñ", "ó", "ƥ", "ʠ", "ŕ", "š", "ţ", "ú", "ṽ", "ŵ", "ẋ", "ý", "ž"};
static const char *const upper[26] = {
    "Á", "Ɓ", "Ç", "Đ", "É", "Ƒ", "Ĝ", "Ĥ", "Í", "Ĵ", "Ķ", "Ĺ", "Ṁ",
    "Ñ", "Ó", "Ƥ", "Ɋ", "Ŕ", "Š", "Ţ", "Ú", "Ṽ", "Ŵ", "Ẋ", "Ý", "Ž"};

static void accent(struct tu_buf *b, const char *s, size_t *letters)
{
    for (; *s; s++) {
        if (*s >= 'a' && *s <= 'z') {
            tu_buf_adds(b, lower[*s - 'a']);
            (*letters)++;
        } else if (*s >= 'A' && *s <= 'Z') {
            tu_buf_adds(b, upper[*s - 'A']);
            (*letters)++;
        } else {
            if ((unsigned char)*s >= 0xC0 || (unsigned char)*s < 0x80) {
                (*letters)++;
            }
            tu_buf_addc(b, *s);
        }
    }
}

static enum tu_status pseudo_segment(struct tu_segment *seg)
{
    struct tu_content t = {0};
    struct tu_buf b;
    size_t letters = 0;
    enum tu_status st = TU_OK;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    tu_buf_addc(&b, '[');
    for (size_t i = 0; i < seg->source.count && st == TU_OK; i++) {
        const struct tu_inline *in = &seg->source.items[i];
        if (in->kind == TU_INLINE_TEXT) {
            accent(&b, in->text, &letters);
            continue;
        }
        if (b.len > 0) {
            st = tu_content_add_text(&t, b.data, b.len);
            tu_buf_truncate(&b, 0);
        }
        if (st == TU_OK) {
            struct tu_content one = {0};
            one.items = (struct tu_inline *)in;
            one.count = 1;
            st = tu_content_copy(&t, &one);
        }
    }
    for (size_t k = 0; k < (letters + 2) / 3; k++) {
        tu_buf_addc(&b, '~');
    }
    tu_buf_addc(&b, ']');
    if (st == TU_OK && b.status != TU_OK) {
        st = b.status;
    }
    if (st == TU_OK) {
        st = tu_content_add_text(&t, b.data, b.len);
    }
    tu_buf_release(&b);
    if (st != TU_OK) {
        tu_content_clear(&t);
        return st;
    }
    tu_content_clear(&seg->target);
    seg->target = t;
    seg->has_target = true;
    seg->state = TU_STATE_TRANSLATED;
    return TU_OK;
}

static enum tu_status pseudo_unit(struct tu_unit *u, void *ctx)
{
    (void)ctx;
    for (size_t s = 0; s < u->seg_count; s++) {
        struct tu_segment *seg = &u->segs[s];
        enum tu_status st;
        if (seg->is_ignorable || seg->translate == 0 ||
            tu_content_is_empty(&seg->source)) {
            continue;
        }
        if ((st = pseudo_segment(seg)) != TU_OK) {
            return st;
        }
    }
    return TU_OK;
}

enum tu_status tu_pseudo_doc(struct tu_doc *doc, struct tu_error *err)
{
    for (size_t f = 0; f < doc->file_count; f++) {
        if (doc->files[f]->trg_lang == NULL && doc->trg_lang != NULL) {
            doc->files[f]->trg_lang = tu_strdup(doc->trg_lang);
        }
        if (tu_file_each_unit(doc->files[f], pseudo_unit, NULL) != TU_OK) {
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    return TU_OK;
}
