/*
 * The import of a returned workbook, inside: the workbook's context
 * (import.c), its hidden records (hidden_in.c), the sheet contract that
 * drives one generic importer (sheet_import.c) through one descriptor per
 * editable sheet (import_tracker.c, import_indicators.c), and how every
 * sheet reads a cell (sheet_in.c).
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

struct wp_import_ctx {
    const struct wp_plan *plan;
    const struct wp_import_options *opts;
    const char *path; /* the workbook, for diagnostics */
    struct wp_diags *diags;
    struct wp_import_result *result; /* counts of this workbook, updates of every one */
    size_t first_new;                /* result->updates from here on are this workbook's */
    struct wp_xlsxr *x;
    struct wp_date today; /* the day of the import */
    /* of the workbook, from its _workplan sheet (the Tracker's descriptor reads them) */
    const char *lang;
    const char *member;                    /* "" for every member */
    struct wp_date built;                  /* year 0 when unknown */
    bool other_version;                    /* made from another version of the plan */
    struct wp_update_index progress_index; /* opts->progress by activity */
    /*
     * result->updates by activity, newest first: res_heads maps an id to
     * index + 1 of its latest update, res_next[i] to index + 1 of the one before.
     */
    struct wp_strmap res_heads;
    size_t *res_next, res_cap, n_indexed;
};

/* Indexes the result's updates not indexed yet (wp_import_ctx.res_heads). */
void wp_import_index_results(struct wp_import_ctx *ctx);

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
/* ---- hidden sheets (hidden_in.c) ---------------------------------------------- */

/* A record's field as its kind (columns.h) reads. */
struct wp_hidden_value {
    bool set; /* not empty */
    uint64_t hex;
    struct wp_date date;
    double num;
};

struct wp_hidden_record {
    const char *key; /* field 0 */
    unsigned row;    /* of the hidden sheet */
    struct wp_hidden_value field[WP_HIDDEN_MAX_FIELDS];
};

/* A hidden sheet as read: its format, its keys' values and its records. */
struct wp_hidden_in {
    const struct wp_hidden_layout *layout;
    const struct wp_hidden_format *format;
    struct wp_xlsxr_sheet *sheet;               /* NULL: the workbook has none */
    const char *values[WP_HIDDEN_MAX_KEYS + 1]; /* the layout's keys, then "rows" */
    struct wp_hidden_record *records;
    size_t n_records;
    struct wp_strmap by_key;
};

/*
 * The layout's hidden sheet, loaded and proved: its A1 a format the layout
 * reads, every cell as exported (its fingerprint), every record readable.
 * WP_OK and h->sheet NULL when the workbook has no such sheet;
 * WP_ERR_INVALID (the workbook refused, said in ctx->diags) otherwise.
 * Release h in every case.
 */
enum wp_error wp_import_hidden_read(struct wp_import_ctx *ctx, const struct wp_hidden_layout *l,
                                    struct wp_hidden_in *h);
/* The value of one of the layout's keys ("" when absent). */
const char *wp_import_hidden_value(const struct wp_hidden_in *h, const char *key);
void wp_import_hidden_release(struct wp_hidden_in *h);

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

/* ---- the sheet contract, import side (sheet_import.c) ---------------------------- */

/* What a column is to the importer. */
enum wp_import_role {
    WP_ROLE_LOCKED,   /* fingerprinted: a change refuses the row */
    WP_ROLE_EDITABLE, /* what a ministry reports */
    WP_ROLE_DERIVED   /* computed; neither fingerprinted nor a report */
};

struct wp_import_col {
    enum wp_label title; /* in the label catalogue */
    enum wp_import_role role;
    bool date; /* a date cell: fingerprinted as YYYY-MM-DD */
};

struct wp_import_sheet;

/* How the sheet and its rows are named. */
struct wp_import_names {
    const char *sheet_key;     /* the hidden sheet's key that names the editable sheet */
    enum wp_label sheet_label; /* the sheet's name in the catalogue, when it was renamed */
    const char *sheet_what;    /* "tracking": "tracking sheet 'X' is missing" */
    const char *row_what;      /* "activity": the key's noun in messages */
};

