/*
 * Sentence segmentation and word counts (src/text/segment*.c, srx.c, count.c).
 * Built-in rules for bs, hr, sr (both scripts) and en are SRX-style ordered
 * break/no-break rules on top of ICU's sentence boundaries; an SRX 2.0 file
 * can replace them. Text is UTF-8 with byte offsets; U+FFFC stands for an
 * inline code.
 */
#ifndef TUMAC_SEGMENT_H
#define TUMAC_SEGMENT_H

#include <stddef.h>

#include "buf.h"
#include "error.h"

struct tu_segmenter; /* opaque; one per thread */

/*
 * Make a segmenter for `lang` (BCP 47, checked with tu_locale_parse). With
 * `srx_path` NULL the built-in rules are used; otherwise the SRX 2.0 file is
 * read (its language maps pick the rules for `lang`) and a bad file fails
 * with TU_EPARSE and the file/line/column. *out is NULL on failure.
 */
enum tu_status tu_segmenter_new(const char *lang, const char *srx_path,
                                struct tu_segmenter **out,
                                struct tu_error *err);

/* Free a segmenter; NULL is fine. */
void tu_segmenter_free(struct tu_segmenter *s);

/*
 * Sentence breaks in UTF-8 `text`: *breaks gets the ascending byte offsets
 * where a new sentence starts (never 0 or len); *count their number; the
 * caller tu_free()s *breaks (NULL when *count is 0). Whitespace after a
 * sentence belongs to the sentence before it. U+FFFC stands for an inline
 * code: it is neutral for the rules, and a break never falls between U+FFFC
 * and the character after it unless whitespace is between (an opening code
 * goes with the sentence it opens). Invalid UTF-8 is TU_EENCODING with the
 * line and column of the bad byte.
 */
enum tu_status tu_segmenter_split(struct tu_segmenter *s, const char *text,
                                  size_t len, size_t **breaks, size_t *count,
                                  struct tu_error *err);

/*
 * Append the built-in rules of every language as one SRX 2.0 document
 * (language rules "tumac-bs", "tumac-hr", "tumac-sr", "tumac-en",
 * "tumac-default" and their language maps). Loading it with --srx gives the
 * built-in segments back.
 */
enum tu_status tu_segment_dump_srx(struct tu_buf *out, struct tu_error *err);

struct tu_counts {
    size_t words, chars, chars_no_spaces, segments;
};

/*
 * Word/char counts of plain text by the documented rules (README, "Counting"):
 * words by ICU word boundaries; a number, a hyphenated compound, a URL or an
 * e-mail address is one word; placeholders ({0}, %s, %1$s, {{name}}, ${x})
 * and U+FFFC (an inline code) are 0 words. chars are user-perceived
 * characters (grapheme clusters) without U+FFFC and line breaks;
 * chars_no_spaces leaves out all whitespace.
 * segments: each non-empty line is a paragraph, split by the
 * built-in rules of `lang`. `out` is set only on success.
 */
enum tu_status tu_count_text(const char *lang, const char *text, size_t len,
                             struct tu_counts *out, struct tu_error *err);

/*
 * tu_count_text with a segmenter the caller keeps (for many small texts, e.g.
 * the segments of an XLIFF file); `lang` picks the word-break rules. With `s`
 * NULL, segments are not counted (0): words and characters only, without
 * running the sentence rules.
 */
enum tu_status tu_segmenter_count(struct tu_segmenter *s, const char *lang,
                                  const char *text, size_t len,
                                  struct tu_counts *out, struct tu_error *err);

#endif
