/*
 * The drawing pass: each laid-out item drawn with libharu where the
 * paginator put it. Every string drawn here was measured by the prepare
 * pass, so the subset fonts hold its glyphs.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pdf/pdf_internal.h"

/*
 * Tagging while drawing: text and figures go into marked content of their
 * structure element, everything else into artifacts. While an item is
 * drawn again at the top of a page (a table's header, "continued"), it is
 * all one artifact and these do nothing.
 */
void wp_pdf_paint_mc(struct pdf_ctx *ctx, bool label)
{
    if (!ctx->paint.repeating)
        wp_pdf_mc(ctx, label);
}

void wp_pdf_paint_mc_end(struct pdf_ctx *ctx)
{
    if (!ctx->paint.repeating)
        wp_pdf_mc_end(ctx);
}

void wp_pdf_paint_art(struct pdf_ctx *ctx)
{
    if (!ctx->paint.repeating)
        wp_pdf_artifact(ctx, PDF_ART_LAYOUT);
}

void wp_pdf_paint_elem(struct pdf_ctx *ctx, enum pdf_stype type, unsigned attr, const char *alt)
{
    if (!ctx->paint.repeating)
        wp_pdf_elem(ctx, type, attr, alt, false);
}

void wp_pdf_paint_elem_end(struct pdf_ctx *ctx)
{
    if (!ctx->paint.repeating)
        wp_pdf_elem_end(ctx);
}

/* Every painting operator must be inside BDC ... EMC. */
static void painted(struct pdf_ctx *ctx)
{
    if (!wp_pdf_in_mc(ctx))
        wp_pdf_untagged(ctx);
}

/* An alternative text from the label catalogue, into buf (the element copies it). */
static const char *alt_text(struct pdf_ctx *ctx, char *buf, size_t size, enum wp_label label,
                            const char *const *args, size_t n)
{
    wp_label_fill(buf, size, wp_label(ctx->lang, label), args, n);
    return buf;
}

static const char *status_alt(struct pdf_ctx *ctx, char *buf, size_t size, int status)
{
    const char *l = wp_status_label(ctx->lang, (enum wp_status)status);
    return alt_text(ctx, buf, size, WP_L_A11Y_SWATCH, (const char *[]){l}, 1);
}

/*
 * The graphics state last set on a page, so that a colour, font or line
 * width is written into the content stream only when it changes: large
 * booklets have hundreds of thousands of items.
 */
static void gs_page(struct pdf_ctx *ctx, HPDF_Page page)
{
    if (ctx->paint.gs.page != page) {
        memset(&ctx->paint.gs, 0, sizeof(ctx->paint.gs));
        ctx->paint.gs.page = page;
    }
}

/*
 * Operators go into ctx->paint.ops (pdf_ops.c), coordinates to 1/100 pt and
 * colour components to 1/1000: libharu prints five decimals, which the eye
 * cannot see and deflate cannot squeeze (about 6 % of a booklet's
 * compressed page streams).
 */
static HPDF_REAL r2(double v)
{
    return (HPDF_REAL)(floor(v * 100.0 + 0.5) / 100.0);
}

static void num(struct pdf_ctx *ctx, double v)
{
    wp_pdf_op_num(&ctx->paint.ops, v, 2);
    wp_buf_addc(&ctx->paint.ops, ' ');
}

static void op(struct pdf_ctx *ctx, const char *s)
{
    wp_buf_adds(&ctx->paint.ops, s);
}

static void rgb(struct pdf_ctx *ctx, struct pdf_rgb c, const char *operator)
{
    float v[3] = {c.r, c.g, c.b};
    for (int k = 0; k < 3; k++) {
        wp_pdf_op_num(&ctx->paint.ops, v[k], 3);
        wp_buf_addc(&ctx->paint.ops, ' ');
    }
    op(ctx, operator);
}

