/*
 * The Tracker sheet of a returned workbook, as the one importer reads it
 * (sheet_import.c): its descriptor, and what its rows mean. Its hidden
 * `_workplan` sheet names the workbook's plan, version, language and member
 * (columns.h); a changed row becomes a dated update of its activity, when
 * it says something the activity's current state does not.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import_internal.h"
#include "load/input.h"
#include "workplan/labels.h"
#include "xlsx/columns.h"
#include "xlsx/xlsx_text.h"

/* ---- the hidden sheet and the plan ---------------------------------------------- */

/* The plan and its version (the format and fingerprint are proved by wp_import_hidden_read). */
static enum wp_error begin(struct wp_import_sheet *s)
{
    struct wp_import_ctx *ctx = s->ctx;
    const struct wp_hidden_in *h = &s->hidden;
    const char *plan_id = wp_import_hidden_value(h, "plan");
    if (!ctx->plan->id || strcmp(plan_id, ctx->plan->id) != 0)
        return wp_import_refuse(ctx->diags, ctx->path, WP_DIAG_PLAN_MISMATCH, NULL,
                                "workbook is for plan '%s', not '%s'", plan_id,
                                ctx->plan->id ? ctx->plan->id : "");
    const char *version = wp_import_hidden_value(h, "version");
    const char *plan_version = ctx->plan->version ? ctx->plan->version : "";
    if (strcmp(version, plan_version) != 0) {
        ctx->other_version = true;
        wp_diags_add(ctx->diags, WP_SEV_WARNING, WP_DIAG_VERSION_MISMATCH, ctx->path,
                     (struct wp_pos){0, 0},
                     "workbook was made from version '%s' of the plan, which is now version '%s'",
                     version, plan_version);
    }
    ctx->lang = wp_import_hidden_value(h, "lang");
    ctx->member = wp_arena_strdup(&ctx->x->arena,
                                  wp_import_trimmed(&s->tmp, wp_import_hidden_value(h, "member")));
    if (wp_date_parse(wp_import_hidden_value(h, "built"), &ctx->built) != 0)
        ctx->built = (struct wp_date){0, 0, 0};
    return WP_OK;
}

static const void *find_activity(const struct wp_import_sheet *s, const char *key)
{
    return wp_plan_find_activity(s->ctx->plan, key);
}

static struct wp_import_col column(unsigned c)
{
    const struct wp_tracker_column *t = &wp_tracker_columns[c];
    return (struct wp_import_col){t->title, t->editable ? WP_ROLE_EDITABLE : WP_ROLE_LOCKED,
                                  t->kind == WP_CELL_DATE};
}

/* What the exporter writes today in a locked column, to name the cell that changed. */
static void expected_locked(const struct wp_import_sheet *s, const void *obj, unsigned col,
                            struct wp_buf *b)
{
    const struct wp_activity *a = obj;
    const struct wp_plan *plan = s->ctx->plan;
    const char *lang = wp_label_has_language(s->ctx->lang) ? s->ctx->lang : NULL;
    wp_buf_reset(b);
    wp_buf_adds(b, "");
    switch (col) {
    case WP_COL_ID:
        wp_buf_adds(b, a->id);
        break;
    case WP_COL_AREA:
        if (a->area && wp_text_is_set(&a->area->title))
            wp_buf_adds(b, wp_text_get(plan, &a->area->title, lang));
        break;
    case WP_COL_TITLE:
        if (wp_text_is_set(&a->title))
            wp_buf_adds(b, wp_text_get(plan, &a->title, lang));
        break;
    case WP_COL_LEAD:
    case WP_COL_PARTNERS: {
        const struct wp_str_list *l = col == WP_COL_LEAD ? &a->lead : &a->partners;
        for (size_t i = 0; i < l->n; i++) {
            if (!l->items[i].s)
                continue;
            if (b->len)
                wp_buf_adds(b, ", ");
            wp_buf_adds(b, wp_plan_ref_name(plan, l->items[i].s, lang));
        }
        break;
    }
    case WP_COL_START:
    case WP_COL_END: {
        struct wp_date d =
            col == WP_COL_START ? wp_period_first_day(&a->start) : wp_period_last_day(&a->end);
        char iso[11];
        if (wp_date_is_valid(d)) {
            wp_date_iso(d, iso);
            wp_buf_adds(b, iso);
        }
        break;
    }
    default:
        break;
    }
}

