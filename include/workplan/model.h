/*
 * The plan model: typed, read-only, built by the loader (load.h) in one
 * arena and freed with one call (wp_plan_free).
 *
 *     const struct wp_area *area = &plan->areas[0];
 *     const struct wp_activity *a = &area->activities[0];
 *     printf("%s %s\n", a->id, wp_text_get(plan, &a->title, "es"));
 *
 * Every element keeps the 1-based line:column of its node in the YAML
 * (`pos`), and where it was a mapping entry the position of its key too.
 * A plan loaded with errors is still a model: what could not be read is
 * NULL, empty or zero, and every consumer must tolerate that. Exporters are
 * only ever given plans without errors.
 *
 * Strings are UTF-8, NUL-terminated, owned by the plan.
 */
#ifndef WORKPLAN_MODEL_H
#define WORKPLAN_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct wp_plan;

/* ---- scalars ---------------------------------------------------------- */

struct wp_str {
    const char *s;
    struct wp_pos pos;
};

struct wp_str_list {
    struct wp_str *items;
    size_t n;
    struct wp_pos pos;
};

struct wp_int {
    int v;
    struct wp_pos pos;
};

struct wp_int_list {
    struct wp_int *items;
    size_t n;
    struct wp_pos pos;
};

/* ---- text in several languages --------------------------------------- */

struct wp_text_item {
    const char *lang; /* a code of plan.languages */
    const char *value;
    struct wp_pos pos;      /* of the value */
    struct wp_pos lang_pos; /* of the language key */
};

/*
 * A text is written either as a plain string (`plain` set, n_items 0) or as
 * a mapping from language code to string (`items`, in source order).
 * An absent optional text has plain == NULL and n_items == 0.
 */
struct wp_text {
    const char *plain;
    const struct wp_text_item *items;
    size_t n_items;
    struct wp_pos pos;
};

struct wp_text_list {
    struct wp_text *items;
    size_t n;
    struct wp_pos pos;
};

static inline bool wp_text_is_set(const struct wp_text *t)
{
    return t->plain != NULL || t->n_items > 0;
}

/*
 * The output language when none is asked for: the plan's first declared
 * language ("en" for a plan that declares none). The one place this is decided.
 */
const char *wp_plan_default_lang(const struct wp_plan *plan);

/*
 * The text in `lang`; else in the plan's first language; else its first
 * translation. NULL only when the text is not set. `lang` NULL means the
 * plan's first language.
 */
const char *wp_text_get(const struct wp_plan *plan, const struct wp_text *t, const char *lang);

/* True when t has its own text in lang (a plain string counts as every language). */
bool wp_text_has(const struct wp_text *t, const char *lang);

/* ---- dates and period tokens ------------------------------------------ */

struct wp_date {
    int year;  /* 0 = unset */
    int month; /* 1..12 */
    int day;   /* 1..31 */
};

enum wp_period_kind {
    WP_PERIOD_YEAR,    /* 2022 */
    WP_PERIOD_HALF,    /* 2022-H1, part 1..2 */
    WP_PERIOD_QUARTER, /* 2022-Q3, part 1..4 */
    WP_PERIOD_MONTH,   /* 2022-07, part 1..12 */
    WP_PERIOD_DAY      /* 2022-07-15, part = month, day */
};

struct wp_period {
    enum wp_period_kind kind;
    int year; /* 0 = unset (not given or malformed) */
    int part;
    int day;
    struct wp_pos pos;
};

/* 0 and *out filled when s is a valid token of any kind; -1 otherwise. */
int wp_period_parse(const char *s, struct wp_period *out);
/* First and last calendar day of the token's span. */
struct wp_date wp_period_first_day(const struct wp_period *p);
struct wp_date wp_period_last_day(const struct wp_period *p);

/* 0 and *out filled for a real calendar day written YYYY-MM-DD; -1 otherwise. */
int wp_date_parse(const char *s, struct wp_date *out);
bool wp_date_is_valid(struct wp_date d);
/* Days since 1970-01-01 (negative before). */
int64_t wp_date_serial(struct wp_date d);
struct wp_date wp_date_from_serial(int64_t days);
int wp_date_cmp(struct wp_date a, struct wp_date b);
/* Writes "YYYY-MM-DD" into buf (at least 11 bytes). */
void wp_date_iso(struct wp_date d, char buf[static 11]);
/* Quarter 0-based index from plan.period.from's Q1 (may be negative). */
int wp_date_quarter_index(int period_from, struct wp_date d);

