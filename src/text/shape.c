/* Shape: each item (one font, script, level) through hb_shape; runs in visual order. */
#include <stdlib.h>
#include <string.h>
#include <unicode/ubidi.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "text/text_internal.h"

static hb_buffer_t *shape_range(const char *text, size_t len, const struct wp_text_segment *item,
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

/*
 * Records which text each glyph stands for (ToUnicode), so that the glyphs of a
 * cluster, put in the order of their texts (glyph->rank), give the cluster's text
 * back: a glyph that is the nominal glyph of one of the cluster's characters, or
 * of a part of its canonical decomposition (a Tamil or Bengali split vowel: the
 * parts' glyphs read back in NFD), stands for that (the same in every context);
 * each character left over (a ligature, a reordered or Khmer split vowel, a
 * medial) goes, in logical order, to the next glyph left over, or, with none
 * left, to the glyph of the character before it. A glyph keeps the first text it
 * was given; glyph->mapped says whether that is the text it stands for here.
 */
#define CLUSTER_MAX 32

struct piece {
    char text[16]; /* UTF-8 */
    size_t len;
    unsigned rank; /* logical order in the cluster */
};

static bool nominal_is(hb_font_t *font, uint32_t cp, uint32_t gid)
{
    hb_codepoint_t g = 0;
    return gid != 0 && hb_font_get_nominal_glyph(font, cp, &g) && g == gid;
}

static void piece_add(struct piece *p, const char *s, size_t len)
{
    if (p->len + len < sizeof(p->text)) {
        memcpy(p->text + p->len, s, len);
        p->len += len;
    }
}

/* Glyphs that are the nominal glyphs of the parts of cp's decomposition take them. */
static bool take_decomposed(hb_font_t *font, uint32_t cp, unsigned rank,
                            const struct wp_text_glyph *const *gl, size_t n, struct piece *mine)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
    UChar d[8];
    int32_t nd = U_SUCCESS(err) ? unorm2_getDecomposition(nfd, (UChar32)cp, d, 8, &err) : -1;
    if (nd < 2 || U_FAILURE(err))
        return false;
    size_t who[8], parts = 0;
    UChar32 part[8];
    for (int32_t i = 0; i < nd && parts < 8; parts++) {
        U16_NEXT(d, i, nd, part[parts]);
        who[parts] = SIZE_MAX;
        for (size_t g = 0; g < n && who[parts] == SIZE_MAX; g++) {
            bool free_glyph = mine[g].len == 0;
            for (size_t q = 0; q < parts; q++)
                free_glyph &= who[q] != g;
            if (free_glyph && nominal_is(font, (uint32_t)part[parts], gl[g]->gid))
                who[parts] = g;
        }
        if (who[parts] == SIZE_MAX)
            return false;
    }
    for (size_t q = 0; q < parts; q++) {
        char u[4];
        int32_t nu = 0;
        UBool bad = false;
        U8_APPEND((uint8_t *)u, nu, 4, part[q], bad);
        (void)bad;
        mine[who[q]] = (struct piece){.len = 0, .rank = rank + (unsigned)q};
        piece_add(&mine[who[q]], u, (size_t)nu);
    }
    return true;
}

/*
 * A glyph of a right-to-left run that stands for several characters (lam-alef)
 * keeps them in visual order: poppler and pdf.js spread a glyph's characters left
 * to right over its width and then read the right-to-left line from the right, so
 * only text written visually comes back logical ("لا", not "ال").
 */
static void piece_visual(struct piece *p)
{
    char out[sizeof(p->text)];
    size_t at = p->len;
    for (size_t i = 0; i < p->len;) {
        uint32_t cp;
        size_t n = wp_utf8_decode(p->text + i, p->len - i, &cp);
        at -= n;
        memcpy(out + at, p->text + i, n);
        i += n;
    }
    memcpy(p->text, out, p->len);
}

/*
 * Records what each glyph of a cluster stands for. More glyphs than characters (a
 * split vowel with neither part a character's own glyph): the glyphs left over stand
 * for the character they are part of, the last one given out, so that every glyph
 * drawn has a text (PDF/UA); its span's ActualText gives the cluster once.
 */
static void record_pieces(struct wp_text_run *run, struct wp_text_glyph **gl, size_t n,
                          struct piece *mine, size_t last)
{
    for (size_t k = 0; k < n && last != SIZE_MAX; k++)
        if (mine[k].len == 0 && last < n && mine[last].len > 0) {
            mine[k] = mine[last];
            mine[k].rank = UINT16_MAX - 1;
        }
    for (size_t k = 0; k < n; k++) {
        if (run->dir == WP_TEXT_RTL)
            piece_visual(&mine[k]);
        const char *t = wp_text_font_note_use(run->font, gl[k]->gid, mine[k].text, mine[k].len);
        gl[k]->rank = mine[k].len ? (uint16_t)mine[k].rank : UINT16_MAX;
        gl[k]->mapped = gl[k]->gid != 0 && t && strlen(t) == mine[k].len &&
                        memcmp(t, mine[k].text, mine[k].len) == 0;
    }
}

