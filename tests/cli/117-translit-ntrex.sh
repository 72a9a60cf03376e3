# Issue 20, measured: Latin -> Cyrillic on the NTREX-128 clean subset
# (tests/bench/bench-translit-ntrex.sh, the same script make bench runs) on
# both halves of its fixed split: the tuning half, whose misses the rules
# were written from, and the held-out half (a line whose Latin text's SHA-1
# starts with an odd byte), whose misses are never printed; the same for the
# repaired lines (left out of the clean subset for Latin look-alike letters
# in the Cyrillic). Asserts each half at or above its floor (measured: clean
# 97.5 % and 97.1 %, repaired 96.5 % and 94.5 %), the clean halves adding
# up to the whole, the count that also takes the reference's own variants
# (FBI beside ФБИ) printed under each exact count and never below it, and
# Cyrillic -> Latin and the round trip exact on every line.
. tests/cli/lib.sh

NTREX_SHOW=1 bash tests/bench/bench-translit-ntrex.sh > "$WORK/figures.txt" 2>"$WORK/bench.err"
check_eq "the bench ran" "$?" 0
cat "$WORK/figures.txt"
# exact lines and lines of one figure line: "...: exact N / M (P %)"
figure() { sed -n "s|^$1.*exact \([0-9]*\) / \([0-9]*\) .*|\1 \2|p" "$WORK/figures.txt"; }
at_least() { # NAME "N M" PERCENT: N/M >= PERCENT %
    check_ok "$1: $2 at least $3 %" awk -v n="${2% *}" -v m="${2#* }" -v p="$3" \
        'BEGIN { exit !(m > 200 && n * 100 >= p * m) }'
}
all=$(figure 'Latin -> Cyrillic, all')
tune=$(figure 'Latin -> Cyrillic, tune')
held=$(figure 'Latin -> Cyrillic, held')
at_least "tuning half" "$tune" 97
at_least "held-out half" "$held" 97
at_least "repaired tuning half" "$(figure 'Latin -> Cyrillic, repaired tune')" 96
at_least "repaired held-out half" "$(figure 'Latin -> Cyrillic, repaired held')" 94
# each exact line, then "  exact or the reference's own variant N / M (P %)"
check_eq "a variant count under each of the six exact counts" \
    "$(grep -A1 '^Latin -> Cyrillic, .* lines: exact' "$WORK/figures.txt" | grep -c "^  exact or the reference's own variant")" 6
check_ok "the variant count is never below the exact one" awk '
    /^Latin -> Cyrillic, .* lines: exact/ { split($0, a, "exact "); split(a[2], b, " "); e = b[1] + 0; next }
    /^  exact or the reference/ { split($0, a, "variant "); split(a[2], b, " "); if (b[1] + 0 < e) bad = 1 }
    END { exit bad }' "$WORK/figures.txt"
check_eq "the halves make the whole" "$(( ${tune% *} + ${held% *} )) $(( ${tune#* } + ${held#* } ))" "$all"
check_eq "misses are listed for the two tuning halves only" \
    "$(grep '^misses of the' "$WORK/figures.txt" | tr '\n' '|')" \
    "misses of the tune half:|misses of the repaired tune half:|"
c2l=$(figure 'Cyrillic -> Latin')
check_eq "Cyrillic -> Latin exact on every line" "${c2l% *}" "${c2l#* }"
rt=$(figure 'Latin -> Cyrillic -> Latin')
check_eq "the round trip exact on every line" "${rt% *}" "${rt#* }"
