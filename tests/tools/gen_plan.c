/*
 * Test and benchmark tool: prints a valid `workplan/1` plan with N
 * activities (or, with --progress, a matching progress file with about N/2
 * updates). Deterministic for the same N, seed and languages. With
 * --measured K every activity also gets K measured indicators (M1..MK,
 * alternately higher and lower is better), and the progress file reports
 * values for them; K 0 (the default) gives exactly the plans of before.
 *
 *   gen_plan N [--seed S] [--langs en|en,es] [--progress] [--measured K]
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((rng_state >> 33) % n);
}

#define PICK(arr) (arr)[rnd(sizeof(arr) / sizeof((arr)[0]))]

struct pair {
    const char *en, *es;
};

static const char *const areas[][3] = {
    {"ECO", "Economic cooperation", "Cooperación económica"},
    {"EDU", "Education and people-to-people contact", "Educación y contacto entre los pueblos"},
    {"STI", "Science, technology and innovation, smart cities and connectivity",
     "Ciencia, tecnología e innovación, ciudades inteligentes y conectividad"},
    {"ENV", "Environment and sustainable development", "Medio ambiente y desarrollo sostenible"},
    {"REC", "Post-pandemic economic recovery", "Recuperación económica pospandemia"},
};
static const char *const countries[][3] = {
    {"CL", "Chile", "Chile"},
    {"CO", "Colombia", "Colombia"},
    {"MX", "Mexico", "México"},
    {"PE", "Peru", "Perú"},
    {"BN", "Brunei Darussalam", "Brunéi Darussalam"},
    {"KH", "Cambodia", "Camboya"},
    {"ID", "Indonesia", "Indonesia"},
    {"LA", "Lao PDR", "Laos"},
    {"MY", "Malaysia", "Malasia"},
    {"MM", "Myanmar", "Myanmar"},
    {"PH", "Philippines", "Filipinas"},
    {"SG", "Singapore", "Singapur"},
    {"TH", "Thailand", "Tailandia"},
    {"VN", "Việt Nam", "Vietnam"},
};
static const struct pair leads[] = {
    {"Regional workshop on", "Taller regional sobre"},
    {"Joint study on", "Estudio conjunto sobre"},
    {"Exchange of experiences in", "Intercambio de experiencias en"},
    {"Capacity-building programme on", "Programa de fortalecimiento de capacidades en"},
    {"Policy dialogue on", "Diálogo de políticas sobre"},
    {"Webinar series on", "Ciclo de seminarios web sobre"},
    {"Pilot project on", "Proyecto piloto sobre"},
};
static const struct pair topics[] = {
    {"trade and investment promotion", "promoción del comercio y la inversión"},
    {"digital economy and cross-border e-commerce",
     "economía digital y comercio electrónico transfronterizo"},
    {"MSME internationalisation", "internacionalización de las mipymes"},
    {"economic empowerment of women", "empoderamiento económico de las mujeres"},
    {"technical and vocational education", "educación técnica y profesional"},
    {"sustainable tourism in Perú and Việt Nam", "turismo sostenible en Perú y Việt Nam"},
    {"smart cities and urban data", "ciudades inteligentes y datos urbanos"},
    {"marine waste management", "gestión de residuos marinos"},
    {"the circular economy", "la economía circular"},
    {"post-pandemic recovery with a gender focus",
     "la recuperación pospandemia con enfoque de género"},
};
static const struct pair sentences[] = {
    {"The activity brings together officials from both regions to share experiences.",
     "La actividad reúne a funcionarios de ambas regiones para compartir experiencias."},
    {"Sessions will be held in Lima, Ciudad de México and Hà Nội, and online.",
     "Las sesiones se realizarán en Lima, Ciudad de México y Hà Nội, y en línea."},
    {"A “lessons learned” note will be circulated to the National Coordinators.",
     "Una nota de “lecciones aprendidas” se enviará a los Coordinadores Nacionales."},
    {"The results will feed into the annual review of the Work Plan 2021–2025.",
     "Los resultados alimentarán la revisión anual del Plan de Trabajo 2021–2025."},
    {"Gender balance among speakers and participants is a requirement.",
     "El equilibrio de género entre ponentes y participantes es un requisito."},
    {"Experts from universities and the private sector will contribute to each session.",
     "Expertos de universidades y del sector privado contribuirán en cada sesión."},
};
static const struct pair outputs[] = {
    {"Workshop report with policy recommendations", "Informe del taller con recomendaciones"},
    {"Comparative study published in English and Spanish",
     "Estudio comparativo en inglés y español"},
    {"Online toolkit for practitioners", "Caja de herramientas en línea"},
    {"Database of good practices", "Base de datos de buenas prácticas"},
};
static const struct pair indicators[] = {
    {"Number of officials trained (target: 40)", "Número de funcionarios capacitados (meta: 40)"},
    {"Number of member countries taking part", "Número de países miembros participantes"},
    {"Share of women among participants", "Proporción de mujeres entre los participantes"},
};
static const struct pair notes[] = {
    {"Two workshops held in Lima and Jakarta.", "Dos talleres realizados en Lima y Yakarta."},
    {"Terms of reference agreed; consultant hired.", "Términos de referencia acordados."},
    {"Postponed until the host country confirms dates.", "Aplazado hasta confirmar fechas."},
    {"Final report circulated – see the minutes.", "Informe final enviado – ver el acta."},
};
static const char *const statuses[] = {"planned", "ongoing", "completed", "delayed", "cancelled"};
static const char *const modalities[] = {"workshop", "exchange", "study", "webinar", "training"};

static int bilingual;

/* A list item of text, plain or per language. */
static void text_item(const char *ind, struct pair p)
{
    if (bilingual && rnd(2))
        printf("%s- {en: \"%s\", es: \"%s\"}\n", ind, p.en, p.es);
    else
        printf("%s- \"%s\"\n", ind, p.en);
}

