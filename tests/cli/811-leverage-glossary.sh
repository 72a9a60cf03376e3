# tumac leverage --glossary (issue 19): the office's terms where the
# translator sees them. A TBX with three terms in four languages: each unit
# whose source holds a term (by stem, as the terms check matches) gets the
# entry with the target language's terms, in XLIFF 2.x as the Glossary
# module (<gls:glossary>, valid: tumac validate checks the module), in 1.2
# as notes; forbidden terms are named as such; a unit without a term gets
# nothing; a second run gives the same file; markup in a term stays text. A
# malformed TBX is a located error, exit 1, and the output is not written.
. tests/cli/lib.sh
sed -n '/^cat > "$WORK\/office.tbx"/,/^EOT/p' tests/cli/808-check-terms.sh | sed '1d;$d' > "$WORK/office.tbx"
check_grep "the glossary of CLI 808 is there" "conceptEntry" "$WORK/office.tbx"
for loc in bs hr sr-Latn sr-Cyrl; do
    cat > "$WORK/$loc.xlf" <<EOX
<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="$loc"><file id="f1">
<unit id="u1"><segment id="s1"><source>The Ministries of Finance issued a press release.</source></segment></unit>
<unit id="u2"><segment id="s1"><source>Nothing to see here.</source></segment></unit>
<unit id="u3"><segment id="s1"><source>Two municipalities &amp; more.</source></segment></unit>
</file></xliff>
EOX
    check_ok "$loc: leverage with a glossary" "$TUMAC" leverage -q --tm none --glossary "$WORK/office.tbx" -o "$WORK/$loc-out.xlf" "$WORK/$loc.xlf"
    check_ok "$loc: the output is valid XLIFF (gls module checked)" "$TUMAC" validate "$WORK/$loc-out.xlf"
done
entries() { # FILE UNIT: the unit's glossary as "term=translation|...;" lines
    python3 - "$1" "$2" <<'PY'
import sys, xml.etree.ElementTree as ET
G = "{urn:oasis:names:tc:xliff:glossary:2.0}"
X = "{urn:oasis:names:tc:xliff:document:2.0}"
for u in ET.parse(sys.argv[1]).iter(X + "unit"):
    if u.get("id") != sys.argv[2]:
        continue
    for e in u.iter(G + "glossEntry"):
        t = e.find(G + "term")
        print("%s[%s]=%s%s" % (t.text, t.get("source"), "|".join(x.text for x in e.findall(G + "translation")),
              "".join(";" + d.text for d in e.findall(G + "definition"))))
PY
}
check_eq "bs: both terms of u1 with their bs terms" "$(entries "$WORK/bs-out.xlf" u1)" "Ministry of Finance[office.tbx]=Ministarstvo finansija
press release[office.tbx]=saopćenje"
check_eq "hr: the hr terms" "$(entries "$WORK/hr-out.xlf" u1)" "Ministry of Finance[office.tbx]=Ministarstvo financija
press release[office.tbx]=priopćenje;Do not use: saopćenje"
check_eq "sr-Cyrl: the sr-Latn term serves sr-Cyrl, in Cyrillic" "$(entries "$WORK/sr-Cyrl-out.xlf" u3)" "municipality[office.tbx]=општина"
check_eq "sr-Latn: the same term in Latin" "$(entries "$WORK/sr-Latn-out.xlf" u3)" "municipality[office.tbx]=opština"
check_eq "bs: a forbidden term is named in the definition" "$(entries "$WORK/bs-out.xlf" u3)" "municipality[office.tbx]=općina;Do not use: opština"
check_eq "a unit without a term has no glossary" "$(entries "$WORK/bs-out.xlf" u2)" ""
check_ok "a second run" "$TUMAC" leverage -q --tm none --glossary "$WORK/office.tbx" -o "$WORK/bs-again.xlf" "$WORK/bs-out.xlf"
check_files_same "a second run gives the same file (the glossary replaced, not doubled)" "$WORK/bs-out.xlf" "$WORK/bs-again.xlf"
check_ok "without --glossary the module element is kept as read" "$TUMAC" leverage -q --tm none -o "$WORK/bs-kept.xlf" "$WORK/bs-out.xlf"
check_eq "kept" "$(entries "$WORK/bs-kept.xlf" u1 | wc -l)" "2"

check_ok "1.2: leverage with a glossary" "$TUMAC" leverage -q --tm none --glossary "$WORK/office.tbx" --xliff 1.2 -o "$WORK/bs12.xlf" "$WORK/bs.xlf"
check_ok "1.2: valid" "$TUMAC" validate "$WORK/bs12.xlf"
check_grep "1.2: the entry is a note" '<note from="glossary">Glossary \(office.tbx\): Ministry of Finance = Ministarstvo finansija</note>' "$WORK/bs12.xlf"
check_grep "1.2: a forbidden term in the note" '<note from="glossary">Glossary \(office.tbx\): municipality = općina \(do not use: opština\)</note>' "$WORK/bs12.xlf"
check_eq "1.2: two notes on u1, none on u2" "$(grep -o 'from="glossary"' "$WORK/bs12.xlf" | wc -l)" "3"
check_ok "1.2: a second run" "$TUMAC" leverage -q --tm none --glossary "$WORK/office.tbx" -o "$WORK/bs12-again.xlf" "$WORK/bs12.xlf"
check_files_same "1.2: the notes replaced, not doubled" "$WORK/bs12.xlf" "$WORK/bs12-again.xlf"

cat > "$WORK/markup.tbx" <<'EOT'
<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="m1">
 <langSec xml:lang="en"><termSec><term>R&amp;D</term></termSec></langSec>
 <langSec xml:lang="bs"><termSec><term>istraživanje &amp; razvoj &lt;IR&gt;</term></termSec></langSec>
</conceptEntry></body></text></tbx>
EOT
printf '<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="bs"><file id="f1"><unit id="u1"><segment><source>Money for R&amp;D.</source></segment></unit></file></xliff>\n' > "$WORK/rd.xlf"
check_ok "a term with markup characters" "$TUMAC" leverage -q --tm none --glossary "$WORK/markup.tbx" -o "$WORK/rd-out.xlf" "$WORK/rd.xlf"
check_eq "it stays text" "$(entries "$WORK/rd-out.xlf" u1)" "R&D[markup.tbx]=istraživanje & razvoj <IR>"

printf '<?xml version="1.0"?>\n<tbx>\n<text><body>\n<conceptEntry>\n</body></tbx>\n' > "$WORK/broken.tbx"
check_exit "a malformed TBX exits 1" 1 "$TUMAC" leverage -q --tm none --glossary "$WORK/broken.tbx" -o "$WORK/never.xlf" "$WORK/bs.xlf"
check_grep "it is located" "broken.tbx:[0-9]+(:[0-9]+)?: " "$WORK/.err"
check_no_file "nothing written" "$WORK/never.xlf"
