/*
 * The flow: every section builds the booklet through these functions, in
 * document order, as a flat list of measured items (one per line of text,
 * table row, timeline row...) with their structure tags (pdf_tags.h) and
 * the anchors of the contents and outline. The paginator then places them
 * (pdf_layout.h) and painting draws them (pdf_draw.c). Nothing here calls
 * libharu.
 */
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_internal.h"

size_t wp_pdf_flow_item(struct pdf_ctx *ctx, float height, uint32_t flags, int32_t repeat,
                        struct pdf_draw d)
{
    if (ctx->flow.n_items == ctx->flow.cap_items) {
        size_t cap = ctx->flow.cap_items;
        WP_GROW(ctx->flow.items, cap, ctx->flow.n_items + 1);
        WP_GROW(ctx->flow.draws, ctx->flow.cap_items, ctx->flow.n_items + 1);
    }
    size_t i = ctx->flow.n_items++;
    ctx->flow.items[i] = (struct pdf_item){
        .height = height,
        .space_before = ctx->flow.pending_gap,
        .flags = flags,
        .repeat = repeat,
    };
    ctx->flow.draws[i] = d;
    ctx->flow.pending_gap = 0;
    return i;
}

/* Space before the next item; the larger of two gaps wins, and it is dropped at a page top. */
void wp_pdf_flow_gap(struct pdf_ctx *ctx, float g)
{
    if (g > ctx->flow.pending_gap)
        ctx->flow.pending_gap = g;
}

int32_t wp_pdf_flow_anchor(struct pdf_ctx *ctx, const char *title, int level, bool in_toc)
{
    WP_GROW(ctx->flow.anchors, ctx->flow.cap_anchors, ctx->flow.n_anchors + 1);
    ctx->flow.anchors[ctx->flow.n_anchors] =
        (struct pdf_anchor){.title = title, .level = level, .in_toc = in_toc, .item = UINT32_MAX};
    return (int32_t)ctx->flow.n_anchors++;
}

void wp_pdf_flow_set_anchor(struct pdf_ctx *ctx, int32_t anchor, size_t item)
{
    ctx->flow.anchors[anchor].item = (uint32_t)item;
    ctx->flow.draws[item].anchor = anchor;
}

/*
 * Adds the lines of s[0..len) and returns the index of the first, or
 * SIZE_MAX for empty text. Paragraph lines keep the first two and the last
 * two together, so no line is left alone at a page's foot or head.
 */
size_t wp_pdf_flow_lines(struct pdf_ctx *ctx, const struct pdf_text_opts *o, const char *s,
                         size_t len)
{
    const struct pdf_text_style *ts = &ctx->st->text[o->role];
    float w = o->w > 0 ? o->w : ctx->content_w - o->x;
    float text_x = o->x + ((o->flags & PDF_D_BULLET) ? ctx->st->bullet_indent : 0);
    float text_w = w - (text_x - o->x);
    size_t n = wp_pdf_break_lines(wp_pdf_measure_lang(ctx, o->role, o->lang), ts->size, s, len,
                                  text_w, &ctx->flow.lines);
    if (n == 0)
        return SIZE_MAX;
    enum pdf_stype tag = o->tag == PDF_S_AUTO && o->uri ? PDF_S_LINK : (enum pdf_stype)o->tag;
    if (tag != PDF_S_NONE)
        wp_pdf_tag(ctx, tag, 0, o->lang);
    size_t first = ctx->flow.n_items;
    for (size_t k = 0; k < n; k++) {
        const struct pdf_line *ln = &ctx->flow.lines.items[k];
        uint32_t flags = o->keep;
        if (n > 1 && (k == 0 || k + 2 == n))
            flags |= PDF_KEEP_WITH_NEXT;
        struct pdf_draw d = {
            .kind = PDF_K_TEXT,
            .role = (uint8_t)o->role,
            .flags = (uint8_t)(k == 0 ? o->flags : (o->flags & ~(PDF_D_BULLET | PDF_D_SWATCH))),
            .x = text_x,
            .w = ln->width,
            .text = s + ln->start,
            .len = ln->len,
            .lang = o->lang,
            .anchor = -1,
            .ref = -1,
            .uri = o->uri,
        };
        if (k == 0 && o->label) {
            d.label = o->label;
            d.label_len = (uint32_t)strlen(o->label);
            d.label_role = (uint8_t)o->label_role;
        }
        wp_pdf_flow_item(ctx, ts->leading, flags, o->repeat, d);
    }
    if (tag != PDF_S_NONE)
        wp_pdf_tag_end(ctx);
    return first;
}

