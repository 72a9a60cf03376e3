/*
 * The translation memory store: schema, adds, exact and fuzzy lookup,
 * concordance, statistics. SQLite is used only here and in tmx.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "tm-int.h"
#include "schema.gen.h"
#include <tumac/alloc.h>
#include <tumac/escape.h>
#include <tumac/fileio.h>
#include <tumac/locale.h>
#include <tumac/text.h>

#define TM_SCHEMA_VERSION "8"
#define TM_WRITE_CACHE "-262144" /* KiB: a writable open in WAL mode */
#define TM_BULK_CACHE "-16384"   /* KiB: an import through a rollback journal */

const char *tu_tm_schema_sql(void)
{
    return tm_schema_sql;
}

/* PATH-journal: an import writing through a rollback journal, or one
 * killed while it did. */
static bool has_journal(const char *path)
{
    char journal[4096];
    struct stat st;
    return (size_t)snprintf(journal, sizeof journal, "%s-journal", path) < sizeof journal &&
           stat(journal, &st) == 0 && st.st_size > 0;
}

/* How long a connection waits for another's lock: TM_BUSY_MS, or for the
 * tests, whose lock holders wait it out on purpose, TUMAC_TEST_BUSY_MS. */
static int busy_ms(void)
{
    const char *env = getenv("TUMAC_TEST_BUSY_MS");
    int ms = env ? atoi(env) : 0;
    return ms > 0 ? ms : TM_BUSY_MS;
}

/* SQLite waited busy_ms() for a lock in vain: say who holds it. */
static enum tu_status busy_error(const char *path, struct tu_error *err)
{
    if (has_journal(path)) {
        return tu_error_at(err, TU_EDB, path, 0, 0,
                           "the TM is busy: an import is writing it (%s-journal);"
                           " try again when it has finished", path);
    }
    return tu_error_at(err, TU_EDB, path, 0, 0,
                       "the TM is busy: another process is writing it"
                       " (waited %g s); try again when it has finished",
                       busy_ms() / 1000.0);
}

static enum tu_status db_error(struct tu_tm *tm, const char *what,
                               struct tu_error *err)
{
    if ((sqlite3_errcode(tm->db) & 0xff) == SQLITE_BUSY) {
        return busy_error(tm->path, err);
    }
    return tu_error_at(err, TU_EDB, tm->path, 0, 0, "%s: %s", what,
                       sqlite3_errmsg(tm->db));
}

enum tu_status tu_tm_default_path(const char *given, struct tu_buf *out,
                                  struct tu_error *err)
{
    const char *env = getenv("TUMAC_TM");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");

    if (given != NULL && *given != '\0') {
        return tu_buf_adds(out, given) ? tu_error_set(err, TU_ENOMEM, "out of memory") : TU_OK;
    }
    if (env != NULL && *env != '\0') {
        return tu_buf_adds(out, env) ? tu_error_set(err, TU_ENOMEM, "out of memory") : TU_OK;
    }
    if (xdg != NULL && *xdg != '\0') {
        return tu_buf_printf(out, "%s/tumac/memory.db", xdg)
                   ? tu_error_set(err, TU_ENOMEM, "out of memory") : TU_OK;
    }
    if (home == NULL || *home == '\0') {
        return tu_error_set(err, TU_EINVAL,
                            "no TM path: give --tm, or set TUMAC_TM or HOME");
    }
    return tu_buf_printf(out, "%s/.local/share/tumac/memory.db", home)
               ? tu_error_set(err, TU_ENOMEM, "out of memory") : TU_OK;
}

static enum tu_status exec(struct tu_tm *tm, const char *sql, struct tu_error *err)
{
    if (sqlite3_exec(tm->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        return db_error(tm, "database", err);
    }
    return TU_OK;
}

/* The SQL texts given (up to a NULL) in one transaction: all or nothing. */
static enum tu_status exec_in_txn(struct tu_tm *tm, struct tu_error *err, ...)
{
    enum tu_status st = exec(tm, "BEGIN IMMEDIATE", err);
    va_list ap;

    if (st != TU_OK) {
        return st;
    }
    va_start(ap, err);
    for (const char *sql; st == TU_OK && (sql = va_arg(ap, const char *)) != NULL;) {
        st = exec(tm, sql, err);
    }
    va_end(ap);
    if (st == TU_OK) {
        st = exec(tm, "COMMIT", err);
    }
    if (st != TU_OK) {
        sqlite3_exec(tm->db, "ROLLBACK", NULL, NULL, NULL);
    }
    return st;
}

/* FNV-1a over the fields that make two units (or variants) the same, each
 * ended by a byte that UTF-8 text never holds. */
static uint64_t fields_hash(const char *const *field, int n)
{
    uint64_t h = 1469598103934665603ULL;
    for (int i = 0; i < n; i++) {
        for (const unsigned char *c = (const unsigned char *)(field[i] ? field[i] : ""); *c; c++) {
            h ^= *c;
            h *= 1099511628211ULL;
        }
        h ^= 0xff;
        h *= 1099511628211ULL;
    }
    return h & 0x7fffffffffffffffULL;
}

static void sql_fields_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *field[4];
    for (int i = 0; i < 4 && i < argc; i++) {
        field[i] = (const char *)sqlite3_value_text(argv[i]);
    }
    sqlite3_result_int64(ctx, (int64_t)fields_hash(field, argc < 4 ? argc : 4));
}

/* tumac_key(text): the matching key; tumac_hash(key): its hash. */
static void sql_match_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *t = (const char *)sqlite3_value_text(argv[0]);
    size_t n = (size_t)sqlite3_value_bytes(argv[0]);
    struct tu_buf key;
    struct tu_error e = {0};

    (void)argc;
    tu_buf_init(&key, TU_BUF_NO_LIMIT);
    if (t == NULL || tu_text_match_key(t, n, &key, &e) != TU_OK) {
        tu_buf_release(&key);
        sqlite3_result_text(ctx, t ? t : "", -1, SQLITE_TRANSIENT);
        return;
    }
    sqlite3_result_text(ctx, key.data ? key.data : "", (int)key.len, SQLITE_TRANSIENT);
    tu_buf_release(&key);
}

static void sql_key_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *k = (const char *)sqlite3_value_text(argv[0]);
    (void)argc;
    sqlite3_result_int64(ctx, (int64_t)tu_tm_hash(k ? k : "", (size_t)sqlite3_value_bytes(argv[0])));
}

/* The unit table of schemas 5-7, which the migrations to 5 fill and the
 * one to 8 reads (the current schema has variants instead). */
