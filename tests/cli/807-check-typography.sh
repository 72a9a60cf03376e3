# tumac check, punctuation / whitespace / quotes (issue 19), warnings by
# default: end punctuation lost, added or a question turned statement;
# leading/trailing whitespace changed and doubled spaces; quotation marks not
# in the bs/hr/sr style („…“). Must not fire: the period that ends a date or
# an ordinal in bs/hr/sr ("2025."), an ellipsis for a period, „…“ quotes, and
# »…« in hr. (The Latin test texts serve every locale: the checks of
# words -- numbers' month names, script, variant -- are ignored here.)
. tests/cli/lib.sh
x="python3 tests/cli/check_xlf.py"
tab=$'\t'
for loc in bs hr sr-Latn sr-Cyrl; do
    cat <<EOT | $x "$loc" "$WORK/$loc.xlf"
ok1${tab}The fair opens on 14 October 2025${tab}Sajam se otvara 14. oktobra 2025.
ok2${tab}He said "no" to the plan.${tab}Rekao je „ne“ planu.
ok3${tab}Wait...${tab}Čekajte.
ok4${tab}Is it open?${tab}Je li otvoreno?
bad1${tab}The fair opens today.${tab}Sajam se otvara danas
bad2${tab}The fair opens today${tab}Sajam se otvara danas!
bad3${tab}Is it open?${tab}Otvoreno je.
bad4${tab}The fair opens today.${tab}Sajam se  otvara danas.
bad5${tab}The fair opens today. ${tab}Sajam se otvara danas.
bad6${tab}He said "no" to the plan.${tab}Rekao je "ne" planu.
bad7${tab}He said "no" to the plan.${tab}Rekao je “ne” planu.
EOT
    check_ok "$loc: typography findings are warnings (exit 0)" "$TUMAC" check --ignore numbers \
        --ignore script --ignore variant "$WORK/$loc.xlf"
    out=$(cat "$WORK/.out")
    check_eq "$loc: dates, ellipses and „…“ pass" "$(grep -c ':ok[0-9]:' <<<"$out")" "0"
    check_findings "$loc" "$out" <<EOT
end punctuation lost${tab}bad1:s1: warning: punctuation: end punctuation '.' of the source lost
end punctuation added${tab}bad2:s1: warning: punctuation: end punctuation '!' added
a question made a statement${tab}bad3:s1: warning: punctuation: the source ends with '\?', the target with '.'
doubled space${tab}bad4:s1: warning: whitespace: doubled space in the target
trailing space lost${tab}bad5:s1: warning: whitespace: trailing whitespace of the source lost
straight quotes${tab}bad6:s1: warning: quotes: straight quotation mark " in a $loc target
English quotes${tab}bad7:s1: warning: quotes: “ opening a quotation in a $loc target
EOT
done
printf 'q\tHe said "no".\tRekao je »ne«.\n' | $x hr "$WORK/hr-guil.xlf"
check_ok "hr: »…« is a Croatian style" "$TUMAC" check "$WORK/hr-guil.xlf"
check_eq "... not reported" "$(grep -c quotes "$WORK/.out")" "0"
printf 'q\tHe said "no".\tRekao je »ne«.\n' | $x bs "$WORK/bs-guil.xlf"
check_ok "bs: »…« reported" "$TUMAC" check "$WORK/bs-guil.xlf"
check_grep "... as a quotes warning" ": warning: quotes: quotation mark »/« in a bs target" "$WORK/.out"
