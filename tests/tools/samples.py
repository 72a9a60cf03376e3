#!/usr/bin/env python3
"""The bundled press releases in samples/ and the TM built from them.

    tests/tools/samples.py tmx [OUT]   write tm/samples.tmx (or OUT) from samples/
    tests/tools/samples.py check       check samples/ and that tm/samples.tmx is up to date
    tests/tools/samples.py preview     classify the new release's sentences against the TM

Run from the repository root. An earlier release is samples/<slug>.<lang>.txt for every
language in LANGS (optionally also .html); a new release is samples/new/<slug>.en.txt|html.
Every text unit of a release (title, paragraph, HTML caption, alt text, meta description) is
split into sentences with the rules below; a unit must have the same number of sentences in
every language, so the sentences align one to one and become the TUs of tm/samples.tmx.

The splitter is deliberately small and is not the product's segmenter (src/text/ is): a
break follows . ! ? or … (and any closing quotes or brackets) when whitespace and then an
uppercase letter, a digit or an opening quote follows, except after an abbreviation that
never ends a sentence here (dr., prof., tzv., npr., mil., e.g. ...), a single letter
(an initial) or a number (ordinals and dates: "26. novembra 2024.", "do 15. januara").
"""
import difflib
import html.parser
import os
import re
import sys
import unicodedata
from xml.sax.saxutils import escape, quoteattr

LANGS = ["en", "bs", "hr", "sr-Latn", "sr-Cyrl"]
SAMPLES = "samples"
TMX = "tm/samples.tmx"
# Fixed, so that regenerating gives the same bytes: the date the earlier releases were
# last edited, not the time the script ran.
CREATION_DATE = "20251203T120000Z"

# Abbreviations (without the period, lowercase) after which a period never ends a sentence
# in these samples. Latin forms serve en, bs, hr, sr-Latn; Cyrillic ones sr-Cyrl.
NO_BREAK = {
    "dr", "prof", "sc", "mr", "mrs", "ms", "st", "no", "e.g", "i.e", "approx", "vs",
    "tzv", "npr", "tj", "mil", "mlrd", "br", "str", "ul", "g", "amb", "doc", "dipl", "ing",
    "др", "проф", "тзв", "нпр", "тј", "мил", "млрд", "бр", "стр", "ул", "г", "амб", "доц",
}
OPENERS = "„“\"«‘'(["
CLOSERS = "”“\"»’')]"

# Serbian Cyrillic -> Latin: unambiguous, so it checks the Cyrillic files against the Latin.
CYR2LAT = dict(zip(
    "абвгдђежзијклмнопрстћуфхцчшАБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШ",
    "abvgdđežzijklmnoprstćufhcčšABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠ"))
