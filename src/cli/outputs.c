/*
 * What may be an output (cli.md, "Outputs"): checked for every verb before
 * anything is written, so a refused run leaves every file as it was.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/args.h"
#include "cli/cli.h"

static const char *file_kind(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    return "not a regular file";
}

/* EXIT_USAGE after the message when output is the same file as input. */
static int same_file_check(const char *verb, const char *output, const struct stat *out,
                           const char *input)
{
    struct stat in;
    if (!input || strcmp(input, "-") == 0 || stat(input, &in) != 0)
        return EXIT_OK;
    if (in.st_dev != out->st_dev || in.st_ino != out->st_ino)
        return EXIT_OK;
    return cli_usage_error(verb, "output '%s' is the input '%s': refusing to overwrite it", output,
                           input);
}

int cli_output_check(const char *verb, const char *output, const struct cli_args *a,
                     const char *progress_path)
{
    if (strcmp(output, "-") == 0)
        return EXIT_OK;
    struct stat out;
    /* stat follows links: a link to an input is that input; a missing file is no input */
    if (stat(output, &out) != 0)
        return EXIT_OK; /* the writer creates it, or says why it cannot (exit 3) */
    if (!S_ISREG(out.st_mode))
        return cli_usage_error(verb, "output '%s' is %s: give a regular file, or '-o -' for stdout",
                               output, file_kind(out.st_mode));
    /* every input a verb reads; a verb's new input file is one more line here */
    const char *inputs[] = {a->plan, progress_path};
    for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
        if (same_file_check(verb, output, &out, inputs[i]) != EXIT_OK)
            return EXIT_USAGE;
    for (int i = 0; i < a->n_rest; i++)
        if (same_file_check(verb, output, &out, a->rest[i]) != EXIT_OK)
            return EXIT_USAGE;
    return EXIT_OK;
}

int cli_progress_output_check(const char *verb, const struct cli_args *a)
{
    if (a->progress && strcmp(a->progress, "none") != 0)
        return cli_output_check(verb, a->progress, a, NULL);
    char *path = cli_default_progress_path(a->plan);
    int rc = path ? cli_output_check(verb, path, a, NULL) : EXIT_OK;
    free(path);
    return rc;
}
