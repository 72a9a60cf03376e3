/*
 * Which TM a command uses, and whether it may make one. A typo in --tm
 * ("memroy.db") must not become a new, empty TM and a quote that says
 * everything is new: commands that only read a TM refuse a path that does
 * not exist; those that store into one (tm import/update, batch) may create
 * it and say so.
 */
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

int cli_tm_path(const struct cli *cli, const char *given, enum cli_tm_use use,
                struct tu_buf *out)
{
    struct tu_error err = {0};
    struct stat sb;

    tu_buf_truncate(out, 0);
    if (tu_tm_default_path(given, out, &err) != TU_OK ||
        tu_buf_addc(out, 0) != TU_OK) {
        cli_report(cli, &err);
        return CLI_FAILED;
    }
    out->len--; /* keep the NUL, not as text */
    /* a server says itself whether the TM is there (tu_tm_open) */
    if (strcmp(out->data, "none") == 0 || tu_tm_is_server(out->data) ||
        stat(out->data, &sb) == 0) {
        return CLI_OK;
    }
    if (use != CLI_TM_CREATE) {
        cli_errorf(cli,
                   "%s: no such TM (check the path; 'tumac tm import "
                   "--tm %s FILE' makes a new one)",
                   out->data, out->data);
        return CLI_FAILED;
    }
    if (!cli->quiet) {
        cli_errorf(cli, "%s: no TM there yet: creating a new, empty one",
                   out->data);
    }
    return CLI_OK;
}

int cli_tm_exists(const struct cli *cli, const char *given)
{
    struct tu_buf path;
    int rc;

    tu_buf_init(&path, TU_BUF_NO_LIMIT);
    rc = cli_tm_path(cli, given, CLI_TM_READ, &path);
    tu_buf_release(&path);
    return rc;
}
