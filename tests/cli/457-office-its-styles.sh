# DOCX: a style based on a do-not-translate style (w:basedOn, however far up,
# defined before or after it) is one too, unless a nearer style turns
# w:noProof back off; a cycle of styles ends. ODT: ITS 2.0 local markup
# (its:translate under any prefix bound to the ITS namespace) on spans,
# paragraphs and sections, "yes" inside "no" translated; paragraphs in a
# hidden style (text:display="none", also by a parent style) and hidden
# sections stay out unless --hidden-text, like hidden spans.
. tests/cli/lib.sh
. tests/cli/office-lib.sh

office_case styles-docx styles.docx
check_eq "based on a no-proofing style, and on one based on DoNotTranslate: codes" \
    "$(unit u1 | cut -f4)" "Run <ph/> and <ph/> now."
check_eq "w:noProof turned off again, and a cycle of styles: text" \
    "$(unit u2 | cut -f4)" "A <pc>proofed</pc> word and a <pc>looped</pc> one."
check_eq "a paragraph in a style based on tw4winExternal is no unit" \
    "$(grep -c 'based on a fixed' "$WORK/units")" 0
check_eq "three units" "$(wc -l < "$WORK/units")" 3
office_merges styles.docx
unzip -p "$WORK/p.docx" word/document.xml > "$WORK/p.xml"
check_grep "the do-not-translate runs are kept" '<w:t xml:space="preserve">tumac merge</w:t>' "$WORK/p.xml"
check_grep "the paragraph based on a fixed style is kept" '>A paragraph based on a fixed style.<' "$WORK/p.xml"

office_case its-odt its.odt
check_eq "a span its:translate=no: one code" "$(unit u1 | cut -f4)" "Keep <ph/> as it is."
check_eq "its:translate=yes inside no: its text between a pair" \
    "$(unit u2 | cut -f4)" "Call <pc>help desk</pc> today."
check_eq "a paragraph marked no, and one in a section marked no, are no units" \
    "$(grep -c 'marked not to\|Inside a section' "$WORK/units")" 0
check_eq "a paragraph marked yes in a section marked no is a unit" \
    "$(unit u3 | cut -f4)" "But this one is to translate."
check_eq "hidden paragraph styles (own, inherited) and a hidden section: no units" \
    "$(grep -c 'hidden' "$WORK/units")" 0
check_eq "four units" "$(wc -l < "$WORK/units")" 4
office_merges its.odt
unzip -p "$WORK/p.odt" content.xml > "$WORK/p.xml"
check_ok "the merged content.xml is well-formed" xmllint --noout "$WORK/p.xml"
check_grep "the span not to translate is kept" '<text:span i:translate="no">TUMAC-7</text:span>' "$WORK/p.xml"
check_grep "the yes span inside the no span is translated, the rest kept" \
    '<text:span i:translate="no">the <text:span i:translate="yes">ĥéĺƥ đéšķ</text:span> line</text:span>' "$WORK/p.xml"
check_grep "the hidden paragraph is kept as it was" '<text:p text:style-name="P1">A hidden paragraph.</text:p>' "$WORK/p.xml"

check_ok "extract --hidden-text" "$TUMAC" extract --hidden-text -s en -t hr -o "$WORK/h.xlf" "$WORK/its.odt"
$CHECK units "$WORK/h.xlf" > "$WORK/hunits"
check_eq "--hidden-text: the hidden paragraphs and the section are units" \
    "$(cut -f4 "$WORK/hunits" | grep -c 'hidden')" 3
check_ok "--hidden-text: the untranslated merge" "$TUMAC" merge -o "$WORK/h.odt" "$WORK/h.xlf"
check_ok "--hidden-text: every part byte-identical" $CHECK parts "$WORK/its.odt" "$WORK/h.odt"
