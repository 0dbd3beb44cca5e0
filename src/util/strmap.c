#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

void wp_strmap_init(struct wp_strmap *m)
{
    memset(m, 0, sizeof(*m));
}

void wp_strmap_release(struct wp_strmap *m)
{
    free(m->keys);
    free(m->values);
    wp_strmap_init(m);
}

static size_t slot(const struct wp_strmap *m, const char *key)
{
    size_t i = (size_t)hash(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static void rehash(struct wp_strmap *m, size_t cap)
{
    struct wp_strmap old = *m;
    m->keys = wp_xcalloc(cap, sizeof(*m->keys));
    m->values = wp_xcalloc(cap, sizeof(*m->values));
    m->cap = cap;
    m->n = 0;
    for (size_t i = 0; i < old.cap; i++)
        if (old.keys[i])
            wp_strmap_put(m, old.keys[i], old.values[i]);
    free(old.keys);
    free(old.values);
}

void *wp_strmap_put(struct wp_strmap *m, const char *key, void *value)
{
    if ((m->n + 1) * 2 > m->cap)
        rehash(m, m->cap ? m->cap * 2 : 16);
    size_t i = slot(m, key);
    if (m->keys[i])
        return m->values[i];
    m->keys[i] = key;
    m->values[i] = value;
    m->n++;
    return NULL;
}

void *wp_strmap_get(const struct wp_strmap *m, const char *key)
{
    if (!m->cap || !key)
        return NULL;
    size_t i = slot(m, key);
    return m->keys[i] ? m->values[i] : NULL;
}

void wp_strmap_set(struct wp_strmap *m, const char *key, void *value)
{
    if (wp_strmap_put(m, key, value))
        m->values[slot(m, key)] = value;
}
