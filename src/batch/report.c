/*
 * The run report: one item per document x locale with its analysis bands in
 * words, its state and, on failure, why. Rendered as a terminal summary, as
 * JSON (for scripts) and as a standalone HTML page (for the coordinator).
 * Renderers only read the report; totals are computed, never stored.
 */
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include <tumac/alloc.h>
#include <tumac/fileio.h>
#include <tumac/batch.h>
#include <tumac/escape.h>
#include <tumac/version.h>
#include "batch-int.h"

/* Each state's name in the reports and its class in report.html's CSS. */
static const struct {
    const char *name, *css;
} state_words[] = {
    [TU_BATCH_PENDING] = {"not done", "pending"},
    [TU_BATCH_FINISHED] = {"finished", "finished"},
    [TU_BATCH_DRAFT] = {"draft", "draft"},
    [TU_BATCH_NEEDS_TRANSLATION] = {"needs translation", "todo"},
    [TU_BATCH_FAILED] = {"failed", "failed"},
};

const char *tu_batch_state_name(enum tu_batch_state s)
{
    return state_words[(unsigned)s <= TU_BATCH_FAILED ? s : TU_BATCH_PENDING].name;
}

bool batch_set_str(char **slot, const char *s)
{
    char *copy = NULL;

    if (s != NULL && (copy = tu_strdup(s)) == NULL) {
        return false;
    }
    tu_free(*slot);
    *slot = copy;
    return true;
}

struct tu_batch_report *batch_report_new(void)
{
    struct tu_batch_report *r = tu_calloc(1, sizeof(*r));

    if (r != NULL) {
        r->tool_version = tu_strdup("tumac " TUMAC_VERSION);
        if (r->tool_version == NULL) {
            tu_free(r);
            return NULL;
        }
    }
    return r;
}

struct tu_batch_item *batch_report_add(struct tu_batch_report *r,
                                       const char *input, const char *name,
                                       const char *locale,
                                       const char *derived_from)
{
    struct tu_batch_item *grown;
    struct tu_batch_item *it;

    grown = tu_grow(r->items, sizeof(*r->items), r->count + 1, &r->cap);
    if (grown == NULL) {
        return NULL;
    }
    r->items = grown;
    it = &r->items[r->count];
    memset(it, 0, sizeof(*it));
    if (!batch_set_str(&it->input, input) || !batch_set_str(&it->name, name) ||
        !batch_set_str(&it->locale, locale) ||
        !batch_set_str(&it->derived_from, derived_from)) {
        tu_free(it->input);
        tu_free(it->name);
        tu_free(it->locale);
        tu_free(it->derived_from);
        return NULL;
    }
    r->count++;
    return it;
}

void tu_batch_report_free(struct tu_batch_report *r)
{
    if (r == NULL) {
        return;
    }
    for (size_t i = 0; i < r->count; i++) {
        struct tu_batch_item *it = &r->items[i];
        tu_free(it->input);
        tu_free(it->name);
        tu_free(it->locale);
        tu_free(it->derived_from);
        tu_free(it->xliff_path);
        tu_free(it->doc_path);
        tu_free(it->reason);
        tu_free(it->checks);
        tu_free(it->forced);
        tu_free(it->warnings);
    }
    tu_free(r->items);
    for (size_t i = 0; i < r->locale_count; i++) {
        tu_free(r->locales[i]);
    }
    tu_free(r->locales);
    tu_free(r->outdir);
    tu_free(r->tm_path);
    tu_free(r->refs);
    tu_free(r->src_lang);
    tu_free(r->tool_version);
    tu_free(r);
}

static void add_counts(struct tu_batch_counts *sum,
                       const struct tu_batch_counts *c)
{
    sum->segments += c->segments;
    sum->words += c->words;
    sum->segments_approved += c->segments_approved;
    sum->segments_translated += c->segments_translated;
    sum->words_todo += c->words_todo;
    sum->words_derived += c->words_derived;
    tu_band_counts_add(&sum->bands, &c->bands);
}

void tu_batch_report_totals(const struct tu_batch_report *r, const char *locale,
                            struct tu_batch_counts *out)
{
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < r->count; i++) {
        const struct tu_batch_item *it = &r->items[i];
        if (locale == NULL || strcmp(it->locale, locale) == 0) {
            add_counts(out, &it->counts);
        }
    }
}

static bool has_derived(const struct tu_batch_report *r)
{
    for (size_t i = 0; i < r->count; i++) {
        if (r->items[i].derived_from != NULL) {
            return true;
        }
    }
    return false;
}

/* Items per state, over the whole run. */
static void count_states(const struct tu_batch_report *r, size_t n[5])
{
    memset(n, 0, 5 * sizeof(n[0]));
    for (size_t i = 0; i < r->count; i++) {
        unsigned s = (unsigned)r->items[i].state;
        n[s < 5 ? s : 0]++;
    }
}

static void format_time(int64_t t, char *out, size_t len)
{
    time_t tt = (time_t)t;
    struct tm tm;

    if (gmtime_r(&tt, &tm) == NULL ||
        strftime(out, len, "%Y-%m-%d %H:%M UTC", &tm) == 0) {
        snprintf(out, len, "?");
    }
}

