/*
 * tumac: the command table and dispatcher. To add a command, write
 * src/cli/cmd_<name>.c (defining cmd_<name> and cmd_<name>_usage), declare it
 * in cli.h and add a row here, sorted by name.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int cmd_help(int argc, char **argv, struct cli *cli);
static const char cmd_help_usage[] = "[COMMAND]";

#define ROW(name, summary) {#name, cmd_##name, summary, cmd_##name##_usage}

static const struct cli_command commands[] = {
    ROW(analyze, "report TM leverage of XLIFF files in billable word bands"),
    ROW(batch, "localize a folder of releases into every target locale"),
    ROW(check, "quality checks of translations before publishing"),
    ROW(count, "count words, characters and segments"),
    ROW(extract, "turn a press release (text, HTML) into XLIFF"),
    ROW(help, "show the commands, or one command's options"),
    ROW(leverage, "pre-translate an XLIFF file from the translation memory"),
    ROW(merge, "rebuild the translated document from an XLIFF file"),
    ROW(normalize, "normalize text: NFC, encodings, invisible characters"),
    ROW(pseudo, "fill XLIFF targets with a pseudo-translation"),
    ROW(segment, "split paragraphs into sentences"),
    ROW(serve, "serve the translation memory over HTTP (tmserver, JSON, a search page)"),
    ROW(tm, "import, export and query the translation memory"),
    ROW(translit, "transliterate Serbian/Bosnian between Cyrillic and Latin"),
    ROW(validate, "check XLIFF files against the standard"),
    ROW(xliff, "convert XLIFF between versions 1.2 and 2.x"),
};

#define COMMAND_COUNT (sizeof(commands) / sizeof(commands[0]))

const struct cli_command *cli_find_command(const char *name)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        if (strcmp(commands[i].name, name) == 0) {
            return &commands[i];
        }
    }
    return NULL;
}

static void print_command_list(FILE *fp)
{
    fprintf(fp, "usage: tumac <command> [options] [args]\n"
                "       tumac help <command> | tumac <command> --help\n"
                "       tumac --version\n\ncommands:\n");
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
    }
}

static int cmd_help(int argc, char **argv, struct cli *cli)
{
    const struct cli_command *c;
    struct cli sub = *cli;

    if (argc < 2) {
        print_command_list(stdout);
        return CLI_OK;
    }
    if (argc > 2) {
        return cli_usage_error(cli, "too many arguments");
    }
    c = cli_find_command(argv[1]);
    if (c == NULL) {
        return cli_usage_error(cli, "unknown command '%s'", argv[1]);
    }
    sub.command = c->name;
    cli_print_usage(&sub, stdout);
    printf("\n%s\n", c->summary);
    return CLI_OK;
}

int main(int argc, char **argv)
{
    struct cli cli = {.command = "help", .quiet = false};
    const struct cli_command *c;

    if (argc < 2) {
        print_command_list(stderr);
        return CLI_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("tumac %s\n", TUMAC_VERSION);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_command_list(stdout);
        return CLI_OK;
    }
    c = cli_find_command(argv[1]);
    if (c == NULL) {
        fprintf(stderr, "tumac: '%s' is not a command; see 'tumac help'\n",
                argv[1]);
        return CLI_USAGE;
    }
    cli.command = c->name;
    if (cli_wants_help(&cli, argc - 1, argv + 1)) {
        return CLI_OK;
    }
    return c->run(argc - 1, argv + 1, &cli);
}
