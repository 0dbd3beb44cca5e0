/* Page content written around libharu: literal 2-byte text, pages deflated as drawn
 * (the backend's page streams, seen from inside: pdf_backend_private.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "pdf/pdf_backend_private.h"
#include "pdf/pdf_internal.h"

/* The bytes of a libharu memory stream, concatenated. */
static size_t stream_bytes(HPDF_Stream s, unsigned char *out, size_t cap)
{
    size_t n = 0;
    for (HPDF_UINT k = 0; k < HPDF_MemStream_GetBufCount(s); k++) {
        HPDF_UINT len = 0;
        HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(s, k, &len);
        assert_true(n + len <= cap);
        memcpy(out + n, p, len);
        n += len;
    }
    return n;
}

/* The bytes a stream gives to HPDF_Stream_Read, as libharu reads a page when it saves. */
static size_t read_stream(HPDF_Stream s, unsigned char *out, size_t cap)
{
    assert_int_equal(HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET), HPDF_OK);
    size_t n = 0;
    for (;;) {
        HPDF_UINT len = 1000; /* not a divisor of the sizes: reads end mid-way */
        assert_true(n + len <= cap);
        HPDF_STATUS st = HPDF_Stream_Read(s, out + n, &len);
        n += len;
        if (st == HPDF_STREAM_EOF)
            return n;
        assert_int_equal(st, HPDF_OK);
    }
}

/* Occurrences of needle in hay[0..n) (memmem is a GNU extension). */
static int count(const unsigned char *hay, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    int c = 0;
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            c++;
    return c;
}

static HPDF_Stream page_stream(HPDF_Page page)
{
    return ((HPDF_PageAttr)page->attr)->stream;
}

/* A shaped run: 2-byte glyph ids in a TJ, a number where HarfBuzz moved a glyph (kerning). */
static void test_glyphs_are_drawn_where_shaped(void **state)
{
    (void)state;
    struct pdf_ctx ctx = {0};
    struct wp_text_fonts *fonts = wp_text_fonts_create();
    assert_non_null(fonts);
    struct wp_text_style st = {.size = 10};
    struct wp_text_layout l;
    assert_int_equal(wp_text_layout(fonts, "AVA", 3, "en", &st, 0, &l), 0);
    const struct wp_text_run *r = &l.lines[0].runs[0];
    assert_int_equal(r->n_glyphs, 3);
    assert_int_equal(r->upem, 1000); /* Noto Sans: font units are 1/1000 em */
    wp_pdf_page_glyphs(&ctx, r, l.text, 10, 62.004, 700.5);
    /* after A, PDF's pen is at A's /W width; HarfBuzz's at A's kerned advance */
    int kern1 = wp_text_font_advance(r->font, r->glyphs[0].gid) - r->glyphs[0].x_advance;
    int kern2 = wp_text_font_advance(r->font, r->glyphs[1].gid) - r->glyphs[1].x_advance;
    assert_true(kern1 > 0 && kern2 > 0);
    char want[128];
    snprintf(want, sizeof(want), "62 700.5 Td\012[<%04X>%d<%04X>%d<%04X>] TJ\012",
             (unsigned)r->glyphs[0].gid, kern1, (unsigned)r->glyphs[1].gid, kern2,
             (unsigned)r->glyphs[2].gid);
    wp_buf_addc(&ctx.paint.ops, '\0');
    assert_string_equal(ctx.paint.ops.data, want);
    wp_buf_release(&ctx.paint.ops);
    wp_text_layout_free(&l);
    wp_text_fonts_free(fonts);
}

/* Khmer ក្រ: the coeng ro is drawn before the consonant, its text after: a span holds the
 * text, and inside it the glyphs go in the order of their text (ក, then ្រ). */
static void test_reordered_text_in_an_actualtext_span(void **state)
{
    (void)state;
    struct pdf_ctx ctx = {0};
    struct wp_text_fonts *fonts = wp_text_fonts_create();
    struct wp_text_style st = {.size = 10};
    struct wp_text_layout l;
    const char *kro = "\xe1\x9e\x80\xe1\x9f\x92\xe1\x9e\x9a"; /* ក្រ */
    assert_int_equal(wp_text_layout(fonts, kro, strlen(kro), "km", &st, 0, &l), 0);
    const struct wp_text_run *r = &l.lines[0].runs[0];
    assert_int_equal(r->n_glyphs, 2);
    wp_pdf_page_glyphs(&ctx, r, l.text, 10, 0, 0);
    wp_buf_addc(&ctx.paint.ops, '\0');
    const char *ops = ctx.paint.ops.data;
    assert_non_null(strstr(ops, "/Span <</ActualText <FEFF178017D2179A>>> BDC\012"));
    assert_non_null(strstr(ops, "EMC\012"));
    /* visual order: coeng ro first; drawn: the consonant first, moved right to its place */
    char ro[8], ka[8];
    snprintf(ro, sizeof(ro), "<%04X>", (unsigned)r->glyphs[0].gid);
    snprintf(ka, sizeof(ka), "<%04X>", (unsigned)r->glyphs[1].gid);
    assert_non_null(strstr(ops, ro));
    assert_non_null(strstr(ops, ka));
    assert_true(strstr(ops, ka) < strstr(ops, ro));
    assert_non_null(strstr(ops, "[-"));
    wp_buf_release(&ctx.paint.ops);
    wp_text_layout_free(&l);
    wp_text_fonts_free(fonts);
}

