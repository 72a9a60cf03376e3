/*
 * BCP 47 tags through ICU's uloc: canonical form, likely script, and a check
 * that the language is one ICU has data for (so "xx" or "srr" is refused).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <unicode/uloc.h>

#include <tumac/locale.h>

static bool language_known(const char *lang)
{
    const char *const *langs = uloc_getISOLanguages();

    for (size_t i = 0; langs[i] != NULL; i++) {
        if (strcmp(langs[i], lang) == 0) {
            return true;
        }
    }
    return false;
}

enum tu_status tu_locale_parse(const char *tag, struct tu_locale *out,
                               struct tu_error *err)
{
    char locid[ULOC_FULLNAME_CAPACITY];
    char input[64];
    char bcp[64];
    UErrorCode st = U_ZERO_ERROR;
    int32_t parsed = 0;
    size_t n;

    memset(out, 0, sizeof(*out));
    if (tag == NULL || tag[0] == '\0') {
        return tu_error_set(err, TU_EINVAL, "empty language tag");
    }
    n = strlen(tag);
    if (n >= sizeof(input)) {
        return tu_error_set(err, TU_EINVAL, "language tag '%.40s...' is too long",
                            tag);
    }
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = (unsigned char)tag[i];
        if (c != '\0' && !isalnum(c) && c != '-' && c != '_') {
            return tu_error_set(err, TU_EINVAL,
                                "'%s' is not a language tag (BCP 47 expected, "
                                "such as sr-Latn)",
                                tag);
        }
        input[i] = c == '_' ? '-' : (char)c;
    }
    uloc_forLanguageTag(input, locid, sizeof(locid), &parsed, &st);
    if (U_FAILURE(st) || parsed != (int32_t)n) {
        return tu_error_set(err, TU_EINVAL,
                            "'%s' is not a well-formed language tag (BCP 47 "
                            "expected, such as sr-Latn)",
                            tag);
    }
    uloc_getLanguage(locid, out->language, sizeof(out->language), &st);
    uloc_getScript(locid, out->script, sizeof(out->script), &st);
    uloc_getCountry(locid, out->region, sizeof(out->region), &st);
    if (U_FAILURE(st) || out->language[0] == '\0' ||
        !language_known(out->language)) {
        char lang[16];
        snprintf(lang, sizeof(lang), "%s", out->language);
        memset(out, 0, sizeof(*out));
        return tu_error_set(err, TU_EINVAL, "unknown language '%s' in tag '%s'",
                            lang, tag);
    }
    /* A bare "sr" is Serbian Cyrillic (CLDR's default script for sr). */
    if (strcmp(out->language, "sr") == 0 && out->script[0] == '\0') {
        snprintf(out->script, sizeof(out->script), "Cyrl");
    }
    uloc_toLanguageTag(locid, bcp, sizeof(bcp), false, &st);
    if (U_FAILURE(st)) {
        memset(out, 0, sizeof(*out));
        return tu_error_set(err, TU_EINVAL, "cannot canonicalize tag '%s'", tag);
    }
    /* Rebuild from the parts so that sr gets its script: language-Script-REGION. */
    snprintf(out->tag, sizeof(out->tag), "%s%s%s%s%s", out->language,
             out->script[0] ? "-" : "", out->script, out->region[0] ? "-" : "",
             out->region);
    {
        /* Likely script, so callers know sr-RS text is Cyrillic, bs is Latin. */
        char max[ULOC_FULLNAME_CAPACITY];
        UErrorCode st2 = U_ZERO_ERROR;
        uloc_addLikelySubtags(locid, max, sizeof(max), &st2);
        if (out->script[0] != '\0') {
            snprintf(out->likely_script, sizeof(out->likely_script), "%s",
                     out->script);
        } else if (U_SUCCESS(st2)) {
            uloc_getScript(max, out->likely_script, sizeof(out->likely_script),
                           &st2);
        }
        if (U_FAILURE(st2) || out->likely_script[0] == '\0') {
            snprintf(out->likely_script, sizeof(out->likely_script), "Latn");
        }
    }
    return TU_OK;
}

const char *tu_locale_script(const struct tu_locale *loc)
{
    return loc->likely_script[0] ? loc->likely_script : "Latn";
}

bool tu_locale_is_biscriptal(const struct tu_locale *loc)
{
    return strcmp(loc->language, "sr") == 0 ||
           strcmp(loc->language, "bs") == 0 ||
           strcmp(loc->language, "sh") == 0 ||
           strcmp(loc->language, "cnr") == 0;
}
