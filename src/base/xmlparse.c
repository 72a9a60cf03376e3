/*
 * The XML parsing policy of every reader (see xmlparse-int.h): libxml2 with
 * a hook on the DOCTYPE, its limits on, its errors retold.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "base/xmlparse-int.h"

#define BASE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
/* libxml2's limit on one text node without XML_PARSE_HUGE */
#define TEXT_LIMIT_MB 10

/* What the DOCTYPE hook found; hung on the parser context's _private. */
struct guard {
    unsigned flags;
    bool doctype;
    bool root; /* the prolog pass stops at the root element */
    unsigned long line, column;
    struct xmlp_fault *fault; /* the first error, when kept */
    bool ns_fault; /* a namespace error other than an odd namespace URI */
};

/* Where "<!DOCTYPE" starts: the hook runs after its name and external id. */
static void locate_doctype(const xmlParserInput *in, struct guard *g)
{
    const xmlChar *p = in->cur;
    unsigned long back = 0; /* characters from p to cur */
    bool crossed = false;

    g->line = in->line > 0 ? (unsigned long)in->line : 0;
    g->column = 0;
    if (in->base == NULL || p == NULL) {
        return;
    }
    while (p > in->base && strncmp((const char *)p, "<!DOCTYPE", 9) != 0) {
        p--;
        if (*p == '\n') {
            crossed = true;
            g->line--;
        }
        back += (*p & 0xC0) != 0x80;
    }
    if (strncmp((const char *)p, "<!DOCTYPE", 9) != 0) {
        return;
    }
    if (!crossed && in->col > 0 && (unsigned long)in->col > back) {
        g->column = (unsigned long)in->col - back;
        return;
    }
    /* count from the start of its line, when that is still in the buffer */
    const xmlChar *q = p;
    unsigned long col = 1;
    while (q > in->base && q[-1] != '\n') {
        q--;
        col += (*q & 0xC0) != 0x80;
    }
    if (q > in->base || g->line == 1) {
        g->column = col;
    }
}

/* SAX internalSubset: any DOCTYPE, before its internal subset is parsed. */
static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *ext_id,
                           const xmlChar *sys_id)
{
    xmlParserCtxt *pc = ctx;
    struct guard *g = pc->_private;
    (void)name;
    (void)ext_id;
    /* the parser stands after the external id: '[' opens an internal subset */
    const xmlChar *next = pc->input != NULL ? pc->input->cur : NULL;
    if (g != NULL && (g->flags & XMLP_DTD_NAME) && sys_id != NULL && next != NULL &&
        *next != '[') {
        return;
    }
    if (g != NULL && !g->doctype) {
        g->doctype = true;
        if (pc->input != NULL) {
            locate_doctype(pc->input, g);
        }
    }
    xmlStopParser(pc);
}

static enum tu_status doctype_error(const struct guard *g, const char *path,
                                    const char *kind, struct tu_error *err)
{
    return tu_error_at(err, TU_EPARSE, path, g->line, g->column,
                       "DOCTYPE is not allowed in %s files (DTDs and entities are refused)",
                       kind);
}

static bool has(const char *s, const char *part)
{
    return strstr(s, part) != NULL;
}

