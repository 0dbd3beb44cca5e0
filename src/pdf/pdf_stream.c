/*
 * Each page's content stream is compressed as soon as the page is drawn.
 *
 * libharu 2.3.0 keeps every page's content uncompressed in memory until
 * HPDF_SaveToFile and only then deflates it: at 20,000 activities that is
 * about 150 MB of page operators held at once (massif, docs/performance.md).
 * Here a finished page's stream is deflated into its own memory stream, the
 * stream's filter is cleared so that libharu writes the bytes as they are,
 * and the dictionary's write hook (HPDF_Dict_OnWriteFunc, installed header
 * hpdf_objects.h) adds the /Filter /FlateDecode entry that libharu would
 * otherwise write. The page holds about a sixth of the bytes from then on,
 * and the save no longer compresses anything but the fonts.
 */
#include <zlib.h>

#include "pdf/pdf_internal.h"

static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

bool wp_pdf_page_compress(struct pdf_ctx *ctx, HPDF_Page page)
{
    HPDF_PageAttr attr = page ? (HPDF_PageAttr)page->attr : NULL;
    HPDF_Dict contents = attr ? attr->contents : NULL;
    if (!contents || !contents->stream || contents->write_fn ||
        contents->stream->type != HPDF_STREAM_MEMORY ||
        contents->filter != HPDF_STREAM_FILTER_FLATE_DECODE)
        return false; /* not the shape this was written for: libharu compresses it */
    HPDF_Stream s = contents->stream;
    z_stream z = {0};
    if (deflateInit(&z, ctx->zlevel) != Z_OK)
        return false;
    size_t bound = deflateBound(&z, s->size);
    WP_GROW(ctx->zbuf, ctx->zcap, bound);
    z.next_out = ctx->zbuf;
    z.avail_out = (uInt)ctx->zcap;
    HPDF_UINT n = HPDF_MemStream_GetBufCount(s);
    int rc = Z_OK;
    for (HPDF_UINT k = 0; k < n && rc == Z_OK; k++) {
        HPDF_UINT len = 0;
        HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(s, k, &len);
        if (!p)
            break;
        z.next_in = p;
        z.avail_in = len;
        rc = deflate(&z, k + 1 == n ? Z_FINISH : Z_NO_FLUSH);
    }
    if (n == 0)
        rc = deflate(&z, Z_FINISH);
    size_t out = ctx->zcap - z.avail_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END)
        return false; /* the stream is untouched: libharu compresses it */
    HPDF_MemStream_FreeData(s);
    if (HPDF_Stream_Write(s, ctx->zbuf, (HPDF_UINT)out) != HPDF_OK) {
        /* the page's operators are gone: the document must not be saved */
        if (!ctx->hpdf_error)
            ctx->hpdf_error = HPDF_FAILD_TO_ALLOC_MEM;
        return false;
    }
    contents->filter = HPDF_STREAM_FILTER_NONE;
    contents->write_fn = write_flate_filter;
    return true;
}
