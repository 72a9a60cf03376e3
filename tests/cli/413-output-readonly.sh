# A read-only output file is refused, not replaced (issue 22, finding 10):
# the atomic rename replaced it silently and left a writable file. A file
# that may be replaced keeps its mode.
. tests/cli/lib.sh

printf 'One sentence. Another one.\n' > "$WORK/in.txt"
"$TUMAC" extract -s en -t bs -o "$WORK/in.xlf" "$WORK/in.txt"

printf 'keep me\n' > "$WORK/ro.xlf"
chmod 444 "$WORK/ro.xlf"
check_exit "extract refuses a read-only output" 1 "$TUMAC" extract -s en -t bs -o "$WORK/ro.xlf" "$WORK/in.txt"
check_grep "the message names it" "ro.xlf: the output file is read-only; not replaced" "$WORK/.err"
check_eq "its content is untouched" "$(cat "$WORK/ro.xlf")" "keep me"
check_eq "it is still read-only" "$(stat -c %a "$WORK/ro.xlf")" 444

printf 'keep me too\n' > "$WORK/ro.txt"
chmod 400 "$WORK/ro.txt"
check_exit "merge refuses a read-only output" 1 "$TUMAC" merge -o "$WORK/ro.txt" "$WORK/in.xlf"
check_grep "merge names it" "ro.txt: the output file is read-only; not replaced" "$WORK/.err"
check_eq "merge left it alone" "$(cat "$WORK/ro.txt")" "keep me too"
check_exit "normalize refuses a read-only output" 1 "$TUMAC" normalize -o "$WORK/ro.txt" "$WORK/in.txt"
check_eq "normalize left it alone" "$(cat "$WORK/ro.txt")" "keep me too"
check_eq "no temporary left beside them" "$(ls -A "$WORK" | grep -c '^\.ro\.')" 0

# a writable output is replaced and keeps its mode
printf 'old\n' > "$WORK/rw.txt"
chmod 640 "$WORK/rw.txt"
check_ok "a writable output is replaced" "$TUMAC" merge -o "$WORK/rw.txt" "$WORK/in.xlf"
check_files_same "with the merged document" "$WORK/in.txt" "$WORK/rw.txt"
check_eq "and keeps its mode" "$(stat -c %a "$WORK/rw.txt")" 640
