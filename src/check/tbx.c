/*
 * TBX glossaries and the terms check.
 *
 * A glossary is read with libxml2 as TBX-Basic 2008 (martif/termEntry/
 * langSet/tig|ntig/term) or TBX v3 (tbx/conceptEntry/langSec/termSec/term);
 * the element names are taken without their namespace so both dialects
 * read the same. A term is forbidden when a termNote of type
 * administrativeStatus or normativeAuthorization says deprecated,
 * superseded, notRecommended or forbidden; otherwise it is allowed.
 *
 * XML policy: the project's one (base/xmlparse-int.h): no DOCTYPE, no
 * entities, no network, libxml2's limits on, errors located.
 *
 * A bs or sr term is kept in both scripts (the project's transliteration):
 * a target sees the entry's terms written in its own script, the TBX's own
 * where it has one in that script (an sr-Cyrl langSec), else transliterated
 * (an sr-Latn term for an sr-Cyrl target: "opština" -> "општина").
 *
 * Matching by stem: a term and a text are compared word by word through
 * their TM matching keys (case folded, Serbian Cyrillic as Latin). A word
 * of the term of more than three bytes loses a final vowel or y ("agencija"
 * -> "agencij", "ministry" -> "ministr"); a text word matches when it
 * starts with that stem and has at most four more bytes ("agenciji",
 * "agencijom", "ministries"). A multi-word term matches consecutive words.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include <tumac/alloc.h>
#include <tumac/fileio.h>
#include <tumac/text.h>

#include "base/xmlparse-int.h"
#include "check-int.h"

struct term {
    char *lang;
    char *text;
    char *key;     /* check_words_key of text */
    bool cyrillic; /* text is written in Cyrillic */
    char *other;   /* sr, bs: text in the other script, else NULL */
    bool forbidden;
    size_t entry;
    size_t file; /* index in glossary.files */
};

struct glossary {
    struct term *t;
    size_t count, cap;
    size_t entries;
    char **files; /* the TBX files' names, for the entries' origin */
    size_t nfiles;
};

void glossary_free(struct glossary *g)
{
    if (g == NULL) {
        return;
    }
    for (size_t i = 0; i < g->count; i++) {
        tu_free(g->t[i].lang);
        tu_free(g->t[i].text);
        tu_free(g->t[i].key);
        tu_free(g->t[i].other);
    }
    for (size_t i = 0; i < g->nfiles; i++) {
        tu_free(g->files[i]);
    }
    tu_free(g->files);
    tu_free(g->t);
    tu_free(g);
}

/* ---- words ---- */

enum tu_status check_words_key(const char *s, size_t len, struct tu_buf *out,
                               struct tu_error *err)
{
    struct tu_buf k;
    enum tu_status st;

