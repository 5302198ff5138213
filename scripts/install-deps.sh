#!/usr/bin/env bash
# Installs the Debian packages Ustaz needs, and only those that are missing.
#   scripts/install-deps.sh run    — to build and run the service
#   scripts/install-deps.sh test   — also what the tests use (QR decoder, PDF tools, Chromium), and the
#                                    Python test tools in the project's virtual environment .venv
#   scripts/install-deps.sh bench  — the service's packages plus wrk and nginx (the benchmark's ceiling), and .venv
# apt needs root: run as root, or as a user who may use sudo (the script calls it for apt only).
set -euo pipefail
cd "$(dirname "$0")/.."

run_packages=(pkg-config libmicrohttpd-dev libqrencode-dev librsvg2-dev libcairo2-dev libpango1.0-dev libargon2-dev
              zlib1g-dev libsqlite3-dev sqlite3 fonts-noto-core fonts-dejavu-core)
test_packages=(zbar-tools poppler-utils chromium chromium-driver curl python3-venv)
bench_packages=(wrk nginx-light python3-venv)

packages=("${run_packages[@]}")
if [ "${1:-run}" = "test" ]; then packages+=("${test_packages[@]}"); fi
if [ "${1:-run}" = "bench" ]; then packages+=("${bench_packages[@]}"); fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

python_tools() {
  # Debian 12's python3 is "externally managed" and refuses pip. The tests' Python tools (versions
  # pinned in scripts/requirements-test.txt) go into .venv, made from Debian's own /usr/bin/python3;
  # it is rebuilt only when that list changes. Makefile and scripts run every Python step with it.
  [ "${1:-run}" = "test" ] || [ "${1:-run}" = "bench" ] || return 0
  local venv=.venv requirements=scripts/requirements-test.txt
  if [ -x "$venv/bin/python3" ] && cmp -s "$requirements" "$venv/installed-requirements.txt"; then return 0; fi
  echo "install-deps: installing the Python test tools into $venv (scripts/requirements-test.txt)"
  rm -rf "$venv"
  /usr/bin/python3 -m venv "$venv"
  "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check --require-virtualenv -r "$requirements"
  cp "$requirements" "$venv/installed-requirements.txt"
}

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} Debian packages already installed"
  python_tools "${1:-run}"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
python_tools "${1:-run}"
