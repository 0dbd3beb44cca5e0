#!/bin/bash
# The Indicators sheet and its import, end to end: tests/suites/indicators.sh build/san/workplan
# (the checks are in tests/indicators/check.py; LibreOffice edits through tests/indicators/lo_edit.py).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
exec /usr/bin/python3 "$here/indicators/check.py" "${1:-build/san/workplan}"
