/*
 * Results in the booklet: per activity a table of its measured indicators
 * and the events that name it, "Results at a glance" in the overview, the
 * chapter "Record of implementation" and the glossary's entries on how
 * results are judged. A family of sections of its own (pdf_sections.h); every size comes from
 * the style table.
 *
 * A results table is a list of rows of kind PDF_K_RESULTS. Each row's cells
 * are broken into lines here, in the prepare pass (which also measures every
 * glyph, so the font subsets hold them), and kept in the context's arena:
 * the item's `text` points at its struct res_row.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_sections.h"

#define RES_MAX_COLS 6

struct res_row;

struct res_cols {
    size_t n;
    float x[RES_MAX_COLS], w[RES_MAX_COLS]; /* from the left margin */
    bool right[RES_MAX_COLS];               /* numbers: right-aligned */
    const struct res_row *head;             /* the header row, made once, drawn for every table */
    float head_h;
};

struct res_line {
    const char *s;
    uint32_t len;
    uint8_t role;
    float w;
};

struct res_cell {
    const struct res_line *lines;
    size_t n;
};

enum res_bar { RES_BAR_NONE, RES_BAR_REACHED, RES_BAR_ON_TRACK, RES_BAR_BEHIND };

struct res_row {
    const struct res_cols *cols;
    struct res_cell cell[RES_MAX_COLS];
    bool shaded; /* header rows and the total row */
    bool head;   /* a header row: its cells title the columns */
    uint8_t bar; /* enum res_bar: a bar before the last column's first line */
    float share; /* of the bar, 0..1 */
};

/*
 * A cell being filled: its lines, gathered before they go into the arena. A
 * row stays shorter than a page (40 lines of 12 pt): a text longer than that
 * in its column is cut there rather than run off the page.
 */
struct res_cell_tmp {
    struct res_line lines[40];
    size_t n;
};

static const char *arena_fmt(struct pdf_ctx *ctx, enum wp_label l, const char *arg)
{
    return wp_pdf_fmt(ctx, l, (const char *[]){arg}, 1);
}

bool wp_pdf_has_measured(const struct wp_plan *plan)
{
    for (size_t i = 0; i < plan->n_activities; i++)
        if (plan->activities[i]->n_measured)
            return true;
    return false;
}

/* ---- numbers in the output language ------------------------------------------------ */

/*
 * The strings of one indicator's row, formatted into fixed buffers: rows are
 * formatted twice (measured when prepared, drawn from scratch), so that a
 * booklet of thousands of indicators keeps no copy of them.
 */
struct res_strings {
    char id[128], base[64], target[64], by[128], value[64], date[96], pct[32];
};

/* "12500.5" as "12,500.5" (en) or "12 500,5" (es): the catalogue has the marks. */
static const char *number(struct pdf_ctx *ctx, double v, char *out, size_t size)
{
    char raw[32];
    wp_number_str(v, raw);
    if (strpbrk(raw, "eEin")) { /* an exponent (or worse): as written */
        snprintf(out, size, "%s", raw);
        return out;
    }
    const char *digits = raw[0] == '-' ? raw + 1 : raw;
    size_t int_len = strcspn(digits, ".");
    const char *group = wp_pdf_sec_label(ctx, WP_L_RES_DIGIT_GROUP);
    size_t group_min = (size_t)atoi(wp_pdf_sec_label(ctx, WP_L_RES_GROUP_MIN));
    size_t n = 0;
    /* 15 digits, 4 group marks of up to 4 bytes, a sign and a decimal mark fit in 64 */
#define PUT(str)                                                                                   \
    do {                                                                                           \
        for (const char *q_ = (str); *q_ && n + 1 < size; q_++)                                    \
            out[n++] = *q_;                                                                        \
    } while (0)
    if (raw[0] == '-')
        PUT("-");
    for (size_t k = 0; k < int_len; k++) {
        if (k > 0 && int_len >= group_min && (int_len - k) % 3 == 0)
            PUT(group);
        char d[2] = {digits[k], 0};
        PUT(d);
    }
    if (digits[int_len] == '.') {
        PUT(wp_pdf_sec_label(ctx, WP_L_RES_DECIMAL_MARK));
        PUT(digits + int_len + 1);
    }
#undef PUT
    out[n] = 0;
    return out;
}

