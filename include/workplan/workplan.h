/*
 * libworkplan: one YAML work plan, exported as a PDF booklet and an Excel
 * tracking workbook, and returned workbooks read back as progress.
 *
 *     #include <workplan/workplan.h>
 *
 *     struct wp_diags diags;
 *     struct wp_plan *plan = NULL;
 *     wp_diags_init(&diags);
 *     if (wp_plan_load_file("plan/workplan.yaml", NULL, &plan, &diags) == WP_OK) {
 *         wp_check(plan, NULL, &(struct wp_check_options){0}, &diags);
 *         if (diags.n_errors == 0)
 *             wp_pdf_write(plan, &(struct wp_pdf_options){.build_time = 1637712000},
 *                          "plan.pdf", &diags);
 *     }
 *     wp_plan_free(plan);
 *     wp_diags_release(&diags);
 */
#ifndef WORKPLAN_WORKPLAN_H
#define WORKPLAN_WORKPLAN_H

#define WP_VERSION "0.1.0"

#include "build_time.h"
#include "check.h"
#include "diag.h"
#include "diff.h"
#include "error.h"
#include "export.h"
#include "import.h"
#include "labels.h"
#include "load.h"
#include "model.h"
#include "progress.h"

#endif
