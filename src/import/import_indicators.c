/*
 * The Indicators sheet of a returned workbook -> indicator values of
 * dated updates. The same guarantees as the Tracker (import.c): the hidden
 * `_indicators` sheet is fingerprinted whole, each row's locked cells are
 * checked against their fingerprint, a value already in the progress file
 * (or given by an earlier workbook of this import) is not taken again, and
 * every refusal names the workbook, the sheet and the cell.
 *
 * A row gives a value when it differs from the indicator's current one or
 * carries a newer date. Cells left as exported are no report: in a
 * workbook made before a newer value came in, they would undo it.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import_internal.h"
#include "import/import_value.h"
#include "workplan/labels.h"
#include "workplan/progress.h"
#include "xlsx/columns.h"
#include "xlsx/xlsx_text.h"

#define VALUE_LIMIT 1e15 /* 15 significant digits: the progress file's numbers */

/* One indicator row of _indicators: how it was exported. */
struct ind_meta {
    const char *ref; /* ACTIVITY-ID/INDICATOR-ID */
    uint64_t fingerprint;
    struct wp_date date; /* of the exported value; year 0 when none */
    bool has_value;
    double value;
};

struct ind_importer {
    struct wp_import_ctx *ctx;
    struct wp_xlsxr_sheet *sheet;
    char sheet_ref[80];
    unsigned colmap[WP_ICOL_COUNT]; /* 1-based sheet column of each contract column */
    bool packed;                    /* the hidden sheet is of format 2 (columns.h) */
    struct ind_meta *meta;
    size_t n_meta;
    struct wp_strmap by_ref; /* ref -> struct ind_meta */
    struct wp_buf tmp;
    struct wp_import_rows_spec rows; /* which cells make a row */
    bool derived[WP_ICOL_COUNT];     /* computed columns: their cells are no report */
};

/* A diagnostic at one cell of the Indicators sheet: CL.xlsx:Indicators!I3: ... */
#define cell_diag(im, sev, code, row, col, ...)                                                    \
    wp_import_cell_diag((im)->ctx->diags, (im)->ctx->path, (im)->sheet_ref, (sev), (code), (row),  \
                        (im)->colmap[(col)], __VA_ARGS__)
/* The workbook is refused as a whole: one error about the file, or at a cell. */
#define refuse(im, ...)                                                                            \
    wp_import_refuse((im)->ctx->diags, (im)->ctx->path, WP_DIAG_WORKBOOK, NULL, __VA_ARGS__)
#define refuse_at(im, cell, ...)                                                                   \
    wp_import_refuse((im)->ctx->diags, (im)->ctx->path, WP_DIAG_WORKBOOK, (cell), __VA_ARGS__)

/* A number rounded to the 15 significant digits the progress file keeps. */
static double round15(double v)
{
    char num[32];
    wp_number_str(v, num);
    return strtod(num, NULL);
}

/* ---- the hidden sheet ------------------------------------------------------------ */

static const char *meta_text(const struct wp_xlsxr_sheet *s, unsigned row, unsigned col,
                             char buf[static 32])
{
    return wp_import_cell_text(wp_xlsxr_cell_at(s, row, col), buf);
}

/* The plan and member of the workbook's _workplan (format and fingerprint: wp_import_hidden_open).
 */
static enum wp_error check_meta(struct ind_importer *im, const struct wp_xlsxr_sheet *meta)
{
    char b[32], b2[32];
    const char *plan_id = meta_text(meta, 2, 2, b);
    const char *member = wp_import_trimmed(&im->tmp, meta_text(meta, 3, 2, b2));
    if (!im->ctx->plan->id || strcmp(plan_id, im->ctx->plan->id) != 0 ||
        strcmp(member, im->ctx->member) != 0)
        return refuse(im,
                      "%s: the hidden sheets '%s' and '%s' are of different workbooks; export "
                      "the workbook again",
                      WP_IND_META_SHEET, WP_IND_META_SHEET, WP_META_SHEET);
    return WP_OK;
}

