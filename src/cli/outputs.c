/*
 * Where the outputs of a command with several inputs go (extract, merge):
 * one process for a whole folder of releases, so a press office does not
 * pay start-up per file. With one input, -o is the output file; with
 * several (or with -o ending in '/'), -o is a folder (made if missing) and
 * each output keeps its default name inside it. Several outputs are synced
 * to disk together at the end and only then renamed into place. Two inputs that would write the same output are
 * refused rather than one silently replacing the other.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static bool is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int cli_outputs_init(const struct cli *cli, struct cli_outputs *o,
                     const char *out_opt, int n_inputs)
{
    memset(o, 0, sizeof *o);
    if (n_inputs < 1) {
        return cli_usage_error(cli, "no input file");
    }
    if (n_inputs > 1) {
        o->group = &o->group_store;
    }
    if (out_opt == NULL) {
        return CLI_OK; /* each output beside its input */
    }
    if (n_inputs == 1 && !is_dir(out_opt) && out_opt[strlen(out_opt) - 1] != '/') {
        o->file = out_opt;
        return CLI_OK;
    }
    if (strcmp(out_opt, "-") == 0) {
        return cli_usage_error(cli, "-o - (standard output) takes one input, not %d", n_inputs);
    }
    if (!is_dir(out_opt) && mkdir(out_opt, 0777) != 0) {
        cli_errorf(cli, "%s: cannot make the output folder: %s", out_opt, strerror(errno));
        return CLI_FAILED;
    }
    o->dir = out_opt;
    return CLI_OK;
}

char *cli_outputs_place(const struct cli_outputs *o, const char *beside,
                        const char *name)
{
    const char *base = strrchr(name, '/');
    const char *slash = strrchr(beside, '/');
    struct tu_buf b;

    if (o->file != NULL) {
        return tu_strdup(o->file);
    }
    base = base ? base + 1 : name;
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    if (o->dir != NULL) {
        tu_buf_printf(&b, "%s/", o->dir);
    } else if (slash != NULL) {
        tu_buf_add(&b, beside, (size_t)(slash - beside) + 1);
    }
    tu_buf_printf(&b, "%s", base);
    return tu_buf_detach(&b, NULL);
}

int cli_outputs_claim(const struct cli *cli, struct cli_outputs *o,
                      const char *input, const char *out_path)
{
    char **grown;

    for (size_t i = 0; i < o->count; i++) {
        if (strcmp(o->claimed[i], out_path) == 0) {
            cli_errorf(cli, "%s: its output %s is already written from another input; "
                            "nothing written for it", input, out_path);
            return CLI_FAILED;
        }
    }
    grown = tu_realloc(o->claimed, (o->count + 1) * sizeof *grown);
    if (grown == NULL || (grown[o->count] = tu_strdup(out_path)) == NULL) {
        if (grown != NULL) {
            o->claimed = grown;
        }
        cli_errorf(cli, "out of memory");
        return CLI_FAILED;
    }
    o->claimed = grown;
    o->count++;
    return CLI_OK;
}

int cli_outputs_finish(const struct cli *cli, struct cli_outputs *o,
                       int n_inputs, int n_failed)
{
    struct tu_error err = {0};

    if (o->group != NULL && tu_atomic_group_commit(o->group, &err) != TU_OK) {
        cli_report(cli, &err);
        n_failed = n_failed > 0 ? n_failed : 1;
    }
    for (size_t i = 0; i < o->count; i++) {
        tu_free(o->claimed[i]);
    }
    tu_free(o->claimed);
    o->claimed = NULL;
    o->count = 0;
    if (n_failed == 0) {
        return CLI_OK;
    }
    if (n_inputs > 1) {
        cli_errorf(cli, "%d of %d inputs failed (the others were written)", n_failed, n_inputs);
    }
    return CLI_FAILED;
}
