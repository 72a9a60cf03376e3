# Allocation failures: in the sanitizer build (compiled with -DTU_TEST_ALLOC)
# TU_TEST_FAIL_ALLOC=N makes the N-th library allocation fail. For each
# command below, every N from the first allocation to the last (sampled more
# sparsely as N grows) must end in a clean failure: exit 1, a message, no
# output file, and no sanitizer report (leak, use after free, UB). The plain
# build ignores the variable, which is checked too.
. tests/cli/lib.sh

# Sanitizer reports get exit codes of their own, so they cannot pass for a
# clean failure (exit 1).
export ASAN_OPTIONS="exitcode=90:detect_leaks=1"
export UBSAN_OPTIONS="exitcode=91:halt_on_error=1"
export LSAN_OPTIONS="exitcode=92"

cat > "$WORK/in.html" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><title>New bridge</title>
<meta name="description" content="The OSCE Mission opened a bridge."></head>
<body><p>The <a href="https://osce.org">OSCE Mission</a> opened the bridge on 3 December.
It cost 1.2 million KM.</p><p>Contact: <em>press@osce.org</em>.</p></body></html>
HTML
printf 'Misija OEBS-a u BiH.\n\nNovi most u Mostaru je otvoren 3. decembra. Dr. Petrović je govorio.\n' \
    > "$WORK/in.txt"
"$TUMAC" extract -s en -t sr-Latn -o "$WORK/in.xlf" "$WORK/in.html" 2>/dev/null
"$TUMAC" pseudo -o "$WORK/pseudo.xlf" "$WORK/in.xlf" 2>/dev/null
printf 'The OSCE Mission opened the bridge.\tMisija OEBS-a otvorila je most.\n' > "$WORK/tm.tsv"
"$TUMAC" tm import --tm "$WORK/lev.db" -s en -t sr-Latn "$WORK/tm.tsv" 2>/dev/null

# The command lines (OUT is replaced by the output path of each run).
commands=(
    "extract -s en -t sr-Latn -o OUT $WORK/in.html"
    "extract -s sr-Latn -t en --xliff 1.2 -o OUT $WORK/in.txt"
    "merge -o OUT $WORK/pseudo.xlf"
    "xliff convert --to 1.2 -o OUT $WORK/pseudo.xlf"
    "translit --to sr-Cyrl -o OUT $WORK/in.txt"
    "normalize --quotes -l sr-Latn -o OUT $WORK/in.txt"
    "tm import -s en -t sr-Latn --tm OUT $WORK/tm.tsv"
    "leverage --tm $WORK/lev.db -o OUT $WORK/in.xlf"
)

count_allocs() { # CMD... -> the number of library allocations, "" in a release build
    TU_TEST_COUNT_ALLOC=1 "$@" 2>&1 >/dev/null | sed -n 's/^tumac-test-allocations: //p' | tail -1
}

if [ -z "$(count_allocs "$TUMAC" translit --to sr-Cyrl "$WORK/in.txt")" ]; then
    # A release build: the variables must not change anything.
    TU_TEST_FAIL_ALLOC=1 "$TUMAC" translit --to sr-Cyrl -o "$WORK/probe" "$WORK/in.txt"
    check_files_same "release build ignores TU_TEST_FAIL_ALLOC" "$WORK/probe" \
        <("$TUMAC" translit --to sr-Cyrl "$WORK/in.txt")
    exit 0
fi

for cmd in "${commands[@]}"; do
    name=${cmd%% -*}
    # shellcheck disable=SC2086
    total=$(count_allocs "$TUMAC" ${cmd//OUT/$WORK/clean.$RANDOM})
    bad=0 runs=0 n=1
    # The first 30 allocations (setup) one by one, then 30 spread over the rest.
    step=$(( total > 30 ? (total - 30) / 30 + 1 : 1 ))
    while [ "$n" -le "$total" ]; do
        out="$WORK/out.$runs"
        # shellcheck disable=SC2086
        TU_TEST_FAIL_ALLOC=$n "$TUMAC" ${cmd//OUT/$out} >/dev/null 2>"$WORK/err"
        rc=$?
        runs=$((runs + 1))
        # 0 is fine too: some allocations are optional (a cache, a hint).
        if [ "$rc" -ne 0 ] && { [ "$rc" -ne 1 ] || [ ! -s "$WORK/err" ] ||
                                { [ -e "$out" ] && [ "${name#tm}" = "$name" ]; }; }; then
            echo "FAIL $name with allocation $n of $total failing: exit $rc, output $( [ -e "$out" ] && echo left || echo none)"
            head -5 "$WORK/err"
            bad=$((bad + 1))
            [ "$bad" -ge 3 ] && break
        fi
        rm -rf "$out" "$out"-*
        if [ "$n" -lt 30 ]; then n=$((n + 1)); else n=$((n + step)); fi
    done
    [ "$bad" -eq 0 ] && echo "PASS $name unwinds cleanly from $runs of its $total allocations failing"
done
