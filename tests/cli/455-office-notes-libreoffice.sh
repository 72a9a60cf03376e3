# The pseudo-translated notes.docx and notes.odt (office_make.py) open in
# LibreOffice: each converts to PDF, its text read back is the pseudo text
# without the comments' text, LibreOffice still sees the comments as comments,
# and it reads the translated alt text and title of the image.
. tests/cli/lib.sh

if ! command -v soffice >/dev/null; then
    echo "FAIL LibreOffice is not installed (make deps installs libreoffice-writer-nogui)"
    exit 0
fi
export HOME="$WORK/home" # LibreOffice's profile
mkdir -p "$WORK/in" "$WORK/out" "$HOME"
python3 tests/cli/office_make.py notes-docx "$WORK/in"
python3 tests/cli/office_make.py notes-odt "$WORK/in"
for b in notes.docx notes.odt; do
    check_ok "$b: extract" "$TUMAC" extract -s en -t hr -o "$WORK/$b.xlf" "$WORK/in/$b"
    check_ok "$b: pseudo" "$TUMAC" pseudo "$WORK/$b.xlf"
    check_ok "$b: merge" "$TUMAC" merge -o "$WORK/out/$b" "$WORK/$b.xlf"
done
lo() { # lo FORMAT OUTDIR FILE...: one LibreOffice start for the files
    local fmt=$1 dir=$2
    shift 2
    (cd "$WORK/out" && timeout 300 soffice --headless --convert-to "$fmt" --outdir "$dir" "$@" >/dev/null 2>&1)
}
lo pdf "$WORK/pdf-docx" notes.docx
lo pdf "$WORK/pdf-odt" notes.odt
lo "txt:Text (encoded):UTF8" "$WORK/txt-docx" notes.docx
lo "txt:Text (encoded):UTF8" "$WORK/txt-odt" notes.odt
lo odt "$WORK/conv" notes.docx
lo docx "$WORK/conv" notes.odt
(cd "$WORK/in" && timeout 300 soffice --headless --convert-to "txt:Text (encoded):UTF8" --outdir "$WORK/otxt-docx" notes.docx >/dev/null 2>&1;
 timeout 300 soffice --headless --convert-to "txt:Text (encoded):UTF8" --outdir "$WORK/otxt-odt" notes.odt >/dev/null 2>&1)
for b in notes.docx notes.odt; do
    ext=${b##*.}
    check_ok "$b: LibreOffice makes a PDF" test -s "$WORK/pdf-$ext/notes.pdf"
    check_ok "$b: LibreOffice reads the pseudo text back" \
        python3 tests/cli/office_check.py text "$WORK/$b.xlf" "$WORK/txt-$ext/notes.txt" "$WORK/otxt-$ext/notes.txt"
    check_grep "$b: a translated paragraph is in the text" '\[Ţĥé ŵóŕķšĥóƥ íš óñ Ṁóñđáý' "$WORK/txt-$ext/notes.txt"
    check_eq "$b: no comment text in the document's text" "$(grep -c 'Check the date' "$WORK/txt-$ext/notes.txt")" 0
    check_grep "$b: the do-not-translate text reads as it was" 'tumac extract' "$WORK/txt-$ext/notes.txt"
done
unzip -p "$WORK/conv/notes.odt" content.xml > "$WORK/docx-as-odt.xml"
check_grep "docx: LibreOffice reads the translated alt text" '<svg:desc>\[Ƥúƥíĺš áţ ţĥé ŵóŕķšĥóƥ~*\]</svg:desc>' "$WORK/docx-as-odt.xml"
check_grep "docx: LibreOffice reads the translated image title" '<svg:title>\[Ŵóŕķšĥóƥ ƥĥóţó~*\]</svg:title>' "$WORK/docx-as-odt.xml"
check_grep "docx: LibreOffice still sees the comment as a comment" '<office:annotation[^>]*>.*Check the date' "$WORK/docx-as-odt.xml"
unzip -p "$WORK/conv/notes.docx" word/document.xml > "$WORK/odt-as-docx.xml"
check_grep "odt: LibreOffice reads the translated alt text and title" \
    'descr="\[Ƥúƥíĺš áţ ţĥé ŵóŕķšĥóƥ~*\]" title="\[Ŵóŕķšĥóƥ ƥĥóţó~*\]"' "$WORK/odt-as-docx.xml"
check_grep "odt: LibreOffice still sees the annotation as a comment" 'Check the date' <(unzip -p "$WORK/conv/notes.docx" word/comments.xml)
