#include <stdlib.h>
#include <string.h>

#include "model/model_internal.h"

struct wp_progress *wp_progress_new(void)
{
    struct wp_progress *p = wp_xcalloc(1, sizeof(*p));
    p->priv = wp_xcalloc(1, sizeof(*p->priv));
    wp_arena_init(&p->priv->arena);
    return p;
}

void wp_progress_free(struct wp_progress *progress)
{
    if (!progress)
        return;
    wp_arena_release(&progress->priv->arena);
    free(progress->priv);
    free(progress);
}

struct wp_date wp_progress_newest_date(const struct wp_progress *progress)
{
    struct wp_date newest = {0, 0, 0};
    for (size_t i = 0; progress && i < progress->n_updates; i++) {
        struct wp_date d = progress->updates[i].date;
        if (d.year && (!newest.year || wp_date_cmp(d, newest) > 0))
            newest = d;
    }
    /* plan-format.md: event dates count towards the build date too */
    for (size_t i = 0; progress && i < progress->n_events; i++) {
        struct wp_date d = progress->events[i].date;
        if (d.year && (!newest.year || wp_date_cmp(d, newest) > 0))
            newest = d;
    }
    return newest;
}

static struct wp_text copy_text(struct wp_arena *arena, const struct wp_text *t)
{
    struct wp_text c = {.pos = t->pos};
    if (t->plain)
        c.plain = wp_arena_strdup(arena, t->plain);
    if (t->n_items) {
        struct wp_text_item *items = WP_ARENA_NEW(arena, struct wp_text_item, t->n_items);
        for (size_t i = 0; i < t->n_items; i++) {
            items[i] = t->items[i];
            items[i].lang = wp_arena_strdup(arena, t->items[i].lang);
            items[i].value = wp_arena_strdup(arena, t->items[i].value);
        }
        c.items = items;
        c.n_items = t->n_items;
    }
    return c;
}

static struct wp_str_list copy_strs(struct wp_arena *arena, const struct wp_str_list *l)
{
    struct wp_str_list c = {.n = l->n, .pos = l->pos};
    if (l->n) {
        c.items = WP_ARENA_NEW(arena, struct wp_str, l->n);
        for (size_t i = 0; i < l->n; i++)
            c.items[i] = (struct wp_str){wp_arena_strdup(arena, l->items[i].s), l->items[i].pos};
    }
    return c;
}

/* Date order, file order for ties (the index breaks them: qsort is not stable). */
static int event_cmp(const void *a, const void *b)
{
    const struct wp_event *x = a, *y = b;
    int c = wp_date_cmp(x->date, y->date);
    if (c)
        return c;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Copies the dated events into the plan by date, and gives each activity those naming it. */
static void apply_events(struct wp_plan *plan, const struct wp_progress *progress)
{
    struct wp_arena *arena = &plan->priv->arena;
    size_t n = 0;
    for (size_t i = 0; i < progress->n_events; i++)
        n += progress->events[i].date.year != 0;
    if (!n)
        return;
    struct wp_event *events = WP_ARENA_NEW(arena, struct wp_event, n);
    n = 0;
    for (size_t i = 0; i < progress->n_events; i++) {
        const struct wp_event *e = &progress->events[i];
        if (!e->date.year)
            continue;
        struct wp_event *copy = &events[n++];
        *copy = *e;
        copy->title = copy_text(arena, &e->title);
        copy->note = copy_text(arena, &e->note);
        copy->activities = copy_strs(arena, &e->activities);
        copy->link = e->link ? wp_arena_strdup(arena, e->link) : NULL;
    }
    qsort(events, n, sizeof(*events), event_cmp);
    plan->events = events;
    plan->n_events = n;
    /* two passes: count, then fill, so each activity's list is one arena block */
    for (size_t pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < events[i].activities.n; k++) {
                struct wp_activity *a = (struct wp_activity *)wp_plan_find_activity(
                    plan, events[i].activities.items[k].s);
                if (!a || (a->n_events && a->events && a->events[a->n_events - 1] == &events[i]))
                    continue; /* unknown (check reports it), or named twice by one event */
                if (pass == 0)
                    a->n_events++;
                else
                    ((const struct wp_event **)a->events)[a->n_events++] = &events[i];
            }
        for (size_t i = 0; pass == 0 && i < plan->n_activities; i++) {
            struct wp_activity *a = (struct wp_activity *)plan->activities[i];
            if (a->n_events)
                a->events = WP_ARENA_NEW(arena, const struct wp_event *, a->n_events);
            a->n_events = 0;
        }
    }
}

/* Each indicator's value: the latest update reporting it, a later entry winning a tie. */
static void apply_reports(struct wp_activity *a, const struct wp_update *u)
{
    for (size_t k = 0; k < u->n_indicators; k++) {
        struct wp_indicator *ind =
            (struct wp_indicator *)wp_activity_find_indicator(a, u->indicators[k].id);
        if (ind && (!ind->has_value || wp_date_cmp(u->date, ind->value_date) >= 0)) {
            ind->has_value = true;
            ind->value = u->indicators[k].value;
            ind->value_date = u->date;
        }
    }
}

/* A later update wins when its date is later, or equal (it comes later in the file). */
static bool newer_or_same(struct wp_date d, struct wp_date than)
{
    return !than.year || wp_date_cmp(d, than) >= 0;
}

void wp_progress_apply(struct wp_plan *plan, const struct wp_progress *progress)
{
    plan->events = NULL;
    plan->n_events = 0;
    for (size_t i = 0; i < plan->n_activities; i++) {
        struct wp_activity *a = (struct wp_activity *)plan->activities[i];
        a->current = (struct wp_current){.status = a->status, .progress = a->progress};
        a->events = NULL;
        a->n_events = 0;
        for (size_t k = 0; k < a->n_measured; k++) {
            a->measured[k].has_value = false;
            a->measured[k].value = 0;
            a->measured[k].value_date = (struct wp_date){0, 0, 0};
        }
    }
    if (!progress)
        return;
    apply_events(plan, progress);
    /* the date each field was last set by an update, per activity, kept in parallel */
    struct field_dates {
        struct wp_date status, progress;
    } *seen = wp_xcalloc(plan->n_activities ? plan->n_activities : 1, sizeof(*seen));
    for (size_t i = 0; i < progress->n_updates; i++) {
        const struct wp_update *u = &progress->updates[i];
        if (!u->activity || !u->date.year)
            continue;
        struct wp_activity *a = (struct wp_activity *)wp_plan_find_activity(plan, u->activity);
        if (!a)
            continue;
        struct wp_current *c = &a->current;
        struct field_dates *s = &seen[a->index];
        c->n_updates++;
        if (newer_or_same(u->date, c->updated)) {
            c->updated = u->date;
            c->reported_by =
                u->reported_by ? wp_arena_strdup(&plan->priv->arena, u->reported_by) : NULL;
        }
        if (u->has_status && newer_or_same(u->date, s->status)) {
            c->status = u->status;
            s->status = u->date;
        }
        if (u->has_progress && newer_or_same(u->date, s->progress)) {
            c->progress = u->progress;
            s->progress = u->date;
        }
        if (wp_text_is_set(&u->note) && newer_or_same(u->date, c->note_date)) {
            c->note = copy_text(&plan->priv->arena, &u->note);
            c->note_date = u->date;
        }
        apply_reports(a, u);
    }
    free(seen);
}
