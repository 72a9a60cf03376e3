/*
 * What each URL of `tumac serve` means. Every answer is JSON (errors too,
 * as {"error": ...} with an HTTP status) except the page at /.
 *   GET  /tmserver/SRC/TGT/unit/TEXT        Translate Toolkit's tmserver: a list
 *                                           of {source, target, context, quality}
 *   PUT|POST /tmserver/SRC/TGT/unit/TEXT    add {source, target} (token)
 *   GET  /api/lookup?src=&tgt=&q=[&min=&max=&both=1]
 *   GET  /api/concordance?q=WORDS[&max=]
 *   GET  /api/stats
 *   POST /api/units                         {src_lang, trg_lang, source, target,
 *                                           origin?, approved?} or a list (token)
 * The TM calls are the library's (include/tumac/tm.h); nothing here scores.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include <tumac/escape.h>
#include <tumac/tm.h>

#include "page.gen.h"
#include "serve-int.h"

#define MAX_QUERY 4096   /* bytes of a lookup text or concordance words */
#define MAX_RESULTS 50

/* TM failures: a caller's mistake is a 400, anything else a 500. */
static void reply_tm_error(struct reply *rp, const struct tu_error *err)
{
    bool callers = err->code == TU_EINVAL || err->code == TU_EENCODING ||
                   err->code == TU_EPARSE || err->code == TU_ETOOBIG;

    reply_error(rp, callers ? 400 : 500, err->msg[0] ? err->msg : tu_status_str(err->code));
}

/* A numeric GET argument from lo to hi, `dflt` when absent; false = bad. */
static bool int_arg(const struct request *r, const char *name, long lo, long hi,
                    long dflt, long *out)
{
    const char *v = serve_arg(r, name);
    char *end;

    *out = dflt;
    if (v == NULL || *v == '\0') {
        return true;
    }
    *out = strtol(v, &end, 10);
    return *end == '\0' && *out >= lo && *out <= hi;
}

/* Language tags as tmserver clients send them (sr_Latn) -> BCP 47 (sr-Latn). */
static void tag_from_path(char *tag)
{
    for (; *tag; tag++) {
        if (*tag == '_') {
            *tag = '-';
        }
    }
}

/* The same tag in the other script for Serbian and Bosnian, "" otherwise. */
static void other_script(const char *tag, char *out, size_t cap)
{
    const char *latn = strstr(tag, "-Latn"), *cyrl = strstr(tag, "-Cyrl");
    bool biscriptal = strncmp(tag, "sr", 2) == 0 || strncmp(tag, "bs", 2) == 0;

    out[0] = '\0';
    if (!biscriptal || (latn == NULL && cyrl == NULL) || strlen(tag) >= cap) {
        return;
    }
    strcpy(out, tag);
    memcpy(out + ((latn ? latn : cyrl) - tag), latn ? "-Cyrl" : "-Latn", 5);
}

static bool lookup(const struct request *r, struct reply *rp, struct tu_tm_query *q,
                   struct tu_tm_match **m, size_t *n)
{
    struct tu_error err = {0};
    struct tu_tm *tm = serve_tm(r->srv, &err);

    if (q->len > MAX_QUERY) {
        reply_error(rp, 400, "query text too long (over 4096 bytes)");
        return false;
    }
    if (tm == NULL || tu_tm_lookup(tm, q, m, n, &err) != TU_OK) {
        reply_tm_error(rp, &err);
        return false;
    }
    return true;
}

