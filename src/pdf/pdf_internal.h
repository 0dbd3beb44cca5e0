/*
 * What the pdf/ files share: the style table, the fonts, the writer's
 * context and its list of laid-out items.
 *
 * The writer works in two passes. The prepare pass turns the plan into a
 * flat list of items (one per line of text, table row, timeline row...),
 * each measured, and paginates it, so every page number is known; the
 * drawing pass then creates the pages and draws each item where the
 * paginator put it.
 */
#ifndef WP_PDF_INTERNAL_H
#define WP_PDF_INTERNAL_H

#include <time.h>
#include <hpdf.h>

#include "pdf/pdf_backend.h"
#include "pdf/pdf_layout.h"
#include "pdf/pdf_tags.h"
#include "text/text.h"
#include "util/util.h"
#include "workplan/export.h"
#include "workplan/labels.h"

/* ---- style ------------------------------------------------------------------ */

/* The weight of a role's text; the text engine picks each run's face (src/text). */
enum pdf_font_id { PDF_REGULAR, PDF_BOLD, PDF_FONT_COUNT };

struct pdf_rgb {
    float r, g, b;
};

struct pdf_text_style {
    enum pdf_font_id font;
    float size;
    float leading; /* height of one line */
    struct pdf_rgb color;
};

enum pdf_role {
    PDF_T_BODY,
    PDF_T_LEAD, /* an area's summary */
    PDF_T_SMALL,
    PDF_T_MUTED, /* small grey: dates, "continued" */
    PDF_T_LABEL, /* field labels in the left column */
    PDF_T_LINK,
    PDF_T_TITLE, /* cover title */
    PDF_T_SUBTITLE,
    PDF_T_COVER,  /* cover facts */
    PDF_T_KICKER, /* small line above a chapter title */
    PDF_T_H1,
    PDF_T_H2,
    PDF_T_H3,
    PDF_T_ACTIVITY, /* an activity's id and title */
    PDF_T_TOC1,
    PDF_T_TOC2,
    PDF_T_TABLE,
    PDF_T_TABLE_HEAD,
    PDF_T_GANTT,
    PDF_T_GANTT_HEAD,
    PDF_T_RUNNING, /* running header and footer */
    PDF_T_BADGE,
    PDF_T_COUNT
};

