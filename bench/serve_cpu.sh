#!/usr/bin/env bash
# Server CPU time per request, by kind of request, for one or more builds of warta:
# each build serves the cached 100,000-article archive (bench/serve_load.sh makes it),
# gets a short mixed warm-up (global ordinals, page cache), then each kind alone from
# 4 clients with unique queries (bench/serve_load.py --unique). CPU per request does
# not count waiting, so it compares builds better than latency on a shared machine;
# builds are run in turn, ROUNDS times, to spread the machine's drift over all of them.
#
#     bench/serve_cpu.sh [ROUNDS=2] [SECONDS=8] BIN...
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}; seconds=${2:-8}; shift 2
kinds=(page_search api_search page_article api_article api_timeline api_entities)
all=$(IFS=,; echo "${kinds[*]}")
for round in $(seq "$rounds"); do
  for bin in "$@"; do
    log=$(mktemp)
    "$bin" --index bench/out/serve-100000 serve --bind 127.0.0.1:0 >"$log" 2>&1 &
    pid=$!
    for _ in $(seq 50); do grep -q http "$log" && break; sleep 0.2; done
    url=$(grep -o 'http://[^ ]*' "$log")
    python3 bench/serve_load.py "$url" "$pid" --clients 8 --seconds 3 --unique >/dev/null
    line="round $round $(basename "$bin"):"
    for k in "${kinds[@]}"; do
      skip=$(echo ",$all," | sed "s/,$k,/,/; s/^,//; s/,$//")
      out=$(python3 bench/serve_load.py "$url" "$pid" --clients 4 --seconds "$seconds" --unique --skip "$skip")
      ms=$(echo "$out" | sed -n 's/.*, \([0-9.]*\) ms per request/\1/p')
      line="$line $k $ms"
    done
    echo "$line ms CPU/request"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
