/*
 * The label catalogue. One table per language; wp_label_has_language and
 * the completeness test (tests/unit/test_labels.c) see every table through
 * `catalogues`, so adding a language is adding a table and one line there.
 */
#include <string.h>

#include "util/util.h"
#include "model/labels_internal.h"
#include "workplan/labels.h"

struct catalogue {
    const char *lang;
    const char *const *labels;       /* [WP_L_COUNT] */
    const char *const *statuses;     /* [WP_STATUS_COUNT] */
    const char *const *status_descs; /* [WP_STATUS_COUNT] */
    const char *const *months;       /* [12] */
    const char *const *sdgs;         /* [17] */
};

static const char *const en_labels[WP_L_COUNT] = {
    [WP_L_CONTENTS] = "Contents",
    [WP_L_FOREWORD] = "Foreword",
    [WP_L_AT_A_GLANCE] = "At a glance",
    [WP_L_STATUS_BY_AREA] = "Activities by area and status",
    [WP_L_TIMELINE] = "Timeline",
    [WP_L_LEGEND] = "Legend",
    [WP_L_AREA] = "Area",
    [WP_L_AREAS] = "Areas",
    [WP_L_TOTAL] = "Total",
    [WP_L_SUMMARY] = "Summary",
    [WP_L_OBJECTIVES] = "Objectives",
    [WP_L_ACTIVITIES] = "Activities",
    [WP_L_ACTIVITY] = "Activity",
    [WP_L_NO_ACTIVITIES] = "No activities have been defined in this area yet.",
    [WP_L_ANNEXES] = "Annexes",
    [WP_L_MEMBERS_BY_PARTY] = "Members by party",
    [WP_L_COUNTRY_INDEX] = "Activities by country",
    [WP_L_GLOSSARY] = "Glossary",
    [WP_L_STATUSES] = "Statuses",
    [WP_L_MODALITIES] = "Modalities",
    [WP_L_CONTINUED] = "(continued)",
    [WP_L_PAGE_N_OF_M] = "Page {1} of {2}",
    [WP_L_VERSION_N] = "Version {1}",
    /* changes (diff) */
    [WP_L_CH_NO_CHANGES] = "no changes",
    [WP_L_CH_NONE_SINCE] = "Nothing has changed since that version.",
    [WP_L_CH_CHANGES] = "Changes",
    [WP_L_CH_SINCE] = "Changes since version {1} ({2})",
    [WP_L_CH_SINCE_VERSION] = "Changes since version {1}",
    [WP_L_CH_SINCE_DATE] = "Changes since {1}",
    [WP_L_CH_PLAN] = "Plan",
    [WP_L_CH_N_CHANGED_1] = "{1} activity changed",
    [WP_L_CH_N_CHANGED] = "{1} activities changed",
    [WP_L_CH_N_ADDED_1] = "{1} added",
    [WP_L_CH_N_ADDED] = "{1} added",
    [WP_L_CH_N_REMOVED_1] = "{1} removed",
    [WP_L_CH_N_REMOVED] = "{1} removed",
    [WP_L_CH_N_OTHER_1] = "{1} other change",
    [WP_L_CH_N_OTHER] = "{1} other changes",
    [WP_L_CH_LIST_SEP] = ", ",
    [WP_L_CH_QUOTE] = "“{1}”",
    [WP_L_CH_FIELD_IN_LANG] = "{1} ({2})",
    [WP_L_CH_FIELD_CHANGED] = "{1}: {2} is now {3} instead of {4}",
    [WP_L_CH_FIELD_SET] = "{1}: {2} added: {3}",
    [WP_L_CH_FIELD_CLEARED] = "{1}: {2} removed (was {3})",
    [WP_L_CH_ACT_ADDED] = "{1} added to {2}, led by {3}, {4}",
    [WP_L_CH_ACT_REMOVED] = "{1} removed from {2}",
    [WP_L_CH_ACT_MOVED] = "{1} moved from {2} to {3}",
    [WP_L_CH_ACT_MOVED_AS] = "{1} moved from {2} to {3} as {4}",
    [WP_L_CH_ACT_RENAMED] = "{1} is now {2}",
    [WP_L_CH_STARTS] = "{1} now starts in {2} instead of {3}",
    [WP_L_CH_ENDS] = "{1} now ends in {2} instead of {3}",
    [WP_L_CH_LED_BY] = "{1} is now led by {2} instead of {3}",
    [WP_L_CH_STATUS] = "{1}: status is now {2} instead of {3}",
    [WP_L_CH_REPORTED_STATUS] = "{1}: reported status is now {2} instead of {3}",
    [WP_L_CH_PROGRESS] = "{1}: progress is now {2}% instead of {3}%",
    [WP_L_CH_REPORTED_PROGRESS] = "{1}: reported progress is now {2}% instead of {3}%",
    [WP_L_CH_AREA_ADDED] = "Area {1} added: {2}",
    [WP_L_CH_AREA_REMOVED] = "Area {1} removed: {2}",
    [WP_L_CH_AREA_MOVED] = "Area {1} is now number {2} instead of {3}",
    [WP_L_CH_PARTY_ADDED] = "Party {1} added: {2}",
    [WP_L_CH_PARTY_REMOVED] = "Party {1} removed: {2}",
    [WP_L_CH_MEMBER_ADDED] = "{1}: {2} is now a member",
    [WP_L_CH_MEMBER_REMOVED] = "{1}: {2} is no longer a member",
    [WP_L_CH_SUBTITLE] = "Subtitle",
    [WP_L_CH_LANGUAGES] = "Languages",
    [WP_L_CH_NAME] = "Name",
    [WP_L_CH_MEASURED] = "Measured indicator",
    [WP_L_CH_INDICATOR_TEXT] = "Indicator",
    [WP_L_CH_UNIT] = "Unit",
    [WP_L_CH_TARGET] = "Target",
    [WP_L_CH_BASELINE] = "Baseline",
    [WP_L_CH_BY] = "Due by",
    [WP_L_CH_INDICATOR_ADDED] = "{1}: measured indicator {2} added: {3}, target {4} by {5}",
    [WP_L_CH_INDICATOR_REMOVED] = "{1}: measured indicator {2} removed: {3}",
    [WP_L_CH_VALUE] = "{1}: {2} now reported at {3} instead of {4}",
    [WP_L_CH_VALUE_FIRST] = "{1}: {2} first reported at {3}",
    [WP_L_CH_VALUE_GONE] = "{1}: {2} no longer reported (was {3})",
    [WP_L_CH_EVENT_ADDED] = "Event recorded: {1}, {2}",
    [WP_L_CH_EVENT_REMOVED] = "Event no longer recorded: {1}, {2}",
    [WP_L_CH_WITH_UNIT] = "{1} {2}",
    [WP_L_PARTIES] = "Parties",
    [WP_L_PARTY] = "Party",
    [WP_L_MEMBERS] = "Members",
    [WP_L_COUNTRY] = "Country",
    [WP_L_PERIOD] = "Period",
    [WP_L_ADOPTED] = "Adopted",
    [WP_L_ADOPTED_ON] = "Adopted on {1}",
    [WP_L_VERSION] = "Version",
    [WP_L_AS_OF] = "as of {1}",
    /* results */
    [WP_L_RES_RESULTS] = "Results",
    [WP_L_RES_INDICATOR] = "Indicator",
    [WP_L_RES_UNIT] = "Unit",
    [WP_L_RES_BASELINE] = "Baseline",
    [WP_L_RES_TARGET] = "Target",
    [WP_L_RES_BY] = "by {1}",
    [WP_L_RES_LATEST] = "Latest value",
    [WP_L_RES_SHARE] = "How far along",
    [WP_L_RES_NO_VALUE] = "not reported yet",
    [WP_L_RES_LOWER_BETTER] = "lower is better",
    [WP_L_RES_ON_TRACK] = "on track",
    [WP_L_RES_BEHIND] = "behind",
    [WP_L_RES_REACHED] = "reached",
    [WP_L_RES_GLANCE] = "Results at a glance",
    [WP_L_RES_MEASURED] = "Measured indicators",
    [WP_L_RES_REPORTED] = "Reported",
    [WP_L_RES_ON_TRACK_COL] = "On track",
    [WP_L_RES_REACHED_COL] = "Reached",
    [WP_L_RES_GLANCE_NOTE] = "On track as of {1}: see the glossary for how it is judged.",
    [WP_L_RES_RECORD] = "Record of implementation",
    [WP_L_RES_RECORD_INTRO] =
        "Dated events concerning the plan, in date order, with the activities they concern.",
    [WP_L_RES_LINK] = "Link",
    [WP_L_RES_EVENTS] = "Record",
    [WP_L_RES_DECIMAL_MARK] = ".",
    [WP_L_RES_DIGIT_GROUP] = ",",
    [WP_L_RES_GROUP_MIN] = "4",
    [WP_L_RES_GLOSSARY_SHARE] = "How far along",
    [WP_L_RES_GLOSSARY_SHARE_TEXT] =
        "The share of the way from the baseline to the target that the latest value has covered: "
        "(value − baseline) ÷ (target − baseline). It reads the same whether higher or lower is "
        "better; under 0 % the value moved away from the target, over 100 % it went past it.",
    [WP_L_RES_GLOSSARY_ON_TRACK_TEXT] =
        "A measured indicator is on track when its latest value has covered at least the share of "
        "the way to its target that the time elapsed calls for: the days from the start of its "
        "activity to the date of this booklet ({1}), out of the days from that start to its target "
        "date. An indicator that has reached its target is on track; one without a value is not.",
    [WP_L_RES_GLOSSARY_REACHED_TEXT] = "The latest value has reached the target: at or above it, "
                                       "or at or below it when lower is better.",
    [WP_L_RES_GLOSSARY_LOWER_TEXT] = "The target is below the baseline: the indicator should fall "
                                     "(days to clear customs, emissions).",
    [WP_L_SHEET_INDICATORS] = "Indicators",
    [WP_L_IND_BY] = "Target date",
    [WP_L_IND_EXPECTED] = "Expected now",
    [WP_L_IND_VALUE] = "Value",
    [WP_L_IND_DATE] = "Measured on",
    [WP_L_IND_YES] = "Yes",
    [WP_L_IND_NO] = "No",
    [WP_L_IND_HOW_TO] = "How to report indicators",
    [WP_L_IND_HOW_TO_STEPS] =
        "1. Open the Indicators sheet. Each row is a measured indicator of an activity in this "
        "workbook, with its baseline, its target and the date the target is due.\n"
        "2. Change only the white columns: Value, Measured on and Note. Type the value as a "
        "number, in the unit shown, and the date it was measured.\n"
        "3. A row shows the latest value reported so far; overwrite it with the new value and "
        "its date. A new value keeps the earlier ones in the record.\n"
        "4. Expected now is the value the target calls for on the date this workbook was made, "
        "if progress were even from the activity's start to the target date. On track says "
        "whether the value has moved from the baseline at least that far towards the target "
        "(for an indicator whose target is below its baseline, lower is better).",
    [WP_L_IND_NONE_HERE] = "No activity in this workbook has a measured indicator.",
    [WP_L_IND_VALIDATE_VALUE] = "Enter a number, in the indicator's unit.",
    [WP_L_ID] = "ID",
    [WP_L_TITLE] = "Title",
    [WP_L_DESCRIPTION] = "Description",
    [WP_L_LEAD] = "Lead",
    [WP_L_PARTNERS] = "Partners",
    [WP_L_TIMEFRAME] = "Timeframe",
    [WP_L_START] = "Start",
    [WP_L_END] = "End",
    [WP_L_STATUS] = "Status",
    [WP_L_PROGRESS] = "Progress",
    [WP_L_PROGRESS_PCT] = "Progress %",
    [WP_L_LATEST_NOTE] = "Latest progress note",
    [WP_L_LAST_UPDATE] = "Last update",
    [WP_L_REPORTED_BY] = "Reported by",
    [WP_L_NOTE] = "Note",
    [WP_L_OUTPUTS] = "Expected outputs",
    [WP_L_INDICATORS] = "Indicators",
    [WP_L_SDGS] = "Sustainable Development Goals",
    [WP_L_SDG_SHORT] = "SDG",
    [WP_L_FOCAL_POINT] = "Focal point",
    [WP_L_LINKS] = "Links",
    [WP_L_MODALITY] = "Modality",
    [WP_L_LEADS] = "Leads",
    [WP_L_TAKES_PART] = "Takes part in",
    [WP_L_NONE] = "None",
    [WP_L_NOT_REPORTED] = "Not reported yet",
    [WP_L_OVERDUE] = "Overdue",
    [WP_L_OVERDUE_DESCRIPTION] = "Its end date has passed and it is neither completed nor "
                                 "cancelled: the row is highlighted.",
    /* accessibility */
    [WP_L_A11Y_SWATCH] = "Colour of the status {1}",
    [WP_L_A11Y_PROGRESS] = "Progress {1} %",
    [WP_L_A11Y_BAR] = "{1}, {2}",
    [WP_L_QUARTER_ABBR] = "Q{1} {2}",
    [WP_L_HALF_ABBR] = "H{1} {2}",
    [WP_L_MONTH_YEAR] = "{1} {2}",
    [WP_L_DATE_LONG] = "{1} {2} {3}",
    [WP_L_RANGE] = "{1} – {2}",
    [WP_L_SHEET_ABOUT] = "About",
    [WP_L_SHEET_TRACKER] = "Tracker",
    [WP_L_SHEET_SUMMARY] = "Summary",
    [WP_L_SHEET_TIMELINE] = "Timeline",
    [WP_L_BUILD_DATE] = "Built on",
    [WP_L_FOR_MEMBER] = "Prepared for {1}",
    [WP_L_FOR_ALL_MEMBERS] = "Prepared for all members",
    [WP_L_MEMBER_NO_ACTIVITIES] = "No activity of this plan involves this member yet.",
    [WP_L_HOW_TO_FILL] = "How to fill in this workbook",
    [WP_L_HOW_TO_FILL_STEPS] =
        "1. Open the Tracker sheet. Each row is one activity of the plan.\n"
        "2. Change only the white columns: Status, Progress %, Last update, Reported by and Note. "
        "The other columns are locked.\n"
        "3. Choose the status from the drop-down list and enter progress as a whole number "
        "from 0 to 100.\n"
        "4. Enter the date of your report in Last update; a row without it cannot be taken.\n"
        "5. Save the workbook in Excel format (.xlsx) under its own name and send it back to "
        "the secretariat.",
    [WP_L_EDITABLE_COLUMNS] = "Editable columns",
    [WP_L_AVERAGE_PROGRESS] = "Average progress %",
    [WP_L_ALL_ACTIVITIES] = "All activities",
    [WP_L_CHART_STATUS_BY_AREA] = "Status by area",
    [WP_L_CHART_ALL] = "All activities by status",
    [WP_L_VALIDATE_STATUS] = "Choose a status from the list.",
    [WP_L_VALIDATE_PROGRESS] = "Enter a whole number from 0 to 100.",
    [WP_L_VALIDATE_DATE] = "Enter a date on or after {1}.",
    [WP_L_VALIDATE_REPORTER] = "Choose a member from the list.",
    [WP_L_YEAR] = "Year",
    [WP_L_QUARTER] = "Quarter",
    /* import and reliability */
};

