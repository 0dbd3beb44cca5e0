/*
 * What one workbook's import (import.c, the Tracker) shares with the
 * import of its Indicators sheet (import_indicators.c): the context, and
 * the Tracker's cell readers, so both sheets read a cell the same way.
 */
#ifndef WP_IMPORT_INTERNAL_H
#define WP_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "import/xlsx_read.h"
#include "util/util.h"
#include "workplan/import.h"
#include "workplan/labels.h"
#include "xlsx/columns.h"

struct wp_update_index;

struct wp_import_ctx {
    const struct wp_plan *plan;
    const struct wp_import_options *opts;
    const char *path; /* the workbook, for diagnostics */
    struct wp_diags *diags;
    struct wp_import_result *result; /* counts of this workbook, updates of every one */
    size_t first_new;                /* result->updates from here on are this workbook's */
    struct wp_xlsxr *x;
    struct wp_date today;                         /* the day of the import */
    const char *lang;                             /* of the workbook (_workplan) */
    const char *member;                           /* of the workbook, "" for every member */
    bool other_version;                           /* made from another version of the plan */
    const struct wp_update_index *progress_index; /* opts->progress by activity */
};

/*
 * The Indicators sheet of the workbook, when it has one (columns.h): its
 * rows become indicator values of updates, appended to (or merged into
 * this workbook's updates in) ctx->result, and counted there. WP_OK also
 * for a workbook made before indicators existed (no _indicators sheet).
 * WP_ERR_INVALID when the hidden sheet was changed or the Indicators sheet
 * is missing: the caller then refuses the workbook as a whole.
 */
enum wp_error wp_import_indicator_sheet(struct wp_import_ctx *ctx);

/* s copied into the result's texts (freed with it); NULL for NULL. */
const char *wp_import_keep(struct wp_import_result *r, const char *s);

/* ---- what every sheet's import shares (sheet_in.c) ---------------------------- */

/*
 * A diagnostic at one cell, row and 1-based sheet column, of the sheet
 * whose formula name is sheet_ref ("Tracker!"): its position is
 * "Tracker!H12", in the diagnostic form (PE.xlsx:Tracker!H12: ...).
 */
#if defined(__GNUC__)
__attribute__((format(printf, 8, 9)))
#endif
void wp_import_cell_diag(struct wp_diags *diags, const char *path, const char *sheet_ref,
                         enum wp_severity sev, enum wp_diag_code code, unsigned row, unsigned col,
                         const char *fmt, ...);
/*
 * The workbook refused as a whole: one error, at `cell` ("_workplan!B9")
 * or, NULL, about the file. Returns WP_ERR_INVALID.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
enum wp_error
wp_import_refuse(struct wp_diags *diags, const char *path, enum wp_diag_code code, const char *cell,
                 const char *fmt, ...);
/*
 * The hidden sheet of a layout (columns.h), loaded and proved: its A1 a
 * format the layout still reads (*age: 0 the current one, k the k-th older),
 * every cell as exported (wp_import_hidden_intact). WP_OK and *meta NULL
 * when the workbook has no such sheet; WP_ERR_INVALID (the workbook refused)
 * or an error reading it otherwise.
 */
enum wp_error wp_import_hidden_open(struct wp_diags *diags, const char *path, struct wp_xlsxr *x,
                                    const struct wp_hidden_layout *l, struct wp_xlsxr_sheet **meta,
                                    int *age);
/*
 * Whether every cell of a hidden sheet is as exported: its fingerprint
 * (columns.h), stored in B<fp_row>, covers every other cell. Refuses the
 * workbook (WP_ERR_INVALID) when not, saying whether the fingerprint is
 * missing (an older workbook) or does not match.
 */
enum wp_error wp_import_hidden_intact(struct wp_diags *diags, const char *path,
                                      const struct wp_xlsxr_sheet *meta, const char *name,
                                      unsigned fp_row);

/* ---- rows: gathered, keyed and counted alike on every sheet (sheet_in.c) -------- */

#define WP_IMPORT_MAX_COLS 16

/* What became of one row. */
enum wp_import_outcome {
    WP_ROW_TAKEN,
    WP_ROW_UNCHANGED,
    WP_ROW_REFUSED,
    WP_ROW_SUPERSEDED,
    WP_ROW_EMPTY
};

/* One row of an editable sheet, with a cell in some contract column. */
struct wp_import_row {
    unsigned r;                                            /* 1-based */
    const struct wp_xlsxr_cell *cells[WP_IMPORT_MAX_COLS]; /* by contract column */
    const char *key;    /* the first column, trimmed; NULL: blank */
    bool duplicate;     /* the key is on another row too */
    unsigned first_row; /* of the same key, when duplicate */
};

