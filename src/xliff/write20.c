/*
 * XLIFF 2.1/2.2 writer: codes without ids get generated ones; original data
 * goes to <originalData> with one <data> per distinct markup; notes, mda
 * metadata and mtc matches.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include <tumac/alloc.h>
#include <tumac/xliff.h>

#include "write-int.h"

static const char *data_ref(struct wctx *c, const char *data, char *idbuf,
                            size_t cap)
{
    size_t i;
    if (data == NULL) {
        return NULL;
    }
    for (i = 0; i < c->data_count; i++) {
        if (strcmp(c->data[i], data) == 0) {
            break;
        }
    }
    if (i == c->data_count) {
        if (c->data_count == c->data_cap) {
            size_t ncap = c->data_cap ? c->data_cap * 2 : 8;
            const char **n = tu_realloc(c->data, ncap * sizeof *n);
            if (n == NULL) {
                c->oom = true;
                return NULL;
            }
            c->data = n;
            c->data_cap = ncap;
        }
        c->data[c->data_count++] = data;
    }
    snprintf(idbuf, cap, "d%zu", i + 1);
    return idbuf;
}

static void collect_data(struct wctx *c, const struct tu_content *ct)
{
    char buf[32];
    for (size_t i = 0; i < ct->count; i++) {
        const struct tu_inline *in = &ct->items[i];
        switch (in->kind) {
        case TU_INLINE_PH:
        case TU_INLINE_SC:
        case TU_INLINE_EC:
            data_ref(c, in->data, buf, sizeof buf);
            break;
        case TU_INLINE_PC_START:
            data_ref(c, in->data, buf, sizeof buf);
            data_ref(c, in->data_end, buf, sizeof buf);
            break;
        default:
            break;
        }
    }
}

static void code_hints(struct wctx *c, const struct tu_inline *in)
{
    if (in->flags & TU_INLINE_NO_COPY) {
        xw_attr(c, "canCopy", "no");
    }
    if (in->flags & TU_INLINE_NO_DELETE) {
        xw_attr(c, "canDelete", "no");
    }
    if (in->reorder == TU_REORDER_FIRSTNO) {
        xw_attr(c, "canReorder", "firstNo");
    } else if (in->reorder == TU_REORDER_NO) {
        xw_attr(c, "canReorder", "no");
    }
}

/* 2.x type values for codes and markers as the schema allows them. */
static bool code_type_ok(const char *t)
{
    static const char *const ok[] = {"fmt", "ui", "quote", "link", "image", "other"};
    for (size_t i = 0; t && i < sizeof ok / sizeof *ok; i++) {
        if (strcmp(t, ok[i]) == 0) {
            return true;
        }
    }
    return false;
}

static bool subtype_ok(const char *s)
{
    const char *colon = s ? strchr(s, ':') : NULL;
    return colon != NULL && colon != s && colon[1] != '\0';
}

