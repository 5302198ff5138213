#!/usr/bin/env bash
# Installs the Debian packages Ustaz needs, and only those that are missing.
#   scripts/install-deps.sh run    — to build and run the service
#   scripts/install-deps.sh test   — also what the tests use (QR decoder, PDF tools, Chromium)
#   scripts/install-deps.sh bench  — the service's packages plus wrk and nginx (the benchmark's ceiling)
set -euo pipefail

run_packages=(pkg-config libmicrohttpd-dev libqrencode-dev librsvg2-dev libcairo2-dev libpango1.0-dev libargon2-dev
              zlib1g-dev libsqlite3-dev sqlite3 fonts-noto-core fonts-dejavu-core)
test_packages=(zbar-tools poppler-utils chromium chromium-driver python3-selenium)
bench_packages=(wrk nginx-light)

packages=("${run_packages[@]}")
if [ "${1:-run}" = "test" ]; then packages+=("${test_packages[@]}"); fi
if [ "${1:-run}" = "bench" ]; then packages+=("${bench_packages[@]}"); fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

python_check() {
  # The tests validate Open Badges documents with jsonschema, and check /api/v1 against its OpenAPI
  # description with Schemathesis, from the python3 on PATH.
  if [ "${1:-run}" = "test" ] && ! python3 -c "import jsonschema" 2>/dev/null; then
    echo "install-deps: installing the Python package jsonschema"
    python3 -m pip install --quiet jsonschema
  fi
  if [ "${1:-run}" = "test" ] && ! python3 -c "import schemathesis" 2>/dev/null; then
    echo "install-deps: installing the Python package schemathesis"
    python3 -m pip install --quiet schemathesis
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} Debian packages already installed"
  python_check "${1:-run}"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
python_check "${1:-run}"
