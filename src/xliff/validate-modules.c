/*
 * XLIFF 2.x module validation: Translation Candidates (mtc), Glossary (gls),
 * Format Style (fs), Metadata (mda), Resource Data (res), Change Tracking
 * (ctr), Size and Length Restriction (slr), Validation (val) and ITS.
 * The schema-level rules live in the tables below (one row per module
 * element: attributes with their types, children in order, text allowed or
 * not, where it may appear); the processing requirements XSD cannot express
 * (unique ids, references that resolve, attribute dependencies) are the
 * check_* functions. Every message names the module and the section of the
 * XLIFF 2.1 specification. The core validator hands over each module
 * element it meets (tu_xv_module_element) and each core element carrying
 * module attributes (tu_xv_module_attrs); a module element's whole subtree is
 * checked here.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>
#include <libxml/tree.h>

#include <tumac/alloc.h>
#include <tumac/error.h>

#include "xliff-int.h"

#define GLS_NS "urn:oasis:names:tc:xliff:glossary:2.0"
#define FS_NS "urn:oasis:names:tc:xliff:fs:2.0"
#define RES_NS "urn:oasis:names:tc:xliff:resourcedata:2.0"
#define CTR_NS "urn:oasis:names:tc:xliff:changetracking:2.0"
#define CTR21_NS "urn:oasis:names:tc:xliff:changetracking:2.1"
#define SLR_NS "urn:oasis:names:tc:xliff:sizerestriction:2.0"
#define VAL_NS "urn:oasis:names:tc:xliff:validation:2.0"
#define ITS_NS "http://www.w3.org/2005/11/its"
#define ITSM_NS "urn:oasis:names:tc:xliff:itsm:2.1"
#define PGS_NS "urn:oasis:names:tc:xliff:pgs:1.0"

enum mod { M_CORE, M_MTC, M_GLS, M_FS, M_MDA, M_RES, M_CTR, M_SLR, M_VAL, M_ITS, M_ITSM, M_PGS, M_OTHER };

static const struct {
    const char *ns;
    enum mod mod;
} mod_ns[] = {
    {MTC_NS, M_MTC}, {GLS_NS, M_GLS}, {FS_NS, M_FS},     {MDA_NS, M_MDA},
    {RES_NS, M_RES}, {CTR_NS, M_CTR}, {CTR21_NS, M_CTR}, {SLR_NS, M_SLR},
    {VAL_NS, M_VAL}, {ITS_NS, M_ITS}, {ITSM_NS, M_ITSM}, {PGS_NS, M_PGS},
};

/* module names and sections (XLIFF 2.1) for messages */
static const char *const mod_name[] = {
    [M_CORE] = "core", [M_MTC] = "Translation Candidates module 5.1",
    [M_GLS] = "Glossary module 5.2", [M_FS] = "Format Style module 5.3",
    [M_MDA] = "Metadata module 5.4", [M_RES] = "Resource Data module 5.5",
    [M_CTR] = "Change Tracking module 5.6", [M_SLR] = "Size and Length Restriction module 5.7",
    [M_VAL] = "Validation module 5.8", [M_ITS] = "ITS module 5.9", [M_ITSM] = "ITS module 5.9",
    [M_PGS] = "Plural, Gender and Select module (2.2)", [M_OTHER] = "",
};

static enum mod ns_mod(const xmlNs *ns)
{
    if (ns == NULL) {
        return M_OTHER;
    }
    const char *h = (const char *)ns->href;
    if (strcmp(h, XLIFF20_NS) == 0 || strcmp(h, XLIFF22_NS) == 0) {
        return M_CORE;
    }
    for (size_t i = 0; i < sizeof mod_ns / sizeof mod_ns[0]; i++) {
        if (strcmp(h, mod_ns[i].ns) == 0) {
            return mod_ns[i].mod;
        }
    }
    return M_OTHER;
}

bool tu_xv_is_module_ns(const char *href)
{
    xmlNs ns = {.href = (const xmlChar *)href};
    enum mod m = ns_mod(&ns);
    return m != M_CORE && m != M_OTHER;
}

/* ---- reporting ---------------------------------------------------------- */

/*
 * libxml2 gives an element the line where its start tag ends; with the
 * document's text at hand, find where the tag starts ("<prefix:name" at or
 * before the end of that line) and give its line and column (characters).
 */
static void locate(const struct tu_xv_report *r, xmlNodePtr n, unsigned long *line, unsigned long *col)
{
    if (r->text == NULL || *line == 0) {
        return;
    }
    char tag[160];
    int tl = snprintf(tag, sizeof tag, "<%s%s%s", n->ns && n->ns->prefix ? (const char *)n->ns->prefix : "",
                      n->ns && n->ns->prefix ? ":" : "", (const char *)n->name);
    if (tl <= 0 || (size_t)tl >= sizeof tag) {
        return;
    }
    /* the end of line *line */
    size_t end = 0;
    unsigned long l = 1;
    while (end < r->len && l <= *line) {
        if (r->text[end++] == '\n') {
            l++;
        }
    }
    for (size_t i = end; i-- > 0;) {
        if (r->text[i] != '<' || r->len - i <= (size_t)tl || memcmp(r->text + i, tag, (size_t)tl) != 0) {
            continue;
        }
        char after = r->text[i + (size_t)tl];
        if (after != ' ' && after != '\t' && after != '\n' && after != '\r' && after != '>' && after != '/') {
            continue;
        }
        unsigned long ln = 1, c = 1;
        for (size_t k = 0; k < i; k++) {
            if (r->text[k] == '\n') {
                ln++;
                c = 1;
            } else if (((unsigned char)r->text[k] & 0xC0) != 0x80) {
                c++;
            }
        }
        *line = ln;
        *col = c;
        return;
    }
}

void tu_xv_report_msg(struct tu_xv_report *r, xmlNodePtr n, enum tu_severity sev, const char *msg)
{
    unsigned long line = n ? (unsigned long)xmlGetLineNo(n) : 0;
    unsigned long col = 0;
    if (n && n->type == XML_ELEMENT_NODE && *r->count < 20) {
        locate(r, n, &line, &col); /* a scan of the text each: the first 20 only */
    }
    if (sev == TU_ERROR && (*r->count)++ == 0) {
        tu_error_at(r->err, TU_EINVALID, r->path, line, col, "%s", msg);
    }
    tu_diag_add(r->diag, sev, r->path, line, col, "%s", msg);
}