static bool same_rgb(struct pdf_rgb a, struct pdf_rgb b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

static void fill(struct pdf_ctx *ctx, HPDF_Page page, struct pdf_rgb c)
{
    gs_page(ctx, page);
    if (ctx->paint.gs.has_fill && same_rgb(ctx->paint.gs.fill, c))
        return;
    rgb(ctx, c, "rg\012");
    ctx->paint.gs.fill = c;
    ctx->paint.gs.has_fill = true;
}

static void stroke(struct pdf_ctx *ctx, HPDF_Page page, struct pdf_rgb c, float width)
{
    gs_page(ctx, page);
    if (!ctx->paint.gs.has_stroke || !same_rgb(ctx->paint.gs.stroke, c)) {
        rgb(ctx, c, "RG\012");
        ctx->paint.gs.stroke = c;
        ctx->paint.gs.has_stroke = true;
    }
    if (ctx->paint.gs.line_width != width) {
        num(ctx, width);
        op(ctx, "w\012");
        ctx->paint.gs.line_width = width;
    }
}

static void line_cap(struct pdf_ctx *ctx, HPDF_Page page, bool round)
{
    gs_page(ctx, page);
    if (ctx->paint.gs.round_cap != round) {
        op(ctx, round ? "1 J\012" : "0 J\012");
        ctx->paint.gs.round_cap = round;
    }
}

static void move_to(struct pdf_ctx *ctx, double x, double y)
{
    num(ctx, x);
    num(ctx, y);
    op(ctx, "m\012");
}

static void line_to(struct pdf_ctx *ctx, double x, double y)
{
    num(ctx, x);
    num(ctx, y);
    op(ctx, "l\012");
}

/*
 * Dots (bullets, contents leaders) are strokes a hair long with round caps,
 * all of one colour and size in one path: about 25 bytes of page content
 * each, where a Bezier circle takes about 200.
 */
static void dots_begin(struct pdf_ctx *ctx, HPDF_Page page, struct pdf_rgb c, float diameter)
{
    stroke(ctx, page, c, diameter);
    line_cap(ctx, page, true);
}

static void dot(struct pdf_ctx *ctx, double x, double y)
{
    painted(ctx);
    move_to(ctx, x, y);
    line_to(ctx, x + ctx->st->dot_len, y);
}

/* A link annotation; a tagged one (not drawn again at a page top) is the current Link's. */
void wp_pdf_link(struct pdf_ctx *ctx, HPDF_Page page, HPDF_Rect r, const char *uri,
                 HPDF_Destination dest, const char *contents)
{
    uint32_t annot = 0;
    struct pdf_be_link *l = wp_pdf_be_link(ctx->be, page, r, uri, dest, &annot);
    if (l && ctx->tags && !ctx->paint.repeating)
        wp_pdf_be_link_tag(l, wp_pdf_tag_link(ctx, annot), contents);
}

/* Inside BT: the font is part of the graphics state, so it is set once a page
 * until it changes; the page's resources get it through the backend. */
static void font(struct pdf_ctx *ctx, HPDF_Page page, struct wp_text_font *f, float size)
{
    gs_page(ctx, page);
    if (ctx->paint.gs.font == f && ctx->paint.gs.size == size)
        return;
    const char *name = wp_pdf_fonts_resource(&ctx->fonts, ctx->be, f);
    if (!name)
        return;
    wp_buf_addc(&ctx->paint.ops, '/');
    op(ctx, name);
    wp_buf_addc(&ctx->paint.ops, ' ');
    num(ctx, size);
    op(ctx, "Tf\012");
    ctx->paint.gs.font = f;
    ctx->paint.gs.size = size;
}

/* Half the cap height of `role`: a baseline this far below a middle centres the capitals. */
static double cap_half(struct pdf_ctx *ctx, enum pdf_role role)
{
    return ctx->st->text[role].size * ctx->st->cap_half;
}

/* PDF y of the baseline of a line of `role` whose top is `top` points below the page top. */
static double baseline(struct pdf_ctx *ctx, enum pdf_role role, double top)
{
    const struct pdf_text_style *ts = &ctx->st->text[role];
    return ctx->st->page_h - (top + ts->leading / 2 + cap_half(ctx, role));
}

static void show(struct pdf_ctx *ctx, HPDF_Page page, enum pdf_role role, double x, double y,
                 const char *s, size_t len)
{
    if (len == 0)
        return;
    const struct pdf_text_style *ts = &ctx->st->text[role];
    struct wp_text_style style = {.size = ts->size, .bold = ts->font == PDF_BOLD};
    const char *lang = ctx->paint.lang ? ctx->paint.lang : ctx->lang;
    struct wp_text_layout l;
    if (wp_text_layout(ctx->fonts.text, s, len, lang, &style, 0, &l) != 0) {
        wp_pdf_be_fail(ctx->be);
        return;
    }
    painted(ctx);
    fill(ctx, page, ts->color);
    op(ctx, "BT\012");
    /* runs in visual order, each from where the previous one ended (its shaped width) */
    double dx = x, dy = y;
    for (size_t li = 0; li < l.n_lines; li++) {
        for (size_t k = 0; k < l.lines[li].n_runs; k++) {
            const struct wp_text_run *r = &l.lines[li].runs[k];
            font(ctx, page, r->font, ts->size);
            wp_pdf_page_glyphs(ctx, r, l.text, ts->size, dx, dy);
            dx = r->width;
            dy = 0;
        }
    }
    op(ctx, "ET\012");
    wp_text_layout_free(&l);
}

static void rect(struct pdf_ctx *ctx, HPDF_Page page, struct pdf_rgb c, double x, double y,
                 double w, double h)
{
    painted(ctx);
    fill(ctx, page, c);
    num(ctx, x);
    num(ctx, y);
    num(ctx, w);
    num(ctx, h);
    op(ctx, "re\012f\012");
}

static void hline(struct pdf_ctx *ctx, HPDF_Page page, struct pdf_rgb c, double x0, double x1,
                  double y)
{
    painted(ctx);
    stroke(ctx, page, c, ctx->st->rule_width);
    line_cap(ctx, page, false);
    move_to(ctx, x0, y);
    line_to(ctx, x1, y);
    op(ctx, "S\012");
}

/* URIs go into the PDF as byte strings: keep them ASCII, percent-encoding the rest. */
static const char *ascii_uri(struct pdf_ctx *ctx, const char *uri)
{
    static const char hex[] = "0123456789ABCDEF";
    /* libharu copies it: a scratch buffer will do */
    struct wp_buf *b = &ctx->paint.scratch;
    wp_buf_reset(b);
    wp_buf_adds(b, "");
    for (const unsigned char *p = (const unsigned char *)uri; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7f || strchr("\"<>\\^`{|}", *p)) {
            wp_buf_addc(b, '%');
            wp_buf_addc(b, hex[*p >> 4]);
            wp_buf_addc(b, hex[*p & 15]);
        } else {
            wp_buf_addc(b, (char)*p);
        }
    }
    return b->data;
}

