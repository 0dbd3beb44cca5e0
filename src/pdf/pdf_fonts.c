/*
 * Fonts: Noto Sans Regular and Bold, found with fontconfig, measured with
 * HarfBuzz, subset with hb-subset to the code points the document prints,
 * and handed to libharu through a private temporary file (libharu 2.3.0
 * loads TrueType only from files).
 *
 * Noto Sans because libharu 2.3.0 drops nested composite glyphs, which
 * takes the tone marks off Vietnamese letters in other fonts; Noto's Latin
 * and Vietnamese glyphs have no nested composites.
 */
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf/pdf_internal.h"

static const struct {
    const char *pattern;
    const char *file_prefix; /* the file must really be the one asked for */
    bool optional;           /* a fallback: the booklet is made without it */
} wanted[PDF_FONT_COUNT] = {
    [PDF_REGULAR] = {"Noto Sans:style=Regular", "NotoSans-Regular.", false},
    [PDF_BOLD] = {"Noto Sans:style=Bold", "NotoSans-Bold.", false},
    [PDF_FALLBACK_MATH] = {"Noto Sans Math:style=Regular", "NotoSansMath-Regular.", true},
    [PDF_FALLBACK_SYMBOLS] = {"Noto Sans Symbols:style=Regular", "NotoSansSymbols-Regular.", true},
    [PDF_FALLBACK_SYMBOLS2] = {"Noto Sans Symbols2:style=Regular", "NotoSansSymbols2-Regular.",
                               true},
};

static enum wp_error open_one(struct pdf_fonts *fonts, int i);

/* The first fallback that has cp (opened on first need), or PDF_FONT_COUNT. */
static enum pdf_font_id fallback_for(struct pdf_fonts *fonts, uint32_t cp, hb_codepoint_t *gid)
{
    for (int i = PDF_FIRST_FALLBACK; i < PDF_FONT_COUNT; i++) {
        if (!fonts->f[i].tried)
            open_one(fonts, i); /* a fallback that cannot be opened is simply not used */
        if (fonts->f[i].font && hb_font_get_nominal_glyph(fonts->f[i].font, cp, gid))
            return (enum pdf_font_id)i;
    }
    return PDF_FONT_COUNT;
}

enum pdf_font_id wp_pdf_font_for(struct pdf_fonts *fonts, enum pdf_font_id primary, uint32_t cp)
{
    hb_codepoint_t gid;
    if (cp < 0x80 || hb_font_get_nominal_glyph(fonts->f[primary].font, cp, &gid))
        return primary;
    enum pdf_font_id fb = fallback_for(fonts, cp, &gid);
    return fb == PDF_FONT_COUNT ? primary : fb;
}

static char *find_font(FcConfig *cfg, const char *pattern, const char *file_prefix)
{
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    if (!pat)
        return NULL;
    FcConfigSubstitute(cfg, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *match = FcFontMatch(cfg, pat, &res);
    char *path = NULL;
    FcChar8 *file = NULL;
    if (match && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
        const char *base = strrchr((const char *)file, '/');
        base = base ? base + 1 : (const char *)file;
        /* fontconfig falls back to any font; only the real one will do */
        if (strncmp(base, file_prefix, strlen(file_prefix)) == 0)
            path = wp_xstrdup((const char *)file);
    }
    if (match)
        FcPatternDestroy(match);
    FcPatternDestroy(pat);
    return path;
}

static void describe_cp(char *buf, size_t size, uint32_t cp)
{
    /* the character itself, unless it is a control character */
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
        snprintf(buf, size, "U+%04X", (unsigned)cp);
        return;
    }
    char u[5] = {0};
    if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
    }
    snprintf(buf, size, "U+%04X '%s'", (unsigned)cp, u);
}

static void warn_glyph(struct pdf_font *f, uint32_t cp, const char *why)
{
    struct pdf_fonts *fs = f->owner;
    if (hb_set_has(fs->warned, cp))
        return;
    hb_set_add(fs->warned, cp);
    char c[32], where[256] = "";
    describe_cp(c, sizeof(c), cp);
    if (fs->where_what && fs->where_id)
        snprintf(where, sizeof(where), " (%s '%s', %s)", fs->where_what, fs->where_id,
                 fs->where_field ? fs->where_field : "text");
    else if (fs->where_field)
        snprintf(where, sizeof(where), " (%s)", fs->where_field);
    wp_diags_add(fs->diags, WP_SEV_WARNING, WP_DIAG_GLYPH_MISSING, fs->file, fs->where_pos,
                 "character %s %s and will not print%s", c, why, where);
}

