/*
 * The exporters: the PDF booklet and the Excel tracking workbook. Each
 * takes a plan without errors (progress already applied with
 * wp_progress_apply) and writes one file atomically: into a temporary file
 * beside `path`, renamed over it only when complete. On failure the target
 * is left as it was and a diagnostic says why.
 */
#ifndef WORKPLAN_EXPORT_H
#define WORKPLAN_EXPORT_H

#include <time.h>

#include "error.h"
#include "model.h"

enum wp_paper { WP_PAPER_A4, WP_PAPER_LETTER };

struct wp_pdf_options {
    const char *lang; /* NULL = the plan's first language */
    enum wp_paper paper;
    time_t build_time; /* from wp_build_time; the document's dates */
};

struct wp_xlsx_options {
    const char *lang;    /* NULL = the plan's first language */
    const char *member;  /* country code, or NULL for every activity */
    enum wp_paper paper; /* what the sheets print on (Excel's page setup) */
    time_t build_time;   /* from wp_build_time; never 0 */
};

enum wp_error wp_pdf_write(const struct wp_plan *plan, const struct wp_pdf_options *options,
                           const char *path, struct wp_diags *diags);

enum wp_error wp_xlsx_write(const struct wp_plan *plan, const struct wp_xlsx_options *options,
                            const char *path, struct wp_diags *diags);

#endif