static const char tm_v7_units_sql[] =
    "CREATE TABLE IF NOT EXISTS tu (id INTEGER PRIMARY KEY, src_lang TEXT NOT NULL,"
    " trg_lang TEXT NOT NULL, src_text TEXT NOT NULL, trg_text TEXT NOT NULL,"
    " src_xml TEXT NOT NULL, trg_xml TEXT NOT NULL, src_key TEXT NOT NULL,"
    " key_hash INTEGER NOT NULL, key_len INTEGER NOT NULL,"
    " prev_hash INTEGER NOT NULL DEFAULT 0, next_hash INTEGER NOT NULL DEFAULT 0,"
    " origin TEXT, approved INTEGER NOT NULL DEFAULT 0, created TEXT,"
    " unit_hash INTEGER NOT NULL);"
    " CREATE INDEX IF NOT EXISTS tu_hash ON tu (key_hash, unit_hash);"
    " CREATE INDEX IF NOT EXISTS tu_len ON tu (key_len);"
    " CREATE TABLE IF NOT EXISTS post (k INTEGER PRIMARY KEY, last INTEGER NOT NULL,"
    " n INTEGER NOT NULL, data BLOB NOT NULL);"
    " CREATE TABLE IF NOT EXISTS gram_df (g INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
    " CREATE VIRTUAL TABLE IF NOT EXISTS tu_fts USING fts5 (src_text, trg_text,"
    " content='tu', content_rowid='id');"
    " CREATE TABLE IF NOT EXISTS tu_info (id INTEGER PRIMARY KEY REFERENCES tu (id)"
    " ON DELETE CASCADE, tuid TEXT, creator TEXT, changed TEXT, changer TEXT,"
    " usage INTEGER NOT NULL DEFAULT 0, last_used TEXT, tu_extra TEXT, src_extra TEXT,"
    " trg_extra TEXT)";

static enum tu_status add_sql_functions(struct tu_tm *tm, struct tu_error *err)
{
    const int f = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    if (sqlite3_create_function(tm->db, "tumac_unit_hash", 4, f, NULL, sql_fields_hash, NULL,
                                NULL) != SQLITE_OK ||
        sqlite3_create_function(tm->db, "tumac_var_hash", 2, f, NULL, sql_fields_hash, NULL,
                                NULL) != SQLITE_OK ||
        sqlite3_create_function(tm->db, "tumac_key", 1, f, NULL, sql_match_key, NULL,
                                NULL) != SQLITE_OK ||
        sqlite3_create_function(tm->db, "tumac_key_hash", 1, f, NULL, sql_key_hash, NULL,
                                NULL) != SQLITE_OK) {
        return db_error(tm, "migrate", err);
    }
    return TU_OK;
}

/* The SQL texts given (up to a NULL) and, with reindex, a rebuild of the
 * trigram index, in one transaction with foreign keys off while tables are
 * renamed and dropped (tu_info's REFERENCES must neither follow a rename nor
 * cascade a drop). */
static enum tu_status migrate_tables(struct tu_tm *tm, bool reindex, struct tu_error *err, ...)
{
    enum tu_status st = TU_OK;
    va_list ap;

    if (add_sql_functions(tm, err) != TU_OK ||
        exec(tm, "PRAGMA foreign_keys=OFF; PRAGMA legacy_alter_table=ON", err) != TU_OK) {
        return err->code;
    }
    st = exec(tm, "BEGIN IMMEDIATE", err);
    va_start(ap, err);
    for (const char *sql; st == TU_OK && (sql = va_arg(ap, const char *)) != NULL;) {
        st = exec(tm, sql, err);
    }
    va_end(ap);
    if (st == TU_OK && reindex) {
        st = tu_tm_index_rebuild(tm, err);
    }
    if (st == TU_OK) {
        st = exec(tm, "COMMIT", err);
    }
    if (st != TU_OK) {
        tu_tm_pending_free(tm);
        sqlite3_exec(tm->db, "ROLLBACK", NULL, NULL, NULL);
    }
    sqlite3_exec(tm->db, "PRAGMA legacy_alter_table=OFF; PRAGMA foreign_keys=ON", NULL, NULL, NULL);
    return st;
}

/* 1-4 -> 5: the units move to a table with the unit hash (same ids, so the
 * full-text and tu_info rows stay valid; 1-3 get an empty tu_info) and the
 * trigram index is emptied (1 and 2 had gram rows; the migration to 8 that
 * follows indexes the variants). */
static enum tu_status migrate_to_5(struct tu_tm *tm, struct tu_error *err)
{
    return migrate_tables(tm, false, err,
                          "DROP TABLE IF EXISTS gram; DROP INDEX tu_hash; DROP INDEX tu_len;"
                          " DROP INDEX IF EXISTS tu_unit; ALTER TABLE tu RENAME TO tu_old",
                          tm_v7_units_sql,
                          "INSERT INTO tu (id, src_lang, trg_lang, src_text, trg_text, src_xml,"
                          " trg_xml, src_key, key_hash, key_len, prev_hash, next_hash, origin,"
                          " approved, created, unit_hash) SELECT id, src_lang, trg_lang, src_text,"
                          " trg_text, src_xml, trg_xml, src_key, key_hash, key_len, prev_hash,"
                          " next_hash, origin, approved, created,"
                          " tumac_unit_hash(src_lang, trg_lang, src_xml, trg_xml) FROM tu_old"
                          " ORDER BY id; DROP TABLE tu_old; DELETE FROM post;"
                          " DELETE FROM gram_df; UPDATE meta SET value = '5' WHERE key = 'schema'",
                          (char *)NULL);
}

/* 5 -> 6: every unit of a version 5 file is in the full-text index; the
 * unit hash loses its index. */
static enum tu_status migrate_to_6(struct tu_tm *tm, struct tu_error *err)
{
    return exec_in_txn(tm, err, "DROP INDEX IF EXISTS tu_unit;"
                       " INSERT OR REPLACE INTO meta VALUES ('fts_through',"
                       " (SELECT coalesce(max(id), 0) FROM tu));"
                       " UPDATE meta SET value = '6' WHERE key = 'schema'", (char *)NULL);
}

/* 6 -> 7: the key-hash index also holds the unit hash (see add_unit). */
static enum tu_status migrate_to_7(struct tu_tm *tm, struct tu_error *err)
{
    return exec_in_txn(tm, err, "DROP INDEX IF EXISTS tu_hash;"
                       " CREATE INDEX tu_hash ON tu (key_hash, unit_hash);"
                       " UPDATE meta SET value = '7' WHERE key = 'schema'", (char *)NULL);
}

/* 7 -> 8 in one transaction: a unit becomes a group of two variants, units
 * sharing a source share its group and its variant. The targets keep the
 * units' ids (tu_info and the full-text rows stay valid: the view `tu`
 * gives them the same id); sources take ids above them. Every variant is
 * indexed in its language. */
