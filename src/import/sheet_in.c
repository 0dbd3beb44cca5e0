/*
 * What the import of every sheet of a returned workbook shares: how a cell
 * is read, how it is named in a diagnostic, how a workbook is refused, and
 * how a hidden sheet proves it is as exported.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import_internal.h"
#include "load/input.h"
#include "xlsx/columns.h"
#include "xlsx/xlsx_text.h"

/* ---- reading cells, as every sheet reads them -------------------------------- */

/* The cell as text: strings as they are, numbers in their shortest form. */
const char *wp_import_cell_text(const struct wp_xlsxr_cell *c, char buf[static 32])
{
    if (!c)
        return "";
    if (c->type == WP_XCELL_TEXT || c->type == WP_XCELL_ERROR)
        return c->text;
    if (c->type == WP_XCELL_FORMULA)
        return "";
    if (c->type == WP_XCELL_BOOL)
        return c->num != 0 ? "TRUE" : "FALSE";
    snprintf(buf, 32, "%.15g", c->num);
    return buf;
}

/* s without leading and trailing blanks, copied into b. */
const char *wp_import_trimmed(struct wp_buf *b, const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    wp_buf_reset(b);
    wp_buf_add(b, s, n);
    wp_buf_addc(b, '\0');
    return b->data;
}

bool wp_import_parse_hex64(const char *hex, uint64_t *out)
{
    char *end;
    if (strlen(hex) != 16 || strspn(hex, "0123456789abcdef") != 16)
        return false;
    *out = strtoull(hex, &end, 16);
    return *end == '\0';
}

bool wp_import_read_date(const struct wp_xlsxr *x, const struct wp_xlsxr_cell *c,
                         struct wp_date *out)
{
    if (c->type == WP_XCELL_NUMBER)
        return wp_xlsxr_serial_to_date(c->num, x->date1904, out) == 0;
    if (c->type != WP_XCELL_TEXT)
        return false;
    struct wp_buf b = WP_BUF_INIT;
    bool ok = wp_date_parse(wp_import_trimmed(&b, c->text), out) == 0;
    wp_buf_release(&b);
    return ok;
}

bool wp_import_text_matches(const struct wp_text *t, const char *s)
{
    if (t->plain)
        return strcmp(t->plain, s) == 0;
    for (size_t i = 0; i < t->n_items; i++)
        if (t->items[i].value && strcmp(t->items[i].value, s) == 0)
            return true;
    return false;
}

/* UTF-16 code units, the unit of Excel's cell limit: 2 for a character past U+FFFF. */
size_t wp_import_utf16_units(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            n += *p >= 0xF0 ? 2 : 1;
    return n;
}

/*
 * s without the characters a progress file cannot hold (control characters
 * but tab and line breaks, non-characters): invisible in a cell, refused by
 * the loader even as escapes. *first is the first one dropped, 0 for none.
 */
const char *wp_import_printable_copy(struct wp_arena *arena, const char *s, uint32_t *first)
{
    size_t len = strlen(s), n = 0;
    char *out = wp_arena_strdup(arena, s);
    *first = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = wp_utf8_decode(s + i, len - i, &cp);
        if (wp_input_printable(cp)) {
            memcpy(out + n, s + i, k);
            n += k;
        } else if (!*first) {
            *first = cp;
        }
        i += k;
    }
    out[n] = '\0';
    return out;
}

bool wp_import_is_label(const char *text, enum wp_label label, const char *lang)
{
    if (lang && strcmp(text, wp_label(lang, label)) == 0)
        return true;
    for (size_t l = 0; l < wp_label_n_languages(); l++)
        if (strcmp(text, wp_label(wp_label_language(l), label)) == 0)
            return true;
    return false;
}

struct wp_xlsxr_sheet *wp_import_sheet_by_label(struct wp_xlsxr *x, enum wp_label label)
{
    struct wp_xlsxr_sheet *sheet = NULL;
    for (size_t l = 0; !sheet && l < wp_label_n_languages(); l++)
        sheet = wp_xlsxr_sheet_find(x, wp_label(wp_label_language(l), label));
    return sheet;
}

