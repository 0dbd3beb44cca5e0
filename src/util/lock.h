/*
 * Advisory locks between processes: flock(2) on a lock file.
 *
 * The lock belongs to the open file description, so the kernel drops it
 * when the holder exits for any reason, kill -9 included: a crashed
 * holder never blocks the next one. The lock file itself stays (removing
 * it would let a waiter that already opened the old one and a newcomer
 * that creates a new one both "hold" the lock).
 */
#ifndef WP_LOCK_H
#define WP_LOCK_H

struct wp_lock {
    int fd; /* -1 when not held */
};

/*
 * Takes an exclusive lock on the file at path, created (mode 0666 less
 * the umask) when missing; opened read-only when it is not writable by
 * us, which is enough for flock. When another process holds it, calls
 * on_wait(ctx) once (may be NULL) and polls until it is free, for at
 * most timeout_ms milliseconds (0: do not wait). Returns 0, or -1 with
 * errno: ETIMEDOUT when it stayed busy, else why the file could not be
 * opened or locked.
 */
int wp_lock_acquire(struct wp_lock *lock, const char *path, unsigned long timeout_ms,
                    void (*on_wait)(void *ctx), void *ctx);

/* Releases a held lock (a no-op on one not held). */
void wp_lock_release(struct wp_lock *lock);

/*
 * The real file behind path: symbolic links followed (up to 40), each
 * relative link read against its own folder; the target need not exist.
 * malloc'ed. Used to put a lock file beside the file that is replaced,
 * so that two links to one file share one lock.
 */
char *wp_lock_real_target(const char *path);

/* ".NAME.lock" beside the real target of path (see above). malloc'ed. */
char *wp_lock_path_for(const char *path);

#endif
