/*
 * The one style table of the booklet: page geometry, type sizes, colours
 * and spacing. Drawing code takes every number from here.
 */
#include "pdf/pdf_internal.h"

#define RGB(r, g, b)                                                                               \
    {                                                                                              \
        (float)(r) / 255.0f, (float)(g) / 255.0f, (float)(b) / 255.0f                              \
    }

#define INK RGB(0x22, 0x22, 0x22)
#define GREY RGB(0x6b, 0x6b, 0x6b)
#define ACCENT RGB(0x1f, 0x4e, 0x79)
#define LINK RGB(0x1a, 0x5f, 0xb4)

/* A4; letter differs only in its page size. */
static const struct pdf_style base =
    {
        .page_w = 595.276f,
        .page_h = 841.89f,
        .margin_top = 72,
        .margin_bottom = 64,
        .margin_left = 62,
        .margin_right = 62,
        .header_y = 44,
        .footer_y = 38,
        .text =
            {
                [PDF_T_BODY] = {PDF_REGULAR, 9.5f, 13.5f, INK},
                [PDF_T_LEAD] = {PDF_REGULAR, 10.5f, 15, INK},
                [PDF_T_SMALL] = {PDF_REGULAR, 8.5f, 12, INK},
                [PDF_T_MUTED] = {PDF_REGULAR, 8, 11.5f, GREY},
                [PDF_T_LABEL] = {PDF_BOLD, 8.5f, 13.5f, ACCENT},
                [PDF_T_LINK] = {PDF_REGULAR, 9, 13.5f, LINK},
                [PDF_T_TITLE] = {PDF_BOLD, 26, 32, ACCENT},
                [PDF_T_SUBTITLE] = {PDF_REGULAR, 14, 19, INK},
                [PDF_T_COVER] = {PDF_REGULAR, 10.5f, 15, INK},
                [PDF_T_KICKER] = {PDF_BOLD, 9, 14, GREY},
                [PDF_T_H1] = {PDF_BOLD, 20, 25, ACCENT},
                [PDF_T_H2] = {PDF_BOLD, 13, 18, ACCENT},
                [PDF_T_H3] = {PDF_BOLD, 10.5f, 15, INK},
                [PDF_T_ACTIVITY] = {PDF_BOLD, 11, 15, ACCENT},
                [PDF_T_TOC1] = {PDF_BOLD, 10.5f, 17, INK},
                [PDF_T_TOC2] = {PDF_REGULAR, 9.5f, 14, INK},
                [PDF_T_TABLE] = {PDF_REGULAR, 8.5f, 12, INK},
                [PDF_T_TABLE_HEAD] = {PDF_BOLD, 8, 11, ACCENT},
                [PDF_T_GANTT] = {PDF_REGULAR, 6.5f, 9.5f, INK},
                [PDF_T_GANTT_HEAD] = {PDF_BOLD, 6.5f, 9, ACCENT},
                [PDF_T_RUNNING] = {PDF_REGULAR, 7.5f, 10, GREY},
                [PDF_T_BADGE] = {PDF_BOLD, 7.5f, 10, RGB(0xff, 0xff, 0xff)},
            },
        /*
         * The badges print white bold 7.5 pt text on these, and the bars and
         * swatches stand on white: each has at least 4.5:1 contrast with white
         * (WCAG 2.1 AA for text, above the 3:1 for graphics; docs/accessibility.md).
         * Planned 4.96, ongoing 5.11, completed 4.95, delayed 4.72, cancelled 5.44.
         */
        .status =
            {
                [WP_STATUS_PLANNED] = RGB(0x66, 0x71, 0x7f),
                [WP_STATUS_ONGOING] = RGB(0x25, 0x71, 0xb5),
                [WP_STATUS_COMPLETED] = RGB(0x2a, 0x7f, 0x4c),
                [WP_STATUS_DELAYED] = RGB(0xb3, 0x5c, 0x00),
                [WP_STATUS_CANCELLED] = RGB(0xc0, 0x39, 0x2b),
            },
        .accent = ACCENT,
        .rule = RGB(0xc8, 0xcf, 0xd8),
        .muted = GREY,
        .bar_back = RGB(0xe4, 0xe8, 0xee),
        .band = ACCENT,
        .table_head_back = RGB(0xe9, 0xef, 0xf6),
        .table_alt_back = RGB(0xf6, 0xf8, 0xfa),
        .rule_width = 0.5f,
        .para_gap = 6,
        .field_gap = 2,
        .block_gap = 14,
        .section_gap = 16,
        .chapter_gap = 6,
        .label_col = 108,
        .bullet_indent = 10,
        .badge_pad = 5,
        .badge_h = 12,
        .status_row_h = 18,
        .bar_w = 90,
        .bar_h = 6,
        .cell_pad = 4,
        .glance_first_col = 170,
        .gantt_label_w = 150,
        .gantt_row_h = 10,
        .gantt_head_h = 22,
        .gantt_bar_h = 6,
        .legend_swatch = 8,
        .toc_num_w = 30,
        .toc_indent2 = 16,
        .cover_top = 150,
        .cover_band_h = 18,
        .res_col_unit = 48,
        .res_col_base = 46,
        .res_col_target = 76,
        .res_col_value = 72,
        .res_col_share = 88,
        .res_bar_w = 34,
        .res_bar_gap = 4,
        .res_glance_num_col = 62,
        .res_table_gap = 3,
        .cover_subtitle_gap = 10,
        .cover_subtitle_para_gap = 4,
        .cover_rule_gap = 30,
        .cover_rule_w = 120,
        .cover_after_rule = 18,
        .cover_facts_gap = 24,
        .small_gap = 4,
        .item_gap = 3,
        .heading_gap = 8,
        .glossary_gap = 12,
        .part_gap = 24,
        .summary_gap = 12,
        .foreword_para_gap = 9,
        .note_para_gap = 2,
        .rule_h = 1,
        .rule_drop = 0.5,
        .label_gutter = 8,
        .toc_chapter_gap = 6,
        .toc_num_gap = 8,
        .toc_leader_gap = 6,
        .toc_leader_step = 4,
        .toc_dot = 1.1f,
        .toc_dot_rise = 0.6,
        .toc_link_below = 0.35,
        .table_gap = 6,
        .glance_col_slack = 2,
        .glance_mark_rise = 1.5,
        .glance_mark_h = 2,
        .gantt_label_pad = 6,
        .gantt_area_pad = 8,
        .gantt_area_extra = 3,
        .gantt_text_pad = 2,
        .gantt_year_drop = 1,
        .gantt_quarter_slack = 1,
        .gantt_grid_width = 0.4f,
        .gantt_bar_min = 1.5,
        .legend_gap = 4,
        .legend_space = 14,
        .legend_pad = 4,
        .swatch_drop = 0.5,
        .progress_gap = 6,
        .cap_half = 0.357,
        .bullet_dot = 0.32f,
        .bullet_dot_x = 3,
        .bullet_rise = 0.3,
        .dot_len = 0.01,
        .link_below = 0.3,
        .running_title_share = 0.55,
        .running_chapter_share = 0.4,
        .header_rule_gap = 5,
        .footer_rule_gap = 10,
        .outline_activities_max = 1000,
};

void wp_pdf_style_init(struct pdf_style *st, enum wp_paper paper)
{
    *st = base;
    if (paper == WP_PAPER_LETTER) {
        st->page_w = 612;
        st->page_h = 792;
    }
}