size_t wp_pdf_flow_text(struct pdf_ctx *ctx, const struct pdf_text_opts *o, const char *s)
{
    return wp_pdf_flow_lines(ctx, o, s, strlen(s));
}

/* Paragraphs are separated by blank lines; a single newline is a space. */
void wp_pdf_flow_paragraphs(struct pdf_ctx *ctx, const struct pdf_text_opts *o, const char *s,
                            float para_gap)
{
    size_t len = strlen(s);
    size_t i = 0;
    bool first = true;
    while (i < len) {
        while (i < len && (s[i] == '\n' || s[i] == ' ' || s[i] == '\r' || s[i] == '\t'))
            i++;
        if (i >= len)
            break;
        size_t start = i;
        size_t end = start;
        while (end < len) {
            if (s[end] == '\n') {
                size_t k = end + 1;
                while (k < len && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
                    k++;
                if (k >= len || s[k] == '\n')
                    break;
            }
            end++;
        }
        char *p = wp_arena_strndup(&ctx->arena, s + start, end - start);
        for (char *c = p; *c; c++)
            if (*c == '\n' || *c == '\r' || *c == '\t')
                *c = ' ';
        if (!first)
            wp_pdf_flow_gap(ctx, para_gap);
        wp_pdf_flow_lines(ctx, o, p, strlen(p));
        first = false;
        i = end;
    }
}

static enum pdf_stype heading_tag(enum pdf_role role)
{
    switch (role) {
    case PDF_T_H1:
    case PDF_T_TITLE:
        return PDF_S_H1;
    case PDF_T_H2:
        return PDF_S_H2;
    case PDF_T_H3:
    case PDF_T_ACTIVITY:
        return PDF_S_H3;
    default:
        return PDF_S_P;
    }
}

size_t wp_pdf_flow_heading(struct pdf_ctx *ctx, enum pdf_role role, const char *s, int32_t anchor,
                           uint32_t extra, const char *lang)
{
    struct pdf_text_opts o = {.role = role,
                              .keep = PDF_KEEP_WITH_NEXT | extra,
                              .repeat = -1,
                              .tag = (uint8_t)heading_tag(role),
                              .lang = lang};
    size_t first = wp_pdf_flow_lines(ctx, &o, s, strlen(s));
    if (first != SIZE_MAX && anchor >= 0)
        wp_pdf_flow_set_anchor(ctx, anchor, first);
    return first;
}

/*
 * Puts a field's label in the left column of items first.. (its value's
 * lines); a label too wide for the column is broken into lines there, and
 * gets lines of its own when it is longer than the value.
 */
void wp_pdf_flow_label(struct pdf_ctx *ctx, size_t first, const char *lab, uint8_t flags,
                       enum pdf_role role, int32_t repeat)
{
    const struct pdf_style *st = ctx->st;
    float swatch = (flags & PDF_D_SWATCH) ? st->legend_swatch + st->legend_gap : 0;
    size_t nl = wp_pdf_break_lines(wp_pdf_measure(ctx, PDF_T_LABEL), st->text[PDF_T_LABEL].size,
                                   lab, strlen(lab), st->label_col - st->label_gutter - swatch,
                                   &ctx->flow.lines);
    size_t nv = ctx->flow.n_items - first;
    for (size_t k = 0; k < nl; k++) {
        const struct pdf_line ln = ctx->flow.lines.items[k];
        if (k >= nv)
            wp_pdf_flow_item(ctx, st->text[role].leading, 0, repeat,
                             (struct pdf_draw){.kind = PDF_K_TEXT,
                                               .role = (uint8_t)role,
                                               .x = st->label_col,
                                               .anchor = -1,
                                               .ref = -1});
        struct pdf_draw *d = &ctx->flow.draws[first + k];
        d->label = lab + ln.start;
        d->label_len = ln.len;
        d->label_role = PDF_T_LABEL;
        if (k == 0)
            d->flags |= (uint8_t)(flags & PDF_D_SWATCH);
        if (k + 1 < nl)
            ctx->flow.items[first + k].flags |= PDF_KEEP_WITH_NEXT;
    }
}

/* A field: its label in the left column, the value beside it. */
void wp_pdf_flow_field(struct pdf_ctx *ctx, const char *lab, const char *value, int32_t repeat,
                       enum pdf_role role, uint8_t flags, const char *uri)
{
    wp_pdf_flow_gap(ctx, ctx->st->field_gap);
    size_t first = ctx->flow.n_items;
    /* the value's lines go straight into the cell (TD): no paragraph of their own */
    struct pdf_text_opts o = {.role = role,
                              .x = ctx->st->label_col,
                              .repeat = repeat,
                              .uri = uri,
                              .flags = (uint8_t)(flags & PDF_D_BULLET),
                              .tag = uri ? PDF_S_AUTO : PDF_S_NONE};
    wp_pdf_tag_field_begin(ctx);
    wp_pdf_flow_lines(ctx, &o, value, strlen(value));
    wp_pdf_flow_label(ctx, first, lab, flags, role, repeat);
    wp_pdf_tag_field_end(ctx);
}

/* A field whose value is a list, one line (or bullet) per element. */
void wp_pdf_flow_field_list(struct pdf_ctx *ctx, const char *lab, const char *const *values,
                            const char *const *langs, size_t n, int32_t repeat, bool bullets)
{
    wp_pdf_flow_gap(ctx, ctx->st->field_gap);
    size_t first = ctx->flow.n_items;
    wp_pdf_tag_field_begin(ctx);
    wp_pdf_tag(ctx, PDF_S_L, 0, NULL);
    for (size_t k = 0; k < n; k++) {
        struct pdf_text_opts o = {.role = PDF_T_BODY,
                                  .x = ctx->st->label_col,
                                  .repeat = repeat,
                                  .flags = bullets ? PDF_D_BULLET : 0,
                                  .tag = PDF_S_LBODY,
                                  .lang = langs ? langs[k] : NULL};
        wp_pdf_tag(ctx, PDF_S_LI, 0, NULL);
        wp_pdf_flow_lines(ctx, &o, values[k], strlen(values[k]));
        wp_pdf_tag_end(ctx);
    }
    wp_pdf_tag_end(ctx);
    wp_pdf_flow_label(ctx, first, lab, 0, PDF_T_BODY, repeat);
    wp_pdf_tag_field_end(ctx);
    /* a short list stays together with its label */
    if (ctx->flow.n_items - first <= 3)
        for (size_t k = first; k + 1 < ctx->flow.n_items; k++)
            ctx->flow.items[k].flags |= PDF_KEEP_WITH_NEXT;
}

void wp_pdf_flow_release(struct pdf_flow *flow)
{
    free(flow->items);
    free(flow->draws);
    free(flow->anchors);
    wp_pdf_pagination_release(&flow->pag);
    wp_pdf_lines_release(&flow->lines);
    memset(flow, 0, sizeof(*flow));
}

size_t wp_pdf_flow_chapter(struct pdf_ctx *ctx, const char *title, int32_t anchor)
{
    wp_pdf_tag(ctx, PDF_S_SECT, 0, NULL);
    size_t first = wp_pdf_flow_heading(ctx, PDF_T_H1, title, anchor, 0, NULL);
    /* the first line only: a title over two lines stays together */
    if (first != SIZE_MAX)
        ctx->flow.items[first].flags |= PDF_BREAK_BEFORE;
    return first;
}