/* One exported row from its four fields; false when one is unreadable. */
static bool add_meta(struct ind_importer *im, const char *ref, const char *hex, const char *date,
                     const char *value, size_t *cap)
{
    struct ind_meta m = {.ref = ref, .has_value = *value != '\0'};
    char *end = NULL;
    if (m.has_value)
        m.value = strtod(value, &end);
    if (!*ref || !wp_import_parse_hex64(hex, &m.fingerprint) ||
        (*date && wp_date_parse(date, &m.date) != 0) || (m.has_value && *end))
        return false;
    WP_GROW(im->meta, *cap, im->n_meta + 1);
    im->meta[im->n_meta++] = m;
    return true;
}

/* Format 1: ref / fingerprint / exported date / exported value, a row each. */
static bool read_row_cells(struct ind_importer *im, const struct wp_xlsxr_sheet *meta,
                           const struct wp_xlsxr_cell *c, size_t *cap)
{
    char fb[32], db[32], vb[32];
    return add_meta(im, c->text, meta_text(meta, c->row, 2, fb), meta_text(meta, c->row, 3, db),
                    meta_text(meta, c->row, 4, vb), cap);
}

/* Format 2: "REF,HEX,DATE,VALUE" records joined by ';' in one cell (columns.h). */
static bool read_packed_cell(struct ind_importer *im, const struct wp_xlsxr_cell *c, size_t *cap)
{
    char *rec = wp_arena_strdup(&im->ctx->x->arena, c->text);
    while (rec) {
        char *next = strchr(rec, WP_IND_META_RECORD_SEP);
        if (next)
            *next++ = '\0';
        char *f[4] = {rec};
        for (int k = 1; k < 4; k++) {
            f[k] = f[k - 1] ? strchr(f[k - 1], WP_IND_META_FIELD_SEP) : NULL;
            if (f[k])
                *f[k]++ = '\0';
        }
        if (!f[3] || strchr(f[3], WP_IND_META_FIELD_SEP) ||
            !add_meta(im, f[0], f[1], f[2], f[3], cap))
            return false;
        rec = next;
    }
    return true;
}

/* The exported rows, from WP_IND_META_FIRST_ROW on, in either format. */
static enum wp_error read_meta_rows(struct ind_importer *im, const struct wp_xlsxr_sheet *meta)
{
    size_t cap = 0;
    for (size_t i = 0; i < meta->n_cells; i++) {
        const struct wp_xlsxr_cell *c = &meta->cells[i];
        if (c->row < wp_indicators_hidden.first_record_row || c->col != 1 ||
            c->type != WP_XCELL_TEXT)
            continue;
        if (!(im->packed ? read_packed_cell(im, c, &cap) : read_row_cells(im, meta, c, &cap))) {
            char cell[40];
            snprintf(cell, sizeof cell, "%s!A%u", WP_IND_META_SHEET, c->row);
            return refuse_at(im, cell, "unreadable row of the hidden sheet '%s'",
                             WP_IND_META_SHEET);
        }
    }
    for (size_t i = 0; i < im->n_meta; i++)
        wp_strmap_put(&im->by_ref, im->meta[i].ref, &im->meta[i]);
    return WP_OK;
}

/* The Indicators sheet: by the name the hidden sheet gives, else by its name in any language. */
static enum wp_error find_sheet(struct ind_importer *im, const struct wp_xlsxr_sheet *meta)
{
    char b[32];
    return wp_import_find_sheet(im->ctx->diags, im->ctx->path, im->ctx->x, meta_text(meta, 4, 2, b),
                                WP_L_SHEET_INDICATORS, "indicators", &im->sheet, im->sheet_ref,
                                sizeof im->sheet_ref);
}

/* Is text the title of column c in some catalogue language? */
static bool is_title(const char *text, enum wp_ind_col c, const char *lang)
{
    return wp_import_is_label(text, wp_indicator_columns[c].title, lang);
}

