/*
 * TMX 1.4b import (libxml2 xmlReader under the XML parsing policy of
 * base/xmlparse-int.h, one <tu> expanded at a time) and
 * export; TSV import; statistics, concordance, delete, vacuum.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <libxml/tree.h>

#include "base/xmlparse-int.h"
#include "tm-int.h"
#include <tumac/alloc.h>
#include <tumac/escape.h>
#include <tumac/fileio.h>
#include <tumac/locale.h>

static bool name_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static char *get_prop(xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s = v ? tu_strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static char *tuv_lang(xmlNode *tuv)
{
    xmlChar *v = xmlGetNsProp(tuv, (const xmlChar *)"lang", XML_XML_NAMESPACE);
    char *s;
    if (v == NULL) {
        v = xmlGetProp(tuv, (const xmlChar *)"lang"); /* TMX 1.1 */
    }
    s = v ? tu_strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

/* Plain text of a seg: text and hi content; native code (bpt, ept, ph,
 * it, ut) and sub-flows dropped. */
static void seg_text(xmlNode *n, struct tu_buf *out)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            tu_buf_adds(out, (const char *)c->content);
        } else if (name_is(c, "hi")) {
            seg_text(c, out);
        }
    }
}

/* One node as XML, as written in the file (a <seg>'s content, a <prop>). */
static void dump_node(xmlDoc *doc, xmlNode *n, struct tu_buf *out)
{
    xmlBuffer *b = xmlBufferCreate();
    if (b == NULL) {
        return;
    }
    xmlNodeDump(b, doc, n, 0, 0);
    tu_buf_add(out, xmlBufferContent(b), (size_t)xmlBufferLength(b));
    xmlBufferFree(b);
}

static void seg_xml(xmlDoc *doc, xmlNode *seg, struct tu_buf *out)
{
    for (xmlNode *c = seg->children; c; c = c->next) {
        dump_node(doc, c, out);
    }
}

static xmlNode *tuv_seg(xmlNode *tuv)
{
    for (xmlNode *c = tuv->children; c; c = c->next) {
        if (name_is(c, "seg")) {
            return c;
        }
    }
    return NULL;
}

struct tmx_ctx {
    struct tu_tm *tm;
    const struct tu_tm_import_opts *opts;
    struct tu_tm_import_result *res;
    struct tu_diag *diag;
    const char *path;
    const char *origin;
    char *srclang; /* header */
};

static enum tu_status bad_unit(struct tmx_ctx *x, long line, const char *msg,
                               struct tu_error *err)
{
    if (x->opts->strict) {
        return tu_error_at(err, TU_EPARSE, x->path, (unsigned long)line, 0,
                           "%s", msg);
    }
    tu_diag_add(x->diag, TU_WARNING, x->path, (unsigned long)line, 0,
                "%s; unit skipped", msg);
    x->res->skipped++;
    return TU_OK;
}

static bool tag_ok(const char *tag)
{
    struct tu_locale l;
    struct tu_error e = {0};
    return tag && tu_locale_parse(tag, &l, &e) == TU_OK;
}

/* A <tuv>'s <prop>s and <note>s, kept as XML for export (TMX allows them
 * in any order before the <seg>). */
static void tuv_extra(xmlDoc *doc, xmlNode *tuv, struct tu_buf *out)
{
    for (xmlNode *c = tuv->children; c; c = c->next) {
        if (name_is(c, "prop") || name_is(c, "note")) {
            dump_node(doc, c, out);
        }
    }
    tu_buf_addc(out, 0);
}

static const char *buf_or_null(const struct tu_buf *b)
{
    return b->data && b->data[0] ? b->data : NULL;
}

/* The metadata attributes of a <tu> (or a <tuv>: Trados and the spec's
 * sample put them there); a bad date is reported and dropped (the unit is
 * kept), or with --strict stops the import. */
struct tmx_attrs {
    char *tuid, *created, *creator, *changed, *changer, *last_used;
    long usage;
};

static enum tu_status date_attr(struct tmx_ctx *x, xmlNode *tu, const char *name,
                                char **out, struct tu_error *err)
{
    char norm[TM_DATE_SIZE];
    *out = get_prop(tu, name);
    if (*out == NULL || tu_tm_date_norm(*out, false, norm)) {
        return TU_OK;
    }
    if (x->opts->strict) {
        return tu_error_at(err, TU_EPARSE, x->path, (unsigned long)xmlGetLineNo(tu), 0,
                           "bad %s \"%.40s\" (want YYYYMMDDThhmmssZ)", name, *out);
    }
    tu_diag_add(x->diag, TU_WARNING, x->path, (unsigned long)xmlGetLineNo(tu), 0,
                "bad %s \"%.40s\" (want YYYYMMDDThhmmssZ); date not kept", name, *out);
    tu_free(*out);
    *out = NULL;
    return TU_OK;
}

static enum tu_status read_attrs(struct tmx_ctx *x, xmlNode *tu, struct tmx_attrs *a,
                                 struct tu_error *err)
{
    char *usage = get_prop(tu, "usagecount");
    memset(a, 0, sizeof *a);
    a->tuid = get_prop(tu, "tuid");
    a->creator = get_prop(tu, "creationid");
    a->changer = get_prop(tu, "changeid");
    a->usage = usage ? strtol(usage, NULL, 10) : 0;
    tu_free(usage);
    if (date_attr(x, tu, "creationdate", &a->created, err) != TU_OK ||
        date_attr(x, tu, "changedate", &a->changed, err) != TU_OK ||
        date_attr(x, tu, "lastusagedate", &a->last_used, err) != TU_OK) {
        return err->code;
    }
    return TU_OK;
}

