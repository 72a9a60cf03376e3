/*
 * tumac pseudo: fill every target of an XLIFF file with a pseudo-translation
 * (accented, bracketed, a third longer, codes kept), to test round trips
 * and layouts without a translator.
 */
#include <getopt.h>

#include <tumac/xliff.h>

#include "cli.h"

const char cmd_pseudo_usage[] =
    "[-o OUT.xlf] IN.xlf...\n"
    "\n"
    "Replace the target of every segment with a pseudo-translation of its\n"
    "source. Each file is rewritten in place (atomically) unless -o is given;\n"
    "a file that fails is left as it was, the others go on, and the exit is 1.\n"
    "\n"
    "  -o, --output FILE     write here instead (- is stdout; one input only)\n";

/* pseudo_one: IN pseudo-translated, written to OUT (atomically). */
static int pseudo_one(struct cli *cli, const char *in, const char *out)
{
    struct tu_error err = {0};
    struct tu_doc *doc = NULL;
    enum tu_xliff_version v;
    int rc = CLI_OK;

    if (tu_xliff_read_file(in, &doc, &err) != TU_OK || tu_pseudo_doc(doc, &err) != TU_OK) {
        cli_report(cli, &err);
        tu_doc_free(doc);
        return CLI_FAILED;
    }
    v = doc->version == TU_XLIFF_UNKNOWN ? TU_XLIFF_2_1 : doc->version;
    if (tu_xliff_write_file(doc, v, out, &err) != TU_OK) {
        cli_report(cli, &err);
        rc = CLI_FAILED;
    }
    tu_doc_free(doc);
    return rc;
}

int cmd_pseudo(int argc, char **argv, struct cli *cli)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'}, {NULL, 0, NULL, 0}};
    const char *out_path = NULL;
    int c, rc = CLI_OK;

    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
        if (c != 'o') {
            return cli_usage_error(cli, "unknown option");
        }
        out_path = optarg;
    }
    if (optind >= argc) {
        return cli_usage_error(cli, "no input file");
    }
    if (out_path != NULL && optind != argc - 1) {
        return cli_usage_error(cli, "-o takes one input file (several are rewritten in place)");
    }
    /* Many files in one process: the corpus tests pseudo-translate hundreds. */
    for (int i = optind; i < argc; i++) {
        if (pseudo_one(cli, argv[i], out_path != NULL ? out_path : argv[i]) != CLI_OK) {
            rc = CLI_FAILED;
        }
    }
    return rc;
}
