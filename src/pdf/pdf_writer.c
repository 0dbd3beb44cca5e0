/*
 * wp_pdf_write: the booklet's lifecycle. Prepare and paginate (every page
 * number known), subset and embed the fonts, create all pages, then the
 * destinations, outline and drawing; save into a temporary file beside the
 * target and rename it over the target only when complete.
 *
 * Page labels are plain decimal from the cover on, so the numbers printed
 * in the contents and the footer are the viewer's page numbers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf/pdf_internal.h"
#include "workplan/build_time.h"

/* The diagnostic for a failed output: the file and the system's reason. */
static enum wp_error io_failed(struct pdf_ctx *ctx, const char *what, const char *path, int errnum)
{
    /* the path goes into the message: diagnostics may outlive the caller's string */
    wp_diags_add(ctx->diags, WP_SEV_ERROR, WP_DIAG_IO, NULL, (struct wp_pos){0, 0},
                 "cannot %s '%s': %s", what, path,
                 errnum == EINVAL ? "not a regular file" : wp_io_error_text(errnum));
    return WP_ERR_IO;
}

static enum wp_error hpdf_failed(struct pdf_ctx *ctx, const char *step)
{
    /* a scratch file beside the output (the spool, the side file): the output's failure */
    int scratch = ctx->be ? wp_pdf_be_scratch_err(ctx->be) : 0;
    if (scratch)
        return io_failed(ctx, "write", ctx->out_path, scratch);
    unsigned code = 0, detail = 0;
    if (ctx->be)
        wp_pdf_be_error(ctx->be, &code, &detail);
    wp_diags_add(ctx->diags, WP_SEV_ERROR, WP_DIAG_EXPORT, NULL, (struct wp_pos){0, 0},
                 "libharu failed while %s (error 0x%04X, detail %u)", step, code, detail);
    return WP_ERR_PDF;
}

/* The chapter each page belongs to, for the running header. */
static void assign_chapters(struct pdf_ctx *ctx)
{
    uint32_t n = ctx->flow.pag.n_pages;
    ctx->paint.page_chapter = wp_xmalloc((n ? n : 1) * sizeof(*ctx->paint.page_chapter));
    int32_t current = -1;
    uint32_t page = 0;
    for (size_t i = 0; i < ctx->flow.n_items; i++) {
        int32_t a = ctx->flow.draws[i].anchor;
        if (a < 0 || ctx->flow.anchors[a].level != 0)
            continue;
        for (; page < ctx->flow.items[i].page && page < n; page++)
            ctx->paint.page_chapter[page] = current;
        current = a;
    }
    for (; page < n; page++)
        ctx->paint.page_chapter[page] = current;
}

/*
 * A title all of whose characters PDFDocEncoding shares with Latin-1 (ASCII,
 * U+00A1..U+00FF but the soft hyphen) is copied into out in that encoding;
 * libharu then writes it as a literal string, a byte a character, where the
 * UTF-8 encoder writes four hex digits a character. Outline entries are not
 * compressed (PDF 1.3 has no object streams): this is a fifth of a large
 * booklet's bytes.
 */
static bool pdfdoc_title(const char *title, struct wp_buf *out)
{
    wp_buf_reset(out);
    size_t len = strlen(title), i = 0;
    while (i < len) {
        uint32_t cp;
        i += wp_utf8_decode(title + i, len - i, &cp);
        if (!((cp >= 0x20 && cp < 0x7F) || (cp >= 0xA1 && cp <= 0xFF && cp != 0xAD)))
            return false;
        wp_buf_addc(out, (char)cp);
    }
    wp_buf_addc(out, 0);
    return true;
}

/* Destinations for every anchor, and the outline in document order. */
static void make_outline(struct pdf_ctx *ctx)
{
    HPDF_Doc pdf = wp_pdf_be_doc(ctx->be);
    HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
    HPDF_Outline chapter = NULL;
    for (size_t i = 0; i < ctx->flow.n_items; i++) {
        int32_t a = ctx->flow.draws[i].anchor;
        if (a < 0)
            continue;
        struct pdf_anchor *an = &ctx->flow.anchors[a];
        const struct pdf_item *it = &ctx->flow.items[i];
        an->dst = HPDF_Page_CreateDestination(wp_pdf_be_page(ctx->be, it->page));
        double top = ctx->st->page_h - ctx->st->margin_top - it->y + 4;
        HPDF_Destination_SetXYZ(an->dst, 0, (HPDF_REAL)top, 1);
        HPDF_Outline parent = an->level == 0 ? NULL : chapter;
        HPDF_Outline o = pdfdoc_title(an->title, &ctx->paint.scratch)
                             ? HPDF_CreateOutline(pdf, parent, ctx->paint.scratch.data, NULL)
                             : HPDF_CreateOutline(pdf, parent, an->title, enc);
        if (!o)
            return;
        HPDF_Outline_SetDestination(o, an->dst);
        HPDF_Outline_SetOpened(o, an->closed ? HPDF_FALSE : HPDF_TRUE);
        if (an->level == 0)
            chapter = o;
    }
}

