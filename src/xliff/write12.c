/*
 * XLIFF 1.2 writer: original data kept as bpt/ept/ph content, segments as
 * <mrk mtype="seg"> in <seg-source>/<target>, states, alt-trans matches and
 * the list of a mixed unit's untranslated segments.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include <tumac/alloc.h>
#include <tumac/xliff.h>

#include "write-int.h"

/* A paired code's end (ept/ex) has an id of its own ("<id>-e"); both
 * ends share the pair's id as rid. */
static void pair_ids(struct wctx *c, const struct tu_inline *in, const char *id)
{
    if (in->kind == TU_INLINE_EC) {
        char eb[40];
        snprintf(eb, sizeof eb, "%s-e", id);
        xw_attr(c, "id", eb);
    } else {
        xw_attr(c, "id", id);
    }
    xw_attr(c, "rid", id);
}

/* Is a start (bpt/bx) of code `id` in the element being written, `ct` or
 * the segments of c->seg_unit? The 1.2 schema wants an ept's or ex's rid
 * to name one; an end without (an ept with no rid, read by its own id) is
 * written as what it is, an isolated end: <it pos="close">. */
static bool start_written(const struct wctx *c, const struct tu_content *ct, const char *id)
{
    const struct tu_unit *u = c->seg_unit;
    char b[32];
    for (size_t k = 0; k < (u ? u->seg_count : 1); k++) {
        const struct tu_content *x = ct;
        if (u != NULL) {
            const struct tu_segment *s = &u->segs[k];
            x = c->seg_target && s->has_target ? &s->target : &s->source;
        }
        for (size_t i = 0; i < x->count; i++) {
            const struct tu_inline *in = &x->items[i];
            if (in->kind == TU_INLINE_SC && !(in->flags & TU_INLINE_ISOLATED) &&
                strcmp(xw_code_id(x, in, b, sizeof b), id) == 0) {
                return true;
            }
        }
    }
    return false;
}

