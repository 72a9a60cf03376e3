# Shared by the office CLI tests (453-469), after lib.sh.
# office_case KIND FILE [EXTRACT-OPTIONS]: builds $WORK/FILE with
# office_make.py KIND, extracts it (en -> hr) to $WORK/FILE.xlf and lists its
# units (office_check.py units) in $WORK/units; unit ID prints one of them.
CHECK="python3 tests/cli/office_check.py"
tab=$(printf '\t')
office_case() {
    local kind=$1 file=$2
    shift 2
    python3 tests/cli/office_make.py "$kind" "$WORK"
    check_ok "extract $file" "$TUMAC" extract "$@" -s en -t hr -o "$WORK/$file.xlf" "$WORK/$file"
    $CHECK units "$WORK/$file.xlf" > "$WORK/units"
}
unit() { awk -F'\t' -v id="$1" '$1 == id' "$WORK/units"; }
# office_hidden FILE: extract --hidden-text makes the "Shown secret again."
# paragraph of the notes cases text in a pair, and merges back every part.
office_hidden() {
    local f=$1 ext=${1##*.}
    check_ok "extract --hidden-text" "$TUMAC" extract --hidden-text -s en -t hr -o "$WORK/h.xlf" "$WORK/$f"
    check_eq "--hidden-text: the hidden text is translatable, in a formatting pair" \
        "$($CHECK units "$WORK/h.xlf" | awk -F'\t' '$4 ~ /^Shown/ {print $4}')" "Shown <pc>secret </pc>again."
    check_ok "--hidden-text: the untranslated merge" "$TUMAC" merge -o "$WORK/h.$ext" "$WORK/h.xlf"
    check_ok "--hidden-text: every part byte-identical" $CHECK parts "$WORK/$f" "$WORK/h.$ext"
}
# office_merges FILE: the untranslated merge of $WORK/FILE.xlf gives every part
# back; the pseudo-translated one ($WORK/p.xlf) is $WORK/p.EXT.
office_merges() {
    local f=$1 ext=${1##*.}
    check_ok "untranslated merge" "$TUMAC" merge -o "$WORK/same.$ext" "$WORK/$f.xlf"
    check_ok "untranslated merge: every part byte-identical" $CHECK parts "$WORK/$f" "$WORK/same.$ext"
    check_ok "pseudo" "$TUMAC" pseudo -o "$WORK/p.xlf" "$WORK/$f.xlf"
    check_ok "pseudo-translated merge" "$TUMAC" merge -o "$WORK/p.$ext" "$WORK/p.xlf"
}
