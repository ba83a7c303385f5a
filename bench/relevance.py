#!/usr/bin/env python3
"""Known-item relevance check: warta against Lucene's IndonesianAnalyzer on the same articles.

1. Indexes a corpus folder with warta (default ../shared/corpus/jsonl) and exports exactly
   the clean articles it indexed (`warta export --flat`); Lucene indexes that same NDJSON.
2. Draws known-item queries from the articles, deterministically by seed:
   - `words`: 2-4 words a reader might remember (distinctive words of the article,
     surface forms as written, so stemming matters);
   - `sentence`: one whole sentence of 8-30 words, pasted;
   - `pasted`: a passage of one or two sentences pasted as a summary would reword it:
     punctuation, brackets and quotes kept, and about one word in four replaced by a
     word of another article (so no article has every word).
3. Runs every query through the real `warta search --json` and through Lucene's `mrr`
   mode, and prints MRR@10 and recall@10 per query kind.

Usage: bench/relevance.py [--corpus DIR] [--queries 200] [--seed 7] [--warta target/release/warta]
"""
import argparse
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
WORD = re.compile(r"\w+", re.UNICODE)
STOP = set("""yang dan di ke dari ini itu dengan untuk pada adalah dalam tidak akan juga oleh
sebagai telah karena atau bisa dapat ada saat lebih para kata mereka kami kita saya ia dia
tersebut sudah masih hanya namun bahwa seperti jika agar antara setelah secara menjadi tahun
hari baru satu dua tiga lain bagi serta maka pun lalu kini harus sangat banyak tak""".split())


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def make_queries(articles, n, seed):
    rng = random.Random(seed)
    df = Counter()
    for a in articles:
        df.update(set(w.lower() for w in WORD.findall(a["body"])))
    total = len(articles)
    pool = [a for a in articles if len(WORD.findall(a["body"])) >= 80]
    rng.shuffle(pool)
    out = {"words": [], "sentence": [], "pasted": []}
    vocab = sorted(df)
    for a in pool:
        if all(len(v) >= n for v in out.values()):
            break
        toks = WORD.findall(a["body"])
        tf = Counter(t for t in toks if len(t) >= 4 and not t.isdigit() and t.lower() not in STOP)
        cands = [(t, c) for t, c in tf.items() if 2 <= df[t.lower()] <= total / 50]
        if len(out["words"]) < n and len(cands) >= 4:
            k = rng.choice([2, 3, 3, 4])
            words, weights = zip(*cands)
            chosen = []
            while len(chosen) < k:
                w = rng.choices(words, weights=[c * math.log(total / df[t.lower()]) for t, c in cands])[0]
                if w not in chosen:
                    chosen.append(w)
            out["words"].append((a["id"], " ".join(chosen)))
        sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", a["body"].replace("\n", " "))]
        sentences = [s for s in sentences if 8 <= len(s.split()) <= 30]
        if len(out["sentence"]) < n and sentences:
            out["sentence"].append((a["id"], rng.choice(sentences)))
        if len(out["pasted"]) < n and sentences:
            i = rng.randrange(len(sentences))
            words = " ".join(sentences[i:i + rng.choice([1, 2])]).split()
            for j in range(len(words)):
                if rng.random() < 0.25:
                    words[j] = rng.choice(vocab)
            out["pasted"].append((a["id"], " ".join(words)))
    return out


def warta_rank(warta, index, query, target, extra):
    r = subprocess.run([warta, "--index", index, "search", "--json", "--limit", "10", *extra, "--", query],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return None
    hits = json.loads(r.stdout)["hits"]
    for i, h in enumerate(hits):
        if h["id"] == target:
            return i + 1
    return None


def scores(ranks):
    n = len(ranks)
    mrr = sum(1.0 / r for r in ranks if r) / n
    rec = sum(1 for r in ranks if r) / n
    return mrr, rec


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(REPO, "../shared/corpus/jsonl"))
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--warta", default=os.path.join(REPO, "target/release/warta"))
    ap.add_argument("--work", default=os.path.join(HERE, "out/relevance"))
    ap.add_argument("--no-lucene", action="store_true")
    ap.add_argument("--all", action="store_true", help="search with --all (no near-duplicate collapsing)")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    index = os.path.join(args.work, "warta-index")
    # A fresh index every time: an index left by another version of warta is refused.
    shutil.rmtree(index, ignore_errors=True)
    run([args.warta, "--index", index, "index", "--quiet", "--prune", args.corpus])
    ndjson = os.path.join(args.work, "corpus.ndjson")
    with open(ndjson, "w") as f:
        subprocess.run([args.warta, "--index", index, "export", "--flat"], stdout=f, check=True)
    articles = sorted((json.loads(l) for l in open(ndjson)), key=lambda a: a["id"])
    queries = make_queries(articles, args.queries, args.seed)
    print(f"{len(articles)} articles; queries: " + ", ".join(f"{k} {len(v)}" for k, v in queries.items()))

    lucene = None
    if not args.no_lucene:
        java = run([os.path.join(HERE, "lucene.sh")]).stdout.strip().split()
        lindex = os.path.join(args.work, "lucene-index")
        run(java + ["LucenePeer", "index", ndjson, lindex])
        lucene = (java, lindex)

    extra = ["--all"] if args.all else []
    rows = []
    for kind, qs in queries.items():
        tsv = os.path.join(args.work, f"queries-{kind}.tsv")
        with open(tsv, "w") as f:
            for target, q in qs:
                f.write(f"{target}\t{q}\n")
        ranks = [warta_rank(args.warta, index, q, t, extra) for t, q in qs]
        w_mrr, w_rec = scores(ranks)
        l_mrr = l_rec = float("nan")
        if lucene:
            out = run(lucene[0] + ["LucenePeer", "mrr", lucene[1], tsv]).stdout
            m = re.search(r"mrr10=([\d.]+) recall10=([\d.]+)", out)
            l_mrr, l_rec = float(m.group(1)), float(m.group(2))
        rows.append((kind, len(qs), w_mrr, w_rec, l_mrr, l_rec))
    print()
    print("| queries | n | warta MRR@10 | warta R@10 | Lucene MRR@10 | Lucene R@10 |")
    print("|---|---|---|---|---|---|")
    for kind, n, wm, wr, lm, lr in rows:
        print(f"| {kind} | {n} | {wm:.3f} | {wr:.3f} | {lm:.3f} | {lr:.3f} |")


if __name__ == "__main__":
    sys.exit(main())
