/*
 * Every rule of the format, a good and a bad case each, asserting the
 * diagnostic's code and position. Cases are a base plan with one line
 * replaced and/or lines appended to its first activity.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

static const char *const base_lines[] = {
    /*  1 */ "format: workplan/1",
    /*  2 */ "plan:",
    /*  3 */ "  id: t",
    /*  4 */ "  title: T",
    /*  5 */ "  parties: [PA]",
    /*  6 */ "  period: {from: 2021, to: 2025}",
    /*  7 */ "  version: '1'",
    /*  8 */ "  languages: [en, es]",
    /*  9 */ "parties:",
    /* 10 */ "  PA: {name: P, members: [CL, PE]}",
    /* 11 */ "countries: {CL: Chile, PE: {en: Peru, es: Perú}}",
    /* 12 */ "areas:",
    /* 13 */ "  - id: ECO",
    /* 14 */ "    title: E",
    /* 15 */ "    activities:",
    /* 16 */ "      - id: ECO-01",
    /* 17 */ "        title: A",
    /* 18 */ "        lead: [PA]",
    /* 19 */ "        start: 2022",
    /* 20 */ "        end: 2023",
};
enum { N_BASE = sizeof(base_lines) / sizeof(base_lines[0]) };

struct rule_case {
    const char *name;
    int line;            /* base line to replace, 0 = none */
    const char *replace; /* its replacement ("" deletes the line... kept as a blank line) */
    const char *extra;   /* appended after line 20 */
    enum wp_diag_code code;
    unsigned at_line, at_col;
    enum wp_severity severity;
};

static char *make_plan(const struct rule_case *c)
{
    size_t cap = 4096 + (c->extra ? strlen(c->extra) : 0) + (c->replace ? strlen(c->replace) : 0);
    char *s = malloc(cap);
    s[0] = '\0';
    for (int i = 0; i < N_BASE; i++) {
        strcat(s, c->line == i + 1 ? c->replace : base_lines[i]);
        strcat(s, "\n");
    }
    if (c->extra)
        strcat(s, c->extra);
    return s;
}

