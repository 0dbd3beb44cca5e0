/*
 * The Indicators sheet: one row per measured indicator of the activities
 * in the workbook, in an Excel table like the Tracker's. What the plan
 * says of the indicator is locked; value, date and note are for the
 * ministries (columns.h). Expected and On track follow the model's rule
 * (wp_indicator_expected_share, wp_indicator_on_track) so the workbook
 * judges a typed value as the booklet will.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx/xlsx_sheet.h"

#define VALUE_LIMIT 1e15 /* the progress file keeps 15 significant digits */

void wp_xlsx_select_indicators(struct wp_xlsx_ctx *ctx)
{
    const struct wp_plan *plan = ctx->plan;
    ctx->has_indicators = false;
    for (size_t i = 0; i < plan->n_activities && !ctx->has_indicators; i++)
        ctx->has_indicators = plan->activities[i]->n_measured > 0;
    size_t n = 0;
    for (size_t i = 0; i < ctx->n_rows; i++)
        n += ctx->rows[i]->n_measured;
    ctx->ind_rows = wp_xcalloc(n ? n : 1, sizeof *ctx->ind_rows);
    ctx->ind_fingerprints = wp_xcalloc(n ? n : 1, sizeof *ctx->ind_fingerprints);
    ctx->n_ind = 0;
    for (size_t i = 0; i < ctx->n_rows; i++)
        for (size_t k = 0; k < ctx->rows[i]->n_measured; k++)
            if (ctx->rows[i]->measured[k].id)
                ctx->ind_rows[ctx->n_ind++] = &ctx->rows[i]->measured[k];
}

void wp_xlsx_add_ind_range(struct wp_xlsx_ctx *ctx, struct wp_buf *b, enum wp_ind_col c)
{
    char col[4];
    wp_xlsx_col_name((unsigned)c, col);
    size_t last = (ctx->n_ind ? ctx->n_ind : 1) + 1;
    wp_xlsx_add_sheet_ref(b, ctx->sheet_indicators);
    wp_buf_addf(b, "!$%s$2:$%s$%zu", col, col, last);
}

/* A number as the cell will hold it: no negative zero (the reader would print "-0"). */
static double plain(double v)
{
    return v == 0 ? 0 : v;
}

/*
 * The value the target calls for on the build date, to two decimals: it is
 * for reading; On track compares with the share of time itself.
 */
static double expected_value(const struct wp_xlsx_ctx *ctx, const struct wp_indicator *ind)
{
    double share = wp_indicator_expected_share(ind, ctx->build_date);
    double v = ind->baseline + share * (ind->target - ind->baseline);
    char num[32];
    wp_number_str(round(v * 100) / 100, num);
    return plain(strtod(num, NULL));
}

static const size_t formats[WP_ICOL_COUNT] = {
    [WP_ICOL_REF] = WP_XLSX_FORMAT(locked_text),
    [WP_ICOL_ACTIVITY] = WP_XLSX_FORMAT(locked_wrap),
    [WP_ICOL_TEXT] = WP_XLSX_FORMAT(locked_wrap),
    [WP_ICOL_UNIT] = WP_XLSX_FORMAT(locked_wrap),
    [WP_ICOL_BASELINE] = WP_XLSX_FORMAT(locked_num),
    [WP_ICOL_TARGET] = WP_XLSX_FORMAT(locked_num),
    [WP_ICOL_BY] = WP_XLSX_FORMAT(locked_date),
    [WP_ICOL_EXPECTED] = WP_XLSX_FORMAT(locked_num),
    [WP_ICOL_VALUE] = WP_XLSX_FORMAT(edit_num),
    [WP_ICOL_DATE] = WP_XLSX_FORMAT(edit_date),
    [WP_ICOL_NOTE] = WP_XLSX_FORMAT(edit_wrap),
    [WP_ICOL_ON_TRACK] = WP_XLSX_FORMAT(on_track),
};

static lxw_format *cell_format(const struct wp_xlsx_ctx *ctx, unsigned c)
{
    return wp_xlsx_format_at(ctx, formats[c]);
}

/*
 * On track, as wp_indicator_on_track: the way from baseline to target
 * covered (in either direction) is at least the share of the time elapsed
 * by the build date, with the model's tolerance. Blank until a value is
 * a number, so the Summary counts only reported indicators.
 */
