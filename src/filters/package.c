/*
 * Zip packages (DOCX, ODT) on libzip: libzip is a maintained Debian library
 * (libzip-dev) that reads from and writes to memory, reports corrupt and
 * encrypted archives by name, and gives each entry's stat, so the ceilings
 * against zip bombs are checked on real bytes read, not on sizes a hostile
 * central directory claims. The package travels inside the skeleton as
 * base64 (see office.h), so merge needs nothing but the XLIFF file.
 */
#include <stdio.h>
#include <string.h>

#include <zip.h>

#include <tumac/alloc.h>

#include "office.h"

struct pkg {
    zip_t *za;
    const char *path;
    size_t count;
    size_t total; /* bytes read so far, for the overall ceiling */
};

static bool is_ole(const char *data, size_t len)
{
    return len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

/* An OLE container with an "EncryptedPackage" stream (names are UTF-16LE). */
static bool ole_is_encrypted(const char *data, size_t len)
{
    static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    size_t n = sizeof(name) - 1;

    for (size_t i = 0; i + n <= len; i++) {
        if (data[i] == 'E' && memcmp(data + i, name, n) == 0) {
            return true;
        }
    }
    return false;
}

enum tu_status pkg_open(const char *data, size_t len, const char *path,
                        struct pkg **out, struct tu_error *err)
{
    zip_error_t ze;
    zip_source_t *src;
    struct pkg *p;
    zip_int64_t n;

    *out = NULL;
    if (is_ole(data, len)) {
        return tu_error_at(err, TU_EUNSUPPORTED, path, 0, 0, "%s",
                           ole_is_encrypted(data, len)
                               ? "the document is password-protected (encrypted): "
                                 "remove the password in Word and save it again"
                               : "this is a binary Word 97-2003 document, not a "
                                 "zip package: save it as .docx first");
    }
    zip_error_init(&ze);
    src = zip_source_buffer_create(data, len, 0, &ze);
    if (src == NULL) {
        zip_error_fini(&ze);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    p = tu_calloc(1, sizeof(*p));
    if (p == NULL) {
        zip_source_free(src);
        zip_error_fini(&ze);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    p->za = zip_open_from_source(src, ZIP_CHECKCONS | ZIP_RDONLY, &ze);
    if (p->za == NULL) {
        /* libzip says "File already exists" of a name given twice */
        enum tu_status st = tu_error_at(err, TU_EPARSE, path, 0, 0,
                                        "not a readable zip package (%s)",
                                        zip_error_code_zip(&ze) == ZIP_ER_EXISTS
                                            ? "two entries have the same name"
                                            : zip_error_strerror(&ze));
        zip_source_free(src);
        zip_error_fini(&ze);
        tu_free(p);
        return st;
    }
    zip_error_fini(&ze);
    p->path = path;
    n = zip_get_num_entries(p->za, 0);
    if (n < 0 || n > PKG_MAX_ENTRIES) {
        pkg_close(p);
        return tu_error_at(err, TU_EUNSUPPORTED, path, 0, 0,
                           "the package has more than %d entries", PKG_MAX_ENTRIES);
    }
    p->count = (size_t)n;
    for (size_t i = 0; i < p->count; i++) {
        zip_stat_t zs;
        if (zip_stat_index(p->za, i, 0, &zs) != 0 || !(zs.valid & ZIP_STAT_NAME)) {
            pkg_close(p);
            return tu_error_at(err, TU_EPARSE, path, 0, 0,
                               "entry %zu of the zip package is unreadable", i);
        }
        if ((zs.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
            zs.encryption_method != ZIP_EM_NONE) {
            enum tu_status st = tu_error_at(
                err, TU_EUNSUPPORTED, path, 0, 0,
                "part %s is encrypted (a password-protected package): remove "
                "the password and save it again", zs.name);
            pkg_close(p);
            return st;
        }
    }
    *out = p;
    return TU_OK;
}

void pkg_close(struct pkg *p)
{
    if (p != NULL) {
        zip_discard(p->za);
        tu_free(p);
    }
}

size_t pkg_count(const struct pkg *p)
{
    return p->count;
}

const char *pkg_name(const struct pkg *p, size_t i)
{
    const char *n = zip_get_name(p->za, i, 0);
    return n ? n : "";
}

size_t pkg_find(const struct pkg *p, const char *name)
{
    zip_int64_t i = zip_name_locate(p->za, name, 0);
    return i < 0 ? (size_t)-1 : (size_t)i;
}

enum tu_status pkg_read(struct pkg *p, size_t i, struct tu_buf *out,
                        struct tu_error *err)
{
    const char *name = pkg_name(p, i);
    zip_file_t *zf = zip_fopen_index(p->za, i, 0);
    char chunk[16384];
    zip_int64_t n;
    size_t got = 0;

    if (zf == NULL) {
        return tu_error_at(err, TU_EPARSE, p->path, 0, 0,
                           "part %s cannot be read (%s)", name,
                           zip_strerror(p->za));
    }
    while ((n = zip_fread(zf, chunk, sizeof(chunk))) > 0) {
        got += (size_t)n;
        if (got > PKG_PART_LIMIT || p->total + got > PKG_TOTAL_LIMIT) {
            zip_fclose(zf);
            return tu_error_at(err, TU_ETOOBIG, p->path, 0, 0,
                               "part %s expands past %s (%zu MB): refused as a "
                               "possible zip bomb", name,
                               got > PKG_PART_LIMIT ? "the ceiling of one part"
                                                    : "the ceiling of all parts",
                               (got > PKG_PART_LIMIT ? PKG_PART_LIMIT
                                                     : PKG_TOTAL_LIMIT) >> 20);
        }
        if (tu_buf_add(out, chunk, (size_t)n) != TU_OK) {
            zip_fclose(zf);
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    if (n < 0) {
        enum tu_status st = tu_error_at(err, TU_EPARSE, p->path, 0, 0,
                                        "part %s is damaged (%s)", name,
                                        zip_file_strerror(zf));
        zip_fclose(zf);
        return st;
    }
    zip_fclose(zf);
    p->total += got;
    return TU_OK;
}

/* ---- base64, for the package inside the skeleton ---- */

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void b64_encode(struct tu_buf *out, const unsigned char *s, size_t n)
{
    char q[4];

    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)s[i] << 16;
        if (i + 1 < n) {
            v |= (unsigned)s[i + 1] << 8;
        }
        if (i + 2 < n) {
            v |= s[i + 2];
        }
        q[0] = b64[(v >> 18) & 63];
        q[1] = b64[(v >> 12) & 63];
        q[2] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
        q[3] = i + 2 < n ? b64[v & 63] : '=';
        tu_buf_add(out, q, 4);
        if (i % 57 == 54) {
            tu_buf_addc(out, '\n'); /* 76-column lines */
        }
    }
}

static int b64_val(char c)
{
    const char *p = c ? strchr(b64, c) : NULL;
    return p ? (int)(p - b64) : -1;
}

static bool b64_decode(const char *s, size_t n, struct tu_buf *out)
{
    unsigned v = 0;
    int bits = 0;

    for (size_t i = 0; i < n; i++) {
        int d;
        if (s[i] == '\n' || s[i] == '=') {
            continue;
        }
        if ((d = b64_val(s[i])) < 0) {
            return false;
        }
        v = (v << 6) | (unsigned)d;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            tu_buf_addc(out, (char)((v >> bits) & 0xFF));
        }
    }
    return out->status == TU_OK;
}

/* ---- extraction ---- */

static enum tu_status read_part(struct fx *fx, struct pkg *p, size_t i,
                                pkg_part_fn fn, void *doc, struct tu_error *err)
{
    const char *name = pkg_name(p, i);
    struct tu_buf b;
    enum tu_status st;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    st = pkg_read(p, i, &b, err);
    if (st == TU_OK && (st = fx_check_utf8(fx->path, b.data, b.len, err)) != TU_OK) {
        tu_error_wrap(err, fx->path, err->line, err->column, "part %s", name);
    }
    if (st == TU_OK) {
        tu_buf_adds(&fx->skl, "\\x01PART ");
        skl_lit(&fx->skl, name, strlen(name));
        tu_buf_adds(&fx->skl, "\\x01");
        fx->in = b.data;
        fx->len = b.len;
        fx->pos = 0;
        st = fn(fx, name, doc, err);
        if (st == TU_OK) {
            fx_copy_to(fx, b.len);
        }
    }
    tu_buf_release(&b);
    return st;
}

/* A macro-enabled package (.docm, a vbaProject part) is refused: its macros
 * would travel into every translation. */
static enum tu_status check_macros(struct fx *fx, struct pkg *p,
                                   struct tu_error *err)
{
    for (size_t i = 0; i < pkg_count(p); i++) {
        const char *n = pkg_name(p, i);
        const char *slash = strrchr(n, '/');
        if (strcmp(slash ? slash + 1 : n, "vbaProject.bin") == 0 ||
            strncmp(n, "Basic/", 6) == 0) {
            return tu_error_at(err, TU_EUNSUPPORTED, fx->path, 0, 0,
                               "the document is macro-enabled (part %s); save it "
                               "without macros (.docx/.odt) first", n);
        }
    }
    return TU_OK;
}

enum tu_status pkg_extract(struct fx *fx, pkg_pick_fn pick, const char *required,
                           void *doc, struct tu_error *err)
{
    const char *data = fx->in;
    size_t len = fx->len;
    struct pkg *p = NULL;
    enum tu_status st;

    if ((st = pkg_open(data, len, fx->path, &p, err)) != TU_OK) {
        return st;
    }
    st = check_macros(fx, p, err);
    if (st == TU_OK && pkg_find(p, required) == (size_t)-1) {
        st = tu_error_at(err, TU_EPARSE, fx->path, 0, 0,
                         "the package has no %s: not a %s document", required,
                         fx->filter->name);
    }
    if (st == TU_OK) {
        tu_buf_adds(&fx->skl, "\\x01PKG\\x01");
        b64_encode(&fx->skl, (const unsigned char *)data, len);
        tu_buf_adds(&fx->skl, "\\x01");
    }
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; st == TU_OK && i < pkg_count(p); i++) {
            pkg_part_fn fn = pick(pkg_name(p, i), pass);
            if (fn != NULL) {
                st = read_part(fx, p, i, fn, doc, err);
            }
        }
    }
    pkg_close(p);
    fx->in = data;
    fx->len = len;
    fx->pos = len; /* everything is in the skeleton */
    return st;
}

/* ---- merge: the rendered body back into a package ---- */

#define SEP "\x01" /* the separator in the rendered body (see office.h) */

struct rendered {
    const char *pkg; /* base64 */
    size_t pkg_len;
    struct { const char *name, *data; size_t name_len, len; } *parts;
    size_t count, cap;
};

static enum tu_status split_rendered(const char *s, size_t n,
                                     struct rendered *r, struct tu_error *err)
{
    const char *end = s + n, *p, *z;

    memset(r, 0, sizeof(*r));
    if (n < 5 || memcmp(s, SEP "PKG" SEP, 5) != 0 ||
        (z = memchr(s + 5, SEP[0], n - 5)) == NULL) {
        return tu_error_set(err, TU_EPARSE, "damaged skeleton: no package in it");
    }
    r->pkg = s + 5;
    r->pkg_len = (size_t)(z - r->pkg);
    p = z + 1;
    while (p < end) {
        const char *name, *nz, *next;
        if ((size_t)(end - p) < 6 || memcmp(p, SEP "PART ", 6) != 0 ||
            (nz = memchr(p + 6, SEP[0], (size_t)(end - p - 6))) == NULL) {
            return tu_error_set(err, TU_EPARSE, "damaged skeleton: a part without its name");
        }
        name = p + 6;
        next = memchr(nz + 1, SEP[0], (size_t)(end - nz - 1));
        if (next == NULL) {
            next = end;
        }
        r->parts = tu_grow(r->parts, sizeof(*r->parts), r->count + 1, &r->cap);
        if (r->parts == NULL) {
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
        r->parts[r->count].name = name;
        r->parts[r->count].name_len = (size_t)(nz - name);
        r->parts[r->count].data = nz + 1;
        r->parts[r->count].len = (size_t)(next - nz - 1);
        r->count++;
        p = next;
    }
    return TU_OK;
}

static size_t rendered_find(const struct rendered *r, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < r->count; i++) {
        if (r->parts[i].name_len == n && memcmp(r->parts[i].name, name, n) == 0) {
            return i;
        }
    }
    return (size_t)-1;
}

/* Add entry i of `orig` to `nz`, its data replaced by `data` if not NULL;
 * the method (stored/deflated) and the time stay the original's. */
static bool add_entry(zip_t *nz, zip_t *orig, zip_uint64_t i, const char *data,
                      size_t len)
{
    zip_stat_t zs;
    zip_source_t *s;
    zip_int64_t at;

    if (zip_stat_index(orig, i, 0, &zs) != 0) {
        return false;
    }
    s = data ? zip_source_buffer(nz, data, len, 0) : zip_source_zip(nz, orig, i, 0, 0, 0);
    if (s == NULL) {
        return false;
    }
    at = zip_file_add(nz, zs.name, s, ZIP_FL_ENC_UTF_8);
    if (at < 0) {
        zip_source_free(s);
        return false;
    }
    if ((zs.valid & ZIP_STAT_COMP_METHOD) &&
        zip_set_file_compression(nz, (zip_uint64_t)at,
                                 zs.comp_method == ZIP_CM_STORE ? ZIP_CM_STORE
                                                                : ZIP_CM_DEFLATE,
                                 0) != 0) {
        return false;
    }
    return !(zs.valid & ZIP_STAT_MTIME) ||
           zip_file_set_mtime(nz, (zip_uint64_t)at, zs.mtime, 0) == 0;
}

/* The bytes of a finished in-memory zip source. */
static bool source_bytes(zip_source_t *src, struct tu_buf *out)
{
    zip_int64_t size, got;

    if (zip_source_open(src) != 0) {
        return false;
    }
    if (zip_source_seek(src, 0, SEEK_END) != 0 || (size = zip_source_tell(src)) < 0 ||
        zip_source_seek(src, 0, SEEK_SET) != 0 ||
        tu_buf_reserve(out, (size_t)size) != TU_OK) {
        zip_source_close(src);
        return false;
    }
    got = zip_source_read(src, out->data + out->len, (zip_uint64_t)size);
    zip_source_close(src);
    if (got != size) {
        return false;
    }
    out->len += (size_t)size;
    out->data[out->len] = '\0';
    return true;
}

/* Copy every entry of `oz` into `nz` in its order, rendered parts in place. */
static bool copy_entries(zip_t *nz, zip_t *oz, const struct rendered *r)
{
    for (zip_int64_t i = 0; i < zip_get_num_entries(oz, 0); i++) {
        size_t k = rendered_find(r, zip_get_name(oz, (zip_uint64_t)i, 0));
        if (!add_entry(nz, oz, (zip_uint64_t)i,
                       k == (size_t)-1 ? NULL : r->parts[k].data,
                       k == (size_t)-1 ? 0 : r->parts[k].len)) {
            return false;
        }
    }
    return true;
}

/* Why the package could not be written again: an entry the filter did not
 * read is damaged (libzip only meets it when copying it), or else unknown. */
static enum tu_status why_not_written(const struct tu_buf *orig, struct tu_error *err)
{
    struct pkg *p = NULL;
    struct tu_buf b;
    enum tu_status st = pkg_open(orig->data, orig->len, NULL, &p, err);

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    for (size_t i = 0; st == TU_OK && i < pkg_count(p); i++) {
        tu_buf_truncate(&b, 0);
        st = pkg_read(p, i, &b, err);
    }
    tu_buf_release(&b);
    pkg_close(p);
    return st != TU_OK ? st : tu_error_set(err, TU_EIO, "the package could not be written again");
}

/* The new package, written in memory: the original stays open until the new
 * one is closed, since its unchanged entries are read from it then. */
static enum tu_status build(const struct rendered *r, const struct tu_buf *orig,
                            struct tu_buf *out, struct tu_error *err)
{
    zip_error_t ze;
    zip_source_t *os, *ns = NULL;
    zip_t *oz = NULL, *nz = NULL;
    bool ok = false;

    zip_error_init(&ze);
    os = zip_source_buffer_create(orig->data, orig->len, 0, &ze);
    if (os != NULL && (oz = zip_open_from_source(os, ZIP_RDONLY, &ze)) == NULL) {
        zip_source_free(os);
    }
    if (oz != NULL && (ns = zip_source_buffer_create(NULL, 0, 0, &ze)) != NULL) {
        if ((nz = zip_open_from_source(ns, ZIP_TRUNCATE, &ze)) == NULL) {
            zip_source_free(ns);
            ns = NULL;
        } else {
            zip_source_keep(ns); /* ours, after zip_close */
        }
    }
    if (nz != NULL) {
        ok = copy_entries(nz, oz, r);
        if (ok && zip_close(nz) != 0) {
            ok = false;
            zip_discard(nz);
        } else if (!ok) {
            zip_discard(nz);
        }
        ok = ok && source_bytes(ns, out);
        zip_source_free(ns);
    }
    if (oz != NULL) {
        zip_discard(oz);
    }
    zip_error_fini(&ze);
    return ok ? TU_OK : why_not_written(orig, err);
}

/* Parts that differ from the original's go through `fix`; the fixed copies
 * replace them in r (kept in `fixed` until the package is built). */
static enum tu_status fix_parts(struct rendered *r, const struct tu_buf *orig,
                                pkg_fix_fn fix, struct tu_buf *fixed,
                                struct tu_error *err)
{
    struct pkg *p = NULL;
    struct tu_buf was;
    enum tu_status st = pkg_open(orig->data, orig->len, NULL, &p, err);
    char name[1024];

    tu_buf_init(&was, TU_BUF_NO_LIMIT);
    for (size_t k = 0; st == TU_OK && k < r->count; k++) {
        size_t i;
        snprintf(name, sizeof(name), "%.*s", (int)r->parts[k].name_len, r->parts[k].name);
        i = pkg_find(p, name);
        tu_buf_truncate(&was, 0);
        tu_buf_init(&fixed[k], TU_BUF_NO_LIMIT);
        if (i == (size_t)-1 || (st = pkg_read(p, i, &was, err)) != TU_OK ||
            (was.len == r->parts[k].len && memcmp(was.data, r->parts[k].data, was.len) == 0)) {
            continue; /* untouched: byte-identical */
        }
        if (fix(name, r->parts[k].data, r->parts[k].len, &fixed[k])) {
            if (fixed[k].status != TU_OK) {
                st = tu_error_set(err, TU_ENOMEM, "out of memory");
            } else {
                r->parts[k].data = fixed[k].data;
                r->parts[k].len = fixed[k].len;
            }
        }
    }
    tu_buf_release(&was);
    pkg_close(p);
    return st;
}

enum tu_status pkg_pack_fixed(struct tu_buf *out, size_t start, pkg_fix_fn fix,
                              struct tu_error *err)
{
    struct rendered r;
    struct tu_buf orig, pkg, *fixed = NULL;
    enum tu_status st;

    st = split_rendered(out->data + start, out->len - start, &r, err);
    tu_buf_init(&orig, TU_BUF_NO_LIMIT);
    tu_buf_init(&pkg, TU_BUF_NO_LIMIT);
    if (st == TU_OK && !b64_decode(r.pkg, r.pkg_len, &orig)) {
        st = tu_error_set(err, TU_EPARSE, "damaged skeleton: the package is not base64");
    }
    if (st == TU_OK && fix != NULL && r.count > 0) {
        fixed = tu_calloc(r.count, sizeof(*fixed));
        st = fixed ? fix_parts(&r, &orig, fix, fixed, err)
                   : tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (st == TU_OK) {
        st = build(&r, &orig, &pkg, err);
    }
    if (st == TU_OK) {
        tu_buf_truncate(out, start);
        if (tu_buf_add(out, pkg.data, pkg.len) != TU_OK) {
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    for (size_t k = 0; fixed != NULL && k < r.count; k++) {
        tu_buf_release(&fixed[k]);
    }
    tu_free(fixed);
    tu_free(r.parts);
    tu_buf_release(&orig);
    tu_buf_release(&pkg);
    return st;
}

enum tu_status pkg_pack(struct tu_buf *out, size_t start, struct tu_error *err)
{
    return pkg_pack_fixed(out, start, NULL, err);
}

enum tu_status pkg_verify(const char *orig, size_t orig_len,
                          const char *merged, size_t merged_len,
                          struct tu_error *err)
{
    struct rendered r;
    enum tu_status st = split_rendered(merged, merged_len, &r, err);
    char name[256];

    (void)orig;
    (void)orig_len;
    for (size_t i = 0; st == TU_OK && i < r.count; i++) {
        snprintf(name, sizeof(name), "%.*s", (int)r.parts[i].name_len, r.parts[i].name);
        st = xp_check(r.parts[i].data, r.parts[i].len, NULL, name, err);
        if (st != TU_OK) {
            tu_error_wrap(err, NULL, 0, 0, "the merged document would be damaged");
        }
    }
    tu_free(r.parts);
    return st;
}

enum tu_status pkg_compare(const char *a, size_t alen, const char *b,
                           size_t blen, char *part, size_t part_size,
                           struct tu_error *err)
{
    struct pkg *pa = NULL, *pb = NULL;
    struct tu_buf x, y;
    enum tu_status st;

    part[0] = '\0';
    tu_buf_init(&x, TU_BUF_NO_LIMIT);
    tu_buf_init(&y, TU_BUF_NO_LIMIT);
    st = pkg_open(a, alen, NULL, &pa, err);
    if (st == TU_OK) {
        st = pkg_open(b, blen, NULL, &pb, err);
    }
    for (size_t i = 0; st == TU_OK && i < pkg_count(pa) && part[0] == '\0'; i++) {
        size_t j = i < pkg_count(pb) && strcmp(pkg_name(pa, i), pkg_name(pb, i)) == 0
                       ? i
                       : (size_t)-1;
        tu_buf_truncate(&x, 0);
        tu_buf_truncate(&y, 0);
        if (j == (size_t)-1 || (st = pkg_read(pa, i, &x, err)) != TU_OK ||
            (st = pkg_read(pb, j, &y, err)) != TU_OK || x.len != y.len ||
            memcmp(x.data, y.data, x.len) != 0) {
            snprintf(part, part_size, "%s", pkg_name(pa, i));
        }
    }
    if (st == TU_OK && part[0] == '\0' && pkg_count(pa) != pkg_count(pb)) {
        snprintf(part, part_size, "(the list of parts)");
    }
    pkg_close(pa);
    pkg_close(pb);
    tu_buf_release(&x);
    tu_buf_release(&y);
    return st;
}
