#!/usr/bin/env python3
"""Body extraction quality of `warta parse` on the ScrapingHub article extraction
benchmark pages in ../shared/extraction/aeb-dev (or --dev DIR).

It runs `warta parse --json` on every page, writes warta's bodies as
output/warta.json in a temporary copy of the folder, runs the benchmark's own
evaluate.py there (token-shingle precision, recall and F1 of the body, against the
published extractors' outputs in the same run) and prints the table, then warta's
P/R/F1 on one line. It also times the parse (pages/s, median of --runs).

    python3 bench/extraction.py [--warta target/release/warta] [--dev DIR] [--runs 3]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def parse_pages(warta, pages):
    """Runs `warta parse --json` over the pages; returns {page id: body} and seconds."""
    start = time.perf_counter()
    proc = subprocess.run(
        [warta, "parse", "--json", *map(str, pages)],
        capture_output=True,
        text=True,
        env={**os.environ, "WARTA_INDEX": tempfile.gettempdir() + "/warta-extraction-none"},
    )
    elapsed = time.perf_counter() - start
    bodies = {}
    for line in proc.stdout.splitlines():
        if not line.strip():
            continue
        a = json.loads(line)
        key = Path(a["path"]).name.split(".")[0]
        # A page yields one article; keep the first if a page ever yields more.
        bodies.setdefault(key, a.get("body", ""))
    return bodies, elapsed, proc.stderr


def print_worst(dev, truth, prediction, n):
    """Per-page precision and recall with the benchmark's own shingle matching."""
    sys.path.insert(0, str(dev))
    import evaluate  # noqa: E402 (the benchmark's scorer, from the dev folder)

    rows = []
    for key in truth:
        tp, fp, fn = evaluate.string_shingle_matching(
            true=truth[key].get("articleBody", ""), pred=prediction[key]["articleBody"]
        )
        p = evaluate.precision_score(tp, fp, fn)
        r = evaluate.recall_score(tp, fp, fn)
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows.append((f, p, r, key))
    rows.sort()
    print("worst pages:  F1     P      R      id")
    for f, p, r, key in rows[:n]:
        print(f"             {f:.3f}  {p:.3f}  {r:.3f}  {key}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--warta", default=str(HERE.parent / "target/release/warta"))
    ap.add_argument("--dev", default=str(HERE.parent.parent / "shared/extraction/aeb-dev"))
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--json", action="store_true", help="print P/R/F1 as JSON only")
    ap.add_argument("--keep", help="copy warta.json here too")
    ap.add_argument("--worst", type=int, default=0, help="list the N pages with the lowest F1")
    args = ap.parse_args()

    dev = Path(args.dev)
    if not (dev / "ground-truth.json").exists():
        sys.exit(f"error: {dev}: no ground-truth.json (is ../shared there?)")
    pages = sorted((dev / "html").glob("*.html*"))
    times = []
    bodies = {}
    for _ in range(max(1, args.runs)):
        bodies, elapsed, stderr = parse_pages(args.warta, pages)
        times.append(elapsed)
    truth = json.loads((dev / "ground-truth.json").read_text())
    missing = [k for k in truth if k not in bodies]
    prediction = {k: {"articleBody": bodies.get(k, "")} for k in truth}

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "aeb"
        shutil.copytree(dev, work, ignore=shutil.ignore_patterns("html"))
        (work / "output" / "warta.json").write_text(json.dumps(prediction))
        if args.keep:
            shutil.copy(work / "output" / "warta.json", args.keep)
        out_json = work / "metrics.json"
        proc = subprocess.run(
            [sys.executable, "evaluate.py", "--n-bootstrap", "200", "--output", str(out_json)],
            cwd=work,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            sys.exit(f"error: evaluate.py failed:\n{proc.stderr}")
        metrics = json.loads(out_json.read_text())
    w = metrics["warta"]
    result = {
        "f1": round(w["f1"], 4),
        "precision": round(w["precision"], 4),
        "recall": round(w["recall"], 4),
        "pages": len(pages),
        "missing": len(missing),
        "pages_per_s": round(len(pages) / statistics.median(times), 1),
    }
    if args.json:
        print(json.dumps(result))
        return
    print(proc.stdout)
    if args.worst:
        print_worst(dev, truth, prediction, args.worst)
    if missing:
        print(f"pages with no article from warta: {len(missing)}: {', '.join(missing[:5])}")
    print(
        f"warta: F1 {result['f1']:.3f}  P {result['precision']:.3f}  R {result['recall']:.3f}"
        f"  ({len(pages)} pages, {result['pages_per_s']} pages/s, median of {len(times)})"
    )


if __name__ == "__main__":
    main()
