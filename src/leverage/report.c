/*
 * The analysis: band counts per file and in total, and its four renderings
 * (text table, CSV, JSON, a self-contained HTML page for clients). Every
 * renderer appends to a tu_buf and checks the buffer's sticky status once.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <tumac/alloc.h>
#include <tumac/escape.h>
#include <tumac/leverage.h>
#include <tumac/version.h>

static const char *const band_names[TU_BAND_ROWS] = {
    "Context (101%)", "Repetitions", "Cross-file repetitions",
    "100%",           "95-99%",      "85-94%",
    "75-84%",         "50-74%",      "No match",
    "Translated (to review)", "Approved",
};

static const char *const band_keys[TU_BAND_ROWS] = {
    "context", "repetitions", "cross_file", "exact",   "95_99",
    "85_94",   "75_84",       "50_74",      "no_match", "translated",
    "approved",
};

const char *tu_band_name(enum tu_band b)
{
    return (unsigned)b < TU_BAND_ROWS ? band_names[b] : "?";
}

const char *tu_band_key(enum tu_band b)
{
    return (unsigned)b < TU_BAND_ROWS ? band_keys[b] : "?";
}

enum tu_band tu_band_of_score(double score)
{
    if (score >= 101) {
        return TU_BAND_CONTEXT;
    }
    if (score >= 100) {
        return TU_BAND_EXACT;
    }
    if (score >= 95) {
        return TU_BAND_95;
    }
    if (score >= 85) {
        return TU_BAND_85;
    }
    if (score >= 75) {
        return TU_BAND_75;
    }
    if (score >= 50) {
        return TU_BAND_50;
    }
    return TU_BAND_NEW;
}

static size_t sum(const size_t *v)
{
    size_t n = 0;
    for (int b = 0; b < TU_BAND_ROWS; b++) {
        n += v[b];
    }
    return n;
}

size_t tu_band_counts_segments(const struct tu_band_counts *c)
{
    return sum(c->segments);
}

size_t tu_band_counts_words(const struct tu_band_counts *c)
{
    return sum(c->words);
}

size_t tu_band_counts_chars(const struct tu_band_counts *c)
{
    return sum(c->chars);
}

void tu_band_counts_add(struct tu_band_counts *dst,
                        const struct tu_band_counts *src)
{
    for (int b = 0; b < TU_BAND_ROWS; b++) {
        dst->segments[b] += src->segments[b];
        dst->words[b] += src->words[b];
        dst->chars[b] += src->chars[b];
    }
    dst->filled += src->filled;
}

void tu_analysis_init(struct tu_analysis *an)
{
    memset(an, 0, sizeof *an);
}

void tu_analysis_release(struct tu_analysis *an)
{
    for (size_t i = 0; i < an->count; i++) {
        tu_free(an->files[i].name);
    }
    tu_free(an->files);
    tu_free(an->tm_name);
    tu_free(an->src_lang);
    tu_free(an->trg_lang);
    tu_free(an->title);
    tu_analysis_init(an);
}

static enum tu_status set_str(char **field, const char *value,
                              struct tu_error *err)
{
    char *copy;

    if (value == NULL) {
        return TU_OK;
    }
    copy = tu_strdup(value);
    if (copy == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    tu_free(*field);
    *field = copy;
    return TU_OK;
}

enum tu_status tu_analysis_set_info(struct tu_analysis *an, const char *tm_name,
                                    const char *src_lang, const char *trg_lang,
                                    const char *title, struct tu_error *err)
{
    if (set_str(&an->tm_name, tm_name, err) ||
        set_str(&an->src_lang, src_lang, err) ||
        set_str(&an->trg_lang, trg_lang, err) ||
        set_str(&an->title, title, err)) {
        return err->code;
    }
    return TU_OK;
}

enum tu_status tu_analysis_add_file(struct tu_analysis *an, const char *name,
                                    const struct tu_band_counts *counts,
                                    struct tu_error *err)
{
    struct tu_analysis_file *files;
    char *copy = tu_strdup(name ? name : "");

    files = copy ? tu_grow(an->files, sizeof *an->files, an->count + 1,
                           &an->cap)
                 : NULL;
    if (files == NULL) {
        tu_free(copy);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    an->files = files;
    files[an->count].name = copy;
    files[an->count].counts = *counts;
    an->count++;
    tu_band_counts_add(&an->total, counts);
    return TU_OK;
}

static enum tu_status done(struct tu_buf *out, struct tu_error *err)
{
    if (out->status != TU_OK) {
        return tu_error_set(err, out->status, "cannot build the report: %s",
                            tu_status_str(out->status));
    }
    return TU_OK;
}

static void date_string(const struct tu_analysis *an, char *s, size_t n)
{
    time_t t = an->date ? (time_t)an->date : time(NULL);
    struct tm tmv;

    gmtime_r(&t, &tmv);
    strftime(s, n, "%Y-%m-%d %H:%M UTC", &tmv);
}

static double pct(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

/* ---- text ---- */

