# Findings of the fuzz targets (tests/fuzz/), each with its own small input:
# the inputs kept for the targets to replay (tests/fuzz/regress/TARGET/).
. tests/cli/lib.sh
R=tests/fuzz/regress/xliff

# XLIFF: a foreign element keeps only the namespaces it uses, so a round
# trip through read and write does not grow it (it took in every namespace
# in scope, among them the prefix the writer made for the unit's own
# foreign attribute: each conversion added declarations).
check_reconverts "convert a unit with a foreign attribute and element" 2.1 "$R/ext.xlf" ext
check_grep "  ... the foreign element declares only its own namespace" \
    '<x:ext xmlns:x="urn:example:x" a="1"><x:in>foreign</x:in></x:ext>' "$WORK/ext2.xlf"

# XLIFF 1.2: the mid of an <mrk> was copied twice and one copy leaked
# (LeakSanitizer in the sanitizer build fails the command).
check_ok "a 1.2 file with <mrk mid> converts (no leak under ASan)" "$TUMAC" xliff convert --to 2.1 -o "$WORK/mrk.out.xlf" "$R/mrk.xlf"
check_grep "  ... the term annotation keeps its id" '<mrk id="t1" type="term">too</mrk>' "$WORK/mrk.out.xlf"

# XLIFF 2.x: the unit the writer puts into a file without units (2.x needs
# one) has a segment id, as the same unit read back gets, so a second
# conversion is the same (the segment had none, then s1).
check_reconverts "convert a file without units" 2.1 "$R/nounits.xlf" nounits
check_ok "  ... and is valid" "$TUMAC" validate "$WORK/nounits1.xlf"

# XLIFF 1.2 writer: a paired code without an id gets an id by its place, and
# its end refers to that id (a counter gave the end another id and rid than
# its start, so the pairing was lost and each conversion renumbered).
check_reconverts "convert an id-less <pc> to 1.2" 1.2 "$R/pc.xlf" pc
check_grep "  ... its end refers to its start" \
    '<bpt id="c2" rid="c2">&lt;b&gt;</bpt>bold<ept id="c2-e" rid="c2">&lt;/b&gt;</ept>' "$WORK/pc1.xlf"

# XLIFF 1.2 reader: bx/ex stay spanning codes (they were paired into a <g>
# on reading, so the second conversion of an <sc/>/<ec/> gave <g>).
check_reconverts "convert <sc/>/<ec/> to 1.2" 1.2 "$R/bx.xlf" bx
check_grep "  ... bx/ex both times" '<bx id="1" rid="1"/>world<ex id="1-e" rid="1"/>' "$WORK/bx2.xlf"
check_ok "  ... and back to 2.1" "$TUMAC" xliff convert --to 2.1 -o "$WORK/bx3.xlf" "$WORK/bx2.xlf"
check_grep "  ... gives the spanning code again" '<sc id="1"/>world<ec startRef="1"/>' "$WORK/bx3.xlf"

# XLIFF 2.x writer: the segment added to a unit that has none gets an id too.
check_reconverts "convert a unit without a segment" 2.1 "$R/noseg.xlf" noseg
check_grep "  ... the added segment has an id" '<segment id="s1"><source/></segment></unit>' "$WORK/noseg1.xlf"

# XLIFF 2.x reader: a stray dataRef on a <pc> leaked its looked-up data
# (LeakSanitizer in the sanitizer build fails the command).
check_ok "a <pc> with a stray dataRef converts (no leak under ASan)" "$TUMAC" xliff convert --to 2.1 -o "$WORK/pcref.xlf" "$R/pc-dataref.xlf"
check_grep "  ... with its start and end data" '<pc id="1" dataRefStart="d1" dataRefEnd="d2">bold</pc>' "$WORK/pcref.xlf"
