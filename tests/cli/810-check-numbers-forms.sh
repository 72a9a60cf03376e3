# tumac check, numbers (issue 19): the forms real translations write that
# NTREX-128 showed (tests/cli/809), each quiet when the value is the same
# and an error when it is not: an English month abbreviation ("Oct. 2,
# 1968"), an age compound in words ("44-year-old" ->
# "četrdesetčetverogodišnjakinja", "dvadesetdevetogodišnji"), bs's standard
# numerals (jedanaest, šesnaest; CLDR's bs rules have others), a scale word
# in the accusative ("3,1 milijardu"), hr's "studenog", a Cyrillic word
# with Latin look-alikes ("милиoнa"), a decade ("1980s" -> "80-ih"), a
# range's short end ("1950-53"), a season code ("SS19" -> 2019.), a time
# on the hour ("04:00" -> "4 sata"), minutes in words ("quarter-hour" ->
# "15. minuti"), feet and inches converted, a hundred in a compound.
. tests/cli/lib.sh
x="python3 tests/cli/check_xlf.py"
tab=$'\t'

ok_bs="q1${tab}Troops fired on the plaza on Oct. 2, 1968, and on Nov. 6.${tab}Vojska je pucala na trgu 2. oktobra 1968. i 6. novembra.
q2${tab}The 44-year-old and a 32-year-old man.${tab}Četrdesetčetverogodišnjakinja i tridesetdvogodišnji muškarac.
q3${tab}Holt went with the same Livi 11 and a 16-year-old.${tab}Holt je izabrao istih jedanaest igrača i šesnaestogodišnjaka.
q4${tab}It reached €3.1billion.${tab}Dostigla je 3,1 milijardu eura.
q5${tab}It happened in the 1980s, in the 1950-53 war.${tab}Desilo se 80-ih, u ratu od 1950. do 1953.
q6${tab}Their SS19 collection.${tab}Njihova kolekcija za proljeće i ljeto 2019.
q7${tab}He was found at about 04:00 BST.${tab}Pronađen je oko 4 sata ujutro.
q8${tab}A penalty on the quarter-hour mark.${tab}Penal u 15. minuti.
q9${tab}The 6-foot-6 forward.${tab}Krilni igrač visok 198 cm.
q10${tab}Around 200 times the power.${tab}Dvjestostruka snaga."
ok_hr="q1${tab}After November 6, I will decide.${tab}Nakon 6. studenog odlučit ću.
q2${tab}The 24-year-old said.${tab}Dvadesetčetverogodišnjak je izjavio."
ok_srl="q1${tab}The Scot, 42, is relishing it.${tab}Četrdesetdvogodišnji Škot uživa."
ok_src="q1${tab}More than 19 million actions on November 6 and in June 2009.${tab}Вишe oд 19 милиoнa aкциja 6. нoвeмбрa и у jуну 2009. гoдинe.
q2${tab}Palin, 29, of Wasilla.${tab}Двадесетдеветогодишњи Пејлин из Василе."
for pair in "bs:$ok_bs" "hr:$ok_hr" "sr-Latn:$ok_srl" "sr-Cyrl:$ok_src"; do
    loc=${pair%%:*}
    printf '%s\n' "${pair#*:}" | $x "$loc" "$WORK/ok-$loc.xlf"
    check_ok "$loc: the same values in these forms pass" "$TUMAC" check --ignore quotes --ignore script --ignore punctuation "$WORK/ok-$loc.xlf"
    check_eq "$loc: no numbers finding" "$(grep -c numbers "$WORK/.out")" "0"
done

bad_bs="b1${tab}Troops fired on Oct. 2, 1968.${tab}Vojska je pucala 3. oktobra 1968.
b2${tab}The 44-year-old was found.${tab}Četrdesetpetogodišnjakinja je pronađena.
b3${tab}It reached €3.1billion.${tab}Dostigla je 3,2 milijardu eura.
b4${tab}It happened in the 1980s.${tab}Desilo se 70-ih.
b5${tab}Their SS19 collection.${tab}Njihova kolekcija za 2018.
b6${tab}It beat 2 other teams.${tab}Pobijedio je druge timove.
b7${tab}He was found at 04:00.${tab}Pronađen je u 5 sati."
bad_src="b1${tab}More than 19 million actions.${tab}Вишe oд 18 милиoнa aкциja."
for pair in "bs:$bad_bs" "sr-Cyrl:$bad_src"; do
    loc=${pair%%:*}
    printf '%s\n' "${pair#*:}" | $x "$loc" "$WORK/bad-$loc.xlf"
    n=$(printf '%s\n' "${pair#*:}" | grep -c .)
    check_exit "$loc: a wrong value in these forms is an error (exit 1)" 1 "$TUMAC" check --ignore script "$WORK/bad-$loc.xlf"
    check_eq "$loc: one numbers error per bad segment" "$(grep -c ': error: numbers: ' "$WORK/.out")" "$n"
done
check_grep "an abbreviated month's date is named" "b1:s1: error: numbers: source Oct. 2, 1968 not in the target" <("$TUMAC" check "$WORK/bad-bs.xlf")
check_grep "an ordinal-like word is not the number (drugi: other)" "b6:s1: error: numbers: source 2 missing in the target" <("$TUMAC" check "$WORK/bad-bs.xlf")
