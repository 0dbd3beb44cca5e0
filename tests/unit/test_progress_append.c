/* wp_progress_append and the wp_progress_file handle: the one writer of progress files. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

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
    "      - {id: AR-1, title: X, lead: [AA], start: 2021, end: 2025}\n"
    "      - {id: AR-2, title: Y, lead: [CL], start: 2021, end: 2025}\n";

/* indented by 4, with comments: both must survive */
static const char old_progress[] = "# by hand\n"
                                   "format: workplan-progress/1\n"
                                   "plan: p\n"
                                   "updates:\n"
                                   "    # first\n"
                                   "    - activity: AR-1\n"
                                   "      date: 2023-02-01\n"
                                   "      progress: 20\n";

static char dir[] = "/tmp/wp-append-XXXXXX";
static char path[64], lock_path[80];

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof(path), "%s/progress.yaml", dir);
    snprintf(lock_path, sizeof(lock_path), "%s/.progress.yaml.lock", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[96];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void put(const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

static char *get(void)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static char ar1[] = "AR-1", ar2[] = "AR-2", cl[] = "CL", started[] = "Started.";
static struct wp_update updates[2] = {
    {.activity = ar2,
     .date = {2024, 3, 1},
     .has_status = true,
     .status = WP_STATUS_ONGOING,
     .has_progress = true,
     .progress = 30,
     .reported_by = cl,
     .note = {.plain = started}},
    {.activity = ar1, .date = {2024, 3, 2}, .has_progress = true, .progress = 40},
};

static const char appended4[] = "    - activity: AR-2\n"
                                "      date: 2024-03-01\n"
                                "      status: ongoing\n"
                                "      progress: 30\n"
                                "      reported_by: CL\n"
                                "      note: \"Started.\"\n"
                                "    - activity: AR-1\n"
                                "      date: 2024-03-02\n"
                                "      progress: 40\n";

static void test_appends_in_the_files_own_layout_once(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, plan_yaml, NULL);
    put(old_progress);
    struct wp_diags d;
    wp_diags_init(&d);
    struct wp_progress_append_result r;
    assert_int_equal(wp_progress_append(l.plan, path, updates, 2, NULL, &r, &d), WP_OK);
    dump_diags(&d);
    assert_int_equal(d.n, 0);
    assert_int_equal(r.appended, 2);
    assert_int_equal(r.duplicates, 0);
    assert_null(r.text);
    char want[1024];
    snprintf(want, sizeof(want), "%s%s", old_progress, appended4);
    assert_string_equal(get(), want);
    /* the plan is left with the new file applied */
    assert_int_equal(wp_plan_find_activity(l.plan, "AR-2")->current.progress, 30);
    struct stat st;
    assert_int_equal(stat(lock_path, &st), 0); /* the lock file, beside it */

    /* again: every update is already there, the file is not touched */
    assert_int_equal(wp_progress_append(l.plan, path, updates, 2, NULL, &r, &d), WP_OK);
    assert_int_equal(r.appended, 0);
    assert_int_equal(r.duplicates, 2);
    assert_string_equal(get(), want);
    wp_diags_release(&d);
    loaded_release(&l);
}

/* Keys written after `updates:` by hand (events) stay after the new items; a file of events only
 * gains `updates:`. */
static void test_appends_inside_updates_whatever_follows(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, plan_yaml, NULL);
    static const char events[] = "events:\n"
                                 "  - date: 2023-05-01\n"
                                 "    title: Review\n";
    char old[1024], want[2048];
    snprintf(old, sizeof(old), "%s%s", old_progress, events);
    put(old);
    struct wp_diags d;
    wp_diags_init(&d);
    struct wp_progress_append_result r;
    assert_int_equal(wp_progress_append(l.plan, path, updates, 2, NULL, &r, &d), WP_OK);
    dump_diags(&d);
    assert_int_equal(r.appended, 2);
    snprintf(want, sizeof(want), "%s%s%s", old_progress, appended4, events);
    assert_string_equal(get(), want);

    static const char only_events[] = "format: workplan-progress/1\nplan: p\n"
                                      "events:\n  - date: 2023-05-01\n    title: Review\n";
    put(only_events);
    assert_int_equal(wp_progress_append(l.plan, path, updates + 1, 1, NULL, &r, &d), WP_OK);
    snprintf(want, sizeof(want),
             "%supdates:\n  - activity: AR-1\n    date: 2024-03-02\n"
             "    progress: 40\n",
             only_events);
    assert_string_equal(get(), want);
    assert_int_equal(d.n_errors, 0);
    wp_diags_release(&d);
    loaded_release(&l);
}