/* ---- status ------------------------------------------------------------ */

enum wp_status {
    WP_STATUS_PLANNED,
    WP_STATUS_ONGOING,
    WP_STATUS_COMPLETED,
    WP_STATUS_DELAYED,
    WP_STATUS_CANCELLED,
    WP_STATUS_COUNT
};

/* "planned", "ongoing", ... as written in YAML. */
const char *wp_status_word(enum wp_status s);
/* -1 when word is not one of the YAML words (exact, lowercase). */
int wp_status_from_word(const char *word);

/* ---- the plan ------------------------------------------------------------ */

struct wp_party {
    const char *id;    /* [A-Z][A-Z0-9]{1,11} */
    struct wp_pos pos; /* of the key */
    struct wp_text name;
    struct wp_str_list members; /* country codes */
};

struct wp_country {
    const char *code;  /* ISO 3166-1 alpha-2 */
    struct wp_pos pos; /* of the key */
    struct wp_text name;
};

/* An activity's state after the progress file is applied (progress.h). */
struct wp_current {
    enum wp_status status;
    int progress;             /* 0..100 */
    struct wp_text note;      /* latest note, unset if none */
    struct wp_date note_date; /* date of the update that gave the note */
    struct wp_date updated;   /* date of the latest update; year 0 if none */
    const char *reported_by;  /* of the latest update, may be NULL */
    size_t n_updates;
};

/*
 * A measured indicator (plan-format.md): a number with a baseline and a
 * target. Its direction follows from the numbers: a target below the
 * baseline means lower is better. Numbers are finite doubles read from plain
 * YAML integers or decimals of at most 15 significant digits, so "%.15g"
 * gives back what was written.
 */
struct wp_indicator {
    const char *id;    /* [A-Z][A-Z0-9_]{0,15}; NULL when malformed */
    struct wp_pos pos; /* of the indicator's mapping */
    struct wp_pos id_pos;
    struct wp_text text;
    struct wp_text unit; /* unset when not given */
    double baseline;     /* 0 when not given */
    struct wp_pos baseline_pos;
    bool has_target; /* false only in a plan loaded with errors */
    double target;
    struct wp_pos target_pos;
    struct wp_period by; /* the activity's end when not given */
    bool by_given;
    bool lower_is_better; /* target < baseline */
    /* the current value, from the progress file (wp_progress_apply) */
    bool has_value; /* false: no value reported yet (not the baseline) */
    double value;
    struct wp_date value_date;
    const struct wp_activity *activity;
};

/*
 * A dated fact about the whole plan (a review meeting, a declaration), from
 * the progress file's `events`, copied into the plan by wp_progress_apply.
 */
struct wp_event {
    struct wp_pos pos; /* of the event's mapping in the progress file */
    struct wp_date date;
    struct wp_pos date_pos;
    struct wp_text title;
    struct wp_text note;           /* unset when not given */
    struct wp_str_list activities; /* ids as written; may name unknown ones */
    const char *link;              /* NULL when not given */
    struct wp_pos link_pos;
    size_t index; /* in the file */
};

struct wp_area;

struct wp_activity {
    const char *id;
    struct wp_pos pos; /* of the activity's mapping */
    struct wp_pos id_pos;
    struct wp_text title;
    struct wp_text description;
    struct wp_str_list lead; /* party ids or country codes */
    struct wp_str_list partners;
    struct wp_period start;
    struct wp_period end;
    enum wp_status status; /* as written (default planned) */
    struct wp_pos status_pos;
    int progress; /* as written, or the default */
    bool progress_given;
    struct wp_pos progress_pos;
    struct wp_text_list modality; /* short words or phrases, translatable */
    struct wp_text_list outputs;
    struct wp_text_list indicators; /* the text (not measured) indicators, in order */
    struct wp_indicator *measured;  /* the measured indicators, in order */
    size_t n_measured;
    /* the same by id (those with an id), for wp_activity_find_indicator; internal */
    const struct wp_indicator **measured_by_id;
    size_t n_measured_by_id;
    struct wp_int_list sdgs;
    struct wp_text focal_point;
    struct wp_str_list links;
    struct wp_current current;
    const struct wp_event **events; /* the plan's events naming it, in date order */
    size_t n_events;
    const struct wp_area *area; /* the area it belongs to */
    size_t index;               /* 0-based, over the whole plan */
};

