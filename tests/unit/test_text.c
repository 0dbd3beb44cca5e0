/* The text engine, alone: runs, fonts, shaped glyphs and breaks against HarfBuzz and ICU. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "text/text.h"

static struct wp_text_fonts *fonts;
static const struct wp_text_style regular = {10, false};

static int group_setup(void **state)
{
    (void)state;
    fonts = wp_text_fonts_create();
    return fonts ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    wp_text_fonts_free(fonts);
    return 0;
}

static void lay(const char *s, const char *lang, double width, struct wp_text_layout *l)
{
    assert_int_equal(wp_text_layout(fonts, s, strlen(s), lang, &regular, width, l), 0);
}

/* The run shaped again by HarfBuzz directly, on the font file opened on its own. */
static void assert_run_is_harfbuzz(const struct wp_text_layout *l, const struct wp_text_run *run,
                                   const char *lang)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(wp_text_font_path(run->font));
    assert_non_null(blob);
    hb_face_t *face = hb_face_create(blob, wp_text_font_index(run->font));
    hb_font_t *font = hb_font_create(face);
    unsigned upem = hb_face_get_upem(face);
    hb_font_set_scale(font, (int)upem, (int)upem);
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
    hb_buffer_add_utf8(buf, l->text, (int)l->len, (unsigned)run->start,
                       (int)(run->end - run->start));
    hb_buffer_set_direction(buf, run->dir == WP_TEXT_RTL ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, (hb_script_t)run->script);
    if (lang)
        hb_buffer_set_language(buf, hb_language_from_string(lang, -1));
    hb_shape(font, buf, NULL, 0);
    unsigned n = 0;
    const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    assert_int_equal(run->n_glyphs, n);
    assert_int_equal(run->upem, upem);
    for (unsigned i = 0; i < n; i++) {
        assert_int_equal(run->glyphs[i].gid, info[i].codepoint);
        assert_int_equal(run->glyphs[i].cluster, info[i].cluster);
        assert_int_equal(run->glyphs[i].x_advance, pos[i].x_advance);
        assert_int_equal(run->glyphs[i].x_offset, pos[i].x_offset);
        assert_int_equal(run->glyphs[i].y_offset, pos[i].y_offset);
    }
    hb_buffer_destroy(buf);
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
}

static void assert_all_harfbuzz(const struct wp_text_layout *l, const char *lang)
{
    for (size_t i = 0; i < l->n_lines; i++)
        for (size_t r = 0; r < l->lines[i].n_runs; r++)
            assert_run_is_harfbuzz(l, &l->lines[i].runs[r], lang);
}

static void assert_run(const struct wp_text_run *run, const char *script, enum wp_text_dir dir,
                       size_t start, size_t end, const char *family)
{
    assert_int_equal(run->script, hb_script_from_string(script, -1));
    assert_int_equal(run->dir, dir);
    assert_int_equal(run->start, start);
    assert_int_equal(run->end, end);
    assert_string_equal(wp_text_font_family(run->font), family);
}

/* One line, one run: the whole string in one script and one face. */
static void one_run(const char *s, const char *lang, const char *script, const char *family)
{
    struct wp_text_layout l;
    lay(s, lang, 0, &l);
    assert_int_equal(l.n_lines, 1);
    assert_int_equal(l.lines[0].n_runs, 1);
    assert_run(&l.lines[0].runs[0], script, WP_TEXT_LTR, 0, strlen(s), family);
    assert_all_harfbuzz(&l, lang);
    assert_int_equal(l.n_missing, 0);
    for (size_t g = 0; g < l.lines[0].runs[0].n_glyphs; g++)
        assert_int_not_equal(l.lines[0].runs[0].glyphs[g].gid, 0);
    wp_text_layout_free(&l);
}

static void test_english_kerned(void **state)
{
    (void)state;
    const char *s = "AVATAR Way To";
    one_run(s, "en", "Latn", "Noto Sans");
    struct wp_text_layout l;
    lay(s, "en", 0, &l);
    const struct wp_text_run *run = &l.lines[0].runs[0];
    hb_font_t *font = wp_text_font_hb_font(run->font);
    int32_t unkerned = 0;
    for (const char *p = s; *p; p++) {
        hb_codepoint_t gid = 0;
        assert_true(hb_font_get_nominal_glyph(font, (hb_codepoint_t)*p, &gid));
        unkerned += hb_font_get_glyph_h_advance(font, gid);
    }
    double plain = unkerned * regular.size / run->upem;
    assert_true(l.lines[0].width < plain * 0.98); /* AV, VA, TA, Wa, To all kerned */
    wp_text_layout_free(&l);
}

static void test_spanish(void **state)
{
    (void)state;
    one_run("Año de cooperación: ¿qué logró la región?", "es", "Latn", "Noto Sans");
}

