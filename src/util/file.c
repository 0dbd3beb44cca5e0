/*
 * Whole-file reading and atomic output.
 *
 * An output is written into a temporary file beside the file it replaces
 * (beside a symbolic link's final target, so the link stays a link), then
 * given the replaced file's owner, group and mode, synced, closed and renamed
 * over it, every step checked. Temporary files are named
 * `.workplan-tmp.NAME.XXXXXX` so a person who finds one knows what it is, and
 * a registry of the live ones lets a signal handler remove them on SIGINT,
 * SIGTERM and SIGHUP (kill -9 cannot be caught: nothing can clean up then).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/util.h"

int wp_read_file(const char *path, size_t max, char **data, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return -1;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        if (f != stdin)
            fclose(f);
        errno = EISDIR;
        return -1;
    }
    struct wp_buf b = WP_BUF_INIT;
    char chunk[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (b.len + n > max) {
            rc = -2;
            break;
        }
        wp_buf_add(&b, chunk, n);
    }
    if (rc == 0 && ferror(f)) {
        rc = -1;
        if (!errno)
            errno = EIO;
    }
    int saved = errno;
    if (f != stdin)
        fclose(f);
    if (rc) {
        wp_buf_release(&b);
        errno = saved;
        return rc;
    }
    *data = wp_buf_detach(&b, len);
    return 0;
}

const char *wp_io_error_text(int errnum)
{
    /* git's voice (lowercase) for the failures an output meets; strerror for the rest */
    static const struct {
        int code;
        const char *text;
    } texts[] = {
        {ENOSPC, "no space left on device"},
        {EDQUOT, "disk quota exceeded"},
        {EFBIG, "file too large"},
        {EIO, "input/output error"},
        {EACCES, "permission denied"},
        {EPERM, "operation not permitted"},
        {EROFS, "read-only file system"},
        {ENOENT, "no such file or directory"},
        {ENOTDIR, "not a directory"},
        {EISDIR, "is a directory"},
        {ENAMETOOLONG, "file name too long"},
        {ELOOP, "too many levels of symbolic links"},
        {EXDEV, "invalid cross-device link"},
        {EMFILE, "too many open files"},
        {ENOMEM, "out of memory"},
    };
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        if (texts[i].code == errnum)
            return texts[i].text;
    return strerror(errnum);
}

/* ---- the registry of live temporary files, for the signal handler ------- */

#define LIVE_MAX 64
/*
 * Ownership of a path passes by atomic exchange: whoever takes the pointer
 * out of its slot (the handler to unlink it, or commit/abort to free it) is
 * the only one to use it, so the handler never reads freed memory, on any
 * thread. Lock-free atomics are async-signal-safe.
 */
static _Atomic(char *) live[LIVE_MAX];

static int live_add(char *path)
{
    for (int i = 0; i < LIVE_MAX; i++) {
        char *expected = NULL;
        if (atomic_compare_exchange_strong(&live[i], &expected, path))
            return i;
    }
    return -1; /* more than LIVE_MAX at once: still removed on failure, not on a signal */
}

/* False when the handler took the path: the process is ending, leave it be. */
static bool live_remove(int slot)
{
    return slot < 0 || atomic_exchange(&live[slot], NULL) != NULL;
}

static void on_fatal_signal(int sig)
{
    int saved = errno;
    for (int i = 0; i < LIVE_MAX; i++) {
        char *path = atomic_exchange(&live[i], NULL);
        if (path)
            unlink(path);
    }
    errno = saved;
    /* SA_RESETHAND restored the default action: the signal ends the process on return */
    raise(sig);
}