/* tmserver.py's answer: a JSON list, best first, or callback(list) for JSONP. */
static void tmserver_lookup(const struct request *r, struct reply *rp, char *src,
                            char *tgt, const char *text)
{
    struct tu_tm_query q = {src, tgt, text, strlen(text), 0, 0, 75, 3};
    struct tu_tm_match *m = NULL;
    struct tu_json list;
    size_t n = 0;
    long min, max;
    const char *cb = serve_arg(r, "callback");

    if (!int_arg(r, "min", 1, 101, 75, &min) || !int_arg(r, "max", 1, MAX_RESULTS, 3, &max)) {
        reply_error(rp, 400, "min must be 1-101 and max 1-50");
        return;
    }
    if (cb != NULL && (strlen(cb) > 64 || strspn(cb, "abcdefghijklmnopqrstuvwxyz"
                                                     "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.$") != strlen(cb))) {
        reply_error(rp, 400, "callback must be a JavaScript name");
        return;
    }
    q.min_score = (int)min;
    q.max = (size_t)max;
    if (!lookup(r, rp, &q, &m, &n)) {
        return;
    }
    if (cb != NULL) {
        rp->ctype = "application/javascript; charset=utf-8";
        tu_buf_printf(&rp->body, "%s(", cb);
    }
    tu_json_begin(&list, &rp->body, '[', ",\n ");
    for (size_t i = 0; i < n; i++) {
        struct tu_json o;
        tu_json_key(&list, NULL);
        tu_json_begin(&o, &rp->body, '{', ",");
        tu_json_add_strs(&o, "source", m[i].src_text, "target", m[i].trg_text,
                         "context", "", (char *)NULL);
        tu_json_add_int(&o, "quality", m[i].score);
        tu_json_end(&o, "}");
    }
    tu_json_end(&list, n ? "\n]" : "]");
    tu_buf_adds(&rp->body, cb ? ")\n" : "\n");
    tu_tm_matches_free(m, n);
}

static void match_json(struct tu_json *list, const struct tu_tm_match *m, const char *other)
{
    struct tu_json o;

    tu_json_key(list, NULL);
    tu_json_begin(&o, list->out, '{', ",");
    tu_json_add_int(&o, "id", (long long)m->id);
    tu_json_add_int(&o, "score", m->score);
    tu_json_add_strs(&o, "band", m->band, "source", m->src_text, "target", m->trg_text,
                     (char *)NULL);
    if (other != NULL) {
        tu_json_add_str(&o, "target_other_script", other);
    }
    tu_json_add_strs(&o, "src_lang", m->src_lang, "trg_lang", m->trg_lang,
                     "origin", m->origin, (char *)NULL);
    tu_json_add_bool(&o, "approved", m->approved);
    tu_json_add_str(&o, "differs", m->diff);
    tu_json_end(&o, "}");
}

/* The target of unit `id` among `m`, or NULL. */
static const char *target_of(const struct tu_tm_match *m, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++) {
        if (m[i].id == id) {
            return m[i].trg_text;
        }
    }
    return NULL;
}

static void api_lookup(const struct request *r, struct reply *rp)
{
    const char *src = serve_arg(r, "src"), *tgt = serve_arg(r, "tgt"), *text = serve_arg(r, "q");
    const char *both = serve_arg(r, "both");
    struct tu_tm_query q = {src, tgt, text, 0, 0, 0, 75, 5};
    struct tu_tm_match *m = NULL, *o = NULL;
    struct tu_json top, list;
    size_t n = 0, on = 0;
    long min, max;
    char other[64];

    if (src == NULL || tgt == NULL || text == NULL || *src == '\0' || *tgt == '\0') {
        reply_error(rp, 400, "lookup needs src, tgt and q");
        return;
    }
    if (!int_arg(r, "min", 1, 101, 75, &min) || !int_arg(r, "max", 1, MAX_RESULTS, 5, &max)) {
        reply_error(rp, 400, "min must be 1-101 and max 1-50");
        return;
    }
    q.len = strlen(text);
    q.min_score = (int)min;
    q.max = (size_t)max;
    if (!lookup(r, rp, &q, &m, &n)) {
        return;
    }
    /* both scripts: the library delivers targets in the requested script,
     * so the other script is the same lookup asked in the other tag */
    other_script(tgt, other, sizeof other);
    if (both && strcmp(both, "1") == 0 && other[0] && n > 0) {
        q.trg_lang = other;
        if (!lookup(r, rp, &q, &o, &on)) {
            tu_tm_matches_free(m, n);
            return;
        }
    }
    tu_json_begin(&top, &rp->body, '{', ",");
    tu_json_add_strs(&top, "query", text, "src", src, "tgt", tgt,
                     "other_script", o ? other : NULL, (char *)NULL);
    tu_json_key(&top, "matches");
    tu_json_begin(&list, &rp->body, '[', ",");
    for (size_t i = 0; i < n; i++) {
        match_json(&list, &m[i], o ? target_of(o, on, m[i].id) : NULL);
    }
    tu_json_end(&list, "]");
    tu_json_end(&top, "}\n");
    tu_tm_matches_free(m, n);
    tu_tm_matches_free(o, on);
}