/*
 * Progress as a whole number 0..100: a plain number (40), a number in a
 * percent cell (0.4 shows as 40%), or text of decimal digits with an
 * optional "%" ("40", "40%", "40 %"). Nothing else: no "0x28", "4e1",
 * "+40" or "40.0", which strtod would take.
 */
static bool read_progress(const struct wp_xlsxr_cell *c, int *out)
{
    double v;
    if (c->type == WP_XCELL_NUMBER) {
        v = c->is_percent ? c->num * 100 : c->num;
        double r = round(v);
        if (!isfinite(v) || fabs(v - r) > 1e-9 || r < 0 || r > 100)
            return false;
        *out = (int)r;
        return true;
    }
    if (c->type != WP_XCELL_TEXT)
        return false;
    const char *p = c->text;
    while (*p == ' ')
        p++;
    size_t digits = strspn(p, "0123456789");
    if (digits == 0 || digits > 3)
        return false;
    int n = atoi(p);
    p += digits;
    while (*p == ' ')
        p++;
    if (*p == '%')
        p++;
    while (*p == ' ')
        p++;
    if (*p || n > 100)
        return false;
    *out = n;
    return true;
}

/* "PE – Peru", "PE" or "Perú" -> "PE"; NULL when it names nobody. */
static const char *reporter_code(const struct wp_import_sheet *s, const char *cell)
{
    const struct wp_plan *plan = s->ctx->plan;
    size_t start;
    size_t n = wp_tracker_reporter_code(cell, &start);
    if (n == 0)
        return NULL;
    char code[16];
    if (n < sizeof code) {
        memcpy(code, cell + start, n);
        code[n] = '\0';
        const struct wp_party *p = wp_plan_find_party(plan, code);
        if (p)
            return p->id;
        const struct wp_country *c = wp_plan_find_country(plan, code);
        if (c)
            return c->code;
    }
    struct wp_buf b = WP_BUF_INIT;
    const char *name = wp_import_trimmed(&b, cell);
    const char *found = NULL;
    for (size_t i = 0; !found && i < plan->n_parties; i++)
        if (wp_import_text_matches(&plan->party_list[i].name, name))
            found = plan->party_list[i].id;
    for (size_t i = 0; !found && i < plan->n_countries; i++)
        if (wp_import_text_matches(&plan->countries[i].name, name))
            found = plan->countries[i].code;
    wp_buf_release(&b);
    return found;
}

/*
 * Whether the note cell says what note t says: typed the same (blanks
 * trimmed), or left exactly as the exporter wrote it, cut to a cell's
 * limit. A note too long for a cell comes back cut; that is no new note.
 */
static bool same_note(const struct wp_import_sheet *s, const struct wp_text *t, const char *raw,
                      const char *note)
{
    if (!wp_text_is_set(t))
        return false;
    const char *cur =
        wp_text_get(s->ctx->plan, t, wp_label_has_language(s->ctx->lang) ? s->ctx->lang : NULL);
    if (!cur)
        return false;
    if (strcmp(cur, note) == 0)
        return true;
    struct wp_buf scratch = WP_BUF_INIT;
    bool same = strcmp(wp_xlsx_safe_text(cur, WP_XLSX_MAX_CELL_CHARS, &scratch, NULL), raw) == 0;
    wp_buf_release(&scratch);
    return same;
}

