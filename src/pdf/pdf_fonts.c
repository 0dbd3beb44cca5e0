/*
 * Fonts: the text engine's (src/text) fonts of this export, each drawn
 * through one glyph-keyed font of the backend (Type0, Identity-H, CID =
 * glyph id): its resource name reserved when a page first draws with it,
 * its subset, widths and ToUnicode set once the last page is drawn.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_internal.h"

/* The face every Latin, Greek, Cyrillic and Vietnamese text is set in must be there. */
static bool noto_sans_found(struct wp_text_fonts *text, bool bold)
{
    struct wp_text_style style = {.size = 10, .bold = bold};
    struct wp_text_layout l;
    if (wp_text_layout(text, "a", 1, NULL, &style, 0, &l) != 0)
        return false;
    bool ok = l.n_lines == 1 && l.lines[0].n_runs == 1 &&
              strcmp(wp_text_font_family(l.lines[0].runs[0].font), "Noto Sans") == 0 &&
              wp_text_font_is_bold(l.lines[0].runs[0].font) == bold;
    wp_text_layout_free(&l);
    return ok;
}

enum wp_error wp_pdf_fonts_open(struct pdf_fonts *fonts, struct wp_diags *diags, const char *file)
{
    memset(fonts, 0, sizeof(*fonts));
    fonts->diags = diags;
    fonts->file = file;
    fonts->text = wp_text_fonts_create();
    if (!fonts->text || !noto_sans_found(fonts->text, false) ||
        !noto_sans_found(fonts->text, true)) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_EXPORT, NULL, (struct wp_pos){0, 0},
                     "font 'Noto Sans' (regular and bold) not found (install the "
                     "fonts-noto-core package)");
        return WP_ERR_FONT;
    }
    return WP_OK;
}

const char *wp_pdf_fonts_resource(struct pdf_fonts *fonts, struct pdf_backend *be,
                                  struct wp_text_font *f)
{
    for (size_t i = 0; i < fonts->n_slots; i++)
        if (fonts->slots[i].font == f)
            return fonts->slots[i].name;
    const char *name = NULL;
    int handle = wp_pdf_glyph_font_new(be, &name);
    if (handle < 0)
        return NULL;
    WP_GROW(fonts->slots, fonts->cap_slots, fonts->n_slots + 1);
    fonts->slots[fonts->n_slots++] = (struct pdf_glyph_slot){f, handle, name};
    return name;
}

/* One glyph font's program, glyphs and metrics, handed to the backend. */
static enum wp_error embed_one(struct pdf_fonts *fonts, const struct pdf_glyph_slot *s,
                               struct pdf_backend *be)
{
    struct wp_text_font *f = s->font;
    unsigned char *program = NULL;
    size_t program_len = 0;
    /* CFF outlines (Noto Sans CJK) go in as an OpenType sfnt (FontFile3 /OpenType) */
    if (wp_text_font_subset(f, false, &program, &program_len) != 0) {
        wp_diags_add(fonts->diags, WP_SEV_ERROR, WP_DIAG_EXPORT, NULL, (struct wp_pos){0, 0},
                     "cannot subset font '%s'", wp_text_font_path(f));
        return WP_ERR_FONT;
    }
    const struct wp_text_glyph_use *uses;
    size_t n = wp_text_font_glyphs(f, &uses);
    uint32_t *gids = wp_xmalloc((n + 1) * sizeof(*gids));
    uint32_t *advances = wp_xmalloc((n + 1) * sizeof(*advances));
    const char **unicode = wp_xmalloc((n + 1) * sizeof(*unicode));
    for (size_t k = 0; k < n; k++) {
        gids[k] = uses[k].gid;
        int32_t adv = wp_text_font_advance(f, uses[k].gid);
        advances[k] = adv > 0 ? (uint32_t)adv : 0;
        /* "": a glyph that stands for no text of its own (the 2nd part of a split vowel) */
        unicode[k] = uses[k].text && *uses[k].text ? uses[k].text : NULL;
    }
    struct wp_text_metrics m;
    wp_text_font_metrics(f, &m);
    struct pdf_glyph_font g = {.ps_name = wp_text_font_psname(f),
                               .program = program,
                               .program_len = program_len,
                               .cff = wp_text_font_is_cff(f),
                               .units_per_em = m.upem,
                               .ascent = m.ascent,
                               .descent = m.descent,
                               .cap_height = m.cap_height,
                               .bold = wp_text_font_is_bold(f),
                               .n_glyphs = n,
                               .gids = gids,
                               .advances = advances,
                               .unicode = unicode};
    memcpy(g.bbox, m.bbox, sizeof(g.bbox));
    bool ok = wp_pdf_glyph_font_set(be, s->handle, &g);
    free(gids);
    free(advances);
    free(unicode);
    free(program);
    return ok ? WP_OK : WP_ERR_PDF;
}

enum wp_error wp_pdf_fonts_embed(struct pdf_fonts *fonts, struct pdf_backend *be)
{
    for (size_t i = 0; i < fonts->n_slots; i++) {
        enum wp_error err = embed_one(fonts, &fonts->slots[i], be);
        if (err)
            return err;
    }
    return WP_OK;
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

static bool warned_before(struct pdf_fonts *fs, uint32_t cp)
{
    for (size_t i = 0; i < fs->n_warned; i++)
        if (fs->warned[i] == cp)
            return true;
    WP_GROW(fs->warned, fs->cap_warned, fs->n_warned + 1);
    fs->warned[fs->n_warned++] = cp;
    return false;
}

void wp_pdf_fonts_missing(void *ctx, const struct wp_text_layout *l)
{
    struct pdf_fonts *fs = ctx;
    for (size_t k = 0; k < l->n_missing; k++) {
        const struct wp_text_missing *m = &l->missing[k];
        if (warned_before(fs, m->cp))
            continue;
        char c[32], where[256] = "", hint[96] = "";
        describe_cp(c, sizeof(c), m->cp);
        if (fs->where_what && fs->where_id)
            snprintf(where, sizeof(where), " (%s '%s', %s)", fs->where_what, fs->where_id,
                     fs->where_field ? fs->where_field : "text");
        else if (fs->where_field)
            snprintf(where, sizeof(where), " (%s)", fs->where_field);
        if (m->package)
            snprintf(hint, sizeof(hint), "; the %s package covers its script", m->package);
        wp_diags_add(fs->diags, WP_SEV_WARNING, WP_DIAG_GLYPH_MISSING, fs->file, fs->where_pos,
                     "character %s is in no installed font and is drawn as a box%s%s", c, where,
                     hint);
    }
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
    wp_text_fonts_free(fonts->text);
    free(fonts->slots);
    free(fonts->warned);
    memset(fonts, 0, sizeof(*fonts));
}
