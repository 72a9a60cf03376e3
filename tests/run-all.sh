#!/usr/bin/env bash
# Runs the unit tests and the CLI tests against each build folder given
# (normally build/san and build: the slower first), and the fuzz targets of
# $FUZZ_BUILD when set; ends with one "N passed, N failed" line. The unit
# tests and the fuzz runs go on in the background while the CLI scripts of
# every build run as one pool (tests/cli/run.sh), so that both CPUs stay busy
# until the end; the reports come out afterwards, in this order.
set -u
cd "$(dirname "$0")/.."
total_pass=0
total_fail=0
out=$(mktemp -d "${TMPDIR:-/tmp}/tumac-tests.XXXXXX")
trap 'rm -rf "$out"' EXIT

# timed NAME CMD...: runs CMD (its stdout and stderr as they were) and adds
# a line "time NAME: W s wall, U s user, S s sys" to the summary: `time` counts
# the CPU of every process CMD waited for.
timed() {
    local TIMEFORMAT="time $1: %R s wall, %U s user, %S s sys"
    shift
    { time "$@" 2>&3; } 3>&2 2>>"$out/times"
}

# add P F: counts a job's passes and failures.
add() {
    total_pass=$((total_pass + $1)); total_fail=$((total_fail + $2))
}

start=$SECONDS
i=0
for build in "$@"; do
    timed "unit $build" "$build/test-unit" >"$out/unit$i" 2>&1 &
    i=$((i + 1))
done
# The fuzz targets (make test sets FUZZ_BUILD): regression inputs, short runs.
if [ -n "${FUZZ_BUILD:-}" ]; then
    timed "fuzz" tests/fuzz/run.sh test "$FUZZ_BUILD" "${FUZZ_SECONDS:-10}" >"$out/fuzz.pf" 2>"$out/fuzz" &
fi
tumacs=()
for build in "$@"; do
    tumacs+=("$build/tumac")
done
timed "CLI $*" tests/cli/run.sh "${tumacs[@]}" >"$out/cli.pf" 2>"$out/cli"
wait

i=0
for build in "$@"; do
    echo "== unit tests ($build)"
    grep -E '^(FAIL|.*check failed|  got|  want|.*ERROR)' "$out/unit$i" | head -50
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out/unit$i" | tail -1)
    if [ -z "$line" ]; then
        tail -20 "$out/unit$i"
        echo "unit test runner crashed"
        add 0 1
    else
        p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
        echo "unit: $line"
        add "$p" "$f"
    fi
    i=$((i + 1))
done
cat "$out/cli"
read -r p f <"$out/cli.pf" || { p=0 f=1; echo "FAIL the CLI runner ended without a count"; }
add "$p" "$f"
if [ -n "${FUZZ_BUILD:-}" ]; then
    echo "== fuzz targets ($FUZZ_BUILD, ${FUZZ_TEST_RUNS:-1500} inputs each, at most ${FUZZ_SECONDS:-10} s)"
    cat "$out/fuzz"
    read -r p f <"$out/fuzz.pf" || { p=0 f=1; echo "FAIL the fuzz runner ended without a count"; }
    add "$p" "$f"
fi
cat "$out/times"
echo "time all tests: $((SECONDS - start)) s wall"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
