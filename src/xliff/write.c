/*
 * XLIFF writer: the entry points (the model -> XLIFF 2.1/2.2 or 1.2 through
 * libxml2's xmlTextWriter, so the output is always well-formed, streamed to
 * a buffer or a temporary file renamed when complete) and the helpers both
 * versions use (write-int.h), among them the refusal of what XML 1.0 cannot
 * carry. The versions themselves: write20.c, write12.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include <tumac/alloc.h>
#include <tumac/fileio.h>
#include <tumac/xliff.h>

#include "write-int.h"

void xw_chk(struct wctx *c, int r)
{
    if (r < 0 && c->rc >= 0) {
        c->rc = r;
    }
}

void xw_start(struct wctx *c, const char *name)
{
    c->elem = name;
    xw_chk(c, xmlTextWriterStartElement(c->w, X(name)));
}

/*
 * The next character of `s` that XML 1.0 cannot carry (section 2.2: C0
 * controls but tab, LF and CR; U+FFFE, U+FFFF; a byte that is not UTF-8),
 * or NULL. *cp gets its code point (-1 for a bad byte), *len its length.
 */
static const char *xml_forbidden(const char *s, long *cp, size_t *len)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') {
            *cp = *p;
            *len = 1;
            return (const char *)p;
        }
        if (*p < 0x80) {
            continue;
        }
        /* a multibyte sequence: well-formed UTF-8 (no surrogates, overlongs) */
        size_t n = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC2 ? 2 : 0;
        unsigned long v = n == 4 ? (*p & 0x07u) : n == 3 ? (*p & 0x0Fu) : (*p & 0x1Fu);
        size_t k = 1;
        for (; n > 0 && k < n && (p[k] & 0xC0) == 0x80; k++) {
            v = (v << 6) | (p[k] & 0x3Fu);
        }
        if (n == 0 || *p > 0xF4 || k < n || (n == 3 && v < 0x800) || (n == 4 && v < 0x10000) ||
            v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
            *cp = -1;
            *len = 1;
            return (const char *)p;
        }
        if (v == 0xFFFE || v == 0xFFFF) {
            *cp = (long)v;
            *len = n;
            return (const char *)p;
        }
        p += n - 1;
    }
    return NULL;
}

/*
 * Records that a value holds a character the output cannot carry; the write
 * then fails with this message (the first one) and writes nothing. The
 * value is the attribute `attr` of element `el`, or (attr NULL) its text.
 */
static void refuse(struct wctx *c, const char *el, const char *attr, const char *bad, long cp)
{
    char ch[40], what[100];
    if (c->refused[0] != '\0') {
        return;
    }
    if (cp < 0) {
        snprintf(ch, sizeof ch, "the byte 0x%02X (not UTF-8)", (unsigned)(unsigned char)*bad);
    } else {
        snprintf(ch, sizeof ch, "the character U+%04lX", (unsigned long)cp);
    }
    if (attr != NULL) {
        snprintf(what, sizeof what, "the %s attribute of <%s>", attr, el);
    } else {
        snprintf(what, sizeof what, "the text of <%s>", el);
    }
    snprintf(c->refused, sizeof c->refused,
             "%s%s%s%s holds %s, which XML 1.0 does not allow and XLIFF %s cannot escape there",
             c->unit ? "unit " : "", c->unit ? c->unit : "", c->unit ? ": " : "", what, ch,
             tu_xliff_version_name(c->version));
}

/* true when `s` (see refuse) can be written as it is; else refused */
static bool writable(struct wctx *c, const char *attr, const char *s)
{
    long cp;
    size_t len;
    const char *bad = xml_forbidden(s, &cp, &len);
    if (bad != NULL) {
        refuse(c, c->elem ? c->elem : "?", attr, bad, cp);
    }
    return bad == NULL;
}

void xw_end(struct wctx *c)
{
    xw_chk(c, xmlTextWriterEndElement(c->w));
}

