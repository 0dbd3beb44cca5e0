/*
 * Fonts embedded by the backend itself (pdf_backend.h): Type0 fonts keyed by
 * glyph id, for shaped text. libharu 2.3.0 loads TrueType fonts keyed by
 * code point only, and no CFF outlines at all.
 *
 * Each font is five objects made when the font is asked for (so its
 * resource name can be drawn with at once): the Type0 font, its CIDFont
 * and FontDescriptor, written by hooks from what wp_pdf_glyph_font_set
 * copied; the font program and the ToUnicode CMap, libharu streams that it
 * deflates when it saves.
 *
 *   Type0 /Encoding /Identity-H: the 2-byte codes drawn are CIDs
 *     CIDFontType2 /CIDToGIDMap /Identity: CID = GID (TrueType outlines)
 *     CIDFontType0 + FontFile3 /Subtype /OpenType (CFF outlines): the CFF
 *       table's charset maps CIDs; hb-subset with RETAIN_GIDS keeps them
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_backend_private.h"

struct pdf_gfont {
    char name[8]; /* "G1" */
    HPDF_Dict type0, cidfont, descriptor, program, tounicode;
    bool set, cff;
    char base_font[80]; /* "ABCDEF+Name" */
    float ascent, descent, cap_height, bbox[4];
    bool bold;
    struct wp_buf widths; /* the /W array's contents */
};

/* ---- hooks ------------------------------------------------------------------------ */

static HPDF_STATUS write_buf(HPDF_Stream stream, struct wp_buf *b)
{
    HPDF_STATUS st = HPDF_Stream_Write(stream, (const HPDF_BYTE *)b->data, (HPDF_UINT)b->len);
    wp_buf_release(b);
    return st;
}

static HPDF_STATUS write_type0(HPDF_Dict dict, HPDF_Stream stream)
{
    const struct pdf_gfont *g = dict->attr;
    struct wp_buf b = WP_BUF_INIT;
    wp_buf_addf(&b,
                "/Type /Font\012/Subtype /Type0\012/BaseFont /%s\012/Encoding /Identity-H\012"
                "/DescendantFonts [%u 0 R]\012/ToUnicode %u 0 R\012",
                g->base_font, (unsigned)wp_pdf_be_obj_id(g->cidfont),
                (unsigned)wp_pdf_be_obj_id(g->tounicode));
    return write_buf(stream, &b);
}

static HPDF_STATUS write_cidfont(HPDF_Dict dict, HPDF_Stream stream)
{
    const struct pdf_gfont *g = dict->attr;
    struct wp_buf b = WP_BUF_INIT;
    wp_buf_addf(&b,
                "/Type /Font\012/Subtype /%s\012/BaseFont /%s\012"
                "/CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>>\012"
                "/FontDescriptor %u 0 R\012/DW 1000\012/W [",
                g->cff ? "CIDFontType0" : "CIDFontType2", g->base_font,
                (unsigned)wp_pdf_be_obj_id(g->descriptor));
    wp_buf_add(&b, g->widths.data, g->widths.len);
    wp_buf_adds(&b, "]\012");
    if (!g->cff)
        wp_buf_adds(&b, "/CIDToGIDMap /Identity\012");
    return write_buf(stream, &b);
}

static HPDF_STATUS write_descriptor(HPDF_Dict dict, HPDF_Stream stream)
{
    const struct pdf_gfont *g = dict->attr;
    struct wp_buf b = WP_BUF_INIT;
    /* Flags 4: symbolic, as the glyphs are not in a standard character set */
    wp_buf_addf(&b, "/Type /FontDescriptor\012/FontName /%s\012/Flags 4\012/FontBBox [",
                g->base_font);
    for (int k = 0; k < 4; k++) {
        wp_pdf_op_num(&b, g->bbox[k], 2);
        wp_buf_addc(&b, k < 3 ? ' ' : ']');
    }
    wp_buf_adds(&b, "\012/ItalicAngle 0\012/Ascent ");
    wp_pdf_op_num(&b, g->ascent, 2);
    wp_buf_adds(&b, "\012/Descent ");
    wp_pdf_op_num(&b, g->descent, 2);
    wp_buf_adds(&b, "\012/CapHeight ");
    wp_pdf_op_num(&b, g->cap_height, 2);
    /* no stem width in an sfnt: the usual guesses for regular and bold */
    wp_buf_addf(&b, "\012/StemV %d\012", g->bold ? 120 : 80);
    if (g->set)
        wp_buf_addf(&b, "/%s %u 0 R\012", g->cff ? "FontFile3" : "FontFile2",
                    (unsigned)wp_pdf_be_obj_id(g->program));
    return write_buf(stream, &b);
}

