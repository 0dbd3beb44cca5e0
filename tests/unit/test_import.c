/* The workbook reader's parts and the YAML the importer appends. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "import/xlsx_read.h"
#include "progress/progress_yaml.h"
#include "workplan/import.h"
#include "workplan/load.h"
#include "xlsx/columns.h"

static void test_cell_refs(void **state)
{
    (void)state;
    unsigned r = 0, c = 0;
    assert_int_equal(wp_xlsxr_ref_parse("A1", &r, &c), 0);
    assert_int_equal(r, 1);
    assert_int_equal(c, 1);
    assert_int_equal(wp_xlsxr_ref_parse("H12", &r, &c), 0);
    assert_int_equal(r, 12);
    assert_int_equal(c, 8);
    assert_int_equal(wp_xlsxr_ref_parse("AA10", &r, &c), 0);
    assert_int_equal(c, 27);
    assert_int_equal(wp_xlsxr_ref_parse("$XFD$1048576", &r, &c), 0);
    assert_int_equal(c, 16384);
    assert_int_equal(r, 1048576);
    assert_int_equal(wp_xlsxr_ref_parse("XFE1", &r, &c), -1);
    assert_int_equal(wp_xlsxr_ref_parse("A0", &r, &c), -1);
    assert_int_equal(wp_xlsxr_ref_parse("A1048577", &r, &c), -1);
    assert_int_equal(wp_xlsxr_ref_parse("12", &r, &c), -1);
    assert_int_equal(wp_xlsxr_ref_parse("B", &r, &c), -1);
    assert_int_equal(wp_xlsxr_ref_parse("B2x", &r, &c), -1);
    assert_int_equal(wp_xlsxr_ref_parse("ABCD1", &r, &c), -1);

    char buf[16];
    wp_xlsxr_ref_format(12, 8, buf);
    assert_string_equal(buf, "H12");
    wp_xlsxr_ref_format(1, 27, buf);
    assert_string_equal(buf, "AA1");
    wp_xlsxr_ref_format(3, 702, buf);
    assert_string_equal(buf, "ZZ3");
    wp_xlsxr_ref_format(1048576, 16384, buf);
    assert_string_equal(buf, "XFD1048576");
}

static void test_unescape(void **state)
{
    (void)state;
    char s1[] = "_x0041_B_x000D_";
    assert_int_equal(wp_xlsxr_unescape(s1, strlen(s1)), 3);
    assert_string_equal(s1, "AB\r");
    char s2[] = "caf_x00E9_ _xD83D__xDE00_!";
    wp_xlsxr_unescape(s2, strlen(s2));
    assert_string_equal(s2, "caf\xC3\xA9 \xF0\x9F\x98\x80!");
    char s3[] = "_x00G1_ _x41_ x0041_ _x0041";
    wp_xlsxr_unescape(s3, strlen(s3));
    assert_string_equal(s3, "_x00G1_ _x41_ x0041_ _x0041");
    /* a lone surrogate is no character: kept as written, not replaced */
    char s4[] = "_xD800_z_xDC00_";
    wp_xlsxr_unescape(s4, strlen(s4));
    assert_string_equal(s4, "_xD800_z_xDC00_");
    /* ECMA-376 spells the escape with a lower-case x; writers keep _X0041_ literal */
    char s6[] = "_X0041_ _x0041_ _x004a_";
    wp_xlsxr_unescape(s6, strlen(s6));
    assert_string_equal(s6, "_X0041_ A J");
    /* U+0000 cannot be in a cell: kept as written, so nothing after it is cut */
    char s7[] = "before _x0000_ after";
    assert_int_equal(wp_xlsxr_unescape(s7, strlen(s7)), strlen("before _x0000_ after"));
    assert_string_equal(s7, "before _x0000_ after");
    /* what libxlsxwriter writes for control characters (_x%04X_) comes back */
    char s8[] = "a_x0001_b_x001F_c";
    assert_int_equal(wp_xlsxr_unescape(s8, strlen(s8)), 5);
    assert_memory_equal(s8,
                        "a\x01"
                        "b\x1F"
                        "c",
                        5);
    /* the escape of an underscore keeps a literal _x0041_ */
    char s5[] = "_x005F_x0041_";
    wp_xlsxr_unescape(s5, strlen(s5));
    assert_string_equal(s5, "_x0041_");
}