static void text_row(struct tu_buf *out, const char *label,
                     const struct tu_band_counts *c, int b)
{
    size_t words = b < 0 ? tu_band_counts_words(c) : c->words[b];
    size_t segs = b < 0 ? tu_band_counts_segments(c) : c->segments[b];
    size_t chars = b < 0 ? tu_band_counts_chars(c) : c->chars[b];

    tu_buf_printf(out, "  %-24s %9zu %9zu %11zu %7.1f%%\n", label, segs, words,
                  chars, pct(words, tu_band_counts_words(c)));
}

static void text_table(struct tu_buf *out, const char *name,
                       const struct tu_band_counts *c)
{
    tu_buf_printf(out, "%s\n", name);
    tu_buf_printf(out, "  %-24s %9s %9s %11s %8s\n", "band", "segments",
                  "words", "characters", "words");
    for (int b = 0; b < TU_BAND_ROWS; b++) {
        text_row(out, tu_band_name((enum tu_band)b), c, b);
    }
    text_row(out, "Total", c, -1);
}

enum tu_status tu_analysis_write_text(const struct tu_analysis *an,
                                      struct tu_buf *out, struct tu_error *err)
{
    char date[64];

    date_string(an, date, sizeof date);
    tu_buf_printf(out, "%s: %s -> %s, TM %s, %s\n\n",
                  an->title ? an->title : "Analysis",
                  an->src_lang ? an->src_lang : "?",
                  an->trg_lang ? an->trg_lang : "?",
                  an->tm_name ? an->tm_name : "none", date);
    for (size_t i = 0; i < an->count; i++) {
        text_table(out, an->files[i].name, &an->files[i].counts);
        tu_buf_addc(out, '\n');
    }
    if (an->count != 1) {
        text_table(out, "All files", &an->total);
    }
    return done(out, err);
}

/* ---- CSV (RFC 4180) ---- */

static void csv_field(struct tu_buf *out, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        tu_buf_adds(out, s);
        return;
    }
    tu_buf_addc(out, '"');
    for (; *s; s++) {
        if (*s == '"') {
            tu_buf_addc(out, '"');
        }
        tu_buf_addc(out, *s);
    }
    tu_buf_addc(out, '"');
}

static void csv_row(struct tu_buf *out, const char *name,
                    const struct tu_band_counts *c)
{
    csv_field(out, name);
    for (int b = 0; b < TU_BAND_ROWS; b++) {
        tu_buf_printf(out, ",%zu,%zu,%zu", c->segments[b], c->words[b],
                      c->chars[b]);
    }
    tu_buf_printf(out, ",%zu,%zu,%zu\r\n", tu_band_counts_segments(c),
                  tu_band_counts_words(c), tu_band_counts_chars(c));
}

enum tu_status tu_analysis_write_csv(const struct tu_analysis *an,
                                     struct tu_buf *out, struct tu_error *err)
{
    tu_buf_adds(out, "file");
    for (int b = 0; b < TU_BAND_ROWS; b++) {
        const char *k = tu_band_key((enum tu_band)b);
        tu_buf_printf(out, ",%s_segments,%s_words,%s_chars", k, k, k);
    }
    tu_buf_adds(out, ",total_segments,total_words,total_chars\r\n");
    for (size_t i = 0; i < an->count; i++) {
        csv_row(out, an->files[i].name, &an->files[i].counts);
    }
    csv_row(out, "TOTAL", &an->total);
    return done(out, err);
}

