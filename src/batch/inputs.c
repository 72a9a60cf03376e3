/*
 * The documents of a run: files named on the command line, and the documents
 * found in named folders (recursively, sorted by path so runs are
 * reproducible). Each gets an output name unique in the run: the path below
 * its folder (or its base name) without the extension.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <tumac/alloc.h>
#include <tumac/locale.h>
#include "batch-int.h"

static const char *const doc_exts[] = {"html", "htm", "xhtml", "txt", "docx", "odt"};

bool batch_is_document(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');

    if (dot == NULL || dot == base) {
        return false;
    }
    for (size_t i = 0; i < sizeof(doc_exts) / sizeof(doc_exts[0]); i++) {
        if (strcasecmp(dot + 1, doc_exts[i]) == 0) {
            return true;
        }
    }
    return false;
}

/*
 * The language tag between the last two dots of a file name
 * ("press.sr-Latn.txt" -> "sr-Latn"), canonical in *tag; false if none.
 */
static bool name_locale(const char *path, struct tu_locale *tag,
                        const char **tag_dot)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    const char *prev = NULL;
    char sub[32];
    struct tu_error ignore = {0};

    if (dot == NULL) {
        return false;
    }
    for (const char *p = base; p < dot; p++) {
        if (*p == '.') {
            prev = p;
        }
    }
    if (prev == NULL || prev == base ||
        (size_t)(dot - prev - 1) >= sizeof(sub) || dot - prev - 1 < 2) {
        return false;
    }
    memcpy(sub, prev + 1, (size_t)(dot - prev - 1));
    sub[dot - prev - 1] = '\0';
    if (tu_locale_parse(sub, tag, &ignore) != TU_OK) {
        return false;
    }
    *tag_dot = prev;
    return true;
}

/* `rel` without its extension (and a ".<src>" before it), as a new string. */
static char *strip_ext(const char *rel, const char *src)
{
    const char *slash = strrchr(rel, '/');
    const char *base = slash ? slash + 1 : rel;
    const char *dot = strrchr(base, '.');
    struct tu_locale loc;
    const char *tag_dot;

    if (dot == NULL || dot == base) {
        return tu_strdup(rel);
    }
    if (src != NULL && name_locale(rel, &loc, &tag_dot) &&
        strcmp(loc.tag, src) == 0) {
        dot = tag_dot;
    }
    return tu_strndup(rel, (size_t)(dot - rel));
}

static bool name_taken(const struct batch_inputs *list, const char *name)
{
    for (size_t i = 0; i < list->count; i++) {
        if (strcmp(list->items[i].name, name) == 0) {
            return true;
        }
    }
    return false;
}

static enum tu_status add_input(struct batch_inputs *list, const char *path,
                                const char *rel, const char *src, uint64_t size,
                                struct tu_error *err)
{
    struct batch_input *in;
    char *name = strip_ext(rel, src);