/* One glyph for one character, by far the most common cluster: the glyph stands for the
 * character whether or not it is its nominal glyph (note_cluster's general case, which
 * gives the same, costs a nominal-glyph lookup and a cleared array of pieces). */
static bool note_single(const char *text, struct wp_text_run *run, struct wp_text_glyph **g,
                        size_t n, size_t from, size_t to)
{
    size_t len = to - from;
    if (n != 1 || len == 0 || len > 4 || wp_utf8_decode(text + from, len, &(uint32_t){0}) != len)
        return false;
    struct piece p = {.len = 0};
    piece_add(&p, text + from, len);
    record_pieces(run, g, 1, &p, 0);
    return true;
}

static void note_cluster(const char *text, struct wp_text_run *run, struct wp_text_glyph **gl,
                         size_t n, size_t from, size_t to)
{
    hb_font_t *font = run->font->font;
    if (n > CLUSTER_MAX)
        n = CLUSTER_MAX;
    struct piece mine[CLUSTER_MAX];
    memset(mine, 0, sizeof(mine));
    size_t owner_of[CLUSTER_MAX], ncp = 0;
    uint32_t cps[CLUSTER_MAX];
    size_t at_of[CLUSTER_MAX + 1];
    for (size_t at = from; at < to && ncp < CLUSTER_MAX;) {
        at_of[ncp] = at;
        at += wp_utf8_decode(text + at, to - at, &cps[ncp]);
        owner_of[ncp++] = SIZE_MAX;
    }
    at_of[ncp] = to;
    for (size_t c = 0; c < ncp; c++)
        for (size_t g = 0; g < n && owner_of[c] == SIZE_MAX; g++)
            if (mine[g].len == 0 && nominal_is(font, cps[c], gl[g]->gid)) {
                mine[g].rank = (unsigned)c * 8;
                piece_add(&mine[g], text + at_of[c], at_of[c + 1] - at_of[c]);
                owner_of[c] = g;
            }
    for (size_t c = 0; c < ncp; c++)
        if (owner_of[c] == SIZE_MAX &&
            take_decomposed(font, cps[c], (unsigned)c * 8, (const struct wp_text_glyph *const *)gl,
                            n, mine))
            owner_of[c] = n; /* taken, by several */
    size_t g = 0, last = SIZE_MAX;
    for (size_t c = 0; c < ncp; c++) {
        if (owner_of[c] != SIZE_MAX) {
            last = owner_of[c] < n ? owner_of[c] : SIZE_MAX;
            continue;
        }
        while (g < n && mine[g].len > 0)
            g++;
        size_t owner = g < n ? g : last != SIZE_MAX ? last : 0;
        if (mine[owner].len == 0)
            mine[owner].rank = (unsigned)c * 8;
        piece_add(&mine[owner], text + at_of[c], at_of[c + 1] - at_of[c]);
        last = owner;
    }
    record_pieces(run, gl, n, mine, last);
}

static void note_uses(const char *text, struct wp_text_run *run)
{
    size_t n = run->n_glyphs;
    bool rtl = run->dir == WP_TEXT_RTL;
    struct wp_text_glyph **gl = wp_xmalloc((n + 1) * sizeof(*gl));
    /* Clusters are monotone (HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES): walk them logically. */
    for (size_t k = 0; k < n;) {
        const struct wp_text_glyph *g = &run->glyphs[rtl ? n - 1 - k : k];
        size_t k2 = k + 1;
        while (k2 < n && run->glyphs[rtl ? n - 1 - k2 : k2].cluster == g->cluster)
            k2++;
        size_t end = k2 < n ? run->glyphs[rtl ? n - 1 - k2 : k2].cluster : run->end;
        if (end <= g->cluster || end > run->end)
            end = run->end; /* never a negative length, whatever order the glyphs come in */
        for (size_t j = k; j < k2; j++)
            gl[j - k] = &run->glyphs[rtl ? n - 1 - j : j];
        if (!note_single(text, run, gl, k2 - k, g->cluster, end))
            note_cluster(text, run, gl, k2 - k, g->cluster, end);
        k = k2;
    }
    free(gl);
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
        run->glyphs[i] = (struct wp_text_glyph){.gid = info[i].codepoint,
                                                .x_advance = pos[i].x_advance,
                                                .x_offset = pos[i].x_offset,
                                                .y_offset = pos[i].y_offset,
                                                .cluster = info[i].cluster,
                                                .rank = UINT16_MAX,
                                                .unsafe = (hb_glyph_info_get_glyph_flags(&info[i]) &
                                                           HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0};
        if (info[i].codepoint == 0 && is_control(text, info[i].cluster)) {
            run->glyphs[i].gid = space;
            run->glyphs[i].x_advance = hb_font_get_glyph_h_advance(font, space);
        }
        total += run->glyphs[i].x_advance;
    }
    run->width = (double)total * size / run->upem;
}