static const char *const es_labels[WP_L_COUNT] = {
    [WP_L_CONTENTS] = "Índice",
    [WP_L_FOREWORD] = "Prólogo",
    [WP_L_AT_A_GLANCE] = "Panorama general",
    [WP_L_STATUS_BY_AREA] = "Actividades por área y estado",
    [WP_L_TIMELINE] = "Cronograma",
    [WP_L_LEGEND] = "Leyenda",
    [WP_L_AREA] = "Área",
    [WP_L_AREAS] = "Áreas",
    [WP_L_TOTAL] = "Total",
    [WP_L_SUMMARY] = "Resumen",
    [WP_L_OBJECTIVES] = "Objetivos",
    [WP_L_ACTIVITIES] = "Actividades",
    [WP_L_ACTIVITY] = "Actividad",
    [WP_L_NO_ACTIVITIES] = "Aún no se han definido actividades en esta área.",
    [WP_L_ANNEXES] = "Anexos",
    [WP_L_MEMBERS_BY_PARTY] = "Miembros por parte",
    [WP_L_COUNTRY_INDEX] = "Actividades por país",
    [WP_L_GLOSSARY] = "Glosario",
    [WP_L_STATUSES] = "Estados",
    [WP_L_MODALITIES] = "Modalidades",
    [WP_L_CONTINUED] = "(continuación)",
    [WP_L_PAGE_N_OF_M] = "Página {1} de {2}",
    [WP_L_VERSION_N] = "Versión {1}",
    /* changes (diff) */
    [WP_L_CH_NO_CHANGES] = "sin cambios",
    [WP_L_CH_NONE_SINCE] = "Nada ha cambiado desde esa versión.",
    [WP_L_CH_CHANGES] = "Cambios",
    [WP_L_CH_SINCE] = "Cambios desde la versión {1} ({2})",
    [WP_L_CH_SINCE_VERSION] = "Cambios desde la versión {1}",
    [WP_L_CH_SINCE_DATE] = "Cambios desde el {1}",
    [WP_L_CH_PLAN] = "Plan",
    [WP_L_CH_N_CHANGED_1] = "{1} actividad modificada",
    [WP_L_CH_N_CHANGED] = "{1} actividades modificadas",
    [WP_L_CH_N_ADDED_1] = "{1} añadida",
    [WP_L_CH_N_ADDED] = "{1} añadidas",
    [WP_L_CH_N_REMOVED_1] = "{1} eliminada",
    [WP_L_CH_N_REMOVED] = "{1} eliminadas",
    [WP_L_CH_N_OTHER_1] = "{1} otro cambio",
    [WP_L_CH_N_OTHER] = "{1} otros cambios",
    [WP_L_CH_LIST_SEP] = ", ",
    [WP_L_CH_QUOTE] = "«{1}»",
    [WP_L_CH_FIELD_IN_LANG] = "{1} ({2})",
    [WP_L_CH_FIELD_CHANGED] = "{1}: {2} pasa a ser {3} en lugar de {4}",
    [WP_L_CH_FIELD_SET] = "{1}: se añade {2}: {3}",
    [WP_L_CH_FIELD_CLEARED] = "{1}: se elimina {2} (era {3})",
    [WP_L_CH_ACT_ADDED] = "{1} añadida a {2}, liderada por {3}, {4}",
    [WP_L_CH_ACT_REMOVED] = "{1} eliminada de {2}",
    [WP_L_CH_ACT_MOVED] = "{1} pasa de {2} a {3}",
    [WP_L_CH_ACT_MOVED_AS] = "{1} pasa de {2} a {3} como {4}",
    [WP_L_CH_ACT_RENAMED] = "{1} pasa a ser {2}",
    [WP_L_CH_STARTS] = "{1} ahora comienza en {2} en lugar de {3}",
    [WP_L_CH_ENDS] = "{1} ahora termina en {2} en lugar de {3}",
    [WP_L_CH_LED_BY] = "{1} ahora está liderada por {2} en lugar de {3}",
    [WP_L_CH_STATUS] = "{1}: el estado pasa a ser {2} en lugar de {3}",
    [WP_L_CH_REPORTED_STATUS] = "{1}: el estado informado pasa a ser {2} en lugar de {3}",
    [WP_L_CH_PROGRESS] = "{1}: el avance pasa a ser {2} % en lugar de {3} %",
    [WP_L_CH_REPORTED_PROGRESS] = "{1}: el avance informado pasa a ser {2} % en lugar de {3} %",
    [WP_L_CH_AREA_ADDED] = "Área {1} añadida: {2}",
    [WP_L_CH_AREA_REMOVED] = "Área {1} eliminada: {2}",
    [WP_L_CH_AREA_MOVED] = "El área {1} pasa a ser la número {2} en lugar de la {3}",
    [WP_L_CH_PARTY_ADDED] = "Parte {1} añadida: {2}",
    [WP_L_CH_PARTY_REMOVED] = "Parte {1} eliminada: {2}",
    [WP_L_CH_MEMBER_ADDED] = "{1}: {2} pasa a ser miembro",
    [WP_L_CH_MEMBER_REMOVED] = "{1}: {2} deja de ser miembro",
    [WP_L_CH_SUBTITLE] = "Subtítulo",
    [WP_L_CH_LANGUAGES] = "Idiomas",
    [WP_L_CH_NAME] = "Nombre",
    [WP_L_CH_MEASURED] = "Indicador medido",
    [WP_L_CH_INDICATOR_TEXT] = "Indicador",
    [WP_L_CH_UNIT] = "Unidad",
    [WP_L_CH_TARGET] = "Meta",
    [WP_L_CH_BASELINE] = "Línea de base",
    [WP_L_CH_BY] = "Plazo",
    [WP_L_CH_INDICATOR_ADDED] = "{1}: se añade el indicador medido {2}: {3}, meta {4} para {5}",
    [WP_L_CH_INDICATOR_REMOVED] = "{1}: se elimina el indicador medido {2}: {3}",
    [WP_L_CH_VALUE] = "{1}: {2} informado ahora en {3} en lugar de {4}",
    [WP_L_CH_VALUE_FIRST] = "{1}: primer valor informado de {2}: {3}",
    [WP_L_CH_VALUE_GONE] = "{1}: {2} ya no tiene valor informado (era {3})",
    [WP_L_CH_EVENT_ADDED] = "Evento registrado: {1}, {2}",
    [WP_L_CH_EVENT_REMOVED] = "Evento retirado del registro: {1}, {2}",
    [WP_L_CH_WITH_UNIT] = "{1} {2}",
    [WP_L_PARTIES] = "Partes",
    [WP_L_PARTY] = "Parte",
    [WP_L_MEMBERS] = "Miembros",
    [WP_L_COUNTRY] = "País",
    [WP_L_PERIOD] = "Período",
    [WP_L_ADOPTED] = "Adoptado",
    [WP_L_ADOPTED_ON] = "Adoptado el {1}",
    [WP_L_VERSION] = "Versión",
    [WP_L_AS_OF] = "al {1}",
    /* results */
    [WP_L_RES_RESULTS] = "Resultados",
    [WP_L_RES_INDICATOR] = "Indicador",
    [WP_L_RES_UNIT] = "Unidad",
    [WP_L_RES_BASELINE] = "Línea de base",
    [WP_L_RES_TARGET] = "Meta",
    [WP_L_RES_BY] = "para {1}",
    [WP_L_RES_LATEST] = "Último valor",
    [WP_L_RES_SHARE] = "Avance hacia la meta",
    [WP_L_RES_NO_VALUE] = "sin informar aún",
    [WP_L_RES_LOWER_BETTER] = "menos es mejor",
    [WP_L_RES_ON_TRACK] = "según lo previsto",
    [WP_L_RES_BEHIND] = "con retraso",
    [WP_L_RES_REACHED] = "alcanzada",
    [WP_L_RES_GLANCE] = "Resultados de un vistazo",
    [WP_L_RES_MEASURED] = "Indicadores medidos",
    [WP_L_RES_REPORTED] = "Informados",
    [WP_L_RES_ON_TRACK_COL] = "Según lo previsto",
    [WP_L_RES_REACHED_COL] = "Alcanzados",
    [WP_L_RES_GLANCE_NOTE] = "Según lo previsto al {1}: en el glosario se explica cómo se evalúa.",
    [WP_L_RES_RECORD] = "Registro de la implementación",
    [WP_L_RES_RECORD_INTRO] = "Hechos fechados relativos al plan, por orden de fecha, con las "
                              "actividades a las que se refieren.",
    [WP_L_RES_LINK] = "Enlace",
    [WP_L_RES_EVENTS] = "Registro",
    [WP_L_RES_DECIMAL_MARK] = ",",
    [WP_L_RES_DIGIT_GROUP] = "\xc2\xa0", /* a no-break space */
    [WP_L_RES_GROUP_MIN] = "5",
    [WP_L_RES_GLOSSARY_SHARE] = "Avance hacia la meta",
    [WP_L_RES_GLOSSARY_SHARE_TEXT] =
        "La parte del camino entre la línea de base y la meta que ha recorrido el último valor: "
        "(valor − línea de base) ÷ (meta − línea de base). Se lee igual si más o menos es mejor; "
        "bajo 0 % el valor se alejó de la meta, sobre 100 % la superó.",
    [WP_L_RES_GLOSSARY_ON_TRACK_TEXT] =
        "Un indicador medido va según lo previsto cuando su último valor ha recorrido al menos la "
        "parte del camino hacia la meta que corresponde al tiempo transcurrido: los días desde el "
        "inicio de su actividad hasta la fecha de este documento ({1}), sobre los días desde ese "
        "inicio hasta la fecha de la meta. Un indicador que alcanzó su meta va según lo previsto; "
        "uno sin valor, no.",
    [WP_L_RES_GLOSSARY_REACHED_TEXT] = "El último valor alcanzó la meta: igual o superior a ella, "
                                       "o igual o inferior cuando menos es mejor.",
    [WP_L_RES_GLOSSARY_LOWER_TEXT] = "La meta es inferior a la línea de base: el indicador debe "
                                     "bajar (días de despacho, emisiones).",
    [WP_L_SHEET_INDICATORS] = "Indicadores",
    [WP_L_IND_BY] = "Fecha de la meta",
    [WP_L_IND_EXPECTED] = "Esperado a la fecha",
    [WP_L_IND_VALUE] = "Valor",
    [WP_L_IND_DATE] = "Fecha de medición",
    [WP_L_IND_YES] = "Sí",
    [WP_L_IND_NO] = "No",
    [WP_L_IND_HOW_TO] = "Cómo informar los indicadores",
    [WP_L_IND_HOW_TO_STEPS] =
        "1. Abra la hoja Indicadores. Cada fila es un indicador medido de una actividad de este "
        "libro, con su línea de base, su meta y la fecha en que vence la meta.\n"
        "2. Modifique solo las columnas en blanco: Valor, Fecha de medición y Nota. Escriba el "
        "valor como número, en la unidad indicada, y la fecha en que se midió.\n"
        "3. Cada fila muestra el último valor informado; reemplácelo por el nuevo valor y su "
        "fecha. Los valores anteriores se conservan en el registro.\n"
        "4. Esperado a la fecha es el valor que la meta exige en la fecha en que se generó este "
        "libro, si el avance fuera parejo desde el inicio de la actividad hasta la fecha de la "
        "meta. Según lo previsto indica si el valor avanzó desde la línea de base al menos esa "
        "parte del camino hacia la meta (si la meta es menor que la línea de base, menos es "
        "mejor).",
    [WP_L_IND_NONE_HERE] = "Ninguna actividad de este libro tiene indicadores medidos.",
    [WP_L_IND_VALIDATE_VALUE] = "Indique un número, en la unidad del indicador.",
    [WP_L_ID] = "ID",
    [WP_L_TITLE] = "Título",
    [WP_L_DESCRIPTION] = "Descripción",
    [WP_L_LEAD] = "Responsable",
    [WP_L_PARTNERS] = "Socios",
    [WP_L_TIMEFRAME] = "Plazo",
    [WP_L_START] = "Inicio",
    [WP_L_END] = "Fin",
    [WP_L_STATUS] = "Estado",
    [WP_L_PROGRESS] = "Avance",
    [WP_L_PROGRESS_PCT] = "Avance %",
    [WP_L_LATEST_NOTE] = "Última nota de avance",
    [WP_L_LAST_UPDATE] = "Última actualización",
    [WP_L_REPORTED_BY] = "Informado por",
    [WP_L_NOTE] = "Nota",
    [WP_L_OUTPUTS] = "Productos esperados",
    [WP_L_INDICATORS] = "Indicadores",
    [WP_L_SDGS] = "Objetivos de Desarrollo Sostenible",
    [WP_L_SDG_SHORT] = "ODS",
    [WP_L_FOCAL_POINT] = "Punto focal",
    [WP_L_LINKS] = "Enlaces",
    [WP_L_MODALITY] = "Modalidad",
    [WP_L_LEADS] = "Lidera",
    [WP_L_TAKES_PART] = "Participa en",
    [WP_L_NONE] = "Ninguna", /* agrees with "actividades", "modalidades" */
    [WP_L_NOT_REPORTED] = "Sin informes aún",
    [WP_L_OVERDUE] = "Vencida",
    [WP_L_OVERDUE_DESCRIPTION] =
        "Su fecha de fin ya pasó y no está completada ni cancelada: la fila se resalta.",
    /* accessibility */
    [WP_L_A11Y_SWATCH] = "Color del estado {1}",
    [WP_L_A11Y_PROGRESS] = "Avance {1} %",
    [WP_L_A11Y_BAR] = "{1}, {2}",
    [WP_L_QUARTER_ABBR] = "T{1} {2}",
    [WP_L_HALF_ABBR] = "S{1} {2}",
    [WP_L_MONTH_YEAR] = "{1} de {2}",
    [WP_L_DATE_LONG] = "{1} de {2} de {3}",
    [WP_L_RANGE] = "{1} – {2}",
    [WP_L_SHEET_ABOUT] = "Acerca de",
    [WP_L_SHEET_TRACKER] = "Seguimiento",
    [WP_L_SHEET_SUMMARY] = "Resumen",
    [WP_L_SHEET_TIMELINE] = "Cronograma",
    [WP_L_BUILD_DATE] = "Generado el",
    [WP_L_FOR_MEMBER] = "Preparado para {1}",
    [WP_L_FOR_ALL_MEMBERS] = "Preparado para todos los miembros",
    [WP_L_MEMBER_NO_ACTIVITIES] = "Aún ninguna actividad de este plan involucra a este miembro.",
    [WP_L_HOW_TO_FILL] = "Cómo completar este libro",
    [WP_L_HOW_TO_FILL_STEPS] =
        "1. Abra la hoja Seguimiento. Cada fila es una actividad del plan.\n"
        "2. Modifique solo las columnas en blanco: Estado, Avance %, Última actualización, "
        "Informado por y Nota. Las demás columnas están bloqueadas.\n"
        "3. Elija el estado en la lista desplegable e indique el avance como número entero "
        "de 0 a 100.\n"
        "4. Indique la fecha de su informe en Última actualización; una fila sin fecha no "
        "puede incorporarse.\n"
        "5. Guarde el libro en formato Excel (.xlsx) con su propio nombre y envíelo a la "
        "secretaría.",
    [WP_L_EDITABLE_COLUMNS] = "Columnas editables",
    [WP_L_AVERAGE_PROGRESS] = "Avance promedio %",
    [WP_L_ALL_ACTIVITIES] = "Todas las actividades",
    [WP_L_CHART_STATUS_BY_AREA] = "Estado por área",
    [WP_L_CHART_ALL] = "Todas las actividades por estado",
    [WP_L_VALIDATE_STATUS] = "Elija un estado de la lista.",
    [WP_L_VALIDATE_PROGRESS] = "Indique un número entero de 0 a 100.",
    [WP_L_VALIDATE_DATE] = "Indique una fecha igual o posterior al {1}.",
    [WP_L_VALIDATE_REPORTER] = "Elija un miembro de la lista.",
    [WP_L_YEAR] = "Año",
    [WP_L_QUARTER] = "Trimestre",
    /* import and reliability */
};

