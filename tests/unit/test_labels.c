#include <string.h>

#include "model/labels_internal.h"
#include "support.h"

static void test_every_table_is_complete(void **state)
{
    (void)state;
    assert_true(wp_label_n_languages() >= 2);
    for (size_t i = 0; i < wp_label_n_languages(); i++) {
        const char *lang = wp_label_language(i);
        for (int l = 0; l < WP_L_COUNT; l++) {
            const char *s = wp_label_lookup(lang, (enum wp_label)l);
            if (!s || !*s)
                fail_msg("language '%s' lacks label %d", lang, l);
        }
        for (int s = 0; s < WP_STATUS_COUNT; s++) {
            assert_true(*wp_status_label(lang, (enum wp_status)s));
            assert_true(*wp_status_description(lang, (enum wp_status)s));
        }
        for (int m = 1; m <= 12; m++)
            assert_true(*wp_month_name(lang, m));
        for (int g = 1; g <= 17; g++)
            assert_true(*wp_sdg_name(lang, g));
    }
}

static void test_spanish_is_spanish(void **state)
{
    (void)state;
    assert_string_equal(wp_label("es", WP_L_CONTENTS), "Índice");
    assert_string_equal(wp_label("en", WP_L_CONTENTS), "Contents");
    assert_string_equal(wp_status_label("es", WP_STATUS_ONGOING), "En curso");
    assert_string_equal(wp_sdg_name("es", 5), "Igualdad de género");
    assert_string_equal(wp_sdg_name("en", 17), "Partnerships for the Goals");
    /* a language without a table falls back to English */
    assert_string_equal(wp_label("fr", WP_L_CONTENTS), "Contents");
    assert_false(wp_label_has_language("fr"));
    assert_true(wp_label_has_language("es"));
}

static void test_dates(void **state)
{
    (void)state;
    char buf[64];
    struct wp_date d = {2021, 11, 24};
    wp_format_date(buf, sizeof(buf), "en", d);
    assert_string_equal(buf, "24 November 2021");
    wp_format_date(buf, sizeof(buf), "es", d);
    assert_string_equal(buf, "24 de noviembre de 2021");
}

static void test_periods_in_words(void **state)
{
    (void)state;
    char buf[64];
    struct wp_period a = {0}, b = {0};
    assert_int_equal(wp_period_parse("2022-Q1", &a), 0);
    assert_int_equal(wp_period_parse("2023-Q4", &b), 0);
    wp_format_timeframe(buf, sizeof(buf), "en", &a, &b);
    assert_string_equal(buf, "Q1 2022 – Q4 2023");
    wp_format_timeframe(buf, sizeof(buf), "es", &a, &b);
    assert_string_equal(buf, "T1 2022 – T4 2023");
    wp_period_parse("2024-03", &a);
    wp_format_period(buf, sizeof(buf), "es", &a);
    assert_string_equal(buf, "Marzo de 2024");
    wp_period_parse("2024-H2", &a);
    wp_format_period(buf, sizeof(buf), "en", &a);
    assert_string_equal(buf, "H2 2024");
    wp_period_parse("2025", &a);
    wp_format_timeframe(buf, sizeof(buf), "en", &a, &a);
    assert_string_equal(buf, "2025");
    wp_period_parse("2024-06-25", &a);
    wp_format_period(buf, sizeof(buf), "en", &a);
    assert_string_equal(buf, "25 June 2024");
}

static void test_status_words_people_type(void **state)
{
    (void)state;
    assert_int_equal(wp_status_from_label("En curso"), WP_STATUS_ONGOING);
    assert_int_equal(wp_status_from_label(" completed "), WP_STATUS_COMPLETED);
    assert_int_equal(wp_status_from_label("ONGOING"), WP_STATUS_ONGOING);
    assert_int_equal(wp_status_from_label("Cancelada"), WP_STATUS_CANCELLED);
    assert_int_equal(wp_status_from_label("Hecho"), -1);
    assert_int_equal(wp_status_from_label(""), -1);
    assert_int_equal(wp_status_from_word("Planned"), -1); /* YAML words are exact */
}

static void test_fill(void **state)
{
    (void)state;
    char buf[16];
    const char *args[] = {"3", "12"};
    assert_int_equal(wp_label_fill(buf, sizeof(buf), "Page {1} of {2}", args, 2), 12);
    assert_string_equal(buf, "Page 3 of 12");
    /* truncation keeps a terminated string and reports the wanted length */
    char small[6];
    assert_int_equal(wp_label_fill(small, sizeof(small), "Page {1} of {2}", args, 2), 12);
    assert_string_equal(small, "Page ");
    /* a missing argument is empty, an unknown placeholder stays */
    wp_label_fill(buf, sizeof(buf), "{1}-{3}-{x}", args, 2);
    assert_string_equal(buf, "3--{x}");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_table_is_complete),
        cmocka_unit_test(test_spanish_is_spanish),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_periods_in_words),
        cmocka_unit_test(test_status_words_people_type),
        cmocka_unit_test(test_fill),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
