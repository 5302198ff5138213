#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for a while.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     TARGET: http csv course figure token (default: all)
# make test runs 12 s per target; for a long run: scripts/fuzz.sh 3600 csv
# Each target is our own parsing code compiled with -sanitize=fuzzer,address into .build-fuzz/;
# the libraries it leans on (Yams, swift-crypto, UstazCore for the token) are linked from the
# ordinary debug build, uninstrumented. Seeds live in Fuzz/corpus/<target>; what a run discovers
# goes to .build-fuzz/corpus/<target>, a crash to .build-fuzz/artifacts/ (and the script fails).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-12}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(http csv course figure token); fi

swift build >/dev/null
bin="$(swift build --show-bin-path)"
out=.build-fuzz
mkdir -p "$out/artifacts" "$out/ModuleCache"

checkouts=.build/checkouts
c_modules=()
for module in Yams/Sources/CYaml swift-crypto/Sources/CCryptoBoringSSL swift-crypto/Sources/CCryptoBoringSSLShims \
              swift-crypto/Sources/CXKCP swift-crypto/Sources/CXKCPShims; do
  c_modules+=(-Xcc "-fmodule-map-file=$checkouts/$module/include/module.modulemap" -Xcc -I -Xcc "$checkouts/$module/include")
done
objects() { for build in "$@"; do find "$bin/$build.build" -name '*.o' ! -name '*.swiftmodule.o'; done; }
yams_and_crypto() { objects Yams CYaml Crypto CCryptoBoringSSL CCryptoBoringSSLShims CryptoBoringWrapper CXKCP CXKCPShims; }

# build NAME HARNESS SOURCES... -- LINKED-OBJECTS...: recompiles only when an input is newer.
build() {
  local name="$1" harness="$2"; shift 2
  local sources=() linked=()
  while [ "$1" != "--" ]; do sources+=("$1"); shift; done
  shift
  linked=("$@")
  local exe="$out/fuzz-$name"
  if [ -x "$exe" ] && [ -z "$(find "$harness" "${sources[@]}" scripts/fuzz.sh -newer "$exe")" ]; then return; fi
  echo "fuzz: building $exe"
  swiftc -sanitize=fuzzer,address -parse-as-library -O -swift-version 6 -module-name "Fuzz_$name" \
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault \
    -I "$bin/Modules" "${c_modules[@]}" -module-cache-path "$out/ModuleCache" \
    "$harness" "${sources[@]}" "${linked[@]}" -o "$exe" 2> "$out/build-$name.log" \
    || { cat "$out/build-$name.log"; exit 1; }
}

executable_for() {
  case "$1" in
    http)
      build http Fuzz/HTTPFuzz.swift \
        Sources/HTTPServer/{Parameters,PercentDecoding,Cookies,Multipart,HTTPError,HTTPMethod,HTTPHeaders,Request}.swift --
      echo "$out/fuzz-http" ;;
    csv|course|figure)
      mapfile -t linked < <(yams_and_crypto)
      build core Fuzz/CoreFuzz.swift Sources/UstazCore/*.swift -- "${linked[@]}"
      echo "$out/fuzz-core" ;;
    token)
      mapfile -t linked < <(yams_and_crypto; objects UstazCore)
      build token Fuzz/TokenFuzz.swift Sources/Credentials/{CertificateToken,KeyRing,Base64URL}.swift -- "${linked[@]}"
      echo "$out/fuzz-token" ;;
    *) echo "fuzz: unknown target $1 (http csv course figure token)" >&2; exit 2 ;;
  esac
}

total=0
for target in "${targets[@]}"; do
  executable_for "$target" > "$out/executable"
  exe="$(tail -1 "$out/executable")"
  mkdir -p "$out/corpus/$target"
  log="$out/run-$target.log"
  if ! SWIFT_BACKTRACE=enable=no USTAZ_FUZZ_TARGET="$target" USTAZ_FUZZ_COURSES="$PWD/Courses" "$exe" \
      -max_total_time="$seconds" -timeout=10 -max_len=4096 -print_final_stats=1 \
      -artifact_prefix="$out/artifacts/$target-" "$out/corpus/$target" "Fuzz/corpus/$target" > "$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $target FAILED; the input is in $out/artifacts/ (reproduce: $exe <file>)"
    exit 1
  fi
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  coverage="$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)"
  corpus="$(find "$out/corpus/$target" "Fuzz/corpus/$target" -type f | wc -l)"
  total=$((total + runs))
  printf 'fuzz: %-6s %9d executions in %ss, %s coverage points, %s corpus inputs, no crash\n' \
    "$target" "$runs" "$seconds" "${coverage:-?}" "$corpus"
done
echo "fuzz: $total executions across ${#targets[@]} targets, no invariant broken"
