#!/usr/bin/env bash
# How the DOCX and ODT samples were made: LibreOffice headless (Debian
# libreoffice-writer-nogui) opens each HTML release as a Writer document and
# saves it as Word 2007+ and as ODF text. Run from the repository root; the
# files are committed, so neither the build nor the tests run this.
set -euo pipefail
cd "$(dirname "$0")"
export HOME="${TMPDIR:-/tmp}/tumac-lo-profile"
mkdir -p "$HOME"
for fmt in 'docx:MS Word 2007 XML' odt; do
    soffice --headless --infilter="HTML (StarWriter)" --convert-to "$fmt" --outdir . \
        ../workshop-media-literacy.{en,bs,hr,sr-Latn,sr-Cyrl}.html
    soffice --headless --infilter="HTML (StarWriter)" --convert-to "$fmt" --outdir new \
        ../new/workshop-media-literacy-tuzla.en.html
done
