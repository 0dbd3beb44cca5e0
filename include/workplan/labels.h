/*
 * The label catalogue: every fixed string an output prints, per language.
 *
 * One table per language in src/model/labels.c, indexed by enum wp_label;
 * adding a language is adding one table (and a test proves it complete).
 * A language without a table falls back to English.
 *
 * Templates use numbered placeholders {1}, {2}, ... filled by
 * wp_label_fill, so each language may order them as it needs.
 */
#ifndef WORKPLAN_LABELS_H
#define WORKPLAN_LABELS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

enum wp_label {
    /* document structure */
    WP_L_CONTENTS,
    WP_L_FOREWORD,
    WP_L_AT_A_GLANCE,
    WP_L_STATUS_BY_AREA,
    WP_L_TIMELINE,
    WP_L_LEGEND,
    WP_L_AREA,
    WP_L_AREAS,
    WP_L_TOTAL,
    WP_L_SUMMARY,
    WP_L_OBJECTIVES,
    WP_L_ACTIVITIES,
    WP_L_ACTIVITY,
    WP_L_NO_ACTIVITIES,
    WP_L_ANNEXES,
    WP_L_MEMBERS_BY_PARTY,
    WP_L_COUNTRY_INDEX,
    WP_L_GLOSSARY,
    WP_L_STATUSES,
    WP_L_MODALITIES,
    WP_L_CONTINUED,   /* "(continued)" */
    WP_L_PAGE_N_OF_M, /* template: {1} page, {2} pages */
    WP_L_VERSION_N,   /* template: {1} version */
    /* changes between two plans (workplan diff, the changes annex) */
    WP_L_CH_NO_CHANGES,
    WP_L_CH_NONE_SINCE, /* the annex's sentence when nothing changed */
    WP_L_CH_CHANGES,
    WP_L_CH_SINCE,             /* template: {1} version, {2} date */
    WP_L_CH_SINCE_VERSION,     /* template: {1} version */
    WP_L_CH_SINCE_DATE,        /* template: {1} date */
    WP_L_CH_PLAN,              /* the group of the plan's own changes */
    WP_L_CH_N_CHANGED_1,       /* template: {1} count */
    WP_L_CH_N_CHANGED,         /* template: {1} count */
    WP_L_CH_N_ADDED_1,         /* template: {1} count */
    WP_L_CH_N_ADDED,           /* template: {1} count */
    WP_L_CH_N_REMOVED_1,       /* template: {1} count */
    WP_L_CH_N_REMOVED,         /* template: {1} count */
    WP_L_CH_N_OTHER_1,         /* template: {1} count */
    WP_L_CH_N_OTHER,           /* template: {1} count */
    WP_L_CH_LIST_SEP,          /* between summary parts and list values */
    WP_L_CH_QUOTE,             /* template: {1} a text value */
    WP_L_CH_FIELD_IN_LANG,     /* template: {1} field, {2} language code */
    WP_L_CH_FIELD_CHANGED,     /* template: {1} subject, {2} field, {3} new, {4} old */
    WP_L_CH_FIELD_SET,         /* template: {1} subject, {2} field, {3} new */
    WP_L_CH_FIELD_CLEARED,     /* template: {1} subject, {2} field, {3} old */
    WP_L_CH_ACT_ADDED,         /* template: {1} id, {2} area, {3} lead, {4} timeframe */
    WP_L_CH_ACT_REMOVED,       /* template: {1} id, {2} area */
    WP_L_CH_ACT_MOVED,         /* template: {1} id, {2} old area, {3} new area */
    WP_L_CH_ACT_MOVED_AS,      /* template: {1} old id, {2} old area, {3} new area, {4} new id */
    WP_L_CH_ACT_RENAMED,       /* template: {1} old id, {2} new id */
    WP_L_CH_STARTS,            /* template: {1} id, {2} new, {3} old */
    WP_L_CH_ENDS,              /* template: {1} id, {2} new, {3} old */
    WP_L_CH_LED_BY,            /* template: {1} id, {2} new, {3} old */
    WP_L_CH_STATUS,            /* template: {1} id, {2} new, {3} old */
    WP_L_CH_REPORTED_STATUS,   /* template: {1} id, {2} new, {3} old */
    WP_L_CH_PROGRESS,          /* template: {1} id, {2} new, {3} old */
    WP_L_CH_REPORTED_PROGRESS, /* template: {1} id, {2} new, {3} old */
    WP_L_CH_AREA_ADDED,        /* template: {1} id, {2} title */
    WP_L_CH_AREA_REMOVED,      /* template: {1} id, {2} title */
    WP_L_CH_AREA_MOVED,        /* template: {1} id, {2} new place, {3} old */
    WP_L_CH_PARTY_ADDED,       /* template: {1} id, {2} name */
    WP_L_CH_PARTY_REMOVED,     /* template: {1} id, {2} name */
    WP_L_CH_MEMBER_ADDED,      /* template: {1} party, {2} country */
    WP_L_CH_MEMBER_REMOVED,    /* template: {1} party, {2} country */
    WP_L_CH_SUBTITLE,
    WP_L_CH_LANGUAGES,
    WP_L_CH_NAME,
    WP_L_CH_MEASURED,
    WP_L_CH_INDICATOR_TEXT,
    WP_L_CH_UNIT,
    WP_L_CH_TARGET,
    WP_L_CH_BASELINE,
    WP_L_CH_BY,
    WP_L_CH_INDICATOR_ADDED, /* template: {1} activity, {2} indicator id, {3} text, {4} target, {5}
                                by */
    WP_L_CH_INDICATOR_REMOVED, /* template: {1} activity, {2} indicator id, {3} text */
    WP_L_CH_VALUE,             /* template: {1} activity, {2} indicator id, {3} new, {4} old */
    WP_L_CH_VALUE_FIRST,       /* template: {1} activity, {2} indicator id, {3} value */
    WP_L_CH_VALUE_GONE,        /* template: {1} activity, {2} indicator id, {3} old */
    WP_L_CH_EVENT_ADDED,       /* template: {1} date, {2} title */
    WP_L_CH_EVENT_REMOVED,     /* template: {1} date, {2} title */
    WP_L_CH_WITH_UNIT,         /* template: {1} number, {2} unit */
    /* plan facts */
    WP_L_PARTIES,
    WP_L_PARTY,
    WP_L_MEMBERS,
    WP_L_COUNTRY,
    WP_L_PERIOD,
    WP_L_ADOPTED,
    WP_L_ADOPTED_ON, /* template: {1} date */
    WP_L_VERSION,
    WP_L_AS_OF, /* template: {1} date */
    /* results: measured indicators and events */
    WP_L_RES_RESULTS,
    WP_L_RES_INDICATOR,
    WP_L_RES_UNIT,
    WP_L_RES_BASELINE,
    WP_L_RES_TARGET,
    WP_L_RES_BY, /* template: {1} period */
    WP_L_RES_LATEST,
    WP_L_RES_SHARE,
    WP_L_RES_NO_VALUE,
    WP_L_RES_LOWER_BETTER,
    WP_L_RES_ON_TRACK,
    WP_L_RES_BEHIND,
    WP_L_RES_REACHED,
    WP_L_RES_GLANCE,
    WP_L_RES_MEASURED,
    WP_L_RES_REPORTED,
    WP_L_RES_ON_TRACK_COL,
    WP_L_RES_REACHED_COL,
    WP_L_RES_GLANCE_NOTE, /* template: {1} date */
    WP_L_RES_RECORD,
    WP_L_RES_RECORD_INTRO,
    WP_L_RES_LINK,
    WP_L_RES_EVENTS,
    WP_L_RES_DECIMAL_MARK,
    WP_L_RES_DIGIT_GROUP,
    WP_L_RES_GROUP_MIN, /* digits before the integer part is grouped */
    WP_L_RES_GLOSSARY_SHARE,
    WP_L_RES_GLOSSARY_SHARE_TEXT,
    WP_L_RES_GLOSSARY_ON_TRACK_TEXT, /* template: {1} date */
    WP_L_RES_GLOSSARY_REACHED_TEXT,
    WP_L_RES_GLOSSARY_LOWER_TEXT,
    /* results: the workbook's Indicators sheet and Summary columns */
    WP_L_SHEET_INDICATORS,
    WP_L_IND_BY,
    WP_L_IND_EXPECTED,
    WP_L_IND_VALUE,
    WP_L_IND_DATE,
    WP_L_IND_YES,
    WP_L_IND_NO,
    WP_L_IND_HOW_TO,
    WP_L_IND_HOW_TO_STEPS, /* paragraph(s), lines separated by \n */
    WP_L_IND_NONE_HERE,
    WP_L_IND_VALIDATE_VALUE,
    /* activity fields */
    WP_L_ID,
    WP_L_TITLE,
    WP_L_DESCRIPTION,
    WP_L_LEAD,
    WP_L_PARTNERS,
    WP_L_TIMEFRAME,
    WP_L_START,
    WP_L_END,
    WP_L_STATUS,
    WP_L_PROGRESS,
    WP_L_PROGRESS_PCT,
    WP_L_LATEST_NOTE,
    WP_L_LAST_UPDATE,
    WP_L_REPORTED_BY,
    WP_L_NOTE,
    WP_L_OUTPUTS,
    WP_L_INDICATORS,
    WP_L_SDGS,
    WP_L_SDG_SHORT, /* "SDG" / "ODS" */
    WP_L_FOCAL_POINT,
    WP_L_LINKS,
    WP_L_MODALITY,
    WP_L_LEADS,      /* country index column: leads */
    WP_L_TAKES_PART, /* country index column: takes part in */
    WP_L_NONE,
    WP_L_NOT_REPORTED,
    WP_L_OVERDUE,
    WP_L_OVERDUE_DESCRIPTION, /* the workbook legend's line for overdue rows */
    /* accessibility: alternative texts and artifacts */
    WP_L_A11Y_SWATCH,   /* template: {1} status: alternative text of a status colour */
    WP_L_A11Y_PROGRESS, /* template: {1} percentage: alternative text of a progress bar */
    WP_L_A11Y_BAR,      /* template: {1} status, {2} timeframe: a timeline bar */
    /* period words */
    WP_L_QUARTER_ABBR, /* template: {1} quarter number, {2} year: "Q1 2022" */
    WP_L_HALF_ABBR,    /* template: {1} half number, {2} year: "H1 2022" */
    WP_L_MONTH_YEAR,   /* template: {1} month name, {2} year */
    WP_L_DATE_LONG,    /* template: {1} day, {2} month name, {3} year */
    WP_L_RANGE,        /* template: {1} from, {2} to: "{1} – {2}" */
    /* workbook */
    WP_L_SHEET_ABOUT,
    WP_L_SHEET_TRACKER,
    WP_L_SHEET_SUMMARY,
    WP_L_SHEET_TIMELINE,
    WP_L_BUILD_DATE,
    WP_L_FOR_MEMBER, /* template: {1} member name */
    WP_L_FOR_ALL_MEMBERS,
    WP_L_MEMBER_NO_ACTIVITIES,
    WP_L_HOW_TO_FILL,
    WP_L_HOW_TO_FILL_STEPS, /* paragraph(s), lines separated by \n */
    WP_L_EDITABLE_COLUMNS,
    WP_L_AVERAGE_PROGRESS,
    WP_L_ALL_ACTIVITIES,
    WP_L_CHART_STATUS_BY_AREA,
    WP_L_CHART_ALL,
    WP_L_VALIDATE_STATUS,
    WP_L_VALIDATE_PROGRESS,
    WP_L_VALIDATE_DATE, /* template: {1} first date */
    WP_L_VALIDATE_REPORTER,
    WP_L_YEAR,
    WP_L_QUARTER,
    /* import and reliability messages */
    WP_L_COUNT
};