static struct wp_diags diags;

static struct wp_xlsxr *reader(void)
{
    wp_diags_init(&diags);
    return wp_xlsxr_new("T.xlsx", NULL, &diags);
}

static void done(struct wp_xlsxr *x)
{
    wp_xlsxr_close(x);
    wp_diags_release(&diags);
}

#define XML(s) s, strlen(s)

static void test_shared_strings(void **state)
{
    (void)state;
    struct wp_xlsxr *x = reader();
    const char *sst =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"4\">"
        "<si><t>Plain</t></si>"
        "<si><r><rPr><b/><sz val=\"11\"/></rPr><t xml:space=\"preserve\">Two </t></r>"
        "<r><t>workshops</t></r><rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si>"
        "<si><t>line_x000D_\nbreak &amp; &lt;tag&gt; Per\xC3\xBA</t></si>"
        "<si><t/></si>"
        "</sst>";
    assert_int_equal(wp_xlsxr_parse_sst(x, "xl/sharedStrings.xml", XML(sst)), WP_OK);
    assert_int_equal(x->n_sst, 4);
    assert_string_equal(x->sst[0], "Plain");
    assert_string_equal(x->sst[1], "Two workshops");
    assert_string_equal(x->sst[2], "line\r\nbreak & <tag> Per\xC3\xBA");
    assert_string_equal(x->sst[3], "");
    assert_int_equal(diags.n, 0);
    done(x);
}

static void test_prefixed_namespace(void **state)
{
    (void)state;
    struct wp_xlsxr *x = reader();
    const char *sst =
        "<x:sst xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<x:si><x:t>prefixed</x:t></x:si></x:sst>";
    assert_int_equal(wp_xlsxr_parse_sst(x, "xl/sharedStrings.xml", XML(sst)), WP_OK);
    assert_int_equal(x->n_sst, 1);
    assert_string_equal(x->sst[0], "prefixed");
    done(x);
}

static void test_entities_refused(void **state)
{
    (void)state;
    struct wp_xlsxr *x = reader();
    const char *laughs =
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
        "<sst><si><t>&c;&c;&c;</t></si></sst>";
    assert_int_equal(wp_xlsxr_parse_sst(x, "xl/sharedStrings.xml", XML(laughs)), WP_ERR_INVALID);
    assert_int_equal(x->n_sst, 0);
    assert_int_equal(diags.n_errors, 1);
    assert_string_equal(diags.items[0].file, "T.xlsx");
    assert_int_equal(diags.items[0].pos.line, 0);
    assert_string_equal(diags.items[0].message,
                        "refused a DOCTYPE declaration in part 'xl/sharedStrings.xml'");
    done(x);

    x = reader();
    const char *external =
        "<!DOCTYPE sst SYSTEM \"file:///etc/passwd\"><sst><si><t>x</t></si></sst>";
    assert_int_equal(wp_xlsxr_parse_sst(x, "p", XML(external)), WP_ERR_INVALID);
    assert_int_equal(diags.n_errors, 1);
    done(x);

    x = reader();
    struct wp_buf deep = WP_BUF_INIT;
    for (int i = 0; i < 300; i++)
        wp_buf_adds(&deep, "<a>");
    assert_int_equal(wp_xlsxr_parse_sst(x, "p", deep.data, deep.len), WP_ERR_INVALID);
    assert_string_equal(diags.items[0].message, "elements nested deeper than 256 in part 'p'");
    wp_buf_release(&deep);
    done(x);

    x = reader();
    assert_int_equal(wp_xlsxr_parse_sst(x, "p", XML("<sst><si><t>x</si></sst>")), WP_ERR_INVALID);
    assert_int_equal(diags.n_errors, 1);
    assert_non_null(strstr(diags.items[0].message, "malformed XML in part 'p' at line 1"));
    done(x);
}

