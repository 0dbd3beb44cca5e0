/*
 * A change as a sentence in any catalogue language: every fixed word comes
 * from the label catalogue; names, titles, periods and statuses are taken
 * from the plan each value belongs to (OLD for old values, NEW for new).
 */
#include <stdio.h>
#include <string.h>

#include "diff/diff_internal.h"
#include "workplan/labels.h"

/* What one sentence is built with; strings it makes go into the arena. */
struct sctx {
    const struct wp_diff *d;
    const struct wp_change *c;
    const char *lang;
    struct wp_arena arena;
};

static const char *fill(struct sctx *s, enum wp_label l, const char *const *args, size_t n)
{
    const char *tmpl = wp_label(s->lang, l);
    size_t len = wp_label_fill(NULL, 0, tmpl, args, n);
    char *out = wp_arena_alloc(&s->arena, len + 1);
    wp_label_fill(out, len + 1, tmpl, args, n);
    return out;
}

/* Copies s into buf like wp_label_fill does: truncated, NUL-terminated, wanted length. */
static size_t give(const char *s, char *buf, size_t size)
{
    size_t len = strlen(s);
    if (size) {
        size_t k = len < size ? len : size - 1;
        memcpy(buf, s, k);
        buf[k] = '\0';
    }
    return len;
}

static const char *text(struct sctx *s, const struct wp_plan *plan, const struct wp_text *t,
                        const char *fallback)
{
    const char *v = wp_text_get(plan, t, s->lang);
    return v ? v : fallback;
}

static const char *names(struct sctx *s, const struct wp_plan *plan, const struct wp_str_list *l)
{
    struct wp_buf b = WP_BUF_INIT;
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            wp_buf_adds(&b, wp_label(s->lang, WP_L_CH_LIST_SEP));
        wp_buf_adds(&b, wp_plan_ref_name(plan, l->items[i].s, s->lang));
    }
    const char *r = wp_arena_strdup(&s->arena, b.data);
    wp_buf_release(&b);
    return r;
}

static const char *period_words(struct sctx *s, const struct wp_period *p)
{
    char buf[96];
    wp_format_period(buf, sizeof(buf), s->lang, p);
    return wp_arena_strdup(&s->arena, buf);
}

static const char *plan_period(struct sctx *s, const struct wp_plan *p)
{
    char from[16], to[16];
    snprintf(from, sizeof(from), "%d", p->period_from % 100000);
    snprintf(to, sizeof(to), "%d", p->period_to % 100000);
    if (p->period_from == p->period_to)
        return wp_arena_strdup(&s->arena, from);
    return fill(s, WP_L_RANGE, (const char *[]){from, to}, 2);
}

static enum wp_label field_label(enum wp_change_field f)
{
    static const enum wp_label map[WP_CF_COUNT] = {
        [WP_CF_NONE] = WP_L_CH_CHANGES,
        [WP_CF_TITLE] = WP_L_TITLE,
        [WP_CF_SUBTITLE] = WP_L_CH_SUBTITLE,
        [WP_CF_VERSION] = WP_L_VERSION,
        [WP_CF_PERIOD] = WP_L_PERIOD,
        [WP_CF_ADOPTED] = WP_L_ADOPTED,
        [WP_CF_LANGUAGES] = WP_L_CH_LANGUAGES,
        [WP_CF_FOREWORD] = WP_L_FOREWORD,
        [WP_CF_PARTIES] = WP_L_PARTIES,
        [WP_CF_NAME] = WP_L_CH_NAME,
        [WP_CF_MEMBERS] = WP_L_MEMBERS,
        [WP_CF_SUMMARY] = WP_L_SUMMARY,
        [WP_CF_OBJECTIVES] = WP_L_OBJECTIVES,
        [WP_CF_DESCRIPTION] = WP_L_DESCRIPTION,
        [WP_CF_LEAD] = WP_L_LEAD,
        [WP_CF_PARTNERS] = WP_L_PARTNERS,
        [WP_CF_START] = WP_L_START,
        [WP_CF_END] = WP_L_END,
        [WP_CF_STATUS] = WP_L_STATUS,
        [WP_CF_PROGRESS] = WP_L_PROGRESS,
        [WP_CF_CURRENT_STATUS] = WP_L_STATUS,
        [WP_CF_CURRENT_PROGRESS] = WP_L_PROGRESS,
        [WP_CF_MODALITY] = WP_L_MODALITY,
        [WP_CF_OUTPUTS] = WP_L_OUTPUTS,
        [WP_CF_INDICATORS] = WP_L_INDICATORS,
        [WP_CF_SDGS] = WP_L_SDGS,
        [WP_CF_FOCAL_POINT] = WP_L_FOCAL_POINT,
        [WP_CF_LINKS] = WP_L_LINKS,
        [WP_CF_MEASURED] = WP_L_CH_MEASURED,
        [WP_CF_INDICATOR_TEXT] = WP_L_CH_INDICATOR_TEXT,
        [WP_CF_UNIT] = WP_L_CH_UNIT,
        [WP_CF_TARGET] = WP_L_CH_TARGET,
        [WP_CF_BASELINE] = WP_L_CH_BASELINE,
        [WP_CF_BY] = WP_L_CH_BY,
        [WP_CF_VALUE] = WP_L_CH_MEASURED,
    };
    return (unsigned)f < WP_CF_COUNT ? map[f] : WP_L_CH_CHANGES;
}

