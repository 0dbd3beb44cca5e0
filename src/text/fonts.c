/* Fonts of the text engine: fontconfig lookups in a private FcConfig, HarfBuzz faces. */
#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text/text_internal.h"

struct wp_text_fonts *wp_text_fonts_create(void)
{
    /* Our own configuration, never the process-wide default: released in _free. */
    FcConfig *fc = FcInitLoadConfigAndFonts();
    if (!fc)
        return NULL;
    struct wp_text_fonts *fonts = wp_xcalloc(1, sizeof(*fonts));
    fonts->fc = fc;
    fonts->fallback[0] = hb_map_create();
    fonts->fallback[1] = hb_map_create();
    return fonts;
}

static void font_free(struct wp_text_font *f)
{
    hb_font_destroy(f->font);
    hb_face_destroy(f->face);
    hb_blob_destroy(f->blob);
    hb_map_destroy(f->gid_text);
    hb_set_destroy(f->used);
    wp_buf_release(&f->texts);
    free(f->uses);
    free(f->path);
    free(f->family);
    free(f->psname);
    free(f);
}

void wp_text_fonts_free(struct wp_text_fonts *fonts)
{
    if (!fonts)
        return;
    wp_text_memo_release(fonts); /* before the fonts its layouts point to */
    for (size_t i = 0; i < fonts->n_fonts; i++)
        font_free(fonts->fonts[i]);
    free(fonts->fonts);
    for (size_t i = 0; i < fonts->n_families; i++)
        free(fonts->families[i].family);
    free(fonts->families);
    wp_text_breakers_release(fonts);
    hb_map_destroy(fonts->fallback[0]);
    hb_map_destroy(fonts->fallback[1]);
    FcConfigDestroy(fonts->fc);
    free(fonts);
}

size_t wp_text_fonts_count(const struct wp_text_fonts *fonts)
{
    return fonts->n_fonts;
}

struct wp_text_font *wp_text_fonts_get(const struct wp_text_fonts *fonts, size_t i)
{
    return i < fonts->n_fonts ? fonts->fonts[i] : NULL;
}

static char *pattern_string(FcPattern *p, const char *object)
{
    FcChar8 *s = NULL;
    if (FcPatternGetString(p, object, 0, &s) != FcResultMatch || !s)
        return NULL;
    return wp_xstrdup((const char *)s);
}

static bool has_table(hb_face_t *face, const char *tag)
{
    hb_blob_t *b = hb_face_reference_table(face, hb_tag_from_string(tag, 4));
    bool yes = hb_blob_get_length(b) > 0;
    hb_blob_destroy(b);
    return yes;
}

/* The font of file + index from a fontconfig match: opened once per context. */
static struct wp_text_font *font_open(struct wp_text_fonts *fonts, FcPattern *match)
{
    FcChar8 *file = NULL;
    int index = 0;
    if (FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch || !file)
        return NULL;
    (void)FcPatternGetInteger(match, FC_INDEX, 0, &index);
    for (size_t i = 0; i < fonts->n_fonts; i++)
        if (fonts->fonts[i]->index == (unsigned)index &&
            strcmp(fonts->fonts[i]->path, (const char *)file) == 0)
            return fonts->fonts[i];
    hb_blob_t *blob = hb_blob_create_from_file_or_fail((const char *)file);
    if (!blob)
        return NULL;
    hb_face_t *face = hb_face_create(blob, (unsigned)index);
    if (hb_face_get_glyph_count(face) == 0) {
        hb_face_destroy(face);
        hb_blob_destroy(blob);
        return NULL;
    }
    struct wp_text_font *f = wp_xcalloc(1, sizeof(*f));
    f->path = wp_xstrdup((const char *)file);
    f->index = (unsigned)index;
    f->family = pattern_string(match, FC_FAMILY);
    f->psname = pattern_string(match, FC_POSTSCRIPT_NAME);
    int weight = FC_WEIGHT_REGULAR;
    (void)FcPatternGetInteger(match, FC_WEIGHT, 0, &weight);
    f->bold = weight >= FC_WEIGHT_DEMIBOLD;
    f->blob = blob;
    f->face = face;
    f->upem = hb_face_get_upem(face);
    f->font = hb_font_create(face);
    hb_font_set_scale(f->font, (int)f->upem, (int)f->upem);
    f->cff = has_table(face, "CFF ") || has_table(face, "CFF2");
    f->gid_text = hb_map_create();
    f->used = hb_set_create();
    wp_buf_init(&f->texts);
    if (!f->family)
        f->family = wp_xstrdup("");
    if (!f->psname)
        f->psname = wp_xstrdup("");
    WP_GROW(fonts->fonts, fonts->cap_fonts, fonts->n_fonts + 1);
    fonts->fonts[fonts->n_fonts++] = f;
    return f;
}