/* The measuring callback; it also records which code points the document uses. */
static int font_advance(void *ctx, uint32_t cp)
{
    struct pdf_font *f = ctx;
    if (cp == '\t')
        cp = ' ';
    if (cp >= 0x10000) {
        /* libharu 2.3.0's UTF-8 encoder drops these */
        warn_glyph(f, cp, "is outside the Basic Multilingual Plane");
        return 0;
    }
    hb_codepoint_t gid = 0;
    if (hb_font_get_nominal_glyph(f->font, cp, &gid)) {
        hb_set_add(f->used, cp);
        return (int)hb_font_get_glyph_h_advance(f->font, gid);
    }
    /* a symbol font draws it, at its own width: the layout measures what is drawn */
    enum pdf_font_id fb = fallback_for(f->owner, cp, &gid);
    if (fb != PDF_FONT_COUNT) {
        struct pdf_font *g = &f->owner->f[fb];
        hb_set_add(g->used, cp);
        return (int)hb_font_get_glyph_h_advance(g->font, gid);
    }
    char why[160];
    snprintf(why, sizeof(why), "is not in font '%s' nor in its symbol fallbacks", f->want);
    warn_glyph(f, cp, why);
    gid = 0;
    return (int)hb_font_get_glyph_h_advance(f->font, gid);
}

/* Finds font i with fontconfig and opens it for HarfBuzz. */
static enum wp_error open_one(struct pdf_fonts *fonts, int i)
{
    struct pdf_font *f = &fonts->f[i];
    struct wp_diags *diags = fonts->diags;
    f->tried = true;
    f->path = fonts->fc ? find_font(fonts->fc, wanted[i].pattern, wanted[i].file_prefix) : NULL;
    if (!f->path && wanted[i].optional)
        return WP_OK;
    if (!f->path) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_EXPORT, NULL, (struct wp_pos){0, 0},
                     "font '%s' not found (install the fonts-noto-core package)",
                     wanted[i].pattern);
        return WP_ERR_FONT;
    }
    f->blob = hb_blob_create_from_file_or_fail(f->path);
    if (!f->blob) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_EXPORT, NULL, (struct wp_pos){0, 0},
                     "cannot read font file '%s'", f->path);
        return WP_ERR_FONT;
    }
    f->face = hb_face_create(f->blob, 0);
    if (hb_face_get_glyph_count(f->face) == 0) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_EXPORT, NULL, (struct wp_pos){0, 0},
                     "font file '%s' holds no glyphs", f->path);
        return WP_ERR_FONT;
    }
    f->font = hb_font_create(f->face);
    /* widths in 1/1000 em, the unit of the layout layer and of PDF */
    hb_font_set_scale(f->font, 1000, 1000);
    if (wanted[i].optional)
        return WP_OK; /* a fallback is measured through the text font it stands in for */
    wp_pdf_measure_init(&f->measure, font_advance, f);
    /* digits, punctuation and letters of numbers and labels built late */
    for (uint32_t cp = 0x20; cp < 0x7f; cp++)
        wp_pdf_measure_cp(&f->measure, cp);
    return WP_OK;
}

enum wp_error wp_pdf_fonts_open(struct pdf_fonts *fonts, struct wp_diags *diags, const char *file)
{
    memset(fonts, 0, sizeof(*fonts));
    fonts->diags = diags;
    fonts->file = file;
    fonts->warned = hb_set_create();
    fonts->fc = FcInitLoadConfigAndFonts();
    for (int i = 0; i < PDF_FONT_COUNT; i++) {
        fonts->f[i].owner = fonts;
        fonts->f[i].want = wanted[i].pattern;
        fonts->f[i].used = hb_set_create();
    }
    /* the text fonts now; a fallback only when a character needs one */
    enum wp_error err = WP_OK;
    for (int i = 0; i < PDF_FIRST_FALLBACK; i++) {
        enum wp_error e = open_one(fonts, i);
        if (e)
            err = e;
    }
    return err;
}

