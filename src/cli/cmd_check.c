/*
 * tumac check: quality checks of translated XLIFF before publishing; one
 * finding a line (or JSON/HTML), exit 1 when any finding is an error.
 * The checks are the library's (tumac/check.h); README "Checking
 * translations" describes each.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char cmd_check_usage[] =
    "[--glossary FILE.tbx]... [--format text|json|html] [-o OUT]\n"
    "       [--error CHECK] [--warn CHECK] [--ignore CHECK] FILE.xlf...\n"
    "\n"
    "Check every translated segment of each XLIFF FILE against its source and\n"
    "print one finding a line: FILE:UNIT:SEGMENT: SEVERITY: CHECK: message.\n"
    "Exit 1 when any finding is an error. Checks: codes, numbers, urls,\n"
    "emails, placeholders, untranslated, script, terms (errors); variant,\n"
    "punctuation, whitespace, quotes (warnings).\n"
    "\n"
    "  -g, --glossary FILE   a TBX glossary (TBX-Basic or TBX v3): required and\n"
    "                        forbidden terms (repeatable)\n"
    "  -f, --format FORMAT   text (the default), json or html\n"
    "  -o, --output OUT      write the findings to OUT (atomically) instead of stdout\n"
    "      --error CHECK     report CHECK's findings as errors (repeatable; 'all')\n"
    "      --warn CHECK      report them as warnings\n"
    "      --ignore CHECK    do not run CHECK\n";

enum { OPT_ERROR = 256, OPT_WARN, OPT_IGNORE };

/* Set the level of CHECK (a name or "all"); CLI_USAGE for an unknown one. */
static int set_level(struct cli *cli, struct tu_checker *c, const char *name,
                     enum tu_check_level level)
{
    int id = tu_check_parse(name);
    if (strcmp(name, "all") == 0) {
        for (int i = 0; i < TU_CHECK_COUNT; i++) {
            tu_checker_set_level(c, (enum tu_check_id)i, level);
        }
        return CLI_OK;
    }
    if (id < 0) {
        return cli_usage_error(cli, "unknown check '%s' (codes, numbers, urls, emails, "
                                    "placeholders, untranslated, script, variant, "
                                    "punctuation, whitespace, quotes, terms, all)", name);
    }
    tu_checker_set_level(c, (enum tu_check_id)id, level);
    return CLI_OK;
}

static int parse_format(struct cli *cli, const char *s, enum tu_check_format *out)
{
    if (strcmp(s, "text") == 0) {
        *out = TU_CHECK_TEXT;
    } else if (strcmp(s, "json") == 0) {
        *out = TU_CHECK_JSON;
    } else if (strcmp(s, "html") == 0) {
        *out = TU_CHECK_HTML;
    } else {
        return cli_usage_error(cli, "--format must be text, json or html, not '%s'", s);
    }
    return CLI_OK;
}

/* Check each file; CLI_FAILED (reported) when one cannot be read. */
static int check_files(struct cli *cli, struct tu_checker *c, char **files, int n,
                       struct tu_findings *found)
{
    for (int i = 0; i < n; i++) {
        struct tu_error err = {0};
        struct tu_doc *doc = NULL;
        enum tu_status st = tu_xliff_read_file(files[i], &doc, &err);
        if (st == TU_OK) {
            st = tu_check_doc(c, doc, files[i], found, &err);
        }
        tu_doc_free(doc);
        if (st != TU_OK) {
            if (err.path[0] == '\0') {
                tu_error_set_path(&err, files[i]);
            }
            cli_report(cli, &err);
            return CLI_FAILED;
        }
    }
    return CLI_OK;
}

int cli_glossary_option(struct cli *cli, struct tu_checker **c, const char *path)
{
    struct tu_error err = {0};
    if ((*c == NULL && tu_checker_new(c, &err) != TU_OK) ||
        tu_checker_add_glossary(*c, path, &err) != TU_OK) {
        cli_report(cli, &err);
        return CLI_FAILED;
    }
    return CLI_OK;
}

int cmd_check(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {
        {"glossary", required_argument, NULL, 'g'}, {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},   {"error", required_argument, NULL, OPT_ERROR},
        {"warn", required_argument, NULL, OPT_WARN}, {"ignore", required_argument, NULL, OPT_IGNORE},
        {NULL, 0, NULL, 0}};
    struct tu_checker *c = NULL;
    struct tu_findings found = {0};
    struct tu_buf out;
    struct tu_error err = {0};
    enum tu_check_format format = TU_CHECK_TEXT;
    const char *output = "-";
    int rc = CLI_OK, opt;

    if (cli_wants_help(cli, argc, argv)) {
        return CLI_OK;
    }
    if (tu_checker_new(&c, &err) != TU_OK) {
        cli_report(cli, &err);
        return CLI_FAILED;
    }
    tu_buf_init(&out, TU_BUF_NO_LIMIT);
    optind = 1;
    while (rc == CLI_OK && (opt = getopt_long(argc, argv, "g:f:o:", opts, NULL)) != -1) {
        switch (opt) {
        case 'g':
            if (tu_checker_add_glossary(c, optarg, &err) != TU_OK) {
                cli_report(cli, &err);
                rc = CLI_FAILED;
            }
            break;
        case 'f': rc = parse_format(cli, optarg, &format); break;
        case 'o': output = optarg; break;
        case OPT_ERROR: rc = set_level(cli, c, optarg, TU_CHECK_ERROR); break;
        case OPT_WARN: rc = set_level(cli, c, optarg, TU_CHECK_WARN); break;
        case OPT_IGNORE: rc = set_level(cli, c, optarg, TU_CHECK_IGNORE); break;
        default: rc = cli_usage_error(cli, "unknown option"); break;
        }
    }
    if (rc == CLI_OK && optind >= argc) {
        rc = cli_usage_error(cli, "expected at least one XLIFF file");
    }
    if (rc == CLI_OK) {
        rc = check_files(cli, c, argv + optind, argc - optind, &found);
    }
    if (rc == CLI_OK) {
        if (tu_findings_render(&found, format, &out, &err) != TU_OK ||
            tu_file_write_atomic(output, out.data, out.len, &err) != TU_OK) {
            cli_report(cli, &err);
            rc = CLI_FAILED;
        } else if (found.errors > 0) {
            rc = CLI_FAILED;
        }
    }
    tu_buf_release(&out);
    tu_findings_release(&found);
    tu_checker_free(c);
    return rc;
}
