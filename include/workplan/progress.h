/*
 * The progress file (`workplan-progress/1`): dated updates kept beside the
 * plan, and the rule that turns them into each activity's current state.
 */
#ifndef WORKPLAN_PROGRESS_H
#define WORKPLAN_PROGRESS_H

#include "error.h"
#include "model.h"

/* One entry of an update's `indicators:` mapping. */
struct wp_indicator_report {
    const char *id;    /* as written */
    struct wp_pos pos; /* of the key; from a workbook: line = its Indicators row (1-based) */
    double value;      /* finite */
    struct wp_pos value_pos;
};

/*
 * One dated update: loaded from a progress file, or produced by
 * wp_import_workbook to be appended to one (then every position is 0:0
 * but pos.line, the Tracker row it came from, 0 for indicator values alone;
 * the note is its `plain` text, unset when the note did not change).
 */
struct wp_update {
    struct wp_pos pos; /* of the update's mapping */
    const char *activity;
    struct wp_pos activity_pos;
    struct wp_date date;
    struct wp_pos date_pos;
    bool has_status;
    enum wp_status status;
    struct wp_pos status_pos;
    bool has_progress;
    int progress;
    struct wp_pos progress_pos;
    const char *reported_by; /* NULL when not given */
    struct wp_pos reported_by_pos;
    struct wp_text note; /* unset when not given */
    /* `indicators: {ID: number}`: values of the activity's measured indicators */
    struct wp_indicator_report *indicators;
    size_t n_indicators;
    struct wp_pos indicators_pos;
};

struct wp_progress {
    const char *file;
    const char *format;
    const char *plan_id;
    struct wp_pos plan_id_pos;
    struct wp_update *updates; /* in file order */
    size_t n_updates;
    struct wp_event *events; /* in file order; the plan gets them by date */
    size_t n_events;
    struct wp_pos events_pos;
    struct wp_pos pos;
    struct wp_progress_private *priv;
};

void wp_progress_free(struct wp_progress *progress);

/*
 * Sets every activity's `current` from its own status/progress, then
 * overlays the updates: each of status, progress and note comes from the
 * latest update (by date; a later entry in the file wins a tie) that gives
 * it. Updates naming unknown activities are skipped (check reports them).
 * Each measured indicator's value comes from the latest update reporting it
 * (same tie rule); none means no value. The events are copied into the plan
 * (plan->events, by date, file order for ties) and each activity gets those
 * naming it. progress may be NULL (resets to the plan's own, no values, no
 * events). Texts are copied into the plan, so progress may be freed
 * afterwards.
 */
void wp_progress_apply(struct wp_plan *plan, const struct wp_progress *progress);

/* The newest update or event date, year 0 when none. */
struct wp_date wp_progress_newest_date(const struct wp_progress *progress);

/* ---- appending updates: the one writer of progress files ---------------- */

/*
 * Whether `have` (in a progress file) already says everything u says: the
 * same activity and date, status and progress given alike, u's note (when
 * set) one of have's texts, u's indicator values among have's. Appending u
 * after `have` would add nothing.
 */
bool wp_update_same(const struct wp_update *have, const struct wp_update *u);

struct wp_progress_lock; /* a held lock on one progress file */

/* How long a writer waits for another one, unless told otherwise: 60 s. */
#define WP_PROGRESS_LOCK_WAIT_MS 60000UL

struct wp_progress_lock_options {
    unsigned long wait_ms; /* 0 = WP_PROGRESS_LOCK_WAIT_MS */
    bool no_wait;          /* give up at once when another holds the lock */
    /* called once, before waiting, when another process holds the lock; may be NULL */
    void (*on_wait)(void *ctx, const char *path);
    void *ctx;
};

/*
 * Serialises the writers of the progress file at path: an exclusive
 * flock(2) on ".NAME.lock" beside the file's real target (symbolic links
 * followed, so links to one file share one lock). The lock file is
 * created when missing and left in place; the kernel drops the lock when
 * its holder exits, even by kill -9, so a crash never blocks the next
 * writer. flock may not work on network file systems (see
 * docs/reliability.md). Hold the lock from reading the file to replacing
 * it: read, compare and append are then one step for every other writer.
 *
 * Returns WP_OK and *lock, or, with an error diagnostic on path:
 * WP_ERR_IO when the lock file cannot be opened or locked, or when
 * another holder kept it beyond the wait (nothing was done).
 */
enum wp_error wp_progress_lock(const char *path, const struct wp_progress_lock_options *opts,
                               struct wp_progress_lock **lock, struct wp_diags *diags);
/* Releases and frees the lock; NULL is a no-op. */
void wp_progress_unlock(struct wp_progress_lock *lock);

/*
 * Waits, at most 2 s, while the file at path was written in place less
 * than 60 ms ago and not renamed since: an editor may be saving it
 * (truncate, then write). Call it under the lock, before reading the file.
 */
