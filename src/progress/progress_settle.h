/*
 * Editors and shells save a file in place (truncate, then write): between
 * the two, or between two writes, it is incomplete. The appender reads the
 * progress file only once it holds still, and replaces it only while it is
 * still exactly what was read (docs/reliability.md, "An editor saving").
 */
#ifndef WP_IMPORT_PROGRESS_SETTLE_H
#define WP_IMPORT_PROGRESS_SETTLE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

/* The file as read: its identity, size and modification time (ns), and its bytes. */
struct wp_file_seen {
    bool exists;
    struct stat st;
    const char *data; /* borrowed: the bytes read */
    size_t len;
};

/*
 * Reads path whole once it holds still (see wp_progress_settle), again
 * while its size or mtime changed during the read. Returns 0 (and
 * seen->exists false when there is no file), -1 with errno, -2 when it is
 * larger than max. *data is malloc'ed (NULL when there is no file).
 */
int wp_progress_read_still(const char *path, size_t max, char **data, size_t *len,
                           struct wp_file_seen *seen);

/*
 * Whether the file at path is still what seen read: same device, inode,
 * size, mtime to the nanosecond and the same bytes. A missing file is
 * unchanged when it was missing.
 */
bool wp_progress_unchanged(const char *path, const struct wp_file_seen *seen);

#endif
