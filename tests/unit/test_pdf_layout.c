/* Line breaking (through the text engine, real fonts) and pagination of the PDF layout layer. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_layout.h"

static int setup(void **state)
{
    struct pdf_measure *m = calloc(1, sizeof(*m));
    m->fonts = wp_text_fonts_create();
    if (!m->fonts)
        return -1;
    *state = m;
    return 0;
}

static int teardown(void **state)
{
    struct pdf_measure *m = *state;
    wp_text_fonts_free(m->fonts);
    free(m);
    return 0;
}

/* Width in points at size 10. */
static double w(struct pdf_measure *m, const char *s)
{
    return wp_pdf_measure_text(m, 10, s, strlen(s));
}

/* The lines of text broken at max_width points (size 10), joined with '|'. */
static char *broken(struct pdf_measure *m, const char *text, double max_width)
{
    static char buf[1024];
    struct pdf_lines lines = {0};
    wp_pdf_break_lines(m, 10, text, strlen(text), max_width, &lines);
    buf[0] = 0;
    for (size_t i = 0; i < lines.n; i++) {
        if (i)
            strcat(buf, "|");
        strncat(buf, text + lines.items[i].start, lines.items[i].len);
    }
    wp_pdf_lines_release(&lines);
    return buf;
}

static void test_measure_shaped(void **state)
{
    struct pdf_measure *m = *state;
    /* Noto Sans: 'a' is 561/1000 em, a space 260 */
    assert_float_equal(w(m, "a"), 5.61, 1e-9);
    assert_float_equal(w(m, "a a"), 2 * 5.61 + 2.6, 1e-9);
    /* kerning: "AV" is narrower than 'A' and 'V' apart */
    assert_true(w(m, "AV") < w(m, "A") + w(m, "V") - 0.1);
    m->bold = true;
    assert_true(w(m, "a") > 5.61);
}

static void test_break_at_spaces(void **state)
{
    struct pdf_measure *m = *state;
    double two = w(m, "aaa bbb");
    assert_string_equal(broken(m, "aaa bbb ccc ddd", two), "aaa bbb|ccc ddd");
    assert_string_equal(broken(m, "aaa bbb ccc ddd", two + 1), "aaa bbb|ccc ddd");
    assert_string_equal(broken(m, "aaa bbb ccc ddd", two - 0.1), "aaa|bbb ccc|ddd");
    assert_string_equal(broken(m, "aaa bbb ccc ddd", w(m, "ddd") + 0.5), "aaa|bbb|ccc|ddd");
    assert_string_equal(broken(m, "aaa bbb ccc ddd", 1000), "aaa bbb ccc ddd");
    /* several spaces at a break all go */
    assert_string_equal(broken(m, "aaa    bbb", w(m, "bbb") + 0.1), "aaa|bbb");
    /* trailing spaces are dropped */
    assert_string_equal(broken(m, "aaa   ", 100), "aaa");
}

static void test_break_positions_and_widths(void **state)
{
    struct pdf_measure *m = *state;
    struct pdf_lines lines = {0};
    const char *t = "one two three four";
    assert_int_equal(wp_pdf_break_lines(m, 10, t, strlen(t), w(m, "one two") + 0.5, &lines), 3);
    assert_int_equal(lines.items[0].start, 0);
    assert_int_equal(lines.items[0].len, 7);
    assert_float_equal(lines.items[0].width, w(m, "one two"), 1e-4);
    assert_int_equal(lines.items[1].start, 8);
    assert_int_equal(lines.items[1].len, 5);
    assert_int_equal(lines.items[2].start, 14);
    assert_int_equal(lines.items[2].len, 4);
    assert_float_equal(lines.items[2].width, w(m, "four"), 1e-4);
    wp_pdf_lines_release(&lines);
}

static void test_break_after_hyphen_and_slash(void **state)
{
    struct pdf_measure *m = *state;
    assert_string_equal(broken(m, "well-known", w(m, "well-kn")), "well-|known");
    /* ids do not break at their hyphen */
    assert_string_equal(broken(m, "ECO-01, EDU-02", w(m, "ECO-01, ED")), "ECO-01,|EDU-02");
    assert_string_equal(broken(m, "https://example.org/path/to", w(m, "https://example.org/pa")),
                        "https://example.org/|path/to");
}