/* The words a translator still has to do, as a share of all words. */
static unsigned percent(size_t part, size_t whole)
{
    return whole ? (unsigned)((part * 100 + whole / 2) / whole) : 0;
}

/* The words of the locales that are translated (not transliterated): the
 * whole of the headline's share to translate. */
static size_t translated_words(const struct tu_batch_counts *c)
{
    return c->words - c->words_derived;
}

/* The locale `locale` is made from by transliteration, or NULL. */
static const char *derived_from(const struct tu_batch_report *r,
                                const char *locale)
{
    for (size_t k = 0; k < r->count; k++) {
        if (strcmp(r->items[k].locale, locale) == 0 &&
            r->items[k].derived_from != NULL) {
            return r->items[k].derived_from;
        }
    }
    return NULL;
}

/* ", sr-Cyrl from sr-Latn by transliteration" for each derived locale. */
static void derived_note(struct tu_buf *out, const struct tu_batch_report *r)
{
    for (size_t i = 0; i < r->locale_count; i++) {
        const char *from = derived_from(r, r->locales[i]);
        if (from != NULL) {
            tu_buf_printf(out, "; %s made from %s by transliteration",
                          r->locales[i], from);
        }
    }
}

/* ---- text ---- */

static bool same_failure(const struct tu_batch_item *a,
                         const struct tu_batch_item *b)
{
    return a->state == TU_BATCH_FAILED && b->state == TU_BATCH_FAILED &&
           strcmp(a->input, b->input) == 0 &&
           strcmp(a->reason ? a->reason : "", b->reason ? b->reason : "") == 0;
}

enum tu_status tu_batch_report_failures(const struct tu_batch_report *r,
                                        const char *prefix, struct tu_buf *out,
                                        struct tu_error *err)
{
    for (size_t i = 0; i < r->count; i++) {
        const struct tu_batch_item *it = &r->items[i];
        const char *reason = it->reason ? it->reason : "failed";
        bool seen = false;
        size_t ilen = strlen(it->input);
        if (it->state != TU_BATCH_FAILED) {
            continue;
        }
        for (size_t k = 0; k < i && !seen; k++) {
            seen = same_failure(&r->items[k], it);
        }
        if (seen) {
            continue;
        }
        tu_buf_adds(out, prefix);
        /* Most reasons start with the input's path already. */
        if (strncmp(reason, it->input, ilen) != 0 || reason[ilen] != ':') {
            tu_buf_printf(out, "%s: ", it->input);
        }
        tu_buf_printf(out, "%s (%s", reason, it->locale);
        for (size_t k = i + 1; k < r->count; k++) {
            if (same_failure(&r->items[k], it)) {
                tu_buf_printf(out, ", %s", r->items[k].locale);
            }
        }
        tu_buf_adds(out, ")\n");
    }
    if (out->status != TU_OK) {
        return tu_error_set(err, out->status, "cannot build the report");
    }
    return TU_OK;
}

/* One row of the terminal table: the bands for a batch, the states of the
 * returned targets (segments) for an import. */
static void text_row(struct tu_buf *out, const struct tu_batch_report *r,
                     const struct tu_batch_item *it, int width)
{
    const struct tu_batch_counts *c = &it->counts;
    const size_t *w = c->bands.words;

    tu_buf_printf(out, "%-*s %-8s ", width, it->name, it->locale);
    if (it->state == TU_BATCH_FAILED) {
        tu_buf_printf(out, "%7s %6s %8s %6s %6s %12s  failed\n", "-", "-",
                      "-", "-", "-", "-");
        return;
    }
    if (r->is_import) {
        tu_buf_printf(out, "%7zu %6zu %10zu %8zu ", c->words, c->segments,
                      c->segments_translated, c->segments_approved);
    } else {
        /* As in the HTML: fuzzy is 75-99%, new is below 75%. */
        tu_buf_printf(out, "%7zu %6zu %8zu %6zu %6zu ", c->words,
                      w[TU_BAND_CONTEXT],
                      w[TU_BAND_EXACT] + w[TU_BAND_REPETITION] +
                          w[TU_BAND_CROSS_FILE],
                      w[TU_BAND_95] + w[TU_BAND_85] + w[TU_BAND_75],
                      w[TU_BAND_50] + w[TU_BAND_NEW]);
    }
    tu_buf_printf(out, "%12zu  %s", c->words_todo,
                  tu_batch_state_name(it->state));
    if (it->derived_from != NULL) {
        tu_buf_printf(out, " (from %s)", it->derived_from);
    }
    tu_buf_adds(out, "\n");
}

enum tu_status tu_batch_report_text(const struct tu_batch_report *r,
                                    struct tu_buf *out, struct tu_error *err)
{
    size_t n[5];
    struct tu_batch_counts all;
    int width = 8;

