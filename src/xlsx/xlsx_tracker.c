/*
 * The Tracker sheet: one row per activity in an Excel table. Locked
 * columns describe the activity; the editable ones (columns.h) carry
 * drop-downs and checks, and the sheet is protected around them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx/xlsx_internal.h"

/* Locked cell texts of one row, kept for the fingerprint. */
struct row_text {
    struct wp_buf v[WP_COL_COUNT];
};

static const char *keep(struct wp_xlsx_ctx *ctx, struct wp_buf *b, const char *s)
{
    const char *safe = wp_xlsx_safe_text(s, WP_XLSX_MAX_CELL_CHARS, &ctx->scratch, NULL);
    wp_buf_reset(b);
    wp_buf_adds(b, safe);
    return b->data;
}

/* Lines a wrapped text needs in a column of `width` characters (10 pt in an 11 pt grid). */
static unsigned lines_for(const char *s, double width)
{
    if (!s || !*s)
        return 1;
    unsigned per_line = (unsigned)(width * wp_xlsx_style.tracker_chars_per_w);
    if (per_line < wp_xlsx_style.tracker_min_chars)
        per_line = wp_xlsx_style.tracker_min_chars;
    unsigned lines = 0, run = 0;
    for (const unsigned char *p = (const unsigned char *)s;; p++) {
        if (*p == '\n' || *p == '\0') {
            lines += run / per_line + 1;
            run = 0;
            if (!*p)
                break;
        } else if ((*p & 0xC0) != 0x80) {
            run++;
        }
    }
    return lines;
}

unsigned wp_xlsx_lines_for(const char *s, double width)
{
    return lines_for(s, width);
}

static lxw_format *cell_format(struct wp_xlsx_ctx *ctx, enum wp_tracker_col c)
{
    const struct wp_xlsx_formats *f = &ctx->fmt;
    switch (c) {
    case WP_COL_ID:
        return f->locked_text;
    case WP_COL_START:
    case WP_COL_END:
        return f->locked_date;
    case WP_COL_STATUS:
        return f->edit_status;
    case WP_COL_PROGRESS:
        return f->edit_int;
    case WP_COL_UPDATED:
        return f->edit_date;
    case WP_COL_REPORTED_BY:
        return f->edit_text;
    case WP_COL_NOTE:
        return f->edit_wrap;
    default:
        return f->locked_wrap;
    }
}

/* The editable cells as written, as a reader shows them, for the hidden sheet. */
static void edit_fingerprint(struct wp_xlsx_ctx *ctx, size_t i, const char *note,
                             struct row_text *t)
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
        keep(ctx, &t->v[WP_COL_REPORTED_BY], cur->reported_by ? ctx->tmp.data : "");
    values[WP_COL_NOTE] = keep(ctx, &t->v[WP_COL_NOTE], note);
    ctx->edit_fingerprints[i] = wp_tracker_edit_fingerprint(values);
}

static void write_row(struct wp_xlsx_ctx *ctx, size_t i, struct row_text *t)
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
    values[WP_COL_ID] = keep(ctx, &t->v[WP_COL_ID], a->id);
    values[WP_COL_AREA] =
        keep(ctx, &t->v[WP_COL_AREA], a->area ? wp_xlsx_text(ctx, &a->area->title) : "");
    values[WP_COL_TITLE] = keep(ctx, &t->v[WP_COL_TITLE], wp_xlsx_text(ctx, &a->title));
    wp_xlsx_join_names(ctx, &ctx->tmp, &a->lead);
    values[WP_COL_LEAD] = keep(ctx, &t->v[WP_COL_LEAD], ctx->tmp.data);
    wp_xlsx_join_names(ctx, &ctx->tmp, &a->partners);
    values[WP_COL_PARTNERS] = keep(ctx, &t->v[WP_COL_PARTNERS], ctx->tmp.data);
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
    unsigned lines = 1;
    static const enum wp_tracker_col wrapped[] = {WP_COL_AREA, WP_COL_TITLE, WP_COL_LEAD,
                                                  WP_COL_PARTNERS, WP_COL_NOTE};
    for (size_t k = 0; k < sizeof wrapped / sizeof wrapped[0]; k++) {
        enum wp_tracker_col c = wrapped[k];
        const char *s = c == WP_COL_NOTE ? note : values[c];
        unsigned n = lines_for(s, wp_tracker_columns[c].width);
        if (n > lines)
            lines = n;
    }
    if (lines > wp_xlsx_style.tracker_max_lines)
        lines = wp_xlsx_style.tracker_max_lines;
    if (!ctx->failed)
        wp_xlsx_check(ctx,
                      worksheet_set_row(
                          ws, r, wp_xlsx_style.line_height * lines + wp_xlsx_style.row_pad, NULL),
                      "a row height");
}

/* Clipped, owned copy for validation titles (32) and messages (255). */
static char *clip(struct wp_xlsx_ctx *ctx, const char *s, size_t max)
{
    return wp_xstrdup(wp_xlsx_safe_text(s, max, &ctx->scratch, NULL));
}

