# Three findings of the fuzz targets, open at first and now fixed
# (inputs in tests/fuzz/regress/):
# characters XLIFF 1.2 cannot carry, duplicate segment ids, and a 2.x
# target without a state.
. tests/cli/lib.sh
R=tests/fuzz/regress

# A C0 control (here a vertical tab) in text: 2.x carries it as <cp hex/>,
# so merge(extract(x)) == x; 1.2 cannot carry it and refuses, naming the
# unit and the character (it was dropped: merge gave "ab", exit 0).
check_ok "extract a text with a vertical tab to 2.1" "$TUMAC" extract -s en -t hr -x 2.1 -o "$WORK/vt.xlf" "$R/text/vtab.txt"
check_grep "  ... which is a <cp>" '<cp hex="000B"/>' "$WORK/vt.xlf"
check_ok "  ... and merges" "$TUMAC" merge -o "$WORK/vt.txt" "$WORK/vt.xlf"
check_files_same "  ... back to the same text" "$R/text/vtab.txt" "$WORK/vt.txt"
check_exit "extract the same text to 1.2 is refused" 1 "$TUMAC" extract -s en -t hr -x 1.2 -o "$WORK/vt12.xlf" "$R/text/vtab.txt"
check_grep "  ... naming the unit and the character" \
    'vt12\.xlf: not written: unit u1: the text of <source> or <target> holds the character U\+000B, which XML 1\.0 does not allow and XLIFF 1\.2 cannot escape there' "$WORK/.err"
check_no_file "  ... and writing nothing" "$WORK/vt12.xlf"
check_exit "converting the 2.1 file with the <cp> to 1.2 is refused" 1 "$TUMAC" xliff convert --to 1.2 -o "$WORK/vt12.xlf" "$WORK/vt.xlf"
check_grep "  ... with the same message" 'holds the character U\+000B' "$WORK/.err"

# Duplicate segment ids: the second translation went into the first
# segment on a conversion to 1.2 ("Jedan.Dva."). The reader refuses them,
# with the message and line `tumac validate` gives.
check_exit "a 2.1 unit with two segments s1 is refused" 1 "$TUMAC" xliff convert --to 1.2 -o "$WORK/dup.xlf" "$R/xliff/dup-segid.xlf"
check_grep "  ... at the second one" "dup-segid\.xlf:6: duplicate id 's1' in unit \(XLIFF 2\.1 4\.3\.1\.21\)" "$WORK/.err"
check_no_file "  ... writing nothing" "$WORK/dup.xlf"
check_exit "merge refuses it too" 1 "$TUMAC" merge -o "$WORK/dup.txt" "$R/xliff/dup-segid.xlf"
check_exit "validate reports it" 1 "$TUMAC" validate "$R/xliff/dup-segid.xlf"
check_grep "  ... as an error with the same message" "dup-segid\.xlf:6: error: duplicate id 's1' in unit \(XLIFF 2\.1 4\.3\.1\.21\)" "$WORK/.err"
check_exit "a 1.2 <seg-source> with two mids s1 is refused" 1 "$TUMAC" xliff convert --to 2.1 -o "$WORK/dup.xlf" "$R/xliff/dup-mid12.xlf"
check_grep "  ... located" "dup-mid12.xlf:7: duplicate mid 's1' in <seg-source>" "$WORK/.err"
sed 's|<seg-source>.*</seg-source>|<seg-source><mrk mtype="seg" mid="s1">One.</mrk><mrk mtype="seg" mid="s2">Two.</mrk></seg-source>|' \
    "$R/xliff/dup-mid12.xlf" >"$WORK/dup-trg12.xlf"
check_exit "a 1.2 <target> with mid s1 twice is refused" 1 "$TUMAC" xliff convert --to 2.1 -o "$WORK/dup.xlf" "$WORK/dup-trg12.xlf"
check_grep "  ... located" "dup-trg12.xlf:8: a second <mrk mtype=\"seg\"> for segment 's1' in <target>" "$WORK/.err"

# A 2.x target without a state (2.x assumes initial; tm import skips it)
# goes to 1.2 as needs-translation, which reads back the same: it became
# state="translated" on the second conversion.
check_reconverts "convert a stateless 2.1 target to 1.2" 1.2 "$R/xliff/nostate.xlf" ns
check_grep "  ... as needs-translation" '<target state="needs-translation">Jedan.</target>' "$WORK/ns1.xlf"
printf '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="a" source-language="en" target-language="hr" datatype="plaintext"><body><trans-unit id="u1"><source>One.</source><target>Jedan.</target></trans-unit></body></file></xliff>\n' >"$WORK/other12.xlf"
check_ok "a stateless 1.2 target from another tool converts" "$TUMAC" xliff convert --to 2.1 -o "$WORK/other.xlf" "$WORK/other12.xlf"
check_grep "  ... as a translation" '<segment id="s1" state="translated"><source>One\.</source><target>Jedan\.</target>' "$WORK/other.xlf"
# a unit of ignorables only: no stateless <target> (it read back as translated)
check_reconverts "convert a unit of only an ignorable to 1.2" 1.2 "$R/xliff/noseg.xlf" ig
