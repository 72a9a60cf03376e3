/* Unit tests of src/batch: run state journal, inputs, worker pool, report. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tumac/tumac.h>

#include "batch/batch-int.h"
#include "test.h"

static void write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    if (fp != NULL) {
        fputs(text, fp);
        fclose(fp);
    }
}

static char *make_tmpdir(void)
{
    static char dir[64];
    snprintf(dir, sizeof(dir), "/tmp/tumac-test-batch.XXXXXX");
    return mkdtemp(dir);
}

static void remove_tree(const char *dir)
{
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0) {
        fprintf(stderr, "cannot remove %s\n", dir);
    }
}

TEST(batch_state_journal_keeps_complete_records)
{
    struct batch_state s;
    struct batch_record r;
    struct tu_error err = {0};
    char *dir = make_tmpdir();
    char path[128];
    const struct batch_record *got;
    FILE *fp;

    CHECK(dir != NULL);
    batch_state_init(&s);
    CHECK(batch_state_load(&s, dir, &err) == TU_OK);
    CHECK(batch_state_set(&s, "targets", "hr,sr-Latn", &err) == TU_OK);
    CHECK(batch_state_begin(&s, &err) == TU_OK);
    memset(&r, 0, sizeof(r));
    char hr[] = "hr", sr[] = "sr-Latn", name[] = "dir/press\twith tab";
    char input[] = "in/press.html", xlf[] = "hr/press.xlf";

    r.locale = hr;
    r.name = name;
    r.input = input;
    r.input_hash = 0x1234;
    r.xlf_hash = UINT64_C(0xfedcba9876543210);
    r.xliff_path = xlf;
    r.state = TU_BATCH_FINISHED;
    r.counts.words = 42;
    r.counts.bands.words[TU_BAND_EXACT] = 40;
    CHECK(batch_state_add(&s, &r, &err) == TU_OK);
    r.locale = sr;
    r.state = TU_BATCH_NEEDS_TRANSLATION;
    CHECK(batch_state_add(&s, &r, &err) == TU_OK);
    batch_state_release(&s);

    /* A killed run leaves a torn line; a flipped byte breaks a checksum. */
    snprintf(path, sizeof(path), "%s/.tumac-batch", dir);
    fp = fopen(path, "a");
    CHECK(fp != NULL);
    fputs("R\tE\tbs\tpress\tin\t\t00", fp);
    fclose(fp);

    batch_state_init(&s);
    CHECK(batch_state_load(&s, dir, &err) == TU_OK);
    CHECK(s.count == 2);
    CHECK_STR(batch_state_get(&s, "targets"), "hr,sr-Latn");
    got = batch_state_find(&s, BATCH_REC_EXPORT, "hr", "dir/press\twith tab");
    CHECK(got != NULL);
    CHECK(got->xlf_hash == UINT64_C(0xfedcba9876543210));
    CHECK(got->state == TU_BATCH_FINISHED);
    CHECK(got->counts.bands.words[TU_BAND_EXACT] == 40);
    CHECK(got->derived_from == NULL);
    CHECK(batch_state_find(&s, BATCH_REC_EXPORT, "bs", "press") == NULL);
    CHECK(batch_state_find(&s, BATCH_REC_IMPORT, "hr", "dir/press\twith tab") ==
          NULL);
    batch_state_release(&s);
    remove_tree(dir);
}

TEST(batch_state_ignores_a_damaged_line)
{
    struct batch_state s;
    struct batch_record r;
    struct tu_error err = {0};
    OWNED(tu_buf_release) struct tu_buf b = {0};
    char *dir = make_tmpdir();
    char path[128];
    char *hit;

    CHECK(dir != NULL);
    batch_state_init(&s);
    CHECK(batch_state_load(&s, dir, &err) == TU_OK);
    CHECK(batch_state_begin(&s, &err) == TU_OK);
    char hr[] = "hr", a[] = "a", bn[] = "b";

    memset(&r, 0, sizeof(r));
    r.locale = hr;
    r.name = a;
    r.state = TU_BATCH_FINISHED;
    CHECK(batch_state_add(&s, &r, &err) == TU_OK);
    r.name = bn;
    CHECK(batch_state_add(&s, &r, &err) == TU_OK);
    batch_state_release(&s);
    snprintf(path, sizeof(path), "%s/.tumac-batch", dir);
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    CHECK(tu_file_read(path, 1 << 20, &b, &err) == TU_OK);
    hit = strstr(b.data, "\thr\ta\t");
    CHECK(hit != NULL);
    hit[4] = 'z'; /* the name "a" becomes "z": its checksum no longer holds */
    CHECK(tu_file_write_atomic(path, b.data, b.len, &err) == TU_OK);
    tu_buf_release(&b);
    batch_state_init(&s);
    CHECK(batch_state_load(&s, dir, &err) == TU_OK);
    CHECK(s.count == 1);
    CHECK(batch_state_find(&s, BATCH_REC_EXPORT, "hr", "b") != NULL);
    CHECK(batch_state_find(&s, BATCH_REC_EXPORT, "hr", "z") == NULL);
    batch_state_release(&s);
    remove_tree(dir);
}

