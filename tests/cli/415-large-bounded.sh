# Large inputs in bounded memory and time (issue 22, finding 7): a 12 MB
# text of varied sentences (tests/bench/large-gen.py) through extract, its
# 19 MB XLIFF through validate, leverage and merge, a 12 MB TMX through
# tm import, each under an address space ceiling (lib.sh bounded; not under
# the sanitizers) of 300 MB: these steps need 200-250 MB of it now, ICU's
# and the other libraries' mappings included, and validate and leverage
# needed 250-300 MB before the reader freed each unit's DOM as it went
# (peak RSS 11-21x the input then, 9-10x now). The time ceilings are many
# times what an idle machine needs. The round trip stays byte-exact.
. tests/cli/lib.sh

python3 tests/bench/large-gen.py text 12 "$WORK/big.txt"
check_ok "12 MB input made" test "$(stat -c %s "$WORK/big.txt")" -ge 12000000

check_ok "extract within 300 MB" bounded 600 300 "$TUMAC" extract -s en -t bs -o "$WORK/big.xlf" "$WORK/big.txt"
check_ok "its XLIFF is about 19 MB" test "$(stat -c %s "$WORK/big.xlf")" -ge 18000000
check_ok "validate within 300 MB" bounded 600 300 "$TUMAC" validate "$WORK/big.xlf"
check_ok "leverage within 300 MB" bounded 900 300 "$TUMAC" leverage --tm none -q -o "$WORK/big.lev.xlf" "$WORK/big.xlf"
check_ok "the leveraged file is valid" bounded 600 300 "$TUMAC" validate "$WORK/big.lev.xlf"
check_ok "merge within 300 MB" bounded 600 300 "$TUMAC" merge -o "$WORK/big.back.txt" "$WORK/big.xlf"
check_files_same "round trip of 12 MB" "$WORK/big.txt" "$WORK/big.back.txt"

python3 tests/bench/large-gen.py tmx 12 "$WORK/big.tmx"
check_ok "tm import within 300 MB" bounded 900 300 "$TUMAC" tm import --tm "$WORK/big.db" "$WORK/big.tmx"
tus=$(grep -c '<tu>' "$WORK/big.tmx")
check_grep "all $tus units added" "big.tmx: $tus read, $tus added, 0 merged" "$WORK/.err"
