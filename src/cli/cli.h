/*
 * Shared pieces of the command-line tool. The CLI uses only the public
 * headers in include/tumac/: whatever it needs, a library user needs too.
 */
#ifndef TUMAC_CLI_H
#define TUMAC_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include <tumac/tumac.h>

/* Exit codes of every command. */
enum { CLI_OK = 0, CLI_FAILED = 1, CLI_USAGE = 2 };

struct cli {
    const char *command; /* "extract", for messages */
    bool quiet;
};

/* One row of the command table in main.c. */
struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv, struct cli *cli);
    const char *summary; /* one line for 'tumac help' */
    const char *usage;   /* synopsis and options for '--help' */
};

/* Print `err` as "tumac <cmd>: <file>:<line>:<col>: <message>" on stderr. */
void cli_report(const struct cli *cli, const struct tu_error *err);

/* Print a formatted message "tumac <cmd>: ..." on stderr. */
void cli_errorf(const struct cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Print warnings/notes collected by a library call. */
void cli_report_diags(const struct cli *cli, const struct tu_diag *d);

/* --glossary FILE of leverage and batch: read it into *c (made on the
 * first); CLI_OK or CLI_FAILED, reported (a malformed TBX at its line). */
struct tu_checker;
int cli_glossary_option(struct cli *cli, struct tu_checker **c, const char *path);

/*
 * Parse the value of integer option `opt` ("--min", "-j"): a whole decimal
 * number from lo to hi, else the usage error "OPT must be a number from LO
 * to HI, not 'VALUE'". CLI_OK (and *out set) or CLI_USAGE.
 */
int cli_int_option(const struct cli *cli, const char *opt, const char *value,
                   int lo, int hi, int *out);

/* Write `s` to `fp` as a JSON string (tu_json_str; NULL as ""). */
void cli_json_str(FILE *fp, const char *s);

/*
 * For a wrong option or argument: print the message and the command's
 * usage on stderr; returns CLI_USAGE.
 */
int cli_usage_error(const struct cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Print the command's usage to `fp` (for --help). */
void cli_print_usage(const struct cli *cli, FILE *fp);

/*
 * getopt_long helper: scan argv for "--help"/"-h" before parsing, so every
 * command answers it the same way. Returns true if help was printed.
 */
bool cli_wants_help(const struct cli *cli, int argc, char **argv);

/*
 * A language option (-s, -t, --lang) in its canonical BCP 47 form
 * ("sr_Latn" -> "sr-Latn", "bs-cyrl" -> "bs-Cyrl", a bare "sr" -> "sr-Cyrl"),
 * the one place every command turns what was typed into what it writes.
 * On a tag that is not one, reports it and returns false. NULL stays NULL.
 */
struct cli_lang { char tag[64]; };
bool cli_lang_arg(const struct cli *cli, const char **arg, struct cli_lang *buf);

/* How a command uses its TM: only reads it, writes an existing one, or
 * may create it (import, update, batch). */
enum cli_tm_use { CLI_TM_READ, CLI_TM_WRITE, CLI_TM_CREATE };

/*
 * Resolve the TM path (`given`, else $TUMAC_TM, else the XDG default) into
 * `out` (NUL-terminated; "none" stays "none"). A path that does not exist
 * is refused with a message naming it unless `use` is CLI_TM_CREATE, which
 * says on stderr that a new TM is made. CLI_OK or CLI_FAILED.
 */
int cli_tm_path(const struct cli *cli, const char *given, enum cli_tm_use use,
                struct tu_buf *out);

/* cli_tm_path for a command that only reads the TM, the path not kept. */
int cli_tm_exists(const struct cli *cli, const char *given);

/*
 * The outputs of a command that takes several inputs (extract, merge): with
 * one input -o is the output file, unless it names a folder or ends in '/';
 * with several, -o is a folder, made when missing. Without -o each output goes beside its
 * input. `claimed` lists the paths written so far in this run, so two
 * inputs never write the same output.
 */
struct cli_outputs {
    const char *file; /* -o for a single input, else NULL */
    const char *dir;  /* -o as a folder, else NULL */
    char **claimed;
    size_t count;
    /* Several inputs: the outputs are synced to disk together and renamed
     * at the end (one disk flush, not one per file); NULL for one input. */
    struct tu_atomic_group *group;
    struct tu_atomic_group group_store;
};

/* Decide from -o (`out_opt`, may be NULL) and the number of inputs; makes
 * the folder. CLI_OK, CLI_USAGE or CLI_FAILED (reported). */
int cli_outputs_init(const struct cli *cli, struct cli_outputs *o,
                     const char *out_opt, int n_inputs);

/* The output path for an output named `name` (its folder part ignored)
 * of the input at `beside`: -o itself, or `name` inside -o's folder or
 * beside the input. Heap string (tu_free), NULL when out of memory. */
char *cli_outputs_place(const struct cli_outputs *o, const char *beside,
                        const char *name);

/* Record that `input` writes `out_path`; CLI_FAILED (reported) when
 * another input of this run already did. */
int cli_outputs_claim(const struct cli *cli, struct cli_outputs *o,
                      const char *input, const char *out_path);

/* Commit the group's outputs and free the record; CLI_OK when nothing
 * failed, else CLI_FAILED after a summary line when there were several
 * inputs. */
int cli_outputs_finish(const struct cli *cli, struct cli_outputs *o,
                       int n_inputs, int n_failed);

/* Look up a command row by name (NULL if unknown). */
const struct cli_command *cli_find_command(const char *name);

/*
 * Each command file src/cli/cmd_<name>.c defines both of these: the entry
 * point and its usage text (synopsis line, then options), so a command's
 * documentation lives beside its option parsing.
 */
#define CLI_DECLARE(name)                                                     \
    int cmd_##name(int argc, char **argv, struct cli *cli);                  \
    extern const char cmd_##name##_usage[];
CLI_DECLARE(analyze)
CLI_DECLARE(batch)
CLI_DECLARE(check)
CLI_DECLARE(count)
CLI_DECLARE(extract)
CLI_DECLARE(leverage)
CLI_DECLARE(merge)
CLI_DECLARE(normalize)
CLI_DECLARE(pseudo)
CLI_DECLARE(segment)
CLI_DECLARE(serve)
CLI_DECLARE(tm)
CLI_DECLARE(translit)
CLI_DECLARE(validate)
CLI_DECLARE(xliff)
#undef CLI_DECLARE

#endif
