/*
 * The overview chapter ("at a glance"): the areas x status table, the
 * results at a glance (pdf_sec_results.c) and the timeline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_sections.h"

static int *count_statuses(struct pdf_ctx *ctx)
{
    const struct wp_plan *plan = ctx->plan;
    int *c = wp_arena_alloc(&ctx->arena, (plan->n_areas + 1) * WP_STATUS_COUNT * sizeof(int));
    for (size_t i = 0; i < plan->n_activities; i++) {
        const struct wp_activity *a = plan->activities[i];
        size_t row = a->area ? a->area->index : 0;
        c[row * WP_STATUS_COUNT + a->current.status]++;
        c[plan->n_areas * WP_STATUS_COUNT + a->current.status]++;
    }
    return c;
}

/* Width of the widest word of s, so column titles never break inside a word. */
static double widest_word(struct pdf_ctx *ctx, enum pdf_role role, const char *s)
{
    double w = 0;
    while (*s) {
        size_t n = strcspn(s, " ");
        double ww = wp_pdf_width(ctx, role, s, n);
        if (ww > w)
            w = ww;
        s += n;
        s += strspn(s, " ");
    }
    return w;
}

/* Status columns as wide as their longest word needs; the area column takes the rest. */
static void glance_columns(struct pdf_ctx *ctx)
{
    const struct pdf_style *st = ctx->st;
    float cw = (ctx->content_w - st->glance_first_col) / (WP_STATUS_COUNT + 1);
    for (int s = 0; s <= WP_STATUS_COUNT; s++) {
        const char *h = s < WP_STATUS_COUNT ? wp_status_label(ctx->lang, (enum wp_status)s)
                                            : wp_pdf_sec_label(ctx, WP_L_TOTAL);
        float need =
            (float)widest_word(ctx, PDF_T_TABLE_HEAD, h) + 2 * st->cell_pad + st->glance_col_slack;
        if (need > cw)
            cw = need;
    }
    ctx->sec.glance_cw = cw;
    ctx->sec.glance_first = ctx->content_w - cw * (WP_STATUS_COUNT + 1);
}

static void prepare_glance_table(struct pdf_ctx *ctx, const struct toc_plan *t)
{
    const struct pdf_style *st = ctx->st;
    const struct wp_plan *plan = ctx->plan;
    ctx->sec.status_counts = count_statuses(ctx);
    wp_pdf_flow_gap(ctx, st->section_gap);
    wp_pdf_flow_heading(ctx, PDF_T_H2, wp_pdf_sec_label(ctx, WP_L_STATUS_BY_AREA), t->glance_table,
                        0, NULL);
    wp_pdf_flow_gap(ctx, st->table_gap);
    /* the header row: as many lines as its longest column title needs */
    glance_columns(ctx);
    float cw = ctx->sec.glance_cw - 2 * st->cell_pad;
    size_t lines = wp_pdf_break_lines(
        wp_pdf_measure(ctx, PDF_T_TABLE_HEAD), st->text[PDF_T_TABLE_HEAD].size,
        wp_pdf_sec_label(ctx, WP_L_AREA), strlen(wp_pdf_sec_label(ctx, WP_L_AREA)),
        ctx->sec.glance_first - 2 * st->cell_pad, &ctx->flow.lines);
    for (int s = 0; s <= WP_STATUS_COUNT; s++) {
        const char *h = s < WP_STATUS_COUNT ? wp_status_label(ctx->lang, (enum wp_status)s)
                                            : wp_pdf_sec_label(ctx, WP_L_TOTAL);
        size_t n =
            wp_pdf_break_lines(wp_pdf_measure(ctx, PDF_T_TABLE_HEAD),
                               st->text[PDF_T_TABLE_HEAD].size, h, strlen(h), cw, &ctx->flow.lines);
        if (n > lines)
            lines = n;
    }
    float head_h = (float)lines * st->text[PDF_T_TABLE_HEAD].leading + 2 * st->cell_pad;
    /* the rows are tagged as they are drawn (TR, TH with their scope, TD) */
    wp_pdf_tag(ctx, PDF_S_TABLE, 0, NULL);
    size_t head =
        wp_pdf_flow_item(ctx, head_h, PDF_KEEP_WITH_NEXT, -1,
                         (struct pdf_draw){.kind = PDF_K_GLANCE, .ref = -1, .anchor = -1});
    for (size_t a = 0; a <= plan->n_areas; a++) {
        const char *title = a < plan->n_areas ? wp_pdf_sec_text(ctx, &plan->areas[a].title)
                                              : wp_pdf_sec_label(ctx, WP_L_TOTAL);
        enum pdf_role role = a < plan->n_areas ? PDF_T_TABLE : PDF_T_TABLE_HEAD;
        if (a < plan->n_areas)
            wp_pdf_fonts_where(&ctx->fonts, "area", plan->areas[a].id, "title",
                               plan->areas[a].title.pos);
        size_t n =
            wp_pdf_break_lines(wp_pdf_measure(ctx, role), st->text[role].size, title, strlen(title),
                               ctx->sec.glance_first - 2 * st->cell_pad, &ctx->flow.lines);
        if (n == 0)
            n = 1;
        wp_pdf_flow_item(ctx, (float)n * st->text[role].leading + 2 * st->cell_pad, 0,
                         (int32_t)head,
                         (struct pdf_draw){.kind = PDF_K_GLANCE,
                                           .ref = (int32_t)a,
                                           .role = (uint8_t)role,
                                           .text = title,
                                           .len = (uint32_t)strlen(title),
                                           .anchor = -1});
    }
    wp_pdf_tag_end(ctx);
}

