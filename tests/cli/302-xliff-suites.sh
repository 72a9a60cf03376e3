# The OASIS XLIFF 2.1 and 2.2 suites: valid files accepted, converted to 2.1
# and 1.2 with schema-valid output; invalid files rejected (floor, see notes).
. tests/cli/lib.sh
export XML_CATALOG_FILES=$SHARED/standards/catalog.xml
X=$SHARED/standards/xliff-2.x
S12=$SHARED/standards/xliff-1.2/schema/xliff-core-1.2-strict.xsd
bad=""
for f in $X/2.1/tests/core/valid/*.xlf $X/2.1/tests/modules/valid/*.xlf $X/2.2/tests/core/valid/*.xlf; do
    "$TUMAC" validate "$f" >/dev/null 2>&1 || bad="$bad $(basename "$f")"
done
check_eq "every 2.1 and 2.2 core valid file accepted" "$bad" ""
bad=""
for f in $X/2.1/tests/core/valid/*.xlf $X/2.1/tests/modules/valid/*.xlf; do
    b=$(basename "$f" .xlf)
    "$TUMAC" xliff convert --to 2.1 -o "$WORK/$b.21.xlf" "$f" 2>/dev/null &&
        xmllint --nonet --noout --schema "$X/2.1/xliff-2.1-all-modules.xsd" "$WORK/$b.21.xlf" 2>/dev/null &&
        "$TUMAC" xliff convert --to 1.2 -o "$WORK/$b.12.xlf" "$f" 2>/dev/null &&
        xmllint --nonet --noout --schema "$S12" "$WORK/$b.12.xlf" 2>/dev/null || bad="$bad $b"
done
check_eq "2.1 suite valid files: 2.1 and 1.2 output schema-valid" "$bad" ""
n=0
for f in $X/2.1/tests/core/invalid/*.xlf; do
    "$TUMAC" validate "$f" >/dev/null 2>&1 || n=$((n + 1))
done
if [ "$n" -ge 30 ]; then echo "PASS 2.1 core invalid rejected: $n/119"; else echo "FAIL 2.1 core invalid rejected: $n/119 (< 30)"; fi
