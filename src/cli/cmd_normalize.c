/*
 * tumac normalize: decode (UTF-8, UTF-16 with BOM, windows-1250/1251,
 * ISO-8859-2/5, or detected), then clean up: NFC, no BOM/zero-width/soft
 * hyphens, U+01C4..U+01CC split, space runs folded, optional quotes.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

const char cmd_normalize_usage[] =
    "[--lang TAG] [--from-encoding auto|NAME] [--quotes] [-o OUT] [FILE]\n"
    "\n"
    "Write FILE (stdin when absent or \"-\") as clean UTF-8 NFC text.\n"
    "\n"
    "  -l, --lang TAG            language of the text (for --quotes)\n"
    "  -e, --from-encoding NAME  auto (default), UTF-8, UTF-16, windows-1250,\n"
    "                            windows-1251, ISO-8859-2, ISO-8859-5, ...\n"
    "  -q, --quotes              restyle double quotes: „…“ for bs/hr/sr, “…” for en\n"
    "  -v, --verbose             say which encoding was used (stderr)\n"
    "  -o, --output FILE         write here instead of stdout\n";

int cmd_normalize(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {
        {"lang", required_argument, NULL, 'l'},
        {"from-encoding", required_argument, NULL, 'e'},
        {"quotes", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"output", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0},
    };
    struct tu_normalize_opts nopts = {0};
    struct cli_lang lang_tag;
    const char *enc = "auto", *output = "-", *path = "-", *detected = NULL;
    struct tu_error err = {0};
    struct tu_buf in, text, out;
    bool verbose = false;
    enum tu_status st;
    int c;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "l:e:qvo:", opts, NULL)) != -1) {
        switch (c) {
        case 'l':
            nopts.lang = optarg;
            break;
        case 'e':
            enc = optarg;
            break;
        case 'q':
            nopts.quotes = true;
            break;
        case 'v':
            verbose = true;
            break;
        case 'o':
            output = optarg;
            break;
        default:
            return cli_usage_error(cli, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind + 1 < argc) {
        return cli_usage_error(cli, "at most one input file");
    }
    if (optind < argc) {
        path = argv[optind];
    }
    if (nopts.quotes && nopts.lang == NULL) {
        return cli_usage_error(cli, "--quotes needs --lang");
    }
    if (!cli_lang_arg(cli, &nopts.lang, &lang_tag)) {
        return CLI_FAILED;
    }
    tu_buf_init(&in, TU_FILE_DEFAULT_LIMIT);
    tu_buf_init(&text, TU_BUF_NO_LIMIT);
    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    st = tu_file_read(path, TU_FILE_DEFAULT_LIMIT, &in, &err);
    if (st == TU_OK) {
        st = tu_text_decode(strcmp(path, "-") == 0 ? "<stdin>" : path, in.data, in.len, enc,
                            &text, &detected, &err);
    }
    if (st == TU_OK) {
        st = tu_text_normalize(text.data, text.len, &nopts, &out, &err);
    }
    if (st == TU_OK) {
        st = tu_file_write_atomic(output, out.data, out.len, &err);
    }
    if (st == TU_OK && verbose) {
        fprintf(stderr, "tumac normalize: %s: %s\n", path, detected);
    }
    tu_buf_release(&in);
    tu_buf_release(&text);
    tu_buf_release(&out);
    if (st != TU_OK) {
        cli_report(cli, &err);
        return CLI_FAILED;
    }
    return CLI_OK;
}
