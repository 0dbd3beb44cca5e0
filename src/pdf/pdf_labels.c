/*
 * The booklet's words, for sections and painting alike: labels of the
 * catalogue filled in, the page footer, the language a text is shown in.
 */
#include <stdio.h>
#include <string.h>

#include "pdf/pdf_internal.h"

const char *wp_pdf_fmt(struct pdf_ctx *ctx, enum wp_label label, const char *const *args, size_t n)
{
    const char *tmpl = wp_label(ctx->lang, label);
    size_t need = wp_label_fill(NULL, 0, tmpl, args, n);
    char *buf = wp_arena_alloc(&ctx->arena, need + 1);
    wp_label_fill(buf, need + 1, tmpl, args, n);
    return buf;
}

const char *wp_pdf_text_lang(const struct pdf_ctx *ctx, const struct wp_text *t)
{
    const struct wp_plan *plan = ctx->plan;
    if (t->plain || wp_text_has(t, ctx->lang) || t->n_items == 0)
        return NULL;
    if (plan->languages.n && wp_text_has(t, plan->languages.items[0].s))
        return plan->languages.items[0].s;
    return t->items[0].lang;
}

const char *wp_pdf_page_footer(struct pdf_ctx *ctx, uint32_t pageno, uint32_t *len)
{
    char n[16], m[16];
    snprintf(n, sizeof(n), "%u", (unsigned)pageno + 1);
    snprintf(m, sizeof(m), "%u", (unsigned)ctx->flow.pag.n_pages);
    const char *s = wp_pdf_fmt(ctx, WP_L_PAGE_N_OF_M, (const char *[]){n, m}, 2);
    *len = (uint32_t)strlen(s);
    return s;
}

const char *wp_pdf_sec_text(struct pdf_ctx *ctx, const struct wp_text *t)
{
    const char *s = wp_text_get(ctx->plan, t, ctx->lang);
    return s ? s : "";
}

const char *wp_pdf_sec_label(struct pdf_ctx *ctx, enum wp_label l)
{
    return wp_label(ctx->lang, l);
}