static void write_content12(struct wctx *c, const struct tu_content *ct)
{
    char ibuf[32];
    int depth = 0;
    for (size_t i = 0; i < ct->count; i++) {
        const struct tu_inline *in = &ct->items[i];
        const char *id = xw_code_id(ct, in, ibuf, sizeof ibuf);
        switch (in->kind) {
        case TU_INLINE_TEXT:
            xw_text_cp(c, in->text, "source> or <target");
            break;
        case TU_INLINE_PH:
            xw_start(c, in->data ? "ph" : "x");
            xw_attr(c, "id", id);
            xw_attr(c, "equiv-text", in->equiv);
            xw_text(c, in->data);
            xw_end(c);
            break;
        case TU_INLINE_PC_START:
            if (in->data != NULL || in->data_end != NULL) {
                /* keep original data: bpt/ept, paired again on reading */
                xw_start(c, "bpt");
                xw_attr(c, "id", id);
                xw_attr(c, "rid", id);
                xw_attr(c, "equiv-text", in->equiv);
                xw_text(c, in->data);
                xw_end(c);
            } else {
                xw_start(c, "g");
                xw_attr(c, "id", id);
                depth++;
            }
            break;
        case TU_INLINE_PC_END: {
            const struct tu_inline *st = NULL;
            int level = 0;
            for (size_t k = i; k-- > 0;) {
                const struct tu_inline *p = &ct->items[k];
                if (p->kind == TU_INLINE_PC_END) {
                    level++;
                } else if (p->kind == TU_INLINE_PC_START) {
                    if (level == 0) {
                        st = p;
                        break;
                    }
                    level--;
                }
            }
            if (st != NULL && (st->data != NULL || st->data_end != NULL)) {
                char eb[40];
                snprintf(eb, sizeof eb, "%s-e", xw_code_id(ct, st, ibuf, sizeof ibuf));
                xw_start(c, "ept");
                xw_attr(c, "id", eb);
                xw_attr(c, "rid", xw_code_id(ct, st, ibuf, sizeof ibuf));
                xw_attr(c, "equiv-text", st->equiv_end);
                xw_text(c, st->data_end);
                xw_end(c);
            } else if (depth > 0) {
                xw_end(c);
                depth--;
            }
            break;
        }
        case TU_INLINE_SC:
        case TU_INLINE_EC:
            if ((in->flags & TU_INLINE_ISOLATED) ||
                (in->kind == TU_INLINE_EC && !start_written(c, ct, id))) {
                xw_start(c, "it");
                xw_attr(c, "id", id);
                xw_attr(c, "pos", in->kind == TU_INLINE_SC ? "open" : "close");
                xw_attr(c, "equiv-text", in->equiv);
                xw_text(c, in->data);
                xw_end(c);
            } else if (in->data != NULL) {
                xw_start(c, in->kind == TU_INLINE_SC ? "bpt" : "ept");
                pair_ids(c, in, id);
                xw_attr(c, "equiv-text", in->equiv);
                xw_text(c, in->data);
                xw_end(c);
            } else {
                xw_start(c, in->kind == TU_INLINE_SC ? "bx" : "ex");
                pair_ids(c, in, id);
                xw_attr(c, "equiv-text", in->equiv);
                xw_end(c);
            }
            break;
        case TU_INLINE_MRK_START: {
            char mt[80];
            xw_start(c, "mrk");
            depth++;
            if (in->flags & TU_INLINE_TRANSLATE_NO) {
                xw_attr(c, "mtype", "protected");
            } else if (in->type && strcmp(in->type, "term") == 0) {
                xw_attr(c, "mtype", "term");
            } else {
                snprintf(mt, sizeof mt, "x-%s", in->type ? in->type : "generic");
                xw_attr(c, "mtype", mt);
            }
            /* no mid: 1.2 keyrefs every target mrk/@mid to a seg-source segment */
            if (in->value != NULL && in->type && strcmp(in->type, "comment") == 0) {
                xw_attr(c, "comment", in->value);
            }
            break;
        }
        case TU_INLINE_MRK_END:
            if (depth > 0) {
                xw_end(c);
                depth--;
            }
            break;
        case TU_INLINE_SM:
        case TU_INLINE_EM:
            break; /* 1.2 has no marker split across elements */
        }
    }
    while (depth-- > 0) {
        xw_end(c);
    }
}

static const char *state12(enum tu_state st)
{
    switch (st) {
    case TU_STATE_INITIAL:
        return "needs-translation";
    case TU_STATE_TRANSLATED:
        return "translated";
    case TU_STATE_REVIEWED:
        return "signed-off";
    case TU_STATE_FINAL:
        return "final";
    default:
        return NULL;
    }
}

static bool qualifier_ok(const char *q)
{
    static const char *const ok[] = {
        "exact-match", "fuzzy-match", "id-match", "leveraged-glossary",
        "leveraged-inherited", "leveraged-mt", "leveraged-repository",
        "leveraged-tm", "mt-suggestion", "rejected-grammar",
        "rejected-inaccurate", "rejected-length", "rejected-spelling",
        "tm-suggestion"};
    for (size_t i = 0; q && i < sizeof ok / sizeof *ok; i++) {
        if (strcmp(q, ok[i]) == 0) {
            return true;
        }
    }
    return false;
}

/* The mid of segment i in 1.2: its id, else its number from 1. */
static const char *seg_mid12(const struct tu_unit *u, size_t i, char buf[32])
{
    if (u->segs[i].id != NULL) {
        return u->segs[i].id;
    }
    snprintf(buf, 32, "%zu", i + 1);
    return buf;
}

static void write_segs12(struct wctx *c, const struct tu_unit *u, bool target,
                         bool mark)
{
    c->seg_unit = u;
    c->seg_target = target;
    for (size_t i = 0; i < u->seg_count; i++) {
        const struct tu_segment *s = &u->segs[i];
        const struct tu_content *ct = target ? &s->target : &s->source;
        if (target && !s->has_target) {
            /* untranslated: the source, as CAT tools (OmegaT) expect; the
             * unit's state says it is not a translation (see read.c) */
            ct = &s->source;
        }
        if (mark && !s->is_ignorable) {
            char buf[32];
            xw_start(c, "mrk");
            xw_attr(c, "mtype", "seg");
            xw_attr(c, "mid", seg_mid12(u, i, buf));
            write_content12(c, ct);
            xw_end(c);
        } else {
            write_content12(c, ct);
        }
    }
    c->seg_unit = NULL;
}

