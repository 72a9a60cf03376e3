# tumac check, numbers (issue 19): every number and date of the source is in
# the target by value, in each locale's style. Fires on a changed digit, a
# missing and an added value in bs, hr, sr-Latn and sr-Cyrl; stays quiet on
# the same values written the target's way: grouping (1,500 / 1.500 / 1500),
# decimals (12.5 / 12,5), scale words (30,000 / 30 hiljada), dates in each
# style (14 October 2025 / 14. oktobra 2025. / 14. listopada 2025. / 14.
# октобра 2025.), a month in the locative (in September 2025 / u septembru
# 2025.), a time (3 p.m. / 15 h), a number in words (13-year-old /
# trinaestogodišnji) and a phone number grouped by spaces.
. tests/cli/lib.sh
x="python3 tests/cli/check_xlf.py"
tab=$'\t'

ok_bs="q1${tab}Since 2022, 1,500 teachers from 52 municipalities took part.${tab}Od 2022. godine učestvovalo je 1.500 nastavnika iz 52 općine.
q2${tab}A budget of 12.5 million and 30,000 visitors.${tab}Budžet od 12,5 miliona i 30 hiljada posjetilaca.
q3${tab}The fair opens on 14 October 2025.${tab}Sajam se otvara 14. oktobra 2025.
q4${tab}It closed in September 2025.${tab}Zatvoren je u septembru 2025.
q5${tab}The talks start at 3 p.m. on Monday.${tab}Razgovori počinju u 15 h u ponedjeljak.
q6${tab}A 13-year-old boy was hurt.${tab}Povrijeđen je trinaestogodišnji dječak.
q7${tab}Call 0800 555 111 today.${tab}Nazovite 0800 555 111 danas.
q8${tab}It cost £125m.${tab}Koštalo je 125 miliona funti.
q9${tab}The train leaves at 5.30 p.m. and 12:55 a.m.${tab}Voz polazi u 17.30 i u 0:55."
ok_hr="q1${tab}Since 2022, 1,500 teachers from 52 municipalities took part.${tab}Od 2022. sudjelovalo je 1500 nastavnika iz 52 općine.
q2${tab}A budget of 12.5 million and 30,000 visitors.${tab}Proračun od 12,5 milijuna i 30 tisuća posjetitelja.
q3${tab}The fair opens on 14 October 2025.${tab}Sajam se otvara 14. listopada 2025.
q4${tab}It closed in September 2025.${tab}Zatvoren je u rujnu 2025.
q5${tab}The talks start at 3 p.m. on Monday.${tab}Razgovori počinju u 15 sati u ponedjeljak."
ok_srl="q1${tab}Since 2022, 1,500 teachers from 52 municipalities took part.${tab}Od 2022. godine učestvovalo je 1.500 nastavnika iz 52 opštine.
q2${tab}A budget of 12.5 million and 30,000 visitors.${tab}Budžet od 12,5 miliona i 30 hiljada posetilaca.
q3${tab}The fair opens on 14 October 2025.${tab}Sajam se otvara 14. oktobra 2025. godine."
ok_src="q1${tab}Since 2022, 1,500 teachers from 52 municipalities took part.${tab}Од 2022. године учествовало је 1.500 наставника из 52 општине.
q2${tab}A budget of 12.5 million and 30,000 visitors.${tab}Буџет од 12,5 милиона и 30 хиљада посетилаца.
q3${tab}The fair opens on 14 October 2025.${tab}Сајам се отвара 14. октобра 2025.
q4${tab}Two buses left.${tab}Отишла су 2 аутобуса."

for pair in "bs:$ok_bs" "hr:$ok_hr" "sr-Latn:$ok_srl" "sr-Cyrl:$ok_src"; do
    loc=${pair%%:*}
    printf '%s\n' "${pair#*:}" | $x "$loc" "$WORK/ok-$loc.xlf"
    check_ok "$loc: values in the target's style pass" "$TUMAC" check --ignore quotes "$WORK/ok-$loc.xlf"
    check_eq "$loc: no numbers finding" "$(grep -c numbers "$WORK/.out")" "0"
done

bad_bs="b1${tab}Since 2022, 1,500 teachers took part.${tab}Od 2022. godine učestvovalo je 1.600 nastavnika.
b2${tab}Since 2022, 1,500 teachers took part.${tab}Od 2022. godine učestvovali su nastavnici.
b3${tab}The fair opens on 14 October 2025.${tab}Sajam se otvara 15. oktobra 2025.
b4${tab}Teachers took part.${tab}Učestvovalo je 40 nastavnika.
b5${tab}The train leaves at 5.30 p.m.${tab}Voz polazi u 17.40."
bad_hr="b1${tab}Since 2022, 1,500 teachers took part.${tab}Od 2022. sudjelovalo je 1600 nastavnika.
b2${tab}A budget of 12.5 million.${tab}Proračun od 12,6 milijuna.
b3${tab}The fair opens on 14 October 2025.${tab}Sajam se otvara 14. studenoga 2025."
bad_srl="b1${tab}30,000 visitors came.${tab}Došlo je 35 hiljada posetilaca."
bad_src="b1${tab}30,000 visitors came.${tab}Дошло је 3 хиљаде посетилаца.
b2${tab}The fair opens on 14 October 2025.${tab}Сајам се отвара 14. октобра 2024."
for pair in "bs:$bad_bs" "hr:$bad_hr" "sr-Latn:$bad_srl" "sr-Cyrl:$bad_src"; do
    loc=${pair%%:*}
    printf '%s\n' "${pair#*:}" | $x "$loc" "$WORK/bad-$loc.xlf"
    n=$(printf '%s\n' "${pair#*:}" | grep -c .)
    check_exit "$loc: a wrong value is an error (exit 1)" 1 "$TUMAC" check "$WORK/bad-$loc.xlf"
    check_eq "$loc: one numbers error per bad segment" "$(grep -c ': error: numbers: ' "$WORK/.out")" "$n"
done
check_grep "the message names both values" "bad-bs.xlf:b1:s1: error: numbers: source 1,500 not in the target, which has 1.600 instead" <("$TUMAC" check "$WORK/bad-bs.xlf")
check_grep "a dropped value is named" "b2:s1: error: numbers: source 1,500 missing in the target" <("$TUMAC" check "$WORK/bad-bs.xlf")
check_grep "an added value is named" "b4:s1: error: numbers: target 40 not in the source" <("$TUMAC" check "$WORK/bad-bs.xlf")
check_grep "a changed month is a wrong date" "b3:s1: error: numbers: source 14 October 2025 not in the target" <("$TUMAC" check "$WORK/bad-hr.xlf")
check_exit "--warn numbers: the same findings are warnings, exit 0" 0 "$TUMAC" check --warn numbers "$WORK/bad-hr.xlf"
check_grep "... reported as warnings" ": warning: numbers: " "$WORK/.out"