/* libxml2's report in our words; never its option names. */
static enum tu_status retell(const struct xmlp_fault *f, const char *path,
                             const char *kind, struct tu_error *err)
{
    if (!f->set) {
        return tu_error_at(err, TU_EPARSE, path, 0, 0, "not well-formed XML");
    }
    const char *m = f->msg;
    unsigned long l = f->line, c = f->column;
    if (has(m, "huge text node")) {
        return tu_error_at(err, TU_ETOOBIG, path, l, c,
                           "one text is longer than %d MB, the limit for %s files",
                           TEXT_LIMIT_MB, kind);
    }
    if (has(m, "Excessive depth")) {
        return tu_error_at(err, TU_ETOOBIG, path, l, c,
                           "elements nested too deeply (more than %d levels)", XMLP_MAX_DEPTH);
    }
    if (f->code == XML_ERR_NAME_TOO_LONG || has(m, "XML_PARSE_HUGE") || has(m, "too long") ||
        has(m, "too big") || has(m, "Huge input lookup")) {
        return tu_error_at(err, TU_ETOOBIG, path, l, c,
                           "a name, attribute value, comment or CDATA section is longer than "
                           "the parser accepts (names 50,000 characters, the rest %d MB)",
                           TEXT_LIMIT_MB);
    }
    if (f->code == XML_ERR_UNDECLARED_ENTITY || f->code == XML_WAR_UNDECLARED_ENTITY ||
        f->code == XML_ERR_ENTITY_LOOP || f->code == XML_ERR_ENTITY_PE_INTERNAL) {
        return tu_error_at(err, TU_EPARSE, path, l, c,
                           "entity reference &%s; is not allowed in %s files (only &amp; &lt; "
                           "&gt; &quot; &apos; and character references)",
                           f->name[0] ? f->name : "...", kind);
    }
    if (has(m, "not proper UTF-8")) {
        return tu_error_at(err, TU_EENCODING, path, l, c,
                           "invalid UTF-8 (the document declares no other encoding)");
    }
    if ((f->code == XML_ERR_INVALID_CHARREF || f->code == XML_ERR_INVALID_CHAR) && f->value > 0) {
        return tu_error_at(err, TU_EPARSE, path, l, c,
                           "not well-formed XML: U+%04X is a character XML 1.0 does not allow%s",
                           (unsigned)f->value,
                           f->code == XML_ERR_INVALID_CHARREF ? " (a character reference)" : "");
    }
    if (f->code == XML_ERR_NO_MEMORY) {
        return tu_error_at(err, TU_ENOMEM, path, l, c, "out of memory while parsing");
    }
    /* no libxml2 function names ("xmlParseCharRef: ...") */
    const char *colon = strstr(m, ": ");
    if (strncmp(m, "xml", 3) == 0 && colon != NULL && strcspn(m, " ") == (size_t)(colon - m)) {
        m = colon + 2;
    }
    /* our messages start in lower case (an acronym such as PCDATA stays) */
    bool word = m[0] >= 'A' && m[0] <= 'Z' && !(m[1] >= 'A' && m[1] <= 'Z');
    char first = word ? (char)(m[0] - 'A' + 'a') : m[0];
    return tu_error_at(err, TU_EPARSE, path, l, c, "not well-formed XML: %c%s", first,
                       m[0] ? m + 1 : "");
}

/* Keeps libxml2's first error, its message trimmed. */
static void keep_fault(struct xmlp_fault *f, const xmlError *e)
{
    size_t n;
    if (f->set || e == NULL || e->level < XML_ERR_ERROR) {
        return;
    }
    f->set = true;
    f->code = e->code;
    f->line = e->line > 0 ? (unsigned long)e->line : 0;
    f->column = e->int2 > 0 ? (unsigned long)e->int2 : 0;
    f->value = e->int1;
    snprintf(f->name, sizeof f->name, "%s", e->str1 ? e->str1 : "");
    snprintf(f->msg, sizeof f->msg, "%s", e->message ? e->message : "XML error");
    f->msg[strcspn(f->msg, "\n")] = '\0'; /* one line: no "Bytes: 0x.." dump */
    n = strlen(f->msg);
    while (n > 0 && (f->msg[n - 1] == '\n' || f->msg[n - 1] == ' ')) {
        f->msg[--n] = '\0';
    }
}

/* libxml2's structured error handler of a document parse (ctx: the parser) */
static void parser_error(void *ctx, xmlError *e)
{
    xmlParserCtxt *pc = ctx;
    struct guard *g = pc->_private;
    bool odd_uri = e != NULL && e->domain == XML_FROM_NAMESPACE &&
                   (e->code == XML_WAR_NS_URI || e->code == XML_WAR_NS_URI_RELATIVE);
    if (g == NULL) {
        return;
    }
    if (odd_uri && (g->flags & XMLP_ANY_NS_URI)) {
        return; /* a name, never dereferenced: compared as a string */
    }
    if (e != NULL && e->domain == XML_FROM_NAMESPACE) {
        g->ns_fault = true;
    }
    if (g->fault != NULL) {
        keep_fault(g->fault, e);
    }
}

/*
 * The policy on a parsed tree, walked without recursion: elements no deeper
 * than the limit, no entity reference (an external DTD that was not read
 * may have declared one; it would come out verbatim).
 */
