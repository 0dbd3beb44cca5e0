#!/usr/bin/python3
"""Prints a valid workplan/1 plan with N activities for the PDF checks.

    gen_pdf_plan.py N [--langs en,es] [--seed S]

Standard library only. The output depends only on N, the seed and the
languages. Texts carry accents, Vietnamese letters, curly quotes and en
dashes; every kind of period token and every status is used.
"""
import random
import sys

AREAS = [
    ("ECO", "Economic cooperation", "Cooperación económica"),
    ("EDU", "Education and culture", "Educación y cultura"),
    ("STI", "Science, technology and innovation", "Ciencia, tecnología e innovación"),
    ("ENV", "Environment and sustainable development", "Medio ambiente y desarrollo sostenible"),
    ("REC", "Post-pandemic recovery", "Recuperación pospandemia"),
]
COUNTRIES = [
    ("CL", "Chile", "Chile"), ("CO", "Colombia", "Colombia"), ("MX", "Mexico", "México"),
    ("PE", "Peru", "Perú"), ("BN", "Brunei Darussalam", "Brunéi"), ("KH", "Cambodia", "Camboya"),
    ("ID", "Indonesia", "Indonesia"), ("LA", "Lao PDR", "Laos"), ("MY", "Malaysia", "Malasia"),
    ("MM", "Myanmar", "Myanmar"), ("PH", "Philippines", "Filipinas"),
    ("SG", "Singapore", "Singapur"), ("TH", "Thailand", "Tailandia"), ("VN", "Viet Nam", "Vietnam"),
]
TOPICS_EN = ["trade facilitation", "digital economy", "e-commerce", "cybersecurity",
             "small enterprises", "women’s empowerment", "youth employability", "tourism",
             "river basins", "smart cities", "rice and quinoa", "coffee value chains",
             "climate resilience", "marine plastics", "public health"]
TOPICS_ES = ["facilitación del comercio", "economía digital", "comercio electrónico",
             "ciberseguridad", "pequeñas empresas", "empoderamiento de las mujeres",
             "empleabilidad juvenil", "turismo", "cuencas hidrográficas",
             "ciudades inteligentes", "arroz y quinua", "cadenas de valor del café",
             "resiliencia climática", "plásticos marinos", "salud pública"]
PLACES = ["Lima", "Bogotá", "Ciudad de México", "Hà Nội", "Đà Nẵng", "Thừa Thiên–Huế",
          "Phnom Penh", "São Paulo", "Cần Thơ", "Valparaíso"]
KINDS_EN = ["Workshop on", "Exchange on", "Study of", "Seminar on", "Mission on"]
KINDS_ES = ["Taller sobre", "Intercambio sobre", "Estudio de", "Seminario sobre", "Misión sobre"]
MODALITIES = ["workshop", "exchange", "study", "seminar", "mission"]
STATUSES = ["planned", "ongoing", "completed", "delayed", "cancelled"]


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def text(en, es, langs, rnd):
    if "es" in langs and rnd.random() < 0.5:
        return "{en: %s, es: %s}" % (q(en), q(es))
    return q(en)


def period(year, rnd, end=False):
    kind = rnd.randrange(5)
    if kind == 0:
        return "%d" % year
    if kind == 1:
        return "%d-H%d" % (year, 2 if end else 1)
    if kind == 2:
        return "%d-Q%d" % (year, rnd.randrange(3, 5) if end else rnd.randrange(1, 3))
    if kind == 3:
        return "%d-%02d" % (year, rnd.randrange(7, 13) if end else rnd.randrange(1, 7))
    return "%d-%02d-%02d" % (year, rnd.randrange(7, 13) if end else rnd.randrange(1, 7),
                             rnd.randrange(1, 29))


