# The analysis floor asked last (issue 21): analyze and batch ask the TM at
# 75 first and at the floor of 50 only for a segment with nothing there
# (first whether any unit reaches 50, in full only when that unit adapts to
# below 50). Their bands must be those of asking at the floor for every
# segment, which `analyze --min 50` still does (floor = threshold): a 71 %
# fuzzy counted 50-74 from the probe, a 61 % whose four stale numbers take
# it below 50 (the full floor query), a 79 % whose stale numbers take it to
# 59 (50-74 without the floor), an exact and a no match.
. tests/cli/lib.sh
tm="$WORK/tm.db"
printf '%s\t%s\n' \
    "The regional office opened a new training centre for young journalists in the old town hall." \
    "Regionalni ured otvorio je novi centar za obuku mladih novinara u staroj vijećnici." \
    "Volunteers cleaned the city parks and painted benches along the southern road last month." \
    "Volonteri su očistili gradske parkove i obojili klupe uz južni put prošlog mjeseca." \
    "In 2023 the committee approved 14 grants for 37 public libraries, 9 museums and 12 theatres." \
    "U 2023. odbor je odobrio 14 grantova za 37 javnih biblioteka, 9 muzeja i 12 pozorišta." \
    > "$WORK/tm.tsv"
check_ok "the TM" "$TUMAC" tm import --tm "$tm" -s en -t bs "$WORK/tm.tsv"
mkdir -p "$WORK/in"
printf '%s\n\n' \
    "Volunteers cleaned the river banks and planted trees along the northern path last weekend." \
    "The city board approved new grants for small libraries, museums and local theatres." \
    "The committee approved the grants for public libraries, museums and the theatres." \
    "The regional office opened a new training centre for young journalists in the old town hall." \
    "Completely unrelated words about weather forecasts on mountain roads." \
    > "$WORK/in/doc.en.txt"
check_ok "analyze, floor asked last" "$TUMAC" analyze --tm "$tm" -t bs -f json "$WORK/in/doc.en.txt"
cp "$WORK/.out" "$WORK/last.json"
check_ok "analyze at --min 50: the floor for every segment" "$TUMAC" analyze --tm "$tm" -t bs \
    --min 50 -f json "$WORK/in/doc.en.txt"
cp "$WORK/.out" "$WORK/floor.json"
check_ok "batch, floor asked last" "$TUMAC" batch --tm "$tm" -s en -t bs,hr -q -o "$WORK/out" "$WORK/in"
bands() {
    python3 - "$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
b = d["total"] if "total" in d else d["by_locale"]["bs"]["bands"]
print(" ".join(f'{k}={b[k]["segments"]}/{b[k]["words"]}' for k in sorted(b) if k not in ("total", "filled", "approved", "translated")))
PY
}
check_eq "the bands designed" "$(bands "$WORK/floor.json")" \
    "50_74=2/26 75_84=0/0 85_94=0/0 95_99=0/0 context=0/0 cross_file=0/0 exact=1/16 no_match=2/22 repetitions=0/0"
check_eq "analyze: the bands of the floor" "$(bands "$WORK/last.json")" "$(bands "$WORK/floor.json")"
check_eq "batch: the bands of the floor" "$(bands "$WORK/out/report.json")" "$(bands "$WORK/floor.json")"
