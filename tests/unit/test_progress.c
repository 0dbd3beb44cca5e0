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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_latest_update_wins_field_by_field),
        cmocka_unit_test(test_overdue_relative_to_newest_report),
        cmocka_unit_test(test_progress_file_rules),
        cmocka_unit_test(test_progress_for_another_plan),
        cmocka_unit_test(test_plan_given_as_progress),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
