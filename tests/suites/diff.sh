#!/bin/bash
# `workplan diff` and the booklet's changes annex: golden outputs of real edits, the
# JSON Schema, exit codes, usage errors, and the annex read back with pdftotext.
# $1: the workplan binary (the sanitized one under make test).
set -u
cd "$(dirname "$0")/../.."
exec /usr/bin/python3 tests/diff/run.py "${1:-build/san/workplan}"