/*
 * A unit with translated and untranslated segments: the mids of the
 * untranslated ones, so that a translation identical to its source is told
 * from a source copy (the unit's state covers all of them; see read.c).
 */
static void write_untranslated12(struct wctx *c, const struct tu_unit *u)
{
    struct tu_buf list;
    size_t done = 0, open = 0;
    char buf[32];

    for (size_t i = 0; i < u->seg_count; i++) {
        done += !u->segs[i].is_ignorable && u->segs[i].has_target;
        open += !u->segs[i].is_ignorable && !u->segs[i].has_target;
    }
    if (done == 0 || open == 0) {
        return;
    }
    tu_buf_init(&list, TU_BUF_NO_LIMIT);
    for (size_t i = 0; i < u->seg_count; i++) {
        if (!u->segs[i].is_ignorable && !u->segs[i].has_target) {
            tu_buf_printf(&list, "%s%s", list.len ? " " : "", seg_mid12(u, i, buf));
        }
    }
    xw_start(c, "context-group"); /* no name: names are unique per <file> */
    xw_attr(c, "purpose", "information");
    xw_start(c, "context");
    xw_attr(c, "context-type", TU_XLIFF12_UNTRANSLATED);
    xw_text(c, list.len ? list.data : "");
    xw_end(c);
    xw_end(c);
    tu_buf_release(&list);
}

static void write_unit12(struct wctx *c, const struct tu_unit *u)
{
    char buf[32];
    bool multi = u->seg_count != 1 || u->segs[0].is_ignorable;
    enum tu_state st = TU_STATE_NONE;
    const char *qual = NULL;

    /* The unit's state is its least-finished segment's; one without a
     * target needs translation, and so does a target without a state (a
     * 2.x one: the state 2.x assumes is initial, and TM import skips it).
     * Written without a state, the 1.2 reader would take it as translated,
     * as it must a stateless 1.2 target from another tool. */
    for (size_t i = 0; i < u->seg_count; i++) {
        const struct tu_segment *s = &u->segs[i];
        enum tu_state ss = s->has_target && s->state != TU_STATE_NONE ? s->state
                                                                      : TU_STATE_INITIAL;
        if (s->is_ignorable) {
            continue;
        }
        if (ss != TU_STATE_NONE && (st == TU_STATE_NONE || ss < st)) {
            st = ss;
        }
        if (qual == NULL && s->has_target && qualifier_ok(s->sub_state)) {
            qual = s->sub_state;
        }
    }
    c->unit = xw_start_id(c, "trans-unit", u->id, 'u', buf);
    xw_attr(c, "resname", u->name);
    xw_translate_attr(c, u->translate);
    xw_attr(c, "xml:space", u->space);
    if (st >= TU_STATE_REVIEWED) {
        xw_attr(c, "approved", "yes"); /* what PO tools read as not fuzzy */
    }
    /* 2.x extensions stay out: 1.2 strict demands schemas for them */
    xw_start(c, "source");
    if (u->seg_count > 0) {
        xw_attr(c, "xml:lang", u->segs[0].source.lang);
    }
    write_segs12(c, u, false, false);
    xw_end(c);
    if (multi) {
        xw_start(c, "seg-source");
        write_segs12(c, u, false, true);
        xw_end(c);
    }
    if (st != TU_STATE_NONE) {
        /* (none when the unit has only ignorables: a stateless <target>
         * would read back as a translated one) */
        xw_start(c, "target");
        xw_attr(c, "state", state12(st));
        xw_attr(c, "state-qualifier", qual);
        write_segs12(c, u, true, multi);
        xw_end(c);
    }
    write_untranslated12(c, u);
    for (size_t i = 0; i < u->match_count; i++) {
        const struct tu_match *m = &u->matches[i];
        xw_start(c, "alt-trans");
        if (multi && m->ref != NULL) {
            xw_attr(c, "mid", m->ref[0] == '#' ? m->ref + 1 : m->ref);
        }
        double q = m->match_quality >= 0 ? m->match_quality : m->similarity;
        if (q >= 0) {
            xw_fmt_num(buf, sizeof buf, q);
            xw_attr(c, "match-quality", buf);
        }
        xw_attr(c, "origin", m->origin);
        /* every match is a proposal in 1.2, typed or not (a 2.x match
         * without a type too: the 1.2 reader gives each the type "tm") */
        xw_attr(c, "alttranstype", "proposal");
        xw_start(c, "source");
        write_content12(c, &m->source);
        xw_end(c);
        xw_start(c, "target");
        write_content12(c, &m->target);
        xw_end(c);
        if (m->note != NULL) {
            xw_start(c, "note");
            xw_text(c, m->note);
            xw_end(c);
        }
        xw_end(c);
    }
    for (size_t i = 0; i < u->notes.count; i++) {
        const struct tu_note *no = &u->notes.items[i];
        xw_start(c, "note");
        if (no->applies_to != NULL) {
            xw_attr(c, "annotates", strcmp(no->applies_to, "target") == 0 ? "target" : "source");
        }
        xw_attr(c, "priority", no->priority);
        xw_attr(c, "from", no->category);
        xw_text(c, no->text);
        xw_end(c);
    }
    xw_end(c);
    c->unit = NULL;
}

