/*
 * The variant check: words of another standard in the target. Croatian,
 * Bosnian and Serbian share most words; where they differ the office's
 * readers notice at once ("tjedan" in a Bosnian release, "nedelja" in a
 * Croatian one). The list is the project's, kept in
 * src/check/data/variant-words.txt with the source of each entry and
 * generated into variant-words.c (`make gen`): each form, the standards it
 * does not belong to, and the word those use. Serbian is ekavian here (the
 * office's Serbian releases are), Bosnian and Croatian ijekavian. A form
 * ending in '*' is a stem: it matches a word that starts with it and has
 * at most five more bytes (the case endings: "tjedn*" -> tjedna, tjednu,
 * tjednima). Words are compared by their TM matching key, so Cyrillic
 * targets match the Latin forms ("вријеме"). README "variant" documents
 * the list.
 */
#include <string.h>

#include "check-int.h"

static unsigned standard_of(const char *tag)
{
    return check_lang_is(tag, "hr") ? VARIANT_HR : check_lang_is(tag, "bs") ? VARIANT_BS
           : check_lang_is(tag, "sr") ? VARIANT_SR : 0;
}

/* The word w[0, n) is `form` or, for a stem, starts with it. */
static bool matches(const char *form, const char *w, size_t n)
{
    size_t f = strlen(form);
    if (form[f - 1] == '*') {
        return n >= f - 1 && n <= f - 1 + 5 && memcmp(w, form, f - 1) == 0;
    }
    return n == f && memcmp(w, form, f) == 0;
}

void check_variant(struct run *r)
{
    unsigned std = standard_of(r->trg_lang);
    struct tu_buf key, found;
    size_t count = 0;

    if (std == 0) {
        return;
    }
    tu_buf_init(&key, TU_BUF_NO_LIMIT);
    tu_buf_init(&found, TU_BUF_NO_LIMIT);
    if (check_words_key(r->trg_prot.data, r->trg_prot.len, &key, r->err) != TU_OK) {
        r->st = r->err->code;
        goto out;
    }
    for (size_t i = 1; i < key.len;) {
        size_t e = i;
        while (e < key.len && key.data[e] != ' ') {
            e++;
        }
        for (size_t v = 0; v < check_variant_count; v++) {
            const struct check_variant *x = &check_variants[v];
            if ((x->wrong_in & std) && matches(x->form, key.data + i, e - i)) {
                tu_buf_printf(&found, "%s'%.*s' (%s)", count ? ", " : "", (int)(e - i),
                              key.data + i, x->use);
                count++;
                break;
            }
        }
        i = e + 1;
    }
    if (count) {
        check_report(r, TU_CHECK_VARIANT, "word%s of another standard in a %s target: %s",
                     count > 1 ? "s" : "", r->trg_lang, found.data);
    }
out:
    tu_buf_release(&key);
    tu_buf_release(&found);
}
