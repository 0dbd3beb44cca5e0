/*
 * The Summary sheet: areas × statuses as COUNTIFS over the Tracker, so the
 * numbers follow what people type, each with its value computed here and
 * cached (LibreOffice shows the cache until it recalculates). Then a
 * stacked bar of status by area and a doughnut of the whole.
 */
#include <stdlib.h>
#include <string.h>

#include "xlsx/xlsx_internal.h"

#define HEADER_ROW 3
#define FIRST_ROW (HEADER_ROW + 1)
#define COL_TOTAL (1 + WP_STATUS_COUNT)
#define COL_AVG (COL_TOTAL + 1)
#define COL_IND (COL_AVG + 1) /* measured, reported, on track: when the plan measures */

/* Absolute range of a Tracker column over the data rows: 'Tracker'!$H$2:$H$11 */
static void add_range(struct wp_xlsx_ctx *ctx, struct wp_buf *b, enum wp_tracker_col c)
{
    char col[4];
    wp_xlsx_col_name((unsigned)c, col);
    size_t last = (ctx->n_rows ? ctx->n_rows : 1) + 1;
    wp_xlsx_add_sheet_ref(b, ctx->sheet_tracker);
    wp_buf_addf(b, "!$%s$2:$%s$%zu", col, col, last);
}

/* The COUNTIFS/AVERAGEIFS criteria matching an area's activity ids: "ECO-*" */
static void add_area_criteria(struct wp_buf *b, const struct wp_area *area)
{
    struct wp_buf lit = WP_BUF_INIT;
    wp_xlsx_add_criteria_literal(&lit, area->id ? area->id : "");
    wp_buf_adds(&lit, "-*");
    wp_xlsx_add_formula_string(b, lit.data);
    wp_buf_release(&lit);
}

static void write_counts(struct wp_xlsx_ctx *ctx, size_t (*counts)[WP_STATUS_COUNT],
                         const long *sums)
{
    const struct wp_plan *plan = ctx->plan;
    lxw_worksheet *ws = ctx->summary;
    struct wp_buf *f = &ctx->tmp;
    char first_col[4], last_col[4];
    wp_xlsx_col_name(1, first_col);
    wp_xlsx_col_name(WP_STATUS_COUNT, last_col);

    for (size_t a = 0; a < plan->n_areas && !ctx->failed; a++) {
        const struct wp_area *area = &plan->areas[a];
        lxw_row_t r = (lxw_row_t)(FIRST_ROW + a);
        wp_buf_reset(f);
        wp_buf_addf(f, "%s" WP_REPORTER_SEP "%s", area->id ? area->id : "",
                    wp_xlsx_text(ctx, &area->title));
        char *name = wp_xstrdup(f->data);
        wp_xlsx_string(ctx, ws, r, 0, name, ctx->fmt.area_label);
        /* long area titles wrap; give the row the lines they need */
        size_t chars = wp_utf8_length(name, strlen(name));
        size_t per_line = wp_xlsx_style.summary_area_chars;
        unsigned lines = (unsigned)((chars + per_line - 1) / per_line);
        if (lines > 1 && !ctx->failed)
            wp_xlsx_check(
                ctx,
                worksheet_set_row(ws, r, wp_xlsx_style.line_height * lines + wp_xlsx_style.row_pad,
                                  NULL),
                "a row height");
        free(name);

        size_t total = 0;
        for (int s = 0; s < WP_STATUS_COUNT; s++) {
            wp_buf_reset(f);
            wp_buf_adds(f, "=COUNTIFS(");
            add_range(ctx, f, WP_COL_ID);
            wp_buf_addc(f, ',');
            add_area_criteria(f, area);
            wp_buf_addc(f, ',');
            add_range(ctx, f, WP_COL_STATUS);
            wp_buf_addc(f, ',');
            /* "=label" matches the text exactly, whatever characters it holds */
            struct wp_buf lit = WP_BUF_INIT;
            wp_buf_addc(&lit, '=');
            wp_xlsx_add_criteria_literal(&lit, wp_status_label(ctx->lang, (enum wp_status)s));
            wp_xlsx_add_formula_string(f, lit.data);
            wp_buf_release(&lit);
            wp_buf_addc(f, ')');
            wp_xlsx_formula_num(ctx, ws, r, (lxw_col_t)(1 + s), f->data, ctx->fmt.count,
                                (double)counts[a][s]);
            total += counts[a][s];
        }
        wp_buf_reset(f);
        wp_buf_addf(f, "=SUM(%s%u:%s%u)", first_col, r + 1, last_col, r + 1);
        wp_xlsx_formula_num(ctx, ws, r, COL_TOTAL, f->data, ctx->fmt.count_total, (double)total);

        wp_buf_reset(f);
        wp_buf_adds(f, "=IFERROR(AVERAGEIFS(");
        add_range(ctx, f, WP_COL_PROGRESS);
        wp_buf_addc(f, ',');
        add_range(ctx, f, WP_COL_ID);
        wp_buf_addc(f, ',');
        add_area_criteria(f, area);
        wp_buf_adds(f, "),\"\")");
        if (total)
            wp_xlsx_formula_num(ctx, ws, r, COL_AVG, f->data, ctx->fmt.avg,
                                (double)sums[a] / (double)total);
        else
            wp_xlsx_formula_str(ctx, ws, r, COL_AVG, f->data, ctx->fmt.avg, "");
    }
}

