#!/bin/sh
# Checks, and as root installs, the Debian packages workplan needs.
#   install-deps.sh           build dependencies (what `make` needs)
#   install-deps.sh --test    also what `make test` needs
#   install-deps.sh --bench   also the Python peer of `make bench-peer`
# Prints the one apt-get line to run when not root.
set -eu

BUILD="build-essential pkg-config libyaml-dev libhpdf-dev libxlsxwriter-dev \
libharfbuzz-dev libfontconfig-dev libminizip-dev libexpat1-dev zlib1g-dev fonts-noto-core \
libicu-dev fonts-noto-cjk"
TEST="libcmocka-dev poppler-utils qpdf unzip python3 python3-openpyxl python3-jsonschema \
python3-yaml clang libclang-rt-14-dev valgrind time libreoffice-calc-nogui \
gnumeric mupdf-tools ghostscript python3-pikepdf python3-fonttools nodejs cppcheck clang-format fonts-noto-cjk"
BENCH="python3-reportlab python3-xlsxwriter fonts-dejavu-core time"

want="$BUILD"
for arg in "$@"; do
    case "$arg" in
    --test) want="$want $TEST" ;;
    --bench) want="$want $BENCH" ;;
    *) echo "install-deps.sh: unknown option '$arg'" >&2; exit 2 ;;
    esac
done

missing=""
for pkg in $want; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
        missing="$missing $pkg"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
    echo "workplan needs these Debian packages; run as root:" >&2
    echo "  apt-get install -y --no-install-recommends$missing" >&2
    exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# Another apt or dpkg (unattended upgrades, a second make) may hold the lock: wait for it.
wait_lock="-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3"
# shellcheck disable=SC2086
apt-get $wait_lock update -qq
# shellcheck disable=SC2086
apt-get $wait_lock install -y -qq --no-install-recommends $missing >/dev/null
