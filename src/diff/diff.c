/*
 * wp_diff: two plans compared element by element, matched by id. Values
 * are compared as the model holds them (texts per language, period tokens,
 * codes), so nothing about how the YAML was written can show as a change.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff/diff_internal.h"
#include "workplan/diff.h"

struct dctx {
    struct wp_diff *d;
    struct wp_arena *arena;
    const struct wp_plan *o, *n;
    const char **langs; /* NEW's languages, then those only OLD has */
    size_t n_langs;
    /* activities whose id changed (moved to another area, renumbered): NEW id ->
     * OLD activity, and OLD id -> NEW activity */
    struct wp_strmap renamed_from, renamed_to;
};

/* The element whose fields are compared: the plan, a party, an area or an activity. */
struct owner {
    enum wp_change_kind kind;
    const char *subject, *area, *path;
    struct wp_pos pos; /* in NEW */
    const struct wp_activity *oa, *na;
    const struct wp_area *oar, *nar;
    const struct wp_party *op, *np;
    const char *item; /* a measured indicator's id */
    const struct wp_indicator *oi, *ni;
};

static const char *const field_names[WP_CF_COUNT] = {
    [WP_CF_NONE] = "",
    [WP_CF_TITLE] = "title",
    [WP_CF_SUBTITLE] = "subtitle",
    [WP_CF_VERSION] = "version",
    [WP_CF_PERIOD] = "period",
    [WP_CF_ADOPTED] = "adopted",
    [WP_CF_LANGUAGES] = "languages",
    [WP_CF_FOREWORD] = "foreword",
    [WP_CF_PARTIES] = "parties",
    [WP_CF_NAME] = "name",
    [WP_CF_MEMBERS] = "members",
    [WP_CF_SUMMARY] = "summary",
    [WP_CF_OBJECTIVES] = "objectives",
    [WP_CF_DESCRIPTION] = "description",
    [WP_CF_LEAD] = "lead",
    [WP_CF_PARTNERS] = "partners",
    [WP_CF_START] = "start",
    [WP_CF_END] = "end",
    [WP_CF_STATUS] = "status",
    [WP_CF_PROGRESS] = "progress",
    [WP_CF_CURRENT_STATUS] = "current.status",
    [WP_CF_CURRENT_PROGRESS] = "current.progress",
    [WP_CF_MODALITY] = "modality",
    [WP_CF_OUTPUTS] = "outputs",
    [WP_CF_INDICATORS] = "indicators",
    [WP_CF_SDGS] = "sdgs",
    [WP_CF_FOCAL_POINT] = "focal_point",
    [WP_CF_LINKS] = "links",
    [WP_CF_MEASURED] = "indicator",
    [WP_CF_INDICATOR_TEXT] = "text",
    [WP_CF_UNIT] = "unit",
    [WP_CF_TARGET] = "target",
    [WP_CF_BASELINE] = "baseline",
    [WP_CF_BY] = "by",
    [WP_CF_VALUE] = "value",
};

static const char *const kind_names[WP_CHANGE_KIND_COUNT] = {
    [WP_CHANGE_PLAN] = "plan-changed",
    [WP_CHANGE_PARTY_ADDED] = "party-added",
    [WP_CHANGE_PARTY_REMOVED] = "party-removed",
    [WP_CHANGE_PARTY] = "party-changed",
    [WP_CHANGE_MEMBER_ADDED] = "member-added",
    [WP_CHANGE_MEMBER_REMOVED] = "member-removed",
    [WP_CHANGE_AREA_ADDED] = "area-added",
    [WP_CHANGE_AREA_REMOVED] = "area-removed",
    [WP_CHANGE_AREA_MOVED] = "area-moved",
    [WP_CHANGE_AREA] = "area-changed",
    [WP_CHANGE_ACTIVITY_ADDED] = "activity-added",
    [WP_CHANGE_ACTIVITY_REMOVED] = "activity-removed",
    [WP_CHANGE_ACTIVITY_MOVED] = "activity-moved",
    [WP_CHANGE_ACTIVITY] = "activity-changed",
    [WP_CHANGE_EVENT_ADDED] = "event-added",
    [WP_CHANGE_EVENT_REMOVED] = "event-removed",
};

const char *wp_change_kind_name(enum wp_change_kind kind)
{
    return (unsigned)kind < WP_CHANGE_KIND_COUNT ? kind_names[kind] : "";
}

const char *wp_change_field_name(enum wp_change_field field)
{
    return (unsigned)field < WP_CF_COUNT ? field_names[field] : "";
}

/* ---- values as text ------------------------------------------------------------ */

