# tumac check, untranslated (issue 19), from a source in bs, hr or sr: the
# standards share many sentences word for word, so a target equal to a
# source in a sibling standard is translated; a target equal to an English
# source is still untranslated, and an empty one is still empty. The
# Bosnian sample statement through batch -s bs with the sample TM (every
# sentence exact) finishes in every locale with the checks on, each
# document as published.
. tests/cli/lib.sh
x="python3 tests/cli/check_xlf.py"
tab=$'\t'
same="s1${tab}Misija OSCE-a u Bosni i Hercegovini osuđuje napad.${tab}Misija OSCE-a u Bosni i Hercegovini osuđuje napad.
s2${tab}Sastanak je održan u Sarajevu.${tab}Sastanak je održan u Sarajevu.
e1${tab}Sastanak je održan u Sarajevu.${tab}"
for pair in bs:hr hr:bs sr-Latn:bs bs:sr-Latn hr:sr-Latn; do
    src=${pair%%:*} trg=${pair#*:}
    printf '%s\n' "$same" | $x "$trg" "$WORK/$src-$trg.xlf" "$src"
    check_exit "$src -> $trg: the empty target is an error" 1 "$TUMAC" check --ignore variant "$WORK/$src-$trg.xlf"
    check_eq "$src -> $trg: identical sentences are not untranslated" "$(grep -c ':s[12]:s1: .*untranslated' "$WORK/.out")" "0"
    check_grep "$src -> $trg: the empty one is" "e1:s1: error: untranslated: empty target" "$WORK/.out"
done
printf 'en1\tThe ministry opened a new school.\tThe ministry opened a new school.\n' | $x bs "$WORK/en-bs.xlf" en
check_exit "en -> bs: English left in the target" 1 "$TUMAC" check "$WORK/en-bs.xlf"
check_grep "... is untranslated" "en1:s1: error: untranslated: target is the same as the source" "$WORK/.out"

check_ok "the sample TM" "$TUMAC" tm import --tm "$WORK/s.db" tm/samples.tmx
cp samples/statement-attack-journalist.bs.txt "$WORK/st.bs.txt"
check_ok "batch from Bosnian, checks on" "$TUMAC" batch --tm "$WORK/s.db" -j 1 -s bs \
    -t en,hr,sr-Latn,sr-Cyrl -q -o "$WORK/out" "$WORK/st.bs.txt"
for l in en hr sr-Latn sr-Cyrl; do
    check_files_same "$l finished as published" "$WORK/out/$l/st.txt" "samples/statement-attack-journalist.$l.txt"
done
check_ok "check on the four XLIFFs" "$TUMAC" check "$WORK"/out/*/st.xlf
check_eq "... finds nothing untranslated" "$(grep -c untranslated "$WORK/.out")" "0"
