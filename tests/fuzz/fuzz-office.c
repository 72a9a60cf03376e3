/*
 * DOCX and ODT extract -> merge. An input is one of two kinds:
 *  - a package, as a file holds it (a zip; anything that is not the kind
 *    below): hostile zips (damaged, bombs, odd entries) meet the package
 *    layer, and are tried as DOCX and as ODT;
 *  - "NAME\n" and an XML part (NAME: up to 100 bytes of a part name ending
 *    in .xml): the part is put into a small fixed package built here in
 *    memory with libzip (stored, fixed times) as entry NAME, a DOCX one if
 *    NAME is under word/, docProps/ or _rels/ (or is [Content_Types].xml),
 *    else an ODT one. Byte mutations of a zip mostly break its checksums;
 *    these reach the XML filters.
 * Properties, whenever extract accepts the package:
 *  - merging the untouched extract (in memory, through XLIFF 2.2 and 1.2)
 *    gives back every entry of the input in its order, with its name and
 *    bytes (the zip container itself may differ);
 *  - a pseudo-translated merge succeeds and has the same entries.
 * A refusal says why, and is never extract's own round-trip check.
 */
#include <stdio.h>
#include <string.h>

#include <zip.h>

#include "fuzz.h"

#define ENTRY_LIMIT ((zip_uint64_t)80 << 20) /* read no more of one entry */

static zip_t *open_zip(const char *data, size_t len)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *z;

    zip_error_init(&ze);
    src = zip_source_buffer_create(data, len, 0, &ze);
    z = src ? zip_open_from_source(src, ZIP_CHECKCONS | ZIP_RDONLY, &ze) : NULL;
    if (src != NULL && z == NULL) {
        zip_source_free(src);
    }
    zip_error_fini(&ze);
    return z;
}

/* The bytes of entry i (at most ENTRY_LIMIT); false when it cannot be read. */
static bool entry_bytes(zip_t *z, zip_uint64_t i, struct tu_buf *out)
{
    zip_file_t *f = zip_fopen_index(z, i, 0);
    char chunk[16384];
    zip_int64_t n = 0;

    tu_buf_truncate(out, 0);
    if (f == NULL) {
        return false;
    }
    while (out->len < ENTRY_LIMIT && (n = zip_fread(f, chunk, sizeof chunk)) > 0) {
        tu_buf_add(out, chunk, (size_t)n);
    }
    zip_fclose(f);
    return n >= 0;
}

/* fuzz_same_fn for packages: the same entries, names and bytes. */
static void entries_same(const char *what, const char *a, size_t alen,
                         const char *b, size_t blen)
{
    zip_t *za = open_zip(a, alen), *zb = open_zip(b, blen);
    struct tu_buf x, y;
    zip_int64_t n;

    if (za == NULL || zb == NULL) {
        FUZZ_FAIL("%s: the %s package does not open", what, za ? "merged" : "input");
    }
    n = zip_get_num_entries(za, 0);
    if (zip_get_num_entries(zb, 0) != n) {
        FUZZ_FAIL("%s: %lld entries, merged %lld", what, (long long)n,
                  (long long)zip_get_num_entries(zb, 0));
    }
    tu_buf_init(&x, TU_BUF_NO_LIMIT);
    tu_buf_init(&y, TU_BUF_NO_LIMIT);
    for (zip_uint64_t i = 0; i < (zip_uint64_t)n; i++) {
        const char *na = zip_get_name(za, i, 0), *nb = zip_get_name(zb, i, 0);
        bool ra, rb;
        char where[600];
        if (na == NULL || nb == NULL || strcmp(na, nb) != 0) {
            FUZZ_FAIL("%s: entry %llu is %s, merged %s", what, (unsigned long long)i,
                      na ? na : "(none)", nb ? nb : "(none)");
        }
        ra = entry_bytes(za, i, &x);
        rb = entry_bytes(zb, i, &y);
        if (ra != rb) {
            FUZZ_FAIL("%s: entry %s reads %s, merged %s", what, na, ra ? "well" : "badly",
                      rb ? "well" : "badly");
        }
        snprintf(where, sizeof where, "%s: entry %s", what, na);
        fuzz_same(where, x.data ? x.data : "", x.len, y.data ? y.data : "", y.len);
    }
    tu_buf_release(&x);
    tu_buf_release(&y);
    zip_discard(za);
    zip_discard(zb);
}

/* A pseudo-translated merge of an accepted package succeeds. */
static void pseudo_merges(struct tu_doc *doc, const char *data, size_t len)
{
    struct tu_merge_opts mo = {0};
    struct tu_error err = {0};
    struct tu_diag diag = {0};
    struct tu_buf out;
    zip_t *za, *zb;

    if (tu_pseudo_doc(doc, &err) != TU_OK) {
        FUZZ_FAIL("pseudo-translation failed: %s", fuzz_why(NULL, &err));
    }
    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    if (tu_merge_doc(doc, &mo, &out, &diag, &err) != TU_OK) {
        FUZZ_FAIL("the pseudo-translated merge failed: %s", fuzz_why(NULL, &err));
    }
    za = open_zip(data, len);
    zb = open_zip(out.data, out.len);
    if (za == NULL || zb == NULL ||
        zip_get_num_entries(za, 0) != zip_get_num_entries(zb, 0)) {
        FUZZ_FAIL("the pseudo-translated merge is not a package of the same entries");
    }
    zip_discard(za);
    zip_discard(zb);
    tu_buf_release(&out);
    tu_diag_release(&diag);
}

