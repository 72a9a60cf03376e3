"""Compares XLIFF files as element trees: names with their namespace URIs,
attributes, text and tails, so that prefixes and where namespaces are
declared do not count. Used by tests/cli/302-xliff-suites.sh to check that a
written file, read and written again, has the same content.
Usage: xliff_samecontent.py A B [A B ...]   prints each A that differs from its B"""
import sys
import xml.etree.ElementTree as ET


def canon(e):
    return (e.tag, sorted(e.attrib.items()), e.text or "", e.tail or "",
            [canon(k) for k in e if isinstance(k.tag, str)])


def main(args):
    for a, b in zip(args[0::2], args[1::2]):
        try:
            same = canon(ET.parse(a).getroot()) == canon(ET.parse(b).getroot())
        except ET.ParseError:
            same = False
        if not same:
            print(a)


if __name__ == "__main__":
    main(sys.argv[1:])
