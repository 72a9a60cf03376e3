/*
 * The OASIS XLIFF schemas (share/schemas/, installed as
 * $PREFIX/share/tumac/schemas/) run through libxml2's XML Schema validator,
 * so `tumac validate` never calls valid what the schema rejects. The
 * schemas are compiled once per process. Their one network import,
 * http://www.w3.org/2001/xml.xsd, is answered from the local copy, and
 * nothing else is fetched (NONET).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parserInternals.h>
#include <libxml/xmlschemas.h>

#include "xliff-int.h"

#ifndef TUMAC_SCHEMA_DIRS
#define TUMAC_SCHEMA_DIRS ""
#endif

/* the local copy of the XML namespace schema, below the schema folder */
#define XML_XSD "xliff-2.1/schemas/informativeCopiesOf3rdPartySchemas/w3c/xml.xsd"

enum { SCH_12_STRICT, SCH_12_TRANSITIONAL, SCH_21, SCH_22, SCH_COUNT };

static const char *const schema_file[SCH_COUNT] = {
    "xliff-1.2/xliff-core-1.2-strict.xsd",
    "xliff-1.2/xliff-core-1.2-transitional.xsd",
    "xliff-2.1-modules.xsd",
    "xliff-2.2-modules.xsd",
};

static pthread_mutex_t schema_lock = PTHREAD_MUTEX_INITIALIZER;
static xmlSchemaPtr schemas[SCH_COUNT];
static char schema_dir[1024];
static xmlExternalEntityLoader next_loader;

/*
 * Where the schemas are: $TUMAC_SCHEMAS, else the compiled-in list (the
 * install prefix's share/tumac/schemas, then the source tree's share/schemas
 * for uninstalled builds), the first folder that has the 1.2 schema.
 */
static const char *search_list(void)
{
    const char *env = getenv("TUMAC_SCHEMAS");
    return env != NULL && env[0] != '\0' ? env : TUMAC_SCHEMA_DIRS;
}

static bool find_dir(void)
{
    const char *list = search_list();
    char probe[1200];

    for (const char *p = list; *p != '\0';) {
        size_t n = strcspn(p, ":");
        if (n > 0 && n < sizeof schema_dir) {
            snprintf(schema_dir, sizeof schema_dir, "%.*s", (int)n, p);
            snprintf(probe, sizeof probe, "%s/%s", schema_dir, schema_file[0]);
            if (access(probe, R_OK) == 0) {
                return true;
            }
        }
        p += n + (p[n] == ':');
    }
    schema_dir[0] = '\0';
    return false;
}

static xmlParserInputPtr local_loader(const char *url, const char *id,
                                      xmlParserCtxtPtr ctxt)
{
    if (url != NULL && (strcmp(url, "http://www.w3.org/2001/xml.xsd") == 0 ||
                        strcmp(url, "https://www.w3.org/2001/xml.xsd") == 0)) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", schema_dir, XML_XSD);
        return xmlNewInputFromFile(ctxt, path);
    }
    return xmlNoNetExternalEntityLoader(url, id, ctxt);
}

static void ignore_msg(void *ctx, const char *fmt, ...)
{
    (void)ctx;
    (void)fmt;
}

/* Compiles one schema (under schema_lock); NULL if it does not compile. */
static xmlSchemaPtr compile(int which)
{
    char path[1200];
    xmlSchemaParserCtxtPtr pc;
    xmlSchemaPtr s;

    xmlGenericErrorFunc said = xmlGenericError;
    void *said_ctx = xmlGenericErrorContext;

    snprintf(path, sizeof path, "%s/%s", schema_dir, schema_file[which]);
    next_loader = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(local_loader);
    /* a schema that does not compile is one error below, not libxml2's noise */
    xmlSetGenericErrorFunc(NULL, ignore_msg);
    pc = xmlSchemaNewParserCtxt(path);
    s = NULL;
    if (pc != NULL) {
        xmlSchemaSetParserErrors(pc, ignore_msg, ignore_msg, NULL);
        s = xmlSchemaParse(pc);
        xmlSchemaFreeParserCtxt(pc);
    }
    xmlSetGenericErrorFunc(said_ctx, said);
    xmlSetExternalEntityLoader(next_loader);
    return s;
}

static enum tu_status get_schema(int which, xmlSchemaPtr *out,
                                 struct tu_error *err, const char *path)
{
    enum tu_status st = TU_OK;