static void write_totals(struct wp_xlsx_ctx *ctx, size_t (*counts)[WP_STATUS_COUNT],
                         lxw_row_t total_row)
{
    const struct wp_plan *plan = ctx->plan;
    lxw_worksheet *ws = ctx->summary;
    struct wp_buf *f = &ctx->tmp;
    wp_xlsx_string(ctx, ws, total_row, 0, wp_xlsx_label(ctx, WP_L_TOTAL), ctx->fmt.total_label);
    size_t grand = 0;
    long sum = 0;
    for (size_t i = 0; i < ctx->n_rows; i++)
        sum += ctx->rows[i]->current.progress;
    for (int c = 1; c <= COL_TOTAL; c++) {
        size_t v = 0;
        for (size_t a = 0; a < plan->n_areas; a++)
            v += c == COL_TOTAL ? 0 : counts[a][c - 1];
        if (c == COL_TOTAL)
            v = grand;
        else
            grand += v;
        char col[4];
        wp_xlsx_col_name((unsigned)c, col);
        wp_buf_reset(f);
        wp_buf_addf(f, "=SUM(%s%d:%s%u)", col, FIRST_ROW + 1, col, total_row);
        wp_xlsx_formula_num(ctx, ws, total_row, (lxw_col_t)c, f->data, ctx->fmt.count_total,
                            (double)v);
    }
    wp_buf_reset(f);
    wp_buf_adds(f, "=IFERROR(AVERAGE(");
    add_range(ctx, f, WP_COL_PROGRESS);
    wp_buf_adds(f, "),\"\")");
    if (ctx->n_rows)
        wp_xlsx_formula_num(ctx, ws, total_row, COL_AVG, f->data, ctx->fmt.avg_total,
                            (double)sum / (double)ctx->n_rows);
    else
        wp_xlsx_formula_str(ctx, ws, total_row, COL_AVG, f->data, ctx->fmt.avg_total, "");
}

/* Per area: measured indicators, how many reported (a number), how many on track. */
struct ind_counts {
    size_t n[3];
};