/* The values a row gives in its editable columns. */
struct row_values {
    const struct wp_activity *a;
    struct wp_date exported; /* "last update" as exported; year 0 when blank */
    struct wp_update u;
    bool has_date;       /* a date was read from the cell */
    bool date_untouched; /* the cell holds the date it was exported with (or both blank) */
    const char *reporter;
    const char *note;     /* trimmed, NULL when blank */
    const char *note_raw; /* as in the cell */
    bool note_changed;
};

/* Whether update e of the progress file says what v says (status, progress, note). */
static bool same_values(const struct wp_update *e, const struct wp_update *u)
{
    if (u->has_status && (!e->has_status || e->status != u->status))
        return false;
    if (u->has_progress && (!e->has_progress || e->progress != u->progress))
        return false;
    return !u->note.plain || wp_import_text_matches(&e->note, u->note.plain);
}

/* Already in the progress file. */
static bool in_progress_file(const struct wp_import_sheet *s, const struct row_values *v)
{
    const struct wp_update *u = &v->u;
    size_t k;
    for (const struct wp_update *e =
             wp_update_index_first(&s->ctx->progress_index, u->activity, &k);
         e; e = wp_update_index_next(&s->ctx->progress_index, &k)) {
        /*
         * An undated change was given the day of its first import; on a later
         * day it is the same change when an update since the export holds it.
         */
        bool same_day = v->date_untouched ? wp_date_cmp(e->date, v->exported) >= 0
                                          : wp_date_cmp(e->date, u->date) == 0;
        if (same_day && same_values(e, u))
            return true;
    }
    return false;
}

/* Already taken from an earlier workbook of this run. */
static bool in_this_run(const struct wp_import_sheet *s, const struct wp_update *u)
{
    const struct wp_import_result *r = s->ctx->result;
    for (size_t k = (size_t)(uintptr_t)wp_strmap_get(&s->ctx->res_heads, u->activity); k;
         k = s->ctx->res_next[k - 1])
        if (wp_update_same(&r->updates[k - 1], u))
            return true;
    return false;
}

/* Already written: the progress file or an earlier workbook of this run has it. */
static bool already_have(const struct wp_import_sheet *s, const struct row_values *v)
{
    return in_progress_file(s, v) || in_this_run(s, &v->u);
}

/* What a Tracker row showed of an activity on some day. */
struct shown_state {
    enum wp_status status;
    int progress;
    const struct wp_text *note; /* NULL when none */
    const char *reported_by;    /* of the latest update; NULL when none */
};

/*
 * The activity as it was on `date` (year 0: before any update): the
 * plan's own state with the progress file's updates up to that day laid
 * over it, the same rule as wp_progress_apply.
 */
static void state_at(const struct wp_import_sheet *s, const struct wp_activity *a,
                     struct wp_date date, struct shown_state *out)
{
    *out = (struct shown_state){a->status, a->progress, NULL, NULL};
    struct wp_date st = {0, 0, 0}, pr = {0, 0, 0}, nt = {0, 0, 0}, latest = {0, 0, 0};
    size_t k;
    for (const struct wp_update *e =
             date.year ? wp_update_index_first(&s->ctx->progress_index, a->id, &k) : NULL;
         e; e = wp_update_index_next(&s->ctx->progress_index, &k)) {
        if (wp_date_cmp(e->date, date) > 0)
            continue;
        if (wp_date_cmp(e->date, latest) >= 0) {
            out->reported_by = e->reported_by;
            latest = e->date;
        }
        if (e->has_status && wp_date_cmp(e->date, st) >= 0) {
            out->status = e->status;
            st = e->date;
        }
        if (e->has_progress && wp_date_cmp(e->date, pr) >= 0) {
            out->progress = e->progress;
            pr = e->date;
        }
        if (wp_text_is_set(&e->note) && wp_date_cmp(e->date, nt) >= 0) {
            out->note = &e->note;
            nt = e->date;
        }
    }
}

