/* The hidden-record format (columns.h), as the importer reads it in each version. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "import/import_internal.h"

/* One cell of a hidden sheet: row, column (1-based), text. */
struct cell {
    unsigned row, col;
    const char *text;
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct book {
    struct wp_diags diags;
    struct wp_xlsxr *x;
    struct wp_import_ctx ctx;
    struct wp_hidden_in h;
};

/* The sheet's XML from its cells (row-major), B<fp_row> its fingerprint unless `fingerprint`. */
static void sheet_xml(struct wp_buf *b, const struct cell *cells, size_t n, unsigned fp_row,
                      const char *fingerprint)
{
    uint64_t h = WP_META_FINGERPRINT_SEED;
    for (size_t i = 0; i < n; i++)
        h = wp_meta_fingerprint_add(h, cells[i].row, cells[i].col, cells[i].text);
    char hex[17];
    snprintf(hex, sizeof hex, "%016" PRIx64, h);
    wp_buf_adds(b, "<worksheet><sheetData>");
    for (size_t i = 0; i < n; i++) {
        bool fp_after = cells[i].row == fp_row && cells[i].col == 1;
        wp_buf_addf(b, "<row r=\"%u\"><c r=\"%c%u\" t=\"inlineStr\"><is><t>%s</t></is></c>",
                    cells[i].row, 'A' + cells[i].col - 1, cells[i].row, cells[i].text);
        for (; i + 1 < n && cells[i + 1].row == cells[i].row; i++)
            wp_buf_addf(b, "<c r=\"%c%u\" t=\"inlineStr\"><is><t>%s</t></is></c>",
                        'A' + cells[i + 1].col - 1, cells[i + 1].row, cells[i + 1].text);
        if (fp_after)
            wp_buf_addf(b, "<c r=\"B%u\" t=\"inlineStr\"><is><t>%s</t></is></c>", fp_row,
                        fingerprint ? fingerprint : hex);
        wp_buf_adds(b, "</row>");
    }
    wp_buf_adds(b, "</sheetData></worksheet>");
}

/* A workbook of one hidden sheet named as the layout says, read through wp_import_hidden_read. */
static enum wp_error read_book(struct book *bk, const struct wp_hidden_layout *l,
                               const struct cell *cells, size_t n, unsigned fp_row,
                               const char *fingerprint)
{
    wp_diags_init(&bk->diags);
    bk->x = wp_xlsxr_new("T.xlsx", NULL, &bk->diags);
    struct wp_buf b = WP_BUF_INIT;
    wp_buf_addf(&b,
                "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                "relationships\"><sheets><sheet name=\"%s\" sheetId=\"1\" r:id=\"rId1\"/>"
                "</sheets></workbook>",
                l->sheet);
    assert_int_equal(wp_xlsxr_parse_workbook(bk->x, "xl/workbook.xml", b.data, b.len), WP_OK);
    wp_buf_reset(&b);
    sheet_xml(&b, cells, n, fp_row, fingerprint);
    assert_int_equal(wp_xlsxr_parse_sheet(bk->x, &bk->x->sheets[0], b.data, b.len), WP_OK);
    wp_buf_release(&b);
    bk->ctx = (struct wp_import_ctx){.path = "T.xlsx", .diags = &bk->diags, .x = bk->x};
    return wp_import_hidden_read(&bk->ctx, l, &bk->h);
}

static void close_book(struct book *bk)
{
    wp_import_hidden_release(&bk->h);
    wp_xlsxr_close(bk->x);
    wp_diags_release(&bk->diags);
}

/* The first diagnostic, "CELL: message". */
static void assert_refused(struct book *bk, const char *cell, const char *message)
{
    assert_int_equal(bk->diags.n, 1);
    assert_string_equal(bk->diags.items[0].cell, cell);
    assert_non_null(strstr(bk->diags.items[0].message, message));
}

#define KEYS_TRACKER(fmt)                                                                          \
    {1, 1, fmt}, {2, 1, "plan"}, {2, 2, "p"}, {3, 1, "version"}, {3, 2, "1.0"}, {4, 1, "lang"},    \
        {4, 2, "es"}, {5, 1, "member"}, {5, 2, "PE"}, {6, 1, "built"}, {6, 2, "2024-05-01"},       \
        {7, 1, "tracker"}, {7, 2, "Seguimiento"}, {8, 1, "rows"}, {8, 2, "3"},                     \
    {                                                                                              \
        9, 1, "fingerprint"                                                                        \
    }

static void test_version3_packed(void **state)
{
    (void)state;
    struct book bk;
    const struct cell cells[] = {
        KEYS_TRACKER("workplan-tracker/3"),
        {10, 1,
         "ECO-01,00000000000000aa,2024-03-01,00000000000000bb;ECO-02,00000000000000cc,,"
         "00000000000000dd"},
        {11, 1, "ECO-03,00000000000000ee,,00000000000000ff"},
    };
    assert_int_equal(read_book(&bk, &wp_tracker_hidden, cells, N(cells), 9, NULL), WP_OK);
    assert_string_equal(bk.h.format->name, "workplan-tracker/3");
    assert_string_equal(wp_import_hidden_value(&bk.h, "member"), "PE");
    assert_string_equal(wp_import_hidden_value(&bk.h, "tracker"), "Seguimiento");
    assert_int_equal(bk.h.n_records, 3);
    const struct wp_hidden_record *r = wp_strmap_get(&bk.h.by_key, "ECO-01");
    assert_non_null(r);
    assert_int_equal(r->field[1].hex, 0xaa);
    assert_true(r->field[2].set);
    assert_int_equal(r->field[2].date.month, 3);
    assert_int_equal(r->field[3].hex, 0xbb);
    r = wp_strmap_get(&bk.h.by_key, "ECO-02");
    assert_false(r->field[2].set);
    assert_int_equal(r->field[3].hex, 0xdd);
    assert_string_equal(bk.h.records[2].key, "ECO-03");
    assert_int_equal(bk.h.records[2].row, 11);
    assert_int_equal(bk.diags.n, 0);
    close_book(&bk);
}

/* workplan-tracker/1: a record a row, a field a column; D absent in workbooks before issue 21. */
static void test_tracker_format1(void **state)
{
    (void)state;
    struct book bk;
    const struct cell cells[] = {
        KEYS_TRACKER("workplan-tracker/1"),
        {10, 1, "ECO-01"},
        {10, 2, "00000000000000aa"},
        {10, 3, "2024-03-01"},
        {11, 1, "ECO-02"},
        {11, 2, "00000000000000cc"},
    };
    assert_int_equal(read_book(&bk, &wp_tracker_hidden, cells, N(cells), 9, NULL), WP_OK);
    assert_int_equal(bk.h.n_records, 2);
    assert_int_equal(bk.h.records[0].field[1].hex, 0xaa);
    assert_int_equal(bk.h.records[0].field[2].date.day, 1);
    assert_false(bk.h.records[0].field[3].set);
    assert_string_equal(bk.h.records[1].key, "ECO-02");
    close_book(&bk);
}

/* workplan-indicators/2: packed from row 8, a blank row after the fingerprint. */
static void test_indicators_format2(void **state)
{
    (void)state;
    struct book bk;
    const struct cell cells[] = {
        {1, 1, "workplan-indicators/2"},
        {2, 1, "plan"},
        {2, 2, "p"},
        {3, 1, "member"},
        {4, 1, "sheet"},
        {4, 2, "Indicators"},
        {5, 1, "rows"},
        {5, 2, "2"},
        {6, 1, "fingerprint"},
        {8, 1, "ECO-01/A,00000000000000aa,2024-03-01,12.5;ECO-01/B,00000000000000bb,,"},
    };
    assert_int_equal(read_book(&bk, &wp_indicators_hidden, cells, N(cells), 6, NULL), WP_OK);
    assert_string_equal(wp_import_hidden_value(&bk.h, "sheet"), "Indicators");
    assert_string_equal(wp_import_hidden_value(&bk.h, "member"), "");
    assert_int_equal(bk.h.n_records, 2);
    assert_true(bk.h.records[0].field[3].set);
    assert_true(bk.h.records[0].field[3].num == 12.5);
    assert_false(bk.h.records[1].field[3].set);
    close_book(&bk);
}

static void test_refusals(void **state)
{
    (void)state;
    struct book bk;
    /* a record short of a field */
    const struct cell short_record[] = {
        KEYS_TRACKER("workplan-tracker/3"),
        {10, 1, "ECO-01,00000000000000aa,2024-03-01"},
    };
    assert_int_equal(read_book(&bk, &wp_tracker_hidden, short_record, N(short_record), 9, NULL),
                     WP_ERR_INVALID);
    assert_refused(&bk, "_workplan!A10", "unreadable record of the hidden sheet '_workplan'");
    close_book(&bk);
    /* a fingerprint that is no fingerprint */
    const struct cell bad_hex[] = {
        KEYS_TRACKER("workplan-tracker/3"),
        {10, 1, "ECO-01,0000000000000zaa,,00000000000000bb"},
    };
    assert_int_equal(read_book(&bk, &wp_tracker_hidden, bad_hex, N(bad_hex), 9, NULL),
                     WP_ERR_INVALID);
    assert_refused(&bk, "_workplan!A10", "unreadable record");
    close_book(&bk);
    /* a format nobody wrote */
    const struct cell future[] = {KEYS_TRACKER("workplan-tracker/9")};
    assert_int_equal(read_book(&bk, &wp_tracker_hidden, future, N(future), 9, NULL),
                     WP_ERR_INVALID);
    assert_refused(&bk, "_workplan!A1",
                   "unknown tracker format 'workplan-tracker/9', expected 'workplan-tracker/3'");
    close_book(&bk);
    /* a cell changed after export */
    const struct cell ok[] = {KEYS_TRACKER("workplan-tracker/3")};
    assert_int_equal(read_book(&bk, &wp_tracker_hidden, ok, N(ok), 9, "0123456789abcdef"),
                     WP_ERR_INVALID);
    assert_refused(&bk, "_workplan!B9", "was changed after export");
    close_book(&bk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version3_packed),
        cmocka_unit_test(test_tracker_format1),
        cmocka_unit_test(test_indicators_format2),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
