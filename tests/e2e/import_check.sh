#!/bin/bash
# `workplan import` end to end: tests/e2e/import_check.sh build/san/workplan
# (the checks are in import_check.py, beside this file).
set -u
here=$(cd "$(dirname "$0")" && pwd)
supp="$here/../lsan.supp"
# libxlsxwriter 1.1.4's known leak when the sanitized binary exports
if [ -f "$supp" ] && [ -z "${LSAN_OPTIONS:-}" ]; then
    export LSAN_OPTIONS="suppressions=$supp"
fi
exec /usr/bin/python3 "$here/import_check.py" "${1:-build/san/workplan}"
