/*
 * XLIFF 2.x core, schema level: one table row per core element (attributes
 * with their types, children in order with occurrence, text allowed or not),
 * read from the 2.1 core XSD and the 2.2 changes (notes and mda:metadata in
 * <xliff>, ref on <note>, the version enumeration). Every core element is
 * checked wherever it appears, inside module elements too. The processing
 * requirements XSD cannot express are in validate.c; messages name the
 * section of XLIFF 2.1 (2.2 Part 1 has the same text as section 3.x).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include <tumac/error.h>

#include "xliff-int.h"

enum ctype {
    T_STR,
    T_NMTOKEN,
    T_NMTOKENS,
    T_YESNO,
    T_YESNOFIRST,
    T_DIR,
    T_APPLIES,
    T_STATE,
    T_CODETYPE,
    T_MRKTYPE,
    T_USERDEF,
    T_LANG,
    T_SPACE,
    T_HEX,
    T_POSINT,
    T_PRIORITY,
    T_VERSION22,
};

struct cattr {
    const char *name; /* "xml:lang", "xml:space" for the XML namespace */
    enum ctype type;
    bool required;
    bool only22; /* XLIFF 2.2 documents only */
    const char *sec;
};

/* one particle of a sequence: any of `names` (space separated), min..max */
struct particle {
    const char *names; /* core names, "mda:metadata", or "##other" */
    unsigned min, max; /* max 0: unbounded */
    bool only22;
};

struct celem {
    const char *name;
    const char *sec;
    const struct cattr *attrs;
    const struct particle *content;
    bool mixed;         /* text allowed */
    bool foreign_attrs; /* attributes of other namespaces (xs:anyAttribute ##other) */
};

#define END_ATTRS {NULL, T_STR, false, false, NULL}
#define END_CONTENT {NULL, 0, 0, false}
#define INLINE "cp ph pc sc ec mrk sm em"

static const struct cattr xliff_a[] = {
    {"version", T_STR, true, false, "4.3.1.42"},
    {"srcLang", T_LANG, true, false, "4.3.1.29"},
    {"trgLang", T_LANG, false, false, "4.3.1.37"},
    {"xml:space", T_SPACE, false, false, "4.3.2.2"},
    END_ATTRS,
};
static const struct particle xliff_c[] = {
    {"notes", 0, 1, true}, {"mda:metadata", 0, 1, true}, {"file", 1, 0, false}, END_CONTENT};

static const struct cattr file_a[] = {
    {"id", T_NMTOKEN, true, false, "4.3.1.21"},
    {"canResegment", T_YESNO, false, false, "4.3.1.6"},
    {"original", T_STR, false, false, "4.3.1.25"},
    {"translate", T_YESNO, false, false, "4.3.1.38"},
    {"srcDir", T_DIR, false, false, "4.3.1.28"},
    {"trgDir", T_DIR, false, false, "4.3.1.39"},
    {"xml:space", T_SPACE, false, false, "4.3.2.2"},
    END_ATTRS,
};
static const struct particle file_c[] = {{"skeleton", 0, 1, false},
                                         {"##other", 0, 0, false},
                                         {"notes", 0, 1, false},
                                         {"unit group", 1, 0, false},
                                         END_CONTENT};

static const struct cattr skeleton_a[] = {{"href", T_STR, false, false, "4.3.1.20"}, END_ATTRS};
static const struct particle skeleton_c[] = {{"##other", 0, 0, false}, END_CONTENT};

static const struct cattr group_a[] = {
    {"id", T_NMTOKEN, true, false, "4.3.1.21"},
    {"name", T_STR, false, false, "4.3.1.23"},
    {"canResegment", T_YESNO, false, false, "4.3.1.6"},
    {"translate", T_YESNO, false, false, "4.3.1.38"},
    {"srcDir", T_DIR, false, false, "4.3.1.28"},
    {"trgDir", T_DIR, false, false, "4.3.1.39"},
    {"type", T_USERDEF, false, false, "4.3.1.40"},
    {"xml:space", T_SPACE, false, false, "4.3.2.2"},
    END_ATTRS,
};
static const struct particle group_c[] = {
    {"##other", 0, 0, false}, {"notes", 0, 1, false}, {"unit group", 0, 0, false}, END_CONTENT};
static const struct particle unit_c[] = {{"##other", 0, 0, false},
                                         {"notes", 0, 1, false},
                                         {"originalData", 0, 1, false},
                                         {"segment ignorable", 1, 0, false},
                                         END_CONTENT};