/* Double-quoted YAML scalar: our texts hold no quote or backslash. */
static void text(const char *ind, const char *key, struct pair p)
{
    if (bilingual && rnd(2))
        printf("%s%s: {en: \"%s\", es: \"%s\"}\n", ind, key, p.en, p.es);
    else
        printf("%s%s: \"%s\"\n", ind, key, p.en);
}

static void token(int year, int kind, int end, char *buf, size_t size)
{
    switch (kind) {
    case 0:
        snprintf(buf, size, "%d", year);
        break;
    case 1:
        snprintf(buf, size, "%d-H%d", year, end ? 2 : 1);
        break;
    case 2:
        snprintf(buf, size, "%d-Q%d", year, end ? 3 + (int)rnd(2) : 1 + (int)rnd(2));
        break;
    case 3:
        snprintf(buf, size, "%d-%02d", year, end ? 7 + (int)rnd(6) : 1 + (int)rnd(6));
        break;
    default:
        snprintf(buf, size, "%d-%02d-%02d", year, end ? 12 : 1, end ? 31 : 1 + (int)rnd(28));
        break;
    }
}

static int measured; /* measured indicators per activity */

/* K measured indicators: even ones count up from a small baseline, odd ones down. */
static void print_measured(void)
{
    static const struct pair what[] = {
        {"Officials trained", "Funcionarios capacitados"},
        {"Days to clear customs", "Días de despacho aduanero"},
        {"Firms taking part", "Empresas participantes"},
        {"Tonnes of plastic waste landfilled", "Toneladas de residuos plásticos en vertedero"},
    };
    static const struct pair units[] = {
        {"people", "personas"}, {"days", "días"}, {"firms", "empresas"}, {"tonnes", "toneladas"}};
    for (int j = 0; j < measured; j++) {
        bool up = j % 2 == 0;
        printf("          - id: M%d\n", j + 1);
        text("            ", "text", what[j % 4]);
        text("            ", "unit", units[j % 4]);
        if (up)
            printf("            baseline: %d\n            target: %d\n", (int)rnd(10),
                   50 + 10 * (int)rnd(45));
        else
            printf("            baseline: %d.5\n            target: %d\n", 50 + (int)rnd(50),
                   5 + (int)rnd(15));
    }
}