/* Each column by its title in the header row, else at its own position. */
static void map_columns(struct ind_importer *im)
{
    const struct wp_xlsxr_sheet *s = im->sheet;
    for (int c = 0; c < WP_ICOL_COUNT; c++) {
        im->colmap[c] = (unsigned)c + 1;
        for (size_t i = 0; i < s->n_cells && s->cells[i].row == 1; i++)
            if (s->cells[i].type == WP_XCELL_TEXT &&
                is_title(s->cells[i].text, (enum wp_ind_col)c, im->ctx->lang)) {
                im->colmap[c] = s->cells[i].col;
                break;
            }
    }
}

/* ---- rows ---------------------------------------------------------------------------- */

/* The text a locked cell holds, as the fingerprint spells it. */
static const char *locked_text(const struct wp_xlsxr_cell *c, enum wp_ind_col col,
                               const struct wp_xlsxr *x, char buf[static 32])
{
    if (c && c->type == WP_XCELL_NUMBER && col == WP_ICOL_BY) {
        struct wp_date d;
        if (wp_xlsxr_serial_to_date(c->num, x->date1904, &d) == 0) {
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

/* What the exporter writes in a locked column for the indicator now, into b. */
static void expected_locked(const struct ind_importer *im, const struct wp_indicator *ind,
                            enum wp_ind_col col, struct wp_buf *b)
{
    const struct wp_plan *plan = im->ctx->plan;
    const char *lang = wp_label_has_language(im->ctx->lang) ? im->ctx->lang : NULL;
    char buf[32] = "";
    const char *s = buf;
    const struct wp_text *t = col == WP_ICOL_ACTIVITY ? &ind->activity->title
                              : col == WP_ICOL_TEXT   ? &ind->text
                              : col == WP_ICOL_UNIT   ? &ind->unit
                                                      : NULL;
    if (t)
        s = wp_text_is_set(t) ? wp_text_get(plan, t, lang) : "";
    else if (col == WP_ICOL_BASELINE || col == WP_ICOL_TARGET)
        wp_number_str(col == WP_ICOL_BASELINE ? ind->baseline : ind->target, buf);
    else if (col == WP_ICOL_BY)
        wp_date_iso(wp_period_last_day(&ind->by), buf);
    struct wp_buf scratch = WP_BUF_INIT;
    wp_buf_reset(b);
    wp_buf_adds(b, wp_xlsx_safe_text(s, WP_XLSX_MAX_CELL_CHARS, &scratch, NULL));
    wp_buf_release(&scratch);
}

static bool locked_intact(struct ind_importer *im, const struct wp_import_row *row,
                          const struct wp_indicator *ind, const struct ind_meta *m)
{
    const char *values[WP_ICOL_COUNT] = {0};
    char bufs[WP_ICOL_COUNT][32];
    for (int c = 0; c < WP_ICOL_COUNT; c++)
        if (wp_indicator_columns[c].role == WP_IND_LOCKED)
            values[c] = locked_text(row->cells[c], (enum wp_ind_col)c, im->ctx->x, bufs[c]);
    if (wp_indicator_fingerprint(values) == m->fingerprint)
        return true;
    /* which one? compare with what the plan gives now, which is what was exported */
    for (int c = WP_ICOL_ACTIVITY; c < WP_ICOL_COUNT; c++) {
        if (wp_indicator_columns[c].role != WP_IND_LOCKED)
            continue;
        expected_locked(im, ind, (enum wp_ind_col)c, &im->tmp);
        if (strcmp(values[c], im->tmp.data) != 0) {
            cell_diag(im, WP_SEV_ERROR, WP_DIAG_LOCKED_CHANGED, row->r, (enum wp_ind_col)c,
                      "locked column '%s' of '%s' was changed; row not imported",
                      wp_label(im->ctx->lang, wp_indicator_columns[c].title), row->key);
            return false;
        }
    }
    cell_diag(im, WP_SEV_ERROR, WP_DIAG_LOCKED_CHANGED, row->r, WP_ICOL_REF,
              "locked columns of '%s' were changed; row not imported", row->key);
    return false;
}

/* The day the workbook was built (_workplan "built"), year 0 when unknown. */
static struct wp_date built_day(const struct ind_importer *im)
{
    struct wp_date d = {0, 0, 0};
    struct wp_xlsxr_sheet *meta = wp_xlsxr_sheet_find(im->ctx->x, "_workplan");
    const struct wp_xlsxr_cell *c = meta ? wp_xlsxr_cell_at(meta, 6, 2) : NULL;
    if (c && c->type == WP_XCELL_TEXT && wp_date_parse(c->text, &d) != 0)
        d = (struct wp_date){0, 0, 0};
    return c && c->type == WP_XCELL_TEXT ? d : (struct wp_date){0, 0, 0};
}

/* The grey Expected now and On track cells as exported, or the row is refused. */
static bool derived_intact(struct ind_importer *im, const struct wp_import_row *row,
                           const struct wp_indicator *ind)
{
    /* another version of the plan may give another Expected value: On track only */
    struct wp_date built = im->ctx->other_version ? (struct wp_date){0, 0, 0} : built_day(im);
    int col = wp_import_derived_changed(ind, built, row->cells[WP_ICOL_EXPECTED],
                                        row->cells[WP_ICOL_ON_TRACK]);
    if (col < 0)
        return true;
    cell_diag(im, WP_SEV_ERROR, WP_DIAG_LOCKED_CHANGED, row->r, (enum wp_ind_col)col,
              "locked column '%s' of '%s' was changed; row not imported",
              wp_label(im->ctx->lang, wp_indicator_columns[col].title), row->key);
    return false;
}

/* The indicator a row is about, or why the row is not taken. */
static enum wp_import_outcome row_indicator(struct ind_importer *im,
                                            const struct wp_import_row *row,
                                            const struct wp_indicator **ind,
                                            const struct ind_meta **m)
{
    enum wp_import_outcome o =
        wp_import_row_key(im->ctx->diags, im->ctx->path, im->sheet_ref, &im->rows, row);
    if (o != WP_ROW_TAKEN)
        return o;
    *m = wp_strmap_get(&im->by_ref, row->key);
    if (!*m) {
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_LOCKED_CHANGED, row->r, WP_ICOL_REF,
                  "indicator '%s' was not in this workbook when it was exported; row not imported",
                  row->key);
        return WP_ROW_REFUSED;
    }
    const char *slash = strchr(row->key, '/');
    *ind = NULL;
    if (slash) {
        char *activity = wp_arena_strndup(&im->ctx->x->arena, row->key, (size_t)(slash - row->key));
        const struct wp_activity *a = wp_plan_find_activity(im->ctx->plan, activity);
        *ind = a ? wp_activity_find_indicator(a, slash + 1) : NULL;
    }
    if (!*ind) {
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_UNKNOWN_ACTIVITY, row->r, WP_ICOL_REF,
                  im->ctx->other_version
                      ? "indicator '%s' no longer exists in the plan; row not imported"
                      : "unknown indicator '%s'; row not imported",
                  row->key);
        return WP_ROW_REFUSED;
    }
    if (!locked_intact(im, row, *ind, *m))
        return WP_ROW_REFUSED;
    return derived_intact(im, row, *ind) ? WP_ROW_TAKEN : WP_ROW_REFUSED;
}

/* ---- the editable cells ------------------------------------------------------------ */

/* What a row says in its editable cells. */
struct ind_values {
    const struct wp_indicator *ind;
    const struct ind_meta *meta;
    bool has_value;
    double value;
    bool has_date;
    struct wp_date date;
    const char *note;     /* trimmed, NULL when blank */
    bool value_untouched; /* as exported (both blank counts) */
    bool date_untouched;
};

/* A number cell, or a text that is one number and nothing else. */
/* 0, or 1 when the cell is no number, 2 when it is one too large for the progress file. */
static int read_number(struct ind_importer *im, const struct wp_xlsxr_cell *c, double *out)
{
    double v;
    if (c->type == WP_XCELL_NUMBER) {
        /* "45%" typed in a cell is stored as 0.45: take what the person sees */
        v = c->is_percent ? c->num * 100 : c->num;
    } else if (c->type == WP_XCELL_TEXT) {
        const char *s = wp_import_trimmed(&im->tmp, c->text);
        char *end;
        v = strtod(s, &end);
        if (end == s || *end || strspn(s, "+-.0123456789eE") != strlen(s))
            return 1;
    } else {
        return 1;
    }
    if (!isfinite(v))
        return 1;
    if (fabs(v) >= VALUE_LIMIT)
        return 2;
    *out = round15(v);
    return 0;
}

/*
 * A date (refused: a date-formatted cell turns a typed number into one) or a
 * percentage typed as text (N for a '%' indicator): true when the cell was
 * one of them, v->has_value then saying whether it was taken.
 */
static bool not_plain_number(struct ind_importer *im, const struct wp_import_row *row,
                             const struct wp_xlsxr_cell *c, struct ind_values *v)
{
    char b[32], iso[16];
    double pct = 0;
    enum wp_value_kind kind = wp_import_value_kind(c, &pct);
    v->has_value = false;
    if (kind == WP_VALUE_DATE) {
        struct wp_date d;
        if (c->type == WP_XCELL_NUMBER &&
            wp_xlsxr_serial_to_date(c->num, im->ctx->x->date1904, &d) == 0)
            wp_date_iso(d, iso);
        else
            snprintf(iso, sizeof iso, "%s", wp_import_cell_text(c, b));
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_ICOL_VALUE,
                  "value '%s' of '%s' is a date, not a number; type the number itself (in a "
                  "cell formatted as a number)",
                  iso, row->key);
        return true;
    }
    if (kind != WP_VALUE_PERCENT)
        return false;
    const char *unit = v->ind ? wp_text_get(im->ctx->plan, &v->ind->unit, im->ctx->lang) : NULL;
    if (!wp_import_unit_is_percent(unit)) {
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_ICOL_VALUE,
                  "value '%s' of '%s' is a percentage, but the indicator's unit is not '%%'",
                  wp_import_cell_text(c, b), row->key);
        return true;
    }
    v->value = round15(pct);
    v->has_value = true;
    return true;
}

