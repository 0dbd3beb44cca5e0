/*
 * The tracking workbook's contract, shared by the writer (src/xlsx) and the
 * importer (src/import) so the two can never disagree about which column
 * is editable or how the workbook is recognised.
 *
 * Tracker sheet: row 1 holds the column titles (label catalogue, output
 * language), rows 2.. one activity each, in plan order. Columns in the
 * order of wp_tracker_columns. The importer finds columns by title in any
 * catalogue language (a person may move them), else at their position;
 * extra columns a person adds are ignored (docs/sheets.md).
 *
 * Hidden sheet WP_META_SHEET ("_workplan"), written by the exporter in
 * the hidden-record format below (wp_tracker_hidden): its keys are plan
 * (plan.id), version (plan.version), lang (output language), member
 * (country code or empty), built (build date YYYY-MM-DD), tracker (the
 * Tracker sheet's name, localised), then rows. A record per activity row:
 * ID,HEX,DATE,EDIT: the activity id, the fingerprint of its locked columns
 * as exported (wp_tracker_fingerprint), its "last update" as exported
 * (empty when it had none), so the importer knows whether a person changed
 * that date, and the fingerprint of its editable columns as exported
 * (wp_tracker_edit_fingerprint), so that an untouched row is never a
 * change, whatever the progress file says now.
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

#define WP_META_SHEET "_workplan"
#define WP_LISTS_SHEET "_lists"
#define WP_NAME_STATUS_LIST "StatusList"
#define WP_NAME_MEMBER_LIST "MemberList"
#define WP_TRACKER_TABLE "TrackerTable"
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
 * workbook of an earlier version (without both) still imports, in the
 * hidden-record format below (wp_indicators_hidden): its keys are plan,
 * member, sheet (the Indicators sheet's name, localised), then rows. A
 * record per indicator row: REF,HEX,DATE,VALUE: the reference
 * ACTIVITY-ID/INDICATOR-ID, the fingerprint of the row's locked columns
 * (wp_indicator_fingerprint), the date of the value as exported (empty
 * when none) and the value as exported ("%.15g", empty when none), so the
 * importer knows what a person changed.
 */
#define WP_IND_META_SHEET "_indicators"
#define WP_IND_TABLE "IndicatorTable"

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
 * The hidden-record format, one for every editable sheet (version 3): the
 * hidden sheet that proves a sheet as exported is
 *   A1      its format, "workplan-WHAT/3" (wp_hidden_layout.what)
 *   A2..    a key in A, its value in B: the layout's keys in order, then
 *           "rows", the number of records (a number)
 *   A, B    "fingerprint", the sheet's own fingerprint (16 lowercase hex
 *           digits): wp_meta_fingerprint_add over every other non-empty
 *           cell of the sheet, in row-major order
 *   A..     the records, in the editable sheet's row order: the fields of
 *           each joined by WP_HIDDEN_FIELD_SEP, records joined by
 *           WP_HIDDEN_RECORD_SEP, as many whole records a cell as fit in
 *           WP_HIDDEN_CELL_CHARS, one cell a row
 * The first field of a record is the row's key (an id: ids hold neither
 * ',' nor ';', plan-format.md); no field holds a blank that a program
 * re-saving the file could touch. Every fact of the sheet is covered by
 * the fingerprint: a workbook whose hidden sheet was edited is refused
 * whole. The hash is no secret; it catches edits, not forgeries. Packing
 * the records is what lets a workbook of 5,000 activities with 3
 * indicators each be written in under 64 MiB (libxlsxwriter keeps every
 * cell until the end; docs/performance.md).
 *
 * Older formats, still read (docs/sheets.md, tests/fixtures/released):
 * workplan-tracker/1 (every release before issue 20) and
 * workplan-indicators/1 (0.2) kept a record a row, a field a column from
 * A; workplan-indicators/2 (issues 18-21) packed them from row 8, a blank
 * row after the fingerprint. Their keys are those of version 3.
 */
#define WP_HIDDEN_VERSION 3
#define WP_HIDDEN_RECORD_SEP ';'
#define WP_HIDDEN_FIELD_SEP ','
#define WP_HIDDEN_CELL_CHARS 4000 /* far under any reader's cell limit (32,767) */
#define WP_HIDDEN_MAX_KEYS 8
#define WP_HIDDEN_MAX_FIELDS 4

/* What a record's field holds, so the importer can check it. */
enum wp_hidden_field {
    WP_HF_KEY,     /* the row's key: not empty */
    WP_HF_HEX,     /* a fingerprint, 16 lowercase hex digits */
    WP_HF_HEX_OPT, /* the same, or empty (absent from older workbooks) */
    WP_HF_DATE,    /* YYYY-MM-DD or empty */
    WP_HF_NUMBER   /* a number ("%.15g") or empty */
};

/* One version of the format as it lies in the sheet (rows 1-based). */
struct wp_hidden_format {
    const char *name; /* A1 */
    unsigned fingerprint_row;
    unsigned first_record_row;
    bool packed; /* records joined in cells; else a record a row, a field a column */
};

/* One hidden sheet: what both sides know of it. */
struct wp_hidden_layout {
    const char *sheet; /* "_workplan" */
    const char *what;  /* "tracker": the format's name, and messages */
    const char *const *keys;
    unsigned n_keys; /* "rows" not counted: it always follows them */
    const enum wp_hidden_field *fields;
    unsigned n_fields;
    /* [0] the format written (version 3), then the older ones still read, newest first */
    const struct wp_hidden_format *formats;
    unsigned n_formats;
};
extern const struct wp_hidden_layout wp_tracker_hidden, wp_indicators_hidden;
/* The layout's format named `name` (A1), or NULL when it reads no such format. */
const struct wp_hidden_format *wp_hidden_format_find(const struct wp_hidden_layout *l,
                                                     const char *name);

#endif
