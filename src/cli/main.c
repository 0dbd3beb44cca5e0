/*
 * Stand-in entry point of the import branch, so the verb can be built and
 * tested before the integrator's main.c (which dispatches every verb)
 * arrives; on merge, main's version wins.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "import") == 0)
        return cmd_import(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("workplan %s\n", WP_VERSION);
        return 0;
    }
    fprintf(stderr, "usage: workplan import PLAN [--progress FILE] [--dry-run] WORKBOOK...\n");
    return 2;
}