static const char *const en_statuses[WP_STATUS_COUNT] = {
    "Planned", "Ongoing", "Completed", "Delayed", "Cancelled",
};
static const char *const es_statuses[WP_STATUS_COUNT] = {
    "Planificada", "En curso", "Completada", "Retrasada", "Cancelada",
};

static const char *const en_status_descs[WP_STATUS_COUNT] = {
    "Agreed in the plan; work has not started.",
    "Work has started and is under way.",
    "Finished; its outputs have been delivered.",
    "Behind its timeframe; still expected to go ahead.",
    "Will not be carried out.",
};
static const char *const es_status_descs[WP_STATUS_COUNT] = {
    "Acordada en el plan; el trabajo no ha comenzado.",
    "El trabajo ha comenzado y está en marcha.",
    "Terminada; sus productos se han entregado.",
    "Atrasada respecto de su plazo; se prevé que continúe.",
    "No se llevará a cabo.",
};

static const char *const en_months[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};
static const char *const es_months[12] = {
    "enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
    "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre",
};

static const char *const en_sdgs[17] = {
    "No Poverty",
    "Zero Hunger",
    "Good Health and Well-being",
    "Quality Education",
    "Gender Equality",
    "Clean Water and Sanitation",
    "Affordable and Clean Energy",
    "Decent Work and Economic Growth",
    "Industry, Innovation and Infrastructure",
    "Reduced Inequalities",
    "Sustainable Cities and Communities",
    "Responsible Consumption and Production",
    "Climate Action",
    "Life Below Water",
    "Life on Land",
    "Peace, Justice and Strong Institutions",
    "Partnerships for the Goals",
};
static const char *const es_sdgs[17] = {
    "Fin de la pobreza",
    "Hambre cero",
    "Salud y bienestar",
    "Educación de calidad",
    "Igualdad de género",
    "Agua limpia y saneamiento",
    "Energía asequible y no contaminante",
    "Trabajo decente y crecimiento económico",
    "Industria, innovación e infraestructura",
    "Reducción de las desigualdades",
    "Ciudades y comunidades sostenibles",
    "Producción y consumo responsables",
    "Acción por el clima",
    "Vida submarina",
    "Vida de ecosistemas terrestres",
    "Paz, justicia e instituciones sólidas",
    "Alianzas para lograr los objetivos",
};

