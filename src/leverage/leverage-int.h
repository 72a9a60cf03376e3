/* Shared inside src/leverage: inline codes placed by rule (codes.c). */
#ifndef TUMAC_LEVERAGE_INT_H
#define TUMAC_LEVERAGE_INT_H

#include <tumac/leverage.h>

/* Same text once codes are dropped and whitespace collapsed. */
bool tu_lev_same_text(const struct tu_content *a, const struct tu_content *b);

/*
 * The plain text of `target` with the codes of `seg_src` placed by the
 * rules of codes.c, appended to the empty `out`; *placed is the number of
 * codes placed (a pair counts once). *ok is false (and `out` to be
 * cleared) when a code cannot be placed.
 */
enum tu_status tu_lev_place_codes(const struct tu_lev_values *v,
                                  const struct tu_content *seg_src,
                                  const struct tu_content *target,
                                  struct tu_content *out, size_t *placed,
                                  bool *ok);

#endif
