# The round trip of the main job with a TM: batch writes XLIFF for the
# translators, they return it translated, `batch --import` validates it,
# stores the approved segments in the TM and finishes the documents (the
# sr-Cyrl one transliterated from sr-Latn); the next batch of the same
# release then finds every sentence in the TM in context. A returned file
# that is broken is refused with its name and the rest go on.
# The stand-in translations below are marked copies of the English source
# (its figures in English style), which tumac check would rightly keep from
# being finished (CLI 800 tests that): every batch here runs --no-check.
. tests/cli/lib.sh
export XML_CATALOG_FILES=$SHARED/standards/catalog.xml
S21=$SHARED/standards/xliff-2.x/2.1/xliff-2.1-all-modules.xsd
tm="$WORK/tm.db"
out="$WORK/out"
new=samples/new/workshop-media-literacy-tuzla.en.txt

check_ok "TM from the earlier releases" "$TUMAC" tm import --tm "$tm" tm/samples.tmx
units_before=$("$TUMAC" tm stats --tm "$tm" 2>&1 | sed -n 's/^units: *\([0-9]*\).*/\1/p')
check_ok "batch the new release into hr and both Serbian scripts" \
    "$TUMAC" batch --no-check --tm "$tm" -s en -t hr,sr-Latn,sr-Cyrl -j 2 -q -o "$out" "$new"
for l in hr sr-Latn; do
    check_ok "$l XLIFF is schema-valid" xmllint --nonet --noout --schema "$S21" "$out/$l/workshop-media-literacy-tuzla.xlf"
    check_no_file "$l document not finished yet" "$out/$l/workshop-media-literacy-tuzla.txt"
done
check_grep "leverage wrote the TM's candidates" 'origin="samples\.tmx"' "$out/hr/workshop-media-literacy-tuzla.xlf"
filled=$(cat "$out"/hr/*.xlf "$out"/sr-Latn/*.xlf | grep -o '<target' | wc -l)
used=$(sqlite3 "$tm" "SELECT coalesce(sum(usage), 0) FROM tu_info WHERE last_used IS NOT NULL")
check_ok "the TM counted the uses of the units that filled segments ($used, $filled targets)" \
    test "$used" -gt 0 -a "$used" -le "$filled"

# The translators: every segment gets a final target (a marked copy of the
# source stands in for their work).
translate() {
    python3 - "$1" "$2" <<'PY'
import sys, re
path, mark = sys.argv[1], sys.argv[2]
s = open(path, encoding="utf-8").read()
def seg(m):
    body = m.group(2)
    src = re.search(r"<source>(.*?)</source>", body, re.S).group(1)
    body = re.sub(r"<target>.*?</target>", "", body, flags=re.S)
    return '<segment%s state="final">%s<target>%s %s</target></segment>' % (
        re.sub(r' state="[a-z]*"', "", m.group(1)), body, mark, src)
s = re.sub(r"<segment([^>]*)>(.*?)</segment>", seg, s, flags=re.S)
open(path, "w", encoding="utf-8").write(s)
PY
}
translate "$out/hr/workshop-media-literacy-tuzla.xlf" "HR"
translate "$out/sr-Latn/workshop-media-literacy-tuzla.xlf" "Prevod:"
check_ok "batch --import takes them back" "$TUMAC" batch --no-check --import "$out" --tm "$tm" -q
check_grep "hr finished from the translators' text" "^HR " "$out/hr/workshop-media-literacy-tuzla.txt"
check_grep "sr-Latn finished" "^Prevod: " "$out/sr-Latn/workshop-media-literacy-tuzla.txt"
check_grep "sr-Cyrl made from it by transliteration" "^Превод: " "$out/sr-Cyrl/workshop-media-literacy-tuzla.txt"
units_after=$("$TUMAC" tm stats --tm "$tm" 2>&1 | sed -n 's/^units: *\([0-9]*\).*/\1/p')
check_eq "the TM grew by the returned segments" "$([ "$units_after" -gt "$units_before" ] && echo yes)" "yes"
check_ok "report.json counts the stored segments" python3 - "$out/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["tm_added"] > 0, r["tm_added"]
st = {(i["locale"]): i["state"] for i in r["items"]}
assert st == {"hr": "finished", "sr-Latn": "finished", "sr-Cyrl": "finished"}, st
PY

# The next batch of the same release: all of it in context from the TM.
check_ok "batch the release again into a new folder" \
    "$TUMAC" batch --no-check --tm "$tm" -s en -t hr -q -o "$WORK/again" "$new"
check_ok "every word is a 101% match (or a repetition) and the document is finished" python3 - "$WORK/again/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
(i,) = r["items"]
c = i["counts"]
assert i["state"] == "finished", i["state"]
b = c["bands"]
# The sentence the release repeats has one context in the TM (identical
# units merge): its second occurrence counts as a repetition.
assert b["context"]["words"] > 0 and b["context"]["words"] + b["repetitions"]["words"] == c["words"], c
PY
check_files_same "and the same document as the translators'" \
    "$WORK/again/hr/workshop-media-literacy-tuzla.txt" "$out/hr/workshop-media-literacy-tuzla.txt"

# A returned file that is broken: refused by name, the others still import.
check_ok "batch once more" "$TUMAC" batch --no-check --tm "$tm" -s en -t hr,bs -q -o "$WORK/b" "$new" samples/statement-attack-journalist.en.txt
translate "$WORK/b/bs/statement-attack-journalist.xlf" "BS"
printf '<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="hr"><file id="f1"><unit id="u1">' \
    > "$WORK/b/hr/workshop-media-literacy-tuzla.xlf"
check_exit "--import with a truncated file exits 1" 1 "$TUMAC" batch --no-check --import "$WORK/b" --tm "$tm" -q
check_grep "the report names it" "workshop-media-literacy-tuzla" "$WORK/b/report.json"
check_grep "the good one is finished" "^BS " "$WORK/b/bs/statement-attack-journalist.txt"
check_ok "the TM still opens and is sound" sqlite3 "$tm" "PRAGMA integrity_check"
check_grep "integrity ok" "^ok$" "$WORK/.out"

# The script the TM holds more of is the one translated: a Cyrillic-only TM
# makes sr-Latn the derived locale.
check_ok "TM with only sr-Cyrl targets" "$TUMAC" tm import --tm "$WORK/cyrl.db" -t sr-Cyrl tm/samples.tmx
check_ok "batch into both Serbian scripts" "$TUMAC" batch --no-check --tm "$WORK/cyrl.db" -s en -t sr-Latn,sr-Cyrl -q \
    -o "$WORK/c" samples/forum-youth-participation.en.txt
check_grep "sr-Latn is made from sr-Cyrl" '"locale": "sr-Latn", "derived_from": "sr-Cyrl"' "$WORK/c/report.json"