static void mreport(struct tu_xv_report *r, xmlNodePtr n, enum mod m, enum tu_severity sev,
                    const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static void mreport(struct tu_xv_report *r, xmlNodePtr n, enum mod m, enum tu_severity sev,
                    const char *fmt, va_list ap)
{
    char msg[400];

    vsnprintf(msg, sizeof msg, fmt, ap);
    /*
     * "... (5.1.6.1: why)" becomes "... (XLIFF 2.1 Translation Candidates
     * module, 5.1.6.1: why)"; a message without a section gets the module's
     */
    char full[560];
    size_t len = strlen(msg);
    char *sec = len && msg[len - 1] == ')' ? strstr(msg, " (5.") : NULL;
    if (sec) {
        *sec = '\0';
        const char *sp = strrchr(mod_name[m], ' ');
        snprintf(full, sizeof full, "%s (XLIFF 2.1 %.*s, %s", msg,
                 (int)(sp ? (size_t)(sp - mod_name[m]) : strlen(mod_name[m])), mod_name[m], sec + 2);
    } else {
        snprintf(full, sizeof full, "%s (XLIFF 2.1 %s)", msg, mod_name[m]);
    }
    tu_xv_report_msg(r, n, sev, full);
}

static void mviolation(struct tu_xv_report *r, xmlNodePtr n, enum mod m, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void mviolation(struct tu_xv_report *r, xmlNodePtr n, enum mod m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mreport(r, n, m, TU_ERROR, fmt, ap);
    va_end(ap);
}

/* a rule the suites' valid files break: reported, the document stays valid */
static void mwarning(struct tu_xv_report *r, xmlNodePtr n, enum mod m, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void mwarning(struct tu_xv_report *r, xmlNodePtr n, enum mod m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mreport(r, n, m, TU_WARNING, fmt, ap);
    va_end(ap);
}

/* ---- small helpers ------------------------------------------------------ */

static const char *attr(xmlNodePtr n, const char *name)
{
    xmlAttrPtr a = xmlHasNsProp(n, (const xmlChar *)name, NULL);
    if (a == NULL) {
        return NULL;
    }
    return a->children && a->children->content ? (const char *)a->children->content : "";
}

static const char *nsattr(xmlNodePtr n, const char *name, const char *ns)
{
    xmlAttrPtr a = xmlHasNsProp(n, (const xmlChar *)name, (const xmlChar *)ns);
    if (a == NULL) {
        return NULL;
    }
    return a->children && a->children->content ? (const char *)a->children->content : "";
}

static const char *attr_value(xmlAttrPtr a)
{
    return a->children && a->children->content ? (const char *)a->children->content : "";
}

static bool is_elem(xmlNodePtr n, enum mod m, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && ns_mod(n->ns) == m &&
           (name == NULL || strcmp((const char *)n->name, name) == 0);
}

/* an element of an XLIFF 2.2 document */
static bool is22(xmlNodePtr n)
{
    xmlNodePtr root = xmlDocGetRootElement(n->doc);
    return root && root->ns && strcmp((const char *)root->ns->href, XLIFF22_NS) == 0;
}

static bool name_is(xmlNodePtr n, const char *name)
{
    return strcmp((const char *)n->name, name) == 0;
}

/* the nearest ancestor that is a core element named `name` */
static xmlNodePtr core_ancestor(xmlNodePtr n, const char *name)
{
    for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        if (is_elem(n, M_CORE, name)) {
            return n;
        }
    }
    return NULL;
}

static bool is_name_start(unsigned char c)
{
    return c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':';
}

bool tu_xv_is_nmtoken(const char *s)
{
    if (*s == '\0') {
        return false;
    }
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (!is_name_start(*p) && !(*p >= '0' && *p <= '9') && *p != '-' && *p != '.') {
            return false;
        }
    }
    return true;
}

/* digits only, value limits not checked (sizes are unbounded in the spec) */
static bool is_uint(const char *s, size_t len)
{
    if (len == 0) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    return true;
}

static bool is_decimal_in(const char *s, double lo, double hi)
{
    char *end;
    const char *p = s;
    if (*p == '+' || *p == '-') {
        p++;
    }
    if (!((*p >= '0' && *p <= '9') || *p == '.')) {
        return false;
    }
    double d = strtod(s, &end);
    return *end == '\0' && d >= lo && d <= hi;
}

static bool in_list(const char *v, const char *const *list)
{
    for (size_t i = 0; list[i]; i++) {
        if (strcmp(v, list[i]) == 0) {
            return true;
        }
    }
    return false;
}

/* prefix:value with a non-empty prefix and value (userDefinedValue) */
static bool is_prefixed(const char *v)
{
    const char *c = strchr(v, ':');
    return c && c != v && c[1] != '\0';
}

/* ---- the schema tables -------------------------------------------------- */

enum atype { A_STR, A_NMTOKEN, A_YESNO, A_ENUM, A_SIMILARITY, A_POSINT, A_URI };

struct mattr {
    const char *name;
    enum atype type;
    bool required;
    const char *const *values; /* A_ENUM */
};

struct mchild {
    enum mod mod;
    const char *name;
    unsigned min, max; /* max 0: unbounded */
    bool only22;       /* XLIFF 2.2 documents only */
};

struct melem {
    enum mod mod;
    const char *name;
    const struct mattr *attrs;
    const struct mchild *children;
    bool choice;       /* children in any order (mda:metaGroup) */
    bool mixed;        /* text allowed */
    bool other_elems;  /* elements of other namespaces allowed */
    bool other_attrs;  /* attributes of other namespaces allowed */
    bool xml_lang;     /* xml:lang allowed */
    const char *parents; /* space-separated allowed parents */
    const char *parents22; /* more parents in XLIFF 2.2 documents */
};

static const char *const yes_no[] = {"yes", "no", NULL};
static const char *const mtc_types[] = {"am", "mt", "icm", "idm", "tb", "tm", "other", NULL};
static const char *const mda_applies[] = {"source", "target", "ignorable", NULL};
static const char *const norm_types[] = {"none", "nfc", "nfd", NULL};

static const struct mattr mtc_match_a[] = {
    {"id", A_NMTOKEN, false, NULL},
    {"matchQuality", A_SIMILARITY, false, NULL},
    {"matchSuitability", A_SIMILARITY, false, NULL},
    {"origin", A_STR, false, NULL},
    {"ref", A_URI, true, NULL},
    {"reference", A_YESNO, false, yes_no},
    {"similarity", A_SIMILARITY, false, NULL},
    {"subType", A_STR, false, NULL},
    {"type", A_ENUM, false, mtc_types},
    {NULL, A_STR, false, NULL},
};
static const struct mchild mtc_matches_c[] = {{M_MTC, "match", 1, 0, false}, {M_OTHER, NULL, 0, 0, false}};
static const struct mchild mtc_match_c[] = {
    {M_MDA, "metadata", 0, 1, false},
    {M_CORE, "originalData", 0, 1, false},
    {M_CORE, "source", 1, 1, false},
    {M_CORE, "target", 1, 1, false},
    {M_OTHER, NULL, 0, 0, false},
};

static const struct mattr gls_entry_a[] = {
    {"id", A_NMTOKEN, false, NULL}, {"ref", A_URI, false, NULL}, {NULL, A_STR, false, NULL}};
static const struct mattr gls_trans_a[] = {{"id", A_NMTOKEN, false, NULL},
                                           {"ref", A_URI, false, NULL},
                                           {"source", A_STR, false, NULL},
                                           {NULL, A_STR, false, NULL}};
static const struct mattr gls_source_a[] = {{"source", A_STR, false, NULL}, {NULL, A_STR, false, NULL}};
static const struct mchild gls_glossary_c[] = {{M_GLS, "glossEntry", 1, 0, false}, {M_OTHER, NULL, 0, 0, false}};
static const struct mchild gls_entry_c[] = {{M_GLS, "term", 1, 1, false},
                                            {M_GLS, "translation", 0, 0, false},
                                            {M_GLS, "definition", 0, 1, false},
                                            {M_OTHER, NULL, 0, 0, false}};

static const struct mattr mda_metadata_a[] = {{"id", A_NMTOKEN, false, NULL}, {NULL, A_STR, false, NULL}};
static const struct mattr mda_group_a[] = {{"id", A_NMTOKEN, false, NULL},
                                           {"category", A_STR, false, NULL},
                                           {"appliesTo", A_ENUM, false, mda_applies},
                                           {NULL, A_STR, false, NULL}};
static const struct mattr mda_meta_a[] = {{"type", A_STR, true, NULL}, {NULL, A_STR, false, NULL}};
static const struct mchild mda_metadata_c[] = {{M_MDA, "metaGroup", 1, 0, false}, {M_OTHER, NULL, 0, 0, false}};
static const struct mchild mda_group_c[] = {
    {M_MDA, "metaGroup", 0, 0, false}, {M_MDA, "meta", 0, 0, false}, {M_OTHER, NULL, 0, 0, false}};

static const struct mattr res_ref_a[] = {
    {"id", A_NMTOKEN, false, NULL}, {"ref", A_NMTOKEN, true, NULL}, {NULL, A_STR, false, NULL}};
static const struct mattr res_item_a[] = {{"mimeType", A_STR, false, NULL},
                                          {"id", A_NMTOKEN, false, NULL},
                                          {"context", A_YESNO, false, yes_no},
                                          {NULL, A_STR, false, NULL}};
static const struct mattr res_href_a[] = {{"href", A_STR, false, NULL}, {NULL, A_STR, false, NULL}};
static const struct mattr res_reference_a[] = {{"href", A_STR, true, NULL}, {NULL, A_STR, false, NULL}};
static const struct mchild res_data_c[] = {
    {M_RES, "resourceItemRef", 0, 0, false}, {M_RES, "resourceItem", 0, 0, false}, {M_OTHER, NULL, 0, 0, false}};
static const struct mchild res_item_c[] = {{M_CORE, "notes", 0, 1, true},
                                           {M_RES, "source", 0, 1, false},
                                           {M_RES, "target", 0, 1, false},
                                           {M_RES, "reference", 0, 0, false},
                                           {M_OTHER, NULL, 0, 0, false}};

static const struct mattr ctr_revisions_a[] = {{"appliesTo", A_NMTOKEN, true, NULL},
                                               {"ref", A_NMTOKEN, false, NULL},
                                               {"currentVersion", A_NMTOKEN, false, NULL},
                                               {NULL, A_STR, false, NULL}};
static const struct mattr ctr_revision_a[] = {{"author", A_STR, false, NULL},
                                              {"datetime", A_STR, false, NULL},
                                              {"version", A_NMTOKEN, false, NULL},
                                              {NULL, A_STR, false, NULL}};
static const struct mattr ctr_item_a[] = {{"property", A_STR, true, NULL}, {NULL, A_STR, false, NULL}};
static const struct mchild ctr_track_c[] = {{M_CTR, "revisions", 1, 0, false}, {M_OTHER, NULL, 0, 0, false}};
static const struct mchild ctr_revisions_c[] = {{M_CTR, "revision", 1, 0, false}, {M_OTHER, NULL, 0, 0, false}};
static const struct mchild ctr_revision_c[] = {{M_CTR, "item", 1, 0, false}, {M_OTHER, NULL, 0, 0, false}};

static const struct mattr slr_profiles_a[] = {{"generalProfile", A_STR, false, NULL},
                                              {"storageProfile", A_STR, false, NULL},
                                              {NULL, A_STR, false, NULL}};
static const struct mattr slr_norm_a[] = {{"general", A_ENUM, false, norm_types},
                                          {"storage", A_ENUM, false, norm_types},
                                          {NULL, A_STR, false, NULL}};
static const struct mattr slr_data_a[] = {{"profile", A_STR, true, NULL}, {NULL, A_STR, false, NULL}};
static const struct mchild slr_profiles_c[] = {{M_SLR, "normalization", 0, 1, false}, {M_OTHER, NULL, 0, 0, false}};

static const struct mattr val_rule_a[] = {{"isPresent", A_STR, false, NULL},
                                          {"occurs", A_POSINT, false, NULL},
                                          {"isNotPresent", A_STR, false, NULL},
                                          {"startsWith", A_STR, false, NULL},
                                          {"endsWith", A_STR, false, NULL},
                                          {"existsInSource", A_YESNO, false, yes_no},
                                          {"caseSensitive", A_YESNO, false, yes_no},
                                          {"normalization", A_ENUM, false, norm_types},
                                          {"disabled", A_YESNO, false, yes_no},
                                          {NULL, A_STR, false, NULL}};
static const struct mchild val_validation_c[] = {{M_VAL, "rule", 1, 0, false}, {M_OTHER, NULL, 0, 0, false}};

static const struct mattr no_attrs[] = {{NULL, A_STR, false, NULL}};
static const struct mchild no_children[] = {{M_OTHER, NULL, 0, 0, false}};

#define HOLDERS "file group unit"

static const struct melem elems[] = {
    {M_MTC, "matches", no_attrs, mtc_matches_c, false, false, false, false, false, "unit", NULL},
    {M_MTC, "match", mtc_match_a, mtc_match_c, false, false, true, true, true, "mtc:matches", NULL},
    {M_GLS, "glossary", no_attrs, gls_glossary_c, false, false, false, false, false, "unit", NULL},
    {M_GLS, "glossEntry", gls_entry_a, gls_entry_c, false, false, true, true, false, "gls:glossary", NULL},
    {M_GLS, "term", gls_source_a, no_children, false, true, false, true, false, "gls:glossEntry", NULL},
    {M_GLS, "translation", gls_trans_a, no_children, false, true, false, true, false, "gls:glossEntry", NULL},
    {M_GLS, "definition", gls_source_a, no_children, false, true, false, true, false, "gls:glossEntry", NULL},
    {M_MDA, "metadata", mda_metadata_a, mda_metadata_c, false, false, false, false, false,
     HOLDERS " mtc:match gls:glossEntry", "xliff"},
    {M_MDA, "metaGroup", mda_group_a, mda_group_c, true, false, false, false, false,
     "mda:metadata mda:metaGroup", NULL},
    {M_MDA, "meta", mda_meta_a, no_children, false, true, false, false, false, "mda:metaGroup", NULL},
    {M_RES, "resourceData", no_attrs, res_data_c, false, false, false, false, false, HOLDERS, NULL},
    {M_RES, "resourceItemRef", res_ref_a, no_children, false, false, false, true, false, "res:resourceData", NULL},
    {M_RES, "resourceItem", res_item_a, res_item_c, false, false, false, true, false, "res:resourceData", NULL},
    {M_RES, "source", res_href_a, no_children, false, false, true, true, true, "res:resourceItem", NULL},
    {M_RES, "target", res_href_a, no_children, false, false, true, true, true, "res:resourceItem", NULL},
    {M_RES, "reference", res_reference_a, no_children, false, false, false, true, true, "res:resourceItem", NULL},
    {M_CTR, "changeTrack", no_attrs, ctr_track_c, false, false, false, false, false, HOLDERS, NULL},
    {M_CTR, "revisions", ctr_revisions_a, ctr_revisions_c, false, false, false, true, false, "ctr:changeTrack", NULL},
    {M_CTR, "revision", ctr_revision_a, ctr_revision_c, false, false, false, true, false, "ctr:revisions", NULL},
    {M_CTR, "item", ctr_item_a, no_children, false, true, false, true, false, "ctr:revision", NULL},
    {M_SLR, "profiles", slr_profiles_a, slr_profiles_c, false, false, true, false, false, "file", NULL},
    {M_SLR, "normalization", slr_norm_a, no_children, false, false, false, false, false, "slr:profiles", NULL},
    {M_SLR, "data", slr_data_a, no_children, false, false, true, true, false, HOLDERS, NULL},
    {M_VAL, "validation", no_attrs, val_validation_c, false, false, false, true, false, HOLDERS, NULL},
    {M_VAL, "rule", val_rule_a, no_children, false, false, false, true, false, "val:validation", NULL},
};

static const char *const mod_prefix[] = {
    [M_CORE] = "", [M_MTC] = "mtc:", [M_GLS] = "gls:", [M_FS] = "fs:", [M_MDA] = "mda:",
    [M_RES] = "res:", [M_CTR] = "ctr:", [M_SLR] = "slr:", [M_VAL] = "val:",
    [M_ITS] = "its:", [M_ITSM] = "itsm:", [M_PGS] = "pgs:", [M_OTHER] = "",
};

static const struct melem *find_elem(xmlNodePtr n)
{
    enum mod m = ns_mod(n->ns);
    for (size_t i = 0; i < sizeof elems / sizeof elems[0]; i++) {
        if (elems[i].mod == m && name_is(n, elems[i].name)) {
            return &elems[i];
        }
    }
    return NULL;
}

/* "prefix:name" of a core or module element as the tables spell it */
static void qname(xmlNodePtr n, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s%s", mod_prefix[ns_mod(n->ns)], (const char *)n->name);
}

static bool word_in(const char *word, const char *list)
{
    size_t len = strlen(word);
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ' ');
        size_t wl = e ? (size_t)(e - p) : strlen(p);
        if (wl == len && strncmp(p, word, len) == 0) {
            return true;
        }
        p += wl + (e != NULL);
    }
    return false;
}

