/*
 * Returned tracking workbooks -> dated progress updates: the workbook
 * opened within its limits, then each of its editable sheets imported by
 * its descriptor (the Tracker, then the Indicators sheet, so that a value
 * dated like a Tracker row joins its update); a workbook refused whole
 * gives nothing.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "import/import_internal.h"
#include "import/xlsx_read.h"
#include "util/util.h"
#include "workplan/build_time.h"
#include "workplan/import.h"

void wp_import_result_init(struct wp_import_result *result)
{
    memset(result, 0, sizeof *result);
}

/* The updates' texts: one arena, freed with the result. */
struct wp_import_strings {
    struct wp_arena arena;
};

const char *wp_import_keep(struct wp_import_result *r, const char *s)
{
    if (!s)
        return NULL;
    if (!r->strings) {
        r->strings = wp_xcalloc(1, sizeof(*r->strings));
        wp_arena_init(&r->strings->arena);
    }
    return wp_arena_strdup(&r->strings->arena, s);
}

void wp_import_result_release(struct wp_import_result *result)
{
    for (size_t i = 0; i < result->n_updates; i++)
        free(result->updates[i].indicators);
    free(result->updates);
    if (result->strings)
        wp_arena_release(&result->strings->arena);
    free(result->strings);
    memset(result, 0, sizeof *result);
}

/* ---- one import ---------------------------------------------------------- */

void wp_import_index_results(struct wp_import_ctx *ctx)
{
    const struct wp_import_result *r = ctx->result;
    for (size_t i = ctx->n_indexed; i < r->n_updates; i++) {
        WP_GROW(ctx->res_next, ctx->res_cap, i + 1);
        ctx->res_next[i] =
            (size_t)(uintptr_t)wp_strmap_get(&ctx->res_heads, r->updates[i].activity);
        wp_strmap_set(&ctx->res_heads, r->updates[i].activity, (void *)(uintptr_t)(i + 1));
    }
    ctx->n_indexed = r->n_updates;
}

/* The sheets a workbook holds, in the order they are imported. */
static const struct wp_import_sheet_desc *const sheets[] = {&wp_import_tracker_sheet,
                                                            &wp_import_indicators_sheet};

static void limits(const struct wp_import_options *opts, struct wp_xlsxr_limits *lim)
{
    wp_xlsxr_limits_default(lim);
    if (opts && opts->max_total_bytes)
        lim->max_total = opts->max_total_bytes;
    if (opts && opts->max_part_bytes)
        lim->max_part = opts->max_part_bytes;
    if (opts && opts->max_cells)
        lim->max_cells = opts->max_cells;
}

/* A workbook refused as a whole gives nothing. */
static void drop_workbook(struct wp_import_result *result, size_t first_new)
{
    for (size_t i = first_new; i < result->n_updates; i++)
        free(result->updates[i].indicators); /* their texts go with the result */
    result->n_updates = first_new;
    result->taken = result->unchanged = result->superseded = 0;
}

enum wp_error wp_import_workbook(const struct wp_plan *plan, const struct wp_import_options *opts,
                                 const char *path, struct wp_import_result *result,
                                 struct wp_diags *diags)
{
    result->taken = result->unchanged = result->refused = result->superseded = 0;
    struct wp_xlsxr_limits lim;
    limits(opts, &lim);
    struct wp_import_ctx ctx = {.plan = plan,
                                .opts = opts,
                                .path = path,
                                .diags = diags,
                                .result = result,
                                .first_new = result->n_updates,
                                .lang = "",
                                .member = ""};
    ctx.today = opts && wp_date_is_valid(opts->today) ? opts->today : wp_date_from_time(time(NULL));
    wp_strmap_init(&ctx.res_heads);
    wp_update_index_init(&ctx.progress_index, opts ? opts->progress : NULL);
    wp_import_index_results(&ctx);
    enum wp_error err = wp_xlsxr_open(path, &lim, diags, &ctx.x);
    for (size_t k = 0; !err && k < sizeof sheets / sizeof sheets[0]; k++)
        err = wp_import_sheet_run(&ctx, sheets[k]);
    if (err)
        drop_workbook(result, ctx.first_new);
    wp_update_index_release(&ctx.progress_index);
    wp_strmap_release(&ctx.res_heads);
    free(ctx.res_next);
    wp_xlsxr_close(ctx.x);
    return err;
}
