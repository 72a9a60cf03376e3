/*
 * The HTTP side of `tumac serve`: the libmicrohttpd daemon, its limits, the
 * request body collected under a ceiling and each worker thread's TM
 * connection. What a URL means is in api.c.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <tumac/alloc.h>
#include <tumac/escape.h>
#include <tumac/serve.h>

#include "serve-int.h"

/* A request in progress: its body so far. */
struct pending {
    struct tu_buf body;
};

static void close_thread_tm(void *p)
{
    tu_tm_close(p);
}

struct tu_tm *serve_tm(struct tu_server *s, struct tu_error *err)
{
    struct tu_tm *tm = pthread_getspecific(s->tm_key);

    if (tm == NULL) {
        if (tu_tm_open(s->tm_path, s->opts.read_only, &tm, err) != TU_OK) {
            return NULL;
        }
        pthread_setspecific(s->tm_key, tm);
    }
    return tm;
}

const char *serve_arg(const struct request *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *serve_header(const struct request *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

void reply_error(struct reply *rp, unsigned status, const char *msg)
{
    rp->status = status;
    rp->ctype = "application/json; charset=utf-8";
    tu_buf_truncate(&rp->body, 0);
    tu_buf_adds(&rp->body, "{\"error\":");
    tu_json_str(&rp->body, msg);
    tu_buf_adds(&rp->body, "}\n");
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, struct reply *rp)
{
    struct MHD_Response *res;
    enum MHD_Result ok;

    if (rp->body.status != TU_OK) {
        tu_buf_release(&rp->body);
        rp->status = 500;
        rp->ctype = "application/json; charset=utf-8";
        tu_buf_adds(&rp->body, "{\"error\":\"out of memory\"}\n");
    }
    res = MHD_create_response_from_buffer(rp->body.len, rp->body.data,
                                          MHD_RESPMEM_MUST_COPY);
    if (res == NULL) {
        return MHD_NO;
    }
    MHD_add_response_header(res, "Content-Type", rp->ctype);
    MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(res, "Cache-Control", "no-store");
    ok = MHD_queue_response(conn, rp->status, res);
    MHD_destroy_response(res);
    return ok;
}

static enum MHD_Result answer_now(struct MHD_Connection *conn, unsigned status,
                                  const char *msg)
{
    struct reply rp = {0, NULL, {0}};
    enum MHD_Result ok;

    tu_buf_init(&rp.body, TU_BUF_NO_LIMIT);
    reply_error(&rp, status, msg);
    ok = send_reply(conn, &rp);
    tu_buf_release(&rp.body);
    return ok;
}

/* A declared Content-Length over the ceiling is refused before its body is read. */
static bool declared_too_big(struct MHD_Connection *conn, size_t max)
{
    const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    char *end;
    unsigned long long n;

    if (cl == NULL) {
        return false;
    }
    n = strtoull(cl, &end, 10);
    return *end != '\0' || n > max;
}

/* A chunked body has no length to check first, and libmicrohttpd cannot
 * answer in the middle of one: such bodies are refused (411) up front. */
static bool chunked(struct MHD_Connection *conn)
{
    const char *te = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding");

    return te != NULL && strcasecmp(te, "identity") != 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **state)
{
    struct tu_server *s = cls;
    struct pending *p = *state;

    (void)version;
    if (p == NULL) { /* first call: headers only */
        if (declared_too_big(conn, s->opts.max_body)) {
            return answer_now(conn, 413, "request body too large");
        }
        if (chunked(conn)) {
            return answer_now(conn, 411, "a request body needs a Content-Length "
                                         "(chunked bodies are not taken)");
        }
        if ((p = tu_calloc(1, sizeof *p)) == NULL) {
            return MHD_NO;
        }
        tu_buf_init(&p->body, s->opts.max_body);
        *state = p;
        return MHD_YES;
    }
    if (*upload_size > 0) { /* a piece of the body */
        if (tu_buf_add(&p->body, upload, *upload_size) != TU_OK) {
            /* cannot happen with the checks above; close the connection
             * rather than read on (no response can be queued mid-body) */
            return MHD_NO;
        }
        *upload_size = 0;
        return MHD_YES;
    }
    struct request r = {s, conn, method, url, p->body.data, p->body.len};
    struct reply rp = {200, "application/json; charset=utf-8", {0}};
    enum MHD_Result ok;

    tu_buf_init(&rp.body, TU_BUF_NO_LIMIT);
    serve_route(&r, &rp);
    ok = send_reply(conn, &rp);
    tu_buf_release(&rp.body);
    return ok;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **state,
                         enum MHD_RequestTerminationCode why)
{
    struct pending *p = *state;

    (void)cls, (void)conn, (void)why;
    if (p != NULL) {
        tu_buf_release(&p->body);
        tu_free(p);
        *state = NULL;
    }
}

static char *copy(const char *s)
{
    char *c;

    if (s == NULL) {
        return NULL;
    }
    if ((c = tu_malloc(strlen(s) + 1)) != NULL) {
        strcpy(c, s);
    }
    return c;
}

static void free_server(struct tu_server *s)
{
    pthread_key_delete(s->tm_key);
    pthread_mutex_destroy(&s->write_lock);
    tu_free(s->tm_path);
    tu_free(s->token);
    tu_free(s);
}

static enum tu_status start_daemon(struct tu_server *s, struct tu_error *err)
{
    struct sockaddr_in addr;
    const struct tu_serve_opts *o = &s->opts;

    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)o->port);
    if (inet_pton(AF_INET, o->host ? o->host : "127.0.0.1", &addr.sin_addr) != 1) {
        return tu_error_set(err, TU_EINVAL, "'%s' is not an IPv4 address", o->host);
    }
    /* Limits: a pool of poll() workers (a slow client holds a socket, not a
     * thread), a cap on open connections, an idle timeout, and a small
     * per-connection memory pool that bounds the header and URL size.
     * poll, not epoll: libmicrohttpd's edge-triggered epoll takes a read
     * shorter than its buffer for "nothing more to read", so a client that
     * sent part of a request and closed at once (its FIN in the same wake-up)
     * held its connection until the idle timeout, and a flood of them kept
     * every slot busy (CLI 532: 10,000 such clients took 104 s at
     * --timeout 3; level-triggered poll sees the close at once). */
    s->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0, NULL,
        NULL, on_request, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, o->threads, MHD_OPTION_CONNECTION_LIMIT, o->max_conn,
        MHD_OPTION_CONNECTION_TIMEOUT, o->timeout_s, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)64 * 1024, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
    if (s->daemon == NULL) {
        return tu_error_set(err, TU_EIO, "cannot listen on %s:%u (in use, or not allowed)",
                            o->host ? o->host : "127.0.0.1", o->port);
    }
    return TU_OK;
}

