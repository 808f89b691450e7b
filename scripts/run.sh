#!/usr/bin/env bash
# Runs the system: `dotnet run --project src/Rammevaerk` with any arguments given (e.g. `migrate`, or
# `--urls http://127.0.0.1:5090`). ASPNETCORE_URLS and ASPNETCORE_ENVIRONMENT set before it are honoured; unset, they
# default to http://localhost:5080 and Development (the launch profile is not used, since its applicationUrl would
# override both).
# First installs what the PDF agenda and minutes need, if missing: Debian's chromium (headless printing) and
# fonts-dejavu-core (fonts with æ, ø and å). Without root or sudo it stops and names the packages to install.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium fonts-dejavu-core)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done

if ((${#missing[@]})); then
  if ! command -v apt-get >/dev/null; then
    echo "PDF generation needs the Debian packages: ${missing[*]} (Chromium and the DejaVu fonts)." >&2
    echo "This machine has no apt-get: install them another way, or set Pdf__Chromium to a Chromium executable." >&2
    exit 1
  fi
  if [[ $EUID -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo)
  elif command -v sudo >/dev/null && [[ -t 0 ]]; then
    as_root=(sudo)   # may ask for the password
  else
    echo "PDF generation needs the Debian packages: ${missing[*]}" >&2
    echo "Install them as root, then run this again:" >&2
    echo "    apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} (for the PDF agenda and minutes) ..."
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

command -v dotnet >/dev/null || { echo "dotnet (the .NET 10 SDK) is not on PATH." >&2; exit 1; }
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:5080}
[[ ${1:-} == -- ]] && shift   # `scripts/run.sh -- migrate` as well as `scripts/run.sh migrate`
exec dotnet run --project src/Rammevaerk --no-launch-profile -- "$@"