static void on_track_cell(struct wp_xlsx_ctx *ctx, const struct wp_indicator *ind, lxw_row_t r)
{
    char v[4], b[4], t[4];
    wp_xlsx_col_name(WP_ICOL_VALUE, v);
    wp_xlsx_col_name(WP_ICOL_BASELINE, b);
    wp_xlsx_col_name(WP_ICOL_TARGET, t);
    unsigned n = r + 1;
    wp_buf_reset(&ctx->tmp);
    wp_buf_addf(&ctx->tmp, "=IF(ISNUMBER(%s%u),IF((%s%u-%s%u)/(%s%u-%s%u)+1E-9>=%.17g,1,0),\"\")",
                v, n, v, n, b, n, t, n, b, n, wp_indicator_expected_share(ind, ctx->build_date));
    lxw_format *f = cell_format(ctx, WP_ICOL_ON_TRACK);
    if (ind->has_value)
        wp_xlsx_formula_num(ctx, ctx->indicators, r, WP_ICOL_ON_TRACK, ctx->tmp.data, f,
                            wp_indicator_on_track(ind, ctx->build_date) ? 1 : 0);
    else
        wp_xlsx_formula_str(ctx, ctx->indicators, r, WP_ICOL_ON_TRACK, ctx->tmp.data, f, "");
}

static void write_row(struct wp_xlsx_ctx *ctx, size_t i, struct wp_buf *t)
{
    const struct wp_indicator *ind = ctx->ind_rows[i];
    const struct wp_activity *a = ind->activity;
    lxw_worksheet *ws = ctx->indicators;
    lxw_row_t r = (lxw_row_t)(i + 1);
    struct wp_date by = wp_period_last_day(&ind->by);
    char nums[2][32], iso[11] = "";
    wp_number_str(plain(ind->baseline), nums[0]);
    wp_number_str(plain(ind->target), nums[1]);
    if (wp_date_is_valid(by))
        wp_date_iso(by, iso);

    const char *values[WP_ICOL_COUNT] = {0};
    wp_buf_reset(&ctx->tmp);
    wp_buf_addf(&ctx->tmp, "%s/%s", a && a->id ? a->id : "", ind->id);
    values[WP_ICOL_REF] = wp_xlsx_keep(ctx, &t[WP_ICOL_REF], ctx->tmp.data);
    values[WP_ICOL_ACTIVITY] =
        wp_xlsx_keep(ctx, &t[WP_ICOL_ACTIVITY], a ? wp_xlsx_text(ctx, &a->title) : "");
    values[WP_ICOL_TEXT] = wp_xlsx_keep(ctx, &t[WP_ICOL_TEXT], wp_xlsx_text(ctx, &ind->text));
    values[WP_ICOL_UNIT] = wp_xlsx_keep(ctx, &t[WP_ICOL_UNIT], wp_xlsx_text(ctx, &ind->unit));
    values[WP_ICOL_BASELINE] = nums[0];
    values[WP_ICOL_TARGET] = nums[1];
    values[WP_ICOL_BY] = iso;
    ctx->ind_fingerprints[i] = wp_indicator_fingerprint(values);

    for (int c = WP_ICOL_REF; c <= WP_ICOL_UNIT; c++)
        wp_xlsx_string(ctx, ws, r, (lxw_col_t)c, values[c], cell_format(ctx, c));
    wp_xlsx_number(ctx, ws, r, WP_ICOL_BASELINE, plain(ind->baseline),
                   cell_format(ctx, WP_ICOL_BASELINE));
    wp_xlsx_number(ctx, ws, r, WP_ICOL_TARGET, plain(ind->target),
                   cell_format(ctx, WP_ICOL_TARGET));
    wp_xlsx_date(ctx, ws, r, WP_ICOL_BY, by, cell_format(ctx, WP_ICOL_BY));
    wp_xlsx_number(ctx, ws, r, WP_ICOL_EXPECTED, expected_value(ctx, ind),
                   cell_format(ctx, WP_ICOL_EXPECTED));
    if (ind->has_value) {
        wp_xlsx_number(ctx, ws, r, WP_ICOL_VALUE, plain(ind->value),
                       cell_format(ctx, WP_ICOL_VALUE));
        wp_xlsx_date(ctx, ws, r, WP_ICOL_DATE, ind->value_date, cell_format(ctx, WP_ICOL_DATE));
    } else {
        wp_xlsx_blank(ctx, ws, r, WP_ICOL_VALUE, cell_format(ctx, WP_ICOL_VALUE));
        wp_xlsx_blank(ctx, ws, r, WP_ICOL_DATE, cell_format(ctx, WP_ICOL_DATE));
    }
    /* a note goes with a new value; the activity's latest note is on the Tracker */
    wp_xlsx_blank(ctx, ws, r, WP_ICOL_NOTE, cell_format(ctx, WP_ICOL_NOTE));
    on_track_cell(ctx, ind, r);
    /* an explicit height, so wrapped text shows whole in readers that do not autofit */
    const char *texts[] = {values[WP_ICOL_ACTIVITY], values[WP_ICOL_TEXT], values[WP_ICOL_UNIT]};
    const double widths[] = {wp_indicator_columns[WP_ICOL_ACTIVITY].width,
                             wp_indicator_columns[WP_ICOL_TEXT].width,
                             wp_indicator_columns[WP_ICOL_UNIT].width};
    wp_xlsx_row_height(ctx, ws, r, texts, widths, 3);
}

