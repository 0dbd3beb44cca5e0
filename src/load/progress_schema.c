/* The `workplan-progress/1` tree -> struct wp_progress. */
#include <stdio.h>
#include <string.h>

#include "load/load_internal.h"

#define ERR(c, code, pos, ...)                                                                     \
    wp_diags_add((c)->diags, WP_SEV_ERROR, (code), (c)->file, (pos), __VA_ARGS__)
#define BIT(k) (1u << (k))

enum { U_ACTIVITY, U_DATE, U_STATUS, U_PROGRESS, U_REPORTED_BY, U_NOTE, U_INDICATORS, U_N };
static const char *const update_keys[U_N] = {
    "activity", "date", "status", "progress", "reported_by", "note", "indicators",
};

/* `indicators: {ID: number}`; whether each id is the activity's is for check to say. */
static void read_reports(struct wp_update *u, const struct ynode *n, struct schema_ctx *c)
{
    u->indicators_pos = n->pos;
    if (n->kind != Y_MAP) {
        ERR(c, WP_DIAG_TYPE, n->pos,
            "'indicators' must be a mapping of indicator ids to numbers, not %s",
            wp_schema_kind_name(n));
        return;
    }
    u->indicators = WP_ARENA_NEW(c->arena, struct wp_indicator_report, n->n ? n->n : 1);
    for (size_t i = 0; i < n->n; i++) {
        const struct ynode *key = n->items[2 * i], *value = n->items[2 * i + 1];
        const char *id;
        if (!wp_schema_string(c, key, "indicator id", &id))
            continue;
        if (!wp_is_indicator_id(id)) {
            ERR(c, WP_DIAG_MALFORMED, key->pos,
                "malformed indicator id '%.60s' (expected a capital letter, then up to 15 "
                "capital letters, digits or '_')",
                id);
            continue;
        }
        struct wp_indicator_report *r = &u->indicators[u->n_indicators];
        if (!wp_schema_number(c, value, id, &r->value))
            continue;
        r->id = id;
        r->pos = key->pos;
        r->value_pos = value->pos;
        u->n_indicators++;
    }
}

static void read_update(struct wp_update *u, const struct ynode *n, struct schema_ctx *c)
{
    const struct ynode *v[U_N];
    u->pos = n->pos;
    if (!wp_schema_map(c, n, "update", update_keys, U_N, BIT(U_ACTIVITY) | BIT(U_DATE), v))
        return;
    if (v[U_ACTIVITY] && wp_schema_string(c, v[U_ACTIVITY], "activity", &u->activity))
        u->activity_pos = v[U_ACTIVITY]->pos;
    if (v[U_DATE] && wp_schema_date(c, v[U_DATE], "date", &u->date))
        u->date_pos = v[U_DATE]->pos;
    if (!wp_schema_is_null(v[U_STATUS])) {
        const char *word;
        u->status_pos = v[U_STATUS]->pos;
        if (wp_schema_string(c, v[U_STATUS], "status", &word)) {
            int s = wp_status_from_word(word);
            if (s < 0)
                ERR(c, WP_DIAG_VALUE, v[U_STATUS]->pos,
                    "unknown status '%s' (expected planned, ongoing, completed, delayed or "
                    "cancelled)",
                    word);
            else {
                u->status = (enum wp_status)s;
                u->has_status = true;
            }
        }
    }
    if (!wp_schema_is_null(v[U_PROGRESS])) {
        u->progress_pos = v[U_PROGRESS]->pos;
        u->has_progress = wp_schema_int(c, v[U_PROGRESS], "progress", 0, 100, &u->progress);
    }
    if (!wp_schema_is_null(v[U_REPORTED_BY]) &&
        wp_schema_string(c, v[U_REPORTED_BY], "reported_by", &u->reported_by)) {
        u->reported_by_pos = v[U_REPORTED_BY]->pos;
        if (!wp_is_party_id(u->reported_by) && !wp_is_country_code(u->reported_by)) {
            ERR(c, WP_DIAG_MALFORMED, v[U_REPORTED_BY]->pos,
                "malformed reference '%s' (expected a party id or a country code)", u->reported_by);
            u->reported_by = NULL;
        }
    }
    if (!wp_schema_is_null(v[U_NOTE]))
        wp_schema_text(c, v[U_NOTE], "note", &u->note);
    if (!wp_schema_is_null(v[U_INDICATORS]))
        read_reports(u, v[U_INDICATORS], c);
}

