/*
 * The only place the tool writes diagnostics, in the GNU format
 * "tumac <command>: <file>:<line>:<col>: <message>".
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static void print_place(const char *path, unsigned long line,
                        unsigned long column)
{
    if (path != NULL && path[0] != '\0') {
        fprintf(stderr, "%s:", path);
        if (line > 0) {
            fprintf(stderr, "%lu:", line);
            if (column > 0) {
                fprintf(stderr, "%lu:", column);
            }
        }
        fputc(' ', stderr);
    }
}

void cli_report(const struct cli *cli, const struct tu_error *err)
{
    fprintf(stderr, "tumac %s: ", cli->command);
    print_place(err->path, err->line, err->column);
    fprintf(stderr, "%s\n", err->msg[0] ? err->msg : tu_status_str(err->code));
}

void cli_errorf(const struct cli *cli, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "tumac %s: ", cli->command);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_report_diags(const struct cli *cli, const struct tu_diag *d)
{
    static const char *const sev[] = {"note", "warning", "error"};

    for (size_t i = 0; i < d->count; i++) {
        const struct tu_diag_entry *e = &d->items[i];
        if (cli->quiet && e->severity == TU_NOTE) {
            continue;
        }
        fprintf(stderr, "tumac %s: ", cli->command);
        print_place(e->path, e->line, e->column);
        fprintf(stderr, "%s: %s\n", sev[e->severity], e->msg);
    }
}

void cli_print_usage(const struct cli *cli, FILE *fp)
{
    const struct cli_command *c = cli_find_command(cli->command);

    if (c == NULL) {
        return;
    }
    fprintf(fp, "usage: tumac %s %s\n", c->name, c->usage);
}

int cli_usage_error(const struct cli *cli, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "tumac %s: ", cli->command);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    cli_print_usage(cli, stderr);
    return CLI_USAGE;
}

int cli_int_option(const struct cli *cli, const char *opt, const char *value,
                   int lo, int hi, int *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(value, &end, 10);
    if (*value == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi) {
        return cli_usage_error(cli, "%s must be a number from %d to %d, not '%s'",
                               opt, lo, hi, value);
    }
    *out = (int)v;
    return CLI_OK;
}

void cli_json_str(FILE *fp, const char *s)
{
    struct tu_buf b;

    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    tu_json_str(&b, s ? s : "");
    fwrite(b.data, 1, b.len, fp);
    tu_buf_release(&b);
}

bool cli_wants_help(const struct cli *cli, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] == '-' && argv[i][2] == '\0') {
            break; /* "--" ends the options */
        }
        if ((argv[i][0] == '-' && argv[i][1] == 'h' && argv[i][2] == '\0') ||
            (argv[i][0] == '-' && argv[i][1] == '-' && argv[i][2] == 'h' &&
             argv[i][3] == 'e' && argv[i][4] == 'l' && argv[i][5] == 'p' &&
             argv[i][6] == '\0')) {
            const struct cli_command *c = cli_find_command(cli->command);
            cli_print_usage(cli, stdout);
            if (c != NULL) {
                printf("\n%s\n", c->summary);
            }
            return true;
        }
    }
    return false;
}

bool cli_lang_arg(const struct cli *cli, const char **arg, struct cli_lang *buf)
{
    struct tu_locale loc;
    struct tu_error err = {0};

    if (*arg == NULL) {
        return true;
    }
    if (tu_locale_parse(*arg, &loc, &err) != TU_OK) {
        cli_report(cli, &err);
        return false;
    }
    snprintf(buf->tag, sizeof buf->tag, "%s", loc.tag);
    *arg = buf->tag;
    return true;
}
