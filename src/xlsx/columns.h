/*
 * The tracking workbook's contract, shared by the writer (src/xlsx) and the
 * importer (src/import) so the two can never disagree about which column
 * is editable or how the workbook is recognised.
 *
 * Tracker sheet: row 1 holds the column titles (label catalogue, output
 * language), rows 2.. one activity each, in plan order. Columns in the
 * order of wp_tracker_columns. The importer finds columns by position
 * first and confirms them by title in any catalogue language; extra
 * columns a person adds to the right are ignored.
 *
 * Hidden sheet WP_META_SHEET ("_workplan"), written by the exporter:
 *   A1 "workplan-tracker/1"
 *   A2 "plan"        B2 plan.id
 *   A3 "version"     B3 plan.version
 *   A4 "lang"        B4 output language
 *   A5 "member"      B5 country code or empty
 *   A6 "built"       B6 build date YYYY-MM-DD
 *   A7 "tracker"     B7 the Tracker sheet's name (localised)
 *   A8 "rows"        B8 number of activity rows
 *   A9 "fingerprint" B9 the sheet's own fingerprint (16 lowercase hex
 *                    digits): wp_meta_fingerprint_add over every other
 *                    non-empty cell of the sheet, in row-major order
 *   A10.. activity id, B10.. fingerprint (16 lowercase hex digits) of that
 *   activity's locked columns as exported (wp_tracker_fingerprint), C10..
 *   its "last update" as exported (YYYY-MM-DD; empty when it had none), so
 *   the importer knows whether a person changed that date, D10.. the
 *   fingerprint of its editable columns as exported
 *   (wp_tracker_edit_fingerprint; absent in workbooks made before 0.4), so
 *   that an untouched row is never a change, whatever the progress file
 *   says now.
 * Every fact of the sheet is covered by B9: a workbook whose hidden sheet
 * was edited (member, plan, an id, a date) is refused whole. The hash is
 * no secret; it catches edits, not forgeries. A writer that adds cells to
 * this sheet must add them to the fingerprint too (xlsx_hidden.c, put()),
 * in row-major order, before B9 is written.
 * Lists for drop-downs live on the hidden sheet WP_LISTS_SHEET ("_lists")
 * behind defined names (WP_NAME_STATUS_LIST, WP_NAME_MEMBER_LIST).
 *
 * Reported by: the Tracker cell and every MemberList entry read
 * "CODE – Name": the party id or country code, WP_REPORTER_SEP (space,
 * en dash, space), then its name in the output language. MemberList holds
 * the parties (plan order) then the countries (plan order). The importer
 * takes the code with wp_tracker_reporter_code, so a bare "PE" typed by
 * hand is accepted as well.
 */
#ifndef WP_XLSX_COLUMNS_H
#define WP_XLSX_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "workplan/labels.h"

#define WP_TRACKER_FORMAT "workplan-tracker/1"
#define WP_META_SHEET "_workplan"
#define WP_LISTS_SHEET "_lists"
#define WP_NAME_STATUS_LIST "StatusList"
#define WP_NAME_MEMBER_LIST "MemberList"
#define WP_TRACKER_TABLE "TrackerTable"
#define WP_META_FIRST_ROW 10      /* 1-based row of the first id/fingerprint pair */
#define WP_META_FINGERPRINT_ROW 9 /* 1-based row of the sheet's own fingerprint (B) */
#define WP_META_FINGERPRINT_SEED UINT64_C(0xcbf29ce484222325)

enum wp_tracker_col {
    WP_COL_ID,
    WP_COL_AREA,
    WP_COL_TITLE,
    WP_COL_LEAD,
    WP_COL_PARTNERS,
    WP_COL_START,
    WP_COL_END,
    WP_COL_STATUS,
    WP_COL_PROGRESS,
    WP_COL_UPDATED,
    WP_COL_REPORTED_BY,
    WP_COL_NOTE,
    WP_COL_COUNT
};

enum wp_cell_kind { WP_CELL_TEXT, WP_CELL_DATE, WP_CELL_PERCENT, WP_CELL_STATUS };

struct wp_tracker_column {
    enum wp_tracker_col col;
    enum wp_label title; /* column title in the label catalogue */
    enum wp_cell_kind kind;
    bool editable; /* unlocked for ministries; imported */
    double width;  /* Excel column width */
};

extern const struct wp_tracker_column wp_tracker_columns[WP_COL_COUNT];

/*
 * Fingerprint of an activity's locked columns as they appear in the
 * workbook: FNV-1a 64 over the values joined with 0x1F, where dates are
 * written YYYY-MM-DD and every other value is the cell's text. values[i]
 * is the text for column i for every locked column (editable ones ignored).
 */
uint64_t wp_tracker_fingerprint(const char *const values[WP_COL_COUNT]);
/*
 * The same over the editable columns (status label, progress "%.15g", last
 * update YYYY-MM-DD, reported by, note), as exported: a row whose editable
 * cells still give it was not touched (issue 21).
 */
uint64_t wp_tracker_edit_fingerprint(const char *const values[WP_COL_COUNT]);

/*
 * The hidden sheet's fingerprint, one cell at a time: FNV-1a 64 over
 * "ROW:COL=" (1-based, decimal), the cell's text and 0x1E. Start from
 * WP_META_FINGERPRINT_SEED; empty cells are skipped (text NULL or "").
 * Numbers are hashed as the reader shows them ("%.15g": 12, not 12.0).
 */
