# Issue 20: the word lists are the input of the judgement: an entry added to
# translit-words.txt reaches the generated table, a bad kind is refused with
# its line, and every table is sorted for the binary search.
. tests/cli/lib.sh

d=src/text/data
cp "$d/translit-words.txt" "$WORK/tw.txt"
printf 'keep Zqzqbrand\n' >> "$WORK/tw.txt"
python3 src/text/english-words.py "$d/english-words.txt" "$d/english-shared.txt" "$WORK/tw.txt" \
    > "$WORK/ew.c"
check_grep "a new keep entry appears in the table" '"Zqzqbrand\\0"' "$WORK/ew.c"
printf 'maybe Foo\n' >> "$WORK/tw.txt"
check_exit "an unknown kind is refused" 1 python3 src/text/english-words.py "$d/english-words.txt" \
    "$d/english-shared.txt" "$WORK/tw.txt"
check_grep "with its line" 'tw.txt:[0-9]+: unknown kind .maybe.' "$WORK/.err"
for f in english-words english-shared; do
    check_eq "$f.txt is sorted byte-wise" \
        "$(grep -v '^#' "$d/$f.txt" | LC_ALL=C sort -c 2>&1 && echo sorted)" "sorted"
done
check_eq "no Serbian word with č ć đ š ž in the English-only list" \
    "$(grep -c '[čćđšžČĆĐŠŽ]' "$d/english-words.txt")" 0
check_eq "every list line of translit-words.txt is KIND WORD" \
    "$(grep -v '^#' "$d/translit-words.txt" | grep -v '^$' | grep -cvE '^(keep|convert|function|function-eu|serbian) [^ ]+$')" 0
