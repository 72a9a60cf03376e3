# The office's own memory from another tool (issue 16, point 6): its TMX has
# no tumac approval, so its exact matches stay "to be reviewed" and batch
# finishes nothing from it; `tm import --approved` marks a trusted memory's
# units approved (TMX and TSV), and the same batch finishes the release.
. tests/cli/lib.sh
rel=samples/statement-attack-journalist.en.txt
doc=statement-attack-journalist
# As another tool writes it: no x-tumac-approved property.
sed -e '/x-tumac-approved/d' -e 's/creationtool="tumac"/creationtool="OtherCAT"/' \
    tm/samples.tmx > "$WORK/other.tmx"
check_eq "the stand-in has no tumac approval left" "$(grep -c x-tumac "$WORK/other.tmx")" "0"

check_ok "plain import" "$TUMAC" tm import --tm "$WORK/plain.db" "$WORK/other.tmx"
check_grep "stats: nothing approved" "^approved: 0$" <("$TUMAC" tm stats --tm "$WORK/plain.db")
check_ok "batch from it" "$TUMAC" batch --tm "$WORK/plain.db" -s en -t hr,bs -q -o "$WORK/p" "$rel"
check_ok "exact matches, but nothing finished" python3 - "$WORK/p/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for i in r["items"]:
    c = i["counts"]
    assert c["bands"]["exact"]["words"] + c["bands"]["context"]["words"] > 0, c
    assert i["state"] == "needs translation" and c["segments_approved"] == 0, i
PY
check_no_file "no finished document" "$WORK/p/hr/$doc.txt"

check_ok "import --approved" "$TUMAC" tm import --approved --tm "$WORK/trusted.db" "$WORK/other.tmx"
units=$("$TUMAC" tm stats --tm "$WORK/trusted.db" | sed -n 's/^units: *//p')
check_grep "stats: every unit approved" "^approved: $units$" <("$TUMAC" tm stats --tm "$WORK/trusted.db")
check_ok "the same batch from the trusted TM" \
    "$TUMAC" batch --tm "$WORK/trusted.db" -s en -t hr,bs -q -o "$WORK/t" "$rel"
check_ok "finished, nothing to translate" python3 - "$WORK/t/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for i in r["items"]:
    assert i["state"] == "finished" and i["counts"]["words_to_translate"] == 0, i
PY
check_files_same "hr is the published translation" "$WORK/t/hr/$doc.txt" samples/$doc.hr.txt

# TSV, and a merge into a unit already there approves it.
printf 'Hello world.\tZdravo svijete.\nGood morning.\tDobro jutro.\n' > "$WORK/mem.tsv"
check_ok "TSV import" "$TUMAC" tm import -s en -t hr --tm "$WORK/tsv.db" "$WORK/mem.tsv"
check_eq "TSV units not approved" "$(sqlite3 "$WORK/tsv.db" "SELECT count(*), sum(approved) FROM tu")" "2|0"
check_ok "TSV import --approved of the same file" \
    "$TUMAC" tm import --approved -s en -t hr --tm "$WORK/tsv.db" "$WORK/mem.tsv"
check_eq "now approved, no duplicates" "$(sqlite3 "$WORK/tsv.db" "SELECT count(*), sum(approved) FROM tu")" "2|2"
check_exit "--approved refuses XLIFF (its states say what is approved)" 2 \
    "$TUMAC" tm import --approved --tm "$WORK/tsv.db" "$WORK/p/hr/$doc.xlf"
check_grep "naming the file" "not '.*$doc\.xlf'" "$WORK/.err"