/* ---- new -------------------------------------------------------------------------- */

static HPDF_Dict hooked(struct pdf_backend *be, struct pdf_gfont *g, HPDF_Dict_OnWriteFunc fn)
{
    HPDF_Dict d = HPDF_Dict_New(be->pdf->mmgr);
    if (!d || HPDF_Xref_Add(be->pdf->xref, d) != HPDF_OK)
        return NULL;
    d->attr = g;
    d->write_fn = fn;
    return d;
}

static HPDF_Dict stream_new(struct pdf_backend *be)
{
    HPDF_Dict d = HPDF_DictStream_New(be->pdf->mmgr, be->pdf->xref);
    if (d)
        d->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    return d;
}

int wp_pdf_glyph_font_new(struct pdf_backend *be, const char **resource_name)
{
    *resource_name = NULL;
    if (!be->pdf || !be->font_res) {
        wp_pdf_be_set_failed(be);
        return -1;
    }
    WP_GROW(be->gfonts, be->cap_gfonts, be->n_gfonts + 1);
    struct pdf_gfont *g = wp_arena_alloc(&be->arena, sizeof(*g));
    g->widths = (struct wp_buf)WP_BUF_INIT;
    snprintf(g->name, sizeof(g->name), "G%u", (unsigned)(be->n_gfonts + 1));
    snprintf(g->base_font, sizeof(g->base_font), "AAAAAA+Unset");
    be->gfonts[be->n_gfonts] = g;
    g->type0 = hooked(be, g, write_type0);
    g->cidfont = hooked(be, g, write_cidfont);
    g->descriptor = hooked(be, g, write_descriptor);
    g->tounicode = stream_new(be);
    g->program = stream_new(be);
    if (!g->type0 || !g->cidfont || !g->descriptor || !g->tounicode || !g->program ||
        HPDF_Dict_Add(be->font_res, g->name, g->type0) != HPDF_OK) {
        wp_pdf_be_set_failed(be);
        return -1;
    }
    *resource_name = g->name;
    return (int)be->n_gfonts++;
}

/* ---- set -------------------------------------------------------------------------- */

