# Schemas: every XLIFF tumac writes (extract, leverage with candidates,
# pseudo, convert, batch; 1.2 and 2.1) validates against the OASIS XSD
# (xmllint), and tumac validate is at least as strict as the XSD: every
# file of the OASIS 2.1/2.2 suites that the XSD rejects, tumac rejects, and
# the 1.2 file pomerge used to write (seg-source after target) is refused.
. tests/cli/lib.sh
export XML_CATALOG_FILES=$SHARED/standards/catalog.xml
export TUMAC_TM=$WORK/tm.db
X=$SHARED/standards/xliff-2.x
S12=$SHARED/standards/xliff-1.2/schema/xliff-core-1.2-strict.xsd
S21=$X/2.1/xliff-2.1-all-modules.xsd

"$TUMAC" tm import tm/samples.tmx 2>/dev/null
# one extract per version for all the inputs (an input that fails writes
# nothing: its missing file names it), leverage, pseudo and convert per file
ins=(samples/*.en.txt samples/*.en.html samples/new/*.en.* tests/data/html/*.html)
for v in 1.2 2.1; do
    "$TUMAC" extract -s en -t bs --xliff $v -o "$WORK/x$v" "${ins[@]}" 2>/dev/null
done
out=() bad=""
for f in "${ins[@]}"; do
    b=$(basename "$f")
    for v in 1.2 2.1; do
        o=$WORK/$b.$v
        mv "$WORK/x$v/$b.xlf" "$o.xlf" 2>/dev/null &&
            "$TUMAC" leverage -q -o "$o.lev.xlf" "$o.xlf" &&
            "$TUMAC" pseudo -o "$o.ps.xlf" "$o.xlf" 2>/dev/null || bad="$bad $b@$v"
        out+=("$o.xlf" "$o.lev.xlf" "$o.ps.xlf")
    done
    "$TUMAC" xliff convert --to 1.2 -o "$WORK/$b.conv12.xlf" "$WORK/$b.2.1.lev.xlf" &&
        "$TUMAC" xliff convert --to 2.1 -o "$WORK/$b.conv21.xlf" "$WORK/$b.1.2.lev.xlf" || bad="$bad convert:$b"
    out+=("$WORK/$b.conv12.xlf" "$WORK/$b.conv21.xlf")
done
check_eq "every sample extracted, leveraged, pseudo-translated and converted" "$bad" ""
"$TUMAC" batch -q -s en -t bs,sr-Latn --xliff 1.2 -o "$WORK/batch" samples/new >/dev/null 2>&1
check_ok "batch wrote 1.2 files" test -n "$(ls "$WORK"/batch/*/*.xlf 2>/dev/null)"
# one xmllint per schema for all the files, one tumac validate
v12=() v21=()
for f in "${out[@]}" "$WORK"/batch/*/*.xlf; do
    if grep -q 'document:1.2' "$f"; then v12+=("$f"); else v21+=("$f"); fi
done
bad=$({ xsd_invalid "$S12" "${v12[@]}"; xsd_invalid "$S21" "${v21[@]}"; } | sed 's#.*/##' | tr '\n' ' ')
check_eq "all $((${#v12[@]} + ${#v21[@]})) files tumac wrote validate against the OASIS XSD" "$bad" ""
check_ok "and tumac validate agrees" "$TUMAC" validate "${out[@]}"

# at least as strict as the XSD on the OASIS suites
mapfile -t rejected < <(xsd_invalid "$S21" $X/2.1/tests/*/*/*.xlf
                        xsd_invalid "$X/2.2/xliff-2.2-all-modules.xsd" $X/2.2/tests/*/*/*.xlf)
k=${#rejected[@]}
missed=$(tumac_accepts "${rejected[@]}" | sed "s#^$X/# #" | tr -d '\n')
check_ok "the XSD rejects $k suite files" test "$k" -gt 50
check_eq "tumac validate rejects every one of them" "$missed" ""

# pomerge's old output: seg-source after target
cat > "$WORK/order.xlf" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="a" source-language="en" target-language="bs" datatype="plaintext"><body><trans-unit id="u1"><source>A. B.</source><target>X. Y.</target><seg-source><mrk mtype="seg" mid="s1">A.</mrk> <mrk mtype="seg" mid="s2">B.</mrk></seg-source></trans-unit></body></file></xliff>
XML
check_exit "seg-source after target is invalid" 1 "$TUMAC" validate "$WORK/order.xlf"
check_grep "the schema's message, located" 'order\.xlf:2: error: .*seg-source.*This element is not expected.*XLIFF 1\.2' "$WORK/.err"
# the schemas come from the install prefix or the source tree, or $TUMAC_SCHEMAS
check_exit "no schemas: validate fails" 1 env TUMAC_SCHEMAS=$WORK/none "$TUMAC" validate "$WORK/order.xlf"
check_grep "saying where it looked" "the XLIFF schemas are not installed .*$WORK/none" "$WORK/.err"

# the 1.2 samples: strict-valid ones valid; transitional-only ones valid with
# a warning that names the strict schema's objection
S=$SHARED/standards/xliff-1.2/samples
check_ok "strict-valid 1.2 samples are valid" "$TUMAC" validate $S/strict-valid/*.xlf
check_eq "without a warning" "$(grep -c warning "$WORK/.err")" 0
check_ok "transitional-only 1.2 samples are valid" "$TUMAC" validate $S/transitional-only/*.xlf
check_eq "each with a warning that it is valid by the transitional schema only" \
    "$(grep -c 'warning: valid by the XLIFF 1.2 transitional schema only, not the strict one (' "$WORK/.err")" \
    "$(ls $S/transitional-only/*.xlf | wc -l)"
