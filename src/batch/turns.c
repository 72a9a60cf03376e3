/*
 * Ordered turns (contract in batch-int.h). next[s] is the document whose
 * turn it is in stage s; it only moves forward, past a document that gave
 * its turn or whose task has ended. A document's task ends only after it
 * was handed out, and the pool hands documents out in order, so every
 * document a waiter waits for is running or done: the wait always ends.
 */
#include <tumac/alloc.h>
#include "batch-int.h"

struct batch_turns {
    pthread_mutex_t lock;
    pthread_cond_t moved;
    size_t stages;
    size_t docs;
    size_t *next;  /* per stage */
    bool *ended;   /* per document: its task has returned */
};

struct batch_turns *batch_turns_new(size_t stages, size_t docs)
{
    struct batch_turns *t = tu_calloc(1, sizeof *t);

    if (t == NULL) {
        return NULL;
    }
    t->next = tu_calloc(stages + 1, sizeof *t->next);
    t->ended = tu_calloc(docs + 1, sizeof *t->ended);
    if (t->next == NULL || t->ended == NULL) {
        tu_free(t->next);
        tu_free(t->ended);
        tu_free(t);
        return NULL;
    }
    t->stages = stages;
    t->docs = docs;
    pthread_mutex_init(&t->lock, NULL);
    pthread_cond_init(&t->moved, NULL);
    return t;
}

void batch_turns_free(struct batch_turns *t)
{
    if (t != NULL) {
        pthread_mutex_destroy(&t->lock);
        pthread_cond_destroy(&t->moved);
        tu_free(t->next);
        tu_free(t->ended);
        tu_free(t);
    }
}

/* Past the documents that will not take their turn any more. Lock held. */
static void skip_ended(struct batch_turns *t, size_t stage)
{
    while (t->next[stage] < t->docs && t->ended[t->next[stage]]) {
        t->next[stage]++;
    }
}

void batch_turn_take(struct batch_turns *t, size_t stage, size_t doc)
{
    pthread_mutex_lock(&t->lock);
    while (t->next[stage] < doc) {
        pthread_cond_wait(&t->moved, &t->lock);
    }
    pthread_mutex_unlock(&t->lock);
}

bool batch_turn_ready(struct batch_turns *t, size_t stage, size_t doc)
{
    bool ready;

    pthread_mutex_lock(&t->lock);
    ready = t->next[stage] >= doc;
    pthread_mutex_unlock(&t->lock);
    return ready;
}

void batch_turn_give(struct batch_turns *t, size_t stage, size_t doc)
{
    pthread_mutex_lock(&t->lock);
    if (t->next[stage] == doc) {
        t->next[stage] = doc + 1;
        skip_ended(t, stage);
    }
    pthread_cond_broadcast(&t->moved);
    pthread_mutex_unlock(&t->lock);
}

void batch_turns_end(struct batch_turns *t, size_t doc)
{
    pthread_mutex_lock(&t->lock);
    t->ended[doc] = true;
    for (size_t s = 0; s < t->stages; s++) {
        skip_ended(t, s);
    }
    pthread_cond_broadcast(&t->moved);
    pthread_mutex_unlock(&t->lock);
}
