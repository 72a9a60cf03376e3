#!/usr/bin/env bash
# Runs the fuzz targets built in FUZZ_DIR (normally build/fuzz).
#
#   run.sh test FUZZ_DIR SECONDS
#       make test: replays every kept input of tests/fuzz/regress/TARGET/ and
#       runs each target FUZZ_TEST_RUNS inputs (default 1500) from its seed
#       corpus with a fixed seed, so a run is the same on every machine (a
#       time limit alone let a faster machine explore further and fail on
#       what this one never tried); SECONDS only caps a slow machine, which
#       then runs a prefix of the same sequence. Stops at the first failure,
#       whose input is kept in FUZZ_DIR/test-artifacts/TARGET/.
#       One PASS/FAIL line per check on stderr, "P F" on stdout.
#   run.sh campaign FUZZ_DIR SECONDS "TARGETS" [EXTRA_SEED_DIR...]
#       make fuzz: runs each target SECONDS in fork mode, going on past
#       crashes, timeouts and out-of-memory; new inputs go to
#       FUZZ_DIR/corpus/TARGET/, failing ones to FUZZ_DIR/artifacts/TARGET/.
#   run.sh triage FUZZ_DIR 0 ["TARGETS"]
#       the failing inputs of FUZZ_DIR/artifacts/, grouped by what failed.
set -u
cd "$(dirname "$0")/../.."
mode=$1 dir=$2 secs=$3
targets=${4:-xliff tmx html text srx translit office}
shift 4 2>/dev/null || shift $#
common=(-timeout=10 -rss_limit_mb=2048 -max_len=32768)

# A few small DOCX/ODT files of ../shared (Word, LibreOffice, Okapi and
# python-docx wrote them): headers, footers, notes, text boxes, fields,
# properties, a zip in an unusual order. Used in place: run time links them
# and writes their parts into FUZZ_DIR/seeds/office (never into the repo).
shared=${SHARED:-../shared}/data/office
office_shared=(okapi/openxml__reordered-zip.docx okapi/openxml__gold__TranNoStylesXml.docx
    okapi/openxml__948-1.docx okapi/openxml__gold__TranOutOfTheTextBox.docx
    okapi/openxml__gold__OutAddcomments.docx okapi/openxml__gold__TranDocProperties.docx
    okapi/openxml__gold__TranMissingPara.docx okapi/openxml__docx__header_text.docx
    okapi/openxml__gold__Tranwatermark.docx python-docx/features__steps__test_files__par-hlink-frags.docx
    okapi/openoffice__odt__simple.odt okapi/openoffice__odt__labels1.odt
    okapi/openoffice__bookmark-reference.odt okapi/openoffice__TestDocument04.odt)

office_seeds() {
    local out=$dir/seeds/office files=() f
    for f in "${office_shared[@]}"; do
        [ -f "$shared/$f" ] && files+=("$shared/$f")
    done
    rm -rf "$out"
    mkdir -p "$out"
    [ ${#files[@]} -gt 0 ] || return 0
    python3 tests/fuzz/office-seeds.py link "$out" "${files[@]}"
    python3 tests/fuzz/office-seeds.py parts "$out" "${files[@]}"
}

# The seed folders of a target: its corpus, and project files used in place.
seeds() {
    local d
    [ "$1" = office ] && office_seeds
    for d in "tests/fuzz/corpus/$1" $(case $1 in
            html) echo tests/data/html samples ;;
            text) echo samples tests/data/segment ;;
            office) echo samples/office samples/office/new "$dir/seeds/office" ;;
        esac); do
        [ -d "$d" ] && echo "$d"
    done
}

# The first line that says what went wrong in a libFuzzer log.
why() {
    grep -m1 -E 'PROPERTY FAILED|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|SUMMARY' "$1" ||
        tail -1 "$1"
}

run_test() {
    local pass=0 fail=0 t bin f log tmp
    log=$(mktemp)
    for t in $targets; do
        bin=$dir/fuzz-$t
        for f in tests/fuzz/regress/"$t"/*; do
            [ -f "$f" ] || continue
            if "$bin" "${common[@]}" "$f" >"$log" 2>&1; then
                echo "PASS fuzz $t: regression input $f" >&2; pass=$((pass + 1))
            else
                echo "FAIL fuzz $t: regression input $f: $(why "$log")" >&2; fail=$((fail + 1))
            fi
        done
        tmp=$(mktemp -d)
        mkdir -p "$dir/test-artifacts/$t"
        if "$bin" "${common[@]}" -seed=1 -runs="${FUZZ_TEST_RUNS:-1500}" -max_total_time="$secs" -print_final_stats=1 \
               -artifact_prefix="$dir/test-artifacts/$t/" "$tmp" $(seeds "$t") >"$log" 2>&1; then
            echo "PASS fuzz $t: $(grep -m1 -o 'Done [0-9]* runs in [0-9]* second(s)' "$log")" >&2
            pass=$((pass + 1))
        else
            echo "FAIL fuzz $t: $(why "$log") (input kept: $(grep -m1 -oP "Test unit written to \\K.*" "$log"))" >&2
            fail=$((fail + 1))
        fi
        rm -rf "$tmp"
    done
    rm -f "$log"
    echo "$pass $fail"
}

run_campaign() {
    local t bin log
    for t in $targets; do
        bin=$dir/fuzz-$t
        mkdir -p "$dir/corpus/$t" "$dir/artifacts/$t" "$dir/logs"
        log=$dir/logs/$t.log
        echo "== fuzz $t for $secs s (log: $log)"
        nice -n 10 "$bin" "${common[@]}" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
            -max_total_time="$secs" -artifact_prefix="$dir/artifacts/$t/" \
            "$dir/corpus/$t" $(seeds "$t") "$@" >"$log" 2>&1
        grep -E '^#[0-9]+: cov' "$log" | tail -1
        echo "failing inputs in $dir/artifacts/$t/: $(find "$dir/artifacts/$t" -type f | wc -l)"
    done
}

# Group the failing inputs of each target by what failed: the report's first
# line (without addresses) and the first frame in our code.
run_triage() {
    local t f log sig
    log=$(mktemp)
    for t in $targets; do
        for f in "$dir/artifacts/$t"/*; do
            [ -f "$f" ] || continue
            if "$dir/fuzz-$t" "${common[@]}" "$f" >"$log" 2>&1; then
                printf '%s\t%s\t%s\n' "$t" "passes now" "$f"
                continue
            fi
            sig="$(why "$log" | sed -E 's/==[0-9]+==//; s/0x[0-9a-f]+/ADDR/g; s/(differ at byte|lengths) [0-9, ()]+/\1 N/g' | cut -c1-150)"
            sig="$sig @ $(grep -oE 'in [a-z_0-9]+ /[^ ]*/src/[^ :]+' "$log" | grep -v 'alloc.c' | head -1 | sed -E 's| /[^ ]*/src/| src/|')"
            printf '%s\t%s\t%s\n' "$t" "$sig" "$f"
        done
    done | sort | awk -F'\t' '{ k = $1 "\t" $2; n[k]++; if (!(k in ex)) ex[k] = $3 }
        END { for (k in n) printf "%s\t%d inputs, e.g. %s\n", k, n[k], ex[k] }' | sort
    rm -f "$log"
}

case $mode in
    test) run_test ;;
    campaign) run_campaign "$@" ;;
    triage) run_triage ;;
    *) echo "usage: $0 test|campaign FUZZ_DIR SECONDS [TARGETS [SEED_DIR...]]" >&2; exit 2 ;;
esac