/*
 * Page by page, in order, so that each page's content stream is compressed
 * (and most of its memory given back) as soon as the page is complete.
 */
static void draw_all(struct pdf_ctx *ctx)
{
    const struct pdf_style *st = ctx->st;
    size_t i = 0, r = 0;
    wp_pdf_be_stream_begin(ctx->be);
    for (uint32_t p = 0; p < ctx->flow.pag.n_pages && !wp_pdf_be_failed(ctx->be); p++) {
        HPDF_Page page = wp_pdf_be_page(ctx->be, p);
        size_t first = i;
        while (i < ctx->flow.n_items && ctx->flow.items[i].page == p)
            i++;
        wp_pdf_tags_page_begin(ctx, p);
        wp_pdf_draw_gantt_grids(ctx, first, i);
        for (size_t k = first; k < i && !wp_pdf_be_failed(ctx->be); k++) {
            wp_pdf_tags_item(ctx, k);
            wp_pdf_draw_item(ctx, page, k, st->margin_top + ctx->flow.items[k].y, false);
        }
        for (; r < ctx->flow.pag.n_repeats && ctx->flow.pag.repeats[r].page == p; r++) {
            const struct pdf_repeat *rp = &ctx->flow.pag.repeats[r];
            wp_pdf_draw_item(ctx, page, rp->item, st->margin_top + rp->y, true);
        }
        if (p == 0) {
            /* the cover: a band of colour, no running header */
            wp_pdf_draw_band(ctx, page);
        } else {
            wp_pdf_draw_running(ctx, page, p);
        }
        wp_pdf_tags_page_end(ctx);
        if (!wp_pdf_be_failed(ctx->be))
            wp_pdf_be_page_done(ctx->be, page, &ctx->paint.ops);
    }
    wp_pdf_be_stream_end(ctx->be);
    if (!wp_pdf_be_failed(ctx->be))
        wp_pdf_tags_close_all(ctx);
}

/* The document through the atomic writer (pdf_backend.h: wp_pdf_be_save), committed. */
static enum wp_error save(struct pdf_ctx *ctx, struct wp_atomic *at, const char *path)
{
    int r = wp_pdf_be_save(ctx->be, at);
    if (r > 0)
        return io_failed(ctx, "write", path, r);
    if (r < 0)
        return hpdf_failed(ctx, "saving the document");
    if (wp_atomic_commit(at) != 0)
        return io_failed(ctx, "write", path, errno);
    return WP_OK;
}

static enum wp_error build(struct pdf_ctx *ctx, const struct wp_pdf_options *options)
{
    wp_pdf_prepare(ctx);
    /* the lists grew by doubling: kept while drawing, so at their size (20 MB at 20,000) */
    if (ctx->flow.n_items && ctx->flow.n_items < ctx->flow.cap_items) {
        ctx->flow.items =
            wp_xrealloc(ctx->flow.items, ctx->flow.n_items * sizeof(*ctx->flow.items));
        ctx->flow.draws =
            wp_xrealloc(ctx->flow.draws, ctx->flow.n_items * sizeof(*ctx->flow.draws));
        ctx->flow.cap_items = ctx->flow.n_items;
    }
    wp_pdf_paginate(ctx->flow.items, ctx->flow.n_items, ctx->content_h, &ctx->flow.pag);
    assign_chapters(ctx);

