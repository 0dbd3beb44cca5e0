#include "pdf/pdf_layout.h"

#include <stdlib.h>

#include "util/util.h"

double wp_pdf_measure_text(const struct pdf_measure *m, double size, const char *s, size_t len)
{
    struct wp_text_style style = {.size = size, .bold = m->bold};
    struct wp_text_layout l;
    if (wp_text_layout(m->fonts, s, len, m->lang, &style, 0, &l) != 0)
        return 0;
    if (m->missing && l.n_missing)
        m->missing(m->ctx, &l);
    double w = l.max_width;
    wp_text_layout_free(&l);
    return w;
}

void wp_pdf_lines_release(struct pdf_lines *lines)
{
    free(lines->items);
    lines->items = NULL;
    lines->n = lines->cap = 0;
}

size_t wp_pdf_break_lines(const struct pdf_measure *m, double size, const char *text, size_t len,
                          double max_width, struct pdf_lines *out)
{
    out->n = 0;
    if (len == 0)
        return 0;
    struct wp_text_style style = {.size = size, .bold = m->bold};
    struct wp_text_layout l;
    if (wp_text_layout(m->fonts, text, len, m->lang, &style, max_width, &l) != 0)
        return 0;
    if (m->missing && l.n_missing)
        m->missing(m->ctx, &l);
    WP_GROW(out->items, out->cap, l.n_lines);
    for (size_t k = 0; k < l.n_lines; k++) {
        const struct wp_text_line *line = &l.lines[k];
        out->items[out->n++] = (struct pdf_line){
            .start = (uint32_t)line->start,
            .len = (uint32_t)(line->end - line->start),
            .width = (float)line->width,
        };
    }
    wp_text_layout_free(&l);
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
