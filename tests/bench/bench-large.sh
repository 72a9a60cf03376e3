# Time and peak memory (RSS, /usr/bin/time -v) of large inputs: text and
# HTML through extract, their XLIFF through validate and leverage, and a
# TMX through tm import, at BENCH_LARGE_MB sizes (default 50 100 200). The
# goal (issue 22): peak RSS under 4x the input and time linear in it; the
# ratios printed are RSS / input and, per step, the CPU time per MB relative
# to the smallest size (1.0 = linear; CPU rather than wall time, which other
# processes on a shared machine inflate). Each run is cut at BENCH_TIMEOUT seconds
# (default 1200). Inputs are the samples repeated; the TM is tm/samples.tmx.
# Env: TUMAC (see tests/bench/run.sh), BENCH_LARGE_MB, BENCH_TIMEOUT.
set -u
sizes=${BENCH_LARGE_MB:-50 100 200}
limit=${BENCH_TIMEOUT:-1200}
work=$(mktemp -d "${TMPDIR:-/tmp}/tumac-bench-large.XXXXXX")
trap 'rm -rf "$work"' EXIT

make_input() { # KIND MB OUT: text, html or tmx of about MB megabytes
    python3 - "$1" "$2" "$3" samples/*.en.txt samples/*.en.html <<'PY'
import re, sys, html
kind, mb, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
texts = [open(f, encoding="utf-8").read() for f in sys.argv[4:] if f.endswith(".txt")]
bodies = []
for f in sys.argv[4:]:
    if f.endswith(".html"):
        m = re.search(r"<body[^>]*>(.*)</body>", open(f, encoding="utf-8").read(), re.S | re.I)
        bodies.append(m.group(1) if m else "")
want = int(mb * 1e6)
with open(out, "w", encoding="utf-8") as o:
    size, i = 0, 0
    if kind == "html":
        head = '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Large</title></head>\n<body>\n'
        o.write(head); size += len(head.encode())
    if kind == "tmx":
        head = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="bench"'
                ' creationtoolversion="1" segtype="sentence" o-tmf="bench" adminlang="en" srclang="en"'
                ' datatype="plaintext"/><body>\n')
        o.write(head); size += len(head.encode())
        sents = [s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if s.strip()]
    while size < want:
        if kind == "text":
            chunk = texts[i % len(texts)] + "\n\n"
        elif kind == "html":
            chunk = '<section id="s%d">\n%s\n</section>\n' % (i, bodies[i % len(bodies)])
        else:
            s = html.escape(sents[i % len(sents)], quote=False)
            chunk = ('<tu><tuv xml:lang="en"><seg>%s (%d)</seg></tuv>'
                     '<tuv xml:lang="bs"><seg>%s [%d]</seg></tuv></tu>\n' % (s, i, s, i))
        o.write(chunk); size += len(chunk.encode()); i += 1
    if kind == "html":
        o.write("</body>\n</html>\n")
    if kind == "tmx":
        o.write("</body></tmx>\n")
PY
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
        printf '%-18s %7s MB  exit %s (timeout %s s?)\n' "$name" "$mb" "$rc" "$limit"
        return
    fi
    local per=$(python3 -c "print($cpu / ($bytes / 1e6))")
    [ -z "${base[$name]:-}" ] && base[$name]=$per
    python3 - "$name" "$mb" "$s" "$cpu" "$kb" "$bytes" "$per" "${base[$name]}" <<'PY'
import sys
name, mb = sys.argv[1], sys.argv[2]
s, cpu, kb, b, per, first = (float(x) for x in sys.argv[3:9])
print("%-18s %7s MB %8.1f s wall %8.1f s CPU %7.0f MB peak RSS %5.1fx input  CPU/MB %.2fx of the smallest" %
      (name, mb, s, cpu, kb / 1024, kb * 1024 / b, per / first if first else 0))
PY
}

"$TUMAC" tm import --tm "$work/tm.db" tm/samples.tmx >/dev/null 2>&1
for mb in $sizes; do
    for kind in text html; do
        in="$work/in.$kind"
        [ "$kind" = text ] && in="$work/in.txt"
        make_input "$kind" "$mb" "$in"
        bytes=$(stat -c %s "$in")
        measure "extract $kind" "$bytes" "$TUMAC" extract -s en -t bs -o "$work/$kind.xlf" "$in"
        if [ -s "$work/$kind.xlf" ]; then
            xb=$(stat -c %s "$work/$kind.xlf")
            measure "validate $kind.xlf" "$xb" "$TUMAC" validate "$work/$kind.xlf"
            measure "leverage $kind.xlf" "$xb" "$TUMAC" leverage --tm "$work/tm.db" -o "$work/$kind.lev.xlf" "$work/$kind.xlf"
        fi
        rm -f "$in" "$work/$kind.xlf" "$work/$kind.lev.xlf"
    done
    make_input tmx "$mb" "$work/in.tmx"
    rm -f "$work/imp.db"*
    measure "tm import tmx" "$(stat -c %s "$work/in.tmx")" "$TUMAC" tm import --tm "$work/imp.db" "$work/in.tmx"
    rm -f "$work/in.tmx" "$work/imp.db"*
done
