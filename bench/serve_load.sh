#!/usr/bin/env bash
# Load on `warta serve` over an archive of SIZE generated articles: 64 clients for 30 s
# on a mix of search pages, article pages and API calls (bench/serve_load.py), then the
# server's RSS. The corpus and archive are cached under bench/out/ (git ignores it).
#
#     bench/serve_load.sh [SIZE=100000] [CLIENTS=64] [SECONDS=30] [SKIP=kind,kind] [--unique]
#
# --unique: no query repeats (see serve_load.py), so the server's answer cache cannot
# help. WARTA=PATH runs another binary as the server (e.g. an older build to compare).
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-100000}; clients=${2:-64}; seconds=${3:-30}; skip=${4:-}
extra=("${@:5}")
corpus=bench/out/corpus/$size-s1
archive=bench/out/serve-$size
cargo build --release -q
if [ ! -d "$archive" ]; then
  if [ ! -d "$corpus" ]; then
    cargo build --release -q -p warta-tools --bin gen_corpus
    target/release/gen_corpus --articles "$size" --seed 1 --out "$corpus"
  fi
  target/release/warta --index "$archive" index -q "$corpus"
fi
log=$(mktemp)
${WARTA:-target/release/warta} --index "$archive" serve --bind 127.0.0.1:0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q http "$log" && break; sleep 0.2; done
url=$(grep -o 'http://[^ ]*' "$log")
echo "warta serve at $url (pid $pid), $(target/release/warta --index "$archive" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])') articles"
python3 bench/serve_load.py "$url" "$pid" --clients "$clients" --seconds "$seconds" --skip "$skip" "${extra[@]}"
