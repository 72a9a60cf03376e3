/*
 * XLIFF 1.2 reader (1.1 read as 1.2): <trans-unit>s with their
 * <seg-source>/<target> segments, inline codes (bpt/ept pairs back to
 * paired codes), states, alt-trans matches and what CAT tools write
 * (OmegaT, Translate Toolkit) -> the model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include <tumac/alloc.h>
#include <tumac/xliff.h>

#include "read-int.h"

/*
 * po2xliff -t appends its units in the 1.1 namespace to a 1.2 document:
 * 1.1 and 1.2 elements are read alike (the XSD still rejects the mix), so
 * those units are read, not kept as unknown extensions.
 */
static void one_xliff1_ns(xmlNodePtr n, xmlNsPtr ns)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (n->ns != NULL && n->ns != ns &&
            (strcmp((const char *)n->ns->href, XLIFF11_NS) == 0 ||
             strcmp((const char *)n->ns->href, XLIFF12_NS) == 0)) {
            n->ns = ns;
        }
        one_xliff1_ns(n->children, ns);
    }
}

static void read_inline12(struct rctx *c, xmlNodePtr parent, struct tu_content *ct)
{
    for (xmlNodePtr n = parent->children; n && c->st == TU_OK; n = n->next) {
        if (xr_inline_text(c, n, ct)) {
            continue;
        }
        if (n->type != XML_ELEMENT_NODE || !xr_in_core(c, n)) {
            continue;
        }
        const char *nm = (const char *)n->name;
        char *id = xr_get(n, "id");
        char *rid = xr_get(n, "rid");
        struct tu_inline *in = NULL;
        if (strcmp(nm, "g") == 0 || strcmp(nm, "mrk") == 0) {
            bool g = nm[0] == 'g';
            in = tu_content_add(ct, g ? TU_INLINE_PC_START : TU_INLINE_MRK_START, g ? id : NULL);
            if (in != NULL && !g) {
                in->id = xr_get(n, "mid");
                if (xr_attr_is(n, "mtype", "protected")) {
                    in->flags |= TU_INLINE_TRANSLATE_NO;
                    in->type = tu_strdup("generic");
                } else {
                    char *mt = xr_get(n, "mtype");
                    if (mt && strncmp(mt, "x-", 2) == 0) {
                        in->type = tu_strdup(mt + 2);
                        tu_free(mt);
                    } else {
                        in->type = mt;
                    }
                    in->value = xr_get(n, "comment");
                }
            }
            if (in != NULL) {
                /* the children grow ct->items: `in` is not valid after them */
                char *sid = in->id ? tu_strdup(in->id) : NULL;
                if (g) {
                    in->equiv = xr_get(n, "equiv-text");
                }
                read_inline12(c, n, ct);
                if (tu_content_add(ct, g ? TU_INLINE_PC_END : TU_INLINE_MRK_END, sid) == NULL) {
                    xr_oom(c);
                }
                tu_free(sid);
            } else {
                xr_oom(c);
            }
            tu_free(id);
            tu_free(rid);
            continue;
        } else if (strcmp(nm, "x") == 0 || strcmp(nm, "ph") == 0) {
            in = tu_content_add(ct, TU_INLINE_PH, id);
            if (in && nm[0] == 'p') {
                in->data = xr_text_of(n);
            }
        } else if (strcmp(nm, "bx") == 0 || strcmp(nm, "bpt") == 0) {
            in = tu_content_add(ct, TU_INLINE_SC, rid ? rid : id);
            if (in && nm[1] == 'p') {
                in->data = xr_text_of(n);
            }
        } else if (strcmp(nm, "ex") == 0 || strcmp(nm, "ept") == 0) {
            in = tu_content_add(ct, TU_INLINE_EC, rid ? rid : id);
            if (in && nm[1] == 'p') {
                in->data = xr_text_of(n);
            }
        } else if (strcmp(nm, "it") == 0) {
            in = tu_content_add(ct, xr_attr_is(n, "pos", "close") ? TU_INLINE_EC : TU_INLINE_SC, id);
            if (in) {
                in->flags |= TU_INLINE_ISOLATED;
                in->data = xr_text_of(n);
            }
        } else {
            tu_free(id);
            tu_free(rid);
            continue;
        }
        if (in == NULL) {
            xr_oom(c);
        } else if (in->kind != TU_INLINE_MRK_START) {
            in->equiv = xr_get(n, "equiv-text");
        }
        tu_free(id);
        tu_free(rid);
    }
}

