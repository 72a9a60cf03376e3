#!/usr/bin/env python3
"""Checks on office documents for the CLI tests (450-459).

  parts A B        the zip packages A and B hold the same entry names in the
                   same order, each with byte-identical content (exit 1 and
                   the first differing part otherwise)
  parts-list FILE  the same for every "A<TAB>B" line of FILE (prints each
                   pair that differs)
  codes XLF...     inline codes per segment over XLIFF 2 files: a summary
                   line, then the segments with more than 4 codes
  units XLF        one line a unit: id, name, its notes joined by " / ", then
                   its sources joined by "|", codes as <ph/>, <pc>..</pc>
                   (tab-separated)
  text XLF TXT ORIG
                   the text of every target of XLF (codes dropped, pieces
                   between codes taken apart) occurs in TXT, a converter's
                   plain-text output of the merged document, when its source
                   occurs in ORIG, the same of the original (a converter
                   leaves out footnotes, properties ...)
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = "{urn:oasis:names:tc:xliff:document:2.0}"


def parts(a, b):
    za, zb = zipfile.ZipFile(a), zipfile.ZipFile(b)
    na, nb = za.namelist(), zb.namelist()
    if na != nb:
        print("entries differ: %s / %s" % (na, nb))
        return 1
    for n in na:
        if za.read(n) != zb.read(n):
            print("part %s differs" % n)
            return 1
    return 0


def parts_list(path):
    bad = 0
    for line in open(path, encoding="utf-8"):
        a, b = line.rstrip("\n").split("\t")
        if parts(a, b) != 0:
            print("  in %s" % a)
            bad += 1
    return 1 if bad else 0


def segments(path):
    root = ET.parse(path).getroot()
    for unit in root.iter(NS + "unit"):
        for seg in unit.iter(NS + "segment"):
            yield unit.get("id"), seg


def codes(paths):
    total = segs = over = 0
    worst = []
    for p in paths:
        for uid, seg in segments(p):
            src = seg.find(NS + "source")
            n = sum(1 for e in src.iter() if e.tag in (NS + "ph", NS + "pc", NS + "sc"))
            segs += 1
            total += n
            if n > 4:
                over += 1
                worst.append((n, p.split("/")[-1], uid))
    print("segments %d codes %d per-segment %.3f over4 %d" %
          (segs, total, total / max(segs, 1), over))
    for n, f, u in sorted(worst, reverse=True)[:20]:
        print("  %d codes: %s %s" % (n, f, u))
    return 0


def shown(elem):
    """A source with its codes as bare tags."""
    out = elem.text or ""
    for child in elem:
        tag = child.tag[len(NS):]
        out += "<%s/>" % tag if tag != "pc" else "<pc>%s</pc>" % shown(child)
        out += child.tail or ""
    return out


def units(path):
    root = ET.parse(path).getroot()
    for unit in root.iter(NS + "unit"):
        notes = " / ".join(n.text or "" for n in unit.iter(NS + "note")).replace("\n", " ")
        srcs = "|".join(shown(s) for s in unit.iter(NS + "source"))
        print("%s\t%s\t%s\t%s" % (unit.get("id"), unit.get("name"), notes, srcs))
    return 0


def pieces(elem):
    """Text runs of a target, split where a code stands."""
    out = [elem.text or ""]
    for child in elem:
        if child.tag == NS + "pc":
            out.extend(pieces(child))
        out.append("")
        out[-1] += child.tail or ""
    return out


def text(xlf, txt, orig):
    norm = lambda s: re.sub(r"\s+", " ", s).strip()
    have = norm(open(txt, encoding="utf-8-sig").read())
    shown = norm(open(orig, encoding="utf-8-sig").read())
    missing = checked = 0
    for uid, seg in segments(xlf):
        trg = seg.find(NS + "target")
        src = [norm(p) for p in pieces(seg.find(NS + "source"))]
        if trg is None or not all(p in shown for p in src if p):
            continue
        checked += 1
        for piece in pieces(trg):
            piece = norm(piece)
            if piece and piece not in have:
                missing += 1
                if missing <= 5:
                    print("not in the text: %s %r" % (uid, piece[:80]))
    print("segments checked: %d" % checked)
    return 1 if missing or checked == 0 else 0


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    sys.exit({"parts": lambda: parts(*args),
              "parts-list": lambda: parts_list(*args), "codes": lambda: codes(args),
              "units": lambda: units(*args),
              "text": lambda: text(*args)}[cmd]())
