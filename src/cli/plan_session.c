/* Loading a plan and its progress file for any verb: the one place they meet. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "util/util.h"

char *cli_progress_beside(const char *plan_path)
{
    if (strcmp(plan_path, "-") == 0)
        return NULL;
    const char *slash = strrchr(plan_path, '/');
    struct wp_buf b = WP_BUF_INIT;
    if (slash)
        wp_buf_add(&b, plan_path, (size_t)(slash - plan_path) + 1);
    wp_buf_adds(&b, "progress.yaml");
    return wp_buf_detach(&b, NULL);
}

char *cli_default_progress_path(const char *plan_path)
{
    char *path = cli_progress_beside(plan_path);
    struct stat st;
    if (path && (stat(path, &st) != 0 || !S_ISREG(st.st_mode))) {
        free(path);
        return NULL;
    }
    return path;
}

/* cli.md: diagnostics on stderr, "then one summary line" */
static void print_summary_line(const struct cli_plan *cp)
{
    const struct wp_diags *d = &cp->diags;
    if (d->n_errors || d->n_warnings)
        fprintf(stderr, "%s: %zu error%s, %zu warning%s\n", cp->plan->file, d->n_errors,
                d->n_errors == 1 ? "" : "s", d->n_warnings, d->n_warnings == 1 ? "" : "s");
}

/* Returns EXIT_OK or the exit code to stop with; a missing file is no progress when allowed. */
static int load_progress(struct cli_plan *cp, const struct cli_plan_request *rq)
{
    enum wp_error err;
    if (rq->open_file) {
        /* the handle locks, then loads under the lock; a missing file is created later */
        err = wp_progress_file_open(cp->progress_path, rq->open_file, &cp->file, &cp->diags);
        if (cp->file)
            cp->progress = wp_progress_file_progress(cp->file);
    } else {
        struct stat st;
        if (rq->progress_may_be_missing && stat(cp->progress_path, &st) != 0 && errno == ENOENT)
            return EXIT_OK;
        err = wp_progress_load_file(cp->progress_path, NULL, &cp->own_progress, &cp->diags);
        cp->progress = cp->own_progress;
    }
    if (err)
        return err == WP_ERR_LIMIT ? EXIT_INVALID : EXIT_FAILURE_IO;
    return EXIT_OK;
}

/* The build day: SOURCE_DATE_EPOCH when set (then the build time), else the clock's. */
static struct wp_date build_day(const struct cli_plan *cp)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    return wp_date_from_time(sde && *sde ? cp->build_time : time(NULL));
}

/* How far loading got, for what to print: the old behaviour of every verb. */
enum load_stage { STAGE_LOAD, STAGE_BUILD_TIME, STAGE_CHECKED };

static int load_and_check(struct cli_plan *cp, const struct cli_plan_request *rq,
                          enum load_stage *stage)
{
    *stage = STAGE_LOAD;
    enum wp_error err = wp_plan_load_file(rq->plan_path, NULL, &cp->plan, &cp->diags);
    if (err)
        return err == WP_ERR_LIMIT ? EXIT_INVALID : EXIT_FAILURE_IO;
    if (!rq->progress_opt)
        cp->progress_path = cli_default_progress_path(rq->plan_path);
    else if (strcmp(rq->progress_opt, "none") != 0)
        cp->progress_path = wp_xstrdup(rq->progress_opt);
    if (cp->progress_path) {
        int rc = load_progress(cp, rq);
        if (rc)
            return rc;
    }
    *stage = STAGE_BUILD_TIME;
    if (wp_build_time(cp->plan, cp->progress, getenv("SOURCE_DATE_EPOCH"), &cp->build_time)) {
        cli_error("SOURCE_DATE_EPOCH '%s' is not a number of seconds", getenv("SOURCE_DATE_EPOCH"));
        return EXIT_USAGE;
    }
    *stage = STAGE_CHECKED;
    wp_progress_apply(cp->plan, cp->progress);
    struct wp_check_options opts = {.today = wp_date_from_time(cp->build_time)};
    if (rq->dates_until_today)
        opts.latest = build_day(cp);
    wp_check(cp->plan, cp->progress, &opts, &cp->diags);
    if (rq->strict)
        wp_diags_promote_warnings(&cp->diags);
    return cp->diags.n_errors ? EXIT_INVALID : EXIT_OK;
}

int cli_plan_open(struct cli_plan *cp, const struct cli_plan_request *rq)
{
    memset(cp, 0, sizeof(*cp));
    wp_diags_init(&cp->diags);
    enum load_stage stage;
    int rc = load_and_check(cp, rq, &stage);
    if (rq->keep_diags || stage == STAGE_BUILD_TIME)
        return rc;
    cli_print_diags(&cp->diags);
    /* a file that did not load has no summary line: its diagnostics say it all */
    if (stage == STAGE_CHECKED)
        print_summary_line(cp);
    return rc;
}

int cli_plan_load(struct cli_plan *cp, const char *plan_path, const char *progress_opt, bool strict)
{
    struct cli_plan_request rq = {
        .plan_path = plan_path, .progress_opt = progress_opt, .strict = strict};
    return cli_plan_open(cp, &rq);
}

void cli_plan_release(struct cli_plan *cp)
{
    wp_plan_free(cp->plan);
    wp_progress_file_close(cp->file); /* and the progress it loaded */
    wp_progress_free(cp->own_progress);
    wp_diags_release(&cp->diags);
    free(cp->progress_path);
    memset(cp, 0, sizeof(*cp));
}

bool cli_lang_ok(const struct wp_plan *plan, const char *verb, const char *lang)
{
    for (size_t i = 0; i < plan->languages.n; i++)
        if (wp_lang_equal(plan->languages.items[i].s, lang)) /* codes ignore case */
            return true;
    struct wp_buf b = WP_BUF_INIT;
    for (size_t i = 0; i < plan->languages.n; i++)
        wp_buf_addf(&b, "%s'%s'", i ? ", " : "", plan->languages.items[i].s);
    cli_usage_error(verb, "language '%s' is not declared by the plan (declared: %s)", lang, b.data);
    wp_buf_release(&b);
    return false;
}
