# extract -> merge without translation gives every input back byte for byte:
# samples/, the HTML test files, the real release in ../shared/seeds; the
# XLIFF written validates against the official 1.2 and 2.1 schemas.
. tests/cli/lib.sh

export XML_CATALOG_FILES="$SHARED/standards/catalog.xml"
X12="$SHARED/standards/xliff-1.2/schema/xliff-core-1.2-strict.xsd"
X21="$SHARED/standards/xliff-2.x/2.1/xliff-2.1-all-modules.xsd"
[ -f "$X21" ] || X21="$SHARED/standards/xliff-2.x/2.1/schemas/xliff_core_2.0.xsd"

roundtrip() { # FILE VERSION SRC
    local f=$1 v=$2 src=$3 b
    b=$WORK/$(basename "$f").$v
    if ! "$TUMAC" extract -s "$src" -t sr-Latn --xliff "$v" -o "$b.xlf" "$f" 2>"$b.err"; then
        echo "FAIL extract $f ($v)"; head -3 "$b.err"; return
    fi
    if ! "$TUMAC" merge -o "$b.out" "$b.xlf" 2>"$b.err"; then
        echo "FAIL merge $f ($v)"; head -3 "$b.err"; return
    fi
    check_files_same "round trip $(basename "$f") (XLIFF $v)" "$f" "$b.out"
}

n=0
for f in samples/*.txt samples/*.html samples/new/* tests/data/html/*.html; do
    [ -f "$f" ] || continue
    src=en
    case $f in
        *.bs.*) src=bs ;; *.hr.*) src=hr ;; *.sr-Cyrl.*) src=sr-Cyrl ;; *.sr-Latn.*) src=sr-Latn ;;
    esac
    roundtrip "$f" 2.1 "$src"
    n=$((n + 1))
done
check_eq "at least 40 files round-tripped" "$([ $n -ge 40 ] && echo yes)" yes
for f in samples/workshop-media-literacy.en.html tests/data/html/01-entities.html \
         tests/data/html/06-nested-inline.html tests/data/html/22-attr-inline.html \
         samples/workshop-media-literacy.en.txt; do
    roundtrip "$f" 1.2 en
done
roundtrip "$SHARED/seeds/osce-bih-press-release.txt" 2.1 en
roundtrip "$SHARED/seeds/osce-bih-press-release.txt" 1.2 en

# schema validation of what extract writes
for f in samples/workshop-media-literacy.en.html tests/data/html/06-nested-inline.html \
         tests/data/html/23-sentences.html tests/data/html/17-forms.html; do
    b=$WORK/v-$(basename "$f")
    "$TUMAC" extract -s en -t bs --xliff 2.1 -o "$b.21.xlf" "$f"
    "$TUMAC" extract -s en -t bs --xliff 1.2 -o "$b.12.xlf" "$f"
    check_ok "$(basename "$f") XLIFF 2.1 valid" xmllint --nonet --noout --schema "$X21" "$b.21.xlf"
    check_ok "$(basename "$f") XLIFF 1.2 valid" xmllint --nonet --noout --schema "$X12" "$b.12.xlf"
done

# default output names
cp samples/workshop-media-literacy.en.html "$WORK/rel.en.html"
check_ok "extract with the default output" "$TUMAC" extract -s en -t bs "$WORK/rel.en.html"
check_ok "default output exists" test -f "$WORK/rel.en.html.xlf"
check_ok "merge with the default output" "$TUMAC" merge "$WORK/rel.en.html.xlf"
check_files_same "default merge output is rel.bs.html" "$WORK/rel.en.html" "$WORK/rel.bs.html"
check_grep "untranslated merge warns naming a unit" "unit 'u[0-9]+' has no translation" "$WORK/.err"
