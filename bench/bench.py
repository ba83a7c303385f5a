#!/usr/bin/env python3
"""Benchmark harness: warta against Lucene (IndonesianAnalyzer), SQLite FTS5 and
tantivy-cli on the same articles. Called by bench/run.sh; see bench/README.md.

For one corpus size it: installs/caches the peer tools under bench/out/tools, builds
warta in release, generates the corpus (cached by size+seed+mix), times `warta index`
(wall, CPU, peak RSS via /usr/bin/time -v), exports the clean text warta indexed as
NDJSON and indexes that with each peer, measures warm in-process query latency
(p50/p99 over ../shared/peers/queries.txt) for every engine, the end-to-end time of
one `warta search` process, and index sizes. Each measurement is the median of
--runs runs. Prints one table and writes it to bench/out/results-SIZE.md (raw numbers
in results-SIZE.json).
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
TOOLS = os.path.join(OUT, "tools")
SHARED = os.environ.get("WARTA_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
PEERS = os.path.join(SHARED, "peers")
QUERIES = os.path.join(PEERS, "queries.txt")
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
BIN = os.path.join(TARGET, "release")
FULL_MIX = {"jsonl": 6, "csv": 3, "text": 1}
ENGINES = ["warta", "lucene", "fts5", "tantivy"]


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def sh(cmd, **kw):
    """Runs a command, failing loudly with its stderr."""
    kw.setdefault("check", True)
    return subprocess.run(cmd, **kw)


# ---------------------------------------------------------------- tools

def ensure_apt(binary, package, required):
    if shutil.which(binary) or os.path.exists(binary):
        return True
    log(f"installing {package} (apt-get)")
    r = subprocess.run(["apt-get", "install", "-y", package], capture_output=True)
    if r.returncode != 0:
        subprocess.run(["apt-get", "update"], capture_output=True)
        r = subprocess.run(["apt-get", "install", "-y", package], capture_output=True)
    ok = shutil.which(binary) or os.path.exists(binary)
    if not ok and required:
        sys.exit(f"bench: cannot install {package}: {r.stderr.decode(errors='replace')[-500:]}")
    return bool(ok)


def ensure_lucene():
    """Lucene (anserini's fat jar from the pyserini 1.6.0 sdist) via bench/lucene.sh."""
    env = dict(os.environ, SHARED=SHARED)
    out = sh(["bash", os.path.join(ROOT, "bench", "lucene.sh")], capture_output=True, text=True, env=env)
    return out.stdout.split() + ["LucenePeer"]


def ensure_tantivy():
    root = os.path.join(TOOLS, "tantivy-cli")
    exe = os.path.join(root, "bin", "tantivy")
    if not os.path.exists(exe):
        log("cargo install tantivy-cli 0.24 (several minutes)")
        sh(["cargo", "install", "tantivy-cli", "--version", "^0.24", "--root", root,
            "--target-dir", os.path.join(TOOLS, "tantivy-target")])
        shutil.rmtree(os.path.join(TOOLS, "tantivy-target"), ignore_errors=True)
    return exe


# ---------------------------------------------------------------- measuring

def timed(cmd, stdin=None, stdout=None, env=None):
    """Runs cmd under /usr/bin/time -v: wall s, user+sys CPU s, peak RSS MB, stdout text.

    Also samples the process's anonymous resident memory (RssAnon in /proc) every 0.1 s:
    peak RSS counts the index files an engine maps and reads back (page cache the kernel
    can reclaim), the anonymous peak is the memory the engine itself holds."""
    with tempfile.TemporaryDirectory() as tmp:
        tf, of, ef = (os.path.join(tmp, n) for n in ("time", "out", "err"))
        with open(of, "wb") as o, open(ef, "wb") as e:
            p = subprocess.Popen(["/usr/bin/time", "-v", "-o", tf] + cmd, stdin=stdin,
                                 stdout=stdout if stdout is not None else o, stderr=e, env=env)
            anon_kb = 0
            while p.poll() is None:
                for pid in children(p.pid):
                    anon_kb = max(anon_kb, rss_anon_kb(pid))
                time.sleep(0.1)
        report, out, err = (open(f, encoding="utf-8", errors="replace").read() for f in (tf, of, ef))
    if p.returncode != 0:
        log_path = os.path.join(OUT, "last-failure.log")
        with open(log_path, "w") as f:
            f.write(err)
        key = [l for l in err.splitlines() if "panicked" in l or l.startswith("error")][:3]
        sys.exit(f"bench: {' '.join(cmd)} failed ({p.returncode}); stderr in {log_path}\n"
                 + "\n".join(key or err.splitlines()[-20:]))

    def field(name):
        m = re.search(re.escape(name) + r":\s*(.+)", report)
        return m.group(1).strip() if m else "0"

    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    return {
        "wall": secs,
        "cpu": float(field("User time (seconds)")) + float(field("System time (seconds)")),
        "rss_mb": int(field("Maximum resident set size (kbytes)")) / 1024,
        "anon_mb": anon_kb / 1024,
        "stdout": out,
        "stderr": err,
    }


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def rss_anon_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            m = re.search(r"RssAnon:\s*(\d+)", f.read())
            return int(m.group(1)) if m else 0
    except OSError:
        return 0


def du(path):
    total = 0
    if os.path.isfile(path):
        return os.path.getsize(path)
    for dirpath, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(dirpath, f))
    return total


