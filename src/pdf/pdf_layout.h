/*
 * Layout for the PDF booklet, kept apart from libharu so that it can be
 * unit-tested without writing a PDF: text measuring through a width
 * callback with a per-code-point cache, a greedy UTF-8 line breaker, and a
 * block paginator (keep-with-next, forced breaks, repeated table headers).
 *
 * Widths are in font units of 1/1000 em (Noto Sans has 1000 units per em,
 * so sums are exact integers); a width in points is units * size / 1000.
 */
#ifndef WP_PDF_LAYOUT_H
#define WP_PDF_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- measuring ------------------------------------------------------------ */

struct pdf_measure {
    int (*advance)(void *ctx, uint32_t cp); /* advance of one code point, 1/1000 em */
    void *ctx;
    int16_t *cache; /* one slot per BMP code point, -1 = not measured yet (128 KB a font) */
};

void wp_pdf_measure_init(struct pdf_measure *m, int (*advance)(void *ctx, uint32_t cp), void *ctx);
void wp_pdf_measure_release(struct pdf_measure *m);
/* Advance of cp, asking the callback only the first time for a BMP code point. */
int wp_pdf_measure_cp(struct pdf_measure *m, uint32_t cp);
/*
 * The one walk over UTF-8 text that measures it: code points are added
 * while the width stays within limit units (HUGE_VAL: all of them).
 * Returns the bytes that fit; *units (when not NULL) gets the width walked,
 * including the code point that overflowed; *keep (when not NULL) the end
 * of the last fitting code point that is not a space.
 */
size_t wp_pdf_measure_prefix(struct pdf_measure *m, const char *s, size_t len, double limit,
                             long *units, size_t *keep);
/* Width of s[0..len) in 1/1000 em. */
long wp_pdf_measure_units(struct pdf_measure *m, const char *s, size_t len);
/* Width of s[0..len) in points at size. */
double wp_pdf_measure_text(struct pdf_measure *m, double size, const char *s, size_t len);

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
 * points at size, appending them to out (which is cleared first). Breaks
 * go after spaces (which are dropped at the break), after '/', en dashes
 * and a '-' followed by a lowercase letter (never inside "ECO-01"); "\n" forces a break; a word
 * wider than a line is broken between code points. Empty text gives no lines. Returns the number of
 * lines.
 */
size_t wp_pdf_break_lines(struct pdf_measure *m, double size, const char *text, size_t len,
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
