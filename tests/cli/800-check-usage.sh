# tumac check (issue 19): options, output formats and exit codes. Text
# findings FILE:UNIT:SEGMENT: SEVERITY: CHECK: message; JSON one object per
# finding with file, unit, segment, check, severity, message; HTML a page
# with the counts; -o writes atomically; exit 1 on an error, 0 on warnings
# only, 2 on a usage error; an unreadable XLIFF is a located error.
. tests/cli/lib.sh
x="python3 tests/cli/check_xlf.py"
printf 'u1\tSince 2022, 1,500 teachers.\tOd 2022. godine 1.600 nastavnika.\nu2\tHe said "no".\tRekao je "ne".\nu3\tAll is well.\tSve je u redu.\n' \
    | $x bs "$WORK/a.xlf"
printf 'u1\tAll is well.\tSve je u redu.\n' | $x bs "$WORK/clean.xlf"
check_ok "--help" "$TUMAC" check --help
check_grep "... lists the checks" "numbers, urls" "$WORK/.out"
check_ok "help check" "$TUMAC" help check
check_exit "no file: usage error" 2 "$TUMAC" check
check_exit "unknown check: usage error" 2 "$TUMAC" check --ignore colours "$WORK/a.xlf"
check_grep "... naming it" "unknown check 'colours'" "$WORK/.err"
check_exit "bad format: usage error" 2 "$TUMAC" check --format xml "$WORK/a.xlf"
check_ok "a clean file exits 0" "$TUMAC" check "$WORK/clean.xlf"
check_eq "... and prints nothing" "$(wc -c < "$WORK/.out")" "0"
check_exit "an error exits 1" 1 "$TUMAC" check "$WORK/a.xlf" "$WORK/clean.xlf"
check_grep "text: file:unit:segment: severity: check: message" \
    "^$WORK/a.xlf:u1:s1: error: numbers: source 1,500 not in the target, which has 1.600 instead$" "$WORK/.out"
check_grep "text: a warning" "^$WORK/a.xlf:u2:s1: warning: quotes: " "$WORK/.out"
check_exit "--warn numbers: warnings only exit 0" 0 "$TUMAC" check --warn numbers "$WORK/a.xlf"
check_exit "--warn all then --error quotes" 1 "$TUMAC" check --warn all --error quotes "$WORK/a.xlf"
check_grep "... quotes is an error" "u2:s1: error: quotes: " "$WORK/.out"
check_exit "json to a file" 1 "$TUMAC" check --format json -o "$WORK/f.json" "$WORK/a.xlf"
check_ok "json: one object per finding with the six fields" python3 - "$WORK/f.json" "$WORK/a.xlf" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
assert len(f) == 2, f
for o in f:
    assert set(o) == {"file", "unit", "segment", "check", "severity", "message"}, o
    assert o["file"] == sys.argv[2]
assert (f[0]["unit"], f[0]["segment"], f[0]["check"], f[0]["severity"]) == ("u1", "s1", "numbers", "error"), f[0]
assert f[1]["check"] == "quotes" and f[1]["severity"] == "warning" and '"' in f[1]["message"], f[1]
PY
check_exit "html" 1 "$TUMAC" check --format html -o "$WORK/f.html" "$WORK/a.xlf"
check_grep "html: counts per check" "2 findings, 1 error; numbers 1; quotes 1" "$WORK/f.html"
check_grep "html: the message escaped" "straight quotation mark &quot;" "$WORK/f.html"
printf '<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="bs"><file id="f">\n<unit id="u"><segment><source>x</segment>' > "$WORK/broken.xlf"
check_exit "a broken XLIFF is an error" 1 "$TUMAC" check -o "$WORK/none.txt" "$WORK/clean.xlf" "$WORK/broken.xlf"
check_grep "... naming file and line" "broken.xlf:2:[0-9]+: not well-formed XML" "$WORK/.err"
check_no_file "... and no output written" "$WORK/none.txt"
sed 's/ trgLang="bs"//' "$WORK/clean.xlf" > "$WORK/notrg.xlf"
check_exit "no target language" 1 "$TUMAC" check "$WORK/notrg.xlf"
check_grep "... said" "no target language" "$WORK/.err"

# tumac batch runs the checks on every document it would finish: a returned
# translation with a wrong figure is not finished, report.json and
# report.html list the error; corrected, it is finished; --no-check skips.
mkdir -p "$WORK/in"
printf 'Since 2022, 1,500 teachers from 52 municipalities took part.\n' > "$WORK/in/r.en.txt"
check_ok "batch the release" "$TUMAC" batch --tm none -s en -t bs -q -o "$WORK/bo" "$WORK/in"
translate() { python3 tests/cli/check_translate.py "$@"; } # XLIFF TARGET-TEXT
translate "$WORK/bo/bs/r.xlf" "Od 2022. godine učestvovalo je 1.600 nastavnika iz 52 općine."
check_ok "import the translation with a wrong figure" "$TUMAC" batch --import "$WORK/bo" --tm "$WORK/b.db" -q
check_no_file "... the document is not finished" "$WORK/bo/bs/r.txt"
check_ok "report.json lists the check error" python3 - "$WORK/bo/report.json" <<'PY'
import json, sys
items = json.load(open(sys.argv[1]))["items"]
assert items[0]["state"] != "finished", items[0]
assert "numbers: source 1,500 not in the target, which has 1.600 instead" in items[0]["checks"], items[0]
PY
check_grep "report.html lists it" "numbers: source 1,500 not in the target" "$WORK/bo/report.html"
translate "$WORK/bo/bs/r.xlf" "Od 2022. godine učestvovalo je 1.500 nastavnika iz 52 općine."
check_ok "import the corrected translation" "$TUMAC" batch --import "$WORK/bo" --tm "$WORK/b.db" -q
check_grep "... the document is finished" "1\.500 nastavnika" "$WORK/bo/bs/r.txt"
