/* Entry points: read under the size limit, parse, walk the schema, index. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "load/load_internal.h"

void wp_limits_default(struct wp_limits *limits)
{
    *limits = (struct wp_limits){
        .max_file_bytes = 256u << 20,
        .max_scalar_bytes = 1u << 20,
        .max_depth = 64,
        .max_nodes = 20000000,
        .max_alias_nodes = 100000,
        .max_diagnostics = 1000,
    };
}

static const char *display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

static bool over_size(const char *name, size_t len, const struct wp_limits *limits,
                      struct wp_diags *diags)
{
    if (len <= limits->max_file_bytes)
        return false;
    wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_LIMIT, name, (struct wp_pos){1, 1},
                 "file larger than %zu bytes (limit)", limits->max_file_bytes);
    return true;
}

static enum wp_error read_input(const char *path, const struct wp_limits *limits, char **data,
                                size_t *len, struct wp_diags *diags)
{
    const char *name = display_name(path);
    int rc = wp_read_file(path, limits->max_file_bytes, data, len);
    if (rc == -2) {
        over_size(name, limits->max_file_bytes + 1, limits, diags);
        return WP_ERR_LIMIT;
    }
    if (rc) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_IO, name, (struct wp_pos){0, 0},
                     "cannot read '%s': %s", name, strerror(errno));
        return WP_ERR_IO;
    }
    return WP_OK;
}

enum wp_error wp_plan_load_buffer(const char *name, const char *buf, size_t len,
                                  const struct wp_limits *limits, struct wp_plan **out,
                                  struct wp_diags *diags)
{
    struct wp_limits defaults;
    if (!limits) {
        wp_limits_default(&defaults);
        limits = &defaults;
    }
    if (!diags->max_items)
        diags->max_items = limits->max_diagnostics;
    struct wp_plan *plan = wp_plan_new();
    plan->file = wp_arena_strdup(&plan->priv->arena, name);
    struct schema_ctx c = {.file = plan->file, .arena = &plan->priv->arena, .diags = diags};
    if (!over_size(plan->file, len, limits, diags)) {
        struct ytree tree;
        if (ytree_parse(&tree, plan->file, buf, len, limits, diags) == 0)
            plan_from_tree(plan, tree.root, &c);
        ytree_release(&tree);
    }
    if (!plan->languages.n) {
        plan->languages.items = WP_ARENA_NEW(&plan->priv->arena, struct wp_str, 1);
        plan->languages.items[0] = (struct wp_str){"en", {1, 1}};
        plan->languages.n = 1;
    }
    wp_plan_index(plan);
    wp_progress_apply(plan, NULL);
    *out = plan;
    return WP_OK;
}

enum wp_error wp_plan_load_file(const char *path, const struct wp_limits *limits,
                                struct wp_plan **out, struct wp_diags *diags)
{
    struct wp_limits defaults;
    if (!limits) {
        wp_limits_default(&defaults);
        limits = &defaults;
    }
    *out = NULL;
    char *data;
    size_t len;
    enum wp_error err = read_input(path, limits, &data, &len, diags);
    if (err)
        return err;
    err = wp_plan_load_buffer(display_name(path), data, len, limits, out, diags);
    free(data);
    return err;
}

enum wp_error wp_progress_load_buffer(const char *name, const char *buf, size_t len,
                                      const struct wp_limits *limits,
                                      struct wp_progress **out, struct wp_diags *diags)
{
    struct wp_limits defaults;
    if (!limits) {
        wp_limits_default(&defaults);
        limits = &defaults;
    }
    if (!diags->max_items)
        diags->max_items = limits->max_diagnostics;
    struct wp_progress *progress = wp_progress_new();
    progress->file = wp_arena_strdup(&progress->priv->arena, name);
    struct schema_ctx c = {.file = progress->file, .arena = &progress->priv->arena,
                           .diags = diags};
    if (!over_size(progress->file, len, limits, diags)) {
        struct ytree tree;
        if (ytree_parse(&tree, progress->file, buf, len, limits, diags) == 0)
            progress_from_tree(progress, tree.root, &c);
        ytree_release(&tree);
    }
    *out = progress;
    return WP_OK;
}

enum wp_error wp_progress_load_file(const char *path, const struct wp_limits *limits,
                                    struct wp_progress **out, struct wp_diags *diags)
{
    struct wp_limits defaults;
    if (!limits) {
        wp_limits_default(&defaults);
        limits = &defaults;
    }
    *out = NULL;
    char *data;
    size_t len;
    enum wp_error err = read_input(path, limits, &data, &len, diags);
    if (err)
        return err;
    err = wp_progress_load_buffer(display_name(path), data, len, limits, out, diags);
    free(data);
    return err;
}
