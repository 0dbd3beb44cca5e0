/*
 * workplan import PLAN [--progress FILE] [--dry-run] WORKBOOK...
 *
 * Every workbook is read; the rows that can be taken become updates
 * appended to the progress file (a wp_progress_file handle), whose
 * existing bytes stay as they were. The progress file's lock is held from
 * reading it to replacing it, so concurrent imports behave as if run one
 * after another.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "util/util.h"

static const char usage[] =
    "usage: workplan import PLAN [--progress FILE] [--dry-run] WORKBOOK...\n"
    "\n"
    "Reads tracking workbooks made by `workplan xlsx`/`build` and filled in by\n"
    "members, and appends what changed in their editable columns (status,\n"
    "progress, last update, reported by, note) to the progress file as dated\n"
    "updates. Rows that cannot be taken are refused with the cell that says why;\n"
    "the other rows are still taken. Importing a workbook again adds nothing.\n"
    "\n"
    "  --progress FILE  the progress file (default: progress.yaml beside PLAN,\n"
    "                   created when missing)\n"
    "  --dry-run        print what would be appended; change nothing\n"
    "\n"
    "Imports into one progress file run one at a time: an import waits for\n"
    "another (saying so) up to WORKPLAN_LOCK_TIMEOUT seconds (default 60,\n"
    "0 = do not wait), then gives up with status 3.\n"
    "\n"
    "Exit status: 0 every row taken or unchanged (warnings may be printed);\n"
    "1 the plan or progress file is invalid (nothing written), or a workbook\n"
    "or some rows were refused (the rows taken were written); 2 usage error;\n"
    "3 a file could not be read or written (the other workbooks' rows taken\n"
    "were written), or another import kept the progress file locked.\n";

/* One run of the verb: what it was asked, what it holds, what it found. */
/* What one workbook gave, printed once the progress file is written (or not). */
struct book_line {
    const char *book;
    enum { BOOK_READ, BOOK_NOT_READ, BOOK_REFUSED } state;
    size_t taken, unchanged, refused, superseded;
};

struct import_run {
    struct cli_args args;
    char *progress_path;
    struct wp_progress_file_options file_opts;
    struct cli_plan cp; /* cp.file: the progress file, locked and loaded */
    struct wp_import_result res;
    struct book_line *lines; /* one per workbook */
    bool refused, unreadable;
};

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static void print_count_line(const struct wp_diags *d)
{
    if (d->n_errors || d->n_warnings)
        fprintf(stderr, "import: %zu error%s, %zu warning%s\n", d->n_errors,
                plural(d->n_errors, "", "s"), d->n_warnings, plural(d->n_warnings, "", "s"));
}

/* WORKPLAN_LOCK_TIMEOUT: whole seconds to wait for another import, 0 = none. */
static int read_lock_timeout(struct wp_progress_lock_options *o, const char *verb)
{
    const char *env = getenv("WORKPLAN_LOCK_TIMEOUT");
    if (!env)
        return EXIT_OK;
    char *end;
    errno = 0;
    unsigned long s = strtoul(env, &end, 10);
    if (!*env || *env < '0' || *env > '9' || *end || errno || s > 86400)
        return cli_usage_error(verb,
                               "WORKPLAN_LOCK_TIMEOUT '%s' is not a number of seconds "
                               "from 0 to 86400",
                               env);
    o->no_wait = s == 0;
    o->wait_ms = s * 1000;
    return EXIT_OK;
}

static int check_args(struct import_run *r, const char *verb)
{
    const struct cli_args *a = &r->args;
    if (a->n_rest == 0)
        return cli_usage_error(verb, "missing WORKBOOK argument");
    if (a->progress && (strcmp(a->progress, "none") == 0 || !*a->progress))
        return cli_usage_error(verb, "'--progress %s' leaves nowhere to write", a->progress);
    if (strcmp(a->plan, "-") == 0 && !a->progress)
        return cli_usage_error(verb, "a plan read from stdin needs '--progress FILE'");
    r->progress_path = a->progress ? wp_xstrdup(a->progress) : cli_progress_beside(a->plan);
    /* the progress file is no workbook being read, nor the plan (cli.md, Outputs) */
    int rc = a->dry_run ? EXIT_OK : cli_progress_output_check(verb, a);
    return rc ? rc : read_lock_timeout(&r->file_opts.lock, verb);
}

static void say_waiting(void *ctx, const char *path)
{
    (void)ctx;
    fprintf(stderr, "waiting for another import of '%s'…\n", path);
}

/* Loads the plan, then opens the progress file: its lock taken (not in a dry run) and loaded. */
static int lock_and_load(struct import_run *r)
{
    r->file_opts.dry_run = r->args.dry_run;
    r->file_opts.lock.on_wait = say_waiting;
    struct cli_plan_request rq = {.plan_path = r->args.plan,
                                  .progress_opt = r->progress_path,
                                  .progress_may_be_missing = true,
                                  .keep_diags = true,
                                  .open_file = &r->file_opts};
    return cli_plan_open(&r->cp, &rq);
}