/*
 * 1.2 bpt/ept pairs that nest properly inside one content were a <pc> with
 * original data before (the 1.2 writer keeps the data that way): pair
 * them. bx/ex stay spanning codes: the writer makes them only of those (a
 * <pc> without data becomes <g>), and pairing them would turn the next
 * write's bx/ex into a <g>.
 */
static void pair_codes(struct tu_content *ct)
{
    for (size_t i = 0; i < ct->count; i++) {
        struct tu_inline *s = &ct->items[i];
        if (s->kind != TU_INLINE_SC || s->id == NULL || s->data == NULL ||
            (s->flags & TU_INLINE_ISOLATED)) {
            continue;
        }
        int level = 0;
        for (size_t j = i + 1; j < ct->count; j++) {
            struct tu_inline *e = &ct->items[j];
            if (e->kind == TU_INLINE_SC || e->kind == TU_INLINE_PC_START ||
                e->kind == TU_INLINE_MRK_START) {
                level++;
            } else if (e->kind == TU_INLINE_PC_END || e->kind == TU_INLINE_MRK_END) {
                if (--level < 0) {
                    break;
                }
            } else if (e->kind == TU_INLINE_EC) {
                if (e->id && strcmp(e->id, s->id) == 0 && !(e->flags & TU_INLINE_ISOLATED)) {
                    if (level == 0) {
                        s->kind = TU_INLINE_PC_START;
                        e->kind = TU_INLINE_PC_END;
                        s->data_end = e->data;
                        e->data = NULL;
                        s->equiv_end = e->equiv;
                        e->equiv = NULL;
                    }
                    break;
                }
                if (--level < 0) {
                    break;
                }
            }
        }
    }
}

static enum tu_state state12(const char *s)
{
    if (s == NULL) {
        return TU_STATE_NONE;
    }
    if (strcmp(s, "final") == 0) {
        return TU_STATE_FINAL;
    }
    if (strcmp(s, "signed-off") == 0) {
        return TU_STATE_REVIEWED;
    }
    if (strcmp(s, "translated") == 0 || strncmp(s, "needs-review", 12) == 0) {
        return TU_STATE_TRANSLATED;
    }
    return TU_STATE_INITIAL;
}

static void seg_content12(struct rctx *c, xmlNodePtr n, struct tu_unit *u,
                          bool target)
{
    /* walk a seg-source/target split by <mrk mtype="seg"> */
    size_t segi = 0;
    struct tu_content pending = {0};
    for (xmlNodePtr k = n->children; k && c->st == TU_OK; k = k->next) {
        if (xr_is(k, c->ns, "mrk") && xr_attr_is(k, "mtype", "seg")) {
            struct tu_segment *s = NULL;
            char *mid = xr_get(k, "mid");
            if (!target && xr_seg_id_taken(u, mid)) {
                xr_fail(c, k, TU_EPARSE,
                        "duplicate mid '%s' in <seg-source> (the segments of <target> are matched to these by mid)",
                        mid);
            }
            if (!target) {
                if (pending.count > 0) {
                    struct tu_segment *ig = tu_unit_add_segment(u, NULL, true);
                    if (ig == NULL || tu_content_copy(&ig->source, &pending) != TU_OK) {
                        xr_oom(c);
                    }
                    tu_content_clear(&pending);
                }
                s = tu_unit_add_segment(u, mid, false);
            } else {
                for (size_t i = 0; i < u->seg_count && s == NULL; i++) {
                    if (!u->segs[i].is_ignorable && mid && u->segs[i].id &&
                        strcmp(u->segs[i].id, mid) == 0) {
                        s = &u->segs[i];
                    }
                }
                for (; s == NULL && segi < u->seg_count; segi++) {
                    if (!u->segs[segi].is_ignorable) {
                        s = &u->segs[segi++];
                    }
                }
            }
            if (target && s != NULL && s->has_target) {
                /* it would be appended to the first one's translation */
                xr_fail(c, k, TU_EPARSE,
                        "a second <mrk mtype=\"seg\"> for segment '%s' in <target> (each segment is translated once)",
                        s->id ? s->id : "");
            }
            tu_free(mid);
            if (s == NULL || c->st != TU_OK) {
                if (!target && c->st == TU_OK) {
                    xr_oom(c);
                }
                continue;
            }
            struct tu_content *ct = target ? &s->target : &s->source;
            if (target) {
                s->has_target = true;
            }
            read_inline12(c, k, ct);
            pair_codes(ct);
        } else if (!target) {
            xmlNodePtr next = k->next;
            xmlNode fake = *n;
            /* read this one node as content */
            k->next = NULL;
            fake.children = k;
            read_inline12(c, &fake, &pending);
            k->next = next;
        }
    }
    if (!target && pending.count > 0) {
        struct tu_segment *ig = tu_unit_add_segment(u, NULL, true);
        if (ig == NULL || tu_content_copy(&ig->source, &pending) != TU_OK) {
            xr_oom(c);
        }
    }
    tu_content_clear(&pending);
}