static const struct cattr segment_a[] = {
    {"id", T_NMTOKEN, false, false, "4.3.1.21"},
    {"canResegment", T_YESNO, false, false, "4.3.1.6"},
    {"state", T_STATE, false, false, "4.3.1.31"},
    {"subState", T_STR, false, false, "4.3.1.35"},
    END_ATTRS,
};
static const struct cattr ignorable_a[] = {{"id", T_NMTOKEN, false, false, "4.3.1.21"}, END_ATTRS};
static const struct particle segment_c[] = {{"source", 1, 1, false}, {"target", 0, 1, false}, END_CONTENT};

static const struct particle notes_c[] = {{"note", 1, 0, false}, END_CONTENT};
static const struct cattr note_a[] = {
    {"id", T_NMTOKEN, false, false, "4.3.1.21"},
    {"appliesTo", T_APPLIES, false, false, "4.3.1.1"},
    {"category", T_STR, false, false, "4.3.1.7"},
    {"priority", T_PRIORITY, false, false, "4.3.1.26"},
    {"ref", T_STR, false, true, "4.3.1.27"},
    END_ATTRS,
};

static const struct particle original_c[] = {{"data", 1, 0, false}, END_CONTENT};
static const struct cattr data_a[] = {
    {"id", T_NMTOKEN, true, false, "4.3.1.21"},
    {"dir", T_DIR, false, false, "4.3.1.12"},
    {"xml:space", T_SPACE, false, false, "4.3.2.2"},
    END_ATTRS,
};
static const struct particle data_c[] = {{"cp", 0, 0, false}, END_CONTENT};

static const struct cattr source_a[] = {
    {"xml:lang", T_LANG, false, false, "4.3.2.1"}, {"xml:space", T_SPACE, false, false, "4.3.2.2"}, END_ATTRS};
static const struct cattr target_a[] = {{"xml:lang", T_LANG, false, false, "4.3.2.1"},
                                        {"xml:space", T_SPACE, false, false, "4.3.2.2"},
                                        {"order", T_POSINT, false, false, "4.3.1.24"},
                                        END_ATTRS};
static const struct particle inline_c[] = {{INLINE, 0, 0, false}, END_CONTENT};

static const struct cattr cp_a[] = {{"hex", T_HEX, true, false, "4.3.1.19"}, END_ATTRS};

#define CODE_HINTS                                                                                 \
    {"canCopy", T_YESNO, false, false, "4.3.1.2"}, {"canDelete", T_YESNO, false, false, "4.3.1.3"}, \
        {"canReorder", T_YESNOFIRST, false, false, "4.3.1.5"},                                     \
        {"copyOf", T_NMTOKEN, false, false, "4.3.1.8"},                                            \
        {"subType", T_USERDEF, false, false, "4.3.1.36"}, {"type", T_CODETYPE, false, false, "4.3.1.40"}

static const struct cattr ph_a[] = {
    CODE_HINTS,
    {"disp", T_STR, false, false, "4.3.1.13"},
    {"equiv", T_STR, false, false, "4.3.1.16"},
    {"id", T_NMTOKEN, true, false, "4.3.1.21"},
    {"dataRef", T_NMTOKEN, false, false, "4.3.1.9"},
    {"subFlows", T_NMTOKENS, false, false, "4.3.1.32"},
    END_ATTRS,
};
static const struct cattr pc_a[] = {
    CODE_HINTS,
    {"canOverlap", T_YESNO, false, false, "4.3.1.4"},
    {"dispEnd", T_STR, false, false, "4.3.1.14"},
    {"dispStart", T_STR, false, false, "4.3.1.15"},
    {"equivEnd", T_STR, false, false, "4.3.1.17"},
    {"equivStart", T_STR, false, false, "4.3.1.18"},
    {"id", T_NMTOKEN, true, false, "4.3.1.21"},
    {"dataRefEnd", T_NMTOKEN, false, false, "4.3.1.10"},
    {"dataRefStart", T_NMTOKEN, false, false, "4.3.1.11"},
    {"subFlowsEnd", T_NMTOKENS, false, false, "4.3.1.33"},
    {"subFlowsStart", T_NMTOKENS, false, false, "4.3.1.34"},
    {"dir", T_DIR, false, false, "4.3.1.12"},
    END_ATTRS,
};
/* <sc> and <ec> (4.2.3.4, 4.2.3.5) differ only in id (required on sc) and startRef */
#define SC_EC_ATTRS                                                                                  \
    CODE_HINTS, {"canOverlap", T_YESNO, false, false, "4.3.1.4"},                                     \
        {"dataRef", T_NMTOKEN, false, false, "4.3.1.9"}, {"dir", T_DIR, false, false, "4.3.1.12"},     \
        {"disp", T_STR, false, false, "4.3.1.13"}, {"equiv", T_STR, false, false, "4.3.1.16"},         \
        {"isolated", T_YESNO, false, false, "4.3.1.22"}, {"subFlows", T_NMTOKENS, false, false, "4.3.1.32"}

