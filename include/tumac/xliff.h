/*
 * The one document model of tumač: an XLIFF document (1.2 or 2.x) as files,
 * groups, units, segments and ignorables, with source and target content made
 * of text and inline codes. Filters build it, the TM and leverage read and
 * fill it, the readers and writers move it to and from XML. XLIFF 2 is the
 * shape of the model; 1.2 maps onto it (trans-unit = unit, mrk mtype="seg" =
 * segment, g/x/bx/ex/bpt/ept/ph/it = codes, alt-trans = match).
 *
 * Ownership: every string and array below is owned by the struct holding it
 * and freed by tu_doc_free(). Strings are UTF-8, NUL-terminated; NULL means
 * "absent" (different from "").
 */
#ifndef TUMAC_XLIFF_H
#define TUMAC_XLIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"

struct tu_atomic_group; /* tumac/fileio.h */

/* An attribute or element the model has no field for, kept for round trips. */
struct tu_attr {
    char *ns;    /* namespace URI, NULL for none */
    char *name;  /* local name (with prefix only for xml:*, e.g. "xml:space") */
    char *value;
};

struct tu_attrs {
    struct tu_attr *items;
    size_t count;
    size_t cap;
};

/*
 * Foreign XML (other namespaces, modules the model does not represent)
 * kept as a serialized, namespace-complete fragment and written back as is.
 */
struct tu_ext {
    char *xml;
};

struct tu_exts {
    struct tu_ext *items;
    size_t count;
    size_t cap;
};

enum tu_inline_kind {
    TU_INLINE_TEXT,      /* text: `text` */
    TU_INLINE_PH,        /* standalone code <ph/> (1.2 <x/>, <ph>, <it>) */
    TU_INLINE_PC_START,  /* opening of a well-formed paired code <pc> (1.2 <g>) */
    TU_INLINE_PC_END,    /* its closing; `id` repeats the start's id */
    TU_INLINE_SC,        /* start of a spanning code <sc/> (1.2 <bx/>, <bpt>) */
    TU_INLINE_EC,        /* end of a spanning code <ec/> (1.2 <ex/>, <ept>) */
    TU_INLINE_MRK_START, /* annotation <mrk> (1.2 <mrk> other than seg) */
    TU_INLINE_MRK_END,   /* its closing; `id` repeats the start's id */
    TU_INLINE_SM,        /* start marker <sm/> */
    TU_INLINE_EM,        /* end marker <em/> */
};

enum tu_inline_flags {
    TU_INLINE_NO_COPY = 1 << 0,      /* canCopy="no" */
    TU_INLINE_NO_DELETE = 1 << 1,    /* canDelete="no" */
    TU_INLINE_NO_OVERLAP = 1 << 2,   /* canOverlap="no" */
    TU_INLINE_ISOLATED = 1 << 3,     /* isolated="yes": partner outside the unit */
    TU_INLINE_TRANSLATE_NO = 1 << 4, /* mrk/sm translate="no" */
    TU_INLINE_TRANSLATE_YES = 1 << 5 /* mrk/sm translate="yes" given explicitly */
};

enum tu_reorder { TU_REORDER_YES = 0, TU_REORDER_FIRSTNO, TU_REORDER_NO };

/*
 * One piece of inline content. For codes, `data` is the original markup the
 * code stands for ("<strong>", "</a>", "<br>"): filters set it, the writers
 * put it in 2.x <originalData> (1.2: the content of bpt/ept/ph, or nothing
 * for g/x), and merge writes it back. For PC_START, `data` is the opening and
 * `data_end` the closing markup.
 */
struct tu_inline {
    enum tu_inline_kind kind;
    char *text;      /* TEXT only */
    char *id;        /* code/marker id; for EC/EM/PC_END the start's id */
    char *data;      /* original data (start data for PC) */
    char *data_end;  /* PC_START: original data of the end */
    char *equiv;     /* equiv / equivStart text */
    char *equiv_end; /* PC_START: equivEnd */
    char *disp;      /* disp / dispStart */
    char *disp_end;  /* PC_START: dispEnd */
    char *type;      /* code: fmt|ui|quote|link|image|other; mrk: generic|comment|term|... */
    char *subtype;   /* "xlf:b", "tumac:html" ... */
    char *value;     /* mrk/sm value */
    char *ref;       /* mrk/sm ref */
    char *copy_of;   /* copyOf */
    char *sub_flows; /* subFlows (start subFlowsStart for PC) */
    char *dir;       /* dir */
    unsigned flags;  /* enum tu_inline_flags */
    enum tu_reorder reorder;
    struct tu_attrs extra; /* attributes the model has no field for */
};

