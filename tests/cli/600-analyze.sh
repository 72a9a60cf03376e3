# tumac analyze without a TM: repetitions inside a file and across files,
# counts that add up, the four formats, usage errors, no output on failure.
. tests/cli/lib.sh

printf 'Title here\n\nThe same sentence again. A new one. The same sentence again.\n' >"$WORK/a.txt"
printf 'The same sentence again. Only in b.\n' >"$WORK/b.txt"
check_ok "analyze two files, JSON" "$TUMAC" analyze --tm none -t bs -f json "$WORK/a.txt" "$WORK/b.txt"
cp "$WORK/.out" "$WORK/an.json"
if command -v python3 >/dev/null; then
    check_eq "bands per file and in total" \
        "$(python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
a,b=d["files"]
t=d["total"]
bands=[k for k in t if k not in ("total","filled")]
s=lambda c,f: sum(c[k][f] for k in bands)
ok=all(t[k][f]==a["bands"][k][f]+b["bands"][k][f] for k in bands for f in ("segments","words","characters"))
print(a["bands"]["repetitions"]["segments"], b["bands"]["cross_file"]["segments"],
      a["bands"]["no_match"]["segments"], s(t,"segments"), t["total"]["segments"], s(t,"words")==t["total"]["words"], ok)
' "$WORK/an.json")" "1 1 3 6 6 True True"
fi
check_ok "analyze as CSV" "$TUMAC" analyze --tm none -t bs -f csv "$WORK/a.txt"
check_grep "CSV header" '^file,context_segments,context_words,context_chars,repetitions_segments' "$WORK/.out"
check_grep "CSV total row" '^TOTAL,0,0,0,1,4,' "$WORK/.out"
check_ok "analyze as text" "$TUMAC" analyze --tm none -t sr-Cyrl "$WORK/a.txt"
check_grep "text: the repetition row" '^  Repetitions +1 +4 ' "$WORK/.out"
check_grep "text: the header names the languages" 'en -> sr-Cyrl, TM none' "$WORK/.out"
check_ok "analyze as HTML to a file" "$TUMAC" analyze --tm none -t hr -f html --title "Offer 2026/14" -o "$WORK/r.html" "$WORK/a.txt" "$WORK/b.txt"
check_grep "HTML: the title" '<h1>Offer 2026/14</h1>' "$WORK/r.html"
check_grep "HTML: a row per file" '<tr><td>b.txt</td>' "$WORK/r.html"
check_grep "HTML: totals" '<tr class="total"><td>Total</td>' "$WORK/r.html"
if command -v xmllint >/dev/null; then
    check_ok "HTML parses" xmllint --html --noout "$WORK/r.html"
fi
check_exit "--target is required" 2 "$TUMAC" analyze --tm none "$WORK/a.txt"
check_exit "a bad --format" 2 "$TUMAC" analyze --tm none -t bs -f xml "$WORK/a.txt"
check_exit "a bad --min" 2 "$TUMAC" analyze --tm none -t bs --min 200 "$WORK/a.txt"
check_exit "no input" 2 "$TUMAC" analyze --tm none -t bs
check_exit "a missing file" 1 "$TUMAC" analyze --tm none -t bs -o "$WORK/none.json" "$WORK/none.txt"
check_no_file "no report after a failure" "$WORK/none.json"
check_exit "an unknown language" 1 "$TUMAC" analyze --tm none -t xx-nonsense-q "$WORK/a.txt"
