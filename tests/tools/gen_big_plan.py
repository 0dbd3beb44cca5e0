#!/usr/bin/python3
"""Writes PLAN_DIR/workplan.yaml: the real plan's parties, countries and areas with
N generated activities (default 10,000), for timing the exporters.

    /usr/bin/python3 tests/tools/gen_big_plan.py plan/workplan.yaml OUT_DIR [N]
"""
import os
import sys

import yaml

src, out = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
with open(src, encoding="utf-8") as f:
    doc = yaml.safe_load(f)
areas = doc["areas"]
per = n // len(areas) + 1
parties = list(doc["parties"])
countries = list(doc["countries"])
statuses = ["planned", "ongoing", "completed", "delayed", "cancelled"]
k = 0
for area in areas:
    area["activities"] = []
    for j in range(per):
        if k >= n:
            break
        k += 1
        st = statuses[k % 5]
        area["activities"].append({
            "id": f"{area['id']}-{j + 1}",
            "title": {"en": f"Activity {j + 1} on cooperation in {area['id']}",
                      "es": f"Actividad {j + 1} de cooperación en {area['id']}"},
            "lead": [parties[k % len(parties)]],
            "partners": [countries[k % len(countries)]],
            "start": f"{doc['plan']['period']['from'] + 1 + k % 3}-Q{k % 4 + 1}",
            "end": f"{doc['plan']['period']['to']}-Q4",
            "status": st,
            "progress": 100 if st == "completed" else k % 100,
        })
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "workplan.yaml"), "w", encoding="utf-8") as f:
    yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
