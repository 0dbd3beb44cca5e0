/*
 * workplan import PLAN [--progress FILE] [--dry-run] WORKBOOK...
 *
 * Every workbook is read; the rows that can be taken become updates
 * appended to the progress file, whose existing bytes stay as they were.
 * The new file is loaded and checked before it replaces the old one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "util/util.h"

#define MAX_PROGRESS_BYTES ((size_t)256 << 20)

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
    "Exit status: 0 every row taken or unchanged (warnings may be printed);\n"
    "1 the plan or progress file is invalid (nothing written), or a workbook\n"
    "or some rows were refused (the rows taken were written); 2 usage error;\n"
    "3 a file could not be read or written (the other workbooks' rows taken\n"
    "were written).\n";

static void print_count_line(struct wp_diags *d)
{
    if (d->n_errors || d->n_warnings)
        fprintf(stderr, "import: %zu error%s, %zu warning%s\n", d->n_errors,
                d->n_errors == 1 ? "" : "s", d->n_warnings, d->n_warnings == 1 ? "" : "s");
}

static char *progress_beside(const char *plan_path)
{
    const char *slash = strrchr(plan_path, '/');
    struct wp_buf b = WP_BUF_INIT;
    if (slash)
        wp_buf_add(&b, plan_path, (size_t)(slash - plan_path) + 1);
    wp_buf_adds(&b, "progress.yaml");
    return wp_buf_detach(&b, NULL);
}

/* The indentation of the existing `updates:` items, or -1 when there are none to see. */
static int items_indent(const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    bool in_updates = false;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        if (strncmp(p, "updates:", 8) == 0) {
            in_updates = true;
        } else if (in_updates) {
            const char *q = p;
            while (q < eol && *q == ' ')
                q++;
            if (q + 1 < eol && q[0] == '-' && (q[1] == ' ' || q[1] == '\n'))
                return (int)(q - p);
            if (q < eol && *q != '#' && q == p)
                in_updates = false; /* another top-level key */
        }
        p = eol + 1;
    }
    return -1;
}

struct plan_state {
    struct wp_plan *plan;
    struct wp_progress *progress;
    char *progress_path;
    char *old; /* the progress file's bytes, NULL when it does not exist */
    size_t old_len;
};

static int load_inputs(struct plan_state *ps, const char *plan_path, const char *progress_opt,
                       struct wp_diags *diags)
{
    enum wp_error err = wp_plan_load_file(plan_path, NULL, &ps->plan, diags);
    if (err)
        return err == WP_ERR_LIMIT ? 1 : 3;
    ps->progress_path = progress_opt ? wp_xstrdup(progress_opt) : progress_beside(plan_path);
    struct stat st;
    if (stat(ps->progress_path, &st) == 0) {
        int rc = wp_read_file(ps->progress_path, MAX_PROGRESS_BYTES, &ps->old, &ps->old_len);
        if (rc != 0) {
            if (rc == -2) {
                wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_LIMIT, ps->progress_path,
                             (struct wp_pos){0, 0}, "file is larger than %zu bytes",
                             MAX_PROGRESS_BYTES);
                return 1;
            }
            wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_IO, ps->progress_path, (struct wp_pos){0, 0},
                         "cannot read file: %s", strerror(errno));
            return 3;
        }
        err = wp_progress_load_buffer(ps->progress_path, ps->old, ps->old_len, NULL, &ps->progress,
                                      diags);
        if (err)
            return err == WP_ERR_LIMIT ? 1 : 3;
    } else if (errno != ENOENT) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_IO, ps->progress_path, (struct wp_pos){0, 0},
                     "cannot read file: %s", strerror(errno));
        return 3;
    }
    time_t now;
    if (wp_build_time(ps->plan, ps->progress, getenv("SOURCE_DATE_EPOCH"), &now) != WP_OK)
        now = 0;
    wp_progress_apply(ps->plan, ps->progress);
    struct wp_check_options co = {.today = wp_date_from_time(now)};
    wp_check(ps->plan, ps->progress, &co, diags);
    return diags->n_errors ? 1 : 0;
}

