/*
 * Returned tracking workbooks -> dated progress updates. The workbook is
 * recognised by its hidden `_workplan` sheet (columns.h); every Tracker
 * row is checked against the fingerprint of its locked columns and
 * compared with its activity's current state.
 */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "import/import_internal.h"
#include "import/xlsx_read.h"
#include "load/input.h"
#include "util/util.h"
#include "workplan/build_time.h"
#include "workplan/import.h"
#include "workplan/labels.h"
#include "xlsx/columns.h"
#include "xlsx/xlsx_text.h"

void wp_import_result_init(struct wp_import_result *result)
{
    memset(result, 0, sizeof *result);
}

/* The updates' texts: one arena, freed with the result. */
struct wp_import_strings {
    struct wp_arena arena;
};

const char *wp_import_keep(struct wp_import_result *r, const char *s)
{
    if (!s)
        return NULL;
    if (!r->strings) {
        r->strings = wp_xcalloc(1, sizeof(*r->strings));
        wp_arena_init(&r->strings->arena);
    }
    return wp_arena_strdup(&r->strings->arena, s);
}

void wp_import_result_release(struct wp_import_result *result)
{
    for (size_t i = 0; i < result->n_updates; i++)
        free(result->updates[i].indicators);
    free(result->updates);
    if (result->strings)
        wp_arena_release(&result->strings->arena);
    free(result->strings);
    memset(result, 0, sizeof *result);
}

/* ---- one import ---------------------------------------------------------- */

struct meta_row {
    const char *id;
    uint64_t fingerprint;
    struct wp_date exported_update; /* "last update" as exported; year 0 when blank */
    bool has_edit;                  /* the editable cells' fingerprint (D), newer workbooks */
    uint64_t edit_fingerprint;
};

struct importer {
    const struct wp_plan *plan;
    const struct wp_import_options *opts;
    const char *path;
    struct wp_diags *diags;
    struct wp_import_result *result;
    struct wp_xlsxr *x;
    struct wp_date today; /* the day of the import */
    /* from the _workplan sheet */
    const char *lang;
    const char *member;
    bool other_version;
    struct wp_strmap fingerprints; /* id -> struct meta_row */
    struct meta_row *meta;
    size_t n_meta;
    /* the Tracker sheet */
    struct wp_xlsxr_sheet *tracker;
    char sheet_ref[80];            /* the sheet's name as a formula writes it, then '!' */
    unsigned colmap[WP_COL_COUNT]; /* 1-based sheet column of each contract column */
    struct wp_buf tmp;
    /*
     * Updates by activity, so that big files stay linear: heads map an id
     * to index + 1 of its first update, next[i] to index + 1 of the next.
     */
    struct wp_update_index prog;     /* opts->progress by activity, in file order */
    struct wp_import_rows_spec rows; /* which cells make a row */
    struct wp_strmap res_heads;      /* result->updates, newest first */
    size_t *res_next;
    size_t res_cap;
};

static void index_result(struct importer *im, size_t i)
{
    const struct wp_import_result *r = im->result;
    WP_GROW(im->res_next, im->res_cap, i + 1);
    im->res_next[i] = (size_t)(uintptr_t)wp_strmap_get(&im->res_heads, r->updates[i].activity);
    wp_strmap_set(&im->res_heads, r->updates[i].activity, (void *)(uintptr_t)(i + 1));
}

/* A diagnostic at one Tracker cell: PE.xlsx:Tracker!H12: ... */
#define cell_diag(im, sev, code, row, col, ...)                                                    \
    wp_import_cell_diag((im)->diags, (im)->path, (im)->sheet_ref, (sev), (code), (row),            \
                        (im)->colmap[(col)], __VA_ARGS__)

static const char *meta_value(struct wp_xlsxr_sheet *meta, unsigned row, char buf[static 32])
{
    return wp_import_cell_text(wp_xlsxr_cell_at(meta, row, 2), buf);
}

