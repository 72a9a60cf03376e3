# tumac leverage: option checks and refusals that leave no output.
. tests/cli/lib.sh

check_exit "no input" 2 "$TUMAC" leverage --tm none
check_exit "--fill above 101" 2 "$TUMAC" leverage --tm none --fill 102 "$WORK/a.xlf"
check_exit "--min not a number" 2 "$TUMAC" leverage --tm none --min x "$WORK/a.xlf"
check_exit "--max 0" 2 "$TUMAC" leverage --tm none --max 0 "$WORK/a.xlf"
check_exit "a bad --xliff" 2 "$TUMAC" leverage --tm none --xliff 3.0 "$WORK/a.xlf"
check_exit "an unknown option" 2 "$TUMAC" leverage --frobnicate "$WORK/a.xlf"
check_exit "a missing input" 1 "$TUMAC" leverage --tm none -o "$WORK/out.xlf" "$WORK/none.xlf"
check_grep "the message names the file" "none\.xlf" "$WORK/.err"
check_no_file "no output after a failure" "$WORK/out.xlf"
