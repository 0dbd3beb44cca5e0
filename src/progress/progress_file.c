/*
 * The progress file as one handle: its lock taken, its content loaded,
 * updates gathered, and one commit through the appender. A program
 * importing workbooks holds the lock from the first read to the replace,
 * so concurrent imports behave as if run one after another.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/util.h"
#include "workplan/load.h"
#include "workplan/progress.h"

struct wp_progress_file {
    char *path;
    bool dry_run;
    struct wp_progress_lock *lock; /* NULL in a dry run */
    struct wp_progress *progress;  /* NULL when the file does not exist yet */
    struct wp_update *staged;      /* shallow copies: the strings stay the caller's */
    size_t n_staged, cap_staged;
};

enum wp_error wp_progress_file_open(const char *path, const struct wp_progress_file_options *opts,
                                    struct wp_progress_file **file, struct wp_diags *diags)
{
    static const struct wp_progress_file_options defaults = {0};
    if (!opts)
        opts = &defaults;
    *file = NULL;
    struct wp_progress_file *pf = wp_xcalloc(1, sizeof(*pf));
    pf->path = wp_xstrdup(path);
    pf->dry_run = opts->dry_run;
    enum wp_error err = WP_OK;
    if (!pf->dry_run) {
        err = wp_progress_lock(path, &opts->lock, &pf->lock, diags);
        if (!err)
            wp_progress_settle(path); /* an editor may be saving it in place */
    }
    struct stat st;
    if (!err && !(stat(path, &st) != 0 && errno == ENOENT))
        err = wp_progress_load_file(path, NULL, &pf->progress, diags);
    if (err) {
        wp_progress_file_close(pf);
        return err;
    }
    *file = pf;
    return WP_OK;
}

const struct wp_progress *wp_progress_file_progress(const struct wp_progress_file *file)
{
    return file->progress;
}

const char *wp_progress_file_path(const struct wp_progress_file *file)
{
    return file->path;
}

void wp_progress_file_append(struct wp_progress_file *file, const struct wp_update *updates,
                             size_t n)
{
    if (!n)
        return;
    WP_GROW(file->staged, file->cap_staged, file->n_staged + n);
    memcpy(file->staged + file->n_staged, updates, n * sizeof(*updates));
    file->n_staged += n;
}

enum wp_error wp_progress_file_commit(struct wp_progress_file *file, struct wp_plan *plan,
                                      struct wp_progress_append_result *result,
                                      struct wp_diags *diags)
{
    struct wp_progress_append_options o = {
        .held = file->lock, .loaded = file->progress, .dry_run = file->dry_run};
    return wp_progress_append(plan, file->path, file->staged, file->n_staged, &o, result, diags);
}

void wp_progress_file_close(struct wp_progress_file *file)
{
    if (!file)
        return;
    wp_progress_unlock(file->lock);
    wp_progress_free(file->progress);
    free(file->staged);
    free(file->path);
    free(file);
}