static bool read_cell(struct ind_importer *im, const struct wp_import_row *row, enum wp_ind_col col,
                      struct ind_values *v)
{
    const struct wp_xlsxr_cell *c = row->cells[col];
    char b[32];
    if (c->type == WP_XCELL_FORMULA) {
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, col,
                  "'%s' holds a formula saved without its value; type the value instead; row "
                  "not imported",
                  wp_label(im->ctx->lang, wp_indicator_columns[col].title));
        return false;
    }
    if (col == WP_ICOL_VALUE && not_plain_number(im, row, c, v))
        return v->has_value;
    if (col == WP_ICOL_VALUE) {
        int bad = read_number(im, c, &v->value);
        v->has_value = bad == 0;
        if (bad)
            cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, col,
                      bad == 1 ? "value '%s' of '%s' is not a number"
                               : "value '%s' of '%s' is too large (at most 15 digits before the "
                                 "decimal point)",
                      wp_import_cell_text(c, b), row->key);
        return v->has_value;
    }
    if (col == WP_ICOL_DATE) {
        v->has_date = wp_import_read_date(im->ctx->x, c, &v->date);
        if (!v->has_date)
            cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, col,
                      "cannot read date '%s' (write it as YYYY-MM-DD)", wp_import_cell_text(c, b));
        return v->has_date;
    }
    const char *note = wp_import_trimmed(&im->tmp, wp_import_cell_text(c, b));
    if (!*note)
        return true;
    /* the length is that of the note as typed, as on the Tracker */
    uint32_t dropped;
    v->note = wp_import_printable_copy(&im->ctx->x->arena, note, &dropped);
    return wp_import_note_ok(im->ctx->diags, im->ctx->path, im->sheet_ref, row->r, im->colmap[col],
                             note, dropped);
}