/* A unit's metadata: the <tu>'s, else its target <tuv>'s. */
static struct tmx_attrs unit_attrs(const struct tmx_attrs *tu, const struct tmx_attrs *tuv)
{
    struct tmx_attrs a;
    a.tuid = tu->tuid;
    a.created = tu->created ? tu->created : tuv->created;
    a.creator = tu->creator ? tu->creator : tuv->creator;
    a.changed = tu->changed ? tu->changed : tuv->changed;
    a.changer = tu->changer ? tu->changer : tuv->changer;
    a.last_used = tu->last_used ? tu->last_used : tuv->last_used;
    a.usage = tu->usage ? tu->usage : tuv->usage;
    return a;
}

static void free_attrs(struct tmx_attrs *a)
{
    tu_free(a->tuid);
    tu_free(a->created);
    tu_free(a->creator);
    tu_free(a->changed);
    tu_free(a->changer);
    tu_free(a->last_used);
}

/* What every pair of one <tu> shares: its attributes, its tumac <prop>s,
 * the rest of its <prop>s and <note>s, and the source <tuv>. */
struct tmx_tu {
    struct tmx_attrs attrs;
    struct tu_buf extra; /* the TU's own <prop>s and <note>s */
    char *origin, *approved;
    uint64_t prev, next;
    xmlNode *src;
    bool src_all; /* srclang="*all*": no <tuv> is the source */
    size_t ntuv;
    /* the source side, filled once the source <tuv> is checked */
    char *sl;
    struct tu_buf stext, sxml, sextra;
};

/* The TU's <prop>s and <note>s, and which <tuv> is the source (the first in
 * `want`, else the first). */
static void read_tu_children(xmlDoc *doc, xmlNode *tu, const char *want, struct tmx_tu *t)
{
    for (xmlNode *c = tu->children; c; c = c->next) {
        if (name_is(c, "prop")) {
            char *type = get_prop(c, "type");
            xmlChar *v = xmlNodeGetContent(c);
            if (type && v) {
                if (strcmp(type, "x-tumac-origin") == 0) {
                    tu_free(t->origin);
                    t->origin = tu_strdup((const char *)v);
                } else if (strcmp(type, "x-tumac-approved") == 0) {
                    tu_free(t->approved);
                    t->approved = tu_strdup((const char *)v);
                } else if (strcmp(type, "x-tumac-prev") == 0) {
                    t->prev = strtoull((const char *)v, NULL, 16);
                } else if (strcmp(type, "x-tumac-next") == 0) {
                    t->next = strtoull((const char *)v, NULL, 16);
                } else {
                    dump_node(doc, c, &t->extra);
                }
            } else {
                dump_node(doc, c, &t->extra);
            }
            tu_free(type);
            xmlFree(v);
        } else if (name_is(c, "note")) {
            dump_node(doc, c, &t->extra);
        } else if (name_is(c, "tuv")) {
            char *l = tuv_lang(c);
            t->ntuv++;
            if (t->src == NULL && (want == NULL || (l && strcasecmp(l, want) == 0))) {
                t->src = c;
            }
            tu_free(l);
        }
    }
}

/* One target <tuv> c of the TU t as a TM unit (skipped when it is not in
 * the --target language; a bad one refused or counted by bad_unit). */
static enum tu_status import_tuv(struct tmx_ctx *x, xmlDoc *doc, xmlNode *c,
                                 const struct tmx_tu *t, struct tu_error *err)
{
    struct tu_buf ttext, txml, textra;
    struct tmx_attrs tuv_attrs, ua;
    struct tu_tm_unit u;
    bool added = false;
    enum tu_status st;
    char *tl = tuv_lang(c);

    if (!tag_ok(tl)) {
        st = bad_unit(x, xmlGetLineNo(c), "bad or missing xml:lang", err);
        tu_free(tl);
        return st;
    }
    if (x->opts->trg_lang && strcasecmp(tl, x->opts->trg_lang) != 0) {
        tu_free(tl);
        return TU_OK;
    }
    tu_buf_init(&ttext, TU_BUF_NO_LIMIT);
    tu_buf_init(&txml, TU_BUF_NO_LIMIT);
    tu_buf_init(&textra, TU_BUF_NO_LIMIT);
    tuv_extra(doc, c, &textra);
    if ((st = read_attrs(x, c, &tuv_attrs, err)) != TU_OK) {
        goto done; /* --strict and a bad date: the TU's loop ends */
    }
    ua = unit_attrs(&t->attrs, &tuv_attrs);
    seg_text(tuv_seg(c), &ttext);
    seg_xml(doc, tuv_seg(c), &txml);
    tu_buf_addc(&ttext, 0);
    tu_buf_addc(&txml, 0);
    memset(&u, 0, sizeof u);
    u.src_lang = t->sl;
    u.trg_lang = tl;
    u.src_text = t->stext.data;
    u.trg_text = ttext.data;
    u.src_xml = t->sxml.data;
    u.trg_xml = txml.data;
    u.prev_hash = t->prev;
    u.next_hash = t->next;
    u.origin = t->origin ? t->origin : x->origin;
    u.created = ua.created;
    /* --approved: a memory the office trusts is approved whole. */
    u.approved = x->opts->approved || (t->approved && strcmp(t->approved, "yes") == 0);
    u.src_all = t->src_all;
    u.tuid = ua.tuid;
    u.creator = ua.creator;
    u.changed = ua.changed;
    u.changer = ua.changer;
    u.last_used = ua.last_used;
    u.usage_count = ua.usage;
    u.tu_extra = buf_or_null(&t->extra);
    u.src_extra = buf_or_null(&t->sextra);
    u.trg_extra = buf_or_null(&textra);
    st = tu_tm_add(x->tm, &u, &added, err);
    if (st == TU_OK) {
        if (added) {
            x->res->added++;
        } else {
            x->res->merged++;
        }
    } else if (st != TU_ENOMEM && st != TU_EDB) {
        char msg[600];
        snprintf(msg, sizeof msg, "%s", err->msg);
        tu_error_clear(err);
        st = bad_unit(x, xmlGetLineNo(c), msg, err);
    } else {
        tu_error_set_path(err, x->path);
    }
done:
    tu_buf_release(&ttext);
    tu_buf_release(&txml);
    tu_buf_release(&textra);
    free_attrs(&tuv_attrs);
    tu_free(tl);
    return st;
}