static const struct rule_case cases[] = {
    /* format and top level */
    {"format wrong", 1, "format: workplan/2", NULL, WP_DIAG_FORMAT, 1, 9, WP_SEV_ERROR},
    {"format progress", 1, "format: workplan-progress/1", NULL, WP_DIAG_FORMAT, 1, 9, WP_SEV_ERROR},
    {"format missing", 1, "# no format", NULL, WP_DIAG_MISSING_KEY, 2, 1, WP_SEV_ERROR},
    {"unknown top key", 0, NULL, "colour: red\n", WP_DIAG_UNKNOWN_KEY, 21, 1, WP_SEV_ERROR},
    {"top key suggestion", 0, NULL, "countrys: {}\n", WP_DIAG_UNKNOWN_KEY, 21, 1, WP_SEV_ERROR},
    /* plan: */
    {"plan id malformed", 3, "  id: Bad_Id", NULL, WP_DIAG_MALFORMED, 3, 7, WP_SEV_ERROR},
    {"plan id starts with dash", 3, "  id: -x", NULL, WP_DIAG_MALFORMED, 3, 7, WP_SEV_ERROR},
    {"plan title missing", 4, "  subtitle: S", NULL, WP_DIAG_MISSING_KEY, 3, 3, WP_SEV_ERROR},
    {"plan title empty", 4, "  title: ''", NULL, WP_DIAG_VALUE, 4, 10, WP_SEV_ERROR},
    {"plan title a list", 4, "  title: [a]", NULL, WP_DIAG_TYPE, 4, 10, WP_SEV_ERROR},
    {"plan title null", 4, "  title:", NULL, WP_DIAG_TYPE, 4, 9, WP_SEV_ERROR},
    {"plan key typo", 4, "  titel: T", NULL, WP_DIAG_UNKNOWN_KEY, 4, 3, WP_SEV_ERROR},
    {"period to before from", 6, "  period: {from: 2024, to: 2022}", NULL, WP_DIAG_ORDER, 6, 28,
     WP_SEV_ERROR},
    {"period quoted year", 6, "  period: {from: '2021', to: 2025}", NULL, WP_DIAG_TYPE, 6, 18,
     WP_SEV_ERROR},
    {"period missing to", 6, "  period: {from: 2021}", NULL, WP_DIAG_MISSING_KEY, 6, 11,
     WP_SEV_ERROR},
    {"period fractional", 6, "  period: {from: 2021.5, to: 2025}", NULL, WP_DIAG_TYPE, 6, 18,
     WP_SEV_ERROR},
    {"adopted not a day", 7, "  adopted: 2021-02-30", NULL, WP_DIAG_MALFORMED, 7, 12, WP_SEV_ERROR},
    {"version missing", 7, "  adopted: 2021-11-24", NULL, WP_DIAG_MISSING_KEY, 3, 3, WP_SEV_ERROR},
    {"language malformed", 8, "  languages: [en, Spanish]", NULL, WP_DIAG_MALFORMED, 8, 19,
     WP_SEV_ERROR},
    {"language twice", 8, "  languages: [en, en]", NULL, WP_DIAG_DUPLICATE_ID, 8, 19, WP_SEV_ERROR},
    {"plan parties empty", 5, "  parties: []", NULL, WP_DIAG_VALUE, 5, 12, WP_SEV_ERROR},
    {"plan party undeclared", 5, "  parties: [PA, EU]", NULL, WP_DIAG_UNDECLARED, 5, 17,
     WP_SEV_ERROR},
    /* parties: and countries: */
    {"party id malformed", 10, "  pa: {name: P, members: [CL, PE]}", NULL, WP_DIAG_MALFORMED, 10, 3,
     WP_SEV_ERROR},
    {"party members empty", 10, "  PA: {name: P, members: []}", NULL, WP_DIAG_VALUE, 10, 26,
     WP_SEV_ERROR},
    {"party member undeclared", 10, "  PA: {name: P, members: [CL, BR]}", NULL, WP_DIAG_UNDECLARED,
     10, 31, WP_SEV_ERROR},
    {"party member malformed", 10, "  PA: {name: P, members: [CL, Peru]}", NULL, WP_DIAG_MALFORMED,
     10, 31, WP_SEV_ERROR},
    {"party name missing", 10, "  PA: {members: [CL, PE]}", NULL, WP_DIAG_MISSING_KEY, 10, 7,
     WP_SEV_ERROR},
    {"party id clashes with country", 10,
     "  PA: {name: P, members: [CL, PE]}\n  PE: {name: X, members: [PE]}", NULL, WP_DIAG_ID_CLASH,
     11, 3, WP_SEV_ERROR},
    {"country code malformed", 11, "countries: {CL: Chile, PE: Peru, Chl: Chile}", NULL,
     WP_DIAG_MALFORMED, 11, 34, WP_SEV_ERROR},
    {"country text undeclared language", 11, "countries: {CL: Chile, PE: {en: Peru, fr: Pérou}}",
     NULL, WP_DIAG_UNDECLARED, 11, 39, WP_SEV_ERROR},
    {"missing translation warning", 11, "countries: {CL: Chile, PE: {en: Peru}}", NULL,
     WP_DIAG_MISSING_TRANSLATION, 11, 28, WP_SEV_WARNING},
    {"duplicate key", 11, "countries: {CL: Chile, PE: Peru, CL: Chili}", NULL,
     WP_DIAG_DUPLICATE_KEY, 11, 34, WP_SEV_ERROR},
    /* areas */
    {"area id malformed", 13, "  - id: E", NULL, WP_DIAG_MALFORMED, 13, 9, WP_SEV_ERROR},
    {"area title missing", 14, "    summary: S", NULL, WP_DIAG_MISSING_KEY, 13, 5, WP_SEV_ERROR},
    {"area id twice", 0, NULL, "  - id: ECO\n    title: Again\n", WP_DIAG_DUPLICATE_ID, 21, 9,
     WP_SEV_ERROR},
    {"objectives not a list", 14, "    title: E\n    objectives: Objective", NULL, WP_DIAG_TYPE, 15,
     17, WP_SEV_ERROR},
    /* activities */
    {"activity id without area prefix", 16, "      - id: EDU-01", NULL, WP_DIAG_MALFORMED, 16, 13,
     WP_SEV_ERROR},
    {"activity id lowercase suffix", 16, "      - id: ECO-a1", NULL, WP_DIAG_MALFORMED, 16, 13,
     WP_SEV_ERROR},
    {"activity id twice", 0, NULL,
     "      - id: ECO-01\n        title: B\n        lead: [PA]\n        start: 2022\n"
     "        end: 2022\n",
     WP_DIAG_DUPLICATE_ID, 21, 13, WP_SEV_ERROR},
    {"activity missing start", 19, "        # no start", NULL, WP_DIAG_MISSING_KEY, 16, 9,
     WP_SEV_ERROR},
    {"lead empty", 18, "        lead: []", NULL, WP_DIAG_VALUE, 18, 15, WP_SEV_ERROR},
    {"lead undeclared", 18, "        lead: [PAC]", NULL, WP_DIAG_UNDECLARED, 18, 16, WP_SEV_ERROR},
    {"lead a country", 18, "        lead: [PE]", NULL, 0, 0, 0, WP_SEV_ERROR},
    {"partner twice", 0, NULL, "        partners: [PE, PE]\n", WP_DIAG_DUPLICATE_ID, 21, 24,
     WP_SEV_ERROR},
    {"partner malformed", 0, NULL, "        partners: [peru]\n", WP_DIAG_MALFORMED, 21, 20,
     WP_SEV_ERROR},
    {"unknown activity key", 0, NULL, "        colour: red\n", WP_DIAG_UNKNOWN_KEY, 21, 9,
     WP_SEV_ERROR},
    {"activity key typo", 0, NULL, "        descripton: D\n", WP_DIAG_UNKNOWN_KEY, 21, 9,
     WP_SEV_ERROR},
    {"title given twice", 0, NULL, "        title: B\n", WP_DIAG_DUPLICATE_KEY, 21, 9,
     WP_SEV_ERROR},
    {"status unknown", 0, NULL, "        status: done\n", WP_DIAG_VALUE, 21, 17, WP_SEV_ERROR},
    {"status valid", 0, NULL, "        status: delayed\n", 0, 0, 0, WP_SEV_ERROR},
    {"progress quoted", 0, NULL, "        progress: \"50\"\n", WP_DIAG_TYPE, 21, 19, WP_SEV_ERROR},
    {"progress out of range", 0, NULL, "        progress: 150\n", WP_DIAG_VALUE, 21, 19,
     WP_SEV_ERROR},
    {"progress negative", 0, NULL, "        progress: -1\n", WP_DIAG_VALUE, 21, 19, WP_SEV_ERROR},
    {"progress 100 not completed", 0, NULL, "        progress: 100\n",
     WP_DIAG_PROGRESS_FULL_NOT_COMPLETED, 21, 19, WP_SEV_WARNING},
    {"completed under 100", 0, NULL, "        status: completed\n        progress: 60\n",
     WP_DIAG_COMPLETED_NOT_FULL, 22, 19, WP_SEV_WARNING},
    {"completed defaults to 100", 0, NULL, "        status: completed\n", 0, 0, 0, WP_SEV_ERROR},
    {"sdg out of range", 0, NULL, "        sdgs: [5, 18]\n", WP_DIAG_VALUE, 21, 19, WP_SEV_ERROR},
    {"sdg zero", 0, NULL, "        sdgs: [0]\n", WP_DIAG_VALUE, 21, 16, WP_SEV_ERROR},
    {"sdgs a scalar", 0, NULL, "        sdgs: 5\n", WP_DIAG_TYPE, 21, 15, WP_SEV_ERROR},
    {"link not http", 0, NULL, "        links: [ftp://x.org]\n", WP_DIAG_MALFORMED, 21, 17,
     WP_SEV_ERROR},
    {"link with space", 0, NULL, "        links: ['https://x.org/a b']\n", WP_DIAG_MALFORMED, 21,
     17, WP_SEV_ERROR},
    {"links valid", 0, NULL, "        links: [https://example.org/a?b=1&c=2, http://x.io]\n", 0, 0,
     0, WP_SEV_ERROR},
    {"outputs text list", 0, NULL, "        outputs: [{en: Report, es: Informe}, Plain]\n", 0, 0, 0,
     WP_SEV_ERROR},
    {"outputs not a list", 0, NULL, "        outputs: Report\n", WP_DIAG_TYPE, 21, 18,
     WP_SEV_ERROR},
    {"modality multi-line", 0, NULL, "        modality: [\"a\\nb\"]\n", WP_DIAG_VALUE, 21, 20,
     WP_SEV_ERROR},
    {"modality translation too long", 0, NULL,
     "        modality: [{en: ok, es: "
     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx}]\n",
     WP_DIAG_VALUE, 21, 33, WP_SEV_ERROR},
    {"modality in undeclared language", 0, NULL, "        modality: [{en: ok, pt: ok}]\n",
     WP_DIAG_UNDECLARED, 21, 29, WP_SEV_ERROR},
    {"description in undeclared language", 0, NULL, "        description: {en: D, pt: D}\n",
     WP_DIAG_UNDECLARED, 21, 30, WP_SEV_ERROR},
    {"text with no language", 0, NULL, "        description: {}\n", WP_DIAG_TYPE, 21, 22,
     WP_SEV_ERROR},
    /* measured indicators (extra lines start at 21: "indicators:", 22: "- id:", 23: text) */
    {"measured indicator valid", 0, NULL,
     "        indicators:\n          - Text\n          - id: TRAINED\n            text: T\n"
     "            unit: {en: people, es: personas}\n            baseline: 2.5\n"
     "            target: 120\n            by: 2023-Q2\n",
     0, 0, 0, WP_SEV_ERROR},
    {"measured lower is better valid", 0, NULL,
     "        indicators:\n          - {id: DAYS, text: Days, baseline: 12, target: -3.25}\n", 0, 0,
     0, WP_SEV_ERROR},
    {"text in several languages with an id key stays a text", 0, NULL,
     "        indicators:\n          - {en: Text, id: Teks}\n", WP_DIAG_UNDECLARED, 22, 24,
     WP_SEV_ERROR},
    {"indicator without target", 0, NULL, "        indicators:\n          - {id: A, text: T}\n",
     WP_DIAG_MISSING_KEY, 22, 13, WP_SEV_ERROR},
    {"indicator target equals baseline", 0, NULL,
     "        indicators:\n          - {id: A, text: T, baseline: 5, target: 5.0}\n", WP_DIAG_VALUE,
     22, 51, WP_SEV_ERROR},
    {"indicator target zero equals default baseline", 0, NULL,
     "        indicators:\n          - {id: A, text: T, target: 0}\n", WP_DIAG_VALUE, 22, 38,
     WP_SEV_ERROR},
    {"indicator id malformed", 0, NULL,
     "        indicators:\n          - {id: trained, text: T, target: 1}\n", WP_DIAG_MALFORMED, 22,
     18, WP_SEV_ERROR},
    {"indicator id too long", 0, NULL,
     "        indicators:\n          - {id: ABCDEFGHIJKLMNOPQ, text: T, target: 1}\n",
     WP_DIAG_MALFORMED, 22, 18, WP_SEV_ERROR},
    {"indicator id longest", 0, NULL,
     "        indicators:\n          - {id: ABCDEFGHIJKLMNO_, text: T, target: 1}\n", 0, 0, 0,
     WP_SEV_ERROR},
    {"indicator id repeated", 0, NULL,
     "        indicators:\n          - {id: A, text: T, target: 1}\n"
     "          - {id: A, text: U, target: 2}\n",
     WP_DIAG_DUPLICATE_ID, 23, 18, WP_SEV_ERROR},
    {"indicator target quoted", 0, NULL,
     "        indicators:\n          - {id: A, text: T, target: '12'}\n", WP_DIAG_TYPE, 22, 38,
     WP_SEV_ERROR},
    {"indicator target inf", 0, NULL,
     "        indicators:\n          - {id: A, text: T, target: .inf}\n", WP_DIAG_TYPE, 22, 38,
     WP_SEV_ERROR},
    {"indicator baseline nan", 0, NULL,
     "        indicators:\n          - {id: A, text: T, baseline: .nan, target: 1}\n", WP_DIAG_TYPE,
     22, 40, WP_SEV_ERROR},
    {"indicator target 16 digits", 0, NULL,
     "        indicators:\n          - {id: A, text: T, target: 1234567890.123456}\n",
     WP_DIAG_VALUE, 22, 38, WP_SEV_ERROR},
    {"indicator target 15 digits", 0, NULL,
     "        indicators:\n          - {id: A, text: T, target: 12345678901234.5}\n", 0, 0, 0,
     WP_SEV_ERROR},
    {"indicator target 1e15 written out (trailing zeros are not significant)", 0, NULL,
     "        indicators:\n          - {id: A, text: T, baseline: 12.500, target: "
     "1000000000000000}\n",
     0, 0, 0, WP_SEV_ERROR},
    {"indicator target too large", 0, NULL,
     "        indicators:\n          - {id: A, text: T, target: 1e400}\n", WP_DIAG_VALUE, 22, 38,
     WP_SEV_ERROR},
    {"indicator by outside the period", 0, NULL,
     "        indicators:\n          - {id: A, text: T, target: 1, by: 2026-Q1}\n",
     WP_DIAG_OUTSIDE_PERIOD, 22, 45, WP_SEV_ERROR},
    {"indicator by not a token", 0, NULL,
     "        indicators:\n          - {id: A, text: T, target: 1, by: soon}\n", WP_DIAG_MALFORMED,
     22, 45, WP_SEV_ERROR},
    {"indicator unknown key", 0, NULL,
     "        indicators:\n          - {id: A, text: T, target: 1, goal: 2}\n", WP_DIAG_UNKNOWN_KEY,
     22, 41, WP_SEV_ERROR},
    {"indicator text missing translation", 0, NULL,
     "        indicators:\n          - {id: A, text: {en: T}, target: 1}\n",
     WP_DIAG_MISSING_TRANSLATION, 22, 27, WP_SEV_WARNING},
    /* time */
    {"end before start", 20, "        end: 2021-Q4", NULL, WP_DIAG_ORDER, 20, 14, WP_SEV_ERROR},
    {"end same token as start", 20, "        end: 2022", NULL, 0, 0, 0, WP_SEV_ERROR},
    {"start before period", 19, "        start: 2019", NULL, WP_DIAG_OUTSIDE_PERIOD, 19, 16,
     WP_SEV_ERROR},
    {"end after period", 20, "        end: 2026-H1", NULL, WP_DIAG_OUTSIDE_PERIOD, 20, 14,
     WP_SEV_ERROR},
    {"quarter 5", 19, "        start: 2022-Q5", NULL, WP_DIAG_MALFORMED, 19, 16, WP_SEV_ERROR},
    {"half 3", 19, "        start: 2022-H3", NULL, WP_DIAG_MALFORMED, 19, 16, WP_SEV_ERROR},
    {"month 13", 19, "        start: 2022-13", NULL, WP_DIAG_MALFORMED, 19, 16, WP_SEV_ERROR},
    {"not a leap day", 19, "        start: 2023-02-29", NULL, WP_DIAG_MALFORMED, 19, 16,
     WP_SEV_ERROR},
    {"leap day", 20, "        end: 2024-02-29", NULL, 0, 0, 0, WP_SEV_ERROR},
    {"every token kind at the edges", 19, "        start: 2021-01-01", NULL, 0, 0, 0, WP_SEV_ERROR},
    {"half at the end", 20, "        end: 2025-H2", NULL, 0, 0, 0, WP_SEV_ERROR},
    {"month at the end", 20, "        end: 2025-12", NULL, 0, 0, 0, WP_SEV_ERROR},
    {"day at the end", 20, "        end: 2025-12-31", NULL, 0, 0, 0, WP_SEV_ERROR},
    {"token a list", 19, "        start: [2022]", NULL, WP_DIAG_TYPE, 19, 16, WP_SEV_ERROR},
    /* YAML level */
    {"syntax error", 0, NULL, "        bad: [1, 2\n", WP_DIAG_YAML_SYNTAX, 22, 1, WP_SEV_ERROR},
    {"tab indentation", 0, NULL, "\tx: 1\n", WP_DIAG_YAML_SYNTAX, 21, 1, WP_SEV_ERROR},
    {"second document", 0, NULL, "---\nformat: workplan/1\n", WP_DIAG_SECOND_DOCUMENT, 21, 1,
     WP_SEV_ERROR},
    {"invalid utf-8", 17, "        title: caf\xe9", NULL, WP_DIAG_INVALID_UTF8, 17, 19,
     WP_SEV_ERROR},
    {"invalid utf-8 after accents", 17, "        title: Perú \xff", NULL, WP_DIAG_INVALID_UTF8, 17,
     21, WP_SEV_ERROR},
    {"overlong utf-8", 17, "        title: \xc0\xaf", NULL, WP_DIAG_INVALID_UTF8, 17, 16,
     WP_SEV_ERROR},
    {"control character", 17, "        title: a\x01", NULL, WP_DIAG_BINARY, 17, 17, WP_SEV_ERROR},
    {"aliases allowed", 18, "        lead: &both [PA, PE]",
     "      - id: ECO-02\n        title: B\n        lead: *both\n        start: 2022\n"
     "        end: 2022\n",
     0, 0, 0, WP_SEV_ERROR},
    {"merge key fills defaults", 18, "        lead: &lead [PA]",
     "      - <<: &defaults {lead: [PE], start: 2023, end: 2024}\n        id: ECO-02\n"
     "        title: B\n        end: 2025\n",
     0, 0, 0, WP_SEV_ERROR},
    {"merge key with an unknown key", 0, NULL,
     "      - <<: {lead: [PE], start: 2023, end: 2024, colour: red}\n        id: ECO-02\n"
     "        title: B\n",
     WP_DIAG_UNKNOWN_KEY, 21, 50, WP_SEV_ERROR},
    {"merge key of a scalar", 0, NULL,
     "      - <<: 5\n        id: ECO-02\n        title: B\n        lead: [PA]\n"
     "        start: 2022\n        end: 2022\n",
     WP_DIAG_TYPE, 21, 13, WP_SEV_ERROR},
    {"unknown alias", 18, "        lead: *nothing", NULL, WP_DIAG_YAML_SYNTAX, 18, 15,
     WP_SEV_ERROR},
    {"explicit str tag makes a string", 0, NULL, "        progress: !!str 50\n", WP_DIAG_TYPE, 21,
     19, WP_SEV_ERROR},
};