enum { E_DATE, E_TITLE, E_NOTE, E_ACTIVITIES, E_LINK, E_N };
static const char *const event_keys[E_N] = {"date", "title", "note", "activities", "link"};

static void read_event(struct wp_event *e, const struct ynode *n, struct schema_ctx *c)
{
    const struct ynode *v[E_N];
    e->pos = n->pos;
    if (!wp_schema_map(c, n, "event", event_keys, E_N, BIT(E_DATE) | BIT(E_TITLE), v))
        return;
    if (v[E_DATE] && wp_schema_date(c, v[E_DATE], "date", &e->date))
        e->date_pos = v[E_DATE]->pos;
    if (v[E_TITLE] && wp_schema_text(c, v[E_TITLE], "title", &e->title) && e->title.plain &&
        !*e->title.plain)
        ERR(c, WP_DIAG_VALUE, v[E_TITLE]->pos, "'title' must not be empty");
    if (!wp_schema_is_null(v[E_NOTE]))
        wp_schema_text(c, v[E_NOTE], "note", &e->note);
    /* any string: check names the ids the plan lacks */
    wp_schema_str_list(c, v[E_ACTIVITIES], "activities", NULL, &e->activities);
    if (!wp_schema_is_null(v[E_LINK]) && wp_schema_string(c, v[E_LINK], "link", &e->link)) {
        e->link_pos = v[E_LINK]->pos;
        if (!wp_schema_url(c, v[E_LINK], e->link))
            e->link = NULL;
    }
}

static void read_events(struct wp_progress *progress, const struct ynode *n, struct schema_ctx *c)
{
    progress->events_pos = n->pos;
    if (n->kind != Y_SEQ) {
        ERR(c, WP_DIAG_TYPE, n->pos, "'events' must be a list, not %s", wp_schema_kind_name(n));
        return;
    }
    progress->events = WP_ARENA_NEW(c->arena, struct wp_event, n->n ? n->n : 1);
    progress->n_events = n->n;
    for (size_t i = 0; i < n->n; i++) {
        progress->events[i].index = i;
        read_event(&progress->events[i], n->items[i], c);
    }
}

enum { F_FORMAT, F_PLAN, F_UPDATES, F_EVENTS, F_N };
static const char *const file_keys[F_N] = {"format", "plan", "updates", "events"};

void wp_progress_from_tree(struct wp_progress *progress, const struct ynode *root,
                           struct schema_ctx *c)
{
    if (wp_schema_is_null(root)) {
        ERR(c, WP_DIAG_MISSING_KEY, ((struct wp_pos){1, 1}),
            "empty progress file: expected the keys 'format', 'plan' and 'updates'");
        return;
    }
    if (wp_schema_wrong_format(c, root, "workplan-progress/1", "a progress file", "workplan/1",
                               "a plan"))
        return;
    const struct ynode *v[F_N];
    progress->pos = root->pos;
    /* `updates` may be left out: a file may record only events (import appends to it) */
    if (!wp_schema_map(c, root, "the progress file", file_keys, F_N, BIT(F_FORMAT) | BIT(F_PLAN),
                       v))
        return;
    if (v[F_FORMAT])
        wp_schema_string(c, v[F_FORMAT], "format", &progress->format);
    if (v[F_PLAN] && wp_schema_string(c, v[F_PLAN], "plan", &progress->plan_id))
        progress->plan_id_pos = v[F_PLAN]->pos;
    if (!wp_schema_is_null(v[F_EVENTS]))
        read_events(progress, v[F_EVENTS], c);
    const struct ynode *ups = v[F_UPDATES];
    if (wp_schema_is_null(ups))
        return;
    if (ups->kind != Y_SEQ) {
        ERR(c, WP_DIAG_TYPE, ups->pos, "'updates' must be a list, not %s",
            wp_schema_kind_name(ups));
        return;
    }
    progress->updates = WP_ARENA_NEW(c->arena, struct wp_update, ups->n);
    progress->n_updates = ups->n;
    for (size_t i = 0; i < ups->n; i++)
        read_update(&progress->updates[i], ups->items[i], c);
}