struct pdf_style {
    float page_w, page_h;
    float margin_top, margin_bottom, margin_left, margin_right;
    float header_y, footer_y; /* baselines, from the page's top and bottom edges */
    struct pdf_text_style text[PDF_T_COUNT];
    struct pdf_rgb status[WP_STATUS_COUNT];
    struct pdf_rgb accent, rule, muted, bar_back, band, table_head_back, table_alt_back;
    float rule_width;
    /* vertical rhythm */
    float para_gap, field_gap, block_gap, section_gap, chapter_gap;
    /* activity blocks */
    float label_col; /* width of the field-label column */
    float bullet_indent;
    float badge_pad, badge_h, status_row_h, bar_w, bar_h;
    /* tables */
    float cell_pad, glance_first_col;
    /* timeline */
    float gantt_label_w, gantt_row_h, gantt_head_h, gantt_bar_h, legend_swatch;
    /* contents */
    float toc_num_w, toc_indent2;
    /* cover */
    float cover_top, cover_band_h;
    /* results (pdf_sec_results.c): the results table's fixed columns, its bar */
    float res_col_unit, res_col_base, res_col_target, res_col_value, res_col_share;
    float res_bar_w, res_bar_gap;
    float res_glance_num_col; /* each number column of "Results at a glance" */
    float res_table_gap;      /* between the results label and its table */
    /*
     * The smaller numbers of the layout. Fractions of an em and other factors
     * that do not fit a float exactly are doubles, as the constants they
     * replaced were, so that the booklet stays byte for byte what it was.
     */
    float cover_subtitle_gap, cover_subtitle_para_gap, cover_rule_gap, cover_rule_w,
        cover_after_rule, cover_facts_gap;
    /* gaps between smaller pieces */
    float small_gap;    /* under a heading, between an activity's parts */
    float item_gap;     /* between bullet items (objectives) */
    float heading_gap;  /* before a small heading (party, country, statuses) */
    float glossary_gap; /* between the glossary's lists */
    float part_gap;     /* before the timeline and the annexes' parts */
    float summary_gap;  /* between an area's title and its summary */
    float foreword_para_gap, note_para_gap;
    float rule_h;       /* height of an item that draws a rule */
    double rule_drop;   /* a rule's line below its item's top */
    float label_gutter; /* between a field's label and its value */
    float toc_chapter_gap, toc_num_gap;
    float toc_leader_gap, toc_leader_step, toc_dot;
    double toc_dot_rise, toc_link_below;
    float table_gap;                        /* between a table's heading and the table */
    float glance_col_slack;                 /* a status column's room beyond its widest word */
    double glance_mark_rise, glance_mark_h; /* the status colour under a column title */
    float gantt_label_pad, gantt_area_pad, gantt_area_extra, gantt_text_pad, gantt_year_drop,
        gantt_quarter_slack, gantt_grid_width;
    double gantt_bar_min; /* the shortest bar drawn, so a one-day activity shows */
    float legend_gap;     /* between a swatch and its label */
    float legend_space;   /* after a legend entry */
    float legend_pad;     /* below the legend */
    double swatch_drop;   /* a swatch below its label's baseline */
    float progress_gap;   /* around the progress bar */
    /* text: the cap height's half in em (Noto Sans: 0.714 em), to centre a line */
    double cap_half;
    float bullet_dot;   /* bullet diameter, in em */
    float bullet_dot_x; /* bullet centre right of the indent's start */
    double bullet_rise; /* bullet centre above the baseline, in em */
    double dot_len;     /* a dot is a stroke this long with round caps */
    double link_below;  /* a link's area below the baseline, in em */
    double running_title_share, running_chapter_share; /* of the text width */
    float header_rule_gap, footer_rule_gap;
    /*
     * Bookmarks list every activity under its area up to this many activities;
     * a larger portfolio gets chapter bookmarks only: a sidebar of thousands
     * helps no reader, and libharu keeps about 2 KB per entry until it saves.
     */
    size_t outline_activities_max;
};

void wp_pdf_style_init(struct pdf_style *st, enum wp_paper paper);

/* ---- fonts ------------------------------------------------------------------- */

/* A text font the pages draw with: one backend glyph font, reserved on first use. */
struct pdf_glyph_slot {
    struct wp_text_font *font;
    int handle;
    const char *name; /* its resource name ("G1"), owned by the backend */
};

struct pdf_fonts {
    struct wp_text_fonts *text; /* this export's fonts (src/text): no process-wide state */
    struct pdf_measure measure; /* what wp_pdf_measure hands out, filled per call */
    struct pdf_glyph_slot *slots;
    size_t n_slots, cap_slots;
    uint32_t *warned; /* code points already reported */
    size_t n_warned, cap_warned;
    struct wp_diags *diags;
    const char *file; /* the plan's file, for diagnostics */
    /* where the text being measured comes from, for the warnings about missing glyphs */
    const char *where_what; /* "activity", "area", "plan" ... or NULL */
    const char *where_id;
    const char *where_field;
    struct wp_pos where_pos;
};

/* The text engine's fonts, checked: WP_ERR_FONT with a diagnostic when Noto Sans is missing. */
enum wp_error wp_pdf_fonts_open(struct pdf_fonts *fonts, struct wp_diags *diags, const char *file);
/* The resource name ("G1") of the glyph font that draws text font f, reserved on first use
 * (after wp_pdf_be_pages_new); NULL on failure. */
const char *wp_pdf_fonts_resource(struct pdf_fonts *fonts, struct pdf_backend *be,
                                  struct wp_text_font *f);
/* Each glyph font drawn: subset to its glyphs, with its widths and ToUnicode (after the
 * last page is drawn). */
