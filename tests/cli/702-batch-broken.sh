# tumac batch: a folder with one broken input: the others finish, the report
# names the broken one with its place, the exit status is 1.
. tests/cli/lib.sh

mkdir -p "$WORK/in"
cp samples/statement-attack-journalist.en.txt samples/forum-youth-participation.en.txt "$WORK/in/"
printf 'A good start.\n\nThen a bad byte \xe8 here.\n' > "$WORK/in/broken.en.txt"
check_exit "a broken input makes the run fail" 1 "$TUMAC" batch --tm none --ref samples \
    -s en -t hr,sr-Latn,sr-Cyrl -o "$WORK/out" "$WORK/in"
check_grep "the summary names it with its place" "broken\.en\.txt:3:[0-9]+: .*UTF-8" "$WORK/.out"
check_grep "once, with its locales" "broken\.en\.txt:3:[0-9]+: .*\(hr, sr-Latn, sr-Cyrl\)" "$WORK/.out"
for l in hr sr-Latn sr-Cyrl; do
    check_files_same "the others finish ($l)" "$WORK/out/$l/statement-attack-journalist.txt" \
        "samples/statement-attack-journalist.$l.txt"
    check_no_file "nothing for the broken one ($l)" "$WORK/out/$l/broken.txt"
    check_no_file "no XLIFF for the broken one ($l)" "$WORK/out/$l/broken.xlf"
done
check_grep "report.json marks it failed" '"name": "broken".*"state": "failed"' "$WORK/out/report.json"
check_grep "report.html names it" "broken\.en\.txt:3:" "$WORK/out/report.html"
check_grep "report.html has a failures list" "Failed inputs" "$WORK/out/report.html"

# Quiet: no summary, but the failure still goes to stderr.
check_exit "quiet run fails the same" 1 "$TUMAC" batch --tm none -q -s en -t hr -o "$WORK/q" "$WORK/in"
check_eq "quiet prints nothing on stdout" "$(wc -c < "$WORK/.out")" 0
check_grep "quiet still names the failure" "^tumac batch: .*broken\.en\.txt:3:" "$WORK/.err"

# --draft merges what is not finished, with the source in the gaps.
printf 'A new sentence nobody has translated.\n' > "$WORK/in/new.en.txt"
rm "$WORK/in/broken.en.txt"
check_ok "draft run" "$TUMAC" batch --tm none --draft -s en -t hr -o "$WORK/d" "$WORK/in"
check_files_same "draft has the source in the gaps" "$WORK/d/hr/new.draft.txt" "$WORK/in/new.en.txt"
check_no_file "and is not named like a finished document" "$WORK/d/hr/new.txt"
check_grep "report marks it draft" '"name": "new".*"state": "draft"' "$WORK/d/report.json"
