/* What the comparison (diff.c) and the sentences (diff_text.c) share. */
#ifndef WP_DIFF_INTERNAL_H
#define WP_DIFF_INTERNAL_H

#include "util/util.h"
#include "workplan/diff.h"

struct wp_diff_private {
    struct wp_arena arena; /* paths and values */
    size_t cap;
};

/* A text's own value in lang (a plain string is every language's); NULL when none. */
const char *wp_diff_text_in(const struct wp_text *t, const char *lang);

/* A period as written in YAML ("2024-Q4"), into buf of at least 16 bytes; "" when unset. */
void wp_diff_period_token(const struct wp_period *p, char buf[static 16]);

#endif
