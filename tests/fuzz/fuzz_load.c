/*
 * libFuzzer target for the loader and checker: the same bytes are read as a
 * plan and as a progress file, the progress is overlaid and checked, and
 * every diagnostic is formatted. Built and run by `make fuzz`.
 * Smaller limits than the defaults keep each run fast; the code paths that
 * enforce them are the same.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "workplan/check.h"
#include "workplan/diag.h"
#include "workplan/load.h"
#include "workplan/progress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void format_all(struct wp_diags *diags)
{
    char line[256];
    wp_diags_sort(diags);
    for (size_t i = 0; i < diags->n; i++)
        wp_diag_format(&diags->items[i], line, sizeof(line));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wp_limits limits;
    wp_limits_default(&limits);
    limits.max_file_bytes = 1u << 20;
    limits.max_scalar_bytes = 64u << 10;
    limits.max_nodes = 200000;
    limits.max_alias_nodes = 20000;
    limits.max_diagnostics = 200;

    const char *buf = (const char *)data;
    struct wp_diags diags;
    wp_diags_init(&diags);
    struct wp_plan *plan = NULL;
    struct wp_progress *progress = NULL;

    /* diagnostics borrow the file names from the models: format them before freeing */
    wp_plan_load_buffer("fuzz.yaml", buf, size, &limits, &plan, &diags);
    wp_progress_load_buffer("fuzz.progress.yaml", buf, size, &limits, &progress, &diags);
    if (plan) {
        struct wp_check_options opts = {.today = {0, 0, 0}};
        wp_check(plan, NULL, &opts, &diags);
        wp_progress_apply(plan, progress);
        wp_check(plan, progress, &opts, &diags);
    }
    format_all(&diags);
    wp_progress_free(progress);
    wp_plan_free(plan);
    wp_diags_release(&diags);
    return 0;
}