static void draw_text(struct pdf_ctx *ctx, HPDF_Page page, const struct pdf_draw *d, double top,
                      bool repeat)
{
    const struct pdf_style *st = ctx->st;
    double left = st->margin_left;
    enum pdf_role role = (enum pdf_role)d->role;
    if (repeat && (d->flags & PDF_D_CONT)) {
        /* a block that runs over a page: its activity id (or heading) and "(continued)" */
        struct wp_buf *b = &ctx->paint.scratch2;
        wp_buf_reset(b);
        if (d->ref >= 0)
            wp_buf_adds(b, ctx->plan->activities[d->ref]->id);
        else
            wp_buf_add(b, d->text, d->len);
        wp_buf_addf(b, " %s", wp_label(ctx->lang, WP_L_CONTINUED));
        show(ctx, page, PDF_T_MUTED, left, baseline(ctx, PDF_T_MUTED, top), b->data, b->len);
        return;
    }
    double y = baseline(ctx, role, top);
    if (d->label) {
        double lx = left;
        if ((d->flags & PDF_D_SWATCH) && d->ref >= 0) {
            double s = st->legend_swatch;
            char alt[256];
            if (!ctx->paint.repeating)
                wp_pdf_elem(ctx, PDF_S_FIGURE, 0, status_alt(ctx, alt, sizeof(alt), d->ref), true);
            wp_pdf_paint_mc(ctx, false);
            rect(ctx, page, st->status[d->ref], lx, y - st->swatch_drop, s, s);
            wp_pdf_paint_mc_end(ctx);
            wp_pdf_paint_elem_end(ctx);
            lx += s + st->legend_gap;
        }
        /* on the value's baseline, whatever the label's size */
        if (d->label_len) {
            wp_pdf_paint_mc(ctx, true);
            show(ctx, page, (enum pdf_role)d->label_role, lx, y, d->label, d->label_len);
            wp_pdf_paint_mc_end(ctx);
        }
    }
    if (d->flags & PDF_D_BULLET) {
        const struct pdf_text_style *ts = &st->text[role];
        wp_pdf_paint_art(ctx);
        dots_begin(ctx, page, st->accent, ts->size * st->bullet_dot);
        dot(ctx, left + d->x - st->bullet_indent + st->bullet_dot_x,
            y + ts->size * st->bullet_rise);
        op(ctx, "S\012");
        wp_pdf_paint_mc_end(ctx);
    }
    if (d->len) {
        wp_pdf_paint_mc(ctx, false);
        show(ctx, page, role, left + d->x, y, d->text, d->len);
        wp_pdf_paint_mc_end(ctx);
    }
    if (d->uri) {
        const struct pdf_text_style *ts = &st->text[role];
        HPDF_Rect r = {r2(left + d->x), r2(y - ts->size * st->link_below), r2(left + d->x + d->w),
                       r2(y + ts->size)};
        wp_pdf_link(ctx, page, r, ascii_uri(ctx, d->uri), NULL, d->uri);
    }
}

static void draw_status(struct pdf_ctx *ctx, HPDF_Page page, const struct pdf_draw *d, double top)
{
    const struct pdf_style *st = ctx->st;
    const struct wp_activity *a = ctx->plan->activities[d->ref];
    double x = st->margin_left;
    double mid = st->page_h - top - st->status_row_h / 2;
    const char *lab = wp_status_label(ctx->lang, a->current.status);
    double tw = wp_pdf_width(ctx, PDF_T_BADGE, lab, strlen(lab));
    double bw = tw + 2 * st->badge_pad;
    int p = a->current.progress < 0 ? 0 : a->current.progress > 100 ? 100 : a->current.progress;
    char pct[16];
    snprintf(pct, sizeof(pct), "%d", p);
    /* one paragraph: the status, then "Progress", its bar as a figure, the percentage */
    wp_pdf_paint_elem(ctx, PDF_S_P, 0, NULL);
    wp_pdf_paint_art(ctx);
    rect(ctx, page, st->status[a->current.status], x, mid - st->badge_h / 2, bw, st->badge_h);
    wp_pdf_paint_mc_end(ctx);
    wp_pdf_paint_mc(ctx, false);
    show(ctx, page, PDF_T_BADGE, x + st->badge_pad, mid - cap_half(ctx, PDF_T_BADGE), lab,
         strlen(lab));
    wp_pdf_paint_mc_end(ctx);
    x = st->margin_left + st->label_col;
    const char *pl = wp_label(ctx->lang, WP_L_PROGRESS);
    double ty = mid - cap_half(ctx, PDF_T_MUTED);
    wp_pdf_paint_mc(ctx, false);
    show(ctx, page, PDF_T_MUTED, x, ty, pl, strlen(pl));
    wp_pdf_paint_mc_end(ctx);
    x += wp_pdf_width(ctx, PDF_T_MUTED, pl, strlen(pl)) + st->progress_gap;
    char alt[256];
    wp_pdf_paint_elem(
        ctx, PDF_S_FIGURE, 0,
        alt_text(ctx, alt, sizeof(alt), WP_L_A11Y_PROGRESS, (const char *[]){pct}, 1));
    wp_pdf_paint_mc(ctx, false);
    rect(ctx, page, st->bar_back, x, mid - st->bar_h / 2, st->bar_w, st->bar_h);
    if (p > 0)
        rect(ctx, page, st->status[a->current.status], x, mid - st->bar_h / 2,
             st->bar_w * p / 100.0, st->bar_h);
    wp_pdf_paint_mc_end(ctx);
    wp_pdf_paint_elem_end(ctx);
    snprintf(pct, sizeof(pct), "%d %%", p);
    wp_pdf_paint_mc(ctx, false);
    show(ctx, page, PDF_T_MUTED, x + st->bar_w + st->progress_gap, ty, pct, strlen(pct));
    wp_pdf_paint_mc_end(ctx);
    wp_pdf_paint_elem_end(ctx);
}

