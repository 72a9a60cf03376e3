#!/usr/bin/env bash
# make demo: the main job on the bundled samples. A translation memory is
# built from the earlier releases (tm/samples.tmx, their published
# translations), then `tumac batch` takes the new release and an earlier one
# into bs, hr, sr-Latn and sr-Cyrl. The earlier releases' documents are also
# given as references (--ref samples), so their sentences are known in
# context (101%) and the earlier release comes out finished.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
tumac="$build/tumac"
echo "tumac $("$tumac" --version | cut -d' ' -f2): commands available"
"$tumac" help

demo="$build/demo"
rm -rf "$demo"
mkdir -p "$demo"
echo
echo "== translation memory from the earlier releases: tm/samples.tmx -> $demo/tm.db"
"$tumac" tm import --tm "$demo/tm.db" tm/samples.tmx
"$tumac" tm stats --tm "$demo/tm.db"
echo
echo "== tumac batch: the new release (samples/new) and an earlier one, into bs, hr, sr-Latn, sr-Cyrl"
rc=0
"$tumac" batch --tm "$demo/tm.db" --ref samples -s en -t bs,hr,sr-Latn,sr-Cyrl \
    -o "$demo/out" samples/new samples/workshop-media-literacy.en.html || rc=$?
if [ "$rc" -ne 0 ]; then
    echo "make demo: tumac batch failed (exit $rc); see the messages above" >&2
    exit 1
fi
for f in report.html report.json; do
    if [ ! -s "$demo/out/$f" ]; then
        echo "make demo: the batch wrote no $demo/out/$f" >&2
        exit 1
    fi
done
echo
echo "== tumac batch on Word documents: the new release and the earlier one as .docx (samples/office)"
"$tumac" batch --tm "$demo/tm.db" --ref samples -s en -t bs,hr,sr-Latn,sr-Cyrl \
    -o "$demo/word" samples/office/new/workshop-media-literacy-tuzla.en.docx \
    samples/office/workshop-media-literacy.en.docx || rc=$?
for l in bs hr sr-Latn sr-Cyrl; do
    if [ "$rc" -ne 0 ] || [ ! -s "$demo/word/$l/workshop-media-literacy.docx" ]; then
        echo "make demo: no finished Word document for $l in $demo/word/$l" >&2
        exit 1
    fi
done
echo
echo "XLIFF for the translators:  $demo/out/<locale>/*.xlf"
echo "finished documents:         $demo/out/<locale>/*.html, *.txt"
echo "finished Word documents:    $demo/word/<locale>/*.docx"
echo "analysis per locale:        $demo/out/analysis-<locale>.html"
echo "HTML report:                file://$(realpath "$demo/out/report.html")"
