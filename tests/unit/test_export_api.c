/* The exporters' contract for bad arguments (include/workplan/export.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"

static void test_missing_arguments_are_reported(void **state)
{
    (void)state;
    struct wp_diags d;
    wp_diags_init(&d);
    struct wp_pdf_options po = {.build_time = 1735689600};
    /* no plan: an error code and a diagnostic that says so, never a silent failure */
    assert_int_equal(wp_pdf_write(NULL, &po, "x.pdf", &d), WP_ERR_ARGUMENT);
    assert_int_equal(d.n_errors, 1);
    assert_non_null(strstr(d.items[0].message, "missing plan"));
    struct wp_xlsx_options xo = {.build_time = 1735689600};
    assert_int_equal(wp_xlsx_write(NULL, &xo, "x.xlsx", &d), WP_ERR_ARGUMENT);
    assert_int_equal(d.n_errors, 2);
    wp_diags_release(&d);
}

static void test_default_language_is_decided_once(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l,
                 "format: workplan/1\n"
                 "plan:\n"
                 "  id: my-plan\n"
                 "  title: {en: Joint work plan, es: Plan de trabajo conjunto}\n"
                 "  parties: [NORTH]\n"
                 "  period: {from: 2025, to: 2027}\n"
                 "  version: '1.0'\n"
                 "  languages: [es, en]\n"
                 "parties:\n"
                 "  NORTH: {name: Northern group, members: [CL, PE]}\n"
                 "countries: {CL: Chile, PE: {en: Peru, es: Per\u00fa}}\n"
                 "areas:\n"
                 "  - id: ECO\n"
                 "    title: {en: Economy, es: Econom\u00eda}\n"
                 "    activities:\n"
                 "      - id: ECO-01\n"
                 "        title: {en: Trade workshop, es: Taller de comercio}\n"
                 "        lead: [PE]\n"
                 "        start: 2025-Q2\n"
                 "        end: 2026-H1\n",
                 NULL);
    if (l.diags.n_errors)
        dump_diags(&l.diags);
    assert_int_equal(l.diags.n_errors, 0);
    assert_string_equal(wp_plan_default_lang(l.plan), "es");

    /* the workbook is written in the default language, and stdio's stderr, pointed
     * away from libxlsxwriter's own messages meanwhile, is given back */
    FILE *before = stderr;
    char dir[] = "/tmp/wp-test-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/book.xlsx", dir);
    struct wp_xlsx_options xo = {.build_time = 1735689600};
    assert_int_equal(wp_xlsx_write(l.plan, &xo, path, &l.diags), WP_OK);
    assert_ptr_equal(stderr, before);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0); /* no temporary file left beside it */
    loaded_release(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missing_arguments_are_reported),
        cmocka_unit_test(test_default_language_is_decided_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
