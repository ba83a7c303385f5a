#!/usr/bin/env bash
# Benchmark warta against Lucene, SQLite FTS5 and tantivy-cli on the same articles.
# usage: bench/run.sh SIZE [--runs N] [--seed S] [--mix SPEC|auto] [--rounds R]
#                          [--engines warta,lucene,fts5,tantivy] [--e2e-runs N]
# Everything it makes (corpus, indexes, tools, results) goes under bench/out/ (git-ignored).
# See bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec python3 "$here/bench.py" "$@"
