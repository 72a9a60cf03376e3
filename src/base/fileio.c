/*
 * Reading whole files with a ceiling, and writing outputs atomically: a
 * temporary beside the target, fsync, then rename, so readers see either the
 * old file or the complete new one and a failure leaves nothing behind.
 * A group of outputs (a command's folder of them) is made durable with one
 * syncfs per file system instead of one fsync each, then renamed.
 */
#define _GNU_SOURCE /* syncfs */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tumac/alloc.h>
#include <tumac/fileio.h>

enum tu_status tu_file_open_read(const char *path, FILE **out, struct tu_error *err)
{
    struct stat st;
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");

    *out = NULL;
    if (fp == NULL) {
        return tu_error_at(err, errno == ENOENT ? TU_ENOTFOUND : TU_EIO, path,
                           0, 0, "cannot open: %s", strerror(errno));
    }
    if (fp != stdin && fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(fp);
        return tu_error_at(err, TU_EIO, path, 0, 0,
                           "is a directory, expected a file");
    }
    *out = fp;
    return TU_OK;
}

void tu_file_close_read(FILE *fp)
{
    if (fp != NULL && fp != stdin) {
        fclose(fp);
    }
}

/* An empty buffer sized to a regular file at once: grown by doubling it
 * would hold up to twice the file, and whole-file reads are the largest
 * allocation of most commands. A file that grows meanwhile still fits. */
static void presize(FILE *fp, size_t limit, struct tu_buf *out)
{
    struct stat st;
    char *p;

    if (out->cap != 0 || out->status != TU_OK || fstat(fileno(fp), &st) != 0 ||
        !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        (unsigned long long)st.st_size >= (size_t)-1 ||
        (size_t)st.st_size > limit || (size_t)st.st_size > out->limit) {
        return;
    }
    p = tu_malloc((size_t)st.st_size + 1);
    if (p != NULL) {
        p[0] = '\0';
        out->data = p;
        out->cap = (size_t)st.st_size + 1;
    }
}

enum tu_status tu_file_read(const char *path, size_t limit, struct tu_buf *out,
                            struct tu_error *err)
{
    FILE *fp;
    char chunk[65536];
    size_t n;
    size_t total = 0;
    enum tu_status st = TU_OK;

    if (tu_file_open_read(path, &fp, err) != TU_OK) {
        return err->code;
    }
    presize(fp, limit, out);
    while (st == TU_OK && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
        total += n;
        if (total > limit) {
            st = tu_error_at(err, TU_ETOOBIG, path, 0, 0,
                             "file is larger than the limit of %zu bytes", limit);
        } else if (tu_buf_add(out, chunk, n) != TU_OK) {
            st = tu_error_at(err, out->status, path, 0, 0,
                             "cannot hold the file in memory");
        }
    }
    if (st == TU_OK && ferror(fp)) {
        st = tu_error_at(err, TU_EIO, path, 0, 0, "read failed: %s", strerror(errno));
    }
    tu_file_close_read(fp);
    return st;
}

enum tu_status tu_mkdirs(const char *dir, struct tu_error *err)
{
    char *p = tu_strdup(dir);
    size_t len;

    if (p == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    len = strlen(p);
    for (size_t i = 1; i <= len; i++) {
        if (p[i] == '/' || p[i] == '\0') {
            char saved = p[i];
            p[i] = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                int e = errno;
                tu_error_at(err, TU_EIO, p, 0, 0, "cannot create folder: %s",
                            strerror(e));
                tu_free(p);
                return TU_EIO;
            }
            p[i] = saved;
        }
    }
    tu_free(p);
    return TU_OK;
}

static void atomic_reset(struct tu_atomic_file *f)
{
    tu_free(f->path);
    tu_free(f->tmp_path);
    memset(f, 0, sizeof(*f));
}

enum tu_status tu_mkdirs_for(const char *path, struct tu_error *err)
{
    const char *slash = strrchr(path, '/');
    char *dir;
    enum tu_status st;

    struct stat have;

    if (slash == NULL || slash == path) {
        return TU_OK;
    }
    dir = tu_strndup(path, (size_t)(slash - path));
    if (dir == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    /* the usual case, one stat instead of a mkdir per ancestor */
    st = stat(dir, &have) == 0 && S_ISDIR(have.st_mode) ? TU_OK : tu_mkdirs(dir, err);
    tu_free(dir);
    return st;
}

enum tu_status tu_atomic_open(struct tu_atomic_file *f, const char *path,
                              struct tu_error *err)
{
    const char *slash;
    enum tu_status st;
    int fd;
    struct stat old;
    mode_t mode = 0644;