enum tu_status tu_serve_start(const struct tu_serve_opts *opts, struct tu_server **out,
                              struct tu_error *err)
{
    struct tu_server *s = tu_calloc(1, sizeof *s);
    struct tu_tm *tm;

    *out = NULL;
    if (s == NULL) {
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    s->opts = *opts;
    s->opts.threads = opts->threads ? opts->threads : 4;
    s->opts.max_conn = opts->max_conn ? opts->max_conn : 256;
    s->opts.timeout_s = opts->timeout_s ? opts->timeout_s : 10;
    s->opts.max_body = opts->max_body ? opts->max_body : (size_t)1 << 20;
    s->tm_path = copy(opts->tm_path);
    s->token = copy(opts->token);
    pthread_mutex_init(&s->write_lock, NULL);
    pthread_key_create(&s->tm_key, close_thread_tm);
    if (s->tm_path == NULL || (opts->token && s->token == NULL)) {
        free_server(s);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    /* a TM that does not open is reported now, not at the first request */
    if (tu_tm_open(s->tm_path, opts->read_only, &tm, err) != TU_OK) {
        free_server(s);
        return err->code;
    }
    tu_tm_close(tm);
    if (start_daemon(s, err) != TU_OK) {
        free_server(s);
        return err->code;
    }
    *out = s;
    return TU_OK;
}

unsigned tu_serve_port(const struct tu_server *s)
{
    const union MHD_DaemonInfo *i = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);

    return i ? i->port : s->opts.port;
}

void tu_serve_stop(struct tu_server *s)
{
    if (s == NULL) {
        return;
    }
    /* MHD_stop_daemon joins the workers, whose exit closes their TM
     * connections (the key's destructor); a request being answered ends first. */
    MHD_quiesce_daemon(s->daemon);
    MHD_stop_daemon(s->daemon);
    free_server(s);
}
