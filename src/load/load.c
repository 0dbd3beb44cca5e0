/* Entry points: parse (streaming from files), walk the schema, index. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load/load_internal.h"

void wp_limits_default(struct wp_limits *limits)
{
    *limits = (struct wp_limits){
        .max_file_bytes = 256u << 20,
        .max_scalar_bytes = 1u << 20,
        .max_depth = 64,
        .max_nodes = 8000000,
        .max_alias_nodes = 100000,
        .max_diagnostics = 1000,
    };
}

static const char *display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* Opens path ("-" = stdin) for reading; NULL with a diagnostic when it can't. */
static FILE *open_input(const char *path, struct wp_diags *diags)
{
    const char *name = display_name(path);
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    struct stat st;
    int err = errno;
    if (f && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        f = NULL;
        err = EISDIR;
    }
    if (!f)
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_IO, name, (struct wp_pos){0, 0},
                     "cannot read '%s': %s", name, strerror(err));
    return f;
}

/*
 * What loading a plan and loading a progress file share: default limits,
 * the parse into a tree, the walk of that tree into `model` (whose arena
 * holds the strings). WP_ERR_IO with a diagnostic when the input cannot be
 * read; other errors are diagnostics only.
 */
static enum wp_error
read_document(const char *file, const struct ysource *src, const struct wp_limits *limits,
              struct wp_arena *arena, struct wp_diags *diags,
              void (*walk)(void *model, const struct ynode *, struct schema_ctx *), void *model)
{
    struct wp_limits defaults;
    if (!limits) {
        wp_limits_default(&defaults);
        limits = &defaults;
    }
    if (!diags->max_items)
        diags->max_items = limits->max_diagnostics;
    struct schema_ctx c = {.file = file, .arena = arena, .diags = diags};
    struct ytree tree;
    int rc = wp_ytree_parse(&tree, file, src, limits, arena, diags);
    if (rc == 0)
        walk(model, tree.root, &c);
    wp_ytree_release(&tree);
    wp_strmap_release(&c.language_set);
    if (rc == -2) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_IO, file, (struct wp_pos){0, 0},
                     "cannot read '%s': %s", file, strerror(errno));
        return WP_ERR_IO;
    }
    return WP_OK;
}

static void walk_plan(void *model, const struct ynode *root, struct schema_ctx *c)
{
    wp_plan_from_tree(model, root, c);
}

static void walk_progress(void *model, const struct ynode *root, struct schema_ctx *c)
{
    wp_progress_from_tree(model, root, c);
}

static enum wp_error load_plan(const char *name, const struct ysource *src,
                               const struct wp_limits *limits, struct wp_plan **out,
                               struct wp_diags *diags)
{
    struct wp_plan *plan = wp_plan_new();
    plan->file = wp_arena_strdup(&plan->priv->arena, name);
    if (read_document(plan->file, src, limits, &plan->priv->arena, diags, walk_plan, plan)) {
        wp_plan_free(plan);
        *out = NULL;
        return WP_ERR_IO;
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

static enum wp_error load_progress(const char *name, const struct ysource *src,
                                   const struct wp_limits *limits, struct wp_progress **out,
                                   struct wp_diags *diags)
{
    struct wp_progress *progress = wp_progress_new();
    progress->file = wp_arena_strdup(&progress->priv->arena, name);
    if (read_document(progress->file, src, limits, &progress->priv->arena, diags, walk_progress,
                      progress)) {
        wp_progress_free(progress);
        *out = NULL;
        return WP_ERR_IO;
    }
    *out = progress;
    return WP_OK;
}

/* Opens path ("-" = stdin) as src; false with a diagnostic when it cannot be read. */
static bool input_open(const char *path, struct ysource *src, struct wp_diags *diags)
{
    *src = (struct ysource){.file = open_input(path, diags)};
    return src->file != NULL;
}

static void input_close(struct ysource *src)
{
    if (src->file != stdin)
        fclose(src->file);
}

enum wp_error wp_plan_load_buffer(const char *name, const char *buf, size_t len,
                                  const struct wp_limits *limits, struct wp_plan **out,
                                  struct wp_diags *diags)
{
    struct ysource src = {.buf = buf, .len = len};
    return load_plan(name, &src, limits, out, diags);
}

enum wp_error wp_plan_load_file(const char *path, const struct wp_limits *limits,
                                struct wp_plan **out, struct wp_diags *diags)
{
    struct ysource src;
    *out = NULL;
    if (!input_open(path, &src, diags))
        return WP_ERR_IO;
    enum wp_error err = load_plan(display_name(path), &src, limits, out, diags);
    input_close(&src);
    return err;
}

enum wp_error wp_progress_load_buffer(const char *name, const char *buf, size_t len,
                                      const struct wp_limits *limits, struct wp_progress **out,
                                      struct wp_diags *diags)
{
    struct ysource src = {.buf = buf, .len = len};
    return load_progress(name, &src, limits, out, diags);
}

enum wp_error wp_progress_load_file(const char *path, const struct wp_limits *limits,
                                    struct wp_progress **out, struct wp_diags *diags)
{
    struct ysource src;
    *out = NULL;
    if (!input_open(path, &src, diags))
        return WP_ERR_IO;
    enum wp_error err = load_progress(display_name(path), &src, limits, out, diags);
    input_close(&src);
    return err;
}
