/*
 * The one XML parsing policy of every reader on libxml2 (XLIFF, TMX, SRX,
 * office parts):
 *
 * - A DOCTYPE is refused where the parser meets it, after decoding (so a
 *   UTF-16 file is seen as well as a UTF-8 one) and before its internal
 *   subset is read: no DTD, so no entity exists but the five predefined ones;
 *   any other reference is undeclared and refused with its line.
 *   XMLP_DTD_NAME lets a DOCTYPE that only names an external DTD through
 *   (TMX 1.4b files carry <!DOCTYPE tmx SYSTEM "tmx14.dtd">); that DTD is
 *   never loaded, an internal subset is still refused, and so is every
 *   entity reference the unloaded DTD might have declared.
 * - No entity substitution (never XML_PARSE_NOENT), no network, no DTD load.
 * - libxml2's limits stay on: its amplification guard, 10 MB per text node,
 *   256 levels of nesting. XMLP_BIG_TEXT lifts the text limit
 *   (XML_PARSE_HUGE) for a caller that measured a need for it.
 * - Elements deeper than XMLP_MAX_DEPTH: "elements nested too deeply".
 * - libxml2's errors are retold in our words: FILE:LINE:COL: what is wrong.
 *
 * `kind` names the format in messages ("XLIFF", "TMX", "SRX").
 */
#ifndef TUMAC_XMLPARSE_INT_H
#define TUMAC_XMLPARSE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include <tumac/error.h>

/* Deepest element nesting any reader accepts (libxml2's own default). */
#define XMLP_MAX_DEPTH 256

/* Text nodes over 10 MB allowed (XML_PARSE_HUGE; safe only because no
 * entity can be declared). */
#define XMLP_BIG_TEXT 1u
/* <!DOCTYPE name SYSTEM "uri"> accepted (not read); no internal subset. */
#define XMLP_DTD_NAME 2u
/* Read as UTF-8 whatever the declaration says (office parts). */
#define XMLP_UTF8 4u
/* A namespace URI that is not a valid URI (libxml2's "xmlns:ve: '...' is not
 * a valid URI", e.g. a line break inside it, which attribute normalisation
 * makes a space) is accepted: the namespace name is only compared as a
 * string, and Word and LibreOffice open such a part (office parts). An
 * undeclared prefix is still refused. */
#define XMLP_ANY_NS_URI 8u
/* A tree that is only read: short texts kept inside their nodes
 * (XML_PARSE_COMPACT), one allocation fewer each. */
#define XMLP_COMPACT 16u

/* A whole document from memory, or NULL with `err` filled. */
xmlDoc *xmlp_read_memory(const char *data, size_t len, const char *path,
                           const char *kind, unsigned flags, struct tu_error *err);

/* The same from an open file, read from where it stands (never
 * decompressed, never closed here). */
xmlDoc *xmlp_read_fd(int fd, const char *path, const char *kind, unsigned flags,
                       struct tu_error *err);

/* What libxml2 reported first, kept for the retelling. */
struct xmlp_fault {
    bool set;
    int code;
    int value; /* libxml2's int1: the character of an invalid one */
    unsigned long line, column;
    char name[64]; /* the entity of an undeclared reference */
    char msg[200];
};

/* A file read as a stream (xmlTextReader) under the same policy. */
struct xmlp_reader {
    xmlTextReader *r;
    const char *path;
    const char *kind;
    unsigned flags;
    struct xmlp_fault fault;
};

enum tu_status xmlp_reader_open(struct xmlp_reader *x, const char *path,
                                  const char *kind, unsigned flags, struct tu_error *err);
/* The same on an open file (read from its start; never decompressed, never
 * closed here) or on memory that outlives the reader. */
enum tu_status xmlp_reader_open_fd(struct xmlp_reader *x, int fd, const char *path,
                                     const char *kind, unsigned flags, struct tu_error *err);
enum tu_status xmlp_reader_open_memory(struct xmlp_reader *x, const char *data, size_t len,
                                         const char *path, const char *kind, unsigned flags,
                                         struct tu_error *err);
/* xmlTextReaderRead / xmlTextReaderNext: 1 at a node, 0 at the end, -1 with
 * `err` filled (a DOCTYPE, nesting too deep, not well-formed). */
int xmlp_reader_read(struct xmlp_reader *x, struct tu_error *err);
int xmlp_reader_next(struct xmlp_reader *x, struct tu_error *err);
/* The current element's subtree (xmlTextReaderExpand), NULL with `err`. */
xmlNode *xmlp_reader_expand(struct xmlp_reader *x, struct tu_error *err);
void xmlp_reader_close(struct xmlp_reader *x);

#endif