static void test_thai(void **state)
{
    (void)state;
    one_run("ภาษาไทยง่ายนิดเดียว", "th", "Thai", "Noto Sans Thai");
}

static void test_lao(void **state)
{
    (void)state;
    one_run("ພາສາລາວງ່າຍຫຼາຍ", "lo", "Laoo", "Noto Sans Lao");
}

static void test_khmer(void **state)
{
    (void)state;
    const char *s = "ភាសាខ្មែរ";
    one_run(s, "km", "Khmr", "Noto Sans Khmer");
    /* The coeng (U+17D2) forms a subscript: fewer glyphs than code points, none a dotted
     * circle (U+25CC). */
    struct wp_text_layout l;
    lay(s, "km", 0, &l);
    hb_codepoint_t circle = 0;
    (void)hb_font_get_nominal_glyph(wp_text_font_hb_font(l.lines[0].runs[0].font), 0x25CC, &circle);
    for (size_t g = 0; g < l.lines[0].runs[0].n_glyphs; g++)
        assert_int_not_equal(l.lines[0].runs[0].glyphs[g].gid, circle);
    assert_true(l.lines[0].runs[0].n_glyphs < 9);
    wp_text_layout_free(&l);
}

static void test_burmese(void **state)
{
    (void)state;
    const char *s = "ပြီး";
    one_run(s, "my", "Mymr", "Noto Sans Myanmar");
    /* The medial ya-yit (U+103C) is drawn before the consonant: reordered, one cluster. */
    struct wp_text_layout l;
    lay(s, "my", 0, &l);
    const struct wp_text_run *run = &l.lines[0].runs[0];
    hb_codepoint_t pa = 0;
    assert_true(hb_font_get_nominal_glyph(wp_text_font_hb_font(run->font), 0x1015, &pa));
    assert_int_not_equal(run->glyphs[0].gid, pa);
    for (size_t g = 0; g < run->n_glyphs; g++)
        assert_int_equal(run->glyphs[g].cluster, 0);
    /* Each glyph stands for its own characters: the consonant for itself, the medial
     * drawn before it for U+103C; put in the order of their texts, they give the text. */
    const struct wp_text_glyph_use *uses;
    size_t n = wp_text_font_glyphs(run->font, &uses);
    size_t found = 0;
    for (size_t i = 0; i < n; i++) {
        if (uses[i].gid == run->glyphs[0].gid) {
            assert_string_equal(uses[i].text, "\xe1\x80\xbc"); /* ြ */
            found++;
        } else if (uses[i].gid == run->glyphs[1].gid) {
            assert_string_equal(uses[i].text, "\xe1\x80\x95"); /* ပ */
            found++;
        }
    }
    assert_int_equal(found, 2);
    wp_text_layout_free(&l);
}

static void test_tamil(void **state)
{
    (void)state;
    one_run("தமிழ்நாடு சிங்கப்பூர்", "ta", "Taml", "Noto Sans Tamil");
}

static void glyph_ids(const char *s, uint32_t *out, size_t *n)
{
    struct wp_text_layout l;
    lay(s, "vi", 0, &l);
    assert_int_equal(l.lines[0].n_runs, 1);
    *n = l.lines[0].runs[0].n_glyphs;
    for (size_t i = 0; i < *n; i++)
        out[i] = l.lines[0].runs[0].glyphs[i].gid;
    wp_text_layout_free(&l);
}

static void test_vietnamese_nfc_nfd(void **state)
{
    (void)state;
    const char *nfc = "Tiếng Việt có dấu";
    const char *nfd = "Tie\xCC\x82\xCC\x81ng Vie\xCC\xA3\xCC\x82t co\xCC\x81 da\xCC\x82\xCC\x81u";
    one_run(nfc, "vi", "Latn", "Noto Sans");
    one_run(nfd, "vi", "Latn", "Noto Sans");
    uint32_t a[64], b[64];
    size_t na, nb;
    glyph_ids(nfc, a, &na);
    glyph_ids(nfd, b, &nb);
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++)
        assert_int_equal(a[i], b[i]);
}

static void test_jawi_rtl_joined(void **state)
{
    (void)state;
    const char *s = "بهاس ملايو";
    struct wp_text_layout l;
    lay(s, "ms-Arab", 0, &l);
    assert_int_equal(l.lines[0].para_dir, WP_TEXT_RTL);
    assert_int_equal(l.lines[0].n_runs, 1);
    const struct wp_text_run *run = &l.lines[0].runs[0];
    assert_run(run, "Arab", WP_TEXT_RTL, 0, strlen(s), "Noto Sans Arabic");
    assert_int_equal(run->level, 1);
    assert_all_harfbuzz(&l, "ms-Arab");
    /* Visual order: the last glyph is the first letter (ب), in its initial form. */
    const struct wp_text_glyph *first = &run->glyphs[run->n_glyphs - 1];
    assert_int_equal(first->cluster, 0);
    hb_codepoint_t isolated = 0;
    assert_true(hb_font_get_nominal_glyph(wp_text_font_hb_font(run->font), 0x0628, &isolated));
    assert_int_not_equal(first->gid, isolated);
    wp_text_layout_free(&l);
}

