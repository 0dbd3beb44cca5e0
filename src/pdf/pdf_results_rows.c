/*
 * The cells of a results table's rows: numbers in the output language,
 * lines broken at the column's width, an indicator's row formatted (for the
 * section that measures it and for the painting that draws it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_results.h"

/* ---- numbers in the output language ------------------------------------------------ */

/* "12500.5" as "12,500.5" (en) or "12 500,5" (es): the catalogue has the marks. */
const char *wp_pdf_res_number(struct pdf_ctx *ctx, double v, char *out, size_t size)
{
    char raw[32];
    wp_number_str(v, raw);
    if (strpbrk(raw, "eEin")) { /* an exponent (or worse): as written */
        snprintf(out, size, "%s", raw);
        return out;
    }
    const char *digits = raw[0] == '-' ? raw + 1 : raw;
    size_t int_len = strcspn(digits, ".");
    const char *group = wp_pdf_sec_label(ctx, WP_L_RES_DIGIT_GROUP);
    size_t group_min = (size_t)atoi(wp_pdf_sec_label(ctx, WP_L_RES_GROUP_MIN));
    size_t n = 0;
    /* 15 digits, 4 group marks of up to 4 bytes, a sign and a decimal mark fit in 64 */
#define PUT(str)                                                                                   \
    do {                                                                                           \
        for (const char *q_ = (str); *q_ && n + 1 < size; q_++)                                    \
            out[n++] = *q_;                                                                        \
    } while (0)
    if (raw[0] == '-')
        PUT("-");
    for (size_t k = 0; k < int_len; k++) {
        if (k > 0 && int_len >= group_min && (int_len - k) % 3 == 0)
            PUT(group);
        char d[2] = {digits[k], 0};
        PUT(d);
    }
    if (digits[int_len] == '.') {
        PUT(wp_pdf_sec_label(ctx, WP_L_RES_DECIMAL_MARK));
        PUT(digits + int_len + 1);
    }
#undef PUT
    out[n] = 0;
    return out;
}

const char *wp_pdf_res_percent(double share, char *out, size_t size)
{
    double p = share * 100;
    /* far past the target or far behind: the bar says it, the figure stays short */
    if (p > 99999)
        p = 99999;
    if (p < -99999)
        p = -99999;
    snprintf(out, size, "%.0f %%", p == 0 ? 0 : p);
    return out;
}

/* ---- rows of cells -------------------------------------------------------------------- */

/* Breaks s into the cell's lines at its width (and measures every glyph). */
void wp_pdf_res_cell_add(struct pdf_ctx *ctx, struct res_cell_tmp *c, enum pdf_role role,
                         const char *s, float width)
{
    const struct pdf_text_style *ts = &ctx->st->text[role];
    size_t n = wp_pdf_break_lines(wp_pdf_measure(ctx, role), ts->size, s, strlen(s), width,
                                  &ctx->flow.lines);
    for (size_t k = 0; k < n && c->n < sizeof(c->lines) / sizeof(c->lines[0]); k++) {
        const struct pdf_line *ln = &ctx->flow.lines.items[k];
        c->lines[c->n++] = (struct res_line){s + ln->start, ln->len, (uint8_t)role, ln->width};
    }
}

static float cell_height(struct pdf_ctx *ctx, const struct res_cell_tmp *c)
{
    float h = 0;
    for (size_t k = 0; k < c->n; k++)
        h += ctx->st->text[c->lines[k].role].leading;
    return h;
}

/* The room for text in column k (the last column of a row with a bar gives the bar its room). */
float wp_pdf_res_text_width(struct pdf_ctx *ctx, const struct res_cols *cols, size_t k, bool bar)
{
    float w = cols->w[k] - 2 * ctx->st->cell_pad;
    if (bar)
        w -= ctx->st->res_bar_w + ctx->st->res_bar_gap;
    return w;
}

/* The height of a row of these cells: its tallest cell, padded. */
float wp_pdf_res_row_height(struct pdf_ctx *ctx, const struct res_cols *cols,
                            const struct res_cell_tmp *cells)
{
    float h = ctx->st->text[PDF_T_TABLE].leading;
    for (size_t k = 0; k < cols->n; k++) {
        float ch = cell_height(ctx, &cells[k]);
        if (ch > h)
            h = ch;
    }
    return h + 2 * ctx->st->cell_pad;
}

