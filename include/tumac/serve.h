/*
 * The translation memory over HTTP (`tumac serve`) on GNU libmicrohttpd:
 * Translate Toolkit's tmserver protocol (GET /tmserver/SRC/TGT/unit/TEXT),
 * a JSON API of our own under /api/ and a search page at /.
 *
 * Threads: libmicrohttpd runs a pool of `threads` workers; each worker opens
 * its own TM connection the first time it answers a request (a tu_tm is one
 * connection, one thread at a time) and writes are serialised by one mutex,
 * so two adds never wait on SQLite's busy timeout for each other.
 */
#ifndef TUMAC_SERVE_H
#define TUMAC_SERVE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

struct tu_serve_opts {
    const char *tm_path;   /* an existing TM */
    const char *host;      /* IPv4 address to bind; NULL = 127.0.0.1 */
    unsigned port;         /* 0 = any free port (tu_serve_port tells which) */
    const char *token;     /* writes need it; NULL = writes refused */
    bool read_only;        /* refuse every write, open the TM read-only */
    unsigned threads;      /* 0 = 4 */
    unsigned max_conn;     /* open connections at once; 0 = 256 */
    unsigned timeout_s;    /* idle connection timeout; 0 = 10 */
    size_t max_body;       /* request body ceiling in bytes; 0 = 1 MiB */
};

struct tu_server; /* opaque */

/* Open the TM once (to report a bad one now), bind and start answering. */
enum tu_status tu_serve_start(const struct tu_serve_opts *opts, struct tu_server **out,
                              struct tu_error *err);

/* The port the server listens on. */
unsigned tu_serve_port(const struct tu_server *s);

/* Stop accepting, let requests in flight finish, close every connection. */
void tu_serve_stop(struct tu_server *s);

#endif