    count_states(r, n);
    tu_batch_report_totals(r, NULL, &all);
    tu_buf_printf(out, "%s of %zu document%s into %zu locale%s (%s -> ",
                  r->is_import ? "import" : "batch", r->documents,
                  r->documents == 1 ? "" : "s", r->locale_count,
                  r->locale_count == 1 ? "" : "s",
                  r->src_lang ? r->src_lang : "?");
    for (size_t i = 0; i < r->locale_count; i++) {
        tu_buf_printf(out, "%s%s", i ? "," : "", r->locales[i]);
    }
    tu_buf_printf(out, ") in %.1f s%s%s\n", r->seconds,
                  r->is_draft ? ", DRAFTS: unfinished documents as "
                                "NAME.draft.EXT with source text in the gaps"
                              : "",
                  r->interrupted ? ", INTERRUPTED" : "");
    for (size_t i = 0; i < r->count; i++) {
        size_t len = strlen(r->items[i].name);
        if (len > (size_t)width) {
            width = len < 60 ? (int)len : 60;
        }
    }
    if (r->is_import) {
        tu_buf_printf(out, "\n%-*s %-8s %7s %6s %10s %8s %12s  %s\n", width,
                      "document", "locale", "words", "segs", "translated",
                      "approved", "to translate", "state");
    } else {
        tu_buf_printf(out, "\n%-*s %-8s %7s %6s %8s %6s %6s %12s  %s\n",
                      width, "document", "locale", "words", "101%",
                      "100%+rep", "fuzzy", "new", "to translate", "state");
    }
    for (size_t i = 0; i < r->count; i++) {
        text_row(out, r, &r->items[i], width);
    }
    tu_buf_printf(out,
                  "\n%zu finished, %zu draft, %zu need translation "
                  "(%zu of %zu words to translate, %u%%",
                  n[TU_BATCH_FINISHED], n[TU_BATCH_DRAFT],
                  n[TU_BATCH_NEEDS_TRANSLATION], all.words_todo,
                  translated_words(&all),
                  percent(all.words_todo, translated_words(&all)));
    derived_note(out, r);
    tu_buf_printf(out, "), %zu failed", n[TU_BATCH_FAILED]);
    if (n[TU_BATCH_PENDING] > 0) {
        tu_buf_printf(out, ", %zu not done", n[TU_BATCH_PENDING]);
    }
    if (r->is_import) {
        tu_buf_printf(out,
                      "; %zu segments stored in the TM; finished means "
                      "every segment %s",
                      r->tm_added,
                      r->finish_translated ? "translated or approved"
                                           : "approved");
    }
    tu_buf_adds(out, "\n");
    tu_batch_report_failures(r, "failed: ", out, err);
    if (out->status != TU_OK) {
        return tu_error_set(err, out->status, "cannot build the report");
    }
    return TU_OK;
}

/* ---- JSON ---- */

static void json_counts(struct tu_json *parent, const char *key,
                        const struct tu_batch_counts *c)
{
    struct tu_json o, bands;

    tu_json_key(parent, key);
    tu_json_begin(&o, parent->out, '{', ", ");
    tu_json_add_sizes(&o, "segments", c->segments, "words", c->words,
                      "segments_approved", c->segments_approved,
                      "segments_translated", c->segments_translated,
                      "words_to_translate", c->words_todo,
                      "words_derived", c->words_derived, (char *)NULL);
    tu_json_key(&o, "bands");
    tu_json_begin(&bands, o.out, '{', ", ");
    for (int i = 0; i < TU_BAND_COUNT; i++) {
        struct tu_json band;
        tu_json_key(&bands, tu_band_key((enum tu_band)i));
        tu_json_begin(&band, o.out, '{', ", ");
        tu_json_add_sizes(&band, "words", c->bands.words[i],
                          "segments", c->bands.segments[i], (char *)NULL);
        tu_json_end(&band, "}");
    }
    tu_json_end(&bands, "}");
    tu_json_end(&o, "}");
}

static void json_item(struct tu_json *items, const struct tu_batch_item *it)
{
    struct tu_json o;

    tu_json_key(items, NULL);
    tu_json_begin(&o, items->out, '{', ", ");
    tu_json_add_strs(&o, "input", it->input, "name", it->name,
                     "locale", it->locale, "derived_from", it->derived_from,
                     "state", tu_batch_state_name(it->state), (char *)NULL);
    tu_json_add_bool(&o, "up_to_date", it->is_up_to_date);
    tu_json_add_strs(&o, "xliff", it->xliff_path, "document", it->doc_path,
                     "reason", it->reason, "checks", it->checks, "forced", it->forced,
                     "warnings", it->warnings, (char *)NULL);
    tu_json_add_bool(&o, "checked", it->is_checked);
    tu_json_key(&o, "seconds");
    tu_buf_printf(o.out, "%.3f", it->seconds);
    json_counts(&o, "counts", &it->counts);
    tu_json_end(&o, "}");
}

