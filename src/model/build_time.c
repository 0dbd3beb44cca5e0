#include <errno.h>
#include <stdlib.h>

#include "workplan/build_time.h"

struct wp_date wp_date_from_time(time_t t)
{
    int64_t days = (int64_t)t / 86400;
    if ((int64_t)t % 86400 < 0)
        days--;
    return wp_date_from_serial(days);
}

enum wp_error wp_build_time(const struct wp_plan *plan, const struct wp_progress *progress,
                            const char *source_date_epoch, time_t *out)
{
    if (source_date_epoch && *source_date_epoch) {
        char *end;
        errno = 0;
        long long v = strtoll(source_date_epoch, &end, 10);
        if (errno || *end || v < 0 || source_date_epoch[0] == '-' || source_date_epoch[0] == '+')
            return WP_ERR_ARGUMENT;
        *out = (time_t)v;
        return WP_OK;
    }
    struct wp_date newest = plan->adopted;
    struct wp_date p = wp_progress_newest_date(progress);
    if (p.year && (!newest.year || wp_date_cmp(p, newest) > 0))
        newest = p;
    if (!newest.year)
        newest = (struct wp_date){plan->period_from > 0 ? plan->period_from : 1970, 1, 1};
    *out = (time_t)(wp_date_serial(newest) * 86400);
    if (*out <= 0) /* libxlsxwriter reads 0 as "now" */
        *out = 1;
    return WP_OK;
}