    tu_buf_init(&k, TU_BUF_NO_LIMIT);
    st = tu_text_match_key(s, len, &k, err);
    tu_buf_adds(out, " ");
    for (size_t i = 0; st == TU_OK && i < k.len;) {
        unsigned char b = (unsigned char)k.data[i];
        size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        /* ASCII other than letters and digits, U+0080..U+00BF (nbsp, « »)
         * and U+2000..U+206F (dashes, quotes, ellipsis) separate words */
        bool sep = (b < 0x80 && !((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
                                  (b >= '0' && b <= '9'))) ||
                   (b == 0xC2) ||
                   (b == 0xE2 && i + 1 < k.len && ((unsigned char)k.data[i + 1] == 0x80 ||
                                                   (unsigned char)k.data[i + 1] == 0x81));
        if (sep) {
            if (out->data[out->len - 1] != ' ') {
                tu_buf_addc(out, ' ');
            }
        } else {
            tu_buf_add(out, k.data + i, n > k.len - i ? k.len - i : n);
        }
        i += n;
    }
    if (st == TU_OK && out->data[out->len - 1] != ' ') {
        tu_buf_addc(out, ' ');
    }
    tu_buf_release(&k);
    if (st == TU_OK && out->status != TU_OK) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    return st;
}

/* The word w[0, n) of a text matches the term word t[0, m). */
static bool word_matches(const char *t, size_t m, const char *w, size_t n)
{
    size_t stem = m;
    if (m > 3 && strchr("aeiouy", t[m - 1]) != NULL) {
        stem--;
    }
    return n >= stem && n <= stem + 4 && memcmp(w, t, stem) == 0 && (stem < m ? true : n >= m);
}

/* The term key `term` (" a b ") occurs in the text key `text`. */
static bool key_has(const char *text, const char *term)
{
    for (const char *p = text; *p; p++) {
        if (*p != ' ' || p[1] == '\0') {
            continue;
        }
        const char *w = p + 1, *t = term + 1;
        bool all = true;
        while (*t && all) {
            size_t m = strcspn(t, " "), n = strcspn(w, " ");
            if (m == 0) {
                break;
            }
            all = n > 0 && word_matches(t, m, w, n);
            t += m + (t[m] == ' ');
            w += n + (w[n] == ' ');
        }
        if (all) {
            return true;
        }
    }
    return false;
}

/* ---- reading TBX ---- */

static bool named(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static char *node_text(xmlNodePtr n)
{
    xmlChar *x = xmlNodeGetContent(n);
    char *s = NULL;
    if (x != NULL) {
        size_t len = strlen((const char *)x);
        s = tu_malloc(len + 1);
        if (s != NULL) {
            memcpy(s, x, len + 1);
        }
        xmlFree(x);
    }
    return s;
}

/* A termNote saying the term must not be used, below n. */
static bool forbidden_below(xmlNodePtr n)
{
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (named(k, "termNote") || named(k, "descrip")) {
            xmlChar *type = xmlGetProp(k, (const xmlChar *)"type");
            bool status = type != NULL && (strcmp((const char *)type, "administrativeStatus") == 0 ||
                                           strcmp((const char *)type, "normativeAuthorization") == 0);
            xmlFree(type);
            if (status) {
                xmlChar *v = xmlNodeGetContent(k);
                bool bad = v != NULL && (strstr((const char *)v, "deprecated") != NULL ||
                                         strstr((const char *)v, "superseded") != NULL ||
                                         strstr((const char *)v, "notRecommended") != NULL ||
                                         strstr((const char *)v, "forbidden") != NULL);
                xmlFree(v);
                if (bad) {
                    return true;
                }
            }
        } else if (k->type == XML_ELEMENT_NODE && forbidden_below(k)) {
            return true;
        }
    }
    return false;
}

/* The first <term> below n (tig/ntig/termGrp/termSec), or NULL. */
static xmlNodePtr term_below(xmlNodePtr n)
{
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (named(k, "term")) {
            return k;
        }
        if (k->type == XML_ELEMENT_NODE) {
            xmlNodePtr t = term_below(k);
            if (t != NULL) {
                return t;
            }
        }
    }
    return NULL;
}

struct reader {
    struct glossary *g;
    const char *path;
    struct tu_error *err;
    struct tu_translit *to[2][2]; /* [bs, sr][Latin, Cyrillic], made when needed */
};

static bool text_cyrillic(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        bool word;
        enum tu_script script;
        tu_text_char_script(s, n, &i, &word, &script);
        if (script == TU_SCRIPT_CYRILLIC) {
            return true;
        }
    }
    return false;
}

/* A bs or sr term also in the other script, so that a target in either
 * sees it in its own ("opština" is "општина" for sr-Cyrl): the
 * project's transliteration, as the batch derives a Cyrillic locale. */
static enum tu_status add_other_script(struct reader *rd, struct term *t)
{
    int lang = check_lang_is(t->lang, "bs") ? 0 : check_lang_is(t->lang, "sr") ? 1 : -1;
    int to = t->cyrillic ? 0 : 1;
    struct tu_buf out;
    enum tu_status st = TU_OK;

    if (lang < 0) {
        return TU_OK;
    }
    if (rd->to[lang][to] == NULL) {
        static const char *const tags[2][2] = {{"bs-Latn", "bs-Cyrl"}, {"sr-Latn", "sr-Cyrl"}};
        st = tu_translit_new(tags[lang][to], NULL, &rd->to[lang][to], rd->err);
    }
    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    if (st == TU_OK) {
        st = tu_translit_apply(rd->to[lang][to], t->text, strlen(t->text), &out, rd->err);
    }
    if (st == TU_OK && (t->other = tu_buf_detach(&out, NULL)) == NULL) {
        st = tu_error_set(rd->err, TU_ENOMEM, "out of memory");
    }
    tu_buf_release(&out);
    return st;
}

static enum tu_status add_term(struct reader *rd, const char *lang, xmlNodePtr holder)
{
    xmlNodePtr tn = term_below(holder);
    struct term *t;
    struct tu_buf key;