uint64_t wp_meta_fingerprint_add(uint64_t h, unsigned row, unsigned col, const char *text);

/*
 * The Indicators sheet, written when the plan has measured indicators
 * (plan-format.md): row 1 the column titles, rows 2.. one measured
 * indicator each, in plan order, of the activities the Tracker holds.
 * Value, date and note are editable; Expected and On track are derived
 * (On track is a formula) and neither fingerprinted nor imported.
 *
 * Hidden sheet WP_IND_META_SHEET ("_indicators"), beside _workplan so a
 * workbook of an earlier version (without both) still imports:
 *   A1 "workplan-indicators/1"
 *   A2 "plan"        B2 plan.id
 *   A3 "member"      B3 country code or empty
 *   A4 "sheet"       B4 the Indicators sheet's name (localised)
 *   A5 "rows"        B5 number of indicator rows
 *   A6 "fingerprint" B6 the sheet's own fingerprint (16 lowercase hex
 *                    digits): wp_meta_fingerprint_add over every other
 *                    non-empty cell of the sheet, in row-major order
 *   A8, A9.. the rows' records, in the Indicators sheet's order, joined by
 *                    WP_IND_META_RECORD_SEP, as many whole records a cell as
 *                    fit in WP_IND_META_CELL_CHARS. A record is
 *                    "REF,HEX,DATE,VALUE": the reference ACTIVITY-ID/INDICATOR-ID,
 *                    the fingerprint of the row's locked columns
 *                    (wp_indicator_fingerprint, 16 lowercase hex digits), the date
 *                    of the value as exported (YYYY-MM-DD, empty when none) and
 *                    the value as exported ("%.15g", empty when none), so the
 *                    importer knows what a person changed. Ids hold neither ','
 *                    nor ';' (plan-format.md), and no field holds a blank that a
 *                    program re-saving the file could touch.
 * Format 1 (workbooks of 0.2, still read) kept a record a row in four cells:
 * A8.. the reference, B8.. the fingerprint, C8.. the date, D8.. the value.
 * Packing them is what lets a workbook of 5,000 activities with 3
 * indicators each be written in under 64 MiB (docs/performance.md).
 */
#define WP_IND_FORMAT "workplan-indicators/2"
#define WP_IND_FORMAT_V1 "workplan-indicators/1"
#define WP_IND_META_SHEET "_indicators"
#define WP_IND_TABLE "IndicatorTable"
#define WP_IND_META_FINGERPRINT_ROW 6
#define WP_IND_META_FIRST_ROW 8
#define WP_IND_META_RECORD_SEP ';'
#define WP_IND_META_FIELD_SEP ','
#define WP_IND_META_CELL_CHARS 4000 /* far under any reader's cell limit (32,767) */

enum wp_ind_col {
    WP_ICOL_REF, /* ACTIVITY-ID/INDICATOR-ID */
    WP_ICOL_ACTIVITY,
    WP_ICOL_TEXT,
    WP_ICOL_UNIT,
    WP_ICOL_BASELINE,
    WP_ICOL_TARGET,
    WP_ICOL_BY,
    WP_ICOL_EXPECTED,
    WP_ICOL_VALUE,
    WP_ICOL_DATE,
    WP_ICOL_NOTE,
    WP_ICOL_ON_TRACK,
    WP_ICOL_COUNT
};

enum wp_ind_role { WP_IND_LOCKED, WP_IND_EDITABLE, WP_IND_DERIVED };

struct wp_indicator_column {
    enum wp_ind_col col;
    enum wp_label title;
    enum wp_ind_role role; /* LOCKED columns are fingerprinted; EDITABLE ones imported */
    double width;
};

extern const struct wp_indicator_column wp_indicator_columns[WP_ICOL_COUNT];

/*
 * Fingerprint of an indicator row's locked columns, as wp_tracker_fingerprint:
 * numbers as "%.15g", dates YYYY-MM-DD, texts as in the cell.
 */
uint64_t wp_indicator_fingerprint(const char *const values[WP_ICOL_COUNT]);

#define WP_REPORTER_SEP " \xE2\x80\x93 " /* " – " */

/*
 * Length of the code at the start of a reported-by cell: the bytes before
 * the first space (the whole text when it has none), after leading spaces
 * are skipped (*start is set to their count). 0 for an empty cell.
 */
size_t wp_tracker_reporter_code(const char *cell, size_t *start);

/*
 * One hidden sheet's record, as both sides see it: its name, the format
 * (with its version) the exporter writes in A1, the older formats a
 * released workbook may still carry and the importer still reads, and
 * where its fingerprint (B) and its records are. The writer
 * (xlsx_sheet.c: wp_xlsx_hidden_*) and the importer (sheet_in.c:
 * wp_import_hidden_open) follow it; the layouts above say what each holds.
 */
struct wp_hidden_layout {
    const char *sheet;
    const char *format;       /* written */
    const char *const *older; /* still read, newest first, NULL-terminated */
    const char *what;         /* for messages: "tracker", "indicators" */
    unsigned fingerprint_row; /* 1-based */
    unsigned first_record_row;
};
extern const struct wp_hidden_layout wp_tracker_hidden, wp_indicators_hidden;
/* 0 when format is the one written, k for the k-th older one, -1 when unknown. */
int wp_hidden_format_age(const struct wp_hidden_layout *l, const char *format);

#endif