static const struct catalogue catalogues[] = {
    {"en", en_labels, en_statuses, en_status_descs, en_months, en_sdgs},
    {"es", es_labels, es_statuses, es_status_descs, es_months, es_sdgs},
};
enum { N_CATALOGUES = sizeof(catalogues) / sizeof(catalogues[0]) };

static const struct catalogue *find(const char *lang)
{
    for (size_t i = 0; lang && i < N_CATALOGUES; i++)
        if (wp_lang_equal(catalogues[i].lang, lang))
            return &catalogues[i];
    return &catalogues[0];
}

bool wp_label_has_language(const char *lang)
{
    for (size_t i = 0; lang && i < N_CATALOGUES; i++)
        if (wp_lang_equal(catalogues[i].lang, lang))
            return true;
    return false;
}

const char *wp_label(const char *lang, enum wp_label label)
{
    if ((unsigned)label >= WP_L_COUNT)
        return "";
    const char *s = find(lang)->labels[label];
    return s ? s : en_labels[label] ? en_labels[label] : "";
}

const char *wp_status_label(const char *lang, enum wp_status status)
{
    return (unsigned)status < WP_STATUS_COUNT ? find(lang)->statuses[status] : "";
}

const char *wp_status_description(const char *lang, enum wp_status status)
{
    return (unsigned)status < WP_STATUS_COUNT ? find(lang)->status_descs[status] : "";
}

