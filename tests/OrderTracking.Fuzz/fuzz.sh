#!/usr/bin/env bash
# Coverage-guided fuzzing of one parser or verifier with afl++ and SharpFuzz (issue 15, docs/security-testing.md).
#   tests/OrderTracking.Fuzz/fuzz.sh <target> [seconds]      e.g. fuzz.sh stripe-parse 300
#   tests/OrderTracking.Fuzz/fuzz.sh all [seconds-each]
# Installs what it needs (Debian's afl++, the SharpFuzz instrumenter as a local dotnet tool), publishes the harness,
# instruments the app's assemblies, runs afl-fuzz from the checked-in seeds and prints executions per second and the
# edges covered. Crashes land in .fuzz/findings/<target>/default/crashes: copy each into findings/<target>/ (kept, and
# replayed by FuzzCorpusReplayTests in dotnet test) and fix it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$repo/.fuzz"
target="${1:?usage: fuzz.sh <target>|all [seconds]}"
seconds="${2:-120}"

if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "fuzz: installing afl++ from Debian"
  apt-get update -qq && apt-get install -y -qq afl++
fi

mkdir -p "$work"
if [ ! -x "$work/tools/sharpfuzz" ]; then
  echo "fuzz: installing SharpFuzz.CommandLine 2.3.0"
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$work/tools" >/dev/null
fi

echo "fuzz: publishing the harness"
rm -rf "$work/out"
dotnet publish "$here/OrderTracking.Fuzz.csproj" -c Release -o "$work/out" -v quiet -nologo >/dev/null
for assembly in OrderTracking.Core OrderTracking.Carriers OrderTracking.Commerce; do
  "$work/tools/sharpfuzz" "$work/out/$assembly.dll" >/dev/null
done

run_one() {
  local t="$1"
  local findings="$work/findings/$t"
  rm -rf "$findings"; mkdir -p "$work/findings"
  echo "fuzz: $t for ${seconds}s"
  AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
    afl-fuzz -i "$here/seeds/$t" -o "$findings" -t 5000 -m none -V "$seconds" -- dotnet "$work/out/OrderTracking.Fuzz.dll" "$t" >"$work/$t.log" 2>&1 || {
      echo "fuzz: afl-fuzz failed for $t; see $work/$t.log"; tail -n 20 "$work/$t.log"; return 1; }
  local stats="$findings/default/fuzzer_stats"
  local crashes
  crashes=$(find "$findings/default/crashes" -type f ! -name README.txt 2>/dev/null | wc -l)
  printf 'fuzz: %-16s execs %s, %s execs/s, edges %s (%s of the map), corpus %s, crashes %s\n' "$t" \
    "$(awk -F': ' '/^execs_done/{print $2}' "$stats")" "$(awk -F': ' '/^execs_per_sec/{print $2}' "$stats")" \
    "$(awk -F': ' '/^edges_found/{print $2}' "$stats")" "$(awk -F': ' '/^bitmap_cvg/{print $2}' "$stats")" \
    "$(awk -F': ' '/^corpus_count/{print $2}' "$stats")" "$crashes"
}

if [ "$target" = all ]; then
  for dir in "$here"/seeds/*/; do run_one "$(basename "$dir")"; done
else
  run_one "$target"
fi
