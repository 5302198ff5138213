#!/usr/bin/env bash
# Schemathesis against a live demo server: every operation of /api/v1/openapi.json must answer
# without a server error and as its description says (status, content type, body schema), once
# signed out and once with an administrator's session cookie. Bounded to a few examples each.
#   scripts/api-schema-check.sh [path/to/ustaz]
set -euo pipefail
binary=${1:-.build/debug/ustaz}
# Schemathesis lives in the project's virtual environment (scripts/install-deps.sh test).
python="$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/python3"
[ -x "$python" ] || { echo "api-schema-check: $python is missing; run scripts/install-deps.sh test (or make test)" >&2; exit 1; }
work=$(mktemp -d)
port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$binary" demo --data "$work/data" --port "$port" --log-level warning > "$work/demo.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 150); do
  curl -fsS "$base/healthz" > /dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/demo.log"; echo "api-schema-check: the demo server did not start" >&2; exit 1; }
  sleep 0.2
done
password=$(sed -n 's/^Password for every demo account: //p' "$work/demo.log")
jar="$work/cookies"
token=$(curl -fsS -c "$jar" "$base/signin" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -fsS -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$token" --data-urlencode "login=admin" \
  --data-urlencode "password=$password" --data-urlencode "next=/me" "$base/signin"
session=$(awk '$6 == "ustaz_session" { print $7 }' "$jar")
[ -n "$session" ] || { echo "api-schema-check: could not sign in as the demo administrator" >&2; exit 1; }

check() {
  # Run from the scratch folder so Schemathesis keeps its cache there, not in the repository.
  (cd "$work" && "$python" -m schemathesis.cli run "$base/api/v1/openapi.json" --phases examples,coverage,fuzzing --max-examples 5 --workers 2 \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance "$@")
}
echo "api-schema-check: signed out"
check
echo "api-schema-check: signed in as an administrator"
check -H "Cookie: ustaz_session=$session"
