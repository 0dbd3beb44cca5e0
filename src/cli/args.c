/*
 * The options of every verb: one table row per option, so a new option is a
 * new row (and a field of struct cli_args), not new parsing code.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/cli.h"

/* A value's own rule: returns EXIT_OK or the usage error's EXIT_USAGE. */
typedef int (*opt_check_fn)(const char *verb, const char *value);

static int check_output(const char *verb, const char *value)
{
    return *value ? EXIT_OK : cli_usage_error(verb, "option '-o' needs a file name");
}

static int check_paper(const char *verb, const char *value)
{
    if (strcmp(value, "a4") == 0 || strcmp(value, "letter") == 0)
        return EXIT_OK;
    return cli_usage_error(verb, "unknown paper '%s' (a4 or letter)", value);
}

static int check_diagnostics(const char *verb, const char *value)
{
    if (strcmp(value, "github") == 0)
        cli_set_diag_style(CLI_DIAG_GITHUB);
    else if (strcmp(value, "text") == 0)
        cli_set_diag_style(CLI_DIAG_TEXT);
    else
        return cli_usage_error(verb, "unknown diagnostics style '%s' (text or github)", value);
    return EXIT_OK;
}

struct opt_def {
    const char *name, *alias; /* alias: NULL or the other spelling */
    unsigned flag;            /* the verbs that take it (enum cli_opt_flags); 0 = every verb */
    bool is_switch;           /* a bool field set by the name alone, else a const char * value */
    size_t offset;            /* of the field in struct cli_args; SIZE_MAX for none */
    opt_check_fn check;       /* NULL when any value is fine; run after parsing (not with --help) */
};

#define FIELD(f) offsetof(struct cli_args, f)
static const struct opt_def defs[] = {
    {"-o", "--output", OPT_OUTPUT, false, FIELD(output), check_output},
    {"--lang", NULL, OPT_LANG | OPT_LANGS, false, FIELD(lang), NULL},
    {"--progress", NULL, OPT_PROGRESS, false, FIELD(progress), NULL},
    {"--paper", NULL, OPT_PAPER, false, FIELD(paper), check_paper},
    {"--member", NULL, OPT_MEMBER, false, FIELD(member), NULL},
    {"-d", "--dir", OPT_DIR, false, FIELD(dir), NULL},
    {"--members", NULL, OPT_MEMBERS, true, FIELD(members), NULL},
    {"--strict", NULL, OPT_STRICT, true, FIELD(strict), NULL},
    {"--dry-run", NULL, OPT_DRY_RUN, true, FIELD(dry_run), NULL},
    {"-h", "--help", 0, true, FIELD(help), NULL},
    {"--diagnostics", NULL, 0, false, SIZE_MAX, check_diagnostics},
    /* diff */
    {"--since", NULL, OPT_SINCE, false, FIELD(since), NULL},
    {"--allow-other-plan", NULL, OPT_SINCE, true, FIELD(allow_other_plan), NULL},
};
#undef FIELD

static bool is_positional(const char *arg, bool after_dashes)
{
    return after_dashes || arg[0] != '-' || strcmp(arg, "-") == 0;
}

/* PLAN first, then the rest when the verb takes more. */
static int take_positional(const char *verb, unsigned allowed, struct cli_args *out, char *arg)
{
    if (!out->plan)
        out->plan = arg;
    else if (allowed & OPT_MANY)
        out->rest[out->n_rest++] = arg;
    else
        return cli_usage_error(verb, "unexpected argument '%s'", arg);
    return EXIT_OK;
}

/* True when argv[*i] is def's switch, or its value option (then *value is set). */
static bool matches(const struct opt_def *def, int argc, char **argv, int *i, const char **value,
                    bool *missing)
{
    if (def->is_switch)
        return strcmp(argv[*i], def->name) == 0 ||
               (def->alias && strcmp(argv[*i], def->alias) == 0);
    return cli_opt(argc, argv, i, def->name, value, missing) ||
           (def->alias && cli_opt(argc, argv, i, def->alias, value, missing));
}

/* argv[*i] is an option: the table row it names stores its value (advancing *i past it). */
static int take_option(int argc, char **argv, int *i, unsigned allowed, struct cli_args *out)
{
    const char *verb = argv[0], *arg = argv[*i];
    for (size_t k = 0; k < sizeof(defs) / sizeof(defs[0]); k++) {
        const struct opt_def *def = &defs[k];
        const char *value = NULL;
        bool missing = false;
        if ((def->flag && !(allowed & def->flag)) || !matches(def, argc, argv, i, &value, &missing))
            continue;
        if (def->is_switch) {
            *(bool *)((char *)out + def->offset) = true;
            return EXIT_OK;
        }
        if (missing)
            return cli_usage_error(verb, "option '%s' needs a value", def->name);
        if (def->offset != SIZE_MAX)
            *(const char **)((char *)out + def->offset) = value;
        else if (def->check && def->check(verb, value) != EXIT_OK)
            return EXIT_USAGE;
        return EXIT_OK;
    }
    return cli_usage_error(verb, "unknown option '%s' for '%s'", arg, verb);
}

/* The stored values' own rules, once --help has had its chance to ignore them. */
static int check_values(const char *verb, const struct cli_args *out)
{
    for (size_t k = 0; k < sizeof(defs) / sizeof(defs[0]); k++) {
        const struct opt_def *def = &defs[k];
        if (def->is_switch || !def->check || def->offset == SIZE_MAX)
            continue;
        const char *value = *(const char *const *)((const char *)out + def->offset);
        if (value && def->check(verb, value) != EXIT_OK)
            return EXIT_USAGE;
    }
    return EXIT_OK;
}

int cli_args_parse(int argc, char **argv, unsigned allowed, const char *usage, struct cli_args *out)
{
    memset(out, 0, sizeof(*out));
    out->rest = calloc((size_t)argc + 1, sizeof(char *));
    if (!out->rest)
        return EXIT_FAILURE_IO;
    bool after_dashes = false;
    int rc = EXIT_OK;
    for (int i = 1; i < argc && rc == EXIT_OK; i++) {
        if (is_positional(argv[i], after_dashes))
            rc = take_positional(argv[0], allowed, out, argv[i]);
        else if (strcmp(argv[i], "--") == 0)
            after_dashes = true;
        else
            rc = take_option(argc, argv, &i, allowed, out);
    }
    if (rc != EXIT_OK)
        return rc;
    if (out->help) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (!out->plan)
        return cli_usage_error(argv[0], "missing PLAN argument");
    return check_values(argv[0], out);
}

void cli_args_release(struct cli_args *args)
{
    free(args->rest);
    args->rest = NULL;
}
