/*
 * The one importer of editable sheets, driven by a sheet's descriptor
 * (import_internal.h): the hidden record proved and read, the sheet found
 * by name or title, its columns found by title or position, its rows
 * gathered and keyed, each row matched to its record and to the plan's
 * object, its locked cells proved, then handed to the sheet's own reading
 * of what it reports.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import_internal.h"
#include "xlsx/xlsx_text.h"

/* ---- the sheet and its columns ------------------------------------------------- */

/* The hidden record, checked by the sheet's own begin, then the sheet it names. */
static enum wp_error open_sheet(struct wp_import_sheet *s, bool *absent)
{
    const struct wp_import_sheet_desc *d = s->d;
    struct wp_import_ctx *ctx = s->ctx;
    enum wp_error err = wp_import_hidden_read(ctx, d->hidden, &s->hidden);
    *absent = !err && !s->hidden.sheet;
    if (*absent && d->required)
        return wp_import_refuse(ctx->diags, ctx->path, WP_DIAG_WORKBOOK, NULL,
                                "not a %s workbook of workplan (no '%s' sheet)",
                                d->names.sheet_what, d->hidden->sheet);
    if (err || *absent)
        return err;
    if ((err = d->begin(s)) != WP_OK)
        return err;
    return wp_import_find_sheet(
        ctx->diags, ctx->path, ctx->x, wp_import_hidden_value(&s->hidden, d->names.sheet_key),
        d->names.sheet_label, d->names.sheet_what, &s->sheet, s->sheet_ref, sizeof s->sheet_ref);
}

/* Is text the title of contract column c in some catalogue language? */
static bool is_title(const struct wp_import_sheet *s, const char *text, unsigned c)
{
    return wp_import_is_label(text, s->d->col(c).title, s->ctx->lang);
}

/* Each contract column by its title in row 1 (a person may have moved columns). */
static void map_by_title(struct wp_import_sheet *s, bool *claimed, unsigned limit)
{
    const struct wp_xlsxr_sheet *t = s->sheet;
    for (unsigned c = 0; c < s->d->n_cols; c++) {
        s->colmap[c] = 0;
        for (size_t i = 0; i < t->n_cells && t->cells[i].row == 1; i++) {
            const struct wp_xlsxr_cell *h = &t->cells[i];
            char b[32];
            if (h->col < limit && !claimed[h->col] &&
                is_title(s, wp_import_trimmed(&s->tmp, wp_import_cell_text(h, b)), c)) {
                s->colmap[c] = h->col;
                claimed[h->col] = true;
                break;
            }
        }
    }
}

/* Column c at its own position, unless another column took it; said when its title is odd. */
static void map_by_position(struct wp_import_sheet *s, bool *claimed, unsigned c)
{
    const struct wp_xlsxr_sheet *t = s->sheet;
    unsigned pos = c + 1;
    if (s->colmap[c] || claimed[pos])
        return;
    s->colmap[c] = pos;
    claimed[pos] = true;
    const struct wp_xlsxr_cell *h = wp_xlsxr_cell_at(t, 1, pos);
    if (h) {
        /* a header that names nothing we know: trust the position, say so */
        char b[32];
        wp_import_cell_diag(s->ctx->diags, s->ctx->path, s->sheet_ref, WP_SEV_WARNING,
                            WP_DIAG_WORKBOOK, 1, pos,
                            "column title '%s' is not '%s'; read by position",
                            wp_import_cell_text(h, b), wp_label(s->ctx->lang, s->d->col(c).title));
    }
}

/* Each column by title, else at its own position; a column neither finds was deleted. */
static enum wp_error map_columns(struct wp_import_sheet *s)
{
    enum { SPARE = 64 }; /* columns a person may add before the contract's */
    bool claimed[WP_IMPORT_MAX_COLS + SPARE] = {0};
    map_by_title(s, claimed, s->d->n_cols + SPARE);
    for (unsigned c = 0; c < s->d->n_cols; c++)
        map_by_position(s, claimed, c);
    for (unsigned c = 0; c < s->d->n_cols; c++) {
        if (s->colmap[c])
            continue;
        wp_diags_add(s->ctx->diags, WP_SEV_ERROR, WP_DIAG_WORKBOOK, s->ctx->path,
                     (struct wp_pos){0, 0}, "column '%s' is missing from sheet '%s'",
                     wp_label(s->ctx->lang, s->d->col(c).title), s->sheet->name);
        return WP_ERR_INVALID;
    }
    return WP_OK;
}

/* ---- one row ---------------------------------------------------------------------- */

