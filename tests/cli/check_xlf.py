#!/usr/bin/env python3
"""Write a small XLIFF 2.1 file for the check tests: `check_xlf.py TRG OUT
[SRC]` reads lines "UNIT<TAB>SOURCE<TAB>TARGET" from stdin (source and
target are XLIFF inline content, written as given: <pc id="1">..</pc> works;
a literal \\t in them is not needed). Source language SRC, en by default."""
import sys

trg, out = sys.argv[1], sys.argv[2]
src = sys.argv[3] if len(sys.argv) > 3 else "en"
with open(out, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" '
            'srcLang="%s" trgLang="%s">\n<file id="f1">\n' % (src, trg))
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line.strip():
            continue
        unit, src, tgt = line.split("\t")
        f.write('<unit id="%s"><segment id="s1"><source>%s</source><target>%s</target>'
                '</segment></unit>\n' % (unit, src, tgt))
    f.write("</file>\n</xliff>\n")
