#!/usr/bin/env python3
"""The NTREX clean subset and its scoring (tests/bench/bench-translit-ntrex.sh).

select CYR LAT RECODED OUTDIR: keep the line pairs where recode-sr-latin maps
the Cyrillic line exactly onto the Latin one (RECODED is its output) and no
word of the Cyrillic line mixes Cyrillic and Latin letters; writes
OUTDIR/cyr.txt and OUTDIR/lat.txt, and the two halves tune.* and held.*: a
line belongs to the held-out half when the first byte of the SHA-1 of its
Latin text is odd. The split depends on the line alone (not on its place or
on which other lines are clean), so it stays the same when the selection
changes. Rules and lists are written looking at the misses of tune.* only;
held.* is scored, never shown (NTREX_SHOW lists tune.* misses).
repaired CYR LAT OUTDIR: the lines left out for mixed words, with the Latin
look-alike letters (a c e j o p x y A B C E H J K M O P T X) set to their
Cyrillic twins inside Cyrillic words and in words of look-alikes only (a, o,
je written in Latin; a Latin word of such letters only, rare, is lost): OUTDIR/repair.cyr.txt and repair.lat.txt,
for recode-sr-latin to check as `select` does (fresh.*: lines nobody tuned
on, scored, never shown).
score REF OUT: exact lines, and every miss classified by its first differing
word: acronym (capitals), name (Title-case), phrase (2+ differing words in a
row), other.
"""
import hashlib
import re
import sys

WORD = re.compile(r"\w+", re.UNICODE)


def mixed(word):
    cyr = any("\u0400" <= c <= "\u04ff" for c in word)
    lat = any(c.isalpha() and c < "\u0250" for c in word)
    return cyr and lat


def held_out(latin_line):
    return hashlib.sha1(latin_line.encode("utf-8")).digest()[0] & 1 == 1


def select(cyr, lat, rec, outdir):
    c = open(cyr, encoding="utf-8").read().split("\n")
    l = open(lat, encoding="utf-8").read().split("\n")
    r = open(rec, encoding="utf-8").read().split("\n")
    keep = [(a, b) for a, b, x in zip(c, l, r)
            if a.strip() and x == b and not any(mixed(w) for w in WORD.findall(a))]
    held = [p for p in keep if held_out(p[1])]
    tune = [p for p in keep if not held_out(p[1])]
    for name, rows in (("", keep), ("tune.", tune), ("held.", held)):
        with open("%s/%scyr.txt" % (outdir, name), "w", encoding="utf-8") as f:
            f.write("".join(a + "\n" for a, _ in rows))
        with open("%s/%slat.txt" % (outdir, name), "w", encoding="utf-8") as f:
            f.write("".join(b + "\n" for _, b in rows))


LOOKALIKE = str.maketrans("aceJjopxyABCEHKMOPTX", "асеЈјорхуАВСЕНКМОРТХ")
LOOKALIKE_SET = set("aceJjopxyABCEHKMOPTX")


def repair(line):
    def fix(w):
        only = all(c in LOOKALIKE_SET for c in w)
        return w.translate(LOOKALIKE) if mixed(w) or only else w
    return WORD.sub(lambda m: fix(m.group(0)), line)


def repaired(cyr, lat, outdir):
    c = open(cyr, encoding="utf-8").read().split("\n")
    l = open(lat, encoding="utf-8").read().split("\n")
    rows = [(repair(a), b) for a, b in zip(c, l)
            if a.strip() and any(mixed(w) for w in WORD.findall(a))]
    with open("%s/repair.cyr.txt" % outdir, "w", encoding="utf-8") as f:
        f.write("".join(a + "\n" for a, _ in rows))
    with open("%s/repair.lat.txt" % outdir, "w", encoding="utf-8") as f:
        f.write("".join(b + "\n" for _, b in rows))


def kind(ref, out):
    rw, ow = WORD.findall(ref), WORD.findall(out)
    diff = [i for i in range(min(len(rw), len(ow))) if rw[i] != ow[i]]
    if not diff:
        return "other", ""
    i = diff[0]
    w = ow[i]
    run = 1
    while i + run in diff:
        run += 1
    if run >= 2:
        return "phrase", " ".join(ow[i:i + run])
    if len(w) >= 2 and w.upper() == w and not w.isdigit():
        return "acronym", w
    if w[:1].isupper():
        return "name", w
    return "other", w


def score(ref, out, show):
    r = open(ref, encoding="utf-8").read().split("\n")[:-1]
    o = open(out, encoding="utf-8").read().split("\n")[:-1]
    kinds = {}
    exact = 0
    for a, b in zip(r, o):
        if a == b:
            exact += 1
            continue
        k, w = kind(a, b)
        kinds.setdefault(k, []).append(w)
    print("exact %d / %d (%.1f %%)" % (exact, len(r), 100.0 * exact / max(1, len(r))))
    for k in ("acronym", "name", "phrase", "other"):
        ws = kinds.get(k, [])
        line = "  misses %-8s %3d" % (k, len(ws))
        if show and ws:
            line += ": " + ", ".join(ws)
        print(line)


if sys.argv[1] == "select":
    select(*sys.argv[2:6])
elif sys.argv[1] == "repaired":
    repaired(*sys.argv[2:5])
else:
    score(sys.argv[2], sys.argv[3], len(sys.argv) > 4 and sys.argv[4] == "show")
