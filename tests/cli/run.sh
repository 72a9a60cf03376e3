#!/usr/bin/env bash
# Runs every tests/cli/NNN-*.sh against each tumac binary given (normally
# build/san/tumac and build/tumac). Each script reports checks through lib.sh
# (lines "PASS ..." / "FAIL ..."); a script that dies counts as one more
# failure. Prints details on stderr and "P F" (all binaries) on stdout.
# CLI_ONLY='50*' runs only the scripts whose names match (while working on one area).
# TEST_JOBS=N runs N scripts at a time (default: one more than the CPUs, at
# least 3, as some scripts mostly wait on a server or a lock; each has its
# own work folder and TM), the scripts of every binary in one pool,
# in the order the binaries are given (the slow sanitizer build first, so
# that the pool does not end on its long scripts while the other slot idles);
# the reports still come out per binary in script order, one line per script.
# A script whose timing is part of what it checks (a lock waited for within a
# time-out) says "# cli-test: alone" on a line of its own and runs by itself,
# after the pool. The pool starts the scripts that took longest in the last
# run first (each binary's folder keeps cli-times, "SCRIPT SECONDS" a line),
# so that it does not end on one long script while the other CPU idles;
# scripts without a time (a first run, a new script) go first, in order.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ncpu=$(nproc 2>/dev/null || echo 2)
jobs=${TEST_JOBS:-$((ncpu < 2 ? 3 : ncpu + 1))}
results=$(mktemp -d "${TMPDIR:-/tmp}/tumac-cli-results.XXXXXX")
trap 'rm -rf "$results"' EXIT

# run_one N SCRIPT: runs SCRIPT against binary number N in a fresh work
# folder; leaves its output, exit status and seconds in $results/N-NAME.*.
run_one() {
    local tumac=${tumacs[$1]} t=$2 name work rc TIMEFORMAT='%R %U %S'
    name=$1-$(basename "$t" .sh)
    work=$(mktemp -d "${TMPDIR:-/tmp}/tumac-cli-$(basename "$t" .sh).XXXXXX")
    # The default TM lives under XDG_DATA_HOME: one per script, never shared.
    # `time` reports the script's wall seconds and its CPU seconds (user,
    # sys), those of every process it waited for included.
    { time { (cd "$root" && env -u TUMAC_TM TUMAC="$tumac" WORK="$work" SHARED="$root/../shared" \
        XDG_DATA_HOME="$work/.data" bash "$t") >"$results/$name.out" 2>&1; rc=$?; }; } 2>"$results/$name.time"
    rm -rf "$work"
    echo "$rc" >"$results/$name.rc"
}

# report N: one line per script of binary N on stderr (and the lines that
# are not PASS of a script that failed), a total line; "P F" on stdout.
report() {
    local n=$1 t name out rc p f w u s c pass=0 fail=0 wall=0 cpu=0
    for t in "${scripts[@]}"; do
        name=$(basename "$t" .sh)
        out=$(cat "$results/$n-$name.out" 2>/dev/null)
        rc=$(cat "$results/$n-$name.rc" 2>/dev/null || echo "missing")
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
        read -r w u s <"$results/$n-$name.time" 2>/dev/null || w=0 u=0 s=0
        c=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.1f", u + s }')
        echo "cli $name: $p passed, $f failed ($w s, $c s CPU)" >&2
        read -r wall cpu < <(awk -v a="$wall" -v b="$w" -v c="$cpu" -v d="$c" 'BEGIN { print a + b, c + d }')
    done
    echo "cli total: ${#scripts[@]} scripts, $pass passed, $fail failed, $wall s summed wall, $cpu s CPU (${tumacs[$n]})" >&2
    echo "$pass $fail"
}

tumacs=()
for b in "$@"; do
    tumacs+=("$(realpath "$b")")
done
scripts=("$here"/${CLI_ONLY:-[0-9]*}.sh)

# times_file N: where binary N's scripts' wall seconds of the last run are kept.
times_file() {
    echo "$(dirname "${tumacs[$1]}")/cli-times"
}

# The pool's jobs as "SECONDS N SCRIPT", the longest first (unknown: first).
alone_n=() alone_t=()
pool=()
for n in "${!tumacs[@]}"; do
    for t in "${scripts[@]}"; do
        if grep -qx '# cli-test: alone' "$t"; then
            alone_n+=("$n") alone_t+=("$t")
            continue
        fi
        w=$(awk -v s="$(basename "$t" .sh)" '$1 == s { print $2 }' "$(times_file "$n")" 2>/dev/null)
        pool+=("${w:-999999} $n $t")
    done
done
# (the list comes on fd 3, which the scripts do not get: stdin stays theirs)
while read -r w n t <&3; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
        wait -n
    done
    run_one "$n" "$t" 3<&- &
done 3< <(printf '%s\n' "${pool[@]}" | sort -s -k1,1gr)
wait
for i in "${!alone_n[@]}"; do
    run_one "${alone_n[$i]}" "${alone_t[$i]}"
done

# Record this run's times for the next one (the other scripts' kept).
for n in "${!tumacs[@]}"; do
    f=$(times_file "$n")
    {
        for t in "${scripts[@]}"; do
            name=$(basename "$t" .sh)
            read -r w _ <"$results/$n-$name.time" 2>/dev/null && echo "$name $w"
        done
        cat "$f" 2>/dev/null
    } | awk '!seen[$1]++' | sort >"$f.tmp" 2>/dev/null && mv "$f.tmp" "$f" 2>/dev/null
done

pass=0
fail=0
for n in "${!tumacs[@]}"; do
    echo "== CLI tests (${tumacs[$n]})" >&2
    read -r p f < <(report "$n")
    pass=$((pass + p)); fail=$((fail + f))
done
echo "$pass $fail"
