/* The Indicators sheet's contract and the progress-file side of its import. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "progress/progress_yaml.h"
#include "support.h"
#include "workplan/import.h"
#include "workplan/progress.h"
#include "xlsx/columns.h"

/* A changed locked cell changes the fingerprint; editable and derived ones do not. */
static void test_fingerprint(void **state)
{
    (void)state;
    const char *v[WP_ICOL_COUNT] = {"ECO-01/TRAINED",
                                    "Trade workshop",
                                    "Officials trained",
                                    "people",
                                    "0",
                                    "120",
                                    "2025-12-31",
                                    "60",
                                    "45",
                                    "2024-06-30",
                                    "note",
                                    "1"};
    uint64_t base = wp_indicator_fingerprint(v);
    for (int c = 0; c < WP_ICOL_COUNT; c++) {
        const char *saved = v[c];
        v[c] = "changed";
        uint64_t h = wp_indicator_fingerprint(v);
        if (wp_indicator_columns[c].role == WP_IND_LOCKED)
            assert_true(h != base);
        else
            assert_true(h == base);
        v[c] = saved;
    }
    /* values are joined with a separator: moving text across a border shows */
    v[WP_ICOL_TEXT] = "Officials traine";
    v[WP_ICOL_UNIT] = "dpeople";
    assert_true(wp_indicator_fingerprint(v) != base);
    /* three editable columns, titled as the booklet's words where they are the same */
    int editable = 0;
    for (int c = 0; c < WP_ICOL_COUNT; c++)
        editable += wp_indicator_columns[c].role == WP_IND_EDITABLE;
    assert_int_equal(editable, 3);
}

static size_t end_of(const char *text)
{
    return wp_progress_yaml_updates_end(text, strlen(text));
}

/* New items go at the end of updates:, before a later key and the comments above it. */
static void test_updates_end(void **state)
{
    (void)state;
    const char *last = "format: workplan-progress/1\nplan: p\nupdates:\n  - activity: A-1\n"
                       "    date: 2024-01-01\n";
    assert_int_equal(end_of(last), strlen(last));
    const char *none = "format: workplan-progress/1\nplan: p\n";
    assert_int_equal(end_of(none), strlen(none));
    const char *head = "format: workplan-progress/1\nplan: p\nupdates:\n  - activity: A-1\n"
                       "    note:\n      en: x\n\n  - activity: A-2\n    date: 2024-01-01\n";
    const char *events = "events:\n  - date: 2024-01-01\n    title: T\n";
    char buf[512];
    snprintf(buf, sizeof buf, "%s%s", head, events);
    assert_int_equal(end_of(buf), strlen(head));
    /* blank and comment lines just above the next key stay with it */
    snprintf(buf, sizeof buf, "%s\n# plan-wide facts\n%s", head, events);
    assert_int_equal(end_of(buf), strlen(head));
    /* a comment between items is inside the list */
    snprintf(buf, sizeof buf, "updates:\n# first\n- activity: A-1\n  date: 2024-01-01\n%s", events);
    assert_int_equal(end_of(buf), strlen(buf) - strlen(events));
    /* no final newline before the next key cannot happen; none at the very end is fine */
    const char *nonl = "updates:\n  - activity: A-1\n    date: 2024-01-01";
    assert_int_equal(end_of(nonl), strlen(nonl));
}

/* indicators: as a flow mapping of plain ids and numbers the loader reads back exactly. */
static void test_render(void **state)
{
    (void)state;
    struct wp_indicator_report values[3] = {
        {.id = "TRAINED", .value = 45}, {.id = "NO", .value = 12.5}, {.id = "DAYS", .value = -0.0}};
    struct wp_update u = {.activity = "ECO-01",
                          .date = {2024, 6, 30},
                          .reported_by = "PE",
                          .indicators = values,
                          .n_indicators = 3};
    size_t len;
    char *yaml = wp_progress_yaml_items(&u, 1, 2, &len);
    assert_string_equal(yaml, "  - activity: ECO-01\n    date: 2024-06-30\n    reported_by: PE\n"
                              "    indicators: {TRAINED: 45, \"NO\": 12.5, DAYS: 0}\n");
    assert_int_equal(len, strlen(yaml));
    free(yaml);
}

/* ---- the progress file: indicator values appended once, before events ---------------- */

static const char ind_plan[] =
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
    "        start: 2021\n"
    "        end: 2025\n"
    "        indicators: [{id: N, text: Count, target: 10}]\n";

static const char ind_progress[] = "format: workplan-progress/1\n"
                                   "plan: p\n"
                                   "updates:\n"
                                   "  - activity: AR-1\n"
                                   "    date: 2024-03-01\n"
                                   "    indicators: {N: 3}\n"
                                   "\n"
                                   "# plan-wide facts\n"
                                   "events:\n"
                                   "  - date: 2024-01-01\n"
                                   "    title: Launch\n";

static void test_append_values(void **state)
{
    (void)state;
    char dir[] = "/tmp/wp-ind-XXXXXX", path[64], cmd[96];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/progress.yaml", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(ind_progress, 1, strlen(ind_progress), f), strlen(ind_progress));
    assert_int_equal(fclose(f), 0);
    struct loaded l;
    load_strings(&l, ind_plan, NULL);
    struct wp_diags d;
    wp_diags_init(&d);
    /* the same day as a value in the file, another value: new; the same value: not */
    struct wp_indicator_report four = {.id = "N", .value = 4}, three = {.id = "N", .value = 3};
    struct wp_update u[2] = {
        {.activity = "AR-1", .date = {2024, 3, 1}, .indicators = &four, .n_indicators = 1},
        {.activity = "AR-1", .date = {2024, 3, 1}, .indicators = &three, .n_indicators = 1},
    };
    struct wp_progress_append_result r;
    assert_int_equal(wp_progress_append(l.plan, path, u, 2, NULL, &r, &d), WP_OK);
    dump_diags(&d);
    assert_int_equal(r.appended, 1);
    assert_int_equal(r.duplicates, 1);
    static char got[2048];
    f = fopen(path, "rb");
    assert_non_null(f);
    got[fread(got, 1, sizeof got - 1, f)] = '\0';
    fclose(f);
    const char *want = "format: workplan-progress/1\n"
                       "plan: p\n"
                       "updates:\n"
                       "  - activity: AR-1\n"
                       "    date: 2024-03-01\n"
                       "    indicators: {N: 3}\n"
                       "  - activity: AR-1\n"
                       "    date: 2024-03-01\n"
                       "    indicators: {\"N\": 4}\n" /* N is a YAML 1.1 word: quoted */
                       "\n"
                       "# plan-wide facts\n"
                       "events:\n"
                       "  - date: 2024-01-01\n"
                       "    title: Launch\n";
    assert_string_equal(got, want);
    /* the later entry of the same day wins */
    assert_true(l.plan->activities[0]->measured[0].value == 4);
    wp_diags_release(&d);
    loaded_release(&l);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fingerprint),
        cmocka_unit_test(test_updates_end),
        cmocka_unit_test(test_render),
        cmocka_unit_test(test_append_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
