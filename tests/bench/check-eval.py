#!/usr/bin/env python3
"""False alarms and caught errors of `tumac check`, against Translate
Toolkit's pofilter on the same pairs.

The NTREX-128 news test set (English and its human translations into bs, hr,
sr-Latn, sr-Cyrl) is paired line by line into segments: one XLIFF 2.1 file
per locale for tumac, one PO file for pofilter. Every finding on these
published translations is counted per check per 100 segments (most are
false alarms; some are the translators' real slips -- print_examples shows
them for review).

Then one known error is injected into a seeded random 10 % of the segments
(a digit changed, a number dropped, a URL removed, a word swapped for its
other-standard variant, a Latin homoglyph in a Cyrillic word, the source
copied) and we count how many a finding of the right check reports: a
finding of that check on that segment that the clean segment did not have.
pofilter's nearest tests (numbers, urls, unchanged) are scored the same way.

Usage: check-eval.py TUMAC NTREX_DIR WORKDIR [--examples N] [--no-pofilter]
"""
import json
import os
import random
import re
import subprocess
import sys
from collections import Counter, defaultdict
from xml.sax.saxutils import escape

LOCALES = [("bs", "bos"), ("hr", "hrv"), ("sr-Latn", "srp-Latn"), ("sr-Cyrl", "srp-Cyrl")]

# other-standard words to swap in (target word -> the wrong one); the
# checker's own list is in src/check/variant.c, these are the injections
SWAPS = {
    "bs": [("sedmica", "tjedan"), ("sedmice", "tjedna"), ("hiljada", "tisuća"), ("vrijeme", "vreme"),
           ("gdje", "gde"), ("poslije", "posle"), ("prije", "pre"), ("uvijek", "uvek"),
           ("mjesto", "mesto"), ("februar", "veljača"), ("pozorište", "kazalište")],
    "hr": [("tjedan", "sedmica"), ("tjedna", "sedmice"), ("tisuća", "hiljada"), ("vrijeme", "vreme"),
           ("gdje", "gde"), ("poslije", "posle"), ("prije", "pre"), ("uvijek", "uvek"),
           ("mjesto", "mesto"), ("kazalište", "pozorište"), ("veljače", "februara")],
    "sr-Latn": [("vreme", "vrijeme"), ("gde", "gdje"), ("posle", "poslije"), ("pre", "prije"),
                ("uvek", "uvijek"), ("mesto", "mjesto"), ("nedelje", "tjedna"), ("hiljada", "tisuća")],
    "sr-Cyrl": [("време", "вријеме"), ("где", "гдје"), ("после", "послије"), ("пре", "прије"),
                ("увек", "увијек"), ("место", "мјесто"), ("недеље", "тједна"), ("хиљада", "тисућа")],
}
HOMOGLYPHS = {"а": "a", "е": "e", "о": "o", "с": "c", "р": "p", "х": "x"}
URL_RE = re.compile(r"(https?://|www\.)\S+")
NUM_RE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f]


def write_xliff(path, trg, pairs):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:'
                'document:2.0" version="2.1" srcLang="en" trgLang="%s">\n<file id="f1">\n' % trg)
        for i, (s, t) in enumerate(pairs):
            f.write('<unit id="l%d"><segment id="s1"><source>%s</source><target>%s</target>'
                    '</segment></unit>\n' % (i + 1, escape(s), escape(t)))
        f.write("</file>\n</xliff>\n")


def po_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_po(path, trg, pairs):
    with open(path, "w", encoding="utf-8") as f:
        f.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                '"Language: %s\\n"\n\n' % trg.replace("-", "_"))
        for i, (s, t) in enumerate(pairs):
            f.write("msgctxt %s\nmsgid %s\nmsgstr %s\n\n" % (po_str("l%d" % (i + 1)), po_str(s), po_str(t)))


