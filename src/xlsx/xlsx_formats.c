/* The workbook's one style table: every format and colour, created once by role. */
#include "xlsx/xlsx_internal.h"

/* Light fill and dark text for cells, a solid tone for bars; readable when printed in grey. */
const struct wp_xlsx_colors wp_xlsx_status_colors[WP_STATUS_COUNT] = {
    [WP_STATUS_PLANNED] = {0xEDEDED, 0x404040, 0xA6A6A6},
    [WP_STATUS_ONGOING] = {0xDDEBF7, 0x1F4E79, 0x5B9BD5},
    [WP_STATUS_COMPLETED] = {0xE2EFDA, 0x375623, 0x70AD47},
    [WP_STATUS_DELAYED] = {0xFCE4D6, 0x843C0C, 0xED7D31},
    [WP_STATUS_CANCELLED] = {0xD9D9D9, 0x595959, 0x7F7F7F},
};

#define COLOR_HEADER_FILL 0x1F4E79
#define COLOR_HEADER_FONT 0xFFFFFF
#define COLOR_EDIT_FILL 0xFFFFFF /* editable cells are "the white columns" of the instructions */
#define COLOR_EDIT_HEADER 0x375623
#define COLOR_GRID 0xD9D9D9
#define COLOR_OVERDUE_FILL 0xFFC7CE
#define COLOR_OVERDUE_FONT 0x9C0006
#define COLOR_WARN 0xC00000
#define DATE_FORMAT "yyyy-mm-dd"
#define FONT_SIZE 10

