/*
 * The text layer (ICU underneath): Serbian/Bosnian transliteration between
 * Cyrillic and Latin, NFC, the TM matching key, and decoding of legacy
 * encodings. Everything takes and gives UTF-8 (pointer + byte length).
 */
#ifndef TUMAC_TEXT_H
#define TUMAC_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"

/* Transliteration. to_tag: "sr-Cyrl", "sr-Latn", "bs-Cyrl", "bs-Latn". */
struct tu_translit; /* opaque; thread-compatible: one per thread */

struct tu_translit_opts { /* all-zero = defaults */
    const char *keep_path;     /* --keep FILE (one term a line), or NULL */
    const char *terms_path;    /* --terms FILE ("term<TAB>rendering"), or NULL */
    bool acronyms_keep;        /* --acronyms keep: every word in capitals stays Latin */
    bool acronyms_convert;     /* --acronyms convert: every one to Cyrillic */
                               /* neither: auto, the project's acronym lists */
    bool no_foreign_detection; /* --no-foreign: no foreign-span judgement */
};

/*
 * Make a transliterator to the script of `to_tag` (canonicalized with
 * tu_locale_parse; only sr and bs in Cyrl or Latn are accepted). Reads the
 * keep and terms files now. *out is freed with tu_translit_free.
 */
enum tu_status tu_translit_new(const char *to_tag,
                               const struct tu_translit_opts *opts,
                               struct tu_translit **out, struct tu_error *err);
void tu_translit_free(struct tu_translit *t);

/* The canonical target tag ("sr-Cyrl"); borrowed from `t`. */
const char *tu_translit_target(const struct tu_translit *t);

/*
 * Transliterate plain text (no markup), appending to out. Markup-looking
 * spans, URLs, placeholders and the other protected spans stay as written.
 * Invalid UTF-8 is TU_EENCODING with the line/column in `text`.
 */
enum tu_status tu_translit_apply(struct tu_translit *t, const char *text,
                                 size_t len, struct tu_buf *out,
                                 struct tu_error *err);

/* A whole XLIFF document, matches included: tu_doc_translit (xliff.h). */

/*
 * The TM matching key: NFC, case folded, whitespace and quote variants
 * folded, Serbian/Bosnian Cyrillic folded to Latin ("Нови мост" ==
 * "Novi most"). Appends to out.
 */
enum tu_status tu_text_match_key(const char *text, size_t len,
                                 struct tu_buf *out, struct tu_error *err);

/*
 * What differs between `query` and `other` (say a TM unit's source), word by
 * word, for people: "students -> pupils; + today; - online" (`other`'s words
 * -> the query's; "+" only in the query, "-" only in `other`), at most
 * `max_changes` changes and then "; and N more". Appends nothing when the
 * words are the same (spacing aside).
 */
enum tu_status tu_text_word_diff(const char *query, size_t qlen,
                                 const char *other, size_t olen,
                                 size_t max_changes, struct tu_buf *out,
                                 struct tu_error *err);

/*
 * Decode bytes in `encoding` ("auto": tu_text_detect's verdict, "UTF-8",
 * "windows-1250", ...) to UTF-8 (NFC not applied; a leading BOM is dropped). Invalid UTF-8 is
 * TU_EENCODING with line/column and byte offset of the bad byte; an unknown
 * encoding name is TU_EINVAL. `path` is for messages (may be NULL).
 * *detected (if `detected` is not NULL) gets the static name of the
 * encoding used ("UTF-8", "windows-1250").
 */
enum tu_status tu_text_decode(const char *path, const char *bytes, size_t len,
                              const char *encoding, struct tu_buf *out,
                              const char **detected, struct tu_error *err);

/*
 * Exact conversions for the filters, where extract -> merge must give the
 * input back byte for byte: nothing is dropped (a BOM stays U+FEFF) and
 * nothing is replaced.
 *
 * tu_text_detect: the encoding of a document: a UTF-16 BOM, else UTF-8 when
 * the bytes are valid UTF-8, else a legacy page of our languages
 * (windows-1250, ISO-8859-2, windows-1251; ISO-8859-5 on ICU's word),
 * decided by the letters that differ between them. *name is static.
 * TU_EENCODING, located, for a NUL byte (not a text file) or for bytes that
 * are neither UTF-8 nor plausible legacy text.
 */
enum tu_status tu_text_detect(const char *path, const char *bytes, size_t len,
                              const char **name, struct tu_error *err);
/* Which UTF-16 a byte order mark at the start of `bytes` says ("UTF-16LE"
 * or "UTF-16BE", static), NULL without one: what "UTF-16" resolves to. */
const char *tu_text_utf16_by_bom(const char *bytes, size_t len);
/* The canonical name of an encoding ICU knows ("cp1250" -> "windows-1250"),
 * static; NULL if unknown. */
const char *tu_text_encoding_name(const char *name);
/* Decode `bytes` in `encoding` to UTF-8 (appended); TU_EENCODING located
 * at the first byte that is not valid there. */
enum tu_status tu_text_to_utf8(const char *path, const char *bytes, size_t len,
                               const char *encoding, struct tu_buf *out,
                               struct tu_error *err);
/* Encode UTF-8 `text` in `encoding` (appended). A character the encoding
 * lacks is TU_EENCODING with its line and column in `text`, and *bad_off
 * (if not NULL) gets its byte offset. */
enum tu_status tu_text_from_utf8(const char *path, const char *text, size_t len,
                                 const char *encoding, struct tu_buf *out,
                                 size_t *bad_off, struct tu_error *err);

/* The script of a character by ICU's Script property; Common and
 * Inherited ones (digits, punctuation, combining marks) have none. */
enum tu_script { TU_SCRIPT_NONE, TU_SCRIPT_LATIN, TU_SCRIPT_CYRILLIC, TU_SCRIPT_OTHER };

/* The character at s[*i] (UTF-8; *i moves past it): whether it belongs to a
 * word (a letter or a combining mark) and its script. An invalid byte is
 * one character of no word and no script. */
void tu_text_char_script(const char *s, size_t len, size_t *i, bool *word,
                         enum tu_script *script);

/* NFC normalization (appends to out). */
enum tu_status tu_text_nfc(const char *text, size_t len, struct tu_buf *out,
                           struct tu_error *err);

/*
 * Offset of the first invalid UTF-8 byte in `text`, or `len` when it is all
 * valid.
 */
size_t tu_text_utf8_check(const char *text, size_t len);

struct tu_normalize_opts {
    const char *lang;  /* for --quotes; NULL: no quote change */
    bool quotes;       /* restyle straight/other quotes for `lang` */
};

/*
 * Clean UTF-8 text: NFC; drop BOM, zero-width characters and soft hyphens;
 * split U+01C4..U+01CC into two letters; fold runs of spaces (not inside
 * markup); optionally restyle quotes. Appends to out.
 */
enum tu_status tu_text_normalize(const char *text, size_t len,
                                 const struct tu_normalize_opts *opts,
                                 struct tu_buf *out, struct tu_error *err);

#endif
