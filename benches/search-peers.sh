#!/usr/bin/env bash
# Search on the generated corpus, bulletin against Pagefind (issue 3, point 8): index
# build time and peak memory, index size, bytes a first visit downloads per query, and
# whether the same queries find the same pages. Prints Markdown for docs/benchmarks.md.
#
#   bash benches/search-peers.sh              # 10,000 pages
#   PAGES=1000 bash benches/search-peers.sh
#
# What is measured, exactly:
# - The corpus: `bulletin-gencorpus --pages $PAGES --seed 1`, built by `bulletin build`
#   at a fixed --now (expired notices, drafts and scheduled pages as the build sees them).
# - bulletin's index build alone: `cargo bench --bench search -- --site OUT`, which reads
#   the documents back from OUT/search/d and times the index as a build makes it, each file
#   written into a new folder as soon as it is made (wall and CPU seconds over 5 runs, peak
#   RSS of the process; the documents themselves are in the "corpus alone" figure).
# - Pagefind 1.x from npm (its package ships the binary), run on the same built HTML:
#   `pagefind --site OUT`, wall/CPU/peak RSS from GNU time.
# - Per query, in headless Chromium over a local HTTP server, each query in a fresh browser
#   context (cold cache): bulletin's search page with ?q=, and Pagefind's JS API
#   (`search(q)` then `data()` of the first 10 results, as its UI shows 10). Bytes are the
#   response bodies of the search files only (search.js + search/*; pagefind/*), not the
#   HTML page around them. No compression: file:// and a USB copy have none either.
# - "Pages with the phrase": documents whose text (title, summary, tags, category,
#   headings, checklist, steps, body) holds the query as written, counted from OUT/search/d.
set -euo pipefail

PAGES=${PAGES:-10000}
NOW=2026-12-01T10:00:00+08:00
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${WORK:-${TMPDIR:-/tmp}}/bulletin-search-peers.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "search-peers.sh needs GNU time: apt-get install time" >&2; exit 1; }

(cd "$repo" && cargo build --release --quiet -p bulletin -p bulletin-gencorpus)
"$repo/target/release/bulletin-gencorpus" --pages "$PAGES" --seed 1 --out "$work/corpus" >&2
out=$work/out
"$repo/target/release/bulletin" build --root "$work/corpus" --output "$out" --now "$NOW" >&2

echo "## bulletin index build" >&2
(cd "$repo" && cargo bench --quiet --bench search -- --site "$out") | sed 's/^/    /'

size() { du -sb "$@" | awk '{s += $1} END {print s}'; }
files() { find "$@" -type f | wc -l; }
echo
echo "bulletin index: $(size "$out/search" "$out/search.js") bytes in $(files "$out/search" "$out/search.js") files" \
  "(posting shards $(size "$out/search/s") bytes, document files $(size "$out/search/d") bytes)"

(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error pagefind@1 >/dev/null)
/usr/bin/time -v "$work/node_modules/.bin/pagefind" --site "$out" >"$work/pagefind.log" 2>&1
grep -E "Indexed [0-9]+ pages" "$work/pagefind.log" | sed 's/^ */Pagefind: /'
grep -E "Elapsed|User time|Maximum resident" "$work/pagefind.log" | sed 's/^\s*/Pagefind: /'
echo "Pagefind index: $(size "$out/pagefind") bytes in $(files "$out/pagefind") files"

cat >"$work/queries.json" <<'JSON'
["户口 迁入", "身份证 补领", "居住证 办理", "国庆安保", "安全账户", "居住证", "身份证丢了", "临时身份证", "hukou", "110", "户口迁入要带什么", "戶口遷入", "户口迁人"]
JSON
node "$repo/tests/browser/bench-queries.js" "$out" "$work/queries.json" >"$work/rows.json"

python3 - "$out/search/d" "$work/rows.json" <<'PY'
import json, os, sys
d, rows = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
texts = []
for f in os.listdir(d):
    s = open(os.path.join(d, f), encoding="utf-8").read()
    v = json.loads(s[s.index("{"):s.rindex("}") + 1])
    texts.append("\n".join([v.get("t", ""), v.get("s", ""), v.get("c") or ""] + v.get("g", []) + v.get("h", []) + v.get("m", []) + v.get("p", []) + [v.get("b", "")]))
print()
print("| query | pages with the phrase | bulletin: count | bulletin: KB loaded | Pagefind: count | Pagefind: KB loaded | same first result |")
print("|---|---:|---:|---:|---:|---:|---|")
for r in rows:
    q = r["query"]
    truth = sum(1 for t in texts if q in t) if q.isascii() is False and " " not in q else "—"
    b, p = r["bulletin"], r["pagefind"]
    same = "yes" if b["top"][:1] == p["top"][:1] else "no"
    print(f"| {q} | {truth} | {b['count']} | {b['bytes'] / 1024:.0f} | {p['count']} | {p['bytes'] / 1024:.0f} | {same} |")
PY
