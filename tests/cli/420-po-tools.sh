# Translate Toolkit 3.8.4 both ways on the samples: tumac XLIFF 1.2 ->
# xliff2po -> a translated PO -> pomerge -> tumac merge. The translator is
# simulated with the Toolkit's own po2csv/csv2po: every entry gets the text
# of the same unit of the Bosnian release (extracted by tumac too), inline
# markup and all, and is unmarked fuzzy. Asserted: the merged page is the
# Bosnian release byte for byte, except units whose source repeats an
# earlier one (pomerge fills only the first unit of a merged PO entry),
# which tumac names as untranslated; after tumac leverage --tm none (it
# fills repetitions) the whole page is the release, byte for byte. Also: what PO tools write is read or
# named (1.1 namespace, no target-language, a second <file>), and fuzzy
# entries are not published.
. tests/cli/lib.sh
export XML_CATALOG_FILES=$SHARED/standards/catalog.xml
S12=$SHARED/standards/xliff-1.2/schema/xliff-core-1.2-strict.xsd

for t in xliff2po pomerge po2csv csv2po po2xliff; do
    command -v $t >/dev/null || { echo "FAIL $t is not installed (make deps installs translate-toolkit)"; exit 0; }
done

cat > "$WORK/fill.py" <<'PY'
import csv, sys
bs = {}
for r in csv.DictReader(open(sys.argv[2], newline='', encoding='utf-8')):
    for loc in r['location'].split():
        bs[loc] = r['source']
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
for r in rows:
    r['target'] = bs[r['location'].split()[0]]
w = csv.DictWriter(open(sys.argv[3], 'w', newline='', encoding='utf-8'),
                   fieldnames=['location', 'source', 'target'])
w.writeheader()
w.writerows(rows)
PY

for en in samples/*.en.txt samples/*.en.html; do
    b=$(basename "$en"); ext=${b##*.}; b=${b%.en.*}
    bs=samples/$b.bs.$ext
    d=$WORK/$b.$ext; mkdir -p "$d"
    # README "Working with OmegaT and PO tools", PO steps
    "$TUMAC" extract -s en -t bs --xliff 1.2 -o "$d/en.xlf" "$en"
    "$TUMAC" extract -s bs -t en --xliff 1.2 -o "$d/bs.xlf" "$bs"
    check_ok "$b.$ext: tumac's 1.2 file validates against the OASIS XSD" \
        xmllint --nonet --noout --schema "$S12" "$d/en.xlf"
    check_ok "$b.$ext: xliff2po" xliff2po --progress=none --duplicates=merge "$d/en.xlf" "$d/en.po"
    xliff2po --progress=none --duplicates=merge "$d/bs.xlf" "$d/bs.po"
    po2csv --progress=none "$d/en.po" "$d/en.csv" && po2csv --progress=none "$d/bs.po" "$d/bs.csv" &&
        python3 "$WORK/fill.py" "$d/en.csv" "$d/bs.csv" "$d/tr.csv" &&
        csv2po --progress=none -t "$d/en.po" "$d/tr.csv" "$d/tr.po" && sed -i '/^#, fuzzy$/d' "$d/tr.po"
    check_ok "$b.$ext: the PO is translated" test -s "$d/tr.po"
    check_ok "$b.$ext: pomerge into the tumac file" \
        pomerge --progress=none -t "$d/en.xlf" -i "$d/tr.po" -o "$d/back.xlf"
    check_ok "$b.$ext: pomerge's output validates (tumac: rules + XSD)" "$TUMAC" validate "$d/back.xlf"
    check_ok "$b.$ext: as it does for xmllint" xmllint --nonet --noout --schema "$S12" "$d/back.xlf"
    check_ok "$b.$ext: tumac merge" "$TUMAC" merge -o "$d/back.$ext" "$d/back.xlf"
    # units pomerge leaves alone: the 2nd, 3rd ... location of a merged entry
    repeats=$(awk '/^#: / { n++; if (n > 1) for (i = 2; i <= NF; i++) print $i; next } { n = 0 }' "$d/en.po" | sort)
    named=$(sed -n "s/.*unit '\([^']*\)' has no translation.*/\1/p" "$WORK/.err" | sort)
    check_eq "$b.$ext: the units tumac names untranslated are the repeated ones" "$named" "$repeats"
    if [ -z "$repeats" ]; then
        check_files_same "$b.$ext: the merged page is the Bosnian release" "$bs" "$d/back.$ext"
    else
        # everything else is the release's: the differing lines are those units' sources
        n=$(diff "$bs" "$d/back.$ext" | grep -c '^>')
        check_eq "$b.$ext: only the $(echo $repeats | wc -w) repeated unit(s) differ from the release" \
            "$n" "$(echo $repeats | wc -w)"
    fi
    # README: the repetitions filled from their first occurrence, then merged
    check_ok "$b.$ext: tumac leverage --tm none" "$TUMAC" leverage --tm none -q -o "$d/full.xlf" "$d/back.xlf"
    check_ok "$b.$ext: merge" "$TUMAC" merge --strict -o "$d/full.$ext" "$d/full.xlf"
    check_files_same "$b.$ext: the page is the Bosnian release byte for byte" "$bs" "$d/full.$ext"