static enum tu_status migrate_to_8(struct tu_tm *tm, struct tu_error *err)
{
    return migrate_tables(tm, true, err,
                          "DROP INDEX IF EXISTS tu_hash; DROP INDEX IF EXISTS tu_len;"
                          " ALTER TABLE tu RENAME TO tu_old;"
                          " ALTER TABLE tu_info RENAME TO tu_info_old",
                          tm_schema_sql,
                          "CREATE TEMP TABLE src_map AS SELECT min(id) AS g, key_hash, src_lang,"
                          " src_xml FROM tu_old GROUP BY key_hash, src_lang, src_xml;"
                          " CREATE UNIQUE INDEX temp.src_map_k ON src_map (key_hash, src_lang, src_xml);"
                          " INSERT INTO tu_group (id, src_lang) SELECT g, src_lang FROM src_map;"
                          " INSERT INTO tuv (id, grp, src, lang, text, xml, key, key_hash, key_len,"
                          " prev_hash, next_hash, origin, approved, created, var_hash)"
                          " SELECT m.g + (SELECT max(id) FROM tu_old), m.g, NULL, o.src_lang,"
                          " o.src_text, o.src_xml, o.src_key, o.key_hash, o.key_len, o.prev_hash,"
                          " o.next_hash, o.origin, o.approved, o.created,"
                          " tumac_var_hash(o.src_lang, o.src_xml)"
                          " FROM src_map m JOIN tu_old o ON o.id = m.g ORDER BY m.g;"
                          " INSERT INTO tuv (id, grp, src, lang, text, xml, key, key_hash, key_len,"
                          " prev_hash, next_hash, origin, approved, created, var_hash)"
                          " SELECT id, g, g + (SELECT max(id) FROM tu_old), trg_lang, trg_text,"
                          " trg_xml, k, tumac_key_hash(k), length(k), prev_hash, next_hash, origin,"
                          " approved, created, tumac_var_hash(trg_lang, trg_xml) FROM"
                          " (SELECT o.*, m.g AS g, tumac_key(o.trg_text) AS k FROM tu_old o"
                          " JOIN src_map m USING (key_hash, src_lang, src_xml)) ORDER BY id;"
                          " INSERT INTO tu_info SELECT * FROM tu_info_old;"
                          " INSERT INTO tu_info (id, tuid, creator, changed, changer, usage,"
                          " last_used, tu_extra, trg_extra) SELECT m.g + (SELECT max(id) FROM tu_old),"
                          " i.tuid, i.creator, i.changed, i.changer, 0, NULL, i.tu_extra, i.src_extra"
                          " FROM src_map m JOIN tu_info_old i ON i.id = m.g;"
                          " DROP TABLE tu_info_old; DROP TABLE tu_old; DROP TABLE src_map;"
                          " UPDATE meta SET value = '8' WHERE key = 'schema'",
                          (char *)NULL);
}

static bool is_before_5(const char *version)
{
    return strcmp(version, "1") == 0 || strcmp(version, "2") == 0 ||
           strcmp(version, "3") == 0 || strcmp(version, "4") == 0;
}

static bool is_before_6(const char *version)
{
    return is_before_5(version) || strcmp(version, "5") == 0;
}

static bool is_before_7(const char *version)
{
    return is_before_6(version) || strcmp(version, "6") == 0;
}

static bool is_old_version(const char *version)
{
    return is_before_7(version) || strcmp(version, "7") == 0;
}

static enum tu_status migrate(struct tu_tm *tm, struct tu_error *err)
{
    sqlite3_stmt *st = NULL;
    char version[16] = "";

    if (sqlite3_prepare_v2(tm->db, "SELECT value FROM meta WHERE key='schema'",
                           -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) {
            snprintf(version, sizeof version, "%s",
                     (const char *)sqlite3_column_text(st, 0));
        }
        sqlite3_finalize(st);
    }
    if (strcmp(version, TM_SCHEMA_VERSION) == 0) {
        return TU_OK;
    }
    if (is_old_version(version) && !tm->readonly) {
        if (is_before_5(version) && migrate_to_5(tm, err) != TU_OK) {
            return err->code;
        }
        if (is_before_6(version) && migrate_to_6(tm, err) != TU_OK) {
            return err->code;
        }
        if (is_before_7(version) && migrate_to_7(tm, err) != TU_OK) {
            return err->code;
        }
        return migrate_to_8(tm, err);
    }
    if (is_old_version(version)) {
        /* Read-only use of an older file: migrate it through a writable
         * connection first (fails if the file is not writable). */
        struct tu_tm *rw = NULL;
        if (tu_tm_open(tm->path, false, &rw, err) != TU_OK) {
            return err->code;
        }
        tu_tm_close(rw);
        return TU_OK;
    }
    if (version[0] != '\0') {
        return tu_error_at(err, TU_EUNSUPPORTED, tm->path, 0, 0,
                           "TM schema version %s is newer than this tumac "
                           "knows (%s)", version, TM_SCHEMA_VERSION);
    }
    if (tm->readonly) {
        return tu_error_at(err, TU_EDB, tm->path, 0, 0,
                           "not a tumac translation memory");
    }
    return exec_in_txn(tm, err, tm_schema_sql,
                       "INSERT OR REPLACE INTO meta VALUES ('schema', '"
                       TM_SCHEMA_VERSION "'), ('fts_through', '0')", (char *)NULL);
}

/* How open_once opens: writable, read-only, or read-only as an unchanging
 * snapshot (no locks, no -shm: a TM in a folder this user cannot write). */
enum open_mode { OPEN_WRITE, OPEN_READ, OPEN_SNAPSHOT };

static enum tu_status open_once(const char *path, enum open_mode mode, struct tu_tm **out,
                                int *db_code, struct tu_error *err);

/* PATH-wal with changes not yet in the file. */
static bool has_wal(const char *path)
{
    char wal[4096];
    struct stat st;
    return (size_t)snprintf(wal, sizeof wal, "%s-wal", path) < sizeof wal &&
           stat(wal, &st) == 0 && st.st_size > 0;
}

/* Can this user create files beside PATH (SQLite's -shm and -wal)? */
static bool folder_writable(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[4096];

    if (slash == NULL) {
        return access(".", W_OK) == 0;
    }
    if ((size_t)(slash - path) >= sizeof dir) {
        return true;
    }
    memcpy(dir, path, (size_t)(slash - path));
    dir[slash == path ? 1 : slash - path] = '\0';
    return access(dir, W_OK) == 0;
}

/* A killed rollback-journal import's journal is rolled back by a writable
 * connection (a read-only one cannot); a time-out names who writes (see
 * busy_error). */
