/*
 * The one writer of editable sheets and of hidden records (xlsx_sheet.h):
 * what the Tracker and the Indicators sheet have in common lives here once,
 * in the order libxlsxwriter is called, so that the workbooks stay the same
 * byte for byte.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "xlsx/xlsx_sheet.h"

lxw_format *wp_xlsx_format_at(const struct wp_xlsx_ctx *ctx, size_t offset)
{
    lxw_format *f;
    memcpy(&f, (const char *)&ctx->fmt + offset, sizeof f);
    return f;
}

const char *wp_xlsx_keep(struct wp_xlsx_ctx *ctx, struct wp_buf *b, const char *s)
{
    const char *safe = wp_xlsx_safe_text(s, WP_XLSX_MAX_CELL_CHARS, &ctx->scratch, NULL);
    wp_buf_reset(b);
    wp_buf_adds(b, safe);
    return b->data;
}

/*
 * Lines a wrapped text needs in a column of `width` characters (10 pt in an 11 pt
 * grid), each line's text counted in display columns: a Chinese or Japanese
 * character takes two, a combining mark none (wp_text_display_width).
 */
unsigned wp_xlsx_lines_for(const char *s, double width)
{
    if (!s || !*s)
        return 1;
    unsigned per_line = (unsigned)(width * wp_xlsx_style.tracker_chars_per_w);
    if (per_line < wp_xlsx_style.tracker_min_chars)
        per_line = wp_xlsx_style.tracker_min_chars;
    unsigned lines = 0;
    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        lines += (unsigned)(wp_text_display_width(s, len) / per_line) + 1;
        if (!nl)
            return lines;
        s = nl + 1;
    }
}

void wp_xlsx_row_height(struct wp_xlsx_ctx *ctx, lxw_worksheet *ws, lxw_row_t r,
                        const char *const *texts, const double *widths, size_t n)
{
    unsigned lines = 1;
    for (size_t k = 0; k < n; k++) {
        unsigned need = wp_xlsx_lines_for(texts[k], widths[k]);
        if (need > lines)
            lines = need;
    }
    if (lines > wp_xlsx_style.tracker_max_lines)
        lines = wp_xlsx_style.tracker_max_lines;
    double height = wp_xlsx_style.line_height * lines + wp_xlsx_style.row_pad;
    if (!ctx->failed)
        wp_xlsx_check(ctx, worksheet_set_row(ws, r, height, NULL), "a row height");
}

struct wp_xlsx_check wp_xlsx_date_check(const struct wp_xlsx_ctx *ctx, unsigned col, char *msg,
                                        size_t size)
{
    struct wp_date first = {ctx->plan->period_from, 1, 1};
    char when[96];
    wp_format_date(when, sizeof when, ctx->lang, first);
    const char *args[] = {when};
    wp_label_fill(msg, size, wp_xlsx_label(ctx, WP_L_VALIDATE_DATE), args, 1);
    return (struct wp_xlsx_check){
        col,
        {.validate = LXW_VALIDATION_TYPE_DATE,
         .criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
         .value_datetime = {.year = first.year, .month = first.month, .day = first.day}},
        msg};
}

/* Clipped, owned copy for validation titles (32) and messages (255). */
static char *clip(struct wp_xlsx_ctx *ctx, const char *s, size_t max)
{
    return wp_xstrdup(wp_xlsx_safe_text(s, max, &ctx->scratch, NULL));
}

/* The sheet being written: its descriptor, worksheet and rows. */
struct sheet {
    const struct wp_xlsx_sheet_desc *d;
    lxw_worksheet *ws;
    size_t n_rows;
};

static void add_check(struct wp_xlsx_ctx *ctx, const struct sheet *sh, struct wp_xlsx_check *k,
                      lxw_row_t last)
{
    char *title = clip(ctx, wp_xlsx_label(ctx, sh->d->col(k->col).title), 32);
    char *msg = clip(ctx, k->message, 255);
    lxw_data_validation *dv = &k->dv;
    dv->show_input = LXW_VALIDATION_ON;
    dv->show_error = LXW_VALIDATION_ON;
    dv->error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    dv->input_title = title;
    dv->input_message = msg;
    dv->error_title = title;
    dv->error_message = msg;
    lxw_col_t c = (lxw_col_t)k->col;
    if (!ctx->failed)
        wp_xlsx_check(ctx, worksheet_data_validation_range(sh->ws, 1, c, last, c, dv),
                      "a data validation");
    free(title);
    free(msg);
}

