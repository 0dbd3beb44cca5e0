/*
 * Results: measured indicators are named once per activity, updates report
 * only their activity's indicators, events name activities of the plan.
 */
#include <string.h>
#include <strings.h>

#include "check/check_internal.h"

static void indicator_ids(struct check_ctx *c, const struct wp_activity *a)
{
    /* activities hold a handful of indicators: a quadratic scan is the simple choice */
    for (size_t k = 1; k < a->n_measured; k++) {
        const struct wp_indicator *ind = &a->measured[k];
        for (size_t j = 0; ind->id && j < k; j++) {
            const struct wp_indicator *first = &a->measured[j];
            if (first->id && strcmp(first->id, ind->id) == 0) {
                CHECK_ERR(c, WP_DIAG_DUPLICATE_ID, c->plan->file, ind->id_pos,
                          "indicator id '%s' used twice in activity '%s' (first at %u:%u)", ind->id,
                          a->id ? a->id : "?", first->id_pos.line, first->id_pos.col);
                break;
            }
        }
    }
}

static void reports(struct check_ctx *c, const struct wp_update *u)
{
    const struct wp_activity *a = u->activity ? wp_plan_find_activity(c->plan, u->activity) : NULL;
    if (!a)
        return; /* an unknown activity is reported once, by wp_check_refs */
    for (size_t k = 0; k < u->n_indicators; k++) {
        const struct wp_indicator_report *r = &u->indicators[k];
        if (wp_activity_find_indicator(a, r->id))
            continue;
        if (a->n_measured == 0)
            CHECK_ERR(c, WP_DIAG_UNDECLARED, c->progress->file, r->pos,
                      "undeclared indicator '%s': activity '%s' has no measured indicators", r->id,
                      a->id);
        else
            CHECK_ERR(c, WP_DIAG_UNDECLARED, c->progress->file, r->pos,
                      "undeclared indicator '%s' of activity '%s'", r->id, a->id);
    }
}

static void event_refs(struct check_ctx *c, const struct wp_event *e)
{
    for (size_t k = 0; k < e->activities.n; k++) {
        const struct wp_str *s = &e->activities.items[k];
        bool twice = false;
        for (size_t j = 0; j < k && !twice; j++)
            if (strcmp(e->activities.items[j].s, s->s) == 0) {
                CHECK_ERR(c, WP_DIAG_DUPLICATE_ID, c->progress->file, s->pos,
                          "'%s' listed twice (first at %u:%u)", s->s,
                          e->activities.items[j].pos.line, e->activities.items[j].pos.col);
                twice = true;
            }
        if (!twice && !wp_plan_find_activity(c->plan, s->s))
            CHECK_ERR(c, WP_DIAG_UNDECLARED, c->progress->file, s->pos,
                      "event names undeclared activity '%s'", s->s);
    }
    for (size_t t = 0; t < 2; t++) {
        const struct wp_text *text = t ? &e->note : &e->title;
        for (size_t k = 0; k < text->n_items; k++) {
            const struct wp_text_item *item = &text->items[k];
            bool declared = false;
            /* plan-format.md: language codes are compared ignoring case */
            for (size_t l = 0; l < c->plan->languages.n; l++)
                declared |= strcasecmp(c->plan->languages.items[l].s, item->lang) == 0;
            if (!declared)
                CHECK_ERR(c, WP_DIAG_UNDECLARED, c->progress->file, item->lang_pos,
                          "language '%s' in '%s' is not declared in plan.languages", item->lang,
                          t ? "note" : "title");
        }
    }
}

void wp_check_results(struct check_ctx *c)
{
    const struct wp_plan *plan = c->plan;
    for (size_t i = 0; i < plan->n_activities; i++)
        indicator_ids(c, plan->activities[i]);
    const struct wp_progress *progress = c->progress;
    /* like wp_check_refs: without a plan id, or for another plan, names would all look unknown */
    if (!progress || !plan->id || (progress->plan_id && strcmp(progress->plan_id, plan->id) != 0))
        return;
    for (size_t i = 0; i < progress->n_updates; i++)
        reports(c, &progress->updates[i]);
    for (size_t i = 0; i < progress->n_events; i++)
        event_refs(c, &progress->events[i]);
}
