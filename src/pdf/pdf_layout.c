#include "pdf/pdf_layout.h"

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

long wp_pdf_measure_units(struct pdf_measure *m, const char *s, size_t len)
{
    long units = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = wp_utf8_decode(s + i, len - i, &cp);
        units += wp_pdf_measure_cp(m, cp);
        i += n;
    }
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

/*
 * Greedy breaking: the line grows until the next code point would overflow,
 * then it is cut at the last break opportunity, or, when the line is one
 * word, before that code point. Spaces never overflow: they hang at the end
 * of a line and are dropped there.
 */
size_t wp_pdf_break_lines(struct pdf_measure *m, double size, const char *text, size_t len,
                          double max_width, struct pdf_lines *out)
{
    out->n = 0;
    /* the limit in font units, with a hair of slack against rounding */
    double limit = size > 0 ? max_width * 1000.0 / size + 1e-6 : 0;
    size_t line_start = 0;
    long width = 0; /* units from line_start to the current position */
    bool have_break = false;
    size_t brk_end = 0;      /* line end if broken at the candidate */
    long brk_width = 0;      /* its width */
    size_t brk_next = 0;     /* where the next line would start */
    long brk_next_width = 0; /* width from line_start to brk_next */
    bool in_spaces = false;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t nb = wp_utf8_decode(text + i, len - i, &cp);
        if (cp == '\n') {
            push_line(out, line_start, have_break && in_spaces ? brk_end : i,
                      have_break && in_spaces ? brk_width : width, size);
            i += nb;
            line_start = i;
            width = 0;
            have_break = in_spaces = false;
            continue;
        }
        int w = wp_pdf_measure_cp(m, cp);
        if (is_space(cp)) {
            if (!in_spaces) {
                brk_end = i;
                brk_width = width;
            }
            width += w;
            have_break = in_spaces = true;
            brk_next = i + nb;
            brk_next_width = width;
            i += nb;
            continue;
        }
        in_spaces = false;
        if ((double)(width + w) > limit && i > line_start) {
            if (have_break && brk_next > line_start && brk_end > line_start) {
                push_line(out, line_start, brk_end, brk_width, size);
                line_start = brk_next;
                width -= brk_next_width;
                have_break = false;
                continue; /* the same code point is tried on the new line */
            }
            if (have_break && brk_end == line_start) {
                /* only leading spaces before this word: drop them */
                line_start = brk_next;
                width -= brk_next_width;
                have_break = false;
                if (i > line_start)
                    continue;
            } else {
                push_line(out, line_start, i, width, size);
                line_start = i;
                width = 0;
                have_break = false;
            }
        }
        width += w;
        i += nb;
        /* after a hyphen only before a lowercase letter: "well-known", not "ECO-01" */
        bool hyphen = cp == '-' && i < len &&
                      (((unsigned char)text[i] >= 'a' && (unsigned char)text[i] <= 'z') ||
                       (unsigned char)text[i] >= 0xC0);
        if (hyphen || cp == '/' || cp == 0x2013) {
            have_break = true;
            brk_end = brk_next = i;
            brk_width = brk_next_width = width;
        }
    }
    if (line_start < len) {
        if (have_break && in_spaces)
            push_line(out, line_start, brk_end, brk_width, size);
        else
            push_line(out, line_start, len, width, size);
    }
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
