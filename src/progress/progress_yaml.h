/*
 * Writing the progress file's YAML (src/progress/ only, and its tests):
 * the appender composes a file from these pieces.
 */
#ifndef WP_PROGRESS_YAML_H
#define WP_PROGRESS_YAML_H

#include <stddef.h>

#include "workplan/progress.h"

/*
 * The updates as YAML sequence items to append under a progress file's
 * `updates:` key, the dash indented by `indent` spaces (0..8), in order,
 * one mapping per update. Notes are double-quoted with escapes, so any
 * text is safe. Returns a malloc'ed NUL-terminated string (the caller
 * frees it; "" when n is 0) and its length in *len when len is not NULL.
 */
char *wp_progress_yaml_items(const struct wp_update *updates, size_t n, unsigned indent,
                             size_t *len);

/*
 * Where new items go in a progress file's text: the end of its `updates:`
 * block, before the next top-level key (`events:`) and the blank or
 * comment lines right above that key; len when the updates come last or
 * the file has none.
 */
size_t wp_progress_yaml_updates_end(const char *text, size_t len);

/*
 * The start of a new progress file for plan_id:
 * "format: workplan-progress/1\nplan: <id>\nupdates:\n". malloc'ed.
 */
char *wp_progress_yaml_header(const char *plan_id, size_t *len);

#endif
