/*
 * The area chapters: each area's title, summary and objectives, then its
 * activities, one block each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_sections.h"

static void add_text_list_field(struct pdf_ctx *ctx, const struct wp_activity *a, const char *field,
                                enum wp_label title, const struct wp_text_list *list, int32_t rep)
{
    if (!list->n)
        return;
    const char **v = wp_arena_alloc(&ctx->arena, list->n * sizeof(*v));
    const char **langs = wp_arena_alloc(&ctx->arena, list->n * sizeof(*langs));
    for (size_t k = 0; k < list->n; k++) {
        v[k] = wp_pdf_sec_text(ctx, &list->items[k]);
        langs[k] = wp_pdf_text_lang(ctx, &list->items[k]);
    }
    wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, field, list->pos);
    wp_pdf_flow_field_list(ctx, wp_pdf_sec_label(ctx, title), v, langs, list->n, rep, true);
}

/* The links field: a list of links, its label beside the first. */
static void add_links(struct pdf_ctx *ctx, const struct wp_activity *a, int32_t rep)
{
    if (a->links.n == 0)
        return;
    wp_pdf_tag_field_begin(ctx);
    wp_pdf_tag(ctx, PDF_S_L, 0, NULL);
    for (size_t k = 0; k < a->links.n; k++) {
        const char *url = a->links.items[k].s;
        wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "links", a->links.items[k].pos);
        if (k == 0)
            wp_pdf_flow_gap(ctx, ctx->st->field_gap);
        size_t first = ctx->flow.n_items;
        wp_pdf_tag(ctx, PDF_S_LI, 0, NULL);
        wp_pdf_tag(ctx, PDF_S_LBODY, 0, NULL);
        struct pdf_text_opts lo = {.role = PDF_T_LINK,
                                   .x = ctx->st->label_col,
                                   .repeat = rep,
                                   .uri = url,
                                   .tag = PDF_S_LINK};
        wp_pdf_flow_lines(ctx, &lo, url, strlen(url));
        if (k == 0)
            wp_pdf_flow_label(ctx, first, wp_pdf_sec_label(ctx, WP_L_LINKS), 0, PDF_T_LINK, rep);
        wp_pdf_tag_end(ctx);
        wp_pdf_tag_end(ctx);
    }
    wp_pdf_tag_end(ctx);
    wp_pdf_tag_field_end(ctx);
}

/* The activity's title (kept with its status row) and status badge; the title's item,
 * which its other items repeat at a page top. */
static int32_t activity_head(struct pdf_ctx *ctx, const struct wp_activity *a)
{
    const struct pdf_style *st = ctx->st;
    wp_pdf_flow_gap(ctx, st->block_gap);
    wp_pdf_flow_item(ctx, st->rule_h, PDF_KEEP_WITH_NEXT, -1,
                     (struct pdf_draw){.kind = PDF_K_RULE, .w = ctx->content_w, .anchor = -1});
    wp_pdf_flow_gap(ctx, st->heading_gap);
    wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "title", a->title.pos);
    const char *title = wp_pdf_sec_text(ctx, &a->title);
    const char *head = wp_pdf_sec_printf(ctx, "%s  %s", a->id, title);
    int32_t anchor = ctx->plan->n_activities <= st->outline_activities_max
                         ? wp_pdf_flow_anchor(ctx, head, 1, false)
                         : -1;
    struct pdf_text_opts o = {.role = PDF_T_ACTIVITY,
                              .keep = PDF_KEEP_WITH_NEXT,
                              .repeat = -1,
                              .flags = PDF_D_CONT,
                              .tag = PDF_S_H3,
                              .lang = wp_pdf_text_lang(ctx, &a->title)};
    size_t first = wp_pdf_flow_lines(ctx, &o, head, strlen(head));
    if (anchor >= 0)
        wp_pdf_flow_set_anchor(ctx, anchor, first);
    ctx->flow.draws[first].ref = (int32_t)a->index;
    int32_t rep = (int32_t)first;
    /* "continued" is drawn in the muted style: measure it now, before embedding */
    wp_pdf_width(ctx, PDF_T_MUTED, a->id, strlen(a->id));

    wp_pdf_flow_gap(ctx, st->small_gap);
    /* kept with what follows, so no title and badge end a page alone */
    wp_pdf_flow_item(
        ctx, st->status_row_h, PDF_KEEP_WITH_NEXT, rep,
        (struct pdf_draw){.kind = PDF_K_STATUS, .ref = (int32_t)a->index, .anchor = -1});
    return rep;
}