/* A number the progress file can hold; a date in the plan's period. */
static unsigned checks(struct wp_xlsx_ctx *ctx, struct wp_xlsx_check *k, char *buf, size_t size)
{
    k[0] = (struct wp_xlsx_check){WP_ICOL_VALUE,
                                  {.validate = LXW_VALIDATION_TYPE_DECIMAL,
                                   .criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
                                   .minimum_number = -VALUE_LIMIT,
                                   .maximum_number = VALUE_LIMIT},
                                  wp_xlsx_label(ctx, WP_L_IND_VALIDATE_VALUE)};
    /* not after the day of the import either, but that day is not known yet: import checks it */
    k[1] = wp_xlsx_date_check(ctx, WP_ICOL_DATE, buf, size);
    return 2;
}

static void add_conditional_formats(struct wp_xlsx_ctx *ctx, lxw_row_t last)
{
    static const enum wp_status look[2] = {WP_STATUS_COMPLETED, WP_STATUS_DELAYED};
    for (int k = 0; k < 2 && !ctx->failed; k++) {
        lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                     .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
                                     .value = k == 0 ? 1 : 0,
                                     .format = ctx->fmt.status_cf[look[k]]};
        wp_xlsx_check(ctx,
                      worksheet_conditional_format_range(ctx->indicators, 1, WP_ICOL_ON_TRACK, last,
                                                         WP_ICOL_ON_TRACK, &cf),
                      "a conditional format");
    }
}

static struct wp_xlsx_col column(unsigned c)
{
    const struct wp_indicator_column *i = &wp_indicator_columns[c];
    return (struct wp_xlsx_col){i->title, i->width, i->role == WP_IND_EDITABLE};
}

/* table, its name in messages, columns, then how to write them (xlsx_sheet.h) */
static const struct wp_xlsx_sheet_desc indicators_sheet = {
    WP_IND_TABLE, "the indicators table", WP_ICOL_COUNT, column, formats, write_row,
    checks,       add_conditional_formats};

void wp_xlsx_sheet_indicators(struct wp_xlsx_ctx *ctx)
{
    if (ctx->indicators) /* else the plan measures nothing */
        wp_xlsx_sheet_write(ctx, &indicators_sheet, ctx->indicators, ctx->n_ind);
}

/* ---- the hidden sheet _indicators (columns.h) ------------------------------ */

/* Indicator row i's record, "REF,HEX,DATE,VALUE" (columns.h), into b. */
static void meta_record(struct wp_xlsx_ctx *ctx, size_t i, struct wp_buf *b)
{
    const struct wp_indicator *ind = ctx->ind_rows[i];
    char date[11] = "", value[32] = "";
    if (ind->has_value) {
        wp_number_str(plain(ind->value), value);
        if (wp_date_is_valid(ind->value_date))
            wp_date_iso(ind->value_date, date);
    }
    wp_buf_reset(b);
    const char sep = WP_HIDDEN_FIELD_SEP;
    wp_buf_addf(b, "%s/%s%c%016" PRIx64 "%c%s%c%s",
                ind->activity && ind->activity->id ? ind->activity->id : "", ind->id, sep,
                ctx->ind_fingerprints[i], sep, date, sep, value);
}

void wp_xlsx_sheet_ind_meta(struct wp_xlsx_ctx *ctx)
{
    if (!ctx->ind_meta)
        return;
    const char *values[] = {ctx->plan->id, ctx->member, ctx->sheet_indicators};
    wp_xlsx_hidden_write(ctx, ctx->ind_meta, &wp_indicators_hidden, values, ctx->n_ind,
                         meta_record);
}
