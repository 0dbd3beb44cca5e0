"""The edits of the golden diff tests: real edits to copies of plan/ and samples/.

Each case is (name, base, edit of the plan, edit of NEW's progress file or None).
An edit is a list of (old, new) text replacements applied in order; each `old`
must occur. `base` names files in tests/diff/base/: <base>.yaml and, when it
exists, <base>.progress.yaml (copied beside both plans as progress.yaml).
"""

ECO01_BLOCK_START = "      - id: ECO-01\n"

CASES = [
    # ---- how the YAML is written: no change ------------------------------------
    ("noop-moved-block", "workplan", [
        # the countries block moved above the parties block
        ("parties:\n  PA:", "COUNTRIES_HERE\nparties:\n  PA:"),
        ("countries:\n  # Pacific Alliance (members in 2021)\n", "countries_moved:\n"),
    ], None),
    ("noop-reflowed-string", "workplan", [
        ("          en: Organization of investment and trade activities between the member "
         "countries of both blocs.\n",
         "          en: >-\n            Organization of investment and trade activities\n"
         "            between the member countries of both blocs.\n"),
    ], None),
    ("noop-anchors", "workplan", [
        ("        lead: [PA, ASEAN]     # not published: both blocs\n",
         "        lead: &both [PA, ASEAN]\n"),
        ("      - id: ECO-02\n", "      - id: ECO-02\n        partners: []\n"),
        ("        lead: [PA, ASEAN]\n        start: 2021-Q4\n        end: 2025-Q4\n"
         "        status: planned\n        progress: 0\n        modality: [promotion]\n"
         "        sdgs: [8, 9]          # editorial\n      - id: ECO-03",
         "        lead: *both\n        start: 2021-Q4\n        end: 2025-Q4\n"
         "        status: planned\n        progress: 0\n        modality: [promotion]\n"
         "        sdgs: [8, 9]\n      - id: ECO-03"),
    ], None),
    ("noop-keys-reordered", "workplan", [
        ("  version: \"1.0\"\n", ""),
        ("plan:\n  id: pa-asean-2021-2025\n", "plan:\n  version: '1.0'\n  id: pa-asean-2021-2025\n"),
        ("        lead: [PA, ASEAN]     # not published: both blocs\n"
         "        start: 2021-Q4        # not published: from adoption (24 Nov 2021)\n"
         "        end: 2025-Q4          # not published: to the end of the plan period\n",
         "        end: 2025-Q4\n        start: 2021-Q4\n        lead: [PA, ASEAN]\n"),
    ], None),
    ("noop-comments-and-flow", "other", [
        ("  period: {from: 2024, to: 2027}\n", "  period:\n    to: 2027\n    from: 2024\n"),
        ("        lead: [CL]                    # a country leads\n", "        lead:\n          - CL\n"),
        ("        start: 2024-Q1                # quarter tokens\n", "        start: \"2024-Q1\"\n"),
    ], None),
    # ---- the plan's facts -------------------------------------------------------
    ("plan-title-es", "other", [
        ("    es: Red Universitaria de Resiliencia Costera – Programa de Trabajo Conjunto 2024–2027\n",
         "    es: Red Universitaria de Resiliencia Costera – Programa Conjunto 2024–2027\n"),
    ], None),
    ("plan-subtitle-removed", "other", [
        ("  subtitle:\n    en: Approved by the Network Council at its meeting in Montevideo\n"
         "    es: Aprobado por el Consejo de la Red en su reunión de Montevideo\n", ""),
    ], None),
    ("plan-version", "other", [("  version: \"2.1\"\n", "  version: \"2.2\"\n")], None),
    ("plan-period", "other", [("  period: {from: 2024, to: 2027}\n", "  period: {from: 2024, to: 2028}\n")], None),
    ("plan-adopted", "other", [("  adopted: 2024-02-15\n", "  adopted: 2024-03-01\n")], None),
    ("plan-languages", "minimal", [("  version: \"1\"\n", "  version: \"1\"\n  languages: [en, es]\n")], None),
    ("party-name", "other", [("    name: {en: Atlantic chapter, es: Capítulo Atlántico}\n",
                              "    name: {en: Atlantic chapter, es: Sección Atlántica}\n")], None),
    ("party-members", "other", [
        ("    members: [AR, ES, PT, UY]\n", "    members: [AR, BR, ES, UY]\n"),
        ("  AR: Argentina\n", "  AR: Argentina\n  BR: {en: Brazil, es: Brasil}\n"),
    ], None),
    ("party-added", "other", [
        ("  parties: [ATL, PAC]\n", "  parties: [ATL, PAC, OBS]\n"),
        ("parties:\n  ATL:\n", "parties:\n  OBS:\n    name: {en: Observers, es: Observadores}\n"
         "    members: [BR]\n  ATL:\n"),
        ("  AR: Argentina\n", "  AR: Argentina\n  BR: {en: Brazil, es: Brasil}\n"),
    ], None),
    # ---- areas ------------------------------------------------------------------
    ("area-added", "other", [
        ("  - id: DAT\n", "  - id: GOV\n    title: {en: Governance, es: Gobernanza}\n    activities:\n"
         "      - id: GOV-01\n        title: {en: Network statutes, es: Estatutos de la red}\n"
         "        lead: [AR]\n        start: 2025-Q1\n        end: 2025-Q4\n\n  - id: DAT\n"),
    ], None),
    ("area-removed", "other", [("  - id: DAT\n", "  - id: DAT\n    REMOVE_TO_END\n")], [
        # its activities' updates go with it
        ("  - activity: DAT-01\n    date: 2025-01-20\n    status: ongoing\n    progress: 60\n"
         "    reported_by: ES\n    note: {en: Portal online in beta with 12 datasets., es: Portal en "
         "línea en versión beta con 12 conjuntos de datos.}\n\n", ""),
    ]),
    ("area-retitled", "other", [("    title: {en: Training and mobility, es: Formación y movilidad}\n",
                                 "    title: {en: Training and staff mobility, es: Formación y movilidad}\n")], None),
    ("areas-reordered", "other", [("  - id: EDU\n", "MOVE_DAT_HERE\n  - id: EDU\n")], None),
    # ---- activities -------------------------------------------------------------
    ("activity-added", "workplan", [
        ("  - id: STI\n",
         "      - id: EDU-05\n        title: {en: Spanish language courses, es: Cursos de español}\n"
         "        lead: [PE]\n        start: 2025-Q1\n        end: 2025-Q4\n  - id: STI\n"),
    ], None),
    ("activity-removed", "other", [
        ("      - id: RES-04\n        title: {en: Sea-level rise scenarios for port cities, es: Escenarios "
         "de aumento del nivel del mar para ciudades portuarias}\n        lead: [ES]\n"
         "        partners: [PT, UY, AR]\n        start: 2026                   # year tokens\n"
         "        end: 2027\n        status: planned\n        progress: 0\n        modality: [study]\n"
         "        sdgs: [11, 13]\n", ""),
    ], None),
    ("activity-moved", "other", [
        ("      - id: RES-04\n        title: {en: Sea-level rise scenarios for port cities, es: Escenarios "
         "de aumento del nivel del mar para ciudades portuarias}\n        lead: [ES]\n"
         "        partners: [PT, UY, AR]\n        start: 2026                   # year tokens\n"
         "        end: 2027\n        status: planned\n        progress: 0\n        modality: [study]\n"
         "        sdgs: [11, 13]\n", ""),
        ("        sdgs: [11]\n",
         "        sdgs: [11]\n      - id: DAT-04\n        title: {en: Sea-level rise scenarios for port "
         "cities, es: Escenarios de aumento del nivel del mar para ciudades portuarias}\n"
         "        lead: [ES]\n        partners: [PT, UY, AR]\n        start: 2026\n        end: 2027\n"
         "        status: planned\n        progress: 0\n        modality: [study]\n        sdgs: [11, 13]\n"),
    ], None),
    ("act-title", "other", [("{en: Joint doctoral research calls, es:", "{en: Joint doctoral calls, es:")], None),
    ("act-description", "other", [
        ("        lead: [ATL, PAC]              # both parties\n",
         "        description: {en: Calls open to every member., es: Convocatorias abiertas a todos los miembros.}\n"
         "        lead: [ATL, PAC]\n"),
    ], None),
    ("act-lead", "workplan", [
        ("        sdgs: [8, 9]          # editorial\n      - id: ECO-04\n", "        sdgs: [8, 9]\n      - id: ECO-04\n"),
        ("      - id: ECO-04\n        title: {en: Cooperation in cybersecurity, es: Cooperación en ciberseguridad}\n"
         "        description:\n          en: Promotion of cooperation in cybersecurity.\n"
         "          es: Promoción de la cooperación en ciberseguridad.\n        lead: [PA, ASEAN]\n",
         "      - id: ECO-04\n        title: {en: Cooperation in cybersecurity, es: Cooperación en ciberseguridad}\n"
         "        description:\n          en: Promotion of cooperation in cybersecurity.\n"
         "          es: Promoción de la cooperación en ciberseguridad.\n        lead: [PE]\n"),
    ], None),
    ("act-partners", "other", [("        partners: [PT, UY, AR]\n", "        partners: [PT, UY]\n")], None),
    ("act-start", "other", [("        start: 2025-03                # month tokens\n", "        start: 2025-05\n")], None),
    ("act-end", "workplan", [
        ("      - id: ECO-03\n        title: {en: Cooperation in e-commerce, es: Cooperación en comercio electrónico}\n"
         "        description:\n          en: Promotion of cooperation in e-commerce.\n"
         "          es: Promoción de la cooperación en comercio electrónico.\n        lead: [PA, ASEAN]\n"
         "        start: 2021-Q4\n        end: 2025-Q4\n",
         "      - id: ECO-03\n        title: {en: Cooperation in e-commerce, es: Cooperación en comercio electrónico}\n"
         "        description:\n          en: Promotion of cooperation in e-commerce.\n"
         "          es: Promoción de la cooperación en comercio electrónico.\n        lead: [PA, ASEAN]\n"
         "        start: 2021-Q4\n        end: 2025-Q2\n"),
    ], None),
    ("act-status", "other", [("        status: delayed\n", "        status: ongoing\n")], None),
    ("act-progress", "other", [("        status: delayed\n        progress: 10\n", "        status: delayed\n        progress: 15\n")], None),
    ("act-modality", "other", [("        modality: [call, grant]\n", "        modality: [call]\n")], None),
    ("act-outputs", "other", [
        ("          - {en: Two calls for co-supervised doctoral projects, es: Dos convocatorias de proyectos doctorales en cotutela}\n",
         "          - {en: Three calls for co-supervised doctoral projects, es: Tres convocatorias de proyectos doctorales en cotutela}\n"),
    ], None),
    ("act-indicators", "other", [("          - {en: Monthly visitors, es: Visitantes mensuales}\n", "")], None),
    ("act-sdgs", "other", [("        sdgs: [13, 14, 15]\n", "        sdgs: [13, 14]\n")], None),
    ("act-focal-point", "other", [("        focal_point: Dr. Ana Ruiz (Mérida node)\n", "        focal_point: Dr. Luis Pérez (Mérida node)\n")], None),
    ("act-links", "other", [("        links: [https://example.org/coastal-network/data]\n",
                             "        links: [https://example.org/coastal-network/open-data]\n")], None),
    ("translation-added", "other", [
        ("        description: Short briefs in plain language on what the network's findings mean for local planning.\n",
         "        description:\n          en: Short briefs in plain language on what the network's findings mean for local planning.\n"
         "          es: Notas breves en lenguaje claro sobre lo que los hallazgos de la red significan para la planificación local.\n"),
    ], None),
    ("progress-update", "other", [], [
        ("updates:\n", "updates:\n  - activity: RES-03\n    date: 2025-07-15\n    status: ongoing\n"
         "    progress: 30\n    reported_by: MX\n"),
    ]),
]