static float legend_height(struct pdf_ctx *ctx)
{
    /* the same walk as the drawing: swatch, label, then the next status */
    const struct pdf_style *st = ctx->st;
    float x = 0, rows = 1;
    for (int s = 0; s < WP_STATUS_COUNT; s++) {
        const char *l = wp_status_label(ctx->lang, (enum wp_status)s);
        float w = wp_pdf_legend_entry_w(ctx, l);
        if (x > 0 && x + w > ctx->content_w)
            rows++, x = 0;
        x += w;
    }
    return rows * st->text[PDF_T_SMALL].leading + st->legend_pad;
}

static void prepare_timeline(struct pdf_ctx *ctx, const struct toc_plan *t)
{
    const struct pdf_style *st = ctx->st;
    const struct wp_plan *plan = ctx->plan;
    wp_pdf_flow_gap(ctx, st->part_gap);
    wp_pdf_flow_heading(ctx, PDF_T_H2, wp_pdf_sec_label(ctx, WP_L_TIMELINE), t->timeline, 0, NULL);
    wp_pdf_flow_gap(ctx, st->small_gap);
    wp_pdf_flow_item(ctx, legend_height(ctx), PDF_KEEP_WITH_NEXT, -1,
                     (struct pdf_draw){.kind = PDF_K_LEGEND, .anchor = -1});
    wp_pdf_flow_gap(ctx, st->small_gap);
    ctx->sec.gantt_from = wp_date_serial((struct wp_date){plan->period_from, 1, 1});
    ctx->sec.gantt_to = wp_date_serial((struct wp_date){plan->period_to + 1, 1, 1});
    ctx->sec.n_quarters = (plan->period_to - plan->period_from + 1) * 4;
    /* quarter labels ("Q1"): the template without its year */
    char q[64];
    for (int k = 1; k <= 4; k++) {
        char num[16];
        snprintf(num, sizeof(num), "%d", k);
        wp_label_fill(q, sizeof(q), wp_label(ctx->lang, WP_L_QUARTER_ABBR),
                      (const char *[]){num, ""}, 2);
        size_t n = strlen(q);
        while (n > 0 && q[n - 1] == ' ')
            q[--n] = 0;
        ctx->sec.quarter_label[k - 1] = wp_arena_strdup(&ctx->arena, q);
        wp_pdf_width(ctx, PDF_T_GANTT_HEAD, q, n);
    }
    wp_pdf_tag(ctx, PDF_S_TABLE, 0, NULL);
    size_t head = wp_pdf_flow_item(ctx, st->gantt_head_h, PDF_KEEP_WITH_NEXT, -1,
                                   (struct pdf_draw){.kind = PDF_K_GANTT_HEAD, .anchor = -1});
    float label_w = st->gantt_label_w - st->gantt_label_pad;
    for (size_t a = 0; a < plan->n_areas; a++) {
        const struct wp_area *area = &plan->areas[a];
        wp_pdf_fonts_where(&ctx->fonts, "area", area->id, "title", area->title.pos);
        const char *s =
            wp_pdf_sec_printf(ctx, "%s  %s", area->id, wp_pdf_sec_text(ctx, &area->title));
        uint32_t len;
        const char *fit =
            wp_pdf_fit(ctx, PDF_T_GANTT_HEAD, s, ctx->content_w - st->gantt_area_pad, &len);
        wp_pdf_flow_item(ctx, st->gantt_row_h + st->gantt_area_extra, PDF_KEEP_WITH_NEXT,
                         (int32_t)head,
                         (struct pdf_draw){.kind = PDF_K_GANTT_AREA,
                                           .text = fit,
                                           .len = len,
                                           .ref = (int32_t)a,
                                           .anchor = -1});
        for (size_t i = 0; i < area->n_activities; i++) {
            const struct wp_activity *act = &area->activities[i];
            wp_pdf_fonts_where(&ctx->fonts, "activity", act->id, "title", act->title.pos);
            const char *title = wp_pdf_sec_text(ctx, &act->title);
            const char *l = wp_pdf_sec_printf(ctx, "%s  %s", act->id, title);
            const char *f = wp_pdf_fit(ctx, PDF_T_GANTT, l, label_w, &len);
            wp_pdf_flow_item(ctx, st->gantt_row_h, 0, (int32_t)head,
                             (struct pdf_draw){.kind = PDF_K_GANTT_ROW,
                                               .text = f,
                                               .len = len,
                                               .ref = (int32_t)act->index,
                                               .anchor = -1});
        }
    }
    wp_pdf_tag_end(ctx);
}

void wp_pdf_prepare_overview(struct pdf_ctx *ctx, const struct toc_plan *t)
{
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, "at a glance", (struct wp_pos){0, 0});
    wp_pdf_flow_chapter(ctx, wp_pdf_sec_label(ctx, WP_L_AT_A_GLANCE), t->glance);
    prepare_glance_table(ctx, t);
    if (t->results >= 0)
        wp_pdf_prepare_results_glance(ctx, t->results);
    prepare_timeline(ctx, t);
    wp_pdf_tag_end(ctx);
}

/* A labelled bullet list of an activity's texts (outputs, indicators), when it has any. */
