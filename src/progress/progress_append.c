/*
 * The one writer of progress files: lock, read again, skip what is there,
 * append in the file's own layout, prove the result, replace atomically.
 * It lives in the library, not the CLI, so that any program linking
 * libworkplan appends the same way, and under the same lock, as
 * `workplan import`; in progress/, above load and check (it loads and
 * checks the result) and below import, which only produces updates.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "progress/progress_settle.h"
#include "progress/progress_yaml.h"
#include "util/lock.h"
#include "util/util.h"
#include "workplan/check.h"
#include "workplan/load.h"
#include "workplan/progress.h"

#define MAX_PROGRESS_BYTES ((size_t)256 << 20)

struct wp_progress_lock {
    struct wp_lock lock;
};

struct wait_relay {
    const struct wp_progress_lock_options *opts;
    const char *path;
};

static void relay_wait(void *ctx)
{
    const struct wait_relay *r = ctx;
    r->opts->on_wait(r->opts->ctx, r->path);
}

/* What stands where the lock file goes when it is not a regular file; NULL otherwise. */
static const char *lock_file_kind(const char *lock_path)
{
    struct stat st;
    if (lstat(lock_path, &st) != 0 || S_ISREG(st.st_mode))
        return NULL;
    return S_ISLNK(st.st_mode)    ? "a symbolic link"
           : S_ISFIFO(st.st_mode) ? "a FIFO"
           : S_ISDIR(st.st_mode)  ? "a folder"
           : S_ISSOCK(st.st_mode) ? "a socket"
                                  : "a device";
}

enum wp_error wp_progress_lock(const char *path, const struct wp_progress_lock_options *opts,
                               struct wp_progress_lock **lock, struct wp_diags *diags)
{
    static const struct wp_progress_lock_options defaults = {0};
    if (!opts)
        opts = &defaults;
    unsigned long wait = opts->no_wait   ? 0
                         : opts->wait_ms ? opts->wait_ms
                                         : WP_PROGRESS_LOCK_WAIT_MS;
    char *lock_path = wp_lock_path_for(path);
    struct wait_relay relay = {opts, path};
    struct wp_progress_lock *pl = wp_xcalloc(1, sizeof(*pl));
    enum wp_error err = WP_OK;
    if (wp_lock_acquire(&pl->lock, lock_path, wait, opts->on_wait ? relay_wait : NULL, &relay)) {
        if (errno == ETIMEDOUT)
            wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_IO, path, (struct wp_pos){0, 0},
                         "another import still holds the lock '%s' after %lu s; nothing written",
                         lock_path, (wait + 999) / 1000);
        else if (lock_file_kind(lock_path))
            wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_IO, path, (struct wp_pos){0, 0},
                         "lock file '%s' is %s, not a regular file; remove it", lock_path,
                         lock_file_kind(lock_path));
        else
            wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_IO, path, (struct wp_pos){0, 0},
                         "cannot lock '%s': %s", lock_path, wp_io_error_text(errno));
        free(pl);
        pl = NULL;
        err = WP_ERR_IO;
    }
    free(lock_path);
    *lock = pl;
    return err;
}

void wp_progress_unlock(struct wp_progress_lock *lock)
{
    if (!lock)
        return;
    wp_lock_release(&lock->lock);
    free(lock);
}

/* One append: the file as read under the lock, and the updates still new to it. */
struct append_job {
    struct wp_plan *plan;
    const char *path;
    char *old; /* the file's bytes; NULL when it does not exist */
    size_t old_len;
    const struct wp_progress *progress; /* old, loaded; NULL when it does not exist */
    struct wp_progress *own;            /* progress when loaded here */
    struct wp_update *fresh;            /* shallow copies: the strings stay the caller's */
    size_t n_fresh;
    size_t items_from, items_to; /* where the new items are in the composed text */
    struct wp_file_seen seen;    /* the file as read: replaced only while still so */
    bool changed;                /* it changed before it could be replaced */
};

