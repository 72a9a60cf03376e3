/*
 * BCP 47 language tags, parsed and canonicalized with ICU. tumač works with
 * en, bs, bs-Cyrl, hr, sr-Latn, sr-Cyrl (a bare "sr" means sr-Cyrl, as in
 * CLDR) and any other tag ICU knows; unknown languages are refused.
 */
#ifndef TUMAC_LOCALE_H
#define TUMAC_LOCALE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

struct tu_locale {
    char tag[64];      /* canonical BCP 47: "sr-Latn", "hr", "en-US" */
    char language[16]; /* "sr" */
    char script[8];    /* "Latn", "Cyrl", or "" when the tag has none */
    char region[8];    /* "RS" or "" */
    char likely_script[8]; /* script or the language's likely one: "Cyrl" for sr */
};

/*
 * Parse `tag` (case-insensitive, "_" accepted for "-"). Fills `out` with the
 * canonical form. Refuses ill-formed tags and languages ICU does not know
 * with TU_EINVAL and a message naming the tag.
 */
enum tu_status tu_locale_parse(const char *tag, struct tu_locale *out,
                               struct tu_error *err);

/*
 * The script a text in this locale is written in: the explicit script, or
 * the likely script of the language (sr -> Cyrl, bs -> Latn, en -> Latn).
 */
const char *tu_locale_script(const struct tu_locale *loc);

/* True for the languages written in both Cyrillic and Latin (sr, bs, and sh/cnr). */
bool tu_locale_is_biscriptal(const struct tu_locale *loc);

#endif
