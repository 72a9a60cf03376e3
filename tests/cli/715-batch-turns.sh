# tumac batch -j>1 on every path a document can leave its locales' ordered
# leverage turns by: leveraged, broken (fails before its turn), up to date
# (replayed only when a later document is redone), a derived script. Each
# run ends (a missed turn used to block the documents after it forever) and
# its XLIFF and documents are the same as with -j 1.
. tests/cli/lib.sh

tm="$WORK/tm.db"
check_ok "sample TM" "$TUMAC" tm import --tm "$tm" tm/samples.tmx
sample_copies "$WORK/in" 2
printf 'A good start.\n\nThen a bad byte \xe8 here.\n' > "$WORK/in/forum-youth-participation-01x.en.txt"
args=(-s en -t hr,sr-Latn,sr-Cyrl -q)
# The same files whatever -j (the report holds times and the output folder).
same_outputs() { diff -r -x 'report.*' -x 'analysis-*' -x .tumac-batch "$1" "$2" >/dev/null; }
# A run changes the TM's usage counts only; each starts from the same TM.
run() { # JOBS OUT
    cp "$tm" "$WORK/tm-$1.db"
    bounded 120 4000 "$TUMAC" batch --tm "$WORK/tm-$1.db" "${args[@]}" -j "$1" -o "$2" "$WORK/in"
}

for j in 1 2 3; do
    check_exit "-j $j: one broken document fails the run, which ends" 1 run "$j" "$WORK/j$j"
done
check_ok "-j 2 writes what -j 1 writes" same_outputs "$WORK/j1" "$WORK/j2"
check_ok "-j 3 writes what -j 1 writes" same_outputs "$WORK/j1" "$WORK/j3"
check_grep "the broken one is in the report" '"name": "forum-youth-participation-01x".*"state": "failed"' "$WORK/j2/report.json"
check_grep "sr-Cyrl is made from sr-Latn" '"derived_from": "sr-Latn"' "$WORK/j2/report.json"

# A document late in the run changes: the ones before it are up to date and
# replayed into the leverage order, those after it are redone.
last=$(ls "$WORK/in" | sort | tail -n 1)
printf '\nOne more sentence nobody has translated.\n' >> "$WORK/in/$last"
for j in 1 2; do
    check_exit "-j $j: the rerun ends" 1 run "$j" "$WORK/j$j"
done
check_grep "the rerun took earlier outputs as they were" '"up_to_date": true' "$WORK/j2/report.json"
check_ok "rerun: -j 2 writes what -j 1 writes" same_outputs "$WORK/j1" "$WORK/j2"
