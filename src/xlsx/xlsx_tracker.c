/*
 * The Tracker sheet: one row per activity in an Excel table. Locked
 * columns describe the activity; the editable ones (columns.h) carry
 * drop-downs and checks, and the sheet is protected around them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx/xlsx_sheet.h"

static const size_t formats[WP_COL_COUNT] = {
    [WP_COL_ID] = WP_XLSX_FORMAT(locked_text),        [WP_COL_AREA] = WP_XLSX_FORMAT(locked_wrap),
    [WP_COL_TITLE] = WP_XLSX_FORMAT(locked_wrap),     [WP_COL_LEAD] = WP_XLSX_FORMAT(locked_wrap),
    [WP_COL_PARTNERS] = WP_XLSX_FORMAT(locked_wrap),  [WP_COL_START] = WP_XLSX_FORMAT(locked_date),
    [WP_COL_END] = WP_XLSX_FORMAT(locked_date),       [WP_COL_STATUS] = WP_XLSX_FORMAT(edit_status),
    [WP_COL_PROGRESS] = WP_XLSX_FORMAT(edit_int),     [WP_COL_UPDATED] = WP_XLSX_FORMAT(edit_date),
    [WP_COL_REPORTED_BY] = WP_XLSX_FORMAT(edit_text), [WP_COL_NOTE] = WP_XLSX_FORMAT(edit_wrap),
};

static lxw_format *cell_format(const struct wp_xlsx_ctx *ctx, unsigned c)
{
    return wp_xlsx_format_at(ctx, formats[c]);
}

/* The editable cells as written, as a reader shows them, for the hidden sheet. */
static void edit_fingerprint(struct wp_xlsx_ctx *ctx, size_t i, const char *note, struct wp_buf *t)
{
    const struct wp_current *cur = &ctx->rows[i]->current;
    const char *values[WP_COL_COUNT] = {0};
    char progress[32], updated[11] = "";
    wp_number_str(cur->progress, progress);
    if (wp_date_is_valid(cur->updated))
        wp_date_iso(cur->updated, updated);
    values[WP_COL_STATUS] = wp_status_label(ctx->lang, cur->status);
    values[WP_COL_PROGRESS] = progress;
    values[WP_COL_UPDATED] = updated;
    if (cur->reported_by)
        wp_xlsx_reporter_entry(ctx, &ctx->tmp, cur->reported_by);
    values[WP_COL_REPORTED_BY] =
        wp_xlsx_keep(ctx, &t[WP_COL_REPORTED_BY], cur->reported_by ? ctx->tmp.data : "");
    values[WP_COL_NOTE] = wp_xlsx_keep(ctx, &t[WP_COL_NOTE], note);
    ctx->edit_fingerprints[i] = wp_tracker_edit_fingerprint(values);
}

