"""Reads one batch run's four outputs -- the terminal table (the saved
stdout of `tumac batch`), report.json, report.html and analysis-<locale>.html
-- and checks that they give the same words to translate per item, per
locale and in total, that a derived locale (transliterated) has none, and
that the headline's share leaves it out (issue 16).
Usage: batch_counts.py STDOUT OUTDIR     prints what disagrees; exit 1 then"""
import html
import json
import re
import sys
from html.parser import HTMLParser


class Tables(HTMLParser):
    """Every <table> as rows of cell texts; the texts of the summary cards."""

    def __init__(self):
        super().__init__()
        self.tables, self.cards, self.cell, self.card = [], [], None, None

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class", "")
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self.cell = ""
        elif tag == "div" and cls == "card":
            self.card = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append(self.cell.strip())
            self.cell = None
        elif tag == "div" and self.card is not None:
            self.cards.append(self.card.strip())
            self.card = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        if self.card is not None:
            self.card += data


def num(s):
    return int(re.sub(r"[^0-9]", "", s))


def parse_html(path):
    p = Tables()
    p.feed(open(path, encoding="utf-8").read())
    return p


def main(stdout, outdir):
    bad = []
    r = json.load(open(outdir + "/report.json"))
    derived = {i["locale"]: i["derived_from"] for i in r["items"] if i["derived_from"]}
    todo = {(i["name"], i["locale"]): i["counts"]["words_to_translate"] for i in r["items"]}
    words = {(i["name"], i["locale"]): i["counts"]["words"] for i in r["items"]}
    for (name, loc), n in todo.items():
        if loc in derived and n != 0:
            bad.append("json: derived %s/%s has %d to translate" % (loc, name, n))
    by_loc = {l: sum(n for (_, k), n in todo.items() if k == l) for l in r["locales"]}
    for l in r["locales"]:
        if r["by_locale"][l]["words_to_translate"] != by_loc[l]:
            bad.append("json: by_locale %s disagrees with its items" % l)
    total = sum(todo.values())
    share_of = sum(w for (_, l), w in words.items() if l not in derived)
    pct = (total * 100 + share_of // 2) // share_of if share_of else 0
    if r["totals"]["words_to_translate"] != total or r["percent_to_translate"] != pct:
        bad.append("json: totals %s %s%%, items say %d %d%%" % (
            r["totals"]["words_to_translate"], r["percent_to_translate"], total, pct))

    # The terminal table and its headline.
    text = open(stdout, encoding="utf-8").read()
    seen = 0
    for line in text.splitlines():
        m = re.match(r"^(\S+) +(\S+) +(\d+) +\d+ +\d+ +\d+ +\d+ +(\d+)  (.*)$", line)
        if m and (m.group(1), m.group(2)) in todo:
            seen += 1
            if int(m.group(4)) != todo[(m.group(1), m.group(2))]:
                bad.append("table: %s %s says %s" % (m.group(1), m.group(2), m.group(4)))
            if m.group(2) in derived and "(from %s)" % derived[m.group(2)] not in m.group(5):
                bad.append("table: %s does not say where it comes from" % m.group(2))
    if seen != len(todo):
        bad.append("table: %d rows of %d items" % (seen, len(todo)))
    m = re.search(r"\((\d+) of (\d+) words to translate, (\d+)%", text)
    if not m or (int(m.group(1)), int(m.group(2)), int(m.group(3))) != (total, share_of, pct):
        bad.append("headline: %s, want %d of %d, %d%%" % (m and m.group(0), total, share_of, pct))
    for l, f in derived.items():
        if "%s made from %s by transliteration" % (l, f) not in text:
            bad.append("headline: does not say %s is made from %s" % (l, f))

    # report.html: the per-locale table, its total, the card, the documents.
    page = parse_html(outdir + "/report.html")
    per_loc, docs = page.tables[0], page.tables[1]
    for row in per_loc[1:]:
        loc = row[0].split()[0]
        want = total if loc == "total" else by_loc[loc]
        if num(row[-2]) != want:
            bad.append("report.html: %s row says %s, want %d" % (loc, row[-2], want))
        if loc in derived and "transliterated from " + derived[loc] not in row[0]:
            bad.append("report.html: %s row does not say where it comes from" % loc)
    card = [c for c in page.cards if "to translate" in c]
    if len(card) != 1 or num(card[0].split("to translate")[0]) != total or \
            "(%d%%)" % pct not in card[0]:
        bad.append("report.html: card %s, want %d (%d%%)" % (card, total, pct))
    name = None
    for row in docs[1:]:
        name = row[0] or name
        if (name, row[1]) in todo and num(row[6]) != todo[(name, row[1])]:
            bad.append("report.html: %s %s says %s" % (name, row[1], row[6]))

    # analysis-<locale>.html: the card, and where a derived locale comes from.
    for l in r["locales"]:
        a = parse_html("%s/analysis-%s.html" % (outdir, l))
        card = [c for c in a.cards if "to translate" in c]
        if len(card) != 1 or num(card[0].split("words")[0]) != by_loc[l]:
            bad.append("analysis-%s.html: %s, want %d" % (l, card, by_loc[l]))
        body = html.unescape(open("%s/analysis-%s.html" % (outdir, l), encoding="utf-8").read())
        if l in derived and re.search(r"Made from <b>%s</b> by transliteration" %
                                      re.escape(derived[l]), body) is None:
            bad.append("analysis-%s.html does not say it is made from %s" % (l, derived[l]))
    for b in bad:
        print(b)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main(*sys.argv[1:3])
