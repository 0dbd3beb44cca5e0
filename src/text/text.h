/*
 * The text engine: UTF-8 in, lines of shaped glyph runs out. No PDF here.
 *
 * Pipeline (docs/text.md), each stage a plain list the next one reads:
 *   itemize (ICU uscript + ubidi: script and bidi level runs)
 *   -> fonts (fontconfig, per grapheme cluster, fallback by coverage)
 *   -> shape (HarfBuzz, per run)
 *   -> break (ICU UBRK_LINE, greedy by shaped widths; UBRK_CHARACTER for long words)
 *   -> lines (each line re-shaped from its byte range, runs in visual order).
 *
 * Fonts belong to a struct wp_text_fonts the caller creates and frees; layouts
 * point into it and must be freed before it. Nothing is process-wide.
 */
#ifndef WP_TEXT_H
#define WP_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct wp_text_fonts;
struct wp_text_font;
struct hb_font_t;
struct hb_face_t;

struct wp_text_style {
    double size; /* points */
    bool bold;
};

enum wp_text_dir { WP_TEXT_LTR = 0, WP_TEXT_RTL = 1 };

/* One glyph; advances and offsets in font units (see run->upem). */
struct wp_text_glyph {
    uint32_t gid;
    int32_t x_advance;
    int32_t x_offset;
    int32_t y_offset;
    uint32_t cluster; /* byte offset, into the layout's text, of the first character */
    uint16_t rank;    /* order of its text in the cluster (logical); UINT16_MAX: none */
    bool mapped;      /* its ToUnicode text (wp_text_font_glyph_text) is that text */
    bool unsafe; /* HarfBuzz's UNSAFE_TO_BREAK: a line starting at its cluster is shaped anew */
};

/* A run: one font, one script, one direction. Glyphs are in visual order. */
struct wp_text_run {
    struct wp_text_font *font;
    size_t start, end; /* byte range in the layout's text (logical) */
    uint32_t script;   /* ISO 15924 tag as HarfBuzz spells it (hb_script_t), e.g. 'Thai' */
    enum wp_text_dir dir;
    uint8_t level; /* bidi embedding level */
    unsigned upem;
    struct wp_text_glyph *glyphs;
    size_t n_glyphs;
    double width; /* points, at the style's size */
};

struct wp_text_line {
    struct wp_text_run *runs; /* visual order, left to right */
    size_t n_runs;
    size_t start, end;         /* byte range; trailing spaces and the "\n" excluded (they hang) */
    double width;              /* points */
    enum wp_text_dir para_dir; /* paragraph direction (first strong character) */
};

/* A visible character no installed font covers; drawn as a box (.notdef of Noto Sans). */
struct wp_text_missing {
    uint32_t cp;
    size_t offset;       /* byte offset in the layout's text */
    const char *package; /* Debian package covering its script, or NULL when unknown */
};

struct wp_text_layout {
    char *text; /* owned copy of what was laid out (fit: the prefix + "…") */
    size_t len;
    struct wp_text_line *lines;
    size_t n_lines;
    struct wp_text_missing *missing;
    size_t n_missing;
    bool cut;         /* wp_text_fit only: the text was cut and "…" added */
    size_t cut_at;    /* wp_text_fit only: bytes of the input kept */
    double max_width; /* widest line, points */
    double size;      /* the style's size */
};

/* Fonts: the context every layout draws its fonts from. NULL when fontconfig fails. */
struct wp_text_fonts *wp_text_fonts_create(void);
void wp_text_fonts_free(struct wp_text_fonts *fonts);
/* Fonts opened so far, in the order first used (for embedding each one). */
size_t wp_text_fonts_count(const struct wp_text_fonts *fonts);
struct wp_text_font *wp_text_fonts_get(const struct wp_text_fonts *fonts, size_t i);

/*
 * Lays out len bytes of UTF-8 (invalid bytes read as U+FFFD) in language lang
 * (BCP 47, or NULL), wrapped at max_width points (<= 0: no wrapping; "\n"
 * always breaks). Fills *out (free with wp_text_layout_free). Returns 0, or -1
 * when a font cannot be opened at all.
 */
int wp_text_layout(struct wp_text_fonts *fonts, const char *utf8, size_t len, const char *lang,
                   const struct wp_text_style *style, double max_width, struct wp_text_layout *out);
/*
 * One line: the longest prefix (ended at a grapheme boundary) that fits
 * max_width with "…" after it, or all the text when it fits (out->cut false).
 * Text after a "\n" counts as cut.
 */
int wp_text_fit(struct wp_text_fonts *fonts, const char *utf8, size_t len, const char *lang,
                const struct wp_text_style *style, double max_width, struct wp_text_layout *out);
void wp_text_layout_free(struct wp_text_layout *layout);

/* Width in points of the text on one line (no wrapping). */
double wp_text_measure(struct wp_text_fonts *fonts, const char *utf8, size_t len, const char *lang,
                       const struct wp_text_style *style);

/* ---- a font handle ---------------------------------------------------------- */
struct wp_text_metrics {
    unsigned upem;
    int ascent, descent, cap_height; /* font units; descent negative */
    int bbox[4];                     /* xMin yMin xMax yMax, font units (head table) */
};
const char *wp_text_font_path(const struct wp_text_font *f);
unsigned wp_text_font_index(const struct wp_text_font *f); /* face index in a collection */
const char *wp_text_font_family(const struct wp_text_font *f);
const char *wp_text_font_psname(const struct wp_text_font *f);
bool wp_text_font_is_cff(const struct wp_text_font *f); /* outlines in a CFF table */
bool wp_text_font_is_bold(const struct wp_text_font *f);
void wp_text_font_metrics(const struct wp_text_font *f, struct wp_text_metrics *m);
/* The advance of glyph gid in font units (hmtx: what a PDF's /W gives it). */
int32_t wp_text_font_advance(const struct wp_text_font *f, uint32_t gid);
struct hb_font_t *wp_text_font_hb_font(const struct wp_text_font *f);
struct hb_face_t *wp_text_font_hb_face(const struct wp_text_font *f);

/* Glyphs used so far by layouts, ascending, with the text each stands for. */
struct wp_text_glyph_use {
    uint32_t gid;
    const char *text; /* UTF-8; "" for a glyph that is the 2nd+ of its cluster */
};
/* The text glyph gid stands for in the font's ToUnicode (the first seen), or NULL. */
const char *wp_text_font_glyph_text(const struct wp_text_font *f, uint32_t gid);
/* Fills *uses (owned by the font, valid until its next use); returns the count. */
size_t wp_text_font_glyphs(struct wp_text_font *f, const struct wp_text_glyph_use **uses);

/*
 * The font program to embed: hb-subset with glyph ids retained, the glyphs
 * used and .notdef (its outline kept: the box), no hinting, no GSUB/GPOS/GDEF (the page has
 * positioned glyphs already). For TrueType outlines: an sfnt with glyf/loca (FontFile2). For CFF
 * outlines: bare_cff false gives the sfnt ('OTTO', for FontFile3 /OpenType), bare_cff true the bare
 * CFF table (FontFile3 /CIDFontType0C). *data is malloc'ed (caller frees). Returns 0, or -1 when
 * hb-subset fails.
 */
int wp_text_font_subset(struct wp_text_font *f, bool bare_cff, unsigned char **data, size_t *len);

/* Workbook columns: East Asian Wide/Fullwidth 2, combining and zero-width 0, others 1. */
size_t wp_text_display_width(const char *utf8, size_t len);

#endif
