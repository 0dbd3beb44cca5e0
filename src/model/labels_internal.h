/* The catalogue seen without fallback, so a test can prove every table complete. */
#ifndef WP_LABELS_INTERNAL_H
#define WP_LABELS_INTERNAL_H

#include "workplan/labels.h"

/* The table's own entry for lang, NULL when the table lacks it. */
const char *wp_label_lookup(const char *lang, enum wp_label label);

#endif