static void test_base_plan_is_valid(void **state)
{
    (void)state;
    struct rule_case none = {0};
    char *yaml = make_plan(&none);
    struct loaded l;
    load_strings(&l, yaml, NULL);
    if (l.diags.n)
        dump_diags(&l.diags);
    assert_int_equal(l.diags.n, 0);
    assert_int_equal(l.plan->n_activities, 1);
    assert_string_equal(l.plan->activities[0]->id, "ECO-01");
    loaded_release(&l);
    free(yaml);
}

static void test_rules(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct rule_case *c = &cases[i];
        char *yaml = make_plan(c);
        struct loaded l;
        load_strings(&l, yaml, NULL);
        bool ok;
        if (!c->code) {
            ok = l.diags.n == 0;
        } else {
            ok = false;
            for (size_t k = 0; k < l.diags.n; k++) {
                const struct wp_diag *d = &l.diags.items[k];
                if (d->code == c->code && d->pos.line == c->at_line && d->pos.col == c->at_col &&
                    d->severity == c->severity)
                    ok = true;
            }
        }
        if (!ok) {
            fprintf(stderr, "case '%s': expected [%s] at %u:%u, got:\n", c->name,
                    c->code ? wp_diag_code_name(c->code) : "nothing", c->at_line, c->at_col);
            dump_diags(&l.diags);
            failures++;
        }
        loaded_release(&l);
        free(yaml);
    }
    assert_int_equal(failures, 0);
}

