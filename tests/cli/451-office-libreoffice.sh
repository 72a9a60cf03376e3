# A pseudo-translated DOCX/ODT opens in LibreOffice (soffice --convert-to pdf
# succeeds) and its text, as LibreOffice reads it back, is the pseudo text;
# the language of the text is the target's. A handful of corpus files (time).
. tests/cli/lib.sh

if ! command -v soffice >/dev/null; then
    echo "FAIL LibreOffice is not installed (make deps installs libreoffice-writer-nogui)"
    exit 0
fi
CORPUS="$SHARED/data/office"
export HOME="$WORK/home" # LibreOffice's profile
mkdir -p "$WORK/in" "$WORK/out" "$WORK/orig" "$HOME"
for f in okapi/applications__integration-tests__docxtest.docx \
         okapi/openxml__docx__StarCraft.docx \
         python-docx/features__steps__test_files__par-hlink-frags.docx \
         okapi/openoffice__TestDocument03.odt \
         okapi/openoffice__odt__simple_bold.odt; do
    b=$(basename "$f")
    ext=${b##*.}
    ln -s "$CORPUS/$f" "$WORK/orig/$b"
    check_ok "$b: extract" "$TUMAC" extract -s en -t hr -o "$WORK/in/$b.xlf" "$CORPUS/$f"
    check_ok "$b: pseudo" "$TUMAC" pseudo "$WORK/in/$b.xlf"
    check_ok "$b: merge" "$TUMAC" merge -o "$WORK/out/$b" "$WORK/in/$b.xlf"
done
# one LibreOffice start for all the files of each conversion
(cd "$WORK/out" && timeout 300 soffice --headless --convert-to pdf --outdir "$WORK/pdf" * >/dev/null 2>&1)
(cd "$WORK/out" && timeout 300 soffice --headless --convert-to "txt:Text (encoded):UTF8" --outdir "$WORK/txt" * >/dev/null 2>&1)
(cd "$WORK/orig" && timeout 300 soffice --headless --convert-to "txt:Text (encoded):UTF8" --outdir "$WORK/otxt" * >/dev/null 2>&1)
for b in $(ls "$WORK/out"); do
    check_ok "$b: LibreOffice makes a PDF of the pseudo-translated document" test -s "$WORK/pdf/${b%.*}.pdf"
    check_ok "$b: LibreOffice reads the pseudo text back" \
        python3 tests/cli/office_check.py text "$WORK/in/$b.xlf" "$WORK/txt/${b%.*}.txt" "$WORK/otxt/${b%.*}.txt"
done
check_grep "docx: w:lang is the target's" 'w:lang w:val="hr"' \
    <(unzip -p "$WORK/out/features__steps__test_files__par-hlink-frags.docx" word/styles.xml)
check_grep "odt: fo:language is the target's" 'fo:language="hr"' \
    <(unzip -p "$WORK/out/openoffice__TestDocument03.odt" styles.xml)
