/* Page content written around libharu: literal 2-byte text, pages deflated as drawn. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

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

static void test_text_is_a_literal_of_two_byte_codes(void **state)
{
    (void)state;
    struct pdf_ctx ctx = {0};
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Stream s = page_stream(page);
    HPDF_UINT before = s->size;
    /* '(' ')' '\' need escaping, and so do the bytes 0x0D and 0x28 inside
     * U+010D and U+0128; U+1F600 is outside the BMP and is dropped */
    const char *text = "a(b)\\ \xc4\x8d\xc4\xa8\xf0\x9f\x98\x80";
    wp_pdf_page_text(&ctx, page, 62.004, 700.5, text, strlen(text));
    unsigned char got[256];
    size_t n = stream_bytes(s, got, sizeof(got));
    static const char want[] = "62 700.5 Td\012("
                               "\0a\0\\(\0b\0\\)\0\\\\\0 "
                               "\001\\r\001\\("
                               ") Tj\012";
    assert_int_equal(n - before, sizeof(want) - 1);
    assert_memory_equal(got + before, want, sizeof(want) - 1);
    assert_int_equal(ctx.hpdf_error, 0);
    wp_buf_release(&ctx.scratch);
    HPDF_Free(pdf);
}

static void test_pages_are_deflated_as_drawn(void **state)
{
    (void)state;
    struct pdf_ctx ctx = {.zlevel = Z_DEFAULT_COMPRESSION};
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    enum { N = 20 };
    HPDF_Page pages[N];
    static unsigned char plain[N][16384];
    size_t plain_len[N];
    wp_pdf_pages_begin(&ctx);
    for (int p = 0; p < N; p++) {
        pages[p] = HPDF_AddPage(pdf);
        /* more than one of libharu's 4 KB buffers on most pages */
        for (int k = 0; k < 200 + 30 * p; k++) {
            HPDF_Page_Rectangle(pages[p], (HPDF_REAL)k, (HPDF_REAL)p, 10, 20);
            HPDF_Page_Fill(pages[p]);
        }
        plain_len[p] = stream_bytes(page_stream(pages[p]), plain[p], sizeof(plain[p]));
        wp_pdf_page_done(&ctx, pages[p]);
    }
    wp_pdf_pages_end(&ctx);
    assert_null(ctx.zpipe);
    for (int p = 0; p < N; p++) {
        HPDF_Dict contents = ((HPDF_PageAttr)pages[p]->attr)->contents;
        /* libharu writes the bytes as they are; the hook names the filter */
        assert_int_equal(contents->filter, HPDF_STREAM_FILTER_NONE);
        assert_non_null(contents->write_fn);
        assert_ptr_equal(contents->stream, page_stream(pages[p]));
        static unsigned char packed[16384], back[16384];
        size_t n = stream_bytes(contents->stream, packed, sizeof(packed));
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
    free(doc);
    HPDF_Free(pdf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_is_a_literal_of_two_byte_codes),
        cmocka_unit_test(test_pages_are_deflated_as_drawn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
