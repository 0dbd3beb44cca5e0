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

#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_streams.h>

#include "pdf/pdf_internal.h"
#include "workplan/build_time.h"

static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
    struct pdf_ctx *ctx = user_data;
    /* the first error is the cause; later ones follow from it */
    if (!ctx->hpdf_error) {
        ctx->hpdf_error = error_no;
        ctx->hpdf_detail = detail_no;
    }
}

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
    /* a scratch file beside the output (pdf_stream.c, pdf_tags.c): the output's failure */
    if (ctx->scratch_err)
        return io_failed(ctx, "write", ctx->out_path, ctx->scratch_err);
    wp_diags_add(ctx->diags, WP_SEV_ERROR, WP_DIAG_EXPORT, NULL, (struct wp_pos){0, 0},
                 "libharu failed while %s (error 0x%04X, detail %u)", step,
                 (unsigned)ctx->hpdf_error, (unsigned)ctx->hpdf_detail);
    return WP_ERR_PDF;
}

const char *wp_pdf_page_footer(struct pdf_ctx *ctx, uint32_t pageno, uint32_t *len)
{
    char n[16], m[16];
    snprintf(n, sizeof(n), "%u", (unsigned)pageno + 1);
    snprintf(m, sizeof(m), "%u", (unsigned)ctx->pag.n_pages);
    const char *s = wp_pdf_fmt(ctx, WP_L_PAGE_N_OF_M, (const char *[]){n, m}, 2);
    *len = (uint32_t)strlen(s);
    return s;
}

/* Measures, before the fonts are subset, what only the drawing pass prints. */
static void measure_late_text(struct pdf_ctx *ctx)
{
    const char *lang = ctx->lang;
    static const char ellipsis[] = "\xe2\x80\xa6";
    for (int f = 0; f < PDF_FIRST_FALLBACK; f++)
        wp_pdf_measure_units(&ctx->fonts.f[f].measure, ellipsis, 3);
    for (int s = 0; s < WP_STATUS_COUNT; s++) {
        const char *l = wp_status_label(lang, (enum wp_status)s);
        wp_pdf_width(ctx, PDF_T_BADGE, l, strlen(l));
        wp_pdf_width(ctx, PDF_T_SMALL, l, strlen(l));
    }
    enum wp_label regular[] = {WP_L_CONTINUED, WP_L_PROGRESS, WP_L_PAGE_N_OF_M, WP_L_VERSION_N};
    for (size_t k = 0; k < sizeof(regular) / sizeof(regular[0]); k++) {
        const char *l = wp_label(lang, regular[k]);
        wp_pdf_width(ctx, PDF_T_RUNNING, l, strlen(l));
    }
    const char *al = wp_label(lang, WP_L_ACTIVITY);
    wp_pdf_width(ctx, PDF_T_GANTT_HEAD, al, strlen(al));
    if (ctx->plan->version)
        wp_pdf_width(ctx, PDF_T_RUNNING, ctx->plan->version, strlen(ctx->plan->version));
    const char *title = wp_text_get(ctx->plan, &ctx->plan->title, lang);
    if (title)
        wp_pdf_width(ctx, PDF_T_RUNNING, title, strlen(title));
    for (size_t a = 0; a < ctx->n_anchors; a++)
        if (ctx->anchors[a].level == 0)
            wp_pdf_width(ctx, PDF_T_RUNNING, ctx->anchors[a].title, strlen(ctx->anchors[a].title));
}

