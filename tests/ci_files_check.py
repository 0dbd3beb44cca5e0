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

# pull and merge requests: the job `changes` runs the README's second block
blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
check(len(blocks) == 2, "README's CI set-up has a second ```sh block (pull/merge requests)")
changes = [l.strip() for l in blocks[1].splitlines() if l.strip()] if len(blocks) == 2 else []
check(any("workplan diff" in l and "--format markdown" in l and "GITHUB_STEP_SUMMARY" in l
          for l in changes), "the changes job writes workplan diff as markdown into the summary")
check(any("--since base/plan/workplan.yaml" in l for l in changes),
      "the changes job builds the booklet --since the base plan")
ghc = gh["jobs"].get("changes", {})
check("pull_request" in ghc.get("if", ""), "GitHub job changes runs on pull requests only")
ghc_runs = [s["run"].strip() for s in ghc.get("steps", []) if "run" in s]
check(ghc_runs == changes, f"GitHub changes steps {ghc_runs} != README {changes}")
check(any(s.get("uses", "").startswith("actions/upload-artifact") for s in ghc.get("steps", [])),
      "GitHub job changes uploads the outputs")
glc = gl.get("changes", {})
check([c.strip() for c in glc.get("script", [])] == changes,
      "GitLab job changes equals the README's second block")
check(any("merge_request_event" in r.get("if", "") for r in glc.get("rules", [])),
      "GitLab job changes runs on merge requests")
check(glc.get("artifacts", {}).get("paths") == ["out/"], "GitLab job changes keeps out/")

ci = open(".ci/run", encoding="utf-8").read()
test_cmd = re.search(r"^\s*make test\s*$", ci, re.M)
check(test_cmd is not None, ".ci/run runs `make test`, the README's test command")
check("    make test" in readme, "README documents `make test`")

print(f"ci-files: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
