/*
 * Test tool: writes the tracking workbook with wp_xlsx_write, from a YAML
 * plan (with its progress.yaml beside it when there is one) or from a
 * synthetic plan built in memory (for tests and timing before and beside
 * the loader).
 *
 *     xlsx-demo PLAN|synthetic:N OUT.xlsx [--lang LANG] [--member CODE] [--time T]
 *
 * Exit 0 written, 1 invalid plan, 2 usage, 3 export failure; diagnostics on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model_internal.h"
#include "workplan/workplan.h"

/*
 * libxlsxwriter 1.1.4 leaks its copy of a list-formula validation (a few
 * bytes per workbook, tests/lsan.supp); LeakSanitizer reads this hook by name.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libxlsxwriter.so\n";
}

const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
    return "print_suppressions=0";
}

static struct wp_text text2(struct wp_arena *a, const char *en, const char *es)
{
    struct wp_text_item *it = WP_ARENA_NEW(a, struct wp_text_item, 2);
    it[0] = (struct wp_text_item){.lang = "en", .value = wp_arena_strdup(a, en)};
    it[1] = (struct wp_text_item){.lang = "es", .value = wp_arena_strdup(a, es)};
    return (struct wp_text){.items = it, .n_items = 2};
}

static struct wp_str_list strs(struct wp_arena *a, const char *const *v, size_t n)
{
    struct wp_str_list l = {.items = WP_ARENA_NEW(a, struct wp_str, n ? n : 1), .n = n};
    for (size_t i = 0; i < n; i++)
        l.items[i].s = v[i];
    return l;
}

/* A plan shaped like a real one, with hostile texts among the titles and notes. */
static struct wp_plan *synthetic(size_t n)
{
    static const char *const langs[] = {"en", "es"};
    static const char *const pa[] = {"CL", "CO", "MX", "PE"};
    static const char *const asean[] = {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"};
    static const char *const parties[] = {"PA", "ASEAN"};
    static const char *const codes[] = {"CL", "CO", "MX", "PE", "BN", "KH", "ID",
                                        "LA", "MY", "MM", "PH", "SG", "TH", "VN"};
    static const char *const names_en[] = {
        "Chile",   "Colombia", "Mexico",  "Peru",        "Brunei",    "Cambodia", "Indonesia",
        "Lao PDR", "Malaysia", "Myanmar", "Philippines", "Singapore", "Thailand", "Viet Nam"};
    static const char *const names_es[] = {
        "Chile", "Colombia", "México",  "Perú",      "Brunéi",   "Camboya",   "Indonesia",
        "Laos",  "Malasia",  "Myanmar", "Filipinas", "Singapur", "Tailandia", "Vietnam"};
    static const char *const titles[] = {"=1+1 is not a formula", "+cmd|' /C calc'!A0",
                                         "-starts with a minus", "@SUM(A1)",
                                         "Exchange on trade facilitation in Đà Nẵng and Lima"};
    struct wp_plan *plan = wp_plan_new();
    struct wp_arena *a = &plan->priv->arena;
    plan->file = "synthetic";
    plan->format = "workplan/1";
    plan->id = "synthetic-plan";
    plan->version = "1.0";
    plan->title = text2(a, "Synthetic Work Plan 2021–2025", "Plan de trabajo sintético 2021–2025");
    plan->parties = strs(a, parties, 2);
    plan->period_from = 2021;
    plan->period_to = 2025;
    plan->adopted = (struct wp_date){2021, 11, 24};
    plan->languages = strs(a, langs, 2);

    plan->n_parties = 2;
    plan->party_list = WP_ARENA_NEW(a, struct wp_party, 2);
    plan->party_list[0] =
        (struct wp_party){.id = "PA",
                          .name = text2(a, "Pacific Alliance", "Alianza del Pacífico"),
                          .members = strs(a, pa, 4)};
    plan->party_list[1] =
        (struct wp_party){.id = "ASEAN",
                          .name = text2(a, "Association of Southeast Asian Nations",
                                        "Asociación de Naciones del Sudeste Asiático"),
                          .members = strs(a, asean, 10)};
    plan->n_countries = 14;
    plan->countries = WP_ARENA_NEW(a, struct wp_country, 14);
    for (size_t i = 0; i < 14; i++)
        plan->countries[i] =
            (struct wp_country){.code = codes[i], .name = text2(a, names_en[i], names_es[i])};

    size_t n_areas = 6;
    plan->n_areas = n_areas;
    plan->areas = WP_ARENA_NEW(a, struct wp_area, n_areas);
    static const char *const area_ids[] = {"ECO", "EDU", "SCI", "ENV", "TOU", "GOV"};
    static const char *const area_en[] = {
        "Economic cooperation", "Education and youth", "Science, technology and innovation",
        "Environment",          "Tourism and culture", "Governance"};
    static const char *const area_es[] = {
        "Cooperación económica", "Educación y juventud", "Ciencia, tecnología e innovación",
        "Medio ambiente",        "Turismo y cultura",    "Gobernanza"};
    for (size_t k = 0; k < n_areas; k++) {
        struct wp_area *ar = &plan->areas[k];
        ar->id = area_ids[k];
        ar->title = text2(a, area_en[k], area_es[k]);
        /* the last area stays empty: an area may have no activities yet */
        size_t count = k + 1 == n_areas ? 0 : n / (n_areas - 1) + (k < n % (n_areas - 1));
        ar->n_activities = count;
        ar->activities = WP_ARENA_NEW(a, struct wp_activity, count ? count : 1);
        for (size_t j = 0; j < count; j++) {
            struct wp_activity *act = &ar->activities[j];
            size_t g = j * 7 + k * 3; /* a counter that mixes statuses across areas */
            char buf[160];
            snprintf(buf, sizeof buf, "%s-%02zu", ar->id, j + 1);
            act->id = wp_arena_strdup(a, buf);
            const char *t = titles[g % 5];
            snprintf(buf, sizeof buf, "%s (%zu)", t, j + 1);
            char bufes[160];
            snprintf(bufes, sizeof bufes, "%s (%zu) – versión española", t, j + 1);
            act->title = text2(a, buf, bufes);
            const char *lead[] = {g % 3 == 0 ? "PA" : codes[g % 14]};
            act->lead = strs(a, lead, 1);
            const char *partners[] = {"ASEAN", codes[(g + 5) % 14]};
            act->partners = strs(a, partners, g % 4 == 0 ? 0 : g % 2 + 1);
            int y0 = 2021 + (int)(g % 4);
            act->start =
                (struct wp_period){.kind = WP_PERIOD_QUARTER, .year = y0, .part = (int)(g % 4) + 1};
            act->end =
                (struct wp_period){.kind = WP_PERIOD_HALF, .year = y0 + (int)(g % 2), .part = 2};
            act->status = (enum wp_status)(g % WP_STATUS_COUNT);
            act->progress = act->status == WP_STATUS_COMPLETED ? 100 : (int)(g * 7 % 100);
        }
    }
    wp_plan_index(plan);
    wp_progress_apply(plan, NULL);
    /* a few reported updates, as the progress file would give them */
    for (size_t i = 0; i < plan->n_activities; i += 3) {
        struct wp_activity *act = (struct wp_activity *)plan->activities[i];
        act->current.updated = (struct wp_date){2023, 6, 30};
        act->current.reported_by = codes[i % 14];
        act->current.note = text2(a,
                                  i % 2 ? "=HYPERLINK(\"http://x\") stays text"
                                        : "Two workshops held in Lima and Jakarta.",
                                  "Se realizaron dos talleres en Lima y Yakarta.");
        act->current.n_updates = 1;
    }
    return plan;
}

/* The plan and its progress.yaml (beside it, when there is one), checked and applied. */
static int load(const char *path, struct wp_plan **plan, struct wp_progress **progress,
                struct wp_diags *diags)
{
    if (wp_plan_load_file(path, NULL, plan, diags) != WP_OK)
        return 3;
    const char *slash = strrchr(path, '/');
    struct wp_buf p = WP_BUF_INIT;
    wp_buf_add(&p, path, slash ? (size_t)(slash - path) + 1 : 0);
    wp_buf_adds(&p, "progress.yaml");
    FILE *f = fopen(p.data, "r");
    if (f) {
        fclose(f);
        if (wp_progress_load_file(p.data, NULL, progress, diags) != WP_OK) {
            wp_buf_release(&p);
            return 3;
        }
    }
    wp_buf_release(&p);
    wp_check(*plan, *progress, &(struct wp_check_options){.today = {0, 0, 0}}, diags);
    if (diags->n_errors)
        return 1;
    wp_progress_apply(*plan, *progress);
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: xlsx-demo PLAN|synthetic:N OUT.xlsx [--lang LANG] [--member CODE] "
                    "[--time T]\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return usage();
    struct wp_xlsx_options opt = {0};
    for (int i = 3; i < argc; i++) {
        if (i + 1 >= argc)
            return usage();
        if (strcmp(argv[i], "--lang") == 0)
            opt.lang = argv[++i];
        else if (strcmp(argv[i], "--member") == 0)
            opt.member = argv[++i];
        else if (strcmp(argv[i], "--time") == 0)
            opt.build_time = (time_t)strtoll(argv[++i], NULL, 10);
        else
            return usage();
    }
    struct wp_diags diags;
    wp_diags_init(&diags);
    struct wp_plan *plan = NULL;
    struct wp_progress *progress = NULL;
    int rc = 0;
    if (strncmp(argv[1], "synthetic:", 10) == 0)
        plan = synthetic((size_t)strtoul(argv[1] + 10, NULL, 10));
    else
        rc = load(argv[1], &plan, &progress, &diags);
    if (!rc && !opt.build_time &&
        wp_build_time(plan, progress, getenv("SOURCE_DATE_EPOCH"), &opt.build_time) != WP_OK)
        rc = 2;
    enum wp_error err = rc ? WP_OK : wp_xlsx_write(plan, &opt, argv[2], &diags);
    for (size_t i = 0; i < diags.n; i++) {
        char line[1024];
        wp_diag_format(&diags.items[i], line, sizeof line);
        fprintf(stderr, "%s\n", line);
    }
    if (err)
        rc = err == WP_ERR_ARGUMENT ? 2 : 3;
    wp_plan_free(plan);
    wp_progress_free(progress);
    wp_diags_release(&diags);
    return rc;
}