/* The header row of the areas x status table: a TH per column. */
static void draw_glance_head(struct pdf_ctx *ctx, HPDF_Page page, double top, double h)
{
    const struct pdf_style *st = ctx->st;
    double x0 = st->margin_left;
    double cw = ctx->sec.glance_cw, first = ctx->sec.glance_first;
    double ytop = st->page_h - top;
    wp_pdf_paint_art(ctx);
    rect(ctx, page, st->table_head_back, x0, ytop - h, ctx->content_w, h);
    wp_pdf_paint_mc_end(ctx);
    wp_pdf_paint_elem(ctx, PDF_S_TR, 0, NULL);
    enum pdf_role r = PDF_T_TABLE_HEAD;
    double lead = st->text[r].leading;
    const char *al = wp_label(ctx->lang, WP_L_AREA);
    size_t n = wp_pdf_break_lines(wp_pdf_measure(ctx, r), st->text[r].size, al, strlen(al),
                                  first - 2 * st->cell_pad, &ctx->flow.lines);
    wp_pdf_paint_elem(ctx, PDF_S_TH, PDF_A_SCOPE_COL, NULL);
    for (size_t k = 0; k < n; k++) {
        /* a line each, so that readers keep the space between lines */
        wp_pdf_paint_mc(ctx, false);
        show(ctx, page, r, x0 + st->cell_pad,
             baseline(ctx, r, top + st->cell_pad + (double)k * lead),
             al + ctx->flow.lines.items[k].start, ctx->flow.lines.items[k].len);
        wp_pdf_paint_mc_end(ctx);
    }
    wp_pdf_paint_elem_end(ctx);
    for (int s = 0; s <= WP_STATUS_COUNT; s++) {
        const char *l = s < WP_STATUS_COUNT ? wp_status_label(ctx->lang, (enum wp_status)s)
                                            : wp_label(ctx->lang, WP_L_TOTAL);
        double cx = x0 + first + cw * s;
        n = wp_pdf_break_lines(wp_pdf_measure(ctx, r), st->text[r].size, l, strlen(l),
                               cw - 2 * st->cell_pad, &ctx->flow.lines);
        wp_pdf_paint_elem(ctx, PDF_S_TH, PDF_A_SCOPE_COL, NULL);
        for (size_t k = 0; k < n; k++) {
            const struct pdf_line *ln = &ctx->flow.lines.items[k];
            wp_pdf_paint_mc(ctx, false);
            show(ctx, page, r, cx + (cw - ln->width) / 2,
                 baseline(ctx, r, top + st->cell_pad + (double)k * lead), l + ln->start, ln->len);
            wp_pdf_paint_mc_end(ctx);
        }
        wp_pdf_paint_elem_end(ctx);
        if (s < WP_STATUS_COUNT) {
            /* the column's colour under its title, which says the same */
            wp_pdf_paint_art(ctx);
            rect(ctx, page, st->status[s], cx + st->cell_pad, ytop - h + st->glance_mark_rise,
                 cw - 2 * st->cell_pad, st->glance_mark_h);
            wp_pdf_paint_mc_end(ctx);
        }
    }
    wp_pdf_paint_elem_end(ctx);
}

