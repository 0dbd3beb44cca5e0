/*
 * Reading returned tracking workbooks back as progress updates.
 *
 *     struct wp_import_result r;
 *     wp_import_result_init(&r);
 *     struct wp_import_options o = {.progress = progress};
 *     err = wp_import_workbook(plan, &o, "PE.xlsx", &r, &diags);
 *     ... r.taken, r.unchanged, r.refused; r.updates[0..n_updates) ...
 *     wp_progress_file_append(file, r.updates, r.n_updates);   (progress.h)
 *     wp_import_result_release(&r);
 *
 * The plan must be free of errors and have the existing progress applied
 * (wp_progress_apply): each Tracker row is compared with its activity's
 * `current` state, and a row that differs (or carries a newer "last
 * update" date) becomes one dated update. Rows that cannot be taken are
 * refused, each with an error diagnostic whose file is the workbook's path
 * and whose position is the sheet's cell (diag.h: `cell` is "Tracker!H12",
 * printed PE.xlsx:Tracker!H12: error: unknown status 'Hecho').
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

struct wp_import_result {
    /* appended to by each wp_import_workbook; the progress file's own type
     * (progress.h), ready for wp_progress_file_append */
    struct wp_update *updates;
    size_t n_updates;
    size_t cap_updates;
    struct wp_import_strings *strings; /* private: owns the updates' texts */
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

#endif
