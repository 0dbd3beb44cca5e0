/*
 * The prepare pass: the plan becomes a flat list of measured items, one
 * per line of text, table row or timeline row, in document order. Each
 * section is one function. Nothing here calls libharu.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_internal.h"

const char *wp_pdf_fmt(struct pdf_ctx *ctx, enum wp_label label, const char *const *args, size_t n)
{
    const char *tmpl = wp_label(ctx->lang, label);
    size_t need = wp_label_fill(NULL, 0, tmpl, args, n);
    char *buf = wp_arena_alloc(&ctx->arena, need + 1);
    wp_label_fill(buf, need + 1, tmpl, args, n);
    return buf;
}

static const char *text_of(struct pdf_ctx *ctx, const struct wp_text *t)
{
    const char *s = wp_text_get(ctx->plan, t, ctx->lang);
    return s ? s : "";
}

/* A string made for the booklet, kept in the context's arena. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static const char *
aprintf(struct pdf_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = wp_arena_alloc(&ctx->arena, (size_t)(n > 0 ? n : 0) + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    va_end(ap);
    return s;
}

const char *wp_pdf_text_lang(const struct pdf_ctx *ctx, const struct wp_text *t)
{
    const struct wp_plan *plan = ctx->plan;
    if (t->plain || wp_text_has(t, ctx->lang) || t->n_items == 0)
        return NULL;
    if (plan->languages.n && wp_text_has(t, plan->languages.items[0].s))
        return plan->languages.items[0].s;
    return t->items[0].lang;
}

static const char *fallback_lang(struct pdf_ctx *ctx, const struct wp_text *t)
{
    return wp_pdf_text_lang(ctx, t);
}

static const char *label(struct pdf_ctx *ctx, enum wp_label l)
{
    return wp_label(ctx->lang, l);
}

static const char *join_refs(struct pdf_ctx *ctx, const struct wp_str_list *l)
{
    struct wp_buf b = WP_BUF_INIT;
    for (size_t k = 0; k < l->n; k++) {
        if (k)
            wp_buf_adds(&b, ", ");
        wp_buf_adds(&b, wp_plan_ref_name(ctx->plan, l->items[k].s, ctx->lang));
    }
    const char *s = wp_arena_strdup(&ctx->arena, b.data);
    wp_buf_release(&b);
    return s;
}

/* ---- the anchors of the contents, declared first so the contents can list them ---- */

struct toc_plan {
    int32_t contents, foreword, glance, glance_table, timeline, annexes, members, countries,
        glossary;
    int32_t area0;
    int32_t results, record; /* -1 without measured indicators, without events */
};

static struct toc_plan declare_anchors(struct pdf_ctx *ctx)
{
    const struct wp_plan *plan = ctx->plan;
    struct toc_plan t;
    t.contents = wp_pdf_flow_anchor(ctx, label(ctx, WP_L_CONTENTS), 0, false);
    t.foreword = wp_text_is_set(&plan->foreword)
                     ? wp_pdf_flow_anchor(ctx, label(ctx, WP_L_FOREWORD), 0, true)
                     : -1;
    t.glance = wp_pdf_flow_anchor(ctx, label(ctx, WP_L_AT_A_GLANCE), 0, true);
    t.glance_table = wp_pdf_flow_anchor(ctx, label(ctx, WP_L_STATUS_BY_AREA), 1, true);
    t.results = wp_pdf_has_measured(plan)
                    ? wp_pdf_flow_anchor(ctx, label(ctx, WP_L_RES_GLANCE), 1, true)
                    : -1;
    t.timeline = wp_pdf_flow_anchor(ctx, label(ctx, WP_L_TIMELINE), 1, true);
    t.area0 = (int32_t)ctx->flow.n_anchors;
    for (size_t a = 0; a < plan->n_areas; a++) {
        int32_t k = wp_pdf_flow_anchor(ctx, text_of(ctx, &plan->areas[a].title), 0, true);
        ctx->flow.anchors[k].closed = true;
    }
    t.record = plan->n_events ? wp_pdf_flow_anchor(ctx, label(ctx, WP_L_RES_RECORD), 0, true) : -1;
    t.annexes = wp_pdf_flow_anchor(ctx, label(ctx, WP_L_ANNEXES), 0, true);
    t.members = wp_pdf_flow_anchor(ctx, label(ctx, WP_L_MEMBERS_BY_PARTY), 1, true);
    t.countries = wp_pdf_flow_anchor(ctx, label(ctx, WP_L_COUNTRY_INDEX), 1, true);
    t.glossary = wp_pdf_flow_anchor(ctx, label(ctx, WP_L_GLOSSARY), 1, true);
    return t;
}

/* ---- sections ------------------------------------------------------------------------ */

