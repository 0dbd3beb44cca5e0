#include "pdf/pdf_layout.h"

#include <math.h>
#include <stdlib.h>

#include "util/util.h"

#define BMP_SIZE 0x10000

void wp_pdf_measure_init(struct pdf_measure *m, int (*advance)(void *ctx, uint32_t cp), void *ctx)
{
    m->advance = advance;
    m->ctx = ctx;
    m->cache = wp_xmalloc(BMP_SIZE * sizeof(*m->cache));
    for (size_t i = 0; i < BMP_SIZE; i++)
        m->cache[i] = -1;
}

void wp_pdf_measure_release(struct pdf_measure *m)
{
    free(m->cache);
    m->cache = NULL;
}

int wp_pdf_measure_cp(struct pdf_measure *m, uint32_t cp)
{
    if (cp >= BMP_SIZE)
        return m->advance(m->ctx, cp);
    if (m->cache[cp] < 0) {
        int w = m->advance(m->ctx, cp);
        /* advances are in 1/1000 em: far below the limit of 16 bits */
        m->cache[cp] = (int16_t)(w < 0 ? 0 : w > INT16_MAX ? INT16_MAX : w);
    }
    return m->cache[cp];
}

size_t wp_pdf_measure_prefix(struct pdf_measure *m, const char *s, size_t len, double limit,
                             long *units, size_t *keep)
{
    long sum = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t nb = wp_utf8_decode(s + i, len - i, &cp);
        sum += wp_pdf_measure_cp(m, cp);
        if ((double)sum > limit)
            break;
        i += nb;
        if (keep && cp != ' ')
            *keep = i;
    }
    if (units)
        *units = sum;
    return i;
}

long wp_pdf_measure_units(struct pdf_measure *m, const char *s, size_t len)
{
    long units;
    wp_pdf_measure_prefix(m, s, len, HUGE_VAL, &units, NULL);
    return units;
}

double wp_pdf_measure_text(struct pdf_measure *m, double size, const char *s, size_t len)
{
    return (double)wp_pdf_measure_units(m, s, len) * size / 1000.0;
}

void wp_pdf_lines_release(struct pdf_lines *lines)
{
    free(lines->items);
    lines->items = NULL;
    lines->n = lines->cap = 0;
}

static void push_line(struct pdf_lines *out, size_t start, size_t end, long units, double size)
{
    WP_GROW(out->items, out->cap, out->n + 1);
    out->items[out->n++] = (struct pdf_line){
        .start = (uint32_t)start,
        .len = (uint32_t)(end - start),
        .width = (float)((double)units * size / 1000.0),
    };
}

static bool is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t'; /* not U+00A0: a no-break space binds */
}

/* The line breaker's state: the line being filled and its last break opportunity. */
struct breaker {
    struct pdf_lines *out;
    double size;
    double limit;      /* the line width in font units */
    size_t line_start; /* where the current line starts */
    long width;        /* units from line_start to the current position */
    bool have_break;
    bool in_spaces;
    size_t brk_end;      /* line end if broken at the candidate */
    long brk_width;      /* its width */
    size_t brk_next;     /* where the next line would start */
    long brk_next_width; /* width from line_start to brk_next */
};

/* Ends the current line at `end`, or at the spaces it ends in, which are dropped. */
static void end_line(struct breaker *b, size_t end)
{
    bool trailing = b->have_break && b->in_spaces;
    push_line(b->out, b->line_start, trailing ? b->brk_end : end,
              trailing ? b->brk_width : b->width, b->size);
}

/* A space at i: a break opportunity; spaces never overflow, they hang at the line's end. */
static void take_space(struct breaker *b, size_t i, size_t nb, int w)
{
    if (!b->in_spaces) {
        b->brk_end = i;
        b->brk_width = b->width;
    }
    b->width += w;
    b->have_break = b->in_spaces = true;
    b->brk_next = i + nb;
    b->brk_next_width = b->width;
}

/*
 * The code point at i does not fit: the line is cut at its last break
 * opportunity, or before i when it is one word. True when the code point
 * must be tried again on the new line.
 */