static const struct cattr sc_a[] = {SC_EC_ATTRS, {"id", T_NMTOKEN, true, false, "4.3.1.21"}, END_ATTRS};
static const struct cattr ec_a[] = {SC_EC_ATTRS,
                                    {"id", T_NMTOKEN, false, false, "4.3.1.21"},
                                    {"startRef", T_NMTOKEN, false, false, "4.3.1.30"},
                                    END_ATTRS};
static const struct cattr mrk_a[] = {
    {"id", T_NMTOKEN, true, false, "4.3.1.21"},   {"translate", T_YESNO, false, false, "4.3.1.38"},
    {"type", T_MRKTYPE, false, false, "4.3.1.40"}, {"ref", T_STR, false, false, "4.3.1.27"},
    {"value", T_STR, false, false, "4.3.1.41"},   END_ATTRS,
};
static const struct cattr em_a[] = {{"startRef", T_NMTOKEN, true, false, "4.3.1.30"}, END_ATTRS};
static const struct cattr no_attrs[] = {END_ATTRS};
static const struct particle empty_c[] = {END_CONTENT};

static const struct celem core_elems[] = {
    {"xliff", "4.2.2.1", xliff_a, xliff_c, false, true},
    {"file", "4.2.2.2", file_a, file_c, false, true},
    {"skeleton", "4.2.2.3", skeleton_a, skeleton_c, true, false},
    {"group", "4.2.2.4", group_a, group_c, false, true},
    {"unit", "4.2.2.5", group_a, unit_c, false, true},
    {"segment", "4.2.2.6", segment_a, segment_c, false, false},
    {"ignorable", "4.2.2.7", ignorable_a, segment_c, false, false},
    {"notes", "4.2.2.8", no_attrs, notes_c, false, false},
    {"note", "4.2.2.9", note_a, empty_c, true, true},
    {"originalData", "4.2.2.10", no_attrs, original_c, false, false},
    {"data", "4.2.2.11", data_a, data_c, true, false},
    {"source", "4.2.2.12", source_a, inline_c, true, false},
    {"target", "4.2.2.13", target_a, inline_c, true, false},
    {"cp", "4.2.3.1", cp_a, empty_c, false, false},
    {"ph", "4.2.3.2", ph_a, empty_c, false, true},
    {"pc", "4.2.3.3", pc_a, inline_c, true, true},
    {"sc", "4.2.3.4", sc_a, empty_c, false, true},
    {"ec", "4.2.3.5", ec_a, empty_c, false, true},
    {"mrk", "4.2.3.6", mrk_a, inline_c, true, true},
    {"sm", "4.2.3.7", mrk_a, empty_c, false, true},
    {"em", "4.2.3.8", em_a, empty_c, false, false},
};

/* ---- reporting and value types ------------------------------------------ */

void tu_xv_error(struct tu_xv_report *r, xmlNodePtr n, const char *fmt, ...)
{
    char msg[480];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    tu_xv_report_msg(r, n, TU_ERROR, msg);
}