const char *wp_diff_text_in(const struct wp_text *t, const char *lang)
{
    if (t->plain)
        return t->plain;
    for (size_t i = 0; lang && i < t->n_items; i++)
        if (strcmp(t->items[i].lang, lang) == 0)
            return t->items[i].value;
    return NULL;
}

void wp_diff_period_token(const struct wp_period *p, char buf[static 16])
{
    int y = p->year % 10000, part = p->part % 100, day = p->day % 100;
    buf[0] = '\0';
    if (!p->year)
        return;
    switch (p->kind) {
    case WP_PERIOD_YEAR:
        snprintf(buf, 16, "%04d", y);
        break;
    case WP_PERIOD_HALF:
        snprintf(buf, 16, "%04d-H%d", y, part);
        break;
    case WP_PERIOD_QUARTER:
        snprintf(buf, 16, "%04d-Q%d", y, part);
        break;
    case WP_PERIOD_MONTH:
        snprintf(buf, 16, "%04d-%02d", y, part);
        break;
    case WP_PERIOD_DAY:
        snprintf(buf, 16, "%04d-%02d-%02d", y, part, day);
        break;
    }
}

static const char *
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    xprintf(struct dctx *x, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        return "";
    if ((size_t)n < sizeof(small))
        return wp_arena_strdup(x->arena, small);
    char *big = wp_arena_alloc(x->arena, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return big;
}

/* Joins the strings with sep; NULL for an empty list. */
static const char *join_strs(struct dctx *x, const struct wp_str_list *l, const char *sep)
{
    if (!l->n)
        return NULL;
    struct wp_buf b = WP_BUF_INIT;
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            wp_buf_adds(&b, sep);
        wp_buf_adds(&b, l->items[i].s ? l->items[i].s : "");
    }
    const char *s = wp_arena_strdup(x->arena, b.data);
    wp_buf_release(&b);
    return s;
}

static const char *join_ints(struct dctx *x, const struct wp_int_list *l)
{
    if (!l->n)
        return NULL;
    struct wp_buf b = WP_BUF_INIT;
    for (size_t i = 0; i < l->n; i++)
        wp_buf_addf(&b, "%s%d", i ? ", " : "", l->items[i].v);
    const char *s = wp_arena_strdup(x->arena, b.data);
    wp_buf_release(&b);
    return s;
}

/* The list's texts in lang, joined with sep; NULL when the list is empty. */
static const char *join_texts(struct dctx *x, const struct wp_text_list *l, const char *lang,
                              const char *sep)
{
    if (!l->n)
        return NULL;
    struct wp_buf b = WP_BUF_INIT;
    for (size_t i = 0; i < l->n; i++) {
        const char *t = wp_diff_text_in(&l->items[i], lang);
        if (i)
            wp_buf_adds(&b, sep);
        wp_buf_adds(&b, t ? t : "");
    }
    const char *s = wp_arena_strdup(x->arena, b.data);
    wp_buf_release(&b);
    return s;
}

static bool same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* ---- records ------------------------------------------------------------------- */

static struct wp_change *push(struct dctx *x, enum wp_change_kind kind, bool in_old,
                              struct wp_pos pos)
{
    struct wp_diff *d = x->d;
    WP_GROW(d->changes, d->priv->cap, d->n + 1);
    struct wp_change *c = &d->changes[d->n++];
    memset(c, 0, sizeof(*c));
    c->kind = kind;
    c->file = in_old ? x->o->file : x->n->file;
    c->pos = pos;
    return c;
}

static void from_owner(struct wp_change *c, const struct owner *ow)
{
    c->subject = ow->subject;
    c->area = ow->area;
    c->old_activity = ow->oa;
    c->new_activity = ow->na;
    c->old_area = ow->oar;
    c->new_area = ow->nar;
    c->old_party = ow->op;
    c->new_party = ow->np;
    c->item = ow->item;
    c->old_indicator = ow->oi;
    c->new_indicator = ow->ni;
}

/* A field's change when old and new differ; its place is the new value's, else the owner's. */
static void field_change(struct dctx *x, const struct owner *ow, enum wp_change_field field,
                         const char *lang, const char *old_v, const char *new_v,
                         struct wp_pos new_pos)
{
    if (same(old_v, new_v))
        return;
    struct wp_pos pos = new_v && new_pos.line ? new_pos : ow->pos;
    const char *path = lang ? xprintf(x, "%s.%s.%s", ow->path, field_names[field], lang)
                            : xprintf(x, "%s.%s", ow->path, field_names[field]);
    struct wp_change *c = push(x, ow->kind, false, pos);
    from_owner(c, ow);
    c->field = field;
    c->lang = lang;
    c->path = path;
    c->old_value = old_v;
    c->new_value = new_v;
}

static struct wp_pos text_pos(const struct wp_text *t, const char *lang)
{
    for (size_t i = 0; lang && i < t->n_items; i++)
        if (strcmp(t->items[i].lang, lang) == 0)
            return t->items[i].pos;
    return t->pos;
}