static void print_plan(int n)
{
    printf("format: workplan/1\nplan:\n  id: pa-asean-2021-2025\n");
    printf("  title: \"Pacific Alliance – ASEAN Work Plan 2021–2025 (benchmark)\"\n");
    printf("  parties: [PA, ASEAN]\n  period: {from: 2021, to: 2025}\n  adopted: 2021-11-24\n");
    printf("  version: \"1.0\"\n  languages: [%s]\n", bilingual ? "en, es" : "en");
    printf("  foreword: \"Generated plan with %d activities for benchmarks.\"\n", n);
    printf("parties:\n  PA:\n    name: \"Pacific Alliance\"\n    members: [CL, CO, MX, PE]\n");
    printf("  ASEAN:\n    name: \"Association of Southeast Asian Nations\"\n");
    printf("    members: [BN, KH, ID, LA, MY, MM, PH, SG, TH, VN]\ncountries:\n");
    for (size_t i = 0; i < 14; i++)
        text("  ", countries[i][0], (struct pair){countries[i][1], countries[i][2]});
    printf("areas:\n");
    int done = 0;
    for (int a = 0; a < 5; a++) {
        int count = a == 4 ? n - done : n / 5;
        printf("  - id: %s\n", areas[a][0]);
        text("    ", "title", (struct pair){areas[a][1], areas[a][2]});
        printf("    summary: \"Cooperation in %s.\"\n", areas[a][1]);
        printf("    objectives: [\"Share experiences\", \"Build joint projects\"]\n");
        printf("    activities:\n");
        for (int k = 0; k < count; k++) {
            struct pair lead = PICK(leads), topic = PICK(topics);
            char en[256], es[256], start[16], end[16];
            snprintf(en, sizeof(en), "%s %s", lead.en, topic.en);
            snprintf(es, sizeof(es), "%s %s", lead.es, topic.es);
            int y0 = 2021 + (int)rnd(4), y1 = y0 + (int)rnd((unsigned)(2026 - y0));
            int kind = (int)rnd(5);
            token(y0, kind, 0, start, sizeof(start));
            token(y1, kind, 1, end, sizeof(end));
            int status = (int)rnd(5);
            printf("      - id: %s-%04d\n", areas[a][0], k + 1);
            text("        ", "title", (struct pair){en, es});
            printf("        description: \"");
            for (int s = 0, ns = 2 + (int)rnd(3); s < ns; s++)
                printf("%s%s", s ? " " : "", PICK(sentences).en);
            printf("\"\n");
            printf("        lead: [%s]\n",
                   rnd(3) ? (rnd(2) ? "PA" : "ASEAN") : countries[rnd(14)][0]);
            printf("        partners: [%s, %s]\n", countries[rnd(7)][0], countries[7 + rnd(7)][0]);
            printf("        start: %s\n        end: %s\n", start, end);
            printf("        status: %s\n", statuses[status]);
            printf("        progress: %d\n", status == 2   ? 100
                                             : status == 0 ? 0
                                                           : 5 + 5 * (int)rnd(18));
            printf("        modality: [%s]\n", PICK(modalities));
            printf("        outputs:\n");
            for (int o = 0, no = 1 + (int)rnd(3); o < no; o++)
                text_item("          ", PICK(outputs));
            printf("        indicators:\n");
            text_item("          ", PICK(indicators));
            print_measured();
            printf("        sdgs: [%d, %d]\n", 1 + (int)rnd(8), 9 + (int)rnd(9));
            printf("        focal_point: \"Ministerio de Comercio Exterior, %s\"\n",
                   countries[rnd(14)][2]);
            printf("        links: [https://example.org/activities/%s-%04d]\n", areas[a][0], k + 1);
        }
        done += count;
    }
}

static void print_progress(int n)
{
    printf("format: workplan-progress/1\nplan: pa-asean-2021-2025\nupdates:\n");
    int per_area = n / 5;
    for (int i = 0; i < n / 2; i++) {
        int a = (int)rnd(5), count = a == 4 ? n - 4 * per_area : per_area;
        if (count <= 0)
            continue;
        struct pair note = PICK(notes);
        printf("  - activity: %s-%04d\n", areas[a][0], 1 + (int)rnd((unsigned)count));
        printf("    date: %d-%02d-%02d\n", 2022 + (int)rnd(3), 1 + (int)rnd(12), 1 + (int)rnd(28));
        printf("    status: %s\n    progress: %d\n", statuses[1 + rnd(2)], 10 * (int)rnd(10));
        printf("    reported_by: %s\n", countries[rnd(14)][0]);
        text("    ", "note", note);
        for (int j = 0; j < measured; j++) {
            if (j == 0)
                printf("    indicators: {");
            /* values spread around the way from baseline to target, some past it */
            int v = j % 2 == 0 ? (int)rnd(500) : 5 + (int)rnd(90);
            printf("%sM%d: %d%s", j ? ", " : "", j + 1, v, j == measured - 1 ? "}\n" : "");
        }
    }
}

int main(int argc, char **argv)
{
    int n = -1, progress = 0;
    unsigned long seed = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            seed = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--langs") == 0 && i + 1 < argc)
            bilingual = strchr(argv[++i], ',') != NULL;
        else if (strcmp(argv[i], "--progress") == 0)
            progress = 1;
        else if (strcmp(argv[i], "--measured") == 0 && i + 1 < argc)
            measured = atoi(argv[++i]);
        else
            n = atoi(argv[i]);
    }
    if (n < 0) {
        fputs("usage: gen_plan N [--seed S] [--langs en|en,es] [--progress] [--measured K]\n",
              stderr);
        return 2;
    }
    rng_state = seed * 2654435761u + 1;
    if (progress)
        print_progress(n);
    else
        print_plan(n);
    return 0;
}
