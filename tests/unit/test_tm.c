/* Translation memory: schema embedding, add/merge, exact/fuzzy lookup,
 * script-agnostic matching, the fuzzy query plan, the edit distance, the
 * index against an exhaustive scan, migration of version 2 and 4 files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tumac/tumac.h>

#include "../../src/tm/tm-int.h"
#include "test.h"

/* Remove a test TM, its WAL files and its folder (nothing left in /tmp). */
static void gone(const char *path)
{
    char f[600];
    const char *slash = strrchr(path, '/');

    unlink(path);
    snprintf(f, sizeof f, "%s-wal", path);
    unlink(f);
    snprintf(f, sizeof f, "%s-shm", path);
    unlink(f);
    if (slash != NULL) {
        snprintf(f, sizeof f, "%.*s", (int)(slash - path), path);
        rmdir(f);
    }
}

static struct tu_tm *fresh(char *path, size_t n)
{
    struct tu_tm *tm = NULL;
    struct tu_error err = {0};
    snprintf(path, n, "/tmp/tumac-test-tm-%ld/m.db", (long)getpid());
    unlink(path);
    {
        char wal[600];
        snprintf(wal, sizeof wal, "%s-wal", path);
        unlink(wal);
        snprintf(wal, sizeof wal, "%s-shm", path);
        unlink(wal);
    }
    if (tu_tm_open(path, false, &tm, &err) != TU_OK) {
        return NULL;
    }
    return tm;
}

static bool add(struct tu_tm *tm, const char *sl, const char *tl,
                const char *s, const char *t, bool *added)
{
    struct tu_tm_unit u;
    struct tu_error err = {0};
    memset(&u, 0, sizeof u);
    u.src_lang = sl;
    u.trg_lang = tl;
    u.src_text = s;
    u.trg_text = t;
    return tu_tm_add(tm, &u, added, &err) == TU_OK;
}

/* The schema file without its comments and blank lines, as make-schema.sh
 * embeds it. */
static void schema_statements(const char *file, struct tu_buf *out)
{
    for (const char *line = file; *line;) {
        const char *end = strchr(line, '\n'), *cut;
        size_t n = end ? (size_t)(end - line) : strlen(line);
        cut = memchr(line, '-', n);
        while (cut != NULL && !(cut + 1 < line + n && cut[1] == '-')) {
            cut = memchr(cut + 1, '-', (size_t)(line + n - cut - 1));
        }
        if (cut != NULL) {
            n = (size_t)(cut - line);
        }
        while (n > 0 && line[n - 1] == ' ') {
            n--;
        }
        if (n > 0) {
            tu_buf_add(out, line, n);
            tu_buf_addc(out, '\n');
        }
        line += end ? (size_t)(end - line) + 1 : strlen(line);
    }
    tu_buf_addc(out, 0);
}

TEST(tm_schema_embedded_matches_file)
{
    OWNED(tu_buf_release) struct tu_buf b = {0};
    OWNED(tu_buf_release) struct tu_buf sql = {0};
    struct tu_error err = {0};
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    tu_buf_init(&sql, TU_BUF_NO_LIMIT);
    CHECK(tu_file_read("tm/schema.sql", 1 << 20, &b, &err) == TU_OK);
    schema_statements(b.data, &sql);
    CHECK_STR(tu_tm_schema_sql(), sql.data);
    CHECK(strstr(b.data, "-- ") != NULL && strstr(tu_tm_schema_sql(), "--") == NULL);
    tu_buf_release(&b);
    tu_buf_release(&sql);
}

TEST(tm_edit_distance)
{
    uint32_t a[] = {'k', 'i', 't', 't', 'e', 'n'}, b[] = {'s', 'i', 't', 't', 'i', 'n', 'g'};
    CHECK(tu_tm_edit_distance(a, 6, b, 7, 10) == 3);
    CHECK(tu_tm_edit_distance(a, 6, b, 7, 1) == 2); /* cut off: limit + 1 */
    CHECK(tu_tm_edit_distance(a, 6, a, 6, 0) == 0);
}

/* The plain dynamic programme, as the reference for the bit-parallel one. */
static size_t dp_distance(const uint32_t *a, size_t n, const uint32_t *b, size_t m)
{
    size_t row[300], d;
    for (size_t j = 0; j <= m; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j], v = diag + (a[i - 1] != b[j - 1]);
            v = up + 1 < v ? up + 1 : v;
            v = row[j - 1] + 1 < v ? row[j - 1] + 1 : v;
            row[j] = v;
            diag = up;
        }
    }
    d = row[m];
    return d;
}