static void write_content20(struct wctx *c, const char *elname,
                            const struct tu_content *ct, bool is_target,
                            int order)
{
    char buf[32], ibuf[32];
    int depth = 0;

    xw_start(c, elname);
    (void)is_target;
    xw_attr(c, "xml:lang", ct->lang);
    xw_attr(c, "xml:space", ct->space);
    if (order > 0) {
        snprintf(buf, sizeof buf, "%d", order);
        xw_attr(c, "order", buf);
    }
    xw_extra_attrs(c, &ct->extra);
    for (size_t i = 0; i < ct->count; i++) {
        const struct tu_inline *in = &ct->items[i];
        const bool typed = code_type_ok(in->type);
        switch (in->kind) {
        case TU_INLINE_TEXT:
            xw_text_cp(c, in->text, elname);
            break;
        case TU_INLINE_PH:
        case TU_INLINE_SC:
        case TU_INLINE_EC:
            xw_start(c, in->kind == TU_INLINE_PH ? "ph"
                     : in->kind == TU_INLINE_SC ? "sc" : "ec");
            if (in->kind == TU_INLINE_EC && !(in->flags & TU_INLINE_ISOLATED)) {
                xw_attr(c, "startRef", xw_code_id(ct, in, ibuf, sizeof ibuf));
            } else {
                xw_attr(c, "id", xw_code_id(ct, in, ibuf, sizeof ibuf));
            }
            if (in->flags & TU_INLINE_ISOLATED) {
                xw_attr(c, "isolated", "yes");
            }
            code_hints(c, in);
            if (in->kind != TU_INLINE_PH && (in->flags & TU_INLINE_NO_OVERLAP)) {
                xw_attr(c, "canOverlap", "no");
            }
            xw_attr(c, "copyOf", in->copy_of);
            xw_attr(c, "dataRef", data_ref(c, in->data, buf, sizeof buf));
            if (in->kind == TU_INLINE_EC && (in->flags & TU_INLINE_ISOLATED)) {
                xw_attr(c, "dir", in->dir);
            } else if (in->kind == TU_INLINE_SC) {
                xw_attr(c, "dir", in->dir);
            }
            xw_attr(c, "disp", in->disp);
            xw_attr(c, "equiv", in->equiv);
            xw_attr(c, "subFlows", in->sub_flows);
            if (typed) {
                xw_attr(c, "type", in->type);
                if (subtype_ok(in->subtype)) {
                    xw_attr(c, "subType", in->subtype);
                }
            }
            xw_extra_attrs(c, &in->extra);
            xw_end(c);
            break;
        case TU_INLINE_PC_START:
            xw_start(c, "pc");
            depth++;
            xw_attr(c, "id", xw_code_id(ct, in, ibuf, sizeof ibuf));
            code_hints(c, in);
            if (in->flags & TU_INLINE_NO_OVERLAP) {
                xw_attr(c, "canOverlap", "no");
            }
            xw_attr(c, "copyOf", in->copy_of);
            xw_attr(c, "dataRefStart", data_ref(c, in->data, buf, sizeof buf));
            xw_attr(c, "dataRefEnd", data_ref(c, in->data_end, buf, sizeof buf));
            xw_attr(c, "dir", in->dir);
            xw_attr(c, "dispStart", in->disp);
            xw_attr(c, "dispEnd", in->disp_end);
            xw_attr(c, "equivStart", in->equiv);
            xw_attr(c, "equivEnd", in->equiv_end);
            xw_attr(c, "subFlowsStart", in->sub_flows);
            if (typed) {
                xw_attr(c, "type", in->type);
                if (subtype_ok(in->subtype)) {
                    xw_attr(c, "subType", in->subtype);
                }
            }
            xw_extra_attrs(c, &in->extra);
            break;
        case TU_INLINE_MRK_START:
        case TU_INLINE_SM:
            xw_start(c, in->kind == TU_INLINE_SM ? "sm" : "mrk");
            if (in->kind == TU_INLINE_MRK_START) {
                depth++;
            }
            xw_attr(c, "id", xw_code_id(ct, in, ibuf, sizeof ibuf));
            if (in->flags & TU_INLINE_TRANSLATE_NO) {
                xw_attr(c, "translate", "no");
            } else if (in->flags & TU_INLINE_TRANSLATE_YES) {
                xw_attr(c, "translate", "yes");
            }
            xw_attr(c, "type", in->type);
            xw_attr(c, "ref", in->ref);
            xw_attr(c, "value", in->value);
            xw_extra_attrs(c, &in->extra);
            if (in->kind == TU_INLINE_SM) {
                xw_end(c);
            }
            break;
        case TU_INLINE_EM:
            xw_start(c, "em");
            xw_attr(c, "startRef", xw_code_id(ct, in, ibuf, sizeof ibuf));
            xw_end(c);
            break;
        case TU_INLINE_PC_END:
        case TU_INLINE_MRK_END:
            if (depth > 0) {
                xw_end(c);
                depth--;
            }
            break;
        }
    }
    while (depth-- > 0) {
        xw_end(c);
    }
    xw_end(c);
}

/* <originalData>: one <data id="dN"> per distinct markup */
static void write_odata(struct wctx *c, const char *const *data, size_t count)
{
    char buf[32];
    if (count == 0) {
        return;
    }
    xw_start(c, "originalData");
    for (size_t k = 0; k < count; k++) {
        snprintf(buf, sizeof buf, "d%zu", k + 1);
        xw_start(c, "data");
        xw_attr(c, "id", buf);
        xw_text_cp(c, data[k], "data");
        xw_end(c);
    }
    xw_end(c);
}