static void prepare_cover(struct pdf_ctx *ctx)
{
    const struct wp_plan *plan = ctx->plan;
    const struct pdf_style *st = ctx->st;
    wp_pdf_flow_item(ctx, st->cover_top, 0, -1,
                     (struct pdf_draw){.kind = PDF_K_SPACE, .anchor = -1});
    wp_pdf_tag(ctx, PDF_S_SECT, 0, NULL);
    wp_pdf_fonts_where(&ctx->fonts, "plan", plan->id, "title", plan->title.pos);
    /* the document's first heading */
    struct pdf_text_opts o = {.role = PDF_T_TITLE,
                              .repeat = -1,
                              .tag = PDF_S_H1,
                              .lang = fallback_lang(ctx, &plan->title)};
    wp_pdf_flow_paragraphs(ctx, &o, text_of(ctx, &plan->title), 0);
    if (wp_text_is_set(&plan->subtitle)) {
        wp_pdf_fonts_where(&ctx->fonts, "plan", plan->id, "subtitle", plan->subtitle.pos);
        wp_pdf_flow_gap(ctx, st->cover_subtitle_gap);
        o.role = PDF_T_SUBTITLE;
        o.tag = PDF_S_P;
        o.lang = fallback_lang(ctx, &plan->subtitle);
        wp_pdf_flow_paragraphs(ctx, &o, text_of(ctx, &plan->subtitle), st->cover_subtitle_para_gap);
    }
    wp_pdf_flow_gap(ctx, st->cover_rule_gap);
    wp_pdf_flow_item(ctx, st->rule_h, 0, -1,
                     (struct pdf_draw){.kind = PDF_K_RULE, .w = st->cover_rule_w, .anchor = -1});
    wp_pdf_flow_gap(ctx, st->cover_after_rule);
    /* the parties of the plan, each with its members */
    for (size_t k = 0; k < plan->parties.n; k++) {
        const struct wp_party *p = wp_plan_find_party(plan, plan->parties.items[k].s);
        if (!p)
            continue;
        wp_pdf_fonts_where(&ctx->fonts, "party", p->id, "name", p->name.pos);
        wp_pdf_flow_gap(ctx, st->heading_gap);
        /* under the cover's title: the level below it */
        struct pdf_text_opts ho = {.role = PDF_T_H3,
                                   .keep = PDF_KEEP_WITH_NEXT,
                                   .repeat = -1,
                                   .tag = PDF_S_H2,
                                   .lang = fallback_lang(ctx, &p->name)};
        const char *pn = text_of(ctx, &p->name);
        wp_pdf_flow_lines(ctx, &ho, pn, strlen(pn));
        struct pdf_text_opts mo = {.role = PDF_T_COVER, .repeat = -1};
        wp_pdf_fonts_where(&ctx->fonts, "party", p->id, "members", p->members.pos);
        const char *m = join_refs(ctx, &p->members);
        wp_pdf_flow_lines(ctx, &mo, m, strlen(m));
    }
    wp_pdf_flow_gap(ctx, st->cover_facts_gap);
    char from[16], to[16];
    snprintf(from, sizeof(from), "%d", plan->period_from);
    snprintf(to, sizeof(to), "%d", plan->period_to);
    wp_pdf_fonts_where(&ctx->fonts, "plan", plan->id, "period", plan->period_pos);
    wp_pdf_flow_field(ctx, label(ctx, WP_L_PERIOD),
                      plan->period_from == plan->period_to
                          ? wp_arena_strdup(&ctx->arena, from)
                          : wp_pdf_fmt(ctx, WP_L_RANGE, (const char *[]){from, to}, 2),
                      -1, PDF_T_COVER, 0, NULL);
    if (plan->adopted.year) {
        char date[96];
        wp_format_date(date, sizeof(date), ctx->lang, plan->adopted);
        wp_pdf_flow_field(ctx, label(ctx, WP_L_ADOPTED), wp_arena_strdup(&ctx->arena, date), -1,
                          PDF_T_COVER, 0, NULL);
    }
    if (plan->version)
        wp_pdf_flow_field(ctx, label(ctx, WP_L_VERSION), plan->version, -1, PDF_T_COVER, 0, NULL);
    wp_pdf_tag_end(ctx);
}

static void prepare_contents(struct pdf_ctx *ctx, const struct toc_plan *t)
{
    const struct pdf_style *st = ctx->st;
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, "contents", (struct wp_pos){0, 0});
    wp_pdf_tag(ctx, PDF_S_SECT, 0, NULL);
    size_t first = wp_pdf_flow_heading(ctx, PDF_T_H1, label(ctx, WP_L_CONTENTS), t->contents,
                                       PDF_BREAK_BEFORE, NULL);
    ctx->flow.items[first].flags |= PDF_BREAK_BEFORE;
    wp_pdf_flow_gap(ctx, st->section_gap);
    wp_pdf_tag(ctx, PDF_S_TOC, 0, NULL);
    for (size_t a = 0; a < ctx->flow.n_anchors; a++) {
        const struct pdf_anchor *an = &ctx->flow.anchors[a];
        if (!an->in_toc)
            continue;
        wp_pdf_tag(ctx, PDF_S_TOCI, 0, NULL);
        wp_pdf_tag(ctx, PDF_S_LINK, 0, NULL);
        enum pdf_role role = an->level == 0 ? PDF_T_TOC1 : PDF_T_TOC2;
        float x = an->level == 0 ? 0 : st->toc_indent2;
        if (an->level == 0)
            wp_pdf_flow_gap(ctx, st->toc_chapter_gap);
        size_t n = wp_pdf_break_lines(
            wp_pdf_measure(ctx, role), st->text[role].size, an->title, strlen(an->title),
            ctx->content_w - x - st->toc_num_w - st->toc_num_gap, &ctx->flow.lines);
        for (size_t k = 0; k < n; k++) {
            const struct pdf_line *ln = &ctx->flow.lines.items[k];
            struct pdf_draw d = {
                .kind = PDF_K_TOC,
                .role = (uint8_t)role,
                .flags = k + 1 == n ? PDF_D_RIGHT : 0, /* the last line has the number */
                .x = x,
                .w = ln->width,
                .text = an->title + ln->start,
                .len = ln->len,
                .anchor = -1,
                .ref = (int32_t)a,
            };
            wp_pdf_flow_item(ctx, st->text[role].leading, k + 1 < n ? PDF_KEEP_WITH_NEXT : 0, -1,
                             d);
        }
        wp_pdf_tag_end(ctx);
        wp_pdf_tag_end(ctx);
    }
    wp_pdf_tag_end(ctx);
    wp_pdf_tag_end(ctx);
}