static void check_attr_value(struct tu_xv_report *r, xmlNodePtr n, enum mod m,
                             const struct mattr *d, const char *v)
{
    const char *bad = NULL;
    switch (d->type) {
    case A_STR:
    case A_URI:
        return;
    case A_NMTOKEN:
        bad = tu_xv_is_nmtoken(v) ? NULL : "an NMTOKEN";
        break;
    case A_YESNO:
    case A_ENUM:
        if (!in_list(v, d->values)) {
            char list[200] = "";
            for (size_t i = 0; d->values[i]; i++) {
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
                         d->values[i]);
            }
            mviolation(r, n, m, "%s=\"%s\" on <%s%s> is not one of %s", d->name, v,
                       mod_prefix[m], (const char *)n->name, list);
        }
        return;
    case A_SIMILARITY:
        bad = is_decimal_in(v, 0.0, 100.0) ? NULL : "a decimal from 0 to 100";
        break;
    case A_POSINT:
        bad = is_uint(v, strlen(v)) && strspn(v, "0") < strlen(v) ? NULL : "a positive integer";
        break;
    }
    if (bad) {
        mviolation(r, n, m, "%s=\"%s\" on <%s%s> is not %s", d->name, v, mod_prefix[m],
                   (const char *)n->name, bad);
    }
}