/* Lead, partners, timeframe and modality. */
static void activity_who_when(struct pdf_ctx *ctx, const struct wp_activity *a, int32_t rep)
{
    wp_pdf_flow_gap(ctx, ctx->st->small_gap);
    wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "lead", a->lead.pos);
    wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_LEAD), wp_pdf_sec_join_refs(ctx, &a->lead),
                      rep, PDF_T_BODY, 0, NULL);
    if (a->partners.n) {
        wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "partners", a->partners.pos);
        wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_PARTNERS),
                          wp_pdf_sec_join_refs(ctx, &a->partners), rep, PDF_T_BODY, 0, NULL);
    }
    char buf[256];
    wp_format_timeframe(buf, sizeof(buf), ctx->lang, &a->start, &a->end);
    wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "timeframe", a->start.pos);
    wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_TIMEFRAME), wp_arena_strdup(&ctx->arena, buf),
                      rep, PDF_T_BODY, 0, NULL);
    if (a->modality.n) {
        struct wp_buf b = WP_BUF_INIT;
        for (size_t k = 0; k < a->modality.n; k++) {
            if (k)
                wp_buf_adds(&b, ", ");
            wp_buf_adds(&b, wp_pdf_sec_text(ctx, &a->modality.items[k]));
        }
        wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "modality", a->modality.pos);
        wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_MODALITY),
                          wp_arena_strdup(&ctx->arena, b.data), rep, PDF_T_BODY, 0, NULL);
        wp_buf_release(&b);
    }
}

/* The latest progress note, with its date in the same cell when it has one. */
static void activity_note(struct pdf_ctx *ctx, const struct wp_activity *a, int32_t rep)
{
    const struct pdf_style *st = ctx->st;
    wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "note", a->current.note.pos);
    const char *note = wp_pdf_sec_text(ctx, &a->current.note);
    if (!a->current.note_date.year) {
        wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_LATEST_NOTE), note, rep, PDF_T_BODY, 0,
                          NULL);
        return;
    }
    char buf[128];
    wp_format_date(buf, sizeof(buf), ctx->lang, a->current.note_date);
    wp_pdf_flow_gap(ctx, st->field_gap);
    size_t at = ctx->flow.n_items;
    wp_pdf_tag_field_begin(ctx);
    struct pdf_text_opts dt = {.role = PDF_T_MUTED, .x = st->label_col, .repeat = rep};
    const char *date = wp_arena_strdup(&ctx->arena, buf);
    wp_pdf_flow_lines(ctx, &dt, date, strlen(date));
    wp_pdf_flow_label(ctx, at, wp_pdf_sec_label(ctx, WP_L_LATEST_NOTE), 0, PDF_T_MUTED, rep);
    struct pdf_text_opts n = {.role = PDF_T_BODY,
                              .x = st->label_col,
                              .repeat = rep,
                              .lang = wp_pdf_text_lang(ctx, &a->current.note)};
    wp_pdf_flow_paragraphs(ctx, &n, note, st->note_para_gap);
    wp_pdf_tag_field_end(ctx);
}

static void activity_sdgs(struct pdf_ctx *ctx, const struct wp_activity *a, int32_t rep)
{
    char buf[256];
    const char **v = wp_arena_alloc(&ctx->arena, a->sdgs.n * sizeof(*v));
    for (size_t k = 0; k < a->sdgs.n; k++) {
        int g = a->sdgs.items[k].v;
        snprintf(buf, sizeof(buf), "%s %d \xe2\x80\x93 %s", wp_pdf_sec_label(ctx, WP_L_SDG_SHORT),
                 g, wp_sdg_name(ctx->lang, g));
        v[k] = wp_arena_strdup(&ctx->arena, buf);
    }
    wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "sdgs", a->sdgs.pos);
    wp_pdf_flow_field_list(ctx, wp_pdf_sec_label(ctx, WP_L_SDGS), v, NULL, a->sdgs.n, rep, false);
}

