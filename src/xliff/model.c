/*
 * Construction and destruction of the document model (include/tumac/xliff.h).
 * Every add function appends to a growable array and returns the new,
 * zero-initialized item, or NULL when out of memory (the document stays
 * valid: a failed add leaves nothing half-made behind).
 */
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/xliff.h>


/* ---- attributes, extensions, notes, metadata ---- */

enum tu_status tu_attrs_add(struct tu_attrs *a, const char *ns,
                            const char *name, const char *value)
{
    struct tu_attr *items = tu_grow(a->items, sizeof(*items), a->count + 1,
                                    &a->cap);
    struct tu_attr *at;

    if (items == NULL) {
        return TU_ENOMEM;
    }
    a->items = items;
    at = &items[a->count];
    at->ns = tu_strdup(ns);
    at->name = tu_strdup(name);
    at->value = tu_strdup(value);
    if ((ns && !at->ns) || (name && !at->name) || (value && !at->value)) {
        tu_free(at->ns);
        tu_free(at->name);
        tu_free(at->value);
        return TU_ENOMEM;
    }
    a->count++;
    return TU_OK;
}

const char *tu_attrs_get(const struct tu_attrs *a, const char *ns,
                         const char *name)
{
    for (size_t i = 0; i < a->count; i++) {
        const struct tu_attr *at = &a->items[i];
        if (strcmp(at->name, name) == 0 &&
            (ns == NULL || (at->ns && strcmp(at->ns, ns) == 0))) {
            return at->value;
        }
    }
    return NULL;
}

static void attrs_release(struct tu_attrs *a)
{
    for (size_t i = 0; i < a->count; i++) {
        tu_free(a->items[i].ns);
        tu_free(a->items[i].name);
        tu_free(a->items[i].value);
    }
    tu_free(a->items);
    memset(a, 0, sizeof(*a));
}

enum tu_status tu_exts_add(struct tu_exts *e, const char *xml)
{
    struct tu_ext *items = tu_grow(e->items, sizeof(*items), e->count + 1,
                                   &e->cap);
    if (items == NULL) {
        return TU_ENOMEM;
    }
    e->items = items;
    items[e->count].xml = tu_strdup(xml);
    if (items[e->count].xml == NULL) {
        return TU_ENOMEM;
    }
    e->count++;
    return TU_OK;
}

static void exts_release(struct tu_exts *e)
{
    for (size_t i = 0; i < e->count; i++) {
        tu_free(e->items[i].xml);
    }
    tu_free(e->items);
    memset(e, 0, sizeof(*e));
}

struct tu_note *tu_notes_add(struct tu_notes *notes, const char *text)
{
    struct tu_note *items = tu_grow(notes->items, sizeof(*items),
                                    notes->count + 1, &notes->cap);
    struct tu_note *n;

    if (items == NULL) {
        return NULL;
    }
    notes->items = items;
    n = &items[notes->count];
    memset(n, 0, sizeof(*n));
    n->text = tu_strdup(text ? text : "");
    if (n->text == NULL) {
        return NULL;
    }
    notes->count++;
    return n;
}

void tu_notes_remove(struct tu_notes *notes, size_t i)
{
    struct tu_note *n = &notes->items[i];
    tu_free(n->id);
    tu_free(n->category);
    tu_free(n->applies_to);
    tu_free(n->priority);
    tu_free(n->text);
    attrs_release(&n->extra);
    memmove(n, n + 1, (notes->count - i - 1) * sizeof(*n));
    notes->count--;
}

static void notes_release(struct tu_notes *notes)
{
    while (notes->count > 0) {
        tu_notes_remove(notes, notes->count - 1);
    }
    tu_free(notes->items);
    memset(notes, 0, sizeof(*notes));
}

enum tu_status tu_metas_add(struct tu_metas *m, const char *group_category,
                            const char *type, const char *value)
{
    struct tu_meta *items = tu_grow(m->items, sizeof(*items), m->count + 1,
                                    &m->cap);
    struct tu_meta *e;

    if (items == NULL) {
        return TU_ENOMEM;
    }
    m->items = items;
    e = &items[m->count];
    memset(e, 0, sizeof(*e));
    e->group_category = tu_strdup(group_category);
    e->type = tu_strdup(type);
    e->value = tu_strdup(value ? value : "");
    if ((group_category && !e->group_category) || (type && !e->type) ||
        !e->value) {
        tu_free(e->group_category);
        tu_free(e->type);
        tu_free(e->value);
        return TU_ENOMEM;
    }
    m->count++;
    return TU_OK;
}

