# tumac translit --format xliff: only target text changes (segment targets
# and match targets); codes, source and attributes stay; the target language
# becomes the --to tag. Batch's derived sr-Cyrl XLIFF is the same call
# (tu_doc_translit): translit of batch's sr-Latn file gives the same bytes.
. tests/cli/lib.sh

cat > "$WORK/r.xlf" <<'XLF'
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="r.txt" source-language="en" target-language="sr-Latn" datatype="plaintext">
  <body>
   <trans-unit id="1">
    <source>The <g id="1">new</g> bridge</source>
    <target>Novi <g id="1">most</g> u Ljubljani, www.osce.org</target>
   </trans-unit>
  </body>
 </file>
</xliff>
XLF
check_ok "translit an XLIFF 1.2 file" "$TUMAC" translit --to sr-Cyrl -o "$WORK/r.cyr.xlf" "$WORK/r.xlf"
check_grep "target converted" 'Нови' "$WORK/r.cyr.xlf"
check_grep "code kept in target" 'мост' "$WORK/r.cyr.xlf"
check_grep "url kept" 'www.osce.org' "$WORK/r.cyr.xlf"
check_grep "source untouched" 'bridge' "$WORK/r.cyr.xlf"
check_grep "target language set" 'target-language="sr-Cyrl"' "$WORK/r.cyr.xlf"
check_ok "and back to Latin" "$TUMAC" translit --to sr-Latn -o "$WORK/r.lat.xlf" "$WORK/r.cyr.xlf"
check_grep "back to Latin" 'Novi' "$WORK/r.lat.xlf"
check_grep "Ljubljani back" 'Ljubljani' "$WORK/r.lat.xlf"

# A leveraged XLIFF 2.1 file from batch, with <mtc:match> candidates.
new=samples/new/workshop-media-literacy-tuzla.en.txt
check_ok "TM from the samples" "$TUMAC" tm import --tm "$WORK/tm.db" tm/samples.tmx
check_ok "batch into sr-Latn and sr-Cyrl" \
    "$TUMAC" batch --tm "$WORK/tm.db" -s en -t sr-Latn,sr-Cyrl -q -o "$WORK/out" "$new"
lat=$WORK/out/sr-Latn/workshop-media-literacy-tuzla.xlf
cyr=$WORK/out/sr-Cyrl/workshop-media-literacy-tuzla.xlf
check_grep "the Latin file has match targets in Latin" '<mtc:match .*<target>Misija OEBS-a' "$lat"
check_ok "translit the Latin file" "$TUMAC" translit --to sr-Cyrl -o "$WORK/tl.xlf" "$lat"
check_eq "no match target left in Latin" "$(grep -c '<target>Misija OEBS-a' "$WORK/tl.xlf")" 0
check_grep "match targets in Cyrillic" '<mtc:match .*<target>Мисија ОЕБС-а' "$WORK/tl.xlf"
check_files_same "translit gives batch's sr-Cyrl file" "$cyr" "$WORK/tl.xlf"
