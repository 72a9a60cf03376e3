/*
 * tumac segment: one paragraph a line in, one sentence a line out (an empty
 * line stays an empty line); --dump-srx writes the built-in rules as SRX 2.0.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

const char cmd_segment_usage[] =
    "--lang TAG [--srx FILE] [FILE]\n"
    "       tumac segment --dump-srx\n"
    "\n"
    "Split each line of FILE (stdin when absent or \"-\") into sentences and\n"
    "write one sentence a line; empty lines are kept.\n"
    "\n"
    "  -l, --lang TAG   language of the text: bs, hr, sr-Latn, sr-Cyrl, en, ...\n"
    "  -s, --srx FILE   use the rules of an SRX 2.0 file instead of the built-in ones\n"
    "      --dump-srx   print the built-in rules (all languages) as SRX 2.0\n";

/* Write one paragraph's sentences, trailing whitespace of each dropped. */
static void put_segments(const char *p, size_t len, const size_t *breaks,
                         size_t n)
{
    size_t start = 0;

    for (size_t i = 0; i <= n; i++) {
        size_t end = i < n ? breaks[i] : len;
        size_t e = end;
        while (e > start && (p[e - 1] == ' ' || p[e - 1] == '\t')) {
            e--;
        }
        fwrite(p + start, 1, e - start, stdout);
        fputc('\n', stdout);
        start = end;
    }
}

int cmd_segment(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {
        {"lang", required_argument, NULL, 'l'},
        {"srx", required_argument, NULL, 's'},
        {"dump-srx", no_argument, NULL, 'D'},
        {NULL, 0, NULL, 0},
    };
    const char *lang = NULL;
    const char *srx = NULL;
    const char *path = "-";
    bool dump = false;
    struct tu_error err = {0};
    struct tu_segmenter *seg = NULL;
    struct tu_buf in;
    int c;
    int rc = CLI_OK;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "l:s:", opts, NULL)) != -1) {
        switch (c) {
        case 'l':
            lang = optarg;
            break;
        case 's':
            srx = optarg;
            break;
        case 'D':
            dump = true;
            break;
        default:
            return cli_usage_error(cli, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (dump) {
        struct tu_buf out;
        if (optind < argc || lang != NULL || srx != NULL) {
            return cli_usage_error(cli, "--dump-srx takes no other arguments");
        }
        tu_buf_init(&out, TU_BUF_NO_LIMIT);
        if (tu_segment_dump_srx(&out, &err) != TU_OK) {
            tu_buf_release(&out);
            cli_report(cli, &err);
            return CLI_FAILED;
        }
        fwrite(out.data, 1, out.len, stdout);
        tu_buf_release(&out);
        return fflush(stdout) == 0 ? CLI_OK : CLI_FAILED;
    }
    if (lang == NULL) {
        return cli_usage_error(cli, "--lang is required");
    }
    if (optind + 1 < argc) {
        return cli_usage_error(cli, "at most one input file");
    }
    if (optind < argc) {
        path = argv[optind];
    }
    if (tu_segmenter_new(lang, srx, &seg, &err) != TU_OK) {
        cli_report(cli, &err);
        return err.code == TU_EINVAL && srx == NULL ? CLI_USAGE : CLI_FAILED;
    }
    tu_buf_init(&in, TU_FILE_DEFAULT_LIMIT);
    if (tu_file_read(path, TU_FILE_DEFAULT_LIMIT, &in, &err) != TU_OK) {
        cli_report(cli, &err);
        tu_buf_release(&in);
        tu_segmenter_free(seg);
        return CLI_FAILED;
    }
    /* A UTF-8 byte order mark is not text. */
    size_t first = in.len >= 3 && memcmp(in.data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (size_t start = first; start < in.len && rc == CLI_OK;) {
        const char *nl = memchr(in.data + start, '\n', in.len - start);
        size_t end = nl ? (size_t)(nl - in.data) : in.len;
        size_t e = end;
        size_t *breaks = NULL;
        size_t n = 0;

        if (e > start && in.data[e - 1] == '\r') {
            e--;
        }
        if (e == start) {
            fputc('\n', stdout);
        } else if (tu_segmenter_split(seg, in.data + start, e - start, &breaks,
                                      &n, &err) != TU_OK) {
            unsigned long line, col;
            /* Place the error in the file, not in the line. */
            tu_text_position(in.data, in.len, start, &line, &col);
            err.line += line - 1;
            tu_error_set_path(&err, strcmp(path, "-") == 0 ? "<stdin>" : path);
            cli_report(cli, &err);
            rc = CLI_FAILED;
        } else {
            put_segments(in.data + start, e - start, breaks, n);
        }
        tu_free(breaks);
        start = end + 1;
    }
    tu_buf_release(&in);
    tu_segmenter_free(seg);
    if (fflush(stdout) != 0) {
        rc = CLI_FAILED;
    }
    return rc;
}
