/*
 * The workbook writer's private context, shared by its sheet modules.
 * Only src/xlsx includes <xlsxwriter.h>.
 *
 * Every libxlsxwriter call goes through a check that records the first
 * failure (a WP_DIAG_EXPORT diagnostic and ctx->failed); sheet writers
 * stop early once it is set, and wp_xlsx_write still closes the workbook
 * exactly once and throws the temporary file away.
 */
#ifndef WP_XLSX_INTERNAL_H
#define WP_XLSX_INTERNAL_H

#include <stdbool.h>
#include <xlsxwriter.h>

#include "util/util.h"
#include "workplan/export.h"
#include "workplan/diag.h"
#include "workplan/labels.h"
#include "workplan/model.h"
#include "xlsx/columns.h"
#include "xlsx/xlsx_text.h"

/* Every format, created once per workbook, by the role it plays. */
struct wp_xlsx_formats {
    lxw_format *title, *subtitle, *heading, *label, *text, *wrap, *warn;
    lxw_format *header;      /* table and grid headers */
    lxw_format *header_edit; /* headers of editable Tracker columns */
    lxw_format *locked_text, *locked_wrap, *locked_date;
    lxw_format *edit_text, *edit_wrap, *edit_date, *edit_int, *edit_status;
    lxw_format *locked_num, *edit_num; /* indicator numbers as typed: General */
    lxw_format *on_track;              /* 1/0 shown as the catalogue's yes/no */
    lxw_format *count, *count_total, *avg, *avg_total, *total_label, *area_label;
    lxw_format *status_cf[WP_STATUS_COUNT];   /* conditional: light fill, dark text */
    lxw_format *status_cell[WP_STATUS_COUNT]; /* legend cells */
    lxw_format *gantt[WP_STATUS_COUNT];       /* conditional: solid timeline bars */
    lxw_format *gantt_empty, *year_header, *quarter_header, *quarter_now;
    lxw_format *overdue_cf, *overdue_cell;
    lxw_format *meta;
};

/* Colours of a status: light fill for cells, dark text, solid for bars and charts. */
struct wp_xlsx_colors {
    lxw_color_t fill, font, solid;
};
extern const struct wp_xlsx_colors wp_xlsx_status_colors[WP_STATUS_COUNT];

/* Sizes of the workbook (xlsx_style.c): widths in Excel character units, heights in points. */
struct wp_xlsx_style {
    double line_height; /* of one wrapped line */
    double row_pad;     /* added to a row of wrapped lines */
    double title_row_h, header_row_h;
    double about_label_w, about_text_w;
    unsigned about_chars_per_row; /* of the merged About block at 10 pt */
    double summary_area_w;
    unsigned summary_area_chars; /* characters of 10 pt text on one line of the area column */
    double summary_count_w, summary_avg_w;
    double summary_ind_w; /* measured, reported and on-track columns */
    double timeline_id_w, timeline_title_w, timeline_status_w, timeline_quarter_w;
    unsigned tracker_max_lines;
    double tracker_chars_per_w; /* 10 pt characters per width unit of an 11 pt grid */
    unsigned tracker_min_chars;
};
extern const struct wp_xlsx_style wp_xlsx_style;

struct wp_xlsx_ctx {
    const struct wp_plan *plan;
    const char *lang;
    enum wp_paper paper;
    const char *member; /* NULL for every activity */
    struct wp_date build_date;
    const char *path; /* for diagnostics */
    struct wp_diags *diags;

    lxw_workbook *wb;
    lxw_worksheet *about, *tracker, *summary, *timeline, *meta, *lists;
    const char *sheet_about, *sheet_tracker, *sheet_summary, *sheet_timeline;
    /* the Indicators sheet and its hidden sheet: NULL when the plan measures nothing */
    lxw_worksheet *indicators, *ind_meta;
    const char *sheet_indicators;
    struct wp_xlsx_formats fmt;

    const struct wp_activity **rows; /* the activities written, in plan order */
    size_t n_rows;
    uint64_t *fingerprints;      /* per row, of its locked columns */
    uint64_t *edit_fingerprints; /* per row, of its editable columns as written */
    size_t n_reporters;          /* entries of MemberList */

