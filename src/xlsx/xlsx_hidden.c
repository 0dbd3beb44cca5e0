/* The hidden sheets: _workplan, by which the importer knows the workbook, and _lists for
 * drop-downs. */
#include <inttypes.h>
#include <stdio.h>

#include "xlsx/xlsx_internal.h"

/* Writes the hidden sheet's cells and keeps its fingerprint (columns.h). */
struct meta_writer {
    struct wp_xlsx_ctx *ctx;
    uint64_t fingerprint;
};

/* row and col are 0-based, as libxlsxwriter counts; the fingerprint counts from 1. */
static void put(struct meta_writer *m, lxw_row_t row, lxw_col_t col, const char *value)
{
    struct wp_xlsx_ctx *ctx = m->ctx;
    wp_xlsx_string(ctx, ctx->meta, row, col, value, NULL);
    /* the text as it will be read back: cut like every cell */
    const char *safe = wp_xlsx_safe_text(value, WP_XLSX_MAX_CELL_CHARS, &ctx->scratch, NULL);
    m->fingerprint = wp_meta_fingerprint_add(m->fingerprint, row + 1, col + 1, safe);
}

static void pair(struct meta_writer *m, lxw_row_t r, const char *key, const char *value)
{
    put(m, r, 0, key);
    put(m, r, 1, value);
}

static void activity_rows(struct meta_writer *m)
{
    struct wp_xlsx_ctx *ctx = m->ctx;
    for (size_t i = 0; i < ctx->n_rows && !ctx->failed; i++) {
        char hex[17], edit_hex[17], updated[11] = "";
        snprintf(hex, sizeof hex, "%016" PRIx64, ctx->fingerprints[i]);
        snprintf(edit_hex, sizeof edit_hex, "%016" PRIx64, ctx->edit_fingerprints[i]);
        if (wp_date_is_valid(ctx->rows[i]->current.updated))
            wp_date_iso(ctx->rows[i]->current.updated, updated);
        lxw_row_t r = (lxw_row_t)(WP_META_FIRST_ROW - 1 + i);
        put(m, r, 0, ctx->rows[i]->id);
        put(m, r, 1, hex);
        put(m, r, 2, updated);
        put(m, r, 3, edit_hex);
    }
}

/* Exactly the layout columns.h promises the importer. */
void wp_xlsx_sheet_meta(struct wp_xlsx_ctx *ctx)
{
    lxw_worksheet *ws = ctx->meta;
    struct meta_writer m = {ctx, WP_META_FINGERPRINT_SEED};
    char built[11] = "", rows[24], hex[17];
    wp_date_iso(ctx->build_date, built);
    snprintf(rows, sizeof rows, "%zu", ctx->n_rows);
    put(&m, 0, 0, WP_TRACKER_FORMAT);
    pair(&m, 1, "plan", ctx->plan->id);
    pair(&m, 2, "version", ctx->plan->version);
    pair(&m, 3, "lang", ctx->lang);
    pair(&m, 4, "member", ctx->member);
    pair(&m, 5, "built", built);
    pair(&m, 6, "tracker", ctx->sheet_tracker);
    put(&m, 7, 0, "rows");
    wp_xlsx_number(ctx, ws, 7, 1, (double)ctx->n_rows, NULL);
    m.fingerprint = wp_meta_fingerprint_add(m.fingerprint, 8, 2, rows);
    put(&m, WP_META_FINGERPRINT_ROW - 1, 0, "fingerprint");
    activity_rows(&m);
    snprintf(hex, sizeof hex, "%016" PRIx64, m.fingerprint);
    wp_xlsx_string(ctx, ws, WP_META_FINGERPRINT_ROW - 1, 1, hex, NULL);
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
