/* Transliteration internals: the generated digraph exception and word tables. */
#ifndef TUMAC_TRANSLIT_INT_H
#define TUMAC_TRANSLIT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tumac/error.h>

struct translit_exception {
    const char *start; /* lower-case word start, UTF-8, without the '|' */
    size_t len;        /* bytes of start */
    size_t split;      /* byte offset of the pair's second letter */
    bool whole;        /* whole word only */
};

extern const struct translit_exception translit_exceptions[];
extern const size_t translit_exception_count;

/* A word table of english-words.c (make gen), sorted by strcmp: the words
 * one after another, each ended by '\0', in rows of WORD_ROW bytes (one
 * string literal each, a word never across two); at[i] is word i's place,
 * row * WORD_ROW + byte in the row (english-words.py's WORD_ROW is this). */
#define WORD_ROW 4096
struct word_table {
    const char (*rows)[WORD_ROW];
    const uint32_t *at;
    size_t count;
};

/* The tables: English words Serbian does not accept, English words it does
 * accept, foreign acronyms kept in Latin, domestic ones converted, the short
 * foreign function words (lower case) that join a foreign span, those of them
 * that are not English (le, der, il: a mark of a French, German or Italian
 * span) and the Serbian words some of them also are (je, ne, pas). */
extern const struct word_table english_words, english_shared, acronyms_keep, acronyms_convert,
    foreign_function_words, eu_function_words, serbian_homographs;
/* A Bloom filter over every word of the tables above (english-words.py):
 * bits fnv1a(w) % 2^19 and (fnv1a(w) >> 13) % 2^19; a word with either bit
 * clear is on no table. */
#define WORD_TABLES_BLOOM_BITS (1u << 19)
extern const uint64_t word_tables_bloom[WORD_TABLES_BLOOM_BITS / 64];

/* Latin -> Cyrillic: the foreign spans of a text (translit-judge.c). */
enum translit_acronyms {
    TRANSLIT_ACR_AUTO,    /* the lists of translit-words.txt, then convert */
    TRANSLIT_ACR_CONVERT, /* every acronym to Cyrillic */
    TRANSLIT_ACR_KEEP,    /* every word in capitals stays Latin */
};

struct translit_span {
    size_t start, end; /* bytes of the text, from a word start to a word end */
};

/* Is c a letter, digit, mark or '_' (a word's code point)? */
bool translit_is_word_cp(uint32_t c);

/* The byte ranges of s[0..len) that stay Latin, sorted by start (they may
 * overlap); *spans is tu_malloc'ed (NULL when none). TU_ENOMEM only. */
enum tu_status translit_foreign_spans(const char *s, size_t len,
                                      enum translit_acronyms mode,
                                      struct translit_span **spans, size_t *nspans);

#endif
