# make gen rebuilds every generated source from the lists kept in the
# repository: regenerated into a temp folder, each equals the committed file;
# neither the build nor the product reads ../shared.
. tests/cli/lib.sh

gen="$WORK/gen"
check_ok "make gen into a temp folder" make -s gen GEN_DIR="$gen"
for f in text/segment-abbrev.c text/translit-exceptions.c text/english-words.c filters/html-entities.c \
         tm/schema.gen.h check/variant-words.c; do
    check_files_same "committed src/$f is what make gen writes" "src/$f" "$gen/$f"
done
check_eq "no temp file left behind" "$(find "$gen" -name '*.tmp' | wc -l)" 0
check_eq "no source, generator or Makefile line reads ../shared" \
    "$(grep -rln 'shared/' Makefile src --include='*.c' --include='*.h' \
        --include='*.py' --include='*.sh' --include=Makefile)" ""
# An edit to a list reaches the generated table (the lists are the input).
cp -r src/text/data "$WORK/data"
printf 'abbr\tzzq.\tN\ten\n' >> "$WORK/data/abbrev-en.txt"
python3 src/text/segment-abbrev.py "$WORK/data/abbrev-bcs.txt" \
    "$WORK/data/abbrev-bcs-extra.txt" "$WORK/data/abbrev-en.txt" > "$WORK/sa.c"
check_grep "a new abbreviation appears in the table" '^    \{"zzq", .N., SEG_EN\},$' "$WORK/sa.c"
# The variant list: an edit reaches the table, a malformed entry is located.
cp src/check/data/variant-words.txt "$WORK/vw.txt"
printf 'zzqword*\thr,bs\tzzq\tlex\n' >> "$WORK/vw.txt"
python3 src/check/variant-words.py "$WORK/vw.txt" > "$WORK/vw.c"
check_grep "a new variant appears in the table" '^    \{"zzqword\*", VARIANT_HR \| VARIANT_BS, "zzq"\},$' "$WORK/vw.c"
printf 'zzq\thr,xx\tzzq\tlex\n' >> "$WORK/vw.txt"
check_exit "a bad standard stops the generator" 1 python3 src/check/variant-words.py "$WORK/vw.txt"
check_grep "... naming file and line" "vw.txt:$(grep -c '' "$WORK/vw.txt"): standards 'hr,xx' must be hr, bs, sr" "$WORK/.err"
