/* The PDF fonts: Noto Sans found, measured exactly, uncovered characters reported. */
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
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    wp_diags_init(&f->diags);
    if (wp_pdf_fonts_open(&f->fonts, &f->diags, "plan.yaml") != WP_OK)
        return -1;
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

static void test_found_and_measured(void **state)
{
    struct fixture *f = *state;
    assert_non_null(strstr(f->fonts.f[PDF_REGULAR].path, "NotoSans-Regular."));
    assert_non_null(strstr(f->fonts.f[PDF_BOLD].path, "NotoSans-Bold."));
    struct pdf_measure *m = &f->fonts.f[PDF_REGULAR].measure;
    /* Noto Sans Regular advances, 1/1000 em: space 260, 'a' 561 */
    assert_int_equal(wp_pdf_measure_cp(m, ' '), 260);
    assert_int_equal(wp_pdf_measure_cp(m, 'a'), 561);
    /* a Vietnamese letter is covered and recorded as used */
    assert_true(wp_pdf_measure_cp(m, 0x1EB5) > 0);
    assert_true(hb_set_has(f->fonts.f[PDF_REGULAR].used, 0x1EB5));
    assert_false(hb_set_has(f->fonts.f[PDF_BOLD].used, 0x1EB5));
    assert_int_equal(f->diags.n, 0);
}

static void test_uncovered_characters_warn_once(void **state)
{
    struct fixture *f = *state;
    f->fonts.where_what = "activity";
    f->fonts.where_id = "ECO-01";
    f->fonts.where_field = "title";
    f->fonts.where_pos = (struct wp_pos){12, 16};
    /* U+4E2D is in no font of ours; U+1F33E is outside the BMP */
    const char *s = "a \xe4\xb8\xad b \xf0\x9f\x8c\xbe \xe4\xb8\xad";
    wp_pdf_measure_units(&f->fonts.f[PDF_REGULAR].measure, s, strlen(s));
    wp_pdf_measure_units(&f->fonts.f[PDF_BOLD].measure, s, strlen(s));
    assert_int_equal(f->diags.n, 2);
    assert_int_equal(f->diags.n_warnings, 2);
    const struct wp_diag *d = &f->diags.items[0];
    assert_int_equal(d->code, WP_DIAG_GLYPH_MISSING);
    assert_int_equal(d->pos.line, 12);
    assert_int_equal(d->pos.col, 16);
    assert_string_equal(d->message, "character U+4E2D '\xe4\xb8\xad' is not in font 'Noto "
                                    "Sans:style=Regular' nor in its symbol fallbacks and will "
                                    "not print (activity 'ECO-01', title)");
    assert_non_null(strstr(f->diags.items[1].message, "U+1F33E"));
    assert_non_null(strstr(f->diags.items[1].message, "Basic Multilingual Plane"));
}

/* What Noto Sans lacks but a symbol font has is measured and drawn in that font. */
static void test_symbols_fall_back(void **state)
{
    struct fixture *f = *state;
    const char *s = "\xe2\x89\xa5 50 % \xe2\x86\x92 \xe2\x9c\x93"; /* ≥ 50 % → ✓ */
    long units = wp_pdf_measure_units(&f->fonts.f[PDF_REGULAR].measure, s, strlen(s));
    assert_int_equal(f->diags.n, 0);
    assert_true(units > 0);
    assert_int_equal(wp_pdf_font_for(&f->fonts, PDF_REGULAR, 0x2265), PDF_FALLBACK_MATH);
    assert_int_equal(wp_pdf_font_for(&f->fonts, PDF_REGULAR, 0x2713), PDF_FALLBACK_SYMBOLS2);
    assert_int_equal(wp_pdf_font_for(&f->fonts, PDF_REGULAR, 'a'), PDF_REGULAR);
    assert_int_equal(wp_pdf_font_for(&f->fonts, PDF_BOLD, 0x00E9), PDF_BOLD);
    assert_true(hb_set_has(f->fonts.f[PDF_FALLBACK_MATH].used, 0x2265));
    assert_false(hb_set_has(f->fonts.f[PDF_REGULAR].used, 0x2265));
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