/* A pattern that does not depend on the caller's locale or environment. */
static FcPattern *base_pattern(FcConfig *fc, const char *family, bool bold, FcCharSet *cs)
{
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
    FcPatternAddInteger(pat, FC_WIDTH, FC_WIDTH_NORMAL);
    FcPatternAddString(pat, FC_LANG, (const FcChar8 *)"en");
    FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
    if (cs)
        FcPatternAddCharSet(pat, FC_CHARSET, cs);
    FcConfigSubstitute(fc, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    return pat;
}

static bool family_is(FcPattern *match, const char *family)
{
    FcChar8 *s = NULL;
    for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &s) == FcResultMatch; i++)
        if (strcasecmp((const char *)s, family) == 0)
            return true;
    return false;
}

static struct wp_text_font *match_family(struct wp_text_fonts *fonts, const char *family, bool bold)
{
    FcPattern *pat = base_pattern(fonts->fc, family, bold, NULL);
    FcResult res;
    FcPattern *match = FcFontMatch(fonts->fc, pat, &res);
    struct wp_text_font *f = NULL;
    /* fontconfig always answers something: only the family asked for will do. */
    if (match && family_is(match, family))
        f = font_open(fonts, match);
    if (match)
        FcPatternDestroy(match);
    FcPatternDestroy(pat);
    return f;
}

struct wp_text_font *wp_text_fonts_family(struct wp_text_fonts *fonts, const char *family,
                                          bool bold)
{
    for (size_t i = 0; i < fonts->n_families; i++) {
        struct wp_text_family_slot *s = &fonts->families[i];
        if (s->bold == bold && strcmp(s->family, family) == 0)
            return s->font;
    }
    struct wp_text_font *f = match_family(fonts, family, bold);
    WP_GROW(fonts->families, fonts->cap_families, fonts->n_families + 1);
    fonts->families[fonts->n_families++] =
        (struct wp_text_family_slot){wp_xstrdup(family), bold, f};
    return f;
}

static bool usable(FcPattern *p, uint32_t cp)
{
    FcCharSet *cs = NULL;
    FcBool color = FcFalse;
    /* Colour bitmap fonts (emoji) cannot be embedded as outlines. */
    if (FcPatternGetBool(p, FC_COLOR, 0, &color) == FcResultMatch && color)
        return false;
    return FcPatternGetCharSet(p, FC_CHARSET, 0, &cs) == FcResultMatch && FcCharSetHasChar(cs, cp);
}

static struct wp_text_font *sort_covering(struct wp_text_fonts *fonts, uint32_t cp, bool bold)
{
    FcCharSet *cs = FcCharSetCreate();
    FcCharSetAddChar(cs, cp);
    FcPattern *pat = base_pattern(fonts->fc, "Noto Sans", bold, cs);
    FcResult res;
    FcFontSet *set = FcFontSort(fonts->fc, pat, FcFalse, NULL, &res);
    struct wp_text_font *f = NULL;
    for (int i = 0; set && i < set->nfont && !f; i++) {
        if (!usable(set->fonts[i], cp))
            continue;
        FcPattern *match = FcFontRenderPrepare(fonts->fc, pat, set->fonts[i]);
        if (match) {
            f = font_open(fonts, match);
            FcPatternDestroy(match);
        }
        /* The charset said yes; the font's cmap must agree (it decides the glyph). */
        if (f && !wp_text_font_has(f, cp))
            f = NULL;
    }
    if (set)
        FcFontSetDestroy(set);
    FcPatternDestroy(pat);
    FcCharSetDestroy(cs);
    return f;
}

/* Symbols and math (≤ ≥ ≠ → ✓) in Noto's symbol faces, the booklet's look, before whatever
 * fontconfig sorts first (DejaVu Sans, on a Debian machine). They come in one weight. */
static struct wp_text_font *symbol_covering(struct wp_text_fonts *fonts, uint32_t cp)
{
    static const char *const families[] = {"Noto Sans Math", "Noto Sans Symbols",
                                           "Noto Sans Symbols2"};
    for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
        struct wp_text_font *f = wp_text_fonts_family(fonts, families[i], false);
        if (f && wp_text_font_has(f, cp))
            return f;
    }
    return NULL;
}

struct wp_text_font *wp_text_fonts_covering(struct wp_text_fonts *fonts, uint32_t cp, bool bold)
{
    hb_map_t *cache = fonts->fallback[bold ? 1 : 0];
    hb_codepoint_t v = hb_map_get(cache, cp);
    if (v != HB_MAP_VALUE_INVALID)
        return v ? fonts->fonts[v - 1] : NULL;
    struct wp_text_font *f = symbol_covering(fonts, cp);
    if (!f)
        f = sort_covering(fonts, cp, bold);
    size_t index = 0;
    for (size_t i = 0; f && i < fonts->n_fonts; i++)
        if (fonts->fonts[i] == f)
            index = i + 1;
    hb_map_set(cache, cp, (hb_codepoint_t)index);
    return f;
}

