/* What a Value cell holds besides a plain number: a date, or a percentage typed as text. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "import/import_value.h"
#include "workplan/model.h"
#include "xlsx/columns.h"

/* 1 to max digits at *p; returns how many. */
static size_t digits(const char *p, size_t max)
{
    size_t n = 0;
    while (n < max && isdigit((unsigned char)p[n]))
        n++;
    return n;
}

/* `7/1`, `1/7/2025`, `2025-07-01`, `2025/7/1`: digits joined by one kind of '/' or '-'. */
static bool looks_like_date(const char *s)
{
    while (*s == ' ')
        s++;
    size_t n = digits(s, 4);
    if (!n || (s[n] != '/' && s[n] != '-'))
        return false;
    char sep = s[n];
    int parts = 1;
    const char *p = s + n;
    while (*p == sep && parts < 3) {
        size_t k = digits(p + 1, 4);
        if (!k)
            return false;
        p += 1 + k;
        parts++;
    }
    while (*p == ' ')
        p++;
    return *p == '\0';
}

/* `25%`, ` 25 % `, `12.5%`: one number, then '%'. */
static bool percent_text(const char *s, double *out)
{
    char *end;
    while (*s == ' ')
        s++;
    if (!*s || strchr("+-.0123456789", *s) == NULL)
        return false;
    double v = strtod(s, &end);
    if (end == s || !isfinite(v))
        return false;
    while (*end == ' ')
        end++;
    if (*end != '%')
        return false;
    end++;
    while (*end == ' ')
        end++;
    if (*end)
        return false;
    *out = v;
    return true;
}

enum wp_value_kind wp_import_value_kind(const struct wp_xlsxr_cell *c, double *percent)
{
    if (c->type == WP_XCELL_NUMBER)
        return c->is_date ? WP_VALUE_DATE : WP_VALUE_OTHER;
    if (c->type != WP_XCELL_TEXT || !c->text)
        return WP_VALUE_OTHER;
    if (looks_like_date(c->text))
        return WP_VALUE_DATE;
    return percent_text(c->text, percent) ? WP_VALUE_PERCENT : WP_VALUE_OTHER;
}

bool wp_import_unit_is_percent(const char *unit)
{
    if (!unit)
        return false;
    while (*unit == ' ')
        unit++;
    if (*unit != '%')
        return false;
    unit++;
    while (*unit == ' ')
        unit++;
    return *unit == '\0';
}

/* As the exporter writes it (xlsx_indicators.c): to two decimals. */
static double expected_value(const struct wp_indicator *ind, struct wp_date built)
{
    double share = wp_indicator_expected_share(ind, built);
    double v = ind->baseline + share * (ind->target - ind->baseline);
    return round(v * 100) / 100;
}

int wp_import_derived_changed(const struct wp_indicator *ind, struct wp_date built,
                              const struct wp_xlsxr_cell *expected,
                              const struct wp_xlsxr_cell *on_track)
{
    /* typed over; a cleared cell cannot be told from a formula showing "" */
    if (on_track && !on_track->has_formula)
        return WP_ICOL_ON_TRACK;
    if (!built.year)
        return -1;
    if (!expected || expected->type != WP_XCELL_NUMBER ||
        fabs(expected->num - expected_value(ind, built)) > 0.005)
        return WP_ICOL_EXPECTED;
    return -1;
}
