# SRX 2.0: the built-in rules exported and read back, the shared example
# files, and located errors for bad files.
. tests/cli/lib.sh
ex=$SHARED/standards/srx-2.0/examples

check_ok "dump the built-in rules" "$TUMAC" segment --dump-srx
cp "$WORK/.out" "$WORK/builtin.srx"
check_grep "the dump is SRX 2.0" '<srx xmlns="http://www.lisa.org/srx20" version="2.0">' "$WORK/builtin.srx"
check_grep "the dump maps Serbian" 'languagepattern="\(sr\|sh\|cnr\)' "$WORK/builtin.srx"
if command -v xmllint >/dev/null; then
    check_ok "the dump is valid against the SRX 2.0 schema" \
        xmllint --noout --nonet --schema "$SHARED/standards/srx-2.0/schema/srx20.xsd" "$WORK/builtin.srx"
fi
check_exit "--dump-srx takes no other arguments" 2 "$TUMAC" segment --dump-srx --lang bs

# Round trip on the golden set: the exported rules give the same segments.
for f in tests/data/segment/*.txt; do
    lang=$(basename "$f" .txt)
    grep -v '^#' "$f" | awk 'BEGIN { RS = ""; FS = "\n" } { if (NR > 1) print ""; s = $1; for (i = 2; i <= NF; i++) s = s " " $i; print s }' >"$WORK/$lang.in"
    "$TUMAC" segment --lang "$lang" "$WORK/$lang.in" >"$WORK/$lang.builtin" 2>"$WORK/.err"
    check_ok "$lang: segments with the exported rules" "$TUMAC" segment --lang "$lang" --srx "$WORK/builtin.srx" "$WORK/$lang.in"
    check_files_same "$lang: exported rules give the built-in segments" "$WORK/.out" "$WORK/$lang.builtin"
done

# And on the NTREX news text (all documents joined), where there is more variety.
for pair in bs:bos hr:hrv sr-Latn:srp-Latn sr-Cyrl:srp-Cyrl en:eng; do
    lang=${pair%%:*} f=$SHARED/data/parallel/ntrex-128/newstest2019.${pair#*:}.txt
    [ -f "$f" ] || continue
    tr -d '\r' <"$f" | paste -sd ' ' >"$WORK/ntrex.in"
    "$TUMAC" segment --lang "$lang" "$WORK/ntrex.in" >"$WORK/ntrex.builtin" 2>"$WORK/.err"
    check_ok "NTREX $lang: exported rules" "$TUMAC" segment --lang "$lang" --srx "$WORK/builtin.srx" "$WORK/ntrex.in"
    check_files_same "NTREX $lang: exported rules give the built-in segments" "$WORK/.out" "$WORK/ntrex.builtin"
done

# The two example files of the standard's folder.
printf 'Mr. Holmes is from the U.K. not the U.S. Is Dr. Watson from there too? Yes: both are.\n' >"$WORK/en.txt"
check_ok "okapi default rules load" "$TUMAC" segment --lang en --srx "$ex/okapi-defaultSegmentation.srx" "$WORK/en.txt"
printf 'Mr. Holmes is from the U.K. not the U.S.\nIs Dr. Watson from there too?\nYes: both are.\n' >"$WORK/want"
check_files_same "okapi default rules segment as Okapi does" "$WORK/.out" "$WORK/want"
check_ok "okapi sample rules load (cascade)" "$TUMAC" segment --lang en --srx "$ex/okapi-website-sample20.srx" "$WORK/en.txt"
printf 'Mr. Holmes is from the U.K. not the U.S. Is Dr. Watson from there too? Yes: both are.\n' >"$WORK/want"
check_files_same "okapi sample: only period + space breaks, not after initials or Mr./Dr." "$WORK/.out" "$WORK/want"
check_ok "okapi sample for another language uses the default map" "$TUMAC" segment --lang hr --srx "$ex/okapi-website-sample20.srx" "$WORK/en.txt"
printf 'Mr.\nHolmes is from the U.K. not the U.S. Is Dr.\nWatson from there too? Yes: both are.\n' >"$WORK/want"
check_files_same "cascade: hr gets only the default rules" "$WORK/.out" "$WORK/want"

# Bad files: located errors, exit 1, no output.
printf '<srx version="2.0">\n<header cascade="no"></body>\n</srx>\n' >"$WORK/broken.srx"
check_exit "malformed SRX" 1 "$TUMAC" segment --lang en --srx "$WORK/broken.srx" "$WORK/en.txt"
check_grep "malformed SRX is located" 'broken.srx:2:[0-9]+: ' "$WORK/.err"
sed 's|<beforebreak>\\b\[IiИи\]|<beforebreak>(\\b[IiИи]|' "$WORK/builtin.srx" >"$WORK/badre.srx"
check_exit "a bad rule regex" 1 "$TUMAC" segment --lang bs --srx "$WORK/badre.srx" "$WORK/en.txt"
check_grep "a bad regex names its line" 'badre.srx:[0-9]+: bad rule regex' "$WORK/.err"
sed 's|languagerulename="tumac-en"/>|languagerulename="nothing"/>|' "$WORK/builtin.srx" >"$WORK/badmap.srx"
check_exit "a map to a missing rule set" 1 "$TUMAC" segment --lang en --srx "$WORK/badmap.srx" "$WORK/en.txt"
check_grep "the missing rule set is named" "badmap.srx:[0-9]+: .*'nothing'" "$WORK/.err"
printf '<?xml version="1.0"?>\n<!DOCTYPE srx [<!ENTITY x "y">]>\n<srx version="2.0"/>\n' >"$WORK/dtd.srx"
check_exit "a DOCTYPE is refused" 1 "$TUMAC" segment --lang en --srx "$WORK/dtd.srx" "$WORK/en.txt"
check_grep "the DOCTYPE refusal says so" 'DOCTYPE is not allowed' "$WORK/.err"
printf '<srx version="1.0"><header/><body/></srx>\n' >"$WORK/v1.srx"
check_exit "SRX 1.0 is refused" 1 "$TUMAC" segment --lang en --srx "$WORK/v1.srx" "$WORK/en.txt"
check_exit "a missing SRX file" 1 "$TUMAC" segment --lang en --srx "$WORK/none.srx" "$WORK/en.txt"
# Java-style locale patterns ("bs_.*") match too.
sed 's|languagepattern="bs(\[-_\]\.\*)?"|languagepattern="bs_.*"|' "$WORK/builtin.srx" >"$WORK/java.srx"
printf 'Govorio je prof. dr. Marko Marković. Kraj.\n' >"$WORK/bs.txt"
check_ok "a Java-style language pattern" "$TUMAC" segment --lang bs-Latn --srx "$WORK/java.srx" "$WORK/bs.txt"
check_eq "it picks the Bosnian rules" "$(cat "$WORK/.out")" "Govorio je prof. dr. Marko Marković.
Kraj."