/* A cut of the run at byte offset at is safe: a cluster starts there and is not unsafe to
 * break (HarfBuzz: the two sides shaped apart give the same glyphs). */
static bool safe_cut(const struct wp_text_run *r, size_t at)
{
    if (at == r->start || at == r->end)
        return true;
    bool found = false;
    for (size_t i = 0; i < r->n_glyphs; i++)
        if (r->glyphs[i].cluster == at) {
            if (r->glyphs[i].unsafe)
                return false;
            found = true;
        }
    return found;
}

/* The glyphs of whole's run for bytes [from, to) of one item, when that cut is safe. */
static bool slice_run(const struct wp_text_line *whole, size_t from, size_t to, double size,
                      struct wp_text_run *out)
{
    const struct wp_text_run *r = NULL;
    for (size_t k = 0; k < whole->n_runs && !r; k++)
        if (whole->runs[k].start <= from && to <= whole->runs[k].end)
            r = &whole->runs[k];
    if (!r || !safe_cut(r, from) || !safe_cut(r, to))
        return false;
    *out = *r;
    out->start = from;
    out->end = to;
    out->glyphs = wp_xmalloc((r->n_glyphs + 1) * sizeof(*out->glyphs));
    out->n_glyphs = 0;
    int64_t total = 0;
    for (size_t i = 0; i < r->n_glyphs; i++)
        if (r->glyphs[i].cluster >= from && r->glyphs[i].cluster < to) {
            out->glyphs[out->n_glyphs++] = r->glyphs[i];
            total += r->glyphs[i].x_advance;
        }
    out->width = (double)total * size / out->upem;
    return true;
}

/* The runs of the items overlapping [first, last), in logical order, shaped (and their
 * glyphs noted) or, when every one can be, sliced from whole. */
static struct wp_text_run *item_runs(const char *text, size_t len, const struct wp_text_cps *c,
                                     const struct wp_text_segments *it, size_t first, size_t last,
                                     const char *lang, double size,
                                     const struct wp_text_line *whole, size_t *n_runs)
{
    struct wp_text_run *logical = NULL;
    size_t n = 0, cap = 0;
    bool sliced = whole != NULL;
    for (size_t k = 0; k < it->n; k++) {
        const struct wp_text_segment *item = &it->items[k];
        size_t a = item->first > first ? item->first : first;
        size_t b = item->last < last ? item->last : last;
        if (a >= b)
            continue;
        WP_GROW(logical, cap, n + 1);
        struct wp_text_run *run = &logical[n++];
        if (sliced && slice_run(whole, c->byte[a], c->byte[b], size, run))
            continue;
        if (sliced) { /* all or none: shaped, every run notes its glyphs as before */
            for (size_t i = 0; i + 1 < n; i++)
                free(logical[i].glyphs);
            sliced = false;
            n = 0;
            k = (size_t)-1;
            continue;
        }
        hb_buffer_t *buf = shape_range(text, len, item, c->byte[a], c->byte[b], lang);
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
    }
    *n_runs = n;
    return logical;
}

void wp_text_shape_line(const char *text, size_t len, const struct wp_text_cps *c,
                        const struct wp_text_segments *it, size_t first, size_t last,
                        const char *lang, double size, const struct wp_text_line *whole,
                        struct wp_text_line *line)
{
    memset(line, 0, sizeof(*line));
    line->start = c->byte[first];
    line->end = c->byte[last];
    line->para_dir =
        it->para[first < c->n ? first : (c->n ? c->n - 1 : 0)] ? WP_TEXT_RTL : WP_TEXT_LTR;
    size_t n = 0;
    struct wp_text_run *logical = item_runs(text, len, c, it, first, last, lang, size, whole, &n);
    for (size_t i = 0; i < n; i++)
        line->width += logical[i].width;
    if (n == 0) {
        free(logical);
        return;
    }
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
                            const struct wp_text_segments *it, const char *lang, double size,
                            double *adv, bool *starts)
{
    memset(adv, 0, (c->n + 1) * sizeof(*adv));
    memset(starts, 0, (c->n + 1) * sizeof(*starts));
    starts[c->n] = true;
    for (size_t k = 0; k < it->n; k++) {
        const struct wp_text_segment *item = &it->items[k];
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
