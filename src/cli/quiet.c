/*
 * The workplan program keeps libxlsxwriter's own "[ERROR][file:line]: ..."
 * lines off its stderr, since each failure is already reported once as a
 * diagnostic. The library changes no process state (docs/library.md); the
 * program may, for itself: it is single-threaded, and while a workbook is
 * written its file descriptor 2 points at a pipe. Afterwards every line that
 * is not libxlsxwriter's (a sanitizer's report, say) is passed on to the real
 * stderr. Both ends are non-blocking, so a flood of text beyond the pipe's
 * capacity is lost rather than hanging the program.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

void cli_quiet_begin(struct cli_quiet *q)
{
    q->saved = -1;
    q->pipe = -1;
    int p[2];
    if (fflush(stderr) != 0 || pipe(p) != 0)
        return; /* nothing held: libxlsxwriter's lines would show, nothing is lost */
    int saved = dup(STDERR_FILENO);
    if (saved < 0 || fcntl(p[0], F_SETFL, O_NONBLOCK) != 0 ||
        fcntl(p[1], F_SETFL, O_NONBLOCK) != 0 || dup2(p[1], STDERR_FILENO) < 0) {
        if (saved >= 0)
            close(saved);
        close(p[0]);
        close(p[1]);
        return;
    }
    (void)fcntl(saved, F_SETFD, FD_CLOEXEC);
    (void)fcntl(p[0], F_SETFD, FD_CLOEXEC);
    close(p[1]);
    q->saved = saved;
    q->pipe = p[0];
}

static bool is_library_line(const char *line)
{
    return strncmp(line, "[ERROR]", 7) == 0 || strncmp(line, "[WARNING]", 9) == 0;
}

/* Writes out every whole line held but libxlsxwriter's; a last unfinished one too. */
static void pass_on(int from, int to)
{
    char buf[4096], line[1024];
    size_t len = 0;
    ssize_t n;
    while ((n = read(from, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            line[len++] = buf[i];
            if (buf[i] != '\n' && len < sizeof line - 1)
                continue;
            line[len] = '\0';
            if (!is_library_line(line) && write(to, line, len) < 0)
                return;
            len = 0;
        }
    }
    if (len && write(to, line, len) < 0)
        return;
}

void cli_quiet_end(struct cli_quiet *q)
{
    if (q->saved < 0)
        return;
    (void)fflush(stderr);
    (void)dup2(q->saved, STDERR_FILENO);
    close(q->saved);
    pass_on(q->pipe, STDERR_FILENO);
    close(q->pipe);
    q->saved = q->pipe = -1;
}
