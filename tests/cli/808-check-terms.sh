# tumac check --glossary (issue 19): a TBX (v3, and the TBX-Basic 2008
# martif dialect) with three terms in four languages (en, bs, hr, sr): a
# source term whose target term is absent is an error, an inflected form of
# the target term passes (matched by stem: "Ministarstva finansija"), an
# sr-Latn term matches an sr-Cyrl target (and is named in Cyrillic there), a forbidden (deprecated) term is an
# error. A malformed TBX, a DOCTYPE and a file that is not TBX are errors
# naming file and line, exit 1, and no output written.
. tests/cli/lib.sh
x="python3 tests/cli/check_xlf.py"
tab=$'\t'
cat > "$WORK/office.tbx" <<'EOT'
<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>Press office terms</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="c1">
 <langSec xml:lang="en"><termSec><term>Ministry of Finance</term></termSec></langSec>
 <langSec xml:lang="bs"><termSec><term>Ministarstvo finansija</term></termSec></langSec>
 <langSec xml:lang="hr"><termSec><term>Ministarstvo financija</term></termSec></langSec>
 <langSec xml:lang="sr-Latn"><termSec><term>Ministarstvo finansija</term></termSec></langSec>
</conceptEntry>
<conceptEntry id="c2">
 <langSec xml:lang="en"><termSec><term>municipality</term></termSec></langSec>
 <langSec xml:lang="bs"><termSec><term>općina</term></termSec>
  <termSec><term>opština</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>
 <langSec xml:lang="hr"><termSec><term>općina</term></termSec></langSec>
 <langSec xml:lang="sr-Latn"><termSec><term>opština</term></termSec></langSec>
</conceptEntry>
<conceptEntry id="c3">
 <langSec xml:lang="en"><termSec><term>press release</term></termSec></langSec>
 <langSec xml:lang="bs"><termSec><term>saopćenje</term></termSec></langSec>
 <langSec xml:lang="hr"><termSec><term>priopćenje</term></termSec>
  <termSec><term>saopćenje</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec></langSec>
 <langSec xml:lang="sr-Latn"><termSec><term>saopštenje</term></termSec></langSec>
</conceptEntry>
</body></text></tbx>
EOT
declare -A ok=([bs]="Saopćenje Ministarstva finansija o općinama." [hr]="Priopćenje Ministarstva financija o općinama."
               [sr-Latn]="Saopštenje Ministarstva finansija o opštinama." [sr-Cyrl]="Саопштење Министарства финансија о општинама.")
declare -A miss=([bs]="Vijest Ministarstva novca." [hr]="Vijest Ministarstva novca." [sr-Latn]="Vest Ministarstva novca." [sr-Cyrl]="Вест Министарства новца.")
for loc in bs hr sr-Latn sr-Cyrl; do
    printf 'ok1\tA press release of the Ministry of Finance on municipalities.\t%s\nbad1\tA press release of the Ministry of Finance.\t%s\n' \
        "${ok[$loc]}" "${miss[$loc]}" | $x "$loc" "$WORK/$loc.xlf"
    check_exit "$loc: a missing term exits 1" 1 "$TUMAC" check --glossary "$WORK/office.tbx" "$WORK/$loc.xlf"
    check_eq "$loc: inflected target terms pass" "$(grep -c ':ok1:' "$WORK/.out")" "0"
    want="'Ministarstvo finan[cs]ija'"
    [ "$loc" = sr-Cyrl ] && want="'Министарство финансија'" # the sr-Latn term in the target's script
    check_grep "$loc: the missing term is named" "bad1:s1: error: terms: source term 'Ministry of Finance' is not translated as $want\$" "$WORK/.out"
    check_grep "$loc: the second missing term too" "bad1:s1: error: terms: source term 'press release' is not translated as" "$WORK/.out"
done
printf 'f1\tThe municipality issued a press release.\tOpština je izdala saopćenje.\n' | $x bs "$WORK/bs-forbidden.xlf"
check_exit "bs: a forbidden term exits 1" 1 "$TUMAC" check -g "$WORK/office.tbx" "$WORK/bs-forbidden.xlf"
check_grep "bs: the forbidden term is named" "f1:s1: error: terms: forbidden term 'opština' in the target" "$WORK/.out"
printf 'f1\tThe municipality issued a press release.\tOpćina je izdala saopćenje.\n' | $x hr "$WORK/hr-forbidden.xlf"
check_exit "hr: a superseded term exits 1" 1 "$TUMAC" check -g "$WORK/office.tbx" "$WORK/hr-forbidden.xlf"
check_grep "hr: the superseded term is named" "f1:s1: error: terms: forbidden term 'saopćenje' in the target" "$WORK/.out"
check_grep "hr: and the required one missing" "f1:s1: error: terms: source term 'press release' is not translated as 'priopćenje'" "$WORK/.out"
check_ok "without --glossary no terms check" "$TUMAC" check "$WORK/bs.xlf"

# TBX-Basic 2008 (martif, langSet/tig, ntig/termGrp)
cat > "$WORK/basic.tbx" <<'EOT'
<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
<martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="t1">
 <langSet xml:lang="en"><tig><term>Ministry of Finance</term></tig></langSet>
 <langSet xml:lang="bs"><ntig><termGrp><term>Ministarstvo finansija</term></termGrp></ntig></langSet>
</termEntry>
</body></text></martif>
EOT
check_exit "TBX-Basic 2008: the missing term" 1 "$TUMAC" check -g "$WORK/basic.tbx" "$WORK/bs.xlf"
check_grep "... is named" "bad1:s1: error: terms: source term 'Ministry of Finance'" "$WORK/.out"

# bad glossaries: located errors, exit 1, no output
head -c 900 "$WORK/office.tbx" > "$WORK/cut.tbx"
check_exit "a cut TBX is an error" 1 "$TUMAC" check -g "$WORK/cut.tbx" -o "$WORK/out.txt" "$WORK/bs.xlf"
check_grep "... naming file and line" "cut.tbx:[0-9]+:[0-9]+: not well-formed XML" "$WORK/.err"
check_no_file "... and no output written" "$WORK/out.txt"
printf '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY a "aaaa">]>\n<tbx><text><body/></text></tbx>\n' > "$WORK/dtd.tbx"
check_exit "a DOCTYPE is refused" 1 "$TUMAC" check -g "$WORK/dtd.tbx" "$WORK/bs.xlf"
check_grep "... at its line" "dtd.tbx:2:1: DOCTYPE is not allowed in TBX files" "$WORK/.err"
printf '<?xml version="1.0"?>\n<tbx><text><body>\n<conceptEntry id="c1">\n<langSec><termSec><term>x</term></termSec></langSec>\n</conceptEntry></body></text></tbx>\n' > "$WORK/nolang.tbx"
check_exit "a language section without xml:lang" 1 "$TUMAC" check -g "$WORK/nolang.tbx" "$WORK/bs.xlf"
check_grep "... at its line" "nolang.tbx:4: <langSec> without xml:lang" "$WORK/.err"
printf '<?xml version="1.0"?>\n<glossary/>\n' > "$WORK/other.tbx"
check_exit "not TBX" 1 "$TUMAC" check -g "$WORK/other.tbx" "$WORK/bs.xlf"
check_grep "... says so" "other.tbx:2: not a TBX file: the root is <glossary>" "$WORK/.err"
check_exit "a missing glossary" 1 "$TUMAC" check -g "$WORK/none.tbx" "$WORK/bs.xlf"
check_grep "... is named" "none.tbx" "$WORK/.err"
