/*
 * The Indicators sheet of a returned workbook, as the one importer reads
 * it (sheet_import.c): its descriptor, and what its rows mean: indicator
 * values of dated updates. The importer proves the hidden `_indicators`
 * sheet and each row's locked cells as on the Tracker; here, a value
 * already in the progress file (or given by an earlier workbook of this
 * import) is not taken again.
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

/* A number rounded to the 15 significant digits the progress file keeps. */
static double round15(double v)
{
    char num[32];
    wp_number_str(v, num);
    return strtod(num, NULL);
}

/* ---- the hidden sheet and the plan ------------------------------------------------ */

/* The plan and member of the workbook's _workplan (format and fingerprint: wp_import_hidden_read).
 */
static enum wp_error begin(struct wp_import_sheet *s)
{
    struct wp_import_ctx *ctx = s->ctx;
    const char *plan_id = wp_import_hidden_value(&s->hidden, "plan");
    const char *member = wp_import_trimmed(&s->tmp, wp_import_hidden_value(&s->hidden, "member"));
    if (!ctx->plan->id || strcmp(plan_id, ctx->plan->id) != 0 || strcmp(member, ctx->member) != 0)
        return wp_import_refuse(ctx->diags, ctx->path, WP_DIAG_WORKBOOK, NULL,
                                "%s: the hidden sheets '%s' and '%s' are of different workbooks; "
                                "export the workbook again",
                                WP_IND_META_SHEET, WP_IND_META_SHEET, WP_META_SHEET);
    return WP_OK;
}

/* ACTIVITY-ID/INDICATOR-ID -> the indicator, or NULL. */
static const void *find_indicator(const struct wp_import_sheet *s, const char *key)
{
    const char *slash = strchr(key, '/');
    if (!slash)
        return NULL;
    char *activity = wp_arena_strndup(&s->ctx->x->arena, key, (size_t)(slash - key));
    const struct wp_activity *a = wp_plan_find_activity(s->ctx->plan, activity);
    return a ? wp_activity_find_indicator(a, slash + 1) : NULL;
}

/* The grey Expected now and On track cells as exported: -1, else the column changed. */
static int derived_changed(const struct wp_import_sheet *s, const struct wp_import_row *row,
                           const void *obj)
{
    /* another version of the plan may give another Expected value: On track only */
    struct wp_date built = s->ctx->other_version ? (struct wp_date){0, 0, 0} : s->ctx->built;
    return wp_import_derived_changed(obj, built, row->cells[WP_ICOL_EXPECTED],
                                     row->cells[WP_ICOL_ON_TRACK]);
}

static struct wp_import_col column(unsigned c)
{
    const struct wp_indicator_column *i = &wp_indicator_columns[c];
    enum wp_import_role role = i->role == WP_IND_LOCKED     ? WP_ROLE_LOCKED
                               : i->role == WP_IND_EDITABLE ? WP_ROLE_EDITABLE
                                                            : WP_ROLE_DERIVED;
    return (struct wp_import_col){i->title, role, c == WP_ICOL_BY || c == WP_ICOL_DATE};
}

/* What the exporter writes in a locked column for the indicator now, into b. */
static void expected_locked(const struct wp_import_sheet *s, const void *obj, unsigned col,
                            struct wp_buf *b)
{
    const struct wp_indicator *ind = obj;
    const struct wp_plan *plan = s->ctx->plan;
    const char *lang = wp_label_has_language(s->ctx->lang) ? s->ctx->lang : NULL;
    char buf[32] = "";
    const char *text = buf;
    const struct wp_text *t = col == WP_ICOL_ACTIVITY ? &ind->activity->title
                              : col == WP_ICOL_TEXT   ? &ind->text
                              : col == WP_ICOL_UNIT   ? &ind->unit
                                                      : NULL;
    if (t)
        text = wp_text_is_set(t) ? wp_text_get(plan, t, lang) : "";
    else if (col == WP_ICOL_BASELINE || col == WP_ICOL_TARGET)
        wp_number_str(col == WP_ICOL_BASELINE ? ind->baseline : ind->target, buf);
    else if (col == WP_ICOL_BY)
        wp_date_iso(wp_period_last_day(&ind->by), buf);
    wp_buf_reset(b);
    wp_buf_adds(b, text);
}