static void test_bidi_runs_in_visual_order(void **state)
{
    (void)state;
    /* LTR paragraph (first strong is Latin); the Arabic word is an RTL run inside it. */
    const char *s = "Brunei: بهاس ملايو 2024";
    struct wp_text_layout l;
    lay(s, NULL, 0, &l);
    const struct wp_text_line *line = &l.lines[0];
    assert_int_equal(line->para_dir, WP_TEXT_LTR);
    /* "2024" after Arabic letters is an Arabic number (level 2): it is drawn to the left
     * of the Arabic words, which run right to left. */
    assert_int_equal(line->n_runs, 3);
    assert_int_equal(line->runs[0].start, 0);
    assert_int_equal(line->runs[0].end, 8);
    assert_int_equal(line->runs[0].dir, WP_TEXT_LTR);
    assert_int_equal(line->runs[1].start, 28);
    assert_int_equal(line->runs[1].level, 2);
    assert_int_equal(line->runs[2].start, 8);
    assert_int_equal(line->runs[2].end, 28);
    assert_int_equal(line->runs[2].dir, WP_TEXT_RTL);
    assert_all_harfbuzz(&l, NULL);
    wp_text_layout_free(&l);
}

static uint32_t first_gid(const char *s, const char *lang, const char *family)
{
    struct wp_text_layout l;
    lay(s, lang, 0, &l);
    assert_int_equal(l.lines[0].n_runs, 1);
    assert_run(&l.lines[0].runs[0], "Hani", WP_TEXT_LTR, 0, strlen(s), family);
    assert_all_harfbuzz(&l, lang);
    uint32_t gid = l.lines[0].runs[0].glyphs[0].gid;
    wp_text_layout_free(&l);
    return gid;
}

static void test_chinese_japanese(void **state)
{
    (void)state;
    uint32_t sc = first_gid("骨头。", "zh-Hans", "Noto Sans CJK SC");
    uint32_t tc = first_gid("骨頭。", "zh-Hant", "Noto Sans CJK TC");
    uint32_t ja = first_gid("骨の協力。", "ja", "Noto Sans CJK JP");
    /* 骨 has a different form in each: the face chosen by language draws it. */
    assert_int_not_equal(sc, ja);
    assert_int_not_equal(sc, tc);
    assert_int_not_equal(tc, ja);
    /* No tag: kana says Japanese; Han alone is Simplified Chinese (docs/text.md). */
    assert_int_equal(first_gid("骨のひらがな", NULL, "Noto Sans CJK JP"), ja);
    assert_int_equal(first_gid("骨头", NULL, "Noto Sans CJK SC"), sc);
    assert_int_equal(first_gid("骨頭", "zh-TW", "Noto Sans CJK TC"), tc);
}

static void test_common_joins_neighbours(void **state)
{
    (void)state;
    /* Spaces, digits, brackets and punctuation take the script around them. */
    const char *s = "ภาษา 123 (ไทย)!";
    struct wp_text_layout l;
    lay(s, "th", 0, &l);
    for (size_t r = 0; r < l.lines[0].n_runs; r++)
        assert_int_equal(l.lines[0].runs[r].script, HB_SCRIPT_THAI);
    assert_all_harfbuzz(&l, "th");
    wp_text_layout_free(&l);
    /* Punctuation Noto Sans has is drawn in it, as a browser would; what only the
       CJK face has ("，") stays in the CJK face. */
    const char *cjk = "中文 · 日本，語";
    lay(cjk, NULL, 0, &l);
    size_t dot = strstr(cjk, "·") - cjk, comma = strstr(cjk, "，") - cjk;
    for (size_t r = 0; r < l.lines[0].n_runs; r++) {
        const struct wp_text_run *run = &l.lines[0].runs[r];
        const char *family = wp_text_font_family(run->font);
        if (run->start <= dot && run->end > dot)
            assert_string_equal(family, "Noto Sans");
        if (run->start <= comma && run->end > comma)
            assert_string_equal(family, "Noto Sans CJK SC");
        if (run->start == 0)
            assert_string_equal(family, "Noto Sans CJK SC");
    }
    assert_all_harfbuzz(&l, NULL);
    wp_text_layout_free(&l);
    /* A bracket pair keeps the script it opened with. */
    const char *m = "abc (ไทย) def";
    lay(m, NULL, 0, &l);
    for (size_t r = 0; r < l.lines[0].n_runs; r++) {
        const struct wp_text_run *run = &l.lines[0].runs[r];
        if (run->start <= 4 && run->end > 4) /* "(" */
            assert_int_equal(run->script, HB_SCRIPT_LATIN);
        if (run->start <= 14 && run->end > 14) /* ")" */
            assert_int_equal(run->script, HB_SCRIPT_LATIN);
    }
    wp_text_layout_free(&l);
}

