# Findings of the DOCX/ODT fuzz target (tests/fuzz/fuzz-office.c): damaged
# packages are refused at extract, with a message naming the file and the
# part, not after translation at merge. Inputs: tests/fuzz/regress/office/
# and the target's hostile seeds (tests/fuzz/corpus/office/).
. tests/cli/lib.sh
C=tests/fuzz/corpus/office

refuse() { # refuse WHAT FILE PATTERN
    check_exit "$1: exit 1" 1 "$TUMAC" extract -s en -t hr -o "$WORK/out.xlf" "$2"
    check_grep "  ... the message names the file and says what is wrong" "$(basename "$2")(:[0-9]+:[0-9]+)?: $3" "$WORK/.err"
    check_no_file "  ... no XLIFF written" "$WORK/out.xlf"
}

# An ODT whose manifest is not well-formed: extract only scanned it for
# encryption, so extract succeeded, and every translated merge was refused
# ("the merged document would be damaged: part META-INF/manifest.xml").
python3 - "$WORK/manifest.odt" tests/fuzz/regress/office/manifest-not-xml <<'PY'
import sys, zipfile
part = open(sys.argv[2], "rb").read().split(b"\n", 1)[1]
content = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
           '<text:p>A sentence.</text:p></office:text></office:body></office:document-content>')
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    z.writestr("META-INF/manifest.xml", part)
    z.writestr("content.xml", content)
PY
refuse "an ODT manifest that is not well-formed" "$WORK/manifest.odt" \
    "part META-INF/manifest.xml: not well-formed XML: parsing XML declaration"

# A part the filter does not read whose data is damaged: merge only met it
# when copying it, and said "the package could not be written again".
refuse "a damaged part the filter does not read" "$C/crc-unread-part.docx" \
    "part docProps/app.xml is damaged \(CRC error\)"

# Two entries of the same name: libzip's words were "File already exists".
refuse "two entries of the same name" "$C/duplicate-name.docx" \
    "not a readable zip package \(two entries have the same name\)"