void wp_atomic_cleanup_on_signals(void)
{
    /* SIGPIPE too: `-o -` into a reader that went away ends the run while copying */
    const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        struct sigaction old, sa;
        /* a signal the caller ignores (nohup) stays ignored */
        if (sigaction(sigs[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESETHAND;
        sigaction(sigs[i], &sa, NULL);
    }
}

/* ---- atomic output -------------------------------------------------------- */

#define TMP_PREFIX ".workplan-tmp."
#define TMP_SUFFIX_LEN 7 /* ".XXXXXX" */

int wp_scratch_fd(const char *dir, const char *name)
{
    if (!dir || !*dir)
        dir = getenv("TMPDIR");
    struct wp_buf path = WP_BUF_INIT;
    wp_buf_addf(&path, "%s/" TMP_PREFIX "%s.XXXXXX", dir && *dir ? dir : "/tmp", name);
    int fd = mkstemp(path.data);
    if (fd >= 0 && unlink(path.data) != 0) {
        int err = errno;
        close(fd);
        unlink(path.data);
        errno = err;
        fd = -1;
    }
    wp_buf_release(&path);
    return fd;
}

/* The file a chain of symbolic links ends at (which may not exist yet); NULL + ELOOP. */
static char *follow_links(const char *path)
{
    char *cur = wp_xstrdup(path);
    for (int depth = 0; depth < 40; depth++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return cur;
        size_t cap = (size_t)st.st_size + 2;
        char *link = wp_xmalloc(cap);
        ssize_t n = readlink(cur, link, cap - 1);
        if (n < 0 || (size_t)n >= cap - 1) {
            free(link);
            return cur; /* changed under us: creating the file will say what is wrong */
        }
        link[n] = '\0';
        struct wp_buf b = WP_BUF_INIT;
        const char *slash = strrchr(cur, '/');
        if (link[0] != '/' && slash)
            wp_buf_add(&b, cur, (size_t)(slash - cur) + 1);
        wp_buf_adds(&b, link);
        free(link);
        free(cur);
        cur = wp_buf_detach(&b, NULL);
    }
    free(cur);
    errno = ELOOP;
    return NULL;
}

static uint64_t mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15u;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9u;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBu;
    return x ^ (x >> 31);
}

/*
 * Creates DIR/.workplan-tmp.NAME.XXXXXX with O_EXCL and mode 0666, so the
 * process umask applies as to any new file without reading it (umask(2)
 * can only be read by changing it, which races with other threads). NAME is
 * shortened, on a UTF-8 boundary, so the whole name fits the folder's
 * NAME_MAX: any name the file system accepts for the target works.
 */
static int create_temp(const char *dir, size_t dirlen, const char *name, char **out)
{
    static atomic_uint counter;
    char *dirz = dirlen ? wp_xstrdup(dir) : wp_xstrdup(".");
    if (dirlen)
        dirz[dirlen] = '\0';
    long name_max = pathconf(dirz, _PC_NAME_MAX);
    free(dirz);
    if (name_max <= 0)
        name_max = 255;
    size_t room = (size_t)name_max - (sizeof(TMP_PREFIX) - 1) - TMP_SUFFIX_LEN;
    size_t keep = strlen(name);
    if (keep > room) {
        keep = room;
        while (keep > 0 && ((unsigned char)name[keep] & 0xC0) == 0x80)
            keep--;
    }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t seed = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^ ((uint64_t)getpid() << 16);
    static const char alnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int attempt = 0; attempt < 1000; attempt++) {
        uint64_t r = mix64(seed + atomic_fetch_add(&counter, 1) * 0x2545F4914F6CDD1Du);
        struct wp_buf b = WP_BUF_INIT;
        wp_buf_add(&b, dir, dirlen);
        wp_buf_adds(&b, TMP_PREFIX);
        wp_buf_add(&b, name, keep);
        wp_buf_addc(&b, '.');
        for (int k = 0; k < TMP_SUFFIX_LEN - 1; k++, r /= 62)
            wp_buf_addc(&b, alnum[r % 62]);
        int fd = open(b.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            *out = wp_buf_detach(&b, NULL);
            return fd;
        }
        int saved = errno;
        wp_buf_release(&b);
        errno = saved;
        if (saved != EEXIST)
            return -1;
    }
    errno = EEXIST;
    return -1;
}

static void atomic_clear(struct wp_atomic *at)
{
    if (at->fd >= 0)
        close(at->fd);
    /* the path stays allocated when the signal handler has it: the process is ending */
    if (live_remove(at->slot))
        free(at->tmp_path);
    free(at->target);
    at->target = at->tmp_path = NULL;
    at->fd = -1;
    at->slot = -1;
}