# ---- measured indicators and events (base: the sample with results) -------------------
CASES += [
    ("ind-target", "results", [
        ("            unit: {en: datasets, es: conjuntos}\n            target: 30\n",
         "            unit: {en: datasets, es: conjuntos}\n            target: 40\n"),
    ], None),
    ("ind-baseline-by", "results", [
        ("            baseline: 45\n            target: 20\n            by: 2026-H2\n",
         "            baseline: 50\n            target: 20\n            by: 2027-H1\n"),
    ], None),
    ("ind-added", "results", [
        ("        sdgs: [11, 13]\n",
         "        indicators:\n          - id: CITIES\n            text: {en: Port cities with scenarios, "
         "es: Ciudades portuarias con escenarios}\n            unit: {en: cities, es: ciudades}\n"
         "            target: 5\n        sdgs: [11, 13]\n"),
    ], None),
    ("ind-removed", "results", [
        ("          - id: VISITORS              # not reported yet\n"
         "            text: {en: Monthly visitors, es: Visitantes mensuales}\n"
         "            unit: {en: visitors a month, es: visitantes al mes}\n"
         "            baseline: 0\n            target: 2500\n", ""),
    ], None),
    ("ind-value", "results", [], [("    indicators: {DATASETS: 12}", "    indicators: {DATASETS: 15}")]),
    ("event-added", "results", [], [
        ("events:\n", "events:\n  - date: 2025-09-01\n    title: {en: Second council meeting, "
         "es: Segunda reunión del consejo}\n"),
    ]),
    ("event-removed", "results", [], [
        ("  - date: 2024-02-15\n    title: {en: Programme approved by the Network Council in "
         "Montevideo, es: Programa aprobado por el Consejo de la Red en Montevideo}\n", ""),
    ]),
]

