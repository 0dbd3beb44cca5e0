#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "util/util.h"

static const char usage[] =
    "usage: workplan VERB [OPTIONS]\n"
    "\n"
    "  check  PLAN [--progress FILE] [--strict]\n"
    "  pdf    PLAN [-o FILE] [--lang LANG] [--progress FILE] [--paper a4|letter]\n"
    "  xlsx   PLAN [-o FILE] [--lang LANG] [--progress FILE] [--member CODE]\n"
    "  build  PLAN [-d DIR] [--lang LANG[,LANG...]] [--progress FILE] [--members]\n"
    "  import PLAN [--progress FILE] [--dry-run] WORKBOOK...\n"
    "\n"
    "PLAN is a workplan/1 YAML file ('-' reads standard input). --progress defaults to\n"
    "progress.yaml beside PLAN; '--progress none' ignores it. Every verb also takes\n"
    "--diagnostics text|github and --help.\n"
    "\n"
    "Exit status: 0 done, 1 invalid plan, progress file or workbook, 2 usage error,\n"
    "3 input/output or export failure.\n";

static const struct verb {
    const char *name;
    int (*run)(int argc, char **argv);
} verbs[] = {
    {"check", cmd_check}, {"pdf", cmd_pdf},       {"xlsx", cmd_xlsx},
    {"build", cmd_build}, {"import", cmd_import},
};

int main(int argc, char **argv)
{
    /* an interrupted run leaves no temporary file behind (cli.md, Promises) */
    wp_atomic_cleanup_on_signals();
    if (argc < 2)
        return cli_usage_error(NULL, "missing verb");
    const char *verb = argv[1];
    if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0 || strcmp(verb, "help") == 0) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (strcmp(verb, "--version") == 0 || strcmp(verb, "version") == 0) {
        printf("workplan %s\n", WP_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
        if (strcmp(verb, verbs[i].name) == 0)
            return verbs[i].run(argc - 1, argv + 1);
    return cli_usage_error(NULL, "unknown verb '%s'", verb);
}
