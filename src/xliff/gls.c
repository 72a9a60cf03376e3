/*
 * A unit's glossary entries (issue 19: the office's terms where the
 * translator sees them): as the 2.x Glossary module, one <gls:glossary>
 * kept among the unit's extension elements (the 2.x writer writes those as
 * they are), or as notes of category "glossary" (what a 1.2 file can
 * carry). The module element is made with libxml2's xmlTextWriter, so
 * terms with markup characters stay text.
 */
#include <string.h>

#include <libxml/xmlwriter.h>

#include <tumac/alloc.h>
#include <tumac/xliff.h>

#define GLS_NS "urn:oasis:names:tc:xliff:glossary:2.0"
#define NOTE_CATEGORY "glossary"
#define X(s) ((const xmlChar *)(s))

/* A kept extension element that is a <gls:glossary> (by its start tag). */
static bool is_glossary_ext(const char *xml)
{
    size_t name = strcspn(xml, " \t\r\n/>");
    const char *colon = memchr(xml, ':', name);
    const char *local = colon ? colon + 1 : xml + 1;
    const char *gt = strchr(xml, '>');
    const char *ns = strstr(xml, GLS_NS);
    return xml[0] == '<' && (size_t)(xml + name - local) == 8 && strncmp(local, "glossary", 8) == 0 &&
           ns != NULL && (gt == NULL || ns < gt);
}

static void drop_glossary(struct tu_unit *u, bool as_notes)
{
    size_t k = 0;
    if (!as_notes) {
        for (size_t i = 0; i < u->exts.count; i++) {
            if (u->exts.items[i].xml != NULL && is_glossary_ext(u->exts.items[i].xml)) {
                tu_free(u->exts.items[i].xml);
            } else {
                u->exts.items[k++] = u->exts.items[i];
            }
        }
        u->exts.count = k;
        return;
    }
    for (size_t i = u->notes.count; i-- > 0;) {
        const char *cat = u->notes.items[i].category;
        if (cat != NULL && strcmp(cat, NOTE_CATEGORY) == 0) {
            tu_notes_remove(&u->notes, i);
        }
    }
}

static int write_entry(xmlTextWriterPtr w, const struct tu_gloss_entry *e)
{
    int rc = xmlTextWriterStartElementNS(w, X("gls"), X("glossEntry"), NULL);
    if (rc >= 0) {
        rc = xmlTextWriterStartElementNS(w, X("gls"), X("term"), NULL);
    }
    if (rc >= 0 && e->origin != NULL) {
        rc = xmlTextWriterWriteAttribute(w, X("source"), X(e->origin));
    }
    if (rc >= 0) {
        rc = xmlTextWriterWriteString(w, X(e->term));
    }
    if (rc >= 0) {
        rc = xmlTextWriterEndElement(w);
    }
    for (size_t i = 0; rc >= 0 && i < e->translation_count; i++) {
        rc = xmlTextWriterWriteElementNS(w, X("gls"), X("translation"), NULL, X(e->translations[i]));
    }
    if (rc >= 0 && (e->forbidden_count > 0 || e->translation_count == 0)) {
        /* a forbidden target term is no translation: the definition names it
         * (an entry needs a translation or a definition) */
        rc = xmlTextWriterStartElementNS(w, X("gls"), X("definition"), NULL);
        for (size_t i = 0; rc >= 0 && i < e->forbidden_count; i++) {
            rc = xmlTextWriterWriteFormatString(w, "%s%s", i ? ", " : "Do not use: ",
                                                e->forbidden[i]);
        }
        if (rc >= 0 && e->forbidden_count == 0) {
            rc = xmlTextWriterWriteString(w, X("No target term."));
        }
        if (rc >= 0) {
            rc = xmlTextWriterEndElement(w);
        }
    }
    return rc >= 0 ? xmlTextWriterEndElement(w) : rc;
}

static enum tu_status add_module(struct tu_unit *u, const struct tu_gloss_entry *e, size_t n,
                                 struct tu_error *err)
{
    xmlBufferPtr b = xmlBufferCreate();
    xmlTextWriterPtr w = b ? xmlNewTextWriterMemory(b, 0) : NULL;
    int rc = w ? xmlTextWriterStartElementNS(w, X("gls"), X("glossary"), X(GLS_NS)) : -1;
    enum tu_status st;

    for (size_t i = 0; rc >= 0 && i < n; i++) {
        rc = write_entry(w, &e[i]);
    }
    if (rc >= 0) {
        rc = xmlTextWriterEndElement(w);
    }
    if (w != NULL) {
        xmlFreeTextWriter(w); /* flushes into b */
    }
    st = rc >= 0 && b != NULL ? tu_exts_add(&u->exts, (const char *)xmlBufferContent(b)) : TU_ENOMEM;
    if (b != NULL) {
        xmlBufferFree(b);
    }
    return st == TU_OK ? TU_OK : tu_error_set(err, st, "out of memory");
}

static enum tu_status add_notes(struct tu_unit *u, const struct tu_gloss_entry *e, size_t n,
                                struct tu_error *err)
{
    struct tu_buf text;
    enum tu_status st = TU_OK;

    tu_buf_init(&text, TU_BUF_NO_LIMIT);
    for (size_t i = 0; i < n && st == TU_OK; i++) {
        tu_buf_truncate(&text, 0);
        tu_buf_printf(&text, "Glossary%s%s%s: %s =", e[i].origin ? " (" : "",
                      e[i].origin ? e[i].origin : "", e[i].origin ? ")" : "", e[i].term);
        for (size_t k = 0; k < e[i].translation_count; k++) {
            tu_buf_printf(&text, "%s %s", k ? " or" : "", e[i].translations[k]);
        }
        for (size_t k = 0; k < e[i].forbidden_count; k++) {
            tu_buf_printf(&text, "%s%s", k ? ", " : " (do not use: ", e[i].forbidden[k]);
        }
        tu_buf_adds(&text, e[i].forbidden_count ? ")" : "");
        struct tu_note *no = text.status == TU_OK ? tu_notes_add(&u->notes, text.data) : NULL;
        if (no == NULL || (no->category = tu_strdup(NOTE_CATEGORY)) == NULL) {
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    tu_buf_release(&text);
    return st;
}

enum tu_status tu_unit_set_glossary(struct tu_unit *u, const struct tu_gloss_entry *e, size_t n,
                                    bool as_notes, struct tu_error *err)
{
    drop_glossary(u, as_notes);
    if (n == 0) {
        return TU_OK;
    }
    return as_notes ? add_notes(u, e, n, err) : add_module(u, e, n, err);
}