static void prepare_foreword(struct pdf_ctx *ctx, const struct toc_plan *t)
{
    if (t->foreword < 0)
        return;
    const struct wp_plan *plan = ctx->plan;
    wp_pdf_fonts_where(&ctx->fonts, "plan", plan->id, "foreword", plan->foreword.pos);
    wp_pdf_tag(ctx, PDF_S_SECT, 0, NULL);
    size_t first =
        wp_pdf_flow_heading(ctx, PDF_T_H1, label(ctx, WP_L_FOREWORD), t->foreword, 0, NULL);
    ctx->flow.items[first].flags |= PDF_BREAK_BEFORE;
    wp_pdf_flow_gap(ctx, ctx->st->section_gap);
    struct pdf_text_opts o = {
        .role = PDF_T_LEAD, .repeat = -1, .lang = fallback_lang(ctx, &plan->foreword)};
    wp_pdf_flow_paragraphs(ctx, &o, text_of(ctx, &plan->foreword), ctx->st->foreword_para_gap);
    wp_pdf_tag_end(ctx);
}

/* Counts per area and status; row n_areas holds the totals. */
static int *count_statuses(struct pdf_ctx *ctx)
{
    const struct wp_plan *plan = ctx->plan;
    int *c = wp_arena_alloc(&ctx->arena, (plan->n_areas + 1) * WP_STATUS_COUNT * sizeof(int));
    for (size_t i = 0; i < plan->n_activities; i++) {
        const struct wp_activity *a = plan->activities[i];
        size_t row = a->area ? a->area->index : 0;
        c[row * WP_STATUS_COUNT + a->current.status]++;
        c[plan->n_areas * WP_STATUS_COUNT + a->current.status]++;
    }
    return c;
}

/* Width of the widest word of s, so column titles never break inside a word. */
static double widest_word(struct pdf_ctx *ctx, enum pdf_role role, const char *s)
{
    double w = 0;
    while (*s) {
        size_t n = strcspn(s, " ");
        double ww = wp_pdf_width(ctx, role, s, n);
        if (ww > w)
            w = ww;
        s += n;
        s += strspn(s, " ");
    }
    return w;
}

/* Status columns as wide as their longest word needs; the area column takes the rest. */
static void glance_columns(struct pdf_ctx *ctx)
{
    const struct pdf_style *st = ctx->st;
    float cw = (ctx->content_w - st->glance_first_col) / (WP_STATUS_COUNT + 1);
    for (int s = 0; s <= WP_STATUS_COUNT; s++) {
        const char *h = s < WP_STATUS_COUNT ? wp_status_label(ctx->lang, (enum wp_status)s)
                                            : label(ctx, WP_L_TOTAL);
        float need =
            (float)widest_word(ctx, PDF_T_TABLE_HEAD, h) + 2 * st->cell_pad + st->glance_col_slack;
        if (need > cw)
            cw = need;
    }
    ctx->glance_cw = cw;
    ctx->glance_first = ctx->content_w - cw * (WP_STATUS_COUNT + 1);
}

static void prepare_glance_table(struct pdf_ctx *ctx, const struct toc_plan *t)
{
    const struct pdf_style *st = ctx->st;
    const struct wp_plan *plan = ctx->plan;
    ctx->status_counts = count_statuses(ctx);
    wp_pdf_flow_gap(ctx, st->section_gap);
    wp_pdf_flow_heading(ctx, PDF_T_H2, label(ctx, WP_L_STATUS_BY_AREA), t->glance_table, 0, NULL);
    wp_pdf_flow_gap(ctx, st->table_gap);
    /* the header row: as many lines as its longest column title needs */
    glance_columns(ctx);
    float cw = ctx->glance_cw - 2 * st->cell_pad;
    size_t lines =
        wp_pdf_break_lines(wp_pdf_measure(ctx, PDF_T_TABLE_HEAD), st->text[PDF_T_TABLE_HEAD].size,
                           label(ctx, WP_L_AREA), strlen(label(ctx, WP_L_AREA)),
                           ctx->glance_first - 2 * st->cell_pad, &ctx->flow.lines);
    for (int s = 0; s <= WP_STATUS_COUNT; s++) {
        const char *h = s < WP_STATUS_COUNT ? wp_status_label(ctx->lang, (enum wp_status)s)
                                            : label(ctx, WP_L_TOTAL);
        size_t n =
            wp_pdf_break_lines(wp_pdf_measure(ctx, PDF_T_TABLE_HEAD),
                               st->text[PDF_T_TABLE_HEAD].size, h, strlen(h), cw, &ctx->flow.lines);
        if (n > lines)
            lines = n;
    }
    float head_h = (float)lines * st->text[PDF_T_TABLE_HEAD].leading + 2 * st->cell_pad;
    /* the rows are tagged as they are drawn (TR, TH with their scope, TD) */
    wp_pdf_tag(ctx, PDF_S_TABLE, 0, NULL);
    size_t head =
        wp_pdf_flow_item(ctx, head_h, PDF_KEEP_WITH_NEXT, -1,
                         (struct pdf_draw){.kind = PDF_K_GLANCE, .ref = -1, .anchor = -1});
    for (size_t a = 0; a <= plan->n_areas; a++) {
        const char *title =
            a < plan->n_areas ? text_of(ctx, &plan->areas[a].title) : label(ctx, WP_L_TOTAL);
        enum pdf_role role = a < plan->n_areas ? PDF_T_TABLE : PDF_T_TABLE_HEAD;
        if (a < plan->n_areas)
            wp_pdf_fonts_where(&ctx->fonts, "area", plan->areas[a].id, "title",
                               plan->areas[a].title.pos);
        size_t n =
            wp_pdf_break_lines(wp_pdf_measure(ctx, role), st->text[role].size, title, strlen(title),
                               ctx->glance_first - 2 * st->cell_pad, &ctx->flow.lines);
        if (n == 0)
            n = 1;
        wp_pdf_flow_item(ctx, (float)n * st->text[role].leading + 2 * st->cell_pad, 0,
                         (int32_t)head,
                         (struct pdf_draw){.kind = PDF_K_GLANCE,
                                           .ref = (int32_t)a,
                                           .role = (uint8_t)role,
                                           .text = title,
                                           .len = (uint32_t)strlen(title),
                                           .anchor = -1});
    }
    wp_pdf_tag_end(ctx);
}

