#!/usr/bin/env bash
# Benchmark of `memoria serve`: the time from a file change to the last write
# of the rebuild it starts.
#
#   bash bench/serve.sh N [EDITS]
#
# Copies the corpus of N cases (generated once, as bench/run.sh does) to
# target/bench/serve-N, starts `memoria serve --port 0` in that folder and
# makes EDITS (default 20) one-case edits (one word of a case body replaced)
# and EDITS vocabulary label edits (the Spanish label of one theme), one at a
# time, each after the previous rebuild was reported. For each edit it
# records the figure serve prints, `rebuilt in N ms (M ms since the change)`:
# M runs from the first file-change event serve received to the end of the
# last write. It also records the time from the script's save to that line
# appearing. Prints the median and the maximum of each.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:?usage: bench/serve.sh N [EDITS]}"
edits="${2:-20}"
cargo build --release --quiet --bin memoria --example gen_corpus
corpus="target/bench/corpus-$n"
if [ ! -f "$corpus/site.toml" ] || [ ! -f "target/bench/hugo-$n/config.toml" ]; then
  rm -rf "$corpus" "target/bench/hugo-$n"
  ./target/release/examples/gen_corpus "$n" "$corpus" --hugo "target/bench/hugo-$n" >&2
fi
site="target/bench/serve-$n"
rm -rf "$site"
cp -r "$corpus" "$site"
python3 - "$PWD/target/release/memoria" "$site" "$edits" <<'PY'
import os, re, signal, statistics, subprocess, sys, threading, time

memoria, site, edits = sys.argv[1], sys.argv[2], int(sys.argv[3])
proc = subprocess.Popen([memoria, "serve", "--port", "0"], cwd=site,
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
lines, cond = [], threading.Condition()

def drain(stream):
    for line in stream:
        with cond:
            lines.append((time.monotonic(), line.rstrip("\n")))
            cond.notify_all()

for s in (proc.stdout, proc.stderr):
    threading.Thread(target=drain, args=(s,), daemon=True).start()

REBUILD = re.compile(r"^rebuilt in (\d+) ms(?: \((\d+) ms since the change\))?:")
def rebuilds():
    return [(t, l) for t, l in lines if l.startswith("rebuilt in ") or l.startswith("rebuild failed")]

def wait_rebuilds(count, timeout=600):
    with cond:
        if not cond.wait_for(lambda: len(rebuilds()) >= count, timeout):
            sys.exit("no rebuild reported; serve said:\n" + "\n".join(l for _, l in lines[-20:]))
        return rebuilds()[count - 1]

def replace_in(path, old, new):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert old in text, (path, old)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))

def edit_case(i):
    """One word of the body of one case: a word of its last section."""
    path = os.path.join(site, "content/cases", f"case-{(i * 37) % n_cases:05d}.es.md")
    with open(path, encoding="utf-8") as f:
        head, last = f.read().rsplit("\n## ", 1)
    word = re.search(r"(?<= )[a-záéíóúñ]{4,}(?=[ .])", last)
    assert word, path
    last = last[:word.end()] + f"x{i}" + last[word.end():]
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + "\n## " + last)

def edit_label(i):
    """The Spanish label of one theme in the vocabulary."""
    t = f"theme-{i % 30:02d}"
    replace_in(os.path.join(site, "content/vocabulary.yaml"), f'es: "Tema {t}', f'es: "Tema {t} v{i}')

n_cases = len([f for f in os.listdir(os.path.join(site, "content/cases")) if f.endswith(".es.md")])
wait_rebuilds(1)
# The first build wrote the whole site (640 MB at N = 10,000): let the
# kernel put it on disk before the edits, as it has by a person's first save.
os.sync()
results = {}
try:
    for name, edit in (("one-case edit", edit_case), ("vocabulary label edit", edit_label)):
        since, seen = [], []
        for i in range(edits):
            time.sleep(0.5)
            before = len(rebuilds())
            saved = time.monotonic()
            edit(i)
            t, line = wait_rebuilds(before + 1)
            m = REBUILD.match(line)
            if not m or m.group(2) is None:
                sys.exit(f"unexpected line after an edit: {line}")
            since.append(int(m.group(2)))
            seen.append((t - saved) * 1000)
            if len(rebuilds()) > before + 1:
                sys.exit("one save made more than one rebuild")
        results[name] = (since, seen)
finally:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()

print(f"memoria serve, N = {n_cases:,} cases, {edits} edits of each kind")
for name, (since, seen) in results.items():
    print(f"{name:>22}: change event to last write: median {statistics.median(since):.0f} ms, max {max(since)} ms; "
          f"save to the rebuild line: median {statistics.median(seen):.0f} ms, max {max(seen):.0f} ms")
PY
