/* Break: ICU line breaks, greedy fill by shaped widths, lines re-shaped; fit with "…". */
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>

#include "text/text_internal.h"

/* Widths are sums of doubles: a line as wide as the width (to rounding) still fits. */
#define FIT_SLACK 1e-6

struct breaker {
    struct wp_text_fonts *fonts;
    const char *text;
    size_t len;
    const char *lang;
    double size;
    struct wp_text_cps c;
    struct wp_text_segments it;
    double *adv;           /* points per code point */
    bool *starts;          /* code point begins a shaping cluster */
    UBreakIterator *chars; /* grapheme clusters */
    struct wp_text_layout *out;
    size_t cap_lines;
    /* the text shaped whole on one line (one_line), too wide: its glyphs serve its lines
     * (wp_text_shape_line) while no glyph text it noted has been replaced since */
    struct wp_text_line whole;
    bool has_whole;
    unsigned long replaced;
};

static unsigned long replaced_texts(const struct wp_text_fonts *fonts)
{
    unsigned long n = 0;
    for (size_t i = 0; i < fonts->n_fonts; i++)
        n += fonts->fonts[i]->replaced;
    return n;
}

static bool hangs(uint32_t cp)
{
    return u_isUWhiteSpace((UChar32)cp) || cp == '\n' || cp == '\r';
}

static size_t trim_end(const struct breaker *b, size_t from, size_t to)
{
    while (to > from && hangs(b->c.cp[to - 1]))
        to--;
    return to;
}

static double width_of(const struct breaker *b, size_t from, size_t to)
{
    double w = 0;
    for (size_t i = from; i < to; i++)
        w += b->adv[i];
    return w;
}

static void emit(struct breaker *b, size_t from, size_t to)
{
    struct wp_text_layout *out = b->out;
    WP_GROW(out->lines, b->cap_lines, out->n_lines + 1);
    struct wp_text_line *line = &out->lines[out->n_lines++];
    bool whole = b->has_whole && replaced_texts(b->fonts) == b->replaced;
    wp_text_shape_line(b->text, b->len, &b->c, &b->it, from, trim_end(b, from, to), b->lang,
                       b->size, whole ? &b->whole : NULL, line);
    if (line->width > out->max_width)
        out->max_width = line->width;
}

/* The next place after code point i where a line may be cut inside a word: a grapheme
 * boundary (ICU) that is also a shaping cluster boundary (HarfBuzz keeps a Myanmar
 * syllable such as ပြီး in one cluster though ICU sees two graphemes in it). */
static size_t next_grapheme(const struct breaker *b, size_t i)
{
    size_t j = i;
    do {
        int32_t n16 = ubrk_following(b->chars, b->c.u16[j]);
        j = n16 == UBRK_DONE ? b->c.n : wp_text_cps_at16(&b->c, n16);
    } while (j < b->c.n && !b->starts[j]);
    return j;
}

/* A word wider than the line: as many whole graphemes as fit (at least one). */
static size_t cut_word(const struct breaker *b, size_t from, size_t to, double max)
{
    size_t end = next_grapheme(b, from);
    while (end < to) {
        size_t next = next_grapheme(b, end);
        if (width_of(b, from, trim_end(b, from, next)) > max + FIT_SLACK)
            break;
        end = next;
    }
    return end;
}

/* ICU's UBRK_LINE boundaries as code point indexes, hard ones flagged. */
static size_t line_breaks(const struct breaker *b, const char *locale, size_t **at, bool **hard)
{
    size_t n = 0;
    *at = wp_xmalloc((b->c.n + 1) * sizeof(**at));
    *hard = wp_xmalloc((b->c.n + 1) * sizeof(**hard));
    UBreakIterator *lb = wp_text_lines(b->fonts, locale, b->c.utf16, b->c.n16);
    size_t i = 0;
    for (int32_t p = lb ? ubrk_first(lb) : UBRK_DONE; p != UBRK_DONE; p = ubrk_next(lb)) {
        if (p == 0)
            continue;
        while (i < b->c.n && b->c.u16[i] < p)
            i++;
        int32_t status = ubrk_getRuleStatus(lb);
        (*at)[n] = i;
        (*hard)[n++] = status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT;
    }
    return n;
}

/* The advance of each code point from one shaping of the whole text (for breaking). */
static void need_advances(struct breaker *b)
{
    if (b->adv)
        return;
    b->adv = wp_xmalloc((b->c.n + 1) * sizeof(*b->adv));
    b->starts = wp_xmalloc((b->c.n + 1) * sizeof(*b->starts));
    wp_text_shape_advances(b->text, b->len, &b->c, &b->it, b->lang, b->size, b->adv, b->starts);
}

