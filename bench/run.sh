#!/usr/bin/env bash
# Benchmarks of memoria's full build, and the comparison with Hugo.
#
#   bash bench/run.sh N [RUNS] [OUTPUT_PARENT]
#       Generates a corpus of N cases (once) and builds it RUNS times (default
#       5) after a warm-up, reporting wall time, CPU time and peak memory
#       (median, min, max) with GNU time. OUTPUT_PARENT defaults to a folder
#       on the same disk as the corpus; pass /dev/shm to leave the disk out.
#
#   bash bench/run.sh table [RUNS] [N ...]
#       For each N (default 1000 5000 10000 20000): memoria and Hugo on the
#       equivalent corpus, output on the disk and in memory (/dev/shm), RUNS
#       timed runs each (default 3) after a warm-up. Prints one Markdown table
#       row per N and place: medians of wall, CPU, peak memory, bytes and
#       files written, bytes per case page, and memoria/Hugo ratios. The rows
#       are also appended to target/bench/table.md.
#
#   bash bench/run.sh serve N [EDITS]
#       The same as bash bench/serve.sh N [EDITS].
#
# Every timed build starts from an empty output folder (removed beforehand,
# outside the measurement). Corpora are kept in target/bench/ and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
memoria="$repo/target/release/memoria"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }

build_tools() {
  cargo build --release --quiet --bin memoria --example gen_corpus
}

# corpus N: writes target/bench/corpus-N and target/bench/hugo-N once.
corpus() {
  local n="$1" dir="target/bench/corpus-$1" hugo="target/bench/hugo-$1"
  if [ ! -f "$dir/site.toml" ] || [ ! -f "$hugo/config.toml" ]; then
    rm -rf "$dir" "$hugo"
    mkdir -p target/bench
    ./target/release/examples/gen_corpus "$n" "$dir" --hugo "$hugo" >&2
  fi
}

# timed LOG SITE OUT CMD...: one run of CMD in the folder SITE into the empty
# folder OUT, appending "wall user sys maxrss_kib" to LOG.
timed() {
  local log="$1" site="$2" out="$3"
  shift 3
  rm -rf "$out"
  (cd "$site" && /usr/bin/time -f "%e %U %S %M" -a -o "$log" "$@" >/dev/null 2>"$log.err") || {
    echo "failed: $* (in $site); see $log.err" >&2
    exit 1
  }
}

memoria_run() { timed "$1" "$2" "$3" "$memoria" build --output "$3"; }
hugo_run() { timed "$1" "$2" "$3" hugo --quiet --destination "$3"; }

# measure TOOL N PLACE RUNS: warm-up plus RUNS runs; prints the summary line
# "wall cpu peak_mib bytes files bytes_per_case_page".
measure() {
  local tool="$1" n="$2" place="$3" runs="$4"
  local site out log
  if [ "$tool" = memoria ]; then site="$repo/target/bench/corpus-$n"; else site="$repo/target/bench/hugo-$n"; fi
  out="$(mktemp -d "$place/bench-out-$tool-$n.XXXX")"
  log="$out.times"
  "${tool}_run" "$log.warm" "$site" "$out/site"
  : > "$log"
  for _ in $(seq 1 "$runs"); do "${tool}_run" "$log" "$site" "$out/site"; done
  local pages
  if [ "$tool" = memoria ]; then pages="$out/site/es/casos"; else pages="$out/site/es/cases"; fi
  python3 - "$log" "$out/site" "$pages" <<'PY'
import os, statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
total = files = 0
for d, _, names in os.walk(sys.argv[2]):
    for f in names:
        files += 1
        total += os.path.getsize(os.path.join(d, f))
sizes = [os.path.getsize(os.path.join(sys.argv[3], c, "index.html"))
         for c in os.listdir(sys.argv[3])
         if c.startswith("case-") and os.path.isfile(os.path.join(sys.argv[3], c, "index.html"))]
med = statistics.median
print(f"{med(r[0] for r in rows):.2f} {med(r[1] + r[2] for r in rows):.2f} "
      f"{med(r[3] for r in rows) / 1024:.0f} {total} {files} "
      f"{(sum(sizes) / len(sizes)) if sizes else 0:.0f} {len(rows)}")
PY
  rm -rf "$out" "$log" "$log.err" "$log.warm" "$log.warm.err"
}