TEST(tm_edit_distance_matches_the_dp)
{
    uint32_t a[260], b[260];
    unsigned seed = 12345;
    size_t bad = 0;
    for (int round = 0; round < 3000; round++) {
        size_t n, m, limit, want, got;
        seed = seed * 1103515245u + 12345u;
        n = seed >> 16 & 255;
        seed = seed * 1103515245u + 12345u;
        m = (seed >> 16) % 3 == 0 ? n : (seed >> 8 & 255);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            a[i] = (seed >> 16) % 5 == 0 ? 0x400 + (seed >> 20) % 3 : 'a' + (seed >> 20) % 4;
        }
        for (size_t j = 0; j < m; j++) {
            seed = seed * 1103515245u + 12345u;
            /* mostly a copy of a with changes, sometimes random */
            b[j] = j < n && (seed >> 16) % 4 != 0 ? a[j] : 'a' + (seed >> 20) % 5;
        }
        seed = seed * 1103515245u + 12345u;
        limit = (seed >> 16) % 300;
        want = dp_distance(a, n, b, m);
        got = tu_tm_edit_distance(a, n, b, m, limit);
        bad += want <= limit ? got != want : got != limit + 1;
    }
    CHECK(bad == 0);
}

/* A sentence of lo.. lo + spread - 1 words from a small vocabulary. */
static size_t random_sentence(unsigned *seed, size_t lo, size_t spread, char *s, size_t cap)
{
    static const char *words[] = {"the", "minister", "said", "bridge", "opens", "on",
                                  "Monday", "in", "Belgrade", "new", "report", "youth",
                                  "council", "election", "media", "of", "and", "a",
                                  "Sarajevo", "programme"};
    size_t len = 0, nw;
    *seed = *seed * 1103515245u + 12345u;
    nw = lo + (*seed >> 16) % spread;
    for (size_t w = 0; w < nw; w++) {
        *seed = *seed * 1103515245u + 12345u;
        len += (size_t)snprintf(s + len, cap - len, "%s%s", w ? " " : "",
                                words[(*seed >> 16) % 20]);
    }
    return len;
}

/* Every lookup through the index equals the exhaustive scan (scores at each
 * rank) on a TM of sentences with word changes. */
TEST(tm_index_equals_exhaustive_scan)
{
    char path[512], s[400];
    OWNED(own_tm) struct tu_tm *tm = fresh(path, sizeof path);
    struct tu_error err = {0};
    unsigned seed = 99;
    size_t same = 0, total = 0;

    CHECK(tm != NULL);
    if (tm == NULL) {
        return;
    }
    CHECK(tu_tm_begin(tm, &err) == TU_OK);
    for (int i = 0; i < 600; i++) {
        random_sentence(&seed, 3, 14, s, sizeof s);
        CHECK(add(tm, "en", "sr-Latn", s, "x", NULL));
    }
    CHECK(tu_tm_commit(tm, &err) == TU_OK);
    for (int i = 0; i < 150; i++) {
        struct tu_tm_query q;
        struct tu_tm_match *a = NULL, *b = NULL;
        size_t na = 0, nb = 0, len = random_sentence(&seed, 2, 15, s, sizeof s);
        memset(&q, 0, sizeof q);
        q.src_lang = "en";
        q.trg_lang = "sr-Latn";
        q.text = s;
        q.len = len;
        q.min_score = 50 + (int)(seed >> 8) % 40;
        q.max = 1 + (seed >> 4) % 8;
        CHECK(tu_tm_lookup(tm, &q, &a, &na, &err) == TU_OK);
        CHECK(tu_tm_lookup_exhaustive(tm, &q, &b, &nb, &err) == TU_OK);
        total++;
        if (na == nb) {
            bool ok = true;
            for (size_t k = 0; k < na; k++) {
                ok &= a[k].score == b[k].score;
            }
            same += ok;
        }
        tu_tm_matches_free(a, na);
        tu_tm_matches_free(b, nb);
    }
    CHECK(same == total);
    own_tm(&tm);
    gone(path);
}

/* The units of a TM back in the version 1-4 shape: a UNIQUE index over the
 * four fields of a unit, no unit hash, every unit in the full-text index;
 * the pairs numbered from 1 as a unit table numbered them. */
