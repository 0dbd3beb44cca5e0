#include <stdio.h>
#include <string.h>

#include "support.h"

static const char plan_yaml[] =
    "format: workplan/1\n"
    "plan: {id: p, title: T, parties: [AA], period: {from: 2021, to: 2025}, version: '1',"
    " languages: [en, es]}\n"
    "parties: {AA: {name: A, members: [CL, PE]}}\n"
    "countries: {CL: Chile, PE: Peru}\n"
    "areas:\n"
    "  - id: AR\n"
    "    title: A\n"
    "    activities:\n"
    "      - {id: AR-1, title: X, lead: [AA], start: 2021, end: 2025, status: ongoing,"
    " progress: 10}\n"
    "      - {id: AR-2, title: Y, lead: [CL], start: 2021, end: 2022}\n";

static void test_latest_update_wins_field_by_field(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, plan_yaml,
                 "format: workplan-progress/1\n"
                 "plan: p\n"
                 "updates:\n"
                 "  - {activity: AR-1, date: 2023-06-30, status: delayed, progress: 40,"
                 " note: {en: Late, es: Tarde}, reported_by: PE}\n"
                 "  - {activity: AR-1, date: 2022-01-01, status: completed, progress: 90,"
                 " note: Old}\n"
                 "  - {activity: AR-1, date: 2024-02-01, progress: 55}\n"
                 "  - {activity: AR-1, date: 2024-02-01, progress: 60, reported_by: CL}\n");
    assert_int_equal(l.diags.n_errors, 0);
    const struct wp_activity *a = wp_plan_find_activity(l.plan, "AR-1");
    /* status from 2023-06-30 (the 2024 updates omit it), progress from the later tie entry */
    assert_int_equal(a->current.status, WP_STATUS_DELAYED);
    assert_int_equal(a->current.progress, 60);
    assert_string_equal(wp_text_get(l.plan, &a->current.note, "es"), "Tarde");
    assert_int_equal(a->current.note_date.year, 2023);
    assert_int_equal(a->current.updated.year, 2024);
    assert_string_equal(a->current.reported_by, "CL");
    assert_int_equal(a->current.n_updates, 4);
    /* the plan's own values are kept beside the current state */
    assert_int_equal(a->status, WP_STATUS_ONGOING);
    assert_int_equal(a->progress, 10);
    const struct wp_activity *b = wp_plan_find_activity(l.plan, "AR-2");
    assert_int_equal(b->current.status, WP_STATUS_PLANNED);
    assert_int_equal(b->current.n_updates, 0);
    loaded_release(&l);
}

static void test_overdue_relative_to_newest_report(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, plan_yaml,
                 "format: workplan-progress/1\nplan: p\nupdates:\n"
                 "  - {activity: AR-1, date: 2023-03-01, progress: 20}\n");
    /* AR-2 ended 2022-12-31 and is still planned on 2023-03-01 */
    assert_diag_at(&l.diags, WP_DIAG_OVERDUE_PLANNED, 10, 60);
    assert_int_equal(l.diags.n_errors, 0);
    loaded_release(&l);
}

static void test_progress_file_rules(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, plan_yaml,
                 "format: workplan-progress/1\n" /* 1 */
                 "plan: p\n"                     /* 2 */
                 "updates:\n"                    /* 3 */
                 "  - activity: AR-9\n"          /* 4 */
                 "    date: 2023-02-30\n"        /* 5 */
                 "  - activity: AR-1\n"          /* 6 */
                 "    date: 2023-02-01\n"        /* 7 */
                 "    status: finished\n"        /* 8 */
                 "    reported_by: XX\n"         /* 9 */
                 "    note: {en: a, fr: b}\n"    /* 10 */
                 "  - activity: AR-1\n"          /* 11 */
                 "    progress: 101\n"           /* 12 */
                 "    when: today\n");           /* 13 */
    assert_diag_at(&l.diags, WP_DIAG_UNDECLARED, 4, 15);
    assert_diag_at(&l.diags, WP_DIAG_MALFORMED, 5, 11);
    assert_diag_at(&l.diags, WP_DIAG_VALUE, 8, 13);
    assert_diag_at(&l.diags, WP_DIAG_UNDECLARED, 9, 18);
    assert_diag_at(&l.diags, WP_DIAG_UNDECLARED, 10, 19);
    assert_diag_at(&l.diags, WP_DIAG_MISSING_KEY, 11, 5);
    assert_diag_at(&l.diags, WP_DIAG_VALUE, 12, 15);
    assert_diag_at(&l.diags, WP_DIAG_UNKNOWN_KEY, 13, 5);
    loaded_release(&l);
}