/* Source or target content: a sequence of inline pieces. */
struct tu_content {
    struct tu_inline *items;
    size_t count;
    size_t cap;
    char *lang;       /* xml:lang given on this element, else NULL */
    char *space;      /* xml:space given on this element, else NULL */
    struct tu_attrs extra;
};

enum tu_state {
    TU_STATE_NONE = 0,   /* no state attribute */
    TU_STATE_INITIAL,    /* 2.x initial; 1.2 new/needs-translation */
    TU_STATE_TRANSLATED, /* 2.x translated; 1.2 translated/needs-review-* */
    TU_STATE_REVIEWED,   /* 2.x reviewed; 1.2 signed-off */
    TU_STATE_FINAL,      /* 2.x final; 1.2 final */
};

/* A translation candidate (2.x mtc:match, 1.2 alt-trans). */
struct tu_match {
    char *id;
    char *ref;            /* the segment it was proposed for: "#s1", the 2.x fragment
                           * form (a 1.2 mid is read with a # before it) */
    double similarity;    /* 0..100, < 0 when absent: similarity of source */
    double match_quality; /* 0..100 (1.2 match-quality; 101 = in-context), < 0 when absent */
    char *origin;         /* TM file, MT engine, document */
    char *type;           /* tm | mt | am | ice | idem | other */
    char *subtype;        /* "tumac:fuzzy", "tumac:exact", "tumac:variant" ... */
    bool reference;       /* mtc reference="yes" */
    struct tu_content source;
    struct tu_content target;
    char *note;           /* what differed, written as a note/metadata */
    struct tu_attrs extra;
    struct tu_exts exts;
};

struct tu_note {
    char *id;
    char *category;
    char *applies_to; /* "source" | "target" | NULL */
    char *priority;   /* "1".."10" as written */
    char *text;
    struct tu_attrs extra;
};

struct tu_notes {
    struct tu_note *items;
    size_t count;
    size_t cap;
};

/* A segment or an ignorable (text between segments: spaces, codes). */
struct tu_segment {
    bool is_ignorable;
    char *id;
    bool has_target;       /* a <target> element exists (possibly empty) */
    struct tu_content source;
    struct tu_content target;
    enum tu_state state;
    char *sub_state;       /* 2.x subState, 1.2 state-qualifier or custom state */
    bool can_resegment_no; /* canResegment="no" */
    int translate;         /* -1 inherit, 0 no, 1 yes */
    struct tu_attrs extra;
};

/* Metadata entries (2.x mda module, also carries tumac's own data). */
struct tu_meta {
    char *group_id;       /* metaGroup id, NULL for none */
    char *group_category; /* metaGroup category */
    char *type;
    char *value;
};

struct tu_metas {
    struct tu_meta *items;
    size_t count;
    size_t cap;
};

struct tu_unit {
    char *id;
    char *name;      /* 2.x name, 1.2 resname */
    char *type;
    int translate;   /* -1 inherit, 0 no, 1 yes */
    char *space;     /* xml:space on the unit */
    struct tu_segment *segs; /* segments and ignorables, in order */
    size_t seg_count;
    size_t seg_cap;
    struct tu_notes notes;
    struct tu_match *matches;
    size_t match_count;
    size_t match_cap;
    struct tu_metas meta;
    struct tu_attrs extra;
    struct tu_exts exts;   /* foreign elements inside the unit */
};

struct tu_group;

/* A child of a file or group: a unit or a nested group. */
struct tu_node {
    bool is_group;
    union {
        struct tu_unit *unit;
        struct tu_group *group;
    } u;
};

struct tu_nodes {
    struct tu_node *items;
    size_t count;
    size_t cap;
};

struct tu_group {
    char *id;
    char *name;
    char *type;
    int translate;
    char *space;
    struct tu_nodes children;
    struct tu_notes notes;
    struct tu_metas meta;
    struct tu_attrs extra;
    struct tu_exts exts;
};

