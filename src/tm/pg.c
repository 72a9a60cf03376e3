/*
 * The TM on a PostgreSQL server (libpq), for a team that shares one memory.
 * The model is schema 8's (tm/schema.sql): sentence groups, their variants
 * (tuv) and the pairs as the view `tu`, so psql can read it as the SQLite
 * file is read. What differs:
 *
 * - The trigram index is a column: each variant's trigram ids (the same
 *   ids as index.c's, seeded by its language) as a bigint[] under a GIN
 *   index. A fuzzy lookup asks the server for the variants of its window
 *   that share enough trigrams (multiset, INTERSECT ALL) for the score
 *   asked, with the same bound (2.5 trigrams lost per edit) lookup.c uses.
 * - The candidates and their groups are copied into an SQLite TM in memory
 *   with their ids, and lookup.c scores them there: the same edit distance,
 *   scores, order, script delivery and context matches as a file TM.
 * - Writers take one transaction-level advisory lock, so two writers
 *   adding the same sentence cannot both miss it (as SQLite's BEGIN
 *   IMMEDIATE); readers read the last commit (MVCC) and never wait.
 *   A killed writer's transaction is rolled back by the server.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "tm-int.h"
#include <tumac/alloc.h>

#define PG_SCHEMA_VERSION "8"
#define PG_WRITER_LOCK "7307011"  /* the advisory lock of writers */

static const char pg_schema_sql[] =
    "CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL);"
    "CREATE TABLE IF NOT EXISTS tu_group (id bigserial PRIMARY KEY, src_lang text);"
    "CREATE TABLE IF NOT EXISTS tuv (id bigserial PRIMARY KEY,"
    " grp bigint NOT NULL REFERENCES tu_group (id) ON DELETE CASCADE,"
    " src bigint, lang text NOT NULL, text text NOT NULL, xml text NOT NULL,"
    " key text NOT NULL, key_hash bigint NOT NULL, key_len integer NOT NULL,"
    " prev_hash bigint NOT NULL DEFAULT 0, next_hash bigint NOT NULL DEFAULT 0,"
    " origin text, approved integer NOT NULL DEFAULT 0, created text,"
    " var_hash bigint NOT NULL, grams bigint[] NOT NULL);"
    "CREATE INDEX IF NOT EXISTS tuv_hash ON tuv (key_hash, var_hash, grp);"
    "CREATE INDEX IF NOT EXISTS tuv_grp ON tuv (grp, lang);"
    "CREATE INDEX IF NOT EXISTS tuv_grams ON tuv USING gin (grams);"
    "CREATE TABLE IF NOT EXISTS tu_info (id bigint PRIMARY KEY REFERENCES tuv (id)"
    " ON DELETE CASCADE, tuid text, creator text, changed text, changer text,"
    " usage bigint NOT NULL DEFAULT 0, last_used text, tu_extra text, src_extra text,"
    " trg_extra text);"
    "CREATE OR REPLACE VIEW tu AS SELECT t.id AS id, t.grp AS grp, t.src AS src_id,"
    " s.lang AS src_lang, t.lang AS trg_lang, s.text AS src_text, t.text AS trg_text,"
    " s.xml AS src_xml, t.xml AS trg_xml, s.key AS src_key, s.key_hash AS key_hash,"
    " s.key_len AS key_len, t.prev_hash AS prev_hash, t.next_hash AS next_hash,"
    " t.origin AS origin, t.approved AS approved, t.created AS created"
    " FROM tuv t JOIN tuv s ON s.id = t.src;"
    "INSERT INTO meta VALUES ('schema', '" PG_SCHEMA_VERSION "') ON CONFLICT DO NOTHING;";

struct tm_pg {
    PGconn *conn;
    struct tu_tm *cache; /* the candidates of one lookup, scored by lookup.c */
    unsigned long fills; /* the cache's content stamp */
};

bool tu_tm_is_server(const char *path)
{
    return path != NULL && (strncmp(path, "postgresql://", 13) == 0 ||
                            strncmp(path, "postgres://", 11) == 0 ||
                            strncmp(path, "postgres:", 9) == 0);
}

