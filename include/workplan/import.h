/*
 * Reading returned tracking workbooks back as progress updates.
 *
 *     struct wp_import_result r;
 *     wp_import_result_init(&r);
 *     struct wp_import_options o = {.progress = progress};
 *     err = wp_import_workbook(plan, &o, "PE.xlsx", &r, &diags);
 *     ... r.taken, r.unchanged, r.refused; r.updates[0..n_updates) ...
 *     char *yaml = wp_import_render(r.updates, r.n_updates, 2, &len);
 *     free(yaml);
 *     wp_import_result_release(&r);
 *
 * The plan must be free of errors and have the existing progress applied
 * (wp_progress_apply): each Tracker row is compared with its activity's
 * `current` state, and a row that differs (or carries a newer "last
 * update" date) becomes one dated update. Rows that cannot be taken are
 * refused, each with an error diagnostic whose file is the workbook's path,
 * position 0:0, and whose message starts with the sheet and cell
 * (`Tracker!H12: unknown status 'Hecho'`).
 */
#ifndef WORKPLAN_IMPORT_H
#define WORKPLAN_IMPORT_H

#include <stddef.h>

#include "error.h"
#include "model.h"
#include "progress.h"

struct wp_import_options {
    /*
     * The progress file already applied to the plan, or NULL. An update
     * equal to one already in it (same activity, date and values) is not
     * produced again, so importing a workbook twice adds nothing.
     */
    const struct wp_progress *progress;
    size_t max_total_bytes; /* uncompressed size of the workbook; 0 = 64 MiB */
    size_t max_part_bytes;  /* uncompressed size of one part; 0 = 32 MiB */
    size_t max_cells;       /* non-empty cells of one sheet; 0 = 1,000,000 */
    /*
     * The day of the import (the CLI: SOURCE_DATE_EPOCH when set, else the
     * clock). A "last update" typed after it is refused; a changed row
     * whose date was left as exported is dated with it, with a warning.
     * Year 0 (not set): the clock's UTC day.
     */
    struct wp_date today;
};

/* A value typed on the Indicators sheet: one entry of an update's `indicators:`. */
struct wp_import_value {
    char *id; /* owned; the measured indicator's id within the activity */
    double value;
    unsigned row; /* the Indicators row it came from (1-based) */
};

/* One new dated update, as it will be written to the progress file. */
struct wp_import_update {
    char *activity; /* owned */
    struct wp_date date;
    bool has_status;
    enum wp_status status;
    bool has_progress;
    int progress;
    char *reported_by; /* owned; NULL when neither the row nor the workbook names one */
    char *note;        /* owned; NULL when the note did not change */
    unsigned row;      /* the Tracker row it came from (1-based); 0 for indicators alone */
    /* values of the activity's measured indicators, in sheet order; owned, NULL when none */
    struct wp_import_value *indicators;
    size_t n_indicators;
    size_t cap_indicators;
};

struct wp_import_result {
    struct wp_import_update *updates; /* appended to by each wp_import_workbook */
    size_t n_updates;
    size_t cap_updates;
    /* counts of the last workbook imported */
    size_t taken;      /* rows that gave an update */
    size_t unchanged;  /* rows equal to the current state, or already imported */
    size_t refused;    /* rows not taken, each with a diagnostic */
    size_t superseded; /* rows older than a newer update of their activity (a warning) */
};

void wp_import_result_init(struct wp_import_result *result);
/* Frees every update; the struct may be reused after init. */
void wp_import_result_release(struct wp_import_result *result);

/*
 * Reads the workbook at path and appends the updates its rows give to
 * result->updates (earlier updates in result are kept, so one result can
 * collect several workbooks), and sets the counts for this workbook.
 * opts may be NULL. `path` is borrowed by the diagnostics.
 *
 * Returns WP_OK when the workbook was read, even if rows were refused (see
 * result->refused and the diagnostics). A workbook refused as a whole (not
 * an xlsx file, encrypted, macros, not a tracker of this plan, over a
 * limit) returns WP_ERR_INVALID or WP_ERR_LIMIT with an error diagnostic,
 * and adds no update; WP_ERR_IO when the file cannot be read.
 */
enum wp_error wp_import_workbook(const struct wp_plan *plan, const struct wp_import_options *opts,
                                 const char *path, struct wp_import_result *result,
                                 struct wp_diags *diags);

/*
 * The updates as YAML sequence items to append under a progress file's
 * `updates:` key, the dash indented by `indent` spaces (0..8), in order,
 * one mapping per update. Notes are double-quoted with escapes, so any
 * text is safe. Returns a malloc'ed NUL-terminated string (the caller
 * frees it; "" when n is 0) and its length in *len when len is not NULL.
 */
char *wp_import_render(const struct wp_import_update *updates, size_t n, unsigned indent,
                       size_t *len);

/*
 * Where new items go in a progress file's text: the end of its `updates:`
 * block, before the next top-level key (`events:`) and the blank or
 * comment lines right above that key; len when the updates come last or
 * the file has none.
 */
size_t wp_import_updates_end(const char *text, size_t len);

/*
 * The start of a new progress file for plan_id:
 * "format: workplan-progress/1\nplan: <id>\nupdates:\n". malloc'ed.
 */
char *wp_import_progress_header(const char *plan_id, size_t *len);

#endif
