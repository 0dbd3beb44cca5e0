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

#include "import/xlsx_read.h"
#include "util/util.h"
#include "workplan/import.h"
#include "workplan/labels.h"
#include "xlsx/columns.h"

#define MAX_NOTE_BYTES 65536 /* the progress loader takes scalars up to 1 MiB */

void wp_import_result_init(struct wp_import_result *result)
{
    memset(result, 0, sizeof *result);
}

static void update_release(struct wp_import_update *u)
{
    free(u->activity);
    free(u->reported_by);
    free(u->note);
}

void wp_import_result_release(struct wp_import_result *result)
{
    for (size_t i = 0; i < result->n_updates; i++)
        update_release(&result->updates[i]);
    free(result->updates);
    memset(result, 0, sizeof *result);
}

/* ---- one import ---------------------------------------------------------- */

struct meta_row {
    const char *id;
    uint64_t fingerprint;
};

struct importer {
    const struct wp_plan *plan;
    const struct wp_import_options *opts;
    const char *path;
    struct wp_diags *diags;
    struct wp_import_result *result;
    struct wp_xlsxr *x;
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
    struct wp_strmap prog_heads; /* opts->progress, in file order */
    size_t *prog_next;
    struct wp_strmap res_heads; /* result->updates, newest first */
    size_t *res_next;
    size_t res_cap;
};

static void index_progress(struct importer *im)
{
    const struct wp_progress *p = im->opts ? im->opts->progress : NULL;
    if (!p || !p->n_updates)
        return;
    im->prog_next = wp_xcalloc(p->n_updates, sizeof *im->prog_next);
    for (size_t i = p->n_updates; i-- > 0;) {
        const char *id = p->updates[i].activity;
        if (!id)
            continue;
        im->prog_next[i] = (size_t)(uintptr_t)wp_strmap_get(&im->prog_heads, id);
        wp_strmap_set(&im->prog_heads, id, (void *)(uintptr_t)(i + 1));
    }
}

static void index_result(struct importer *im, size_t i)
{
    const struct wp_import_result *r = im->result;
    WP_GROW(im->res_next, im->res_cap, i + 1);
    im->res_next[i] = (size_t)(uintptr_t)wp_strmap_get(&im->res_heads, r->updates[i].activity);
    wp_strmap_set(&im->res_heads, r->updates[i].activity, (void *)(uintptr_t)(i + 1));
}

#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
static void
cell_diag(struct importer *im, enum wp_severity sev, enum wp_diag_code code, unsigned row,
          enum wp_tracker_col col, const char *fmt, ...);

/* A diagnostic about one Tracker cell: "Tracker!H12: message". */
static void cell_diag(struct importer *im, enum wp_severity sev, enum wp_diag_code code,
                      unsigned row, enum wp_tracker_col col, const char *fmt, ...)
{
    char msg[768], ref[16];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    wp_xlsxr_ref_format(row, im->colmap[col], ref);
    wp_diags_add(im->diags, sev, code, im->path, (struct wp_pos){0, 0}, "%s%s: %s", im->sheet_ref,
                 ref, msg);
}

/* The cell as text: strings as they are, numbers in their shortest form. */
static const char *cell_text(const struct wp_xlsxr_cell *c, char buf[static 32])
{
    if (!c)
        return "";
    if (c->type == WP_XCELL_TEXT || c->type == WP_XCELL_ERROR)
        return c->text;
    if (c->type == WP_XCELL_BOOL)
        return c->num != 0 ? "TRUE" : "FALSE";
    snprintf(buf, 32, "%.15g", c->num);
    return buf;
}

/* s without leading and trailing blanks, copied into b. */
static const char *trimmed(struct wp_buf *b, const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    b->len = 0;
    wp_buf_add(b, s, n);
    wp_buf_addc(b, '\0');
    return b->data;
}

static const char *meta_value(struct wp_xlsxr_sheet *meta, unsigned row, char buf[static 32])
{
    return cell_text(wp_xlsxr_cell_at(meta, row, 2), buf);
}