/* Most strings are one line: shaped once, no break iterator. False: break it. */
static bool one_line(struct breaker *b, double max)
{
    for (size_t i = 0; i < b->c.n; i++) {
        uint32_t cp = b->c.cp[i]; /* the characters UAX #14 breaks after (BK, CR, LF, NL) */
        if ((cp >= 0x0A && cp <= 0x0D) || cp == 0x85 || cp == 0x2028 || cp == 0x2029)
            return false;
    }
    unsigned long replaced = replaced_texts(b->fonts);
    emit(b, 0, b->c.n);
    struct wp_text_layout *out = b->out;
    if (max <= 0 || out->lines[0].width <= max + FIT_SLACK)
        return true;
    /* Too wide: its shaping gives the advances for breaking (the same items, whole). */
    b->adv = wp_xcalloc(b->c.n + 1, sizeof(*b->adv));
    b->starts = wp_xcalloc(b->c.n + 1, sizeof(*b->starts));
    for (size_t i = trim_end(b, 0, b->c.n); i <= b->c.n; i++)
        b->starts[i] = true; /* the hanging spaces were not shaped */
    const struct wp_text_line *line = &out->lines[0];
    for (size_t r = 0; r < line->n_runs; r++) {
        const struct wp_text_run *run = &line->runs[r];
        for (size_t g = 0; g < run->n_glyphs; g++) {
            size_t at = wp_text_cps_at(&b->c, run->glyphs[g].cluster);
            b->adv[at] += (double)run->glyphs[g].x_advance * b->size / run->upem;
            b->starts[at] = true;
        }
    }
    /* kept for its lines, unless shaping it replaced a glyph's text (its mapped flags
     * would then not be what shaping a line anew gives) */
    b->whole = out->lines[0];
    b->has_whole = replaced_texts(b->fonts) == replaced;
    b->replaced = replaced;
    if (!b->has_whole)
        wp_text_line_release(&b->whole);
    out->n_lines = 0;
    out->max_width = 0;
    return false;
}

static void icu_locale(const char *lang, char *locale, size_t size)
{
    locale[0] = '\0';
    if (!lang)
        return;
    UErrorCode err = U_ZERO_ERROR;
    uloc_forLanguageTag(lang, locale, (int32_t)size, NULL, &err);
    if (U_FAILURE(err))
        locale[0] = '\0';
}

/* Greedy fill: each line takes the break opportunities that still fit. True: the text is
 * one line, shaped whole (one_line), as it is at any width it fits. */
static bool fill_lines(struct breaker *b, double max)
{
    if (one_line(b, max))
        return true;
    need_advances(b);
    char locale[ULOC_FULLNAME_CAPACITY]; /* only now: most texts are one line */
    icu_locale(b->lang, locale, sizeof(locale));
    size_t *at;
    bool *hard;
    size_t n = line_breaks(b, locale, &at, &hard);
    size_t start = 0, fit = 0; /* fit: the last break that fits, 0 for none yet */
    for (size_t k = 0; k < n;) {
        size_t e = at[k];
        if (e <= start) { /* a break inside the piece of a word already cut off */
            k++;
            continue;
        }
        if (max > 0 && width_of(b, start, trim_end(b, start, e)) > max + FIT_SLACK) {
            size_t stop = fit > start ? fit : cut_word(b, start, e, max);
            stop = stop < e ? stop : e; /* never past the break being measured */
            emit(b, start, stop);
            start = stop;
            fit = 0;
            continue; /* the same break, measured from the new line's start */
        }
        fit = e;
        k++;
        if (hard[k - 1] && e < b->c.n) {
            emit(b, start, e);
            start = e;
            fit = 0;
        }
    }
    /* The last line (an empty text is one empty line; a final "\n" adds none). */
    if (start < b->c.n || b->out->n_lines == 0)
        emit(b, start, b->c.n);
    free(at);
    free(hard);
    return false;
}