/* The source side of t once, then every other <tuv> paired with it. */
static enum tu_status import_pairs(struct tmx_ctx *x, xmlDoc *doc, xmlNode *tu,
                                   struct tmx_tu *t, struct tu_error *err)
{
    enum tu_status st = TU_OK;

    t->sl = tuv_lang(t->src);
    tu_buf_addc(&t->extra, 0);
    tuv_extra(doc, t->src, &t->sextra);
    seg_text(tuv_seg(t->src), &t->stext);
    seg_xml(doc, tuv_seg(t->src), &t->sxml);
    tu_buf_addc(&t->stext, 0);
    tu_buf_addc(&t->sxml, 0);
    if (!tag_ok(t->sl)) {
        return bad_unit(x, xmlGetLineNo(t->src), "bad or missing xml:lang", err);
    }
    if (t->stext.len <= 1) {
        return bad_unit(x, xmlGetLineNo(t->src), "the source segment is empty", err);
    }
    for (xmlNode *c = tu->children; c && st == TU_OK; c = c->next) {
        if (c == t->src || !name_is(c, "tuv") || tuv_seg(c) == NULL) {
            continue;
        }
        st = import_tuv(x, doc, c, t, err);
    }
    return st;
}

static enum tu_status import_tu(struct tmx_ctx *x, xmlDoc *doc, xmlNode *tu,
                                struct tu_error *err)
{
    char *srclang = get_prop(tu, "srclang");
    struct tmx_tu t = {0};
    const char *want;
    enum tu_status st = TU_OK;
    long line = xmlGetLineNo(tu);

    x->res->read++;
    tu_buf_init(&t.extra, TU_BUF_NO_LIMIT);
    tu_buf_init(&t.stext, TU_BUF_NO_LIMIT);
    tu_buf_init(&t.sxml, TU_BUF_NO_LIMIT);
    tu_buf_init(&t.sextra, TU_BUF_NO_LIMIT);
    if ((st = read_attrs(x, tu, &t.attrs, err)) != TU_OK) {
        goto done;
    }
    want = srclang && strcmp(srclang, "*all*") != 0 ? srclang
         : x->srclang && strcmp(x->srclang, "*all*") != 0 ? x->srclang : NULL;
    t.src_all = want == NULL;
    read_tu_children(doc, tu, want, &t);
    if (t.ntuv < 2) {
        st = bad_unit(x, line, "a translation unit needs at least two <tuv>", err);
    } else if (t.src == NULL || tuv_seg(t.src) == NULL) {
        st = bad_unit(x, line, "no <tuv> in the source language", err);
    } else {
        st = import_pairs(x, doc, tu, &t, err);
    }
done:
    tu_free(srclang);
    free_attrs(&t.attrs);
    tu_buf_release(&t.extra);
    tu_buf_release(&t.stext);
    tu_buf_release(&t.sxml);
    tu_buf_release(&t.sextra);
    tu_free(t.origin);
    tu_free(t.approved);
    tu_free(t.sl);
    return st;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

enum tu_status tu_tm_import_tmx(struct tu_tm *tm, const char *path,
                                const struct tu_tm_import_opts *opts,
                                struct tu_tm_import_result *res,
                                struct tu_diag *diag, struct tu_error *err)
{
    struct xmlp_reader r;
    struct tmx_ctx x;
    enum tu_status st = TU_OK;
    int ret;
    bool seen_root = false;

    memset(res, 0, sizeof *res);
    memset(&x, 0, sizeof x);
    x.tm = tm;
    x.opts = opts;
    x.res = res;
    x.diag = diag;
    x.path = path;
    x.origin = opts->origin ? opts->origin : base_name(path);
    if (xmlp_reader_open(&r, path, "TMX", XMLP_DTD_NAME, err) != TU_OK) {
        return err->code;
    }
    if (tu_tm_begin_bulk(tm, err) != TU_OK) {
        xmlp_reader_close(&r);
        return err->code;
    }
    ret = xmlp_reader_read(&r, err);
    while (ret == 1) {
        const char *name = (const char *)xmlTextReaderConstLocalName(r.r);
        if (xmlTextReaderNodeType(r.r) != XML_READER_TYPE_ELEMENT || name == NULL) {
            ret = xmlp_reader_read(&r, err);
            continue;
        }
        if (!seen_root) {
            seen_root = true;
            if (strcmp(name, "tmx") != 0) {
                st = tu_error_at(err, TU_EPARSE, path, (unsigned long)xmlTextReaderGetParserLineNumber(r.r),
                                 (unsigned long)xmlTextReaderGetParserColumnNumber(r.r),
                                 "not a TMX document (root <%s>)", name);
                break;
            }
        } else if (strcmp(name, "header") == 0) {
            xmlChar *v = xmlTextReaderGetAttribute(r.r, (const xmlChar *)"srclang");
            tu_free(x.srclang);
            x.srclang = v ? tu_strdup((const char *)v) : NULL;
            xmlFree(v);
        } else if (strcmp(name, "tu") == 0) {
            xmlNode *n = xmlp_reader_expand(&r, err);
            if (n == NULL) {
                ret = -1;
                break;
            }
            if ((st = import_tu(&x, n->doc, n, err)) != TU_OK) {
                break;
            }
            ret = xmlp_reader_next(&r, err); /* past the unit's subtree */
            continue;
        }
        ret = xmlp_reader_read(&r, err);
    }
    if (st == TU_OK && ret < 0) {
        st = err->code;
    }
    if (st == TU_OK && !seen_root) {
        st = tu_error_at(err, TU_EPARSE, path, 1, 1, "not a TMX document");
    }
    xmlp_reader_close(&r);
    tu_free(x.srclang);
    if (st != TU_OK) {
        tu_tm_rollback(tm);
        return st;
    }
    return tu_tm_commit(tm, err);
}

/*
 * A TSV line must be text: a NUL byte (every other byte of UTF-16) would
 * cut the line short and pass for a column error, and a UTF-16 file
 * imported nothing and still succeeded. Both stop the import.
 */
static enum tu_status tsv_text_check(const char *path, unsigned long line,
                                     const char *l, size_t n, struct tu_error *err)
{
    const char *nul = memchr(l, '\0', n);

    if (line == 1 && n >= 2 && ((unsigned char)l[0] == 0xFF || (unsigned char)l[0] == 0xFE) &&
        (unsigned char)l[1] == ((unsigned char)l[0] ^ 0x01)) {
        return tu_error_at(err, TU_EENCODING, path, 1, 1,
                           "the file is UTF-16 (it starts with a byte order mark); a TSV"
                           " import reads UTF-8: convert it first (tumac normalize)");
    }
    if (nul != NULL) {
        return tu_error_at(err, TU_EENCODING, path, line, (unsigned long)(nul - l) + 1,
                           "not a text file: NUL byte (a TSV import reads UTF-8)");
    }
    return TU_OK;
}

enum tu_status tu_tm_import_tsv(struct tu_tm *tm, const char *path,
                                const struct tu_tm_import_opts *opts,
                                struct tu_tm_import_result *res,
                                struct tu_diag *diag, struct tu_error *err)
{
    FILE *fp;
    char *buf = NULL;
    size_t cap = 0;
    ssize_t got;
    enum tu_status st = TU_OK;
    unsigned long line = 0;

