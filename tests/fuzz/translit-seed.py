#!/usr/bin/env python3
"""Writes Serbian Latin text (stdin) in the byte code of fuzz-translit.c, so
the transliteration target starts from real words: a letter is its index
(+27 x the case of the word it starts), anything else a gap byte."""
import sys

LETTERS = "a b c č ć d đ e f g h i j k l m n o p r s š t u v z ž".split()
GAPS = [" ", " ", " ", ", ", ". ", "\n", "-", "! ", "? ", " (", ") ", " „", "“ ", ": ", "; "]

out = bytearray()
for word in sys.stdin.read().split():
    core = word.strip(".,:;!?()„“\"")
    if not core or any(ch.lower() not in LETTERS for ch in core):
        continue
    case = 7 if core.isupper() and len(core) > 1 else 5 if core[0].isupper() else 0
    for i, ch in enumerate(core):
        out.append(LETTERS.index(ch.lower()) + (27 * case if i == 0 else 0))
    out.append(216 + GAPS.index(word[-1] + " ") if word[-1] + " " in GAPS else 216)
sys.stdout.buffer.write(bytes(out))
