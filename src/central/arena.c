/* SPDX-License-Identifier: GPL-3.0-or-later */
/* arena.c - a per-thread bump allocator for parsing a push batch.
 *
 * Profiling a push (perf, 1,000-event batches) put about half of the
 * service's time in jansson building and freeing the batch's tree - a
 * hundred thousand small malloc/free calls per batch.  While a thread has
 * its arena on, jansson's allocations on that thread are carved out of
 * large blocks, freeing them is a no-op, and central_arena_reset drops the
 * whole tree at once.  Other threads, and this one with the arena off,
 * use malloc as usual: jansson's free tells the two apart by address.
 *
 * Only the parse of the request body runs with the arena on
 * (src/central/ingest.c); nothing allocated there may outlive the reset.
 */
#include "central.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "mc_error.h"

#define BLOCK (4u << 20)    /* bytes per block (a big batch takes a few) */
#define KEEP_BLOCKS 4       /* kept for the next batch after a reset */
#define MAX_BLOCKS 64       /* beyond this, plain malloc */

typedef struct arena {
    char *block[MAX_BLOCKS];
    size_t n;    /* blocks allocated */
    size_t cur;  /* block being carved */
    size_t used; /* bytes used in block[cur] */
    bool on;
} arena;

static __thread arena *tl_arena;
static pthread_key_t arena_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void arena_destroy(void *p)
{
    arena *a = p;
    for (size_t i = 0; i < a->n; i++)
        free(a->block[i]);
    free(a);
}

static void make_key(void)
{
    pthread_key_create(&arena_key, arena_destroy);
}

static bool owns(const arena *a, const void *p)
{
    uintptr_t x = (uintptr_t)p;
    for (size_t i = 0; i < a->n; i++) {
        uintptr_t b = (uintptr_t)a->block[i];
        if (x >= b && x < b + BLOCK)
            return true;
    }
    return false;
}

static void *arena_malloc(size_t size)
{
    arena *a = tl_arena;
    if (!a || !a->on || size > BLOCK / 4)
        return malloc(size);
    size = (size + 15) & ~(size_t)15;
    if (a->n == 0 || a->used + size > BLOCK) {
        if (a->n && a->cur + 1 < a->n) {
            a->cur++;
        } else {
            if (a->n == MAX_BLOCKS)
                return malloc(size);
            char *b = malloc(BLOCK);
            if (!b)
                return malloc(size);
            a->block[a->n] = b;
            a->cur = a->n++;
        }
        a->used = 0;
    }
    void *p = a->block[a->cur] + a->used;
    a->used += size;
    return p;
}

static void arena_free(void *p)
{
    arena *a = tl_arena;
    if (p && a && a->n && owns(a, p))
        return; /* dropped with the arena */
    free(p);
}

void central_arena_install(void)
{
    pthread_once(&key_once, make_key);
    json_set_alloc_funcs(arena_malloc, arena_free);
}

void central_arena_begin(void)
{
    if (!tl_arena) {
        tl_arena = mc_xcalloc(1, sizeof *tl_arena);
        pthread_once(&key_once, make_key);
        pthread_setspecific(arena_key, tl_arena);
    }
    tl_arena->on = true;
}

void central_arena_end(void)
{
    if (tl_arena)
        tl_arena->on = false;
}

void central_arena_reset(void)
{
    arena *a = tl_arena;
    if (!a)
        return;
    a->on = false;
    while (a->n > KEEP_BLOCKS)
        free(a->block[--a->n]);
    a->cur = 0;
    a->used = 0;
}