static enum wp_error read_meta(struct importer *im)
{
    struct wp_xlsxr *x = im->x;
    struct wp_xlsxr_sheet *meta = wp_xlsxr_sheet_find(x, WP_META_SHEET);
    if (!meta) {
        wp_diags_add(im->diags, WP_SEV_ERROR, WP_DIAG_WORKBOOK, im->path, (struct wp_pos){0, 0},
                     "not a tracking workbook of workplan (no '%s' sheet)", WP_META_SHEET);
        return WP_ERR_INVALID;
    }
    enum wp_error err = wp_xlsxr_sheet_load(x, meta);
    if (err)
        return err;
    char b1[32], b2[32];
    const char *format = cell_text(wp_xlsxr_cell_at(meta, 1, 1), b1);
    if (strcmp(format, WP_TRACKER_FORMAT) != 0) {
        wp_diags_add(im->diags, WP_SEV_ERROR, WP_DIAG_WORKBOOK, im->path, (struct wp_pos){0, 0},
                     "%s!A1: unknown tracker format '%s', expected '%s'", WP_META_SHEET, format,
                     WP_TRACKER_FORMAT);
        return WP_ERR_INVALID;
    }
    const char *plan_id = meta_value(meta, 2, b1);
    if (!im->plan->id || strcmp(plan_id, im->plan->id) != 0) {
        wp_diags_add(im->diags, WP_SEV_ERROR, WP_DIAG_PLAN_MISMATCH, im->path,
                     (struct wp_pos){0, 0}, "workbook is for plan '%s', not '%s'", plan_id,
                     im->plan->id ? im->plan->id : "");
        return WP_ERR_INVALID;
    }
    const char *version = meta_value(meta, 3, b1);
    const char *plan_version = im->plan->version ? im->plan->version : "";
    if (strcmp(version, plan_version) != 0) {
        im->other_version = true;
        wp_diags_add(im->diags, WP_SEV_WARNING, WP_DIAG_VERSION_MISMATCH, im->path,
                     (struct wp_pos){0, 0},
                     "workbook was made from version '%s' of the plan, which is now version '%s'",
                     version, plan_version);
    }
    im->lang = wp_arena_strdup(&x->arena, meta_value(meta, 4, b1));
    im->member = wp_arena_strdup(&x->arena, trimmed(&im->tmp, meta_value(meta, 5, b1)));
    const char *tracker_name = meta_value(meta, 7, b2);

    /* id / fingerprint pairs from row WP_META_FIRST_ROW on */
    size_t cap = 0;
    for (size_t i = 0; i < meta->n_cells; i++) {
        const struct wp_xlsxr_cell *c = &meta->cells[i];
        if (c->row < WP_META_FIRST_ROW || c->col != 1 || c->type != WP_XCELL_TEXT)
            continue;
        char fb[32];
        const char *hex = cell_text(wp_xlsxr_cell_at(meta, c->row, 2), fb);
        char *end;
        uint64_t fp = strtoull(hex, &end, 16);
        if (strlen(hex) != 16 || *end)
            continue;
        WP_GROW(im->meta, cap, im->n_meta + 1);
        im->meta[im->n_meta++] = (struct meta_row){c->text, fp};
    }
    for (size_t i = 0; i < im->n_meta; i++)
        wp_strmap_put(&im->fingerprints, im->meta[i].id, &im->meta[i]);

