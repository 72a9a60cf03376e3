#!/usr/bin/env bash
# Runs the unit tests and the CLI tests against each build folder given
# (normally build and build/san), and the fuzz targets of $FUZZ_BUILD when
# set; ends with one "N passed, N failed" line.
set -u
cd "$(dirname "$0")/.."
total_pass=0
total_fail=0
times_file=$(mktemp)
trap 'rm -f "$times_file" "$times_file.pf"' EXIT

# timed NAME CMD...: runs CMD (its stdout and stderr as they were) and adds
# a line "time NAME: W s wall, U s user, S s sys" to the summary: `time` counts
# the CPU of every process CMD waited for.
timed() {
    local TIMEFORMAT="time $1: %R s wall, %U s user, %S s sys"
    shift
    { time "$@" 2>&3; } 3>&2 2>>"$times_file"
}
for build in "$@"; do
    echo "== unit tests ($build)"
    out=$(timed "unit $build" "$build/test-unit" 2>&1)
    rc=$?
    echo "$out" | grep -E '^(FAIL|.*check failed|  got|  want|.*ERROR)' | head -50
    line=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -1)
    if [ -z "$line" ]; then
        echo "$out" | tail -20
        echo "unit test runner crashed (exit $rc)"
        total_fail=$((total_fail + 1))
    else
        p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
        echo "unit: $line"
        total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
    fi
    echo "== CLI tests ($build)"
    timed "CLI $build" tests/cli/run.sh "$build/tumac" >"$times_file.pf"
    read -r p f <"$times_file.pf"
    total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
done
# The fuzz targets (make test sets FUZZ_BUILD): regression inputs, short runs.
if [ -n "${FUZZ_BUILD:-}" ]; then
    echo "== fuzz targets ($FUZZ_BUILD, ${FUZZ_TEST_RUNS:-1500} inputs each, at most ${FUZZ_SECONDS:-10} s)"
    timed "fuzz" tests/fuzz/run.sh test "$FUZZ_BUILD" "${FUZZ_SECONDS:-10}" >"$times_file.pf"
    read -r p f <"$times_file.pf"
    total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
fi
cat "$times_file"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