void xw_attr(struct wctx *c, const char *name, const char *value)
{
    if (value != NULL && writable(c, name, value)) {
        xw_chk(c, xmlTextWriterWriteAttribute(c->w, X(name), X(value)));
    }
}

void xw_text(struct wctx *c, const char *s)
{
    if (s != NULL && *s && writable(c, NULL, s)) {
        xw_chk(c, xmlTextWriterWriteString(c->w, X(s)));
    }
}

/*
 * Inline text and 2.x <data> (in element `in`): characters XML cannot carry
 * become <cp hex/> in 2.x (2.1 4.2.3.1; <data> allows <cp> too). 1.2 has no
 * way to say them, so it refuses them (dropping them lost text silently:
 * merge gave "ab" for "a\vb"), as it refuses a byte that is not UTF-8.
 */
void xw_text_cp(struct wctx *c, const char *s, const char *in)
{
    long cp;
    size_t len;
    const char *bad;
    if (s == NULL) {
        return;
    }
    while ((bad = xml_forbidden(s, &cp, &len)) != NULL) {
        if (cp < 0 || c->version == TU_XLIFF_1_2) {
            refuse(c, in, NULL, bad, cp);
            return;
        }
        if (bad > s) {
            xw_chk(c, xmlTextWriterWriteFormatString(c->w, "%.*s", (int)(bad - s), s));
        }
        char hex[24];
        snprintf(hex, sizeof hex, "%04lX", (unsigned long)cp);
        xw_chk(c, xmlTextWriterStartElement(c->w, X("cp")));
        xw_chk(c, xmlTextWriterWriteAttribute(c->w, X("hex"), X(hex)));
        xw_chk(c, xmlTextWriterEndElement(c->w));
        s = bad + len;
    }
    if (*s) {
        xw_chk(c, xmlTextWriterWriteString(c->w, X(s)));
    }
}

void xw_extra_attrs(struct wctx *c, const struct tu_attrs *a)
{
    for (size_t i = 0; i < a->count; i++) {
        const struct tu_attr *at = &a->items[i];
        if (at->ns == NULL || strncmp(at->name, "xml:", 4) == 0 ||
            strcmp(at->ns, "http://www.w3.org/XML/1998/namespace") == 0) {
            const char *n = at->name;
            char buf[128];
            if (at->ns != NULL && strncmp(n, "xml:", 4) != 0) {
                snprintf(buf, sizeof buf, "xml:%s", n);
                n = buf;
            }
            xw_attr(c, n, at->value);
        } else {
            /* Numbered within this element (each declares its own
             * namespace), not by c->gen: a generated unit id taken from
             * that counter renumbered the prefixes on the next write. */
            char prefix[32];
            snprintf(prefix, sizeof prefix, "x%zu", i + 1);
            if (writable(c, at->name, at->value)) {
                xw_chk(c, xmlTextWriterWriteAttributeNS(c->w, X(prefix), X(at->name),
                                                     X(at->ns), X(at->value)));
            }
        }
    }
}

void xw_exts(struct wctx *c, const struct tu_exts *e)
{
    for (size_t i = 0; i < e->count; i++) {
        if (e->items[i].xml != NULL && writable(c, NULL, e->items[i].xml)) {
            xw_chk(c, xmlTextWriterWriteRaw(c->w, X(e->items[i].xml)));
        }
    }
}

/* a kept element that is <mda:metadata> (its start tag names it) */
static bool is_metadata_ext(const char *xml)
{
    const char *gt = strchr(xml, '>');
    size_t tag = gt ? (size_t)(gt - xml) : strlen(xml);
    const char *ns = strstr(xml, MDA_NS);
    size_t name = strcspn(xml, " \t\r\n/>"); /* "<prefix:local" */
    const char *colon = memchr(xml, ':', name);
    const char *local = colon ? colon + 1 : xml + 1;
    return xml[0] == '<' && (size_t)(xml + name - local) == 8 && strncmp(local, "metadata", 8) == 0 &&
           ns && (size_t)(ns - xml) < tag;
}