/* ICU's own line boundaries (UTF-8 byte offsets) for s in locale. */
static size_t icu_breaks(const char *s, const char *locale, int type, size_t *out)
{
    UChar u[512];
    int32_t n16 = 0;
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(u, 512, &n16, s, -1, &err);
    assert_true(U_SUCCESS(err));
    UBreakIterator *bi = ubrk_open((UBreakIteratorType)type, locale, u, n16, &err);
    assert_true(U_SUCCESS(err));
    size_t n = 0;
    for (int32_t p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi)) {
        int32_t bytes = 0;
        UErrorCode e2 = U_ZERO_ERROR;
        char tmp[1024];
        u_strToUTF8(tmp, sizeof(tmp), &bytes, u, p, &e2);
        out[n++] = (size_t)bytes;
    }
    ubrk_close(bi);
    return n;
}

static bool among(size_t v, const size_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == v)
            return true;
    return false;
}

/* Every line ends at one of ICU's line breaks and fits; words are whole. */
static void assert_breaks(const char *s, const char *lang, double width, size_t min_lines)
{
    size_t lb[512];
    size_t n = icu_breaks(s, lang, UBRK_LINE, lb);
    struct wp_text_layout l;
    lay(s, lang, width, &l);
    assert_true(l.n_lines >= min_lines);
    for (size_t i = 0; i < l.n_lines; i++) {
        const struct wp_text_line *line = &l.lines[i];
        assert_true(line->width <= width + 1e-6);
        assert_true(among(line->start, lb, n));
        size_t next = i + 1 < l.n_lines ? l.lines[i + 1].start : strlen(s);
        if (!among(next, lb, n))
            print_message("%s: line %zu ends at %zu, not an ICU break\n", s, i, next);
        assert_true(among(next, lb, n));
    }
    assert_all_harfbuzz(&l, lang);
    wp_text_layout_free(&l);
}

static void test_thai_breaks_between_words(void **state)
{
    (void)state;
    const char *s = "ภาษาไทยง่ายนิดเดียว";
    assert_breaks(s, "th", 30, 3);
    /* The dictionary's words, exactly: ภาษา|ไทย|ง่าย|นิด|เดียว. */
    size_t lb[64];
    size_t n = icu_breaks(s, "th", UBRK_LINE, lb);
    size_t want[] = {0, 12, 21, 33, 42, 57};
    assert_int_equal(n, 6);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(lb[i], want[i]);
    /* As wide as the widest word: one word a line, none cut. */
    double widest = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        double w = wp_text_measure(fonts, s + want[i], want[i + 1] - want[i], "th", &regular);
        widest = w > widest ? w : widest;
    }
    struct wp_text_layout l;
    lay(s, "th", widest, &l);
    assert_int_equal(l.n_lines, 5);
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(l.lines[i].start, want[i]);
    wp_text_layout_free(&l);
}

static void test_lao_khmer_burmese_break(void **state)
{
    (void)state;
    assert_breaks("ພາສາລາວງ່າຍຫຼາຍ", "lo", 25, 2);
    assert_breaks("ភាសាខ្មែរងាយស្រួលណាស់", "km", 50, 2); /* ភាសាខ្មែរ, ងាយស្រួល: one word each */
    assert_breaks("မြန်မာဘာသာစကားပြီး", "my", 60, 2); /* ICU: မြန်မာဘာသာ|စကား|ပြီး */
    /* ပြီး is one cluster: never split, even on a line narrower than it. */
    struct wp_text_layout l;
    lay("ပြီး", "my", 1, &l);
    assert_int_equal(l.n_lines, 1);
    assert_int_equal(l.lines[0].end, strlen("ပြီး"));
    wp_text_layout_free(&l);
}

static void test_cjk_punctuation_rules(void **state)
{
    (void)state;
    /* "，" and "」" never start a line, "「" never ends one. */
    const char *s = "一二三，四五「六七」八九。";
    struct wp_text_layout l;
    for (double w = 20; w <= 60; w += 10) {
        lay(s, "zh", w, &l);
        for (size_t i = 0; i < l.n_lines; i++) {
            const char *start = l.text + l.lines[i].start;
            assert_true(strncmp(start, "，", 3) != 0 && strncmp(start, "」", 3) != 0 &&
                        strncmp(start, "。", 3) != 0);
            if (l.lines[i].end >= 3)
                assert_true(strncmp(l.text + l.lines[i].end - 3, "「", 3) != 0);
        }
        wp_text_layout_free(&l);
        assert_breaks(s, "zh", w, 1);
    }
}

