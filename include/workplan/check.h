/*
 * The semantic rules of the format: identity, references, time, languages
 * and the consistency warnings. The loader has already checked types and
 * syntax; wp_check adds everything that needs the whole model.
 */
#ifndef WORKPLAN_CHECK_H
#define WORKPLAN_CHECK_H

#include "model.h"
#include "progress.h"

struct wp_check_options {
    /*
     * "Today" for the overdue warning: the build date (build_time.h).
     * Year 0 means: the newest progress date, else plan.adopted, else
     * 1 January of period.from.
     */
    struct wp_date today;
    /*
     * Progress and event dates after this day are errors, dates outside
     * plan.period warnings (issue 21: a date typed into the future re-dates
     * every output). Year 0: not checked (`workplan check` sets the build
     * day: SOURCE_DATE_EPOCH, else the clock).
     */
    struct wp_date latest;
};

/*
 * Appends every problem of plan (and progress, which may be NULL) to diags,
 * in a fixed order. Safe on partial models.
 */
void wp_check(const struct wp_plan *plan, const struct wp_progress *progress,
              const struct wp_check_options *options, struct wp_diags *diags);

#endif
