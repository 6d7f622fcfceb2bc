#!/usr/bin/env bash
# How long a resident on a cheap phone with a weak signal waits (issue 21): headless
# Chromium with 4× CPU throttling and the "Fast 3G" profile (1.44 Mbps, 562.5 ms latency),
# over a local HTTP server without compression, first visit (cold cache), on the example
# site and on the generated corpus, against Pagefind's default UI on the same build.
# Prints Markdown for docs/benchmarks.md.
#
#   bash benches/search-speed.sh                 # example site and 10,000 pages, 3 runs
#   PAGES=1000 RUNS=5 bash benches/search-speed.sh
#   ENCODED=1 bash benches/search-speed.sh       # serve the .br/.gz files beside each file
#
# The figure is the median of the runs: from the start of the navigation to the first
# result on screen (bulletin: search/index.html?q=…; Pagefind: its UI, fed the same query
# as soon as the page is loaded), and to a guide's checklist painted. KB: bytes received
# by then, headers included. See tests/browser/bench-speed.js for exactly what is timed.
set -euo pipefail

PAGES=${PAGES:-10000}
RUNS=${RUNS:-3}
NOW=2026-12-01T10:00:00+08:00
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${WORK:-${TMPDIR:-/tmp}}/bulletin-search-speed.XXXXXX")
trap 'rm -rf "$work"' EXIT

(cd "$repo" && cargo build --release --quiet -p bulletin -p bulletin-gencorpus)
[ -d "$repo/tests/browser/node_modules" ] || (cd "$repo/tests/browser" && npm ci --no-audit --no-fund --loglevel=error)
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error pagefind@1 >/dev/null)
pagefind_version=$("$work/node_modules/.bin/pagefind" --version)
echo "Pagefind: $pagefind_version (npm's package runs the extended build)" >&2

cat >"$work/queries.json" <<'JSON'
["身份证", "居住证", "国庆安保", "无犯罪记录证明", "户口迁入要带什么"]
JSON

# measure NAME ROOT GUIDE: builds ROOT, indexes it with Pagefind, prints a table.
measure() {
  local name=$1 root=$2 guide=$3 out=$work/out-$1
  "$repo/target/release/bulletin" build --root "$root" --output "$out" --now "$NOW" >&2
  "$work/node_modules/.bin/pagefind" --site "$out" >"$work/pagefind-$name.log" 2>&1
  BENCH_ENCODING=${ENCODED:-0} node "$repo/tests/browser/bench-speed.js" "$out" "$work/queries.json" "$guide" "$RUNS" >"$work/rows-$name.json"
  python3 - "$name" "$work/rows-$name.json" <<'PY'
import json, statistics, sys
name, rows = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))["rows"]
med = lambda xs: statistics.median(xs)
by = {(r["what"], r["query"]): r for r in rows}
print(f"\n{name}: median of {len(rows[0]['ms'])} runs (all runs in brackets)\n")
print("| query | bulletin: first result | KB | Pagefind UI: first result | KB | ratio |")
print("|---|---:|---:|---:|---:|---:|")
for r in rows:
    if r["what"] != "bulletin":
        continue
    q = r["query"]
    p = by.get(("pagefind", q))
    b_ms = med(r["ms"])
    line = f"| {q} | {b_ms / 1000:.2f} s ({', '.join(f'{m / 1000:.2f}' for m in r['ms'])}) | {med(r['kb']):.0f} |"
    if p:
        p_ms = med(p["ms"])
        line += f" {p_ms / 1000:.2f} s ({', '.join(f'{m / 1000:.2f}' for m in p['ms'])}) | {med(p['kb']):.0f} | {b_ms / p_ms:.2f} |"
    else:
        line += " — | — | — |"
    print(line)
for r in rows:
    if r["what"] == "guide":
        print(f"\nGuide page {r['query']}, checklist painted: {med(r['ms']) / 1000:.2f} s "
              f"({', '.join(f'{m / 1000:.2f}' for m in r['ms'])}), {med(r['kb']):.0f} KB")
PY
}

measure example "$repo" guides/hukou-qianru.html
"$repo/target/release/bulletin-gencorpus" --pages "$PAGES" --seed 1 --out "$work/corpus" >&2
guide=$(cd "$work/corpus/content" && ls guides/*.md | grep -v _index | head -1)
measure "corpus-$PAGES" "$work/corpus" "${guide%.md}.html"