static const char *percent(double share, char *out, size_t size)
{
    double p = share * 100;
    /* far past the target or far behind: the bar says it, the figure stays short */
    if (p > 99999)
        p = 99999;
    if (p < -99999)
        p = -99999;
    snprintf(out, size, "%.0f %%", p == 0 ? 0 : p);
    return out;
}

static const char *long_date(struct pdf_ctx *ctx, struct wp_date d)
{
    char buf[96];
    wp_format_date(buf, sizeof(buf), ctx->lang, d);
    return wp_arena_strdup(&ctx->arena, buf);
}

/* ---- rows of cells -------------------------------------------------------------------- */

/* Breaks s into the cell's lines at its width (and measures every glyph). */
static void cell_add(struct pdf_ctx *ctx, struct res_cell_tmp *c, enum pdf_role role, const char *s,
                     float width)
{
    const struct pdf_text_style *ts = &ctx->st->text[role];
    size_t n = wp_pdf_break_lines(wp_pdf_measure(ctx, role), ts->size, s, strlen(s), width,
                                  &ctx->flow.lines);
    for (size_t k = 0; k < n && c->n < sizeof(c->lines) / sizeof(c->lines[0]); k++) {
        const struct pdf_line *ln = &ctx->flow.lines.items[k];
        c->lines[c->n++] = (struct res_line){s + ln->start, ln->len, (uint8_t)role, ln->width};
    }
}

static float cell_height(struct pdf_ctx *ctx, const struct res_cell_tmp *c)
{
    float h = 0;
    for (size_t k = 0; k < c->n; k++)
        h += ctx->st->text[c->lines[k].role].leading;
    return h;
}

/* The room for text in column k (the last column of a row with a bar gives the bar its room). */
static float text_width(struct pdf_ctx *ctx, const struct res_cols *cols, size_t k, bool bar)
{
    float w = cols->w[k] - 2 * ctx->st->cell_pad;
    if (bar)
        w -= ctx->st->res_bar_w + ctx->st->res_bar_gap;
    return w;
}

/* The height of a row of these cells: its tallest cell, padded. */
static float row_height(struct pdf_ctx *ctx, const struct res_cols *cols,
                        const struct res_cell_tmp *cells)
{
    float h = ctx->st->text[PDF_T_TABLE].leading;
    for (size_t k = 0; k < cols->n; k++) {
        float ch = cell_height(ctx, &cells[k]);
        if (ch > h)
            h = ch;
    }
    return h + 2 * ctx->st->cell_pad;
}

/* Copies the cells into the arena and adds the row as one item. */
static size_t add_row(struct pdf_ctx *ctx, struct res_row *row, const struct res_cell_tmp *cells,
                      uint32_t flags, int32_t repeat)
{
    float h = row_height(ctx, row->cols, cells);
    for (size_t k = 0; k < row->cols->n; k++) {
        struct res_line *lines = NULL;
        if (cells[k].n) {
            lines = wp_arena_alloc(&ctx->arena, cells[k].n * sizeof(*lines));
            memcpy(lines, cells[k].lines, cells[k].n * sizeof(*lines));
        }
        row->cell[k] = (struct res_cell){lines, cells[k].n};
    }
    struct res_row *kept = wp_arena_alloc(&ctx->arena, sizeof(*kept));
    *kept = *row;
    /* the item points at its row: a char pointer may point at any object */
    return wp_pdf_flow_item(ctx, h, flags, repeat,
                            (struct pdf_draw){.kind = PDF_K_RESULTS,
                                              .text = (const char *)(const void *)kept,
                                              .anchor = -1,
                                              .ref = -1});
}

