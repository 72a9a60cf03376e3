# Honest counts of returned work: a segment whose target in the file is
# already a translation is counted in "translated" (state translated: to
# review) or "approved" (reviewed, final, 1.2 approved="yes"), never as new,
# whatever the TM holds; a source copy under new, or a target under initial,
# is no translation. The same count in text, CSV, JSON, HTML and in
# leverage's summary line. Files are made from the samples by
# xliff_translate.py (2.x and 1.2) and by Translate Toolkit's pomerge.
. tests/cli/lib.sh
tr="python3 tests/cli/xliff_translate.py"
html=samples/workshop-media-literacy.en.html
txt=samples/statement-attack-journalist.en.txt

# bands JSON: "no_match translated approved repetitions total-words adds-up"
bands() {
    python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["total"]
keys = [k for k in t if k not in ("total", "filled")]
adds = sum(t[k]["words"] for k in keys) == t["total"]["words"] and \
       sum(t[k]["segments"] for k in keys) == t["total"]["segments"]
print(t["no_match"]["words"], t["translated"]["words"], t["approved"]["words"],
      t["repetitions"]["words"], t["total"]["words"], adds)' "$1"
}

"$TUMAC" extract -s en -t bs -o "$WORK/fresh.xlf" "$html"
check_ok "a fresh file" "$TUMAC" analyze --tm none -t bs -f json "$WORK/fresh.xlf"
check_eq "... is all new but its one repetition" "$(bands "$WORK/.out")" "316 0 0 12 328 True"

# filled NAME STATES: the fresh file with every target given, states in turn,
# as NAME.xlf, analyzed to JSON in $WORK/.out
filled() {
    cp "$WORK/fresh.xlf" "$WORK/$1.xlf"
    $tr "$WORK/$1.xlf" BS "$2"
    check_ok "targets $2: analyze" "$TUMAC" analyze --tm none -t bs -f json "$WORK/$1.xlf"
}
filled tr translated
check_eq "... counted as translated (to review), not new" "$(bands "$WORK/.out")" "0 328 0 0 328 True"
check_ok "leverage --tm none on it" "$TUMAC" leverage --tm none -o "$WORK/tr2.xlf" "$WORK/tr.xlf"
check_grep "... says so in its summary" ', 0 new, 328 already translated$' "$WORK/.err"
filled ap reviewed,final
check_eq "... counted as approved" "$(bands "$WORK/.out")" "0 0 328 0 328 True"
filled in initial
check_eq "... are no translation: counted as before" "$(bands "$WORK/.out")" "316 0 0 12 328 True"
filled mix translated,initial,final
check_eq "one segment a band per state, the rest new or repeated" "$(python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["total"]
print(t["translated"]["segments"], t["approved"]["segments"],
      t["no_match"]["segments"] + t["repetitions"]["segments"], t["total"]["segments"])' "$WORK/.out")" \
    "$(for st in translated final initial; do grep -o "state=\"$st\"" "$WORK/mix.xlf" | wc -l; done | xargs) 20"

# XLIFF 1.2: tumac writes a source copy under state="new" for the tools
"$TUMAC" extract -s en -t bs --xliff 1.2 -o "$WORK/en12.xlf" "$txt"
check_ok "1.2 with source copies" "$TUMAC" analyze --tm none -t bs -f json "$WORK/en12.xlf"
check_eq "... source copies are no translation" "$(bands "$WORK/.out")" "222 0 0 0 222 True"
cp "$WORK/en12.xlf" "$WORK/ap12.xlf"
$tr "$WORK/ap12.xlf" BS translated,approved
check_ok "1.2 translated and approved=\"yes\"" "$TUMAC" analyze --tm none -t bs -f json "$WORK/ap12.xlf"
check_eq "... both counted by their state" "$(python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["total"]
print(t["translated"]["segments"] > 0, t["approved"]["segments"] > 0, t["no_match"]["words"],
      t["translated"]["words"] + t["approved"]["words"] == t["total"]["words"])' "$WORK/.out")" \
    "True True 0 True"

# A file returned through PO tools: pomerge marks its targets approved
for t in xliff2po pomerge; do
    command -v $t >/dev/null || { echo "FAIL $t is not installed (make deps installs translate-toolkit)"; exit 0; }
done
"$TUMAC" extract -s bs -t en --xliff 1.2 -o "$WORK/bs12.xlf" samples/statement-attack-journalist.bs.txt
xliff2po --progress=none "$WORK/en12.xlf" "$WORK/en.po"
xliff2po --progress=none "$WORK/bs12.xlf" "$WORK/bs.po"
# every entry gets the Bosnian text of the same unit (the units pair one to
# one) and loses its fuzzy mark: a translator's finished PO
python3 - "$WORK/en.po" "$WORK/bs.po" "$WORK/tr.po" <<'PY'
import re, sys
def entries(path):
    return re.findall(r'(#: (\S+)\n(?:#.*\n)*msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+))',
                      open(path, encoding="utf-8").read())
bs = {loc: mid for _, loc, mid, _ in entries(sys.argv[2])}
po = open(sys.argv[1], encoding="utf-8").read()
for whole, loc, mid, mstr in entries(sys.argv[1]):
    po = po.replace(whole, whole[:-len(mstr)] + bs[loc], 1)
open(sys.argv[3], "w", encoding="utf-8").write(po.replace("#, fuzzy\n", ""))
PY
check_eq "the PO is translated" "$(grep -c '^msgstr "Misija OSCE-a' "$WORK/tr.po")" "1"
check_ok "pomerge the translated PO" pomerge --progress=none -t "$WORK/en12.xlf" -i "$WORK/tr.po" -o "$WORK/back.xlf"
check_ok "leverage --tm none on the returned file" "$TUMAC" leverage --tm none -o "$WORK/back2.xlf" "$WORK/back.xlf"
check_grep "... quotes none of it as new" ', 0 new, 222 already translated$' "$WORK/.err"
for f in json csv html text; do
    check_ok "analyze -f $f" "$TUMAC" analyze --tm none -t bs -f $f -o "$WORK/back.$f" "$WORK/back.xlf"
done
check_eq "JSON: all approved" "$(bands "$WORK/back.json")" "0 0 222 0 222 True"
check_eq "CSV: the same" "$(python3 -c '
import csv, sys
r = list(csv.DictReader(open(sys.argv[1], newline="")))[-1]
print(r["file"], r["no_match_words"], r["translated_words"], r["approved_words"], r["total_words"])' "$WORK/back.csv")" \
    "TOTAL 0 0 222 222"
check_grep "text: the approved row" '^  Approved +[0-9]+ +222 +[0-9]+ +100\.0%$' "$WORK/back.text"
check_grep "text: no new words" '^  No match +0 +0 +0 +0\.0%$' "$WORK/back.text"
check_grep "HTML: the approved row" '<tr><td>Approved</td><td>[0-9]+</td><td>222</td>' "$WORK/back.html"
check_grep "HTML: a card says they are translated" '<b>222</b><small>words already translated in the file</small>' "$WORK/back.html"
check_grep "HTML: and none is new" '<b>0</b><small>new words \(no match\)</small>' "$WORK/back.html"
check_grep "HTML: nothing to translate or revise" '<b>0</b><small>words to translate or revise' "$WORK/back.html"
