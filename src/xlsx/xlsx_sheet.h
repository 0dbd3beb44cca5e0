/*
 * The sheet contract, writer side: one descriptor per editable sheet (its
 * columns, table, rows, validations and conditional formats) drives one
 * writer, and one hidden-sheet writer keeps each hidden record's
 * fingerprint. The Tracker and the Indicators sheet are two descriptors
 * (xlsx_tracker.c, xlsx_indicators.c); a third sheet would be a third.
 */
#ifndef WP_XLSX_SHEET_H
#define WP_XLSX_SHEET_H

#include <stddef.h>

#include "xlsx/xlsx_internal.h"

/* One column as the writer needs it (from columns.h). */
struct wp_xlsx_col {
    enum wp_label title;
    double width; /* in characters */
    bool editable;
};

/* An editable column's check: a data validation with its message. */
struct wp_xlsx_check {
    unsigned col;
    lxw_data_validation dv; /* its texts are set by the writer */
    const char *message;
};

/* The most columns and checks a sheet may have. */
#define WP_XLSX_SHEET_MAX_COLS 16
#define WP_XLSX_SHEET_MAX_CHECKS 8

/* One editable sheet: constant data, one per sheet (a third sheet is a third of these). */
struct wp_xlsx_sheet_desc {
    const char *table_name;
    const char *table_what; /* for a failure's message: "the tracker table" */
    unsigned n_cols;
    /* column c as columns.h describes it */
    struct wp_xlsx_col (*col)(unsigned c);
    /* the format of each column's cells: WP_XLSX_FORMAT(name) of struct wp_xlsx_formats */
    const size_t *formats;
    /* writes data row i (sheet row i + 1); `keep` holds n_cols buffers for its texts */
    void (*write_row)(struct wp_xlsx_ctx *ctx, size_t i, struct wp_buf *keep);
    /* the editable columns' checks into checks[], their count */
    unsigned (*checks)(struct wp_xlsx_ctx *ctx, struct wp_xlsx_check *checks, char *buf,
                       size_t buf_size);
    /* conditional formats over data rows 1..last; may be NULL */
    void (*conditional_formats)(struct wp_xlsx_ctx *ctx, lxw_row_t last);
};

/*
 * Writes the sheet: widths, rows (a blank one when there is none: a table
 * needs one), the table and its headers, the checks, the conditional
 * formats, frozen header and first column, page setup and print titles, and
 * the protection around the editable columns (filters allowed, not sorting).
 */
void wp_xlsx_sheet_write(struct wp_xlsx_ctx *ctx, const struct wp_xlsx_sheet_desc *d,
                         lxw_worksheet *ws, size_t n_rows);

/* Where a format is in struct wp_xlsx_formats: a sheet's columns name theirs as data. */
#define WP_XLSX_FORMAT(name) offsetof(struct wp_xlsx_formats, name)
lxw_format *wp_xlsx_format_at(const struct wp_xlsx_ctx *ctx, size_t offset);

/* s cut as every cell is, kept in b (a row's texts outlive the next row's). */
const char *wp_xlsx_keep(struct wp_xlsx_ctx *ctx, struct wp_buf *b, const char *s);
/*
 * An explicit height for row r, so wrapped text shows whole in readers that
 * do not autofit: the most lines any of texts[k] needs at widths[k].
 */
void wp_xlsx_row_height(struct wp_xlsx_ctx *ctx, lxw_worksheet *ws, lxw_row_t r,
                        const char *const *texts, const double *widths, size_t n);
/* A date column's check: no date before the plan's period; its message is written in msg. */
struct wp_xlsx_check wp_xlsx_date_check(const struct wp_xlsx_ctx *ctx, unsigned col, char *msg,
                                        size_t size);

/* ---- hidden sheets: one format for all (columns.h) ------------------------------ */

/* Record i of a hidden sheet: its fields joined by WP_HIDDEN_FIELD_SEP, into b. */
typedef void (*wp_xlsx_record_fn)(struct wp_xlsx_ctx *ctx, size_t i, struct wp_buf *b);

/*
 * Writes hidden sheet ws in the format written (the layout's formats[0]):
 * values[k] for the layout's keys, the count n_records, the records packed
 * into cells, and the fingerprint over every cell; hidden and protected.
 */
void wp_xlsx_hidden_write(struct wp_xlsx_ctx *ctx, lxw_worksheet *ws,
                          const struct wp_hidden_layout *layout, const char *const *values,
                          size_t n_records, wp_xlsx_record_fn record);

#endif
