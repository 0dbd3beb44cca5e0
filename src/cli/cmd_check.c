#include <stdio.h>

#include "cli/args.h"
#include "cli/cli.h"

static const char usage[] =
    "usage: workplan check PLAN [--progress FILE] [--strict] [--diagnostics text|github]\n"
    "\n"
    "Checks the plan (and its progress file) against every rule of the format and\n"
    "prints each problem as FILE:LINE:COLUMN: error|warning: MESSAGE on stderr.\n"
    "On success prints one summary line on stdout.\n"
    "\n"
    "  --progress FILE  the progress file (default: progress.yaml beside PLAN; 'none')\n"
    "  --strict         treat warnings as errors\n"
    "\n"
    "Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage, 3 unreadable file.\n";

int cmd_check(int argc, char **argv)
{
    struct cli_args a;
    int rc = cli_args_parse(argc, argv, OPT_PROGRESS | OPT_STRICT, usage, &a);
    if (rc || a.help) {
        cli_args_release(&a);
        return rc;
    }
    struct cli_plan cp;
    struct cli_plan_request rq = {.plan_path = a.plan,
                                  .progress_opt = a.progress,
                                  .strict = a.strict,
                                  .dates_until_today = true};
    rc = cli_plan_open(&cp, &rq);
    if (rc == EXIT_OK) {
        const struct wp_plan *p = cp.plan;
        printf("%s: %zu area%s, %zu activit%s, %zu countr%s, %zu warning%s\n", p->file, p->n_areas,
               p->n_areas == 1 ? "" : "s", p->n_activities, p->n_activities == 1 ? "y" : "ies",
               p->n_countries, p->n_countries == 1 ? "y" : "ies", cp.diags.n_warnings,
               cp.diags.n_warnings == 1 ? "" : "s");
    }
    cli_plan_release(&cp);
    cli_args_release(&a);
    return rc;
}