static float legend_height(struct pdf_ctx *ctx)
{
    /* the same walk as the drawing: swatch, label, then the next status */
    const struct pdf_style *st = ctx->st;
    float x = 0, rows = 1;
    for (int s = 0; s < WP_STATUS_COUNT; s++) {
        const char *l = wp_status_label(ctx->lang, (enum wp_status)s);
        float w = wp_pdf_legend_entry_w(ctx, l);
        if (x > 0 && x + w > ctx->content_w)
            rows++, x = 0;
        x += w;
    }
    return rows * st->text[PDF_T_SMALL].leading + st->legend_pad;
}

static void prepare_timeline(struct pdf_ctx *ctx, const struct toc_plan *t)
{
    const struct pdf_style *st = ctx->st;
    const struct wp_plan *plan = ctx->plan;
    wp_pdf_flow_gap(ctx, st->part_gap);
    wp_pdf_flow_heading(ctx, PDF_T_H2, label(ctx, WP_L_TIMELINE), t->timeline, 0, NULL);
    wp_pdf_flow_gap(ctx, st->small_gap);
    wp_pdf_flow_item(ctx, legend_height(ctx), PDF_KEEP_WITH_NEXT, -1,
                     (struct pdf_draw){.kind = PDF_K_LEGEND, .anchor = -1});
    wp_pdf_flow_gap(ctx, st->small_gap);
    ctx->gantt_from = wp_date_serial((struct wp_date){plan->period_from, 1, 1});
    ctx->gantt_to = wp_date_serial((struct wp_date){plan->period_to + 1, 1, 1});
    ctx->n_quarters = (plan->period_to - plan->period_from + 1) * 4;
    /* quarter labels ("Q1"): the template without its year */
    char q[64];
    for (int k = 1; k <= 4; k++) {
        char num[16];
        snprintf(num, sizeof(num), "%d", k);
        wp_label_fill(q, sizeof(q), wp_label(ctx->lang, WP_L_QUARTER_ABBR),
                      (const char *[]){num, ""}, 2);
        size_t n = strlen(q);
        while (n > 0 && q[n - 1] == ' ')
            q[--n] = 0;
        ctx->quarter_label[k - 1] = wp_arena_strdup(&ctx->arena, q);
        wp_pdf_width(ctx, PDF_T_GANTT_HEAD, q, n);
    }
    wp_pdf_tag(ctx, PDF_S_TABLE, 0, NULL);
    size_t head = wp_pdf_flow_item(ctx, st->gantt_head_h, PDF_KEEP_WITH_NEXT, -1,
                                   (struct pdf_draw){.kind = PDF_K_GANTT_HEAD, .anchor = -1});
    float label_w = st->gantt_label_w - st->gantt_label_pad;
    for (size_t a = 0; a < plan->n_areas; a++) {
        const struct wp_area *area = &plan->areas[a];
        wp_pdf_fonts_where(&ctx->fonts, "area", area->id, "title", area->title.pos);
        const char *s = aprintf(ctx, "%s  %s", area->id, text_of(ctx, &area->title));
        uint32_t len;
        const char *fit =
            wp_pdf_fit(ctx, PDF_T_GANTT_HEAD, s, ctx->content_w - st->gantt_area_pad, &len);
        wp_pdf_flow_item(ctx, st->gantt_row_h + st->gantt_area_extra, PDF_KEEP_WITH_NEXT,
                         (int32_t)head,
                         (struct pdf_draw){.kind = PDF_K_GANTT_AREA,
                                           .text = fit,
                                           .len = len,
                                           .ref = (int32_t)a,
                                           .anchor = -1});
        for (size_t i = 0; i < area->n_activities; i++) {
            const struct wp_activity *act = &area->activities[i];
            wp_pdf_fonts_where(&ctx->fonts, "activity", act->id, "title", act->title.pos);
            const char *title = text_of(ctx, &act->title);
            const char *l = aprintf(ctx, "%s  %s", act->id, title);
            const char *f = wp_pdf_fit(ctx, PDF_T_GANTT, l, label_w, &len);
            wp_pdf_flow_item(ctx, st->gantt_row_h, 0, (int32_t)head,
                             (struct pdf_draw){.kind = PDF_K_GANTT_ROW,
                                               .text = f,
                                               .len = len,
                                               .ref = (int32_t)act->index,
                                               .anchor = -1});
        }
    }
    wp_pdf_tag_end(ctx);
}

static void prepare_glance(struct pdf_ctx *ctx, const struct toc_plan *t)
{
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, "at a glance", (struct wp_pos){0, 0});
    wp_pdf_tag(ctx, PDF_S_SECT, 0, NULL);
    size_t first =
        wp_pdf_flow_heading(ctx, PDF_T_H1, label(ctx, WP_L_AT_A_GLANCE), t->glance, 0, NULL);
    ctx->flow.items[first].flags |= PDF_BREAK_BEFORE;
    prepare_glance_table(ctx, t);
    if (t->results >= 0)
        wp_pdf_prepare_results_glance(ctx, t->results);
    prepare_timeline(ctx, t);
    wp_pdf_tag_end(ctx);
}

