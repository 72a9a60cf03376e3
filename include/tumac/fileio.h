/*
 * Whole-file reading with a size ceiling, and atomic writing: outputs go to a
 * temporary file in the target folder and are renamed into place only when
 * complete, so a failed command never leaves a half-written file.
 */
#ifndef TUMAC_FILEIO_H
#define TUMAC_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "error.h"

/* Default ceiling for one input document: 512 MiB. */
#define TU_FILE_DEFAULT_LIMIT ((size_t)512 << 20)

/*
 * Read all of `path` ("-" is stdin) into `out` (appended), refusing files
 * larger than `limit` bytes with TU_ETOOBIG.
 */
enum tu_status tu_file_read(const char *path, size_t limit, struct tu_buf *out,
                            struct tu_error *err);

/* Open `path` ("-" is stdin) to read it in pieces (a line at a time), with
 * tu_file_read's errors; tu_file_close_read leaves stdin open. */
enum tu_status tu_file_open_read(const char *path, FILE **out, struct tu_error *err);
void tu_file_close_read(FILE *fp);

/* An output file under construction. */
struct tu_atomic_file {
    FILE *fp;        /* write here */
    char *path;      /* final name */
    char *tmp_path;  /* the temporary beside it */
    bool is_stdout;  /* path was "-": fp is stdout, nothing to rename */
};

/*
 * Open a temporary file next to `path` ("-" means stdout). Missing parent
 * folders are created. On failure nothing is left on disk.
 */
enum tu_status tu_atomic_open(struct tu_atomic_file *f, const char *path,
                              struct tu_error *err);

/* Flush, fsync and rename the temporary over the final path. */
enum tu_status tu_atomic_commit(struct tu_atomic_file *f, struct tu_error *err);

/* Remove the temporary (if any) and free `f`; safe after commit and on NULL fp. */
void tu_atomic_abort(struct tu_atomic_file *f);

/* Write `len` bytes to `path` atomically ("-" is stdout). */
enum tu_status tu_file_write_atomic(const char *path, const void *data,
                                    size_t len, struct tu_error *err);

/*
 * Outputs committed together: a command writing a folder of files closes
 * each in its temporary (tu_atomic_commit_in with the group), and
 * tu_atomic_group_commit makes all durable with one syncfs per file system,
 * then renames them: one disk flush for the folder instead of one a file.
 * Start from a zeroed group; abort removes the temporaries not renamed.
 */
struct tu_atomic_group {
    struct tu_atomic_file *files;
    size_t count;
};

/* tu_atomic_commit, or with `g` not NULL: complete the temporary and hand
 * it to the group (stdout is flushed at once). On failure nothing is left. */
enum tu_status tu_atomic_commit_in(struct tu_atomic_file *f, struct tu_atomic_group *g,
                                   struct tu_error *err);

/* tu_file_write_atomic joining `g` (NULL: committed at once). */
enum tu_status tu_file_write_atomic_in(const char *path, const void *data, size_t len,
                                       struct tu_atomic_group *g, struct tu_error *err);

/* Sync and rename every output of the group; on a failure the first is
 * reported and the outputs not yet renamed are removed. Empties `g`. */
enum tu_status tu_atomic_group_commit(struct tu_atomic_group *g, struct tu_error *err);
void tu_atomic_group_abort(struct tu_atomic_group *g);

/* Create `dir` and its parents (mkdir -p). */
enum tu_status tu_mkdirs(const char *dir, struct tu_error *err);
/* tu_mkdirs for the folder of file `path` (nothing when it has none). */
enum tu_status tu_mkdirs_for(const char *path, struct tu_error *err);

/* 1-based line and column (in UTF-8 characters) of byte `offset` in `text`. */
void tu_text_position(const char *text, size_t len, size_t offset,
                      unsigned long *line, unsigned long *column);

#endif
