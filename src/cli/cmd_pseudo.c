/*
 * tumac pseudo: fill every target of an XLIFF file with a pseudo-translation
 * (accented, bracketed, a third longer, codes kept), to test round trips
 * and layouts without a translator.
 */
#include <getopt.h>

#include <tumac/xliff.h>

#include "cli.h"

const char cmd_pseudo_usage[] =
    "[-o OUT.xlf] IN.xlf\n"
    "\n"
    "Replace the target of every segment with a pseudo-translation of its\n"
    "source. The file is rewritten in place (atomically) unless -o is given.\n"
    "\n"
    "  -o, --output FILE     write here instead (- is stdout)\n";

int cmd_pseudo(int argc, char **argv, struct cli *cli)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'}, {NULL, 0, NULL, 0}};
    const char *out_path = NULL;
    struct tu_error err = {0};
    struct tu_doc *doc = NULL;
    enum tu_xliff_version v;
    int c, rc = CLI_OK;

    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
        if (c != 'o') {
            return cli_usage_error(cli, "unknown option");
        }
        out_path = optarg;
    }
    if (optind != argc - 1) {
        return cli_usage_error(cli, optind >= argc ? "no input file"
                                                   : "one input file at a time");
    }
    if (out_path == NULL) {
        out_path = argv[optind];
    }
    if (tu_xliff_read_file(argv[optind], &doc, &err) != TU_OK ||
        tu_pseudo_doc(doc, &err) != TU_OK) {
        cli_report(cli, &err);
        tu_doc_free(doc);
        return CLI_FAILED;
    }
    v = doc->version == TU_XLIFF_UNKNOWN ? TU_XLIFF_2_1 : doc->version;
    if (tu_xliff_write_file(doc, v, out_path, &err) != TU_OK) {
        cli_report(cli, &err);
        rc = CLI_FAILED;
    }
    tu_doc_free(doc);
    return rc;
}
