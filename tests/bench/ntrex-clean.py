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
score REF OUT [show] [CORPUS]: exact lines, and every miss classified by its
first differing word: acronym (capitals), name (Title-case), phrase (2+
differing words in a row), other. With CORPUS (the whole Cyrillic reference
file), also the lines that are exact or differ only where our word is one the
reference itself writes elsewhere for the same Latin word (FBI beside ФБИ,
Холјоку beside Хољоку): words of two letters or more, look-alikes repaired as
`repaired` does; a second figure beside the exact one, never instead of it.
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


def latin(w):
    return any(c.isalpha() and c < "\u0250" for c in w) and not mixed(w)


def repair(line):
    """A word of look-alikes only is Cyrillic, but inside Latin text: joined
    to a Latin word by a bare '&' (M in M&S) or between two Latin words
    with a letter that is no look-alike, across spaces and apostrophes (A in
    I'm A Celebrity)."""
    words = list(WORD.finditer(line))

    def foreign(o):
        w = words[o].group(0)
        return latin(w) and not all(c in LOOKALIKE_SET for c in w)

    def gap(a, b):
        return line[words[a].end():words[b].start()]

    def inside_latin(k):
        if any(0 <= o < len(words) and foreign(o) and gap(min(o, k), max(o, k)) == "&"
               for o in (k - 1, k + 1)):
            return True
        return (0 < k < len(words) - 1 and foreign(k - 1) and foreign(k + 1) and
                gap(k - 1, k).strip(" '\u2019") == "" and gap(k, k + 1).strip(" ") == "")

    def fix(k):
        w = words[k].group(0)
        only = all(c in LOOKALIKE_SET for c in w)
        if mixed(w) or (only and not inside_latin(k)):
            return w.translate(LOOKALIKE)
        return w
    out, pos = [], 0
    for k, m in enumerate(words):
        out.append(line[pos:m.start()])
        out.append(fix(k))
        pos = m.end()
    out.append(line[pos:])
    return "".join(out)


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


def corpus_words(path):
    counts = {}
    for line in open(path, encoding="utf-8").read().split("\n"):
        for w in WORD.findall(repair(line)):
            counts[w] = counts.get(w, 0) + 1
    return counts


def reference_variant(ref, out, counts):
    """Does out differ from ref only by words the reference writes elsewhere?"""
    rw, ow = WORD.findall(ref), WORD.findall(out)
    if len(rw) != len(ow):
        return False
    here = {}
    for w in rw:
        here[w] = here.get(w, 0) + 1
    return all(a == b or (len(b) >= 2 and counts.get(b, 0) > here.get(b, 0))
               for a, b in zip(rw, ow))


def score(ref, out, show, corpus):
    r = open(ref, encoding="utf-8").read().split("\n")[:-1]
    o = open(out, encoding="utf-8").read().split("\n")[:-1]
    counts = corpus_words(corpus) if corpus else None
    kinds = {}
    exact = variant = 0
    for a, b in zip(r, o):
        if a == b:
            exact += 1
            continue
        if counts is not None and reference_variant(a, b, counts):
            variant += 1
        k, w = kind(a, b)
        kinds.setdefault(k, []).append(w)
    print("exact %d / %d (%.1f %%)" % (exact, len(r), 100.0 * exact / max(1, len(r))))
    if counts is not None:
        print("  exact or the reference's own variant %d / %d (%.1f %%)" %
              (exact + variant, len(r), 100.0 * (exact + variant) / max(1, len(r))))
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
    extra = sys.argv[4:]
    score(sys.argv[2], sys.argv[3], "show" in extra,
          next((a for a in extra if a != "show"), None))