/* Which cells of the sheet make a row (the columns of a sheet's descriptor). */
struct wp_import_rows_spec {
    const unsigned *colmap; /* 1-based sheet column of each contract column */
    unsigned n_cols;
    const bool *ignored; /* columns whose cells alone make no row (derived ones), or NULL */
    bool blank_is_empty; /* a text of blanks is no cell */
    const char *what;    /* the key's noun in messages: "activity", "indicator" */
};

/* The data rows (from row 2) with a cell in a contract column, keyed, duplicates marked. */
struct wp_import_row *wp_import_gather_rows(struct wp_xlsxr *x, const struct wp_xlsxr_sheet *s,
                                            const struct wp_import_rows_spec *spec, size_t *n_out);
/*
 * Whether the row names what it is about: WP_ROW_EMPTY (nothing in it),
 * WP_ROW_REFUSED (no key, or a key given twice: said at the key's cell),
 * else WP_ROW_TAKEN.
 */
enum wp_import_outcome wp_import_row_key(struct wp_diags *diags, const char *path,
                                         const char *sheet_ref,
                                         const struct wp_import_rows_spec *spec,
                                         const struct wp_import_row *row);
/*
 * A changed note at the cell (row r, 1-based sheet column col): refused
 * (false, an error) when longer than a cell may hold; a warning when
 * invisible characters (the first, `dropped`) were taken out of it.
 */
bool wp_import_note_ok(struct wp_diags *diags, const char *path, const char *sheet_ref, unsigned r,
                       unsigned col, const char *note, uint32_t dropped);
/* Counts an outcome in the result. */
void wp_import_count(struct wp_import_result *res, enum wp_import_outcome o);

/* The progress file's updates by activity, so that big files stay linear. */
struct wp_update_index {
    const struct wp_progress *progress;
    struct wp_strmap heads; /* activity -> index + 1 of its first update */
    size_t *next;           /* index + 1 of the next update of the same activity */
};
void wp_update_index_init(struct wp_update_index *idx, const struct wp_progress *progress);
void wp_update_index_release(struct wp_update_index *idx);
/* The first update of activity (in file order) and the next ones; NULL after the last. */
const struct wp_update *wp_update_index_first(const struct wp_update_index *idx,
                                              const char *activity, size_t *k);
const struct wp_update *wp_update_index_next(const struct wp_update_index *idx, size_t *k);

/* ---- import.c's cell readers ------------------------------------------------- */

/* The cell as text: strings as they are, numbers in their shortest form ("" for none). */
const char *wp_import_cell_text(const struct wp_xlsxr_cell *c, char buf[static 32]);
/* s without leading and trailing blanks, copied into b. */
const char *wp_import_trimmed(struct wp_buf *b, const char *s);
/* A date cell or a YYYY-MM-DD text. */
bool wp_import_read_date(const struct wp_xlsxr *x, const struct wp_xlsxr_cell *c,
                         struct wp_date *out);
/* 16 lowercase hex digits. */
bool wp_import_parse_hex64(const char *hex, uint64_t *out);
/* Whether text t says s in one of its languages. */
bool wp_import_text_matches(const struct wp_text *t, const char *s);
/* UTF-16 code units, the unit of Excel's cell limit. */
size_t wp_import_utf16_units(const char *s);
/*
 * s without the characters a progress file cannot hold (in arena); *first
 * is the first one dropped, 0 for none.
 */
const char *wp_import_printable_copy(struct wp_arena *arena, const char *s, uint32_t *first);
/* Whether text is the label in lang (may be NULL) or in any language of the catalogue. */
bool wp_import_is_label(const char *text, enum wp_label label, const char *lang);
/* The sheet named by the label in some language of the catalogue, or NULL. */
struct wp_xlsxr_sheet *wp_import_sheet_by_label(struct wp_xlsxr *x, enum wp_label label);
/*
 * The editable sheet the hidden one names (`name`), else, renamed, the one
 * named by `label` in some language of the catalogue: loaded, its formula
 * name in ref. Refuses the workbook ("WHAT sheet 'NAME' is missing") when
 * there is none.
 */
enum wp_error wp_import_find_sheet(struct wp_diags *diags, const char *path, struct wp_xlsxr *x,
                                   const char *name, enum wp_label label, const char *what,
                                   struct wp_xlsxr_sheet **sheet, char *ref, size_t ref_size);
/* The sheet's name as a formula writes it, then '!': Tracker! or 'My sheet'! */
void wp_import_sheet_ref(const char *name, char *buf, size_t size);

#endif