struct tu_file {
    char *id;
    char *original;  /* the source document's name */
    char *datatype;  /* 1.2 datatype / format name of the filter ("html", "plaintext") */
    char *src_lang;  /* 1.2 source-language (2.x: the document's) */
    char *trg_lang;  /* 1.2 target-language (2.x: the document's) */
    /*
     * Skeleton: opaque text written by the filter that made the file
     * (1.2 <skl><internal-file>, 2.x <skeleton>). NULL when absent.
     */
    char *skeleton;
    char *skeleton_href; /* external skeleton reference, if any */
    int translate;
    char *space;
    struct tu_nodes children;
    struct tu_notes notes;
    struct tu_metas meta;
    struct tu_attrs extra;
    struct tu_exts exts;
};

enum tu_xliff_version {
    TU_XLIFF_UNKNOWN = 0,
    TU_XLIFF_1_2,
    TU_XLIFF_2_0,
    TU_XLIFF_2_1,
    TU_XLIFF_2_2,
};

struct tu_doc {
    enum tu_xliff_version version; /* as read; writers take their own */
    char *src_lang;
    char *trg_lang;
    struct tu_file **files;
    size_t file_count;
    size_t file_cap;
    struct tu_attrs extra;
    struct tu_exts exts;
};

/* ---- construction and destruction (src/xliff/model.c) ---- */

/* A new empty document; NULL when out of memory. */
struct tu_doc *tu_doc_new(void);
void tu_doc_free(struct tu_doc *doc);

/* Append a new empty file/unit/group/segment; NULL when out of memory. */
struct tu_file *tu_doc_add_file(struct tu_doc *doc, const char *id);
struct tu_unit *tu_file_add_unit(struct tu_file *file, const char *id);
struct tu_group *tu_file_add_group(struct tu_file *file, const char *id);
struct tu_unit *tu_group_add_unit(struct tu_group *group, const char *id);
struct tu_group *tu_group_add_group(struct tu_group *group, const char *id);
struct tu_segment *tu_unit_add_segment(struct tu_unit *unit, const char *id,
                                       bool is_ignorable);
struct tu_match *tu_unit_add_match(struct tu_unit *unit);
/* Free match `i` of `unit` and close the gap (later matches move down). */
void tu_unit_remove_match(struct tu_unit *unit, size_t i);
struct tu_note *tu_notes_add(struct tu_notes *notes, const char *text);
void tu_notes_remove(struct tu_notes *notes, size_t i);
enum tu_status tu_metas_add(struct tu_metas *m, const char *group_category,
                            const char *type, const char *value);
enum tu_status tu_attrs_add(struct tu_attrs *a, const char *ns,
                            const char *name, const char *value);
enum tu_status tu_exts_add(struct tu_exts *e, const char *xml);
/* The value of attribute `name` (ns NULL matches any), or NULL. */
const char *tu_attrs_get(const struct tu_attrs *a, const char *ns,
                         const char *name);
/* The first meta entry of `type` (in any group), or NULL. */
const char *tu_metas_get(const struct tu_metas *m, const char *type);

/* Append pieces to content. Text appends merge with a preceding text piece. */
enum tu_status tu_content_add_text(struct tu_content *c, const char *text,
                                   size_t len);
/* Append a code/marker of `kind`; returns the new piece (to fill) or NULL. */
struct tu_inline *tu_content_add(struct tu_content *c, enum tu_inline_kind kind,
                                 const char *id);
/* Deep copy of `src` into the empty `dst`. */
enum tu_status tu_content_copy(struct tu_content *dst,
                               const struct tu_content *src);
void tu_content_clear(struct tu_content *c);
/* The plain text of content (codes dropped), appended to `out`. */
enum tu_status tu_content_plain(const struct tu_content *c, struct tu_buf *out);
bool tu_content_is_empty(const struct tu_content *c);
/* Same text and the same codes by id, in the same order (empty text ignored). */
bool tu_content_equal(const struct tu_content *a, const struct tu_content *b);

/*
 * Walk every unit of a file in document order (depth first through groups).
 * The callback returns TU_OK to go on; any other status stops the walk and
 * is returned.
 */
typedef enum tu_status (*tu_unit_visit_fn)(struct tu_unit *unit, void *ctx);
enum tu_status tu_file_each_unit(struct tu_file *file, tu_unit_visit_fn fn,
                                 void *ctx);

/* Helpers for state names: "translated" <-> TU_STATE_TRANSLATED (2.x names). */
const char *tu_state_name(enum tu_state st);
enum tu_state tu_state_parse(const char *name); /* NONE for unknown */

