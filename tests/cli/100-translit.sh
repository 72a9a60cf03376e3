# tumac translit: both directions, digraph exceptions, protected spans, caps,
# --keep/--terms/--acronyms, html, round trip, line for line on stdin.
. tests/cli/lib.sh

tr_eq() { # WHAT TO INPUT WANT [options...]
    local what=$1 to=$2 in=$3 want=$4; shift 4
    check_eq "$what" "$(printf '%s\n' "$in" | "$TUMAC" translit --no-foreign --to "$to" "$@")" "$want"
}

tr_eq "digraphs" sr-Cyrl "Ljubljana LJUBLJANA Njegoš NJEGOŠ Džep DŽEP" "Љубљана ЉУБЉАНА Његош ЊЕГОШ Џеп ЏЕП"
tr_eq "d|ž exceptions" sr-Cyrl "nadživeti podžupan Podžanr odžaliti" "надживети поджупан Поджанр оджалити"
tr_eq "n|j exceptions" sr-Cyrl "injekcija konjunkcija Tanjug vanjezički TANJUG" "инјекција конјункција Танјуг ванјезички ТАНЈУГ"
tr_eq "exceptions only at word start" sr-Cyrl "odžak kanjon konj konjski" "оџак кањон коњ коњски"
tr_eq "ne/naj prefixes" sr-Cyrl "nekonjugovan nenadživljen" "неконјугован ненадживљен"
tr_eq "other digraphs in an exception word" sr-Cyrl "nadživljavanje" "надживљавање"
tr_eq "dablju whole word" sr-Cyrl "dablju" "даблју"
tr_eq "diacritics" sr-Cyrl "Đurđevdan ćevapi čaša šuma žaba" "Ђурђевдан ћевапи чаша шума жаба"
tr_eq "urls and mail" sr-Cyrl "Vidi www.osce.org/bih, https://osce.org/a?b=c ili piši na press@osce.org." "Види www.osce.org/bih, https://osce.org/a?b=c или пиши на press@osce.org."
tr_eq "handles and hashtags" sr-Cyrl "Pratite @OSCE_BiH i #Mostar" "Пратите @OSCE_BiH и #Mostar"
tr_eq "file names" sr-Cyrl "Preuzmite izvjestaj.pdf i Tabela.xlsx" "Преузмите izvjestaj.pdf и Tabela.xlsx"
tr_eq "placeholders" sr-Cyrl "Ima %d poruka od %1\$s za {0} i {ime}" "Има %d порука од %1\$s за {0} и {ime}"
tr_eq "markup and entities" sr-Cyrl "<b class=\"x\">Novi</b> &amp; &#269;" "<b class=\"x\">Нови</b> &amp; &#269;"
tr_eq "roman numerals" sr-Cyrl "Petar II i XXI vek, Luj XIV, Petar I" "Петар II и XXI век, Луј XIV, Петар I"
tr_eq "sentence-initial I is a word" sr-Cyrl "I tako dalje." "И тако даље."
tr_eq "q w x y words" sr-Cyrl "Windows, quorum, Yahoo, fax ostaju" "Windows, quorum, Yahoo, fax остају"
tr_eq "identifiers" sr-Cyrl "CO2 H2O snake_case JavaScript iPhone A4" "CO2 H2O snake_case JavaScript iPhone A4"
tr_eq "BiH is not an identifier" sr-Cyrl "u BiH-u" "у БиХ-у"
tr_eq "acronyms convert" sr-Cyrl "NATO, EU i OEBS" "НАТО, ЕУ и ОЕБС"
tr_eq "acronyms keep" sr-Cyrl "NATO, EU i OEBS" "NATO, EU и OEBS" --acronyms keep
tr_eq "all-caps headline" sr-Cyrl "VI STE POZVANI: MISIJA OEBS-A U BIH" "ВИ СТЕ ПОЗВАНИ: МИСИЈА ОЕБС-А У БИХ"
tr_eq "cyrillic to latin" sr-Latn "Џеп ЏЕП Љубљана ЊЕГОШ Ђурђевдан" "Džep DŽEP Ljubljana NJEGOŠ Đurđevdan"
tr_eq "cyrillic exceptions back" sr-Latn "надживети инјекција" "nadživeti injekcija"
tr_eq "bosnian cyrillic" bs-Cyrl "Džamija i hodža" "Џамија и хоџа"
tr_eq "bosnian latin" bs-Latn "Џамија и хоџа" "Džamija i hodža"
tr_eq "mixed text to latin keeps latin" sr-Latn "Нови OSCE пројекат" "Novi OSCE projekat"
tr_eq "cyrillic input to cyrillic" sr-Cyrl "Већ ћирилица" "Већ ћирилица"

printf 'CNN\nHelvetica\n' > "$WORK/keep.txt"
tr_eq "--keep" sr-Cyrl "CNN i BBC, font Helvetica" "CNN и ББЦ, фонт Helvetica" --keep "$WORK/keep.txt"
printf 'OSCE\tОЕБС\nChristian Schmidt = Кристијан Шмит\n' > "$WORK/terms.txt"
tr_eq "--terms" sr-Cyrl "OSCE i Christian Schmidt" "ОЕБС и Кристијан Шмит" --terms "$WORK/terms.txt"

check_eq "foreign words stay latin (hunspell)" \
    "$(echo 'Projekat Strong Cities Network, taster Caps Lock' | "$TUMAC" translit --to sr-Cyrl)" \
    "Пројекат Strong Cities Network, тастер Caps Lock"