static bool units_to_version_4(sqlite3 *db)
{
    return sqlite3_exec(db,
        "CREATE TABLE tu3 (id INTEGER PRIMARY KEY, src_lang TEXT NOT NULL,"
        " trg_lang TEXT NOT NULL, src_text TEXT NOT NULL, trg_text TEXT NOT NULL,"
        " src_xml TEXT NOT NULL, trg_xml TEXT NOT NULL, src_key TEXT NOT NULL,"
        " key_hash INTEGER NOT NULL, key_len INTEGER NOT NULL,"
        " prev_hash INTEGER NOT NULL DEFAULT 0, next_hash INTEGER NOT NULL DEFAULT 0,"
        " origin TEXT, approved INTEGER NOT NULL DEFAULT 0, created TEXT,"
        " UNIQUE (src_lang, trg_lang, src_xml, trg_xml));"
        " INSERT INTO tu3 SELECT row_number() OVER (ORDER BY id), src_lang, trg_lang, src_text,"
        " trg_text, src_xml, trg_xml, src_key, key_hash, key_len, prev_hash, next_hash, origin,"
        " approved, created FROM tu;"
        " DROP TRIGGER tu_delete; DROP VIEW tu; DROP TABLE tu_info; DROP TABLE tuv;"
        " DROP TABLE tu_group; ALTER TABLE tu3 RENAME TO tu;"
        " CREATE TABLE tu_info (id INTEGER PRIMARY KEY REFERENCES tu (id) ON DELETE CASCADE,"
        " tuid TEXT, creator TEXT, changed TEXT, changer TEXT, usage INTEGER NOT NULL DEFAULT 0,"
        " last_used TEXT, tu_extra TEXT, src_extra TEXT, trg_extra TEXT);"
        " CREATE INDEX tu_hash ON tu (key_hash); CREATE INDEX tu_len ON tu (key_len);"
        " INSERT INTO tu_fts (tu_fts) VALUES ('rebuild');"
        " DELETE FROM meta WHERE key = 'fts_through';"
        " UPDATE meta SET value = '4' WHERE key = 'schema'",
        NULL, NULL, NULL) == SQLITE_OK;
}

/* The score of a lookup's best match if its target is `target`, else -1. */
static int best_score(struct tu_tm *tm, const char *sl, const char *tl, const char *text,
                      const char *target)
{
    struct tu_tm_query q;
    struct tu_tm_match *m = NULL;
    size_t n = 0;
    struct tu_error err = {0};
    int score = -1;

    memset(&q, 0, sizeof q);
    q.src_lang = sl;
    q.trg_lang = tl;
    q.text = text;
    q.len = strlen(text);
    if (tu_tm_lookup(tm, &q, &m, &n, &err) == TU_OK && n >= 1 &&
        strcmp(m[0].trg_text, target) == 0) {
        score = m[0].score;
    }
    tu_tm_matches_free(m, n);
    return score;
}

/* Exact and fuzzy lookups of the unit the migration tests store. */
static void check_bridge_found(struct tu_tm *tm)
{
    struct tu_tm_query q;
    struct tu_tm_match *m = NULL;
    size_t n = 0;
    struct tu_error err = {0};

    memset(&q, 0, sizeof q);
    q.src_lang = "en";
    q.trg_lang = "sr-Latn";
    q.text = "The bridge opens on Tuesday.";
    q.len = strlen(q.text);
    CHECK(tu_tm_lookup(tm, &q, &m, &n, &err) == TU_OK);
    CHECK(n == 1);
    tu_tm_matches_free(m, n);
    q.text = "The bridge opens on Monday.";
    q.len = strlen(q.text);
    CHECK(tu_tm_lookup(tm, &q, &m, &n, &err) == TU_OK);
    CHECK(n == 1 && m[0].score == 100);
    tu_tm_matches_free(m, n);
    /* schema 8: the migrated pair answers backwards, a Cyrillic query too */
    CHECK(best_score(tm, "sr-Cyrl", "en", "Мост се отвара у понедељак.",
                     "The bridge opens on Monday.") == 99);
}

/* A pair answers in both directions, exact and fuzzy, with the forward
 * direction's score; a third language of the group answers through it. */
