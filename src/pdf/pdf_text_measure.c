/*
 * Text measuring, as the sections and painting ask for it: the width of a
 * run of text in a role, and the bytes of it that fit a width, through the
 * text engine (src/text: shaped advances, grapheme-safe cuts). Painting
 * draws what was measured, in the same language, so both agree.
 */
#include <stdlib.h>
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

/* Only short strings are kept: labels, numbers, dates, statuses, measured again and again. */
#define WIDTH_CACHE_MAX_LEN 64

static uint64_t width_hash(const char *s, size_t len, bool bold, float size, const char *lang)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    uint32_t bits;
    memcpy(&bits, &size, sizeof(bits));
    h = (h ^ bits ^ (bold ? 0x9e3779b9u : 0)) * 1099511628211ull;
    for (const char *p = lang; p && *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    return h;
}

static struct pdf_width_entry *width_slot(struct pdf_fonts *f, uint64_t h, const char *s,
                                          size_t len, bool bold, float size, const char *lang)
{
    size_t mask = f->cap_widths - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        struct pdf_width_entry *e = &f->widths[i];
        if (!e->text)
            return e;
        if (e->hash == h && e->len == len && e->bold == bold && e->size == size &&
            (e->lang == lang || (e->lang && lang && strcmp(e->lang, lang) == 0)) &&
            memcmp(e->text, s, len) == 0)
            return e;
    }
}

static void width_grow(struct pdf_fonts *f)
{
    struct pdf_width_entry *old = f->widths;
    size_t n = f->cap_widths;
    f->cap_widths = n ? 2 * n : 1024;
    f->widths = wp_xcalloc(f->cap_widths, sizeof(*f->widths));
    for (size_t i = 0; i < n; i++)
        if (old[i].text)
            *width_slot(f, old[i].hash, old[i].text, old[i].len, old[i].bold, old[i].size,
                        old[i].lang) = old[i];
    free(old);
}

double wp_pdf_width(struct pdf_ctx *ctx, enum pdf_role role, const char *s, size_t len)
{
    const char *lang = ctx->paint.lang ? ctx->paint.lang : ctx->lang;
    struct pdf_measure *m = wp_pdf_measure_lang(ctx, role, lang);
    float size = ctx->st->text[role].size;
    if (len > WIDTH_CACHE_MAX_LEN)
        return wp_pdf_measure_text(m, size, s, len);
    struct pdf_fonts *f = &ctx->fonts;
    if (2 * (f->n_widths + 1) > f->cap_widths)
        width_grow(f);
    uint64_t h = width_hash(s, len, m->bold, size, lang);
    struct pdf_width_entry *e = width_slot(f, h, s, len, m->bold, size, lang);
    if (e->text)
        return e->width;
    /* measured once: a missing character is warned about here, where it first shows */
    double w = wp_pdf_measure_text(m, size, s, len);
    *e = (struct pdf_width_entry){.hash = h,
                                  .text = wp_arena_strndup(&f->width_text, s, len),
                                  .len = (uint32_t)len,
                                  .bold = m->bold,
                                  .size = size,
                                  .lang = lang,
                                  .width = w};
    f->n_widths++;
    return w;
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