/* COUNTIFS over the Indicators sheet: the area's rows, and for k > 0 its On track column. */
static void add_ind_formula(struct wp_xlsx_ctx *ctx, struct wp_buf *f, const struct wp_area *area,
                            int k)
{
    wp_buf_reset(f);
    wp_buf_adds(f, "=COUNTIFS(");
    wp_xlsx_add_ind_range(ctx, f, WP_ICOL_REF);
    wp_buf_addc(f, ',');
    add_area_criteria(f, area);
    if (k > 0) {
        /* reported: On track is a number (1 or 0) exactly when the value is one */
        wp_buf_addc(f, ',');
        wp_xlsx_add_ind_range(ctx, f, WP_ICOL_ON_TRACK);
        wp_buf_adds(f, k == 1 ? ",\">=0\"" : ",1");
    }
    wp_buf_addc(f, ')');
}

static void write_indicator_counts(struct wp_xlsx_ctx *ctx, lxw_row_t total_row)
{
    const struct wp_plan *plan = ctx->plan;
    lxw_worksheet *ws = ctx->summary;
    static const enum wp_label titles[3] = {WP_L_RES_MEASURED, WP_L_RES_REPORTED,
                                            WP_L_RES_ON_TRACK_COL};
    for (int k = 0; k < 3; k++)
        wp_xlsx_string(ctx, ws, HEADER_ROW, (lxw_col_t)(COL_IND + k), wp_xlsx_label(ctx, titles[k]),
                       ctx->fmt.header);
    struct ind_counts *counts = wp_xcalloc(plan->n_areas ? plan->n_areas : 1, sizeof *counts);
    for (size_t i = 0; i < ctx->n_ind; i++) {
        const struct wp_indicator *ind = ctx->ind_rows[i];
        const struct wp_area *area = ind->activity ? ind->activity->area : NULL;
        if (!area || area->index >= plan->n_areas)
            continue;
        counts[area->index].n[0]++;
        counts[area->index].n[1] += ind->has_value;
        counts[area->index].n[2] += wp_indicator_on_track(ind, ctx->build_date);
    }
    size_t totals[3] = {0, 0, 0};
    for (size_t a = 0; a < plan->n_areas && !ctx->failed; a++) {
        for (int k = 0; k < 3; k++) {
            add_ind_formula(ctx, &ctx->tmp, &plan->areas[a], k);
            wp_xlsx_formula_num(ctx, ws, (lxw_row_t)(FIRST_ROW + a), (lxw_col_t)(COL_IND + k),
                                ctx->tmp.data, ctx->fmt.count, (double)counts[a].n[k]);
            totals[k] += counts[a].n[k];
        }
    }
    for (int k = 0; k < 3; k++) {
        char col[4];
        wp_xlsx_col_name((unsigned)(COL_IND + k), col);
        wp_buf_reset(&ctx->tmp);
        wp_buf_addf(&ctx->tmp, "=SUM(%s%d:%s%u)", col, FIRST_ROW + 1, col, total_row);
        wp_xlsx_formula_num(ctx, ws, total_row, (lxw_col_t)(COL_IND + k), ctx->tmp.data,
                            ctx->fmt.count_total, (double)totals[k]);
    }
    free(counts);
}

static lxw_chart *new_chart(struct wp_xlsx_ctx *ctx, uint8_t type, enum wp_label title)
{
    if (ctx->failed)
        return NULL;
    lxw_chart *chart = workbook_add_chart(ctx->wb, type);
    if (!chart) {
        wp_xlsx_fail(ctx, "cannot add chart", wp_xlsx_label(ctx, title));
        return NULL;
    }
    char *name = wp_xstrdup(wp_xlsx_safe_text(wp_xlsx_label(ctx, title), 255, &ctx->scratch, NULL));
    chart_title_set_name(chart, name);
    free(name);
    return chart;
}

