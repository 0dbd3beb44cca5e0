/* The Timeline sheet: a Gantt grid, one row per activity, one column per quarter of the period. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx/xlsx_internal.h"

#define FIRST_QUARTER_COL 3
#define MAX_QUARTERS 400 /* a century; past that the grid is unreadable anyway */

static void merge(struct wp_xlsx_ctx *ctx, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
                  const char *s, lxw_format *f)
{
    if (ctx->failed)
        return;
    char *safe = wp_xstrdup(wp_xlsx_safe_text(s, 255, &ctx->scratch, NULL));
    wp_xlsx_check(ctx, worksheet_merge_range(ctx->timeline, r1, c1, r2, c2, safe, f), "a header");
    free(safe);
}

/* "Q3" from the catalogue's "Q3 2022" template, so every language keeps its own letter. */
static void quarter_name(struct wp_xlsx_ctx *ctx, int q, char *buf, size_t size)
{
    char n[16];
    snprintf(n, sizeof n, "%d", q);
    const char *args[] = {n, ""};
    wp_label_fill(buf, size, wp_xlsx_label(ctx, WP_L_QUARTER_ABBR), args, 2);
    size_t len = strlen(buf);
    while (len && buf[len - 1] == ' ')
        buf[--len] = '\0';
    size_t lead = strspn(buf, " ");
    memmove(buf, buf + lead, len - lead + 1);
}

/* An activity's id, title and status, and its bar's first and last column (bars()). */
static void write_row(struct wp_xlsx_ctx *ctx, size_t i, int quarters)
{
    const struct wp_activity *a = ctx->rows[i];
    lxw_worksheet *ws = ctx->timeline;
    lxw_row_t r = (lxw_row_t)(2 + i);
    enum wp_status s = a->current.status < WP_STATUS_COUNT ? a->current.status : WP_STATUS_PLANNED;
    wp_xlsx_string(ctx, ws, r, 0, a->id, ctx->fmt.locked_text);
    wp_xlsx_string(ctx, ws, r, 1, wp_xlsx_text(ctx, &a->title), ctx->fmt.locked_text);
    wp_xlsx_string(ctx, ws, r, 2, wp_status_label(ctx->lang, s), ctx->fmt.status_cell[s]);
    struct wp_date first = wp_period_first_day(&a->start);
    struct wp_date last = wp_period_last_day(&a->end);
    if (!quarters || !wp_date_is_valid(first) || !wp_date_is_valid(last))
        return;
    int q0 = wp_date_quarter_index(ctx->plan->period_from, first);
    int q1 = wp_date_quarter_index(ctx->plan->period_from, last);
    if (q0 < 0)
        q0 = 0;
    if (q1 >= quarters)
        q1 = quarters - 1;
    if (q0 > q1)
        return;
    lxw_col_t bound = (lxw_col_t)(FIRST_QUARTER_COL + quarters);
    wp_xlsx_number(ctx, ws, r, bound, FIRST_QUARTER_COL + q0 + 1, NULL);
    wp_xlsx_number(ctx, ws, r, bound + 1, FIRST_QUARTER_COL + q1 + 1, NULL);
}

/*
 * The bars: per status, a conditional format over the grid that fills the
 * quarters from a row's first to its last, which two hidden columns after
 * the grid hold as column numbers. libxlsxwriter keeps every cell until
 * the workbook is closed: a formatted blank per active quarter was 43,000
 * cells at 5,000 activities, the bounds are 10,000. A row without bounds
 * (no valid dates) compares with blanks, as 0, and stays empty.
 */