# Same number of lines, empty lines kept.
printf 'Prvi red\n\nTreći red\n' > "$WORK/lines.txt"
check_eq "line count kept" "$("$TUMAC" translit --to sr-Cyrl < "$WORK/lines.txt" | wc -l)" 3

# Round trip Latin -> Cyrillic -> Latin on every Latin input of this test.
cat > "$WORK/rt.txt" <<'TXT'
Ljubljana LJUBLJANA Njegoš NJEGOŠ Džep DŽEP nadživeti podžupan injekcija konjunkcija
Tanjug vanjezički odžak kanjon nekonjugovan nadživljavanje dablju Đurđevdan ćevapi
Vidi www.osce.org/bih, piši na press@osce.org, @OSCE_BiH #Mostar izvjestaj.pdf
Ima %d poruka od %1$s za {0} i {ime}; <b class="x">Novi</b> &amp; Petar II i XXI vek.
I tako dalje: VI STE POZVANI: MISIJA OEBS-A U BIH, NATO, EU, BiH-u, CO2, JavaScript.
Windows, quorum, Yahoo, Strong Cities Network, Caps Lock.
TXT
check_ok "to cyrillic" "$TUMAC" translit --to sr-Cyrl -o "$WORK/rt.cyr" "$WORK/rt.txt"
check_ok "and back" "$TUMAC" translit --to sr-Latn -o "$WORK/rt.lat" "$WORK/rt.cyr"
check_files_same "round trip is the original" "$WORK/rt.txt" "$WORK/rt.lat"

# HTML: text and alt/title only; lang updated; scripts, styles, URLs untouched.
cat > "$WORK/p.html" <<'HTML'
<!DOCTYPE html>
<html lang="sr-Latn"><head><title>Novi most</title>
<style>p.novi { color: red }</style><script>var naslov = "Novi most";</script></head>
<body><p class="novi" title="Naslov"><a href="https://osce.org/novi-most">Novi most</a>
<img src="most.png" alt="Stari most"> <!-- komentar ostaje --></p></body></html>
HTML
check_ok "html" "$TUMAC" translit --to sr-Cyrl -o "$WORK/p.cyr.html" "$WORK/p.html"
check_grep "html text converted" '<title>Нови мост</title>' "$WORK/p.cyr.html"
check_grep "html lang updated" '<html lang="sr-Cyrl">' "$WORK/p.cyr.html"
check_grep "html title attribute converted" 'class="novi" title="Наслов"' "$WORK/p.cyr.html"
check_grep "html alt converted, src kept" 'src="most.png" alt="Стари мост"' "$WORK/p.cyr.html"
check_grep "html href kept" 'href="https://osce.org/novi-most">Нови мост' "$WORK/p.cyr.html"
check_grep "html script kept" 'var naslov = "Novi most";' "$WORK/p.cyr.html"
check_grep "html style kept" 'p.novi \{ color: red \}' "$WORK/p.cyr.html"
check_grep "html comment kept" '<!-- komentar ostaje -->' "$WORK/p.cyr.html"
check_ok "html back" "$TUMAC" translit --to sr-Latn -o "$WORK/p.lat.html" "$WORK/p.cyr.html"
check_eq "html round trip (but lang)" "$(sed 's/sr-Cyrl/sr-Latn/' "$WORK/p.cyr.html" | "$TUMAC" translit --to sr-Latn --format html)" "$(cat "$WORK/p.html")"

# HTML goes through the HTML filter: meta description, translate="no" and the
# samples' published Cyrillic pages ("1,2 mil. KM": a native abbreviation).
cat > "$WORK/m.html" <<'HTML'
<!DOCTYPE html>
<html lang="sr-Latn"><head><meta name="description" content="Novi most u Mostaru"></head>
<body><p>Sastanak <span translate="no">Novi most</span> u 10 sati.</p></body></html>
HTML
check_ok "html with meta" "$TUMAC" translit --to sr-Cyrl -o "$WORK/m.cyr.html" "$WORK/m.html"
check_grep "meta description converted" 'content="Нови мост у Мостару"' "$WORK/m.cyr.html"
check_grep "translate=no kept" '<span translate="no">Novi most</span>' "$WORK/m.cyr.html"
for f in samples/*.sr-Latn.html; do
    check_eq "$(basename "$f") gives the published Cyrillic page" \
        "$("$TUMAC" translit --to sr-Cyrl "$f")" "$(cat "${f%.sr-Latn.html}.sr-Cyrl.html")"
done
printf '<p>Novi most\n' > "$WORK/trunc.html"
check_ok "unclosed HTML is still HTML5 (parsed as a browser would)" \
    "$TUMAC" translit --to sr-Cyrl -o "$WORK/trunc.cyr.html" "$WORK/trunc.html"
check_grep "unclosed paragraph converted" 'Нови мост' "$WORK/trunc.cyr.html"

# Foreign-word judgement: compounds are never half converted; 's stays with its word.
check_eq "compounds convert whole" \
    "$(echo "pit-stop i plej-of, Brink's prodavnica" | "$TUMAC" translit --to sr-Cyrl)" \
    "пит-стоп и плеј-оф, Brink's продавница"
check_eq "short words are not judged foreign" \
    "$(echo 'Ho i Le su imena' | "$TUMAC" translit --to sr-Cyrl)" "Хо и Ле су имена"
