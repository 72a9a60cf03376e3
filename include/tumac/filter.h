/*
 * Filters: a document (plain text, HTML5) <-> the XLIFF model plus a
 * skeleton (src/filters/). Extraction makes one tu_file whose skeleton holds
 * every byte that is not translatable text; merging fills the skeleton with
 * the targets. Invariant: merging a file whose targets are missing or equal
 * to their sources gives back the input byte for byte.
 */
#ifndef TUMAC_FILTER_H
#define TUMAC_FILTER_H

#include <stdbool.h>

#include "buf.h"
#include "error.h"
#include "xliff.h"

struct tu_extract_opts {
    const char *src_lang, *trg_lang; /* BCP 47; src_lang required */
    const char *format;              /* "auto" (or NULL), "text", "html" */
    const char *srx_path;            /* segmentation rules; NULL = built-in */
    /* "auto" (or NULL): a UTF-16 BOM, else UTF-8 if valid, else the legacy
     * page the letters say (tu_text_detect); or a name ICU knows */
    const char *encoding;
    /* DOCX/ODT: extract hidden text (w:vanish, text:display="none") as
     * translatable text; by default it stays out, as an inline code */
    bool hidden_text;
};

/*
 * Read the document at `path` ("-" is stdin) and build a new model: one
 * tu_file (original = path, datatype = the filter's, skeleton set) with one
 * unit per paragraph/block and per translatable attribute, split into
 * segments and ignorables. *out is NULL on failure; the caller frees it
 * with tu_doc_free().
 */
enum tu_status tu_extract_file(const char *path,
                               const struct tu_extract_opts *opts,
                               struct tu_doc **out, struct tu_error *err);
/* The same for a document already in memory; `name` is used for messages. */
enum tu_status tu_extract_memory(const char *data, size_t len,
                                 const char *name,
                                 const struct tu_extract_opts *opts,
                                 struct tu_doc **out, struct tu_error *err);

struct tu_merge_opts {
    bool strict; /* a missing target is an error, not a warning */
    /* Output encoding: NULL or "UTF-8" (the default), "original" (the
     * input's, as extract recorded it in the skeleton), or a name ICU
     * knows. A character the encoding lacks is TU_EENCODING naming the
     * unit, the character and its line in the merged document. */
    const char *encoding;
};

/*
 * Rebuild the document of the first file of `doc` from its skeleton and
 * targets, appending the bytes to `out`. A segment without a target uses
 * its source (a warning naming the unit goes to `diag`, or TU_EINVAL with
 * opts->strict). A target whose codes are unknown, missing, duplicated,
 * unbalanced or misnested is refused (TU_EINVALID, naming the unit and the
 * problem); nothing usable is in `out` after a failure.
 */
enum tu_status tu_merge_doc(const struct tu_doc *doc,
                            const struct tu_merge_opts *opts,
                            struct tu_buf *out, struct tu_diag *diag,
                            struct tu_error *err);

/*
 * Fill every segment's target with a pseudo-translation of its source:
 * letters accented, text bracketed and lengthened by about a third, codes
 * kept in place. Existing targets are replaced.
 */
enum tu_status tu_pseudo_doc(struct tu_doc *doc, struct tu_error *err);

/* The encoding the extracted document was in ("UTF-8", "windows-1250"). */
const char *tu_filter_encoding(const struct tu_doc *doc);

/* The file name extension for the merged document ("html", "txt"). */
const char *tu_filter_extension(const struct tu_doc *doc);

/* The names of the filters, NULL-terminated ("text", "html"). */
const char *const *tu_filter_names(void);

#endif
