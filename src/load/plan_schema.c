/* The `workplan/1` tree -> struct wp_plan, with every type and syntax rule. */
#include <stdio.h>
#include <string.h>

#include "load/load_internal.h"

#define ERR(c, code, pos, ...)                                                                     \
    wp_diags_add((c)->diags, WP_SEV_ERROR, (code), (c)->file, (pos), __VA_ARGS__)
#define BIT(k) (1u << (k))

static bool check_country_code(struct schema_ctx *c, const struct ynode *n, const char *s)
{
    if (wp_is_country_code(s))
        return true;
    ERR(c, WP_DIAG_MALFORMED, n->pos,
        "malformed country code '%s' (expected two capital letters, ISO 3166-1 alpha-2)", s);
    return false;
}

static bool check_party_id(struct schema_ctx *c, const struct ynode *n, const char *s)
{
    if (wp_is_party_id(s))
        return true;
    ERR(c, WP_DIAG_MALFORMED, n->pos,
        "malformed party id '%s' (expected a capital letter, then 1 to 11 capital letters or "
        "digits)",
        s);
    return false;
}

/* lead, partners, reported_by: a party id or a country code */
static bool check_ref(struct schema_ctx *c, const struct ynode *n, const char *s)
{
    if (wp_is_party_id(s) || wp_is_country_code(s))
        return true;
    ERR(c, WP_DIAG_MALFORMED, n->pos,
        "malformed reference '%s' (expected a party id or a country code)", s);
    return false;
}

static bool check_lang(struct schema_ctx *c, const struct ynode *n, const char *s)
{
    if (wp_is_lang_code(s))
        return true;
    ERR(c, WP_DIAG_MALFORMED, n->pos,
        "malformed language code '%s' (expected e.g. 'en', 'es', "
        "'pt-BR')",
        s);
    return false;
}

/* A modality in one language: a short word or phrase on one line (an empty one is reported as
 * empty text). */
static void check_modality_word(struct schema_ctx *c, struct wp_pos pos, const char *s)
{
    if (!*s || (strlen(s) <= 60 && !strchr(s, '\n')))
        return;
    ERR(c, WP_DIAG_VALUE, pos, "modality '%.60s' must be a short word or phrase on one line", s);
}

/* Modalities are text: a plain word, or one per language; each must be short. */
static void read_modalities(struct schema_ctx *c, const struct ynode *n, struct wp_text_list *out)
{
    wp_schema_text_list(c, n, "modality", out);
    for (size_t i = 0; i < out->n; i++) {
        const struct wp_text *t = &out->items[i];
        if (t->plain)
            check_modality_word(c, t->pos, t->plain);
        for (size_t k = 0; k < t->n_items; k++)
            check_modality_word(c, t->items[k].pos, t->items[k].value);
    }
}

static bool nonempty_list(struct schema_ctx *c, const struct ynode *n, const struct wp_str_list *l,
                          const char *key, const char *what)
{
    if (l->n > 0 || !n)
        return true;
    if (n->kind == Y_SEQ || wp_schema_is_null(n))
        ERR(c, WP_DIAG_VALUE, n->pos, "'%s' must name at least one %s", key, what);
    return false;
}

/* A required text must say something. */
static void require_text(struct schema_ctx *c, const struct ynode *n, const char *key,
                         struct wp_text *out)
{
    if (!n)
        return;
    if (wp_schema_text(c, n, key, out) && out->plain && !*out->plain)
        ERR(c, WP_DIAG_VALUE, n->pos, "'%s' must not be empty", key);
}

static void optional_text(struct schema_ctx *c, const struct ynode *n, const char *key,
                          struct wp_text *out)
{
    memset(out, 0, sizeof(*out));
    if (!wp_schema_is_null(n))
        wp_schema_text(c, n, key, out);
}

/* ---- plan: ---------------------------------------------------------------- */

enum {
    P_ID,
    P_TITLE,
    P_SUBTITLE,
    P_PARTIES,
    P_PERIOD,
    P_ADOPTED,
    P_VERSION,
    P_LANGUAGES,
    P_FOREWORD,
    P_N
};
static const char *const plan_keys[P_N] = {
    "id", "title", "subtitle", "parties", "period", "adopted", "version", "languages", "foreword",
};

