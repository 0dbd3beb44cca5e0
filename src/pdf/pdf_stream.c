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
 *
 * Text is written here too, as a literal string of 2-byte codes (the fonts
 * are Identity-H with CID = Unicode, libraries.md A1): HPDF_Page_TextOut
 * writes four hex digits a character, which made 63 % of the page bytes,
 * and it measures every character again. Half the bytes, a third less
 * deflating.
 */
#include <zlib.h>

#include "pdf/pdf_internal.h"

/* v to 1/100, without trailing zeros, as PDF operands are usually written */
static void add_num(struct wp_buf *b, double v)
{
    long c = (long)(v * 100.0 + (v < 0 ? -0.5 : 0.5));
    if (c < 0) {
        wp_buf_addc(b, '-');
        c = -c;
    }
    wp_buf_addf(b, "%ld", c / 100);
    if (c % 100) {
        wp_buf_addc(b, '.');
        wp_buf_addc(b, (char)('0' + c % 100 / 10));
        if (c % 10)
            wp_buf_addc(b, (char)('0' + c % 10));
    }
}

void wp_pdf_page_text(struct pdf_ctx *ctx, HPDF_Page page, double x, double y, const char *s,
                      size_t len)
{
    struct wp_buf *b = &ctx->scratch;
    b->len = 0;
    add_num(b, x);
    wp_buf_addc(b, ' ');
    add_num(b, y);
    wp_buf_adds(b, " Td\012(");
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        i += wp_utf8_decode(s + i, len - i, &cp);
        if (cp >= 0x10000)
            continue; /* warned about when measured; libharu dropped them too */
        unsigned char two[2] = {(unsigned char)(cp >> 8), (unsigned char)(cp & 0xFF)};
        for (int k = 0; k < 2; k++) {
            unsigned char c = two[k];
            if (c == '(' || c == ')' || c == '\\')
                wp_buf_addc(b, '\\'), wp_buf_addc(b, (char)c);
            else if (c == '\r')
                wp_buf_adds(b, "\\r");
            else if (c == '\n')
                wp_buf_adds(b, "\\n");
            else
                wp_buf_addc(b, (char)c);
        }
    }
    wp_buf_adds(b, ") Tj\012");
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    if (HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)b->data, (HPDF_UINT)b->len) != HPDF_OK &&
        !ctx->hpdf_error)
        ctx->hpdf_error = HPDF_FAILD_TO_ALLOC_MEM;
}

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
    /* a stream whose one buffer is exactly the compressed size replaces the old one */
    HPDF_Stream packed = HPDF_MemStream_New(contents->mmgr, out ? (HPDF_UINT)out : 1);
    if (!packed || HPDF_Stream_Write(packed, ctx->zbuf, (HPDF_UINT)out) != HPDF_OK) {
        if (packed)
            HPDF_Stream_Free(packed);
        return false; /* the stream is untouched: libharu compresses it */
    }
    HPDF_Stream_Free(s);
    contents->stream = packed;
    attr->stream = packed;
    contents->filter = HPDF_STREAM_FILTER_NONE;
    contents->write_fn = write_flate_filter;
    return true;
}
