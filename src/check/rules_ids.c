/* Identity: ids used once, party ids distinct from country codes. */
#include "check/check_internal.h"

void wp_check_ids(struct check_ctx *c)
{
    const struct wp_plan *plan = c->plan;
    struct wp_strmap seen;

    wp_strmap_init(&seen);
    for (size_t i = 0; i < plan->n_areas; i++) {
        const struct wp_area *a = &plan->areas[i];
        if (!a->id)
            continue;
        const struct wp_area *first = wp_strmap_put(&seen, a->id, (void *)a);
        if (first)
            CHECK_ERR(c, WP_DIAG_DUPLICATE_ID, plan->file, a->id_pos,
                      "area id '%s' used twice (first at %u:%u)", a->id, first->id_pos.line,
                      first->id_pos.col);
    }
    wp_strmap_release(&seen);

    wp_strmap_init(&seen);
    for (size_t i = 0; i < plan->n_activities; i++) {
        const struct wp_activity *a = plan->activities[i];
        if (!a->id)
            continue;
        const struct wp_activity *first = wp_strmap_put(&seen, a->id, (void *)a);
        if (first)
            CHECK_ERR(c, WP_DIAG_DUPLICATE_ID, plan->file, a->id_pos,
                      "activity id '%s' used twice (first at %u:%u)", a->id, first->id_pos.line,
                      first->id_pos.col);
    }
    wp_strmap_release(&seen);

    for (size_t i = 0; i < plan->n_parties; i++) {
        const struct wp_party *p = &plan->party_list[i];
        const struct wp_country *country = wp_plan_find_country(plan, p->id);
        if (country)
            CHECK_ERR(c, WP_DIAG_ID_CLASH, plan->file, p->pos,
                      "party id '%s' is also a country code (declared at %u:%u); party ids and "
                      "country codes share one namespace",
                      p->id, country->pos.line, country->pos.col);
    }
}
