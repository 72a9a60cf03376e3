# DOCX: comments become notes of the units they anchor (never text, never in
# a target, word/comments.xml kept as it is); an image's alt text and title
# and the document properties are units; hidden text stays out unless
# --hidden-text; runs and paragraphs in a do-not-translate style stay out.
. tests/cli/lib.sh
. tests/cli/office-lib.sh

T="$TUMAC"
office_case notes-docx notes.docx

# comments: a note on each unit of the range, with the author; not in any source
check_eq "a comment on one paragraph: its note" "$(unit u1)" \
    "u1${tab}w:p${tab}Ana: Check the date & place.${tab}The workshop is on Monday."
check_eq "a comment over two paragraphs: the first has it" "$(unit u2 | cut -f3)" "Marko: Keep short. Second line."
check_eq "a comment over two paragraphs: the second has it" "$(unit u3 | cut -f3)" "Marko: Keep short. Second line."
check_eq "a paragraph outside any comment has no note" "$(unit u4 | cut -f3)" ""
check_eq "comments are notes, not translatable text" \
    "$(cut -f4 "$WORK/units" | grep -c 'Check the date\|Keep short')" 0
check_grep "the note is an XLIFF note of category comment" \
    '<note category="comment">Ana: Check the date &amp; place.</note>' "$WORK/notes.docx.xlf"

# alt text and title of an image, alone and in a sentence (then inside a code)
check_eq "an image's alt text is a unit" "$(unit u5 | cut -f2,4)" "descr${tab}Pupils at the workshop"
check_eq "an image's title is a unit" "$(unit u6 | cut -f2,4)" "title${tab}Workshop photo"
check_eq "alt text of an image inside a sentence is a unit" "$(unit u7 | cut -f4)" "Teachers at the workshop"
check_eq "the image in the sentence is one code" "$(unit u9 | cut -f4)" "See the photo <ph/> above."

# hidden text and do-not-translate styles
check_eq "hidden text: an isolated code, not text" "$(unit u10 | cut -f4)" "Shown <ph/>again."
check_eq "runs in a DoNotTranslate style and a no-proofing style are codes" \
    "$(unit u11 | cut -f4)" "Run <ph/> first, then <ph/>."
check_eq "a paragraph in a tw4winExternal style is no unit" "$(grep -c 'fixed style' "$WORK/units")" 0
check_eq "document properties are units" "$(unit u12 | cut -f2,4)" "dc:title${tab}Workshop notice"
check_ok "the XLIFF is valid" "$T" validate "$WORK/notes.docx.xlf"

# --hidden-text: the hidden run is text in a formatting pair
office_hidden notes.docx

# merge: untranslated gives every part back; translated rewrites alt text and
# properties, keeps the comments and what is not to translate
office_merges notes.docx
unzip -p "$WORK/p.docx" word/document.xml > "$WORK/p.xml"
check_ok "the merged document.xml is well-formed" xmllint --noout "$WORK/p.xml"
check_grep "the alt text is translated in place" 'descr="\[Ƥúƥíĺš áţ ţĥé ŵóŕķšĥóƥ~*\]" title="\[Ŵóŕķšĥóƥ ƥĥóţó~*\]"' "$WORK/p.xml"
check_grep "alt text inside a code is translated too" 'descr="\[Ţéáçĥéŕš áţ ţĥé ŵóŕķšĥóƥ~*\]"' "$WORK/p.xml"
check_grep "the DoNotTranslate run is kept" '<w:rStyle w:val="DoNotTranslate"/></w:rPr><w:t xml:space="preserve">tumac extract</w:t>' "$WORK/p.xml"
check_grep "the hidden run is kept" '<w:vanish/></w:rPr><w:t xml:space="preserve">secret </w:t>' "$WORK/p.xml"
check_grep "the tw4winExternal paragraph is kept" '>A paragraph in a fixed style.<' "$WORK/p.xml"
check_eq "no comment text in the document body" "$(grep -c 'Check the date\|Keep short' "$WORK/p.xml")" 0
check_ok "word/comments.xml is byte-identical" cmp <(unzip -p "$WORK/notes.docx" word/comments.xml) <(unzip -p "$WORK/p.docx" word/comments.xml)
check_ok "word/styles.xml is byte-identical" cmp <(unzip -p "$WORK/notes.docx" word/styles.xml) <(unzip -p "$WORK/p.docx" word/styles.xml)
check_grep "the title property is translated" '<dc:title>\[Ŵóŕķšĥóƥ ñóţíçé~*\]</dc:title>' <(unzip -p "$WORK/p.docx" docProps/core.xml)
# notes are not merged: a translator's edit of one changes no part
sed -i 's/<note category="comment">Ana: Check the date/<note category="comment">Ana: Changed note/' "$WORK/p.xlf"
check_grep "the note was edited" 'Ana: Changed note' "$WORK/p.xlf"
check_ok "a changed note: merge" "$T" merge -o "$WORK/p2.docx" "$WORK/p.xlf"
check_ok "a changed note leaves word/comments.xml alone" cmp <(unzip -p "$WORK/notes.docx" word/comments.xml) <(unzip -p "$WORK/p2.docx" word/comments.xml)