/* The library's concordance lines "id\tsource\ttarget\n" as JSON objects. */
static void hits_json(struct tu_json *top, char *tsv)
{
    struct tu_json list;
    char *line = tsv;

    tu_json_key(top, "hits");
    tu_json_begin(&list, top->out, '[', ",");

    while (*line) {
        char *end = strchr(line, '\n'), *next = end ? end + 1 : line + strlen(line);
        char *t1, *t2;

        if (end != NULL) {
            *end = '\0';
        }
        if ((t1 = strchr(line, '\t')) != NULL && (t2 = strchr(t1 + 1, '\t')) != NULL) {
            struct tu_json o;
            *t1 = *t2 = '\0';
            tu_json_key(&list, NULL);
            tu_json_begin(&o, top->out, '{', ",");
            tu_json_add_int(&o, "id", atoll(line));
            tu_json_add_strs(&o, "source", t1 + 1, "target", t2 + 1, (char *)NULL);
            tu_json_end(&o, "}");
        }
        line = next;
    }
    tu_json_end(&list, "]");
}

static void api_concordance(const struct request *r, struct reply *rp)
{
    const char *words = serve_arg(r, "q");
    struct tu_error err = {0};
    struct tu_tm *tm;
    struct tu_buf out;
    long max;

    if (words == NULL || strspn(words, " \t") == strlen(words)) {
        reply_error(rp, 400, "concordance needs words in q");
        return;
    }
    if (strlen(words) > MAX_QUERY || !int_arg(r, "max", 1, MAX_RESULTS, 10, &max)) {
        reply_error(rp, 400, "q must be under 4096 bytes and max 1-50");
        return;
    }
    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    if ((tm = serve_tm(r->srv, &err)) == NULL ||
        tu_tm_concordance(tm, words, (size_t)max, &out, &err) != TU_OK) {
        reply_tm_error(rp, &err);
    } else {
        struct tu_json top;
        tu_json_begin(&top, &rp->body, '{', ",");
        tu_json_add_str(&top, "query", words);
        hits_json(&top, out.data);
        tu_json_end(&top, "}\n");
    }
    tu_buf_release(&out);
}

/* The stats' "en -> sr-Latn: 12" lines as {src, tgt, units} objects. */
static void pairs_json(struct tu_json *top, const char *pairs)
{
    struct tu_json list;
    char src[64], tgt[64];
    size_t units;

    tu_json_key(top, "pairs");
    tu_json_begin(&list, top->out, '[', ",");
    for (const char *p = pairs; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
        if (sscanf(p, "%63s -> %63[^:]: %zu", src, tgt, &units) == 3) {
            struct tu_json o;
            tu_json_key(&list, NULL);
            tu_json_begin(&o, top->out, '{', ",");
            tu_json_add_strs(&o, "src", src, "tgt", tgt, (char *)NULL);
            tu_json_add_size(&o, "units", units);
            tu_json_end(&o, "}");
        }
    }
    tu_json_end(&list, "]");
}

