# ODF white space (ODF 1.2, 6.1.2): in text:p and text:h a run of spaces,
# tabs, CRs and LFs is one space, so a line break or indentation in the XML
# text is no break: it made a segment end mid-sentence. It now reads as one
# space, and the untranslated merge still gives every part back byte for
# byte. And a namespace URI with a line break in it (corpus
# openxml__948-1.docx; libxml2: "is not a valid URI") no longer refuses the
# part: LibreOffice opens such a file, the name is only compared; a prefix
# declared nowhere is still refused.
. tests/cli/lib.sh
. tests/cli/office-lib.sh

office_case lines-odt lines.odt
check_eq "a sentence over two XML lines is one segment, the next one too" \
    "$(unit u1 | cut -f4)" "One sentence written over two lines.| |And a second one."
check_eq "a heading over two lines: one segment" "$(unit u2 | cut -f4)" "A heading on two lines"
check_eq "a text:line-break stays a code, text:s spaces stay" \
    "$(unit u3 | cut -f4)" "Broken<ph/>here, spaced  there."
check_eq "indentation around a paragraph's text is left out" "$(unit u4 | cut -f4)" "Only indented."
office_merges lines.odt
unzip -p "$WORK/p.odt" content.xml > "$WORK/p.xml"
check_ok "the pseudo-translated content.xml is well-formed" xmllint --noout "$WORK/p.xml"
check_grep "the translation is one line, two sentences" \
    '<text:p>\[Óñé šéñţéñçé ŵŕíţţéñ óṽéŕ ţŵó ĺíñéš\.~+\] \[Áñđ á šéçóñđ óñé\.~+\]</text:p>' "$WORK/p.xml"
check_grep "the indentation outside the segment is kept" '^    \[Óñĺý íñđéñţéđ\.~+\]$' "$WORK/p.xml"

python3 tests/cli/office_make.py oddns-docx "$WORK"
check_ok "odd namespace URIs: extract" "$TUMAC" extract -s en -t hr -o "$WORK/oddns.xlf" "$WORK/oddns.docx"
$CHECK units "$WORK/oddns.xlf" > "$WORK/units"
check_eq "odd namespace URIs: the text is read" "$(unit u1 | cut -f4)" "Odd names, plain text."
check_ok "odd namespace URIs: untranslated merge" "$TUMAC" merge -o "$WORK/oddns.same.docx" "$WORK/oddns.xlf"
check_ok "odd namespace URIs: every part byte-identical" $CHECK parts "$WORK/oddns.docx" "$WORK/oddns.same.docx"
check_exit "a prefix declared nowhere: refused" 1 "$TUMAC" extract -s en -t hr -o "$WORK/noprefix.xlf" "$WORK/noprefix.docx"
check_grep "a prefix declared nowhere: the message says so, with the part" \
    'noprefix.docx:[0-9]+:[0-9]+: part word/document.xml: not well-formed XML: namespace prefix x on t is not defined' "$WORK/.err"
check_no_file "a prefix declared nowhere: nothing written" "$WORK/noprefix.xlf"
