/*
 * tumac tm: placeholder until its issue lands; refuses to run.
 */
#include "cli.h"

const char cmd_tm_usage[] = "[options] (not available yet)";

int cmd_tm(int argc, char **argv, struct cli *cli)
{
    (void)argc;
    (void)argv;
    cli_errorf(cli, "this command is not available yet");
    return CLI_FAILED;
}
