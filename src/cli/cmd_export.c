/* `workplan pdf`, `xlsx` and `build`: the exporters behind one loading step. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "util/util.h"

static const char pdf_usage[] =
    "usage: workplan pdf PLAN [-o FILE] [--lang LANG] [--progress FILE] [--paper a4|letter]\n"
    "                    [--since OLD [--allow-other-plan]]\n"
    "\n"
    "Writes the plan's booklet as a PDF (default: <plan.id>.pdf in the current folder).\n"
    "\n"
    "  -o FILE          output file ('-' writes to stdout)\n"
    "  --lang LANG      output language, one of plan.languages (default: the first)\n"
    "  --progress FILE  the progress file (default: progress.yaml beside PLAN; 'none')\n"
    "  --paper SIZE     a4 (default) or letter\n"
    "  --since OLD      an annex says what changed since plan OLD (as workplan diff);\n"
    "                   OLD of another programme (plan id) needs --allow-other-plan\n"
    "\n"
    "Exit status: 0 written, 1 invalid plan, 2 usage, 3 write or font failure.\n";

static const char xlsx_usage[] =
    "usage: workplan xlsx PLAN [-o FILE] [--lang LANG] [--progress FILE] [--member CODE]\n"
    "                          [--paper a4|letter]\n"
    "\n"
    "Writes the tracking workbook for ministries (default: <plan.id>.xlsx).\n"
    "\n"
    "  -o FILE          output file ('-' writes to stdout)\n"
    "  --lang LANG      output language, one of plan.languages (default: the first)\n"
    "  --progress FILE  the progress file (default: progress.yaml beside PLAN; 'none')\n"
    "  --member CODE    only the activities this country (or its party) leads or joins\n"
    "  --paper SIZE     the paper its sheets print on: a4 (default) or letter\n"
    "\n"
    "Exit status: 0 written, 1 invalid plan, 2 usage, 3 write failure.\n";

static const char build_usage[] =
    "usage: workplan build PLAN [-d DIR] [--lang LANG[,LANG...]] [--progress FILE] "
    "[--members]\n"
    "                      [--since OLD [--allow-other-plan]]\n"
    "\n"
    "Writes every output into DIR (default: out/): <plan.id>.pdf and <plan.id>.xlsx for\n"
    "the plan's first language, <plan.id>.<lang>.pdf/.xlsx for the others, and with\n"
    "--members one workbook per member country, <plan.id>.<CODE>.xlsx. With --since OLD\n"
    "each booklet ends with an annex of what changed since plan OLD (as workplan diff);\n"
    "OLD of another programme (another plan id) needs --allow-other-plan.\n"
    "\n"
    "Exit status: 0 all written, 1 invalid plan, 2 usage, 3 some output failed (named).\n";

/* Prints an exporter's diagnostics and, when it failed, which file; the exit code. */
static int report_write(enum wp_error err, struct wp_diags *d, const char *path)
{
    bool said = d->n_errors > 0;
    cli_print_diags(d);
    wp_diags_release(d);
    if (!err)
        return EXIT_OK;
    if (!said)
        cli_error("cannot write '%s': %s", path, wp_strerror(err));
    return EXIT_FAILURE_IO;
}

static int write_pdf(const struct cli_plan *cp, const char *lang, const char *paper,
                     const struct wp_diff *since, const char *path)
{
    struct wp_diags d;
    wp_diags_init(&d);
    struct wp_pdf_options o = {
        .lang = lang,
        .paper = paper && strcmp(paper, "letter") == 0 ? WP_PAPER_LETTER : WP_PAPER_A4,
        .build_time = cp->build_time,
        .since = since,
    };
    return report_write(wp_pdf_write(cp->plan, &o, path, &d), &d, path);
}

static int write_xlsx(const struct cli_plan *cp, const char *lang, const char *member,
                      const char *paper, const char *path)
{
    struct wp_diags d;
    wp_diags_init(&d);
    struct wp_xlsx_options o = {.lang = lang, .member = member, .build_time = cp->build_time};
    o.paper = paper && strcmp(paper, "letter") == 0 ? WP_PAPER_LETTER : WP_PAPER_A4;
    struct cli_quiet q;
    cli_quiet_begin(&q);
    enum wp_error err = wp_xlsx_write(cp->plan, &o, path, &d);
    cli_quiet_end(&q);
    return report_write(err, &d, path);
}

static char *default_output(const struct wp_plan *plan, const char *ext)
{
    struct wp_buf b = WP_BUF_INIT;
    wp_buf_addf(&b, "%s.%s", plan->id, ext);
    return wp_buf_detach(&b, NULL);
}

