/*
 * A workbook made the way the Tracker makes its drop-downs, closed or not:
 * tests/suites/leaks.sh checks that the sanitizer and valgrind suppressions
 * hide libxlsxwriter 1.1.4's one known leak (11 bytes a list-formula
 * validation) and nothing else, so a workbook never closed still fails.
 *   lxw_probe OUT.xlsx close|leave
 */
#include <string.h>
#include <xlsxwriter.h>

/* Out of line, so that the workbook's address dies with this frame. */
__attribute__((noinline)) static int make(const char *path, int close)
{
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return 3;
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    workbook_define_name(wb, "StatusList", "=Sheet1!$A$1:$A$5");
    char formula[] = "=StatusList";
    lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST_FORMULA,
                              .value_formula = formula};
    /* two validations, as in the Tracker (status and reported by) */
    worksheet_data_validation_range(ws, 1, 7, 20, 7, &dv);
    worksheet_data_validation_range(ws, 1, 10, 20, 10, &dv);
    if (close)
        return workbook_close(wb) == LXW_NO_ERROR ? 0 : 4;
    return 0; /* left open: everything the workbook holds leaks */
}

/* Overwrites the stack below main, where a copy of the address could linger. */
__attribute__((noinline)) static void scrub(void)
{
    volatile char junk[16384];
    memset((char *)junk, 0, sizeof junk);
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    int rc = make(argv[1], strcmp(argv[2], "close") == 0);
    scrub();
    return rc;
}
