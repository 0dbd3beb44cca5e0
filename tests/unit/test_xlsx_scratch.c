/*
 * libxlsxwriter's scratch files go beside the output (wp_xlsx_write passes it
 * .tmpdir), never to TMPDIR or /tmp: a small /tmp, or one in memory, must not
 * fail or fill up while a large workbook is made.
 *
 * libxlsxwriter 1.1.4 as Debian builds it makes each scratch file with
 * lxw_tmpfile -> tmpfileplus: open(DIR/tmp.XXXXXXXXXX, O_CREAT | O_EXCL),
 * fdopen, unlink, trying .tmpdir, then TMPDIR, P_tmpdir and "." (a build with
 * USE_STANDARD_TMPFILE calls tmpfile() instead). So this executable defines
 * open, mkstemp, mkostemp and tmpfile itself: the shared library's calls bind
 * to these definitions (the executable comes first in symbol lookup), which
 * note every file created and forward to the C library's through
 * dlsym(RTLD_NEXT). The C library's own internal calls are not seen, and need
 * not be: they are not libxlsxwriter's.
 */
#define _GNU_SOURCE /* RTLD_NEXT, mkostemp */
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"

/* libxlsxwriter 1.1.4 leaks a few bytes per list validation (tests/lsan.supp) */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libxlsxwriter.so\n";
}

#define MAX_SEEN 256

/* What was created while `recording`: fixed storage, so noting needs no allocation. */
static struct {
    int recording;
    unsigned n;                    /* files created by open or mkstemp/mkostemp */
    unsigned lost;                 /* more than MAX_SEEN */
    unsigned tmpfiles;             /* tmpfile() calls: those go to P_tmpdir whatever .tmpdir says */
    char path[MAX_SEEN][PATH_MAX]; /* as the caller named them */
} seen;

static void note(const char *path)
{
    if (!seen.recording || !path)
        return;
    if (seen.n >= MAX_SEEN) {
        seen.lost++;
        return;
    }
    snprintf(seen.path[seen.n++], PATH_MAX, "%s", path);
}

/* The next definition of name (the C library's) into *fn; memcpy, as ISO C has no cast from
 * an object pointer to a function pointer. */
static void real(const char *name, void *fn, size_t size)
{
    void *f = dlsym(RTLD_NEXT, name);
    if (!f || size != sizeof f) {
        fprintf(stderr, "test_xlsx_scratch: no next '%s': %s\n", name, dlerror());
        abort();
    }
    memcpy(fn, &f, size);
}

int open(const char *path, int flags, ...)
{
    static int (*next)(const char *, int, ...);
    if (!next)
        real("open", &next, sizeof next);
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    int fd = next(path, flags, mode);
    if (fd >= 0 && (flags & O_CREAT))
        note(path);
    return fd;
}

int mkstemp(char *template)
{
    static int (*next)(char *);
    if (!next)
        real("mkstemp", &next, sizeof next);
    int fd = next(template);
    if (fd >= 0)
        note(template);
    return fd;
}

int mkostemp(char *template, int flags)
{
    static int (*next)(char *, int);
    if (!next)
        real("mkostemp", &next, sizeof next);
    int fd = next(template, flags);
    if (fd >= 0)
        note(template);
    return fd;
}

FILE *tmpfile(void)
{
    static FILE *(*next)(void);
    if (!next)
        real("tmpfile", &next, sizeof next);
    if (seen.recording)
        seen.tmpfiles++;
    return next();
}

/* The folder a recorded path is in, resolved (the file itself is unlinked by now). */
static void folder_of(const char *path, char out[PATH_MAX])
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    if (!realpath(dir, out))
        snprintf(out, PATH_MAX, "%s", dir); /* gone: it cannot be the output's folder */
}

