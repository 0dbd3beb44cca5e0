/*
 * Results in the booklet: per activity a table of its measured indicators
 * and the events that name it, "Results at a glance" in the overview and
 * the glossary's entries on how results are judged (the chapter "Record of
 * implementation" is pdf_sec_record.c). A family of sections of its own (pdf_sections.h); every
 * size comes from the style table.
 *
 * A results table is a list of rows of kind PDF_K_RESULTS. Each row's cells
 * are broken into lines here, in the prepare pass (which also measures every
 * glyph, so the font subsets hold them), and kept in the context's arena:
 * the item's `text` points at its struct res_row.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_results.h"
#include "pdf/pdf_sections.h"

static const char *arena_fmt(struct pdf_ctx *ctx, enum wp_label l, const char *arg)
{
    return wp_pdf_fmt(ctx, l, (const char *[]){arg}, 1);
}

bool wp_pdf_has_measured(const struct wp_plan *plan)
{
    for (size_t i = 0; i < plan->n_activities; i++)
        if (plan->activities[i]->n_measured)
            return true;
    return false;
}

static const char *long_date(struct pdf_ctx *ctx, struct wp_date d)
{
    char buf[96];
    wp_format_date(buf, sizeof(buf), ctx->lang, d);
    return wp_arena_strdup(&ctx->arena, buf);
}

/* Copies the cells into the arena and adds the row as one item. */
static size_t add_row(struct pdf_ctx *ctx, struct res_row *row, const struct res_cell_tmp *cells,
                      uint32_t flags, int32_t repeat)
{
    float h = wp_pdf_res_row_height(ctx, row->cols, cells);
    for (size_t k = 0; k < row->cols->n; k++) {
        struct res_line *lines = NULL;
        if (cells[k].n) {
            lines = wp_arena_alloc(&ctx->arena, cells[k].n * sizeof(*lines));
            memcpy(lines, cells[k].lines, cells[k].n * sizeof(*lines));
        }
        row->cell[k] = (struct res_cell){lines, cells[k].n};
    }
    struct res_row *kept = wp_arena_alloc(&ctx->arena, sizeof(*kept));
    *kept = *row;
    /* the item points at its row: a char pointer may point at any object */
    return wp_pdf_flow_item(ctx, h, flags, repeat,
                            (struct pdf_draw){.kind = PDF_K_RESULTS,
                                              .text = (const char *)(const void *)kept,
                                              .anchor = -1,
                                              .ref = -1});
}

/* A header row: each title broken at its column's width. */
static size_t add_head(struct pdf_ctx *ctx, const struct res_cols *cols,
                       const enum wp_label *titles, uint32_t flags, int32_t repeat)
{
    struct res_cell_tmp cells[RES_MAX_COLS] = {0};
    for (size_t k = 0; k < cols->n; k++)
        wp_pdf_res_cell_add(ctx, &cells[k], PDF_T_TABLE_HEAD, wp_pdf_sec_label(ctx, titles[k]),
                            wp_pdf_res_text_width(ctx, cols, k, false));
    struct res_row row = {.cols = cols, .shaded = true, .head = true};
    return add_row(ctx, &row, cells, flags | PDF_KEEP_WITH_NEXT, repeat);
}

/* ---- the results table of an activity --------------------------------------------------- */

static struct res_cols *table_cols(struct pdf_ctx *ctx)
{
    const struct pdf_style *st = ctx->st;
    struct res_cols *c = wp_arena_alloc(&ctx->arena, sizeof(*c));
    memset(c, 0, sizeof(*c));
    c->n = RC_N;
    float fixed[RC_N] = {0,
                         st->res_col_unit,
                         st->res_col_base,
                         st->res_col_target,
                         st->res_col_value,
                         st->res_col_share};
    float rest = ctx->content_w;
    for (size_t k = 1; k < RC_N; k++)
        rest -= fixed[k];
    fixed[RC_TEXT] = rest;
    float x = 0;
    for (size_t k = 0; k < RC_N; k++) {
        c->x[k] = x;
        c->w[k] = fixed[k];
        c->right[k] = k == RC_BASE || k == RC_TARGET || k == RC_VALUE;
        x += fixed[k];
    }
    return c;
}

/* Measures the row now; it is formatted again when drawn, so nothing of it is kept. */
static void indicator_row(struct pdf_ctx *ctx, const struct res_cols *cols,
                          const struct wp_indicator *ind, int32_t head)
{
    struct res_cell_tmp cells[RES_MAX_COLS] = {0};
    struct res_strings sc;
    struct res_row row = {.cols = cols};
    wp_pdf_fonts_where(&ctx->fonts, "activity", ind->activity ? ind->activity->id : NULL,
                       "indicators", ind->pos);
    wp_pdf_res_indicator_cells(ctx, cols, ind, &sc, cells, &row);
    wp_pdf_flow_item(ctx, wp_pdf_res_row_height(ctx, cols, cells), 0, head,
                     (struct pdf_draw){.kind = PDF_K_RESULTS,
                                       .text = (const char *)(const void *)ind,
                                       .anchor = -1,
                                       .ref = RES_REF_INDICATOR});
}

