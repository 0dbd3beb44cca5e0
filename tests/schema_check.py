#!/usr/bin/python3
"""Validates the plan, its progress file and every sample against the JSON Schemas.

Run with Debian's python3 (python3-yaml, python3-jsonschema 4.x):

    /usr/bin/python3 tests/schema_check.py

It keeps schema/*.schema.json from drifting away from the loader: every file the
loader accepts must pass, and a few documents the loader refuses must fail here too.
The last line is `schema: N passed, M failed`; the exit status is 1 on any failure.

YAML is read the way the toolkit's loader reads it (libyaml, scalars as text), not
the way PyYAML's YAML 1.1 defaults would: dates such as `adopted: 2021-11-24` stay
strings (no timestamp), `NO`/`on`/`yes` stay strings (no booleans), `1.0` stays a
number (as the loader reads indicator values; `version` accepts both), `.inf` and
`.nan` stay strings, and only plain decimal integers become integers (so a quoted
"50" is a string, as in the loader). A key given twice is an error, as in the loader.
"""
import glob
import os
import re
import sys

import jsonschema
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class TextLoader(yaml.SafeLoader):
    """SafeLoader whose implicit scalars are only null, decimal integers and strings."""


TextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool",
                           "tag:yaml.org,2002:float", "tag:yaml.org,2002:int")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
TextLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"),
                                 list("-+0123456789"))
# Plain decimals are numbers (measured indicators); .inf and .nan stay strings, as the
# loader refuses them as numbers.
TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?$"),
    list("-+0123456789."))


def construct_mapping(loader, node, deep=False):
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, "duplicate key '%s'" % key, key_node.start_mark)
        seen[key] = True
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


TextLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)


def load_yaml(text):
    return yaml.load(text, Loader=TextLoader)


def load_schema(name):
    import json
    with open(os.path.join(ROOT, "schema", name), encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=jsonschema.FormatChecker())


PLAN = load_schema("workplan.schema.json")
PROGRESS = load_schema("progress.schema.json")
SCHEMAS = {"workplan/1": PLAN, "workplan-progress/1": PROGRESS}

passed = 0
failed = 0


def report(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok    %s" % what)
    else:
        failed += 1
        print("FAIL  %s%s" % (what, ("\n      " + detail.replace("\n", "\n      ")) if detail else ""))


def errors_of(validator, doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))


def describe(errs):
    return "\n".join("%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(top)", e.message)
                     for e in errs[:10])


# 1. Every real file must be valid.
files = [os.path.join(ROOT, "plan", "workplan.yaml"), os.path.join(ROOT, "plan", "progress.yaml")]
files += sorted(glob.glob(os.path.join(ROOT, "samples", "*.yaml")))
for path in files:
    rel = os.path.relpath(path, ROOT)
    if not os.path.exists(path):
        report(False, rel, "missing")
        continue
    try:
        with open(path, encoding="utf-8") as f:
            doc = load_yaml(f.read())
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        report(False, rel, "cannot be read: %s" % e)
        continue
    fmt = doc.get("format") if isinstance(doc, dict) else None
    validator = SCHEMAS.get(fmt)
    if validator is None:
        report(False, rel, "unknown format %r" % (fmt,))
        continue
    errs = errors_of(validator, doc)
    report(not errs, "%s valid (%s)" % (rel, fmt), describe(errs))

# 2. Documents the loader refuses must be refused by the schema too.
MINIMAL = """\
format: workplan/1
plan:
  id: tiny
  title: A tiny plan
  parties: [NET]
  period: {from: 2024, to: 2025}
  version: "1"
parties:
  NET: {name: Partners, members: [AA]}
countries:
  AA: Aland
areas:
  - id: AR
    title: Area
    activities:
      - id: AR-1
        title: Do it
        lead: [NET]
        start: 2024
        end: 2025-Q2
"""
PROGRESS_MINIMAL = """\
format: workplan-progress/1
plan: tiny
updates:
  - activity: AR-1
    date: 2024-05-31
"""

