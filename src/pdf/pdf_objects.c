/*
 * The page and link-annotation objects, written by libharu's dictionary
 * hooks (HPDF_Dict_Rec's write_fn) from a few bytes of ours.
 *
 * libharu 2.3.0 holds every object until it saves, and its objects are
 * heavy: a dictionary entry carries a 128-byte key, a name 128 bytes more.
 * Each page came with its own /Resources (a /ProcSet of five names and a
 * /Font dictionary), /MediaBox and /Type, some 2.5 KB, and each link
 * annotation with its /Rect, names and /A action some 2.5 KB: at 5,000
 * activities with measured indicators, 18 MB of the booklet's peak
 * (docs/performance.md). Here a page keeps only its /Annots as a libharu
 * entry; its hook writes /Type, /Parent, /Contents, /MediaBox, a reference
 * to the one /Resources dictionary all pages share, /StructParents and /Tabs.
 * A link is an empty dictionary whose hook writes all of it from a struct
 * pdf_link in the arena.
 */
#include <hpdf_gstate.h>
#include <stdio.h>
#include <string.h>

#include "pdf/pdf_internal.h"

static uint32_t obj_id(const void *obj)
{
    return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFFu;
}

static void fail(struct pdf_ctx *ctx)
{
    if (!ctx->hpdf_error)
        ctx->hpdf_error = HPDF_FAILD_TO_ALLOC_MEM;
}

bool wp_pdf_objects_begin(struct pdf_ctx *ctx)
{
    HPDF_Doc pdf = ctx->pdf;
    HPDF_Dict res = HPDF_Dict_New(pdf->mmgr);
    if (!res || HPDF_Xref_Add(pdf->xref, res) != HPDF_OK)
        return false;
    HPDF_Array procset = HPDF_Array_New(pdf->mmgr);
    HPDF_Dict fonts = HPDF_Dict_New(pdf->mmgr);
    if (!procset || HPDF_Dict_Add(res, "ProcSet", procset) != HPDF_OK || !fonts ||
        HPDF_Dict_Add(res, "Font", fonts) != HPDF_OK)
        return false;
    /* obsolete since PDF 1.4, kept as libharu wrote it for older readers; no images here */
    if (HPDF_Array_AddName(procset, "PDF") != HPDF_OK ||
        HPDF_Array_AddName(procset, "Text") != HPDF_OK)
        return false;
    ctx->resources = res;
    ctx->font_res = fonts;
    return true;
}

const char *wp_pdf_font_key(struct pdf_ctx *ctx, enum pdf_font_id id)
{
    static const char *const keys[] = {"F1", "F2", "F3", "F4", "F5"};
    _Static_assert(sizeof(keys) / sizeof(keys[0]) == PDF_FONT_COUNT, "a resource name a font");
    if (!(ctx->fonts_in_res & (1u << id))) {
        if (!ctx->font_res || !ctx->fonts.f[id].hpdf ||
            HPDF_Dict_Add(ctx->font_res, keys[id], ctx->fonts.f[id].hpdf) != HPDF_OK) {
            fail(ctx);
            return NULL;
        }
        ctx->fonts_in_res |= 1u << id;
    }
    return keys[id];
}

/* The hook of every page: the keys it no longer holds as libharu objects. */
static HPDF_STATUS write_page(HPDF_Dict page, HPDF_Stream stream)
{
    const struct pdf_ctx *ctx = page->error ? page->error->user_data : NULL;
    if (!ctx || !ctx->resources)
        return HPDF_INVALID_OBJECT;
    HPDF_Dict contents = ((HPDF_PageAttr)page->attr)->contents;
    struct wp_buf b = WP_BUF_INIT;
    wp_buf_addf(&b, "/Type /Page\012/Parent %u 0 R\012/Contents %u 0 R\012/MediaBox [0 0 ",
                (unsigned)ctx->pages_id, (unsigned)obj_id(contents));
    wp_pdf_op_num(&b, ctx->st->page_w, 3);
    wp_buf_addc(&b, ' ');
    wp_pdf_op_num(&b, ctx->st->page_h, 3);
    wp_buf_addf(&b, "]\012/Resources %u 0 R\012", (unsigned)obj_id(ctx->resources));
    if (ctx->tags)
        wp_buf_addf(&b, "/StructParents %u\012", (unsigned)wp_pdf_page_index(ctx, page));
    /* tagged links are visited in structure order (PDF/UA-1 7.18.3) */
    if (ctx->tags && HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY))
        wp_buf_adds(&b, "/Tabs /S\012");
    HPDF_STATUS st = HPDF_Stream_Write(stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
    wp_buf_release(&b);
    return st;
}

