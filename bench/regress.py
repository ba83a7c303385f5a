#!/usr/bin/env python3
"""Behaviour regression check between two warta binaries: index the same folders with
each, run the same searches, aggregates and exports, and report every output that
differs. Used to show that a refactoring changed nothing but what it meant to change.

Usage:
  python3 bench/regress.py --old OLD_BIN --new NEW_BIN [--corpus DIR ...] [--out DIR]
      [--parse-only]

Defaults: corpora `sample_corpus` and `../shared/corpus`; work folder /tmp/warta-regress.
`parse --json` is compared on every file of the corpora; searches run the queries of
`../shared/peers/queries.txt` plus the syntax cases below under several option sets.
Exit status 1 when anything differs.
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")

SYNTAX = [
    '"Korea Utara"', '"Putin Kim"~3', "rudal OR nuklir", "korupsi -suap", "Korea NOT Selatan",
    "(Putin OR rudal) AND Korea", "+rudal +balistik", "korup*", "Puti~", "Vladivostk~2",
    "title:rudal", "body:banjir", "source:kompas", "person:putin", "place:seoul", "org:kpk",
    "lang:en", "date:2022-11", "date:[2019 TO 2020]", "date:[2023 TO *]", "banjir date:2019",
    "oil prices", "Ma'ruf Amin", "16:31", "username -nya", "banjir jakarta",
    "presiden jokowi meresmikan", "harga beras naik", "the", "yang",
]
OPTION_SETS = [
    [], ["--sort", "newest"], ["--sort", "oldest"], ["--from", "2019", "--to", "2019-06"],
    ["--source", "kompas"], ["--person", "Joko Widodo"], ["--place", "Jakarta"],
    ["--match", "any"], ["--all"], ["--limit", "20", "--offset", "10"], ["--exact-total"],
]
AGGREGATES = [
    ["entities", "--json"], ["entities", "--json", "--type", "person", "--top", "50"],
    ["entities", "banjir", "--json"], ["entities", "--json", "--with", "Jakarta"],
    ["timeline", "--json"], ["timeline", "--json", "--by", "year"], ["timeline", "Putin", "--json", "--by", "day"],
    ["stats", "--json"],
]


def run(binary, index, args):
    p = subprocess.run([binary, "--index", index] + args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def tie_insensitive(result, offset=False):
    """A search result with hits that tie (same score and date) in id order, and the
    last tie group of a full page (and the first of a page past an offset) left out:
    two archives built from the same files may store the same articles in a different
    order (indexing runs on several threads), and tantivy breaks ties by that order."""
    code, out, err = result
    try:
        v = json.loads(out)
    except ValueError:
        return result
    hits = v.get("hits")
    if not isinstance(hits, list):
        return result
    # Ranked by score, or (scores all 0) by date.
    by_score = any(h.get("score") for h in hits)
    groups = []
    for h in hits:
        key = h.get("score") if by_score else h.get("published")
        if groups and groups[-1][0] == key:
            groups[-1][1].append(h)
        else:
            groups.append((key, [h]))
    if len(hits) >= 10:
        groups = groups[:-1]
    if offset:
        groups = groups[1:]
    v["hits"] = [h for _, g in groups for h in sorted(g, key=lambda h: h["id"])]
    return code, json.dumps(v, sort_keys=True), err


def files_of(corpora):
    out = []
    for c in corpora:
        for dirpath, dirnames, filenames in os.walk(c):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for f in sorted(filenames):
                if not f.startswith("."):
                    out.append(os.path.join(dirpath, f))
    return out


def normalise_stats(text):
    try:
        v = json.loads(text)
    except ValueError:
        return text
    for k in ("index_bytes", "last_update", "path", "space"):
        v.pop(k, None)
    return json.dumps(v, sort_keys=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", required=True)
    ap.add_argument("--new", required=True)
    ap.add_argument("--corpus", action="append")
    ap.add_argument("--out", default="/tmp/warta-regress")
    ap.add_argument("--parse-only", action="store_true")
    ap.add_argument("--skip-index", action="store_true", help="reuse the archives in --out")
    a = ap.parse_args()
    corpora = a.corpus or [os.path.join(ROOT, "sample_corpus"), os.path.join(SHARED, "corpus")]
    os.makedirs(a.out, exist_ok=True)
    diffs = 0

    def report(what, old, new):
        nonlocal diffs
        if old != new:
            diffs += 1
            print(f"DIFF {what}\n  old: {str(old)[:600]}\n  new: {str(new)[:600]}")

    # parse --json, file by file (big files in one call each).
    for path in files_of(corpora):
        o = subprocess.run([a.old, "parse", "--json", path], capture_output=True, text=True)
        n = subprocess.run([a.new, "parse", "--json", path], capture_output=True, text=True)
        report(f"parse {path}", (o.returncode, o.stdout), (n.returncode, n.stdout))
    if a.parse_only:
        print(f"{diffs} differences")
        sys.exit(1 if diffs else 0)

    idx = {}
    for name, binary in (("old", a.old), ("new", a.new)):
        idx[name] = os.path.join(a.out, name)
        if not a.skip_index:
            subprocess.run(["rm", "-rf", idx[name]], check=True)
            subprocess.run([binary, "--index", idx[name], "index", "--quiet"] + corpora,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    queries = [q.strip() for q in open(os.path.join(SHARED, "peers", "queries.txt")) if q.strip()]
    for q in queries + SYNTAX:
        for opts in OPTION_SETS:
            args = ["search", "--json"] + opts + ["--", q]
            off = "--offset" in opts
            report(f"search {q!r} {opts}", tie_insensitive(run(a.old, idx["old"], args), off),
                   tie_insensitive(run(a.new, idx["new"], args), off))
    for args in AGGREGATES:
        o = run(a.old, idx["old"], args)
        n = run(a.new, idx["new"], args)
        if args[0] == "stats":
            o, n = normalise_stats(o[1]), normalise_stats(n[1])
        report(" ".join(args), o, n)
    o = sorted(run(a.old, idx["old"], ["export"])[1].splitlines())
    n = sorted(run(a.new, idx["new"], ["export"])[1].splitlines())
    report("export", len(o), len(n))
    for x, y in zip(o, n):
        if x != y:
            report("export line", x, y)
            break
    print(f"{diffs} differences")
    sys.exit(1 if diffs else 0)


if __name__ == "__main__":
    main()
