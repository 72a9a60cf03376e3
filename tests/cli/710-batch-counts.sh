# One definition of "to translate" (issue 16): the terminal table,
# report.json, report.html and analysis-<locale>.html of one run give the
# same words to translate per document, per locale and in total; sr-Cyrl,
# transliterated from sr-Latn, has none, says where it comes from, and stays
# out of the headline's share. Checked on the seed release (no match at all)
# and on the demo's run (a TM, references, a finished earlier release).
. tests/cli/lib.sh
seed=$SHARED/seeds/osce-bih-press-release.txt

"$TUMAC" batch --tm none -s en -t bs,hr,sr-Latn,sr-Cyrl -o "$WORK/seed" "$seed" \
    >"$WORK/seed.txt" 2>"$WORK/seed.err"
check_eq "seed batch runs" "$?" 0
check_ok "seed: the four outputs agree" python3 tests/cli/batch_counts.py "$WORK/seed.txt" "$WORK/seed"
check_grep "seed: nothing matches, so every word of the three translated locales is to translate" \
    "\(1380 of 1380 words to translate, 100%; sr-Cyrl made from sr-Latn by transliteration\)" \
    "$WORK/seed.txt"
check_grep "seed: the sr-Cyrl row has 0 to translate" \
    "^osce-bih-press-release +sr-Cyrl +460 +0 +0 +0 +460 +0  needs translation \(from sr-Latn\)" \
    "$WORK/seed.txt"
check_ok "seed: report.json, sr-Cyrl 0 to translate, 460 derived" python3 - "$WORK/seed/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["by_locale"]["sr-Cyrl"]
assert (c["words_to_translate"], c["words_derived"], c["words"]) == (0, 460, 460), c
assert (r["totals"]["words_to_translate"], r["percent_to_translate"]) == (1380, 100), r["totals"]
PY

check_ok "TM from the earlier releases" "$TUMAC" tm import --tm "$WORK/tm.db" tm/samples.tmx
"$TUMAC" batch --tm "$WORK/tm.db" --ref samples -s en -t bs,hr,sr-Latn,sr-Cyrl \
    -o "$WORK/demo" samples/new samples/workshop-media-literacy.en.html >"$WORK/demo.txt" 2>"$WORK/demo.err"
check_eq "demo batch runs" "$?" 0
check_ok "demo: the four outputs agree" python3 tests/cli/batch_counts.py "$WORK/demo.txt" "$WORK/demo"
check_ok "demo: some but not all words to translate, none in sr-Cyrl" python3 - "$WORK/demo/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
t = r["totals"]
assert 0 < t["words_to_translate"] < t["words"] - t["words_derived"], t
assert r["by_locale"]["sr-Cyrl"]["words_to_translate"] == 0, r["by_locale"]["sr-Cyrl"]
PY

# The checker itself sees a disagreement (a count a report got wrong).
sed 's|<b>0</b><small>words to translate|<b>288</b><small>words to translate|' \
    "$WORK/demo/analysis-sr-Cyrl.html" > "$WORK/a.html" && mv "$WORK/a.html" "$WORK/demo/analysis-sr-Cyrl.html"
check_exit "the checker catches an analysis page that disagrees" 1 \
    python3 tests/cli/batch_counts.py "$WORK/demo.txt" "$WORK/demo"