    im->tracker = *tracker_name ? wp_xlsxr_sheet_find(x, tracker_name) : NULL;
    /* renamed by someone? then the visible sheet named like a Tracker in any language */
    static const char *const langs[] = {"en", "es"};
    for (size_t l = 0; !im->tracker && l < 2; l++)
        im->tracker = wp_xlsxr_sheet_find(x, wp_label(langs[l], WP_L_SHEET_TRACKER));
    if (!im->tracker) {
        wp_diags_add(im->diags, WP_SEV_ERROR, WP_DIAG_WORKBOOK, im->path, (struct wp_pos){0, 0},
                     "tracking sheet '%s' is missing", tracker_name);
        return WP_ERR_INVALID;
    }
    const char *name = im->tracker->name;
    bool plain = true;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || (unsigned char)*p >= 0x80))
            plain = false;
    if (plain)
        snprintf(im->sheet_ref, sizeof im->sheet_ref, "%s!", name);
    else
        snprintf(im->sheet_ref, sizeof im->sheet_ref, "'%s'!", name);
    return wp_xlsxr_sheet_load(x, im->tracker);
}

/* Is text the title of contract column c in some catalogue language? */
static bool is_title(const char *text, enum wp_tracker_col c, const char *lang)
{
    const char *langs[] = {lang, "en", "es"};
    for (size_t l = 0; l < 3; l++)
        if (langs[l] && strcmp(text, wp_label(langs[l], wp_tracker_columns[c].title)) == 0)
            return true;
    return false;
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
                is_title(trimmed(&im->tmp, cell_text(h, b)), c, im->lang)) {
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
            char b[32], ref[16];
            wp_xlsxr_ref_format(1, pos, ref);
            wp_diags_add(im->diags, WP_SEV_WARNING, WP_DIAG_WORKBOOK, im->path,
                         (struct wp_pos){0, 0},
                         "%s%s: column title '%s' is not '%s'; read by position", im->sheet_ref,
                         ref, cell_text(wp_xlsxr_cell_at(t, 1, pos), b),
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

struct row {
    unsigned r;
    const struct wp_xlsxr_cell *cells[WP_COL_COUNT];
    const char *id;
    bool duplicate;
    unsigned first_row; /* of the same id, when duplicate */
};

static const struct wp_xlsxr_cell *row_cell(const struct row *row, enum wp_tracker_col c)
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
    return cell_text(c, buf);
}

/* What the exporter writes today in a locked column, to name the cell that changed. */
static void expected_locked(const struct importer *im, const struct wp_activity *a,
                            enum wp_tracker_col col, struct wp_buf *b)
{
    const struct wp_plan *plan = im->plan;
    const char *lang = wp_label_has_language(im->lang) ? im->lang : NULL;
    b->len = 0;
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

static bool locked_intact(struct importer *im, const struct row *row, const struct wp_activity *a)
{
    const struct meta_row *m = wp_strmap_get(&im->fingerprints, row->id);
    if (!m) {
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_LOCKED_CHANGED, row->r, WP_COL_ID,
                  "activity '%s' was not in this workbook when it was exported; row not imported",
                  row->id);
        return false;
    }
    const char *values[WP_COL_COUNT] = {0};
    char bufs[WP_COL_COUNT][32];
    for (int c = 0; c < WP_COL_COUNT; c++)
        if (!wp_tracker_columns[c].editable)
            values[c] = locked_value(im, row_cell(row, c), c, bufs[c]);
    if (wp_tracker_fingerprint(values) == m->fingerprint)
        return true;
    /* which one? compare with what the plan gives now, which is what was exported */
    for (int c = 0; c < WP_COL_COUNT; c++) {
        if (wp_tracker_columns[c].editable || c == WP_COL_ID)
            continue;
        expected_locked(im, a, c, &im->tmp);
        if (strcmp(values[c], im->tmp.data) != 0) {
            cell_diag(im, WP_SEV_ERROR, WP_DIAG_LOCKED_CHANGED, row->r, c,
                      "locked column '%s' of '%s' was changed; row not imported",
                      wp_label(im->lang, wp_tracker_columns[c].title), row->id);
            return false;
        }
    }
    cell_diag(im, WP_SEV_ERROR, WP_DIAG_LOCKED_CHANGED, row->r, WP_COL_ID,
              "locked columns of '%s' were changed; row not imported", row->id);
    return false;
}

/* Whole number 0..100 from a number or a text like "40", "40%", "40 %". */
static bool read_progress(const struct wp_xlsxr_cell *c, int *out)
{
    double v;
    if (c->type == WP_XCELL_NUMBER) {
        v = c->is_percent ? c->num * 100 : c->num;
    } else if (c->type == WP_XCELL_TEXT) {
        char *end;
        v = strtod(c->text, &end);
        if (end == c->text)
            return false;
        while (*end == ' ')
            end++;
        if (*end == '%')
            end++;
        while (*end == ' ')
            end++;
        if (*end)
            return false;
    } else {
        return false;
    }
    double r = round(v);
    if (!isfinite(v) || fabs(v - r) > 1e-9 || r < 0 || r > 100)
        return false;
    *out = (int)r;
    return true;
}

static bool read_date(const struct importer *im, const struct wp_xlsxr_cell *c, struct wp_date *out)
{
    if (c->type == WP_XCELL_NUMBER)
        return wp_xlsxr_serial_to_date(c->num, im->x->date1904, out) == 0;
    if (c->type != WP_XCELL_TEXT)
        return false;
    struct wp_buf b = WP_BUF_INIT;
    bool ok = wp_date_parse(trimmed(&b, c->text), out) == 0;
    wp_buf_release(&b);
    return ok;
}

static bool text_matches(const struct wp_plan *plan, const struct wp_text *t, const char *s)
{
    (void)plan;
    if (t->plain)
        return strcmp(t->plain, s) == 0;
    for (size_t i = 0; i < t->n_items; i++)
        if (t->items[i].value && strcmp(t->items[i].value, s) == 0)
            return true;
    return false;
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
    const char *name = trimmed(&b, cell);
    const char *found = NULL;
    for (size_t i = 0; !found && i < plan->n_parties; i++)
        if (text_matches(plan, &plan->party_list[i].name, name))
            found = plan->party_list[i].id;
    for (size_t i = 0; !found && i < plan->n_countries; i++)
        if (text_matches(plan, &plan->countries[i].name, name))
            found = plan->countries[i].code;
    wp_buf_release(&b);
    return found;
}

static bool same_note(const struct wp_plan *plan, const struct wp_text *t, const char *lang,
                      const char *note)
{
    if (!wp_text_is_set(t))
        return false;
    const char *cur = wp_text_get(plan, t, wp_label_has_language(lang) ? lang : NULL);
    return cur && strcmp(cur, note) == 0;
}

/* Already written: the progress file or an earlier workbook of this run has it. */
static bool already_have(const struct importer *im, const struct wp_import_update *u)
{
    const struct wp_progress *pr = im->opts ? im->opts->progress : NULL;
    for (size_t k = (size_t)(uintptr_t)wp_strmap_get(&im->prog_heads, u->activity); k;
         k = im->prog_next[k - 1]) {
        const struct wp_update *e = &pr->updates[k - 1];
        if (wp_date_cmp(e->date, u->date) != 0)
            continue;
        if (u->has_status && (!e->has_status || e->status != u->status))
            continue;
        if (u->has_progress && (!e->has_progress || e->progress != u->progress))
            continue;
        if (u->note && !text_matches(im->plan, &e->note, u->note))
            continue;
        return true;
    }
    const struct wp_import_result *r = im->result;
    for (size_t k = (size_t)(uintptr_t)wp_strmap_get(&im->res_heads, u->activity); k;
         k = im->res_next[k - 1]) {
        const struct wp_import_update *e = &r->updates[k - 1];
        if (wp_date_cmp(e->date, u->date) == 0 && e->has_status == u->has_status &&
            (!u->has_status || e->status == u->status) && e->has_progress == u->has_progress &&
            (!u->has_progress || e->progress == u->progress) &&
            (!u->note || (e->note && strcmp(e->note, u->note) == 0)))
            return true;
    }
    return false;
}

/*
 * Whether the row shows the activity as it was on `date` (year 0: before
 * any update): the plan's own state with the progress file's updates up
 * to that day laid over it, the same rule as wp_progress_apply. Such a row
 * is only an old copy (a workbook exported before a newer report), not a
 * report of its own.
 */
static bool row_is_history(const struct importer *im, const struct wp_activity *a,
                           struct wp_date date, const struct wp_import_update *u, const char *note)
{
    enum wp_status status = a->status;
    int progress = a->progress;
    const struct wp_text *hist_note = NULL;
    struct wp_date st = {0, 0, 0}, pr = {0, 0, 0}, nt = {0, 0, 0};
    const struct wp_progress *p = im->opts ? im->opts->progress : NULL;
    for (size_t k = date.year ? (size_t)(uintptr_t)wp_strmap_get(&im->prog_heads, a->id) : 0; k;
         k = im->prog_next[k - 1]) {
        const struct wp_update *e = &p->updates[k - 1];
        if (wp_date_cmp(e->date, date) > 0)
            continue;
        if (e->has_status && wp_date_cmp(e->date, st) >= 0) {
            status = e->status;
            st = e->date;
        }
        if (e->has_progress && wp_date_cmp(e->date, pr) >= 0) {
            progress = e->progress;
            pr = e->date;
        }
        if (wp_text_is_set(&e->note) && wp_date_cmp(e->date, nt) >= 0) {
            hist_note = &e->note;
            nt = e->date;
        }
    }
    if (u->has_status && u->status != status)
        return false;
    if (u->has_progress && u->progress != progress)
        return false;
    if (note && !(hist_note && same_note(im->plan, hist_note, im->lang, note)))
        return false;
    return true;
}

enum outcome { ROW_TAKEN, ROW_UNCHANGED, ROW_REFUSED, ROW_SUPERSEDED, ROW_EMPTY };

static enum outcome import_row(struct importer *im, const struct row *row)
{
    const struct wp_plan *plan = im->plan;
    char b[32];
    if (!row->id) {
        bool any = false;
        for (int c = 0; c < WP_COL_COUNT; c++)
            any |= row->cells[c] != NULL;
        if (!any)
            return ROW_EMPTY;
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_COL_ID,
                  "row has no activity id; row not imported");
        return ROW_REFUSED;
    }
    if (row->duplicate) {
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_DUPLICATE_ROW, row->r, WP_COL_ID,
                  "activity '%s' is given twice (rows %u and %u); neither row imported", row->id,
                  row->first_row, row->r);
        return ROW_REFUSED;
    }
    const struct wp_activity *a = wp_plan_find_activity(plan, row->id);
    if (!a) {
        if (im->other_version)
            cell_diag(im, WP_SEV_ERROR, WP_DIAG_UNKNOWN_ACTIVITY, row->r, WP_COL_ID,
                      "activity '%s' no longer exists in the plan; row not imported", row->id);
        else
            cell_diag(im, WP_SEV_ERROR, WP_DIAG_UNKNOWN_ACTIVITY, row->r, WP_COL_ID,
                      "unknown activity '%s'; row not imported", row->id);
        return ROW_REFUSED;
    }
    if (!locked_intact(im, row, a))
        return ROW_REFUSED;

    struct wp_import_update u = {.row = row->r};
    bool bad = false;
    const struct wp_xlsxr_cell *c;
    if ((c = row_cell(row, WP_COL_STATUS))) {
        int s = c->type == WP_XCELL_TEXT ? wp_status_from_label(c->text) : -1;
        if (s < 0) {
            cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_COL_STATUS,
                      "unknown status '%s'", cell_text(c, b));
            bad = true;
        } else {
            u.has_status = true;
            u.status = (enum wp_status)s;
        }
    }
    if ((c = row_cell(row, WP_COL_PROGRESS))) {
        if (!read_progress(c, &u.progress)) {
            cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_COL_PROGRESS,
                      "progress '%s' is not a whole number from 0 to 100", cell_text(c, b));
            bad = true;
        } else {
            u.has_progress = true;
        }
    }
    bool has_date = false;
    if ((c = row_cell(row, WP_COL_UPDATED))) {
        if (!read_date(im, c, &u.date)) {
            cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_COL_UPDATED,
                      "cannot read date '%s' (write it as YYYY-MM-DD)", cell_text(c, b));
            bad = true;
        } else {
            has_date = true;
        }
    }
    const char *reporter = NULL;
    if ((c = row_cell(row, WP_COL_REPORTED_BY))) {
        reporter = reporter_code(im, cell_text(c, b));
        if (!reporter) {
            cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_COL_REPORTED_BY,
                      "unknown reporter '%s'", cell_text(c, b));
            bad = true;
        }
    }
    const char *note = NULL;
    if ((c = row_cell(row, WP_COL_NOTE))) {
        note = trimmed(&im->tmp, cell_text(c, b));
        if (strlen(note) > MAX_NOTE_BYTES) {
            cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_COL_NOTE,
                      "note is longer than %d bytes", MAX_NOTE_BYTES);
            bad = true;
        }
        if (!*note)
            note = NULL;
    }
    if (bad)
        return ROW_REFUSED;

    const struct wp_current *cur = &a->current;
    bool note_changed = note && !same_note(plan, &cur->note, im->lang, note);
    bool changed = (u.has_status && u.status != cur->status) ||
                   (u.has_progress && u.progress != cur->progress) || note_changed ||
                   (has_date && (cur->updated.year == 0 || wp_date_cmp(u.date, cur->updated) > 0));
    if (!changed)
        return ROW_UNCHANGED;
    bool older = cur->updated.year && (!has_date || wp_date_cmp(u.date, cur->updated) < 0);
    if (older && row_is_history(im, a, has_date ? u.date : (struct wp_date){0, 0, 0}, &u, note))
        return ROW_UNCHANGED;
    if (!has_date) {
        if (cur->updated.year) {
            /* a row never dated, while the activity has reports: it predates them */
            cell_diag(im, WP_SEV_WARNING, WP_DIAG_BAD_CELL, row->r, WP_COL_UPDATED,
                      "row has no last update date and '%s' has a newer update; row not imported",
                      row->id);
            return ROW_SUPERSEDED;
        }
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r, WP_COL_UPDATED,
                  "changes to '%s' have no last update date", row->id);
        return ROW_REFUSED;
    }
    struct wp_date first = {plan->period_from, 1, 1};
    if (wp_date_cmp(u.date, first) < 0) {
        char d1[11], d2[11];
        wp_date_iso(u.date, d1);
        wp_date_iso(first, d2);
        cell_diag(im, WP_SEV_ERROR, WP_DIAG_OUTSIDE_PERIOD, row->r, WP_COL_UPDATED,
                  "date '%s' is before the plan period starts (%s)", d1, d2);
        return ROW_REFUSED;
    }
    u.activity = (char *)a->id;
    u.note = note_changed ? (char *)note : NULL;
    if (already_have(im, &u))
        return ROW_UNCHANGED;
    if (cur->updated.year && wp_date_cmp(u.date, cur->updated) < 0) {
        char d1[11], d2[11];
        wp_date_iso(u.date, d1);
        wp_date_iso(cur->updated, d2);
        cell_diag(im, WP_SEV_WARNING, WP_DIAG_BAD_CELL, row->r, WP_COL_UPDATED,
                  "row of %s is older than the latest update of '%s' (%s); row not imported", d1,
                  row->id, d2);
        return ROW_SUPERSEDED;
    }
    /*
     * The cell shows the previous report's reporter until someone changes
     * it: left as exported, the workbook's member is the one reporting now.
     */
    if (reporter && cur->reported_by && strcmp(reporter, cur->reported_by) == 0 && *im->member)
        reporter = NULL;
    if (!reporter && *im->member) {
        const struct wp_country *m = wp_plan_find_country(plan, im->member);
        const struct wp_party *p = wp_plan_find_party(plan, im->member);
        reporter = m ? m->code : p ? p->id : NULL;
    }
    struct wp_import_result *r = im->result;
    WP_GROW(r->updates, r->cap_updates, r->n_updates + 1);
    struct wp_import_update *out = &r->updates[r->n_updates++];
    *out = u;
    out->activity = wp_xstrdup(a->id);
    out->note = note_changed ? wp_xstrdup(note) : NULL;
    out->reported_by = reporter ? wp_xstrdup(reporter) : NULL;
    index_result(im, r->n_updates - 1);
    return ROW_TAKEN;
}