/* the kept extension elements that are (or are not) <mda:metadata> */
void xw_exts_where(struct wctx *c, const struct tu_exts *e, bool metadata)
{
    for (size_t i = 0; i < e->count; i++) {
        if (e->items[i].xml != NULL && is_metadata_ext(e->items[i].xml) == metadata &&
            writable(c, NULL, e->items[i].xml)) {
            xw_chk(c, xmlTextWriterWriteRaw(c->w, X(e->items[i].xml)));
        }
    }
}

void xw_translate_attr(struct wctx *c, int translate)
{
    if (translate == 0) {
        xw_attr(c, "translate", "no");
    } else if (translate == 1) {
        xw_attr(c, "translate", "yes");
    }
}

const char *xw_start_id(struct wctx *c, const char *el, const char *id, char prefix, char buf[32])
{
    xw_start(c, el);
    if (id == NULL) {
        snprintf(buf, 32, "%c%u", prefix, ++c->gen);
        id = buf;
    }
    xw_attr(c, "id", id);
    return id;
}

/* The id of a code of `ct`; one without an id is named by its place, so
 * the end of a paired code finds the id its start got and writing what was
 * read back gives the same ids (a counter gave "c9" to a start, "c10" and
 * "c11" to the id and rid of its end). */
const char *xw_code_id(const struct tu_content *ct, const struct tu_inline *in,
                       char *buf, size_t cap)
{
    if (in->id != NULL && *in->id) {
        return in->id;
    }
    snprintf(buf, cap, "c%zu", (size_t)(in - ct->items) + 1);
    return buf;
}

void xw_fmt_num(char *buf, size_t cap, double v)
{
    snprintf(buf, cap, "%.2f", v);
    /* trim "85.00" -> "85" */
    char *dot = strchr(buf, '.');
    if (dot != NULL) {
        char *e = buf + strlen(buf) - 1;
        while (e > dot && *e == '0') {
            *e-- = '\0';
        }
        if (e == dot) {
            *e = '\0';
        }
    }
}

const char *xw_doc_lang(const struct tu_doc *d, bool target)
{
    const char *l = target ? d->trg_lang : d->src_lang;
    for (size_t i = 0; l == NULL && i < d->file_count; i++) {
        l = target ? d->files[i]->trg_lang : d->files[i]->src_lang;
    }
    return l;
}


/* ---------------------------------------------------------------- entry */

/* Where the serialization goes: a buffer or a file, chunk by chunk, so the
 * document is never held twice (once by libxml2, once by us). */
struct sink {
    struct tu_buf *buf; /* or */
    FILE *fp;
    bool failed;        /* the buffer was full or the write failed */
    int write_errno;    /* why the write failed */
};

static int sink_write(void *ctx, const char *data, int len)
{
    struct sink *k = ctx;

    if (k->buf != NULL ? tu_buf_add(k->buf, data, (size_t)len) != TU_OK
                       : fwrite(data, 1, (size_t)len, k->fp) != (size_t)len) {
        k->failed = true;
        k->write_errno = errno;
        return -1;
    }
    return len;
}

static int sink_close(void *ctx)
{
    (void)ctx;
    return 0;
}

