#!/usr/bin/env bash
# Latin -> Cyrillic on the NTREX-128 clean subset: the Serbian line pairs where
# recode-sr-latin maps the Cyrillic line exactly onto the Latin one and no
# Cyrillic word holds a Latin letter (tests/bench/ntrex-clean.py select).
# Prints exact lines (all, the tuning half and the held-out half: a line is
# held out when the SHA-1 of its Latin text starts with an odd byte), the same
# for the repaired lines (those left out for look-alike letters, repaired),
# under each the lines exact or differing only by a word the reference itself
# writes elsewhere (its own variant: FBI and ФБИ; ntrex-clean.py score),
# the misses of both tuning halves by kind, Cyrillic -> Latin exactness and the
# Latin -> Cyrillic -> Latin round trip; and the peer, ICU's uconv -x
# Latin-Cyrillic, on the same lines. Each half is given to tumac as a file:
# judged as one text, in the lines' order, as a press release would be.
# Env: TUMAC, SHARED; NTREX_SHOW=1 lists the missed words of the tuning half
# (the held-out half's misses are never printed: rules are written from the
# tuning half alone).
set -euo pipefail
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-ntrex.XXXXXX")
trap 'rm -rf "$work"' EXIT
data=$SHARED/data/parallel/ntrex-128
py=$(dirname "$0")/ntrex-clean.py
recode-sr-latin < "$data/newstest2019.srp-Cyrl.txt" > "$work/rec.txt"
python3 "$py" select "$data/newstest2019.srp-Cyrl.txt" "$data/newstest2019.srp-Latn.txt" \
    "$work/rec.txt" "$work"
# The lines left out for Latin look-alikes inside Cyrillic words, repaired and
# selected the same way (fresh/), split into halves by the same rule.
python3 "$py" repaired "$data/newstest2019.srp-Cyrl.txt" "$data/newstest2019.srp-Latn.txt" "$work"
recode-sr-latin < "$work/repair.cyr.txt" > "$work/repair.rec.txt"
mkdir "$work/fresh"
python3 "$py" select "$work/repair.cyr.txt" "$work/repair.lat.txt" "$work/repair.rec.txt" "$work/fresh"
show=${NTREX_SHOW:+show}
for half in "" tune. held. fresh/ fresh/tune. fresh/held.; do
    "$TUMAC" translit --to sr-Cyrl "$work/${half}lat.txt" > "$work/${half}out.txt"
    name=${half:-all.}
    name=${name/fresh\//repaired }
    python3 "$py" score "$work/${half}cyr.txt" "$work/${half}out.txt" "$data/newstest2019.srp-Cyrl.txt" \
        | sed -n '1s/^/Latin -> Cyrillic, '"${name/%repaired /repaired all.}"' lines: /p; 2p'
done
for half in tune. fresh/tune.; do
    name=${half/fresh\//repaired }
    echo "misses of the ${name%.} half:"
    python3 "$py" score "$work/${half}cyr.txt" "$work/${half}out.txt" $show | tail -n +2
done
uconv -x Latin-Cyrillic < "$work/lat.txt" > "$work/uconv.txt"
echo "uconv -x Latin-Cyrillic, all. lines: $(python3 "$py" score "$work/cyr.txt" "$work/uconv.txt" | sed -n 1p)"
"$TUMAC" translit --to sr-Latn < "$work/cyr.txt" > "$work/c2l.txt"
echo "Cyrillic -> Latin: $(python3 "$py" score "$work/lat.txt" "$work/c2l.txt" | sed -n 1p)"
"$TUMAC" translit --to sr-Latn < "$work/out.txt" > "$work/l2c2l.txt"
echo "Latin -> Cyrillic -> Latin: $(python3 "$py" score "$work/lat.txt" "$work/l2c2l.txt" | sed -n 1p)"