static void draw_glance(struct pdf_ctx *ctx, HPDF_Page page, size_t i, double top)
{
    const struct pdf_style *st = ctx->st;
    const struct pdf_draw *d = &ctx->flow.draws[i];
    const struct pdf_item *it = &ctx->flow.items[i];
    double x0 = st->margin_left;
    double cw = ctx->sec.glance_cw, first = ctx->sec.glance_first;
    double ytop = st->page_h - top;
    double h = it->height;
    size_t n_areas = ctx->plan->n_areas;
    if (d->ref < 0) {
        draw_glance_head(ctx, page, top, h);
        return;
    }
    size_t row = (size_t)d->ref;
    bool total = row == n_areas;
    wp_pdf_paint_art(ctx);
    if (total)
        hline(ctx, page, st->accent, x0, x0 + ctx->content_w, ytop);
    else if (row % 2 == 1)
        rect(ctx, page, st->table_alt_back, x0, ytop - h, ctx->content_w, h);
    wp_pdf_paint_mc_end(ctx);
    wp_pdf_paint_elem(ctx, PDF_S_TR, 0, NULL);
    enum pdf_role r = (enum pdf_role)d->role;
    double lead = st->text[r].leading;
    size_t n = wp_pdf_break_lines(wp_pdf_measure(ctx, r), st->text[r].size, d->text, d->len,
                                  first - 2 * st->cell_pad, &ctx->flow.lines);
    wp_pdf_paint_elem(ctx, PDF_S_TH, PDF_A_SCOPE_ROW, NULL);
    for (size_t k = 0; k < n; k++) {
        wp_pdf_paint_mc(ctx, false);
        show(ctx, page, r, x0 + st->cell_pad,
             baseline(ctx, r, top + st->cell_pad + (double)k * lead),
             d->text + ctx->flow.lines.items[k].start, ctx->flow.lines.items[k].len);
        wp_pdf_paint_mc_end(ctx);
    }
    wp_pdf_paint_elem_end(ctx);
    const int *c = ctx->sec.status_counts + row * WP_STATUS_COUNT;
    int sum = 0;
    for (int s = 0; s <= WP_STATUS_COUNT; s++) {
        int v = s < WP_STATUS_COUNT ? c[s] : sum;
        sum += s < WP_STATUS_COUNT ? c[s] : 0;
        char num[16];
        snprintf(num, sizeof(num), "%d", v);
        enum pdf_role nr = (total || s == WP_STATUS_COUNT) ? PDF_T_TABLE_HEAD : PDF_T_TABLE;
        double w = wp_pdf_width(ctx, nr, num, strlen(num));
        double cx = x0 + first + cw * s;
        wp_pdf_paint_elem(ctx, PDF_S_TD, 0, NULL);
        wp_pdf_paint_mc(ctx, false);
        show(ctx, page, nr, cx + (cw - w) / 2, baseline(ctx, r, top + st->cell_pad), num,
             strlen(num));
        wp_pdf_paint_mc_end(ctx);
        wp_pdf_paint_elem_end(ctx);
    }
    wp_pdf_paint_elem_end(ctx);
    wp_pdf_paint_art(ctx);
    hline(ctx, page, st->rule, x0, x0 + ctx->content_w, ytop - h);
    wp_pdf_paint_mc_end(ctx);
}

static double gantt_x(struct pdf_ctx *ctx, int64_t serial)
{
    const struct pdf_style *st = ctx->st;
    double x0 = st->margin_left + st->gantt_label_w;
    double w = ctx->content_w - st->gantt_label_w;
    double span = (double)(ctx->sec.gantt_to - ctx->sec.gantt_from);
    if (serial < ctx->sec.gantt_from)
        serial = ctx->sec.gantt_from;
    if (serial > ctx->sec.gantt_to)
        serial = ctx->sec.gantt_to;
    return x0 + w * (double)(serial - ctx->sec.gantt_from) / (span > 0 ? span : 1);
}

/* The year grid behind a timeline row. */
static void gantt_grid(struct pdf_ctx *ctx, HPDF_Page page, double ybot, double ytop)
{
    const struct wp_plan *plan = ctx->plan;
    painted(ctx);
    stroke(ctx, page, ctx->st->rule, ctx->st->gantt_grid_width);
    line_cap(ctx, page, false);
    for (int y = plan->period_from; y <= plan->period_to + 1; y++) {
        double x = gantt_x(ctx, wp_date_serial((struct wp_date){y, 1, 1}));
        move_to(ctx, x, ybot);
        line_to(ctx, x, ytop);
    }
    op(ctx, "S\012");
}

static void draw_gantt_head(struct pdf_ctx *ctx, HPDF_Page page, size_t i, double top)
{
    const struct pdf_style *st = ctx->st;
    const struct wp_plan *plan = ctx->plan;
    double h = ctx->flow.items[i].height;
    double ytop = st->page_h - top;
    enum pdf_role r = PDF_T_GANTT_HEAD;
    wp_pdf_paint_art(ctx);
    rect(ctx, page, st->table_head_back, st->margin_left + st->gantt_label_w, ytop - h,
         ctx->content_w - st->gantt_label_w, h);
    wp_pdf_paint_mc_end(ctx);
    wp_pdf_paint_elem(ctx, PDF_S_TR, 0, NULL);
    const char *al = wp_label(ctx->lang, WP_L_ACTIVITY);
    wp_pdf_paint_elem(ctx, PDF_S_TH, PDF_A_SCOPE_COL, NULL);
    wp_pdf_paint_mc(ctx, false);
    show(ctx, page, r, st->margin_left, baseline(ctx, r, top + h / 2), al, strlen(al));
    wp_pdf_paint_mc_end(ctx);
    wp_pdf_paint_elem_end(ctx);
    /* the years and quarters: the column of the bars */
    wp_pdf_paint_elem(ctx, PDF_S_TH, PDF_A_SCOPE_COL, NULL);
    double qw =
        (ctx->content_w - st->gantt_label_w) / (ctx->sec.n_quarters > 0 ? ctx->sec.n_quarters : 1);
    bool quarters = true;
    for (int k = 0; k < 4; k++)
        if (wp_pdf_width(ctx, r, ctx->sec.quarter_label[k], strlen(ctx->sec.quarter_label[k])) >
            qw - st->gantt_quarter_slack)
            quarters = false;
    for (int y = plan->period_from; y <= plan->period_to; y++) {
        char year[16];
        snprintf(year, sizeof(year), "%d", y);
        double xa = gantt_x(ctx, wp_date_serial((struct wp_date){y, 1, 1}));
        double xb = gantt_x(ctx, wp_date_serial((struct wp_date){y + 1, 1, 1}));
        double w = wp_pdf_width(ctx, r, year, strlen(year));
        if (w < xb - xa) {
            wp_pdf_paint_mc(ctx, false);
            show(ctx, page, r, (xa + xb - w) / 2, baseline(ctx, r, top + st->gantt_year_drop), year,
                 strlen(year));
            wp_pdf_paint_mc_end(ctx);
        }
        if (!quarters)
            continue;
        for (int q = 0; q < 4; q++) {
            const char *ql = ctx->sec.quarter_label[q];
            double qx = xa + (xb - xa) * q / 4;
            double lw = wp_pdf_width(ctx, r, ql, strlen(ql));
            wp_pdf_paint_mc(ctx, false);
            show(ctx, page, PDF_T_GANTT, qx + ((xb - xa) / 4 - lw) / 2,
                 baseline(ctx, PDF_T_GANTT, top + h / 2), ql, strlen(ql));
            wp_pdf_paint_mc_end(ctx);
        }
    }
    wp_pdf_paint_elem_end(ctx);
    wp_pdf_paint_elem_end(ctx);
    wp_pdf_paint_art(ctx);
    gantt_grid(ctx, page, ytop - h, ytop);
    wp_pdf_paint_mc_end(ctx);
}