/* Per language when either side is written per language; once when both are plain. */
static void cmp_text(struct dctx *x, const struct owner *ow, enum wp_change_field field,
                     const struct wp_text *ot, const struct wp_text *nt)
{
    if (!ot->n_items && !nt->n_items) {
        field_change(x, ow, field, NULL, ot->plain, nt->plain, nt->pos);
        return;
    }
    for (size_t k = 0; k < x->n_langs; k++) {
        const char *lang = x->langs[k];
        field_change(x, ow, field, lang, wp_diff_text_in(ot, lang), wp_diff_text_in(nt, lang),
                     text_pos(nt, lang));
    }
}

static bool all_plain(const struct wp_text_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i].n_items)
            return false;
    return true;
}

/* Sentences are joined with "; ", short words (modality) with ", ". */
static void cmp_text_list(struct dctx *x, const struct owner *ow, enum wp_change_field field,
                          const struct wp_text_list *ol, const struct wp_text_list *nl)
{
    const char *sep = field == WP_CF_MODALITY ? ", " : "; ";
    if (all_plain(ol) && all_plain(nl)) {
        field_change(x, ow, field, NULL, join_texts(x, ol, NULL, sep), join_texts(x, nl, NULL, sep),
                     nl->pos);
        return;
    }
    for (size_t k = 0; k < x->n_langs; k++)
        field_change(x, ow, field, x->langs[k], join_texts(x, ol, x->langs[k], sep),
                     join_texts(x, nl, x->langs[k], sep), nl->pos);
}

static void cmp_strs(struct dctx *x, const struct owner *ow, enum wp_change_field field,
                     const struct wp_str_list *ol, const struct wp_str_list *nl)
{
    field_change(x, ow, field, NULL, join_strs(x, ol, ", "), join_strs(x, nl, ", "), nl->pos);
}

static const char *period_text(struct dctx *x, const struct wp_period *p)
{
    char tok[16];
    wp_diff_period_token(p, tok);
    return tok[0] ? wp_arena_strdup(x->arena, tok) : NULL;
}

static const char *int_text(struct dctx *x, int v)
{
    return xprintf(x, "%d", v);
}

/* ---- the plan, its parties ------------------------------------------------------- */

static const char *date_text(struct dctx *x, struct wp_date d)
{
    if (!d.year)
        return NULL;
    char iso[11];
    wp_date_iso(d, iso);
    return wp_arena_strdup(x->arena, iso);
}

static const char *period_range(struct dctx *x, const struct wp_plan *p)
{
    return p->period_from || p->period_to ? xprintf(x, "%d-%d", p->period_from, p->period_to)
                                          : NULL;
}

static void diff_plan_facts(struct dctx *x)
{
    const struct wp_plan *o = x->o, *n = x->n;
    struct owner ow = {.kind = WP_CHANGE_PLAN, .path = "plan", .pos = n->pos};
    cmp_text(x, &ow, WP_CF_TITLE, &o->title, &n->title);
    cmp_text(x, &ow, WP_CF_SUBTITLE, &o->subtitle, &n->subtitle);
    field_change(x, &ow, WP_CF_VERSION, NULL, o->version, n->version, n->version_pos);
    field_change(x, &ow, WP_CF_PERIOD, NULL, period_range(x, o), period_range(x, n), n->period_pos);
    field_change(x, &ow, WP_CF_ADOPTED, NULL, date_text(x, o->adopted), date_text(x, n->adopted),
                 n->adopted_pos);
    cmp_strs(x, &ow, WP_CF_LANGUAGES, &o->languages, &n->languages);
    cmp_text(x, &ow, WP_CF_FOREWORD, &o->foreword, &n->foreword);
    cmp_strs(x, &ow, WP_CF_PARTIES, &o->parties, &n->parties);
}

static bool has_member(const struct wp_party *p, const char *code)
{
    return p && code && wp_party_has_member(p, code);
}

static void diff_members(struct dctx *x, const struct owner *ow)
{
    const struct wp_party *op = ow->op, *np = ow->np;
    for (size_t k = 0; k < np->members.n; k++) {
        const struct wp_str *m = &np->members.items[k];
        if (!m->s || has_member(op, m->s))
            continue;
        struct wp_change *c = push(x, WP_CHANGE_MEMBER_ADDED, false, m->pos);
        from_owner(c, ow);
        c->path = xprintf(x, "%s.members[%s]", ow->path, m->s);
        c->new_value = m->s;
    }
    for (size_t k = 0; k < op->members.n; k++) {
        const struct wp_str *m = &op->members.items[k];
        if (!m->s || has_member(np, m->s))
            continue;
        struct wp_change *c = push(x, WP_CHANGE_MEMBER_REMOVED, true, m->pos);
        from_owner(c, ow);
        c->path = xprintf(x, "%s.members[%s]", ow->path, m->s);
        c->old_value = m->s;
    }
}

