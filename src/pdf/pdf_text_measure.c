/*
 * Text measuring, as the sections and painting ask for it: the width of a
 * run of text in a role, and the bytes of it that fit a width, through the
 * text engine (src/text: shaped advances, grapheme-safe cuts). Painting
 * draws what was measured, in the same language, so both agree.
 */
#include <string.h>

#include "pdf/pdf_internal.h"

struct pdf_measure *wp_pdf_measure_lang(struct pdf_ctx *ctx, enum pdf_role role, const char *lang)
{
    struct pdf_measure *m = &ctx->fonts.measure;
    *m = (struct pdf_measure){.fonts = ctx->fonts.text,
                              .bold = ctx->st->text[role].font == PDF_BOLD,
                              .lang = lang ? lang : ctx->lang,
                              .missing = wp_pdf_fonts_missing,
                              .ctx = &ctx->fonts};
    return m;
}

struct pdf_measure *wp_pdf_measure(struct pdf_ctx *ctx, enum pdf_role role)
{
    return wp_pdf_measure_lang(ctx, role, NULL);
}

/* Not cached: a cache of the widths of strings up to 64 bytes (labels, dates, numbers,
 * measured again and again) saved 1 % of the time at 5,000 activities and cost 2 MiB
 * (docs/performance.md); the time is in the long strings, which are mostly distinct. */
double wp_pdf_width(struct pdf_ctx *ctx, enum pdf_role role, const char *s, size_t len)
{
    const char *lang = ctx->paint.lang ? ctx->paint.lang : ctx->lang;
    return wp_pdf_measure_text(wp_pdf_measure_lang(ctx, role, lang), ctx->st->text[role].size, s,
                               len);
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
    const char *lang = ctx->paint.lang ? ctx->paint.lang : ctx->lang;
    struct pdf_measure *m = wp_pdf_measure_lang(ctx, role, lang);
    struct wp_text_style style = {.size = ctx->st->text[role].size, .bold = m->bold};
    size_t len = strlen(s);
    struct wp_text_layout l;
    if (wp_text_fit(m->fonts, s, len, lang, &style, width, &l) != 0) {
        *out_len = (uint32_t)len;
        return s;
    }
    if (l.n_missing)
        wp_pdf_fonts_missing(&ctx->fonts, &l);
    const char *out = s;
    *out_len = (uint32_t)len;
    if (l.cut) {
        /* the kept prefix and "…", cut at a grapheme boundary by the engine */
        out = wp_arena_strndup(&ctx->arena, l.text, l.len);
        *out_len = (uint32_t)l.len;
    }
    wp_text_layout_free(&l);
    return out;
}
