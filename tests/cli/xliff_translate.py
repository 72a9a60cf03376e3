"""Stands in for a translator: gives every segment of a tumac XLIFF file
(2.x or 1.2) a target, a marked copy of its source, with the given state.
Usage: xliff_translate.py FILE MARK STATE[,STATE...] [--only-empty]
--only-empty (2.x): segments that have a target (tumac's fills) keep it.
The states are used in turn, segment by segment (2.x) or unit by unit (1.2).
A 1.2 state "approved" is state="translated" with approved="yes" on the
trans-unit. Edits the file in place (text edits keep what it does not touch)."""
import re
import sys


def main(path, mark, states, only_empty=None):
    states = states.split(",")
    s = open(path, encoding="utf-8").read()
    n = [0]

    def next_state():
        st = states[n[0] % len(states)]
        n[0] += 1
        return st

    def seg20(m):
        if only_empty and "<target" in m.group(2):
            return m.group(0)
        body = re.sub(r"<target[^>]*>.*?</target>", "", m.group(2), flags=re.S)
        src = re.search(r"<source>(.*?)</source>", body, re.S).group(1)
        attrs = re.sub(r' state="[a-z]*"', "", m.group(1))
        return '<segment%s state="%s">%s<target>%s %s</target></segment>' % (
            attrs, next_state(), body, mark, src)

    def unit12(m):
        attrs, body = m.group(1), m.group(2)
        body = re.sub(r"<target[^>]*>.*?</target>", "", body, flags=re.S)
        segsrc = re.search(r"<seg-source>(.*?)</seg-source>", body, re.S)
        if segsrc:
            trg = re.sub(r'(<mrk mtype="seg" mid="[^"]*">)', r"\g<1>" + mark + " ",
                         segsrc.group(1))
            end = segsrc.end()
        else:
            src = re.search(r"<source>(.*?)</source>", body, re.S)
            trg = mark + " " + src.group(1)
            end = src.end()
        st = next_state()
        if st == "approved":
            attrs += ' approved="yes"'
            st = "translated"
        return '<trans-unit%s>%s<target state="%s">%s</target>%s</trans-unit>' % (
            attrs, body[:end], st, trg, body[end:])

    if 'version="1.2"' in s[:400]:
        s = re.sub(r"<trans-unit([^>]*)>(.*?)</trans-unit>", unit12, s, flags=re.S)
    else:
        s = re.sub(r"<segment([^>]*)>(.*?)</segment>", seg20, s, flags=re.S)
    open(path, "w", encoding="utf-8").write(s)


if __name__ == "__main__":
    main(*sys.argv[1:5])
