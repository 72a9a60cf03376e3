# tumac check, numbers (issue 19): the abbreviations of magnitudes in the
# project's lists (src/text/data/abbrev-bcs*.txt, scale column; make gen)
# are scales beside CLDR's short forms: "2,8 mlrd." (hr CLDR has "mlr."),
# "5 mln.", "30 hilj.", "30 tis.", "мил.", "млрд.", "хиљ.", "млн." are
# read by value, and a wrong value written with them is still an error.
. tests/cli/lib.sh
x="python3 tests/cli/check_xlf.py"
tab=$'\t'

ok_hr="a1${tab}A market worth £2.8bn.${tab}Tržište vrijedno 2,8 mlrd. GBP.
a2${tab}For £125m.${tab}Za 125 mil. GBP.
a3${tab}Worth \$5 million.${tab}Vrijedno 5 mln. USD.
a4${tab}Some 30,000 people.${tab}Oko 30 tis. ljudi."
ok_bs="a1${tab}A market worth £2.8bn.${tab}Tržište vrijedno 2,8 mlrd. GBP.
a2${tab}Some 30,000 people.${tab}Oko 30 hilj. ljudi.
a3${tab}Worth 1.5 million KM.${tab}Vrijedan 1,5 mln. KM."
ok_srl="a1${tab}Worth 3 billion dinars.${tab}Vredno 3 mlrd. dinara.
a2${tab}Some 30,000 people.${tab}Oko 30 hilj. ljudi."
ok_src="a1${tab}A market worth £2.8bn.${tab}Тржиште вредно 2,8 млрд. фунти.
a2${tab}Some 30,000 people.${tab}Око 30 хиљ. људи.
a3${tab}Worth \$5 million.${tab}Вредно 5 млн. долара.
a4${tab}For £125m.${tab}За 125 мил. фунти."
for pair in "hr:$ok_hr" "bs:$ok_bs" "sr-Latn:$ok_srl" "sr-Cyrl:$ok_src"; do
    loc=${pair%%:*}
    printf '%s\n' "${pair#*:}" | $x "$loc" "$WORK/ok-$loc.xlf"
    check_ok "$loc: the abbreviated magnitudes pass" "$TUMAC" check --ignore variant "$WORK/ok-$loc.xlf"
    check_eq "$loc: no numbers finding" "$(grep -c numbers "$WORK/.out")" "0"
done

bad="b1${tab}Worth \$4 billion.${tab}Vrijedno 5 mlrd. USD.
b2${tab}Worth \$5 million.${tab}Vrijedno 5 mlrd. USD.
b3${tab}Some 30,000 people.${tab}Oko 30 mln. ljudi."
printf '%s\n' "$bad" | $x hr "$WORK/bad.xlf"
check_exit "hr: a wrong magnitude is an error (exit 1)" 1 "$TUMAC" check "$WORK/bad.xlf"
check_findings "hr" "$(cat "$WORK/.out")" <<EOT
another mantissa${tab}b1:s1: error: numbers: source 4 billion not in the target, which has 5 mlrd. instead$
another magnitude${tab}b2:s1: error: numbers: source 5 million not in the target, which has 5 mlrd. instead$
mln. is a million, not a thousand${tab}b3:s1: error: numbers: source 30,000 not in the target, which has 30 mln. instead$
EOT

# the list is the input: a scale on a form that is no B abbreviation, or
# not a power of a thousand, stops the generator at its line
cp src/text/data/abbrev-bcs-extra.txt "$WORK/extra.txt"
printf 'abbr\tzzq.\tB\thr\t10^5 nothing\n' >> "$WORK/extra.txt"
check_exit "a bad scale stops the generator" 1 python3 src/text/segment-abbrev.py \
    src/text/data/abbrev-bcs.txt "$WORK/extra.txt" src/text/data/abbrev-en.txt
check_grep "... naming file and line" "extra.txt:$(grep -c '' "$WORK/extra.txt"): bad scale" "$WORK/.err"
check_ok "the committed lists make the table" python3 src/text/segment-abbrev.py \
    src/text/data/abbrev-bcs.txt src/text/data/abbrev-bcs-extra.txt src/text/data/abbrev-en.txt
check_grep "mlrd. is 10^9 in bs, hr and sr" '^    \{"mlrd", 2, SEG_BS\|SEG_HR\|SEG_SR\},$' "$WORK/.out"