static enum tu_status write_to(const struct tu_doc *doc,
                               enum tu_xliff_version version, struct sink *k,
                               const char *where, struct tu_error *err)
{
    struct wctx c = {0};
    xmlOutputBufferPtr ob;

    if (version == TU_XLIFF_2_0) {
        version = TU_XLIFF_2_1;
    }
    if (version != TU_XLIFF_1_2 && version != TU_XLIFF_2_1 &&
        version != TU_XLIFF_2_2) {
        return tu_error_at(err, TU_EINVAL, NULL, 0, 0,
                           "cannot write XLIFF version %d", (int)version);
    }
    ob = xmlOutputBufferCreateIO(sink_write, sink_close, k, NULL);
    if (ob == NULL || (c.w = xmlNewTextWriter(ob)) == NULL) {
        if (ob != NULL) {
            xmlOutputBufferClose(ob);
        }
        return tu_error_at(err, TU_ENOMEM, NULL, 0, 0, "out of memory");
    }
    c.version = version;
    xmlTextWriterSetIndent(c.w, 0);
    xw_chk(&c, xmlTextWriterStartDocument(c.w, "1.0", "UTF-8", NULL));
    if (version == TU_XLIFF_1_2) {
        xw_write_doc12(&c, doc);
    } else {
        xw_write_doc20(&c, doc);
    }
    xw_chk(&c, xmlTextWriterEndDocument(c.w));
    xmlFreeTextWriter(c.w); /* flushes and closes ob */
    tu_free(c.data);
    if (c.oom) {
        return tu_error_at(err, TU_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (c.refused[0] != '\0') {
        return tu_error_at(err, TU_EINVAL, NULL, 0, 0, "%s", c.refused);
    }
    if (k->failed) {
        return k->buf != NULL
                   ? tu_error_at(err, k->buf->status, NULL, 0, 0, "output buffer full")
                   : tu_error_at(err, TU_EIO, where, 0, 0, "write failed: %s",
                                 strerror(k->write_errno));
    }
    if (c.rc < 0) {
        return tu_error_at(err, TU_EINVAL, NULL, 0, 0,
                           "cannot serialize the document (invalid characters in the model?)");
    }
    return TU_OK;
}

enum tu_status tu_xliff_write_buf(const struct tu_doc *doc,
                                  enum tu_xliff_version version,
                                  struct tu_buf *out, struct tu_error *err)
{
    struct sink k = {.buf = out};
    size_t start = out->len;
    enum tu_status st = write_to(doc, version, &k, NULL, err);

    if (st != TU_OK) {
        tu_buf_truncate(out, start);
    }
    return st;
}

/* A document the writer refused (what it holds, not an I/O failure) is
 * reported against the output it did not write. */
static enum tu_status not_written(enum tu_status st, const char *path,
                                  struct tu_error *err)
{
    if (st == TU_EINVAL && err->path[0] == '\0') {
        tu_error_wrap(err, path, 0, 0, "not written");
    }
    return st;
}

/* Straight into the temporary beside `path`, renamed when complete (to
 * stdout: the whole document or nothing). */
enum tu_status tu_xliff_write_file(const struct tu_doc *doc,
                                   enum tu_xliff_version version,
                                   const char *path, struct tu_error *err)
{
    return tu_xliff_write_file_in(doc, version, path, NULL, err);
}

enum tu_status tu_xliff_write_file_in(const struct tu_doc *doc,
                                      enum tu_xliff_version version, const char *path,
                                      struct tu_atomic_group *g, struct tu_error *err)
{
    struct tu_atomic_file f;
    struct sink k = {0};
    enum tu_status st;

    if (strcmp(path, "-") == 0) {
        /* all or nothing on stdout too: through memory */
        struct tu_buf b;
        tu_buf_init(&b, TU_BUF_NO_LIMIT);
        st = tu_xliff_write_buf(doc, version, &b, err);
        if (st == TU_OK) {
            st = tu_file_write_atomic(path, b.data, b.len, err);
        }
        tu_buf_release(&b);
        return not_written(st, path, err);
    }
    if ((st = tu_atomic_open(&f, path, err)) != TU_OK) {
        return st;
    }
    k.fp = f.fp;
    st = write_to(doc, version, &k, path, err);
    if (st != TU_OK) {
        tu_atomic_abort(&f);
        return not_written(st, path, err);
    }
    return tu_atomic_commit_in(&f, g, err);
}
