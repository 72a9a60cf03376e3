# Drafts must not look final (issue 16, point 7): --draft writes an
# unfinished document as NAME.draft.EXT, never under the finished name, and
# every report marks it. A finished document keeps its name; a later run
# without --draft removes the drafts.
. tests/cli/lib.sh
mkdir -p "$WORK/in"
cp samples/new/workshop-media-literacy-tuzla.en.html samples/workshop-media-literacy.en.html "$WORK/in/"
check_ok "TM" "$TUMAC" tm import --tm "$WORK/tm.db" tm/samples.tmx
"$TUMAC" batch --tm "$WORK/tm.db" --ref samples --draft -s en -t hr,sr-Latn,sr-Cyrl \
    -o "$WORK/out" "$WORK/in" >"$WORK/run.txt" 2>"$WORK/run.err"
check_eq "draft run" "$?" 0
for l in hr sr-Latn sr-Cyrl; do
    check_ok "$l: the unfinished release is a draft" test -s "$WORK/out/$l/workshop-media-literacy-tuzla.draft.html"
    check_no_file "$l: not under the finished name" "$WORK/out/$l/workshop-media-literacy-tuzla.html"
    check_ok "$l: the finished one keeps its name" test -s "$WORK/out/$l/workshop-media-literacy.html"
    check_no_file "$l: and has no draft" "$WORK/out/$l/workshop-media-literacy.draft.html"
done
check_grep "the draft has English in its gaps" "Tuzla" "$WORK/out/hr/workshop-media-literacy-tuzla.draft.html"
check_grep "terminal: the run says DRAFTS" "DRAFTS: unfinished documents as NAME\.draft\.EXT" "$WORK/run.txt"
check_grep "terminal: the row says draft" "^workshop-media-literacy-tuzla +hr .* draft$" "$WORK/run.txt"
check_grep "progress says draft" "hr/workshop-media-literacy-tuzla: draft " "$WORK/run.err"
check_ok "report.json: state draft, the .draft. path, draft: true" python3 - "$WORK/out/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["draft"] is True
for i in r["items"]:
    if i["name"] == "workshop-media-literacy-tuzla":
        assert i["state"] == "draft", i
        assert i["document"] == i["locale"] + "/workshop-media-literacy-tuzla.draft.html", i
    else:
        assert i["state"] == "finished" and not i["document"].endswith(".draft.html"), i
assert r["items_by_state"]["draft"] == 3 and r["items_by_state"]["finished"] == 3, r["items_by_state"]
PY
check_grep "report.html: a draft card" '<b>3</b><small><span class="st draft">draft</span>' "$WORK/out/report.html"
check_grep "report.html: finished counts only the finished" '<b>3</b><small><span class="st finished">finished</span>' "$WORK/out/report.html"
check_grep "report.html links the draft file" 'href="hr/workshop-media-literacy-tuzla\.draft\.html"' "$WORK/out/report.html"
check_grep "analysis page marks the draft" "workshop-media-literacy-tuzla \(draft\)" "$WORK/out/analysis-hr.html"

check_ok "the same run without --draft" "$TUMAC" batch --tm "$WORK/tm.db" --ref samples -s en \
    -t hr,sr-Latn,sr-Cyrl -q -o "$WORK/out" "$WORK/in"
check_no_file "the draft is gone" "$WORK/out/hr/workshop-media-literacy-tuzla.draft.html"
check_no_file "and nothing under the finished name" "$WORK/out/hr/workshop-media-literacy-tuzla.html"
check_ok "the finished one stays" test -s "$WORK/out/hr/workshop-media-literacy.html"
