/*
 * The filter table and extraction entry points. Adding a format means
 * writing one struct fx_filter (extract + escape) and one row in `filters`;
 * merge, pseudo-translation and the skeleton are shared by all of them.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <tumac/alloc.h>
#include <tumac/fileio.h>
#include <tumac/locale.h>
#include <tumac/text.h>

#include "filters-int.h"
#include "office.h"

static const struct fx_filter *const filters[] = {
    &fx_filter_docx,
    &fx_filter_odt,
    &fx_filter_html,
    &fx_filter_text, /* last: it takes anything */
};

#define FILTER_COUNT (sizeof(filters) / sizeof(filters[0]))

static const char *const names[] = {"html", "text", "docx", "odt", NULL};

const char *const *tu_filter_names(void)
{
    return names;
}

const struct fx_filter *fx_filter_find(const char *name)
{
    for (size_t i = 0; i < FILTER_COUNT; i++) {
        if (strcmp(filters[i]->name, name) == 0) {
            return filters[i];
        }
    }
    return NULL;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static const struct fx_filter *pick(const char *name, const char *format,
                                    const char *data, size_t len)
{
    if (format != NULL && strcmp(format, "auto") != 0) {
        return fx_filter_find(format);
    }
    for (size_t i = 0; i < FILTER_COUNT; i++) {
        for (const char *const *s = filters[i]->suffixes; s && *s; s++) {
            if (ends_with(name, *s)) {
                return filters[i];
            }
        }
    }
    for (size_t i = 0; i < FILTER_COUNT; i++) {
        if (filters[i]->sniff != NULL && filters[i]->sniff(data, len)) {
            return filters[i];
        }
    }
    return &fx_filter_text;
}

enum tu_status fx_check_utf8(const char *path, const char *data, size_t len,
                             struct tu_error *err)
{
    const unsigned char *u = (const unsigned char *)data;
    size_t i = 0;

    while (i < len) {
        size_t l = u[i] < 0x80 ? 1 : fx_utf8_len(u + i, len - i);
        if (l == 0) {
            unsigned long line, col;
            tu_text_position(data, len, i, &line, &col);
            return tu_error_at(err, TU_EENCODING, path, line, col,
                               "invalid UTF-8 byte 0x%02X (convert the file to UTF-8 first)",
                               u[i]);
        }
        i += l;
    }
    return TU_OK;
}

void fx_copy_to(struct fx *fx, size_t to)
{
    if (to > fx->pos) {
        skl_lit(&fx->skl, fx->in + fx->pos, to - fx->pos);
        fx->pos = to;
    }
}

/* Offset of the first byte where a and b differ (or the shorter length). */
static size_t first_difference(const char *a, size_t alen, const char *b,
                               size_t blen)
{
    size_t i = 0;

    while (i < alen && i < blen && a[i] == b[i]) {
        i++;
    }
    return i;
}

/*
 * Every extraction is checked the way a user would: merging it untranslated
 * must give the input back byte for byte. A filter bug then shows up as a
 * located error at extraction, never as a damaged document after weeks of
 * translation.
 */
static enum tu_status verify_roundtrip(const struct tu_doc *doc,
                                       const char *data, size_t len,
                                       const char *name, bool package,
                                       struct tu_error *err)
{
    struct tu_merge_opts mo = {.encoding = "original"};
    struct tu_diag diag = {0};
    struct tu_buf out;
    enum tu_status st;
    size_t i = 0;

    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    st = tu_merge_doc(doc, &mo, &out, &diag, err);
    if (st == TU_OK && package) {
        char part[256];
        st = pkg_compare(data, len, out.data, out.len, part, sizeof(part), err);
        if (st == TU_OK && part[0] != '\0') {
            st = tu_error_at(err, TU_EUNSUPPORTED, name, 0, 0,
                             "the %s filter cannot keep part %s byte for byte "
                             "(please report it)", doc->files[0]->datatype, part);
        }
    } else if (st == TU_OK && (out.len != len || memcmp(out.data, data, len) != 0)) {
        unsigned long line, col;
        i = first_difference(data, len, out.data, out.len);
        tu_text_position(data, len, i, &line, &col);
        st = tu_error_at(err, TU_EUNSUPPORTED, name, line, col,
                         "the %s filter cannot keep this document byte for byte "
                         "from here on (please report it)",
                         doc->files[0]->datatype);
    }
    tu_diag_release(&diag);
    tu_buf_release(&out);
    return st;
}

/*
 * The input as UTF-8. *enc is NULL for UTF-8 input (used as is), else the
 * encoding it was in, and `out` holds the decoded text; decoding must be
 * exactly reversible so that merge can write the original bytes back.
 */
static enum tu_status decode_input(const char *name, const char *data,
                                   size_t len, const char *encoding,
                                   struct tu_buf *out, const char **enc,
                                   struct tu_error *err)
{
    const char *e;
    enum tu_status st;
    struct tu_buf back;

    *enc = NULL;
    if (encoding == NULL || strcasecmp(encoding, "auto") == 0) {
        if ((st = tu_text_detect(name, data, len, &e, err)) != TU_OK) {
            return st;
        }
    } else if (strcasecmp(encoding, "UTF-16") == 0) {
        if ((e = tu_text_utf16_by_bom(data, len)) == NULL) {
            return tu_error_at(err, TU_EENCODING, name, 1, 1,
                               "UTF-16 input without a byte order mark (name UTF-16LE or UTF-16BE)");
        }
    } else if ((e = tu_text_encoding_name(encoding)) == NULL) {
        return tu_error_set(err, TU_EINVAL, "unknown encoding '%s'", encoding);
    }
    if (strcmp(e, "UTF-8") == 0) {
        return TU_OK;
    }
    if ((st = tu_text_to_utf8(name, data, len, e, out, err)) != TU_OK) {
        return st;
    }
    /* the way back must give the same bytes (no one-way mappings) */
    tu_buf_init(&back, TU_BUF_NO_LIMIT);
    st = tu_text_from_utf8(name, out->data, out->len, e, &back, NULL, err);
    if (st == TU_OK && (back.len != len || memcmp(back.data, data, len) != 0)) {
        size_t i = first_difference(data, len, back.data, back.len);
        unsigned long line, col;
        tu_text_position(data, i, i, &line, &col);
        st = tu_error_at(err, TU_EUNSUPPORTED, name, line, col,
                         "byte 0x%02X does not convert back to itself in %s, so "
                         "the file could not be merged back byte for byte "
                         "(convert it to UTF-8 first)",
                         (unsigned)(unsigned char)data[i < len ? i : len - 1], e);
    }
    tu_buf_release(&back);
    *enc = e;
    return st;
}

enum tu_status tu_extract_memory(const char *data, size_t len,
                                 const char *name,
                                 const struct tu_extract_opts *opts,
                                 struct tu_doc **out, struct tu_error *err)
{
    struct fx fx;
    struct tu_doc *doc = NULL;
    struct tu_locale loc, tl;
    struct tu_buf decoded;
    const char *enc = NULL; /* the input's encoding when it is not UTF-8 */
    const char *raw;        /* the input as read, before decoding */
    size_t raw_len;
    enum tu_status st;

    *out = NULL;
    memset(&fx, 0, sizeof(fx));
    if (opts == NULL || opts->src_lang == NULL) {
        return tu_error_set(err, TU_EINVAL, "the source language is required");
    }
    if ((st = tu_locale_parse(opts->src_lang, &loc, err)) != TU_OK) {
        return st;
    }
    snprintf(fx.src_primary, sizeof(fx.src_primary), "%s", loc.language);
    if (opts->trg_lang != NULL) {
        if ((st = tu_locale_parse(opts->trg_lang, &tl, err)) != TU_OK) {
            return st;
        }
    }
    fx.filter = pick(name, opts->format, data, len);
    if (fx.filter == NULL) {
        return tu_error_set(err, TU_EINVAL,
                            "unknown format '%s' (expected auto, text, html, docx or odt)",
                            opts->format);
    }
    tu_buf_init(&decoded, TU_BUF_NO_LIMIT);
    if (!fx.filter->package &&
        (st = decode_input(name, data, len, opts->encoding, &decoded, &enc,
                           err)) != TU_OK) {
        tu_buf_release(&decoded);
        return st;
    }
    raw = data;
    raw_len = len;
    if (enc != NULL) {
        data = decoded.data;
        len = decoded.len;
    }
    if (!fx.filter->package && (st = fx_check_utf8(name, data, len, err)) != TU_OK) {
        tu_buf_release(&decoded);
        return st;
    }
    fx.path = name;
    fx.in = data;
    fx.len = len;
    fx.opts = opts;
    tu_buf_init(&fx.skl, TU_BUF_NO_LIMIT);
    doc = tu_doc_new();
    if (doc == NULL) {
        tu_buf_release(&decoded);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    /* the tags as BCP 47 spells them, not as typed (sr_Latn -> sr-Latn) */
    doc->src_lang = tu_strdup(loc.tag);
    doc->trg_lang = opts->trg_lang ? tu_strdup(tl.tag) : NULL;
    fx.file = tu_doc_add_file(doc, "f1");
    if (doc->src_lang == NULL || fx.file == NULL ||
        (opts->trg_lang && doc->trg_lang == NULL)) {
        tu_doc_free(doc);
        tu_buf_release(&decoded);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    fx.file->original = tu_strdup(name);
    fx.file->datatype = tu_strdup(fx.filter->datatype);
    fx.file->src_lang = tu_strdup(loc.tag);
    fx.file->trg_lang = opts->trg_lang ? tu_strdup(tl.tag) : NULL;
    st = tu_segmenter_new(opts->src_lang, opts->srx_path, &fx.seg, err);
    if (st == TU_OK) {
        tu_buf_adds(&fx.skl, SKL_MAGIC);
        tu_buf_adds(&fx.skl, fx.filter->name);
        if (enc != NULL) { /* not UTF-8: merge needs it for --encoding original */
            tu_buf_addc(&fx.skl, ' ');
            tu_buf_adds(&fx.skl, enc);
        }
        tu_buf_addc(&fx.skl, '\n');
        st = fx.filter->extract(&fx, err);
    }
    if (st == TU_OK) {
        fx_copy_to(&fx, len);
        if (fx.skl.status != TU_OK) {
            st = tu_error_set(err, fx.skl.status, "out of memory");
        }
    }
    if (st == TU_OK) {
        fx.file->skeleton = tu_buf_detach(&fx.skl, NULL);
        if (fx.file->skeleton == NULL) {
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    tu_segmenter_free(fx.seg);
    tu_buf_release(&fx.skl);
    if (st == TU_OK) {
        st = verify_roundtrip(doc, raw, raw_len, name, fx.filter->package, err);
    }
    tu_buf_release(&decoded);
    if (st != TU_OK) {
        tu_error_set_path(err, name);
        tu_doc_free(doc);
        return st;
    }
    *out = doc;
    return TU_OK;
}

enum tu_status tu_extract_file(const char *path,
                               const struct tu_extract_opts *opts,
                               struct tu_doc **out, struct tu_error *err)
{
    struct tu_buf b;
    enum tu_status st;

    *out = NULL;
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    st = tu_file_read(path, TU_FILE_DEFAULT_LIMIT, &b, err);
    if (st == TU_OK) {
        st = tu_extract_memory(b.data, b.len, path, opts, out, err);
    }
    tu_buf_release(&b);
    return st;
}

const char *tu_filter_encoding(const struct tu_doc *doc)
{
    const char *skl, *sp, *nl;
    size_t m = strlen(SKL_MAGIC);
    char name[48];

    if (doc == NULL || doc->file_count == 0 ||
        (skl = doc->files[0]->skeleton) == NULL || strncmp(skl, SKL_MAGIC, m) != 0 ||
        (nl = strchr(skl + m, '\n')) == NULL) {
        return "UTF-8";
    }
    sp = memchr(skl + m, ' ', (size_t)(nl - skl) - m);
    if (sp == NULL || (size_t)(nl - sp) > sizeof(name)) {
        return "UTF-8";
    }
    snprintf(name, sizeof(name), "%.*s", (int)(nl - sp - 1), sp + 1);
    return tu_text_encoding_name(name) ? tu_text_encoding_name(name) : "UTF-8";
}

const char *tu_filter_extension(const struct tu_doc *doc)
{
    const char *skl;
    size_t m = strlen(SKL_MAGIC);

    if (doc == NULL || doc->file_count == 0 ||
        (skl = doc->files[0]->skeleton) == NULL || strncmp(skl, SKL_MAGIC, m) != 0) {
        return "txt";
    }
    for (size_t i = 0; i < FILTER_COUNT; i++) {
        size_t n = strlen(filters[i]->name);
        if (strncmp(skl + m, filters[i]->name, n) == 0 &&
            (skl[m + n] == '\n' || skl[m + n] == ' ')) {
            return filters[i]->extension;
        }
    }
    return "txt";
}

void fx_escape_by(struct tu_buf *out, const char *s, size_t n, char q,
                  const char *(*ref)(char ch, char q))
{
    size_t run = 0;

    for (size_t i = 0; i < n; i++) {
        const char *r = ref(s[i], q);
        if (r != NULL) {
            tu_buf_add(out, s + run, i - run);
            tu_buf_adds(out, r);
            run = i + 1;
        }
    }
    tu_buf_add(out, s + run, n - run);
}