static void check_package(const char *data, size_t len, const char *format)
{
    struct tu_doc *doc = fuzz_extract_merge_doc((const uint8_t *)data, len, format,
                                                entries_same);
    if (doc != NULL) {
        pseudo_merges(doc, data, len);
        tu_doc_free(doc);
    }
}

/* ---- an XML part in a fixed package ---- */

struct entry {
    const char *name, *data;
    size_t len;
};

static const char docx_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
static const char docx_document[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:body><w:p><w:r><w:t>The fixed part.</w:t></w:r></w:p></w:body></w:document>";
static const char odt_mimetype[] = "application/vnd.oasis.opendocument.text";
static const char odt_manifest[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
    "manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" "
    "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
    "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
    "</manifest:manifest>";
static const char odt_content[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
    "<office:body><office:text><text:p>The fixed part.</text:p></office:text></office:body>"
    "</office:document-content>";

#define FIXED(name, s) {name, s, sizeof(s) - 1}
static const struct entry docx_fixed[] = {
    FIXED("[Content_Types].xml", docx_types), FIXED("word/document.xml", docx_document)};
static const struct entry odt_fixed[] = {
    FIXED("mimetype", odt_mimetype), FIXED("META-INF/manifest.xml", odt_manifest),
    FIXED("content.xml", odt_content)};

/* The part name on the input's first line, or 0 when it is not one. */
static size_t part_name(const char *data, size_t len)
{
    const char *nl = memchr(data, '\n', len < 101 ? len : 101);
    size_t n = nl ? (size_t)(nl - data) : 0;

    if (n < 5 || memcmp(nl - 4, ".xml", 4) != 0) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/[]",
                    data[i])) {
            return 0;
        }
    }
    return n;
}

static bool add(zip_t *z, const char *name, const char *data, size_t len)
{
    zip_source_t *s = zip_source_buffer(z, data, len, 0);
    zip_int64_t at = s ? zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8) : -1;

    if (s != NULL && at < 0) {
        zip_source_free(s);
    }
    return at >= 0 && zip_set_file_compression(z, (zip_uint64_t)at, ZIP_CM_STORE, 0) == 0 &&
           zip_file_set_mtime(z, (zip_uint64_t)at, 1000000000, 0) == 0;
}

/* The fixed entries with `part` as entry `name` (in place of the fixed one
 * of that name, else last), as a zip in `out`. */
static void build_package(const struct entry *fixed, size_t count, const char *name,
                          const char *part, size_t part_len, struct tu_buf *out)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *z;
    zip_int64_t size;
    bool placed = false, ok = true;

    zip_error_init(&ze);
    src = zip_source_buffer_create(NULL, 0, 0, &ze);
    z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    if (z == NULL) {
        FUZZ_FAIL("libzip cannot make a package: %s", zip_error_strerror(&ze));
    }
    zip_source_keep(src);
    for (size_t i = 0; ok && i < count; i++) {
        bool here = strcmp(fixed[i].name, name) == 0;
        ok = here ? add(z, name, part, part_len)
                  : add(z, fixed[i].name, fixed[i].data, fixed[i].len);
        placed = placed || here;
    }
    ok = ok && (placed || add(z, name, part, part_len));
    if (!ok || zip_close(z) != 0 || zip_source_open(src) != 0) {
        FUZZ_FAIL("libzip cannot write the package of part %s", name);
    }
    if (zip_source_seek(src, 0, SEEK_END) != 0 || (size = zip_source_tell(src)) < 0 ||
        zip_source_seek(src, 0, SEEK_SET) != 0 ||
        tu_buf_reserve(out, (size_t)size) != TU_OK ||
        zip_source_read(src, out->data, (zip_uint64_t)size) != size) {
        FUZZ_FAIL("the package built in memory cannot be read");
    }
    out->len = (size_t)size;
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
}

static bool is_docx_part(const char *name)
{
    return strncmp(name, "word/", 5) == 0 || strncmp(name, "docProps/", 9) == 0 ||
           strncmp(name, "_rels/", 6) == 0 || strcmp(name, "[Content_Types].xml") == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    size_t n = part_name(in, size);
    char name[101];
    struct tu_buf pkg;
    bool docx;

    if (n == 0) {
        check_package(in, size, "docx");
        check_package(in, size, "odt");
        return 0;
    }
    memcpy(name, in, n);
    name[n] = '\0';
    docx = is_docx_part(name);
    tu_buf_init(&pkg, TU_BUF_NO_LIMIT);
    if (docx) {
        build_package(docx_fixed, 2, name, in + n + 1, size - n - 1, &pkg);
    } else {
        build_package(odt_fixed, 3, name, in + n + 1, size - n - 1, &pkg);
    }
    check_package(pkg.data, pkg.len, docx ? "docx" : "odt");
    tu_buf_release(&pkg);
    return 0;
}
