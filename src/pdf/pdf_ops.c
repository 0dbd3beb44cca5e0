/*
 * Text on a page, written by painting into the page's operators: a literal
 * string of 2-byte codes (the fonts are Identity-H with CID = Unicode,
 * libraries.md A1). HPDF_Page_TextOut writes four hex digits a character,
 * which made 63 % of the page bytes, and it measures every character again.
 * Half the bytes, a third less deflating.
 */
#include "pdf/pdf_internal.h"

void wp_pdf_page_text(struct pdf_ctx *ctx, double x, double y, const char *s, size_t len)
{
    struct wp_buf *b = &ctx->paint.ops;
    wp_pdf_op_num(b, x, 2);
    wp_buf_addc(b, ' ');
    wp_pdf_op_num(b, y, 2);
    wp_buf_adds(b, " Td\012(");
    /* at most 4 bytes a code point once escaped, and 2 a UTF-8 byte at least */
    wp_buf_grow(b, 2 * len + 8);
    char *out = b->data + b->len;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        i += wp_utf8_decode(s + i, len - i, &cp);
        if (cp >= 0x10000)
            continue; /* warned about when measured; libharu dropped them too */
        unsigned char two[2] = {(unsigned char)(cp >> 8), (unsigned char)(cp & 0xFF)};
        for (int k = 0; k < 2; k++) {
            unsigned char c = two[k];
            if (c == '(' || c == ')' || c == '\\') {
                *out++ = '\\';
                *out++ = (char)c;
            } else if (c == '\r' || c == '\n') {
                *out++ = '\\';
                *out++ = c == '\r' ? 'r' : 'n';
            } else {
                *out++ = (char)c;
            }
        }
    }
    b->len = (size_t)(out - b->data);
    wp_buf_adds(b, ") Tj\012");
}
