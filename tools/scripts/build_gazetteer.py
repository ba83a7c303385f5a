#!/usr/bin/env python3
"""Builds src/entities/names.tsv, the gazetteer compiled into warta: one canonical
entity a line, `kind<TAB>canonical<TAB>alias|alias|...`, aliases lower-case.

Sources:
- countries: the npm package `i18n-iso-countries` (MIT licence), its English and
  Indonesian names (`langs/en.json`, `langs/id.json`); the canonical name is the
  Indonesian one, as Indonesian news writes it;
- tools/scripts/gazetteer_extra.tsv: hand-written facts (major places and
  organisations, Reuters' tags).

    cd /tmp && npm pack i18n-iso-countries@7.14.0 && tar xzf i18n-iso-countries-7.14.0.tgz
    python3 tools/scripts/build_gazetteer.py /tmp/package > src/entities/names.tsv

Entries of the extra file win over the country list where they share an alias.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

def key(name):
    name = re.sub(r"[.'’]", "", name)
    name = re.sub(r"[-\s,()]+", " ", name).strip()
    return name.lower()


def names(value):
    return value if isinstance(value, list) else [value]


def main():
    pkg = sys.argv[1]
    with open(os.path.join(pkg, "langs", "en.json"), encoding="utf-8") as f:
        en = json.load(f)["countries"]
    with open(os.path.join(pkg, "langs", "id.json"), encoding="utf-8") as f:
        idn = json.load(f)["countries"]
    entries = []  # (kind, canonical, [aliases])
    with open(os.path.join(HERE, "gazetteer_extra.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            kind, canon, aliases = line.split("\t")
            entries.append((kind, canon, [key(a) for a in aliases.split("|")]))
    taken = {a for _, _, al in entries for a in al}
    for code in sorted(en):
        canon = names(idn.get(code, en[code]))[0]
        aliases = []
        for n in names(idn.get(code, [])) + names(en[code]):
            k = key(n)
            # Two-letter forms (`US`, `UK`) clash with Indonesian words and codes.
            if len(k) < 3 and k not in ("us", "uk"):
                continue
            if k and k not in aliases and k not in taken:
                aliases.append(k)
        if aliases:
            taken.update(aliases)
            entries.append(("place", canon, aliases))
    out = sys.stdout
    out.write("# Built by tools/scripts/build_gazetteer.py; do not edit by hand.\n")
    for kind, canon, aliases in entries:
        out.write(f"{kind}\t{canon}\t{'|'.join(aliases)}\n")


if __name__ == "__main__":
    main()
