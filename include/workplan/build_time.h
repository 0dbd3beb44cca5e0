/*
 * The one build time every writer is given, so that the same inputs give
 * byte-identical outputs: SOURCE_DATE_EPOCH when set, else the newest of
 * plan.adopted and the progress dates, else 1 January of period.from.
 * Never the clock.
 */
#ifndef WORKPLAN_BUILD_TIME_H
#define WORKPLAN_BUILD_TIME_H

#include <time.h>

#include "error.h"
#include "model.h"
#include "progress.h"

/*
 * source_date_epoch is the environment variable's value or NULL. Returns
 * WP_ERR_ARGUMENT when it is set but not a non-negative decimal integer.
 */
enum wp_error wp_build_time(const struct wp_plan *plan, const struct wp_progress *progress,
                            const char *source_date_epoch, time_t *out);

/* The UTC calendar day of t. */
struct wp_date wp_date_from_time(time_t t);

#endif