static enum wp_error import_rows(struct importer *im)
{
    const struct wp_xlsxr_sheet *t = im->tracker;
    unsigned col_of[WP_COL_COUNT];
    memcpy(col_of, im->colmap, sizeof col_of);

    /* gather rows: cells are sorted by row, then column */
    struct row *rows = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < t->n_cells;) {
        unsigned r = t->cells[i].row;
        size_t j = i;
        while (j < t->n_cells && t->cells[j].row == r)
            j++;
        if (r >= 2) {
            struct row row = {.r = r};
            bool any = false;
            for (size_t k = i; k < j; k++)
                for (int c = 0; c < WP_COL_COUNT; c++)
                    if (t->cells[k].col == col_of[c]) {
                        row.cells[c] = &t->cells[k];
                        any = true;
                    }
            if (any) {
                WP_GROW(rows, cap, n + 1);
                rows[n++] = row;
            }
        }
        i = j;
    }

    struct wp_strmap seen;
    wp_strmap_init(&seen);
    struct wp_buf idbuf = WP_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        char b[32];
        const char *id = trimmed(&idbuf, cell_text(rows[i].cells[WP_COL_ID], b));
        if (!*id)
            continue;
        rows[i].id = wp_arena_strdup(&im->x->arena, id);
        struct row *first = wp_strmap_put(&seen, rows[i].id, &rows[i]);
        if (first) {
            first->duplicate = true;
            rows[i].duplicate = true;
            rows[i].first_row = first->first_row ? first->first_row : first->r;
            first->first_row = first->first_row ? first->first_row : first->r;
        }
    }
    wp_buf_release(&idbuf);

    struct wp_import_result *res = im->result;
    for (size_t i = 0; i < n; i++) {
        /* a duplicated id: one diagnostic, at each later row; the first is refused silently */
        if (rows[i].duplicate && rows[i].first_row == rows[i].r) {
            res->refused++;
            continue;
        }
        switch (import_row(im, &rows[i])) {
        case ROW_TAKEN:
            res->taken++;
            break;
        case ROW_UNCHANGED:
            res->unchanged++;
            break;
        case ROW_REFUSED:
            res->refused++;
            break;
        case ROW_SUPERSEDED:
            res->superseded++;
            break;
        case ROW_EMPTY:
            break;
        }
    }
    wp_strmap_release(&seen);
    free(rows);
    return WP_OK;
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
    wp_strmap_init(&im.fingerprints);
    wp_strmap_init(&im.prog_heads);
    wp_strmap_init(&im.res_heads);
    index_progress(&im);
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
    if (err) {
        /* a workbook refused as a whole gives nothing */
        for (size_t i = first_new; i < result->n_updates; i++)
            update_release(&result->updates[i]);
        result->n_updates = first_new;
        result->taken = result->unchanged = result->superseded = 0;
    }
    wp_strmap_release(&im.fingerprints);
    wp_strmap_release(&im.prog_heads);
    wp_strmap_release(&im.res_heads);
    free(im.prog_next);
    free(im.res_next);
    free(im.meta);
    wp_buf_release(&im.tmp);
    wp_xlsxr_close(im.x);
    return err;
}