static int prepare(struct breaker *b, struct wp_text_fonts *fonts, const char *utf8, size_t len,
                   const char *lang, const struct wp_text_style *style, struct wp_text_layout *out)
{
    memset(out, 0, sizeof(*out));
    out->text = wp_xmalloc(len + 1);
    memcpy(out->text, utf8, len);
    out->text[len] = '\0';
    out->len = len;
    out->size = style->size;
    *b = (struct breaker){.fonts = fonts,
                          .text = out->text,
                          .len = len,
                          .lang = lang,
                          .size = style->size,
                          .out = out};
    wp_text_cps_init(&b->c, out->text, len);
    int rc = wp_text_itemize(fonts, &b->c, lang, style->bold, &b->it);
    /* itemizing set the context's grapheme iterator to this text (or failed) */
    b->chars = rc == 0 ? fonts->chars : NULL;
    if (!b->chars)
        return -1;
    out->missing = b->it.missing;
    out->n_missing = b->it.n_missing;
    b->it.missing = NULL;
    return 0;
}

static void finish(struct breaker *b)
{
    if (b->has_whole)
        wp_text_line_release(&b->whole);
    free(b->adv);
    free(b->starts);
    wp_text_segments_release(&b->it);
    wp_text_cps_release(&b->c);
}

/* ---- the kept one-line layouts (struct wp_text_memo) ---------------------------- */

static void *dup_bytes(const void *p, size_t n)
{
    void *q = wp_xmalloc(n ? n : 1);
    if (n)
        memcpy(q, p, n);
    return q;
}

static void layout_copy(const struct wp_text_layout *from, struct wp_text_layout *to)
{
    *to = *from;
    to->text = dup_bytes(from->text, from->len + 1);
    to->missing = dup_bytes(from->missing, from->n_missing * sizeof(*from->missing));
    to->lines = dup_bytes(from->lines, from->n_lines * sizeof(*from->lines));
    for (size_t i = 0; i < from->n_lines; i++) {
        const struct wp_text_line *l = &from->lines[i];
        to->lines[i].runs = dup_bytes(l->runs, l->n_runs * sizeof(*l->runs));
        for (size_t r = 0; r < l->n_runs; r++)
            to->lines[i].runs[r].glyphs =
                dup_bytes(l->runs[r].glyphs, l->runs[r].n_glyphs * sizeof(*l->runs[r].glyphs));
    }
}

static bool same_lang(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static struct wp_text_memo *memo_slot(struct wp_text_fonts *fonts, const char *utf8, size_t len,
                                      const char *lang, const struct wp_text_style *style)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)utf8[i]) * 16777619u;
    for (const char *p = lang ? lang : ""; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    h = (h ^ (uint32_t)(style->size * 64) ^ (style->bold ? 0x9E3779B9u : 0)) * 16777619u;
    return &fonts->memo[(h ^ (h >> 16)) & (WP_TEXT_MEMO_SLOTS - 1)];
}

/* A copy of the kept layout of this text when it is one line at max_width. */
static bool memo_get(struct wp_text_fonts *fonts, const char *utf8, size_t len, const char *lang,
                     const struct wp_text_style *style, double max_width,
                     struct wp_text_layout *out)
{
    if (len > WP_TEXT_MEMO_MAX_LEN)
        return false;
    const struct wp_text_memo *m = memo_slot(fonts, utf8, len, lang, style);
    if (!m->text || m->len != len || m->style.size != style->size || m->style.bold != style->bold ||
        memcmp(m->text, utf8, len) != 0 || !same_lang(m->lang, lang) ||
        m->replaced != replaced_texts(fonts) ||
        (max_width > 0 && m->layout.max_width > max_width + FIT_SLACK))
        return false;
    layout_copy(&m->layout, out);
    return true;
}

static void memo_free(struct wp_text_memo *m)
{
    if (m->text)
        wp_text_layout_free(&m->layout);
    free(m->text);
    free(m->lang);
    memset(m, 0, sizeof(*m));
}

static void memo_put(struct wp_text_fonts *fonts, const char *utf8, size_t len, const char *lang,
                     const struct wp_text_style *style, const struct wp_text_layout *l)
{
    if (len > WP_TEXT_MEMO_MAX_LEN)
        return;
    struct wp_text_memo *m = memo_slot(fonts, utf8, len, lang, style);
    memo_free(m);
    m->text = dup_bytes(utf8, len);
    m->len = len;
    m->lang = lang ? wp_xstrdup(lang) : NULL;
    m->style = *style;
    m->replaced = replaced_texts(fonts);
    layout_copy(l, &m->layout);
}

void wp_text_memo_release(struct wp_text_fonts *fonts)
{
    for (size_t i = 0; i < WP_TEXT_MEMO_SLOTS; i++)
        memo_free(&fonts->memo[i]);
}