/* Whether every value of the row is the one the state shows. */
static bool row_shows(const struct wp_import_sheet *s, const struct row_values *v,
                      const struct shown_state *state)
{
    if (v->u.has_status && v->u.status != state->status)
        return false;
    if (v->u.has_progress && v->u.progress != state->progress)
        return false;
    return !v->note || (state->note && same_note(s, state->note, v->note_raw, v->note));
}

/*
 * A cell left as it was exported is no report: in a workbook exported
 * before a newer update, it would undo that update. Values equal to the
 * current state stay (they restate it and harm nothing).
 */
static void drop_untouched(const struct wp_import_sheet *s, struct row_values *v,
                           const struct shown_state *exported)
{
    const struct wp_current *cur = &v->a->current;
    if (v->u.has_status && v->u.status == exported->status && v->u.status != cur->status)
        v->u.has_status = false;
    if (v->u.has_progress && v->u.progress == exported->progress && v->u.progress != cur->progress)
        v->u.has_progress = false;
    if (v->note_changed && exported->note && same_note(s, exported->note, v->note_raw, v->note))
        v->note_changed = false;
    /* the exported reporter left in place: the workbook's member reports now */
    if (*s->ctx->member && v->reporter && exported->reported_by &&
        strcmp(v->reporter, exported->reported_by) == 0)
        v->reporter = NULL;
}

/* ---- the editable columns, one reader each (driven by the column map) -------- */

typedef bool (*cell_reader)(struct wp_import_sheet *s, const struct wp_import_row *row,
                            const struct wp_xlsxr_cell *c, struct row_values *v);

static bool take_status(struct wp_import_sheet *s, const struct wp_import_row *row,
                        const struct wp_xlsxr_cell *c, struct row_values *v)
{
    char b[32];
    int status = c->type == WP_XCELL_TEXT ? wp_status_from_label(c->text) : -1;
    if (status < 0) {
        wp_import_sheet_diag(s, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_COL_STATUS,
                             "unknown status '%s'", wp_import_cell_text(c, b));
        return false;
    }
    v->u.has_status = true;
    v->u.status = (enum wp_status)status;
    return true;
}

static bool take_progress(struct wp_import_sheet *s, const struct wp_import_row *row,
                          const struct wp_xlsxr_cell *c, struct row_values *v)
{
    char b[32];
    if (!read_progress(c, &v->u.progress)) {
        wp_import_sheet_diag(s, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_COL_PROGRESS,
                             "progress '%s' is not a whole number from 0 to 100",
                             wp_import_cell_text(c, b));
        return false;
    }
    v->u.has_progress = true;
    return true;
}

static bool take_date(struct wp_import_sheet *s, const struct wp_import_row *row,
                      const struct wp_xlsxr_cell *c, struct row_values *v)
{
    char b[32];
    if (!wp_import_read_date(s->ctx->x, c, &v->u.date)) {
        wp_import_sheet_diag(s, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_COL_UPDATED,
                             "cannot read date '%s' (write it as YYYY-MM-DD)",
                             wp_import_cell_text(c, b));
        return false;
    }
    v->has_date = true;
    return true;
}

static bool take_reporter(struct wp_import_sheet *s, const struct wp_import_row *row,
                          const struct wp_xlsxr_cell *c, struct row_values *v)
{
    char b[32];
    v->reporter = reporter_code(s, wp_import_cell_text(c, b));
    if (!v->reporter) {
        wp_import_sheet_diag(s, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_COL_REPORTED_BY,
                             "unknown reporter '%s'", wp_import_cell_text(c, b));
        return false;
    }
    return true;
}