static void add_charts(struct wp_xlsx_ctx *ctx, lxw_row_t total_row, size_t max_total)
{
    const struct wp_plan *plan = ctx->plan;
    const char *sheet = ctx->sheet_summary;
    lxw_row_t last_area = (lxw_row_t)(FIRST_ROW + plan->n_areas - 1);

    lxw_chart *bar = new_chart(ctx, LXW_CHART_BAR_STACKED, WP_L_CHART_STATUS_BY_AREA);
    for (int s = 0; bar && s < WP_STATUS_COUNT && !ctx->failed; s++) {
        lxw_chart_series *series = chart_add_series(bar, NULL, NULL);
        if (!series) {
            wp_xlsx_fail(ctx, "cannot add chart series",
                         wp_xlsx_label(ctx, WP_L_CHART_STATUS_BY_AREA));
            return;
        }
        chart_series_set_categories(series, sheet, FIRST_ROW, 0, last_area, 0);
        chart_series_set_values(series, sheet, FIRST_ROW, (lxw_col_t)(1 + s), last_area,
                                (lxw_col_t)(1 + s));
        chart_series_set_name_range(series, sheet, HEADER_ROW, (lxw_col_t)(1 + s));
        lxw_chart_fill fill = {.color = wp_xlsx_status_colors[s].solid};
        chart_series_set_fill(series, &fill);
    }
    if (bar) {
        /* areas top to bottom in plan order, as in the table */
        /* in a bar chart y is the category axis; counts are whole numbers */
        chart_axis_set_reverse(bar->y_axis);
        chart_axis_set_crossing_max(bar->y_axis);
        chart_axis_set_num_format(bar->x_axis, "0");
        /* an area's total never changes as statuses are edited, so this scale always fits */
        chart_axis_set_min(bar->x_axis, 0);
        chart_axis_set_max(bar->x_axis, (double)(max_total ? max_total : 1));
        chart_legend_set_position(bar, LXW_CHART_LEGEND_BOTTOM);
        lxw_chart_options where = {.x_scale = 1.5, .y_scale = 1.3};
        if (!ctx->failed)
            wp_xlsx_check(ctx,
                          worksheet_insert_chart_opt(ctx->summary, total_row + 2, 0, bar, &where),
                          "a chart");
    }

    lxw_chart *ring = new_chart(ctx, LXW_CHART_DOUGHNUT, WP_L_CHART_ALL);
    if (!ring)
        return;
    lxw_chart_series *series = chart_add_series(ring, NULL, NULL);
    if (!series) {
        wp_xlsx_fail(ctx, "cannot add chart series", wp_xlsx_label(ctx, WP_L_CHART_ALL));
        return;
    }
    chart_series_set_categories(series, sheet, HEADER_ROW, 1, HEADER_ROW, WP_STATUS_COUNT);
    chart_series_set_values(series, sheet, total_row, 1, total_row, WP_STATUS_COUNT);
    lxw_chart_fill fills[WP_STATUS_COUNT];
    lxw_chart_point points[WP_STATUS_COUNT];
    lxw_chart_point *point_ptrs[WP_STATUS_COUNT + 1];
    for (int s = 0; s < WP_STATUS_COUNT; s++) {
        fills[s] = (lxw_chart_fill){.color = wp_xlsx_status_colors[s].solid};
        points[s] = (lxw_chart_point){.fill = &fills[s]};
        point_ptrs[s] = &points[s];
    }
    point_ptrs[WP_STATUS_COUNT] = NULL;
    if (!wp_xlsx_check(ctx, chart_series_set_points(series, point_ptrs), "chart colours"))
        return;
    chart_legend_set_position(ring, LXW_CHART_LEGEND_RIGHT);
    lxw_chart_options where = {.x_scale = 1.0, .y_scale = 1.3};
    wp_xlsx_check(ctx, worksheet_insert_chart_opt(ctx->summary, total_row + 2, 5, ring, &where),
                  "a chart");
}