done

# inline codes came back as codes, not as escaped markup
check_grep "pomerge gave the codes back as escaped markup" '&lt;strong&gt;' "$WORK/workshop-media-literacy.html/back.xlf"
check_grep "and the page has them as HTML" '<strong>' "$WORK/workshop-media-literacy.html/back.html"

# a fuzzy entry (half English after xliff2po) is not published
d=$WORK/workshop-media-literacy.html
cp "$d/tr.po" "$d/fz.po"
sed -i '0,/^#: u8$/s//#: u8\n#, fuzzy/' "$d/fz.po"
check_grep "u8 is fuzzy in the PO" '^#, fuzzy' "$d/fz.po"
pomerge --progress=none -t "$d/en.xlf" -i "$d/fz.po" -o "$d/fz.xlf"
check_grep "pomerge marks it approved=no" 'id="u8"[^>]*approved="no"' "$d/fz.xlf"
check_ok "merge" "$TUMAC" merge -o "$d/fz.html" "$d/fz.xlf"
check_grep "tumac names the fuzzy unit untranslated" "unit 'u8' has no translation" "$WORK/.err"

# po2xliff without a template: the 1.1 namespace, no target-language
check_ok "po2xliff" po2xliff --progress=none "$d/tr.po" "$d/p2x.xlf"
check_grep "writes XLIFF 1.1" 'urn:oasis:names:tc:xliff:document:1.1' "$d/p2x.xlf"
check_ok "tumac validate reads the 1.1 namespace" "$TUMAC" validate "$d/p2x.xlf"
check_ok "tm update reads it, given -s and -t" "$TUMAC" tm update --tm "$WORK/p.db" -s en -t bs "$d/p2x.xlf"

# po2xliff -t: the translations in a second <file>, in the 1.1 namespace
check_ok "po2xliff -t" po2xliff --progress=none -t "$d/en.xlf" "$d/tr.po" "$d/p2t.xlf"
check_exit "the XSD rejects the mixed namespaces" 3 \
    xmllint --nonet --noout --schema "$S12" "$d/p2t.xlf"
check_exit "so does tumac validate" 1 "$TUMAC" validate "$d/p2t.xlf"
check_grep "naming the 1.1 element" "p2t\.xlf:[0-9]*: error: .*document:1\.1.trans-unit" "$WORK/.err"
check_ok "merge still rebuilds the first <file>" "$TUMAC" merge -o "$d/p2t.html" "$d/p2t.xlf"
check_grep "and names the units of the second it cannot merge" \
    "warning: <file> 'f2' \\(original '[^']*tr\\.po'\\) is not merged: its [0-9]* units" "$WORK/.err"

# a 1.2 file without target-language: merge wants -t (else the page would say lang="en")
sed 's/ target-language="bs"//' "$d/full.xlf" > "$d/nolang.xlf"
check_exit "merge refuses a file with no target language" 1 "$TUMAC" merge -o "$d/nl.html" "$d/nolang.xlf"
check_grep "saying to give -t" "nolang\.xlf: the file names no target language; give it with -t" "$WORK/.err"
check_no_file "writing nothing" "$d/nl.html"
check_ok "merge -t BS (canonicalised to bs)" "$TUMAC" merge -t BS -o "$d/nl.html" "$d/nolang.xlf"
check_files_same "gives the Bosnian release" samples/workshop-media-literacy.bs.html "$d/nl.html"
check_exit "-t naming another language than the file's is refused" 1 \
    "$TUMAC" merge -t hr -o "$d/hr.html" "$d/full.xlf"
check_grep "naming both" "target language is 'bs', not 'hr'" "$WORK/.err"