static void write_nodes12(struct wctx *c, const struct tu_nodes *n)
{
    char buf[32];
    for (size_t i = 0; i < n->count; i++) {
        if (!n->items[i].is_group) {
            write_unit12(c, n->items[i].u.unit);
            continue;
        }
        const struct tu_group *g = n->items[i].u.group;
        xw_start_id(c, "group", g->id, 'g', buf);
        xw_attr(c, "resname", g->name);
        xw_translate_attr(c, g->translate);
        xw_attr(c, "xml:space", g->space);
        for (size_t k = 0; k < g->notes.count; k++) {
            xw_start(c, "note");
            xw_text(c, g->notes.items[k].text);
            xw_end(c);
        }
        write_nodes12(c, &g->children);
        xw_end(c);
    }
}

void xw_write_doc12(struct wctx *c, const struct tu_doc *d)
{
    xw_start(c, "xliff");
    xw_attr(c, "xmlns", XLIFF12_NS);
    xw_attr(c, "version", "1.2");
    for (size_t i = 0; i < d->file_count; i++) {
        const struct tu_file *f = d->files[i];
        xw_start(c, "file");
        xw_attr(c, "original", f->original ? f->original : (f->id ? f->id : "unknown"));
        xw_attr(c, "source-language",
             f->src_lang ? f->src_lang : (xw_doc_lang(d, false) ? xw_doc_lang(d, false) : "und"));
        xw_attr(c, "target-language", f->trg_lang ? f->trg_lang : xw_doc_lang(d, true));
        xw_attr(c, "datatype", f->datatype ? f->datatype : "plaintext");
        xw_attr(c, "xml:space", f->space);
        if (f->skeleton != NULL || f->skeleton_href != NULL || f->notes.count > 0) {
            xw_start(c, "header");
            if (f->skeleton != NULL) {
                xw_start(c, "skl");
                xw_start(c, "internal-file");
                xw_text(c, f->skeleton);
                xw_end(c);
                xw_end(c);
            } else if (f->skeleton_href != NULL) {
                xw_start(c, "skl");
                xw_start(c, "external-file");
                xw_attr(c, "href", f->skeleton_href);
                xw_end(c);
                xw_end(c);
            }
            for (size_t k = 0; k < f->notes.count; k++) {
                xw_start(c, "note");
                xw_text(c, f->notes.items[k].text);
                xw_end(c);
            }
            xw_end(c);
        }
        xw_start(c, "body");
        write_nodes12(c, &f->children);
        xw_end(c);
        xw_end(c);
    }
    xw_end(c);
}
