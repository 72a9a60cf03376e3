/*
 * The run state in OUTDIR/.tumac-batch: the run's configuration and one
 * record per completed item (what it was made from, what it gave). A run
 * first rewrites the file atomically (compacted), then appends one line per
 * completed item with fsync. Every line ends with its own checksum, so the
 * torn last line of a killed run is simply ignored: that item is redone.
 *
 * Line format (tab-separated, \t \n \\ escaped, empty field = NULL):
 *   C key value sum
 *   R kind locale name input derived in-hash opts-hash xlf-hash xlf doc
 *     state segs words approved todo band-words x9 band-segs x9
 *     band-chars x9 filled sum
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tumac/alloc.h>
#include <tumac/fileio.h>
#include "batch-int.h"

#define STATE_FILE  ".tumac-batch"
#define STATE_MAGIC "tumac-batch 3\n" /* 3: segments_translated */
#define STATE_MAGIC_2 "tumac-batch 2\n" /* still read: its records lack that one field */
#define REC_FIELDS  (18 + 3 * TU_BAND_COUNT)

uint64_t batch_hash(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;

    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

uint64_t batch_hash_str(uint64_t h, const char *s)
{
    /* The terminating NUL separates fields: ("ab","c") != ("a","bc"). */
    return batch_hash(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

enum tu_status batch_hash_file(const char *path, uint64_t *out,
                               struct tu_error *err)
{
    struct tu_buf b;
    enum tu_status st;

    tu_buf_init(&b, TU_FILE_DEFAULT_LIMIT);
    st = tu_file_read(path, TU_FILE_DEFAULT_LIMIT, &b, err);
    if (st == TU_OK) {
        *out = batch_hash(BATCH_HASH_INIT, b.data, b.len);
    }
    tu_buf_release(&b);
    return st;
}

void batch_state_init(struct batch_state *s)
{
    pthread_mutex_t unlocked = PTHREAD_MUTEX_INITIALIZER;

    memset(s, 0, sizeof(*s));
    s->journal_fd = -1;
    s->journal_lock = unlocked;
}

void batch_record_release(struct batch_record *r)
{
    tu_free(r->locale);
    tu_free(r->name);
    tu_free(r->input);
    tu_free(r->derived_from);
    tu_free(r->xliff_path);
    tu_free(r->doc_path);
    memset(r, 0, sizeof(*r));
}

void batch_state_release(struct batch_state *s)
{
    if (s->journal_fd >= 0) {
        close(s->journal_fd);
    }
    pthread_mutex_destroy(&s->journal_lock);
    for (size_t i = 0; i < s->config_count; i++) {
        tu_free(s->keys[i]);
        tu_free(s->values[i]);
    }
    tu_free(s->keys);
    tu_free(s->values);
    for (size_t i = 0; i < s->count; i++) {
        batch_record_release(&s->recs[i]);
    }
    tu_free(s->recs);
    tu_free(s->path);
    batch_state_init(s);
}

const char *batch_state_get(const struct batch_state *s, const char *key)
{
    for (size_t i = 0; i < s->config_count; i++) {
        if (strcmp(s->keys[i], key) == 0) {
            return s->values[i];
        }
    }
    return NULL;
}

enum tu_status batch_state_set(struct batch_state *s, const char *key,
                               const char *value, struct tu_error *err)
{
    size_t cap;

    for (size_t i = 0; i < s->config_count; i++) {
        if (strcmp(s->keys[i], key) == 0) {
            if (!batch_set_str(&s->values[i], value)) {
                return tu_error_set(err, TU_ENOMEM, "out of memory");
            }
            return TU_OK;
        }
    }
    cap = s->config_cap;
    {
        char **k = tu_grow(s->keys, sizeof(*k), s->config_count + 1, &cap);
        if (k == NULL) {
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
        s->keys = k;
    }
    cap = s->config_cap;
    {
        char **v = tu_grow(s->values, sizeof(*v), s->config_count + 1, &cap);
        if (v == NULL) {
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
        s->values = v;
    }
    s->config_cap = cap;
    s->keys[s->config_count] = tu_strdup(key);
    s->values[s->config_count] = tu_strdup(value ? value : "");
    if (s->keys[s->config_count] == NULL ||
        s->values[s->config_count] == NULL) {
        tu_free(s->keys[s->config_count]);
        tu_free(s->values[s->config_count]);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    s->config_count++;
    return TU_OK;
}

const struct batch_record *batch_state_find(const struct batch_state *s,
                                            enum batch_record_kind kind,
                                            const char *locale,
                                            const char *name)
{
    for (size_t i = s->count; i-- > 0;) {
        const struct batch_record *r = &s->recs[i];
        if (r->kind == kind && strcmp(r->locale, locale) == 0 &&
            strcmp(r->name, name) == 0) {
            return r;
        }
    }
    return NULL;
}

/* ---- encoding ---- */

static void put_field(struct tu_buf *b, const char *s)
{
    tu_buf_addc(b, '\t');
    for (; s != NULL && *s; s++) {
        if (*s == '\t') {
            tu_buf_adds(b, "\\t");
        } else if (*s == '\n') {
            tu_buf_adds(b, "\\n");
        } else if (*s == '\\') {
            tu_buf_adds(b, "\\\\");
        } else {
            tu_buf_addc(b, *s);
        }
    }
}

static void put_num(struct tu_buf *b, uint64_t v)
{
    tu_buf_printf(b, "\t%" PRIu64, v);
}

/* Close a line started at `start`: checksum of what precedes, newline. */
static void end_line(struct tu_buf *b, size_t start)
{
    uint64_t h = batch_hash(BATCH_HASH_INIT, b->data + start, b->len - start);
    tu_buf_printf(b, "\t%016" PRIx64 "\n", h);
}

static void encode_record(struct tu_buf *b, const struct batch_record *r)
{
    size_t start = b->len;

    tu_buf_addc(b, 'R');
    put_field(b, r->kind == BATCH_REC_IMPORT ? "I" : "E");
    put_field(b, r->locale);
    put_field(b, r->name);
    put_field(b, r->input);
    put_field(b, r->derived_from);
    tu_buf_printf(b, "\t%016" PRIx64 "\t%016" PRIx64 "\t%016" PRIx64,
                  r->input_hash, r->opts_hash, r->xlf_hash);
    put_field(b, r->xliff_path);
    put_field(b, r->doc_path);
    put_num(b, (uint64_t)r->state);
    put_num(b, r->counts.segments);
    put_num(b, r->counts.words);
    put_num(b, r->counts.segments_approved);
    put_num(b, r->counts.segments_translated);
    put_num(b, r->counts.words_todo);
    for (int i = 0; i < TU_BAND_COUNT; i++) {
        put_num(b, r->counts.bands.words[i]);
    }
    for (int i = 0; i < TU_BAND_COUNT; i++) {
        put_num(b, r->counts.bands.segments[i]);
    }
    for (int i = 0; i < TU_BAND_COUNT; i++) {
        put_num(b, r->counts.bands.chars[i]);
    }
    put_num(b, r->counts.bands.filled);
    end_line(b, start);
}

/* ---- decoding ---- */

/* Unescape field text in place; returns NULL for an empty field. */
static char *take_field(char *f)
{
    char *w = f;

    if (*f == '\0') {
        return NULL;
    }
    for (char *r = f; *r; r++) {
        if (*r == '\\' && r[1] != '\0') {
            r++;
            *w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return f;
}

static enum tu_status add_record(struct batch_state *s,
                                 const struct batch_record *src,
                                 struct tu_error *err)
{
    struct batch_record *grown;
    struct batch_record *r;

    grown = tu_grow(s->recs, sizeof(*s->recs), s->count + 1, &s->cap);
    if (grown == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    s->recs = grown;
    r = &s->recs[s->count];
    *r = *src;
    r->locale = tu_strdup(src->locale);
    r->name = tu_strdup(src->name);
    r->input = tu_strdup(src->input);
    r->derived_from = tu_strdup(src->derived_from);
    r->xliff_path = tu_strdup(src->xliff_path);
    r->doc_path = tu_strdup(src->doc_path);
    if (r->locale == NULL || r->name == NULL || (src->input && !r->input) ||
        (src->derived_from && !r->derived_from) ||
        (src->xliff_path && !r->xliff_path) ||
        (src->doc_path && !r->doc_path)) {
        batch_record_release(r);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    s->count++;
    return TU_OK;
}

/* Parse one checked line (NUL-terminated, no newline, checksum removed). */
static enum tu_status parse_line(struct batch_state *s, char *line,
                                 bool v2, struct tu_error *err)
{
    char *f[REC_FIELDS + 1];
    size_t n = 0;
    char *p = line;

    while (n < REC_FIELDS + 1) {
        char *tab = strchr(p, '\t');
        f[n++] = p;
        if (tab == NULL) {
            break;
        }
        *tab = '\0';
        p = tab + 1;
    }
    if (strcmp(f[0], "C") == 0 && n == 3) {
        char *k = take_field(f[1]);
        char *v = take_field(f[2]);
        return k ? batch_state_set(s, k, v ? v : "", err) : TU_OK;
    }
    if (strcmp(f[0], "R") == 0 && n == REC_FIELDS - (v2 ? 1 : 0)) {
        struct batch_record r;
        struct batch_record tmp;
        enum tu_status st;
        size_t k = 11;

        memset(&r, 0, sizeof(r));
        r.kind = strcmp(f[1], "I") == 0 ? BATCH_REC_IMPORT : BATCH_REC_EXPORT;
        r.locale = take_field(f[2]);
        r.name = take_field(f[3]);
        r.input = take_field(f[4]);
        r.derived_from = take_field(f[5]);
        r.input_hash = strtoull(f[6], NULL, 16);
        r.opts_hash = strtoull(f[7], NULL, 16);
        r.xlf_hash = strtoull(f[8], NULL, 16);
        r.xliff_path = take_field(f[9]);
        r.doc_path = take_field(f[10]);
        r.state = (enum tu_batch_state)strtoul(f[k++], NULL, 10);
        r.counts.segments = strtoull(f[k++], NULL, 10);
        r.counts.words = strtoull(f[k++], NULL, 10);
        r.counts.segments_approved = strtoull(f[k++], NULL, 10);
        r.counts.segments_translated = v2 ? 0 : strtoull(f[k++], NULL, 10);
        r.counts.words_todo = strtoull(f[k++], NULL, 10);
        r.counts.words_derived = r.derived_from ? r.counts.words : 0;
        for (int i = 0; i < TU_BAND_COUNT; i++) {
            r.counts.bands.words[i] = strtoull(f[k++], NULL, 10);
        }
        for (int i = 0; i < TU_BAND_COUNT; i++) {
            r.counts.bands.segments[i] = strtoull(f[k++], NULL, 10);
        }
        for (int i = 0; i < TU_BAND_COUNT; i++) {
            r.counts.bands.chars[i] = strtoull(f[k++], NULL, 10);
        }
        r.counts.bands.filled = strtoull(f[k++], NULL, 10);
        if (r.locale == NULL || r.name == NULL || r.state > TU_BATCH_FAILED) {
            return TU_OK; /* not ours: ignore */
        }
        tmp = r;
        st = add_record(s, &tmp, err);
        return st;
    }
    return TU_OK; /* unknown line kinds are skipped (newer versions) */
}

static char *state_path(const char *outdir)
{
    size_t len = strlen(outdir) + sizeof(STATE_FILE) + 2;
    char *p = tu_malloc(len);

    if (p != NULL) {
        snprintf(p, len, "%s/%s", outdir, STATE_FILE);
    }
    return p;
}

enum tu_status batch_state_load(struct batch_state *s, const char *outdir,
                                struct tu_error *err)
{
    struct tu_buf b;
    struct tu_error ignore = {0};
    enum tu_status st;
    char *line;
    bool v2;

    tu_free(s->path);
    s->path = state_path(outdir);
    if (s->path == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    tu_buf_init(&b, (size_t)64 << 20);
    if (tu_file_read(s->path, (size_t)64 << 20, &b, &ignore) != TU_OK ||
        b.len < sizeof(STATE_MAGIC) - 1 ||
        (memcmp(b.data, STATE_MAGIC, sizeof(STATE_MAGIC) - 1) != 0 &&
         memcmp(b.data, STATE_MAGIC_2, sizeof(STATE_MAGIC_2) - 1) != 0)) {
        tu_buf_release(&b);
        return TU_OK; /* no state (or not ours): everything is to do */
    }
    /* a folder an earlier version made can still be imported */
    v2 = memcmp(b.data, STATE_MAGIC_2, sizeof(STATE_MAGIC_2) - 1) == 0;
    st = TU_OK;
    line = b.data + sizeof(STATE_MAGIC) - 1;
    while (st == TU_OK && *line) {
        char *nl = strchr(line, '\n');
        char *tab;
        uint64_t want;
        if (nl == NULL) {
            break; /* torn last line */
        }
        *nl = '\0';
        tab = strrchr(line, '\t');
        if (tab != NULL && strlen(tab + 1) == 16) {
            want = strtoull(tab + 1, NULL, 16);
            if (batch_hash(BATCH_HASH_INIT, line, (size_t)(tab - line)) ==
                want) {
                *tab = '\0';
                st = parse_line(s, line, v2, err);
            }
        }
        line = nl + 1;
    }
    tu_buf_release(&b);
    return st;
}

enum tu_status batch_state_begin(struct batch_state *s, struct tu_error *err)
{
    struct tu_buf b;
    enum tu_status st;

    if (s->journal_fd >= 0) {
        close(s->journal_fd);
        s->journal_fd = -1;
    }
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    tu_buf_adds(&b, STATE_MAGIC);
    for (size_t i = 0; i < s->config_count; i++) {
        size_t start = b.len;
        tu_buf_addc(&b, 'C');
        put_field(&b, s->keys[i]);
        put_field(&b, s->values[i]);
        end_line(&b, start);
    }
    /* Only the latest record of each item survives compaction. */
    for (size_t i = 0; i < s->count; i++) {
        const struct batch_record *r = &s->recs[i];
        if (batch_state_find(s, r->kind, r->locale, r->name) == r) {
            encode_record(&b, r);
        }
    }
    if (b.status != TU_OK) {
        tu_buf_release(&b);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    st = tu_file_write_atomic(s->path, b.data, b.len, err);
    tu_buf_release(&b);
    if (st != TU_OK) {
        return st;
    }
    s->journal_fd = open(s->path, O_WRONLY | O_APPEND | O_CLOEXEC);
    if (s->journal_fd < 0) {
        return tu_error_at(err, TU_EIO, s->path, 0, 0, "cannot open: %s",
                           strerror(errno));
    }
    return TU_OK;
}

enum tu_status batch_state_remember(struct batch_state *s,
                                    const struct batch_record *rec,
                                    struct tu_error *err)
{
    return add_record(s, rec, err);
}

enum tu_status batch_state_add(struct batch_state *s,
                               const struct batch_record *rec,
                               struct tu_error *err)
{
    enum tu_status st = batch_state_remember(s, rec, err);
    return st == TU_OK ? batch_state_journal(s, rec, err) : st;
}

enum tu_status batch_state_journal(struct batch_state *s,
                                   const struct batch_record *rec,
                                   struct tu_error *err)
{
    struct tu_buf b;
    enum tu_status st = TU_OK;
    size_t off = 0;

    if (s->journal_fd < 0) {
        return TU_OK;
    }
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    encode_record(&b, rec);
    if (b.status != TU_OK) {
        tu_buf_release(&b);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    /* Lines of several workers must not interleave; the sync that makes a
     * line durable is outside the lock, so no one waits on another's disk. */
    pthread_mutex_lock(&s->journal_lock);
    while (off < b.len) {
        ssize_t n = write(s->journal_fd, b.data + off, b.len - off);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            st = tu_error_at(err, TU_EIO, s->path, 0, 0, "cannot write: %s",
                             strerror(errno));
            break;
        }
        off += (size_t)n;
    }
    pthread_mutex_unlock(&s->journal_lock);
    if (st == TU_OK && fsync(s->journal_fd) != 0) {
        st = tu_error_at(err, TU_EIO, s->path, 0, 0, "cannot sync: %s",
                         strerror(errno));
    }
    tu_buf_release(&b);
    return st;
}