static enum wp_error read_current(struct append_job *job, const struct wp_progress *loaded,
                                  struct wp_diags *diags)
{
    /* always parsed as read now: an editor may have saved it since the caller loaded it */
    (void)loaded;
    int rc =
        wp_progress_read_still(job->path, MAX_PROGRESS_BYTES, &job->old, &job->old_len, &job->seen);
    if (rc == 0 && !job->seen.exists)
        return WP_OK; /* created by this append */
    if (rc == -2) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_LIMIT, job->path, (struct wp_pos){0, 0},
                     "file is larger than %zu bytes", MAX_PROGRESS_BYTES);
        return WP_ERR_LIMIT;
    }
    if (rc != 0) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_IO, job->path, (struct wp_pos){0, 0},
                     "cannot read file: %s", wp_io_error_text(errno));
        return WP_ERR_IO;
    }
    size_t errors_before = diags->n_errors;
    enum wp_error err =
        wp_progress_load_buffer(job->path, job->old, job->old_len, NULL, &job->own, diags);
    if (!err && diags->n_errors > errors_before)
        err = WP_ERR_INVALID;
    job->progress = job->own;
    return err;
}

static bool note_matches(const struct wp_text *t, const char *note)
{
    if (t->plain)
        return strcmp(t->plain, note) == 0;
    for (size_t i = 0; i < t->n_items; i++)
        if (strcmp(t->items[i].value, note) == 0)
            return true;
    return false;
}

/* Whether e reports every indicator value u does (u says nothing new about them). */
static bool has_values(const struct wp_update *e, const struct wp_update *u)
{
    for (size_t k = 0; k < u->n_indicators; k++) {
        bool found = false;
        for (size_t j = 0; j < e->n_indicators && !found; j++)
            found = e->indicators[j].id && u->indicators[k].id &&
                    strcmp(e->indicators[j].id, u->indicators[k].id) == 0 &&
                    e->indicators[j].value == u->indicators[k].value;
        if (!found)
            return false;
    }
    return true;
}

bool wp_update_same(const struct wp_update *e, const struct wp_update *u)
{
    if (!e->activity || !u->activity || strcmp(e->activity, u->activity) != 0 ||
        wp_date_cmp(e->date, u->date) != 0)
        return false;
    if (e->has_status != u->has_status || (u->has_status && e->status != u->status))
        return false;
    if (e->has_progress != u->has_progress || (u->has_progress && e->progress != u->progress))
        return false;
    if (u->note.plain && !note_matches(&e->note, u->note.plain))
        return false;
    return has_values(e, u);
}

static bool in_file(const struct wp_progress *p, const struct wp_update *u)
{
    for (size_t i = 0; p && i < p->n_updates; i++)
        if (wp_update_same(&p->updates[i], u))
            return true;
    return false;
}

static size_t keep_fresh(struct append_job *job, const struct wp_update *updates, size_t n)
{
    job->fresh = wp_xcalloc(n ? n : 1, sizeof(*job->fresh));
    for (size_t i = 0; i < n; i++)
        if (!in_file(job->progress, &updates[i]))
            job->fresh[job->n_fresh++] = updates[i];
    return n - job->n_fresh;
}

/* The indentation of the existing `updates:` items, or -1 when there are none to see. */
static int items_indent(const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    bool in_updates = false;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        if (strncmp(p, "updates:", 8) == 0) {
            in_updates = true;
        } else if (in_updates) {
            const char *q = p;
            while (q < eol && *q == ' ')
                q++;
            if (q + 1 < eol && q[0] == '-' && (q[1] == ' ' || q[1] == '\n'))
                return (int)(q - p);
            if (q < eol && *q != '#' && q == p)
                in_updates = false; /* another top-level key */
        }
        p = eol + 1;
    }
    return -1;
}

static bool has_updates_key(const char *text)
{
    return strncmp(text, "updates:", 8) == 0 || strstr(text, "\nupdates:") != NULL;
}

/*
 * `updates: []` (an empty flow list, spaces and a comment allowed): where
 * its brackets are and where its line ends; false when the file has none.
 */
static bool empty_flow_updates(const char *text, size_t len, size_t *open, size_t *close,
                               size_t *eol)
{
    for (size_t at = 0; at + 8 <= len;) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (strncmp(text + at, "updates:", 8) == 0) {
            size_t p = at + 8;
            while (p < end && text[p] == ' ')
                p++;
            *open = p;
            if (p < end && text[p] == '[') {
                p++;
                while (p < end && text[p] == ' ')
                    p++;
                if (p < end && text[p] == ']') {
                    *close = ++p;
                    while (p < end && text[p] == ' ')
                        p++;
                    if (p == end || text[p] == '#') {
                        *eol = nl ? end + 1 : end;
                        return true;
                    }
                }
            }
            return false;
        }
        at = end + 1;
    }
    return false;
}