/* A labelled bullet list of an activity's texts (outputs, indicators), when it has any. */
static void add_text_list_field(struct pdf_ctx *ctx, const struct wp_activity *a, const char *field,
                                enum wp_label title, const struct wp_text_list *list, int32_t rep)
{
    if (!list->n)
        return;
    const char **v = wp_arena_alloc(&ctx->arena, list->n * sizeof(*v));
    const char **langs = wp_arena_alloc(&ctx->arena, list->n * sizeof(*langs));
    for (size_t k = 0; k < list->n; k++) {
        v[k] = text_of(ctx, &list->items[k]);
        langs[k] = fallback_lang(ctx, &list->items[k]);
    }
    wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, field, list->pos);
    wp_pdf_flow_field_list(ctx, label(ctx, title), v, langs, list->n, rep, true);
}

/* The links field: a list of links, its label beside the first. */
static void add_links(struct pdf_ctx *ctx, const struct wp_activity *a, int32_t rep)
{
    if (a->links.n == 0)
        return;
    wp_pdf_tag_field_begin(ctx);
    wp_pdf_tag(ctx, PDF_S_L, 0, NULL);
    for (size_t k = 0; k < a->links.n; k++) {
        const char *url = a->links.items[k].s;
        wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "links", a->links.items[k].pos);
        if (k == 0)
            wp_pdf_flow_gap(ctx, ctx->st->field_gap);
        size_t first = ctx->flow.n_items;
        wp_pdf_tag(ctx, PDF_S_LI, 0, NULL);
        wp_pdf_tag(ctx, PDF_S_LBODY, 0, NULL);
        struct pdf_text_opts lo = {.role = PDF_T_LINK,
                                   .x = ctx->st->label_col,
                                   .repeat = rep,
                                   .uri = url,
                                   .tag = PDF_S_LINK};
        wp_pdf_flow_lines(ctx, &lo, url, strlen(url));
        if (k == 0)
            wp_pdf_flow_label(ctx, first, label(ctx, WP_L_LINKS), 0, PDF_T_LINK, rep);
        wp_pdf_tag_end(ctx);
        wp_pdf_tag_end(ctx);
    }
    wp_pdf_tag_end(ctx);
    wp_pdf_tag_field_end(ctx);
}

static void prepare_activity(struct pdf_ctx *ctx, const struct wp_activity *a)
{
    const struct pdf_style *st = ctx->st;
    const char *lang = ctx->lang;
    wp_pdf_flow_gap(ctx, st->block_gap);
    wp_pdf_flow_item(ctx, st->rule_h, PDF_KEEP_WITH_NEXT, -1,
                     (struct pdf_draw){.kind = PDF_K_RULE, .w = ctx->content_w, .anchor = -1});
    wp_pdf_flow_gap(ctx, st->heading_gap);
    wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "title", a->title.pos);
    const char *title = text_of(ctx, &a->title);
    const char *head = aprintf(ctx, "%s  %s", a->id, title);
    int32_t anchor = ctx->plan->n_activities <= st->outline_activities_max
                         ? wp_pdf_flow_anchor(ctx, head, 1, false)
                         : -1;
    struct pdf_text_opts o = {.role = PDF_T_ACTIVITY,
                              .keep = PDF_KEEP_WITH_NEXT,
                              .repeat = -1,
                              .flags = PDF_D_CONT,
                              .tag = PDF_S_H3,
                              .lang = fallback_lang(ctx, &a->title)};
    size_t first = wp_pdf_flow_lines(ctx, &o, head, strlen(head));
    if (anchor >= 0)
        wp_pdf_flow_set_anchor(ctx, anchor, first);
    ctx->flow.draws[first].ref = (int32_t)a->index;
    int32_t rep = (int32_t)first;
    /* "continued" is drawn in the muted style: measure it now, before embedding */
    wp_pdf_width(ctx, PDF_T_MUTED, a->id, strlen(a->id));

    wp_pdf_flow_gap(ctx, st->small_gap);
    /* kept with what follows, so no title and badge end a page alone */
    wp_pdf_flow_item(
        ctx, st->status_row_h, PDF_KEEP_WITH_NEXT, rep,
        (struct pdf_draw){.kind = PDF_K_STATUS, .ref = (int32_t)a->index, .anchor = -1});
    if (wp_text_is_set(&a->description)) {
        wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "description", a->description.pos);
        wp_pdf_flow_gap(ctx, st->small_gap);
        struct pdf_text_opts d = {
            .role = PDF_T_BODY, .repeat = rep, .lang = fallback_lang(ctx, &a->description)};
        wp_pdf_flow_paragraphs(ctx, &d, text_of(ctx, &a->description), st->para_gap);
    }
    wp_pdf_flow_gap(ctx, st->small_gap);
    wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "lead", a->lead.pos);
    wp_pdf_flow_field(ctx, label(ctx, WP_L_LEAD), join_refs(ctx, &a->lead), rep, PDF_T_BODY, 0,
                      NULL);
    if (a->partners.n) {
        wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "partners", a->partners.pos);
        wp_pdf_flow_field(ctx, label(ctx, WP_L_PARTNERS), join_refs(ctx, &a->partners), rep,
                          PDF_T_BODY, 0, NULL);
    }
    char buf[256];
    wp_format_timeframe(buf, sizeof(buf), lang, &a->start, &a->end);
    wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "timeframe", a->start.pos);
    wp_pdf_flow_field(ctx, label(ctx, WP_L_TIMEFRAME), wp_arena_strdup(&ctx->arena, buf), rep,
                      PDF_T_BODY, 0, NULL);
    if (a->modality.n) {
        struct wp_buf b = WP_BUF_INIT;
        for (size_t k = 0; k < a->modality.n; k++) {
            if (k)
                wp_buf_adds(&b, ", ");
            wp_buf_adds(&b, text_of(ctx, &a->modality.items[k]));
        }
        wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "modality", a->modality.pos);
        wp_pdf_flow_field(ctx, label(ctx, WP_L_MODALITY), wp_arena_strdup(&ctx->arena, b.data), rep,
                          PDF_T_BODY, 0, NULL);
        wp_buf_release(&b);
    }
    if (wp_text_is_set(&a->current.note)) {
        wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "note", a->current.note.pos);
        const char *note = text_of(ctx, &a->current.note);
        if (a->current.note_date.year) {
            /* the date, then the note, in one cell */
            wp_format_date(buf, sizeof(buf), lang, a->current.note_date);
            wp_pdf_flow_gap(ctx, st->field_gap);
            size_t at = ctx->flow.n_items;
            wp_pdf_tag_field_begin(ctx);
            struct pdf_text_opts dt = {.role = PDF_T_MUTED, .x = st->label_col, .repeat = rep};
            const char *date = wp_arena_strdup(&ctx->arena, buf);
            wp_pdf_flow_lines(ctx, &dt, date, strlen(date));
            wp_pdf_flow_label(ctx, at, label(ctx, WP_L_LATEST_NOTE), 0, PDF_T_MUTED, rep);
            struct pdf_text_opts n = {.role = PDF_T_BODY,
                                      .x = st->label_col,
                                      .repeat = rep,
                                      .lang = fallback_lang(ctx, &a->current.note)};
            wp_pdf_flow_paragraphs(ctx, &n, note, st->note_para_gap);
            wp_pdf_tag_field_end(ctx);
        } else {
            wp_pdf_flow_field(ctx, label(ctx, WP_L_LATEST_NOTE), note, rep, PDF_T_BODY, 0, NULL);
        }
    }
    add_text_list_field(ctx, a, "outputs", WP_L_OUTPUTS, &a->outputs, rep);
    add_text_list_field(ctx, a, "indicators", WP_L_INDICATORS, &a->indicators, rep);
    wp_pdf_prepare_activity_results(ctx, a, rep);
    if (a->sdgs.n) {
        const char **v = wp_arena_alloc(&ctx->arena, a->sdgs.n * sizeof(*v));
        for (size_t k = 0; k < a->sdgs.n; k++) {
            int g = a->sdgs.items[k].v;
            snprintf(buf, sizeof(buf), "%s %d \xe2\x80\x93 %s", label(ctx, WP_L_SDG_SHORT), g,
                     wp_sdg_name(lang, g));
            v[k] = wp_arena_strdup(&ctx->arena, buf);
        }
        wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "sdgs", a->sdgs.pos);
        wp_pdf_flow_field_list(ctx, label(ctx, WP_L_SDGS), v, NULL, a->sdgs.n, rep, false);
    }
    if (wp_text_is_set(&a->focal_point)) {
        wp_pdf_fonts_where(&ctx->fonts, "activity", a->id, "focal_point", a->focal_point.pos);
        wp_pdf_flow_field(ctx, label(ctx, WP_L_FOCAL_POINT), text_of(ctx, &a->focal_point), rep,
                          PDF_T_BODY, 0, NULL);
    }
    add_links(ctx, a, rep);
}

