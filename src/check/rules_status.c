/* Consistency warnings between status, progress and time. */
#include <stdio.h>

#include "check/check_internal.h"

void wp_check_status(struct check_ctx *c)
{
    const struct wp_plan *plan = c->plan;
    for (size_t i = 0; i < plan->n_activities; i++) {
        const struct wp_activity *a = plan->activities[i];
        if (!a->id)
            continue;
        if (a->progress_given && a->progress == 100 && a->status != WP_STATUS_COMPLETED)
            CHECK_WARN(c, WP_DIAG_PROGRESS_FULL_NOT_COMPLETED, plan->file, a->progress_pos,
                       "activity '%s' has progress 100 but status '%s', not 'completed'", a->id,
                       wp_status_word(a->status));
        if (a->status == WP_STATUS_COMPLETED && a->progress < 100)
            CHECK_WARN(c, WP_DIAG_COMPLETED_NOT_FULL, plan->file,
                       a->progress_given ? a->progress_pos : a->status_pos,
                       "activity '%s' is 'completed' but its progress is %d, under 100", a->id,
                       a->progress);
        if (a->end.year && c->today.year && a->current.status == WP_STATUS_PLANNED) {
            struct wp_date end = wp_period_last_day(&a->end);
            if (wp_date_cmp(end, c->today) < 0) {
                char e[11], t[11];
                wp_date_iso(end, e);
                wp_date_iso(c->today, t);
                CHECK_WARN(c, WP_DIAG_OVERDUE_PLANNED, plan->file, a->end.pos,
                           "activity '%s' ended on %s (before %s) but is still 'planned'", a->id, e,
                           t);
            }
        }
    }
}
