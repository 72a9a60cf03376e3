# DOCX and ODT on the real corpus ($SHARED/data/office: files Word, LibreOffice,
# Okapi and python-docx wrote for their own tests). Every file gets either a
# round trip whose parts are byte-identical to the input's, or a clear error
# (exit 1, a message naming the file, no output file); a pseudo-translated
# merge of every round-tripping file succeeds. Counts and codes per segment
# are printed (the report quotes them).
. tests/cli/lib.sh

CORPUS="$SHARED/data/office"
if [ ! -d "$CORPUS/okapi" ]; then
    echo "FAIL the office corpus is missing: $CORPUS"
    exit 0
fi
CHECK="python3 tests/cli/office_check.py"
mkdir -p "$WORK/x" "$WORK/same"
: > "$WORK/pairs"
ok=0 refused=0 bad=0 pseudo_bad=0 same_bad=0
: > "$WORK/refusals"
for f in "$CORPUS"/okapi/* "$CORPUS"/python-docx/*; do
    case "$f" in *LICENSE) continue ;; esac
    b=$(basename "$f")
    x="$WORK/x/$b.xlf"
    timeout 60 "$TUMAC" extract -s en -t hr -o "$x" "$f" >/dev/null 2>"$WORK/err"
    rc=$?
    if [ $rc -eq 1 ]; then
        # a clear error: names the file, says what is wrong, writes nothing
        if grep -qF "$f" "$WORK/err" && [ ! -e "$x" ] &&
           grep -qE "tracked changes|password-protected|binary Word|not a readable zip|no word/document.xml|no content.xml|macro-enabled|zip bomb|not well-formed|DOCTYPE" "$WORK/err"; then
            refused=$((refused + 1))
            sed 's/^[^:]*:[^ ]* //' "$WORK/err" | cut -c1-70 >> "$WORK/refusals"
        else
            bad=$((bad + 1)); echo "FAIL unclear error for $b:"; head -3 "$WORK/err"
        fi
        continue
    elif [ $rc -ne 0 ]; then
        bad=$((bad + 1)); echo "FAIL $b: exit $rc (crash or hang)"; head -3 "$WORK/err"
        continue
    fi
    ok=$((ok + 1))
    # the untranslated merge: every part byte-identical (the container may differ)
    if "$TUMAC" merge -o "$WORK/same/$b" "$x" >/dev/null 2>&1; then
        printf '%s\t%s\n' "$f" "$WORK/same/$b" >> "$WORK/pairs"
    else
        same_bad=$((same_bad + 1)); echo "FAIL $b: untranslated merge failed"
    fi
    "$TUMAC" pseudo -o "$WORK/p.xlf" "$x" >/dev/null 2>&1 &&
        "$TUMAC" merge -o "$WORK/p.out" "$WORK/p.xlf" >/dev/null 2>"$WORK/err" ||
        { pseudo_bad=$((pseudo_bad + 1)); echo "FAIL $b: pseudo merge: $(head -1 "$WORK/err")"; }
    rm -f "$WORK/p.out"
done
$CHECK parts-list "$WORK/pairs" > "$WORK/parts.out" || same_bad=$((same_bad + $(wc -l < "$WORK/parts.out")))
head -5 "$WORK/parts.out"
echo "office corpus: $ok round trips, $refused clear errors, $bad other"
sort "$WORK/refusals" | uniq -c | sort -rn | sed 's/^/  /'
check_eq "no file crashed, hung or gave an unclear error" "$bad" 0
check_eq "every untranslated merge keeps every part" "$same_bad" 0
check_eq "every pseudo-translated merge succeeds" "$pseudo_bad" 0
check_ok "most of the corpus round-trips (>= 370 of 403)" test "$ok" -ge 370
$CHECK codes "$WORK"/x/*.xlf > "$WORK/codes"
head -6 "$WORK/codes" | sed 's/^/  /'
check_grep "codes per segment measured" '^segments [0-9]+ codes [0-9]+ per-segment 0\.' "$WORK/codes"