    if (tn == NULL) {
        return tu_error_at(rd->err, TU_EPARSE, rd->path, (unsigned long)xmlGetLineNo(holder), 0,
                           "<%s> has no <term>", (const char *)holder->name);
    }
    t = tu_grow(rd->g->t, sizeof *t, rd->g->count + 1, &rd->g->cap);
    if (t == NULL) {
        return tu_error_set(rd->err, TU_ENOMEM, "out of memory");
    }
    rd->g->t = t;
    t += rd->g->count;
    memset(t, 0, sizeof *t);
    rd->g->count++;
    t->lang = tu_malloc(strlen(lang) + 1);
    t->text = node_text(tn);
    if (t->lang == NULL || t->text == NULL) {
        return tu_error_set(rd->err, TU_ENOMEM, "out of memory");
    }
    memcpy(t->lang, lang, strlen(lang) + 1);
    t->forbidden = forbidden_below(holder);
    t->entry = rd->g->entries;
    t->file = rd->g->nfiles - 1;
    tu_buf_init(&key, TU_BUF_NO_LIMIT);
    if (check_words_key(t->text, strlen(t->text), &key, rd->err) != TU_OK) {
        tu_buf_release(&key);
        return rd->err->code;
    }
    if (key.len < 3) {
        tu_buf_release(&key);
        return tu_error_at(rd->err, TU_EPARSE, rd->path, (unsigned long)xmlGetLineNo(tn), 0,
                           "empty <term>");
    }
    t->key = tu_buf_detach(&key, NULL);
    t->cyrillic = text_cyrillic(t->text);
    return add_other_script(rd, t);
}

static enum tu_status read_entry(struct reader *rd, xmlNodePtr entry)
{
    size_t langs = 0;
    for (xmlNodePtr ls = entry->children; ls; ls = ls->next) {
        if (!named(ls, "langSet") && !named(ls, "langSec")) {
            continue;
        }
        xmlChar *lang = xmlNodeGetLang(ls);
        enum tu_status st = TU_OK;
        if (lang == NULL) {
            return tu_error_at(rd->err, TU_EPARSE, rd->path, (unsigned long)xmlGetLineNo(ls), 0,
                               "<%s> without xml:lang", (const char *)ls->name);
        }
        for (xmlNodePtr h = ls->children; h && st == TU_OK; h = h->next) {
            if (named(h, "tig") || named(h, "ntig") || named(h, "termSec")) {
                st = add_term(rd, (const char *)lang, h);
            }
        }
        xmlFree(lang);
        if (st != TU_OK) {
            return st;
        }
        langs++;
    }
    if (langs == 0) {
        return tu_error_at(rd->err, TU_EPARSE, rd->path, (unsigned long)xmlGetLineNo(entry), 0,
                           "<%s> has no language section (langSet or langSec)",
                           (const char *)entry->name);
    }
    rd->g->entries++;
    return TU_OK;
}

/* Every termEntry/conceptEntry below n. */
static enum tu_status read_entries(struct reader *rd, xmlNodePtr n)
{
    for (xmlNodePtr k = n->children; k; k = k->next) {
        enum tu_status st = TU_OK;
        if (named(k, "termEntry") || named(k, "conceptEntry")) {
            st = read_entry(rd, k);
        } else if (k->type == XML_ELEMENT_NODE) {
            st = read_entries(rd, k);
        }
        if (st != TU_OK) {
            return st;
        }
    }
    return TU_OK;
}

static enum tu_status parse_tbx(struct reader *rd, const char *data, size_t len)
{
    xmlDocPtr x = xmlp_read_memory(data, len, rd->path, "TBX", 0, rd->err);
    enum tu_status st;

    if (x == NULL) {
        return rd->err->code;
    }
    xmlNodePtr root = xmlDocGetRootElement(x);
    if (root == NULL || (!named(root, "martif") && !named(root, "tbx"))) {
        st = tu_error_at(rd->err, TU_EPARSE, rd->path,
                         root ? (unsigned long)xmlGetLineNo(root) : 0, 0,
                         "not a TBX file: the root is <%s>, not <tbx> or <martif>",
                         root ? (const char *)root->name : "");
    } else {
        st = read_entries(rd, root);
    }
    if (st == TU_OK && rd->g->entries == 0) {
        st = tu_error_at(rd->err, TU_EPARSE, rd->path, 0, 0, "no term entries");
    }
    xmlFreeDoc(x);
    return st;
}

enum tu_status tu_checker_add_glossary(struct tu_checker *c, const char *path,
                                       struct tu_error *err)
{
    struct reader rd = {.path = path, .err = err};
    struct tu_buf data;
    enum tu_status st;

