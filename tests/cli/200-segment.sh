# tumac segment: one sentence a line, empty lines kept, usage and input errors.
. tests/cli/lib.sh

printf 'Govorio je prof. dr. Marko Marković. Zatim je otišao.\n\nDrugi pasus. Kraj.\n' >"$WORK/in.txt"
check_ok "segment a file" "$TUMAC" segment --lang bs "$WORK/in.txt"
printf 'Govorio je prof. dr. Marko Marković.\nZatim je otišao.\n\nDrugi pasus.\nKraj.\n' >"$WORK/want.txt"
check_files_same "one sentence a line" "$WORK/.out" "$WORK/want.txt"
check_ok "segment stdin" sh -c "\"$TUMAC\" segment -l bs <\"$WORK/in.txt\""
check_files_same "stdin gives the same" "$WORK/.out" "$WORK/want.txt"
check_exit "--lang is required" 2 "$TUMAC" segment "$WORK/in.txt"
check_exit "a bad language tag" 2 "$TUMAC" segment --lang 'x y' "$WORK/in.txt"
check_exit "a missing file" 1 "$TUMAC" segment --lang bs "$WORK/nothing.txt"
printf 'Dobro.\nLoše \xff bajt.\n' >"$WORK/bad.txt"
check_exit "invalid UTF-8" 1 "$TUMAC" segment --lang bs "$WORK/bad.txt"
check_grep "invalid UTF-8 is located" 'bad.txt:2:6: invalid UTF-8' "$WORK/.err"
printf '\xef\xbb\xbfJedan. Dva.\r\n' >"$WORK/bom.txt"
check_ok "a byte order mark and CRLF" "$TUMAC" segment --lang bs "$WORK/bom.txt"
printf 'Jedan.\nDva.\n' >"$WORK/want.txt"
check_files_same "the mark and the CR are not text" "$WORK/.out" "$WORK/want.txt"
check_ok "--dump-srx" "$TUMAC" segment --dump-srx
check_grep "--dump-srx holds the Croatian rules" 'languagerulename="tumac-hr"' "$WORK/.out"
