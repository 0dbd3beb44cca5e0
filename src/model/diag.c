#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "workplan/diag.h"

enum { DEFAULT_MAX_DIAGS = 1000 };

void wp_diags_init(struct wp_diags *diags)
{
    memset(diags, 0, sizeof(*diags));
}

void wp_diags_release(struct wp_diags *diags)
{
    for (size_t i = 0; i < diags->n; i++) {
        free(diags->items[i].message);
        free(diags->items[i].cell);
    }
    free(diags->items);
    size_t max = diags->max_items;
    wp_diags_init(diags);
    diags->max_items = max;
}

static void add_v(struct wp_diags *diags, enum wp_severity severity, enum wp_diag_code code,
                  const char *file, struct wp_pos pos, const char *cell, const char *fmt,
                  va_list ap)
{
    if (severity == WP_SEV_ERROR)
        diags->n_errors++;
    else
        diags->n_warnings++;
    size_t max = diags->max_items ? diags->max_items : DEFAULT_MAX_DIAGS;
    if (diags->n >= max)
        return;
    struct wp_buf b = WP_BUF_INIT;
    va_list again;
    va_copy(again, ap);
    char small[512];
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    if (n >= 0 && (size_t)n < sizeof(small)) {
        wp_buf_add(&b, small, (size_t)n);
    } else if (n >= 0) {
        char *big = wp_xmalloc((size_t)n + 1);
        vsnprintf(big, (size_t)n + 1, fmt, again);
        wp_buf_add(&b, big, (size_t)n);
        free(big);
    }
    va_end(again);
    WP_GROW(diags->items, diags->cap, diags->n + 1);
    diags->items[diags->n++] = (struct wp_diag){
        .severity = severity,
        .code = code,
        .file = file,
        .pos = pos,
        .message = wp_buf_detach(&b, NULL),
        .cell = cell ? wp_xstrdup(cell) : NULL,
    };
}

void wp_diags_add(struct wp_diags *diags, enum wp_severity severity, enum wp_diag_code code,
                  const char *file, struct wp_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_v(diags, severity, code, file, pos, NULL, fmt, ap);
    va_end(ap);
}

void wp_diags_add_cell(struct wp_diags *diags, enum wp_severity severity, enum wp_diag_code code,
                       const char *file, const char *cell, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_v(diags, severity, code, file, (struct wp_pos){0, 0}, cell, fmt, ap);
    va_end(ap);
}

void wp_diags_promote_warnings(struct wp_diags *diags)
{
    for (size_t i = 0; i < diags->n; i++)
        diags->items[i].severity = WP_SEV_ERROR;
    diags->n_errors += diags->n_warnings;
    diags->n_warnings = 0;
}

static int cmp_pos(const struct wp_diag *a, const struct wp_diag *b)
{
    const char *fa = a->file ? a->file : "", *fb = b->file ? b->file : "";
    int c = strcmp(fa, fb);
    if (c)
        return c;
    if (a->pos.line != b->pos.line)
        return a->pos.line < b->pos.line ? -1 : 1;
    if (a->pos.col != b->pos.col)
        return a->pos.col < b->pos.col ? -1 : 1;
    return 0;
}

void wp_diags_sort(struct wp_diags *diags)
{
    /* insertion sort is stable and diagnostics are few (bounded by max_items) */
    for (size_t i = 1; i < diags->n; i++) {
        struct wp_diag d = diags->items[i];
        size_t j = i;
        while (j > 0 && cmp_pos(&diags->items[j - 1], &d) > 0) {
            diags->items[j] = diags->items[j - 1];
            j--;
        }
        diags->items[j] = d;
    }
}

size_t wp_diag_format(const struct wp_diag *d, char *buf, size_t size)
{
    const char *sev = d->severity == WP_SEV_ERROR ? "error" : "warning";
    const char *file = d->file ? d->file : "workplan";
    int n;
    if (d->pos.line)
        n = snprintf(buf, size, "%s:%u:%u: %s: %s", file, d->pos.line, d->pos.col, sev, d->message);
    else if (d->cell)
        n = snprintf(buf, size, "%s:%s: %s: %s", file, d->cell, sev, d->message);
    else
        n = snprintf(buf, size, "%s: %s: %s", file, sev, d->message);
    return n < 0 ? 0 : (size_t)n;
}

static const char *const code_names[WP_DIAG_CODE_COUNT] = {
    [0] = "none",
    [WP_DIAG_IO] = "io",
    [WP_DIAG_YAML_SYNTAX] = "yaml-syntax",
    [WP_DIAG_INVALID_UTF8] = "invalid-utf8",
    [WP_DIAG_SECOND_DOCUMENT] = "second-document",
    [WP_DIAG_LIMIT] = "limit",
    [WP_DIAG_BINARY] = "binary",
    [WP_DIAG_FORMAT] = "format",
    [WP_DIAG_MISSING_KEY] = "missing-key",
    [WP_DIAG_UNKNOWN_KEY] = "unknown-key",
    [WP_DIAG_DUPLICATE_KEY] = "duplicate-key",
    [WP_DIAG_TYPE] = "type",
    [WP_DIAG_VALUE] = "value",
    [WP_DIAG_MALFORMED] = "malformed",
    [WP_DIAG_DUPLICATE_ID] = "duplicate-id",
    [WP_DIAG_UNDECLARED] = "undeclared",
    [WP_DIAG_ID_CLASH] = "id-clash",
    [WP_DIAG_PLAN_MISMATCH] = "plan-mismatch",
    [WP_DIAG_ORDER] = "order",
    [WP_DIAG_OUTSIDE_PERIOD] = "outside-period",
    [WP_DIAG_MISSING_TRANSLATION] = "missing-translation",
    [WP_DIAG_PROGRESS_FULL_NOT_COMPLETED] = "progress-full-not-completed",
    [WP_DIAG_COMPLETED_NOT_FULL] = "completed-not-full",
    [WP_DIAG_OVERDUE_PLANNED] = "overdue-planned",
    [WP_DIAG_GLYPH_MISSING] = "glyph-missing",
    [WP_DIAG_EXPORT] = "export",
    [WP_DIAG_WORKBOOK] = "workbook",
    [WP_DIAG_VERSION_MISMATCH] = "version-mismatch",
    [WP_DIAG_UNKNOWN_ACTIVITY] = "unknown-activity",
    [WP_DIAG_DUPLICATE_ROW] = "duplicate-row",
    [WP_DIAG_LOCKED_CHANGED] = "locked-changed",
    [WP_DIAG_BAD_CELL] = "bad-cell",
};

const char *wp_diag_code_name(enum wp_diag_code code)
{
    if ((unsigned)code >= WP_DIAG_CODE_COUNT || !code_names[code])
        return "unknown";
    return code_names[code];
}