enum tu_status tu_tm_open(const char *path, bool readonly, struct tu_tm **out,
                          struct tu_error *err)
{
    int db_code = SQLITE_OK;
    enum tu_status st;

    if (tu_tm_is_server(path)) {
        return tm_pg_open(path, readonly, out, err);
    }
    /* a read-only WAL open needs the -shm file, which a folder this user
     * cannot write does not let SQLite create: read the file as it is,
     * unless PATH-wal holds changes the file lacks */
    if (readonly && !folder_writable(path)) {
        if (has_wal(path) || has_journal(path)) {
            return tu_error_at(err, TU_EDB, path, 0, 0,
                               "the TM's folder is read-only and %s-%s holds changes not"
                               " yet in the TM: open it once where it can be written",
                               path, has_wal(path) ? "wal" : "journal");
        }
        return open_once(path, OPEN_SNAPSHOT, out, &db_code, err);
    }
    st = open_once(path, readonly ? OPEN_READ : OPEN_WRITE, out, &db_code, err);

    if (st != TU_OK && readonly && db_code == SQLITE_READONLY_ROLLBACK) {
        struct tu_tm *rw = NULL;
        tu_error_clear(err);
        if (open_once(path, OPEN_WRITE, &rw, &db_code, err) != TU_OK) {
            return tu_error_wrap(err, path, 0, 0, "an interrupted import left %s-journal;"
                                 " rolling it back needs write access", path);
        }
        tu_tm_close(rw);
        st = open_once(path, OPEN_READ, out, &db_code, err);
    }
    return st;
}

/*
 * The switch to WAL reads the file, then needs a write lock: SQLite does
 * not call the busy handler for that upgrade (it could deadlock), so while
 * an import wrote through a rollback journal every writable open failed at
 * once. The wait the busy timeout promises happens here.
 */
static enum tu_status set_wal(struct tu_tm *tm, struct tu_error *err)
{
    const int step_ms = 25;

    for (int waited = 0;; waited += step_ms) {
        int rc = sqlite3_exec(tm->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
        if (rc == SQLITE_OK) {
            return TU_OK;
        }
        if ((rc & 0xff) != SQLITE_BUSY || waited >= busy_ms()) {
            return db_error(tm, "database", err);
        }
        sqlite3_sleep(step_ms);
    }
}

/* A TM this open created and could not finish (a full disk): its files go,
 * so no empty or half-made database is left to be taken for a TM. */
static void remove_new_tm(const char *path)
{
    static const char *const suffix[] = {"", "-journal", "-wal", "-shm"};
    char name[4096];

    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        if ((size_t)snprintf(name, sizeof name, "%s%s", path, suffix[i]) < sizeof name) {
            unlink(name);
        }
    }
}

/* "file:PATH?immutable=1" with PATH percent-encoded where URIs need it. */
static char *snapshot_uri(const char *path)
{
    struct tu_buf b;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    tu_buf_adds(&b, "file:");
    for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
        if (*c == '%' || *c == '?' || *c == '#' || *c <= ' ' || *c >= 0x7F) {
            tu_buf_printf(&b, "%%%02X", *c);
        } else {
            tu_buf_addc(&b, (char)*c);
        }
    }
    tu_buf_adds(&b, "?immutable=1");
    if (b.status != TU_OK) {
        tu_buf_release(&b);
        return NULL;
    }
    return b.data;
}