void wp_progress_settle(const char *path);

struct wp_progress_append_options {
    /*
     * The lock on this file, already held by the caller (who compared the
     * updates with the file under it), or NULL: then the function takes it
     * itself with `lock` and releases it before returning.
     */
    struct wp_progress_lock *held;
    /*
     * Ignored: the file is read and parsed again under the lock, once it
     * holds still, since an editor may have saved it after the caller
     * loaded it (docs/reliability.md). Kept for source compatibility.
     */
    const struct wp_progress *loaded;
    struct wp_progress_lock_options lock;
    bool dry_run; /* compose and prove, but write nothing and take no lock */
};

struct wp_progress_append_result {
    size_t appended;   /* updates written (dry run: that would be) */
    size_t duplicates; /* updates equal to one already in the file, skipped */
    char *text;        /* dry run: the bytes that would be appended (malloc'ed), else NULL */
};

/*
 * Appends updates[0..n) to the progress file at path for plan:
 *
 * - under the file's lock (above), the file is read again: what another
 *   writer added meanwhile is kept;
 * - an update equal to one already in the file (same activity, date,
 *   status, progress and note) is skipped, so appending twice adds nothing;
 * - the others are appended after the file's own bytes, which stay as
 *   they were (comments and layout included), as items at the end of its
 *   `updates:` block list (before a key that follows it, such as
 *   `events:`), indented as its existing items are; a missing file is
 *   created with a header for plan->id;
 * - the file is read once it holds still (wp_progress_settle), and
 *   replaced only while it is still the same (device, inode, size, mtime
 *   in ns, bytes) just before the rename; when another program changed it
 *   meanwhile, it is read again and the append redone, up to 5 times;
 * - the result is loaded and checked against plan before it is written,
 *   then replaces the file in one step through the atomic writer (a
 *   symbolic link is followed, the file keeps its mode, owner and group;
 *   a hard link to the old file keeps the old content).
 *
 * plan must be free of errors; its activities' `current` state is left
 * as the file's new content gives it. updates are borrowed. result may
 * be NULL; its text must be freed by the caller.
 *
 * Returns WP_OK (also when nothing was left to append: the file is then
 * not touched), or, with error diagnostics on path and the file as it was:
 * WP_ERR_INVALID when the file has errors or the result would not load as
 * a valid progress file (e.g. `updates:` is not a block list),
 * WP_ERR_LIMIT when the file is over 256 MiB, WP_ERR_IO when it cannot be
 * read, locked or written, or kept changing while being appended to.
 */
enum wp_error wp_progress_append(struct wp_plan *plan, const char *path,
                                 const struct wp_update *updates, size_t n,
                                 const struct wp_progress_append_options *opts,
                                 struct wp_progress_append_result *result, struct wp_diags *diags);

/* ---- the progress file as a handle: open, load, append, commit --------- */

struct wp_progress_file; /* one progress file, locked and loaded */

struct wp_progress_file_options {
    struct wp_progress_lock_options lock;
    bool dry_run; /* take no lock: wp_progress_file_commit writes nothing */
};

/*
 * Opens the progress file at path for appending: takes its lock (not in a
 * dry run), then reads and loads it; a missing file is no progress yet
 * (the commit creates it). The loaded file's diagnostics go to diags.
 * Returns WP_OK and *file (NULL on failure), or WP_ERR_IO (lock or read,
 * with an error diagnostic) or WP_ERR_LIMIT (over 256 MiB). A file that
 * loads with errors is returned: its errors are in diags.
 */
enum wp_error wp_progress_file_open(const char *path, const struct wp_progress_file_options *opts,
                                    struct wp_progress_file **file, struct wp_diags *diags);
/* The file as loaded under the lock; NULL when it does not exist yet. */
const struct wp_progress *wp_progress_file_progress(const struct wp_progress_file *file);
/* Its path, as given to open. */
const char *wp_progress_file_path(const struct wp_progress_file *file);
/*
 * Adds updates[0..n) (borrowed until the commit) to what the commit will
 * append; each call adds to the earlier ones.
 */
void wp_progress_file_append(struct wp_progress_file *file, const struct wp_update *updates,
                             size_t n);
/*
 * Appends what was added, under the lock held since open, exactly as
 * wp_progress_append does (the file read again, updates already in it
 * skipped, the result proved against plan, replaced atomically); in a dry
 * run composes the text only (result->text). Returns as wp_progress_append.
 */
enum wp_error wp_progress_file_commit(struct wp_progress_file *file, struct wp_plan *plan,
                                      struct wp_progress_append_result *result,
                                      struct wp_diags *diags);
/* Releases the lock and frees everything; NULL is a no-op. */
void wp_progress_file_close(struct wp_progress_file *file);

#endif