# The plan progress files are checked against by the toolkit: AR-1 measures two things.
PLAN_FOR_PROGRESS = MINIMAL + """\
        indicators:
          - {id: TRAINED, text: Officials trained, target: 120}
          - {id: DAYS, text: Days to clear customs, baseline: 12, target: 3}
"""

# A bad case only counts when its base document is valid: otherwise the base's own
# error, not the change, would make it fail.
BASE_OK = {}
for name, validator, base in (("plan", PLAN, MINIMAL), ("progress file", PROGRESS, PROGRESS_MINIMAL)):
    errs = errors_of(validator, load_yaml(base))
    BASE_OK[base] = not errs
    report(not errs, "inline minimal %s is valid" % name, describe(errs))

BAD = [
    # (what, validator, base text, old, new)
    ("unknown key in an activity", PLAN, MINIMAL, "        title: Do it\n",
     "        title: Do it\n        leader: [NET]\n"),
    ("unknown top-level key", PLAN, MINIMAL, "countries:\n", "contries:\n  AA: Aland\ncountries:\n"),
    ("plan id with a capital letter", PLAN, MINIMAL, "id: tiny", "id: Tiny"),
    ("area id in lowercase", PLAN, MINIMAL, "- id: AR\n", "- id: ar\n"),
    ("activity id without a hyphen", PLAN, MINIMAL, "id: AR-1", "id: AR1"),
    ("country code of three letters", PLAN, MINIMAL, "AA: Aland", "AAA: Aland"),
    ("progress 150", PLAN, MINIMAL, "end: 2025-Q2\n", "end: 2025-Q2\n        progress: 150\n"),
    ("quoted \"50\" progress", PLAN, MINIMAL, "end: 2025-Q2\n", "end: 2025-Q2\n        progress: \"50\"\n"),
    ("unknown status", PLAN, MINIMAL, "end: 2025-Q2\n", "end: 2025-Q2\n        status: done\n"),
    ("sdg 18", PLAN, MINIMAL, "end: 2025-Q2\n", "end: 2025-Q2\n        sdgs: [18]\n"),
    ("ftp link", PLAN, MINIMAL, "end: 2025-Q2\n", "end: 2025-Q2\n        links: [ftp://x.org/a]\n"),
    ("period token 2025-Q5", PLAN, MINIMAL, "end: 2025-Q2", "end: 2025-Q5"),
    ("adopted 2023-02-30", PLAN, MINIMAL, "  version:", "  adopted: 2023-02-30\n  version:"),
    ("missing lead", PLAN, MINIMAL, "        lead: [NET]\n", ""),
    ("empty lead", PLAN, MINIMAL, "lead: [NET]", "lead: []"),
    ("quoted year in period", PLAN, MINIMAL, "from: 2024", "from: \"2024\""),
    ("wrong format", PLAN, MINIMAL, "workplan/1", "workplan/2"),
    ("party without members", PLAN, MINIMAL, "{name: Partners, members: [AA]}", "{name: Partners}"),
    ("text with a bad language key", PLAN, MINIMAL, "title: A tiny plan", "title: {e1: A tiny plan}"),
    ("progress update: progress 150", PROGRESS, PROGRESS_MINIMAL, "date: 2024-05-31",
     "date: 2024-05-31\n    progress: 150"),
    ("progress update: quoted \"50\" progress", PROGRESS, PROGRESS_MINIMAL, "date: 2024-05-31",
     "date: 2024-05-31\n    progress: \"50\""),
    ("progress update: unknown key", PROGRESS, PROGRESS_MINIMAL, "date: 2024-05-31",
     "date: 2024-05-31\n    comment: x"),
    ("progress update: missing date", PROGRESS, PROGRESS_MINIMAL, "    date: 2024-05-31\n", ""),
]
# Documents the loader accepts in less common spellings must pass too.
GOOD = [
    # language codes ignore case (plan-format.md, YAML details)
    ("text with an upper-case language key", PLAN, MINIMAL, "title: A tiny plan", "title: {EN: A tiny plan}"),
    ("optional key left empty", PLAN, MINIMAL, "    title: Area\n", "    title: Area\n    summary:\n"),
    ("version as a bare number", PLAN, MINIMAL, 'version: "1"', "version: 1.0"),
    ("quoted period token", PLAN, MINIMAL, "start: 2024", 'start: "2024-H1"'),
    ("every period token kind", PLAN, MINIMAL, "start: 2024\n        end: 2025-Q2",
     "start: 2024-07-01\n        end: 2025-H1\n        status: completed\n        links: [http://example.org/a]"),
    ("text with a region code", PLAN, MINIMAL, "title: A tiny plan", "title: {pt-BR: Um plano}\n  languages: [pt-BR]"),
    ("empty updates", PROGRESS, PROGRESS_MINIMAL, "updates:\n  - activity: AR-1\n    date: 2024-05-31\n", "updates:\n"),
    ("measured indicators beside a text one", PLAN, MINIMAL, "end: 2025-Q2\n",
     "end: 2025-Q2\n        indicators:\n          - Plain text\n          - {en: Text}\n"
     "          - {id: TRAINED, text: {en: Trained}, unit: people, baseline: 0, target: 120, by: 2025-Q1}\n"
     "          - {id: DAYS_2, text: Days, baseline: 12.5, target: -3e1}\n"),
    ("indicator values in an update", PROGRESS, PROGRESS_MINIMAL, "date: 2024-05-31",
     "date: 2024-05-31\n    indicators: {TRAINED: 45, DAYS: 7.5}"),
    ("events only, no updates", PROGRESS, PROGRESS_MINIMAL,
     "updates:\n  - activity: AR-1\n    date: 2024-05-31\n",
     "events:\n  - {date: 2024-09-25, title: Review}\n"),
    ("events", PROGRESS, PROGRESS_MINIMAL, "updates:\n",
     "events:\n  - {date: 2024-09-25, title: {en: Review}, note: N, activities: [AR-1],"
     " link: 'https://example.org/r'}\n  - {date: 2024-01-01, title: Launch}\nupdates:\n"),
]
for what, validator, base, old, new in GOOD:
    assert old in base, what
    errs = errors_of(validator, load_yaml(base.replace(old, new, 1)))
    report(not errs, "accepted: %s" % what, describe(errs))

