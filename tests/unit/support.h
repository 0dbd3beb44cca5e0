/* cmocka helpers shared by the unit tests. */
#ifndef WP_TEST_SUPPORT_H
#define WP_TEST_SUPPORT_H

/* cmocka 1.1 needs these before its header */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "workplan/workplan.h"

struct loaded {
    struct wp_plan *plan;
    struct wp_progress *progress;
    struct wp_diags diags;
};

/* Loads a plan (and a progress file, may be NULL) from strings, applies progress, checks. */
void load_strings(struct loaded *l, const char *plan_yaml, const char *progress_yaml);
void loaded_release(struct loaded *l);

/* The first diagnostic with this code, or NULL. */
const struct wp_diag *find_diag(const struct wp_diags *d, enum wp_diag_code code);
/* Prints every diagnostic (for failing tests). */
void dump_diags(const struct wp_diags *d);

/* Asserts a diagnostic with code at line:col exists. */
#define assert_diag_at(diags, code, line, col) \
    assert_true(has_diag_at((diags), (code), (line), (col)))
bool has_diag_at(const struct wp_diags *d, enum wp_diag_code code, unsigned line, unsigned col);

#endif