static enum tu_status open_once(const char *path, enum open_mode mode, struct tu_tm **out,
                                int *db_code, struct tu_error *err)
{
    struct tu_tm *tm;
    bool readonly = mode != OPEN_WRITE;
    int flags = readonly ? SQLITE_OPEN_READONLY
                         : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    struct stat before;
    bool created = !readonly && stat(path, &before) != 0 && errno == ENOENT;
    char *uri = NULL;

    *out = NULL;
    if (!readonly) {
        enum tu_status st = tu_mkdirs_for(path, err);
        if (st != TU_OK) {
            return st;
        }
    }
    tm = tu_calloc(1, sizeof *tm);
    if (tm == NULL || (tm->path = tu_strdup(path)) == NULL) {
        tu_free(tm);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    tm->readonly = readonly;
    if (mode == OPEN_SNAPSHOT && (uri = snapshot_uri(path)) == NULL) {
        tu_tm_close(tm);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (sqlite3_open_v2(uri != NULL ? uri : path, &tm->db,
                        flags | (uri != NULL ? SQLITE_OPEN_URI : 0), NULL) != SQLITE_OK) {
        enum tu_status st = tu_error_at(err, TU_EDB, path, 0, 0,
                                        "cannot open the TM: %s",
                                        tm->db ? sqlite3_errmsg(tm->db) : "out of memory");
        tu_free(uri);
        tu_tm_close(tm);
        return st;
    }
    tu_free(uri);
    sqlite3_busy_timeout(tm->db, busy_ms());
    /* A writable open keeps a large transaction's dirty pages in memory (in
     * WAL a spilled page is written twice; imports through a rollback
     * journal shrink it, see tu_tm_begin_bulk); read-only lookups map the
     * file, so a page read once stays (1M units: fuzzy p50 ~25 -> ~21 ms,
     * CPU -15 %; the first query to touch many pages pays more in faults). */
    if ((!readonly && set_wal(tm, err) != TU_OK) ||
        exec(tm, "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
                  " PRAGMA temp_store=MEMORY", err) != TU_OK ||
        exec(tm, readonly ? "PRAGMA cache_size=-65536; PRAGMA mmap_size=2147418112"
                          : "PRAGMA cache_size=" TM_WRITE_CACHE, err) != TU_OK ||
        migrate(tm, err) != TU_OK) {
        *db_code = sqlite3_extended_errcode(tm->db);
        tu_tm_close(tm);
        if (created) {
            remove_new_tm(path);
            return tu_error_wrap(err, path, 0, 0, "cannot create the TM (nothing was"
                                 " left behind)");
        }
        return err->code;
    }
    *out = tm;
    return TU_OK;
}

void tu_tm_close(struct tu_tm *tm)
{
    if (tm == NULL) {
        return;
    }
    tm_pg_close(tm);
    for (size_t i = 0; i < sizeof tm->stmt / sizeof tm->stmt[0]; i++) {
        sqlite3_finalize(tm->stmt[i]);
    }
    tu_tm_pending_free(tm);
    sqlite3_close(tm->db);
    tu_free(tm->scratch.unit);
    tu_free(tm->scratch.touched);
    tu_free(tm->keys.ent);
    tu_free(tm->keys.text);
    for (size_t i = 0; i < TM_TRANSLIT_MAX; i++) {
        tu_translit_free(tm->tr[i].t);
    }
    tu_free(tm->path);
    tu_free(tm);
}

/* Back to WAL after a bulk import: readers again see the last commit
 * while a writer works. If it cannot switch now (a reader of the rollback
 * journal holds the file), the next writable open does. */
static void end_bulk(struct tu_tm *tm)
{
    if (tm->bulk) {
        sqlite3_exec(tm->db, "PRAGMA synchronous=NORMAL; PRAGMA cache_size=" TM_WRITE_CACHE
                             "; PRAGMA journal_mode=WAL", NULL, NULL, NULL);
        tm->bulk = false;
    }
}

enum tu_status tu_tm_begin(struct tu_tm *tm, struct tu_error *err)
{
    if (tm->pg != NULL) {
        return tm_pg_begin(tm, err);
    }
    if (exec(tm, "BEGIN IMMEDIATE", err) != TU_OK) {
        return err->code;
    }
    tm->in_txn = true;
    return TU_OK;
}

/* An import writes through a rollback journal when no other connection has
 * the TM open: pages appended to the file need no journal, where WAL writes
 * every page twice (to the log, then at the checkpoint): 100k units, -8 %
 * time. With another connection open the switch fails at once and the
 * import stays in WAL. A rollback journal is crash-safe only if synced
 * (synchronous=FULL: a few fsyncs for the whole import). Its cache can be
 * small: with no WAL, a spilled page is one write to the file, where page
 * faults for a cache that holds the whole import cost more (100k units:
 * -12 % time; 1M: -2 %). */
enum tu_status tu_tm_begin_bulk(struct tu_tm *tm, struct tu_error *err)
{
    sqlite3_stmt *s;

    if (tm->pg != NULL) {
        return tm_pg_begin(tm, err);
    }
    sqlite3_busy_timeout(tm->db, 0);
    if (sqlite3_prepare_v2(tm->db, "PRAGMA journal_mode=DELETE", -1, &s, NULL) == SQLITE_OK) {
        tm->bulk = sqlite3_step(s) == SQLITE_ROW &&
                   strcmp((const char *)sqlite3_column_text(s, 0), "delete") == 0;
        sqlite3_finalize(s);
    }
    sqlite3_busy_timeout(tm->db, busy_ms());
    if (tm->bulk && exec(tm, "PRAGMA synchronous=FULL; PRAGMA cache_size=" TM_BULK_CACHE,
                         err) != TU_OK) {
        end_bulk(tm);
        return err->code;
    }
    return tu_tm_begin(tm, err);
}

void tu_tm_content_changed(struct tu_tm *tm)
{
    tm->content_changed = true;
}

/* A new random value in meta 'content' (see tu_tm_content_stamp): random
 * rather than a counter, so two different TMs never share a stamp. Usage
 * counts do not come here: a batch that only counted uses is still current. */
static enum tu_status renew_content_stamp(struct tu_tm *tm, struct tu_error *err)
{
    if (!tm->content_changed) {
        return TU_OK;
    }
    tm->content_changed = false;
    return exec(tm, "INSERT INTO meta VALUES ('content', lower(hex(randomblob(8))))"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", err);
}

enum tu_status tu_tm_content_stamp(struct tu_tm *tm, uint64_t *out, struct tu_error *err)
{
    sqlite3_stmt *s;
    uint64_t h = 1469598103934665603ULL;

    /* max(id) too: a TM that older versions changed has no 'content' row */
    if (tm->pg != NULL) {
        return tm_pg_content_stamp(tm, out, err);
    }
    if (sqlite3_prepare_v2(tm->db, "SELECT (SELECT value FROM meta WHERE key = 'content'),"
                           " (SELECT max(id) FROM tuv)", -1, &s, NULL) != SQLITE_OK) {
        return db_error(tm, "content stamp", err);
    }
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return db_error(tm, "content stamp", err);
    }
    for (int i = 0; i < 2; i++) {
        const char *v = (const char *)sqlite3_column_text(s, i);
        h = (h ^ tu_tm_hash(v ? v : "", v ? strlen(v) : 0)) * 1099511628211ULL;
    }
    sqlite3_finalize(s);
    *out = h;
    return TU_OK;
}

/* The postings collected since begin are written just before the commit,
 * so a committed unit is always indexed. */
enum tu_status tu_tm_commit(struct tu_tm *tm, struct tu_error *err)
{
    enum tu_status st;

    if (tm->pg != NULL) {
        return tm_pg_commit(tm, err);
    }
    if (tu_tm_flush(tm, err) != TU_OK || renew_content_stamp(tm, err) != TU_OK) {
        tu_tm_rollback(tm);
        return err->code;
    }
    tm->in_txn = false;
    st = exec(tm, "COMMIT", err);
    end_bulk(tm);
    return st;
}

void tu_tm_rollback(struct tu_tm *tm)
{
    if (tm->pg != NULL) {
        tm_pg_rollback(tm);
        return;
    }
    tm->content_changed = false;
    tu_tm_pending_free(tm);
    tm->in_txn = false;
    sqlite3_exec(tm->db, "ROLLBACK", NULL, NULL, NULL);
    end_bulk(tm);
}

/* FNV-1a, 63 bits so it fits SQLite's signed integers. */
uint64_t tu_tm_hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    h &= 0x7fffffffffffffffULL;
    return h ? h : 1;
}

uint64_t tu_tm_context_hash(const char *text, size_t len)
{
    struct tu_buf key;
    struct tu_error e = {0};
    uint64_t h;

    if (text == NULL) {
        return 0;
    }
    tu_buf_init(&key, TU_BUF_NO_LIMIT);
    if (tu_text_match_key(text, len, &key, &e) != TU_OK) {
        tu_buf_release(&key);
        return tu_tm_hash(text, len);
    }
    h = tu_tm_hash(key.data ? key.data : "", key.len);
    tu_buf_release(&key);
    return h;
}

static bool digits(const char *s, size_t n, int lo, int hi, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return v >= lo && v <= hi;
}

/* Dates are stored in TMX form because it sorts as text: filters compare
 * with <= and >=. ISO days are accepted too (from the command line). */
bool tu_tm_date_norm(const char *in, bool end_of_day, char out[TM_DATE_SIZE])
{
    int y, mo, d, h = end_of_day ? 23 : 0, mi = end_of_day ? 59 : 0, sec = mi;
    size_t n = in ? strlen(in) : 0;
    const char *t = NULL;

    if (n >= 8 && digits(in, 4, 0, 9999, &y) && in[4] != '-') {
        if (!digits(in + 4, 2, 1, 12, &mo) || !digits(in + 6, 2, 1, 31, &d)) {
            return false;
        }
        if (n > 8) {
            if (n != 16 || in[8] != 'T' || in[15] != 'Z' || !digits(in + 9, 2, 0, 23, &h) ||
                !digits(in + 11, 2, 0, 59, &mi) || !digits(in + 13, 2, 0, 60, &sec)) {
                return false;
            }
        }
    } else if (n >= 10 && digits(in, 4, 0, 9999, &y) && in[4] == '-' && in[7] == '-' &&
               digits(in + 5, 2, 1, 12, &mo) && digits(in + 8, 2, 1, 31, &d)) {
        t = in + 10;
        if (*t != '\0') {
            if (*t != 'T' || strlen(t) < 9 || t[3] != ':' || t[6] != ':' ||
                !digits(t + 1, 2, 0, 23, &h) || !digits(t + 4, 2, 0, 59, &mi) ||
                !digits(t + 7, 2, 0, 60, &sec) ||
                (t[9] != '\0' && strcmp(t + 9, "Z") != 0)) {
                return false;
            }
        }
    } else {
        return false;
    }
    snprintf(out, TM_DATE_SIZE, "%04d%02d%02dT%02d%02d%02dZ", y, mo, d, h, mi, sec);
    return true;
}

void tu_tm_date_now(char out[TM_DATE_SIZE])
{
    time_t now = time(NULL);
    struct tm utc;
    gmtime_r(&now, &utc);
    strftime(out, TM_DATE_SIZE, "%Y%m%dT%H%M%SZ", &utc);
}

static enum tu_status prep(struct tu_tm *tm, int i, const char *sql,
                           struct tu_error *err)
{
    if (tm->stmt[i] == NULL &&
        sqlite3_prepare_v2(tm->db, sql, -1, &tm->stmt[i], NULL) != SQLITE_OK) {
        return db_error(tm, "prepare", err);
    }
    sqlite3_reset(tm->stmt[i]);
    sqlite3_clear_bindings(tm->stmt[i]);
    return TU_OK;
}

/* A unit's date field in TMX form; NULL stays NULL (or now, for created). */
static enum tu_status unit_date(const char *what, const char *in, bool default_now,
                                char out[TM_DATE_SIZE], const char **res,
                                struct tu_error *err)
{
    *res = NULL;
    if (in == NULL) {
        if (default_now) {
            tu_tm_date_now(out);
            *res = out;
        }
        return TU_OK;
    }
    if (!tu_tm_date_norm(in, false, out)) {
        return tu_error_set(err, TU_EINVAL, "bad %s \"%.40s\" (want YYYYMMDDThhmmssZ)",
                            what, in);
    }
    *res = out;
    return TU_OK;
}

/* The metadata row of a new variant, only when it has some: a target's
 * holds its pair's (the <tu>'s, the source <tuv>'s, its own <tuv>'s), a
 * new group's source variant the <tu>'s and its own <tuv>'s (as trg_extra:
 * the variant's own), which a multilingual export writes. */
static enum tu_status add_info(struct tu_tm *tm, int64_t id, const struct tu_tm_unit *u,
                               bool source, struct tu_error *err)
{
    char changed[TM_DATE_SIZE], last_used[TM_DATE_SIZE];
    const char *ch, *lu;
    sqlite3_stmt *s;

    const char *own = source ? u->src_extra : u->trg_extra;

    if (!u->tuid && !u->creator && !u->changed && !u->changer && !u->last_used &&
        u->usage_count == 0 && !u->tu_extra && (source || !u->src_extra) && !own) {
        return TU_OK;
    }
    if (tm->pg != NULL) {
        return unit_date("changedate", u->changed, false, changed, &ch, err) != TU_OK ||
                       unit_date("lastusagedate", u->last_used, false, last_used, &lu, err) != TU_OK
                   ? err->code : tm_pg_add_info(tm, id, u, source, ch, lu, err);
    }
    if (unit_date("changedate", u->changed, false, changed, &ch, err) != TU_OK ||
        unit_date("lastusagedate", u->last_used, false, last_used, &lu, err) != TU_OK ||
        prep(tm, TM_ST_INFO, "INSERT INTO tu_info (id, tuid, creator, changed, changer,"
             " usage, last_used, tu_extra, src_extra, trg_extra)"
             " VALUES (?,?,?,?,?,?,?,?,?,?)", err) != TU_OK) {
        return err->code;
    }
    s = tm->stmt[TM_ST_INFO];
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, u->tuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, u->creator, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, ch, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, u->changer, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 6, source ? 0 : u->usage_count); /* the pair's uses */
    sqlite3_bind_text(s, 7, source ? NULL : lu, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 8, u->tu_extra, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 9, source ? NULL : u->src_extra, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 10, own, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE) {
        return db_error(tm, "add", err);
    }
    sqlite3_reset(s);
    return TU_OK;
}