const char *wp_import_sheet_cell_text(const struct wp_import_sheet *s,
                                      const struct wp_xlsxr_cell *c, unsigned col,
                                      char buf[static 32])
{
    if (c && c->type == WP_XCELL_NUMBER && s->d->col(col).date) {
        struct wp_date d;
        if (wp_xlsxr_serial_to_date(c->num, s->ctx->x->date1904, &d) == 0) {
            wp_date_iso(d, buf);
            return buf;
        }
    }
    if (c && c->type == WP_XCELL_NUMBER) {
        wp_number_str(c->num, buf);
        return buf;
    }
    return wp_import_cell_text(c, buf);
}

bool wp_import_sheet_formula(const struct wp_import_sheet *s, const struct wp_import_row *row,
                             unsigned c)
{
    if (!row->cells[c] || row->cells[c]->type != WP_XCELL_FORMULA)
        return false;
    wp_import_sheet_diag(s, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, c,
                         "'%s' holds a formula saved without its value; type the value instead; "
                         "row not imported",
                         wp_label(s->ctx->lang, s->d->col(c).title));
    return true;
}

bool wp_import_sheet_date_ok(const struct wp_import_sheet *s, const struct wp_import_row *row,
                             unsigned c, struct wp_date date)
{
    char d1[11], d2[11];
    struct wp_date first = {s->ctx->plan->period_from, 1, 1};
    wp_date_iso(date, d1);
    if (wp_date_cmp(date, first) < 0) {
        wp_date_iso(first, d2);
        wp_import_sheet_diag(s, WP_SEV_ERROR, WP_DIAG_OUTSIDE_PERIOD, row->r, c,
                             "date '%s' is before the plan period starts (%s)", d1, d2);
        return false;
    }
    if (wp_date_cmp(date, s->ctx->today) > 0) {
        wp_date_iso(s->ctx->today, d2);
        wp_import_sheet_diag(s, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, c,
                             "date '%s' is after the day of the import (%s)", d1, d2);
        return false;
    }
    return true;
}

/* The texts of the columns of one role, as their fingerprint sees them (others NULL). */
static void role_texts(const struct wp_import_sheet *s, const struct wp_import_row *row,
                       enum wp_import_role role, const char **values, char (*bufs)[32])
{
    for (unsigned c = 0; c < s->d->n_cols; c++)
        values[c] = s->d->col(c).role == role
                        ? wp_import_sheet_cell_text(s, row->cells[c], c, bufs[c])
                        : NULL;
}

/* The locked column that differs from what the plan gives now, or 0 (the key) for none. */
static unsigned changed_column(struct wp_import_sheet *s, const void *obj,
                               const char *const *values)
{
    struct wp_buf cut = WP_BUF_INIT;
    unsigned changed = 0;
    for (unsigned c = 1; c < s->d->n_cols && !changed; c++) {
        if (s->d->col(c).role != WP_ROLE_LOCKED)
            continue;
        s->d->expected(s, obj, c, &s->tmp);
        /* cut as the exporter cuts a cell */
        if (strcmp(values[c], wp_xlsx_safe_text(s->tmp.data, WP_XLSX_MAX_CELL_CHARS, &cut, NULL)) !=
            0)
            changed = c;
    }
    wp_buf_release(&cut);
    return changed;
}

/* The locked cells as exported (their fingerprint), else the row refused at the one changed. */
static bool locked_intact(struct wp_import_sheet *s, const struct wp_import_row *row,
                          const void *obj, const struct wp_hidden_record *rec)
{
    const char *values[WP_IMPORT_MAX_COLS];
    char bufs[WP_IMPORT_MAX_COLS][32];
    role_texts(s, row, WP_ROLE_LOCKED, values, bufs);
    if (s->d->fingerprint(values) == rec->field[1].hex)
        return true;
    unsigned c = changed_column(s, obj, values);
    if (c)
        wp_import_sheet_diag(s, WP_SEV_ERROR, WP_DIAG_LOCKED_CHANGED, row->r, c,
                             "locked column '%s' of '%s' was changed; row not imported",
                             wp_label(s->ctx->lang, s->d->col(c).title), row->key);
    else
        wp_import_sheet_diag(s, WP_SEV_ERROR, WP_DIAG_LOCKED_CHANGED, row->r, 0,
                             "locked columns of '%s' were changed; row not imported", row->key);
    return false;
}

/* The grey computed cells as exported, else the row refused at the one changed. */
static bool derived_intact(struct wp_import_sheet *s, const struct wp_import_row *row,
                           const void *obj)
{
    int c = s->d->derived_changed ? s->d->derived_changed(s, row, obj) : -1;
    if (c < 0)
        return true;
    wp_import_sheet_diag(s, WP_SEV_ERROR, WP_DIAG_LOCKED_CHANGED, row->r, (unsigned)c,
                         "locked column '%s' of '%s' was changed; row not imported",
                         wp_label(s->ctx->lang, s->d->col((unsigned)c).title), row->key);
    return false;
}