static void test_date_formats(void **state)
{
    (void)state;
    for (unsigned id = 14; id <= 17; id++)
        assert_true(wp_xlsxr_format_is_date(id, NULL));
    assert_true(wp_xlsxr_format_is_date(22, NULL));
    assert_false(wp_xlsxr_format_is_date(18, NULL)); /* h:mm AM/PM */
    assert_false(wp_xlsxr_format_is_date(0, NULL));
    assert_false(wp_xlsxr_format_is_date(1, NULL));
    assert_false(wp_xlsxr_format_is_date(9, NULL));
    assert_true(wp_xlsxr_format_is_date(164, "yyyy\\-mm\\-dd"));
    assert_true(wp_xlsxr_format_is_date(164, "DD/MM/YYYY"));
    assert_true(wp_xlsxr_format_is_date(165, "[$-409]mmmm\\ yy;@"));
    assert_true(wp_xlsxr_format_is_date(166, "d\" de \"mmmm\" de \"yyyy"));
    assert_false(wp_xlsxr_format_is_date(167, "h:mm"));
    assert_false(wp_xlsxr_format_is_date(167, "[h]:mm:ss"));
    assert_false(wp_xlsxr_format_is_date(168, "0.00"));
    assert_false(wp_xlsxr_format_is_date(169, "\"day \"0"));
    assert_false(wp_xlsxr_format_is_date(170, "[Red]0;[Blue]-0"));
    /* LibreOffice writes General as a custom code; E+ is an exponent, not an era year */
    assert_false(wp_xlsxr_format_is_date(164, "General"));
    assert_false(wp_xlsxr_format_is_date(164, "0.00E+00"));
    assert_false(wp_xlsxr_format_is_date(164, "##0.0E-0"));
    assert_true(wp_xlsxr_format_is_date(164, "[$-411]ge.m.d"));

    assert_true(wp_xlsxr_format_is_percent(9, NULL));
    assert_true(wp_xlsxr_format_is_percent(10, NULL));
    assert_true(wp_xlsxr_format_is_percent(164, "0.0%"));
    assert_false(wp_xlsxr_format_is_percent(164, "0\"%\""));
    assert_false(wp_xlsxr_format_is_percent(1, NULL));

    struct wp_xlsxr *x = reader();
    const char *styles =
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/>"
        "<numFmt numFmtId=\"165\" formatCode=\"0.0%\"/></numFmts>"
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
        "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/>"
        "<xf numFmtId=\"165\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>";
    assert_int_equal(wp_xlsxr_parse_styles(x, "xl/styles.xml", XML(styles)), WP_OK);
    assert_int_equal(x->n_xfs, 4);
    assert_false(x->xfs[0].is_date);
    assert_true(x->xfs[1].is_date);
    assert_false(x->xfs[2].is_date);
    assert_true(x->xfs[2].is_percent);
    assert_true(x->xfs[3].is_date);
    done(x);
}

static void test_serial_dates(void **state)
{
    (void)state;
    struct wp_date d;
    assert_int_equal(wp_xlsxr_serial_to_date(1, false, &d), 0);
    assert_int_equal(d.year, 1900);
    assert_int_equal(d.month, 1);
    assert_int_equal(d.day, 1);
    assert_int_equal(wp_xlsxr_serial_to_date(59, false, &d), 0);
    assert_int_equal(d.month, 2);
    assert_int_equal(d.day, 28);
    assert_int_equal(wp_xlsxr_serial_to_date(60, false, &d), -1); /* 1900-02-29 */
    assert_int_equal(wp_xlsxr_serial_to_date(61, false, &d), 0);
    assert_int_equal(d.month, 3);
    assert_int_equal(d.day, 1);
    assert_int_equal(wp_xlsxr_serial_to_date(45658.75, false, &d), 0);
    assert_int_equal(d.year, 2025);
    assert_int_equal(d.month, 1);
    assert_int_equal(d.day, 1);
    assert_int_equal(wp_xlsxr_serial_to_date(44561, false, &d), 0);
    assert_int_equal(d.year, 2021);
    assert_int_equal(d.month, 12);
    assert_int_equal(d.day, 31);
    /* the 1904 system counts from 1904-01-01 */
    assert_int_equal(wp_xlsxr_serial_to_date(0, true, &d), 0);
    assert_int_equal(d.year, 1904);
    assert_int_equal(d.day, 1);
    assert_int_equal(wp_xlsxr_serial_to_date(44196, true, &d), 0);
    assert_int_equal(d.year, 2025);
    assert_int_equal(d.month, 1);
    assert_int_equal(d.day, 1);
    assert_int_equal(wp_xlsxr_serial_to_date(-1, false, &d), -1);
    assert_int_equal(wp_xlsxr_serial_to_date(0, false, &d), -1);
    assert_int_equal(wp_xlsxr_serial_to_date(3e9, false, &d), -1);
}

