/*
 * tumac serve: the translation memory over HTTP (tmserver protocol, JSON
 * API, search page; see include/tumac/serve.h) until SIGTERM or SIGINT.
 */
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char cmd_serve_usage[] =
    "[--tm PATH] [--listen 127.0.0.1:8080] [--token-file FILE] [--read-only]\n"
    "Options:\n"
    "  --tm PATH          the TM (default $TUMAC_TM, else $XDG_DATA_HOME/tumac/memory.db)\n"
    "  --listen ADDR:PORT IPv4 address and port (default 127.0.0.1:8080; port 0 = any\n"
    "                     free port; the line 'listening on http://...' tells which)\n"
    "  --token-file FILE  writes (POST /api/units, tmserver PUT/POST) need the token in\n"
    "                     FILE as 'Authorization: Bearer TOKEN'; without it writes are\n"
    "                     refused\n"
    "  --read-only        open the TM read-only and refuse every write\n"
    "  --threads N        worker threads (1-64, default 4)\n"
    "  --max-connections N  open connections at once (1-10000, default 256)\n"
    "  --timeout S        close a connection idle for S seconds (1-3600, default 10)\n"
    "Paths: GET /tmserver/SRC/TGT/unit/TEXT (Translate Toolkit tmserver), GET\n"
    "/api/lookup?src=&tgt=&q=, /api/concordance?q=, /api/stats, POST /api/units, and\n"
    "the search page at /.\n";

enum { OPT_TM = 256, OPT_LISTEN, OPT_TOKEN, OPT_RO, OPT_THREADS, OPT_CONN, OPT_TIMEOUT };

/* "HOST:PORT" (or ":PORT", or "PORT") into host and port. */
static int parse_listen(struct cli *cli, char *v, struct tu_serve_opts *o)
{
    char *colon = strrchr(v, ':');
    int port;

    if (colon != NULL) {
        *colon = '\0';
        if (*v) {
            o->host = v;
        }
        v = colon + 1;
    }
    if (cli_int_option(cli, "--listen port", v, 0, 65535, &port) != CLI_OK) {
        return CLI_USAGE;
    }
    o->port = (unsigned)port;
    return CLI_OK;
}

/* The token: the file's first line, not empty. */
static int read_token(struct cli *cli, const char *path, struct tu_buf *tok)
{
    struct tu_error err = {0};

    if (tu_file_read(path, 4096, tok, &err) != TU_OK) {
        cli_report(cli, &err);
        return CLI_FAILED;
    }
    tu_buf_truncate(tok, strcspn(tok->data, "\r\n"));
    if (tok->len < 8) {
        cli_errorf(cli, "%s: the token must be at least 8 characters on the first line", path);
        return CLI_FAILED;
    }
    return CLI_OK;
}

static int parse(struct cli *cli, int argc, char **argv, struct tu_serve_opts *o,
                 const char **tm, const char **token_file)
{
    static const struct option opts[] = {
        {"tm", required_argument, NULL, OPT_TM},
        {"listen", required_argument, NULL, OPT_LISTEN},
        {"token-file", required_argument, NULL, OPT_TOKEN},
        {"read-only", no_argument, NULL, OPT_RO},
        {"threads", required_argument, NULL, OPT_THREADS},
        {"max-connections", required_argument, NULL, OPT_CONN},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {NULL, 0, NULL, 0},
    };
    int c, n, rc = CLI_OK;

    while (rc == CLI_OK && (c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case OPT_TM: *tm = optarg; break;
        case OPT_LISTEN: rc = parse_listen(cli, optarg, o); break;
        case OPT_TOKEN: *token_file = optarg; break;
        case OPT_RO: o->read_only = true; break;
        case OPT_THREADS:
            rc = cli_int_option(cli, "--threads", optarg, 1, 64, &n);
            o->threads = (unsigned)n;
            break;
        case OPT_CONN:
            rc = cli_int_option(cli, "--max-connections", optarg, 1, 10000, &n);
            o->max_conn = (unsigned)n;
            break;
        case OPT_TIMEOUT:
            rc = cli_int_option(cli, "--timeout", optarg, 1, 3600, &n);
            o->timeout_s = (unsigned)n;
            break;
        default: return cli_usage_error(cli, "unknown option");
        }
    }
    if (rc == CLI_OK && optind < argc) {
        return cli_usage_error(cli, "serve takes no arguments");
    }
    return rc;
}

/* Serve until SIGTERM/SIGINT: they are blocked before the workers start (so
 * no worker takes them) and awaited here. */
static int run(struct cli *cli, struct tu_serve_opts *o)
{
    struct tu_server *srv;
    struct tu_error err = {0};
    sigset_t stop;
    int sig;

    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (tu_serve_start(o, &srv, &err) != TU_OK) {
        cli_report(cli, &err);
        return CLI_FAILED;
    }
    printf("listening on http://%s:%u/ (TM %s%s)\n", o->host ? o->host : "127.0.0.1",
           tu_serve_port(srv), o->tm_path, o->read_only ? ", read-only" : "");
    fflush(stdout);
    sigwait(&stop, &sig);
    tu_serve_stop(srv);
    if (!cli->quiet) {
        fprintf(stderr, "tumac serve: stopped (%s)\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    }
    return CLI_OK;
}

int cmd_serve(int argc, char **argv, struct cli *cli)
{
    struct tu_serve_opts o;
    const char *tm = NULL, *token_file = NULL;
    struct tu_buf path, token;
    int rc;

    memset(&o, 0, sizeof o);
    if (cli_wants_help(cli, argc, argv)) {
        return CLI_OK;
    }
    o.port = 8080;
    if ((rc = parse(cli, argc, argv, &o, &tm, &token_file)) != CLI_OK) {
        return rc;
    }
    tu_buf_init(&path, TU_BUF_NO_LIMIT);
    tu_buf_init(&token, TU_BUF_NO_LIMIT);
    rc = cli_tm_path(cli, tm, o.read_only ? CLI_TM_READ : CLI_TM_WRITE, &path);
    if (rc == CLI_OK && token_file != NULL && !o.read_only) {
        rc = read_token(cli, token_file, &token);
        o.token = token.data;
    }
    if (rc == CLI_OK) {
        o.tm_path = path.data;
        rc = run(cli, &o);
    }
    tu_buf_release(&path);
    tu_buf_release(&token);
    return rc;
}
