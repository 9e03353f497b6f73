#!/usr/bin/env bash
# Builds ecsta.tsp with mingw-w64, checks its exports, runs the unit tests under Wine, then the tapisrv
# harness against a real host in demo mode (stopped and started again on the harness's request).
# Exits non-zero on any failure. Needs: cmake, gcc-mingw-w64-x86-64, wine64, dotnet (the host built in
# Release, as test.sh does; built here when missing).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tsp_dir=$(dirname "$here")
repo=$(cd "$tsp_dir/../.." && pwd)
# ECSTA_ARTIFACTS (Directory.Build.props) moves every build output out of the tree; this build follows it.
if [ -n "${ECSTA_ARTIFACTS:-}" ]; then
  build=${ECSTA_TSP_BUILD:-$ECSTA_ARTIFACTS/native-tsp}
  host_dll=$ECSTA_ARTIFACTS/bin/Ecsta.Host/Release/net10.0/ecsta.dll
else
  build=${ECSTA_TSP_BUILD:-$repo/artifacts/native-tsp}
  host_dll=$repo/src/Ecsta.Host/bin/Release/net10.0/ecsta.dll
fi

wine=${WINE:-}
if [ -z "$wine" ]; then
  for candidate in wine64 /usr/lib/wine/wine64 wine; do
    if command -v "$candidate" >/dev/null 2>&1; then wine=$(command -v "$candidate"); break; fi
  done
fi
[ -n "$wine" ] || { echo "run-wine-tests: wine64 not found (Debian: /usr/lib/wine/wine64 from the wine64 package)" >&2; exit 2; }
wineserver=$(dirname "$wine")/wineserver
[ -x "$wineserver" ] || wineserver=$(command -v wineserver || echo "")

tmp=$(mktemp -d /tmp/ecsta-tsp.XXXXXX)
state=$tmp/state
mkdir -p "$state"
host_pid=""
cli_pids=()
export WINEPREFIX=$tmp/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="

stop_host() {
  if [ -n "$host_pid" ] && kill -0 "$host_pid" 2>/dev/null; then
    kill -TERM "$host_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$host_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$host_pid" 2>/dev/null || true
    wait "$host_pid" 2>/dev/null || true
  fi
  host_pid=""
}

cleanup() {
  for pid in "${cli_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_host
  [ -n "$wineserver" ] && "$wineserver" -k >/dev/null 2>&1 || true
  if [ "${KEEP_TMP:-0}" = 1 ]; then echo "run-wine-tests: kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

winpath() { echo "Z:${1//\//\\}"; }

echo "run-wine-tests: build ecsta.tsp ($build)"
cmake -S "$tsp_dir" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$tsp_dir/cmake/mingw-w64-x86_64.cmake" \
  -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2

echo "run-wine-tests: exports"
defs=$(sed -n 's/^  \(T[A-Z]*SPI_[A-Za-z]*\)$/\1/p' "$tsp_dir/src/ecsta.def" | sort)
exports=$(x86_64-w64-mingw32-objdump -p "$build/ecsta.tsp" | awk '/\[Ordinal\/Name Pointer\] Table/ {t=1; next} t && NF==0 {t=0} t {print $NF}' | sort)
if [ "$defs" != "$exports" ]; then
  echo "run-wine-tests: the exports differ from ecsta.def:" >&2
  diff <(echo "$defs") <(echo "$exports") >&2 || true
  exit 1
fi
echo "  $(echo "$exports" | wc -l) exports, all undecorated"

echo "run-wine-tests: unit tests (Wine; the first start of a prefix takes a few seconds)"
"$wine" "$build/unit_tests.exe" 2>/dev/null

echo "run-wine-tests: bridge tests (a scripted fake host: malformed frames, refusals, silence, LINE_CREATE/REMOVE, memory)"
mkdir -p "$tmp/fake-state"
ECSTA_STATE_DIR=$(winpath "$tmp/fake-state") ECSTA_TSP_LOG=$(winpath "$tmp/tsp-fake.log") \
  "$wine" "$build/bridge_tests.exe" "$(winpath "$build/ecsta.tsp")" 2>/dev/null

if [ ! -f "$host_dll" ]; then
  echo "run-wine-tests: building the host"
  dotnet build "$repo/src/Ecsta.Host/Ecsta.Host.csproj" -c Release >/dev/null
fi

start_host() {
  rm -f "$state/bridge-endpoint"
  dotnet "$host_dll" run --config "$state/ecsta.json" --urls http://127.0.0.1:0 --no-demo-calls >>"$tmp/host.log" 2>&1 &
  host_pid=$!
  for _ in $(seq 1 600); do
    [ -s "$state/bridge-endpoint" ] && return 0
    kill -0 "$host_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "run-wine-tests: the host did not start its bridge; its log:" >&2
  cat "$tmp/host.log" >&2
  return 1
}

echo "run-wine-tests: start the host in demo mode (state in $state)"
start_host
echo "  bridge at $(cat "$state/bridge-endpoint")"

echo "run-wine-tests: harness"
ECSTA_STATE_DIR=$(winpath "$state") ECSTA_TUI_URL_FILE=$(winpath "$tmp/tui-url") ECSTA_TSP_LOG=$(winpath "$tmp/tsp.log") \
  "$wine" "$build/harness.exe" "$(winpath "$build/ecsta.tsp")" 2>/dev/null &
harness_pid=$!
while kill -0 "$harness_pid" 2>/dev/null; do
  if [ -f "$state/host-stop" ]; then
    rm -f "$state/host-stop"
    echo "run-wine-tests: stopping the host (asked by the harness)"
    stop_host
  fi
  if [ -f "$state/host-dial" ]; then
    read -r dial_line dial_number <"$state/host-dial" || true
    rm -f "$state/host-dial"
    api=$(grep -o 'ws://127\.0\.0\.1:[0-9]*/tapi' "$tmp/host.log" | tail -1 | sed 's#^ws://#http://#; s#/tapi$##')
    echo "run-wine-tests: ecsta call dial --line $dial_line $dial_number (asked by the harness)"
    dotnet "$host_dll" call dial --line "$dial_line" "$dial_number" --url "$api" --config "$state/ecsta.json" \
      >>"$tmp/cli.log" 2>&1 &
    cli_pids+=($!)
  fi
  if [ -f "$state/host-start" ]; then
    rm -f "$state/host-start"
    echo "run-wine-tests: starting the host again (asked by the harness)"
    start_host
  fi
  sleep 0.1
done
status=0
wait "$harness_pid" || status=$?

if [ $status -eq 0 ]; then
  url=$(tr -d '\r\n' <"$tmp/tui-url" 2>/dev/null || true)
  case "$url" in
    http://127.0.0.1:*/dialog/*) echo "  TUISPI opened $url" ;;
    *) echo "run-wine-tests: TUISPI_providerConfig wrote '$url', not the host's dialog URL" >&2; status=1 ;;
  esac
fi
if [ $status -ne 0 ]; then
  echo "run-wine-tests: FAILED ($status); the TSP's log:" >&2
  tail -50 "$tmp/tsp.log" >&2 2>/dev/null || true
  echo "run-wine-tests: the host's log (last 40 lines):" >&2
  tail -40 "$tmp/host.log" >&2 || true
  exit 1
fi
echo "run-wine-tests: passed"