static void test_workbook_part(void **state)
{
    (void)state;
    struct wp_xlsxr *x = reader();
    const char *wb =
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        "<workbookPr date1904=\"1\"/><sheets>"
        "<sheet name=\"Tracker\" sheetId=\"2\" r:id=\"rId2\"/>"
        "<sheet name=\"_workplan\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
        "</sheets></workbook>";
    assert_int_equal(wp_xlsxr_parse_workbook(x, "xl/workbook.xml", XML(wb)), WP_OK);
    assert_true(x->date1904);
    assert_int_equal(x->n_sheets, 2);
    assert_string_equal(x->sheets[0].name, "Tracker");
    assert_false(x->sheets[0].hidden);
    assert_true(x->sheets[1].hidden);
    assert_ptr_equal(wp_xlsxr_sheet_find(x, "_workplan"), &x->sheets[1]);
    assert_null(wp_xlsxr_sheet_find(x, "tracker"));
    done(x);
}

static void test_sheet_cells(void **state)
{
    (void)state;
    struct wp_xlsxr *x = reader();
    const char *sst = "<sst><si><t>shared</t></si><si><r><t>ri</t></r><r><t>ch</t></r></si></sst>";
    const char *styles = "<styleSheet><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
                         "<xf numFmtId=\"9\"/></cellXfs></styleSheet>";
    assert_int_equal(wp_xlsxr_parse_sst(x, "s", XML(sst)), WP_OK);
    assert_int_equal(wp_xlsxr_parse_styles(x, "st", XML(styles)), WP_OK);
    struct wp_xlsxr_sheet sheet = {.name = "Tracker", .part = "xl/worksheets/sheet1.xml"};
    /* rows out of order, cells without r, every cell type, styled empties */
    const char *xml =
        "<worksheet><sheetData>"
        "<row r=\"3\"><c r=\"B3\" t=\"s\"><v>1</v></c><c s=\"1\"><v>45658</v></c>"
        "<c r=\"E3\" s=\"2\"><v>0.4</v></c></row>"
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><r><t>in</t></r><r><t>line</t></r></is></c>"
        "<c r=\"B1\" t=\"str\"><f>A1</f><v>formula</v></c><c r=\"C1\" t=\"b\"><v>1</v></c>"
        "<c r=\"D1\" t=\"e\"><v>#N/A</v></c><c r=\"E1\"><v>-12.5</v></c>"
        "<c r=\"F1\" s=\"1\"/><c r=\"G1\" t=\"d\"><v>2024-05-01T00:00:00</v></c>"
        "<c r=\"H1\" t=\"s\"><v>0</v></c></row>"
        "<row><c><v>7</v></c></row>"
        "</sheetData></worksheet>";
    assert_int_equal(wp_xlsxr_parse_sheet(x, &sheet, XML(xml)), WP_OK);
    assert_int_equal(sheet.n_cells, 11);
    const struct wp_xlsxr_cell *c = wp_xlsxr_cell_at(&sheet, 1, 1);
    assert_non_null(c);
    assert_int_equal(c->type, WP_XCELL_TEXT);
    assert_string_equal(c->text, "inline");
    c = wp_xlsxr_cell_at(&sheet, 1, 2);
    assert_string_equal(c->text, "formula");
    c = wp_xlsxr_cell_at(&sheet, 1, 3);
    assert_int_equal(c->type, WP_XCELL_BOOL);
    assert_true(c->num == 1);
    c = wp_xlsxr_cell_at(&sheet, 1, 4);
    assert_int_equal(c->type, WP_XCELL_ERROR);
    assert_string_equal(c->text, "#N/A");
    c = wp_xlsxr_cell_at(&sheet, 1, 5);
    assert_int_equal(c->type, WP_XCELL_NUMBER);
    assert_true(c->num == -12.5);
    assert_false(c->is_date);
    assert_null(wp_xlsxr_cell_at(&sheet, 1, 6)); /* styled but empty */
    c = wp_xlsxr_cell_at(&sheet, 1, 7);
    assert_true(c->is_date);
    assert_true(c->num == 45413); /* 2024-05-01 */
    assert_string_equal(wp_xlsxr_cell_at(&sheet, 1, 8)->text, "shared");
    assert_string_equal(wp_xlsxr_cell_at(&sheet, 3, 2)->text, "rich");
    c = wp_xlsxr_cell_at(&sheet, 3, 3); /* no r: after B3 */
    assert_non_null(c);
    assert_true(c->is_date);
    assert_true(c->num == 45658);
    c = wp_xlsxr_cell_at(&sheet, 3, 5);
    assert_true(c->is_percent);
    c = wp_xlsxr_cell_at(&sheet, 2, 1); /* row without r: after row 1 (document order) */
    assert_non_null(c);
    assert_true(c->num == 7);
    /* sorted */
    for (size_t i = 1; i < sheet.n_cells; i++)
        assert_true(sheet.cells[i - 1].row < sheet.cells[i].row ||
                    (sheet.cells[i - 1].row == sheet.cells[i].row &&
                     sheet.cells[i - 1].col < sheet.cells[i].col));
    free(sheet.cells);
    done(x);
}