CYR2LAT.update({"љ": "lj", "њ": "nj", "џ": "dž", "Љ": "Lj", "Њ": "Nj", "Џ": "Dž"})
KEEP_LATIN = re.compile(
    r"https?://[^\s<>\"]*[^\s<>\".,;:)]|www\.[^\s<>\"]*[^\s<>\".,;:)]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


class SampleError(Exception):
    pass


def split_sentences(text):
    """Sentences of one text unit (leading/trailing space removed)."""
    out, start, i, n = [], 0, 0, len(text)
    while i < n:
        c = text[i]
        if c not in ".!?…":
            i += 1
            continue
        j = i + 1
        while j < n and text[j] in CLOSERS + ".":
            j += 1
        k = j
        while k < n and text[k] in " \t":
            k += 1
        if k == j or k >= n:
            i = j
            continue
        nxt = text[k]
        if not (nxt.isupper() or nxt.isdigit() or nxt in OPENERS):
            i = j
            continue
        if c == ".":
            m = re.search(r"(\S+)$", text[start:i])
            word = m.group(1).lstrip(OPENERS) if m else ""
            if (word.lower() in NO_BREAK or word.isdigit()
                    or (len(word) == 1 and word.isalpha())):
                i = j
                continue
        out.append(text[start:j].strip())
        start = k
        i = k
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


class Blocks(html.parser.HTMLParser):
    """Translatable text units of an HTML page, in document order."""
    BLOCK = {"title", "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th",
             "figcaption", "dt", "dd", "blockquote", "caption"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.units, self.cur, self.depth, self.skip, self.lang = [], None, 0, 0, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "meta" and a.get("name") == "description":
            self.units.append(("meta", a.get("content", "")))
        if tag == "img" and a.get("alt"):
            self.units.append(("alt", a["alt"]))
        if tag in self.BLOCK:
            if self.cur is None:
                self.cur, self.tag = [], tag
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag in self.BLOCK and self.cur is not None:
            self.depth -= 1
            if self.depth == 0:
                text = re.sub(r"\s+", " ", "".join(self.cur)).strip()
                if text:
                    self.units.append((self.tag, text))
                self.cur = None

    def handle_data(self, data):
        if self.cur is not None and not self.skip:
            self.cur.append(data)


def read(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SampleError("%s: not UTF-8 (byte %d)" % (path, e.start))
    if "\r" in text:
        raise SampleError("%s: CR in line ends (use LF)" % path)
    if text.startswith("\ufeff"):
        raise SampleError("%s: starts with a BOM" % path)
    if not text.endswith("\n") or text.endswith("\n\n"):
        raise SampleError("%s: must end with exactly one newline" % path)
    if unicodedata.normalize("NFC", text) != text:
        raise SampleError("%s: not in NFC" % path)
    return text


def txt_units(path):
    """Title and paragraphs of a plain-text release: blocks separated by one blank line."""
    text = read(path)
    blocks = text[:-1].split("\n\n")
    for b in blocks:
        if not b or "\n" in b or b != b.strip():
            raise SampleError("%s: a paragraph must be one non-empty line between blank "
                              "lines: %r" % (path, b[:60]))
    return [("title" if k == 0 else "p", b) for k, b in enumerate(blocks)]


def html_units(path, lang):
    p = Blocks()
    p.feed(read(path))
    p.close()
    if p.lang != lang:
        raise SampleError("%s: <html lang=%r>, expected %r" % (path, p.lang, lang))
    return p.units


def releases():
    slugs = sorted(f[:-len(".en.txt")] for f in os.listdir(SAMPLES) if f.endswith(".en.txt"))
    if not slugs:
        raise SampleError("no samples/*.en.txt")
    return slugs


def aligned(slug, kind):
    """[(slug, unit index, unit tag, {lang: sentence})] of one release in one format."""
    units = {}
    for lang in LANGS:
        path = "%s/%s.%s.%s" % (SAMPLES, slug, lang, kind)
        if not os.path.exists(path):
            raise SampleError("%s: missing" % path)
        units[lang] = txt_units(path) if kind == "txt" else html_units(path, lang)
    en = units["en"]
    out = []
    for lang in LANGS[1:]:
        if [t for t, _ in units[lang]] != [t for t, _ in en]:
            raise SampleError("%s.%s.%s: %d units %s, en has %d %s" % (
                slug, lang, kind, len(units[lang]), [t for t, _ in units[lang]],
                len(en), [t for t, _ in en]))
    for u, (tag, _) in enumerate(en):
        sents = {lang: split_sentences(units[lang][u][1]) for lang in LANGS}
        for lang in LANGS[1:]:
            if len(sents[lang]) != len(sents["en"]):
                raise SampleError(
                    "%s.%s.%s unit %d (%s): %d sentences, en has %d:\n  %s\n  %s" % (
                        slug, lang, kind, u + 1, tag, len(sents[lang]), len(sents["en"]),
                        "\n  ".join(sents[lang]), "\n  ".join(sents["en"])))
        for s in range(len(sents["en"])):
            out.append((slug, u + 1, tag, {lang: sents[lang][s] for lang in LANGS}))
    return out, units


def cyr_to_latin(text):
    out = []
    for i, c in enumerate(text):
        lat = CYR2LAT.get(c, c)
        if len(lat) == 2 and c.isupper():
            nxt = text[i + 1] if i + 1 < len(text) else ""
            prv = text[i - 1] if i else ""
            if nxt.isupper() or (not nxt.isalpha() and prv.isupper()):
                lat = lat.upper()       # ЊУ -> NJU, not NjU
        out.append(lat)
    return "".join(out)


def check_cyrillic(slug, units):
    """sr-Cyrl: no Latin letters outside URLs/e-mail; equal to sr-Latn letter for letter."""
    for (_, cyr), (_, lat) in zip(units["sr-Cyrl"], units["sr-Latn"]):
        rest = KEEP_LATIN.sub("", cyr)
        m = re.search(r"[A-Za-z\u00C0-\u024F]", rest)
        if m:
            raise SampleError("%s sr-Cyrl: Latin letter %r in %r" % (
                slug, m.group(0), rest[max(0, m.start() - 20):m.end() + 20]))
        back = cyr_to_latin(cyr)
        if back != lat:
            a = difflib.SequenceMatcher(None, back, lat)
            diffs = [(back[i1:i2], lat[j1:j2]) for op, i1, i2, j1, j2 in a.get_opcodes()
                     if op != "equal"]
            raise SampleError("%s sr-Cyrl is not the transliteration of sr-Latn: %r" % (
                slug, diffs[:5]))


def collect():
    tus, seen = [], set()
    for slug in releases():
        for kind in ("txt", "html"):
            if kind == "html" and not os.path.exists("%s/%s.en.html" % (SAMPLES, slug)):
                continue
            rows, units = aligned(slug, kind)
            check_cyrillic("%s.%s" % (slug, kind), units)
            if kind == "html":
                # the HTML carries the text release's title and paragraphs, in order
                txt = [t for _, t in txt_units("%s/%s.en.txt" % (SAMPLES, slug))]
                html = [t for _, t in units["en"]]
                it = iter(html)
                if not all(any(t == h for h in it) for t in txt):
                    raise SampleError("%s.en.html: does not carry the paragraphs of "
                                      "%s.en.txt in order" % (slug, slug))
            for slug_, u, tag, sents in rows:
                key = tuple(sents[lang] for lang in LANGS)
                if key in seen:
                    continue
                seen.add(key)
                tus.append((slug_, kind, u, tag, sents))
    return tus


def tmx_text(tus):
    w = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<!-- Generated by tests/tools/samples.py from samples/: do not edit by hand. -->',
         '<tmx version="1.4">',
         '  <header creationtool="tumac" creationtoolversion="samples.py 1" segtype="sentence"'
         ' o-tmf="tumac" adminlang="en" srclang="en" datatype="plaintext"'
         ' creationdate="%s" creationid="tumac team">' % CREATION_DATE,
         '    <note>Sentence pairs of the earlier press releases in samples/ (written by the'
         ' tumac team for testing): en with bs, hr, sr-Latn and sr-Cyrl.</note>',
         '  </header>',
         '  <body>']
    counter = {}
    for slug, kind, u, tag, sents in tus:
        counter[slug] = counter.get(slug, 0) + 1
        w.append('    <tu tuid=%s>' % quoteattr("%s-%03d" % (slug, counter[slug])))
        w.append('      <prop type="x-document">%s.%s</prop>' % (escape(slug), kind))
        w.append('      <prop type="x-unit">%d %s</prop>' % (u, escape(tag)))
        # published translations: approved (tumac's own TMX property)
        w.append('      <prop type="x-tumac-approved">yes</prop>')
        for lang in LANGS:
            w.append('      <tuv xml:lang=%s><seg>%s</seg></tuv>' % (
                quoteattr(lang), escape(sents[lang])))
        w.append('    </tu>')
    w += ['  </body>', '</tmx>', '']
    return "\n".join(w)


def new_sentences():
    out = []
    for f in sorted(os.listdir(SAMPLES + "/new")):
        if f.endswith(".en.txt"):
            for _, t in txt_units(SAMPLES + "/new/" + f):
                out += split_sentences(t)
    return out


def preview(tus):
    """Band of each sentence of the new release(s) against the English side of the TM.
    The score is difflib's character ratio, a stand-in for the product's fuzzy score."""
    tm = [s["en"] for *_, s in tus]
    bands, seen = [], set()
    for s in new_sentences():
        if s in seen:
            bands.append(("repetition", 100, s))
            continue
        seen.add(s)
        best = max(int(difflib.SequenceMatcher(None, s, t).ratio() * 100) for t in tm)
        if s in tm:
            bands.append(("exact", 100, s))
        elif best >= 75:
            bands.append(("fuzzy", best, s))
        else:
            bands.append(("new", best, s))
    return bands


def main(argv):
    cmd = argv[1] if len(argv) > 1 else "check"
    try:
        tus = collect()
        text = tmx_text(tus)
        if cmd == "tmx":
            out = argv[2] if len(argv) > 2 else TMX
            tmp = out + ".tmp"
            with open(tmp, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            os.replace(tmp, out)
            print("%s: %d TUs" % (out, len(tus)))
        elif cmd == "check":
            if not os.path.exists(TMX) or open(TMX, encoding="utf-8").read() != text:
                raise SampleError("%s is not up to date: run tests/tools/samples.py tmx" % TMX)
            bands = preview(tus)
            count = {b: sum(1 for x in bands if x[0] == b)
                     for b in ("exact", "fuzzy", "new", "repetition")}
            for b, want in (("exact", 5), ("fuzzy", 3), ("new", 2), ("repetition", 1)):
                if count[b] < want:
                    raise SampleError("new release: %d %s sentences, want at least %d" % (
                        count[b], b, want))
            print("ok: %d releases x %d languages, %d TUs; new release: %s" % (
                len(releases()), len(LANGS), len(tus),
                ", ".join("%d %s" % (count[b], b) for b in count)))
        elif cmd == "preview":
            for band, score, s in preview(tus):
                print("%-10s %3d  %s" % (band, score, s))
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except (SampleError, OSError) as e:
        print("samples.py: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
