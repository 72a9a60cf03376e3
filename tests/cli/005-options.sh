# Integer options are parsed one way (cli_int_option) in every command: a
# bad value is a usage error (exit 2) saying "OPT must be a number from LO to
# HI, not 'VALUE'"; a good one changes the result (tm lookup --min).
. tests/cli/lib.sh

bad_option() { # WANT-MESSAGE CMD...
    local want=$1; shift
    check_exit "$* is a usage error" 2 "$TUMAC" "$@"
    check_grep "$* says what is wrong" "^tumac [a-z]+: $want\$" "$WORK/.err"
}
bad_option "--min must be a number from 1 to 100, not '0'" batch --min 0 x.txt
bad_option "--fill must be a number from 1 to 101, not '102'" batch --fill 102 x.txt
bad_option "-j must be a number from 1 to 256, not 'two'" batch -j two x.txt
bad_option "--min must be a number from 1 to 100, not '7x'" leverage --min 7x x.xlf
bad_option "--penalty must be a number from 1 to 100, not ''" leverage --penalty '' x.xlf
bad_option "--min must be a number from 1 to 100, not '101'" analyze --min 101 x.xlf
bad_option "--max must be a number from 1 to 1000, not '99999999999999999999'" \
    tm lookup --max 99999999999999999999 -s en -t bs x
bad_option "--min must be a number from 1 to 101, not '-5'" tm lookup --min -5 -s en -t bs x

export TUMAC_TM=$WORK/tm.db
printf 'The bridge is open.\tMost je otvoren.\nThe bridges are open.\tMostovi su otvoreni.\n' \
    > "$WORK/two.tsv"
check_ok "import two units" "$TUMAC" tm import -s en -t bs "$WORK/two.tsv"
check_ok "lookup with the default --min" "$TUMAC" tm lookup -s en -t bs "The bridge is open."
check_eq "finds the exact and the fuzzy unit" "$(wc -l < "$WORK/.out")" 2
check_ok "lookup with --min 100" "$TUMAC" tm lookup --min 100 -s en -t bs "The bridge is open."
check_eq "finds only the exact unit" "$(cut -f1 "$WORK/.out")" 100
