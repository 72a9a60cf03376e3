# extract -> pseudo -> merge: every translatable text changes, markup and the
# tag tree stay as they were, lang becomes the target language.
. tests/cli/lib.sh

for f in samples/workshop-media-literacy.en.html samples/launch-accessible-elections.en.html \
         tests/data/html/01-entities.html tests/data/html/05-unquoted.html \
         tests/data/html/06-nested-inline.html tests/data/html/07-br.html \
         tests/data/html/08-table.html tests/data/html/10-html5.html \
         tests/data/html/11-script-style.html tests/data/html/12-translate-no.html \
         tests/data/html/18-meta.html tests/data/html/22-attr-inline.html \
         tests/data/html/23-sentences.html; do
    b=$WORK/$(basename "$f")
    "$TUMAC" extract -s en -t sr-Latn -o "$b.xlf" "$f" 2>/dev/null
    check_ok "pseudo $(basename "$f")" "$TUMAC" pseudo "$b.xlf"
    check_ok "merge pseudo $(basename "$f")" "$TUMAC" merge --strict -o "$b.out.html" "$b.xlf"
    check_ok "same shape, all text changed: $(basename "$f")" python3 tests/cli/html_shape.py "$f" "$b.out.html"
done
check_grep "lang set to the target" '<html lang="sr-Latn">' "$WORK/workshop-media-literacy.en.html.out.html"
check_grep "script kept byte for byte" "if \(a < b && c > d\)" "$WORK/11-script-style.html.out.html"
check_grep "translate=no kept" "This whole block stays as it is." "$WORK/12-translate-no.html.out.html"
check_grep "entity spelling kept in translated text" "&nbsp;" "$WORK/01-entities.html.out.html"

f=samples/workshop-media-literacy.en.txt
"$TUMAC" extract -s en -t bs -o "$WORK/t.xlf" "$f"
"$TUMAC" pseudo -o "$WORK/tp.xlf" "$WORK/t.xlf"
check_ok "merge pseudo text" "$TUMAC" merge --strict -o "$WORK/t.out.txt" "$WORK/tp.xlf"
check_eq "text keeps its line count" "$(wc -l < "$WORK/t.out.txt")" "$(wc -l < "$f")"
check_eq "no source line survives" "$(grep -cxFf "$f" "$WORK/t.out.txt" | tr -d ' ')" "$(grep -c '^$' "$f")"