static bool take_note(struct wp_import_sheet *s, const struct wp_import_row *row,
                      const struct wp_xlsxr_cell *c, struct row_values *v)
{
    char b[32];
    uint32_t dropped;
    v->note_raw = wp_arena_strdup(&s->ctx->x->arena, wp_import_cell_text(c, b));
    const char *note = wp_import_printable_copy(&s->ctx->x->arena,
                                                wp_import_trimmed(&s->tmp, v->note_raw), &dropped);
    if (!*wp_import_trimmed(&s->tmp, note))
        return true;
    v->note = wp_arena_strdup(&s->ctx->x->arena, s->tmp.data);
    v->note_changed = !same_note(s, &v->a->current.note, v->note_raw, v->note);
    if (!v->note_changed)
        return true;
    return wp_import_note_ok(s->ctx->diags, s->ctx->path, s->sheet_ref, row->r,
                             s->colmap[WP_COL_NOTE], v->note, dropped);
}

static const struct {
    enum wp_tracker_col col;
    cell_reader read;
} editable_readers[] = {
    {WP_COL_STATUS, take_status}, {WP_COL_PROGRESS, take_progress},
    {WP_COL_UPDATED, take_date},  {WP_COL_REPORTED_BY, take_reporter},
    {WP_COL_NOTE, take_note},
};

/* Reads every editable cell (all of them, so each bad one is named); false when one is bad. */
static bool read_editable(struct wp_import_sheet *s, const struct wp_import_row *row,
                          struct row_values *v)
{
    bool ok = true;
    for (size_t i = 0; i < sizeof editable_readers / sizeof editable_readers[0]; i++) {
        enum wp_tracker_col col = editable_readers[i].col;
        const struct wp_xlsxr_cell *c = row->cells[col];
        if (!c)
            continue;
        if (wp_import_sheet_formula(s, row, col))
            ok = false;
        else
            ok &= editable_readers[i].read(s, row, c, v);
    }
    struct wp_date exported = v->exported;
    v->date_untouched = v->has_date ? exported.year && wp_date_cmp(v->u.date, exported) == 0
                                    : !row->cells[WP_COL_UPDATED];
    return ok;
}

/* Whether the row says something the activity's current state does not. */
static bool row_changed(const struct row_values *v)
{
    const struct wp_current *cur = &v->a->current;
    bool newer_date = v->has_date && !v->date_untouched &&
                      (cur->updated.year == 0 || wp_date_cmp(v->u.date, cur->updated) > 0);
    return (v->u.has_status && v->u.status != cur->status) ||
           (v->u.has_progress && v->u.progress != cur->progress) || v->note_changed || newer_date;
}

static void warn_undated(struct wp_import_sheet *s, const struct wp_import_row *row)
{
    char day[11];
    wp_date_iso(s->ctx->today, day);
    wp_import_sheet_diag(
        s, WP_SEV_WARNING, WP_DIAG_BAD_CELL, row->r, WP_COL_UPDATED,
        "'%s' was changed but its last update date was not; taken as of %s, the day of the "
        "import",
        row->key, day);
}

/*
 * The date the update takes: the one typed, which must lie in the plan
 * period and not after the day of the import; or, when the date was left
 * as exported, the day of the import (warn_undated says so once it is taken).
 */
static bool settle_date(struct wp_import_sheet *s, const struct wp_import_row *row,
                        struct row_values *v)
{
    if (!v->has_date || v->date_untouched) {
        v->u.date = s->ctx->today;
        return true;
    }
    return wp_import_sheet_date_ok(s, row, WP_COL_UPDATED, v->u.date);
}

/*
 * Who reported: the cell shows the previous report's reporter until
 * someone changes it; left as exported, the workbook's member is the one
 * reporting now.
 */
static const char *row_reporter(const struct wp_import_sheet *s, const struct row_values *v)
{
    const char *reporter = v->reporter;
    const struct wp_current *cur = &v->a->current;
    if (reporter && cur->reported_by && strcmp(reporter, cur->reported_by) == 0 && *s->ctx->member)
        reporter = NULL;
    if (!reporter && *s->ctx->member) {
        const struct wp_country *m = wp_plan_find_country(s->ctx->plan, s->ctx->member);
        const struct wp_party *p = wp_plan_find_party(s->ctx->plan, s->ctx->member);
        reporter = m ? m->code : p ? p->id : NULL;
    }
    return reporter;
}

