/* Transliteration internals: the generated digraph exception table. */
#ifndef TUMAC_TRANSLIT_INT_H
#define TUMAC_TRANSLIT_INT_H

#include <stdbool.h>
#include <stddef.h>

struct translit_exception {
    const char *start; /* lower-case word start, UTF-8, without the '|' */
    size_t len;        /* bytes of start */
    size_t split;      /* byte offset of the pair's second letter */
    bool whole;        /* whole word only */
};

extern const struct translit_exception translit_exceptions[];
extern const size_t translit_exception_count;

#endif