static void read_languages(struct wp_plan *plan, const struct ynode *n, struct schema_ctx *c,
                           struct wp_pos plan_pos)
{
    if (!wp_schema_is_null(n) &&
        wp_schema_str_list(c, n, "languages", check_lang, &plan->languages)) {
        /* pt-BR and pt-br are one language: the map's keys are folded to lowercase */
        struct wp_strmap seen;
        wp_strmap_init(&seen);
        char key[WP_LANG_KEY_MAX];
        size_t kept = 0; /* a language listed twice is kept once, where it is first */
        for (size_t i = 0; i < plan->languages.n; i++) {
            const struct wp_str *l = &plan->languages.items[i];
            const struct wp_str *first = wp_lang_key(l->s, key) ? wp_strmap_get(&seen, key) : NULL;
            if (!first) {
                plan->languages.items[kept] = *l;
                if (wp_lang_key(l->s, key))
                    wp_strmap_put(&seen, wp_arena_strdup(c->arena, key),
                                  &plan->languages.items[kept]);
                kept++;
            } else if (strcmp(first->s, l->s) == 0) {
                ERR(c, WP_DIAG_DUPLICATE_ID, l->pos, "language '%s' listed twice (first at %u:%u)",
                    l->s, first->pos.line, first->pos.col);
            } else {
                ERR(c, WP_DIAG_DUPLICATE_ID, l->pos,
                    "language '%s' listed twice (first at %u:%u as '%s': codes ignore case)", l->s,
                    first->pos.line, first->pos.col, first->s);
            }
        }
        plan->languages.n = kept;
        wp_strmap_release(&seen);
        if (plan->languages.n == 0)
            ERR(c, WP_DIAG_VALUE, n->pos, "'languages' must list at least one language");
    }
    if (plan->languages.n == 0) {
        /* the default keeps every consumer simple: there is always a first language */
        plan->languages.items = WP_ARENA_NEW(c->arena, struct wp_str, 1);
        plan->languages.items[0] = (struct wp_str){"en", plan_pos};
        plan->languages.n = 1;
        plan->languages.pos = plan_pos;
    }
}

static void read_period(struct wp_plan *plan, const struct ynode *n, struct schema_ctx *c)
{
    static const char *const keys[] = {"from", "to"};
    const struct ynode *v[2];
    if (!n)
        return;
    plan->period_pos = n->pos;
    if (!wp_schema_map(c, n, "'period'", keys, 2, BIT(0) | BIT(1), v))
        return;
    if (v[0] && wp_schema_int(c, v[0], "period.from", 1, 9999, &plan->period_from))
        plan->period_from_pos = v[0]->pos;
    if (v[1] && wp_schema_int(c, v[1], "period.to", 1, 9999, &plan->period_to))
        plan->period_to_pos = v[1]->pos;
}

static void read_plan_header(struct wp_plan *plan, const struct ynode *n, struct schema_ctx *c)
{
    const struct ynode *v[P_N];
    plan->pos = n->pos;
    if (!wp_schema_map(c, n, "'plan'", plan_keys, P_N,
                       BIT(P_ID) | BIT(P_TITLE) | BIT(P_PARTIES) | BIT(P_PERIOD) | BIT(P_VERSION),
                       v))
        return;
    if (v[P_ID] && wp_schema_string(c, v[P_ID], "plan.id", &plan->id)) {
        plan->id_pos = v[P_ID]->pos;
        if (!wp_is_plan_id(plan->id)) {
            ERR(c, WP_DIAG_MALFORMED, v[P_ID]->pos,
                "malformed plan id '%s' (expected lowercase letters, digits and '-', starting "
                "with a letter or digit)",
                plan->id);
            plan->id = NULL;
        }
    }
    require_text(c, v[P_TITLE], "plan.title", &plan->title);
    optional_text(c, v[P_SUBTITLE], "plan.subtitle", &plan->subtitle);
    if (v[P_PARTIES] &&
        wp_schema_str_list(c, v[P_PARTIES], "plan.parties", check_party_id, &plan->parties))
        nonempty_list(c, v[P_PARTIES], &plan->parties, "plan.parties", "party");
    read_period(plan, v[P_PERIOD], c);
    if (!wp_schema_is_null(v[P_ADOPTED]) &&
        wp_schema_date(c, v[P_ADOPTED], "plan.adopted", &plan->adopted))
        plan->adopted_pos = v[P_ADOPTED]->pos;
    if (v[P_VERSION] && wp_schema_string(c, v[P_VERSION], "plan.version", &plan->version))
        plan->version_pos = v[P_VERSION]->pos;
    optional_text(c, v[P_FOREWORD], "plan.foreword", &plan->foreword);
}

