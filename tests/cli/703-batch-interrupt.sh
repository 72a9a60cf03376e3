# tumac batch: SIGINT and kill -9 in the middle of a run, then a rerun: no
# damaged output, and the result equals an uninterrupted run's.
. tests/cli/lib.sh

sample_copies "$WORK/in" 10
args=(--tm none -s en -t hr,sr-Latn,sr-Cyrl --draft -j 2)
check_ok "uninterrupted reference run" "$TUMAC" batch "${args[@]}" -q -o "$WORK/ref" "$WORK/in"

# Start a run and stop it once it has done a few items.
run_and_kill() { # SIGNAL
    "$TUMAC" batch "${args[@]}" -o "$WORK/out" "$WORK/in" >"$WORK/run.out" 2>"$WORK/run.log" &
    local pid=$!
    wait_until 500 has_lines 3 '\] ' "$WORK/run.log"
    kill "-$1" "$pid" 2>/dev/null
    wait "$pid"
}
# Every output present is whole: the same bytes as the reference's.
outputs_whole() { # WHAT
    local bad=0 f
    while IFS= read -r f; do
        cmp -s "$WORK/out/$f" "$WORK/ref/$f" || { echo "  damaged: $f"; bad=1; }
    done < <(cd "$WORK/out" && find . -name '*.xlf' -o -name '*.txt' | grep -v '/\.')
    check_eq "$1" "$bad" 0
}

run_and_kill INT
check_eq "SIGINT stops the run with status 130" "$?" 130
check_grep "the report says interrupted" '"interrupted": true' "$WORK/out/report.json"
check_grep "the report keeps items not done" '"state": "not done"' "$WORK/out/report.json"
outputs_whole "after SIGINT every output is whole"

run_and_kill KILL
check_eq "kill -9 ends the run" "$?" 137
outputs_whole "after kill -9 every output is whole"

check_ok "rerun completes" "$TUMAC" batch "${args[@]}" -q -o "$WORK/out" "$WORK/in"
check_grep "rerun reuses finished items" '"up_to_date": true' "$WORK/out/report.json"
check_grep "rerun is not interrupted" '"interrupted": false' "$WORK/out/report.json"
check_ok "outputs equal the uninterrupted run" diff -r -x 'report.*' -x 'analysis-*' -x '.tumac-batch' "$WORK/ref" "$WORK/out"
counts() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(json.dumps([(i["name"],i["locale"],i["state"],i["counts"]) for i in r["items"]]))' "$1"; }
check_eq "the report counts as the uninterrupted run's" "$(counts "$WORK/out/report.json")" "$(counts "$WORK/ref/report.json")"
check_eq "no temporaries left" "$(find "$WORK/out" -name '.*.??????' | wc -l)" 0
