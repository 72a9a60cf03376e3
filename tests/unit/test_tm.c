/* Translation memory: schema embedding, add/merge, exact/fuzzy lookup,
 * script-agnostic matching, the fuzzy query plan, the edit distance. */
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

TEST(tm_schema_embedded_matches_file)
{
    struct tu_buf b;
    struct tu_error err = {0};
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    CHECK(tu_file_read("tm/schema.sql", 1 << 20, &b, &err) == TU_OK);
    CHECK_STR(tu_tm_schema_sql(), b.data);
    tu_buf_release(&b);
}

TEST(tm_edit_distance)
{
    uint32_t a[] = {'k', 'i', 't', 't', 'e', 'n'}, b[] = {'s', 'i', 't', 't', 'i', 'n', 'g'};
    CHECK(tu_tm_edit_distance(a, 6, b, 7, 10) == 3);
    CHECK(tu_tm_edit_distance(a, 6, b, 7, 1) == 2); /* cut off: limit + 1 */
    CHECK(tu_tm_edit_distance(a, 6, a, 6, 0) == 0);
}

TEST(tm_add_merge_lookup)
{
    char path[512];
    struct tu_tm *tm = fresh(path, sizeof path);
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
    tu_tm_close(tm);
    gone(path);
}

TEST(tm_fuzzy_plan_uses_the_gram_index)
{
    char path[512];
    struct tu_tm *tm = fresh(path, sizeof path);
    struct tu_buf b;
    struct tu_error err = {0};

    CHECK(tm != NULL);
    if (tm == NULL) {
        return;
    }
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    CHECK(tu_tm_fuzzy_plan(tm, &b, &err) == TU_OK);
    CHECK(strstr(b.data, "SEARCH g USING") != NULL);
    CHECK(strstr(b.data, "SCAN g") == NULL);
    tu_buf_release(&b);
    tu_tm_close(tm);
    gone(path);
}