/* Where the temporary file goes: beside the target, or in TMPDIR for stdout. */
static int temp_place(struct wp_atomic *at, const char *target, char **dir, size_t *dirlen,
                      const char **name)
{
    if (strcmp(target, "-") == 0) {
        const char *tmpdir = getenv("TMPDIR");
        struct wp_buf b = WP_BUF_INIT;
        wp_buf_addf(&b, "%s/", tmpdir && *tmpdir ? tmpdir : "/tmp");
        *dirlen = b.len;
        *dir = wp_buf_detach(&b, NULL);
        *name = "stdout";
        at->to_stdout = true;
        at->target = wp_xstrdup("-");
        return 0;
    }
    at->target = follow_links(target);
    if (!at->target)
        return -1;
    struct stat st;
    if (stat(at->target, &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
            return -2;
        }
        at->keep_attrs = true;
        at->mode = st.st_mode & 07777;
        at->uid = st.st_uid;
        at->gid = st.st_gid;
    }
    const char *slash = strrchr(at->target, '/');
    *dirlen = slash ? (size_t)(slash - at->target) + 1 : 0;
    *dir = wp_xstrdup(at->target);
    *name = at->target + *dirlen;
    return 0;
}

char *wp_atomic_dir(const struct wp_atomic *at)
{
    const char *slash = at->tmp_path ? strrchr(at->tmp_path, '/') : NULL;
    if (!slash)
        return wp_xstrdup(".");
    if (slash == at->tmp_path)
        return wp_xstrdup("/");
    struct wp_buf b = WP_BUF_INIT;
    wp_buf_add(&b, at->tmp_path, (size_t)(slash - at->tmp_path));
    return wp_buf_detach(&b, NULL);
}

int wp_atomic_begin(struct wp_atomic *at, const char *target)
{
    memset(at, 0, sizeof(*at));
    at->fd = at->slot = -1;
    char *dir = NULL;
    size_t dirlen = 0;
    const char *name = NULL;
    int rc = temp_place(at, target, &dir, &dirlen, &name);
    if (rc == 0) {
        at->fd = create_temp(dir, dirlen, name, &at->tmp_path);
        rc = at->fd < 0 ? -1 : 0;
    }
    int saved = errno;
    free(dir);
    if (rc != 0) {
        atomic_clear(at);
        errno = saved;
        return rc;
    }
    at->slot = live_add(at->tmp_path);
    return 0;
}

int wp_atomic_write(struct wp_atomic *at, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(at->fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* The replaced file's owner, group and mode, then its bytes on disk and the file closed. */
static int finish_temp(struct wp_atomic *at)
{
    if (at->keep_attrs) {
        /* giving a file away takes privilege: without it the writer owns it, as with
         * any editor; the group is kept when the writer belongs to it */
        if (fchown(at->fd, at->uid, at->gid) != 0 && fchown(at->fd, (uid_t)-1, at->gid) != 0 &&
            errno != EPERM)
            return -1;
        /* after fchown, which may clear set-id bits */
        if (fchmod(at->fd, at->mode) != 0)
            return -1;
    }
    if (fsync(at->fd) != 0 && errno != EINVAL)
        return -1;
    int fd = at->fd;
    at->fd = -1;
    return close(fd);
}

static int copy_to_stdout(const char *path)
{
    int in = open(path, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return -1;
    char chunk[65536];
    struct wp_atomic out = {.fd = STDOUT_FILENO};
    int rc = 0;
    while (rc == 0) {
        ssize_t n = read(in, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            rc = n < 0 ? -1 : 0;
            break;
        }
        rc = wp_atomic_write(&out, chunk, (size_t)n);
    }
    int saved = errno;
    close(in);
    errno = saved;
    return rc;
}

/* Makes the rename itself durable where the file system allows a folder to be synced. */
static void sync_folder(const char *target)
{
    const char *slash = strrchr(target, '/');
    char *dir = slash ? wp_xstrdup(target) : wp_xstrdup(".");
    if (slash)
        dir[slash - target + 1] = '\0';
    int fd = open(dir, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd); /* the file is complete and in place either way: best effort */
        close(fd);
    }
    free(dir);
}

int wp_atomic_commit(struct wp_atomic *at)
{
    int rc = finish_temp(at);
    if (rc == 0 && at->still_ok && !at->still_ok(at->still_ctx)) {
        errno = ESTALE;
        rc = -1;
    }
    if (rc == 0)
        rc = at->to_stdout ? copy_to_stdout(at->tmp_path) : rename(at->tmp_path, at->target);
    int saved = errno;
    if (rc != 0 || at->to_stdout)
        unlink(at->tmp_path);
    else
        sync_folder(at->target);
    atomic_clear(at);
    errno = saved;
    return rc;
}

void wp_atomic_abort(struct wp_atomic *at)
{
    int saved = errno;
    if (at->tmp_path)
        unlink(at->tmp_path);
    atomic_clear(at);
    errno = saved;
}