/* The label in lang (English when lang has no table). Never NULL. */
const char *wp_label(const char *lang, enum wp_label label);

/* Whether two language codes are the same, ignoring ASCII case ("ES" is "es"). */
bool wp_lang_equal(const char *a, const char *b);
/* True when the catalogue has a table for lang. */
bool wp_label_has_language(const char *lang);
/* The catalogue's languages, for i from 0 to wp_label_n_languages() - 1 (NULL beyond). */
size_t wp_label_n_languages(void);
const char *wp_label_language(size_t i);

/* Status name for people, e.g. "Ongoing" / "En curso". */
const char *wp_status_label(const char *lang, enum wp_status status);
/* One-line description of a status for glossaries and legends. */
const char *wp_status_description(const char *lang, enum wp_status status);
/*
 * Matches a status written by a person in any catalogue language
 * (case- and accent-sensitive but space-trimmed, ASCII case-insensitive);
 * also the YAML words. -1 when unknown.
 */
int wp_status_from_label(const char *text);

/* Month 1..12, e.g. "November" / "noviembre". */
const char *wp_month_name(const char *lang, int month);
/* SDG 1..17 short title, e.g. "Gender Equality" / "Igualdad de género". */
const char *wp_sdg_name(const char *lang, int goal);

/*
 * Fills a template's {1}..{9} with args[0..n-1] into buf (NUL-terminated,
 * truncated if needed). Returns the length it wanted.
 */
size_t wp_label_fill(char *buf, size_t size, const char *tmpl, const char *const *args,
                     size_t n_args);

/* "24 November 2021" / "24 de noviembre de 2021". */
size_t wp_format_date(char *buf, size_t size, const char *lang, struct wp_date d);
/* "Q1 2022", "H2 2023", "March 2022", "2022" or a long date, per the token's kind. */
size_t wp_format_period(char *buf, size_t size, const char *lang, const struct wp_period *p);
/* "Q1 2022 – Q4 2023" (one token when both are the same). */
size_t wp_format_timeframe(char *buf, size_t size, const char *lang, const struct wp_period *start,
                           const struct wp_period *end);

#endif
