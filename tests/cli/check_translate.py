#!/usr/bin/env python3
"""Stands in for a translator returning a checked translation: every
segment of a tumac XLIFF 2.x file gets the target TEXT (XLIFF inline
content, as given) in state final. Usage: check_translate.py FILE TEXT.
Edits the file in place."""
import re
import sys

path, text = sys.argv[1], sys.argv[2]
s = open(path, encoding="utf-8").read()
s = re.sub(r'<segment([^>]*)>\s*(<source>.*?</source>)\s*(<target>.*?</target>)?\s*</segment>',
           lambda m: '<segment%s state="final">%s<target>%s</target></segment>'
           % (re.sub(r' state="[a-z]*"', "", m.group(1)), m.group(2), text), s, flags=re.S)
open(path, "w", encoding="utf-8").write(s)
