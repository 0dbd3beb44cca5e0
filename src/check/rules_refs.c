/* References: every party, country and activity named is declared. */
#include <string.h>

#include "check/check_internal.h"

/* Up to 64 candidate ids for "did you mean". */
static const char *suggest_ref(const struct wp_plan *plan, const char *word, bool parties,
                               bool countries)
{
    const char *cands[64];
    size_t n = 0;
    for (size_t i = 0; parties && i < plan->n_parties && n < 64; i++)
        if (plan->party_list[i].id)
            cands[n++] = plan->party_list[i].id;
    for (size_t i = 0; countries && i < plan->n_countries && n < 64; i++)
        if (plan->countries[i].code)
            cands[n++] = plan->countries[i].code;
    return wp_suggest(word, cands, n);
}

static void undeclared(struct check_ctx *c, const char *file, struct wp_pos pos, const char *what,
                       const char *id, const char *hint)
{
    if (hint)
        CHECK_ERR(c, WP_DIAG_UNDECLARED, file, pos, "undeclared %s '%s' (did you mean '%s'?)", what,
                  id, hint);
    else
        CHECK_ERR(c, WP_DIAG_UNDECLARED, file, pos, "undeclared %s '%s'", what, id);
}

static bool is_declared_ref(const struct wp_plan *plan, const char *id)
{
    return wp_plan_find_party(plan, id) || wp_plan_find_country(plan, id);
}

static void check_ref_list(struct check_ctx *c, const struct wp_str_list *refs)
{
    const struct wp_plan *plan = c->plan;
    struct wp_strmap seen;
    wp_strmap_init(&seen);
    for (size_t i = 0; i < refs->n; i++) {
        const struct wp_str *r = &refs->items[i];
        const struct wp_str *first = wp_strmap_put(&seen, r->s, (void *)r);
        if (first)
            CHECK_ERR(c, WP_DIAG_DUPLICATE_ID, plan->file, r->pos,
                      "'%s' listed twice (first at %u:%u)", r->s, first->pos.line, first->pos.col);
        else if (!is_declared_ref(plan, r->s))
            undeclared(c, plan->file, r->pos, "party or country", r->s,
                       suggest_ref(plan, r->s, true, true));
    }
    wp_strmap_release(&seen);
}

void wp_check_refs(struct check_ctx *c)
{
    const struct wp_plan *plan = c->plan;
    for (size_t i = 0; i < plan->parties.n; i++) {
        const struct wp_str *r = &plan->parties.items[i];
        if (!wp_plan_find_party(plan, r->s))
            undeclared(c, plan->file, r->pos, "party", r->s, suggest_ref(plan, r->s, true, false));
    }
    for (size_t i = 0; i < plan->n_parties; i++) {
        const struct wp_party *p = &plan->party_list[i];
        for (size_t j = 0; j < p->members.n; j++) {
            const struct wp_str *m = &p->members.items[j];
            if (!wp_plan_find_country(plan, m->s))
                undeclared(c, plan->file, m->pos, "country", m->s,
                           suggest_ref(plan, m->s, false, true));
        }
    }
    for (size_t i = 0; i < plan->n_activities; i++) {
        check_ref_list(c, &plan->activities[i]->lead);
        check_ref_list(c, &plan->activities[i]->partners);
    }

    const struct wp_progress *progress = c->progress;
    /* a plan whose header could not be read would make every update look undeclared */
    if (!progress || !plan->id)
        return;
    if (progress->plan_id && strcmp(progress->plan_id, plan->id) != 0) {
        /* its updates name another plan's activities: one error says it all */
        CHECK_ERR(c, WP_DIAG_PLAN_MISMATCH, progress->file, progress->plan_id_pos,
                  "progress file is for plan '%s', not '%s'", progress->plan_id, plan->id);
        return;
    }
    for (size_t i = 0; i < progress->n_updates; i++) {
        const struct wp_update *u = &progress->updates[i];
        if (u->activity && !wp_plan_find_activity(plan, u->activity))
            CHECK_ERR(c, WP_DIAG_UNDECLARED, progress->file, u->activity_pos,
                      "update for undeclared activity '%s'", u->activity);
        if (u->reported_by && !is_declared_ref(plan, u->reported_by))
            undeclared(c, progress->file, u->reported_by_pos, "party or country", u->reported_by,
                       suggest_ref(plan, u->reported_by, true, true));
        for (size_t k = 0; k < u->note.n_items; k++) {
            const struct wp_text_item *t = &u->note.items[k];
            bool declared = false;
            for (size_t l = 0; l < plan->languages.n; l++)
                declared |= wp_lang_equal(plan->languages.items[l].s, t->lang);
            if (!declared)
                CHECK_ERR(c, WP_DIAG_UNDECLARED, progress->file, t->lang_pos,
                          "language '%s' in 'note' is not declared in plan.languages", t->lang);
        }
    }
}
