# Helpers for CLI tests: source it, then call the checks. Each check prints
# "PASS <what>" or "FAIL <what>" with details; tests/cli/run.sh counts them.
# Environment: TUMAC (the binary), WORK (a scratch folder), SHARED (../shared).

# check_ok WHAT CMD...: the command exits 0.
check_ok() {
    local what=$1; shift
    if "$@" >"$WORK/.out" 2>"$WORK/.err"; then
        echo "PASS $what"
    else
        echo "FAIL $what: exit $? from: $*"; head -5 "$WORK/.err"
    fi
}

# check_exit WHAT CODE CMD...: the command exits with CODE.
check_exit() {
    local what=$1 want=$2; shift 2
    "$@" >"$WORK/.out" 2>"$WORK/.err"
    local got=$?
    if [ "$got" -eq "$want" ]; then
        echo "PASS $what"
    else
        echo "FAIL $what: exit $got, expected $want, from: $*"; head -5 "$WORK/.err"
    fi
}

# check_eq WHAT GOT WANT: two strings are equal.
check_eq() {
    if [ "$2" == "$3" ]; then
        echo "PASS $1"
    else
        echo "FAIL $1"; echo "  got:  $2"; echo "  want: $3"
    fi
}

# check_files_same WHAT A B: two files are byte-identical.
check_files_same() {
    if cmp -s "$2" "$3"; then
        echo "PASS $1"
    else
        echo "FAIL $1: $2 and $3 differ"; diff "$2" "$3" | head -10
    fi
}

# check_grep WHAT PATTERN FILE: FILE contains a line matching PATTERN (grep -E).
check_grep() {
    if grep -qE -- "$2" "$3"; then
        echo "PASS $1"
    else
        echo "FAIL $1: no match for /$2/ in $3"; head -5 "$3"
    fi
}

# check_no_file WHAT PATH: nothing exists at PATH (no damaged output).
check_no_file() {
    if [ ! -e "$2" ]; then
        echo "PASS $1"
    else
        echo "FAIL $1: $2 exists"
    fi
}

# wait_until TRIES CMD...: runs CMD every 0.01 s until it succeeds, at most
# TRIES times (a wait on a condition, not a sleep); fails if it never did.
wait_until() {
    local n=$1; shift
    until "$@"; do
        n=$((n - 1))
        [ "$n" -gt 0 ] || return 1
        sleep 0.01
    done
}

# has_lines N PATTERN FILE: FILE exists and has at least N lines matching
# PATTERN (grep -E), for wait_until on a log being written.
has_lines() {
    [ "$(grep -cE -- "$2" "$3" 2>/dev/null || true)" -ge "$1" ] 2>/dev/null
}

# sample_copies DIR N: N numbered copies of every English text sample in DIR
# (name-01.en.txt ...), input for the batch tests that need many documents.
sample_copies() {
    mkdir -p "$1"
    local i f
    for i in $(seq -w 1 "$2"); do
        for f in samples/*.en.txt; do
            cp "$f" "$1/$(basename "$f" .en.txt)-$i.en.txt"
        done
    done
}

# bounded SECONDS MB CMD...: runs CMD with at most SECONDS of time (timeout:
# exit 124) and MB of address space (ulimit -v; skipped under the
# sanitizers, whose shadow memory needs terabytes of address space), for
# hostile inputs that once took minutes and gigabytes.
bounded() {
    local secs=$1 mb=$2; shift 2
    (
        case $TUMAC in *san*) ;; *) ulimit -v $((mb * 1024)) ;; esac
        exec timeout "$secs" "$@"
    )
}

# check_findings PREFIX TEXT: TEXT (tumac check's findings, one a line) has a
# line matching each PATTERN given on stdin, one check a line as
# "WHAT<TAB>PATTERN" (grep -E); each passes or fails as "PREFIX: WHAT".
check_findings() {
    local prefix=$1 text=$2 what pattern
    while IFS=$'\t' read -r what pattern; do
        check_grep "$prefix: $what" "$pattern" <(printf '%s\n' "$text")
    done
}

# xsd_invalid SCHEMA FILE...: the FILEs that xmllint does not find valid by
# SCHEMA (those not well-formed included), one a line, sorted. One xmllint
# reads the schema once and says "FILE validates" for each valid one.
xsd_invalid() {
    local schema=$1; shift
    [ "$#" -gt 0 ] || return 0
    xmllint --nonet --noout --schema "$schema" "$@" 2>&1 >/dev/null |
        sed -n 's/ validates$//p' | sort -u >"$WORK/.xsd-valid"
    printf '%s\n' "$@" | sort -u | comm -23 - "$WORK/.xsd-valid"
}

# tumac_accepts FILE...: the FILEs that one `tumac validate` finds valid
# (its "FILE: valid" lines), one a line.
tumac_accepts() {
    [ "$#" -gt 0 ] || return 0
    "$TUMAC" validate "$@" 2>/dev/null | sed -n 's/: valid$//p'
}

# check_reconverts WHAT VERSION IN NAME: `tumac xliff convert --to VERSION`
# writes IN as $WORK/NAME1.xlf, converting that again writes NAME2.xlf, and
# the two are the same bytes (what the reader and writer make of their own
# output is stable: the fuzz findings of 950-954 each broke that once).
check_reconverts() {
    local what=$1 to=$2 in=$3 a=$WORK/${4}1.xlf b=$WORK/${4}2.xlf
    check_ok "$what" "$TUMAC" xliff convert --to "$to" -o "$a" "$in"
    check_ok "  ... and convert the result again" "$TUMAC" xliff convert --to "$to" -o "$b" "$a"
    check_files_same "  ... which changes nothing" "$a" "$b"
}
