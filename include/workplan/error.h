/*
 * Operational failures: the first of workplan's two error channels.
 *
 * Every library function that can fail for a reason other than the content
 * of a plan returns an enum wp_error; WP_OK (0) means success, so callers
 * write `if (err) return err;`. Content problems (a bad key, a dangling
 * reference) are never errors of this kind: they are diagnostics, collected
 * in a struct wp_diags (diag.h).
 */
#ifndef WORKPLAN_ERROR_H
#define WORKPLAN_ERROR_H

enum wp_error {
    WP_OK = 0,
    WP_ERR_IO,       /* a file could not be read or written */
    WP_ERR_NOMEM,    /* out of memory */
    WP_ERR_LIMIT,    /* an input is over one of the documented limits */
    WP_ERR_INVALID,  /* the input has errors (see the diagnostics) */
    WP_ERR_FONT,     /* no usable font, or a character no font covers */
    WP_ERR_PDF,      /* libharu reported a failure */
    WP_ERR_XLSX,     /* libxlsxwriter reported a failure */
    WP_ERR_ARGUMENT, /* an option the function cannot honour */
    WP_ERR_COUNT
};

/* A static, lowercase description of err; never NULL. */
const char *wp_strerror(enum wp_error err);
/* Lowercase text for an errno value, as the diagnostics word it: "no space left on device". */
const char *wp_io_error_text(int errnum);

#endif