static void activity_events(struct pdf_ctx *ctx, const struct wp_activity *a, int32_t repeat)
{
    if (!a->n_events)
        return;
    const char **v = wp_arena_alloc(&ctx->arena, a->n_events * sizeof(*v));
    for (size_t k = 0; k < a->n_events; k++) {
        const struct wp_event *e = a->events[k];
        char date[96];
        wp_format_date(date, sizeof(date), ctx->lang, e->date);
        wp_pdf_fonts_where(&ctx->fonts, "event", a->id, "title", (struct wp_pos){0, 0});
        struct wp_buf b = WP_BUF_INIT;
        wp_buf_addf(&b, "%s \xe2\x80\x93 %s", date, wp_pdf_sec_text(ctx, &e->title));
        v[k] = wp_arena_strdup(&ctx->arena, b.data);
        wp_buf_release(&b);
    }
    wp_pdf_flow_field_list(ctx, wp_pdf_sec_label(ctx, WP_L_RES_EVENTS), v, NULL, a->n_events,
                           repeat, true);
}

void wp_pdf_prepare_activity_results(struct pdf_ctx *ctx, const struct wp_activity *a,
                                     int32_t repeat)
{
    const struct pdf_style *st = ctx->st;
    if (a->n_measured) {
        static const enum wp_label titles[RC_N] = {WP_L_RES_INDICATOR, WP_L_RES_UNIT,
                                                   WP_L_RES_BASELINE,  WP_L_RES_TARGET,
                                                   WP_L_RES_LATEST,    WP_L_RES_SHARE};
        if (!ctx->sec.results_cols)
            ctx->sec.results_cols = table_cols(ctx);
        struct res_cols *cols = ctx->sec.results_cols;
        wp_pdf_flow_gap(ctx, st->field_gap + st->para_gap);
        size_t lab =
            wp_pdf_flow_text(ctx, &(struct pdf_text_opts){.role = PDF_T_LABEL, .repeat = repeat},
                             wp_pdf_sec_label(ctx, WP_L_RES_RESULTS));
        if (lab != SIZE_MAX)
            for (size_t k = lab; k < ctx->flow.n_items; k++)
                ctx->flow.items[k].flags |= PDF_KEEP_WITH_NEXT;
        wp_pdf_flow_gap(ctx, st->res_table_gap);
        /* the rows are tagged as they are drawn (TR; TH for the titles and each indicator) */
        wp_pdf_tag(ctx, PDF_S_TABLE, 0, NULL);
        size_t head;
        if (cols->head) {
            head =
                wp_pdf_flow_item(ctx, cols->head_h, PDF_KEEP_WITH_NEXT, repeat,
                                 (struct pdf_draw){.kind = PDF_K_RESULTS,
                                                   .text = (const char *)(const void *)cols->head,
                                                   .anchor = -1,
                                                   .ref = -1});
        } else {
            head = add_head(ctx, cols, titles, 0, repeat);
            cols->head = (const struct res_row *)(const void *)ctx->flow.draws[head].text;
            cols->head_h = ctx->flow.items[head].height;
        }
        for (size_t k = 0; k < a->n_measured; k++)
            indicator_row(ctx, cols, &a->measured[k], (int32_t)head);
        wp_pdf_tag_end(ctx);
        wp_pdf_flow_gap(ctx, st->para_gap);
    }
    activity_events(ctx, a, repeat);
}

/* ---- results at a glance ------------------------------------------------------------------- */

enum { RG_AREA, RG_MEASURED, RG_REPORTED, RG_ON_TRACK, RG_REACHED, RG_N };

struct res_counts {
    size_t n[RG_N]; /* RG_AREA unused */
};

static void count_area(struct pdf_ctx *ctx, const struct wp_area *area, struct res_counts *c)
{
    for (size_t i = 0; i < area->n_activities; i++) {
        const struct wp_activity *a = &area->activities[i];
        for (size_t k = 0; k < a->n_measured; k++) {
            const struct wp_indicator *ind = &a->measured[k];
            c->n[RG_MEASURED]++;
            c->n[RG_REPORTED] += ind->has_value;
            c->n[RG_ON_TRACK] += wp_indicator_on_track(ind, ctx->today);
            c->n[RG_REACHED] += wp_indicator_reached(ind);
        }
    }
}

static void glance_row(struct pdf_ctx *ctx, const struct res_cols *cols, const char *title,
                       const struct res_counts *c, bool total, int32_t head)
{
    struct res_cell_tmp cells[RES_MAX_COLS] = {0};
    enum pdf_role role = total ? PDF_T_TABLE_HEAD : PDF_T_TABLE;
    wp_pdf_res_cell_add(ctx, &cells[RG_AREA], role, title,
                        wp_pdf_res_text_width(ctx, cols, RG_AREA, false));
    for (size_t k = RG_MEASURED; k < RG_N; k++) {
        char num[32];
        snprintf(num, sizeof(num), "%zu", c->n[k]);
        wp_pdf_res_cell_add(ctx, &cells[k], role, wp_arena_strdup(&ctx->arena, num),
                            wp_pdf_res_text_width(ctx, cols, k, false));
    }
    struct res_row row = {.cols = cols, .shaded = total};
    add_row(ctx, &row, cells, 0, head);
}