static void test_sheet_refusals(void **state)
{
    (void)state;
    struct wp_xlsxr_limits lim;
    wp_xlsxr_limits_default(&lim);
    lim.max_cells = 3;
    wp_diags_init(&diags);
    struct wp_xlsxr *x = wp_xlsxr_new("T.xlsx", &lim, &diags);
    struct wp_xlsxr_sheet sheet = {.name = "S", .part = "p"};
    const char *xml = "<worksheet><sheetData><row r=\"1\"><c><v>1</v></c><c><v>2</v></c>"
                      "<c><v>3</v></c><c><v>4</v></c></row></sheetData></worksheet>";
    assert_int_equal(wp_xlsxr_parse_sheet(x, &sheet, XML(xml)), WP_ERR_INVALID);
    assert_int_equal(diags.n_errors, 1);
    assert_int_equal(diags.items[0].code, WP_DIAG_LIMIT);
    assert_string_equal(diags.items[0].message, "more than 3 cells in one sheet in part 'p'");
    free(sheet.cells);
    done(x);

    x = reader();
    struct wp_xlsxr_sheet s2 = {.name = "S", .part = "p"};
    assert_int_equal(wp_xlsxr_parse_sheet(x, &s2,
                                          XML("<worksheet><sheetData><row r=\"1\">"
                                              "<c r=\"A1\" t=\"s\"><v>5</v></c></row>"
                                              "</sheetData></worksheet>")),
                     WP_ERR_INVALID);
    assert_string_equal(diags.items[0].message, "shared string index '5' out of range in part 'p'");
    free(s2.cells);
    done(x);
}

/* A formula saved without its result is not an empty cell: the importer must see it. */
static void test_formula_without_value(void **state)
{
    (void)state;
    struct wp_xlsxr *x = reader();
    struct wp_xlsxr_sheet sheet = {.name = "Tracker", .part = "p"};
    const char *xml = "<worksheet><sheetData><row r=\"2\">"
                      "<c r=\"H2\" t=\"str\"><f>IF(1,\"Ongoing\")</f></c>"
                      "<c r=\"I2\"><f>40+0</f><v></v></c>"
                      "<c r=\"J2\" t=\"str\"><f>\"Completed\"</f><v>Completed</v></c>"
                      "<c r=\"K2\"><f>1+1</f><v>2</v></c>"
                      "<c r=\"L2\" s=\"0\"/></row></sheetData></worksheet>";
    assert_int_equal(wp_xlsxr_parse_sheet(x, &sheet, XML(xml)), WP_OK);
    assert_int_equal(sheet.n_cells, 4);
    const struct wp_xlsxr_cell *c = wp_xlsxr_cell_at(&sheet, 2, 8);
    assert_non_null(c);
    assert_int_equal(c->type, WP_XCELL_FORMULA);
    c = wp_xlsxr_cell_at(&sheet, 2, 9);
    assert_non_null(c);
    assert_int_equal(c->type, WP_XCELL_FORMULA);
    c = wp_xlsxr_cell_at(&sheet, 2, 10); /* the cached value is the cell's value */
    assert_int_equal(c->type, WP_XCELL_TEXT);
    assert_string_equal(c->text, "Completed");
    c = wp_xlsxr_cell_at(&sheet, 2, 11);
    assert_int_equal(c->type, WP_XCELL_NUMBER);
    assert_true(c->num == 2);
    assert_null(wp_xlsxr_cell_at(&sheet, 2, 12));
    free(sheet.cells);
    done(x);
}

