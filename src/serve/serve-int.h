/* Shared between the daemon (serve.c) and the routes (api.c). */
#ifndef TUMAC_SERVE_INT_H
#define TUMAC_SERVE_INT_H

#include <pthread.h>
#include <stdbool.h>

#include <tumac/buf.h>
#include <tumac/serve.h>
#include <tumac/tm.h>

struct MHD_Connection;

struct tu_server {
    struct tu_serve_opts opts;
    char *tm_path, *token;          /* copies */
    struct MHD_Daemon *daemon;
    pthread_key_t tm_key;           /* each worker thread's own TM connection */
    pthread_mutex_t write_lock;     /* one write at a time */
};

/* What a route answers: an HTTP status, a content type and a body. */
struct reply {
    unsigned status;
    const char *ctype;
    struct tu_buf body;
};

/* One request as the routes see it. */
struct request {
    struct tu_server *srv;
    struct MHD_Connection *conn;
    const char *method, *url;
    const char *body;               /* NUL-terminated, "" when none */
    size_t body_len;
};

/* The calling thread's TM connection (opened on first use), or NULL with err. */
struct tu_tm *serve_tm(struct tu_server *s, struct tu_error *err);

/* A GET argument or header value, NULL when absent. */
const char *serve_arg(const struct request *r, const char *name);
const char *serve_header(const struct request *r, const char *name);

/* Set `rp` to a JSON error {"error": msg} with `status`. */
void reply_error(struct reply *rp, unsigned status, const char *msg);

/* Answer one request (api.c): fills rp. */
void serve_route(const struct request *r, struct reply *rp);

#endif