/* A mapping's own keys override what `<<` merges in. */
static void test_merge_key_override(void **state)
{
    (void)state;
    struct rule_case c = {
        .extra = "      - <<: {lead: [PE], start: 2023, end: 2024}\n        id: ECO-02\n"
                 "        title: B\n        end: 2025\n",
    };
    char *yaml = make_plan(&c);
    struct loaded l;
    load_strings(&l, yaml, NULL);
    assert_int_equal(l.diags.n, 0);
    const struct wp_activity *a = wp_plan_find_activity(l.plan, "ECO-02");
    assert_non_null(a);
    assert_string_equal(a->lead.items[0].s, "PE");
    assert_int_equal(a->start.year, 2023);
    assert_int_equal(a->end.year, 2025);
    loaded_release(&l);
    free(yaml);
}

/* A modality is text: a plain word stays valid, and one per language is shown in each. */
static void test_modality_text(void **state)
{
    (void)state;
    struct rule_case c = {
        .extra = "        modality: [workshop, {en: organization, es: organización}]\n"};
    char *yaml = make_plan(&c);
    struct loaded l;
    load_strings(&l, yaml, NULL);
    assert_int_equal(l.diags.n, 0);
    const struct wp_activity *a = wp_plan_find_activity(l.plan, "ECO-01");
    assert_non_null(a);
    assert_int_equal(a->modality.n, 2);
    assert_string_equal(wp_text_get(l.plan, &a->modality.items[0], "es"), "workshop");
    assert_string_equal(wp_text_get(l.plan, &a->modality.items[1], "en"), "organization");
    assert_string_equal(wp_text_get(l.plan, &a->modality.items[1], "es"), "organización");
    assert_int_equal(a->modality.items[1].pos.line, 21);
    assert_int_equal(a->modality.items[1].pos.col, 30);
    loaded_release(&l);
    free(yaml);
}