/* The cells of an indicator's row, strings in sc; measures every glyph they use. */
void wp_pdf_res_indicator_cells(struct pdf_ctx *ctx, const struct res_cols *cols,
                                const struct wp_indicator *ind, struct res_strings *sc,
                                struct res_cell_tmp *cells, struct res_row *row)
{
    wp_pdf_res_cell_add(ctx, &cells[RC_TEXT], PDF_T_TABLE, wp_pdf_sec_text(ctx, &ind->text),
                        wp_pdf_res_text_width(ctx, cols, RC_TEXT, false));
    /* the id (as the workbook names it) and the direction share a line under the text */
    const char *id = ind->id ? ind->id : "";
    if (ind->lower_is_better) {
        snprintf(sc->id, sizeof(sc->id), "%s \xc2\xb7 %s", id,
                 wp_pdf_sec_label(ctx, WP_L_RES_LOWER_BETTER));
        id = sc->id;
    }
    wp_pdf_res_cell_add(ctx, &cells[RC_TEXT], PDF_T_MUTED, id,
                        wp_pdf_res_text_width(ctx, cols, RC_TEXT, false));
    if (wp_text_is_set(&ind->unit))
        wp_pdf_res_cell_add(ctx, &cells[RC_UNIT], PDF_T_TABLE, wp_pdf_sec_text(ctx, &ind->unit),
                            wp_pdf_res_text_width(ctx, cols, RC_UNIT, false));
    wp_pdf_res_cell_add(ctx, &cells[RC_BASE], PDF_T_TABLE,
                        wp_pdf_res_number(ctx, ind->baseline, sc->base, 64),
                        wp_pdf_res_text_width(ctx, cols, RC_BASE, false));
    wp_pdf_res_cell_add(ctx, &cells[RC_TARGET], PDF_T_TABLE,
                        wp_pdf_res_number(ctx, ind->target, sc->target, 64),
                        wp_pdf_res_text_width(ctx, cols, RC_TARGET, false));
    char period[96];
    wp_format_period(period, sizeof(period), ctx->lang, &ind->by);
    wp_label_fill(sc->by, sizeof(sc->by), wp_pdf_sec_label(ctx, WP_L_RES_BY),
                  (const char *[]){period}, 1);
    wp_pdf_res_cell_add(ctx, &cells[RC_TARGET], PDF_T_MUTED, sc->by,
                        wp_pdf_res_text_width(ctx, cols, RC_TARGET, false));
    if (!ind->has_value) {
        wp_pdf_res_cell_add(ctx, &cells[RC_VALUE], PDF_T_MUTED,
                            wp_pdf_sec_label(ctx, WP_L_RES_NO_VALUE),
                            wp_pdf_res_text_width(ctx, cols, RC_VALUE, false));
        return;
    }
    wp_pdf_res_cell_add(ctx, &cells[RC_VALUE], PDF_T_TABLE,
                        wp_pdf_res_number(ctx, ind->value, sc->value, 64),
                        wp_pdf_res_text_width(ctx, cols, RC_VALUE, false));
    wp_format_date(sc->date, sizeof(sc->date), ctx->lang, ind->value_date);
    wp_pdf_res_cell_add(ctx, &cells[RC_VALUE], PDF_T_MUTED, sc->date,
                        wp_pdf_res_text_width(ctx, cols, RC_VALUE, false));
    double share = wp_indicator_share(ind);
    bool reached = wp_indicator_reached(ind);
    bool on_track = wp_indicator_on_track(ind, ctx->today);
    row->bar = reached ? RES_BAR_REACHED : on_track ? RES_BAR_ON_TRACK : RES_BAR_BEHIND;
    row->share = share < 0 ? 0 : share > 1 ? 1 : (float)share;
    float w = wp_pdf_res_text_width(ctx, cols, RC_SHARE, true);
    wp_pdf_res_cell_add(ctx, &cells[RC_SHARE], PDF_T_TABLE,
                        wp_pdf_res_percent(share, sc->pct, sizeof(sc->pct)), w);
    wp_pdf_res_cell_add(ctx, &cells[RC_SHARE], PDF_T_MUTED,
                        wp_pdf_sec_label(ctx, reached    ? WP_L_RES_REACHED
                                              : on_track ? WP_L_RES_ON_TRACK
                                                         : WP_L_RES_BEHIND),
                        w);
}
