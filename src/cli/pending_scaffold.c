/* TEMPORARY integration scaffold until the exporter and import branches merge. */
#include "cli/cli.h"
int cmd_import(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("import: not merged yet");
    return 3;
}
enum wp_error wp_pdf_write(const struct wp_plan *plan, const struct wp_pdf_options *options,
                           const char *path, struct wp_diags *diags)
{
    (void)plan, (void)options, (void)path, (void)diags;
    return WP_ERR_PDF;
}
enum wp_error wp_xlsx_write(const struct wp_plan *plan, const struct wp_xlsx_options *options,
                            const char *path, struct wp_diags *diags)
{
    (void)plan, (void)options, (void)path, (void)diags;
    return WP_ERR_XLSX;
}
