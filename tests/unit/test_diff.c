#include <string.h>

#include "support.h"

static const char base_yaml[] =
    "format: workplan/1\n"
    "plan: {id: p, title: {en: T, es: Te}, parties: [AA], period: {from: 2021, to: 2025},"
    " version: '1', adopted: 2021-11-24, languages: [en, es]}\n"
    "parties: {AA: {name: A, members: [CL, PE]}}\n"
    "countries: {CL: Chile, PE: {en: Peru, es: Perú}}\n"
    "areas:\n"
    "  - id: AR\n"
    "    title: {en: Alpha, es: Alfa}\n"
    "    activities:\n"
    "      - {id: AR-1, title: X, lead: [AA], start: 2021, end: 2024-Q4, status: ongoing,"
    " progress: 10}\n"
    "      - {id: AR-2, title: Y, lead: [CL], start: 2021, end: 2022}\n"
    "  - id: BE\n"
    "    title: Beta\n";

/* base_yaml with `from` replaced by `to` (once). */
static char *edited(const char *from, const char *to)
{
    const char *at = strstr(base_yaml, from);
    assert_non_null(at);
    size_t n = strlen(base_yaml) - strlen(from) + strlen(to);
    char *s = test_malloc(n + 1);
    size_t head = (size_t)(at - base_yaml);
    memcpy(s, base_yaml, head);
    strcpy(s + head, to);
    strcat(s, at + strlen(from));
    return s;
}

struct pair {
    struct loaded o, n;
    struct wp_diff *d;
};

static void diff_of2(struct pair *p, const char *old_yaml, const char *new_yaml,
                     const char *new_progress)
{
    load_strings(&p->o, old_yaml, NULL);
    load_strings(&p->n, new_yaml, new_progress);
    assert_int_equal(p->o.diags.n_errors, 0);
    if (p->n.diags.n_errors)
        dump_diags(&p->n.diags);
    assert_int_equal(p->n.diags.n_errors, 0);
    assert_int_equal(wp_diff(p->o.plan, p->n.plan, &p->d), WP_OK);
}

static void diff_of(struct pair *p, const char *new_yaml, const char *new_progress)
{
    diff_of2(p, base_yaml, new_yaml, new_progress);
}

static void pair_release(struct pair *p)
{
    wp_diff_free(p->d);
    loaded_release(&p->o);
    loaded_release(&p->n);
}

static void assert_sentence(const struct pair *p, size_t i, const char *lang, const char *want)
{
    char buf[512];
    assert_true(i < p->d->n);
    wp_change_sentence(p->d, &p->d->changes[i], lang, buf, sizeof(buf));
    assert_string_equal(buf, want);
}

static void test_same_plan_no_change(void **state)
{
    (void)state;
    struct pair p;
    diff_of(&p, base_yaml, NULL);
    assert_int_equal(p.d->n, 0);
    char buf[128];
    wp_diff_summary(p.d, "en", buf, sizeof(buf));
    assert_string_equal(buf, "0 activities changed, 0 added, 0 removed");
    pair_release(&p);
}

static void test_end_changed(void **state)
{
    (void)state;
    struct pair p;
    char *y = edited("end: 2024-Q4", "end: 2025-Q2");
    diff_of(&p, y, NULL);
    assert_int_equal(p.d->n, 1);
    const struct wp_change *c = &p.d->changes[0];
    assert_int_equal(c->kind, WP_CHANGE_ACTIVITY);
    assert_int_equal(c->field, WP_CF_END);
    assert_string_equal(c->path, "areas[AR].activities[AR-1].end");
    assert_string_equal(c->old_value, "2024-Q4");
    assert_string_equal(c->new_value, "2025-Q2");
    assert_int_equal(c->pos.line, 9);
    assert_sentence(&p, 0, "en", "AR-1 now ends in Q2 2025 instead of Q4 2024");
    assert_sentence(&p, 0, "es", "AR-1 ahora termina en T2 2025 en lugar de T4 2024");
    assert_int_equal(p.d->n_activities_changed, 1);
    pair_release(&p);
    test_free(y);
}

static void test_added_moved_removed(void **state)
{
    (void)state;
    struct pair p;
    /* AR-2 moves to BE, AR-1 is removed, BE-1 is added */
    char *y = edited("      - {id: AR-1, title: X, lead: [AA], start: 2021, end: 2024-Q4, "
                     "status: ongoing, progress: 10}\n"
                     "      - {id: AR-2, title: Y, lead: [CL], start: 2021, end: 2022}\n"
                     "  - id: BE\n"
                     "    title: Beta\n",
                     "  - id: BE\n"
                     "    title: Beta\n"
                     "    activities:\n"
                     "      - {id: BE-2, title: Y, lead: [CL], start: 2021, end: 2022}\n"
                     "      - {id: BE-1, title: Z, lead: [PE], start: 2022-H2, end: 2023}\n");
    diff_of(&p, y, NULL);
    assert_int_equal(p.d->n, 3);
    assert_int_equal(p.d->changes[0].kind, WP_CHANGE_ACTIVITY_REMOVED);
    assert_string_equal(p.d->changes[0].area, "AR");
    assert_sentence(&p, 0, "en", "AR-1 removed from Alpha");
    assert_int_equal(p.d->changes[1].kind, WP_CHANGE_ACTIVITY_MOVED);
    assert_sentence(&p, 1, "es", "AR-2 pasa de Alfa a Beta como BE-2");
    assert_string_equal(p.d->changes[1].subject, "BE-2");
    assert_int_equal(p.d->changes[2].kind, WP_CHANGE_ACTIVITY_ADDED);
    assert_sentence(&p, 2, "en", "BE-1 added to Beta, led by Peru, H2 2022 – 2023");
    assert_sentence(&p, 2, "es", "BE-1 añadida a Beta, liderada por Perú, S2 2022 – 2023");
    char buf[128];
    wp_diff_summary(p.d, "en", buf, sizeof(buf));
    assert_string_equal(buf, "1 activity changed, 1 added, 1 removed");
    pair_release(&p);
    test_free(y);
}

