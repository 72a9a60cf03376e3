# Resumable with a TM (issue 16, point 5): leverage counts the uses of the
# TM's units, which changes the TM file; that must not make the next run
# think the TM changed. The same batch run twice: the second skips every
# item, counts no use, and leaves the TM's bytes as they were. A real change
# of the TM's content (an import) redoes the documents.
. tests/cli/lib.sh
tm="$WORK/tm.db"
out="$WORK/out"
ins=(samples/new samples/workshop-media-literacy.en.html samples/statement-attack-journalist.en.txt)
uses() { sqlite3 "$tm" "SELECT coalesce(sum(usage), 0) FROM tu_info"; }

check_ok "TM from the earlier releases" "$TUMAC" tm import --tm "$tm" tm/samples.tmx
check_ok "first run" "$TUMAC" batch --tm "$tm" -s en -t bs,hr,sr-Latn,sr-Cyrl -q -o "$out" "${ins[@]}"
first=$(uses)
check_ok "the first run counted uses ($first)" test "$first" -gt 0
cp "$tm" "$WORK/tm-after-first.db"
check_ok "second, identical run" "$TUMAC" batch --tm "$tm" -s en -t bs,hr,sr-Latn,sr-Cyrl -o "$out" "${ins[@]}"
check_grep "progress says unchanged" "unchanged\)$" "$WORK/.err"
check_ok "every item up to date" python3 - "$out/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert len(r["items"]) == 16, len(r["items"])
assert all(i["up_to_date"] for i in r["items"]), [i["name"] for i in r["items"] if not i["up_to_date"]]
PY
check_eq "no use counted again" "$(uses)" "$first"
check_files_same "the TM's bytes are unchanged" "$tm" "$WORK/tm-after-first.db"
check_no_file "and no WAL left behind" "$tm-wal"

# A third run after the TM's content changed: everything is redone.
printf 'An entirely new sentence.\tPotpuno nova rečenica.\n' > "$WORK/one.tsv"
check_ok "one more unit into the TM" "$TUMAC" tm import -s en -t hr --tm "$tm" "$WORK/one.tsv"
check_ok "third run" "$TUMAC" batch --tm "$tm" -s en -t bs,hr,sr-Latn,sr-Cyrl -q -o "$out" "${ins[@]}"
check_ok "a changed TM redoes every item" python3 - "$out/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert not any(i["up_to_date"] for i in r["items"]), r["items"]
PY
check_ok "uses counted once more for the redone items" test "$(uses)" -gt "$first"

# One changed document: it and those after it are redone, the rest skipped.
mkdir -p "$WORK/in"
cp samples/*.en.txt "$WORK/in/"
check_ok "run over a folder" "$TUMAC" batch --tm "$tm" -s en -t hr -q -o "$WORK/f" "$WORK/in"
echo "One more sentence at the end." >> "$WORK/in/launch-accessible-elections.en.txt"
check_ok "rerun after changing one document" "$TUMAC" batch --tm "$tm" -s en -t hr -q -o "$WORK/f" "$WORK/in"
check_ok "the documents before it skipped, it and the later ones redone" python3 - "$WORK/f/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
up = [(i["name"], i["up_to_date"]) for i in r["items"]]
assert up[0] == ("forum-youth-participation", True), up
assert up[1] == ("launch-accessible-elections", False), up
assert all(not u for _, u in up[1:]), up
PY

# A corrected published translation in a --ref folder redoes what used it.
mkdir -p "$WORK/ref"
cp samples/statement-attack-journalist.en.txt samples/statement-attack-journalist.hr.txt "$WORK/ref/"
check_ok "run with a reference folder" "$TUMAC" batch --tm none --ref "$WORK/ref" -s en -t hr -q \
    -o "$WORK/r" samples/statement-attack-journalist.en.txt
check_ok "identical rerun" "$TUMAC" batch --tm none --ref "$WORK/ref" -s en -t hr -q \
    -o "$WORK/r" samples/statement-attack-journalist.en.txt
check_grep "skips it" '"up_to_date": true' "$WORK/r/report.json"
sed -i '1s/^/Ispravak: /' "$WORK/ref/statement-attack-journalist.hr.txt"
check_ok "rerun after the published translation was corrected" "$TUMAC" batch --tm none \
    --ref "$WORK/ref" -s en -t hr -q -o "$WORK/r" samples/statement-attack-journalist.en.txt
check_grep "redoes it" '"up_to_date": false' "$WORK/r/report.json"
check_grep "with the corrected text" "^Ispravak: " "$WORK/r/hr/statement-attack-journalist.txt"
