# Returned work by its XLIFF state (issue 16): a translated target is stored
# in the TM as a translation (not approved), reviewed/final/signed-off or
# 1.2 approved="yes" as approved; batch --import reports per document the
# segments translated and approved; --finish translated|reviewed says which
# finishes a document (default reviewed). XLIFF 2.1 and 1.2.
# The stand-in translations below are marked copies of the English source
# (its figures in English style), which tumac check would rightly keep from
# being finished (CLI 800 tests that): every batch here runs --no-check.
. tests/cli/lib.sh
seed=$SHARED/seeds/osce-bih-press-release.txt
doc=osce-bih-press-release
tm="$WORK/tm.db"
out="$WORK/out"
tr=tests/cli/xliff_translate.py

check_ok "batch the seed into bs, hr and both Serbian scripts (a new TM)" \
    "$TUMAC" batch --no-check --tm "$tm" -s en -t bs,hr,sr-Latn,sr-Cyrl -o "$out" "$seed"
check_grep "batch says it made the TM" "tm\.db: there was no TM: made a new, empty one" "$WORK/.err"
python3 $tr "$out/hr/$doc.xlf" HR translated
python3 $tr "$out/sr-Latn/$doc.xlf" SR final
python3 $tr "$out/bs/$doc.xlf" BS translated,reviewed
check_ok "batch --import" "$TUMAC" batch --no-check --import "$out"
check_grep "hr: 16 translated, 0 approved, all 460 words to translate, not finished" \
    "^$doc +hr +460 +16 +16 +0 +460  needs translation$" "$WORK/.out"
check_grep "sr-Latn: 16 approved, finished" "^$doc +sr-Latn +460 +16 +0 +16 +0  finished$" "$WORK/.out"
check_grep "sr-Cyrl: finished from it, nothing to translate" \
    "^$doc +sr-Cyrl +460 +16 +0 +16 +0  finished \(from sr-Latn\)$" "$WORK/.out"
check_grep "bs: 8 translated, 8 approved" "^$doc +bs +460 +16 +8 +8 +[0-9]+  needs translation$" "$WORK/.out"
check_grep "the summary says what finishes a document" "finished means every segment approved" "$WORK/.out"
check_no_file "hr not merged" "$out/hr/$doc.txt"
check_grep "sr-Latn merged from the translators' text" "^SR " "$out/sr-Latn/$doc.txt"
check_eq "TM: the translated hr targets stored as translations, not approved" \
    "$(sqlite3 "$tm" "SELECT count(*), sum(approved) FROM tu WHERE trg_lang = 'hr'")" "16|0"
check_eq "TM: the final sr-Latn targets stored approved" \
    "$(sqlite3 "$tm" "SELECT count(*), sum(approved) FROM tu WHERE trg_lang = 'sr-Latn'")" "16|16"
check_eq "TM: bs half and half" \
    "$(sqlite3 "$tm" "SELECT count(*), sum(approved) FROM tu WHERE trg_lang = 'bs'")" "16|8"
check_ok "report.json: the same per item" python3 - "$out/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = {i["locale"]: (i["counts"]["segments_translated"], i["counts"]["segments_approved"], i["state"])
     for i in r["items"]}
assert c["hr"] == (16, 0, "needs translation"), c
assert c["sr-Latn"] == (0, 16, "finished"), c
assert c["bs"] == (8, 8, "needs translation"), c
assert r["finish"] == "reviewed", r["finish"]
PY

check_ok "import again with --finish translated" "$TUMAC" batch --no-check --import "$out" --finish translated
check_grep "hr is finished now, nothing to translate" "^$doc +hr +460 +16 +16 +0 +0  finished$" "$WORK/.out"
check_grep "and bs" "^$doc +bs +460 +16 +8 +8 +0  finished$" "$WORK/.out"
check_grep "hr merged" "^HR " "$out/hr/$doc.txt"
check_grep "report.json says --finish translated" '"finish": "translated"' "$out/report.json"
check_eq "the TM did not make translated units approved" \
    "$(sqlite3 "$tm" "SELECT sum(approved) FROM tu WHERE trg_lang = 'hr'")" "0"
check_ok "back to --finish reviewed" "$TUMAC" batch --no-check --import "$out"
check_no_file "hr is no longer finished" "$out/hr/$doc.txt"
check_exit "--finish without --import is refused" 2 \
    "$TUMAC" batch --no-check --tm none --finish translated -t hr -o "$WORK/x" "$seed"
check_exit "--finish wants translated or reviewed" 2 "$TUMAC" batch --no-check --import "$out" --finish final

