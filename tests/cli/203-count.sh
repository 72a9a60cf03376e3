# tumac count: the counting rules on text and HTML, both output formats, errors.
. tests/cli/lib.sh

# Misija OSCE-a u BiH dala je 1.500,50 KM (8: a number and a hyphenated word
# are one word each), Vidi + URL (2), Pišite na + e-mail (3), codes and
# placeholders 0; Drugi pasus prof dr Marko Marković (6) = 19 words.
printf 'Misija OSCE-a u BiH dala je 1.500,50 KM. Vidi www.osce.org/bih. Pišite na info@osce.org {0} %%s.\n\nDrugi pasus, prof. dr. Marko Marković.\n' >"$WORK/a.txt"
check_ok "count text" "$TUMAC" count --lang bs "$WORK/a.txt"
check_grep "text: words, chars, no-spaces, segments" '^ +19 +133 +114 +4  .*a\.txt$' "$WORK/.out"
printf '<html><head><title>Naslov</title><style>p { color: red }</style><script>var s = "<p>Ne broji se.</p>";</script></head>\n<body><p>Prvi <b>pasus</b> &amp; drugi.</p><p>Treći&nbsp;pasus. Kraj.</p><!-- nije tekst --></body></html>\n' >"$WORK/b.html"
check_ok "count HTML" "$TUMAC" count --lang bs "$WORK/b.html"
check_grep "HTML as extracted: script, style, comments dropped; entities decoded; a no-break space is a character" '^ +7 +42 +39 +4  ' "$WORK/.out"
check_ok "count two files" "$TUMAC" count -l bs "$WORK/a.txt" "$WORK/b.html"
check_grep "a total line" '^ +26 +175 +153 +8  total$' "$WORK/.out"
check_ok "count as JSON" "$TUMAC" count -l bs --format json "$WORK/a.txt" "$WORK/b.html"
check_grep "JSON total" '"total": \{"words": 26, "chars": 175, "chars_no_spaces": 153, "segments": 8\}' "$WORK/.out"
cp "$WORK/.out" "$WORK/count.json"
if command -v python3 >/dev/null; then
    check_ok "the JSON parses" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$WORK/count.json"
fi
printf 'Hello, world: e-mail me at 9 a.m. on Jan. 5, 2025. U.S.-based firms ($2.5 bn) agree.\n' >"$WORK/en.txt"
check_ok "count English" "$TUMAC" count -l en "$WORK/en.txt"
# Hello world e-mail me at 9 a.m on Jan 5 2025 U.S.-based firms 2.5 bn agree = 17
check_grep "English words" '^ +17 ' "$WORK/.out"
check_exit "--lang is required" 2 "$TUMAC" count "$WORK/a.txt"
check_exit "a bad --format" 2 "$TUMAC" count -l bs --format xml "$WORK/a.txt"
check_exit "no file" 2 "$TUMAC" count -l bs
check_exit "a missing file" 1 "$TUMAC" count -l bs "$WORK/none.txt"
printf 'Dobro.\nLoše \xff.\n' >"$WORK/bad.txt"
check_exit "invalid UTF-8" 1 "$TUMAC" count -l bs "$WORK/bad.txt"
check_grep "invalid UTF-8 is located" 'bad.txt:2:6: invalid UTF-8' "$WORK/.err"
# HTML is counted as extracted: a translatable attribute counts, markup does not.
printf '<!DOCTYPE html>\n<html><body><p>Slika <img src="a.png" alt="Most u Mostaru"> i <a href="x">link</a>.</p></body></html>\n' >"$WORK/c.html"
check_ok "count HTML with an alt text" "$TUMAC" count -l bs "$WORK/c.html"
check_grep "alt text words count, tags do not" '^ +6 ' "$WORK/.out"
