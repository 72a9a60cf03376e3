# tumac check, urls / emails / placeholders (issue 19): each is in the target
# exactly as in the source, in every locale: a lost, changed or added one is
# an error of its own check; the same ones kept (before a period, in
# parentheses, in quotation marks) pass.
. tests/cli/lib.sh
x="python3 tests/cli/check_xlf.py"
tab=$'\t'
declare -A more=([bs]="Više na" [hr]="Više na" [sr-Latn]="Više na" [sr-Cyrl]="Више на")
for loc in bs hr sr-Latn sr-Cyrl; do
    m=${more[$loc]}
    cat <<EOT | $x "$loc" "$WORK/$loc.xlf"
ok1${tab}More at https://www.vlada.ba/news?id=12 and www.fmon.gov.ba.${tab}$m https://www.vlada.ba/news?id=12 i www.fmon.gov.ba.
ok2${tab}Write to press@vlada.ba (office).${tab}$m press@vlada.ba (ured).
ok3${tab}Hello %s, you have {count} items and %1\$d votes.${tab}$m %s, {count} i %1\$d.
bad1${tab}More at https://www.vlada.ba/news.${tab}$m https://www.vlada.ba/vijesti.
bad2${tab}More at www.fmon.gov.ba today.${tab}$m danas.
bad3${tab}Write to press@vlada.ba.${tab}$m info@vlada.ba.
bad4${tab}Hello %s, you have {count} items.${tab}$m %d, {broj}.
bad5${tab}More today.${tab}$m www.example.com danas.
EOT
    check_exit "$loc: changed tokens exit 1" 1 "$TUMAC" check "$WORK/$loc.xlf"
    out=$(grep -E ': (urls|emails|placeholders): ' "$WORK/.out")
    check_eq "$loc: kept URLs, addresses and placeholders pass" "$(grep -c ':ok[0-9]:' <<<"$out")" "0"
    check_findings "$loc" "$out" <<EOT
changed URL${tab}bad1:s1: error: urls: URL https://www.vlada.ba/news of the source is not in the target
... and the new one named${tab}bad1:s1: error: urls: URL https://www.vlada.ba/vijesti in the target is not in the source
lost URL${tab}bad2:s1: error: urls: URL www.fmon.gov.ba of the source
changed address${tab}bad3:s1: error: emails: e-mail address press@vlada.ba of the source
changed printf placeholder${tab}bad4:s1: error: placeholders: placeholder %s of the source
translated brace placeholder${tab}bad4:s1: error: placeholders: placeholder \{count\} of the source
added URL${tab}bad5:s1: error: urls: URL www.example.com in the target is not in the source
EOT
done