/* the table-driven part: attributes, text, children, placement */
static void check_shape(struct tu_xv_report *r, xmlNodePtr n, const struct melem *e)
{
    enum mod m = e->mod;
    char here[64];
    qname(n, here, sizeof here);

    /* a child of the same module is judged by its parent's content model */
    if (n->parent && n->parent->type == XML_ELEMENT_NODE && ns_mod(n->parent->ns) != m) {
        char up[64];
        qname(n->parent, up, sizeof up);
        bool ok = word_in(up, e->parents) || (is22(n) && e->parents22 && word_in(up, e->parents22));
        if (ns_mod(n->parent->ns) == M_OTHER || !ok) {
            mviolation(r, n, m, "<%s> may not appear in <%s> (allowed in: %s)", here, up, e->parents);
        }
    }
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        const char *v = attr_value(a);
        if (a->ns == NULL) {
            const struct mattr *d = e->attrs;
            while (d->name && strcmp(d->name, (const char *)a->name) != 0) {
                d++;
            }
            if (d->name == NULL) {
                mviolation(r, n, m, "attribute '%s' is not allowed on <%s>", (const char *)a->name, here);
            } else {
                check_attr_value(r, n, m, d, v);
            }
        } else if (strcmp((const char *)a->ns->href, XML_NS) == 0 &&
                   strcmp((const char *)a->name, "lang") == 0) {
            if (!e->xml_lang) {
                mviolation(r, n, m, "xml:lang is not allowed on <%s>", here);
            }
        } else if (ns_mod(a->ns) == m || !e->other_attrs) {
            mviolation(r, n, m, "attribute '%s:%s' is not allowed on <%s>",
                       a->ns->prefix ? (const char *)a->ns->prefix : "", (const char *)a->name, here);
        }
    }
    for (const struct mattr *d = e->attrs; d->name; d++) {
        if (d->required && attr(n, d->name) == NULL) {
            mviolation(r, n, m, "<%s> requires the attribute '%s'", here, d->name);
        }
    }

    /* children: in table order (or any order for a choice), counted */
    unsigned seen[8] = {0};
    size_t pos = 0;
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
            if (!e->mixed && !xmlIsBlankNode(k)) {
                mviolation(r, k, m, "<%s> may not contain text", here);
            }
            continue;
        }
        if (k->type != XML_ELEMENT_NODE) {
            continue;
        }
        enum mod km = ns_mod(k->ns);
        size_t i = e->choice ? 0 : pos;
        for (; e->children[i].name; i++) {
            if (e->children[i].mod == km && name_is(k, e->children[i].name) &&
                (!e->children[i].only22 || is22(n))) {
                break;
            }
        }
        if (e->children[i].name != NULL) {
            pos = e->choice ? 0 : i;
            seen[i]++;
            if (e->children[i].max && seen[i] > e->children[i].max) {
                mviolation(r, k, m, "<%s> may contain at most %u <%s%s>", here, e->children[i].max,
                           mod_prefix[km], e->children[i].name);
            }
            continue;
        }
        char kq[64];
        qname(k, kq, sizeof kq);
        bool known_earlier = false;
        for (size_t j = 0; j < pos && e->children[j].name; j++) {
            known_earlier |= e->children[j].mod == km && name_is(k, e->children[j].name);
        }
        if (known_earlier) {
            mviolation(r, k, m, "<%s> is out of order in <%s>", kq, here);
        } else if (km == m || (!e->other_elems && (km == M_CORE || km == M_OTHER || km == M_ITS ||
                                                   km == M_ITSM || km == M_PGS))) {
            /* elements of the other modules are checked where they are (placement) */
            mviolation(r, k, m, "<%s> is not allowed in <%s>", kq, here);
        }
    }
    for (size_t i = 0; e->children[i].name; i++) {
        if (seen[i] < e->children[i].min && !(e->choice && n->children)) {
            mviolation(r, n, m, "<%s> requires <%s%s>", here, mod_prefix[e->children[i].mod],
                       e->children[i].name);
        }
    }
    if (e->choice) {
        unsigned total = 0;
        for (size_t i = 0; e->children[i].name; i++) {
            total += seen[i];
        }
        if (total == 0) {
            mviolation(r, n, m, "<%s> requires <mda:metaGroup> or <mda:meta>", here);
        }
    }
}

/* ---- id sets: insertion order plus a libxml2 hash for lookups ---------- */

struct strs {
    const char **v;
    xmlNodePtr *node;
    size_t count, cap;
    xmlHashTablePtr h; /* value -> first node with it */
};

static void strs_add(struct strs *s, const char *v, xmlNodePtr n)
{
    if (s->count == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 16;
        const char **nv = tu_realloc((void *)s->v, ncap * sizeof *nv);
        xmlNodePtr *nn = tu_realloc(s->node, ncap * sizeof *nn);
        if (nv) {
            s->v = nv;
        }
        if (nn) {
            s->node = nn;
        }
        if (nv == NULL || nn == NULL) {
            return;
        }
        s->cap = ncap;
    }
    s->v[s->count] = v;
    s->node[s->count++] = n;
    if (s->h == NULL) {
        s->h = xmlHashCreate(16);
    }
    if (s->h) {
        xmlHashAddEntry(s->h, (const xmlChar *)v, n); /* keeps the first */
    }
}