/* The chapter each page belongs to, for the running header. */
static void assign_chapters(struct pdf_ctx *ctx)
{
    uint32_t n = ctx->pag.n_pages;
    ctx->page_chapter = wp_xmalloc((n ? n : 1) * sizeof(*ctx->page_chapter));
    int32_t current = -1;
    uint32_t page = 0;
    for (size_t i = 0; i < ctx->n_items; i++) {
        int32_t a = ctx->draws[i].anchor;
        if (a < 0 || ctx->anchors[a].level != 0)
            continue;
        for (; page < ctx->items[i].page && page < n; page++)
            ctx->page_chapter[page] = current;
        current = a;
    }
    for (; page < n; page++)
        ctx->page_chapter[page] = current;
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
    HPDF_Encoder enc = HPDF_GetEncoder(ctx->pdf, "UTF-8");
    HPDF_Outline chapter = NULL;
    for (size_t i = 0; i < ctx->n_items; i++) {
        int32_t a = ctx->draws[i].anchor;
        if (a < 0)
            continue;
        struct pdf_anchor *an = &ctx->anchors[a];
        const struct pdf_item *it = &ctx->items[i];
        an->dst = HPDF_Page_CreateDestination(ctx->pages[it->page]);
        double top = ctx->st->page_h - ctx->st->margin_top - it->y + 4;
        HPDF_Destination_SetXYZ(an->dst, 0, (HPDF_REAL)top, 1);
        HPDF_Outline parent = an->level == 0 ? NULL : chapter;
        HPDF_Outline o = pdfdoc_title(an->title, &ctx->scratch)
                             ? HPDF_CreateOutline(ctx->pdf, parent, ctx->scratch.data, NULL)
                             : HPDF_CreateOutline(ctx->pdf, parent, an->title, enc);
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
    wp_pdf_pages_begin(ctx);
    for (uint32_t p = 0; p < ctx->pag.n_pages && !ctx->hpdf_error; p++) {
        HPDF_Page page = ctx->pages[p];
        size_t first = i;
        while (i < ctx->n_items && ctx->items[i].page == p)
            i++;
        wp_pdf_tags_page_begin(ctx, p);
        wp_pdf_draw_gantt_grids(ctx, first, i);
        for (size_t k = first; k < i && !ctx->hpdf_error; k++) {
            wp_pdf_tags_item(ctx, k);
            wp_pdf_draw_item(ctx, page, k, st->margin_top + ctx->items[k].y, false);
        }
        for (; r < ctx->pag.n_repeats && ctx->pag.repeats[r].page == p; r++) {
            const struct pdf_repeat *rp = &ctx->pag.repeats[r];
            wp_pdf_draw_item(ctx, page, rp->item, st->margin_top + rp->y, true);
        }
        if (p == 0) {
            /* the cover: a band of colour, no running header */
            wp_pdf_draw_band(ctx, page);
        } else {
            wp_pdf_draw_running(ctx, page, p);
        }
        wp_pdf_tags_page_end(ctx);
        if (!ctx->hpdf_error)
            wp_pdf_page_done(ctx, page);
    }
    wp_pdf_pages_end(ctx);
    if (!ctx->hpdf_error)
        wp_pdf_tags_close_all(ctx);
}

/*
 * libharu's file writer does not report the error of its last flush (a full
 * disk committed a truncated booklet). HPDF_SaveToStream saves into the
 * document's `stream` when one is set (hpdf_doc.h; libharu makes a memory
 * stream only when none is): a callback writer there hands every byte to
 * this sink as it is made, so the booklet is never held in memory whole
 * (that cost 6 MiB more at 5,000 activities) and every write, the fsync,
 * close and rename are checked by the atomic writer. libharu writes many
 * small pieces: they are gathered into blocks of SINK_BLOCK bytes.
 */
#define SINK_BLOCK (1 << 16)

struct save_sink {
    struct pdf_out out; /* what the structure tree's splice writes through (pdf_tags.h) */
    struct wp_atomic *at;
    unsigned char *block;
    size_t len;
    int err; /* errno of the first failed write; libharu may not pass it on */
};

static int sink_flush(struct save_sink *s)
{
    if (!s->err && s->len && wp_atomic_write(s->at, s->block, s->len) != 0)
        s->err = errno ? errno : EIO;
    s->len = 0;
    return s->err;
}

static int sink_put(struct save_sink *s, const HPDF_BYTE *ptr, size_t size)
{
    if (s->len + size > SINK_BLOCK && sink_flush(s))
        return HPDF_FILE_IO_ERROR;
    if (size >= SINK_BLOCK) {
        if (wp_atomic_write(s->at, ptr, size) != 0)
            s->err = errno ? errno : EIO;
        return s->err;
    }
    memcpy(s->block + s->len, ptr, size);
    s->len += size;
    return 0;
}

/* Every byte of the booklet goes through here: counted and hashed for its /ID. */
static int out_write(struct pdf_out *o, const void *data, size_t len)
{
    struct save_sink *s = (struct save_sink *)o;
    if (o->hold) {
        /* libharu's end, its cross-reference table among it: cut by pdf_tags.c */
        wp_buf_add(&o->held, data, len);
        return 0;
    }
    o->pos += len;
    HPDF_MD5Update(&o->md5, data, (HPDF_UINT32)len);
    return sink_put(s, data, len);
}

static HPDF_STATUS sink_write(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT size)
{
    struct save_sink *s = stream->attr;
    return out_write(&s->out, ptr, size) ? HPDF_FILE_IO_ERROR : HPDF_OK;
}

static enum wp_error save(struct pdf_ctx *ctx, struct wp_atomic *at, const char *path)
{
    struct save_sink sink = {.out = {.write = out_write, .held = WP_BUF_INIT},
                             .at = at,
                             .block = wp_xmalloc(SINK_BLOCK)};
    HPDF_MD5Init(&sink.out.md5);
    ctx->pdf->stream = HPDF_CallbackWriter_New(ctx->pdf->mmgr, sink_write, &sink);
    if (!ctx->pdf->stream) {
        free(sink.block);
        return hpdf_failed(ctx, "saving the document");
    }
    wp_pdf_tags_output(ctx, &sink.out);
    HPDF_STATUS st = HPDF_SaveToStream(ctx->pdf);
    /* HPDF_Free frees the stream; it must not outlive the sink it points at */
    HPDF_Stream_Free(ctx->pdf->stream);
    ctx->pdf->stream = NULL;
    bool saved = st == HPDF_OK && !ctx->hpdf_error && !sink.err && wp_pdf_tags_saved(ctx);
    if (saved) {
        /* libharu's memory goes before the structure objects are packed and written */
        HPDF_Free(ctx->pdf);
        ctx->pdf = NULL;
        int e = wp_pdf_tags_finish(ctx);
        if (e && !sink.err)
            sink.err = e; /* the structure objects' side file in TMPDIR, when not the output */
    }
    sink_flush(&sink);
    free(sink.block);
    wp_buf_release(&sink.out.held);
    if (sink.err)
        return io_failed(ctx, "write", path, sink.err);
    if (!saved)
        return hpdf_failed(ctx, "saving the document");
    if (wp_atomic_commit(at) != 0)
        return io_failed(ctx, "write", path, errno);
    return WP_OK;
}

static enum wp_error build(struct pdf_ctx *ctx, const struct wp_pdf_options *options)
{
    wp_pdf_prepare(ctx);
    /* the lists grew by doubling: kept while drawing, so at their size (20 MB at 20,000) */
    if (ctx->n_items && ctx->n_items < ctx->cap_items) {
        ctx->items = wp_xrealloc(ctx->items, ctx->n_items * sizeof(*ctx->items));
        ctx->draws = wp_xrealloc(ctx->draws, ctx->n_items * sizeof(*ctx->draws));
        ctx->cap_items = ctx->n_items;
    }
    wp_pdf_paginate(ctx->items, ctx->n_items, ctx->content_h, &ctx->pag);
    assign_chapters(ctx);
    measure_late_text(ctx);

    ctx->pdf = HPDF_New(on_hpdf_error, ctx);
    if (!ctx->pdf) {
        wp_diags_add(ctx->diags, WP_SEV_ERROR, WP_DIAG_EXPORT, NULL, (struct wp_pos){0, 0},
                     "libharu cannot create a document");
        return WP_ERR_PDF;
    }
    HPDF_SetCompressionMode(ctx->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(ctx->pdf);
    HPDF_SetCurrentEncoder(ctx->pdf, "UTF-8");
    if (ctx->hpdf_error)
        return hpdf_failed(ctx, "setting up the document");
    ctx->fonts.scratch_dir = ctx->scratch_dir;
    enum wp_error err = wp_pdf_fonts_embed(&ctx->fonts, ctx->pdf);
    if (err && ctx->fonts.scratch_err)
        return io_failed(ctx, "write", ctx->out_path, ctx->fonts.scratch_err);
    if (err)
        return err;
    if (!wp_pdf_meta(ctx, options->build_time) || !wp_pdf_tags_begin(ctx))
        return hpdf_failed(ctx, "setting up the structure tree");
    HPDF_SetPageMode(ctx->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    HPDF_AddPageLabel(ctx->pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, "");
    if (ctx->hpdf_error)
        return hpdf_failed(ctx, "setting the document information");

    ctx->pages = wp_xcalloc(ctx->pag.n_pages, sizeof(*ctx->pages));
    if (!wp_pdf_objects_begin(ctx) && !ctx->hpdf_error)
        ctx->hpdf_error = HPDF_FAILD_TO_ALLOC_MEM;
    for (uint32_t p = 0; p < ctx->pag.n_pages && !ctx->hpdf_error; p++)
        ctx->pages[p] = wp_pdf_page_new(ctx);
    if (ctx->hpdf_error)
        return hpdf_failed(ctx, "adding pages");
    make_outline(ctx);
    if (ctx->hpdf_error)
        return hpdf_failed(ctx, "making the outline");
    draw_all(ctx);
    if (ctx->hpdf_error)
        return hpdf_failed(ctx, "drawing the pages");
    /* drawn: the items go before the save, which needs memory of its own */
    free(ctx->items);
    free(ctx->draws);
    ctx->items = NULL;
    ctx->draws = NULL;
    ctx->n_items = ctx->cap_items = 0;
    if (ctx->untagged_page) {
        /* a drawing that bypassed wp_pdf_mc/wp_pdf_artifact (pdf_tags.h): a bug to fix */
        wp_diags_add(ctx->diags, WP_SEV_ERROR, WP_DIAG_EXPORT, NULL, (struct wp_pos){0, 0},
                     "internal error: content outside marked content on page %u (untagged)",
                     (unsigned)ctx->untagged_page);
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
    /* the page-deflating thread is slower than drawing, which waits for it: level
     * 4 rather than zlib's default 6 makes a 5,000-activity build 20 % faster for
     * 2.5 % more bytes (docs/performance.md) */
    ctx.zlevel = 4;
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
    if (ctx.pdf)
        HPDF_Free(ctx.pdf);
    wp_pdf_spool_release(&ctx);
    free(ctx.scratch_dir);
    wp_pdf_tags_release(&ctx);
    free(ctx.pages);
    wp_buf_release(&ctx.ops);
    free(ctx.page_chapter);
    free(ctx.items);
    free(ctx.draws);
    free(ctx.anchors);
    wp_pdf_pagination_release(&ctx.pag);
    wp_pdf_lines_release(&ctx.lines);
    wp_buf_release(&ctx.scratch);
    wp_buf_release(&ctx.scratch2);
    wp_pdf_fonts_release(&ctx.fonts);
    wp_arena_release(&ctx.arena);
    return err;
}