def med(xs):
    return statistics.median(xs) if xs else None


def latency(text, engine, prefix=""):
    m = re.search(re.escape(prefix) + r"[^\n]*?p50_us=(\d+) p99_us=(\d+)", text)
    if not m:
        sys.exit(f"bench: no p50/p99 in {engine} output:\n{text[-1500:]}")
    return float(m.group(1)), float(m.group(2))


# ---------------------------------------------------------------- steps

def build():
    log("cargo build --release (warta, gen_corpus, bench_query)")
    sh(["cargo", "build", "--release", "--bin", "warta"], cwd=ROOT, stdout=subprocess.DEVNULL)
    sh(["cargo", "build", "--release", "-p", "warta-tools", "--bin", "gen_corpus", "--bin", "bench_query"],
       cwd=ROOT, stdout=subprocess.DEVNULL)


def warta(*args):
    return [os.path.join(BIN, "warta")] + list(args)


def mix_supported():
    """Which dump formats this warta build reads (the CSV/JSONL readers may still be stubs)."""
    probe = os.path.join(OUT, "probe")
    shutil.rmtree(probe, ignore_errors=True)
    sh([os.path.join(BIN, "gen_corpus"), "--articles", "40", "--seed", "9", "--out", probe,
        "--mix", "jsonl=1,csv=1,text=1", "--shared", SHARED], stdout=subprocess.DEVNULL)
    ok = {}
    for fmt in FULL_MIX:
        files = []
        for dirpath, _, names in os.walk(os.path.join(probe, fmt)):
            files += [os.path.join(dirpath, n) for n in names]
        r = subprocess.run(warta("parse", "--json", sorted(files)[0]), capture_output=True)
        ok[fmt] = r.returncode == 0 and r.stdout.count(b"\n") > 0
    shutil.rmtree(probe, ignore_errors=True)
    os.remove(probe + ".manifest.json")
    return ok


def corpus(size, seed, mix):
    slug = re.sub(r"[^a-z0-9]+", "", mix.replace(",", "-").replace("=", ""))
    d = os.path.join(OUT, "corpus", f"{size}-s{seed}-{slug}")
    manifest = d + ".manifest.json"
    if not os.path.exists(manifest):
        shutil.rmtree(d, ignore_errors=True)
        log(f"generating {size} articles ({mix}) into {d}")
        t0 = time.time()
        sh([os.path.join(BIN, "gen_corpus"), "--articles", str(size), "--seed", str(seed), "--out", d,
            "--mix", mix, "--shared", SHARED], stdout=subprocess.DEVNULL)
        log(f"generated in {time.time() - t0:.1f}s")
    with open(manifest) as f:
        return d, json.load(f)