static void write_row(struct wp_xlsx_ctx *ctx, size_t i, struct wp_buf *t)
{
    const struct wp_activity *a = ctx->rows[i];
    lxw_worksheet *ws = ctx->tracker;
    lxw_row_t r = (lxw_row_t)(i + 1);
    struct wp_date start = wp_period_first_day(&a->start);
    struct wp_date end = wp_period_last_day(&a->end);
    char iso[2][11] = {"", ""};
    if (wp_date_is_valid(start))
        wp_date_iso(start, iso[0]);
    if (wp_date_is_valid(end))
        wp_date_iso(end, iso[1]);

    const char *values[WP_COL_COUNT] = {0};
    values[WP_COL_ID] = wp_xlsx_keep(ctx, &t[WP_COL_ID], a->id);
    values[WP_COL_AREA] =
        wp_xlsx_keep(ctx, &t[WP_COL_AREA], a->area ? wp_xlsx_text(ctx, &a->area->title) : "");
    values[WP_COL_TITLE] = wp_xlsx_keep(ctx, &t[WP_COL_TITLE], wp_xlsx_text(ctx, &a->title));
    wp_xlsx_join_names(ctx, &ctx->tmp, &a->lead);
    values[WP_COL_LEAD] = wp_xlsx_keep(ctx, &t[WP_COL_LEAD], ctx->tmp.data);
    wp_xlsx_join_names(ctx, &ctx->tmp, &a->partners);
    values[WP_COL_PARTNERS] = wp_xlsx_keep(ctx, &t[WP_COL_PARTNERS], ctx->tmp.data);
    values[WP_COL_START] = iso[0];
    values[WP_COL_END] = iso[1];
    ctx->fingerprints[i] = wp_tracker_fingerprint(values);

    for (int c = WP_COL_ID; c <= WP_COL_PARTNERS; c++)
        wp_xlsx_string(ctx, ws, r, (lxw_col_t)c, values[c], cell_format(ctx, c));
    wp_xlsx_date(ctx, ws, r, WP_COL_START, start, cell_format(ctx, WP_COL_START));
    wp_xlsx_date(ctx, ws, r, WP_COL_END, end, cell_format(ctx, WP_COL_END));

    const struct wp_current *cur = &a->current;
    wp_xlsx_string(ctx, ws, r, WP_COL_STATUS, wp_status_label(ctx->lang, cur->status),
                   cell_format(ctx, WP_COL_STATUS));
    wp_xlsx_number(ctx, ws, r, WP_COL_PROGRESS, cur->progress, cell_format(ctx, WP_COL_PROGRESS));
    wp_xlsx_date(ctx, ws, r, WP_COL_UPDATED, cur->updated, cell_format(ctx, WP_COL_UPDATED));
    if (cur->reported_by) {
        wp_xlsx_reporter_entry(ctx, &ctx->tmp, cur->reported_by);
        wp_xlsx_string(ctx, ws, r, WP_COL_REPORTED_BY, ctx->tmp.data,
                       cell_format(ctx, WP_COL_REPORTED_BY));
    } else {
        wp_xlsx_blank(ctx, ws, r, WP_COL_REPORTED_BY, cell_format(ctx, WP_COL_REPORTED_BY));
    }
    const char *note = wp_text_is_set(&cur->note) ? wp_xlsx_text(ctx, &cur->note) : "";
    wp_xlsx_string(ctx, ws, r, WP_COL_NOTE, note, cell_format(ctx, WP_COL_NOTE));
    edit_fingerprint(ctx, i, note, t);

    /* an explicit height, so wrapped text shows whole in readers that do not autofit */
    static const enum wp_tracker_col wrapped[] = {WP_COL_AREA, WP_COL_TITLE, WP_COL_LEAD,
                                                  WP_COL_PARTNERS, WP_COL_NOTE};
    const char *texts[5];
    double widths[5];
    for (size_t k = 0; k < 5; k++) {
        enum wp_tracker_col c = wrapped[k];
        texts[k] = c == WP_COL_NOTE ? note : values[c];
        widths[k] = wp_tracker_columns[c].width;
    }
    wp_xlsx_row_height(ctx, ws, r, texts, widths, 5);
}

/* Status and reporter from the lists, progress 0..100, dates in the plan's period. */
static unsigned checks(struct wp_xlsx_ctx *ctx, struct wp_xlsx_check *k, char *buf, size_t size)
{
    /* libxlsxwriter's fields are not const: the formulas are writable copies in buf */
    char *status_list = buf, *member_list = buf + sizeof("=" WP_NAME_STATUS_LIST);
    char *msg = member_list + sizeof("=" WP_NAME_MEMBER_LIST);
    snprintf(status_list, sizeof("=" WP_NAME_STATUS_LIST), "=%s", WP_NAME_STATUS_LIST);
    snprintf(member_list, sizeof("=" WP_NAME_MEMBER_LIST), "=%s", WP_NAME_MEMBER_LIST);
    k[0] = (struct wp_xlsx_check){
        WP_COL_STATUS,
        {.validate = LXW_VALIDATION_TYPE_LIST_FORMULA, .value_formula = status_list},
        wp_xlsx_label(ctx, WP_L_VALIDATE_STATUS)};
    k[1] = (struct wp_xlsx_check){WP_COL_PROGRESS,
                                  {.validate = LXW_VALIDATION_TYPE_INTEGER,
                                   .criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
                                   .minimum_number = 0,
                                   .maximum_number = 100},
                                  wp_xlsx_label(ctx, WP_L_VALIDATE_PROGRESS)};
    k[2] = wp_xlsx_date_check(ctx, WP_COL_UPDATED, msg, size - (size_t)(msg - buf));
    k[3] = (struct wp_xlsx_check){
        WP_COL_REPORTED_BY,
        {.validate = LXW_VALIDATION_TYPE_LIST_FORMULA, .value_formula = member_list},
        wp_xlsx_label(ctx, WP_L_VALIDATE_REPORTER)};
    return 4;
}

