#!/usr/bin/env bash
# Transliteration throughput on ~4 MB of real news (NTREX-128 Serbian, repeated):
# Cyrillic -> Latin by tumac against gettext's recode-sr-latin and ICU's
# uconv -x 'sr-sr_Latn/BGN; NFC'; Latin -> Cyrillic by tumac (with and without
# the foreign-span judgement) against ICU's uconv -x Latin-Cyrillic, the one
# peer for this direction (it has no Serbian rules: lj nj dž come out as
# лй нй дж and foreign words are converted; its exactness is in
# bench-translit-ntrex.sh). Env: TUMAC, SHARED.
set -euo pipefail
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-translit.XXXXXX")
trap 'rm -rf "$work"' EXIT
data=$SHARED/data/parallel/ntrex-128
for i in $(seq 1 12); do cat "$data/newstest2019.srp-Cyrl.txt"; done > "$work/cyr.txt"
for i in $(seq 1 12); do cat "$data/newstest2019.srp-Latn.txt"; done > "$work/lat.txt"
now() { date +%s.%N; }
run() { # NAME IN CMD... -> prints seconds, output in $work/NAME.out
    local name=$1 in=$2; shift 2
    local t0 t1
    t0=$(now); "$@" < "$in" > "$work/$name.out"; t1=$(now)
    echo "$t1 - $t0" | bc -l
}
mb() { echo "scale=2; $(stat -c %s "$1") / 1048576" | bc -l; }
echo "input: Cyrillic $(mb "$work/cyr.txt") MB, Latin $(mb "$work/lat.txt") MB"
t_tumac=$(run tumac-c2l "$work/cyr.txt" "$TUMAC" translit --to sr-Latn)
t_recode=$(run recode "$work/cyr.txt" recode-sr-latin)
t_uconv=$(run uconv "$work/cyr.txt" uconv -x 'sr-sr_Latn/BGN; NFC')
t_l2c=$(run tumac-l2c "$work/lat.txt" "$TUMAC" translit --to sr-Cyrl)
t_l2c_nf=$(run tumac-l2c-nf "$work/lat.txt" "$TUMAC" translit --to sr-Cyrl --no-foreign)
t_uconv_l2c=$(run uconv-l2c "$work/lat.txt" uconv -x 'Latin-Cyrillic')
rate() { echo "scale=2; $(stat -c %s "$1") / 1048576 / $2" | bc -l; }
printf '%-40s %8s %10s\n' "tool" "seconds" "MB/s"
printf '%-40s %8.2f %10.2f\n' "tumac translit --to sr-Latn" "$t_tumac" "$(rate "$work/cyr.txt" "$t_tumac")"
printf '%-40s %8.2f %10.2f\n' "recode-sr-latin (gettext)" "$t_recode" "$(rate "$work/cyr.txt" "$t_recode")"
printf '%-40s %8.2f %10.2f\n' "uconv -x 'sr-sr_Latn/BGN; NFC'" "$t_uconv" "$(rate "$work/cyr.txt" "$t_uconv")"
printf '%-40s %8.2f %10.2f\n' "tumac translit --to sr-Cyrl" "$t_l2c" "$(rate "$work/lat.txt" "$t_l2c")"
printf '%-40s %8.2f %10.2f\n' "tumac translit --to sr-Cyrl --no-foreign" "$t_l2c_nf" "$(rate "$work/lat.txt" "$t_l2c_nf")"
printf '%-40s %8.2f %10.2f\n' "uconv -x Latin-Cyrillic" "$t_uconv_l2c" "$(rate "$work/lat.txt" "$t_uconv_l2c")"
echo "ratio Cyrillic->Latin speed, tumac / recode-sr-latin: $(echo "scale=2; $t_recode / $t_tumac" | bc -l)"
echo "ratio Cyrillic->Latin speed, tumac / uconv:           $(echo "scale=2; $t_uconv / $t_tumac" | bc -l)"
echo "ratio Latin->Cyrillic speed, tumac / uconv Latin-Cyrillic:              $(echo "scale=2; $t_uconv_l2c / $t_l2c" | bc -l)"
echo "ratio Latin->Cyrillic speed, tumac --no-foreign / uconv Latin-Cyrillic: $(echo "scale=2; $t_uconv_l2c / $t_l2c_nf" | bc -l)"
# A one-line call (process start included), best of 5, with and without the
# foreign-span judgement.
one() {
    local best=99 t0 t1 d
    for _ in 1 2 3 4 5; do
        t0=$(now); echo 'Projekat Strong Cities Network u BiH' | "$TUMAC" translit --to sr-Cyrl "$@" >/dev/null
        t1=$(now); d=$(echo "$t1 - $t0" | bc -l)
        best=$(echo "if ($d < $best) $d else $best" | bc -l)
    done
    printf '%.4f' "$best"
}
echo "one-line call, Latin -> Cyrillic: $(one) s; with --no-foreign: $(one --no-foreign) s"
if cmp -s "$work/tumac-c2l.out" "$work/uconv.out"; then
    echo "tumac and uconv outputs identical"
else
    echo "tumac and uconv outputs differ in $(diff "$work/tumac-c2l.out" "$work/uconv.out" | grep -c '^<') lines (uconv: LJ. for the initial Љ.)"
fi