    memset(res, 0, sizeof *res);
    if (opts->src_lang == NULL || opts->trg_lang == NULL) {
        return tu_error_set(err, TU_EINVAL, "a TSV import needs the source and target languages (-s, -t)");
    }
    /* a line at a time: a 1M-unit file held whole cost its size in fresh
     * memory, and page faults are dear */
    if (tu_file_open_read(path, &fp, err) != TU_OK) {
        return err->code;
    }
    if (tu_tm_begin_bulk(tm, err) != TU_OK) {
        tu_file_close_read(fp);
        return err->code;
    }
    while ((got = getline(&buf, &cap, fp)) > 0) {
        char *l = buf;
        size_t n = (size_t)got;
        char *tab;
        line++;
        if ((st = tsv_text_check(path, line, l, n, err)) != TU_OK) {
            break;
        }
        if (l[n - 1] == '\n') {
            n--;
        }
        if (n > 0 && l[n - 1] == '\r') {
            n--;
        }
        l[n] = '\0';
        if (line == 1 && n >= 3 && memcmp(l, "\xEF\xBB\xBF", 3) == 0) {
            l += 3;
            n -= 3;
        }
        if (n == 0) {
            continue;
        }
        res->read++;
        tab = strchr(l, '\t');
        if (tab == NULL || tab == l || tab[1] == '\0' || strchr(tab + 1, '\t')) {
            const char *msg = "expected two tab-separated columns, source and target";
            if (opts->strict) {
                st = tu_error_at(err, TU_EPARSE, path, line, 1, "%s", msg);
                break;
            }
            tu_diag_add(diag, TU_WARNING, path, line, 1, "%s; line skipped", msg);
            res->skipped++;
            continue;
        }
        *tab = '\0';
        {
            struct tu_tm_unit u;
            bool added = false;
            memset(&u, 0, sizeof u);
            u.src_lang = opts->src_lang;
            u.trg_lang = opts->trg_lang;
            u.src_text = l;
            u.trg_text = tab + 1;
            u.origin = opts->origin ? opts->origin : base_name(path);
            u.approved = opts->approved;
            if ((st = tu_tm_add(tm, &u, &added, err)) != TU_OK) {
                tu_error_wrap(err, path, line, 1, NULL);
                break;
            }
            if (added) {
                res->added++;
            } else {
                res->merged++;
            }
        }
    }
    if (st == TU_OK && !feof(fp)) { /* a read error, or no memory for a line */
        st = tu_error_at(err, TU_EIO, path, line + 1, 0, "read failed: %s", strerror(errno));
    }
    free(buf); /* getline's */
    tu_file_close_read(fp);
    if (st != TU_OK) {
        tu_tm_rollback(tm);
        return st;
    }
    return tu_tm_commit(tm, err);
}

/* The units a filter takes: a WHERE clause over tu joined with tu_info (as
 * i), parameters ?1..?5 bound by bind_filter. */
#define FILTER_WHERE \
    " (?1 IS NULL OR tu.src_lang = ?1) AND (?2 IS NULL OR tu.trg_lang = ?2)" \
    " AND (?3 IS NULL OR tu.origin GLOB ?3)" \
    " AND (?4 IS NULL OR coalesce(i.changed, tu.created) >= ?4)" \
    " AND (?5 IS NULL OR coalesce(i.changed, tu.created) <= ?5)"

struct filter_dates { char since[TM_DATE_SIZE], until[TM_DATE_SIZE]; };

static enum tu_status check_filter(const struct tu_tm_filter *f, struct filter_dates *d,
                                   struct tu_error *err)
{
    if (f->since && !tu_tm_date_norm(f->since, false, d->since)) {
        return tu_error_set(err, TU_EINVAL, "bad since date \"%s\" (want YYYY-MM-DD, "
                            "YYYY-MM-DDThh:mm:ssZ or YYYYMMDDThhmmssZ)", f->since);
    }
    if (f->until && !tu_tm_date_norm(f->until, true, d->until)) {
        return tu_error_set(err, TU_EINVAL, "bad until date \"%s\" (want YYYY-MM-DD, "
                            "YYYY-MM-DDThh:mm:ssZ or YYYYMMDDThhmmssZ)", f->until);
    }
    return TU_OK;
}

static void bind_filter(sqlite3_stmt *st, const struct tu_tm_filter *f,
                        const struct filter_dates *d)
{
    sqlite3_bind_text(st, 1, f->src_lang, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, f->trg_lang, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, f->origin, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, f->since ? d->since : NULL, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, f->until ? d->until : NULL, -1, SQLITE_STATIC);
}

static void text_attr(struct tu_buf *out, const char *name, const unsigned char *v)
{
    if (v) {
        tu_buf_printf(out, " %s=\"", name);
        tu_xml_attr(out, (const char *)v);
        tu_buf_adds(out, "\"");
    }
}

/* Columns of the pair export query, in order. */
enum { X_SRC_LANG, X_TRG_LANG, X_SRC_XML, X_TRG_XML, X_ORIGIN, X_APPROVED, X_CREATED,
       X_PREV, X_NEXT, X_TUID, X_CREATOR, X_CHANGED, X_CHANGER, X_USAGE, X_LAST_USED,
       X_TU_EXTRA, X_SRC_EXTRA, X_TRG_EXTRA };
/* Columns of the group export query, in order. */
enum { G_GRP, G_IS_SOURCE, G_LANG, G_XML, G_ORIGIN, G_APPROVED, G_CREATED, G_PREV, G_NEXT,
       G_TUID, G_CREATOR, G_CHANGED, G_CHANGER, G_USAGE, G_LAST_USED, G_TU_EXTRA, G_EXTRA,
       G_SRCLANG };

/* Where a query has the columns of a <tu>'s start. */
struct head_cols {
    int tuid, srclang, created, creator, changed, changer, usage, last_used, extra,
        origin, approved, prev, next;
};
static const struct head_cols pair_head = {
    X_TUID, X_SRC_LANG, X_CREATED, X_CREATOR, X_CHANGED, X_CHANGER, X_USAGE, X_LAST_USED,
    X_TU_EXTRA, X_ORIGIN, X_APPROVED, X_PREV, X_NEXT};
static const struct head_cols group_head = {
    G_TUID, G_SRCLANG, G_CREATED, G_CREATOR, G_CHANGED, G_CHANGER, G_USAGE, G_LAST_USED,
    G_TU_EXTRA, G_ORIGIN, G_APPROVED, G_PREV, G_NEXT};

/* The dates, ids and usage of a <tu> or <tuv> (which the import reads from
 * a <tuv> where its <tu> has none). Dates were checked when stored (TMX
 * form, attribute-safe). */
static void dated_attrs(sqlite3_stmt *st, const struct head_cols *c, struct tu_buf *out)
{
    int64_t usage = sqlite3_column_int64(st, c->usage);
    text_attr(out, "creationdate", sqlite3_column_text(st, c->created));
    text_attr(out, "creationid", sqlite3_column_text(st, c->creator));
    text_attr(out, "changedate", sqlite3_column_text(st, c->changed));
    text_attr(out, "changeid", sqlite3_column_text(st, c->changer));
    if (usage > 0) {
        tu_buf_printf(out, " usagecount=\"%lld\"", (long long)usage);
    }
    text_attr(out, "lastusagedate", sqlite3_column_text(st, c->last_used));
}

/* <tu> with its attributes and props; srclang "*all*" where the query has none. */
static void export_head(sqlite3_stmt *st, const struct head_cols *c, struct tu_buf *out)
{
    const char *origin = (const char *)sqlite3_column_text(st, c->origin);
    const unsigned char *extra = sqlite3_column_text(st, c->extra);
    const unsigned char *srclang = sqlite3_column_text(st, c->srclang);
    int64_t prev = sqlite3_column_int64(st, c->prev), next = sqlite3_column_int64(st, c->next);

    tu_buf_adds(out, "    <tu");
    text_attr(out, "tuid", sqlite3_column_text(st, c->tuid));
    text_attr(out, "srclang", srclang ? srclang : (const unsigned char *)"*all*");
    if (c == &pair_head) {
        dated_attrs(st, c, out); /* a group's are on each <tuv> */
    }
    tu_buf_adds(out, ">\n");
    if (extra) {
        tu_buf_adds(out, "      ");
        tu_buf_adds(out, (const char *)extra);
        tu_buf_adds(out, "\n");
    }
    if (origin) {
        tu_buf_adds(out, "      <prop type=\"x-tumac-origin\">");
        tu_xml_text(out, origin);
        tu_buf_adds(out, "</prop>\n");
    }
    if (sqlite3_column_int(st, c->approved)) {
        tu_buf_adds(out, "      <prop type=\"x-tumac-approved\">yes</prop>\n");
    }
    if (prev || next) {
        tu_buf_printf(out, "      <prop type=\"x-tumac-prev\">%llx</prop>\n"
                           "      <prop type=\"x-tumac-next\">%llx</prop>\n",
                      (unsigned long long)prev, (unsigned long long)next);
    }
}

/* A <tuv>; with c, the variant's own dates, ids and usage as its attributes. */
static void export_tuv(sqlite3_stmt *st, int lang, int extra, int xml, const struct head_cols *c,
                       struct tu_buf *out)
{
    const unsigned char *tuv_extra = sqlite3_column_text(st, extra);
    tu_buf_adds(out, "      <tuv xml:lang=\"");
    tu_xml_attr(out, (const char *)sqlite3_column_text(st, lang));
    tu_buf_adds(out, "\"");
    if (c != NULL) {
        dated_attrs(st, c, out);
    }
    tu_buf_adds(out, ">");
    if (tuv_extra) {
        tu_buf_adds(out, (const char *)tuv_extra);
    }
    tu_buf_adds(out, "<seg>");
    tu_buf_adds(out, (const char *)sqlite3_column_text(st, xml));
    tu_buf_adds(out, "</seg></tuv>\n");
}

static void export_unit(sqlite3_stmt *st, struct tu_buf *out)
{
    export_head(st, &pair_head, out);
    export_tuv(st, X_SRC_LANG, X_SRC_EXTRA, X_SRC_XML, NULL, out);
    export_tuv(st, X_TRG_LANG, X_TRG_EXTRA, X_TRG_XML, NULL, out);
    tu_buf_adds(out, "    </tu>\n");
}

/* One variant of the group export: a group's source (first) opens its <tu>
 * (tuid, props); each <tuv> has its variant's dates, ids and usage, which
 * an import gives the unit of that target (the <tu> has none). The props
 * (origin, approval, context) are the source's: where targets of one group
 * differ in them, the pair export (-s/-t) keeps each. */
static void export_variant(sqlite3_stmt *st, int64_t *open_grp, struct tu_buf *out)
{
    int64_t grp = sqlite3_column_int64(st, G_GRP);

    if (grp != *open_grp) {
        if (*open_grp != 0) {
            tu_buf_adds(out, "    </tu>\n");
        }
        *open_grp = grp;
        export_head(st, &group_head, out);
    }
    export_tuv(st, G_LANG, G_EXTRA, G_XML, &group_head, out);
}

/* Pairs (-s or -t given): a <tu> per pair as it was added. Else a <tu> per
 * sentence group that has a pair the filter takes, with every variant. */
static const char export_pairs_sql[] =
    "SELECT tu.src_lang, tu.trg_lang, tu.src_xml, tu.trg_xml, tu.origin,"
    " tu.approved, tu.created, tu.prev_hash, tu.next_hash, i.tuid, i.creator,"
    " i.changed, i.changer, i.usage, i.last_used, i.tu_extra, i.src_extra,"
    " i.trg_extra FROM tu LEFT JOIN tu_info i USING (id) WHERE" FILTER_WHERE
    " ORDER BY tu.id";
static const char export_groups_sql[] =
    "SELECT v.grp, v.src IS NULL, v.lang, v.xml, v.origin, v.approved, v.created,"
    " v.prev_hash, v.next_hash, i.tuid, i.creator, i.changed, i.changer, i.usage,"
    " i.last_used, i.tu_extra, i.trg_extra, g.src_lang FROM tuv v"
    " JOIN tu_group g ON g.id = v.grp LEFT JOIN tu_info i ON i.id = v.id"
    " WHERE v.grp IN (SELECT tu.grp FROM tu LEFT JOIN tu_info i USING (id) WHERE" FILTER_WHERE ")"
    " ORDER BY v.grp, v.src IS NOT NULL, v.id";

enum tu_status tu_tm_export_tmx(struct tu_tm *tm, const struct tu_tm_filter *f,
                                struct tu_buf *out, struct tu_error *err)
{
    static const struct tu_tm_filter all;
    struct filter_dates dates;
    sqlite3_stmt *st;
    int rc;

