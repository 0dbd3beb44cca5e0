/*
 * The chapter "Record of implementation": the events of the progress file,
 * in date order, each a field table (date and title, note, activities, link).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_sections.h"

static void record_event(struct pdf_ctx *ctx, const struct wp_event *e)
{
    const struct pdf_style *st = ctx->st;
    char date[96];
    wp_format_date(date, sizeof(date), ctx->lang, e->date);
    wp_pdf_fonts_where(&ctx->fonts, "event", NULL, "title", (struct wp_pos){0, 0});
    wp_pdf_flow_gap(ctx, st->block_gap);
    size_t first = ctx->flow.n_items;
    wp_pdf_flow_field(ctx, wp_arena_strdup(&ctx->arena, date), wp_pdf_sec_text(ctx, &e->title), -1,
                      PDF_T_H3, 0, NULL);
    /* the date and title stay with what the event says */
    for (size_t k = first; k < ctx->flow.n_items; k++)
        ctx->flow.items[k].flags |= PDF_KEEP_WITH_NEXT;
    int32_t rep = (int32_t)first;
    if (wp_text_is_set(&e->note)) {
        wp_pdf_fonts_where(&ctx->fonts, "event", NULL, "note", (struct wp_pos){0, 0});
        wp_pdf_flow_gap(ctx, st->field_gap);
        wp_pdf_flow_paragraphs(
            ctx, &(struct pdf_text_opts){.role = PDF_T_BODY, .x = st->label_col, .repeat = rep},
            wp_pdf_sec_text(ctx, &e->note), st->para_gap);
    }
    if (e->activities.n) {
        const char **v = wp_arena_alloc(&ctx->arena, e->activities.n * sizeof(*v));
        for (size_t k = 0; k < e->activities.n; k++) {
            const char *id = e->activities.items[k].s;
            const struct wp_activity *a = wp_plan_find_activity(ctx->plan, id);
            struct wp_buf b = WP_BUF_INIT;
            wp_buf_addf(&b, "%s  %s", id, a ? wp_pdf_sec_text(ctx, &a->title) : "");
            v[k] = wp_arena_strdup(&ctx->arena, b.data);
            wp_buf_release(&b);
        }
        wp_pdf_fonts_where(&ctx->fonts, "event", NULL, "activities", (struct wp_pos){0, 0});
        wp_pdf_flow_field_list(ctx, wp_pdf_sec_label(ctx, WP_L_ACTIVITIES), v, NULL,
                               e->activities.n, rep, false);
    }
    if (e->link)
        wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_RES_LINK), e->link, rep, PDF_T_LINK, 0,
                          e->link);
}

void wp_pdf_prepare_record(struct pdf_ctx *ctx, int32_t anchor)
{
    const struct pdf_style *st = ctx->st;
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, "record of implementation", (struct wp_pos){0, 0});
    wp_pdf_flow_chapter(ctx, wp_pdf_sec_label(ctx, WP_L_RES_RECORD), anchor);
    wp_pdf_flow_gap(ctx, st->section_gap * 0.75f);
    wp_pdf_flow_paragraphs(ctx, &(struct pdf_text_opts){.role = PDF_T_LEAD, .repeat = -1},
                           wp_pdf_sec_label(ctx, WP_L_RES_RECORD_INTRO), st->para_gap);
    for (size_t i = 0; i < ctx->plan->n_events; i++)
        record_event(ctx, &ctx->plan->events[i]);
    wp_pdf_tag_end(ctx);
}