    if (name == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    /* The same document named twice is one document. */
    for (size_t i = 0; i < list->count; i++) {
        if (strcmp(list->items[i].path, path) == 0) {
            tu_free(name);
            return TU_OK;
        }
    }
    in =
        tu_grow(list->items, sizeof(*list->items), list->count + 1, &list->cap);
    if (in == NULL) {
        tu_free(name);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    list->items = in;
    in = &list->items[list->count];
    in->path = tu_strdup(path);
    in->name = name;
    in->size = size;
    if (in->path == NULL) {
        tu_free(name);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    list->count++;
    return TU_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Documents under `dir` (path), named relative to `root_len` chars of it. */
static enum tu_status walk(struct batch_inputs *list, const char *dir,
                           size_t root_len, const char *src, int depth,
                           struct tu_error *err)
{
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t count = 0, cap = 0;
    enum tu_status st = TU_OK;

    if (depth > 32) {
        return tu_error_at(err, TU_EINVAL, dir, 0, 0,
                           "folders nested too deep");
    }
    d = opendir(dir);
    if (d == NULL) {
        return tu_error_at(err, TU_EIO, dir, 0, 0, "cannot read folder: %s",
                           strerror(errno));
    }
    while ((e = readdir(d)) != NULL) {
        char **grown;
        if (e->d_name[0] == '.') {
            continue; /* hidden files, our own temporaries, . and .. */
        }
        grown = tu_grow(names, sizeof(*names), count + 1, &cap);
        if (grown == NULL || (grown[count] = tu_strdup(e->d_name)) == NULL) {
            names = grown ? grown : names;
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
            break;
        }
        names = grown;
        count++;
    }
    closedir(d);
    if (st == TU_OK && count > 1) {
        qsort(names, count, sizeof(*names), cmp_str);
    }
    for (size_t i = 0; st == TU_OK && i < count; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *path = tu_malloc(len);
        struct stat sb;
        if (path == NULL) {
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
            break;
        }
        snprintf(path, len, "%s%s%s", dir,
                 dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
        if (stat(path, &sb) == 0) {
            if (S_ISDIR(sb.st_mode)) {
                st = walk(list, path, root_len, src, depth + 1, err);
            } else if (S_ISREG(sb.st_mode) && batch_is_document(path)) {
                const char *rel = path + root_len;
                struct tu_locale loc;
                const char *tag_dot;
                while (*rel == '/') {
                    rel++;
                }
                /* press.hr.txt beside press.en.txt is a translation. */
                if (!name_locale(rel, &loc, &tag_dot) ||
                    strcmp(loc.tag, src) == 0) {
                    st = add_input(list, path, rel, src, (uint64_t)sb.st_size,
                                   err);
                }
            }
        }
        tu_free(path);
    }
    for (size_t i = 0; i < count; i++) {
        tu_free(names[i]);
    }
    tu_free(names);
    return st;
}

/*
 * Inputs that share a name (press.en.html and press.en.txt) are told apart
 * by their extension: press-html, press-txt. Any clash left gets -2, -3.
 */
static enum tu_status disambiguate(struct batch_inputs *list,
                                   struct tu_error *err)
{
    size_t n = list->count;
    bool *clash = tu_calloc(n + 1, sizeof(*clash));

    if (clash == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t k = i + 1; k < n; k++) {
            if (strcmp(list->items[i].name, list->items[k].name) == 0) {
                clash[i] = clash[k] = true;
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        struct batch_input *in = &list->items[i];
        const char *slash = strrchr(in->path, '/');
        const char *dot = strrchr(slash ? slash + 1 : in->path, '.');
        size_t len = strlen(in->name) + (dot ? strlen(dot) : 0) + 24;
        char *alt;
        if (!clash[i]) {
            continue;
        }
        alt = tu_malloc(len);
        if (alt == NULL) {
            tu_free(clash);
            return tu_error_set(err, TU_ENOMEM, "out of memory");
        }
        snprintf(alt, len, "%s-%s", in->name, dot ? dot + 1 : "doc");
        for (char *p = alt + strlen(in->name); *p; p++) {
            *p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        }
        for (unsigned k = 2; name_taken(list, alt); k++) {
            snprintf(alt, len, "%s-%s-%u", in->name, dot ? dot + 1 : "doc", k);
        }
        tu_free(in->name);
        in->name = alt;
    }
    tu_free(clash);
    return TU_OK;
}

enum tu_status batch_inputs_collect(const char *const *paths, size_t count,
                                    const char *src, struct batch_inputs *list,
                                    struct tu_error *err)
{
    for (size_t i = 0; i < count; i++) {
        struct stat sb;
        size_t before = list->count;
        enum tu_status st;

        if (stat(paths[i], &sb) != 0) {
            return tu_error_at(err, errno == ENOENT ? TU_ENOTFOUND : TU_EIO,
                               paths[i], 0, 0, "cannot open: %s",
                               strerror(errno));
        }
        if (S_ISDIR(sb.st_mode)) {
            st = walk(list, paths[i], strlen(paths[i]), src, 0, err);
            if (st == TU_OK && list->count == before) {
                st = tu_error_at(err, TU_ENOTFOUND, paths[i], 0, 0,
                                 "no documents (.html, .htm, .xhtml, .txt, .docx, .odt) "
                                 "in this folder");
            }
        } else {
            /* A file named explicitly is taken whatever its extension:
             * the filter decides whether it can read it. */
            const char *slash = strrchr(paths[i], '/');
            st = add_input(list, paths[i], slash ? slash + 1 : paths[i], src,
                           (uint64_t)sb.st_size, err);
        }
        if (st != TU_OK) {
            return st;
        }
    }
    return disambiguate(list, err);
}

void batch_inputs_release(struct batch_inputs *list)
{
    for (size_t i = 0; i < list->count; i++) {
        tu_free(list->items[i].path);
        tu_free(list->items[i].name);
    }
    tu_free(list->items);
    memset(list, 0, sizeof(*list));
}

enum tu_status batch_ref_pairs(const char *dir, const char *src,
                               const char *trg, batch_pair_fn fn, void *ctx,
                               struct tu_error *err)
{
    struct batch_inputs found = {0};
    enum tu_status st;

    /* Walk as for inputs: the src-language documents, sorted. */
    st = walk(&found, dir, strlen(dir), src, 0, err);
    for (size_t i = 0; st == TU_OK && i < found.count; i++) {
        const char *path = found.items[i].path;
        struct tu_locale loc;
        const char *tag_dot;
        const char *ext;
        size_t len;
        char *sib;
        struct stat sb;
        if (!name_locale(path, &loc, &tag_dot)) {
            continue; /* no language in the name: not a pair */
        }
        ext = strrchr(tag_dot + 1, '.');
        len = (size_t)(tag_dot - path) + strlen(trg) + strlen(ext) + 2;
        sib = tu_malloc(len);
        if (sib == NULL) {
            st = tu_error_set(err, TU_ENOMEM, "out of memory");
            break;
        }
        snprintf(sib, len, "%.*s.%s%s", (int)(tag_dot - path), path, trg, ext);
        if (stat(sib, &sb) == 0 && S_ISREG(sb.st_mode)) {
            st = fn(ctx, path, sib, err);
        }
        tu_free(sib);
    }
    batch_inputs_release(&found);
    return st;
}