/* Lays out; keep: a text that is one line is kept for the next layout of it. */
static int layout_text(struct wp_text_fonts *fonts, const char *utf8, size_t len, const char *lang,
                       const struct wp_text_style *style, double max_width, bool keep,
                       struct wp_text_layout *out)
{
    if (keep && memo_get(fonts, utf8, len, lang, style, max_width, out))
        return 0;
    struct breaker b;
    int rc = prepare(&b, fonts, utf8, len, lang, style, out);
    if (rc == 0 && fill_lines(&b, max_width) && keep)
        memo_put(fonts, utf8, len, lang, style, out);
    finish(&b);
    if (rc != 0)
        wp_text_layout_free(out);
    return rc;
}

int wp_text_layout(struct wp_text_fonts *fonts, const char *utf8, size_t len, const char *lang,
                   const struct wp_text_style *style, double max_width, struct wp_text_layout *out)
{
    return layout_text(fonts, utf8, len, lang, style, max_width, true, out);
}

void wp_text_layout_free(struct wp_text_layout *layout)
{
    for (size_t i = 0; i < layout->n_lines; i++)
        wp_text_line_release(&layout->lines[i]);
    free(layout->lines);
    free(layout->missing);
    free(layout->text);
    memset(layout, 0, sizeof(*layout));
}

double wp_text_measure(struct wp_text_fonts *fonts, const char *utf8, size_t len, const char *lang,
                       const struct wp_text_style *style)
{
    struct wp_text_layout l;
    if (wp_text_layout(fonts, utf8, len, lang, style, 0, &l) != 0)
        return 0;
    double w = l.max_width;
    wp_text_layout_free(&l);
    return w;
}

static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026 */

/* prefix (trailing spaces dropped) + "…", laid out on one line. */
static int layout_cut(struct wp_text_fonts *fonts, const char *utf8, size_t keep, const char *lang,
                      const struct wp_text_style *style, bool final, struct wp_text_layout *out)
{
    struct wp_buf s = WP_BUF_INIT;
    wp_buf_add(&s, utf8, keep);
    wp_buf_adds(&s, ellipsis);
    /* the final cut is kept (it is drawn next); the trials of the search are not */
    int rc = layout_text(fonts, s.data, s.len, lang, style, 0, final, out);
    wp_buf_release(&s);
    out->cut = true;
    out->cut_at = keep;
    return rc;
}

/* Where the text may be cut (byte offsets, ascending, len included): grapheme and
 * shaping cluster boundaries, as for a word too long for its line. */
static int cut_points(struct wp_text_fonts *fonts, const char *utf8, size_t len, const char *lang,
                      const struct wp_text_style *style, size_t **ends, size_t *n)
{
    struct breaker b;
    struct wp_text_layout scratch;
    int rc = prepare(&b, fonts, utf8, len, lang, style, &scratch);
    if (rc == 0)
        need_advances(&b);
    *n = 0;
    *ends = wp_xmalloc((b.c.n + 1) * sizeof(**ends));
    for (size_t i = 0; rc == 0 && i < b.c.n;) {
        i = next_grapheme(&b, i);
        (*ends)[(*n)++] = b.c.byte[i];
    }
    finish(&b);
    wp_text_layout_free(&scratch);
    return rc;
}

int wp_text_fit(struct wp_text_fonts *fonts, const char *utf8, size_t len, const char *lang,
                const struct wp_text_style *style, double max_width, struct wp_text_layout *out)
{
    const char *nl = memchr(utf8, '\n', len);
    size_t use = nl ? (size_t)(nl - utf8) : len;
    if (!nl) {
        if (wp_text_layout(fonts, utf8, len, lang, style, 0, out) != 0)
            return -1;
        if (out->max_width <= max_width + FIT_SLACK || len == 0)
            return 0;
        wp_text_layout_free(out);
    }
    size_t *ends, n;
    if (cut_points(fonts, utf8, use, lang, style, &ends, &n) != 0) {
        free(ends);
        return -1;
    }
    /* Longest prefix that fits with "…": binary search (widths grow with the prefix). */
    size_t lo = 0, hi = n; /* the first lo cut points are known to fit */
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        struct wp_text_layout t;
        if (layout_cut(fonts, utf8, ends[mid - 1], lang, style, false, &t) != 0) {
            free(ends);
            return -1;
        }
        bool fits = t.max_width <= max_width + FIT_SLACK;
        wp_text_layout_free(&t);
        if (fits)
            lo = mid;
        else
            hi = mid - 1;
    }
    size_t keep = lo ? ends[lo - 1] : 0;
    free(ends);
    while (keep > 0 && (utf8[keep - 1] == ' ' || utf8[keep - 1] == '\t'))
        keep--;
    return layout_cut(fonts, utf8, keep, lang, style, true, out);
}