static void write_notes20(struct wctx *c, const struct tu_notes *n)
{
    if (n->count == 0) {
        return;
    }
    xw_start(c, "notes");
    for (size_t i = 0; i < n->count; i++) {
        const struct tu_note *no = &n->items[i];
        xw_start(c, "note");
        xw_attr(c, "id", no->id);
        xw_attr(c, "appliesTo", no->applies_to);
        xw_attr(c, "category", no->category);
        xw_attr(c, "priority", no->priority);
        xw_extra_attrs(c, &no->extra);
        xw_text(c, no->text);
        xw_end(c);
    }
    xw_end(c);
}

static void write_metas20(struct wctx *c, const struct tu_metas *m)
{
    if (m->count == 0) {
        return;
    }
    xw_start(c, "mda:metadata");
    for (size_t i = 0; i < m->count;) {
        size_t j = i;
        xw_start(c, "mda:metaGroup");
        xw_attr(c, "id", m->items[i].group_id);
        xw_attr(c, "category", m->items[i].group_category);
        /* consecutive entries of one group share one metaGroup */
        while (j < m->count &&
               ((m->items[j].group_category == NULL &&
                 m->items[i].group_category == NULL) ||
                (m->items[j].group_category && m->items[i].group_category &&
                 strcmp(m->items[j].group_category, m->items[i].group_category) == 0)) &&
               ((m->items[j].group_id == NULL && m->items[i].group_id == NULL) ||
                (m->items[j].group_id && m->items[i].group_id &&
                 strcmp(m->items[j].group_id, m->items[i].group_id) == 0))) {
            xw_start(c, "mda:meta");
            xw_attr(c, "type", m->items[j].type ? m->items[j].type : "");
            xw_text(c, m->items[j].value);
            xw_end(c);
            j++;
        }
        xw_end(c);
        i = j;
    }
    xw_end(c);
}

static void write_matches20(struct wctx *c, const struct tu_unit *u,
                            const char *first_seg)
{
    char buf[64];
    if (u->match_count == 0) {
        return;
    }
    xw_start(c, "mtc:matches");
    for (size_t i = 0; i < u->match_count; i++) {
        const struct tu_match *m = &u->matches[i];
        struct wctx sub = *c;
        xw_start(c, "mtc:match");
        xw_attr(c, "id", m->id);
        if (m->match_quality >= 0 && m->match_quality <= 100) {
            xw_fmt_num(buf, sizeof buf, m->match_quality);
            xw_attr(c, "matchQuality", buf);
        }
        xw_attr(c, "origin", m->origin);
        if (m->ref != NULL && m->ref[0] == '#') {
            xw_attr(c, "ref", m->ref);
        } else {
            snprintf(buf, sizeof buf, "#%s", m->ref ? m->ref : first_seg);
            xw_attr(c, "ref", buf);
        }
        if (m->reference) {
            xw_attr(c, "reference", "yes");
        }
        if (m->similarity >= 0 && m->similarity <= 100) {
            xw_fmt_num(buf, sizeof buf, m->similarity);
            xw_attr(c, "similarity", buf);
        }
        if (m->subtype && subtype_ok(m->subtype)) {
            xw_attr(c, "subType", m->subtype);
        }
        if (m->type != NULL) {
            static const char *const ok[] = {"am", "mt", "icm", "idm", "tb", "tm", "other"};
            for (size_t k = 0; k < sizeof ok / sizeof *ok; k++) {
                if (strcmp(m->type, ok[k]) == 0) {
                    xw_attr(c, "type", m->type);
                }
            }
        }
        xw_extra_attrs(c, &m->extra);
        /* the match's own <mda:metadata> comes first (5.1.5.2) */
        xw_exts_where(c, &m->exts, true);
        if (m->note != NULL) {
            char cat[] = "tumac", typ[] = "note";
            struct tu_meta me = {NULL, cat, typ, m->note};
            struct tu_metas ms = {&me, 1, 1};
            write_metas20(c, &ms);
        }
        /* the candidate's codes get their own originalData */
        sub.data = NULL;
        sub.data_count = sub.data_cap = 0;
        collect_data(&sub, &m->source);
        collect_data(&sub, &m->target);
        write_odata(c, sub.data, sub.data_count);
        sub.rc = c->rc;
        write_content20(&sub, "source", &m->source, false, 0);
        write_content20(&sub, "target", &m->target, true, 0);
        c->rc = sub.rc;
        c->gen = sub.gen;
        c->oom |= sub.oom;
        tu_free(sub.data);
        xw_exts_where(c, &m->exts, false);
        xw_end(c);
    }
    xw_end(c);
}