/* Thai has no spaces between words: ICU's dictionary finds them. */
static void test_thai_breaks_between_words(void **state)
{
    struct pdf_measure *m = *state;
    const char *t = "à¸ à¸²à¸©à¸²à¹à¸"
                    "à¸¢à¸à¹à¸²à¸¢"; /* ภาษาไทยง่าย */
    const char *first = "à¸ à¸²à¸©à¸²à¹à¸"
                        "à¸¢"; /* ภาษาไทย */
    m->lang = "th";
    char want[256];
    snprintf(want, sizeof(want), "%s|%s", first, t + strlen(first));
    assert_string_equal(broken(m, t, w(m, first) + 0.5), want);
    m->lang = NULL;
}

static void test_never_inside_a_grapheme(void **state)
{
    struct pdf_measure *m = *state;
    /* a word longer than the line is cut between graphemes, never before a mark */
    assert_string_equal(broken(m, "aaaaaaaaaa", w(m, "aaaa") + 0.01), "aaaa|aaaa|aa");
    const char *e = "eÌ"; /* e + combining circumflex */
    char t[32], want[32];
    snprintf(t, sizeof(t), "%s%s%s", e, e, e);
    snprintf(want, sizeof(want), "%s|%s|%s", e, e, e);
    assert_string_equal(broken(m, t, w(m, e) + 0.01), want);
    assert_string_equal(broken(m, "Viá»t Nam HÃ  Ná»i", w(m, "Viá»t Nam") + 0.5),
                        "Viá»t Nam|HÃ  Ná»i");
}

static void test_empty_and_newlines(void **state)
{
    struct pdf_measure *m = *state;
    struct pdf_lines lines = {0};
    assert_int_equal(wp_pdf_break_lines(m, 10, "", 0, 10, &lines), 0);
    wp_pdf_lines_release(&lines);
    assert_string_equal(broken(m, "ab\ncd", 100), "ab|cd");
    assert_string_equal(broken(m, "ab\n\ncd", 100), "ab||cd");
    assert_string_equal(broken(m, "ab  \ncd", 100), "ab|cd");
}

/* ---- pagination ---------------------------------------------------------------- */

static struct pdf_item item(float h, float sb, uint32_t flags, int32_t repeat)
{
    return (struct pdf_item){.height = h, .space_before = sb, .flags = flags, .repeat = repeat};
}

static void test_paginate_simple(void **state)
{
    (void)state;
    struct pdf_item it[5];
    for (int i = 0; i < 5; i++)
        it[i] = item(40, 10, 0, -1);
    struct pdf_pagination p = {0};
    wp_pdf_paginate(it, 5, 100, &p);
    /* 40, then 10+40 = 90; the third does not fit */
    assert_int_equal(p.n_pages, 3);
    assert_int_equal(it[0].page, 0);
    assert_true(it[0].y == 0);
    assert_true(it[1].y == 50);
    assert_int_equal(it[2].page, 1);
    assert_true(it[2].y == 0); /* space before dropped at the top */
    assert_int_equal(it[4].page, 2);
    assert_int_equal(p.n_repeats, 0);
    wp_pdf_pagination_release(&p);
}

static void test_paginate_keep_with_next(void **state)
{
    (void)state;
    /* a heading that would sit alone at the foot of page 0 moves to page 1 */
    struct pdf_item it[] = {
        item(70, 0, 0, -1),
        item(15, 5, PDF_KEEP_WITH_NEXT, -1),
        item(20, 0, 0, -1),
    };
    struct pdf_pagination p = {0};
    wp_pdf_paginate(it, 3, 100, &p);
    assert_int_equal(p.n_pages, 2);
    assert_int_equal(it[1].page, 1);
    assert_true(it[1].y == 0);
    assert_int_equal(it[2].page, 1);
    assert_true(it[2].y == 15);
    /* with room for both it stays */
    it[0].height = 60;
    wp_pdf_paginate(it, 3, 100, &p);
    assert_int_equal(p.n_pages, 1);
    assert_int_equal(it[2].page, 0);
    /* a chain longer than a page does not loop: it starts a page and overflows */
    struct pdf_item c[] = {
        item(10, 0, 0, -1),
        item(60, 0, PDF_KEEP_WITH_NEXT, -1),
        item(60, 0, 0, -1),
    };
    wp_pdf_paginate(c, 3, 100, &p);
    assert_int_equal(c[1].page, 1);
    assert_int_equal(c[2].page, 2);
    assert_int_equal(p.n_pages, 3);
    wp_pdf_pagination_release(&p);
}