/* Does this <target> split into <mrk mtype="seg">s (else it is one whole)? */
static bool has_seg_mrks(const struct rctx *c, xmlNodePtr target)
{
    for (xmlNodePtr k = target->children; k; k = k->next) {
        if (xr_is(k, c->ns, "mrk") && xr_attr_is(k, "mtype", "seg")) {
            return true;
        }
    }
    return false;
}

/*
 * A target that repeats its source under a state that says it is not done
 * (new, needs-translation: what tumac writes for CAT tools, and what OmegaT
 * gives back for a segment it left alone) is no translation; nor is one
 * marked approved="no" (pomerge's fuzzy PO entry: a draft, often half
 * English).
 */
/* The mids tumac listed as untranslated (write.c), NULL if none listed. */
static char *untranslated_list(const struct rctx *c, xmlNodePtr unit)
{
    for (xmlNodePtr g = unit->children; g; g = g->next) {
        if (!xr_is(g, c->ns, "context-group")) {
            continue;
        }
        for (xmlNodePtr k = g->children; k; k = k->next) {
            if (xr_is(k, c->ns, "context") &&
                xr_attr_is(k, "context-type", TU_XLIFF12_UNTRANSLATED)) {
                return xr_text_of(k);
            }
        }
    }
    return NULL;
}

static bool in_list(const char *list, const char *id)
{
    size_t n = id ? strlen(id) : 0;
    for (const char *p = list; n > 0 && (p = strstr(p, id)) != NULL; p += n) {
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) {
            return true;
        }
    }
    return false;
}

/*
 * `listed`: the mids tumac wrote as untranslated in a unit that mixes
 * translated and untranslated segments; a segment not listed is a
 * translation even when it equals its source ("OSCE" for "OSCE"), and was
 * translated before the unit's state (its least-finished segment's) was set.
 */
static void drop_source_copies(struct tu_unit *u, bool not_approved,
                               const char *listed)
{
    for (size_t i = 0; i < u->seg_count; i++) {
        struct tu_segment *s = &u->segs[i];
        if (s->is_ignorable || !s->has_target || s->state != TU_STATE_INITIAL) {
            continue;
        }
        if (listed != NULL && !in_list(listed, s->id) && !not_approved) {
            s->state = TU_STATE_TRANSLATED;
            continue;
        }
        if (!not_approved && (!tu_content_equal(&s->target, &s->source) ||
                              (listed != NULL && !in_list(listed, s->id)))) {
            continue;
        }
        tu_content_clear(&s->target);
        s->has_target = false;
        s->state = TU_STATE_NONE;
        tu_free(s->sub_state);
        s->sub_state = NULL;
    }
}

