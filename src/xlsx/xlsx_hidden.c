/* The hidden sheets: _workplan, by which the importer knows the workbook, and _lists for
 * drop-downs. */
#include <inttypes.h>
#include <stdio.h>

#include "xlsx/xlsx_sheet.h"

/* Activity row i's record, "ID,HEX,DATE,EDIT" (columns.h), into b. */
static void activity_record(struct wp_xlsx_ctx *ctx, size_t i, struct wp_buf *b)
{
    char updated[11] = "";
    if (wp_date_is_valid(ctx->rows[i]->current.updated))
        wp_date_iso(ctx->rows[i]->current.updated, updated);
    const char sep = WP_HIDDEN_FIELD_SEP;
    wp_buf_reset(b);
    wp_buf_addf(b, "%s%c%016" PRIx64 "%c%s%c%016" PRIx64, ctx->rows[i]->id, sep,
                ctx->fingerprints[i], sep, updated, sep, ctx->edit_fingerprints[i]);
}

/* Exactly the layout columns.h promises the importer. */
void wp_xlsx_sheet_meta(struct wp_xlsx_ctx *ctx)
{
    char built[11] = "";
    wp_date_iso(ctx->build_date, built);
    const char *values[] = {ctx->plan->id, ctx->plan->version, ctx->lang, ctx->member,
                            built,         ctx->sheet_tracker};
    wp_xlsx_hidden_write(ctx, ctx->meta, &wp_tracker_hidden, values, ctx->n_rows, activity_record);
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
