#include <stdlib.h>
#include <string.h>

#include "model/model_internal.h"

struct wp_plan *wp_plan_new(void)
{
    struct wp_plan *plan = wp_xcalloc(1, sizeof(*plan));
    plan->priv = wp_xcalloc(1, sizeof(*plan->priv));
    wp_arena_init(&plan->priv->arena);
    return plan;
}

void wp_plan_free(struct wp_plan *plan)
{
    if (!plan)
        return;
    wp_strmap_release(&plan->priv->parties);
    wp_strmap_release(&plan->priv->countries);
    wp_strmap_release(&plan->priv->activities);
    wp_strmap_release(&plan->priv->areas);
    wp_arena_release(&plan->priv->arena);
    free(plan->priv);
    free(plan);
}

static int indicator_id_cmp(const void *a, const void *b)
{
    const struct wp_indicator *x = *(const struct wp_indicator *const *)a;
    const struct wp_indicator *y = *(const struct wp_indicator *const *)b;
    int c = strcmp(x->id, y->id);
    /* a repeated id (an error) finds its first use */
    return c ? c : (x < y ? -1 : x > y);
}

/* Lookups by id stay logarithmic however many indicators a (hostile) activity has. */
static void index_indicators(struct wp_plan *plan, struct wp_activity *a)
{
    if (!a->n_measured)
        return;
    const struct wp_indicator **v =
        WP_ARENA_NEW(&plan->priv->arena, const struct wp_indicator *, a->n_measured);
    size_t n = 0;
    for (size_t k = 0; k < a->n_measured; k++)
        if (a->measured[k].id)
            v[n++] = &a->measured[k];
    qsort(v, n, sizeof(*v), indicator_id_cmp);
    a->measured_by_id = v;
    a->n_measured_by_id = n;
}

void wp_plan_index(struct wp_plan *plan)
{
    struct wp_plan_private *p = plan->priv;
    for (size_t i = 0; i < plan->n_parties; i++)
        if (plan->party_list[i].id)
            wp_strmap_put(&p->parties, plan->party_list[i].id, &plan->party_list[i]);
    for (size_t i = 0; i < plan->n_countries; i++)
        if (plan->countries[i].code)
            wp_strmap_put(&p->countries, plan->countries[i].code, &plan->countries[i]);
    size_t total = 0;
    for (size_t i = 0; i < plan->n_areas; i++)
        total += plan->areas[i].n_activities;
    plan->activities = WP_ARENA_NEW(&p->arena, const struct wp_activity *, total);
    plan->n_activities = 0;
    for (size_t i = 0; i < plan->n_areas; i++) {
        struct wp_area *area = &plan->areas[i];
        area->index = i;
        if (area->id)
            wp_strmap_put(&p->areas, area->id, area);
        for (size_t j = 0; j < area->n_activities; j++) {
            struct wp_activity *a = &area->activities[j];
            a->area = area;
            a->index = plan->n_activities;
            plan->activities[plan->n_activities++] = a;
            index_indicators(plan, a);
            if (a->id)
                wp_strmap_put(&p->activities, a->id, a);
        }
    }
}

const char *wp_plan_default_lang(const struct wp_plan *plan)
{
    return plan->languages.n ? plan->languages.items[0].s : "en";
}

const char *wp_text_get(const struct wp_plan *plan, const struct wp_text *t, const char *lang)
{
    if (t->plain)
        return t->plain;
    if (!t->n_items)
        return NULL;
    const char *fallback = plan ? wp_plan_default_lang(plan) : NULL;
    if (!lang)
        lang = fallback;
    for (size_t i = 0; lang && i < t->n_items; i++)
        if (wp_lang_equal(t->items[i].lang, lang))
            return t->items[i].value;
    for (size_t i = 0; fallback && i < t->n_items; i++)
        if (wp_lang_equal(t->items[i].lang, fallback))
            return t->items[i].value;
    return t->items[0].value;
}

bool wp_text_has(const struct wp_text *t, const char *lang)
{
    if (t->plain)
        return true;
    for (size_t i = 0; i < t->n_items; i++)
        if (wp_lang_equal(t->items[i].lang, lang))
            return true;
    return false;
}

const struct wp_party *wp_plan_find_party(const struct wp_plan *plan, const char *id)
{
    return wp_strmap_get(&plan->priv->parties, id);
}

const struct wp_country *wp_plan_find_country(const struct wp_plan *plan, const char *code)
{
    return wp_strmap_get(&plan->priv->countries, code);
}

const struct wp_activity *wp_plan_find_activity(const struct wp_plan *plan, const char *id)
{
    return wp_strmap_get(&plan->priv->activities, id);
}

const struct wp_area *wp_plan_find_area(const struct wp_plan *plan, const char *id)
{
    return wp_strmap_get(&plan->priv->areas, id);
}

const char *wp_plan_ref_name(const struct wp_plan *plan, const char *ref, const char *lang)
{
    const struct wp_party *party = wp_plan_find_party(plan, ref);
    const char *name = party ? wp_text_get(plan, &party->name, lang) : NULL;
    if (!name) {
        const struct wp_country *c = wp_plan_find_country(plan, ref);
        name = c ? wp_text_get(plan, &c->name, lang) : NULL;
    }
    return name ? name : ref;
}

bool wp_party_has_member(const struct wp_party *party, const char *country)
{
    for (size_t i = 0; i < party->members.n; i++)
        if (party->members.items[i].s && strcmp(party->members.items[i].s, country) == 0)
            return true;
    return false;
}

static bool list_involves(const struct wp_plan *plan, const struct wp_str_list *refs,
                          const char *country)
{
    for (size_t i = 0; i < refs->n; i++) {
        const char *ref = refs->items[i].s;
        if (!ref)
            continue;
        if (strcmp(ref, country) == 0)
            return true;
        const struct wp_party *party = wp_plan_find_party(plan, ref);
        if (party && wp_party_has_member(party, country))
            return true;
    }
    return false;
}

enum wp_role wp_activity_role(const struct wp_plan *plan, const struct wp_activity *a,
                              const char *country)
{
    if (list_involves(plan, &a->lead, country))
        return WP_ROLE_LEAD;
    if (list_involves(plan, &a->partners, country))
        return WP_ROLE_PARTNER;
    return WP_ROLE_NONE;
}