# The OLD side of a case, when it is not the base itself.
OLD_EDITS = {
    "translation-added": [
        ("        description: Short briefs in plain language on what the network's findings mean for local planning.\n",
         "        description:\n          en: Short briefs in plain language on what the network's findings mean for local planning.\n"),
    ],
}


def apply(text, edits, name):
    for old, new in edits:
        if old not in text:
            raise SystemExit(f"case {name}: text to replace not found: {old[:60]!r}")
        text = text.replace(old, new, 1)
    return special(text)


def special(text):
    """Edits that move whole blocks, written as markers above."""
    if "COUNTRIES_HERE" in text:
        start = text.index("countries_moved:\n")
        end = text.index("\n\n", start) + 1
        block = text[start:end].replace("countries_moved:", "countries:")
        text = text[:start] + text[end:]
        text = text.replace("COUNTRIES_HERE\n", block)
    if "REMOVE_TO_END" in text:
        text = text[:text.index("  - id: DAT\n    REMOVE_TO_END")]
    if "MOVE_DAT_HERE" in text:
        start = text.index("  - id: DAT\n")
        block = text[start:]
        text = text[:start].rstrip("\n") + "\n"
        text = text.replace("MOVE_DAT_HERE\n", block.rstrip("\n") + "\n\n")
    return text
