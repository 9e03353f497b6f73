#!/usr/bin/env bash
# The one test command (README, CI): installs what the tests need when it is missing, restores, builds with
# warnings as errors, checks formatting, and runs every test project of the solution.
set -euo pipefail
cd "$(dirname "$0")"

# System packages the end-to-end tests use: real DNS (dnsmasq) and a real HTTP proxy (tinyproxy); and what builds
# and runs the Windows TSP on Linux (native/EcstaTsp): mingw-w64, cmake, and Wine (Debian's wine64 loader is not on
# PATH: /usr/lib/wine/wine64).
missing=()
for tool in dnsmasq tinyproxy chromium; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || [ -x "/usr/bin/$tool" ] || missing+=("$tool")
done
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || missing+=(gcc-mingw-w64-x86-64)
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
command -v wine64 >/dev/null 2>&1 || [ -x /usr/lib/wine/wine64 ] || dpkg -s wine64 >/dev/null 2>&1 || missing+=(wine64)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet restore Ecsta.sln
dotnet build Ecsta.sln -c Release --no-restore
dotnet format Ecsta.sln --verify-no-changes --no-restore

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Ecsta.sln -c Release --no-build --blame-hang-timeout 5m 2>&1 | tee "$log" || status=$?

# The Windows TSP: built with mingw-w64, driven under Wine by a harness that plays tapisrv against the demo host.
native=passed
native/EcstaTsp/tests/run-wine-tests.sh || { status=1; native=FAILED; }
echo "native TSP under Wine: $native"

# One closing line over all test assemblies.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+/ {
       gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit $status