/* ---- JSON ---- */

static void json_band(struct tu_json *parent, const char *key, size_t segments,
                      size_t words, size_t chars)
{
    struct tu_json o;

    tu_json_key(parent, key);
    tu_json_begin(&o, parent->out, '{', ", ");
    tu_json_add_sizes(&o, "segments", segments, "words", words,
                      "characters", chars, (char *)NULL);
    tu_json_end(&o, "}");
}

/* The bands of one file or the total, a member a line below `indent`. */
static void json_counts(struct tu_json *parent, const char *key,
                        const struct tu_band_counts *c, const char *indent)
{
    struct tu_json o;
    char sep[16], close[16];

    snprintf(sep, sizeof sep, ",\n%s  ", indent);
    snprintf(close, sizeof close, "\n%s}", indent);
    tu_json_key(parent, key);
    tu_json_begin(&o, parent->out, '{', sep);
    for (int b = 0; b < TU_BAND_ROWS; b++) {
        json_band(&o, tu_band_key((enum tu_band)b), c->segments[b],
                  c->words[b], c->chars[b]);
    }
    json_band(&o, "total", tu_band_counts_segments(c), tu_band_counts_words(c),
              tu_band_counts_chars(c));
    tu_json_add_size(&o, "filled", c->filled);
    tu_json_end(&o, close);
}

enum tu_status tu_analysis_write_json(const struct tu_analysis *an,
                                      struct tu_buf *out, struct tu_error *err)
{
    struct tu_json top, files;
    char date[64];

    date_string(an, date, sizeof date);
    tu_json_begin(&top, out, '{', ",\n  ");
    tu_json_add_strs(&top, "title", an->title ? an->title : "Analysis",
                     "date", date, "tm", an->tm_name,
                     "source_language", an->src_lang,
                     "target_language", an->trg_lang, (char *)NULL);
    tu_json_key(&top, "files");
    tu_json_begin(&files, out, '[', ",\n    ");
    for (size_t i = 0; i < an->count; i++) {
        struct tu_json file;
        tu_json_key(&files, NULL);
        tu_json_begin(&file, out, '{', ", ");
        tu_json_add_str(&file, "name", an->files[i].name);
        json_counts(&file, "bands", &an->files[i].counts, "    ");
        tu_json_end(&file, "}");
    }
    tu_json_end(&files, an->count ? "\n  ]" : "]");
    json_counts(&top, "total", &an->total, "  ");
    tu_json_end(&top, "\n}\n");
    return done(out, err);
}

/* ---- HTML ---- */

static const char html_css[] =
    "body{font-family:'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2933;"
    "margin:0;background:#f4f6f8}\n"
    "main{max-width:1100px;margin:2rem auto;background:#fff;padding:2rem 2.5rem;"
    "border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.08)}\n"
    "h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.15rem;margin:2rem 0 .6rem}\n"
    ".meta{color:#52606d;margin:0 0 1.5rem}.meta span{margin-right:1.5rem}\n"
    ".summary{display:flex;gap:1rem;flex-wrap:wrap;margin-bottom:1rem}\n"
    ".card{flex:1;min-width:150px;border:1px solid #d9e2ec;border-radius:6px;"
    "padding:.8rem 1rem}.card b{display:block;font-size:1.5rem}"
    ".card small{color:#52606d}\n"
    "table{border-collapse:collapse;width:100%;font-size:.92rem}\n"
    "th,td{padding:.45rem .6rem;border-bottom:1px solid #e4e7eb;text-align:right;"
    "white-space:nowrap}\n"
    "th{background:#334e68;color:#fff;font-weight:600}\n"
    "th:first-child,td:first-child{text-align:left;white-space:normal}\n"
    "tbody tr:nth-child(even){background:#f8fafc}\n"
    "tr.total td{font-weight:700;border-top:2px solid #334e68;background:#eef2f7}\n"
    "td.new{color:#9b1c1c;font-weight:600}td.zero{color:#b0b8c1}\n"
    ".bar{display:flex;height:14px;border-radius:3px;overflow:hidden;margin:.4rem 0 1rem}\n"
    ".legend span{display:inline-block;margin:0 1rem .3rem 0;font-size:.85rem}\n"
    ".legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;"
    "vertical-align:-1px;border-radius:2px}\n"
    "footer{color:#7b8794;font-size:.8rem;margin-top:2rem}\n"
    "@media print{body{background:#fff}main{box-shadow:none;margin:0}}\n";