/* ---- parties: and countries: --------------------------------------------- */

static void read_parties(struct wp_plan *plan, const struct ynode *n, struct schema_ctx *c)
{
    static const char *const keys[] = {"name", "members"};
    plan->parties_pos = n->pos;
    if (n->kind != Y_MAP) {
        ERR(c, WP_DIAG_TYPE, n->pos, "'parties' must be a mapping of party ids, not %s",
            wp_schema_kind_name(n));
        return;
    }
    plan->party_list = WP_ARENA_NEW(c->arena, struct wp_party, n->n);
    for (size_t i = 0; i < n->n; i++) {
        const struct ynode *key = n->items[2 * i], *value = n->items[2 * i + 1];
        const char *id;
        if (!wp_schema_string(c, key, "party id", &id) || !check_party_id(c, key, id))
            continue;
        struct wp_party *p = &plan->party_list[plan->n_parties++];
        p->id = id;
        p->pos = key->pos;
        char what[64];
        snprintf(what, sizeof(what), "party '%s'", id);
        const struct ynode *v[2];
        if (!wp_schema_map(c, value, what, keys, 2, BIT(0) | BIT(1), v))
            continue;
        require_text(c, v[0], "name", &p->name);
        if (v[1] && wp_schema_str_list(c, v[1], "members", check_country_code, &p->members))
            nonempty_list(c, v[1], &p->members, "members", "country");
    }
}

static void read_countries(struct wp_plan *plan, const struct ynode *n, struct schema_ctx *c)
{
    plan->countries_pos = n->pos;
    if (n->kind != Y_MAP) {
        ERR(c, WP_DIAG_TYPE, n->pos, "'countries' must be a mapping of country codes, not %s",
            wp_schema_kind_name(n));
        return;
    }
    plan->countries = WP_ARENA_NEW(c->arena, struct wp_country, n->n);
    for (size_t i = 0; i < n->n; i++) {
        const struct ynode *key = n->items[2 * i], *value = n->items[2 * i + 1];
        const char *code;
        if (!wp_schema_string(c, key, "country code", &code) || !check_country_code(c, key, code))
            continue;
        struct wp_country *country = &plan->countries[plan->n_countries++];
        country->code = code;
        country->pos = key->pos;
        require_text(c, value, code, &country->name);
    }
}

/* ---- areas: and activities ------------------------------------------------- */

enum {
    A_ID,
    A_TITLE,
    A_DESCRIPTION,
    A_LEAD,
    A_PARTNERS,
    A_START,
    A_END,
    A_STATUS,
    A_PROGRESS,
    A_MODALITY,
    A_OUTPUTS,
    A_INDICATORS,
    A_SDGS,
    A_FOCAL_POINT,
    A_LINKS,
    A_N
};
static const char *const activity_keys[A_N] = {
    "id",      "title",      "description", "lead",        "partners",
    "start",   "end",        "status",      "progress",    "modality",
    "outputs", "indicators", "sdgs",        "focal_point", "links",
};

static void read_sdgs(struct wp_activity *a, const struct ynode *n, struct schema_ctx *c)
{
    if (wp_schema_is_null(n))
        return;
    a->sdgs.pos = n->pos;
    if (n->kind != Y_SEQ) {
        ERR(c, WP_DIAG_TYPE, n->pos, "'sdgs' must be a list of goal numbers, not %s",
            wp_schema_kind_name(n));
        return;
    }
    a->sdgs.items = WP_ARENA_NEW(c->arena, struct wp_int, n->n);
    for (size_t i = 0; i < n->n; i++) {
        int goal;
        if (wp_schema_int(c, n->items[i], "sdgs", 1, 17, &goal))
            a->sdgs.items[a->sdgs.n++] = (struct wp_int){goal, n->items[i]->pos};
    }
}

/* ---- indicators: text, or measured ---------------------------------------- */

enum { I_ID, I_TEXT, I_UNIT, I_BASELINE, I_TARGET, I_BY, I_N };
static const char *const indicator_keys[I_N] = {"id", "text", "unit", "baseline", "target", "by"};

/* plan-format.md: a list item that is a mapping with a `text` key is a measured indicator. */
static bool is_measured(const struct ynode *n)
{
    if (n->kind != Y_MAP)
        return false;
    for (size_t i = 0; i < n->n; i++)
        if (n->items[2 * i]->kind == Y_SCALAR && strcmp(n->items[2 * i]->str, "text") == 0)
            return true;
    return false;
}

