# Language tags: every command's -s/-t/--lang/--to goes through one
# canonicaliser; what is written is the BCP 47 form, never the tag as typed,
# and a tag that is none is refused naming it.
. tests/cli/lib.sh
export TUMAC_TM=$WORK/tm.db
in=samples/forum-youth-participation.en.txt

for pair in sr_Latn:sr-Latn SR-latn:sr-Latn bs-cyrl:bs-Cyrl sr_cyrl:sr-Cyrl HR:hr sr:sr-Cyrl; do
    typed=${pair%%:*} want=${pair#*:}
    check_ok "extract -t $typed" "$TUMAC" extract -s EN -t "$typed" -o "$WORK/$typed.xlf" "$in"
    check_grep "writes srcLang=\"en\" trgLang=\"$want\"" "srcLang=\"en\" trgLang=\"$want\"" "$WORK/$typed.xlf"
    check_ok "which validates" "$TUMAC" validate "$WORK/$typed.xlf"
done
check_ok "extract --xliff 1.2 -t sr_Latn" "$TUMAC" extract -s en -t sr_Latn --xliff 1.2 -o "$WORK/12.xlf" "$in"
check_grep "writes target-language=\"sr-Latn\"" 'target-language="sr-Latn"' "$WORK/12.xlf"
check_ok "merge names the output after the canonical tag" "$TUMAC" merge "$WORK/12.xlf"
check_ok "forum-youth-participation.sr-Latn.txt" test -s "$WORK/forum-youth-participation.sr-Latn.txt"

check_ok "tm import -s EN -t sr_latn" "$TUMAC" tm import -s EN -t sr_latn tm/samples.tmx
check_ok "tm lookup -s en -t SR-LATN" "$TUMAC" tm lookup -s en -t SR-LATN --json "OSCE Mission to Bosnia and Herzegovina"
check_grep "finds the sr-Latn unit" 'Misija OEBS-a' "$WORK/.out"
check_ok "tm export -t sr_latn" "$TUMAC" tm export -s en -t sr_latn -o "$WORK/x.tmx"
check_grep "writes xml:lang=\"sr-Latn\"" 'xml:lang="sr-Latn"' "$WORK/x.tmx"

check_ok "batch -t sr_latn,BS" "$TUMAC" batch -q -s EN -t sr_latn,BS -o "$WORK/b" samples/new/workshop-media-literacy-tuzla.en.txt
check_ok "writes the sr-Latn folder" test -d "$WORK/b/sr-Latn"
check_ok "and the bs one" test -d "$WORK/b/bs"
check_ok "count --lang SR_latn" "$TUMAC" count --lang SR_latn "$in"
check_ok "translit --to sr_cyrl" "$TUMAC" translit --to sr_cyrl samples/forum-youth-participation.sr-Latn.txt
check_ok "analyze -t bs_cyrl" "$TUMAC" analyze -t bs_cyrl "$WORK/12.xlf"

for cmd in "extract -s en -t x_y! -o $WORK/bad.xlf $in" "tm lookup -s en -t sr-Latn-? x" \
           "count --lang 12 $in" "batch -s en -t bs,qq -o $WORK/bb $in" "translit --to sr_Zzzz_Latn $in"; do
    # shellcheck disable=SC2086
    check_exit "tumac $cmd is refused" 1 "$TUMAC" $cmd
    check_grep "naming the tag" "is not a (well-formed )?language tag|unknown language" "$WORK/.err"
done
check_no_file "nothing written by the refused extract" "$WORK/bad.xlf"
