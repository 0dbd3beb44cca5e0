/* The workbook writer's pure parts (contract table, fingerprint, text and names) and its failures.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"
#include "util/util.h"
#include "xlsx/columns.h"
#include "xlsx/xlsx_internal.h"
#include "xlsx/xlsx_text.h"

/*
 * libxlsxwriter 1.1.4 leaks its copy of a list-formula validation (a few
 * bytes per workbook, tests/lsan.supp); LeakSanitizer reads this hook by name.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libxlsxwriter.so\n";
}

const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
    return "print_suppressions=0";
}

static void test_columns(void **state)
{
    (void)state;
    static const bool editable[WP_COL_COUNT] = {[WP_COL_STATUS] = true,
                                                [WP_COL_PROGRESS] = true,
                                                [WP_COL_UPDATED] = true,
                                                [WP_COL_REPORTED_BY] = true,
                                                [WP_COL_NOTE] = true};
    for (int i = 0; i < WP_COL_COUNT; i++) {
        assert_int_equal(wp_tracker_columns[i].col, i);
        assert_int_equal(wp_tracker_columns[i].editable, editable[i]);
        assert_true(wp_tracker_columns[i].width >= 8 && wp_tracker_columns[i].width <= 60);
        for (int j = 0; j < i; j++) {
            /* titles tell columns apart in every language */
            assert_int_not_equal(wp_tracker_columns[i].title, wp_tracker_columns[j].title);
            assert_string_not_equal(wp_label("es", wp_tracker_columns[i].title),
                                    wp_label("es", wp_tracker_columns[j].title));
        }
    }
    assert_int_equal(wp_tracker_columns[WP_COL_START].kind, WP_CELL_DATE);
    assert_int_equal(wp_tracker_columns[WP_COL_UPDATED].kind, WP_CELL_DATE);
    assert_int_equal(wp_tracker_columns[WP_COL_PROGRESS].kind, WP_CELL_PERCENT);
    assert_int_equal(wp_tracker_columns[WP_COL_STATUS].kind, WP_CELL_STATUS);
}

static void test_fingerprint(void **state)
{
    (void)state;
    /* expected values from an independent FNV-1a 64 (Python, tests/e2e/xlsx_check.py) */
    const char *row[WP_COL_COUNT] = {"ECO-01",
                                     "Economic cooperation",
                                     "Trade – Perú",
                                     "Pacific Alliance",
                                     "",
                                     "2021-10-01",
                                     "2025-12-31",
                                     "Planned",
                                     "0",
                                     "",
                                     "",
                                     "x"};
    assert_true(wp_tracker_fingerprint(row) == UINT64_C(0x2bdf0a152bc83b4e));
    /* editable columns do not count */
    row[WP_COL_STATUS] = "Completed";
    row[WP_COL_NOTE] = "another note";
    assert_true(wp_tracker_fingerprint(row) == UINT64_C(0x2bdf0a152bc83b4e));
    /* locked ones do, and the separator keeps "ab","c" apart from "a","bc" */
    row[WP_COL_PARTNERS] = "Chile";
    assert_true(wp_tracker_fingerprint(row) != UINT64_C(0x2bdf0a152bc83b4e));
    const char *a[WP_COL_COUNT] = {"ab", "c"}, *b[WP_COL_COUNT] = {"a", "bc"};
    assert_true(wp_tracker_fingerprint(a) != wp_tracker_fingerprint(b));
    const char *none[WP_COL_COUNT] = {0};
    assert_true(wp_tracker_fingerprint(none) == UINT64_C(0x67c33177656fd26f));
}

static void test_reporter_code(void **state)
{
    (void)state;
    size_t start = 99;
    assert_int_equal(wp_tracker_reporter_code("PE" WP_REPORTER_SEP "Perú", &start), 2);
    assert_int_equal(start, 0);
    assert_int_equal(wp_tracker_reporter_code("  ASEAN", &start), 5);
    assert_int_equal(start, 2);
    assert_int_equal(wp_tracker_reporter_code("", &start), 0);
    assert_int_equal(wp_tracker_reporter_code(NULL, &start), 0);
    assert_string_equal(WP_REPORTER_SEP, " – ");
}