static lxw_format *add(struct wp_xlsx_ctx *ctx)
{
    if (ctx->failed)
        return NULL;
    lxw_format *f = workbook_add_format(ctx->wb);
    if (!f) {
        wp_xlsx_fail(ctx, "cannot add format", "memory");
        return NULL;
    }
    format_set_font_size(f, FONT_SIZE);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

static lxw_format *cell(struct wp_xlsx_ctx *ctx, bool wrap, bool editable, const char *num_format)
{
    lxw_format *f = add(ctx);
    if (!f)
        return NULL;
    if (wrap)
        format_set_text_wrap(f);
    if (num_format)
        format_set_num_format(f, num_format);
    if (editable) {
        format_set_unlocked(f);
        format_set_bg_color(f, COLOR_EDIT_FILL);
    }
    format_set_border(f, LXW_BORDER_HAIR);
    format_set_border_color(f, COLOR_GRID);
    return f;
}

/* 1 and 0 shown as the catalogue's yes and no: the Summary counts the numbers. */
static void on_track_format(struct wp_xlsx_ctx *ctx, lxw_format *f)
{
    struct wp_buf b = WP_BUF_INIT;
    const char *words[2] = {wp_xlsx_label(ctx, WP_L_IND_YES), wp_xlsx_label(ctx, WP_L_IND_NO)};
    for (int k = 0; k < 2; k++) {
        wp_buf_addc(&b, '"');
        for (const char *p = words[k]; *p; p++)
            if (*p != '"' && *p != '\\')
                wp_buf_addc(&b, *p);
        wp_buf_adds(&b, k == 0 ? "\";;" : "\"");
    }
    format_set_num_format(f, b.data);
    wp_buf_release(&b);
}

/* Titles, texts and table headers. The formats are numbered in the order they are added: the
 * four groups below keep it, so that workbooks stay the same byte for byte. */
static void text_formats(struct wp_xlsx_ctx *ctx, struct wp_xlsx_formats *x)
{
    if ((x->title = add(ctx))) {
        format_set_bold(x->title);
        format_set_font_size(x->title, 16);
        format_set_font_color(x->title, COLOR_HEADER_FILL);
    }
    if ((x->subtitle = add(ctx))) {
        format_set_italic(x->subtitle);
        format_set_font_size(x->subtitle, 11);
    }
    if ((x->heading = add(ctx))) {
        format_set_bold(x->heading);
        format_set_font_size(x->heading, 12);
        format_set_font_color(x->heading, COLOR_HEADER_FILL);
        format_set_bottom(x->heading, LXW_BORDER_THIN);
        format_set_bottom_color(x->heading, COLOR_HEADER_FILL);
    }
    if ((x->label = add(ctx)))
        format_set_bold(x->label);
    x->text = add(ctx);
    if ((x->wrap = add(ctx)))
        format_set_text_wrap(x->wrap);
    if ((x->warn = add(ctx))) {
        format_set_bold(x->warn);
        format_set_font_color(x->warn, COLOR_WARN);
        format_set_text_wrap(x->warn);
    }
    if ((x->header = add(ctx))) {
        format_set_bold(x->header);
        format_set_text_wrap(x->header);
        format_set_font_color(x->header, COLOR_HEADER_FONT);
        format_set_bg_color(x->header, COLOR_HEADER_FILL);
        format_set_align(x->header, LXW_ALIGN_VERTICAL_CENTER);
        format_set_border(x->header, LXW_BORDER_THIN);
        format_set_border_color(x->header, COLOR_HEADER_FONT);
    }

    /* editable columns get their own header colour, so they stand out at a glance */
    if ((x->header_edit = add(ctx))) {
        format_set_bold(x->header_edit);
        format_set_text_wrap(x->header_edit);
        format_set_font_color(x->header_edit, COLOR_HEADER_FONT);
        format_set_bg_color(x->header_edit, COLOR_EDIT_HEADER);
        format_set_align(x->header_edit, LXW_ALIGN_VERTICAL_CENTER);
        format_set_border(x->header_edit, LXW_BORDER_THIN);
        format_set_border_color(x->header_edit, COLOR_HEADER_FONT);
    }
}

/* The cells of the Tracker, Indicators and Summary sheets. */
static void cell_formats(struct wp_xlsx_ctx *ctx, struct wp_xlsx_formats *x)
{
    x->locked_text = cell(ctx, false, false, NULL);
    x->locked_wrap = cell(ctx, true, false, NULL);
    x->locked_date = cell(ctx, false, false, DATE_FORMAT);
    x->edit_text = cell(ctx, false, true, NULL);
    x->edit_wrap = cell(ctx, true, true, NULL);
    x->edit_date = cell(ctx, false, true, DATE_FORMAT);
    x->edit_int = cell(ctx, false, true, "0");
    x->edit_status = cell(ctx, false, true, NULL);
    x->locked_num = cell(ctx, false, false, NULL);
    x->edit_num = cell(ctx, false, true, NULL);
    if ((x->on_track = cell(ctx, false, false, NULL))) {
        on_track_format(ctx, x->on_track);
        format_set_align(x->on_track, LXW_ALIGN_CENTER);
    }

    x->area_label = cell(ctx, true, false, NULL);
    x->count = cell(ctx, false, false, "0");
    x->avg = cell(ctx, false, false, "0");
    if ((x->total_label = cell(ctx, false, false, NULL)))
        format_set_bold(x->total_label);
    if ((x->count_total = cell(ctx, false, false, "0")))
        format_set_bold(x->count_total);
    if ((x->avg_total = cell(ctx, false, false, "0")))
        format_set_bold(x->avg_total);
}

/* Status colours, for conditional formats, cells and the Timeline's bars. */
static void status_formats(struct wp_xlsx_ctx *ctx, struct wp_xlsx_formats *x)
{
    for (int s = 0; s < WP_STATUS_COUNT; s++) {
        const struct wp_xlsx_colors *c = &wp_xlsx_status_colors[s];
        /* conditional formats carry only what changes: fill and text colour */
        if ((x->status_cf[s] = workbook_add_format(ctx->wb))) {
            format_set_bg_color(x->status_cf[s], c->fill);
            format_set_font_color(x->status_cf[s], c->font);
        } else {
            wp_xlsx_fail(ctx, "cannot add format", "memory");
        }
        if ((x->status_cell[s] = cell(ctx, false, false, NULL))) {
            format_set_bg_color(x->status_cell[s], c->fill);
            format_set_font_color(x->status_cell[s], c->font);
            format_set_bold(x->status_cell[s]);
        }
        /* the Timeline's bars are conditional too (xlsx_timeline.c) */
        if ((x->gantt[s] = workbook_add_format(ctx->wb))) {
            format_set_bg_color(x->gantt[s], c->solid);
            format_set_border(x->gantt[s], LXW_BORDER_THIN);
            format_set_border_color(x->gantt[s], 0xFFFFFF);
        } else {
            wp_xlsx_fail(ctx, "cannot add format", "memory");
        }
    }
}

/* The Timeline's grid, overdue rows and the hidden sheets. */
static void timeline_formats(struct wp_xlsx_ctx *ctx, struct wp_xlsx_formats *x)
{
    if ((x->gantt_empty = add(ctx))) {
        format_set_border(x->gantt_empty, LXW_BORDER_HAIR);
        format_set_border_color(x->gantt_empty, COLOR_GRID);
    }
    if ((x->year_header = add(ctx))) {
        format_set_bold(x->year_header);
        format_set_align(x->year_header, LXW_ALIGN_CENTER);
        format_set_font_color(x->year_header, COLOR_HEADER_FONT);
        format_set_bg_color(x->year_header, COLOR_HEADER_FILL);
        format_set_border(x->year_header, LXW_BORDER_THIN);
        format_set_border_color(x->year_header, COLOR_HEADER_FONT);
    }
    if ((x->quarter_header = add(ctx))) {
        format_set_align(x->quarter_header, LXW_ALIGN_CENTER);
        format_set_font_size(x->quarter_header, 8);
        format_set_bg_color(x->quarter_header, 0xDDEBF7);
        format_set_border(x->quarter_header, LXW_BORDER_THIN);
        format_set_border_color(x->quarter_header, COLOR_HEADER_FONT);
    }
    if ((x->quarter_now = add(ctx))) {
        format_set_align(x->quarter_now, LXW_ALIGN_CENTER);
        format_set_font_size(x->quarter_now, 8);
        format_set_bold(x->quarter_now);
        format_set_font_color(x->quarter_now, COLOR_HEADER_FONT);
        format_set_bg_color(x->quarter_now, COLOR_WARN);
        format_set_border(x->quarter_now, LXW_BORDER_THIN);
        format_set_border_color(x->quarter_now, COLOR_HEADER_FONT);
    }
    if ((x->overdue_cf = workbook_add_format(ctx->wb))) {
        format_set_bg_color(x->overdue_cf, COLOR_OVERDUE_FILL);
        format_set_font_color(x->overdue_cf, COLOR_OVERDUE_FONT);
    } else {
        wp_xlsx_fail(ctx, "cannot add format", "memory");
    }
    if ((x->overdue_cell = cell(ctx, false, false, NULL))) {
        format_set_bg_color(x->overdue_cell, COLOR_OVERDUE_FILL);
        format_set_font_color(x->overdue_cell, COLOR_OVERDUE_FONT);
        format_set_bold(x->overdue_cell);
    }
    x->meta = add(ctx);
}

void wp_xlsx_formats_create(struct wp_xlsx_ctx *ctx)
{
    text_formats(ctx, &ctx->fmt);
    cell_formats(ctx, &ctx->fmt);
    status_formats(ctx, &ctx->fmt);
    timeline_formats(ctx, &ctx->fmt);
}
