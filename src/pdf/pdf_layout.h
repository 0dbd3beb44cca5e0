/*
 * Layout for the PDF booklet, kept apart from libharu so that it can be
 * unit-tested without writing a PDF: text measured and broken into lines
 * by the text engine (src/text: shaped widths, ICU line breaks), and a
 * block paginator (keep-with-next, forced breaks, repeated table headers).
 */
#ifndef WP_PDF_LAYOUT_H
#define WP_PDF_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/text.h"

/* ---- measuring ------------------------------------------------------------ */

/* How text is measured: the fonts, weight and language; missing (when not NULL) hears of
 * the characters no installed font covers. */
struct pdf_measure {
    struct wp_text_fonts *fonts;
    bool bold;
    const char *lang; /* BCP 47, or NULL */
    void (*missing)(void *ctx, const struct wp_text_layout *l);
    void *ctx;
};

/* Width of s[0..len) in points at size, on one line (shaped advances). */
double wp_pdf_measure_text(const struct pdf_measure *m, double size, const char *s, size_t len);

/* ---- line breaking ---------------------------------------------------------- */

struct pdf_line {
    uint32_t start; /* byte offset into the text */
    uint32_t len;   /* bytes, without the spaces the line was broken at */
    float width;    /* points */
};

struct pdf_lines {
    struct pdf_line *items;
    size_t n, cap;
};

void wp_pdf_lines_release(struct pdf_lines *lines);

/*
 * Breaks text[0..len) (valid UTF-8) into lines no wider than max_width
 * points at size, appending them to out (which is cleared first): ICU's
 * line breaks (dictionaries for Thai, Lao, Khmer and Myanmar; never inside
 * "ECO-01"), spaces dropped at the break, "\n" forces a break, a word wider
 * than a line is cut between grapheme clusters. Empty text gives no lines.
 * Returns the number of lines.
 */
size_t wp_pdf_break_lines(const struct pdf_measure *m, double size, const char *text, size_t len,
                          double max_width, struct pdf_lines *out);

/* ---- pagination --------------------------------------------------------------- */

enum {
    PDF_KEEP_WITH_NEXT = 1u << 0, /* never the last item on a page */
    PDF_BREAK_BEFORE = 1u << 1    /* starts a new page (unless the page is empty) */
};

struct pdf_item {
    float height;
    float space_before; /* dropped at the top of a page */
    uint32_t flags;
    int32_t repeat; /* item drawn again at the top of a page this item opens
                       (a table's header row, a "continued" title); -1 none */
    /* filled by pdf_paginate */
    uint32_t page; /* 0-based */
    float y;       /* top of the item below the top of the content area */
};

struct pdf_repeat {
    uint32_t item; /* the item drawn again */
    uint32_t page;
    float y;
};

struct pdf_pagination {
    struct pdf_repeat *repeats;
    size_t n_repeats, cap_repeats;
    uint32_t n_pages;
};

/*
 * Places items[0..n) on pages whose content area is page_height points
 * tall, filling page and y of every item and recording repeated items.
 * Linear in n. An item taller than a page gets a page of its own and
 * overflows it (callers split text into lines, so this does not arise).
 */
void wp_pdf_paginate(struct pdf_item *items, size_t n, double page_height,
                     struct pdf_pagination *out);
void wp_pdf_pagination_release(struct pdf_pagination *p);

#endif