/* One colour per band, from "done" (green) to "new" (red); grey for what
 * the file already has translated. */
static const char *const band_colours[TU_BAND_ROWS] = {
    "#1b7f4c", "#3a9d6a", "#61b98a", "#2f6fad", "#5a8fc8",
    "#e0a526", "#e57f2c", "#d65a3a", "#b42318", "#9aa5b1", "#616e7c",
};

static void html_bar(struct tu_buf *out, const struct tu_band_counts *c)
{
    size_t total = tu_band_counts_words(c);

    tu_buf_adds(out, "<div class=\"bar\">");
    for (int b = 0; b < TU_BAND_ROWS && total; b++) {
        if (c->words[b]) {
            tu_buf_printf(out,
                          "<div style=\"width:%.2f%%;background:%s\" "
                          "title=\"%s\"></div>",
                          pct(c->words[b], total), band_colours[b],
                          tu_band_name((enum tu_band)b));
        }
    }
    tu_buf_adds(out, "</div>\n<div class=\"legend\">");
    for (int b = 0; b < TU_BAND_ROWS; b++) {
        tu_buf_printf(out, "<span><i style=\"background:%s\"></i>%s</span>",
                      band_colours[b], tu_band_name((enum tu_band)b));
    }
    tu_buf_adds(out, "</div>\n");
}

/* The words table: one row per file, one column per band. */
static void html_words_row(struct tu_buf *out, const char *name,
                           const struct tu_band_counts *c, bool is_total)
{
    tu_buf_adds(out, is_total ? "<tr class=\"total\"><td>" : "<tr><td>");
    tu_html_escape(out, name);
    tu_buf_adds(out, "</td>");
    for (int b = 0; b < TU_BAND_ROWS; b++) {
        tu_buf_adds(out, c->words[b] == 0      ? "<td class=\"zero\">"
                         : b == TU_BAND_NEW ? "<td class=\"new\">"
                                            : "<td>");
        tu_html_num(out, c->words[b]);
        tu_buf_adds(out, "</td>");
    }
    tu_buf_adds(out, "<td>");
    tu_html_num(out, tu_band_counts_words(c));
    tu_buf_adds(out, "</td></tr>\n");
}

static void html_band_head(struct tu_buf *out, const char *first)
{
    tu_buf_printf(out, "<thead><tr><th>%s</th>", first);
    for (int b = 0; b < TU_BAND_ROWS; b++) {
        tu_buf_adds(out, "<th>");
        tu_html_escape(out, tu_band_name((enum tu_band)b));
        tu_buf_adds(out, "</th>");
    }
    tu_buf_adds(out, "<th>Total</th></tr></thead>\n");
}

static void html_card(struct tu_buf *out, size_t n, const char *what)
{
    tu_buf_adds(out, "<div class=\"card\"><b>");
    tu_html_num(out, n);
    tu_buf_printf(out, "</b><small>%s</small></div>\n", what);
}

enum tu_status tu_analysis_write_html(const struct tu_analysis *an,
                                      struct tu_buf *out, struct tu_error *err)
{
    const struct tu_band_counts *t = &an->total;
    const char *title = an->title ? an->title : "Translation analysis";
    size_t words = tu_band_counts_words(t);
    size_t to_translate = 0;
    char date[64];