static void prepare_area(struct pdf_ctx *ctx, const struct wp_area *area, int32_t anchor)
{
    const struct pdf_style *st = ctx->st;
    wp_pdf_fonts_where(&ctx->fonts, "area", area->id, "title", area->title.pos);
    wp_pdf_tag(ctx, PDF_S_SECT, 0, NULL);
    const char *kicker = aprintf(ctx, "%s %s", label(ctx, WP_L_AREA), area->id);
    size_t first = wp_pdf_flow_heading(ctx, PDF_T_KICKER, kicker, -1, 0, NULL);
    ctx->flow.items[first].flags |= PDF_BREAK_BEFORE;
    wp_pdf_flow_heading(ctx, PDF_T_H1, text_of(ctx, &area->title), anchor, 0,
                        fallback_lang(ctx, &area->title));
    if (wp_text_is_set(&area->summary)) {
        wp_pdf_fonts_where(&ctx->fonts, "area", area->id, "summary", area->summary.pos);
        wp_pdf_flow_gap(ctx, st->summary_gap);
        struct pdf_text_opts o = {
            .role = PDF_T_LEAD, .repeat = -1, .lang = fallback_lang(ctx, &area->summary)};
        wp_pdf_flow_paragraphs(ctx, &o, text_of(ctx, &area->summary), st->para_gap);
    }
    if (area->objectives.n) {
        wp_pdf_flow_gap(ctx, st->section_gap);
        wp_pdf_fonts_where(&ctx->fonts, "area", area->id, "objectives", area->objectives.pos);
        wp_pdf_flow_heading(ctx, PDF_T_H2, label(ctx, WP_L_OBJECTIVES), -1, 0, NULL);
        wp_pdf_flow_gap(ctx, st->small_gap);
        wp_pdf_tag(ctx, PDF_S_L, 0, NULL);
        for (size_t k = 0; k < area->objectives.n; k++) {
            wp_pdf_flow_gap(ctx, st->item_gap);
            struct pdf_text_opts o = {.role = PDF_T_BODY,
                                      .repeat = -1,
                                      .flags = PDF_D_BULLET,
                                      .tag = PDF_S_LBODY,
                                      .lang = fallback_lang(ctx, &area->objectives.items[k])};
            const char *s = text_of(ctx, &area->objectives.items[k]);
            wp_pdf_tag(ctx, PDF_S_LI, 0, NULL);
            wp_pdf_flow_lines(ctx, &o, s, strlen(s));
            wp_pdf_tag_end(ctx);
        }
        wp_pdf_tag_end(ctx);
    }
    wp_pdf_flow_gap(ctx, st->section_gap);
    wp_pdf_fonts_where(&ctx->fonts, "area", area->id, "activities", area->pos);
    wp_pdf_flow_heading(ctx, PDF_T_H2, label(ctx, WP_L_ACTIVITIES), -1, 0, NULL);
    if (area->n_activities == 0) {
        wp_pdf_flow_gap(ctx, st->small_gap);
        struct pdf_text_opts o = {.role = PDF_T_BODY, .repeat = -1};
        const char *s = label(ctx, WP_L_NO_ACTIVITIES);
        wp_pdf_flow_lines(ctx, &o, s, strlen(s));
    }
    for (size_t i = 0; i < area->n_activities; i++)
        prepare_activity(ctx, &area->activities[i]);
    wp_pdf_tag_end(ctx);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Which activities each country leads or takes part in (the rule of
 * wp_activity_role: named itself or through a party, lead wins), built in
 * one pass over the activities rather than one per country.
 */
struct country_roles {
    size_t last;          /* 1 + index of the last activity that named it */
    enum wp_role role;    /* its role in that activity */
    struct wp_buf ids[3]; /* by enum wp_role: "ECO-01, ECO-03" */
};

static void mark_role(struct wp_strmap *index, size_t k, const char *code, enum wp_role role,
                      struct country_roles **touched, size_t *n_touched)
{
    struct country_roles *r = wp_strmap_get(index, code);
    if (!r)
        return;
    if (r->last != k + 1) {
        r->last = k + 1;
        r->role = role;
        touched[(*n_touched)++] = r;
    } else if (role == WP_ROLE_LEAD) {
        r->role = WP_ROLE_LEAD;
    }
}

static struct country_roles *index_countries(struct pdf_ctx *ctx)
{
    const struct wp_plan *plan = ctx->plan;
    struct country_roles *roles = wp_xcalloc(plan->n_countries + 1, sizeof(*roles));
    for (size_t c = 0; c <= plan->n_countries; c++)
        for (int r = 0; r < 3; r++)
            wp_buf_init(&roles[c].ids[r]);
    struct wp_strmap index;
    wp_strmap_init(&index);
    for (size_t c = 0; c < plan->n_countries; c++)
        if (plan->countries[c].code)
            wp_strmap_put(&index, plan->countries[c].code, &roles[c]);
    struct country_roles **touched = wp_xcalloc(plan->n_countries + 1, sizeof(*touched));
    for (size_t k = 0; k < plan->n_activities; k++) {
        const struct wp_activity *a = plan->activities[k];
        size_t n_touched = 0;
        for (int pass = 0; pass < 2; pass++) {
            const struct wp_str_list *refs = pass == 0 ? &a->lead : &a->partners;
            enum wp_role role = pass == 0 ? WP_ROLE_LEAD : WP_ROLE_PARTNER;
            for (size_t i = 0; i < refs->n; i++) {
                const char *ref = refs->items[i].s;
                if (!ref)
                    continue;
                const struct wp_party *party = wp_plan_find_party(plan, ref);
                if (!party) {
                    mark_role(&index, k, ref, role, touched, &n_touched);
                    continue;
                }
                for (size_t m = 0; m < party->members.n; m++)
                    if (party->members.items[m].s)
                        mark_role(&index, k, party->members.items[m].s, role, touched, &n_touched);
            }
        }
        for (size_t i = 0; i < n_touched; i++) {
            struct wp_buf *b = &touched[i]->ids[touched[i]->role];
            if (b->len)
                wp_buf_adds(b, ", ");
            wp_buf_adds(b, a->id);
        }
    }
    free(touched);
    wp_strmap_release(&index);
    return roles;
}

static void release_country_roles(struct pdf_ctx *ctx, struct country_roles *roles)
{
    for (size_t c = 0; c < ctx->plan->n_countries; c++)
        for (int r = 0; r < 3; r++)
            wp_buf_release(&roles[c].ids[r]);
    free(roles);
}

static void prepare_annexes(struct pdf_ctx *ctx, const struct toc_plan *t)
{
    const struct pdf_style *st = ctx->st;
    const struct wp_plan *plan = ctx->plan;
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, "annexes", (struct wp_pos){0, 0});
    wp_pdf_tag(ctx, PDF_S_SECT, 0, NULL);
    size_t first =
        wp_pdf_flow_heading(ctx, PDF_T_H1, label(ctx, WP_L_ANNEXES), t->annexes, 0, NULL);
    ctx->flow.items[first].flags |= PDF_BREAK_BEFORE;

    /* members by party */
    wp_pdf_flow_gap(ctx, st->section_gap);
    wp_pdf_flow_heading(ctx, PDF_T_H2, label(ctx, WP_L_MEMBERS_BY_PARTY), t->members, 0, NULL);
    for (size_t k = 0; k < plan->n_parties; k++) {
        const struct wp_party *p = &plan->party_list[k];
        wp_pdf_fonts_where(&ctx->fonts, "party", p->id, "name", p->name.pos);
        wp_pdf_flow_gap(ctx, st->heading_gap);
        const char *h = aprintf(ctx, "%s (%s)", text_of(ctx, &p->name), p->id);
        wp_pdf_flow_heading(ctx, PDF_T_H3, h, -1, 0, NULL);
        wp_pdf_fonts_where(&ctx->fonts, "party", p->id, "members", p->members.pos);
        const char *m = join_refs(ctx, &p->members);
        struct pdf_text_opts o = {.role = PDF_T_BODY, .repeat = -1};
        wp_pdf_flow_lines(ctx, &o, m, strlen(m));
    }

    /* activities by country */
    wp_pdf_flow_gap(ctx, st->part_gap);
    wp_pdf_flow_heading(ctx, PDF_T_H2, label(ctx, WP_L_COUNTRY_INDEX), t->countries, 0, NULL);
    struct country_roles *roles = index_countries(ctx);
    for (size_t c = 0; c < plan->n_countries; c++) {
        const struct wp_country *co = &plan->countries[c];
        wp_pdf_fonts_where(&ctx->fonts, "country", co->code, "name", co->name.pos);
        wp_pdf_flow_gap(ctx, st->heading_gap);
        const char *h = aprintf(ctx, "%s (%s)", text_of(ctx, &co->name), co->code);
        size_t head = wp_pdf_flow_heading(ctx, PDF_T_H3, h, -1, 0, NULL);
        /* long lists run over pages: the next page says whose they are */
        ctx->flow.draws[head].flags |= PDF_D_CONT;
        wp_pdf_width(ctx, PDF_T_MUTED, h, strlen(h));
        const char *none = label(ctx, WP_L_NONE);
        /* the items point into their text: it goes into the arena */
        struct wp_buf *l = &roles[c].ids[WP_ROLE_LEAD], *p = &roles[c].ids[WP_ROLE_PARTNER];
        wp_pdf_flow_field(ctx, label(ctx, WP_L_LEADS),
                          l->len ? wp_arena_strdup(&ctx->arena, l->data) : none, (int32_t)head,
                          PDF_T_BODY, 0, NULL);
        wp_pdf_flow_field(ctx, label(ctx, WP_L_TAKES_PART),
                          p->len ? wp_arena_strdup(&ctx->arena, p->data) : none, (int32_t)head,
                          PDF_T_BODY, 0, NULL);
    }
    release_country_roles(ctx, roles);

    /* glossary */
    wp_pdf_flow_gap(ctx, st->part_gap);
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, "glossary", (struct wp_pos){0, 0});
    wp_pdf_flow_heading(ctx, PDF_T_H2, label(ctx, WP_L_GLOSSARY), t->glossary, 0, NULL);
    wp_pdf_flow_gap(ctx, st->heading_gap);
    wp_pdf_flow_heading(ctx, PDF_T_H3, label(ctx, WP_L_STATUSES), -1, 0, NULL);
    for (int s = 0; s < WP_STATUS_COUNT; s++) {
        size_t before = ctx->flow.n_items;
        wp_pdf_flow_field(ctx, wp_status_label(ctx->lang, (enum wp_status)s),
                          wp_status_description(ctx->lang, (enum wp_status)s), -1, PDF_T_BODY,
                          PDF_D_SWATCH, NULL);
        for (size_t k = before; k < ctx->flow.n_items; k++) {
            ctx->flow.draws[k].ref = s;
            /* the five statuses stay on one page */
            if (s + 1 < WP_STATUS_COUNT || k + 1 < ctx->flow.n_items)
                ctx->flow.items[k].flags |= PDF_KEEP_WITH_NEXT;
        }
    }
    wp_pdf_flow_gap(ctx, st->glossary_gap);
    wp_pdf_flow_heading(ctx, PDF_T_H3, label(ctx, WP_L_MODALITIES), -1, 0, NULL);
    struct wp_strmap seen;
    wp_strmap_init(&seen);
    const char **words = NULL;
    size_t n_words = 0, cap_words = 0;
    for (size_t i = 0; i < plan->n_activities; i++) {
        const struct wp_activity *a = plan->activities[i];
        for (size_t k = 0; k < a->modality.n; k++) {
            const char *w = text_of(ctx, &a->modality.items[k]);
            size_t *count = wp_strmap_get(&seen, w);
            if (!count) {
                count = wp_arena_alloc(&ctx->arena, sizeof(*count));
                wp_strmap_put(&seen, w, count);
                WP_GROW(words, cap_words, n_words + 1);
                words[n_words++] = w;
            }
            (*count)++;
        }
    }
    if (n_words > 1)
        qsort(words, n_words, sizeof(*words), cmp_str);
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, "modality", (struct wp_pos){0, 0});
    for (size_t k = 0; k < n_words; k++) {
        size_t *count = wp_strmap_get(&seen, words[k]);
        char num[96];
        snprintf(num, sizeof(num), "%s: %zu", label(ctx, WP_L_ACTIVITIES), *count);
        wp_pdf_flow_field(ctx, words[k], wp_arena_strdup(&ctx->arena, num), -1, PDF_T_BODY, 0,
                          NULL);
    }
    if (n_words == 0) {
        struct pdf_text_opts o = {.role = PDF_T_BODY, .repeat = -1};
        const char *s = label(ctx, WP_L_NONE);
        wp_pdf_flow_lines(ctx, &o, s, strlen(s));
    }
    free(words);
    wp_strmap_release(&seen);
    if (wp_pdf_has_measured(plan))
        wp_pdf_prepare_results_glossary(ctx);
    wp_pdf_tag_end(ctx);
}

void wp_pdf_prepare(struct pdf_ctx *ctx)
{
    ctx->flow.pending_gap = 0;
    struct toc_plan t = declare_anchors(ctx);
    int32_t changes = wp_pdf_changes_anchor(ctx);
    prepare_cover(ctx);
    prepare_contents(ctx, &t);
    prepare_foreword(ctx, &t);
    prepare_glance(ctx, &t);
    for (size_t a = 0; a < ctx->plan->n_areas; a++)
        prepare_area(ctx, &ctx->plan->areas[a], t.area0 + (int32_t)a);
    if (t.record >= 0)
        wp_pdf_prepare_record(ctx, t.record);
    prepare_annexes(ctx, &t);
    wp_pdf_prepare_changes(ctx, changes);
    wp_pdf_tags_prepared(ctx);
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, NULL, (struct wp_pos){0, 0});
}