class Warta:
    """warta's runs: index the dumps (each run from scratch), then queries and sizes."""
    name = "warta"

    def __init__(self, work, dump, runs, rounds, e2e_runs):
        self.work, self.dump, self.runs, self.rounds, self.e2e_runs = work, dump, runs, rounds, e2e_runs
        self.idx = os.path.join(work, "warta-index")
        self.res = {"index": [], "query": [], "rank": []}

    def index(self, r):
        shutil.rmtree(self.idx, ignore_errors=True)
        log(f"warta index run {r + 1}/{self.runs}")
        t = timed(warta("--index", self.idx, "index", "-q", self.dump))
        self.res["index"].append(t)
        self.res["summary"] = t["stdout"].strip().splitlines()[-1] if t["stdout"].strip() else ""

    def export(self):
        ndjson = os.path.join(self.work, "corpus.ndjson")
        with open(ndjson, "wb") as f:
            sh(warta("--index", self.idx, "export", "--flat"), stdout=f)
        return ndjson

    def prepare(self):
        self.res["size"] = du(self.idx)
        self.res["space"] = same_fields_bytes(self.idx)

    def query(self, r):
        res = self.res
        out = sh([os.path.join(BIN, "bench_query"), self.idx, QUERIES, str(self.rounds)],
                 capture_output=True, text=True).stdout
        res["query"].append(latency(out, "warta", "warta search"))
        res["rank"].append(latency(out, "warta", "warta rank"))
        res["query_out"] = out
        if r == self.runs - 1:
            res["e2e"] = e2e(self.idx, self.e2e_runs)

    def cleanup(self):
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(self.idx, ignore_errors=True)


# The fields the peers index too: title and body, stemmed with positions, plus id and date.
PEER_FIELDS = ("title", "body", "id", "published")


def same_fields_bytes(idx):
    """Bytes of warta's index that hold what the peers' indexes hold: every stored
    document (warta stores more per document, so this over-counts) and the peers'
    indexed fields, from `warta stats --space --json`."""
    out = sh(warta("--index", idx, "stats", "--space", "--json"), capture_output=True, text=True).stdout
    space = json.loads(out)["space"]
    parts = ("terms", "postings", "positions", "fast", "norms")
    fields = sum(sum(f[k] for k in parts) for f in space["fields"] if f["field"] in PEER_FIELDS)
    return {"same_fields": fields + space["store"], "store": space["store"],
            "fields": {f["field"]: sum(f[k] for k in parts) for f in space["fields"]},
            "segments": space.get("segments", [])}


