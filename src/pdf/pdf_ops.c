/*
 * Glyphs on a page, written by painting into the page's operators: a run
 * the text engine shaped, as 2-byte glyph ids (the fonts are Identity-H
 * with CID = glyph id) in hex strings of a TJ array. A PDF reader advances
 * each glyph by its /W width (the font's own advance); where HarfBuzz
 * placed it elsewhere (kerning, marks) a number in the array moves it, and
 * a text rise (Ts) lifts a mark HarfBuzz raised.
 *
 * The text layer: each glyph's ToUnicode is the text of the cluster it
 * starts (the engine's glyph uses). A cluster whose glyphs do not give its
 * text back that way (a glyph first seen for other text, a box for a
 * missing character) is wrapped in a /Span with its ActualText.
 */
#include <math.h>
#include <string.h>

#include "pdf/pdf_internal.h"

struct tj {
    struct wp_buf *b;
    bool in_array, in_string;
    double rise; /* the current Ts, points */
};

static void tj_close_string(struct tj *t)
{
    if (t->in_string)
        wp_buf_addc(t->b, '>');
    t->in_string = false;
}

static void tj_close(struct tj *t)
{
    tj_close_string(t);
    if (t->in_array)
        wp_buf_adds(t->b, "] TJ\012");
    t->in_array = false;
}

/* A width in 1/1000 em as the backend writes it in /W: two decimals. */
static double w_units(int32_t font_units, unsigned upem)
{
    return round((double)font_units * 1000.0 / upem * 100.0) / 100.0;
}

/* The end (byte offset) of the cluster that starts at glyph k of the run. */
static size_t cluster_end(const struct wp_text_run *r, size_t k)
{
    uint32_t c = r->glyphs[k].cluster;
    size_t end = r->end;
    for (size_t i = 0; i < r->n_glyphs; i++)
        if (r->glyphs[i].cluster > c && r->glyphs[i].cluster < end)
            end = r->glyphs[i].cluster;
    return end;
}

/*
 * The order to draw glyphs [k, k2) of a cluster in so that their ToUnicode texts
 * give the cluster's text back, in order[] (glyph indexes): by the rank of their
 * texts (the text engine's), glyphs that stand for no text last. False when a glyph's
 * ToUnicode is not the text it stands for here (a box, a glyph first seen for
 * another text).
 */
static bool cluster_order(const struct wp_text_run *r, size_t k, size_t k2, size_t *order)
{
    size_t n = k2 - k;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        order[i] = k + i;
        ok &= r->glyphs[k + i].mapped || r->glyphs[k + i].rank == UINT16_MAX;
    }
    /* insertion sort: a cluster has a handful of glyphs */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && r->glyphs[order[j]].rank < r->glyphs[order[j - 1]].rank; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    return ok;
}

static void span_begin(struct tj *t, char *text, size_t from, size_t to)
{
    tj_close(t);
    char end = text[to]; /* the layout's own copy: cut there for a moment */
    text[to] = '\0';
    wp_buf_adds(t->b, "/Span <</ActualText ");
    wp_pdf_add_text_string(t->b, text + from);
    wp_buf_adds(t->b, ">> BDC\012");
    text[to] = end;
}

struct pen {
    double cur; /* where PDF's pen is, 1/1000 em */
    double k;   /* font units to 1/1000 em */
};

static void one_glyph(struct tj *t, struct pen *p, const struct wp_text_run *run,
                      const struct wp_text_glyph *g, double x, double size)
{
    static const char hex[] = "0123456789ABCDEF";
    double rise = (double)g->y_offset * size / run->upem;
    if (fabs(rise - t->rise) >= 0.005) {
        tj_close(t);
        wp_pdf_op_num(t->b, rise, 2);
        wp_buf_adds(t->b, " Ts\012");
        t->rise = rise;
    }
    if (!t->in_array)
        wp_buf_addc(t->b, '[');
    t->in_array = true;
    double want = x + g->x_offset * p->k;
    long adj = lround((p->cur - want) * 100.0); /* hundredths: what the array says */
    if (adj != 0) {
        tj_close_string(t);
        wp_pdf_op_num(t->b, (double)adj / 100.0, 2);
        p->cur -= (double)adj / 100.0;
    }
    if (!t->in_string)
        wp_buf_addc(t->b, '<');
    t->in_string = true;
    char code[4] = {hex[(g->gid >> 12) & 15], hex[(g->gid >> 8) & 15], hex[(g->gid >> 4) & 15],
                    hex[g->gid & 15]};
    wp_buf_add(t->b, code, 4);
    p->cur += w_units(wp_text_font_advance(run->font, g->gid), run->upem);
}