const char *wp_month_name(const char *lang, int month)
{
    return month >= 1 && month <= 12 ? find(lang)->months[month - 1] : "";
}

const char *wp_sdg_name(const char *lang, int goal)
{
    return goal >= 1 && goal <= 17 ? find(lang)->sdgs[goal - 1] : "";
}

/* ASCII case-insensitive equality; non-ASCII bytes must match exactly. */
static bool same_word(const char *a, size_t alen, const char *b)
{
    if (strlen(b) != alen)
        return false;
    for (size_t i = 0; i < alen; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

int wp_status_from_label(const char *text)
{
    if (!text)
        return -1;
    while (*text == ' ' || *text == '\t')
        text++;
    size_t len = strlen(text);
    while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
        len--;
    for (int s = 0; s < WP_STATUS_COUNT; s++) {
        if (same_word(text, len, wp_status_word((enum wp_status)s)))
            return s;
        for (size_t c = 0; c < N_CATALOGUES; c++)
            if (same_word(text, len, catalogues[c].statuses[s]))
                return s;
    }
    return -1;
}

size_t wp_label_fill(char *buf, size_t size, const char *tmpl, const char *const *args,
                     size_t n_args)
{
    size_t out = 0;
    for (const char *p = tmpl; *p; p++) {
        const char *piece = p;
        size_t len = 1;
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
            size_t k = (size_t)(p[1] - '1');
            piece = k < n_args && args[k] ? args[k] : "";
            len = strlen(piece);
            p += 2;
        }
        for (size_t i = 0; i < len; i++, out++)
            if (out + 1 < size)
                buf[out] = piece[i];
    }
    if (size)
        buf[out < size ? out : size - 1] = '\0';
    return out;
}

size_t wp_format_date(char *buf, size_t size, const char *lang, struct wp_date d)
{
    char day[8], year[8];
    snprintf(day, sizeof(day), "%d", d.day % 100);
    snprintf(year, sizeof(year), "%d", d.year % 10000);
    const char *args[] = {day, wp_month_name(lang, d.month), year};
    return wp_label_fill(buf, size, wp_label(lang, WP_L_DATE_LONG), args, 3);
}

size_t wp_format_period(char *buf, size_t size, const char *lang, const struct wp_period *p)
{
    char part[8], year[8];
    snprintf(part, sizeof(part), "%d", p->part % 100);
    snprintf(year, sizeof(year), "%d", p->year % 10000);
    switch (p->kind) {
    case WP_PERIOD_YEAR:
        return wp_label_fill(buf, size, "{1}", (const char *[]){year}, 1);
    case WP_PERIOD_HALF:
        return wp_label_fill(buf, size, wp_label(lang, WP_L_HALF_ABBR),
                             (const char *[]){part, year}, 2);
    case WP_PERIOD_QUARTER:
        return wp_label_fill(buf, size, wp_label(lang, WP_L_QUARTER_ABBR),
                             (const char *[]){part, year}, 2);
    case WP_PERIOD_MONTH: {
        /* a month name opens a sentence-like phrase: capitalise the ASCII first letter */
        char month[32];
        snprintf(month, sizeof(month), "%s", wp_month_name(lang, p->part));
        if (month[0] >= 'a' && month[0] <= 'z')
            month[0] = (char)(month[0] - 'a' + 'A');
        return wp_label_fill(buf, size, wp_label(lang, WP_L_MONTH_YEAR),
                             (const char *[]){month, year}, 2);
    }
    case WP_PERIOD_DAY:
        return wp_format_date(buf, size, lang, wp_period_first_day(p));
    }
    return 0;
}

size_t wp_format_timeframe(char *buf, size_t size, const char *lang, const struct wp_period *start,
                           const struct wp_period *end)
{
    char a[64], b[64];
    wp_format_period(a, sizeof(a), lang, start);
    wp_format_period(b, sizeof(b), lang, end);
    if (strcmp(a, b) == 0)
        return wp_label_fill(buf, size, "{1}", (const char *[]){a}, 1);
    return wp_label_fill(buf, size, wp_label(lang, WP_L_RANGE), (const char *[]){a, b}, 2);
}

size_t wp_label_n_languages(void)
{
    return N_CATALOGUES;
}

const char *wp_label_language(size_t i)
{
    return i < N_CATALOGUES ? catalogues[i].lang : NULL;
}

const char *wp_label_lookup(const char *lang, enum wp_label label)
{
    for (size_t i = 0; lang && i < N_CATALOGUES; i++)
        if (wp_lang_equal(catalogues[i].lang, lang))
            return (unsigned)label < WP_L_COUNT ? catalogues[i].labels[label] : NULL;
    return NULL;
}
