# tumac batch --glossary and --force-checks (issue 19): the glossary's
# entries go on the units batch leverages (2.x gls module, 1.2 notes) and
# its terms are checked before a document is finished: a returned
# translation without the office's term is not finished, and report.json
# and report.html say why. --force-checks WHY finishes it despite the error,
# and both reports keep the errors with the reason given; a later import
# without it does not finish it again. A malformed TBX stops the run with a
# located error before anything is written.
. tests/cli/lib.sh
sed -n '/^cat > "$WORK\/office.tbx"/,/^EOT/p' tests/cli/808-check-terms.sh | sed '1d;$d' > "$WORK/office.tbx"
mkdir -p "$WORK/in"
printf 'The Ministry of Finance issued a press release.\n' > "$WORK/in/r.en.txt"
check_ok "batch with a glossary" "$TUMAC" batch --tm none -s en -t bs,sr-Latn -q --glossary "$WORK/office.tbx" -o "$WORK/bo" "$WORK/in"
check_grep "bs: the unit has the bs entry" '<gls:term source="office.tbx">Ministry of Finance</gls:term><gls:translation>Ministarstvo finansija</gls:translation>' "$WORK/bo/bs/r.xlf"
check_grep "sr-Latn: and the sr one" '<gls:term source="office.tbx">press release</gls:term><gls:translation>saopštenje</gls:translation>' "$WORK/bo/sr-Latn/r.xlf"
check_ok "the XLIFF is valid" "$TUMAC" validate "$WORK/bo/bs/r.xlf"
check_ok "1.2: batch with a glossary" "$TUMAC" batch --tm none -s en -t hr -q --xliff 1.2 --glossary "$WORK/office.tbx" -o "$WORK/b12" "$WORK/in"
check_grep "1.2: the entry is a note" '<note from="glossary">Glossary \(office.tbx\): press release = priopćenje \(do not use: saopćenje\)</note>' "$WORK/b12/hr/r.xlf"
check_ok "without --glossary: no entries" "$TUMAC" batch --tm none -s en -t bs -q -o "$WORK/plain" "$WORK/in"
check_eq "... none" "$(grep -c 'gls:' "$WORK/plain/bs/r.xlf")" "0"

translate() { python3 tests/cli/check_translate.py "$@"; } # XLIFF TARGET-TEXT
translate "$WORK/bo/bs/r.xlf" "Ministarstvo novca izdalo je saopćenje."
check_ok "import without the term" "$TUMAC" batch --import "$WORK/bo" --tm "$WORK/b.db" -q --glossary "$WORK/office.tbx"
check_no_file "... not finished" "$WORK/bo/bs/r.txt"
check_ok "report.json says why" python3 - "$WORK/bo/report.json" <<'PY'
import json, sys
it = [i for i in json.load(open(sys.argv[1]))["items"] if i["locale"] == "bs"][0]
assert it["state"] != "finished", it
assert "terms: source term 'Ministry of Finance' is not translated as 'Ministarstvo finansija'" in it["checks"], it
assert it["forced"] is None, it
PY
check_exit "--force-checks needs a reason" 2 "$TUMAC" batch --import "$WORK/bo" --tm "$WORK/b.db" -q --force-checks ""
check_exit "--force-checks and --no-check do not go together" 2 "$TUMAC" batch --import "$WORK/bo" --tm "$WORK/b.db" -q --no-check --force-checks "x"
check_ok "import forced past the error" "$TUMAC" batch --import "$WORK/bo" --tm "$WORK/b.db" -q --glossary "$WORK/office.tbx" --force-checks "name confirmed by the ministry, 2 Dec"
check_grep "... finished" "Ministarstvo novca" "$WORK/bo/bs/r.txt"
check_ok "report.json keeps the errors and the reason" python3 - "$WORK/bo/report.json" <<'PY'
import json, sys
it = [i for i in json.load(open(sys.argv[1]))["items"] if i["locale"] == "bs"][0]
assert it["state"] == "finished", it
assert it["forced"] == "name confirmed by the ministry, 2 Dec", it
assert "terms: source term 'Ministry of Finance'" in it["checks"], it
PY
check_grep "report.html shows the reason" "finished despite check errors: name confirmed by the ministry, 2 Dec" "$WORK/bo/report.html"
check_grep "... and the errors" "terms: source term &#39;Ministry of Finance&#39;|terms: source term 'Ministry of Finance'" "$WORK/bo/report.html"
check_ok "import again without --force-checks" "$TUMAC" batch --import "$WORK/bo" --tm "$WORK/b.db" -q --glossary "$WORK/office.tbx"
check_no_file "... the document is not finished again" "$WORK/bo/bs/r.txt"

printf '<?xml version="1.0"?>\n<tbx>\n<text><body>\n<conceptEntry>\n</body></tbx>\n' > "$WORK/broken.tbx"
check_exit "a malformed TBX exits 1" 1 "$TUMAC" batch --tm none -s en -t bs -q --glossary "$WORK/broken.tbx" -o "$WORK/never" "$WORK/in"
check_grep "it is located" "broken.tbx:[0-9]+(:[0-9]+)?: " "$WORK/.err"
check_no_file "nothing written" "$WORK/never"
