/* The rule families run by wp_check, in this order. */
#ifndef WP_CHECK_INTERNAL_H
#define WP_CHECK_INTERNAL_H

#include "util/util.h"
#include "workplan/check.h"

struct check_ctx {
    const struct wp_plan *plan;
    const struct wp_progress *progress;
    struct wp_date today;
    struct wp_date latest; /* wp_check_options.latest */
    struct wp_diags *diags;
};

#define CHECK_ERR(c, code, file, pos, ...)                                                         \
    wp_diags_add((c)->diags, WP_SEV_ERROR, (code), (file), (pos), __VA_ARGS__)
#define CHECK_WARN(c, code, file, pos, ...)                                                        \
    wp_diags_add((c)->diags, WP_SEV_WARNING, (code), (file), (pos), __VA_ARGS__)

void wp_check_ids(struct check_ctx *c);
void wp_check_refs(struct check_ctx *c);
void wp_check_time(struct check_ctx *c);
void wp_check_text(struct check_ctx *c);
void wp_check_status(struct check_ctx *c);
void wp_check_results(struct check_ctx *c);
void wp_check_progress_dates(struct check_ctx *c);

#endif