/* Another plan's progress file gets one error, not one per update. */
static void test_progress_for_another_plan(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, plan_yaml,
                 "format: workplan-progress/1\nplan: q\nupdates:\n"
                 "  - {activity: ZZ-1, date: 2023-01-01, reported_by: XX}\n");
    assert_diag_at(&l.diags, WP_DIAG_PLAN_MISMATCH, 2, 7);
    const struct wp_diag *d = find_diag(&l.diags, WP_DIAG_PLAN_MISMATCH);
    assert_string_equal(d->file, "progress.yaml");
    assert_string_equal(d->message, "progress file is for plan 'q', not 'p'");
    assert_null(find_diag(&l.diags, WP_DIAG_UNDECLARED));
    assert_int_equal(l.diags.n_errors, 1);
    loaded_release(&l);
}

static void test_plan_given_as_progress(void **state)
{
    (void)state;
    struct wp_diags d;
    wp_diags_init(&d);
    struct wp_progress *p = NULL;
    assert_int_equal(wp_progress_load_buffer("x", plan_yaml, strlen(plan_yaml), NULL, &p, &d),
                     WP_OK);
    assert_diag_at(&d, WP_DIAG_FORMAT, 1, 9);
    wp_progress_free(p);
    wp_diags_release(&d);
}

static const char results_plan[] =
    "format: workplan/1\n"
    "plan: {id: p, title: T, parties: [AA], period: {from: 2021, to: 2025}, version: '1'}\n"
    "parties: {AA: {name: A, members: [CL, PE]}}\n"
    "countries: {CL: Chile, PE: Peru}\n"
    "areas:\n"
    "  - id: AR\n"
    "    title: A\n"
    "    activities:\n"
    "      - id: AR-1\n"
    "        title: X\n"
    "        lead: [AA]\n"
    "        start: 2022\n"
    "        end: 2023\n"
    "        indicators:\n"
    "          - Text stays text\n"
    "          - {id: TRAINED, text: Trained, target: 120}\n"
    "          - {id: DAYS, text: Days, baseline: 10, target: 2, by: 2022-Q4}\n"
    "      - {id: AR-2, title: Y, lead: [CL], start: 2021, end: 2022}\n";

static void test_indicator_values_latest_wins(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, results_plan,
                 "format: workplan-progress/1\nplan: p\nupdates:\n"
                 "  - {activity: AR-1, date: 2023-06-30, indicators: {TRAINED: 30}}\n"
                 "  - {activity: AR-1, date: 2024-02-01, indicators: {TRAINED: 45}, progress: 5}\n"
                 "  - {activity: AR-1, date: 2024-02-01, indicators: {TRAINED: 50.5}}\n"
                 "  - {activity: AR-1, date: 2022-01-01, indicators: {TRAINED: 99, DAYS: 6}}\n");
    if (l.diags.n_errors)
        dump_diags(&l.diags);
    assert_int_equal(l.diags.n_errors, 0);
    const struct wp_activity *a = wp_plan_find_activity(l.plan, "AR-1");
    assert_int_equal(a->indicators.n, 1);
    assert_int_equal(a->n_measured, 2);
    const struct wp_indicator *t = wp_activity_find_indicator(a, "TRAINED");
    const struct wp_indicator *d = wp_activity_find_indicator(a, "DAYS");
    assert_non_null(t);
    assert_non_null(d);
    /* the later entry of the same date wins; an older update never overrides */
    assert_true(t->has_value);
    assert_true(t->value == 50.5);
    assert_int_equal(t->value_date.year, 2024);
    assert_false(t->lower_is_better);
    assert_int_equal(t->by.year, 2023); /* the activity's end by default */
    assert_false(t->by_given);
    /* an update that reports only one indicator leaves the other's value */
    assert_true(d->has_value);
    assert_true(d->value == 6);
    assert_true(d->lower_is_better);
    assert_true(wp_indicator_share(d) == 0.5);
    assert_false(wp_indicator_reached(d));
    /* the other fields keep their own rule */
    assert_int_equal(a->current.progress, 5);
    loaded_release(&l);

    /* without a report there is no value, not the baseline */
    load_strings(&l, results_plan, NULL);
    t = wp_activity_find_indicator(wp_plan_find_activity(l.plan, "AR-1"), "TRAINED");
    assert_false(t->has_value);
    assert_false(wp_indicator_on_track(t, (struct wp_date){2030, 1, 1}));
    loaded_release(&l);
}

