/* `workplan diff OLD NEW`: the changes from one plan to another, as text, markdown or JSON. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "util/util.h"
#include "workplan/diff.h"

static const char diff_usage[] =
    "usage: workplan diff OLD NEW [--progress-old FILE] [--progress-new FILE] [--lang LANG]\n"
    "                     [--format text|markdown|json] [--exit-code] [--allow-other-plan]\n"
    "\n"
    "Says what changed from plan OLD to plan NEW (and their progress files), one sentence\n"
    "per change, grouped by area, each with its place in NEW (in OLD for a removal).\n"
    "\n"
    "  --progress-old FILE  OLD's progress file (default: progress.yaml beside OLD; 'none')\n"
    "  --progress-new FILE  NEW's progress file (default: progress.yaml beside NEW; 'none')\n"
    "  --lang LANG          output language, one of NEW's languages (default: the first)\n"
    "  --format FORMAT      text (default), markdown (CI job summaries) or json\n"
    "  --exit-code          exit 1 when there are changes\n"
    "  --allow-other-plan   compare plans of two programmes (their plan ids differ);\n"
    "                       without it that is a usage error\n"
    "\n"
    "Exit status: 0 done (with --exit-code: no changes), 1 invalid plan or (with\n"
    "--exit-code) changes found, 2 usage, 3 unreadable file or write failure.\n";

enum diff_format { FORMAT_TEXT, FORMAT_MARKDOWN, FORMAT_JSON };

struct diff_opts {
    const char *progress_old, *progress_new, *format;
    bool exit_code;
    bool allow_other_plan;
};

/*
 * Takes diff's own options out of argv (up to "--"), so that the shared
 * parser sees only what every verb has (--lang, --diagnostics, --help).
 */
static int take_diff_options(int *argc, char **argv, struct diff_opts *o)
{
    int out = 1;
    bool positional = false;
    for (int i = 1; i < *argc; i++) {
        const char *v;
        bool missing = false;
        const char *names[] = {"--progress-old", "--progress-new", "--format"};
        const char **fields[] = {&o->progress_old, &o->progress_new, &o->format};
        bool taken = false;
        if (!positional && strcmp(argv[i], "--") == 0)
            positional = true;
        for (size_t k = 0; !positional && !taken && k < 3; k++)
            if (cli_opt(*argc, argv, &i, names[k], &v, &missing)) {
                if (missing)
                    return cli_usage_error(argv[0], "option '%s' needs a value", names[k]);
                *fields[k] = v;
                taken = true;
            }
        if (!positional && !taken && strcmp(argv[i], "--exit-code") == 0)
            o->exit_code = taken = true;
        if (!positional && !taken && strcmp(argv[i], "--allow-other-plan") == 0)
            o->allow_other_plan = taken = true;
        if (!taken)
            argv[out++] = argv[i];
    }
    *argc = out;
    argv[out] = NULL;
    return EXIT_OK;
}

bool cli_same_programme(const char *verb, const struct wp_plan *old_plan,
                        const struct wp_plan *new_plan, bool allowed)
{
    if (allowed || strcmp(old_plan->id, new_plan->id) == 0)
        return true;
    cli_usage_error(verb,
                    "plans '%s' and '%s' are two programmes (their plan ids differ); "
                    "pass --allow-other-plan to compare them",
                    old_plan->id, new_plan->id);
    return false;
}

/*
 * Markdown is read on forges: a bidi control would reorder what the reader
 * sees, an entity would be decoded, an @name would notify someone.
 * Returns the bytes taken at s (0: nothing special there).
 */
static size_t put_markdown_special(FILE *f, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0xAA && u[2] <= 0xAE) {
        fprintf(f, "\\<U+%04X\\>", 0x2000 + (u[2] - 0x80));
        return 3;
    }
    if (u[0] == 0xE2 && u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9) {
        fprintf(f, "\\<U+%04X\\>", 0x2040 + (u[2] - 0x80));
        return 3;
    }
    if (u[0] == '&') {
        fputs("&amp;", f);
        return 1;
    }
    if (u[0] == '@' && (isalnum(u[1]) || u[1] == '_')) {
        fputs("@&#8203;", f); /* a zero-width space: seen as @name, links to no one */
        return 1;
    }
    return 0;
}

