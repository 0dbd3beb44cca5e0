/*
 * What changed from one plan to another, compared on the model: how the
 * YAML is written (layout, key order, anchors, comments) is no change.
 *
 *     struct wp_diff *d = NULL;
 *     if (wp_diff(old_plan, new_plan, &d) == WP_OK)
 *         for (size_t i = 0; i < d->n; i++) {
 *             char s[512];
 *             wp_change_sentence(d, &d->changes[i], "es", s, sizeof(s));
 *             printf("%s:%u:%u: %s\n", d->changes[i].file, d->changes[i].pos.line,
 *                    d->changes[i].pos.col, s);
 *         }
 *     wp_diff_free(d);
 *
 * The list borrows from both plans (ids, texts, positions): free it before
 * them. Each plan should have had its progress applied (wp_progress_apply)
 * so that the current status and progress of its activities are compared.
 *
 * Order: the plan's own changes (its facts, parties and members) first,
 * then one group per area of NEW in plan order (the area's own changes,
 * then its activities in plan order, then the activities removed from it),
 * then the areas NEW no longer has, each with its removed activities.
 */
#ifndef WORKPLAN_DIFF_H
#define WORKPLAN_DIFF_H

#include <stddef.h>

#include "error.h"
#include "model.h"
#include "progress.h"

struct wp_indicator; /* measured indicators and events: model.h */
struct wp_event;

enum wp_change_kind {
    WP_CHANGE_PLAN, /* a fact of the plan changed (field says which) */
    WP_CHANGE_PARTY_ADDED,
    WP_CHANGE_PARTY_REMOVED,
    WP_CHANGE_PARTY, /* a party's name changed */
    WP_CHANGE_MEMBER_ADDED,
    WP_CHANGE_MEMBER_REMOVED,
    WP_CHANGE_AREA_ADDED,
    WP_CHANGE_AREA_REMOVED,
    WP_CHANGE_AREA_MOVED, /* its place among the areas changed */
    WP_CHANGE_AREA,       /* a field of the area changed */
    WP_CHANGE_ACTIVITY_ADDED,
    WP_CHANGE_ACTIVITY_REMOVED,
    WP_CHANGE_ACTIVITY_MOVED, /* to another area */
    WP_CHANGE_ACTIVITY,       /* a field of the activity changed */
    WP_CHANGE_EVENT_ADDED,    /* to the progress file's record of events */
    WP_CHANGE_EVENT_REMOVED,
    WP_CHANGE_KIND_COUNT
};

enum wp_change_field {
    WP_CF_NONE,
    /* the plan */
    WP_CF_TITLE,
    WP_CF_SUBTITLE,
    WP_CF_VERSION,
    WP_CF_PERIOD,
    WP_CF_ADOPTED,
    WP_CF_LANGUAGES,
    WP_CF_FOREWORD,
    WP_CF_PARTIES, /* plan.parties */
    /* parties and areas */
    WP_CF_NAME,
    WP_CF_MEMBERS,
    WP_CF_SUMMARY,
    WP_CF_OBJECTIVES,
    /* activities */
    WP_CF_DESCRIPTION,
    WP_CF_LEAD,
    WP_CF_PARTNERS,
    WP_CF_START,
    WP_CF_END,
    WP_CF_STATUS,           /* as written in the plan */
    WP_CF_PROGRESS,         /* as written in the plan */
    WP_CF_CURRENT_STATUS,   /* after the progress file */
    WP_CF_CURRENT_PROGRESS, /* after the progress file */
    WP_CF_MODALITY,
    WP_CF_OUTPUTS,
    WP_CF_INDICATORS,
    WP_CF_SDGS,
    WP_CF_FOCAL_POINT,
    WP_CF_LINKS,
    /* measured indicators (`item` names the indicator) */
    WP_CF_MEASURED, /* the indicator as a whole: added or removed */
    WP_CF_INDICATOR_TEXT,
    WP_CF_UNIT,
    WP_CF_TARGET,
    WP_CF_BASELINE,
    WP_CF_BY,
    WP_CF_VALUE, /* the current value, from the progress file */
    WP_CF_COUNT
};

struct wp_change {
    enum wp_change_kind kind;
    enum wp_change_field field; /* WP_CF_NONE for additions, removals and moves */
    const char *lang;           /* the translation a text change is about; NULL otherwise */
    const char *subject;        /* the activity, area, party or member; NULL for the plan */
    const char *item;           /* the measured indicator's id; NULL otherwise */
    const char *area;           /* the area whose group it is in; NULL for the plan's group */
    const char *path;           /* e.g. "areas[ECO].activities[ECO-03].end" */
    /* values as text, language-neutral where they can be (period tokens, status
     * words, codes); NULL when absent */
    const char *old_value;
    const char *new_value;
    /* where: in NEW, or in OLD for a removal */
    const char *file;
    struct wp_pos pos;
    /* what the sentence is made from: the elements in each plan (NULL when absent) */
    const struct wp_activity *old_activity, *new_activity;
    const struct wp_area *old_area, *new_area;
    const struct wp_party *old_party, *new_party;
    const struct wp_indicator *old_indicator, *new_indicator;
    const struct wp_event *old_event, *new_event;
    size_t old_index, new_index; /* an area's 1-based place (WP_CHANGE_AREA_MOVED) */
};

struct wp_diff {
    const struct wp_plan *old_plan, *new_plan;
    struct wp_change *changes;
    size_t n;
    /* the summary: activities with any change (moves included), added, removed;
     * and every other change */
    size_t n_activities_changed, n_activities_added, n_activities_removed, n_other;
    struct wp_diff_private *priv;
};

/*
 * Compares two loaded plans (without errors). WP_ERR_ARGUMENT when one is
 * NULL; *out is then NULL. An empty list means no change.
 */
enum wp_error wp_diff(const struct wp_plan *old_plan, const struct wp_plan *new_plan,
                      struct wp_diff **out);

/*
 * Points each change that comes from a progress file at its place there: a
 * reported status or progress at the update of NEW's file that gave the new
 * value, instead of at the activity in NEW. A NULL file leaves its changes as
 * they are. (old_progress places what only OLD's file has.)
 */
void wp_diff_locate_progress(struct wp_diff *diff, const struct wp_progress *old_progress,
                             const struct wp_progress *new_progress);

/* NULL is a no-op. */
void wp_diff_free(struct wp_diff *diff);

/* "activity-changed", "area-added", ... (JSON `kind`). */
const char *wp_change_kind_name(enum wp_change_kind kind);
/* "title", "end", "current-status", ... ; "" for WP_CF_NONE. */
const char *wp_change_field_name(enum wp_change_field field);

/*
 * The change as one sentence in lang (label catalogue; English when lang has
 * no table), e.g. "ECO-03 now ends in Q2 2025 instead of Q4 2024".
 * Writes NUL-terminated, truncated if needed; returns the length it wanted.
 */
size_t wp_change_sentence(const struct wp_diff *diff, const struct wp_change *change,
                          const char *lang, char *buf, size_t size);

/* The heading of the change's group: the area's title, or "Plan". */
size_t wp_change_group_title(const struct wp_diff *diff, const struct wp_change *change,
                             const char *lang, char *buf, size_t size);

/* "3 activities changed, 1 added, 1 removed" (and other changes, when any). */
size_t wp_diff_summary(const struct wp_diff *diff, const char *lang, char *buf, size_t size);

/* "Changes since version 1.0 (24 November 2021)", from OLD's version and adoption. */
size_t wp_diff_title(const struct wp_diff *diff, const char *lang, char *buf, size_t size);

#endif