BAD += [
    ("empty required title", PLAN, MINIMAL, "title: Do it", 'title: ""'),
    ("a lead named twice", PLAN, MINIMAL, "lead: [NET]", "lead: [NET, NET]"),
    ("modality over 60 bytes", PLAN, MINIMAL, "end: 2025-Q2\n", "end: 2025-Q2\n        modality: [" + "x" * 61 + "]\n"),
    ("bare year 2024 as a date", PLAN, MINIMAL, "  version:", "  adopted: 2024\n  version:"),
    ("indicator without target", PLAN, MINIMAL, "end: 2025-Q2\n",
     "end: 2025-Q2\n        indicators: [{id: A, text: T}]\n"),
    ("indicator target quoted", PLAN, MINIMAL, "end: 2025-Q2\n",
     "end: 2025-Q2\n        indicators: [{id: A, text: T, target: '12'}]\n"),
    ("indicator target .inf", PLAN, MINIMAL, "end: 2025-Q2\n",
     "end: 2025-Q2\n        indicators: [{id: A, text: T, target: .inf}]\n"),
    ("indicator baseline .nan", PLAN, MINIMAL, "end: 2025-Q2\n",
     "end: 2025-Q2\n        indicators: [{id: A, text: T, baseline: .nan, target: 1}]\n"),
    ("indicator id malformed", PLAN, MINIMAL, "end: 2025-Q2\n",
     "end: 2025-Q2\n        indicators: [{id: trained, text: T, target: 1}]\n"),
    ("indicator unknown key", PLAN, MINIMAL, "end: 2025-Q2\n",
     "end: 2025-Q2\n        indicators: [{id: A, text: T, target: 1, goal: 2}]\n"),
    ("indicator by not a token", PLAN, MINIMAL, "end: 2025-Q2\n",
     "end: 2025-Q2\n        indicators: [{id: A, text: T, target: 1, by: soon}]\n"),
    ("indicator value quoted", PROGRESS, PROGRESS_MINIMAL, "date: 2024-05-31",
     "date: 2024-05-31\n    indicators: {TRAINED: '45'}"),
    ("indicator value .inf", PROGRESS, PROGRESS_MINIMAL, "date: 2024-05-31",
     "date: 2024-05-31\n    indicators: {TRAINED: .inf}"),
    ("indicator values as a list", PROGRESS, PROGRESS_MINIMAL, "date: 2024-05-31",
     "date: 2024-05-31\n    indicators: [45]"),
    ("event without date", PROGRESS, PROGRESS_MINIMAL, "updates:\n",
     "events:\n  - {title: Review}\nupdates:\n"),
    ("event without title", PROGRESS, PROGRESS_MINIMAL, "updates:\n",
     "events:\n  - {date: 2024-09-25}\nupdates:\n"),
    ("event with an ftp link", PROGRESS, PROGRESS_MINIMAL, "updates:\n",
     "events:\n  - {date: 2024-09-25, title: R, link: 'ftp://x.org'}\nupdates:\n"),
    ("event with an unknown key", PROGRESS, PROGRESS_MINIMAL, "updates:\n",
     "events:\n  - {date: 2024-09-25, title: R, place: Lima}\nupdates:\n"),
]
for what, validator, base, old, new in BAD:
    assert old in base, what
    doc = load_yaml(base.replace(old, new, 1))
    report(BASE_OK[base] and bool(errors_of(validator, doc)), "refused: %s" % what)