/* The plan's object and the exported record a row is about, or why the row is not taken. */
static enum wp_import_outcome row_subject(struct wp_import_sheet *s,
                                          const struct wp_import_row *row, const void **obj,
                                          const struct wp_hidden_record **rec)
{
    struct wp_import_ctx *ctx = s->ctx;
    const char *what = s->d->names.row_what;
    enum wp_import_outcome o =
        wp_import_row_key(ctx->diags, ctx->path, s->sheet_ref, &s->rows, row);
    if (o != WP_ROW_TAKEN)
        return o;
    *obj = s->d->find(s, row->key);
    if (!*obj) {
        wp_import_sheet_diag(s, WP_SEV_ERROR, WP_DIAG_UNKNOWN_ACTIVITY, row->r, 0,
                             ctx->other_version
                                 ? "%s '%s' no longer exists in the plan; row not imported"
                                 : "unknown %s '%s'; row not imported",
                             what, row->key);
        return WP_ROW_REFUSED;
    }
    *rec = wp_strmap_get(&s->hidden.by_key, row->key);
    if (!*rec) {
        wp_import_sheet_diag(s, WP_SEV_ERROR, WP_DIAG_LOCKED_CHANGED, row->r, 0,
                             "%s '%s' was not in this workbook when it was exported; row not "
                             "imported",
                             what, row->key);
        return WP_ROW_REFUSED;
    }
    return locked_intact(s, row, *obj, *rec) && derived_intact(s, row, *obj) ? WP_ROW_TAKEN
                                                                             : WP_ROW_REFUSED;
}

/* Whether the row's editable cells are all as exported (their fingerprint, when it has one). */
static bool untouched(const struct wp_import_sheet *s, const struct wp_import_row *row,
                      const struct wp_hidden_record *rec)
{
    const struct wp_hidden_value *edit = &rec->field[s->d->edit_field];
    if (!s->d->edit_fingerprint || !edit->set)
        return false;
    const char *values[WP_IMPORT_MAX_COLS];
    char bufs[WP_IMPORT_MAX_COLS][32];
    role_texts(s, row, WP_ROLE_EDITABLE, values, bufs);
    return s->d->edit_fingerprint(values) == edit->hex;
}

static enum wp_import_outcome import_row(struct wp_import_sheet *s, const struct wp_import_row *row)
{
    const void *obj = NULL;
    const struct wp_hidden_record *rec = NULL;
    enum wp_import_outcome o = row_subject(s, row, &obj, &rec);
    if (o != WP_ROW_TAKEN)
        return o;
    if (untouched(s, row, rec))
        return WP_ROW_UNCHANGED; /* whatever the progress file says now (issue 21) */
    return s->d->take(s, row, obj, rec);
}

/* ---- the sheet --------------------------------------------------------------------- */

static enum wp_error import_rows(struct wp_import_sheet *s)
{
    const struct wp_import_sheet_desc *d = s->d;
    for (unsigned c = 0; c < d->n_cols; c++)
        s->derived[c] = d->col(c).role == WP_ROLE_DERIVED;
    s->rows = (struct wp_import_rows_spec){s->colmap, d->n_cols, s->derived, d->blank_is_empty,
                                           d->names.row_what};
    size_t n;
    struct wp_import_row *rows = wp_import_gather_rows(s->ctx->x, s->sheet, &s->rows, &n);
    for (size_t i = 0; i < n; i++) {
        /* a duplicated key: one diagnostic, at each later row; the first is refused silently */
        if (rows[i].duplicate && rows[i].first_row == rows[i].r)
            wp_import_count(s->ctx->result, WP_ROW_REFUSED);
        else
            wp_import_count(s->ctx->result, import_row(s, &rows[i]));
    }
    free(rows);
    wp_import_index_results(s->ctx);
    return WP_OK;
}

enum wp_error wp_import_sheet_run(struct wp_import_ctx *ctx, const struct wp_import_sheet_desc *d)
{
    struct wp_import_sheet s = {.ctx = ctx, .d = d, .tmp = WP_BUF_INIT};
    bool absent = false;
    enum wp_error err = open_sheet(&s, &absent);
    if (!err && !absent)
        err = map_columns(&s);
    if (!err && !absent)
        err = import_rows(&s);
    wp_import_hidden_release(&s.hidden);
    wp_buf_release(&s.tmp);
    return err;
}
