# A repetition's target takes the codes of the segment it fills: two
# segments with the same text and the same kinds of codes may number their
# codes differently (another unit, another file of one run), and the copied
# target must carry this segment's ids, or the merge puts the wrong link or
# markup there (and XLIFF tools reject the file).
. tests/cli/lib.sh
cat > "$WORK/rep.xlf" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="bs">
 <file id="f1">
  <unit id="u1">
   <segment id="s1" state="translated">
    <source>Read <pc id="1">the report</pc> and <ph id="2"/> today.</source>
    <target>Pročitajte <pc id="1">izvještaj</pc> i <ph id="2"/> danas.</target>
   </segment>
  </unit>
  <unit id="u2">
   <segment id="s2">
    <source>Read <pc id="7">the report</pc> and <ph id="9"/> today.</source>
   </segment>
  </unit>
 </file>
</xliff>
X
check_ok "leverage fills the repetition" "$TUMAC" leverage --tm none -o "$WORK/out.xlf" "$WORK/rep.xlf"
check_ok "the repetition is filled with this segment's code ids" python3 - "$WORK/out.xlf" <<'PY'
import sys, xml.etree.ElementTree as ET
X = "{urn:oasis:names:tc:xliff:document:2.0}"
for seg in ET.parse(sys.argv[1]).getroot().iter(X + "segment"):
    if seg.get("id") != "s2":
        continue
    t = seg.find(X + "target")
    assert t is not None, "s2 not filled"
    ids = [e.get("id") for e in t.iter() if e.tag in (X + "pc", X + "ph")]
    assert ids == ["7", "9"], ids
    assert "".join(t.itertext()) == "Pročitajte izvještaj i  danas.", "".join(t.itertext())
PY

# the real case: one leverage over every sample, each file's repetitions
# of another's sentences (links numbered per file)
export TUMAC_TM=$WORK/tm.db
"$TUMAC" tm import tm/samples.tmx 2>/dev/null
ins=(samples/*.en.html samples/new/*.en.html tests/data/html/*.html)
check_ok "extract every HTML sample, one process" \
    "$TUMAC" extract -s en -t bs -o "$WORK/x" "${ins[@]}"
check_ok "leverage them all in one run" "$TUMAC" leverage -q -o "$WORK/lev" "$WORK"/x/*.xlf
check_ok "every leveraged file validates" "$TUMAC" validate "$WORK"/lev/*.xlf
: > "$WORK/bad"
for f in "$WORK"/lev/*.xlf; do
    "$TUMAC" merge -o "$WORK/m.html" "$f" 2> "$WORK/merge.err" ||
        { echo "merge: $f"; cat "$WORK/merge.err"; } >> "$WORK/bad"
done
check_eq "every leveraged file merges" "$(cat "$WORK/bad")" ""
