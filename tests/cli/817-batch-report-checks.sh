# The batch reports say that a finished document was checked (issue 19):
# report.json marks each checked item and lists its warnings, which never
# block; report.html says "checks passed" with the count of warnings and
# lists them, so a reviewer sees what the checks let through.
. tests/cli/lib.sh
mkdir -p "$WORK/in"
printf 'The Ministry of Finance issued a press release.\n' > "$WORK/in/r.en.txt"
check_ok "batch" "$TUMAC" batch --tm none -s en -t bs,hr -q -o "$WORK/out" "$WORK/in"
python3 tests/cli/check_translate.py "$WORK/out/bs/r.xlf" "Ministarstvo finansija izdalo je saopćenje."
python3 tests/cli/check_translate.py "$WORK/out/hr/r.xlf" "Ministarstvo financija izdalo je priopćenje u nedelju."
check_ok "import" "$TUMAC" batch --import "$WORK/out" --tm "$WORK/t.db" -q
check_ok "report.json: both checked, finished; only hr has a warning" python3 - "$WORK/out/report.json" <<'PY'
import json, sys
items = {i["locale"]: i for i in json.load(open(sys.argv[1]))["items"]}
bs, hr = items["bs"], items["hr"]
assert bs["state"] == "finished" and bs["checked"] is True and bs["warnings"] is None, bs
assert hr["state"] == "finished" and hr["checked"] is True, hr
assert "variant" in hr["warnings"] and hr["checks"] is None, hr
PY
check_eq "report.html: both say checks passed" \
    "$(grep -o 'checks passed[^<]*' "$WORK/out/report.html" | sort)" \
    "$(printf 'checks passed\nchecks passed, 1 warning')"
check_grep "... and lists the warning" "variant: " "$WORK/out/report.html"
check_ok "with --no-check nothing is checked" "$TUMAC" batch --tm none -s en -t bs -q --no-check -o "$WORK/nc" "$WORK/in"
python3 tests/cli/check_translate.py "$WORK/nc/bs/r.xlf" "Ministarstvo finansija izdalo je saopćenje."
check_ok "... import" "$TUMAC" batch --import "$WORK/nc" --tm "$WORK/t2.db" -q --no-check
check_eq "... report.json says not checked" \
    "$(python3 -c 'import json,sys; print([i["checked"] for i in json.load(open(sys.argv[1]))["items"]])' "$WORK/nc/report.json")" "[False]"
check_eq "... report.html does not claim it" "$(grep -c 'checks passed' "$WORK/nc/report.html")" "0"
