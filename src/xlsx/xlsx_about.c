/* The About sheet: what the workbook is, for whom, how to fill it in and send it back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx/xlsx_internal.h"

static void fact(struct wp_xlsx_ctx *ctx, lxw_row_t r, enum wp_label label, const char *value)
{
    wp_xlsx_string(ctx, ctx->about, r, 0, wp_xlsx_label(ctx, label), ctx->fmt.label);
    wp_xlsx_string(ctx, ctx->about, r, 1, value, ctx->fmt.text);
}

/* A paragraph across A:B, its row tall enough for its wrapped lines. */
static void paragraph(struct wp_xlsx_ctx *ctx, lxw_row_t r, const char *s, lxw_format *f)
{
    if (ctx->failed)
        return;
    char *safe = wp_xstrdup(wp_xlsx_safe_text(s, 2000, &ctx->scratch, NULL));
    size_t chars = wp_utf8_length(safe, strlen(safe));
    unsigned lines = (unsigned)(chars / wp_xlsx_style.about_chars_per_row) + 1;
    wp_xlsx_check(ctx, worksheet_merge_range(ctx->about, r, 0, r, 1, safe, f), "a paragraph");
    free(safe);
    if (!ctx->failed && lines > 1)
        wp_xlsx_check(ctx,
                      worksheet_set_row(ctx->about, r,
                                        wp_xlsx_style.line_height * lines + wp_xlsx_style.row_pad,
                                        NULL),
                      "a row height");
}

/* One row per line of a catalogue paragraph, so each wraps on its own. */
static lxw_row_t steps_of(struct wp_xlsx_ctx *ctx, lxw_row_t r, enum wp_label label)
{
    const char *steps = wp_xlsx_label(ctx, label);
    while (*steps && !ctx->failed) {
        size_t n = strcspn(steps, "\n");
        wp_buf_reset(&ctx->tmp);
        wp_buf_add(&ctx->tmp, steps, n);
        wp_buf_addc(&ctx->tmp, '\0');
        if (n)
            paragraph(ctx, r++, ctx->tmp.data, ctx->fmt.wrap);
        steps += n + (steps[n] == '\n');
    }
    return r;
}

/* How to report measured indicators on their own sheet. */
static lxw_row_t indicators_part(struct wp_xlsx_ctx *ctx, lxw_row_t r)
{
    paragraph(ctx, r++, wp_xlsx_label(ctx, WP_L_IND_HOW_TO), ctx->fmt.heading);
    if (ctx->n_ind == 0)
        paragraph(ctx, r++, wp_xlsx_label(ctx, WP_L_IND_NONE_HERE), ctx->fmt.warn);
    r = steps_of(ctx, r, WP_L_IND_HOW_TO_STEPS);
    r++;
    struct wp_buf cols = WP_BUF_INIT;
    for (int c = 0; c < WP_ICOL_COUNT; c++) {
        if (wp_indicator_columns[c].role != WP_IND_EDITABLE)
            continue;
        if (cols.len)
            wp_buf_adds(&cols, ", ");
        wp_buf_adds(&cols, wp_xlsx_label(ctx, wp_indicator_columns[c].title));
    }
    fact(ctx, r++, WP_L_EDITABLE_COLUMNS, cols.data);
    wp_buf_release(&cols);
    return r + 1;
}

