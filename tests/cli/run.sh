#!/usr/bin/env bash
# Runs every tests/cli/NNN-*.sh against the tumac binary given. Each script
# reports checks through lib.sh (lines "PASS ..." / "FAIL ..."); a script that
# dies counts as one more failure. Prints details on stderr and "P F" on stdout.
# CLI_ONLY='50*' runs only the scripts whose names match (while working on one area).
set -u
tumac=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pass=0
fail=0
for t in "$here"/${CLI_ONLY:-[0-9]*}.sh; do
    name=$(basename "$t" .sh)
    work=$(mktemp -d "${TMPDIR:-/tmp}/tumac-cli-$name.XXXXXX")
    out=$(cd "$root" && TUMAC="$tumac" WORK="$work" SHARED="$root/../shared" \
          bash "$t" 2>&1)
    rc=$?
    p=$(grep -c '^PASS ' <<<"$out")
    f=$(grep -c '^FAIL ' <<<"$out")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        out="$out
FAIL $name: script exited with status $rc"
    fi
    pass=$((pass + p)); fail=$((fail + f))
    if [ "$f" -gt 0 ]; then
        grep -v '^PASS ' <<<"$out" | head -40 >&2
    fi
    echo "cli $name: $p passed, $f failed" >&2
    rm -rf "$work"
done
echo "$pass $fail"