/* written: the progress file has the updates taken; else none was written */
static void print_book_line(const struct book_line *l, bool written)
{
    if (l->state != BOOK_READ) {
        printf("%s: %s\n", l->book, l->state == BOOK_NOT_READ ? "not read" : "workbook refused");
        return;
    }
    printf("%s: %zu %s %s, %zu %s unchanged, %zu %s refused", l->book, l->taken,
           plural(l->taken, "update", "updates"), written || !l->taken ? "taken" : "not written",
           l->unchanged, plural(l->unchanged, "row", "rows"), l->refused,
           plural(l->refused, "row", "rows"));
    if (l->superseded)
        printf(", %zu %s superseded by newer updates", l->superseded,
               plural(l->superseded, "row", "rows"));
    printf("\n");
}

static void import_books(struct import_run *r)
{
    /* the day of the import: SOURCE_DATE_EPOCH when set (then the build time), else the clock */
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t day = sde && *sde ? r->cp.build_time : time(NULL);
    struct wp_import_options io = {.progress = r->cp.progress, .today = wp_date_from_time(day)};
    struct wp_diags *diags = &r->cp.diags;
    r->lines = wp_xcalloc((size_t)r->args.n_rest, sizeof(*r->lines));
    for (int i = 0; i < r->args.n_rest; i++) {
        const char *book = r->args.rest[i];
        size_t errors_before = diags->n_errors;
        enum wp_error err = wp_import_workbook(r->cp.plan, &io, book, &r->res, diags);
        struct book_line *l = &r->lines[i];
        *l = (struct book_line){.book = book, .state = BOOK_READ};
        if (err == WP_ERR_IO) {
            l->state = BOOK_NOT_READ;
            r->unreadable = true;
        } else if (err) {
            l->state = BOOK_REFUSED;
            r->refused = true;
        } else {
            l->taken = r->res.taken;
            l->unchanged = r->res.unchanged;
            l->refused = r->res.refused;
            l->superseded = r->res.superseded;
            if (r->res.refused || diags->n_errors > errors_before)
                r->refused = true;
        }
    }
}

static void print_book_lines(const struct import_run *r, bool written)
{
    for (int i = 0; i < r->args.n_rest; i++)
        print_book_line(&r->lines[i], written);
}

/* One count: what was written; the updates taken but not written, and why. */
static void print_appended(const struct import_run *r, size_t appended)
{
    size_t same = r->res.n_updates - appended;
    printf("%s: %zu %s appended", r->progress_path, appended,
           plural(appended, "update", "updates"));
    if (same)
        printf(" (%zu more %s the same update, from another workbook or already in the file)", same,
               plural(same, "was", "were"));
    printf("\n");
}

static int append_updates(struct import_run *r)
{
    bool dry = r->args.dry_run;
    if (r->res.n_updates == 0) {
        print_book_lines(r, true);
        if (dry)
            printf("# nothing to append to %s\n", r->progress_path);
        return EXIT_OK;
    }
    struct wp_progress_append_result out;
    wp_progress_file_append(r->cp.file, r->res.updates, r->res.n_updates);
    enum wp_error err = wp_progress_file_commit(r->cp.file, r->cp.plan, &out, &r->cp.diags);
    print_book_lines(r, !err);
    if (err) {
        printf("%s: nothing written\n", r->progress_path);
        return err == WP_ERR_IO ? EXIT_FAILURE_IO : EXIT_INVALID;
    }
    if (dry && out.text)
        printf("# would append to %s:\n%s", r->progress_path, out.text);
    else if (dry)
        printf("# nothing to append to %s\n", r->progress_path);
    else
        print_appended(r, out.appended); /* 0 too: the updates taken were there already */
    free(out.text);
    return EXIT_OK;
}

static void import_run_release(struct import_run *r)
{
    free(r->lines);
    wp_import_result_release(&r->res);
    cli_plan_release(&r->cp);
    free(r->progress_path);
    cli_args_release(&r->args);
}

int cmd_import(int argc, char **argv)
{
    struct import_run r = {0};
    wp_import_result_init(&r.res);
    int rc = cli_args_parse(argc, argv, OPT_PROGRESS | OPT_DRY_RUN | OPT_MANY, usage, &r.args);
    if (rc || r.args.help) {
        cli_args_release(&r.args);
        return rc;
    }
    rc = check_args(&r, argv[0]);
    if (rc == EXIT_OK)
        rc = lock_and_load(&r);
    if (rc == EXIT_OK) {
        import_books(&r);
        rc = append_updates(&r);
    }
    /* the rows taken are written all the same; the status says something was left */
    if (rc == EXIT_OK && r.unreadable)
        rc = EXIT_FAILURE_IO;
    else if (rc == EXIT_OK && r.refused)
        rc = EXIT_INVALID;
    fflush(stdout);
    cli_print_diags(&r.cp.diags);
    print_count_line(&r.cp.diags);
    import_run_release(&r);
    return rc;
}
