/* The options of every verb, parsed by one function with a per-verb mask. */
#ifndef WP_CLI_ARGS_H
#define WP_CLI_ARGS_H

#include <stdbool.h>

enum cli_opt_flags {
    OPT_OUTPUT = 1 << 0,   /* -o FILE */
    OPT_LANG = 1 << 1,     /* --lang LANG */
    OPT_LANGS = 1 << 2,    /* --lang LANG[,LANG...] */
    OPT_PROGRESS = 1 << 3, /* --progress FILE|none */
    OPT_PAPER = 1 << 4,    /* --paper a4|letter */
    OPT_MEMBER = 1 << 5,   /* --member CODE */
    OPT_DIR = 1 << 6,      /* -d DIR */
    OPT_MEMBERS = 1 << 7,  /* --members */
    OPT_STRICT = 1 << 8,   /* --strict */
    OPT_DRY_RUN = 1 << 9,  /* --dry-run */
    OPT_MANY = 1 << 10,    /* more than one positional argument after PLAN */
    /* diff */
    OPT_SINCE = 1 << 11, /* --since OLD (the booklet's changes annex) */
};

struct cli_args {
    const char *plan;
    const char *output;
    const char *lang;
    const char *progress;
    const char *paper;
    const char *member;
    const char *dir;
    bool members;
    bool strict;
    bool dry_run;
    bool help;
    const char *since;     /* diff: OPT_SINCE */
    bool allow_other_plan; /* with OPT_SINCE: OLD may be another programme */
    char **rest;           /* positionals after PLAN (OPT_MANY) */
    int n_rest;
};

/* Returns 0, or EXIT_USAGE after printing why. `usage` is the verb's help text. */
int cli_args_parse(int argc, char **argv, unsigned allowed, const char *usage,
                   struct cli_args *out);

void cli_args_release(struct cli_args *args);

#endif
