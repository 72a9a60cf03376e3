# Time and peak memory (RSS, /usr/bin/time -v) of large inputs: text and
# HTML through extract, their XLIFF through validate and leverage, and a
# TMX through tm import, at BENCH_LARGE_MB sizes (default 50 100 200). The
# goal (issue 22): peak RSS under 4x the input and time linear in it; the
# ratios printed are RSS / input and, per step, the CPU time per MB relative
# to the smallest size (1.0 = linear; CPU rather than wall time, which other
# processes on a shared machine inflate). Each run is cut at BENCH_TIMEOUT seconds
# (default 1200). Inputs are made by large-gen.py from the samples' sentences,
# varied (words swapped, numbers changed, one in twenty repeated), not one
# text repeated; leverage runs without a TM (the document's own work: model,
# repetitions, writing) and with tm/samples.tmx (a lookup per segment);
# analyze with the same TM.
# Env: TUMAC (see tests/bench/run.sh), BENCH_LARGE_MB, BENCH_TIMEOUT,
# BENCH_LARGE_KINDS (default "text html tmx"), BENCH_LARGE_STEPS (default
# "extract validate lev-none leverage analyze import"). The XLIFF steps read
# an XLIFF of about the size named (the XLIFF limit is 256 MiB).
set -u
sizes=${BENCH_LARGE_MB:-50 100 200}
limit=${BENCH_TIMEOUT:-1200}
work=$(mktemp -d "${TMPDIR:-/tmp}/tumac-bench-large.XXXXXX")
trap 'rm -rf "$work"' EXIT

make_input() { # KIND MB OUT: varied text, html or tmx of about MB megabytes
    python3 tests/bench/large-gen.py "$@"
}

# measure NAME INPUT_BYTES CMD...: prints one line, remembers seconds per MB
declare -A base
measure() {
    local name=$1 bytes=$2; shift 2
    local log="$work/time.log" rc
    timeout "$limit" /usr/bin/time -v "$@" >/dev/null 2>"$log"
    rc=$?
    local s kb mb cpu
    s=$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log" |
        awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    kb=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$log")
    cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { t += $2 } END { print t }' "$log")
    mb=$(python3 -c "print(round($bytes / 1e6, 1))")
    if [ "$rc" -ne 0 ] || [ -z "$kb" ]; then
        printf '%-20s %7s MB  exit %s (timeout %s s?)\n' "$name" "$mb" "$rc" "$limit"
        return
    fi
    local per=$(python3 -c "print($cpu / ($bytes / 1e6))")
    [ -z "${base[$name]:-}" ] && base[$name]=$per
    python3 - "$name" "$mb" "$s" "$cpu" "$kb" "$bytes" "$per" "${base[$name]}" <<'PY'
import sys
name, mb = sys.argv[1], sys.argv[2]
s, cpu, kb, b, per, first = (float(x) for x in sys.argv[3:9])
print("%-20s %7s MB %8.1f s wall %8.1f s CPU %6.2f s/MB %7.0f MB peak RSS %5.1fx input  CPU/MB %.2fx of the smallest" %
      (name, mb, s, cpu, per, kb / 1024, kb * 1024 / b, per / first if first else 0))
PY
}

kinds=${BENCH_LARGE_KINDS:-text html tmx}
steps=" ${BENCH_LARGE_STEPS:-extract validate lev-none leverage analyze import} "
want() { case $steps in *" $1 "*) return 0 ;; esac; return 1; }
"$TUMAC" tm import --tm "$work/tm.db" tm/samples.tmx >/dev/null 2>&1
for mb in $sizes; do
    for kind in $kinds; do
        [ "$kind" = tmx ] && continue
        in="$work/in.$kind"
        [ "$kind" = text ] && in="$work/in.txt"
        if want extract; then
            make_input "$kind" "$mb" "$in"
            measure "extract $kind" "$(stat -c %s "$in")" "$TUMAC" extract -s en -t bs -o "$work/$kind.xlf" "$in"
        fi
        # the XLIFF steps on an XLIFF of about MB (its text or HTML smaller:
        # the XLIFF of a text is 1.6 times it, of a page 2.4 times)
        if want validate || want lev-none || want leverage || want analyze; then
            ratio=0.62
            [ "$kind" = html ] && ratio=0.42
            make_input "$kind" "$(python3 -c "print($mb * $ratio)")" "$in"
            "$TUMAC" extract -s en -t bs -o "$work/$kind.xlf" "$in" >/dev/null 2>&1
        fi
        if [ -s "$work/$kind.xlf" ]; then
            xb=$(stat -c %s "$work/$kind.xlf")
            want validate && measure "validate $kind.xlf" "$xb" "$TUMAC" validate "$work/$kind.xlf"
            want lev-none && measure "lev-none $kind.xlf" "$xb" "$TUMAC" leverage --tm none -o "$work/$kind.lev.xlf" "$work/$kind.xlf"
            want leverage && measure "leverage $kind.xlf" "$xb" "$TUMAC" leverage --tm "$work/tm.db" -o "$work/$kind.lev.xlf" "$work/$kind.xlf"
            want analyze && measure "analyze $kind.xlf" "$xb" "$TUMAC" analyze -t bs --tm "$work/tm.db" -o "$work/$kind.txt" "$work/$kind.xlf"
        fi
        rm -f "$in" "$work/$kind.xlf" "$work/$kind.lev.xlf" "$work/$kind.txt"
    done
    case " $kinds " in *" tmx "*)
        want import || continue
        make_input tmx "$mb" "$work/in.tmx"
        rm -f "$work/imp.db"*
        measure "tm import tmx" "$(stat -c %s "$work/in.tmx")" "$TUMAC" tm import --tm "$work/imp.db" "$work/in.tmx"
        rm -f "$work/in.tmx" "$work/imp.db"*
    esac
done