/* A header row: each title broken at its column's width. */
static size_t add_head(struct pdf_ctx *ctx, const struct res_cols *cols,
                       const enum wp_label *titles, uint32_t flags, int32_t repeat)
{
    struct res_cell_tmp cells[RES_MAX_COLS] = {0};
    for (size_t k = 0; k < cols->n; k++)
        cell_add(ctx, &cells[k], PDF_T_TABLE_HEAD, wp_pdf_sec_label(ctx, titles[k]),
                 text_width(ctx, cols, k, false));
    struct res_row row = {.cols = cols, .shaded = true, .head = true};
    return add_row(ctx, &row, cells, flags | PDF_KEEP_WITH_NEXT, repeat);
}

/* ---- the results table of an activity --------------------------------------------------- */

enum { RC_TEXT, RC_UNIT, RC_BASE, RC_TARGET, RC_VALUE, RC_SHARE, RC_N };

static struct res_cols *table_cols(struct pdf_ctx *ctx)
{
    const struct pdf_style *st = ctx->st;
    struct res_cols *c = wp_arena_alloc(&ctx->arena, sizeof(*c));
    memset(c, 0, sizeof(*c));
    c->n = RC_N;
    float fixed[RC_N] = {0,
                         st->res_col_unit,
                         st->res_col_base,
                         st->res_col_target,
                         st->res_col_value,
                         st->res_col_share};
    float rest = ctx->content_w;
    for (size_t k = 1; k < RC_N; k++)
        rest -= fixed[k];
    fixed[RC_TEXT] = rest;
    float x = 0;
    for (size_t k = 0; k < RC_N; k++) {
        c->x[k] = x;
        c->w[k] = fixed[k];
        c->right[k] = k == RC_BASE || k == RC_TARGET || k == RC_VALUE;
        x += fixed[k];
    }
    return c;
}

/* An indicator row in the results table: `ref` tells it from rows kept whole (-1). */
#define RES_REF_INDICATOR (-2)

/* The cells of an indicator's row, strings in sc; measures every glyph they use. */
static void indicator_cells(struct pdf_ctx *ctx, const struct res_cols *cols,
                            const struct wp_indicator *ind, struct res_strings *sc,
                            struct res_cell_tmp *cells, struct res_row *row)
{
    cell_add(ctx, &cells[RC_TEXT], PDF_T_TABLE, wp_pdf_sec_text(ctx, &ind->text),
             text_width(ctx, cols, RC_TEXT, false));
    /* the id (as the workbook names it) and the direction share a line under the text */
    const char *id = ind->id ? ind->id : "";
    if (ind->lower_is_better) {
        snprintf(sc->id, sizeof(sc->id), "%s \xc2\xb7 %s", id,
                 wp_pdf_sec_label(ctx, WP_L_RES_LOWER_BETTER));
        id = sc->id;
    }
    cell_add(ctx, &cells[RC_TEXT], PDF_T_MUTED, id, text_width(ctx, cols, RC_TEXT, false));
    if (wp_text_is_set(&ind->unit))
        cell_add(ctx, &cells[RC_UNIT], PDF_T_TABLE, wp_pdf_sec_text(ctx, &ind->unit),
                 text_width(ctx, cols, RC_UNIT, false));
    cell_add(ctx, &cells[RC_BASE], PDF_T_TABLE, number(ctx, ind->baseline, sc->base, 64),
             text_width(ctx, cols, RC_BASE, false));
    cell_add(ctx, &cells[RC_TARGET], PDF_T_TABLE, number(ctx, ind->target, sc->target, 64),
             text_width(ctx, cols, RC_TARGET, false));
    char period[96];
    wp_format_period(period, sizeof(period), ctx->lang, &ind->by);
    wp_label_fill(sc->by, sizeof(sc->by), wp_pdf_sec_label(ctx, WP_L_RES_BY),
                  (const char *[]){period}, 1);
    cell_add(ctx, &cells[RC_TARGET], PDF_T_MUTED, sc->by, text_width(ctx, cols, RC_TARGET, false));
    if (!ind->has_value) {
        cell_add(ctx, &cells[RC_VALUE], PDF_T_MUTED, wp_pdf_sec_label(ctx, WP_L_RES_NO_VALUE),
                 text_width(ctx, cols, RC_VALUE, false));
        return;
    }
    cell_add(ctx, &cells[RC_VALUE], PDF_T_TABLE, number(ctx, ind->value, sc->value, 64),
             text_width(ctx, cols, RC_VALUE, false));
    wp_format_date(sc->date, sizeof(sc->date), ctx->lang, ind->value_date);
    cell_add(ctx, &cells[RC_VALUE], PDF_T_MUTED, sc->date, text_width(ctx, cols, RC_VALUE, false));
    double share = wp_indicator_share(ind);
    bool reached = wp_indicator_reached(ind);
    bool on_track = wp_indicator_on_track(ind, ctx->today);
    row->bar = reached ? RES_BAR_REACHED : on_track ? RES_BAR_ON_TRACK : RES_BAR_BEHIND;
    row->share = share < 0 ? 0 : share > 1 ? 1 : (float)share;
    float w = text_width(ctx, cols, RC_SHARE, true);
    cell_add(ctx, &cells[RC_SHARE], PDF_T_TABLE, percent(share, sc->pct, sizeof(sc->pct)), w);
    cell_add(ctx, &cells[RC_SHARE], PDF_T_MUTED,
             wp_pdf_sec_label(ctx, reached    ? WP_L_RES_REACHED
                                   : on_track ? WP_L_RES_ON_TRACK
                                              : WP_L_RES_BEHIND),
             w);
}

