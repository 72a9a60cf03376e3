# tumac check, variant (issue 19): words of another standard, from the list in
# src/check/variant.c: hr tjedan/tisuća/kazalište/veljača in bs and sr,
# bs/sr sedmica/hiljada/pozorište/februar in hr, ekavian (nedelja, vreme,
# posle) in bs and hr, ijekavian (vrijeme, gdje, mlijeko) in sr, Cyrillic
# targets by their Latin reading; a warning by default. Each locale's own
# words (in any inflected form listed) pass.
. tests/cli/lib.sh
x="python3 tests/cli/check_xlf.py"
tab=$'\t'
run_case() { # LOC OK_TARGET BAD_TARGET WORD
    printf 'ok1\tNext week a thousand people come to the theatre in February.\t%s\nbad1\tNext week a thousand people come to the theatre in February.\t%s\n' \
        "$2" "$3" | $x "$1" "$WORK/$1.xlf"
    check_ok "$1: variant findings are warnings (exit 0)" "$TUMAC" check "$WORK/$1.xlf"
    check_eq "$1: the locale's own words pass" "$(grep -c ':ok1:' "$WORK/.out")" "0"
    check_grep "$1: another standard's word is named" "bad1:s1: warning: variant: word.* of another standard in a $1 target: .*'$4'" "$WORK/.out"
}
run_case hr "Sljedećeg tjedna tisuću ljudi dolazi u kazalište u veljači." \
            "Sljedeće sedmice hiljadu ljudi dolazi u pozorište u februaru." "sedmice"
run_case bs "Sljedeće sedmice hiljadu ljudi dolazi u pozorište u februaru." \
            "Sljedećeg tjedna tisuću ljudi dolazi u kazalište u februaru." "tjedna"
run_case sr-Latn "Sledeće nedelje hiljadu ljudi dolazi u pozorište u februaru." \
                 "Sljedeće nedjelje hiljadu ljudi dolazi u pozorište u februaru." "nedjelje"
run_case sr-Cyrl "Следеће недеље хиљаду људи долази у позориште у фебруару." \
                 "Сљедеће недјеље хиљаду људи долази у позориште у фебруару." "nedjelje"
check_grep "sr-Cyrl: the Cyrillic word is read as Latin ('sljedeće')" "'sljedeće'" "$WORK/.out"
printf 'b\tIt is time.\tVreme je, posle podne.\n' | $x bs "$WORK/ek.xlf"
check_ok "bs: ekavian words" "$TUMAC" check "$WORK/ek.xlf"
check_grep "bs: vreme and posle named with their ijekavian forms" "'vreme' \(vrijeme\), 'posle' \(poslije\)" "$WORK/.out"
check_exit "--error variant makes them errors" 1 "$TUMAC" check --error variant "$WORK/ek.xlf"
check_ok "--ignore variant drops them" "$TUMAC" check --ignore variant "$WORK/ek.xlf"
check_eq "... nothing reported" "$(grep -c variant "$WORK/.out")" "0"
