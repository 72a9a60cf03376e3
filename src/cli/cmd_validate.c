/*
 * tumac validate: check XLIFF files (well-formedness, structure and the
 * processing requirements of the standard); one line per violation.
 */
#include "cli.h"

const char cmd_validate_usage[] =
    "FILE...\n"
    "\n"
    "Check each XLIFF file (1.2, 2.0, 2.1, 2.2): well-formedness, structure\n"
    "and the rules of the standard that a schema cannot express (ids in their\n"
    "scopes, sc/ec pairing, references, languages, states...). Prints every\n"
    "violation as FILE:LINE:COL: message naming the rule; exit 1 if any.\n";

int cmd_validate(int argc, char **argv, struct cli *cli)
{
    int rc = CLI_OK;

    if (cli_wants_help(cli, argc, argv)) {
        return CLI_OK;
    }
    if (argc < 2) {
        return cli_usage_error(cli, "expected at least one file");
    }
    for (int i = 1; i < argc; i++) {
        struct tu_error err = {0};
        struct tu_diag diag = {0};
        enum tu_status st = tu_xliff_validate(argv[i], &diag, &err);
        cli_report_diags(cli, &diag);
        if (st != TU_OK) {
            if (diag.count == 0) {
                cli_report(cli, &err);
            }
            rc = CLI_FAILED;
        } else if (!cli->quiet) {
            printf("%s: valid\n", argv[i]);
        }
        tu_diag_release(&diag);
    }
    return rc;
}