static void test_operands_are_short(void **state)
{
    (void)state;
    struct wp_buf b = WP_BUF_INIT;
    const double v[] = {62, 700.5, 0.004, -3.256, 12.999, 0.1224};
    const int places[] = {2, 2, 2, 2, 2, 3};
    for (size_t k = 0; k < sizeof(v) / sizeof(v[0]); k++) {
        wp_pdf_op_num(&b, v[k], places[k]);
        wp_buf_addc(&b, ' ');
    }
    assert_string_equal(b.data, "62 700.5 0 -3.26 13 0.122 ");
    wp_buf_release(&b);
}

static void test_pages_are_deflated_as_drawn(void **state)
{
    (void)state;
    struct pdf_ctx ctx = {0};
    struct pdf_backend be = {.opt = {.zlevel = Z_DEFAULT_COMPRESSION}};
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    enum { N = 20 };
    HPDF_Page pages[N];
    static unsigned char plain[N][16384];
    size_t plain_len[N];
    wp_pdf_be_stream_begin(&be);
    for (int p = 0; p < N; p++) {
        pages[p] = HPDF_AddPage(pdf);
        /* more than one of libharu's 4 KB buffers on most pages */
        for (int k = 0; k < 200 + 30 * p; k++) {
            HPDF_Page_Rectangle(pages[p], (HPDF_REAL)k, (HPDF_REAL)p, 10, 20);
            HPDF_Page_Fill(pages[p]);
        }
        plain_len[p] = stream_bytes(page_stream(pages[p]), plain[p], sizeof(plain[p]));
        /* and operators of our own, which follow libharu's */
        wp_buf_addf(&ctx.paint.ops, "BT 10 %d Td (x) Tj ET\012", 20 + p);
        memcpy(plain[p] + plain_len[p], ctx.paint.ops.data, ctx.paint.ops.len);
        plain_len[p] += ctx.paint.ops.len;
        wp_pdf_be_page_done(&be, pages[p], &ctx.paint.ops);
        assert_int_equal(ctx.paint.ops.len, 0);
    }
    wp_pdf_be_stream_end(&be);
    assert_null(be.zpipe);
    size_t spooled = 0;
    for (int p = 0; p < N; p++) {
        HPDF_Dict contents = ((HPDF_PageAttr)pages[p]->attr)->contents;
        /* libharu writes the bytes as they are; the hook names the filter */
        assert_int_equal(contents->filter, HPDF_STREAM_FILTER_NONE);
        assert_non_null(contents->write_fn);
        assert_ptr_equal(contents->stream, page_stream(pages[p]));
        /* what libharu reads when it saves: the page's part of the spool */
        assert_int_not_equal(contents->stream->type, HPDF_STREAM_MEMORY);
        static unsigned char packed[16384], back[16384];
        size_t n = read_stream(contents->stream, packed, sizeof(packed));
        spooled += n;
        assert_true(n < plain_len[p]);
        uLongf back_len = sizeof(back);
        assert_int_equal(uncompress(back, &back_len, packed, n), Z_OK);
        assert_int_equal(back_len, plain_len[p]);
        assert_memory_equal(back, plain[p], plain_len[p]);
    }
    /* the saved document declares the filter once per page stream */
    assert_int_equal(HPDF_SaveToStream(pdf), HPDF_OK);
    HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
    unsigned char *doc = malloc(size + 1);
    HPDF_UINT32 got = size;
    assert_int_equal(HPDF_ReadFromStream(pdf, doc, &got), HPDF_OK);
    doc[got] = 0;
    assert_int_equal(count(doc, got, "/Filter"), N);
    assert_int_equal(count(doc, got, "/Filter /FlateDecode\012"), N);
    /* the compressed pages were not kept in memory: they are all in the spool */
    assert_non_null(be.spool);
    assert_int_equal(lseek(be.spool->fd, 0, SEEK_END), spooled);
    free(doc);
    wp_buf_release(&ctx.paint.ops);
    HPDF_Free(pdf);
    wp_pdf_be_spool_release(&be);
    assert_null(be.spool);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glyphs_are_drawn_where_shaped),
        cmocka_unit_test(test_reordered_text_in_an_actualtext_span),
        cmocka_unit_test(test_operands_are_short),
        cmocka_unit_test(test_pages_are_deflated_as_drawn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