static xmlNodePtr strs_find(const struct strs *s, const char *v)
{
    if (s->h) {
        return xmlHashLookup(s->h, (const xmlChar *)v);
    }
    for (size_t i = 0; i < s->count; i++) {
        if (strcmp(s->v[i], v) == 0) {
            return s->node[i];
        }
    }
    return NULL;
}

static void strs_free(struct strs *s)
{
    tu_free((void *)s->v);
    tu_free(s->node);
    xmlHashFree(s->h, NULL);
    memset(s, 0, sizeof *s);
}

/* adds `n`'s id to `s`; false (and nothing added) when already there */
static bool unique_id(struct strs *s, xmlNodePtr n, const char *id)
{
    if (strs_find(s, id)) {
        return false;
    }
    strs_add(s, id, n);
    return true;
}

/*
 * Collects the ids of the core elements under `n`, skipping module subtrees
 * (their ids live in their own scopes). `in_seg`: only elements that are a
 * segment or inside one.
 */
static void collect_core_ids(xmlNodePtr n, struct strs *out, bool in_seg, bool inside)
{
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE || ns_mod(k->ns) != M_CORE) {
            continue;
        }
        bool seg = inside || name_is(k, "segment");
        const char *id = attr(k, "id");
        if (id && (!in_seg || seg)) {
            strs_add(out, id, k);
        }
        collect_core_ids(k, out, in_seg, seg);
    }
}

/*
 * A reference to a span of text in the enclosing unit (mtc:match ref,
 * gls ref): "#id", "#t=id" or a full fragment path whose last step is one
 * of those. Returns the error text, or NULL when it resolves.
 */
struct span_ids {
    struct strs ids; /* ids of the unit's segments and what they contain */
    bool built;
};

static const char *resolve_span(xmlNodePtr from, const char *ref, bool hash_required, struct span_ids *cache)
{
    xmlNodePtr unit = core_ancestor(from, "unit");
    const char *frag = strchr(ref, '#');
    if (frag == NULL) {
        if (hash_required) {
            return "is not a fragment identifier ('#' followed by the id)";
        }
        frag = ref;
    } else {
        frag++;
    }
    const char *last = strrchr(frag, '/');
    last = last ? last + 1 : frag;
    bool target = strncmp(last, "t=", 2) == 0;
    if (target) {
        last += 2;
    } else if (strchr(last, '=')) {
        return "does not point to a segment or inline element of the unit";
    }
    if (unit == NULL || *last == '\0') {
        return "does not resolve in the enclosing <unit>";
    }
    if (!cache->built) {
        collect_core_ids(unit, &cache->ids, true, false);
        cache->built = true;
    }
    return strs_find(&cache->ids, last) ? NULL : "does not point to a span of text (a segment or inside one) of the enclosing <unit>";
}

/* ---- the module rules --------------------------------------------------- */

/* inline codes of a match: data references and start/end pairs stay inside it */
struct match_codes {
    const struct strs *data; /* the match's <data> ids */
    struct strs starts;      /* non-isolated sc ids */
    struct strs ends;        /* ec startRefs */
};

static void match_inline(struct tu_xv_report *r, xmlNodePtr parent, struct match_codes *mc)
{
    static const char *const refs[] = {"dataRef", "dataRefStart", "dataRefEnd", NULL};
    for (xmlNodePtr n = parent->children; n; n = n->next) {
        if (!is_elem(n, M_CORE, NULL)) {
            continue;
        }
        for (size_t i = 0; refs[i]; i++) {
            const char *v = attr(n, refs[i]);
            if (v && !strs_find(mc->data, v)) {
                mviolation(r, n, M_MTC, "%s '%s' names no <data> of the <mtc:match>'s <originalData> (5.1.5.2)",
                           refs[i], v);
            }
        }
        const char *iso = attr(n, "isolated");
        bool isolated = iso && strcmp(iso, "yes") == 0;
        if (name_is(n, "sc") && !isolated && attr(n, "id")) {
            strs_add(&mc->starts, attr(n, "id"), n);
        } else if (name_is(n, "ec") && attr(n, "startRef")) {
            strs_add(&mc->ends, attr(n, "startRef"), n);
        }
        match_inline(r, n, mc);
    }
}

static void check_mtc_matches(struct tu_xv_report *r, xmlNodePtr n)
{
    struct strs ids = {0};
    struct span_ids spans = {0};
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (!is_elem(k, M_MTC, "match")) {
            continue;
        }
        const char *id = attr(k, "id");
        if (id && !unique_id(&ids, k, id)) {
            mviolation(r, k, M_MTC, "duplicate <mtc:match> id '%s' (5.1.6.1: unique within <matches>)", id);
        }
        if (nsattr(k, "lang", XML_NS)) {
            mviolation(r, k, M_MTC, "xml:lang must not be set on <mtc:match> (5.1.5.2)");
        }
        const char *sub = attr(k, "subType");
        if (sub && attr(k, "type") == NULL) {
            mviolation(r, k, M_MTC, "subType without type on <mtc:match> (5.1.6.8)");
        }
        if (sub && !is_prefixed(sub)) {
            mviolation(r, k, M_MTC, "subType '%s' is not prefix:value (5.1.6.8)", sub);
        }
        const char *ref = attr(k, "ref");
        const char *why = ref ? resolve_span(k, ref, true, &spans) : NULL;
        if (why) {
            mviolation(r, k, M_MTC, "ref '%s' %s (5.1.6.5)", ref, why);
        }
        /* inline data references stay inside the match */
        struct strs data = {0};
        for (xmlNodePtr o = k->children; o; o = o->next) {
            if (is_elem(o, M_CORE, "originalData")) {
                for (xmlNodePtr d = o->children; d; d = d->next) {
                    const char *did = is_elem(d, M_CORE, "data") ? attr(d, "id") : NULL;
                    if (did && !unique_id(&data, d, did)) {
                        mviolation(r, d, M_MTC, "duplicate <data> id '%s' in <mtc:match>", did);
                    }
                }
            }
        }
        struct match_codes mc = {.data = &data};
        for (xmlNodePtr c = k->children; c; c = c->next) {
            if (is_elem(c, M_CORE, "source") || is_elem(c, M_CORE, "target")) {
                match_inline(r, c, &mc);
            }
        }
        for (size_t i = 0; i < mc.starts.count; i++) {
            if (!strs_find(&mc.ends, mc.starts.v[i])) {
                mviolation(r, mc.starts.node[i], M_MTC,
                           "<sc id=\"%s\"> has no <ec startRef> in the <mtc:match>; use isolated=\"yes\" (5.1.5.2)",
                           mc.starts.v[i]);
            }
        }
        strs_free(&mc.starts);
        strs_free(&mc.ends);
        strs_free(&data);
    }
    strs_free(&ids);
    strs_free(&spans.ids);
}

static void check_gls_glossary(struct tu_xv_report *r, xmlNodePtr n)
{
    struct strs ids = {0};
    struct span_ids spans = {0};
    for (xmlNodePtr e = n->children; e; e = e->next) {
        if (!is_elem(e, M_GLS, "glossEntry")) {
            continue;
        }
        bool has = false;
        for (xmlNodePtr k = e; k; k = k == e ? e->children : k->next) {
            if (k != e && !is_elem(k, M_GLS, NULL)) {
                continue;
            }
            if (k != e) {
                has |= name_is(k, "translation") || name_is(k, "definition");
                if (!name_is(k, "translation")) {
                    continue;
                }
            }
            const char *id = attr(k, "id");
            if (id && !unique_id(&ids, k, id)) {
                mviolation(r, k, M_GLS,
                           "duplicate id '%s' (5.2.5.1: unique among <glossEntry> and <translation> of the <glossary>)",
                           id);
            }
            const char *ref = attr(k, "ref");
            const char *why = ref ? resolve_span(k, ref, false, &spans) : NULL;
            if (why) {
                mviolation(r, k, M_GLS, "ref '%s' %s (5.2.5.2)", ref, why);
            }
        }
        if (!has) {
            mviolation(r, e, M_GLS, "<gls:glossEntry> has neither <translation> nor <definition> (5.2.4.2)");
        }
    }
    strs_free(&ids);
    strs_free(&spans.ids);
}

