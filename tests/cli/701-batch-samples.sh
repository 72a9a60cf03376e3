# tumac batch end to end on samples/: the new release and an earlier one into
# bs, hr, sr-Latn and sr-Cyrl, leveraged from the earlier releases and their
# published translations (--ref).
. tests/cli/lib.sh

out="$WORK/out"
inputs=(samples/new samples/workshop-media-literacy.en.html samples/forum-youth-participation.en.txt)
args=(--tm none --ref samples -s en -t bs,hr,sr-Latn,sr-Cyrl -j 2)
check_ok "batch: new release and earlier ones" "$TUMAC" batch "${args[@]}" -o "$out" "${inputs[@]}"
check_grep "summary names the report" "report\.html" "$WORK/.out"
check_grep "summary has the totals" "4 need translation|need translation" "$WORK/.out"

for l in bs hr sr-Latn sr-Cyrl; do
    # Every sentence of the earlier releases is known in context: finished,
    # and byte for byte the published translation.
    check_files_same "earlier release finished in $l (html)" \
        "$out/$l/workshop-media-literacy.html" "samples/workshop-media-literacy.$l.html"
    check_files_same "earlier release finished in $l (txt)" \
        "$out/$l/forum-youth-participation.txt" "samples/forum-youth-participation.$l.txt"
    check_no_file "new release not finished in $l" "$out/$l/workshop-media-literacy-tuzla-html.html"
    check_ok "$l XLIFF of the new release validates" \
        "$TUMAC" validate "$out/$l/workshop-media-literacy-tuzla-html.xlf"
done

# sr-Cyrl is made from sr-Latn by the text layer: the same as transliterating
# the finished sr-Latn document.
"$TUMAC" translit --to sr-Cyrl "$out/sr-Latn/forum-youth-participation.txt" > "$WORK/cyrl.txt"
check_files_same "sr-Cyrl is the transliteration of sr-Latn" \
    "$WORK/cyrl.txt" "$out/sr-Cyrl/forum-youth-participation.txt"
check_grep "the report says sr-Cyrl comes from sr-Latn" \
    '"locale": "sr-Cyrl", "derived_from": "sr-Latn"' "$out/report.json"

# The report's numbers.
check_ok "report.json numbers add up" python3 - "$out/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
items = {(i["name"], i["locale"]): i for i in r["items"]}
assert len(items) == 4 * 4, len(items)
for (name, loc), i in items.items():
    c = i["counts"]
    assert c["words"] > 0, (name, loc)
    assert sum(b["words"] for b in c["bands"].values()) == c["words"], (name, loc)
    if name.startswith("workshop-media-literacy-tuzla"):
        assert i["state"] == "needs translation", (name, loc, i["state"])
        # sr-Cyrl is transliterated from sr-Latn: nothing to translate there
        if loc == "sr-Cyrl":
            assert c["words_to_translate"] == 0 and c["words_derived"] == c["words"], (name, loc)
        else:
            assert 0 < c["words_to_translate"] < c["words"], (name, loc)
        b = c["bands"]
        assert b["no_match"]["words"] > 0 and b["exact"]["words"] > 0, (name, loc)
    else:
        assert i["state"] == "finished", (name, loc, i["state"])
        assert c["words_to_translate"] == 0, (name, loc)
        assert c["bands"]["context"]["words"] == c["words"], (name, loc)
        assert i["document"] == loc + "/" + name + (".html" if "media" in name else ".txt")
    assert i["derived_from"] == ("sr-Latn" if loc == "sr-Cyrl" else None), (loc, i)
t = r["totals"]
assert t["words"] == sum(i["counts"]["words"] for i in r["items"])
assert r["items_by_state"] == {"finished": 8, "draft": 0, "needs_translation": 8,
                               "failed": 0, "not_done": 0}, r["items_by_state"]
# The -txt twin comes after the -html one: its repeats are cross-file repetitions.
assert items[("workshop-media-literacy-tuzla-txt", "hr")]["counts"]["bands"]["cross_file"]["words"] > 0
PY
check_grep "report.html lists the documents" "workshop-media-literacy-tuzla-html" "$out/report.html"
check_grep "report.html links the analysis" 'href="analysis-sr-Cyrl.html"' "$out/report.html"
check_ok "analysis page per locale" test -s "$out/analysis-hr.html"

# Same counts whatever -j.
check_ok "batch with -j 1" "$TUMAC" batch "${args[@]}" -j 1 -q -o "$WORK/j1" "${inputs[@]}"
strip() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(json.dumps([(i["name"],i["locale"],i["counts"]) for i in r["items"]]))' "$1"; }
check_eq "-j 1 and -j 2 count alike" "$(strip "$WORK/j1/report.json")" "$(strip "$out/report.json")"

# Run again: everything is up to date; --force redoes it.
check_ok "second run" "$TUMAC" batch "${args[@]}" -o "$out" "${inputs[@]}"
check_eq "second run skips all 16" "$(grep -o '"up_to_date": true' "$out/report.json" | wc -l)" "16"
touch -d '2001-01-01' "$out/hr/workshop-media-literacy.html"
rm "$out/bs/forum-youth-participation.txt"
check_ok "third run after an output went missing" "$TUMAC" batch "${args[@]}" -o "$out" "${inputs[@]}"
check_eq "only the missing one is redone" "$(grep -o '"up_to_date": false' "$out/report.json" | wc -l)" "1"
check_files_same "and it is back" "$out/bs/forum-youth-participation.txt" samples/forum-youth-participation.bs.txt
check_ok "--force redoes" "$TUMAC" batch --force "${args[@]}" -o "$out" "${inputs[@]}"
check_eq "--force skips none" "$(grep -c '"up_to_date": true' "$out/report.json")" "0"

# Bosnian Cyrillic when asked: made from bs by the text layer.
check_ok "batch into bs and bs-Cyrl" "$TUMAC" batch --tm none --ref samples -s en -t bs,bs-Cyrl -q \
    -o "$WORK/bsc" samples/forum-youth-participation.en.txt
"$TUMAC" translit --to bs-Cyrl "$WORK/bsc/bs/forum-youth-participation.txt" > "$WORK/bs-cyrl.txt"
check_files_same "bs-Cyrl is the transliteration of bs" \
    "$WORK/bs-cyrl.txt" "$WORK/bsc/bs-Cyrl/forum-youth-participation.txt"
check_grep "the report says bs-Cyrl comes from bs" \
    '"locale": "bs-Cyrl", "derived_from": "bs"' "$WORK/bsc/report.json"

# A translator's edit to an XLIFF is never overwritten by a rerun (--force
# is the way to redo it).
x="$out/hr/workshop-media-literacy-tuzla-html.xlf"
sed -i 's|<target>|<target>EDIT |' "$x"
cp "$x" "$WORK/edited.xlf"
check_exit "a rerun over an edited XLIFF reports it" 1 "$TUMAC" batch "${args[@]}" -o "$out" "${inputs[@]}"
check_grep "with the reason" "changed since tumac wrote it" "$WORK/.err"
check_files_same "and leaves the edit alone" "$x" "$WORK/edited.xlf"