static bool member_ok(const struct wp_plan *plan, const char *verb, const char *member)
{
    if (wp_plan_find_country(plan, member))
        return true;
    struct wp_buf b = WP_BUF_INIT;
    for (size_t i = 0; i < plan->n_countries; i++)
        wp_buf_addf(&b, "%s'%s'", i ? ", " : "", plan->countries[i].code);
    cli_usage_error(verb, "'%s' is not a country of the plan (countries: %s)", member, b.data);
    wp_buf_release(&b);
    return false;
}

/* diff: --since OLD, loaded and checked like PLAN (its progress file beside it). */
struct since {
    bool loaded;
    struct cli_plan old;
    struct wp_diff *diff;
};

static int since_load(struct since *s, const char *verb, const struct cli_args *a,
                      const struct cli_plan *cp)
{
    memset(s, 0, sizeof(*s));
    const char *path = a->since;
    if (!path)
        return EXIT_OK;
    s->loaded = true;
    int rc = cli_plan_load(&s->old, path, NULL, false);
    if (rc == EXIT_OK && !cli_same_programme(verb, s->old.plan, cp->plan, a->allow_other_plan))
        rc = EXIT_USAGE;
    if (rc == EXIT_OK && wp_diff(s->old.plan, cp->plan, &s->diff) != WP_OK) {
        cli_error("cannot compare '%s' with the plan", path);
        rc = EXIT_FAILURE_IO;
    }
    return rc;
}

static void since_release(struct since *s)
{
    wp_diff_free(s->diff);
    if (s->loaded)
        cli_plan_release(&s->old);
}

static int export_one(int argc, char **argv, bool pdf)
{
    struct cli_args a;
    unsigned allowed =
        OPT_OUTPUT | OPT_LANG | OPT_PROGRESS | OPT_PAPER | (pdf ? OPT_SINCE : OPT_MEMBER);
    int rc = cli_args_parse(argc, argv, allowed, pdf ? pdf_usage : xlsx_usage, &a);
    if (rc || a.help) {
        cli_args_release(&a);
        return rc;
    }
    struct cli_plan cp;
    rc = cli_plan_load(&cp, a.plan, a.progress, false);
    struct since since = {0};
    if (rc == EXIT_OK)
        rc = since_load(&since, argv[0], &a, &cp);
    if (rc == EXIT_OK && a.lang && !cli_lang_ok(cp.plan, argv[0], a.lang))
        rc = EXIT_USAGE;
    if (rc == EXIT_OK && !pdf && a.member && !member_ok(cp.plan, argv[0], a.member))
        rc = EXIT_USAGE;
    if (rc == EXIT_OK) {
        char *path =
            a.output ? wp_xstrdup(a.output) : default_output(cp.plan, pdf ? "pdf" : "xlsx");
        const char *lang = a.lang ? a.lang : wp_plan_default_lang(cp.plan);
        rc = cli_output_check(argv[0], path, &a, cp.progress_path);
        if (rc == EXIT_OK)
            rc = pdf ? write_pdf(&cp, lang, a.paper, since.diff, path)
                     : write_xlsx(&cp, lang, a.member, a.paper, path);
        free(path);
    }
    since_release(&since);
    cli_plan_release(&cp);
    cli_args_release(&a);
    return rc;
}

int cmd_pdf(int argc, char **argv)
{
    return export_one(argc, argv, true);
}

int cmd_xlsx(int argc, char **argv)
{
    return export_one(argc, argv, false);
}

/* mkdir -p */
static int make_dirs(const char *dir)
{
    char *path = wp_xstrdup(dir);
    int rc = 0;
    for (char *p = path + 1; rc == 0; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            rc = -1;
        *p = saved;
        if (!saved)
            break;
    }
    free(path);
    return rc;
}

/* One output of `build`: planned first, checked with the others, then written. */
struct build_job {
    char *path;
    bool pdf;
    const char *lang, *member;
};

struct build_plan {
    struct build_job *jobs;
    size_t n, cap;
};

static void plan_output(struct build_plan *bp, const struct wp_plan *plan, const char *dir,
                        const char *suffix, bool pdf, const char *lang, const char *member)
{
    struct wp_buf b = WP_BUF_INIT;
    wp_buf_addf(&b, "%s/%s%s%s.%s", dir, plan->id, suffix ? "." : "", suffix ? suffix : "",
                pdf ? "pdf" : "xlsx");
    WP_GROW(bp->jobs, bp->cap, bp->n + 1);
    bp->jobs[bp->n++] = (struct build_job){wp_buf_detach(&b, NULL), pdf, lang, member};
}

