#!/usr/bin/env python3
"""Large varied inputs for bench-large.sh: text, HTML or TMX of about MB megabytes.

usage: large-gen.py KIND MB OUT  (KIND: text, html, tmx; run from the repository root)

Sentences are those of samples/ with words swapped for other sample words and
numbers changed, from a fixed seed: each file is the same on every run, most
sentences are distinct (as in a real archive), and about one in twenty repeats
an earlier one (as a press office repeats its boilerplate), so segmentation,
the repetitions table and TM lookups see realistic work rather than one line
repeated.
"""
import glob
import html
import random
import re
import sys

WORD = re.compile(r"[^\W\d_]{3,}")
NUMBER = re.compile(r"\d+")


def sample_sentences(lang):
    files = sorted(glob.glob("samples/*.%s.txt" % lang) + glob.glob("samples/new/*.%s.txt" % lang))
    out = []
    for f in files:
        for para in open(f, encoding="utf-8").read().split("\n\n"):
            out += [s.strip() for s in re.split(r"(?<=[.!?])\s+", para.strip()) if len(s.strip()) > 20]
    return out


class Sentences:
    """An endless supply of varied sentences in one language."""

    def __init__(self, lang, seed):
        self.base = sample_sentences(lang)
        self.words = sorted({w for s in self.base for w in WORD.findall(s)})
        self.rng = random.Random(seed)
        self.made = []

    def next(self):
        rng = self.rng
        if self.made and rng.random() < 0.05:
            return rng.choice(self.made[-2000:])
        s = rng.choice(self.base)
        for _ in range(rng.randint(1, 3)):
            spans = [m.span() for m in WORD.finditer(s)]
            if spans:
                a, b = rng.choice(spans)
                s = s[:a] + rng.choice(self.words) + s[b:]
        s = NUMBER.sub(lambda m: str(rng.randint(1, 9999)), s)
        self.made.append(s)
        if len(self.made) > 4000:
            del self.made[:2000]
        return s

    def paragraph(self):
        return " ".join(self.next() for _ in range(self.rng.randint(1, 5)))


def inline_html(s, rng):
    """Some sentences get the inline markup of the sample pages."""
    s = html.escape(s, quote=False)
    words = s.split(" ")
    if len(words) > 6 and rng.random() < 0.3:
        i = rng.randrange(len(words) - 2)
        tag = rng.choice(["strong", "em"])
        words[i] = "<%s>%s" % (tag, words[i])
        words[i + 1] = "%s</%s>" % (words[i + 1], tag)
    if len(words) > 6 and rng.random() < 0.15:
        i = rng.randrange(len(words))
        words[i] = '<a href="https://example.org/p/%d">%s</a>' % (rng.randint(1, 99999), words[i])
    return " ".join(words)


def write(kind, want, o):
    en = Sentences("en", 22)
    rng = random.Random(7)
    size = 0

    def put(chunk):
        nonlocal size
        o.write(chunk)
        size += len(chunk.encode())

    if kind == "text":
        n = 0
        while size < want:
            title = en.next().rstrip(".")
            put(title + "\n\n" + "\n\n".join(en.paragraph() for _ in range(rng.randint(3, 8))) + "\n\n")
            n += 1
    elif kind == "html":
        put('<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Archive</title></head>\n<body>\n<main>\n')
        n = 0
        while size < want:
            paras = "\n".join("<p>%s</p>" % " ".join(inline_html(en.next(), rng) for _ in range(rng.randint(1, 5)))
                              for _ in range(rng.randint(3, 8)))
            put('<article id="a%d">\n<h1>%s</h1>\n%s\n</article>\n' % (n, html.escape(en.next(), quote=False), paras))
            n += 1
        put("</main>\n</body>\n</html>\n")
    else:
        bs = Sentences("bs", 23)
        put('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="bench"'
            ' creationtoolversion="1" segtype="sentence" o-tmf="bench" adminlang="en" srclang="en"'
            ' datatype="plaintext"/><body>\n')
        while size < want:
            put('<tu><tuv xml:lang="en"><seg>%s</seg></tuv><tuv xml:lang="bs"><seg>%s</seg></tuv></tu>\n'
                % (html.escape(en.next(), quote=False), html.escape(bs.next(), quote=False)))
        put("</body></tmx>\n")


def main():
    kind, mb, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    if kind not in ("text", "html", "tmx"):
        sys.exit("large-gen.py: KIND is text, html or tmx, not %s" % kind)
    with open(out, "w", encoding="utf-8") as o:
        write(kind, int(mb * 1e6), o)


if __name__ == "__main__":
    main()