static void add_checks(struct wp_xlsx_ctx *ctx, const struct sheet *sh, lxw_row_t last)
{
    struct wp_xlsx_check checks[WP_XLSX_SHEET_MAX_CHECKS];
    char buf[1024];
    unsigned n = sh->d->checks(ctx, checks, buf, sizeof buf);
    for (unsigned k = 0; k < n; k++)
        add_check(ctx, sh, &checks[k], last);
}

static void add_table(struct wp_xlsx_ctx *ctx, const struct sheet *sh, lxw_row_t last)
{
    const struct wp_xlsx_sheet_desc *d = sh->d;
    /* header titles must outlive the call; the table copies them */
    lxw_table_column cols[WP_XLSX_SHEET_MAX_COLS];
    lxw_table_column *col_ptrs[WP_XLSX_SHEET_MAX_COLS + 1];
    char *titles[WP_XLSX_SHEET_MAX_COLS];
    for (unsigned c = 0; c < d->n_cols; c++) {
        struct wp_xlsx_col col = d->col(c);
        titles[c] = clip(ctx, wp_xlsx_label(ctx, col.title), 255);
        cols[c] = (lxw_table_column){.header = titles[c],
                                     .header_format =
                                         col.editable ? ctx->fmt.header_edit : ctx->fmt.header};
        col_ptrs[c] = &cols[c];
    }
    col_ptrs[d->n_cols] = NULL;
    char table_name[64];
    snprintf(table_name, sizeof table_name, "%s", d->table_name);
    lxw_table_options table = {.name = table_name,
                               .style_type = LXW_TABLE_STYLE_TYPE_MEDIUM,
                               .style_type_number = 2,
                               .columns = col_ptrs};
    if (!ctx->failed)
        wp_xlsx_check(ctx,
                      worksheet_add_table(sh->ws, 0, 0, last, (lxw_col_t)(d->n_cols - 1), &table),
                      d->table_what);
    for (unsigned c = 0; c < d->n_cols; c++)
        free(titles[c]);
}

static void write_rows(struct wp_xlsx_ctx *ctx, const struct sheet *sh)
{
    const struct wp_xlsx_sheet_desc *d = sh->d;
    struct wp_buf keep[WP_XLSX_SHEET_MAX_COLS];
    for (unsigned c = 0; c < d->n_cols; c++)
        wp_buf_init(&keep[c]);
    for (size_t i = 0; i < sh->n_rows && !ctx->failed; i++)
        d->write_row(ctx, i, keep);
    for (unsigned c = 0; c < d->n_cols; c++)
        wp_buf_release(&keep[c]);
    if (sh->n_rows == 0)
        for (unsigned c = 0; c < d->n_cols; c++)
            wp_xlsx_blank(ctx, sh->ws, 1, (lxw_col_t)c, wp_xlsx_format_at(ctx, d->formats[c]));
}

void wp_xlsx_sheet_write(struct wp_xlsx_ctx *ctx, const struct wp_xlsx_sheet_desc *d,
                         lxw_worksheet *ws, size_t n_rows)
{
    const struct sheet sh = {d, ws, n_rows};
    /* a table needs a data row even when there is nothing to list */
    lxw_row_t last = (lxw_row_t)(n_rows ? n_rows : 1);
    for (unsigned c = 0; c < d->n_cols && !ctx->failed; c++)
        wp_xlsx_check(ctx,
                      worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, d->col(c).width, NULL),
                      "a column width");
    write_rows(ctx, &sh);
    add_table(ctx, &sh, last);
    if (ctx->failed)
        return;
    wp_xlsx_check(ctx, worksheet_set_row(ws, 0, wp_xlsx_style.header_row_h, NULL), "a row height");
    add_checks(ctx, &sh, last);
    if (d->conditional_formats)
        d->conditional_formats(ctx, last);

    worksheet_freeze_panes(ws, 1, 1);
    wp_xlsx_page_setup(ctx, ws, true);
    if (!ctx->failed)
        wp_xlsx_check(ctx, worksheet_repeat_rows(ws, 0, 0), "the print titles");
    /*
     * Filters work on the protected sheet; sorting cannot (Excel refuses to sort
     * locked cells, LibreOffice silently does nothing), so it is not offered.
     */
    lxw_protection protection = {.autofilter = 1, .format_columns = 1, .format_rows = 1};
    worksheet_protect(ws, NULL, &protection);
}