/* Reads every editable cell (each bad one is named); false when one is bad. */
static bool read_editable(struct ind_importer *im, const struct wp_import_row *row,
                          struct ind_values *v)
{
    bool ok = true;
    static const enum wp_ind_col cols[] = {WP_ICOL_VALUE, WP_ICOL_DATE, WP_ICOL_NOTE};
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        if (row->cells[cols[i]])
            ok &= read_cell(im, row, cols[i], v);
    const struct ind_meta *m = v->meta;
    v->value_untouched = v->has_value ? m->has_value && v->value == m->value
                                      : !m->has_value && !row->cells[WP_ICOL_VALUE];
    v->date_untouched = v->has_date ? m->date.year && wp_date_cmp(v->date, m->date) == 0
                                    : !row->cells[WP_ICOL_DATE];
    return ok;
}

static bool reports(const struct wp_update *e, const char *id, double *value)
{
    for (size_t i = 0; i < e->n_indicators; i++)
        if (e->indicators[i].id && strcmp(e->indicators[i].id, id) == 0) {
            *value = e->indicators[i].value;
            return true;
        }
    return false;
}

/*
 * Whether the value is already recorded for this indicator: dated `date`,
 * or (since set: a row whose date was left as exported, given the day of
 * its first import) dated on or after since.
 */