enum wp_error wp_import_find_sheet(struct wp_diags *diags, const char *path, struct wp_xlsxr *x,
                                   const char *name, enum wp_label label, const char *what,
                                   struct wp_xlsxr_sheet **sheet, char *ref, size_t ref_size)
{
    *sheet = *name ? wp_xlsxr_sheet_find(x, name) : NULL;
    if (!*sheet)
        *sheet = wp_import_sheet_by_label(x, label);
    if (!*sheet)
        return wp_import_refuse(diags, path, WP_DIAG_WORKBOOK, NULL, "%s sheet '%s' is missing",
                                what, name);
    wp_import_sheet_ref((*sheet)->name, ref, ref_size);
    return wp_xlsxr_sheet_load(x, *sheet);
}

void wp_import_sheet_ref(const char *name, char *buf, size_t size)
{
    bool plain = true;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || (unsigned char)*p >= 0x80))
            plain = false;
    snprintf(buf, size, plain ? "%s!" : "'%s'!", name);
}

/* ---- diagnostics and refusals ----------------------------------------------- */

void wp_import_cell_diag(struct wp_diags *diags, const char *path, const char *sheet_ref,
                         enum wp_severity sev, enum wp_diag_code code, unsigned row, unsigned col,
                         const char *fmt, ...)
{
    char msg[768], ref[16], cell[100];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    wp_xlsxr_ref_format(row, col, ref);
    snprintf(cell, sizeof cell, "%s%s", sheet_ref, ref);
    wp_diags_add_cell(diags, sev, code, path, cell, "%s", msg);
}

enum wp_error wp_import_refuse(struct wp_diags *diags, const char *path, enum wp_diag_code code,
                               const char *cell, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (cell)
        wp_diags_add_cell(diags, WP_SEV_ERROR, code, path, cell, "%s", msg);
    else
        wp_diags_add(diags, WP_SEV_ERROR, code, path, (struct wp_pos){0, 0}, "%s", msg);
    return WP_ERR_INVALID;
}

/* ---- rows --------------------------------------------------------------------------- */

static bool ignored(const struct wp_import_rows_spec *spec, unsigned c)
{
    return spec->ignored && spec->ignored[c];
}

static bool present(const struct wp_import_rows_spec *spec, const struct wp_xlsxr_cell *cell,
                    struct wp_buf *tmp)
{
    /* a text of blanks is an empty cell: a person who "cleared" it with a space wrote nothing */
    return !spec->blank_is_empty || cell->type != WP_XCELL_TEXT ||
           *wp_import_trimmed(tmp, cell->text);
}

/* Each row's key; a key given twice marks both rows. */
static void mark_keys(struct wp_xlsxr *x, struct wp_import_row *rows, size_t n, struct wp_buf *tmp)
{
    struct wp_strmap seen;
    wp_strmap_init(&seen);
    for (size_t i = 0; i < n; i++) {
        char b[32];
        const char *key = wp_import_trimmed(tmp, wp_import_cell_text(rows[i].cells[0], b));
        if (!*key)
            continue;
        rows[i].key = wp_arena_strdup(&x->arena, key);
        struct wp_import_row *first = wp_strmap_put(&seen, rows[i].key, &rows[i]);
        if (first) {
            first->duplicate = rows[i].duplicate = true;
            rows[i].first_row = first->first_row = first->first_row ? first->first_row : first->r;
        }
    }
    wp_strmap_release(&seen);
}

struct wp_import_row *wp_import_gather_rows(struct wp_xlsxr *x, const struct wp_xlsxr_sheet *s,
                                            const struct wp_import_rows_spec *spec, size_t *n_out)
{
    struct wp_import_row *rows = NULL;
    size_t n = 0, cap = 0;
    struct wp_buf tmp = WP_BUF_INIT;
    /* cells are sorted by row, then column */
    for (size_t i = 0; i < s->n_cells;) {
        unsigned r = s->cells[i].row;
        size_t j = i;
        while (j < s->n_cells && s->cells[j].row == r)
            j++;
        struct wp_import_row row = {.r = r};
        bool any = false;
        for (size_t k = i; r >= 2 && k < j; k++)
            for (unsigned c = 0; c < spec->n_cols; c++)
                if (s->cells[k].col == spec->colmap[c] && present(spec, &s->cells[k], &tmp)) {
                    row.cells[c] = &s->cells[k]; /* ignored ones too: checked, not imported */
                    any |= !ignored(spec, c);
                }
        if (any) {
            WP_GROW(rows, cap, n + 1);
            rows[n++] = row;
        }
        i = j;
    }
    mark_keys(x, rows, n, &tmp);
    wp_buf_release(&tmp);
    *n_out = n;
    return rows;
}

