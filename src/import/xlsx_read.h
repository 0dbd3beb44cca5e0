/*
 * A minimal, defensive .xlsx reader (minizip + expat) for returned tracking
 * workbooks: sheet names and visibility, the cells of a sheet with their
 * value and whether their style makes them a date or a percentage. Nothing
 * else (no formulas, merged cells or formatting).
 *
 * Hostile input is refused with a diagnostic (file = the workbook's path,
 * position 0:0): files that are not zips, OLE-encrypted workbooks,
 * encrypted zip entries, macro workbooks, parts or totals over the limits,
 * entries that inflate past their declared size, DOCTYPEs (so no entity
 * expansion at all), too many cells.
 */
#ifndef WP_IMPORT_XLSX_READ_H
#define WP_IMPORT_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "util/util.h"
#include "workplan/diag.h"
#include "workplan/error.h"
#include "workplan/model.h"

struct wp_xlsxr_limits {
    size_t max_total;   /* uncompressed bytes of the whole zip; default 64 MiB */
    size_t max_part;    /* uncompressed bytes of one part; default 32 MiB */
    size_t max_cells;   /* non-empty cells of one sheet; default 1,000,000 */
    size_t max_entries; /* zip entries; default 10,000 */
};

/* FORMULA: a formula saved without its result (no cached value to read). */
enum wp_xcell_type {
    WP_XCELL_NUMBER,
    WP_XCELL_TEXT,
    WP_XCELL_BOOL,
    WP_XCELL_ERROR,
    WP_XCELL_FORMULA
};

struct wp_xlsxr_cell {
    unsigned row; /* 1-based */
    unsigned col; /* 1-based */
    enum wp_xcell_type type;
    bool is_date;     /* a number whose style is a date format, or t="d" */
    bool is_percent;  /* a number whose style is a percentage format */
    bool has_formula; /* the cell holds a formula (its saved value, if any, is the value) */
    double num;       /* NUMBER, BOOL (0/1), dates as serials */
    const char *text; /* TEXT and ERROR; NULL otherwise */
};

struct wp_xlsxr_sheet {
    const char *name;
    const char *part; /* zip entry name, NULL when the relationship is missing */
    bool hidden;      /* state="hidden" or "veryHidden" */
    bool loaded;
    struct wp_xlsxr_cell *cells; /* sorted by row, then column */
    size_t n_cells;
    size_t cap_cells;
};

struct wp_xlsxr_xf {
    bool is_date;
    bool is_percent;
};

struct wp_xlsxr {
    struct wp_arena arena;
    void *zip; /* unzFile; NULL for a reader built by wp_xlsxr_new */
    const char *path;
    struct wp_diags *diags;
    struct wp_xlsxr_limits lim;
    size_t total; /* uncompressed bytes read so far */
    bool date1904;
    struct wp_xlsxr_sheet *sheets;
    size_t n_sheets;
    const char **sst;
    size_t n_sst;
    struct wp_xlsxr_xf *xfs;
    size_t n_xfs;
};

/* Fills lim with the defaults above. */
void wp_xlsxr_limits_default(struct wp_xlsxr_limits *lim);

/*
 * Opens path and reads its structure: content types, workbook, relations,
 * shared strings and styles (not the sheets' cells). path and diags are
 * borrowed for the reader's life. On success *out is set (free it with
 * wp_xlsxr_close). Errors: WP_ERR_IO (unreadable file), WP_ERR_LIMIT,
 * WP_ERR_INVALID (not a usable workbook), each with a diagnostic.
 */
enum wp_error wp_xlsxr_open(const char *path, const struct wp_xlsxr_limits *lim,
                            struct wp_diags *diags, struct wp_xlsxr **out);

/* An empty reader without a zip, to feed parts from memory (tests). */
struct wp_xlsxr *wp_xlsxr_new(const char *path, const struct wp_xlsxr_limits *lim,
                              struct wp_diags *diags);

void wp_xlsxr_close(struct wp_xlsxr *x);

/* The sheet named name (exact), or NULL. */
struct wp_xlsxr_sheet *wp_xlsxr_sheet_find(struct wp_xlsxr *x, const char *name);

/* Reads the sheet's cells (once). Errors as for wp_xlsxr_open. */
enum wp_error wp_xlsxr_sheet_load(struct wp_xlsxr *x, struct wp_xlsxr_sheet *sheet);

/* The cell at row, col (1-based) of a loaded sheet, or NULL when empty. */
const struct wp_xlsxr_cell *wp_xlsxr_cell_at(const struct wp_xlsxr_sheet *sheet, unsigned row,
                                             unsigned col);

/* ---- parts from memory (used by the reader; exposed for tests) ---------- */
enum wp_error wp_xlsxr_parse_workbook(struct wp_xlsxr *x, const char *part, const char *xml,
                                      size_t len);
enum wp_error wp_xlsxr_parse_sst(struct wp_xlsxr *x, const char *part, const char *xml, size_t len);
enum wp_error wp_xlsxr_parse_styles(struct wp_xlsxr *x, const char *part, const char *xml,
                                    size_t len);
enum wp_error wp_xlsxr_parse_sheet(struct wp_xlsxr *x, struct wp_xlsxr_sheet *sheet,
                                   const char *xml, size_t len);

/* ---- pure helpers --------------------------------------------------------- */

/* "B12" -> row 12, col 2 (1-based; "$B$12" too). 0 on success, -1 otherwise. */
int wp_xlsxr_ref_parse(const char *ref, unsigned *row, unsigned *col);
/* row 12, col 2 -> "B12". */
void wp_xlsxr_ref_format(unsigned row, unsigned col, char buf[static 16]);
/* Decodes the _xHHHH_ escapes of OOXML strings in place; returns the new length. */
size_t wp_xlsxr_unescape(char *s, size_t len);
/* Whether number format id (with its custom code, may be NULL) shows a date. */
bool wp_xlsxr_format_is_date(unsigned id, const char *code);
/* Whether it shows a percentage (ids 9, 10, or a % outside quotes). */
bool wp_xlsxr_format_is_percent(unsigned id, const char *code);
/*
 * The calendar day of a date serial (time of day dropped) in the 1900 or
 * 1904 date system. 0 on success, -1 when out of range (before the epoch
 * or after 9999-12-31) or not finite.
 */
int wp_xlsxr_serial_to_date(double serial, bool date1904, struct wp_date *out);

#endif
