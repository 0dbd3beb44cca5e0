#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/lock.h"
#include "util/util.h"

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/*
 * O_NOFOLLOW: a link planted where the lock file goes must not make us
 * create or lock another file; O_NONBLOCK: a FIFO there must not hang us.
 */
static int open_lock_file(const char *path)
{
    const int flags = O_CLOEXEC | O_NOCTTY | O_NOFOLLOW | O_NONBLOCK;
    int fd = open(path, O_RDWR | O_CREAT | flags, 0666);
    if (fd < 0 && (errno == EACCES || errno == EROFS)) {
        int why = errno;
        fd = open(path, O_RDONLY | flags); /* flock needs no write access */
        if (fd < 0 && errno == ENOENT)
            errno = why; /* missing and not creatable: say why it could not be created */
    }
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
        close(fd);
        errno = EINVAL; /* not a regular file: not ours to lock */
        return -1;
    }
    return fd;
}

int wp_lock_acquire(struct wp_lock *lock, const char *path, unsigned long timeout_ms,
                    void (*on_wait)(void *ctx), void *ctx)
{
    lock->fd = -1;
    int fd = open_lock_file(path);
    if (fd < 0)
        return -1;
    long long deadline = now_ms() + (long long)timeout_ms;
    long pause = 5;
    bool told = false;
    for (;;) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
            lock->fd = fd;
            return 0;
        }
        if (errno != EWOULDBLOCK && errno != EINTR)
            break;
        long long left = deadline - now_ms();
        if (left <= 0) {
            errno = ETIMEDOUT;
            break;
        }
        if (!told && on_wait)
            on_wait(ctx);
        told = true;
        /* polling, not a blocking flock: a library must not play with alarm signals */
        sleep_ms(pause < left ? pause : (long)left);
        if (pause < 100)
            pause *= 2;
    }
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
}

void wp_lock_release(struct wp_lock *lock)
{
    if (lock->fd < 0)
        return;
    /* closing drops the lock; no explicit LOCK_UN needed, none can fail usefully */
    close(lock->fd);
    lock->fd = -1;
}

/* folder of path with its slash ("" when none) + link text, or the link text when absolute */
static char *resolve_link(const char *path, const char *link)
{
    if (link[0] == '/')
        return wp_xstrdup(link);
    const char *slash = strrchr(path, '/');
    struct wp_buf b = WP_BUF_INIT;
    if (slash)
        wp_buf_add(&b, path, (size_t)(slash - path) + 1);
    wp_buf_adds(&b, link);
    return wp_buf_detach(&b, NULL);
}

char *wp_lock_real_target(const char *path)
{
    char *cur = wp_xstrdup(path);
    for (int hops = 0; hops < 40; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            break;
        char link[PATH_MAX];
        ssize_t n = readlink(cur, link, sizeof(link) - 1);
        if (n <= 0)
            break;
        link[n] = '\0';
        char *next = resolve_link(cur, link);
        free(cur);
        cur = next;
    }
    return cur;
}

char *wp_lock_path_for(const char *path)
{
    char *real = wp_lock_real_target(path);
    const char *slash = strrchr(real, '/');
    size_t dirlen = slash ? (size_t)(slash - real) + 1 : 0;
    struct wp_buf b = WP_BUF_INIT;
    wp_buf_add(&b, real, dirlen);
    wp_buf_addf(&b, ".%s.lock", real + dirlen);
    free(real);
    return wp_buf_detach(&b, NULL);
}