/* The glyphs [k, k2) of the cluster that starts at k in logical order. */
static size_t cluster_at(const struct wp_text_run *run, size_t c, size_t *k)
{
    size_t n = run->n_glyphs;
    bool rtl = run->dir == WP_TEXT_RTL;
    size_t a = rtl ? n - 1 - c : c, b = a + 1;
    if (rtl)
        while (a > 0 && run->glyphs[a - 1].cluster == run->glyphs[a].cluster)
            a--;
    else
        while (b < n && run->glyphs[b].cluster == run->glyphs[a].cluster)
            b++;
    *k = a;
    return b;
}

/*
 * Left to right, a run with a cluster of several glyphs (reordered, a mark, a
 * split vowel) or whose glyphs do not give its text back goes in one ActualText
 * span: poppler places an ActualText between the first and the last glyph drawn
 * in it, and loses or moves a character of no width; the run's first and last
 * glyphs are its left and right ends. Right to left, poppler reverses an
 * ActualText as it reverses glyphs: there each cluster's glyphs, in logical
 * order, serve better, with a span only where they do not give the text back.
 */
static bool run_needs_span(const struct wp_text_run *run)
{
    if (run->dir == WP_TEXT_RTL)
        return false;
    size_t small[8];
    for (size_t c = 0; c < run->n_glyphs;) {
        size_t k, k2 = cluster_at(run, c, &k);
        if (k2 - k > 1)
            return true;
        if (!cluster_order(run, k, k2, small))
            return true;
        c += k2 - k;
    }
    return false;
}

/*
 * Draws the cluster of glyphs [k, k2): in the order their texts give the cluster's
 * text back (readers that ignore ActualText, mupdf, read glyphs in the order
 * drawn), or, when none does and the run has no span, in a span of its own.
 */
static void one_cluster(struct tj *t, struct pen *p, const struct wp_text_run *run, char *text,
                        size_t k, size_t k2, const double *x, double size, bool run_span)
{
    size_t small[8], *order = k2 - k <= 8 ? small : wp_xmalloc((k2 - k) * sizeof(*order));
    bool span = !cluster_order(run, k, k2, order) && !run_span;
    if (span) /* cluster_end walks the run: only for a span */
        span_begin(t, text, run->glyphs[k].cluster, cluster_end(run, k));
    for (size_t i = 0; i < k2 - k; i++)
        one_glyph(t, p, run, &run->glyphs[order[i]], x[order[i]], size);
    if (span) {
        tj_close(t);
        wp_buf_adds(t->b, "EMC\012");
    }
    if (order != small)
        free(order);
}

void wp_pdf_page_glyphs(struct pdf_ctx *ctx, const struct wp_text_run *run, char *text, double size,
                        double dx, double dy)
{
    struct tj t = {.b = &ctx->paint.ops};
    wp_pdf_op_num(t.b, dx, 2);
    wp_buf_addc(t.b, ' ');
    wp_pdf_op_num(t.b, dy, 2);
    wp_buf_adds(t.b, " Td\012");
    struct pen p = {.k = 1000.0 / run->upem};
    size_t n = run->n_glyphs;
    /* each glyph's pen position, 1/1000 em from the run's start */
    double *x = wp_xmalloc((n + 1) * sizeof(*x));
    x[0] = 0;
    for (size_t i = 0; i < n; i++)
        x[i + 1] = x[i] + run->glyphs[i].x_advance * p.k;
    bool run_span = run_needs_span(run);
    if (run_span)
        span_begin(&t, text, run->start, run->end);
    /* clusters in logical order (right to left for RTL): the order text is read in */
    for (size_t c = 0; c < n;) {
        size_t k, k2 = cluster_at(run, c, &k);
        one_cluster(&t, &p, run, text, k, k2, x, size, run_span);
        c += k2 - k;
    }
    free(x);
    tj_close(&t);
    if (run_span)
        wp_buf_adds(t.b, "EMC\012");
    if (t.rise != 0)
        wp_buf_adds(t.b, "0 Ts\012");
}