    memset(f, 0, sizeof(*f));
    if (strcmp(path, "-") == 0) {
        f->fp = stdout;
        f->is_stdout = true;
        return TU_OK;
    }
    /* The rename would replace a file its owner made read-only (and leave
     * a writable one): refuse. A file that is replaced keeps its mode. */
    if (stat(path, &old) == 0 && S_ISREG(old.st_mode)) {
        if ((old.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0) {
            return tu_error_at(err, TU_EIO, path, 0, 0,
                               "the output file is read-only; not replaced "
                               "(make it writable or choose another output)");
        }
        mode = old.st_mode & 07777;
    }
    st = tu_mkdirs_for(path, err);
    if (st != TU_OK) {
        return st;
    }
    slash = strrchr(path, '/');
    f->path = tu_strdup(path);
    f->tmp_path = tu_malloc(strlen(path) + 16);
    if (f->path == NULL || f->tmp_path == NULL) {
        atomic_reset(f);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    /* A dot-name beside the target: same file system, so rename is atomic. */
    if (slash != NULL) {
        snprintf(f->tmp_path, strlen(path) + 16, "%.*s/.%s.XXXXXX",
                 (int)(slash - path), path, slash + 1);
    } else {
        snprintf(f->tmp_path, strlen(path) + 16, ".%s.XXXXXX", path);
    }
    fd = mkstemp(f->tmp_path);
    if (fd < 0) {
        int e = errno;
        tu_error_at(err, TU_EIO, path, 0, 0, "cannot create output: %s",
                    strerror(e));
        atomic_reset(f);
        return TU_EIO;
    }
    fchmod(fd, mode);
    f->fp = fdopen(fd, "wb");
    if (f->fp == NULL) {
        int e = errno;
        close(fd);
        unlink(f->tmp_path);
        tu_error_at(err, TU_EIO, path, 0, 0, "cannot create output: %s",
                    strerror(e));
        atomic_reset(f);
        return TU_EIO;
    }
    return TU_OK;
}

enum tu_status tu_atomic_commit(struct tu_atomic_file *f, struct tu_error *err)
{
    return tu_atomic_commit_in(f, NULL, err);
}

/* The temporary's bytes are complete; the group renames it later. */
static enum tu_status join_group(struct tu_atomic_file *f, struct tu_atomic_group *g,
                                 struct tu_error *err)
{
    struct tu_atomic_file *grown;
    int e;

    if (fflush(f->fp) != 0 || ferror(f->fp) || fclose(f->fp) != 0) {
        e = errno;
        f->fp = NULL;
        tu_error_at(err, TU_EIO, f->path, 0, 0, "write failed: %s", strerror(e));
        tu_atomic_abort(f);
        return TU_EIO;
    }
    f->fp = NULL;
    grown = tu_realloc(g->files, (g->count + 1) * sizeof *grown);
    if (grown == NULL) {
        tu_atomic_abort(f);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    g->files = grown;
    g->files[g->count++] = *f;
    memset(f, 0, sizeof(*f));
    return TU_OK;
}

enum tu_status tu_atomic_commit_in(struct tu_atomic_file *f, struct tu_atomic_group *g,
                                   struct tu_error *err)
{
    int e;

    if (g != NULL && f->fp != NULL && !f->is_stdout) {
        return join_group(f, g, err);
    }
    if (f->is_stdout) {
        if (fflush(stdout) != 0) {
            return tu_error_set(err, TU_EIO, "cannot write to standard output");
        }
        memset(f, 0, sizeof(*f));
        return TU_OK;
    }
    if (f->fp == NULL) {
        return tu_error_set(err, TU_EINVAL, "output file is not open");
    }
    if (fflush(f->fp) != 0 || ferror(f->fp) || fsync(fileno(f->fp)) != 0) {
        e = errno;
        tu_error_at(err, TU_EIO, f->path, 0, 0, "write failed: %s",
                    strerror(e));
        tu_atomic_abort(f);
        return TU_EIO;
    }
    if (fclose(f->fp) != 0) {
        e = errno;
        f->fp = NULL;
        tu_error_at(err, TU_EIO, f->path, 0, 0, "write failed: %s",
                    strerror(e));
        tu_atomic_abort(f);
        return TU_EIO;
    }
    f->fp = NULL;
    if (rename(f->tmp_path, f->path) != 0) {
        e = errno;
        tu_error_at(err, TU_EIO, f->path, 0, 0, "cannot replace file: %s",
                    strerror(e));
        tu_atomic_abort(f);
        return TU_EIO;
    }
    atomic_reset(f);
    return TU_OK;
}

void tu_atomic_abort(struct tu_atomic_file *f)
{
    if (f->is_stdout) {
        memset(f, 0, sizeof(*f));
        return;
    }
    if (f->fp != NULL) {
        fclose(f->fp);
    }
    if (f->tmp_path != NULL) {
        unlink(f->tmp_path);
    }
    atomic_reset(f);
}

/* syncfs once on the file system of `tmp_path` unless done already. */
static enum tu_status sync_file_system(const char *tmp_path, dev_t *synced, size_t *n_synced)
{
    struct stat st;
    int fd = open(tmp_path, O_RDONLY);
    enum tu_status rc = TU_OK;

    if (fd < 0 || fstat(fd, &st) != 0) {
        rc = TU_EIO;
    } else {
        size_t i = 0;
        while (i < *n_synced && synced[i] != st.st_dev) {
            i++;
        }
        if (i == *n_synced) {
            rc = syncfs(fd) == 0 ? TU_OK : TU_EIO;
            synced[(*n_synced)++] = st.st_dev;
        }
    }
    if (fd >= 0) {
        int e = errno; /* the caller reports the failure's errno, not close's */
        close(fd);
        errno = e;
    }
    return rc;
}

enum tu_status tu_atomic_group_commit(struct tu_atomic_group *g, struct tu_error *err)
{
    dev_t *synced = tu_malloc((g->count + 1) * sizeof *synced);
    size_t n_synced = 0;
    enum tu_status st = synced ? TU_OK : tu_error_set(err, TU_ENOMEM, "out of memory");

    /* Durable first, renamed after: a crash in between leaves only the
     * temporaries, never a final name over bytes not yet on disk. */
    for (size_t i = 0; st == TU_OK && i < g->count; i++) {
        if (sync_file_system(g->files[i].tmp_path, synced, &n_synced) != TU_OK) {
            int e = errno;
            st = tu_error_at(err, TU_EIO, g->files[i].path, 0, 0, "write failed: %s",
                             strerror(e));
        }
    }
    for (size_t i = 0; st == TU_OK && i < g->count; i++) {
        if (rename(g->files[i].tmp_path, g->files[i].path) != 0) {
            int e = errno;
            st = tu_error_at(err, TU_EIO, g->files[i].path, 0, 0, "cannot replace file: %s",
                             strerror(e));
        } else {
            atomic_reset(&g->files[i]);
        }
    }
    tu_free(synced);
    tu_atomic_group_abort(g);
    return st;
}

void tu_atomic_group_abort(struct tu_atomic_group *g)
{
    for (size_t i = 0; i < g->count; i++) {
        tu_atomic_abort(&g->files[i]); /* a renamed one is already reset */
    }
    tu_free(g->files);
    g->files = NULL;
    g->count = 0;
}

enum tu_status tu_file_write_atomic(const char *path, const void *data,
                                    size_t len, struct tu_error *err)
{
    return tu_file_write_atomic_in(path, data, len, NULL, err);
}

enum tu_status tu_file_write_atomic_in(const char *path, const void *data, size_t len,
                                       struct tu_atomic_group *g, struct tu_error *err)
{
    struct tu_atomic_file f;
    enum tu_status st = tu_atomic_open(&f, path, err);

    if (st != TU_OK) {
        return st;
    }
    if (len > 0 && fwrite(data, 1, len, f.fp) != len) {
        int e = errno;
        tu_atomic_abort(&f);
        return tu_error_at(err, TU_EIO, path, 0, 0, "write failed: %s",
                           strerror(e));
    }
    return tu_atomic_commit_in(&f, g, err);
}

void tu_text_position(const char *text, size_t len, size_t offset,
                      unsigned long *line, unsigned long *column)
{
    unsigned long l = 1;
    unsigned long c = 1;

    if (offset > len) {
        offset = len;
    }
    for (size_t i = 0; i < offset; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *column = c;
}
