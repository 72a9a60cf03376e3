# The bundled samples: every earlier release in all five languages with the same
# paragraph and line structure, Serbian Cyrillic without stray Latin letters, the new
# release present, and tm/samples.tmx valid against the TMX 1.4b DTD and in sync with
# the samples (tests/tools/samples.py does the sentence-level checks).
. tests/cli/lib.sh
export LC_ALL=C.UTF-8

langs="en bs hr sr-Latn sr-Cyrl"
dtd="$SHARED/standards/tmx-1.4b/dtd/tmx14.dtd"

# structure: "<lines> <paragraphs>" of a plain-text release (paragraphs = blank-line blocks)
shape() { awk 'NF { if (!inpara) p++; inpara = 1; next } { inpara = 0 } END { print NR, p }' "$1"; }

n=0
for en in samples/*.en.txt; do
    slug=$(basename "$en" .en.txt)
    n=$((n + 1))
    want=$(shape "$en")
    for lang in $langs; do
        f=samples/$slug.$lang.txt
        if [ ! -f "$f" ]; then
            echo "FAIL $slug has $lang: $f missing"; continue
        fi
        check_eq "$slug.$lang.txt lines and paragraphs match en" "$(shape "$f")" "$want"
        if iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 && ! grep -q $'\r' "$f"; then
            echo "PASS $slug.$lang.txt is UTF-8 with LF"
        else
            echo "FAIL $slug.$lang.txt is UTF-8 with LF"
        fi
    done
    if [ -f "samples/$slug.en.html" ]; then
        want=$(grep -c '<p>' "samples/$slug.en.html")
        for lang in $langs; do
            f=samples/$slug.$lang.html
            if [ ! -f "$f" ]; then
                echo "FAIL $slug has $lang HTML: $f missing"; continue
            fi
            check_eq "$slug.$lang.html paragraphs match en" "$(grep -c '<p>' "$f")" "$want"
            check_grep "$slug.$lang.html declares its language" "<html lang=\"$lang\">" "$f"
        done
    fi
done
check_eq "at least four earlier releases" "$([ "$n" -ge 4 ] && echo yes)" yes
check_eq "at least two earlier releases as HTML" \
    "$([ "$(ls samples/*.en.html | wc -l)" -ge 2 ] && echo yes)" yes

# Serbian Cyrillic: no Latin letter outside URLs and e-mail addresses (HTML: text only).
for f in samples/*.sr-Cyrl.txt samples/*.sr-Cyrl.html; do
    sed -e '/<style>/,/<\/style>/d' -e 's/<[^>]*>//g' "$f" |
        sed -E -e 's#https?://[^[:space:]<>"]+##g' -e 's#www\.[^[:space:]<>"]+##g' \
               -e 's#[[:alnum:]._+-]+@[[:alnum:]-]+(\.[[:alnum:]-]+)+##g' >"$WORK/cyr"
    if grep -nP '[A-Za-z\x{00C0}-\x{024F}]' "$WORK/cyr" >"$WORK/latin"; then
        echo "FAIL $f has Latin letters outside URLs/e-mail:"; head -3 "$WORK/latin"
    else
        echo "PASS $f has no Latin letters outside URLs/e-mail"
    fi
done
check_grep "Cyrillic keeps the digraph exception nadživeti split" 'надживе' \
    samples/workshop-media-literacy.sr-Cyrl.txt
check_grep "Cyrillic keeps the digraph exception injekcija split" 'инјекција' \
    samples/launch-accessible-elections.sr-Cyrl.txt

# the new release
check_ok "new release as text" test -s samples/new/workshop-media-literacy-tuzla.en.txt
check_ok "new release as HTML" test -s samples/new/workshop-media-literacy-tuzla.en.html

# the TM of the earlier releases
check_ok "tm/samples.tmx validates against the TMX 1.4b DTD" \
    xmllint --nonet --noout --dtdvalid "$dtd" tm/samples.tmx
check_grep "tm/samples.tmx is from tumac with srclang en" 'creationtool="tumac".*srclang="en"' tm/samples.tmx
tus=$(grep -c '<tu ' tm/samples.tmx)
check_eq "tm/samples.tmx has a TU per sentence pair (>= 50)" "$([ "$tus" -ge 50 ] && echo yes)" yes
for lang in $langs; do
    check_eq "every TU has $lang" "$(grep -c "<tuv xml:lang=\"$lang\">" tm/samples.tmx)" "$tus"
done
check_ok "samples align sentence by sentence, Cyrillic = Latin, TMX in sync" \
    python3 tests/tools/samples.py check
check_grep "the new release has exact, fuzzy, new and repeated sentences" \
    'new release: [0-9]+ exact, [0-9]+ fuzzy, [0-9]+ new, [1-9][0-9]* repetition' "$WORK/.out"

# the checker notices a broken translation (a sentence dropped from a paragraph)
mkdir -p "$WORK/copy/tm" "$WORK/copy/tests"
cp -r samples "$WORK/copy/" && cp -r tests/tools "$WORK/copy/tests/" && cp tm/samples.tmx "$WORK/copy/tm/"
sed -i 's/ Samo je mali broj tih slučajeva stigao do sudova\.//' \
    "$WORK/copy/samples/statement-attack-journalist.hr.txt"
check_exit "a dropped sentence is caught" 1 sh -c "cd '$WORK/copy' && python3 tests/tools/samples.py check"
check_grep "the dropped sentence is located" 'statement-attack-journalist.hr.txt unit 4' "$WORK/.err"
