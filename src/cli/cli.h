/* The command line: one function per verb, the shared loading and reporting. */
#ifndef WP_CLI_H
#define WP_CLI_H

#include <stdbool.h>
#include <time.h>

#include "workplan/workplan.h"

enum cli_exit { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2, EXIT_FAILURE_IO = 3 };

/* Verbs: argv[0] is the verb's name. Each returns an enum cli_exit. */
int cmd_check(int argc, char **argv);
int cmd_pdf(int argc, char **argv);
int cmd_xlsx(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_import(int argc, char **argv);
/* diff (cmd_diff.c) */
int cmd_diff(int argc, char **argv);

enum cli_diag_style { CLI_DIAG_TEXT, CLI_DIAG_GITHUB };

/* Sorts and prints every diagnostic to stderr, then one summary line when any. */
void cli_print_diags(struct wp_diags *diags);
void cli_set_diag_style(enum cli_diag_style style);
/*
 * Holds what is written to file descriptor 2 between begin and end, then
 * passes it on without libxlsxwriter's own "[ERROR]..." lines (quiet.c says
 * why only the program, never the library, may do this).
 */
struct cli_quiet {
    int saved; /* the real stderr, or -1 when nothing is held */
    int pipe;
};
void cli_quiet_begin(struct cli_quiet *q);
void cli_quiet_end(struct cli_quiet *q);

/* Prints "workplan: error: ..." for failures outside any file. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void cli_error(const char *fmt, ...);
/* Prints the usage error and returns EXIT_USAGE. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int cli_usage_error(const char *verb, const char *fmt, ...);

/* A plan loaded, checked and with its progress applied, ready to export. */
struct cli_plan {
    struct wp_plan *plan;
    const struct wp_progress *progress; /* NULL when none; owned by one of these two: */
    struct wp_progress *own_progress;   /* loaded here */
    struct wp_progress_file *file;      /* opened when asked for (import): locked, loaded */
    struct wp_diags diags;
    time_t build_time;
    char *progress_path; /* diagnostics borrow it: freed with the rest */
};

/*
 * Loads PLAN and its progress file (progress_opt: a path, "none", or NULL
 * for progress.yaml beside PLAN when it exists), checks both, prints the
 * diagnostics and returns EXIT_OK or the exit code to stop with.
 */
int cli_plan_load(struct cli_plan *cp, const char *plan_path, const char *progress_opt,
                  bool strict);
void cli_plan_release(struct cli_plan *cp);

/* cli_plan_load with every choice spelled out (import needs two more). */
struct cli_plan_request {
    const char *plan_path;
    const char *progress_opt; /* as for cli_plan_load */
    bool strict;
    bool progress_may_be_missing; /* import creates it: missing is no progress, not an error */
    bool keep_diags;              /* print nothing: the caller prints cp->diags */
    /* not NULL: open the progress file as a handle (locked, loaded) in cp->file */
    const struct wp_progress_file_options *open_file;
    bool dates_until_today; /* check: no date after the build day (SDE, else the clock) */
};
int cli_plan_open(struct cli_plan *cp, const struct cli_plan_request *rq);

struct cli_args;
/*
 * Refuses, before anything is written, an output that is not "-" (stdout)
 * and exists as anything but a regular file (links followed), or that is
 * the same file (device and inode: any path, symbolic or hard link) as one
 * of the verb's inputs: a->plan, a->rest (workbooks), progress_path (NULL
 * when none; NULL too when the output is the progress file itself).
 * Returns EXIT_OK, or EXIT_USAGE after printing why.
 */
int cli_output_check(const char *verb, const char *output, const struct cli_args *a,
                     const char *progress_path);

/*
 * The same check for the progress file a verb appends to (--progress FILE,
 * else progress.yaml beside PLAN), made before anything is loaded, so a
 * progress file that is a workbook being imported or the plan is refused
 * with exit 2 rather than read as YAML. EXIT_OK when there is none yet.
 */
int cli_progress_output_check(const char *verb, const struct cli_args *a);

/* progress.yaml in PLAN's folder (malloc'ed), whether it exists or not; NULL for stdin. */
char *cli_progress_beside(const char *plan_path);
/* The same, only when it exists as a regular file (else NULL). */
char *cli_default_progress_path(const char *plan_path);

/* Validates --lang against plan.languages; prints the usage error. */
bool cli_lang_ok(const struct wp_plan *plan, const char *verb, const char *lang);

/*
 * Option parsing shared by the verbs: returns true when argv[*i] is `name`
 * (then *value is the next argument, or the part after '=' in --name=value).
 * Sets *missing when the value is absent.
 */
bool cli_opt(int argc, char **argv, int *i, const char *name, const char **value, bool *missing);

/*
 * Whether OLD and NEW are one programme (the same plan id), or comparing
 * two is allowed (--allow-other-plan); else a usage error (issue 21).
 */
bool cli_same_programme(const char *verb, const struct wp_plan *old_plan,
                        const struct wp_plan *new_plan, bool allowed);

#endif