/* The run's settings: what was asked, where, when, for which locales. */
static void json_run(struct tu_json *top, const struct tu_batch_report *r)
{
    struct tu_json locales;
    char when[64];

    format_time(r->started, when, sizeof(when));
    tu_json_add_strs(top, "tool", r->tool_version,
                     "mode", r->is_import ? "import" : "batch",
                     "started", when, (char *)NULL);
    tu_json_key(top, "seconds");
    tu_buf_printf(top->out, "%.3f", r->seconds);
    tu_json_add_strs(top, "outdir", r->outdir, "tm", r->tm_path,
                     "references", r->refs, "source", r->src_lang,
                     (char *)NULL);
    tu_json_key(top, "locales");
    tu_json_begin(&locales, top->out, '[', ", ");
    for (size_t i = 0; i < r->locale_count; i++) {
        tu_json_add_str(&locales, NULL, r->locales[i]);
    }
    tu_json_end(&locales, "]");
    tu_json_add_bool(top, "draft", r->is_draft);
    tu_json_add_bool(top, "interrupted", r->interrupted);
    tu_json_add_sizes(top, "documents", r->documents, "tm_added", r->tm_added,
                      "tm_queries", r->tm_queries, (char *)NULL);
}

enum tu_status tu_batch_report_json(const struct tu_batch_report *r,
                                    struct tu_buf *out, struct tu_error *err)
{
    struct tu_batch_counts all;
    struct tu_json top, states, locales, items;
    size_t n[5];

    count_states(r, n);
    tu_json_begin(&top, out, '{', ",\n  ");
    json_run(&top, r);
    tu_json_key(&top, "items_by_state");
    tu_json_begin(&states, out, '{', ", ");
    tu_json_add_sizes(&states, "finished", n[TU_BATCH_FINISHED],
                      "draft", n[TU_BATCH_DRAFT],
                      "needs_translation", n[TU_BATCH_NEEDS_TRANSLATION],
                      "failed", n[TU_BATCH_FAILED],
                      "not_done", n[TU_BATCH_PENDING], (char *)NULL);
    tu_json_end(&states, "}");
    tu_batch_report_totals(r, NULL, &all);
    tu_json_add_str(&top, "finish",
                    r->finish_translated ? "translated" : "reviewed");
    tu_json_add_bool(&top, "tm_created", r->tm_created);
    tu_json_add_size(&top, "percent_to_translate",
                     percent(all.words_todo, translated_words(&all)));
    json_counts(&top, "totals", &all);
    tu_json_key(&top, "by_locale");
    tu_json_begin(&locales, out, '{', ",\n    ");
    for (size_t i = 0; i < r->locale_count; i++) {
        struct tu_batch_counts c;
        tu_batch_report_totals(r, r->locales[i], &c);
        json_counts(&locales, r->locales[i], &c);
    }
    tu_json_end(&locales, "\n  }");
    tu_json_key(&top, "items");
    tu_json_begin(&items, out, '[', ",\n    ");
    for (size_t i = 0; i < r->count; i++) {
        json_item(&items, &r->items[i]);
    }
    tu_json_end(&items, "\n  ]");
    tu_json_end(&top, "\n}\n");
    if (out->status != TU_OK) {
        return tu_error_set(err, out->status, "cannot build the report");
    }
    return TU_OK;
}

/* ---- HTML ---- */

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>%s</title>\n<style>\n"
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,"
    "'DejaVu Sans',sans-serif;color:#1f2933;background:#f5f7fa;margin:0}\n"
    "main{max-width:1120px;margin:0 auto;padding:28px 32px 48px}\n"
    "h1{font-size:24px;margin:0 0 4px}h2{font-size:17px;margin:32px 0 10px}\n"
    ".meta{color:#52606d;margin:0 0 20px}.meta span{margin-right:18px}\n"
    ".cards{display:flex;gap:12px;flex-wrap:wrap}\n"
    ".card{background:#fff;border:1px solid #e4e7eb;border-radius:8px;"
    "padding:12px 16px;min-width:120px;flex:1}\n"
    ".card b{display:block;font-size:24px}.card small{color:#52606d}\n"
    "table{border-collapse:collapse;width:100%%;background:#fff;"
    "border:1px solid #e4e7eb;border-radius:8px;overflow:hidden}\n"
    "th,td{padding:6px 9px;text-align:right;white-space:nowrap;"
    "border-bottom:1px solid #eef0f3}\n"
    "th{background:#edf1f7;font-weight:600;font-size:13px;color:#323f4b}\n"
    "td.l,th.l{text-align:left}tr.sum td{font-weight:600;background:#f8fafc}\n"
    "tr.doc td{border-top:2px solid #d9e2ec}\n"
    "td.num{font-variant-numeric:tabular-nums}td.z{color:#b8c2cc}\n"
    ".st{display:inline-block;padding:1px 8px;border-radius:10px;"
    "font-size:12px;font-weight:600}\n"
    ".finished{background:#e3f9e5;color:#0e5814}"
    ".draft{background:#fff3c4;color:#8d2b0b}"
    ".todo{background:#e6f0ff;color:#1c3d8a}"
    ".failed{background:#ffe3e3;color:#8a041a}"
    ".pending{background:#e4e7eb;color:#3e4c59}\n"
    ".bar{display:flex;height:10px;border-radius:5px;overflow:hidden;"
    "min-width:120px;background:#e4e7eb}\n"
    ".bar i{display:block;height:100%%}\n"
    ".b0{background:#186faf}.b1,.b2{background:#2bb0ed}.b3{background:#3ebd93}"
    ".b4{background:#8ded8e}.b5{background:#f7d070}.b6{background:#f0b429}"
    ".b7{background:#de911d}.b8{background:#e66a6a}\n"
    ".legend span{margin-right:14px;font-size:13px;color:#52606d}"
    ".legend i{display:inline-block;width:10px;height:10px;border-radius:2px;"
    "margin-right:4px}\n"
    ".note{color:#52606d;font-size:13px}.reason{text-align:left;"
    "white-space:normal;color:#8a041a}\n"
    "a{color:#1c3d8a}\n"
    "</style>\n</head>\n<body>\n<main>\n";