# 3. The same inline documents through the toolkit itself, when it is built: the
# schema and `workplan check` must agree on every one (exit 0 for GOOD, 1 for BAD).
TOOL = os.environ.get("WORKPLAN", os.path.join(ROOT, "build", "workplan"))
if os.access(TOOL, os.X_OK):
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        plan_path = os.path.join(tmp, "plan.yaml")
        prog_path = os.path.join(tmp, "progress.yaml")
        cases = [("GOOD", c) for c in GOOD] + [("BAD", c) for c in BAD]
        for kind, (what, validator, base, old, new) in cases:
            text = base.replace(old, new, 1)
            with open(plan_path, "w", encoding="utf-8") as f:
                f.write(PLAN_FOR_PROGRESS if validator is PROGRESS else text)
            args = [TOOL, "check", plan_path, "--progress", "none"]
            if validator is PROGRESS:
                with open(prog_path, "w", encoding="utf-8") as f:
                    f.write(text)
                args[-1] = prog_path
            r = subprocess.run(args, capture_output=True, text=True, timeout=30)
            want = 0 if kind == "GOOD" else 1
            report(r.returncode == want, "workplan check agrees (%s): %s" % (kind.lower(), what),
                   "exit %d, expected %d\n%s" % (r.returncode, want, r.stderr.strip()))
else:
    print("skip  workplan check cross-check: %s not built" % os.path.relpath(TOOL, ROOT))

# The loader conventions above are what the schema relies on.
report(load_yaml("d: 2021-11-24\nv: 1.0\nc: NO\ni: .inf\n") ==
       {"d": "2021-11-24", "v": 1.0, "c": "NO", "i": ".inf"},
       "loader keeps dates, NO and .inf as strings, 1.0 a number")
try:
    load_yaml("a: 1\na: 2\n")
    report(False, "loader refuses a duplicate key")
except yaml.YAMLError:
    report(True, "loader refuses a duplicate key")

print("schema: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