/* `id` is taken by a segment, ignorable or inline code of the unit */
static bool unit_uses_id(const struct tu_unit *u, const char *id)
{
    for (size_t i = 0; i < u->seg_count; i++) {
        const struct tu_segment *s = &u->segs[i];
        if (s->id && strcmp(s->id, id) == 0) {
            return true;
        }
        for (size_t k = 0; k < s->source.count; k++) {
            if (s->source.items[k].id && strcmp(s->source.items[k].id, id) == 0) {
                return true;
            }
        }
    }
    return false;
}

static void write_unit20(struct wctx *c, const struct tu_unit *u)
{
    char buf[32], sbuf[32], fbuf[32];
    const char *first_seg = NULL;
    const struct tu_segment *first = NULL;

    c->unit = xw_start_id(c, "unit", u->id, 'u', buf);
    xw_attr(c, "name", u->name);
    if (u->type && subtype_ok(u->type)) {
        xw_attr(c, "type", u->type);
    }
    xw_translate_attr(c, u->translate);
    xw_attr(c, "xml:space", u->space);
    xw_extra_attrs(c, &u->extra);

    /* the first segment's id: what mtc:match refs without their own point to */
    for (size_t i = 0; i < u->seg_count && first == NULL; i++) {
        if (!u->segs[i].is_ignorable) {
            first = &u->segs[i];
        }
    }
    if (first != NULL && first->id != NULL) {
        first_seg = first->id;
    } else if (!unit_uses_id(u, "s1")) {
        first_seg = "s1";
    } else {
        do {
            snprintf(fbuf, sizeof fbuf, "s%u", ++c->gen);
        } while (unit_uses_id(u, fbuf));
        first_seg = fbuf;
    }
    write_matches20(c, u, first_seg);
    write_metas20(c, &u->meta);
    xw_exts(c, &u->exts);
    write_notes20(c, &u->notes);

    c->data_count = 0;
    for (size_t i = 0; i < u->seg_count; i++) {
        collect_data(c, &u->segs[i].source);
        collect_data(c, &u->segs[i].target);
    }
    write_odata(c, c->data, c->data_count);
    bool any_seg = false;
    for (size_t i = 0; i < u->seg_count; i++) {
        const struct tu_segment *s = &u->segs[i];
        any_seg |= !s->is_ignorable;
        xw_start(c, s->is_ignorable ? "ignorable" : "segment");
        if (s->id != NULL) {
            xw_attr(c, "id", s->id);
        } else if (s == first) {
            xw_attr(c, "id", first_seg);
        } else if (!s->is_ignorable) {
            /* a generated id must not take one the unit already uses */
            do {
                snprintf(sbuf, sizeof sbuf, "s%u", ++c->gen);
            } while (unit_uses_id(u, sbuf) || strcmp(sbuf, first_seg) == 0);
            xw_attr(c, "id", sbuf);
        }
        if (!s->is_ignorable) {
            if (s->can_resegment_no) {
                xw_attr(c, "canResegment", "no");
            }
            enum tu_state st = s->state;
            if (!s->has_target && st > TU_STATE_INITIAL) {
                st = TU_STATE_INITIAL;
            }
            if (st != TU_STATE_NONE) {
                xw_attr(c, "state", tu_state_name(st));
                if (subtype_ok(s->sub_state) && st == s->state) {
                    xw_attr(c, "subState", s->sub_state);
                }
            }
        }
        xw_extra_attrs(c, &s->extra);
        write_content20(c, "source", &s->source, false, 0);
        if (s->has_target) {
            write_content20(c, "target", &s->target, true, 0);
        }
        xw_end(c);
    }
    if (!any_seg) {
        /* a unit must hold a segment (2.1 §4.2.2.5); it gets the id a
         * re-read of it is written with */
        xw_start(c, "segment");
        xw_attr(c, "id", first_seg);
        xw_start(c, "source");
        xw_end(c);
        xw_end(c);
    }
    xw_end(c);
    c->unit = NULL;
}