/* `updates: []` becomes `updates:` followed by the items; its comment and the rest stay. */
static bool compose_into_empty(struct append_job *job, unsigned indent, struct wp_buf *b)
{
    size_t open, close, eol;
    if (!job->old || !empty_flow_updates(job->old, job->old_len, &open, &close, &eol))
        return false;
    while (open > 0 && job->old[open - 1] == ' ')
        open--;
    wp_buf_add(b, job->old, open);
    wp_buf_add(b, job->old + close, eol - close);
    if (eol == job->old_len && (eol == 0 || job->old[eol - 1] != '\n'))
        wp_buf_addc(b, '\n');
    size_t il;
    char *items = wp_progress_yaml_items(job->fresh, job->n_fresh, indent, &il);
    job->items_from = b->len;
    wp_buf_add(b, items, il);
    job->items_to = b->len;
    free(items);
    wp_buf_add(b, job->old + eol, job->old_len - eol);
    return true;
}

/* The old bytes untouched (a missing newline added), the items at indent inside `updates:`. */
static void compose_with(struct append_job *job, unsigned indent, struct wp_buf *b)
{
    size_t at = 0;
    if (compose_into_empty(job, indent, b))
        return;
    if (job->old) {
        /* before the blank and comment lines above a following key, which belong to it */
        at = wp_progress_yaml_updates_end(job->old, job->old_len);
        wp_buf_add(b, job->old, at);
        if (at && job->old[at - 1] != '\n')
            wp_buf_addc(b, '\n');
        if (!has_updates_key(job->old))
            wp_buf_adds(b, "updates:\n");
    } else {
        size_t hl;
        char *h = wp_progress_yaml_header(job->plan->id, &hl);
        wp_buf_add(b, h, hl);
        free(h);
    }
    size_t il;
    char *items = wp_progress_yaml_items(job->fresh, job->n_fresh, indent, &il);
    job->items_from = b->len;
    wp_buf_add(b, items, il);
    job->items_to = b->len;
    free(items);
    if (job->old && at < job->old_len)
        wp_buf_add(b, job->old + at, job->old_len - at);
}

/* Whether text loads and checks as exactly the old updates plus the new ones. */
static bool proves(const struct append_job *job, const struct wp_buf *text, struct wp_diags *last)
{
    size_t want = (job->progress ? job->progress->n_updates : 0) + job->n_fresh;
    struct wp_progress *np = NULL;
    enum wp_error err = wp_progress_load_buffer(job->path, text->data, text->len, NULL, &np, last);
    bool ok = !err && last->n_errors == 0 && np && np->n_updates == want;
    if (ok) {
        wp_progress_apply(job->plan, np);
        wp_check(job->plan, np, &(struct wp_check_options){.today = {0, 0, 0}}, last);
        ok = last->n_errors == 0;
    }
    wp_progress_free(np);
    return ok;
}

static void explain_refusal(const struct append_job *job, const struct wp_diags *last,
                            struct wp_diags *diags)
{
    wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_MALFORMED, job->path, (struct wp_pos){0, 0},
                 "cannot append updates: the result would not load as a valid progress file "
                 "(is 'updates:' a block list?); nothing written");
    /* the checker's own words say what is wrong with the result */
    for (size_t i = 0; i < last->n; i++)
        if (last->items[i].severity == WP_SEV_ERROR)
            /* positions are in a text that is not on disk: say so instead */
            wp_diags_add(diags, WP_SEV_ERROR, last->items[i].code, job->path, (struct wp_pos){0, 0},
                         "after appending, line %u: %s", last->items[i].pos.line,
                         last->items[i].message);
}

/*
 * Each way of appending (the file's own indentation first) is proved by
 * loading and checking the result; the first that gives exactly the old
 * updates plus the new ones is kept.
 */
static enum wp_error compose(struct append_job *job, struct wp_buf *out, struct wp_diags *diags)
{
    int indents[4] = {job->old ? items_indent(job->old, job->old_len) : 2, 2, 0, 4};
    struct wp_diags last;
    wp_diags_init(&last);
    for (size_t k = 0; k < 4; k++) {
        if (indents[k] < 0 || (k > 0 && indents[k] == indents[0]))
            continue;
        wp_diags_release(&last);
        wp_diags_init(&last);
        compose_with(job, (unsigned)indents[k], out);
        if (proves(job, out, &last)) {
            wp_diags_release(&last);
            return WP_OK;
        }
        wp_buf_release(out);
    }
    explain_refusal(job, &last, diags);
    wp_diags_release(&last);
    wp_progress_apply(job->plan, job->progress);
    return WP_ERR_INVALID;
}