/* The whole workbook is refused: one error about the file, or at a cell. */
#define refuse(im, code, ...) wp_import_refuse((im)->diags, (im)->path, (code), NULL, __VA_ARGS__)
#define refuse_at(im, code, cell, ...)                                                             \
    wp_import_refuse((im)->diags, (im)->path, (code), (cell), __VA_ARGS__)

/* The plan and its version (the format and fingerprint are proved by wp_import_hidden_open). */
static enum wp_error check_meta_header(struct importer *im, struct wp_xlsxr_sheet *meta)
{
    char b1[32];
    const char *plan_id = meta_value(meta, 2, b1);
    if (!im->plan->id || strcmp(plan_id, im->plan->id) != 0)
        return refuse(im, WP_DIAG_PLAN_MISMATCH, "workbook is for plan '%s', not '%s'", plan_id,
                      im->plan->id ? im->plan->id : "");
    const char *version = meta_value(meta, 3, b1);
    const char *plan_version = im->plan->version ? im->plan->version : "";
    if (strcmp(version, plan_version) != 0) {
        im->other_version = true;
        wp_diags_add(im->diags, WP_SEV_WARNING, WP_DIAG_VERSION_MISMATCH, im->path,
                     (struct wp_pos){0, 0},
                     "workbook was made from version '%s' of the plan, which is now version '%s'",
                     version, plan_version);
    }
    im->lang = wp_arena_strdup(&im->x->arena, meta_value(meta, 4, b1));
    im->member =
        wp_arena_strdup(&im->x->arena, wp_import_trimmed(&im->tmp, meta_value(meta, 5, b1)));
    return WP_OK;
}

/* id / fingerprint / exported date triples from row WP_META_FIRST_ROW on */
static void read_meta_rows(struct importer *im, const struct wp_xlsxr_sheet *meta)
{
    size_t cap = 0;
    for (size_t i = 0; i < meta->n_cells; i++) {
        const struct wp_xlsxr_cell *c = &meta->cells[i];
        if (c->row < wp_tracker_hidden.first_record_row || c->col != 1 || c->type != WP_XCELL_TEXT)
            continue;
        char fb[32], db[32];
        struct meta_row m = {.id = c->text};
        if (!wp_import_parse_hex64(wp_import_cell_text(wp_xlsxr_cell_at(meta, c->row, 2), fb),
                                   &m.fingerprint))
            continue;
        const char *updated = wp_import_cell_text(wp_xlsxr_cell_at(meta, c->row, 3), db);
        if (*updated && wp_date_parse(updated, &m.exported_update) != 0)
            continue;
        m.has_edit = wp_import_parse_hex64(
            wp_import_cell_text(wp_xlsxr_cell_at(meta, c->row, 4), db), &m.edit_fingerprint);
        WP_GROW(im->meta, cap, im->n_meta + 1);
        im->meta[im->n_meta++] = m;
    }
    for (size_t i = 0; i < im->n_meta; i++)
        wp_strmap_put(&im->fingerprints, im->meta[i].id, &im->meta[i]);
}

/* The Tracker: by the name the hidden sheet gives, else (renamed) by its name in any language. */
static enum wp_error find_tracker(struct importer *im, const char *tracker_name)
{
    return wp_import_find_sheet(im->diags, im->path, im->x, tracker_name, WP_L_SHEET_TRACKER,
                                "tracking", &im->tracker, im->sheet_ref, sizeof im->sheet_ref);
}

static enum wp_error read_meta(struct importer *im)
{
    struct wp_xlsxr_sheet *meta;
    int age = -1;
    enum wp_error err =
        wp_import_hidden_open(im->diags, im->path, im->x, &wp_tracker_hidden, &meta, &age);
    if (!err && !meta)
        return refuse(im, WP_DIAG_WORKBOOK, "not a tracking workbook of workplan (no '%s' sheet)",
                      WP_META_SHEET);
    if (!err)
        err = check_meta_header(im, meta);
    if (err)
        return err;
    read_meta_rows(im, meta);
    char b[32];
    return find_tracker(im, meta_value(meta, 7, b));
}