static void diff_parties(struct dctx *x)
{
    for (size_t i = 0; i < x->n->n_parties; i++) {
        const struct wp_party *np = &x->n->party_list[i];
        const struct wp_party *op = wp_plan_find_party(x->o, np->id);
        struct owner ow = {.kind = WP_CHANGE_PARTY,
                           .subject = np->id,
                           .path = xprintf(x, "parties[%s]", np->id),
                           .pos = np->pos,
                           .op = op,
                           .np = np};
        if (!op) {
            struct wp_change *c = push(x, WP_CHANGE_PARTY_ADDED, false, np->pos);
            from_owner(c, &ow);
            c->path = ow.path;
            c->new_value = wp_text_get(x->n, &np->name, NULL);
            continue;
        }
        cmp_text(x, &ow, WP_CF_NAME, &op->name, &np->name);
        diff_members(x, &ow);
    }
    for (size_t i = 0; i < x->o->n_parties; i++) {
        const struct wp_party *op = &x->o->party_list[i];
        if (wp_plan_find_party(x->n, op->id))
            continue;
        struct wp_change *c = push(x, WP_CHANGE_PARTY_REMOVED, true, op->pos);
        c->subject = op->id;
        c->old_party = op;
        c->path = xprintf(x, "parties[%s]", op->id);
        c->old_value = wp_text_get(x->o, &op->name, NULL);
    }
}

/* ---- events: the progress file's record, matched by date and title ---------------- */

static const char *event_key(struct dctx *x, const struct wp_plan *p, const struct wp_event *e)
{
    char iso[11];
    wp_date_iso(e->date, iso);
    const char *t = wp_text_get(p, &e->title, x->o->languages.items[0].s);
    return xprintf(x, "%s %s", iso, t ? t : "");
}

/* How many events of p have each key (the same event may be recorded twice). */
static void count_events(struct dctx *x, const struct wp_plan *p, struct wp_strmap *counts)
{
    for (size_t i = 0; i < p->n_events; i++) {
        const char *k = event_key(x, p, &p->events[i]);
        size_t *n = wp_strmap_get(counts, k);
        if (!n) {
            n = wp_arena_alloc(x->arena, sizeof(*n));
            wp_strmap_put(counts, k, n);
        }
        (*n)++;
    }
}

/* The events of `from` that `other` does not have (as many times as it lacks them). */
static void events_only_in(struct dctx *x, const struct wp_plan *from, const struct wp_plan *other,
                           bool in_old)
{
    struct wp_strmap counts;
    wp_strmap_init(&counts);
    count_events(x, other, &counts);
    for (size_t i = 0; i < from->n_events; i++) {
        const struct wp_event *e = &from->events[i];
        size_t *n = wp_strmap_get(&counts, event_key(x, from, e));
        if (n && *n) {
            (*n)--;
            continue;
        }
        struct wp_change *c =
            push(x, in_old ? WP_CHANGE_EVENT_REMOVED : WP_CHANGE_EVENT_ADDED, in_old, e->pos);
        c->path = xprintf(x, "events[%zu]", e->index);
        if (in_old) {
            c->old_event = e;
            c->old_value = wp_text_get(from, &e->title, NULL);
        } else {
            c->new_event = e;
            c->new_value = wp_text_get(from, &e->title, NULL);
        }
    }
    wp_strmap_release(&counts);
}

/* ---- activities ------------------------------------------------------------------ */

static void diff_status(struct dctx *x, const struct owner *ow)
{
    const struct wp_activity *oa = ow->oa, *na = ow->na;
    field_change(x, ow, WP_CF_STATUS, NULL, wp_status_word(oa->status), wp_status_word(na->status),
                 na->status_pos);
    /* a progress nobody wrote follows the status: only a written one is news */
    if (oa->progress_given || na->progress_given)
        field_change(x, ow, WP_CF_PROGRESS, NULL, int_text(x, oa->progress),
                     int_text(x, na->progress), na->progress_pos);
    /* the reported state, unless it only follows the plan's own on both sides */
    const struct wp_current *oc = &oa->current, *nc = &na->current;
    if (oc->status != nc->status && (oc->status != oa->status || nc->status != na->status))
        field_change(x, ow, WP_CF_CURRENT_STATUS, NULL, wp_status_word(oc->status),
                     wp_status_word(nc->status), na->pos);
    if (oc->progress != nc->progress &&
        (oc->progress != oa->progress || nc->progress != na->progress))
        field_change(x, ow, WP_CF_CURRENT_PROGRESS, NULL, int_text(x, oc->progress),
                     int_text(x, nc->progress), na->pos);
}