/* Through the one atomic writer: it follows a link and keeps mode, owner and group. */
static bool still_as_read(void *ctx)
{
    const struct append_job *job = ctx;
    return wp_progress_unchanged(job->path, &job->seen);
}

static enum wp_error write_whole(struct append_job *job, const struct wp_buf *text,
                                 struct wp_diags *diags)
{
    const char *path = job->path;
    struct wp_atomic at;
    int rc = wp_atomic_begin(&at, path);
    at.still_ok = still_as_read;
    at.still_ctx = job;
    if (rc == 0 && wp_atomic_write(&at, text->data, text->len) != 0) {
        int saved = errno;
        wp_atomic_abort(&at);
        errno = saved;
        rc = -1;
    } else if (rc == 0) {
        rc = wp_atomic_commit(&at);
    }
    if (rc == -1 && errno == ESTALE) {
        job->changed = true; /* told by the caller, who reads it again */
        return WP_ERR_IO;
    }
    if (rc == -2) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_IO, path, (struct wp_pos){0, 0},
                     "cannot write file: not a regular file");
        return WP_ERR_IO;
    }
    if (rc != 0) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_IO, path, (struct wp_pos){0, 0},
                     "cannot write file: %s", wp_io_error_text(errno));
        return WP_ERR_IO;
    }
    return WP_OK;
}

static enum wp_error append_once(struct append_job *job, const struct wp_update *updates, size_t n,
                                 const struct wp_progress_append_options *opts,
                                 struct wp_progress_append_result *res, struct wp_diags *diags)
{
    enum wp_error err = read_current(job, opts->held || opts->dry_run ? opts->loaded : NULL, diags);
    if (err)
        return err;
    res->duplicates = keep_fresh(job, updates, n);
    if (job->n_fresh == 0)
        return WP_OK;
    struct wp_buf text = WP_BUF_INIT;
    err = compose(job, &text, diags);
    if (!err && opts->dry_run) {
        /* a new file: all of it; else the items, wherever they went */
        size_t from = job->old ? job->items_from : 0;
        size_t n_items = job->items_to - from;
        res->text = wp_xmalloc(n_items + 1);
        memcpy(res->text, text.data + from, n_items);
        res->text[n_items] = '\0';
    } else if (!err) {
        err = write_whole(job, &text, diags);
    }
    if (!err)
        res->appended = job->n_fresh;
    wp_buf_release(&text);
    return err;
}

/* An editor saving the file meanwhile: read it again, a few times, or write nothing. */
#define APPEND_TRIES 5

static enum wp_error append_locked(struct append_job *job, const struct wp_update *updates,
                                   size_t n, const struct wp_progress_append_options *opts,
                                   struct wp_progress_append_result *res, struct wp_diags *diags)
{
    for (int tries = 1;; tries++) {
        enum wp_error err = append_once(job, updates, n, opts, res, diags);
        if (!job->changed)
            return err;
        if (tries == APPEND_TRIES) {
            wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_IO, job->path, (struct wp_pos){0, 0},
                         "file changed while being imported, %d times (another program "
                         "saving it?); nothing written: import again once it is saved",
                         tries);
            return WP_ERR_IO;
        }
        free(job->fresh);
        free(job->old);
        wp_progress_free(job->own);
        *job = (struct append_job){.plan = job->plan, .path = job->path};
        memset(res, 0, sizeof(*res));
    }
}

enum wp_error wp_progress_append(struct wp_plan *plan, const char *path,
                                 const struct wp_update *updates, size_t n,
                                 const struct wp_progress_append_options *opts,
                                 struct wp_progress_append_result *result, struct wp_diags *diags)
{
    static const struct wp_progress_append_options defaults = {0};
    struct wp_progress_append_result ignored;
    if (!opts)
        opts = &defaults;
    if (!result)
        result = &ignored;
    memset(result, 0, sizeof(*result));
    struct wp_progress_lock *own = NULL;
    if (!opts->held && !opts->dry_run) {
        enum wp_error err = wp_progress_lock(path, &opts->lock, &own, diags);
        if (err)
            return err;
    }
    struct append_job job = {.plan = plan, .path = path};
    enum wp_error err = append_locked(&job, updates, n, opts, result, diags);
    wp_progress_unlock(own);
    free(job.fresh);
    free(job.old);
    wp_progress_free(job.own);
    if (result == &ignored)
        free(ignored.text);
    return err;
}
