# tumac count on XLIFF counts the same words as on the HTML it was extracted from.
. tests/cli/lib.sh

src=samples/new/workshop-media-literacy-tuzla.en.html
check_ok "extract the new release" "$TUMAC" extract -s en -t bs -o "$WORK/new.xlf" "$src"
html_words=$("$TUMAC" count --lang en --format json "$src" | grep -o '"words": *[0-9]*' | tail -1 | grep -o '[0-9]*$')
xlf_words=$("$TUMAC" count --lang en --format json "$WORK/new.xlf" | grep -o '"words": *[0-9]*' | tail -1 | grep -o '[0-9]*$')
check_eq "XLIFF and HTML word counts agree" "$xlf_words" "$html_words"
if [ "${xlf_words:-0}" -gt 100 ]; then echo "PASS counted a real number of words"; else echo "FAIL words: '$xlf_words'"; fi
printf '<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0"><file' > "$WORK/broken.xlf"
check_exit "truncated XLIFF is an error" 1 "$TUMAC" count --lang en "$WORK/broken.xlf"
check_grep "and names the file" "broken.xlf" "$WORK/.err"
