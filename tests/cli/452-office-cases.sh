# DOCX/ODT made for the case: bad input gets a clear message naming the file
# and the part, exit 1 and no output; the codes of a paragraph are the few a
# reader sees; a translated merge sets the language and keeps each code's
# run formatting, an untranslated one every part.
. tests/cli/lib.sh

mkdir -p "$WORK/in"
python3 - "$WORK/in" <<'PY'
import sys, zipfile
d = sys.argv[1]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
def docx(name, body, extra=(), doc=None):
    with zipfile.ZipFile(f"{d}/{name}", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", doc if doc is not None else
                   f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>{body}</w:body></w:document>')
        for n, data in extra:
            z.writestr(n, data)
R = lambda t, rpr="", attrs="": f'<w:r{attrs}>{"<w:rPr>" + rpr + "</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{t}</w:t></w:r>'
lang = '<w:lang w:val="en-GB"/>'
docx("good.docx",
     "<w:p>" + R("The office ", lang) + R("opened", lang, ' w:rsidR="00A1"') + '<w:proofErr w:type="spellStart"/>'
     + R(" on Monday", lang + "<w:noProof/>") + "<w:r><w:lastRenderedPageBreak/></w:r>"
     + R(". It was a ") + R("big", "<w:b/>") + R(" day.") + "</w:p>"
     + "<w:p>" + R("Name") + "<w:r><w:tab/></w:r>" + R("Value") + "<w:r><w:br/></w:r>" + R("Next line.") + "</w:p>"
     + '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
     + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + R("Page") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + R(" of the text.") + "</w:p>"
     + "<w:p>" + R("Shown ") + R("hidden ", "<w:vanish/>") + R("again.") + "</w:p>")
docx("tracked.docx", "<w:p>" + R("Kept ") + '<w:ins w:id="1" w:author="a">' + R("added") + "</w:ins></w:p>")
docx("macro.docm", "<w:p>" + R("Text") + "</w:p>", [("word/vbaProject.bin", b"\0" * 64)])
docx("doctype.docx", "", doc='<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x "boom">]>' +
     f'<w:document {W}><w:body><w:p>' + R("&x;") + "</w:p></w:body></w:document>")
docx("broken.docx", "", doc=f'<w:document {W}><w:body><w:p>' + R("open") + "</w:body></w:document>")
docx("bomb.docx", "<w:p>" + R("x" * (65 << 20)) + "</w:p>")
with zipfile.ZipFile(f"{d}/nodoc.docx", "w") as z:
    z.writestr("[Content_Types].xml", CT)
open(f"{d}/corrupt.docx", "wb").write(b"PK\x03\x04" + bytes(range(256)) * 8)
PY

T="$TUMAC"
refuse() { # refuse WHAT FILE PATTERN: exit 1, the file and PATTERN in the message, no output
    check_exit "$1: exit 1" 1 "$T" extract -s en -t hr -o "$WORK/out.xlf" "$WORK/in/$2"
    check_grep "$1: the message names the file" "$WORK/in/$2" "$WORK/.err"
    check_grep "$1: the message says what is wrong" "$3" "$WORK/.err"
    check_no_file "$1: no XLIFF written" "$WORK/out.xlf"
}
refuse "corrupt zip" corrupt.docx "not a readable zip package"
refuse "no word/document.xml" nodoc.docx "has no word/document.xml"
refuse "macro-enabled .docm" macro.docm "macro-enabled \(part word/vbaProject.bin\)"
refuse "tracked changes" tracked.docx "part word/document.xml: the document has tracked changes: accept or reject the tracked changes first"
refuse "DOCTYPE with an entity" doctype.docx "part word/document.xml: a DOCTYPE is not allowed"
refuse "a part that is not well-formed" broken.docx "part word/document.xml: not well-formed XML: opening and ending tag mismatch"
refuse "zip bomb" bomb.docx "part word/document.xml expands past the ceiling of one part \(64 MB\)"
if [ -f "$SHARED/data/office/okapi/openxml__encrypted__encrypted.docx" ]; then
    check_exit "password-protected: exit 1" 1 "$T" extract -s en -t hr -o "$WORK/out.xlf" \
        "$SHARED/data/office/okapi/openxml__encrypted__encrypted.docx"
    check_grep "password-protected: said so" "password-protected \(encrypted\)" "$WORK/.err"
fi

# the codes a reader sees
check_ok "extract good.docx" "$T" extract -s en -t hr -o "$WORK/good.xlf" "$WORK/in/good.docx"
src() { python3 - "$WORK/good.xlf" "$1" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
u = re.search(r'<unit id="%s".*?</unit>' % sys.argv[2], s, re.S).group(0)
print("|".join(re.sub(r'<(ph|pc)\b[^>]*?(/?)>', lambda m: "<%s%s>" % (m.group(1), m.group(2)),
                      x).replace("</pc>", "</pc>") for x in re.findall(r"<source>(.*?)</source>", u, re.S)))
PY
}
# (the space between two sentences is an ignorable between their segments)
check_eq "rsid, proofErr, lastRenderedPageBreak, w:lang, noProof: no code; a bold word: one pair" \
    "$(src u1)" "The office opened on Monday.| |It was a <pc>big</pc> day."
check_eq "a tab and a line break: one isolated code each" "$(src u2)" "Name<ph/>Value<ph/>Next line."
check_eq "a field: its result is text, its code one isolated code each side" "$(src u3)" "Page<ph/> of the text."
check_eq "hidden text: one isolated code, not text" "$(src u4)" "Shown <ph/>again."
check_ok "untranslated merge" "$T" merge -o "$WORK/same.docx" "$WORK/good.xlf"
check_ok "untranslated merge: every part byte-identical" python3 tests/cli/office_check.py parts "$WORK/in/good.docx" "$WORK/same.docx"

# a translation: language set, the bold word's run formatting kept
python3 - "$WORK/good.xlf" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
tr = {"The office opened on Monday.": "Ured je otvoren u ponedjeljak.",
      "It was a ": "Bio je to ", " day.": " dan."}
def seg(m):
    src = m.group(1)
    trg = src
    for a, b in tr.items():
        trg = trg.replace(a, b)
    return "<source>%s</source><target>%s</target>" % (src, trg)
s = re.sub(r"<source>(.*?)</source>", seg, s, flags=re.S)
open(p, "w", encoding="utf-8").write(s)
PY
check_ok "translated merge" "$T" merge -o "$WORK/hr.docx" "$WORK/good.xlf"
unzip -p "$WORK/hr.docx" word/document.xml > "$WORK/hr.xml"
check_grep "the translation is in the document" "Ured je otvoren u ponedjeljak\. Bio je to " "$WORK/hr.xml"
check_grep "the bold word keeps its run formatting" '<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">big</w:t>' "$WORK/hr.xml"
check_grep "w:lang is the target language" '<w:lang w:val="hr"/>' "$WORK/hr.xml"
check_ok "the translated document is well-formed" xmllint --noout "$WORK/hr.xml"
# merge output is atomic: a failing merge leaves the old file alone
cp "$WORK/hr.docx" "$WORK/keep.docx"
sed -i 's/<pc id="1"[^>]*>big<\/pc>/big/' "$WORK/good.xlf"
check_exit "a target that lost its code is refused" 1 "$T" merge -o "$WORK/hr.docx" "$WORK/good.xlf"
check_files_same "the earlier output is untouched" "$WORK/hr.docx" "$WORK/keep.docx"

# count reads .docx and .odt through their filters: the same release in both
# formats (made by LibreOffice from one HTML page) has the same body text
wd=$("$T" count -l en samples/office/workshop-media-literacy.en.docx | awk 'END {print $1}')
wo=$("$T" count -l en samples/office/workshop-media-literacy.en.odt | awk 'END {print $1}')
# (the ODT also has the photo's title, svg:title, 12 words that LibreOffice's
# DOCX export leaves out: its wp:docPr has an empty descr)
check_eq "count: the ODT sample has the DOCX's words and the photo's title" "$wo" "$((wd + 12))"
check_ok "count: the DOCX sample has its 316 words (title, body, caption, contact)" test "$wd" -eq 316

# document properties: translated, and dc:language becomes the target's
check_ok "sample: extract" "$T" extract -s en -t hr -o "$WORK/s.xlf" samples/office/workshop-media-literacy.en.docx
check_ok "sample: pseudo" "$T" pseudo "$WORK/s.xlf"
check_ok "sample: merge" "$T" merge -o "$WORK/s.docx" "$WORK/s.xlf"
unzip -p "$WORK/s.docx" docProps/core.xml > "$WORK/core.xml"
check_grep "docProps: dc:language is the target's" '<dc:language>hr</dc:language>' "$WORK/core.xml"
check_grep "docProps: the title is translated" '<dc:title>\[ÓŠÇÉ ' "$WORK/core.xml"
