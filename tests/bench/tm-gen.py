"""Deterministic press-release-like TM and query sets for bench-tm.sh.

usage: tm-gen.py N SHARED SAMPLES OUTDIR [QUERIES]

Base pairs: the NTREX-128 news sentences (English / Serbian Latin) and the
sentences of the sample press releases. Every tenth pair is held out of the
TM (new content for the queries). A TM unit is a base sentence with one to
three words replaced, two sentences spliced at a word, a span of 4-14 words
(headlines, list items) or a dateline/contact boilerplate line. Writes
tm.tsv (N units), exact.q (sources of TM units), fuzzy.q (near duplicates of
TM units, held-out sentences, short and long queries, mixed).
"""
import os
import random
import re
import sys

n = int(sys.argv[1])
shared, samples, out = sys.argv[2], sys.argv[3], sys.argv[4]
nq = int(sys.argv[5]) if len(sys.argv) > 5 else 200
rng = random.Random(20261129)


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip().replace("\t", " ") for l in f.read().replace("\r", "").split("\n")]


ntrex = os.path.join(shared, "data/parallel/ntrex-128")
pairs = [p for p in zip(lines(os.path.join(ntrex, "newstest2019.eng.txt")),
                        lines(os.path.join(ntrex, "newstest2019.srp-Latn.txt"))) if p[0] and p[1]]
for name in sorted(os.listdir(samples)):
    if name.endswith(".en.txt"):
        sr = os.path.join(samples, name[:-7] + ".sr-Latn.txt")
        if os.path.exists(sr):
            for e, s in zip(lines(os.path.join(samples, name)), lines(sr)):
                es = re.split(r"(?<=[.!?]) (?=[A-Z])", e)
                ss = re.split(r"(?<=[.!?]) (?=[A-ZČĆŠĐŽ])", s)
                if e and s:
                    pairs.extend(zip(es, ss) if len(es) == len(ss) else [(e, s)])
held = [p for i, p in enumerate(pairs) if i % 10 == 9]
base = [p for i, p in enumerate(pairs) if i % 10 != 9]
vocab = [w for e, _ in base for w in e.split()]
names = sorted({w.strip(",.") for w in vocab if w[:1].isupper() and len(w) > 3})
months = "January February March April May June July August September October November December".split()


def words_span(s, a, b):
    w = s.split()
    return " ".join(w[int(len(w) * a):max(int(len(w) * b), int(len(w) * a) + 1)])


def replace_words(s, k):
    w = s.split()
    for _ in range(k):
        if w:
            w[rng.randrange(len(w))] = rng.choice(vocab)
    return " ".join(w)


def unit():
    r = rng.random()
    e, s = rng.choice(base)
    if r < 0.35:
        return replace_words(e, rng.randint(1, 3)), s
    if r < 0.65:
        e2, s2 = rng.choice(base)
        a, b = rng.uniform(0.3, 0.7), rng.uniform(0.3, 0.7)
        return (words_span(e, 0, a) + " " + words_span(e2, b, 1),
                words_span(s, 0, a) + " " + words_span(s2, b, 1))
    if r < 0.85:
        w = e.split()
        k = rng.randint(4, 14)
        i = rng.randrange(max(1, len(w) - k))
        a, b = i / max(len(w), 1), (i + k) / max(len(w), 1)
        return words_span(e, a, b), words_span(s, a, b)
    city, who = rng.choice(names), rng.choice(names)
    day, month, year = rng.randint(1, 28), rng.choice(months), rng.randint(2015, 2026)
    if r < 0.92:
        return (f"{city.upper()}, {day} {month} {year} – " + words_span(e, 0, 0.5),
                f"{city.upper()}, {day}. {month} {year}. – " + words_span(s, 0, 0.5))
    return (f"For more information contact {who} at +381 11 {rng.randint(100, 999)} {rng.randint(1000, 9999)}.",
            f"Za više informacija kontaktirajte {who} na +381 11 {rng.randint(100, 999)} {rng.randint(1000, 9999)}.")


tm = [unit() for _ in range(n)]
tm = [(e, s) for e, s in tm if e.strip() and s.strip()]
with open(os.path.join(out, "tm.tsv"), "w", encoding="utf-8") as f:
    for e, s in tm:
        f.write(f"{e}\t{s}\n")
with open(os.path.join(out, "exact.q"), "w", encoding="utf-8") as f:
    for _ in range(nq):
        f.write(rng.choice(tm)[0] + "\n")


def char_edit(s):
    i = rng.randrange(len(s))
    return s[:i] + rng.choice("aeiourstn ") + s[i + 1:]


queries = []
for i in range(nq):
    r = i % 20
    e = rng.choice(tm)[0]
    if r < 8:      # near duplicates of TM units
        q = char_edit(e) if r % 2 else replace_words(e, 1)
    elif r < 14:   # new content
        q = rng.choice(held)[0]
    elif r < 17:   # short
        q = words_span(rng.choice(held + base)[0], 0.2, 0.4)
    else:          # long: two sentences
        q = rng.choice(held)[0] + " " + e
    queries.append(q.strip() or e)
with open(os.path.join(out, "fuzzy.q"), "w", encoding="utf-8") as f:
    for q in queries:
        f.write(q + "\n")