static bool break_before(struct breaker *b, size_t i)
{
    if (b->have_break && b->brk_next > b->line_start && b->brk_end > b->line_start) {
        push_line(b->out, b->line_start, b->brk_end, b->brk_width, b->size);
        b->line_start = b->brk_next;
        b->width -= b->brk_next_width;
        b->have_break = false;
        return true;
    }
    if (b->have_break && b->brk_end == b->line_start) {
        /* only leading spaces before this word: drop them */
        b->line_start = b->brk_next;
        b->width -= b->brk_next_width;
        b->have_break = false;
        return i > b->line_start;
    }
    push_line(b->out, b->line_start, i, b->width, b->size);
    b->line_start = i;
    b->width = 0;
    b->have_break = false;
    return false;
}

/* After a hyphen only before a lowercase letter ("well-known", not "ECO-01"), '/' or an en dash. */
static bool breaks_after(uint32_t cp, const char *text, size_t len, size_t next)
{
    if (cp == '/' || cp == 0x2013)
        return true;
    if (cp != '-' || next >= len)
        return false;
    unsigned char c = (unsigned char)text[next];
    return (c >= 'a' && c <= 'z') || c >= 0xC0;
}

/*
 * Greedy breaking: the line grows until the next code point would overflow,
 * then it is cut at the last break opportunity, or, when the line is one
 * word, before that code point.
 */
size_t wp_pdf_break_lines(struct pdf_measure *m, double size, const char *text, size_t len,
                          double max_width, struct pdf_lines *out)
{
    out->n = 0;
    /* the limit in font units, with a hair of slack against rounding */
    struct breaker b = {
        .out = out, .size = size, .limit = size > 0 ? max_width * 1000.0 / size + 1e-6 : 0};
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t nb = wp_utf8_decode(text + i, len - i, &cp);
        if (cp == '\n') {
            end_line(&b, i);
            i += nb;
            b.line_start = i;
            b.width = 0;
            b.have_break = b.in_spaces = false;
            continue;
        }
        int w = wp_pdf_measure_cp(m, cp);
        if (is_space(cp)) {
            take_space(&b, i, nb, w);
            i += nb;
            continue;
        }
        b.in_spaces = false;
        if ((double)(b.width + w) > b.limit && i > b.line_start && break_before(&b, i))
            continue; /* the same code point is tried on the new line */
        b.width += w;
        i += nb;
        if (breaks_after(cp, text, len, i)) {
            b.have_break = true;
            b.brk_end = b.brk_next = i;
            b.brk_width = b.brk_next_width = b.width;
        }
    }
    if (b.line_start < len)
        end_line(&b, len);
    return out->n;
}

/* ---- pagination --------------------------------------------------------------- */

void wp_pdf_pagination_release(struct pdf_pagination *p)
{
    free(p->repeats);
    p->repeats = NULL;
    p->n_repeats = p->cap_repeats = 0;
    p->n_pages = 0;
}

static void add_repeat(struct pdf_pagination *out, uint32_t item, uint32_t page, float y)
{
    WP_GROW(out->repeats, out->cap_repeats, out->n_repeats + 1);
    out->repeats[out->n_repeats++] = (struct pdf_repeat){item, page, y};
}

void wp_pdf_paginate(struct pdf_item *items, size_t n, double page_height,
                     struct pdf_pagination *out)
{
    out->n_repeats = 0;
    out->n_pages = 0;
    if (n == 0)
        return;
    /* chain[i]: the height item i needs to stay with the items it keeps with */
    double *chain = wp_xmalloc(n * sizeof(*chain));
    for (size_t k = n; k-- > 0;) {
        chain[k] = items[k].height;
        if ((items[k].flags & PDF_KEEP_WITH_NEXT) && k + 1 < n &&
            !(items[k + 1].flags & PDF_BREAK_BEFORE))
            chain[k] += items[k + 1].space_before + chain[k + 1];
    }
    uint32_t page = 0;
    double y = 0;
    bool empty = true;
    for (size_t i = 0; i < n; i++) {
        struct pdf_item *it = &items[i];
        bool opened = false;
        if ((it->flags & PDF_BREAK_BEFORE) && !empty) {
            page++, y = 0, empty = true;
        } else if (!empty) {
            double need = it->space_before + chain[i];
            if (y + need > page_height + 1e-6) {
                page++, y = 0, empty = true;
                opened = true;
            }
        }
        double sb = empty ? 0 : it->space_before;
        if (opened && it->repeat >= 0 && (size_t)it->repeat < i) {
            add_repeat(out, (uint32_t)it->repeat, page, (float)y);
            y += items[it->repeat].height;
        }
        it->page = page;
        it->y = (float)(y + sb);
        y += sb + it->height;
        empty = false;
    }
    out->n_pages = page + 1;
    free(chain);
}