static void add_conditional_formats(struct wp_xlsx_ctx *ctx, lxw_row_t last)
{
    lxw_worksheet *ws = ctx->tracker;
    /* status colours first: earlier rules take priority over the overdue row fill */
    for (int s = 0; s < WP_STATUS_COUNT && !ctx->failed; s++) {
        wp_buf_reset(&ctx->tmp);
        wp_xlsx_add_formula_string(&ctx->tmp, wp_status_label(ctx->lang, (enum wp_status)s));
        lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                     .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
                                     .value_string = ctx->tmp.data,
                                     .format = ctx->fmt.status_cf[s]};
        wp_xlsx_check(
            ctx, worksheet_conditional_format_range(ws, 1, WP_COL_STATUS, last, WP_COL_STATUS, &cf),
            "a conditional format");
    }
    lxw_conditional_format bar = {.type = LXW_CONDITIONAL_DATA_BAR,
                                  .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
                                  .min_value = 0,
                                  .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
                                  .max_value = 100,
                                  /* a 2007 bar: the 2010 extension warns in openpyxl */
                                  .bar_color = wp_xlsx_status_colors[WP_STATUS_ONGOING].solid};
    if (!ctx->failed)
        wp_xlsx_check(
            ctx,
            worksheet_conditional_format_range(ws, 1, WP_COL_PROGRESS, last, WP_COL_PROGRESS, &bar),
            "a conditional format");

    /*
     * Overdue against the build date, not TODAY(), so the file says what the
     * booklet says; over the locked columns only, so the editable ones stay
     * white and the status keeps its colour.
     */
    char end_col[4], status_col[4];
    wp_xlsx_col_name(WP_COL_END, end_col);
    wp_xlsx_col_name(WP_COL_STATUS, status_col);
    wp_buf_reset(&ctx->tmp);
    wp_buf_addf(&ctx->tmp, "=AND($%s2<>\"\",$%s2<DATE(%d,%d,%d)", end_col, end_col,
                ctx->build_date.year, ctx->build_date.month, ctx->build_date.day);
    static const enum wp_status done[] = {WP_STATUS_COMPLETED, WP_STATUS_CANCELLED};
    for (size_t k = 0; k < 2; k++) {
        wp_buf_addf(&ctx->tmp, ",$%s2<>", status_col);
        wp_xlsx_add_formula_string(&ctx->tmp, wp_status_label(ctx->lang, done[k]));
    }
    wp_buf_addc(&ctx->tmp, ')');
    lxw_conditional_format overdue = {.type = LXW_CONDITIONAL_TYPE_FORMULA,
                                      .value_string = ctx->tmp.data,
                                      .format = ctx->fmt.overdue_cf};
    if (!ctx->failed)
        wp_xlsx_check(ctx, worksheet_conditional_format_range(ws, 1, 0, last, WP_COL_END, &overdue),
                      "a conditional format");
}

static struct wp_xlsx_col column(unsigned c)
{
    const struct wp_tracker_column *t = &wp_tracker_columns[c];
    return (struct wp_xlsx_col){t->title, t->width, t->editable};
}

/* table, its name in messages, columns, then how to write them (xlsx_sheet.h) */
static const struct wp_xlsx_sheet_desc tracker_sheet = {
    WP_TRACKER_TABLE, "the tracker table", WP_COL_COUNT, column,
    formats,          write_row,           checks,       add_conditional_formats};

void wp_xlsx_sheet_tracker(struct wp_xlsx_ctx *ctx)
{
    size_t n = ctx->n_rows ? ctx->n_rows : 1;
    ctx->fingerprints = wp_xcalloc(n, sizeof *ctx->fingerprints);
    ctx->edit_fingerprints = wp_xcalloc(n, sizeof *ctx->edit_fingerprints);
    wp_xlsx_sheet_write(ctx, &tracker_sheet, ctx->tracker, ctx->n_rows);
}