    bool has_indicators;                  /* the plan has measured indicators */
    const struct wp_indicator **ind_rows; /* of the activities written, in plan order */
    size_t n_ind;
    uint64_t *ind_fingerprints; /* per indicator row, of its locked columns */

    bool failed;
    size_t n_cut;          /* texts cut to the cell limit */
    struct wp_buf scratch; /* for wp_xlsx_safe_text */
    struct wp_buf tmp;     /* formulas, joined names */
    struct wp_buf escaped; /* for wp_xlsx_escape_ooxml */
};

/* Records err (when not LXW_NO_ERROR) as the first failure; returns !ctx->failed. */
bool wp_xlsx_check(struct wp_xlsx_ctx *ctx, lxw_error err, const char *what);
/* Records a failure with no lxw_error (NULL object, invalid name). */
void wp_xlsx_fail(struct wp_xlsx_ctx *ctx, const char *what, const char *detail);

/* Writers that sanitise text and check results. Empty or NULL text writes a blank. */
void wp_xlsx_string(struct wp_xlsx_ctx *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                    const char *s, lxw_format *f);
void wp_xlsx_number(struct wp_xlsx_ctx *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                    double v, lxw_format *f);
void wp_xlsx_blank(struct wp_xlsx_ctx *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                   lxw_format *f);
void wp_xlsx_date(struct wp_xlsx_ctx *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                  struct wp_date d, lxw_format *f);
void wp_xlsx_formula_num(struct wp_xlsx_ctx *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                         const char *formula, lxw_format *f, double cached);
void wp_xlsx_formula_str(struct wp_xlsx_ctx *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                         const char *formula, lxw_format *f, const char *cached);

const char *wp_xlsx_label(const struct wp_xlsx_ctx *ctx, enum wp_label l);
/* A plan text in the output language, "" when unset. */
const char *wp_xlsx_text(const struct wp_xlsx_ctx *ctx, const struct wp_text *t);
/* "CODE – Name" for a reported-by cell or MemberList entry, into b (reset first). */
void wp_xlsx_reporter_entry(const struct wp_xlsx_ctx *ctx, struct wp_buf *b, const char *ref);
/* Names of refs joined by ", " into b (reset first). */
void wp_xlsx_join_names(const struct wp_xlsx_ctx *ctx, struct wp_buf *b,
                        const struct wp_str_list *refs);

/* Paper, orientation and fit to one page wide, the same for every printed sheet. */
void wp_xlsx_page_setup(const struct wp_xlsx_ctx *ctx, lxw_worksheet *ws, bool landscape);

void wp_xlsx_formats_create(struct wp_xlsx_ctx *ctx);
void wp_xlsx_sheet_about(struct wp_xlsx_ctx *ctx);
void wp_xlsx_sheet_tracker(struct wp_xlsx_ctx *ctx);
/* Lines a wrapped text needs in a column of `width` (the Tracker's rule, xlsx_tracker.c). */
unsigned wp_xlsx_lines_for(const char *s, double width);
void wp_xlsx_sheet_summary(struct wp_xlsx_ctx *ctx);
void wp_xlsx_sheet_timeline(struct wp_xlsx_ctx *ctx);
void wp_xlsx_sheet_meta(struct wp_xlsx_ctx *ctx);
void wp_xlsx_sheet_lists(struct wp_xlsx_ctx *ctx);
/* The measured indicators of the rows written, into ctx->ind_rows (after select_rows). */
void wp_xlsx_select_indicators(struct wp_xlsx_ctx *ctx);
void wp_xlsx_sheet_indicators(struct wp_xlsx_ctx *ctx);
void wp_xlsx_sheet_ind_meta(struct wp_xlsx_ctx *ctx);
/* Absolute range of an Indicators column over its data rows: 'Indicators'!$A$2:$A$9 */
void wp_xlsx_add_ind_range(struct wp_xlsx_ctx *ctx, struct wp_buf *b, enum wp_ind_col c);

#endif
