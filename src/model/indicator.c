/* Measured indicators: how far along, against the target and against time. */
#include <stdio.h>
#include <string.h>

#include "model/model_internal.h"

const struct wp_indicator *wp_activity_find_indicator(const struct wp_activity *a, const char *id)
{
    /* binary search for the first of the ids equal to id (wp_plan_index sorted them) */
    size_t lo = 0, hi = a->n_measured_by_id;
    while (id && lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(a->measured_by_id[mid]->id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (id && lo < a->n_measured_by_id && strcmp(a->measured_by_id[lo]->id, id) == 0)
        return a->measured_by_id[lo];
    return NULL;
}

double wp_indicator_share(const struct wp_indicator *ind)
{
    double span = ind->target - ind->baseline;
    if (!ind->has_value || span == 0)
        return 0;
    /* the same formula serves both directions: the span is negative when lower is better */
    return (ind->value - ind->baseline) / span;
}

bool wp_indicator_reached(const struct wp_indicator *ind)
{
    if (!ind->has_value || !ind->has_target)
        return false;
    return ind->lower_is_better ? ind->value <= ind->target : ind->value >= ind->target;
}

double wp_indicator_expected_share(const struct wp_indicator *ind, struct wp_date today)
{
    const struct wp_activity *a = ind->activity;
    if (!a || !a->start.year || !ind->by.year || !today.year)
        return 0;
    int64_t from = wp_date_serial(wp_period_first_day(&a->start));
    int64_t to = wp_date_serial(wp_period_last_day(&ind->by)) + 1; /* the end of the last day */
    int64_t now = wp_date_serial(today) + 1;                       /* today counts as elapsed */
    if (now <= from)
        return 0;
    if (now >= to || to <= from)
        return 1;
    return (double)(now - from) / (double)(to - from);
}

bool wp_indicator_on_track(const struct wp_indicator *ind, struct wp_date today)
{
    if (!ind->has_value || !ind->has_target)
        return false;
    if (wp_indicator_reached(ind))
        return true;
    /* a small tolerance so that exactly the expected share, computed two ways, counts */
    return wp_indicator_share(ind) + 1e-9 >= wp_indicator_expected_share(ind, today);
}

void wp_number_str(double v, char buf[static 32])
{
    if (v == 0)
        v = 0; /* no "-0" */
    snprintf(buf, 32, "%.15g", v);
}
