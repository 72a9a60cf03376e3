#!/usr/bin/env python3
"""Compare two HTML files for the pseudo round trip (tests/cli/401-pseudo.sh):
the tag tree (tags, attribute names, nesting) must be the same; every text node
with letters outside script/style must have changed; every byte outside text
nodes and translatable attribute values must be the same. Prints what differs
and exits 1 on failure."""
import sys
from html.parser import HTMLParser

TRANSLATABLE = {"alt", "title", "placeholder", "aria-label"}
SKIP = {"script", "style", "textarea", "noscript", "svg", "math", "select",
        "iframe", "object", "template", "code"}


class Shape(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.tags, self.texts, self.markup, self.stack, self.no = [], [], [], [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(("start", tag, tuple(a for a, _ in attrs)))
        keep = []
        for a, v in attrs:
            if a in TRANSLATABLE or a == "content" or a in ("lang", "xml:lang"):
                continue
            keep.append((a, v))
        self.markup.append((tag, tuple(keep)))
        if tag in SKIP or dict(attrs).get("translate") == "no":
            self.no += 1
            self.stack.append(tag)

    def handle_endtag(self, tag):
        self.tags.append(("end", tag))
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
            self.no -= 1

    def handle_data(self, data):
        if self.no == 0 and any(c.isalpha() for c in data):
            self.texts.append(data.strip())

    def handle_comment(self, data):
        self.markup.append(("comment", data))


def parse(path):
    p = Shape()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return p


a, b = parse(sys.argv[1]), parse(sys.argv[2])
bad = 0
if a.tags != b.tags:
    print("tag tree differs"); bad = 1
if a.markup != b.markup:
    print("non-translatable markup differs"); bad = 1
same = [t for t in b.texts if t in a.texts and t and "[" not in t]
if same:
    print("text not translated:", same[:3]); bad = 1
sys.exit(bad)
