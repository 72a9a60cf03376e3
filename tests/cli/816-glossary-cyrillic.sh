# Glossary entries in the target's script (issue 19): an sr-Cyrl target is
# shown the TBX's own sr-Cyrl term where the entry has one, else its sr-Latn
# term transliterated, in leverage's entries, in batch's (a derived sr-Cyrl
# locale is annotated again after its transliteration, 2.x and 1.2) and in
# the terms check's message; an sr-Latn target keeps the Latin terms. A
# Cyrillic target matches a Latin term and the reverse (keys fold scripts).
. tests/cli/lib.sh
x="python3 tests/cli/check_xlf.py"
tab=$'\t'
sed -n '/^cat > "$WORK\/office.tbx"/,/^EOT/p' tests/cli/808-check-terms.sh | sed '1d;$d' > "$WORK/office.tbx"
# the same glossary with a Cyrillic term of its own for one entry
sed 's|<langSec xml:lang="sr-Latn"><termSec><term>opština</term></termSec></langSec>|&\n <langSec xml:lang="sr-Cyrl"><termSec><term>општина-из-ТБХ</term></termSec></langSec>|' \
    "$WORK/office.tbx" > "$WORK/own.tbx"
check_grep "the TBX has its own sr-Cyrl term" 'sr-Cyrl' "$WORK/own.tbx"
mkdir -p "$WORK/in"
printf 'The Ministry of Finance issued a press release on municipalities.\n' > "$WORK/in/r.en.txt"
terms() { grep -o '<gls:translation>[^<]*' "$1" | sed 's/<gls:translation>//' | tr '\n' ' '; }

check_ok "batch sr-Latn and its derived sr-Cyrl" "$TUMAC" batch --tm none -s en -t sr-Latn,sr-Cyrl -q \
    --glossary "$WORK/office.tbx" -o "$WORK/b" "$WORK/in"
check_eq "sr-Latn: the Latin terms" "$(terms "$WORK/b/sr-Latn/r.xlf")" "Ministarstvo finansija opština saopštenje "
check_eq "sr-Cyrl: the same in Cyrillic" "$(terms "$WORK/b/sr-Cyrl/r.xlf")" "Министарство финансија општина саопштење "
check_ok "sr-Cyrl: valid" "$TUMAC" validate "$WORK/b/sr-Cyrl/r.xlf"
check_ok "1.2" "$TUMAC" batch --tm none -s en -t sr-Latn,sr-Cyrl -q --xliff 1.2 \
    --glossary "$WORK/office.tbx" -o "$WORK/b12" "$WORK/in"
check_grep "1.2 sr-Cyrl: the note in Cyrillic" '<note from="glossary">Glossary \(office.tbx\): municipality = општина</note>' "$WORK/b12/sr-Cyrl/r.xlf"
check_eq "1.2 sr-Cyrl: three glossary notes, not six" "$(grep -o 'from="glossary"' "$WORK/b12/sr-Cyrl/r.xlf" | wc -l)" "3"
check_ok "sr-Cyrl alone" "$TUMAC" batch --tm none -s en -t sr-Cyrl -q --glossary "$WORK/office.tbx" -o "$WORK/c" "$WORK/in"
check_eq "... Cyrillic too" "$(terms "$WORK/c/sr-Cyrl/r.xlf")" "Министарство финансија општина саопштење "
check_ok "a TBX with its own sr-Cyrl term" "$TUMAC" batch --tm none -s en -t sr-Latn,sr-Cyrl -q \
    --glossary "$WORK/own.tbx" -o "$WORK/o" "$WORK/in"
check_eq "sr-Cyrl: the TBX's own Cyrillic term, not a transliteration" "$(terms "$WORK/o/sr-Cyrl/r.xlf")" "Министарство финансија општина-из-ТБХ саопштење "
check_eq "sr-Latn: the Latin term, not the Cyrillic one" "$(terms "$WORK/o/sr-Latn/r.xlf")" "Ministarstvo finansija opština saopštenje "

printf 'm1\tThe Ministry of Finance.\tВест Министарства новца.\nf1\tThe municipality decided.\tOpština je odlučila.\n' | $x sr-Cyrl "$WORK/cyr.xlf"
cat > "$WORK/forbid.tbx" <<'EOT'
<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="c1">
 <langSec xml:lang="en"><termSec><term>Ministry of Finance</term></termSec></langSec>
 <langSec xml:lang="sr-Latn"><termSec><term>Ministarstvo finansija</term></termSec></langSec>
</conceptEntry>
<conceptEntry id="c2">
 <langSec xml:lang="en"><termSec><term>municipality</term></termSec></langSec>
 <langSec xml:lang="sr-Latn"><termSec><term>opština</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
  <termSec><term>grad</term></termSec></langSec>
</conceptEntry></body></text></tbx>
EOT
check_exit "check sr-Cyrl against sr-Latn terms" 1 "$TUMAC" check --ignore script -g "$WORK/forbid.tbx" "$WORK/cyr.xlf"
check_findings "sr-Cyrl" "$(cat "$WORK/.out")" <<EOT
the missing term named in Cyrillic${tab}m1:s1: error: terms: source term 'Ministry of Finance' is not translated as 'Министарство финансија'$
a forbidden Latin term in Cyrillic${tab}f1:s1: error: terms: forbidden term 'општина' in the target$
EOT
