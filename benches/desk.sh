#!/usr/bin/env bash
# The staff desk's live preview on the example site: from the last keystroke in a form to
# the preview showing it (the desk waits for a 200 ms pause, then the server reads and
# checks the site with the draft and renders the page). Release build, headless Chromium,
# one `bulletin serve` on loopback. Prints the median and the slowest of RUNS edits.
#
#   bash benches/desk.sh            # 20 edits
#   RUNS=50 bash benches/desk.sh
set -euo pipefail

RUNS=${RUNS:-20}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bulletin-desk-bench.XXXXXX")
trap 'kill "$serve" 2>/dev/null || true; rm -rf "$work"' EXIT

(cd "$repo" && cargo build --release --quiet -p bulletin)
[ -d "$repo/tests/browser/node_modules" ] || (cd "$repo/tests/browser" && npm ci --no-audit --no-fund --loglevel=error)
mkdir -p "$work/site"
cp -r "$repo/content" "$repo/site.yaml" "$work/site/"
"$repo/target/release/bulletin" serve --root "$work/site" --port 0 >"$work/serve.log" 2>&1 &
serve=$!
for _ in $(seq 100); do
  grep -q 'http://' "$work/serve.log" && grep -q '已生成' "$work/serve.log" && break
  sleep 0.1
done
base=$(grep -o 'http://[^/]*' "$work/serve.log" | head -1)
node "$repo/tests/browser/bench-desk.mjs" "$base" "$RUNS"
