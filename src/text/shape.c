/* Shape: each item (one font, script, level) through hb_shape; runs in visual order. */
#include <stdlib.h>
#include <string.h>
#include <unicode/ubidi.h>

#include "text/text_internal.h"

static hb_buffer_t *shape_range(const char *text, size_t len, const struct wp_text_item *item,
                                size_t from, size_t to, const char *lang)
{
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
    /* The whole text goes in as context (Arabic joining, marks); only [from, to) is shaped. */
    hb_buffer_add_utf8(buf, text, (int)len, (unsigned)from, (int)(to - from));
    hb_buffer_set_direction(buf, (item->level & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, item->script);
    /* No guessing from the process locale: the same output wherever it runs. */
    if (lang)
        hb_buffer_set_language(buf, hb_language_from_string(lang, -1));
    hb_shape(item->font->font, buf, NULL, 0);
    return buf;
}

/* Records which text each glyph stands for (ToUnicode): the first glyph of a cluster
 * in logical order gets the cluster's text, the others "". */
static void note_uses(const char *text, struct wp_text_run *run)
{
    size_t n = run->n_glyphs;
    bool rtl = run->dir == WP_TEXT_RTL;
    /* Clusters are monotone (HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES): walk them logically. */
    for (size_t k = 0; k < n;) {
        const struct wp_text_glyph *g = &run->glyphs[rtl ? n - 1 - k : k];
        size_t k2 = k + 1;
        while (k2 < n && run->glyphs[rtl ? n - 1 - k2 : k2].cluster == g->cluster)
            k2++;
        size_t end = k2 < n ? run->glyphs[rtl ? n - 1 - k2 : k2].cluster : run->end;
        if (end <= g->cluster || end > run->end)
            end = run->end; /* never a negative length, whatever order the glyphs come in */
        wp_text_font_note_use(run->font, g->gid, text + g->cluster, end - g->cluster);
        for (size_t j = k + 1; j < k2; j++)
            wp_text_font_note_use(run->font, run->glyphs[rtl ? n - 1 - j : j].gid, "", 0);
        k = k2;
    }
}

/* A control character (tab, C0, DEL, C1) is no glyph of any font: HarfBuzz gives .notdef,
 * the missing-character box. It is drawn as a space instead. */
static bool is_control(const char *text, uint32_t at)
{
    unsigned char c = (unsigned char)text[at];
    return c < 0x20 || c == 0x7F || (c == 0xC2 && (unsigned char)text[at + 1] < 0xA0);
}

static void fill_run(struct wp_text_run *run, hb_buffer_t *buf, const char *text, double size)
{
    hb_font_t *font = run->font->font;
    hb_codepoint_t space = 0;
    (void)hb_font_get_nominal_glyph(font, ' ', &space);
    unsigned n = 0;
    const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    run->glyphs = wp_xcalloc(n, sizeof(*run->glyphs));
    run->n_glyphs = n;
    int64_t total = 0;
    for (unsigned i = 0; i < n; i++) {
        run->glyphs[i] = (struct wp_text_glyph){info[i].codepoint, pos[i].x_advance,
                                                pos[i].x_offset, pos[i].y_offset, info[i].cluster};
        if (info[i].codepoint == 0 && is_control(text, info[i].cluster)) {
            run->glyphs[i].gid = space;
            run->glyphs[i].x_advance = hb_font_get_glyph_h_advance(font, space);
        }
        total += run->glyphs[i].x_advance;
    }
    run->width = (double)total * size / run->upem;
}

void wp_text_shape_line(const char *text, size_t len, const struct wp_text_cps *c,
                        const struct wp_text_items *it, size_t first, size_t last, const char *lang,
                        double size, struct wp_text_line *line)
{
    memset(line, 0, sizeof(*line));
    line->start = c->byte[first];
    line->end = c->byte[last];
    line->para_dir =
        it->para[first < c->n ? first : (c->n ? c->n - 1 : 0)] ? WP_TEXT_RTL : WP_TEXT_LTR;
    struct wp_text_run *logical = NULL;
    size_t n = 0, cap = 0;
    for (size_t k = 0; k < it->n; k++) {
        const struct wp_text_item *item = &it->items[k];
        size_t a = item->first > first ? item->first : first;
        size_t b = item->last < last ? item->last : last;
        if (a >= b)
            continue;
        hb_buffer_t *buf = shape_range(text, len, item, c->byte[a], c->byte[b], lang);
        WP_GROW(logical, cap, n + 1);
        struct wp_text_run *run = &logical[n++];
        *run = (struct wp_text_run){.font = item->font,
                                    .start = c->byte[a],
                                    .end = c->byte[b],
                                    .script = item->script,
                                    .dir = (item->level & 1) ? WP_TEXT_RTL : WP_TEXT_LTR,
                                    .level = item->level,
                                    .upem = item->font->upem};
        fill_run(run, buf, text, size);
        hb_buffer_destroy(buf);
        note_uses(text, run);
        line->width += run->width;
    }
    if (n == 0)
        return;
    /* Visual order of the runs (UBA rule L2 on the runs' levels). */
    UBiDiLevel *levels = wp_xmalloc(n);
    int32_t *map = wp_xmalloc(n * sizeof(*map));
    for (size_t i = 0; i < n; i++)
        levels[i] = logical[i].level;
    ubidi_reorderVisual(levels, (int32_t)n, map);
    line->runs = wp_xmalloc(n * sizeof(*line->runs));
    for (size_t i = 0; i < n; i++)
        line->runs[i] = logical[map[i]];
    line->n_runs = n;
    free(map);
    free(levels);
    free(logical);
}

void wp_text_line_release(struct wp_text_line *line)
{
    for (size_t i = 0; i < line->n_runs; i++)
        free(line->runs[i].glyphs);
    free(line->runs);
    memset(line, 0, sizeof(*line));
}

void wp_text_shape_advances(const char *text, size_t len, const struct wp_text_cps *c,
                            const struct wp_text_items *it, const char *lang, double size,
                            double *adv, bool *starts)
{
    memset(adv, 0, (c->n + 1) * sizeof(*adv));
    memset(starts, 0, (c->n + 1) * sizeof(*starts));
    starts[c->n] = true;
    for (size_t k = 0; k < it->n; k++) {
        const struct wp_text_item *item = &it->items[k];
        hb_buffer_t *buf =
            shape_range(text, len, item, c->byte[item->first], c->byte[item->last], lang);
        unsigned n = 0;
        const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
        const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
        for (unsigned i = 0; i < n; i++) {
            size_t at = wp_text_cps_at(c, info[i].cluster);
            adv[at] += (double)pos[i].x_advance * size / item->font->upem;
            starts[at] = true;
        }
        hb_buffer_destroy(buf);
    }
}