enum wp_error wp_pdf_fonts_embed(struct pdf_fonts *fonts, struct pdf_backend *be);
void wp_pdf_fonts_release(struct pdf_fonts *fonts);
/* Where the text measured next comes from, for the warnings about glyphs it lacks. */
void wp_pdf_fonts_where(struct pdf_fonts *fonts, const char *what, const char *id,
                        const char *field, struct wp_pos pos);
/* Warns once per character about the characters of l that no installed font covers. */
void wp_pdf_fonts_missing(void *fonts, const struct wp_text_layout *l);

/* ---- the writer's items -------------------------------------------------------- */

struct res_cols;

enum pdf_kind {
    PDF_K_SPACE, /* draws nothing */
    PDF_K_TEXT,  /* one line of text, with an optional left-column label */
    PDF_K_RULE,
    PDF_K_STATUS, /* an activity's status badge and progress bar */
    PDF_K_GLANCE, /* a row of the areas x status table */
    PDF_K_GANTT_HEAD,
    PDF_K_GANTT_AREA,
    PDF_K_GANTT_ROW,
    PDF_K_LEGEND,
    PDF_K_TOC,
    PDF_K_RESULTS /* a row of a results table (pdf_sec_results.c) */
};

enum {
    PDF_D_BULLET = 1u << 0, /* a bullet before the text */
    PDF_D_SWATCH = 1u << 1, /* a status colour square before the label */
    PDF_D_RIGHT = 1u << 2,  /* right-aligned in its width */
    PDF_D_CONT = 1u << 3    /* when repeated, draw "(continued)" */
};

struct pdf_draw {
    uint8_t kind;
    uint8_t role;
    uint8_t flags;
    uint8_t label_role;
    float x;          /* from the left margin */
    float w;          /* width available (links, right alignment) */
    uint32_t tag_seq; /* 1 + the tag sequence replayed before it (pdf_tags.c), 0 none:
                         it fills what was padding */
    const char *text;
    const char *lang; /* of text, when not the booklet's: measured and drawn in it */
    uint32_t len;
    uint32_t label_len;
    const char *label; /* drawn at the left margin on the first line of a field */
    const char *uri;   /* ASCII URI for a link annotation */
    int32_t anchor;    /* destination made at this item, or -1 */
    int32_t ref;       /* activity, area, contents-entry index or status */
};

struct pdf_anchor {
    const char *title;
    int level; /* 0 = chapter, 1 = section or activity */
    bool in_toc;
    bool closed; /* its outline entry starts folded (an area and its activities) */
    uint32_t item;
    HPDF_Destination dst;
};

/* ---- the flow (pdf_flow.c): the items every section adds, in document order ---- */

struct pdf_flow {
    struct pdf_item *items; /* where the paginator puts each (pdf_layout.h) */
    struct pdf_draw *draws; /* what painting draws for each */
    size_t n_items, cap_items;
    struct pdf_anchor *anchors;
    size_t n_anchors, cap_anchors;
    struct pdf_pagination pag;
    struct pdf_lines lines; /* scratch for the line breaker */
    float pending_gap;      /* space before the next item */
};

/* How wp_pdf_flow_lines sets text. Zero is the common case: body text from the left
 * margin to the right one, tagged as a paragraph, not repeated. */
struct pdf_text_opts {
    enum pdf_role role;
    float x;       /* from the left margin */
    float w;       /* 0 = to the right margin */
    uint32_t keep; /* PDF_KEEP_WITH_NEXT on every line (headings) */
    int32_t repeat;
    uint8_t flags; /* PDF_D_BULLET for a bullet */
    const char *label;
    enum pdf_role label_role;
    const char *uri;
    uint8_t tag;      /* enum pdf_stype of the lines: PDF_S_AUTO = a paragraph (a Link with a
                         uri), PDF_S_NONE inside an element the caller opened */
    const char *lang; /* of the text, when not the booklet's */
};

/* An item of height (points); index. repeat: the item drawn again at the top of a page
 * this one continues, or -1. */