static void test_forced_breaks_and_hanging_spaces(void **state)
{
    (void)state;
    struct wp_text_layout l;
    lay("one\ntwo   three", NULL, 0, &l);
    assert_int_equal(l.n_lines, 2);
    assert_int_equal(l.lines[0].start, 0);
    assert_int_equal(l.lines[0].end, 3);
    assert_int_equal(l.lines[1].start, 4);
    wp_text_layout_free(&l);
    double w = wp_text_measure(fonts, "three", 5, NULL, &regular);
    assert_true(wp_text_measure(fonts, "two ", 4, NULL, &regular) + w > w + 1);
    lay("two   three", NULL, w, &l); /* the spaces after "two" hang past the width */
    assert_int_equal(l.n_lines, 2);
    assert_int_equal(l.lines[0].end, 3);
    assert_int_equal(l.lines[1].start, 6);
    assert_true(l.lines[0].width <= w + 1e-6);
    wp_text_layout_free(&l);
}

/* A text too wide for one line: each line's glyphs, taken from the whole text's shaping where
 * HarfBuzz says the cut is safe, are what HarfBuzz gives the line's own range. */
static void test_wrapped_lines_are_harfbuzz(void **state)
{
    (void)state;
    static const char *const texts[][2] = {
        {"AVATAR To Ty Vo WAVE office, affine fjord: AVAVAV Yo Tw LT 1.000,5 \xE2\x80\x9CT\xE2\x80"
         "\x9D AV. To, Te; Yy? Wa!",
         "en"},
        {"\xE0\xB8\x81\xE0\xB8\xB2\xE0\xB8\xA3\xE0\xB8\x9B\xE0\xB8\xA3\xE0\xB8\xB0"
         "\xE0\xB8\x8A\xE0\xB8\xB8\xE0\xB8\xA1\xE0\xB8\x84\xE0\xB8\xA3\xE0\xB8\xB1"
         "\xE0\xB9\x89\xE0\xB8\x87\xE0\xB8\x97\xE0\xB8\xB5\xE0\xB9\x88\xE0\xB8\xAA"
         "\xE0\xB8\xAD\xE0\xB8\x87 \xE0\xB8\x81\xE0\xB8\xB2\xE0\xB8\xA3\xE0\xB8\x9B"
         "\xE0\xB8\xA3\xE0\xB8\xB0\xE0\xB8\x8A\xE0\xB8\xB8\xE0\xB8\xA1",
         "th"},
        {"\xD9\x83\xD8\xB1\xD8\xAC\xD8\xA7 \xD8\xB3\xD8\xA7\xD9\x85 \xD9\x84\xD8\xA7"
         "\xD9\x84\xD9\x88 \xD8\xA8\xD8\xB1\xD8\xB3\xD8\xA7\xD9\x85\xD8\xA7 \xD9\x83"
         "\xD8\xB1\xD8\xAC\xD8\xA7 \xD8\xB3\xD8\xA7\xD9\x85 2024",
         "ms-Arab"}};
    for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
        struct wp_text_layout l;
        lay(texts[t][0], texts[t][1], 0, &l);
        double w = l.max_width / 3.5;
        wp_text_layout_free(&l);
        lay(texts[t][0], texts[t][1], w, &l);
        assert_true(l.n_lines >= 3);
        assert_all_harfbuzz(&l, texts[t][1]);
        wp_text_layout_free(&l);
    }
}

/* The same text laid out again comes from the kept layout: an equal copy of its own, and
 * only where it still fits the width asked for. */
static void test_kept_layout_is_a_copy(void **state)
{
    (void)state;
    const char *s = "Regional workshop on the blue economy";
    struct wp_text_layout a, b, c;
    lay(s, "en", 0, &a);
    lay(s, "en", a.max_width + 1, &b);
    assert_int_equal(b.n_lines, 1);
    assert_true(b.lines[0].runs != a.lines[0].runs);
    assert_true(b.lines[0].runs[0].glyphs != a.lines[0].runs[0].glyphs);
    assert_int_equal(b.lines[0].runs[0].n_glyphs, a.lines[0].runs[0].n_glyphs);
    assert_memory_equal(b.lines[0].runs[0].glyphs, a.lines[0].runs[0].glyphs,
                        a.lines[0].runs[0].n_glyphs * sizeof(struct wp_text_glyph));
    assert_true(b.max_width == a.max_width);
    wp_text_layout_free(&a); /* the copy outlives it */
    assert_all_harfbuzz(&b, "en");
    lay(s, "en", b.max_width / 2, &c); /* kept as one line, but too wide for this */
    assert_true(c.n_lines >= 2);
    assert_all_harfbuzz(&c, "en");
    wp_text_layout_free(&c);
    lay(s, "es", 0, &c); /* another language is another layout */
    assert_int_equal(c.n_lines, 1);
    wp_text_layout_free(&c);
    wp_text_layout_free(&b);
}

