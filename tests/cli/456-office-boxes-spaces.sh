# DOCX: a text box in mc:AlternateContent whose Fallback repeats the Choice
# is extracted once and both are written at merge (a Fallback that differs
# is extracted on its own); a translation that gives a <w:t> a new leading or
# trailing space gets xml:space="preserve" on it, which Word needs to keep it.
. tests/cli/lib.sh
. tests/cli/office-lib.sh

T="$TUMAC"
office_case boxes-docx boxes.docx
check_eq "the repeated text box's paragraphs are extracted once" \
    "$(grep -c 'Box text, first\.' "$WORK/units")" 1
check_eq "... with their codes" "$(grep -c 'Box <pc>bold</pc> second\.' "$WORK/units")" 1
check_eq "a Fallback that differs is extracted on its own" \
    "$(cut -f4 "$WORK/units" | grep -c '^Box text, other\.$\|^Older text\.$')" 2
check_eq "6 units in all" "$(wc -l < "$WORK/units")" 6
check_ok "untranslated merge" "$T" merge -o "$WORK/same.docx" "$WORK/boxes.docx.xlf"
check_ok "untranslated merge: every part byte-identical" $CHECK parts "$WORK/boxes.docx" "$WORK/same.docx"

# a translation: both copies of the box get it; new edge spaces are kept
python3 - "$WORK/boxes.docx.xlf" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
tr = {"Box text, first.": "Tekst okvira, prvi.", "Plain": "Obična ", "s.": "i.", ">word<": ">riječ<"}
def seg(m):
    t = m.group(1)
    for a, b in tr.items():
        t = t.replace(a, b)
    return "<source>%s</source><target>%s</target>" % (m.group(1), t)
open(p, "w", encoding="utf-8").write(re.sub(r"<source>(.*?)</source>", seg, s, flags=re.S))
PY
check_ok "translated merge" "$T" merge -o "$WORK/hr.docx" "$WORK/boxes.docx.xlf"
unzip -p "$WORK/hr.docx" word/document.xml > "$WORK/hr.xml"
check_ok "the merged document.xml is well-formed" xmllint --noout "$WORK/hr.xml"
check_eq "the box's translation is in the Choice and in the Fallback" \
    "$(grep -o 'Tekst okvira, prvi\.' "$WORK/hr.xml" | wc -l)" 2
check_grep "the Fallback keeps its VML frame around the translation" \
    '<v:textbox><w:txbxContent><w:p><w:r><w:t>Tekst okvira, prvi\.</w:t>' "$WORK/hr.xml"
check_grep "a new trailing space: xml:space=\"preserve\"" '<w:t xml:space="preserve">Obična </w:t>' "$WORK/hr.xml"
check_grep "a <w:t> without edge spaces is left alone" '<w:t>riječ</w:t>' "$WORK/hr.xml"
