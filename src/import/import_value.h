/*
 * What a person typed into an Indicators Value cell, before it is read as a
 * number (issue 21): a date (a date-formatted number, as LibreOffice stores
 * `7/1`, or text that looks like one) is no value; text such as `25%` is a
 * percentage.
 */
#ifndef WP_IMPORT_VALUE_H
#define WP_IMPORT_VALUE_H

#include "import/xlsx_read.h"

enum wp_value_kind {
    WP_VALUE_OTHER,   /* read it as a number (or refuse it as none) */
    WP_VALUE_DATE,    /* a date: refused */
    WP_VALUE_PERCENT, /* text "N%": *percent = N */
};

enum wp_value_kind wp_import_value_kind(const struct wp_xlsxr_cell *c, double *percent);

/* Whether the unit, trimmed, is "%". */
bool wp_import_unit_is_percent(const char *unit);

/*
 * The grey derived cells of an Indicators row (docs/round-trip.md: a changed
 * grey cell refuses the row): On track, when not empty, must still be a
 * formula (a cleared one looks like a formula whose result is "");
 * Expected now the value the exporter wrote for the day it was built (built,
 * from _workplan; year 0: unknown, not checked). Returns the column changed
 * (enum wp_ind_col), or -1 when both are as exported.
 */
struct wp_indicator;
int wp_import_derived_changed(const struct wp_indicator *ind, struct wp_date built,
                              const struct wp_xlsxr_cell *expected,
                              const struct wp_xlsxr_cell *on_track);

#endif
