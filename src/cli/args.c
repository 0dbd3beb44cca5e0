#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/cli.h"

struct opt_def {
    const char *name;
    unsigned flag;
    size_t offset; /* of the const char * field; 0 for switches */
};

static const struct opt_def defs[] = {
    {"-o", OPT_OUTPUT, offsetof(struct cli_args, output)},
    {"--output", OPT_OUTPUT, offsetof(struct cli_args, output)},
    {"--lang", OPT_LANG | OPT_LANGS, offsetof(struct cli_args, lang)},
    {"--progress", OPT_PROGRESS, offsetof(struct cli_args, progress)},
    {"--paper", OPT_PAPER, offsetof(struct cli_args, paper)},
    {"--member", OPT_MEMBER, offsetof(struct cli_args, member)},
    {"-d", OPT_DIR, offsetof(struct cli_args, dir)},
    {"--dir", OPT_DIR, offsetof(struct cli_args, dir)},
    /* diff */
    {"--since", OPT_SINCE, offsetof(struct cli_args, since)},
};

int cli_args_parse(int argc, char **argv, unsigned allowed, const char *usage, struct cli_args *out)
{
    const char *verb = argv[0];
    memset(out, 0, sizeof(*out));
    out->rest = calloc((size_t)argc + 1, sizeof(char *));
    bool only_positionals = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (only_positionals || arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (!out->plan)
                out->plan = arg;
            else if (allowed & OPT_MANY)
                out->rest[out->n_rest++] = argv[i];
            else
                return cli_usage_error(verb, "unexpected argument '%s'", arg);
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_positionals = true;
            continue;
        }
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            out->help = true;
            continue;
        }
        if (strcmp(arg, "--diagnostics") == 0 || strncmp(arg, "--diagnostics=", 14) == 0) {
            const char *v;
            bool missing;
            cli_opt(argc, argv, &i, "--diagnostics", &v, &missing);
            if (missing)
                return cli_usage_error(verb, "option '--diagnostics' needs a value");
            if (strcmp(v, "github") == 0)
                cli_set_diag_style(CLI_DIAG_GITHUB);
            else if (strcmp(v, "text") == 0)
                cli_set_diag_style(CLI_DIAG_TEXT);
            else
                return cli_usage_error(verb, "unknown diagnostics style '%s' (text or github)", v);
            continue;
        }
        struct {
            const char *name;
            unsigned flag;
            bool *field;
        } switches[] = {
            {"--members", OPT_MEMBERS, &out->members},
            {"--strict", OPT_STRICT, &out->strict},
            {"--dry-run", OPT_DRY_RUN, &out->dry_run},
        };
        bool matched = false;
        for (size_t k = 0; k < sizeof(switches) / sizeof(switches[0]); k++)
            if (strcmp(arg, switches[k].name) == 0 && (allowed & switches[k].flag)) {
                *switches[k].field = true;
                matched = true;
            }
        for (size_t k = 0; !matched && k < sizeof(defs) / sizeof(defs[0]); k++) {
            const char *v;
            bool missing;
            if (!(allowed & defs[k].flag) || !cli_opt(argc, argv, &i, defs[k].name, &v, &missing))
                continue;
            if (missing)
                return cli_usage_error(verb, "option '%s' needs a value", defs[k].name);
            *(const char **)((char *)out + defs[k].offset) = v;
            matched = true;
        }
        if (!matched)
            return cli_usage_error(verb, "unknown option '%s' for '%s'", arg, verb);
    }
    if (out->help) {
        fputs(usage, stdout);
        return 0;
    }
    if (!out->plan)
        return cli_usage_error(verb, "missing PLAN argument");
    if (out->paper && strcmp(out->paper, "a4") != 0 && strcmp(out->paper, "letter") != 0)
        return cli_usage_error(verb, "unknown paper '%s' (a4 or letter)", out->paper);
    if (out->output && !*out->output)
        return cli_usage_error(verb, "option '-o' needs a file name");
    return 0;
}

void cli_args_release(struct cli_args *args)
{
    free(args->rest);
    args->rest = NULL;
}
