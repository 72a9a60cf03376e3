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
  readback LIST    the pseudo text is what a converter reads back, for every
                   "XLF<TAB>ORIG.txt<TAB>PSEUDO.txt" line of LIST (the
                   converter's text of the original and of the
                   pseudo-translated merge): see readback() for the rule;
                   prints the totals and each file that breaks it
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


# What docx2txt writes for characters it has no plain form of (its own
# table, as observed); odt2txt and LibreOffice write them as they are.
CONVERTER_CHARS = str.maketrans({
    "\u00a0": " ", "\u2002": "  ", "\u2003": "  ", "\u2013": " - ", "\u2014": " -- ",
    "\u2015": "--", "\u2018": "`", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u2026": "...", "\u20ac": "Euro", "\u00a9": "(C)", "\u00ae": "(R)",
    "\u00ab": "<<", "\u00bb": ">>", "\u00b4": "'", "\u00ad": "-", "\u00ac": "-",
    "\u00b1": "+-", "\u00d7": "x", "\u00f7": "/", "\u00bd": "(1/2)",
    "\u00bc": "(1/4)", "\u00be": "(3/4)", "\u2030": "%.", "\u00a2": "cent",
    "\u00a3": "Pound", "\u00a5": "Yen", "\u00a6": "|", "\u00b5": "u", "\u03c0": "PI",
    "\u2005": " ", "\u2022": "::", "\u2105": "c/o", "\u2117": "(P)", "\u2120": "(SM)",
    "\u2122": "(TM)", "\u2126": "Ohm", "\u2153": "(1/3)", "\u2154": "(2/3)",
    "\u2190": "<--", "\u2192": "-->", "\u2194": "<-->", "\u2202": "d",
    "\u221e": "infinity", "\u2260": "!=", "\u2264": "<=", "\u2265": ">=", "\uf0b7": "*"})


def norm(s):
    """Whitespace runs as one space, the converter's character mapping done,
    case folded (docx2txt upper-cases w:caps text); the pseudo-translation's
    brackets and padding (tumac pseudo: "[text~~~]") and odt2txt's "===="
    heading underlines (as long as the heading) are left out, of both texts."""
    s = re.sub(r"[\[\]~]|={3,}", "", s.translate(CONVERTER_CHARS))
    return re.sub(r"\s+", " ", s).strip().lower()


def find_in_order(hay, used, pieces, start):
    """Spans of PIECES found one after another in HAY from START, none on
    a span already USED; None if one is missing."""
    spans, at = [], start
    for p in pieces:
        i = hay.find(p, at)
        while i >= 0 and any(a < i + len(p) and i < b for a, b in used):
            i = hay.find(p, i + 1)
        if i < 0:
            return None
        spans.append((i, i + len(p)))
        at = i + len(p)
    return spans


def locate(hay, used, pieces, cursor):
    """find_in_order from CURSOR, else from the start (out of order)."""
    spans = find_in_order(hay, used, pieces, cursor)
    if spans is None:
        spans = find_in_order(hay, used, pieces, 0)
        return spans, spans is not None
    return spans, False


def residue(hay, used):
    """HAY with every USED span cut out, each cut one mark."""
    out, at = [], 0
    for a, b in sorted(used):
        out.append(hay[at:a])
        at = b
    out.append(hay[at:])
    return [norm(p) for p in out]


def readback_file(xlf, orig, pseudo):
    """The rule, for one document. O is the converter's text of the original,
    P that of the pseudo-translated merge (whitespace runs as one space). A
    segment is shown when its source pieces (the text between its codes)
    occur in O, one after another; the converter leaves the others out
    (headers, footnotes, properties, alt text, comments). For every shown
    segment the pieces of its target must occur in P one after another, in
    document order (a segment that P has elsewhere, e.g. a text box the
    converter writes after the paragraph, counts as out of order). Then O
    with the shown sources cut out and P with their targets cut out must be
    the same text: no source text left where a segment was, nothing else
    changed. Returns (segments, shown, out of order, problems)."""
    o = norm(open(orig, encoding="utf-8-sig", errors="replace").read())
    p = norm(open(pseudo, encoding="utf-8-sig", errors="replace").read())
    used_o, used_p, problems = [], [], []
    cur_o = cur_p = total = shown = late = 0
    for uid, seg in segments(xlf):
        trg = seg.find(NS + "target")
        if trg is None:
            continue
        total += 1
        src = [x for x in (norm(x) for x in pieces(seg.find(NS + "source"))) if x]
        tgt = [x for x in (norm(x) for x in pieces(trg)) if x]
        if not src:
            continue
        spans_o, _ = locate(o, used_o, src, cur_o)
        if spans_o is None:
            continue
        shown += 1
        spans_p, out_of_order = locate(p, used_p, tgt, cur_p)
        if spans_p is None:
            problems.append("%s/%s: target not read back: %r" % (uid, seg.get("id"), " ".join(tgt)[:70]))
            continue
        late += out_of_order
        used_o.extend(spans_o)
        used_p.extend(spans_p)
        cur_o = max(cur_o, spans_o[-1][1])
        cur_p = max(cur_p, spans_p[-1][1])
    ro, rp = residue(o, used_o), residue(p, used_p)
    if ro != rp:
        for a, b in zip(ro + [""] * len(rp), rp + [""] * len(ro)):
            if a != b:
                problems.append("text outside the segments differs: %r / %r" % (a[:60], b[:60]))
                break
    return total, shown, late, problems


def readback(path):
    files = bad = total = shown = late = 0
    for line in open(path, encoding="utf-8"):
        xlf, orig, pseudo = line.rstrip("\n").split("\t")
        t, s, l, problems = readback_file(xlf, orig, pseudo)
        files += 1
        total += t
        shown += s
        late += l
        if problems:
            bad += 1
            print("%s: %s" % (xlf.split("/")[-1], problems[0]))
            for pr in problems[1:3]:
                print("    %s" % pr)
    print("readback files %d segments %d shown %d out-of-order %d files-differing %d" %
          (files, total, shown, late, bad))
    return 1 if bad or shown == 0 else 0


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    sys.exit({"parts": lambda: parts(*args),
              "parts-list": lambda: parts_list(*args), "codes": lambda: codes(args),
              "units": lambda: units(*args),
              "text": lambda: text(*args), "readback": lambda: readback(*args)}[cmd]())
