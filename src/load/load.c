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

struct doc {
    const char *name;
    const struct ysource *src;
    const struct wp_limits *limits;
    struct wp_arena *arena;
    struct wp_diags *diags;
};

/* Parses into a tree and hands it to `walk`; -2 on a read error. */
static int parse_and_walk(const struct doc *d, struct schema_ctx *c,
                          void (*walk)(void *model, const struct ynode *, struct schema_ctx *),
                          void *model)
{
    if (!d->diags->max_items)
        d->diags->max_items = d->limits->max_diagnostics;
    struct ytree tree;
    int rc = wp_ytree_parse(&tree, d->name, d->src, d->limits, d->arena, d->diags);
    if (rc == 0)
        walk(model, tree.root, c);
    wp_ytree_release(&tree);
    return rc;
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
    struct wp_limits defaults;
    if (!limits) {
        wp_limits_default(&defaults);
        limits = &defaults;
    }
    struct wp_plan *plan = wp_plan_new();
    plan->file = wp_arena_strdup(&plan->priv->arena, name);
    struct schema_ctx c = {.file = plan->file, .arena = &plan->priv->arena, .diags = diags};
    struct doc d = {plan->file, src, limits, &plan->priv->arena, diags};
    int rc = parse_and_walk(&d, &c, walk_plan, plan);
    wp_strmap_release(&c.language_set);
    if (rc == -2) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_IO, plan->file, (struct wp_pos){0, 0},
                     "cannot read '%s': %s", plan->file, strerror(errno));
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
    struct wp_limits defaults;
    if (!limits) {
        wp_limits_default(&defaults);
        limits = &defaults;
    }
    struct wp_progress *progress = wp_progress_new();
    progress->file = wp_arena_strdup(&progress->priv->arena, name);
    struct schema_ctx c = {.file = progress->file, .arena = &progress->priv->arena, .diags = diags};
    struct doc d = {progress->file, src, limits, &progress->priv->arena, diags};
    int rc = parse_and_walk(&d, &c, walk_progress, progress);
    wp_strmap_release(&c.language_set);
    if (rc == -2) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_IO, progress->file, (struct wp_pos){0, 0},
                     "cannot read '%s': %s", progress->file, strerror(errno));
        wp_progress_free(progress);
        *out = NULL;
        return WP_ERR_IO;
    }
    *out = progress;
    return WP_OK;
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
    *out = NULL;
    FILE *f = open_input(path, diags);
    if (!f)
        return WP_ERR_IO;
    struct ysource src = {.file = f};
    enum wp_error err = load_plan(display_name(path), &src, limits, out, diags);
    if (f != stdin)
        fclose(f);
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
    *out = NULL;
    FILE *f = open_input(path, diags);
    if (!f)
        return WP_ERR_IO;
    struct ysource src = {.file = f};
    enum wp_error err = load_progress(display_name(path), &src, limits, out, diags);
    if (f != stdin)
        fclose(f);
    return err;
}