/* One line per sentence: a text value's own line breaks become spaces. */
static void put_flat(FILE *f, const char *s, bool markdown)
{
    const char *special = markdown ? "\n\r\t\\`*_[]<>|#&@\xE2" : "\n\r\t";
    while (*s) {
        size_t run = strcspn(s, special);
        fwrite(s, 1, run, f);
        s += run;
        if (!*s)
            break;
        size_t took = markdown ? put_markdown_special(f, s) : 0;
        if (took) {
            s += took;
            continue;
        }
        if (*s == '@' || (unsigned char)*s == 0xE2) {
            fputc(*s++, f);
            continue;
        }
        if (*s == '\n' || *s == '\r' || *s == '\t') {
            fputc(' ', f);
        } else {
            fputc('\\', f);
            fputc(*s, f);
        }
        s++;
    }
}

static void put_json_string(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        const unsigned char *q = p;
        while (*q >= 0x20 && *q != '"' && *q != '\\')
            q++;
        fwrite(p, 1, (size_t)(q - p), f);
        if (!*q)
            break;
        if (*q == '"' || *q == '\\')
            fprintf(f, "\\%c", *q);
        else if (*q == '\n')
            fputs("\\n", f);
        else if (*q == '\t')
            fputs("\\t", f);
        else
            fprintf(f, "\\u%04x", *q);
        p = q + 1;
    }
    fputc('"', f);
}

/* The sentence (and group title) of a change, in a buffer that grows as needed. */
static const char *sentence(const struct wp_diff *d, const struct wp_change *c, const char *lang,
                            bool group, struct wp_buf *b)
{
    for (int pass = 0; pass < 2; pass++) {
        size_t n = group ? wp_change_group_title(d, c, lang, b->data, b->cap)
                         : wp_change_sentence(d, c, lang, b->data, b->cap);
        if (n < b->cap)
            return b->data;
        wp_buf_grow(b, n + 1);
    }
    return b->data;
}

static bool new_group(const struct wp_diff *d, size_t i)
{
    const char *a = d->changes[i].area, *b = i ? d->changes[i - 1].area : NULL;
    return i == 0 || !(a == b || (a && b && strcmp(a, b) == 0));
}

static void print_text(FILE *f, const struct wp_diff *d, const char *lang, struct wp_buf *b)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct wp_change *c = &d->changes[i];
        if (new_group(d, i)) {
            if (i)
                fputc('\n', f);
            put_flat(f, sentence(d, c, lang, true, b), false);
            fputc('\n', f);
        }
        fprintf(f, "%s:%u:%u: ", c->file, c->pos.line, c->pos.col);
        put_flat(f, sentence(d, c, lang, false, b), false);
        fputc('\n', f);
    }
    char sum[512];
    wp_diff_summary(d, lang, sum, sizeof(sum));
    fprintf(f, "\n%s\n", sum);
}

static void print_markdown(FILE *f, const struct wp_diff *d, const char *lang, struct wp_buf *b)
{
    char line[512];
    wp_diff_title(d, lang, line, sizeof(line));
    fputs("## ", f);
    put_flat(f, line, true);
    fputs("\n\n", f);
    if (d->n == 0) {
        fprintf(f, "%s\n", wp_label(lang, WP_L_CH_NO_CHANGES));
        return;
    }
    wp_diff_summary(d, lang, line, sizeof(line));
    fprintf(f, "%s\n", line);
    for (size_t i = 0; i < d->n; i++) {
        const struct wp_change *c = &d->changes[i];
        if (new_group(d, i)) {
            fputs("\n### ", f);
            put_flat(f, sentence(d, c, lang, true, b), true);
            fputs("\n\n", f);
        }
        fputs("- ", f);
        put_flat(f, sentence(d, c, lang, false, b), true);
        fprintf(f, " (`%s:%u:%u`)\n", c->file, c->pos.line, c->pos.col);
    }
}

static void print_json(FILE *f, const struct wp_diff *d, const char *lang, struct wp_buf *b)
{
    fputs("[", f);
    for (size_t i = 0; i < d->n; i++) {
        const struct wp_change *c = &d->changes[i];
        fputs(i ? ",\n  {" : "\n  {", f);
        fputs("\"kind\": ", f);
        put_json_string(f, wp_change_kind_name(c->kind));
        fputs(", \"field\": ", f);
        put_json_string(f, c->field == WP_CF_NONE ? NULL : wp_change_field_name(c->field));
        fputs(", \"lang\": ", f);
        put_json_string(f, c->lang);
        fputs(", \"subject\": ", f);
        put_json_string(f, c->subject);
        fputs(", \"item\": ", f);
        put_json_string(f, c->item);
        fputs(", \"area\": ", f);
        put_json_string(f, c->area);
        fputs(", \"path\": ", f);
        put_json_string(f, c->path);
        fputs(", \"old\": ", f);
        put_json_string(f, c->old_value);
        fputs(", \"new\": ", f);
        put_json_string(f, c->new_value);
        fputs(", \"position\": {\"file\": ", f);
        put_json_string(f, c->file);
        fprintf(f, ", \"line\": %u, \"column\": %u}, \"sentence\": ", c->pos.line, c->pos.col);
        put_json_string(f, sentence(d, c, lang, false, b));
        fputs("}", f);
    }
    fputs(d->n ? "\n]\n" : "]\n", f);
}

