#!/usr/bin/env bash
# Where indexing time goes: runs `warta index` on a small generated corpus under
# valgrind's callgrind (stable instruction counts, works where perf has no hardware
# counters) and prints the top functions, inclusive and exclusive.
# usage: bench/profile.sh [ARTICLES=2000] [MIX=auto-from-bench] ; output in bench/out/profile/
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
n=${1:-2000}
mix=${2:-jsonl=6,csv=3,text=1}
out=$here/out/profile
target=${CARGO_TARGET_DIR:-$root/target}
command -v valgrind >/dev/null || apt-get install -y valgrind >/dev/null
(cd "$root" && cargo build --release --bin warta && cargo build --release -p warta-tools --bin gen_corpus >/dev/null)
rm -rf "$out"
mkdir -p "$out"
"$target/release/gen_corpus" --articles "$n" --seed 1 --mix "$mix" --out "$out/corpus" >/dev/null
valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" \
  "$target/release/warta" --index "$out/index" index -q "$out/corpus" 2>"$out/valgrind.log"
callgrind_annotate --inclusive=yes "$out/callgrind.out" >"$out/inclusive.txt" 2>/dev/null
callgrind_annotate "$out/callgrind.out" >"$out/exclusive.txt" 2>/dev/null
echo "== inclusive (top 40)"
grep -E '^ *[0-9,]+ \(' "$out/inclusive.txt" | head -40
echo "== exclusive (top 30)"
grep -E '^ *[0-9,]+ \(' "$out/exclusive.txt" | head -30
