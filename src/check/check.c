#include "check/check_internal.h"

void wp_check(const struct wp_plan *plan, const struct wp_progress *progress,
              const struct wp_check_options *options, struct wp_diags *diags)
{
    struct check_ctx c = {.plan = plan, .progress = progress, .diags = diags};
    if (options) {
        c.today = options->today;
        c.latest = options->latest;
    }
    if (!c.today.year) {
        c.today = wp_progress_newest_date(progress);
        if (!c.today.year)
            c.today = plan->adopted;
        if (!c.today.year && plan->period_from)
            c.today = (struct wp_date){plan->period_from, 1, 1};
    }
    wp_check_ids(&c);
    wp_check_refs(&c);
    wp_check_time(&c);
    wp_check_text(&c);
    wp_check_status(&c);
    wp_check_results(&c);
    wp_check_progress_dates(&c);
}
