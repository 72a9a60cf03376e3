# Findings of the long XLIFF fuzz campaign (make fuzz FUZZ_SECONDS=600),
# each input kept in tests/fuzz/regress/xliff/ for the target to replay.
. tests/cli/lib.sh
R=tests/fuzz/regress/xliff

# An element whose prefix no xmlns declares (here <mtc:matches>) is not
# namespace-well-formed. It was read as a foreign element, kept as text and
# written back under the mtc prefix the writer declares itself: the next
# read took it for real matches (a convert changed what the file says).
check_exit "validate a file with an undeclared prefix" 1 "$TUMAC" validate "$R/undeclared-prefix.xlf"
check_grep "  ... naming the place and the prefix" \
    'undeclared-prefix\.xlf:5:16: error: not well-formed XML: namespace prefix mtc on matches is not defined' "$WORK/.err"
check_exit "convert refuses it" 1 "$TUMAC" xliff convert --to 2.2 -o "$WORK/p.xlf" "$R/undeclared-prefix.xlf"
check_grep "  ... with the same message" 'namespace prefix mtc on matches is not defined' "$WORK/.err"
check_no_file "  ... writing nothing" "$WORK/p.xlf"
sed 's|<xliff |<xliff xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" |' "$R/undeclared-prefix.xlf" > "$WORK/declared.xlf"
check_ok "the same file with the prefix declared validates" "$TUMAC" validate "$WORK/declared.xlf"

# A 2.x match without a type went to 1.2 without alttranstype, came back
# typed "tm" (what the 1.2 reader gives every alt-trans) and was written
# with alttranstype="proposal": two conversions to 1.2 differed.
check_ok "convert a match without a type to 1.2" "$TUMAC" xliff convert --to 1.2 -o "$WORK/m1.xlf" "$R/match-no-type.xlf"
check_grep "  ... an alt-trans marked a proposal" '<alt-trans alttranstype="proposal">' "$WORK/m1.xlf"
check_ok "  ... and convert the result to 1.2 again" "$TUMAC" xliff convert --to 1.2 -o "$WORK/m2.xlf" "$WORK/m1.xlf"
check_files_same "  ... the second conversion changes nothing" "$WORK/m1.xlf" "$WORK/m2.xlf"