/* Is text the title of contract column c in some catalogue language? */
static bool is_title(const char *text, enum wp_tracker_col c, const char *lang)
{
    return wp_import_is_label(text, wp_tracker_columns[c].title, lang);
}

/*
 * Finds each contract column in the header row: by title (a person may
 * have moved columns), else at its own position when that header is not
 * another column's title.
 */
static enum wp_error map_columns(struct importer *im)
{
    const struct wp_xlsxr_sheet *t = im->tracker;
    bool claimed[WP_COL_COUNT + 64] = {0};
    unsigned last = 0;
    for (size_t i = 0; i < t->n_cells && t->cells[i].row == 1; i++)
        last = t->cells[i].col;
    for (int c = 0; c < WP_COL_COUNT; c++) {
        im->colmap[c] = 0;
        for (size_t i = 0; i < t->n_cells && t->cells[i].row == 1; i++) {
            const struct wp_xlsxr_cell *h = &t->cells[i];
            char b[32];
            if (h->col < WP_COL_COUNT + 64 && !claimed[h->col] &&
                is_title(wp_import_trimmed(&im->tmp, wp_import_cell_text(h, b)), c, im->lang)) {
                im->colmap[c] = h->col;
                claimed[h->col] = true;
                break;
            }
        }
    }
    for (int c = 0; c < WP_COL_COUNT; c++) {
        unsigned pos = (unsigned)c + 1;
        if (im->colmap[c] || claimed[pos])
            continue;
        im->colmap[c] = pos;
        claimed[pos] = true;
        if (last >= pos && wp_xlsxr_cell_at(t, 1, pos)) {
            /* a header that names nothing we know: trust the position, say so */
            char b[32];
            wp_import_cell_diag(im->diags, im->path, im->sheet_ref, WP_SEV_WARNING,
                                WP_DIAG_WORKBOOK, 1, pos,
                                "column title '%s' is not '%s'; read by position",
                                wp_import_cell_text(wp_xlsxr_cell_at(t, 1, pos), b),
                                wp_label(im->lang, wp_tracker_columns[c].title));
        }
    }
    for (int c = 0; c < WP_COL_COUNT; c++) {
        if (im->colmap[c])
            continue;
        /* its place holds another column: this one was deleted */
        wp_diags_add(im->diags, WP_SEV_ERROR, WP_DIAG_WORKBOOK, im->path, (struct wp_pos){0, 0},
                     "column '%s' is missing from sheet '%s'",
                     wp_label(im->lang, wp_tracker_columns[c].title), im->tracker->name);
        return WP_ERR_INVALID;
    }
    return WP_OK;
}

/* ---- one row --------------------------------------------------------------- */

static const struct wp_xlsxr_cell *row_cell(const struct wp_import_row *row, enum wp_tracker_col c)
{
    return row->cells[c];
}

/* The locked cell's value the way the fingerprint saw it. */
static const char *locked_value(const struct importer *im, const struct wp_xlsxr_cell *c,
                                enum wp_tracker_col col, char buf[static 32])
{
    if (!c)
        return "";
    if (wp_tracker_columns[col].kind == WP_CELL_DATE && c->type == WP_XCELL_NUMBER) {
        struct wp_date d;
        if (wp_xlsxr_serial_to_date(c->num, im->x->date1904, &d) == 0) {
            wp_date_iso(d, buf);
            return buf;
        }
    }
    return wp_import_cell_text(c, buf);
}

