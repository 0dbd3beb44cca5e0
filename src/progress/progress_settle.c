/*
 * Reading a progress file that an editor may be saving in place, and
 * checking it did not change before it is replaced (progress_settle.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "progress/progress_settle.h"
#include "util/util.h"
#include "workplan/progress.h"

/* A file written less than this ago may be mid-save: editors write in one go, far faster. */
#define QUIET_MS 60L
/* Waiting longer for a file that keeps changing: read it as it is (checked again later). */
#define SETTLE_MAX_MS 2000L

static long long ns_of(struct timespec t)
{
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void pause_ms(long ms)
{
    struct timespec ts = {0, ms * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/*
 * Whether the file's last content change is older than QUIET_MS. A file
 * whose status changed after its content (ctime > mtime: renamed into
 * place, as every workplan writer does) is complete.
 */
static bool is_still(const struct stat *st)
{
    if (ns_of(st->st_ctim) > ns_of(st->st_mtim))
        return true;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return ns_of(now) - ns_of(st->st_mtim) >= QUIET_MS * 1000000LL;
}

void wp_progress_settle(const char *path)
{
    struct stat st;
    for (long waited = 0; waited < SETTLE_MAX_MS; waited += 10) {
        if (stat(path, &st) != 0 || is_still(&st))
            return;
        pause_ms(10);
    }
}

static bool same_stat(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           ns_of(a->st_mtim) == ns_of(b->st_mtim);
}

int wp_progress_read_still(const char *path, size_t max, char **data, size_t *len,
                           struct wp_file_seen *seen)
{
    *data = NULL;
    *len = 0;
    memset(seen, 0, sizeof(*seen));
    for (int tries = 0;; tries++) {
        wp_progress_settle(path);
        if (stat(path, &seen->st) != 0)
            return errno == ENOENT ? 0 : -1;
        int rc = wp_read_file(path, max, data, len);
        if (rc != 0)
            return rc;
        struct stat after;
        if ((stat(path, &after) == 0 && same_stat(&seen->st, &after)) || tries == 20)
            break; /* after 20 changes mid-read: the check before replacing it decides */
        free(*data);
        *data = NULL;
    }
    seen->exists = true;
    seen->data = *data;
    seen->len = *len;
    return 0;
}

bool wp_progress_unchanged(const char *path, const struct wp_file_seen *seen)
{
    struct stat now;
    if (stat(path, &now) != 0)
        return !seen->exists && errno == ENOENT;
    if (!seen->exists || !same_stat(&seen->st, &now))
        return false;
    char *bytes = NULL;
    size_t len = 0;
    bool same = wp_read_file(path, seen->len + 1, &bytes, &len) == 0 && len == seen->len &&
                memcmp(bytes, seen->data, len) == 0;
    free(bytes);
    return same;
}
