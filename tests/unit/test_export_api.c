/* The exporters' contract for bad arguments (include/workplan/export.h). */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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

static const char PLAN[] = "format: workplan/1\n"
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
                           "        end: 2026-H1\n";

static void test_default_language_is_decided_once(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, PLAN, NULL);
    if (l.diags.n_errors)
        dump_diags(&l.diags);
    assert_int_equal(l.diags.n_errors, 0);
    assert_string_equal(wp_plan_default_lang(l.plan), "es");

    /* the workbook is written in the default language */
    char dir[] = "/tmp/wp-test-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/book.xlsx", dir);
    struct wp_xlsx_options xo = {.build_time = 1735689600};
    assert_int_equal(wp_xlsx_write(l.plan, &xo, path, &l.diags), WP_OK);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0); /* no temporary file left beside it */
    loaded_release(&l);
}

/* A host program's thread printing through stderr while workbooks are written. */
static atomic_int host_lines, writing_done;

static void pause_briefly(void)
{
    nanosleep(&(struct timespec){.tv_nsec = 100000}, NULL);
}

static void *host_printer(void *arg)
{
    (void)arg;
    while (!atomic_load(&writing_done)) {
        if (fprintf(stderr, "host line %d\n", atomic_load(&host_lines)) > 0)
            atomic_fetch_add(&host_lines, 1);
        pause_briefly();
    }
    return NULL;
}

static int count_host_lines(int fd)
{
    char buf[4096];
    int n = 0;
    ssize_t got;
    size_t matched = 0; /* of "host line " so far, across reads */
    static const char word[] = "host line ";
    assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
    while ((got = read(fd, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < got; i++) {
            matched = buf[i] == word[matched] ? matched + 1 : buf[i] == word[0];
            if (matched == sizeof word - 1) {
                n++;
                matched = 0;
            }
        }
    }
    return n;
}

/* The library changes no process state: every line the host prints reaches its stderr. */
static void test_host_stderr_is_left_alone(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, PLAN, NULL);
    assert_int_equal(l.diags.n_errors, 0);
    char dir[] = "/tmp/wp-test-XXXXXX", path[64], log[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/book.xlsx", dir);
    snprintf(log, sizeof(log), "%s/stderr.log", dir);
    /* the test's own stderr goes to a file it can count lines in */
    int fd = open(log, O_RDWR | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    assert_true(saved >= 0);
    assert_true(dup2(fd, 2) == 2);
    FILE *before = stderr;
    pthread_t printer;
    assert_int_equal(pthread_create(&printer, NULL, host_printer, NULL), 0);
    while (atomic_load(&host_lines) < 1)
        pause_briefly();
    struct wp_xlsx_options xo = {.build_time = 1735689600};
    enum wp_error err[8];
    for (int i = 0; i < 8; i++)
        err[i] = wp_xlsx_write(l.plan, &xo, path, &l.diags);
    atomic_store(&writing_done, 1);
    pthread_join(printer, NULL);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    for (int i = 0; i < 8; i++)
        assert_int_equal(err[i], WP_OK);
    assert_ptr_equal(stderr, before);
    int printed = atomic_load(&host_lines), seen = count_host_lines(fd);
    close(fd);
    printf("host printed %d lines while 8 workbooks were written, %d reached stderr\n", printed,
           seen);
    assert_true(printed > 1);
    assert_int_equal(seen, printed);
    assert_int_equal(unlink(log), 0);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0); /* no scratch file left beside it */
    loaded_release(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missing_arguments_are_reported),
        cmocka_unit_test(test_default_language_is_decided_once),
        cmocka_unit_test(test_host_stderr_is_left_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
