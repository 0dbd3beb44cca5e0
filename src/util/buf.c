#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

void wp_buf_release(struct wp_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void wp_buf_add(struct wp_buf *b, const void *data, size_t n)
{
    WP_GROW(b->data, b->cap, b->len + n + 1);
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
    WP_GROW(b->data, b->cap, b->len + (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *wp_buf_detach(struct wp_buf *b, size_t *len)
{
    if (!b->data)
        wp_buf_add(b, "", 0);
    char *d = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}
