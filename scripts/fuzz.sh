#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for a while.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     TARGET: http csv course figure token app (default: all)
#   FUZZ_RUNS=N scripts/fuzz.sh SECONDS ...  also stop each target after N executions
# make test runs 10 s per target; for a long run: scripts/fuzz.sh 3600 csv, or
# FUZZ_RUNS=10000000 nice -n 19 scripts/fuzz.sh 86400 http (docs/RELIABILITY.md has the figures)
# FUZZ_SANITIZE=fuzzer leaves AddressSanitizer out of the http, csv, course, figure and token targets (into
# .build-fuzz/fuzz-NAME-noasan): about 3 times the executions a second for a long run over pure Swift code, where the
# language already checks bounds and lifetimes. make test keeps the default, fuzzer,address.
# Each target is our own parsing code compiled with -sanitize=fuzzer,address into .build-fuzz/;
# the libraries it leans on are linked uninstrumented: Yams (and its C parser) built here with
# optimisation for the csv and course targets, where YAML parsing is most of each run's work;
# swift-crypto, and UstazCore for the token, from the ordinary debug build. Seeds live in Fuzz/corpus/<target>; what a run discovers
# goes to .build-fuzz/corpus/<target>, a crash to .build-fuzz/artifacts/ (and the script fails).
# The app target sends whole requests through the in-process application (every route, as each role):
# HTTPServer and UstazWeb are recompiled with coverage instrumentation, the rest of the package and its
# dependencies are linked from the debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-12}"
sanitize="${FUZZ_SANITIZE:-fuzzer,address}"
case "$sanitize" in
  fuzzer,address) variant="" ;;
  fuzzer) variant="-noasan" ;;
  *) echo "fuzz: FUZZ_SANITIZE is fuzzer,address (the default) or fuzzer, not $sanitize" >&2; exit 2 ;;
esac
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(http csv course figure token app); fi

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
crypto() { objects Crypto CCryptoBoringSSL CCryptoBoringSSLShims CryptoBoringWrapper CXKCP CXKCPShims; }
yams_and_crypto() { objects Yams CYaml; crypto; }