static void test_render_yaml(void **state)
{
    (void)state;
    struct wp_update u[2] = {
        {.activity = "ECO-01",
         .date = {2024, 5, 1},
         .has_status = true,
         .status = WP_STATUS_ONGOING,
         .has_progress = true,
         .progress = 40,
         .reported_by = "PE",
         .note = {.plain =
                      "Two \"workshops\": Lima \\ Jakarta\n\tdone\x01 Per\xC3\xBA \xE2\x80\xA8#x"}},
        {.activity = "SOC-1A",
         .date = {2023, 12, 31},
         .has_status = true,
         .status = WP_STATUS_COMPLETED,
         .note = {.plain = "- yes: no #"}},
    };
    size_t len = 0;
    char *y = wp_progress_yaml_items(u, 2, 2, &len);
    const char *want = "  - activity: ECO-01\n"
                       "    date: 2024-05-01\n"
                       "    status: ongoing\n"
                       "    progress: 40\n"
                       "    reported_by: PE\n"
                       "    note: \"Two \\\"workshops\\\": Lima \\\\ Jakarta\\n\\tdone "
                       "Per\xC3\xBA \\u2028#x\"\n"
                       "  - activity: SOC-1A\n"
                       "    date: 2023-12-31\n"
                       "    status: completed\n"
                       "    note: \"- yes: no #\"\n";
    assert_string_equal(y, want);
    assert_int_equal(len, strlen(want));
    free(y);

    y = wp_progress_yaml_items(u, 1, 0, NULL);
    assert_true(strncmp(y, "- activity: ECO-01\n  date: 2024-05-01\n", 38) == 0);
    free(y);
    y = wp_progress_yaml_items(u, 0, 2, &len);
    assert_string_equal(y, "");
    assert_int_equal(len, 0);
    free(y);

    /* codes that YAML would read as something else are quoted */
    struct wp_update odd = {.activity = "NO", .date = {2022, 1, 1}, .reported_by = "ON"};
    y = wp_progress_yaml_items(&odd, 1, 2, NULL);
    assert_string_equal(y, "  - activity: \"NO\"\n    date: 2022-01-01\n    reported_by: \"ON\"\n");
    free(y);

    y = wp_progress_yaml_header("pa-asean-2021-2025", &len);
    assert_string_equal(y, "format: workplan-progress/1\nplan: pa-asean-2021-2025\nupdates:\n");
    free(y);
}

