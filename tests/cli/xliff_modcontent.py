"""Prints the module content of an XLIFF 2.x file, one sorted line per item,
so that two files can be compared regardless of order and prefixes: every
module element (namespace, name, attributes, whitespace-folded text) under
its module ancestors, and every module attribute on a core element (with the
element's name and id). Used by tests/cli/303-xliff-modules.sh.
Usage: xliff_modcontent.py FILE             prints the lines
       xliff_modcontent.py --compare A B...  prints each A whose lines differ
                                             from its B (pairs)"""
import sys
import xml.etree.ElementTree as ET

CORE = ("urn:oasis:names:tc:xliff:document:2.0", "urn:oasis:names:tc:xliff:document:2.2")
XML = "http://www.w3.org/XML/1998/namespace"


def ns(tag):
    return tag[1:].split("}")[0] if tag.startswith("{") else ""


def local(tag):
    return tag.split("}")[-1]


def fold(s):
    return " ".join((s or "").split())


def attrs(e, only_foreign):
    out = []
    for k, v in sorted(e.attrib.items()):
        if only_foreign and (ns(k) in ("", XML) or ns(k) in CORE):
            continue
        out.append("%s=%s" % (k, fold(v)))
    return " ".join(out)


def walk(e, path, lines):
    for k in e:
        if not isinstance(k.tag, str):
            continue
        if ns(k.tag) in CORE:
            a = attrs(k, True)
            if a:
                lines.append("core %s#%s %s" % (local(k.tag), k.get("id", ""), a))
            if path and local(k.tag) in ("source", "target"):
                # core content inside a module element (mtc:match): its text
                lines.append("text %s/%s %s" % (path, local(k.tag), fold("".join(k.itertext()))))
            elif path and local(k.tag) not in ("originalData", "data"):
                lines.append("inline %s/%s#%s" % (path, local(k.tag), k.get("id", "")))
            walk(k, path if not path else path + "/" + local(k.tag), lines)
        else:
            p = (path + "/" if path else "") + k.tag
            own = [k.text or ""] + [c.tail or "" for c in k]
            lines.append("mod %s [%s] %s" % (p, attrs(k, False), fold(" ".join(own))))
            walk(k, p, lines)


def content(path):
    lines = []
    walk(ET.parse(path).getroot(), "", lines)
    return sorted(lines)


if sys.argv[1] == "--compare":
    args = sys.argv[2:]
    for a, b in zip(args[0::2], args[1::2]):
        if content(a) != content(b):
            print(a)
else:
    print("\n".join(content(sys.argv[1])))