/* Decode one UTF-8 code point; invalid bytes count as one. */
static size_t utf8_next(const char *s, size_t len, size_t i, uint32_t *cp)
{
    unsigned char c = (unsigned char)s[i];
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    uint32_t v = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    if (i + n > len) {
        *cp = c;
        return 1;
    }
    for (size_t k = 1; k < n; k++) {
        v = (v << 6) | ((unsigned char)s[i + k] & 0x3Fu);
    }
    *cp = v;
    return n;
}

size_t tu_tm_decode(const char *s, size_t len, uint32_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        i += utf8_next(s, len, i, &out[n++]);
    }
    return n;
}

size_t tu_tm_codepoints(const char *s, size_t len, uint32_t **out)
{
    uint32_t *cps = tu_malloc((len + 1) * sizeof *cps);
    if (cps == NULL) {
        *out = NULL;
        return 0;
    }
    *out = cps;
    return tu_tm_decode(s, len, cps);
}

/* Units of an import share their languages: parse each tag once. */
static enum tu_status parse_lang(struct tu_tm *tm, int which, const char *tag,
                                 struct tu_locale *out, struct tu_error *err)
{
    struct tu_tm_lang *c = &tm->lang[which];
    if (tag == NULL) {
        tag = "";
    }
    if (c->valid && strcmp(c->tag, tag) == 0) {
        *out = c->loc;
        return TU_OK;
    }
    if (tu_locale_parse(tag, out, err) != TU_OK) {
        return err->code;
    }
    c->valid = strlen(tag) < sizeof c->tag;
    if (c->valid) {
        memcpy(c->tag, tag, strlen(tag) + 1);
        c->loc = *out;
    }
    return TU_OK;
}

/* A variant added again: approval sticks; a missing context is filled in
 * when the variant was made from the same source (`from`; 0: any). */