    if (c->gloss == NULL) {
        c->gloss = tu_calloc(1, sizeof *c->gloss);
        if (c->gloss == NULL) {
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    rd.g = c->gloss;
    const char *base = strrchr(path, '/');
    char **files = tu_realloc(rd.g->files, (rd.g->nfiles + 1) * sizeof *files);
    if (files == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    rd.g->files = files;
    if ((files[rd.g->nfiles] = tu_strdup(base ? base + 1 : path)) == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    rd.g->nfiles++;
    tu_buf_init(&data, 64u << 20); /* a glossary of 64 MB is not one */
    st = tu_file_read(path, 64u << 20, &data, err);
    if (st == TU_OK) {
        st = parse_tbx(&rd, data.data, data.len);
    }
    tu_buf_release(&data);
    for (int l = 0; l < 2; l++) {
        tu_translit_free(rd.to[l][0]);
        tu_translit_free(rd.to[l][1]);
    }
    return st;
}

/* ---- the terms check ---- */

/* The term's language is the tag's (by primary subtag: the matching key
 * folds the scripts, so an sr-Latn term matches an sr-Cyrl target). */
static bool term_lang(const struct term *t, const char *tag)
{
    char primary[16];
    size_t n = strcspn(t->lang, "-_");
    snprintf(primary, sizeof primary, "%.*s", (int)(n < 15 ? n : 15), t->lang);
    return check_lang_is(tag, primary);
}

static bool term_in(const struct term *t, const char *lang, const char *key)
{
    return term_lang(t, lang) && key_has(key, t->key);
}

/* Term t as a target in `tag` writes it: in the target's script. */
static const char *term_written(const struct term *t, const char *tag)
{
    return t->cyrillic != check_lang_cyrillic(tag) && t->other != NULL ? t->other : t->text;
}

/* Term t is one a target in `tag` is shown: of the target's language, and
 * in its script unless the entry has no term of t's kind (allowed or
 * forbidden) in that script (the TBX's sr-Cyrl term before the
 * transliterated sr-Latn one). Matching is by key, in either script. */
static bool term_shown(const struct glossary *g, const struct term *t, const char *tag)
{
    bool cyr = check_lang_cyrillic(tag);
    if (!term_lang(t, tag) || t->cyrillic == cyr || t->other == NULL) {
        return term_lang(t, tag);
    }
    for (size_t i = 0; i < g->count; i++) {
        const struct term *u = &g->t[i];
        if (u->entry == t->entry && u->forbidden == t->forbidden && u->cyrillic == cyr &&
            term_lang(u, tag)) {
            return false;
        }
    }
    return true;
}

static void check_entry(struct run *r, const struct glossary *g, size_t e,
                        const char *skey, const char *tkey)
{
    const struct term *src = NULL;
    bool any_target = false, found = false;
    struct tu_buf want;

    for (size_t i = 0; i < g->count; i++) {
        const struct term *t = &g->t[i];
        if (t->entry != e || t->forbidden) {
            continue;
        }
        if (src == NULL && term_in(t, r->src_lang, skey)) {
            src = t;
        }
        if (term_lang(t, r->trg_lang)) {
            any_target = true;
            found |= key_has(tkey, t->key);
        }
    }
    if (src == NULL || !any_target || found) {
        return;
    }
    tu_buf_init(&want, TU_BUF_NO_LIMIT);
    for (size_t i = 0; i < g->count; i++) {
        const struct term *t = &g->t[i];
        if (t->entry == e && !t->forbidden && term_shown(g, t, r->trg_lang)) {
            tu_buf_printf(&want, "%s'%s'", want.len ? " or " : "", term_written(t, r->trg_lang));
        }
    }
    check_report(r, TU_CHECK_TERMS, "source term '%s' is not translated as %s", src->text,
                 want.data);
    tu_buf_release(&want);
}

void check_terms(struct run *r)
{
    const struct glossary *g = r->c->gloss;
    struct tu_buf skey, tkey;

    if (g == NULL || r->c->level[TU_CHECK_TERMS] == TU_CHECK_IGNORE) {
        return;
    }
    tu_buf_init(&skey, TU_BUF_NO_LIMIT);
    tu_buf_init(&tkey, TU_BUF_NO_LIMIT);
    if (check_words_key(r->src.data, r->src.len, &skey, r->err) != TU_OK ||
        check_words_key(r->trg.data, r->trg.len, &tkey, r->err) != TU_OK) {
        r->st = r->err->code;
        goto out;
    }
    for (size_t e = 0; e < g->entries; e++) {
        check_entry(r, g, e, skey.data, tkey.data);
    }
    for (size_t i = 0; i < g->count; i++) {
        if (g->t[i].forbidden && term_in(&g->t[i], r->trg_lang, tkey.data)) {
            check_report(r, TU_CHECK_TERMS, "forbidden term '%s' in the target",
                         term_written(&g->t[i], r->trg_lang));
        }
    }
out:
    tu_buf_release(&skey);
    tu_buf_release(&tkey);
}

/* ---- the entries of each unit, for leverage ---- */

struct annotate {
    const struct glossary *g;
    const char *src_lang, *trg_lang;
    bool as_notes;
    struct tu_buf text, key;
    struct tu_error *err;
};

/* Entry e's source term in the unit's source key (NULL: none) and its
 * target terms into the lists. */
static const struct term *entry_terms(const struct annotate *a, size_t e, const char **allowed,
                                      size_t *na, const char **forbidden, size_t *nf)
{
    const struct term *src = NULL;
    *na = *nf = 0;
    for (size_t i = 0; i < a->g->count; i++) {
        const struct term *t = &a->g->t[i];
        if (t->entry != e) {
            continue;
        }
        if (src == NULL && !t->forbidden && term_in(t, a->src_lang, a->key.data)) {
            src = t;
        } else if (term_shown(a->g, t, a->trg_lang) && !term_lang(t, a->src_lang)) {
            if (t->forbidden) {
                forbidden[(*nf)++] = term_written(t, a->trg_lang);
            } else {
                allowed[(*na)++] = term_written(t, a->trg_lang);
            }
        }
    }
    return src;
}

static enum tu_status annotate_unit(struct tu_unit *u, void *ctx)
{
    struct annotate *a = ctx;
    const struct glossary *g = a->g;
    size_t n = 0;
    enum tu_status st = TU_OK;

    if (u->translate == 0) {
        return TU_OK;
    }
    tu_buf_truncate(&a->text, 0);
    tu_buf_truncate(&a->key, 0);
    for (size_t i = 0; i < u->seg_count; i++) {
        tu_content_plain(&u->segs[i].source, &a->text);
        tu_buf_addc(&a->text, '\n');
    }
    struct tu_gloss_entry *e = tu_calloc(g->entries + 1, sizeof *e);
    const char **terms = tu_calloc(2 * g->count + 1, sizeof *terms);
    if (e == NULL || terms == NULL || a->text.status != TU_OK) {
        st = tu_error_set(a->err, TU_ENOMEM, "out of memory");
    } else {
        st = check_words_key(a->text.data, a->text.len, &a->key, a->err);
    }
    for (size_t k = 0, used = 0; st == TU_OK && k < g->entries; k++) {
        const char **allowed = terms + used;
        size_t na, nf;
        const struct term *src = entry_terms(a, k, allowed, &na, allowed + g->count, &nf);
        if (src == NULL || na + nf == 0) {
            continue;
        }
        /* the forbidden ones after the allowed ones, in one run of terms */
        memmove(allowed + na, allowed + g->count, nf * sizeof *allowed);
        e[n++] = (struct tu_gloss_entry){src->text, allowed, na, allowed + na, nf,
                                         g->files[src->file]};
        used += na + nf;
    }
    if (st == TU_OK) {
        st = tu_unit_set_glossary(u, e, n, a->as_notes, a->err);
    }
    tu_free(e);
    tu_free(terms);
    return st;
}

enum tu_status tu_check_annotate_doc(const struct tu_checker *c, struct tu_doc *doc,
                                     bool as_notes, struct tu_error *err)
{
    struct annotate a = {.g = c->gloss, .as_notes = as_notes, .err = err};
    enum tu_status st = TU_OK;

    if (a.g == NULL) {
        return TU_OK;
    }
    tu_buf_init(&a.text, TU_BUF_NO_LIMIT);
    tu_buf_init(&a.key, TU_BUF_NO_LIMIT);
    for (size_t i = 0; i < doc->file_count && st == TU_OK; i++) {
        struct tu_file *f = doc->files[i];
        a.src_lang = f->src_lang ? f->src_lang : doc->src_lang ? doc->src_lang : "en";
        a.trg_lang = f->trg_lang ? f->trg_lang : doc->trg_lang;
        if (a.trg_lang != NULL) {
            st = tu_file_each_unit(f, annotate_unit, &a);
        }
    }
    tu_buf_release(&a.text);
    tu_buf_release(&a.key);
    return st;
}