    if (tm->pg != NULL) {
        return tm_pg_export(tm, f, out, err);
    }
    if (f == NULL) {
        f = &all;
    }
    if (check_filter(f, &dates, err) != TU_OK) {
        return err->code;
    }
    bool groups = f->src_lang == NULL && f->trg_lang == NULL;
    int64_t open_grp = 0;

    if (sqlite3_prepare_v2(tm->db, groups ? export_groups_sql : export_pairs_sql,
                           -1, &st, NULL) != SQLITE_OK) {
        return tu_error_at(err, TU_EDB, tm->path, 0, 0, "export: %s", sqlite3_errmsg(tm->db));
    }
    bind_filter(st, f, &dates);
    tu_buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">\n"
                     "  <header creationtool=\"tumac\" creationtoolversion=\"1\""
                     " segtype=\"sentence\" o-tmf=\"tumac\" adminlang=\"en\" srclang=\"");
    tu_xml_attr(out, f->src_lang ? f->src_lang : "*all*");
    tu_buf_adds(out, "\" datatype=\"plaintext\"/>\n  <body>\n");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (groups) {
            export_variant(st, &open_grp, out);
        } else {
            export_unit(st, out);
        }
    }
    if (open_grp != 0) {
        tu_buf_adds(out, "    </tu>\n");
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        return tu_error_at(err, TU_EDB, tm->path, 0, 0, "export: %s", sqlite3_errmsg(tm->db));
    }
    if (tu_buf_adds(out, "  </body>\n</tmx>\n") != TU_OK) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    return TU_OK;
}

