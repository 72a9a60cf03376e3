/*
 * tumac xliff convert: move a document between XLIFF 1.2 and 2.1 (2.2)
 * through the one model, keeping segments, codes, notes, states, matches.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

const char cmd_xliff_usage[] =
    "convert --to 1.2|2.1|2.2 [-o OUT] IN\n"
    "\n"
    "Read IN (XLIFF 1.2, 2.0, 2.1 or 2.2) and write it as XLIFF of the given\n"
    "version, keeping segments, inline codes, notes, states and matches.\n"
    "\n"
    "  -t, --to VERSION      1.2, 2.1 or 2.2\n"
    "  -o, --output FILE     output file (default stdout)\n";

int cmd_xliff(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {
        {"to", required_argument, NULL, 't'},
        {"output", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0},
    };
    enum tu_xliff_version to = TU_XLIFF_UNKNOWN;
    const char *out = "-";
    struct tu_error err = {0};
    struct tu_doc *doc = NULL;
    int ch;

    if (cli_wants_help(cli, argc, argv)) {
        return CLI_OK;
    }
    if (argc < 2 || strcmp(argv[1], "convert") != 0) {
        return cli_usage_error(cli, "expected the subcommand 'convert'");
    }
    argc--;
    argv++;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "t:o:", opts, NULL)) != -1) {
        switch (ch) {
        case 't':
            to = tu_xliff_version_parse(optarg);
            if (to == TU_XLIFF_UNKNOWN || to == TU_XLIFF_2_0) {
                return cli_usage_error(cli, "unknown XLIFF version '%s' (1.2, 2.1 or 2.2)", optarg);
            }
            break;
        case 'o':
            out = optarg;
            break;
        default:
            return cli_usage_error(cli, "unknown option");
        }
    }
    if (to == TU_XLIFF_UNKNOWN) {
        return cli_usage_error(cli, "--to is required");
    }
    if (optind != argc - 1) {
        return cli_usage_error(cli, "expected one input file");
    }
    if (tu_xliff_read_file(argv[optind], &doc, &err) != TU_OK ||
        tu_xliff_write_file(doc, to, out, &err) != TU_OK) {
        cli_report(cli, &err);
        tu_doc_free(doc);
        return CLI_FAILED;
    }
    tu_doc_free(doc);
    return CLI_OK;
}
