/* Progress and event dates: none after the build day, a warning outside plan.period. */
#include "check/check_internal.h"

static void check_date(struct check_ctx *c, const char *file, struct wp_date d, struct wp_pos pos)
{
    const struct wp_plan *plan = c->plan;
    if (!d.year)
        return;
    char t[16], l[16];
    wp_date_iso(d, t);
    if (wp_date_cmp(d, c->latest) > 0) {
        wp_date_iso(c->latest, l);
        CHECK_ERR(c, WP_DIAG_ORDER, file, pos, "date '%s' is after the build day (%s)", t, l);
    } else if (plan->period_from && plan->period_to &&
               (d.year < plan->period_from || d.year > plan->period_to)) {
        CHECK_WARN(c, WP_DIAG_ORDER, file, pos, "date '%s' is outside the plan period %d–%d", t,
                   plan->period_from, plan->period_to);
    }
}

void wp_check_progress_dates(struct check_ctx *c)
{
    const struct wp_progress *p = c->progress;
    if (!p || !c->latest.year)
        return;
    for (size_t i = 0; i < p->n_updates; i++)
        check_date(c, p->file, p->updates[i].date, p->updates[i].date_pos);
    for (size_t i = 0; i < p->n_events; i++)
        check_date(c, p->file, p->events[i].date, p->events[i].date_pos);
}