enum tu_status tu_tm_stats(struct tu_tm *tm, struct tu_tm_stats *out,
                           struct tu_error *err)
{
    sqlite3_stmt *st;
    size_t used = 0;

    memset(out, 0, sizeof *out);
    if (tm->pg != NULL) {
        return tm_pg_stats(tm, out, err);
    }
    if (sqlite3_prepare_v2(tm->db,
            "SELECT src_lang, trg_lang, count(*), sum(approved) FROM tu"
            " GROUP BY src_lang, trg_lang ORDER BY 1, 2", -1, &st, NULL) != SQLITE_OK) {
        return tu_error_at(err, TU_EDB, tm->path, 0, 0, "stats: %s", sqlite3_errmsg(tm->db));
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        size_t n = (size_t)sqlite3_column_int64(st, 2);
        int w;
        out->units += n;
        out->approved += (size_t)sqlite3_column_int64(st, 3);
        w = snprintf(out->pairs + used, sizeof out->pairs - used, "%s -> %s: %zu\n",
                     sqlite3_column_text(st, 0), sqlite3_column_text(st, 1), n);
        if (w > 0 && (size_t)w < sizeof out->pairs - used) {
            used += (size_t)w;
        }
    }
    sqlite3_finalize(st);
    used = 0;
    if (sqlite3_prepare_v2(tm->db,
            "SELECT lang, count(*), (SELECT count(*) FROM tu_group) FROM tuv GROUP BY lang"
            " ORDER BY 1", -1, &st, NULL) != SQLITE_OK) {
        return tu_error_at(err, TU_EDB, tm->path, 0, 0, "stats: %s", sqlite3_errmsg(tm->db));
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        int w = snprintf(out->langs + used, sizeof out->langs - used, "%s: %lld\n",
                         sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1));
        out->groups = (size_t)sqlite3_column_int64(st, 2);
        if (w > 0 && (size_t)w < sizeof out->langs - used) {
            used += (size_t)w;
        }
    }
    sqlite3_finalize(st);
    return tu_tm_fts_pending(tm, &out->fts_pending, err);
}