table() {
  local runs="${1:-3}"
  shift || true
  local ns=("$@")
  [ ${#ns[@]} -gt 0 ] || ns=(1000 5000 10000 20000)
  build_tools
  local header="| N | output | memoria wall | memoria CPU | memoria peak | memoria written | memoria bytes/case page | Hugo wall | Hugo CPU | Hugo peak | Hugo written | Hugo bytes/case page | wall ratio | CPU ratio | peak ratio | runs |"
  echo "$header"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for n in "${ns[@]}"; do
    corpus "$n"
    for place in "$repo/target/bench" /dev/shm; do
      local m h
      m=($(measure memoria "$n" "$place" "$runs"))
      h=($(measure hugo "$n" "$place" "$runs"))
      local where=disk
      [ "$place" = /dev/shm ] && where=memory
      local row
      row="$(python3 - "$n" "$where" "${m[@]}" "${h[@]}" <<'PY'
import sys
n, where = sys.argv[1], sys.argv[2]
m = list(map(float, sys.argv[3:10]))
h = list(map(float, sys.argv[10:17]))
def written(r):
    return f"{r[3] / 1e6:,.0f} MB, {r[4]:,.0f} files"
def ratio(a, b):
    return f"{a / b:.1f}" if b else "–"
print(f"| {int(n):,} | {where} | {m[0]:.2f} s | {m[1]:.2f} s | {m[2]:,.0f} MiB | {written(m)} | {m[5]:,.0f} "
      f"| {h[0]:.2f} s | {h[1]:.2f} s | {h[2]:,.0f} MiB | {written(h)} | {h[5]:,.0f} "
      f"| {ratio(m[0], h[0])} | {ratio(m[1], h[1])} | {ratio(m[2], h[2])} | {int(m[6])} |")
PY
)"
      echo "$row"
      echo "$row" >> target/bench/table.md
    done
  done
}

# The original interface: bash bench/run.sh N [RUNS] [OUTPUT_PARENT].
single() {
  local n="$1" runs="${2:-5}" parent="${3:-}"
  build_tools
  corpus "$n"
  local site="$repo/target/bench/corpus-$n"
  single_out="$(mktemp -d "${parent:-$repo/target/bench}/out-$n.XXXX")"
  trap 'rm -rf "$single_out"' EXIT
  local out="$single_out"
  echo "corpus: $site ($(find "$site/content" -type f | wc -l) files); output: $out"
  memoria_run "$out/warm" "$site" "$out/site"
  for _ in $(seq 1 "$runs"); do memoria_run "$out/times" "$site" "$out/site"; done
  echo "files written: $(find "$out/site" -type f | wc -l), $(du -sh "$out/site" | cut -f1)"
  python3 - "$out/times" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
def show(name, values, unit, scale=1.0):
    v = [x * scale for x in values]
    print(f"{name:>12}: median {statistics.median(v):.2f} {unit}  min {min(v):.2f}  max {max(v):.2f}")
show("wall", [r[0] for r in rows], "s")
show("cpu", [r[1] + r[2] for r in rows], "s")
show("peak memory", [r[3] for r in rows], "MiB", 1 / 1024)
print(f"{'runs':>12}: {len(rows)}")
PY
}

case "${1:-}" in
  table) shift; table "$@" ;;
  serve) shift; exec bash bench/serve.sh "$@" ;;
  ''|-h|--help) sed -n '2,20p' "$0" >&2; exit 2 ;;
  *) single "$@" ;;
esac
