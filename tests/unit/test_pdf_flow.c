/*
 * The flow (pdf_flow.c): the items sections add, their gaps and anchors,
 * how they break over pages, and the structure events recorded with them,
 * for a table of fields that runs over a page.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_internal.h"

struct fixture {
    struct wp_diags diags;
    struct pdf_ctx ctx;
    struct wp_buf ev;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    wp_diags_init(&f->diags);
    struct pdf_ctx *ctx = &f->ctx;
    ctx->lang = "en";
    wp_pdf_style_init(&ctx->style, WP_PAPER_A4);
    ctx->st = &ctx->style;
    ctx->content_w = ctx->st->page_w - ctx->st->margin_left - ctx->st->margin_right;
    ctx->content_h = ctx->st->page_h - ctx->st->margin_top - ctx->st->margin_bottom;
    wp_arena_init(&ctx->arena);
    f->ev = (struct wp_buf)WP_BUF_INIT;
    if (wp_pdf_fonts_open(&ctx->fonts, &f->diags, "plan.yaml") != WP_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    wp_pdf_flow_release(&f->ctx.flow);
    wp_pdf_tags_release(&f->ctx);
    wp_pdf_fonts_release(&f->ctx.fonts);
    wp_arena_release(&f->ctx.arena);
    wp_buf_release(&f->ev);
    wp_diags_release(&f->diags);
    free(f);
    return 0;
}

static const char para[] =
    "The network meets twice a year to compare what each member has done, what it "
    "learnt and what it will do next; between the meetings the secretariat keeps the "
    "calendar, the minutes and the list of focal points up to date for every member.";

static void test_items_gaps_and_anchors(void **state)
{
    struct fixture *f = *state;
    struct pdf_ctx *ctx = &f->ctx;
    const struct pdf_style *st = ctx->st;
    int32_t anchor = wp_pdf_flow_anchor(ctx, "Overview", 0, true);
    size_t head = wp_pdf_flow_heading(ctx, PDF_T_H2, "Overview", anchor, 0, NULL);
    assert_int_equal(head, 0);
    assert_int_equal(ctx->flow.anchors[anchor].item, head);
    assert_int_equal(ctx->flow.draws[head].anchor, anchor);
    assert_true(ctx->flow.items[head].flags & PDF_KEEP_WITH_NEXT);
    /* the larger of two gaps wins */
    wp_pdf_flow_gap(ctx, 10);
    wp_pdf_flow_gap(ctx, 4);
    size_t first = wp_pdf_flow_text(ctx, &(struct pdf_text_opts){.role = PDF_T_BODY}, para);
    size_t n = ctx->flow.n_items - first;
    assert_true(n >= 3);
    assert_float_equal(ctx->flow.items[first].space_before, 10, 1e-6);
    assert_float_equal(ctx->flow.items[first + 1].space_before, 0, 1e-6);
    /* one item a line, each as high as the role's leading, covering the text in order */
    size_t at = 0;
    for (size_t k = first; k < ctx->flow.n_items; k++) {
        const struct pdf_draw *d = &ctx->flow.draws[k];
        assert_float_equal(ctx->flow.items[k].height, st->text[PDF_T_BODY].leading, 1e-6);
        assert_true(d->w <= ctx->content_w);
        assert_true(d->text >= para + at);
        at = (size_t)(d->text - para) + d->len;
    }
    assert_int_equal(at, strlen(para));
    /* no line alone at a page's foot or head: the first two and last two are kept */
    assert_true(ctx->flow.items[first].flags & PDF_KEEP_WITH_NEXT);
    assert_true(ctx->flow.items[ctx->flow.n_items - 2].flags & PDF_KEEP_WITH_NEXT);
    assert_false(ctx->flow.items[ctx->flow.n_items - 1].flags & PDF_KEEP_WITH_NEXT);
    /* tagged: an H2, then a paragraph around the lines */
    wp_pdf_tags_prepared(ctx);
    wp_pdf_tags_events(ctx, head, &f->ev);
    assert_string_equal(f->ev.data, "+H2");
    wp_pdf_tags_events(ctx, first, &f->ev);
    assert_string_equal(f->ev.data, "- +P");
    wp_pdf_tags_events(ctx, ctx->flow.n_items, &f->ev);
    assert_string_equal(f->ev.data, "-");
}