/* The server's message, first line, after the TM's name (no password:
 * the name shown is the URI up to its '@' or '?'). */
static enum tu_status pg_fail(struct tu_tm *tm, PGconn *conn, const char *what,
                              struct tu_error *err)
{
    const char *msg = conn ? PQerrorMessage(conn) : "out of memory";
    size_t n = strcspn(msg, "\n");
    return tu_error_at(err, TU_EDB, tm->path, 0, 0, "%s: %.*s", what, (int)n,
                       n ? msg : "the server failed");
}

/* One statement with text parameters; *res (may be NULL) gets the rows. */
static enum tu_status pg_run(struct tu_tm *tm, const char *what, const char *sql, int n,
                             const char *const *v, PGresult **res, struct tu_error *err)
{
    /* without parameters several statements may go in one string */
    PGresult *r = n == 0 ? PQexec(tm->pg->conn, sql)
                         : PQexecParams(tm->pg->conn, sql, n, NULL, v, NULL, NULL, 0);
    ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;

    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
        PQclear(r);
        return pg_fail(tm, tm->pg->conn, what, err);
    }
    if (res != NULL) {
        *res = r;
    } else {
        PQclear(r);
    }
    return TU_OK;
}

static int64_t cell_int(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? 0 : strtoll(PQgetvalue(r, row, col), NULL, 10);
}

