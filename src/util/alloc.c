#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

/* The library aborts on out-of-memory (as cmark and git do): no call site checks NULL. */
_Noreturn static void die_oom(size_t n)
{
    fprintf(stderr, "workplan: fatal: out of memory (%zu bytes)\n", n);
    abort();
}

void *wp_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die_oom(n);
    return p;
}

void *wp_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        die_oom(count * size);
    return p;
}

void *wp_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        die_oom(n);
    return q;
}

char *wp_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(wp_xmalloc(n), s, n);
}

void wp_grow(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return;
    size_t c = *cap ? *cap : 8;
    while (c < need)
        c *= 2;
    if (c > SIZE_MAX / size)
        die_oom(SIZE_MAX);
    *items = wp_xrealloc(*items, c * size);
    *cap = c;
}
