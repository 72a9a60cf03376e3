/*
 * tumac extract: a press release (plain text, HTML5, DOCX or ODT) -> one
 * XLIFF file holding the segments and the skeleton, so that the .xlf is all
 * a translator returns. The work is the library's (tu_extract_file); a
 * folder's worth of releases goes through one process (cli/outputs.c).
 */
#include <getopt.h>
#include <string.h>
#include <strings.h>

#include <tumac/xliff.h>

#include "cli.h"

const char cmd_extract_usage[] =
    "-s SRC -t TGT [--xliff 1.2|2.1] [--format auto|text|html|docx|odt] [--srx FILE]\n"
    "       [--encoding auto|NAME] [--hidden-text] [-o OUT.xlf|DIR] INPUT...\n"
    "\n"
    "Turn INPUT into XLIFF: one unit per paragraph or HTML block and per\n"
    "translatable attribute (alt, title, placeholder, meta description and\n"
    "keywords), split into sentences; inline markup becomes inline codes.\n"
    "Merging the file untranslated gives INPUT back byte for byte (a .docx or\n"
    ".odt: every part of the package).\n"
    "\n"
    "  -s, --source TAG      source language (bs, hr, sr-Latn, sr-Cyrl, en, ...)\n"
    "  -t, --target TAG      target language\n"
    "  -x, --xliff VERSION   1.2 or 2.1 (default 2.1)\n"
    "  -f, --format FORMAT   auto (by name, then content), text, html, docx or odt\n"
    "      --srx FILE        segmentation rules (SRX 2.0) instead of the built-in ones\n"
    "  -e, --encoding ENC    input encoding: auto (default: a UTF-16 BOM, else UTF-8\n"
    "                        if valid, else windows-1250, ISO-8859-2 or windows-1251\n"
    "                        by the letters) or a name (UTF-8, UTF-16, cp1250, ...);\n"
    "                        merge writes UTF-8 unless told --encoding original\n"
    "      --hidden-text     .docx/.odt: extract hidden text for translation (by\n"
    "                        default it stays out, as an inline code)\n"
    "  -o, --output FILE     output file (default INPUT.xlf; - is stdout); with\n"
    "                        several inputs a folder (made if missing) that gets\n"
    "                        NAME.xlf for each; an input that fails writes\n"
    "                        nothing, the others go on, and the exit is 1\n";

/* One input to its XLIFF file; CLI_OK or CLI_FAILED (reported). */
static int extract_one(const struct cli *cli, struct cli_outputs *outs, const char *input,
                       const struct tu_extract_opts *o, enum tu_xliff_version v)
{
    struct tu_error err = {0};
    struct tu_doc *doc = NULL;
    char *out_path = NULL;
    struct tu_buf name;
    int rc = CLI_FAILED;

    tu_buf_init(&name, TU_BUF_NO_LIMIT);
    tu_buf_printf(&name, "%s.xlf", input);
    out_path = cli_outputs_place(outs, input, name.data);
    if (out_path == NULL || name.status != TU_OK) {
        cli_errorf(cli, "out of memory");
    } else if (strcmp(out_path, "-") != 0 &&
               cli_outputs_claim(cli, outs, input, out_path) != CLI_OK) {
        /* reported */
    } else if (tu_extract_file(input, o, &doc, &err) != TU_OK ||
               tu_xliff_write_file_in(doc, v, out_path, outs->group, &err) != TU_OK) {
        cli_report(cli, &err);
    } else {
        rc = CLI_OK;
    }
    tu_doc_free(doc);
    tu_free(out_path);
    tu_buf_release(&name);
    return rc;
}

int cmd_extract(int argc, char **argv, struct cli *cli)
{
    static const struct option longopts[] = {
        {"source", required_argument, NULL, 's'},
        {"target", required_argument, NULL, 't'},
        {"xliff", required_argument, NULL, 'x'},
        {"format", required_argument, NULL, 'f'},
        {"srx", required_argument, NULL, 'S'},
        {"encoding", required_argument, NULL, 'e'},
        {"output", required_argument, NULL, 'o'},
        {"hidden-text", no_argument, NULL, 'H'},
        {NULL, 0, NULL, 0}};
    struct tu_extract_opts o = {.format = "auto", .encoding = "auto"};
    struct cli_lang src_tag, trg_tag;
    enum tu_xliff_version v = TU_XLIFF_2_1;
    const char *out_path = NULL;
    struct cli_outputs outs;
    int c, rc, n_inputs, failed = 0;

    optind = 1;
    while ((c = getopt_long(argc, argv, "s:t:x:f:e:o:", longopts, NULL)) != -1) {
        switch (c) {
        case 's':
            o.src_lang = optarg;
            break;
        case 't':
            o.trg_lang = optarg;
            break;
        case 'x':
            v = tu_xliff_version_parse(optarg);
            if (v != TU_XLIFF_1_2 && v != TU_XLIFF_2_0 && v != TU_XLIFF_2_1 &&
                v != TU_XLIFF_2_2) {
                return cli_usage_error(cli, "unknown XLIFF version '%s' (expected 1.2 or 2.1)",
                                       optarg);
            }
            break;
        case 'f':
            if (strcmp(optarg, "auto") != 0 && strcmp(optarg, "text") != 0 &&
                strcmp(optarg, "html") != 0 && strcmp(optarg, "docx") != 0 &&
                strcmp(optarg, "odt") != 0) {
                return cli_usage_error(cli, "unknown format '%s' (expected auto, text, html, docx or odt)",
                                       optarg);
            }
            o.format = optarg;
            break;
        case 'S':
            o.srx_path = optarg;
            break;
        case 'e':
            if (strcmp(optarg, "auto") != 0 && strcasecmp(optarg, "UTF-16") != 0 &&
                tu_text_encoding_name(optarg) == NULL) {
                return cli_usage_error(cli, "unknown encoding '%s' (expected auto or a name like windows-1250)",
                                       optarg);
            }
            o.encoding = optarg;
            break;
        case 'o':
            out_path = optarg;
            break;
        case 'H':
            o.hidden_text = true;
            break;
        default:
            return cli_usage_error(cli, "unknown option");
        }
    }
    if (o.src_lang == NULL || o.trg_lang == NULL) {
        return cli_usage_error(cli, "both -s SRC and -t TGT are required");
    }
    if (!cli_lang_arg(cli, &o.src_lang, &src_tag) ||
        !cli_lang_arg(cli, &o.trg_lang, &trg_tag)) {
        return CLI_FAILED;
    }
    n_inputs = argc - optind;
    if ((rc = cli_outputs_init(cli, &outs, out_path, n_inputs)) != CLI_OK) {
        return rc;
    }
    for (int i = optind; i < argc; i++) {
        failed += extract_one(cli, &outs, argv[i], &o, v) != CLI_OK;
    }
    return cli_outputs_finish(cli, &outs, n_inputs, failed);
}