static void read_unit12(struct rctx *c, xmlNodePtr n, struct tu_unit *u)
{
    xmlNodePtr source = NULL, segsrc = NULL, target = NULL;
    u->name = xr_get(n, "resname");
    u->translate = xr_get_translate(n);
    u->space = xr_get_xml(n, "space");
    xr_keep_attrs(c, n, &u->extra, xr_space_only);
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (xr_is(k, c->ns, "source")) {
            source = k;
        } else if (xr_is(k, c->ns, "seg-source")) {
            segsrc = k;
        } else if (xr_is(k, c->ns, "target")) {
            target = k;
        }
    }
    if (source == NULL) {
        xr_fail(c, n, TU_EPARSE, "<trans-unit> without <%s>", "source");
        return;
    }
    enum tu_state st = TU_STATE_NONE;
    char *qual = NULL;
    if (target != NULL) {
        char *s = xr_get(target, "state");
        st = state12(s);
        tu_free(s);
        qual = xr_get(target, "state-qualifier");
        if (st == TU_STATE_NONE) {
            st = xr_attr_is(n, "approved", "yes") ? TU_STATE_FINAL : TU_STATE_TRANSLATED;
        } else if (st == TU_STATE_TRANSLATED && xr_attr_is(n, "approved", "yes")) {
            /* issue 16 (batchtrust): approved="yes" approves a translated
             * target (tools keep state="translated" and set approved);
             * an untranslated state stays unapproved, the safe side */
            st = TU_STATE_REVIEWED;
        }
    }
    if (segsrc != NULL && target != NULL && !has_seg_mrks(c, target)) {
        /* a whole-unit target (OmegaT, po2xliff): the unit is one segment */
        segsrc = NULL;
    }
    if (segsrc != NULL) {
        seg_content12(c, segsrc, u, false);
        if (target != NULL) {
            seg_content12(c, target, u, true);
        }
    } else {
        struct tu_segment *s = tu_unit_add_segment(u, NULL, false);
        if (s == NULL) {
            xr_oom(c);
            tu_free(qual);
            return;
        }
        s->source.lang = xr_get_xml(source, "lang");
        read_inline12(c, source, &s->source);
        pair_codes(&s->source);
        if (target != NULL) {
            s->has_target = true;
            s->target.lang = xr_get_xml(target, "lang");
            read_inline12(c, target, &s->target);
            pair_codes(&s->target);
        }
    }
    for (size_t i = 0; i < u->seg_count; i++) {
        if (!u->segs[i].is_ignorable && u->segs[i].has_target) {
            u->segs[i].state = st;
            if (qual != NULL) {
                u->segs[i].sub_state = tu_strdup(qual);
            }
        }
    }
    tu_free(qual);
    for (size_t i = 0; i < u->seg_count && c->st == TU_OK; i++) {
        struct tu_segment *s = &u->segs[i];
        int got = s->has_target ? tu_xliff_codes_from_text(&s->target, &s->source) : 0;
        if (got < 0) {
            xr_oom(c);
        } else if (got > 0) {
            pair_codes(&s->target);
        }
    }
    char *listed = untranslated_list(c, n);
    drop_source_copies(u, xr_attr_is(n, "approved", "no"), listed);
    tu_free(listed);
    for (xmlNodePtr k = n->children; k && c->st == TU_OK; k = k->next) {
        if (xr_is(k, c->ns, "note")) {
            struct tu_note *no = xr_add_note(c, k, &u->notes);
            if (no == NULL) {
                return;
            }
            no->priority = xr_get(k, "priority");
            no->category = xr_get(k, "from");
            char *an = xr_get(k, "annotates");
            if (an && (strcmp(an, "source") == 0 || strcmp(an, "target") == 0)) {
                no->applies_to = an;
            } else {
                tu_free(an);
            }
        } else if (xr_is(k, c->ns, "alt-trans")) {
            struct tu_match *m = tu_unit_add_match(u);
            if (m == NULL) {
                xr_oom(c);
                return;
            }
            /* the model's ref is the 2.x fragment form "#s1" (as leverage
             * writes it): a mid that starts with '#' stays one '#' longer,
             * and the 1.2 writer's one '#' less gives it back */
            char *mid = xr_get(k, "mid");
            if (mid != NULL) {
                m->ref = tu_malloc(strlen(mid) + 2);
                if (m->ref == NULL) {
                    tu_free(mid);
                    xr_oom(c);
                    return;
                }
                m->ref[0] = '#';
                strcpy(m->ref + 1, mid);
                tu_free(mid);
            }
            m->match_quality = xr_num_attr(c, k, "match-quality");
            m->similarity = -1;
            m->origin = xr_get(k, "origin");
            m->type = tu_strdup("tm");
            for (xmlNodePtr e = k->children; e; e = e->next) {
                if (xr_is(e, c->ns, "source")) {
                    read_inline12(c, e, &m->source);
                    pair_codes(&m->source);
                } else if (xr_is(e, c->ns, "target")) {
                    read_inline12(c, e, &m->target);
                    pair_codes(&m->target);
                } else if (xr_is(e, c->ns, "note") && m->note == NULL) {
                    m->note = xr_text_of(e);
                }
            }
            if (m->source.count == 0 && u->seg_count > 0) {
                tu_content_copy(&m->source, &u->segs[0].source);
            }
        } else if (k->type == XML_ELEMENT_NODE && !xr_in_core(c, k)) {
            xr_keep_ext(c, k, &u->exts);
        }
    }
}

