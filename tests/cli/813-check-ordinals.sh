# tumac check, numbers and ordinals (issue 19). The rule: a figure on one
# side pairs with its ordinal in words on the other in any inflected form
# (the bs/hr/sr adjective endings on the stem of ICU's ordinal: "Category
# 1" = "prve kategorije", "in the 3rd round" = "u trećem krugu"), and a
# date's day with its ordinal before the month ("October 1" = "prvog
# oktobra"); ordinals in digits are values ("3rd" = "3.", "21st" = "21."),
# and an English ordinal word pairs with the digits ("first" = "1.").
# Words on both sides ("third time" = "treći put") are no values at all.
# Not paired: a different ordinal, another month, and 2's inflected forms
# ("drugim", "drugu" are as often "other").
. tests/cli/lib.sh
x="python3 tests/cli/check_xlf.py"
tab=$'\t'

ok_latn="o1${tab}For the 3rd time.${tab}Po 3. put.
o2${tab}The first round.${tab}U 1. krugu.
o3${tab}In the 21st century.${tab}U 21. vijeku.
o4${tab}He came third.${tab}Bio je 3.
o5${tab}The 3rd round.${tab}Treći krug.
o6${tab}In the 3rd round.${tab}U trećem krugu.
o7${tab}A Category 1 hurricane.${tab}Uragan prve kategorije.
o8${tab}It aims to be No.1 in AI.${tab}Cilj je biti na prvom mjestu.
o9${tab}After the October 1 referendum.${tab}Nakon referenduma prvog oktobra.
o10${tab}On 1 October 2018 it began.${tab}Počelo je prvog oktobra 2018.
o11${tab}For the third time.${tab}Po treći put.
o12${tab}The 5th floor.${tab}Na petom spratu.
o13${tab}The 2nd round.${tab}Drugi krug."
ok_hr="o1${tab}After the October 1 referendum.${tab}Nakon referenduma prvog listopada.
o2${tab}In the 4th quarter.${tab}U četvrtom tromjesečju."
ok_cyrl="o1${tab}A Category 1 hurricane.${tab}Ураган прве категорије.
o2${tab}After the October 1 referendum.${tab}Након референдума првог октобра.
o3${tab}In the 3rd round.${tab}У трећем кругу."
for pair in "bs:$ok_latn" "sr-Latn:$ok_latn" "hr:$ok_hr" "sr-Cyrl:$ok_cyrl"; do
    loc=${pair%%:*}
    printf '%s\n' "${pair#*:}" | $x "$loc" "$WORK/ok-$loc.xlf"
    check_ok "$loc: figures and their ordinals pass" "$TUMAC" check --ignore variant --ignore punctuation "$WORK/ok-$loc.xlf"
    check_eq "$loc: no numbers finding" "$(grep -c numbers "$WORK/.out")" "0"
done

bad="b1${tab}A Category 1 hurricane.${tab}Uragan treće kategorije.
b2${tab}In the 3rd round.${tab}U četvrtom krugu.
b3${tab}After the October 1 referendum.${tab}Nakon referenduma prvog novembra.
b4${tab}On 1 October 2018 it began.${tab}Počelo je prvog oktobra 2017.
b5${tab}It beat 2 teams.${tab}Pobijedio je s drugim timovima.
b6${tab}For the 3rd time.${tab}Po 4. put.
b7${tab}The first round.${tab}U 2. krugu.
b8${tab}On October 2 it began.${tab}Počelo je prvog oktobra."
printf '%s\n' "$bad" | $x bs "$WORK/bad.xlf"
check_exit "bs: a wrong ordinal is an error (exit 1)" 1 "$TUMAC" check --ignore variant "$WORK/bad.xlf"
check_eq "bs: every wrong one is reported" "$(grep -c ': error: numbers: ' "$WORK/.out")" "$(grep -c . <<<"$bad")"
check_findings "bs" "$(cat "$WORK/.out")" <<EOF
another ordinal${tab}b1:s1: error: numbers: source 1 missing in the target$
another ordinal, inflected${tab}b2:s1: error: numbers: source 3 missing in the target$
another month${tab}b3:s1: error: numbers: source October 1 missing in the target$
another year${tab}b4:s1: error: numbers: source 1 October 2018 not in the target, which has oktobra 2017. instead$
2's inflected forms are not its ordinal${tab}b5:s1: error: numbers: source 2 missing in the target$
ordinals in digits by value${tab}b6:s1: error: numbers: source 3 not in the target, which has 4 instead$
an English ordinal word against digits${tab}b7:s1: error: numbers: target 2 not in the source$
another day${tab}b8:s1: error: numbers: source October 2 missing in the target$
EOF