    /* the page-deflating thread is slower than drawing, which waits for it: level
     * 4 rather than zlib's default 6 makes a 5,000-activity build 20 % faster for
     * 2.5 % more bytes (docs/performance.md) */
    struct pdf_be_options bo = {.page_w = ctx->st->page_w,
                                .page_h = ctx->st->page_h,
                                .zlevel = 4,
                                .scratch_dir = ctx->scratch_dir};
    ctx->be = wp_pdf_be_open(&bo);
    if (!ctx->be) {
        wp_diags_add(ctx->diags, WP_SEV_ERROR, WP_DIAG_EXPORT, NULL, (struct wp_pos){0, 0},
                     "libharu cannot create a document");
        return WP_ERR_PDF;
    }
    if (wp_pdf_be_failed(ctx->be))
        return hpdf_failed(ctx, "setting up the document");
    HPDF_Doc pdf = wp_pdf_be_doc(ctx->be);
    if (!wp_pdf_meta(ctx, options->build_time) || !wp_pdf_tags_begin(ctx))
        return hpdf_failed(ctx, "setting up the structure tree");
    HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    HPDF_AddPageLabel(pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, "");
    if (wp_pdf_be_failed(ctx->be))
        return hpdf_failed(ctx, "setting the document information");
    if (!wp_pdf_be_pages_new(ctx->be, ctx->flow.pag.n_pages))
        return hpdf_failed(ctx, "adding pages");
    make_outline(ctx);
    if (wp_pdf_be_failed(ctx->be))
        return hpdf_failed(ctx, "making the outline");
    draw_all(ctx);
    if (wp_pdf_be_failed(ctx->be))
        return hpdf_failed(ctx, "drawing the pages");
    /* every glyph is known now: each font's subset, widths and ToUnicode */
    enum wp_error err = wp_pdf_fonts_embed(&ctx->fonts, ctx->be);
    if (err)
        return err == WP_ERR_PDF ? hpdf_failed(ctx, "embedding the fonts") : err;
    /* drawn: the items go before the save, which needs memory of its own */
    free(ctx->flow.items);
    free(ctx->flow.draws);
    ctx->flow.items = NULL;
    ctx->flow.draws = NULL;
    ctx->flow.n_items = ctx->flow.cap_items = 0;
    if (ctx->paint.untagged_page) {
        /* a drawing that bypassed wp_pdf_mc/wp_pdf_artifact (pdf_tags.h): a bug to fix */
        wp_diags_add(ctx->diags, WP_SEV_ERROR, WP_DIAG_EXPORT, NULL, (struct wp_pos){0, 0},
                     "internal error: content outside marked content on page %u (untagged)",
                     (unsigned)ctx->paint.untagged_page);
        return WP_ERR_PDF;
    }
    return WP_OK;
}

enum wp_error wp_pdf_write(const struct wp_plan *plan, const struct wp_pdf_options *options,
                           const char *path, struct wp_diags *diags)
{
    if (!plan || !options || !path || !*path) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_EXPORT, path && *path ? path : NULL,
                     (struct wp_pos){0, 0}, "missing plan, options or path for the booklet");
        return WP_ERR_ARGUMENT;
    }
    struct pdf_ctx ctx = {0};
    ctx.plan = plan;
    ctx.since = options->since;
    ctx.lang = options->lang ? options->lang : wp_plan_default_lang(plan);
    wp_pdf_style_init(&ctx.style, options->paper);
    ctx.st = &ctx.style;
    ctx.diags = diags;
    ctx.today = wp_date_from_time(options->build_time);
    ctx.content_w = ctx.st->page_w - ctx.st->margin_left - ctx.st->margin_right;
    ctx.content_h = ctx.st->page_h - ctx.st->margin_top - ctx.st->margin_bottom;
    wp_arena_init(&ctx.arena);
    enum wp_error err = wp_pdf_fonts_open(&ctx.fonts, diags, plan->file);
    /* the temporary file exists from here on, so an unwritable folder fails before the
     * work and a signal during it removes the file (util.h) */
    struct wp_atomic at = {.fd = -1, .slot = -1};
    if (!err && wp_atomic_begin(&at, path) != 0)
        err = io_failed(&ctx, "create", path, errno);
    else if (!err) {
        ctx.out_path = path;
        ctx.scratch_dir = wp_atomic_dir(&at);
        err = build(&ctx, options);
        if (!err)
            err = save(&ctx, &at, path);
        if (err)
            wp_atomic_abort(&at);
    }
    wp_pdf_be_close(ctx.be);
    free(ctx.scratch_dir);
    wp_pdf_tags_release(&ctx);
    wp_buf_release(&ctx.paint.ops);
    free(ctx.paint.page_chapter);
    wp_pdf_flow_release(&ctx.flow);
    wp_buf_release(&ctx.paint.scratch);
    wp_buf_release(&ctx.paint.scratch2);
    wp_pdf_fonts_release(&ctx.fonts);
    wp_arena_release(&ctx.arena);
    return err;
}