/* What the exporter writes today in a locked column, to name the cell that changed. */
static void expected_locked(const struct importer *im, const struct wp_activity *a,
                            enum wp_tracker_col col, struct wp_buf *b)
{
    const struct wp_plan *plan = im->plan;
    const char *lang = wp_label_has_language(im->lang) ? im->lang : NULL;
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

static bool locked_intact(struct importer *im, const struct wp_import_row *row,
                          const struct wp_activity *a)
{
    const struct meta_row *m = wp_strmap_get(&im->fingerprints, row->key);
    if (!m) {
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_LOCKED_CHANGED, row->r, WP_COL_ID,
                  "activity '%s' was not in this workbook when it was exported; row not imported",
                  row->key);
        return false;
    }
    const char *values[WP_COL_COUNT] = {0};
    char bufs[WP_COL_COUNT][32];
    for (int c = 0; c < WP_COL_COUNT; c++)
        if (!wp_tracker_columns[c].editable)
            values[c] = locked_value(im, row_cell(row, c), c, bufs[c]);
    if (wp_tracker_fingerprint(values) == m->fingerprint)
        return true;
    /* which one? compare with what the plan gives now, cut as the exporter cuts a cell */
    struct wp_buf cut = WP_BUF_INIT;
    int changed = -1;
    for (int c = 0; c < WP_COL_COUNT && changed < 0; c++) {
        if (wp_tracker_columns[c].editable || c == WP_COL_ID)
            continue;
        expected_locked(im, a, c, &im->tmp);
        if (strcmp(values[c],
                   wp_xlsx_safe_text(im->tmp.data, WP_XLSX_MAX_CELL_CHARS, &cut, NULL)) != 0)
            changed = c;
    }
    wp_buf_release(&cut);
    if (changed >= 0)
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_LOCKED_CHANGED, row->r, changed,
                  "locked column '%s' of '%s' was changed; row not imported",
                  wp_label(im->lang, wp_tracker_columns[changed].title), row->key);
    else
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_LOCKED_CHANGED, row->r, WP_COL_ID,
                  "locked columns of '%s' were changed; row not imported", row->key);
    return false;
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
static const char *reporter_code(const struct importer *im, const char *cell)
{
    const struct wp_plan *plan = im->plan;
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
static bool same_note(const struct importer *im, const struct wp_text *t, const char *raw,
                      const char *note)
{
    if (!wp_text_is_set(t))
        return false;
    const char *cur = wp_text_get(im->plan, t, wp_label_has_language(im->lang) ? im->lang : NULL);
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
    const struct meta_row *meta;
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
static bool in_progress_file(const struct importer *im, const struct row_values *v)
{
    const struct wp_update *u = &v->u;
    size_t k;
    for (const struct wp_update *e = wp_update_index_first(&im->prog, u->activity, &k); e;
         e = wp_update_index_next(&im->prog, &k)) {
        /*
         * An undated change was given the day of its first import; on a later
         * day it is the same change when an update since the export holds it.
         */
        bool same_day = v->date_untouched ? wp_date_cmp(e->date, v->meta->exported_update) >= 0
                                          : wp_date_cmp(e->date, u->date) == 0;
        if (same_day && same_values(e, u))
            return true;
    }
    return false;
}

/* Already taken from an earlier workbook of this run. */
static bool in_this_run(const struct importer *im, const struct wp_update *u)
{
    const struct wp_import_result *r = im->result;
    for (size_t k = (size_t)(uintptr_t)wp_strmap_get(&im->res_heads, u->activity); k;
         k = im->res_next[k - 1])
        if (wp_update_same(&r->updates[k - 1], u))
            return true;
    return false;
}

/* Already written: the progress file or an earlier workbook of this run has it. */
static bool already_have(const struct importer *im, const struct row_values *v)
{
    return in_progress_file(im, v) || in_this_run(im, &v->u);
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
static void state_at(const struct importer *im, const struct wp_activity *a, struct wp_date date,
                     struct shown_state *out)
{
    *out = (struct shown_state){a->status, a->progress, NULL, NULL};
    struct wp_date st = {0, 0, 0}, pr = {0, 0, 0}, nt = {0, 0, 0}, latest = {0, 0, 0};
    size_t k;
    for (const struct wp_update *e = date.year ? wp_update_index_first(&im->prog, a->id, &k) : NULL;
         e; e = wp_update_index_next(&im->prog, &k)) {
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
static bool row_shows(const struct importer *im, const struct row_values *v,
                      const struct shown_state *s)
{
    if (v->u.has_status && v->u.status != s->status)
        return false;
    if (v->u.has_progress && v->u.progress != s->progress)
        return false;
    return !v->note || (s->note && same_note(im, s->note, v->note_raw, v->note));
}

/*
 * A cell left as it was exported is no report: in a workbook exported
 * before a newer update, it would undo that update. Values equal to the
 * current state stay (they restate it and harm nothing).
 */
static void drop_untouched(const struct importer *im, struct row_values *v,
                           const struct shown_state *exported)
{
    const struct wp_current *cur = &v->a->current;
    if (v->u.has_status && v->u.status == exported->status && v->u.status != cur->status)
        v->u.has_status = false;
    if (v->u.has_progress && v->u.progress == exported->progress && v->u.progress != cur->progress)
        v->u.has_progress = false;
    if (v->note_changed && exported->note && same_note(im, exported->note, v->note_raw, v->note))
        v->note_changed = false;
    /* the exported reporter left in place: the workbook's member reports now */
    if (*im->member && v->reporter && exported->reported_by &&
        strcmp(v->reporter, exported->reported_by) == 0)
        v->reporter = NULL;
}

/* Whether the row's editable cells are all as exported (their fingerprint, when it has one). */
static bool untouched(const struct importer *im, const struct wp_import_row *row,
                      const struct meta_row *m)
{
    if (!m || !m->has_edit)
        return false;
    const char *values[WP_COL_COUNT] = {0};
    char bufs[WP_COL_COUNT][32];
    for (int c = 0; c < WP_COL_COUNT; c++)
        if (wp_tracker_columns[c].editable)
            values[c] = locked_value(im, row_cell(row, c), c, bufs[c]);
    return wp_tracker_edit_fingerprint(values) == m->edit_fingerprint;
}

/* The activity a row is about, or why the row is not taken. */
static enum wp_import_outcome row_activity(struct importer *im, const struct wp_import_row *row,
                                           const struct wp_activity **out)
{
    enum wp_import_outcome o =
        wp_import_row_key(im->diags, im->path, im->sheet_ref, &im->rows, row);
    if (o != WP_ROW_TAKEN)
        return o;
    *out = wp_plan_find_activity(im->plan, row->key);
    if (!*out) {
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_UNKNOWN_ACTIVITY, row->r, WP_COL_ID,
                  im->other_version ? "activity '%s' no longer exists in the plan; row not imported"
                                    : "unknown activity '%s'; row not imported",
                  row->key);
        return WP_ROW_REFUSED;
    }
    return locked_intact(im, row, *out) ? WP_ROW_TAKEN : WP_ROW_REFUSED;
}

/* ---- the editable columns, one reader each (driven by the column map) -------- */

typedef bool (*cell_reader)(struct importer *im, const struct wp_import_row *row,
                            const struct wp_xlsxr_cell *c, struct row_values *v);

static bool take_status(struct importer *im, const struct wp_import_row *row,
                        const struct wp_xlsxr_cell *c, struct row_values *v)
{
    char b[32];
    int s = c->type == WP_XCELL_TEXT ? wp_status_from_label(c->text) : -1;
    if (s < 0) {
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_COL_STATUS, "unknown status '%s'",
                  wp_import_cell_text(c, b));
        return false;
    }
    v->u.has_status = true;
    v->u.status = (enum wp_status)s;
    return true;
}

static bool take_progress(struct importer *im, const struct wp_import_row *row,
                          const struct wp_xlsxr_cell *c, struct row_values *v)
{
    char b[32];
    if (!read_progress(c, &v->u.progress)) {
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_COL_PROGRESS,
                  "progress '%s' is not a whole number from 0 to 100", wp_import_cell_text(c, b));
        return false;
    }
    v->u.has_progress = true;
    return true;
}

static bool take_date(struct importer *im, const struct wp_import_row *row,
                      const struct wp_xlsxr_cell *c, struct row_values *v)
{
    char b[32];
    if (!wp_import_read_date(im->x, c, &v->u.date)) {
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_COL_UPDATED,
                  "cannot read date '%s' (write it as YYYY-MM-DD)", wp_import_cell_text(c, b));
        return false;
    }
    v->has_date = true;
    return true;
}

static bool take_reporter(struct importer *im, const struct wp_import_row *row,
                          const struct wp_xlsxr_cell *c, struct row_values *v)
{
    char b[32];
    v->reporter = reporter_code(im, wp_import_cell_text(c, b));
    if (!v->reporter) {
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_COL_REPORTED_BY,
                  "unknown reporter '%s'", wp_import_cell_text(c, b));
        return false;
    }
    return true;
}