/* ---- YAML ---------------------------------------------------------------------- */

/*
 * A double-quoted YAML scalar: every character that could end or bend it
 * escaped. Control characters are dropped: the loader refuses them even as
 * escapes (plan-format.md, YAML details), and they carry nothing a reader sees.
 */
static void add_quoted(struct wp_buf *b, const char *s)
{
    wp_buf_addc(b, '"');
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x80) {
            i++;
            switch (ch) {
            case '"':
                wp_buf_adds(b, "\\\"");
                break;
            case '\\':
                wp_buf_adds(b, "\\\\");
                break;
            case '\n':
                wp_buf_adds(b, "\\n");
                break;
            case '\t':
                wp_buf_adds(b, "\\t");
                break;
            case '\r':
                wp_buf_adds(b, "\\r");
                break;
            default:
                if (ch >= 0x20 && ch != 0x7F)
                    wp_buf_addc(b, (char)ch);
            }
            continue;
        }
        size_t valid = wp_utf8_valid_prefix(s + i, len - i);
        if (valid == 0) {
            wp_buf_adds(b, "\\uFFFD"); /* cannot happen after expat; never write bad UTF-8 */
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = wp_utf8_decode(s + i, len - i, &cp);
        /* C1 controls but NEL, and the non-characters, are dropped like C0 controls;
         * NEL, line/paragraph separators and the BOM are escaped to stay visible */
        if (((cp >= 0x80 && cp <= 0x9F) && cp != 0x85) || cp == 0xFFFE || cp == 0xFFFF)
            ; /* dropped */
        else if (cp == 0x85 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF)
            wp_buf_addf(b, "\\u%04" PRIX32, cp);
        else
            wp_buf_add(b, s + i, n);
        i += n;
    }
    wp_buf_addc(b, '"');
}