static void html_bar(struct tu_buf *b, const struct tu_batch_counts *c)
{
    tu_buf_adds(b, "<div class=\"bar\">");
    for (int i = 0; i < TU_BAND_COUNT; i++) {
        if (c->bands.words[i] > 0 && c->words > 0) {
            tu_buf_printf(b,
                          "<i class=\"b%d\" style=\"width:%.2f%%\" "
                          "title=\"%s: %zu words\"></i>",
                          i,
                          100.0 * (double)c->bands.words[i] / (double)c->words,
                          tu_band_name((enum tu_band)i), c->bands.words[i]);
        }
    }
    tu_buf_adds(b, "</div>");
}

/* Short column heads for the per-locale table (repetitions merged). */
static const char *const html_heads[] = {
    "101%",        "reps",        "100%",        "95&ndash;99",
    "85&ndash;94", "75&ndash;84", "50&ndash;74", "new",
};

static void html_cell(struct tu_buf *b, size_t v, bool strong)
{
    tu_buf_adds(b, v == 0 ? "<td class=\"num z\">" : "<td class=\"num\">");
    if (strong) {
        tu_buf_adds(b, "<b>");
    }
    tu_html_num(b, v);
    tu_buf_adds(b, strong ? "</b></td>" : "</td>");
}

/* words, then the bands (repetitions in and across files together). */
static void html_band_cells(struct tu_buf *b, const struct tu_batch_counts *c)
{
    html_cell(b, c->words, false);
    for (int i = 0; i < TU_BAND_COUNT; i++) {
        size_t v = c->bands.words[i];
        if (i == TU_BAND_CROSS_FILE) {
            continue;
        }
        if (i == TU_BAND_REPETITION) {
            v += c->bands.words[TU_BAND_CROSS_FILE];
        }
        html_cell(b, v, false);
    }
    html_cell(b, c->words_todo, true);
}

/* The per-document summary: matched, fuzzy, new; for an import the
 * segments and how many are translated and approved. */
static void html_short_cells(struct tu_buf *b, const struct tu_batch_report *r,
                             const struct tu_batch_counts *c)
{
    const size_t *w = c->bands.words;

    html_cell(b, c->words, false);
    if (r->is_import) {
        html_cell(b, c->segments, false);
        html_cell(b, c->segments_translated, false);
        html_cell(b, c->segments_approved, false);
        html_cell(b, c->words_todo, true);
        return;
    }
    html_cell(b,
              w[TU_BAND_CONTEXT] + w[TU_BAND_REPETITION] +
                  w[TU_BAND_CROSS_FILE] + w[TU_BAND_EXACT],
              false);
    html_cell(b, w[TU_BAND_95] + w[TU_BAND_85] + w[TU_BAND_75], false);
    html_cell(b, w[TU_BAND_50] + w[TU_BAND_NEW], false);
    html_cell(b, c->words_todo, true);
}

static void html_band_header(struct tu_buf *b)
{
    tu_buf_adds(b, "<tr><th class=\"l\">locale</th><th>words</th>");
    for (size_t i = 0; i < sizeof(html_heads) / sizeof(html_heads[0]); i++) {
        tu_buf_printf(b, "<th>%s</th>", html_heads[i]);
    }
    tu_buf_adds(b, "<th>to translate</th>");
}

static const char *state_class(enum tu_batch_state s)
{
    return state_words[(unsigned)s <= TU_BATCH_FAILED ? s : TU_BATCH_PENDING].css;
}

