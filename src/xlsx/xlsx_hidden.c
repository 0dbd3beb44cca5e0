/* The hidden sheets: _workplan, by which the importer knows the workbook, and _lists for
 * drop-downs. */
#include <inttypes.h>
#include <stdio.h>

#include "xlsx/xlsx_internal.h"

static void pair(struct wp_xlsx_ctx *ctx, lxw_row_t r, const char *key, const char *value)
{
    wp_xlsx_string(ctx, ctx->meta, r, 0, key, NULL);
    wp_xlsx_string(ctx, ctx->meta, r, 1, value, NULL);
}

/* Exactly the layout columns.h promises the importer. */
void wp_xlsx_sheet_meta(struct wp_xlsx_ctx *ctx)
{
    lxw_worksheet *ws = ctx->meta;
    char built[11] = "";
    wp_date_iso(ctx->build_date, built);
    wp_xlsx_string(ctx, ws, 0, 0, WP_TRACKER_FORMAT, NULL);
    pair(ctx, 1, "plan", ctx->plan->id);
    pair(ctx, 2, "version", ctx->plan->version);
    pair(ctx, 3, "lang", ctx->lang);
    pair(ctx, 4, "member", ctx->member);
    pair(ctx, 5, "built", built);
    pair(ctx, 6, "tracker", ctx->sheet_tracker);
    wp_xlsx_string(ctx, ws, 7, 0, "rows", NULL);
    wp_xlsx_number(ctx, ws, 7, 1, (double)ctx->n_rows, NULL);
    for (size_t i = 0; i < ctx->n_rows && !ctx->failed; i++) {
        char hex[17];
        snprintf(hex, sizeof hex, "%016" PRIx64, ctx->fingerprints[i]);
        lxw_row_t r = (lxw_row_t)(WP_META_FIRST_ROW - 1 + i);
        wp_xlsx_string(ctx, ws, r, 0, ctx->rows[i]->id, NULL);
        wp_xlsx_string(ctx, ws, r, 1, hex, NULL);
    }
    worksheet_hide(ws);
    worksheet_protect(ws, NULL, NULL);
}

void wp_xlsx_sheet_lists(struct wp_xlsx_ctx *ctx)
{
    const struct wp_plan *plan = ctx->plan;
    lxw_worksheet *ws = ctx->lists;
    for (int s = 0; s < WP_STATUS_COUNT; s++)
        wp_xlsx_string(ctx, ws, (lxw_row_t)s, 0, wp_status_label(ctx->lang, (enum wp_status)s),
                       NULL);
    lxw_row_t r = 0;
    for (size_t i = 0; i < plan->n_parties && !ctx->failed; i++) {
        wp_xlsx_reporter_entry(ctx, &ctx->tmp, plan->party_list[i].id);
        wp_xlsx_string(ctx, ws, r++, 1, ctx->tmp.data, NULL);
    }
    for (size_t i = 0; i < plan->n_countries && !ctx->failed; i++) {
        wp_xlsx_reporter_entry(ctx, &ctx->tmp, plan->countries[i].code);
        wp_xlsx_string(ctx, ws, r++, 1, ctx->tmp.data, NULL);
    }
    worksheet_hide(ws);
    worksheet_protect(ws, NULL, NULL);
}