/* Ids and codes are plain when they can only be read back as the same string. */
static void add_scalar(struct wp_buf *b, const char *s)
{
    bool plain = *s && ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'));
    for (const char *p = s; plain && *p; p++)
        plain = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                *p == '-' || *p == '_';
    static const char *const words[] = {"y",   "n",    "yes",   "no",  "on",
                                        "off", "true", "false", "null"};
    for (size_t i = 0; plain && i < sizeof words / sizeof words[0]; i++) {
        size_t k = 0;
        while (words[i][k] && s[k] && (s[k] | 0x20) == words[i][k])
            k++;
        if (!words[i][k] && !s[k])
            plain = false;
    }
    if (plain)
        wp_buf_adds(b, s);
    else
        add_quoted(b, s);
}

char *wp_import_render(const struct wp_import_update *updates, size_t n, unsigned indent,
                       size_t *len)
{
    struct wp_buf b = WP_BUF_INIT;
    if (indent > 8)
        indent = 8;
    char pad[10];
    memset(pad, ' ', indent);
    pad[indent] = '\0';
    wp_buf_adds(&b, "");
    for (size_t i = 0; i < n; i++) {
        const struct wp_import_update *u = &updates[i];
        char iso[11];
        wp_date_iso(u->date, iso);
        wp_buf_addf(&b, "%s- activity: ", pad);
        add_scalar(&b, u->activity);
        wp_buf_addf(&b, "\n%s  date: %s\n", pad, iso);
        if (u->has_status)
            wp_buf_addf(&b, "%s  status: %s\n", pad, wp_status_word(u->status));
        if (u->has_progress)
            wp_buf_addf(&b, "%s  progress: %d\n", pad, u->progress);
        if (u->reported_by) {
            wp_buf_addf(&b, "%s  reported_by: ", pad);
            add_scalar(&b, u->reported_by);
            wp_buf_addc(&b, '\n');
        }
        if (u->note) {
            wp_buf_addf(&b, "%s  note: ", pad);
            add_quoted(&b, u->note);
            wp_buf_addc(&b, '\n');
        }
    }
    return wp_buf_detach(&b, len);
}

char *wp_import_progress_header(const char *plan_id, size_t *len)
{
    struct wp_buf b = WP_BUF_INIT;
    wp_buf_adds(&b, "format: workplan-progress/1\nplan: ");
    add_scalar(&b, plan_id);
    wp_buf_adds(&b, "\nupdates:\n");
    return wp_buf_detach(&b, len);
}