enum wp_import_outcome wp_import_row_key(struct wp_diags *diags, const char *path,
                                         const char *sheet_ref,
                                         const struct wp_import_rows_spec *spec,
                                         const struct wp_import_row *row)
{
    if (!row->key) {
        for (unsigned c = 0; c < spec->n_cols; c++)
            if (row->cells[c] && !ignored(spec, c)) {
                wp_import_cell_diag(diags, path, sheet_ref, WP_SEV_ERROR, WP_DIAG_BAD_CELL, row->r,
                                    spec->colmap[0], "row has no %s id; row not imported",
                                    spec->what);
                return WP_ROW_REFUSED;
            }
        return WP_ROW_EMPTY;
    }
    if (row->duplicate) {
        wp_import_cell_diag(diags, path, sheet_ref, WP_SEV_ERROR, WP_DIAG_DUPLICATE_ROW, row->r,
                            spec->colmap[0],
                            "%s '%s' is given twice (rows %u and %u); neither row imported",
                            spec->what, row->key, row->first_row, row->r);
        return WP_ROW_REFUSED;
    }
    return WP_ROW_TAKEN;
}

bool wp_import_note_ok(struct wp_diags *diags, const char *path, const char *sheet_ref, unsigned r,
                       unsigned col, const char *note, uint32_t dropped)
{
    /* a cell holds at most 32,767 UTF-16 units; only a changed note can be longer */
    if (wp_import_utf16_units(note) > WP_XLSX_MAX_CELL_CHARS) {
        wp_import_cell_diag(diags, path, sheet_ref, WP_SEV_ERROR, WP_DIAG_BAD_CELL, r, col,
                            "note is longer than a cell may hold (%d characters)",
                            WP_XLSX_MAX_CELL_CHARS);
        return false;
    }
    /* what the progress file cannot hold is dropped, with a warning */
    if (dropped)
        wp_import_cell_diag(diags, path, sheet_ref, WP_SEV_WARNING, WP_DIAG_BAD_CELL, r, col,
                            "note: invisible control character U+%04X dropped (a progress file "
                            "cannot hold it)",
                            (unsigned)dropped);
    return true;
}

void wp_import_count(struct wp_import_result *res, enum wp_import_outcome o)
{
    res->taken += o == WP_ROW_TAKEN;
    res->unchanged += o == WP_ROW_UNCHANGED;
    res->refused += o == WP_ROW_REFUSED;
    res->superseded += o == WP_ROW_SUPERSEDED;
}

/* ---- the progress file's updates by activity ---------------------------------------- */

void wp_update_index_init(struct wp_update_index *idx, const struct wp_progress *p)
{
    idx->progress = p;
    idx->next = NULL;
    wp_strmap_init(&idx->heads);
    if (!p || !p->n_updates)
        return;
    idx->next = wp_xcalloc(p->n_updates, sizeof *idx->next);
    for (size_t i = p->n_updates; i-- > 0;) {
        const char *id = p->updates[i].activity;
        if (!id)
            continue;
        idx->next[i] = (size_t)(uintptr_t)wp_strmap_get(&idx->heads, id);
        wp_strmap_set(&idx->heads, id, (void *)(uintptr_t)(i + 1));
    }
}

void wp_update_index_release(struct wp_update_index *idx)
{
    wp_strmap_release(&idx->heads);
    free(idx->next);
    idx->next = NULL;
}

const struct wp_update *wp_update_index_first(const struct wp_update_index *idx,
                                              const char *activity, size_t *k)
{
    *k = (size_t)(uintptr_t)wp_strmap_get(&idx->heads, activity);
    return *k ? &idx->progress->updates[*k - 1] : NULL;
}

const struct wp_update *wp_update_index_next(const struct wp_update_index *idx, size_t *k)
{
    *k = idx->next[*k - 1];
    return *k ? &idx->progress->updates[*k - 1] : NULL;
}