static void test_safe_text(void **state)
{
    (void)state;
    struct wp_buf scratch = WP_BUF_INIT;
    bool cut = true;
    const char *ok = "Perú – Việt Nam";
    assert_ptr_equal(wp_xlsx_safe_text(ok, WP_XLSX_MAX_CELL_CHARS, &scratch, &cut), ok);
    assert_false(cut);
    assert_string_equal(wp_xlsx_safe_text(NULL, 10, &scratch, NULL), "");
    /* invalid UTF-8 never goes through: cut at the first bad byte */
    assert_string_equal(wp_xlsx_safe_text("ab\xc3\x28zz", 100, &scratch, &cut), "ab");
    assert_true(cut);
    assert_string_equal(wp_xlsx_safe_text("x\xff", 100, &scratch, NULL), "x");
    /* the limit counts characters, and a cut never splits one */
    assert_string_equal(wp_xlsx_safe_text("ééé", 2, &scratch, &cut), "éé");
    assert_true(cut);

    size_t n = WP_XLSX_MAX_CELL_CHARS + 5;
    char *big = wp_xmalloc(2 * n + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(big + 2 * i, "\xc3\xa9", 2);
    big[2 * n] = '\0';
    const char *s = wp_xlsx_safe_text(big, WP_XLSX_MAX_CELL_CHARS, &scratch, &cut);
    assert_true(cut);
    assert_int_equal(strlen(s), 2 * WP_XLSX_MAX_CELL_CHARS);
    assert_int_equal(wp_utf8_length(s, strlen(s)), WP_XLSX_MAX_CELL_CHARS);
    free(big);
    wp_buf_release(&scratch);
}

/* Excel's limits count UTF-16 units: a character beyond U+FFFF is two, and is never split. */
static void test_safe_text_utf16(void **state)
{
    (void)state;
    struct wp_buf scratch = WP_BUF_INIT;
    bool cut = false;
    const char *grin = "\xF0\x9F\x98\x80"; /* U+1F600: a surrogate pair */
    assert_string_equal(wp_xlsx_safe_text("a\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 3, &scratch, &cut),
                        "a\xF0\x9F\x98\x80");
    assert_true(cut);
    /* the pair does not fit in the one unit left: cut before it, not inside */
    assert_string_equal(wp_xlsx_safe_text("ab\xF0\x9F\x98\x80", 3, &scratch, &cut), "ab");
    assert_true(cut);
    const char *fits = "a\xF0\x9F\x98\x80";
    assert_ptr_equal(wp_xlsx_safe_text(fits, 3, &scratch, &cut), fits);
    assert_false(cut);

    /* "x" and 16,383 pairs are exactly 32,767 units; one pair more is cut whole */
    size_t n = WP_XLSX_MAX_CELL_CHARS / 2 + 1;
    char *big = wp_xmalloc(1 + 4 * n + 1);
    big[0] = 'x';
    for (size_t i = 0; i < n; i++)
        memcpy(big + 1 + 4 * i, grin, 4);
    big[1 + 4 * n] = '\0';
    const char *s = wp_xlsx_safe_text(big, WP_XLSX_MAX_CELL_CHARS, &scratch, &cut);
    assert_true(cut);
    assert_int_equal(strlen(s), 1 + 4 * (n - 1));
    big[1 + 4 * (n - 1)] = '\0';
    assert_ptr_equal(wp_xlsx_safe_text(big, WP_XLSX_MAX_CELL_CHARS, &scratch, &cut), big);
    assert_false(cut);
    free(big);
    wp_buf_release(&scratch);
}

static void test_quoting(void **state)
{
    (void)state;
    struct wp_buf b = WP_BUF_INIT;
    wp_xlsx_add_sheet_ref(&b, "Ministry's sheet");
    assert_string_equal(b.data, "'Ministry''s sheet'");
    wp_buf_reset(&b);
    wp_xlsx_add_formula_string(&b, "say \"hi\"");
    assert_string_equal(b.data, "\"say \"\"hi\"\"\"");
    wp_buf_reset(&b);
    wp_xlsx_add_criteria_literal(&b, "a*b?c~");
    assert_string_equal(b.data, "a~*b~?c~~");
    const char *plain = "_x not _x12 _x12345";
    assert_ptr_equal(wp_xlsx_escape_ooxml(plain, &b), plain);
    assert_string_equal(wp_xlsx_escape_ooxml("a _x0041_ b_x00e9__", &b),
                        "a _x005F_x0041_ b_x005F_x00e9__");
    /* the upper-case form too (SheetJS decodes it); a lone "_" or "_X12" is left alone */
    assert_string_equal(wp_xlsx_escape_ooxml("Study _X0042_ of _ _X12 _xAb0F_", &b),
                        "Study _x005F_X0042_ of _ _X12 _x005F_xAb0F_");
    const char *plain_upper = "_X not _X12 _X12345 _Y0041_";
    assert_ptr_equal(wp_xlsx_escape_ooxml(plain_upper, &b), plain_upper);
    wp_buf_release(&b);
}

static void test_names(void **state)
{
    (void)state;
    assert_true(wp_xlsx_sheet_name_ok("Seguimiento"));
    assert_true(wp_xlsx_sheet_name_ok("Perú – Việt"));
    assert_true(wp_xlsx_sheet_name_ok("_workplan"));
    assert_true(wp_xlsx_sheet_name_ok("1234567890123456789012345678901")); /* 31 */
    assert_false(wp_xlsx_sheet_name_ok("12345678901234567890123456789012"));
    assert_false(wp_xlsx_sheet_name_ok(""));
    assert_false(wp_xlsx_sheet_name_ok(NULL));
    assert_false(wp_xlsx_sheet_name_ok("History"));
    assert_false(wp_xlsx_sheet_name_ok("HISTORY"));
    assert_false(wp_xlsx_sheet_name_ok("a/b"));
    assert_false(wp_xlsx_sheet_name_ok("a[1]"));
    assert_false(wp_xlsx_sheet_name_ok("'quoted'"));
    assert_false(wp_xlsx_sheet_name_ok("bad\xc3\x28"));
    /* every sheet name of the catalogue is valid in every language */
    static const enum wp_label sheets[] = {WP_L_SHEET_ABOUT, WP_L_SHEET_TRACKER, WP_L_SHEET_SUMMARY,
                                           WP_L_SHEET_TIMELINE};
    static const char *const langs[] = {"en", "es"};
    for (size_t l = 0; l < 2; l++)
        for (size_t i = 0; i < 4; i++)
            assert_true(wp_xlsx_sheet_name_ok(wp_label(langs[l], sheets[i])));

    assert_true(wp_xlsx_defined_name_ok(WP_NAME_STATUS_LIST));
    assert_true(wp_xlsx_defined_name_ok(WP_NAME_MEMBER_LIST));
    assert_true(wp_xlsx_defined_name_ok("_lists.x"));
    assert_false(wp_xlsx_defined_name_ok("1abc"));
    assert_false(wp_xlsx_defined_name_ok("A1"));
    assert_false(wp_xlsx_defined_name_ok("xfd100"));
    assert_false(wp_xlsx_defined_name_ok("R1C1"));
    assert_false(wp_xlsx_defined_name_ok("R"));
    assert_false(wp_xlsx_defined_name_ok("c"));
    assert_false(wp_xlsx_defined_name_ok("has space"));
    assert_false(wp_xlsx_defined_name_ok(""));
}

static void test_columns_and_dates(void **state)
{
    (void)state;
    char buf[4];
    static const struct {
        unsigned col;
        const char *name;
    } cols[] = {{0, "A"},    {11, "L"},    {25, "Z"},     {26, "AA"},
                {701, "ZZ"}, {702, "AAA"}, {16383, "XFD"}};
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        wp_xlsx_col_name(cols[i].col, buf);
        assert_string_equal(buf, cols[i].name);
    }
    assert_true(wp_xlsx_date_serial((struct wp_date){1900, 3, 1}) == 61);
    assert_true(wp_xlsx_date_serial((struct wp_date){2021, 1, 1}) == 44197);
    assert_true(wp_xlsx_date_serial((struct wp_date){2025, 12, 31}) == 46022);
}

static const char plan_yaml[] = "format: workplan/1\n"
                                "plan:\n"
                                "  id: tiny\n"
                                "  title: Tiny plan\n"
                                "  parties: [PA]\n"
                                "  period: {from: 2021, to: 2022}\n"
                                "  version: '1'\n"
                                "parties:\n"
                                "  PA: {name: Pacific Alliance, members: [CL, PE]}\n"
                                "countries:\n"
                                "  CL: Chile\n"
                                "  PE: Peru\n"
                                "areas:\n"
                                "  - id: ECO\n"
                                "    title: Economy\n"
                                "    activities:\n"
                                "      - {id: ECO-01, title: One, lead: [CL], start: 2021, "
                                "end: 2022}\n";

static void test_write_and_failures(void **state)
{
    (void)state;
    struct loaded l;
    load_strings(&l, plan_yaml, NULL);
    assert_int_equal(l.diags.n_errors, 0);
    char dir[] = "/tmp/wp-xlsx-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/tiny.xlsx", dir);

    struct wp_diags d;
    wp_diags_init(&d);
    /* build time 0 would mean "now" to libxlsxwriter: refused */
    struct wp_xlsx_options o = {.build_time = 0};
    assert_int_equal(wp_xlsx_write(l.plan, &o, path, &d), WP_ERR_ARGUMENT);
    assert_int_equal(d.n_errors, 1);

    /* an unknown member is refused before anything is written */
    o = (struct wp_xlsx_options){.member = "ZZ", .build_time = 1700000000};
    assert_int_equal(wp_xlsx_write(l.plan, &o, path, &d), WP_ERR_ARGUMENT);
    assert_int_equal(access(path, F_OK), -1);
    assert_non_null(strstr(d.items[1].message, "'ZZ'"));

    /* written whole */
    o.member = NULL;
    assert_int_equal(wp_xlsx_write(l.plan, &o, path, &d), WP_OK);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char magic[4];
    assert_int_equal(fread(magic, 1, 4, f), 4);
    fclose(f);
    assert_memory_equal(magic, "PK\x03\x04", 4);

    /* a folder that does not exist: an I/O error naming the file */
    char bad[160];
    snprintf(bad, sizeof bad, "%s/missing/tiny.xlsx", dir);
    size_t before = d.n_errors;
    assert_int_equal(wp_xlsx_write(l.plan, &o, bad, &d), WP_ERR_IO);
    assert_int_equal(d.n_errors, before + 1);
    assert_int_equal(d.items[d.n - 1].code, WP_DIAG_IO);
    assert_non_null(strstr(d.items[d.n - 1].message, bad));

    /* a member with no activity still gets a workbook */
    o.member = "PE";
    char pe[160];
    snprintf(pe, sizeof pe, "%s/pe.xlsx", dir);
    assert_int_equal(wp_xlsx_write(l.plan, &o, pe, &d), WP_OK);
    assert_int_equal(access(pe, R_OK), 0);

    unlink(path);
    unlink(pe);
    assert_int_equal(rmdir(dir), 0); /* no temporary file left behind */
    wp_diags_release(&d);
    loaded_release(&l);
}

/* Row heights count display columns: a wide character two, a combining mark none. */
static void test_lines_by_display_width(void **state)
{
    (void)state;
    double width = 20; /* 23 columns a line */
    char latin[128] = "", han[256] = "", marks[256] = "";
    for (int i = 0; i < 40; i++) {
        strcat(latin, "a");
        strcat(han, "\xE4\xB8\xAD"); /* 中 */
        strcat(marks, "e\xCC\x81");  /* e + combining acute */
    }
    assert_int_equal(wp_xlsx_lines_for(latin, width), 2);
    assert_int_equal(wp_xlsx_lines_for(han, width), 4);
    assert_int_equal(wp_xlsx_lines_for(marks, width), 2);
    assert_int_equal(wp_xlsx_lines_for("\xE4\xB8\xAD\n\xE4\xB8\xAD", width), 2);
    assert_int_equal(wp_xlsx_lines_for("", width), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns),
        cmocka_unit_test(test_fingerprint),
        cmocka_unit_test(test_reporter_code),
        cmocka_unit_test(test_safe_text),
        cmocka_unit_test(test_safe_text_utf16),
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_columns_and_dates),
        cmocka_unit_test(test_write_and_failures),
        cmocka_unit_test(test_lines_by_display_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
