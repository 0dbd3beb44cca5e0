/* Time: period order, spans inside plan.period, end not before start. */
#include <stdio.h>

#include "check/check_internal.h"

static void token_text(const struct wp_period *p, char *buf, size_t size)
{
    switch (p->kind) {
    case WP_PERIOD_YEAR:
        snprintf(buf, size, "%04d", p->year);
        break;
    case WP_PERIOD_HALF:
        snprintf(buf, size, "%04d-H%d", p->year, p->part);
        break;
    case WP_PERIOD_QUARTER:
        snprintf(buf, size, "%04d-Q%d", p->year, p->part);
        break;
    case WP_PERIOD_MONTH:
        snprintf(buf, size, "%04d-%02d", p->year, p->part);
        break;
    case WP_PERIOD_DAY:
        snprintf(buf, size, "%04d-%02d-%02d", p->year, p->part, p->day);
        break;
    }
}

static void check_inside(struct check_ctx *c, const struct wp_period *p, const char *key)
{
    const struct wp_plan *plan = c->plan;
    if (!p->year || !plan->period_from || !plan->period_to || plan->period_to < plan->period_from)
        return;
    if (p->year < plan->period_from || p->year > plan->period_to) {
        char tok[32];
        token_text(p, tok, sizeof(tok));
        CHECK_ERR(c, WP_DIAG_OUTSIDE_PERIOD, plan->file, p->pos,
                  "%s '%s' is outside the plan period %d–%d", key, tok, plan->period_from,
                  plan->period_to);
    }
}

void wp_check_time(struct check_ctx *c)
{
    const struct wp_plan *plan = c->plan;
    if (plan->period_from && plan->period_to && plan->period_to < plan->period_from)
        CHECK_ERR(c, WP_DIAG_ORDER, plan->file, plan->period_to_pos,
                  "period.to %d is before period.from %d", plan->period_to, plan->period_from);
    for (size_t i = 0; i < plan->n_activities; i++) {
        const struct wp_activity *a = plan->activities[i];
        check_inside(c, &a->start, "start");
        check_inside(c, &a->end, "end");
        for (size_t k = 0; k < a->n_measured; k++)
            if (a->measured[k].by_given)
                check_inside(c, &a->measured[k].by, "by");
        if (a->start.year && a->end.year &&
            wp_date_cmp(wp_period_last_day(&a->end), wp_period_first_day(&a->start)) < 0) {
            char s[32], e[32];
            token_text(&a->start, s, sizeof(s));
            token_text(&a->end, e, sizeof(e));
            CHECK_ERR(c, WP_DIAG_ORDER, plan->file, a->end.pos, "end '%s' is before start '%s'", e,
                      s);
        }
    }
}