static bool quoted_field(enum wp_change_field f)
{
    switch (f) {
    case WP_CF_TITLE:
    case WP_CF_SUBTITLE:
    case WP_CF_FOREWORD:
    case WP_CF_NAME:
    case WP_CF_SUMMARY:
    case WP_CF_OBJECTIVES:
    case WP_CF_DESCRIPTION:
    case WP_CF_OUTPUTS:
    case WP_CF_INDICATORS:
    case WP_CF_FOCAL_POINT:
    case WP_CF_INDICATOR_TEXT:
    case WP_CF_UNIT:
        return true;
    default:
        return false;
    }
}

/* An indicator's field in words (target and baseline with their unit), or NULL for another. */
static const char *indicator_words(struct sctx *s, const struct wp_plan *plan,
                                   const struct wp_indicator *ind, const char *raw)
{
    switch (s->c->field) {
    case WP_CF_TARGET:
    case WP_CF_BASELINE:
    case WP_CF_VALUE: {
        const char *unit = ind ? wp_text_get(plan, &ind->unit, s->lang) : NULL;
        return unit ? fill(s, WP_L_CH_WITH_UNIT, (const char *[]){raw, unit}, 2) : raw;
    }
    case WP_CF_BY:
        return ind ? period_words(s, &ind->by) : raw;
    case WP_CF_MEASURED: {
        const char *t = ind ? wp_text_get(plan, &ind->text, s->lang) : NULL;
        return fill(s, WP_L_CH_QUOTE, (const char *[]){t ? t : raw}, 1);
    }
    default:
        return NULL;
    }
}

/* An activity's field in words (names, periods), or NULL for another. */
static const char *activity_words(struct sctx *s, const struct wp_plan *plan,
                                  const struct wp_activity *a, const char *raw)
{
    switch (s->c->field) {
    case WP_CF_LEAD:
        return a ? names(s, plan, &a->lead) : raw;
    case WP_CF_PARTNERS:
        return a ? names(s, plan, &a->partners) : raw;
    case WP_CF_START:
        return a ? period_words(s, &a->start) : raw;
    case WP_CF_END:
        return a ? period_words(s, &a->end) : raw;
    default:
        return NULL;
    }
}

/* One side's value in words: from the model where words differ by language. */
static const char *value_words(struct sctx *s, bool old)
{
    const struct wp_change *c = s->c;
    const struct wp_plan *plan = old ? s->d->old_plan : s->d->new_plan;
    const char *raw = old ? c->old_value : c->new_value;
    if (!raw)
        return NULL;
    const char *w = indicator_words(s, plan, old ? c->old_indicator : c->new_indicator, raw);
    if (!w)
        w = activity_words(s, plan, old ? c->old_activity : c->new_activity, raw);
    if (w)
        return w;
    switch (c->field) {
    case WP_CF_PERIOD:
        return plan_period(s, plan);
    case WP_CF_ADOPTED: {
        char buf[96];
        wp_format_date(buf, sizeof(buf), s->lang, plan->adopted);
        return wp_arena_strdup(&s->arena, buf);
    }
    case WP_CF_PARTIES:
        return names(s, plan, &plan->parties);
    case WP_CF_STATUS:
    case WP_CF_CURRENT_STATUS: {
        int st = wp_status_from_word(raw);
        return st >= 0 ? wp_status_label(s->lang, (enum wp_status)st) : raw;
    }
    default:
        return quoted_field(c->field) ? fill(s, WP_L_CH_QUOTE, (const char *[]){raw}, 1) : raw;
    }
}