static void test_page_breaks(void **state)
{
    struct fixture *f = *state;
    struct pdf_ctx *ctx = &f->ctx;
    for (int k = 0; k < 12; k++)
        wp_pdf_flow_text(ctx, &(struct pdf_text_opts){.role = PDF_T_BODY}, para);
    size_t chapter = wp_pdf_flow_chapter(ctx, "Annexes", -1);
    wp_pdf_flow_text(ctx, &(struct pdf_text_opts){.role = PDF_T_BODY}, para);
    wp_pdf_tag_end(ctx);
    wp_pdf_paginate(ctx->flow.items, ctx->flow.n_items, ctx->content_h, &ctx->flow.pag);
    const struct pdf_item *it = ctx->flow.items;
    /* a chapter starts a page of its own, at its top */
    assert_true(it[chapter].page > it[chapter - 1].page);
    assert_float_equal(it[chapter].y, 0, 1e-6);
    /* a heading is on the page of what follows it; every item fits its page */
    assert_int_equal(it[chapter + 1].page, it[chapter].page);
    for (size_t k = 0; k < ctx->flow.n_items; k++)
        assert_true(it[k].y + it[k].height <= ctx->content_h + 1e-3);
    assert_int_equal(ctx->flow.pag.n_pages, it[ctx->flow.n_items - 1].page + 1);
}

/*
 * A table of fields longer than a page: one Table from its first row to its
 * last, rows (TR, TH, TD) closed and opened across the break, and the
 * activity's title drawn again at the top of the next page.
 */
static void test_table_split_over_a_page(void **state)
{
    struct fixture *f = *state;
    struct pdf_ctx *ctx = &f->ctx;
    size_t title = wp_pdf_flow_heading(ctx, PDF_T_ACTIVITY, "ECO-01  A long activity", -1, 0, NULL);
    ctx->flow.draws[title].flags |= PDF_D_CONT;
    size_t first_row = ctx->flow.n_items;
    for (int k = 0; k < 60; k++)
        wp_pdf_flow_field(ctx, "Output", para, (int32_t)title, PDF_T_BODY, 0, NULL);
    size_t last_row = ctx->flow.n_items - 1;
    wp_pdf_flow_text(ctx, &(struct pdf_text_opts){.role = PDF_T_BODY}, "After the table.");
    wp_pdf_tags_prepared(ctx);
    wp_pdf_paginate(ctx->flow.items, ctx->flow.n_items, ctx->content_h, &ctx->flow.pag);
    const struct pdf_item *it = ctx->flow.items;
    assert_true(it[last_row].page > it[first_row].page);

    wp_pdf_tags_events(ctx, first_row, &f->ev);
    assert_string_equal(f->ev.data, "- +Table +TR +TH +TD");
    int tables = 0;
    size_t split = 0;
    for (size_t k = first_row; k <= ctx->flow.n_items; k++) {
        wp_pdf_tags_events(ctx, k, &f->ev);
        tables += strstr(f->ev.data, "+Table") != NULL;
        if (k > first_row && k <= last_row && it[k].page != it[k - 1].page && !split)
            split = k;
    }
    assert_int_equal(tables, 1);
    assert_true(split > 0);
    /* at the break a row ends and the next begins, inside the same Table (or the
     * break falls between two lines of one cell: nothing at all) */
    wp_pdf_tags_events(ctx, split, &f->ev);
    if (f->ev.len)
        assert_string_equal(f->ev.data, "- - - +TR +TH +TD");
    /* the Table closes after its last row, before the paragraph that follows */
    wp_pdf_tags_events(ctx, last_row + 1, &f->ev);
    assert_string_equal(f->ev.data, "- - - - +P");
    /* the title is drawn again on the page the table continues on */
    bool repeated = false;
    for (size_t r = 0; r < ctx->flow.pag.n_repeats; r++)
        if (ctx->flow.pag.repeats[r].page == it[split].page &&
            ctx->flow.pag.repeats[r].item == title)
            repeated = true;
    assert_true(repeated);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_items_gaps_and_anchors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_page_breaks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_table_split_over_a_page, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