static void test_long_word_cut_at_graphemes(void **state)
{
    (void)state;
    char word[1024] = "";
    for (int i = 0; i < 50; i++)
        strcat(word, "a\xCC\x82\xCC\x81x"); /* a + two combining marks + x: 150 letters */
    size_t gb[1024];
    size_t ng = icu_breaks(word, "", UBRK_CHARACTER, gb);
    struct wp_text_layout l;
    lay(word, "vi", 40, &l);
    assert_true(l.n_lines > 3);
    for (size_t i = 0; i < l.n_lines; i++) {
        assert_true(l.lines[i].width <= 40 + 1e-6);
        assert_true(among(l.lines[i].start, gb, ng));
        assert_true(l.lines[i].end > l.lines[i].start);
    }
    assert_int_equal(l.lines[l.n_lines - 1].end, strlen(word));
    wp_text_layout_free(&l);
}

static void test_fit_with_ellipsis(void **state)
{
    (void)state;
    struct wp_text_layout l;
    const char *s = "AVATAR Way To";
    assert_int_equal(wp_text_fit(fonts, s, strlen(s), NULL, &regular, 100, &l), 0);
    assert_false(l.cut);
    assert_string_equal(l.text, s);
    wp_text_layout_free(&l);
    assert_int_equal(wp_text_fit(fonts, s, strlen(s), NULL, &regular, 40, &l), 0);
    assert_true(l.cut);
    assert_true(l.max_width <= 40);
    assert_string_equal(l.text + l.cut_at, "…");
    assert_true(l.cut_at > 0);
    /* Longest: one more character would not fit. */
    char longer[64];
    snprintf(longer, sizeof(longer), "%.*s…", (int)l.cut_at + 1, s);
    assert_true(wp_text_measure(fonts, longer, strlen(longer), NULL, &regular) > 40);
    wp_text_layout_free(&l);
    /* Thai: cut only at a grapheme boundary (never between ง and its tone mark). */
    const char *th = "ง่ายง่ายง่ายง่ายง่ายง่าย";
    size_t gb[64];
    size_t ng = icu_breaks(th, "th", UBRK_CHARACTER, gb);
    for (double w = 8; w < 40; w += 1.5) {
        assert_int_equal(wp_text_fit(fonts, th, strlen(th), "th", &regular, w, &l), 0);
        assert_true(l.cut);
        assert_true(among(l.cut_at, gb, ng));
        assert_true(l.max_width <= w || l.cut_at == 0);
        wp_text_layout_free(&l);
    }
    /* Burmese: ICU sees ပြီ|း as two graphemes; HarfBuzz shapes one syllable: never cut. */
    const char *my = "ပြီးပြီးပြီးပြီး";
    for (double w = 10; w < 50; w += 2) {
        assert_int_equal(wp_text_fit(fonts, my, strlen(my), "my", &regular, w, &l), 0);
        assert_int_equal(l.cut_at % strlen("ပြီး"), 0);
        wp_text_layout_free(&l);
    }
    /* Empty text: one empty line; a "\n" cuts. */
    assert_int_equal(wp_text_fit(fonts, "", 0, NULL, &regular, 10, &l), 0);
    assert_false(l.cut);
    assert_int_equal(l.n_lines, 1);
    assert_int_equal(l.lines[0].n_runs, 0);
    wp_text_layout_free(&l);
    assert_int_equal(wp_text_fit(fonts, "a\nb", 3, NULL, &regular, 100, &l), 0);
    assert_true(l.cut);
    assert_string_equal(l.text, "a…");
    wp_text_layout_free(&l);
}