/* Whatever a note holds, the loader reads back exactly that text. */
static void test_render_roundtrip(void **state)
{
    (void)state;
    static const char *const notes[] = {
        "plain",
        " leading and trailing ",
        "quotes \" ' and \\ backslashes \\\" end\\",
        "lines\nand\ttabs\r\nand CRLF",
        "C1 \xC2\x85 NEL, \xE2\x80\xA8 LS, \xEF\xBB\xBF BOM, \xF0\x9F\x98\x80 emoji",
        "- yes: no # not a comment",
        "--- and ... document markers\n---\n...",
        "&anchor *alias !tag %directive @at `tick` {flow} [seq] |literal >folded",
        "Perú, Việt Nam, 東南アジア",
        "true",
        "123",
        "null",
        "~",
    };
    size_t n = sizeof notes / sizeof notes[0];
    struct wp_update u[sizeof notes / sizeof notes[0]];
    for (size_t i = 0; i < n; i++)
        u[i] = (struct wp_update){
            .activity = "ECO-01", .date = {2024, 1, (int)i + 1}, .note = {.plain = notes[i]}};
    size_t hl, il;
    char *head = wp_progress_yaml_header("p", &hl);
    char *items = wp_progress_yaml_items(u, n, 2, &il);
    char *doc = malloc(hl + il + 1);
    memcpy(doc, head, hl);
    memcpy(doc + hl, items, il + 1);
    struct wp_diags d;
    wp_diags_init(&d);
    struct wp_progress *p = NULL;
    assert_int_equal(wp_progress_load_buffer("t.yaml", doc, hl + il, NULL, &p, &d), WP_OK);
    for (size_t i = 0; i < d.n; i++)
        print_error("%u:%u: %s\n", d.items[i].pos.line, d.items[i].pos.col, d.items[i].message);
    assert_int_equal(d.n_errors, 0);
    assert_int_equal(p->n_updates, n);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(p->updates[i].note.plain);
        /* control characters, which YAML refuses even as escapes, are dropped */
        if (strstr(notes[i], "control "))
            assert_string_equal(p->updates[i].note.plain, "control  chars");
        else
            assert_string_equal(p->updates[i].note.plain, notes[i]);
        assert_int_equal(p->updates[i].date.day, (int)i + 1);
    }
    wp_progress_free(p);
    wp_diags_release(&d);
    free(doc);
    free(items);
    free(head);
}

/* The hidden sheet's fingerprint covers each cell's place and text; empty cells add nothing. */
static void test_meta_fingerprint(void **state)
{
    (void)state;
    uint64_t seed = WP_META_FINGERPRINT_SEED;
    uint64_t a = wp_meta_fingerprint_add(seed, 5, 2, "PE");
    assert_true(a != seed);
    assert_true(wp_meta_fingerprint_add(seed, 5, 2, "MX") != a);
    assert_true(wp_meta_fingerprint_add(seed, 5, 3, "PE") != a); /* moved */
    assert_true(wp_meta_fingerprint_add(seed, 52, 2, "PE") != a);
    assert_true(wp_meta_fingerprint_add(seed, 5, 2, "") == seed);
    assert_true(wp_meta_fingerprint_add(seed, 5, 2, NULL) == seed);
    /* "1:12=3" then nothing differs from "1:1=23": the separator keeps cells apart */
    assert_true(wp_meta_fingerprint_add(seed, 1, 12, "3") !=
                wp_meta_fingerprint_add(seed, 1, 1, "23"));
}

/* A workbook's cell is a diagnostic's position: WORKBOOK:SHEET!CELL: severity: message. */
static void test_cell_position(void **state)
{
    (void)state;
    struct wp_diags d;
    wp_diags_init(&d);
    wp_diags_add_cell(&d, WP_SEV_ERROR, WP_DIAG_BAD_CELL, "PE.xlsx", "Tracker!H12",
                      "unknown status '%s'", "Hecho");
    wp_diags_add(&d, WP_SEV_WARNING, WP_DIAG_WORKBOOK, "PE.xlsx", (struct wp_pos){0, 0}, "whole");
    char buf[128];
    wp_diag_format(&d.items[0], buf, sizeof buf);
    assert_string_equal(buf, "PE.xlsx:Tracker!H12: error: unknown status 'Hecho'");
    assert_int_equal(d.items[0].pos.line, 0);
    wp_diag_format(&d.items[1], buf, sizeof buf);
    assert_string_equal(buf, "PE.xlsx: warning: whole");
    assert_null(d.items[1].cell);
    wp_diags_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cell_refs),          cmocka_unit_test(test_cell_position),
        cmocka_unit_test(test_unescape),           cmocka_unit_test(test_shared_strings),
        cmocka_unit_test(test_prefixed_namespace), cmocka_unit_test(test_entities_refused),
        cmocka_unit_test(test_date_formats),       cmocka_unit_test(test_serial_dates),
        cmocka_unit_test(test_workbook_part),      cmocka_unit_test(test_sheet_cells),
        cmocka_unit_test(test_sheet_refusals),     cmocka_unit_test(test_render_yaml),
        cmocka_unit_test(test_render_roundtrip),   cmocka_unit_test(test_formula_without_value),
        cmocka_unit_test(test_meta_fingerprint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
