/*
 * The booklet's last annex, "Changes since version X (date)": the same
 * sentences as `workplan diff OLD NEW`, from the same wp_diff list, grouped
 * by area in plan order. Positions in the YAML mean nothing to a reader of
 * the booklet and are left out.
 */
#include <string.h>

#include "pdf/pdf_sections.h"
#include "workplan/diff.h"

int32_t wp_pdf_changes_anchor(struct pdf_ctx *ctx)
{
    if (!ctx->since)
        return -1;
    size_t n = wp_diff_title(ctx->since, ctx->lang, NULL, 0);
    char *title = wp_arena_alloc(&ctx->arena, n + 1);
    wp_diff_title(ctx->since, ctx->lang, title, n + 1);
    return wp_pdf_flow_anchor(ctx, title, 1, true);
}

/* The change's sentence (or its group's title) on one line, in the arena. */
static const char *sentence(struct pdf_ctx *ctx, const struct wp_change *c, bool group)
{
    const struct wp_diff *d = ctx->since;
    size_t n = group ? wp_change_group_title(d, c, ctx->lang, NULL, 0)
                     : wp_change_sentence(d, c, ctx->lang, NULL, 0);
    char *s = wp_arena_alloc(&ctx->arena, n + 1);
    if (group)
        wp_change_group_title(d, c, ctx->lang, s, n + 1);
    else
        wp_change_sentence(d, c, ctx->lang, s, n + 1);
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    return s;
}

static bool same_group(const struct wp_change *a, const struct wp_change *b)
{
    return a->area == b->area || (a->area && b->area && strcmp(a->area, b->area) == 0);
}

void wp_pdf_prepare_changes(struct pdf_ctx *ctx, int32_t anchor)
{
    const struct wp_diff *d = ctx->since;
    const struct pdf_style *st = ctx->st;
    if (!d || anchor < 0)
        return;
    ctx->fonts.where_what = NULL;
    ctx->fonts.where_id = NULL;
    ctx->fonts.where_field = "changes";
    ctx->fonts.where_pos = (struct wp_pos){0, 0};
    /* a section of its own: its heading, the summary, a list per group */
    wp_pdf_tag(ctx, PDF_S_SECT, 0, NULL);
    wp_pdf_flow_gap(ctx, st->part_gap);
    wp_pdf_flow_heading(ctx, PDF_T_H2, ctx->flow.anchors[anchor].title, anchor, 0, NULL);
    wp_pdf_flow_gap(ctx, st->para_gap);
    if (d->n == 0) {
        wp_pdf_flow_text(
            ctx, &(struct pdf_text_opts){.role = PDF_T_BODY, .repeat = -1, .tag = PDF_S_AUTO},
            wp_label(ctx->lang, WP_L_CH_NONE_SINCE));
        wp_pdf_tag_end(ctx);
        return;
    }
    size_t n = wp_diff_summary(d, ctx->lang, NULL, 0);
    char *summary = wp_arena_alloc(&ctx->arena, n + 1);
    wp_diff_summary(d, ctx->lang, summary, n + 1);
    wp_pdf_flow_text(
        ctx, &(struct pdf_text_opts){.role = PDF_T_BODY, .repeat = -1, .tag = PDF_S_AUTO}, summary);
    for (size_t i = 0; i < d->n; i++) {
        const struct wp_change *c = &d->changes[i];
        if (i == 0 || !same_group(c, &d->changes[i - 1])) {
            if (i)
                wp_pdf_tag_end(ctx); /* the previous group's list */
            wp_pdf_flow_gap(ctx, st->block_gap);
            wp_pdf_flow_heading(ctx, PDF_T_H3, sentence(ctx, c, true), -1, 0, NULL);
            wp_pdf_tag(ctx, PDF_S_L, 0, NULL);
        }
        wp_pdf_flow_gap(ctx, st->field_gap);
        wp_pdf_tag(ctx, PDF_S_LI, 0, NULL);
        wp_pdf_tag(ctx, PDF_S_LBODY, 0, NULL);
        wp_pdf_flow_text(
            ctx,
            &(struct pdf_text_opts){
                .role = PDF_T_BODY, .repeat = -1, .flags = PDF_D_BULLET, .tag = PDF_S_NONE},
            sentence(ctx, c, false));
        wp_pdf_tag_end(ctx);
        wp_pdf_tag_end(ctx);
    }
    wp_pdf_tag_end(ctx); /* the last group's list */
    wp_pdf_tag_end(ctx); /* the section */
}