static void api_stats(const struct request *r, struct reply *rp)
{
    struct tu_error err = {0};
    struct tu_tm *tm = serve_tm(r->srv, &err);
    struct tu_tm_stats st;
    struct tu_json top;

    if (tm == NULL || tu_tm_stats(tm, &st, &err) != TU_OK) {
        reply_tm_error(rp, &err);
        return;
    }
    tu_json_begin(&top, &rp->body, '{', ",");
    tu_json_add_sizes(&top, "units", st.units, "approved", st.approved,
                      "fts_pending", st.fts_pending, (char *)NULL);
    tu_json_add_bool(&top, "read_only", r->srv->opts.read_only);
    tu_json_add_bool(&top, "writable", !r->srv->opts.read_only && r->srv->token);
    pairs_json(&top, st.pairs);
    tu_json_end(&top, "}\n");
}

/* Same length and every byte compared: the time does not tell how much matched. */
static bool same_secret(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned char diff = la != lb;

    for (size_t i = 0; i < la; i++) {
        diff |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
    }
    return diff == 0 && lb > 0;
}

/* Writes: refused when read-only or without a token file; else the token
 * must come as "Authorization: Bearer TOKEN" or "X-Tumac-Token: TOKEN". */
static bool may_write(const struct request *r, struct reply *rp)
{
    const char *auth = serve_header(r, "Authorization"), *tok = serve_header(r, "X-Tumac-Token");

    if (r->srv->opts.read_only) {
        reply_error(rp, 403, "this server is read-only (--read-only)");
        return false;
    }
    if (r->srv->token == NULL) {
        reply_error(rp, 403, "writes are disabled: the server was started without --token-file");
        return false;
    }
    if (tok == NULL && auth != NULL && strncmp(auth, "Bearer ", 7) == 0) {
        tok = auth + 7;
    }
    if (tok == NULL || !same_secret(tok, r->srv->token)) {
        reply_error(rp, 401, "a write needs the server's token (Authorization: Bearer TOKEN)");
        return false;
    }
    return true;
}

/* One unit of a write body, in the caller's languages unless it names its own. */
static bool unit_from_json(json_t *o, const char *src, const char *tgt,
                           struct tu_tm_unit *u, struct reply *rp)
{
    json_t *ap = json_object_get(o, "approved");

    memset(u, 0, sizeof *u);
    u->src_lang = json_string_value(json_object_get(o, "src_lang"));
    u->trg_lang = json_string_value(json_object_get(o, "trg_lang"));
    u->src_lang = u->src_lang ? u->src_lang : src;
    u->trg_lang = u->trg_lang ? u->trg_lang : tgt;
    u->src_text = json_string_value(json_object_get(o, "source"));
    u->trg_text = json_string_value(json_object_get(o, "target"));
    u->origin = json_string_value(json_object_get(o, "origin"));
    u->approved = json_is_true(ap);
    if (!json_is_object(o) || u->src_text == NULL || u->trg_text == NULL ||
        u->src_lang == NULL || u->trg_lang == NULL || *u->src_text == '\0' ||
        (ap != NULL && !json_is_boolean(ap))) {
        reply_error(rp, 400, "a unit is an object with string source, target, src_lang and "
                             "trg_lang (and optional origin, boolean approved)");
        return false;
    }
    if (u->origin == NULL) {
        u->origin = "tumac serve";
    }
    return true;
}

/* Add the units of `doc` (an object or a list) in one transaction. */
static void add_units(const struct request *r, struct reply *rp, json_t *doc,
                      const char *src, const char *tgt)
{
    struct tu_error err = {0};
    struct tu_tm *tm;
    size_t n = json_is_array(doc) ? json_array_size(doc) : 1, added = 0;
    struct tu_tm_unit u;
    bool ok = true, is_new;

    pthread_mutex_lock(&r->srv->write_lock);
    if ((tm = serve_tm(r->srv, &err)) == NULL || tu_tm_begin(tm, &err) != TU_OK) {
        pthread_mutex_unlock(&r->srv->write_lock);
        reply_tm_error(rp, &err);
        return;
    }
    for (size_t i = 0; ok && i < n; i++) {
        json_t *o = json_is_array(doc) ? json_array_get(doc, i) : doc;
        ok = unit_from_json(o, src, tgt, &u, rp);
        if (ok && tu_tm_add(tm, &u, &is_new, &err) != TU_OK) {
            reply_tm_error(rp, &err);
            ok = false;
        }
        added += ok && is_new;
    }
    if (ok && tu_tm_commit(tm, &err) != TU_OK) {
        reply_tm_error(rp, &err);
        ok = false;
    }
    if (!ok) {
        tu_tm_rollback(tm);
    }
    pthread_mutex_unlock(&r->srv->write_lock);
    if (ok) {
        tu_buf_printf(&rp->body, "{\"added\":%zu,\"merged\":%zu}\n", added, n - added);
    }
}

