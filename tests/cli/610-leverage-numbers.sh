# Numbers and dates as placeables end to end (issue 16): the demo's batch
# (TM from tm/samples.tmx, earlier releases as references) puts the new
# release's figures into the 97% candidate of "Since 2022, more than 1,500
# teachers from 52 municipalities ... almost 35,000 students" in every
# locale, in each locale's style, and never the old figures (1,200 / 48 /
# 30,000) - not in the XLIFF and not in a draft document. A candidate whose
# changed value cannot be placed is offered, scored below --fill, named in
# its note, and not filled.
. tests/cli/lib.sh
tm="$WORK/tm.db"
out="$WORK/out"

check_ok "TM from the earlier releases" "$TUMAC" tm import --tm "$tm" tm/samples.tmx
check_ok "the demo's batch, with drafts" "$TUMAC" batch --tm "$tm" --ref samples --draft \
  -s en -t bs,hr,sr-Latn,sr-Cyrl -o "$out" samples/new
check_ok "every locale's 'Since 2022' target has the new figures" python3 - "$out" <<'PY'
import glob, re, sys, xml.etree.ElementTree as ET
X = "{urn:oasis:names:tc:xliff:document:2.0}"
want = {
    "bs": ["1.500", "52 ", "35 hiljada"],
    "hr": ["1500", "52 ", "35 tisuća"],
    "sr-Latn": ["1.500", "52 ", "35 hiljada"],
    "sr-Cyrl": ["1.500", "52 ", "35 хиљада"],
}
old = ["1.200", "1200", "48 ", "30 hiljada", "30 tisuća", "30 хиљада"]
for loc, figures in want.items():
    files = glob.glob(f"{sys.argv[1]}/{loc}/*tuzla*.xlf")
    assert len(files) == 2, (loc, files)
    for f in files:
        seen = 0
        for seg in ET.parse(f).getroot().iter(X + "segment"):
            src = "".join(seg.find(X + "source").itertext())
            if not src.startswith("Since 2022"):
                continue
            seen += 1
            t = seg.find(X + "target")
            assert t is not None, (f, "not filled")
            text = "".join(t.itertext())
            for n in figures:
                assert n in text, (f, n, text)
            for n in old:
                assert n not in text, (f, n, text)
            assert seg.get("state") == "translated", (f, seg.get("state"))
        assert seen == 1, (f, seen)
PY
check_ok "no draft of the new release carries an old figure" python3 - "$out" <<'PY'
import glob, sys
docs = [f for f in glob.glob(f"{sys.argv[1]}/*/*tuzla*") if not f.endswith(".xlf")]
assert len(docs) >= 8, docs
for f in docs:
    text = open(f, encoding="utf-8").read()
    for n in ["1.200 nastavnika", "1200 nastavnika", "1.200 наставника", "48 op", "48 оп",
              "30 hiljada", "30 tisuća", "30 хиљада"]:
        assert n not in text, (f, n)
PY

# --- refused: the TM spells 30,000 out, so the change cannot be placed ---
printf '%s\t%s\n' \
  "Since 2022, more than 1,200 teachers from 48 municipalities have completed the training." \
  "Od 2022. godine više od 1.200 nastavnika iz četrdeset i osam općina završilo je obuku." \
  > "$WORK/words.tsv"
check_ok "a TM whose target writes 48 as words" "$TUMAC" tm import --tm "$WORK/w.db" -s en -t bs "$WORK/words.tsv"
printf 'Since 2022, more than 1,500 teachers from 52 municipalities have completed the training.\n' > "$WORK/q.txt"
check_ok "extract the new sentence" "$TUMAC" extract -s en -t bs -o "$WORK/q.xlf" "$WORK/q.txt"
check_ok "leverage it" "$TUMAC" leverage --tm "$WORK/w.db" -o "$WORK/q-l.xlf" "$WORK/q.xlf"
check_grep "nothing filled" " 0 filled" "$WORK/.err"
check_ok "the candidate: offered below --fill, the stale value named, no target" python3 - "$WORK/q-l.xlf" <<'PY'
import sys, xml.etree.ElementTree as ET
X = "{urn:oasis:names:tc:xliff:document:2.0}"
M = "{urn:oasis:names:tc:xliff:matches:2.0}"
D = "{urn:oasis:names:tc:xliff:metadata:2.0}"
doc = ET.parse(sys.argv[1]).getroot()
ms = list(doc.iter(M + "match"))
assert len(ms) == 1, len(ms)
q = float(ms[0].get("matchQuality"))
assert q <= 90, q   # min(score, 95) - 5 per stale value
notes = [m.text for m in ms[0].iter(D + "meta") if m.get("type") == "note"]
assert any("52" in n and "not filled" in n for n in notes), notes
for seg in doc.iter(X + "segment"):
    t = seg.find(X + "target")
    assert t is None or not "".join(t.itertext()).strip(), "filled"
PY
check_ok "--fill 50 does not fill it either" "$TUMAC" leverage --tm "$WORK/w.db" --min 40 --fill 50 -o "$WORK/q-50.xlf" "$WORK/q.xlf"
check_grep "nothing filled at --fill 50" " 0 filled" "$WORK/.err"
check_ok "analyze counts it below the fill band" "$TUMAC" analyze --tm "$WORK/w.db" --format csv -t bs -o "$WORK/q.csv" "$WORK/q.txt"
check_ok "in 85-94 (90), not 95-99" python3 - "$WORK/q.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
tot = [r for r in rows if r[list(r)[0]] == "TOTAL"][0]
assert tot["85_94_segments"] == "1" and tot["95_99_segments"] == "0", tot
PY
