# Issue 20, fast start: Latin -> Cyrillic loads no dictionary (the word
# tables are compiled in), so a one-line call with the foreign-word check
# reads no hunspell file and gives the same judgement as a long run.
. tests/cli/lib.sh

out=$(printf 'Projekat Strong Cities Network u BiH\n' | strace -f -e trace=openat "$TUMAC" \
    translit --to sr-Cyrl 2>"$WORK/trace" || true)
if command -v strace >/dev/null 2>&1; then
    check_eq "one line: no hunspell file opened" "$(grep -c hunspell "$WORK/trace")" 0
fi
out=$(printf 'Projekat Strong Cities Network u BiH\n' | "$TUMAC" translit --to sr-Cyrl)
check_eq "one line: foreign run kept" "$out" "Пројекат Strong Cities Network у БиХ"
check_eq "the binary does not link hunspell" \
    "$(ldd "$TUMAC" 2>/dev/null | grep -c hunspell)" 0
# The same line inside a long input is judged the same (no state carried).
{ for i in $(seq 1 200); do echo "Red $i: Ovo je tekst."; done
  echo 'Projekat Strong Cities Network u BiH'; } > "$WORK/long.txt"
check_eq "long input: same judgement" \
    "$("$TUMAC" translit --to sr-Cyrl "$WORK/long.txt" | tail -1)" "Пројекат Strong Cities Network у БиХ"
