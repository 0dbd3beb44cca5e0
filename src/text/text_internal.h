/* Shared by the files of src/text only: the font context and the itemizer's lists. */
#ifndef WP_TEXT_INTERNAL_H
#define WP_TEXT_INTERNAL_H

#include <hb.h>

#include "text/text.h"
#include "util/util.h"

struct wp_text_font {
    char *path;
    unsigned index;
    char *family;
    char *psname;
    bool bold, cff;
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font; /* scale = upem: positions come out in font units */
    unsigned upem;
    hb_set_t *used;                 /* glyphs drawn so far */
    hb_map_t *gid_text;             /* gid -> offset in texts */
    struct wp_buf texts;            /* NUL-terminated strings */
    struct wp_text_glyph_use *uses; /* rebuilt by wp_text_font_glyphs */
    size_t n_uses, cap_uses;
    unsigned long replaced; /* glyphs whose empty text a real one replaced */
};

/* A font chosen for a family name (and weight); font NULL: none installed. */
struct wp_text_family_slot {
    char *family;
    bool bold;
    struct wp_text_font *font;
};

/*
 * A layout of one line, kept: the PDF side breaks a cell's or a row's text into lines
 * and then draws each line, which lays the same text out again when it is one line,
 * and the same labels, statuses and dates come back on every activity. Kept with what
 * it was laid out from, in a slot chosen by a hash of that (a newer text takes the
 * slot). Glyph texts noted since may not have changed (replaced, below), or the copy
 * could say "mapped" where a new layout would not.
 */
struct wp_text_memo {
    char *text; /* NULL: empty slot */
    size_t len;
    char *lang; /* NULL: none */
    struct wp_text_style style;
    unsigned long replaced;
    struct wp_text_layout layout;
};
#define WP_TEXT_MEMO_SLOTS 512  /* a power of two */
#define WP_TEXT_MEMO_MAX_LEN 64 /* bytes: longer texts are not kept */

struct wp_text_fonts {
    struct _FcConfig *fc;
    struct wp_text_font **fonts;
    size_t n_fonts, cap_fonts;
    struct wp_text_family_slot *families;
    size_t n_families, cap_families;
    hb_map_t *fallback[2]; /* [bold] cp -> font index + 1, or 0: no font has it */
    /* ICU break iterators, opened once per context (opening one costs more than using it). */
    struct UBreakIterator *chars;
    struct wp_text_line_breaker {
        char locale[32];
        struct UBreakIterator *bi;
    } lines[8];
    size_t n_lines;
    struct wp_text_memo memo[WP_TEXT_MEMO_SLOTS]; /* layout.c */
};

/* layout.c: frees the kept layouts. */
void wp_text_memo_release(struct wp_text_fonts *fonts);

/* itemize.c: the context's break iterators, set to text (NULL on failure; not to close). */
struct UBreakIterator *wp_text_chars(struct wp_text_fonts *fonts, const uint16_t *text,
                                     int32_t n16);
struct UBreakIterator *wp_text_lines(struct wp_text_fonts *fonts, const char *locale,
                                     const uint16_t *text, int32_t n16);
void wp_text_breakers_release(struct wp_text_fonts *fonts);

/* fonts.c */
struct wp_text_font *wp_text_fonts_family(struct wp_text_fonts *fonts, const char *family,
                                          bool bold);
/* A font that has cp, Noto first (fontconfig's sort); NULL when none. */
struct wp_text_font *wp_text_fonts_covering(struct wp_text_fonts *fonts, uint32_t cp, bool bold);
bool wp_text_font_has(const struct wp_text_font *f, uint32_t cp);
/* Notes that gid was drawn for text; returns the text it stands for in the ToUnicode now. */
const char *wp_text_font_note_use(struct wp_text_font *f, uint32_t gid, const char *text,
                                  size_t len);

/* itemize.c: the text decoded once, with ICU's UTF-16 beside the byte offsets. */
struct wp_text_cps {
    uint32_t *cp;    /* code points */
    size_t *byte;    /* byte offset of each, plus one past the end: byte[n] == len */
    int32_t *u16;    /* UTF-16 index of each, plus u16[n] == n16 */
    uint16_t *utf16; /* the text in UTF-16 (ICU's UChar) */
    int32_t n16;
    size_t n;
};
void wp_text_cps_init(struct wp_text_cps *c, const char *utf8, size_t len);
void wp_text_cps_release(struct wp_text_cps *c);
/* Index of the code point starting at byte offset (binary search). */
size_t wp_text_cps_at(const struct wp_text_cps *c, size_t byte);
/* Index of the code point at UTF-16 index u16. */
size_t wp_text_cps_at16(const struct wp_text_cps *c, int32_t u16);

/*
 * What itemizing gives: code points [first, last) with one script class, bidi
 * level and font (pango's "item"; named apart from the model's struct
 * wp_text_item, a translation of a plan text).
 */
struct wp_text_segment {
    size_t first, last;
    hb_script_t script;
    uint8_t level;
    struct wp_text_font *font;
};
struct wp_text_segments {
    struct wp_text_segment *items;
    size_t n, cap;
    uint8_t *levels; /* bidi level per code point */
    uint8_t *para;   /* paragraph direction per code point (1: RTL) */
    struct wp_text_missing *missing;
    size_t n_missing, cap_missing;
};
int wp_text_itemize(struct wp_text_fonts *fonts, const struct wp_text_cps *c, const char *lang,
                    bool bold, struct wp_text_segments *out);
void wp_text_segments_release(struct wp_text_segments *it);

/* shape.c: shapes the items overlapping code points [first, last) into runs, visual order.
 * whole (or NULL): the same text shaped as one line, whose glyphs serve when HarfBuzz says
 * that shaping [first, last) again gives the same ones (none of its boundaries unsafe to
 * break); its glyphs' texts are noted already, so these are not noted again. */
void wp_text_shape_line(const char *text, size_t len, const struct wp_text_cps *c,
                        const struct wp_text_segments *it, size_t first, size_t last,
                        const char *lang, double size, const struct wp_text_line *whole,
                        struct wp_text_line *line);
void wp_text_line_release(struct wp_text_line *line);
/* Advance of each code point (points; a cluster's on its first code point), from one
 * shaping of all items; starts[i]: code point i begins a HarfBuzz cluster (a syllable). */
void wp_text_shape_advances(const char *text, size_t len, const struct wp_text_cps *c,
                            const struct wp_text_segments *it, const char *lang, double size,
                            double *adv, bool *starts);

#endif
