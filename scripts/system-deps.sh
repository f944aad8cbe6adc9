#!/usr/bin/env bash
# Install the Debian packages ocopkit needs when they are missing; do nothing when all are there.
#
# Used by the Makefile (before creating .venv) and by .ci/run, so a new machine gets the same
# packages whichever command runs first.
#
#   scripts/system-deps.sh          packages for `make site` (WeasyPrint's libraries)
#   scripts/system-deps.sh --test   also the packages `make test` needs (Chromium)
#   scripts/system-deps.sh --list   print the package names and exit
set -euo pipefail

# WeasyPrint: Pango draws the text; HarfBuzz-Subset embeds only the glyphs a PDF uses (without
# it WeasyPrint warns "HarfBuzz-Subset will be required" and embeds whole fonts).
SITE_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig)
# Browser tests drive Debian's Chromium; the ZIM tests serve the file with kiwix-serve.
TEST_PACKAGES=(chromium kiwix-tools)

packages=("${SITE_PACKAGES[@]}")
case "${1:-}" in
  --test) packages+=("${TEST_PACKAGES[@]}") ;;
  --list) printf '%s\n' "${SITE_PACKAGES[@]}" "${TEST_PACKAGES[@]}"; exit 0 ;;
  "") ;;
  *) echo "usage: $0 [--test|--list]" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: missing ${missing[*]} and no apt-get here; install them by hand" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    echo "system-deps: missing ${missing[*]}; run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
echo "system-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
