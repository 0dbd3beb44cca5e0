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
 * give the cluster's text back, in order[] (glyph indexes); glyphs that stand for no
 * text go last. False when no order does (then they go in visual order).
 */
static bool cluster_order(const struct wp_text_run *r, const char *text, size_t k, size_t k2,
                          size_t end, size_t *order)
{
    size_t n = k2 - k, done = 0, at = r->glyphs[k].cluster;
    bool ok = true;
    bool *used = wp_xcalloc(n, sizeof(*used));
    while (at < end && ok) {
        ok = false;
        for (size_t i = 0; i < n && !ok; i++) {
            /* right to left, the glyphs of a cluster are in reverse logical order */
            size_t g = r->dir == WP_TEXT_RTL ? k2 - 1 - i : k + i;
            const char *t =
                r->glyphs[g].gid ? wp_text_font_glyph_text(r->font, r->glyphs[g].gid) : NULL;
            size_t len = t ? strlen(t) : 0;
            if (used[g - k] || len == 0 || len > end - at || memcmp(t, text + at, len) != 0)
                continue;
            used[g - k] = true;
            order[done++] = g;
            at += len;
            ok = true;
        }
    }
    for (size_t i = 0; i < n; i++)
        if (!used[i])
            order[done++] = k + i;
    free(used);
    if (!ok)
        for (size_t i = 0; i < n; i++)
            order[i] = k + i;
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

/*
 * Draws the cluster of glyphs [k, k2): in the order their texts give the cluster's
 * text back (readers that ignore ActualText read the glyphs in the order drawn), or,
 * when none does, in an ActualText span.
 */
static void one_cluster(struct tj *t, struct pen *p, const struct wp_text_run *run, char *text,
                        size_t k, size_t k2, const double *x, double size)
{
    size_t end = cluster_end(run, k);
    size_t small[8], *order = k2 - k <= 8 ? small : wp_xmalloc((k2 - k) * sizeof(*order));
    bool span = !cluster_order(run, text, k, k2, end, order);
    /* Several glyphs (reordered, a mark, a split vowel): readers that place characters by
     * position (poppler) lose or move one of no width, or drawn out of visual order. Right
     * to left, poppler reverses an ActualText as it reverses glyphs: the glyphs' own text
     * (drawn in logical order) serves it better. */
    if (run->dir == WP_TEXT_LTR && k2 - k > 1)
        span = true;
    if (run->dir == WP_TEXT_RTL && !span) {
        /* a glyph for more than one character, right to left (lam-alef): poppler sets its
         * ToUnicode text left to right and reverses it with the line */
        uint32_t u;
        size_t first =
            wp_utf8_decode(text + run->glyphs[k].cluster, end - run->glyphs[k].cluster, &u);
        span = run->glyphs[k].cluster + first < end;
    }
    if (span)
        span_begin(t, text, run->glyphs[k].cluster, end);
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
    /* clusters in logical order (right to left for RTL): the order text is read in */
    bool rtl = run->dir == WP_TEXT_RTL;
    for (size_t c = 0; c < n;) {
        size_t k = rtl ? n - 1 - c : c, k2 = k + 1;
        if (rtl)
            while (k > 0 && run->glyphs[k - 1].cluster == run->glyphs[k].cluster)
                k--;
        else
            while (k2 < n && run->glyphs[k2].cluster == run->glyphs[k].cluster)
                k2++;
        one_cluster(&t, &p, run, text, k, k2, x, size);
        c += k2 - k;
    }
    free(x);
    tj_close(&t);
    if (t.rise != 0)
        wp_buf_adds(t.b, "0 Ts\012");
}
