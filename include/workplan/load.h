/*
 * Loading plans and progress files from YAML (libyaml underneath).
 *
 *     struct wp_diags diags; wp_diags_init(&diags);
 *     struct wp_plan *plan = NULL;
 *     enum wp_error err = wp_plan_load_file("plan/workplan.yaml", NULL, &plan, &diags);
 *     if (!err && diags.n_errors == 0) ... use plan ...
 *     wp_plan_free(plan); wp_diags_release(&diags);
 *
 * Every problem is reported, not only the first. A file that could be read
 * always yields a model (*out non-NULL), possibly partial when there are
 * errors; run wp_check on it to report the semantic rules as well.
 */
#ifndef WORKPLAN_LOAD_H
#define WORKPLAN_LOAD_H

#include "error.h"
#include "model.h"
#include "progress.h"

/*
 * Bounds on hostile input. Each is checked before memory is committed, and
 * going past one is an error diagnostic (WP_DIAG_LIMIT) naming the limit.
 */
struct wp_limits {
    size_t max_file_bytes;   /* default 256 MiB */
    size_t max_scalar_bytes; /* default 1 MiB */
    unsigned max_depth;      /* nesting of collections; default 64 */
    size_t max_nodes;        /* YAML nodes in the document; default 8,000,000 (about 450 MB) */
    size_t max_alias_nodes;  /* nodes reached through aliases, in total; default 100,000 */
    size_t max_diagnostics;  /* stored diagnostics; default 1000 */
};

void wp_limits_default(struct wp_limits *limits);

/*
 * Loads a `workplan/1` plan. path "-" reads standard input (reported as
 * "<stdin>"). limits NULL means the defaults. Returns WP_ERR_IO when the
 * file cannot be read (with a diagnostic) and *out NULL; WP_ERR_NOMEM on
 * allocation failure; otherwise WP_OK with *out set, even when diagnostics
 * contain errors.
 */
enum wp_error wp_plan_load_file(const char *path, const struct wp_limits *limits,
                                struct wp_plan **out, struct wp_diags *diags);

/* The same from memory; `name` is the file name diagnostics carry. */
enum wp_error wp_plan_load_buffer(const char *name, const char *buf, size_t len,
                                  const struct wp_limits *limits, struct wp_plan **out,
                                  struct wp_diags *diags);

/* Loads a `workplan-progress/1` file, with the same conventions. */
enum wp_error wp_progress_load_file(const char *path, const struct wp_limits *limits,
                                    struct wp_progress **out, struct wp_diags *diags);
enum wp_error wp_progress_load_buffer(const char *name, const char *buf, size_t len,
                                      const struct wp_limits *limits, struct wp_progress **out,
                                      struct wp_diags *diags);

#endif
