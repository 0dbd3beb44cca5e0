/*
 * The progress file (`workplan-progress/1`): dated updates kept beside the
 * plan, and the rule that turns them into each activity's current state.
 */
#ifndef WORKPLAN_PROGRESS_H
#define WORKPLAN_PROGRESS_H

#include "model.h"

/* One entry of an update's `indicators:` mapping. */
struct wp_indicator_report {
    const char *id;    /* as written */
    struct wp_pos pos; /* of the key */
    double value;      /* finite */
    struct wp_pos value_pos;
};

struct wp_update {
    struct wp_pos pos; /* of the update's mapping */
    const char *activity;
    struct wp_pos activity_pos;
    struct wp_date date;
    struct wp_pos date_pos;
    bool has_status;
    enum wp_status status;
    struct wp_pos status_pos;
    bool has_progress;
    int progress;
    struct wp_pos progress_pos;
    const char *reported_by; /* NULL when not given */
    struct wp_pos reported_by_pos;
    struct wp_text note; /* unset when not given */
    /* `indicators: {ID: number}`: values of the activity's measured indicators */
    struct wp_indicator_report *indicators;
    size_t n_indicators;
    struct wp_pos indicators_pos;
};

struct wp_progress {
    const char *file;
    const char *format;
    const char *plan_id;
    struct wp_pos plan_id_pos;
    struct wp_update *updates; /* in file order */
    size_t n_updates;
    struct wp_event *events; /* in file order; the plan gets them by date */
    size_t n_events;
    struct wp_pos events_pos;
    struct wp_pos pos;
    struct wp_progress_private *priv;
};

void wp_progress_free(struct wp_progress *progress);

/*
 * Sets every activity's `current` from its own status/progress, then
 * overlays the updates: each of status, progress and note comes from the
 * latest update (by date; a later entry in the file wins a tie) that gives
 * it. Updates naming unknown activities are skipped (check reports them).
 * Each measured indicator's value comes from the latest update reporting it
 * (same tie rule); none means no value. The events are copied into the plan
 * (plan->events, by date, file order for ties) and each activity gets those
 * naming it. progress may be NULL (resets to the plan's own, no values, no
 * events). Texts are copied into the plan, so progress may be freed
 * afterwards.
 */
void wp_progress_apply(struct wp_plan *plan, const struct wp_progress *progress);

/* The newest update or event date, year 0 when none. */
struct wp_date wp_progress_newest_date(const struct wp_progress *progress);

#endif