static void test_missing_is_reported_and_boxed(void **state)
{
    (void)state;
    /* U+E000 (private use) and U+11F04 (Kawi, Unicode 15): no installed font has them. */
    const char *s = "a\xEE\x80\x80 b\xF0\x91\xBC\x84";
    struct wp_text_layout l;
    lay(s, NULL, 0, &l);
    assert_int_equal(l.n_missing, 2);
    assert_int_equal(l.missing[0].cp, 0xE000);
    assert_int_equal(l.missing[0].offset, 1);
    assert_null(l.missing[0].package);
    assert_int_equal(l.missing[1].cp, 0x11F04);
    assert_int_equal(l.missing[1].offset, 6);
    size_t boxes = 0;
    for (size_t r = 0; r < l.lines[0].n_runs; r++) {
        const struct wp_text_run *run = &l.lines[0].runs[r];
        for (size_t g = 0; g < run->n_glyphs; g++) {
            if (run->glyphs[g].gid != 0)
                continue;
            /* Drawn with Noto Sans's .notdef: a box with ink and an advance. */
            boxes++;
            assert_string_equal(wp_text_font_family(run->font), "Noto Sans");
            assert_true(run->glyphs[g].x_advance > 0);
            hb_glyph_extents_t ext;
            assert_true(hb_font_get_glyph_extents(wp_text_font_hb_font(run->font), 0, &ext));
            assert_true(ext.width > 0 && ext.height != 0);
        }
    }
    assert_int_equal(boxes, 2);
    wp_text_layout_free(&l);
    /* In a Thai run too, the box is Noto Sans's (Noto Sans Thai's .notdef is not tested). */
    lay("ไทย\xEE\x80\x80", "th", 0, &l);
    assert_int_equal(l.n_missing, 1);
    const struct wp_text_run *last = &l.lines[0].runs[l.lines[0].n_runs - 1];
    assert_int_equal(last->glyphs[last->n_glyphs - 1].gid, 0);
    assert_string_equal(wp_text_font_family(last->font), "Noto Sans");
    wp_text_layout_free(&l);
    /* Adlam is installed (fonts-noto-core): found by coverage, not missing. */
    lay("\xF0\x9E\xA4\x80", NULL, 0, &l);
    assert_int_equal(l.n_missing, 0);
    assert_string_equal(wp_text_font_family(l.lines[0].runs[0].font), "Noto Sans Adlam");
    assert_int_not_equal(l.lines[0].runs[0].glyphs[0].gid, 0);
    wp_text_layout_free(&l);
}

static void test_controls_are_spaces(void **state)
{
    (void)state;
    /* A tab is no glyph of any font: drawn as a space, never as the missing box. */
    struct wp_text_layout l;
    lay("a\tb", NULL, 0, &l);
    const struct wp_text_run *run = &l.lines[0].runs[0];
    hb_codepoint_t space = 0;
    assert_true(hb_font_get_nominal_glyph(wp_text_font_hb_font(run->font), ' ', &space));
    assert_int_equal(run->n_glyphs, 3);
    assert_int_equal(run->glyphs[1].gid, space);
    assert_int_equal(run->glyphs[1].x_advance,
                     hb_font_get_glyph_h_advance(wp_text_font_hb_font(run->font), space));
    assert_int_equal(l.n_missing, 0);
    wp_text_layout_free(&l);
}

static void test_display_width(void **state)
{
    (void)state;
    assert_int_equal(wp_text_display_width("abc", 3), 3);
    assert_int_equal(wp_text_display_width("中文", strlen("中文")), 4);
    assert_int_equal(wp_text_display_width("ひらがな。", strlen("ひらがな。")), 10);
    assert_int_equal(wp_text_display_width("Ａ", strlen("Ａ")), 2);   /* fullwidth */
    assert_int_equal(wp_text_display_width("ｱ", strlen("ｱ")), 1);     /* halfwidth */
    assert_int_equal(wp_text_display_width("e\xCC\x81", 3), 1);       /* combining acute */
    assert_int_equal(wp_text_display_width("a\xE2\x80\x8D b", 6), 3); /* ZWJ */
    assert_int_equal(wp_text_display_width("ง่าย", strlen("ง่าย")), 3); /* tone mark */
    assert_int_equal(wp_text_display_width("한국어", strlen("한국어")), 6);
}