size_t wp_pdf_flow_item(struct pdf_ctx *ctx, float height, uint32_t flags, int32_t repeat,
                        struct pdf_draw d);
/* Space before the next item; the larger of two gaps wins, and it is dropped at a page top. */
void wp_pdf_flow_gap(struct pdf_ctx *ctx, float gap);
/* A destination for the contents and outline (level 0 chapter, 1 section); its index. */
int32_t wp_pdf_flow_anchor(struct pdf_ctx *ctx, const char *title, int level, bool in_toc);
void wp_pdf_flow_set_anchor(struct pdf_ctx *ctx, int32_t anchor, size_t item);
/* Text broken into lines (one item each); the first's index, SIZE_MAX for none. */
size_t wp_pdf_flow_lines(struct pdf_ctx *ctx, const struct pdf_text_opts *o, const char *s,
                         size_t len);
size_t wp_pdf_flow_text(struct pdf_ctx *ctx, const struct pdf_text_opts *o, const char *s);
/* Paragraphs separated by blank lines (a single newline is a space), para_gap between. */
void wp_pdf_flow_paragraphs(struct pdf_ctx *ctx, const struct pdf_text_opts *o, const char *s,
                            float para_gap);
/* A heading (H1..H3 by role) kept with what follows; anchor -1 for none; extra item
 * flags (PDF_BREAK_BEFORE); lang when not the booklet's. Index of its first line. */
size_t wp_pdf_flow_heading(struct pdf_ctx *ctx, enum pdf_role role, const char *s, int32_t anchor,
                           uint32_t extra, const char *lang);
/* A chapter: a Sect opened (the caller closes it with wp_pdf_tag_end), its H1 title on a
 * new page. Index of the title's first line. */
size_t wp_pdf_flow_chapter(struct pdf_ctx *ctx, const char *title, int32_t anchor);
/* Puts a label in the left column of items first.. (a field's value lines), breaking it
 * into lines there and adding lines when it is the longer. */
void wp_pdf_flow_label(struct pdf_ctx *ctx, size_t first, const char *label, uint8_t flags,
                       enum pdf_role role, int32_t repeat);
/* A field: its label in the left column, the value beside it (a table row when tagged). */
void wp_pdf_flow_field(struct pdf_ctx *ctx, const char *label, const char *value, int32_t repeat,
                       enum pdf_role role, uint8_t flags, const char *uri);
/* A field whose value is a list, one line (or bullet) per element; langs may be NULL. */
void wp_pdf_flow_field_list(struct pdf_ctx *ctx, const char *label, const char *const *values,
                            const char *const *langs, size_t n, int32_t repeat, bool bullets);
/* Frees the flow's lists (also what the paginator made). */
void wp_pdf_flow_release(struct pdf_flow *flow);

/* What the section producers measure once for painting: table and timeline geometry. */
struct pdf_sections_state {
    int *status_counts; /* [area][status], row n_areas = totals */
    const char *quarter_label[4];
    float glance_cw, glance_first; /* column widths of the areas x status table */
    struct res_cols *results_cols; /* the results table's columns (pdf_sec_results.c) */
    int64_t gantt_from, gantt_to;  /* timeline: day serials of the plan period */
    int n_quarters;
};

/* Painting's own state (pdf_draw.c, pdf_ops.c). */
struct pdf_paint {
    struct wp_buf ops; /* the current page's operators */
    struct {
        HPDF_Page page;
        bool has_fill, has_stroke;
        struct pdf_rgb fill, stroke;
        float line_width;
        bool round_cap;
        const struct wp_text_font *font; /* NULL = none */
        float size;
    } gs;                   /* what was last set on a page */
    bool repeating;         /* drawing an item again at a page top: an artifact */
    const char *lang;       /* of the item being drawn (shaping and fonts, as measured) */
    int32_t *page_chapter;  /* per page: the chapter anchor for the running header, -1 none */
    uint32_t untagged_page; /* 1 + the first page painted outside marked content */
    struct wp_buf scratch;  /* NUL-terminated copies for libharu */
    struct wp_buf scratch2;
    /* the running header's title and chapter as last fitted: the same on every page of a
     * chapter, fitted once (wp_pdf_fit lays a text out several times) */
    struct pdf_running_fit {
        const char *s, *lang; /* what was fitted (plan or arena strings: they stay put) */
        double width;
        const char *out;
        uint32_t len;
    } running[2];
};

