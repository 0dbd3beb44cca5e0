#include "support.h"
#include "util/util.h"

static void test_tokens(void **state)
{
    (void)state;
    static const struct {
        const char *token;
        int ok;
        struct wp_date first, last;
    } rows[] = {
        {"2022", 1, {2022, 1, 1}, {2022, 12, 31}},
        {"2022-H1", 1, {2022, 1, 1}, {2022, 6, 30}},
        {"2022-H2", 1, {2022, 7, 1}, {2022, 12, 31}},
        {"2022-Q1", 1, {2022, 1, 1}, {2022, 3, 31}},
        {"2022-Q4", 1, {2022, 10, 1}, {2022, 12, 31}},
        {"2024-02", 1, {2024, 2, 1}, {2024, 2, 29}},
        {"2023-02", 1, {2023, 2, 1}, {2023, 2, 28}},
        {"2024-02-29", 1, {2024, 2, 29}, {2024, 2, 29}},
        {"1900-02-29", 0, {0}, {0}},
        {"2000-02-29", 1, {2000, 2, 29}, {2000, 2, 29}},
        {"2022-Q0", 0, {0}, {0}},
        {"2022-Q5", 0, {0}, {0}},
        {"2022-H3", 0, {0}, {0}},
        {"2022-00", 0, {0}, {0}},
        {"2022-13", 0, {0}, {0}},
        {"2022-1", 0, {0}, {0}},
        {"22", 0, {0}, {0}},
        {"0000", 0, {0}, {0}},
        {"2022-04-31", 0, {0}, {0}},
        {"2022-q1", 0, {0}, {0}},
        {"2022 ", 0, {0}, {0}},
        {"", 0, {0}, {0}},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        struct wp_period p = {0};
        int rc = wp_period_parse(rows[i].token, &p);
        if ((rc == 0) != rows[i].ok)
            fail_msg("token '%s': parse %d", rows[i].token, rc);
        if (!rows[i].ok)
            continue;
        assert_int_equal(wp_date_cmp(wp_period_first_day(&p), rows[i].first), 0);
        assert_int_equal(wp_date_cmp(wp_period_last_day(&p), rows[i].last), 0);
    }
}

static void test_serial_round_trip(void **state)
{
    (void)state;
    assert_int_equal(wp_date_serial((struct wp_date){1970, 1, 1}), 0);
    assert_int_equal(wp_date_serial((struct wp_date){2021, 11, 24}), 18955);
    for (int64_t d = -800000; d < 800000; d += 997) {
        struct wp_date x = wp_date_from_serial(d);
        assert_true(wp_date_is_valid(x) || x.year < 1);
        assert_int_equal(wp_date_serial(x), d);
    }
    char iso[11];
    wp_date_iso((struct wp_date){2025, 3, 7}, iso);
    assert_string_equal(iso, "2025-03-07");
    assert_int_equal(wp_date_quarter_index(2021, (struct wp_date){2022, 5, 1}), 5);
}

static void test_build_time(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l,
                 "format: workplan/1\n"
                 "plan: {id: p, title: T, parties: [AA], period: {from: 2021, to: 2025},"
                 " version: '1', adopted: 2021-11-24}\n"
                 "parties: {AA: {name: A, members: [CL]}}\n"
                 "countries: {CL: Chile}\n"
                 "areas: [{id: AR, title: A}]\n",
                 "format: workplan-progress/1\nplan: p\nupdates: []\n");
    time_t t;
    assert_int_equal(wp_build_time(l.plan, l.progress, NULL, &t), WP_OK);
    assert_int_equal(t, 18955 * 86400LL);
    assert_int_equal(wp_build_time(l.plan, l.progress, "1700000000", &t), WP_OK);
    assert_int_equal(t, 1700000000);
    assert_int_equal(wp_build_time(l.plan, l.progress, "soon", &t), WP_ERR_ARGUMENT);
    assert_int_equal(wp_build_time(l.plan, l.progress, "-5", &t), WP_ERR_ARGUMENT);
    struct wp_date d = wp_date_from_time(1700000000);
    assert_int_equal(d.year, 2023);
    assert_int_equal(d.month, 11);
    assert_int_equal(d.day, 14);
    loaded_release(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_serial_round_trip),
        cmocka_unit_test(test_build_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
