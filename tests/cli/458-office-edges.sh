# Markup with no text of its own between two codes (a soft page break between
# two tabs, or before a span's end tag) was dropped or moved by merge, so
# extract refused the file ("cannot keep part content.xml byte for byte"): the
# skeleton now places it by the codes before it. An invisible span at a
# paragraph's start or end left one tag in the skeleton and the other in the
# segment, so every translated merge was refused as damaged: such a span is
# now a pair; one with words on both sides still makes no code.
. tests/cli/lib.sh
. tests/cli/office-lib.sh

office_case edges-odt edges.odt
check_eq "a soft page break between two tabs: the tabs are codes" "$(unit u1 | cut -f4)" "One<ph/><ph/>two."
check_eq "a soft page break before a bold span's end: the pair" "$(unit u2 | cut -f4)" "Mark <pc>this</pc> word."
check_eq "an invisible span at the start: a pair" "$(unit u3 | cut -f4)" "<pc>Opening</pc> words here."
check_eq "an invisible span at the end: a pair" "$(unit u4 | cut -f4)" "Closing <pc>words</pc>"
check_eq "an invisible span around a bold word, words on both sides: no code" \
    "$(unit u5 | cut -f4)" "A <pc>bold</pc> and plain phrase."
check_grep "the skeleton places a spelling by its codes" '\\{x u1 3 1}' "$WORK/edges.odt.xlf"
office_merges edges.odt
unzip -p "$WORK/p.odt" content.xml > "$WORK/p.xml"
check_ok "the pseudo-translated content.xml is well-formed" xmllint --noout "$WORK/p.xml"
check_grep "the start span is kept around its translation" '<text:p>\[<text:span text:style-name="T2">Óƥéñíñĝ</text:span>' "$WORK/p.xml"
check_grep "the bold pair inside the invisible span is kept" '\[Á <text:span text:style-name="T3">ƀóĺđ</text:span> áñđ' "$WORK/p.xml"