static void prepare_activity(struct pdf_ctx *ctx, const struct wp_activity *a)
{
    const struct pdf_style *st = ctx->st;
    int32_t rep = activity_head(ctx, a);
    if (wp_text_is_set(&a->description)) {
        wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "description", a->description.pos);
        wp_pdf_flow_gap(ctx, st->small_gap);
        struct pdf_text_opts d = {
            .role = PDF_T_BODY, .repeat = rep, .lang = wp_pdf_text_lang(ctx, &a->description)};
        wp_pdf_flow_paragraphs(ctx, &d, wp_pdf_sec_text(ctx, &a->description), st->para_gap);
    }
    activity_who_when(ctx, a, rep);
    if (wp_text_is_set(&a->current.note))
        activity_note(ctx, a, rep);
    add_text_list_field(ctx, a, "outputs", WP_L_OUTPUTS, &a->outputs, rep);
    add_text_list_field(ctx, a, "indicators", WP_L_INDICATORS, &a->indicators, rep);
    wp_pdf_prepare_activity_results(ctx, a, rep);
    if (a->sdgs.n)
        activity_sdgs(ctx, a, rep);
    if (wp_text_is_set(&a->focal_point)) {
        wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "focal_point", a->focal_point.pos);
        wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_FOCAL_POINT),
                          wp_pdf_sec_text(ctx, &a->focal_point), rep, PDF_T_BODY, 0, NULL);
    }
    add_links(ctx, a, rep);
}

void wp_pdf_prepare_area(struct pdf_ctx *ctx, const struct wp_area *area, int32_t anchor)
{
    const struct pdf_style *st = ctx->st;
    wp_pdf_fonts_where(&ctx->fonts, "area", area->id, "title", area->title.pos);
    wp_pdf_tag(ctx, PDF_S_SECT, 0, NULL);
    const char *kicker =
        wp_pdf_sec_printf(ctx, "%s %s", wp_pdf_sec_label(ctx, WP_L_AREA), area->id);
    size_t first = wp_pdf_flow_heading(ctx, PDF_T_KICKER, kicker, -1, 0, NULL);
    ctx->flow.items[first].flags |= PDF_BREAK_BEFORE;
    wp_pdf_flow_heading(ctx, PDF_T_H1, wp_pdf_sec_text(ctx, &area->title), anchor, 0,
                        wp_pdf_text_lang(ctx, &area->title));
    if (wp_text_is_set(&area->summary)) {
        wp_pdf_fonts_where(&ctx->fonts, "area", area->id, "summary", area->summary.pos);
        wp_pdf_flow_gap(ctx, st->summary_gap);
        struct pdf_text_opts o = {
            .role = PDF_T_LEAD, .repeat = -1, .lang = wp_pdf_text_lang(ctx, &area->summary)};
        wp_pdf_flow_paragraphs(ctx, &o, wp_pdf_sec_text(ctx, &area->summary), st->para_gap);
    }
    if (area->objectives.n) {
        wp_pdf_flow_gap(ctx, st->section_gap);
        wp_pdf_fonts_where(&ctx->fonts, "area", area->id, "objectives", area->objectives.pos);
        wp_pdf_flow_heading(ctx, PDF_T_H2, wp_pdf_sec_label(ctx, WP_L_OBJECTIVES), -1, 0, NULL);
        wp_pdf_flow_gap(ctx, st->small_gap);
        wp_pdf_tag(ctx, PDF_S_L, 0, NULL);
        for (size_t k = 0; k < area->objectives.n; k++) {
            wp_pdf_flow_gap(ctx, st->item_gap);
            struct pdf_text_opts o = {.role = PDF_T_BODY,
                                      .repeat = -1,
                                      .flags = PDF_D_BULLET,
                                      .tag = PDF_S_LBODY,
                                      .lang = wp_pdf_text_lang(ctx, &area->objectives.items[k])};
            const char *s = wp_pdf_sec_text(ctx, &area->objectives.items[k]);
            wp_pdf_tag(ctx, PDF_S_LI, 0, NULL);
            wp_pdf_flow_lines(ctx, &o, s, strlen(s));
            wp_pdf_tag_end(ctx);
        }
        wp_pdf_tag_end(ctx);
    }
    wp_pdf_flow_gap(ctx, st->section_gap);
    wp_pdf_fonts_where(&ctx->fonts, "area", area->id, "activities", area->pos);
    wp_pdf_flow_heading(ctx, PDF_T_H2, wp_pdf_sec_label(ctx, WP_L_ACTIVITIES), -1, 0, NULL);
    if (area->n_activities == 0) {
        wp_pdf_flow_gap(ctx, st->small_gap);
        struct pdf_text_opts o = {.role = PDF_T_BODY, .repeat = -1};
        const char *s = wp_pdf_sec_label(ctx, WP_L_NO_ACTIVITIES);
        wp_pdf_flow_lines(ctx, &o, s, strlen(s));
    }
    for (size_t i = 0; i < area->n_activities; i++)
        prepare_activity(ctx, &area->activities[i]);
    wp_pdf_tag_end(ctx);
}
