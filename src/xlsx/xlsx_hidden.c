/* The hidden sheets: _workplan, by which the importer knows the workbook, and _lists for
 * drop-downs. */
#include <inttypes.h>
#include <stdio.h>

#include "xlsx/xlsx_sheet.h"

static void activity_rows(struct wp_xlsx_hidden *m)
{
    struct wp_xlsx_ctx *ctx = m->ctx;
    for (size_t i = 0; i < ctx->n_rows && !ctx->failed; i++) {
        char hex[17], edit_hex[17], updated[11] = "";
        snprintf(hex, sizeof hex, "%016" PRIx64, ctx->fingerprints[i]);
        snprintf(edit_hex, sizeof edit_hex, "%016" PRIx64, ctx->edit_fingerprints[i]);
        if (wp_date_is_valid(ctx->rows[i]->current.updated))
            wp_date_iso(ctx->rows[i]->current.updated, updated);
        lxw_row_t r = (lxw_row_t)(wp_tracker_hidden.first_record_row - 1 + i);
        wp_xlsx_hidden_put(m, r, 0, ctx->rows[i]->id);
        wp_xlsx_hidden_put(m, r, 1, hex);
        wp_xlsx_hidden_put(m, r, 2, updated);
        wp_xlsx_hidden_put(m, r, 3, edit_hex);
    }
}

/* Exactly the layout columns.h promises the importer. */
void wp_xlsx_sheet_meta(struct wp_xlsx_ctx *ctx)
{
    struct wp_xlsx_hidden m;
    char built[11] = "";
    wp_date_iso(ctx->build_date, built);
    wp_xlsx_hidden_begin(&m, ctx, ctx->meta, &wp_tracker_hidden);
    wp_xlsx_hidden_pair(&m, 1, "plan", ctx->plan->id);
    wp_xlsx_hidden_pair(&m, 2, "version", ctx->plan->version);
    wp_xlsx_hidden_pair(&m, 3, "lang", ctx->lang);
    wp_xlsx_hidden_pair(&m, 4, "member", ctx->member);
    wp_xlsx_hidden_pair(&m, 5, "built", built);
    wp_xlsx_hidden_pair(&m, 6, "tracker", ctx->sheet_tracker);
    wp_xlsx_hidden_count(&m, 7, ctx->n_rows);
    wp_xlsx_hidden_fingerprint_label(&m);
    activity_rows(&m);
    wp_xlsx_hidden_end(&m);
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