static void test_subset_truetype_and_cff(void **state)
{
    (void)state;
    struct wp_text_layout l;
    lay("AVATAR 中文", "zh", 0, &l);
    struct wp_text_font *latin = l.lines[0].runs[0].font, *cjk = l.lines[0].runs[1].font;
    assert_false(wp_text_font_is_cff(latin));
    assert_true(wp_text_font_is_cff(cjk));
    assert_string_equal(wp_text_font_psname(cjk), "NotoSansCJKsc-Regular");
    assert_true(strstr(wp_text_font_path(cjk), ".ttc") != NULL);
    struct wp_text_metrics m;
    wp_text_font_metrics(latin, &m);
    assert_int_equal(m.upem, 1000);
    assert_true(m.ascent > 700 && m.descent < -200 && m.cap_height > 600);
    assert_true(m.bbox[2] > m.bbox[0] && m.bbox[3] > m.bbox[1]);
    unsigned char *data;
    size_t len;
    assert_int_equal(wp_text_font_subset(latin, false, &data, &len), 0);
    hb_blob_t *blob =
        hb_blob_create((const char *)data, (unsigned)len, HB_MEMORY_MODE_READONLY, NULL, NULL);
    hb_face_t *face = hb_face_create(blob, 0);
    uint32_t a = l.lines[0].runs[0].glyphs[0].gid;
    assert_true(hb_face_get_glyph_count(face) > a); /* glyph ids kept */
    hb_font_t *font = hb_font_create(face);
    /* Glyph ids kept: each glyph used is the same outline at the same id. */
    const struct wp_text_glyph_use *uses;
    size_t n = wp_text_font_glyphs(latin, &uses);
    assert_true(n > 5);
    assert_true(hb_face_get_glyph_count(face) > uses[n - 1].gid); /* + composites' parts */
    for (size_t i = 0; i < n; i++) {
        hb_glyph_extents_t want, got;
        assert_true(hb_font_get_glyph_extents(wp_text_font_hb_font(latin), uses[i].gid, &want));
        assert_true(hb_font_get_glyph_extents(font, uses[i].gid, &got));
        assert_memory_equal(&want, &got, sizeof(want));
    }
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    free(data);
    assert_int_equal(wp_text_font_subset(cjk, false, &data, &len), 0);
    assert_memory_equal(data, "OTTO", 4);
    free(data);
    assert_int_equal(wp_text_font_subset(cjk, true, &data, &len), 0);
    assert_int_equal(data[0], 1); /* CFF major version 1 */
    assert_true(len < 200000);
    free(data);
    wp_text_layout_free(&l);
}

static void test_same_fonts_every_time(void **state)
{
    (void)state;
    const char *s = "Año ภาษา ພາສາ ភាសា ပြီး بهاس 中文 தமிழ் Tiếng";
    struct wp_text_layout a, b;
    lay(s, NULL, 80, &a);
    struct wp_text_fonts *other = wp_text_fonts_create();
    assert_int_equal(wp_text_layout(other, s, strlen(s), NULL, &regular, 80, &b), 0);
    assert_int_equal(a.n_lines, b.n_lines);
    for (size_t i = 0; i < a.n_lines; i++) {
        assert_int_equal(a.lines[i].n_runs, b.lines[i].n_runs);
        for (size_t r = 0; r < a.lines[i].n_runs; r++) {
            const struct wp_text_run *x = &a.lines[i].runs[r], *y = &b.lines[i].runs[r];
            assert_string_equal(wp_text_font_path(x->font), wp_text_font_path(y->font));
            assert_int_equal(x->n_glyphs, y->n_glyphs);
            assert_memory_equal(x->glyphs, y->glyphs, x->n_glyphs * sizeof(*x->glyphs));
        }
    }
    wp_text_layout_free(&b);
    wp_text_fonts_free(other);
    wp_text_layout_free(&a);
}

static void test_bold(void **state)
{
    (void)state;
    const struct wp_text_style bold = {10, true};
    struct wp_text_layout l;
    const char *s = "Bold ภาษา";
    assert_int_equal(wp_text_layout(fonts, s, strlen(s), NULL, &bold, 0, &l), 0);
    for (size_t r = 0; r < l.lines[0].n_runs; r++)
        assert_true(wp_text_font_is_bold(l.lines[0].runs[r].font));
    wp_text_layout_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english_kerned),
        cmocka_unit_test(test_spanish),
        cmocka_unit_test(test_thai),
        cmocka_unit_test(test_lao),
        cmocka_unit_test(test_khmer),
        cmocka_unit_test(test_burmese),
        cmocka_unit_test(test_tamil),
        cmocka_unit_test(test_vietnamese_nfc_nfd),
        cmocka_unit_test(test_jawi_rtl_joined),
        cmocka_unit_test(test_bidi_runs_in_visual_order),
        cmocka_unit_test(test_chinese_japanese),
        cmocka_unit_test(test_common_joins_neighbours),
        cmocka_unit_test(test_thai_breaks_between_words),
        cmocka_unit_test(test_lao_khmer_burmese_break),
        cmocka_unit_test(test_cjk_punctuation_rules),
        cmocka_unit_test(test_forced_breaks_and_hanging_spaces),
        cmocka_unit_test(test_wrapped_lines_are_harfbuzz),
        cmocka_unit_test(test_kept_layout_is_a_copy),
        cmocka_unit_test(test_long_word_cut_at_graphemes),
        cmocka_unit_test(test_fit_with_ellipsis),
        cmocka_unit_test(test_missing_is_reported_and_boxed),
        cmocka_unit_test(test_controls_are_spaces),
        cmocka_unit_test(test_display_width),
        cmocka_unit_test(test_subset_truetype_and_cff),
        cmocka_unit_test(test_same_fonts_every_time),
        cmocka_unit_test(test_bold),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