const char *tu_metas_get(const struct tu_metas *m, const char *type)
{
    for (size_t i = 0; i < m->count; i++) {
        if (m->items[i].type && strcmp(m->items[i].type, type) == 0) {
            return m->items[i].value;
        }
    }
    return NULL;
}

static void metas_release(struct tu_metas *m)
{
    for (size_t i = 0; i < m->count; i++) {
        tu_free(m->items[i].group_id);
        tu_free(m->items[i].group_category);
        tu_free(m->items[i].type);
        tu_free(m->items[i].value);
    }
    tu_free(m->items);
    memset(m, 0, sizeof(*m));
}

/* ---- inline content ---- */

static void inline_release(struct tu_inline *in)
{
    tu_free(in->text);
    tu_free(in->id);
    tu_free(in->data);
    tu_free(in->data_end);
    tu_free(in->equiv);
    tu_free(in->equiv_end);
    tu_free(in->disp);
    tu_free(in->disp_end);
    tu_free(in->type);
    tu_free(in->subtype);
    tu_free(in->value);
    tu_free(in->ref);
    tu_free(in->copy_of);
    tu_free(in->sub_flows);
    tu_free(in->dir);
    attrs_release(&in->extra);
}

void tu_content_clear(struct tu_content *c)
{
    for (size_t i = 0; i < c->count; i++) {
        inline_release(&c->items[i]);
    }
    tu_free(c->items);
    tu_free(c->lang);
    tu_free(c->space);
    attrs_release(&c->extra);
    memset(c, 0, sizeof(*c));
}

enum tu_status tu_content_add_text(struct tu_content *c, const char *text,
                                   size_t len)
{
    struct tu_inline *last = c->count ? &c->items[c->count - 1] : NULL;

    if (len == 0) {
        return TU_OK;
    }
    if (last != NULL && last->kind == TU_INLINE_TEXT) {
        size_t old = strlen(last->text);
        char *t = tu_realloc(last->text, old + len + 1);
        if (t == NULL) {
            return TU_ENOMEM;
        }
        memcpy(t + old, text, len);
        t[old + len] = '\0';
        last->text = t;
        return TU_OK;
    }
    last = tu_content_add(c, TU_INLINE_TEXT, NULL);
    if (last == NULL) {
        return TU_ENOMEM;
    }
    last->text = tu_strndup(text, len);
    if (last->text == NULL) {
        c->count--;
        return TU_ENOMEM;
    }
    return TU_OK;
}

/*
 * tu_grow for the arrays a document has hundreds of thousands of (a
 * sentence's inline items, a paragraph's segments): they start with one
 * slot rather than tu_grow's 8, which made memory 30x a large input.
 */
static void *grow_from_one(void *p, size_t size, size_t need, size_t *cap)
{
    if (*cap == 0 && need == 1) {
        void *q = tu_realloc(p, size);
        if (q != NULL) {
            *cap = 1;
        }
        return q;
    }
    return tu_grow(p, size, need, cap);
}

struct tu_inline *tu_content_add(struct tu_content *c, enum tu_inline_kind kind,
                                 const char *id)
{
    struct tu_inline *items = grow_from_one(c->items, sizeof(*items),
                                            c->count + 1, &c->cap);
    struct tu_inline *in;

    if (items == NULL) {
        return NULL;
    }
    c->items = items;
    in = &items[c->count];
    memset(in, 0, sizeof(*in));
    in->kind = kind;
    if (id != NULL) {
        in->id = tu_strdup(id);
        if (in->id == NULL) {
            return NULL;
        }
    }
    c->count++;
    return in;
}

static enum tu_status attrs_copy(struct tu_attrs *dst,
                                 const struct tu_attrs *src)
{
    for (size_t i = 0; i < src->count; i++) {
        const struct tu_attr *a = &src->items[i];
        if (tu_attrs_add(dst, a->ns, a->name, a->value) != TU_OK) {
            return TU_ENOMEM;
        }
    }
    return TU_OK;
}

#define COPY_STR(field)                                                       \
    do {                                                                      \
        if (s->field != NULL && (d->field = tu_strdup(s->field)) == NULL) {   \
            return TU_ENOMEM;                                                 \
        }                                                                     \
    } while (0)

static enum tu_status inline_copy(struct tu_inline *d, const struct tu_inline *s)
{
    d->kind = s->kind;
    d->flags = s->flags;
    d->reorder = s->reorder;
    COPY_STR(text);
    COPY_STR(id);
    COPY_STR(data);
    COPY_STR(data_end);
    COPY_STR(equiv);
    COPY_STR(equiv_end);
    COPY_STR(disp);
    COPY_STR(disp_end);
    COPY_STR(type);
    COPY_STR(subtype);
    COPY_STR(value);
    COPY_STR(ref);
    COPY_STR(copy_of);
    COPY_STR(sub_flows);
    COPY_STR(dir);
    return attrs_copy(&d->extra, &s->extra);
}

