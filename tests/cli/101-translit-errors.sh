# tumac translit and normalize: every bad input is located, exits 1, writes nothing.
. tests/cli/lib.sh

printf 'dobar red\nloš \xff red\n' > "$WORK/bad.txt"
check_exit "invalid UTF-8 exits 1" 1 "$TUMAC" translit --to sr-Cyrl -o "$WORK/out.txt" "$WORK/bad.txt"
check_grep "invalid UTF-8 is located" 'bad.txt:2:5: invalid UTF-8 byte 0xFF at byte offset 15' "$WORK/.err"
check_no_file "no output on invalid UTF-8" "$WORK/out.txt"
check_exit "invalid UTF-8 on stdin" 1 sh -c "\"$TUMAC\" translit --to sr-Cyrl < \"$WORK/bad.txt\""
check_grep "stdin error is located" '<stdin>:2:5: invalid UTF-8' "$WORK/.err"
check_exit "unknown locale exits 1" 1 "$TUMAC" translit --to xx-Cyrl -o "$WORK/out.txt" "$WORK/bad.txt"
check_grep "unknown locale named" "xx" "$WORK/.err"
check_exit "non-biscriptal target exits 1" 1 "$TUMAC" translit --to hr-Cyrl "$WORK/bad.txt"
check_grep "target named" "hr-Cyrl" "$WORK/.err"
check_exit "unreadable file exits 1" 1 "$TUMAC" translit --to sr-Cyrl -o "$WORK/out.txt" "$WORK/nope.txt"
check_grep "unreadable file named" "nope.txt" "$WORK/.err"
check_no_file "no output on missing file" "$WORK/out.txt"
check_exit "missing --keep file" 1 "$TUMAC" translit --to sr-Cyrl --keep "$WORK/nokeep" "$WORK/bad.txt"
printf 'OSCE\n' > "$WORK/terms.bad"
check_exit "bad --terms line" 1 "$TUMAC" translit --to sr-Cyrl --terms "$WORK/terms.bad" "$WORK/bad.txt"
check_grep "bad --terms line located" 'terms.bad:1:1:' "$WORK/.err"
check_exit "no --to is a usage error" 2 "$TUMAC" translit "$WORK/bad.txt"
check_exit "bad --acronyms is a usage error" 2 "$TUMAC" translit --to sr-Cyrl --acronyms maybe
check_exit "bad --format is a usage error" 2 "$TUMAC" translit --to sr-Cyrl --format pdf

check_exit "normalize: invalid UTF-8" 1 "$TUMAC" normalize --from-encoding UTF-8 -o "$WORK/n.txt" "$WORK/bad.txt"
check_grep "normalize: located" 'bad.txt:2:5: invalid UTF-8 byte 0xFF' "$WORK/.err"
check_no_file "normalize: no output" "$WORK/n.txt"
check_exit "normalize: unknown encoding" 1 "$TUMAC" normalize --from-encoding klingon-8 -o "$WORK/n.txt" "$WORK/bad.txt"
check_grep "normalize: encoding named" "unknown encoding 'klingon-8'" "$WORK/.err"
check_no_file "normalize: no output (encoding)" "$WORK/n.txt"
check_exit "normalize: unknown locale" 1 "$TUMAC" normalize --lang qqq --quotes "$WORK/bad.txt"
check_exit "normalize: unreadable file" 1 "$TUMAC" normalize -o "$WORK/n.txt" "$WORK/nope.txt"
check_no_file "normalize: no output (missing)" "$WORK/n.txt"
