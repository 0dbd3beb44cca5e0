/*
 * Results: measured indicators are named once per activity, updates report
 * only their activity's indicators, events name activities of the plan.
 */
#include <string.h>
#include <strings.h>

#include "check/check_internal.h"

static void indicator_ids(struct check_ctx *c, const struct wp_activity *a)
{
    /* by id, ties in file order (wp_plan_index sorted them): a repeat follows its first use */
    size_t first = 0;
    for (size_t k = 1; k < a->n_measured_by_id; k++) {
        const struct wp_indicator *f = a->measured_by_id[first], *ind = a->measured_by_id[k];
        if (strcmp(f->id, ind->id) != 0) {
            first = k;
            continue;
        }
        CHECK_ERR(c, WP_DIAG_DUPLICATE_ID, c->plan->file, ind->id_pos,
                  "indicator id '%s' used twice in activity '%s' (first at %u:%u)", ind->id,
                  a->id ? a->id : "?", f->id_pos.line, f->id_pos.col);
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
    struct wp_strmap seen;
    wp_strmap_init(&seen);
    for (size_t k = 0; k < e->activities.n; k++) {
        const struct wp_str *s = &e->activities.items[k];
        const struct wp_str *first = wp_strmap_put(&seen, s->s, (void *)s);
        if (first)
            CHECK_ERR(c, WP_DIAG_DUPLICATE_ID, c->progress->file, s->pos,
                      "'%s' listed twice (first at %u:%u)", s->s, first->pos.line, first->pos.col);
        else if (!wp_plan_find_activity(c->plan, s->s))
            CHECK_ERR(c, WP_DIAG_UNDECLARED, c->progress->file, s->pos,
                      "event names undeclared activity '%s'", s->s);
    }
    wp_strmap_release(&seen);
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