void wp_pdf_prepare_results_glance(struct pdf_ctx *ctx, int32_t anchor)
{
    const struct pdf_style *st = ctx->st;
    const struct wp_plan *plan = ctx->plan;
    static const enum wp_label titles[RG_N] = {WP_L_AREA, WP_L_RES_MEASURED, WP_L_RES_REPORTED,
                                               WP_L_RES_ON_TRACK_COL, WP_L_RES_REACHED_COL};
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, "results at a glance", (struct wp_pos){0, 0});
    wp_pdf_flow_gap(ctx, st->section_gap);
    wp_pdf_flow_heading(ctx, PDF_T_H2, wp_pdf_sec_label(ctx, WP_L_RES_GLANCE), anchor, 0, NULL);
    wp_pdf_flow_gap(ctx, st->res_table_gap);
    size_t note =
        wp_pdf_flow_text(ctx, &(struct pdf_text_opts){.role = PDF_T_MUTED, .repeat = -1},
                         arena_fmt(ctx, WP_L_RES_GLANCE_NOTE, long_date(ctx, ctx->today)));
    if (note != SIZE_MAX)
        for (size_t k = note; k < ctx->flow.n_items; k++)
            ctx->flow.items[k].flags |= PDF_KEEP_WITH_NEXT;
    wp_pdf_flow_gap(ctx, st->res_table_gap * 2);
    struct res_cols *cols = wp_arena_alloc(&ctx->arena, sizeof(*cols));
    memset(cols, 0, sizeof(*cols));
    cols->n = RG_N;
    cols->w[RG_AREA] = ctx->content_w - (RG_N - 1) * st->res_glance_num_col;
    for (size_t k = 1; k < RG_N; k++) {
        cols->x[k] = cols->x[k - 1] + cols->w[k - 1];
        cols->w[k] = st->res_glance_num_col;
        cols->right[k] = true;
    }
    wp_pdf_tag(ctx, PDF_S_TABLE, 0, NULL);
    size_t head = add_head(ctx, cols, titles, 0, -1);
    struct res_counts total = {{0}};
    for (size_t a = 0; a < plan->n_areas; a++) {
        struct res_counts c = {{0}};
        count_area(ctx, &plan->areas[a], &c);
        for (size_t k = 0; k < RG_N; k++)
            total.n[k] += c.n[k];
        wp_pdf_fonts_where(&ctx->fonts, "area", plan->areas[a].id, "title",
                           plan->areas[a].title.pos);
        glance_row(ctx, cols, wp_pdf_sec_text(ctx, &plan->areas[a].title), &c, false,
                   (int32_t)head);
    }
    glance_row(ctx, cols, wp_pdf_sec_label(ctx, WP_L_TOTAL), &total, true, (int32_t)head);
    wp_pdf_tag_end(ctx);
}

/* ---- the glossary ------------------------------------------------------------------------------
 */

void wp_pdf_prepare_results_glossary(struct pdf_ctx *ctx)
{
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, "glossary", (struct wp_pos){0, 0});
    wp_pdf_flow_gap(ctx, ctx->st->section_gap * 0.75f);
    wp_pdf_flow_heading(ctx, PDF_T_H3, wp_pdf_sec_label(ctx, WP_L_RES_RESULTS), -1, 0, NULL);
    wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_RES_GLOSSARY_SHARE),
                      wp_pdf_sec_label(ctx, WP_L_RES_GLOSSARY_SHARE_TEXT), -1, PDF_T_BODY, 0, NULL);
    wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_RES_ON_TRACK_COL),
                      arena_fmt(ctx, WP_L_RES_GLOSSARY_ON_TRACK_TEXT, long_date(ctx, ctx->today)),
                      -1, PDF_T_BODY, 0, NULL);
    wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_RES_REACHED_COL),
                      wp_pdf_sec_label(ctx, WP_L_RES_GLOSSARY_REACHED_TEXT), -1, PDF_T_BODY, 0,
                      NULL);
    const char *lower = wp_pdf_sec_label(ctx, WP_L_RES_LOWER_BETTER);
    /* the label column starts with a capital, as the other entries do */
    char cap[96];
    snprintf(cap, sizeof(cap), "%s", lower);
    if (cap[0] >= 'a' && cap[0] <= 'z')
        cap[0] = (char)(cap[0] - 'a' + 'A');
    wp_pdf_flow_field(ctx, wp_arena_strdup(&ctx->arena, cap),
                      wp_pdf_sec_label(ctx, WP_L_RES_GLOSSARY_LOWER_TEXT), -1, PDF_T_BODY, 0, NULL);
}
