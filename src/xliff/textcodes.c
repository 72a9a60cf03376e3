/*
 * Inline codes that came back as text. PO tools show a code as its original
 * markup (xliff2po writes <strong> into msgid), and pomerge/po2xliff put the
 * translated msgstr back as plain text, the markup escaped. When a target
 * has no codes, its source has some, every code of the source has original
 * data and none of those strings occurs in the source's own text (so the
 * reading is unambiguous), each occurrence of a code's data in the target
 * text is that code again.
 */
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/buf.h>

#include "xliff-int.h"

struct mark {
    const char *data;          /* the markup the PO showed */
    const struct tu_inline *in; /* the source code it stands for */
    enum tu_inline_kind kind;  /* PH, SC or EC (PC pairs split) */
    bool used;
};

/* The source's codes as strings, in order; false if one has no data. */
static bool collect(const struct tu_content *src, struct mark *m, size_t *n)
{
    *n = 0;
    for (size_t i = 0; i < src->count; i++) {
        const struct tu_inline *in = &src->items[i];
        const char *data = in->data;
        enum tu_inline_kind kind = in->kind;
        if (in->kind == TU_INLINE_TEXT) {
            continue;
        }
        if (in->kind == TU_INLINE_PC_END) {
            /* a PC's end data sits on its start */
            data = NULL;
            for (size_t j = i; j-- > 0 && data == NULL;) {
                const struct tu_inline *s = &src->items[j];
                if (s->kind == TU_INLINE_PC_START && s->id && in->id &&
                    strcmp(s->id, in->id) == 0) {
                    data = s->data_end;
                }
            }
            kind = TU_INLINE_EC;
        } else if (in->kind == TU_INLINE_PC_START) {
            kind = TU_INLINE_SC;
        } else if (in->kind != TU_INLINE_PH && in->kind != TU_INLINE_SC &&
                   in->kind != TU_INLINE_EC) {
            return false; /* annotations are not markup a PO shows */
        }
        if (data == NULL || data[0] == '\0') {
            return false;
        }
        m[(*n)++] = (struct mark){data, in, kind, false};
    }
    return *n > 0;
}

static bool plain_only(const struct tu_content *c)
{
    for (size_t i = 0; i < c->count; i++) {
        if (c->items[i].kind != TU_INLINE_TEXT) {
            return false;
        }
    }
    return true;
}

/* The unused mark whose data starts `p`: the longest; for an end, the one
 * closing the innermost open start. */
static struct mark *match_at(const char *p, struct mark *m, size_t n,
                             const char *const *open, size_t nopen)
{
    struct mark *best = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(m[i].data);
        if (m[i].used || strncmp(p, m[i].data, len) != 0) {
            continue;
        }
        if (best == NULL || len > strlen(best->data)) {
            best = &m[i];
        } else if (len == strlen(best->data) && m[i].kind == TU_INLINE_EC &&
                   nopen > 0 && m[i].in->id && strcmp(m[i].in->id, open[nopen - 1]) == 0) {
            best = &m[i];
        }
    }
    return best;
}

static enum tu_status emit_text(struct tu_content *out, const char *s, size_t len)
{
    return len == 0 ? TU_OK : tu_content_add_text(out, s, len);
}

static enum tu_status emit_code(struct tu_content *out, const struct mark *mk)
{
    struct tu_inline *in = tu_content_add(out, mk->kind, mk->in->id);
    if (in == NULL) {
        return TU_ENOMEM;
    }
    in->data = tu_strdup(mk->data);
    if (mk->in->equiv != NULL && mk->kind != TU_INLINE_EC) {
        in->equiv = tu_strdup(mk->in->equiv);
    }
    return in->data == NULL ? TU_ENOMEM : TU_OK;
}

int tu_xliff_codes_from_text(struct tu_content *target, const struct tu_content *source)
{
    struct mark marks[64];
    const char *open[64];
    size_t n = 0, nopen = 0;
    struct tu_buf text;
    struct tu_content out = {0};
    enum tu_status st = TU_OK;
    int found = 0;

    if (!plain_only(target) || plain_only(source) || source->count > 128 ||
        !collect(source, marks, &n) || n > 64) {
        return 0;
    }
    for (size_t i = 0; i < source->count; i++) {
        const struct tu_inline *in = &source->items[i];
        for (size_t k = 0; in->kind == TU_INLINE_TEXT && k < n; k++) {
            if (strstr(in->text, marks[k].data) != NULL) {
                return 0; /* the source's text reads like its markup */
            }
        }
    }
    tu_buf_init(&text, TU_BUF_NO_LIMIT);
    if (tu_content_plain(target, &text) != TU_OK || tu_buf_addc(&text, 0) != TU_OK) {
        tu_buf_release(&text);
        return -1;
    }
    const char *p = text.data, *run = text.data;
    while (*p != '\0' && st == TU_OK) {
        struct mark *mk = match_at(p, marks, n, open, nopen);
        if (mk == NULL) {
            p++;
            continue;
        }
        st = emit_text(&out, run, (size_t)(p - run));
        if (st == TU_OK) {
            st = emit_code(&out, mk);
        }
        mk->used = true;
        found++;
        if (mk->kind == TU_INLINE_SC && nopen < 64) {
            open[nopen++] = mk->in->id;
        } else if (mk->kind == TU_INLINE_EC && nopen > 0) {
            nopen--;
        }
        p += strlen(mk->data);
        run = p;
    }
    if (st == TU_OK) {
        st = emit_text(&out, run, (size_t)(p - run));
    }
    tu_buf_release(&text);
    if (st != TU_OK) {
        tu_content_clear(&out);
        return -1;
    }
    if (found == 0) {
        tu_content_clear(&out);
        return 0;
    }
    /* keep the target's own attributes, take the rebuilt pieces */
    out.lang = target->lang;
    out.space = target->space;
    out.extra = target->extra;
    target->lang = target->space = NULL;
    memset(&target->extra, 0, sizeof target->extra);
    tu_content_clear(target);
    *target = out;
    return found;
}