enum tu_status tu_content_copy(struct tu_content *dst,
                               const struct tu_content *src)
{
    struct tu_content *d = dst;
    const struct tu_content *s = src;

    for (size_t i = 0; i < src->count; i++) {
        struct tu_inline *in = tu_content_add(dst, src->items[i].kind, NULL);
        if (in == NULL || inline_copy(in, &src->items[i]) != TU_OK) {
            return TU_ENOMEM;
        }
    }
    COPY_STR(lang);
    COPY_STR(space);
    return attrs_copy(&dst->extra, &src->extra);
}

enum tu_status tu_content_plain(const struct tu_content *c, struct tu_buf *out)
{
    for (size_t i = 0; i < c->count; i++) {
        if (c->items[i].kind == TU_INLINE_TEXT) {
            tu_buf_adds(out, c->items[i].text);
        }
    }
    return out->status;
}

bool tu_content_is_empty(const struct tu_content *c)
{
    for (size_t i = 0; i < c->count; i++) {
        if (c->items[i].kind != TU_INLINE_TEXT || c->items[i].text[0] != '\0') {
            return false;
        }
    }
    return true;
}

/* ---- segments, matches, units, groups, files ---- */

static bool inline_equal(const struct tu_inline *a, const struct tu_inline *b)
{
    if (a->kind != b->kind) {
        return false;
    }
    if (a->kind == TU_INLINE_TEXT) {
        return strcmp(a->text, b->text) == 0;
    }
    return (a->id == NULL) == (b->id == NULL) &&
           (a->id == NULL || strcmp(a->id, b->id) == 0);
}

bool tu_content_equal(const struct tu_content *a,
                          const struct tu_content *b)
{
    size_t i = 0, j = 0;

    /* empty text pieces do not count */
    for (;;) {
        while (i < a->count && a->items[i].kind == TU_INLINE_TEXT &&
               a->items[i].text[0] == '\0') {
            i++;
        }
        while (j < b->count && b->items[j].kind == TU_INLINE_TEXT &&
               b->items[j].text[0] == '\0') {
            j++;
        }
        if (i == a->count || j == b->count) {
            return i == a->count && j == b->count;
        }
        if (!inline_equal(&a->items[i], &b->items[j])) {
            return false;
        }
        i++;
        j++;
    }
}

static void segment_release(struct tu_segment *s)
{
    tu_free(s->id);
    tu_free(s->sub_state);
    tu_content_clear(&s->source);
    tu_content_clear(&s->target);
    attrs_release(&s->extra);
}

static void match_release(struct tu_match *m)
{
    tu_free(m->id);
    tu_free(m->ref);
    tu_free(m->origin);
    tu_free(m->type);
    tu_free(m->subtype);
    tu_free(m->note);
    tu_content_clear(&m->source);
    tu_content_clear(&m->target);
    attrs_release(&m->extra);
    exts_release(&m->exts);
}

static void unit_free(struct tu_unit *u)
{
    if (u == NULL) {
        return;
    }
    for (size_t i = 0; i < u->seg_count; i++) {
        segment_release(&u->segs[i]);
    }
    tu_free(u->segs);
    for (size_t i = 0; i < u->match_count; i++) {
        match_release(&u->matches[i]);
    }
    tu_free(u->matches);
    tu_free(u->id);
    tu_free(u->name);
    tu_free(u->type);
    tu_free(u->space);
    notes_release(&u->notes);
    metas_release(&u->meta);
    attrs_release(&u->extra);
    exts_release(&u->exts);
    tu_free(u);
}

static void group_free(struct tu_group *g);

static void nodes_release(struct tu_nodes *n)
{
    for (size_t i = 0; i < n->count; i++) {
        if (n->items[i].is_group) {
            group_free(n->items[i].u.group);
        } else {
            unit_free(n->items[i].u.unit);
        }
    }
    tu_free(n->items);
    memset(n, 0, sizeof(*n));
}

static void group_free(struct tu_group *g)
{
    if (g == NULL) {
        return;
    }
    nodes_release(&g->children);
    tu_free(g->id);
    tu_free(g->name);
    tu_free(g->type);
    tu_free(g->space);
    notes_release(&g->notes);
    metas_release(&g->meta);
    attrs_release(&g->extra);
    exts_release(&g->exts);
    tu_free(g);
}