/* ---- measured indicators -------------------------------------------------------- */

static const char *number_text(struct dctx *x, bool given, double v)
{
    if (!given)
        return NULL;
    char buf[32];
    wp_number_str(v, buf);
    return wp_arena_strdup(x->arena, buf);
}

/* An indicator both plans have: its fields, as changes of its activity. */
static void diff_indicator(struct dctx *x, const struct owner *act, const struct wp_indicator *oi,
                           const struct wp_indicator *ni)
{
    struct owner ow = *act;
    ow.path = xprintf(x, "%s.indicators[%s]", act->path, ni->id);
    ow.pos = ni->pos;
    ow.item = ni->id;
    ow.oi = oi;
    ow.ni = ni;
    cmp_text(x, &ow, WP_CF_INDICATOR_TEXT, &oi->text, &ni->text);
    cmp_text(x, &ow, WP_CF_UNIT, &oi->unit, &ni->unit);
    field_change(x, &ow, WP_CF_BASELINE, NULL, number_text(x, true, oi->baseline),
                 number_text(x, true, ni->baseline), ni->baseline_pos);
    field_change(x, &ow, WP_CF_TARGET, NULL, number_text(x, oi->has_target, oi->target),
                 number_text(x, ni->has_target, ni->target), ni->target_pos);
    /* a `by` nobody wrote is the activity's end: its change is already news */
    if (oi->by_given || ni->by_given)
        field_change(x, &ow, WP_CF_BY, NULL, period_text(x, &oi->by), period_text(x, &ni->by),
                     ni->by.pos);
    field_change(x, &ow, WP_CF_VALUE, NULL, number_text(x, oi->has_value, oi->value),
                 number_text(x, ni->has_value, ni->value), ni->pos);
}

/* An indicator only one plan has: added or removed as a whole. */
static void indicator_alone(struct dctx *x, const struct owner *act, const struct wp_indicator *ind,
                            bool in_old)
{
    struct wp_change *c = push(x, WP_CHANGE_ACTIVITY, in_old, ind->pos);
    from_owner(c, act);
    c->field = WP_CF_MEASURED;
    c->item = ind->id;
    c->path = xprintf(x, "%s.indicators[%s]", act->path, ind->id);
    if (in_old) {
        c->old_indicator = ind;
        c->old_value = wp_text_get(x->o, &ind->text, NULL);
    } else {
        c->new_indicator = ind;
        c->new_value = wp_text_get(x->n, &ind->text, NULL);
    }
}

static void diff_measured(struct dctx *x, const struct owner *act)
{
    const struct wp_activity *oa = act->oa, *na = act->na;
    for (size_t k = 0; k < na->n_measured; k++) {
        const struct wp_indicator *ni = &na->measured[k];
        const struct wp_indicator *oi = ni->id ? wp_activity_find_indicator(oa, ni->id) : NULL;
        if (oi)
            diff_indicator(x, act, oi, ni);
        else if (ni->id)
            indicator_alone(x, act, ni, false);
    }
    for (size_t k = 0; k < oa->n_measured; k++) {
        const struct wp_indicator *oi = &oa->measured[k];
        if (oi->id && !wp_activity_find_indicator(na, oi->id))
            indicator_alone(x, act, oi, true);
    }
}

static void diff_activity_fields(struct dctx *x, const struct owner *ow)
{
    const struct wp_activity *oa = ow->oa, *na = ow->na;
    cmp_text(x, ow, WP_CF_TITLE, &oa->title, &na->title);
    cmp_text(x, ow, WP_CF_DESCRIPTION, &oa->description, &na->description);
    cmp_strs(x, ow, WP_CF_LEAD, &oa->lead, &na->lead);
    cmp_strs(x, ow, WP_CF_PARTNERS, &oa->partners, &na->partners);
    field_change(x, ow, WP_CF_START, NULL, period_text(x, &oa->start), period_text(x, &na->start),
                 na->start.pos);
    field_change(x, ow, WP_CF_END, NULL, period_text(x, &oa->end), period_text(x, &na->end),
                 na->end.pos);
    diff_status(x, ow);
    cmp_text_list(x, ow, WP_CF_MODALITY, &oa->modality, &na->modality);
    cmp_text_list(x, ow, WP_CF_OUTPUTS, &oa->outputs, &na->outputs);
    cmp_text_list(x, ow, WP_CF_INDICATORS, &oa->indicators, &na->indicators);
    field_change(x, ow, WP_CF_SDGS, NULL, join_ints(x, &oa->sdgs), join_ints(x, &na->sdgs),
                 na->sdgs.pos);
    cmp_text(x, ow, WP_CF_FOCAL_POINT, &oa->focal_point, &na->focal_point);
    cmp_strs(x, ow, WP_CF_LINKS, &oa->links, &na->links);
    diff_measured(x, ow);
}