static const char *subject(struct sctx *s)
{
    const struct wp_change *c = s->c;
    if (c->kind == WP_CHANGE_PLAN)
        return wp_label(s->lang, WP_L_CH_PLAN);
    return c->subject ? c->subject : "";
}

/* A measured indicator added or removed, or its value newly reported, changed or gone. */
static const char *indicator_sentence(struct sctx *s, const char *ov, const char *nv)
{
    const struct wp_change *c = s->c;
    const char *id = subject(s);
    if (c->field == WP_CF_VALUE) {
        if (ov && nv)
            return fill(s, WP_L_CH_VALUE, (const char *[]){id, c->item, nv, ov}, 4);
        return nv ? fill(s, WP_L_CH_VALUE_FIRST, (const char *[]){id, c->item, nv}, 3)
                  : fill(s, WP_L_CH_VALUE_GONE, (const char *[]){id, c->item, ov ? ov : ""}, 3);
    }
    if (!nv)
        return fill(s, WP_L_CH_INDICATOR_REMOVED, (const char *[]){id, c->item, ov ? ov : ""}, 3);
    const struct wp_indicator *ind = c->new_indicator;
    char target[32];
    wp_number_str(ind->target, target);
    const char *unit = wp_text_get(s->d->new_plan, &ind->unit, s->lang);
    const char *t = unit ? fill(s, WP_L_CH_WITH_UNIT, (const char *[]){target, unit}, 2) : target;
    const char *args[] = {id, c->item, nv, t, period_words(s, &ind->by)};
    return fill(s, WP_L_CH_INDICATOR_ADDED, args, 5);
}

/* A field's change: the specific sentences first, then the generic ones. */
static const char *field_sentence(struct sctx *s)
{
    const struct wp_change *c = s->c;
    const char *ov = value_words(s, true), *nv = value_words(s, false);
    const char *id = subject(s);
    if (c->field == WP_CF_MEASURED || c->field == WP_CF_VALUE)
        return indicator_sentence(s, ov, nv);
    if (c->kind == WP_CHANGE_ACTIVITY && ov && nv) {
        enum wp_label l = WP_L_COUNT;
        switch (c->field) {
        case WP_CF_START:
            l = WP_L_CH_STARTS;
            break;
        case WP_CF_END:
            l = WP_L_CH_ENDS;
            break;
        case WP_CF_LEAD:
            l = WP_L_CH_LED_BY;
            break;
        case WP_CF_STATUS:
            l = WP_L_CH_STATUS;
            break;
        case WP_CF_CURRENT_STATUS:
            l = WP_L_CH_REPORTED_STATUS;
            break;
        case WP_CF_PROGRESS:
            l = WP_L_CH_PROGRESS;
            break;
        case WP_CF_CURRENT_PROGRESS:
            l = WP_L_CH_REPORTED_PROGRESS;
            break;
        default:
            break;
        }
        if (l != WP_L_COUNT)
            return fill(s, l, (const char *[]){id, nv, ov}, 3);
    }
    const char *field = wp_label(s->lang, field_label(c->field));
    /* "Target (TRAINED)", "Title (es)", "Unit (TRAINED, es)" */
    const char *which = c->item ? c->item : c->lang;
    if (c->item && c->lang) {
        const char *sep = wp_label(s->lang, WP_L_CH_LIST_SEP);
        size_t n = strlen(c->item) + strlen(sep) + strlen(c->lang) + 1;
        char *w = wp_arena_alloc(&s->arena, n);
        snprintf(w, n, "%s%s%s", c->item, sep, c->lang);
        which = w;
    }
    if (which)
        field = fill(s, WP_L_CH_FIELD_IN_LANG, (const char *[]){field, which}, 2);
    if (ov && nv)
        return fill(s, WP_L_CH_FIELD_CHANGED, (const char *[]){id, field, nv, ov}, 4);
    if (nv)
        return fill(s, WP_L_CH_FIELD_SET, (const char *[]){id, field, nv}, 3);
    return fill(s, WP_L_CH_FIELD_CLEARED, (const char *[]){id, field, ov ? ov : ""}, 3);
}