static void validate(struct wp_xlsx_ctx *ctx, enum wp_tracker_col c, lxw_data_validation *dv,
                     const char *message, lxw_row_t last)
{
    char *title = clip(ctx, wp_xlsx_label(ctx, wp_tracker_columns[c].title), 32);
    char *msg = clip(ctx, message, 255);
    dv->show_input = LXW_VALIDATION_ON;
    dv->show_error = LXW_VALIDATION_ON;
    dv->error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    dv->input_title = title;
    dv->input_message = msg;
    dv->error_title = title;
    dv->error_message = msg;
    if (!ctx->failed)
        wp_xlsx_check(
            ctx,
            worksheet_data_validation_range(ctx->tracker, 1, (lxw_col_t)c, last, (lxw_col_t)c, dv),
            "a data validation");
    free(title);
    free(msg);
}

static void add_validations(struct wp_xlsx_ctx *ctx, lxw_row_t last)
{
    /* libxlsxwriter's fields are not const; these arrays give it writable copies */
    char status_list[] = "=" WP_NAME_STATUS_LIST;
    char member_list[] = "=" WP_NAME_MEMBER_LIST;
    lxw_data_validation status = {.validate = LXW_VALIDATION_TYPE_LIST_FORMULA,
                                  .value_formula = status_list};
    validate(ctx, WP_COL_STATUS, &status, wp_xlsx_label(ctx, WP_L_VALIDATE_STATUS), last);

    lxw_data_validation progress = {.validate = LXW_VALIDATION_TYPE_INTEGER,
                                    .criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
                                    .minimum_number = 0,
                                    .maximum_number = 100};
    validate(ctx, WP_COL_PROGRESS, &progress, wp_xlsx_label(ctx, WP_L_VALIDATE_PROGRESS), last);

    struct wp_date first = {ctx->plan->period_from, 1, 1};
    char when[96];
    wp_format_date(when, sizeof when, ctx->lang, first);
    const char *args[] = {when};
    char msg[512];
    wp_label_fill(msg, sizeof msg, wp_xlsx_label(ctx, WP_L_VALIDATE_DATE), args, 1);
    lxw_data_validation date = {
        .validate = LXW_VALIDATION_TYPE_DATE,
        .criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
        .value_datetime = {.year = first.year, .month = first.month, .day = first.day},
    };
    validate(ctx, WP_COL_UPDATED, &date, msg, last);

    lxw_data_validation reporter = {.validate = LXW_VALIDATION_TYPE_LIST_FORMULA,
                                    .value_formula = member_list};
    validate(ctx, WP_COL_REPORTED_BY, &reporter, wp_xlsx_label(ctx, WP_L_VALIDATE_REPORTER), last);
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

void wp_xlsx_sheet_tracker(struct wp_xlsx_ctx *ctx)
{
    lxw_worksheet *ws = ctx->tracker;
    /* a table needs a data row even when a member has no activity */
    lxw_row_t last = (lxw_row_t)(ctx->n_rows ? ctx->n_rows : 1);

    for (int c = 0; c < WP_COL_COUNT && !ctx->failed; c++)
        wp_xlsx_check(
            ctx,
            worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, wp_tracker_columns[c].width, NULL),
            "a column width");

    struct row_text t;
    for (int c = 0; c < WP_COL_COUNT; c++)
        wp_buf_init(&t.v[c]);
    ctx->fingerprints = wp_xcalloc(ctx->n_rows ? ctx->n_rows : 1, sizeof *ctx->fingerprints);
    ctx->edit_fingerprints =
        wp_xcalloc(ctx->n_rows ? ctx->n_rows : 1, sizeof *ctx->edit_fingerprints);
    for (size_t i = 0; i < ctx->n_rows && !ctx->failed; i++)
        write_row(ctx, i, &t);
    for (int c = 0; c < WP_COL_COUNT; c++)
        wp_buf_release(&t.v[c]);
    if (ctx->n_rows == 0) {
        for (int c = 0; c < WP_COL_COUNT; c++)
            wp_xlsx_blank(ctx, ws, 1, (lxw_col_t)c, cell_format(ctx, (enum wp_tracker_col)c));
    }

    /* header titles must outlive the call; the table copies them */
    lxw_table_column cols[WP_COL_COUNT];
    lxw_table_column *col_ptrs[WP_COL_COUNT + 1];
    char *titles[WP_COL_COUNT];
    for (int c = 0; c < WP_COL_COUNT; c++) {
        titles[c] = wp_xstrdup(wp_xlsx_safe_text(wp_xlsx_label(ctx, wp_tracker_columns[c].title),
                                                 255, &ctx->scratch, NULL));
        cols[c] = (lxw_table_column){.header = titles[c],
                                     .header_format = wp_tracker_columns[c].editable
                                                          ? ctx->fmt.header_edit
                                                          : ctx->fmt.header};
        col_ptrs[c] = &cols[c];
    }
    col_ptrs[WP_COL_COUNT] = NULL;
    char table_name[] = WP_TRACKER_TABLE;
    lxw_table_options table = {.name = table_name,
                               .style_type = LXW_TABLE_STYLE_TYPE_MEDIUM,
                               .style_type_number = 2,
                               .columns = col_ptrs};
    if (!ctx->failed)
        wp_xlsx_check(ctx, worksheet_add_table(ws, 0, 0, last, WP_COL_COUNT - 1, &table),
                      "the tracker table");
    for (int c = 0; c < WP_COL_COUNT; c++)
        free(titles[c]);
    if (ctx->failed)
        return;
    wp_xlsx_check(ctx, worksheet_set_row(ws, 0, wp_xlsx_style.header_row_h, NULL), "a row height");

    add_validations(ctx, last);
    add_conditional_formats(ctx, last);

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
