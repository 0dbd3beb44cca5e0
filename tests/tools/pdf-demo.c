/*
 * Test-only driver of wp_pdf_write, for the PDF checks while the command
 * line is not yet built with every exporter:
 *
 *     pdf-demo PLAN OUT.pdf [--lang LANG] [--paper a4|letter] [--progress FILE]
 *
 * Exit status as `workplan pdf`: 0 written, 1 invalid plan, 2 usage, 3 not written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workplan/workplan.h"

static void print_diags(struct wp_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        char buf[1024];
        wp_diag_format(&d->items[i], buf, sizeof(buf));
        fprintf(stderr, "%s\n", buf);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: pdf-demo PLAN OUT.pdf [--lang LANG] [--paper a4|letter] "
                        "[--progress FILE]\n");
        return 2;
    }
    const char *lang = NULL, *progress_path = NULL;
    enum wp_paper paper = WP_PAPER_A4;
    for (int i = 3; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--lang") == 0)
            lang = argv[i + 1];
        else if (strcmp(argv[i], "--paper") == 0)
            paper = strcmp(argv[i + 1], "letter") == 0 ? WP_PAPER_LETTER : WP_PAPER_A4;
        else if (strcmp(argv[i], "--progress") == 0)
            progress_path = argv[i + 1];
        else
            return 2;
    }
    struct wp_diags d;
    wp_diags_init(&d);
    struct wp_plan *plan = NULL;
    struct wp_progress *progress = NULL;
    int rc = 0;
    if (wp_plan_load_file(argv[1], NULL, &plan, &d) != WP_OK) {
        rc = 1;
        goto out;
    }
    if (progress_path && wp_progress_load_file(progress_path, NULL, &progress, &d) != WP_OK) {
        rc = 1;
        goto out;
    }
    struct wp_check_options co = {0};
    wp_check(plan, progress, &co, &d);
    if (d.n_errors) {
        rc = 1;
        goto out;
    }
    if (progress)
        wp_progress_apply(plan, progress);
    time_t bt;
    if (wp_build_time(plan, progress, getenv("SOURCE_DATE_EPOCH"), &bt) != WP_OK) {
        rc = 2;
        goto out;
    }
    struct wp_pdf_options o = {.lang = lang, .paper = paper, .build_time = bt};
    enum wp_error err = wp_pdf_write(plan, &o, argv[2], &d);
    if (err) {
        fprintf(stderr, "pdf-demo: cannot write '%s': %s\n", argv[2], wp_strerror(err));
        rc = 3;
    }
out:
    print_diags(&d);
    wp_diags_release(&d);
    wp_progress_free(progress);
    wp_plan_free(plan);
    return rc;
}