static void write_nodes20(struct wctx *c, const struct tu_nodes *n);

static void write_group20(struct wctx *c, const struct tu_group *g)
{
    char buf[32];
    xw_start_id(c, "group", g->id, 'g', buf);
    xw_attr(c, "name", g->name);
    if (g->type && subtype_ok(g->type)) {
        xw_attr(c, "type", g->type);
    }
    xw_translate_attr(c, g->translate);
    xw_attr(c, "xml:space", g->space);
    xw_extra_attrs(c, &g->extra);
    write_metas20(c, &g->meta);
    xw_exts(c, &g->exts);
    write_notes20(c, &g->notes);
    write_nodes20(c, &g->children);
    xw_end(c);
}

static void write_nodes20(struct wctx *c, const struct tu_nodes *n)
{
    for (size_t i = 0; i < n->count; i++) {
        if (n->items[i].is_group) {
            write_group20(c, n->items[i].u.group);
        } else {
            write_unit20(c, n->items[i].u.unit);
        }
    }
}

void xw_write_doc20(struct wctx *c, const struct tu_doc *d)
{
    char buf[32];
    const char *ns = c->version == TU_XLIFF_2_2 ? XLIFF22_NS : XLIFF20_NS;

    xw_start(c, "xliff");
    xw_attr(c, "xmlns", ns);
    xw_attr(c, "xmlns:mtc", MTC_NS);
    xw_attr(c, "xmlns:mda", MDA_NS);
    xw_attr(c, "version", tu_xliff_version_name(c->version));
    xw_attr(c, "srcLang", xw_doc_lang(d, false) ? xw_doc_lang(d, false) : "und");
    xw_attr(c, "trgLang", xw_doc_lang(d, true));
    xw_extra_attrs(c, &d->extra);
    /*
     * 2.2 allows <notes> and <mda:metadata> before the files (kept as the
     * document's extension children); 2.0/2.1 allow nothing but <file>
     * there, so such content cannot be written in those versions.
     */
    if (c->version == TU_XLIFF_2_2) {
        xw_exts(c, &d->exts);
    }
    for (size_t i = 0; i < d->file_count; i++) {
        const struct tu_file *f = d->files[i];
        xw_start(c, "file");
        if (f->id != NULL) {
            xw_attr(c, "id", f->id);
        } else {
            snprintf(buf, sizeof buf, "f%zu", i + 1);
            xw_attr(c, "id", buf);
        }
        xw_attr(c, "original", f->original);
        xw_translate_attr(c, f->translate);
        xw_attr(c, "xml:space", f->space);
        xw_extra_attrs(c, &f->extra);
        if (f->skeleton != NULL || f->skeleton_href != NULL) {
            xw_start(c, "skeleton");
            if (f->skeleton == NULL || f->skeleton[0] == '\0') {
                xw_attr(c, "href", f->skeleton_href);
            }
            xw_text(c, f->skeleton);
            xw_end(c);
        }
        write_metas20(c, &f->meta);
        xw_exts(c, &f->exts);
        write_notes20(c, &f->notes);
        write_nodes20(c, &f->children);
        if (f->children.count == 0) {
            xw_start(c, "unit");
            xw_attr(c, "id", "u-empty");
            xw_start(c, "segment");
            xw_attr(c, "id", "s1"); /* what a re-read of this unit gets written with */
            xw_start(c, "source");
            xw_end(c);
            xw_end(c);
            xw_end(c);
        }
        xw_end(c);
    }
    xw_end(c);
}