bool wp_text_font_has(const struct wp_text_font *f, uint32_t cp)
{
    hb_codepoint_t gid;
    return hb_font_get_nominal_glyph(f->font, cp, &gid) && gid != 0;
}

const char *wp_text_font_note_use(struct wp_text_font *f, uint32_t gid, const char *text,
                                  size_t len)
{
    /* The first text seen for a glyph stays (a glyph that was only a 2nd+ glyph of a
     * cluster takes the first real text later): it depends on the input alone. */
    hb_codepoint_t at = hb_map_get(f->gid_text, gid);
    if (at != HB_MAP_VALUE_INVALID && (len == 0 || f->texts.data[at]))
        return f->texts.data + at;
    if (at != HB_MAP_VALUE_INVALID)
        f->replaced++;
    hb_set_add(f->used, gid);
    at = (hb_codepoint_t)f->texts.len;
    hb_map_set(f->gid_text, gid, at);
    wp_buf_add(&f->texts, text, len);
    wp_buf_addc(&f->texts, '\0');
    return f->texts.data + at;
}

const char *wp_text_font_glyph_text(const struct wp_text_font *f, uint32_t gid)
{
    if (!hb_map_has(f->gid_text, gid))
        return NULL;
    return f->texts.data + hb_map_get(f->gid_text, gid);
}

size_t wp_text_font_glyphs(struct wp_text_font *f, const struct wp_text_glyph_use **uses)
{
    f->n_uses = 0;
    for (hb_codepoint_t gid = HB_SET_VALUE_INVALID; hb_set_next(f->used, &gid);) {
        WP_GROW(f->uses, f->cap_uses, f->n_uses + 1);
        f->uses[f->n_uses++] =
            (struct wp_text_glyph_use){gid, f->texts.data + hb_map_get(f->gid_text, gid)};
    }
    *uses = f->uses;
    return f->n_uses;
}

int wp_text_font_subset(struct wp_text_font *f, bool bare_cff, unsigned char **data, size_t *len)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return -1;
    hb_set_t *glyphs = hb_subset_input_glyph_set(in);
    hb_set_add(glyphs, 0);
    hb_set_union(glyphs, f->used);
    /* Positioned glyphs need no layout tables; cmap is left empty (no unicodes asked). */
    static const char *const drop[] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "morx",
                                       "kerx", "kern", "DSIG", "vhea", "vmtx", "VORG"};
    hb_set_t *tables = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
        hb_set_add(tables, hb_tag_from_string(drop[i], 4));
    /* NOTDEF_OUTLINE: hb-subset empties .notdef otherwise, and it is our visible box. */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING |
                                      HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    hb_face_t *sub = hb_subset_or_fail(f->face, in);
    hb_subset_input_destroy(in);
    if (!sub)
        return -1;
    hb_blob_t *blob = bare_cff && f->cff ? hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '))
                                         : hb_face_reference_blob(sub);
    unsigned n = 0;
    const char *bytes = hb_blob_get_data(blob, &n);
    int rc = -1;
    if (n > 0) {
        *data = wp_xmalloc(n);
        memcpy(*data, bytes, n);
        *len = n;
        rc = 0;
    }
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    return rc;
}

const char *wp_text_font_path(const struct wp_text_font *f)
{
    return f->path;
}

unsigned wp_text_font_index(const struct wp_text_font *f)
{
    return f->index;
}

const char *wp_text_font_family(const struct wp_text_font *f)
{
    return f->family;
}

const char *wp_text_font_psname(const struct wp_text_font *f)
{
    return f->psname;
}

bool wp_text_font_is_cff(const struct wp_text_font *f)
{
    return f->cff;
}

bool wp_text_font_is_bold(const struct wp_text_font *f)
{
    return f->bold;
}

int32_t wp_text_font_advance(const struct wp_text_font *f, uint32_t gid)
{
    return hb_font_get_glyph_h_advance(f->font, gid);
}

struct hb_font_t *wp_text_font_hb_font(const struct wp_text_font *f)
{
    return f->font;
}

struct hb_face_t *wp_text_font_hb_face(const struct wp_text_font *f)
{
    return f->face;
}

static int be16(const char *p)
{
    return (int16_t)(uint16_t)(((unsigned)(unsigned char)p[0] << 8) | (unsigned char)p[1]);
}

void wp_text_font_metrics(const struct wp_text_font *f, struct wp_text_metrics *m)
{
    memset(m, 0, sizeof(*m));
    m->upem = f->upem;
    hb_position_t v = 0;
    if (hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v))
        m->ascent = v;
    if (hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v))
        m->descent = v;
    if (hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &v))
        m->cap_height = v;
    hb_blob_t *head = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
    unsigned n = 0;
    const char *p = hb_blob_get_data(head, &n);
    if (n >= 44)
        for (int i = 0; i < 4; i++)
            m->bbox[i] = be16(p + 36 + 2 * i);
    hb_blob_destroy(head);
}