/* Measures the row now; it is formatted again when drawn, so nothing of it is kept. */
static void indicator_row(struct pdf_ctx *ctx, const struct res_cols *cols,
                          const struct wp_indicator *ind, int32_t head)
{
    struct res_cell_tmp cells[RES_MAX_COLS] = {0};
    struct res_strings sc;
    struct res_row row = {.cols = cols};
    wp_pdf_fonts_where(&ctx->fonts, "activity", ind->activity ? ind->activity->id : NULL,
                       "indicators", ind->pos);
    indicator_cells(ctx, cols, ind, &sc, cells, &row);
    wp_pdf_flow_item(ctx, row_height(ctx, cols, cells), 0, head,
                     (struct pdf_draw){.kind = PDF_K_RESULTS,
                                       .text = (const char *)(const void *)ind,
                                       .anchor = -1,
                                       .ref = RES_REF_INDICATOR});
}

static void activity_events(struct pdf_ctx *ctx, const struct wp_activity *a, int32_t repeat)
{
    if (!a->n_events)
        return;
    const char **v = wp_arena_alloc(&ctx->arena, a->n_events * sizeof(*v));
    for (size_t k = 0; k < a->n_events; k++) {
        const struct wp_event *e = a->events[k];
        char date[96];
        wp_format_date(date, sizeof(date), ctx->lang, e->date);
        wp_pdf_fonts_where(&ctx->fonts, "event", a->id, "title", (struct wp_pos){0, 0});
        struct wp_buf b = WP_BUF_INIT;
        wp_buf_addf(&b, "%s \xe2\x80\x93 %s", date, wp_pdf_sec_text(ctx, &e->title));
        v[k] = wp_arena_strdup(&ctx->arena, b.data);
        wp_buf_release(&b);
    }
    wp_pdf_flow_field_list(ctx, wp_pdf_sec_label(ctx, WP_L_RES_EVENTS), v, NULL, a->n_events,
                           repeat, true);
}