/* The words per band and locale, with the total row. */
static void html_locales(struct tu_buf *out, const struct tu_batch_report *r,
                         const struct tu_batch_counts *all)
{
    /* Per locale. */
    tu_buf_adds(out, "<h2>Words by match band, per locale</h2>\n<p class=\""
                     "legend\">");
    for (int i = 0; i < TU_BAND_COUNT; i++) {
        if (i == TU_BAND_CROSS_FILE) {
            continue; /* same colour as repetitions */
        }
        tu_buf_printf(out, "<span><i class=\"b%d\"></i>%s%s</span>", i,
                      tu_band_name((enum tu_band)i),
                      i == TU_BAND_REPETITION ? " (in and across files)" : "");
    }
    tu_buf_adds(out, "</p>\n<table>\n");
    html_band_header(out);
    tu_buf_adds(out, "<th class=\"l\">share of words</th></tr>\n");
    for (size_t i = 0; i < r->locale_count; i++) {
        struct tu_batch_counts c;
        const char *from = derived_from(r, r->locales[i]);
        tu_batch_report_totals(r, r->locales[i], &c);
        tu_buf_adds(out, "<tr><td class=\"l\"><b>");
        tu_html_escape(out, r->locales[i]);
        tu_buf_adds(out, "</b> <a class=\"note\" href=\"analysis-");
        tu_html_escape(out, r->locales[i]);
        tu_buf_adds(out, ".html\">analysis</a>");
        if (from) {
            tu_buf_adds(out, " <span class=\"note\">transliterated from ");
            tu_html_escape(out, from);
            tu_buf_adds(out, "</span>");
        }
        tu_buf_adds(out, "</td>");
        html_band_cells(out, &c);
        tu_buf_adds(out, "<td>");
        html_bar(out, &c);
        tu_buf_adds(out, "</td></tr>\n");
    }
    tu_buf_adds(out, "<tr class=\"sum\"><td class=\"l\">total</td>");
    html_band_cells(out, all);
    tu_buf_adds(out, "<td>");
    html_bar(out, all);
    tu_buf_adds(out, "</td></tr>\n</table>\n");

}

/* One row per document and locale: counts, state, files. */
/* Lines of findings, as they are, in a note under the item's state. */
static void html_findings(struct tu_buf *out, const char *lines)
{
    if (lines != NULL) {
        tu_buf_adds(out, "<pre class=\"note\">");
        tu_html_escape(out, lines);
        tu_buf_adds(out, "</pre>");
    }
}

/* What tumac check said of the item: its errors, or that it passed and its
 * warnings, so a finished document shows it was checked. */
static void html_checks(struct tu_buf *out, const struct tu_batch_item *it)
{
    size_t warnings = 0;

    for (const char *p = it->warnings; p != NULL && *p != '\0'; p++) {
        warnings += *p == '\n';
    }
    if (it->is_checked && it->checks == NULL) {
        if (warnings > 0) {
            tu_buf_printf(out, " <span class=\"note\">checks passed, %zu warning%s</span>",
                          warnings, warnings == 1 ? "" : "s");
        } else {
            tu_buf_adds(out, " <span class=\"note\">checks passed</span>");
        }
    }
    html_findings(out, it->checks);
    html_findings(out, it->warnings);
}

static void html_documents(struct tu_buf *out, const struct tu_batch_report *r)
{
    /* Per document and locale. */
    tu_buf_adds(out, "<h2>Documents</h2>\n<table>\n");
    tu_buf_adds(out, "<tr><th class=\"l\">document</th><th class=\"l\">"
                     "locale</th><th>words</th>");
    tu_buf_adds(out, r->is_import
                         ? "<th>segments</th><th>translated</th>"
                           "<th>approved</th>"
                         : "<th title=\"101%, 100% and repetitions\">matched"
                           "</th><th title=\"75-99%\">fuzzy</th>"
                           "<th title=\"below 75%\">new</th>");
    tu_buf_adds(out, "<th>to translate</th><th class=\"l\">state</th>"
                     "<th class=\"l\">files</th></tr>\n");
    for (size_t i = 0; i < r->count; i++) {
        const struct tu_batch_item *it = &r->items[i];
        bool first = i == 0 || strcmp(r->items[i - 1].name, it->name) != 0;
        tu_buf_printf(out, "<tr%s><td class=\"l\">",
                      first ? " class=\"doc\"" : "");
        if (first) {
            tu_buf_adds(out, "<b>");
            tu_html_escape(out, it->name);
            tu_buf_adds(out, "</b>");
        }
        tu_buf_adds(out, "</td><td class=\"l\">");
        tu_html_escape(out, it->locale);
        tu_buf_adds(out, "</td>");
        if (it->state == TU_BATCH_FAILED) {
            tu_buf_adds(out, "<td class=\"reason\" colspan=\"5\">");
            tu_html_escape(out, it->reason ? it->reason : "unknown error");
            tu_buf_adds(out, "</td>");
        } else {
            html_short_cells(out, r, &it->counts);
        }
        tu_buf_printf(out, "<td class=\"l\"><span class=\"st %s\">%s</span>",
                      state_class(it->state), tu_batch_state_name(it->state));
        if (it->is_up_to_date) {
            tu_buf_adds(out, " <span class=\"note\">unchanged</span>");
        }
        if (it->forced != NULL) {
            tu_buf_adds(out, " <span class=\"note\">finished despite check errors: ");
            tu_html_escape(out, it->forced);
            tu_buf_adds(out, "</span>");
        }
        html_checks(out, it);
        tu_buf_adds(out, "</td><td class=\"l\">");
        if (it->xliff_path) {
            tu_buf_adds(out, "<a href=\"");
            tu_html_escape(out, it->xliff_path);
            tu_buf_adds(out, "\">xlf</a>");
        }
        if (it->doc_path) {
            tu_buf_adds(out,
                        it->xliff_path ? " &middot; <a href=\"" : "<a href=\"");
            tu_html_escape(out, it->doc_path);
            tu_buf_adds(out, "\">document</a>");
        }
        tu_buf_adds(out, "</td></tr>\n");
    }
    tu_buf_adds(out, "</table>\n");
}