# XLIFF 1.2: state="translated", needs-review-*, signed-off, final, approved="yes".
o12="$WORK/o12"
check_ok "batch in XLIFF 1.2" "$TUMAC" batch --no-check --tm "$WORK/tm12.db" --xliff 1.2 -s en -t hr,bs -o "$o12" "$seed"
python3 $tr "$o12/hr/$doc.xlf" HR translated,needs-review-translation,needs-translation
python3 $tr "$o12/bs/$doc.xlf" BS signed-off,final,approved
check_ok "batch --import of 1.2" "$TUMAC" batch --no-check --import "$o12"
check_grep "1.2 hr: translated and needs-review are translations, needs-translation is not" \
    "^$doc +hr +460 +16 +[0-9]+ +0 +460  needs translation$" "$WORK/.out"
check_grep "1.2 bs: signed-off, final and approved=yes are approved" \
    "^$doc +bs +460 +16 +0 +16 +0  finished$" "$WORK/.out"
n12=$(sqlite3 "$WORK/tm12.db" "SELECT count(*) FROM tu WHERE trg_lang = 'hr' AND approved = 0")
hr_tr=$(python3 - "$o12/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print([i["counts"]["segments_translated"] for i in r["items"] if i["locale"] == "hr"][0])
PY
)
check_eq "1.2 hr: the TM holds exactly the translated segments, not approved" "$n12" "$hr_tr"
check_ok "and some were left out (needs-translation)" test "$hr_tr" -gt 0 -a "$hr_tr" -lt 16
check_eq "1.2 bs: all approved in the TM" \
    "$(sqlite3 "$WORK/tm12.db" "SELECT count(*), sum(approved) FROM tu WHERE trg_lang = 'bs'")" "16|16"

# An output folder of the previous version (run state format 2, without the
# translated count) can still be taken back.
check_ok "batch into a folder, then make its state format 2" \
    "$TUMAC" batch --no-check --tm "$WORK/tm2.db" -s en -t hr -q -o "$WORK/v2" "$seed"
python3 - "$WORK/v2/.tumac-batch" <<'PY'
import sys
def fnv(b):
    h = 0xcbf29ce484222325
    for c in b:
        h = ((h ^ c) * 0x100000001b3) & 0xffffffffffffffff
    return h
path = sys.argv[1]
lines = open(path, "rb").read().split(b"\n")
out = [b"tumac-batch 2"]
for l in lines[1:]:
    if not l:
        continue
    f = l.split(b"\t")[:-1]
    if f[0] == b"R":
        del f[15]  # state, segments, words, approved | translated (new in 3)
    body = b"\t".join(f)
    out.append(body + b"\t" + b"%016x" % fnv(body))
open(path, "wb").write(b"\n".join(out) + b"\n")
PY
check_grep "the state is format 2 now" "^tumac-batch 2$" "$WORK/v2/.tumac-batch"
python3 $tr "$WORK/v2/hr/$doc.xlf" HR final
check_ok "batch --import takes the old folder back" "$TUMAC" batch --no-check --import "$WORK/v2"
check_grep "and finishes the document" "^$doc +hr +460 +16 +0 +16 +0  finished$" "$WORK/.out"
check_grep "the state is rewritten as format 3" "^tumac-batch 3$" "$WORK/v2/.tumac-batch"

# tumac's own fills are "translated" too: returned untouched they are not a
# translator's work and do not finish a document under --finish translated.
check_ok "TM from the earlier releases" "$TUMAC" tm import --tm "$WORK/tmf.db" tm/samples.tmx
check_ok "batch the new release (one fuzzy fill, exact fills)" "$TUMAC" batch --no-check --tm "$WORK/tmf.db" \
    -s en -t hr -q -o "$WORK/f" samples/new/workshop-media-literacy-tuzla.en.txt
x="$WORK/f/hr/workshop-media-literacy-tuzla.xlf"
check_eq "one segment filled in state translated" "$(grep -o 'state="translated"' "$x" | wc -l)" "1"
python3 $tr "$x" HR translated --only-empty
check_ok "import --finish translated, the fuzzy fill untouched" "$TUMAC" batch --no-check --import "$WORK/f" --finish translated
check_grep "not finished: one segment is still tumac's fill" \
    "^workshop-media-literacy-tuzla +hr +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +[1-9][0-9]*  needs translation$" "$WORK/.out"
check_no_file "not merged" "$WORK/f/hr/workshop-media-literacy-tuzla.txt"
python3 - "$x" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
def edit(m):
    seg = m.group(0)
    if 'state="translated"' in seg and "<target>HR " not in seg:
        seg = seg.replace("<target>", "<target>HR ", 1)
    return seg
s = re.sub(r"<segment[ >].*?</segment>", edit, s, flags=re.S)
open(p, "w", encoding="utf-8").write(s)
PY
check_ok "the translator edits it and returns the file" "$TUMAC" batch --no-check --import "$WORK/f" --finish translated
check_grep "finished now" "^workshop-media-literacy-tuzla +hr +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +0  finished$" "$WORK/.out"