TEST(batch_inputs_skip_translations)
{
    struct batch_inputs list = {0};
    struct tu_error err = {0};
    char *dir = make_tmpdir();
    char p[160];
    const char *paths[1];

    CHECK(dir != NULL);
    snprintf(p, sizeof(p), "%s/press.en.txt", dir);
    write_text(p, "Hello.\n");
    snprintf(p, sizeof(p), "%s/press.hr.txt", dir);
    write_text(p, "Zdravo.\n");
    snprintf(p, sizeof(p), "%s/press.sr-Cyrl.txt", dir);
    write_text(p, "Здраво.\n");
    snprintf(p, sizeof(p), "%s/notes.pdf", dir);
    write_text(p, "x");
    snprintf(p, sizeof(p), "%s/.hidden.txt", dir);
    write_text(p, "x");
    snprintf(p, sizeof(p), "%s/sub", dir);
    CHECK(mkdir(p, 0777) == 0);
    snprintf(p, sizeof(p), "%s/sub/2025.01.html", dir);
    write_text(p, "<p>Hi</p>\n");
    paths[0] = dir;
    CHECK(batch_inputs_collect(paths, 1, "en", &list, &err) == TU_OK);
    CHECK(list.count == 2);
    CHECK_STR(list.items[0].name, "press");
    CHECK_STR(list.items[1].name, "sub/2025.01");
    CHECK(list.items[0].size == 7);
    batch_inputs_release(&list);

    /* A missing input is an error naming it. */
    paths[0] = "/nonexistent/press.txt";
    CHECK(batch_inputs_collect(paths, 1, "en", &list, &err) == TU_ENOTFOUND);
    CHECK_STR(err.path, "/nonexistent/press.txt");
    batch_inputs_release(&list);
    remove_tree(dir);
}

struct pool_ctx {
    pthread_mutex_t lock;
    int seen[200];
    unsigned max_worker;
};

static void pool_task(void *ctx, size_t index, unsigned worker)
{
    struct pool_ctx *c = ctx;

    pthread_mutex_lock(&c->lock);
    c->seen[index]++;
    if (worker > c->max_worker) {
        c->max_worker = worker;
    }
    pthread_mutex_unlock(&c->lock);
}

TEST(batch_pool_runs_each_task_once)
{
    struct pool_ctx c;
    struct tu_error err = {0};
    volatile sig_atomic_t stop = 0;

    memset(&c, 0, sizeof(c));
    pthread_mutex_init(&c.lock, NULL);
    CHECK(batch_pool_run(4, 200, pool_task, &c, &stop, &err) == TU_OK);
    for (int i = 0; i < 200; i++) {
        CHECK(c.seen[i] == 1);
    }
    CHECK(c.max_worker < 4);
    memset(c.seen, 0, sizeof(c.seen));
    stop = 1;
    CHECK(batch_pool_run(3, 200, pool_task, &c, &stop, &err) == TU_OK);
    for (int i = 0; i < 200; i++) {
        CHECK(c.seen[i] == 0);
    }
    pthread_mutex_destroy(&c.lock);
    CHECK(batch_cpu_count() >= 1);
}

/* A report of one document into sr-Latn and sr-Cyrl (made from sr-Latn);
 * NULL when out of memory. */
static struct tu_batch_report *report_latn_cyrl(void)
{
    struct tu_batch_report *r = batch_report_new();

    if (r == NULL || (r->locales = tu_calloc(2, sizeof(char *))) == NULL) {
        tu_batch_report_free(r);
        return NULL;
    }
    r->documents = 1;
    r->locales[0] = tu_strdup("sr-Latn");
    r->locales[1] = tu_strdup("sr-Cyrl");
    r->locale_count = 2;
    return r;
}