    for (int b = TU_BAND_95; b <= TU_BAND_NEW; b++) {
        to_translate += t->words[b];
    }
    date_string(an, date, sizeof date);
    tu_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                     "<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width\">\n"
                     "<title>");
    tu_html_escape(out, title);
    tu_buf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n"
                       "<h1>", html_css);
    tu_html_escape(out, title);
    tu_buf_adds(out, "</h1>\n<p class=\"meta\"><span>Languages: <b>");
    tu_html_escape(out, an->src_lang ? an->src_lang : "?");
    tu_buf_adds(out, " &#8594; ");
    tu_html_escape(out, an->trg_lang ? an->trg_lang : "?");
    tu_buf_adds(out, "</b></span><span>Date: <b>");
    tu_html_escape(out, date);
    tu_buf_adds(out, "</b></span><span>Translation memory: <b>");
    tu_html_escape(out, an->tm_name ? an->tm_name : "none");
    tu_buf_adds(out, "</b></span></p>\n<div class=\"summary\">\n");
    html_card(out, an->count, an->count == 1 ? "file" : "files");
    html_card(out, tu_band_counts_segments(t), "segments");
    html_card(out, words, "words in total");
    if (an->has_to_translate) {
        /* the batch's count: the one its other reports show */
        html_card(out, an->to_translate,
                  "words to translate (no approved translation yet)");
    } else {
        html_card(out, to_translate, "words to translate or revise (below 100%)");
    }
    html_card(out, t->words[TU_BAND_NEW], "new words (no match)");
    if (t->words[TU_BAND_TRANSLATED] + t->words[TU_BAND_APPROVED] > 0) {
        html_card(out, t->words[TU_BAND_TRANSLATED] + t->words[TU_BAND_APPROVED],
                  "words already translated in the file");
    }
    tu_buf_adds(out, "</div>\n");
    if (an->derived_from[0] != '\0') {
        tu_buf_adds(out, "<p>Made from <b>");
        tu_html_escape(out, an->derived_from);
        tu_buf_adds(out, "</b> by transliteration: nothing to translate here. "
                         "The bands below are those of ");
        tu_html_escape(out, an->derived_from);
        tu_buf_adds(out, ".</p>\n");
    }
    html_bar(out, t);

    tu_buf_adds(out, "<h2>Words by match band</h2>\n<table>\n");
    html_band_head(out, "File");
    tu_buf_adds(out, "<tbody>\n");
    for (size_t i = 0; i < an->count; i++) {
        html_words_row(out, an->files[i].name, &an->files[i].counts, false);
    }
    html_words_row(out, "Total", t, true);
    tu_buf_adds(out, "</tbody>\n</table>\n");

    tu_buf_adds(out, "<h2>All files: segments, words and characters</h2>\n"
                     "<table>\n<thead><tr><th>Band</th><th>Segments</th>"
                     "<th>Words</th><th>Characters</th><th>Share of words</th>"
                     "</tr></thead>\n<tbody>\n");
    for (int b = 0; b <= TU_BAND_ROWS; b++) {
        bool is_total = b == TU_BAND_ROWS;
        size_t s = is_total ? tu_band_counts_segments(t) : t->segments[b];
        size_t w = is_total ? words : t->words[b];
        size_t c = is_total ? tu_band_counts_chars(t) : t->chars[b];

        tu_buf_adds(out, is_total ? "<tr class=\"total\"><td>" : "<tr><td>");
        tu_html_escape(out, is_total ? "Total" : tu_band_name((enum tu_band)b));
        tu_buf_adds(out, "</td><td>");
        tu_html_num(out, s);
        tu_buf_adds(out, "</td><td>");
        tu_html_num(out, w);
        tu_buf_adds(out, "</td><td>");
        tu_html_num(out, c);
        tu_buf_printf(out, "</td><td>%.1f%%</td></tr>\n", pct(w, words));
    }
    tu_buf_adds(out, "</tbody>\n</table>\n");
    tu_buf_adds(out,
                "<footer>Words and characters are counted in the source text. "
                "Context (101%): the same sentence between the same neighbours "
                "as in the memory. Repetitions: sentences that occur more than "
                "once, translated once. Fuzzy bands give the similarity of the "
                "closest sentence in the translation memory. Translated (to review) "
                "and Approved: the file already holds a translation of the "
                "sentence in that state, not quoted again. Made with tumač "
                TUMAC_VERSION ".</footer>\n</main>\n</body>\n</html>\n");
    return done(out, err);
}