struct wp_area {
    const char *id;
    struct wp_pos pos;
    struct wp_pos id_pos;
    struct wp_text title;
    struct wp_text summary;
    struct wp_text_list objectives;
    struct wp_activity *activities;
    size_t n_activities;
    size_t index;
};

struct wp_plan {
    const char *file; /* the name diagnostics use ("-" → "<stdin>") */
    const char *format;
    const char *id;
    struct wp_pos id_pos;
    struct wp_text title;
    struct wp_text subtitle;
    struct wp_str_list parties; /* plan.parties */
    int period_from, period_to; /* whole years; 0 if unset */
    struct wp_pos period_pos, period_from_pos, period_to_pos;
    struct wp_date adopted; /* year 0 if not given */
    struct wp_pos adopted_pos;
    const char *version;
    struct wp_pos version_pos;
    struct wp_str_list languages; /* never empty after load: default [en] */
    struct wp_text foreword;

    struct wp_party *party_list; /* the `parties:` mapping, in order */
    size_t n_parties;
    struct wp_country *countries; /* in order */
    size_t n_countries;
    struct wp_area *areas;
    size_t n_areas;

    const struct wp_activity **activities; /* every activity, in order */
    size_t n_activities;

    /* the progress file's events, by date (file order for ties); see wp_progress_apply */
    const struct wp_event *events;
    size_t n_events;

    struct wp_pos pos; /* of the `plan:` mapping */
    struct wp_pos parties_pos, countries_pos, areas_pos;

    struct wp_plan_private *priv; /* arena and indexes */
};

/* ---- measured indicators ---------------------------------------------- */

/*
 * How far along an indicator is, as a share of the way from baseline to
 * target (either direction): 0 at the baseline, 1 at the target, below 0
 * when it moved the wrong way, above 1 past the target. NaN-free: the
 * loader refuses target == baseline. Needs has_value.
 */
double wp_indicator_share(const struct wp_indicator *ind);

/* True when the current value has reached the target (either direction). */
bool wp_indicator_reached(const struct wp_indicator *ind);

/*
 * The share of the way the time elapsed calls for on `today`: 0 on or
 * before the activity's start, 1 on or after `by`, linear by days between.
 */
double wp_indicator_expected_share(const struct wp_indicator *ind, struct wp_date today);

/*
 * On track on `today`: reported, and its share is at least the share of the
 * time elapsed (wp_indicator_expected_share); a reached target is on track.
 */
bool wp_indicator_on_track(const struct wp_indicator *ind, struct wp_date today);

/* The measured indicator `id` of activity a, or NULL. */
const struct wp_indicator *wp_activity_find_indicator(const struct wp_activity *a, const char *id);

/* A number as written in YAML ("120", "12.5", "-3"): at most 15 significant digits. */
void wp_number_str(double v, char buf[static 32]);

/* Frees the plan and everything in it; NULL is a no-op. */
void wp_plan_free(struct wp_plan *plan);

/* Lookups by id through indexes built at load: O(1). NULL when absent. */
const struct wp_party *wp_plan_find_party(const struct wp_plan *plan, const char *id);
const struct wp_country *wp_plan_find_country(const struct wp_plan *plan, const char *code);
const struct wp_activity *wp_plan_find_activity(const struct wp_plan *plan, const char *id);
const struct wp_area *wp_plan_find_area(const struct wp_plan *plan, const char *id);

/*
 * The display name of a party id or country code in lang (with fallback);
 * the id itself when it names neither.
 */
const char *wp_plan_ref_name(const struct wp_plan *plan, const char *ref, const char *lang);

/* True when `country` is a member of party `party_id`. */
bool wp_party_has_member(const struct wp_party *party, const char *country);

enum wp_role { WP_ROLE_NONE, WP_ROLE_PARTNER, WP_ROLE_LEAD };

/*
 * How `country` takes part in activity a: it, or a party it is a member
 * of, is named in lead (WP_ROLE_LEAD wins) or partners.
 */
enum wp_role wp_activity_role(const struct wp_plan *plan, const struct wp_activity *a,
                              const char *country);

#endif