enum tu_status tu_tm_count_target(struct tu_tm *tm, const char *trg_lang,
                                  size_t *count, struct tu_error *err)
{
    sqlite3_stmt *st;

    *count = 0;
    if (tm->pg != NULL) {
        return tm_pg_count_target(tm, trg_lang, count, err);
    }
    if (sqlite3_prepare_v2(tm->db, "SELECT count(*) FROM tuv WHERE lang = ?",
                           -1, &st, NULL) != SQLITE_OK) {
        return tu_error_at(err, TU_EDB, tm->path, 0, 0, "count: %s",
                           sqlite3_errmsg(tm->db));
    }
    sqlite3_bind_text(st, 1, trg_lang, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        *count = (size_t)sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return TU_OK;
}

/* The last unit id in the full-text index (meta 'fts_through'). */
static enum tu_status fts_through(struct tu_tm *tm, int64_t *through, struct tu_error *err)
{
    sqlite3_stmt *st;
    bool found = false;

    if (sqlite3_prepare_v2(tm->db, "SELECT CAST(value AS INTEGER) FROM meta"
                           " WHERE key = 'fts_through'", -1, &st, NULL) != SQLITE_OK) {
        return tu_error_at(err, TU_EDB, tm->path, 0, 0, "full-text index: %s",
                           sqlite3_errmsg(tm->db));
    }
    if (sqlite3_step(st) == SQLITE_ROW) {
        *through = sqlite3_column_int64(st, 0);
        found = true;
    }
    sqlite3_finalize(st);
    return found ? TU_OK : tu_error_at(err, TU_EDB, tm->path, 0, 0,
                                       "damaged TM: meta has no 'fts_through'");
}

enum tu_status tu_tm_fts_pending(struct tu_tm *tm, size_t *count, struct tu_error *err)
{
    sqlite3_stmt *st;
    int64_t through;

    *count = 0;
    if (tm->pg != NULL) {
        return TU_OK; /* PostgreSQL indexes text as it is written */
    }
    if (fts_through(tm, &through, err) != TU_OK) {
        return err->code;
    }
    if (sqlite3_prepare_v2(tm->db, "SELECT count(*) FROM tu WHERE id > ?", -1, &st,
                           NULL) != SQLITE_OK) {
        return tu_error_at(err, TU_EDB, tm->path, 0, 0, "full-text index: %s",
                           sqlite3_errmsg(tm->db));
    }
    sqlite3_bind_int64(st, 1, through);
    if (sqlite3_step(st) == SQLITE_ROW) {
        *count = (size_t)sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return TU_OK;
}

/* The units above 'fts_through' into the full-text index, in one statement:
 * FTS5 writes its buffered terms at every statement's savepoint. */
static enum tu_status fts_catch_up(struct tu_tm *tm, struct tu_error *err)
{
    sqlite3_stmt *st = NULL;
    int64_t through;

    if (tu_tm_begin(tm, err) != TU_OK) {
        return err->code;
    }
    if (fts_through(tm, &through, err) != TU_OK) {
        tu_tm_rollback(tm);
        return err->code;
    }
    if (sqlite3_prepare_v2(tm->db, "INSERT INTO tu_fts (rowid, src_text, trg_text)"
                           " SELECT id, src_text, trg_text FROM tu WHERE id > ?",
                           -1, &st, NULL) != SQLITE_OK ||
        (sqlite3_bind_int64(st, 1, through), sqlite3_step(st)) != SQLITE_DONE ||
        sqlite3_exec(tm->db, "UPDATE meta SET value = (SELECT coalesce(max(id), 0) FROM tuv)"
                             " WHERE key = 'fts_through'", NULL, NULL, NULL) != SQLITE_OK) {
        enum tu_status rc = tu_error_at(err, TU_EDB, tm->path, 0, 0, "full-text index: %s",
                                        sqlite3_errmsg(tm->db));
        sqlite3_finalize(st);
        tu_tm_rollback(tm);
        return rc;
    }
    sqlite3_finalize(st);
    return tu_tm_commit(tm, err);
}

/* The full-text index up to date before a search: through a writable
 * connection of its own when tm is read-only. */
static enum tu_status fts_sync(struct tu_tm *tm, struct tu_error *err)
{
    size_t pending;
    struct tu_tm *rw = NULL;
    enum tu_status st;

    if (tu_tm_fts_pending(tm, &pending, err) != TU_OK) {
        return err->code;
    }
    if (pending == 0) {
        return TU_OK;
    }
    if (!tm->readonly) {
        return fts_catch_up(tm, err);
    }
    if (tu_tm_open(tm->path, false, &rw, err) != TU_OK) {
        return tu_error_wrap(err, tm->path, 0, 0, "%zu units are not in the concordance"
                             " index yet, and indexing them needs write access", pending);
    }
    st = fts_catch_up(rw, err);
    tu_tm_close(rw);
    return st;
}

enum tu_status tu_tm_concordance(struct tu_tm *tm, const char *words,
                                 size_t max, struct tu_buf *out,
                                 struct tu_error *err)
{
    if (tm->pg != NULL) {
        return tm_pg_concordance(tm, words, max, out, err);
    }
    sqlite3_stmt *st;
    struct tu_buf q;
    const char *p = words;
    int rc;

    /* every word quoted: a phrase-free AND of the words */
    tu_buf_init(&q, TU_BUF_NO_LIMIT);
    while (*p) {
        const char *s;
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        s = p;
        while (*p && *p != ' ' && *p != '\t') {
            p++;
        }
        if (p > s) {
            tu_buf_adds(&q, q.len ? " \"" : "\"");
            for (const char *c = s; c < p; c++) {
                tu_buf_adds(&q, *c == '"' ? "\"\"" : (char[2]){*c, 0});
            }
            tu_buf_addc(&q, '"');
        }
    }
    tu_buf_addc(&q, 0);
    if (q.len <= 1) {
        tu_buf_release(&q);
        return tu_error_set(err, TU_EINVAL, "no words to search for");
    }
    if (fts_sync(tm, err) != TU_OK) {
        tu_buf_release(&q);
        return err->code;
    }
    if (sqlite3_prepare_v2(tm->db,
            "SELECT rowid, src_text, trg_text FROM tu_fts WHERE tu_fts MATCH ?"
            " ORDER BY rank LIMIT ?", -1, &st, NULL) != SQLITE_OK) {
        tu_buf_release(&q);
        return tu_error_at(err, TU_EDB, tm->path, 0, 0, "concordance: %s", sqlite3_errmsg(tm->db));
    }
    sqlite3_bind_text(st, 1, q.data, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (int64_t)(max ? max : 10));
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        tu_buf_printf(out, "%lld\t%s\t%s\n", (long long)sqlite3_column_int64(st, 0),
                      sqlite3_column_text(st, 1), sqlite3_column_text(st, 2));
    }
    sqlite3_finalize(st);
    tu_buf_release(&q);
    if (rc != SQLITE_DONE) {
        return tu_error_at(err, TU_EDB, tm->path, 0, 0, "concordance: %s", sqlite3_errmsg(tm->db));
    }
    return TU_OK;
}

enum tu_status tu_tm_delete(struct tu_tm *tm, const struct tu_tm_filter *f,
                            size_t *deleted, struct tu_error *err)
{
    sqlite3_stmt *st;
    const char *sql =
        "DELETE FROM tu WHERE id IN (SELECT tu.id FROM tu LEFT JOIN tu_info i USING (id)"
        " WHERE" FILTER_WHERE ") RETURNING id, src_text, trg_text";
    sqlite3_stmt *fts = NULL;
    struct filter_dates dates;
    enum tu_status rc = TU_OK;
    int64_t through;

    *deleted = 0;
    if (check_filter(f, &dates, err) != TU_OK) {
        return err->code;
    }
    if (tm->pg != NULL) {
        return tm_pg_delete(tm, f, f->since ? dates.since : NULL, f->until ? dates.until : NULL,
                            deleted, err);
    }
    if (tu_tm_begin(tm, err) != TU_OK) {
        return err->code;
    }
    if (fts_through(tm, &through, err) != TU_OK) {
        tu_tm_rollback(tm);
        return err->code;
    }
    if (sqlite3_prepare_v2(tm->db, sql, -1, &st, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(tm->db, "INSERT INTO tu_fts (tu_fts, rowid, src_text, trg_text)"
                                   " VALUES ('delete', ?, ?, ?)", -1, &fts, NULL) != SQLITE_OK) {
        rc = tu_error_at(err, TU_EDB, tm->path, 0, 0, "delete: %s", sqlite3_errmsg(tm->db));
        sqlite3_finalize(fts);
        tu_tm_rollback(tm);
        return rc;
    }
    bind_filter(st, f, &dates);
    while (sqlite3_step(st) == SQLITE_ROW) {
        (*deleted)++;
        tu_tm_content_changed(tm);
        if (sqlite3_column_int64(st, 0) > through) {
            continue; /* never indexed: FTS5 must not be told to forget it */
        }
        sqlite3_reset(fts);
        sqlite3_bind_int64(fts, 1, sqlite3_column_int64(st, 0));
        sqlite3_bind_text(fts, 2, (const char *)sqlite3_column_text(st, 1), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(fts, 3, (const char *)sqlite3_column_text(st, 2), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(fts) != SQLITE_DONE) {
            rc = tu_error_at(err, TU_EDB, tm->path, 0, 0, "delete: %s", sqlite3_errmsg(tm->db));
            break;
        }
    }
    sqlite3_finalize(st);
    sqlite3_finalize(fts);
    /* A new unit takes the highest id + 1: with the top units gone, that
     * id must count as not indexed. */
    if (rc == TU_OK &&
        sqlite3_exec(tm->db, "UPDATE meta SET value = min(CAST(value AS INTEGER),"
                             " (SELECT coalesce(max(id), 0) FROM tuv)) WHERE key = 'fts_through'",
                     NULL, NULL, NULL) != SQLITE_OK) {
        rc = tu_error_at(err, TU_EDB, tm->path, 0, 0, "delete: %s", sqlite3_errmsg(tm->db));
    }
    if (rc != TU_OK) {
        tu_tm_rollback(tm);
        return rc;
    }
    return tu_tm_commit(tm, err);
}

enum tu_status tu_tm_vacuum(struct tu_tm *tm, struct tu_error *err)
{
    if (tm->pg != NULL) {
        return tm_pg_vacuum(tm, err);
    }
    if (fts_sync(tm, err) != TU_OK) {
        return err->code;
    }
    /* the index again from the units: drops deleted units' postings */
    if (tu_tm_begin(tm, err) != TU_OK) {
        return err->code;
    }
    if (tu_tm_index_rebuild(tm, err) != TU_OK) {
        tu_tm_rollback(tm);
        return err->code;
    }
    if (tu_tm_commit(tm, err) != TU_OK) {
        return err->code;
    }
    if (sqlite3_exec(tm->db, "INSERT INTO tu_fts (tu_fts) VALUES ('optimize'); VACUUM;"
                             " PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) != SQLITE_OK) {
        return tu_error_at(err, TU_EDB, tm->path, 0, 0, "vacuum: %s", sqlite3_errmsg(tm->db));
    }
    return TU_OK;
}
