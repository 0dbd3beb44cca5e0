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

/* A later update wins when its date is later, or equal (it comes later in the file). */
static bool newer_or_same(struct wp_date d, struct wp_date than)
{
    return !than.year || wp_date_cmp(d, than) >= 0;
}

void wp_progress_apply(struct wp_plan *plan, const struct wp_progress *progress)
{
    for (size_t i = 0; i < plan->n_activities; i++) {
        struct wp_activity *a = (struct wp_activity *)plan->activities[i];
        a->current = (struct wp_current){.status = a->status, .progress = a->progress};
    }
    if (!progress)
        return;
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
    }
    free(seen);
}
