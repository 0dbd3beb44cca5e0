/* Loading a plan and its progress file for any verb: the one place they meet. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "util/util.h"

/* progress.yaml in PLAN's folder; NULL for stdin or when there is none. */
char *cli_default_progress_path(const char *plan_path)
{
    if (strcmp(plan_path, "-") == 0)
        return NULL;
    const char *slash = strrchr(plan_path, '/');
    struct wp_buf b = WP_BUF_INIT;
    if (slash)
        wp_buf_add(&b, plan_path, (size_t)(slash - plan_path) + 1);
    wp_buf_adds(&b, "progress.yaml");
    char *path = wp_buf_detach(&b, NULL);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
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

int cli_plan_load(struct cli_plan *cp, const char *plan_path, const char *progress_opt, bool strict)
{
    memset(cp, 0, sizeof(*cp));
    wp_diags_init(&cp->diags);
    enum wp_error err = wp_plan_load_file(plan_path, NULL, &cp->plan, &cp->diags);
    if (err) {
        cli_print_diags(&cp->diags);
        return err == WP_ERR_LIMIT ? EXIT_INVALID : EXIT_FAILURE_IO;
    }
    if (!progress_opt)
        cp->progress_path = cli_default_progress_path(plan_path);
    else if (strcmp(progress_opt, "none") != 0)
        cp->progress_path = wp_xstrdup(progress_opt);
    if (cp->progress_path) {
        err = wp_progress_load_file(cp->progress_path, NULL, &cp->progress, &cp->diags);
        if (err) {
            cli_print_diags(&cp->diags);
            return err == WP_ERR_LIMIT ? EXIT_INVALID : EXIT_FAILURE_IO;
        }
    }
    if (wp_build_time(cp->plan, cp->progress, getenv("SOURCE_DATE_EPOCH"), &cp->build_time)) {
        cli_error("SOURCE_DATE_EPOCH '%s' is not a number of seconds", getenv("SOURCE_DATE_EPOCH"));
        return EXIT_USAGE;
    }
    wp_progress_apply(cp->plan, cp->progress);
    struct wp_check_options opts = {.today = wp_date_from_time(cp->build_time)};
    wp_check(cp->plan, cp->progress, &opts, &cp->diags);
    if (strict)
        wp_diags_promote_warnings(&cp->diags);
    cli_print_diags(&cp->diags);
    print_summary_line(cp);
    return cp->diags.n_errors ? EXIT_INVALID : EXIT_OK;
}

void cli_plan_release(struct cli_plan *cp)
{
    wp_plan_free(cp->plan);
    wp_progress_free(cp->progress);
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
    cli_usage_error(verb, "language '%s' is not declared by the plan (declared: %s)", lang,
                    b.data ? b.data : "");
    wp_buf_release(&b);
    return false;
}