static bool already_have(const struct ind_importer *im, const struct ind_values *v,
                         struct wp_date date, const struct wp_date *since)
{
    const char *activity = v->ind->activity->id, *id = v->ind->id;
    size_t k;
    double got;
    for (const struct wp_update *e = wp_update_index_first(im->ctx->progress_index, activity, &k);
         e; e = wp_update_index_next(im->ctx->progress_index, &k)) {
        bool when = since ? wp_date_cmp(e->date, *since) >= 0 : wp_date_cmp(e->date, date) == 0;
        if (when && reports(e, id, &got) && got == v->value)
            return true;
    }
    const struct wp_import_result *r = im->ctx->result;
    for (size_t i = 0; i < r->n_updates; i++) {
        const struct wp_update *u = &r->updates[i];
        bool when = since ? wp_date_cmp(u->date, *since) >= 0 : wp_date_cmp(u->date, date) == 0;
        if (!when || strcmp(u->activity, activity) != 0)
            continue;
        for (size_t j = 0; j < u->n_indicators; j++)
            if (strcmp(u->indicators[j].id, id) == 0 && u->indicators[j].value == v->value)
                return true;
    }
    return false;
}

/* Whether the note was recorded already for the activity (a note goes with one value). */
static bool note_recorded(const struct ind_importer *im, const struct wp_activity *a,
                          const char *note)
{
    size_t k;
    for (const struct wp_update *e = wp_update_index_first(im->ctx->progress_index, a->id, &k); e;
         e = wp_update_index_next(im->ctx->progress_index, &k))
        if (wp_text_is_set(&e->note) && wp_import_text_matches(&e->note, note))
            return true;
    const struct wp_import_result *r = im->ctx->result;
    for (size_t i = 0; i < r->n_updates; i++)
        if (r->updates[i].note.plain && strcmp(r->updates[i].activity, a->id) == 0 &&
            strcmp(r->updates[i].note.plain, note) == 0)
            return true;
    return false;
}

/*
 * Whether the row shows the value the progress file gave as of its date
 * (latest on or before it, a later entry winning a tie): an old copy of
 * the indicator, not a report of its own.
 */
static bool shows_history(const struct ind_importer *im, const struct ind_values *v)
{
    size_t k;
    bool found = false;
    double value = 0, got;
    struct wp_date when = {0, 0, 0};
    for (const struct wp_update *e =
             wp_update_index_first(im->ctx->progress_index, v->ind->activity->id, &k);
         e; e = wp_update_index_next(im->ctx->progress_index, &k)) {
        if (wp_date_cmp(e->date, v->date) > 0 || !reports(e, v->ind->id, &got))
            continue;
        if (!found || wp_date_cmp(e->date, when) >= 0) {
            found = true;
            value = got;
            when = e->date;
        }
    }
    return found && value == v->value;
}

/* ---- one row ------------------------------------------------------------------------ */

