#include <stdio.h>
#include <string.h>

#include "xlsx/columns.h"

/* Widths are Excel character units, chosen for a landscape A4 print of the editable part. */
const struct wp_tracker_column wp_tracker_columns[WP_COL_COUNT] = {
    {WP_COL_ID, WP_L_ID, WP_CELL_TEXT, false, 10},
    {WP_COL_AREA, WP_L_AREA, WP_CELL_TEXT, false, 22},
    {WP_COL_TITLE, WP_L_TITLE, WP_CELL_TEXT, false, 46},
    {WP_COL_LEAD, WP_L_LEAD, WP_CELL_TEXT, false, 20},
    {WP_COL_PARTNERS, WP_L_PARTNERS, WP_CELL_TEXT, false, 24},
    {WP_COL_START, WP_L_START, WP_CELL_DATE, false, 12},
    {WP_COL_END, WP_L_END, WP_CELL_DATE, false, 12},
    {WP_COL_STATUS, WP_L_STATUS, WP_CELL_STATUS, true, 15},
    {WP_COL_PROGRESS, WP_L_PROGRESS_PCT, WP_CELL_PERCENT, true, 11},
    {WP_COL_UPDATED, WP_L_LAST_UPDATE, WP_CELL_DATE, true, 13},
    {WP_COL_REPORTED_BY, WP_L_REPORTED_BY, WP_CELL_TEXT, true, 24},
    {WP_COL_NOTE, WP_L_NOTE, WP_CELL_TEXT, true, 60},
};

const struct wp_indicator_column wp_indicator_columns[WP_ICOL_COUNT] = {
    {WP_ICOL_REF, WP_L_ID, WP_IND_LOCKED, 24},
    {WP_ICOL_ACTIVITY, WP_L_ACTIVITY, WP_IND_LOCKED, 30},
    {WP_ICOL_TEXT, WP_L_RES_INDICATOR, WP_IND_LOCKED, 34},
    {WP_ICOL_UNIT, WP_L_RES_UNIT, WP_IND_LOCKED, 12},
    {WP_ICOL_BASELINE, WP_L_RES_BASELINE, WP_IND_LOCKED, 10},
    {WP_ICOL_TARGET, WP_L_RES_TARGET, WP_IND_LOCKED, 10},
    {WP_ICOL_BY, WP_L_IND_BY, WP_IND_LOCKED, 12},
    {WP_ICOL_EXPECTED, WP_L_IND_EXPECTED, WP_IND_DERIVED, 11},
    {WP_ICOL_VALUE, WP_L_IND_VALUE, WP_IND_EDITABLE, 11},
    {WP_ICOL_DATE, WP_L_IND_DATE, WP_IND_EDITABLE, 13},
    {WP_ICOL_NOTE, WP_L_NOTE, WP_IND_EDITABLE, 40},
    {WP_ICOL_ON_TRACK, WP_L_RES_ON_TRACK_COL, WP_IND_DERIVED, 11},
};

static uint64_t fnv_add(uint64_t h, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        h ^= *p;
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

uint64_t wp_indicator_fingerprint(const char *const values[WP_ICOL_COUNT])
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    bool first = true;
    for (int i = 0; i < WP_ICOL_COUNT; i++) {
        if (wp_indicator_columns[i].role != WP_IND_LOCKED)
            continue;
        if (!first)
            h = fnv_add(h, "\x1F");
        first = false;
        h = fnv_add(h, values[i]);
    }
    return h;
}

/* FNV-1a 64 over the columns that are (or are not) editable, joined by 0x1F. */
static uint64_t tracker_hash(const char *const values[WP_COL_COUNT], bool editable)
{
    uint64_t h = 0xcbf29ce484222325u;
    const uint64_t prime = 0x100000001b3u;
    bool first = true;
    for (int i = 0; i < WP_COL_COUNT; i++) {
        if (wp_tracker_columns[i].editable != editable)
            continue;
        if (!first) {
            h ^= 0x1F;
            h *= prime;
        }
        first = false;
        for (const unsigned char *p = (const unsigned char *)(values[i] ? values[i] : ""); *p;
             p++) {
            h ^= *p;
            h *= prime;
        }
    }
    return h;
}

uint64_t wp_tracker_fingerprint(const char *const values[WP_COL_COUNT])
{
    return tracker_hash(values, false);
}

uint64_t wp_tracker_edit_fingerprint(const char *const values[WP_COL_COUNT])
{
    return tracker_hash(values, true);
}

uint64_t wp_meta_fingerprint_add(uint64_t h, unsigned row, unsigned col, const char *text)
{
    if (!text || !*text)
        return h;
    char ref[32];
    snprintf(ref, sizeof ref, "%u:%u=", row, col);
    h = fnv_add(h, ref);
    h = fnv_add(h, text);
    h ^= 0x1E;
    return h * UINT64_C(0x100000001b3);
}

size_t wp_tracker_reporter_code(const char *cell, size_t *start)
{
    size_t i = 0;
    if (!cell) {
        *start = 0;
        return 0;
    }
    while (cell[i] == ' ' || cell[i] == '\t')
        i++;
    *start = i;
    size_t n = 0;
    while (cell[i + n] && cell[i + n] != ' ' && cell[i + n] != '\t')
        n++;
    return n;
}

/* Version 3 for a layout of n keys: the keys from A2, "rows", the fingerprint, the records. */
#define WP_HIDDEN_V3(what, n_keys)                                                                 \
    {                                                                                              \
        "workplan-" what "/3", (n_keys) + 3, (n_keys) + 4, true                                    \
    }

static const char *const tracker_keys[] = {"plan", "version", "lang", "member", "built", "tracker"};
static const enum wp_hidden_field tracker_fields[] = {WP_HF_KEY, WP_HF_HEX, WP_HF_DATE,
                                                      WP_HF_HEX_OPT};
static const struct wp_hidden_format tracker_formats[] = {
    WP_HIDDEN_V3("tracker", 6),
    {"workplan-tracker/1", 9, 10, false},
};

static const char *const indicators_keys[] = {"plan", "member", "sheet"};
static const enum wp_hidden_field indicators_fields[] = {WP_HF_KEY, WP_HF_HEX, WP_HF_DATE,
                                                         WP_HF_NUMBER};
static const struct wp_hidden_format indicators_formats[] = {
    WP_HIDDEN_V3("indicators", 3),
    {"workplan-indicators/2", 6, 8, true},
    {"workplan-indicators/1", 6, 8, false},
};

#define COUNT(a) (unsigned)(sizeof(a) / sizeof((a)[0]))

const struct wp_hidden_layout wp_tracker_hidden = {
    WP_META_SHEET,   "tracker",
    tracker_keys,    COUNT(tracker_keys),
    tracker_fields,  COUNT(tracker_fields),
    tracker_formats, COUNT(tracker_formats),
};

const struct wp_hidden_layout wp_indicators_hidden = {
    WP_IND_META_SHEET,  "indicators",
    indicators_keys,    COUNT(indicators_keys),
    indicators_fields,  COUNT(indicators_fields),
    indicators_formats, COUNT(indicators_formats),
};

const struct wp_hidden_format *wp_hidden_format_find(const struct wp_hidden_layout *l,
                                                     const char *name)
{
    for (unsigned k = 0; k < l->n_formats; k++)
        if (strcmp(name, l->formats[k].name) == 0)
            return &l->formats[k];
    return NULL;
}
