/* util/lock.c: flock on a lock file, waiting, giving up, crashes, links. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "support.h"
#include "util/lock.h"

static char dir[] = "/tmp/wp-lock-XXXXXX";
static char path[64];

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof(path), "%s/.progress.yaml.lock", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[96];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void count_wait(void *ctx)
{
    ++*(int *)ctx;
}

static void test_second_holder_waits_then_gives_up(void **state)
{
    (void)state;
    struct wp_lock a, b;
    int waits = 0;
    assert_int_equal(wp_lock_acquire(&a, path, 0, count_wait, &waits), 0);
    assert_int_equal(waits, 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0); /* created */
    /* another open file description conflicts, even in one process */
    assert_int_equal(wp_lock_acquire(&b, path, 0, count_wait, &waits), -1);
    assert_int_equal(errno, ETIMEDOUT);
    assert_int_equal(b.fd, -1);
    assert_int_equal(waits, 0); /* no wait, no word */
    assert_int_equal(wp_lock_acquire(&b, path, 120, count_wait, &waits), -1);
    assert_int_equal(errno, ETIMEDOUT);
    assert_int_equal(waits, 1); /* told once, however long the poll */
    wp_lock_release(&a);
    wp_lock_release(&a); /* harmless twice */
    assert_int_equal(wp_lock_acquire(&b, path, 0, NULL, NULL), 0);
    wp_lock_release(&b);
    assert_int_equal(stat(path, &st), 0); /* the lock file stays */
}

/* A child takes the lock and dies by `how` (0: exits without releasing); the parent gets it. */
static void holder_dies(int how)
{
    int ready[2], go[2];
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(go), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct wp_lock l;
        char c;
        close(go[1]); /* a parent that fails and exits ends this child too */
        close(ready[0]);
        if (wp_lock_acquire(&l, path, 0, NULL, NULL) != 0 || write(ready[1], "x", 1) != 1)
            _exit(2);
        if (read(go[0], &c, 1) != 1) /* SIGKILL comes while waiting here */
            _exit(2);
        _exit(0);
    }
    char c;
    assert_int_equal(read(ready[0], &c, 1), 1);
    struct wp_lock l;
    assert_int_equal(wp_lock_acquire(&l, path, 0, NULL, NULL), -1); /* really held */
    if (how != 0)
        kill(pid, how);
    else
        assert_int_equal(write(go[1], "x", 1), 1);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (how != 0)
        assert_true(WIFSIGNALED(status) && WTERMSIG(status) == how);
    else
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(wp_lock_acquire(&l, path, 0, NULL, NULL), 0);
    wp_lock_release(&l);
    close(ready[0]);
    close(ready[1]);
    close(go[0]);
    close(go[1]);
}

static void test_dead_holder_never_blocks(void **state)
{
    (void)state;
    holder_dies(0);
    holder_dies(SIGKILL);
}

static void test_waiter_gets_it_when_released(void **state)
{
    (void)state;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct wp_lock l;
        if (wp_lock_acquire(&l, path, 0, NULL, NULL) != 0)
            _exit(2);
        sleep_ms(300);
        _exit(0);
    }
    sleep_ms(100);
    struct wp_lock l;
    int waits = 0;
    assert_int_equal(wp_lock_acquire(&l, path, 5000, count_wait, &waits), 0);
    assert_int_equal(waits, 1);
    wp_lock_release(&l);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void test_read_only_lock_file_still_locks(void **state)
{
    (void)state;
    assert_int_equal(chmod(path, 0444), 0);
    struct wp_lock a, b;
    assert_int_equal(wp_lock_acquire(&a, path, 0, NULL, NULL), 0);
    if (geteuid() != 0) /* root may write anyway: then the read-write path is taken */
        assert_int_equal(fcntl(a.fd, F_GETFL) & O_ACCMODE, O_RDONLY);
    assert_int_equal(wp_lock_acquire(&b, path, 0, NULL, NULL), -1);
    wp_lock_release(&a);
    assert_int_equal(chmod(path, 0644), 0);
}

static void test_lock_beside_the_real_target(void **state)
{
    (void)state;
    char sub[96], target[128], link1[128], link2[128];
    snprintf(sub, sizeof(sub), "%s/shared", dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    snprintf(target, sizeof(target), "%s/progress.yaml", sub);
    snprintf(link1, sizeof(link1), "%s/link1.yaml", dir);
    snprintf(link2, sizeof(link2), "%s/link2.yaml", dir);
    /* relative links, one through the other; the target need not exist */
    assert_int_equal(symlink("shared/progress.yaml", link1), 0);
    assert_int_equal(symlink("link1.yaml", link2), 0);
    char want[160];
    snprintf(want, sizeof(want), "%s/shared/.progress.yaml.lock", dir);
    char *got = wp_lock_path_for(link2);
    assert_string_equal(got, want);
    free(got);
    got = wp_lock_path_for("progress.yaml");
    assert_string_equal(got, ".progress.yaml.lock");
    free(got);
    got = wp_lock_path_for("a/b/progress.yaml");
    assert_string_equal(got, "a/b/.progress.yaml.lock");
    free(got);
    got = wp_lock_real_target(link2);
    snprintf(want, sizeof(want), "%s/shared/progress.yaml", dir);
    assert_string_equal(got, want);
    free(got);
}

static void test_unopenable_lock_file_fails_with_errno(void **state)
{
    (void)state;
    struct wp_lock l;
    assert_int_equal(wp_lock_acquire(&l, "/nonexistent-folder/.x.lock", 0, NULL, NULL), -1);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(l.fd, -1);
}

static void test_odd_lock_files_are_refused(void **state)
{
    (void)state;
    char odd[96];
    struct wp_lock l;
    snprintf(odd, sizeof(odd), "%s/.fifo.lock", dir);
    assert_int_equal(mkfifo(odd, 0644), 0);
    assert_int_equal(wp_lock_acquire(&l, odd, 0, NULL, NULL), -1); /* and does not hang */
    assert_int_equal(errno, EINVAL);
    snprintf(odd, sizeof(odd), "%s/.link.lock", dir);
    assert_int_equal(symlink("elsewhere", odd), 0);
    assert_int_equal(wp_lock_acquire(&l, odd, 0, NULL, NULL), -1);
    assert_int_equal(errno, ELOOP);
    snprintf(odd, sizeof(odd), "%s/elsewhere", dir);
    assert_int_equal(access(odd, F_OK), -1); /* nothing created through the link */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_second_holder_waits_then_gives_up),
        cmocka_unit_test(test_dead_holder_never_blocks),
        cmocka_unit_test(test_waiter_gets_it_when_released),
        cmocka_unit_test(test_read_only_lock_file_still_locks),
        cmocka_unit_test(test_lock_beside_the_real_target),
        cmocka_unit_test(test_unopenable_lock_file_fails_with_errno),
        cmocka_unit_test(test_odd_lock_files_are_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