static void write_units(const struct request *r, struct reply *rp, const char *src,
                        const char *tgt)
{
    json_error_t jerr;
    json_t *doc;

    if (!may_write(r, rp)) {
        return;
    }
    doc = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &jerr);
    if (doc == NULL) {
        char msg[300];
        snprintf(msg, sizeof msg, "malformed JSON at line %d, column %d: %s", jerr.line,
                 jerr.column, jerr.text);
        reply_error(rp, 400, msg);
        return;
    }
    if (!json_is_object(doc) && !(json_is_array(doc) && json_array_size(doc) > 0)) {
        reply_error(rp, 400, "the body must be a unit object or a non-empty list of them");
    } else {
        add_units(r, rp, doc, src, tgt);
    }
    json_decref(doc);
}

/* /tmserver/SRC/TGT/unit/TEXT: the URL arrives %-decoded by libmicrohttpd. */
static void route_tmserver(const struct request *r, struct reply *rp, const char *rest)
{
    char langs[160], *src = langs, *tgt, *slash;
    const char *text = strstr(rest, "/unit/");
    size_t ll = text ? (size_t)(text - rest) : 0;

    if (text == NULL || ll == 0 || ll >= sizeof langs) {
        reply_error(rp, 404, "tmserver paths are /tmserver/SRC/TGT/unit/TEXT");
        return;
    }
    memcpy(langs, rest, ll);
    langs[ll] = '\0';
    if ((slash = strchr(langs, '/')) == NULL || strchr(slash + 1, '/') != NULL) {
        reply_error(rp, 404, "tmserver paths are /tmserver/SRC/TGT/unit/TEXT");
        return;
    }
    *slash = '\0';
    tgt = slash + 1;
    tag_from_path(src);
    tag_from_path(tgt);
    text += strlen("/unit/");
    if (strcmp(r->method, "GET") == 0) {
        tmserver_lookup(r, rp, src, tgt, text);
    } else if (strcmp(r->method, "PUT") == 0 || strcmp(r->method, "POST") == 0) {
        write_units(r, rp, src, tgt);
    } else {
        reply_error(rp, 405, "tmserver units take GET, PUT and POST");
    }
}

void serve_route(const struct request *r, struct reply *rp)
{
    const char *u = r->url;
    bool get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;

    if (strncmp(u, "/tmserver/", 10) == 0) {
        route_tmserver(r, rp, u + 10);
    } else if (strcmp(u, "/") == 0 || strcmp(u, "/index.html") == 0) {
        if (!get) {
            reply_error(rp, 405, "the page takes GET");
            return;
        }
        rp->ctype = "text/html; charset=utf-8";
        tu_buf_add(&rp->body, serve_page_html, sizeof serve_page_html - 1);
    } else if (strcmp(u, "/api/lookup") == 0 && get) {
        api_lookup(r, rp);
    } else if (strcmp(u, "/api/concordance") == 0 && get) {
        api_concordance(r, rp);
    } else if (strcmp(u, "/api/stats") == 0 && get) {
        api_stats(r, rp);
    } else if (strcmp(u, "/api/units") == 0 && strcmp(r->method, "POST") == 0) {
        write_units(r, rp, NULL, NULL);
    } else if (strncmp(u, "/api/", 5) == 0) {
        reply_error(rp, 405, "no such API call with this method (see GET /api/stats)");
    } else {
        reply_error(rp, 404, "not found");
    }
}