static void test_dry_run_and_new_file(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, plan_yaml, NULL);
    unlink(path);
    struct wp_diags d;
    wp_diags_init(&d);
    struct wp_progress_append_result r;
    struct wp_progress_append_options o = {.dry_run = true};
    assert_int_equal(wp_progress_append(l.plan, path, updates + 1, 1, &o, &r, &d), WP_OK);
    assert_int_equal(r.appended, 1);
    assert_string_equal(r.text, "format: workplan-progress/1\nplan: p\nupdates:\n"
                                "  - activity: AR-1\n    date: 2024-03-02\n    progress: 40\n");
    free(r.text);
    assert_null(get()); /* nothing written */
    assert_int_equal(wp_progress_append(l.plan, path, updates + 1, 1, NULL, &r, &d), WP_OK);
    assert_string_equal(get(), "format: workplan-progress/1\nplan: p\nupdates:\n"
                               "  - activity: AR-1\n    date: 2024-03-02\n    progress: 40\n");
    assert_int_equal(d.n, 0);
    wp_diags_release(&d);
    loaded_release(&l);
}

static void test_refuses_what_would_not_load(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, plan_yaml, NULL);
    static const char flow[] = "format: workplan-progress/1\nplan: p\n"
                               "updates: [{activity: AR-1, date: 2024-01-01, progress: 5}]\n";
    put(flow);
    struct wp_diags d;
    wp_diags_init(&d);
    assert_int_equal(wp_progress_append(l.plan, path, updates, 2, NULL, NULL, &d), WP_ERR_INVALID);
    assert_true(d.n_errors >= 1);
    assert_non_null(strstr(d.items[0].message, "cannot append updates"));
    assert_string_equal(get(), flow);
    wp_diags_release(&d);
    loaded_release(&l);
}

/* `updates: []`, as a person types an empty list: the items replace the brackets */
static void test_appends_into_an_empty_flow_list(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, plan_yaml, NULL);
    put("format: workplan-progress/1\nplan: p\nupdates: [ ] # none yet\nevents: []\n");
    struct wp_diags d;
    wp_diags_init(&d);
    assert_int_equal(wp_progress_append(l.plan, path, updates, 2, NULL, NULL, &d), WP_OK);
    char *got = get();
    assert_non_null(strstr(got, "plan: p\nupdates: # none yet\n  - activity: AR-2\n"));
    assert_non_null(strstr(got, "\n  - activity: AR-1\n"));
    assert_non_null(strstr(got, "\nevents: []\n"));
    assert_int_equal(d.n_errors, 0);
    wp_diags_release(&d);
    loaded_release(&l);
}

static void test_busy_lock_gives_up_and_writes_nothing(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, plan_yaml, NULL);
    put(old_progress);
    int fd = open(lock_path, O_RDWR | O_CREAT, 0644);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX), 0); /* another writer, as far as flock can tell */
    struct wp_diags d;
    wp_diags_init(&d);
    struct wp_progress_append_options o = {.lock = {.wait_ms = 50}};
    assert_int_equal(wp_progress_append(l.plan, path, updates, 2, &o, NULL, &d), WP_ERR_IO);
    assert_int_equal(d.n_errors, 1);
    assert_string_equal(d.items[0].file, path);
    assert_non_null(strstr(d.items[0].message, "another import still holds the lock"));
    assert_string_equal(get(), old_progress);
    /* a caller holding the lock itself (the CLI) passes it and is not blocked by it */
    close(fd);
    struct wp_progress_lock *held;
    assert_int_equal(wp_progress_lock(path, NULL, &held, &d), WP_OK);
    o.held = held;
    assert_int_equal(wp_progress_append(l.plan, path, updates, 2, &o, NULL, &d), WP_OK);
    wp_progress_unlock(held);
    assert_non_null(strstr(get(), appended4));
    wp_diags_release(&d);
    loaded_release(&l);
}

