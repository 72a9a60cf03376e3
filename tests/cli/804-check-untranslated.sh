# tumac check, untranslated (issue 19): an empty target and a target equal to
# a source with words to translate are errors in every locale; a name, a
# number or a URL kept as the whole segment is not, and a segment without a
# target element is not checked at all.
. tests/cli/lib.sh
x="python3 tests/cli/check_xlf.py"
tab=$'\t'
for loc in bs hr sr-Latn sr-Cyrl; do
    cat <<EOT | $x "$loc" "$WORK/$loc.xlf"
ok1${tab}Elvis Presley${tab}Elvis Presley
ok2${tab}www.vlada.ba${tab}www.vlada.ba
ok3${tab}2025${tab}2025
ok4${tab}UNICEF BiH${tab}UNICEF BiH
ok5${tab}(OSCE/Adnan Hodžić)${tab}(OSCE/Adnan Hodžić)
bad1${tab}The ministry opened a new school.${tab}The ministry opened a new school.
bad2${tab}Republicans Alienating Women Voters Ahead of Midterms${tab}Republicans Alienating Women Voters Ahead of Midterms
bad3${tab}The ministry opened a new school.${tab}
EOT
    check_exit "$loc: untranslated targets exit 1" 1 "$TUMAC" check "$WORK/$loc.xlf"
    out=$(grep ': untranslated: ' "$WORK/.out")
    check_eq "$loc: names, URLs, numbers kept pass" "$(grep -c ':ok[0-9]:' <<<"$out")" "0"
    check_grep "$loc: copied source" "bad1:s1: error: untranslated: target is the same as the source" <(echo "$out")
    check_grep "$loc: copied title" "bad2:s1: error: untranslated: target is the same as the source" <(echo "$out")
    check_grep "$loc: empty target" "bad3:s1: error: untranslated: empty target" <(echo "$out")
    check_eq "$loc: an empty target is one finding" "$(grep -c ':bad3:' "$WORK/.out")" "1"
done
cat > "$WORK/notarget.xlf" <<'EOT'
<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="bs">
<file id="f1"><unit id="u1"><segment><source>Not translated yet.</source></segment></unit></file></xliff>
EOT
check_ok "a segment without a target is not checked" "$TUMAC" check "$WORK/notarget.xlf"
check_eq "... and nothing is reported" "$(wc -c < "$WORK/.out")" "0"