static void file_free(struct tu_file *f)
{
    if (f == NULL) {
        return;
    }
    nodes_release(&f->children);
    tu_free(f->id);
    tu_free(f->original);
    tu_free(f->datatype);
    tu_free(f->src_lang);
    tu_free(f->trg_lang);
    tu_free(f->skeleton);
    tu_free(f->skeleton_href);
    tu_free(f->space);
    notes_release(&f->notes);
    metas_release(&f->meta);
    attrs_release(&f->extra);
    exts_release(&f->exts);
    tu_free(f);
}

struct tu_doc *tu_doc_new(void)
{
    return tu_calloc(1, sizeof(struct tu_doc));
}

void tu_doc_free(struct tu_doc *doc)
{
    if (doc == NULL) {
        return;
    }
    for (size_t i = 0; i < doc->file_count; i++) {
        file_free(doc->files[i]);
    }
    tu_free(doc->files);
    tu_free(doc->src_lang);
    tu_free(doc->trg_lang);
    attrs_release(&doc->extra);
    exts_release(&doc->exts);
    tu_free(doc);
}

struct tu_file *tu_doc_add_file(struct tu_doc *doc, const char *id)
{
    struct tu_file **files = tu_grow(doc->files, sizeof(*files),
                                     doc->file_count + 1, &doc->file_cap);
    struct tu_file *f;

    if (files == NULL) {
        return NULL;
    }
    doc->files = files;
    f = tu_calloc(1, sizeof(*f));
    if (f == NULL) {
        return NULL;
    }
    f->translate = -1;
    if (id != NULL && (f->id = tu_strdup(id)) == NULL) {
        tu_free(f);
        return NULL;
    }
    files[doc->file_count++] = f;
    return f;
}

static struct tu_node *nodes_add(struct tu_nodes *n)
{
    struct tu_node *items = tu_grow(n->items, sizeof(*items), n->count + 1,
                                    &n->cap);
    if (items == NULL) {
        return NULL;
    }
    n->items = items;
    return &items[n->count];
}

static void *shrink_to(void *p, size_t size, size_t count, size_t *cap)
{
    void *q;

    if (count == 0 || count >= *cap || (q = tu_realloc(p, count * size)) == NULL) {
        return p; /* a failed shrink keeps the larger block */
    }
    *cap = count;
    return q;
}

static void content_shrink(struct tu_content *c)
{
    c->items = shrink_to(c->items, sizeof(*c->items), c->count, &c->cap);
}

/*
 * A finished unit's arrays at their size: grown by doubling, a paragraph
 * of five segments and ignorables holds eight (1.6 KB), a third of a large
 * document's model. Called on the previous unit when the next one is added
 * to the same list, so readers and filters need not say when a unit ends.
 */
static void unit_shrink(struct tu_unit *u)
{
    u->segs = shrink_to(u->segs, sizeof(*u->segs), u->seg_count, &u->seg_cap);
    for (size_t i = 0; i < u->seg_count; i++) {
        content_shrink(&u->segs[i].source);
        content_shrink(&u->segs[i].target);
    }
}

static void shrink_last(struct tu_nodes *n)
{
    if (n->count > 0 && !n->items[n->count - 1].is_group) {
        unit_shrink(n->items[n->count - 1].u.unit);
    }
}

static struct tu_unit *nodes_add_unit(struct tu_nodes *n, const char *id)
{
    struct tu_node *node;
    struct tu_unit *u;

    shrink_last(n);
    node = nodes_add(n);

    if (node == NULL || (u = tu_calloc(1, sizeof(*u))) == NULL) {
        return NULL;
    }
    u->translate = -1;
    if (id != NULL && (u->id = tu_strdup(id)) == NULL) {
        tu_free(u);
        return NULL;
    }
    node->is_group = false;
    node->u.unit = u;
    n->count++;
    return u;
}

static struct tu_group *nodes_add_group(struct tu_nodes *n, const char *id)
{
    struct tu_node *node;
    struct tu_group *g;

    shrink_last(n);
    node = nodes_add(n);

    if (node == NULL || (g = tu_calloc(1, sizeof(*g))) == NULL) {
        return NULL;
    }
    g->translate = -1;
    if (id != NULL && (g->id = tu_strdup(id)) == NULL) {
        tu_free(g);
        return NULL;
    }
    node->is_group = true;
    node->u.group = g;
    n->count++;
    return g;
}

struct tu_unit *tu_file_add_unit(struct tu_file *file, const char *id)
{
    return nodes_add_unit(&file->children, id);
}