/*
 * The booklet being made: the inputs every stage reads (plan, language,
 * style, the build date), then each stage's own state, in the order data
 * flows: measuring (fonts), the flow, the sections' geometry, tagging,
 * painting, the backend (docs/architecture.md).
 */
struct pdf_ctx {
    const struct wp_plan *plan;
    const char *lang;
    const struct wp_diff *since; /* the changes annex's list, or NULL */
    struct pdf_style style;
    const struct pdf_style *st; /* &style */
    struct wp_diags *diags;
    struct wp_date today;  /* the build date: "on track" is judged on it */
    struct wp_arena arena; /* generated strings */
    float content_w, content_h;
    char *scratch_dir;    /* where scratch files go: the output's folder */
    const char *out_path; /* the output, for messages */

    struct pdf_fonts fonts;        /* measuring (pdf_fonts.c, pdf_text_measure.c) */
    struct pdf_flow flow;          /* the items (pdf_flow.c) */
    struct pdf_sections_state sec; /* pdf_sec_*.c */
    struct pdf_tags *tags;         /* tagging (pdf_tags.c) */
    struct pdf_paint paint;        /* pdf_draw.c */
    struct pdf_backend *be;        /* the document (pdf_backend.h) */
};

/* Catalog entries of an accessible document: /Lang, /MarkInfo, XMP metadata (pdf_meta.c). */
bool wp_pdf_meta(struct pdf_ctx *ctx, time_t build_time);

/* ---- pages and links (pdf_draw.c) ---------------------------------------------- */

/* A link over r to uri (ASCII) or to dest; contents describes it (kept until the save). */
void wp_pdf_link(struct pdf_ctx *ctx, HPDF_Page page, HPDF_Rect r, const char *uri,
                 HPDF_Destination dest, const char *contents);
/*
 * Page operators are written into ctx->ops, not through libharu (whose every
 * operator call clears a 512-byte buffer byte by byte and prints five
 * decimals); the backend takes them with the page (wp_pdf_be_page_done).
 */
/* A shaped run of glyphs (pdf_ops.c), inside BT/ET with its font set: "dx dy Td", then a
 * TJ of 2-byte glyph ids, adjusted where HarfBuzz's positions differ from the /W widths;
 * a cluster its glyphs' ToUnicode does not give back in an ActualText span. text: the
 * layout's (cut and restored while a span is written). */
void wp_pdf_page_glyphs(struct pdf_ctx *ctx, const struct wp_text_run *run, char *text, double size,
                        double dx, double dy);

/* Sections: fill the item list in document order (pdf_sections.c, pdf_sec_*.c). */
void wp_pdf_prepare(struct pdf_ctx *ctx);
/* Draws item i (or its repetition at the top of a page) (pdf_draw.c). */
void wp_pdf_draw_item(struct pdf_ctx *ctx, HPDF_Page page, size_t i, double top, bool repeat);
/* The year grid behind the timeline rows among items[from..to), all on one page. */
void wp_pdf_draw_gantt_grids(struct pdf_ctx *ctx, size_t from, size_t to);
void wp_pdf_draw_running(struct pdf_ctx *ctx, HPDF_Page page, uint32_t pageno);
/* The cover's band of colour at the top edge. */
void wp_pdf_draw_band(struct pdf_ctx *ctx, HPDF_Page page);

/*
 * Results (pdf_sec_results.c, pdf_sec_record.c): measured indicators and events. Each prepare
 * function adds its items through the section helpers below; the rows it
 * adds are of kind PDF_K_RESULTS and drawn by wp_pdf_draw_results.
 */
