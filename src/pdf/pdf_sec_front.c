/*
 * Front matter: the cover, the contents and the foreword.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_sections.h"

void wp_pdf_prepare_cover(struct pdf_ctx *ctx)
{
    const struct wp_plan *plan = ctx->plan;
    const struct pdf_style *st = ctx->st;
    wp_pdf_flow_item(ctx, st->cover_top, 0, -1,
                     (struct pdf_draw){.kind = PDF_K_SPACE, .anchor = -1});
    wp_pdf_tag(ctx, PDF_S_SECT, 0, NULL);
    wp_pdf_fonts_where(&ctx->fonts, "plan", plan->id, "title", plan->title.pos);
    /* the document's first heading */
    struct pdf_text_opts o = {.role = PDF_T_TITLE,
                              .repeat = -1,
                              .tag = PDF_S_H1,
                              .lang = wp_pdf_text_lang(ctx, &plan->title)};
    wp_pdf_flow_paragraphs(ctx, &o, wp_pdf_sec_text(ctx, &plan->title), 0);
    if (wp_text_is_set(&plan->subtitle)) {
        wp_pdf_fonts_where(&ctx->fonts, "plan", plan->id, "subtitle", plan->subtitle.pos);
        wp_pdf_flow_gap(ctx, st->cover_subtitle_gap);
        o.role = PDF_T_SUBTITLE;
        o.tag = PDF_S_P;
        o.lang = wp_pdf_text_lang(ctx, &plan->subtitle);
        wp_pdf_flow_paragraphs(ctx, &o, wp_pdf_sec_text(ctx, &plan->subtitle),
                               st->cover_subtitle_para_gap);
    }
    wp_pdf_flow_gap(ctx, st->cover_rule_gap);
    wp_pdf_flow_item(ctx, st->rule_h, 0, -1,
                     (struct pdf_draw){.kind = PDF_K_RULE, .w = st->cover_rule_w, .anchor = -1});
    wp_pdf_flow_gap(ctx, st->cover_after_rule);
    /* the parties of the plan, each with its members */
    for (size_t k = 0; k < plan->parties.n; k++) {
        const struct wp_party *p = wp_plan_find_party(plan, plan->parties.items[k].s);
        if (!p)
            continue;
        wp_pdf_fonts_where(&ctx->fonts, "party", p->id, "name", p->name.pos);
        wp_pdf_flow_gap(ctx, st->heading_gap);
        /* under the cover's title: the level below it */
        struct pdf_text_opts ho = {.role = PDF_T_H3,
                                   .keep = PDF_KEEP_WITH_NEXT,
                                   .repeat = -1,
                                   .tag = PDF_S_H2,
                                   .lang = wp_pdf_text_lang(ctx, &p->name)};
        const char *pn = wp_pdf_sec_text(ctx, &p->name);
        wp_pdf_flow_lines(ctx, &ho, pn, strlen(pn));
        struct pdf_text_opts mo = {.role = PDF_T_COVER, .repeat = -1};
        wp_pdf_fonts_where(&ctx->fonts, "party", p->id, "members", p->members.pos);
        const char *m = wp_pdf_sec_join_refs(ctx, &p->members);
        wp_pdf_flow_lines(ctx, &mo, m, strlen(m));
    }
    wp_pdf_flow_gap(ctx, st->cover_facts_gap);
    char from[16], to[16];
    snprintf(from, sizeof(from), "%d", plan->period_from);
    snprintf(to, sizeof(to), "%d", plan->period_to);
    wp_pdf_fonts_where(&ctx->fonts, "plan", plan->id, "period", plan->period_pos);
    wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_PERIOD),
                      plan->period_from == plan->period_to
                          ? wp_arena_strdup(&ctx->arena, from)
                          : wp_pdf_fmt(ctx, WP_L_RANGE, (const char *[]){from, to}, 2),
                      -1, PDF_T_COVER, 0, NULL);
    if (plan->adopted.year) {
        char date[96];
        wp_format_date(date, sizeof(date), ctx->lang, plan->adopted);
        wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_ADOPTED),
                          wp_arena_strdup(&ctx->arena, date), -1, PDF_T_COVER, 0, NULL);
    }
    if (plan->version)
        wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_VERSION), plan->version, -1, PDF_T_COVER,
                          0, NULL);
    wp_pdf_tag_end(ctx);
}

