#!/usr/bin/env bash
# Benchmark: generate a corpus of N cases (once) and build it RUNS times
# after a warm-up, reporting wall time, CPU time and peak memory (median,
# min, max) with GNU time.
#
#   bash bench/run.sh N [RUNS] [OUTPUT_PARENT]
#
# OUTPUT_PARENT defaults to a temporary folder on the same disk as the
# corpus; pass /dev/shm to leave the disk out of the measurement.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:?usage: bench/run.sh N [RUNS] [OUTPUT_PARENT]}"
runs="${2:-5}"
parent="${3:-}"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }

cargo build --release --quiet --bin memoria --example gen_corpus
corpus="target/bench/corpus-$n"
if [ ! -f "$corpus/site.toml" ]; then
  rm -rf "$corpus"
  ./target/release/examples/gen_corpus "$n" "$corpus"
fi
out="$(mktemp -d "${parent:-target/bench}/out-$n.XXXX")"
trap 'rm -rf "$out"' EXIT

echo "corpus: $corpus ($(find "$corpus/content" -type f | wc -l) files); output: $out"
./target/release/memoria build --root "$corpus" --output "$out/site" >/dev/null 2>&1   # warm-up
results="$out/times"
for i in $(seq 1 "$runs"); do
  /usr/bin/time -f "%e %U %S %M" -o "$out/one" ./target/release/memoria build --root "$corpus" --output "$out/site" >/dev/null 2>&1
  cat "$out/one" >> "$results"
done
echo "files written: $(find "$out/site" -type f | wc -l), $(du -sh "$out/site" | cut -f1)"
python3 - "$results" <<'PY'
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