/*
 * The new file's bytes: the old ones untouched, then the items. Each way
 * of appending is proved by loading and checking the result; the first
 * that gives exactly the old updates plus the new ones is kept.
 */
static int compose(struct plan_state *ps, const struct wp_import_result *res, char **out,
                   size_t *out_len, size_t *appended_from, size_t *appended_to,
                   struct wp_diags *diags)
{
    int indents[4] = {-1, 2, 0, 4};
    indents[0] = ps->old ? items_indent(ps->old, ps->old_len) : 2;
    size_t old_n = ps->progress ? ps->progress->n_updates : 0;
    struct wp_diags last;
    wp_diags_init(&last);
    for (size_t k = 0; k < 4; k++) {
        if (indents[k] < 0 || (k > 0 && indents[k] == indents[0]))
            continue;
        struct wp_buf b = WP_BUF_INIT;
        /* at the end of the updates, so that keys after them (events:) stay whole */
        size_t at = ps->old ? wp_import_updates_end(ps->old, ps->old_len) : 0;
        if (ps->old) {
            wp_buf_add(&b, ps->old, at);
            if (at && ps->old[at - 1] != '\n')
                wp_buf_addc(&b, '\n');
            if (!strstr(ps->old, "\nupdates:") && strncmp(ps->old, "updates:", 8) != 0)
                wp_buf_adds(&b, "updates:\n");
        } else {
            size_t hl;
            char *h = wp_import_progress_header(ps->plan->id, &hl);
            wp_buf_add(&b, h, hl);
            free(h);
        }
        *appended_from = b.len;
        size_t il;
        char *items = wp_import_render(res->updates, res->n_updates, (unsigned)indents[k], &il);
        wp_buf_add(&b, items, il);
        free(items);
        *appended_to = b.len;
        if (ps->old)
            wp_buf_add(&b, ps->old + at, ps->old_len - at);

        wp_diags_release(&last);
        wp_diags_init(&last);
        struct wp_progress *np = NULL;
        enum wp_error err =
            wp_progress_load_buffer(ps->progress_path, b.data, b.len, NULL, &np, &last);
        if (!err && last.n_errors == 0 && np && np->n_updates == old_n + res->n_updates) {
            wp_progress_apply(ps->plan, np);
            wp_check(ps->plan, np, &(struct wp_check_options){{0, 0, 0}}, &last);
            wp_progress_apply(ps->plan, ps->progress);
        }
        bool ok = !err && last.n_errors == 0 && np && np->n_updates == old_n + res->n_updates;
        wp_progress_free(np);
        if (ok) {
            wp_diags_release(&last);
            *out = wp_buf_detach(&b, out_len);
            return 0;
        }
        wp_buf_release(&b);
    }
    wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_MALFORMED, ps->progress_path, (struct wp_pos){0, 0},
                 "cannot append updates: the result would not load as a valid progress file "
                 "(is 'updates:' a block list at the end of the file?); nothing written");
    /* the checker's own words say what is wrong with the result */
    for (size_t i = 0; i < last.n; i++)
        if (last.items[i].severity == WP_SEV_ERROR)
            /* positions are in a text that is not on disk: say so instead */
            wp_diags_add(diags, WP_SEV_ERROR, last.items[i].code, ps->progress_path,
                         (struct wp_pos){0, 0}, "after appending, line %u: %s",
                         last.items[i].pos.line, last.items[i].message);
    wp_diags_release(&last);
    return 1;
}

static int write_file(const char *path, const char *data, size_t len, struct wp_diags *diags)
{
    struct wp_atomic at;
    if (wp_atomic_begin(&at, path) != 0) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_IO, path, (struct wp_pos){0, 0},
                     "cannot write file: %s", strerror(errno));
        return 3;
    }
    FILE *f = fopen(at.tmp_path, "wb");
    bool ok = f && fwrite(data, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok || wp_atomic_commit(&at) != 0) {
        int saved = errno;
        if (!ok)
            wp_atomic_abort(&at);
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_IO, path, (struct wp_pos){0, 0},
                     "cannot write file: %s", strerror(saved));
        return 3;
    }
    return 0;
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

