#!/usr/bin/python3
"""The CI files users copy must parse, and their steps must be exactly the
commands the README documents under "CI set-up"."""
import re
import sys

import yaml

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"ci-files: FAIL: {what}")


readme = open("README.md", encoding="utf-8").read()
section = readme.split("## CI set-up", 1)[1].split("\n## ", 1)[0]
block = re.search(r"```sh\n(.*?)```", section, re.S)
check(block is not None, "README's CI set-up has a ```sh block")
documented = [l.strip() for l in block.group(1).splitlines() if l.strip()] if block else []

gh = yaml.safe_load(open(".github/workflows/outputs.yml", encoding="utf-8"))
steps = gh["jobs"]["outputs"]["steps"]
gh_runs = [s["run"].strip() for s in steps if "run" in s]
check(gh_runs == documented, f"GitHub steps {gh_runs} != README {documented}")
check(any(s.get("uses", "").startswith("actions/upload-artifact") for s in steps),
      "GitHub workflow uploads the outputs")
on = gh.get("on", gh.get(True))  # PyYAML reads the key `on` as True
check(on["push"]["paths"] == ["plan/**"] and on["pull_request"]["paths"] == ["plan/**"],
      "GitHub workflow runs on plan/ changes")

gl = yaml.safe_load(open(".gitlab-ci.yml", encoding="utf-8"))
check([c.strip() for c in gl["outputs"]["script"]] == documented,
      "GitLab script equals the README's commands")
check(gl["outputs"]["artifacts"]["paths"] == ["out/"], "GitLab keeps out/ as artifacts")

ci = open(".ci/run", encoding="utf-8").read()
test_cmd = re.search(r"^\s*make test\s*$", ci, re.M)
check(test_cmd is not None, ".ci/run runs `make test`, the README's test command")
check("    make test" in readme, "README documents `make test`")

print(f"ci-files: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