static enum tu_status check_tree(xmlNode *top, unsigned depth, const char *path,
                                 const char *kind, struct tu_error *err)
{
    xmlNode *n = top;
    while (n != NULL) {
        if (n->type == XML_ENTITY_REF_NODE) {
            xmlNode *at = n->parent ? n->parent : n;
            return tu_error_at(err, TU_EPARSE, path, (unsigned long)xmlGetLineNo(at), 0,
                               "entity reference &%s; is not allowed in %s files (only &amp; "
                               "&lt; &gt; &quot; &apos; and character references)",
                               (const char *)n->name, kind);
        }
        if (n->type == XML_ELEMENT_NODE && depth > XMLP_MAX_DEPTH) {
            return tu_error_at(err, TU_ETOOBIG, path, (unsigned long)xmlGetLineNo(n), 0,
                               "elements nested too deeply (more than %d levels)",
                               XMLP_MAX_DEPTH);
        }
        if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
            n = n->children;
            depth++;
            continue;
        }
        while (n != top && n->next == NULL) {
            n = n->parent;
            depth--;
        }
        n = n == top ? NULL : n->next;
    }
    return TU_OK;
}

/* A whole document from memory (data) or from a descriptor (fd). */
static xmlDoc *read_tree(const char *data, size_t len, int fd, const char *path,
                         const char *kind, unsigned flags, struct tu_error *err)
{
    struct xmlp_fault f = {0};
    struct guard g = {.flags = flags, .fault = &f};
    xmlParserCtxt *pc;
    xmlDoc *doc;
    const char *enc = (flags & XMLP_UTF8) ? "UTF-8" : NULL;
    int options = BASE_OPTIONS | ((flags & XMLP_BIG_TEXT) ? XML_PARSE_HUGE : 0) |
                  ((flags & XMLP_COMPACT) ? XML_PARSE_COMPACT : 0);

    if (len > 0x7fffffff) {
        tu_error_at(err, TU_ETOOBIG, path, 0, 0, "document too large (%zu bytes)", len);
        return NULL;
    }
    pc = xmlNewParserCtxt();
    if (pc == NULL) {
        tu_error_at(err, TU_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    pc->_private = &g;
    pc->sax->internalSubset = refuse_doctype;
    pc->sax->serror = parser_error;
    doc = data != NULL ? xmlCtxtReadMemory(pc, data, (int)len, path, enc, options)
                       : xmlCtxtReadFd(pc, fd, path, enc, options);
    /* an undeclared prefix (a namespace error, not a well-formedness one)
     * would be written back under a prefix the writer declares itself */
    if (g.doctype || doc == NULL || !pc->wellFormed ||
        (!pc->nsWellFormed && (g.ns_fault || !(flags & XMLP_ANY_NS_URI)))) {
        if (g.doctype) {
            doctype_error(&g, path, kind, err);
        } else {
            keep_fault(&f, xmlCtxtGetLastError(pc)); /* when none came before */
            retell(&f, path, kind, err);
        }
        xmlFreeDoc(doc);
        xmlFreeParserCtxt(pc);
        return NULL;
    }
    xmlFreeParserCtxt(pc);
    if (xmlDocGetRootElement(doc) != NULL &&
        check_tree(xmlDocGetRootElement(doc), 1, path, kind, err) != TU_OK) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

xmlDoc *xmlp_read_memory(const char *data, size_t len, const char *path,
                           const char *kind, unsigned flags, struct tu_error *err)
{
    return read_tree(data != NULL ? data : "", len, -1, path, kind, flags, err);
}

xmlDoc *xmlp_read_fd(int fd, const char *path, const char *kind, unsigned flags,
                       struct tu_error *err)
{
    return read_tree(NULL, 0, fd, path, kind, flags, err);
}

/* ---------------------------------------------------------------- stream */

static void stop_at_root(void *ctx, const xmlChar *local, const xmlChar *prefix,
                         const xmlChar *uri, int nb_ns, const xmlChar **ns,
                         int nb_attrs, int nb_defaulted, const xmlChar **attrs)
{
    xmlParserCtxt *pc = ctx;
    struct guard *g = pc->_private;
    (void)local, (void)prefix, (void)uri, (void)nb_ns, (void)ns;
    (void)nb_attrs, (void)nb_defaulted, (void)attrs;
    g->root = true;
    xmlStopParser(pc);
}

/* Where the prolog pass takes its bytes: a file descriptor (read with
 * pread, so the reader after it starts at the beginning) or memory. */
struct prolog_src {
    int fd;
    const char *data;
    size_t len;
    size_t at;
};

static int prolog_chunk(struct prolog_src *s, char *buf, size_t cap)
{
    size_t n = 0;
    if (s->data != NULL) {
        n = s->len - s->at < cap ? s->len - s->at : cap;
        memcpy(buf, s->data + s->at, n);
    } else {
        ssize_t got = pread(s->fd, buf, cap, (off_t)s->at);
        n = got > 0 ? (size_t)got : 0;
    }
    s->at += n;
    return (int)n;
}

/*
 * xmlTextReader offers no hook on its own parser, which may parse past the
 * DOCTYPE before the first node is returned: so the prolog is parsed first
 * (decoded, up to the root element) with the DOCTYPE hook. Its other errors
 * are left to the reader, which meets them in context.
 */
static enum tu_status check_prolog(struct prolog_src *src, const char *path, const char *kind,
                                   unsigned flags, struct tu_error *err)
{
    xmlSAXHandler sax;
    struct guard g = {.flags = flags};
    char chunk[4096];
    int got;
    xmlParserCtxt *pc;

    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.internalSubset = refuse_doctype;
    sax.startElementNs = stop_at_root;
    got = prolog_chunk(src, chunk, sizeof chunk);
    pc = xmlCreatePushParserCtxt(&sax, NULL, chunk, got, path);
    if (pc == NULL) {
        return tu_error_at(err, TU_ENOMEM, path, 0, 0, "out of memory");
    }
    pc->_private = &g;
    xmlCtxtUseOptions(pc, BASE_OPTIONS);
    while (!g.doctype && !g.root && pc->instate != XML_PARSER_EOF) {
        got = prolog_chunk(src, chunk, sizeof chunk);
        if (xmlParseChunk(pc, chunk, got, got == 0) != 0 || got == 0) {
            break;
        }
    }
    xmlFreeParserCtxt(pc);
    return g.doctype ? doctype_error(&g, path, kind, err) : TU_OK;
}

static void reader_error(void *arg, xmlError *e)
{
    keep_fault(arg, e);
}

static int reader_options(unsigned flags)
{
    return BASE_OPTIONS | ((flags & XMLP_BIG_TEXT) ? XML_PARSE_HUGE : 0);
}

static const char *reader_encoding(unsigned flags)
{
    return (flags & XMLP_UTF8) ? "UTF-8" : NULL;
}

/* The reader made from one of the sources, its errors kept. */
static enum tu_status reader_start(struct xmlp_reader *x, struct prolog_src *src,
                                   const char *path, const char *kind, unsigned flags,
                                   struct tu_error *err)
{
    memset(x, 0, sizeof *x);
    x->path = path;
    x->kind = kind;
    x->flags = flags;
    if (src != NULL && check_prolog(src, path, kind, flags, err) != TU_OK) {
        return err->code;
    }
    if (src == NULL) {
        x->r = xmlReaderForFile(path, reader_encoding(flags), reader_options(flags));
    } else if (src->data != NULL) {
        x->r = xmlReaderForMemory(src->data, (int)src->len, path, reader_encoding(flags),
                                  reader_options(flags));
    } else {
        x->r = xmlReaderForFd(src->fd, path, reader_encoding(flags), reader_options(flags));
    }
    if (x->r == NULL) {
        return tu_error_at(err, TU_EIO, path, 0, 0, "cannot read the file");
    }
    xmlTextReaderSetStructuredErrorHandler(x->r, reader_error, &x->fault);
    return TU_OK;
}

enum tu_status xmlp_reader_open(struct xmlp_reader *x, const char *path,
                                  const char *kind, unsigned flags, struct tu_error *err)
{
    FILE *fp = fopen(path, "rb");
    struct prolog_src src = {.fd = fp != NULL ? fileno(fp) : -1};
    enum tu_status st;

    if (fp == NULL) {
        memset(x, 0, sizeof *x);
        return tu_error_at(err, TU_EIO, path, 0, 0, "cannot read the file");
    }
    st = check_prolog(&src, path, kind, flags, err);
    fclose(fp);
    return st != TU_OK ? st : reader_start(x, NULL, path, kind, flags, err);
}

enum tu_status xmlp_reader_open_fd(struct xmlp_reader *x, int fd, const char *path,
                                     const char *kind, unsigned flags, struct tu_error *err)
{
    struct prolog_src src = {.fd = fd};
    return reader_start(x, &src, path, kind, flags, err);
}

enum tu_status xmlp_reader_open_memory(struct xmlp_reader *x, const char *data, size_t len,
                                         const char *path, const char *kind, unsigned flags,
                                         struct tu_error *err)
{
    struct prolog_src src = {.fd = -1, .data = data != NULL ? data : "", .len = len};
    if (len > 0x7fffffff) {
        memset(x, 0, sizeof *x);
        return tu_error_at(err, TU_ETOOBIG, path, 0, 0, "document too large (%zu bytes)", len);
    }
    return reader_start(x, &src, path, kind, flags, err);
}

/* The policy on one step of the reader. */
static int reader_checked(struct xmlp_reader *x, int ret, struct tu_error *err)
{
    unsigned long line = (unsigned long)xmlTextReaderGetParserLineNumber(x->r);
    if (ret < 0 || x->fault.set) {
        retell(&x->fault, x->path, x->kind, err);
        return -1;
    }
    if (ret == 0) {
        return 0;
    }
    switch (xmlTextReaderNodeType(x->r)) {
    case XML_READER_TYPE_DOCUMENT_TYPE: {
        /* the prolog pass let it through: still no declarations in it */
        xmlNode *dtd = xmlTextReaderCurrentNode(x->r);
        if (!(x->flags & XMLP_DTD_NAME) || dtd == NULL || dtd->children != NULL) {
            struct guard g = {.doctype = true, .line = line};
            doctype_error(&g, x->path, x->kind, err);
            return -1;
        }
        break;
    }
    case XML_READER_TYPE_ENTITY_REFERENCE: {
        snprintf(x->fault.name, sizeof x->fault.name, "%s",
                 (const char *)xmlTextReaderConstName(x->r));
        x->fault.set = true;
        x->fault.code = XML_ERR_UNDECLARED_ENTITY;
        x->fault.line = line;
        retell(&x->fault, x->path, x->kind, err);
        return -1;
    }
    default:
        break;
    }
    /* depth counts elements, as the tree walk does; the element's own line
     * (the parser's may be a chunk further on) */
    if (xmlTextReaderNodeType(x->r) == XML_READER_TYPE_ELEMENT &&
        xmlTextReaderDepth(x->r) >= XMLP_MAX_DEPTH) {
        xmlNode *at = xmlTextReaderCurrentNode(x->r);
        long own = at != NULL ? xmlGetLineNo(at) : -1;
        tu_error_at(err, TU_ETOOBIG, x->path, own > 0 ? (unsigned long)own : line, 0,
                    "elements nested too deeply (more than %d levels)", XMLP_MAX_DEPTH);
        return -1;
    }
    return 1;
}

int xmlp_reader_read(struct xmlp_reader *x, struct tu_error *err)
{
    return reader_checked(x, xmlTextReaderRead(x->r), err);
}

int xmlp_reader_next(struct xmlp_reader *x, struct tu_error *err)
{
    return reader_checked(x, xmlTextReaderNext(x->r), err);
}

xmlNode *xmlp_reader_expand(struct xmlp_reader *x, struct tu_error *err)
{
    xmlNode *n = xmlTextReaderExpand(x->r);
    if (n == NULL || x->fault.set) {
        retell(&x->fault, x->path, x->kind, err);
        return NULL;
    }
    /* the subtree's top is as deep as the reader stands (the root is 1) */
    unsigned depth = (unsigned)xmlTextReaderDepth(x->r) + 1;
    return check_tree(n, depth, x->path, x->kind, err) == TU_OK ? n : NULL;
}

void xmlp_reader_close(struct xmlp_reader *x)
{
    xmlFreeTextReader(x->r);
    x->r = NULL;
}