static bool is_core_ns(const xmlNs *ns)
{
    return ns && (strcmp((const char *)ns->href, XLIFF20_NS) == 0 ||
                  strcmp((const char *)ns->href, XLIFF22_NS) == 0);
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/*
 * RFC 5646 2.1 syntax: language (2-3 letters with up to three extlang
 * subtags, or 4-8 letters), then script, region, variants, extensions and a
 * private-use part, each subtag 1-8 letters or digits; or a tag that is all
 * private use ("x-..."), or a grandfathered "i-..." tag. Whether the
 * subtags are registered is not checked.
 */
bool tu_xv_is_language_tag(const char *s)
{
    const char *p = s;
    size_t n = 0, index = 0;
    bool singleton_open = false;
    char first = 0;

    if (*s == '\0') {
        return false;
    }
    while (*p) {
        const char *e = p;
        while (*e && *e != '-') {
            if (!is_alpha(*e) && !is_digit(*e)) {
                return false;
            }
            e++;
        }
        n = (size_t)(e - p);
        if (n == 0 || n > 8) {
            return false;
        }
        if (index == 0) {
            first = *p;
            bool letters = true;
            for (const char *q = p; q < e; q++) {
                letters &= is_alpha(*q);
            }
            if (!letters) {
                return false;
            }
            /* one letter: only the private-use or grandfathered prefix */
            if (n == 1 && first != 'x' && first != 'X' && first != 'i' && first != 'I') {
                return false;
            }
            singleton_open = n == 1;
        } else if (n == 1) {
            if (singleton_open) {
                return false; /* a singleton needs a subtag after it */
            }
            singleton_open = true;
        } else {
            singleton_open = false;
        }
        index++;
        p = *e ? e + 1 : e;
        if (*e == '-' && *p == '\0') {
            return false; /* trailing hyphen */
        }
    }
    return !singleton_open;
}

static bool is_userdef(const char *v)
{
    const char *c = strchr(v, ':');
    if (c == NULL || c == v || c[1] == '\0' || strchr(c + 1, ':')) {
        return false;
    }
    return strpbrk(v, " \t\r\n") == NULL;
}

static bool is_posint(const char *v, unsigned long lo, unsigned long hi)
{
    if (!is_digit(*v)) {
        return false;
    }
    char *end;
    unsigned long n = strtoul(v, &end, 10);
    return *end == '\0' && n >= lo && n <= hi;
}

static bool is_nmtokens(const char *v)
{
    char tok[256];
    size_t count = 0;
    for (const char *p = v; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            p++;
        }
        size_t len = strcspn(p, " \t\r\n");
        if (len == 0) {
            break;
        }
        if (len >= sizeof tok) {
            return false;
        }
        memcpy(tok, p, len);
        tok[len] = '\0';
        if (!tu_xv_is_nmtoken(tok)) {
            return false;
        }
        count++;
        p += len;
    }
    return count > 0;
}

static const char *const yes_no[] = {"yes", "no", NULL};
static const char *const yes_first_no[] = {"yes", "firstNo", "no", NULL};
static const char *const dirs[] = {"ltr", "rtl", "auto", NULL};
static const char *const applies[] = {"source", "target", NULL};
static const char *const states[] = {"initial", "translated", "reviewed", "final", NULL};
static const char *const code_types[] = {"fmt", "ui", "quote", "link", "image", "other", NULL};
static const char *const mrk_types[] = {"generic", "comment", "term", NULL};
static const char *const spaces[] = {"default", "preserve", NULL};
static const char *const versions22[] = {"2.0", "2.1", "2.2", NULL};

