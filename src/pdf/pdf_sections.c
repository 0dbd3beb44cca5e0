/*
 * The prepare pass: the plan becomes a flat list of measured items, one
 * per line of text, table row or timeline row, in document order. Each
 * section is one function. Nothing here calls libharu.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_sections.h"

/* A string made for the booklet, kept in the context's arena. */
const char *wp_pdf_sec_printf(struct pdf_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = wp_arena_alloc(&ctx->arena, (size_t)(n > 0 ? n : 0) + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    va_end(ap);
    return s;
}

const char *wp_pdf_sec_join_refs(struct pdf_ctx *ctx, const struct wp_str_list *l)
{
    struct wp_buf b = WP_BUF_INIT;
    for (size_t k = 0; k < l->n; k++) {
        if (k)
            wp_buf_adds(&b, ", ");
        wp_buf_adds(&b, wp_plan_ref_name(ctx->plan, l->items[k].s, ctx->lang));
    }
    const char *s = wp_arena_strdup(&ctx->arena, b.data);
    wp_buf_release(&b);
    return s;
}

/* ---- the anchors of the contents, declared first so the contents can list them ---- */

static struct toc_plan declare_anchors(struct pdf_ctx *ctx)
{
    const struct wp_plan *plan = ctx->plan;
    struct toc_plan t;
    t.contents = wp_pdf_flow_anchor(ctx, wp_pdf_sec_label(ctx, WP_L_CONTENTS), 0, false);
    t.foreword = wp_text_is_set(&plan->foreword)
                     ? wp_pdf_flow_anchor(ctx, wp_pdf_sec_label(ctx, WP_L_FOREWORD), 0, true)
                     : -1;
    t.glance = wp_pdf_flow_anchor(ctx, wp_pdf_sec_label(ctx, WP_L_AT_A_GLANCE), 0, true);
    t.glance_table = wp_pdf_flow_anchor(ctx, wp_pdf_sec_label(ctx, WP_L_STATUS_BY_AREA), 1, true);
    t.results = wp_pdf_has_measured(plan)
                    ? wp_pdf_flow_anchor(ctx, wp_pdf_sec_label(ctx, WP_L_RES_GLANCE), 1, true)
                    : -1;
    t.timeline = wp_pdf_flow_anchor(ctx, wp_pdf_sec_label(ctx, WP_L_TIMELINE), 1, true);
    t.area0 = (int32_t)ctx->flow.n_anchors;
    for (size_t a = 0; a < plan->n_areas; a++) {
        int32_t k = wp_pdf_flow_anchor(ctx, wp_pdf_sec_text(ctx, &plan->areas[a].title), 0, true);
        ctx->flow.anchors[k].closed = true;
    }
    t.record = plan->n_events
                   ? wp_pdf_flow_anchor(ctx, wp_pdf_sec_label(ctx, WP_L_RES_RECORD), 0, true)
                   : -1;
    t.annexes = wp_pdf_flow_anchor(ctx, wp_pdf_sec_label(ctx, WP_L_ANNEXES), 0, true);
    t.members = wp_pdf_flow_anchor(ctx, wp_pdf_sec_label(ctx, WP_L_MEMBERS_BY_PARTY), 1, true);
    t.countries = wp_pdf_flow_anchor(ctx, wp_pdf_sec_label(ctx, WP_L_COUNTRY_INDEX), 1, true);
    t.glossary = wp_pdf_flow_anchor(ctx, wp_pdf_sec_label(ctx, WP_L_GLOSSARY), 1, true);
    return t;
}

void wp_pdf_prepare(struct pdf_ctx *ctx)
{
    ctx->flow.pending_gap = 0;
    struct toc_plan t = declare_anchors(ctx);
    int32_t changes = wp_pdf_changes_anchor(ctx);
    wp_pdf_prepare_cover(ctx);
    wp_pdf_prepare_contents(ctx, &t);
    wp_pdf_prepare_foreword(ctx, &t);
    wp_pdf_prepare_overview(ctx, &t);
    for (size_t a = 0; a < ctx->plan->n_areas; a++)
        wp_pdf_prepare_area(ctx, &ctx->plan->areas[a], t.area0 + (int32_t)a);
    if (t.record >= 0)
        wp_pdf_prepare_record(ctx, t.record);
    wp_pdf_prepare_annexes(ctx, &t);
    wp_pdf_prepare_changes(ctx, changes);
    wp_pdf_tags_prepared(ctx);
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, NULL, (struct wp_pos){0, 0});
}