static void mda_ids(struct tu_xv_report *r, xmlNodePtr n, struct strs *ids)
{
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (is_elem(k, M_MDA, "metaGroup")) {
            const char *id = attr(k, "id");
            if (id && !unique_id(ids, k, id)) {
                mviolation(r, k, M_MDA, "duplicate id '%s' (5.4.5.3: unique within <mda:metadata>)", id);
            }
            mda_ids(r, k, ids);
        }
    }
}

static void check_mda_metadata(struct tu_xv_report *r, xmlNodePtr n)
{
    struct strs ids = {0};
    const char *id = attr(n, "id");
    if (id) {
        strs_add(&ids, id, n);
    }
    mda_ids(r, n, &ids);
    strs_free(&ids);
}

static bool is_empty(xmlNodePtr n)
{
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (k->type == XML_ELEMENT_NODE || ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) &&
                                            !xmlIsBlankNode(k))) {
            return false;
        }
    }
    return true;
}

static bool lang_eq(const char *a, const char *b)
{
    return b != NULL && xmlStrcasecmp((const xmlChar *)a, (const xmlChar *)b) == 0;
}

/* a res:resourceItem with that id in a res:resourceData of the file */
static bool res_item_exists(xmlNodePtr from, const char *id)
{
    xmlNodePtr file = core_ancestor(from, "file");
    for (xmlNodePtr k = file ? file->children : NULL; k;) {
        if (is_elem(k, M_RES, "resourceItem")) {
            const char *kid = attr(k, "id");
            if (kid && strcmp(kid, id) == 0) {
                return true;
            }
        }
        /* depth-first over the file's elements */
        if (k->type == XML_ELEMENT_NODE && k->children) {
            k = k->children;
            continue;
        }
        while (k && k->next == NULL && k->parent != file) {
            k = k->parent;
        }
        k = k ? k->next : NULL;
    }
    return false;
}

static void check_res_data(struct tu_xv_report *r, xmlNodePtr n)
{
    struct strs ids = {0};
    xmlNodePtr root = xmlDocGetRootElement(n->doc);
    const char *src = attr(root, "srcLang");
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (!is_elem(k, M_RES, NULL)) {
            continue;
        }
        const char *id = attr(k, "id");
        if (id && !unique_id(&ids, k, id)) {
            mviolation(r, k, M_RES,
                       "duplicate id '%s' (5.5.4.3: unique among <resourceItem> and <resourceItemRef> of the <resourceData>)",
                       id);
        }
        if (name_is(k, "resourceItemRef")) {
            const char *ref = attr(k, "ref");
            if (ref && !res_item_exists(k, ref)) {
                /* a warning: the suites' Good-res_source-has-no-content-and-href.xlf has one */
                mwarning(r, k, M_RES, "ref '%s' names no <res:resourceItem> of the file (5.5.4.3)", ref);
            }
            continue;
        }
        if (!name_is(k, "resourceItem")) {
            continue;
        }
        if (attr(k, "mimeType") == NULL) {
            /* without a MIME type the resource must be given inline */
            for (xmlNodePtr s = k->children; s; s = s->next) {
                if ((is_elem(s, M_RES, "source") || is_elem(s, M_RES, "target")) && attr(s, "href")) {
                    mviolation(r, s, M_RES,
                               "<res:%s> refers to a resource (href) but its <res:resourceItem> has no mimeType (5.5.4.4)",
                               (const char *)s->name);
                }
            }
        }
        for (xmlNodePtr s = k->children; s; s = s->next) {
            bool is_src = is_elem(s, M_RES, "source"), is_trg = is_elem(s, M_RES, "target");
            if (!is_src && !is_trg) {
                continue;
            }
            const char *href = attr(s, "href");
            bool empty = is_empty(s);
            if (href && !empty) {
                mviolation(r, s, M_RES, "<res:%s> has both href and content (5.5.4.%d)", (const char *)s->name,
                           is_src ? 5 : 6);
            } else if (!href && empty) {
                mviolation(r, s, M_RES, "empty <res:%s> without href (5.5.4.%d)", (const char *)s->name,
                           is_src ? 5 : 6);
            }
            /*
             * Only the source side: the suites' valid files give <res:target>
             * other languages than trgLang (see notes/issue-5-modules.md).
             */
            const char *l = nsattr(s, "lang", XML_NS);
            if (l && is_src && !lang_eq(l, src)) {
                mviolation(r, s, M_RES, "<res:source> xml:lang '%s' differs from srcLang '%s' (5.5.4.5)", l,
                           src ? src : "");
            }
        }
    }
    strs_free(&ids);
}

/* the element a ctr:revisions is about: the enclosing file, group or unit */
static void check_ctr_revisions(struct tu_xv_report *r, xmlNodePtr rv)
{
    xmlNodePtr track = rv->parent;
    xmlNodePtr owner = track ? track->parent : NULL;
    const char *applies = attr(rv, "appliesTo");
    const char *ref = attr(rv, "ref");
    xmlNodePtr target = NULL;

    if (owner == NULL || ns_mod(owner->ns) != M_CORE) {
        return;
    }
    if (ref) {
        struct strs ids = {0};
        collect_core_ids(owner, &ids, false, false);
        target = strs_find(&ids, ref);
        strs_free(&ids);
        if (target == NULL) {
            mviolation(r, rv, M_CTR, "ref '%s' names no element of the enclosing <%s> (5.6.5.5)", ref,
                       (const char *)owner->name);
        }
    } else if (applies) {
        /* several instances with ids: the ref must pick one */
        size_t count = 0, with_id = 0;
        for (xmlNodePtr k = owner->children; k; k = k->next) {
            xmlNodePtr list = is_elem(k, M_CORE, "notes") && strcmp(applies, "note") == 0 ? k->children : k;
            for (xmlNodePtr e = list; e; e = list == k ? NULL : e->next) {
                if (is_elem(e, M_CORE, applies)) {
                    count++;
                    with_id += attr(e, "id") != NULL;
                    target = e;
                }
            }
        }
        if (count > 1 && with_id > 0) {
            mviolation(r, rv, M_CTR,
                       "appliesTo '%s' names one of %zu elements but no ref picks it (5.6.4.3)", applies, count);
        }
        if (count != 1) {
            target = NULL;
        }
    }
    const char *cur = attr(rv, "currentVersion");
    bool cur_found = cur == NULL;
    for (xmlNodePtr v = rv->children; v; v = v->next) {
        if (!is_elem(v, M_CTR, "revision")) {
            continue;
        }
        const char *ver = attr(v, "version");
        cur_found |= ver && cur && strcmp(ver, cur) == 0;
        struct strs props = {0};
        for (xmlNodePtr it = v->children; it; it = it->next) {
            const char *p = is_elem(it, M_CTR, "item") ? attr(it, "property") : NULL;
            if (p == NULL) {
                continue;
            }
            if (!unique_id(&props, it, p)) {
                mviolation(r, it, M_CTR, "property '%s' appears twice in one <ctr:revision> (5.6.5.6)", p);
            }
            if (strcmp(p, "content") == 0 || target == NULL) {
                continue;
            }
            const char *colon = strchr(p, ':');
            bool has = false;
            for (xmlAttrPtr a = target->properties; a; a = a->next) {
                const char *pre = a->ns && a->ns->prefix ? (const char *)a->ns->prefix : NULL;
                if (colon ? (pre && strncmp(p, pre, (size_t)(colon - p)) == 0 && pre[colon - p] == '\0' &&
                             strcmp(colon + 1, (const char *)a->name) == 0)
                          : (pre == NULL && strcmp(p, (const char *)a->name) == 0)) {
                    has = true;
                }
            }
            if (!has) {
                mviolation(r, it, M_CTR,
                           "property '%s' is neither 'content' nor an attribute of the <%s> it tracks (5.6.5.6)",
                           p, (const char *)target->name);
            }
        }
        strs_free(&props);
    }
    if (!cur_found) {
        mviolation(r, rv, M_CTR, "currentVersion '%s' names no <ctr:revision> version (5.6.5.3)", cur);
    }
}

