# ODT: office:annotation becomes a note of its paragraph's unit (its text
# never in a source or target); svg:title/svg:desc of a frame and the meta.xml
# properties are units; a span in a hidden style (text:display="none") stays
# out unless --hidden-text, one in a do-not-translate style (by name, or
# fo:language="zxx") stays out always; a span whose style changes nothing a
# reader sees (revision id, language) is no code unless a sentence may end in it.
. tests/cli/lib.sh
. tests/cli/office-lib.sh

T="$TUMAC"
office_case notes-odt notes.odt

check_eq "an annotation: the note of its paragraph, with the author" "$(unit u1)" \
    "u1${tab}text:p${tab}Ana: Check the date & place. Second line.${tab}The workshop is on Monday."
check_eq "a paragraph without one has no note" "$(unit u2 | cut -f3)" ""
check_eq "the annotation's text is in no source" "$(cut -f4 "$WORK/units" | grep -c 'Check the date')" 0
check_eq "svg:title is a unit" "$(unit u3 | cut -f2,4)" "svg:title${tab}Workshop photo"
check_eq "svg:desc is a unit" "$(unit u4 | cut -f2,4)" "svg:desc${tab}Pupils at the workshop"
check_eq "a hidden span: one isolated code" "$(unit u5 | cut -f4)" "Shown <ph/>again."
check_eq "a span with only an rsid and a language: no code; a bold one: a pair" \
    "$(unit u6 | cut -f4)" "One quiet span and a <pc>bold</pc> one."
check_eq "DoNotTranslate, zxx and a style based on DoNotTranslate: codes" \
    "$(unit u7 | cut -f4)" "Run <ph/> first, then <ph/> and <ph/>."
check_eq "an invisible span in which a sentence ends stays a pair" \
    "$(unit u8 | cut -f4)" "Two <pc>sentences. In</pc> one span."
check_eq "a paragraph in a tw4winExternal style is no unit" "$(grep -c 'fixed style' "$WORK/units")" 0
check_eq "meta.xml properties are units" "$(unit u11 | cut -f2,4)" "dc:title${tab}Workshop notice"
check_ok "the XLIFF is valid" "$T" validate "$WORK/notes.odt.xlf"
# an invisible span whose tags meet other tags (no text between) makes no
# code either: merge places a spelling between two codes by the codes before it
check_eq "an invisible span around a bold one: no code, the bold pair kept" "$(unit u10 | cut -f4)" \
    "Page <pc>9</pc> of the notes."

office_hidden notes.odt
office_merges notes.odt
unzip -p "$WORK/p.odt" content.xml > "$WORK/p.xml"
check_ok "the merged content.xml is well-formed" xmllint --noout "$WORK/p.xml"
check_grep "the annotation is kept as it was" '<text:p>Check the date &amp; place.</text:p><text:p>Second line.</text:p></office:annotation>' "$WORK/p.xml"
check_grep "svg:title and svg:desc are translated" '<svg:title>\[Ŵóŕķšĥóƥ ƥĥóţó~*\]</svg:title><svg:desc>\[Ƥúƥíĺš' "$WORK/p.xml"
check_grep "the invisible span is gone from the translation, the bold one kept" \
    '\[Óñé ʠúíéţ šƥáñ áñđ á <text:span text:style-name="T3">ƀóĺđ</text:span> óñé' "$WORK/p.xml"
check_grep "the do-not-translate spans are kept" '<text:span text:style-name="T4">tumac merge</text:span>' "$WORK/p.xml"
check_grep "zxx is not made the target language" 'style:name="T4" style:family="text"><style:text-properties fo:language="zxx" fo:country="none"/>' "$WORK/p.xml"
check_grep "other languages are the target's" 'officeooo:rsid="0012ab34" fo:language="hr" fo:country="none"' "$WORK/p.xml"
check_grep "the title property is translated" '<dc:title>\[Ŵóŕķšĥóƥ ñóţíçé~*\]</dc:title>' <(unzip -p "$WORK/p.odt" meta.xml)

# invisible spans in a paragraph of three sentences: whichever segment alone
# is translated, each span's two tags stay together (or go together)
check_eq "three sentences, two invisible spans, no code" "$(unit u9 | cut -f4)" \
    "First one here.| |Second one.| |Third one."
for s in s1 s2 s3; do
    python3 - "$WORK/notes.odt.xlf" "$s" "$WORK/one.xlf" <<'PY'
import re, sys
x = open(sys.argv[1], encoding="utf-8").read()
u = re.search(r'<unit id="u9".*?</unit>', x, re.S).group(0)
t = re.sub(r'(<segment id="%s"><source>(.*?)</source>)' % sys.argv[2],
           lambda m: m.group(1) + "<target>Prevod: " + m.group(2) + "</target>", u)
open(sys.argv[3], "w", encoding="utf-8").write(x.replace(u, t))
PY
    check_ok "only $s translated: merge" "$T" merge -o "$WORK/one-$s.odt" "$WORK/one.xlf"
    unzip -p "$WORK/one-$s.odt" content.xml > "$WORK/one.xml"
    check_ok "only $s translated: well-formed" xmllint --noout "$WORK/one.xml"
    check_grep "only $s translated: the translation is in" 'Prevod: ' "$WORK/one.xml"
done
