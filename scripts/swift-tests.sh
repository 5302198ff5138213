#!/usr/bin/env bash
# The Swift Testing suites in two steps (after `swift build --build-tests`):
#   1. every suite that works on temporary files and the in-process client, in parallel;
#   2. the suites that own live sockets, child processes or mounts, one test at a time, so their
#      deadlines measure the server and not the other suites competing for the same 2 cores.
#   scripts/swift-tests.sh            both steps
#   scripts/swift-tests.sh serial     step 2 only (e.g. to repeat it: for i in $(seq 10); do …; done)
set -euo pipefail
cd "$(dirname "$0")/.."
serial='LiveSocketTests|SlowClientTests|SlowLaneTests|ShutdownTests|CrashRecoveryTests|DiskFullTests'
# The tests' Python steps (jsonschema) use the project's virtual environment when it exists.
if [ -x .venv/bin/python3 ]; then export PATH="$PWD/.venv/bin:$PATH"; fi
# Every temporary folder the tests make goes in one folder of this run, removed when the run ends: the tests
# leave their folders behind (a failure can be inspected while it runs), and a machine that runs make test all
# day collected thousands of them in /tmp.
TMPDIR="$(mktemp -d "${TMPDIR:-/tmp}/ustaz-tests.XXXXXX")"
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT

if [ "${1:-all}" != "serial" ]; then
  echo "swift-tests: parallel suites"
  swift test --skip-build --skip "$serial"
fi
echo "swift-tests: live-socket and fault suites, one test at a time"
swift test --skip-build --no-parallel --filter "$serial"