/* How many entries a folder holds, besides . and .. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static const char plan_yaml[] = "format: workplan/1\n"
                                "plan:\n"
                                "  id: scratch\n"
                                "  title: Scratch files\n"
                                "  parties: [PA]\n"
                                "  period: {from: 2021, to: 2022}\n"
                                "  version: '1'\n"
                                "parties:\n"
                                "  PA: {name: Pacific Alliance, members: [CL, PE]}\n"
                                "countries: {CL: Chile, PE: Peru}\n"
                                "areas:\n"
                                "  - id: ECO\n"
                                "    title: Economy\n"
                                "    activities:\n"
                                "      - {id: ECO-01, title: One, lead: [CL], start: 2021, "
                                "end: 2022}\n"
                                "      - id: ECO-02\n"
                                "        title: Two\n"
                                "        lead: [PE]\n"
                                "        start: 2021\n"
                                "        end: 2022\n"
                                "        indicators:\n"
                                "          - {id: DAYS, text: Days, baseline: 10, target: 4}\n";

/* The output's folder and the folder TMPDIR names, both fresh; removed whatever the test did. */
struct dirs {
    char out[32], decoy[40], path[64];
    char *old_tmpdir;
    struct loaded l;
};

static int make_dirs(void **state)
{
    static struct dirs d;
    memset(&d, 0, sizeof d);
    snprintf(d.out, sizeof d.out, "/tmp/wp-scratch-out-XXXXXX");
    snprintf(d.decoy, sizeof d.decoy, "/tmp/wp-scratch-tmpdir-XXXXXX");
    if (!mkdtemp(d.out) || !mkdtemp(d.decoy))
        return -1;
    snprintf(d.path, sizeof d.path, "%s/book.xlsx", d.out);
    d.old_tmpdir = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
    /* TMPDIR is a folder of its own: a scratch file sent there is seen */
    if (setenv("TMPDIR", d.decoy, 1) != 0)
        return -1;
    *state = &d;
    return 0;
}

static int remove_dirs(void **state)
{
    struct dirs *d = *state;
    seen.recording = 0;
    unlink(d->path); /* may not exist: the test failed before */
    int rc = rmdir(d->out) | rmdir(d->decoy);
    if (d->old_tmpdir)
        setenv("TMPDIR", d->old_tmpdir, 1);
    else
        unsetenv("TMPDIR");
    free(d->old_tmpdir);
    if (d->l.plan)
        loaded_release(&d->l);
    return rc;
}

static void test_scratch_beside_output(void **state)
{
    struct dirs *d = *state;
    load_strings(&d->l, plan_yaml, NULL);
    if (d->l.diags.n_errors)
        dump_diags(&d->l.diags);
    assert_int_equal(d->l.diags.n_errors, 0);
    char want[PATH_MAX], dir[PATH_MAX];
    assert_non_null(realpath(d->out, want));

    struct wp_xlsx_options o = {.build_time = 1735689600};
    seen.recording = 1;
    enum wp_error err = wp_xlsx_write(d->l.plan, &o, d->path, &d->l.diags);
    seen.recording = 0;
    assert_int_equal(err, WP_OK);

    /* libxlsxwriter's scratch files were seen (one a part), not only the output's own */
    unsigned theirs = 0;
    for (unsigned i = 0; i < seen.n; i++)
        theirs += strstr(seen.path[i], "/.workplan-tmp.") == NULL;
    assert_true(theirs >= 10);
    assert_int_equal(seen.lost, 0);
    for (unsigned i = 0; i < seen.n; i++) {
        folder_of(seen.path[i], dir);
        if (strcmp(dir, want) != 0)
            fprintf(stderr, "created outside %s: %s\n", want, seen.path[i]);
        assert_string_equal(dir, want);
    }
    assert_int_equal(seen.tmpfiles, 0);
    /* nothing left but the workbook, and nothing in TMPDIR */
    assert_int_equal(entries(d->decoy), 0);
    assert_int_equal(entries(d->out), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_scratch_beside_output, make_dirs, remove_dirs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