static enum tu_status merge_variant(struct tu_tm *tm, int64_t id, int64_t from,
                                    const struct tu_tm_unit *u, struct tu_error *err)
{
    sqlite3_stmt *s;

    if (tm->pg != NULL) {
        return tm_pg_merge(tm, id, from, u, err);
    }    if (prep(tm, TM_ST_MERGE, "UPDATE tuv SET approved = max(approved, ?2),"
             " prev_hash = CASE WHEN prev_hash = 0 AND (?5 = 0 OR src IS ?5) THEN ?3"
             " ELSE prev_hash END,"
             " next_hash = CASE WHEN next_hash = 0 AND (?5 = 0 OR src IS ?5) THEN ?4"
             " ELSE next_hash END WHERE id = ?1", err) != TU_OK) {
        return err->code;
    }
    s = tm->stmt[TM_ST_MERGE];
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, u->approved ? 1 : 0);
    sqlite3_bind_int64(s, 3, (int64_t)(u->prev_hash & 0x7fffffffffffffffULL));
    sqlite3_bind_int64(s, 4, (int64_t)(u->next_hash & 0x7fffffffffffffffULL));
    sqlite3_bind_int64(s, 5, from);
    if (sqlite3_step(s) != SQLITE_DONE) {
        return db_error(tm, "merge", err);
    }
    sqlite3_reset(s);
    return TU_OK;
}


static enum tu_status variant_make(struct variant *v, const char *lang,
                                   const struct tu_content *content, const char *text,
                                   const char *xml, struct tu_error *err)
{
    const char *field[2];

    memset(v, 0, sizeof *v);
    v->lang = lang;
    tu_buf_init(&v->text, TU_BUF_NO_LIMIT);
    tu_buf_init(&v->xml, TU_BUF_NO_LIMIT);
    tu_buf_init(&v->key, TU_BUF_NO_LIMIT);
    if (content) {
        tu_content_plain(content, &v->text);
    } else if (text) {
        tu_buf_adds(&v->text, text);
    }
    tu_buf_addc(&v->text, 0);
    if (xml) {
        tu_buf_adds(&v->xml, xml);
    } else {
        tu_xml_text(&v->xml, v->text.data);
    }
    tu_buf_addc(&v->xml, 0);
    if (v->text.status != TU_OK || v->xml.status != TU_OK) { /* data is "" then */
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    if (tu_text_match_key(v->text.data, v->text.len - 1, &v->key, err) != TU_OK) {
        return err->code;
    }
    tu_buf_addc(&v->key, 0);
    v->ncp = tu_tm_codepoints(v->key.data, v->key.len - 1, &v->cps);
    if (v->key.status != TU_OK || v->cps == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    v->key_hash = (int64_t)tu_tm_hash(v->key.data, v->key.len - 1);
    field[0] = lang;
    field[1] = v->xml.data;
    v->var_hash = (int64_t)fields_hash(field, 2);
    return TU_OK;
}

static void variant_release(struct variant *v)
{
    tu_free(v->cps);
    tu_buf_release(&v->text);
    tu_buf_release(&v->xml);
    tu_buf_release(&v->key);
}

/* The stored variant equal to v: in group grp, or (grp 0) the first of
 * any group. One seek in tuv_hash (key hash, variant hash, group), which
 * exact lookup needs anyway: 20,000 units sharing a source stay linear.
 * *id is 0 when there is none. */
static enum tu_status variant_find(struct tu_tm *tm, const struct variant *v, int64_t grp,
                                   int64_t *id, int64_t *found_grp, bool *own_ctx,
                                   struct tu_error *err)
{
    int which = grp ? TM_ST_FIND_IN : TM_ST_FIND;
    sqlite3_stmt *s;
    int rc;

    *id = 0;
    if (tm->pg != NULL) {
        return tm_pg_variant_find(tm, v, grp, id, found_grp, own_ctx, err);
    }
    if (prep(tm, which, grp ? "SELECT id, grp, src IS NULL AND prev_hash = 0 AND next_hash = 0"
                              " FROM tuv WHERE key_hash = ?1 AND var_hash = ?2 AND grp = ?5"
                              " AND lang = ?3 AND xml = ?4"
                            : "SELECT id, grp, src IS NULL AND prev_hash = 0 AND next_hash = 0"
                              " FROM tuv WHERE key_hash = ?1 AND var_hash = ?2"
                              " AND lang = ?3 AND xml = ?4 ORDER BY grp LIMIT 1", err) != TU_OK) {
        return err->code;
    }
    s = tm->stmt[which];
    sqlite3_bind_int64(s, 1, v->key_hash);
    sqlite3_bind_int64(s, 2, v->var_hash);
    sqlite3_bind_text(s, 3, v->lang, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, v->xml.data, -1, SQLITE_STATIC);
    if (grp) {
        sqlite3_bind_int64(s, 5, grp);
    }
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        *found_grp = sqlite3_column_int64(s, 1);
        *own_ctx = sqlite3_column_int(s, 2) != 0;
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? TU_OK : db_error(tm, "add", err);
}

/* A new variant of group grp made from variant `from` (0: a source), and
 * its postings in its language's index. */
static enum tu_status variant_insert(struct tu_tm *tm, const struct variant *v, int64_t grp,
                                     int64_t from, const struct tu_tm_unit *u,
                                     const char *created, int64_t *id, struct tu_error *err)
{
    sqlite3_stmt *s;

    if (tm->pg != NULL) {
        return tm_pg_variant_insert(tm, v, grp, from, u, created, id, err);
    }
    if (prep(tm, TM_ST_INSERT,
             "INSERT INTO tuv (grp, src, lang, text, xml, key, key_hash, key_len, prev_hash,"
             " next_hash, origin, approved, created, var_hash)"
             " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", err) != TU_OK) {
        return err->code;
    }
    s = tm->stmt[TM_ST_INSERT];
    sqlite3_bind_int64(s, 1, grp);
    if (from) {
        sqlite3_bind_int64(s, 2, from);
    }
    sqlite3_bind_text(s, 3, v->lang, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, v->text.data, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, v->xml.data, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, v->key.data, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 7, v->key_hash);
    sqlite3_bind_int64(s, 8, (int64_t)v->ncp);
    sqlite3_bind_int64(s, 9, (int64_t)(u->prev_hash & 0x7fffffffffffffffULL));
    sqlite3_bind_int64(s, 10, (int64_t)(u->next_hash & 0x7fffffffffffffffULL));
    if (u->origin) {
        sqlite3_bind_text(s, 11, u->origin, -1, SQLITE_STATIC);
    }
    sqlite3_bind_int(s, 12, u->approved ? 1 : 0);
    sqlite3_bind_text(s, 13, created, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 14, v->var_hash);
    if (sqlite3_step(s) != SQLITE_DONE) {
        return db_error(tm, "add", err);
    }
    sqlite3_reset(s);
    *id = sqlite3_last_insert_rowid(tm->db);
    return tu_tm_index_unit(tm, *id, v->cps, v->ncp, tu_tm_lang_seed(v->lang), err);
}

static enum tu_status group_insert(struct tu_tm *tm, const char *src_lang, int64_t *grp,
                                   struct tu_error *err)
{
    sqlite3_stmt *s;

    if (tm->pg != NULL) {
        return tm_pg_group_insert(tm, src_lang, grp, err);
    }    if (prep(tm, TM_ST_GROUP, "INSERT INTO tu_group (src_lang) VALUES (?)", err) != TU_OK) {
        return err->code;
    }
    s = tm->stmt[TM_ST_GROUP];
    if (src_lang) {
        sqlite3_bind_text(s, 1, src_lang, -1, SQLITE_STATIC);
    }
    if (sqlite3_step(s) != SQLITE_DONE) {
        return db_error(tm, "add", err);
    }
    sqlite3_reset(s);
    *grp = sqlite3_last_insert_rowid(tm->db);
    return TU_OK;
}

/* The source variant of a unit: the stored one (its group is the unit's),
 * else a new group with it. */
static enum tu_status source_variant(struct tu_tm *tm, const struct variant *v,
                                     const struct tu_tm_unit *u, const char *created,
                                     int64_t *id, int64_t *grp, struct tu_error *err)
{
    bool own_ctx = false;

    if (variant_find(tm, v, 0, id, grp, &own_ctx, err) != TU_OK) {
        return err->code;
    }
    if (*id == 0) {
        return group_insert(tm, u->src_all ? NULL : v->lang, grp, err) != TU_OK ||
                       variant_insert(tm, v, *grp, 0, u, created, id, err) != TU_OK
                   ? err->code : add_info(tm, *id, u, true, err);
    }
    /* a source without a context of its own takes this one's */
    return own_ctx && (u->prev_hash || u->next_hash) ? merge_variant(tm, *id, 0, u, err) : TU_OK;
}

static enum tu_status add_unit(struct tu_tm *tm, const struct tu_tm_unit *u,
                               bool *added, struct tu_error *err)
{
    struct variant src, trg;
    struct tu_locale sl, tl;
    enum tu_status st;
    int64_t sid = 0, tid = 0, grp = 0, tgrp = 0;
    bool own_ctx;
    char created_buf[TM_DATE_SIZE];
    const char *created;

    if (added) {
        *added = false;
    }
    if (parse_lang(tm, 0, u->src_lang, &sl, err) != TU_OK ||
        parse_lang(tm, 1, u->trg_lang, &tl, err) != TU_OK ||
        unit_date("creationdate", u->created, true, created_buf, &created, err) != TU_OK) {
        return err->code;
    }
    memset(&trg, 0, sizeof trg);
    if ((st = variant_make(&src, sl.tag, u->source, u->src_text, u->src_xml, err)) != TU_OK ||
        (st = variant_make(&trg, tl.tag, u->target, u->trg_text, u->trg_xml, err)) != TU_OK) {
        goto done;
    }
    if (src.text.len <= 1) {
        st = tu_error_set(err, TU_EINVAL, "the source is empty");
        goto done;
    }
    /* the target joins the group of its source variant, once */
    if ((st = source_variant(tm, &src, u, created, &sid, &grp, err)) != TU_OK ||
        (st = variant_find(tm, &trg, grp, &tid, &tgrp, &own_ctx, err)) != TU_OK) {
        goto done;
    }
    if (tid != 0) {
        st = merge_variant(tm, tid, sid, u, err);
        goto done;
    }
    if ((st = variant_insert(tm, &trg, grp, sid, u, created, &tid, err)) != TU_OK ||
        (st = add_info(tm, tid, u, false, err)) != TU_OK) {
        goto done;
    }
    if (added) {
        *added = true;
    }
done:
    variant_release(&src);
    variant_release(&trg);
    return st;
}

/* A unit deleted since the lookup that found it is passed over. */
enum tu_status tu_tm_count_use(struct tu_tm *tm, const int64_t *ids, size_t n,
                               struct tu_error *err)
{
    sqlite3_stmt *s = NULL;
    char now[TM_DATE_SIZE];
    enum tu_status st = TU_OK;

    tu_tm_date_now(now);
    if (tm->pg != NULL) {
        return tm_pg_count_use(tm, ids, n, err);
    }
    if (tu_tm_begin(tm, err) != TU_OK) {
        return err->code;
    }
    if (sqlite3_prepare_v2(tm->db, "INSERT INTO tu_info (id, usage, last_used)"
                           " SELECT ?1, 1, ?2 WHERE EXISTS (SELECT 1 FROM tuv WHERE id = ?1)"
                           " ON CONFLICT (id) DO UPDATE SET usage = usage + 1,"
                           " last_used = excluded.last_used", -1, &s, NULL) != SQLITE_OK) {
        st = db_error(tm, "usage count", err);
    }
    for (size_t i = 0; st == TU_OK && i < n; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, ids[i]);
        sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_DONE) {
            st = db_error(tm, "usage count", err);
        }
    }
    sqlite3_finalize(s);
    if (st != TU_OK) {
        tu_tm_rollback(tm);
        return st;
    }
    return tu_tm_commit(tm, err);
}