/*
 * One editable sheet of the workbook, as the importer reads it: constant
 * data, one per sheet (import_tracker.c, import_indicators.c). The generic
 * importer proves the hidden record, finds the sheet and its columns,
 * gathers the rows, matches each to its record and its object in the plan
 * and proves its locked cells; the hooks say what the sheet means.
 */
struct wp_import_sheet_desc {
    const struct wp_hidden_layout *hidden;
    bool required; /* without its hidden sheet, no workbook of workplan */
    struct wp_import_names names;
    bool blank_is_empty; /* a text of blanks is no cell */
    unsigned n_cols;
    struct wp_import_col (*col)(unsigned c);
    /* the fingerprint of the locked columns' texts (values[c] for each locked c) */
    uint64_t (*fingerprint)(const char *const *values);
    /* the editable columns' fingerprint and the record field that holds it, or NULL */
    uint64_t (*edit_fingerprint)(const char *const *values);
    unsigned edit_field;
    /* the hidden sheet's keys checked, the workbook's facts kept in the context */
    enum wp_error (*begin)(struct wp_import_sheet *s);
    /* the plan's object a key names (an activity, an indicator), or NULL */
    const void *(*find)(const struct wp_import_sheet *s, const char *key);
    /* what the exporter writes in locked column c for obj now, into b (uncut) */
    void (*expected)(const struct wp_import_sheet *s, const void *obj, unsigned c,
                     struct wp_buf *b);
    /* a derived column whose cell is not as exported, or -1; NULL when none can be */
    int (*derived_changed)(const struct wp_import_sheet *s, const struct wp_import_row *row,
                           const void *obj);
    /* what the row's editable cells report: an update taken, or why not */
    enum wp_import_outcome (*take)(struct wp_import_sheet *s, const struct wp_import_row *row,
                                   const void *obj, const struct wp_hidden_record *rec);
};

/* One sheet being imported. */
struct wp_import_sheet {
    struct wp_import_ctx *ctx;
    const struct wp_import_sheet_desc *d;
    struct wp_hidden_in hidden;
    struct wp_xlsxr_sheet *sheet;
    char sheet_ref[80];                  /* its name as a formula writes it, then '!' */
    unsigned colmap[WP_IMPORT_MAX_COLS]; /* 1-based sheet column of each contract column */
    bool derived[WP_IMPORT_MAX_COLS];    /* cells that alone make no row */
    struct wp_import_rows_spec rows;
    struct wp_buf tmp;
};

/*
 * Imports one sheet of the workbook ctx->x by its descriptor: its rows
 * become updates in ctx->result, counted there. WP_OK also when the sheet
 * is optional and absent; WP_ERR_INVALID when the workbook is refused
 * whole (its hidden sheet changed, the sheet or a column missing).
 */
enum wp_error wp_import_sheet_run(struct wp_import_ctx *ctx, const struct wp_import_sheet_desc *d);

/* A diagnostic at the cell of contract column c in sheet row r: PE.xlsx:Tracker!H12: ... */
#define wp_import_sheet_diag(s, sev, code, r, c, ...)                                              \
    wp_import_cell_diag((s)->ctx->diags, (s)->ctx->path, (s)->sheet_ref, (sev), (code), (r),       \
                        (s)->colmap[(c)], __VA_ARGS__)
/* A cell of column c holding a formula saved without its value: said, and true. */
bool wp_import_sheet_formula(const struct wp_import_sheet *s, const struct wp_import_row *row,
                             unsigned c);
/*
 * A reported date (in column c): not before the plan period starts, not
 * after the day of the import; else said, and false.
 */
bool wp_import_sheet_date_ok(const struct wp_import_sheet *s, const struct wp_import_row *row,
                             unsigned c, struct wp_date date);
/* The cell's text the way its column's fingerprint saw it (dates YYYY-MM-DD). */
const char *wp_import_sheet_cell_text(const struct wp_import_sheet *s,
                                      const struct wp_xlsxr_cell *c, unsigned col,
                                      char buf[static 32]);

/* The sheets of a workbook, in the order they are imported. */
extern const struct wp_import_sheet_desc wp_import_tracker_sheet, wp_import_indicators_sheet;

/* ---- reading cells (sheet_in.c) ------------------------------------------------- */

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
