/*
 * tumac merge: XLIFF (with the skeleton tumac extract put in it) -> the
 * document in the target language. Targets are checked before anything is
 * written; the output appears only when the whole merge succeeded. Several
 * XLIFF files go through one process (cli/outputs.c).
 */
#include <getopt.h>
#include <string.h>

#include <tumac/xliff.h>

#include "cli.h"

const char cmd_merge_usage[] =
    "[--strict] [--encoding UTF-8|original|NAME] [-t TAG] [-o OUT|DIR] IN.xlf...\n"
    "\n"
    "Rebuild the document from IN.xlf: translated targets where present, the\n"
    "source (with a warning naming the unit) where a target is missing. A\n"
    "target whose inline codes are missing, duplicated, unknown or misnested\n"
    "is refused, and nothing is written; so is a file that lost a segment or a\n"
    "unit (deleted from the XLIFF or from the skeleton), always.\n"
    "\n"
    "  --strict              a missing target is an error\n"
    "  -t, --target TAG      the target language, for a file that names none\n"
    "                        (po2xliff writes no target-language); without\n"
    "                        one the merge is refused\n"
    "  -e, --encoding ENC    output encoding: UTF-8 (default), original (the one\n"
    "                        extract found in the input, e.g. windows-1250) or a\n"
    "                        name; a character it lacks is an error naming the unit\n"
    "  -o, --output FILE     output file (default: beside IN.xlf, named after\n"
    "                        the original with the target language, e.g.\n"
    "                        release.en.html -> release.bs.html; - is stdout);\n"
    "                        with several inputs a folder (made if missing)\n"
    "                        that gets each document under that name; a file\n"
    "                        that fails writes nothing, the others go on, and\n"
    "                        the exit is 1\n";

/* Default output name: the original's base name in the target language. */
static char *default_name(const struct tu_doc *doc)
{
    const struct tu_file *f = doc->files[0];
    const char *orig = f->original ? f->original : "document";
    const char *base = strrchr(orig, '/');
    const char *src = f->src_lang ? f->src_lang : doc->src_lang;
    const char *trg = f->trg_lang ? f->trg_lang : doc->trg_lang;
    const char *ext = tu_filter_extension(doc);
    struct tu_buf b;
    size_t stem;

    base = base ? base + 1 : orig;
    stem = strlen(base);
    if (strrchr(base, '.') != NULL) {
        stem = (size_t)(strrchr(base, '.') - base);
    }
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    /* "release.en" -> "release", so the language is replaced, not added */
    if (src != NULL && stem > strlen(src) + 1 &&
        base[stem - strlen(src) - 1] == '.' &&
        strncmp(base + stem - strlen(src), src, strlen(src)) == 0) {
        stem -= strlen(src) + 1;
    }
    tu_buf_add(&b, base, stem);
    tu_buf_printf(&b, ".%s.%s", trg ? trg : "target", ext);
    return tu_buf_detach(&b, NULL);
}

/*
 * The page is labelled with the target language (lang=): the file's, else
 * -t; with neither a Bosnian page would say lang="en", so it is refused.
 */
static int target_language(const struct cli *cli, const char *path,
                           struct tu_doc *doc, const char *trg)
{
    const struct tu_file *f = doc->file_count ? doc->files[0] : NULL;
    const char *have = f && f->trg_lang ? f->trg_lang : doc->trg_lang;

    if (have == NULL && trg == NULL) {
        cli_errorf(cli, "%s: the file names no target language; give it with -t", path);
        return CLI_FAILED;
    }
    if (have == NULL) {
        doc->trg_lang = tu_strdup(trg);
        return doc->trg_lang ? CLI_OK : CLI_FAILED;
    }
    if (trg != NULL && strcmp(have, trg) != 0) {
        cli_errorf(cli, "%s: the file's target language is '%s', not '%s' (-t)", path, have, trg);
        return CLI_FAILED;
    }
    return CLI_OK;
}

/* The targets of one XLIFF file merged into its document; CLI_OK or
 * CLI_FAILED (reported, nothing written). */
static int merge_one(const struct cli *cli, struct cli_outputs *outs, const char *input,
                     const struct tu_merge_opts *mo, const char *trg)
{
    struct tu_error err = {0};
    struct tu_diag diag = {0};
    struct tu_doc *doc = NULL;
    char *name = NULL, *out_path = NULL;
    struct tu_buf out;
    int rc = CLI_FAILED;

    if (tu_xliff_read_file(input, &doc, &err) != TU_OK) {
        cli_report(cli, &err);
        return CLI_FAILED;
    }
    if (target_language(cli, input, doc, trg) != CLI_OK) {
        tu_doc_free(doc);
        return CLI_FAILED;
    }
    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    if (tu_merge_doc(doc, mo, &out, &diag, &err) != TU_OK) {
        tu_error_set_path(&err, input);
    } else if ((name = default_name(doc)) == NULL ||
               (out_path = cli_outputs_place(outs, input, name)) == NULL) {
        cli_errorf(cli, "out of memory");
    } else if (strcmp(out_path, "-") != 0 &&
               cli_outputs_claim(cli, outs, input, out_path) != CLI_OK) {
        /* reported */
    } else if (tu_file_write_atomic_in(out_path, out.data, out.len, outs->group, &err) == TU_OK) {
        rc = CLI_OK;
    }
    for (size_t i = 0; i < diag.count; i++) {
        if (diag.items[i].path == NULL) {
            diag.items[i].path = tu_strdup(input);
        }
    }
    cli_report_diags(cli, &diag);
    if (err.code != TU_OK) { /* after the warnings that led to it */
        cli_report(cli, &err);
    }
    tu_diag_release(&diag);
    tu_buf_release(&out);
    tu_free(name);
    tu_free(out_path);
    tu_doc_free(doc);
    return rc;
}

int cmd_merge(int argc, char **argv, struct cli *cli)
{
    static const struct option longopts[] = {
        {"strict", no_argument, NULL, 'S'},
        {"encoding", required_argument, NULL, 'e'},
        {"output", required_argument, NULL, 'o'},
        {"target", required_argument, NULL, 't'},
        {NULL, 0, NULL, 0}};
    struct tu_merge_opts mo = {0};
    const char *trg = NULL;
    struct cli_lang trg_tag;
    const char *out_path = NULL;
    struct cli_outputs outs;
    int c, rc, n_inputs, failed = 0;

    optind = 1;
    while ((c = getopt_long(argc, argv, "e:o:t:", longopts, NULL)) != -1) {
        switch (c) {
        case 'S':
            mo.strict = true;
            break;
        case 'e':
            if (strcmp(optarg, "original") != 0 && tu_text_encoding_name(optarg) == NULL) {
                return cli_usage_error(cli, "unknown encoding '%s' (expected UTF-8, original or a name like windows-1250)",
                                       optarg);
            }
            mo.encoding = optarg;
            break;
        case 'o':
            out_path = optarg;
            break;
        case 't':
            trg = optarg;
            break;
        default:
            return cli_usage_error(cli, "unknown option");
        }
    }
    if (!cli_lang_arg(cli, &trg, &trg_tag)) {
        return CLI_FAILED;
    }
    n_inputs = argc - optind;
    if ((rc = cli_outputs_init(cli, &outs, out_path, n_inputs)) != CLI_OK) {
        return rc;
    }
    for (int i = optind; i < argc; i++) {
        failed += merge_one(cli, &outs, argv[i], &mo, trg) != CLI_OK;
    }
    return cli_outputs_finish(cli, &outs, n_inputs, failed);
}