/* A row without a value: nothing to take, unless it says something without one. */
static enum wp_import_outcome no_value(struct ind_importer *im, const struct wp_import_row *row,
                                       const struct ind_values *v)
{
    if (v->meta->has_value) {
        cell_diag(im, WP_SEV_WARNING, WP_DIAG_BAD_CELL, row->r, WP_ICOL_VALUE,
                  "the value of '%s' was deleted; a reported value is not withdrawn by import; "
                  "row not imported",
                  row->key);
        return WP_ROW_UNCHANGED;
    }
    if (v->note || !v->date_untouched) {
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_ICOL_VALUE,
                  "'%s' has a date or note but no value; row not imported", row->key);
        return WP_ROW_REFUSED;
    }
    return WP_ROW_UNCHANGED;
}

/*
 * The date the value takes: the one typed, within the plan period and not
 * after the day of the import; or, left as exported, the day of the
 * import, with a warning. WP_ROW_TAKEN to go on; WP_ROW_UNCHANGED when the value
 * is recorded already.
 */
static enum wp_import_outcome settle_date(struct ind_importer *im, const struct wp_import_row *row,
                                          struct ind_values *v, bool note_new)
{
    char d1[11], d2[11];
    if (!v->has_date || v->date_untouched) {
        const struct wp_date *since = &v->meta->date;
        if (!note_new && already_have(im, v, v->date, since))
            return WP_ROW_UNCHANGED;
        v->date = im->ctx->today;
        wp_date_iso(v->date, d1);
        cell_diag(im, WP_SEV_WARNING, WP_DIAG_BAD_CELL, row->r, WP_ICOL_DATE,
                  "'%s' was changed but its date of measurement was not; taken as of %s, the day "
                  "of the import",
                  row->key, d1);
        return WP_ROW_TAKEN;
    }
    struct wp_date first = {im->ctx->plan->period_from, 1, 1};
    wp_date_iso(v->date, d1);
    if (wp_date_cmp(v->date, first) < 0) {
        wp_date_iso(first, d2);
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_OUTSIDE_PERIOD, row->r, WP_ICOL_DATE,
                  "date '%s' is before the plan period starts (%s)", d1, d2);
        return WP_ROW_REFUSED;
    }
    if (wp_date_cmp(v->date, im->ctx->today) > 0) {
        wp_date_iso(im->ctx->today, d2);
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_ICOL_DATE,
                  "date '%s' is after the day of the import (%s)", d1, d2);
        return WP_ROW_REFUSED;
    }
    /* a new note is never recorded yet (note_recorded): it goes in with its value */
    return !note_new && already_have(im, v, v->date, NULL) ? WP_ROW_UNCHANGED : WP_ROW_TAKEN;
}

/* The workbook's member reports: its values are its own, as on the Tracker. */
static const char *reporter(const struct ind_importer *im)
{
    const struct wp_plan *plan = im->ctx->plan;
    const struct wp_country *m = wp_plan_find_country(plan, im->ctx->member);
    const struct wp_party *p = wp_plan_find_party(plan, im->ctx->member);
    return m ? m->code : p ? p->id : NULL;
}

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Joins an update of this workbook for the same activity, day and reporter, or starts one. */
static void take(struct ind_importer *im, const struct wp_import_row *row,
                 const struct ind_values *v)
{
    struct wp_import_result *r = im->ctx->result;
    const char *who = reporter(im);
    const char *activity = v->ind->activity->id;
    struct wp_update *u = NULL;
    for (size_t i = im->ctx->first_new; i < r->n_updates && !u; i++) {
        struct wp_update *e = &r->updates[i];
        if (strcmp(e->activity, activity) == 0 && wp_date_cmp(e->date, v->date) == 0 &&
            same_str(e->reported_by, who) &&
            (!v->note || !e->note.plain || !strcmp(e->note.plain, v->note)))
            u = e;
    }
    if (!u) {
        WP_GROW(r->updates, r->cap_updates, r->n_updates + 1);
        u = &r->updates[r->n_updates++];
        *u = (struct wp_update){.activity = wp_import_keep(r, activity), .date = v->date};
        u->reported_by = wp_import_keep(r, who);
    }
    if (v->note && !u->note.plain)
        u->note.plain = wp_import_keep(r, v->note);
    /* a few values an update: grown one at a time */
    u->indicators = wp_xrealloc(u->indicators, (u->n_indicators + 1) * sizeof(*u->indicators));
    u->indicators[u->n_indicators++] = (struct wp_indicator_report){
        .id = wp_import_keep(r, v->ind->id), .pos = {row->r, 0}, .value = v->value};
}