def main():
    args = sys.argv[1:]
    n = int(args[0])
    langs = ["en"]
    seed = 1
    if "--langs" in args:
        langs = args[args.index("--langs") + 1].split(",")
    if "--seed" in args:
        seed = int(args[args.index("--seed") + 1])
    rnd = random.Random(seed)
    out = []
    w = out.append
    w("format: workplan/1")
    w("plan:")
    w("  id: generated-%d" % n)
    w("  title: " + text("Generated Work Plan 2021–2025 (%d activities)" % n,
                         "Plan de Trabajo generado 2021–2025 (%d actividades)" % n,
                         langs, random.Random(0)))
    w("  subtitle: " + q("A plan for the PDF checks, with “quotes” and Việt Nam"))
    w("  parties: [PA, ASEAN]")
    w("  period: {from: 2021, to: 2025}")
    w("  adopted: 2021-11-24")
    w('  version: "3.%d"' % (n % 10))
    w("  languages: [%s]" % ", ".join(langs))
    w("  foreword: " + q("This plan was generated.\n\nIt has %d activities." % n))
    w("parties:")
    w("  PA:")
    w("    name: " + text("Pacific Alliance", "Alianza del Pacífico", langs, random.Random(0)))
    w("    members: [CL, CO, MX, PE]")
    w("  ASEAN:")
    w("    name: " + q("Association of Southeast Asian Nations"))
    w("    members: [BN, KH, ID, LA, MY, MM, PH, SG, TH, VN]")
    w("countries:")
    for code, en, es in COUNTRIES:
        w("  %s: %s" % (code, text(en, es, langs, random.Random(0)) if en != es else q(en)))
    w("areas:")
    per_area = [n // len(AREAS) + (1 if i < n % len(AREAS) else 0) for i in range(len(AREAS))]
    for (aid, en, es), count in zip(AREAS, per_area):
        w("  - id: " + aid)
        w("    title: " + text(en, es, langs, random.Random(0)))
        w("    summary: " + text("Activities on %s." % en.lower(), "Actividades de %s." % es.lower(),
                                 langs, rnd))
        w("    objectives:")
        w("      - " + text("Strengthen cooperation in %s." % en.lower(),
                            "Fortalecer la cooperación en %s." % es.lower(), langs, rnd))
        if count == 0:
            continue
        w("    activities:")
        for k in range(1, count + 1):
            t = rnd.randrange(len(TOPICS_EN))
            kind = rnd.randrange(len(KINDS_EN))
            place = PLACES[rnd.randrange(len(PLACES))]
            y0 = rnd.randrange(2021, 2025)
            y1 = rnd.randrange(y0 + 1, 2026)
            status = STATUSES[k % len(STATUSES)]
            w("      - id: %s-%03d" % (aid, k))
            w("        title: " + text("%s %s in %s" % (KINDS_EN[kind], TOPICS_EN[t], place),
                                       "%s %s en %s" % (KINDS_ES[kind], TOPICS_ES[t], place),
                                       langs, rnd))
            w("        description: " + text(
                "A %s of the member countries on %s, held in %s with experts of both regions, "
                "followed by a short report." % (KINDS_EN[kind].split()[0].lower(), TOPICS_EN[t], place),
                "Un %s de los países miembros sobre %s, en %s con expertos de ambas regiones, "
                "seguido de un breve informe." % (KINDS_ES[kind].split()[0].lower(), TOPICS_ES[t], place),
                langs, rnd))
            lead = COUNTRIES[rnd.randrange(len(COUNTRIES))][0]
            w("        lead: [%s]" % lead)
            w("        partners: [%s]" % ("ASEAN" if lead in ("CL", "CO", "MX", "PE") else "PA"))
            w("        start: " + period(y0, rnd))
            w("        end: " + period(y1, rnd, True))
            w("        status: " + status)
            w("        progress: %d" % (100 if status == "completed" else rnd.randrange(0, 100)))
            w("        modality: [%s]" % MODALITIES[kind])
            w("        outputs:")
            w("          - " + text("Report on %s" % TOPICS_EN[t], "Informe sobre %s" % TOPICS_ES[t],
                                    langs, rnd))
            w("        sdgs: [%d, 17]" % rnd.randrange(1, 17))
            if k % 3 == 0:
                w("        links: [https://example.org/%s-%03d]" % (aid.lower(), k))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