static void append_update(struct wp_import_sheet *s, const struct row_values *v)
{
    const char *reporter = row_reporter(s, v);
    struct wp_import_result *r = s->ctx->result;
    WP_GROW(r->updates, r->cap_updates, r->n_updates + 1);
    struct wp_update *out = &r->updates[r->n_updates++];
    *out = v->u;
    out->activity = wp_import_keep(r, v->a->id);
    out->note = (struct wp_text){.plain = v->note_changed ? wp_import_keep(r, v->note) : NULL};
    out->reported_by = wp_import_keep(r, reporter);
    wp_import_index_results(s->ctx);
}

/* A changed row dated before the activity's latest update is not taken. */
static bool superseded(struct wp_import_sheet *s, const struct wp_import_row *row,
                       const struct row_values *v)
{
    const struct wp_current *cur = &v->a->current;
    if (!cur->updated.year || wp_date_cmp(v->u.date, cur->updated) >= 0)
        return false;
    char d1[11], d2[11];
    wp_date_iso(v->u.date, d1);
    wp_date_iso(cur->updated, d2);
    wp_import_sheet_diag(s, WP_SEV_WARNING, WP_DIAG_BAD_CELL, row->r, WP_COL_UPDATED,
                         "row of %s is older than the latest update of '%s' (%s); row not imported",
                         d1, row->key, d2);
    return true;
}

static enum wp_import_outcome take_row(struct wp_import_sheet *s, const struct wp_import_row *row,
                                       const void *obj, const struct wp_hidden_record *rec)
{
    struct row_values v = {.a = obj, .exported = rec->field[2].date, .u = {.pos = {row->r, 0}}};
    if (!read_editable(s, row, &v))
        return WP_ROW_REFUSED;
    if (!row_changed(&v))
        return WP_ROW_UNCHANGED;
    /* an old copy of the activity (exported before a newer report) is no report */
    const struct wp_current *cur = &v.a->current;
    struct wp_date shown = v.has_date ? v.u.date : (struct wp_date){0, 0, 0};
    struct shown_state then;
    if (cur->updated.year && wp_date_cmp(shown, cur->updated) < 0) {
        state_at(s, v.a, shown, &then);
        if (row_shows(s, &v, &then))
            return WP_ROW_UNCHANGED;
    }
    state_at(s, v.a, v.exported, &then);
    drop_untouched(s, &v, &then);
    if (!row_changed(&v))
        return WP_ROW_UNCHANGED;
    v.u.activity = v.a->id;
    v.u.note = (struct wp_text){.plain = v.note_changed ? v.note : NULL};
    if (!settle_date(s, row, &v))
        return WP_ROW_REFUSED;
    if (already_have(s, &v))
        return WP_ROW_UNCHANGED;
    if (superseded(s, row, &v))
        return WP_ROW_SUPERSEDED;
    if (v.date_untouched)
        warn_undated(s, row);
    append_update(s, &v);
    return WP_ROW_TAKEN;
}

/* ID,HEX,DATE,EDIT records (columns.h); a row a key, the activity id. */
const struct wp_import_sheet_desc wp_import_tracker_sheet = {
    .hidden = &wp_tracker_hidden,
    .required = true,
    .names = {"tracker", WP_L_SHEET_TRACKER, "tracking", "activity"},
    .n_cols = WP_COL_COUNT,
    .col = column,
    .fingerprint = wp_tracker_fingerprint,
    .edit_fingerprint = wp_tracker_edit_fingerprint,
    .edit_field = 3,
    .begin = begin,
    .find = find_activity,
    .expected = expected_locked,
    .take = take_row,
};
