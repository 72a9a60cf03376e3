/*
 * A fixed pool of pthreads taking task indexes from one shared counter. The
 * tasks are whole documents, so the queue is a counter under a mutex; the
 * stop flag is checked before each task is handed out.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <tumac/alloc.h>
#include "batch-int.h"

struct pool {
    pthread_mutex_t lock;
    size_t next;
    size_t count;
    batch_task_fn task;
    void *ctx;
    const volatile sig_atomic_t *stop;
};

struct worker_arg {
    struct pool *pool;
    unsigned id;
};

static bool take(struct pool *p, size_t *index)
{
    bool ok = false;

    pthread_mutex_lock(&p->lock);
    if (p->next < p->count && (p->stop == NULL || *p->stop == 0)) {
        *index = p->next++;
        ok = true;
    }
    pthread_mutex_unlock(&p->lock);
    return ok;
}

static void *worker_main(void *arg)
{
    struct worker_arg *w = arg;
    size_t i;

    while (take(w->pool, &i)) {
        w->pool->task(w->pool->ctx, i, w->id);
    }
    return NULL;
}

unsigned batch_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

enum tu_status batch_pool_run(unsigned threads, size_t count,
                              batch_task_fn task, void *ctx,
                              const volatile sig_atomic_t *stop,
                              struct tu_error *err)
{
    struct pool p;
    pthread_t *tids;
    struct worker_arg *args;
    unsigned started = 0;

    if (threads < 1) {
        threads = 1;
    }
    if (threads > count) {
        threads = count > 0 ? (unsigned)count : 1;
    }
    memset(&p, 0, sizeof(p));
    p.count = count;
    p.task = task;
    p.ctx = ctx;
    p.stop = stop;
    if (threads == 1) {
        /* No thread for a single worker: simpler to debug and profile. */
        struct worker_arg a = {&p, 0};
        pthread_mutex_init(&p.lock, NULL);
        worker_main(&a);
        pthread_mutex_destroy(&p.lock);
        return TU_OK;
    }
    tids = tu_calloc(threads, sizeof(*tids));
    args = tu_calloc(threads, sizeof(*args));
    if (tids == NULL || args == NULL) {
        tu_free(tids);
        tu_free(args);
        return tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    pthread_mutex_init(&p.lock, NULL);
    for (unsigned i = 0; i < threads; i++) {
        int rc;
        args[i].pool = &p;
        args[i].id = i;
        rc = pthread_create(&tids[i], NULL, worker_main, &args[i]);
        if (rc != 0) {
            break; /* the threads that did start share all the work */
        }
        started++;
    }
    if (started == 0) {
        /* Not even one thread: do the work here. */
        struct worker_arg a = {&p, 0};
        worker_main(&a);
    }
    for (unsigned i = 0; i < started; i++) {
        pthread_join(tids[i], NULL);
    }
    pthread_mutex_destroy(&p.lock);
    tu_free(tids);
    tu_free(args);
    return TU_OK;
}
