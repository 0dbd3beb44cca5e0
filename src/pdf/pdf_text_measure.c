/*
 * Text measuring, as the sections and painting ask for it: the width of a
 * run of text in a role, and the bytes of it that fit a width. Narrow on
 * purpose: their bodies are what a text engine replaces with shaped text.
 */
#include <string.h>

#include "pdf/pdf_internal.h"

struct pdf_measure *wp_pdf_measure(struct pdf_ctx *ctx, enum pdf_role role)
{
    return &ctx->fonts.f[ctx->st->text[role].font].measure;
}

double wp_pdf_width(struct pdf_ctx *ctx, enum pdf_role role, const char *s, size_t len)
{
    return wp_pdf_measure_text(wp_pdf_measure(ctx, role), ctx->st->text[role].size, s, len);
}

float wp_pdf_legend_entry_w(struct pdf_ctx *ctx, const char *label)
{
    const struct pdf_style *st = ctx->st;
    return st->legend_swatch + st->legend_gap +
           (float)wp_pdf_width(ctx, PDF_T_SMALL, label, strlen(label)) + st->legend_space;
}

const char *wp_pdf_fit(struct pdf_ctx *ctx, enum pdf_role role, const char *s, double width,
                       uint32_t *out_len)
{
    struct pdf_measure *m = wp_pdf_measure(ctx, role);
    double size = ctx->st->text[role].size;
    double limit = width * 1000.0 / size;
    size_t len = strlen(s);
    if (wp_pdf_measure_prefix(m, s, len, limit, NULL, NULL) == len) {
        *out_len = (uint32_t)len;
        return s;
    }
    /* cut, and make room for the ellipsis */
    static const char ellipsis[] = "\xe2\x80\xa6";
    limit -= wp_pdf_measure_units(m, ellipsis, 3);
    size_t keep = 0;
    wp_pdf_measure_prefix(m, s, len, limit, NULL, &keep);
    char *out = wp_arena_alloc(&ctx->arena, keep + 4);
    memcpy(out, s, keep);
    memcpy(out + keep, ellipsis, 4);
    *out_len = (uint32_t)(keep + 3);
    return out;
}
