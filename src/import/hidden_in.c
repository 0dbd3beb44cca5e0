/*
 * A hidden sheet of a returned workbook, read in any format it may carry
 * (columns.h: version 3, and the older ones a released workbook holds):
 * proved whole by its fingerprint, then its keys and records, each field
 * checked as the layout says.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import_internal.h"
#include "load/input.h"

/* Whether every cell is as exported: the fingerprint in B<fp_row> covers every other cell. */
static enum wp_error hidden_intact(struct wp_import_ctx *ctx, const struct wp_xlsxr_sheet *meta,
                                   const char *name, unsigned fp_row)
{
    uint64_t h = WP_META_FINGERPRINT_SEED, want;
    char b[32], cell[80];
    for (size_t i = 0; i < meta->n_cells; i++) {
        const struct wp_xlsxr_cell *c = &meta->cells[i];
        if (c->row != fp_row || c->col != 2)
            h = wp_meta_fingerprint_add(h, c->row, c->col, wp_import_cell_text(c, b));
    }
    const char *stored = wp_import_cell_text(wp_xlsxr_cell_at(meta, fp_row, 2), b);
    if (wp_import_parse_hex64(stored, &want) && want == h)
        return WP_OK;
    snprintf(cell, sizeof cell, "%s!B%u", name, fp_row);
    if (!wp_xlsxr_cell_at(meta, fp_row, 1) && !*stored)
        return wp_import_refuse(ctx->diags, ctx->path, WP_DIAG_WORKBOOK, cell,
                                "the hidden sheet '%s' has no fingerprint (made by an older "
                                "workplan, or edited); export the workbook again",
                                name);
    return wp_import_refuse(ctx->diags, ctx->path, WP_DIAG_WORKBOOK, cell,
                            "the hidden sheet '%s' was changed after export (its fingerprint "
                            "does not match); export the workbook again",
                            name);
}

/* The keys' values, by the key in A (every format keeps them from A2 to the fingerprint). */
static void read_keys(struct wp_import_ctx *ctx, struct wp_hidden_in *h)
{
    const struct wp_hidden_layout *l = h->layout;
    char b[32];
    for (unsigned k = 0; k <= l->n_keys; k++)
        h->values[k] = "";
    for (unsigned r = 2; r < h->format->fingerprint_row; r++) {
        const char *key = wp_import_cell_text(wp_xlsxr_cell_at(h->sheet, r, 1), b);
        for (unsigned k = 0; k <= l->n_keys; k++)
            if (strcmp(key, k < l->n_keys ? l->keys[k] : "rows") == 0)
                h->values[k] = wp_arena_strdup(
                    &ctx->x->arena, wp_import_cell_text(wp_xlsxr_cell_at(h->sheet, r, 2), b));
    }
}

/* One field as its kind says; false when it is not one. */
static bool read_field(enum wp_hidden_field kind, const char *text, struct wp_hidden_value *v)
{
    char *end = NULL;
    v->set = *text != '\0';
    switch (kind) {
    case WP_HF_KEY:
        return v->set;
    case WP_HF_HEX:
        return wp_import_parse_hex64(text, &v->hex);
    case WP_HF_HEX_OPT:
        return !v->set || wp_import_parse_hex64(text, &v->hex);
    case WP_HF_DATE:
        return !v->set || wp_date_parse(text, &v->date) == 0;
    case WP_HF_NUMBER:
        if (v->set)
            v->num = strtod(text, &end);
        return !v->set || (end != text && *end == '\0');
    }
    return false;
}

/* A record from its fields' texts (n of them); false when one is unreadable. */
static bool add_record(struct wp_hidden_in *h, unsigned row, char *const *texts, unsigned n,
                       size_t *cap)
{
    const struct wp_hidden_layout *l = h->layout;
    struct wp_hidden_record rec = {.key = texts[0], .row = row};
    if (n > l->n_fields)
        return false;
    for (unsigned k = 0; k < l->n_fields; k++)
        if (!read_field(l->fields[k], k < n ? texts[k] : "", &rec.field[k]))
            return false;
    WP_GROW(h->records, *cap, h->n_records + 1);
    h->records[h->n_records++] = rec;
    return true;
}