uint32_t wp_pdf_page_index(const struct pdf_ctx *ctx, HPDF_Page page)
{
    /* pages are made in order, so their object numbers rise with their index */
    uint32_t id = obj_id(page), lo = 0, hi = ctx->pag.n_pages;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (obj_id(ctx->pages[mid]) < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

HPDF_Page wp_pdf_page_new(struct pdf_ctx *ctx)
{
    HPDF_Page page = HPDF_AddPage(ctx->pdf);
    if (!page || page->write_fn) {
        fail(ctx);
        return page;
    }
    /* libharu's own drawing state is never used: operators are ours (pdf_stream.c) */
    HPDF_PageAttr attr = page->attr;
    HPDF_GState_Free(page->mmgr, attr->gstate);
    attr->gstate = NULL;
    /* every page is a kid of the one page tree node (no HPDF_SetPagesConfiguration) */
    HPDF_Dict parent = HPDF_Dict_GetItem(page, "Parent", HPDF_OCLASS_DICT);
    if (!parent || !attr->contents || (ctx->pages_id && obj_id(parent) != ctx->pages_id)) {
        fail(ctx);
        return page;
    }
    ctx->pages_id = obj_id(parent);
    static const char *const keys[] = {"Type", "Parent", "Contents", "MediaBox", "Resources"};
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
        HPDF_Dict_RemoveElement(page, keys[k]);
    page->write_fn = write_page;
    return page;
}

/* ---- link annotations ------------------------------------------------------------- */

struct pdf_link {
    float rect[4];        /* left bottom right top */
    uint32_t page_id;     /* its page's object number, for /P */
    uint32_t dest_id;     /* an internal link's destination object; 0 for a URI */
    uint32_t key;         /* its /StructParent; UINT32_MAX: untagged (an artifact) */
    const char *uri;      /* ASCII, in the arena */
    const char *contents; /* its description: plan or arena, outlives the save */
};

/* s as a PDF literal string: the URI is printable ASCII (ascii_uri, pdf_draw.c). */
static void add_literal(struct wp_buf *b, const char *s)
{
    wp_buf_addc(b, '(');
    for (; *s; s++) {
        if (*s == '(' || *s == ')' || *s == '\\')
            wp_buf_addc(b, '\\');
        wp_buf_addc(b, *s);
    }
    wp_buf_addc(b, ')');
}

static HPDF_STATUS write_link(HPDF_Dict dict, HPDF_Stream stream)
{
    const struct pdf_link *l = dict->attr;
    struct wp_buf b = WP_BUF_INIT;
    wp_buf_adds(&b, "/Type /Annot\012/Subtype /Link\012/Rect [");
    for (int k = 0; k < 4; k++) {
        wp_pdf_op_num(&b, l->rect[k], 2);
        wp_buf_addc(&b, k < 3 ? ' ' : ']');
    }
    if (l->uri) {
        wp_buf_adds(&b, "\012/A <</Type /Action /S /URI /URI ");
        add_literal(&b, l->uri);
        wp_buf_adds(&b, ">>");
    } else {
        wp_buf_addf(&b, "\012/Dest %u 0 R", (unsigned)l->dest_id);
    }
    wp_buf_addf(&b, "\012/P %u 0 R\012/Border [0 0 0]\012", (unsigned)l->page_id);
    if (l->key != UINT32_MAX) {
        wp_buf_addf(&b, "/StructParent %u\012/Contents ", (unsigned)l->key);
        wp_pdf_add_text_string(&b, l->contents);
        wp_buf_addc(&b, '\012');
    }
    HPDF_STATUS st = HPDF_Stream_Write(stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
    wp_buf_release(&b);
    return st;
}

/* Adds annot to the page's /Annots, made on its first link. */
static bool add_to_page(HPDF_Page page, HPDF_Dict annot)
{
    HPDF_Array annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
    if (!annots) {
        annots = HPDF_Array_New(page->mmgr);
        if (!annots || HPDF_Dict_Add(page, "Annots", annots) != HPDF_OK)
            return false;
    }
    return HPDF_Array_Add(annots, annot) == HPDF_OK;
}

void wp_pdf_link(struct pdf_ctx *ctx, HPDF_Page page, HPDF_Rect r, const char *uri,
                 HPDF_Destination dest, const char *contents)
{
    HPDF_Doc pdf = ctx->pdf;
    if (!uri && !dest)
        return; /* its destination could not be made: libharu said so (hpdf_error) */
    HPDF_Dict annot = HPDF_Dict_New(pdf->mmgr);
    if (!annot || HPDF_Xref_Add(pdf->xref, annot) != HPDF_OK || !add_to_page(page, annot)) {
        fail(ctx);
        return;
    }
    annot->header.obj_class |= HPDF_OSUBCLASS_ANNOTATION;
    struct pdf_link *l = wp_arena_alloc(&ctx->arena, sizeof(*l));
    float bottom = r.bottom < r.top ? r.bottom : r.top, top = r.bottom < r.top ? r.top : r.bottom;
    *l = (struct pdf_link){.rect = {r.left, bottom, r.right, top},
                           .page_id = obj_id(page),
                           .dest_id = dest ? obj_id(dest) : 0,
                           .key = UINT32_MAX,
                           .uri = uri ? wp_arena_strdup(&ctx->arena, uri) : NULL,
                           .contents = contents};
    if (ctx->tags && !ctx->repeating)
        l->key = wp_pdf_tag_link(ctx, obj_id(annot));
    annot->attr = l;
    annot->write_fn = write_link;
}