/* A timeline label cut to fit ("ECO-01  Investment…"): its element says it in full. */
static void full_text(struct pdf_ctx *ctx, const struct pdf_draw *d, const char *id,
                      const char *title)
{
    size_t n = strlen(id) + 2 + strlen(title);
    if (ctx->paint.repeating || (size_t)d->len == n)
        return;
    struct wp_buf *b = &ctx->paint.scratch2;
    wp_buf_reset(b);
    wp_buf_addf(b, "%s  %s", id, title);
    wp_pdf_elem_actual(ctx, b->data);
}

static void draw_gantt_row(struct pdf_ctx *ctx, HPDF_Page page, size_t i, double top)
{
    const struct pdf_style *st = ctx->st;
    const struct pdf_draw *d = &ctx->flow.draws[i];
    double h = ctx->flow.items[i].height;
    double ytop = st->page_h - top;
    if (d->kind == PDF_K_GANTT_AREA) {
        wp_pdf_paint_art(ctx);
        rect(ctx, page, st->table_alt_back, st->margin_left, ytop - h, ctx->content_w, h);
        wp_pdf_paint_mc_end(ctx);
        wp_pdf_paint_elem(ctx, PDF_S_TR, 0, NULL);
        wp_pdf_paint_elem(ctx, PDF_S_TH, PDF_A_SCOPE_ROW | PDF_A_COLSPAN2, NULL);
        const struct wp_area *area = &ctx->plan->areas[d->ref];
        const char *at = wp_text_get(ctx->plan, &area->title, ctx->lang);
        full_text(ctx, d, area->id, at ? at : "");
        if (!ctx->paint.repeating)
            wp_pdf_elem_lang(ctx, wp_pdf_text_lang(ctx, &area->title));
        wp_pdf_paint_mc(ctx, false);
        show(ctx, page, PDF_T_GANTT_HEAD, st->margin_left + st->gantt_text_pad,
             baseline(ctx, PDF_T_GANTT_HEAD, top + (h - st->text[PDF_T_GANTT_HEAD].leading) / 2),
             d->text, d->len);
        wp_pdf_paint_mc_end(ctx);
        wp_pdf_paint_elem_end(ctx);
        wp_pdf_paint_elem_end(ctx);
        return;
    }
    const struct wp_activity *a = ctx->plan->activities[d->ref];
    wp_pdf_paint_elem(ctx, PDF_S_TR, 0, NULL);
    wp_pdf_paint_elem(ctx, PDF_S_TH, PDF_A_SCOPE_ROW, NULL);
    const char *title = wp_text_get(ctx->plan, &a->title, ctx->lang);
    full_text(ctx, d, a->id, title ? title : "");
    if (!ctx->paint.repeating)
        wp_pdf_elem_lang(ctx, wp_pdf_text_lang(ctx, &a->title));
    wp_pdf_paint_mc(ctx, false);
    show(ctx, page, PDF_T_GANTT, st->margin_left + st->gantt_text_pad,
         baseline(ctx, PDF_T_GANTT, top + (h - st->text[PDF_T_GANTT].leading) / 2), d->text,
         d->len);
    wp_pdf_paint_mc_end(ctx);
    wp_pdf_paint_elem_end(ctx);
    int64_t s = wp_date_serial(wp_period_first_day(&a->start));
    int64_t e = wp_date_serial(wp_period_last_day(&a->end)) + 1;
    double xa = gantt_x(ctx, s), xb = gantt_x(ctx, e);
    if (xb - xa < st->gantt_bar_min)
        xb = xa + st->gantt_bar_min;
    char tf[256];
    wp_format_timeframe(tf, sizeof(tf), ctx->lang, &a->start, &a->end);
    const char *sl = wp_status_label(ctx->lang, a->current.status);
    wp_pdf_paint_elem(ctx, PDF_S_TD, 0, NULL);
    char alt[512];
    wp_pdf_paint_elem(ctx, PDF_S_FIGURE, 0,
                      alt_text(ctx, alt, sizeof(alt), WP_L_A11Y_BAR, (const char *[]){sl, tf}, 2));
    wp_pdf_paint_mc(ctx, false);
    rect(ctx, page, st->status[a->current.status], xa, ytop - h / 2 - st->gantt_bar_h / 2, xb - xa,
         st->gantt_bar_h);
    wp_pdf_paint_mc_end(ctx);
    wp_pdf_paint_elem_end(ctx);
    wp_pdf_paint_elem_end(ctx);
    wp_pdf_paint_elem_end(ctx);
}

