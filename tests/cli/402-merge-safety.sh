# merge refuses damaged targets (naming the unit), writes nothing then, and
# treats missing targets as warnings (or errors with --strict).
. tests/cli/lib.sh

# bad input to extract
printf 'ok\nbad \xc3( here\n' > "$WORK/bad.txt"
check_exit "invalid UTF-8 refused" 1 "$TUMAC" extract -s en -t bs -o "$WORK/bad.xlf" "$WORK/bad.txt"
check_grep "located error" "bad.txt:2:5: invalid UTF-8" "$WORK/.err"
check_no_file "no XLIFF for bad input" "$WORK/bad.xlf"
check_exit "source and target required" 2 "$TUMAC" extract "$WORK/in.html"
check_exit "unknown format" 2 "$TUMAC" extract -s en -t bs --format pdf "$WORK/in.html"
check_exit "unknown XLIFF version" 2 "$TUMAC" extract -s en -t bs --xliff 3 "$WORK/in.html"
check_exit "missing input" 1 "$TUMAC" extract -s en -t bs "$WORK/nothing.html"
check_exit "merge of a file without skeleton" 1 "$TUMAC" merge -o "$WORK/x.html" "$SHARED/standards/xliff-2.x/2.1/tests/core/valid/$(ls "$SHARED/standards/xliff-2.x/2.1/tests/core/valid" | grep xlf | head -1)"
check_no_file "no output without skeleton" "$WORK/x.html"

printf '<p>A <b>bold</b> and <i>italic</i> word.</p>\n<p>Second.</p>\n' > "$WORK/in.html"

"$TUMAC" extract -s en -t bs -o "$WORK/in.xlf" "$WORK/in.html"
"$TUMAC" pseudo -o "$WORK/p.xlf" "$WORK/in.xlf"
check_ok "pseudo file merges" "$TUMAC" merge -o "$WORK/ok.html" "$WORK/p.xlf"

# damage the first target: the <b> pair disappears from it
python3 - "$WORK/p.xlf" "$WORK/bad1.xlf" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
t0 = s.index("<target")
t1 = s.index("</target>", t0)
tgt = s[t0:t1]
tgt2 = re.sub(r'<pc id="1"[^>]*>(.*?)</pc>', r'\1', tgt, count=1)
assert tgt2 != tgt, "no pc in target"
open(sys.argv[2], "w", encoding="utf-8").write(s[:t0] + tgt2 + s[t1:])
PY
check_exit "missing paired code refused" 1 "$TUMAC" merge -o "$WORK/bad1.html" "$WORK/bad1.xlf"
check_grep "refusal names unit and code" "unit 'u1': paired code '1' is missing" "$WORK/.err"
check_no_file "nothing written on refusal" "$WORK/bad1.html"

# a reordering that still nests: </b> moved after </i> is fine HTML
python3 - "$WORK/p.xlf" "$WORK/nest.xlf" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
t0 = s.index("<target")
t1 = s.index("</target>", t0)
tgt = s[t0:t1]
a = tgt.index("</pc>")
tgt2 = tgt[:a] + tgt[a + 5:]
b = tgt2.index("</pc>", tgt2.index('<pc id="2"'))
tgt2 = tgt2[:b + 5] + "</pc>" + tgt2[b + 5:]
open(sys.argv[2], "w", encoding="utf-8").write(s[:t0] + tgt2 + s[t1:])
PY
check_ok "codes reordered but nested merge" "$TUMAC" merge -o "$WORK/nest.html" "$WORK/nest.xlf"
check_grep "the bold now holds the italic" '<b>[^<]*<i>[^<]*</i></b>' "$WORK/nest.html"

# overlapping codes (sc/ec): </b> inside <i>
python3 - "$WORK/p.xlf" "$WORK/bad2.xlf" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
t0 = s.index("<target")
t1 = s.index("</target>", t0)
tgt = s[t0:t1]
m = re.search(r'<pc id="1"[^>]*>(.*?)</pc>(.*?)<pc id="2"([^>]*)>(.*?)</pc>', tgt, re.S)
assert m, "no codes"
tgt2 = (tgt[:m.start()] + '<sc id="1"/>' + m.group(1) + m.group(2) + '<pc id="2"' + m.group(3) + '>'
        + m.group(4) + '<ec startRef="1"/></pc>' + tgt[m.end():])
open(sys.argv[2], "w", encoding="utf-8").write(s[:t0] + tgt2 + s[t1:])
PY
check_exit "overlapping codes refused" 1 "$TUMAC" merge -o "$WORK/bad2.html" "$WORK/bad2.xlf"
check_no_file "nothing written for overlapping codes" "$WORK/bad2.html"

# missing target: warning, or error with --strict
check_ok "untranslated merges with warnings" "$TUMAC" merge -o "$WORK/un.html" "$WORK/in.xlf"
check_grep "warning names unit u2" "unit 'u2' has no translation" "$WORK/.err"
check_files_same "untranslated merge is the input" "$WORK/in.html" "$WORK/un.html"
check_exit "--strict refuses missing targets" 1 "$TUMAC" merge --strict -o "$WORK/st.html" "$WORK/in.xlf"
check_grep "--strict names the unit" "unit 'u1' has no translation" "$WORK/.err"
check_no_file "nothing written with --strict" "$WORK/st.html"