static void test_paginate_break_before(void **state)
{
    (void)state;
    struct pdf_item it[] = {
        item(10, 0, PDF_BREAK_BEFORE, -1), /* first item: no empty page before it */
        item(10, 0, PDF_BREAK_BEFORE, -1),
        item(10, 0, 0, -1),
        item(10, 0, PDF_BREAK_BEFORE, -1),
    };
    struct pdf_pagination p = {0};
    wp_pdf_paginate(it, 4, 100, &p);
    assert_int_equal(p.n_pages, 3);
    assert_int_equal(it[0].page, 0);
    assert_int_equal(it[1].page, 1);
    assert_int_equal(it[2].page, 1);
    assert_int_equal(it[3].page, 2);
    wp_pdf_pagination_release(&p);
}

static void test_paginate_header_repeat(void **state)
{
    (void)state;
    /* a table: header (kept with the first row) and 10 rows of 20 pt, pages of 100 */
    struct pdf_item it[12];
    it[0] = item(30, 0, 0, -1);
    it[1] = item(20, 10, PDF_KEEP_WITH_NEXT, -1);
    for (int i = 2; i < 12; i++)
        it[i] = item(20, 0, 0, 1);
    struct pdf_pagination p = {0};
    wp_pdf_paginate(it, 12, 100, &p);
    /* page 0: 30 + 10 + 20 (header) + 2 rows (40) = 100 */
    assert_int_equal(it[3].page, 0);
    assert_int_equal(it[4].page, 1);
    /* page 1: repeated header then 4 rows; page 2: header then the last 4 rows */
    assert_int_equal(p.n_repeats, 2);
    assert_int_equal(p.repeats[0].item, 1);
    assert_int_equal(p.repeats[0].page, 1);
    assert_true(p.repeats[0].y == 0);
    assert_true(it[4].y == 20);
    assert_int_equal(it[7].page, 1);
    assert_int_equal(it[8].page, 2);
    assert_int_equal(p.repeats[1].page, 2);
    assert_int_equal(it[11].page, 2);
    assert_true(it[11].y == 80);
    assert_int_equal(p.n_pages, 3);
    wp_pdf_pagination_release(&p);
}

static void test_paginate_many_items_linear(void **state)
{
    (void)state;
    enum { N = 200000 };
    struct pdf_item *it = malloc(N * sizeof(*it));
    for (int i = 0; i < N; i++)
        it[i] = item(10, 0, (i % 10 == 0) ? PDF_KEEP_WITH_NEXT : 0, -1);
    struct pdf_pagination p = {0};
    wp_pdf_paginate(it, N, 700, &p);
    /* 70 items a page, but a heading (every 10th) never ends a page */
    assert_int_equal(it[69].page, 0);
    assert_int_equal(it[70].page, 1);
    assert_true(p.n_pages >= N / 70);
    for (int i = 0; i + 1 < N; i++)
        if (it[i].flags & PDF_KEEP_WITH_NEXT)
            assert_int_equal(it[i].page, it[i + 1].page);
    wp_pdf_pagination_release(&p);
    free(it);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_measure_shaped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thai_breaks_between_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_never_inside_a_grapheme, setup, teardown),
        cmocka_unit_test_setup_teardown(test_break_at_spaces, setup, teardown),
        cmocka_unit_test_setup_teardown(test_break_positions_and_widths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_break_after_hyphen_and_slash, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_and_newlines, setup, teardown),
        cmocka_unit_test(test_paginate_simple),
        cmocka_unit_test(test_paginate_keep_with_next),
        cmocka_unit_test(test_paginate_break_before),
        cmocka_unit_test(test_paginate_header_repeat),
        cmocka_unit_test(test_paginate_many_items_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