static void test_did_you_mean(void **state)
{
    (void)state;
    struct rule_case c = {.line = 4, .replace = "  titel: T"};
    char *yaml = make_plan(&c);
    struct loaded l;
    load_strings(&l, yaml, NULL);
    const struct wp_diag *d = find_diag(&l.diags, WP_DIAG_UNKNOWN_KEY);
    assert_non_null(d);
    assert_string_equal(d->message, "unknown key 'titel' in 'plan' (did you mean 'title'?)");
    loaded_release(&l);
    free(yaml);
}

static void test_every_problem_in_one_run(void **state)
{
    (void)state;
    struct rule_case c = {
        .line = 3,
        .replace = "  id: Bad_Id",
        .extra = "        status: done\n        progress: 150\n        colour: red\n",
    };
    char *yaml = make_plan(&c);
    struct loaded l;
    load_strings(&l, yaml, NULL);
    /* each problem with its code, at its place (in whatever order they are found) */
    static const struct {
        enum wp_diag_code code;
        unsigned line, col;
    } want[] = {
        {WP_DIAG_MALFORMED, 3, 7},    /* id: Bad_Id */
        {WP_DIAG_VALUE, 21, 17},      /* status: done */
        {WP_DIAG_VALUE, 22, 19},      /* progress: 150 */
        {WP_DIAG_UNKNOWN_KEY, 23, 9}, /* colour: red */
    };
    size_t n_want = sizeof(want) / sizeof(want[0]);
    assert_int_equal(l.diags.n_errors, n_want);
    assert_int_equal(l.diags.n, n_want);
    for (size_t i = 0; i < n_want; i++) {
        const struct wp_diag *d = NULL;
        for (size_t k = 0; k < l.diags.n && !d; k++)
            if (l.diags.items[k].pos.line == want[i].line &&
                l.diags.items[k].pos.col == want[i].col)
                d = &l.diags.items[k];
        if (!d)
            fail_msg("no diagnostic at %u:%u", want[i].line, want[i].col);
        assert_int_equal(d->severity, WP_SEV_ERROR);
        assert_int_equal(d->code, want[i].code);
    }
    loaded_release(&l);
    free(yaml);
}

