/*
 * The one style table of the workbook's page setup and sizes: column
 * widths (Excel character units), row heights (points) and the paper the
 * sheets print on. The Tracker's column widths live with its columns
 * (columns.c), which the importer shares.
 */
#include "xlsx/xlsx_internal.h"

const struct wp_xlsx_style wp_xlsx_style = {
    .line_height = 13.5, /* one line of 10 pt text */
    .row_pad = 2,
    .title_row_h = 24,
    .header_row_h = 30,
    .about_label_w = 26,
    .about_text_w = 90,
    .about_chars_per_row = 130,
    .summary_area_w = 46,
    .summary_area_chars = 52,
    .summary_count_w = 12,
    .summary_avg_w = 20,
    .summary_ind_w = 14,
    .timeline_id_w = 10,
    .timeline_title_w = 50,
    .timeline_status_w = 13,
    .timeline_quarter_w = 4.3,
    .tracker_max_lines = 6,
    .tracker_chars_per_w = 1.15,
    .tracker_min_chars = 4,
};

/* Excel's paper codes (ECMA-376 paperSize): 1 Letter, 9 A4. */
static uint8_t paper_code(enum wp_paper paper)
{
    return paper == WP_PAPER_LETTER ? 1 : 9;
}

void wp_xlsx_page_setup(const struct wp_xlsx_ctx *ctx, lxw_worksheet *ws, bool landscape)
{
    if (landscape)
        worksheet_set_landscape(ws);
    worksheet_set_paper(ws, paper_code(ctx->paper));
    worksheet_fit_to_pages(ws, 1, 0);
}
