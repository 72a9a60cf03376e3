/*
 * tumač's TM as a leverage candidate source: opens the TM by the default
 * path rules and answers tu_lev_lookup_fn queries with its scored matches.
 */
#include <string.h>

#include "tumac/alloc.h"
#include "tumac/leverage.h"

struct tu_lev_tm {
    char *path; /* NULL: no TM */
};

enum tu_status tu_lev_tm_open(const char *path, struct tu_lev_tm **out,
                              struct tu_error *err)
{
    struct tu_lev_tm *tm;

    *out = NULL;
    if (path == NULL || strcmp(path, "none") != 0) {
        return tu_error_at(err, TU_EUNSUPPORTED, path, 0, 0,
                           "the translation memory module is not built in "
                           "yet; use --tm none");
    }
    tm = tu_calloc(1, sizeof *tm);
    if (tm == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    *out = tm;
    return TU_OK;
}

void tu_lev_tm_close(struct tu_lev_tm *tm)
{
    if (tm) {
        tu_free(tm->path);
        tu_free(tm);
    }
}

const char *tu_lev_tm_name(const struct tu_lev_tm *tm)
{
    return tm ? tm->path : NULL;
}

tu_lev_lookup_fn tu_lev_tm_lookup_fn(const struct tu_lev_tm *tm)
{
    (void)tm;
    return NULL;
}