static void test_duplicate_id_names_both_places(void **state)
{
    (void)state;
    struct rule_case c = {
        .extra = "      - id: ECO-01\n        title: B\n        lead: [PA]\n        start: 2022\n"
                 "        end: 2022\n",
    };
    char *yaml = make_plan(&c);
    struct loaded l;
    load_strings(&l, yaml, NULL);
    const struct wp_diag *d = find_diag(&l.diags, WP_DIAG_DUPLICATE_ID);
    assert_non_null(d);
    assert_string_equal(d->message, "activity id 'ECO-01' used twice (first at 16:13)");
    loaded_release(&l);
    free(yaml);
}

static void test_defaults(void **state)
{
    (void)state;
    const char *yaml = "format: workplan/1\n"
                       "plan: {id: p, title: T, parties: [A1], period: {from: 2021, to: 2022},"
                       " version: 1.0}\n"
                       "parties: {A1: {name: A, members: [CL]}}\n"
                       "countries: {CL: Chile}\n"
                       "areas:\n"
                       "  - id: AR\n"
                       "    title: Area\n"
                       "    activities:\n"
                       "      - {id: AR-1, title: X, lead: [CL], start: 2021, end: 2022,"
                       " status: completed}\n";
    struct loaded l;
    load_strings(&l, yaml, NULL);
    assert_int_equal(l.diags.n, 0);
    assert_string_equal(l.plan->version, "1.0");
    assert_int_equal(l.plan->languages.n, 1);
    assert_string_equal(l.plan->languages.items[0].s, "en");
    const struct wp_activity *a = l.plan->activities[0];
    assert_int_equal(a->status, WP_STATUS_COMPLETED);
    assert_int_equal(a->progress, 100);
    assert_int_equal(a->current.progress, 100);
    assert_ptr_equal(wp_plan_find_activity(l.plan, "AR-1"), a);
    assert_null(wp_plan_find_activity(l.plan, "AR-2"));
    loaded_release(&l);
}