/* ---- hidden sheets ---------------------------------------------------------------- */

/* A hidden sheet being written: every cell goes into its fingerprint. */
struct hidden {
    struct wp_xlsx_ctx *ctx;
    lxw_worksheet *ws;
    uint64_t fingerprint;
};

/* row and col 0-based, as libxlsxwriter counts; the fingerprint counts from 1. */
static void hidden_put(struct hidden *h, lxw_row_t row, lxw_col_t col, const char *value)
{
    struct wp_xlsx_ctx *ctx = h->ctx;
    wp_xlsx_string(ctx, h->ws, row, col, value, NULL);
    /* the text as it will be read back: cut like every cell */
    const char *safe = wp_xlsx_safe_text(value, WP_XLSX_MAX_CELL_CHARS, &ctx->scratch, NULL);
    h->fingerprint = wp_meta_fingerprint_add(h->fingerprint, row + 1, col + 1, safe);
}

/* "rows" in A, the count as a number in B of row r (hashed as a reader shows it). */
static void hidden_count(struct hidden *h, lxw_row_t r, size_t n)
{
    char text[24];
    snprintf(text, sizeof text, "%zu", n);
    hidden_put(h, r, 0, "rows");
    wp_xlsx_number(h->ctx, h->ws, r, 1, (double)n, NULL);
    h->fingerprint = wp_meta_fingerprint_add(h->fingerprint, r + 1, 2, text);
}

/*
 * The records packed into as few cells as fit: libxlsxwriter keeps every
 * cell (about 100 bytes) and row until the workbook is closed.
 */
static void hidden_records(struct hidden *h, lxw_row_t r, size_t n, wp_xlsx_record_fn record)
{
    struct wp_xlsx_ctx *ctx = h->ctx;
    struct wp_buf cell = WP_BUF_INIT;
    for (size_t i = 0; i < n && !ctx->failed; i++) {
        record(ctx, i, &ctx->tmp);
        if (cell.len && cell.len + 1 + ctx->tmp.len > WP_HIDDEN_CELL_CHARS) {
            hidden_put(h, r++, 0, cell.data);
            wp_buf_reset(&cell);
        }
        if (cell.len)
            wp_buf_addc(&cell, WP_HIDDEN_RECORD_SEP);
        wp_buf_add(&cell, ctx->tmp.data, ctx->tmp.len);
    }
    if (cell.len)
        hidden_put(h, r, 0, cell.data);
    wp_buf_release(&cell);
}

void wp_xlsx_hidden_write(struct wp_xlsx_ctx *ctx, lxw_worksheet *ws,
                          const struct wp_hidden_layout *layout, const char *const *values,
                          size_t n_records, wp_xlsx_record_fn record)
{
    const struct wp_hidden_format *f = &layout->formats[0];
    struct hidden h = {ctx, ws, WP_META_FINGERPRINT_SEED};
    hidden_put(&h, 0, 0, f->name);
    for (unsigned k = 0; k < layout->n_keys; k++) {
        hidden_put(&h, k + 1, 0, layout->keys[k]);
        hidden_put(&h, k + 1, 1, values[k]);
    }
    hidden_count(&h, layout->n_keys + 1, n_records);
    hidden_put(&h, f->fingerprint_row - 1, 0, "fingerprint");
    hidden_records(&h, f->first_record_row - 1, n_records, record);
    char hex[17];
    snprintf(hex, sizeof hex, "%016" PRIx64, h.fingerprint);
    wp_xlsx_string(ctx, ws, f->fingerprint_row - 1, 1, hex, NULL);
    worksheet_hide(ws);
    worksheet_protect(ws, NULL, NULL);
}