void wp_pdf_prepare_contents(struct pdf_ctx *ctx, const struct toc_plan *t)
{
    const struct pdf_style *st = ctx->st;
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, "contents", (struct wp_pos){0, 0});
    wp_pdf_tag(ctx, PDF_S_SECT, 0, NULL);
    size_t first = wp_pdf_flow_heading(ctx, PDF_T_H1, wp_pdf_sec_label(ctx, WP_L_CONTENTS),
                                       t->contents, PDF_BREAK_BEFORE, NULL);
    ctx->flow.items[first].flags |= PDF_BREAK_BEFORE;
    wp_pdf_flow_gap(ctx, st->section_gap);
    wp_pdf_tag(ctx, PDF_S_TOC, 0, NULL);
    for (size_t a = 0; a < ctx->flow.n_anchors; a++) {
        const struct pdf_anchor *an = &ctx->flow.anchors[a];
        if (!an->in_toc)
            continue;
        wp_pdf_tag(ctx, PDF_S_TOCI, 0, NULL);
        wp_pdf_tag(ctx, PDF_S_LINK, 0, NULL);
        enum pdf_role role = an->level == 0 ? PDF_T_TOC1 : PDF_T_TOC2;
        float x = an->level == 0 ? 0 : st->toc_indent2;
        if (an->level == 0)
            wp_pdf_flow_gap(ctx, st->toc_chapter_gap);
        size_t n = wp_pdf_break_lines(
            wp_pdf_measure(ctx, role), st->text[role].size, an->title, strlen(an->title),
            ctx->content_w - x - st->toc_num_w - st->toc_num_gap, &ctx->flow.lines);
        for (size_t k = 0; k < n; k++) {
            const struct pdf_line *ln = &ctx->flow.lines.items[k];
            struct pdf_draw d = {
                .kind = PDF_K_TOC,
                .role = (uint8_t)role,
                .flags = k + 1 == n ? PDF_D_RIGHT : 0, /* the last line has the number */
                .x = x,
                .w = ln->width,
                .text = an->title + ln->start,
                .len = ln->len,
                .anchor = -1,
                .ref = (int32_t)a,
            };
            wp_pdf_flow_item(ctx, st->text[role].leading, k + 1 < n ? PDF_KEEP_WITH_NEXT : 0, -1,
                             d);
        }
        wp_pdf_tag_end(ctx);
        wp_pdf_tag_end(ctx);
    }
    wp_pdf_tag_end(ctx);
    wp_pdf_tag_end(ctx);
}

void wp_pdf_prepare_foreword(struct pdf_ctx *ctx, const struct toc_plan *t)
{
    if (t->foreword < 0)
        return;
    const struct wp_plan *plan = ctx->plan;
    wp_pdf_fonts_where(&ctx->fonts, "plan", plan->id, "foreword", plan->foreword.pos);
    wp_pdf_flow_chapter(ctx, wp_pdf_sec_label(ctx, WP_L_FOREWORD), t->foreword);
    wp_pdf_flow_gap(ctx, ctx->st->section_gap);
    struct pdf_text_opts o = {
        .role = PDF_T_LEAD, .repeat = -1, .lang = wp_pdf_text_lang(ctx, &plan->foreword)};
    wp_pdf_flow_paragraphs(ctx, &o, wp_pdf_sec_text(ctx, &plan->foreword),
                           ctx->st->foreword_para_gap);
    wp_pdf_tag_end(ctx);
}

/* Counts per area and status; row n_areas holds the totals. */