static void test_limits(void **state)
{
    (void)state;
    struct wp_limits lim;
    wp_limits_default(&lim);
    lim.max_file_bytes = 10;
    struct wp_diags d;
    wp_diags_init(&d);
    struct wp_plan *plan = NULL;
    assert_int_equal(wp_plan_load_buffer("p", "format: workplan/1\n", 19, &lim, &plan, &d), WP_OK);
    assert_non_null(find_diag(&d, WP_DIAG_LIMIT));
    wp_plan_free(plan);
    wp_diags_release(&d);

    /* a 64 KiB scalar and 32 levels of nesting are accepted; 65 levels are not */
    wp_limits_default(&lim);
    char *big = malloc(70000);
    memset(big, 'x', 65536);
    strcpy(big + 65536, "\n");
    char *doc = malloc(70100);
    snprintf(doc, 70100, "a: %s", big);
    wp_diags_init(&d);
    wp_plan_load_buffer("p", doc, strlen(doc), &lim, &plan, &d);
    assert_null(find_diag(&d, WP_DIAG_LIMIT));
    wp_plan_free(plan);
    wp_diags_release(&d);
    for (int depth = 32; depth <= 65; depth += 33) {
        char nest[200] = "a: ";
        for (int i = 0; i < depth; i++)
            strcat(nest, "[");
        for (int i = 0; i < depth; i++)
            strcat(nest, "]");
        wp_diags_init(&d);
        wp_plan_load_buffer("p", nest, strlen(nest), &lim, &plan, &d);
        /* the root mapping is one level, so 32 brackets are 33 levels: accepted */
        if (depth == 32)
            assert_null(find_diag(&d, WP_DIAG_LIMIT));
        else
            assert_non_null(find_diag(&d, WP_DIAG_LIMIT));
        wp_plan_free(plan);
        wp_diags_release(&d);
    }
    free(big);
    free(doc);
}