static const char *activity_sentence(struct sctx *s)
{
    const struct wp_change *c = s->c;
    const struct wp_plan *o = s->d->old_plan, *n = s->d->new_plan;
    if (c->kind == WP_CHANGE_ACTIVITY_ADDED) {
        const struct wp_activity *a = c->new_activity;
        char tf[200];
        wp_format_timeframe(tf, sizeof(tf), s->lang, &a->start, &a->end);
        const char *args[] = {a->id, text(s, n, &c->new_area->title, c->new_area->id),
                              names(s, n, &a->lead), wp_arena_strdup(&s->arena, tf)};
        return fill(s, WP_L_CH_ACT_ADDED, args, 4);
    }
    if (c->kind == WP_CHANGE_ACTIVITY_REMOVED)
        return fill(s, WP_L_CH_ACT_REMOVED,
                    (const char *[]){c->subject, text(s, o, &c->old_area->title, c->old_area->id)},
                    2);
    const char *old_id = c->old_activity->id, *new_id = c->new_activity->id;
    if (strcmp(c->old_area->id, c->new_area->id) == 0)
        return fill(s, WP_L_CH_ACT_RENAMED, (const char *[]){old_id, new_id}, 2);
    const char *args[] = {old_id, text(s, o, &c->old_area->title, c->old_area->id),
                          text(s, n, &c->new_area->title, c->new_area->id), new_id};
    return fill(s, strcmp(old_id, new_id) == 0 ? WP_L_CH_ACT_MOVED : WP_L_CH_ACT_MOVED_AS, args, 4);
}

static const char *structure_sentence(struct sctx *s)
{
    const struct wp_change *c = s->c;
    const struct wp_plan *o = s->d->old_plan, *n = s->d->new_plan;
    char a[24], b[24];
    switch (c->kind) {
    case WP_CHANGE_AREA_ADDED:
        return fill(s, WP_L_CH_AREA_ADDED,
                    (const char *[]){c->subject, text(s, n, &c->new_area->title, "")}, 2);
    case WP_CHANGE_AREA_REMOVED:
        return fill(s, WP_L_CH_AREA_REMOVED,
                    (const char *[]){c->subject, text(s, o, &c->old_area->title, "")}, 2);
    case WP_CHANGE_AREA_MOVED:
        snprintf(a, sizeof(a), "%zu", c->new_index);
        snprintf(b, sizeof(b), "%zu", c->old_index);
        return fill(s, WP_L_CH_AREA_MOVED, (const char *[]){c->subject, a, b}, 3);
    case WP_CHANGE_PARTY_ADDED:
        return fill(s, WP_L_CH_PARTY_ADDED,
                    (const char *[]){c->subject, text(s, n, &c->new_party->name, "")}, 2);
    case WP_CHANGE_PARTY_REMOVED:
        return fill(s, WP_L_CH_PARTY_REMOVED,
                    (const char *[]){c->subject, text(s, o, &c->old_party->name, "")}, 2);
    case WP_CHANGE_MEMBER_ADDED:
        return fill(s, WP_L_CH_MEMBER_ADDED,
                    (const char *[]){text(s, n, &c->new_party->name, c->subject),
                                     wp_plan_ref_name(n, c->new_value, s->lang)},
                    2);
    case WP_CHANGE_EVENT_ADDED:
    case WP_CHANGE_EVENT_REMOVED: {
        const struct wp_event *e = c->kind == WP_CHANGE_EVENT_ADDED ? c->new_event : c->old_event;
        const struct wp_plan *p = c->kind == WP_CHANGE_EVENT_ADDED ? n : o;
        char date[96];
        wp_format_date(date, sizeof(date), s->lang, e->date);
        const char *title = fill(s, WP_L_CH_QUOTE, (const char *[]){text(s, p, &e->title, "")}, 1);
        return fill(s,
                    c->kind == WP_CHANGE_EVENT_ADDED ? WP_L_CH_EVENT_ADDED : WP_L_CH_EVENT_REMOVED,
                    (const char *[]){wp_arena_strdup(&s->arena, date), title}, 2);
    }
    case WP_CHANGE_MEMBER_REMOVED:
        return fill(s, WP_L_CH_MEMBER_REMOVED,
                    (const char *[]){text(s, n, &c->new_party->name, c->subject),
                                     wp_plan_ref_name(o, c->old_value, s->lang)},
                    2);
    default:
        return activity_sentence(s);
    }
}