void wp_pdf_prepare_activity_results(struct pdf_ctx *ctx, const struct wp_activity *a,
                                     int32_t repeat)
{
    const struct pdf_style *st = ctx->st;
    if (a->n_measured) {
        static const enum wp_label titles[RC_N] = {WP_L_RES_INDICATOR, WP_L_RES_UNIT,
                                                   WP_L_RES_BASELINE,  WP_L_RES_TARGET,
                                                   WP_L_RES_LATEST,    WP_L_RES_SHARE};
        if (!ctx->sec.results_cols)
            ctx->sec.results_cols = table_cols(ctx);
        struct res_cols *cols = ctx->sec.results_cols;
        wp_pdf_flow_gap(ctx, st->field_gap + st->para_gap);
        size_t lab =
            wp_pdf_flow_text(ctx, &(struct pdf_text_opts){.role = PDF_T_LABEL, .repeat = repeat},
                             wp_pdf_sec_label(ctx, WP_L_RES_RESULTS));
        if (lab != SIZE_MAX)
            for (size_t k = lab; k < ctx->flow.n_items; k++)
                ctx->flow.items[k].flags |= PDF_KEEP_WITH_NEXT;
        wp_pdf_flow_gap(ctx, st->res_table_gap);
        /* the rows are tagged as they are drawn (TR; TH for the titles and each indicator) */
        wp_pdf_tag(ctx, PDF_S_TABLE, 0, NULL);
        size_t head;
        if (cols->head) {
            head =
                wp_pdf_flow_item(ctx, cols->head_h, PDF_KEEP_WITH_NEXT, repeat,
                                 (struct pdf_draw){.kind = PDF_K_RESULTS,
                                                   .text = (const char *)(const void *)cols->head,
                                                   .anchor = -1,
                                                   .ref = -1});
        } else {
            head = add_head(ctx, cols, titles, 0, repeat);
            cols->head = (const struct res_row *)(const void *)ctx->flow.draws[head].text;
            cols->head_h = ctx->flow.items[head].height;
        }
        for (size_t k = 0; k < a->n_measured; k++)
            indicator_row(ctx, cols, &a->measured[k], (int32_t)head);
        wp_pdf_tag_end(ctx);
        wp_pdf_flow_gap(ctx, st->para_gap);
    }
    activity_events(ctx, a, repeat);
}

/* ---- results at a glance ------------------------------------------------------------------- */

enum { RG_AREA, RG_MEASURED, RG_REPORTED, RG_ON_TRACK, RG_REACHED, RG_N };

struct res_counts {
    size_t n[RG_N]; /* RG_AREA unused */
};

static void count_area(struct pdf_ctx *ctx, const struct wp_area *area, struct res_counts *c)
{
    for (size_t i = 0; i < area->n_activities; i++) {
        const struct wp_activity *a = &area->activities[i];
        for (size_t k = 0; k < a->n_measured; k++) {
            const struct wp_indicator *ind = &a->measured[k];
            c->n[RG_MEASURED]++;
            c->n[RG_REPORTED] += ind->has_value;
            c->n[RG_ON_TRACK] += wp_indicator_on_track(ind, ctx->today);
            c->n[RG_REACHED] += wp_indicator_reached(ind);
        }
    }
}

static void glance_row(struct pdf_ctx *ctx, const struct res_cols *cols, const char *title,
                       const struct res_counts *c, bool total, int32_t head)
{
    struct res_cell_tmp cells[RES_MAX_COLS] = {0};
    enum pdf_role role = total ? PDF_T_TABLE_HEAD : PDF_T_TABLE;
    cell_add(ctx, &cells[RG_AREA], role, title, text_width(ctx, cols, RG_AREA, false));
    for (size_t k = RG_MEASURED; k < RG_N; k++) {
        char num[32];
        snprintf(num, sizeof(num), "%zu", c->n[k]);
        cell_add(ctx, &cells[k], role, wp_arena_strdup(&ctx->arena, num),
                 text_width(ctx, cols, k, false));
    }
    struct res_row row = {.cols = cols, .shaded = total};
    add_row(ctx, &row, cells, 0, head);
}

