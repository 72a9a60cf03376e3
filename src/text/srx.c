/*
 * SRX 2.0 segmentation rules. Reading: libxml2 without network access, and a
 * file with a DOCTYPE is refused (so no entity is ever declared or expanded);
 * the language maps are matched against the canonical tag, case-insensitively,
 * and with cascade="yes" every matching map contributes its rules in order.
 * Writing: the built-in rule sets of every language group.
 */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>

#include "base/xmlparse-int.h"
#include "segment-int.h"
#include <tumac/alloc.h>
#include <tumac/escape.h>
#include <tumac/fileio.h>

#define SRX_NS "http://www.lisa.org/srx20"

static bool is_elem(const xmlNode *n, const char *name)
{
    return n != NULL && n->type == XML_ELEMENT_NODE &&
           strcmp((const char *)n->name, name) == 0 &&
           (n->ns == NULL || strcmp((const char *)n->ns->href, SRX_NS) == 0);
}

static xmlNode *child(const xmlNode *n, const char *name)
{
    for (xmlNode *c = n ? n->children : NULL; c != NULL; c = c->next) {
        if (is_elem(c, name)) {
            return c;
        }
    }
    return NULL;
}

static unsigned long line_of(const xmlNode *n)
{
    long l = xmlGetLineNo(n);
    return l > 0 ? (unsigned long)l : 0;
}

/* An attribute as a tu_strdup'ed string, or NULL. */
static char *attr(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s;

    if (v == NULL) {
        return NULL;
    }
    s = tu_strdup((const char *)v);
    xmlFree(v);
    return s;
}