def e2e(idx, n):
    """Start-to-exit time of one `warta search` process, in ms (median, mean)."""
    q = "Korea Utara"
    if shutil.which("hyperfine"):
        with tempfile.NamedTemporaryFile("r", suffix=".json") as tf:
            # -N: no intermediate shell, so the time is the warta process alone.
            cmd = " ".join(warta("--index", idx, "search", "'" + q + "'"))
            sh(["hyperfine", "-N", "--warmup", "3", "--runs", str(n),
                "--export-json", tf.name, cmd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times = json.load(tf)["results"][0]["times"]
        tool = "hyperfine"
    else:
        times = []
        for i in range(n + 3):
            t0 = time.perf_counter()
            sh(warta("--index", idx, "search", q), stdout=subprocess.DEVNULL)
            if i >= 3:
                times.append(time.perf_counter() - t0)
        tool = "loop"
    return {"median_ms": statistics.median(times) * 1e3, "mean_ms": statistics.mean(times) * 1e3,
            "min_ms": min(times) * 1e3, "tool": tool, "query": q}


class Lucene:
    name = "Lucene (IndonesianAnalyzer)"

    def __init__(self, work, ndjson, runs, rounds):
        self.java = ensure_lucene()
        self.ndjson, self.runs, self.rounds = ndjson, runs, rounds
        self.idx = os.path.join(work, "lucene-index")
        self.res = {"index": [], "query": []}

    def index(self, r):
        shutil.rmtree(self.idx, ignore_errors=True)
        log(f"lucene index run {r + 1}/{self.runs}")
        self.res["index"].append(timed(self.java + ["index", self.ndjson, self.idx]))

    def prepare(self):
        self.res["size"] = du(self.idx)

    def query(self, r):
        out = sh(self.java + ["search", self.idx, QUERIES, str(self.rounds)],
                 capture_output=True, text=True).stdout
        self.res["query"].append(latency(out, "lucene"))

    def cleanup(self):
        shutil.rmtree(self.idx, ignore_errors=True)


class Fts5:
    name = "SQLite FTS5"

    def __init__(self, work, ndjson, runs, rounds):
        self.ndjson, self.runs, self.rounds = ndjson, runs, rounds
        self.db = os.path.join(work, "fts5.db")
        self.script = os.path.join(PEERS, "fts5_peer.py")
        self.res = {"index": [], "query": []}

    def index(self, r):
        log(f"fts5 index run {r + 1}/{self.runs}")
        self.res["index"].append(timed([sys.executable, self.script, "index", self.ndjson, self.db]))

    def prepare(self):
        self.res["size"] = du(self.db)

    def query(self, r):
        out = sh([sys.executable, self.script, "search", self.db, QUERIES, str(self.rounds)],
                 capture_output=True, text=True).stdout
        self.res["query"].append(latency(out, "fts5"))

    def cleanup(self):
        os.remove(self.db)


TANTIVY_META = {
    "index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
    "segments": [],
    "schema": [
        {"name": "id", "type": "text", "options": {"indexing": {"record": "basic", "fieldnorms": False,
                                                                 "tokenizer": "raw"}, "stored": True}},
        {"name": "title", "type": "text", "options": {"indexing": {"record": "position", "fieldnorms": True,
                                                                    "tokenizer": "default"}, "stored": True}},
        {"name": "body", "type": "text", "options": {"indexing": {"record": "position", "fieldnorms": True,
                                                                   "tokenizer": "default"}, "stored": True}},
    ],
    "opstamp": 0,
}


class Tantivy:
    name = "tantivy-cli 0.24"

    def __init__(self, work, ndjson, runs, rounds):
        self.exe = ensure_tantivy()
        self.work, self.ndjson, self.runs, self.rounds = work, ndjson, runs, rounds
        self.idx = os.path.join(work, "tantivy-index")
        self.res = {"index": [], "query": []}

    def index(self, r):
        shutil.rmtree(self.idx, ignore_errors=True)
        os.makedirs(self.idx)
        with open(os.path.join(self.idx, "meta.json"), "w") as f:
            json.dump(TANTIVY_META, f)
        log(f"tantivy-cli index run {r + 1}/{self.runs}")
        with open(self.ndjson, "rb") as f:
            self.res["index"].append(timed([self.exe, "index", "-i", self.idx], stdin=f))

    def prepare(self):
        exe, work, res = self.exe, self.work, self.res
        res["size"] = du(self.idx)
        # Its query parser rejects some queries (e.g. `Ma'ruf Amin`): bench those it accepts.
        # (checked on an empty index of the same schema: `tantivy search` prints every hit).
        qfile = os.path.join(work, "tantivy-queries.txt")
        probe = os.path.join(work, "tantivy-probe")
        os.makedirs(probe, exist_ok=True)
        with open(os.path.join(probe, "meta.json"), "w") as f:
            json.dump(TANTIVY_META, f)
        accepted, rejected = [], []
        for q in [l.strip() for l in open(QUERIES, encoding="utf-8") if l.strip()]:
            r = subprocess.run([exe, "search", "-i", probe, "-q", q], capture_output=True)
            (accepted if r.returncode == 0 else rejected).append(q)
        shutil.rmtree(probe, ignore_errors=True)
        with open(qfile, "w", encoding="utf-8") as f:
            f.write("".join(q + "\n" for q in accepted))
        res["rejected"] = rejected
        self.qfile, self.accepted = qfile, len(accepted)

    def query(self, r):
        out = sh([self.exe, "bench", "-i", self.idx, "-q", self.qfile, "-n", str(self.rounds)],
                 capture_output=True, text=True).stdout
        self.res["query"].append(tantivy_latency(out, self.accepted))

    def cleanup(self):
        shutil.rmtree(self.idx, ignore_errors=True)


def tantivy_latency(text, nq):
    """`tantivy bench` prints per-query timings; keep the last round of each query."""
    per_query = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3:
            try:
                us = float(parts[-1])
            except ValueError:
                continue
            per_query[parts[0]] = us
    lat = sorted(per_query.values())
    if not lat:
        sys.exit(f"bench: cannot read `tantivy bench` output:\n{text[-1500:]}")
    p99 = lat[min(len(lat) - 1, max(0, -(-len(lat) * 99 // 100) - 1))]
    return lat[len(lat) // 2], p99


# ---------------------------------------------------------------- report

def indexed_docs(res):
    """Documents the engine says it indexed (Lucene, FTS5 print `docs=N`; tantivy-cli a docstamp)."""
    for t in res["index"][-1:]:
        out = t.get("stdout", "") + t.get("stderr", "")
        m = re.search(r"docs=(\d+)", out)
        if m:
            return int(m.group(1))
        m = re.search(r"docstamp at (\d+)", out)
        if m:  # the commit's opstamp: one past the last document's
            return int(m.group(1)) - 1 - out.count("Failed to add document")
    return None


def summarise(name, res, articles, in_bytes):
    wall = med([t["wall"] for t in res["index"]])
    return {
        "indexed_docs": indexed_docs(res),
        "engine": name,
        "articles": articles,
        "input_mb": in_bytes / 1e6,
        "wall_s": wall,
        "cpu_s": med([t["cpu"] for t in res["index"]]),
        "art_per_s": articles / wall,
        "art_per_cpu_s": articles / max(med([t["cpu"] for t in res["index"]]), 1e-9),
        "mb_per_s": in_bytes / 1e6 / wall,
        "rss_mb": med([t["rss_mb"] for t in res["index"]]),
        "anon_mb": med([t.get("anon_mb", 0) for t in res["index"]]),
        "size_mb": res["size"] / 1e6,
        "same_fields_mb": res["space"]["same_fields"] / 1e6 if res.get("space") else None,
        "segments": res["space"].get("segments", []) if res.get("space") else [],
        "p50_ms": med([q[0] for q in res["query"]]) / 1e3,
        "p99_ms": med([q[1] for q in res["query"]]) / 1e3,
        "rank_p50_ms": (med([q[0] for q in res["rank"]]) or 0) / 1e3 if res.get("rank") else None,
        "rank_p99_ms": (med([q[1] for q in res["rank"]]) or 0) / 1e3 if res.get("rank") else None,
    }


def table(rows, e2e_res, meta):
    lines = [
        f"## warta benchmark: {meta['size']} generated articles ({meta['articles']} in the archive)",
        "",
        f"Corpus: seed {meta['seed']}, mix `{meta['mix']}`, {meta['dump_mb']:.1f} MB of dumps; "
        f"NDJSON export {meta['ndjson_mb']:.1f} MB. Median of {meta['runs']} runs; query latency over "
        f"{meta['queries']} queries, last of {meta['rounds']} warm rounds. Machine: {os.cpu_count()} cores, "
        f"load average at start {meta['load']}. Commit {meta['commit']}.",
        "",
        "| engine | index wall s | CPU s | articles/s | articles/CPU-s | MB/s | peak RSS MB | peak anon MB | index MB "
        "| query p50 ms | query p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['engine']} | {r['wall_s']:.2f} | {r['cpu_s']:.2f} | {r['art_per_s']:,.0f} | "
                     f"{r['art_per_cpu_s']:,.0f} | {r['mb_per_s']:.1f} | {r['rss_mb']:.0f} | "
                     f"{r.get('anon_mb', 0):.0f} | {r['size_mb']:.1f} | "
                     f"{r['p50_ms']:.3f} | {r['p99_ms']:.3f} |")
    w = rows[0]
    if len(rows) > 1:
        lines += ["", "Ratios of warta against each peer (indexing and query: above 1 means warta is faster; "
                      "RSS and size: below 1 means warta is smaller):", "",
                  "| peer | articles/s | articles/CPU-s | query p50 | query p99 | peak RSS | index size |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        for r in rows[1:]:
            lines.append(f"| {r['engine']} | {w['art_per_s'] / r['art_per_s']:.2f}x | "
                         f"{w['art_per_cpu_s'] / r['art_per_cpu_s']:.2f}x | "
                         f"{r['p50_ms'] / w['p50_ms']:.2f}x | {r['p99_ms'] / w['p99_ms']:.2f}x | "
                         f"{w['rss_mb'] / r['rss_mb']:.2f}x | {w['size_mb'] / r['size_mb']:.2f}x |")
    if w.get("rank_p50_ms"):
        lines += ["", f"warta's query figures above are the whole `warta search` path (rank, collapse copies, "
                      f"read 10 hits, make 10 snippets). Ranking only, the work the peers' harnesses time "
                      f"(parse, top 10, read the top hit's id): p50 {w['rank_p50_ms']:.3f} ms, "
                      f"p99 {w['rank_p99_ms']:.3f} ms"
                      + "".join(f"; {r['engine']} p50 {r['p50_ms'] / w['rank_p50_ms']:.2f}x, "
                                f"p99 {r['p99_ms'] / w['rank_p99_ms']:.2f}x" for r in rows[1:]) + "."]
    if w.get("same_fields_mb"):
        lucene = next((r for r in rows[1:] if r["engine"].startswith("Lucene")), None)
        lines += ["", f"warta's index holds more than the peers' (entities, exact body and title, "
                      f"near-duplicate bands, file records). The parts that hold what the peers hold "
                      f"(stored documents, and the {', '.join(PEER_FIELDS)} fields), from `warta stats --space`: "
                      f"{w['same_fields_mb']:.1f} MB of {w['size_mb']:.1f} MB"
                      + (f", {w['same_fields_mb'] / lucene['size_mb']:.2f}x Lucene's whole index" if lucene else "")
                      + "."]
    if w.get("segments"):
        segs = w["segments"]
        lines += ["", f"warta's archive has {len(segs)} segments (documents: "
                      f"{', '.join(f'{n:,}' for n in segs)}); each costs a query a dictionary lookup per "
                      f"word and field."]
    if e2e_res:
        lines += ["", f"One `warta search '{e2e_res['query']}'` process, start to exit ({e2e_res['tool']}): "
                      f"median {e2e_res['median_ms']:.1f} ms, mean {e2e_res['mean_ms']:.1f} ms, "
                      f"min {e2e_res['min_ms']:.1f} ms."]
    lines += ["", "Notes: warta's MB/s is over the raw dump files it parses (parse, clean, tag entities, index); "
                  "the peers' over the clean NDJSON that `warta export --flat` wrote (id, title, body, date). "
                  "Peak RSS is the process's maximum resident set (`/usr/bin/time -v`), JVM included for Lucene; "
                  "it counts the mapped index files read back during the run; peak anon is the largest "
                  "anonymous resident memory (RssAnon, sampled every 0.1 s): what the engine itself holds. "
                  "articles/CPU-s divides by user+system CPU time: on a machine busy with other work (load "
                  "average above the core count) it is steadier than wall-clock articles/s, but it hides "
                  "how well an engine keeps both cores busy."]
    if meta.get("notes"):
        lines += [""] + meta["notes"]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("size", type=int, help="number of articles to generate")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mix", default="auto", help="format weights, e.g. jsonl=6,csv=3,text=1; "
                                                 "auto = those this build reads")
    ap.add_argument("--rounds", type=int, default=20, help="warm query rounds (last one is measured)")
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--e2e-runs", type=int, default=30)
    args = ap.parse_args()
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    if engines[0] != "warta":
        sys.exit("bench: warta must be the first engine (the peers index its export)")

    os.makedirs(TOOLS, exist_ok=True)
    load = os.getloadavg()
    ensure_apt("/usr/bin/time", "time", True)
    ensure_apt("hyperfine", "hyperfine", False)
    build()
    notes = []
    mix = args.mix
    if mix == "auto":
        ok = mix_supported()
        mix = ",".join(f"{k}={v}" for k, v in FULL_MIX.items() if ok[k]) or "text=1"
        missing = [k for k, v in ok.items() if not v]
        if missing:
            notes.append(f"Formats this build does not read yet, left out of the mix: {', '.join(missing)}.")
    dump, manifest = corpus(args.size, args.seed, mix)
    work = os.path.join(OUT, "runs", str(args.size))
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)

    # Index runs are interleaved (warta, then each peer, then warta again...), and so are
    # the query runs once every engine's last index is built, so that a slow spell of a
    # shared machine falls on every engine alike.
    w = Warta(work, dump, args.runs, args.rounds, args.e2e_runs)
    w.index(0)
    ndjson = w.export()
    articles = sum(1 for _ in open(ndjson, "rb"))
    ndjson_bytes = os.path.getsize(ndjson)
    kinds = {"lucene": Lucene, "fts5": Fts5, "tantivy": Tantivy}
    peers = [kinds[e](work, ndjson, args.runs, args.rounds) for e in engines[1:]]
    for r in range(args.runs):
        for eng in [w] + peers:
            if not (eng is w and r == 0):
                eng.index(r)
    for eng in [w] + peers:
        eng.prepare()
    for r in range(args.runs):
        for eng in [w] + peers:
            log(f"{eng.name} queries, run {r + 1}/{args.runs}")
            eng.query(r)
    for eng in [w] + peers:
        eng.cleanup()
    wres = w.res
    rows = [summarise("warta", wres, articles, manifest["bytes"])]
    raw = {"warta": wres}
    for e, eng in zip(engines[1:], peers):
        res, name = eng.res, eng.name
        raw[e] = res
        rows.append(summarise(name, res, articles, ndjson_bytes))
        if rows[-1]["indexed_docs"] not in (None, articles):
            notes.append(f"{name} reports {rows[-1]['indexed_docs']} documents indexed, not {articles}.")
        if res.get("rejected"):
            notes.append(f"tantivy-cli's query parser rejected {len(res['rejected'])} queries "
                         f"({'; '.join(res['rejected'])}); its latency is over the others.")
        if e == "tantivy":
            notes.append("tantivy-cli runs with its defaults: 1 indexing thread (+1 JSON thread), 1 GB "
                         "writer budget, `default` tokenizer (no stemming), no date field (it refuses a null date); `tantivy bench` combines words "
                         "with OR (the others with AND) and times the search only, not parsing or fetching "
                         "the top document.")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    meta = {"size": args.size, "articles": articles, "seed": args.seed, "mix": mix,
            "dump_mb": manifest["bytes"] / 1e6, "ndjson_mb": ndjson_bytes / 1e6, "runs": args.runs,
            "rounds": args.rounds, "queries": sum(1 for l in open(QUERIES, encoding="utf-8") if l.strip()),
            "load": " ".join(f"{x:.1f}" for x in load), "commit": commit, "notes": notes}
    md = table(rows, wres["e2e"], meta)
    print(md)
    with open(os.path.join(OUT, f"results-{args.size}.md"), "w") as f:
        f.write(md)
    for r in raw.values():
        for t in r.get("index", []):
            t.pop("stdout", None)
            t["stderr"] = t["stderr"][-500:]
    with open(os.path.join(OUT, f"results-{args.size}.json"), "w") as f:
        json.dump({"meta": meta, "rows": rows, "raw": raw, "warta_summary": wres.get("summary")}, f, indent=1)
    # The peers' indexes and the NDJSON can be large: keep only the corpus cache and results.
    if not os.environ.get("BENCH_KEEP"):
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