static void test_alias_bomb(void **state)
{
    (void)state;
    char doc[4096] = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; i++) {
        char line[200];
        snprintf(line, sizeof(line),
                 "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, "
                 "*a%d, *a%d]\n",
                 i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
        strcat(doc, line);
    }
    struct wp_diags d;
    wp_diags_init(&d);
    struct wp_plan *plan = NULL;
    wp_plan_load_buffer("bomb", doc, strlen(doc), NULL, &plan, &d);
    const struct wp_diag *lim = find_diag(&d, WP_DIAG_LIMIT);
    assert_non_null(lim);
    assert_string_equal(lim->message, "aliases expand to too many nodes (limit 100000)");
    wp_plan_free(plan);
    wp_diags_release(&d);
}

static void test_diagnostics_are_bounded(void **state)
{
    (void)state;
    /* 5,000 unknown keys: stored up to the default limit, all counted */
    size_t cap = 5000 * 16 + 64;
    char *doc = malloc(cap);
    size_t n = 0;
    for (int i = 0; i < 5000; i++)
        n += (size_t)snprintf(doc + n, cap - n, "k%d: 1\n", i);
    struct wp_diags d;
    wp_diags_init(&d);
    struct wp_plan *plan = NULL;
    wp_plan_load_buffer("many", doc, n, NULL, &plan, &d);
    assert_int_equal(d.n, 1000);
    assert_true(d.n_errors >= 5000);
    wp_plan_free(plan);
    wp_diags_release(&d);
    free(doc);
}

/* The reader checks input in 64 KiB chunks: sequences split across chunks are fine,
 * and a bad byte far into the file is reported at its exact line and column. */
static void test_chunked_input_positions(void **state)
{
    (void)state;
    size_t cap = 300000;
    char *doc = malloc(cap);
    size_t n = 0;
    int line = 0;
    while (n < 200000) {
        line++;
        n += (size_t)snprintf(doc + n, cap - n, "k%d: \"ééé ệ %d\"\n", line, line);
    }
    n += (size_t)snprintf(doc + n, cap - n, "bad: \"ab\xff\"\n");
    struct wp_diags d;
    wp_diags_init(&d);
    struct wp_plan *plan = NULL;
    wp_plan_load_buffer("big", doc, n, NULL, &plan, &d);
    const struct wp_diag *bad = find_diag(&d, WP_DIAG_INVALID_UTF8);
    assert_non_null(bad);
    assert_int_equal(bad->pos.line, (unsigned)line + 1);
    assert_int_equal(bad->pos.col, 9);
    assert_int_equal(d.n_errors, 1);
    wp_plan_free(plan);
    wp_diags_release(&d);
    free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base_plan_is_valid),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_merge_key_override),
        cmocka_unit_test(test_modality_text),
        cmocka_unit_test(test_did_you_mean),
        cmocka_unit_test(test_every_problem_in_one_run),
        cmocka_unit_test(test_duplicate_id_names_both_places),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_alias_bomb),
        cmocka_unit_test(test_diagnostics_are_bounded),
        cmocka_unit_test(test_chunked_input_positions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
