# tumac check, script (issue 19): in sr-Cyrl a Latin word outside protected
# spans and a word mixing scripts (a Latin "е" or "а" in a Cyrillic word) are
# errors; a Latin name the source has, a name in a translate="no" span, a URL,
# unit symbols and Roman numerals are not. In the Latin locales (bs, hr,
# sr-Latn) a Cyrillic word and a mixed word are errors.
. tests/cli/lib.sh
x="python3 tests/cli/check_xlf.py"
tab=$'\t'
cat <<EOT | $x sr-Cyrl "$WORK/cyrl.xlf"
ok1${tab}Microsoft and the AMs met in Sarajevo.${tab}Microsoft и AM су се састали у Сарајеву.
ok2${tab}The firm Novi Put won.${tab}Побиједила је фирма <mrk id="m1" translate="no">Novi Put</mrk>.
ok3${tab}See www.vlada.ba at 137 km/h in the XX century.${tab}Видите www.vlada.ba при 137 km/h у XX веку.
bad1${tab}The minister met the press.${tab}Министар сe састао са новинарима.
bad2${tab}The minister met the press.${tab}Министар се састао са novinarima.
bad3${tab}The firm won.${tab}Побиједила је фирма Novi Put.
EOT
check_exit "sr-Cyrl: Latin letters exit 1" 1 "$TUMAC" check "$WORK/cyrl.xlf"
out=$(grep ': script: ' "$WORK/.out")
check_eq "sr-Cyrl: names from the source, protected spans, URLs, units, Roman numerals pass" \
    "$(grep -c ':ok[0-9]:' <<<"$out")" "0"
check_grep "sr-Cyrl: Latin e inside a Cyrillic word" "bad1:s1: error: script: word mixing scripts \(a letter of another alphabet inside a word\): сe" <(echo "$out")
check_grep "sr-Cyrl: a Latin word" "bad2:s1: error: script: Latin word in a sr-Cyrl target: novinarima" <(echo "$out")
check_grep "sr-Cyrl: a name not in the source nor protected" "bad3:s1: error: script: Latin words in a sr-Cyrl target: Novi, Put" <(echo "$out")
sed 's/trgLang="sr-Cyrl"/trgLang="bs-Cyrl"/' "$WORK/cyrl.xlf" > "$WORK/bs-cyrl.xlf"
check_exit "bs-Cyrl: checked as Cyrillic too" 1 "$TUMAC" check "$WORK/bs-cyrl.xlf"
check_eq "bs-Cyrl: the same findings" "$(grep -c ': script: ' "$WORK/.out")" "3"
for loc in bs hr sr-Latn; do
    cat <<EOT | $x "$loc" "$WORK/$loc.xlf"
ok1${tab}The minister met Putin.${tab}Ministar se sastao s Putinom.
bad1${tab}The minister met the press.${tab}Ministar se sastao s новинарима.
bad2${tab}The minister met the press.${tab}Ministar se sastao s nоvinarima.
EOT
    check_exit "$loc: Cyrillic letters exit 1" 1 "$TUMAC" check "$WORK/$loc.xlf"
    out=$(grep ': script: ' "$WORK/.out")
    check_eq "$loc: Latin text passes" "$(grep -c ':ok1:' <<<"$out")" "0"
    check_grep "$loc: a Cyrillic word" "bad1:s1: error: script: Cyrillic word in a $loc target: новинарима" <(echo "$out")
    check_grep "$loc: a Cyrillic о in a Latin word" "bad2:s1: error: script: word mixing scripts" <(echo "$out")
done
