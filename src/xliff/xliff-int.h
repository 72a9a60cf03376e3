/*
 * Internals shared by the XLIFF reader, writer and validator.
 */
#ifndef TUMAC_XLIFF_INT_H
#define TUMAC_XLIFF_INT_H

#define XLIFF12_NS "urn:oasis:names:tc:xliff:document:1.2"
#define XLIFF20_NS "urn:oasis:names:tc:xliff:document:2.0"
#define XLIFF22_NS "urn:oasis:names:tc:xliff:document:2.2"
#define MTC_NS "urn:oasis:names:tc:xliff:matches:2.0"
#define MDA_NS "urn:oasis:names:tc:xliff:metadata:2.0"
#define XML_NS "http://www.w3.org/XML/1998/namespace"

/* Largest document the reader accepts (bytes). */
#define TU_XLIFF_MAX_BYTES ((size_t)256 << 20)
/* Deepest element nesting the reader accepts. */
#define TU_XLIFF_MAX_DEPTH 256

#endif
