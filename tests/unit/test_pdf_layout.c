/* Line breaking and pagination of the PDF layout layer, with a fake width table. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_layout.h"

/* Every code point is 100 units (1 pt at size 10) except a few, so positions are easy. */
static int calls;

static int fake_advance(void *ctx, uint32_t cp)
{
    (void)ctx;
    calls++;
    if (cp == 'W')
        return 300;
    return 100;
}

static int setup(void **state)
{
    struct pdf_measure *m = malloc(sizeof(*m));
    wp_pdf_measure_init(m, fake_advance, NULL);
    calls = 0;
    *state = m;
    return 0;
}

static int teardown(void **state)
{
    struct pdf_measure *m = *state;
    wp_pdf_measure_release(m);
    free(m);
    return 0;
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

static void test_measure_caches(void **state)
{
    struct pdf_measure *m = *state;
    assert_int_equal(wp_pdf_measure_units(m, "aaaa", 4), 400);
    assert_int_equal(calls, 1);
    assert_int_equal(wp_pdf_measure_units(m, "aWa", 3), 500);
    assert_int_equal(calls, 2);
    /* "é" is 2 bytes, "ẵ" 3 bytes: one code point each */
    assert_int_equal(wp_pdf_measure_units(m, "é\xe1\xba\xb5", 5), 200);
    assert_true(wp_pdf_measure_text(m, 12, "aa", 2) == 2.4);
}

static void test_break_at_spaces(void **state)
{
    struct pdf_measure *m = *state;
    assert_string_equal(broken(m, "aaa bbb ccc ddd", 7), "aaa bbb|ccc ddd");
    assert_string_equal(broken(m, "aaa bbb ccc ddd", 8), "aaa bbb|ccc ddd");
    assert_string_equal(broken(m, "aaa bbb ccc ddd", 6.9), "aaa|bbb|ccc|ddd");
    assert_string_equal(broken(m, "aaa bbb ccc ddd", 100), "aaa bbb ccc ddd");
    /* several spaces at a break all go */
    assert_string_equal(broken(m, "aaa    bbb", 5), "aaa|bbb");
    /* trailing spaces are dropped */
    assert_string_equal(broken(m, "aaa   ", 10), "aaa");
}

static void test_break_positions_and_widths(void **state)
{
    struct pdf_measure *m = *state;
    struct pdf_lines lines = {0};
    const char *t = "one two three four";
    assert_int_equal(wp_pdf_break_lines(m, 10, t, strlen(t), 9, &lines), 3);
    assert_int_equal(lines.items[0].start, 0);
    assert_int_equal(lines.items[0].len, 7);
    assert_true(lines.items[0].width == 7.0f);
    assert_int_equal(lines.items[1].start, 8);
    assert_int_equal(lines.items[1].len, 5);
    assert_int_equal(lines.items[2].start, 14);
    assert_int_equal(lines.items[2].len, 4);
    assert_true(lines.items[2].width == 4.0f);
    wp_pdf_lines_release(&lines);
}

static void test_break_after_hyphen_and_slash(void **state)
{
    struct pdf_measure *m = *state;
    assert_string_equal(broken(m, "well-known", 6), "well-|known");
    /* ids and year ranges do not break at their hyphen */
    assert_string_equal(broken(m, "ECO-01, EDU-02", 9), "ECO-01,|EDU-02");
    assert_string_equal(broken(m, "2021-2025", 6), "2021-2|025");
    assert_string_equal(broken(m, "https://example.org/path/to", 12),
                        "https://|example.org/|path/to");
    assert_string_equal(broken(m,
                               "2021\xe2\x80\x93"
                               "2025",
                               6),
                        "2021\xe2\x80\x93|2025");
}

static void test_utf8_never_split(void **state)
{
    struct pdf_measure *m = *state;
    /* six 3-byte code points, four per line: the break falls on a boundary */
    const char *t = "\xe1\xba\xb5\xe1\xba\xb5\xe1\xba\xb5\xe1\xba\xb5\xe1\xba\xb5\xe1\xba\xb5";
    struct pdf_lines lines = {0};
    assert_int_equal(wp_pdf_break_lines(m, 10, t, strlen(t), 4, &lines), 2);
    assert_int_equal(lines.items[0].len, 12);
    assert_int_equal(lines.items[1].start, 12);
    assert_int_equal(lines.items[1].len, 6);
    wp_pdf_lines_release(&lines);
    assert_string_equal(broken(m, "Việt Nam Hà Nội Đà Nẵng", 8), "Việt Nam|Hà Nội|Đà Nẵng");
}

static void test_overlong_word(void **state)
{
    struct pdf_measure *m = *state;
    assert_string_equal(broken(m, "abcdefghij", 4), "abcd|efgh|ij");
    assert_string_equal(broken(m, "xy abcdefghij z", 4), "xy|abcd|efgh|ij z");
    /* a code point wider than the line still goes on a line of its own */
    assert_string_equal(broken(m, "WW", 2), "W|W");
}

static void test_empty_and_newlines(void **state)
{
    struct pdf_measure *m = *state;
    struct pdf_lines lines = {0};
    assert_int_equal(wp_pdf_break_lines(m, 10, "", 0, 10, &lines), 0);
    wp_pdf_lines_release(&lines);
    assert_string_equal(broken(m, "ab\ncd", 10), "ab|cd");
    assert_string_equal(broken(m, "ab\n\ncd", 10), "ab||cd");
    assert_string_equal(broken(m, "ab  \ncd", 10), "ab|cd");
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
        cmocka_unit_test_setup_teardown(test_measure_caches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_break_at_spaces, setup, teardown),
        cmocka_unit_test_setup_teardown(test_break_positions_and_widths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_break_after_hyphen_and_slash, setup, teardown),
        cmocka_unit_test_setup_teardown(test_utf8_never_split, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overlong_word, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_and_newlines, setup, teardown),
        cmocka_unit_test(test_paginate_simple),
        cmocka_unit_test(test_paginate_keep_with_next),
        cmocka_unit_test(test_paginate_break_before),
        cmocka_unit_test(test_paginate_header_repeat),
        cmocka_unit_test(test_paginate_many_items_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