static bool take_note(struct importer *im, const struct wp_import_row *row,
                      const struct wp_xlsxr_cell *c, struct row_values *v)
{
    char b[32];
    uint32_t dropped;
    v->note_raw = wp_arena_strdup(&im->x->arena, wp_import_cell_text(c, b));
    const char *note =
        wp_import_printable_copy(&im->x->arena, wp_import_trimmed(&im->tmp, v->note_raw), &dropped);
    if (!*wp_import_trimmed(&im->tmp, note))
        return true;
    v->note = wp_arena_strdup(&im->x->arena, im->tmp.data);
    v->note_changed = !same_note(im, &v->a->current.note, v->note_raw, v->note);
    if (!v->note_changed)
        return true;
    return wp_import_note_ok(im->diags, im->path, im->sheet_ref, row->r, im->colmap[WP_COL_NOTE],
                             v->note, dropped);
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
static bool read_editable(struct importer *im, const struct wp_import_row *row,
                          struct row_values *v)
{
    bool ok = true;
    for (size_t i = 0; i < sizeof editable_readers / sizeof editable_readers[0]; i++) {
        enum wp_tracker_col col = editable_readers[i].col;
        const struct wp_xlsxr_cell *c = row->cells[col];
        if (!c)
            continue;
        if (c->type == WP_XCELL_FORMULA) {
            cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, col,
                      "'%s' holds a formula saved without its value; type the value instead; "
                      "row not imported",
                      wp_label(im->lang, wp_tracker_columns[col].title));
            ok = false;
            continue;
        }
        ok &= editable_readers[i].read(im, row, c, v);
    }
    struct wp_date exported = v->meta->exported_update;
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

static void warn_undated(struct importer *im, const struct wp_import_row *row)
{
    char day[11];
    wp_date_iso(im->today, day);
    cell_diag(im, WP_SEV_WARNING, WP_DIAG_BAD_CELL, row->r, WP_COL_UPDATED,
              "'%s' was changed but its last update date was not; taken as of %s, the day of the "
              "import",
              row->key, day);
}

/*
 * The date the update takes: the one typed, which must lie in the plan
 * period and not after the day of the import; or, when the date was left
 * as exported, the day of the import (warn_undated says so once it is taken).
 */
static bool settle_date(struct importer *im, const struct wp_import_row *row, struct row_values *v)
{
    char d1[11], d2[11];
    if (!v->has_date || v->date_untouched) {
        v->u.date = im->today;
        return true;
    }
    struct wp_date first = {im->plan->period_from, 1, 1};
    wp_date_iso(v->u.date, d1);
    if (wp_date_cmp(v->u.date, first) < 0) {
        wp_date_iso(first, d2);
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_OUTSIDE_PERIOD, row->r, WP_COL_UPDATED,
                  "date '%s' is before the plan period starts (%s)", d1, d2);
        return false;
    }
    if (wp_date_cmp(v->u.date, im->today) > 0) {
        wp_date_iso(im->today, d2);
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_COL_UPDATED,
                  "date '%s' is after the day of the import (%s)", d1, d2);
        return false;
    }
    return true;
}