enum tu_status tu_batch_report_html(const struct tu_batch_report *r,
                                    struct tu_buf *out, struct tu_error *err)
{
    struct tu_batch_counts all;
    char when[64];
    size_t n[5];
    const char *title = r->is_import ? "Import report" : "Localization report";

    count_states(r, n);
    format_time(r->started, when, sizeof(when));
    tu_batch_report_totals(r, NULL, &all);
    tu_buf_printf(out, html_head, title);
    tu_buf_printf(out,
                  "<h1>%s</h1>\n<p class=\"meta\"><span>%s</span>"
                  "<span>source <b>",
                  title, when);
    tu_html_escape(out, r->src_lang);
    tu_buf_adds(out, "</b> into <b>");
    for (size_t i = 0; i < r->locale_count; i++) {
        if (i) {
            tu_buf_adds(out, ", ");
        }
        tu_html_escape(out, r->locales[i]);
    }
    tu_buf_adds(out, "</b></span><span>TM: ");
    tu_html_escape(out, r->tm_path ? r->tm_path : "none");
    if (r->refs != NULL) {
        tu_buf_adds(out, "; references: ");
        tu_html_escape(out, r->refs);
    }
    tu_buf_printf(out, "</span><span>%.1f s</span><span>", r->seconds);
    tu_html_escape(out, r->tool_version);
    tu_buf_adds(out, "</span></p>\n");
    if (r->interrupted) {
        tu_buf_adds(out, "<p><span class=\"st failed\">interrupted</span> "
                         "the run was stopped; run it again to finish the "
                         "items marked not done.</p>\n");
    }

    /* Summary cards. */
    tu_buf_adds(out, "<div class=\"cards\">");
    tu_buf_printf(out,
                  "<div class=\"card\"><b>%zu</b><small>documents x %zu "
                  "locales</small></div>",
                  r->documents, r->locale_count);
    tu_buf_adds(out, "<div class=\"card\"><b>");
    tu_html_num(out, translated_words(&all));
    tu_buf_adds(out, all.words_derived > 0
                         ? "</b><small>source words in the translated "
                           "locales</small></div><div class=\"card\"><b>"
                         : "</b><small>source words</small></div>"
                           "<div class=\"card\"><b>");
    tu_html_num(out, all.words_todo);
    tu_buf_printf(out, "</b><small>to translate (%u%%)</small></div>",
                  percent(all.words_todo, translated_words(&all)));
    tu_buf_printf(out,
                  "<div class=\"card\"><b>%zu</b><small><span class=\"st "
                  "finished\">finished</span></small></div>",
                  n[TU_BATCH_FINISHED]);
    if (r->is_draft || n[TU_BATCH_DRAFT] > 0) {
        tu_buf_printf(out,
                      "<div class=\"card\"><b>%zu</b><small><span class=\"st "
                      "draft\">draft</span> NAME.draft.EXT, source text in "
                      "the gaps</small></div>",
                      n[TU_BATCH_DRAFT]);
    }
    tu_buf_printf(out,
                  "<div class=\"card\"><b>%zu</b><small><span class=\"st "
                  "todo\">needs translation</span></small></div>",
                  n[TU_BATCH_NEEDS_TRANSLATION]);
    tu_buf_printf(out,
                  "<div class=\"card\"><b>%zu</b><small><span class=\"st "
                  "failed\">failed</span></small></div>",
                  n[TU_BATCH_FAILED]);
    if (r->is_import) {
        tu_buf_printf(out,
                      "<div class=\"card\"><b>%zu</b><small>segments "
                      "stored in the TM</small></div>",
                      r->tm_added);
    }
    tu_buf_adds(out, "</div>\n");

