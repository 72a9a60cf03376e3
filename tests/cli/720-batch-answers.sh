# tumac batch keeps the TM's answers run-wide (issue 21): the same batch at
# -j 1 and -j 2 writes the same XLIFF, documents and report counts, and asks
# the TM no more at -j 2 than at -j 1 (report.json "tm_queries"); documents
# repeated across the run are looked up once: three copies of each release
# ask the TM exactly what one copy asks.
. tests/cli/lib.sh

tm="$WORK/tm.db"
check_ok "sample TM" "$TUMAC" tm import --tm "$tm" tm/samples.tmx
sample_copies "$WORK/one" 1
sample_copies "$WORK/three" 3
cp samples/*.en.html "$WORK/one/"
cp samples/*.en.html "$WORK/three/"
for f in samples/*.en.html; do
    for i in 2 3; do cp "$f" "$WORK/three/$(basename "$f" .en.html)-$i.en.html"; done
done
run() { # JOBS IN OUT: each run from the same TM (a run counts uses in it)
    cp "$tm" "$WORK/tm-$3.db"
    bounded 300 4000 "$TUMAC" batch --tm "$WORK/tm-$3.db" -s en -t bs,hr,sr-Latn,sr-Cyrl \
        -q -j "$1" -o "$WORK/$3" "$WORK/$2"
}
check_ok "-j 1, three copies" run 1 three j1
check_ok "-j 2, three copies" run 2 three j2
check_ok "-j 1, one copy" run 1 one once

# report.json without what differs by run: times, the TM's file, the folder
report_counts() {
    python3 - "$1" <<'PY'
import json, sys
def drop(o):
    if isinstance(o, dict):
        return {k: drop(v) for k, v in o.items()
                if k not in ("started", "seconds", "tm", "outdir", "tm_queries")}
    return [drop(v) for v in o] if isinstance(o, list) else o
print(json.dumps(drop(json.load(open(sys.argv[1]))), indent=1, sort_keys=True))
PY
}
queries() { sed -n 's/^ *"tm_queries": \([0-9]*\),*$/\1/p' "$1/report.json"; }
check_ok "-j 2 writes the XLIFF and documents -j 1 writes" \
    diff -r -x 'report.*' -x 'analysis-*' -x .tumac-batch "$WORK/j1" "$WORK/j2"
check_files_same "-j 2 reports the counts -j 1 reports" \
    <(report_counts "$WORK/j1/report.json") <(report_counts "$WORK/j2/report.json")
check_grep "the documents were leveraged from the TM" '"exact": {"words": [1-9]' "$WORK/j1/report.json"
q1=$(queries "$WORK/j1")
q2=$(queries "$WORK/j2")
qonce=$(queries "$WORK/once")
check_ok "the report counts the TM's lookups ($q1)" test "${q1:-0}" -gt 0
check_ok "-j 2 asks the TM no more than -j 1 ($q2 <= $q1)" test "${q2:-999999}" -le "${q1:-0}"
check_eq "three copies ask what one copy asks" "${qonce:-none}" "${q1:-0}"
