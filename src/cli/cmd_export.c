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
    "\n"
    "Writes the plan's booklet as a PDF (default: <plan.id>.pdf in the current folder).\n"
    "\n"
    "  -o FILE          output file\n"
    "  --lang LANG      output language, one of plan.languages (default: the first)\n"
    "  --progress FILE  the progress file (default: progress.yaml beside PLAN; 'none')\n"
    "  --paper SIZE     a4 (default) or letter\n"
    "\n"
    "Exit status: 0 written, 1 invalid plan, 2 usage, 3 write or font failure.\n";

static const char xlsx_usage[] =
    "usage: workplan xlsx PLAN [-o FILE] [--lang LANG] [--progress FILE] [--member CODE]\n"
    "                          [--paper a4|letter]\n"
    "\n"
    "Writes the tracking workbook for ministries (default: <plan.id>.xlsx).\n"
    "\n"
    "  -o FILE          output file\n"
    "  --lang LANG      output language, one of plan.languages (default: the first)\n"
    "  --progress FILE  the progress file (default: progress.yaml beside PLAN; 'none')\n"
    "  --member CODE    only the activities this country (or its party) leads or joins\n"
    "  --paper SIZE     the paper its sheets print on: a4 (default) or letter\n"
    "\n"
    "Exit status: 0 written, 1 invalid plan, 2 usage, 3 write failure.\n";

static const char build_usage[] =
    "usage: workplan build PLAN [-d DIR] [--lang LANG[,LANG...]] [--progress FILE] "
    "[--members]\n"
    "\n"
    "Writes every output into DIR (default: out/): <plan.id>.pdf and <plan.id>.xlsx for\n"
    "the plan's first language, <plan.id>.<lang>.pdf/.xlsx for the others, and with\n"
    "--members one workbook per member country, <plan.id>.<CODE>.xlsx.\n"
    "\n"
    "Exit status: 0 all written, 1 invalid plan, 2 usage, 3 some output failed (named).\n";

/* Prints an exporter's diagnostics and, when it failed, which file; the exit code. */
static int report_write(enum wp_error err, struct wp_diags *d, const char *path)
{
    cli_print_diags(d);
    wp_diags_release(d);
    if (err) {
        cli_error("cannot write '%s': %s", path, wp_strerror(err));
        return EXIT_FAILURE_IO;
    }
    return EXIT_OK;
}

static int write_pdf(const struct cli_plan *cp, const char *lang, const char *paper,
                     const char *path)
{
    struct wp_diags d;
    wp_diags_init(&d);
    struct wp_pdf_options o = {
        .lang = lang,
        .paper = paper && strcmp(paper, "letter") == 0 ? WP_PAPER_LETTER : WP_PAPER_A4,
        .build_time = cp->build_time,
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
    return report_write(wp_xlsx_write(cp->plan, &o, path, &d), &d, path);
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
    cli_usage_error(verb, "'%s' is not a country of the plan (countries: %s)", member,
                    b.data ? b.data : "");
    wp_buf_release(&b);
    return false;
}

static int export_one(int argc, char **argv, bool pdf)
{
    struct cli_args a;
    unsigned allowed = OPT_OUTPUT | OPT_LANG | OPT_PROGRESS | OPT_PAPER | (pdf ? 0 : OPT_MEMBER);
    int rc = cli_args_parse(argc, argv, allowed, pdf ? pdf_usage : xlsx_usage, &a);
    if (rc || a.help) {
        cli_args_release(&a);
        return rc;
    }
    struct cli_plan cp;
    rc = cli_plan_load(&cp, a.plan, a.progress, false);
    if (rc == EXIT_OK && a.lang && !cli_lang_ok(cp.plan, argv[0], a.lang))
        rc = EXIT_USAGE;
    if (rc == EXIT_OK && !pdf && a.member && !member_ok(cp.plan, argv[0], a.member))
        rc = EXIT_USAGE;
    if (rc == EXIT_OK) {
        char *path =
            a.output ? wp_xstrdup(a.output) : default_output(cp.plan, pdf ? "pdf" : "xlsx");
        const char *lang = a.lang ? a.lang : cp.plan->languages.items[0].s;
        rc = pdf ? write_pdf(&cp, lang, a.paper, path)
                 : write_xlsx(&cp, lang, a.member, a.paper, path);
        free(path);
    }
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

struct build_state {
    const struct cli_plan *cp;
    const char *dir;
    int failed;
    size_t written;
};

static void build_output(struct build_state *st, const char *suffix, const char *ext,
                         const char *lang, const char *member, const char *paper)
{
    struct wp_buf b = WP_BUF_INIT;
    wp_buf_addf(&b, "%s/%s%s%s.%s", st->dir, st->cp->plan->id, suffix ? "." : "",
                suffix ? suffix : "", ext);
    int rc = strcmp(ext, "pdf") == 0 ? write_pdf(st->cp, lang, paper, b.data)
                                     : write_xlsx(st->cp, lang, member, paper, b.data);
    if (rc) {
        st->failed++;
    } else {
        st->written++;
        printf("%s\n", b.data);
    }
    wp_buf_release(&b);
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

int cmd_build(int argc, char **argv)
{
    struct cli_args a;
    int rc = cli_args_parse(argc, argv, OPT_DIR | OPT_LANGS | OPT_PROGRESS | OPT_MEMBERS,
                            build_usage, &a);
    if (rc || a.help) {
        cli_args_release(&a);
        return rc;
    }
    struct cli_plan cp;
    struct wp_arena arena;
    wp_arena_init(&arena);
    rc = cli_plan_load(&cp, a.plan, a.progress, false);
    struct wp_str_list langs = {0};
    const struct wp_plan *plan = cp.plan;
    if (rc == EXIT_OK &&
        !parse_langs(plan, a.lang ? a.lang : plan->languages.items[0].s, &langs, &arena))
        rc = EXIT_USAGE;
    const char *dir = a.dir ? a.dir : "out";
    if (rc == EXIT_OK && make_dirs(dir) != 0) {
        cli_error("cannot create folder '%s': %s", dir, strerror(errno));
        rc = EXIT_FAILURE_IO;
    }
    if (rc == EXIT_OK) {
        struct build_state st = {.cp = &cp, .dir = dir};
        const char *first = plan->languages.items[0].s;
        for (size_t i = 0; i < langs.n; i++) {
            const char *lang = langs.items[i].s;
            const char *suffix = strcmp(lang, first) == 0 ? NULL : lang;
            build_output(&st, suffix, "pdf", lang, NULL, NULL);
            build_output(&st, suffix, "xlsx", lang, NULL, NULL);
        }
        if (a.members) {
            /* every member country of the plan's parties, once, in declaration order */
            struct wp_strmap done;
            wp_strmap_init(&done);
            for (size_t p = 0; p < plan->n_parties; p++) {
                const struct wp_str_list *m = &plan->party_list[p].members;
                for (size_t k = 0; k < m->n; k++)
                    if (!wp_strmap_put(&done, m->items[k].s, (void *)m->items[k].s))
                        build_output(&st, m->items[k].s, "xlsx", langs.items[0].s, m->items[k].s,
                                     NULL);
            }
            wp_strmap_release(&done);
        }
        if (st.failed) {
            cli_error("%d output%s failed, %zu written", st.failed, st.failed == 1 ? "" : "s",
                      st.written);
            rc = EXIT_FAILURE_IO;
        }
    }
    wp_arena_release(&arena);
    cli_plan_release(&cp);
    cli_args_release(&a);
    return rc;
}