/* OLD's counterpart of a NEW activity: the same id, or the one it was renamed from. */
static const struct wp_activity *old_of(struct dctx *x, const struct wp_activity *na)
{
    const struct wp_activity *oa = wp_plan_find_activity(x->o, na->id);
    return oa ? oa : wp_strmap_get(&x->renamed_from, na->id);
}

/* True when OLD's activity is gone from NEW under its id and every other. */
static bool is_removed(struct dctx *x, const struct wp_activity *oa)
{
    return !wp_plan_find_activity(x->n, oa->id) && !wp_strmap_get(&x->renamed_to, oa->id);
}

static void diff_activity(struct dctx *x, const struct wp_area *nar, const struct wp_activity *na)
{
    const struct wp_activity *oa = old_of(x, na);
    struct owner ow = {.kind = WP_CHANGE_ACTIVITY,
                       .subject = na->id,
                       .area = nar->id,
                       .path = xprintf(x, "areas[%s].activities[%s]", nar->id, na->id),
                       .pos = na->pos,
                       .oa = oa,
                       .na = na,
                       .oar = oa ? oa->area : NULL,
                       .nar = nar};
    if (!oa) {
        struct wp_change *c = push(x, WP_CHANGE_ACTIVITY_ADDED, false, na->pos);
        from_owner(c, &ow);
        c->path = ow.path;
        c->new_value = wp_text_get(x->n, &na->title, NULL);
        return;
    }
    if ((oa->area && strcmp(oa->area->id, nar->id) != 0) || strcmp(oa->id, na->id) != 0) {
        struct wp_change *c = push(x, WP_CHANGE_ACTIVITY_MOVED, false, na->pos);
        from_owner(c, &ow);
        c->path = ow.path;
        c->old_value = xprintf(x, "areas[%s].activities[%s]", oa->area ? oa->area->id : "", oa->id);
        c->new_value = ow.path;
    }
    diff_activity_fields(x, &ow);
}

/*
 * An activity's id names its area, so moving it to another area (or
 * renumbering it) changes its id: an activity only OLD has and one only NEW
 * has, with the same title, are the same activity under a new id.
 */
static void pair_renamed(struct dctx *x)
{
    struct wp_strmap by_title; /* title of an activity only OLD has -> it */
    wp_strmap_init(&by_title);
    for (size_t i = 0; i < x->o->n_activities; i++) {
        const struct wp_activity *oa = x->o->activities[i];
        const char *t = wp_text_get(x->o, &oa->title, NULL);
        if (t && !wp_plan_find_activity(x->n, oa->id))
            wp_strmap_put(&by_title, t, (void *)oa);
    }
    for (size_t i = 0; by_title.n && i < x->n->n_activities; i++) {
        const struct wp_activity *na = x->n->activities[i];
        const char *t = wp_text_get(x->n, &na->title, x->o->languages.items[0].s);
        if (!t || wp_plan_find_activity(x->o, na->id))
            continue;
        const struct wp_activity *oa = wp_strmap_get(&by_title, t);
        if (!oa || wp_strmap_get(&x->renamed_to, oa->id))
            continue;
        wp_strmap_put(&x->renamed_from, na->id, (void *)oa);
        wp_strmap_put(&x->renamed_to, oa->id, (void *)na);
    }
    wp_strmap_release(&by_title);
}

static void activity_removed(struct dctx *x, const struct wp_area *oar,
                             const struct wp_activity *oa)
{
    struct wp_change *c = push(x, WP_CHANGE_ACTIVITY_REMOVED, true, oa->pos);
    c->subject = oa->id;
    c->area = oar->id;
    c->old_activity = oa;
    c->old_area = oar;
    c->new_area = wp_plan_find_area(x->n, oar->id);
    c->path = xprintf(x, "areas[%s].activities[%s]", oar->id, oa->id);
    c->old_value = wp_text_get(x->o, &oa->title, NULL);
}

/* ---- areas --------------------------------------------------------------------- */

/*
 * Areas NEW keeps, in NEW's order: those off the longest run still in OLD's
 * order are the ones that moved (one swap names one area, not every other).
 */