static void bars(struct wp_xlsx_ctx *ctx, int quarters)
{
    if (!quarters || !ctx->n_rows || ctx->failed)
        return;
    lxw_worksheet *ws = ctx->timeline;
    lxw_col_t first = FIRST_QUARTER_COL, last = (lxw_col_t)(FIRST_QUARTER_COL + quarters - 1);
    lxw_row_col_options hide = {.hidden = 1};
    wp_xlsx_check(ctx, worksheet_set_column_opt(ws, last + 1, last + 2, 4, NULL, &hide),
                  "a column width");
    char status[4], lo[4], hi[4];
    wp_xlsx_col_name(2, status);
    wp_xlsx_col_name(last + 1, lo);
    wp_xlsx_col_name(last + 2, hi);
    for (int s = 0; s < WP_STATUS_COUNT && !ctx->failed; s++) {
        /* relative to the range's top-left cell, row 3 */
        wp_buf_reset(&ctx->tmp);
        wp_buf_addf(&ctx->tmp, "=AND($%s3=", status);
        wp_xlsx_add_formula_string(&ctx->tmp, wp_status_label(ctx->lang, (enum wp_status)s));
        wp_buf_addf(&ctx->tmp, ",COLUMN()>=$%s3,COLUMN()<=$%s3)", lo, hi);
        lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_FORMULA,
                                     .value_string = ctx->tmp.data,
                                     .format = ctx->fmt.gantt[s]};
        wp_xlsx_check(ctx,
                      worksheet_conditional_format_range(ws, 2, first, (lxw_row_t)(ctx->n_rows + 1),
                                                         last, &cf),
                      "a conditional format");
    }
}

void wp_xlsx_sheet_timeline(struct wp_xlsx_ctx *ctx)
{
    const struct wp_plan *plan = ctx->plan;
    lxw_worksheet *ws = ctx->timeline;
    int years = plan->period_from > 0 && plan->period_to >= plan->period_from
                    ? plan->period_to - plan->period_from + 1
                    : 0;
    int quarters = years * 4;
    if (quarters > MAX_QUARTERS)
        quarters = MAX_QUARTERS, years = MAX_QUARTERS / 4;

    wp_xlsx_check(ctx, worksheet_set_column(ws, 0, 0, wp_xlsx_style.timeline_id_w, NULL),
                  "a column width");
    if (!ctx->failed)
        wp_xlsx_check(ctx, worksheet_set_column(ws, 1, 1, wp_xlsx_style.timeline_title_w, NULL),
                      "a column width");
    if (!ctx->failed)
        wp_xlsx_check(ctx, worksheet_set_column(ws, 2, 2, wp_xlsx_style.timeline_status_w, NULL),
                      "a column width");
    if (quarters && !ctx->failed)
        wp_xlsx_check(ctx,
                      worksheet_set_column(ws, FIRST_QUARTER_COL,
                                           (lxw_col_t)(FIRST_QUARTER_COL + quarters - 1),
                                           wp_xlsx_style.timeline_quarter_w, ctx->fmt.gantt_empty),
                      "a column width");

    merge(ctx, 0, 0, 1, 0, wp_xlsx_label(ctx, WP_L_ID), ctx->fmt.header);
    merge(ctx, 0, 1, 1, 1, wp_xlsx_label(ctx, WP_L_TITLE), ctx->fmt.header);
    merge(ctx, 0, 2, 1, 2, wp_xlsx_label(ctx, WP_L_STATUS), ctx->fmt.header);
    for (int y = 0; y < years && !ctx->failed; y++) {
        char year[16];
        snprintf(year, sizeof year, "%d", plan->period_from + y);
        lxw_col_t c = (lxw_col_t)(FIRST_QUARTER_COL + 4 * y);
        merge(ctx, 0, c, 0, c + 3, year, ctx->fmt.year_header);
        for (int q = 0; q < 4; q++) {
            char name[64];
            quarter_name(ctx, q + 1, name, sizeof name);
            /* the build date's quarter stands out: "now", as the file sees it */
            bool now = plan->period_from + y == ctx->build_date.year &&
                       q == (ctx->build_date.month - 1) / 3;
            wp_xlsx_string(ctx, ws, 1, c + (lxw_col_t)q, name,
                           now ? ctx->fmt.quarter_now : ctx->fmt.quarter_header);
        }
    }

    for (size_t i = 0; i < ctx->n_rows && !ctx->failed; i++)
        write_row(ctx, i, quarters);
    bars(ctx, quarters);

    worksheet_freeze_panes(ws, 2, FIRST_QUARTER_COL);
    wp_xlsx_page_setup(ctx, ws, true);
    if (!ctx->failed)
        wp_xlsx_check(ctx, worksheet_repeat_rows(ws, 0, 1), "the print titles");
    worksheet_protect(ws, NULL, &(lxw_protection){.format_columns = 1, .format_rows = 1});
}
