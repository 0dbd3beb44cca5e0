#!/bin/bash
# The import side of the reliability promises (issue 10): concurrent imports,
# the progress file's lock, link, mode and owner. Checks in
# tests/reliability/import_check.py; $1 is the CLI (default build/san/workplan).
set -u
here=$(cd "$(dirname "$0")" && pwd)
supp="$here/../lsan.supp"
if [ -f "$supp" ] && [ -z "${LSAN_OPTIONS:-}" ]; then
    export LSAN_OPTIONS="suppressions=$supp"
fi
exec /usr/bin/python3 "$here/../reliability/import_check.py" "${1:-build/san/workplan}"