static char *text_of(const xmlNode *n)
{
    xmlChar *v;
    char *s;

    if (n == NULL) {
        return tu_strdup("");
    }
    v = xmlNodeGetContent(n);
    s = tu_strdup(v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

/* Does the SRX languagepattern match the whole tag? */
static enum tu_status pattern_matches(const char *pattern, const char *tag,
                                      const char *path, const xmlNode *at,
                                      bool *yes, struct tu_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe;
    URegularExpression *re;
    UChar utag[96];

    re = seg_regex_open(pattern, UREGEX_CASE_INSENSITIVE, &pe, &st);
    if (re == NULL) {
        return tu_error_at(err, TU_EPARSE, path, line_of(at), 0,
                           "bad languagepattern '%.200s': %s", pattern,
                           u_errorName(st));
    }
    u_strFromUTF8(utag, (int32_t)(sizeof(utag) / sizeof(utag[0])), NULL, tag,
                  -1, &st);
    uregex_setText(re, utag, -1, &st);
    *yes = U_SUCCESS(st) && uregex_matches(re, -1, &st) && U_SUCCESS(st);
    if (!*yes && U_SUCCESS(st)) {
        /* Some SRX files write locales the Java way: "sr_Latn", "en_US". */
        for (UChar *p = utag; *p != 0; p++) {
            if (*p == '-') {
                *p = '_';
            }
        }
        uregex_setText(re, utag, -1, &st);
        *yes = U_SUCCESS(st) && uregex_matches(re, -1, &st) && U_SUCCESS(st);
    }
    uregex_close(re);
    return TU_OK;
}

static xmlNode *find_rule_set(xmlNode *languagerules, const char *name)
{
    for (xmlNode *c = languagerules ? languagerules->children : NULL; c != NULL;
         c = c->next) {
        if (is_elem(c, "languagerule")) {
            xmlChar *v = xmlGetProp(c, (const xmlChar *)"languagerulename");
            bool same = v != NULL && strcmp((const char *)v, name) == 0;
            xmlFree(v);
            if (same) {
                return c;
            }
        }
    }
    return NULL;
}

static enum tu_status add_rules(xmlNode *set, const char *path,
                                struct seg_rules *out, struct tu_error *err)
{
    for (xmlNode *r = set->children; r != NULL; r = r->next) {
        char *brk;
        char *before;
        char *after;
        bool is_break = true;
        enum tu_status rc;

        if (!is_elem(r, "rule")) {
            continue;
        }
        brk = attr(r, "break");
        if (brk != NULL && strcmp(brk, "no") == 0) {
            is_break = false;
        } else if (brk != NULL && strcmp(brk, "yes") != 0) {
            rc = tu_error_at(err, TU_EPARSE, path, line_of(r), 0,
                             "rule break=\"%.40s\": expected yes or no", brk);
            tu_free(brk);
            return rc;
        }
        tu_free(brk);
        before = text_of(child(r, "beforebreak"));
        after = text_of(child(r, "afterbreak"));
        if (before == NULL || after == NULL) {
            rc = tu_error_set(err, TU_ENOMEM, "out of memory");
        } else if (before[0] == '\0' && after[0] == '\0') {
            rc = TU_OK; /* matches everywhere and nowhere: skip */
        } else {
            rc = seg_rules_add(out, is_break, before, after, line_of(r));
            if (rc != TU_OK) {
                tu_error_set(err, rc, "out of memory");
            }
        }
        tu_free(before);
        tu_free(after);
        if (rc != TU_OK) {
            return rc;
        }
    }
    return TU_OK;
}

static enum tu_status load_doc(xmlDoc *doc, const char *path, const char *tag,
                               struct seg_rules *out, struct tu_error *err)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *header;
    xmlNode *body;
    xmlNode *rules;
    xmlNode *maps;
    char *version;
    char *cascade_s = NULL;
    bool cascade = false;
    enum tu_status rc = TU_OK;

    if (!is_elem(root, "srx")) {
        return tu_error_at(err, TU_EPARSE, path, line_of(root), 0,
                           "root element is <%s>, expected <srx>",
                           root ? (const char *)root->name : "");
    }
    version = attr(root, "version");
    if (version == NULL || strcmp(version, "2.0") != 0) {
        rc = tu_error_at(err, TU_EPARSE, path, line_of(root), 0,
                         "SRX version '%s' is not supported (2.0 expected)",
                         version ? version : "(none)");
        tu_free(version);
        return rc;
    }
    tu_free(version);
    header = child(root, "header");
    body = child(root, "body");
    rules = child(body, "languagerules");
    maps = child(body, "maprules");
    if (header == NULL || body == NULL || rules == NULL || maps == NULL) {
        return tu_error_at(err, TU_EPARSE, path, line_of(body ? body : root), 0,
                           "missing <%s> element",
                           header == NULL ? "header"
                           : body == NULL ? "body"
                           : rules == NULL ? "languagerules"
                                           : "maprules");
    }
    cascade_s = attr(header, "cascade");
    cascade = cascade_s != NULL && strcmp(cascade_s, "yes") == 0;
    tu_free(cascade_s);
    for (xmlNode *m = maps->children; m != NULL && rc == TU_OK; m = m->next) {
        char *pattern;
        char *name;
        xmlNode *set;
        bool yes = false;

        if (!is_elem(m, "languagemap")) {
            continue;
        }
        pattern = attr(m, "languagepattern");
        name = attr(m, "languagerulename");
        if (pattern == NULL || name == NULL) {
            rc = tu_error_at(err, TU_EPARSE, path, line_of(m), 0,
                             "languagemap needs languagepattern and "
                             "languagerulename");
        } else if ((set = find_rule_set(rules, name)) == NULL) {
            rc = tu_error_at(err, TU_EPARSE, path, line_of(m), 0,
                             "languagemap names languagerule '%.100s', which "
                             "does not exist",
                             name);
        } else {
            rc = pattern_matches(pattern, tag, path, m, &yes, err);
            if (rc == TU_OK && yes) {
                rc = add_rules(set, path, out, err);
            }
        }
        tu_free(pattern);
        tu_free(name);
        if (yes && !cascade) {
            break;
        }
    }
    return rc;
}

enum tu_status seg_srx_load(const char *path, const char *tag,
                            struct seg_rules *out, struct tu_error *err)
{
    struct tu_buf in;
    xmlDoc *doc;
    enum tu_status rc;

    tu_buf_init(&in, (size_t)64 << 20);
    rc = tu_file_read(path, (size_t)64 << 20, &in, err);
    if (rc != TU_OK) {
        tu_buf_release(&in);
        return rc;
    }
    doc = xmlp_read_memory(in.data, in.len, path, "SRX", 0, err);
    tu_buf_release(&in);
    if (doc == NULL) {
        return err->code;
    }
    rc = load_doc(doc, path, tag, out, err);
    xmlFreeDoc(doc);
    return rc;
}

enum tu_status seg_srx_dump(struct tu_buf *out, struct tu_error *err)
{
    tu_buf_adds(out,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<!-- tumač built-in sentence segmentation rules "
                "(tumac segment, option dump-srx) -->\n"
                "<srx xmlns=\"" SRX_NS "\" version=\"2.0\">\n"
                "  <header segmentsubflows=\"yes\" cascade=\"no\">\n"
                "    <formathandle type=\"start\" include=\"no\"/>\n"
                "    <formathandle type=\"end\" include=\"yes\"/>\n"
                "    <formathandle type=\"isolated\" include=\"no\"/>\n"
                "  </header>\n  <body>\n    <languagerules>\n");
    for (size_t g = 0; g < seg_group_count; g++) {
        struct seg_rules rules = {0};
        enum tu_status rc = seg_builtin_rules(&seg_groups[g], &rules, err);
        if (rc != TU_OK) {
            seg_rules_release(&rules);
            return rc;
        }
        tu_buf_printf(out, "      <languagerule languagerulename=\"tumac-%s\">\n",
                      seg_groups[g].name);
        for (size_t i = 0; i < rules.count; i++) {
            tu_buf_printf(out, "        <rule break=\"%s\">\n          <beforebreak>",
                          rules.items[i].is_break ? "yes" : "no");
            tu_xml_attr(out, rules.items[i].before);
            tu_buf_adds(out, "</beforebreak>\n          <afterbreak>");
            tu_xml_attr(out, rules.items[i].after);
            tu_buf_adds(out, "</afterbreak>\n        </rule>\n");
        }
        tu_buf_adds(out, "      </languagerule>\n");
        seg_rules_release(&rules);
    }
    tu_buf_adds(out, "    </languagerules>\n    <maprules>\n");
    for (size_t g = 0; g < seg_group_count; g++) {
        tu_buf_adds(out, "      <languagemap languagepattern=\"");
        tu_xml_attr(out, seg_groups[g].pattern);
        tu_buf_printf(out, "\" languagerulename=\"tumac-%s\"/>\n",
                      seg_groups[g].name);
    }
    tu_buf_adds(out, "    </maprules>\n  </body>\n</srx>\n");
    if (out->status != TU_OK) {
        return tu_error_set(err, out->status, "cannot build the SRX document");
    }
    return TU_OK;
}