/* The subset tag: six capitals from an FNV-1a hash of the name and glyph set. */
static void subset_tag(const struct pdf_glyph_font *f, char tag[7])
{
    uint64_t h = 1469598103934665603u;
    for (const char *s = f->ps_name; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    for (size_t k = 0; k < f->n_glyphs; k++)
        for (int sh = 0; sh < 32; sh += 8)
            h = (h ^ ((f->gids[k] >> sh) & 0xFF)) * 1099511628211u;
    for (int k = 0; k < 6; k++, h /= 26)
        tag[k] = (char)('A' + h % 26);
    tag[6] = 0;
}

/* A PostScript name keeps printable ASCII other than PDF delimiters and '#'. */
static void base_font(const struct pdf_glyph_font *f, char *out, size_t size)
{
    char tag[7];
    subset_tag(f, tag);
    size_t n = (size_t)snprintf(out, size, "%s+", tag);
    for (const char *s = f->ps_name ? f->ps_name : "Font"; *s && n + 1 < size; s++)
        if (*s > ' ' && *s < 0x7F && !strchr("()<>[]{}/%#", *s))
            out[n++] = *s;
    out[n] = 0;
}

/* The /W array: runs of consecutive glyph ids share one list, "g [w1 w2 ...]". */
static void widths(const struct pdf_glyph_font *f, struct wp_buf *b)
{
    double scale = f->units_per_em ? 1000.0 / f->units_per_em : 1.0;
    for (size_t k = 0; k < f->n_glyphs; k++) {
        bool starts = k == 0 || f->gids[k] != f->gids[k - 1] + 1;
        if (starts) {
            if (k)
                wp_buf_adds(b, "] ");
            wp_pdf_add_uint(b, f->gids[k]);
            wp_buf_adds(b, " [");
        } else {
            wp_buf_addc(b, ' ');
        }
        wp_pdf_op_num(b, f->advances ? f->advances[k] * scale : 0, 2);
    }
    if (f->n_glyphs)
        wp_buf_addc(b, ']');
}

void wp_pdf_glyph_tounicode(const struct pdf_glyph_font *f, struct wp_buf *out)
{
    wp_buf_adds(out, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                     "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                     "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                     "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    struct wp_buf block = WP_BUF_INIT;
    size_t n = 0;
    for (size_t k = 0; k <= f->n_glyphs; k++) {
        bool last = k == f->n_glyphs;
        if (!last && f->unicode && f->unicode[k] && *f->unicode[k] && f->gids[k] <= 0xFFFF) {
            wp_buf_addf(&block, "<%04X> <", (unsigned)f->gids[k]);
            wp_pdf_add_utf16(&block, f->unicode[k]);
            wp_buf_adds(&block, ">\n");
            n++;
        }
        if (n && (n == 100 || last)) {
            wp_buf_addf(out, "%zu beginbfchar\n", n);
            wp_buf_add(out, block.data, block.len);
            wp_buf_adds(out, "endbfchar\n");
            wp_buf_reset(&block);
            n = 0;
        }
    }
    wp_buf_release(&block);
    wp_buf_adds(out, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

static bool stream_put(HPDF_Dict d, const void *data, size_t len)
{
    return HPDF_Stream_Write(d->stream, (const HPDF_BYTE *)data, (HPDF_UINT)len) == HPDF_OK;
}

bool wp_pdf_glyph_font_set(struct pdf_backend *be, int handle, const struct pdf_glyph_font *f)
{
    if (handle < 0 || (size_t)handle >= be->n_gfonts || !be->pdf || be->gfonts[handle]->set || !f ||
        !f->program || !f->program_len) {
        wp_pdf_be_set_failed(be);
        return false;
    }
    struct pdf_gfont *g = be->gfonts[handle];
    double scale = f->units_per_em ? 1000.0 / f->units_per_em : 1.0;
    g->cff = f->cff;
    g->bold = f->bold;
    g->ascent = (float)(f->ascent * scale);
    g->descent = (float)(f->descent * scale);
    g->cap_height = (float)(f->cap_height * scale);
    for (int k = 0; k < 4; k++)
        g->bbox[k] = (float)(f->bbox[k] * scale);
    base_font(f, g->base_font, sizeof(g->base_font));
    widths(f, &g->widths);
    struct wp_buf cmap = WP_BUF_INIT;
    wp_pdf_glyph_tounicode(f, &cmap);
    bool ok = stream_put(g->tounicode, cmap.data, cmap.len) &&
              stream_put(g->program, f->program, f->program_len);
    wp_buf_release(&cmap);
    if (ok && f->cff)
        ok = HPDF_Dict_AddName(g->program, "Subtype", "OpenType") == HPDF_OK;
    else if (ok)
        ok = HPDF_Dict_AddNumber(g->program, "Length1", (HPDF_INT32)f->program_len) == HPDF_OK;
    if (!ok) {
        wp_pdf_be_set_failed(be);
        return false;
    }
    g->set = true;
    return true;
}

void wp_pdf_be_gfonts_release(struct pdf_backend *be)
{
    for (size_t k = 0; k < be->n_gfonts; k++)
        wp_buf_release(&be->gfonts[k]->widths);
    free(be->gfonts);
    be->gfonts = NULL;
    be->n_gfonts = be->cap_gfonts = 0;
}
