#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

int wp_atomic_begin(struct wp_atomic *at, const char *target)
{
    at->target = wp_xstrdup(target);
    const char *slash = strrchr(target, '/');
    size_t dirlen = slash ? (size_t)(slash - target) + 1 : 0;
    struct wp_buf b = WP_BUF_INIT;
    wp_buf_add(&b, target, dirlen);
    wp_buf_addf(&b, ".%s.XXXXXX", target + dirlen);
    at->tmp_path = wp_buf_detach(&b, NULL);
    int fd = mkstemp(at->tmp_path);
    if (fd < 0) {
        int saved = errno;
        free(at->target);
        free(at->tmp_path);
        at->target = at->tmp_path = NULL;
        errno = saved;
        return -1;
    }
    /* mkstemp makes 0600; outputs are ordinary files, readable as umask allows */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    close(fd);
    return 0;
}

int wp_atomic_commit(struct wp_atomic *at)
{
    int fd = open(at->tmp_path, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    int rc = rename(at->tmp_path, at->target);
    int saved = errno;
    if (rc != 0)
        unlink(at->tmp_path);
    free(at->target);
    free(at->tmp_path);
    at->target = at->tmp_path = NULL;
    errno = saved;
    return rc;
}

void wp_atomic_abort(struct wp_atomic *at)
{
    if (at->tmp_path)
        unlink(at->tmp_path);
    free(at->target);
    free(at->tmp_path);
    at->target = at->tmp_path = NULL;
}