struct tu_group *tu_file_add_group(struct tu_file *file, const char *id)
{
    return nodes_add_group(&file->children, id);
}

struct tu_unit *tu_group_add_unit(struct tu_group *group, const char *id)
{
    return nodes_add_unit(&group->children, id);
}

struct tu_group *tu_group_add_group(struct tu_group *group, const char *id)
{
    return nodes_add_group(&group->children, id);
}

struct tu_segment *tu_unit_add_segment(struct tu_unit *unit, const char *id,
                                       bool is_ignorable)
{
    struct tu_segment *segs = grow_from_one(unit->segs, sizeof(*segs),
                                            unit->seg_count + 1, &unit->seg_cap);
    struct tu_segment *s;

    if (segs == NULL) {
        return NULL;
    }
    unit->segs = segs;
    s = &segs[unit->seg_count];
    memset(s, 0, sizeof(*s));
    s->is_ignorable = is_ignorable;
    s->translate = -1;
    if (id != NULL && (s->id = tu_strdup(id)) == NULL) {
        return NULL;
    }
    unit->seg_count++;
    return s;
}

struct tu_match *tu_unit_add_match(struct tu_unit *unit)
{
    struct tu_match *m = tu_grow(unit->matches, sizeof(*m),
                                 unit->match_count + 1, &unit->match_cap);
    if (m == NULL) {
        return NULL;
    }
    unit->matches = m;
    m = &m[unit->match_count++];
    memset(m, 0, sizeof(*m));
    m->similarity = -1;
    m->match_quality = -1;
    return m;
}

void tu_unit_remove_match(struct tu_unit *unit, size_t i)
{
    if (i >= unit->match_count) {
        return;
    }
    match_release(&unit->matches[i]);
    memmove(&unit->matches[i], &unit->matches[i + 1],
            (unit->match_count - i - 1) * sizeof(*unit->matches));
    unit->match_count--;
}

static enum tu_status nodes_each_unit(struct tu_nodes *n, tu_unit_visit_fn fn,
                                      void *ctx)
{
    for (size_t i = 0; i < n->count; i++) {
        enum tu_status st = n->items[i].is_group
                                ? nodes_each_unit(&n->items[i].u.group->children,
                                                  fn, ctx)
                                : fn(n->items[i].u.unit, ctx);
        if (st != TU_OK) {
            return st;
        }
    }
    return TU_OK;
}

enum tu_status tu_file_each_unit(struct tu_file *file, tu_unit_visit_fn fn,
                                 void *ctx)
{
    return nodes_each_unit(&file->children, fn, ctx);
}

static const char *const state_names[] = {
    [TU_STATE_NONE] = NULL,
    [TU_STATE_INITIAL] = "initial",
    [TU_STATE_TRANSLATED] = "translated",
    [TU_STATE_REVIEWED] = "reviewed",
    [TU_STATE_FINAL] = "final",
};

const char *tu_state_name(enum tu_state st)
{
    if ((size_t)st >= sizeof(state_names) / sizeof(state_names[0])) {
        return NULL;
    }
    return state_names[st];
}

enum tu_state tu_state_parse(const char *name)
{
    for (size_t i = 1; i < sizeof(state_names) / sizeof(state_names[0]); i++) {
        if (name != NULL && strcmp(state_names[i], name) == 0) {
            return (enum tu_state)i;
        }
    }
    return TU_STATE_NONE;
}

enum tu_xliff_version tu_xliff_version_parse(const char *s)
{
    if (s == NULL) {
        return TU_XLIFF_UNKNOWN;
    }
    if (strcmp(s, "1.2") == 0 || strcmp(s, "1") == 0) {
        return TU_XLIFF_1_2;
    }
    if (strcmp(s, "2.0") == 0) {
        return TU_XLIFF_2_0;
    }
    if (strcmp(s, "2.1") == 0 || strcmp(s, "2") == 0) {
        return TU_XLIFF_2_1;
    }
    if (strcmp(s, "2.2") == 0) {
        return TU_XLIFF_2_2;
    }
    return TU_XLIFF_UNKNOWN;
}

const char *tu_xliff_version_name(enum tu_xliff_version v)
{
    switch (v) {
    case TU_XLIFF_1_2:
        return "1.2";
    case TU_XLIFF_2_0:
        return "2.0";
    case TU_XLIFF_2_1:
        return "2.1";
    case TU_XLIFF_2_2:
        return "2.2";
    case TU_XLIFF_UNKNOWN:
        break;
    }
    return "unknown";
}
