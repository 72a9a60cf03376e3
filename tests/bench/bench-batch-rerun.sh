# A batch with a TM run twice (issue 16, point 5): the second, identical run
# must skip every document and take under 10 % of the first run's time, and
# leave the TM's bytes as they were. 144 documents (the six sample releases,
# each copied 24 times under other names) into bs, hr, sr-Latn, sr-Cyrl
# with the sample TM.
# Env: TUMAC (see tests/bench/run.sh).
set -u
work=$(mktemp -d "${TMPDIR:-/tmp}/tumac-bench-batch.XXXXXX")
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
calc() { python3 -c "import sys; print(format(eval(sys.argv[1]), sys.argv[2]))" "$1" "$2"; }

mkdir -p "$work/in"
for i in $(seq -w 1 24); do
    for f in samples/*.en.txt samples/*.en.html; do
        cp "$f" "$work/in/c$i-$(basename "$f")"
    done
done
docs=$(ls "$work/in" | wc -l)
"$TUMAC" tm import --tm "$work/tm.db" tm/samples.tmx 2>/dev/null
run() { "$TUMAC" batch --tm "$work/tm.db" -s en -t bs,hr,sr-Latn,sr-Cyrl -q -o "$work/out" "$work/in"; }
t0=$(now); run; t1=$(now)
cp "$work/tm.db" "$work/tm-first.db"
run; t2=$(now)
first=$(calc "$t1 - $t0" .2f)
again=$(calc "$t2 - $t1" .2f)
skipped=$(grep -c '"up_to_date": true' "$work/out/report.json")
same=$(cmp -s "$work/tm.db" "$work/tm-first.db" && echo yes || echo NO)
echo "batch of $docs documents x 4 locales with a TM: first run $first s, identical re-run $again s" \
     "($(calc "100 * ($t2 - $t1) / ($t1 - $t0)" .1f) % of the first; goal < 10 %)"
echo "re-run: $skipped of $((docs * 4)) items up to date; TM bytes unchanged: $same"
