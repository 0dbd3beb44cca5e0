/* What the loader fills in beside the public model: the arena and indexes. */
#ifndef WP_MODEL_INTERNAL_H
#define WP_MODEL_INTERNAL_H

#include "util/util.h"
#include "workplan/model.h"
#include "workplan/progress.h"

struct wp_plan_private {
    struct wp_arena arena;
    struct wp_strmap parties;    /* id -> struct wp_party * */
    struct wp_strmap countries;  /* code -> struct wp_country * */
    struct wp_strmap activities; /* id -> struct wp_activity * (first of a duplicate) */
    struct wp_strmap areas;      /* id -> struct wp_area * */
};

struct wp_progress_private {
    struct wp_arena arena;
};

/* Allocates an empty plan with its arena. */
struct wp_plan *wp_plan_new(void);
/* Builds the id indexes and the flat activity list; call once after loading. */
void wp_plan_index(struct wp_plan *plan);

struct wp_progress *wp_progress_new(void);

#endif
