/*
 * Results tables (pdf_sec_results.c adds them, pdf_draw_results.c paints
 * them): their rows and the formatting and measuring of a row's cells
 * (pdf_results_rows.c), which both use: an indicator's row is formatted
 * again when painted, so that a booklet of thousands keeps no copy of it.
 */
#ifndef WP_PDF_RESULTS_H
#define WP_PDF_RESULTS_H

#include "pdf/pdf_internal.h"

#define RES_MAX_COLS 6

struct res_row;

struct res_cols {
    size_t n;
    float x[RES_MAX_COLS], w[RES_MAX_COLS]; /* from the left margin */
    bool right[RES_MAX_COLS];               /* numbers: right-aligned */
    const struct res_row *head;             /* the header row, made once, drawn for every table */
    float head_h;
};

struct res_line {
    const char *s;
    uint32_t len;
    uint8_t role;
    float w;
};

struct res_cell {
    const struct res_line *lines;
    size_t n;
};

enum res_bar { RES_BAR_NONE, RES_BAR_REACHED, RES_BAR_ON_TRACK, RES_BAR_BEHIND };

struct res_row {
    const struct res_cols *cols;
    struct res_cell cell[RES_MAX_COLS];
    bool shaded; /* header rows and the total row */
    bool head;   /* a header row: its cells title the columns */
    uint8_t bar; /* enum res_bar: a bar before the last column's first line */
    float share; /* of the bar, 0..1 */
};

/*
 * A cell being filled: its lines, gathered before they go into the arena. A
 * row stays shorter than a page (40 lines of 12 pt): a text longer than that
 * in its column is cut there rather than run off the page.
 */
struct res_cell_tmp {
    struct res_line lines[40];
    size_t n;
};

/*
 * The strings of one indicator's row, formatted into fixed buffers: rows are
 * formatted twice (measured when prepared, drawn from scratch), so that a
 * booklet of thousands of indicators keeps no copy of them.
 */
struct res_strings {
    char id[128], base[64], target[64], by[128], value[64], date[96], pct[32];
};

enum { RC_TEXT, RC_UNIT, RC_BASE, RC_TARGET, RC_VALUE, RC_SHARE, RC_N };

/* An indicator row in the results table: `ref` tells it from rows kept whole (-1). */
#define RES_REF_INDICATOR (-2)

/* "12500.5" as "12,500.5" (en) or "12 500,5" (es); a share as "42 %". */
const char *wp_pdf_res_number(struct pdf_ctx *ctx, double v, char *out, size_t size);
const char *wp_pdf_res_percent(double share, char *out, size_t size);
/* Breaks s into the cell's lines at its width (and measures every glyph). */
void wp_pdf_res_cell_add(struct pdf_ctx *ctx, struct res_cell_tmp *c, enum pdf_role role,
                         const char *s, float width);
/* The room for text in column k (the last column of a row with a bar gives the bar its room). */
float wp_pdf_res_text_width(struct pdf_ctx *ctx, const struct res_cols *cols, size_t k, bool bar);
/* The height of a row of these cells: its tallest cell, padded. */
float wp_pdf_res_row_height(struct pdf_ctx *ctx, const struct res_cols *cols,
                            const struct res_cell_tmp *cells);
/* The cells of an indicator's row, strings in sc; measures every glyph they use. */
void wp_pdf_res_indicator_cells(struct pdf_ctx *ctx, const struct res_cols *cols,
                                const struct wp_indicator *ind, struct res_strings *sc,
                                struct res_cell_tmp *cells, struct res_row *row);

#endif