enum tu_status tu_tm_add(struct tu_tm *tm, const struct tu_tm_unit *u,
                         bool *added, struct tu_error *err)
{
    enum tu_status st;

    tu_tm_content_changed(tm); /* a merge may set approval or context */
    if (tm->in_txn) {
        return add_unit(tm, u, added, err);
    }
    if (tm->pg != NULL) { /* a single add: its own transaction */
        if (tu_tm_begin(tm, err) != TU_OK) {
            return err->code;
        }
        if ((st = add_unit(tm, u, added, err)) != TU_OK) {
            tu_tm_rollback(tm);
            return st;
        }
        return tu_tm_commit(tm, err);
    }
    /* A single add: the unit and its postings in one savepoint. */
    if (exec(tm, "SAVEPOINT tu_add", err) != TU_OK) {
        return err->code;
    }
    if ((st = add_unit(tm, u, added, err)) == TU_OK) {
        st = tu_tm_flush(tm, err);
    }
    if (st == TU_OK) {
        st = renew_content_stamp(tm, err);
    }
    if (st != TU_OK) {
        tm->content_changed = false;
        tu_tm_pending_free(tm);
        sqlite3_exec(tm->db, "ROLLBACK TO tu_add; RELEASE tu_add", NULL, NULL, NULL);
        return st;
    }
    return exec(tm, "RELEASE tu_add", err);
}
