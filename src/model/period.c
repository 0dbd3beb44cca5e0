#include <stdio.h>
#include <string.h>

#include "workplan/model.h"

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool wp_date_is_valid(struct wp_date d)
{
    return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= days_in_month(d.year, d.month);
}

/* Reads exactly n digits; -1 when any is not a digit. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int wp_date_parse(const char *s, struct wp_date *out)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    struct wp_date d = {digits(s, 4), digits(s + 5, 2), digits(s + 8, 2)};
    if (d.year < 0 || d.month < 0 || d.day < 0 || !wp_date_is_valid(d))
        return -1;
    *out = d;
    return 0;
}

int wp_period_parse(const char *s, struct wp_period *out)
{
    if (!s)
        return -1;
    size_t len = strlen(s);
    int year = len >= 4 ? digits(s, 4) : -1;
    if (year < 1)
        return -1;
    struct wp_period p = {.year = year, .pos = out->pos};
    if (len == 4) {
        p.kind = WP_PERIOD_YEAR;
    } else if (len == 7 && s[4] == '-' && (s[5] == 'H' || s[5] == 'Q')) {
        int part = digits(s + 6, 1);
        p.kind = s[5] == 'H' ? WP_PERIOD_HALF : WP_PERIOD_QUARTER;
        if (part < 1 || part > (s[5] == 'H' ? 2 : 4))
            return -1;
        p.part = part;
    } else if (len == 7 && s[4] == '-') {
        int month = digits(s + 5, 2);
        if (month < 1 || month > 12)
            return -1;
        p.kind = WP_PERIOD_MONTH;
        p.part = month;
    } else if (len == 10) {
        struct wp_date d;
        if (wp_date_parse(s, &d))
            return -1;
        p.kind = WP_PERIOD_DAY;
        p.part = d.month;
        p.day = d.day;
    } else {
        return -1;
    }
    *out = p;
    return 0;
}

/* The first and last month of a token's span. */
static void span_months(const struct wp_period *p, int *first, int *last)
{
    switch (p->kind) {
    case WP_PERIOD_YEAR:
        *first = 1, *last = 12;
        return;
    case WP_PERIOD_HALF:
        *first = p->part == 2 ? 7 : 1, *last = *first + 5;
        return;
    case WP_PERIOD_QUARTER:
        *first = (p->part - 1) * 3 + 1, *last = *first + 2;
        return;
    case WP_PERIOD_MONTH:
    case WP_PERIOD_DAY:
        *first = *last = p->part;
        return;
    }
    *first = 1, *last = 12;
}

struct wp_date wp_period_first_day(const struct wp_period *p)
{
    int first, last;
    span_months(p, &first, &last);
    return (struct wp_date){p->year, first, p->kind == WP_PERIOD_DAY ? p->day : 1};
}

struct wp_date wp_period_last_day(const struct wp_period *p)
{
    int first, last;
    span_months(p, &first, &last);
    if (p->kind == WP_PERIOD_DAY)
        return (struct wp_date){p->year, last, p->day};
    return (struct wp_date){p->year, last, p->year > 0 ? days_in_month(p->year, last) : 31};
}

/* Howard Hinnant's days_from_civil. */
int64_t wp_date_serial(struct wp_date d)
{
    int64_t y = d.year - (d.month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = (d.month + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct wp_date wp_date_from_serial(int64_t z)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int day = (int)(doy - (153 * mp + 2) / 5 + 1);
    int month = (int)(mp < 10 ? mp + 3 : mp - 9);
    int year = (int)(yoe + era * 400 + (month <= 2));
    return (struct wp_date){year, month, day};
}

int wp_date_cmp(struct wp_date a, struct wp_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

void wp_date_iso(struct wp_date d, char buf[static 11])
{
    unsigned y = (unsigned)d.year % 10000, m = (unsigned)d.month % 100, day = (unsigned)d.day % 100;
    snprintf(buf, 11, "%04u-%02u-%02u", y, m, day);
}

int wp_date_quarter_index(int period_from, struct wp_date d)
{
    return (d.year - period_from) * 4 + (d.month - 1) / 3;
}