/* ---- the editable cells ------------------------------------------------------------ */

/* What a row says in its editable cells. */
struct ind_values {
    const struct wp_indicator *ind;
    const struct wp_hidden_value *exported_date;  /* of the value as exported */
    const struct wp_hidden_value *exported_value; /* as exported */
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
static int read_number(struct wp_import_sheet *s, const struct wp_xlsxr_cell *c, double *out)
{
    double v;
    if (c->type == WP_XCELL_NUMBER) {
        /* "45%" typed in a cell is stored as 0.45: take what the person sees */
        v = c->is_percent ? c->num * 100 : c->num;
    } else if (c->type == WP_XCELL_TEXT) {
        const char *text = wp_import_trimmed(&s->tmp, c->text);
        char *end;
        v = strtod(text, &end);
        if (end == text || *end || strspn(text, "+-.0123456789eE") != strlen(text))
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
static bool not_plain_number(struct wp_import_sheet *s, const struct wp_import_row *row,
                             const struct wp_xlsxr_cell *c, struct ind_values *v)
{
    char b[32], iso[16];
    double pct = 0;
    enum wp_value_kind kind = wp_import_value_kind(c, &pct);
    v->has_value = false;
    if (kind == WP_VALUE_DATE) {
        struct wp_date d;
        if (c->type == WP_XCELL_NUMBER &&
            wp_xlsxr_serial_to_date(c->num, s->ctx->x->date1904, &d) == 0)
            wp_date_iso(d, iso);
        else
            snprintf(iso, sizeof iso, "%s", wp_import_cell_text(c, b));
        wp_import_sheet_diag(
            s, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_ICOL_VALUE,
            "value '%s' of '%s' is a date, not a number; type the number itself (in a "
            "cell formatted as a number)",
            iso, row->key);
        return true;
    }
    if (kind != WP_VALUE_PERCENT)
        return false;
    const char *unit = v->ind ? wp_text_get(s->ctx->plan, &v->ind->unit, s->ctx->lang) : NULL;
    if (!wp_import_unit_is_percent(unit)) {
        wp_import_sheet_diag(
            s, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_ICOL_VALUE,
            "value '%s' of '%s' is a percentage, but the indicator's unit is not '%%'",
            wp_import_cell_text(c, b), row->key);
        return true;
    }
    v->value = round15(pct);
    v->has_value = true;
    return true;
}

static bool read_cell(struct wp_import_sheet *s, const struct wp_import_row *row,
                      enum wp_ind_col col, struct ind_values *v)
{
    const struct wp_xlsxr_cell *c = row->cells[col];
    char b[32];
    if (wp_import_sheet_formula(s, row, col))
        return false;
    if (col == WP_ICOL_VALUE && not_plain_number(s, row, c, v))
        return v->has_value;
    if (col == WP_ICOL_VALUE) {
        int bad = read_number(s, c, &v->value);
        v->has_value = bad == 0;
        if (bad)
            wp_import_sheet_diag(
                s, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, col,
                bad == 1 ? "value '%s' of '%s' is not a number"
                         : "value '%s' of '%s' is too large (at most 15 digits before the "
                           "decimal point)",
                wp_import_cell_text(c, b), row->key);
        return v->has_value;
    }
    if (col == WP_ICOL_DATE) {
        v->has_date = wp_import_read_date(s->ctx->x, c, &v->date);
        if (!v->has_date)
            wp_import_sheet_diag(s, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, col,
                                 "cannot read date '%s' (write it as YYYY-MM-DD)",
                                 wp_import_cell_text(c, b));
        return v->has_date;
    }
    const char *note = wp_import_trimmed(&s->tmp, wp_import_cell_text(c, b));
    if (!*note)
        return true;
    /* the length is that of the note as typed, as on the Tracker */
    uint32_t dropped;
    v->note = wp_import_printable_copy(&s->ctx->x->arena, note, &dropped);
    return wp_import_note_ok(s->ctx->diags, s->ctx->path, s->sheet_ref, row->r, s->colmap[col],
                             note, dropped);
}

/* Reads every editable cell (each bad one is named); false when one is bad. */
static bool read_editable(struct wp_import_sheet *s, const struct wp_import_row *row,
                          struct ind_values *v)
{
    bool ok = true;
    static const enum wp_ind_col cols[] = {WP_ICOL_VALUE, WP_ICOL_DATE, WP_ICOL_NOTE};
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        if (row->cells[cols[i]])
            ok &= read_cell(s, row, cols[i], v);
    const struct wp_hidden_value *value = v->exported_value, *date = v->exported_date;
    v->value_untouched = v->has_value ? value->set && v->value == value->num
                                      : !value->set && !row->cells[WP_ICOL_VALUE];
    v->date_untouched = v->has_date ? date->set && wp_date_cmp(v->date, date->date) == 0
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
static bool already_have(const struct wp_import_sheet *s, const struct ind_values *v,
                         struct wp_date date, const struct wp_date *since)
{
    const char *activity = v->ind->activity->id, *id = v->ind->id;
    size_t k;
    double got;
    for (const struct wp_update *e = wp_update_index_first(&s->ctx->progress_index, activity, &k);
         e; e = wp_update_index_next(&s->ctx->progress_index, &k)) {
        bool when = since ? wp_date_cmp(e->date, *since) >= 0 : wp_date_cmp(e->date, date) == 0;
        if (when && reports(e, id, &got) && got == v->value)
            return true;
    }
    const struct wp_import_result *r = s->ctx->result;
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
static bool note_recorded(const struct wp_import_sheet *s, const struct wp_activity *a,
                          const char *note)
{
    size_t k;
    for (const struct wp_update *e = wp_update_index_first(&s->ctx->progress_index, a->id, &k); e;
         e = wp_update_index_next(&s->ctx->progress_index, &k))
        if (wp_text_is_set(&e->note) && wp_import_text_matches(&e->note, note))
            return true;
    const struct wp_import_result *r = s->ctx->result;
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
static bool shows_history(const struct wp_import_sheet *s, const struct ind_values *v)
{
    size_t k;
    bool found = false;
    double value = 0, got;
    struct wp_date when = {0, 0, 0};
    for (const struct wp_update *e =
             wp_update_index_first(&s->ctx->progress_index, v->ind->activity->id, &k);
         e; e = wp_update_index_next(&s->ctx->progress_index, &k)) {
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
static enum wp_import_outcome no_value(struct wp_import_sheet *s, const struct wp_import_row *row,
                                       const struct ind_values *v)
{
    if (v->exported_value->set) {
        wp_import_sheet_diag(
            s, WP_SEV_WARNING, WP_DIAG_BAD_CELL, row->r, WP_ICOL_VALUE,
            "the value of '%s' was deleted; a reported value is not withdrawn by import; "
            "row not imported",
            row->key);
        return WP_ROW_UNCHANGED;
    }
    if (v->note || !v->date_untouched) {
        wp_import_sheet_diag(s, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_ICOL_VALUE,
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
static enum wp_import_outcome settle_date(struct wp_import_sheet *s,
                                          const struct wp_import_row *row, struct ind_values *v,
                                          bool note_new)
{
    char d1[11];
    if (!v->has_date || v->date_untouched) {
        const struct wp_date *since = &v->exported_date->date;
        if (!note_new && already_have(s, v, v->date, since))
            return WP_ROW_UNCHANGED;
        v->date = s->ctx->today;
        wp_date_iso(v->date, d1);
        wp_import_sheet_diag(
            s, WP_SEV_WARNING, WP_DIAG_BAD_CELL, row->r, WP_ICOL_DATE,
            "'%s' was changed but its date of measurement was not; taken as of %s, the day "
            "of the import",
            row->key, d1);
        return WP_ROW_TAKEN;
    }
    if (!wp_import_sheet_date_ok(s, row, WP_ICOL_DATE, v->date))
        return WP_ROW_REFUSED;
    /* a new note is never recorded yet (note_recorded): it goes in with its value */
    return !note_new && already_have(s, v, v->date, NULL) ? WP_ROW_UNCHANGED : WP_ROW_TAKEN;
}

/* The workbook's member reports: its values are its own, as on the Tracker. */
static const char *reporter(const struct wp_import_sheet *s)
{
    const struct wp_plan *plan = s->ctx->plan;
    const struct wp_country *m = wp_plan_find_country(plan, s->ctx->member);
    const struct wp_party *p = wp_plan_find_party(plan, s->ctx->member);
    return m ? m->code : p ? p->id : NULL;
}

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Joins an update of this workbook for the same activity, day and reporter, or starts one. */
static void take(struct wp_import_sheet *s, const struct wp_import_row *row,
                 const struct ind_values *v)
{
    struct wp_import_result *r = s->ctx->result;
    const char *who = reporter(s);
    const char *activity = v->ind->activity->id;
    struct wp_update *u = NULL;
    for (size_t i = s->ctx->first_new; i < r->n_updates && !u; i++) {
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
static bool old_copy(const struct wp_import_sheet *s, const struct ind_values *v)
{
    return (v->value_untouched && v->date_untouched) ||
           (v->has_date && !v->date_untouched && shows_history(s, v));
}

static enum wp_import_outcome take_row(struct wp_import_sheet *s, const struct wp_import_row *row,
                                       const void *obj, const struct wp_hidden_record *rec)
{
    struct ind_values v = {
        .ind = obj, .exported_date = &rec->field[2], .exported_value = &rec->field[3]};
    enum wp_import_outcome o;
    if (!read_editable(s, row, &v))
        return WP_ROW_REFUSED;
    if (!v.has_value)
        return no_value(s, row, &v);
    const struct wp_indicator *ind = v.ind;
    bool note_new = v.note && !note_recorded(s, ind->activity, v.note);
    bool new_value = !ind->has_value || v.value != ind->value;
    bool newer_date = v.has_date && !v.date_untouched &&
                      (!ind->has_value || wp_date_cmp(v.date, ind->value_date) > 0);
    if (!new_value && !newer_date && !note_new)
        return WP_ROW_UNCHANGED;
    if (!note_new && old_copy(s, &v))
        return WP_ROW_UNCHANGED;
    if ((o = settle_date(s, row, &v, note_new)) != WP_ROW_TAKEN)
        return o;
    if (ind->has_value && wp_date_cmp(v.date, ind->value_date) < 0) {
        char d1[11], d2[11];
        wp_date_iso(v.date, d1);
        wp_date_iso(ind->value_date, d2);
        wp_import_sheet_diag(
            s, WP_SEV_WARNING, WP_DIAG_BAD_CELL, row->r, WP_ICOL_DATE,
            "value of %s is older than the latest value of '%s' (%s); row not imported", d1,
            row->key, d2);
        return WP_ROW_SUPERSEDED;
    }
    take(s, row, &v);
    return WP_ROW_TAKEN;
}

/* REF,HEX,DATE,VALUE records (columns.h); a row a key, ACTIVITY-ID/INDICATOR-ID. */
const struct wp_import_sheet_desc wp_import_indicators_sheet = {
    .hidden = &wp_indicators_hidden,
    .required = false, /* made before indicators existed, or for a plan without them */
    .names = {"sheet", WP_L_SHEET_INDICATORS, "indicators", "indicator"},
    .blank_is_empty = true,
    .n_cols = WP_ICOL_COUNT,
    .col = column,
    .fingerprint = wp_indicator_fingerprint,
    .begin = begin,
    .find = find_indicator,
    .expected = expected_locked,
    .derived_changed = derived_changed,
    .take = take_row,
};
