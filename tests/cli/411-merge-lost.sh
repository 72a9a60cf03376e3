# Merge refuses a document whose segments or units do not all arrive
# (issue 22, finding 6): a deleted segment merged with exit 0 even under
# --strict, a skeleton without a unit's reference dropped the unit, and a
# \x00 escape in the skeleton wrote a NUL into the HTML.
. tests/cli/lib.sh

printf '<html><body><p>One sentence here. Two sentence here. Three here.</p><p title="A title. Second.">Last para.</p></body></html>\n' > "$WORK/in.html"
"$TUMAC" extract -s en -t bs -o "$WORK/in.xlf" "$WORK/in.html"
check_grep "skeleton records the segment count" '\\\{t u1 3\}' "$WORK/in.xlf"
check_ok "intact file merges" "$TUMAC" merge -o "$WORK/ok.html" "$WORK/in.xlf"
check_files_same "intact file round-trips" "$WORK/in.html" "$WORK/ok.html"

# edit IN OUT PYTHON-EXPR-ON-s: a damaged copy of the XLIFF
edit() {
    python3 - "$1" "$2" "$3" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
t = eval(sys.argv[3])
assert t != s, "edit changed nothing"
open(sys.argv[2], "w", encoding="utf-8").write(t)
PY
}

# refused OPTS NAME XLF PATTERN: merge exits 1, says PATTERN, writes nothing
refused() {
    local what=$1 xlf=$2 pat=$3; shift 3
    rm -f "$WORK/out.html"
    check_exit "$what: refused" 1 "$TUMAC" merge "$@" -o "$WORK/out.html" "$xlf"
    check_grep "$what: message" "$pat" "$WORK/.err"
    check_no_file "$what: nothing written" "$WORK/out.html"
}

edit "$WORK/in.xlf" "$WORK/mid.xlf" 're.sub(r"<segment id=\"s2\">.*?</segment>", "", s, count=1)'
refused "middle segment deleted" "$WORK/mid.xlf" "unit 'u1': segment 's2' is missing \(3 segments were extracted, 2 arrived\): its text would be lost; not merged"
refused "middle segment deleted, --strict" "$WORK/mid.xlf" "unit 'u1': segment 's2' is missing" --strict

edit "$WORK/in.xlf" "$WORK/last.xlf" 're.sub(r"<ignorable><source> </source></ignorable><segment id=\"s3\">.*?</segment>", "", s, count=1)'
refused "last segment deleted" "$WORK/last.xlf" "unit 'u1': segment 's3' is missing"

edit "$WORK/in.xlf" "$WORK/attr.xlf" 're.sub(r"(<unit id=\"u2\"[^>]*>)<segment id=\"s1\">.*?</segment><ignorable>.*?</ignorable>", r"\1", s, count=1)'
refused "attribute segment deleted" "$WORK/attr.xlf" "unit 'u2': segment 's1' is missing"

# a skeleton written before the count: the ids still show the gap
edit "$WORK/mid.xlf" "$WORK/old.xlf" 's.replace("\\{t u1 3}", "\\{t u1}")'
refused "old skeleton, gap in ids" "$WORK/old.xlf" "unit 'u1': segment 's2' is missing"
edit "$WORK/in.xlf" "$WORK/old-ok.xlf" 're.sub(r"\\\{([ta]) (u\d+)( [dsn])? \d+\}", r"\\{\1 \2\3}", s)'
check_ok "old skeleton without counts merges" "$TUMAC" merge -o "$WORK/old.html" "$WORK/old-ok.xlf"
check_files_same "old skeleton round-trips" "$WORK/in.html" "$WORK/old.html"

edit "$WORK/in.xlf" "$WORK/noref.xlf" 's.replace("\\{t u3 1}", "")'
refused "unit without its place in the skeleton" "$WORK/noref.xlf" "unit 'u3' of the XLIFF has no place in the skeleton \(its reference was removed\): its text would be lost; not merged"

edit "$WORK/in.xlf" "$WORK/both.xlf" 're.sub(r"<unit id=\"u2\".*?</unit>", "", s.replace("\\{a u2 d 2}", ""), count=1)'
refused "unit gone from XLIFF and skeleton" "$WORK/both.xlf" "unit 'u2' is missing from the XLIFF and from its skeleton \(the file has units up to u3\)"

edit "$WORK/in.xlf" "$WORK/nul.xlf" 's.replace("&lt;body&gt;", "&lt;body&gt;\\x00", 1)'
refused "NUL escape in the skeleton" "$WORK/nul.xlf" "damaged skeleton at line 2, column [0-9]+: .x00: a document cannot hold a NUL byte"

# a translated file: the check holds for translations too
"$TUMAC" pseudo -o "$WORK/p.xlf" "$WORK/in.xlf"
check_ok "pseudo-translated file merges" "$TUMAC" merge --strict -o "$WORK/p.html" "$WORK/p.xlf"
edit "$WORK/p.xlf" "$WORK/pmid.xlf" 're.sub(r"<segment id=\"s2\"[^>]*>.*?</segment>", "", s, count=1)'
refused "translated file, segment deleted" "$WORK/pmid.xlf" "unit 'u1': segment 's2' is missing" --strict

# XLIFF 1.2 carries the same check
"$TUMAC" extract -s en -t bs --xliff 1.2 -o "$WORK/in12.xlf" "$WORK/in.html"
check_ok "1.2 file merges" "$TUMAC" merge -o "$WORK/ok12.html" "$WORK/in12.xlf"
check_files_same "1.2 round trip" "$WORK/in.html" "$WORK/ok12.html"