static bool *moved_areas(struct dctx *x)
{
    size_t n = x->n->n_areas;
    bool *moved = wp_xcalloc(n ? n : 1, sizeof(*moved));
    size_t *seq = wp_xmalloc((n ? n : 1) * sizeof(*seq)); /* NEW index of each kept area */
    size_t *tail = wp_xmalloc((n + 1) * sizeof(*tail));   /* LIS: seq index ending each length */
    size_t *prev = wp_xmalloc((n ? n : 1) * sizeof(*prev));
    size_t m = 0, len = 0;
    for (size_t i = 0; i < n; i++)
        if (wp_plan_find_area(x->o, x->n->areas[i].id))
            seq[m++] = i;
#define OLD_AT(k) (wp_plan_find_area(x->o, x->n->areas[seq[k]].id)->index)
    for (size_t k = 0; k < m; k++) {
        size_t lo = 0, hi = len;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (OLD_AT(tail[mid]) < OLD_AT(k))
                lo = mid + 1;
            else
                hi = mid;
        }
        prev[k] = lo ? tail[lo - 1] : SIZE_MAX;
        tail[lo] = k;
        if (lo == len)
            len++;
    }
#undef OLD_AT
    for (size_t k = 0; k < m; k++)
        moved[seq[k]] = true;
    for (size_t k = len ? tail[len - 1] : SIZE_MAX; k != SIZE_MAX; k = prev[k])
        moved[seq[k]] = false;
    free(seq);
    free(tail);
    free(prev);
    return moved;
}

static void diff_area(struct dctx *x, const struct wp_area *nar, bool moved)
{
    const struct wp_area *oar = wp_plan_find_area(x->o, nar->id);
    struct owner ow = {.kind = WP_CHANGE_AREA,
                       .subject = nar->id,
                       .area = nar->id,
                       .path = xprintf(x, "areas[%s]", nar->id),
                       .pos = nar->pos,
                       .oar = oar,
                       .nar = nar};
    if (!oar) {
        struct wp_change *c = push(x, WP_CHANGE_AREA_ADDED, false, nar->pos);
        from_owner(c, &ow);
        c->path = ow.path;
        c->new_value = wp_text_get(x->n, &nar->title, NULL);
    } else {
        if (moved) {
            struct wp_change *c = push(x, WP_CHANGE_AREA_MOVED, false, nar->pos);
            from_owner(c, &ow);
            c->path = ow.path;
            c->old_index = oar->index + 1;
            c->new_index = nar->index + 1;
            c->old_value = xprintf(x, "%zu", c->old_index);
            c->new_value = xprintf(x, "%zu", c->new_index);
        }
        cmp_text(x, &ow, WP_CF_TITLE, &oar->title, &nar->title);
        cmp_text(x, &ow, WP_CF_SUMMARY, &oar->summary, &nar->summary);
        cmp_text_list(x, &ow, WP_CF_OBJECTIVES, &oar->objectives, &nar->objectives);
    }
    for (size_t i = 0; i < nar->n_activities; i++)
        diff_activity(x, nar, &nar->activities[i]);
    for (size_t i = 0; oar && i < oar->n_activities; i++)
        if (is_removed(x, &oar->activities[i]))
            activity_removed(x, oar, &oar->activities[i]);
}

static void diff_removed_areas(struct dctx *x)
{
    for (size_t a = 0; a < x->o->n_areas; a++) {
        const struct wp_area *oar = &x->o->areas[a];
        if (wp_plan_find_area(x->n, oar->id))
            continue;
        struct wp_change *c = push(x, WP_CHANGE_AREA_REMOVED, true, oar->pos);
        c->subject = oar->id;
        c->area = oar->id;
        c->old_area = oar;
        c->path = xprintf(x, "areas[%s]", oar->id);
        c->old_value = wp_text_get(x->o, &oar->title, NULL);
        for (size_t i = 0; i < oar->n_activities; i++)
            if (is_removed(x, &oar->activities[i]))
                activity_removed(x, oar, &oar->activities[i]);
    }
}

/* ---- the whole -------------------------------------------------------------------- */

static void union_languages(struct dctx *x)
{
    const struct wp_str_list *nl = &x->n->languages, *ol = &x->o->languages;
    x->langs = WP_ARENA_NEW(x->arena, const char *, nl->n + ol->n + 1);
    for (size_t i = 0; i < nl->n + ol->n; i++) {
        const char *l = i < nl->n ? nl->items[i].s : ol->items[i - nl->n].s;
        bool dup = !l;
        for (size_t k = 0; k < x->n_langs && !dup; k++)
            dup = strcmp(x->langs[k], l) == 0;
        if (!dup)
            x->langs[x->n_langs++] = l;
    }
}

static void count(struct wp_diff *d)
{
    const char *last = NULL;
    for (size_t i = 0; i < d->n; i++) {
        const struct wp_change *c = &d->changes[i];
        switch (c->kind) {
        case WP_CHANGE_ACTIVITY_ADDED:
            d->n_activities_added++;
            break;
        case WP_CHANGE_ACTIVITY_REMOVED:
            d->n_activities_removed++;
            break;
        case WP_CHANGE_ACTIVITY_MOVED:
        case WP_CHANGE_ACTIVITY:
            /* an activity's changes are consecutive: count it once */
            if (!same(last, c->subject))
                d->n_activities_changed++;
            last = c->subject;
            continue;
        default:
            d->n_other++;
            break;
        }
        last = NULL;
    }
}

