# --min reaches the TM (`tumac leverage` asks it at --min, not at the
# analysis floor of 50, since its summary counts 50-74 % with "no match"),
# and what it changes is only what --min should: the matches below it.
# At the floor (--min 50) the output is what the analysis sees; matches of
# 75 and up, fills and the summary are the same at --min 50 and 75; a
# candidate that differs in values only fills from below --min.
. tests/cli/lib.sh
new=samples/new/workshop-media-literacy-tuzla.en.html
tm="$WORK/tm.db"

check_ok "TM from the earlier releases" "$TUMAC" tm import --tm "$tm" tm/samples.tmx
check_ok "extract the new release" "$TUMAC" extract -s en -t bs -o "$WORK/new.xlf" "$new"
for m in 50 75 90; do
  check_ok "leverage at --min $m" "$TUMAC" leverage --tm "$tm" --min $m -o "$WORK/lev$m.xlf" "$WORK/new.xlf"
  cp "$WORK/.err" "$WORK/sum$m"
done
check_ok "--min changes the matches, and only below it" python3 - "$WORK" <<'PY'
import sys, xml.etree.ElementTree as ET
X = "{urn:oasis:names:tc:xliff:document:2.0}"
M = "{urn:oasis:names:tc:xliff:matches:2.0}"
def read(m):
    doc = ET.parse(f"{sys.argv[1]}/lev{m}.xlf").getroot()
    matches, targets = [], []
    for unit in doc.iter(X + "unit"):
        for mt in unit.iter(M + "match"):
            matches.append((unit.get("id"), float(mt.get("matchQuality")),
                            "".join(mt.find(X + "target").itertext())))
        for seg in unit.iter(X + "segment"):
            t = seg.find(X + "target")
            targets.append("".join(t.itertext()) if t is not None else None)
    return matches, targets
(m50, t50), (m75, t75), (m90, t90) = read(50), read(75), read(90)
low = [x for x in m50 if x[1] < 75]
assert low, "the samples give a match below 75 at the floor"
assert [x for x in m50 if x[1] >= 75] == m75, "asking the TM at 75 lost a match of 75 or more"
assert [x for x in m75 if x[1] >= 90] == m90, "asking at 75 for --min 90 lost a match of 90 or more"
assert len(m90) < len(m75) < len(m50), (len(m50), len(m75), len(m90))
assert all(q >= 90 for _, q, _ in m90) and all(q >= 75 for _, q, _ in m75)
assert t50 == t75 == t90, "--min changed a fill"
PY
check_files_same "the summary (bands of 75 and up, fills) the same at --min 50 and 75" "$WORK/sum50" "$WORK/sum75"

# the analysis keeps its floor: a 59 % match (no numbers) is counted in
# 50-74 % by analyze, and leverage at --min 75 neither writes nor needs it
printf 'The mission opened a new office in Mostar for the local media.\tMisija je otvorila novi ured u Mostaru za lokalne medije.\n' > "$WORK/l.tsv"
check_ok "a TM of one sentence" "$TUMAC" tm import --tm "$WORK/l.db" -s en -t bs "$WORK/l.tsv"
printf '<html><body><p>The mission closed its old office in Banja Luka for the media.</p></body></html>\n' > "$WORK/l.html"
check_ok "extract a sentence 59 % like it" "$TUMAC" extract -s en -t bs -o "$WORK/l.xlf" "$WORK/l.html"
check_ok "analyze it" "$TUMAC" analyze --tm "$WORK/l.db" -t bs --format json -o "$WORK/l.json" "$WORK/l.xlf"
check_ok "the analysis counts it in 50-74 %" python3 -c "import json, sys; b = json.load(open(sys.argv[1]))['files'][0]['bands']; assert b['50_74']['segments'] == 1, b" "$WORK/l.json"
check_ok "leverage at --min 75" "$TUMAC" leverage --tm "$WORK/l.db" --min 75 -o "$WORK/l-75.xlf" "$WORK/l.xlf"
check_grep "counted with no match in the summary" " 0 fuzzy, 12 new" "$WORK/.err"
check_ok "leverage at --min 55" "$TUMAC" leverage --tm "$WORK/l.db" --min 55 -o "$WORK/l-55.xlf" "$WORK/l.xlf"
check_ok "--min 55 writes the 59 % match, --min 75 does not" python3 - "$WORK/l-55.xlf" "$WORK/l-75.xlf" <<'PY'
import re, sys
q = [re.findall(r'matchQuality="([0-9.]+)"', open(f).read()) for f in sys.argv[1:]]
assert q == [["59"], []], q
PY

# values only: raw 72 %, lifted to 96 and filled although --min is 75
printf 'On 12 March 2019 the mission gave 1500 books to 20 schools in 7 towns.\tMisija je 12. marta 2019. dala 1500 knjiga za 20 škola u 7 gradova.\n' > "$WORK/n.tsv"
check_ok "a TM of one sentence with numbers" "$TUMAC" tm import --tm "$WORK/n.db" -s en -t bs "$WORK/n.tsv"
printf '<html><body><p>On 28 November 2024 the mission gave 23750 books to 316 schools in 45 towns.</p></body></html>\n' > "$WORK/n.html"
check_ok "extract a sentence differing in values only" "$TUMAC" extract -s en -t bs -o "$WORK/n.xlf" "$WORK/n.html"
check_ok "look it up" "$TUMAC" tm lookup --tm "$WORK/n.db" -s en -t bs --min 50 \
  "On 28 November 2024 the mission gave 23750 books to 316 schools in 45 towns."
check_grep "its TM score, 72 %, is below --min" "^72	" "$WORK/.out"
check_ok "leverage at --min 75" "$TUMAC" leverage --tm "$WORK/n.db" --min 75 -o "$WORK/n-lev.xlf" "$WORK/n.xlf"
check_grep "the values went in and it filled" "<target>Misija je 28. novembra 2024. dala 23750 knjiga za 316 škola u 45 gradova." "$WORK/n-lev.xlf"