    pthread_mutex_lock(&schema_lock);
    if (schema_dir[0] == '\0' && !find_dir()) {
        st = tu_error_at(err, TU_ENOTFOUND, path, 0, 0,
                         "the XLIFF schemas are not installed (no %s in '%s'; "
                         "$TUMAC_SCHEMAS names other folders)",
                         schema_file[0], search_list());
    } else if (schemas[which] == NULL && (schemas[which] = compile(which)) == NULL) {
        st = tu_error_at(err, TU_EPARSE, path, 0, 0,
                         "the schema %s/%s does not compile", schema_dir,
                         schema_file[which]);
    }
    *out = schemas[which];
    pthread_mutex_unlock(&schema_lock);
    return st;
}

struct collect {
    struct tu_xv_report *rep;
    enum tu_severity sev;
    const char *label; /* "XLIFF 1.2 schema" */
    unsigned count;
};

static void on_error(void *ctx, xmlErrorPtr e)
{
    struct collect *c = ctx;
    char msg[400];
    size_t n;

    if (e == NULL || e->message == NULL) {
        return;
    }
    c->count++;
    snprintf(msg, sizeof msg, "%s", e->message);
    n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) {
        msg[--n] = '\0';
    }
    tu_diag_add(c->rep->diag, c->sev, c->rep->path, (unsigned long)(e->line > 0 ? e->line : 0),
                0, "%s (%s)", msg, c->label);
    if (c->sev == TU_ERROR) {
        (*c->rep->count)++;
    }
}

/* Validates `x` against one schema; returns the number of violations. */
static int run(int which, xmlDocPtr x, struct tu_xv_report *rep,
               enum tu_severity sev, const char *label, enum tu_status *st)
{
    xmlSchemaPtr s;
    xmlSchemaValidCtxtPtr vc;
    struct collect c = {rep, sev, label, 0};
    int r;

    if ((*st = get_schema(which, &s, rep->err, rep->path)) != TU_OK) {
        return -1;
    }
    vc = xmlSchemaNewValidCtxt(s);
    if (vc == NULL) {
        *st = tu_error_at(rep->err, TU_ENOMEM, rep->path, 0, 0, "out of memory");
        return -1;
    }
    xmlSchemaSetValidStructuredErrors(vc, on_error, &c);
    r = xmlSchemaValidateDoc(vc, x);
    xmlSchemaFreeValidCtxt(vc);
    if (r != 0 && c.count == 0) {
        /* a failure libxml2 gave no message for still counts */
        tu_diag_add(rep->diag, sev, rep->path, 0, 0, "does not validate (%s)", label);
        c.count = 1;
        if (sev == TU_ERROR) {
            (*rep->count)++;
        }
    }
    return (int)c.count;
}

enum tu_status tu_xv_schema_check(struct tu_xv_report *rep, xmlDocPtr x,
                                  const char *ns)
{
    enum tu_status st = TU_OK;

    if (strcmp(ns, XLIFF11_NS) == 0) {
        tu_diag_add(rep->diag, TU_NOTE, rep->path, 0, 0,
                    "XLIFF 1.1 has no schema here; checked by the 1.2 rules only");
    } else if (strcmp(ns, XLIFF12_NS) == 0) {
        /* strict first; what only the transitional schema allows (deprecated
         * attributes, foreign elements) is valid with a warning */
        struct tu_diag quiet = {0};
        struct tu_xv_report q = *rep;
        size_t n = 0;
        q.diag = &quiet;
        q.count = &n;
        if (run(SCH_12_STRICT, x, &q, TU_WARNING, "XLIFF 1.2 strict schema", &st) > 0 &&
            run(SCH_12_TRANSITIONAL, x, rep, TU_ERROR, "XLIFF 1.2 transitional schema", &st) == 0) {
            tu_diag_add(rep->diag, TU_WARNING, rep->path, 0, 0,
                        "valid by the XLIFF 1.2 transitional schema only, not the strict one "
                        "(%s)", quiet.count > 0 ? quiet.items[0].msg : "");
        }
        tu_diag_release(&quiet);
    } else if (strcmp(ns, XLIFF22_NS) == 0) {
        run(SCH_22, x, rep, TU_ERROR, "XLIFF 2.2 schema", &st);
    } else {
        /* 2.0 and 2.1 share the 2.0 namespace and core schema */
        run(SCH_21, x, rep, TU_ERROR, "XLIFF 2.1 schema", &st);
    }
    return st;
}