static int print_diff(const struct wp_diff *d, const char *lang, enum diff_format format)
{
    struct wp_buf b = WP_BUF_INIT;
    wp_buf_grow(&b, 256);
    if (format == FORMAT_JSON)
        print_json(stdout, d, lang, &b);
    else if (d->n == 0 && format == FORMAT_TEXT)
        printf("%s\n", wp_label(lang, WP_L_CH_NO_CHANGES));
    else if (format == FORMAT_TEXT)
        print_text(stdout, d, lang, &b);
    else
        print_markdown(stdout, d, lang, &b);
    wp_buf_release(&b);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write the changes to standard output");
        return EXIT_FAILURE_IO;
    }
    return EXIT_OK;
}

static int parse_format(const char *s, enum diff_format *out)
{
    if (!s || strcmp(s, "text") == 0)
        *out = FORMAT_TEXT;
    else if (strcmp(s, "markdown") == 0)
        *out = FORMAT_MARKDOWN;
    else if (strcmp(s, "json") == 0)
        *out = FORMAT_JSON;
    else
        return cli_usage_error("diff", "unknown format '%s' (text, markdown or json)", s);
    return EXIT_OK;
}

static int run_diff(const struct cli_args *a, const struct diff_opts *o, enum diff_format format)
{
    struct cli_plan old_cp, new_cp;
    int rc_old = cli_plan_load(&old_cp, a->plan, o->progress_old, false);
    int rc_new = cli_plan_load(&new_cp, a->rest[0], o->progress_new, false);
    int rc = rc_old > rc_new ? rc_old : rc_new;
    const char *lang = NULL;
    if (rc == EXIT_OK) {
        lang = a->lang ? a->lang : new_cp.plan->languages.items[0].s;
        if (a->lang && !cli_lang_ok(new_cp.plan, "diff", a->lang))
            rc = EXIT_USAGE;
    }
    if (rc == EXIT_OK && !cli_same_programme("diff", old_cp.plan, new_cp.plan, o->allow_other_plan))
        rc = EXIT_USAGE;
    struct wp_diff *d = NULL;
    if (rc == EXIT_OK && wp_diff(old_cp.plan, new_cp.plan, &d) != WP_OK) {
        cli_error("cannot compare the plans");
        rc = EXIT_FAILURE_IO;
    }
    if (rc == EXIT_OK) {
        wp_diff_locate_progress(d, old_cp.progress, new_cp.progress);
        rc = print_diff(d, lang, format);
    }
    if (rc == EXIT_OK && o->exit_code && d->n > 0)
        rc = EXIT_INVALID;
    wp_diff_free(d);
    cli_plan_release(&new_cp);
    cli_plan_release(&old_cp);
    return rc;
}

int cmd_diff(int argc, char **argv)
{
    struct diff_opts o = {0};
    char **args = wp_xcalloc((size_t)argc + 1, sizeof(*args));
    memcpy(args, argv, (size_t)argc * sizeof(*args));
    int n = argc;
    int rc = take_diff_options(&n, args, &o);
    enum diff_format format = FORMAT_TEXT;
    struct cli_args a = {0};
    if (rc == EXIT_OK)
        rc = parse_format(o.format, &format);
    if (rc == EXIT_OK)
        rc = cli_args_parse(n, args, OPT_LANG | OPT_MANY, diff_usage, &a);
    if (rc == EXIT_OK && !a.help && a.n_rest != 1)
        rc = a.n_rest == 0 ? cli_usage_error("diff", "missing NEW argument")
                           : cli_usage_error("diff", "unexpected argument '%s'", a.rest[1]);
    if (rc == EXIT_OK && !a.help && strcmp(a.plan, "-") == 0 && strcmp(a.rest[0], "-") == 0)
        rc = cli_usage_error("diff", "OLD and NEW cannot both be read from standard input");
    if (rc == EXIT_OK && !a.help)
        rc = run_diff(&a, &o, format);
    cli_args_release(&a);
    free(args);
    return rc;
}
