/*
 * The exporters: the PDF booklet and the Excel tracking workbook. Each
 * takes a plan without errors (progress already applied with
 * wp_progress_apply) and writes one file atomically: into a temporary file
 * beside `path` (beside a symbolic link's target: the link stays), every
 * write, fsync, close and rename checked, renamed over it only when
 * complete; the replaced file's mode (and owner and group where allowed) is
 * kept. `path` "-" writes to standard output. On failure the target is left
 * as it was, the temporary file removed, and a diagnostic in `diags` says
 * why (every error code below but WP_ERR_NOMEM comes with an error diagnostic).
 * Neither function prints, nor changes any process-wide state; but
 * libxlsxwriter, which wp_xlsx_write uses, prints its own "[ERROR]..." lines
 * on stderr when a write fails (docs/library.md). Its scratch files go in the
 * folder of `path`. docs/reliability.md says what is guaranteed.
 */
#ifndef WORKPLAN_EXPORT_H
#define WORKPLAN_EXPORT_H

#include <time.h>

#include "error.h"
#include "model.h"

enum wp_paper { WP_PAPER_A4, WP_PAPER_LETTER };

/*
 * For programs only, never called by the library itself: installs handlers
 * that remove the exporters' live temporary files on SIGINT, SIGTERM, SIGHUP
 * and SIGPIPE, then die of the signal (a signal already ignored stays
 * ignored). Signal handlers are the program's to choose (docs/library.md).
 */
void wp_atomic_cleanup_on_signals(void);

struct wp_diff; /* diff.h */

struct wp_pdf_options {
    const char *lang; /* NULL = the plan's first language */
    enum wp_paper paper;
    time_t build_time; /* from wp_build_time; the document's dates */
    /* NULL, or the changes from an earlier plan to this one (wp_diff): the
     * booklet then ends with the annex "Changes since version X (date)" */
    const struct wp_diff *since;
};

struct wp_xlsx_options {
    const char *lang;    /* NULL = the plan's first language */
    const char *member;  /* country code, or NULL for every activity */
    enum wp_paper paper; /* what the sheets print on (Excel's page setup) */
    time_t build_time;   /* from wp_build_time; never 0 */
};

/*
 * The booklet. Returns
 *   WP_OK           written;
 *   WP_ERR_ARGUMENT plan, options or path missing (or path empty);
 *   WP_ERR_FONT     no usable font, or a character no font covers;
 *   WP_ERR_IO       the file or its temporary could not be created, written,
 *                   synced or renamed (full disk, permissions, a name too
 *                   long, a target that is not a regular file), or a
 *                   temporary font file could not be written;
 *   WP_ERR_PDF      libharu failed while building the document or loading a
 *                   font subset;
 *   WP_ERR_NOMEM    HarfBuzz could not allocate while subsetting a font.
 */
enum wp_error wp_pdf_write(const struct wp_plan *plan, const struct wp_pdf_options *options,
                           const char *path, struct wp_diags *diags);

/*
 * The tracking workbook. Returns
 *   WP_OK           written;
 *   WP_ERR_ARGUMENT plan, options or path missing, build_time 0, or a member
 *                   that is not a country of the plan;
 *   WP_ERR_IO       the file or its temporary could not be created, written,
 *                   synced or renamed (as for wp_pdf_write), or the zip
 *                   libxlsxwriter wrote is not whole;
 *   WP_ERR_XLSX     libxlsxwriter refused a sheet, cell, name or the workbook
 *                   (an invalid localised sheet name included).
 */
enum wp_error wp_xlsx_write(const struct wp_plan *plan, const struct wp_xlsx_options *options,
                            const char *path, struct wp_diags *diags);

#endif