static const char *const *enum_of(enum ctype t)
{
    switch (t) {
    case T_YESNO:
        return yes_no;
    case T_YESNOFIRST:
        return yes_first_no;
    case T_DIR:
        return dirs;
    case T_APPLIES:
        return applies;
    case T_STATE:
        return states;
    case T_CODETYPE:
        return code_types;
    case T_SPACE:
        return spaces;
    case T_VERSION22:
        return versions22;
    default:
        return NULL;
    }
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

static void check_value(struct tu_xv_report *r, xmlNodePtr n, const struct cattr *d, const char *v)
{
    const char *const *list = enum_of(d->type);
    const char *want = NULL;

    if (list) {
        if (!in_list(v, list)) {
            char all[160] = "";
            for (size_t i = 0; list[i]; i++) {
                snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", i ? ", " : "", list[i]);
            }
            tu_xv_error(r, n, "%s=\"%s\" on <%s> is not one of %s (XLIFF 2.1 %s)", d->name, v,
                       (const char *)n->name, all, d->sec);
        }
        return;
    }
    switch (d->type) {
    case T_NMTOKEN:
        want = tu_xv_is_nmtoken(v) ? NULL : "an NMTOKEN";
        break;
    case T_NMTOKENS:
        want = is_nmtokens(v) ? NULL : "a space-separated list of NMTOKENs";
        break;
    case T_USERDEF:
        want = is_userdef(v) ? NULL : "a user-defined value prefix:value";
        break;
    case T_MRKTYPE:
        want = in_list(v, mrk_types) || is_userdef(v) ? NULL : "generic, comment, term or prefix:value";
        break;
    case T_LANG:
        /* xml:lang="" is allowed: "no language" (the XML namespace schema) */
        want = tu_xv_is_language_tag(v) || (*v == '\0' && strncmp(d->name, "xml:", 4) == 0)
                   ? NULL
                   : "a well-formed BCP 47 language tag";
        break;
    case T_HEX: {
        size_t len = strlen(v);
        bool ok = len % 2 == 0;
        for (size_t i = 0; ok && i < len; i++) {
            ok = is_hex(v[i]);
        }
        want = ok ? NULL : "hexadecimal (xs:hexBinary)";
        break;
    }
    case T_POSINT:
        want = is_posint(v, 1, (unsigned long)-1) ? NULL : "a positive integer";
        break;
    case T_PRIORITY:
        want = is_posint(v, 1, 10) ? NULL : "an integer from 1 to 10";
        break;
    default:
        break;
    }
    if (want) {
        tu_xv_error(r, n, "%s=\"%s\" on <%s> is not %s (XLIFF 2.1 %s)", d->name, v, (const char *)n->name, want,
                   d->sec);
    }
}

/* ---- the table-driven check --------------------------------------------- */

static const char *attr_text(xmlAttrPtr a)
{
    return a->children && a->children->content ? (const char *)a->children->content : "";
}

static const struct cattr *find_attr(const struct celem *e, const char *name, bool is22)
{
    for (const struct cattr *d = e->attrs; d->name; d++) {
        if (strcmp(d->name, name) == 0 && (!d->only22 || is22)) {
            return d;
        }
    }
    return NULL;
}

static void check_attrs(struct tu_xv_report *r, xmlNodePtr n, const struct celem *e, bool is22)
{
    static const struct cattr xml_lang = {"xml:lang", T_LANG, false, false, "4.3.2.1"};
    static const struct cattr xml_space = {"xml:space", T_SPACE, false, false, "4.3.2.2"};
    static const struct cattr version22 = {"version", T_VERSION22, true, false, "4.3.1.42"};

    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        const char *name = (const char *)a->name, *v = attr_text(a);
        const struct cattr *d;
        if (a->ns == NULL) {
            d = find_attr(e, name, is22);
            if (d == NULL) {
                tu_xv_error(r, n, "attribute '%s' is not allowed on <%s> (XLIFF 2.1 %s)", name, e->name, e->sec);
            } else if (is22 && d == &xliff_a[0]) {
                check_value(r, n, &version22, v);
            } else {
                check_value(r, n, d, v);
            }
            continue;
        }
        bool is_xml = strcmp((const char *)a->ns->href, XML_NS) == 0;
        char qn[96];
        snprintf(qn, sizeof qn, "%s:%s", is_xml ? "xml" : a->ns->prefix ? (const char *)a->ns->prefix : "",
                 name);
        d = is_xml ? find_attr(e, qn, is22) : NULL;
        if (d == NULL && (!e->foreign_attrs || is_core_ns(a->ns))) {
            tu_xv_error(r, n, "attribute '%s' is not allowed on <%s> (XLIFF 2.1 %s%s)", qn, e->name, e->sec,
                       is_xml ? "" : "; extension attributes: 4.9.1");
            continue;
        }
        /* lax: the XML namespace's own attributes keep their types anywhere */
        if (is_xml && strcmp(name, "lang") == 0) {
            check_value(r, n, d ? d : &xml_lang, v);
        } else if (is_xml && strcmp(name, "space") == 0) {
            check_value(r, n, d ? d : &xml_space, v);
        }
    }
    for (const struct cattr *d = e->attrs; d->name; d++) {
        if (d->required && xmlHasNsProp(n, (const xmlChar *)d->name, NULL) == NULL) {
            tu_xv_error(r, n, "<%s> requires the attribute '%s' (XLIFF 2.1 %s)", e->name, d->name, e->sec);
        }
    }
}

static bool word_in(const char *word, size_t len, const char *list)
{
    for (const char *p = list; *p;) {
        size_t wl = strcspn(p, " ");
        if (wl == len && strncmp(p, word, len) == 0) {
            return true;
        }
        p += wl + (p[wl] == ' ');
    }
    return false;
}