void wp_pdf_prepare_results_glance(struct pdf_ctx *ctx, int32_t anchor)
{
    const struct pdf_style *st = ctx->st;
    const struct wp_plan *plan = ctx->plan;
    static const enum wp_label titles[RG_N] = {WP_L_AREA, WP_L_RES_MEASURED, WP_L_RES_REPORTED,
                                               WP_L_RES_ON_TRACK_COL, WP_L_RES_REACHED_COL};
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, "results at a glance", (struct wp_pos){0, 0});
    wp_pdf_flow_gap(ctx, st->section_gap);
    wp_pdf_flow_heading(ctx, PDF_T_H2, wp_pdf_sec_label(ctx, WP_L_RES_GLANCE), anchor, 0, NULL);
    wp_pdf_flow_gap(ctx, st->res_table_gap);
    size_t note =
        wp_pdf_flow_text(ctx, &(struct pdf_text_opts){.role = PDF_T_MUTED, .repeat = -1},
                         arena_fmt(ctx, WP_L_RES_GLANCE_NOTE, long_date(ctx, ctx->today)));
    if (note != SIZE_MAX)
        for (size_t k = note; k < ctx->flow.n_items; k++)
            ctx->flow.items[k].flags |= PDF_KEEP_WITH_NEXT;
    wp_pdf_flow_gap(ctx, st->res_table_gap * 2);
    struct res_cols *cols = wp_arena_alloc(&ctx->arena, sizeof(*cols));
    memset(cols, 0, sizeof(*cols));
    cols->n = RG_N;
    cols->w[RG_AREA] = ctx->content_w - (RG_N - 1) * st->res_glance_num_col;
    for (size_t k = 1; k < RG_N; k++) {
        cols->x[k] = cols->x[k - 1] + cols->w[k - 1];
        cols->w[k] = st->res_glance_num_col;
        cols->right[k] = true;
    }
    wp_pdf_tag(ctx, PDF_S_TABLE, 0, NULL);
    size_t head = add_head(ctx, cols, titles, 0, -1);
    struct res_counts total = {{0}};
    for (size_t a = 0; a < plan->n_areas; a++) {
        struct res_counts c = {{0}};
        count_area(ctx, &plan->areas[a], &c);
        for (size_t k = 0; k < RG_N; k++)
            total.n[k] += c.n[k];
        wp_pdf_fonts_where(&ctx->fonts, "area", plan->areas[a].id, "title",
                           plan->areas[a].title.pos);
        glance_row(ctx, cols, wp_pdf_sec_text(ctx, &plan->areas[a].title), &c, false,
                   (int32_t)head);
    }
    glance_row(ctx, cols, wp_pdf_sec_label(ctx, WP_L_TOTAL), &total, true, (int32_t)head);
    wp_pdf_tag_end(ctx);
}

/* ---- the record of implementation --------------------------------------------------------- */

static void record_event(struct pdf_ctx *ctx, const struct wp_event *e)
{
    const struct pdf_style *st = ctx->st;
    char date[96];
    wp_format_date(date, sizeof(date), ctx->lang, e->date);
    wp_pdf_fonts_where(&ctx->fonts, "event", NULL, "title", (struct wp_pos){0, 0});
    wp_pdf_flow_gap(ctx, st->block_gap);
    size_t first = ctx->flow.n_items;
    wp_pdf_flow_field(ctx, wp_arena_strdup(&ctx->arena, date), wp_pdf_sec_text(ctx, &e->title), -1,
                      PDF_T_H3, 0, NULL);
    /* the date and title stay with what the event says */
    for (size_t k = first; k < ctx->flow.n_items; k++)
        ctx->flow.items[k].flags |= PDF_KEEP_WITH_NEXT;
    int32_t rep = (int32_t)first;
    if (wp_text_is_set(&e->note)) {
        wp_pdf_fonts_where(&ctx->fonts, "event", NULL, "note", (struct wp_pos){0, 0});
        wp_pdf_flow_gap(ctx, st->field_gap);
        wp_pdf_flow_paragraphs(
            ctx, &(struct pdf_text_opts){.role = PDF_T_BODY, .x = st->label_col, .repeat = rep},
            wp_pdf_sec_text(ctx, &e->note), st->para_gap);
    }
    if (e->activities.n) {
        const char **v = wp_arena_alloc(&ctx->arena, e->activities.n * sizeof(*v));
        for (size_t k = 0; k < e->activities.n; k++) {
            const char *id = e->activities.items[k].s;
            const struct wp_activity *a = wp_plan_find_activity(ctx->plan, id);
            struct wp_buf b = WP_BUF_INIT;
            wp_buf_addf(&b, "%s  %s", id, a ? wp_pdf_sec_text(ctx, &a->title) : "");
            v[k] = wp_arena_strdup(&ctx->arena, b.data);
            wp_buf_release(&b);
        }
        wp_pdf_fonts_where(&ctx->fonts, "event", NULL, "activities", (struct wp_pos){0, 0});
        wp_pdf_flow_field_list(ctx, wp_pdf_sec_label(ctx, WP_L_ACTIVITIES), v, NULL,
                               e->activities.n, rep, false);
    }
    if (e->link)
        wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_RES_LINK), e->link, rep, PDF_T_LINK, 0,
                          e->link);
}

