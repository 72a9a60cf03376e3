# XLIFF writers: schema-valid 2.1 and 1.2 output, conversion round trips,
# Translate Toolkit opens our 1.2 with the same segments.
. tests/cli/lib.sh
export XML_CATALOG_FILES=$SHARED/standards/catalog.xml
S21=$SHARED/standards/xliff-2.x/2.1/xliff-2.1-all-modules.xsd
S12=$SHARED/standards/xliff-1.2/schema/xliff-core-1.2-strict.xsd

for f in tests/data/html/10-html5.html tests/data/html/09-lists.html tests/data/html/23-sentences.html; do
    b=$(basename "$f" .html)
    check_ok "extract $b as 2.1" "$TUMAC" extract -s hr -t sr-Latn -x 2.1 -o "$WORK/$b.xlf" "$f"
    check_ok "$b 2.1 valid (core + modules XSD)" xmllint --nonet --noout --schema "$S21" "$WORK/$b.xlf"
    check_ok "$b convert to 1.2" "$TUMAC" xliff convert --to 1.2 -o "$WORK/$b-12.xlf" "$WORK/$b.xlf"
    check_ok "$b 1.2 valid (strict XSD)" xmllint --nonet --noout --schema "$S12" "$WORK/$b-12.xlf"
    check_ok "$b back to 2.1" "$TUMAC" xliff convert --to 2.1 -o "$WORK/$b-back.xlf" "$WORK/$b-12.xlf"
    check_ok "$b round trip valid" xmllint --nonet --noout --schema "$S21" "$WORK/$b-back.xlf"
    check_ok "$b 2.1 rewritten" "$TUMAC" xliff convert --to 2.1 -o "$WORK/$b-same.xlf" "$WORK/$b.xlf"
    check_files_same "$b 2.1 -> 2.1 is stable" "$WORK/$b.xlf" "$WORK/$b-same.xlf"
    check_ok "$b merge after 1.2 round trip" "$TUMAC" merge -o "$WORK/$b.out.html" "$WORK/$b-back.xlf"
    check_files_same "$b merged untranslated = input" "$f" "$WORK/$b.out.html"
    check_ok "$b validate 2.1" "$TUMAC" validate "$WORK/$b.xlf"
    check_ok "$b validate 1.2" "$TUMAC" validate "$WORK/$b-12.xlf"
done

# Translate Toolkit reads the 1.2 file with the same segments
if command -v xliff2po >/dev/null 2>&1; then
    b=23-sentences
    check_ok "xliff2po opens our 1.2" xliff2po --progress=none -i "$WORK/$b-12.xlf" -o "$WORK/$b.po"
    n_po=$(grep -c '^msgid "' "$WORK/$b.po")
    n_po=$((n_po - 1)) # the header entry
    n_units=$(grep -o '<trans-unit ' "$WORK/$b-12.xlf" | wc -l)
    check_eq "xliff2po sees every unit" "$n_po" "$n_units"
    word=$(grep -o '<source>[^<]*' "$WORK/$b-12.xlf" | head -1 | sed 's/<source>//' | cut -c1-20)
    check_grep "xliff2po keeps the text" "$word" "$WORK/$b.po"
else
    echo "PASS xliff2po not installed (skipped)"
fi

check_exit "convert needs --to" 2 "$TUMAC" xliff convert "$WORK/10-html5.xlf"
check_exit "convert refuses an unknown version" 2 "$TUMAC" xliff convert --to 3.0 "$WORK/10-html5.xlf"
check_exit "xliff needs a subcommand" 2 "$TUMAC" xliff frob
