/*
 * The TM on a PostgreSQL server (libpq), for a team that shares one memory.
 * The model is schema 8's (tm/schema.sql): sentence groups, their variants
 * (tuv) and the pairs as the view `tu`, so psql can read it as the SQLite
 * file is read. What differs:
 *
 * - The trigram index is a table: each variant's trigrams (index.c's ids,
 *   seeded by its language), each occurrence tagged and hashed to 32 bits,
 *   as an int[] under intarray's GIN index (tuv_gram), with each element's
 *   count of variants (gram_df). A fuzzy lookup asks for the variants of
 *   its window that hold one of the query's rarest elements (enough to
 *   share the fewest the bound allows: lookup.c's 2.5 trigrams lost per
 *   edit) and share enough of them all (icount(&), on the server), each
 *   group with its score bound, best first.
 * - Those groups are copied into an SQLite TM in memory with their ids, a
 *   page at a time, and lookup.c scores them there until the matches
 *   wanted beat the next bound: the same edit distance, scores, order,
 *   script delivery and context matches as a file TM. Export and
 *   concordance run on a copy of the whole TM alike.
 * - Writes are queued and sent by COPY, ids given by the writer itself.
 * - Writers take one transaction-level advisory lock, so two writers
 *   adding the same sentence cannot both miss it (as SQLite's BEGIN
 *   IMMEDIATE); readers read the last commit (MVCC) and never wait.
 *   A killed writer's transaction is rolled back by the server.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "tm-int.h"
#include <tumac/alloc.h>

#define PG_SCHEMA_VERSION "8"
#define PG_WRITER_LOCK "7307011"  /* the advisory lock of writers */
#define PG_FLUSH_ROWS 2000        /* rows queued before a COPY */

/* tuv_gram.grams (a table of its own, narrow, so that a lookup's GIN hits
 * read few pages; without a foreign key, which would cost every COPY a
 * lookup: tm_pg_delete removes a variant's row): a variant's trigrams, each occurrence tagged (the k-th "abc" is
 * its own element) and hashed to 32 bits, sorted: intarray's GIN index
 * and `&` make the multiset count one C call (a collision can only merge
 * two elements, allowed for by one trigram of slack in the bound).
 * gram_df: how many variants hold each element (the rarest go first into
 * the GIN condition); it only ever grows, a deleted unit's stale counts
 * only make its trigrams look commoner. */
static const char pg_schema_sql[] =
    "CREATE EXTENSION IF NOT EXISTS intarray;"
    "CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL);"
    "CREATE TABLE IF NOT EXISTS tu_group (id bigserial PRIMARY KEY, src_lang text);"
    "CREATE TABLE IF NOT EXISTS tuv (id bigserial PRIMARY KEY,"
    " grp bigint NOT NULL REFERENCES tu_group (id) ON DELETE CASCADE,"
    " src bigint, lang text NOT NULL, text text NOT NULL, xml text NOT NULL,"
    " key text NOT NULL, key_hash bigint NOT NULL, key_len integer NOT NULL,"
    " prev_hash bigint NOT NULL DEFAULT 0, next_hash bigint NOT NULL DEFAULT 0,"
    " origin text, approved integer NOT NULL DEFAULT 0, created text,"
    " var_hash bigint NOT NULL);"
    "CREATE INDEX IF NOT EXISTS tuv_hash ON tuv (key_hash, var_hash, grp);"
    "CREATE INDEX IF NOT EXISTS tuv_grp ON tuv (grp, lang);"
    "CREATE INDEX IF NOT EXISTS tuv_src ON tuv (src);"
    "CREATE TABLE IF NOT EXISTS tuv_gram (id bigint PRIMARY KEY, grp bigint NOT NULL,"
    " key_len integer NOT NULL, grams integer[] NOT NULL);"
    "CREATE INDEX IF NOT EXISTS tuv_grams ON tuv_gram USING gin (grams gin__int_ops);"
    "CREATE TABLE IF NOT EXISTS gram_df (g integer PRIMARY KEY, n bigint NOT NULL);"
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

/* Rows a write transaction adds, as COPY text, sent in one COPY per table
 * when PG_FLUSH_ROWS are queued, before any other statement and at commit.
 * Under the writers' lock the ids are ours to give: max(id) at begin on. */
struct pg_queue {
    struct tu_buf rows[4];     /* tu_group, tuv, tu_info, tuv_gram */
    size_t n;
    int64_t base_id;           /* max(id) of tuv at begin */
    int64_t sent_grp;          /* the groups through this one are on the server */
    int64_t next_id, next_grp;
    struct pg_queued *v;       /* the queued variants, for variant_find */
    size_t nv, cap;
};

struct pg_queued {
    int64_t id, grp, key_hash, var_hash;
    char *lang, *xml;
    bool own_ctx;
};

/* The key hashes on the server, loaded by a write transaction that looks
 * up many (an import): a source not among them needs no round trip. The
 * writers' lock keeps them true until commit. */
struct pg_keys {
    uint64_t *slot;            /* open addressing, 0 = free (hash 0 stored as 1) */
    uint32_t *count;           /* occurrences of each (the trigram counts) */
    size_t n, cap;
    size_t finds;              /* finds in this transaction, before loading */
    bool loaded;
};

