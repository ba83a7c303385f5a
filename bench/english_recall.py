#!/usr/bin/env python3
"""English entity recall of warta's tagger against Reuters' own tags (issue #18).

Reuters-21578 stories carry their publisher's tags: <PEOPLE> (surnames such as `reagan`,
`james-baker`) and <ORGS> (acronyms such as `opec`, `imf`). This script copies the SGML
files with every entity tag list emptied (<PLACES>, <PEOPLE>, <ORGS>, <EXCHANGES>), runs
`warta parse --json` on the copies, so that whatever warta finds comes from the text
alone, and counts how many tagged people and organisations it found.

A tag counts as found when warta gives, for that story, the name it gives the tag itself
(its canonical name: `ec` -> `Masyarakat Eropa`, learned by parsing one made-up story
per tag that names nothing in its text), or, for a person, a name containing every word
of the tag (`james-baker` -> `James Baker`); for an organisation, a name that is the tag
or whose initials are the tag (`ico-coffee`: `ico`). Recall is reported over all
tags and over the tags whose words appear in the story's title or body (a tag the text
never names cannot be found from the text).

    python3 bench/english_recall.py [--warta target/release/warta] [--shared ../shared]
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from datetime import datetime

TAG_LISTS = ("PLACES", "PEOPLE", "ORGS", "EXCHANGES")


def words(s):
    return re.findall(r"[a-z0-9]+", s.lower())


def records(sgml):
    """(title, minute, people, orgs) per record, in file order."""
    out = []
    for rec in re.findall(r"<REUTERS.*?</REUTERS>", sgml, re.S):
        def tags(name):
            m = re.search(rf"<{name}>(.*?)</{name}>", rec, re.S)
            return re.findall(r"<D>(.*?)</D>", m.group(1)) if m else []

        title = re.search(r"<TITLE>(.*?)</TITLE>", rec, re.S)
        date = re.search(r"<DATE>\s*(\d+-\w+-\d+ \d+:\d+)", rec)
        body = re.search(r"<BODY>(.*?)</BODY>", rec, re.S)
        out.append(
            {
                "title": " ".join(title.group(1).split()) if title else "",
                "minute": minute(date.group(1)) if date else "",
                "people": tags("PEOPLE"),
                "orgs": tags("ORGS"),
                "text": ((title.group(1) if title else "") + " " + (body.group(1) if body else "")),
            }
        )
    return out


def minute(s):
    try:
        return datetime.strptime(s, "%d-%b-%Y %H:%M").strftime("%Y-%m-%dT%H:%M")
    except ValueError:  # a few records have times such as `605:12`
        return ""


def strip_tags(sgml):
    for name in TAG_LISTS:
        sgml = re.sub(rf"<{name}>.*?</{name}>", f"<{name}></{name}>", sgml, flags=re.S)
    return sgml


FILLER = " ".join(["the price rose and fell in trading during the week"] * 8)


def canonical_names(warta, tags, tmp):
    """warta's own name for each (kind, tag), from made-up stories carrying one tag each."""
    tags = sorted(tags)
    recs = []
    for i, (kind, tag) in enumerate(tags):
        people = f"<D>{tag}</D>" if kind == "person" else ""
        orgs = f"<D>{tag}</D>" if kind == "org" else ""
        recs.append(
            f'<REUTERS NEWID="{i + 1}">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n'
            f"<TOPICS></TOPICS><PLACES></PLACES><PEOPLE>{people}</PEOPLE>"
            f"<ORGS>{orgs}</ORGS><EXCHANGES></EXCHANGES>\n"
            f"<TEXT><TITLE>STORY {i}</TITLE><BODY>{FILLER}</BODY></TEXT></REUTERS>"
        )
    path = os.path.join(tmp, "tags.sgm")
    with open(path, "w", encoding="latin-1") as f:
        f.write("\n".join(recs))
    out = subprocess.run(
        [warta, "parse", "--json", path], capture_output=True, text=True, check=True
    ).stdout
    names = {}
    for line in out.splitlines():
        a = json.loads(line)
        kind, tag = tags[int(a["title"].split()[1])]
        got = (a.get("entities") or {}).get(kind) or []
        if got:
            names[(kind, tag)] = got[0]
    return names


def person_found(tag, people):
    want = words(tag)
    return any(all(w in words(p) for w in want) for p in people)


def org_found(tag, orgs):
    want = "".join(words(tag.split("-")[0]))
    for o in orgs:
        ws = words(o)
        if "".join(ws) == want or want in ws:
            return True
        initials = "".join(w[0] for w in ws if w not in ("of", "the", "and", "for"))
        if initials == want:
            return True
    return False


def named_in(tag, text):
    text_words = set(words(text))
    return all(w in text_words for w in words(tag))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--warta", default="target/release/warta")
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--misses", type=int, default=0, help="print N missed tags of each kind")
    args = ap.parse_args()
    folder = os.path.join(args.shared, "corpus/sgml/reuters21578")
    files = sorted(f for f in os.listdir(folder) if f.endswith(".sgm"))
    if not files:
        sys.exit(f"no .sgm files in {folder}")
    gold = {}
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            raw = open(os.path.join(folder, f), encoding="latin-1").read()
            for r in records(raw):
                if r["people"] or r["orgs"]:
                    gold.setdefault(r["title"].upper(), []).append(r)
            with open(os.path.join(tmp, f), "w", encoding="latin-1") as out:
                out.write(strip_tags(raw))
        wanted = {
            (kind, t)
            for recs in gold.values()
            for r in recs
            for kind, ts in (("person", r["people"]), ("org", r["orgs"]))
            for t in ts
        }
        canon = canonical_names(args.warta, wanted, tmp)
        proc = subprocess.run(
            [args.warta, "parse", "--json"] + [os.path.join(tmp, f) for f in files],
            capture_output=True,
            text=True,
            check=True,
        )
    tally = {k: [0, 0, 0, 0] for k in ("person", "org")}  # found, all, found named, named
    misses = []
    matched = 0
    for line in proc.stdout.splitlines():
        a = json.loads(line)
        recs = gold.get((a.get("title") or "").upper())
        if not recs:
            continue
        # Titles repeat; prefer the record of the same minute.
        at = (a.get("published") or "")[:16]
        i = next((i for i, r in enumerate(recs) if r["minute"] == at), 0)
        r = recs.pop(i)
        matched += 1
        ents = a.get("entities") or {}
        for kind, tags, found in (
            ("person", r["people"], person_found),
            ("org", r["orgs"], org_found),
        ):
            got = ents.get(kind) or []
            for t in tags:
                hit = canon.get((kind, t)) in got or found(t, got)
                named = named_in(t, r["text"])
                tally[kind][0] += hit
                tally[kind][1] += 1
                tally[kind][2] += hit and named
                tally[kind][3] += named
                if named and not hit:
                    misses.append((kind, t, got, r["title"]))
    print(f"stories with people or org tags matched: {matched}")
    for kind, (f, n, fn, nn) in tally.items():
        print(
            f"{kind}: recall {f / max(n, 1):.3f} ({f}/{n} tags); "
            f"over tags named in the text {fn / max(nn, 1):.3f} ({fn}/{nn})"
        )
    for kind in ("person", "org"):
        for _, t, got, title in [m for m in misses if m[0] == kind][: args.misses]:
            print(f"missed {kind} {t!r} in {title!r}: {got}")


if __name__ == "__main__":
    main()
