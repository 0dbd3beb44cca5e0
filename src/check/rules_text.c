/* Languages: one warning per missing translation of a text written per language. */
#include "check/check_internal.h"

static void text(struct check_ctx *c, const char *file, const struct wp_text *t, const char *what)
{
    if (t->plain || !t->n_items)
        return;
    const struct wp_str_list *langs = &c->plan->languages;
    /* what wp_text_get shows instead: the first language, else the first translation */
    const char *stand_in = wp_text_has(t, langs->items[0].s) ? langs->items[0].s : t->items[0].lang;
    /* texts in many languages are looked up through a map, so the check stays linear */
    struct wp_strmap given;
    wp_strmap_init(&given);
    struct wp_arena keys; /* language codes compare ignoring case: the map holds them folded */
    wp_arena_init(&keys);
    char key[WP_LANG_KEY_MAX];
    for (size_t i = 0; t->n_items > 8 && i < t->n_items; i++)
        if (wp_lang_key(t->items[i].lang, key))
            wp_strmap_put(&given, wp_arena_strdup(&keys, key), (void *)1);
    for (size_t i = 0; i < langs->n; i++) {
        const char *lang = langs->items[i].s;
        bool has = t->n_items > 8 ? wp_lang_key(lang, key) && wp_strmap_get(&given, key) != NULL
                                  : wp_text_has(t, lang);
        if (!has)
            CHECK_WARN(c, WP_DIAG_MISSING_TRANSLATION, file, t->pos,
                       "missing '%s' translation of %s (the '%s' text stands in)", lang, what,
                       stand_in);
    }
    wp_strmap_release(&given);
    wp_arena_release(&keys);
}

static void text_list(struct check_ctx *c, const struct wp_text_list *l, const char *what)
{
    for (size_t i = 0; i < l->n; i++)
        text(c, c->plan->file, &l->items[i], what);
}

void wp_check_text(struct check_ctx *c)
{
    const struct wp_plan *plan = c->plan;
    const char *f = plan->file;
    text(c, f, &plan->title, "plan.title");
    text(c, f, &plan->subtitle, "plan.subtitle");
    text(c, f, &plan->foreword, "plan.foreword");
    for (size_t i = 0; i < plan->n_parties; i++)
        text(c, f, &plan->party_list[i].name, "a party name");
    for (size_t i = 0; i < plan->n_countries; i++)
        text(c, f, &plan->countries[i].name, "a country name");
    for (size_t i = 0; i < plan->n_areas; i++) {
        const struct wp_area *a = &plan->areas[i];
        text(c, f, &a->title, "an area title");
        text(c, f, &a->summary, "an area summary");
        text_list(c, &a->objectives, "an objective");
    }
    for (size_t i = 0; i < plan->n_activities; i++) {
        const struct wp_activity *a = plan->activities[i];
        text(c, f, &a->title, "an activity title");
        text(c, f, &a->description, "a description");
        text_list(c, &a->outputs, "an output");
        text_list(c, &a->indicators, "an indicator");
        for (size_t k = 0; k < a->n_measured; k++) {
            text(c, f, &a->measured[k].text, "an indicator");
            text(c, f, &a->measured[k].unit, "an indicator's unit");
        }
        text_list(c, &a->modality, "a modality");
        text(c, f, &a->focal_point, "a focal point");
    }
    for (size_t i = 0; c->progress && i < c->progress->n_updates; i++)
        text(c, c->progress->file, &c->progress->updates[i].note, "a note");
    for (size_t i = 0; c->progress && i < c->progress->n_events; i++) {
        text(c, c->progress->file, &c->progress->events[i].title, "an event title");
        text(c, c->progress->file, &c->progress->events[i].note, "an event note");
    }
}
