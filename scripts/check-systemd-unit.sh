#!/usr/bin/env bash
# Checks deploy/ustaz.service: the settings the README promises are there, and, where systemd is
# installed, `systemd-analyze verify` accepts the unit without a single warning (it reports bad
# values as warnings and still exits 0, so any output fails here) and `security --offline` scores it.
#   scripts/check-systemd-unit.sh [UNIT]
set -euo pipefail
cd "$(dirname "$0")/.."
unit="${1:-deploy/ustaz.service}"

# The promises, checked on the text whether or not systemd is here.
missing=0
for setting in 'Restart=on-failure' 'User=ustaz' 'StateDirectory=ustaz' 'Environment=USTAZ_DATA=/var/lib/ustaz' \
               'ProtectSystem=strict' 'NoNewPrivileges=yes' 'PrivateTmp=yes' 'ExecStart=/usr/local/bin/ustaz serve'; do
  if ! grep -qxF "$setting" "$unit"; then
    echo "check-systemd-unit: $unit lacks the line $setting"
    missing=1
  fi
done
[ "$missing" -eq 0 ] || exit 1

if ! command -v systemd-analyze > /dev/null; then
  echo "check-systemd-unit: systemd-analyze is not installed here; $unit was checked for its settings only, NOT verified by systemd"
  exit 0
fi

# verify also checks that ExecStart's program exists: point it at a stand-in in a scratch folder,
# so the unit is checked as written wherever the binary is not installed yet.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '#!/bin/sh\n' > "$work/ustaz"
chmod +x "$work/ustaz"
sed "s|^ExecStart=/usr/local/bin/ustaz |ExecStart=$work/ustaz |" "$unit" > "$work/ustaz.service"
if ! systemd-analyze verify "$work/ustaz.service" > "$work/verify.log" 2>&1 || [ -s "$work/verify.log" ]; then
  sed "s|$work/ustaz.service|$unit|g; s|$work/ustaz|/usr/local/bin/ustaz|g" "$work/verify.log"
  echo "check-systemd-unit: systemd-analyze verify refused $unit"
  exit 1
fi
exposure=$(systemd-analyze security --offline=true "$work/ustaz.service" 2>/dev/null \
  | sed -n 's/.*Overall exposure level for ustaz.service: \([0-9.]* [A-Z]*\).*/\1/p' || true)
echo "check-systemd-unit: $unit verified by $(systemd-analyze --version | head -1 | cut -d' ' -f1-2), no warning;" \
     "exposure ${exposure:-not scored by this systemd} (systemd-analyze security, 0 = locked down, 10 = exposed)"