/*
 * Who reported: the cell shows the previous report's reporter until
 * someone changes it; left as exported, the workbook's member is the one
 * reporting now.
 */
static const char *row_reporter(const struct importer *im, const struct row_values *v)
{
    const char *reporter = v->reporter;
    const struct wp_current *cur = &v->a->current;
    if (reporter && cur->reported_by && strcmp(reporter, cur->reported_by) == 0 && *im->member)
        reporter = NULL;
    if (!reporter && *im->member) {
        const struct wp_country *m = wp_plan_find_country(im->plan, im->member);
        const struct wp_party *p = wp_plan_find_party(im->plan, im->member);
        reporter = m ? m->code : p ? p->id : NULL;
    }
    return reporter;
}

static void append_update(struct importer *im, const struct row_values *v)
{
    const char *reporter = row_reporter(im, v);
    struct wp_import_result *r = im->result;
    WP_GROW(r->updates, r->cap_updates, r->n_updates + 1);
    struct wp_update *out = &r->updates[r->n_updates++];
    *out = v->u;
    out->activity = wp_import_keep(r, v->a->id);
    out->note = (struct wp_text){.plain = v->note_changed ? wp_import_keep(r, v->note) : NULL};
    out->reported_by = wp_import_keep(r, reporter);
    index_result(im, r->n_updates - 1);
}