static void check_val_rule(struct tu_xv_report *r, xmlNodePtr n)
{
    static const char *const kinds[] = {"isPresent", "isNotPresent", "startsWith", "endsWith", NULL};
    size_t native = 0, custom = 0;
    for (size_t i = 0; kinds[i]; i++) {
        native += attr(n, kinds[i]) != NULL;
    }
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        custom += a->ns != NULL && ns_mod(a->ns) != M_VAL && strcmp((const char *)a->ns->href, XML_NS) != 0;
    }
    if (native + (custom > 0) != 1) {
        mviolation(r, n, M_VAL,
                   "<val:rule> needs exactly one of isPresent, isNotPresent, startsWith, endsWith or a custom rule, found %zu (5.8.4.2)",
                   native + (custom > 0));
    }
    if (attr(n, "occurs") && attr(n, "isPresent") == NULL) {
        mviolation(r, n, M_VAL, "occurs without isPresent on <val:rule> (5.8.5.2)");
    }
    if (attr(n, "existsInSource") &&
        (attr(n, "isNotPresent") ||
         (attr(n, "isPresent") != NULL) + (attr(n, "startsWith") != NULL) + (attr(n, "endsWith") != NULL) != 1)) {
        mviolation(r, n, M_VAL,
                   "existsInSource needs exactly one of isPresent, startsWith or endsWith (5.8.5.6)");
    }
    const char *dis = attr(n, "disabled");
    xmlNodePtr holder = n->parent ? n->parent->parent : NULL;
    if (dis && strcmp(dis, "yes") == 0 && holder && is_elem(holder, M_CORE, "file")) {
        mviolation(r, n, M_VAL, "disabled=\"yes\" on a file-level <val:rule> (5.8.5.9)");
    }
}

/* ---- module attributes on core (and module) elements -------------------- */

static const char *const fs_values[] = {
    "a", "b", "bdo", "big", "blockquote", "body", "br", "button", "caption", "center", "cite", "code",
    "col", "colgroup", "dd", "del", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "head",
    "hr", "html", "i", "img", "label", "legend", "li", "ol", "p", "pre", "q", "s", "samp", "select",
    "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "title", "tr", "tt", "u", "ul", NULL};

/*
 * fs:subFs: "name,value" pairs separated by a backslash; a backslash or a
 * comma inside a name or value is escaped with a backslash.
 */
static bool is_subfs(const char *v)
{
    size_t commas = 0, name_len = 0;
    for (const char *p = v;; p++) {
        if (*p == '\\' && (p[1] == '\\' || p[1] == ',')) {
            p++;
            name_len += commas == 0;
        } else if (*p == '\\' || *p == '\0') {
            if (commas != 1 || name_len == 0) {
                return false;
            }
            if (*p == '\0') {
                return true;
            }
            commas = name_len = 0;
        } else if (*p == ',') {
            commas++;
        } else {
            name_len += commas == 0;
        }
    }
}

/* "*", "N", "N,N" or "N,*" (5.7.6.1.1) */
static bool is_restriction(const char *v)
{
    if (strcmp(v, "*") == 0) {
        return true;
    }
    const char *comma = strchr(v, ',');
    if (comma == NULL) {
        return is_uint(v, strlen(v));
    }
    return is_uint(v, (size_t)(comma - v)) &&
           (strcmp(comma + 1, "*") == 0 || is_uint(comma + 1, strlen(comma + 1)));
}

static bool is_isolated_ec(xmlNodePtr n)
{
    const char *iso = attr(n, "isolated");
    return !is_elem(n, M_CORE, "ec") || (iso && strcmp(iso, "yes") == 0);
}

/* the file declares its size profiles (<slr:profiles>) */
static bool slr_has_profiles(xmlNodePtr n)
{
    xmlNodePtr file = is_elem(n, M_CORE, "file") ? n : core_ancestor(n, "file");
    for (xmlNodePtr k = file ? file->children : NULL; k; k = k->next) {
        if (is_elem(k, M_SLR, "profiles")) {
            return true;
        }
    }
    return false;
}

/* an element with that id inside a slr:data child of `n` or of an ancestor */
static bool slr_data_has(xmlNodePtr n, const char *id)
{
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        for (xmlNodePtr d = n->children; d; d = d->next) {
            if (!is_elem(d, M_SLR, "data")) {
                continue;
            }
            for (xmlNodePtr k = d->children; k;) {
                if (k->type == XML_ELEMENT_NODE) {
                    const char *kid = attr(k, "id");
                    if (kid && strcmp(kid, id) == 0) {
                        return true;
                    }
                }
                if (k->children && k->type == XML_ELEMENT_NODE) {
                    k = k->children;
                    continue;
                }
                while (k && k->next == NULL && k->parent != d) {
                    k = k->parent;
                }
                k = k ? k->next : NULL;
            }
        }
    }
    return false;
}

static const char *const its_attrs[] = {
    "version", "allowedCharacters", "annotatorsRef", "domains", "lang", "localeFilterList",
    "localeFilterType", "locQualityIssueComment", "locQualityIssueEnabled", "locQualityIssueProfileRef",
    "locQualityIssuesRef", "locQualityIssueSeverity", "locQualityIssueType", "locQualityRatingProfileRef",
    "locQualityRatingScore", "locQualityRatingScoreThreshold", "locQualityRatingVote",
    "locQualityRatingVoteThreshold", "mtConfidence", "org", "orgRef", "person", "personRef",
    "provenanceRecordsRef", "revOrg", "revOrgRef", "revPerson", "revPersonRef", "revTool", "revToolRef",
    "taClassRef", "taConfidence", "taIdent", "taIdentRef", "taSource", "termConfidence", "tool", "toolRef",
    "term", "termInfoRef", "translate", "withinText", "locNote", "locNoteRef", "locNoteType",
    "storageSize", "storageEncoding", "lineBreakType", "idValue", "dir", "space", NULL};
static const char *const its_filter_types[] = {"include", "exclude", NULL};
static const char *const its_issue_types[] = {
    "terminology", "mistranslation", "omission", "untranslated", "addition", "duplication",
    "inconsistency", "grammar", "legal", "register", "locale-specific-content", "locale-violation",
    "style", "characters", "misspelling", "typographical", "formatting", "inconsistent-entities",
    "numbers", "markup", "pattern-problem", "whitespace", "internationalization", "length",
    "non-conformance", "uncategorized", "other", NULL};