static void draw_legend(struct pdf_ctx *ctx, HPDF_Page page, double top)
{
    const struct pdf_style *st = ctx->st;
    double x = 0, row = 0;
    wp_pdf_paint_elem(ctx, PDF_S_L, 0, NULL);
    for (int s = 0; s < WP_STATUS_COUNT; s++) {
        const char *l = wp_status_label(ctx->lang, (enum wp_status)s);
        float w = wp_pdf_legend_entry_w(ctx, l);
        if (x > 0 && x + w > ctx->content_w)
            row++, x = 0;
        double t = top + row * st->text[PDF_T_SMALL].leading;
        double y = baseline(ctx, PDF_T_SMALL, t);
        char alt[256];
        wp_pdf_paint_elem(ctx, PDF_S_LI, 0, NULL);
        wp_pdf_paint_elem(ctx, PDF_S_LBODY, 0, NULL);
        wp_pdf_paint_elem(ctx, PDF_S_FIGURE, 0, status_alt(ctx, alt, sizeof(alt), s));
        wp_pdf_paint_mc(ctx, false);
        rect(ctx, page, st->status[s], st->margin_left + x, y - st->swatch_drop, st->legend_swatch,
             st->legend_swatch);
        wp_pdf_paint_mc_end(ctx);
        wp_pdf_paint_elem_end(ctx);
        wp_pdf_paint_mc(ctx, false);
        show(ctx, page, PDF_T_SMALL, st->margin_left + x + st->legend_swatch + st->legend_gap, y, l,
             strlen(l));
        wp_pdf_paint_mc_end(ctx);
        wp_pdf_paint_elem_end(ctx);
        wp_pdf_paint_elem_end(ctx);
        x += w;
    }
    wp_pdf_paint_elem_end(ctx);
}

static void draw_toc(struct pdf_ctx *ctx, HPDF_Page page, const struct pdf_draw *d, double top)
{
    const struct pdf_style *st = ctx->st;
    enum pdf_role r = (enum pdf_role)d->role;
    double y = baseline(ctx, r, top);
    double x = st->margin_left + d->x;
    wp_pdf_paint_mc(ctx, false);
    show(ctx, page, r, x, y, d->text, d->len);
    wp_pdf_paint_mc_end(ctx);
    const struct pdf_anchor *an = &ctx->flow.anchors[d->ref];
    double right = st->margin_left + ctx->content_w;
    if (d->flags & PDF_D_RIGHT) {
        char num[16];
        snprintf(num, sizeof(num), "%u", (unsigned)ctx->flow.items[an->item].page + 1);
        double nw = wp_pdf_width(ctx, r, num, strlen(num));
        wp_pdf_paint_mc(ctx, false);
        show(ctx, page, r, right - nw, y, num, strlen(num));
        wp_pdf_paint_mc_end(ctx);
        /* dot leaders on a common grid, so that they line up from entry to entry */
        double from = x + d->w + st->toc_leader_gap, to = right - nw - st->toc_leader_gap;
        double step = st->toc_leader_step;
        double gx = st->margin_left + step * (double)(long)((from - st->margin_left) / step + 1);
        if (gx < to) {
            wp_pdf_paint_art(ctx);
            dots_begin(ctx, page, st->muted, st->toc_dot);
            for (; gx < to; gx += step)
                dot(ctx, gx, y + st->toc_dot_rise);
            op(ctx, "S\012");
            wp_pdf_paint_mc_end(ctx);
        }
    }
    const struct pdf_text_style *ts = &st->text[r];
    HPDF_Rect rc = {r2(x), r2(y - ts->size * st->toc_link_below), r2(right), r2(y + ts->size)};
    wp_pdf_link(ctx, page, rc, NULL, an->dst, an->title);
}

void wp_pdf_draw_gantt_grids(struct pdf_ctx *ctx, size_t from, size_t to)
{
    /* one grid behind each run of timeline rows, drawn before them */
    const struct pdf_style *st = ctx->st;
    bool open = false;
    double top = 0, bottom = 0;
    uint32_t page = 0;
    for (size_t i = from; i <= to; i++) {
        bool row = i < to && (ctx->flow.draws[i].kind == PDF_K_GANTT_ROW ||
                              ctx->flow.draws[i].kind == PDF_K_GANTT_AREA);
        if (open && !row) {
            wp_pdf_artifact(ctx, PDF_ART_LAYOUT);
            gantt_grid(ctx, wp_pdf_be_page(ctx->be, page), st->page_h - bottom, st->page_h - top);
            wp_pdf_mc_end(ctx);
            open = false;
        }
        if (!row)
            continue;
        const struct pdf_item *it = &ctx->flow.items[i];
        double t = st->margin_top + it->y;
        if (!open) {
            open = true;
            page = it->page;
            top = t;
        }
        bottom = t + it->height;
    }
}