static void read_indicator_numbers(struct wp_indicator *ind, const struct ynode *const *v,
                                   struct schema_ctx *c)
{
    if (!wp_schema_is_null(v[I_BASELINE]) &&
        wp_schema_number(c, v[I_BASELINE], "baseline", &ind->baseline))
        ind->baseline_pos = v[I_BASELINE]->pos;
    if (!v[I_TARGET])
        return;
    ind->target_pos = v[I_TARGET]->pos;
    if (!wp_schema_number(c, v[I_TARGET], "target", &ind->target))
        return;
    if (ind->target == ind->baseline) {
        char num[32];
        wp_number_str(ind->target, num);
        ERR(c, WP_DIAG_VALUE, v[I_TARGET]->pos,
            "'target' %s equals the baseline: an indicator must aim to move", num);
        return;
    }
    ind->has_target = true;
    ind->lower_is_better = ind->target < ind->baseline;
}

static void read_indicator(struct wp_indicator *ind, const struct ynode *n,
                           const struct wp_activity *a, struct schema_ctx *c)
{
    const struct ynode *v[I_N];
    ind->pos = n->pos;
    ind->activity = a;
    ind->by = a->end; /* the default; its position stays the activity's `end` */
    char what[96] = "indicator";
    for (size_t i = 0; i < n->n; i++)
        if (n->items[2 * i]->kind == Y_SCALAR && strcmp(n->items[2 * i]->str, "id") == 0 &&
            n->items[2 * i + 1]->kind == Y_SCALAR)
            snprintf(what, sizeof(what), "indicator '%.60s'", n->items[2 * i + 1]->str);
    if (!wp_schema_map(c, n, what, indicator_keys, I_N, BIT(I_ID) | BIT(I_TEXT) | BIT(I_TARGET), v))
        return;
    if (v[I_ID] && wp_schema_string(c, v[I_ID], "indicator id", &ind->id)) {
        ind->id_pos = v[I_ID]->pos;
        if (!wp_is_indicator_id(ind->id)) {
            ERR(c, WP_DIAG_MALFORMED, v[I_ID]->pos,
                "malformed indicator id '%.60s' (expected a capital letter, then up to 15 "
                "capital letters, digits or '_')",
                ind->id);
            ind->id = NULL;
        }
    }
    require_text(c, v[I_TEXT], "text", &ind->text);
    optional_text(c, v[I_UNIT], "unit", &ind->unit);
    read_indicator_numbers(ind, v, c);
    if (!wp_schema_is_null(v[I_BY])) {
        ind->by = (struct wp_period){0};
        ind->by_given = wp_schema_period(c, v[I_BY], "by", &ind->by);
        if (!ind->by_given)
            ind->by.year = 0;
    }
}

static void read_indicators(struct wp_activity *a, const struct ynode *n, struct schema_ctx *c)
{
    memset(&a->indicators, 0, sizeof(a->indicators));
    if (wp_schema_is_null(n))
        return;
    a->indicators.pos = n->pos;
    if (n->kind != Y_SEQ) {
        ERR(c, WP_DIAG_TYPE, n->pos, "'indicators' must be a list, not %s", wp_schema_kind_name(n));
        return;
    }
    a->indicators.items = WP_ARENA_NEW(c->arena, struct wp_text, n->n);
    size_t n_measured = 0;
    for (size_t i = 0; i < n->n; i++)
        n_measured += is_measured(n->items[i]);
    if (n_measured)
        a->measured = WP_ARENA_NEW(c->arena, struct wp_indicator, n_measured);
    for (size_t i = 0; i < n->n; i++) {
        if (is_measured(n->items[i]))
            read_indicator(&a->measured[a->n_measured++], n->items[i], a, c);
        else if (wp_schema_text(c, n->items[i], "indicators",
                                &a->indicators.items[a->indicators.n]))
            a->indicators.n++;
    }
}

