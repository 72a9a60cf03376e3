/*
 * tumac validate: placeholder until its issue lands; refuses to run.
 */
#include "cli.h"

const char cmd_validate_usage[] = "[options] (not available yet)";

int cmd_validate(int argc, char **argv, struct cli *cli)
{
    (void)argc;
    (void)argv;
    cli_errorf(cli, "this command is not available yet");
    return CLI_FAILED;
}