struct tm_pg {
    PGconn *conn;
    struct pg_keys keys;
    struct pg_keys df;   /* tagged trigram -> variants added that hold it */
    struct tu_tm *cache; /* the candidates of one lookup, scored by lookup.c */
    unsigned long fills; /* the cache's content stamp */
    struct pg_queue q;
    bool prepared;       /* the statements of pg_prepared */
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

static enum tu_status pg_result(struct tu_tm *tm, PGresult *r, const char *what,
                                PGresult **res, struct tu_error *err)
{
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

static enum tu_status queue_flush(struct tu_tm *tm, struct tu_error *err);
static void keys_drop(struct pg_keys *k);

/* One statement with text parameters; *res (may be NULL) gets the rows.
 * The rows queued go first, so the statement sees them. */
static enum tu_status pg_run(struct tu_tm *tm, const char *what, const char *sql, int n,
                             const char *const *v, PGresult **res, struct tu_error *err)
{
    if (queue_flush(tm, err) != TU_OK) {
        return err->code;
    }
    /* without parameters several statements may go in one string */
    return pg_result(tm, n == 0 ? PQexec(tm->pg->conn, sql)
                                : PQexecParams(tm->pg->conn, sql, n, NULL, v, NULL, NULL, 0),
                     what, res, err);
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

/* The statements a write runs per unit, prepared once per connection. */
enum { PG_FIND_ANY, PG_FIND_IN, PG_STMTS };
static const char *const pg_prepared[PG_STMTS][2] = {
    {"find_any", "SELECT id, grp, (src IS NULL AND prev_hash = 0 AND next_hash = 0)::int"
                 " FROM tuv WHERE key_hash = $1 AND var_hash = $2 AND lang = $3 AND xml = $4"
                 " ORDER BY grp LIMIT 1"},
    {"find_in", "SELECT id, grp, (src IS NULL AND prev_hash = 0 AND next_hash = 0)::int"
                " FROM tuv WHERE key_hash = $1 AND var_hash = $2 AND lang = $3 AND xml = $4"
                " AND grp = $5 LIMIT 1"}};

static enum tu_status pg_exec_prepared(struct tu_tm *tm, int which, int n,
                                       const char *const *v, PGresult **res,
                                       struct tu_error *err)
{
    if (!tm->pg->prepared) {
        for (int i = 0; i < PG_STMTS; i++) {
            if (pg_result(tm, PQprepare(tm->pg->conn, pg_prepared[i][0], pg_prepared[i][1],
                                        0, NULL), "prepare", NULL, err) != TU_OK) {
                return err->code;
            }
        }
        tm->pg->prepared = true;
    }
    return pg_result(tm, PQexecPrepared(tm->pg->conn, pg_prepared[which][0], n, v, NULL,
                                        NULL, 0), "add", res, err);
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
    for (int i = 0; i < 4; i++) {
        tu_buf_init(&tm->pg->q.rows[i], TU_BUF_NO_LIMIT);
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

/* Forget the queued rows (after a flush or a rollback). */
static void queue_clear(struct pg_queue *q)
{
    for (int i = 0; i < 4; i++) {
        if (q->rows[i].status == TU_OK) {
            tu_buf_truncate(&q->rows[i], 0);
        } else {
            tu_buf_release(&q->rows[i]);
        }
    }
    for (size_t i = 0; i < q->nv; i++) {
        tu_free(q->v[i].lang);
        tu_free(q->v[i].xml);
    }
    q->n = q->nv = 0;
}

void tm_pg_close(struct tu_tm *tm)
{
    if (tm->pg == NULL) {
        return;
    }
    if (tm->pg->conn != NULL) {
        PQfinish(tm->pg->conn);
    }
    queue_clear(&tm->pg->q);
    keys_drop(&tm->pg->keys);
    keys_drop(&tm->pg->df);
    for (int i = 0; i < 4; i++) {
        tu_buf_release(&tm->pg->q.rows[i]);
    }
    tu_free(tm->pg->q.v);
    tu_tm_close(tm->pg->cache);
    tu_free(tm->pg);
    tm->pg = NULL;
}

/* One COPY of a table's queued rows. */
static enum tu_status copy_rows(struct tu_tm *tm, const char *sql, const struct tu_buf *rows,
                                struct tu_error *err)
{
    PGconn *c = tm->pg->conn;
    PGresult *r;

    if (rows->len == 0) {
        return TU_OK;
    }
    r = PQexec(c, sql);
    if (r == NULL || PQresultStatus(r) != PGRES_COPY_IN) {
        PQclear(r);
        return pg_fail(tm, c, "add", err);
    }
    PQclear(r);
    if (PQputCopyData(c, rows->data, (int)rows->len) != 1 || PQputCopyEnd(c, NULL) != 1) {
        return pg_fail(tm, c, "add", err);
    }
    return pg_result(tm, PQgetResult(c), "add", NULL, err);
}

static enum tu_status queue_flush(struct tu_tm *tm, struct tu_error *err)
{
    struct pg_queue *q = &tm->pg->q;
    enum tu_status st;

    if (q->n == 0) {
        return TU_OK;
    }
    q->n = 0; /* copy_rows runs statements too */
    st = copy_rows(tm, "COPY tu_group (id, src_lang) FROM STDIN", &q->rows[0], err);
    if (st == TU_OK) {
        st = copy_rows(tm, "COPY tuv (id, grp, src, lang, text, xml, key, key_hash, key_len,"
                       " prev_hash, next_hash, origin, approved, created, var_hash)"
                       " FROM STDIN", &q->rows[1], err);
    }
    if (st == TU_OK) {
        st = copy_rows(tm, "COPY tuv_gram (id, grp, key_len, grams) FROM STDIN", &q->rows[3],
                       err);
    }
    if (st == TU_OK) {
        st = copy_rows(tm, "COPY tu_info (id, tuid, creator, changed, changer, usage,"
                       " last_used, tu_extra, src_extra, trg_extra) FROM STDIN", &q->rows[2],
                       err);
    }
    q->sent_grp = q->next_grp;
    /* the empty result that ends a failed COPY */
    while (st != TU_OK && PQgetResult(tm->pg->conn) != NULL) {
    }
    queue_clear(q);
    return st;
}

/* One field of a COPY text row (NULL: \N), then a tab or, last, a newline. */
static void copy_field(struct tu_buf *b, const char *s, bool last)
{
    if (s == NULL) {
        tu_buf_add(b, "\\N", 2);
    }
    for (; s != NULL && *s; s++) {
        switch (*s) {
        case '\\': tu_buf_add(b, "\\\\", 2); break;
        case '\t': tu_buf_add(b, "\\t", 2); break;
        case '\n': tu_buf_add(b, "\\n", 2); break;
        case '\r': tu_buf_add(b, "\\r", 2); break;
        default: tu_buf_addc(b, *s);
        }
    }
    tu_buf_addc(b, last ? '\n' : '\t');
}

static void copy_int(struct tu_buf *b, int64_t v, bool last)
{
    tu_buf_printf(b, "%lld%c", (long long)v, last ? '\n' : '\t');
}

/* A row queued; at PG_FLUSH_ROWS the queue goes to the server. */
static enum tu_status queued(struct tu_tm *tm, struct tu_error *err)
{
    struct pg_queue *q = &tm->pg->q;

    for (int i = 0; i < 4; i++) {
        if (q->rows[i].status != TU_OK) {
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    return ++q->n >= PG_FLUSH_ROWS ? queue_flush(tm, err) : TU_OK;
}

enum tu_status tm_pg_begin(struct tu_tm *tm, struct tu_error *err)
{
    struct pg_queue *q = &tm->pg->q;
    PGresult *r = NULL;

    if (tm->readonly) {
        return tu_error_at(err, TU_EDB, tm->path, 0, 0, "the TM was opened read-only");
    }
    /* the GIN index takes an import's trigrams in one merge, at commit */
    if (pg_run(tm, "begin", "BEGIN; SELECT pg_advisory_xact_lock(" PG_WRITER_LOCK ");"
               " SET LOCAL gin_pending_list_limit = '64MB'; SET LOCAL work_mem = '64MB'", 0,
               NULL, NULL, err) != TU_OK ||
        pg_run(tm, "begin", "SELECT (SELECT coalesce(max(id), 0) FROM tuv),"
               " (SELECT coalesce(max(id), 0) FROM tu_group)", 0, NULL, &r, err) != TU_OK) {
        PQclear(PQexec(tm->pg->conn, "ROLLBACK"));
        return err->code;
    }
    q->base_id = q->next_id = cell_int(r, 0, 0);
    q->sent_grp = q->next_grp = cell_int(r, 0, 1);
    PQclear(r);
    tm->in_txn = true;
    return TU_OK;
}

/* The trigram counts of the variants added, into gram_df. */
static enum tu_status df_send(struct tu_tm *tm, struct tu_error *err)
{
    const struct pg_keys *k = &tm->pg->df;
    struct tu_buf g, n;
    enum tu_status st;

    tu_buf_init(&g, TU_BUF_NO_LIMIT);
    tu_buf_init(&n, TU_BUF_NO_LIMIT);
    tu_buf_addc(&g, '{');
    tu_buf_addc(&n, '{');
    for (size_t i = 0; i < k->cap; i++) {
        if (k->slot[i] != 0) {
            const char *sep = g.len > 1 ? "," : "";
            tu_buf_printf(&g, "%s%d", sep, (int)(int32_t)(uint32_t)(k->slot[i] - 1));
            tu_buf_printf(&n, "%s%u", sep, (unsigned)k->count[i]);
        }
    }
    tu_buf_addc(&g, '}');
    if (tu_buf_addc(&n, '}') != TU_OK || g.status != TU_OK) {
        st = tu_error_set(err, TU_ENOMEM, "out of memory");
    } else {
        const char *val[2] = {g.data, n.data};
        st = pg_run(tm, "commit", "INSERT INTO gram_df SELECT * FROM unnest($1::int[],"
                    " $2::bigint[]) ON CONFLICT (g) DO UPDATE SET n = gram_df.n + excluded.n",
                    2, val, NULL, err);
    }
    tu_buf_release(&g);
    tu_buf_release(&n);
    return st;
}

enum tu_status tm_pg_commit(struct tu_tm *tm, struct tu_error *err)
{
    /* the new variants' trigrams counted; the sequences past the ids given */
    if ((tm->pg->df.n > 0 && df_send(tm, err) != TU_OK) ||
        (tm->pg->q.next_id > tm->pg->q.base_id &&
         pg_run(tm, "commit", "SELECT gin_clean_pending_list('tuv_grams')", 0, NULL, NULL,
                err) != TU_OK) ||
        (tm->pg->q.next_id > tm->pg->q.base_id &&
         pg_run(tm, "commit", "SELECT setval('tuv_id_seq', (SELECT max(id) FROM tuv)),"
                " setval('tu_group_id_seq', greatest((SELECT max(id) FROM tu_group), 1))", 0,
                NULL, NULL, err) != TU_OK) ||
        (tm->content_changed &&
         pg_run(tm, "commit", "INSERT INTO meta VALUES ('content', md5(random()::text))"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value", 0, NULL, NULL,
                err) != TU_OK)) {
        tm_pg_rollback(tm);
        return err->code;
    }
    tm->content_changed = false;
    tm->in_txn = false;
    keys_drop(&tm->pg->keys);
    keys_drop(&tm->pg->df);
    return pg_run(tm, "commit", "COMMIT", 0, NULL, NULL, err);
}

void tm_pg_rollback(struct tu_tm *tm)
{
    tm->content_changed = false;
    tm->in_txn = false;
    queue_clear(&tm->pg->q);
    keys_drop(&tm->pg->keys);
    keys_drop(&tm->pg->df);
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

#define PG_KEYS_AFTER 256 /* finds in one transaction before the keys are loaded */

/* One more occurrence of h in the map (open addressing on k->slot, the
 * count beside it in k->count). */
static bool keys_add(struct pg_keys *k, int64_t h)
{
    uint64_t v = h ? (uint64_t)h : 1;
    size_t i;

    if (2 * (k->n + 1) > k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 1024;
        uint64_t *s = tu_calloc(cap, sizeof *s);
        uint32_t *c = tu_calloc(cap, sizeof *c);
        if (s == NULL || c == NULL) {
            tu_free(s);
            tu_free(c);
            return false;
        }
        for (size_t j = 0; j < k->cap; j++) {
            if (k->slot[j] != 0) {
                for (i = k->slot[j] & (cap - 1); s[i] != 0; i = (i + 1) & (cap - 1)) {
                }
                s[i] = k->slot[j];
                c[i] = k->count[j];
            }
        }
        tu_free(k->slot);
        tu_free(k->count);
        k->slot = s;
        k->count = c;
        k->cap = cap;
    }
    for (i = v & (k->cap - 1); k->slot[i] != 0 && k->slot[i] != v; i = (i + 1) & (k->cap - 1)) {
    }
    k->n += k->slot[i] == 0;
    k->slot[i] = v;
    k->count[i]++;
    return true;
}

static bool keys_have(const struct pg_keys *k, int64_t h)
{
    uint64_t v = h ? (uint64_t)h : 1;
    for (size_t i = v & (k->cap - 1); k->cap && k->slot[i] != 0; i = (i + 1) & (k->cap - 1)) {
        if (k->slot[i] == v) {
            return true;
        }
    }
    return false;
}

static void keys_drop(struct pg_keys *k)
{
    tu_free(k->slot);
    tu_free(k->count);
    memset(k, 0, sizeof *k);
}

/* Whether the server may hold a variant with key hash h (false: surely
 * not); the keys are loaded at the PG_KEYS_AFTER-th find. */
static enum tu_status keys_may_hold(struct tu_tm *tm, int64_t h, bool *may, struct tu_error *err)
{
    struct pg_keys *k = &tm->pg->keys;
    PGresult *r = NULL;

    *may = true;
    if (!k->loaded && ++k->finds == PG_KEYS_AFTER) {
        if (pg_run(tm, "add", "SELECT DISTINCT key_hash FROM tuv", 0, NULL, &r, err) != TU_OK) {
            return err->code;
        }
        for (int i = 0; i < PQntuples(r); i++) {
            if (!keys_add(k, cell_int(r, i, 0))) {
                PQclear(r);
                keys_drop(k);
                return tu_error_set(err, TU_ENOMEM, "out of memory");
            }
        }
        PQclear(r);
        k->loaded = true;
    }
    if (k->loaded) {
        *may = keys_have(k, h);
    }
    return TU_OK;
}

enum tu_status tm_pg_variant_find(struct tu_tm *tm, const struct variant *v, int64_t grp,
                                  int64_t *id, int64_t *found_grp, bool *own_ctx,
                                  struct tu_error *err)
{
    struct pg_queue *q = &tm->pg->q;
    struct ints p;
    const char *val[5] = {int_param(&p, 0, v->key_hash), int_param(&p, 1, v->var_hash),
                          v->lang, v->xml.data, int_param(&p, 2, grp)};
    PGresult *r = NULL;

    bool may;

    *id = 0;
    if (keys_may_hold(tm, v->key_hash, &may, err) != TU_OK) {
        return err->code;
    }
    /* a group this transaction made is not on the server yet */
    if (may && (grp == 0 || grp <= q->sent_grp)) {
        if (pg_exec_prepared(tm, grp ? PG_FIND_IN : PG_FIND_ANY, grp ? 5 : 4, val, &r, err) !=
            TU_OK) {
            return err->code;
        }
        if (PQntuples(r) == 1) {
            *id = cell_int(r, 0, 0);
            *found_grp = cell_int(r, 0, 1);
            *own_ctx = cell_int(r, 0, 2) != 0;
        }
        PQclear(r);
    }
    /* then the queued variants (the lowest group wins, as ORDER BY grp) */
    for (size_t i = 0; i < q->nv; i++) {
        const struct pg_queued *e = &q->v[i];
        if (e->key_hash == v->key_hash && e->var_hash == v->var_hash &&
            (grp == 0 || e->grp == grp) && (*id == 0 || e->grp < *found_grp) &&
            strcmp(e->lang, v->lang) == 0 && strcmp(e->xml, v->xml.data) == 0) {
            *id = e->id;
            *found_grp = e->grp;
            *own_ctx = e->own_ctx;
        }
    }
    return TU_OK;
}

/* 32-bit hash of the k-th occurrence of trigram g. */
static int32_t gram_tag(int64_t g, uint32_t k)
{
    uint64_t x = (uint64_t)g * 0x9e3779b97f4a7c15ULL + k * 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 31;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 29;
    return (int32_t)(uint32_t)x;
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The tagged trigrams of a key, sorted and distinct (*out freed by the
 * caller; NULL: no memory). */
static size_t tagged_grams(const uint32_t *cp, size_t n, uint64_t seed, int32_t **out)
{
    int64_t *g = NULL;
    size_t ng = tu_tm_grams(cp, n, seed, &g), nt = 0;
    int32_t *t = g != NULL ? tu_malloc((ng + 1) * sizeof *t) : NULL;

    *out = t;
    if (t == NULL) {
        tu_free(g);
        return 0;
    }
    /* in gram order, the occurrences of each are consecutive */
    qsort(g, ng, sizeof *g, cmp_i64);
    for (size_t i = 0, k = 0; i < ng; i++) {
        k = i > 0 && g[i] == g[i - 1] ? k + 1 : 0;
        t[nt++] = gram_tag(g[i], (uint32_t)k);
    }
    tu_free(g);
    qsort(t, nt, sizeof *t, cmp_i32);
    size_t d = 0;
    for (size_t i = 0; i < nt; i++) {
        if (d == 0 || t[i] != t[d - 1]) {
            t[d++] = t[i];
        }
    }
    return d;
}

/* An integer array literal of a[0..n). */
static void array_literal(struct tu_buf *out, const int32_t *a, size_t n)
{
    tu_buf_addc(out, '{');
    for (size_t i = 0; i < n; i++) {
        tu_buf_printf(out, i ? ",%d" : "%d", (int)a[i]);
    }
    tu_buf_addc(out, '}');
}

enum tu_status tm_pg_variant_insert(struct tu_tm *tm, const struct variant *v, int64_t grp,
                                    int64_t from, const struct tu_tm_unit *u,
                                    const char *created, int64_t *id, struct tu_error *err)
{
    struct pg_queue *q = &tm->pg->q;
    struct tu_buf *b = &q->rows[1];
    int32_t *t = NULL;
    size_t nt = tagged_grams(v->cps, v->ncp, tu_tm_lang_seed(v->lang), &t);
    struct pg_queued *e = NULL;

    if (t == NULL || (q->nv == q->cap && (e = tu_realloc(q->v, (q->cap * 2 + 64) * sizeof *e))
                                             == NULL)) {
        tu_free(t);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (q->nv == q->cap) {
        q->v = e;
        q->cap = q->cap * 2 + 64;
    }
    *id = ++q->next_id;
    copy_int(b, *id, false);
    copy_int(b, grp, false);
    if (from) {
        copy_int(b, from, false);
    } else {
        copy_field(b, NULL, false);
    }
    copy_field(b, v->lang, false);
    copy_field(b, v->text.data, false);
    copy_field(b, v->xml.data, false);
    copy_field(b, v->key.data, false);
    copy_int(b, v->key_hash, false);
    copy_int(b, (int64_t)v->ncp, false);
    copy_int(b, (int64_t)(u->prev_hash & 0x7fffffffffffffffULL), false);
    copy_int(b, (int64_t)(u->next_hash & 0x7fffffffffffffffULL), false);
    copy_field(b, u->origin, false);
    copy_field(b, u->approved ? "1" : "0", false);
    copy_field(b, created, false);
    copy_int(b, v->var_hash, true);
    copy_int(&q->rows[3], *id, false);
    copy_int(&q->rows[3], grp, false);
    copy_int(&q->rows[3], (int64_t)v->ncp, false);
    array_literal(&q->rows[3], t, nt);
    tu_buf_addc(&q->rows[3], '\n');
    for (size_t i = 0; i < nt; i++) {
        if (!keys_add(&tm->pg->df, (int64_t)(uint32_t)t[i] + 1)) {
            tu_free(t);
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    tu_free(t);
    if (tm->pg->keys.loaded && !keys_add(&tm->pg->keys, v->key_hash)) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    e = &q->v[q->nv];
    e->id = *id;
    e->grp = grp;
    e->key_hash = v->key_hash;
    e->var_hash = v->var_hash;
    e->own_ctx = from == 0 && u->prev_hash == 0 && u->next_hash == 0;
    e->lang = tu_strdup(v->lang);
    e->xml = tu_strdup(v->xml.data);
    q->nv++;
    if (e->lang == NULL || e->xml == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    return queued(tm, err);
}

enum tu_status tm_pg_group_insert(struct tu_tm *tm, const char *src_lang, int64_t *grp,
                                  struct tu_error *err)
{
    struct pg_queue *q = &tm->pg->q;

    *grp = ++q->next_grp;
    copy_int(&q->rows[0], *grp, false);
    copy_field(&q->rows[0], src_lang, true);
    return queued(tm, err);
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
    {
        struct tu_buf *b = &tm->pg->q.rows[2];
        for (int i = 0; i < 10; i++) {
            copy_field(b, val[i], i == 9);
        }
    }
    return queued(tm, err);
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

/* The rows of the candidate groups into the memory TM, ids kept (after
 * those of earlier fills of the same lookup unless `clear`). */
static enum tu_status fill(struct tu_tm *tm, struct tu_tm *dst, const PGresult *r, bool clear,
                           struct tu_error *err)
{
    sqlite3 *db = dst->db;
    sqlite3_stmt *g = NULL, *v = NULL;
    char stamp[32];
    int rc = sqlite3_exec(db, clear ? "BEGIN; DELETE FROM tuv; DELETE FROM tu_group" : "BEGIN",
                          NULL, NULL, NULL);

    snprintf(stamp, sizeof stamp, "%lu", ++tm->pg->fills);
    if (rc == SQLITE_OK) {
        rc = sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO tu_group (id, src_lang) VALUES (?,?)",
                                -1, &g, NULL);
    }
    if (rc == SQLITE_OK) {
        rc = sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO tuv (id, grp, src, lang, text, xml,"
                                " key, key_hash, key_len, prev_hash, next_hash, origin, approved,"
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

static enum tu_status cache_fill(struct tu_tm *tm, const PGresult *r, bool clear,
                                 struct tu_error *err)
{
    return fill(tm, tm->pg->cache, r, clear, err);
}

/* Every variant of the groups of the variants that match `cond`. */
#define GROUPS_OF(cond)                                                                  \
    "SELECT v.id, v.grp, v.src, v.lang, v.text, v.xml, v.key, v.key_hash, v.key_len,"    \
    " v.prev_hash, v.next_hash, v.origin, v.approved, v.created, v.var_hash, g.src_lang" \
    " FROM (SELECT DISTINCT grp FROM tuv WHERE " cond ") c"                              \
    " JOIN tu_group g ON g.id = c.grp JOIN tuv v ON v.grp = c.grp ORDER BY v.id"

/* The query's key ($1 hash, $2 key). */
static const char exact_sql[] = GROUPS_OF("key_hash = $1 AND key = $2");
/* Every variant in the length window [$1, $2]. */
static const char window_sql[] = GROUPS_OF("key_len BETWEEN $1 AND $2");
/* The groups given ($1), every variant. */
static const char groups_sql[] =
    "SELECT v.id, v.grp, v.src, v.lang, v.text, v.xml, v.key, v.key_hash, v.key_len,"
    " v.prev_hash, v.next_hash, v.origin, v.approved, v.created, v.var_hash, g.src_lang"
    " FROM tu_group g JOIN tuv v ON v.grp = g.id WHERE g.id = ANY($1::bigint[]) ORDER BY v.id";
/* In the window [$1, $2], the variants sharing enough of the query's
 * tagged trigrams ($4) for score $6 at their length and the query's ($5):
 * lookup.c's bound of 2.5 trigrams lost per edit, one trigram more for a
 * hash collision; each group with the best score bound of its variants
 * (lookup.c's unit_bound at the variant's length), best first. With $3,
 * only the variants holding one of the rarest trigrams (GIN). */
#define BOUNDS(cond)                                                                      \
    "SELECT grp, max(least(98, 100 * (l - greatest(abs(key_len - $5), 1,"                 \
    " (greatest(l + 1 - sh, 0) * 2 + 4) / 5)) / l)) ub FROM (SELECT grp, key_len,"        \
    " greatest(key_len, $5) l, icount(grams & $4::int[]) + 1 sh FROM tuv_gram"                 \
    " WHERE key_len BETWEEN $1 AND $2" cond ") s"                                         \
    " WHERE sh > l - (l * (100 - $6) / 100) * 5 / 2 GROUP BY grp ORDER BY 2 DESC, 1 DESC"
static const char *const bounds_sql[2] = {
    BOUNDS(" AND $3::int[] IS NOT NULL"), BOUNDS(" AND grams && $3::int[]")};

/* What a lookup asks the server. */
struct pg_ask {
    size_t n;         /* code points of the key */
    int min;
    int64_t lo, hi;   /* the length window */
    int32_t *t;       /* the key's tagged trigrams */
    size_t nt;
};

struct tag_df {
    int32_t g;
    int64_t n;
};

static int cmp_df(const void *a, const void *b)
{
    const struct tag_df *x = a, *y = b;
    return x->n != y->n ? (x->n > y->n) - (x->n < y->n) : (x->g > y->g) - (x->g < y->g);
}

/* The fewest tagged trigrams a variant in the window shares with the
 * query, as the SQL of fuzzy_sql counts them. */
static long fewest_shared(const struct pg_ask *a)
{
    long fewest = LONG_MAX;
    for (int64_t m = a->lo; m <= a->hi; m++) {
        long longer = m > (int64_t)a->n ? (long)m : (long)a->n;
        long need = longer - longer * (100 - a->min) / 100 * 5 / 2;
        fewest = need < fewest ? need : fewest;
    }
    return fewest;
}

/* The candidate groups (r: group, bound, best first) into the cache a
 * page at a time, scored there after each, until the matches wanted all
 * score at least the next group's bound (lookup.c stops alike). */
static enum tu_status by_bound(struct tu_tm *tm, const struct tu_tm_query *q,
                               const PGresult *r, struct tu_tm_match **out, size_t *count,
                               struct tu_error *err)
{
    size_t max = q->max ? q->max : 5, page = 16;
    int n = PQntuples(r), at = 0;
    enum tu_status st = TU_OK;
    struct tu_buf ids;

    tu_buf_init(&ids, TU_BUF_NO_LIMIT);
    while (st == TU_OK && (at < n || *out == NULL)) {
        PGresult *g = NULL;
        int end = at + (int)page < n ? at + (int)page : n;
        tu_buf_truncate(&ids, 0);
        tu_buf_addc(&ids, '{');
        for (int i = at; i < end; i++) {
            tu_buf_printf(&ids, i > at ? ",%s" : "%s", PQgetvalue(r, i, 0));
        }
        if (tu_buf_addc(&ids, '}') != TU_OK) {
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
            break;
        }
        tu_tm_matches_free(*out, *count);
        *out = NULL;
        *count = 0;
        if (end > at) {
            const char *val[1] = {ids.data};
            st = pg_run(tm, "lookup", groups_sql, 1, val, &g, err);
            st = st == TU_OK ? cache_fill(tm, g, false, err) : st;
            PQclear(g);
        }
        if (st == TU_OK) {
            st = tu_tm_lookup_exhaustive(tm->pg->cache, q, out, count, err);
        }
        at = end;
        if (st != TU_OK || at >= n ||
            (*count >= max && (*out)[max - 1].score >= (int)cell_int(r, at, 1))) {
            break;
        }
        page *= 2;
    }
    tu_buf_release(&ids);
    return st;
}

/* The candidate groups of the fuzzy window into the cache: a variant that
 * shares `fewest` tagged trigrams holds one of the nt - fewest + 1 rarest. */
static enum tu_status fuzzy_candidates(struct tu_tm *tm, const struct tu_tm_query *q,
                                       const struct pg_ask *a, struct tu_tm_match **out,
                                       size_t *count, struct tu_error *err)
{
    struct ints p;
    struct tu_buf all, rare;
    struct tag_df *d = tu_malloc((a->nt + 1) * sizeof *d);
    long fewest = fewest_shared(a);
    PGresult *r = NULL;
    enum tu_status st;

    if (d == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    tu_buf_init(&all, TU_BUF_NO_LIMIT);
    tu_buf_init(&rare, TU_BUF_NO_LIMIT);
    array_literal(&all, a->t, a->nt);
    {
        const char *val[1] = {all.data};
        st = pg_run(tm, "lookup", "SELECT g, n FROM gram_df WHERE g = ANY($1::int[])", 1, val,
                    &r, err);
    }
    for (size_t i = 0; i < a->nt; i++) {
        d[i].g = a->t[i];
        d[i].n = 0; /* in no variant: the rarest */
    }
    for (int i = 0; st == TU_OK && i < PQntuples(r); i++) {
        int32_t g = (int32_t)cell_int(r, i, 0);
        int32_t *at = bsearch(&g, a->t, a->nt, sizeof g, cmp_i32);
        if (at != NULL) {
            d[at - a->t].n = cell_int(r, i, 1);
        }
    }
    PQclear(r);
    r = NULL;
    qsort(d, a->nt, sizeof *d, cmp_df);
    if (st == TU_OK) {
        /* fewest <= 0: the bound lets every variant in the window through */
        size_t take = fewest > 0 && (size_t)fewest <= a->nt ? a->nt - (size_t)fewest + 1 : 0;
        int32_t *g = tu_malloc((take + 1) * sizeof *g);
        for (size_t i = 0; g != NULL && i < take; i++) {
            g[i] = d[i].g;
        }
        if (g != NULL) {
            array_literal(&rare, g, take);
        }
        tu_free(g);
        {
            const char *val[6] = {int_param(&p, 0, a->lo), int_param(&p, 1, a->hi), rare.data,
                                  all.data, int_param(&p, 2, (int64_t)a->n),
                                  int_param(&p, 3, a->min)};
            st = g == NULL || all.status != TU_OK || rare.status != TU_OK
                     ? tu_error_set(err, TU_ENOMEM, "out of memory")
                     : pg_run(tm, "lookup", bounds_sql[fewest > 0], 6, val, &r, err);
        }
    }
    if (st == TU_OK) {
        st = by_bound(tm, q, r, out, count, err);
    }
    PQclear(r);
    tu_free(d);
    tu_buf_release(&all);
    tu_buf_release(&rare);
    return st;
}

/* The lookup on one snapshot: the exact groups, scored on the cache; when
 * they do not fill the answer, the fuzzy candidates too. */
static enum tu_status lookup_snapshot(struct tu_tm *tm, const struct tu_tm_query *q, int mode,
                                      const struct tu_buf *key, const struct pg_ask *a,
                                      struct tu_tm_match **out, size_t *count,
                                      struct tu_error *err)
{
    struct ints p;
    const char *val[2] = {int_param(&p, 0, (int64_t)tu_tm_hash(key->data, key->len - 1)),
                          key->data};
    size_t max = q->max ? q->max : 5;
    PGresult *r = NULL;
    enum tu_status st = pg_run(tm, "lookup", exact_sql, 2, val, &r, err);

    if (st == TU_OK) {
        st = cache_fill(tm, r, true, err);
    }
    PQclear(r);
    if (st != TU_OK || a->lo > a->hi) {
        return st == TU_OK ? tu_tm_lookup_exhaustive(tm->pg->cache, q, out, count, err) : st;
    }
    /* fuzzy scores stay below 99: enough exact matches end the lookup */
    if ((st = tu_tm_lookup_exhaustive(tm->pg->cache, q, out, count, err)) != TU_OK ||
        *count >= max) {
        return st;
    }
    tu_tm_matches_free(*out, *count);
    *out = NULL;
    *count = 0;
    if (mode == 1) {
        const char *w[2] = {int_param(&p, 0, a->lo), int_param(&p, 1, a->hi)};
        st = pg_run(tm, "lookup", window_sql, 2, w, &r, err);
        st = st == TU_OK ? cache_fill(tm, r, false, err) : st;
        PQclear(r);
        /* the cache holds only candidates: its scan is the index's answer */
        return st == TU_OK ? tu_tm_lookup_exhaustive(tm->pg->cache, q, out, count, err) : st;
    }
    return fuzzy_candidates(tm, q, a, out, count, err);
}

enum tu_status tm_pg_lookup(struct tu_tm *tm, const struct tu_tm_query *q, int mode,
                            struct tu_tm_match **out, size_t *count, struct tu_error *err)
{
    struct tu_locale sl;
    struct tu_buf key;
    uint32_t *cp = NULL;
    struct pg_ask a;
    enum tu_status st;
    bool own = !tm->in_txn;

    *out = NULL;
    *count = 0;
    memset(&a, 0, sizeof a);
    a.min = q->min_score > 0 ? q->min_score : 75;
    if (tu_locale_parse(q->src_lang ? q->src_lang : "", &sl, err) != TU_OK) {
        return err->code;
    }
    tu_buf_init(&key, TU_BUF_NO_LIMIT);
    if ((st = tu_text_match_key(q->text, q->len, &key, err)) == TU_OK &&
        (st = tu_buf_addc(&key, 0)) == TU_OK) {
        a.n = tu_tm_codepoints(key.data, key.len - 1, &cp);
        a.nt = cp == NULL ? 0 : tagged_grams(cp, a.n, tu_tm_lang_seed(sl.language), &a.t);
        st = cp == NULL || a.t == NULL ? tu_error_set(err, TU_ENOMEM, "out of memory") : TU_OK;
    }
    /* no fuzzy window: an empty key, or only exact matches asked */
    a.lo = a.n > 0 && a.min <= 98 ? (int64_t)((a.n * (size_t)a.min + 99) / 100) : 1;
    a.hi = a.n > 0 && a.min <= 98 ? (int64_t)(a.n * 100 / (size_t)a.min) : 0;
    /* one snapshot for the whole answer, as one SQLite read transaction;
     * the GIN index, not a scan, however few rows the planner expects */
    if (st == TU_OK && own &&
        (st = pg_run(tm, "lookup", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;"
                     " SET LOCAL enable_seqscan = off", 0, NULL, NULL, err)) == TU_OK) {
        st = lookup_snapshot(tm, q, mode, &key, &a, out, count, err);
        PQclear(PQexec(tm->pg->conn, st == TU_OK ? "COMMIT" : "ROLLBACK"));
    } else if (st == TU_OK) {
        st = lookup_snapshot(tm, q, mode, &key, &a, out, count, err);
    }
    if (st != TU_OK) {
        tu_tm_matches_free(*out, *count);
        *out = NULL;
        *count = 0;
    }
    tu_free(cp);
    tu_free(a.t);
    tu_buf_release(&key);
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

/* The whole TM, one snapshot, copied into a new SQLite TM in memory (ids
 * kept): export and concordance run there, so their output is the file
 * TM's by construction. O(TM) per call, as an export is anyway. */
static enum tu_status pg_copy(struct tu_tm *tm, struct tu_tm **out, struct tu_error *err)
{
    PGresult *r = NULL, *i = NULL;
    sqlite3_stmt *s = NULL;
    enum tu_status st;
    bool own = !tm->in_txn;

    *out = NULL;
    if (tu_tm_open(":memory:", false, out, err) != TU_OK) {
        return err->code;
    }
    st = own ? pg_run(tm, "copy", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL,
                      NULL, err) : TU_OK;
    if (st == TU_OK &&
        (st = pg_run(tm, "copy", "SELECT v.id, v.grp, v.src, v.lang, v.text, v.xml, v.key,"
                     " v.key_hash, v.key_len, v.prev_hash, v.next_hash, v.origin, v.approved,"
                     " v.created, v.var_hash, g.src_lang FROM tuv v JOIN tu_group g"
                     " ON g.id = v.grp ORDER BY v.id", 0, NULL, &r, err)) == TU_OK) {
        st = pg_run(tm, "copy", "SELECT id, tuid, creator, changed, changer, usage, last_used,"
                    " tu_extra, src_extra, trg_extra FROM tu_info ORDER BY id", 0, NULL, &i, err);
    }
    if (own) {
        PQclear(PQexec(tm->pg->conn, "COMMIT"));
    }
    if (st == TU_OK) {
        st = fill(tm, *out, r, false, err);
    }
    if (st == TU_OK &&
        sqlite3_prepare_v2((*out)->db, "INSERT INTO tu_info (id, tuid, creator, changed, changer,"
                           " usage, last_used, tu_extra, src_extra, trg_extra)"
                           " VALUES (?,?,?,?,?,?,?,?,?,?)", -1, &s, NULL) != SQLITE_OK) {
        st = tu_error_at(err, TU_EDB, tm->path, 0, 0, "copy: %s", sqlite3_errmsg((*out)->db));
    }
    sqlite3_exec((*out)->db, "BEGIN", NULL, NULL, NULL);
    for (int row = 0; st == TU_OK && row < PQntuples(i); row++) {
        sqlite3_reset(s);
        for (int c = 0; c < 10; c++) {
            if (PQgetisnull(i, row, c)) {
                sqlite3_bind_null(s, c + 1);
            } else if (c == 0 || c == 5) {
                sqlite3_bind_int64(s, c + 1, cell_int(i, row, c));
            } else {
                sqlite3_bind_text(s, c + 1, PQgetvalue(i, row, c), -1, SQLITE_STATIC);
            }
        }
        if (sqlite3_step(s) != SQLITE_DONE) {
            st = tu_error_at(err, TU_EDB, tm->path, 0, 0, "copy: %s", sqlite3_errmsg((*out)->db));
        }
    }
    sqlite3_exec((*out)->db, st == TU_OK ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
    sqlite3_finalize(s);
    PQclear(r);
    PQclear(i);
    if (st != TU_OK) {
        tu_tm_close(*out);
        *out = NULL;
    }
    return st;
}

enum tu_status tm_pg_export(struct tu_tm *tm, const struct tu_tm_filter *f, struct tu_buf *out,
                            struct tu_error *err)
{
    struct tu_tm *copy = NULL;
    enum tu_status st = pg_copy(tm, &copy, err);

    if (st == TU_OK) {
        st = tu_tm_export_tmx(copy, f, out, err);
    }
    tu_tm_close(copy);
    return st;
}

enum tu_status tm_pg_concordance(struct tu_tm *tm, const char *words, size_t max,
                                 struct tu_buf *out, struct tu_error *err)
{
    struct tu_tm *copy = NULL;
    enum tu_status st = pg_copy(tm, &copy, err);

    if (st == TU_OK) {
        st = tu_tm_concordance(copy, words, max, out, err);
    }
    tu_tm_close(copy);
    return st;
}

/* A GLOB pattern (*, ?, [...], case-sensitive) as an anchored regex. */
static void glob_regex(const char *g, struct tu_buf *out)
{
    tu_buf_addc(out, '^');
    for (; *g; g++) {
        if (*g == '*') {
            tu_buf_adds(out, ".*");
        } else if (*g == '?') {
            tu_buf_addc(out, '.');
        } else if (*g == '[' && strchr(g + 1, ']') != NULL) {
            const char *end = strchr(g + (g[1] == ']' ? 2 : 1), ']');
            if (end == NULL) {
                end = strchr(g + 1, ']');
            }
            tu_buf_addc(out, '[');
            g++;
            if (*g == '^' || *g == '!') {
                tu_buf_addc(out, '^');
                g++;
            }
            for (; g < end; g++) {
                tu_buf_adds(out, *g == '\\' ? "\\\\" : (char[2]){*g, 0});
            }
            tu_buf_addc(out, ']');
        } else {
            if (strchr(".^$+(){}|\\[]", *g) != NULL) {
                tu_buf_addc(out, '\\');
            }
            tu_buf_addc(out, *g);
        }
    }
    tu_buf_addc(out, '$');
    tu_buf_addc(out, 0);
}

/* The units of the filter go as the SQLite view's delete trigger takes
 * them (schema 8): a target that others were translated from stays as a
 * source; a group left without pairs goes, variants and all. */
enum tu_status tm_pg_delete(struct tu_tm *tm, const struct tu_tm_filter *f, const char *since,
                            const char *until, size_t *deleted, struct tu_error *err)
{
    static const char *const steps[] = {
        "UPDATE tuv SET src = NULL, prev_hash = 0, next_hash = 0 WHERE id IN"
        " (SELECT id FROM tumac_del) AND EXISTS (SELECT 1 FROM tuv o WHERE o.grp = tuv.grp"
        " AND o.src = tuv.id)",
        "DELETE FROM tu_info WHERE id IN (SELECT id FROM tumac_del)",
        "DELETE FROM tuv WHERE id IN (SELECT id FROM tumac_del) AND src IS NOT NULL",
        "DELETE FROM tuv WHERE grp IN (SELECT grp FROM tumac_del) AND NOT EXISTS"
        " (SELECT 1 FROM tuv o WHERE o.grp = tuv.grp AND o.src IS NOT NULL)",
        "DELETE FROM tu_group WHERE id IN (SELECT grp FROM tumac_del) AND NOT EXISTS"
        " (SELECT 1 FROM tuv WHERE grp = tu_group.id)",
        "DELETE FROM tuv_gram g WHERE grp IN (SELECT grp FROM tumac_del) AND NOT EXISTS"
        " (SELECT 1 FROM tuv WHERE id = g.id)",
        "DROP TABLE tumac_del"};
    struct tu_buf re;
    PGresult *r = NULL;
    enum tu_status st;

    *deleted = 0;
    tu_buf_init(&re, TU_BUF_NO_LIMIT);
    if (f->origin) {
        glob_regex(f->origin, &re);
        if (re.status != TU_OK) {
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
    }
    if (tu_tm_begin(tm, err) != TU_OK) {
        tu_buf_release(&re);
        return err->code;
    }
    {
        const char *val[5] = {f->src_lang, f->trg_lang, f->origin ? re.data : NULL, since,
                              until};
        st = pg_run(tm, "delete", "CREATE TEMP TABLE tumac_del AS SELECT tu.id, tu.grp FROM tu"
                    " LEFT JOIN tu_info i USING (id) WHERE ($1::text IS NULL OR tu.src_lang = $1)"
                    " AND ($2::text IS NULL OR tu.trg_lang = $2)"
                    " AND ($3::text IS NULL OR tu.origin ~ $3)"
                    " AND ($4::text IS NULL OR coalesce(i.changed, tu.created) >= $4)"
                    " AND ($5::text IS NULL OR coalesce(i.changed, tu.created) <= $5)", 5, val,
                    NULL, err);
    }
    tu_buf_release(&re);
    if (st == TU_OK &&
        (st = pg_run(tm, "delete", "SELECT count(*) FROM tumac_del", 0, NULL, &r, err)) == TU_OK) {
        *deleted = (size_t)cell_int(r, 0, 0);
        PQclear(r);
    }
    for (size_t i = 0; st == TU_OK && i < sizeof steps / sizeof steps[0]; i++) {
        st = pg_run(tm, "delete", steps[i], 0, NULL, NULL, err);
    }
    if (st != TU_OK) {
        tu_tm_rollback(tm);
        return st;
    }
    if (*deleted > 0) {
        tu_tm_content_changed(tm);
    }
    return tu_tm_commit(tm, err);
}

/* The server's own upkeep: the trigram counts again from the variants
 * (a delete leaves them high), the GIN index rebuilt compact, then
 * VACUUM ANALYZE (outside a transaction, as the server requires). */
enum tu_status tm_pg_vacuum(struct tu_tm *tm, struct tu_error *err)
{
    if (tu_tm_begin(tm, err) != TU_OK) {
        return err->code;
    }
    if (pg_run(tm, "vacuum", "TRUNCATE gram_df; INSERT INTO gram_df SELECT g, count(*)"
               " FROM tuv_gram, unnest(grams) g GROUP BY g", 0, NULL, NULL, err) != TU_OK) {
        tu_tm_rollback(tm);
        return err->code;
    }
    if (tu_tm_commit(tm, err) != TU_OK ||
        pg_run(tm, "vacuum", "REINDEX INDEX tuv_grams", 0, NULL, NULL, err) != TU_OK) {
        return err->code;
    }
    return pg_run(tm, "vacuum", "VACUUM ANALYZE tu_group, tuv, tuv_gram, tu_info, gram_df, meta",
                  0, NULL, NULL, err);
}
