/* The PDF fonts: the text engine's, Noto Sans found, symbols found, uncovered characters warned. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_internal.h"

struct fixture {
    struct wp_diags diags;
    struct pdf_fonts fonts;
    struct pdf_measure m;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    wp_diags_init(&f->diags);
    if (wp_pdf_fonts_open(&f->fonts, &f->diags, "plan.yaml") != WP_OK)
        return -1;
    f->m = (struct pdf_measure){
        .fonts = f->fonts.text, .lang = "en", .missing = wp_pdf_fonts_missing, .ctx = &f->fonts};
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    wp_pdf_fonts_release(&f->fonts);
    wp_diags_release(&f->diags);
    free(f);
    return 0;
}

/* The family of the font each character of s is drawn in, joined with '|'. */
static const char *families(struct fixture *f, const char *s)
{
    static char buf[512];
    struct wp_text_style style = {.size = 10};
    struct wp_text_layout l;
    assert_int_equal(wp_text_layout(f->fonts.text, s, strlen(s), "en", &style, 0, &l), 0);
    buf[0] = 0;
    for (size_t r = 0; r < l.lines[0].n_runs; r++) {
        if (r)
            strcat(buf, "|");
        strcat(buf, wp_text_font_family(l.lines[0].runs[r].font));
    }
    wp_text_layout_free(&l);
    return buf;
}

static void test_found_and_measured(void **state)
{
    struct fixture *f = *state;
    /* Noto Sans Regular advances, 1/1000 em: space 260, 'a' 561 */
    assert_float_equal(wp_pdf_measure_text(&f->m, 10, "a a", 3), 13.82, 1e-9);
    assert_string_equal(families(f, "Vi\xe1\xbb\x87t Nam"), "Noto Sans");
    assert_int_equal(f->diags.n, 0);
}

/* What Noto Sans lacks but a symbol font has is measured and drawn in that font. */
static void test_symbols_fall_back(void **state)
{
    struct fixture *f = *state;
    const char *s = "\xe2\x89\xa5 50 % \xe2\x86\x92 \xe2\x9c\x93"; /* ≥ 50 % → ✓ */
    assert_true(wp_pdf_measure_text(&f->m, 10, s, strlen(s)) > 0);
    assert_int_equal(f->diags.n, 0);
    assert_string_equal(families(f, "\xe2\x89\xa5"), "Noto Sans Math");
    assert_string_equal(families(f, "\xe2\x9c\x93"), "Noto Sans Symbols2");
    assert_string_equal(families(f, "a \xe2\x89\xa0 b"), "Noto Sans|Noto Sans Math|Noto Sans");
}

static void test_uncovered_characters_warn_once(void **state)
{
    struct fixture *f = *state;
    wp_pdf_fonts_where(&f->fonts, "activity", "ECO-01", "title", (struct wp_pos){12, 16});
    /* U+10570 (Vithkuqi) is in no installed font; it is warned about once */
    const char *s = "a \xf0\x90\x95\xb0 b \xf0\x90\x95\xb0";
    assert_true(wp_pdf_measure_text(&f->m, 10, s, strlen(s)) > 0);
    f->m.bold = true;
    wp_pdf_measure_text(&f->m, 10, s, strlen(s));
    assert_int_equal(f->diags.n, 1);
    assert_int_equal(f->diags.n_warnings, 1);
    const struct wp_diag *d = &f->diags.items[0];
    assert_int_equal(d->code, WP_DIAG_GLYPH_MISSING);
    assert_int_equal(d->pos.line, 12);
    assert_int_equal(d->pos.col, 16);
    assert_string_equal(d->message, "character U+10570 '\xf0\x90\x95\xb0' is in no installed font "
                                    "and is drawn as a box (activity 'ECO-01', title)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_found_and_measured, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symbols_fall_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_uncovered_characters_warn_once, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
