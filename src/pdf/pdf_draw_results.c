/*
 * Painting the rows of results tables (pdf_results.h): shading and rule as
 * artifacts, each cell a TH or TD, each line of text its marked content.
 */
#include "pdf/pdf_results.h"

/* The bar before the last cell's first line: it shows the percentage printed beside it. */
static void draw_bar(struct pdf_ctx *ctx, HPDF_Page page, const struct res_row *row, double x0,
                     double top)
{
    const struct pdf_style *st = ctx->st;
    const struct pdf_text_style *ts = &st->text[PDF_T_TABLE];
    double mid = st->page_h - (top + st->cell_pad + ts->leading / 2);
    struct pdf_rgb colour = row->bar == RES_BAR_REACHED    ? st->status[WP_STATUS_COMPLETED]
                            : row->bar == RES_BAR_ON_TRACK ? st->status[WP_STATUS_ONGOING]
                                                           : st->status[WP_STATUS_DELAYED];
    wp_pdf_paint_art(ctx);
    wp_pdf_draw_rect(ctx, page, st->bar_back, x0, mid - st->bar_h / 2, st->res_bar_w, st->bar_h);
    if (row->share > 0)
        wp_pdf_draw_rect(ctx, page, colour, x0, mid - st->bar_h / 2, st->res_bar_w * row->share,
                         st->bar_h);
    wp_pdf_paint_mc_end(ctx);
}

static void draw_row(struct pdf_ctx *ctx, HPDF_Page page, const struct res_row *row, double top,
                     double h)
{
    const struct pdf_style *st = ctx->st;
    const struct res_cols *cols = row->cols;
    double left = st->margin_left;
    wp_pdf_paint_art(ctx);
    if (row->shaded)
        wp_pdf_draw_rect(ctx, page, st->table_head_back, left, st->page_h - top - h, ctx->content_w,
                         h);
    wp_pdf_draw_hline(ctx, page, st->rule, left, left + ctx->content_w, st->page_h - top - h);
    wp_pdf_paint_mc_end(ctx);
    wp_pdf_paint_elem(ctx, PDF_S_TR, 0, NULL);
    for (size_t k = 0; k < cols->n; k++) {
        const struct res_cell *c = &row->cell[k];
        double x0 = left + cols->x[k] + st->cell_pad;
        /* a header row's cells title their columns; a body row's first cell titles its row */
        wp_pdf_paint_elem(ctx, row->head || k == 0 ? PDF_S_TH : PDF_S_TD,
                          row->head ? PDF_A_SCOPE_COL
                          : k == 0  ? PDF_A_SCOPE_ROW
                                    : 0,
                          NULL);
        if (row->bar != RES_BAR_NONE && k + 1 == cols->n) {
            draw_bar(ctx, page, row, x0, top);
            x0 += st->res_bar_w + st->res_bar_gap;
        }
        double t = top + st->cell_pad;
        for (size_t l = 0; l < c->n; l++) {
            const struct res_line *ln = &c->lines[l];
            enum pdf_role role = (enum pdf_role)ln->role;
            double x = cols->right[k] ? left + cols->x[k] + cols->w[k] - st->cell_pad - ln->w : x0;
            /* a line each, so that readers keep the space between lines */
            wp_pdf_paint_mc(ctx, false);
            wp_pdf_draw_show(ctx, page, role, x, wp_pdf_draw_baseline(ctx, role, t), ln->s,
                             ln->len);
            wp_pdf_paint_mc_end(ctx);
            t += st->text[role].leading;
        }
        wp_pdf_paint_elem_end(ctx);
    }
    wp_pdf_paint_elem_end(ctx);
}

void wp_pdf_draw_results(struct pdf_ctx *ctx, HPDF_Page page, size_t i, double top)
{
    const struct pdf_draw *d = &ctx->flow.draws[i];
    double h = ctx->flow.items[i].height;
    if (d->ref != RES_REF_INDICATOR) {
        draw_row(ctx, page, (const struct res_row *)(const void *)d->text, top, h);
        return;
    }
    /* an indicator's row, formatted again as it was when measured */
    struct res_cell_tmp cells[RES_MAX_COLS] = {0};
    struct res_strings sc;
    struct res_row row = {.cols = ctx->sec.results_cols};
    wp_pdf_res_indicator_cells(ctx, row.cols, (const struct wp_indicator *)(const void *)d->text,
                               &sc, cells, &row);
    for (size_t k = 0; k < row.cols->n; k++)
        row.cell[k] = (struct res_cell){cells[k].lines, cells[k].n};
    draw_row(ctx, page, &row, top, h);
}