TEST(batch_report_renders_numbers_and_escapes)
{
    OWNED(own_batch_report) struct tu_batch_report *r = report_latn_cyrl();
    struct tu_batch_item *it;
    struct tu_batch_counts t;
    struct tu_error err = {0};
    OWNED(tu_buf_release) struct tu_buf b = {0};

    CHECK(r != NULL);
    it = batch_report_add(r, "in/<b>.html", "<b>", "sr-Latn", NULL);
    CHECK(it != NULL);
    it->state = TU_BATCH_NEEDS_TRANSLATION;
    it->counts.words = 1234;
    it->counts.words_todo = 34;
    it->counts.bands.words[TU_BAND_EXACT] = 1200;
    it->counts.bands.words[TU_BAND_NEW] = 34;
    it = batch_report_add(r, "in/<b>.html", "<b>", "sr-Cyrl", "sr-Latn");
    CHECK(it != NULL);
    it->state = TU_BATCH_FAILED;
    it->reason = tu_strdup("in/<b>.html:3:7: bad \"byte\"");
    tu_batch_report_totals(r, "sr-Latn", &t);
    CHECK(t.words == 1234 && t.words_todo == 34);
    tu_batch_report_totals(r, NULL, &t);
    CHECK(t.bands.words[TU_BAND_EXACT] == 1200);

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    CHECK(tu_batch_report_json(r, &b, &err) == TU_OK);
    CHECK(strstr(b.data, "\"words_to_translate\": 34") != NULL);
    CHECK(strstr(b.data, "\"state\": \"failed\"") != NULL);
    CHECK(strstr(b.data, "bad \\\"byte\\\"") != NULL);
    CHECK(strstr(b.data, "\"derived_from\": \"sr-Latn\"") != NULL);
    tu_buf_truncate(&b, 0);
    CHECK(tu_batch_report_html(r, &b, &err) == TU_OK);
    CHECK(strstr(b.data, "<b>") == NULL || strstr(b.data, "&lt;b&gt;") != NULL);
    CHECK(strstr(b.data, "1&#8239;234") != NULL);
    CHECK(strstr(b.data, "bad &quot;byte&quot;") != NULL);
    CHECK(strstr(b.data, "transliterated from sr-Latn") != NULL);
    tu_buf_truncate(&b, 0);
    CHECK(tu_batch_report_text(r, &b, &err) == TU_OK);
    CHECK(strstr(b.data, "1 failed") != NULL);
    tu_buf_release(&b);
    own_batch_report(&r);
}

/* Issue 16: a transliterated locale counts 0 to translate, and its words
 * stay out of the share the headline gives. */
TEST(batch_report_derived_locale_has_nothing_to_translate)
{
    OWNED(own_batch_report) struct tu_batch_report *r = report_latn_cyrl();
    struct tu_batch_item *it;
    struct tu_batch_counts t;
    struct tu_error err = {0};
    OWNED(tu_buf_release) struct tu_buf b = {0};

    CHECK(r != NULL);
    it = batch_report_add(r, "a.txt", "a", "sr-Latn", NULL);
    CHECK(it != NULL);
    it->state = TU_BATCH_NEEDS_TRANSLATION;
    it->counts.words = 100;
    it->counts.words_todo = 40;
    it = batch_report_add(r, "a.txt", "a", "sr-Cyrl", "sr-Latn");
    CHECK(it != NULL);
    it->state = TU_BATCH_NEEDS_TRANSLATION;
    it->counts.words = 100;
    it->counts.words_derived = 100;
    tu_batch_report_totals(r, NULL, &t);
    CHECK(t.words == 200 && t.words_todo == 40 && t.words_derived == 100);
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    CHECK(tu_batch_report_text(r, &b, &err) == TU_OK);
    CHECK(strstr(b.data, "(40 of 100 words to translate, 40%; sr-Cyrl made from "
                         "sr-Latn by transliteration)") != NULL);
    tu_buf_truncate(&b, 0);
    CHECK(tu_batch_report_json(r, &b, &err) == TU_OK);
    CHECK(strstr(b.data, "\"percent_to_translate\": 40") != NULL);
}

/* Documents pass a stage in input order, whichever thread runs them; a
 * document that never takes its turn in a stage (it failed, was up to date)
 * holds no one up once its task ends. */
struct turns_ctx {
    struct batch_turns *turns;
    pthread_mutex_t lock;
    size_t order[2][60];
    size_t n[2];
};

static void turns_task(void *ctx, size_t d, unsigned worker)
{
    struct turns_ctx *c = ctx;

    (void)worker;
    for (size_t s = 0; s < 2; s++) {
        if ((d + s) % 3 == 0) {
            continue; /* leaves without its turn in this stage */
        }
        batch_turn_take(c->turns, s, d);
        pthread_mutex_lock(&c->lock);
        c->order[s][c->n[s]++] = d;
        pthread_mutex_unlock(&c->lock);
        batch_turn_give(c->turns, s, d);
    }
    batch_turns_end(c->turns, d);
}

TEST(batch_turns_keep_input_order_and_skip_missed_turns)
{
    struct turns_ctx c;
    struct tu_error err = {0};

    memset(&c, 0, sizeof(c));
    pthread_mutex_init(&c.lock, NULL);
    c.turns = batch_turns_new(2, 60);
    CHECK(c.turns != NULL);
    CHECK(batch_pool_run(4, 60, turns_task, &c, NULL, &err) == TU_OK);
    for (size_t s = 0; s < 2; s++) {
        CHECK(c.n[s] == 40);
        for (size_t i = 1; i < c.n[s]; i++) {
            CHECK(c.order[s][i - 1] < c.order[s][i]);
        }
    }
    batch_turns_free(c.turns);
    pthread_mutex_destroy(&c.lock);

    /* One thread: document 1 takes its turn at once, document 0 having
     * ended without taking it (a wait here would never end). */
    c.turns = batch_turns_new(1, 3);
    CHECK(c.turns != NULL);
    batch_turns_end(c.turns, 0);
    batch_turn_take(c.turns, 0, 1);
    batch_turn_give(c.turns, 0, 1);
    batch_turns_end(c.turns, 1);
    batch_turn_take(c.turns, 0, 2);
    batch_turns_free(c.turns);
}