/* status and progress as adopted, with their defaults (100 when completed) */
static void read_state(struct wp_activity *a, const struct ynode *status,
                       const struct ynode *progress, struct schema_ctx *c)
{
    a->status = WP_STATUS_PLANNED;
    if (!wp_schema_is_null(status)) {
        const char *word;
        a->status_pos = status->pos;
        if (wp_schema_string(c, status, "status", &word)) {
            int s = wp_status_from_word(word);
            if (s < 0)
                ERR(c, WP_DIAG_VALUE, status->pos,
                    "unknown status '%s' (expected planned, ongoing, completed, delayed or "
                    "cancelled)",
                    word);
            else
                a->status = (enum wp_status)s;
        }
    }
    if (!wp_schema_is_null(progress)) {
        a->progress_pos = progress->pos;
        a->progress_given = wp_schema_int(c, progress, "progress", 0, 100, &a->progress);
    }
    if (!a->progress_given)
        a->progress = a->status == WP_STATUS_COMPLETED ? 100 : 0;
}

static void read_activity(struct wp_activity *a, const struct ynode *n, const char *area_id,
                          struct schema_ctx *c)
{
    const struct ynode *v[A_N];
    a->pos = n->pos;
    const struct ynode *idn = NULL;
    if (n->kind == Y_MAP)
        for (size_t i = 0; i < n->n && !idn; i++)
            if (n->items[2 * i]->kind == Y_SCALAR && strcmp(n->items[2 * i]->str, "id") == 0)
                idn = n->items[2 * i + 1];
    char what[96] = "activity";
    if (idn && idn->kind == Y_SCALAR)
        snprintf(what, sizeof(what), "activity '%.60s'", idn->str);
    if (!wp_schema_map(c, n, what, activity_keys, A_N,
                       BIT(A_ID) | BIT(A_TITLE) | BIT(A_LEAD) | BIT(A_START) | BIT(A_END), v))
        return;
    if (v[A_ID] && wp_schema_string(c, v[A_ID], "id", &a->id)) {
        a->id_pos = v[A_ID]->pos;
        bool ok = area_id ? wp_is_activity_id(a->id, area_id) : strchr(a->id, '-') != NULL;
        if (!ok) {
            ERR(c, WP_DIAG_MALFORMED, v[A_ID]->pos,
                "malformed activity id '%s' (expected '%s-' then capital letters or digits, "
                "e.g. '%s-01')",
                a->id, area_id ? area_id : "AREA", area_id ? area_id : "AREA");
            a->id = NULL;
        }
    }
    require_text(c, v[A_TITLE], "title", &a->title);
    optional_text(c, v[A_DESCRIPTION], "description", &a->description);
    if (v[A_LEAD] && wp_schema_str_list(c, v[A_LEAD], "lead", check_ref, &a->lead))
        nonempty_list(c, v[A_LEAD], &a->lead, "lead", "party or country");
    wp_schema_str_list(c, v[A_PARTNERS], "partners", check_ref, &a->partners);
    if (v[A_START])
        wp_schema_period(c, v[A_START], "start", &a->start);
    if (v[A_END])
        wp_schema_period(c, v[A_END], "end", &a->end);
    read_state(a, v[A_STATUS], v[A_PROGRESS], c);
    read_modalities(c, v[A_MODALITY], &a->modality);
    wp_schema_text_list(c, v[A_OUTPUTS], "outputs", &a->outputs);
    read_indicators(a, v[A_INDICATORS], c);
    read_sdgs(a, v[A_SDGS], c);
    optional_text(c, v[A_FOCAL_POINT], "focal_point", &a->focal_point);
    wp_schema_str_list(c, v[A_LINKS], "links", wp_schema_url, &a->links);
}

enum { R_ID, R_TITLE, R_SUMMARY, R_OBJECTIVES, R_ACTIVITIES, R_N };
static const char *const area_keys[R_N] = {"id", "title", "summary", "objectives", "activities"};

static void read_area(struct wp_area *area, const struct ynode *n, struct schema_ctx *c)
{
    const struct ynode *v[R_N];
    area->pos = n->pos;
    if (!wp_schema_map(c, n, "area", area_keys, R_N, BIT(R_ID) | BIT(R_TITLE), v))
        return;
    if (v[R_ID] && wp_schema_string(c, v[R_ID], "id", &area->id)) {
        area->id_pos = v[R_ID]->pos;
        if (!wp_is_area_id(area->id)) {
            ERR(c, WP_DIAG_MALFORMED, v[R_ID]->pos,
                "malformed area id '%s' (expected a capital letter, then 1 to 9 capital letters "
                "or digits)",
                area->id);
            area->id = NULL;
        }
    }
    require_text(c, v[R_TITLE], "title", &area->title);
    optional_text(c, v[R_SUMMARY], "summary", &area->summary);
    wp_schema_text_list(c, v[R_OBJECTIVES], "objectives", &area->objectives);
    const struct ynode *acts = v[R_ACTIVITIES];
    if (wp_schema_is_null(acts))
        return;
    if (acts->kind != Y_SEQ) {
        ERR(c, WP_DIAG_TYPE, acts->pos, "'activities' must be a list, not %s",
            wp_schema_kind_name(acts));
        return;
    }
    area->activities = WP_ARENA_NEW(c->arena, struct wp_activity, acts->n);
    area->n_activities = acts->n;
    for (size_t i = 0; i < acts->n; i++)
        read_activity(&area->activities[i], acts->items[i], area->id, c);
}