static void set_widths(struct wp_xlsx_ctx *ctx)
{
    lxw_worksheet *ws = ctx->summary;
    wp_xlsx_check(ctx, worksheet_set_column(ws, 0, 0, wp_xlsx_style.summary_area_w, NULL),
                  "a column width");
    if (!ctx->failed)
        wp_xlsx_check(ctx,
                      worksheet_set_column(ws, 1, COL_TOTAL, wp_xlsx_style.summary_count_w, NULL),
                      "a column width");
    if (!ctx->failed)
        wp_xlsx_check(ctx,
                      worksheet_set_column(ws, COL_AVG, COL_AVG, wp_xlsx_style.summary_avg_w, NULL),
                      "a column width");
    if (!ctx->failed && ctx->has_indicators)
        wp_xlsx_check(
            ctx, worksheet_set_column(ws, COL_IND, COL_IND + 2, wp_xlsx_style.summary_ind_w, NULL),
            "a column width");
}

void wp_xlsx_sheet_summary(struct wp_xlsx_ctx *ctx)
{
    const struct wp_plan *plan = ctx->plan;
    lxw_worksheet *ws = ctx->summary;
    size_t n_areas = plan->n_areas;
    size_t(*counts)[WP_STATUS_COUNT] = wp_xcalloc(n_areas ? n_areas : 1, sizeof *counts);
    long *sums = wp_xcalloc(n_areas ? n_areas : 1, sizeof *sums);
    size_t *totals = wp_xcalloc(n_areas ? n_areas : 1, sizeof *totals);
    size_t max_total = 0;
    for (size_t i = 0; i < ctx->n_rows; i++) {
        const struct wp_activity *a = ctx->rows[i];
        if (!a->area || a->area->index >= n_areas || a->current.status >= WP_STATUS_COUNT)
            continue;
        counts[a->area->index][a->current.status]++;
        if (++totals[a->area->index] > max_total)
            max_total = totals[a->area->index];
        sums[a->area->index] += a->current.progress;
    }

    set_widths(ctx);

    wp_xlsx_string(ctx, ws, 0, 0, wp_xlsx_label(ctx, WP_L_STATUS_BY_AREA), ctx->fmt.title);
    if (!ctx->failed)
        wp_xlsx_check(ctx, worksheet_set_row(ws, 0, wp_xlsx_style.title_row_h, NULL),
                      "a row height");
    char date[96], line[256];
    wp_format_date(date, sizeof date, ctx->lang, ctx->build_date);
    const char *args[] = {date};
    wp_label_fill(line, sizeof line, wp_xlsx_label(ctx, WP_L_AS_OF), args, 1);
    wp_xlsx_string(ctx, ws, 1, 0, line, ctx->fmt.subtitle);

    wp_xlsx_string(ctx, ws, HEADER_ROW, 0, wp_xlsx_label(ctx, WP_L_AREA), ctx->fmt.header);
    for (int s = 0; s < WP_STATUS_COUNT; s++)
        wp_xlsx_string(ctx, ws, HEADER_ROW, (lxw_col_t)(1 + s),
                       wp_status_label(ctx->lang, (enum wp_status)s), ctx->fmt.header);
    wp_xlsx_string(ctx, ws, HEADER_ROW, COL_TOTAL, wp_xlsx_label(ctx, WP_L_TOTAL), ctx->fmt.header);
    wp_xlsx_string(ctx, ws, HEADER_ROW, COL_AVG, wp_xlsx_label(ctx, WP_L_AVERAGE_PROGRESS),
                   ctx->fmt.header);
    if (!ctx->failed)
        wp_xlsx_check(ctx, worksheet_set_row(ws, HEADER_ROW, wp_xlsx_style.header_row_h, NULL),
                      "a row height");

    write_counts(ctx, counts, sums);
    lxw_row_t total_row = (lxw_row_t)(FIRST_ROW + n_areas);
    write_totals(ctx, counts, total_row);
    if (ctx->has_indicators)
        write_indicator_counts(ctx, total_row);
    if (n_areas)
        add_charts(ctx, total_row, max_total);
    free(counts);
    free(sums);
    free(totals);

    wp_xlsx_page_setup(ctx, ws, true);
    worksheet_protect(ws, NULL, &(lxw_protection){.format_columns = 1, .format_rows = 1});
}
