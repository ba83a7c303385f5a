#!/usr/bin/env python3
"""Converts wikigold (CoNLL, IO tags: I-PER, I-LOC, I-ORG, I-MISC) into the
`token<TAB>BIO-label` form warta's trainer reads, with NERGrit's type names
(PERSON, PLACE, ORGANISATION); MISC becomes O because warta has no such type.

    python3 tools/scripts/wikigold_to_bio.py ../shared/ner/en/wikigold.conll > /tmp/wikigold.bio

The output is derived from wikigold (CC-BY 4.0): keep it outside the repository.
"""
import sys

TYPES = {"PER": "PERSON", "LOC": "PLACE", "ORG": "ORGANISATION"}


def convert(lines):
    prev = "O"
    for line in lines:
        line = line.rstrip("\n")
        parts = line.split(" ")
        if not line.strip() or line.startswith("-DOCSTART-"):
            if prev != "":
                yield ""
            prev = ""
            continue
        token, tag = parts[0], parts[-1]
        if tag == "O" or "-" not in tag:
            label, prev_type = "O", "O"
        else:
            prefix, kind = tag.split("-", 1)
            kind = TYPES.get(kind)
            if kind is None:
                label, prev_type = "O", "O"
            else:
                # IO to BIO: a span begins where the type changes or the tag says B.
                begins = prefix == "B" or prev != kind
                label = ("B-" if begins else "I-") + kind
                prev_type = kind
        prev = prev_type
        yield f"{token}\t{label}"


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        out = sys.stdout
        for row in convert(f):
            out.write(row + "\n")


if __name__ == "__main__":
    main()
