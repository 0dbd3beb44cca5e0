#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

/*
 * What an empty buffer's data points to, as git's strbuf does: readers
 * never meet NULL, and nothing is allocated until the first append. Only
 * buffers with cap > 0 own their data; this one is never written but for
 * its terminating NUL, which stays NUL.
 */
char wp_buf_empty[1];

void wp_buf_init(struct wp_buf *b)
{
    b->data = wp_buf_empty;
    b->len = b->cap = 0;
}

void wp_buf_release(struct wp_buf *b)
{
    if (b->cap)
        free(b->data);
    wp_buf_init(b);
}

void wp_buf_reset(struct wp_buf *b)
{
    b->len = 0;
    if (b->cap)
        b->data[0] = '\0';
    else
        b->data = wp_buf_empty; /* a zeroed buffer joins the invariant */
}

void wp_buf_grow(struct wp_buf *b, size_t extra)
{
    bool fresh = !b->cap;
    if (fresh)
        b->data = NULL; /* the shared "" is not ours to realloc */
    WP_GROW(b->data, b->cap, b->len + extra + 1);
    if (fresh)
        b->data[b->len] = '\0';
}

void wp_buf_add(struct wp_buf *b, const void *data, size_t n)
{
    wp_buf_grow(b, n);
    memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void wp_buf_adds(struct wp_buf *b, const char *s)
{
    wp_buf_add(b, s, strlen(s));
}

void wp_buf_addc(struct wp_buf *b, char c)
{
    wp_buf_add(b, &c, 1);
}

void wp_buf_addf(struct wp_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof(small)) {
        wp_buf_add(b, small, (size_t)n);
        return;
    }
    wp_buf_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *wp_buf_detach(struct wp_buf *b, size_t *len)
{
    wp_buf_grow(b, 0); /* the caller frees it: it must be ours */
    char *d = b->data;
    if (len)
        *len = b->len;
    wp_buf_init(b);
    return d;
}
