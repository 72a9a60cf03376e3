# tumac pseudo over several files in one process (as CLI 450 runs it over the
# corpus): each is rewritten in place; one that fails is left as it was, the
# others are still done, and the exit is 1; -o takes one input only.
. tests/cli/lib.sh
. tests/cli/office-lib.sh

office_case lines-odt lines.odt
python3 tests/cli/office_make.py oddns-docx "$WORK"
check_ok "extract the DOCX" "$TUMAC" extract -s en -t hr -o "$WORK/oddns.xlf" "$WORK/oddns.docx"
printf '<xliff version="2.1"><file' > "$WORK/broken.xlf"
cp "$WORK/broken.xlf" "$WORK/broken.orig"
check_exit "three inputs, one broken: exit 1" 1 \
    "$TUMAC" pseudo "$WORK/lines.odt.xlf" "$WORK/broken.xlf" "$WORK/oddns.xlf"
check_grep "the broken one is named" 'broken\.xlf' "$WORK/.err"
check_files_same "the broken one is left as it was" "$WORK/broken.xlf" "$WORK/broken.orig"
check_eq "the first one got its pseudo targets" \
    "$(grep -c '<target>\[Óñé šéñţéñçé' "$WORK/lines.odt.xlf")" 1
check_eq "the one after the broken one too" "$(grep -c '<target>\[Óđđ ñáɱéš' "$WORK/oddns.xlf")" 1
check_ok "both merge" "$TUMAC" merge -o "$WORK/out" "$WORK/lines.odt.xlf" "$WORK/oddns.xlf"
check_exit "-o with two inputs: a usage error" 2 \
    "$TUMAC" pseudo -o "$WORK/x.xlf" "$WORK/lines.odt.xlf" "$WORK/oddns.xlf"
check_grep "  ... that says why" '-o takes one input file' "$WORK/.err"
check_no_file "  ... and writes nothing" "$WORK/x.xlf"