/* Numbers as written, read exactly: the loader's own reading, not strtod's. */
static void test_indicator_number_forms(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        double value;
    } forms[] = {
        {"45", 45},
        {"+7", 7},
        {"-3.25", -3.25},
        {"0.05", 0.05},
        {"100.5", 100.5},
        {"12.500", 12.5},
        {".5", 0.5},
        {"5.", 5},
        {"1.5e3", 1500},
        {"2E-2", 0.02},
        {"1000000000000000", 1e15},
        {"123456789012345", 123456789012345.0},
        {"0.000000000000000000000000000001", 1e-30},
    };
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        char progress[256];
        snprintf(progress, sizeof(progress),
                 "format: workplan-progress/1\nplan: p\nupdates:\n"
                 "  - {activity: AR-1, date: 2022-07-01, indicators: {TRAINED: %s}}\n",
                 forms[i].text);
        struct loaded l;
        load_strings(&l, results_plan, progress);
        const struct wp_indicator *t =
            wp_activity_find_indicator(wp_plan_find_activity(l.plan, "AR-1"), "TRAINED");
        if (l.diags.n_errors || !t->has_value || t->value != forms[i].value) {
            fprintf(stderr, "'%s' read as %.17g\n", forms[i].text, t->value);
            dump_diags(&l.diags);
        }
        assert_int_equal(l.diags.n_errors, 0);
        assert_true(t->value == forms[i].value);
        loaded_release(&l);
    }
}

static void test_indicator_on_track(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, results_plan,
                 "format: workplan-progress/1\nplan: p\nupdates:\n"
                 "  - {activity: AR-1, date: 2022-07-01, indicators: {TRAINED: 30, DAYS: 2}}\n");
    const struct wp_activity *a = wp_plan_find_activity(l.plan, "AR-1");
    const struct wp_indicator *t = wp_activity_find_indicator(a, "TRAINED");
    const struct wp_indicator *d = wp_activity_find_indicator(a, "DAYS");
    /* TRAINED runs 2022-01-01..2023-12-31; at the start nothing is expected yet */
    assert_true(wp_indicator_expected_share(t, (struct wp_date){2021, 6, 1}) == 0);
    assert_true(wp_indicator_expected_share(t, (struct wp_date){2024, 6, 1}) == 1);
    double half = wp_indicator_expected_share(t, (struct wp_date){2022, 12, 31});
    assert_true(half > 0.49 && half < 0.51);
    /* 30 of 120 is a quarter: on track in March 2022, behind at the end of 2022 */
    assert_true(wp_indicator_on_track(t, (struct wp_date){2022, 3, 1}));
    assert_false(wp_indicator_on_track(t, (struct wp_date){2022, 12, 31}));
    /* DAYS reached its lower-is-better target: reached and on track, whatever the date */
    assert_true(wp_indicator_reached(d));
    assert_true(wp_indicator_share(d) == 1);
    assert_true(wp_indicator_on_track(d, (struct wp_date){2025, 1, 1}));
    loaded_release(&l);
}

static void test_indicator_report_rules(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, results_plan,
                 "format: workplan-progress/1\n"
                 "plan: p\n"
                 "updates:\n"
                 "  - activity: AR-1\n"
                 "    date: 2023-01-01\n"
                 "    indicators:\n"
                 "      TRAINED: 1\n"
                 "      NOPE: 3\n"
                 "      DAYS: '4'\n"
                 "  - activity: AR-2\n"
                 "    date: 2023-01-01\n"
                 "    indicators: {TRAINED: 1, DAYS: .inf}\n"
                 "  - activity: AR-1\n"
                 "    date: 2023-01-02\n"
                 "    indicators: [TRAINED, 5]\n"
                 "  - activity: AR-1\n"
                 "    date: 2023-01-03\n"
                 "    indicators: {bad-id: 5, DAYS: 1234567890123456}\n");
    assert_diag_at(&l.diags, WP_DIAG_UNDECLARED, 8, 7);   /* NOPE */
    assert_diag_at(&l.diags, WP_DIAG_TYPE, 9, 13);        /* '4' */
    assert_diag_at(&l.diags, WP_DIAG_UNDECLARED, 12, 18); /* AR-2 has none */
    assert_diag_at(&l.diags, WP_DIAG_TYPE, 12, 36);       /* .inf */
    assert_diag_at(&l.diags, WP_DIAG_TYPE, 15, 17);       /* a list */
    assert_diag_at(&l.diags, WP_DIAG_MALFORMED, 18, 18);  /* bad-id */
    assert_diag_at(&l.diags, WP_DIAG_VALUE, 18, 35);      /* 16 digits */
    assert_int_equal(l.diags.n_errors, 7);
    /* TRAINED: 1 on 2023-01-01 was good and is taken */
    const struct wp_indicator *t =
        wp_activity_find_indicator(wp_plan_find_activity(l.plan, "AR-1"), "TRAINED");
    assert_true(t->has_value && t->value == 1);
    loaded_release(&l);
}