/* ---- languages and scripts of a whole document (src/xliff/translit.c) ---- */

/*
 * Set the document's source and/or target language (NULL: leave as is): the
 * document's, and every file's, segment target's and match target's that
 * names one (an absent language stays absent, it follows the document's).
 */
enum tu_status tu_doc_set_langs(struct tu_doc *doc, const char *src_lang,
                                const char *trg_lang, struct tu_error *err);

/*
 * Transliterate a document to the script of `t` (text.h): the text of every
 * segment target and of every match target (<mtc:match>, <alt-trans>),
 * inline codes untouched; then its target language becomes
 * tu_translit_target(t) (tu_doc_set_langs). With TU_DOC_TRANSLIT_FROM_SOURCE
 * each translatable segment's target is first replaced by its source (a
 * document in the other script of the same language). On failure `err`
 * says why and the document is partly converted: do not write it.
 */
#define TU_DOC_TRANSLIT_FROM_SOURCE 1u
/* A glossary entry of a unit: the source term, its allowed target terms,
 * the forbidden ones, where it comes from (a TBX file's name, or NULL). */
struct tu_gloss_entry {
    const char *term;
    const char *const *translations;
    size_t translation_count;
    const char *const *forbidden;
    size_t forbidden_count;
    const char *origin;
};

/* Replace the unit's glossary with entries e[0, n): a 2.x <gls:glossary>
 * among its kept extension elements (the 2.x writer writes them), or with
 * `as_notes` (what 1.2 carries) one note of category "glossary" per entry,
 * "Glossary (office.tbx): Ministry of Finance = Ministarstvo finansija (do
 * not use: ...)". The unit's earlier glossary of that kind goes. */
enum tu_status tu_unit_set_glossary(struct tu_unit *u, const struct tu_gloss_entry *e, size_t n,
                                    bool as_notes, struct tu_error *err);

struct tu_translit;
enum tu_status tu_doc_translit(struct tu_doc *doc, struct tu_translit *t,
                               unsigned flags, struct tu_error *err);

/* ---- reading, writing, validating (src/xliff/) ---- */

/*
 * Initialise the XML library (libxml2) once, in the main thread, before
 * threads read or write XML: otherwise it makes its global mutexes on first
 * use, two threads racing there each make one and one leaks (the 40 bytes
 * LeakSanitizer saw about once in ten batch runs). Calling it again is free.
 */
void tu_xml_init(void);

/*
 * Read an XLIFF 1.2/2.0/2.1/2.2 document. Network access and external
 * entities are off. On failure *out is NULL and `err` says where.
 */
enum tu_status tu_xliff_read_file(const char *path, struct tu_doc **out,
                                  struct tu_error *err);
enum tu_status tu_xliff_read_memory(const char *data, size_t len,
                                    const char *name, struct tu_doc **out,
                                    struct tu_error *err);

/* Serialize `doc` as XLIFF `version` (1.2 or 2.x) into `out`. */
enum tu_status tu_xliff_write_buf(const struct tu_doc *doc,
                                  enum tu_xliff_version version,
                                  struct tu_buf *out, struct tu_error *err);
/* Same, to a file written atomically ("-" is stdout). */
enum tu_status tu_xliff_write_file(const struct tu_doc *doc,
                                   enum tu_xliff_version version,
                                   const char *path, struct tu_error *err);
/* tu_xliff_write_file whose output joins group `g` (tumac/fileio.h) and is
 * renamed by tu_atomic_group_commit; NULL: committed at once. */
enum tu_status tu_xliff_write_file_in(const struct tu_doc *doc,
                                      enum tu_xliff_version version, const char *path,
                                      struct tu_atomic_group *g, struct tu_error *err);

/*
 * Validate the XLIFF file at `path`: well-formedness, structure and the
 * processing requirements of its version that XSD cannot express. Every
 * violation goes to `diag` (error severity, located, naming the rule);
 * returns TU_EINVALID (err = the first violation) if there is any, a read
 * error status if the file cannot be read, TU_OK if valid.
 */
struct tu_diag;
enum tu_status tu_xliff_validate(const char *path, struct tu_diag *diag,
                                 struct tu_error *err);

/* Parse "1.2", "2.0", "2.1", "2.2" (also "1", "2"); UNKNOWN otherwise. */
enum tu_xliff_version tu_xliff_version_parse(const char *s);
const char *tu_xliff_version_name(enum tu_xliff_version v);

#endif
