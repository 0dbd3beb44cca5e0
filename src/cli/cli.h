/* The command line: one function per verb. */
#ifndef WP_CLI_H
#define WP_CLI_H

#include <stdbool.h>
#include <time.h>

#include "workplan/workplan.h"

/* Verbs: argv[0] is the verb's name. Each returns the exit status. */
int cmd_import(int argc, char **argv);

#endif