void wp_xlsx_sheet_about(struct wp_xlsx_ctx *ctx)
{
    const struct wp_plan *plan = ctx->plan;
    lxw_worksheet *ws = ctx->about;
    char buf[512], date[96];
    lxw_row_t r = 0;

    wp_xlsx_check(ctx, worksheet_set_column(ws, 0, 0, wp_xlsx_style.about_label_w, NULL),
                  "a column width");
    if (!ctx->failed)
        wp_xlsx_check(ctx,
                      worksheet_set_column(ws, 1, 1, wp_xlsx_style.about_text_w, ctx->fmt.wrap),
                      "a column width");
    worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);

    wp_xlsx_string(ctx, ws, r, 0, wp_xlsx_text(ctx, &plan->title), ctx->fmt.title);
    if (!ctx->failed)
        wp_xlsx_check(ctx, worksheet_set_row(ws, r, wp_xlsx_style.title_row_h, NULL),
                      "a row height");
    r++;
    if (wp_text_is_set(&plan->subtitle))
        wp_xlsx_string(ctx, ws, r++, 0, wp_xlsx_text(ctx, &plan->subtitle), ctx->fmt.subtitle);
    r++;

    fact(ctx, r++, WP_L_VERSION, plan->version);
    char from[16], to[16];
    snprintf(from, sizeof from, "%d", plan->period_from);
    snprintf(to, sizeof to, "%d", plan->period_to);
    const char *range[] = {from, to};
    wp_label_fill(buf, sizeof buf, wp_xlsx_label(ctx, WP_L_RANGE), range, 2);
    fact(ctx, r++, WP_L_PERIOD, buf);
    if (wp_date_is_valid(plan->adopted)) {
        wp_format_date(date, sizeof date, ctx->lang, plan->adopted);
        fact(ctx, r++, WP_L_ADOPTED, date);
    }
    wp_format_date(date, sizeof date, ctx->lang, ctx->build_date);
    fact(ctx, r++, WP_L_BUILD_DATE, date);
    r++;

    if (ctx->member) {
        const char *name[] = {wp_plan_ref_name(plan, ctx->member, ctx->lang)};
        wp_label_fill(buf, sizeof buf, wp_xlsx_label(ctx, WP_L_FOR_MEMBER), name, 1);
        paragraph(ctx, r++, buf, ctx->fmt.heading);
        if (ctx->n_rows == 0)
            paragraph(ctx, r++, wp_xlsx_label(ctx, WP_L_MEMBER_NO_ACTIVITIES), ctx->fmt.warn);
    } else {
        paragraph(ctx, r++, wp_xlsx_label(ctx, WP_L_FOR_ALL_MEMBERS), ctx->fmt.heading);
    }
    r++;

    paragraph(ctx, r++, wp_xlsx_label(ctx, WP_L_HOW_TO_FILL), ctx->fmt.heading);
    r = steps_of(ctx, r, WP_L_HOW_TO_FILL_STEPS);
    r++;

    struct wp_buf cols = WP_BUF_INIT;
    wp_buf_adds(&cols, "");
    for (int c = 0; c < WP_COL_COUNT; c++) {
        if (!wp_tracker_columns[c].editable)
            continue;
        if (cols.len)
            wp_buf_adds(&cols, ", ");
        wp_buf_adds(&cols, wp_xlsx_label(ctx, wp_tracker_columns[c].title));
    }
    fact(ctx, r++, WP_L_EDITABLE_COLUMNS, cols.data);
    wp_buf_release(&cols);
    r++;
    if (ctx->has_indicators)
        r = indicators_part(ctx, r);

    paragraph(ctx, r++, wp_xlsx_label(ctx, WP_L_LEGEND), ctx->fmt.heading);
    for (int s = 0; s < WP_STATUS_COUNT; s++) {
        wp_xlsx_string(ctx, ws, r, 0, wp_status_label(ctx->lang, (enum wp_status)s),
                       ctx->fmt.status_cell[s]);
        wp_xlsx_string(ctx, ws, r++, 1, wp_status_description(ctx->lang, (enum wp_status)s),
                       ctx->fmt.wrap);
    }
    wp_xlsx_string(ctx, ws, r, 0, wp_xlsx_label(ctx, WP_L_OVERDUE), ctx->fmt.overdue_cell);
    wp_xlsx_string(ctx, ws, r++, 1, wp_xlsx_label(ctx, WP_L_OVERDUE_DESCRIPTION), ctx->fmt.wrap);

    wp_xlsx_page_setup(ctx, ws, false);
    worksheet_protect(ws, NULL, &(lxw_protection){.format_columns = 1, .format_rows = 1});
}