def tumac_findings(tumac, xlf):
    """{(unit number, check): {messages}} and the findings."""
    p = subprocess.run([tumac, "check", "--format", "json", xlf], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit("tumac check failed: " + p.stderr)
    found = json.loads(p.stdout)
    keyed = defaultdict(set)
    for x in found:
        keyed[(int(x["unit"][1:]), x["check"])].add(x["message"])
    return keyed, found


def pofilter_findings(po, trg, work):
    out = os.path.join(work, "pofilter-out.po")
    subprocess.run(["pofilter", "--language=" + trg.split("-")[0], "-i", po, "-o", out],
                   capture_output=True, text=True)
    hits, unit = set(), None
    tests = []
    with open(out, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"# \(pofilter\) (\w+):", line)
            if m:
                tests.append(m.group(1))
            elif line.startswith("msgctxt"):
                unit = int(line.split('"')[1][1:])
                for t in tests:
                    hits.add((unit, t))
                tests = []
    return hits


def per100(counter, n):
    return {k: round(100.0 * v / n, 2) for k, v in sorted(counter.items())}


def inject(rng, loc, src, trg):
    """One error for this pair: (kind, expected tumac check, pofilter test, new target) or None."""
    options = []
    digits = [m for m in NUM_RE.finditer(trg) if not URL_RE.search(trg[max(0, m.start() - 30):m.end()])]
    if digits:
        m = rng.choice(digits)
        d = rng.randrange(len(m.group()))
        while not m.group()[d].isdigit():
            d = rng.randrange(len(m.group()))
        new = str((int(m.group()[d]) + rng.randrange(1, 10)) % 10)
        t = trg[:m.start() + d] + new + trg[m.start() + d + 1:]
        options.append(("digit changed", "numbers", "numbers", t))
        t = re.sub(r"  +", " ", trg[:m.start()] + trg[m.end():]).strip()
        options.append(("number dropped", "numbers", "numbers", t))
    if URL_RE.search(trg):
        options.append(("URL removed", "urls", "urls", URL_RE.sub("", trg, count=1)))
    for right, wrong in SWAPS[loc]:
        m = re.search(r"(?<!\w)%s(?!\w)" % re.escape(right), trg)
        if m:
            options.append(("variant swapped", "variant", None, trg[:m.start()] + wrong + trg[m.end():]))
            break
    if loc == "sr-Cyrl":
        # a word of Cyrillic letters only (NTREX has words already mixed)
        words = [m for m in re.finditer(r"\w{3,}", trg) if any(c in HOMOGLYPHS for c in m.group()[1:])
                 and not re.search(r"[A-Za-z]", m.group())]
        if words:
            m = rng.choice(words)
            w = m.group()
            k = next(i for i in range(1, len(w)) if w[i] in HOMOGLYPHS)
            options.append(("Latin homoglyph", "script", None,
                            trg[:m.start() + k] + HOMOGLYPHS[w[k]] + trg[m.start() + k + 1:]))
    options.append(("source copied", "untranslated", "unchanged", src))
    return rng.choice(options)


def main():
    tumac, ntrex, work = sys.argv[1:4]
    peer = "--no-pofilter" not in sys.argv
    examples = int(sys.argv[sys.argv.index("--examples") + 1]) if "--examples" in sys.argv else 0
    rng = random.Random(19)
    eng = read_lines(os.path.join(ntrex, "newstest2019.eng.txt"))
    ours_all, theirs_all, total = Counter(), Counter(), 0
    caught, tried = Counter(), Counter()
    pof_caught, pof_tried = Counter(), Counter()
    for loc, code in LOCALES:
        pairs = list(zip(eng, read_lines(os.path.join(ntrex, "newstest2019.%s.txt" % code))))
        n = len(pairs)
        total += n
        xlf, po = os.path.join(work, loc + ".xlf"), os.path.join(work, loc + ".po")
        write_xliff(xlf, loc, pairs)
        write_po(po, loc, pairs)
        ours, found = tumac_findings(tumac, xlf)
        theirs = pofilter_findings(po, loc, work) if peer else set()
        ours_c = Counter(c for _, c in ours)
        theirs_c = Counter(t for _, t in theirs)
        ours_all.update(ours_c)
        theirs_all.update(theirs_c)
        print("%s: %d segments" % (loc, n))
        print("  tumac check per 100 segments:", per100(ours_c, n))
        print("  pofilter    per 100 segments:", per100(theirs_c, n))
        if examples:
            by = defaultdict(list)
            for x in found:
                by[x["check"]].append(x)
            for chk in ("numbers", "codes", "urls", "emails", "placeholders", "script", "variant", "untranslated"):
                for x in by[chk][:examples]:
                    u = int(x["unit"][1:]) - 1
                    print("    %s l%d: %s\n      en: %s\n      %s: %s" % (chk, u + 1, x["message"],
                          pairs[u][0], loc, pairs[u][1]))
        # injections
        chosen = rng.sample(range(n), n // 10)
        bad = list(pairs)
        expect = {}
        for i in chosen:
            kind, chk, pof, t = inject(rng, loc, *pairs[i])
            bad[i] = (pairs[i][0], t)
            expect[i + 1] = (kind, chk, pof)
        write_xliff(xlf, loc, bad)
        write_po(po, loc, bad)
        ours_bad, _ = tumac_findings(tumac, xlf)
        theirs_bad = pofilter_findings(po, loc, work) if peer else set()
        for u, (kind, chk, pof) in expect.items():
            tried[kind] += 1
            # a finding of the right check that the clean segment did not
            # have (NTREX's sr-Cyrl has Latin letters in 25 % of its
            # segments: there the finding must name something new)
            hit = (u, chk) in ours_bad and ours_bad[(u, chk)] != ours.get((u, chk))
            caught[kind] += hit
            if examples and not hit:
                print("    missed %s l%d%s: %s" % (kind, u, " (clean has the same finding)" if (u, chk) in ours else "",
                                               bad[u - 1][1]))
            if pof and peer:
                pof_tried[kind] += 1
                pof_caught[kind] += (u, pof) in theirs_bad and (u, pof) not in theirs
    print("all locales: %d segments" % total)
    print("  tumac check per 100 segments:", per100(ours_all, total))
    print("  pofilter    per 100 segments:", per100(theirs_all, total))
    print("injected errors (found by the right check, new on that segment):")
    for kind in sorted(tried):
        line = "  %-16s tumac %3d/%3d" % (kind, caught[kind], tried[kind])
        if pof_tried[kind]:
            line += "   pofilter %3d/%3d" % (pof_caught[kind], pof_tried[kind])
        print(line)
    n_c, n_t = sum(caught.values()), sum(tried.values())
    p_c, p_t = sum(pof_caught.values()), sum(pof_tried.values())
    print("  total            tumac %d/%d = %.1f %%   pofilter (kinds it has a test for) %d/%d = %.1f %%"
          % (n_c, n_t, 100.0 * n_c / n_t, p_c, p_t, 100.0 * p_c / max(p_t, 1)))


if __name__ == "__main__":
    main()