/* Each language's booklet and workbook, then with --members one workbook per member. */
static void plan_outputs(struct build_plan *bp, const struct wp_plan *plan, const char *dir,
                         const struct wp_str_list *langs, bool members)
{
    const char *first = wp_plan_default_lang(plan);
    for (size_t i = 0; i < langs->n; i++) {
        const char *lang = langs->items[i].s;
        const char *suffix = strcmp(lang, first) == 0 ? NULL : lang;
        plan_output(bp, plan, dir, suffix, true, lang, NULL);
        plan_output(bp, plan, dir, suffix, false, lang, NULL);
    }
    if (!members)
        return;
    /* every member country of the plan's parties, once, in declaration order */
    struct wp_strmap done;
    wp_strmap_init(&done);
    for (size_t p = 0; p < plan->n_parties; p++) {
        const struct wp_str_list *m = &plan->party_list[p].members;
        for (size_t k = 0; k < m->n; k++)
            if (!wp_strmap_put(&done, m->items[k].s, (void *)m->items[k].s))
                plan_output(bp, plan, dir, m->items[k].s, false, langs->items[0].s, m->items[k].s);
    }
    wp_strmap_release(&done);
}

/* Writes every planned output, naming each one written on stdout. */
static int write_outputs(const struct build_plan *bp, const struct cli_plan *cp,
                         const struct wp_diff *since)
{
    size_t failed = 0, written = 0;
    for (size_t i = 0; i < bp->n; i++) {
        const struct build_job *j = &bp->jobs[i];
        int rc = j->pdf ? write_pdf(cp, j->lang, NULL, since, j->path)
                        : write_xlsx(cp, j->lang, j->member, NULL, j->path);
        if (rc) {
            failed++;
        } else {
            written++;
            printf("%s\n", j->path);
        }
    }
    if (!failed)
        return EXIT_OK;
    cli_error("%zu output%s failed, %zu written", failed, failed == 1 ? "" : "s", written);
    return EXIT_FAILURE_IO;
}

static void build_plan_release(struct build_plan *bp)
{
    for (size_t i = 0; i < bp->n; i++)
        free(bp->jobs[i].path);
    free(bp->jobs);
}

/* Splits "en,es" into the plan's declared languages; false after a usage error. */
static bool parse_langs(const struct wp_plan *plan, const char *list, struct wp_str_list *out,
                        struct wp_arena *arena)
{
    size_t cap = 1;
    for (const char *p = list; *p; p++)
        cap += *p == ',';
    out->items = WP_ARENA_NEW(arena, struct wp_str, cap);
    out->n = 0;
    const char *p = list;
    while (true) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char *lang = wp_arena_strndup(arena, p, len);
        if (!cli_lang_ok(plan, "build", lang))
            return false;
        bool dup = false;
        for (size_t i = 0; i < out->n; i++)
            dup |= strcmp(out->items[i].s, lang) == 0;
        if (!dup)
            out->items[out->n++] = (struct wp_str){lang, {0, 0}};
        if (!comma)
            return true;
        p = comma + 1;
    }
}

/* Plans every output of `build`, refuses before writing any when one is unsafe, writes. */
static int build_all(const struct cli_args *a, const struct cli_plan *cp,
                     const struct wp_str_list *langs, const struct wp_diff *since)
{
    const char *dir = a->dir ? a->dir : "out";
    struct build_plan bp = {0};
    plan_outputs(&bp, cp->plan, dir, langs, a->members);
    int rc = EXIT_OK;
    for (size_t i = 0; i < bp.n && rc == EXIT_OK; i++)
        rc = cli_output_check("build", bp.jobs[i].path, a, cp->progress_path);
    if (rc == EXIT_OK && make_dirs(dir) != 0) {
        cli_error("cannot create folder '%s': %s", dir, wp_io_error_text(errno));
        rc = EXIT_FAILURE_IO;
    }
    if (rc == EXIT_OK)
        rc = write_outputs(&bp, cp, since);
    build_plan_release(&bp);
    return rc;
}

int cmd_build(int argc, char **argv)
{
    struct cli_args a;
    int rc = cli_args_parse(
        argc, argv, OPT_DIR | OPT_LANGS | OPT_PROGRESS | OPT_MEMBERS | OPT_SINCE, build_usage, &a);
    if (rc || a.help) {
        cli_args_release(&a);
        return rc;
    }
    struct cli_plan cp;
    struct wp_arena arena;
    wp_arena_init(&arena);
    rc = cli_plan_load(&cp, a.plan, a.progress, false);
    struct since since = {0};
    if (rc == EXIT_OK)
        rc = since_load(&since, argv[0], &a, &cp);
    struct wp_str_list langs = {0};
    if (rc == EXIT_OK &&
        !parse_langs(cp.plan, a.lang ? a.lang : wp_plan_default_lang(cp.plan), &langs, &arena))
        rc = EXIT_USAGE;
    if (rc == EXIT_OK)
        rc = build_all(&a, &cp, &langs, since.diff);
    wp_arena_release(&arena);
    since_release(&since);
    cli_plan_release(&cp);
    cli_args_release(&a);
    return rc;
}