/*
 * libharu embeds only the glyphs it saw measured (HPDF_TTFontDef_GetCharWidth
 * flags them) and empties the others. Text is written without libharu's
 * TextOut (pdf_ops.c), so every code point the document prints is
 * measured once here.
 */
static void mark_used(struct pdf_font *f)
{
    if (!f->hpdf)
        return;
    struct wp_buf b = WP_BUF_INIT;
    for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(f->used, &cp);) {
        char u[4];
        size_t n = 0;
        if (cp < 0x80) {
            u[n++] = (char)cp;
        } else if (cp < 0x800) {
            u[n++] = (char)(0xC0 | (cp >> 6));
            u[n++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            u[n++] = (char)(0xE0 | (cp >> 12));
            u[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            u[n++] = (char)(0x80 | (cp & 0x3F));
        } else {
            continue;
        }
        wp_buf_add(&b, u, n);
    }
    if (b.len)
        HPDF_Font_TextWidth(f->hpdf, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
    wp_buf_release(&b);
}

/* One bfrange or bfchar block of at most 100 entries, as the CMap format allows. */
static void cmap_block(struct wp_buf *out, const struct wp_buf *entries, size_t n, bool range)
{
    if (n == 0)
        return;
    wp_buf_addf(out, "%zu %s\n", n, range ? "beginbfrange" : "beginbfchar");
    wp_buf_add(out, entries->data, entries->len);
    wp_buf_adds(out, range ? "endbfrange\n" : "endbfchar\n");
}

/*
 * The ToUnicode CMap of a font whose codes are its code points (Identity-H,
 * CID = Unicode): a run of consecutive codes with the same high byte is one
 * bfrange, a lone code a bfchar, for exactly the code points drawn.
 */
void wp_pdf_tounicode_cmap(const hb_set_t *used, struct wp_buf *out)
{
    wp_buf_adds(out, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                     "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                     "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                     "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    struct wp_buf ranges = WP_BUF_INIT, chars = WP_BUF_INIT;
    size_t n_ranges = 0, n_chars = 0;
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    bool more = hb_set_next(used, &cp);
    while (more && cp < 0x10000) {
        hb_codepoint_t first = cp, last = cp;
        while ((more = hb_set_next(used, &cp)) && cp == last + 1 && (cp >> 8) == (first >> 8))
            last = cp;
        if (last > first) {
            wp_buf_addf(&ranges, "<%04X> <%04X> <", (unsigned)first, (unsigned)last);
            wp_pdf_add_utf16_cp(&ranges, first);
            wp_buf_adds(&ranges, ">\n");
            if (++n_ranges == 100) {
                cmap_block(out, &ranges, n_ranges, true);
                ranges.len = 0, n_ranges = 0;
            }
        } else {
            wp_buf_addf(&chars, "<%04X> <", (unsigned)first);
            wp_pdf_add_utf16_cp(&chars, first);
            wp_buf_adds(&chars, ">\n");
            if (++n_chars == 100) {
                cmap_block(out, &chars, n_chars, false);
                chars.len = 0, n_chars = 0;
            }
        }
    }
    cmap_block(out, &ranges, n_ranges, true);
    cmap_block(out, &chars, n_chars, false);
    wp_buf_release(&ranges);
    wp_buf_release(&chars);
    wp_buf_adds(out, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* libharu's ToUnicode map of the font replaced with one of the code points drawn. */
static bool fix_unicode_map(struct pdf_font *f, struct pdf_backend *be)
{
    struct wp_buf b = WP_BUF_INIT;
    wp_pdf_tounicode_cmap(f->used, &b);
    bool ok = wp_pdf_be_font_tounicode(be, f->hpdf, b.data, b.len);
    wp_buf_release(&b);
    return ok;
}

/*
 * The subset into a new file in dir (NULL: TMPDIR), since libharu loads fonts
 * only by name; 0, or the errno that stopped it (the file is then removed).
 */
static int write_temp(const char *dir, const char *data, size_t len, struct wp_buf *path)
{
    if (!dir || !*dir)
        dir = getenv("TMPDIR");
    wp_buf_addf(path, "%s/.workplan-tmp.font.XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path->data);
    if (fd < 0)
        return errno ? errno : EIO;
    int err = 0;
    for (size_t done = 0; done < len && !err;) {
        ssize_t w = write(fd, data + done, len - done);
        if (w > 0)
            done += (size_t)w;
        else if (!(w < 0 && errno == EINTR))
            err = w < 0 && errno ? errno : EIO;
    }
    if (close(fd) != 0 && !err)
        err = errno ? errno : EIO;
    if (err)
        unlink(path->data);
    return err;
}

static enum wp_error embed_one(struct pdf_fonts *fonts, struct pdf_font *f, struct pdf_backend *be)
{
    HPDF_Doc pdf = wp_pdf_be_doc(be);
    struct wp_diags *diags = fonts->diags;
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return WP_ERR_NOMEM;
    hb_set_union(hb_subset_input_unicode_set(in), f->used);
    /* libharu reads only the outline and metric tables: drop the rest */
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    static const char *const tables[] = {"GSUB", "GPOS", "GDEF", "DSIG", "MATH",
                                         "COLR", "CPAL", "SVG ", "BASE", "JSTF"};
    for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
        hb_set_add(drop, hb_tag_from_string(tables[i], 4));
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t *sub = hb_subset_or_fail(f->face, in);
    hb_subset_input_destroy(in);
    if (!sub) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_EXPORT, NULL, (struct wp_pos){0, 0},
                     "cannot subset font '%s'", f->path);
        return WP_ERR_FONT;
    }
    hb_blob_t *blob = hb_face_reference_blob(sub);
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);

    struct wp_buf path = WP_BUF_INIT;
    enum wp_error err = WP_OK;
    int werr = write_temp(fonts->scratch_dir, data, len, &path);
    if (werr) {
        /* beside the output: its failure, reported by the writer (pdf_writer.c) */
        fonts->scratch_err = werr;
        err = WP_ERR_IO;
    } else {
        const char *name = HPDF_LoadTTFontFromFile(pdf, path.data, HPDF_TRUE);
        f->hpdf = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
        mark_used(f);
        if (f->hpdf && !fix_unicode_map(f, be))
            f->hpdf = NULL;
        if (!f->hpdf) {
            wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_EXPORT, NULL, (struct wp_pos){0, 0},
                         "libharu cannot load the subset of font '%s' (error 0x%04X)", f->path,
                         (unsigned)HPDF_GetError(pdf));
            err = WP_ERR_PDF;
        }
        /* libharu keeps the file open until it saves; the name can go now */
        unlink(path.data);
    }
    wp_buf_release(&path);
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    return err;
}

enum wp_error wp_pdf_fonts_embed(struct pdf_fonts *fonts, struct pdf_backend *be)
{
    for (int i = 0; i < PDF_FONT_COUNT; i++) {
        const struct pdf_font *f = &fonts->f[i];
        if (wanted[i].optional && (!f->font || hb_set_is_empty(f->used)))
            continue; /* a fallback no character needed */
        enum wp_error err = embed_one(fonts, &fonts->f[i], be);
        if (err)
            return err;
    }
    return WP_OK;
}

void wp_pdf_fonts_where(struct pdf_fonts *fonts, const char *what, const char *id,
                        const char *field, struct wp_pos pos)
{
    fonts->where_what = what;
    fonts->where_id = id;
    fonts->where_field = field;
    fonts->where_pos = pos;
}

void wp_pdf_fonts_release(struct pdf_fonts *fonts)
{
    for (int i = 0; i < PDF_FONT_COUNT; i++) {
        struct pdf_font *f = &fonts->f[i];
        if (f->measure.cache)
            wp_pdf_measure_release(&f->measure);
        hb_font_destroy(f->font);
        hb_face_destroy(f->face);
        hb_blob_destroy(f->blob);
        hb_set_destroy(f->used);
        free(f->path);
    }
    hb_set_destroy(fonts->warned);
    if (fonts->fc)
        FcConfigDestroy(fonts->fc);
    memset(fonts, 0, sizeof(*fonts));
}