/* Packed: "F1,F2,..;F1,F2,.." in one cell (text copied, then cut in place). */
static bool read_packed(struct wp_import_ctx *ctx, struct wp_hidden_in *h,
                        const struct wp_xlsxr_cell *c, size_t *cap)
{
    char *rec = wp_arena_strdup(&ctx->x->arena, c->text);
    while (rec) {
        char *next = strchr(rec, WP_HIDDEN_RECORD_SEP);
        if (next)
            *next++ = '\0';
        char *f[WP_HIDDEN_MAX_FIELDS + 1] = {rec};
        unsigned n = 1;
        for (char *p = strchr(rec, WP_HIDDEN_FIELD_SEP); p && n <= WP_HIDDEN_MAX_FIELDS;
             p = strchr(p, WP_HIDDEN_FIELD_SEP)) {
            *p++ = '\0';
            f[n++] = p;
        }
        /* every field is written, even an empty one */
        if (n != h->layout->n_fields || !add_record(h, c->row, f, n, cap))
            return false;
        rec = next;
    }
    return true;
}

/* A record a row, a field a column from A (the older formats). */
static bool read_row(struct wp_import_ctx *ctx, struct wp_hidden_in *h,
                     const struct wp_xlsxr_cell *c, size_t *cap)
{
    char b[32];
    char *f[WP_HIDDEN_MAX_FIELDS] = {0};
    for (unsigned k = 0; k < h->layout->n_fields; k++)
        f[k] = wp_arena_strdup(&ctx->x->arena,
                               wp_import_cell_text(wp_xlsxr_cell_at(h->sheet, c->row, k + 1), b));
    return add_record(h, c->row, f, h->layout->n_fields, cap);
}

static enum wp_error read_records(struct wp_import_ctx *ctx, struct wp_hidden_in *h)
{
    size_t cap = 0;
    const struct wp_xlsxr_sheet *s = h->sheet;
    for (size_t i = 0; i < s->n_cells; i++) {
        const struct wp_xlsxr_cell *c = &s->cells[i];
        if (c->row < h->format->first_record_row || c->col != 1)
            continue;
        bool ok = c->type == WP_XCELL_TEXT &&
                  (h->format->packed ? read_packed(ctx, h, c, &cap) : read_row(ctx, h, c, &cap));
        if (!ok) {
            char cell[40];
            snprintf(cell, sizeof cell, "%s!A%u", s->name, c->row);
            return wp_import_refuse(ctx->diags, ctx->path, WP_DIAG_WORKBOOK, cell,
                                    "unreadable record of the hidden sheet '%s'", s->name);
        }
    }
    for (size_t i = 0; i < h->n_records; i++)
        wp_strmap_put(&h->by_key, h->records[i].key, &h->records[i]);
    return WP_OK;
}

enum wp_error wp_import_hidden_read(struct wp_import_ctx *ctx, const struct wp_hidden_layout *l,
                                    struct wp_hidden_in *h)
{
    *h = (struct wp_hidden_in){.layout = l};
    wp_strmap_init(&h->by_key);
    h->sheet = wp_xlsxr_sheet_find(ctx->x, l->sheet);
    if (!h->sheet)
        return WP_OK;
    enum wp_error err = wp_xlsxr_sheet_load(ctx->x, h->sheet);
    if (err)
        return err;
    char b[32], cell[80];
    const char *name = wp_import_cell_text(wp_xlsxr_cell_at(h->sheet, 1, 1), b);
    h->format = wp_hidden_format_find(l, name);
    if (!h->format) {
        snprintf(cell, sizeof cell, "%s!A1", l->sheet);
        return wp_import_refuse(ctx->diags, ctx->path, WP_DIAG_WORKBOOK, cell,
                                "unknown %s format '%s', expected '%s'", l->what, name,
                                l->formats[0].name);
    }
    err = hidden_intact(ctx, h->sheet, l->sheet, h->format->fingerprint_row);
    if (err)
        return err;
    read_keys(ctx, h);
    return read_records(ctx, h);
}

const char *wp_import_hidden_value(const struct wp_hidden_in *h, const char *key)
{
    for (unsigned k = 0; k < h->layout->n_keys; k++)
        if (strcmp(h->layout->keys[k], key) == 0)
            return h->values[k];
    return "";
}

void wp_import_hidden_release(struct wp_hidden_in *h)
{
    wp_strmap_release(&h->by_key);
    free(h->records);
    h->records = NULL;
    h->n_records = 0;
}
