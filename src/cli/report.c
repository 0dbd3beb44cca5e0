#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/util.h"

static enum cli_diag_style style = CLI_DIAG_TEXT;

void cli_set_diag_style(enum cli_diag_style s)
{
    style = s;
}

/* GitHub workflow commands: data escapes %, CR, LF; properties also ':' and ','. */
static void github_escape(FILE *f, const char *s, bool property)
{
    for (; *s; s++) {
        if (*s == '%')
            fputs("%25", f);
        else if (*s == '\r')
            fputs("%0D", f);
        else if (*s == '\n')
            fputs("%0A", f);
        else if (property && *s == ':')
            fputs("%3A", f);
        else if (property && *s == ',')
            fputs("%2C", f);
        else
            fputc(*s, f);
    }
}

static void print_github(const struct wp_diag *d)
{
    fprintf(stderr, "::%s ", d->severity == WP_SEV_ERROR ? "error" : "warning");
    fputs("file=", stderr);
    github_escape(stderr, d->file ? d->file : "workplan", true);
    if (d->pos.line)
        fprintf(stderr, ",line=%u,col=%u", d->pos.line, d->pos.col);
    fputs("::", stderr);
    if (d->cell) /* GitHub has no place for a workbook's cell: it leads the message */
    {
        github_escape(stderr, d->cell, false);
        fputs(": ", stderr);
    }
    github_escape(stderr, d->message, false);
    fputc('\n', stderr);
}

static bool same_diag(const struct wp_diag *a, const struct wp_diag *b)
{
    return a->severity == b->severity && a->pos.line == b->pos.line && a->pos.col == b->pos.col &&
           strcmp(a->message, b->message) == 0 &&
           (a->cell == b->cell || (a->cell && b->cell && strcmp(a->cell, b->cell) == 0)) &&
           (a->file == b->file || (a->file && b->file && strcmp(a->file, b->file) == 0));
}

void cli_print_diags(struct wp_diags *diags)
{
    wp_diags_sort(diags);
    for (size_t i = 0; i < diags->n; i++) {
        const struct wp_diag *d = &diags->items[i];
        /* a node reached through several aliases reports the same problem once */
        if (i > 0 && same_diag(d, &diags->items[i - 1]))
            continue;
        if (style == CLI_DIAG_GITHUB) {
            print_github(d);
            continue;
        }
        char small[1024];
        size_t n = wp_diag_format(d, small, sizeof(small));
        if (n < sizeof(small)) {
            fprintf(stderr, "%s\n", small);
        } else {
            char *big = wp_xmalloc(n + 1);
            wp_diag_format(d, big, n + 1);
            fprintf(stderr, "%s\n", big);
            free(big);
        }
    }
    size_t shown = diags->n, total = diags->n_errors + diags->n_warnings;
    if (total > shown)
        fprintf(stderr, "workplan: %zu more diagnostics not shown\n", total - shown);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("workplan: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_usage_error(const char *verb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("workplan: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    if (verb)
        fprintf(stderr, "see 'workplan %s --help'\n", verb);
    else
        fputs("see 'workplan --help'\n", stderr);
    return EXIT_USAGE;
}

bool cli_opt(int argc, char **argv, int *i, const char *name, const char **value, bool *missing)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return false;
    if (arg[n] == '=' && name[1] == '-') {
        *value = arg + n + 1;
        *missing = false;
        return true;
    }
    if (arg[n] != '\0')
        return false;
    if (*i + 1 >= argc) {
        *missing = true;
        return true;
    }
    *value = argv[++*i];
    *missing = false;
    return true;
}