# Yams and libyaml with -O into .build-fuzz/yams (module and objects), rebuilt when the checkout changes.
yams=$out/yams
optimised_yams() {
  local sources=("$checkouts"/Yams/Sources/Yams/*.swift) c_sources=("$checkouts"/Yams/Sources/CYaml/src/*.c)
  # A stamp, not Yams.o: swiftc leaves an object file untouched when its contents would not change.
  if [ ! -f "$yams/built" ] || [ -n "$(find "${sources[@]}" "${c_sources[@]}" scripts/fuzz.sh -newer "$yams/built")" ]; then
    echo "fuzz: building Yams with optimisation into $yams" >&2
    mkdir -p "$yams"
    for source in "${c_sources[@]}"; do
      clang -O2 -DYAML_DECLARE_STATIC -I "$checkouts/Yams/Sources/CYaml/include" -c "$source" \
        -o "$yams/cyaml-$(basename "$source" .c).o" 2>> "$out/build-yams.log" || { cat "$out/build-yams.log" >&2; exit 1; }
    done
    swiftc -O -wmo -parse-as-library -module-name Yams -D SWIFT_PACKAGE -Xcc -DYAML_DECLARE_STATIC "${c_modules[@]:0:6}" \
      -module-cache-path "$out/ModuleCache" -emit-module -emit-module-path "$yams/Yams.swiftmodule" \
      -c "${sources[@]}" -o "$yams/Yams.o" 2>> "$out/build-yams.log" || { cat "$out/build-yams.log" >&2; exit 1; }
    touch "$yams/built"
  fi
  find "$yams" -name '*.o'
}

# build NAME HARNESS SOURCES... -- LINKED-OBJECTS...: recompiles only when an input is newer.
build() {
  local name="$1" harness="$2"; shift 2
  local sources=() linked=()
  while [ "$1" != "--" ]; do sources+=("$1"); shift; done
  shift
  linked=("$@")
  local exe="$out/fuzz-$name$variant"
  if [ -x "$exe" ] && [ -z "$(find "$harness" "${sources[@]}" scripts/fuzz.sh -newer "$exe")" ]; then return; fi
  echo "fuzz: building $exe"
  swiftc -sanitize="$sanitize" -parse-as-library -O -swift-version 6 -module-name "Fuzz_$name" \
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault \
    "${module_paths[@]}" "${c_modules[@]}" -module-cache-path "$out/ModuleCache" \
    "$harness" "${sources[@]}" "${linked[@]}" -o "$exe" 2> "$out/build-$name.log" \
    || { cat "$out/build-$name.log" >&2; exit 1; }
}

# The app target: the package's own C modules and GRDB's SQLite, as the debug build imports them.
app_c_modules=()
for map in Sources/C*/module.modulemap "$checkouts/GRDB.swift/Sources/GRDBSQLite/module.modulemap"; do
  app_c_modules+=(-Xcc "-fmodule-map-file=$map")
done
for include in $(pkg-config --cflags-only-I librsvg-2.0 pangocairo libqrencode libmicrohttpd zlib libargon2); do app_c_modules+=(-Xcc "$include"); done

# build_app: HTTPServer and UstazWeb instrumented into .build-fuzz/app, then the harness linked against them and the
# debug build's objects for everything else (recompiled only when a source is newer than the executable).
build_app() {
  local exe="$out/fuzz-app" dir="$out/app"
  if [ -x "$exe" ] && [ -z "$(find Fuzz/AppFuzz.swift Sources/HTTPServer Sources/UstazWeb scripts/fuzz.sh "$bin/Modules" -newer "$exe")" ]; then return; fi
  echo "fuzz: building $exe (HTTPServer and UstazWeb instrumented; a few minutes)"
  mkdir -p "$dir"
  local common=(-parse-as-library -O -wmo -swift-version 6 -enable-upcoming-feature ExistentialAny
                -enable-upcoming-feature InternalImportsByDefault -module-cache-path "$out/ModuleCache"
                -I "$dir" -I "$bin/Modules" "${c_modules[@]}" "${app_c_modules[@]}")
  {
    swiftc -c -sanitize=fuzzer,address "${common[@]}" -module-name HTTPServer -emit-module \
      -emit-module-path "$dir/HTTPServer.swiftmodule" Sources/HTTPServer/*.swift -o "$dir/HTTPServer.o" &&
    swiftc -c -sanitize=fuzzer,address "${common[@]}" -module-name UstazWeb -emit-module \
      -emit-module-path "$dir/UstazWeb.swiftmodule" $(find Sources/UstazWeb -name "*.swift") -o "$dir/UstazWeb.o" &&
    grep -v -e '/HTTPServer\.build/' -e '/UstazWeb\.build/' -e '/ustaz\.build/' -e '/ArgumentParser' \
      "$bin/ustaz.product/Objects.LinkFileList" > "$dir/objects" &&
    swiftc -sanitize=fuzzer,address "${common[@]}" -module-name Fuzz_app Fuzz/AppFuzz.swift "$dir/HTTPServer.o" "$dir/UstazWeb.o" \
      @"$dir/objects" $(pkg-config --libs librsvg-2.0 pangocairo libqrencode libmicrohttpd zlib libargon2) -lstdc++ -lrt -ldl -o "$exe"
  } 2> "$out/build-app.log" || { tail -40 "$out/build-app.log" >&2; echo "fuzz: building the app target failed ($out/build-app.log)" >&2; exit 1; }
}

executable_for() {
  module_paths=(-I "$bin/Modules")
  case "$1" in
    http)
      build http Fuzz/HTTPFuzz.swift \
        Sources/HTTPServer/{Parameters,PercentDecoding,Cookies,Multipart,HTTPError,HTTPMethod,HTTPHeaders,Request}.swift --
      echo "$out/fuzz-http$variant" ;;
    csv|course|figure)
      mapfile -t linked < <(optimised_yams; crypto)
      # The optimised Yams module is found before the debug build's.
      module_paths=(-I "$yams" -I "$bin/Modules")
      build core Fuzz/CoreFuzz.swift Sources/UstazCore/*.swift -- "${linked[@]}"
      echo "$out/fuzz-core$variant" ;;
    token)
      mapfile -t linked < <(yams_and_crypto; objects UstazCore)
      build token Fuzz/TokenFuzz.swift Sources/Credentials/{CertificateToken,KeyRing,Base64URL}.swift -- "${linked[@]}"
      echo "$out/fuzz-token$variant" ;;
    app)
      build_app
      echo "$out/fuzz-app" ;;
    *) echo "fuzz: unknown target $1 (http csv course figure token app)" >&2; exit 2 ;;
  esac
}

total=0
for target in "${targets[@]}"; do
  executable_for "$target" > "$out/executable"
  exe="$(tail -1 "$out/executable")"
  mkdir -p "$out/corpus/$target"
  log="$out/run-$target.log"
  # Swift's lazily initialised globals (made once, kept for the process) look like leaks to LeakSanitizer;
  # the app target's invariant is no crash and no 5xx, so leak reports are off for it alone.
  leaks=1; if [ "$target" = app ]; then leaks=0; fi
  if ! SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="detect_leaks=$leaks" USTAZ_FUZZ_TARGET="$target" \
      USTAZ_FUZZ_COURSES="$PWD/Courses" USTAZ_FUZZ_ROOT="$PWD" "$exe" \
      -max_total_time="$seconds" ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} -timeout=10 -max_len=4096 -print_final_stats=1 -detect_leaks="$leaks" \
      -artifact_prefix="$out/artifacts/$target-" "$out/corpus/$target" "Fuzz/corpus/$target" > "$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $target FAILED; the input is in $out/artifacts/ (reproduce: $exe <file>)"
    exit 1
  fi
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  coverage="$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)"
  corpus="$(find "$out/corpus/$target" "Fuzz/corpus/$target" -type f | wc -l)"
  total=$((total + runs))
  took="$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)"
  printf 'fuzz: %-6s %9d executions in %ss, %s coverage points, %s corpus inputs, no crash\n' \
    "$target" "$runs" "${took:-$seconds}" "${coverage:-?}" "$corpus"
done
echo "fuzz: $total executions across ${#targets[@]} targets, no invariant broken"