static void test_progress_file_and_own_status(void **state)
{
    (void)state;
    struct pair p;
    diff_of(&p, base_yaml,
            "format: workplan-progress/1\nplan: p\nupdates:\n"
            "  - {activity: AR-2, date: 2021-06-30, status: delayed, progress: 40}\n");
    assert_int_equal(p.d->n, 2);
    assert_int_equal(p.d->changes[0].field, WP_CF_CURRENT_STATUS);
    assert_sentence(&p, 0, "en", "AR-2: reported status is now Delayed instead of Planned");
    assert_sentence(&p, 1, "en", "AR-2: reported progress is now 40% instead of 0%");
    /* placed at the update that reported them, not at the activity */
    assert_int_equal(p.d->changes[0].pos.line, 10);
    wp_diff_locate_progress(p.d, NULL, p.n.progress);
    assert_ptr_equal(p.d->changes[0].file, p.n.progress->file);
    assert_int_equal(p.d->changes[0].pos.line, 4);
    assert_int_equal(p.d->changes[1].pos.line, 4);
    assert_true(p.d->changes[1].pos.col > p.d->changes[0].pos.col);
    pair_release(&p);
    /* the plan's own status changed, nothing reported: one change, not two */
    char *y = edited("status: ongoing", "status: completed");
    diff_of(&p, y, NULL);
    assert_int_equal(p.d->n, 1);
    assert_int_equal(p.d->changes[0].field, WP_CF_STATUS);
    pair_release(&p);
    test_free(y);
}

static void test_translation_and_plan_facts(void **state)
{
    (void)state;
    struct pair p;
    char *x = edited("title: Y,", "title: {en: Y},");
    char *y = edited("title: Y,", "title: {en: Y, es: Ye},");
    diff_of2(&p, x, y, NULL);
    assert_int_equal(p.d->n, 1);
    assert_string_equal(p.d->changes[0].lang, "es");
    assert_null(p.d->changes[0].old_value);
    assert_sentence(&p, 0, "en", "AR-2: Title (es) added: \xe2\x80\x9cYe\xe2\x80\x9d");
    pair_release(&p);
    test_free(x);
    test_free(y);
    y = edited("version: '1'", "version: '1.1'");
    diff_of(&p, y, NULL);
    assert_int_equal(p.d->n, 1);
    assert_int_equal(p.d->changes[0].kind, WP_CHANGE_PLAN);
    assert_sentence(&p, 0, "en", "Plan: Version is now 1.1 instead of 1");
    char buf[128];
    wp_diff_title(p.d, "en", buf, sizeof(buf));
    assert_string_equal(buf, "Changes since version 1 (24 November 2021)");
    pair_release(&p);
    test_free(y);
}

static void test_areas_swapped_one_move(void **state)
{
    (void)state;
    const char *three = "  - id: BE\n    title: Beta\n  - id: GA\n    title: Gamma\n";
    char *o = edited("  - id: BE\n    title: Beta\n", three);
    /* GA moved before BE: one of them moved, not both */
    char *n = edited("  - id: BE\n    title: Beta\n",
                     "  - id: GA\n    title: Gamma\n  - id: BE\n    title: Beta\n");
    struct pair p;
    load_strings(&p.o, o, NULL);
    load_strings(&p.n, n, NULL);
    assert_int_equal(wp_diff(p.o.plan, p.n.plan, &p.d), WP_OK);
    assert_int_equal(p.d->n, 1);
    assert_int_equal(p.d->changes[0].kind, WP_CHANGE_AREA_MOVED);
    assert_string_equal(p.d->changes[0].subject, "GA");
    assert_sentence(&p, 0, "en", "Area GA is now number 2 instead of 3");
    pair_release(&p);
    test_free(o);
    test_free(n);
}

static void test_null_arguments(void **state)
{
    (void)state;
    struct wp_diff *d = (struct wp_diff *)1;
    assert_int_equal(wp_diff(NULL, NULL, &d), WP_ERR_ARGUMENT);
    assert_null(d);
    wp_diff_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_plan_no_change),
        cmocka_unit_test(test_end_changed),
        cmocka_unit_test(test_added_moved_removed),
        cmocka_unit_test(test_progress_file_and_own_status),
        cmocka_unit_test(test_translation_and_plan_facts),
        cmocka_unit_test(test_areas_swapped_one_move),
        cmocka_unit_test(test_null_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