/* A child's start tag, or its whole subtree, with 1.1 read as 1.2. */
static xmlNodePtr kid12(struct rctx *c, struct xr_kids *k, xmlNsPtr ns)
{
    xmlNodePtr n = xr_kids_next(c, k);
    if (n != NULL && n->ns != NULL && n->ns != ns &&
        (strcmp((const char *)n->ns->href, XLIFF11_NS) == 0 ||
         strcmp((const char *)n->ns->href, XLIFF12_NS) == 0)) {
        n->ns = ns;
    }
    return n;
}

static xmlNodePtr expand12(struct rctx *c, xmlNsPtr ns)
{
    xmlNodePtr n = xr_expand(c);
    if (n != NULL) {
        one_xliff1_ns(n->children, ns);
    }
    return n;
}

static void read_body12(struct rctx *c, xmlNsPtr ns, struct tu_file *f, struct tu_group *g)
{
    struct xr_kids kids;
    xr_kids_begin(c, &kids);
    for (xmlNodePtr k; (k = kid12(c, &kids, ns)) != NULL;) {
        if (xr_is(k, c->ns, "trans-unit")) {
            struct tu_unit *u = xr_add_unit(c, k, f, g);
            if (u == NULL || (k = expand12(c, ns)) == NULL) {
                return;
            }
            read_unit12(c, k, u);
        } else if (xr_is(k, c->ns, "group")) {
            struct tu_group *ng = xr_add_group(c, k, f, g);
            if (ng == NULL) {
                return;
            }
            ng->name = xr_get(k, "resname");
            ng->translate = xr_get_translate(k);
            ng->space = xr_get_xml(k, "space");
            read_body12(c, ns, f, ng);
        } else if (xr_is(k, c->ns, "note") && g != NULL) {
            if ((k = expand12(c, ns)) != NULL) {
                xr_add_note(c, k, &g->notes);
            }
        } else if (!xr_in_core(c, k)) {
            if ((k = expand12(c, ns)) != NULL) {
                xr_keep_ext(c, k, g ? &g->exts : &f->exts);
            }
        }
    }
}

static void read_header12(struct rctx *c, xmlNodePtr e, struct tu_file *f)
{
    for (xmlNodePtr h = e->children; h; h = h->next) {
        if (xr_is(h, c->ns, "skl")) {
            for (xmlNodePtr s = h->children; s && c->st == TU_OK; s = s->next) {
                bool file = xr_is(s, c->ns, "internal-file") ||
                            xr_is(s, c->ns, "external-file");
                if (file && xr_second_skeleton(c, s, f)) {
                    break;
                }
                if (xr_is(s, c->ns, "internal-file")) {
                    f->skeleton = xr_text_of(s);
                } else if (xr_is(s, c->ns, "external-file")) {
                    f->skeleton_href = xr_get(s, "href");
                }
            }
        } else if (xr_is(h, c->ns, "note")) {
            xr_add_note(c, h, &f->notes);
        }
    }
}

void xr_read_doc12(struct rctx *c, xmlNodePtr root, struct tu_doc *d)
{
    size_t nfile = 0;
    struct xr_kids files;
    xr_kids_begin(c, &files);
    for (xmlNodePtr k; (k = kid12(c, &files, root->ns)) != NULL;) {
        if (!xr_is(k, c->ns, "file")) {
            continue;
        }
        char idb[32];
        snprintf(idb, sizeof idb, "f%zu", ++nfile);
        struct tu_file *f = tu_doc_add_file(d, idb);
        if (f == NULL) {
            xr_oom(c);
            return;
        }
        f->original = xr_get(k, "original");
        f->datatype = xr_get(k, "datatype");
        f->src_lang = xr_get(k, "source-language");
        f->trg_lang = xr_get(k, "target-language");
        f->space = xr_get_xml(k, "space");
        if (d->src_lang == NULL && f->src_lang) {
            d->src_lang = tu_strdup(f->src_lang);
        }
        if (d->trg_lang == NULL && f->trg_lang) {
            d->trg_lang = tu_strdup(f->trg_lang);
        }
        struct xr_kids parts;
        xr_kids_begin(c, &parts);
        for (xmlNodePtr e; (e = kid12(c, &parts, root->ns)) != NULL;) {
            if (xr_is(e, c->ns, "header")) {
                if ((e = expand12(c, root->ns)) != NULL) {
                    read_header12(c, e, f);
                }
            } else if (xr_is(e, c->ns, "body")) {
                read_body12(c, root->ns, f, NULL);
            }
        }
    }
}