void wp_pdf_prepare_record(struct pdf_ctx *ctx, int32_t anchor)
{
    const struct pdf_style *st = ctx->st;
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, "record of implementation", (struct wp_pos){0, 0});
    wp_pdf_flow_chapter(ctx, wp_pdf_sec_label(ctx, WP_L_RES_RECORD), anchor);
    wp_pdf_flow_gap(ctx, st->section_gap * 0.75f);
    wp_pdf_flow_paragraphs(ctx, &(struct pdf_text_opts){.role = PDF_T_LEAD, .repeat = -1},
                           wp_pdf_sec_label(ctx, WP_L_RES_RECORD_INTRO), st->para_gap);
    for (size_t i = 0; i < ctx->plan->n_events; i++)
        record_event(ctx, &ctx->plan->events[i]);
    wp_pdf_tag_end(ctx);
}

/* ---- the glossary ------------------------------------------------------------------------------
 */

void wp_pdf_prepare_results_glossary(struct pdf_ctx *ctx)
{
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, "glossary", (struct wp_pos){0, 0});
    wp_pdf_flow_gap(ctx, ctx->st->section_gap * 0.75f);
    wp_pdf_flow_heading(ctx, PDF_T_H3, wp_pdf_sec_label(ctx, WP_L_RES_RESULTS), -1, 0, NULL);
    wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_RES_GLOSSARY_SHARE),
                      wp_pdf_sec_label(ctx, WP_L_RES_GLOSSARY_SHARE_TEXT), -1, PDF_T_BODY, 0, NULL);
    wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_RES_ON_TRACK_COL),
                      arena_fmt(ctx, WP_L_RES_GLOSSARY_ON_TRACK_TEXT, long_date(ctx, ctx->today)),
                      -1, PDF_T_BODY, 0, NULL);
    wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_RES_REACHED_COL),
                      wp_pdf_sec_label(ctx, WP_L_RES_GLOSSARY_REACHED_TEXT), -1, PDF_T_BODY, 0,
                      NULL);
    const char *lower = wp_pdf_sec_label(ctx, WP_L_RES_LOWER_BETTER);
    /* the label column starts with a capital, as the other entries do */
    char cap[96];
    snprintf(cap, sizeof(cap), "%s", lower);
    if (cap[0] >= 'a' && cap[0] <= 'z')
        cap[0] = (char)(cap[0] - 'a' + 'A');
    wp_pdf_flow_field(ctx, wp_arena_strdup(&ctx->arena, cap),
                      wp_pdf_sec_label(ctx, WP_L_RES_GLOSSARY_LOWER_TEXT), -1, PDF_T_BODY, 0, NULL);
}

/* ---- drawing ------------------------------------------------------------------------------------
 */