/* A changed row dated before the activity's latest update is not taken. */
static bool superseded(struct importer *im, const struct wp_import_row *row,
                       const struct row_values *v)
{
    const struct wp_current *cur = &v->a->current;
    if (!cur->updated.year || wp_date_cmp(v->u.date, cur->updated) >= 0)
        return false;
    char d1[11], d2[11];
    wp_date_iso(v->u.date, d1);
    wp_date_iso(cur->updated, d2);
    cell_diag(im, WP_SEV_WARNING, WP_DIAG_BAD_CELL, row->r, WP_COL_UPDATED,
              "row of %s is older than the latest update of '%s' (%s); row not imported", d1,
              row->key, d2);
    return true;
}

static enum wp_import_outcome import_row(struct importer *im, const struct wp_import_row *row)
{
    struct row_values v = {.u = {.pos = {row->r, 0}}};
    enum wp_import_outcome o = row_activity(im, row, &v.a);
    if (o != WP_ROW_TAKEN)
        return o;
    v.meta = wp_strmap_get(&im->fingerprints, row->key);
    if (untouched(im, row, v.meta))
        return WP_ROW_UNCHANGED; /* whatever the progress file says now (issue 21) */
    if (!read_editable(im, row, &v))
        return WP_ROW_REFUSED;
    if (!row_changed(&v))
        return WP_ROW_UNCHANGED;
    /* an old copy of the activity (exported before a newer report) is no report */
    const struct wp_current *cur = &v.a->current;
    struct wp_date shown = v.has_date ? v.u.date : (struct wp_date){0, 0, 0};
    struct shown_state then;
    if (cur->updated.year && wp_date_cmp(shown, cur->updated) < 0) {
        state_at(im, v.a, shown, &then);
        if (row_shows(im, &v, &then))
            return WP_ROW_UNCHANGED;
    }
    state_at(im, v.a, v.meta->exported_update, &then);
    drop_untouched(im, &v, &then);
    if (!row_changed(&v))
        return WP_ROW_UNCHANGED;
    v.u.activity = v.a->id;
    v.u.note = (struct wp_text){.plain = v.note_changed ? v.note : NULL};
    if (!settle_date(im, row, &v))
        return WP_ROW_REFUSED;
    if (already_have(im, &v))
        return WP_ROW_UNCHANGED;
    if (superseded(im, row, &v))
        return WP_ROW_SUPERSEDED;
    if (v.date_untouched)
        warn_undated(im, row);
    append_update(im, &v);
    return WP_ROW_TAKEN;
}

