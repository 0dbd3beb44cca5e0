/*
 * Test-only: prints a loaded, checked plan as canonical text, positions and
 * the current state after progress included, so golden tests of the loader,
 * the progress overlay and the language fallback are plain diffs.
 *
 *   wp-dump PLAN [--progress FILE] [--lang LANG]
 */
#include <stdio.h>
#include <string.h>

#include "workplan/workplan.h"

static const char *lang;
static const struct wp_plan *plan;

static void pos(struct wp_pos p)
{
    printf(" @%u:%u", p.line, p.col);
}

static void text(int indent, const char *key, const struct wp_text *t)
{
    if (!wp_text_is_set(t))
        return;
    printf("%*s%s = \"%s\"", indent, "", key, wp_text_get(plan, t, lang));
    pos(t->pos);
    if (t->plain)
        printf(" plain");
    for (size_t i = 0; i < t->n_items; i++)
        printf(" %s", t->items[i].lang);
    printf("\n");
}

static void texts(int indent, const char *key, const struct wp_text_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        text(indent, key, &l->items[i]);
}

static void strs(int indent, const char *key, const struct wp_str_list *l)
{
    if (!l->n)
        return;
    printf("%*s%s =", indent, "", key);
    for (size_t i = 0; i < l->n; i++)
        printf(" %s@%u:%u", l->items[i].s, l->items[i].pos.line, l->items[i].pos.col);
    printf("\n");
}

static void period(int indent, const char *key, const struct wp_period *p)
{
    char words[64], a[11], b[11];
    wp_format_period(words, sizeof(words), lang, p);
    wp_date_iso(wp_period_first_day(p), a);
    wp_date_iso(wp_period_last_day(p), b);
    printf("%*s%s = %s [%s .. %s]", indent, "", key, words, a, b);
    pos(p->pos);
    printf("\n");
}

static void measured(const struct wp_indicator *ind)
{
    char base[32], target[32], by[64], value[32], d[11];
    wp_number_str(ind->baseline, base);
    wp_number_str(ind->target, target);
    wp_format_period(by, sizeof(by), lang, &ind->by);
    printf("      measured %s", ind->id ? ind->id : "(none)");
    pos(ind->pos);
    printf(" baseline=%s target=%s by=\"%s\"%s %s", base, target, by, ind->by_given ? "" : " (end)",
           ind->lower_is_better ? "lower-better" : "higher-better");
    if (ind->has_value) {
        wp_number_str(ind->value, value);
        wp_date_iso(ind->value_date, d);
        printf(" value=%s on %s share=%.4f reached=%s", value, d, wp_indicator_share(ind),
               wp_indicator_reached(ind) ? "yes" : "no");
    } else {
        printf(" no value");
    }
    printf("\n");
    text(8, "text", &ind->text);
    text(8, "unit", &ind->unit);
}

static void events(void)
{
    for (size_t i = 0; i < plan->n_events; i++) {
        const struct wp_event *e = &plan->events[i];
        char d[11];
        wp_date_iso(e->date, d);
        printf("  event %s", d);
        pos(e->pos);
        printf("\n");
        text(4, "title", &e->title);
        text(4, "note", &e->note);
        strs(4, "activities", &e->activities);
        if (e->link)
            printf("    link = %s\n", e->link);
    }
}