/* The bar before the last cell's first line: it shows the percentage printed beside it. */
static void draw_bar(struct pdf_ctx *ctx, HPDF_Page page, const struct res_row *row, double x0,
                     double top)
{
    const struct pdf_style *st = ctx->st;
    const struct pdf_text_style *ts = &st->text[PDF_T_TABLE];
    double mid = st->page_h - (top + st->cell_pad + ts->leading / 2);
    struct pdf_rgb colour = row->bar == RES_BAR_REACHED    ? st->status[WP_STATUS_COMPLETED]
                            : row->bar == RES_BAR_ON_TRACK ? st->status[WP_STATUS_ONGOING]
                                                           : st->status[WP_STATUS_DELAYED];
    wp_pdf_paint_art(ctx);
    wp_pdf_draw_rect(ctx, page, st->bar_back, x0, mid - st->bar_h / 2, st->res_bar_w, st->bar_h);
    if (row->share > 0)
        wp_pdf_draw_rect(ctx, page, colour, x0, mid - st->bar_h / 2, st->res_bar_w * row->share,
                         st->bar_h);
    wp_pdf_paint_mc_end(ctx);
}

static void draw_row(struct pdf_ctx *ctx, HPDF_Page page, const struct res_row *row, double top,
                     double h)
{
    const struct pdf_style *st = ctx->st;
    const struct res_cols *cols = row->cols;
    double left = st->margin_left;
    wp_pdf_paint_art(ctx);
    if (row->shaded)
        wp_pdf_draw_rect(ctx, page, st->table_head_back, left, st->page_h - top - h, ctx->content_w,
                         h);
    wp_pdf_draw_hline(ctx, page, st->rule, left, left + ctx->content_w, st->page_h - top - h);
    wp_pdf_paint_mc_end(ctx);
    wp_pdf_paint_elem(ctx, PDF_S_TR, 0, NULL);
    for (size_t k = 0; k < cols->n; k++) {
        const struct res_cell *c = &row->cell[k];
        double x0 = left + cols->x[k] + st->cell_pad;
        /* a header row's cells title their columns; a body row's first cell titles its row */
        wp_pdf_paint_elem(ctx, row->head || k == 0 ? PDF_S_TH : PDF_S_TD,
                          row->head ? PDF_A_SCOPE_COL
                          : k == 0  ? PDF_A_SCOPE_ROW
                                    : 0,
                          NULL);
        if (row->bar != RES_BAR_NONE && k + 1 == cols->n) {
            draw_bar(ctx, page, row, x0, top);
            x0 += st->res_bar_w + st->res_bar_gap;
        }
        double t = top + st->cell_pad;
        for (size_t l = 0; l < c->n; l++) {
            const struct res_line *ln = &c->lines[l];
            enum pdf_role role = (enum pdf_role)ln->role;
            double x = cols->right[k] ? left + cols->x[k] + cols->w[k] - st->cell_pad - ln->w : x0;
            /* a line each, so that readers keep the space between lines */
            wp_pdf_paint_mc(ctx, false);
            wp_pdf_draw_show(ctx, page, role, x, wp_pdf_draw_baseline(ctx, role, t), ln->s,
                             ln->len);
            wp_pdf_paint_mc_end(ctx);
            t += st->text[role].leading;
        }
        wp_pdf_paint_elem_end(ctx);
    }
    wp_pdf_paint_elem_end(ctx);
}

void wp_pdf_draw_results(struct pdf_ctx *ctx, HPDF_Page page, size_t i, double top)
{
    const struct pdf_draw *d = &ctx->flow.draws[i];
    double h = ctx->flow.items[i].height;
    if (d->ref != RES_REF_INDICATOR) {
        draw_row(ctx, page, (const struct res_row *)(const void *)d->text, top, h);
        return;
    }
    /* an indicator's row, formatted again as it was when measured */
    struct res_cell_tmp cells[RES_MAX_COLS] = {0};
    struct res_strings sc;
    struct res_row row = {.cols = ctx->sec.results_cols};
    indicator_cells(ctx, row.cols, (const struct wp_indicator *)(const void *)d->text, &sc, cells,
                    &row);
    for (size_t k = 0; k < row.cols->n; k++)
        row.cell[k] = (struct res_cell){cells[k].lines, cells[k].n};
    draw_row(ctx, page, &row, top, h);
}