/* The handle: locked and loaded from open to close, one commit of what was added. */
static void test_handle_holds_the_lock_and_commits_once(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, plan_yaml, NULL);
    put(old_progress);
    struct wp_diags d;
    wp_diags_init(&d);
    struct wp_progress_file *pf;
    assert_int_equal(wp_progress_file_open(path, NULL, &pf, &d), WP_OK);
    assert_string_equal(wp_progress_file_path(pf), path);
    assert_int_equal(wp_progress_file_progress(pf)->n_updates, 1);
    /* another writer cannot take the lock while the handle is open */
    struct wp_progress_lock *other = NULL;
    struct wp_progress_lock_options now = {.no_wait = true};
    assert_int_equal(wp_progress_lock(path, &now, &other, &d), WP_ERR_IO);
    assert_null(other);
    assert_int_equal(d.n_errors, 1);
    wp_diags_release(&d);
    wp_diags_init(&d);
    wp_progress_file_append(pf, updates, 1);
    wp_progress_file_append(pf, updates + 1, 1);
    struct wp_progress_append_result r;
    assert_int_equal(wp_progress_file_commit(pf, l.plan, &r, &d), WP_OK);
    assert_int_equal(d.n, 0);
    assert_int_equal(r.appended, 2);
    wp_progress_file_close(pf);
    char want[1024];
    snprintf(want, sizeof(want), "%s%s", old_progress, appended4);
    assert_string_equal(get(), want);
    /* closed: the lock is free again */
    assert_int_equal(wp_progress_lock(path, &now, &other, &d), WP_OK);
    wp_progress_unlock(other);
    /* a dry run takes no lock and changes nothing; a missing file is no progress */
    struct wp_progress_file_options dry = {.dry_run = true};
    snprintf(want, sizeof(want), "%s/none.yaml", dir);
    assert_int_equal(wp_progress_file_open(want, &dry, &pf, &d), WP_OK);
    assert_null(wp_progress_file_progress(pf));
    wp_progress_file_append(pf, updates, 2);
    assert_int_equal(wp_progress_file_commit(pf, l.plan, &r, &d), WP_OK);
    assert_non_null(strstr(r.text, "activity: AR-2"));
    free(r.text);
    wp_progress_file_close(pf);
    assert_int_equal(access(want, F_OK), -1);
    wp_diags_release(&d);
    loaded_release(&l);
}

/* One comparison for the appender and the importer: what `have` says covers what u says. */
static void test_update_same(void **state)
{
    (void)state;
    struct wp_text_item notes[2] = {{.lang = "en", .value = "Done."},
                                    {.lang = "es", .value = "Hecho."}};
    struct wp_indicator_report four = {.id = "N", .value = 4}, five = {.id = "N", .value = 5};
    struct wp_update have = {.activity = "AR-1",
                             .date = {2024, 3, 1},
                             .has_progress = true,
                             .progress = 40,
                             .note = {.items = notes, .n_items = 2},
                             .indicators = &four,
                             .n_indicators = 1};
    struct wp_update u = have;
    u.note = (struct wp_text){.plain = "Hecho."};
    u.indicators = NULL;
    u.n_indicators = 0;
    assert_true(wp_update_same(&have, &u)); /* a note in one of its languages, no values */
    u.indicators = &four;
    u.n_indicators = 1;
    assert_true(wp_update_same(&have, &u));
    u.indicators = &five;
    assert_false(wp_update_same(&have, &u)); /* another value */
    u.indicators = &four;
    u.progress = 41;
    assert_false(wp_update_same(&have, &u));
    u.progress = 40;
    u.has_status = true; /* says something the file does not */
    assert_false(wp_update_same(&have, &u));
    u.has_status = false;
    u.date.day = 2;
    assert_false(wp_update_same(&have, &u));
    u.date.day = 1;
    u.note.plain = "Other.";
    assert_false(wp_update_same(&have, &u));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_appends_in_the_files_own_layout_once),
        cmocka_unit_test(test_appends_inside_updates_whatever_follows),
        cmocka_unit_test(test_dry_run_and_new_file),
        cmocka_unit_test(test_refuses_what_would_not_load),
        cmocka_unit_test(test_appends_into_an_empty_flow_list),
        cmocka_unit_test(test_busy_lock_gives_up_and_writes_nothing),
        cmocka_unit_test(test_handle_holds_the_lock_and_commits_once),
        cmocka_unit_test(test_update_same),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
