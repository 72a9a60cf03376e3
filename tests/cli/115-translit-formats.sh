# Issue 20: the same judgement in HTML and XLIFF (targets only): foreign
# spans across inline markup, foreign acronyms, initials back to Latin.
. tests/cli/lib.sh

printf '<!DOCTYPE html>\n<html lang="sr-Latn"><body><p>List <i>The Sunday Telegraph</i> piše o kompaniji L&#39;Oreal i CNN.</p><p>Lj. Popović</p></body></html>\n' > "$WORK/a.html"
check_ok "html to Cyrillic" "$TUMAC" translit --to sr-Cyrl -o "$WORK/a.cyr.html" "$WORK/a.html"
check_grep "foreign title kept inside <i>" '<i>The Sunday Telegraph</i> пише' "$WORK/a.cyr.html"
check_grep "brand and foreign acronym kept" 'компанији L&#39;Oreal и CNN\.' "$WORK/a.cyr.html"
check_ok "html back to Latin" "$TUMAC" translit --to sr-Latn -o "$WORK/a.lat.html" "$WORK/a.cyr.html"
check_grep "initial back as Lj." '<p>Lj\. Popović</p>' "$WORK/a.lat.html"

cat > "$WORK/r.xlf" <<'XLF'
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="r.txt" source-language="en" target-language="sr-Latn" datatype="plaintext">
  <body>
   <trans-unit id="1">
    <source>The Guardian and BBC quoted Lj. Popović</source>
    <target>Prema listu „The Guardian“ i BBC, rekao je Lj. Popović iz OEBS-a</target>
   </trans-unit>
  </body>
 </file>
</xliff>
XLF
check_ok "xliff to Cyrillic" "$TUMAC" translit --to sr-Cyrl -o "$WORK/r.cyr.xlf" "$WORK/r.xlf"
check_grep "target: quote and acronym kept, Serbian converted" \
    'Према листу „The Guardian“ и BBC, рекао је Љ. Поповић из ОЕБС-а' "$WORK/r.cyr.xlf"
check_grep "source untouched" '<source>The Guardian and BBC quoted Lj. Popović</source>' "$WORK/r.cyr.xlf"
check_ok "xliff back to Latin" "$TUMAC" translit --to sr-Latn -o "$WORK/r.lat.xlf" "$WORK/r.cyr.xlf"
check_eq "the target text comes back byte for byte" \
    "$(grep -o '<target[^>]*>[^<]*</target>' "$WORK/r.lat.xlf" | sed 's/<[^>]*>//g')" \
    "$(grep -o '<target>[^<]*</target>' "$WORK/r.xlf" | sed 's/<[^>]*>//g')"