TEST(tm_any_direction)
{
    char path[512];
    OWNED(own_tm) struct tu_tm *tm = fresh(path, sizeof path);
    bool added = false;
    int fuzzy;
    struct tu_tm_stats stats;
    struct tu_error err = {0};

    CHECK(tm != NULL);
    if (tm == NULL) {
        return;
    }
    CHECK(add(tm, "en", "hr", "The bridge opens on Monday morning.", "Most se otvara u ponedjeljak ujutro.", NULL));
    CHECK(add(tm, "hr", "bs", "Most se otvara u ponedjeljak ujutro.", "Most se otvara u ponedjeljak ujutru.", &added));
    CHECK(added);
    CHECK(add(tm, "hr", "en", "Most se otvara u utorak.", "The bridge opens on Tuesday.", NULL));
    CHECK(best_score(tm, "hr", "en", "Most se otvara u ponedjeljak ujutro.",
                     "The bridge opens on Monday morning.") == 100);
    CHECK(best_score(tm, "bs", "en", "Most se otvara u ponedjeljak ujutru.",
                     "The bridge opens on Monday morning.") == 100);
    /* fuzzy en -> hr over a unit stored hr -> en scores as over one stored en -> hr */
    fuzzy = best_score(tm, "en", "hr", "The bridge opens next Tuesday.", "Most se otvara u utorak.");
    CHECK(fuzzy >= 75 && fuzzy < 99);
    CHECK(tu_tm_stats(tm, &stats, &err) == TU_OK);
    CHECK(stats.units == 3 && stats.groups == 2);
    CHECK_STR(stats.langs, "bs: 1\nen: 2\nhr: 2\n");
    own_tm(&tm);
    gone(path);
    tm = fresh(path, sizeof path);
    CHECK(tm != NULL);
    if (tm != NULL) {
        CHECK(add(tm, "en", "hr", "The bridge opens on Tuesday.", "Most se otvara u utorak.", NULL));
        CHECK(best_score(tm, "en", "hr", "The bridge opens next Tuesday.",
                         "Most se otvara u utorak.") == fuzzy);
    }
    own_tm(&tm);
    gone(path);
}

/* A version 2 file (a gram row per trigram and unit) is migrated on open
 * and its units are found by the new index. */