static void activity(const struct wp_activity *a)
{
    printf("    activity %s", a->id ? a->id : "(none)");
    pos(a->pos);
    printf("\n");
    text(6, "title", &a->title);
    text(6, "description", &a->description);
    strs(6, "lead", &a->lead);
    strs(6, "partners", &a->partners);
    period(6, "start", &a->start);
    period(6, "end", &a->end);
    printf("      own = %s %d%%\n", wp_status_word(a->status), a->progress);
    printf("      current = %s %d%% (%s) updates=%zu", wp_status_word(a->current.status),
           a->current.progress, wp_status_label(lang, a->current.status), a->current.n_updates);
    if (a->current.updated.year) {
        char d[11];
        wp_date_iso(a->current.updated, d);
        printf(" updated=%s by=%s", d, a->current.reported_by ? a->current.reported_by : "-");
    }
    printf("\n");
    text(6, "note", &a->current.note);
    texts(6, "modality", &a->modality);
    texts(6, "output", &a->outputs);
    texts(6, "indicator", &a->indicators);
    for (size_t i = 0; i < a->n_measured; i++)
        measured(&a->measured[i]);
    for (size_t i = 0; i < a->n_events; i++) {
        char d[11];
        wp_date_iso(a->events[i]->date, d);
        printf("      event %s \"%s\"\n", d, wp_text_get(plan, &a->events[i]->title, lang));
    }
    for (size_t i = 0; i < a->sdgs.n; i++)
        printf("      sdg = %d %s\n", a->sdgs.items[i].v, wp_sdg_name(lang, a->sdgs.items[i].v));
    text(6, "focal_point", &a->focal_point);
    strs(6, "links", &a->links);
}

int main(int argc, char **argv)
{
    const char *plan_path = NULL, *progress_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--progress") == 0 && i + 1 < argc)
            progress_path = argv[++i];
        else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            lang = argv[++i];
        else
            plan_path = argv[i];
    }
    if (!plan_path) {
        fputs("usage: wp-dump PLAN [--progress FILE] [--lang LANG]\n", stderr);
        return 2;
    }
    struct wp_diags diags;
    wp_diags_init(&diags);
    struct wp_plan *p = NULL;
    struct wp_progress *progress = NULL;
    if (wp_plan_load_file(plan_path, NULL, &p, &diags) ||
        (progress_path && wp_progress_load_file(progress_path, NULL, &progress, &diags))) {
        fprintf(stderr, "wp-dump: cannot read input\n");
        wp_plan_free(p);
        wp_diags_release(&diags);
        return 3;
    }
    plan = p;
    wp_progress_apply(p, progress);
    wp_check(p, progress, &(struct wp_check_options){.today = {0, 0, 0}}, &diags);
    if (!lang)
        lang = p->languages.items[0].s;
    printf("plan %s", p->id ? p->id : "(none)");
    pos(p->id_pos);
    printf(" version=%s period=%d..%d languages=", p->version ? p->version : "-", p->period_from,
           p->period_to);
    for (size_t i = 0; i < p->languages.n; i++)
        printf("%s%s", i ? "," : "", p->languages.items[i].s);
    if (p->adopted.year) {
        char d[64];
        wp_format_date(d, sizeof(d), lang, p->adopted);
        printf(" adopted=\"%s\"", d);
    }
    printf("\n");
    text(2, "title", &p->title);
    text(2, "subtitle", &p->subtitle);
    text(2, "foreword", &p->foreword);
    strs(2, "parties", &p->parties);
    for (size_t i = 0; i < p->n_parties; i++) {
        printf("  party %s", p->party_list[i].id);
        pos(p->party_list[i].pos);
        printf("\n");
        text(4, "name", &p->party_list[i].name);
        strs(4, "members", &p->party_list[i].members);
    }
    for (size_t i = 0; i < p->n_countries; i++) {
        printf("  country %s", p->countries[i].code);
        pos(p->countries[i].pos);
        printf(" \"%s\"\n", wp_text_get(p, &p->countries[i].name, lang));
    }
    for (size_t i = 0; i < p->n_areas; i++) {
        const struct wp_area *a = &p->areas[i];
        printf("  area %s", a->id ? a->id : "(none)");
        pos(a->pos);
        printf(" activities=%zu\n", a->n_activities);
        text(4, "title", &a->title);
        text(4, "summary", &a->summary);
        texts(4, "objective", &a->objectives);
        for (size_t j = 0; j < a->n_activities; j++)
            activity(&a->activities[j]);
    }
    events();
    wp_diags_sort(&diags);
    for (size_t i = 0; i < diags.n; i++) {
        char buf[1024];
        wp_diag_format(&diags.items[i], buf, sizeof(buf));
        printf("diag %s %s\n", wp_diag_code_name(diags.items[i].code), buf);
    }
    wp_plan_free(p);
    wp_progress_free(progress);
    wp_diags_release(&diags);
    return 0;
}