/* An old copy (exported before a newer value came in) is no report. */
static bool old_copy(const struct ind_importer *im, const struct ind_values *v)
{
    return (v->value_untouched && v->date_untouched) ||
           (v->has_date && !v->date_untouched && shows_history(im, v));
}

static enum wp_import_outcome import_row(struct ind_importer *im, const struct wp_import_row *row)
{
    struct ind_values v = {0};
    enum wp_import_outcome o = row_indicator(im, row, &v.ind, &v.meta);
    if (o != WP_ROW_TAKEN)
        return o;
    if (!read_editable(im, row, &v))
        return WP_ROW_REFUSED;
    if (!v.has_value)
        return no_value(im, row, &v);
    const struct wp_indicator *ind = v.ind;
    bool note_new = v.note && !note_recorded(im, ind->activity, v.note);
    bool new_value = !ind->has_value || v.value != ind->value;
    bool newer_date = v.has_date && !v.date_untouched &&
                      (!ind->has_value || wp_date_cmp(v.date, ind->value_date) > 0);
    if (!new_value && !newer_date && !note_new)
        return WP_ROW_UNCHANGED;
    if (!note_new && old_copy(im, &v))
        return WP_ROW_UNCHANGED;
    if ((o = settle_date(im, row, &v, note_new)) != WP_ROW_TAKEN)
        return o;
    if (ind->has_value && wp_date_cmp(v.date, ind->value_date) < 0) {
        char d1[11], d2[11];
        wp_date_iso(v.date, d1);
        wp_date_iso(ind->value_date, d2);
        cell_diag(im, WP_SEV_WARNING, WP_DIAG_BAD_CELL, row->r, WP_ICOL_DATE,
                  "value of %s is older than the latest value of '%s' (%s); row not imported", d1,
                  row->key, d2);
        return WP_ROW_SUPERSEDED;
    }
    take(im, row, &v);
    return WP_ROW_TAKEN;
}

static enum wp_error import_sheet(struct ind_importer *im)
{
    struct wp_xlsxr *x = im->ctx->x;
    struct wp_xlsxr_sheet *meta;
    int age = -1;
    enum wp_error err =
        wp_import_hidden_open(im->ctx->diags, im->ctx->path, x, &wp_indicators_hidden, &meta, &age);
    if (!err && !meta)
        return WP_OK;      /* made before indicators existed, or for a plan without them */
    im->packed = age == 0; /* format 1 has a record a row (columns.h) */
    if (!err)
        err = check_meta(im, meta);
    if (!err)
        err = read_meta_rows(im, meta);
    if (!err)
        err = find_sheet(im, meta);
    if (err)
        return err;
    map_columns(im);
    for (int c = 0; c < WP_ICOL_COUNT; c++)
        im->derived[c] = wp_indicator_columns[c].role == WP_IND_DERIVED;
    im->rows = (struct wp_import_rows_spec){im->colmap, WP_ICOL_COUNT, im->derived,
                                            .blank_is_empty = true, .what = "indicator"};
    size_t n;
    struct wp_import_row *rows = wp_import_gather_rows(x, im->sheet, &im->rows, &n);
    for (size_t i = 0; i < n; i++) {
        /* a duplicated id: one diagnostic, at each later row; the first is refused silently */
        if (rows[i].duplicate && rows[i].first_row == rows[i].r)
            wp_import_count(im->ctx->result, WP_ROW_REFUSED);
        else
            wp_import_count(im->ctx->result, import_row(im, &rows[i]));
    }
    free(rows);
    return WP_OK;
}

enum wp_error wp_import_indicator_sheet(struct wp_import_ctx *ctx)
{
    struct ind_importer im = {.ctx = ctx, .tmp = WP_BUF_INIT};
    wp_strmap_init(&im.by_ref);
    enum wp_error err = import_sheet(&im);
    wp_strmap_release(&im.by_ref);
    free(im.meta);
    wp_buf_release(&im.tmp);
    return err;
}
