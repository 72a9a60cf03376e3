# Findings of the second long XLIFF fuzz campaign, each input kept in
# tests/fuzz/regress/xliff/ for the target to replay.
. tests/cli/lib.sh
R=tests/fuzz/regress/xliff

# A second skeleton in a file: its text replaced the first one's, which
# leaked (LeakSanitizer in xr_text_of). Refused, located, in 2.x and 1.2.
check_exit "a 2.1 file with two <skeleton> is refused" 1 "$TUMAC" xliff convert --to 2.1 -o "$WORK/sk.xlf" "$R/second-skeleton.xlf"
check_grep "  ... at the second one" 'second-skeleton\.xlf:8: a second skeleton in <file> \(a file has one\)' "$WORK/.err"
check_no_file "  ... writing nothing" "$WORK/sk.xlf"
check_exit "validate reports it" 1 "$TUMAC" validate "$R/second-skeleton.xlf"
check_grep "  ... as an error" 'second-skeleton\.xlf:8: error: a second skeleton in <file>' "$WORK/.err"
printf '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="a" source-language="en" datatype="plaintext"><header><skl><internal-file>one</internal-file></skl>\n<skl><external-file href="b.skl"/></skl></header><body><trans-unit id="u1"><source>One.</source></trans-unit></body></file></xliff>\n' >"$WORK/sk12.xlf"
check_exit "a 1.2 file with two <skl> is refused" 1 "$TUMAC" xliff convert --to 2.1 -o "$WORK/sk.xlf" "$WORK/sk12.xlf"
check_grep "  ... at the second one" 'sk12\.xlf:3: a second skeleton in <file>' "$WORK/.err"

# A 2.x match ref with two '#' ("##s1"): the 1.2 writer took one off, the
# 1.2 reader kept the mid as it was, and the next 1.2 write took off the
# other (mid="#s1", then mid="s1"). The 1.2 reader now gives a mid the
# 2.x form "#s1" the model holds, so conversions agree.
check_reconverts "convert a match with ref ##s1 to 1.2" 1.2 "$R/match-ref-hash.xlf" h
check_grep "  ... one '#' less" '<alt-trans mid="#s1"' "$WORK/h1.xlf"
check_ok "  ... and back to 2.1" "$TUMAC" xliff convert --to 2.1 -o "$WORK/h3.xlf" "$WORK/h2.xlf"
check_grep "  ... gives the ref it came with" '<mtc:match [^>]*ref="##s1"' "$WORK/h3.xlf"
check_ok "a plain 1.2 alt-trans mid converts to 2.1" "$TUMAC" xliff convert --to 2.1 -o "$WORK/m21.xlf" "$WORK/h2.xlf"
sed 's|mid="#s1"|mid="s2"|' "$WORK/h1.xlf" >"$WORK/plain12.xlf"
check_ok "a 1.2 alt-trans for mid s2 converts to 2.1" "$TUMAC" xliff convert --to 2.1 -o "$WORK/p21.xlf" "$WORK/plain12.xlf"
check_grep "  ... as a match for #s2" '<mtc:match [^>]*ref="#s2"' "$WORK/p21.xlf"
check_ok "  ... which validates" "$TUMAC" validate "$WORK/p21.xlf"

# A similarity far above 100 was written with two decimals into a 32-byte
# buffer, cut, and read back as another number. A percentage above 101
# is refused, located.
check_exit "a similarity of 8.9e64 is refused" 1 "$TUMAC" xliff convert --to 1.2 -o "$WORK/sim.xlf" "$R/similarity-huge.xlf"
check_grep "  ... naming the attribute" 'similarity-huge\.xlf:5: similarity="8866666666666666666666666666666666666666\.\.\." is not a percentage' "$WORK/.err"
check_no_file "  ... writing nothing" "$WORK/sim.xlf"
sed 's|similarity="[0-9.]*"|similarity="101"|' "$R/similarity-huge.xlf" >"$WORK/sim101.xlf"
check_ok "101 (in context) is read" "$TUMAC" xliff convert --to 1.2 -o "$WORK/sim.xlf" "$WORK/sim101.xlf"
check_grep "  ... and kept" 'match-quality="101"' "$WORK/sim.xlf"

# Set-up, not the product: the fuzz build compiled schema.c without the
# schema folders, so no 2.x or 1.2 file was valid there and "a valid file's
# rewrite validates" was checked only on 1.1 files, whose 1.2 rewrite then
# failed as "schemas not installed". The fuzz build now has the source
# tree's schemas; the 1.1 input is replayed by the target.
check_ok "a 1.1 file validates (by the 1.2 rules)" "$TUMAC" validate "$R/xliff11.xlf"
check_ok "  ... its 1.2 rewrite" "$TUMAC" xliff convert --to 1.2 -o "$WORK/x11.xlf" "$R/xliff11.xlf"
check_ok "  ... validates against the 1.2 schema" "$TUMAC" validate "$WORK/x11.xlf"

# The rerun after these fixes (with the schemas) found one more: a 1.2
# <ept> without rid is paired by its own id ("2-e", no <bpt id="2-e">), and
# the writer gave it rid="2-e", which names no <bpt>: the 1.2 schema's
# keyref refused the rewrite of a valid file. An end without its start in
# the element is written as an isolated end, <it pos="close">.
check_ok "a 1.2 <ept> without rid validates" "$TUMAC" validate "$R/ept-without-rid.xlf"
check_reconverts "  ... converts to 1.2" 1.2 "$R/ept-without-rid.xlf" e
check_grep "  ... its end isolated" '<it id="2-e" pos="close">&lt;/sub&gt;</it>O</source>' "$WORK/e1.xlf"
check_ok "  ... which validates" "$TUMAC" validate "$WORK/e1.xlf"
printf '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en"><file id="f1"><unit id="u1"><originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data></originalData><segment id="s1"><source><sc id="1" dataRef="d1"/>One.</source></segment><segment id="s2"><source>Two.<ec startRef="1" dataRef="d2"/></source></segment></unit></file></xliff>\n' >"$WORK/split21.xlf"
check_ok "a code over two segments converts to 1.2" "$TUMAC" xliff convert --to 1.2 -o "$WORK/split.xlf" "$WORK/split21.xlf"
check_grep "  ... its end an <ept> of the <bpt> in the other segment" '<ept id="1-e" rid="1">' "$WORK/split.xlf"
check_ok "  ... and validates" "$TUMAC" validate "$WORK/split.xlf"