static bool particle_matches(const struct particle *pt, xmlNodePtr k)
{
    const char *name = (const char *)k->name;
    if (is_core_ns(k->ns)) {
        return word_in(name, strlen(name), pt->names);
    }
    if (k->ns == NULL) {
        return false; /* ##other excludes elements in no namespace */
    }
    if (word_in("##other", 7, pt->names)) {
        return true;
    }
    if (strcmp((const char *)k->ns->href, MDA_NS) == 0) {
        char q[64];
        snprintf(q, sizeof q, "mda:%s", name);
        return word_in(q, strlen(q), pt->names);
    }
    return false;
}

static void qname(xmlNodePtr k, char *buf, size_t cap)
{
    if (k->ns && k->ns->prefix) {
        snprintf(buf, cap, "%s:%s", (const char *)k->ns->prefix, (const char *)k->name);
    } else {
        snprintf(buf, cap, "%s", (const char *)k->name);
    }
}

/* "unit group" -> "unit> or <group" (the caller adds the outer brackets) */
static void alternatives(const char *names, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (const char *p = names; *p && len < cap; p += *p == ' ') {
        size_t wl = strcspn(p, " ");
        len += (size_t)snprintf(buf + len, cap - len, "%s%.*s", p == names ? "" : "> or <", (int)wl, p);
        p += wl;
    }
}

static void check_children(struct tu_xv_report *r, xmlNodePtr n, const struct celem *e, bool is22)
{
    unsigned seen[8] = {0};
    size_t pos = 0;
    char kq[96], want[64];

    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
            if (!e->mixed && !xmlIsBlankNode(k)) {
                tu_xv_error(r, n, "<%s> may not contain text (XLIFF 2.1 %s)", e->name, e->sec);
            }
            continue;
        }
        if (k->type != XML_ELEMENT_NODE) {
            continue;
        }
        size_t i = pos;
        for (; e->content[i].names; i++) {
            if ((!e->content[i].only22 || is22) && particle_matches(&e->content[i], k)) {
                break;
            }
        }
        qname(k, kq, sizeof kq);
        if (e->content[i].names == NULL) {
            bool earlier = false;
            for (size_t j = 0; j < pos; j++) {
                earlier |= (!e->content[j].only22 || is22) && particle_matches(&e->content[j], k);
            }
            if (earlier) {
                tu_xv_error(r, k, "<%s> is out of order in <%s> (XLIFF 2.1 %s)", kq, e->name, e->sec);
            } else {
                tu_xv_error(r, k, "<%s> is not allowed in <%s> (XLIFF 2.1 %s%s)", kq, e->name, e->sec,
                           is_core_ns(k->ns) || k->ns == NULL ? "" : "; extension points: 4.9.1");
            }
            continue;
        }
        for (size_t j = pos; j < i; j++) {
            if (seen[j] < e->content[j].min && (!e->content[j].only22 || is22)) {
                alternatives(e->content[j].names, want, sizeof want);
                tu_xv_error(r, k, "<%s> requires <%s> before <%s> (XLIFF 2.1 %s)", e->name, want, kq, e->sec);
            }
        }
        pos = i;
        if (++seen[i] > e->content[i].max && e->content[i].max) {
            tu_xv_error(r, k, "<%s> may contain at most %u <%s> (XLIFF 2.1 %s)", e->name, e->content[i].max, kq,
                       e->sec);
        }
    }
    for (size_t j = pos; e->content[j].names; j++) {
        if (seen[j] < e->content[j].min && (!e->content[j].only22 || is22)) {
            alternatives(e->content[j].names, want, sizeof want);
            tu_xv_error(r, n, "<%s> requires <%s> (XLIFF 2.1 %s)", e->name, want, e->sec);
        }
    }
}

static void check_tree(struct tu_xv_report *r, xmlNodePtr n, bool is22)
{
    if (is_core_ns(n->ns)) {
        const struct celem *e = NULL;
        for (size_t i = 0; i < sizeof core_elems / sizeof core_elems[0]; i++) {
            if (strcmp((const char *)n->name, core_elems[i].name) == 0) {
                e = &core_elems[i];
                break;
            }
        }
        if (e == NULL) {
            tu_xv_error(r, n, "unknown core element <%s> (XLIFF 2.1 4.2)", (const char *)n->name);
            return;
        }
        check_attrs(r, n, e, is22);
        check_children(r, n, e, is22);
    }
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (k->type == XML_ELEMENT_NODE) {
            check_tree(r, k, is22);
        }
    }
}

void tu_xv_core_shape(struct tu_xv_report *r, xmlNodePtr root)
{
    check_tree(r, root, root->ns && strcmp((const char *)root->ns->href, XLIFF22_NS) == 0);
}