int cmd_import(int argc, char **argv)
{
    struct cli_args a;
    int rc = cli_args_parse(argc, argv, OPT_PROGRESS | OPT_DRY_RUN | OPT_MANY, usage, &a);
    if (rc || a.help) {
        cli_args_release(&a);
        return rc;
    }
    const char *plan_path = a.plan, *progress_opt = a.progress;
    char **books = a.rest;
    int n_books = a.n_rest;
    bool dry_run = a.dry_run;
    if (n_books == 0)
        rc = cli_usage_error(argv[0], "missing WORKBOOK argument");
    else if (progress_opt && (strcmp(progress_opt, "none") == 0 || !*progress_opt))
        rc = cli_usage_error(argv[0], "'--progress %s' leaves nowhere to write", progress_opt);
    else if (strcmp(plan_path, "-") == 0 && !progress_opt)
        rc = cli_usage_error(argv[0], "a plan read from stdin needs '--progress FILE'");
    if (rc) {
        cli_args_release(&a);
        return rc;
    }

    struct wp_diags diags;
    wp_diags_init(&diags);
    struct plan_state ps = {0};
    rc = load_inputs(&ps, plan_path, progress_opt, &diags);
    struct wp_import_result res;
    wp_import_result_init(&res);
    bool refused = false, unreadable = false;
    if (rc == 0) {
        /* the day of the import: SOURCE_DATE_EPOCH when set, else the clock (cli.md) */
        const char *sde = getenv("SOURCE_DATE_EPOCH");
        time_t day = time(NULL);
        if (sde && *sde && wp_build_time(ps.plan, ps.progress, sde, &day) != WP_OK)
            day = time(NULL);
        struct wp_import_options io = {.progress = ps.progress, .today = wp_date_from_time(day)};
        for (int i = 0; i < n_books; i++) {
            size_t errors_before = diags.n_errors;
            enum wp_error err = wp_import_workbook(ps.plan, &io, books[i], &res, &diags);
            if (err == WP_ERR_IO) {
                printf("%s: not read\n", books[i]);
                unreadable = true;
                continue;
            }
            if (err) {
                printf("%s: workbook refused\n", books[i]);
                refused = true;
                continue;
            }
            printf("%s: %zu %s taken, %zu %s unchanged, %zu %s refused", books[i], res.taken,
                   plural(res.taken, "update", "updates"), res.unchanged,
                   plural(res.unchanged, "row", "rows"), res.refused,
                   plural(res.refused, "row", "rows"));
            if (res.superseded)
                printf(", %zu %s superseded by newer updates", res.superseded,
                       plural(res.superseded, "row", "rows"));
            printf("\n");
            if (res.refused || diags.n_errors > errors_before)
                refused = true;
        }
    }
    if (rc == 0 && res.n_updates > 0) {
        char *text = NULL;
        size_t len = 0, from = 0;
        size_t to = 0;
        rc = compose(&ps, &res, &text, &len, &from, &to, &diags);
        if (rc == 0) {
            if (dry_run) {
                printf("# would append to %s:\n", ps.progress_path);
                fwrite(text + from, 1, to - from, stdout);
            } else {
                rc = write_file(ps.progress_path, text, len, &diags);
                if (rc == 0)
                    printf("%s: %zu %s appended\n", ps.progress_path, res.n_updates,
                           plural(res.n_updates, "update", "updates"));
            }
        }
        free(text);
    } else if (rc == 0 && dry_run) {
        printf("# nothing to append to %s\n", ps.progress_path);
    }
    /* the rows taken are written all the same; the status says something was left */
    if (rc == 0 && unreadable)
        rc = 3;
    else if (rc == 0 && refused)
        rc = 1;
    fflush(stdout);
    cli_print_diags(&diags);
    print_count_line(&diags);

    wp_import_result_release(&res);
    wp_plan_free(ps.plan);
    wp_progress_free(ps.progress);
    free(ps.progress_path);
    free(ps.old);
    wp_diags_release(&diags);
    cli_args_release(&a);
    return rc;
}