static void check_its_attr(struct tu_xv_report *r, xmlNodePtr n, xmlAttrPtr a)
{
    const char *name = (const char *)a->name, *v = attr_value(a);
    if (!in_list(name, its_attrs)) {
        mviolation(r, n, M_ITS, "unknown ITS attribute 'its:%s'", name);
    } else if (strcmp(name, "version") == 0 && strcmp(v, "2.0") != 0) {
        mviolation(r, n, M_ITS, "its:version=\"%s\" must be \"2.0\"", v);
    } else if (strcmp(name, "localeFilterType") == 0 && !in_list(v, its_filter_types)) {
        mviolation(r, n, M_ITS, "its:localeFilterType=\"%s\" is not include or exclude", v);
    } else if ((strcmp(name, "locQualityIssueEnabled") == 0) && !in_list(v, yes_no)) {
        mviolation(r, n, M_ITS, "its:%s=\"%s\" is not yes or no", name, v);
    } else if (strcmp(name, "locQualityIssueType") == 0 && !in_list(v, its_issue_types)) {
        mviolation(r, n, M_ITS, "its:locQualityIssueType=\"%s\" is not an ITS issue type", v);
    } else if ((strcmp(name, "mtConfidence") == 0 || strcmp(name, "taConfidence") == 0 ||
                strcmp(name, "termConfidence") == 0) &&
               !is_decimal_in(v, 0.0, 1.0)) {
        mviolation(r, n, M_ITS, "its:%s=\"%s\" is not a number from 0 to 1", name, v);
    } else if ((strcmp(name, "locQualityIssueSeverity") == 0 || strcmp(name, "locQualityRatingScore") == 0 ||
                strcmp(name, "locQualityRatingScoreThreshold") == 0) &&
               !is_decimal_in(v, 0.0, 100.0)) {
        mviolation(r, n, M_ITS, "its:%s=\"%s\" is not a number from 0 to 100", name, v);
    }
}

void tu_xv_module_attrs(struct tu_xv_report *r, xmlNodePtr n)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        enum mod m = ns_mod(a->ns);
        const char *name = (const char *)a->name, *v = attr_value(a);
        switch (m) {
        case M_FS:
            if (strcmp(name, "fs") == 0) {
                if (!in_list(v, fs_values)) {
                    mviolation(r, n, m, "fs:fs=\"%s\" is not one of the HTML element names of 5.3.5.1", v);
                }
                if (!is_isolated_ec(n)) {
                    mviolation(r, n, m, "fs:fs on an <ec> that is not isolated=\"yes\" (5.3.5.1)");
                }
            } else if (strcmp(name, "subFs") == 0) {
                if (!is_subfs(v)) {
                    mviolation(r, n, m,
                               "fs:subFs=\"%s\" is not name,value pairs separated by '\\' (5.3.5.2)", v);
                }
                if (nsattr(n, "fs", FS_NS) == NULL) {
                    mviolation(r, n, m, "fs:subFs without fs:fs (5.3.5.2)");
                }
                if (!is_isolated_ec(n)) {
                    mviolation(r, n, m, "fs:subFs on an <ec> that is not isolated=\"yes\" (5.3.5.2)");
                }
            } else {
                mviolation(r, n, m, "unknown Format Style attribute 'fs:%s'", name);
            }
            break;
        case M_SLR:
            if (strcmp(name, "sizeRestriction") == 0 || strcmp(name, "storageRestriction") == 0) {
                if (!is_restriction(v)) {
                    mviolation(r, n, m, "slr:%s=\"%s\" is not '*', 'N', 'N,N' or 'N,*' (5.7.6.%d.1)", name, v,
                               name[1] == 'i' ? 1 : 2);
                }
            } else if (strcmp(name, "sizeInfo") == 0 || strcmp(name, "equivStorage") == 0) {
                /*
                 * The value's form belongs to the profile; the standard
                 * profiles (slr:profiles given) count in integers. Without
                 * profiles a number must still be an integer, free text is
                 * left to the unknown profile (core suite withModulesAttributesInEc).
                 */
                bool numeric = (v[0] >= '0' && v[0] <= '9') || v[0] == '-' || v[0] == '+' || v[0] == '.';
                if ((numeric || slr_has_profiles(n)) && !is_uint(v, strlen(v))) {
                    mviolation(r, n, m, "slr:%s=\"%s\" is not a non-negative integer (5.7.5.%d)", name, v,
                               name[0] == 's' ? 9 : 8);
                }
            } else if (strcmp(name, "sizeInfoRef") == 0) {
                if (nsattr(n, "sizeInfo", SLR_NS)) {
                    mviolation(r, n, m, "slr:sizeInfoRef together with slr:sizeInfo (5.7.5.10)");
                }
                if (!slr_data_has(n, v)) {
                    mviolation(r, n, m,
                               "slr:sizeInfoRef '%s' names no element in a <slr:data> of this element or its ancestors (5.7.5.10)",
                               v);
                }
            } else {
                mviolation(r, n, m, "unknown Size and Length Restriction attribute 'slr:%s'", name);
                break;
            }
            /* sizes on a closing code only when it is isolated */
            if (strcmp(name, "sizeRestriction") != 0 && strcmp(name, "storageRestriction") != 0 &&
                !is_isolated_ec(n)) {
                mviolation(r, n, m, "slr:%s on an <ec> that is not isolated=\"yes\" (5.7.5)", name);
            }
            break;
        case M_ITS:
            check_its_attr(r, n, a);
            break;
        case M_ITSM:
            break;
        case M_PGS:
            if (strcmp(name, "switch") != 0 && strcmp(name, "case") != 0) {
                mviolation(r, n, m, "unknown Plural, Gender and Select attribute 'pgs:%s'", name);
            }
            break;
        case M_CORE:
        case M_OTHER:
            break;
        default:
            if (ns_mod(n->ns) != m) {
                mviolation(r, n, m, "attribute '%s:%s' of the %s module is not allowed here",
                           a->ns->prefix ? (const char *)a->ns->prefix : "", name, mod_prefix[m]);
            }
            break;
        }
    }
}

/* ---- entry points ------------------------------------------------------- */

static void check_module_tree(struct tu_xv_report *r, xmlNodePtr n)
{
    enum mod m = ns_mod(n->ns);
    if (m == M_ITS || m == M_ITSM || m == M_PGS) {
        /* ITS standoff elements (locQualityIssues, provenanceRecords): lax */
        return;
    }
    if (m != M_CORE && m != M_OTHER) {
        const struct melem *e = find_elem(n);
        if (e == NULL) {
            mviolation(r, n, m, "unknown element <%s%s>", mod_prefix[m], (const char *)n->name);
            return;
        }
        check_shape(r, n, e);
        if (m == M_MTC && name_is(n, "matches")) {
            check_mtc_matches(r, n);
        } else if (m == M_GLS && name_is(n, "glossary")) {
            check_gls_glossary(r, n);
        } else if (m == M_MDA && name_is(n, "metadata")) {
            check_mda_metadata(r, n);
        } else if (m == M_RES && name_is(n, "resourceData")) {
            check_res_data(r, n);
        } else if (m == M_CTR && name_is(n, "revisions")) {
            check_ctr_revisions(r, n);
        } else if (m == M_VAL && name_is(n, "rule")) {
            check_val_rule(r, n);
        }
    }
    tu_xv_module_attrs(r, n);
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (k->type == XML_ELEMENT_NODE) {
            check_module_tree(r, k);
        }
    }
}

void tu_xv_module_element(struct tu_xv_report *r, xmlNodePtr n)
{
    check_module_tree(r, n);
}

/* every module element and module attribute of a 2.x document */
void tu_xv_modules_check(struct tu_xv_report *r, xmlNodePtr root)
{
    tu_xv_module_attrs(r, root);
    for (xmlNodePtr k = root->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE) {
            continue;
        }
        enum mod m = ns_mod(k->ns);
        if (m == M_CORE) {
            tu_xv_modules_check(r, k);
        } else if (m != M_OTHER) {
            check_module_tree(r, k);
        }
    }
}
