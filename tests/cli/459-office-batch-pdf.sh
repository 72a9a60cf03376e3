# Issue 18's "done when": tumac batch on DOCX releases writes XLIFF, the
# analysis and finished .docx documents in bs, hr, sr-Latn and sr-Cyrl; the
# finished sr-Cyrl document becomes a PDF in LibreOffice whose text is the
# Cyrillic translation (pdftotext) and whose first page is a picture with ink
# on it (pdftoppm), as the original's is.
. tests/cli/lib.sh

for tool in soffice pdftoppm pdftotext; do
    if ! command -v "$tool" >/dev/null; then
        echo "FAIL $tool is not installed (make test-deps: libreoffice-writer-nogui, poppler-utils)"
        exit 0
    fi
done
export HOME="$WORK/home"
mkdir -p "$HOME"
check_ok "TM from the earlier releases" "$TUMAC" tm import --tm "$WORK/tm.db" tm/samples.tmx
check_ok "batch on two DOCX releases" "$TUMAC" batch --tm "$WORK/tm.db" --ref samples -s en \
    -t bs,hr,sr-Latn,sr-Cyrl -o "$WORK/word" samples/office/new/workshop-media-literacy-tuzla.en.docx \
    samples/office/workshop-media-literacy.en.docx
for l in bs hr sr-Latn sr-Cyrl; do
    check_ok "$l: XLIFF of both releases" test -s "$WORK/word/$l/workshop-media-literacy-tuzla.xlf" -a \
        -s "$WORK/word/$l/workshop-media-literacy.xlf"
    check_ok "$l: the analysis" test -s "$WORK/word/analysis-$l.html"
    check_ok "$l: the finished Word document" test -s "$WORK/word/$l/workshop-media-literacy.docx"
done
(cd "$WORK/word/sr-Cyrl" && timeout 300 soffice --headless --convert-to pdf --outdir "$WORK/pdf" \
    workshop-media-literacy.docx >/dev/null 2>&1)
check_ok "LibreOffice makes a PDF of the finished sr-Cyrl document" test -s "$WORK/pdf/workshop-media-literacy.pdf"
pdftotext "$WORK/pdf/workshop-media-literacy.pdf" "$WORK/cyr.txt"
check_grep "the PDF's text is the Cyrillic translation" 'Мисија ОЕБС-а помаже наставницима' "$WORK/cyr.txt"
check_eq "no Latin title left in the PDF" "$(grep -c 'OSCE Mission helps' "$WORK/cyr.txt")" 0
pdftoppm -r 40 -gray -f 1 -l 1 "$WORK/pdf/workshop-media-literacy.pdf" "$WORK/page"
# a PGM page: the share of dark pixels says there is text on it
check_ok "the first page is a picture with text on it" python3 - "$WORK"/page-1.pgm <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
fields = data.split(maxsplit=4)
w, h = int(fields[1]), int(fields[2])
pixels = fields[4][-w * h:]
dark = sum(1 for p in pixels if p < 128)
sys.exit(0 if dark > w * h // 200 else 1)
PY