void wp_pdf_draw_item(struct pdf_ctx *ctx, HPDF_Page page, size_t i, double top, bool repeat)
{
    const struct pdf_draw *d = &ctx->flow.draws[i];
    ctx->paint.lang = d->lang; /* shaped in the language it was measured in */
    if (repeat) {
        /* drawn again at the top of a page: not content a second time */
        wp_pdf_artifact(ctx, PDF_ART_PAGINATION);
        ctx->paint.repeating = true;
    }
    switch ((enum pdf_kind)d->kind) {
    case PDF_K_SPACE:
        break;
    case PDF_K_TEXT:
        draw_text(ctx, page, d, top, repeat);
        break;
    case PDF_K_RULE: {
        double y = ctx->st->page_h - top - ctx->st->rule_drop;
        wp_pdf_paint_art(ctx);
        hline(ctx, page, ctx->flow.draws[i].w >= ctx->content_w ? ctx->st->rule : ctx->st->accent,
              ctx->st->margin_left, ctx->st->margin_left + d->w, y);
        wp_pdf_paint_mc_end(ctx);
        break;
    }
    case PDF_K_STATUS:
        draw_status(ctx, page, d, top);
        break;
    case PDF_K_GLANCE:
        draw_glance(ctx, page, i, top);
        break;
    case PDF_K_GANTT_HEAD:
        draw_gantt_head(ctx, page, i, top);
        break;
    case PDF_K_GANTT_AREA:
    case PDF_K_GANTT_ROW:
        draw_gantt_row(ctx, page, i, top);
        break;
    case PDF_K_LEGEND:
        draw_legend(ctx, page, top);
        break;
    case PDF_K_TOC:
        draw_toc(ctx, page, d, top);
        break;
    case PDF_K_RESULTS:
        wp_pdf_draw_results(ctx, page, i, top);
        break;
    }
    ctx->paint.lang = NULL;
    if (repeat) {
        ctx->paint.repeating = false;
        wp_pdf_mc_end(ctx);
    }
}

void wp_pdf_draw_band(struct pdf_ctx *ctx, HPDF_Page page)
{
    const struct pdf_style *st = ctx->st;
    wp_pdf_artifact(ctx, PDF_ART_LAYOUT);
    rect(ctx, page, st->band, 0, st->page_h - st->cover_band_h, st->page_w, st->cover_band_h);
    wp_pdf_mc_end(ctx);
}

/* wp_pdf_fit of the running header, kept in slot k while s, width and language stay. */
static const char *running_fit(struct pdf_ctx *ctx, int k, const char *s, double width,
                               uint32_t *len)
{
    struct pdf_running_fit *f = &ctx->paint.running[k];
    const char *lang = ctx->paint.lang ? ctx->paint.lang : ctx->lang;
    if (f->out && f->s == s && f->width == width && f->lang == lang) {
        *len = f->len;
        return f->out;
    }
    f->out = wp_pdf_fit(ctx, PDF_T_RUNNING, s, width, &f->len);
    f->s = s;
    f->width = width;
    f->lang = lang;
    *len = f->len;
    return f->out;
}

void wp_pdf_draw_running(struct pdf_ctx *ctx, HPDF_Page page, uint32_t pageno)
{
    const struct pdf_style *st = ctx->st;
    double left = st->margin_left, right = st->margin_left + ctx->content_w;
    enum pdf_role r = PDF_T_RUNNING;
    /* running header and footer, page number: pagination artifacts */
    wp_pdf_artifact(ctx, PDF_ART_PAGINATION);
    /* header: the plan's title, the current chapter */
    double hy = st->page_h - st->header_y;
    uint32_t len;
    const char *title = wp_text_get(ctx->plan, &ctx->plan->title, ctx->lang);
    const char *t =
        running_fit(ctx, 0, title ? title : "", ctx->content_w * st->running_title_share, &len);
    show(ctx, page, r, left, hy, t, len);
    int32_t ch = ctx->paint.page_chapter[pageno];
    if (ch >= 0) {
        const char *c = running_fit(ctx, 1, ctx->flow.anchors[ch].title,
                                    ctx->content_w * st->running_chapter_share, &len);
        double w = wp_pdf_width(ctx, r, c, len);
        show(ctx, page, r, right - w, hy, c, len);
    }
    hline(ctx, page, st->rule, left, right, hy - st->header_rule_gap);
    /* footer: version, page N of M */
    double fy = st->footer_y;
    hline(ctx, page, st->rule, left, right, fy + st->footer_rule_gap);
    if (ctx->plan->version) {
        const char *v = wp_pdf_fmt(ctx, WP_L_VERSION_N, (const char *[]){ctx->plan->version}, 1);
        show(ctx, page, r, left, fy, v, strlen(v));
    }
    const char *pn = wp_pdf_page_footer(ctx, pageno, &len);
    show(ctx, page, r, right - wp_pdf_width(ctx, r, pn, len), fy, pn, len);
    wp_pdf_mc_end(ctx);
}

/* ---- for the drawing of the files beside this one (pdf_sec_results.c) ---------------- */

double wp_pdf_draw_baseline(struct pdf_ctx *ctx, enum pdf_role role, double top)
{
    return baseline(ctx, role, top);
}

void wp_pdf_draw_show(struct pdf_ctx *ctx, HPDF_Page page, enum pdf_role role, double x, double y,
                      const char *s, size_t len)
{
    show(ctx, page, role, x, y, s, len);
}

void wp_pdf_draw_rect(struct pdf_ctx *ctx, HPDF_Page page, struct pdf_rgb c, double x, double y,
                      double w, double h)
{
    rect(ctx, page, c, x, y, w, h);
}

void wp_pdf_draw_hline(struct pdf_ctx *ctx, HPDF_Page page, struct pdf_rgb c, double x0, double x1,
                       double y)
{
    hline(ctx, page, c, x0, x1, y);
}