enum wp_error wp_diff(const struct wp_plan *old_plan, const struct wp_plan *new_plan,
                      struct wp_diff **out)
{
    if (!out)
        return WP_ERR_ARGUMENT;
    *out = NULL;
    if (!old_plan || !new_plan)
        return WP_ERR_ARGUMENT;
    struct wp_diff *d = wp_xcalloc(1, sizeof(*d));
    d->priv = wp_xcalloc(1, sizeof(*d->priv));
    wp_arena_init(&d->priv->arena);
    d->old_plan = old_plan;
    d->new_plan = new_plan;
    struct dctx x = {.d = d, .arena = &d->priv->arena, .o = old_plan, .n = new_plan};
    union_languages(&x);
    wp_strmap_init(&x.renamed_from);
    wp_strmap_init(&x.renamed_to);
    pair_renamed(&x);
    diff_plan_facts(&x);
    diff_parties(&x);
    events_only_in(&x, new_plan, old_plan, false);
    events_only_in(&x, old_plan, new_plan, true);
    bool *moved = moved_areas(&x);
    for (size_t a = 0; a < new_plan->n_areas; a++)
        diff_area(&x, &new_plan->areas[a], moved[a]);
    free(moved);
    diff_removed_areas(&x);
    wp_strmap_release(&x.renamed_from);
    wp_strmap_release(&x.renamed_to);
    count(d);
    *out = d;
    return WP_OK;
}

/* The update that gives an indicator's current value: latest date, later entry on a tie. */
static struct wp_pos value_pos(const struct wp_progress *p, const char *activity, const char *id)
{
    const struct wp_update *best = NULL;
    struct wp_pos pos = {0, 0};
    for (size_t i = 0; i < p->n_updates; i++) {
        const struct wp_update *u = &p->updates[i];
        if (!u->activity || strcmp(u->activity, activity) != 0)
            continue;
        for (size_t k = 0; k < u->n_indicators; k++)
            if (u->indicators[k].id && strcmp(u->indicators[k].id, id) == 0 &&
                (!best || wp_date_cmp(u->date, best->date) >= 0)) {
                best = u;
                pos = u->indicators[k].value_pos;
            }
    }
    return pos;
}

/* The update that gives the activity's current status (or progress): latest date, later entry on a
 * tie. */
static const struct wp_update *deciding_update(const struct wp_progress *p, const char *activity,
                                               bool status)
{
    const struct wp_update *best = NULL;
    for (size_t i = 0; i < p->n_updates; i++) {
        const struct wp_update *u = &p->updates[i];
        if (!u->activity || strcmp(u->activity, activity) != 0 ||
            !(status ? u->has_status : u->has_progress))
            continue;
        if (!best || wp_date_cmp(u->date, best->date) >= 0)
            best = u;
    }
    return best;
}

void wp_diff_locate_progress(struct wp_diff *diff, const struct wp_progress *old_progress,
                             const struct wp_progress *new_progress)
{
    if (!diff)
        return;
    for (size_t i = 0; i < diff->n; i++) {
        struct wp_change *c = &diff->changes[i];
        /* an event's position is already in its file; the file is named here */
        if (c->kind == WP_CHANGE_EVENT_REMOVED && old_progress && old_progress->file)
            c->file = old_progress->file;
        if (c->kind == WP_CHANGE_EVENT_ADDED && new_progress && new_progress->file)
            c->file = new_progress->file;
        if (!new_progress || !new_progress->file)
            continue;
        if (c->field == WP_CF_VALUE && c->new_activity && c->new_value) {
            struct wp_pos pos = value_pos(new_progress, c->new_activity->id, c->item);
            if (pos.line) {
                c->file = new_progress->file;
                c->pos = pos;
            }
        }
        bool status = c->field == WP_CF_CURRENT_STATUS;
        if ((!status && c->field != WP_CF_CURRENT_PROGRESS) || !c->new_activity)
            continue;
        const struct wp_update *u = deciding_update(new_progress, c->new_activity->id, status);
        struct wp_pos pos = u ? (status ? u->status_pos : u->progress_pos) : (struct wp_pos){0, 0};
        if (pos.line) {
            c->file = new_progress->file;
            c->pos = pos;
        }
    }
}

void wp_diff_free(struct wp_diff *diff)
{
    if (!diff)
        return;
    free(diff->changes);
    if (diff->priv)
        wp_arena_release(&diff->priv->arena);
    free(diff->priv);
    free(diff);
}