void wp_pdf_prepare_results_glance(struct pdf_ctx *ctx, int32_t anchor);
void wp_pdf_prepare_activity_results(struct pdf_ctx *ctx, const struct wp_activity *a,
                                     int32_t repeat);
void wp_pdf_prepare_record(struct pdf_ctx *ctx, int32_t anchor);
void wp_pdf_prepare_results_glossary(struct pdf_ctx *ctx);
bool wp_pdf_has_measured(const struct wp_plan *plan);
void wp_pdf_draw_results(struct pdf_ctx *ctx, HPDF_Page page, size_t i, double top);

/* Drawing helpers for the same files (pdf_draw.c). Tagging while drawing: text into
 * marked content of its element (label: the open TH of a field), the rest into
 * artifacts; all of it does nothing while an item is drawn again at a page top. */
void wp_pdf_paint_mc(struct pdf_ctx *ctx, bool label);
void wp_pdf_paint_mc_end(struct pdf_ctx *ctx);
void wp_pdf_paint_art(struct pdf_ctx *ctx);
void wp_pdf_paint_elem(struct pdf_ctx *ctx, enum pdf_stype type, unsigned attr, const char *alt);
void wp_pdf_paint_elem_end(struct pdf_ctx *ctx);
double wp_pdf_draw_baseline(struct pdf_ctx *ctx, enum pdf_role role, double top);
void wp_pdf_draw_show(struct pdf_ctx *ctx, HPDF_Page page, enum pdf_role role, double x, double y,
                      const char *s, size_t len);
void wp_pdf_draw_rect(struct pdf_ctx *ctx, HPDF_Page page, struct pdf_rgb c, double x, double y,
                      double w, double h);
void wp_pdf_draw_hline(struct pdf_ctx *ctx, HPDF_Page page, struct pdf_rgb c, double x0, double x1,
                       double y);

/* Text measuring (pdf_text_measure.c): what sections and painting measure with. */
struct pdf_measure *wp_pdf_measure(struct pdf_ctx *ctx, enum pdf_role role);
/* The same in language lang (NULL: the booklet's). */
struct pdf_measure *wp_pdf_measure_lang(struct pdf_ctx *ctx, enum pdf_role role, const char *lang);
double wp_pdf_width(struct pdf_ctx *ctx, enum pdf_role role, const char *s, size_t len);
/* Width of one timeline legend entry (swatch, label, space after): measured and drawn alike. */
float wp_pdf_legend_entry_w(struct pdf_ctx *ctx, const char *label);
/* Bytes of s[0..len) that fit in width, ending with an ellipsis when cut (arena copy). */
const char *wp_pdf_fit(struct pdf_ctx *ctx, enum pdf_role role, const char *s, double width,
                       uint32_t *out_len);
/* The booklet's words (pdf_labels.c): a label filled with args (arena), the footer of
 * page pageno ("Page N of M"), the language of a text. */
const char *wp_pdf_fmt(struct pdf_ctx *ctx, enum wp_label label, const char *const *args, size_t n);
const char *wp_pdf_page_footer(struct pdf_ctx *ctx, uint32_t pageno, uint32_t *len);
/* The language a text is shown in when it lacks the booklet's (a fallback), else NULL. */
const char *wp_pdf_text_lang(const struct pdf_ctx *ctx, const struct wp_text *t);
/* A text in the booklet's language ("" when unset); a label of the catalogue. */
const char *wp_pdf_sec_text(struct pdf_ctx *ctx, const struct wp_text *t);
const char *wp_pdf_sec_label(struct pdf_ctx *ctx, enum wp_label l);

/* The changes annex (pdf_sec_changes.c): its contents entry, declared after the
 * other annexes' (-1 when the booklet has none), then its items. */
int32_t wp_pdf_changes_anchor(struct pdf_ctx *ctx);
void wp_pdf_prepare_changes(struct pdf_ctx *ctx, int32_t anchor);

#endif
