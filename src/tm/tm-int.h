/* Internals shared by the TM sources. */
#ifndef TUMAC_TM_INT_H
#define TUMAC_TM_INT_H

#include <sqlite3.h>

#include "tumac/text.h"
#include "tumac/tm.h"

enum { TM_ST_INSERT, TM_ST_HASGRAM, TM_ST_GRAM, TM_ST_FTS, TM_ST_EXACT,
       TM_ST_COUNT };
#define TM_TRANSLIT_MAX 4

struct tu_tm {
    sqlite3 *db;
    char *path;
    bool readonly;
    sqlite3_stmt *stmt[TM_ST_COUNT];
    struct { char tag[64]; struct tu_translit *t; } tr[TM_TRANSLIT_MAX];
};

const char *tu_tm_schema_sql(void);
size_t tu_tm_codepoints(const char *s, size_t len, uint32_t **out);
size_t tu_tm_grams(const uint32_t *cp, size_t n, int64_t **out);
uint64_t tu_tm_hash(const char *s, size_t len);
size_t tu_tm_edit_distance(const uint32_t *a, size_t n, const uint32_t *b,
                           size_t m, size_t limit);
enum tu_status tu_tm_fuzzy_plan(struct tu_tm *tm, struct tu_buf *out,
                                struct tu_error *err);
void tu_tm_xml_escape(struct tu_buf *b, const char *s);

#endif
