#!/usr/bin/env bash
# Runs every tests/cli/NNN-*.sh against the tumac binary given. Each script
# reports checks through lib.sh (lines "PASS ..." / "FAIL ..."); a script that
# dies counts as one more failure. Prints details on stderr and "P F" on stdout.
# CLI_ONLY='50*' runs only the scripts whose names match (while working on one area).
# TEST_JOBS=N runs N scripts at a time (default 2: each has its own work folder
# and TM); the reports still come out in script order, one block per script.
# A script whose timing is part of what it checks (a lock waited for within a
# time-out) says "# cli-test: alone" on a line of its own and runs by itself.
set -u
tumac=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jobs=${TEST_JOBS:-2}
results=$(mktemp -d "${TMPDIR:-/tmp}/tumac-cli-results.XXXXXX")
trap 'rm -rf "$results"' EXIT

# run_one SCRIPT: runs it in a fresh work folder; leaves its output in
# $results/NAME.out and its exit status in $results/NAME.rc.
run_one() {
    local t=$1 name work rc TIMEFORMAT='%R %U %S'
    name=$(basename "$t" .sh)
    work=$(mktemp -d "${TMPDIR:-/tmp}/tumac-cli-$name.XXXXXX")
    # The default TM lives under XDG_DATA_HOME: one per script, never shared.
    # `time` reports the script's wall seconds and its CPU seconds (user,
    # sys), those of every process it waited for included.
    { time { (cd "$root" && env -u TUMAC_TM TUMAC="$tumac" WORK="$work" SHARED="$root/../shared" \
        XDG_DATA_HOME="$work/.data" bash "$t") >"$results/$name.out" 2>&1; rc=$?; }; } 2>"$results/$name.time"
    rm -rf "$work"
    echo "$rc" >"$results/$name.rc"
}

scripts=("$here"/${CLI_ONLY:-[0-9]*}.sh)
for t in "${scripts[@]}"; do
    if grep -qx '# cli-test: alone' "$t"; then
        wait
        run_one "$t"
        continue
    fi
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
        wait -n
    done
    run_one "$t" &
done
wait

pass=0
fail=0
wall=0
cpu=0
for t in "${scripts[@]}"; do
    name=$(basename "$t" .sh)
    out=$(cat "$results/$name.out" 2>/dev/null)
    rc=$(cat "$results/$name.rc" 2>/dev/null || echo "missing")
    p=$(grep -c '^PASS ' <<<"$out")
    f=$(grep -c '^FAIL ' <<<"$out")
    if [ "$rc" != 0 ] && [ "$f" -eq 0 ]; then
        f=1
        out="$out
FAIL $name: script exited with status $rc"
    fi
    pass=$((pass + p)); fail=$((fail + f))
    if [ "$f" -gt 0 ]; then
        grep -v '^PASS ' <<<"$out" | head -40 >&2
    fi
    read -r w u s <"$results/$name.time" 2>/dev/null || w=0 u=0 s=0
    c=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.1f", u + s }')
    echo "cli $name: $p passed, $f failed ($w s, $c s CPU)" >&2
    read -r wall cpu < <(awk -v a="$wall" -v b="$w" -v c="$cpu" -v d="$c" 'BEGIN { print a + b, c + d }')
done
echo "cli total: ${#scripts[@]} scripts, $pass passed, $fail failed, $wall s summed wall, $cpu s CPU ($tumac)" >&2
echo "$pass $fail"