static void test_events(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, results_plan,
                 "format: workplan-progress/1\nplan: p\n"
                 "updates:\n"
                 "  - {activity: AR-1, date: 2023-01-01, progress: 10}\n"
                 "events:\n"
                 "  - {date: 2024-09-25, title: Third, activities: [AR-1]}\n"
                 "  - {date: 2022-08-16, title: First, note: {en: N}, link: 'https://x.org/a'}\n"
                 "  - {date: 2024-09-25, title: Fourth, activities: [AR-2, AR-1]}\n"
                 "  - {date: 2023-01-01, title: Second}\n");
    if (l.diags.n_errors)
        dump_diags(&l.diags);
    assert_int_equal(l.diags.n_errors, 0);
    assert_int_equal(l.plan->n_events, 4);
    assert_string_equal(wp_text_get(l.plan, &l.plan->events[0].title, NULL), "First");
    assert_string_equal(wp_text_get(l.plan, &l.plan->events[1].title, NULL), "Second");
    assert_string_equal(wp_text_get(l.plan, &l.plan->events[2].title, NULL), "Third");
    assert_string_equal(wp_text_get(l.plan, &l.plan->events[3].title, NULL), "Fourth");
    assert_string_equal(l.plan->events[0].link, "https://x.org/a");
    const struct wp_activity *a = wp_plan_find_activity(l.plan, "AR-1");
    assert_int_equal(a->n_events, 2);
    assert_ptr_equal(a->events[0], &l.plan->events[2]);
    assert_ptr_equal(a->events[1], &l.plan->events[3]);
    assert_int_equal(wp_plan_find_activity(l.plan, "AR-2")->n_events, 1);
    /* events change no activity's state, but their dates count towards the build date */
    assert_int_equal(a->current.progress, 10);
    struct wp_date newest = wp_progress_newest_date(l.progress);
    assert_int_equal(newest.year, 2024);
    assert_int_equal(newest.month, 9);
    time_t t;
    assert_int_equal(wp_build_time(l.plan, l.progress, NULL, &t), WP_OK);
    struct wp_date built = wp_date_from_time(t);
    assert_int_equal(wp_date_cmp(built, (struct wp_date){2024, 9, 25}), 0);
    loaded_release(&l);

    /* a file may record only events */
    load_strings(&l, results_plan,
                 "format: workplan-progress/1\nplan: p\n"
                 "events:\n  - {date: 2022-08-16, title: Review}\n");
    assert_int_equal(l.diags.n_errors, 0);
    assert_int_equal(l.plan->n_events, 1);
    a = wp_plan_find_activity(l.plan, "AR-1");
    /* applying nothing clears them */
    wp_progress_apply(l.plan, NULL);
    assert_int_equal(l.plan->n_events, 0);
    assert_int_equal(a->n_events, 0);
    loaded_release(&l);
}

static void test_event_rules(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, results_plan,
                 "format: workplan-progress/1\n"
                 "plan: p\n"
                 "updates: []\n"
                 "events:\n"
                 "  - title: No date\n"
                 "  - date: 2024-01-01\n"
                 "    note: No title\n"
                 "  - date: 2024-01-01\n"
                 "    title: T\n"
                 "    activities: [AR-1, AR-9]\n"
                 "    link: www.example.org\n"
                 "  - {date: 2024-13-01, title: {en: T, fr: T}, place: Lima}\n");
    assert_diag_at(&l.diags, WP_DIAG_MISSING_KEY, 5, 5);   /* no date */
    assert_diag_at(&l.diags, WP_DIAG_MISSING_KEY, 6, 5);   /* no title */
    assert_diag_at(&l.diags, WP_DIAG_UNDECLARED, 10, 24);  /* AR-9 */
    assert_diag_at(&l.diags, WP_DIAG_MALFORMED, 11, 11);   /* link */
    assert_diag_at(&l.diags, WP_DIAG_MALFORMED, 12, 12);   /* 2024-13-01 */
    assert_diag_at(&l.diags, WP_DIAG_UNDECLARED, 12, 39);  /* fr */
    assert_diag_at(&l.diags, WP_DIAG_UNKNOWN_KEY, 12, 47); /* place */
    assert_int_equal(l.diags.n_errors, 7);
    loaded_release(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_latest_update_wins_field_by_field),
        cmocka_unit_test(test_overdue_relative_to_newest_report),
        cmocka_unit_test(test_progress_file_rules),
        cmocka_unit_test(test_progress_for_another_plan),
        cmocka_unit_test(test_plan_given_as_progress),
        cmocka_unit_test(test_indicator_values_latest_wins),
        cmocka_unit_test(test_indicator_number_forms),
        cmocka_unit_test(test_indicator_on_track),
        cmocka_unit_test(test_indicator_report_rules),
        cmocka_unit_test(test_events),
        cmocka_unit_test(test_event_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