static void read_areas(struct wp_plan *plan, const struct ynode *n, struct schema_ctx *c)
{
    plan->areas_pos = n->pos;
    if (n->kind != Y_SEQ) {
        ERR(c, WP_DIAG_TYPE, n->pos, "'areas' must be a list, not %s", wp_schema_kind_name(n));
        return;
    }
    if (n->n == 0)
        ERR(c, WP_DIAG_VALUE, n->pos, "'areas' must hold at least one area");
    plan->areas = WP_ARENA_NEW(c->arena, struct wp_area, n->n);
    plan->n_areas = n->n;
    for (size_t i = 0; i < n->n; i++)
        read_area(&plan->areas[i], n->items[i], c);
}

/* ---- the document ----------------------------------------------------------- */

enum { T_FORMAT, T_PLAN, T_PARTIES, T_COUNTRIES, T_AREAS, T_N };
static const char *const top_keys[T_N] = {"format", "plan", "parties", "countries", "areas"};

/* The plan mapping's `languages`, needed before any text is read. */
static const struct ynode *find_languages(const struct ynode *plan_node)
{
    if (!plan_node || plan_node->kind != Y_MAP)
        return NULL;
    for (size_t i = 0; i < plan_node->n; i++)
        if (plan_node->items[2 * i]->kind == Y_SCALAR &&
            strcmp(plan_node->items[2 * i]->str, "languages") == 0)
            return plan_node->items[2 * i + 1];
    return NULL;
}

void wp_plan_from_tree(struct wp_plan *plan, const struct ynode *root, struct schema_ctx *c)
{
    struct wp_pos start = {1, 1};
    if (wp_schema_is_null(root)) {
        ERR(c, WP_DIAG_MISSING_KEY, start,
            "empty plan: expected the keys 'format', 'plan', 'parties', 'countries' and 'areas'");
        read_languages(plan, NULL, c, start);
        return;
    }
    if (wp_schema_wrong_format(c, root, "workplan/1", "a plan", "workplan-progress/1",
                               "a progress file")) {
        read_languages(plan, NULL, c, start);
        return;
    }
    const struct ynode *v[T_N];
    if (!wp_schema_map(
            c, root, "the plan file", top_keys, T_N,
            BIT(T_FORMAT) | BIT(T_PLAN) | BIT(T_PARTIES) | BIT(T_COUNTRIES) | BIT(T_AREAS), v)) {
        read_languages(plan, NULL, c, start);
        return;
    }
    if (v[T_FORMAT])
        wp_schema_string(c, v[T_FORMAT], "format", &plan->format);
    read_languages(plan, find_languages(v[T_PLAN]), c, v[T_PLAN] ? v[T_PLAN]->pos : start);
    /* when `plan:` cannot be read its languages are unknown: check text keys for syntax only */
    if (v[T_PLAN] && v[T_PLAN]->kind == Y_MAP) {
        /* folded code -> the code as declared, which texts then use whatever their case */
        c->languages = &plan->languages;
        char key[WP_LANG_KEY_MAX];
        for (size_t i = 0; i < plan->languages.n; i++)
            if (wp_lang_key(plan->languages.items[i].s, key))
                wp_strmap_put(&c->language_set, wp_arena_strdup(c->arena, key),
                              (void *)plan->languages.items[i].s);
    }
    if (v[T_PLAN])
        read_plan_header(plan, v[T_PLAN], c);
    if (v[T_PARTIES])
        read_parties(plan, v[T_PARTIES], c);
    if (v[T_COUNTRIES])
        read_countries(plan, v[T_COUNTRIES], c);
    if (v[T_AREAS])
        read_areas(plan, v[T_AREAS], c);
}