static enum wp_error import_rows(struct importer *im)
{
    im->rows = (struct wp_import_rows_spec){im->colmap, WP_COL_COUNT, .what = "activity"};
    size_t n;
    struct wp_import_row *rows = wp_import_gather_rows(im->x, im->tracker, &im->rows, &n);
    for (size_t i = 0; i < n; i++) {
        /* a duplicated id: one diagnostic, at each later row; the first is refused silently */
        if (rows[i].duplicate && rows[i].first_row == rows[i].r)
            wp_import_count(im->result, WP_ROW_REFUSED);
        else
            wp_import_count(im->result, import_row(im, &rows[i]));
    }
    free(rows);
    return WP_OK;
}

/* The Indicators sheet, after the Tracker so that a value dated like a Tracker row joins it. */
static enum wp_error import_indicators(struct importer *im, size_t first_new)
{
    struct wp_import_ctx ctx = {.plan = im->plan,
                                .opts = im->opts,
                                .path = im->path,
                                .diags = im->diags,
                                .result = im->result,
                                .first_new = first_new,
                                .x = im->x,
                                .today = im->today,
                                .lang = im->lang,
                                .member = im->member,
                                .other_version = im->other_version,
                                .progress_index = &im->prog};
    size_t before = im->result->n_updates;
    enum wp_error err = wp_import_indicator_sheet(&ctx);
    for (size_t i = before; i < im->result->n_updates; i++)
        index_result(im, i);
    return err;
}

enum wp_error wp_import_workbook(const struct wp_plan *plan, const struct wp_import_options *opts,
                                 const char *path, struct wp_import_result *result,
                                 struct wp_diags *diags)
{
    result->taken = result->unchanged = result->refused = result->superseded = 0;
    struct wp_xlsxr_limits lim;
    wp_xlsxr_limits_default(&lim);
    if (opts && opts->max_total_bytes)
        lim.max_total = opts->max_total_bytes;
    if (opts && opts->max_part_bytes)
        lim.max_part = opts->max_part_bytes;
    if (opts && opts->max_cells)
        lim.max_cells = opts->max_cells;

    struct importer im = {.plan = plan,
                          .opts = opts,
                          .path = path,
                          .diags = diags,
                          .result = result,
                          .tmp = WP_BUF_INIT};
    im.today = opts && wp_date_is_valid(opts->today) ? opts->today : wp_date_from_time(time(NULL));
    wp_strmap_init(&im.fingerprints);
    wp_strmap_init(&im.res_heads);
    wp_update_index_init(&im.prog, opts ? opts->progress : NULL);
    for (size_t i = 0; i < result->n_updates; i++)
        index_result(&im, i);
    size_t first_new = result->n_updates;
    enum wp_error err = wp_xlsxr_open(path, &lim, diags, &im.x);
    if (!err)
        err = read_meta(&im);
    if (!err)
        err = map_columns(&im);
    if (!err)
        err = import_rows(&im);
    if (!err)
        err = import_indicators(&im, first_new);
    if (err) {
        /* a workbook refused as a whole gives nothing */
        for (size_t i = first_new; i < result->n_updates; i++)
            free(result->updates[i].indicators); /* their texts go with the result */
        result->n_updates = first_new;
        result->taken = result->unchanged = result->superseded = 0;
    }
    wp_strmap_release(&im.fingerprints);
    wp_update_index_release(&im.prog);
    wp_strmap_release(&im.res_heads);
    free(im.res_next);
    free(im.meta);
    wp_buf_release(&im.tmp);
    wp_xlsxr_close(im.x);
    return err;
}
