#!/usr/bin/env bash
# Latin -> Cyrillic on the NTREX-128 clean subset: the Serbian line pairs where
# recode-sr-latin maps the Cyrillic line exactly onto the Latin one and no
# Cyrillic word holds a Latin letter (tests/bench/ntrex-clean.py select).
# Prints exact lines (all, and each half by line number), the misses by kind,
# Cyrillic -> Latin exactness and the Latin -> Cyrillic -> Latin round trip.
# Env: TUMAC, SHARED; NTREX_SHOW=1 lists the missed words.
set -euo pipefail
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-ntrex.XXXXXX")
trap 'rm -rf "$work"' EXIT
data=$SHARED/data/parallel/ntrex-128
py=$(dirname "$0")/ntrex-clean.py
recode-sr-latin < "$data/newstest2019.srp-Cyrl.txt" > "$work/rec.txt"
python3 "$py" select "$data/newstest2019.srp-Cyrl.txt" "$data/newstest2019.srp-Latn.txt" \
    "$work/rec.txt" "$work"
show=${NTREX_SHOW:+show}
for half in "" even. odd.; do
    "$TUMAC" translit --to sr-Cyrl < "$work/${half}lat.txt" > "$work/${half}out.txt"
    echo "Latin -> Cyrillic, ${half:-all }lines: $(python3 "$py" score "$work/${half}cyr.txt" \
        "$work/${half}out.txt" | sed -n 1p)"
done
python3 "$py" score "$work/cyr.txt" "$work/out.txt" $show | tail -n +2
"$TUMAC" translit --to sr-Latn < "$work/cyr.txt" > "$work/c2l.txt"
echo "Cyrillic -> Latin: $(python3 "$py" score "$work/lat.txt" "$work/c2l.txt" | sed -n 1p)"
"$TUMAC" translit --to sr-Latn < "$work/out.txt" > "$work/l2c2l.txt"
echo "Latin -> Cyrillic -> Latin: $(python3 "$py" score "$work/lat.txt" "$work/l2c2l.txt" | sed -n 1p)"