static const char *cell_text(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

/* Decimal text of integer parameters, up to 8 per statement. */
struct ints { char v[8][24]; };
static const char *int_param(struct ints *p, int i, int64_t v)
{
    snprintf(p->v[i], sizeof p->v[i], "%lld", (long long)v);
    return p->v[i];
}

/* The server's notices (a table that exists already) are not the user's. */
static void quiet_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static enum tu_status pg_connect(struct tu_tm *tm, const char *path, struct tu_error *err)
{
    const char *conninfo = strncmp(path, "postgres:", 9) == 0 && path[9] != '/' ? path + 9 : path;
    PGresult *r = NULL;
    const char *version;
    enum tu_status st;

    tm->pg->conn = PQconnectdb(conninfo);
    if (tm->pg->conn == NULL || PQstatus(tm->pg->conn) != CONNECTION_OK) {
        return pg_fail(tm, tm->pg->conn, "cannot reach the TM server", err);
    }
    if (PQsetClientEncoding(tm->pg->conn, "UTF8") != 0) {
        return pg_fail(tm, tm->pg->conn, "cannot talk UTF-8 with the TM server", err);
    }
    /* notices (a table that exists) are not the user's business */
    PQsetNoticeProcessor(tm->pg->conn, quiet_notice, NULL);
    if ((st = pg_run(tm, "open", "SELECT value FROM meta WHERE key = 'schema'", 0, NULL, &r,
                     err)) != TU_OK) {
        /* no meta table: a new TM, unless read-only */
        tu_error_clear(err);
        if (tm->readonly) {
            return tu_error_at(err, TU_EDB, tm->path, 0, 0, "not a tumac translation memory");
        }
        r = NULL;
    }
    version = r != NULL && PQntuples(r) == 1 ? PQgetvalue(r, 0, 0) : "";
    if (strcmp(version, PG_SCHEMA_VERSION) == 0) {
        PQclear(r);
        return TU_OK;
    }
    if (version[0] != '\0') {
        st = tu_error_at(err, TU_EUNSUPPORTED, tm->path, 0, 0,
                         "TM schema version %s is not the one this tumac knows (%s)",
                         version, PG_SCHEMA_VERSION);
        PQclear(r);
        return st;
    }
    PQclear(r);
    /* the schema, once even when many machines open the new TM at once */
    if (pg_run(tm, "create the schema", "BEGIN; SELECT pg_advisory_xact_lock(" PG_WRITER_LOCK
               ")", 0, NULL, NULL, err) != TU_OK ||
        pg_run(tm, "create the schema", pg_schema_sql, 0, NULL, NULL, err) != TU_OK ||
        pg_run(tm, "create the schema", "COMMIT", 0, NULL, NULL, err) != TU_OK) {
        PQclear(PQexec(tm->pg->conn, "ROLLBACK"));
        return err->code;
    }
    return TU_OK;
}

enum tu_status tm_pg_open(const char *path, bool readonly, struct tu_tm **out,
                          struct tu_error *err)
{
    struct tu_tm *tm = tu_calloc(1, sizeof *tm);
    const char *cut;
    size_t shown;

    *out = NULL;
    if (tm == NULL || (tm->pg = tu_calloc(1, sizeof *tm->pg)) == NULL) {
        tu_free(tm);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    /* messages name the TM without what follows a password */
    cut = strchr(path, '@');
    shown = cut != NULL && strchr(path, ':') < cut && strstr(path, "://") != NULL
                ? (size_t)(strstr(path, "://") - path) + 3 : strlen(path);
    tm->path = tu_malloc(shown + 4);
    if (tm->path == NULL) {
        tu_tm_close(tm);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    memcpy(tm->path, path, shown);
    strcpy(tm->path + shown, shown < strlen(path) ? "..." : "");
    tm->readonly = readonly;
    if (pg_connect(tm, path, err) != TU_OK ||
        tu_tm_open(":memory:", false, &tm->pg->cache, err) != TU_OK) {
        tu_tm_close(tm);
        return err->code;
    }
    *out = tm;
    return TU_OK;
}

void tm_pg_close(struct tu_tm *tm)
{
    if (tm->pg == NULL) {
        return;
    }
    if (tm->pg->conn != NULL) {
        PQfinish(tm->pg->conn);
    }
    tu_tm_close(tm->pg->cache);
    tu_free(tm->pg);
    tm->pg = NULL;
}

enum tu_status tm_pg_begin(struct tu_tm *tm, struct tu_error *err)
{
    if (tm->readonly) {
        return tu_error_at(err, TU_EDB, tm->path, 0, 0, "the TM was opened read-only");
    }
    if (pg_run(tm, "begin", "BEGIN; SELECT pg_advisory_xact_lock(" PG_WRITER_LOCK ")", 0,
               NULL, NULL, err) != TU_OK) {
        PQclear(PQexec(tm->pg->conn, "ROLLBACK"));
        return err->code;
    }
    tm->in_txn = true;
    return TU_OK;
}

enum tu_status tm_pg_commit(struct tu_tm *tm, struct tu_error *err)
{
    if (tm->content_changed &&
        pg_run(tm, "commit", "INSERT INTO meta VALUES ('content', md5(random()::text))"
               " ON CONFLICT (key) DO UPDATE SET value = excluded.value", 0, NULL, NULL,
               err) != TU_OK) {
        tm_pg_rollback(tm);
        return err->code;
    }
    tm->content_changed = false;
    tm->in_txn = false;
    return pg_run(tm, "commit", "COMMIT", 0, NULL, NULL, err);
}

void tm_pg_rollback(struct tu_tm *tm)
{
    tm->content_changed = false;
    tm->in_txn = false;
    PQclear(PQexec(tm->pg->conn, "ROLLBACK"));
}

enum tu_status tm_pg_content_stamp(struct tu_tm *tm, uint64_t *out, struct tu_error *err)
{
    PGresult *r = NULL;
    uint64_t h = 1469598103934665603ULL;

    if (pg_run(tm, "content stamp", "SELECT (SELECT value FROM meta WHERE key = 'content'),"
               " (SELECT max(id)::text FROM tuv)", 0, NULL, &r, err) != TU_OK) {
        return err->code;
    }
    for (int i = 0; i < 2; i++) {
        const char *v = cell_text(r, 0, i);
        h = (h ^ tu_tm_hash(v ? v : "", v ? strlen(v) : 0)) * 1099511628211ULL;
    }
    PQclear(r);
    *out = h;
    return TU_OK;
}

enum tu_status tm_pg_variant_find(struct tu_tm *tm, const struct variant *v, int64_t grp,
                                  int64_t *id, int64_t *found_grp, bool *own_ctx,
                                  struct tu_error *err)
{
    struct ints p;
    const char *val[5] = {int_param(&p, 0, v->key_hash), int_param(&p, 1, v->var_hash),
                          v->lang, v->xml.data, int_param(&p, 2, grp)};
    PGresult *r = NULL;

    *id = 0;
    if (pg_run(tm, "add", "SELECT id, grp, (src IS NULL AND prev_hash = 0 AND next_hash = 0)::int"
               " FROM tuv WHERE key_hash = $1 AND var_hash = $2 AND lang = $3 AND xml = $4"
               " AND ($5 = 0 OR grp = $5) ORDER BY grp LIMIT 1", 5, val, &r, err) != TU_OK) {
        return err->code;
    }
    if (PQntuples(r) == 1) {
        *id = cell_int(r, 0, 0);
        *found_grp = cell_int(r, 0, 1);
        *own_ctx = cell_int(r, 0, 2) != 0;
    }
    PQclear(r);
    return TU_OK;
}

/* The trigram ids of a key as a PostgreSQL array literal. */
static enum tu_status grams_literal(const uint32_t *cp, size_t n, uint64_t seed,
                                    struct tu_buf *out, struct tu_error *err)
{
    int64_t *g = NULL;
    size_t ng = tu_tm_grams(cp, n, seed, &g);

    if (g == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    tu_buf_addc(out, '{');
    for (size_t i = 0; i < ng; i++) {
        tu_buf_printf(out, i ? ",%lld" : "%lld", (long long)g[i]);
    }
    tu_buf_addc(out, '}');
    tu_buf_addc(out, 0);
    tu_free(g);
    return out->status == TU_OK ? TU_OK : tu_error_set(err, TU_ENOMEM, "out of memory");
}

enum tu_status tm_pg_variant_insert(struct tu_tm *tm, const struct variant *v, int64_t grp,
                                    int64_t from, const struct tu_tm_unit *u,
                                    const char *created, int64_t *id, struct tu_error *err)
{
    struct ints p;
    struct tu_buf grams;
    PGresult *r = NULL;
    enum tu_status st;

    tu_buf_init(&grams, TU_BUF_NO_LIMIT);
    if (grams_literal(v->cps, v->ncp, tu_tm_lang_seed(v->lang), &grams, err) != TU_OK) {
        tu_buf_release(&grams);
        return err->code;
    }
    {
        const char *val[15] = {
            int_param(&p, 0, grp), from ? int_param(&p, 1, from) : NULL, v->lang,
            v->text.data, v->xml.data, v->key.data, int_param(&p, 2, v->key_hash),
            int_param(&p, 3, (int64_t)v->ncp),
            int_param(&p, 4, (int64_t)(u->prev_hash & 0x7fffffffffffffffULL)),
            int_param(&p, 5, (int64_t)(u->next_hash & 0x7fffffffffffffffULL)), u->origin,
            u->approved ? "1" : "0", created, int_param(&p, 6, v->var_hash), grams.data};
        st = pg_run(tm, "add", "INSERT INTO tuv (grp, src, lang, text, xml, key, key_hash,"
                    " key_len, prev_hash, next_hash, origin, approved, created, var_hash, grams)"
                    " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING id",
                    15, val, &r, err);
    }
    tu_buf_release(&grams);
    if (st == TU_OK) {
        *id = cell_int(r, 0, 0);
        PQclear(r);
    }
    return st;
}

enum tu_status tm_pg_group_insert(struct tu_tm *tm, const char *src_lang, int64_t *grp,
                                  struct tu_error *err)
{
    const char *val[1] = {src_lang};
    PGresult *r = NULL;

    if (pg_run(tm, "add", "INSERT INTO tu_group (src_lang) VALUES ($1) RETURNING id", 1, val,
               &r, err) != TU_OK) {
        return err->code;
    }
    *grp = cell_int(r, 0, 0);
    PQclear(r);
    return TU_OK;
}

enum tu_status tm_pg_merge(struct tu_tm *tm, int64_t id, int64_t from,
                           const struct tu_tm_unit *u, struct tu_error *err)
{
    struct ints p;
    const char *val[5] = {int_param(&p, 0, id), u->approved ? "1" : "0",
                          int_param(&p, 1, (int64_t)(u->prev_hash & 0x7fffffffffffffffULL)),
                          int_param(&p, 2, (int64_t)(u->next_hash & 0x7fffffffffffffffULL)),
                          int_param(&p, 3, from)};
    return pg_run(tm, "merge", "UPDATE tuv SET approved = greatest(approved, $2::int),"
                  " prev_hash = CASE WHEN prev_hash = 0 AND ($5 = 0 OR src = $5) THEN $3"
                  " ELSE prev_hash END,"
                  " next_hash = CASE WHEN next_hash = 0 AND ($5 = 0 OR src = $5) THEN $4"
                  " ELSE next_hash END WHERE id = $1", 5, val, NULL, err);
}

enum tu_status tm_pg_add_info(struct tu_tm *tm, int64_t id, const struct tu_tm_unit *u,
                              bool source, const char *changed, const char *last_used,
                              struct tu_error *err)
{
    struct ints p;
    const char *own = source ? u->src_extra : u->trg_extra;
    const char *val[10] = {int_param(&p, 0, id), u->tuid, u->creator, changed, u->changer,
                           int_param(&p, 1, source ? 0 : u->usage_count),
                           source ? NULL : last_used, u->tu_extra,
                           source ? NULL : u->src_extra, own};

    if (!u->tuid && !u->creator && !u->changed && !u->changer && !u->last_used &&
        u->usage_count == 0 && !u->tu_extra && (source || !u->src_extra) && !own) {
        return TU_OK;
    }
    return pg_run(tm, "add", "INSERT INTO tu_info (id, tuid, creator, changed, changer,"
                  " usage, last_used, tu_extra, src_extra, trg_extra)"
                  " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)", 10, val, NULL, err);
}

enum tu_status tm_pg_count_use(struct tu_tm *tm, const int64_t *ids, size_t n,
                               struct tu_error *err)
{
    char now[TM_DATE_SIZE];
    struct ints p;

    tu_tm_date_now(now);
    if (tu_tm_begin(tm, err) != TU_OK) {
        return err->code;
    }
    for (size_t i = 0; i < n; i++) {
        const char *val[2] = {int_param(&p, 0, ids[i]), now};
        if (pg_run(tm, "usage count", "INSERT INTO tu_info (id, usage, last_used)"
                   " SELECT $1, 1, $2 WHERE EXISTS (SELECT 1 FROM tuv WHERE id = $1)"
                   " ON CONFLICT (id) DO UPDATE SET usage = tu_info.usage + 1,"
                   " last_used = excluded.last_used", 2, val, NULL, err) != TU_OK) {
            tu_tm_rollback(tm);
            return err->code;
        }
    }
    return tu_tm_commit(tm, err);
}

/* The rows of the candidate groups into the memory TM, ids kept. */
static enum tu_status cache_fill(struct tu_tm *tm, const PGresult *r, struct tu_error *err)
{
    sqlite3 *db = tm->pg->cache->db;
    sqlite3_stmt *g = NULL, *v = NULL;
    char stamp[32];
    int rc = sqlite3_exec(db, "BEGIN; DELETE FROM tuv; DELETE FROM tu_group", NULL, NULL, NULL);

    snprintf(stamp, sizeof stamp, "%lu", ++tm->pg->fills);
    if (rc == SQLITE_OK) {
        rc = sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO tu_group (id, src_lang) VALUES (?,?)",
                                -1, &g, NULL);
    }
    if (rc == SQLITE_OK) {
        rc = sqlite3_prepare_v2(db, "INSERT INTO tuv (id, grp, src, lang, text, xml, key,"
                                " key_hash, key_len, prev_hash, next_hash, origin, approved,"
                                " created, var_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                -1, &v, NULL);
    }
    for (int i = 0; rc == SQLITE_OK && i < PQntuples(r); i++) {
        sqlite3_reset(g);
        sqlite3_bind_int64(g, 1, cell_int(r, i, 1));
        sqlite3_bind_text(g, 2, cell_text(r, i, 15), -1, SQLITE_STATIC);
        rc = sqlite3_step(g) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_reset(v);
        for (int c = 0; c < 15; c++) {
            if (PQgetisnull(r, i, c)) {
                sqlite3_bind_null(v, c + 1);
            } else if (c == 3 || c == 4 || c == 5 || c == 6 || c == 11 || c == 13) {
                sqlite3_bind_text(v, c + 1, PQgetvalue(r, i, c), -1, SQLITE_STATIC);
            } else {
                sqlite3_bind_int64(v, c + 1, cell_int(r, i, c));
            }
        }
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(v) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        }
    }
    sqlite3_finalize(g);
    sqlite3_finalize(v);
    if (rc == SQLITE_OK) {
        sqlite3_stmt *s = NULL;
        rc = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta VALUES ('content', ?)", -1, &s,
                                NULL);
        sqlite3_bind_text(s, 1, stamp, -1, SQLITE_STATIC);
        rc = rc == SQLITE_OK && sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_finalize(s);
    }
    if (rc != SQLITE_OK || sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        enum tu_status st = tu_error_at(err, TU_EDB, tm->path, 0, 0, "lookup: %s",
                                        sqlite3_errmsg(db));
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    return TU_OK;
}

/* The groups of the variants with the query's key, and of those in the
 * fuzzy window that share enough trigrams (every one in the window when
 * exhaustive); $7 = 0: no fuzzy search. */
#define CANDIDATES(fuzzy)                                                                \
    "WITH c AS (SELECT grp FROM tuv WHERE key_hash = $1 AND key = $2"                    \
    " UNION SELECT grp FROM tuv WHERE $7 <> 0 AND key_len BETWEEN $4 AND $5" fuzzy ")"   \
    " SELECT v.id, v.grp, v.src, v.lang, v.text, v.xml, v.key, v.key_hash, v.key_len,"   \
    " v.prev_hash, v.next_hash, v.origin, v.approved, v.created, v.var_hash, g.src_lang" \
    " FROM c JOIN tu_group g ON g.id = c.grp JOIN tuv v ON v.grp = c.grp ORDER BY v.id"
/* The groups of the variants with the query's key, and of those in the
 * fuzzy window that share enough trigrams (GIN, then the multiset count),
 * or every one in the window (exhaustive); $7 = 0: no fuzzy search. Two
 * statements: an OR around the GIN condition would keep the index out. */
static const char *const candidates_sql[2] = {
    CANDIDATES(" AND grams && $3::bigint[] AND (SELECT count(*) FROM"
               " (SELECT unnest(grams) INTERSECT ALL SELECT unnest($3::bigint[])) s) >="
               " greatest(key_len, $6) + 1 - (greatest(key_len, $6) * (100 - $7) / 100) * 5 / 2"
               " AND $8 = 0"),
    CANDIDATES(" AND $3 IS NOT NULL AND $6 > 0 AND $8 = 1")};

enum tu_status tm_pg_lookup(struct tu_tm *tm, const struct tu_tm_query *q, int mode,
                            struct tu_tm_match **out, size_t *count, struct tu_error *err)
{
    struct tu_locale sl;
    struct tu_buf key, grams;
    uint32_t *cp = NULL;
    size_t n;
    int min = q->min_score > 0 ? q->min_score : 75;
    struct ints p;
    PGresult *r = NULL;
    enum tu_status st;

    *out = NULL;
    *count = 0;
    if (tu_locale_parse(q->src_lang ? q->src_lang : "", &sl, err) != TU_OK) {
        return err->code;
    }
    tu_buf_init(&key, TU_BUF_NO_LIMIT);
    tu_buf_init(&grams, TU_BUF_NO_LIMIT);
    if ((st = tu_text_match_key(q->text, q->len, &key, err)) == TU_OK &&
        (st = tu_buf_addc(&key, 0)) == TU_OK) {
        n = tu_tm_codepoints(key.data, key.len - 1, &cp);
        st = cp == NULL ? tu_error_set(err, TU_ENOMEM, "out of memory")
                        : grams_literal(cp, n, tu_tm_lang_seed(sl.language), &grams, err);
    }
    if (st == TU_OK) {
        bool fuzzy = n > 0 && min <= 98;
        const char *val[8] = {
            int_param(&p, 0, (int64_t)tu_tm_hash(key.data, key.len - 1)), key.data,
            grams.data, int_param(&p, 1, fuzzy ? (int64_t)((n * (size_t)min + 99) / 100) : 0),
            int_param(&p, 2, fuzzy ? (int64_t)(n * 100 / (size_t)min) : 0),
            int_param(&p, 3, (int64_t)n), int_param(&p, 4, fuzzy ? min : 0),
            mode == 1 ? "1" : "0"};
        /* one snapshot for the whole answer, as one SQLite read transaction */
        st = pg_run(tm, "lookup", candidates_sql[mode == 1], 8, val, &r, err);
    }
    if (st == TU_OK && (st = cache_fill(tm, r, err)) == TU_OK) {
        /* the cache holds only candidates: its scan is the index's answer */
        st = tu_tm_lookup_exhaustive(tm->pg->cache, q, out, count, err);
    }
    PQclear(r);
    tu_free(cp);
    tu_buf_release(&key);
    tu_buf_release(&grams);
    return st;
}

enum tu_status tm_pg_stats(struct tu_tm *tm, struct tu_tm_stats *out, struct tu_error *err)
{
    PGresult *r = NULL;
    size_t used = 0;

    memset(out, 0, sizeof *out);
    if (pg_run(tm, "stats", "SELECT src_lang, trg_lang, count(*), sum(approved) FROM tu"
               " GROUP BY src_lang, trg_lang ORDER BY 1, 2", 0, NULL, &r, err) != TU_OK) {
        return err->code;
    }
    for (int i = 0; i < PQntuples(r); i++) {
        size_t n = (size_t)cell_int(r, i, 2);
        int w = snprintf(out->pairs + used, sizeof out->pairs - used, "%s -> %s: %zu\n",
                         cell_text(r, i, 0), cell_text(r, i, 1), n);
        out->units += n;
        out->approved += (size_t)cell_int(r, i, 3);
        used += w > 0 && (size_t)w < sizeof out->pairs - used ? (size_t)w : 0;
    }
    PQclear(r);
    used = 0;
    if (pg_run(tm, "stats", "SELECT lang, count(*), (SELECT count(*) FROM tu_group) FROM tuv"
               " GROUP BY lang ORDER BY 1", 0, NULL, &r, err) != TU_OK) {
        return err->code;
    }
    for (int i = 0; i < PQntuples(r); i++) {
        int w = snprintf(out->langs + used, sizeof out->langs - used, "%s: %lld\n",
                         cell_text(r, i, 0), (long long)cell_int(r, i, 1));
        out->groups = (size_t)cell_int(r, i, 2);
        used += w > 0 && (size_t)w < sizeof out->langs - used ? (size_t)w : 0;
    }
    PQclear(r);
    return TU_OK;
}

enum tu_status tm_pg_count_target(struct tu_tm *tm, const char *trg_lang, size_t *count,
                                  struct tu_error *err)
{
    const char *val[1] = {trg_lang};
    PGresult *r = NULL;

    if (pg_run(tm, "count", "SELECT count(*) FROM tuv WHERE lang = $1", 1, val, &r, err) !=
        TU_OK) {
        return err->code;
    }
    *count = (size_t)cell_int(r, 0, 0);
    PQclear(r);
    return TU_OK;
}

enum tu_status tm_pg_unsupported(struct tu_tm *tm, const char *what, struct tu_error *err)
{
    return tu_error_at(err, TU_EUNSUPPORTED, tm->path, 0, 0,
                       "%s is not yet available on a PostgreSQL TM (use psql, or a TMX"
                       " export of an SQLite copy)", what);
}