size_t wp_change_sentence(const struct wp_diff *diff, const struct wp_change *change,
                          const char *lang, char *buf, size_t size)
{
    if (!diff || !change)
        return give("", buf, size);
    struct sctx s = {.d = diff, .c = change, .lang = lang};
    wp_arena_init(&s.arena);
    const char *out = change->field != WP_CF_NONE ? field_sentence(&s) : structure_sentence(&s);
    size_t n = give(out, buf, size);
    wp_arena_release(&s.arena);
    return n;
}

size_t wp_change_group_title(const struct wp_diff *diff, const struct wp_change *change,
                             const char *lang, char *buf, size_t size)
{
    if (!change->area)
        return give(wp_label(lang, WP_L_CH_PLAN), buf, size);
    const struct wp_plan *plan = diff->new_plan;
    const struct wp_area *area = wp_plan_find_area(plan, change->area);
    if (!area) {
        plan = diff->old_plan;
        area = wp_plan_find_area(plan, change->area);
    }
    const char *t = area ? wp_text_get(plan, &area->title, lang) : NULL;
    return give(t ? t : change->area, buf, size);
}

size_t wp_diff_summary(const struct wp_diff *diff, const char *lang, char *buf, size_t size)
{
    struct sctx s = {.d = diff, .lang = lang};
    wp_arena_init(&s.arena);
    struct {
        size_t n;
        enum wp_label one, many;
    } parts[] = {
        {diff->n_activities_changed, WP_L_CH_N_CHANGED_1, WP_L_CH_N_CHANGED},
        {diff->n_activities_added, WP_L_CH_N_ADDED_1, WP_L_CH_N_ADDED},
        {diff->n_activities_removed, WP_L_CH_N_REMOVED_1, WP_L_CH_N_REMOVED},
        {diff->n_other, WP_L_CH_N_OTHER_1, WP_L_CH_N_OTHER},
    };
    struct wp_buf b = WP_BUF_INIT;
    for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
        if (k == 3 && !parts[k].n)
            continue;
        char num[24];
        snprintf(num, sizeof(num), "%zu", parts[k].n);
        if (k)
            wp_buf_adds(&b, wp_label(lang, WP_L_CH_LIST_SEP));
        wp_buf_adds(
            &b, fill(&s, parts[k].n == 1 ? parts[k].one : parts[k].many, (const char *[]){num}, 1));
    }
    size_t n = give(b.data, buf, size);
    wp_buf_release(&b);
    wp_arena_release(&s.arena);
    return n;
}

size_t wp_diff_title(const struct wp_diff *diff, const char *lang, char *buf, size_t size)
{
    const struct wp_plan *o = diff->old_plan;
    char date[96] = "";
    if (o->adopted.year)
        wp_format_date(date, sizeof(date), lang, o->adopted);
    const char *version = o->version && *o->version ? o->version : NULL;
    if (version && date[0])
        return wp_label_fill(buf, size, wp_label(lang, WP_L_CH_SINCE),
                             (const char *[]){version, date}, 2);
    if (version)
        return wp_label_fill(buf, size, wp_label(lang, WP_L_CH_SINCE_VERSION),
                             (const char *[]){version}, 1);
    if (date[0])
        return wp_label_fill(buf, size, wp_label(lang, WP_L_CH_SINCE_DATE), (const char *[]){date},
                             1);
    return give(wp_label(lang, WP_L_CH_CHANGES), buf, size);
}
