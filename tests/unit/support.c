#include <stdio.h>
#include <string.h>

#include "support.h"

void load_strings(struct loaded *l, const char *plan_yaml, const char *progress_yaml)
{
    memset(l, 0, sizeof(*l));
    wp_diags_init(&l->diags);
    assert_int_equal(wp_plan_load_buffer("plan.yaml", plan_yaml, strlen(plan_yaml), NULL,
                                         &l->plan, &l->diags),
                     WP_OK);
    if (progress_yaml)
        assert_int_equal(wp_progress_load_buffer("progress.yaml", progress_yaml,
                                                 strlen(progress_yaml), NULL, &l->progress,
                                                 &l->diags),
                         WP_OK);
    wp_progress_apply(l->plan, l->progress);
    struct wp_check_options o = {.today = {0, 0, 0}};
    wp_check(l->plan, l->progress, &o, &l->diags);
}

void loaded_release(struct loaded *l)
{
    wp_plan_free(l->plan);
    wp_progress_free(l->progress);
    wp_diags_release(&l->diags);
}

const struct wp_diag *find_diag(const struct wp_diags *d, enum wp_diag_code code)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].code == code)
            return &d->items[i];
    return NULL;
}

void dump_diags(const struct wp_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        char buf[512];
        wp_diag_format(&d->items[i], buf, sizeof(buf));
        fprintf(stderr, "  [%s] %s\n", wp_diag_code_name(d->items[i].code), buf);
    }
}

bool has_diag_at(const struct wp_diags *d, enum wp_diag_code code, unsigned line, unsigned col)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].code == code && d->items[i].pos.line == line &&
            d->items[i].pos.col == col)
            return true;
    fprintf(stderr, "expected [%s] at %u:%u; got:\n", wp_diag_code_name(code), line, col);
    dump_diags(d);
    return false;
}
