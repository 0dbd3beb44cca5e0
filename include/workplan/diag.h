/*
 * Diagnostics: content problems found while loading, checking, exporting or
 * importing, collected rather than printed (library code never prints).
 *
 *     struct wp_diags diags;
 *     wp_diags_init(&diags);
 *     ... wp_plan_load_file(path, NULL, &plan, &diags) ...
 *     for (size_t i = 0; i < diags.n; i++) print diags.items[i]
 *     wp_diags_release(&diags);
 *
 * Each diagnostic carries a stable code (tests assert codes and positions,
 * not English sentences), the file it is about, a 1-based line:column (0:0
 * when there is no position, e.g. an unreadable file) and a message in git's
 * voice: lowercase, problem first, subject in single quotes, no final period.
 */
#ifndef WORKPLAN_DIAG_H
#define WORKPLAN_DIAG_H

#include <stddef.h>

struct wp_pos {
    unsigned line; /* 1-based; 0 = no position */
    unsigned col;  /* 1-based */
};

enum wp_severity { WP_SEV_ERROR, WP_SEV_WARNING };

enum wp_diag_code {
    /* reading */
    WP_DIAG_IO = 1,          /* file cannot be read */
    WP_DIAG_YAML_SYNTAX,     /* libyaml's own error, at its mark */
    WP_DIAG_INVALID_UTF8,    /* at the first bad byte */
    WP_DIAG_SECOND_DOCUMENT, /* a second YAML document in the stream */
    WP_DIAG_LIMIT,           /* size, depth, scalar, node or alias limit */
    WP_DIAG_BINARY,          /* NUL bytes or other non-text input */
    /* structure */
    WP_DIAG_FORMAT,        /* `format:` missing or not the expected string */
    WP_DIAG_MISSING_KEY,   /* at the mapping that lacks it */
    WP_DIAG_UNKNOWN_KEY,   /* at the key, with a suggestion when close */
    WP_DIAG_DUPLICATE_KEY, /* at the second occurrence */
    WP_DIAG_TYPE,          /* wrong YAML type (mapping, list, integer...) */
    WP_DIAG_VALUE,         /* value out of its set or range */
    WP_DIAG_MALFORMED,     /* id, code, date, period token or URL syntax */
    /* references and identity */
    WP_DIAG_DUPLICATE_ID,  /* at the second use, naming the first */
    WP_DIAG_UNDECLARED,    /* reference to an undeclared party/country/activity */
    WP_DIAG_ID_CLASH,      /* party id equal to a country code */
    WP_DIAG_PLAN_MISMATCH, /* progress file for another plan */
    /* time */
    WP_DIAG_ORDER,          /* end before start, period.to before from */
    WP_DIAG_OUTSIDE_PERIOD, /* a span or date outside plan.period */
    /* warnings */
    WP_DIAG_MISSING_TRANSLATION,
    WP_DIAG_PROGRESS_FULL_NOT_COMPLETED, /* progress 100, status not completed */
    WP_DIAG_COMPLETED_NOT_FULL,          /* completed, progress under 100 */
    WP_DIAG_OVERDUE_PLANNED,             /* end passed, still planned */
    /* export */
    WP_DIAG_GLYPH_MISSING, /* a character no font covers */
    WP_DIAG_EXPORT,        /* an exporter or library failure */
    /* import of returned workbooks */
    WP_DIAG_WORKBOOK,         /* not a workbook of this toolkit, unreadable */
    WP_DIAG_VERSION_MISMATCH, /* workbook made from another plan version */
    WP_DIAG_UNKNOWN_ACTIVITY, /* row names an activity not in the plan */
    WP_DIAG_DUPLICATE_ROW,    /* the same activity twice in one workbook */
    WP_DIAG_LOCKED_CHANGED,   /* a locked column was changed */
    WP_DIAG_BAD_CELL,         /* a cell value that cannot be taken */
    WP_DIAG_CODE_COUNT
};

struct wp_diag {
    enum wp_severity severity;
    enum wp_diag_code code;
    const char *file; /* borrowed from the caller, may be NULL */
    struct wp_pos pos;
    char *message; /* owned; without file, position or severity */
    /*
     * Owned, NULL for none: a position that is not a line and column, such
     * as a workbook's cell, "Tracker!H12" (then pos is 0:0).
     */
    char *cell;
};

struct wp_diags {
    struct wp_diag *items;
    size_t n;
    size_t cap;
    size_t n_errors;
    size_t n_warnings;
    size_t max_items; /* 0 = default (1000); past it only counts grow */
};

void wp_diags_init(struct wp_diags *diags);
/* Frees the messages and the array; the struct may be reused after init. */
void wp_diags_release(struct wp_diags *diags);

/*
 * Appends one diagnostic; `file` is borrowed and must outlive diags.
 * Never fails: on reaching max_items further diagnostics are counted but
 * not stored, so a hostile file cannot make the list grow without bound.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
void wp_diags_add(struct wp_diags *diags, enum wp_severity severity,
                  enum wp_diag_code code, const char *file, struct wp_pos pos,
                  const char *fmt, ...);

/* Turns every warning into an error (check --strict). */
/* The same at a cell of a workbook, `cell` ("SHEET!A1") copied: FILE:SHEET!A1: ... */
#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
void wp_diags_add_cell(struct wp_diags *diags, enum wp_severity severity,
                       enum wp_diag_code code, const char *file, const char *cell,
                       const char *fmt, ...);
void wp_diags_promote_warnings(struct wp_diags *diags);

/* Stable sort by file, line, column, keeping insertion order for ties. */
void wp_diags_sort(struct wp_diags *diags);

/*
 * Formats one diagnostic as `FILE:LINE:COLUMN: error|warning: MESSAGE`
 * (`FILE:CELL: ...` at a workbook's cell, `FILE: ...` without a
 * position) into buf, NUL-terminated, truncating
 * if needed. Returns the length it wanted, like snprintf.
 */
size_t wp_diag_format(const struct wp_diag *d, char *buf, size_t size);

/* The code's stable short name, e.g. "unknown-key". */
const char *wp_diag_code_name(enum wp_diag_code code);

#endif
