/*
 * Pure helpers of the workbook writer, free of libxlsxwriter so unit tests
 * can reach them: making text safe for a cell, quoting inside formulas,
 * validating names, Excel dates.
 */
#ifndef WP_XLSX_TEXT_H
#define WP_XLSX_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/util.h"
#include "workplan/model.h"

#define WP_XLSX_MAX_CELL_CHARS 32767 /* Excel's limit, counted in UTF-16 units */
#define WP_XLSX_MAX_SHEET_NAME 31

/*
 * s cut to its longest valid UTF-8 prefix and to max_units UTF-16 code
 * units, as Excel counts its limits (a character beyond U+FFFF counts
 * two); the cut never falls inside a character. Returns s itself when
 * nothing had to go, else a copy kept in scratch (valid until scratch is
 * next used). NULL gives "". *cut, when not NULL, says whether anything
 * was dropped.
 */
const char *wp_xlsx_safe_text(const char *s, size_t max_units, struct wp_buf *scratch, bool *cut);

/*
 * s with every literal "_xHHHH_" protected as "_x005F_xHHHH_", since Excel
 * reads that pattern in a cell as an escaped character and libxlsxwriter
 * 1.1.4 writes it as it is; "_XHHHH_" likewise as "_x005F_XHHHH_": ECMA-376
 * decodes only the lower-case form, but SheetJS decodes both, and every
 * reader gives back the original from the protected form. Returns s when
 * there is none, else out->data.
 */
const char *wp_xlsx_escape_ooxml(const char *s, struct wp_buf *out);

/* Appends 'name' quoted for a formula reference (apostrophes doubled). */
void wp_xlsx_add_sheet_ref(struct wp_buf *b, const char *sheet);
/* Appends "s" as a formula string literal (double quotes doubled). */
void wp_xlsx_add_formula_string(struct wp_buf *b, const char *s);
/* Appends s with COUNTIFS wildcards (~ * ?) escaped by ~. */
void wp_xlsx_add_criteria_literal(struct wp_buf *b, const char *s);

/* A sheet name Excel takes: 1..31 characters, none of []:*?/\, no edge ', not History. */
bool wp_xlsx_sheet_name_ok(const char *name);
/* A defined name Excel takes: letter or _ first, then letters, digits, _ or .; not a cell
 * reference. */
bool wp_xlsx_defined_name_ok(const char *name);

/* "A", "B", ..., "Z", "AA", ... for a 0-based column (up to 16383). */
void wp_xlsx_col_name(unsigned col, char buf[4]);

/* Excel's 1900 date serial of a calendar day. */
double wp_xlsx_date_serial(struct wp_date d);

#endif
