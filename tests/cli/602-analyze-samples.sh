# tumac analyze end to end on samples/: the new release against the earlier
# releases and their Bosnian translations (--ref); bands as designed in
# samples/README.md, counts that add up, the HTML report.
. tests/cli/lib.sh

S=samples
refs=()
for s in workshop-media-literacy launch-accessible-elections; do
    refs+=(--ref "$S/$s.en.html=$S/$s.bs.html")
done
for s in forum-youth-participation statement-attack-journalist; do
    refs+=(--ref "$S/$s.en.txt=$S/$s.bs.txt")
done
cp "$S/new/workshop-media-literacy-tuzla.en.html" "$WORK/copy.html"
check_ok "analyze the new release" "$TUMAC" analyze --tm none -t bs -f json "${refs[@]}" \
    "$S/new/workshop-media-literacy-tuzla.en.html" "$WORK/copy.html"
cp "$WORK/.out" "$WORK/an.json"
if command -v python3 >/dev/null; then
    check_eq "bands of the new release; a copy repeats it across files" \
        "$(python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
n,o=[f["bands"] for f in d["files"]]
t=d["total"]
keys=[k for k in t if k not in ("total","filled")]
adds=all(t[k][f]==n[k][f]+o[k][f] for k in keys for f in ("segments","words","characters"))
adds=adds and sum(t[k]["words"] for k in keys)==t["total"]["words"]
print(n["context"]["segments"]>=2, n["exact"]["segments"]>=7, n["repetitions"]["segments"]>=1,
      n["95_99"]["segments"]+n["85_94"]["segments"]+n["75_84"]["segments"]>=5,
      n["no_match"]["segments"]>=3, o["cross_file"]["segments"]>0, adds)
' "$WORK/an.json")" "True True True True True True True"
fi
check_ok "the HTML report" "$TUMAC" analyze --tm none -t bs -f html -o "$WORK/r.html" "${refs[@]}" \
    "$S/new/workshop-media-literacy-tuzla.en.html"
check_grep "HTML: the context band has words" 'Context \(101%\)</td><td>[1-9]' "$WORK/r.html"
check_exit "a --ref whose translation does not align" 1 "$TUMAC" analyze --tm none -t bs \
    --ref "$S/workshop-media-literacy.en.html=$S/forum-youth-participation.bs.txt" \
    "$S/new/workshop-media-literacy-tuzla.en.html"
check_grep "the message names the translation" 'forum-youth-participation\.bs\.txt' "$WORK/.err"
check_exit "--ref without =" 2 "$TUMAC" analyze --tm none -t bs --ref x.html a.html