TEST(tm_migrates_version_2)
{
    char path[512];
    OWNED(own_tm) struct tu_tm *tm = fresh(path, sizeof path);
    struct tu_error err = {0};
    sqlite3 *db = NULL;

    CHECK(tm != NULL);
    if (tm == NULL) {
        return;
    }
    CHECK(add(tm, "en", "sr-Latn", "The bridge opens on Monday.", "Most se otvara u ponedeljak.", NULL));
    own_tm(&tm);
    /* back to the version 2 shape: gram table, no posting lists */
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(units_to_version_4(db));
    CHECK(sqlite3_exec(db, "DROP TABLE post; DROP TABLE gram_df; DROP TABLE tu_info;"
                           " CREATE TABLE gram (g INTEGER NOT NULL, len INTEGER NOT NULL,"
                           " tu INTEGER NOT NULL, PRIMARY KEY (g, len, tu)) WITHOUT ROWID;"
                           " CREATE INDEX gram_tu ON gram (tu);"
                           " UPDATE meta SET value = '2' WHERE key = 'schema'",
                           NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    CHECK(tu_tm_open(path, true, &tm, &err) == TU_OK);
    if (tm == NULL) {
        gone(path);
        return;
    }
    check_bridge_found(tm);
    own_tm(&tm);
    gone(path);
}

/* A version 4 file (UNIQUE index over four text columns, 44-bit trigram
 * ids) gets the unit hash, keeps its ids, full-text and tu_info rows (and
 * tu_info's reference to tu), merges a unit added again and keeps a new
 * one apart. */
TEST(tm_migrates_version_4)
{
    char path[512];
    OWNED(own_tm) struct tu_tm *tm = fresh(path, sizeof path);
    struct tu_error err = {0};
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    bool added = true;
    OWNED(tu_buf_release) struct tu_buf out = {0};

    CHECK(tm != NULL);
    if (tm == NULL) {
        return;
    }
    CHECK(add(tm, "en", "sr-Latn", "A storm closed the port.", "Oluja je zatvorila luku.", NULL));
    CHECK(add(tm, "en", "sr-Latn", "The bridge opens on Monday.", "Most se otvara u ponedeljak.", NULL));
    own_tm(&tm);
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(units_to_version_4(db));
    /* postings under other trigram ids: the migration must rebuild them */
    CHECK(sqlite3_exec(db, "UPDATE post SET k = k + (1 << 40);"
                           " INSERT INTO tu_info (id, tuid) VALUES (1, 'storm-1')",
                           NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    CHECK(tu_tm_open(path, false, &tm, &err) == TU_OK);
    if (tm == NULL) {
        gone(path);
        return;
    }
    check_bridge_found(tm);
    CHECK(add(tm, "en", "sr-Latn", "The bridge opens on Monday.", "Most se otvara u ponedeljak.", &added));
    CHECK(!added);
    CHECK(add(tm, "en", "sr-Latn", "The bridge opens on Monday.", "Most se otvara ponedeljkom.", &added));
    CHECK(added);
    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    CHECK(tu_tm_concordance(tm, "storm", 10, &out, &err) == TU_OK);
    CHECK(out.len > 0 && strncmp(out.data, "1\t", 2) == 0);
    tu_buf_release(&out);
    own_tm(&tm);
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    /* 8: the two sentences of the bridge share one source variant and group */
    CHECK(sqlite3_prepare_v2(db, "SELECT (SELECT value FROM meta WHERE key = 'schema'),"
                                 " count(*), count(DISTINCT grp),"
                                 " (SELECT count(*) FROM tuv), (SELECT count(*) FROM tu_group),"
                                 " (SELECT count(*) FROM sqlite_schema WHERE name IN"
                                 "  ('tu_old', 'tu_info_old', 'tu_v3', 'tu_unit', 'tu_hash')),"
                                 " (SELECT tuid FROM tu_info WHERE id = 1),"
                                 " (SELECT count(*) FROM sqlite_schema WHERE name = 'tu_info'"
                                 "  AND sql LIKE '%REFERENCES tuv (id)%')"
                                 " FROM tu", -1, &st, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(st, 0), "8");
    CHECK(sqlite3_column_int(st, 1) == 3);
    CHECK(sqlite3_column_int(st, 2) == 2);
    CHECK(sqlite3_column_int(st, 3) == 5);
    CHECK(sqlite3_column_int(st, 4) == 2);
    CHECK(sqlite3_column_int(st, 5) == 0);
    CHECK_STR((const char *)sqlite3_column_text(st, 6), "storm-1");
    CHECK(sqlite3_column_int(st, 7) == 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
    gone(path);
}

/* FTS5's own check of tu_fts against the units (all of them: only when
 * none is pending). */
static bool fts_consistent(const char *path)
{
    sqlite3 *db = NULL;
    bool ok = sqlite3_open(path, &db) == SQLITE_OK &&
              sqlite3_exec(db, "INSERT INTO tu_fts (tu_fts, rank) VALUES ('integrity-check', 1)",
                           NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

/* Adds leave the full-text index behind; concordance catches up, also on a
 * read-only open. A delete of the newest units (whose ids a later add takes
 * again) and of units never indexed keeps the index consistent. */
TEST(tm_concordance_catches_up)
{
    char path[512];
    OWNED(own_tm) struct tu_tm *tm = fresh(path, sizeof path), *ro = NULL;
    struct tu_tm_filter f = {0};
    struct tu_error err = {0};
    OWNED(tu_buf_release) struct tu_buf out = {0};
    size_t pending = 0, n = 0;

    CHECK(tm != NULL);
    if (tm == NULL) {
        return;
    }
    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    CHECK(add(tm, "en", "sr-Latn", "A storm closed the port.", "Oluja je zatvorila luku.", NULL));
    CHECK(add(tm, "en", "hr", "The storm passed.", "Oluja je prošla.", NULL));
    CHECK(tu_tm_fts_pending(tm, &pending, &err) == TU_OK && pending == 2);
    CHECK(tu_tm_open(path, true, &ro, &err) == TU_OK);
    if (ro != NULL) {
        CHECK(tu_tm_concordance(ro, "storm", 10, &out, &err) == TU_OK);
        CHECK(strstr(out.data ? out.data : "", "closed") && strstr(out.data, "passed"));
        CHECK(tu_tm_fts_pending(ro, &pending, &err) == TU_OK && pending == 0);
        own_tm(&ro);
    }
    CHECK(fts_consistent(path));
    /* the newest unit (id 2, indexed) goes; a new unit takes id 2 again */
    f.trg_lang = "hr";
    CHECK(tu_tm_delete(tm, &f, &n, &err) == TU_OK && n == 1);
    CHECK(add(tm, "en", "hr", "The storm is back.", "Oluja se vratila.", NULL));
    CHECK(tu_tm_fts_pending(tm, &pending, &err) == TU_OK && pending == 1);
    /* a unit never indexed goes */
    CHECK(add(tm, "en", "bs", "A storm warning.", "Upozorenje na oluju.", NULL));
    f.trg_lang = "bs";
    CHECK(tu_tm_delete(tm, &f, &n, &err) == TU_OK && n == 1);
    out.len = 0;
    CHECK(tu_tm_concordance(tm, "storm", 10, &out, &err) == TU_OK);
    tu_buf_addc(&out, 0);
    CHECK(strstr(out.data, "is back") != NULL && strstr(out.data, "passed") == NULL &&
          strstr(out.data, "warning") == NULL);
    CHECK(fts_consistent(path));
    tu_buf_release(&out);
    own_tm(&tm);
    gone(path);
}

TEST(tm_add_merge_lookup)
{
    char path[512];
    OWNED(own_tm) struct tu_tm *tm = fresh(path, sizeof path);
    struct tu_tm_query q;
    struct tu_tm_match *m = NULL;
    size_t n = 0;
    struct tu_error err = {0};
    bool added = false;

    CHECK(tm != NULL);
    if (tm == NULL) {
        return;
    }
    CHECK(add(tm, "en", "sr-Latn", "The bridge opens on Monday.", "Most se otvara u ponedeljak.", &added));
    CHECK(added);
    CHECK(add(tm, "en", "sr-Latn", "The bridge opens on Monday.", "Most se otvara u ponedeljak.", &added));
    CHECK(!added); /* duplicate merged */
    CHECK(add(tm, "sr-Latn", "en", "Novi most je otvoren.", "The new bridge is open.", &added));

    memset(&q, 0, sizeof q);
    q.src_lang = "en";
    q.trg_lang = "sr-Latn";
    q.text = "The bridge opens on Monday.";
    q.len = strlen(q.text);
    CHECK(tu_tm_lookup(tm, &q, &m, &n, &err) == TU_OK);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(m[0].score == 100);
        CHECK_STR(m[0].band, "exact");
    }
    tu_tm_matches_free(m, n);

    q.text = "The bridge opens on Tuesday.";
    q.len = strlen(q.text);
    CHECK(tu_tm_lookup(tm, &q, &m, &n, &err) == TU_OK);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(m[0].score >= 75 && m[0].score < 99);
        CHECK_STR(m[0].band, "fuzzy");
    }
    tu_tm_matches_free(m, n);

    /* the target in the requested script */
    q.trg_lang = "sr-Cyrl";
    q.text = "The bridge opens on Monday.";
    q.len = strlen(q.text);
    CHECK(tu_tm_lookup(tm, &q, &m, &n, &err) == TU_OK);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(m[0].trg_text, "Мост се отвара у понедељак.");
    }
    tu_tm_matches_free(m, n);

    /* a Cyrillic query finds the Latin unit */
    q.src_lang = "sr-Cyrl";
    q.trg_lang = "en";
    q.text = "Нови мост је отворен.";
    q.len = strlen(q.text);
    CHECK(tu_tm_lookup(tm, &q, &m, &n, &err) == TU_OK);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(m[0].score == 99);
        CHECK_STR(m[0].trg_text, "The new bridge is open.");
    }
    tu_tm_matches_free(m, n);
    own_tm(&tm);
    gone(path);
}

TEST(tm_fuzzy_plan_reads_a_key_range)
{
    char path[512];
    OWNED(own_tm) struct tu_tm *tm = fresh(path, sizeof path);
    OWNED(tu_buf_release) struct tu_buf b = {0};
    struct tu_error err = {0};

    CHECK(tm != NULL);
    if (tm == NULL) {
        return;
    }
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    CHECK(tu_tm_fuzzy_plan(tm, &b, &err) == TU_OK);
    CHECK(strstr(b.data, "SEARCH post USING INTEGER PRIMARY KEY") != NULL);
    CHECK(strstr(b.data, "SCAN") == NULL);
    tu_buf_release(&b);
    own_tm(&tm);
    gone(path);
}

/* Issue 16: the content stamp a batch keys its outputs on changes with
 * every add, merge and delete, and not with usage counts (which a batch
 * writes itself) or a failed add. */
TEST(tm_content_stamp_ignores_usage_counts)
{
    char path[600];
    struct tu_tm *tm = fresh(path, sizeof path);
    struct tu_error err = {0};
    struct tu_tm_filter f = {0};
    uint64_t s0, s1, s2, s3, s4;
    int64_t id = 1;
    size_t deleted = 0;
    bool added;

    CHECK(tm != NULL);
    CHECK(tu_tm_content_stamp(tm, &s0, &err) == TU_OK);
    CHECK(add(tm, "en", "hr", "The bridge is open.", "Most je otvoren.", &added) && added);
    CHECK(tu_tm_content_stamp(tm, &s1, &err) == TU_OK);
    CHECK(s1 != s0);
    CHECK(tu_tm_count_use(tm, &id, 1, &err) == TU_OK);
    CHECK(tu_tm_content_stamp(tm, &s2, &err) == TU_OK);
    CHECK(s2 == s1);
    CHECK(add(tm, "en", "hr", "The bridge is open.", "Most je otvoren.", &added) && !added);
    CHECK(tu_tm_content_stamp(tm, &s3, &err) == TU_OK);
    CHECK(s3 != s2); /* a merge may approve or give context */
    f.trg_lang = "hr";
    CHECK(tu_tm_delete(tm, &f, &deleted, &err) == TU_OK && deleted == 1);
    CHECK(tu_tm_content_stamp(tm, &s4, &err) == TU_OK);
    CHECK(s4 != s3 && s4 != s0);
    CHECK(tu_tm_begin(tm, &err) == TU_OK);
    CHECK(add(tm, "en", "hr", "Rolled back.", "Vraćeno.", &added));
    tu_tm_rollback(tm);
    CHECK(tu_tm_content_stamp(tm, &s0, &err) == TU_OK);
    CHECK(s0 == s4);
    tu_tm_close(tm);
    gone(path);
}

/* The keys a lookup keeps for the next (lookup.c) are of one content: a
 * unit deleted and its id given to another sentence is scored by the new
 * key, as the exhaustive scan scores it. */
TEST(tm_kept_keys_follow_the_content)
{
    char path[512];
    OWNED(own_tm) struct tu_tm *tm = fresh(path, sizeof path), *ro = NULL;
    struct tu_tm_filter f = {0};
    struct tu_error err = {0};
    struct tu_tm_query q = {0};
    struct tu_tm_match *m = NULL, *x = NULL;
    size_t n = 0, nx = 0, deleted = 0;
    const char *text = "The mission closed its old office in Banja Luka for the media.";

    CHECK(tm != NULL);
    if (tm == NULL) {
        return;
    }
    q.src_lang = "en";
    q.trg_lang = "bs";
    q.text = text;
    q.len = strlen(text);
    q.min_score = 50;
    CHECK(tu_tm_begin(tm, &err) == TU_OK);
    CHECK(add(tm, "en", "bs", "The mission opened a new office in Mostar for the local media.",
              "Misija je otvorila novi ured u Mostaru za lokalne medije.", NULL));
    CHECK(tu_tm_commit(tm, &err) == TU_OK);
    CHECK(tu_tm_open(path, true, &ro, &err) == TU_OK);
    if (ro == NULL) {
        return;
    }
    CHECK(tu_tm_lookup(ro, &q, &m, &n, &err) == TU_OK && n == 1);
    CHECK(n == 1 && m[0].score == 59 && strstr(m[0].src_text, "Mostar") != NULL);
    tu_tm_matches_free(m, n);
    f.trg_lang = "bs";
    CHECK(tu_tm_delete(tm, &f, &deleted, &err) == TU_OK && deleted == 1);
    CHECK(tu_tm_begin(tm, &err) == TU_OK);
    CHECK(add(tm, "en", "bs", "The mission closed its old office in Zenica for the local media.",
              "Misija je zatvorila stari ured u Zenici za lokalne medije.", NULL));
    CHECK(tu_tm_commit(tm, &err) == TU_OK);
    CHECK(tu_tm_lookup(ro, &q, &m, &n, &err) == TU_OK);
    CHECK(tu_tm_lookup_exhaustive(ro, &q, &x, &nx, &err) == TU_OK);
    CHECK(n == 1 && nx == 1 && strstr(m[0].src_text, "Zenica") != NULL &&
          m[0].score == x[0].score && m[0].score > 59);
    tu_tm_matches_free(m, n);
    tu_tm_matches_free(x, nx);
    own_tm(&ro);
    own_tm(&tm);
    gone(path);
}