    html_locales(out, r, &all);
    html_documents(out, r);
    if (n[TU_BATCH_FAILED] > 0) {
        tu_buf_adds(out, "<h2>Failed inputs</h2>\n<ul>\n");
        for (size_t i = 0; i < r->count; i++) {
            const struct tu_batch_item *it = &r->items[i];
            bool seen = false;
            if (it->state != TU_BATCH_FAILED) {
                continue;
            }
            /* One line per input: every locale fails the same way. */
            for (size_t k = 0; k < i; k++) {
                if (r->items[k].state == TU_BATCH_FAILED &&
                    strcmp(r->items[k].input, it->input) == 0 &&
                    strcmp(r->items[k].reason ? r->items[k].reason : "",
                           it->reason ? it->reason : "") == 0) {
                    seen = true;
                }
            }
            if (seen) {
                continue;
            }
            tu_buf_adds(out, "<li><b>");
            tu_html_escape(out, it->input);
            tu_buf_adds(out, "</b>: ");
            tu_html_escape(out, it->reason ? it->reason : "unknown error");
            tu_buf_adds(out, "</li>\n");
        }
        tu_buf_adds(out, "</ul>\n");
    }
    tu_buf_adds(out, "<p class=\"note\">Documents: <i>matched</i> = 101%, "
                     "100% and repetitions; <i>fuzzy</i> = 75&ndash;99%; "
                     "<i>new</i> = below 75%. ");
    tu_buf_adds(out,
                "Words are source words. A document is "
                "finished when every segment has an approved target; "
                "the rest wait in the XLIFF files for the translators. "
                "101% = the same sentence between the same neighbours.");
    tu_buf_adds(out, " <i>To translate</i>: the words of segments "
                     "without an approved target");
    if (r->finish_translated) {
        tu_buf_adds(out, " (this import: without a translated or approved "
                         "one)");
    }
    tu_buf_adds(out, ", the same count in every report of this run.");
    if (has_derived(r)) {
        tu_buf_adds(out, " A transliterated locale is made, not translated: "
                         "it has nothing to translate, and its words are not "
                         "in the share to translate.");
    }
    tu_buf_adds(out, "</p>\n</main>\n</body>\n</html>\n");
    if (out->status != TU_OK) {
        return tu_error_set(err, out->status, "cannot build the report");
    }
    return TU_OK;
}

static enum tu_status
write_one(const struct tu_batch_report *r, const char *file,
          enum tu_status (*render)(const struct tu_batch_report *,
                                   struct tu_buf *, struct tu_error *),
          struct tu_error *err)
{
    struct tu_buf b;
    struct tu_buf path;
    enum tu_status st;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    tu_buf_init(&path, TU_BUF_NO_LIMIT);
    tu_buf_printf(&path, "%s/%s", r->outdir, file);
    st = path.status != TU_OK ? tu_error_set(err, TU_ENOMEM, "out of memory")
                              : render(r, &b, err);
    if (st == TU_OK) {
        st = tu_file_write_atomic(path.data, b.data, b.len, err);
    }
    tu_buf_release(&b);
    tu_buf_release(&path);
    return st;
}

/*
 * The leverage module's analysis page for one locale (the page a
 * coordinator sends to a client), from the items of the run.
 */
static enum tu_status write_analysis(const struct tu_batch_report *r,
                                     const char *locale, struct tu_error *err)
{
    struct tu_analysis an;
    struct tu_buf b, path, title;
    enum tu_status st;

    tu_analysis_init(&an);
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    tu_buf_init(&path, TU_BUF_NO_LIMIT);
    tu_buf_init(&title, TU_BUF_NO_LIMIT);
    tu_buf_printf(&path, "%s/analysis-%s.html", r->outdir, locale);
    tu_buf_printf(&title, "Analysis: %s into %s",
                  r->src_lang ? r->src_lang : "", locale);
    st = path.status != TU_OK || title.status != TU_OK
             ? tu_error_set(err, TU_ENOMEM, "out of memory")
             : tu_analysis_set_info(&an, r->tm_path, r->src_lang, locale,
                                    title.data, err);
    an.date = r->started;
    an.has_to_translate = true; /* the count of the run's other reports */
    if (derived_from(r, locale) != NULL) {
        snprintf(an.derived_from, sizeof(an.derived_from), "%s",
                 derived_from(r, locale));
    }
    for (size_t i = 0; st == TU_OK && i < r->count; i++) {
        const struct tu_batch_item *it = &r->items[i];
        if (strcmp(it->locale, locale) == 0 && it->state != TU_BATCH_FAILED &&
            it->state != TU_BATCH_PENDING) {
            tu_buf_truncate(&title, 0);
            tu_buf_printf(&title, "%s%s", it->name,
                          it->state == TU_BATCH_DRAFT ? " (draft)" : "");
            st = title.status != TU_OK
                     ? tu_error_set(err, TU_ENOMEM, "out of memory")
                     : tu_analysis_add_file(&an, title.data,
                                            &it->counts.bands, err);
            an.to_translate += it->counts.words_todo;
        }
    }
    if (st == TU_OK) {
        st = tu_analysis_write_html(&an, &b, err);
    }
    if (st == TU_OK) {
        st = tu_file_write_atomic(path.data, b.data, b.len, err);
    }
    tu_analysis_release(&an);
    tu_buf_release(&b);
    tu_buf_release(&path);
    tu_buf_release(&title);
    return st;
}

enum tu_status tu_batch_report_write(const struct tu_batch_report *r,
                                     struct tu_error *err)
{
    if (r->outdir == NULL) {
        return tu_error_set(err, TU_EINVAL, "the report has no output folder");
    }
    for (size_t i = 0; i < r->locale_count; i++) {
        if (write_analysis(r, r->locales[i], err) != TU_OK) {
            return err->code;
        }
    }
    if (write_one(r, "report.json", tu_batch_report_json, err) != TU_OK ||
        write_one(r, "report.html", tu_batch_report_html, err) != TU_OK) {
        return err->code;
    }
    return TU_OK;
}
